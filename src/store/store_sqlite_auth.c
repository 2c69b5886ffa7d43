/* The SQLite backend's accounts: users, login sessions and failed logins. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/sqlite_internal.h"
#include "util/banned.h"

#define USER_COLUMNS                                                                 \
	"SELECT u.id, u.login, u.name, u.role, u.unit_id, o.name, u.pw_hash, u.disabled," \
	" u.version, u.created_at, u.updated_at"                                      \
	" FROM users u LEFT JOIN org_units o ON o.id = u.unit_id"

static const char SQL_USER_LIST[] = USER_COLUMNS " ORDER BY u.login";
static const char SQL_USER_BY_ID[] = USER_COLUMNS " WHERE u.id = ?1";
static const char SQL_USER_BY_LOGIN[] = USER_COLUMNS " WHERE u.login = ?1";
static const char SQL_USER_INSERT[] =
	"INSERT INTO users (login, name, role, unit_id, pw_hash, disabled, version,"
	" created_at, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
	" strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";
static const char SQL_USER_UPDATE[] =
	"UPDATE users SET name = ?1, role = ?2, unit_id = ?3, pw_hash = ?4, disabled = ?5,"
	" version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	" WHERE id = ?6 AND version = ?7";
static const char SQL_USER_VERSION[] = "SELECT version FROM users WHERE id = ?1";
static const char SQL_UNIT_EXISTS[] = "SELECT count(*) FROM org_units WHERE id = ?1";

static const char SQL_SESSION_INSERT[] =
	"INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at, address)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_SESSION_GET[] =
	"SELECT user_id, csrf, created_at, expires_at, address FROM sessions"
	" WHERE token_hash = ?1";
static const char SQL_SESSION_EXTEND[] =
	"UPDATE sessions SET expires_at = ?2 WHERE token_hash = ?1";
static const char SQL_SESSION_DELETE[] = "DELETE FROM sessions WHERE token_hash = ?1";
static const char SQL_SESSIONS_DELETE_USER[] =
	"DELETE FROM sessions WHERE (user_id = ?1 AND token_hash IS NOT ?2) OR expires_at < ?3";

static const char SQL_FAILURES_LOGIN[] =
	"SELECT count(*), coalesce(min(at), 0) FROM login_failures WHERE login = ?1 AND at >= ?2";
static const char SQL_FAILURES_ADDRESS[] =
	"SELECT count(*), coalesce(min(at), 0) FROM login_failures"
	" WHERE address = ?1 AND at >= ?2";
static const char SQL_FAILURE_ADD[] =
	"INSERT INTO login_failures (login, address, at) VALUES (?1, ?2, ?3)";
static const char SQL_FAILURES_FORGET[] = "DELETE FROM login_failures WHERE at < ?1";
static const char SQL_FAILURES_CLEAR[] = "DELETE FROM login_failures WHERE login = ?1";

/* ---- users ---- */

static int user_fill(struct sqlite_store *ss, sqlite3_stmt *s, struct arena *a,
		     struct store_user *u, struct err *e)
{
	const char *role = (const char *)sqlite3_column_text(s, 3);

	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(s, 0);
	u->login = sq_col_dup0(s, 1, a);
	u->name = sq_col_dup0(s, 2, a);
	if (!role || user_role_parse(role, &u->role))
		return err_set(e, ERR_STORE, "%s: 数据库内容有误：用户 %s 的角色“%s”", ss->path,
			       u->login, role ? role : "");
	u->unit_id = sqlite3_column_int64(s, 4);
	u->unit_name = sq_col_dup(s, 5, a);
	u->pw_hash = sq_col_dup0(s, 6, a);
	u->disabled = sqlite3_column_int(s, 7) != 0;
	u->version = sqlite3_column_int64(s, 8);
	u->created_at = sq_col_dup0(s, 9, a);
	u->updated_at = sq_col_dup0(s, 10, a);
	return 0;
}

int sqlite_user_list(struct store *st, struct store_user_list *out, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, SQL_USER_LIST, e);
	size_t alloc = 0;
	int rc;

	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->n == alloc) {
			struct store_user *nv;

			alloc = alloc ? alloc * 2 : 16;
			nv = arena_alloc(&out->arena, alloc * sizeof(*nv));
			if (out->n)
				memcpy(nv, out->v, out->n * sizeof(*nv));
			out->v = nv;
		}
		if (user_fill(ss, s, &out->arena, &out->v[out->n], e)) {
			sq_done(s);
			return -1;
		}
		out->n++;
	}
	sq_done(s);
	if (rc != SQLITE_DONE)
		return sq_fail(ss, "读取用户列表", e);
	return 0;
}

