/* Helpers shared by the SQLite backend's files: statement cache, binds, columns. */
#include "store/sqlite_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

int sq_fail(struct sqlite_store *ss, const char *what, struct err *e)
{
	if (sqlite3_errcode(ss->db) == SQLITE_NOTADB)
		return err_set(e, ERR_STORE, "%s: 不是 SQLite 数据库文件", ss->path);
	return err_set(e, ERR_STORE, "%s: %s失败：%s", ss->path, what, sqlite3_errmsg(ss->db));
}

static size_t slot_of(const char *sql)
{
	uintptr_t h = (uintptr_t)sql;

	h ^= h >> 17;
	h *= (uintptr_t)0x9E3779B97F4A7C15u;
	return (size_t)(h >> 7) % SQLITE_STMT_CACHE;
}

sqlite3_stmt *sq_stmt(struct sqlite_store *ss, const char *sql, struct err *e)
{
	size_t i = slot_of(sql);

	for (size_t probes = 0; probes < SQLITE_STMT_CACHE; probes++) {
		struct sq_cached *c = &ss->cache[i];

		if (c->sql == sql)
			return c->stmt;
		if (!c->sql) {
			if (ss->ncached + 1 >= SQLITE_STMT_CACHE) {
				err_set(e, ERR_INTERNAL, "%s: 预编译语句过多（上限 %d）", ss->path,
					SQLITE_STMT_CACHE);
				return NULL;
			}
			if (sqlite3_prepare_v3(ss->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
					       &c->stmt, NULL) != SQLITE_OK) {
				sq_fail(ss, "准备查询", e);
				c->stmt = NULL;
				return NULL;
			}
			c->sql = sql;
			ss->ncached++;
			return c->stmt;
		}
		i = (i + 1) % SQLITE_STMT_CACHE;
	}
	err_set(e, ERR_INTERNAL, "%s: 预编译语句缓存已满", ss->path);
	return NULL;
}

void sq_reset_all(struct sqlite_store *ss)
{
	for (size_t i = 0; i < SQLITE_STMT_CACHE; i++)
		if (ss->cache[i].stmt)
			sqlite3_reset(ss->cache[i].stmt);
	for (size_t i = 0; i < ss->nbatch; i++)
		if (ss->batch[i])
			sqlite3_reset(ss->batch[i]);
}

void sq_finalize_all(struct sqlite_store *ss)
{
	for (size_t i = 0; i < SQLITE_STMT_CACHE; i++) {
		sqlite3_finalize(ss->cache[i].stmt);
		ss->cache[i].stmt = NULL;
		ss->cache[i].sql = NULL;
	}
	ss->ncached = 0;
	for (size_t i = 0; i < ss->nbatch; i++)
		sqlite3_finalize(ss->batch[i]);
	free(ss->batch);
	ss->batch = NULL;
	ss->nbatch = 0;
}

void sq_done(sqlite3_stmt *s)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

int sq_exec(struct sqlite_store *ss, const char *sql, const char *what, struct err *e)
{
	if (sqlite3_exec(ss->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sq_fail(ss, what, e);
	return 0;
}

int sq_step_done(struct sqlite_store *ss, sqlite3_stmt *s, const char *what, struct err *e)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE) {
		sq_fail(ss, what, e);
		sq_done(s);
		return -1;
	}
	sq_done(s);
	return 0;
}

int sq_query_int(struct sqlite_store *ss, const char *sql, int64_t *out, struct err *e)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(ss->db, sql, -1, &s, NULL) != SQLITE_OK)
		return sq_fail(ss, "读取数据库信息", e);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return sq_fail(ss, "读取数据库信息", e);
	}
	*out = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return 0;
}

void sq_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

void sq_bind_text0(sqlite3_stmt *s, int i, const char *v)
{
	sqlite3_bind_text(s, i, v ? v : "", -1, SQLITE_STATIC);
}

void sq_bind_date(sqlite3_stmt *s, int i, struct date d, char buf[DATE_ISO_LEN])
{
	if (!date_is_set(d)) {
		sqlite3_bind_null(s, i);
		return;
	}
	date_format_iso(d, buf);
	sqlite3_bind_text(s, i, buf, -1, SQLITE_STATIC);
}

const char *sq_col_dup(sqlite3_stmt *s, int i, struct arena *a)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(s, i)) : NULL;
}

const char *sq_col_dup0(sqlite3_stmt *s, int i, struct arena *a)
{
	const char *t = sq_col_dup(s, i, a);
	return t ? t : "";
}

int sq_col_date(struct sqlite_store *ss, sqlite3_stmt *s, int i, struct date *out,
		const char *what, struct err *e)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	*out = DATE_NONE;
	if (!t)
		return 0;
	if (date_parse_iso((const char *)t, out, what, NULL))
		return err_set(e, ERR_STORE, "%s: 数据库内容有误：%s 不是日期：%s", ss->path, what,
			       (const char *)t);
	return 0;
}

int sq_bad_content(struct sqlite_store *ss, const char *what, const char *value, struct err *e)
{
	return err_set(e, ERR_STORE, "%s: 数据库内容有误：%s“%s”", ss->path, what,
		       value ? value : "(空)");
}

int sq_step_write(struct sqlite_store *ss, sqlite3_stmt *s, const char *what,
		  const char *conflict, const char *missing, struct err *e)
{
	int rc = sqlite3_step(s);
	int ret = 0;

	if (rc != SQLITE_DONE) {
		if ((rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE) && conflict)
			ret = err_set(e, ERR_CONFLICT, "%s", conflict);
		else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY && missing)
			ret = err_set(e, ERR_NOT_FOUND, "%s", missing);
		else
			ret = sq_fail(ss, what, e);
	}
	sq_done(s);
	return ret;
}

void sq_bind_id0(sqlite3_stmt *s, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(s, i, id);
	else
		sqlite3_bind_null(s, i);
}

int sq_col_period(struct sqlite_store *ss, sqlite3_stmt *s, int i, struct period *out,
		  struct err *e)
{
	const char *t = sq_col_text(s, i);

	if (!t || period_parse(t, out, "报告期", NULL))
		return sq_bad_content(ss, "报告期", t, e);
	return 0;
}
