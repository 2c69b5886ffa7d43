/* Unit tests for service/status_service: stored hand-made timelines through the status engine, any as-of date. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "service/report_service.h"
#include "service/status_service.h"
#include "util/hash.h"
#include "util/xalloc.h"

#include "../store/reports_fixture.h"

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

/* Status of every assignment as of y-m-d (defaults unless cfg). */
static void judge(struct rf *f, int y, int m, int d, const struct status_config *cfg,
		  struct svc_status *s)
{
	struct err e = ERR_INIT;

	svc_status_init(s);
	rf_ok(svc_status_compute(f->st, NULL, (struct date){ y, m, d }, cfg, s, &e), &e, "status");
}

/* The item of assignment `id`, or fail. */
static const struct svc_status_item *item(const struct svc_status *s, int64_t id, size_t *index)
{
	for (size_t i = 0; i < s->nitems; i++) {
		if (s->items[i].a->a.id == id) {
			if (index)
				*index = i;
			return &s->items[i];
		}
	}
	fail_msg("assignment %lld not judged", (long long)id);
	return NULL;
}

static const struct status *status_of(struct rf *f, int64_t id, int y, int m, int d,
				      struct svc_status *s)
{
	judge(f, y, m, d, NULL, s);
	return &item(s, id, NULL)->st;
}

static void why_of(const struct svc_status *s, int64_t id, struct status_why *why)
{
	size_t i = 0;

	item(s, id, &i);
	svc_status_explain(s, i, why);
}

/* Sign-for: 待签收 and its flag, then 推进中; a past as-of date still sees the flag. */
static void test_sign_timeline(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 1, "市发改委");
	struct svc_rctx rc = rf_on(2022, 4, 2);
	struct svc_status s;
	struct status_why why;
	const struct status *st;
	struct err e = ERR_INIT;

	st = status_of(f, a, 2022, 3, 31, &s);
	assert_int_equal(st->lifecycle, LC_PENDING_SIGN);
	assert_false(st->flags & FLAG_SIGN_OVERDUE);	/* 03-28 + 3 days: not yet */
	svc_status_release(&s);
	st = status_of(f, a, 2022, 4, 1, &s);
	assert_true(st->flags & FLAG_SIGN_OVERDUE);
	why_of(&s, a, &why);
	assert_non_null(strstr(why.flag[0], "2022-03-31"));
	svc_status_release(&s);
	rf_ok(svc_assignment_sign(f->st, &rc, a, NULL, &e), &e, "sign");
	st = status_of(f, a, 2022, 4, 2, &s);
	assert_int_equal(st->lifecycle, LC_IN_PROGRESS);
	assert_false(st->flags & FLAG_SIGN_OVERDUE);
	svc_status_release(&s);
	/* What was known on 04-01 has not changed. */
	st = status_of(f, a, 2022, 4, 1, &s);
	assert_int_equal(st->lifecycle, LC_PENDING_SIGN);
	assert_true(st->flags & FLAG_SIGN_OVERDUE);
	svc_status_release(&s);
	/* Before the hand-over it did not exist. */
	st = status_of(f, a, 2022, 3, 27, &s);
	assert_int_equal(st->lifecycle, LC_NOT_ISSUED);
	svc_status_release(&s);
}

/* Reports: colour against 序时进度, 逾期未报, a return voiding the period, resubmission. */
static void test_report_timeline(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 1, "市发改委"), r1;
	struct svc_rctx rc = rf_on(2022, 4, 27);
	struct svc_status s;
	struct status_why why;
	const struct status *st;
	struct err e = ERR_INIT;

	rf_ok(svc_assignment_sign(f->st, &rc, a, NULL, &e), &e, "sign");
	r1 = rf_submit(f, rf_on(2022, 4, 24), a, "2022-04", 20, "起步", "很可能");
	/* 04-26: 116/365 = 31.78% expected, 20% reported: 11.78 behind, amber. */
	st = status_of(f, a, 2022, 4, 26, &s);
	assert_int_equal(st->expected_cp, 3178);
	assert_int_equal(st->reported_cp, 2000);
	assert_int_equal(st->rag, RAG_AMBER);
	assert_int_equal(st->schedule, SCHED_BEHIND);
	assert_false(st->flags & FLAG_REPORT_OVERDUE);
	assert_int_equal(st->self_rag, RAG_GREEN);
	assert_true(st->disagree);
	why_of(&s, a, &why);
	assert_non_null(strstr(why.rag, "11.78"));
	svc_status_release(&s);
	/* The report did not exist on 04-23: nothing reported, nothing overdue yet. */
	st = status_of(f, a, 2022, 4, 23, &s);
	assert_int_equal(st->reported_cp, -1);
	assert_false(st->flags & FLAG_REPORT_OVERDUE);
	svc_status_release(&s);
	/* Returned on 04-27: from then on 2022-04 has no report and is overdue. */
	rf_ok(svc_report_review(f->st, &rc, r1, REVIEW_RETURNED, "数据不实", &e), &e, "return");
	st = status_of(f, a, 2022, 4, 27, &s);
	assert_int_equal(st->reported_cp, -1);
	assert_true(st->flags & FLAG_REPORT_OVERDUE);
	svc_status_release(&s);
	st = status_of(f, a, 2022, 4, 26, &s);	/* the day before: the report counted */
	assert_int_equal(st->reported_cp, 2000);
	svc_status_release(&s);
	rf_submit(f, rf_on(2022, 4, 28), a, "2022-04", 35, NULL, NULL);
	st = status_of(f, a, 2022, 4, 28, &s);
	assert_int_equal(st->reported_cp, 3500);
	assert_false(st->flags & FLAG_REPORT_OVERDUE);
	assert_int_equal(st->rag, RAG_GREEN);
	svc_status_release(&s);
	/* No May report by 05-26: 逾期未报 for 2022-05. */
	st = status_of(f, a, 2022, 5, 26, &s);
	assert_true(st->flags & FLAG_REPORT_OVERDUE);
	assert_int_equal(st->missing_reports, 1);
	why_of(&s, a, &why);
	assert_non_null(strstr(why.flag[1], "2022-05"));
	svc_status_release(&s);
	/* A config with a grace period: not yet overdue on 05-26. */
	{
		struct status_config cfg;

		status_config_default(&cfg);
		cfg.report_grace_days = 3;
		judge(f, 2022, 5, 26, &cfg, &s);
		assert_false(item(&s, a, NULL)->st.flags & FLAG_REPORT_OVERDUE);
		svc_status_release(&s);
	}
}

