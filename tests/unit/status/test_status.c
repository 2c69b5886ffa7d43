/* Unit tests for src/domain/status: the status engine on hand-built timelines. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "domain/assignment.h"
#include "domain/period.h"
#include "domain/status.h"
#include "util/date.h"
#include "util/err.h"

static struct date D(const char *s)
{
	struct date d = DATE_NONE;
	struct err e = ERR_INIT;

	if (date_parse_iso(s, &d, "test", &e))
		fail_msg("bad test date %s", s);
	return d;
}

static struct period P(const char *s)
{
	struct period p = PERIOD_NONE;
	struct err e = ERR_INIT;

	if (period_parse(s, &p, "test", &e))
		fail_msg("bad test period %s", s);
	return p;
}

/* A hand-built timeline: one assignment, its calendar and config. */
struct tl {
	struct assignment_facts f;
	struct report_fact reports[32];
	struct extension ext[4];
	struct milestone_fact ms[8];
	struct calendar cal;
	struct status_config cfg;
	struct status st;
	struct status_why why;
};

static struct tl *tl_new(const char *start, const char *due)
{
	struct tl *t = test_calloc(1, sizeof(*t));

	status_config_default(&t->cfg);
	t->cal.cadence = CADENCE_MONTHLY;
	t->cal.due_day = 25;
	t->cal.first = P("2022-01");
	t->f.role = ROLE_LEAD;
	t->f.handed_over = D(start);
	t->f.signed_at = D(start);
	t->f.start = D(start);
	t->f.due = D(due);
	t->f.reports = t->reports;
	t->f.extensions = t->ext;
	t->f.milestones = t->ms;
	return t;
}

/* The 100-day window 2022-01-01 .. 2022-04-10: on day k, 序时进度 is exactly k%. */
static struct tl *tl_100(void)
{
	return tl_new("2022-01-01", "2022-04-10");
}

static struct date day_k(int k)
{
	return date_from_days(date_to_days(D("2022-01-01")) + k - 1);
}

static struct report_fact *rep(struct tl *t, const char *period, int version,
			       const char *submitted, double pct)
{
	struct report_fact *r = &t->reports[t->f.nreports++];

	r->period = P(period);
	r->version = version;
	r->submitted_at = D(submitted);
	r->percent = pct;
	r->review = REVIEW_PENDING;
	return r;
}

static void review(struct report_fact *r, enum review_state state, const char *at)
{
	r->review = state;
	r->reviewed_at = D(at);
}

static struct extension *ext(struct tl *t, const char *requested, const char *new_due,
			     enum extension_state state, const char *decided)
{
	struct extension *x = &t->ext[t->f.nextensions++];

	x->requested_at = D(requested);
	x->new_due = D(new_due);
	x->state = state;
	x->decided_at = decided ? D(decided) : DATE_NONE;
	return x;
}

static void ms(struct tl *t, const char *due, double expected)
{
	t->ms[t->f.nmilestones].due = D(due);
	t->ms[t->f.nmilestones].expected = expected;
	t->f.nmilestones++;
}

static void assess_on(struct tl *t, struct date as_of)
{
	struct err e = ERR_INIT;
	struct status plain;

	if (assignment_facts_check(&t->f, &t->cal, &e))
		fail_msg("facts rejected: %s", e.msg);
	status_assess(&t->f, &t->cal, &t->cfg, as_of, &t->st, &t->why);
	/* reasons or not, the judgement is the same */
	status_assess(&t->f, &t->cal, &t->cfg, as_of, &plain, NULL);
	assert_memory_equal(&plain, &t->st, sizeof(plain));
}

static void assess(struct tl *t, const char *as_of)
{
	assess_on(t, D(as_of));
}

/* ---- 序时进度 ---- */

static void test_linear_expected(void **state)
{
	struct tl *t = tl_100();

	(void)state;
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, D("2021-12-31")), 0);
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, day_k(1)), 100);
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, day_k(50)), 5000);
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, day_k(99)), 9900);
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, D("2022-04-10")), 10000);
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, D("2023-01-01")), 10000);
	assess_on(t, day_k(50));
	assert_int_equal(t->st.basis, BASIS_LINEAR);
	assert_int_equal(t->st.expected_cp, 5000);
	test_free(t);

	/* the documented example: a calendar year, end of November = 91.51% */
	t = tl_new("2022-01-01", "2022-12-31");
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, D("2022-11-30")), 9151);
	test_free(t);
}

static void test_leap_year(void **state)
{
	struct tl *t = tl_new("2024-01-01", "2024-12-31");

	(void)state;
	/* 366 days: 2024-02-29 is day 60 */
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, D("2024-02-29")), 1639);
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, D("2024-12-30")), 9973);
	t->cal.first = P("2024-01");
	t->cal.due_day = 30;
	/* the 2024-02 report is due on the 29th (clamped), overdue from 03-01 */
	rep(t, "2024-01", 1, "2024-01-20", 10);
	assess(t, "2024-02-29");
	assert_false(t->st.flags & FLAG_REPORT_OVERDUE);
	assess(t, "2024-03-01");
	assert_true(t->st.flags & FLAG_REPORT_OVERDUE);
	assert_string_equal(t->why.flag[1], "2024-02 月报逾期未报（应于 2024-02-29 前报送）");
	test_free(t);
}

/* ---- RAG and schedule boundaries ---- */

static void judge_at_50(double pct, enum rag *rag, enum schedule *sc, int *gap)
{
	struct tl *t = tl_100();

	rep(t, "2022-01", 1, "2022-01-20", pct);
	assess_on(t, day_k(50));
	assert_int_equal(t->st.expected_cp, 5000);
	*rag = t->st.rag;
	*sc = t->st.schedule;
	*gap = t->st.gap_cp;
	test_free(t);
}

