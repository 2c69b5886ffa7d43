/* Unit tests for the stored directory and assignments (schema level 2) and svc_directory_* (SQLite or PostgreSQL). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "service/directory_service.h"
#include "service/import_service.h"
#include "store/pg_schema.h"
#include "store/sqlite_schema.h"
#include "store/store.h"
#include "util/err.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include "db_fixture.h"
#include "store_fixture.h"

/*
 * The fixture's unit names (store_fixture.h): 市发改委, 市工信局,
 * 各县（市、区）政府, 安康高新区管委会, 恒口示范区管委会, 市交通局, 市财政局.
 * This directory knows all but 市财政局, which stays unverified.
 */
static const char units_v1[] =
	"单位名称,类别,简称及别名,上级单位,是否启用\n"
	"市发改委,市级部门,安康市发展和改革委员会,,是\n"
	"市工信局,市级部门,市国资委,,是\n"
	"市交通局,市级部门,,,是\n"
	"汉滨区政府,县市区政府,汉滨区,,是\n"
	"汉阴县政府,县市区政府,,,是\n"
	"石泉县政府,县市区政府,,,是\n"
	"安康高新区管委会,开发区管委会,安康高新区,,是\n"
	"恒口示范区管委会,开发区管委会,,,是\n";
static const char groups_v1[] =
	"分组名称,成员单位\n"
	"各县（市、区）政府,汉滨区政府\n"
	"各县（市、区）政府,汉阴县政府\n"
	"各县（市、区）政府,石泉县政府\n";
/* v2: 石泉县政府 leaves the group; 市财政局 becomes known (as an alias of a new unit). */
static const char units_v2[] =
	"单位名称,类别,简称及别名,上级单位,是否启用\n"
	"市发改委,市级部门,安康市发展和改革委员会,,是\n"
	"市工信局,市级部门,市国资委,,是\n"
	"市交通局,市级部门,,,是\n"
	"汉滨区政府,县市区政府,汉滨区,,是\n"
	"汉阴县政府,县市区政府,,,是\n"
	"石泉县政府,县市区政府,,,是\n"
	"安康高新区管委会,开发区管委会,安康高新区,,是\n"
	"恒口示范区管委会,开发区管委会,,,是\n"
	"安康市财政局,市级部门,市财政局,,是\n";
static const char groups_v2[] =
	"分组名称,成员单位\n"
	"各县（市、区）政府,汉滨区政府\n"
	"各县（市、区）政府,汉阴县政府\n";

static const struct svc_actor test_actor = { "cli:test" };

struct ctx {
	char *dir;
	char *db;
	struct store *st;
};

static int setup(void **state)
{
	struct ctx *c = xcalloc(1, sizeof(*c));
	struct err e = ERR_INIT;

	c->dir = fx_tmpdir();
	c->db = fx_db_new(c->dir, "duban");
	if (store_open(c->db, &c->st, &e)) {
		fprintf(stderr, "store_open: %s\n", e.msg);
		return -1;
	}
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;

	store_close(c->st);
	fx_db_drop(c->db);
	free(c->db);
	fx_rmdir(c->dir);
	free(c);
	return 0;
}

static long long sql_int(const char *db, const char *sql)
{
	return fx_sql_int(db, sql);
}

static void sql_exec(const char *db, const char *sql)
{
	if (fx_sql_try(db, sql))
		fail_msg("%s", sql);
}

static int import_doc(struct store *st, struct plan_doc *doc, enum svc_import_mode mode,
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
	rc = svc_import_store(st, &imp, mode, &test_actor, e);
	if (plan_id)
		*plan_id = imp.plan_id;
	svc_import_release(&imp);
	return rc;
}

static int import_dir(struct store *st, const char *units, const char *groups,
		      struct svc_directory_import *r, struct err *e)
{
	struct directory_csv_input in[2];
	size_t n = 0;

	if (units)
		in[n++] = (struct directory_csv_input){ units, strlen(units), "units.csv" };
	if (groups)
		in[n++] = (struct directory_csv_input){ groups, strlen(groups), "groups.csv" };
	svc_directory_import_init(r);
	return svc_directory_import(st, in, n, &test_actor, r, e);
}

static void import_dir_ok(struct store *st, const char *units, const char *groups,
			  struct svc_directory_import *r)
{
	struct err e = ERR_INIT;

	if (import_dir(st, units, groups, r, &e))
		fail_msg("directory import: %s", e.msg);
}

/* All assignments of plan `plan_id`, retired ones too. */
static void list_all(struct store *st, int64_t plan_id, struct store_assignment_list *l)
{
	struct store_assignment_filter f = { .plan_id = plan_id, .with_retired = true };
	struct err e = ERR_INIT;

	store_assignment_list_init(l);
	if (store_assignments_list(st, &f, l, &e))
		fail_msg("list: %s", e.msg);
}

static const struct store_assignment_row *find_row(const struct store_assignment_list *l, int no,
						   const char *unit_name)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].task_no == no && !strcmp(l->v[i].a.unit_name, unit_name))
			return &l->v[i];
	return NULL;
}

