/* `duban units import|export`, `duban unit NAME` and `duban assignments`: the directory and assignments. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "service/directory_service.h"
#include "service/plan_service.h"
#include "store/store.h"
#include "util/fileio.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define LINE_WIDTH 100	/* columns of a table line, as `duban tasks` */
#define TEXT_MIN_WIDTH 16

static const char import_usage[] =
	"用法: duban units import 文件...\n"
	"\n"
	"导入单位名录：units.csv（单位名称,类别,简称及别名,上级单位,是否启用）和/或\n"
	"groups.csv（分组名称,成员单位[,简称及别名]），按表头识别，不看文件名。格式见 docs/CLI.md。\n"
	"只给 units.csv 时保留原有分组，只给 groups.csv 时保留原有单位。\n"
	"同一单位（按名称，或按列为别名的旧名称）保留原编号；随后重新生成所有清单的\n"
	"责任分工：原有分工保留编号，新增的加入，不再适用的标为已撤销（不删除）。\n"
	"整个导入在一个事务中完成：出错时数据库不做任何更改。\n"
	"\n"
	"输出: 单位和分组的新增、变更、移出数；分工的保留、更新、新增、撤销数；\n"
	"清单中出现的新别名；剩余的未核实单位名称数。\n"
	"退出码: 0 成功；1 文件有误；2 用法错误；3 数据库错误。\n";

static const char export_usage[] =
	"用法: duban units export [-o 目录|文件] [--groups]\n"
	"\n"
	"导出单位名录为 CSV（UTF-8 带 BOM，CRLF 换行，可直接用 Excel/WPS 打开，\n"
	"也可修改后用 duban units import 导入）。\n"
	"\n"
	"选项:\n"
	"  -o, --output 目录  在该目录中写 units.csv 和 groups.csv 两个文件\n"
	"  -o, --output 文件  写到该文件：单位表，或加 --groups 时为分组表\n"
	"  --groups           （不指定目录时）导出分组表而不是单位表\n"
	"  -h, --help         显示本帮助\n"
	"\n"
	"不指定 -o 时写到标准输出。文件先写到临时文件再改名，读者不会看到半个文件。\n"
	"退出码: 0 成功；1 无法写入；2 用法错误；3 数据库错误。\n";

static const char unit_usage[] =
	"用法: duban unit 单位名称 [--plan ID|文号|年份]\n"
	"\n"
	"显示一个单位在清单中的分工：牵头的任务、配合的任务，以及每项分工是直接\n"
	"点名还是经由哪个分组（如“各县（市、区）政府”）而来。单位名称可以是名录中的\n"
	"名称、简称或别名，或清单中的写法；不在名录中的写法按“未核实”单位显示。\n"
	"\n"
	"选项:\n"
	"  --plan 清单   ID、文号或年份（默认：最近导入的清单）\n"
	"  -h, --help    显示本帮助\n"
	"\n"
	"退出码: 0 成功；1 没有这个单位或清单，或名称是分组；2 用法错误；3 数据库错误。\n";

static const char assignments_usage[] =
	"用法: duban assignments [--task 序号] [--plan ID|文号|年份]\n"
	"\n"
	"列出责任分工：每个分工一行——任务序号、分工 ID、单位、角色（牵头/配合）、\n"
	"经由的分组、状态（有效/已撤销），以及单位与原文写法不同时的原文。\n"
	"分组按成员展开：每个成员单位一项分工，各自报送进展。\n"
	"\n"
	"选项:\n"
	"  --task 序号   只列这一项任务的分工（并显示任务和原文责任单位）\n"
	"  --plan 清单   ID、文号或年份（默认：最近导入的清单）\n"
	"  -h, --help    显示本帮助\n"
	"\n"
	"退出码: 0 成功；1 没有这项任务或清单；2 用法错误；3 数据库错误。\n";

static size_t max_sz(size_t a, size_t b)
{
	return a > b ? a : b;
}

/* ---- duban units import ---- */

