/* Unit tests for supervision (schema levels 6-8) through the services: ladder steps, forms, 问责, suggestions, assessment, appeals, bulletins. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/assess_service.h"
#include "service/bulletin_service.h"
#include "service/ledger_service.h"
#include "service/report_service.h"
#include "service/status_service.h"
#include "service/supervision_service.h"
#include "store/store.h"
#include "store/store_supervision.h"
#include "util/err.h"
#include "util/fileio.h"
#include "util/xalloc.h"

#include "reports_fixture.h"

static int setup(void **state)
{
	*state = rf_open();
	return 0;
}

static int teardown(void **state)
{
	rf_close(*state);
	return 0;
}

/* SQL on a second connection, on SQLite or PostgreSQL (db_fixture.h). */
static long long sql_int(const char *db, const char *sql)
{
	return fx_sql_int(db, sql);
}

/* Run SQL; SQLITE_OK (0) when it succeeded (so that a refusal can be asserted). */
static int sql_try(const char *db, const char *sql)
{
	return fx_sql_try(db, sql) ? SQLITE_ERROR : SQLITE_OK;
}

static struct date D(int y, int m, int d)
{
	return (struct date){ y, m, d };
}

/* Issue a step; returns the result (the test fails on an error). */
static struct svc_action_issued issue(struct rf *f, struct svc_rctx rc, int64_t a, int task_no,
				      enum ladder_step step, enum ladder_ground g,
				      const char *reason)
{
	struct svc_action_input in;
	struct svc_action_issued r;
	struct err e = ERR_INIT;

	memset(&in, 0, sizeof(in));
	in.assignment_id = a;
	in.task_no = task_no;
	in.step = step;
	in.ground = g;
	in.reason = reason;
	rf_ok(svc_action_issue(f->st, &rc, &in, &r, &e), &e, "issue");
	return r;
}

/* Issuing that must fail; returns the error kind, the message in *msg. */
static enum err_kind issue_fails(struct rf *f, struct svc_rctx rc, int64_t a,
				 enum ladder_step step, enum ladder_ground g, const char *reason,
				 char *msg, size_t cap)
{
	struct svc_action_input in;
	struct svc_action_issued r;
	struct err e = ERR_INIT;

	memset(&in, 0, sizeof(in));
	in.assignment_id = a;
	in.step = step;
	in.ground = g;
	in.reason = reason;
	assert_int_equal(svc_action_issue(f->st, &rc, &in, &r, &e), -1);
	if (getenv("DEBUG_SV"))
		fprintf(stderr, "refused: %s\n", e.msg);
	if (msg)
		snprintf(msg, cap, "%s", e.msg);
	return e.kind;
}

static void get_action(struct rf *f, int64_t id, struct arena *a, struct store_action *x)
{
	struct err e = ERR_INIT;

	rf_ok(svc_action_get(f->st, 0, id, a, x, &e), &e, "get action");
}

static enum ladder_reply reply_state(struct rf *f, int64_t id, struct date on)
{
	struct arena a = ARENA_INIT;
	struct store_action x;
	struct ladder_action la;
	enum ladder_reply r;

	arena_init(&a, 0);
	get_action(f, id, &a, &x);
	svc_action_to_ladder(&x, &la);
	r = ladder_reply_state(&la, on);
	arena_release(&a);
	return r;
}

static void sign(struct rf *f, int64_t a, struct svc_rctx rc)
{
	struct err e = ERR_INIT;

	rf_ok(svc_assignment_sign(f->st, &rc, a, NULL, &e), &e, "sign");
}

/* A report with its 存在问题; returns its id. */
static int64_t submit(struct rf *f, struct svc_rctx rc, int64_t a, const char *period,
		      double percent, const char *problems)
{
	struct svc_report_input in;

	memset(&in, 0, sizeof(in));
	in.assignment_id = a;
	in.period = period;
	in.percent = percent;
	in.progress = "按计划推进";
	in.problems = problems;
	return rf_submit_input(f, rc, &in);
}

static void accept_report(struct rf *f, struct svc_rctx rc, int64_t report)
{
	struct err e = ERR_INIT;

	rf_ok(svc_report_review(f->st, &rc, report, REVIEW_ACCEPTED, NULL, &e), &e, "accept");
}

static void reply(struct rf *f, struct svc_rctx rc, int64_t action, const char *text)
{
	struct err e = ERR_INIT;

	rf_ok(svc_action_reply(f->st, &rc, action, text, &e), &e, "reply");
}

/* The assessment of 2022 as of `d` (rules file `rules` or the stored/default ones). */
static void assess(struct rf *f, struct date d, const char *rules, struct svc_assessment *a)
{
	struct svc_assess_opts o;
	struct err e = ERR_INIT;

	memset(&o, 0, sizeof(o));
	o.year = 2022;
	o.as_of = d;
	o.rules_file = rules;
	svc_assessment_init(a);
	rf_ok(svc_assess(f->st, &o, a, &e), &e, "assess");
}

static const struct assess_score *score_of(struct rf *f, const struct svc_assessment *a,
					   const char *unit)
{
	const struct assess_score *s = NULL;
	struct err e = ERR_INIT;

	rf_ok(svc_assess_find_unit(f->st, a, unit, &s, &e), &e, "find unit");
	return s;
}

static int line_cp(const struct assess_score *s, const char *key)
{
	const struct assess_line *l = assess_score_line(s, key);

	if (!l)
		fail_msg("no line %s", key);
	return l->points_cp;
}

static char *key(const char *fmt, long long id, const char *suffix)
{
	return xasprintf(fmt, id, suffix);
}

/* ---- each step, its timer, its effect on status and score ---- */

