/* Unit tests for src/domain/suggest: each cause, silencing by dismissal or action, merging, ladder levels. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "domain/assignment.h"
#include "domain/ladder.h"
#include "domain/period.h"
#include "domain/status.h"
#include "domain/suggest.h"
#include "util/date.h"
#include "util/err.h"

static struct date D(const char *s)
{
	struct date d = DATE_NONE;
	struct err e = ERR_INIT;

	if (s && date_parse_iso(s, &d, "test", &e))
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

#define ASSERT_CONTAINS(hay, needle)                                                  \
	do {                                                                           \
		if (!strstr((hay), (needle)))                                          \
			fail_msg("\"%s\" lacks \"%s\"", (hay), (needle));              \
	} while (0)

/* One assignment with a hand-set status and a ladder history. */
struct fx {
	struct calendar cal;
	struct status st;
	struct ladder_action a[8];
	size_t na;
	struct suggest_dismissal dis[4];
	size_t ndis;
	struct suggestions out;
};

static void fx_init(struct fx *f)
{
	memset(f, 0, sizeof(*f));
	f->cal.cadence = CADENCE_MONTHLY;
	f->cal.due_day = 25;
	f->cal.first = P("2022-04");
	f->st.lifecycle = LC_IN_PROGRESS;
	f->st.rag = RAG_GREEN;
	f->st.due = D("2022-12-31");
	f->st.period = PERIOD_NONE;
	f->st.overdue_period = PERIOD_NONE;
	f->st.milestone_unmet = DATE_NONE;
}

/* Re-initialise a fixture that has been used (its suggestions are released). */
static void fx_again(struct fx *f)
{
	suggestions_release(&f->out);
	fx_init(f);
}

static struct ladder_action *act(struct fx *f, int64_t id, enum ladder_step s, const char *issued,
				 const char *due)
{
	struct ladder_action *a = &f->a[f->na++];

	memset(a, 0, sizeof(*a));
	a->id = id;
	a->target_id = 7;
	a->step = s;
	a->ground = GROUND_BEHIND;
	a->issued_by = "督查室";
	a->issued_at = D(issued);
	a->reply_due = due ? D(due) : DATE_NONE;
	if (ladder_step_form(s) != FORM_NONE) {
		a->form_year = a->issued_at.y;
		a->form_seq = (int)id;
	}
	return a;
}

static void dismiss(struct fx *f, const char *key, const char *at)
{
	f->dis[f->ndis].assignment_id = 7;
	f->dis[f->ndis].key = key;
	f->dis[f->ndis].dismissed_at = D(at);
	f->ndis++;
}

static size_t run(struct fx *f, const char *as_of)
{
	struct suggest_input in;

	memset(&in, 0, sizeof(in));
	in.assignment_id = 7;
	in.task_no = 11;
	in.unit = "市发改委";
	in.status = &f->st;
	in.cal = &f->cal;
	in.actions = f->a;
	in.nactions = f->na;
	in.verified_at = DATE_NONE;
	suggestions_release(&f->out);
	suggest_run(&in, 1, f->dis, f->ndis, D(as_of), &f->out);
	return f->out.n;
}

static void missing_report(struct fx *f, const char *period, int n)
{
	f->st.flags |= FLAG_REPORT_OVERDUE;
	f->st.overdue_period = P(period);
	f->st.missing_reports = n;
}

static void test_missing_report(void **state)
{
	struct fx f;
	const struct suggestion *s;

	(void)state;
	fx_init(&f);
	assert_int_equal(run(&f, "2022-07-01"), 0);	/* nothing wrong: nothing proposed */
	missing_report(&f, "2022-06", 1);
	assert_int_equal(run(&f, "2022-07-01"), 1);
	s = &f.out.v[0];
	assert_int_equal(s->assignment_id, 7);
	assert_int_equal(s->input, 0);
	assert_int_equal(s->step, STEP_URGE);
	assert_int_equal(s->ground, GROUND_INEFFECTIVE);
	assert_int_equal(s->basis, LADDER_FREE);
	assert_int_equal(s->causes, CAUSE_REPORT);
	assert_string_equal(s->keys, "report:2022-06");
	assert_string_equal(s->reason, "2022-06 月报逾期未报（应于 2022-06-25 前报送） → 建议催办");
	assert_int_equal(date_cmp(s->reply_due, D("2022-07-06")), 0);	/* 5 days */
	/* several periods missing: the count is given */
	missing_report(&f, "2022-06", 3);
	run(&f, "2022-07-01");
	assert_string_equal(f.out.v[0].reason,
			    "2022-06 月报逾期未报（应于 2022-06-25 前报送），共 3 期未报 → 建议催办");
	/* a 催办 is proposed below any level: with an orange notice waiting */
	act(&f, 1, STEP_ORANGE, "2022-06-28", "2022-07-05");
	assert_int_equal(run(&f, "2022-07-01"), 1);
	assert_int_equal(f.out.v[0].step, STEP_URGE);
	assert_int_equal(f.out.v[0].basis, LADDER_FREE);
	suggestions_release(&f.out);
}