static void print_import(struct cli *cli, const struct svc_directory_import *r)
{
	FILE *out = cli->out;
	const struct svc_derive_stats *d = &r->derive;

	fprintf(out, "已导入单位名录：单位 %zu 个（新增 %zu，变更 %zu，移出 %zu），"
		"分组 %zu 个（新增 %zu，变更 %zu，移出 %zu）\n",
		r->dir.nunits, r->units_added, r->units_changed, r->units_dropped,
		r->dir.ngroups, r->groups_added, r->groups_changed, r->groups_dropped);
	fprintf(out, "责任分工：保留 %zu，更新 %zu，新增 %zu，撤销 %zu（清单 %zu 份，任务 %zu 项）\n",
		d->kept, d->updated, d->added, d->retired, d->nplans, d->ntasks);
	if (d->nnew_aliases) {
		fprintf(out, "清单中出现的新别名 %zu 个（请核实后加入 units.csv 的“简称及别名”）：\n",
			d->nnew_aliases);
		for (size_t i = 0; i < d->nnew_aliases; i++)
			fprintf(out, "  “%s”→ %s（原文：%s）\n", d->new_aliases[i].alias,
				d->new_aliases[i].unit, d->new_aliases[i].written);
	} else {
		fputs("清单中出现的新别名：无\n", out);
	}
	if (r->unverified_names)
		fprintf(out, "未核实的单位名称：%zu 个（用 duban units --unverified 查看）\n",
			r->unverified_names);
	else
		fputs("未核实的单位名称：无\n", out);
	for (size_t i = 0; i < r->notes.n; i++)
		fprintf(cli->msg, "注意：%s\n", r->notes.v[i].msg);
}

int cli_units_import_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char **paths = NULL;
	struct svc_directory_import r;
	struct svc_actor actor = { cli_actor_name() };
	struct store *st;
	size_t npos;
	int rc = -1;

	if (cli_wants_help(cli, argc, argv, import_usage))
		return 0;
	paths = xcalloc((size_t)argc, sizeof(*paths));
	svc_directory_import_init(&r);
	if (cli_parse_opts("units import", argc, argv, NULL, paths, (size_t)argc, &npos, e))
		goto out;
	if (!npos) {
		cli_usage(e, "units import", "缺少要导入的文件（units.csv、groups.csv）");
		goto out;
	}
	if (cli_store(cli, &st, e) || svc_directory_import_files(st, paths, npos, &actor, &r, e))
		goto out;
	print_import(cli, &r);
	rc = 0;
out:
	svc_directory_import_release(&r);
	free(paths);
	return rc;
}

/* ---- duban units export ---- */

static bool is_dir(const char *path)
{
	struct stat sb;
	size_t n = strlen(path);

	if (n && path[n - 1] == '/')
		return true;
	return !stat(path, &sb) && S_ISDIR(sb.st_mode);
}

static int write_file(struct cli *cli, const char *path, const struct strbuf *sb, struct err *e)
{
	if (fileio_write_atomic(path, sb->buf, sb->len, e))
		return -1;
	fprintf(cli->msg, "已写入 %s\n", path);
	return 0;
}

int cli_units_export_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *output = NULL;
	bool groups = false;
	const struct cli_opt opts[] = {
		{ "--output", "-o", &output, NULL },
		{ "--groups", NULL, NULL, &groups },
		{ NULL, NULL, NULL, NULL },
	};
	struct strbuf units_csv = STRBUF_INIT, groups_csv = STRBUF_INIT;
	struct store *st;
	size_t npos;
	int rc = -1;

	if (cli_wants_help(cli, argc, argv, export_usage))
		return 0;
	if (cli_parse_opts("units export", argc, argv, opts, NULL, 0, &npos, e) ||
	    cli_store(cli, &st, e) || svc_directory_export(st, &units_csv, &groups_csv, e))
		goto out;
	if (output && strcmp(output, "-") && is_dir(output)) {
		size_t n = strlen(output);
		const char *sep = n && output[n - 1] == '/' ? "" : "/";
		char *u = xasprintf("%s%sunits.csv", output, sep);
		char *g = xasprintf("%s%sgroups.csv", output, sep);
		int r = write_file(cli, u, &units_csv, e) || write_file(cli, g, &groups_csv, e);

		free(u);
		free(g);
		if (r)
			goto out;
	} else if (output && strcmp(output, "-")) {
		if (write_file(cli, output, groups ? &groups_csv : &units_csv, e))
			goto out;
	} else {
		const struct strbuf *sb = groups ? &groups_csv : &units_csv;

		fwrite(sb->buf, 1, sb->len, cli->out);
	}
	rc = 0;
out:
	strbuf_release(&units_csv);
	strbuf_release(&groups_csv);
	return rc;
}

/* ---- duban unit NAME ---- */

/* The groups unit `u` belongs to, "、"-joined. */
static void groups_of(const struct directory *d, size_t u, struct strbuf *sb)
{
	for (size_t g = 0; g < d->ngroups; g++)
		for (size_t j = 0; j < d->groups[g].nmembers; j++)
			if (d->groups[g].members[j] == u) {
				strbuf_addf(sb, "%s%s", sb->len ? "、" : "", d->groups[g].name);
				break;
			}
}

/* Rows of one role: 序号, 分工 ID, 经由, 任务. */
static void print_role(struct cli *cli, const struct svc_unit_view *v, const struct plan_doc *doc,
		       enum assignment_role role)
{
	size_t n = 0, wno = cli_width("序号"), wid = cli_width("分工ID"),
	       wvia = cli_width("经由"), wtext, used;

