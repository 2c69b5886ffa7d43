/* The SQLite backend of the store: one file, WAL, migrations, prepared statements. */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_schema.h"
#include "store/sqlite_internal.h"
#include "util/strmap.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define BUSY_TIMEOUT_MS 5000
#define BATCH_ROWS 64	/* rows per multi-row INSERT (at most 9 columns: 576 parameters) */

#define PLAN_COLUMNS                                                              \
	"SELECT p.id, p.issuer, p.doc_no, p.title, p.recipients, p.year, p.issued_on," \
	" p.source_name, p.source_format, p.source_encoding, p.source_sha256,"       \
	" p.imported_at, (SELECT count(*) FROM tasks t WHERE t.plan_id = p.id)"      \
	" FROM plans p"

enum stmt_id {
	S_PLAN_LIST,
	S_PLAN_BY_ID,
	S_PLAN_BY_SHA,
	S_PLAN_BY_DOC_NO,
	S_PLAN_INSERT,
	S_PLAN_UPDATE,
	S_TASKS_DELETE,
	S_TASK_NEXT_ID,
	S_UNIT_ALL,
	S_UNIT_INSERT,
	S_LOAD_TASKS,
	S_LOAD_TASK_UNITS,
	S_LOAD_TARGETS,
	S_LOAD_MILESTONES,
	S_UNIT_STATS,
	S_COUNT
};

static const char *const stmt_sql[S_COUNT] = {
	[S_PLAN_LIST] = PLAN_COLUMNS " ORDER BY p.id",
	[S_PLAN_BY_ID] = PLAN_COLUMNS " WHERE p.id = ?1",
	[S_PLAN_BY_SHA] = PLAN_COLUMNS " WHERE p.source_sha256 = ?1",
	[S_PLAN_BY_DOC_NO] = PLAN_COLUMNS " WHERE p.issuer = ?1 AND p.doc_no = ?2",
	[S_PLAN_INSERT] =
		"INSERT INTO plans (issuer, doc_no, title, year, issued_on, recipients,"
		" source_name, source_sha256, source_format, source_encoding, imported_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
		" coalesce(?11, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))",
	[S_PLAN_UPDATE] =
		"UPDATE plans SET issuer = ?1, doc_no = ?2, title = ?3, year = ?4,"
		" issued_on = ?5, recipients = ?6, source_name = ?7, source_sha256 = ?8,"
		" source_format = ?9, source_encoding = ?10,"
		" imported_at = coalesce(?11, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
		" WHERE id = ?12",
	[S_TASKS_DELETE] = "DELETE FROM tasks WHERE plan_id = ?1",
	[S_TASK_NEXT_ID] = "SELECT coalesce(max(id), 0) + 1 FROM tasks",
	[S_UNIT_ALL] = "SELECT id, name FROM units ORDER BY id",
	[S_UNIT_INSERT] = "INSERT INTO units (name) VALUES (?1)",
	[S_LOAD_TASKS] =
		"SELECT no, section, text, due_on, leader, line FROM tasks"
		" WHERE plan_id = ?1 ORDER BY no",
	[S_LOAD_TASK_UNITS] =
		"SELECT t.no, tu.unit_id FROM tasks t JOIN task_units tu ON tu.task_id = t.id"
		" WHERE t.plan_id = ?1 ORDER BY t.no, tu.position",
	[S_LOAD_TARGETS] =
		"SELECT t.no, g.metric, g.value, g.max, g.unit, g.cmp, g.text, g.qualifier"
		" FROM tasks t JOIN targets g ON g.task_id = t.id"
		" WHERE t.plan_id = ?1 ORDER BY t.no, g.seq",
	[S_LOAD_MILESTONES] =
		"SELECT t.no, m.due_on, m.text FROM tasks t JOIN milestones m ON m.task_id = t.id"
		" WHERE t.plan_id = ?1 ORDER BY t.no, m.seq",
	[S_UNIT_STATS] =
		"SELECT u.id, u.name, sum(tu.position = 1), sum(tu.position > 1)"
		" FROM tasks t JOIN task_units tu ON tu.task_id = t.id"
		" JOIN units u ON u.id = tu.unit_id"
		" WHERE t.plan_id = ?1 GROUP BY u.id"
		" ORDER BY 3 DESC, 4 DESC, min(t.no), u.id",
};

/* The multi-row inserts of an import (see struct batch). */
enum batch_id { B_TASKS, B_TASK_UNITS, B_TARGETS, B_MILESTONES, B_COUNT };

/* Each statement's cache key: its SQL's address in stmt_sql[]. */
static sqlite3_stmt *stmt_get(struct sqlite_store *ss, enum stmt_id id, struct err *e)
{
	return sq_stmt(ss, stmt_sql[id], e);
}

/* ---- opening and migrations ---- */

static int pragma_int(struct sqlite_store *ss, const char *sql, int *out, struct err *e)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(ss->db, sql, -1, &s, NULL) != SQLITE_OK)
		return sq_fail(ss, "读取数据库信息", e);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(s);
		return sq_fail(ss, "读取数据库信息", e);
	}
	*out = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return 0;
}

static int check_foreign(struct sqlite_store *ss, struct err *e)
{
	int app_id, ntables;

	if (pragma_int(ss, "PRAGMA application_id", &app_id, e))
		return -1;
	if (app_id == SQLITE_APPLICATION_ID)
		return 0;
	if (app_id != 0)
		return err_set(e, ERR_STORE, "%s: 不是 duban 的数据库（application_id %d）",
			       ss->path, app_id);
	if (pragma_int(ss, "SELECT count(*) FROM sqlite_schema", &ntables, e))
		return -1;
	if (ntables)
		return err_set(e, ERR_STORE, "%s: 不是 duban 的数据库（其中已有别的数据表）",
			       ss->path);
	return 0;
}

static int too_new(struct sqlite_store *ss, int version, struct err *e)
{
	return err_set(e, ERR_STORE,
		       "%s: 数据库结构版本为 %d，而本程序（duban %s）只支持到第 %d 版："
		       "它由更新版本的 duban 写入，请升级 duban 后再使用",
		       ss->path, version, DUBAN_VERSION, STORE_SCHEMA_VERSION);
}