static void test_ladder_steps(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 1, "市发改委");
	struct svc_action_issued r1, r2, r3, r4, r5, r6, r7, r8;
	struct arena ar = ARENA_INIT;
	struct store_action x;
	struct svc_status before, after;
	struct svc_supervision sv;
	struct ladder_state ls;
	const struct ladder_action *h;
	struct svc_assessment as;
	const struct assess_score *sc;
	char msg[ERR_MSG_MAX], marker[128], *k;
	size_t hn;
	struct err e = ERR_INIT;

	assert_true(a > 0);
	sign(f, a, rf_on(2022, 3, 30));
	svc_status_init(&before);
	rf_ok(svc_status_compute(f->st, NULL, D(2022, 4, 30), NULL, &before, &e), &e, "status");

	/* 提醒: no ground needed, no form, no deadline. */
	r1 = issue(f, rf_on(2022, 4, 1), a, 0, STEP_REMIND, GROUND_NONE, NULL);
	assert_int_equal(r1.basis, LADDER_FREE);
	assert_string_equal(r1.form_no, "");
	assert_false(date_is_set(r1.reply_due));
	/* 催办: a ground, a numbered 催办单, the default 5 days. */
	assert_int_equal(issue_fails(f, rf_on(2022, 4, 2), a, STEP_URGE, GROUND_NONE, NULL, msg,
				     sizeof(msg)), ERR_INPUT);
	r2 = issue(f, rf_on(2022, 4, 2), a, 0, STEP_URGE, GROUND_INEFFECTIVE, NULL);
	assert_string_equal(r2.form_no, "催办〔2022〕1号");
	assert_int_equal(date_cmp(r2.reply_due, D(2022, 4, 7)), 0);
	assert_int_equal(reply_state(f, r2.id, D(2022, 4, 7)), REPLY_WAITING);
	reply(f, rf_on(2022, 4, 7), r2.id, "已加快推进");	/* on the deadline day: in time */
	assert_int_equal(reply_state(f, r2.id, D(2022, 4, 30)), REPLY_IN_TIME);
	/* 蓝色督查单: free from below; 7 days; not answered → overdue from the day after. */
	r3 = issue(f, rf_on(2022, 4, 10), a, 0, STEP_BLUE, GROUND_BEHIND, NULL);
	assert_int_equal(r3.basis, LADDER_FREE);
	assert_string_equal(r3.form_no, "督办〔2022〕1号");
	assert_int_equal(date_cmp(r3.reply_due, D(2022, 4, 17)), 0);
	assert_int_equal(reply_state(f, r3.id, D(2022, 4, 17)), REPLY_WAITING);
	assert_int_equal(reply_state(f, r3.id, D(2022, 4, 18)), REPLY_OVERDUE);
	/* 橙色: the blue one was not answered in time → TIMEOUT, no reason needed. */
	r4 = issue(f, rf_on(2022, 4, 18), a, 0, STEP_ORANGE, GROUND_BEHIND, NULL);
	assert_int_equal(r4.basis, LADDER_TIMEOUT);
	assert_string_equal(r4.form_no, "督办〔2022〕2号");
	/* 红色 before the orange deadline: only by decision, with a reason. */
	assert_int_equal(issue_fails(f, rf_on(2022, 4, 19), a, STEP_RED, GROUND_BEHIND, NULL, msg,
				     sizeof(msg)), ERR_CONFLICT);
	assert_non_null(strstr(msg, "须说明理由"));
	r5 = issue(f, rf_on(2022, 4, 19), a, 0, STEP_RED, GROUND_BEHIND, "特事特办");
	assert_int_equal(r5.basis, LADDER_DECISION);
	assert_string_equal(r5.form_no, "督办〔2022〕3号");
	r6 = issue(f, rf_on(2022, 4, 20), a, 0, STEP_ESCALATE, GROUND_BEHIND, "红色督查单未见成效");
	assert_string_equal(r6.form_no, "督办〔2022〕4号");
	r7 = issue(f, rf_on(2022, 4, 21), a, 0, STEP_INTERVIEW, GROUND_BEHIND, "约谈主要负责人");
	assert_string_equal(r7.form_no, "");
	assert_false(date_is_set(r7.reply_due));
	r8 = issue(f, rf_on(2022, 4, 22), a, 0, STEP_ACCOUNT, GROUND_BEHIND, "约谈后仍无进展");
	/* Grades never go down; a reminder is still allowed. */
	assert_int_equal(issue_fails(f, rf_on(2022, 4, 23), a, STEP_BLUE, GROUND_BEHIND, "再发",
				     msg, sizeof(msg)), ERR_CONFLICT);
	issue(f, rf_on(2022, 4, 23), a, 0, STEP_REMIND, GROUND_NONE, NULL);

	/* Stored as issued. */
	arena_init(&ar, 0);
	get_action(f, r3.id, &ar, &x);
	assert_int_equal(x.step, STEP_BLUE);
	assert_int_equal(x.ground, GROUND_BEHIND);
	assert_int_equal(x.assignment_id, a);
	assert_int_equal(x.task_no, 1);
	assert_string_equal(x.unit_name, "市发改委");
	assert_string_equal(x.issued_by, "cli:test");
	assert_null(x.reply);
	get_action(f, r2.id, &ar, &x);
	assert_string_equal(x.reply, "已加快推进");
	arena_release(&ar);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM actions"), 9);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM audit WHERE action = 'action.issue'"),
			 9);

	/* Effect on status: the colour is the work's, unchanged; the ladder is a marker beside it. */
	svc_status_init(&after);
	rf_ok(svc_status_compute(f->st, NULL, D(2022, 4, 30), NULL, &after, &e), &e, "status");
	assert_int_equal(after.nitems, before.nitems);
	for (size_t i = 0; i < after.nitems; i++) {
		assert_int_equal(after.items[i].st.rag, before.items[i].st.rag);
		assert_int_equal(after.items[i].st.schedule, before.items[i].st.schedule);
	}
	svc_status_release(&before);
	svc_status_release(&after);
	svc_supervision_init(&sv);
	rf_ok(svc_supervision_load(f->st, NULL, D(2022, 4, 18), NULL, &sv, &e), &e, "load");
	svc_supervision_task_state(&sv, 0, &ls, &h, &hn);
	assert_int_equal(ls.level, STEP_ORANGE);
	ladder_marker_short(&ls, marker, sizeof(marker));
	assert_string_equal(marker, "橙色督查单");	/* the top one is waiting */
	assert_int_equal(ls.nopen, 4);
	assert_int_equal(ls.noverdue, 1);		/* the blue one */
	svc_supervision_release(&sv);

	/* Effect on the score: every step and every unanswered notice is a line. */
	assess(f, D(2022, 4, 30), NULL, &as);
	sc = score_of(f, &as, "市发改委");
	k = key("n%lld:%s", (long long)r2.id, "step");
	assert_int_equal(line_cp(sc, k), -50);		/* 催办, 落实不力: duty */
	assert_int_equal(assess_score_line(sc, k)->part, PART_DUTY);
	free(k);
	k = key("n%lld:%s", (long long)r3.id, "step");
	assert_int_equal(line_cp(sc, k), -100);		/* blue, 进度滞后: completion */
	assert_int_equal(assess_score_line(sc, k)->part, PART_COMPLETION);
	free(k);
	k = key("n%lld:%s", (long long)r4.id, "step");
	assert_int_equal(line_cp(sc, k), -200);
	free(k);
	k = key("n%lld:%s", (long long)r5.id, "step");
	assert_int_equal(line_cp(sc, k), -300);
	free(k);
	k = key("n%lld:%s", (long long)r6.id, "step");
	assert_int_equal(line_cp(sc, k), -400);
	free(k);
	k = key("n%lld:%s", (long long)r7.id, "step");
	assert_int_equal(line_cp(sc, k), -500);
	free(k);
	k = key("n%lld:%s", (long long)r3.id, "unanswered");
	assert_int_equal(line_cp(sc, k), -100);		/* blue, no reply by 04-17 */
	free(k);
	k = key("n%lld:%s", (long long)r2.id, "unanswered");
	assert_null(assess_score_line(sc, k));		/* 催办 answered on the deadline day */
	free(k);
	(void)r8;
	svc_assessment_release(&as);
}

