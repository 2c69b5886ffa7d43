/* A scratch database with a small plan and directory, for the reporting and status tests. */
#ifndef DUBAN_TESTS_REPORTS_FIXTURE_H
#define DUBAN_TESTS_REPORTS_FIXTURE_H

/*
 * Header-only (static functions), used by tests/unit/store/test_reports_store.c
 * and tests/unit/status/test_status_service.c.  rf_open() makes a fresh
 * database holding a directory (市发改委, 市工信局, 市交通局, 市财政局, two
 * counties in the group 各县（市、区）政府) and the plan "安政发〔2022〕5号"
 * issued 2022-03-28 with three tasks:
 *   1  市发改委 leads, 市工信局 co;      due 2022-12-31; targets 590 亿元, 6.5%
 *   2  市交通局 leads, 各县（市、区）政府; due 2022-12-31; milestone 2022-06-30
 *   3  市财政局 alone;                   due 2022-06-30
 * rf_assignment() finds an assignment id by task number and unit name.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "service/directory_service.h"
#include "service/import_service.h"
#include "service/report_service.h"
#include "store/store.h"
#include "util/xalloc.h"

#include "db_fixture.h"
#include "store_fixture.h"

static const char rf_units_csv[] =
	"单位名称,类别,简称及别名,上级单位,是否启用\n"
	"市发改委,市级部门,安康市发展和改革委员会,,是\n"
	"市工信局,市级部门,,,是\n"
	"市交通局,市级部门,,,是\n"
	"市财政局,市级部门,,,是\n"
	"市停用局,市级部门,,,否\n"
	"汉滨区政府,县市区政府,,,是\n"
	"汉阴县政府,县市区政府,,,是\n";
static const char rf_groups_csv[] =
	"分组名称,成员单位\n"
	"各县（市、区）政府,汉滨区政府\n"
	"各县（市、区）政府,汉阴县政府\n";

static const struct svc_actor rf_actor = { "cli:test" };

struct rf {
	char *dir;
	char *db;
	struct store *st;
	int64_t plan_id;
};

static void rf_plan(struct plan_doc *doc)
{
	static const char *u1[] = { "市发改委", "市工信局" };
	static const char *u2[] = { "市交通局", "各县（市、区）政府" };
	static const char *u3[] = { "市财政局" };
	struct task *t;

	plan_doc_init(doc);
	doc->plan.issuer = "安康市人民政府";
	doc->plan.doc_no = "安政发〔2022〕5号";
	doc->plan.title = "2022年政府工作报告确定重点任务清单";
	doc->plan.year = 2022;
	doc->plan.issued = (struct date){ 2022, 3, 28 };
	doc->plan.source_name = "tasks.txt";
	snprintf(doc->plan.sha256, sizeof(doc->plan.sha256), "%064d", 7);
	doc->ntasks = 3;
	doc->tasks = arena_zalloc(&doc->arena, 3 * sizeof(*doc->tasks));
	t = &doc->tasks[0];
	t->no = 1;
	t->section = "共性任务";
	t->text = "完成投资 590 亿元，生产总值增长 6.5%左右。";
	t->units = u1;
	t->nunits = 2;
	t->due = (struct date){ 2022, 12, 31 };
	t->targets = arena_zalloc(&doc->arena, 2 * sizeof(*t->targets));
	t->ntargets = 2;
	t->targets[0] = (struct target){ .value = 590e8, .cmp = TARGET_EQ, .unit = "元",
					 .metric = "完成投资", .text = "完成投资 590 亿元" };
	t->targets[1] = (struct target){ .value = 6.5, .cmp = TARGET_APPROX, .unit = "%",
					 .metric = "生产总值增长", .text = "生产总值增长 6.5%左右" };
	t = &doc->tasks[1];
	t->no = 2;
	t->section = "共性任务";
	t->text = "上半年开工建设交通项目，年底前建成。";
	t->units = u2;
	t->nunits = 2;
	t->due = (struct date){ 2022, 12, 31 };
	t->milestones = arena_zalloc(&doc->arena, sizeof(*t->milestones));
	t->nmilestones = 1;
	t->milestones[0] = (struct milestone){ { 2022, 6, 30 }, "上半年开工建设交通项目" };
	t = &doc->tasks[2];
	t->no = 3;
	t->section = "个性任务";
	t->text = "上半年完成财政专项清理。";
	t->units = u3;
	t->nunits = 1;
	t->due = (struct date){ 2022, 6, 30 };
}

static int rf_import_plan(struct store *st, struct plan_doc *doc, enum svc_import_mode mode,
			  int64_t *plan_id, struct err *e)
{
	struct svc_import imp;
	int rc;

	svc_import_init(&imp);
	plan_doc_release(&imp.doc);
	imp.doc = *doc;
	plan_doc_init(doc);
	imp.info.format = "text";
	imp.info.encoding = "UTF-8";
	rc = svc_import_store(st, &imp, mode, &rf_actor, e);
	if (plan_id)
		*plan_id = imp.plan_id;
	svc_import_release(&imp);
	return rc;
}

static struct rf *rf_open(void)
{
	struct rf *f = xcalloc(1, sizeof(*f));
	struct err e = ERR_INIT;
	struct directory_csv_input in[2] = {
		{ rf_units_csv, sizeof(rf_units_csv) - 1, "units.csv" },
		{ rf_groups_csv, sizeof(rf_groups_csv) - 1, "groups.csv" },
	};
	struct svc_directory_import r;
	struct plan_doc doc;

	f->dir = fx_tmpdir();
	f->db = fx_db_new(f->dir, "duban");	/* SQLite, or PostgreSQL: db_fixture.h */
	if (store_open(f->db, &f->st, &e))
		fail_msg("store_open: %s", e.msg);
	svc_directory_import_init(&r);
	if (svc_directory_import(f->st, in, 2, &rf_actor, &r, &e))
		fail_msg("directory: %s", e.msg);
	svc_directory_import_release(&r);
	rf_plan(&doc);
	if (rf_import_plan(f->st, &doc, SVC_IMPORT_NEW, &f->plan_id, &e))
		fail_msg("import: %s", e.msg);
	plan_doc_release(&doc);
	return f;
}