int sqlite_user_get(struct store *st, int64_t id, const char *login, struct arena *a,
		    struct store_user *u, bool *found, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, id > 0 ? SQL_USER_BY_ID : SQL_USER_BY_LOGIN, e);
	int rc, ret = 0;

	*found = false;
	if (!s)
		return -1;
	if (id > 0)
		sqlite3_bind_int64(s, 1, id);
	else
		sq_bind_text0(s, 1, login);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		ret = user_fill(ss, s, a, u, e);
		*found = !ret;
	} else if (rc != SQLITE_DONE) {
		ret = sq_fail(ss, "读取用户", e);
	}
	sq_done(s);
	return ret;
}

static int unit_check(struct sqlite_store *ss, int64_t unit_id, struct err *e)
{
	sqlite3_stmt *s;
	int rc;
	bool there;

	if (!unit_id)
		return 0;
	if (!(s = sq_stmt(ss, SQL_UNIT_EXISTS, e)))
		return -1;
	sqlite3_bind_int64(s, 1, unit_id);
	rc = sqlite3_step(s);
	there = rc == SQLITE_ROW && sqlite3_column_int64(s, 0) > 0;
	sq_done(s);
	if (rc != SQLITE_ROW)
		return sq_fail(ss, "查找单位", e);
	if (!there)
		return err_set(e, ERR_INPUT, "单位名录中没有 ID 为 %lld 的单位", (long long)unit_id);
	return 0;
}

/* Bind name, role, unit_id, pw_hash, disabled at first..first+4. */
static void bind_user(sqlite3_stmt *s, int first, const struct store_user *u)
{
	sq_bind_text0(s, first, u->name);
	sq_bind_text0(s, first + 1, user_role_code(u->role));
	if (u->unit_id)
		sqlite3_bind_int64(s, first + 2, u->unit_id);
	else
		sqlite3_bind_null(s, first + 2);
	sq_bind_text0(s, first + 3, u->pw_hash);
	sqlite3_bind_int(s, first + 4, u->disabled);
}

static int user_write_fail(struct sqlite_store *ss, const struct store_user *u, struct err *e)
{
	int xc = sqlite3_extended_errcode(ss->db);

	if (xc == SQLITE_CONSTRAINT_UNIQUE || xc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return err_set(e, ERR_CONFLICT, "登录名“%s”已被使用", u->login ? u->login : "");
	if (xc == SQLITE_CONSTRAINT_CHECK)
		return err_set(e, ERR_INPUT, "单位联络员必须绑定一个单位，其他角色不能绑定单位");
	return sq_fail(ss, "写入用户", e);
}

int sqlite_user_insert(struct store *st, const struct store_user *u, int64_t *id,
		       struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s;
	int rc;

	if (unit_check(ss, u->unit_id, e) || !(s = sq_stmt(ss, SQL_USER_INSERT, e)))
		return -1;
	sq_bind_text0(s, 1, u->login);
	bind_user(s, 2, u);
	rc = sqlite3_step(s);
	sq_done(s);
	if (rc != SQLITE_DONE)
		return user_write_fail(ss, u, e);
	*id = sqlite3_last_insert_rowid(ss->db);
	return 0;
}

int sqlite_user_update(struct store *st, const struct store_user *u, int64_t expect_version,
		       struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s;
	int64_t now_version;
	int rc;

	if (unit_check(ss, u->unit_id, e) || !(s = sq_stmt(ss, SQL_USER_UPDATE, e)))
		return -1;
	bind_user(s, 1, u);
	sqlite3_bind_int64(s, 6, u->id);
	sqlite3_bind_int64(s, 7, expect_version);
	rc = sqlite3_step(s);
	sq_done(s);
	if (rc != SQLITE_DONE)
		return user_write_fail(ss, u, e);
	if (sqlite3_changes(ss->db) == 1)
		return 0;
	/* Nothing changed: the user is gone or has moved on. */
	if (!(s = sq_stmt(ss, SQL_USER_VERSION, e)))
		return -1;
	sqlite3_bind_int64(s, 1, u->id);
	rc = sqlite3_step(s);
	now_version = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sq_done(s);
	if (rc == SQLITE_DONE)
		return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的用户", (long long)u->id);
	if (rc != SQLITE_ROW)
		return sq_fail(ss, "读取用户", e);
	return err_set(e, ERR_CONFLICT,
		       "用户 %s 已被他人修改（当前为第 %lld 版，本次修改基于第 %lld 版）：请刷新后重试",
		       u->login ? u->login : "", (long long)now_version, (long long)expect_version);
}

/* ---- sessions ---- */

int sqlite_session_insert(struct store *st, const struct store_session *se, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, SQL_SESSION_INSERT, e);

	if (!s)
		return -1;
	sq_bind_text0(s, 1, se->token_hash);
	sqlite3_bind_int64(s, 2, se->user_id);
	sq_bind_text0(s, 3, se->csrf);
	sqlite3_bind_int64(s, 4, se->created_at);
	sqlite3_bind_int64(s, 5, se->expires_at);
	sq_bind_text0(s, 6, se->address);
	return sq_step_done(ss, s, "写入会话", e);
}