static void test_rag_boundaries(void **state)
{
	enum rag rag;
	enum schedule sc;
	int gap;

	(void)state;
	judge_at_50(40, &rag, &sc, &gap);	/* exactly 10 behind */
	assert_int_equal(gap, 1000);
	assert_int_equal(rag, RAG_AMBER);
	judge_at_50(40.01, &rag, &sc, &gap);	/* 9.99 behind */
	assert_int_equal(gap, 999);
	assert_int_equal(rag, RAG_GREEN);
	judge_at_50(25, &rag, &sc, &gap);	/* exactly 25 behind */
	assert_int_equal(rag, RAG_RED);
	judge_at_50(25.01, &rag, &sc, &gap);	/* 24.99 behind */
	assert_int_equal(rag, RAG_AMBER);
	judge_at_50(90, &rag, &sc, &gap);
	assert_int_equal(rag, RAG_GREEN);
}

static void test_schedule_boundaries(void **state)
{
	enum rag rag;
	enum schedule sc;
	int gap;
	struct tl *t;

	(void)state;
	judge_at_50(55, &rag, &sc, &gap);	/* exactly 5 ahead */
	assert_int_equal(sc, SCHED_AHEAD);
	judge_at_50(54.99, &rag, &sc, &gap);
	assert_int_equal(sc, SCHED_ON);
	judge_at_50(50, &rag, &sc, &gap);
	assert_int_equal(sc, SCHED_ON);
	judge_at_50(45.01, &rag, &sc, &gap);	/* 4.99 behind */
	assert_int_equal(sc, SCHED_ON);
	judge_at_50(45, &rag, &sc, &gap);	/* exactly 5 behind */
	assert_int_equal(sc, SCHED_BEHIND);
	assert_int_equal(rag, RAG_GREEN);	/* behind, but not yet amber */

	/* behind_margin 0: any shortfall is 欠进度, none is not */
	t = tl_100();
	t->cfg.behind_margin_cp = 0;
	rep(t, "2022-01", 1, "2022-01-20", 49.99);
	assess_on(t, day_k(50));
	assert_int_equal(t->st.schedule, SCHED_BEHIND);
	t->reports[0].percent = 50;
	assess_on(t, day_k(50));
	assert_int_equal(t->st.schedule, SCHED_ON);
	assert_string_equal(t->why.schedule,
			    "序时进度 50%，已报 50%（2022-01 月报），与序时进度持平");
	test_free(t);

	/* within the margin, the reason says why it still counts as on track */
	t = tl_100();
	rep(t, "2022-01", 1, "2022-01-20", 47);
	assess_on(t, day_k(50));
	assert_int_equal(t->st.schedule, SCHED_ON);
	assert_string_equal(t->why.schedule, "序时进度 50%，已报 47%（2022-01 月报），落后 3 个百分点"
					     "（不足 5 个百分点，视为达进度）");
	assert_string_equal(t->why.rag, "落后序时进度 3 个百分点，未到黄色界限 10");
	test_free(t);
}

static void test_reason_words(void **state)
{
	struct tl *t = tl_100();

	(void)state;
	rep(t, "2022-01", 1, "2022-01-20", 30);
	assess_on(t, day_k(58));	/* 2022-02-27 */
	assert_int_equal(t->st.expected_cp, 5800);
	assert_int_equal(t->st.reported_cp, 3000);
	assert_int_equal(t->st.gap_cp, 2800);
	assert_int_equal(t->st.schedule, SCHED_BEHIND);
	assert_int_equal(t->st.rag, RAG_RED);
	assert_string_equal(t->why.schedule, "序时进度 58%，已报 30%（2022-01 月报），落后 28 个百分点");
	assert_string_equal(t->why.rag, "落后序时进度 28 个百分点（红色界限 25）");
	assert_string_equal(t->why.lifecycle, "已于 2022-01-01 签收");
	assert_true(t->st.flags & FLAG_REPORT_OVERDUE);
	assert_string_equal(t->why.flag[1], "2022-02 月报逾期未报（应于 2022-02-25 前报送）");
	assert_string_equal(t->why.self, "单位未作自评");
	/* non-integral figures keep their decimals */
	t->reports[0].percent = 30.5;
	assess_on(t, day_k(58));
	assert_string_equal(t->why.schedule,
			    "序时进度 58%，已报 30.5%（2022-01 月报），落后 27.5 个百分点");
	test_free(t);
}

static void test_no_report_counts_as_zero(void **state)
{
	struct tl *t = tl_100();

	(void)state;
	assess_on(t, day_k(20));
	assert_int_equal(t->st.reported_cp, -1);
	assert_int_equal(t->st.gap_cp, 2000);
	assert_int_equal(t->st.rag, RAG_AMBER);
	assert_string_equal(t->why.schedule, "序时进度 20%，尚无有效报告（按 0% 计），落后 20 个百分点");
	assert_string_equal(t->why.self, "尚无有效报告，无自评");
	test_free(t);
}

/* ---- due date, past due, extensions ---- */

static void test_past_due(void **state)
{
	struct tl *t = tl_100();

	(void)state;
	rep(t, "2022-03", 1, "2022-03-20", 90);
	assess(t, "2022-04-10");	/* the due day itself */
	assert_int_equal(t->st.expected_cp, 10000);
	assert_false(t->st.flags & FLAG_PAST_DUE);
	assert_int_equal(t->st.rag, RAG_AMBER);
	assess(t, "2022-04-11");	/* the day after */
	assert_true(t->st.flags & FLAG_PAST_DUE);
	assert_int_equal(t->st.rag, RAG_RED);
	assert_string_equal(t->why.flag[2], "完成时限 2022-04-10 已过，已报 90%，尚未完成");
	assert_string_equal(t->why.rag, "已过完成时限 2022-04-10，已报 90%");
	test_free(t);
}