/* Expected assignments of fixture task `no` without a directory: one per name as written. */
static void check_unverified_task(const struct store_assignment_list *l, const struct task *t)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++) {
		const struct store_assignment_row *r = &l->v[i];

		if (r->task_no != t->no)
			continue;
		assert_true(n < t->nunits);
		assert_string_equal(r->a.written, t->units[n]);
		assert_string_equal(r->a.unit_name, t->units[n]);
		assert_int_equal(r->a.unit_id, 0);
		assert_int_equal(r->a.via_group_id, 0);
		assert_int_equal(r->a.position, (int)n);
		assert_int_equal(r->a.role, n ? ASSIGN_CO : ASSIGN_LEAD);
		assert_false(r->a.flags & ASSIGN_RETIRED);
		n++;
	}
	assert_int_equal(n, t->nunits);
}

static void test_derived_without_directory(void **state)
{
	struct ctx *c = *state;
	struct plan_doc doc, copy;
	struct store_assignment_list l;
	struct err e = ERR_INIT;
	int64_t id;
	size_t nunits = 0;

	fx_doc(&doc, "安政发〔2022〕5号", 2022, 12, 0);
	fx_doc(&copy, "安政发〔2022〕5号", 2022, 12, 0);
	for (size_t i = 0; i < copy.ntasks; i++)
		nunits += copy.tasks[i].nunits;
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &id, &e), 0);
	list_all(c->st, id, &l);
	assert_int_equal(l.n, nunits);
	for (size_t i = 0; i < copy.ntasks; i++)
		check_unverified_task(&l, &copy.tasks[i]);
	/* Derived data: nothing hangs on the plan's tasks yet. */
	{
		size_t n = 99;
		assert_int_equal(store_plan_dependents(c->st, id, &n, NULL, &e), 0);
		assert_int_equal(n, 0);
	}
	store_assignment_list_release(&l);
	plan_doc_release(&copy);
}

static void test_derived_with_directory(void **state)
{
	struct ctx *c = *state;
	struct svc_directory_import r;
	struct plan_doc doc;
	struct store_assignment_list l;
	struct svc_unverified u;
	struct err e = ERR_INIT;
	int64_t id;
	bool saw_group = false;

	import_dir_ok(c->st, units_v1, groups_v1, &r);
	assert_int_equal(r.dir.nunits, 8);
	assert_int_equal(r.dir.ngroups, 1);
	assert_int_equal(r.derive.nplans, 0);
	svc_directory_import_release(&r);

	fx_doc(&doc, "安政发〔2022〕5号", 2022, 12, 0);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &id, &e), 0);
	list_all(c->st, id, &l);
	for (size_t i = 0; i < l.n; i++) {
		const struct store_assignment_row *x = &l.v[i];

		if (!strcmp(x->a.written, "各县（市、区）政府")) {
			/* One per member, each through the group, with the entry's role. */
			assert_non_null(x->group_name);
			assert_string_equal(x->group_name, "各县（市、区）政府");
			assert_int_not_equal(x->a.unit_id, 0);
			assert_int_equal(x->a.role, x->a.position ? ASSIGN_CO : ASSIGN_LEAD);
			saw_group = true;
		} else if (!strcmp(x->a.written, "市财政局")) {
			assert_int_equal(x->a.unit_id, 0);
		} else {
			assert_int_not_equal(x->a.unit_id, 0);
			assert_null(x->group_name);
			assert_string_equal(x->a.unit_name, x->a.written);
		}
	}
	assert_true(saw_group);
	/* Task 2 (units from index 2: the group first) is led by each county government. */
	assert_non_null(find_row(&l, 2, "汉滨区政府"));
	assert_int_equal(find_row(&l, 2, "汉滨区政府")->a.role, ASSIGN_LEAD);
	assert_int_equal(find_row(&l, 2, "石泉县政府")->a.role, ASSIGN_LEAD);
	store_assignment_list_release(&l);

	svc_unverified_init(&u);
	assert_int_equal(svc_unverified_list(c->st, 0, &u, &e), 0);
	assert_int_equal(u.n, 1);
	assert_string_equal(u.v[0].name, "市财政局");
	assert_true(u.v[0].n > 0);
	svc_unverified_release(&u);
}

