/* Unit tests for src/store and the import rules of svc_import_store, on hand-built plans (SQLite or PostgreSQL). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "export/export_json.h"
#include "service/import_service.h"
#include "service/plan_service.h"
#include "store/store.h"
#include "util/err.h"
#include "util/strbuf.h"
#include "util/strmap.h"
#include "util/xalloc.h"

#include "db_fixture.h"
#include "store_fixture.h"

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

/* One integer from an SQL query on the database, through a separate connection. */
static long long sql_int(const char *db, const char *sql)
{
	return fx_sql_int(db, sql);
}

static void sql_exec(const char *db, const char *sql)
{
	assert_int_equal(fx_sql_try(db, sql), 0);
}

/* Store `doc` through the service's import rules (moves nothing out of doc). */
static int import_doc(struct store *st, struct plan_doc *doc, enum svc_import_mode mode,
		      struct svc_import *imp, struct err *e)
{
	svc_import_init(imp);
	plan_doc_release(&imp->doc);
	imp->doc = *doc;	/* imp now owns the arena */
	plan_doc_init(doc);
	imp->info.format = "text";
	imp->info.encoding = "UTF-8";
	return svc_import_store(st, imp, mode, &(struct svc_actor){ "test" }, e);
}

/* The JSON export of stored plan `id`: a complete, comparable picture of it. */
static char *stored_json(struct store *st, int64_t id)
{
	struct plan_doc doc;
	struct strbuf sb = STRBUF_INIT;
	struct err e = ERR_INIT;

	plan_doc_init(&doc);
	assert_int_equal(store_plan_load(st, id, &doc, &e), 0);
	assert_int_equal(export_json(&doc, &sb, &e), 0);
	plan_doc_release(&doc);
	return strbuf_detach(&sb, NULL);
}

static char *doc_json(const struct plan_doc *doc)
{
	struct strbuf sb = STRBUF_INIT;
	struct err e = ERR_INIT;

	assert_int_equal(export_json(doc, &sb, &e), 0);
	return strbuf_detach(&sb, NULL);
}

