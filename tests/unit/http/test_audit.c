/* Unit tests for service/audit.c: the canonical form, the chain walk, and verification of a real log. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/db_fixture.h"
#include "../store/store_fixture.h"
#include "service/audit.h"
#include "store/store.h"
#include "util/hash.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static struct store_audit_entry entry(int64_t seq, const char *actor, const char *action,
				      const char *before, const char *after, const char *prev)
{
	struct store_audit_entry a;

	memset(&a, 0, sizeof(a));
	a.seq = seq;
	a.at = "2026-11-28T10:00:00.000Z";
	a.actor = actor;
	a.action = action;
	a.object = "user:1";
	a.before_json = before;
	a.after_json = after;
	snprintf(a.prev_hash, sizeof(a.prev_hash), "%s", prev);
	audit_hash(&a, a.hash);
	return a;
}

static void test_canonical_form_is_unambiguous(void **state)
{
	struct store_audit_entry a = entry(1, "ab", "c", NULL, "{}", AUDIT_GENESIS);
	struct store_audit_entry b = entry(1, "a", "bc", NULL, "{}", AUDIT_GENESIS);
	struct store_audit_entry c = entry(1, "ab", "c", "{}", NULL, AUDIT_GENESIS);
	struct store_audit_entry d = entry(1, "ab", "c", "", "{}", AUDIT_GENESIS);
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	audit_canonical(&a, &sb);
	assert_string_equal(sb.buf, "duban-audit-v1\nseq=1\nat=24:2026-11-28T10:00:00.000Z\n"
				    "actor=2:ab\naction=1:c\nobject=6:user:1\nbefore=null\n"
				    "after=2:{}\nprev=" AUDIT_GENESIS "\n");
	strbuf_release(&sb);
	/* Moving bytes between fields, or before/after, or null/empty changes the hash. */
	assert_string_not_equal(a.hash, b.hash);
	assert_string_not_equal(a.hash, c.hash);
	assert_string_not_equal(a.hash, d.hash);
	assert_int_equal(strlen(a.hash), 64);
}

static void test_walk_names_the_break(void **state)
{
	struct store_audit_entry e1 = entry(1, "cli:a", "user.add", NULL, "{\"x\":1}", AUDIT_GENESIS);
	struct store_audit_entry e2 = entry(2, "cli:a", "user.disable", "{\"x\":1}", "{\"x\":2}",
					    e1.hash);
	struct store_audit_entry e3 = entry(3, "cli:a", "user.enable", "{\"x\":2}", "{\"x\":3}",
					    e2.hash);
	struct store_audit_entry edited = e2, swapped = e3;
	struct audit_walk w;

	(void)state;
	audit_walk_init(&w);
	assert_int_equal(audit_walk_step(&w, &e1), AUDIT_INTACT);
	assert_int_equal(audit_walk_step(&w, &e2), AUDIT_INTACT);
	assert_int_equal(audit_walk_step(&w, &e3), AUDIT_INTACT);
	assert_int_equal(w.seq, 3);

	edited.after_json = "{\"x\":9}";
	audit_walk_init(&w);
	assert_int_equal(audit_walk_step(&w, &e1), AUDIT_INTACT);
	assert_int_equal(audit_walk_step(&w, &edited), AUDIT_EDITED);

	audit_walk_init(&w);
	assert_int_equal(audit_walk_step(&w, &e1), AUDIT_INTACT);
	assert_int_equal(audit_walk_step(&w, &e3), AUDIT_GAP);

	/* e3 renumbered 2, with its hash recomputed: it does not link to e1. */
	swapped.seq = 2;
	audit_hash(&swapped, swapped.hash);
	audit_walk_init(&w);
	assert_int_equal(audit_walk_step(&w, &e1), AUDIT_INTACT);
	assert_int_equal(audit_walk_step(&w, &swapped), AUDIT_RELINKED);

	edited = e2;
	edited.malformed = true;
	audit_walk_init(&w);
	assert_int_equal(audit_walk_step(&w, &e1), AUDIT_INTACT);
	assert_int_equal(audit_walk_step(&w, &edited), AUDIT_MALFORMED);
}

