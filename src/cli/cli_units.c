/* `duban units`: units as written with their task counts; the directory's units; unverified names. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "service/directory_service.h"
#include "service/plan_service.h"
#include "store/store.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

static const char units_usage[] =
	"用法: duban units [--plan ID|文号|年份]\n"
	"      duban units --unverified [--plan ID|文号|年份]\n"
	"      duban units import 文件...\n"
	"      duban units export [-o 目录|文件] [--groups]\n"
	"\n"
	"列出清单中的责任单位（按原文写法）及其牵头、配合的任务数，\n"
	"按牵头数、再按配合数从多到少排列。已导入单位名录时，接着列出名录中\n"
	"每个单位的类别及其在本清单中牵头、配合的分工数（分组按成员展开），\n"
	"以及名录中找不到的“未核实”单位名称。\n"
	"\n"
	"选项:\n"
	"  --plan 清单     ID、文号或年份（默认：最近导入的清单）\n"
	"  --unverified    只列出未核实的单位名称及其出现的任务（不指定 --plan 时\n"
	"                  列出所有清单中的）\n"
	"  -h, --help      显示本帮助\n"
	"\n"
	"子命令:\n"
	"  import 文件...  导入单位名录（units.csv 和/或 groups.csv，按表头识别）\n"
	"  export          导出单位名录（详见 duban units export --help）\n"
	"\n"
	"退出码: 0 成功；1 清单不存在；2 用法错误；3 数据库错误。\n";

/* "安政发〔2022〕5号" for a plan id, from the list; "清单 ID n" when it has no number. */
static const char *plan_label(const struct store_plan_list *pl, int64_t id, char *buf, size_t n)
{
	for (size_t i = 0; i < pl->n; i++)
		if (pl->v[i].id == id && *pl->v[i].doc_no)
			return pl->v[i].doc_no;
	snprintf(buf, n, "清单 ID %lld", (long long)id);
	return buf;
}

/* "安政发〔2022〕5号 第 3、17 项；安政发〔2023〕5号 第 4 项" */
static void where_text(const struct store_plan_list *pl, const struct svc_unverified_name *u,
		       struct strbuf *sb)
{
	int64_t plan = 0;

	for (size_t i = 0; i < u->n; i++) {
		const struct store_assignment_row *r = u->rows[i];
		char buf[48];

		if (i == 0 || r->plan_id != plan) {
			if (i)
				strbuf_addstr(sb, " 项；");
			strbuf_addf(sb, "%s 第 %d", plan_label(pl, r->plan_id, buf, sizeof(buf)),
				    r->task_no);
			plan = r->plan_id;
		} else {
			strbuf_addf(sb, "、%d", r->task_no);
		}
	}
	if (u->n)
		strbuf_addstr(sb, " 项");
}

static int print_unverified(struct cli *cli, struct store *st, int64_t plan_id, struct err *e)
{
	struct svc_unverified u;
	struct store_plan_list pl;
	size_t w = cli_width("未核实的单位名称");
	int rc = -1;

	svc_unverified_init(&u);
	store_plan_list_init(&pl);
	if (svc_plan_list(st, &pl, e) || svc_unverified_list(st, plan_id, &u, e))
		goto out;
	if (!u.n) {
		fputs("没有未核实的单位名称。\n", cli->msg);
		rc = 0;
		goto out;
	}
	for (size_t i = 0; i < u.n; i++)
		if (cli_width(u.v[i].name) > w)
			w = cli_width(u.v[i].name);
	cli_put_cell(cli->out, "未核实的单位名称", w + 2, false, false);
	fputs("出现的任务\n", cli->out);
	for (size_t i = 0; i < u.n; i++) {
		struct strbuf sb = STRBUF_INIT;

		where_text(&pl, &u.v[i], &sb);
		cli_put_cell(cli->out, u.v[i].name, w + 2, false, false);
		fprintf(cli->out, "%s\n", sb.buf);
		strbuf_release(&sb);
	}
	rc = 0;
out:
	svc_unverified_release(&u);
	store_plan_list_release(&pl);
	return rc;
}

struct unit_order {
	size_t index;
	const struct svc_dir_unit_stat *stat;
};