static void test_dismissed_not_repeated(void **state)
{
	struct fx f;

	(void)state;
	fx_init(&f);
	missing_report(&f, "2022-06", 1);
	dismiss(&f, "report:2022-06", "2022-07-02");
	assert_int_equal(run(&f, "2022-07-01"), 1);	/* dismissed later: still proposed on 07-01 */
	assert_int_equal(run(&f, "2022-07-02"), 0);	/* dismissed: silent */
	assert_int_equal(run(&f, "2022-07-20"), 0);
	/* another period is another cause */
	missing_report(&f, "2022-07", 2);
	assert_int_equal(run(&f, "2022-07-27"), 1);
	assert_string_equal(f.out.v[0].keys, "report:2022-07");
	/* a dismissal of another assignment does not count */
	f.dis[0].assignment_id = 8;
	missing_report(&f, "2022-06", 1);
	assert_int_equal(run(&f, "2022-07-02"), 1);
	suggestions_release(&f.out);
}

static void test_answered_by_action(void **state)
{
	struct fx f;
	struct ladder_action *a;

	(void)state;
	fx_init(&f);
	missing_report(&f, "2022-06", 1);
	a = act(&f, 1, STEP_URGE, "2022-07-03", "2022-07-08");
	a->cause = "sign;report:2022-06";
	assert_int_equal(run(&f, "2022-07-02"), 1);	/* the 催办 is not issued yet */
	assert_int_equal(run(&f, "2022-07-03"), 0);	/* answered by the 催办 */
	assert_true(suggest_keys_contain("a;report:2022-06;b", "report:2022-06"));
	assert_false(suggest_keys_contain("a;report:2022-06x", "report:2022-06"));
	assert_false(suggest_keys_contain(NULL, "report:2022-06"));
	suggestions_release(&f.out);
}

static void test_lagging(void **state)
{
	struct fx f;
	const struct suggestion *s;

	(void)state;
	fx_init(&f);
	f.st.rag = RAG_RED;
	f.st.flags = FLAG_LAGGING;
	f.st.lagging_run = 2;
	assert_int_equal(run(&f, "2022-07-01"), 1);
	s = &f.out.v[0];
	assert_int_equal(s->step, STEP_BLUE);
	assert_int_equal(s->ground, GROUND_BEHIND);
	assert_int_equal(s->basis, LADDER_FREE);
	assert_string_equal(s->keys, "lagging:2022-06");
	assert_string_equal(s->reason, "连续 2 期期末为红色（截至 2022-06） → 建议发蓝色督查单");
	assert_int_equal(date_cmp(s->reply_due, D("2022-07-08")), 0);	/* 7 days */
	/* the last day of a period: that period has ended */
	run(&f, "2022-07-31");
	assert_string_equal(f.out.v[0].keys, "lagging:2022-07");
	/* dismissed for 2022-06: silent during July, proposed again after July ends red */
	dismiss(&f, "lagging:2022-06", "2022-07-01");
	assert_int_equal(run(&f, "2022-07-30"), 0);
	assert_int_equal(run(&f, "2022-07-31"), 1);
	suggestions_release(&f.out);
}

static void test_milestone_and_past_due_merge(void **state)
{
	struct fx f;
	const struct suggestion *s;

	(void)state;
	fx_init(&f);
	f.st.rag = RAG_RED;
	f.st.milestone_unmet = D("2022-06-30");
	assert_int_equal(run(&f, "2022-07-01"), 1);
	assert_string_equal(f.out.v[0].keys, "milestone:2022-06-30");
	assert_string_equal(f.out.v[0].reason, "时间节点 2022-06-30 已过未完成 → 建议发蓝色督查单");
	assert_int_equal(f.out.v[0].causes, CAUSE_MILESTONE);

	/* past due as well, and a missing report and no sign-for: two suggestions */
	f.st.flags = FLAG_PAST_DUE | FLAG_SIGN_OVERDUE;
	f.st.due = D("2022-06-30");
	missing_report(&f, "2022-06", 1);
	assert_int_equal(run(&f, "2022-07-01"), 3);
	s = &f.out.v[0];	/* highest step first */
	assert_int_equal(s->step, STEP_BLUE);
	assert_int_equal(s->causes, CAUSE_PAST_DUE | CAUSE_MILESTONE);
	assert_string_equal(s->keys, "past_due:2022-06-30;milestone:2022-06-30");
	assert_string_equal(s->reason, "已过完成时限 2022-06-30 仍未完成；时间节点 2022-06-30 已过未完成"
				       " → 建议发蓝色督查单");
	assert_int_equal(f.out.v[1].step, STEP_URGE);
	assert_int_equal(f.out.v[2].step, STEP_REMIND);
	assert_string_equal(f.out.v[2].keys, "sign");
	assert_string_equal(f.out.v[2].reason, "交办后逾期未签收 → 建议提醒");
	assert_int_equal(date_is_set(f.out.v[2].reply_due), 0);	/* 提醒: no deadline */
	/* dismissing one merged key leaves the other */
	dismiss(&f, "past_due:2022-06-30", "2022-07-01");
	run(&f, "2022-07-01");
	assert_string_equal(f.out.v[0].keys, "milestone:2022-06-30");
	suggestions_release(&f.out);
}