/* An extension approved before the due date moves it; a past as-of date still has the old one. */
static void test_extension_timeline(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 3, "市财政局"), x = 0;
	struct svc_rctx rc = rf_on(2022, 3, 29);
	struct svc_status s;
	const struct status *st;
	struct err e = ERR_INIT;

	rf_ok(svc_assignment_sign(f->st, &rc, a, NULL, &e), &e, "sign");
	rf_submit(f, rf_on(2022, 6, 20), a, "2022-06", 70, "大部分已清理", "可能");
	st = status_of(f, a, 2022, 7, 1, &s);
	assert_true(st->flags & FLAG_PAST_DUE);
	assert_int_equal(st->rag, RAG_RED);
	svc_status_release(&s);
	rc = rf_on(2022, 6, 22);
	rf_ok(svc_extension_request(f->st, &rc, a, (struct date){ 2022, 9, 30 }, "审批周期长", &x, &e),
	      &e, "request");
	st = status_of(f, a, 2022, 6, 23, &s);
	assert_true(st->ext_pending);
	svc_status_release(&s);
	rc = rf_on(2022, 6, 25);
	rf_ok(svc_extension_decide(f->st, &rc, x, true, DATE_NONE, NULL, &e), &e, "approve");
	st = status_of(f, a, 2022, 7, 1, &s);
	assert_false(st->flags & FLAG_PAST_DUE);
	assert_int_equal(date_cmp(st->due, (struct date){ 2022, 9, 30 }), 0);
	assert_int_equal(date_cmp(st->orig_due, (struct date){ 2022, 6, 30 }), 0);
	svc_status_release(&s);
	st = status_of(f, a, 2022, 6, 24, &s);	/* before the approval */
	assert_int_equal(date_cmp(st->due, (struct date){ 2022, 6, 30 }), 0);
	svc_status_release(&s);
	st = status_of(f, a, 2022, 10, 1, &s);
	assert_true(st->flags & FLAG_PAST_DUE);
	svc_status_release(&s);
}

/* A reassigned assignment: 已改派 from the decision on, the new one 尚未交办 before it. */
static void test_reassign_timeline(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 1, "市工信局"), b = 0;
	struct svc_rctx rc = rf_on(2022, 3, 30);
	struct svc_status s;
	const struct svc_status_task *t;
	struct err e = ERR_INIT;

	rf_ok(svc_assignment_dispute(f->st, &rc, a, "非本单位职责", &e), &e, "dispute");
	/* While the dispute is open the sign-for flag is suspended. */
	judge(f, 2022, 4, 5, NULL, &s);
	assert_int_equal(item(&s, a, NULL)->st.lifecycle, LC_PENDING_SIGN);
	assert_false(item(&s, a, NULL)->st.flags & FLAG_SIGN_OVERDUE);
	svc_status_release(&s);
	rc = rf_on(2022, 4, 6);
	rf_ok(svc_dispute_reassign(f->st, &rc, a, "市交通局", NULL, &b, &e), &e, "reassign");
	judge(f, 2022, 4, 6, NULL, &s);
	assert_int_equal(item(&s, a, NULL)->st.lifecycle, LC_WITHDRAWN);
	assert_int_equal(item(&s, b, NULL)->st.lifecycle, LC_PENDING_SIGN);
	t = svc_status_task(&s, 1);
	assert_int_equal(t->ts.n_withdrawn, 1);
	assert_int_equal(t->ts.n, 2);	/* 市发改委 and 市交通局 */
	svc_status_release(&s);
	judge(f, 2022, 4, 5, NULL, &s);
	assert_int_equal(item(&s, a, NULL)->st.lifecycle, LC_PENDING_SIGN);
	assert_int_equal(item(&s, b, NULL)->st.lifecycle, LC_NOT_ISSUED);
	svc_status_release(&s);
	/* The new unit's sign-for deadline counts from the decision. */
	judge(f, 2022, 4, 9, NULL, &s);
	assert_false(item(&s, b, NULL)->st.flags & FLAG_SIGN_OVERDUE);
	svc_status_release(&s);
	judge(f, 2022, 4, 10, NULL, &s);
	assert_true(item(&s, b, NULL)->st.flags & FLAG_SIGN_OVERDUE);
	svc_status_release(&s);
}

