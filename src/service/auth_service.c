/* Accounts and sessions: argon2id, session and CSRF tokens, login throttling, access scope. */
#include "service/auth_service.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/directory.h"
#include "util/hash.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* ---- password hashing ---- */

struct pwhash_cost {
	const char *name;
	unsigned long long opslimit;
	size_t memlimit;
	/*
	 * A hash at this cost of a password nobody knows, verified when the
	 * login name is unknown so that such a login takes as long as a real
	 * one (argon2id hashes carry their own parameters).
	 */
	const char *dummy;
};

static const struct pwhash_cost costs[] = {
	[SVC_PWHASH_INTERACTIVE] = {
		"interactive", crypto_pwhash_OPSLIMIT_INTERACTIVE,
		crypto_pwhash_MEMLIMIT_INTERACTIVE,
		"$argon2id$v=19$m=65536,t=2,p=1$FSFC2pin9B4OUeHqYLy/xQ$"
		"FLXKQgk+1wJeGEYoyXolxd0cECZWck/wR5NK4sGnlEc" },
	[SVC_PWHASH_MODERATE] = {
		"moderate", crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE,
		"$argon2id$v=19$m=262144,t=3,p=1$8lAR9h507XeU7H3WbePG/A$"
		"nTZOxJ7JqGTcdGaZpWGKQ5MdVu9vYuDgEdzkzxywmPs" },
	[SVC_PWHASH_FAST] = {
		"fast", crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN,
		"$argon2id$v=19$m=8,t=1,p=1$WUxEkq8Ohg69BulzZ0yMnA$"
		"EIAhO6OywWU1D668wnpWK0csQvn/FESdj73vL0NswEA" },
};

/* Written once before threads start (svc_auth_set_cost), then only read. */
static enum svc_pwhash_cost cost_now = SVC_PWHASH_INTERACTIVE;

int svc_pwhash_cost_parse(const char *s, enum svc_pwhash_cost *out)
{
	for (size_t i = 0; i < sizeof(costs) / sizeof(costs[0]); i++) {
		if (!strcmp(s, costs[i].name)) {
			*out = (enum svc_pwhash_cost)i;
			return 0;
		}
	}
	return -1;
}

void svc_auth_set_cost(enum svc_pwhash_cost cost)
{
	cost_now = cost;
}

static int password_hash(const char *password, char out[crypto_pwhash_STRBYTES], struct err *e)
{
	const struct pwhash_cost *c = &costs[cost_now];

	if (hash_init())
		return err_set(e, ERR_INTERNAL, "无法初始化 libsodium");
	if (crypto_pwhash_str(out, password, strlen(password), c->opslimit, c->memlimit))
		return err_set(e, ERR_INTERNAL, "计算密码哈希失败（内存不足？）");
	return 0;
}

static bool password_ok(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/* ---- accounts ---- */

/* The account as recorded in the audit log: never the password or its hash. */
static json_t *user_json(const struct store_user *u)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(u->id));
	json_object_set_new(o, "login", json_string(u->login));
	json_object_set_new(o, "name", json_string(u->name ? u->name : ""));
	json_object_set_new(o, "role", json_string(user_role_code(u->role)));
	json_object_set_new(o, "unit_id", u->unit_id ? json_integer(u->unit_id) : json_null());
	json_object_set_new(o, "disabled", json_boolean(u->disabled));
	return o;
}

/* A directory unit id for a liaison: `id` if given, else `name` looked up in the directory. */
static int unit_resolve(struct store *st, int64_t id, const char *name, int64_t *out,
			struct err *e)
{
	struct directory d;
	size_t at;
	int rc = -1;

