/* Unit tests for src/domain/period: periods, due dates, calendars. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/period.h"
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
		fail_msg("bad test period %s: %s", s, e.msg);
	return p;
}

static void assert_date(struct date got, const char *want)
{
	char buf[DATE_ISO_LEN];

	date_format_iso(got, buf);
	assert_string_equal(buf, want);
}

static void assert_period(struct period got, const char *want)
{
	char buf[PERIOD_STR_LEN];

	period_format(got, buf);
	assert_string_equal(buf, want);
}

static void test_parse_and_format(void **state)
{
	static const char *const good[] = { "2022-01", "2022-12", "2022-Q1", "2022-Q4", "0001-06" };
	static const char *const bad[] = { "2022-13", "2022-00", "2022-Q5", "2022-Q0", "2022-6",
					   "22-06",   "2022-q2", "2022/06", "2022-06-01", "",
					   "2022-0a" };
	struct period p;
	struct err e = ERR_INIT;
	char buf[PERIOD_STR_LEN];

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		assert_int_equal(period_parse(good[i], &p, "报告期", &e), 0);
		period_format(p, buf);
		assert_string_equal(buf, good[i]);
	}
	p = P("2022-06");
	assert_int_equal(p.cadence, CADENCE_MONTHLY);
	assert_int_equal(p.n, 6);
	p = P("2022-Q3");
	assert_int_equal(p.cadence, CADENCE_QUARTERLY);
	assert_int_equal(p.n, 3);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err_clear(&e);
		assert_int_equal(period_parse(bad[i], &p, "报告期", &e), -1);
		assert_int_equal(e.kind, ERR_INPUT);
		assert_non_null(strstr(e.msg, "报告期"));
	}
	assert_int_equal(period_parse(NULL, &p, NULL, &e), -1);
	period_format(PERIOD_NONE, buf);
	assert_string_equal(buf, "");
	assert_false(period_is_set(PERIOD_NONE));
}

static void test_due_dates_clamp_to_month_end(void **state)
{
	(void)state;
	assert_date(period_due(P("2022-06"), 25), "2022-06-25");
	assert_date(period_due(P("2022-06"), 31), "2022-06-30");
	assert_date(period_due(P("2022-02"), 30), "2022-02-28");
	assert_date(period_due(P("2024-02"), 30), "2024-02-29");	/* leap year */
	assert_date(period_due(P("2100-02"), 29), "2100-02-28");	/* not leap */
	assert_date(period_due(P("2000-02"), 31), "2000-02-29");	/* leap */
	/* quarterly: the due day of the quarter's last month */
	assert_date(period_due(P("2022-Q1"), 25), "2022-03-25");
	assert_date(period_due(P("2022-Q2"), 31), "2022-06-30");
	assert_date(period_due(P("2022-Q4"), 25), "2022-12-25");
	assert_date(period_start(P("2022-Q3")), "2022-07-01");
	assert_date(period_end(P("2022-Q3")), "2022-09-30");
	assert_date(period_end(P("2024-02")), "2024-02-29");
}

static void test_order_and_arithmetic(void **state)
{
	struct period p;

	(void)state;
	assert_period(period_add(P("2022-12"), 1), "2023-01");
	assert_period(period_add(P("2022-01"), -1), "2021-12");
	assert_period(period_add(P("2022-Q4"), 1), "2023-Q1");
	assert_period(period_add(P("2022-Q1"), -5), "2020-Q4");
	assert_int_equal(period_ord(P("2023-01")) - period_ord(P("2022-01")), 12);
	assert_int_equal(period_ord(P("2023-Q1")) - period_ord(P("2022-Q1")), 4);
	for (long o = period_ord(P("1999-01")); o < period_ord(P("2031-01")); o += 7) {
		p = period_from_ord(CADENCE_MONTHLY, o);
		assert_true(period_valid(p));
		assert_int_equal(period_ord(p), o);
	}
	assert_true(period_cmp(P("2022-05"), P("2022-06")) < 0);
	assert_true(period_cmp(P("2023-01"), P("2022-12")) > 0);
	assert_int_equal(period_cmp(P("2022-Q2"), P("2022-Q2")), 0);
	assert_period(period_of(CADENCE_MONTHLY, D("2022-06-30")), "2022-06");
	assert_period(period_of(CADENCE_QUARTERLY, D("2022-06-30")), "2022-Q2");
	assert_period(period_of(CADENCE_QUARTERLY, D("2022-07-01")), "2022-Q3");
	assert_period(period_of(CADENCE_QUARTERLY, D("2022-01-01")), "2022-Q1");
}