static int cmp_unit_order(const void *a, const void *b)
{
	const struct unit_order *x = a, *y = b;

	if (x->stat->nlead != y->stat->nlead)
		return x->stat->nlead > y->stat->nlead ? -1 : 1;
	if (x->stat->nco != y->stat->nco)
		return x->stat->nco > y->stat->nco ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* The directory's units with their counts in plan `id`, then the unverified names. */
static int print_directory(struct cli *cli, struct store *st, int64_t id, struct err *e)
{
	struct directory d;
	struct svc_dir_unit_stat *stats = NULL;
	struct unit_order *order = NULL;
	struct svc_unverified u;
	size_t wkind = cli_width("类别");
	int rc = -1;

	directory_init(&d);
	svc_unverified_init(&u);
	if (svc_directory_unit_stats(st, id, &d, &stats, e))
		goto out;
	if (!d.nunits && !d.ngroups) {
		rc = 0;	/* no directory: the table above is all there is */
		goto out;
	}
	if (svc_unverified_list(st, id, &u, e))
		goto out;
	order = xmalloc((d.nunits ? d.nunits : 1) * sizeof(*order));
	for (size_t i = 0; i < d.nunits; i++) {
		order[i].index = i;
		order[i].stat = &stats[i];
		if (cli_width(unit_kind_label(d.units[i].kind)) > wkind)
			wkind = cli_width(unit_kind_label(d.units[i].kind));
	}
	if (d.nunits)
		qsort(order, d.nunits, sizeof(*order), cmp_unit_order);
	fprintf(cli->out, "\n单位名录：%zu 个单位，%zu 个分组；本清单的责任分工（分组按成员展开）：\n",
		d.nunits, d.ngroups);
	fputs("牵头  配合  ", cli->out);
	cli_put_cell(cli->out, "类别", wkind + 2, false, false);
	fputs("单位\n", cli->out);
	for (size_t i = 0; i < d.nunits; i++) {
		const struct unit *un = &d.units[order[i].index];

		fprintf(cli->out, "%4zu  %4zu  ", order[i].stat->nlead, order[i].stat->nco);
		cli_put_cell(cli->out, unit_kind_label(un->kind), wkind + 2, false, false);
		fprintf(cli->out, "%s%s\n", un->name, un->active ? "" : "（已停用）");
	}
	if (!u.n) {
		fputs("\n未核实的单位名称：无\n", cli->out);
	} else {
		fprintf(cli->out, "\n未核实的单位名称 %zu 个（出处见 duban units --unverified）：\n",
			u.n);
		for (size_t i = 0; i < u.n; i++)
			fprintf(cli->out, "  %s（%zu 项任务）\n", u.v[i].name, u.v[i].n);
	}
	rc = 0;
out:
	free(stats);
	free(order);
	directory_release(&d);
	svc_unverified_release(&u);
	return rc;
}

int cli_units_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *plan = NULL;
	bool unverified = false;
	const struct cli_opt opts[] = {
		{ "--plan", NULL, &plan, NULL },
		{ "--unverified", NULL, NULL, &unverified },
		{ NULL, NULL, NULL, NULL },
	};
	struct store_unit_stats us;
	struct store *st;
	int64_t id = 0;
	size_t npos;
	int rc = -1;

	if (argc >= 2 && !strcmp(argv[1], "import"))
		return cli_units_import_run(cli, argc - 1, argv + 1, e);
	if (argc >= 2 && !strcmp(argv[1], "export"))
		return cli_units_export_run(cli, argc - 1, argv + 1, e);
	if (cli_wants_help(cli, argc, argv, units_usage))
		return 0;
	if (cli_parse_opts("units", argc, argv, opts, NULL, 0, &npos, e) || cli_store(cli, &st, e))
		return -1;
	if (unverified) {
		if (plan && svc_plan_resolve(st, plan, &id, e))
			return -1;
		return print_unverified(cli, st, id, e);
	}
	if (svc_plan_resolve(st, plan, &id, e))
		return -1;
	store_unit_stats_init(&us);
	if (svc_unit_stats(st, id, &us, e))
		goto out;
	fputs("牵头  配合  单位\n", cli->out);
	for (size_t i = 0; i < us.n; i++)
		fprintf(cli->out, "%4zu  %4zu  %s\n", us.v[i].nlead, us.v[i].nco, us.v[i].name);
	if (print_directory(cli, st, id, e))
		goto out;
	rc = 0;
out:
	store_unit_stats_release(&us);
	return rc;
}