static void test_extension(void **state)
{
	struct tl *t = tl_100();
	struct extension *x;

	(void)state;
	rep(t, "2022-03", 1, "2022-03-20", 90);
	x = ext(t, "2022-04-01", "2022-05-20", EXT_APPROVED, "2022-04-05");
	assess(t, "2022-04-11");
	assert_int_equal(t->st.due.m, 5);
	assert_int_equal(t->st.due.d, 20);
	assert_int_equal(t->st.orig_due.m, 4);
	assert_int_equal(t->st.orig_due.d, 10);
	assert_false(t->st.flags & FLAG_PAST_DUE);
	/* linear to the new date: day 101 of 140 */
	assert_int_equal(t->st.expected_cp, 7214);
	assert_int_equal(t->st.rag, RAG_GREEN);
	/* before the approval the original date stood */
	assess(t, "2022-04-04");
	assert_int_equal(t->st.due.m, 4);
	assert_true(t->st.ext_pending);
	/* the new date passes too */
	assess(t, "2022-05-21");
	assert_true(t->st.flags & FLAG_PAST_DUE);
	assert_string_equal(t->why.flag[2], "完成时限 2022-05-20 已过（已批准延期，原定 2022-04-10），"
					    "已报 90%，尚未完成");

	/* approved only after as_of: ignored, and still pending then */
	x->decided_at = D("2022-04-15");
	assess(t, "2022-04-11");
	assert_true(t->st.flags & FLAG_PAST_DUE);
	assert_true(t->st.ext_pending);
	assert_string_equal(t->why.flag[2], "完成时限 2022-04-10 已过，已报 90%，尚未完成；"
					    "延期申请（至 2022-05-20）待审批");
	/* refused: nothing changes, nothing pending */
	x->state = EXT_REFUSED;
	x->decided_at = D("2022-04-05");
	assess(t, "2022-04-11");
	assert_true(t->st.flags & FLAG_PAST_DUE);
	assert_false(t->st.ext_pending);
	/* two approvals: the one decided last is in force */
	x->state = EXT_APPROVED;
	ext(t, "2022-05-10", "2022-06-30", EXT_APPROVED, "2022-05-15");
	assess(t, "2022-05-14");
	assert_int_equal(t->st.due.m, 5);
	assess(t, "2022-05-15");
	assert_int_equal(t->st.due.m, 6);
	test_free(t);
}

/* ---- which report counts ---- */

static void test_report_after_as_of_ignored(void **state)
{
	struct tl *t = tl_100();

	(void)state;
	rep(t, "2022-01", 1, "2022-01-20", 20);
	rep(t, "2022-02", 1, "2022-02-26", 50);	/* one day late */
	assess(t, "2022-02-25");
	assert_int_equal(t->st.reported_cp, 2000);
	assert_int_equal(t->st.period.n, 1);
	assert_false(t->st.flags & FLAG_REPORT_OVERDUE);	/* due day itself */
	assess(t, "2022-02-26");
	assert_int_equal(t->st.reported_cp, 5000);
	assert_int_equal(t->st.period.n, 2);
	assert_false(t->st.flags & FLAG_REPORT_OVERDUE);
	assert_int_equal(t->st.missing_reports, 0);
	test_free(t);
}

static void test_returned_and_resubmitted(void **state)
{
	struct tl *t = tl_100();
	struct report_fact *r;

	(void)state;
	rep(t, "2022-01", 1, "2022-01-20", 30);
	r = rep(t, "2022-02", 1, "2022-02-20", 50);
	review(r, REVIEW_RETURNED, "2022-02-22");
	/* pending review counts */
	assess(t, "2022-02-21");
	assert_int_equal(t->st.reported_cp, 5000);
	/* returned: the period no longer counts; the previous period stands */
	assess(t, "2022-02-22");
	assert_int_equal(t->st.reported_cp, 3000);
	assert_int_equal(t->st.period.n, 1);
	assess(t, "2022-02-26");
	assert_true(t->st.flags & FLAG_REPORT_OVERDUE);
	assert_string_equal(t->why.flag[1],
			    "2022-02 月报被退办后未重报（应于 2022-02-25 前报送）");
	/* resubmission */
	rep(t, "2022-02", 2, "2022-02-27", 55);
	assess(t, "2022-02-27");
	assert_int_equal(t->st.reported_cp, 5500);
	assert_false(t->st.flags & FLAG_REPORT_OVERDUE);
	assert_int_equal(t->st.missing_reports, 0);
	test_free(t);
}

static void test_returned_revision_not_replaced_by_accepted_one(void **state)
{
	struct tl *t = tl_100();
	struct report_fact *r;

	(void)state;
	rep(t, "2022-01", 1, "2022-01-20", 30);
	r = rep(t, "2022-02", 1, "2022-02-10", 50);
	review(r, REVIEW_ACCEPTED, "2022-02-11");
	r = rep(t, "2022-02", 2, "2022-02-15", 60);
	review(r, REVIEW_RETURNED, "2022-02-18");
	assess(t, "2022-02-14");
	assert_int_equal(t->st.reported_cp, 5000);
	assess(t, "2022-02-16");
	assert_int_equal(t->st.reported_cp, 6000);	/* latest version, pending */
	assess(t, "2022-02-18");
	assert_int_equal(t->st.reported_cp, 3000);	/* v2 returned: 2022-02 has none */
	test_free(t);
}

static void test_missing_reports_counted(void **state)
{
	struct tl *t = tl_new("2022-01-01", "2022-12-31");

	(void)state;
	rep(t, "2022-02", 1, "2022-02-20", 10);
	assess(t, "2022-04-26");	/* owed 01..04; 01, 03, 04 missing */
	assert_int_equal(t->st.missing_reports, 3);
	assert_true(t->st.flags & FLAG_REPORT_OVERDUE);
	assert_string_equal(t->why.flag[1],
			    "2022-04 月报逾期未报（应于 2022-04-25 前报送）；累计 3 期未报");
	/* the latest period reported: no flag, the gaps still counted */
	rep(t, "2022-04", 1, "2022-04-27", 20);
	assess(t, "2022-04-27");
	assert_false(t->st.flags & FLAG_REPORT_OVERDUE);
	assert_int_equal(t->st.missing_reports, 2);
	assert_int_equal(t->st.overdue_period.n, 3);
	test_free(t);
}

