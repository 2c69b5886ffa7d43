/* Concurrency on PostgreSQL: two connections (as two server instances would) writing at once stay correct. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "service/audit.h"
#include "service/directory_service.h"
#include "service/import_service.h"
#include "service/report_service.h"
#include "store/store.h"
#include "util/err.h"
#include "util/xalloc.h"

#include "db_fixture.h"
#include "store_fixture.h"

/*
 * Each test opens two stores on one database and runs the same work in two
 * threads, started together at a barrier; nothing is timed.  Without the
 * backend's serialisation the audit chain would fork (an append refused as
 * ERR_CONFLICT, or a broken chain), failures would be lost, and both
 * reviewers of one report would win.
 */

#define NTHREADS 2

static const struct svc_actor actor = { "cli:test" };

struct ctx {
	char *dir;
	char *db;
	struct store *st[NTHREADS];
	pthread_barrier_t start;
};

static int setup(void **state)
{
	struct ctx *c = xcalloc(1, sizeof(*c));
	struct err e = ERR_INIT;

	if (!fx_pg()) {
		fprintf(stderr, "test_pg_concurrency runs with DUBAN_TEST_STORE=pg only\n");
		return -1;
	}
	c->dir = fx_tmpdir();
	c->db = fx_db_new(c->dir, "conc");
	for (int i = 0; i < NTHREADS; i++) {
		if (store_open(c->db, &c->st[i], &e)) {
			fprintf(stderr, "store_open: %s\n", e.msg);
			return -1;
		}
	}
	pthread_barrier_init(&c->start, NULL, NTHREADS);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;

	for (int i = 0; i < NTHREADS; i++)
		store_close(c->st[i]);
	pthread_barrier_destroy(&c->start);
	fx_db_drop(c->db);
	free(c->db);
	fx_rmdir(c->dir);
	free(c);
	return 0;
}

struct worker {
	struct ctx *c;
	int index;
	int n;			/* how many operations */
	int64_t arg;
	/* results */
	int ok, conflicts, errors;
	char msg[ERR_MSG_MAX];
};

static void note(struct worker *w, int rc, const struct err *e)
{
	if (!rc)
		w->ok++;
	else if (e->kind == ERR_CONFLICT)
		w->conflicts++;
	else {
		w->errors++;
		snprintf(w->msg, sizeof(w->msg), "%s", e->msg);
	}
}

static void run_workers(struct ctx *c, void *(*fn)(void *), struct worker *w, int n,
			int64_t arg)
{
	pthread_t t[NTHREADS];

	for (int i = 0; i < NTHREADS; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].c = c;
		w[i].index = i;
		w[i].n = n;
		w[i].arg = arg;
		assert_int_equal(pthread_create(&t[i], NULL, fn, &w[i]), 0);
	}
	for (int i = 0; i < NTHREADS; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	for (int i = 0; i < NTHREADS; i++)
		if (w[i].errors)
			fail_msg("worker %d: %s", i, w[i].msg);
}

/* ---- the audit chain: two appenders ---- */

static void *append_entries(void *arg)
{
	struct worker *w = arg;
	struct store *st = w->c->st[w->index];

	pthread_barrier_wait(&w->c->start);
	for (int i = 0; i < w->n; i++) {
		struct err e = ERR_INIT;
		char object[32];
		int rc;

		snprintf(object, sizeof(object), "test:%d.%d", w->index, i);
		rc = store_begin(st, &e);
		if (!rc)
			rc = audit_append(st, &actor, "test.append", object, NULL, NULL, &e);
		if (!rc)
			rc = store_commit(st, &e);
		if (rc)
			store_rollback(st);
		note(w, rc, &e);
	}
	return NULL;
}