/* A milestone steps 序时进度; 100% and 销号 give 已完成待核验 and 已销号. */
static void test_milestone_and_verify(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 2, "市交通局"), r;
	struct svc_rctx rc = rf_on(2022, 3, 29);
	struct svc_status s;
	const struct status *st;
	struct err e = ERR_INIT;

	rf_ok(svc_assignment_sign(f->st, &rc, a, NULL, &e), &e, "sign");
	rf_submit(f, rf_on(2022, 6, 24), a, "2022-06", 40, "开工准备", "可能");
	st = status_of(f, a, 2022, 6, 29, &s);
	assert_int_equal(st->basis, BASIS_STEP);
	assert_int_equal(st->expected_cp, 0);	/* before the node */
	svc_status_release(&s);
	st = status_of(f, a, 2022, 6, 30, &s);
	assert_int_equal(st->expected_cp, 5000);	/* on the node: its value, */
	assert_int_equal(st->rag, RAG_AMBER);		/* but not yet passed: 10 points behind */
	svc_status_release(&s);
	st = status_of(f, a, 2022, 7, 1, &s);
	assert_int_equal(st->expected_cp, 5000);
	assert_int_equal(st->rag, RAG_RED);	/* the passed node is unmet */
	assert_int_equal(date_cmp(st->milestone_unmet, (struct date){ 2022, 6, 30 }), 0);
	svc_status_release(&s);
	r = rf_submit(f, rf_on(2022, 7, 20), a, "2022-07", 100, "已建成", "很可能");
	st = status_of(f, a, 2022, 7, 20, &s);
	assert_int_equal(st->lifecycle, LC_DONE);
	assert_int_equal(st->rag, RAG_GREEN);
	svc_status_release(&s);
	rc = rf_on(2022, 7, 22);
	rf_ok(svc_report_review(f->st, &rc, r, REVIEW_ACCEPTED, NULL, &e), &e, "accept");
	rf_ok(svc_assignment_verify(f->st, &rc, a, NULL, &e), &e, "verify");
	st = status_of(f, a, 2022, 7, 22, &s);
	assert_int_equal(st->lifecycle, LC_VERIFIED);
	svc_status_release(&s);
	st = status_of(f, a, 2022, 7, 21, &s);
	assert_int_equal(st->lifecycle, LC_DONE);
	svc_status_release(&s);
}

/* Units are found by name, alias or as written; groups are refused; sums per unit. */
static void test_units_and_config(void **state)
{
	struct rf *f = *state;
	struct svc_status s;
	struct status_config cfg;
	bool *match;
	char name[64], *path;
	size_t n = 0;
	struct err e = ERR_INIT;

	judge(f, 2022, 4, 10, NULL, &s);
	match = xcalloc(s.nitems, sizeof(*match));
	rf_ok(svc_status_match_unit(f->st, &s, "安康市发展和改革委员会", match, name, sizeof(name), &e),
	      &e, "alias");
	assert_string_equal(name, "市发改委");
	for (size_t i = 0; i < s.nitems; i++)
		n += match[i];
	assert_int_equal(n, 1);
	assert_int_equal(svc_status_match_unit(f->st, &s, "各县（市、区）政府", match, name,
					       sizeof(name), &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	assert_int_equal(svc_status_match_unit(f->st, &s, "市无此局", match, name, sizeof(name), &e),
			 -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);
	free(match);
	/* Every unit once; the two counties came through the group. */
	assert_int_equal(s.nunits, 6);
	for (size_t u = 0; u < s.nunits; u++)
		assert_int_equal(s.units[u].us.n, 1);
	assert_int_equal(s.nsample, 0);
	svc_status_release(&s);

	/* The shipped example config is the documented defaults. */
	path = xasprintf("%s/status.conf", getenv("DUBAN_EXAMPLES"));
	rf_ok(svc_status_config_load(path, &cfg, &e), &e, "examples/status.conf");
	{
		struct status_config def;

		status_config_default(&def);
		assert_memory_equal(&cfg, &def, sizeof(cfg));
	}
	free(path);
	path = xasprintf("%s/nonexistent.conf", f->dir);
	assert_int_equal(svc_status_config_load(path, &cfg, &e), -1);
	free(path);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_sign_timeline),
		T(test_report_timeline),
		T(test_extension_timeline),
		T(test_reassign_timeline),
		T(test_milestone_and_verify),
		T(test_units_and_config),
	};

	if (hash_init())
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