static void test_report_owed_from_hand_over_and_grace(void **state)
{
	struct tl *t = tl_new("2022-03-28", "2022-12-31");

	(void)state;
	/* handed over after March's due day: the first report owed is April's */
	assess(t, "2022-04-25");
	assert_false(t->st.flags & FLAG_REPORT_OVERDUE);
	assert_int_equal(t->st.missing_reports, 0);
	assess(t, "2022-04-26");
	assert_true(t->st.flags & FLAG_REPORT_OVERDUE);
	assert_int_equal(t->st.missing_reports, 1);
	t->cfg.report_grace_days = 2;
	assess(t, "2022-04-27");
	assert_false(t->st.flags & FLAG_REPORT_OVERDUE);
	assess(t, "2022-04-28");
	assert_true(t->st.flags & FLAG_REPORT_OVERDUE);
	test_free(t);
}

/* ---- hand-over, sign-for, disputes, lifecycle ---- */

static void test_sign_for(void **state)
{
	struct tl *t = tl_new("2022-03-28", "2022-12-31");

	(void)state;
	t->f.signed_at = DATE_NONE;
	assess(t, "2022-03-31");	/* the 3rd day after hand-over */
	assert_int_equal(t->st.lifecycle, LC_PENDING_SIGN);
	assert_false(t->st.flags & FLAG_SIGN_OVERDUE);
	assert_string_equal(t->why.lifecycle, "2022-03-28 交办，尚未签收");
	assess(t, "2022-04-01");
	assert_true(t->st.flags & FLAG_SIGN_OVERDUE);
	assert_string_equal(t->why.flag[0], "2022-03-28 交办，应于 2022-03-31 前签收，至今未签收");

	t->f.signed_at = D("2022-04-02");
	assess(t, "2022-04-01");	/* what was known then */
	assert_int_equal(t->st.lifecycle, LC_PENDING_SIGN);
	assert_true(t->st.flags & FLAG_SIGN_OVERDUE);
	assess(t, "2022-04-02");
	assert_int_equal(t->st.lifecycle, LC_IN_PROGRESS);
	assert_false(t->st.flags & FLAG_SIGN_OVERDUE);
	assert_string_equal(t->why.lifecycle, "已于 2022-04-02 签收");

	t->cfg.sign_days = 0;
	t->f.signed_at = DATE_NONE;
	assess(t, "2022-03-28");
	assert_false(t->st.flags & FLAG_SIGN_OVERDUE);
	assess(t, "2022-03-29");
	assert_true(t->st.flags & FLAG_SIGN_OVERDUE);
	test_free(t);
}

static void test_dispute(void **state)
{
	struct tl *t = tl_new("2022-03-28", "2022-12-31");
	struct task_status ts;
	struct unit_summary us;

	(void)state;
	t->f.signed_at = DATE_NONE;
	t->f.dispute.state = DISPUTE_OPEN;
	t->f.dispute.raised_at = D("2022-03-30");
	assess(t, "2022-04-05");
	assert_int_equal(t->st.lifecycle, LC_PENDING_SIGN);
	assert_false(t->st.flags & FLAG_SIGN_OVERDUE);	/* suspended while open */
	assert_string_equal(t->why.lifecycle, "2022-03-30 退回（认为非本单位职责），待督查室确认或改派");
	assess(t, "2022-03-29");	/* before the dispute existed */
	assert_string_equal(t->why.lifecycle, "2022-03-28 交办，尚未签收");

	/* rejected: sign_days count again from the decision */
	t->f.dispute.state = DISPUTE_REJECTED;
	t->f.dispute.decided_at = D("2022-04-06");
	assess(t, "2022-04-05");	/* not decided yet: still open */
	assert_false(t->st.flags & FLAG_SIGN_OVERDUE);
	assess(t, "2022-04-09");
	assert_false(t->st.flags & FLAG_SIGN_OVERDUE);
	assess(t, "2022-04-10");
	assert_true(t->st.flags & FLAG_SIGN_OVERDUE);
	assert_string_equal(t->why.flag[0],
			    "2022-04-06 确认由本单位承办，应于 2022-04-09 前签收，至今未签收");

	/* upheld: the unit is released */
	t->f.dispute.state = DISPUTE_UPHELD;
	assess(t, "2022-04-05");
	assert_int_equal(t->st.lifecycle, LC_PENDING_SIGN);
	assess(t, "2022-05-10");
	assert_int_equal(t->st.lifecycle, LC_WITHDRAWN);
	assert_int_equal(t->st.rag, RAG_NONE);
	assert_int_equal(t->st.flags, 0);
	assert_string_equal(t->why.lifecycle, "2022-03-30 退回，督查室于 2022-04-06 确认改派");
	assert_string_equal(t->why.rag, "");
	task_status_init(&ts);
	task_status_add(&ts, &t->st, ROLE_LEAD, 0);
	assert_int_equal(ts.n, 0);
	assert_int_equal(ts.n_withdrawn, 1);
	unit_summary_init(&us);
	unit_summary_add(&us, &t->st, ROLE_LEAD);
	assert_int_equal(us.n, 0);
	assert_int_equal(us.n_withdrawn, 1);
	test_free(t);
}