/* Bring the schema to STORE_SCHEMA_VERSION, one transaction per level. */
static int migrate(struct sqlite_store *ss, struct err *e)
{
	int version;

	if (pragma_int(ss, "PRAGMA user_version", &version, e))
		return -1;
	if (version > STORE_SCHEMA_VERSION)
		return too_new(ss, version, e);
	while (version < STORE_SCHEMA_VERSION) {
		char *set;
		int now;

		if (sq_exec(ss, "BEGIN IMMEDIATE", "开始升级数据库结构", e))
			return -1;
		/* Another process may have migrated while we waited for the lock. */
		if (pragma_int(ss, "PRAGMA user_version", &now, e))
			goto fail;
		if (now != version) {
			sq_exec(ss, "ROLLBACK", "回滚", NULL);
			if (now > STORE_SCHEMA_VERSION)
				return too_new(ss, now, e);
			version = now;
			continue;
		}
		if (version == 0 && check_foreign(ss, e))
			goto fail;
		if (sqlite3_exec(ss->db, sqlite_migrations[version], NULL, NULL, NULL) != SQLITE_OK) {
			err_set(e, ERR_STORE, "%s: 升级数据库结构到第 %d 版失败：%s", ss->path,
				version + 1, sqlite3_errmsg(ss->db));
			goto fail;
		}
		set = xasprintf("PRAGMA user_version = %d; PRAGMA application_id = %d",
				version + 1, SQLITE_APPLICATION_ID);
		if (sq_exec(ss, set, "记录数据库结构版本", e)) {
			free(set);
			goto fail;
		}
		free(set);
		if (sq_exec(ss, "COMMIT", "提交数据库结构升级", e))
			goto fail;
		version++;
	}
	return 0;
fail:
	sq_exec(ss, "ROLLBACK", "回滚", NULL);
	return -1;
}

static int to_wal(struct sqlite_store *ss, struct err *e);

static void sqlite_close(struct store *st)
{
	struct sqlite_store *ss = sq_of(st);
	struct err ignored = ERR_INIT;

	/* A new database nothing was committed to (but its schema) is WAL too. */
	if (ss->fresh && ss->db)
		(void)to_wal(ss, &ignored);
	sq_finalize_all(ss);
	sqlite3_close(ss->db);
	strmap_release(&ss->units);
	free(ss->path);
	free(ss);
}

static const struct store_ops sqlite_ops;

/* Put the database in WAL mode (it stays so: the mode is kept in the file). */
static int to_wal(struct sqlite_store *ss, struct err *e)
{
	sqlite3_stmt *s = NULL;
	bool wal;

	/* journal_mode answers with a row; "wal" when it took effect. */
	if (sqlite3_prepare_v2(ss->db, "PRAGMA journal_mode = WAL", -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return sq_fail(ss, "打开数据库", e);
	}
	wal = !strcmp((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	if (!wal)
		return err_set(e, ERR_STORE, "%s: 无法切换到 WAL 日志模式", ss->path);
	ss->fresh = false;
	return 0;
}

int store_sqlite_open(const char *path, struct store **out, struct err *e)
{
	struct sqlite_store *ss = xcalloc(1, sizeof(*ss));
	int64_t pages;

	*out = NULL;
	/*
	 * No global memory statistics (they take a mutex per allocation).  Only
	 * possible before SQLite initialises; later calls return SQLITE_MISUSE
	 * and change nothing.
	 */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	ss->base.ops = &sqlite_ops;
	ss->path = xstrdup(path);
	ss->batch = xcalloc(B_COUNT, sizeof(*ss->batch));
	ss->nbatch = B_COUNT;
	strmap_init(&ss->units);
	/* NOMUTEX: a struct store is used by one thread at a time (store.h). */
	if (sqlite3_open_v2(path, &ss->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		if (ss->db)
			sq_fail(ss, "打开数据库", e);
		else
			err_set(e, ERR_STORE, "%s: 无法打开数据库", path);
		goto fail;
	}
	sqlite3_extended_result_codes(ss->db, 1);
	sqlite3_busy_timeout(ss->db, BUSY_TIMEOUT_MS);
	/* 8 KiB pages: a little faster for large imports.  Only takes effect on a
	 * new database, before WAL mode is set. */
	if (sq_exec(ss, "PRAGMA page_size = 8192", "设置数据库参数", e) ||
	    sq_query_int(ss, "PRAGMA page_count", &pages, e))
		goto fail;
	/*
	 * A database this open creates is filled in rollback-journal mode and
	 * turned to WAL after its first commit (sqlite_commit): its first
	 * transaction (typically an import) then writes each page once, into
	 * the file, instead of into the WAL and again at the checkpoint.
	 * Durability is the same (synchronous=FULL either way).
	 */
	ss->fresh = pages == 0;
	if (!ss->fresh && to_wal(ss, e))
		goto fail;
	if (sq_exec(ss, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
		     " PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY",
		     "设置数据库参数", e))
		goto fail;
	if (migrate(ss, e))
		goto fail;
	*out = &ss->base;
	return 0;
fail:
	sqlite_close(&ss->base);
	return -1;
}

static int sqlite_schema_version(struct store *st, int *out, struct err *e)
{
	return pragma_int(sq_of(st), "PRAGMA user_version", out, e);
}

/* ---- transactions ---- */

static void units_forget(struct sqlite_store *ss)
{
	if (ss->units_loaded)
		strmap_release(&ss->units);
	ss->units_loaded = false;
}

static int sqlite_begin(struct store *st, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);

	units_forget(ss);
	return sq_exec(ss, "BEGIN IMMEDIATE", "开始事务", e);
}

static int sqlite_commit(struct store *st, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);

	if (sq_exec(ss, "COMMIT", "提交事务", e))
		return -1;
	units_forget(ss);
	/*
	 * A new database's first commit is done: WAL from now on, for readers
	 * beside the writer.  The commit stands even if this fails (another
	 * connection kept the file busy); the next open tries again.
	 */
	if (ss->fresh) {
		struct err ignored = ERR_INIT;

		if (to_wal(ss, &ignored))
			ss->fresh = false;
	}
	return 0;
}

static const char sql_generation[] = "SELECT n FROM generation WHERE id = 1";
static const char sql_generation_bump[] = "UPDATE generation SET n = n + 1 WHERE id = 1";

static int sqlite_generation(struct store *st, int64_t *out, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_generation, e);
	int rc;

	if (!s)
		return -1;
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sq_done(s);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? sq_bad_content(ss, "数据版本计数", "（缺失）", e)
					 : sq_fail(ss, "读取数据版本", e);
	return 0;
}

static int sqlite_generation_bump(struct store *st, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_generation_bump, e);

	return s ? sq_step_done(ss, s, "更新数据版本", e) : -1;
}