static void test_audit_two_writers(void **state)
{
	struct ctx *c = *state;
	struct worker w[NTHREADS];
	struct audit_verify v;
	struct err e = ERR_INIT;

	run_workers(c, append_entries, w, 150, 0);
	/* Every append succeeded: none was refused for a head that moved meanwhile. */
	for (int i = 0; i < NTHREADS; i++) {
		assert_int_equal(w[i].ok, 150);
		assert_int_equal(w[i].conflicts, 0);
	}
	assert_int_equal(audit_verify(c->st[0], 0, NULL, &v, &e), 0);
	assert_int_equal(v.broken, AUDIT_INTACT);
	assert_int_equal(v.nentries, 300);
	assert_int_equal(v.head_seq, 300);
	/* Entries of both writers are interleaved in one chain, times in seq order. */
	assert_int_equal(fx_sql_int(c->db, "SELECT count(*) FROM audit a JOIN audit b"
					   " ON b.seq = a.seq + 1 WHERE b.at < a.at"), 0);
	assert_int_equal(fx_sql_int(c->db, "SELECT count(DISTINCT substr(object, 1, 6))"
					   " FROM audit"), 2);
}

/* ---- throttling: failed logins from two instances ---- */

static void *add_failures(void *arg)
{
	struct worker *w = arg;
	struct store *st = w->c->st[w->index];

	pthread_barrier_wait(&w->c->start);
	for (int i = 0; i < w->n; i++) {
		struct err e = ERR_INIT;
		int rc = store_begin(st, &e);

		if (!rc)
			rc = store_login_failure_add(st, "admin", w->index ? "10.0.0.2" : "10.0.0.1",
						     1700000000 + i, 1600000000, &e);
		if (!rc)
			rc = store_commit(st, &e);
		if (rc)
			store_rollback(st);
		note(w, rc, &e);
	}
	return NULL;
}

static void test_throttle_two_writers(void **state)
{
	struct ctx *c = *state;
	struct worker w[NTHREADS];
	struct store_login_failures f;
	struct err e = ERR_INIT;

	run_workers(c, add_failures, w, 100, 0);
	assert_int_equal(store_login_failures_count(c->st[1], "admin", "10.0.0.2", 0, &f, &e), 0);
	assert_int_equal(f.by_login, 200);	/* none lost */
	assert_int_equal(f.by_address, 100);
	assert_int_equal(f.oldest_login, 1700000000);
}

/* ---- review state: two admins decide the same report at once ---- */

static const char units_csv[] =
	"单位名称,类别,简称及别名,上级单位,是否启用\n"
	"市发改委,市级部门,,,是\n"
	"市工信局,市级部门,,,是\n"
	"市交通局,市级部门,,,是\n"
	"市财政局,市级部门,,,是\n"
	"汉滨区政府,县市区政府,,,是\n"
	"安康高新区管委会,开发区管委会,,,是\n"
	"恒口示范区管委会,开发区管委会,,,是\n";
static const char groups_csv[] = "分组名称,成员单位\n各县（市、区）政府,汉滨区政府\n";

#define NREPORTS 12

struct reviews {
	int64_t report[NREPORTS];
	_Atomic int round;
};

static struct reviews rv;

/* A plan with a directory, and one report per assignment of its first tasks. */
static void reports_setup(struct store *st)
{
	struct directory_csv_input in[2] = {
		{ units_csv, sizeof(units_csv) - 1, "units.csv" },
		{ groups_csv, sizeof(groups_csv) - 1, "groups.csv" },
	};
	struct svc_directory_import dr;
	struct svc_import imp;
	struct store_assignment_list l;
	struct err e = ERR_INIT;
	struct svc_rctx rc = { &actor, 0, { 2022, 7, 5 } };

	svc_directory_import_init(&dr);
	if (svc_directory_import(st, in, 2, &actor, &dr, &e))
		fail_msg("directory: %s", e.msg);
	svc_directory_import_release(&dr);
	svc_import_init(&imp);
	plan_doc_release(&imp.doc);
	fx_doc(&imp.doc, "安政发〔2022〕5号", 2022, 20, 0);
	imp.info.format = "text";
	imp.info.encoding = "UTF-8";
	if (svc_import_store(st, &imp, SVC_IMPORT_NEW, &actor, &e))
		fail_msg("import: %s", e.msg);
	store_assignment_list_init(&l);
	if (store_assignments_list(st, &(struct store_assignment_filter){ .plan_id = imp.plan_id },
				   &l, &e))
		fail_msg("list: %s", e.msg);
	assert_true(l.n >= NREPORTS);
	for (int i = 0; i < NREPORTS; i++) {
		struct svc_report_input ri = { .assignment_id = l.v[i].a.id, .period = "2022-06",
					       .percent = 40, .progress = "按计划推进" };
		struct svc_report_result res;

		svc_report_result_init(&res);
		if (svc_report_submit(st, &rc, &ri, &res, &e))
			fail_msg("submit: %s", e.msg);
		rv.report[i] = res.report_id;
		svc_report_result_release(&res);
	}
	store_assignment_list_release(&l);
	svc_import_release(&imp);
}