static void test_reimport_keeps_ids(void **state)
{
	struct ctx *c = *state;
	struct svc_directory_import r;
	struct plan_doc doc;
	struct store_assignment_list before, after;
	struct err e = ERR_INIT;
	int64_t id;
	size_t ngroup_tasks = 0, nfin = 0;

	import_dir_ok(c->st, units_v1, groups_v1, &r);
	svc_directory_import_release(&r);
	fx_doc(&doc, "安政发〔2022〕5号", 2022, 12, 0);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &id, &e), 0);
	list_all(c->st, id, &before);
	for (size_t i = 0; i < before.n; i++) {
		if (!strcmp(before.v[i].a.unit_name, "石泉县政府"))
			ngroup_tasks++;
		if (!strcmp(before.v[i].a.written, "市财政局"))
			nfin++;
	}
	assert_true(ngroup_tasks > 0 && nfin > 0);

	/* The same directory again: every assignment kept. */
	import_dir_ok(c->st, units_v1, groups_v1, &r);
	assert_int_equal(r.derive.kept, before.n);
	assert_int_equal(r.derive.added + r.derive.updated + r.derive.retired, 0);
	assert_int_equal(r.units_added + r.units_changed + r.units_dropped, 0);
	svc_directory_import_release(&r);

	import_dir_ok(c->st, units_v2, groups_v2, &r);
	assert_int_equal(r.units_added, 1);
	assert_int_equal(r.groups_changed, 1);
	assert_int_equal(r.derive.retired, ngroup_tasks);	/* 石泉县政府 left the group */
	assert_int_equal(r.derive.updated, nfin);		/* 市财政局 now resolves */
	assert_int_equal(r.derive.added, 0);
	assert_int_equal(r.unverified_names, 0);
	svc_directory_import_release(&r);

	list_all(c->st, id, &after);
	assert_int_equal(after.n, before.n);	/* nothing deleted */
	for (size_t i = 0; i < before.n; i++) {
		const struct store_assignment_row *b = &before.v[i], *a = NULL;

		for (size_t j = 0; j < after.n; j++)
			if (after.v[j].a.id == b->a.id)
				a = &after.v[j];
		assert_non_null(a);
		assert_int_equal(a->a.task_id, b->a.task_id);
		if (!strcmp(b->a.unit_name, "石泉县政府")) {
			assert_true(a->a.flags & ASSIGN_RETIRED);
		} else if (!strcmp(b->a.written, "市财政局")) {
			assert_false(a->a.flags & ASSIGN_RETIRED);
			assert_string_equal(a->a.unit_name, "安康市财政局");
			assert_int_not_equal(a->a.unit_id, 0);
		} else {
			assert_false(a->a.flags & ASSIGN_RETIRED);
			assert_int_equal(a->a.unit_id, b->a.unit_id);
		}
	}
	store_assignment_list_release(&after);

	/* 石泉县政府 back in the group: its retired assignments come back with their ids. */
	import_dir_ok(c->st, units_v2, groups_v1, &r);
	assert_int_equal(r.derive.added + r.derive.retired, 0);
	assert_int_equal(r.derive.updated, ngroup_tasks);
	svc_directory_import_release(&r);
	list_all(c->st, id, &after);
	assert_int_equal(after.n, before.n);
	for (size_t i = 0; i < after.n; i++) {
		assert_int_equal(after.v[i].a.id, before.v[i].a.id);
		assert_false(after.v[i].a.flags & ASSIGN_RETIRED);
	}
	store_assignment_list_release(&after);

	/* A unit that leaves the directory: its assignments are retired, and the
	 * name, now unverified, gets a new one (never merged with the old). */
	import_dir_ok(c->st, units_v1, groups_v1, &r);
	assert_int_equal(r.derive.retired, nfin);
	assert_int_equal(r.derive.added, nfin);
	assert_int_equal(r.unverified_names, 1);
	svc_directory_import_release(&r);
	list_all(c->st, id, &after);
	assert_int_equal(after.n, before.n + nfin);
	store_assignment_list_release(&after);
	store_assignment_list_release(&before);
}

static void test_list_before_directory(void **state)
{
	struct ctx *c = *state;
	struct svc_directory_import r;
	struct plan_doc doc;
	struct store_assignment_list before, after;
	struct svc_unverified u;
	struct err e = ERR_INIT;
	int64_t id;

	fx_doc(&doc, "安政发〔2022〕5号", 2022, 12, 0);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &id, &e), 0);
	svc_unverified_init(&u);
	assert_int_equal(svc_unverified_list(c->st, id, &u, &e), 0);
	assert_int_equal(u.n, FX_NUNITS);
	svc_unverified_release(&u);
	list_all(c->st, id, &before);

	import_dir_ok(c->st, units_v2, groups_v1, &r);
	assert_int_equal(r.unverified_names, 0);
	assert_int_equal(r.derive.nplans, 1);
	svc_directory_import_release(&r);
	list_all(c->st, id, &after);
	for (size_t i = 0; i < before.n; i++) {
		const struct store_assignment_row *b = &before.v[i], *a = NULL;

		for (size_t j = 0; j < after.n; j++)
			if (after.v[j].a.id == b->a.id)
				a = &after.v[j];
		assert_non_null(a);
		if (!strcmp(b->a.written, "各县（市、区）政府")) {
			/* A group as an unverified name: retired, its members added. */
			assert_true(a->a.flags & ASSIGN_RETIRED);
		} else {
			/* The name resolved: the same assignment, now of a unit. */
			assert_false(a->a.flags & ASSIGN_RETIRED);
			assert_int_not_equal(a->a.unit_id, 0);
			assert_int_equal(a->a.position, b->a.position);
		}
	}
	svc_unverified_init(&u);
	assert_int_equal(svc_unverified_list(c->st, 0, &u, &e), 0);
	assert_int_equal(u.n, 0);
	svc_unverified_release(&u);
	store_assignment_list_release(&before);
	store_assignment_list_release(&after);
}