static void sqlite_rollback(struct store *st)
{
	struct sqlite_store *ss = sq_of(st);

	sq_reset_all(ss);
	sqlite3_exec(ss->db, "ROLLBACK", NULL, NULL, NULL);
	units_forget(ss);
}

/*
 * Group commit (store_batch_begin): each use case in a savepoint of the
 * batch's transaction.  SQLite rolls a whole transaction back by itself on
 * some errors (a full disk, an I/O error); a savepoint asked for then would
 * silently open a transaction of its own, so it is refused instead.
 */
static int sqlite_savepoint(struct store *st, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);

	if (sqlite3_get_autocommit(ss->db))
		return err_set(e, ERR_STORE, "%s: 批量事务已被数据库回滚", ss->path);
	return sq_exec(ss, "SAVEPOINT duban_use_case", "开始事务", e);
}

static int sqlite_release(struct store *st, struct err *e)
{
	return sq_exec(sq_of(st), "RELEASE duban_use_case", "提交事务", e);
}

static int sqlite_cache_limit(struct store *st, size_t kib, struct err *e)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%zu", kib ? kib : 1);
	return sq_exec(sq_of(st), sql, "设置数据库参数", e);
}

static void sqlite_rollback_to(struct store *st)
{
	struct sqlite_store *ss = sq_of(st);

	sq_reset_all(ss);
	sqlite3_exec(ss->db, "ROLLBACK TO duban_use_case; RELEASE duban_use_case", NULL, NULL,
		     NULL);
	units_forget(ss);
}

/* ---- plans ---- */

static void plan_row_fill(sqlite3_stmt *s, struct arena *a, struct store_plan_row *row)
{
	const unsigned char *sha;

	memset(row, 0, sizeof(*row));
	row->id = sqlite3_column_int64(s, 0);
	row->issuer = sq_col_dup0(s, 1, a);
	row->doc_no = sq_col_dup0(s, 2, a);
	row->title = sq_col_dup0(s, 3, a);
	row->recipients = sq_col_dup0(s, 4, a);
	row->year = sqlite3_column_int(s, 5);
	row->issued = DATE_NONE;
	if (sqlite3_column_type(s, 6) == SQLITE_TEXT) {
		struct date d;
		/* A malformed date stays unset rather than failing a listing. */
		if (!date_parse_iso((const char *)sqlite3_column_text(s, 6), &d, "issued_on", NULL))
			row->issued = d;
	}
	row->source_name = sq_col_dup0(s, 7, a);
	row->source_format = sq_col_dup0(s, 8, a);
	row->source_encoding = sq_col_dup0(s, 9, a);
	sha = sqlite3_column_text(s, 10);
	if (sha)
		snprintf(row->sha256, sizeof(row->sha256), "%s", (const char *)sha);
	row->imported_at = sq_col_dup0(s, 11, a);
	row->ntasks = (size_t)sqlite3_column_int64(s, 12);
}

static int sqlite_plan_list(struct store *st, struct store_plan_list *out, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = stmt_get(ss, S_PLAN_LIST, e);
	size_t alloc = 0;
	int rc;

	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_plan_row *nv;

		if (out->n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			nv = arena_alloc(&out->arena, alloc * sizeof(*nv));
			if (out->n)
				memcpy(nv, out->v, out->n * sizeof(*nv));
			out->v = nv;
		}
		plan_row_fill(s, &out->arena, &out->v[out->n++]);
	}
	sq_done(s);
	if (rc != SQLITE_DONE)
		return sq_fail(ss, "读取清单列表", e);
	return 0;
}

static int plan_find(struct sqlite_store *ss, sqlite3_stmt *s, struct arena *a,
		     struct store_plan_row *row, bool *found, struct err *e)
{
	int rc = sqlite3_step(s);

