/* `duban tasks`, `duban show N` and `duban targets`: reading one plan's tasks. */
#include "cli/cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "service/plan_service.h"
#include "store/store.h"
#include "util/date.h"
#include "util/banned.h"

#define TASKS_WIDTH 100		/* columns of a `duban tasks` line without --full */
#define LEAD_MAX_WIDTH 24	/* the lead-unit column, cut beyond this */
#define TEXT_MIN_WIDTH 16

static const char tasks_usage[] =
	"用法: duban tasks [--plan ID|文号|年份] [--full]\n"
	"\n"
	"列出清单的任务：序号、分类、牵头单位、配合单位数、任务内容开头。\n"
	"各列按显示宽度对齐（汉字占两列），每行不超过 100 列。\n"
	"\n"
	"选项:\n"
	"  --plan 清单   ID、文号或年份（默认：最近导入的清单）\n"
	"  --full        不截断，显示任务全文和完整单位名\n"
	"  -h, --help    显示本帮助\n"
	"\n"
	"退出码: 0 成功；1 清单不存在；2 用法错误；3 数据库错误。\n";

static const char show_usage[] =
	"用法: duban show 序号 [--plan ID|文号|年份]\n"
	"\n"
	"显示一项任务：全文、责任单位（牵头/配合）、量化目标、时间节点和完成时限。\n"
	"\n"
	"选项:\n"
	"  --plan 清单   ID、文号或年份（默认：最近导入的清单）\n"
	"  -h, --help    显示本帮助\n"
	"\n"
	"退出码: 0 成功；1 没有这项任务或清单；2 用法错误；3 数据库错误。\n";

static const char targets_usage[] =
	"用法: duban targets [--metric 文字] [--unit 计量单位] [--owner 责任单位] [--plan 清单]\n"
	"\n"
	"列出量化目标：序号、指标、比较方式、数值、计量单位和原文。\n"
	"比较方式：= 等于，≈ 左右/约，≥ 以上/不低于，≤ 以下/不超过，~ 区间。\n"
	"\n"
	"选项:\n"
	"  --metric 文字  只列指标名含该文字的目标（按 NFKC 归一、忽略大小写和空白比较）\n"
	"  --unit 计量单位  只列该计量单位的目标：元、%、亩、个…；亿元、万元即元，万人即人\n"
	"  --owner 单位   只列该责任单位（牵头或配合，按原文写法）承担的任务的目标\n"
	"  --plan 清单    ID、文号或年份（默认：最近导入的清单）\n"
	"  -h, --help     显示本帮助\n"
	"\n"
	"退出码: 0 成功；1 清单不存在；2 用法错误；3 数据库错误。\n";

static size_t max_sz(size_t a, size_t b)
{
	return a > b ? a : b;
}

int cli_tasks_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *plan = NULL;
	bool full = false;
	const struct cli_opt opts[] = {
		{ "--plan", NULL, &plan, NULL },
		{ "--full", NULL, NULL, &full },
		{ NULL, NULL, NULL, NULL },
	};
	struct plan_doc doc;
	struct store *st;
	size_t npos, wno = cli_width("序号"), wsec = cli_width("分类"),
		     wlead = cli_width("牵头单位"), wco = cli_width("配合"), wtext;
	int rc = -1;

	if (cli_wants_help(cli, argc, argv, tasks_usage))
		return 0;
	if (cli_parse_opts("tasks", argc, argv, opts, NULL, 0, &npos, e) ||
	    cli_store(cli, &st, e))
		return -1;
	plan_doc_init(&doc);
	if (svc_plan_load(st, plan, &doc, NULL, e))
		goto out;
	for (size_t i = 0; i < doc.ntasks; i++) {
		const struct task *t = &doc.tasks[i];
		char no[16];

		snprintf(no, sizeof(no), "%d", t->no);
		wno = max_sz(wno, strlen(no));
		wsec = max_sz(wsec, cli_width(t->section));
		if (t->nunits)
			wlead = max_sz(wlead, cli_width(t->units[0]));
	}
	if (!full && wlead > LEAD_MAX_WIDTH)
		wlead = LEAD_MAX_WIDTH;
	/* Columns are separated by two spaces; the text takes what is left. */
	{
		size_t used = wno + wsec + wlead + wco + 4 * 2;

		wtext = used + TEXT_MIN_WIDTH > TASKS_WIDTH ? TEXT_MIN_WIDTH : TASKS_WIDTH - used;
	}

	cli_put_cell(cli->out, "序号", wno + 2, false, false);
	cli_put_cell(cli->out, "分类", wsec + 2, false, false);
	cli_put_cell(cli->out, "牵头单位", wlead + 2, false, false);
	cli_put_cell(cli->out, "配合", wco + 2, false, false);
	fputs("任务\n", cli->out);
	for (size_t i = 0; i < doc.ntasks; i++) {
		const struct task *t = &doc.tasks[i];
		char no[16], co[24];

		snprintf(no, sizeof(no), "%d", t->no);
		snprintf(co, sizeof(co), "%zu", t->nunits ? t->nunits - 1 : 0);
		cli_put_cell(cli->out, no, wno + 2, false, false);
		cli_put_cell(cli->out, t->section, wsec + 2, false, false);
		cli_put_cell(cli->out, t->nunits ? t->units[0] : "", wlead, !full, false);
		fputs("  ", cli->out);
		fprintf(cli->out, "%*s  ", (int)wco, co);
		cli_put_cell(cli->out, t->text, wtext, !full, true);
		fputc('\n', cli->out);
	}
	rc = 0;