static void test_migrations_from_empty(void **state)
{
	struct ctx *c = *state;
	struct err e = ERR_INIT;
	int v = -1;

	assert_int_equal(store_schema_version(c->st, &v, &e), 0);
	assert_int_equal(v, STORE_SCHEMA_VERSION);
	if (fx_pg()) {
		assert_int_equal(sql_int(c->db, "SELECT version FROM duban_meta WHERE"
						 " application = 'duban'"), STORE_SCHEMA_VERSION);
		assert_int_equal(sql_int(c->db, "SELECT count(*) FROM pg_tables WHERE tablename IN"
						 " ('plans', 'tasks', 'units', 'task_units',"
						 " 'targets', 'milestones')"), 6);
		/* Reopening an up-to-date database changes nothing. */
		store_close(c->st);
		c->st = NULL;
		assert_int_equal(store_open(c->db, &c->st, &e), 0);
		assert_int_equal(sql_int(c->db, "SELECT version FROM duban_meta"),
				 STORE_SCHEMA_VERSION);
		return;
	}
	assert_int_equal(sql_int(c->db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(sql_int(c->db, "PRAGMA application_id"), 0x64756261);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
					 " AND name IN ('plans', 'tasks', 'units', 'task_units',"
					 " 'targets', 'milestones')"), 6);
	/* A new database is in rollback-journal mode until its first commit, then WAL. */
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM pragma_journal_mode"
					 " WHERE journal_mode = 'delete'"), 1);
	assert_int_equal(store_begin(c->st, &e), 0);
	assert_int_equal(store_commit(c->st, &e), 0);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM pragma_journal_mode"
					 " WHERE journal_mode = 'wal'"), 1);
	/* Reopening an up-to-date database changes nothing. */
	store_close(c->st);
	c->st = NULL;
	assert_int_equal(store_open(c->db, &c->st, &e), 0);
	assert_int_equal(sql_int(c->db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
}

static void test_sqlite_url_and_postgres(void **state)
{
	struct ctx *c = *state;
	struct store *st = NULL;
	struct err e = ERR_INIT;
	char *url = xasprintf("sqlite:%s/other.db", c->dir);
	char *path = xasprintf("%s/other.db", c->dir);

	assert_int_equal(store_open(url, &st, &e), 0);
	store_close(st);
	assert_int_equal(sql_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	/* No server there: the message names host, port, database and user, never the password. */
	assert_int_equal(store_open("postgres://alice:s3cret@127.0.0.1:1/dubandb", &st, &e), -1);
	assert_null(st);
	assert_int_equal(e.kind, ERR_STORE);
	assert_non_null(strstr(e.msg, "PostgreSQL"));
	assert_non_null(strstr(e.msg, "127.0.0.1"));
	assert_non_null(strstr(e.msg, "dubandb"));
	assert_non_null(strstr(e.msg, "alice"));
	assert_null(strstr(e.msg, "s3cret"));
	assert_int_equal(store_open("postgresql://alice:s3cret@127.0.0.1:1/dubandb", &st, &e), -1);
	assert_null(strstr(e.msg, "s3cret"));
	free(url);
	free(path);
}

static void test_newer_schema_refused(void **state)
{
	struct ctx *c = *state;
	struct store *st = NULL;
	struct err e = ERR_INIT;

	store_close(c->st);
	c->st = NULL;
	if (fx_pg()) {
		sql_exec(c->db, "UPDATE duban_meta SET version = 99");
		assert_int_equal(store_open(c->db, &st, &e), -1);
		assert_null(st);
		assert_int_equal(e.kind, ERR_STORE);
		assert_non_null(strstr(e.msg, "99"));
		assert_non_null(strstr(e.msg, "更新"));
		assert_int_equal(sql_int(c->db, "SELECT version FROM duban_meta"), 99);
		{
			char *set = xasprintf("UPDATE duban_meta SET version = %d", STORE_SCHEMA_VERSION);
			sql_exec(c->db, set);
			free(set);
		}
		assert_int_equal(store_open(c->db, &c->st, &e), 0);
		return;
	}
	sql_exec(c->db, "PRAGMA user_version = 99");
	assert_int_equal(store_open(c->db, &st, &e), -1);
	assert_null(st);
	assert_int_equal(e.kind, ERR_STORE);
	assert_non_null(strstr(e.msg, "99"));
	assert_non_null(strstr(e.msg, "更新"));
	/* The refusal did not touch the file. */
	assert_int_equal(sql_int(c->db, "PRAGMA user_version"), 99);
	{
		/* Back to the level it was (every table exists), not to level 1. */
		char *set = xasprintf("PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
		sql_exec(c->db, set);
		free(set);
	}
	assert_int_equal(store_open(c->db, &c->st, &e), 0);
}

static void test_foreign_database_refused(void **state)
{
	struct ctx *c = *state;
	struct store *st = NULL;
	struct err e = ERR_INIT;
	char *path = fx_db_new(c->dir, "foreign");

	sql_exec(path, "CREATE TABLE accounts (id INTEGER)");
	assert_int_equal(store_open(path, &st, &e), -1);
	assert_int_equal(e.kind, ERR_STORE);
	assert_non_null(strstr(e.msg, "不是 duban"));
	if (fx_pg())
		assert_int_equal(sql_int(path, "SELECT count(*) FROM pg_tables WHERE"
					       " tablename = 'duban_meta'"), 0);
	else
		assert_int_equal(sql_int(path, "PRAGMA user_version"), 0);
	fx_db_drop(path);
	free(path);
}

static void test_round_trip(void **state)
{
	struct ctx *c = *state;
	struct plan_doc doc, back;
	struct err e = ERR_INIT;
	struct store_plan_source src = { "text", "GB18030", "2024-05-01T08:00:00Z" };
	struct store_plan_list l;
	int64_t id;
	char *want, *got;

	fx_doc(&doc, "安政发〔2022〕5号", 2022, 12, 0);
	want = doc_json(&doc);
	assert_int_equal(store_begin(c->st, &e), 0);
	assert_int_equal(store_plan_insert(c->st, &doc.plan, &src, &id, &e), 0);
	assert_int_equal(store_tasks_insert(c->st, id, doc.tasks, doc.ntasks, &e), 0);
	assert_int_equal(store_commit(c->st, &e), 0);

	plan_doc_init(&back);
	assert_int_equal(store_plan_load(c->st, id, &back, &e), 0);
	got = doc_json(&back);
	assert_string_equal(got, want);
	/* Fields the JSON does not carry. */
	assert_int_equal(back.ntasks, 12);
	assert_string_equal(back.plan.recipients, "各县（市、区）人民政府");
	assert_string_equal(back.plan.source_name, "tasks.txt");
	assert_string_equal(back.plan.sha256, doc.plan.sha256);
	for (size_t i = 0; i < back.ntasks; i++) {
		assert_int_equal(back.tasks[i].line, doc.tasks[i].line);
		assert_int_equal(date_cmp(back.tasks[i].due, doc.tasks[i].due), 0);
		if (doc.tasks[i].leader)
			assert_string_equal(back.tasks[i].leader, doc.tasks[i].leader);
		else
			assert_null(back.tasks[i].leader);
	}
	assert_string_equal(back.tasks[0].targets[1].qualifier, "投资千万元以上");
	assert_null(back.tasks[2].targets[1].qualifier);
	assert_false(date_is_set(back.tasks[2].milestones[1].due));

	store_plan_list_init(&l);
	assert_int_equal(store_plan_list(c->st, &l, &e), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].ntasks, 12);
	assert_string_equal(l.v[0].imported_at, "2024-05-01T08:00:00Z");
	assert_string_equal(l.v[0].source_encoding, "GB18030");
	assert_string_equal(l.v[0].source_format, "text");
	assert_int_equal(l.v[0].year, 2022);
	store_plan_list_release(&l);

	free(want);
	free(got);
	plan_doc_release(&back);
	plan_doc_release(&doc);
}

static void test_write_needs_transaction(void **state)
{
	struct ctx *c = *state;
	struct plan_doc doc;
	struct err e = ERR_INIT;
	int64_t id;

	fx_doc(&doc, "X〔2022〕1号", 2022, 1, 0);
	assert_int_equal(store_plan_insert(c->st, &doc.plan, NULL, &id, &e), -1);
	assert_int_equal(e.kind, ERR_INTERNAL);
	assert_int_equal(store_begin(c->st, &e), 0);
	assert_int_equal(store_begin(c->st, &e), -1);
	store_rollback(c->st);
	assert_int_equal(store_commit(c->st, &e), -1);
	plan_doc_release(&doc);
}

static void test_duplicate_refused_and_skip(void **state)
{
	struct ctx *c = *state;
	struct plan_doc doc;
	struct svc_import a, b;
	struct err e = ERR_INIT;
	char *before;

	fx_doc(&doc, "安政发〔2022〕5号", 2022, 5, 0);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &a, &e), 0);
	assert_int_equal(a.outcome, SVC_IMPORT_ADDED);
	before = stored_json(c->st, a.plan_id);

	fx_doc(&doc, "安政发〔2022〕5号", 2022, 5, 0);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &b, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "已经导入过"));
	assert_non_null(strstr(e.msg, "安政发〔2022〕5号"));
	assert_non_null(strstr(e.msg, "--replace"));
	svc_import_release(&b);

	fx_doc(&doc, "安政发〔2022〕5号", 2022, 5, 0);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_SKIP_EXISTING, &b, &e), 0);
	assert_int_equal(b.outcome, SVC_IMPORT_UNCHANGED);
	assert_int_equal(b.plan_id, a.plan_id);
	assert_true(b.previous_at[0] != '\0');
	svc_import_release(&b);

	{
		char *after = stored_json(c->st, a.plan_id);
		assert_string_equal(after, before);
		free(after);
	}
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM plans"), 1);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM tasks"), 5);
	free(before);
	svc_import_release(&a);
}