/* The progress causes follow the ladder: wait, rise, or stop at red. */
static void test_progress_follows_ladder(void **state)
{
	struct fx f;
	struct ladder_action *blue;

	(void)state;
	fx_init(&f);
	f.st.rag = RAG_RED;
	f.st.flags = FLAG_LAGGING;
	f.st.lagging_run = 2;
	blue = act(&f, 5, STEP_BLUE, "2022-07-01", "2022-07-08");
	blue->cause = "lagging:2022-06";
	/* the blue notice is waiting for its reply: silent */
	assert_int_equal(run(&f, "2022-07-05"), 0);
	/* answered in time, still red at the next period end: the next grade, by decision */
	blue->replied_at = D("2022-07-06");
	assert_int_equal(run(&f, "2022-07-31"), 1);
	assert_int_equal(f.out.v[0].step, STEP_ORANGE);
	assert_int_equal(f.out.v[0].basis, LADDER_DECISION);
	assert_string_equal(f.out.v[0].keys, "lagging:2022-07");
	/* a red notice open: beyond it only unanswered notices are followed up */
	fx_again(&f);
	f.st.rag = RAG_RED;
	f.st.flags = FLAG_LAGGING;
	f.st.lagging_run = 2;
	act(&f, 6, STEP_RED, "2022-07-01", "2022-07-04")->replied_at = D("2022-07-03");
	assert_int_equal(run(&f, "2022-07-31"), 0);
	suggestions_release(&f.out);
}

static void test_unanswered_next_grade(void **state)
{
	struct fx f;
	const struct suggestion *s;
	struct ladder_action *o;

	(void)state;
	fx_init(&f);
	act(&f, 5, STEP_BLUE, "2022-07-01", "2022-07-08");
	o = act(&f, 6, STEP_ORANGE, "2022-07-09", "2022-07-14");
	o->reason = "蓝色督查单逾期未复";
	assert_int_equal(run(&f, "2022-07-14"), 0);	/* the deadline day: not yet */
	assert_int_equal(run(&f, "2022-07-15"), 1);
	s = &f.out.v[0];
	assert_int_equal(s->step, STEP_RED);
	assert_int_equal(s->basis, LADDER_TIMEOUT);
	assert_int_equal(s->after_action, 6);
	assert_int_equal(s->ground, GROUND_BEHIND);
	assert_int_equal(s->causes, CAUSE_UNANSWERED);
	assert_string_equal(s->keys, "unanswered:6");
	assert_string_equal(s->reason, "橙色督查单（督办〔2022〕6号）应于 2022-07-14 前回复，逾期未回复"
				       " → 建议发红色督查单");
	assert_int_equal(date_cmp(s->reply_due, D("2022-07-18")), 0);	/* 3 days */
	/* a late reply ends the suggestion (the timer still allows the rise) */
	o->replied_at = D("2022-07-16");
	assert_int_equal(run(&f, "2022-07-15"), 1);
	assert_int_equal(run(&f, "2022-07-16"), 0);
	o->replied_at = DATE_NONE;
	/* dismissed: not again */
	dismiss(&f, "unanswered:6", "2022-07-15");
	assert_int_equal(run(&f, "2022-07-20"), 0);
	/* red unanswered → 提级督办; 提级督办 unanswered → 约谈 */
	fx_again(&f);
	act(&f, 8, STEP_RED, "2022-07-01", "2022-07-04")->ground = GROUND_SHIRKING;
	run(&f, "2022-07-05");
	assert_int_equal(f.out.v[0].step, STEP_ESCALATE);
	assert_int_equal(f.out.v[0].ground, GROUND_SHIRKING);
	assert_string_equal(f.out.v[0].reason, "红色督查单（督办〔2022〕8号）应于 2022-07-04 前回复，"
					       "逾期未回复 → 建议提级督办");
	act(&f, 9, STEP_ESCALATE, "2022-07-05", "2022-07-08");
	run(&f, "2022-07-09");
	assert_int_equal(f.out.v[0].step, STEP_INTERVIEW);
	assert_string_equal(f.out.v[0].keys, "unanswered:9");
	assert_int_equal(date_is_set(f.out.v[0].reply_due), 0);
	/* an unanswered 催办 → a blue notice, and the lagging cause merges into it */
	fx_again(&f);
	act(&f, 3, STEP_URGE, "2022-07-01", "2022-07-06");
	f.st.flags = FLAG_LAGGING;
	f.st.lagging_run = 2;
	run(&f, "2022-07-07");
	assert_int_equal(f.out.n, 1);
	assert_int_equal(f.out.v[0].step, STEP_BLUE);
	assert_int_equal(f.out.v[0].causes, CAUSE_UNANSWERED | CAUSE_LAGGING);
	assert_string_equal(f.out.v[0].keys, "unanswered:3;lagging:2022-06");
	assert_string_equal(f.out.v[0].reason, "催办（催办〔2022〕3号）应于 2022-07-06 前回复，"
					       "逾期未回复；连续 2 期期末为红色（截至 2022-06）"
					       " → 建议发蓝色督查单");
	suggestions_release(&f.out);
}