/* Everything a directory import may touch, as text, for before/after comparisons. */
static char *snapshot(const char *db)
{
	static const char *const queries[] = {
		"SELECT id, name, kind, coalesce(parent_id, 0), active, listed, seq FROM org_units ORDER BY id",
		"SELECT unit_id, seq, alias FROM org_aliases ORDER BY 1, 2",
		"SELECT id, name, listed, seq FROM org_groups ORDER BY id",
		"SELECT group_id, seq, unit_id FROM org_group_members ORDER BY 1, 2",
		("SELECT id, task_id, position, coalesce(unit_id, 0), coalesce(via_group_id, 0),"
		 " role, state, created_at, updated_at FROM assignments ORDER BY id"),
	};
	struct strbuf sb = STRBUF_INIT;

	for (size_t q = 0; q < sizeof(queries) / sizeof(queries[0]); q++) {
		assert_int_equal(fx_sql_rows(db, queries[q], &sb), 0);
		strbuf_addstr(&sb, "--\n");
	}
	return strbuf_detach(&sb, NULL);
}

static void test_rollback(void **state)
{
	struct ctx *c = *state;
	struct svc_directory_import r;
	struct plan_doc doc;
	struct err e = ERR_INIT;
	char *before, *after;
	static const char bad_groups[] =
		"分组名称,成员单位\n"
		"各县（市、区）政府,汉滨区政府\n"
		"各县（市、区）政府,不存在的县政府\n";
	static const char bad_units[] =
		"单位名称,类别,简称及别名,上级单位,是否启用\n"
		"市发改委,市级部门,,,是\n"
		"市工信局,委办局,,,是\n";

	import_dir_ok(c->st, units_v1, groups_v1, &r);
	svc_directory_import_release(&r);
	fx_doc(&doc, "安政发〔2022〕5号", 2022, 12, 0);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, NULL, &e), 0);
	before = snapshot(c->db);

	/* A good units file with a bad groups file: nothing is written. */
	assert_int_equal(import_dir(c->st, units_v2, bad_groups, &r, &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	assert_non_null(strstr(e.msg, "groups.csv:3"));
	svc_directory_import_release(&r);
	after = snapshot(c->db);
	assert_string_equal(after, before);
	free(after);

	assert_int_equal(import_dir(c->st, bad_units, NULL, &r, &e), -1);
	assert_non_null(strstr(e.msg, "units.csv:3"));
	svc_directory_import_release(&r);
	after = snapshot(c->db);
	assert_string_equal(after, before);
	free(after);

	/* A failure after the directory was written (deriving): all rolled back. */
	if (fx_pg())
		sql_exec(c->db, "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS"
				" $$BEGIN RAISE EXCEPTION 'boom'; END$$;"
				" CREATE TRIGGER boom BEFORE UPDATE ON assignments FOR EACH ROW"
				" EXECUTE FUNCTION boom()");
	else
		sql_exec(c->db, "CREATE TRIGGER boom BEFORE UPDATE ON assignments"
				" BEGIN SELECT RAISE(ABORT, 'boom'); END");
	assert_int_equal(import_dir(c->st, units_v2, groups_v2, &r, &e), -1);
	assert_int_equal(e.kind, ERR_STORE);
	svc_directory_import_release(&r);
	sql_exec(c->db, fx_pg() ? "DROP TRIGGER boom ON assignments; DROP FUNCTION boom()"
				: "DROP TRIGGER boom");
	after = snapshot(c->db);
	assert_string_equal(after, before);
	free(after);
	/* And the store still works. */
	import_dir_ok(c->st, units_v2, groups_v2, &r);
	svc_directory_import_release(&r);
	free(before);
}

static void test_replace_rederives(void **state)
{
	struct ctx *c = *state;
	struct svc_directory_import r;
	struct plan_doc doc;
	struct store_assignment_list before, after;
	struct err e = ERR_INIT;
	int64_t id, id2, max_before = 0;

	import_dir_ok(c->st, units_v1, groups_v1, &r);
	svc_directory_import_release(&r);
	fx_doc(&doc, "安政发〔2022〕5号", 2022, 12, 0);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &id, &e), 0);
	list_all(c->st, id, &before);
	for (size_t i = 0; i < before.n; i++)
		if (before.v[i].a.id > max_before)
			max_before = before.v[i].a.id;

	fx_doc(&doc, "安政发〔2022〕5号", 2022, 12, 0);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_REPLACE, &id2, &e), 0);
	assert_int_equal(id2, id);
	list_all(c->st, id, &after);
	assert_int_equal(after.n, before.n);
	for (size_t i = 0; i < after.n; i++) {
		assert_true(after.v[i].a.id > max_before);	/* never reused */
		assert_string_equal(after.v[i].a.unit_name, before.v[i].a.unit_name);
		assert_int_equal(after.v[i].task_no, before.v[i].task_no);
	}
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM assignments"), (long long)after.n);
	store_assignment_list_release(&before);
	store_assignment_list_release(&after);
}

