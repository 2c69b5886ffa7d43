/* Unit tests for the status engine's configuration: defaults, parsing, errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/status.h"
#include "util/err.h"

static void test_defaults(void **state)
{
	struct status_config cfg;
	struct err e = ERR_INIT;

	(void)state;
	status_config_default(&cfg);
	assert_int_equal(cfg.amber_gap_cp, 1000);
	assert_int_equal(cfg.red_gap_cp, 2500);
	assert_int_equal(cfg.ahead_margin_cp, 500);
	assert_int_equal(cfg.behind_margin_cp, 500);
	assert_int_equal(cfg.sign_days, 3);
	assert_int_equal(cfg.report_grace_days, 0);
	assert_int_equal(cfg.lagging_periods, 2);
	assert_int_equal(cfg.curve, CURVE_STEP);
	assert_int_equal(status_config_check(&cfg, &e), 0);
}

static void test_parse_values(void **state)
{
	struct status_config cfg;
	struct err e = ERR_INIT;
	const char *text = "\xEF\xBB\xBF# 督查室的设置\r\n"
			   "amber_gap = 12.5\r\n"
			   "\n"
			   "   red_gap=30   # 红色\n"
			   "ahead_margin = 0\n"
			   "behind_margin = 2.25\n"
			   "sign_days = 5\n"
			   "report_grace_days = 2\n"
			   "lagging_periods = 0\n"
			   "milestone_curve = ramp";

	(void)state;
	status_config_default(&cfg);
	assert_int_equal(status_config_parse(&cfg, text, "duban.conf", &e), 0);
	assert_int_equal(cfg.amber_gap_cp, 1250);
	assert_int_equal(cfg.red_gap_cp, 3000);
	assert_int_equal(cfg.ahead_margin_cp, 0);
	assert_int_equal(cfg.behind_margin_cp, 225);
	assert_int_equal(cfg.sign_days, 5);
	assert_int_equal(cfg.report_grace_days, 2);
	assert_int_equal(cfg.lagging_periods, 0);
	assert_int_equal(cfg.curve, CURVE_RAMP);
	/* an empty text changes nothing */
	assert_int_equal(status_config_parse(&cfg, "", "x", &e), 0);
	assert_int_equal(cfg.amber_gap_cp, 1250);
}

static void expect_error(const char *text, const char *want)
{
	struct status_config cfg, before;
	struct err e = ERR_INIT;

	status_config_default(&cfg);
	before = cfg;
	if (status_config_parse(&cfg, text, "duban.conf", &e) != -1)
		fail_msg("accepted: %s", text);
	assert_int_equal(e.kind, ERR_INPUT);
	if (!strstr(e.msg, want))
		fail_msg("message \"%s\" lacks \"%s\"", e.msg, want);
	assert_memory_equal(&cfg, &before, sizeof(cfg));	/* untouched */
}

static void test_parse_errors(void **state)
{
	(void)state;
	expect_error("amber_gap = 10\nred_gap = 20\ncolour = red\n", "duban.conf:3: 未知配置项“colour”");
	expect_error("amber_gap 10\n", "duban.conf:1: 缺少“=”");
	expect_error("amber_gap = abc\n", "duban.conf:1: amber_gap 的值“abc”无效");
	expect_error("amber_gap = 10.123\n", "duban.conf:1: amber_gap 的值“10.123”无效");
	expect_error("amber_gap = 0\n", "0.01 到 100");
	expect_error("amber_gap = 100.01\n", "amber_gap 的值");
	expect_error("amber_gap = -1\n", "amber_gap 的值“-1”无效");
	expect_error("amber_gap = 10.\n", "无效");
	expect_error("amber_gap =\n", "无效");
	expect_error("behind_margin = 101\n", "0 到 100");
	expect_error("sign_days = 2.5\n", "整数天数");
	expect_error("sign_days = 366\n", "sign_days");
	expect_error("lagging_periods = 25\n", "0 到 24");
	expect_error("milestone_curve = linear\n", "step 或 ramp");
	expect_error("# x\nred_gap = 20\n\nred_gap = 30\n", "duban.conf:4: 配置项“red_gap”重复（第 2 行已设置）");
	expect_error("amber_gap = 30\n", "duban.conf:1: amber_gap（30）不能大于 red_gap（25）");
	expect_error("red_gap = 5\n# 注释\n", "duban.conf:1: amber_gap（10）不能大于 red_gap（5）");
}

static void test_write_round_trip(void **state)
{
	struct status_config cfg, back;
	struct err e = ERR_INIT;
	char buf[4096];

	(void)state;
	status_config_default(&cfg);
	cfg.amber_gap_cp = 1234;
	cfg.behind_margin_cp = 0;
	cfg.lagging_periods = 3;
	cfg.curve = CURVE_RAMP;
	status_config_write(&cfg, buf, sizeof(buf));
	assert_non_null(strstr(buf, "amber_gap = 12.34\n"));
	assert_non_null(strstr(buf, "milestone_curve = ramp\n"));
	status_config_default(&back);
	assert_int_equal(status_config_parse(&back, buf, "written", &e), 0);
	assert_memory_equal(&cfg, &back, sizeof(cfg));
	/* and the defaults document themselves */
	status_config_default(&cfg);
	status_config_write(&cfg, buf, sizeof(buf));
	assert_non_null(strstr(buf, "red_gap = 25\n"));
	assert_non_null(strstr(buf, "sign_days = 3\n"));
}

static void test_check(void **state)
{
	struct status_config cfg;
	struct err e = ERR_INIT;

	(void)state;
	status_config_default(&cfg);
	cfg.lagging_periods = 99;
	assert_int_equal(status_config_check(&cfg, &e), -1);
	assert_non_null(strstr(e.msg, "lagging_periods"));
	status_config_default(&cfg);
	cfg.red_gap_cp = 900;
	assert_int_equal(status_config_check(&cfg, &e), -1);
	assert_non_null(strstr(e.msg, "不能大于"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_parse_values),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_write_round_trip),
		cmocka_unit_test(test_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