/* ---- a real log in a scratch database ---- */

struct fx {
	char *dir;
	char *path;
	struct store *st;
};

static int setup(void **state)
{
	struct fx *fx = xcalloc(1, sizeof(*fx));
	struct err e = ERR_INIT;

	assert_int_equal(hash_init(), 0);
	fx->dir = fx_tmpdir();
	fx->path = fx_db_new(fx->dir, "audit");
	if (store_open(fx->path, &fx->st, &e))
		fail_msg("store_open: %s", e.msg);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	store_close(fx->st);
	fx_db_drop(fx->path);
	free(fx->path);
	fx_rmdir(fx->dir);
	free(fx);
	return 0;
}

static void append(struct store *st, int i)
{
	struct svc_actor actor = { "cli:test" };
	struct err e = ERR_INIT;
	json_t *after = json_pack("{s:i,s:s}", "n", i, "name", "督办");
	char object[32];

	snprintf(object, sizeof(object), "thing:%d", i);
	assert_int_equal(store_begin(st, &e), 0);
	if (audit_append(st, &actor, "thing.add", object, NULL, after, &e))
		fail_msg("audit_append: %s", e.msg);
	assert_int_equal(store_commit(st, &e), 0);
	json_decref(after);
}

/*
 * Run SQL on the database directly, as someone with the file (or the
 * PostgreSQL owner's password) would.  On PostgreSQL, "DROP TRIGGER t;"
 * is spelt "DROP TRIGGER t ON audit;".
 */
static void tamper(const char *path, const char *sql)
{
	struct strbuf sb = STRBUF_INIT;

	for (const char *p = sql; *p;) {
		const char *t = strstr(p, "DROP TRIGGER ");
		const char *semi = t ? strchr(t, ';') : NULL;

		if (!fx_pg() || !semi) {
			strbuf_addstr(&sb, p);
			break;
		}
		strbuf_add(&sb, p, (size_t)(semi - p));
		strbuf_addstr(&sb, " ON audit");
		p = semi;
	}
	if (fx_sql_try(path, sb.buf))
		fail_msg("tampering failed: %s", sb.buf);
	strbuf_release(&sb);
}

static struct audit_verify verify(struct store *st, int64_t anchor_seq, const char *anchor_hash)
{
	struct audit_verify v;
	struct err e = ERR_INIT;

	if (audit_verify(st, anchor_seq, anchor_hash, &v, &e))
		fail_msg("audit_verify: %s", e.msg);
	return v;
}

static void test_log_verifies_and_appends_in_the_transaction(void **state)
{
	struct fx *fx = *state;
	struct svc_actor actor = { "cli:test" };
	struct err e = ERR_INIT;
	struct audit_verify v;
	struct store_audit_list l;

	v = verify(fx->st, 0, NULL);
	assert_int_equal(v.broken, AUDIT_INTACT);
	assert_int_equal(v.nentries, 0);
	for (int i = 1; i <= 5; i++)
		append(fx->st, i);
	/* A rolled-back change leaves no entry behind. */
	assert_int_equal(store_begin(fx->st, &e), 0);
	assert_int_equal(audit_append(fx->st, &actor, "thing.add", "thing:6", NULL, NULL, &e), 0);
	store_rollback(fx->st);
	v = verify(fx->st, 0, NULL);
	assert_int_equal(v.broken, AUDIT_INTACT);
	assert_int_equal(v.nentries, 5);
	assert_int_equal(v.head_seq, 5);
	store_audit_list_init(&l);
	assert_int_equal(audit_list(fx->st, 0, NULL, 100, &l, &e), 0);
	assert_int_equal(l.n, 5);
	assert_string_equal(l.v[4].hash, v.head_hash);
	assert_string_equal(l.v[1].prev_hash, l.v[0].hash);
	assert_string_equal(l.v[0].after_json, "{\"n\":1,\"name\":\"督办\"}");
	/* An anchor that still holds passes; a wrong one is named. */
	assert_int_equal(verify(fx->st, 3, l.v[2].hash).broken, AUDIT_INTACT);
	v = verify(fx->st, 3, l.v[1].hash);
	assert_int_equal(v.broken, AUDIT_ANCHOR);
	assert_int_equal(v.seq, 3);
	v = verify(fx->st, 9, l.v[1].hash);
	assert_int_equal(v.broken, AUDIT_ANCHOR);
	store_audit_list_release(&l);
	/* The log refuses UPDATE and DELETE through SQL as long as its triggers stand. */
	assert_int_not_equal(fx_sql_try(fx->path, "DELETE FROM audit WHERE seq = 1"), 0);
	assert_int_not_equal(fx_sql_try(fx->path, "UPDATE audit SET actor = 'x' WHERE seq = 1"), 0);
	if (fx_pg())	/* TRUNCATE passes by row triggers: a statement trigger refuses it */
		assert_int_not_equal(fx_sql_try(fx->path, "TRUNCATE audit"), 0);
	assert_int_equal(fx_sql_int(fx->path, "SELECT count(*) FROM audit"), 5);
}

