/* Unit tests for service/auth_service.c: accounts, sessions, throttling, versions, scope. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../store/db_fixture.h"
#include "../store/store_fixture.h"
#include "domain/directory.h"
#include "service/audit.h"
#include "service/auth_service.h"
#include "store/store.h"
#include "util/hash.h"
#include "util/xalloc.h"

#define T0 1800000000	/* a fixed "now" */
#define TTL 3600

struct fx {
	char *dir;
	char *db;	/* SQLite file or PostgreSQL database (db_fixture.h) */
	struct store *st;
	struct arena a;
	int64_t unit_a, unit_b;
};

static const struct svc_actor actor = { "cli:test" };

static int64_t add_user(struct store *st, const char *login, enum user_role role,
			int64_t unit, const char *password)
{
	struct svc_user_new u;
	struct err e = ERR_INIT;
	int64_t id = 0;

	memset(&u, 0, sizeof(u));
	u.login = login;
	u.name = "测试";
	u.password = password;
	u.role = role;
	u.unit_id = unit;
	if (svc_user_add(st, &actor, &u, &id, &e))
		fail_msg("svc_user_add %s: %s", login, e.msg);
	return id;
}

static int setup(void **state)
{
	struct fx *fx = xcalloc(1, sizeof(*fx));
	struct directory d;
	struct err e = ERR_INIT;
	size_t ia, ib;

	assert_int_equal(hash_init(), 0);
	svc_auth_set_cost(SVC_PWHASH_FAST);
	fx->dir = fx_tmpdir();
	fx->db = fx_db_new(fx->dir, "auth");
	if (store_open(fx->db, &fx->st, &e))
		fail_msg("store_open: %s", e.msg);
	arena_init(&fx->a, 0);
	/* A directory of two units, for liaisons. */
	directory_init(&d);
	assert_int_equal(directory_add_unit(&d, 0, "市发改委", UNIT_KIND_CITY_DEPT, true, &ia, &e), 0);
	assert_int_equal(directory_add_unit(&d, 0, "市财政局", UNIT_KIND_CITY_DEPT, true, &ib, &e), 0);
	assert_int_equal(store_begin(fx->st, &e), 0);
	if (store_directory_save(fx->st, &d, &e))
		fail_msg("store_directory_save: %s", e.msg);
	assert_int_equal(store_commit(fx->st, &e), 0);
	fx->unit_a = d.units[ia].id;
	fx->unit_b = d.units[ib].id;
	directory_release(&d);
	add_user(fx->st, "admin", USER_ADMIN, 0, "admin-pass-1");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	store_close(fx->st);
	arena_release(&fx->a);
	fx_db_drop(fx->db);
	free(fx->db);
	fx_rmdir(fx->dir);
	free(fx);
	return 0;
}

static struct svc_login login(struct fx *fx, const char *name, const char *pw, const char *addr,
			      int64_t now)
{
	struct svc_login out;
	struct err e = ERR_INIT;

	if (svc_login(fx->st, name, pw, addr, now, TTL, &fx->a, &out, &e))
		fail_msg("svc_login: %s", e.msg);
	return out;
}

static void test_login_session_logout(void **state)
{
	struct fx *fx = *state;
	struct svc_principal who;
	struct svc_login ok = login(fx, "admin", "admin-pass-1", "10.0.0.1", T0);
	struct err e = ERR_INIT;
	bool valid;

	assert_int_equal(ok.outcome, SVC_LOGIN_OK);
	assert_int_equal(strlen(ok.token), SVC_TOKEN_LEN);
	assert_int_equal(ok.who.role, USER_ADMIN);
	assert_true(svc_csrf_ok(&ok.who, ok.who.csrf));
	assert_false(svc_csrf_ok(&ok.who, "x"));
	assert_false(svc_csrf_ok(&ok.who, NULL));

	assert_int_equal(svc_session_resume(fx->st, ok.token, T0 + 10, TTL, &fx->a, &who, &valid,
					    &e), 0);
	assert_true(valid);
	assert_false(who.extended);
	assert_string_equal(who.login, "admin");
	assert_string_equal(who.csrf, ok.who.csrf);
	/* Used after half its life, the session is pushed forward, so it lives on. */
	assert_int_equal(svc_session_resume(fx->st, ok.token, T0 + TTL - 10, TTL, &fx->a, &who,
					    &valid, &e), 0);
	assert_true(valid);
	assert_true(who.extended);
	assert_int_equal(who.expires_at, T0 + 2 * TTL - 10);
	/* Past its expiry it opens nothing. */
	assert_int_equal(svc_session_resume(fx->st, ok.token, T0 + 3 * TTL, TTL, &fx->a, &who,
					    &valid, &e), 0);
	assert_false(valid);
	/* Malformed and unknown tokens open nothing either. */
	assert_int_equal(svc_session_resume(fx->st, "short", T0, TTL, &fx->a, &who, &valid, &e), 0);
	assert_false(valid);
	ok = login(fx, "admin", "admin-pass-1", "10.0.0.1", T0);
	assert_int_equal(svc_logout(fx->st, ok.who.token_hash, &e), 0);
	assert_int_equal(svc_session_resume(fx->st, ok.token, T0, TTL, &fx->a, &who, &valid, &e), 0);
	assert_false(valid);
}