static void test_lifecycle_over_time(void **state)
{
	struct tl *t = tl_new("2022-03-28", "2022-12-31");
	struct report_fact *r;

	(void)state;
	t->f.signed_at = D("2022-03-29");
	rep(t, "2022-04", 1, "2022-04-20", 40);
	r = rep(t, "2022-11", 1, "2022-11-20", 100);
	t->f.verified_at = D("2022-12-05");
	assess(t, "2022-03-27");
	assert_int_equal(t->st.lifecycle, LC_NOT_ISSUED);
	assert_int_equal(t->st.rag, RAG_NONE);
	assert_int_equal(t->st.schedule, SCHED_NONE);
	assert_string_equal(t->why.lifecycle, "尚未交办（交办日期 2022-03-28）");
	assess(t, "2022-03-28");
	assert_int_equal(t->st.lifecycle, LC_PENDING_SIGN);
	assess(t, "2022-04-30");
	assert_int_equal(t->st.lifecycle, LC_IN_PROGRESS);
	assess(t, "2022-11-20");
	assert_int_equal(t->st.lifecycle, LC_DONE);
	assert_int_equal(t->st.schedule, SCHED_DONE);
	assert_int_equal(t->st.rag, RAG_GREEN);
	assert_int_equal(t->st.flags, 0);
	assert_string_equal(t->why.lifecycle, "2022-11 月报称已完成 100%，待核验销号");
	assert_string_equal(t->why.schedule, "已完成（2022-11 月报报 100%）");
	assess(t, "2022-12-05");
	assert_int_equal(t->st.lifecycle, LC_VERIFIED);
	assert_string_equal(t->why.lifecycle, "已于 2022-12-05 核验销号");
	/* a returned 100% report is not completion */
	t->f.verified_at = DATE_NONE;
	review(r, REVIEW_RETURNED, "2022-11-22");
	assess(t, "2022-11-22");
	assert_int_equal(t->st.lifecycle, LC_IN_PROGRESS);
	assert_int_equal(t->st.reported_cp, 4000);
	test_free(t);
}

/* ---- milestones ---- */

static void test_stepped_milestone(void **state)
{
	struct tl *t = tl_new("2022-01-01", "2022-12-31");

	(void)state;
	ms(t, "2022-06-30", 0);		/* one node, no value: 50% */
	rep(t, "2022-05", 1, "2022-05-20", 30);
	rep(t, "2022-06", 1, "2022-06-20", 30);
	assess(t, "2022-06-29");
	assert_int_equal(t->st.basis, BASIS_STEP);
	assert_int_equal(t->st.expected_cp, 0);
	assert_int_equal(t->st.rag, RAG_GREEN);
	assert_int_equal(t->st.schedule, SCHED_AHEAD);
	assert_string_equal(t->why.schedule, "序时进度 0%（首个时间节点 2022-06-30 前），已报 30%"
					     "（2022-06 月报），超前 30 个百分点");
	assess(t, "2022-06-30");	/* reached, not yet passed */
	assert_int_equal(t->st.expected_cp, 5000);
	assert_int_equal(t->st.rag, RAG_AMBER);
	assert_false(date_is_set(t->st.milestone_unmet));
	assess(t, "2022-07-01");	/* passed and unmet */
	assert_int_equal(t->st.rag, RAG_RED);
	assert_int_equal(t->st.gap_cp, 2000);
	assert_true(date_is_set(t->st.milestone_unmet));
	assert_string_equal(t->why.rag, "时间节点 2022-06-30 已过未完成（应达 50%，已报 30%）");
	assert_string_equal(t->why.schedule, "序时进度 50%（时间节点 2022-06-30），已报 30%"
					     "（2022-06 月报），落后 20 个百分点");
	/* met: no longer red */
	t->reports[1].percent = 50;
	assess(t, "2022-07-01");
	assert_int_equal(t->st.rag, RAG_GREEN);
	/* a node on the due date is the due date: linear */
	t->ms[0].due = D("2022-12-31");
	assess(t, "2022-07-01");
	assert_int_equal(t->st.basis, BASIS_LINEAR);
	test_free(t);
}

static void test_milestone_values(void **state)
{
	struct tl *t = tl_new("2022-01-01", "2022-12-31");

	(void)state;
	ms(t, "2022-04-30", 0);
	ms(t, "2022-08-31", 0);
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, D("2022-04-29")), 0);
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, D("2022-04-30")), 3333);
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, D("2022-08-31")), 6667);
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, D("2022-12-31")), 10000);
	/* explicit anchors: unknown ones interpolate between them */
	t->f.nmilestones = 0;
	ms(t, "2022-03-31", 0);
	ms(t, "2022-06-30", 60);
	ms(t, "2022-09-30", 0);
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, D("2022-03-31")), 3000);
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, D("2022-06-30")), 6000);
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, D("2022-09-30")), 8000);
	/* a node before the start is ignored */
	t->f.nmilestones = 0;
	ms(t, "2021-12-31", 0);
	ms(t, "2022-06-30", 0);
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, D("2022-06-30")), 5000);
	test_free(t);
}

static void test_ramp_curve(void **state)
{
	struct tl *t = tl_100();

	(void)state;
	ms(t, "2022-01-20", 50);	/* day 20: 50% */
	t->cfg.curve = CURVE_RAMP;
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, day_k(10)), 2500);
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, day_k(20)), 5000);
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, day_k(60)), 7500);
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, day_k(100)), 10000);
	t->cfg.curve = CURVE_STEP;
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, day_k(10)), 0);
	assert_int_equal(status_expected_cp(&t->f, &t->cfg, day_k(60)), 5000);
	t->cfg.curve = CURVE_RAMP;
	assess_on(t, day_k(10));
	assert_int_equal(t->st.basis, BASIS_RAMP);
	assert_non_null(strstr(t->why.schedule, "按时间节点分段"));
	test_free(t);
}

/* ---- 连续滞后 ---- */