	*found = rc == SQLITE_ROW;
	if (*found)
		plan_row_fill(s, a, row);
	sq_done(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(ss, "查找清单", e);
	return 0;
}

static int sqlite_plan_find_sha(struct store *st, const char *sha256, struct arena *a,
				struct store_plan_row *row, bool *found, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = stmt_get(ss, S_PLAN_BY_SHA, e);

	if (!s)
		return -1;
	sq_bind_text0(s, 1, sha256);
	return plan_find(ss, s, a, row, found, e);
}

static int sqlite_plan_find_doc_no(struct store *st, const char *issuer, const char *doc_no,
				   struct arena *a, struct store_plan_row *row, bool *found,
				   struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = stmt_get(ss, S_PLAN_BY_DOC_NO, e);

	if (!s)
		return -1;
	sq_bind_text0(s, 1, issuer);
	sq_bind_text0(s, 2, doc_no);
	return plan_find(ss, s, a, row, found, e);
}

/* Bind ?1..?11 of S_PLAN_INSERT / S_PLAN_UPDATE. */
static void bind_plan(sqlite3_stmt *s, const struct plan *p, const struct store_plan_source *src,
		      char issued[DATE_ISO_LEN])
{
	sq_bind_text0(s, 1, p->issuer);
	sq_bind_text0(s, 2, p->doc_no);
	sq_bind_text0(s, 3, p->title);
	if (p->year)
		sqlite3_bind_int(s, 4, p->year);
	else
		sqlite3_bind_null(s, 4);
	sq_bind_date(s, 5, p->issued, issued);
	sq_bind_text0(s, 6, p->recipients);
	sq_bind_text0(s, 7, p->source_name);
	sq_bind_text0(s, 8, p->sha256);
	sq_bind_text0(s, 9, src ? src->format : NULL);
	sq_bind_text0(s, 10, src ? src->encoding : NULL);
	sq_bind_text(s, 11, src ? src->imported_at : NULL);
}

static int plan_write_fail(struct sqlite_store *ss, const struct plan *p, struct err *e)
{
	if ((sqlite3_extended_errcode(ss->db) & 0xff) == SQLITE_CONSTRAINT)
		return err_set(e, ERR_CONFLICT, "%s: 已有同一文件或同一文号（%s）的清单",
			       ss->path, p->doc_no && *p->doc_no ? p->doc_no : "无文号");
	return sq_fail(ss, "写入清单", e);
}

static int sqlite_plan_insert(struct store *st, const struct plan *p,
			      const struct store_plan_source *src, int64_t *id, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = stmt_get(ss, S_PLAN_INSERT, e);
	char issued[DATE_ISO_LEN];
	int rc;

	if (!s)
		return -1;
	if (!p->sha256[0])
		return err_set(e, ERR_INTERNAL, "内部错误：清单缺少源文件摘要");
	bind_plan(s, p, src, issued);
	rc = sqlite3_step(s);
	sq_done(s);
	if (rc != SQLITE_DONE)
		return plan_write_fail(ss, p, e);
	*id = sqlite3_last_insert_rowid(ss->db);
	return 0;
}

static int sqlite_plan_update(struct store *st, int64_t id, const struct plan *p,
			      const struct store_plan_source *src, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = stmt_get(ss, S_PLAN_UPDATE, e);
	char issued[DATE_ISO_LEN];
	int rc;

	if (!s)
		return -1;
	if (!p->sha256[0])
		return err_set(e, ERR_INTERNAL, "内部错误：清单缺少源文件摘要");
	bind_plan(s, p, src, issued);
	sqlite3_bind_int64(s, 12, id);
	rc = sqlite3_step(s);
	sq_done(s);
	if (rc != SQLITE_DONE)
		return plan_write_fail(ss, p, e);
	if (sqlite3_changes(ss->db) != 1)
		return err_set(e, ERR_NOT_FOUND, "%s: 没有 ID 为 %lld 的清单", ss->path,
			       (long long)id);
	return 0;
}

static int sqlite_plan_dependents(struct store *st, int64_t id, size_t *count,
				  struct strbuf *what, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);

	*count = 0;
	for (const struct sqlite_dependent *d = sqlite_dependents; d->what; d++) {
		sqlite3_stmt *s = NULL;
		sqlite3_int64 n;

		if (sqlite3_prepare_v2(ss->db, d->count_sql, -1, &s, NULL) != SQLITE_OK)
			return sq_fail(ss, "检查关联数据", e);
		sqlite3_bind_int64(s, 1, id);
		if (sqlite3_step(s) != SQLITE_ROW) {
			sqlite3_finalize(s);
			return sq_fail(ss, "检查关联数据", e);
		}
		n = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
		if (n > 0) {
			if (what)
				strbuf_addf(what, "%s%s %lld 条", *count ? "、" : "", d->what,
					    (long long)n);
			*count += (size_t)n;
		}
	}
	return 0;
}

static int sqlite_tasks_delete(struct store *st, int64_t plan_id, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = stmt_get(ss, S_TASKS_DELETE, e);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	rc = sqlite3_step(s);
	sq_done(s);
	if (rc != SQLITE_DONE)
		return sq_fail(ss, "删除旧任务", e);
	return 0;
}

/* ---- inserting tasks ---- */

static int units_load(struct sqlite_store *ss, struct err *e)
{
	sqlite3_stmt *s;
	int rc;

	if (ss->units_loaded)
		return 0;
	s = stmt_get(ss, S_UNIT_ALL, e);
	if (!s)
		return -1;
	strmap_release(&ss->units);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		strmap_put(&ss->units, (const char *)sqlite3_column_text(s, 1),
			   sqlite3_column_int64(s, 0));
	sq_done(s);
	if (rc != SQLITE_DONE)
		return sq_fail(ss, "读取单位", e);
	ss->units_loaded = true;
	return 0;
}

/* The id of unit `name`, created if new. */
static int unit_id(struct sqlite_store *ss, const char *name, int64_t *id, struct err *e)
{
	sqlite3_stmt *s;
	int rc;

	if (strmap_get(&ss->units, name, id))
		return 0;
	s = stmt_get(ss, S_UNIT_INSERT, e);
	if (!s)
		return -1;
	sq_bind_text0(s, 1, name);
	rc = sqlite3_step(s);
	sq_done(s);
	if (rc != SQLITE_DONE)
		return sq_fail(ss, "写入单位", e);
	*id = sqlite3_last_insert_rowid(ss->db);
	strmap_put(&ss->units, name, *id);
	return 0;
}

/*
 * Batched inserts: rows are buffered and written BATCH_ROWS at a time by one
 * multi-row INSERT, so a large import runs a few thousand statements instead
 * of hundreds of thousands.  Text values point into the caller's plan_doc,
 * which outlives the batch (SQLITE_STATIC); dates are formatted at bind time.
 */
enum bval_kind { BV_NULL, BV_INT, BV_REAL, BV_TEXT, BV_DATE };

struct bval {
	enum bval_kind kind;
	union {
		sqlite3_int64 i;
		double d;
		const char *s;
		struct date date;
	} u;
};

struct batch {
	struct sqlite_store *ss;
	enum batch_id id;
	const char *what;	/* for error messages */
	struct bval *vals;	/* BATCH_ROWS * ncols */
	size_t nrows;		/* rows buffered */
	size_t col;		/* next column of the row being added */
	sqlite3_int64 last_rowid;	/* > 0: the rowid the last buffered row must get */
};

static const struct {
	const char *head;
	int ncols;
} batch_def[B_COUNT] = {
	[B_TASKS] = { "INSERT INTO tasks (plan_id, no, section, text, due_on, leader, line)", 7 },
	[B_TASK_UNITS] = { "INSERT INTO task_units (task_id, position, unit_id)", 3 },
	[B_TARGETS] = { "INSERT INTO targets (task_id, seq, metric, value, max, unit, cmp, text,"
			" qualifier)", 9 },
	[B_MILESTONES] = { "INSERT INTO milestones (task_id, seq, due_on, text)", 4 },
};