static void test_reply_close_once(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 3, "市财政局");
	struct svc_action_issued r;
	struct svc_supervision sv;
	struct ladder_state ls;
	const struct ladder_action *h;
	struct svc_rctx liaison = rf_on(2022, 4, 12);
	struct err e = ERR_INIT;
	size_t hn;

	r = issue(f, rf_on(2022, 4, 10), a, 0, STEP_BLUE, GROUND_BEHIND, NULL);
	/* Another unit's liaison does not see it; its own does. */
	liaison.unit_id = 999;
	assert_int_equal(svc_action_reply(f->st, &liaison, r.id, "x", &e), -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);
	/* A reply dated before the issue, or empty, is refused. */
	assert_int_equal(svc_action_reply(f->st, &(struct svc_rctx){ &rf_actor, 0, D(2022, 4, 9) },
					  r.id, "早", &e), -1);
	assert_int_equal(svc_action_reply(f->st, &(struct svc_rctx){ &rf_actor, 0, D(2022, 4, 12) },
					  r.id, "  ", &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	reply(f, rf_on(2022, 4, 12), r.id, "已整改");
	assert_int_equal(svc_action_reply(f->st, &(struct svc_rctx){ &rf_actor, 0, D(2022, 4, 13) },
					  r.id, "再次回复", &e), -1);
	/* Closing: the office's, once; a liaison may not. */
	liaison.unit_id = 5;
	assert_int_equal(svc_action_close(f->st, &liaison, r.id, NULL, &e), -1);
	assert_int_equal(e.kind, ERR_DENIED);
	rf_ok(svc_action_close(f->st, &(struct svc_rctx){ &rf_actor, 0, D(2022, 4, 14) }, r.id,
			       "回复属实", &e), &e, "close");
	assert_int_equal(svc_action_close(f->st, &(struct svc_rctx){ &rf_actor, 0, D(2022, 4, 15) },
					  r.id, NULL, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	/* Closed: no longer open, the level falls back. */
	svc_supervision_init(&sv);
	rf_ok(svc_supervision_load(f->st, NULL, D(2022, 4, 13), NULL, &sv, &e), &e, "load");
	svc_supervision_task_state(&sv, 2, &ls, &h, &hn);
	assert_int_equal(ls.level, STEP_BLUE);
	svc_supervision_release(&sv);
	svc_supervision_init(&sv);
	rf_ok(svc_supervision_load(f->st, NULL, D(2022, 4, 14), NULL, &sv, &e), &e, "load");
	svc_supervision_task_state(&sv, 2, &ls, &h, &hn);
	assert_int_equal(ls.level, STEP_NONE);
	svc_supervision_release(&sv);
	/* The database refuses rewriting. */
	assert_int_not_equal(sql_try(f->db, "UPDATE actions SET step = 'red'"), SQLITE_OK);
	assert_int_not_equal(sql_try(f->db, "DELETE FROM action_replies"), SQLITE_OK);
	assert_int_not_equal(sql_try(f->db, "DELETE FROM action_closings"), SQLITE_OK);
}

static void test_task_action_and_verified(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 3, "市财政局");
	struct svc_action_issued r;
	struct svc_action_input in;
	struct svc_assessment as;
	const struct assess_score *sc;
	struct err e = ERR_INIT;
	char *k;
	int64_t rp;

	/* On task 2 as a whole: counted for its lead unit. */
	r = issue(f, rf_on(2022, 5, 2), 0, 2, STEP_BLUE, GROUND_INEFFICIENT, NULL);
	assess(f, D(2022, 5, 31), NULL, &as);
	sc = score_of(f, &as, "市交通局");
	k = key("n%lld:%s", (long long)r.id, "step");
	assert_int_equal(line_cp(sc, k), -100);
	assert_int_equal(assess_score_line(sc, k)->part, PART_EFFICIENCY);
	free(k);
	svc_assessment_release(&as);
	/* No such task. */
	memset(&in, 0, sizeof(in));
	in.task_no = 99;
	in.step = STEP_REMIND;
	assert_int_equal(svc_action_issue(f->st, &(struct svc_rctx){ &rf_actor, 0, D(2022, 5, 2) },
					  &in, &(struct svc_action_issued){ 0 }, &e), -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);
	/* After 销号, nothing more on the assignment. */
	sign(f, a, rf_on(2022, 3, 29));
	rp = rf_submit(f, rf_on(2022, 4, 20), a, "2022-04", 100, "已完成", NULL);
	accept_report(f, rf_on(2022, 4, 21), rp);
	rf_ok(svc_assignment_verify(f->st, &(struct svc_rctx){ &rf_actor, 0, D(2022, 4, 22) }, a,
				    NULL, &e), &e, "verify");
	assert_int_equal(issue_fails(f, rf_on(2022, 4, 23), a, STEP_REMIND, GROUND_NONE, NULL, NULL,
				     0), ERR_CONFLICT);
	/* The whole of task 3 is verified too (its only unit). */
	memset(&in, 0, sizeof(in));
	in.task_no = 3;
	in.step = STEP_REMIND;
	assert_int_equal(svc_action_issue(f->st, &(struct svc_rctx){ &rf_actor, 0, D(2022, 4, 23) },
					  &in, &(struct svc_action_issued){ 0 }, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
}

/* ---- form numbers ---- */

static void test_form_numbers(void **state)
{
	struct rf *f = *state;
	int64_t a1 = rf_assignment(f, 1, "市发改委"), a2 = rf_assignment(f, 1, "市工信局"),
		a3 = rf_assignment(f, 2, "市交通局");
	struct arena ar = ARENA_INIT;
	struct ladder_form form;
	struct err e = ERR_INIT;
	bool fresh;
	int seq = 0;

	assert_string_equal(issue(f, rf_on(2022, 4, 2), a1, 0, STEP_URGE, GROUND_INEFFECTIVE, NULL)
			    .form_no, "催办〔2022〕1号");
	assert_string_equal(issue(f, rf_on(2022, 4, 2), a2, 0, STEP_URGE, GROUND_INEFFECTIVE, NULL)
			    .form_no, "催办〔2022〕2号");
	assert_string_equal(issue(f, rf_on(2022, 4, 3), a3, 0, STEP_BLUE, GROUND_BEHIND, NULL)
			    .form_no, "督办〔2022〕1号");
	assert_string_equal(issue(f, rf_on(2022, 4, 4), a2, 0, STEP_BLUE, GROUND_BEHIND, NULL)
			    .form_no, "督办〔2022〕2号");
	assert_string_equal(issue(f, rf_on(2022, 4, 5), a3, 0, STEP_URGE, GROUND_INEFFECTIVE, NULL)
			    .form_no, "催办〔2022〕3号");
	/* A new year starts from 1. */
	assert_string_equal(issue(f, rf_on(2023, 1, 5), a1, 0, STEP_BLUE, GROUND_BEHIND, NULL)
			    .form_no, "督办〔2023〕1号");
	/* A number allocated in a transaction that does not commit is given again. */
	rf_ok(store_begin(f->st, &e), &e, "begin");
	rf_ok(store_form_number_next(f->st, FORM_NOTICE, 2022, &seq, &e), &e, "next");
	assert_int_equal(seq, 3);
	store_rollback(f->st);
	rf_ok(store_begin(f->st, &e), &e, "begin");
	rf_ok(store_form_number_next(f->st, FORM_NOTICE, 2022, &seq, &e), &e, "next");
	assert_int_equal(seq, 3);
	store_rollback(f->st);
	/* A number can be used once: the database refuses a second row with it. */
	assert_int_not_equal(sql_try(f->db,
		"INSERT INTO actions (task_id, assignment_id, step, ground, basis, issued_by,"
		" issued_on, reply_due, form_kind, form_year, form_seq, recorded_at)"
		" SELECT task_id, assignment_id, step, ground, basis, issued_by, issued_on,"
		" reply_due, form_kind, form_year, form_seq, recorded_at FROM actions WHERE id = 1"),
		SQLITE_OK);
	assert_int_not_equal(sql_try(f->db, "UPDATE form_counters SET last_seq = 1"), SQLITE_OK);
	/* 交办单: numbered when first printed, the same number after. */
	arena_init(&ar, 0);
	rf_ok(svc_handover_form(f->st, &(struct svc_rctx){ &rf_actor, 0, D(2022, 4, 1) }, a1, &ar,
				&form, &fresh, &e), &e, "handover");
	assert_true(fresh);
	assert_string_equal(form.number, "交办〔2022〕1号");
	assert_string_equal(form.unit, "市发改委");
	assert_string_equal(form.office, "安康市人民政府督查室");
	rf_ok(svc_handover_form(f->st, &(struct svc_rctx){ &rf_actor, 0, D(2022, 4, 9) }, a1, &ar,
				&form, &fresh, &e), &e, "handover again");
	assert_false(fresh);
	assert_string_equal(form.number, "交办〔2022〕1号");
	rf_ok(svc_handover_form(f->st, &(struct svc_rctx){ &rf_actor, 0, D(2022, 4, 9) }, a3, &ar,
				&form, &fresh, &e), &e, "handover a3");
	assert_string_equal(form.number, "交办〔2022〕2号");
	/* An action's form carries its number, unit, deadline and ground. */
	rf_ok(svc_action_form(f->st, 3, &ar, &form, &e), &e, "form");
	assert_string_equal(form.number, "督办〔2022〕1号");
	assert_string_equal(form.unit, "市交通局");
	assert_string_equal(form.ground, "进度滞后");
	assert_string_equal(form.deadline, "2022年4月10日前");
	arena_release(&ar);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM audit"
				 " WHERE action = 'assignment.handover_form'"), 2);
}

/* ---- 问责 ---- */

static void test_accountability(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 1, "市发改委");
	struct svc_accountability_input in;
	struct store_accountability_list l;
	struct svc_action_issued r;
	struct svc_assessment as;
	const struct assess_score *sc;
	struct err e = ERR_INIT;
	int64_t id = 0;
	char *k;

	r = issue(f, rf_on(2022, 5, 10), a, 0, STEP_INTERVIEW, GROUND_SHIRKING, "推诿扯皮");
	memset(&in, 0, sizeof(in));
	in.action_id = r.id;
	in.measure = MEASURE_CRITICISM;
	in.doc_no = "安督发〔2022〕3号";
	/* Before the action was issued: refused. */
	assert_int_equal(svc_accountability_add(f->st, &(struct svc_rctx){ &rf_actor, 0,
							D(2022, 5, 9) }, &in, &id, &e), -1);
	/* 其他 needs its text; a document number is required. */
	in.measure = MEASURE_OTHER;
	assert_int_equal(svc_accountability_add(f->st, &(struct svc_rctx){ &rf_actor, 0,
							D(2022, 5, 20) }, &in, &id, &e), -1);
	in.measure = MEASURE_CRITICISM;
	in.doc_no = NULL;
	assert_int_equal(svc_accountability_add(f->st, &(struct svc_rctx){ &rf_actor, 0,
							D(2022, 5, 20) }, &in, &id, &e), -1);
	in.doc_no = "安督发〔2022〕3号";
	in.action_id = 999;
	assert_int_equal(svc_accountability_add(f->st, &(struct svc_rctx){ &rf_actor, 0,
							D(2022, 5, 20) }, &in, &id, &e), -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);
	in.action_id = r.id;
	rf_ok(svc_accountability_add(f->st, &(struct svc_rctx){ &rf_actor, 0, D(2022, 5, 20) }, &in,
				     &id, &e), &e, "accountability");
	assert_true(id > 0);
	store_accountability_list_init(&l);
	rf_ok(store_accountability_list(f->st, f->plan_id, &l, &e), &e, "list");
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].action_id, r.id);
	assert_int_equal(l.v[0].assignment_id, a);
	assert_int_equal(l.v[0].task_no, 1);
	assert_string_equal(l.v[0].unit_name, "市发改委");
	assert_int_equal(l.v[0].ground, GROUND_SHIRKING);	/* the action's */
	assert_int_equal(l.v[0].measure, MEASURE_CRITICISM);
	assert_string_equal(l.v[0].doc_no, "安督发〔2022〕3号");
	assert_int_equal(date_cmp(l.v[0].decided_on, D(2022, 5, 20)), 0);
	store_accountability_list_release(&l);
	assert_int_not_equal(sql_try(f->db, "DELETE FROM accountability"), SQLITE_OK);
	/* In the score: the record counts `accountability` (5) in 职责履行 (推诿扯皮). */
	assess(f, D(2022, 5, 31), NULL, &as);
	sc = score_of(f, &as, "市发改委");
	k = key("c%lld%s", (long long)id, "");
	assert_int_equal(line_cp(sc, k), -500);
	assert_int_equal(assess_score_line(sc, k)->part, PART_DUTY);
	free(k);
	svc_assessment_release(&as);
}