static void test_calendar(void **state)
{
	struct calendar cal;
	struct period out[32], p;
	struct err e = ERR_INIT;

	(void)state;
	/* issued after March's due day: the first period is April */
	calendar_init(&cal, CADENCE_MONTHLY, 25, D("2022-03-28"));
	assert_period(cal.first, "2022-04");
	assert_int_equal(calendar_check(&cal, &e), 0);
	/* issued on the due day: that period still owes a report */
	calendar_init(&cal, CADENCE_MONTHLY, 25, D("2022-03-25"));
	assert_period(cal.first, "2022-03");
	calendar_init(&cal, CADENCE_QUARTERLY, 25, D("2022-03-28"));
	assert_period(cal.first, "2022-Q2");
	calendar_init(&cal, CADENCE_NONE, 0, D("2022-03-01"));
	assert_int_equal(cal.cadence, CADENCE_MONTHLY);
	assert_int_equal(cal.due_day, CALENDAR_DEFAULT_DUE_DAY);

	calendar_init(&cal, CADENCE_MONTHLY, 25, D("2022-03-28"));
	assert_int_equal(calendar_periods(&cal, D("2022-03-31"), out, 32), 0);
	assert_int_equal(calendar_periods(&cal, D("2022-04-01"), out, 32), 1);
	assert_int_equal(calendar_periods(&cal, D("2022-12-31"), out, 32), 9);
	assert_period(out[0], "2022-04");
	assert_period(out[8], "2022-12");
	assert_int_equal(calendar_periods(&cal, D("2023-02-01"), out, 3), 11);
	assert_period(out[2], "2022-06");
	assert_int_equal(calendar_periods(&cal, D("2023-02-01"), NULL, 0), 11);

	/* the due day itself is not past; the day after is */
	assert_false(calendar_last_due_before(&cal, D("2022-04-25"), &p));
	assert_true(calendar_last_due_before(&cal, D("2022-04-26"), &p));
	assert_period(p, "2022-04");
	assert_true(calendar_last_due_before(&cal, D("2022-06-25"), &p));
	assert_period(p, "2022-05");
	assert_true(calendar_last_due_before(&cal, D("2022-06-26"), &p));
	assert_period(p, "2022-06");

	cal.due_day = 0;
	assert_int_equal(calendar_check(&cal, &e), -1);
	assert_non_null(strstr(e.msg, "报送日"));
	cal.due_day = 25;
	cal.first = P("2022-Q2");
	assert_int_equal(calendar_check(&cal, &e), -1);
	assert_non_null(strstr(e.msg, "2022-Q2"));
	cal.cadence = CADENCE_NONE;
	assert_int_equal(calendar_check(&cal, &e), -1);
}

static void test_cadence_names(void **state)
{
	enum cadence c;

	(void)state;
	assert_int_equal(cadence_parse("monthly", &c), 0);
	assert_int_equal(c, CADENCE_MONTHLY);
	assert_int_equal(cadence_parse("季报", &c), 0);
	assert_int_equal(c, CADENCE_QUARTERLY);
	assert_int_equal(cadence_parse("weekly", &c), -1);
	assert_string_equal(cadence_name(CADENCE_QUARTERLY), "quarterly");
	assert_string_equal(cadence_label(CADENCE_MONTHLY), "月报");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_and_format),
		cmocka_unit_test(test_due_dates_clamp_to_month_end),
		cmocka_unit_test(test_order_and_arithmetic),
		cmocka_unit_test(test_calendar),
		cmocka_unit_test(test_cadence_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