static void *review_reports(void *arg)
{
	struct worker *w = arg;
	struct store *st = w->c->st[w->index];
	struct svc_rctx rc = { &actor, 0, { 2022, 7, 10 } };

	for (int i = 0; i < NREPORTS; i++) {
		struct err e = ERR_INIT;
		int r;

		/* Both start each report together; one accepts, the other returns. */
		pthread_barrier_wait(&w->c->start);
		if (w->index)
			r = svc_report_review(st, &rc, rv.report[i], REVIEW_RETURNED, "数据不实", &e);
		else
			r = svc_report_review(st, &rc, rv.report[i], REVIEW_ACCEPTED, NULL, &e);
		note(w, r, &e);
	}
	return NULL;
}

static void test_review_race(void **state)
{
	struct ctx *c = *state;
	struct worker w[NTHREADS];
	struct audit_verify v;
	struct err e = ERR_INIT;

	reports_setup(c->st[0]);
	run_workers(c, review_reports, w, NREPORTS, 0);
	/* For every report exactly one decision won; the other was told of the conflict. */
	assert_int_equal(w[0].ok + w[1].ok, NREPORTS);
	assert_int_equal(w[0].conflicts + w[1].conflicts, NREPORTS);
	assert_int_equal(fx_sql_int(c->db, "SELECT count(*) FROM reviews"), NREPORTS);
	assert_int_equal(fx_sql_int(c->db, "SELECT count(*) FROM audit WHERE action IN"
					   " ('report.accept', 'report.return')"), NREPORTS);
	assert_int_equal(audit_verify(c->st[1], 0, NULL, &v, &e), 0);
	assert_int_equal(v.broken, AUDIT_INTACT);
}

/* ---- an account edited by two admins from the same version ---- */

static void *update_user(void *arg)
{
	struct worker *w = arg;
	struct store *st = w->c->st[w->index];
	struct store_user u = { .id = w->arg, .login = "leader", .role = USER_LEADER,
				.pw_hash = "x" };
	struct err e = ERR_INIT;
	int rc;

	u.name = w->index ? "乙改的名字" : "甲改的名字";
	pthread_barrier_wait(&w->c->start);
	rc = store_begin(st, &e);
	if (!rc)
		rc = store_user_update(st, &u, 1, &e);
	if (!rc)
		rc = store_commit(st, &e);
	if (rc)
		store_rollback(st);
	note(w, rc, &e);
	return NULL;
}

static void test_user_update_race(void **state)
{
	struct ctx *c = *state;
	struct worker w[NTHREADS];
	struct store_user u = { .login = "leader", .name = "领导", .role = USER_LEADER,
				.pw_hash = "x" };
	struct err e = ERR_INIT;
	int64_t id;

	assert_int_equal(store_begin(c->st[0], &e), 0);
	assert_int_equal(store_user_insert(c->st[0], &u, &id, &e), 0);
	assert_int_equal(store_commit(c->st[0], &e), 0);
	run_workers(c, update_user, w, 1, id);
	assert_int_equal(w[0].ok + w[1].ok, 1);
	assert_int_equal(w[0].conflicts + w[1].conflicts, 1);
	assert_int_equal(fx_sql_int(c->db, "SELECT version FROM users"), 2);
}

/* ---- readers do not wait for a writer ---- */