/* ---- suggestions ---- */

static bool has_suggestion(struct rf *f, struct date d, int64_t a, const char *k,
			   enum ladder_step *step)
{
	struct svc_suggestions s;
	struct err e = ERR_INIT;
	bool found = false;

	svc_suggestions_init(&s);
	rf_ok(svc_suggest(f->st, NULL, d, NULL, &s, &e), &e, "suggest");
	for (size_t i = 0; i < s.list.n; i++) {
		if (s.list.v[i].assignment_id == a && suggest_keys_contain(s.list.v[i].keys, k)) {
			found = true;
			if (step)
				*step = s.list.v[i].step;
		}
	}
	svc_suggestions_release(&s);
	return found;
}

static void test_suggestions(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 1, "市发改委"), b = rf_assignment(f, 1, "市工信局");
	struct svc_action_issued r;
	struct arena ar = ARENA_INIT;
	struct store_action x;
	struct err e = ERR_INIT;
	enum ladder_step step = STEP_NONE;
	char handle[64], *k;
	size_t n = 0;

	sign(f, a, rf_on(2022, 3, 29));
	/* A missing 2022-04 report → 催办; an unsigned assignment → 提醒. */
	assert_true(has_suggestion(f, D(2022, 4, 26), a, "report:2022-04", &step));
	assert_int_equal(step, STEP_URGE);
	assert_true(has_suggestion(f, D(2022, 4, 26), b, "sign", &step));
	assert_int_equal(step, STEP_REMIND);
	assert_false(has_suggestion(f, D(2022, 4, 25), a, "report:2022-04", NULL));
	/* Accept: the step is issued with the suggestion as its cause; not proposed again. */
	snprintf(handle, sizeof(handle), "%lld/report:2022-04", (long long)a);
	rf_ok(svc_suggest_accept(f->st, &(struct svc_rctx){ &rf_actor, 0, D(2022, 4, 26) }, NULL,
				 NULL, handle, &r, &e), &e, "accept");
	assert_string_equal(r.form_no, "催办〔2022〕1号");
	arena_init(&ar, 0);
	get_action(f, r.id, &ar, &x);
	assert_int_equal(x.step, STEP_URGE);
	assert_int_equal(x.ground, GROUND_INEFFECTIVE);
	assert_string_equal(x.cause, "report:2022-04");
	assert_non_null(strstr(x.reason, "2022-04 月报逾期未报"));
	arena_release(&ar);
	assert_false(has_suggestion(f, D(2022, 4, 27), a, "report:2022-04", NULL));
	assert_int_equal(svc_suggest_accept(f->st, &(struct svc_rctx){ &rf_actor, 0,
						    D(2022, 4, 27) }, NULL, NULL, handle, &r, &e), -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);
	/* The 催办 unanswered after its deadline (05-01) → the next step is proposed. */
	k = key("unanswered:%lld%s", (long long)r.id, "");
	assert_false(has_suggestion(f, D(2022, 5, 1), a, k, NULL));
	assert_true(has_suggestion(f, D(2022, 5, 2), a, k, &step));
	assert_int_equal(step, STEP_BLUE);
	free(k);
	/* Dismiss: recorded per key, not proposed again, not twice. */
	snprintf(handle, sizeof(handle), "%lld/sign", (long long)b);
	rf_ok(svc_suggest_dismiss(f->st, &(struct svc_rctx){ &rf_actor, 0, D(2022, 4, 26) }, NULL,
				  NULL, handle, "已电话督促", &n, &e), &e, "dismiss");
	assert_int_equal(n, 1);
	assert_false(has_suggestion(f, D(2022, 4, 28), b, "sign", NULL));
	assert_int_equal(svc_suggest_dismiss(f->st, &(struct svc_rctx){ &rf_actor, 0,
						     D(2022, 4, 28) }, NULL, NULL, handle, NULL, &n,
					     &e), -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM suggestion_dismissals"), 1);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM audit"
				 " WHERE action = 'suggestion.dismiss'"), 1);
	/* A bad handle. */
	assert_int_equal(svc_suggest_dismiss(f->st, &(struct svc_rctx){ &rf_actor, 0,
						     D(2022, 4, 28) }, NULL, NULL, "sign", NULL, &n,
					     &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	/* Nothing escalates by itself: computing suggestions stores nothing. */
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM actions"), 1);
}

/* ---- the assessment on a hand-computed case ---- */

/*
 * 市财政局, task 3 alone (lead: 2 points), handed over 2022-03-28, due 06-30;
 * D = 2022-06-30, default rules.
 *   signed 03-29 (1 day)                          nothing
 *   2022-04 report 04-20, 60% (23 days after)     nothing (on time; first report in 30 days)
 *   2022-05 report 05-27, 80% (due 05-25)         职责履行 −0.5
 *   2022-06 report 06-20, 100%, accepted 06-21,
 *     verified 06-22: completed before 06-25,
 *     so 2022-06 is not owed; 10 days early
 *     (< 30: no bonus)                            nothing
 *   period ends 04-30 (66.3% vs 60), 05-31
 *     (83.43% vs 80), 06-30 (done): never red     nothing
 *   blue notice 05-26 (进度滞后), due 06-02,
 *     replied 06-05                               任务完成情况 −1 (the step)
 *                                                 职责履行 −1 (not answered in time)
 *                                                 行政效能 −0.3 (3 days × 0.1)
 *   credit: P = 2, load = min(10, 0.5 × 2) = 1,
 *     (30 + 1) × 2/2 × 1                          任务完成情况 +31
 *  职责履行 40 − 0.5 − 1 = 38.5; 行政效能 30 − 0.3 = 29.7; 任务完成情况 31 − 1 = 30;
 *  total 98.2.
 * 市工信局, task 1 co (1 point), nothing done: not signed (−2), 2022-04/05/06
 *  missing (−6): 职责履行 32; no first report after 30 days (−1): 行政效能 29;
 *  red at the end of 04, 05 and 06 (32.88, 41.37, 49.59 points behind: −1.5),
 *  no credit: 任务完成情况 −1.5 raised to 0 by the floor; total 61.
 */
static int64_t hand_case(struct rf *f)
{
	int64_t a = rf_assignment(f, 3, "市财政局"), r6;
	struct svc_action_issued n;
	struct err e = ERR_INIT;

	sign(f, a, rf_on(2022, 3, 29));
	submit(f, rf_on(2022, 4, 20), a, "2022-04", 60, NULL);
	submit(f, rf_on(2022, 5, 27), a, "2022-05", 80, NULL);
	n = issue(f, rf_on(2022, 5, 26), a, 0, STEP_BLUE, GROUND_BEHIND, NULL);
	reply(f, rf_on(2022, 6, 5), n.id, "已加快推进");
	r6 = submit(f, rf_on(2022, 6, 20), a, "2022-06", 100, NULL);
	accept_report(f, rf_on(2022, 6, 21), r6);
	rf_ok(svc_assignment_verify(f->st, &(struct svc_rctx){ &rf_actor, 0, D(2022, 6, 22) }, a,
				    NULL, &e), &e, "verify");
	return n.id;
}

static void test_assessment_hand_computed(void **state)
{
	struct rf *f = *state;
	struct svc_assessment as;
	const struct assess_score *sc;
	int64_t n = hand_case(f);
	char *k;

	assess(f, D(2022, 6, 30), NULL, &as);
	assert_int_equal(as.rules_from, SVC_RULES_DEFAULT);
	sc = score_of(f, &as, "市财政局");
	assert_int_equal(sc->part_cp[PART_DUTY], 3850);
	assert_int_equal(sc->part_cp[PART_EFFICIENCY], 2970);
	assert_int_equal(sc->part_cp[PART_COMPLETION], 3000);
	assert_int_equal(sc->total_cp, 9820);
	assert_int_equal(sc->rank, 1);
	k = key("a%lld:%s", (long long)rf_assignment(f, 3, "市财政局"), "report:2022-05");
	assert_int_equal(line_cp(sc, k), -50);
	free(k);
	k = key("n%lld:%s", (long long)n, "reply_late");
	assert_int_equal(line_cp(sc, k), -30);
	free(k);
	k = key("a%lld:%s", (long long)rf_assignment(f, 3, "市财政局"), "credit");
	assert_int_equal(line_cp(sc, k), 3100);
	free(k);
	sc = score_of(f, &as, "市工信局");
	assert_int_equal(sc->part_cp[PART_DUTY], 3200);
	assert_int_equal(sc->part_cp[PART_EFFICIENCY], 2900);
	assert_int_equal(sc->part_cp[PART_COMPLETION], 0);
	assert_int_equal(sc->total_cp, 6100);
	svc_assessment_release(&as);
}

static void write_file(const char *path, const char *text)
{
	struct err e = ERR_INIT;

	rf_ok(fileio_write_atomic(path, text, strlen(text), &e), &e, "write");
}

static void test_rules_and_what_if(void **state)
{
	struct rf *f = *state;
	struct svc_assessment as;
	const struct assess_score *sc;
	struct strbuf sb = STRBUF_INIT;
	struct err e = ERR_INIT;
	char *path = xasprintf("%s/whatif.conf", f->dir);
	long long audit0, rules0;
	bool stored = true;

	hand_case(f);
	/* What-if: another rules file changes the score and stores nothing. */
	write_file(path, "# 迟报加重\nreport_late = 1\n");
	audit0 = sql_int(f->db, "SELECT count(*) FROM audit");
	rules0 = sql_int(f->db, "SELECT count(*) FROM assess_rules");
	assess(f, D(2022, 6, 30), path, &as);
	assert_int_equal(as.rules_from, SVC_RULES_FILE);
	sc = score_of(f, &as, "市财政局");
	assert_int_equal(sc->part_cp[PART_DUTY], 3800);
	assert_int_equal(sc->total_cp, 9770);
	svc_assessment_release(&as);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM audit"), audit0);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM assess_rules"), rules0);
	assess(f, D(2022, 6, 30), NULL, &as);
	assert_int_equal(score_of(f, &as, "市财政局")->total_cp, 9820);
	svc_assessment_release(&as);
	/* A bad rules file names the line. */
	write_file(path, "report_late = 1\nno_such_key = 2\n");
	svc_assessment_init(&as);
	assert_int_equal(svc_assess(f->st, &(struct svc_assess_opts){ 2022, NULL, D(2022, 6, 30),
							    path, NULL }, &as, &e), -1);
	assert_non_null(strstr(e.msg, "whatif.conf:2"));
	svc_assessment_release(&as);
	/* Stored rules of the year apply from then on, and are audited. */
	rf_ok(svc_assess_rules_get(f->st, 2022, &sb, &stored, &e), &e, "rules get");
	assert_false(stored);
	assert_non_null(strstr(sb.buf, "step_blue"));
	strbuf_release(&sb);
	assert_int_equal(svc_assess_rules_set(f->st, &(struct svc_rctx){ &rf_actor, 0,
							      D(2022, 1, 1) }, 2022, "step_blue = x\n",
					      "r.conf", &e), -1);
	rf_ok(svc_assess_rules_set(f->st, &(struct svc_rctx){ &rf_actor, 0, D(2022, 1, 1) }, 2022,
				   "step_blue = 2\n", "r.conf", &e), &e, "rules set");
	assess(f, D(2022, 6, 30), NULL, &as);
	assert_int_equal(as.rules_from, SVC_RULES_STORED);
	assert_int_equal(score_of(f, &as, "市财政局")->part_cp[PART_COMPLETION], 2900);
	svc_assessment_release(&as);
	rf_ok(svc_assess_rules_get(f->st, 2022, &sb, &stored, &e), &e, "rules get");
	assert_true(stored);
	assert_string_equal(sb.buf, "step_blue = 2\n");
	strbuf_release(&sb);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM audit WHERE action = 'assess.rules'"),
			 1);
	free(path);
}