/* "HEAD VALUES (?, ?, ?), (?, ?, ?)..." for `rows` rows. */
static sqlite3_stmt *batch_prepare(struct sqlite_store *ss, enum batch_id id, size_t rows,
				   unsigned flags, struct err *e)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *s = NULL;

	strbuf_addstr(&sql, batch_def[id].head);
	strbuf_addstr(&sql, " VALUES ");
	for (size_t r = 0; r < rows; r++) {
		strbuf_addstr(&sql, r ? ", (" : "(");
		for (int c = 0; c < batch_def[id].ncols; c++)
			strbuf_addstr(&sql, c ? ", ?" : "?");
		strbuf_addch(&sql, ')');
	}
	if (sqlite3_prepare_v3(ss->db, sql.buf, -1, flags, &s, NULL) != SQLITE_OK) {
		sq_fail(ss, "准备查询", e);
		s = NULL;
	}
	strbuf_release(&sql);
	return s;
}

static void batch_init(struct batch *b, struct sqlite_store *ss, enum batch_id id,
		       const char *what)
{
	b->ss = ss;
	b->id = id;
	b->what = what;
	b->vals = xcalloc(BATCH_ROWS * (size_t)batch_def[id].ncols, sizeof(*b->vals));
	b->nrows = 0;
	b->col = 0;
	b->last_rowid = 0;
}

static void batch_release(struct batch *b)
{
	free(b->vals);
	b->vals = NULL;
}

/* Write the buffered rows. */
static int batch_flush(struct batch *b, struct err *e)
{
	struct sqlite_store *ss = b->ss;
	size_t n = b->nrows * (size_t)batch_def[b->id].ncols;
	sqlite3_stmt *s;
	bool full = b->nrows == BATCH_ROWS;
	int rc;

	if (!b->nrows)
		return 0;
	if (full) {
		if (!ss->batch[b->id])
			ss->batch[b->id] = batch_prepare(ss, b->id, BATCH_ROWS,
							 SQLITE_PREPARE_PERSISTENT, e);
		s = ss->batch[b->id];
	} else {
		s = batch_prepare(ss, b->id, b->nrows, 0, e);
	}
	if (!s)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct bval *v = &b->vals[i];
		int at = (int)i + 1;
		char d[DATE_ISO_LEN];

		switch (v->kind) {
		case BV_NULL:
			sqlite3_bind_null(s, at);
			break;
		case BV_INT:
			sqlite3_bind_int64(s, at, v->u.i);
			break;
		case BV_REAL:
			sqlite3_bind_double(s, at, v->u.d);
			break;
		case BV_TEXT:
			sqlite3_bind_text(s, at, v->u.s, -1, SQLITE_STATIC);
			break;
		case BV_DATE:
			date_format_iso(v->u.date, d);
			sqlite3_bind_text(s, at, d, -1, SQLITE_TRANSIENT);
			break;
		}
	}
	rc = sqlite3_step(s);
	if (full) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	} else {
		sqlite3_finalize(s);
	}
	b->nrows = 0;
	if (rc != SQLITE_DONE)
		return err_set(e, ERR_STORE, "%s: 写入%s失败：%s", ss->path, b->what,
			       sqlite3_errmsg(ss->db));
	/* One statement's rows take consecutive rowids: its last one tells. */
	if (b->last_rowid && sqlite3_last_insert_rowid(ss->db) != b->last_rowid)
		return err_set(e, ERR_INTERNAL, "内部错误：%s编号与预期不符（%lld，应为 %lld）",
			       b->what, (long long)sqlite3_last_insert_rowid(ss->db),
			       (long long)b->last_rowid);
	return 0;
}

static struct bval *bnext(struct batch *b)
{
	return &b->vals[b->nrows * (size_t)batch_def[b->id].ncols + b->col++];
}

static void b_int(struct batch *b, sqlite3_int64 v)
{
	struct bval *x = bnext(b);
	x->kind = BV_INT;
	x->u.i = v;
}

static void b_real(struct batch *b, double v)
{
	struct bval *x = bnext(b);
	x->kind = BV_REAL;
	x->u.d = v;
}

/* Text, or NULL for a NULL pointer. */
static void b_text(struct batch *b, const char *v)
{
	struct bval *x = bnext(b);
	x->kind = v ? BV_TEXT : BV_NULL;
	x->u.s = v;
}

/* Text, with "" for a NULL pointer (NOT NULL columns). */
static void b_text0(struct batch *b, const char *v)
{
	b_text(b, v ? v : "");
}

/* An ISO date, or NULL when unset. */
static void b_date(struct batch *b, struct date d)
{
	struct bval *x = bnext(b);
	x->kind = date_is_set(d) ? BV_DATE : BV_NULL;
	x->u.date = d;
}

static void b_null(struct batch *b)
{
	bnext(b)->kind = BV_NULL;
}

/* End the row being added; write the batch when full. */
static int b_row_end(struct batch *b, struct err *e)
{
	b->col = 0;
	b->nrows++;
	return b->nrows == BATCH_ROWS ? batch_flush(b, e) : 0;
}

struct task_order {
	int no;
	size_t index;
};