static void test_edit_is_named(void **state)
{
	struct fx *fx = *state;
	struct audit_verify v;

	for (int i = 1; i <= 4; i++)
		append(fx->st, i);
	tamper(fx->path, "DROP TRIGGER audit_no_update;"
			 "UPDATE audit SET after_json = '{\"n\":99,\"name\":\"督办\"}' WHERE seq = 3");
	v = verify(fx->st, 0, NULL);
	assert_int_equal(v.broken, AUDIT_EDITED);
	assert_int_equal(v.seq, 3);
	assert_non_null(strstr(v.msg, "第 3 条被改动"));
	assert_int_equal(v.nentries, 2);
}

static void test_deletions_are_named(void **state)
{
	struct fx *fx = *state;
	struct audit_verify v;

	for (int i = 1; i <= 4; i++)
		append(fx->st, i);
	tamper(fx->path, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 2");
	v = verify(fx->st, 0, NULL);
	assert_int_equal(v.broken, AUDIT_GAP);
	assert_int_equal(v.seq, 2);
	assert_non_null(strstr(v.msg, "第 2 条缺失"));
	/* The newest entry gone: the head still names it. */
	tamper(fx->path, "DELETE FROM audit WHERE seq <> 1");
	append(fx->st, 5);	/* appends after the head: seq 5 */
	v = verify(fx->st, 0, NULL);
	assert_int_equal(v.broken, AUDIT_GAP);
	assert_int_equal(v.seq, 2);
	tamper(fx->path, "DELETE FROM audit WHERE seq = 5");
	v = verify(fx->st, 0, NULL);
	assert_int_equal(v.broken, AUDIT_HEAD);
	assert_int_equal(v.seq, 2);
}

static void test_blob_and_nul_are_malformed(void **state)
{
	struct fx *fx = *state;
	struct audit_verify v;

	for (int i = 1; i <= 3; i++)
		append(fx->st, i);
	if (fx_pg()) {
		/* PostgreSQL text holds no NUL and a text column no blob; NOT NULL refuses a hole. */
		assert_int_not_equal(fx_sql_try(fx->path, "DROP TRIGGER audit_no_update ON audit;"
							  " UPDATE audit SET actor = NULL WHERE seq = 2"), 0);
		return;
	}
	/* A NUL and junk after the JSON: the text up to the NUL is unchanged. */
	tamper(fx->path, "DROP TRIGGER audit_no_update;"
			 "UPDATE audit SET after_json = CAST(after_json || char(0) || 'x' AS BLOB)"
			 " WHERE seq = 2");
	v = verify(fx->st, 0, NULL);
	assert_int_equal(v.broken, AUDIT_MALFORMED);
	assert_int_equal(v.seq, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canonical_form_is_unambiguous),
		cmocka_unit_test(test_walk_names_the_break),
		cmocka_unit_test_setup_teardown(test_log_verifies_and_appends_in_the_transaction,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_edit_is_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deletions_are_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blob_and_nul_are_malformed, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
