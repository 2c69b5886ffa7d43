/* Unit tests for store_reporting_load_recent and a submission's stored report, against the whole history. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "service/report_service.h"
#include "store/store.h"
#include "store/store_reports.h"
#include "util/err.h"
#include "util/hash.h"
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

static void review(struct rf *f, int64_t report, struct svc_rctx rc, enum review_state d,
		   const char *reason)
{
	struct err e = ERR_INIT;

	rf_ok(svc_report_review(f->st, &rc, report, d, reason, &e), &e, "review");
}

static struct date day_of(int y, int m, int d)
{
	return (struct date){ y, m, d };
}

static const struct store_report *by_id(const struct store_reporting *rec, int64_t id)
{
	for (size_t i = 0; i < rec->nreports; i++)
		if (rec->reports[i].id == id)
			return &rec->reports[i];
	return NULL;
}

static void same_text(const char *a, const char *b)
{
	assert_string_equal(a ? a : "", b ? b : "");
}

/* Two loads of one report agree on what both read (values only when `values`). */
static void same_report(const struct store_report *a, const struct store_report *b, bool values)
{
	assert_int_equal(a->id, b->id);
	assert_int_equal(a->assignment_id, b->assignment_id);
	assert_int_equal(period_cmp(a->period, b->period), 0);
	assert_int_equal(a->version, b->version);
	assert_true(a->percent == b->percent);
	same_text(a->progress, b->progress);
	same_text(a->problems, b->problems);
	same_text(a->next_steps, b->next_steps);
	assert_int_equal(a->likelihood, b->likelihood);
	same_text(a->author, b->author);
	assert_int_equal(date_cmp(a->submitted_on, b->submitted_on), 0);
	same_text(a->recorded_at, b->recorded_at);
	assert_int_equal(a->sample, b->sample);
	assert_int_equal(a->review, b->review);
	if (a->review != REVIEW_PENDING) {
		same_text(a->review_reason, b->review_reason);
		same_text(a->reviewer, b->reviewer);
		assert_int_equal(date_cmp(a->reviewed_on, b->reviewed_on), 0);
	}
	if (!values)
		return;
	assert_int_equal(a->nvalues, b->nvalues);
	for (size_t i = 0; i < a->nvalues; i++) {
		assert_int_equal(a->values[i].seq, b->values[i].seq);
		assert_true(a->values[i].actual == b->values[i].actual);
	}
	assert_int_equal(a->nattachments, b->nattachments);
	for (size_t i = 0; i < a->nattachments; i++) {
		assert_string_equal(a->attachments[i].sha256, b->attachments[i].sha256);
		same_text(a->attachments[i].name, b->attachments[i].name);
		same_text(a->attachments[i].mime, b->attachments[i].mime);
		assert_int_equal(a->attachments[i].size, b->attachments[i].size);
	}
}

/*
 * The recent load of assignment `a` on `day` (the `nperiods` newest
 * periods, 0: all) against its whole record: exactly, for each of those
 * periods, the latest version and the latest submitted by `day`, in the
 * same order; the latest report whole; with every period, the same report
 * in use; and everything else the record holds.
 */
static void check_recent(struct rf *f, int64_t a, struct date day, size_t nperiods)
{
	struct svc_assignment_record full, recent;
	struct store_reporting rec;
	const struct store_report *u1, *u2;
	struct err e = ERR_INIT;
	size_t n = 0, periods = 0;

	svc_assignment_record_init(&full);
	rf_ok(svc_assignment_record_load(f->st, 0, a, &full, &e), &e, "load");
	store_reporting_init(&rec);
	rf_ok(store_reporting_load_recent(f->st, a, day, nperiods, &rec, &e), &e, "recent");
	for (size_t i = 0; i < full.rec.nreports; i++)
		if (!i || period_cmp(full.rec.reports[i].period, full.rec.reports[i - 1].period))
			periods++;

	for (size_t i = 0, period_no = 0; i < full.rec.nreports; i++) {
		const struct store_report *x = &full.rec.reports[i], *got;
		bool last_of_period = i + 1 == full.rec.nreports ||
				      period_cmp(full.rec.reports[i + 1].period, x->period);
		bool used_of_period = date_cmp(x->submitted_on, day) <= 0;
		bool newest;

		if (!i || period_cmp(x->period, full.rec.reports[i - 1].period))
			period_no++;
		newest = !nperiods || period_no + nperiods > periods;

		/* The latest version of its period submitted by `day`: none later in it is. */
		for (size_t k = i + 1; used_of_period && k < full.rec.nreports &&
				       !period_cmp(full.rec.reports[k].period, x->period); k++)
			if (date_cmp(full.rec.reports[k].submitted_on, day) <= 0)
				used_of_period = false;
		got = by_id(&rec, x->id);
		if (!newest || (!last_of_period && !used_of_period)) {
			assert_null(got);
			continue;
		}
		assert_non_null(got);
		assert_ptr_equal(got, &rec.reports[n]);	/* in the same order */
		n++;
		same_report(x, got, i + 1 == full.rec.nreports);
	}
	assert_int_equal(rec.nreports, n);
	for (size_t i = 0; i + 1 < rec.nreports; i++)
		assert_int_equal(rec.reports[i].nvalues + rec.reports[i].nattachments, 0);

	assert_int_equal(!rec.signoff, !full.rec.signoff);
	assert_int_equal(!rec.dispute, !full.rec.dispute);
	assert_int_equal(!rec.reassigned_from, !full.rec.reassigned_from);
	assert_int_equal(!rec.verification, !full.rec.verification);
	assert_int_equal(rec.nextensions, full.rec.nextensions);

	/* With every period: the report in use, by the same rule, on either. */
	recent = full;
	recent.rec = rec;
	u1 = svc_report_in_use(&full, day);
	u2 = svc_report_in_use(&recent, day);
	if (!nperiods)
		assert_int_equal(u1 ? u1->id : 0, u2 ? u2->id : 0);
	else if (u2)	/* found among the newest periods: the same */
		assert_int_equal(u1 ? u1->id : 0, u2->id);

	store_reporting_release(&rec);
	svc_assignment_record_release(&full);
}