static void test_ids_come_back(void **state)
{
	struct ctx *c = *state;
	struct svc_directory_import r;
	int64_t hanyin, shiquan, max_unit = 0;
	long u;
	static const char units_without[] =
		"单位名称,类别,简称及别名,上级单位,是否启用\n"
		"市发改委,市级部门,,,是\n"
		"汉滨区政府,县市区政府,,,是\n"
		"石泉县政府,县市区政府,,,是\n"
		"新设单位,其他,,,是\n";
	static const char units_renamed[] =
		"单位名称,类别,简称及别名,上级单位,是否启用\n"
		"市发展和改革委员会,市级部门,市发改委,,是\n"
		"汉滨区政府,县市区政府,,,是\n"
		"汉阴县政府,县市区政府,,,否\n"
		"石泉县政府,县市区政府,,,是\n"
		"新设单位,其他,,,是\n";

	import_dir_ok(c->st, units_v1, groups_v1, &r);
	/* Ids 1, 2, 3... in file order. */
	hanyin = 5;
	shiquan = 6;
	assert_string_equal(r.dir.units[directory_unit_by_id(&r.dir, hanyin)].name, "汉阴县政府");
	for (size_t i = 0; i < r.dir.nunits; i++)
		if (r.dir.units[i].id > max_unit)
			max_unit = r.dir.units[i].id;
	svc_directory_import_release(&r);

	/* Only units: the group stays, without the member that is gone. */
	import_dir_ok(c->st, units_without, NULL, &r);
	assert_int_equal(r.units_dropped, 5);
	assert_int_equal(r.units_added, 1);
	assert_int_equal(r.dir.ngroups, 1);
	assert_int_equal(r.dir.groups[0].nmembers, 2);
	assert_int_equal(r.notes.n, 1);
	assert_non_null(strstr(r.notes.v[0].msg, "汉阴县政府"));
	u = directory_unit_by_id(&r.dir, shiquan);
	assert_true(u >= 0);
	assert_string_equal(r.dir.units[u].name, "石泉县政府");
	u = directory_unit_by_id(&r.dir, max_unit + 1);
	assert_true(u >= 0);
	assert_string_equal(r.dir.units[u].name, "新设单位");
	svc_directory_import_release(&r);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM org_units WHERE listed = 0"), 5);

	/* 汉阴县政府 comes back with its old id; a rename keeps its id through the alias. */
	import_dir_ok(c->st, units_renamed, NULL, &r);
	u = directory_unit_by_id(&r.dir, hanyin);
	assert_true(u >= 0);
	assert_string_equal(r.dir.units[u].name, "汉阴县政府");
	assert_false(r.dir.units[u].active);
	u = directory_unit_by_id(&r.dir, 1);
	assert_true(u >= 0);
	assert_string_equal(r.dir.units[u].name, "市发展和改革委员会");
	svc_directory_import_release(&r);

	/* Only groups: the units stay. */
	import_dir_ok(c->st, NULL, groups_v2, &r);
	assert_int_equal(r.dir.nunits, 5);
	assert_int_equal(r.units_changed + r.units_added + r.units_dropped, 0);
	assert_int_equal(r.dir.groups[0].nmembers, 2);
	svc_directory_import_release(&r);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM org_units"), (long long)max_unit + 1);
}

static void test_export_round_trip(void **state)
{
	struct ctx *c = *state;
	struct svc_directory_import r;
	struct strbuf u = STRBUF_INIT, g = STRBUF_INIT, u2 = STRBUF_INIT, g2 = STRBUF_INIT;
	struct err e = ERR_INIT;

	assert_int_equal(svc_directory_export(c->st, &u, &g, &e), 0);
	assert_non_null(strstr(u.buf, "单位名称"));	/* an empty directory: headers only */
	strbuf_reset(&u);
	strbuf_reset(&g);
	import_dir_ok(c->st, units_v2, groups_v2, &r);
	svc_directory_import_release(&r);
	assert_int_equal(svc_directory_export(c->st, &u, &g, &e), 0);
	/* The export imports to the same directory, and exports to the same bytes. */
	import_dir_ok(c->st, u.buf, g.buf, &r);
	assert_int_equal(r.units_added + r.units_changed + r.units_dropped, 0);
	assert_int_equal(r.groups_added + r.groups_changed + r.groups_dropped, 0);
	svc_directory_import_release(&r);
	assert_int_equal(svc_directory_export(c->st, &u2, &g2, &e), 0);
	assert_string_equal(u.buf, u2.buf);
	assert_string_equal(g.buf, g2.buf);
	strbuf_release(&u);
	strbuf_release(&g);
	strbuf_release(&u2);
	strbuf_release(&g2);
}

