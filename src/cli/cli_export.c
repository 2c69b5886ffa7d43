/* `duban export`: a plan as JSON or CSV, to standard output or atomically to a file. */
#include "cli/cli.h"

#include <string.h>

#include "export/export_csv.h"
#include "export/export_json.h"
#include "service/plan_service.h"
#include "store/store.h"
#include "util/fileio.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const char export_usage[] =
	"用法: duban export [--format json|csv] [-o 文件] [--plan ID|文号|年份]\n"
	"\n"
	"导出一份清单。json（默认）含清单信息和每项任务的序号、分类、全文、责任单位、\n"
	"量化目标和时间节点；csv 为带 BOM 的 UTF-8（Excel、WPS 可直接打开），\n"
	"列为 序号、分类、重点任务、牵头单位、责任单位。\n"
	"\n"
	"选项:\n"
	"  --format 格式   json 或 csv（默认 json）\n"
	"  -o, --output 文件  写入该文件（先写临时文件再改名，不会留下半个文件）；默认标准输出\n"
	"  --plan 清单     ID、文号或年份（默认：最近导入的清单）\n"
	"  -h, --help      显示本帮助\n"
	"\n"
	"退出码: 0 成功；1 清单不存在或无法写文件；2 用法错误；3 数据库错误。\n";

int cli_export_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *plan = NULL, *format = NULL, *output = NULL;
	const struct cli_opt opts[] = {
		{ "--plan", NULL, &plan, NULL },
		{ "--format", NULL, &format, NULL },
		{ "--output", "-o", &output, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct strbuf sb = STRBUF_INIT;
	struct plan_doc doc;
	struct store *st;
	bool csv;
	size_t npos;
	int rc = -1;

	if (cli_wants_help(cli, argc, argv, export_usage))
		return 0;
	if (cli_parse_opts("export", argc, argv, opts, NULL, 0, &npos, e))
		return -1;
	if (format && strcmp(format, "json") && strcmp(format, "csv"))
		return cli_usage(e, "export", "--format 应为 json 或 csv：%s", format);
	csv = format && !strcmp(format, "csv");
	if (output && !*output)
		return cli_usage(e, "export", "-o 的文件名为空");
	if (cli_store(cli, &st, e))
		return -1;
	plan_doc_init(&doc);
	if (svc_plan_load(st, plan, &doc, NULL, e))
		goto out;
	if (csv)
		export_csv(&doc, &sb);
	else if (export_json(&doc, &sb, e))
		goto out;
	if (!output || !strcmp(output, "-")) {
		fflush(cli->out);
		if (fwrite(sb.buf, 1, sb.len, cli->out) != sb.len) {
			err_set(e, ERR_INTERNAL, "写标准输出失败");
			goto out;
		}
	} else {
		if (fileio_write_atomic(output, sb.buf, sb.len, e))
			goto out;
		fprintf(cli->msg, "已导出 %zu 项任务到 %s\n", doc.ntasks, output);
	}
	rc = 0;
out:
	strbuf_release(&sb);
	plan_doc_release(&doc);
	return rc;
}