out:
	plan_doc_release(&doc);
	return rc;
}

/* A value for people: 590亿, 19万, 6.5. */
static void format_value(char *buf, size_t n, double v)
{
	double a = fabs(v);

	if (a >= 1e8 && fmod(v, 1e6) == 0)
		snprintf(buf, n, "%.15g亿", v / 1e8);
	else if (a >= 1e4 && fmod(v, 1e2) == 0)
		snprintf(buf, n, "%.15g万", v / 1e4);
	else
		snprintf(buf, n, "%.15g", v);
}

static const char *cmp_symbol(enum target_cmp c)
{
	switch (c) {
	case TARGET_EQ:
		return "=";
	case TARGET_APPROX:
		return "≈";
	case TARGET_GE:
		return "≥";
	case TARGET_LE:
		return "≤";
	case TARGET_RANGE:
		return "~";
	}
	return "=";
}

static void format_target_value(char *buf, size_t n, const struct target *g)
{
	char lo[48], hi[48];

	format_value(lo, sizeof(lo), g->value);
	if (g->cmp == TARGET_RANGE) {
		format_value(hi, sizeof(hi), g->max);
		snprintf(buf, n, "%s-%s", lo, hi);
	} else {
		snprintf(buf, n, "%s", lo);
	}
}

int cli_show_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *plan = NULL, *nos = NULL;
	const struct cli_opt opts[] = {
		{ "--plan", NULL, &plan, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct plan_doc doc;
	const struct task *t;
	struct store *st;
	size_t npos;
	long no;
	int rc = -1;
	FILE *out = cli->out;
	char d[DATE_ISO_LEN];

	if (cli_wants_help(cli, argc, argv, show_usage))
		return 0;
	if (cli_parse_opts("show", argc, argv, opts, &nos, 1, &npos, e))
		return -1;
	if (!npos)
		return cli_usage(e, "show", "缺少任务序号");
	if (cli_parse_int(nos, 1, 1000000000, &no, "任务序号", e))
		return -1;
	if (cli_store(cli, &st, e))
		return -1;
	plan_doc_init(&doc);
	if (svc_plan_load(st, plan, &doc, NULL, e))
		goto out;
	t = svc_task_find(&doc, (int)no);
	if (!t) {
		err_set(e, ERR_NOT_FOUND, "%s 中没有第 %ld 项任务（共 %zu 项）",
			*doc.plan.doc_no ? doc.plan.doc_no : "该清单", no, doc.ntasks);
		goto out;
	}
	fprintf(out, "第 %d 项", t->no);
	if (t->section && *t->section)
		fprintf(out, "（%s）", t->section);
	if (*doc.plan.doc_no)
		fprintf(out, "  %s", doc.plan.doc_no);
	fprintf(out, "\n\n%s\n\n", t->text);
	fputs("责任单位：\n", out);
	if (!t->nunits)
		fputs("  （无）\n", out);
	for (size_t i = 0; i < t->nunits; i++)
		fprintf(out, "  %s  %s\n", i ? "配合" : "牵头", t->units[i]);
	if (t->leader && *t->leader)
		fprintf(out, "责任领导：%s\n", t->leader);
	fputs("量化目标：\n", out);
	if (!t->ntargets)
		fputs("  （无）\n", out);
	for (size_t i = 0; i < t->ntargets; i++) {
		const struct target *g = &t->targets[i];
		char v[128];

		format_target_value(v, sizeof(v), g);
		fprintf(out, "  %s %s %s%s", *g->metric ? g->metric : "（未识别指标）",
			cmp_symbol(g->cmp), v, g->unit);
		if (g->qualifier)
			fprintf(out, "（%s）", g->qualifier);
		fprintf(out, "    原文：%s\n", g->text);
	}
	fputs("时间节点：\n", out);
	if (!t->nmilestones)
		fputs("  （无）\n", out);
	for (size_t i = 0; i < t->nmilestones; i++) {
		date_format_iso(t->milestones[i].due, d);
		fprintf(out, "  %s  %s\n", *d ? d : "（日期未定）", t->milestones[i].text);
	}
	date_format_iso(t->due, d);
	fprintf(out, "完成时限：%s\n", *d ? d : "（未定）");
	rc = 0;
out:
	plan_doc_release(&doc);
	return rc;
}

int cli_targets_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *plan = NULL;
	struct svc_target_filter f = { NULL, NULL, NULL };
	const struct cli_opt opts[] = {
		{ "--plan", NULL, &plan, NULL },
		{ "--metric", NULL, &f.metric, NULL },
		{ "--unit", NULL, &f.unit, NULL },
		{ "--owner", NULL, &f.owner, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_target_ref *refs = NULL;
	struct plan_doc doc;
	struct store *st;
	size_t npos, nrefs = 0, wno = cli_width("序号"), wmetric = cli_width("指标"),
		     wval = cli_width("数值"), wunit = cli_width("单位");
	int rc = -1;

	if (cli_wants_help(cli, argc, argv, targets_usage))
		return 0;
	if (cli_parse_opts("targets", argc, argv, opts, NULL, 0, &npos, e) ||
	    cli_store(cli, &st, e))
		return -1;
	plan_doc_init(&doc);
	if (svc_plan_load(st, plan, &doc, NULL, e) ||
	    svc_targets_filter(&doc, &f, &refs, &nrefs, e))
		goto out;
	for (size_t i = 0; i < nrefs; i++) {
		const struct target *g = refs[i].target;
		char v[128], no[16];

		snprintf(no, sizeof(no), "%d", refs[i].task->no);
		format_target_value(v, sizeof(v), g);
		wno = max_sz(wno, strlen(no));
		wmetric = max_sz(wmetric, cli_width(g->metric));
		wval = max_sz(wval, cli_width(v));
		wunit = max_sz(wunit, cli_width(g->unit));
	}
	cli_put_cell(cli->out, "序号", wno + 2, false, false);
	cli_put_cell(cli->out, "指标", wmetric + 2, false, false);
	cli_put_cell(cli->out, "比较", 6, false, false);
	cli_put_cell(cli->out, "数值", wval + 2, false, false);
	cli_put_cell(cli->out, "单位", wunit + 2, false, false);
	fputs("原文\n", cli->out);
	for (size_t i = 0; i < nrefs; i++) {
		const struct target *g = refs[i].target;
		char v[128], no[16];

		snprintf(no, sizeof(no), "%d", refs[i].task->no);
		format_target_value(v, sizeof(v), g);
		cli_put_cell(cli->out, no, wno + 2, false, false);
		cli_put_cell(cli->out, g->metric, wmetric + 2, false, false);
		cli_put_cell(cli->out, cmp_symbol(g->cmp), 6, false, false);
		cli_put_cell(cli->out, v, wval + 2, false, false);
		cli_put_cell(cli->out, g->unit, wunit + 2, false, false);
		fprintf(cli->out, "%s\n", g->text);
	}
	if (!nrefs)
		fputs("（没有符合条件的量化目标）\n", cli->msg);
	rc = 0;
out:
	free(refs);
	plan_doc_release(&doc);
	return rc;
}
