/* `duban import` (a task list into the store) and `duban plans` (what is stored). */
#include "cli/cli.h"

#include <string.h>

#include "service/import_service.h"
#include "service/plan_service.h"
#include "store/store.h"
#include "util/date.h"
#include "util/fileio.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const char import_usage[] =
	"用法: duban import 文件 [--replace | --skip-existing] [--format 格式] [--sheet 工作表] [--dry-run]\n"
	"\n"
	"导入一份重点任务清单（文本、docx、xlsx；GB18030 编码自动转换为 UTF-8）。\n"
	"整个导入在一个事务中完成：出错时数据库不做任何更改。文件为 - 时读标准输入。\n"
	"\n"
	"选项:\n"
	"  --replace          同一文件或同一文号（修订版）已导入时，用本文件替换其任务\n"
	"  --skip-existing    同一文件已导入时不做任何更改，照常返回成功\n"
	"  --format 格式      auto（默认：按内容和扩展名判断）、text、docx、xlsx\n"
	"  --sheet 工作表     xlsx：按名称读取这张工作表（默认：第一张可见的工作表）\n"
	"  --dry-run          只解析并显示结果，不写入数据库\n"
	"  -h, --help         显示本帮助\n"
	"\n"
	"输出: 文号、标题、各分类任务数、责任单位数；警告以“文件:行: 警告：…”写到标准错误。\n"
	"退出码: 0 成功；1 文件有误或已导入过；2 用法错误；3 数据库错误。\n";

static const char plans_usage[] =
	"用法: duban plans\n"
	"\n"
	"列出已导入的清单：ID、年份、文号、标题、任务数、导入时间（UTC）。\n"
	"其他命令用 --plan ID|文号|年份 选择清单，默认为最近导入的一份。\n"
	"\n"
	"退出码: 0 成功；2 用法错误；3 数据库错误。\n";

static const char *or_dash(const char *s)
{
	return s && *s ? s : "（无）";
}

static void print_warnings(struct cli *cli, const char *path, const struct diags *w)
{
	for (size_t i = 0; i < w->n; i++) {
		if (w->v[i].line > 0)
			fprintf(cli->msg, "%s:%d: 警告：%s\n", path, w->v[i].line, w->v[i].msg);
		else
			fprintf(cli->msg, "%s: 警告：%s\n", path, w->v[i].msg);
	}
}

static void print_summary(struct cli *cli, const struct svc_import *imp)
{
	const struct plan *p = &imp->doc.plan;
	struct svc_plan_summary sum;
	FILE *out = cli->out;

	switch (imp->outcome) {
	case SVC_IMPORT_PARSED:
		fputs("解析结果（--dry-run，未写入数据库）：", out);
		break;
	case SVC_IMPORT_ADDED:
		fputs("已导入：", out);
		break;
	case SVC_IMPORT_REPLACED:
		fputs("已替换：", out);
		break;
	case SVC_IMPORT_UNCHANGED:
		fputs("已导入过，未做更改：", out);
		break;
	}
	fprintf(out, "%s《%s》", p->doc_no && *p->doc_no ? p->doc_no : "（无文号）",
		or_dash(p->title));
	if (imp->plan_id)
		fprintf(out, "（清单 ID %lld）", (long long)imp->plan_id);
	fputc('\n', out);
	if (imp->outcome == SVC_IMPORT_UNCHANGED) {
		fprintf(out, "该文件已于 %s 导入。\n", imp->previous_at);
		return;
	}
	if (p->issuer && *p->issuer) {
		char d[DATE_ISO_LEN];

		date_format_iso(p->issued, d);
		fprintf(out, "发文机关：%s%s%s\n", p->issuer, *d ? "，成文日期：" : "", d);
	}

	svc_plan_summarize(&imp->doc, &sum);
	fprintf(out, "共 %zu 项任务", sum.ntasks);
	for (size_t i = 0; i < sum.nsections; i++)
		fprintf(out, "%s%s %zu 项", i ? "，" : "：",
			*sum.sections[i].section ? sum.sections[i].section : "未分类",
			sum.sections[i].ntasks);
	fputc('\n', out);
	fprintf(out, "责任单位 %zu 个（按原文写法计），量化目标 %zu 个，时间节点 %zu 个\n",
		sum.nunits, sum.ntargets, sum.nmilestones);
	if (imp->info.encoding && strcmp(imp->info.encoding, "UTF-8"))
		fprintf(out, "源文件编码为 %s，已转换为 UTF-8\n", imp->info.encoding);
	if (imp->outcome == SVC_IMPORT_REPLACED)
		fprintf(out, "（替换了 %s 导入的旧版本）\n", imp->previous_at);
	svc_plan_summary_release(&sum);
}