static void test_throttling_by_login_and_address(void **state)
{
	struct fx *fx = *state;
	struct svc_login r;

	for (int i = 0; i < SVC_LOGIN_MAX_PER_LOGIN; i++)
		assert_int_equal(login(fx, "admin", "wrong-pass", "10.0.0.2", T0 + i).outcome,
				 SVC_LOGIN_BAD);
	/* Even the right password is refused now, with the wait until the oldest failure ages out. */
	r = login(fx, "admin", "admin-pass-1", "10.0.0.3", T0 + 10);
	assert_int_equal(r.outcome, SVC_LOGIN_THROTTLED);
	assert_int_equal(r.retry_after, SVC_LOGIN_WINDOW - 10);
	/* Once the window has passed, the right password works and clears the count. */
	r = login(fx, "admin", "admin-pass-1", "10.0.0.3", T0 + SVC_LOGIN_WINDOW + 5);
	assert_int_equal(r.outcome, SVC_LOGIN_OK);
	/* Unknown names count per address: enough of them lock the address out. */
	for (int i = 0; i < SVC_LOGIN_MAX_PER_ADDRESS; i++) {
		char name[32];

		snprintf(name, sizeof(name), "nobody%d", i);
		assert_int_equal(login(fx, name, "whatever1", "10.0.0.9", T0 + 2000).outcome,
				 SVC_LOGIN_BAD);
	}
	r = login(fx, "admin", "admin-pass-1", "10.0.0.9", T0 + 2001);
	assert_int_equal(r.outcome, SVC_LOGIN_THROTTLED);
	assert_int_equal(login(fx, "admin", "admin-pass-1", "10.0.0.8", T0 + 2001).outcome,
			 SVC_LOGIN_OK);
}

static void test_disabled_user_and_sessions(void **state)
{
	struct fx *fx = *state;
	int64_t id = add_user(fx->st, "lead1", USER_LEADER, 0, "leader-pass");
	struct svc_login ok = login(fx, "lead1", "leader-pass", "10.0.0.4", T0);
	struct svc_user_change c;
	struct svc_principal who;
	struct store_user u;
	struct err e = ERR_INIT;
	bool valid;

	assert_int_equal(ok.outcome, SVC_LOGIN_OK);
	memset(&c, 0, sizeof(c));
	c.set_disabled = true;
	c.disabled = true;
	/* A stale version is a conflict and changes nothing. */
	assert_int_equal(svc_user_change(fx->st, &actor, id, NULL, 7, &c, &fx->a, &u, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_int_equal(svc_user_change(fx->st, &actor, id, NULL, 1, &c, &fx->a, &u, &e), 0);
	assert_true(u.disabled);
	assert_int_equal(u.version, 2);
	assert_null(u.pw_hash);
	assert_int_equal(svc_session_resume(fx->st, ok.token, T0 + 1, TTL, &fx->a, &who, &valid,
					    &e), 0);
	assert_false(valid);
	assert_int_equal(login(fx, "lead1", "leader-pass", "10.0.0.4", T0 + 2).outcome,
			 SVC_LOGIN_BAD);
}

static void test_rules_of_accounts(void **state)
{
	struct fx *fx = *state;
	struct svc_user_new u;
	struct svc_user_change c;
	struct err e = ERR_INIT;
	int64_t id;

	memset(&u, 0, sizeof(u));
	u.login = "Bad Name";
	u.password = "long-enough";
	u.role = USER_LEADER;
	assert_int_equal(svc_user_add(fx->st, &actor, &u, &id, &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	u.login = "ok";
	u.password = "short";
	assert_int_equal(svc_user_add(fx->st, &actor, &u, &id, &e), -1);
	assert_non_null(strstr(e.msg, "密码太短"));
	u.password = "long-enough";
	u.role = USER_LIAISON;
	assert_int_equal(svc_user_add(fx->st, &actor, &u, &id, &e), -1);
	assert_non_null(strstr(e.msg, "必须绑定"));
	u.unit_name = "市财政局";
	assert_int_equal(svc_user_add(fx->st, &actor, &u, &id, &e), 0);
	u.login = "admin";
	assert_int_equal(svc_user_add(fx->st, &actor, &u, &id, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	/* The only administrator can be neither disabled nor demoted. */
	memset(&c, 0, sizeof(c));
	c.set_disabled = true;
	c.disabled = true;
	assert_int_equal(svc_user_change(fx->st, &actor, 0, "admin", 0, &c, NULL, NULL, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "唯一可用的管理员"));
	/* Every change above that succeeded is in the log, and the log is intact. */
	{
		struct audit_verify v;

		assert_int_equal(audit_verify(fx->st, 0, NULL, &v, &e), 0);
		assert_int_equal(v.broken, AUDIT_INTACT);
		assert_int_equal(v.nentries, 2);	/* admin, ok */
	}
}

static void test_password_change(void **state)
{
	struct fx *fx = *state;
	struct svc_login a = login(fx, "admin", "admin-pass-1", "10.0.0.5", T0);
	struct svc_login b = login(fx, "admin", "admin-pass-1", "10.0.0.6", T0);
	struct svc_principal who;
	struct err e = ERR_INIT;
	bool valid;

	assert_int_equal(svc_password_change(fx->st, &a.who, "not-it-at-all", "new-pass-22", T0, &e),
			 -1);
	assert_int_equal(e.kind, ERR_DENIED);
	assert_int_equal(svc_password_change(fx->st, &a.who, "admin-pass-1", "new-pass-22", T0, &e),
			 0);
	/* The session that changed it stays; the other one ends. */
	assert_int_equal(svc_session_resume(fx->st, a.token, T0, TTL, &fx->a, &who, &valid, &e), 0);
	assert_true(valid);
	assert_int_equal(svc_session_resume(fx->st, b.token, T0, TTL, &fx->a, &who, &valid, &e), 0);
	assert_false(valid);
	assert_int_equal(login(fx, "admin", "new-pass-22", "10.0.0.5", T0 + 1).outcome,
			 SVC_LOGIN_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_login_session_logout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_throttling_by_login_and_address, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_disabled_user_and_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rules_of_accounts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_password_change, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