static void test_lagging(void **state)
{
	struct tl *t = tl_new("2022-01-01", "2022-12-31");
	static const char *const months[] = { "2022-01", "2022-02", "2022-03", "2022-04",
					      "2022-05", "2022-06" };
	char at[16];

	(void)state;
	/* 5% every month: Jan-end green, Feb/Mar-end amber, Apr-end on red */
	for (int i = 0; i < 6; i++) {
		snprintf(at, sizeof(at), "2022-%02d-20", i + 1);
		rep(t, months[i], 1, at, 5);
	}
	assess(t, "2022-05-15");	/* last ended: Apr red, Mar amber */
	assert_int_equal(t->st.lagging_run, 1);
	assert_false(t->st.flags & FLAG_LAGGING);
	assess(t, "2022-05-30");
	assert_false(t->st.flags & FLAG_LAGGING);
	assess(t, "2022-05-31");	/* the period's last day counts */
	assert_int_equal(t->st.lagging_run, 2);
	assert_true(t->st.flags & FLAG_LAGGING);
	assert_string_equal(t->why.flag[3], "连续 2 期期末为红色（2022-04 至 2022-05）");
	t->cfg.lagging_periods = 3;
	assess(t, "2022-06-30");
	assert_true(t->st.flags & FLAG_LAGGING);
	t->cfg.lagging_periods = 4;
	assess(t, "2022-06-30");
	assert_int_equal(t->st.lagging_run, 3);
	assert_false(t->st.flags & FLAG_LAGGING);
	t->cfg.lagging_periods = 0;
	assess(t, "2022-06-30");
	assert_false(t->st.flags & FLAG_LAGGING);
	/* periods before the hand-over do not count */
	t->cfg.lagging_periods = 2;
	t->f.handed_over = D("2022-05-10");
	assess(t, "2022-05-31");
	assert_int_equal(t->st.lagging_run, 1);
	assert_false(t->st.flags & FLAG_LAGGING);
	test_free(t);
}

static void test_lagging_uses_what_was_known_then(void **state)
{
	struct tl *t = tl_new("2022-01-01", "2022-06-30");	/* 181 days */

	(void)state;
	/*
	 * March's 30% arrives late, on 04-02.  At March's end only February's
	 * 5% was known: 49.72 expected, red.  Had the late report been used,
	 * March's end would be amber (19.72 behind) and there would be no run.
	 */
	rep(t, "2022-02", 1, "2022-02-20", 5);
	rep(t, "2022-03", 1, "2022-04-02", 30);
	assess(t, "2022-04-30");	/* April's end: 66.3 vs 30, red */
	assert_int_equal(t->st.lagging_run, 2);
	assert_true(t->st.flags & FLAG_LAGGING);
	/* control: reported on time, March's end was amber */
	t->reports[1].submitted_at = D("2022-03-31");
	assess(t, "2022-04-30");
	assert_int_equal(t->st.lagging_run, 1);
	assert_false(t->st.flags & FLAG_LAGGING);
	test_free(t);
}

/* ---- self-assessment ---- */

static void test_likelihood_disagreement(void **state)
{
	struct tl *t = tl_100();
	struct report_fact *r;

	(void)state;
	r = rep(t, "2022-01", 1, "2022-01-20", 48);
	r->likelihood = LIKELIHOOD_DOUBT;
	assess_on(t, day_k(50));
	assert_int_equal(t->st.rag, RAG_GREEN);
	assert_int_equal(t->st.self_rag, RAG_AMBER);
	assert_true(t->st.disagree);
	assert_true(t->st.self_worse);
	assert_string_equal(t->why.self, "单位自评“存疑”（黄），计算为绿，二者不一致：单位判断比进度数据更悲观");

	r->likelihood = LIKELIHOOD_LIKELY;
	assess_on(t, day_k(50));
	assert_false(t->st.disagree);
	assert_string_equal(t->why.self, "单位自评“可能”（绿），与计算结果一致");

	r->likelihood = LIKELIHOOD_HIGH;
	r->percent = 10;
	assess_on(t, day_k(50));
	assert_int_equal(t->st.rag, RAG_RED);
	assert_true(t->st.disagree);
	assert_false(t->st.self_worse);

	r->likelihood = LIKELIHOOD_UNLIKELY;
	assess_on(t, day_k(50));
	assert_int_equal(t->st.self_rag, RAG_RED);
	assert_false(t->st.disagree);

	/* complete: shown, not compared */
	r->percent = 100;
	r->likelihood = LIKELIHOOD_DOUBT;
	assess_on(t, day_k(50));
	assert_false(t->st.disagree);
	assert_string_equal(t->why.self, "单位自评“存疑”（黄）；已完成，不作比较");
	test_free(t);
}

/* ---- quarterly cadence ---- */

static void test_quarterly(void **state)
{
	struct tl *t = tl_new("2022-01-01", "2022-12-31");
	struct err e = ERR_INIT;

	(void)state;
	t->cal.cadence = CADENCE_QUARTERLY;
	t->cal.first = P("2022-Q1");
	rep(t, "2022-Q1", 1, "2022-03-20", 5);
	assess(t, "2022-06-25");
	assert_false(t->st.flags & FLAG_REPORT_OVERDUE);
	assess(t, "2022-06-26");
	assert_true(t->st.flags & FLAG_REPORT_OVERDUE);
	assert_string_equal(t->why.flag[1], "2022-Q2 季报逾期未报（应于 2022-06-25 前报送）");
	assert_string_equal(t->why.schedule, "序时进度 48.49%，已报 5%（2022-Q1 季报），落后 43.49 个百分点");
	/* quarter ends: Mar-31 24.66 vs 5 → amber; Jun-30 49.59 → red; Sep-30 → red */
	assess(t, "2022-09-30");
	assert_int_equal(t->st.lagging_run, 2);
	assert_string_equal(t->why.flag[3], "连续 2 期期末为红色（2022-Q2 至 2022-Q3）");
	assess(t, "2022-09-29");
	assert_int_equal(t->st.lagging_run, 1);
	/* a monthly report does not fit a quarterly calendar */
	t->reports[0].period = P("2022-03");
	assert_int_equal(assignment_facts_check(&t->f, &t->cal, &e), -1);
	assert_non_null(strstr(e.msg, "季报"));
	status_assess(&t->f, &t->cal, &t->cfg, D("2022-06-26"), &t->st, NULL);
	assert_int_equal(t->st.reported_cp, -1);	/* ignored */
	test_free(t);
}

