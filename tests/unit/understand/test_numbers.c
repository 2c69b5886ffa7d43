/* Unit tests for figure parsing: Arabic and Chinese numerals, magnitude words, units. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "import/numbers.h"
#include "import/textscan.h"

/* Parse the figure at the start of text; -1 if none. */
static int parse(const char *text, struct num *n)
{
	struct tscan s;
	int r;

	tscan_init(&s, text);
	r = num_parse(&s, 0, n);
	tscan_release(&s);
	return r;
}

static double value_of(const char *text)
{
	struct num n;

	if (parse(text, &n) < 0)
		return -1;
	return n.value;
}

static void test_arabic_and_magnitude_words(void **state)
{
	(void)state;
	/* exact decimal arithmetic: 2.27亿 is 227000000, not 226999999.99999997 */
	assert_true(value_of("2.27亿元") == 227000000.0);
	assert_true(value_of("4.95 亿元") == 495000000.0);
	assert_true(value_of("1.5亿美元") == 150000000.0);
	assert_true(value_of("590 亿元") == 59000000000.0);
	assert_true(value_of("3万亩") == 30000.0);
	assert_true(value_of("1.2万人次") == 12000.0);
	assert_true(value_of("60万平方米") == 600000.0);
	assert_true(value_of("5千万元") == 50000000.0);
	assert_true(value_of("2万亿元") == 2e12);
	assert_true(value_of("0.35%") == 0.35);
	assert_true(value_of("1,250个") == 1250.0);
	assert_true(value_of("１２．５％") == 12.5);	/* full-width digits and point */
}

static void test_chinese_numerals(void **state)
{
	(void)state;
	assert_true(value_of("两万亩") == 20000.0);
	assert_true(value_of("三千万元") == 30000000.0);
	assert_true(value_of("一百二十个") == 120.0);
	assert_true(value_of("十五所") == 15.0);
	assert_true(value_of("二十个") == 20.0);
	assert_true(value_of("十万亩") == 100000.0);
	assert_true(value_of("百亿元") == 1e10);
	assert_true(value_of("一百零五家") == 105.0);
	assert_true(value_of("三亿五千万元") == 350000000.0);
	assert_true(value_of("百分之三十") == 30.0);
	/* labels and malformed runs are no figure */
	assert_true(value_of("十百千万") == -1);
	assert_true(value_of("二〇二二年") == -1);
	assert_true(value_of("十四五规划") == -1);
	assert_true(value_of("十几个") == -1);
}

static void test_flags(void **state)
{
	struct num n;

	(void)state;
	assert_int_equal(parse("千万元以上", &n), 0);
	assert_true(n.mag_only);
	assert_false(n.arabic);
	assert_int_equal(parse("1100余个", &n), 0);
	assert_true(n.more);
	assert_true(n.arabic);
	assert_int_equal(parse("百分之五", &n), 0);
	assert_true(n.percent);
	/* 750 千伏: 千 starts the unit, it is no magnitude */
	assert_int_equal(parse("750 千伏", &n), 0);
	assert_true(n.value == 750.0);
	assert_int_equal(n.mag_exp, 0);
}

static void test_overflow_is_rejected(void **state)
{
	(void)state;
	assert_true(value_of("99999999999999999999亿元") == -1);
	assert_true(value_of("1000000000000000000000") == -1);
	assert_true(value_of("1234567890123456789012345678901234567890123亩") == -1);
	assert_true(value_of("亿亿亿亿亿") == -1);
	/* 1e18 itself is still a figure; anything above is not */
	assert_true(value_of("100亿亿") == 1e18);
	assert_true(value_of("1000亿亿") == -1);
	/* long fractions keep 18 significant digits and stay finite */
	assert_true(isfinite(value_of("3.14159265358979323846264338327950288")));
}

static void test_units(void **state)
{
	struct tscan s;
	size_t len;
	const struct unit_def *u;

	(void)state;
	tscan_init(&s, "平方公里人次个百分点千伏％kWh");
	u = unit_match(&s, 0, &len);
	assert_non_null(u);
	assert_string_equal(u->unit, "平方公里");
	assert_int_equal(len, 4);
	u = unit_match(&s, 4, &len);
	assert_string_equal(u->unit, "人次");
	u = unit_match(&s, 6, &len);
	assert_string_equal(u->unit, "个百分点");
	u = unit_match(&s, 10, &len);
	assert_int_equal(u->kind, UNIT_LABEL);
	u = unit_match(&s, 12, &len);
	assert_string_equal(u->unit, "%");
	u = unit_match(&s, 13, &len);
	assert_string_equal(u->unit, "kWh");
	assert_null(unit_match(&s, 3, &len));	/* 里 */
	tscan_release(&s);
}

static void test_scan_marks_quotes(void **state)
{
	struct tscan s;

	(void)state;
	tscan_init(&s, "推广“321”模式，《条例》第5条，“未闭合 7个");
	assert_true(s.c[2].flags & TS_QUOTED);	/* “ */
	assert_true(s.c[4].flags & TS_QUOTED);	/* 2 */
	assert_false(s.c[7].flags & TS_QUOTED);	/* 模 */
	assert_true(s.c[11].flags & TS_QUOTED);	/* 条 inside 《》 */
	/* an opener without a closer marks nothing */
	assert_false(s.c[s.n - 2].flags & TS_QUOTED);
	tscan_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arabic_and_magnitude_words),
		cmocka_unit_test(test_chinese_numerals),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_overflow_is_rejected),
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_scan_marks_quotes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
