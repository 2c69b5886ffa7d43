/* The PostgreSQL backend's accounts: users, login sessions and failed logins. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_internal.h"
#include "util/banned.h"

#define USER_COLUMNS                                                                 \
	"SELECT u.id, u.login, u.name, u.role, u.unit_id, o.name, u.pw_hash, u.disabled," \
	" u.version, u.created_at, u.updated_at"                                      \
	" FROM users u LEFT JOIN org_units o ON o.id = u.unit_id"

static const char sql_user_list[] = USER_COLUMNS " ORDER BY u.login COLLATE \"C\"";
static const char sql_user_by_id[] = USER_COLUMNS " WHERE u.id = $1";
static const char sql_user_by_login[] = USER_COLUMNS " WHERE u.login = $1";
static const char sql_user_insert[] =
	"INSERT INTO users (login, name, role, unit_id, pw_hash, disabled, version,"
	" created_at, updated_at)"
	" VALUES ($1, $2, $3, $4, $5, $6, 1, " PG_NOW_S ", " PG_NOW_S ") RETURNING id";
/* The version check and the bump are one statement: of two concurrent updates one wins. */
static const char sql_user_update[] =
	"UPDATE users SET name = $1, role = $2, unit_id = $3, pw_hash = $4, disabled = $5,"
	" version = version + 1, updated_at = " PG_NOW_S " WHERE id = $6 AND version = $7";
static const char sql_user_version[] = "SELECT version FROM users WHERE id = $1";
static const char sql_unit_exists[] = "SELECT count(*) FROM org_units WHERE id = $1";

static const char sql_session_insert[] =
	"INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at, address)"
	" VALUES ($1, $2, $3, $4, $5, $6)";
static const char sql_session_get[] =
	"SELECT user_id, csrf, created_at, expires_at, address FROM sessions WHERE token_hash = $1";
/* Never shortens: of two instances extending one session at once, the later expiry stays. */
static const char sql_session_extend[] =
	"UPDATE sessions SET expires_at = greatest(expires_at, $2) WHERE token_hash = $1";
static const char sql_session_delete[] = "DELETE FROM sessions WHERE token_hash = $1";
static const char sql_sessions_delete_user[] =
	"DELETE FROM sessions WHERE (user_id = $1 AND token_hash IS DISTINCT FROM $2::text)"
	" OR expires_at < $3";

static const char sql_failures_login[] =
	"SELECT count(*), coalesce(min(at), 0) FROM login_failures WHERE login = $1 AND at >= $2";
static const char sql_failures_address[] =
	"SELECT count(*), coalesce(min(at), 0) FROM login_failures WHERE address = $1 AND at >= $2";
static const char sql_failure_add[] =
	"INSERT INTO login_failures (login, address, at) VALUES ($1, $2, $3)";
static const char sql_failures_forget[] = "DELETE FROM login_failures WHERE at < $1";
static const char sql_failures_clear[] = "DELETE FROM login_failures WHERE login = $1";

/* ---- users ---- */

static int user_fill(struct pg_store *ps, const PGresult *r, int i, struct arena *a,
		     struct store_user *u, struct err *e)
{
	const char *role = pg_col_text(r, i, 3);

	memset(u, 0, sizeof(*u));
	u->id = pg_col_int(r, i, 0);
	u->login = pg_col_dup0(r, i, 1, a);
	u->name = pg_col_dup0(r, i, 2, a);
	if (!role || user_role_parse(role, &u->role))
		return err_set(e, ERR_STORE, "%s: 数据库内容有误：用户 %s 的角色“%s”", ps->where,
			       u->login, role ? role : "");
	u->unit_id = pg_col_int(r, i, 4);
	u->unit_name = pg_col_dup(r, i, 5, a);
	u->pw_hash = pg_col_dup0(r, i, 6, a);
	u->disabled = pg_col_int(r, i, 7) != 0;
	u->version = pg_col_int(r, i, 8);
	u->created_at = pg_col_dup0(r, i, 9, a);
	u->updated_at = pg_col_dup0(r, i, 10, a);
	return 0;
}

int pg_user_list(struct store *st, struct store_user_list *out, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	PGresult *r = pg_run(ps, sql_user_list, NULL, "读取用户列表", e);
	int n, ret = -1;

	if (!r)
		return -1;
	n = PQntuples(r);
	if (n)
		out->v = arena_alloc(&out->arena, (size_t)n * sizeof(*out->v));
	for (int i = 0; i < n; i++) {
		if (user_fill(ps, r, i, &out->arena, &out->v[out->n], e))
			goto out;
		out->n++;
	}
	ret = 0;
out:
	PQclear(r);
	return ret;
}