static void test_replace(void **state)
{
	struct ctx *c = *state;
	struct plan_doc doc;
	struct svc_import a, b;
	struct err e = ERR_INIT;
	char *want, *got;

	fx_doc(&doc, "安政发〔2022〕5号", 2022, 9, 0);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &a, &e), 0);

	/* Same source (same SHA-256), tasks rewritten: fewer and changed. */
	fx_doc(&doc, "安政发〔2022〕5号", 2022, 4, 0);
	memcpy(doc.plan.sha256, a.doc.plan.sha256, sizeof(doc.plan.sha256));
	doc.tasks[0].text = "改写后的第一项任务";
	want = doc_json(&doc);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_REPLACE, &b, &e), 0);
	assert_int_equal(b.outcome, SVC_IMPORT_REPLACED);
	assert_int_equal(b.plan_id, a.plan_id);
	got = stored_json(c->st, a.plan_id);
	assert_string_equal(got, want);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM plans"), 1);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM tasks"), 4);
	/* No orphans: every child row belongs to a current task. */
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM task_units WHERE task_id NOT IN"
					 " (SELECT id FROM tasks)"), 0);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM targets WHERE task_id NOT IN"
					 " (SELECT id FROM tasks)"), 0);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM milestones WHERE task_id NOT IN"
					 " (SELECT id FROM tasks)"), 0);
	free(want);
	free(got);
	svc_import_release(&a);
	svc_import_release(&b);
}