static void test_readers_do_not_wait(void **state)
{
	struct ctx *c = *state;
	struct store_plan_list l;
	struct err e = ERR_INIT;
	int64_t seq;
	char hash[65];

	assert_int_equal(store_begin(c->st[0], &e), 0);
	assert_int_equal(audit_append(c->st[0], &actor, "test.hold", "x", NULL, NULL, &e), 0);
	/* The writer holds the write lock and the audit head; another connection reads. */
	store_plan_list_init(&l);
	assert_int_equal(store_plan_list(c->st[1], &l, &e), 0);
	store_plan_list_release(&l);
	assert_int_equal(store_audit_head(c->st[1], &seq, hash, &e), 0);
	assert_int_equal(seq, 0);	/* not yet committed */
	assert_int_equal(store_commit(c->st[0], &e), 0);
	assert_int_equal(store_audit_head(c->st[1], &seq, hash, &e), 0);
	assert_int_equal(seq, 1);
}

/* A transaction that failed in the database cannot be committed as if it had not. */
static void test_failed_transaction_not_committed(void **state)
{
	struct ctx *c = *state;
	struct store_user u = { .login = "dup", .name = "", .role = USER_LEADER, .pw_hash = "x" };
	struct err e = ERR_INIT;
	int64_t id;

	assert_int_equal(store_begin(c->st[0], &e), 0);
	assert_int_equal(store_user_insert(c->st[0], &u, &id, &e), 0);
	assert_int_equal(store_user_insert(c->st[0], &u, &id, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_int_equal(store_commit(c->st[0], &e), -1);
	assert_int_equal(e.kind, ERR_STORE);
	store_rollback(c->st[0]);
	assert_int_equal(fx_sql_int(c->db, "SELECT count(*) FROM users"), 0);
	/* The connection is usable afterwards. */
	assert_int_equal(store_begin(c->st[0], &e), 0);
	assert_int_equal(store_user_insert(c->st[0], &u, &id, &e), 0);
	assert_int_equal(store_commit(c->st[0], &e), 0);
}

/* The server ends every connection of the database (a restart, an administrator). */
static void kill_connections(struct ctx *c)
{
	fx_sql_exec(c->db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
			   " WHERE datname = current_database() AND pid <> pg_backend_pid()");
}

/* A lost connection is made again outside a transaction; inside one, the loss is reported. */
static void test_reconnect(void **state)
{
	struct ctx *c = *state;
	struct store_plan_list l;
	struct plan_doc doc;
	struct svc_import imp;
	struct err e = ERR_INIT;
	int64_t seq;
	char hash[65];

	svc_import_init(&imp);
	plan_doc_release(&imp.doc);
	fx_doc(&imp.doc, "安政发〔2022〕5号", 2022, 5, 0);
	imp.info.format = "text";
	imp.info.encoding = "UTF-8";
	assert_int_equal(svc_import_store(c->st[0], &imp, SVC_IMPORT_NEW, &actor, &e), 0);
	kill_connections(c);
	/* A single read, a batched read and a write transaction each go through. */
	store_plan_list_init(&l);
	assert_int_equal(store_plan_list(c->st[0], &l, &e), 0);
	assert_int_equal(l.n, 1);
	store_plan_list_release(&l);
	kill_connections(c);
	plan_doc_init(&doc);
	assert_int_equal(store_plan_load(c->st[0], imp.plan_id, &doc, &e), 0);
	assert_int_equal(doc.ntasks, 5);
	plan_doc_release(&doc);
	kill_connections(c);
	assert_int_equal(store_begin(c->st[1], &e), 0);
	assert_int_equal(audit_append(c->st[1], &actor, "test.after", "x", NULL, NULL, &e), 0);
	assert_int_equal(store_commit(c->st[1], &e), 0);
	/* Lost in the middle of a transaction: an error naming the lost connection. */
	assert_int_equal(store_begin(c->st[0], &e), 0);
	kill_connections(c);
	assert_int_equal(store_audit_head(c->st[0], &seq, hash, &e), -1);
	assert_int_equal(e.kind, ERR_STORE);
	assert_non_null(strstr(e.msg, "连接已断开"));
	store_rollback(c->st[0]);
	assert_int_equal(store_audit_head(c->st[0], &seq, hash, &e), 0);
	assert_int_equal(seq, 2);
	svc_import_release(&imp);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_audit_two_writers),
		T(test_throttle_two_writers),
		T(test_review_race),
		T(test_user_update_race),
		T(test_readers_do_not_wait),
		T(test_failed_transaction_not_committed),
		T(test_reconnect),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