int pg_user_get(struct store *st, int64_t id, const char *login, struct arena *a,
		struct store_user *u, bool *found, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct pg_params p;
	PGresult *r;
	int ret = 0;

	*found = false;
	pg_p_init(&p);
	if (id > 0)
		pg_p_int(&p, id);
	else
		pg_p_text0(&p, login);
	if (!(r = pg_run(ps, id > 0 ? sql_user_by_id : sql_user_by_login, &p, "读取用户", e)))
		return -1;
	if (PQntuples(r)) {
		ret = user_fill(ps, r, 0, a, u, e);
		*found = !ret;
	}
	PQclear(r);
	return ret;
}

static int unit_check(struct pg_store *ps, int64_t unit_id, struct err *e)
{
	struct pg_params p;
	int64_t n;

	if (!unit_id)
		return 0;
	pg_p_init(&p);
	pg_p_int(&p, unit_id);
	if (pg_query_int(ps, sql_unit_exists, &p, &n, "查找单位", e))
		return -1;
	if (!n)
		return err_set(e, ERR_INPUT, "单位名录中没有 ID 为 %lld 的单位", (long long)unit_id);
	return 0;
}

static void params_user(struct pg_params *p, const struct store_user *u)
{
	pg_p_text0(p, u->name);
	pg_p_text0(p, user_role_code(u->role));
	pg_p_id0(p, u->unit_id);
	pg_p_text0(p, u->pw_hash);
	pg_p_int(p, u->disabled ? 1 : 0);
}

/* A check violation is the liaison/unit rule (ERR_INPUT); uniqueness the login. */
static PGresult *user_write(struct pg_store *ps, const char *sql, const struct pg_params *p,
			    const struct store_user *u, struct err *e)
{
	char conflict[256];
	PGresult *r;

	snprintf(conflict, sizeof(conflict), "登录名“%s”已被使用", u->login ? u->login : "");
	r = pg_run_map(ps, sql, p, "写入用户", conflict, NULL, e);
	if (!r && !strcmp(ps->state, "23514"))
		err_set(e, ERR_INPUT, "单位联络员必须绑定一个单位，其他角色不能绑定单位");
	return r;
}

int pg_user_insert(struct store *st, const struct store_user *u, int64_t *id, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct pg_params p;
	PGresult *r;

	if (unit_check(ps, u->unit_id, e))
		return -1;
	pg_p_init(&p);
	pg_p_text0(&p, u->login);
	params_user(&p, u);
	if (!(r = user_write(ps, sql_user_insert, &p, u, e)))
		return -1;
	*id = pg_col_int(r, 0, 0);
	PQclear(r);
	return 0;
}

int pg_user_update(struct store *st, const struct store_user *u, int64_t expect_version,
		   struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct pg_params p;
	PGresult *r;
	int64_t changed;

	if (unit_check(ps, u->unit_id, e))
		return -1;
	pg_p_init(&p);
	params_user(&p, u);
	pg_p_int(&p, u->id);
	pg_p_int(&p, expect_version);
	if (!(r = user_write(ps, sql_user_update, &p, u, e)))
		return -1;
	changed = strtoll(PQcmdTuples(r), NULL, 10);
	PQclear(r);
	if (changed == 1)
		return 0;
	/* Nothing changed: the user is gone or has moved on. */
	pg_p_init(&p);
	pg_p_int(&p, u->id);
	if (!(r = pg_run(ps, sql_user_version, &p, "读取用户", e)))
		return -1;
	if (!PQntuples(r)) {
		PQclear(r);
		return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的用户", (long long)u->id);
	}
	changed = pg_col_int(r, 0, 0);
	PQclear(r);
	return err_set(e, ERR_CONFLICT,
		       "用户 %s 已被他人修改（当前为第 %lld 版，本次修改基于第 %lld 版）：请刷新后重试",
		       u->login ? u->login : "", (long long)changed, (long long)expect_version);
}

/* ---- sessions ---- */