static int cmp_task_order(const void *a, const void *b)
{
	const struct task_order *x = a, *y = b;

	if (x->no != y->no)
		return x->no < y->no ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Everything the schema would refuse, found before writing, with a clear message. */
static int check_tasks(const struct task *tasks, size_t n, struct err *e)
{
	struct task_order *order = xreallocarray(NULL, n ? n : 1, sizeof(*order));
	int rc = -1;

	for (size_t i = 0; i < n; i++) {
		const struct task *t = &tasks[i];

		order[i].no = t->no;
		order[i].index = i;
		for (size_t j = 0; j < t->nunits; j++) {
			if (!t->units[j] || !*t->units[j]) {
				err_set(e, ERR_INPUT, "第 %d 项任务：第 %zu 个责任单位为空", t->no, j + 1);
				goto out;
			}
			/* The parser removes repeats; a unit named twice is refused here. */
			for (size_t k = 0; k < j; k++) {
				if (!strcmp(t->units[k], t->units[j])) {
					err_set(e, ERR_CONFLICT, "第 %d 项任务：责任单位“%s”重复",
						t->no, t->units[j]);
					goto out;
				}
			}
		}
		for (size_t j = 0; j < t->ntargets; j++) {
			const struct target *g = &t->targets[j];

			if (!isfinite(g->value) || (g->cmp == TARGET_RANGE && !isfinite(g->max))) {
				err_set(e, ERR_INPUT, "第 %d 项任务：目标“%s”的数值无效", t->no,
					g->text ? g->text : "");
				goto out;
			}
		}
	}
	qsort(order, n, sizeof(*order), cmp_task_order);
	for (size_t i = 1; i < n; i++) {
		if (order[i].no == order[i - 1].no) {
			err_set(e, ERR_CONFLICT, "第 %d 项任务：序号重复（第 %d 行与第 %d 行）",
				order[i].no, tasks[order[i - 1].index].line,
				tasks[order[i].index].line);
			goto out;
		}
	}
	rc = 0;
out:
	free(order);
	return rc;
}

/*
 * The id the next task gets (next after the largest), inside the write
 * transaction.  The insert leaves ids to SQLite, which appends without a
 * lookup per row and hands out these same ids (batch_flush checks).
 */
static int next_task_id(struct sqlite_store *ss, sqlite3_int64 *out, struct err *e)
{
	sqlite3_stmt *s = stmt_get(ss, S_TASK_NEXT_ID, e);
	int rc;

	if (!s)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sq_done(s);
	if (rc != SQLITE_ROW)
		return sq_fail(ss, "读取任务编号", e);
	return 0;
}

static int sqlite_tasks_insert(struct store *st, int64_t plan_id, const struct task *tasks,
			       size_t n, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	struct batch bt, bu, bg, bm;
	sqlite3_int64 first_id;
	int64_t uid;
	int rc = -1;

	if (check_tasks(tasks, n, e) || units_load(ss, e) || next_task_id(ss, &first_id, e))
		return -1;
	batch_init(&bt, ss, B_TASKS, "任务");
	batch_init(&bu, ss, B_TASK_UNITS, "责任单位");
	batch_init(&bg, ss, B_TARGETS, "量化目标");
	batch_init(&bm, ss, B_MILESTONES, "时间节点");
	/* One table after another: each b-tree is filled in order. */
	for (size_t i = 0; i < n; i++) {
		const struct task *t = &tasks[i];

		b_int(&bt, plan_id);
		b_int(&bt, t->no);
		b_text0(&bt, t->section);
		b_text0(&bt, t->text);
		b_date(&bt, t->due);
		b_text(&bt, t->leader);
		b_int(&bt, t->line);
		bt.last_rowid = first_id + (sqlite3_int64)i;
		if (b_row_end(&bt, e))
			goto out;
	}
	if (batch_flush(&bt, e))
		goto out;
	for (size_t i = 0; i < n; i++) {
		const struct task *t = &tasks[i];

		for (size_t j = 0; j < t->nunits; j++) {
			if (unit_id(ss, t->units[j], &uid, e))
				goto out;
			b_int(&bu, first_id + (sqlite3_int64)i);
			b_int(&bu, (sqlite3_int64)j + 1);
			b_int(&bu, uid);
			if (b_row_end(&bu, e))
				goto out;
		}
	}
	if (batch_flush(&bu, e))
		goto out;
	for (size_t i = 0; i < n; i++) {
		const struct task *t = &tasks[i];

		for (size_t j = 0; j < t->ntargets; j++) {
			const struct target *g = &t->targets[j];

			b_int(&bg, first_id + (sqlite3_int64)i);
			b_int(&bg, (sqlite3_int64)j + 1);
			b_text0(&bg, g->metric);
			b_real(&bg, g->value);
			if (g->cmp == TARGET_RANGE)
				b_real(&bg, g->max);
			else
				b_null(&bg);
			b_text0(&bg, g->unit);
			b_text0(&bg, target_cmp_name(g->cmp));
			b_text0(&bg, g->text);
			b_text(&bg, g->qualifier);
			if (b_row_end(&bg, e))
				goto out;
		}
		for (size_t j = 0; j < t->nmilestones; j++) {
			const struct milestone *m = &t->milestones[j];

			b_int(&bm, first_id + (sqlite3_int64)i);
			b_int(&bm, (sqlite3_int64)j + 1);
			b_date(&bm, m->due);
			b_text0(&bm, m->text);
			if (b_row_end(&bm, e))
				goto out;
		}
	}
	if (batch_flush(&bg, e) || batch_flush(&bm, e))
		goto out;
	rc = 0;
out:
	batch_release(&bt);
	batch_release(&bu);
	batch_release(&bg);
	batch_release(&bm);
	return rc;
}

/* ---- loading a plan ---- */

/* The tasks of a plan, sorted by number, and a cursor for joined rows. */
struct load_ctx {
	struct sqlite_store *ss;
	struct plan_doc *doc;
	size_t cur;	/* index of the task the last joined row belonged to */
};

/* Advance to the task numbered `no`; joined rows come in task-number order. */
static struct task *load_task_at(struct load_ctx *lc, int no, struct err *e)
{
	struct plan_doc *doc = lc->doc;

	while (lc->cur < doc->ntasks && doc->tasks[lc->cur].no < no)
		lc->cur++;
	if (lc->cur >= doc->ntasks || doc->tasks[lc->cur].no != no) {
		err_set(e, ERR_STORE, "%s: 数据库内容不一致（任务 %d）", lc->ss->path, no);
		return NULL;
	}
	return &doc->tasks[lc->cur];
}

/*
 * Rows of a joined query come grouped by task; each group is collected in a
 * malloc'd scratch vector and then copied to the arena at its exact size.
 */
#define FLUSH_GROUP(doc, t, field, nfield, scratch, nscratch)                        \
	do {                                                                          \
		if ((t) && (nscratch)) {                                              \
			(t)->field = arena_alloc(&(doc)->arena,                       \
						 (nscratch) * sizeof(*(scratch)));    \
			memcpy((void *)(t)->field, (scratch), (nscratch) * sizeof(*(scratch))); \
			(t)->nfield = (nscratch);                                     \
		}                                                                     \
		(nscratch) = 0;                                                       \
	} while (0)

/* Unit names by id, for the task-unit rows. */
struct unit_names {
	int64_t *ids;
	const char **names;
	size_t n;
};

static const char *unit_name(const struct unit_names *u, int64_t id)
{
	size_t lo = 0, hi = u->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (u->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < u->n && u->ids[lo] == id ? u->names[lo] : NULL;
}

static int load_unit_names(struct sqlite_store *ss, struct arena *a, struct unit_names *u,
			   struct err *e)
{
	sqlite3_stmt *s = stmt_get(ss, S_UNIT_ALL, e);
	size_t alloc = 0;
	int rc;

	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (u->n == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			u->ids = xreallocarray(u->ids, alloc, sizeof(*u->ids));
			u->names = xreallocarray(u->names, alloc, sizeof(*u->names));
		}
		u->ids[u->n] = sqlite3_column_int64(s, 0);
		u->names[u->n] = sq_col_dup0(s, 1, a);
		u->n++;
	}
	sq_done(s);
	if (rc != SQLITE_DONE)
		return sq_fail(ss, "读取单位", e);
	return 0;
}

static int load_tasks(struct load_ctx *lc, int64_t id, struct err *e)
{
	struct sqlite_store *ss = lc->ss;
	struct plan_doc *doc = lc->doc;
	sqlite3_stmt *s = stmt_get(ss, S_LOAD_TASKS, e);
	size_t alloc = 0;
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct task *t;

		ALLOC_GROW(doc->tasks, doc->ntasks + 1, alloc);
		t = &doc->tasks[doc->ntasks++];
		memset(t, 0, sizeof(*t));
		t->no = sqlite3_column_int(s, 0);
		t->section = sq_col_dup0(s, 1, &doc->arena);
		t->text = sq_col_dup0(s, 2, &doc->arena);
		t->leader = sq_col_dup(s, 4, &doc->arena);
		t->line = sqlite3_column_int(s, 5);
		if (sq_col_date(ss, s, 3, &t->due, "tasks.due_on", e)) {
			sq_done(s);
			return -1;
		}
	}
	sq_done(s);
	if (rc != SQLITE_DONE)
		return sq_fail(ss, "读取任务", e);
	/* Move the array into the arena so that plan_doc_release frees it. */
	if (doc->ntasks) {
		struct task *v = arena_alloc(&doc->arena, doc->ntasks * sizeof(*v));
		memcpy(v, doc->tasks, doc->ntasks * sizeof(*v));
		free(doc->tasks);
		doc->tasks = v;
	} else {
		free(doc->tasks);
		doc->tasks = NULL;
	}
	return 0;
}