static void test_appeals(void **state)
{
	struct rf *f = *state;
	int64_t n = hand_case(f), a = rf_assignment(f, 3, "市财政局"), id1 = 0, id2 = 0;
	struct svc_appeal_input in;
	struct svc_assessment as;
	const struct assess_score *sc;
	const struct assess_line *l;
	struct err e = ERR_INIT;
	struct svc_rctx rc = rf_on(2022, 7, 5);
	char *k1 = key("n%lld:%s", (long long)n, "unanswered");
	char *k2 = key("a%lld:%s", (long long)a, "report:2022-05");

	memset(&in, 0, sizeof(in));
	in.year = 2022;
	in.unit = "市财政局";
	in.reason = "回复已于 6 月 1 日以电话报告，书面材料后补";
	in.line_key = "no-such-line";
	assert_int_equal(svc_appeal_file(f->st, &rc, &in, &id1, &e), -1);
	in.line_key = "base:duty";		/* a fixed line */
	assert_int_equal(svc_appeal_file(f->st, &rc, &in, &id1, &e), -1);
	in.line_key = k1;
	rf_ok(svc_appeal_file(f->st, &rc, &in, &id1, &e), &e, "appeal 1");
	assert_int_equal(svc_appeal_file(f->st, &rc, &in, &id2, &e), -1);	/* the same line again */
	in.line_key = k2;
	in.reason = "系统故障未能按时报送";
	rf_ok(svc_appeal_file(f->st, &rc, &in, &id2, &e), &e, "appeal 2");
	/* Pending: the lines count as computed. */
	assess(f, D(2022, 6, 30), NULL, &as);
	sc = score_of(f, &as, "市财政局");
	assert_int_equal(sc->total_cp, 9820);
	assert_int_equal(assess_score_line(sc, k1)->appeal, APPEAL_PENDING);
	svc_assessment_release(&as);
	/* A liaison cannot decide; the office corrects one and upholds the other. */
	rc.unit_id = 3;
	assert_int_equal(svc_appeal_decide(f->st, &rc, id1, APPEAL_CORRECTED, 0, NULL, &e), -1);
	assert_int_equal(e.kind, ERR_DENIED);
	rc = rf_on(2022, 7, 10);
	rf_ok(svc_appeal_decide(f->st, &rc, id1, APPEAL_CORRECTED, 0, "核实属实", &e), &e,
	      "correct");
	rf_ok(svc_appeal_decide(f->st, &rc, id2, APPEAL_UPHELD, 0, "理由不成立", &e), &e, "uphold");
	assert_int_equal(svc_appeal_decide(f->st, &rc, id2, APPEAL_CORRECTED, 0, NULL, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assess(f, D(2022, 6, 30), NULL, &as);
	sc = score_of(f, &as, "市财政局");
	l = assess_score_line(sc, k1);
	assert_int_equal(l->appeal, APPEAL_CORRECTED);
	assert_int_equal(l->points_cp, 0);
	assert_int_equal(l->orig_cp, -100);
	assert_int_equal(sc->part_cp[PART_DUTY], 3950);
	assert_int_equal(sc->total_cp, 9920);
	l = assess_score_line(sc, k2);
	assert_int_equal(l->appeal, APPEAL_UPHELD);
	assert_int_equal(l->points_cp, -50);
	svc_assessment_release(&as);
	assert_int_equal(sql_int(f->db, "SELECT orig_cp FROM appeals WHERE state = 'corrected'"),
			 -100);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM audit WHERE action LIKE 'appeal.%'"),
			 4);
	assert_int_not_equal(sql_try(f->db, "UPDATE appeals SET corrected_cp = 5"), SQLITE_OK);
	free(k1);
	free(k2);
}

/* ---- bulletins ---- */

static const struct bulletin_task *find_task(const struct bulletin_task *v, size_t n, int no)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].no == no)
			return &v[i];
	return NULL;
}