static void test_lifecycles_silent(void **state)
{
	struct fx f;
	const enum lifecycle silent[] = { LC_NOT_ISSUED, LC_WITHDRAWN, LC_DONE, LC_VERIFIED };

	(void)state;
	fx_init(&f);
	missing_report(&f, "2022-06", 1);
	f.st.flags |= FLAG_SIGN_OVERDUE;
	for (size_t i = 0; i < sizeof(silent) / sizeof(silent[0]); i++) {
		f.st.lifecycle = silent[i];
		assert_int_equal(run(&f, "2022-07-01"), 0);
	}
	f.st.lifecycle = LC_PENDING_SIGN;
	assert_int_equal(run(&f, "2022-07-01"), 2);
	suggestions_release(&f.out);
}

/* From the status engine itself: a unit that stopped reporting and fell behind. */
static void test_from_status_engine(void **state)
{
	struct fx f;
	struct assignment_facts af;
	struct report_fact reps[3];
	struct status_config cfg;
	struct suggest_input in;

	(void)state;
	fx_init(&f);
	status_config_default(&cfg);
	memset(&af, 0, sizeof(af));
	memset(reps, 0, sizeof(reps));
	af.role = ROLE_LEAD;
	af.handed_over = D("2022-03-28");
	af.signed_at = D("2022-03-29");
	af.start = D("2022-01-01");
	af.due = D("2022-12-31");
	reps[0] = (struct report_fact){ P("2022-04"), 1, D("2022-04-20"), 10, LIKELIHOOD_HIGH,
					REVIEW_ACCEPTED, D("2022-04-22") };
	reps[1] = (struct report_fact){ P("2022-05"), 1, D("2022-05-20"), 12, LIKELIHOOD_HIGH,
					REVIEW_ACCEPTED, D("2022-05-22") };
	af.reports = reps;
	af.nreports = 2;
	status_assess(&af, &f.cal, &cfg, D("2022-07-01"), &f.st, NULL);
	assert_true(f.st.flags & FLAG_REPORT_OVERDUE);
	assert_true(f.st.flags & FLAG_LAGGING);
	memset(&in, 0, sizeof(in));
	in.assignment_id = 7;
	in.status = &f.st;
	in.cal = &f.cal;
	suggest_run(&in, 1, NULL, 0, D("2022-07-01"), &f.out);
	assert_int_equal(f.out.n, 2);
	assert_int_equal(f.out.v[0].step, STEP_BLUE);
	assert_string_equal(f.out.v[0].keys, "lagging:2022-06");
	assert_int_equal(f.out.v[1].step, STEP_URGE);
	assert_string_equal(f.out.v[1].keys, "report:2022-06");
	suggestions_release(&f.out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_report),
		cmocka_unit_test(test_dismissed_not_repeated),
		cmocka_unit_test(test_answered_by_action),
		cmocka_unit_test(test_lagging),
		cmocka_unit_test(test_milestone_and_past_due_merge),
		cmocka_unit_test(test_progress_follows_ladder),
		cmocka_unit_test(test_unanswered_next_grade),
		cmocka_unit_test(test_lifecycles_silent),
		cmocka_unit_test(test_from_status_engine),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