static void test_revision_needs_replace(void **state)
{
	struct ctx *c = *state;
	struct plan_doc doc;
	struct svc_import a, b;
	struct err e = ERR_INIT;
	char *want, *got;

	fx_doc(&doc, "安政发〔2022〕5号", 2022, 6, 0);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &a, &e), 0);

	/* Same issuer and number, other content: a revised version. */
	fx_doc(&doc, "安政发〔2022〕5号", 2022, 7, 1);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &b, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "文号相同"));
	assert_non_null(strstr(e.msg, "--replace"));
	svc_import_release(&b);
	/* --skip-existing only skips the very same file. */
	fx_doc(&doc, "安政发〔2022〕5号", 2022, 7, 1);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_SKIP_EXISTING, &b, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	svc_import_release(&b);

	fx_doc(&doc, "安政发〔2022〕5号", 2022, 7, 1);
	want = doc_json(&doc);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_REPLACE, &b, &e), 0);
	assert_int_equal(b.outcome, SVC_IMPORT_REPLACED);
	assert_int_equal(b.plan_id, a.plan_id);
	got = stored_json(c->st, a.plan_id);
	assert_string_equal(got, want);
	/* The plan now records the new source. */
	{
		struct arena ar = ARENA_INIT;
		struct store_plan_row row;
		bool found;

		assert_int_equal(store_plan_find_sha(c->st, b.doc.plan.sha256, &ar, &row, &found,
						     &e), 0);
		assert_true(found);
		assert_int_equal(row.id, a.plan_id);
		assert_int_equal(store_plan_find_sha(c->st, a.doc.plan.sha256, &ar, &row, &found,
						     &e), 0);
		assert_false(found);
		arena_release(&ar);
	}
	free(want);
	free(got);
	svc_import_release(&a);
	svc_import_release(&b);
}

