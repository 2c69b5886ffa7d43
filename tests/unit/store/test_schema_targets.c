/* Unit tests for schema level 10 (targets rebuilt with its cmp check as a chain of =), SQLite or PostgreSQL. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_schema.h"
#include "store/sqlite_schema.h"
#include "store/store.h"
#include "util/err.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include "db_fixture.h"
#include "store_fixture.h"

struct ctx {
	char *dir;
};

static int setup(void **state)
{
	struct ctx *c = xcalloc(1, sizeof(*c));

	c->dir = fx_tmpdir();
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;

	fx_rmdir(c->dir);
	free(c);
	return 0;
}

/* A database at schema level `level`, written by the migrations as they were then. */
static char *db_at_level(const char *dir, const char *name, int level)
{
	char *url = fx_db_new(dir, name);
	struct err e = ERR_INIT;

	if (fx_pg()) {
		fx_sql_exec(url, "CREATE TABLE duban_meta (id INTEGER PRIMARY KEY, application TEXT"
				 " NOT NULL, version INTEGER NOT NULL);"
				 " INSERT INTO duban_meta VALUES (1, 'duban', 0)");
		for (int l = 1; l <= level; l++) {
			char *sql = pg_migration(l, &e);

			assert_non_null(sql);
			fx_sql_exec(url, sql);
			free(sql);
		}
		{
			char *set = xasprintf("UPDATE duban_meta SET version = %d", level);

			fx_sql_exec(url, set);
			free(set);
		}
	} else {
		char *set = xasprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", level,
				      SQLITE_APPLICATION_ID);

		for (int l = 0; l < level; l++)
			fx_sql_exec(url, sqlite_migrations[l]);
		fx_sql_exec(url, set);
		free(set);
	}
	return url;
}

static int schema_version(const char *url)
{
	return (int)fx_sql_int(url, fx_pg() ? "SELECT version FROM duban_meta"
					    : "PRAGMA user_version");
}

static char *rows(const char *url, const char *sql)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(fx_sql_rows(url, sql, &sb), 0);
	return strbuf_detach(&sb, NULL);
}

static const char targets_sql[] =
	"SELECT task_id, seq, metric, value, max, unit, cmp, text, qualifier FROM targets"
	" ORDER BY task_id, seq";

/* The rules level 10 keeps: the five comparisons, the key, the task it hangs on. */
static void check_rules(const char *url)
{
	assert_int_equal(fx_sql_try(url, "INSERT INTO targets (task_id, seq, value, cmp)"
				    " VALUES (1, 90, 1, 'gt')"), -1);
	assert_int_equal(fx_sql_try(url, "INSERT INTO targets (task_id, seq, value, cmp)"
				    " VALUES (1, 91, 1, NULL)"), -1);
	assert_int_equal(fx_sql_try(url, "INSERT INTO targets (task_id, seq, value, cmp)"
				    " VALUES (999, 92, 1, 'eq')"), -1);
	assert_int_equal(fx_sql_try(url, "INSERT INTO targets (task_id, seq, value, cmp)"
				    " VALUES (1, 1, 1, 'eq')"), -1);
	assert_int_equal(fx_sql_try(url, "INSERT INTO targets (task_id, seq, value, cmp) VALUES"
				    " (1, 93, 1, 'eq'), (1, 94, 1, 'approx'), (1, 95, 1, 'ge'),"
				    " (1, 96, 1, 'le'), (1, 97, 1, 'range')"), 0);
	assert_int_equal(fx_sql_int(url, "SELECT count(*) FROM targets WHERE seq >= 90"), 5);
	/* A task's targets go with it. */
	fx_sql_exec(url, "DELETE FROM tasks WHERE id = 2");
	assert_int_equal(fx_sql_int(url, "SELECT count(*) FROM targets WHERE task_id = 2"), 0);
}

static void test_level9_targets_kept(void **state)
{
	struct ctx *c = *state;
	char *url = db_at_level(c->dir, "level9", 9);
	struct store *st = NULL;
	struct err e = ERR_INIT;
	char *before, *after;

	fx_sql_exec(url,
		    "INSERT INTO plans (id, issuer, doc_no, title, year, source_sha256, imported_at)"
		    " VALUES (1, '安康市人民政府', '安政发〔2022〕5号', '清单', 2022, 'abc',"
		    " '2024-01-01T00:00:00Z');"
		    "INSERT INTO tasks (id, plan_id, no, section, text, line) VALUES"
		    " (1, 1, 1, '共性任务', '第一项', 10), (2, 1, 2, '共性任务', '第二项', 11);"
		    "INSERT INTO targets (task_id, seq, metric, value, max, unit, cmp, text, qualifier)"
		    " VALUES (1, 1, '地区生产总值', 8.5, NULL, '%', 'approx', '增长8.5%左右', NULL),"
		    " (1, 2, '新增就业', 2.5, NULL, '万人', 'ge', '不少于2.5万人', '城镇'),"
		    " (1, 3, '', 3, NULL, '%', 'le', '控制在3%以内', NULL),"
		    " (2, 1, '粮食产量', 60, 62.5, '万吨', 'range', '60万至62.5万吨', NULL),"
		    " (2, 2, '项目', 12, NULL, '个', 'eq', '建成12个', '重点')");
	before = rows(url, targets_sql);
	assert_int_equal(schema_version(url), 9);

	assert_int_equal(store_open(url, &st, &e), 0);
	assert_int_equal(schema_version(url), STORE_SCHEMA_VERSION);
	after = rows(url, targets_sql);
	assert_string_equal(after, before);
	/* The stored plan reads back with its targets. */
	{
		struct plan_doc doc;

		plan_doc_init(&doc);
		assert_int_equal(store_plan_load(st, 1, &doc, &e), 0);
		assert_int_equal(doc.ntasks, 2);
		assert_int_equal(doc.tasks[0].ntargets, 3);
		assert_int_equal(doc.tasks[1].ntargets, 2);
		assert_int_equal(doc.tasks[1].targets[0].cmp, TARGET_RANGE);
		plan_doc_release(&doc);
	}
	store_close(st);
	check_rules(url);
	free(before);
	free(after);
	fx_db_drop(url);
	free(url);
}

static void test_fresh_database_same_rules(void **state)
{
	struct ctx *c = *state;
	char *url = fx_db_new(c->dir, "fresh");
	struct store *st = NULL;
	struct err e = ERR_INIT;

	assert_int_equal(store_open(url, &st, &e), 0);
	store_close(st);
	fx_sql_exec(url,
		    "INSERT INTO plans (id, issuer, doc_no, title, year, source_sha256, imported_at)"
		    " VALUES (1, '', '', '', 2022, 'abc', '2024-01-01T00:00:00Z');"
		    "INSERT INTO tasks (id, plan_id, no, text) VALUES (1, 1, 1, 'a'), (2, 1, 2, 'b');"
		    "INSERT INTO targets (task_id, seq, value, cmp) VALUES (1, 1, 1, 'eq'),"
		    " (2, 1, 1, 'ge')");
	check_rules(url);
	/* Nothing of the rebuild is left behind. */
	assert_int_equal(fx_sql_int(url, fx_pg() ? "SELECT count(*) FROM pg_tables WHERE"
						 " tablename = 'targets_new'"
						 : "SELECT count(*) FROM sqlite_schema WHERE"
						   " name = 'targets_new'"), 0);
	fx_db_drop(url);
	free(url);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_level9_targets_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fresh_database_same_rules, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