/* ---- facts check ---- */

static void test_facts_check(void **state)
{
	struct tl *t = tl_100();
	struct err e = ERR_INIT;

	(void)state;
	rep(t, "2022-02", 1, "2022-02-20", 30);
	rep(t, "2022-01", 1, "2022-01-20", 20);
	assert_int_equal(assignment_facts_check(&t->f, &t->cal, &e), -1);
	assert_non_null(strstr(e.msg, "第 2 份报告（2022-01 第 1 版）"));
	assert_non_null(strstr(e.msg, "排序"));
	t->reports[1].period = P("2022-02");
	assert_int_equal(assignment_facts_check(&t->f, &t->cal, &e), -1);	/* v1 after v1 */
	t->reports[1].version = 2;
	assert_int_equal(assignment_facts_check(&t->f, &t->cal, &e), 0);
	t->reports[1].percent = 100.5;
	assert_int_equal(assignment_facts_check(&t->f, &t->cal, &e), -1);
	assert_non_null(strstr(e.msg, "0 到 100"));
	t->reports[1].percent = 10;
	t->reports[1].review = REVIEW_ACCEPTED;
	assert_int_equal(assignment_facts_check(&t->f, &t->cal, &e), -1);	/* no review date */
	t->reports[1].reviewed_at = D("2022-02-21");
	assert_int_equal(assignment_facts_check(&t->f, &t->cal, &e), 0);

	ms(t, "2022-03-01", 60);
	ms(t, "2022-02-01", 0);
	assert_int_equal(assignment_facts_check(&t->f, &t->cal, &e), -1);
	assert_non_null(strstr(e.msg, "第 2 个时间节点"));
	t->ms[1].due = D("2022-03-20");
	t->ms[1].expected = 40;
	assert_int_equal(assignment_facts_check(&t->f, &t->cal, &e), -1);
	assert_non_null(strstr(e.msg, "应达进度小于"));
	t->f.nmilestones = 0;

	ext(t, "2022-04-01", "2022-04-01", EXT_PENDING, NULL);
	assert_int_equal(assignment_facts_check(&t->f, &t->cal, &e), -1);
	assert_non_null(strstr(e.msg, "延期"));
	t->ext[0].new_due = D("2022-05-01");
	assert_int_equal(assignment_facts_check(&t->f, &t->cal, &e), 0);

	t->f.due = D("2021-12-01");
	assert_int_equal(assignment_facts_check(&t->f, &t->cal, &e), -1);
	t->f.due = (struct date){ 2022, 2, 30 };
	assert_int_equal(assignment_facts_check(&t->f, &t->cal, &e), -1);
	assert_non_null(strstr(e.msg, "完成时限"));
	test_free(t);
}

/* ---- aggregation ---- */

static void make_status(struct status *st, enum lifecycle lc, enum rag rag, int gap,
			unsigned flags)
{
	memset(st, 0, sizeof(*st));
	st->lifecycle = lc;
	st->rag = rag;
	st->gap_cp = gap;
	st->flags = flags;
	st->schedule = lc >= LC_DONE ? SCHED_DONE : gap >= 500 ? SCHED_BEHIND : SCHED_ON;
}

static void test_task_aggregation(void **state)
{
	struct task_status ts;
	struct status s[5];
	char buf[512];

	(void)state;
	make_status(&s[0], LC_IN_PROGRESS, RAG_AMBER, 1200, 0);			/* co */
	make_status(&s[1], LC_IN_PROGRESS, RAG_GREEN, 200, 0);			/* lead */
	make_status(&s[2], LC_PENDING_SIGN, RAG_RED, 3000, FLAG_SIGN_OVERDUE);	/* co */
	make_status(&s[3], LC_IN_PROGRESS, RAG_RED, 4000, 0);			/* co, further behind */
	make_status(&s[4], LC_NOT_ISSUED, RAG_NONE, 0, 0);
	task_status_init(&ts);
	task_status_add(&ts, &s[0], ROLE_CO, 10);
	task_status_add(&ts, &s[1], ROLE_LEAD, 11);
	task_status_add(&ts, &s[2], ROLE_CO, 12);
	task_status_add(&ts, &s[3], ROLE_CO, 13);
	task_status_add(&ts, &s[4], ROLE_CO, 14);
	assert_int_equal(ts.n, 4);
	assert_int_equal(ts.n_not_issued, 1);
	assert_int_equal(ts.lead, 11);
	assert_int_equal(ts.rag, RAG_GREEN);
	assert_int_equal(ts.rag_worst, RAG_RED);
	assert_int_equal(ts.worst_co, 13);
	assert_int_equal(ts.worst, 13);
	assert_int_equal(ts.lifecycle, LC_PENDING_SIGN);
	assert_int_equal(ts.flags, FLAG_SIGN_OVERDUE);
	assert_int_equal(ts.by_rag[RAG_RED], 2);
	task_status_describe(&ts, buf, sizeof(buf));
	assert_string_equal(buf, "牵头单位：绿（达进度）；配合单位最差：红；共 4 家：红 2、黄 1、绿 1；"
				 "有逾期未签收");

	/* no lead: the headline is the worst */
	task_status_init(&ts);
	task_status_add(&ts, &s[0], ROLE_CO, 0);
	task_status_add(&ts, &s[2], ROLE_CO, 1);
	assert_int_equal(ts.lead, -1);
	assert_int_equal(ts.rag, RAG_RED);
	assert_int_equal(ts.worst, 1);
	task_status_describe(&ts, buf, sizeof(buf));
	assert_non_null(strstr(buf, "无牵头单位，最差：红"));
	task_status_init(&ts);
	task_status_describe(&ts, buf, sizeof(buf));
	assert_string_equal(buf, "无在办单位");
}