int pg_session_insert(struct store *st, const struct store_session *se, struct err *e)
{
	struct pg_params p;

	pg_p_init(&p);
	pg_p_text0(&p, se->token_hash);
	pg_p_int(&p, se->user_id);
	pg_p_text0(&p, se->csrf);
	pg_p_int(&p, se->created_at);
	pg_p_int(&p, se->expires_at);
	pg_p_text0(&p, se->address);
	return pg_cmd(pg_of(st), sql_session_insert, &p, "写入会话", NULL, NULL, NULL, e);
}

int pg_session_get(struct store *st, const char *token_hash, struct arena *a,
		   struct store_session *se, bool *found, struct err *e)
{
	struct pg_params p;
	PGresult *r;

	*found = false;
	pg_p_init(&p);
	pg_p_text0(&p, token_hash);
	if (!(r = pg_run(pg_of(st), sql_session_get, &p, "读取会话", e)))
		return -1;
	if (PQntuples(r)) {
		memset(se, 0, sizeof(*se));
		snprintf(se->token_hash, sizeof(se->token_hash), "%s", token_hash);
		se->user_id = pg_col_int(r, 0, 0);
		se->csrf = pg_col_dup0(r, 0, 1, a);
		se->created_at = pg_col_int(r, 0, 2);
		se->expires_at = pg_col_int(r, 0, 3);
		se->address = pg_col_dup0(r, 0, 4, a);
		*found = true;
	}
	PQclear(r);
	return 0;
}

int pg_session_extend(struct store *st, const char *token_hash, int64_t expires_at,
		      struct err *e)
{
	struct pg_params p;

	pg_p_init(&p);
	pg_p_text0(&p, token_hash);
	pg_p_int(&p, expires_at);
	return pg_cmd(pg_of(st), sql_session_extend, &p, "延长会话", NULL, NULL, NULL, e);
}

int pg_session_delete(struct store *st, const char *token_hash, struct err *e)
{
	struct pg_params p;

	pg_p_init(&p);
	pg_p_text0(&p, token_hash);
	return pg_cmd(pg_of(st), sql_session_delete, &p, "删除会话", NULL, NULL, NULL, e);
}

int pg_sessions_delete_user(struct store *st, int64_t user_id, const char *keep, int64_t now,
			    struct err *e)
{
	struct pg_params p;

	pg_p_init(&p);
	pg_p_int(&p, user_id);
	pg_p_text(&p, keep);
	pg_p_int(&p, now);
	return pg_cmd(pg_of(st), sql_sessions_delete_user, &p, "删除会话", NULL, NULL, NULL, e);
}

/* ---- failed logins ---- */

static int count_since(struct pg_store *ps, const char *sql, const char *key, int64_t since,
		       size_t *n, int64_t *oldest, struct err *e)
{
	struct pg_params p;
	PGresult *r;

	pg_p_init(&p);
	pg_p_text0(&p, key);
	pg_p_int(&p, since);
	if (!(r = pg_run(ps, sql, &p, "读取登录失败记录", e)))
		return -1;
	*n = (size_t)pg_col_int(r, 0, 0);
	*oldest = pg_col_int(r, 0, 1);
	PQclear(r);
	return 0;
}

int pg_login_failures_count(struct store *st, const char *login, const char *address,
			    int64_t since, struct store_login_failures *out, struct err *e)
{
	struct pg_store *ps = pg_of(st);

	if (count_since(ps, sql_failures_login, login, since, &out->by_login, &out->oldest_login,
			e) ||
	    count_since(ps, sql_failures_address, address, since, &out->by_address,
			&out->oldest_address, e))
		return -1;
	return 0;
}

/* Failures are rows, one per attempt: concurrent attempts add rows and none is lost. */
int pg_login_failure_add(struct store *st, const char *login, const char *address, int64_t at,
			 int64_t forget, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct pg_params p;

	pg_p_init(&p);
	pg_p_int(&p, forget);
	if (pg_cmd(ps, sql_failures_forget, &p, "清理登录失败记录", NULL, NULL, NULL, e))
		return -1;
	pg_p_init(&p);
	pg_p_text0(&p, login);
	pg_p_text0(&p, address);
	pg_p_int(&p, at);
	return pg_cmd(ps, sql_failure_add, &p, "记录登录失败", NULL, NULL, NULL, e);
}

int pg_login_failures_clear(struct store *st, const char *login, struct err *e)
{
	struct pg_params p;

	pg_p_init(&p);
	pg_p_text0(&p, login);
	return pg_cmd(pg_of(st), sql_failures_clear, &p, "清除登录失败记录", NULL, NULL, NULL, e);
}
