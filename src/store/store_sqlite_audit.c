/* The SQLite backend's audit log: append with its head, read in pages; and the database clock. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/sqlite_internal.h"
#include "util/banned.h"

static const char SQL_HEAD[] = "SELECT seq, hash FROM audit_head WHERE id = 1";
static const char SQL_APPEND[] =
	"INSERT INTO audit (seq, at, actor, action, object, before_json, after_json,"
	" prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char SQL_SET_HEAD[] = "UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1";
static const char SQL_PAGE[] =
	"SELECT seq, at, actor, action, object, before_json, after_json, prev_hash, hash"
	" FROM audit WHERE seq > ?1 AND (?2 IS NULL OR at >= ?2) ORDER BY seq LIMIT ?3";
static const char SQL_NOW[] = "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/*
 * Copy a hex digest column.  A value longer than a digest cannot be held:
 * it becomes "?", which matches no digest, so that an edit that lengthens
 * a stored hash still shows.
 */
static void col_hex(sqlite3_stmt *s, int i, char out[65])
{
	const unsigned char *t = sqlite3_column_text(s, i);

	if (t && sqlite3_column_bytes(s, i) > 64)
		t = (const unsigned char *)"?";
	snprintf(out, 65, "%s", t ? (const char *)t : "");
}

/* A column as an append writes it: NULL, or text without NUL bytes. */
static bool col_plain(sqlite3_stmt *s, int i)
{
	int type = sqlite3_column_type(s, i);
	const unsigned char *t;

	if (type == SQLITE_NULL)
		return true;
	if (type != SQLITE_TEXT)
		return false;
	t = sqlite3_column_text(s, i);
	return t && strlen((const char *)t) == (size_t)sqlite3_column_bytes(s, i);
}

int sqlite_audit_head(struct store *st, int64_t *seq, char hash[65], struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, SQL_HEAD, e);
	int rc;

	if (!s)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*seq = sqlite3_column_int64(s, 0);
		col_hex(s, 1, hash);
	}
	sq_done(s);
	if (rc == SQLITE_DONE)
		return err_set(e, ERR_STORE, "%s: 数据库内容有误：缺少审计链头（audit_head）",
			       ss->path);
	if (rc != SQLITE_ROW)
		return sq_fail(ss, "读取审计链头", e);
	return 0;
}

int sqlite_audit_append(struct store *st, const struct store_audit_entry *a, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s;
	int64_t head;
	char head_hash[65];

	/* Inside the writer's transaction: nobody can append between this read and the insert. */
	if (sqlite_audit_head(st, &head, head_hash, e))
		return -1;
	if (a->seq != head + 1 || strcmp(a->prev_hash, head_hash))
		return err_set(e, ERR_CONFLICT, "%s: 审计记录应接在第 %lld 条之后，而不是第 %lld 条",
			       ss->path, (long long)head, (long long)a->seq - 1);
	if (!(s = sq_stmt(ss, SQL_APPEND, e)))
		return -1;
	sqlite3_bind_int64(s, 1, a->seq);
	sq_bind_text0(s, 2, a->at);
	sq_bind_text0(s, 3, a->actor);
	sq_bind_text0(s, 4, a->action);
	sq_bind_text0(s, 5, a->object);
	sq_bind_text(s, 6, a->before_json);
	sq_bind_text(s, 7, a->after_json);
	sq_bind_text0(s, 8, a->prev_hash);
	sq_bind_text0(s, 9, a->hash);
	if (sq_step_done(ss, s, "写入审计记录", e))
		return -1;
	if (!(s = sq_stmt(ss, SQL_SET_HEAD, e)))
		return -1;
	sqlite3_bind_int64(s, 1, a->seq);
	sq_bind_text0(s, 2, a->hash);
	return sq_step_done(ss, s, "更新审计链头", e);
}

int sqlite_audit_page(struct store *st, int64_t after_seq, const char *since, size_t limit,
		      struct store_audit_list *out, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, SQL_PAGE, e);
	size_t alloc = out->n;
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, after_seq);
	sq_bind_text(s, 2, since);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_audit_entry *a;

		if (out->n == alloc) {
			struct store_audit_entry *nv;

			alloc = alloc ? alloc * 2 : 64;
			nv = arena_alloc(&out->arena, alloc * sizeof(*nv));
			if (out->n)
				memcpy(nv, out->v, out->n * sizeof(*nv));
			out->v = nv;
		}
		a = &out->v[out->n++];
		memset(a, 0, sizeof(*a));
		a->seq = sqlite3_column_int64(s, 0);
		a->at = sq_col_dup0(s, 1, &out->arena);
		a->actor = sq_col_dup0(s, 2, &out->arena);
		a->action = sq_col_dup0(s, 3, &out->arena);
		a->object = sq_col_dup0(s, 4, &out->arena);
		a->before_json = sq_col_dup(s, 5, &out->arena);
		a->after_json = sq_col_dup(s, 6, &out->arena);
		col_hex(s, 7, a->prev_hash);
		col_hex(s, 8, a->hash);
		for (int i = 1; i <= 8; i++)
			if (!col_plain(s, i))
				a->malformed = true;
	}
	sq_done(s);
	if (rc != SQLITE_DONE)
		return sq_fail(ss, "读取审计记录", e);
	return 0;
}

int sqlite_now(struct store *st, char buf[STORE_TIME_LEN], struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, SQL_NOW, e);
	int rc;

	if (!s)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		snprintf(buf, STORE_TIME_LEN, "%s", (const char *)sqlite3_column_text(s, 0));
	sq_done(s);
	if (rc != SQLITE_ROW)
		return sq_fail(ss, "读取数据库时钟", e);
	return 0;
}