static void test_unit_view(void **state)
{
	struct ctx *c = *state;
	struct svc_directory_import r;
	struct svc_unit_view v;
	struct plan_doc doc, copy;
	struct err e = ERR_INIT;
	int64_t id;
	size_t lead = 0, co = 0, got_lead = 0, got_co = 0, via = 0;

	import_dir_ok(c->st, units_v1, groups_v1, &r);
	svc_directory_import_release(&r);
	fx_doc(&doc, "安政发〔2022〕5号", 2022, 12, 0);
	fx_doc(&copy, "安政发〔2022〕5号", 2022, 12, 0);
	for (size_t i = 0; i < copy.ntasks; i++) {
		for (size_t j = 0; j < copy.tasks[i].nunits; j++) {
			if (strcmp(copy.tasks[i].units[j], "各县（市、区）政府"))
				continue;
			if (j)
				co++;
			else
				lead++;
		}
	}
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &id, &e), 0);

	/* By alias: 汉滨区 is 汉滨区政府, which gets every group task through the group. */
	svc_unit_view_init(&v);
	assert_int_equal(svc_unit_view(c->st, "汉滨区", id, &v, &e), 0);
	assert_true(v.unit >= 0);
	assert_string_equal(v.name, "汉滨区政府");
	assert_int_equal(v.rule, RESOLVE_ALIAS);
	for (size_t i = 0; i < v.rows.n; i++) {
		if (v.rows.v[i].a.role == ASSIGN_LEAD)
			got_lead++;
		else
			got_co++;
		if (v.rows.v[i].group_name &&
		    !strcmp(v.rows.v[i].group_name, "各县（市、区）政府"))
			via++;
	}
	assert_int_equal(got_lead, lead);
	assert_int_equal(got_co, co);
	assert_int_equal(via, lead + co);
	svc_unit_view_release(&v);

	/* A group is refused with its members named; an unknown name is not found. */
	svc_unit_view_init(&v);
	assert_int_equal(svc_unit_view(c->st, "各县（市、区）政府", id, &v, &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	assert_non_null(strstr(e.msg, "石泉县政府"));
	svc_unit_view_release(&v);
	svc_unit_view_init(&v);
	assert_int_equal(svc_unit_view(c->st, "市不存在局", id, &v, &e), -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);
	svc_unit_view_release(&v);
	/* An unverified name of the plan. */
	svc_unit_view_init(&v);
	assert_int_equal(svc_unit_view(c->st, "市财政局", id, &v, &e), 0);
	assert_int_equal(v.unit, -1);
	assert_true(v.rows.n > 0);
	svc_unit_view_release(&v);
	plan_doc_release(&copy);
}

/* A level-1 database with a plan: migrating keeps it and gives it assignments. */
static void test_migration_from_level1(void **state)
{
	struct ctx *c = *state;
	char *path = fx_db_new(c->dir, "level1");
	struct store *st = NULL;
	struct plan_doc doc;
	struct store_assignment_list l;
	struct svc_directory_import r;
	struct err e = ERR_INIT;
	int64_t ids[6];

	if (fx_pg()) {
		char *level1 = pg_migration(1, &e);

		assert_non_null(level1);
		sql_exec(path, level1);
		free(level1);
		sql_exec(path, "CREATE TABLE duban_meta (id INTEGER PRIMARY KEY, application TEXT"
			       " NOT NULL, version INTEGER NOT NULL);"
			       " INSERT INTO duban_meta VALUES (1, 'duban', 1)");
	} else {
		sql_exec(path, sqlite_migrations[0]);
	}
	sql_exec(path,
		 "INSERT INTO plans (id, issuer, doc_no, title, year, issued_on, source_sha256,"
		 " imported_at) VALUES (1, '安康市人民政府', '安政发〔2022〕5号', '清单', 2022,"
		 " '2022-03-28', 'abc', '2024-01-01T00:00:00Z');"
		 "INSERT INTO tasks (id, plan_id, no, section, text, line) VALUES"
		 " (1, 1, 1, '共性任务', '第一项', 10), (2, 1, 2, '共性任务', '第二项', 11);"
		 "INSERT INTO units (id, name) VALUES (1, '市发改委'), (2, '各县（市、区）政府'),"
		 " (3, '市财政局');"
		 "INSERT INTO task_units (task_id, position, unit_id) VALUES"
		 " (1, 1, 1), (1, 2, 2), (1, 3, 3), (2, 1, 2), (2, 2, 1);");
	if (!fx_pg())
		sql_exec(path, "PRAGMA user_version = 1; PRAGMA application_id = 1685414497;");
	assert_int_equal(store_open(path, &st, &e), 0);
	assert_int_equal(sql_int(path, fx_pg() ? "SELECT version FROM duban_meta"
					       : "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	plan_doc_init(&doc);
	assert_int_equal(store_plan_load(st, 1, &doc, &e), 0);
	assert_int_equal(doc.ntasks, 2);
	assert_string_equal(doc.tasks[0].units[1], "各县（市、区）政府");
	assert_string_equal(doc.tasks[1].text, "第二项");
	plan_doc_release(&doc);

	list_all(st, 1, &l);
	assert_int_equal(l.n, 5);
	for (size_t i = 0; i < l.n; i++) {
		assert_int_equal(l.v[i].a.unit_id, 0);
		assert_int_equal(l.v[i].a.role, l.v[i].a.position ? ASSIGN_CO : ASSIGN_LEAD);
		ids[i] = l.v[i].a.id;
	}
	assert_string_equal(l.v[1].a.written, "各县（市、区）政府");
	store_assignment_list_release(&l);

	/* The directory then resolves them, keeping ids. */
	import_dir_ok(st, units_v1, groups_v1, &r);
	assert_int_equal(r.derive.updated, 2);	/* 市发改委 twice */
	assert_int_equal(r.derive.retired, 2);	/* the group as a name, twice */
	assert_int_equal(r.derive.added, 6);	/* three counties, twice */
	assert_int_equal(r.unverified_names, 1);	/* 市财政局 */
	svc_directory_import_release(&r);
	list_all(st, 1, &l);
	assert_int_equal(l.n, 11);
	assert_int_equal(find_row(&l, 1, "市发改委")->a.id, ids[0]);
	assert_int_equal(find_row(&l, 2, "市发改委")->a.id, ids[4]);
	assert_int_equal(find_row(&l, 1, "市财政局")->a.id, ids[2]);
	store_assignment_list_release(&l);
	store_close(st);
	fx_db_drop(path);
	free(path);
}

/* ---- group aliases (level 11) ---- */

static const char groups_alias[] =
	"分组名称,成员单位,简称及别名\n"
	"各县（市、区）政府,汉滨区政府,各县（市、区）人民政府、各县区政府\n"
	"各县（市、区）政府,汉阴县政府,\n"
	"各县（市、区）政府,石泉县政府,\n"
	"各开发区管委会,安康高新区管委会,各开发区\n";
static const char groups_no_alias[] =
	"分组名称,成员单位\n"
	"各县（市、区）政府,汉滨区政府\n"
	"各县（市、区）政府,汉阴县政府\n"
	"各县（市、区）政府,石泉县政府\n"
	"各开发区管委会,安康高新区管委会\n";

/* Rows of task `no` (retired ones too), in list order, into v[0..max); returns how many. */
static size_t task_rows(const struct store_assignment_list *l, int no,
			const struct store_assignment_row **v, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].task_no == no && n < max)
			v[n++] = &l->v[i];
	return n;
}

static void test_group_aliases_saved_loaded_reconciled(void **state)
{
	struct ctx *c = *state;
	struct svc_directory_import r;
	struct directory d, csv;
	struct plan_doc doc;
	struct store_assignment_list l;
	const struct store_assignment_row *rows[8];
	struct strbuf u = STRBUF_INIT, g = STRBUF_INIT;
	struct err e = ERR_INIT;
	int64_t plan, gid, ids[3];
	struct directory_csv_input in[2] = {
		{ units_v1, sizeof(units_v1) - 1, "units.csv" },
		{ groups_alias, sizeof(groups_alias) - 1, "groups.csv" },
	};
	int no = 0;
	size_t n;

	import_dir_ok(c->st, units_v1, groups_alias, &r);
	assert_int_equal(r.groups_added, 2);
	svc_directory_import_release(&r);
	/* Saved and loaded as read. */
	directory_init(&d);
	directory_init(&csv);
	assert_int_equal(store_directory_load(c->st, &d, &e), 0);
	assert_int_equal(directory_csv_read_all(&csv, in, 2, &e), 0);
	assert_true(directory_equal(&d, &csv));
	assert_int_equal(d.groups[0].naliases, 2);
	assert_string_equal(d.groups[0].aliases[0], "各县（市、区）人民政府");
	assert_string_equal(d.groups[0].aliases[1], "各县区政府");
	assert_string_equal(d.groups[1].aliases[0], "各开发区");
	gid = d.groups[0].id;
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM org_group_aliases"), 3);
	directory_release(&csv);
	directory_release(&d);

	/* A task led by 各县（市、区）人民政府 goes to the three counties through the group. */
	fx_doc(&doc, "安政发〔2022〕5号", 2022, 12, 0);
	for (size_t i = 0; i < doc.ntasks && !no; i++) {
		bool has_group = false;
		for (size_t j = 0; j < doc.tasks[i].nunits; j++)
			has_group |= !strcmp(doc.tasks[i].units[j], "各县（市、区）政府");
		if (!has_group) {
			doc.tasks[i].units[0] = "各县（市、区）人民政府";
			no = doc.tasks[i].no;
		}
	}
	assert_true(no > 0);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &plan, &e), 0);
	list_all(c->st, plan, &l);
	n = task_rows(&l, no, rows, 8);
	assert_true(n >= 3);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(rows[i]->a.via_group_id, gid);
		assert_int_equal(rows[i]->a.role, ASSIGN_LEAD);
		assert_int_equal(rows[i]->a.position, 0);
		assert_string_equal(rows[i]->a.written, "各县（市、区）人民政府");
		assert_string_equal(rows[i]->group_name, "各县（市、区）政府");
		ids[i] = rows[i]->a.id;
	}
	assert_string_equal(rows[0]->a.unit_name, "汉滨区政府");
	assert_string_equal(rows[2]->a.unit_name, "石泉县政府");
	store_assignment_list_release(&l);

	/* The same directory again: nothing changes. */
	import_dir_ok(c->st, units_v1, groups_alias, &r);
	assert_int_equal(r.groups_changed + r.groups_added + r.groups_dropped, 0);
	assert_int_equal(r.derive.updated + r.derive.added + r.derive.retired, 0);
	svc_directory_import_release(&r);
	/* Only units.csv: the stored groups keep their aliases. */
	import_dir_ok(c->st, units_v1, NULL, &r);
	assert_int_equal(r.groups_changed, 0);
	assert_int_equal(r.dir.groups[0].naliases, 2);
	assert_int_equal(r.derive.updated + r.derive.added + r.derive.retired, 0);
	svc_directory_import_release(&r);

	/* Without the aliases: a changed group with the same id; the name is unverified again. */
	import_dir_ok(c->st, units_v1, groups_no_alias, &r);
	assert_int_equal(r.groups_changed, 2);
	assert_int_equal(r.dir.groups[0].id, gid);
	assert_int_equal(r.derive.retired, 3);
	assert_int_equal(r.derive.added, 1);
	svc_directory_import_release(&r);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM org_group_aliases"), 0);

	/* And back: the members' assignments come back with their ids. */
	import_dir_ok(c->st, units_v1, groups_alias, &r);
	assert_int_equal(r.dir.groups[0].id, gid);
	assert_int_equal(r.derive.updated, 3);
	assert_int_equal(r.derive.retired, 1);
	assert_int_equal(r.derive.added, 0);
	svc_directory_import_release(&r);
	list_all(c->st, plan, &l);
	n = task_rows(&l, no, rows, 8);
	for (size_t i = 0, k = 0; i < n; i++) {
		if (rows[i]->a.flags & ASSIGN_RETIRED) {
			assert_int_equal(rows[i]->a.unit_id, 0);	/* the name as unverified */
			continue;
		}
		if (k < 3)
			assert_int_equal(rows[i]->a.id, ids[k++]);
	}
	store_assignment_list_release(&l);

	/* Export: the alias column, and it imports to the same directory. */
	assert_int_equal(svc_directory_export(c->st, &u, &g, &e), 0);
	assert_non_null(strstr(g.buf, "分组名称,成员单位,简称及别名\r\n"
				      "各县（市、区）政府,汉滨区政府,各县（市、区）人民政府、各县区政府\r\n"));
	import_dir_ok(c->st, u.buf, g.buf, &r);
	assert_int_equal(r.groups_changed + r.groups_added + r.groups_dropped, 0);
	assert_int_equal(r.derive.updated + r.derive.added + r.derive.retired, 0);
	svc_directory_import_release(&r);

	/* A group alias that a unit holds is refused, and nothing changes. */
	assert_int_equal(import_dir(c->st, units_v1,
				    "分组名称,成员单位,简称及别名\n组,汉滨区政府,市交通局\n", &r, &e),
			 -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "groups.csv:2"));
	svc_directory_import_release(&r);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM org_group_aliases"), 3);
	strbuf_release(&u);
	strbuf_release(&g);
}