static int64_t submit_values(struct rf *f, struct svc_rctx rc, int64_t a, const char *period,
			     double percent, double invest)
{
	struct svc_report_value_in v = { 1, invest };
	struct svc_report_input in;

	memset(&in, 0, sizeof(in));
	in.assignment_id = a;
	in.period = period;
	in.percent = percent;
	in.values = &v;
	in.nvalues = 1;
	return rf_submit_input(f, rc, &in);
}

static void test_recent_matches_history(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 1, "市发改委"), r;
	struct store_reporting rec;
	struct err e = ERR_INIT;
	struct svc_rctx rc = rf_on(2022, 3, 30);

	assert_true(a > 0);
	/* No report yet: nothing recent, and no error. */
	store_reporting_init(&rec);
	rf_ok(store_reporting_load_recent(f->st, a, day_of(2022, 4, 1), 0, &rec, &e), &e, "empty");
	assert_int_equal(rec.nreports, 0);
	store_reporting_release(&rec);
	rf_ok(svc_assignment_sign(f->st, &rc, a, NULL, &e), &e, "sign");

	/*
	 * April: three versions, the third entered for a later day than the
	 * next ones (the office records acts of other days); accepted, then
	 * revised.  May: two versions, the first returned.  June: one.
	 */
	rf_submit(f, rf_on(2022, 4, 20), a, "2022-04", 20, "四月第一版", "可能");
	r = submit_values(f, rf_on(2022, 4, 21), a, "2022-04", 22, 100e8);
	review(f, r, rf_on(2022, 4, 22), REVIEW_ACCEPTED, NULL);
	rf_submit(f, rf_on(2022, 4, 29), a, "2022-04", 25, "四月第三版", NULL);
	r = rf_submit(f, rf_on(2022, 5, 20), a, "2022-05", 30, "五月第一版", "很可能");
	review(f, r, rf_on(2022, 5, 22), REVIEW_RETURNED, "数据不全");
	submit_values(f, rf_on(2022, 5, 25), a, "2022-05", 35, 200e8);
	rf_submit(f, rf_on(2022, 4, 24), a, "2022-04", 24, "四月第四版（补录）", NULL);
	submit_values(f, rf_on(2022, 6, 21), a, "2022-06", 45, 300e8);

	/* Every day that changes the answer, and some around them. */
	{
		static const int days[][3] = {
			{ 2022, 4, 1 },	  { 2022, 4, 20 }, { 2022, 4, 21 }, { 2022, 4, 22 },
			{ 2022, 4, 23 },
			{ 2022, 4, 24 },  { 2022, 4, 29 }, { 2022, 5, 20 }, { 2022, 5, 22 },
			{ 2022, 5, 25 },  { 2022, 6, 20 }, { 2022, 6, 21 }, { 2022, 12, 31 },
		};

		for (size_t i = 0; i < sizeof(days) / sizeof(*days); i++)
			for (size_t k = 0; k <= 4; k++)
				check_recent(f, a, day_of(days[i][0], days[i][1], days[i][2]), k);
	}

	/* A later version of an earlier period: still the latest by period, then version. */
	rf_submit(f, rf_on(2022, 6, 25), a, "2022-05", 40, "五月第三版", NULL);
	for (size_t k = 0; k <= 2; k++) {
		check_recent(f, a, day_of(2022, 6, 25), k);
		check_recent(f, a, day_of(2022, 5, 21), k);
	}
}

/* Whether `res` holds a note containing `what`. */
static bool has_note(const struct svc_report_result *res, const char *what)
{
	for (size_t i = 0; i < res->notes.n; i++)
		if (strstr(res->notes.v[i].msg, what))
			return true;
	return false;
}