static void test_plans_coexist(void **state)
{
	struct ctx *c = *state;
	struct plan_doc doc;
	struct svc_import a, b, d;
	struct err e = ERR_INIT;
	int64_t id;

	fx_doc(&doc, "安政发〔2022〕5号", 2022, 5, 0);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &a, &e), 0);
	fx_doc(&doc, "安政发〔2023〕3号", 2023, 8, 0);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &b, &e), 0);
	assert_true(b.plan_id != a.plan_id);
	/* Same number, another issuer: also another plan. */
	fx_doc(&doc, "安政发〔2023〕3号", 2023, 2, 7);
	doc.plan.issuer = "汉滨区人民政府";
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &d, &e), 0);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM plans"), 3);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM tasks"), 15);
	/* Unit names are shared between plans, stored once. */
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM units"), FX_NUNITS);

	/* Choosing a plan. */
	assert_int_equal(svc_plan_resolve(c->st, NULL, &id, &e), 0);
	assert_int_equal(id, d.plan_id);
	assert_int_equal(svc_plan_resolve(c->st, "2022", &id, &e), 0);
	assert_int_equal(id, a.plan_id);
	assert_int_equal(svc_plan_resolve(c->st, "2023", &id, &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	assert_non_null(strstr(e.msg, "2 份"));
	assert_int_equal(svc_plan_resolve(c->st, "安政发〔2022〕5号", &id, &e), 0);
	assert_int_equal(id, a.plan_id);
	{
		char *spec = xasprintf("%lld", (long long)b.plan_id);
		assert_int_equal(svc_plan_resolve(c->st, spec, &id, &e), 0);
		assert_int_equal(id, b.plan_id);
		free(spec);
	}
	assert_int_equal(svc_plan_resolve(c->st, "1999", &id, &e), -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);
	assert_int_equal(svc_plan_resolve(c->st, "99", &id, &e), -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);
	assert_int_equal(svc_plan_resolve(c->st, "无此文号", &id, &e), -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);
	svc_import_release(&a);
	svc_import_release(&b);
	svc_import_release(&d);
}

static void test_empty_store_resolve(void **state)
{
	struct ctx *c = *state;
	struct err e = ERR_INIT;
	int64_t id;

	assert_int_equal(svc_plan_resolve(c->st, NULL, &id, &e), -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);
	assert_non_null(strstr(e.msg, "duban import"));
}

/* A doc whose last task repeats an earlier number fails midway: nothing stays. */
static void test_rollback_new_plan(void **state)
{
	struct ctx *c = *state;
	struct plan_doc doc;
	struct svc_import a;
	struct err e = ERR_INIT;

	fx_doc(&doc, "安政发〔2022〕5号", 2022, 40, 0);
	doc.tasks[39].no = 17;
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &a, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "第 17 项"));
	assert_non_null(strstr(e.msg, "未做任何更改"));
	assert_int_equal(a.plan_id, 0);
	svc_import_release(&a);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM plans"), 0);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM tasks"), 0);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM units"), 0);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM task_units"), 0);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM targets"), 0);

	/* The store stays usable; the unit cache did not keep rolled-back ids. */
	fx_doc(&doc, "安政发〔2022〕5号", 2022, 3, 0);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &a, &e), 0);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM task_units tu LEFT JOIN units u"
					 " ON u.id = tu.unit_id WHERE u.id IS NULL"), 0);
	svc_import_release(&a);
}

/* A replace that fails midway leaves the old tasks exactly as they were. */
static void test_rollback_replace(void **state)
{
	struct ctx *c = *state;
	struct plan_doc doc;
	struct svc_import a, b;
	struct err e = ERR_INIT;
	char *before, *after;

	fx_doc(&doc, "安政发〔2022〕5号", 2022, 10, 0);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &a, &e), 0);
	before = stored_json(c->st, a.plan_id);

	fx_doc(&doc, "安政发〔2022〕5号", 2022, 30, 3);
	doc.tasks[29].no = 2;
	doc.tasks[5].units[0] = "新出现的单位";
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_REPLACE, &b, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	svc_import_release(&b);
	after = stored_json(c->st, a.plan_id);
	assert_string_equal(after, before);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM units WHERE name = '新出现的单位'"),
			 0);
	free(before);
	free(after);
	svc_import_release(&a);
}

static void test_duplicate_unit_in_task(void **state)
{
	struct ctx *c = *state;
	struct plan_doc doc;
	struct svc_import a;
	struct err e = ERR_INIT;

	fx_doc(&doc, "安政发〔2022〕5号", 2022, 3, 0);
	doc.tasks[2].units[1] = doc.tasks[2].units[0];
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &a, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "重复"));
	svc_import_release(&a);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM plans"), 0);
}

static void test_unit_counts(void **state)
{
	struct ctx *c = *state;
	struct plan_doc doc;
	struct svc_import a;
	struct store_unit_stats us;
	struct err e = ERR_INIT;
	size_t lead[FX_NUNITS] = { 0 }, co[FX_NUNITS] = { 0 }, total_lead = 0;

	fx_doc(&doc, "安政发〔2022〕5号", 2022, 25, 0);
	/* Count what the stats must say, from the document itself. */
	for (size_t i = 0; i < doc.ntasks; i++)
		for (size_t j = 0; j < doc.tasks[i].nunits; j++)
			for (size_t k = 0; k < FX_NUNITS; k++)
				if (!strcmp(doc.tasks[i].units[j], fx_unit(k)))
					(j ? co : lead)[k]++;
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &a, &e), 0);
	store_unit_stats_init(&us);
	assert_int_equal(svc_unit_stats(c->st, a.plan_id, &us, &e), 0);
	assert_int_equal(us.n, FX_NUNITS);
	for (size_t i = 0; i < us.n; i++) {
		size_t k = 0;

		while (k < FX_NUNITS && strcmp(us.v[i].name, fx_unit(k)))
			k++;
		assert_true(k < FX_NUNITS);
		assert_int_equal(us.v[i].nlead, lead[k]);
		assert_int_equal(us.v[i].nco, co[k]);
		total_lead += us.v[i].nlead;
		if (i) {
			assert_true(us.v[i - 1].nlead > us.v[i].nlead ||
				    (us.v[i - 1].nlead == us.v[i].nlead &&
				     us.v[i - 1].nco >= us.v[i].nco));
		}
	}
	assert_int_equal(total_lead, 25);
	store_unit_stats_release(&us);
	svc_import_release(&a);
}