	*out = id;
	if (id > 0 || !name)
		return 0;
	directory_init(&d);
	if (store_directory_load(st, &d, e))
		goto out;
	switch (directory_lookup(&d, name, &at)) {
	case DIRECTORY_HIT_UNIT:
	case DIRECTORY_HIT_ALIAS:
		*out = d.units[at].id;
		rc = 0;
		break;
	case DIRECTORY_HIT_GROUP:
		err_set(e, ERR_INPUT, "“%s”是单位分组，联络员应绑定一个具体单位", name);
		break;
	case DIRECTORY_HIT_NONE:
		err_set(e, ERR_INPUT, "单位名录中没有“%s”（先用 duban directory import 导入单位名录）",
			name);
		break;
	}
out:
	directory_release(&d);
	return rc;
}

static int role_unit_check(enum user_role role, int64_t unit_id, struct err *e)
{
	if (role == USER_LIAISON && !unit_id)
		return err_set(e, ERR_INPUT, "单位联络员必须绑定一个单位");
	if (role != USER_LIAISON && unit_id)
		return err_set(e, ERR_INPUT, "只有单位联络员绑定单位，%s不绑定单位",
			       user_role_label(role));
	return 0;
}

int svc_user_add(struct store *st, const struct svc_actor *actor, const struct svc_user_new *in,
		 int64_t *id, struct err *e)
{
	char hash[crypto_pwhash_STRBYTES];
	struct store_user u;
	json_t *after = NULL;
	char object[48];
	int rc = -1;

	memset(&u, 0, sizeof(u));
	if (account_login_check(in->login, e) || account_name_check(in->name ? in->name : "", e) ||
	    account_password_check(in->password, e))
		return -1;
	/* Hash outside the transaction: it takes a while and holds no lock. */
	if (password_hash(in->password, hash, e))
		return -1;
	if (store_begin(st, e))
		goto out_hash;
	u.login = in->login;
	u.name = in->name ? in->name : "";
	u.role = in->role;
	u.pw_hash = hash;
	u.disabled = in->disabled;
	if (in->role == USER_LIAISON && unit_resolve(st, in->unit_id, in->unit_name, &u.unit_id, e))
		goto out;
	if (in->role != USER_LIAISON)
		u.unit_id = in->unit_id;
	if (role_unit_check(u.role, u.unit_id, e) || store_user_insert(st, &u, &u.id, e))
		goto out;
	snprintf(object, sizeof(object), "user:%" PRId64, u.id);
	after = user_json(&u);
	if (audit_append(st, actor, "user.add", object, NULL, after, e) || store_commit(st, e))
		goto out;
	if (id)
		*id = u.id;
	rc = 0;
out:
	store_rollback(st);
	json_decref(after);
out_hash:
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

int svc_user_list(struct store *st, struct store_user_list *out, struct err *e)
{
	if (store_user_list(st, out, e))
		return -1;
	for (size_t i = 0; i < out->n; i++)
		out->v[i].pw_hash = NULL;
	return 0;
}

static int user_find(struct store *st, int64_t id, const char *login, struct arena *a,
		     struct store_user *out, struct err *e)
{
	bool found;

	if (store_user_get(st, id, login, a, out, &found, e))
		return -1;
	if (!found) {
		if (id > 0)
			return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %" PRId64 " 的用户", id);
		return err_set(e, ERR_NOT_FOUND, "没有登录名为“%s”的用户", login ? login : "");
	}
	return 0;
}

int svc_user_get(struct store *st, int64_t id, const char *login, struct arena *a,
		 struct store_user *out, struct err *e)
{
	if (user_find(st, id, login, a, out, e))
		return -1;
	out->pw_hash = NULL;
	return 0;
}

/* Refuse to leave the system without an enabled administrator. */
static int keep_an_admin(struct store *st, const struct store_user *old,
			 const struct store_user *now, struct err *e)
{
	struct store_user_list l;
	size_t admins = 0;
	int rc = 0;

	if (old->role != USER_ADMIN || old->disabled || (now->role == USER_ADMIN && !now->disabled))
		return 0;
	store_user_list_init(&l);
	if (store_user_list(st, &l, e)) {
		rc = -1;
		goto out;
	}
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].role == USER_ADMIN && !l.v[i].disabled && l.v[i].id != old->id)
			admins++;
	if (!admins)
		rc = err_set(e, ERR_CONFLICT, "%s 是唯一可用的管理员，不能停用或改为其他角色",
			     old->login);