static void submit_notes(struct rf *f, struct svc_rctx rc, int64_t a, const char *period,
			 double percent, struct svc_report_result *res)
{
	struct svc_report_input in;
	struct err e = ERR_INIT;

	memset(&in, 0, sizeof(in));
	in.assignment_id = a;
	in.period = period;
	in.percent = percent;
	in.progress = "按计划推进";
	svc_report_result_init(res);
	rf_ok(svc_report_submit(f->st, &rc, &in, res, &e), &e, "submit");
}

/*
 * The notes that read beyond the newest periods: the report in use when
 * the newest periods were returned, and the accepted version an older
 * period's revision follows.
 */
static void test_notes_beyond_newest_periods(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 1, "市发改委"), r4, r5, r6;
	struct svc_report_result res;
	struct err e = ERR_INIT;
	struct svc_rctx rc = rf_on(2022, 3, 30);

	rf_ok(svc_assignment_sign(f->st, &rc, a, NULL, &e), &e, "sign");
	r4 = rf_submit(f, rf_on(2022, 4, 20), a, "2022-04", 50, "四月", NULL);
	review(f, r4, rf_on(2022, 4, 21), REVIEW_ACCEPTED, NULL);
	r5 = rf_submit(f, rf_on(2022, 5, 20), a, "2022-05", 60, "五月", NULL);
	review(f, r5, rf_on(2022, 5, 21), REVIEW_RETURNED, "不实");
	r6 = rf_submit(f, rf_on(2022, 6, 20), a, "2022-06", 70, "六月", NULL);
	review(f, r6, rf_on(2022, 6, 21), REVIEW_RETURNED, "不实");

	/* In use on July 20: April's (May and June were returned). */
	submit_notes(f, rf_on(2022, 7, 20), a, "2022-07", 45, &res);
	assert_true(has_note(&res, "低于上次报告（2022-04 第 1 版）的 50%"));
	assert_false(has_note(&res, "已审核通过"));
	svc_report_result_release(&res);
	/* April revised: its first version was accepted; July's is in use now. */
	submit_notes(f, rf_on(2022, 7, 21), a, "2022-04", 80, &res);
	assert_int_equal(res.version, 2);
	assert_true(has_note(&res, "2022-04 的第 1 版已审核通过"));
	assert_false(has_note(&res, "低于上次报告"));
	svc_report_result_release(&res);
	/* June revised: its first version was returned, not accepted; 44 is below July's 45. */
	submit_notes(f, rf_on(2022, 7, 22), a, "2022-06", 44, &res);
	assert_false(has_note(&res, "已审核通过"));
	assert_true(has_note(&res, "低于上次报告（2022-07 第 1 版）的 45%"));
	svc_report_result_release(&res);
}

/* The report a submission answers with is the report as stored, as a full load reads it. */
static void test_submit_answers_stored(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 1, "市工信局");
	struct svc_report_value_in v = { 2, 6.2 };
	static const char pdf[] = "%PDF-1.4\n% test\n";
	struct svc_upload up = { "dir/进展.pdf", pdf, sizeof(pdf) - 1 };
	struct svc_rctx rc = rf_on(2022, 4, 25);
	struct svc_assignment_record full;
	struct svc_report_input in;
	struct svc_report_result res;
	struct err e = ERR_INIT;

	rf_submit(f, rf_on(2022, 4, 20), a, "2022-04", 20, "第一版", "可能");
	memset(&in, 0, sizeof(in));
	in.assignment_id = a;
	in.period = "2022-04";
	in.percent = 100.0 / 3;
	in.problems = "资金未到位";
	in.values = &v;
	in.nvalues = 1;
	in.uploads = &up;
	in.nuploads = 1;
	svc_report_result_init(&res);
	rf_ok(svc_report_submit(f->st, &rc, &in, &res, &e), &e, "submit");
	assert_int_equal(res.stored.id, res.report_id);
	assert_int_equal(res.stored.version, 2);
	assert_non_null(res.stored.recorded_at);
	assert_string_equal(res.stored.progress, "第一版");	/* carried over */
	assert_int_equal(res.stored.review, REVIEW_PENDING);
	assert_int_equal(res.assignment.a.id, a);
	assert_string_equal(res.assignment.a.unit_name, "市工信局");
	assert_int_equal(res.assignment.task_no, 1);

	svc_assignment_record_init(&full);
	rf_ok(svc_assignment_record_load(f->st, 0, a, &full, &e), &e, "load");
	assert_int_equal(full.rec.nreports, 2);
	same_report(&full.rec.reports[1], &res.stored, true);
	assert_int_equal(res.stored.nattachments, 1);
	assert_string_equal(res.stored.attachments[0].name, "进展.pdf");
	assert_int_equal(res.assignment.plan_id, full.ctx.row.plan_id);
	assert_int_equal(res.assignment.a.role, full.ctx.row.a.role);
	assert_int_equal(res.assignment.a.unit_id, full.ctx.row.a.unit_id);
	svc_assignment_record_release(&full);
	svc_report_result_release(&res);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_recent_matches_history),
		T(test_submit_answers_stored),
		T(test_notes_beyond_newest_periods),
	};

	if (hash_init())
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