static int load_units(struct load_ctx *lc, int64_t id, struct err *e)
{
	struct sqlite_store *ss = lc->ss;
	struct plan_doc *doc = lc->doc;
	struct unit_names names = { NULL, NULL, 0 };
	const char **scratch = NULL;
	size_t nscratch = 0, alloc = 0;
	struct task *t = NULL;
	sqlite3_stmt *s = NULL;
	int rc, ret = -1;

	if (load_unit_names(ss, &doc->arena, &names, e))
		goto out;
	if (!(s = stmt_get(ss, S_LOAD_TASK_UNITS, e)))
		goto out;
	lc->cur = 0;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int no = sqlite3_column_int(s, 0);
		const char *name = unit_name(&names, sqlite3_column_int64(s, 1));

		if (!t || t->no != no) {
			FLUSH_GROUP(doc, t, units, nunits, scratch, nscratch);
			if (!(t = load_task_at(lc, no, e)))
				goto out;
		}
		if (!name) {
			err_set(e, ERR_STORE, "%s: 数据库内容不一致（任务 %d 的单位）", ss->path, no);
			goto out;
		}
		ALLOC_GROW(scratch, nscratch + 1, alloc);
		scratch[nscratch++] = name;
	}
	if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取责任单位", e);
		goto out;
	}
	FLUSH_GROUP(doc, t, units, nunits, scratch, nscratch);
	ret = 0;
out:
	if (s)
		sq_done(s);
	free(scratch);
	free(names.ids);
	free(names.names);
	return ret;
}

static int load_targets(struct load_ctx *lc, int64_t id, struct err *e)
{
	struct sqlite_store *ss = lc->ss;
	struct plan_doc *doc = lc->doc;
	struct target *scratch = NULL;
	size_t nscratch = 0, alloc = 0;
	struct task *t = NULL;
	sqlite3_stmt *s;
	int rc, ret = -1;

	if (!(s = stmt_get(ss, S_LOAD_TARGETS, e)))
		return -1;
	lc->cur = 0;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int no = sqlite3_column_int(s, 0);
		struct target *g;
		const char *cmp = (const char *)sqlite3_column_text(s, 5);

		if (!t || t->no != no) {
			FLUSH_GROUP(doc, t, targets, ntargets, scratch, nscratch);
			if (!(t = load_task_at(lc, no, e)))
				goto out;
		}
		ALLOC_GROW(scratch, nscratch + 1, alloc);
		g = &scratch[nscratch++];
		memset(g, 0, sizeof(*g));
		g->metric = sq_col_dup0(s, 1, &doc->arena);
		g->value = sqlite3_column_double(s, 2);
		g->max = sqlite3_column_double(s, 3);
		g->unit = sq_col_dup0(s, 4, &doc->arena);
		if (!cmp || target_cmp_parse(cmp, &g->cmp)) {
			err_set(e, ERR_STORE, "%s: 数据库内容有误：任务 %d 的目标比较方式“%s”",
				ss->path, no, cmp ? cmp : "");
			goto out;
		}
		g->text = sq_col_dup0(s, 6, &doc->arena);
		g->qualifier = sq_col_dup(s, 7, &doc->arena);
	}
	if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取量化目标", e);
		goto out;
	}
	FLUSH_GROUP(doc, t, targets, ntargets, scratch, nscratch);
	ret = 0;
out:
	sq_done(s);
	free(scratch);
	return ret;
}