static void test_unit_summary(void **state)
{
	struct unit_summary us;
	struct status s[4];
	char buf[512];

	(void)state;
	make_status(&s[0], LC_IN_PROGRESS, RAG_GREEN, 0, FLAG_REPORT_OVERDUE);
	s[0].self_rag = RAG_AMBER;
	s[0].disagree = s[0].self_worse = true;
	s[0].missing_reports = 2;
	make_status(&s[1], LC_IN_PROGRESS, RAG_GREEN, 0, 0);
	make_status(&s[2], LC_IN_PROGRESS, RAG_RED, 3000, FLAG_PAST_DUE | FLAG_LAGGING);
	s[2].disagree = true;
	make_status(&s[3], LC_VERIFIED, RAG_GREEN, 0, 0);
	unit_summary_init(&us);
	for (int i = 0; i < 4; i++)
		unit_summary_add(&us, &s[i], i == 0 ? ROLE_LEAD : ROLE_CO);
	assert_int_equal(us.n, 4);
	assert_int_equal(us.n_lead, 1);
	assert_int_equal(us.by_rag[RAG_GREEN], 3);
	assert_int_equal(us.by_rag[RAG_RED], 1);
	assert_int_equal(us.by_flag[1], 1);
	assert_int_equal(us.by_flag[2], 1);
	assert_int_equal(us.by_flag[3], 1);
	assert_int_equal(us.disagree, 2);
	assert_int_equal(us.self_worse, 1);
	assert_int_equal(us.self_better, 1);
	assert_int_equal(us.missing_reports, 2);
	assert_int_equal(us.by_lifecycle[LC_VERIFIED], 1);
	unit_summary_describe(&us, buf, sizeof(buf));
	assert_string_equal(buf, "共 4 项（牵头 1 项）：红 1、黄 0、绿 3；已完成 1 项（已销号 1 项）；"
				 "逾期未报 1 项；逾期未完成 1 项；连续滞后 1 项；"
				 "自评与计算不一致 2 项（自评更悲观 1 项）");
}

/* ---- names ---- */

static void test_names(void **state)
{
	enum likelihood l;
	enum review_state r;
	enum role ro;
	char buf[16];

	(void)state;
	assert_string_equal(lifecycle_label(LC_DONE), "已完成待核验");
	assert_string_equal(lifecycle_name(LC_PENDING_SIGN), "pending_sign");
	assert_string_equal(schedule_label(SCHED_BEHIND), "欠进度");
	assert_string_equal(rag_name(RAG_AMBER), "amber");
	assert_string_equal(flag_label(FLAG_LAGGING), "连续滞后");
	assert_string_equal(flag_name(FLAG_REPORT_OVERDUE), "report_overdue");
	assert_string_equal(flag_label((enum status_flag)3), "");
	assert_int_equal(likelihood_parse("存疑", &l), 0);
	assert_int_equal(l, LIKELIHOOD_DOUBT);
	assert_int_equal(likelihood_parse("unlikely", &l), 0);
	assert_int_equal(l, LIKELIHOOD_UNLIKELY);
	assert_int_equal(likelihood_parse("", &l), -1);
	assert_int_equal(likelihood_rag(LIKELIHOOD_HIGH), RAG_GREEN);
	assert_int_equal(likelihood_rag(LIKELIHOOD_LIKELY), RAG_GREEN);
	assert_int_equal(likelihood_rag(LIKELIHOOD_DOUBT), RAG_AMBER);
	assert_int_equal(likelihood_rag(LIKELIHOOD_UNLIKELY), RAG_RED);
	assert_int_equal(likelihood_rag(LIKELIHOOD_NONE), RAG_NONE);
	assert_int_equal(review_parse("已退办", &r), 0);
	assert_int_equal(r, REVIEW_RETURNED);
	assert_int_equal(role_parse("配合", &ro), 0);
	assert_int_equal(ro, ROLE_CO);
	assert_int_equal(role_parse("x", &ro), -1);
	status_format_points(5833, buf);
	assert_string_equal(buf, "58.33");
	status_format_points(5830, buf);
	assert_string_equal(buf, "58.3");
	status_format_points(5800, buf);
	assert_string_equal(buf, "58");
	status_format_points(-305, buf);
	assert_string_equal(buf, "-3.05");
	status_format_points(7, buf);
	assert_string_equal(buf, "0.07");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linear_expected),
		cmocka_unit_test(test_leap_year),
		cmocka_unit_test(test_rag_boundaries),
		cmocka_unit_test(test_schedule_boundaries),
		cmocka_unit_test(test_reason_words),
		cmocka_unit_test(test_no_report_counts_as_zero),
		cmocka_unit_test(test_past_due),
		cmocka_unit_test(test_extension),
		cmocka_unit_test(test_report_after_as_of_ignored),
		cmocka_unit_test(test_returned_and_resubmitted),
		cmocka_unit_test(test_returned_revision_not_replaced_by_accepted_one),
		cmocka_unit_test(test_missing_reports_counted),
		cmocka_unit_test(test_report_owed_from_hand_over_and_grace),
		cmocka_unit_test(test_sign_for),
		cmocka_unit_test(test_dispute),
		cmocka_unit_test(test_lifecycle_over_time),
		cmocka_unit_test(test_stepped_milestone),
		cmocka_unit_test(test_milestone_values),
		cmocka_unit_test(test_ramp_curve),
		cmocka_unit_test(test_lagging),
		cmocka_unit_test(test_lagging_uses_what_was_known_then),
		cmocka_unit_test(test_likelihood_disagreement),
		cmocka_unit_test(test_quarterly),
		cmocka_unit_test(test_facts_check),
		cmocka_unit_test(test_task_aggregation),
		cmocka_unit_test(test_unit_summary),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
