/* `duban bulletin`: the progress bulletin (进展通报) of a period as HTML or Markdown, optionally issued (stored). */
#include "cli/cli.h"

#include <string.h>

#include "cli/cli_sv.h"
#include "export/bulletin.h"
#include "service/bulletin_service.h"
#include "store/store.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const char bulletin_usage[] =
	"用法: duban bulletin --period 期 [--format html|md] [-o 文件] [--issue]\n"
	"                     [--requirements 文字] [--plan 清单] [--config 文件]\n"
	"\n"
	"生成一期进展通报：总体情况（已完成、超进度、达进度、欠进度、其它各多少项）、已完成\n"
	"任务、欠进度和逾期未完成任务及责任单位自己说明的原因、逾期未报单位、本期督办事项、\n"
	"单位考核排名，以及与上一期已印发通报的对比（转红、转绿、连续滞后、原因是否照抄上期）。\n"
	"数据截至该期最后一天（尚未结束的期截至今天）。不加 --issue 只生成、不保存；\n"
	"--issue 印发：保存本期摘要并编号（第 N 期），下一期据此对比。每期只能印发一次。\n"
	"\n"
	"选项:\n"
	"  --period 期        月 YYYY-MM 或季度 YYYY-Qn（必填）\n"
	"  --format 格式      html（可打印）或 md（Markdown）；默认按 -o 的扩展名，否则 md\n"
	"  -o, --output 文件  写入该文件（先写临时文件再改名）；默认标准输出\n"
	"  --issue            印发并保存\n"
	"  --requirements 文字  下步工作要求（每行一段）\n"
	"  --plan 清单        ID、文号或年份（默认：最近导入的清单）\n"
	"  --config 文件      状态阈值配置文件（见 duban status --help）\n"
	"\n"
	"退出码: 0 成功；1 通报期有误、已印发；2 用法错误；3 数据库错误。\n";

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

int cli_bulletin_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *period = NULL, *format = NULL, *output = NULL, *plan = NULL, *config = NULL,
		   *requirements = NULL;
	bool issue = false, html;
	const struct cli_opt opts[] = {
		{ "--period", NULL, &period, NULL },
		{ "--format", NULL, &format, NULL },
		{ "--output", "-o", &output, NULL },
		{ "--plan", NULL, &plan, NULL },
		{ "--config", NULL, &config, NULL },
		{ "--requirements", NULL, &requirements, NULL },
		{ "--issue", NULL, NULL, &issue },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_actor actor = { cli_actor_name() };
	struct svc_rctx rc = { &actor, 0, cli->today };
	struct svc_bulletin_opts o;
	struct status_config cfg;
	struct svc_bulletin b;
	struct strbuf sb = STRBUF_INIT;
	struct store *st;
	size_t npos;
	int ret = -1;

	if (cli_wants_help(cli, argc, argv, bulletin_usage))
		return 0;
	memset(&o, 0, sizeof(o));
	if (cli_parse_opts("bulletin", argc, argv, opts, NULL, 0, &npos, e) ||
	    clisv_config(config, &cfg, &o.status_cfg, e))
		return -1;
	if (!period)
		return cli_usage(e, "bulletin", "缺少 --period（月 YYYY-MM 或季度 YYYY-Qn）");
	if (format && strcmp(format, "html") && strcmp(format, "md"))
		return cli_usage(e, "bulletin", "--format 应为 html 或 md：%s", format);
	if (output && !*output)
		return cli_usage(e, "bulletin", "-o 的文件名为空");
	html = format ? !strcmp(format, "html")
		      : output && (ends_with(output, ".html") || ends_with(output, ".htm"));
	o.plan_spec = plan;
	o.period = period;
	o.requirements = requirements;
	o.issue = issue;
	svc_bulletin_init(&b);
	if (cli_store(cli, &st, e) || svc_bulletin_make(st, &rc, &o, &b, e))
		goto out;
	if (html)
		bulletin_render_html(&b.b, &sb);
	else
		bulletin_render_markdown(&b.b, &sb);
	if (clisv_write(cli, output, sb.buf, sb.len, e))
		goto out;
	if (b.issued_now)
		fprintf(cli->msg, "已印发：%s，%s\n", b.b.title, b.b.issue_no);
	ret = 0;
out:
	strbuf_release(&sb);
	svc_bulletin_release(&b);
	return ret;
}