static int load_milestones(struct load_ctx *lc, int64_t id, struct err *e)
{
	struct sqlite_store *ss = lc->ss;
	struct plan_doc *doc = lc->doc;
	struct milestone *scratch = NULL;
	size_t nscratch = 0, alloc = 0;
	struct task *t = NULL;
	sqlite3_stmt *s;
	int rc, ret = -1;

	if (!(s = stmt_get(ss, S_LOAD_MILESTONES, e)))
		return -1;
	lc->cur = 0;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int no = sqlite3_column_int(s, 0);
		struct milestone *m;

		if (!t || t->no != no) {
			FLUSH_GROUP(doc, t, milestones, nmilestones, scratch, nscratch);
			if (!(t = load_task_at(lc, no, e)))
				goto out;
		}
		ALLOC_GROW(scratch, nscratch + 1, alloc);
		m = &scratch[nscratch++];
		memset(m, 0, sizeof(*m));
		if (sq_col_date(ss, s, 1, &m->due, "milestones.due_on", e))
			goto out;
		m->text = sq_col_dup0(s, 2, &doc->arena);
	}
	if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取时间节点", e);
		goto out;
	}
	FLUSH_GROUP(doc, t, milestones, nmilestones, scratch, nscratch);
	ret = 0;
out:
	sq_done(s);
	free(scratch);
	return ret;
}

static int sqlite_plan_load(struct store *st, int64_t id, struct plan_doc *doc, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	struct load_ctx lc = { ss, doc, 0 };
	struct store_plan_row row;
	sqlite3_stmt *s = stmt_get(ss, S_PLAN_BY_ID, e);
	bool found;
	int ret = -1;

	if (!s)
		return -1;
	/* One read transaction, so that the five queries see one state. */
	if (!st->in_tx && !st->in_batch && sq_exec(ss, "BEGIN", "开始读取", e))
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (plan_find(ss, s, &doc->arena, &row, &found, e))
		goto out;
	if (!found) {
		err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的清单", (long long)id);
		goto out;
	}
	doc->plan.issuer = row.issuer;
	doc->plan.doc_no = row.doc_no;
	doc->plan.title = row.title;
	doc->plan.recipients = row.recipients;
	doc->plan.year = row.year;
	doc->plan.issued = row.issued;
	doc->plan.source_name = row.source_name;
	memcpy(doc->plan.sha256, row.sha256, sizeof(doc->plan.sha256));
	if (load_tasks(&lc, id, e) || load_units(&lc, id, e) || load_targets(&lc, id, e) ||
	    load_milestones(&lc, id, e))
		goto out;
	ret = 0;
out:
	if (!st->in_tx && !st->in_batch)
		sqlite3_exec(ss->db, "COMMIT", NULL, NULL, NULL);
	return ret;
}

/* ---- units ---- */

static int sqlite_unit_stats(struct store *st, int64_t plan_id, struct store_unit_stats *out,
			     struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = stmt_get(ss, S_UNIT_STATS, e);
	size_t alloc = 0;
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_unit_stat *u;

		if (out->n == alloc) {
			struct store_unit_stat *nv;

			alloc = alloc ? alloc * 2 : 64;
			nv = arena_alloc(&out->arena, alloc * sizeof(*nv));
			if (out->n)
				memcpy(nv, out->v, out->n * sizeof(*nv));
			out->v = nv;
		}
		u = &out->v[out->n++];
		u->unit_id = sqlite3_column_int64(s, 0);
		u->name = sq_col_dup0(s, 1, &out->arena);
		u->nlead = (size_t)sqlite3_column_int64(s, 2);
		u->nco = (size_t)sqlite3_column_int64(s, 3);
	}
	sq_done(s);
	if (rc != SQLITE_DONE)
		return sq_fail(ss, "统计责任单位", e);
	return 0;
}

static const struct store_ops sqlite_ops = {
	.name = "sqlite",
	.close = sqlite_close,
	.schema_version = sqlite_schema_version,
	.begin = sqlite_begin,
	.commit = sqlite_commit,
	.rollback = sqlite_rollback,
	.savepoint = sqlite_savepoint,
	.release = sqlite_release,
	.rollback_to = sqlite_rollback_to,
	.generation = sqlite_generation,
	.generation_bump = sqlite_generation_bump,
	.cache_limit = sqlite_cache_limit,
	.plan_list = sqlite_plan_list,
	.plan_find_sha = sqlite_plan_find_sha,
	.plan_find_doc_no = sqlite_plan_find_doc_no,
	.plan_insert = sqlite_plan_insert,
	.plan_update = sqlite_plan_update,
	.plan_dependents = sqlite_plan_dependents,
	.tasks_delete = sqlite_tasks_delete,
	.tasks_insert = sqlite_tasks_insert,
	.plan_load = sqlite_plan_load,
	.unit_stats = sqlite_unit_stats,
	.directory_load = sqlite_directory_load,
	.org_refs = sqlite_org_refs,
	.directory_save = sqlite_directory_save,
	.task_refs = sqlite_task_refs,
	.assignments_list = sqlite_assignments_list,
	.assignments_insert = sqlite_assignments_insert,
	.assignment_update = sqlite_assignment_update,
	.assignment_retire = sqlite_assignment_retire,
	.reports = &sqlite_report_ops,
	.supervision = &sqlite_supervision_ops,
	.user_list = sqlite_user_list,
	.user_get = sqlite_user_get,
	.user_insert = sqlite_user_insert,
	.user_update = sqlite_user_update,
	.session_insert = sqlite_session_insert,
	.session_get = sqlite_session_get,
	.session_extend = sqlite_session_extend,
	.session_delete = sqlite_session_delete,
	.sessions_delete_user = sqlite_sessions_delete_user,
	.login_failures_count = sqlite_login_failures_count,
	.login_failure_add = sqlite_login_failure_add,
	.login_failures_clear = sqlite_login_failures_clear,
	.audit_head = sqlite_audit_head,
	.audit_append = sqlite_audit_append,
	.audit_page = sqlite_audit_page,
	.now = sqlite_now,
	.backup = sqlite_backup,
	.copy = &sqlite_copy_ops,
};