/* A level-10 database with a directory: migrating to 11 keeps it; aliases can then be added. */
static void test_migration_from_level10(void **state)
{
	struct ctx *c = *state;
	char *path = fx_db_new(c->dir, "level10");
	struct store *st = NULL;
	struct directory d;
	struct svc_directory_import r;
	struct err e = ERR_INIT;

	if (fx_pg()) {
		for (int level = 1; level <= 10; level++) {
			char *sql = pg_migration(level, &e);

			assert_non_null(sql);
			sql_exec(path, sql);
			free(sql);
		}
		sql_exec(path, "CREATE TABLE duban_meta (id INTEGER PRIMARY KEY, application TEXT"
			       " NOT NULL, version INTEGER NOT NULL);"
			       " INSERT INTO duban_meta VALUES (1, 'duban', 10)");
	} else {
		for (int level = 0; level < 10; level++)
			sql_exec(path, sqlite_migrations[level]);
	}
	sql_exec(path,
		 "INSERT INTO org_units (id, name, kind, active, listed, seq) VALUES"
		 " (5, '汉滨区政府', 'county_gov', 1, 1, 1), (6, '汉阴县政府', 'county_gov', 1, 1, 2),"
		 " (7, '旧单位', 'other', 1, 0, 3);"
		 "INSERT INTO org_aliases (unit_id, seq, alias) VALUES (5, 1, '汉滨区');"
		 "INSERT INTO org_groups (id, name, listed, seq) VALUES (9, '各县（市、区）政府', 1, 1);"
		 "INSERT INTO org_group_members (group_id, seq, unit_id) VALUES (9, 1, 5), (9, 2, 6);");
	if (!fx_pg())
		sql_exec(path, "PRAGMA user_version = 10; PRAGMA application_id = 1685414497;");
	assert_int_equal(store_open(path, &st, &e), 0);
	assert_int_equal(sql_int(path, fx_pg() ? "SELECT version FROM duban_meta"
					       : "PRAGMA user_version"), 11);
	assert_int_equal(sql_int(path, "SELECT count(*) FROM org_group_aliases"), 0);
	directory_init(&d);
	assert_int_equal(store_directory_load(st, &d, &e), 0);
	assert_int_equal(d.nunits, 2);
	assert_int_equal(d.units[0].id, 5);
	assert_string_equal(d.units[0].aliases[0], "汉滨区");
	assert_int_equal(d.ngroups, 1);
	assert_int_equal(d.groups[0].id, 9);
	assert_int_equal(d.groups[0].nmembers, 2);
	assert_int_equal(d.groups[0].naliases, 0);
	directory_release(&d);
	assert_int_equal(sql_int(path, "SELECT count(*) FROM org_units"), 3);

	import_dir_ok(st, NULL,
		      "分组名称,成员单位,简称及别名\n各县（市、区）政府,汉滨区,各县区政府\n"
		      "各县（市、区）政府,汉阴县政府,\n", &r);
	assert_int_equal(r.dir.groups[0].id, 9);
	assert_int_equal(r.groups_changed, 1);
	svc_directory_import_release(&r);
	assert_int_equal(sql_int(path, "SELECT group_id FROM org_group_aliases"), 9);
	store_close(st);
	fx_db_drop(path);
	free(path);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_derived_without_directory),
		T(test_derived_with_directory),
		T(test_reimport_keeps_ids),
		T(test_list_before_directory),
		T(test_rollback),
		T(test_replace_rederives),
		T(test_ids_come_back),
		T(test_export_round_trip),
		T(test_unit_view),
		T(test_migration_from_level1),
		T(test_group_aliases_saved_loaded_reconciled),
		T(test_migration_from_level10),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