	for (size_t i = 0; i < v->rows.n; i++) {
		const struct store_assignment_row *r = &v->rows.v[i];
		char buf[32];

		if (r->a.role != role)
			continue;
		n++;
		snprintf(buf, sizeof(buf), "%d", r->task_no);
		wno = max_sz(wno, strlen(buf));
		snprintf(buf, sizeof(buf), "%lld", (long long)r->a.id);
		wid = max_sz(wid, strlen(buf));
		wvia = max_sz(wvia, cli_width(r->group_name ? r->group_name : "直接"));
	}
	fprintf(cli->out, "\n%s任务 %zu 项%s\n", assignment_role_label(role), n, n ? "：" : "");
	if (!n)
		return;
	used = wno + wid + wvia + 3 * 2;
	wtext = used + TEXT_MIN_WIDTH > LINE_WIDTH ? TEXT_MIN_WIDTH : LINE_WIDTH - used;
	cli_put_cell(cli->out, "序号", wno + 2, false, false);
	cli_put_cell(cli->out, "分工ID", wid + 2, false, false);
	cli_put_cell(cli->out, "经由", wvia + 2, false, false);
	fputs("任务\n", cli->out);
	for (size_t i = 0; i < v->rows.n; i++) {
		const struct store_assignment_row *r = &v->rows.v[i];
		const struct task *t;
		char no[32], id[32];

		if (r->a.role != role)
			continue;
		t = svc_task_find(doc, r->task_no);
		snprintf(no, sizeof(no), "%d", r->task_no);
		snprintf(id, sizeof(id), "%lld", (long long)r->a.id);
		cli_put_cell(cli->out, no, wno + 2, false, false);
		cli_put_cell(cli->out, id, wid + 2, false, false);
		cli_put_cell(cli->out, r->group_name ? r->group_name : "直接", wvia + 2, false, false);
		cli_put_cell(cli->out, t ? t->text : "", wtext, true, true);
		fputc('\n', cli->out);
	}
}