static void test_dependents_empty(void **state)
{
	struct ctx *c = *state;
	struct plan_doc doc;
	struct svc_import a;
	struct strbuf what = STRBUF_INIT;
	struct err e = ERR_INIT;
	size_t n = 99;

	fx_doc(&doc, "安政发〔2022〕5号", 2022, 3, 0);
	assert_int_equal(import_doc(c->st, &doc, SVC_IMPORT_NEW, &a, &e), 0);
	assert_int_equal(store_plan_dependents(c->st, a.plan_id, &n, &what, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(what.len, 0);
	strbuf_release(&what);
	svc_import_release(&a);
}

static void test_load_missing_plan(void **state)
{
	struct ctx *c = *state;
	struct plan_doc doc;
	struct err e = ERR_INIT;

	plan_doc_init(&doc);
	assert_int_equal(store_plan_load(c->st, 42, &doc, &e), -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);
	plan_doc_release(&doc);
}

static void test_summary_and_targets_filter(void **state)
{
	struct plan_doc doc;
	struct svc_plan_summary sum;
	struct svc_target_ref *refs;
	struct svc_target_filter f;
	struct err e = ERR_INIT;
	size_t n;

	(void)state;
	fx_doc(&doc, "安政发〔2022〕5号", 2022, 10, 0);
	svc_plan_summarize(&doc, &sum);
	assert_int_equal(sum.ntasks, 10);
	assert_int_equal(sum.nsections, 2);
	assert_string_equal(sum.sections[0].section, "共性任务");
	assert_int_equal(sum.sections[0].ntasks, 3);
	assert_string_equal(sum.sections[1].section, "个性任务");
	assert_int_equal(sum.sections[1].ntasks, 7);
	assert_int_equal(sum.nunits, FX_NUNITS);
	assert_int_equal(sum.ntargets, 10);
	assert_int_equal(sum.nmilestones, 6);
	svc_plan_summary_release(&sum);

	assert_int_equal(svc_targets_filter(&doc, NULL, &refs, &n, &e), 0);
	assert_int_equal(n, 10);
	free(refs);
	/* NFKC and white space: "完成 投资" finds 完成投资. */
	f = (struct svc_target_filter){ "完成 投资", NULL, NULL };
	assert_int_equal(svc_targets_filter(&doc, &f, &refs, &n, &e), 0);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(refs[i].target->metric, "完成投资");
	free(refs);
	/* Measurement units: 亿元 means 元; 个 matches only 个. */
	f = (struct svc_target_filter){ NULL, "亿元", NULL };
	assert_int_equal(svc_targets_filter(&doc, &f, &refs, &n, &e), 0);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(refs[i].target->unit, "元");
	free(refs);
	f = (struct svc_target_filter){ "投资", "个", NULL };
	assert_int_equal(svc_targets_filter(&doc, &f, &refs, &n, &e), 0);
	assert_int_equal(n, 0);
	free(refs);
	/* A responsible unit, lead or co. */
	f = (struct svc_target_filter){ NULL, NULL, "市财政局" };
	assert_int_equal(svc_targets_filter(&doc, &f, &refs, &n, &e), 0);
	for (size_t i = 0; i < n; i++) {
		bool has = false;
		for (size_t j = 0; j < refs[i].task->nunits; j++)
			has |= !strcmp(refs[i].task->units[j], "市财政局");
		assert_true(has);
	}
	assert_true(n > 0 && n < 10);
	free(refs);
	f = (struct svc_target_filter){ "\xff", NULL, NULL };
	assert_int_equal(svc_targets_filter(&doc, &f, &refs, &n, &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	assert_non_null(svc_task_find(&doc, 7));
	assert_null(svc_task_find(&doc, 11));
	plan_doc_release(&doc);
}

/* Group commit: use cases as savepoints of one transaction; reads between them see it. */
static void test_batch_savepoints(void **state)
{
	struct ctx *c = *state;
	struct store_user u = { .name = "", .role = USER_LEADER, .pw_hash = "x" };
	struct plan_doc doc;
	struct err e = ERR_INIT;
	int64_t id;

	if (!store_batch_supported(c->st))
		skip();
	assert_int_equal(store_batch_begin(c->st, &e), 0);
	u.login = "a";
	assert_int_equal(store_begin(c->st, &e), 0);
	assert_int_equal(store_user_insert(c->st, &u, &id, &e), 0);
	assert_int_equal(store_commit(c->st, &e), 0);
	/* A use case that fails in the database undoes only itself. */
	assert_int_equal(store_begin(c->st, &e), 0);
	assert_int_equal(store_user_insert(c->st, &u, &id, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	store_rollback(c->st);
	/* A read of several queries between use cases stays inside the batch. */
	plan_doc_init(&doc);
	assert_int_equal(store_plan_load(c->st, 42, &doc, &e), -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);
	plan_doc_release(&doc);
	u.login = "b";
	assert_int_equal(store_begin(c->st, &e), 0);
	assert_int_equal(store_user_insert(c->st, &u, &id, &e), 0);
	assert_int_equal(store_commit(c->st, &e), 0);
	/* Nothing is visible to others before the batch commits. */
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM users"), 0);
	assert_int_equal(store_batch_commit(c->st, &e), 0);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM users"), 2);
	/* A batch rolled back leaves nothing, whatever its use cases committed. */
	assert_int_equal(store_batch_begin(c->st, &e), 0);
	u.login = "c";
	assert_int_equal(store_begin(c->st, &e), 0);
	assert_int_equal(store_user_insert(c->st, &u, &id, &e), 0);
	assert_int_equal(store_commit(c->st, &e), 0);
	store_batch_rollback(c->st);
	assert_int_equal(sql_int(c->db, "SELECT count(*) FROM users"), 2);
}

static void test_strmap(void **state)
{
	struct strmap m = STRMAP_INIT;
	char key[32];
	int64_t v;

	(void)state;
	strmap_init(&m);
	assert_false(strmap_get(&m, "x", &v));
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "单位%d", i);
		strmap_put(&m, key, i * 3);
	}
	assert_int_equal(strmap_count(&m), 5000);
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "单位%d", i);
		assert_true(strmap_get(&m, key, &v));
		assert_int_equal(v, i * 3);
	}
	strmap_put(&m, "单位7", -1);
	assert_int_equal(strmap_count(&m), 5000);
	assert_true(strmap_get(&m, "单位7", &v));
	assert_int_equal(v, -1);
	assert_false(strmap_get(&m, "单位5000", NULL));
	assert_true(strmap_get(&m, "单位0", NULL));
	strmap_release(&m);
	assert_false(strmap_get(&m, "单位0", NULL));
	strmap_put(&m, "", 5);
	assert_true(strmap_get(&m, "", &v));
	assert_int_equal(v, 5);
	strmap_release(&m);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_migrations_from_empty),
		T(test_sqlite_url_and_postgres),
		T(test_newer_schema_refused),
		T(test_foreign_database_refused),
		T(test_round_trip),
		T(test_write_needs_transaction),
		T(test_duplicate_refused_and_skip),
		T(test_replace),
		T(test_revision_needs_replace),
		T(test_plans_coexist),
		T(test_empty_store_resolve),
		T(test_rollback_new_plan),
		T(test_rollback_replace),
		T(test_duplicate_unit_in_task),
		T(test_unit_counts),
		T(test_dependents_empty),
		T(test_load_missing_plan),
		T(test_batch_savepoints),
		cmocka_unit_test(test_summary_and_targets_filter),
		cmocka_unit_test(test_strmap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