static void make_bulletin(struct rf *f, struct date today, const char *period, bool issue_it,
			  struct svc_bulletin *b)
{
	struct svc_bulletin_opts o;
	struct svc_rctx rc = { &rf_actor, 0, today };
	struct err e = ERR_INIT;

	memset(&o, 0, sizeof(o));
	o.period = period;
	o.issue = issue_it;
	svc_bulletin_init(b);
	rf_ok(svc_bulletin_make(f->st, &rc, &o, b, &e), &e, "bulletin");
}

static void test_bulletin(void **state)
{
	struct rf *f = *state;
	int64_t a1 = rf_assignment(f, 1, "市发改委"), a3 = rf_assignment(f, 3, "市财政局"), r;
	struct svc_bulletin b5, b6, again;
	struct svc_bulletin_opts o;
	const struct bulletin_task *t;
	struct strbuf md = STRBUF_INIT, html = STRBUF_INIT;
	struct err e = ERR_INIT;
	bool found = false;

	/* Task 1: behind, amber at the end of May (41.37 vs 22), red at the end of June. */
	sign(f, a1, rf_on(2022, 3, 29));
	submit(f, rf_on(2022, 4, 20), a1, "2022-04", 20, "资金未到位");
	submit(f, rf_on(2022, 5, 20), a1, "2022-05", 22, NULL);	/* cause carried over */
	/* Task 3: complete and verified in May. */
	sign(f, a3, rf_on(2022, 3, 29));
	submit(f, rf_on(2022, 4, 20), a3, "2022-04", 60, "无");
	r = submit(f, rf_on(2022, 5, 20), a3, "2022-05", 100, "无");
	accept_report(f, rf_on(2022, 5, 21), r);
	rf_ok(svc_assignment_verify(f->st, &(struct svc_rctx){ &rf_actor, 0, D(2022, 5, 22) }, a3,
				    NULL, &e), &e, "verify");

	/* A preview stores nothing. */
	make_bulletin(f, D(2022, 7, 15), "2022-05", false, &b5);
	assert_int_equal(b5.issue_no, 0);
	assert_null(b5.b.issue_no);
	svc_bulletin_release(&b5);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM bulletins"), 0);

	make_bulletin(f, D(2022, 7, 15), "2022-05", true, &b5);
	assert_true(b5.issued_now);
	assert_int_equal(b5.issue_no, 1);
	assert_string_equal(b5.b.issue_no, "2022年第1期");
	assert_string_equal(b5.b.as_of, "2022年5月31日");
	assert_string_equal(b5.b.title, "2022年政府工作报告确定重点任务进展通报（2022年5月）");
	assert_string_equal(b5.b.issuer, "安康市人民政府督查室");
	assert_int_equal(b5.b.totals.total, 3);
	assert_int_equal(b5.b.totals.done, 1);
	assert_int_equal(b5.b.totals.behind, 1);
	assert_false(b5.b.has_previous);
	assert_non_null(find_task(b5.b.completed, b5.b.ncompleted, 3));
	t = find_task(b5.b.lagging, b5.b.nlagging, 1);
	assert_non_null(t);
	assert_string_equal(t->lead_unit, "市发改委");
	assert_string_equal(t->cause, "资金未到位");
	assert_int_equal(t->runs, 1);
	assert_non_null(strstr(t->reason, "已报 22%"));
	/* Units owing reports: 市工信局 (task 1) owes 2022-04 and 2022-05. */
	for (size_t i = 0; i < b5.b.nmissing; i++)
		if (!strcmp(b5.b.missing[i].unit, "市工信局")) {
			found = true;
			assert_int_equal(b5.b.missing[i].count, 2);
			assert_string_equal(b5.b.missing[i].periods, "2022-04、2022-05");
		}
	assert_true(found);
	assert_true(b5.b.nranking > 0);
	assert_int_equal(b5.b.nnotices, 0);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM bulletins"), 1);

	/* The same period is issued once. */
	memset(&o, 0, sizeof(o));
	o.period = "2022-05";
	o.issue = true;
	svc_bulletin_init(&again);
	assert_int_equal(svc_bulletin_make(f->st, &(struct svc_rctx){ &rf_actor, 0, D(2022, 7, 15) },
					   &o, &again, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	svc_bulletin_release(&again);

	/* June: a notice, task 1 turned red, still lagging with the same cause. */
	issue(f, rf_on(2022, 6, 10), a1, 0, STEP_BLUE, GROUND_BEHIND, NULL);
	make_bulletin(f, D(2022, 7, 15), "2022-06", false, &b6);
	assert_true(b6.b.has_previous);
	assert_string_equal(b6.b.previous_period, "2022-05");
	assert_int_equal(b6.b.previous.done, b5.b.totals.done);
	assert_int_equal(b6.b.previous.behind, b5.b.totals.behind);
	assert_int_equal(b6.b.previous.total, 3);
	t = find_task(b6.b.lagging, b6.b.nlagging, 1);
	assert_non_null(t);
	assert_int_equal(t->runs, 2);
	assert_true(t->cause_repeated);
	assert_non_null(find_task(b6.b.turned_red, b6.b.nturned_red, 1));
	assert_null(find_task(b6.b.turned_green, b6.b.nturned_green, 1));
	assert_int_equal(b6.b.nnotices, 1);
	assert_string_equal(b6.b.notices[0].form_no, "督办〔2022〕1号");
	assert_string_equal(b6.b.notices[0].grade, "蓝色督查单");
	assert_string_equal(b6.b.notices[0].unit, "市发改委");
	assert_int_equal(b6.b.notices[0].task_no, 1);
	/* The renderers show it. */
	bulletin_render_markdown(&b6.b, &md);
	bulletin_render_html(&b6.b, &html);
	assert_non_null(strstr(md.buf, "资金未到位"));
	assert_non_null(strstr(md.buf, "2022-05"));
	assert_non_null(strstr(html.buf, "督办〔2022〕1号"));
	strbuf_release(&md);
	strbuf_release(&html);
	svc_bulletin_release(&b5);
	svc_bulletin_release(&b6);
	/* A period that has not begun. */
	memset(&o, 0, sizeof(o));
	o.period = "2022-08";
	svc_bulletin_init(&again);
	assert_int_equal(svc_bulletin_make(f->st, &(struct svc_rctx){ &rf_actor, 0, D(2022, 7, 15) },
					   &o, &again, &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	svc_bulletin_release(&again);
}

/* ---- the ledger ---- */

static void test_ledger(void **state)
{
	struct rf *f = *state;
	int64_t a1 = rf_assignment(f, 1, "市发改委");
	struct svc_ledger l;
	struct err e = ERR_INIT;

	sign(f, a1, rf_on(2022, 3, 29));
	submit(f, rf_on(2022, 4, 20), a1, "2022-04", 20, "资金未到位");
	issue(f, rf_on(2022, 5, 2), a1, 0, STEP_ORANGE, GROUND_BEHIND, "重大事项");
	svc_ledger_init(&l);
	rf_ok(svc_ledger_build(f->st, NULL, D(2022, 5, 31), NULL, 2022, &l, &e), &e, "ledger");
	assert_int_equal(l.l.nrows, 3);
	assert_int_equal(l.l.rows[0].no, 1);
	assert_string_equal(l.l.rows[0].lead_unit, "市发改委");
	assert_string_equal(l.l.rows[0].units, "市发改委、市工信局");
	assert_string_equal(l.l.rows[0].targets, "完成投资 590 亿元\n生产总值增长 6.5%左右");
	assert_string_equal(l.l.rows[0].progress, "按计划推进");
	assert_true(l.l.rows[0].has_percent);
	assert_true(l.l.rows[0].percent == 20);
	assert_string_equal(l.l.rows[0].status, "欠进度");
	assert_int_equal(l.l.rows[0].rag, RAG_AMBER);	/* 41.37 − 20 = 21.37 */
	assert_string_equal(l.l.rows[0].level, "橙色督查单·逾期未回复");	/* due 05-07 */
	assert_string_equal(l.l.rows[1].milestones, "2022-06-30 上半年开工建设交通项目");
	assert_false(l.l.rows[1].has_percent);
	assert_string_equal(l.l.rows[1].level, "");
	assert_non_null(l.l.assessment);
	assert_true(l.l.assessment->nrows >= 5);
	assert_true(l.l.assessment->nlines > l.l.assessment->nrows);
	svc_ledger_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ladder_steps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reply_close_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_task_action_and_verified, setup, teardown),
		cmocka_unit_test_setup_teardown(test_form_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_accountability, setup, teardown),
		cmocka_unit_test_setup_teardown(test_suggestions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_assessment_hand_computed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rules_and_what_if, setup, teardown),
		cmocka_unit_test_setup_teardown(test_appeals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bulletin, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ledger, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