int cli_import_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *format_s = NULL, *sheet = NULL, *path = NULL;
	bool replace = false, skip = false, dry = false;
	const struct cli_opt opts[] = {
		{ "--replace", NULL, NULL, &replace },
		{ "--skip-existing", NULL, NULL, &skip },
		{ "--format", NULL, &format_s, NULL },
		{ "--sheet", NULL, &sheet, NULL },
		{ "--dry-run", NULL, NULL, &dry },
		{ NULL, NULL, NULL, NULL },
	};
	enum import_format format = IMPORT_FORMAT_AUTO;
	enum svc_import_mode mode = SVC_IMPORT_NEW;
	struct strbuf data = STRBUF_INIT;
	struct svc_import imp;
	struct store *st;
	size_t npos;
	int rc = -1;

	if (cli_wants_help(cli, argc, argv, import_usage))
		return 0;
	if (cli_parse_opts("import", argc, argv, opts, &path, 1, &npos, e))
		return -1;
	if (!npos)
		return cli_usage(e, "import", "缺少要导入的文件");
	if (replace && skip)
		return cli_usage(e, "import", "--replace 与 --skip-existing 不能同时使用");
	if (format_s && import_format_parse(format_s, &format))
		return cli_usage(e, "import", "--format 应为 auto、text、docx 或 xlsx：%s", format_s);
	if (replace)
		mode = SVC_IMPORT_REPLACE;
	else if (skip)
		mode = SVC_IMPORT_SKIP_EXISTING;

	svc_import_init(&imp);
	imp.sheet = sheet;
	if (fileio_read(path, IMPORT_MAX_BYTES, &data, e))
		goto out;
	/* Parse before opening the store: a bad file never touches the database. */
	rc = svc_import_parse(data.buf, data.len, path, format, &imp, e);
	print_warnings(cli, path, &imp.warnings);
	if (rc)
		goto out;
	rc = -1;
	if (!dry) {
		struct svc_actor actor = { cli_actor_name() };

		if (cli_store(cli, &st, e) || svc_import_store(st, &imp, mode, &actor, e))
			goto out;
	}
	print_summary(cli, &imp);
	rc = 0;
out:
	svc_import_release(&imp);
	strbuf_release(&data);
	return rc;
}

int cli_plans_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	struct store_plan_list l;
	struct store *st;
	size_t npos, wdoc = cli_width("文号"), wtitle = cli_width("标题");
	int rc = -1;

	if (cli_wants_help(cli, argc, argv, plans_usage))
		return 0;
	if (cli_parse_opts("plans", argc, argv, NULL, NULL, 0, &npos, e))
		return -1;
	if (cli_store(cli, &st, e))
		return -1;
	store_plan_list_init(&l);
	if (svc_plan_list(st, &l, e))
		goto out;
	if (!l.n) {
		fputs("数据库中还没有清单（用 duban import 文件 导入）。\n", cli->msg);
		rc = 0;
		goto out;
	}
	for (size_t i = 0; i < l.n; i++) {
		size_t w = cli_width(or_dash(l.v[i].doc_no));
		if (w > wdoc)
			wdoc = w;
		w = cli_width(or_dash(l.v[i].title));
		if (w > wtitle)
			wtitle = w;
	}
	fputs("ID    年份  ", cli->out);
	cli_put_cell(cli->out, "文号", wdoc + 2, false, false);
	cli_put_cell(cli->out, "标题", wtitle + 2, false, false);
	fputs("任务  导入时间\n", cli->out);
	for (size_t i = 0; i < l.n; i++) {
		const struct store_plan_row *r = &l.v[i];
		char year[16];

		if (r->year)
			snprintf(year, sizeof(year), "%d", r->year);
		else
			snprintf(year, sizeof(year), "-");
		fprintf(cli->out, "%-5lld %-5s ", (long long)r->id, year);
		cli_put_cell(cli->out, or_dash(r->doc_no), wdoc + 2, false, false);
		cli_put_cell(cli->out, or_dash(r->title), wtitle + 2, false, false);
		fprintf(cli->out, "%-5zu %s\n", r->ntasks, r->imported_at);
	}
	rc = 0;
out:
	store_plan_list_release(&l);
	return rc;
}