int cli_unit_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *plan = NULL, *name = NULL;
	const struct cli_opt opts[] = {
		{ "--plan", NULL, &plan, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_unit_view v;
	struct plan_doc doc;
	struct store *st;
	int64_t id;
	size_t npos;
	int rc = -1;

	if (cli_wants_help(cli, argc, argv, unit_usage))
		return 0;
	if (cli_parse_opts("unit", argc, argv, opts, &name, 1, &npos, e))
		return -1;
	if (!npos)
		return cli_usage(e, "unit", "缺少单位名称");
	if (cli_store(cli, &st, e))
		return -1;
	svc_unit_view_init(&v);
	plan_doc_init(&doc);
	if (svc_plan_load(st, plan, &doc, &id, e) || svc_unit_view(st, name, id, &v, e))
		goto out;
	if (v.unit >= 0) {
		const struct unit *u = &v.dir.units[v.unit];
		struct strbuf sb = STRBUF_INIT;

		fprintf(cli->out, "%s（%s%s）\n", u->name, unit_kind_label(u->kind),
			u->active ? "" : "，已停用");
		for (size_t i = 0; i < u->naliases; i++)
			strbuf_addf(&sb, "%s%s", i ? "、" : "", u->aliases[i]);
		fprintf(cli->out, "简称及别名：%s\n", sb.len ? sb.buf : "无");
		if (u->parent >= 0)
			fprintf(cli->out, "上级单位：%s\n", v.dir.units[u->parent].name);
		strbuf_reset(&sb);
		groups_of(&v.dir, (size_t)v.unit, &sb);
		fprintf(cli->out, "所属分组：%s\n", sb.len ? sb.buf : "无");
		strbuf_release(&sb);
	} else {
		fprintf(cli->out, "%s（未核实：单位名录中没有这个名称）\n", v.name);
	}
	fprintf(cli->out, "清单：%s%s%s%s\n", *doc.plan.doc_no ? doc.plan.doc_no : "（无文号）",
		*doc.plan.title ? "《" : "", doc.plan.title, *doc.plan.title ? "》" : "");
	print_role(cli, &v, &doc, ASSIGN_LEAD);
	print_role(cli, &v, &doc, ASSIGN_CO);
	rc = 0;
out:
	svc_unit_view_release(&v);
	plan_doc_release(&doc);
	return rc;
}

/* ---- duban assignments ---- */

static const char *state_label(const struct assignment *a)
{
	return a->flags & ASSIGN_RETIRED ? "已撤销" : "有效";
}

/* The unit cell: the unit's name, or an unverified name marked as such. */
static void unit_cell(const struct assignment *a, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s", a->unit_name, a->unit_id ? "" : "（未核实）");
}

static void print_assignments(struct cli *cli, const struct store_assignment_list *l)
{
	size_t wno = cli_width("序号"), wid = cli_width("ID"), wunit = cli_width("单位"),
	       wvia = cli_width("经由分组"), wstate = cli_width("已撤销");

	for (size_t i = 0; i < l->n; i++) {
		const struct store_assignment_row *r = &l->v[i];
		char buf[DIRECTORY_NAME_MAX + 32];

		snprintf(buf, sizeof(buf), "%d", r->task_no);
		wno = max_sz(wno, strlen(buf));
		snprintf(buf, sizeof(buf), "%lld", (long long)r->a.id);
		wid = max_sz(wid, strlen(buf));
		unit_cell(&r->a, buf, sizeof(buf));
		wunit = max_sz(wunit, cli_width(buf));
		wvia = max_sz(wvia, cli_width(r->group_name ? r->group_name : "—"));
	}
	cli_put_cell(cli->out, "序号", wno + 2, false, false);
	cli_put_cell(cli->out, "ID", wid + 2, false, false);
	cli_put_cell(cli->out, "单位", wunit + 2, false, false);
	cli_put_cell(cli->out, "角色", 6, false, false);
	cli_put_cell(cli->out, "经由分组", wvia + 2, false, false);
	cli_put_cell(cli->out, "状态", wstate + 2, false, false);
	fputs("原文\n", cli->out);
	for (size_t i = 0; i < l->n; i++) {
		const struct store_assignment_row *r = &l->v[i];
		char no[32], id[32], unit[DIRECTORY_NAME_MAX + 32];
		/* The entry as written, when it is not simply the unit's name or the group's. */
		bool show = !r->group_name && strcmp(r->a.written, r->a.unit_name);

		snprintf(no, sizeof(no), "%d", r->task_no);
		snprintf(id, sizeof(id), "%lld", (long long)r->a.id);
		unit_cell(&r->a, unit, sizeof(unit));
		cli_put_cell(cli->out, no, wno + 2, false, false);
		cli_put_cell(cli->out, id, wid + 2, false, false);
		cli_put_cell(cli->out, unit, wunit + 2, false, false);
		cli_put_cell(cli->out, assignment_role_label(r->a.role), 6, false, false);
		cli_put_cell(cli->out, r->group_name ? r->group_name : "—", wvia + 2, false, false);
		cli_put_cell(cli->out, state_label(&r->a), wstate + 2, false, !show);
		if (show)
			fputs(r->a.written, cli->out);
		fputc('\n', cli->out);
	}
}

int cli_assignments_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *plan = NULL, *task = NULL;
	const struct cli_opt opts[] = {
		{ "--plan", NULL, &plan, NULL },
		{ "--task", NULL, &task, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct store_assignment_list l;
	struct plan_doc doc;
	struct store *st;
	int64_t id;
	long no = 0;
	size_t npos;
	int rc = -1;

	if (cli_wants_help(cli, argc, argv, assignments_usage))
		return 0;
	if (cli_parse_opts("assignments", argc, argv, opts, NULL, 0, &npos, e))
		return -1;
	if (task && cli_parse_int(task, 1, 1000000000, &no, "--task", e))
		return -1;
	if (cli_store(cli, &st, e))
		return -1;
	store_assignment_list_init(&l);
	plan_doc_init(&doc);
	if (svc_plan_load(st, plan, &doc, &id, e))
		goto out;
	if (no) {
		const struct task *t = svc_task_find(&doc, (int)no);
		struct strbuf sb = STRBUF_INIT;

		if (!t) {
			err_set(e, ERR_NOT_FOUND, "%s 中没有第 %ld 项任务（共 %zu 项）",
				*doc.plan.doc_no ? doc.plan.doc_no : "该清单", no, doc.ntasks);
			goto out;
		}
		if (svc_task_assignments(st, id, (int)no, &l, e))
			goto out;
		for (size_t i = 0; i < t->nunits; i++)
			strbuf_addf(&sb, "%s%s", i ? "、" : "", t->units[i]);
		fprintf(cli->out, "第 %d 项任务%s%s%s：", t->no, *doc.plan.doc_no ? "（" : "",
			doc.plan.doc_no, *doc.plan.doc_no ? "）" : "");
		cli_put_cell(cli->out, t->text, LINE_WIDTH - 30, true, true);
		fprintf(cli->out, "\n责任单位（原文，第一个牵头）：%s\n", sb.len ? sb.buf : "（无）");
		strbuf_release(&sb);
	} else if (svc_task_assignments(st, id, 0, &l, e)) {
		goto out;
	}
	if (!l.n)
		fputs("（没有责任分工）\n", cli->msg);
	else
		print_assignments(cli, &l);
	rc = 0;
out:
	store_assignment_list_release(&l);
	plan_doc_release(&doc);
	return rc;
}