out:
	store_user_list_release(&l);
	return rc;
}

static const char *change_action(const struct svc_user_change *c)
{
	bool other = c->name || c->set_role || c->set_unit;

	if (!other && c->password && !c->set_disabled)
		return "user.passwd";
	if (!other && !c->password && c->set_disabled)
		return c->disabled ? "user.disable" : "user.enable";
	return "user.update";
}

int svc_user_change(struct store *st, const struct svc_actor *actor, int64_t id,
		    const char *login, int64_t expect_version, const struct svc_user_change *c,
		    struct arena *a, struct store_user *after, struct err *e)
{
	char hash[crypto_pwhash_STRBYTES];
	struct arena scratch = ARENA_INIT;
	struct store_user old, now;
	json_t *jb = NULL, *ja = NULL;
	char object[48];
	int rc = -1;

	hash[0] = '\0';
	if (!c->name && !c->set_role && !c->set_unit && !c->set_disabled && !c->password)
		return err_set(e, ERR_INPUT, "没有要修改的内容");
	if ((c->name && account_name_check(c->name, e)) ||
	    (c->password && account_password_check(c->password, e)))
		return -1;
	if (c->password && password_hash(c->password, hash, e))
		return -1;
	arena_init(&scratch, 0);
	if (store_begin(st, e))
		goto out;
	if (user_find(st, id, login, &scratch, &old, e))
		goto out;
	if (expect_version > 0 && old.version != expect_version) {
		err_set(e, ERR_CONFLICT,
			"用户 %s 已被他人修改（当前为第 %" PRId64 " 版，本次修改基于第 %" PRId64
			" 版）：请刷新后重试",
			old.login, old.version, expect_version);
		goto out;
	}
	now = old;
	if (c->name)
		now.name = c->name;
	if (c->set_role)
		now.role = c->role;
	if (c->set_unit && unit_resolve(st, c->unit_id, c->unit_name, &now.unit_id, e))
		goto out;
	if (c->set_role && now.role != USER_LIAISON && !c->set_unit)
		now.unit_id = 0;	/* leaving the liaison role unbinds the unit */
	if (c->set_disabled)
		now.disabled = c->disabled;
	if (c->password)
		now.pw_hash = hash;
	if (role_unit_check(now.role, now.unit_id, e) || keep_an_admin(st, &old, &now, e) ||
	    store_user_update(st, &now, old.version, e))
		goto out;
	if ((c->password || now.disabled) &&
	    store_sessions_delete_user(st, now.id, NULL, 0, e))
		goto out;
	snprintf(object, sizeof(object), "user:%" PRId64, old.id);
	jb = user_json(&old);
	ja = user_json(&now);
	if (c->password)
		json_object_set_new(ja, "password_changed", json_true());
	if (audit_append(st, actor, change_action(c), object, jb, ja, e) || store_commit(st, e))
		goto out;
	if (after && svc_user_get(st, old.id, NULL, a, after, e))
		goto out;
	rc = 0;
out:
	store_rollback(st);
	json_decref(jb);
	json_decref(ja);
	arena_release(&scratch);
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

/* ---- sessions ---- */

static void token_new(char out[SVC_TOKEN_LEN + 1])
{
	unsigned char raw[SVC_TOKEN_BYTES];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, SVC_TOKEN_LEN + 1, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

static bool token_wellformed(const char *t)
{
	size_t n = 0;

	for (; t[n]; n++) {
		char c = t[n];

		if (n >= SVC_TOKEN_LEN ||
		    !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return false;
	}
	return n == SVC_TOKEN_LEN;
}

static void principal_fill(struct svc_principal *who, const struct store_user *u,
			   const char *token_hash, const char *csrf, int64_t expires_at)
{
	memset(who, 0, sizeof(*who));
	who->user_id = u->id;
	who->login = u->login;
	who->name = u->name;
	who->role = u->role;
	who->unit_id = u->unit_id;
	who->unit_name = u->unit_name;
	snprintf(who->token_hash, sizeof(who->token_hash), "%s", token_hash);
	snprintf(who->csrf, sizeof(who->csrf), "%s", csrf);
	who->expires_at = expires_at;
}

static int64_t seconds_left(int64_t oldest, int64_t now)
{
	int64_t left = oldest + SVC_LOGIN_WINDOW - now;

	return left < 1 ? 1 : left;
}

int svc_login(struct store *st, const char *login, const char *password, const char *address,
	      int64_t now, int64_t ttl, struct arena *a, struct svc_login *out, struct err *e)
{
	struct store_login_failures f;
	struct store_session se;
	struct store_user u;
	bool found, ok;

	memset(out, 0, sizeof(*out));
	if (strlen(login) > ACCOUNT_LOGIN_MAX || strlen(password) > ACCOUNT_PASSWORD_MAX)
		return err_set(e, ERR_INPUT, "登录名或密码过长");
	if (store_login_failures_count(st, login, address, now - SVC_LOGIN_WINDOW, &f, e))
		return -1;
	if (f.by_login >= SVC_LOGIN_MAX_PER_LOGIN || f.by_address >= SVC_LOGIN_MAX_PER_ADDRESS) {
		int64_t wait = 0;

		if (f.by_login >= SVC_LOGIN_MAX_PER_LOGIN)
			wait = seconds_left(f.oldest_login, now);
		if (f.by_address >= SVC_LOGIN_MAX_PER_ADDRESS &&
		    seconds_left(f.oldest_address, now) > wait)
			wait = seconds_left(f.oldest_address, now);
		out->outcome = SVC_LOGIN_THROTTLED;
		out->retry_after = wait;
		return 0;
	}
	if (store_user_get(st, 0, login, a, &u, &found, e))
		return -1;
	ok = password_ok(found ? u.pw_hash : costs[cost_now].dummy, password) && found &&
	     !u.disabled;
	if (!ok) {
		out->outcome = SVC_LOGIN_BAD;
		if (store_begin(st, e))
			return -1;
		if (store_login_failure_add(st, login, address, now, now - SVC_LOGIN_WINDOW, e) ||
		    store_commit(st, e)) {
			store_rollback(st);
			return -1;
		}
		return 0;
	}
	memset(&se, 0, sizeof(se));
	token_new(out->token);
	hash_sha256_hex(out->token, SVC_TOKEN_LEN, se.token_hash);
	se.user_id = u.id;
	se.csrf = arena_alloc(a, SVC_TOKEN_LEN + 1);
	token_new((char *)se.csrf);
	se.created_at = now;
	se.expires_at = now + ttl;
	se.address = address;
	if (store_begin(st, e))
		return -1;
	/* user 0 is nobody: only the expired sessions of everyone go. */
	if (store_sessions_delete_user(st, 0, NULL, now, e) || store_session_insert(st, &se, e) ||
	    store_login_failures_clear(st, login, e) || store_commit(st, e)) {
		store_rollback(st);
		return -1;
	}
	out->outcome = SVC_LOGIN_OK;
	principal_fill(&out->who, &u, se.token_hash, se.csrf, se.expires_at);
	return 0;
}

int svc_session_resume(struct store *st, const char *token, int64_t now, int64_t ttl,
		       struct arena *a, struct svc_principal *who, bool *valid, struct err *e)
{
	struct store_session se;
	struct store_user u;
	char th[65];
	bool found, extended = false;

	*valid = false;
	if (!token || !token_wellformed(token))
		return 0;
	hash_sha256_hex(token, SVC_TOKEN_LEN, th);
	if (store_session_get(st, th, a, &se, &found, e))
		return -1;
	if (!found || se.expires_at <= now)
		return 0;
	if (store_user_get(st, se.user_id, NULL, a, &u, &found, e))
		return -1;
	if (!found || u.disabled)
		return 0;
	if (se.expires_at - now < ttl / 2) {
		se.expires_at = now + ttl;
		if (store_begin(st, e))
			return -1;
		if (store_session_extend(st, th, se.expires_at, e) || store_commit(st, e)) {
			store_rollback(st);
			return -1;
		}
		extended = true;
	}
	principal_fill(who, &u, th, se.csrf, se.expires_at);
	who->extended = extended;
	*valid = true;
	return 0;
}

int svc_logout(struct store *st, const char *token_hash, struct err *e)
{
	if (store_begin(st, e))
		return -1;
	if (store_session_delete(st, token_hash, e) || store_commit(st, e)) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

int svc_password_change(struct store *st, const struct svc_principal *who, const char *old,
			const char *password, int64_t now, struct err *e)
{
	char hash[crypto_pwhash_STRBYTES];
	struct arena a = ARENA_INIT;
	struct store_user u, changed;
	struct svc_actor actor;
	json_t *jb = NULL, *ja = NULL;
	char object[48];
	int rc = -1;

	if (account_password_check(password, e))
		return -1;
	arena_init(&a, 0);
	if (user_find(st, who->user_id, NULL, &a, &u, e))
		goto out_arena;
	if (!password_ok(u.pw_hash, old)) {
		err_set(e, ERR_DENIED, "原密码不正确");
		goto out_arena;
	}
	if (password_hash(password, hash, e))
		goto out_arena;
	actor = svc_principal_actor(who, &a);
	if (store_begin(st, e))
		goto out;
	/* Read again inside the transaction: the version the update expects. */
	if (user_find(st, who->user_id, NULL, &a, &u, e))
		goto out;
	changed = u;
	changed.pw_hash = hash;
	if (store_user_update(st, &changed, u.version, e) ||
	    store_sessions_delete_user(st, u.id, who->token_hash, now, e))
		goto out;
	snprintf(object, sizeof(object), "user:%" PRId64, u.id);
	jb = user_json(&u);
	ja = user_json(&changed);
	json_object_set_new(ja, "password_changed", json_true());
	if (audit_append(st, &actor, "user.passwd", object, jb, ja, e) || store_commit(st, e))
		goto out;
	rc = 0;
out:
	store_rollback(st);
	json_decref(jb);
	json_decref(ja);
	sodium_memzero(hash, sizeof(hash));
out_arena:
	arena_release(&a);
	return rc;
}

bool svc_csrf_ok(const struct svc_principal *who, const char *sent)
{
	size_t n = strlen(who->csrf);

	if (!sent || !n || strlen(sent) != n)
		return false;
	return sodium_memcmp(who->csrf, sent, n) == 0;
}

struct svc_actor svc_principal_actor(const struct svc_principal *who, struct arena *a)
{
	struct svc_actor actor = { arena_printf(a, "user:%s", who->login) };

	return actor;
}

/* ---- scope ---- */

int svc_unit_task_nos(struct store *st, int64_t plan_id, int64_t unit_id, int **nos, size_t *n,
		      struct err *e)
{
	struct store_assignment_filter f = { .plan_id = plan_id, .unit_id = unit_id };
	struct store_assignment_list l;
	size_t alloc = 0;
	int rc = -1;

	*nos = NULL;
	*n = 0;
	if (unit_id <= 0)
		return 0;
	store_assignment_list_init(&l);
	if (store_assignments_list(st, &f, &l, e))
		goto out;
	/* Rows come by task number: keep each number once. */
	for (size_t i = 0; i < l.n; i++) {
		if (*n && (*nos)[*n - 1] == l.v[i].task_no)
			continue;
		ALLOC_GROW(*nos, *n + 1, alloc);
		(*nos)[(*n)++] = l.v[i].task_no;
	}
	rc = 0;
out:
	store_assignment_list_release(&l);
	return rc;
}