int sqlite_session_get(struct store *st, const char *token_hash, struct arena *a,
		       struct store_session *se, bool *found, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, SQL_SESSION_GET, e);
	int rc;

	*found = false;
	if (!s)
		return -1;
	sq_bind_text0(s, 1, token_hash);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		memset(se, 0, sizeof(*se));
		snprintf(se->token_hash, sizeof(se->token_hash), "%s", token_hash);
		se->user_id = sqlite3_column_int64(s, 0);
		se->csrf = sq_col_dup0(s, 1, a);
		se->created_at = sqlite3_column_int64(s, 2);
		se->expires_at = sqlite3_column_int64(s, 3);
		se->address = sq_col_dup0(s, 4, a);
		*found = true;
	}
	sq_done(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(ss, "读取会话", e);
	return 0;
}

int sqlite_session_extend(struct store *st, const char *token_hash, int64_t expires_at,
			  struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, SQL_SESSION_EXTEND, e);

	if (!s)
		return -1;
	sq_bind_text0(s, 1, token_hash);
	sqlite3_bind_int64(s, 2, expires_at);
	return sq_step_done(ss, s, "延长会话", e);
}

int sqlite_session_delete(struct store *st, const char *token_hash, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, SQL_SESSION_DELETE, e);

	if (!s)
		return -1;
	sq_bind_text0(s, 1, token_hash);
	return sq_step_done(ss, s, "删除会话", e);
}

int sqlite_sessions_delete_user(struct store *st, int64_t user_id, const char *keep,
				int64_t now, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, SQL_SESSIONS_DELETE_USER, e);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, user_id);
	sq_bind_text(s, 2, keep);
	sqlite3_bind_int64(s, 3, now);
	return sq_step_done(ss, s, "删除会话", e);
}

/* ---- failed logins ---- */

static int count_since(struct sqlite_store *ss, const char *sql, const char *key,
		       int64_t since, size_t *n, int64_t *oldest, struct err *e)
{
	sqlite3_stmt *s = sq_stmt(ss, sql, e);
	int rc;

	if (!s)
		return -1;
	sq_bind_text0(s, 1, key);
	sqlite3_bind_int64(s, 2, since);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*n = (size_t)sqlite3_column_int64(s, 0);
		*oldest = sqlite3_column_int64(s, 1);
	}
	sq_done(s);
	if (rc != SQLITE_ROW)
		return sq_fail(ss, "读取登录失败记录", e);
	return 0;
}

int sqlite_login_failures_count(struct store *st, const char *login, const char *address,
				int64_t since, struct store_login_failures *out, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);

	if (count_since(ss, SQL_FAILURES_LOGIN, login, since, &out->by_login, &out->oldest_login,
			e) ||
	    count_since(ss, SQL_FAILURES_ADDRESS, address, since, &out->by_address,
			&out->oldest_address, e))
		return -1;
	return 0;
}

int sqlite_login_failure_add(struct store *st, const char *login, const char *address,
			     int64_t at, int64_t forget, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, SQL_FAILURES_FORGET, e);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, forget);
	if (sq_step_done(ss, s, "清理登录失败记录", e))
		return -1;
	if (!(s = sq_stmt(ss, SQL_FAILURE_ADD, e)))
		return -1;
	sq_bind_text0(s, 1, login);
	sq_bind_text0(s, 2, address);
	sqlite3_bind_int64(s, 3, at);
	return sq_step_done(ss, s, "记录登录失败", e);
}

int sqlite_login_failures_clear(struct store *st, const char *login, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, SQL_FAILURES_CLEAR, e);

	if (!s)
		return -1;
	sq_bind_text0(s, 1, login);
	return sq_step_done(ss, s, "清除登录失败记录", e);
}
