/* `duban export`: a plan as JSON or CSV, or the Excel ledger, to standard output or atomically to a file. */
#include "cli/cli.h"

#include <string.h>

#include "export/export_csv.h"
#include "cli/cli_sv.h"
#include "export/export_json.h"
#include "export/export_xlsx.h"
#include "service/ledger_service.h"
#include "service/plan_service.h"
#include "store/store.h"
#include "util/fileio.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const char export_usage[] =
	"用法: duban export [--format json|csv] [-o 文件] [--plan ID|文号|年份]\n"
	"      duban export --format xlsx -o 文件.xlsx [--year 年份] [--as-of 日期] [--config 文件]\n"
	"                   [--plan ID|文号|年份]\n"
	"\n"
	"导出一份清单。json（默认）含清单信息和每项任务的序号、分类、全文、责任单位、\n"
	"量化目标和时间节点；csv 为带 BOM 的 UTF-8（Excel、WPS 可直接打开），\n"
	"列为 序号、分类、重点任务、牵头单位、责任单位。\n"
	"xlsx 为督办台账（Excel）：序号、分类、重点任务、牵头单位、责任单位、目标、时间节点、\n"
	"最新进展、完成率、状态（红黄绿底色）、督办级别，数据截至 --as-of（默认今天）；\n"
	"给出 --year 时另附该年度考核表和考核明细。xlsx 须用 -o 指定文件。\n"
	"\n"
	"选项:\n"
	"  --format 格式   json、csv 或 xlsx（默认 json）\n"
	"  -o, --output 文件  写入该文件（先写临时文件再改名，不会留下半个文件）；默认标准输出\n"
	"  --plan 清单     ID、文号或年份（默认：最近导入的清单）\n"
	"  --year 年份     （xlsx）附该年度的考核表\n"
	"  --as-of 日期    （xlsx）台账截至日期（默认今天，不得晚于今天）\n"
	"  --config 文件   （xlsx）状态阈值配置文件（见 duban status --help）\n"
	"  -h, --help      显示本帮助\n"
	"\n"
	"退出码: 0 成功；1 清单不存在或无法写文件；2 用法错误；3 数据库错误。\n";

/* The Excel ledger (and the year's assessment) as of a day, written atomically to `output`. */
static int export_xlsx(struct cli *cli, const char *plan, const char *output, const char *year,
		       const char *as_of, const char *config, struct err *e)
{
	struct status_config cfg;
	const struct status_config *use;
	struct svc_ledger l;
	struct store *st;
	struct date day;
	long y = 0;
	int ret = -1;

	if (!output || !*output)
		return cli_usage(e, "export", "xlsx 须用 -o 指定输出文件");
	if (year && cli_parse_int(year, 1900, 2999, &y, "--year", e))
		return -1;
	if (clisv_view_day(cli, "export", as_of, &day, e) || clisv_config(config, &cfg, &use, e))
		return -1;
	svc_ledger_init(&l);
	if (cli_store(cli, &st, e) || svc_ledger_build(st, plan, day, use, (int)y, &l, e) ||
	    export_xlsx_ledger_file(&l.l, output, e))
		goto out;
	if (strcmp(output, "-"))
		fprintf(cli->msg, "已导出台账 %zu 项任务%s到 %s\n", l.l.nrows,
			l.l.assessment ? "及考核表" : "", output);
	ret = 0;
out:
	svc_ledger_release(&l);
	return ret;
}

int cli_export_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *plan = NULL, *format = NULL, *output = NULL, *year = NULL, *as_of = NULL,
		   *config = NULL;
	const struct cli_opt opts[] = {
		{ "--plan", NULL, &plan, NULL },
		{ "--format", NULL, &format, NULL },
		{ "--output", "-o", &output, NULL },
		{ "--year", NULL, &year, NULL },
		{ "--as-of", NULL, &as_of, NULL },
		{ "--config", NULL, &config, NULL },
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
	if (format && !strcmp(format, "xlsx"))
		return export_xlsx(cli, plan, output, year, as_of, config, e);
	if (year || as_of || config)
		return cli_usage(e, "export", "%s 只用于 --format xlsx",
				 year ? "--year" : as_of ? "--as-of" : "--config");
	if (format && strcmp(format, "json") && strcmp(format, "csv"))
		return cli_usage(e, "export", "--format 应为 json、csv 或 xlsx：%s", format);
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