static void rf_close(struct rf *f)
{
	store_close(f->st);
	fx_db_drop(f->db);
	free(f->db);
	fx_rmdir(f->dir);
	free(f);
}

/* The id of the assignment of `unit` on task `no` (retired ones too), or 0. */
static int64_t rf_assignment(struct rf *f, int no, const char *unit)
{
	struct store_assignment_filter flt = { .plan_id = f->plan_id, .task_no = no,
					       .with_retired = true };
	struct store_assignment_list l;
	struct err e = ERR_INIT;
	int64_t id = 0;

	store_assignment_list_init(&l);
	if (store_assignments_list(f->st, &flt, &l, &e))
		fail_msg("list: %s", e.msg);
	for (size_t i = 0; i < l.n; i++)
		if (!strcmp(l.v[i].a.unit_name, unit))
			id = l.v[i].a.id;
	store_assignment_list_release(&l);
	return id;
}

/* A context acting as the office (unit 0) on day y-m-d. */
static struct svc_rctx rf_on(int y, int m, int d)
{
	struct svc_rctx rc = { &rf_actor, 0, { y, m, d } };

	return rc;
}

static void rf_ok(int rc, const struct err *e, const char *what)
{
	if (rc)
		fail_msg("%s: %s", what, e->msg);
}

/* Submit the report `in` describes (it must succeed); returns its id. */
static int64_t rf_submit_input(struct rf *f, struct svc_rctx rc, const struct svc_report_input *in)
{
	struct svc_report_result res;
	struct err e = ERR_INIT;
	int64_t id;

	svc_report_result_init(&res);
	rf_ok(svc_report_submit(f->st, &rc, in, &res, &e), &e, "submit");
	id = res.report_id;
	svc_report_result_release(&res);
	return id;
}

/* Submit a report; returns its id. */
static int64_t rf_submit(struct rf *f, struct svc_rctx rc, int64_t a, const char *period,
			 double percent, const char *progress, const char *likelihood)
{
	struct svc_report_input in;

	memset(&in, 0, sizeof(in));
	in.assignment_id = a;
	in.period = period;
	in.percent = percent;
	in.progress = progress;
	in.likelihood = likelihood;
	return rf_submit_input(f, rc, &in);
}

#endif
