/* Unit tests for the assessment rules file: documented defaults, parsing, errors, round trip. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/assess.h"
#include "util/err.h"

#define ASSERT_CONTAINS(hay, needle)                                                  \
	do {                                                                           \
		if (!strstr((hay), (needle)))                                          \
			fail_msg("\"%s\" lacks \"%s\"", (hay), (needle));              \
	} while (0)

/* The defaults the header documents. */
static void test_defaults(void **state)
{
	struct assess_config c;
	struct err e = ERR_INIT;

	(void)state;
	assess_config_default(&c);
	assert_int_equal(assess_config_check(&c, &e), 0);
	assert_int_equal(c.duty_base_cp, 4000);
	assert_int_equal(c.sign_days, 3);
	assert_int_equal(c.sign_late_cp, 100);
	assert_int_equal(c.sign_missing_cp, 200);
	assert_int_equal(c.report_missing_cp, 200);
	assert_int_equal(c.report_late_cp, 50);
	assert_int_equal(c.report_returned_cp, 100);
	assert_int_equal(c.notice_unanswered_cp, 100);
	assert_int_equal(c.dispute_rejected_cp, 100);
	assert_int_equal(c.duty_deduct_cap_cp, 4000);
	assert_int_equal(c.efficiency_base_cp, 3000);
	assert_int_equal(c.first_report_days, 30);
	assert_int_equal(c.first_report_late_cp, 100);
	assert_int_equal(c.reply_late_per_day_cp, 10);
	assert_int_equal(c.reply_late_cap_cp, 100);
	assert_int_equal(c.complete_late_per_day_cp, 10);
	assert_int_equal(c.complete_late_cap_cp, 300);
	assert_int_equal(c.early_days, 30);
	assert_int_equal(c.early_bonus_cp, 100);
	assert_int_equal(c.efficiency_bonus_cap_cp, 500);
	assert_int_equal(c.efficiency_deduct_cap_cp, 3000);
	assert_int_equal(c.completion_base_cp, 3000);
	assert_int_equal(c.task_points_lead_cp, 200);
	assert_int_equal(c.task_points_co_cp, 100);
	assert_int_equal(c.load_per_point_cp, 50);
	assert_int_equal(c.load_cap_cp, 1000);
	assert_int_equal(c.beat_margin_cp, 1000);
	assert_int_equal(c.approx_tolerance_cp, 500);
	assert_int_equal(c.beat_bonus_cp, 100);
	assert_int_equal(c.red_period_cp, 50);
	assert_int_equal(c.completion_bonus_cap_cp, 500);
	assert_int_equal(c.completion_deduct_cap_cp, 3000);
	assert_int_equal(assess_step_cp(&c, STEP_REMIND), 0);
	assert_int_equal(assess_step_cp(&c, STEP_URGE), 50);
	assert_int_equal(assess_step_cp(&c, STEP_BLUE), 100);
	assert_int_equal(assess_step_cp(&c, STEP_ORANGE), 200);
	assert_int_equal(assess_step_cp(&c, STEP_RED), 300);
	assert_int_equal(assess_step_cp(&c, STEP_ESCALATE), 400);
	assert_int_equal(assess_step_cp(&c, STEP_INTERVIEW), 500);
	assert_int_equal(assess_step_cp(&c, STEP_ACCOUNT), 0);
	assert_int_equal(c.accountability_cp, 500);
	assert_int_equal(c.nweights, 0);
	assert_int_equal(assess_ground_part(GROUND_INEFFECTIVE), PART_DUTY);
	assert_int_equal(assess_ground_part(GROUND_SHIRKING), PART_DUTY);
	assert_int_equal(assess_ground_part(GROUND_INEFFICIENT), PART_EFFICIENCY);
	assert_int_equal(assess_ground_part(GROUND_BEHIND), PART_COMPLETION);
	assert_int_equal(assess_ground_part(GROUND_NONE), PART_DUTY);
	assert_string_equal(assess_part_label(PART_EFFICIENCY), "行政效能");
	assert_string_equal(assess_part_name(PART_COMPLETION), "completion");
}

static void test_parse_values(void **state)
{
	struct assess_config c;
	struct err e = ERR_INIT;
	const char *text = "\xEF\xBB\xBF# 2023 年考核规则\r\n"
			   "duty_base = 50\r\n"
			   "\n"
			   "   report_missing=2.25   # 逾期未报\n"
			   "task_points_co = 0.5\n"
			   "sign_days = 5\n"
			   "beat_margin = 12.5\n"
			   "step_red = 0\n"
			   "period_weights = 15, 25 25，35\n";

	(void)state;
	assess_config_default(&c);
	assert_int_equal(assess_config_parse(&c, text, "rules-2023.conf", &e), 0);
	assert_int_equal(c.duty_base_cp, 5000);
	assert_int_equal(c.report_missing_cp, 225);
	assert_int_equal(c.task_points_co_cp, 50);
	assert_int_equal(c.sign_days, 5);
	assert_int_equal(c.beat_margin_cp, 1250);
	assert_int_equal(c.step_red_cp, 0);
	assert_int_equal(c.nweights, 4);
	assert_int_equal(c.weights_cp[0], 1500);
	assert_int_equal(c.weights_cp[3], 3500);
	assert_int_equal(c.report_late_cp, 50);	/* untouched keys keep their values */
	/* an empty weights value turns them off again */
	assert_int_equal(assess_config_parse(&c, "period_weights =\n", "x", &e), 0);
	assert_int_equal(c.nweights, 0);
	assert_int_equal(assess_config_parse(&c, "", "x", &e), 0);
	assert_int_equal(c.duty_base_cp, 5000);
}

static void expect_error(const char *text, const char *want)
{
	struct assess_config c, before;
	struct err e = ERR_INIT;

	assess_config_default(&c);
	before = c;
	if (assess_config_parse(&c, text, "rules.conf", &e) != -1)
		fail_msg("accepted: %s", text);
	assert_int_equal(e.kind, ERR_INPUT);
	ASSERT_CONTAINS(e.msg, want);
	assert_memory_equal(&c, &before, sizeof(c));	/* untouched */
}

static void test_parse_errors(void **state)
{
	(void)state;
	expect_error("duty_base = 40\nbonus = 1\n", "rules.conf:2: 未知配置项“bonus”");
	expect_error("# c\nduty_base 40\n", "rules.conf:2: 缺少“=”");
	expect_error("duty_base = 40\n\nduty_base = 30\n",
		     "rules.conf:3: 配置项“duty_base”重复（第 1 行已设置）");
	expect_error("duty_base = -1\n", "rules.conf:1: duty_base 的值“-1”无效");
	expect_error("duty_base = 1000.01\n", "duty_base 的值“1000.01”无效");
	expect_error("duty_base = 1.234\n", "应为 0 到 1000 之间的分数（最多两位小数）");
	expect_error("duty_base = \n", "duty_base 的值“”无效");
	expect_error("duty_base = 4O\n", "duty_base 的值“4O”无效");
	expect_error("sign_days = 1.5\n", "应为 0 到 365 之间的整数天数");
	expect_error("sign_days = 366\n", "sign_days 的值“366”无效");
	expect_error("task_points_lead = 0\n", "应为 0.01 到 1000 之间的分数");
	expect_error("beat_margin = 100.5\n", "应为 0 到 100 之间的百分数");
	expect_error("period_weights = 1,2,3\n", "rules.conf:1: period_weights 的值“1,2,3”无效");
	expect_error("period_weights = 0,0,0,0\n", "period_weights");
	expect_error("period_weights = 1,1,1,1,1,1,1,1,1,1,1,1,1\n", "period_weights");
	expect_error("period_weights = 1,x,1,1\n", "period_weights");
	expect_error("duty_base = 40\nstep_blue = 1\nstep_blue = 2\n", "rules.conf:3:");
}

static void test_write_round_trip(void **state)
{
	struct assess_config c, back;
	struct err e = ERR_INIT;
	char buf[8192], small[10];
	size_t need;

	(void)state;
	assess_config_default(&c);
	assert_int_equal(assess_config_parse(&c, "report_late = 0.75\nbeat_margin = 12.5\n"
					     "period_weights = 15,25,25,35\nearly_days = 45\n",
					     "x", &e), 0);
	need = assess_config_write(&c, buf, sizeof(buf));
	assert_true(need < sizeof(buf));
	assert_int_equal(strlen(buf), need);
	ASSERT_CONTAINS(buf, "# 职责履行：基础分\nduty_base = 40\n");
	ASSERT_CONTAINS(buf, "report_late = 0.75\n");
	ASSERT_CONTAINS(buf, "period_weights = 15,25,25,35\n");
	ASSERT_CONTAINS(buf, "early_days = 45\n");
	assess_config_default(&back);
	assert_int_equal(assess_config_parse(&back, buf, "written", &e), 0);
	assert_memory_equal(&back, &c, sizeof(c));
	/* the defaults too, with weights off */
	assess_config_default(&c);
	need = assess_config_write(&c, buf, sizeof(buf));
	ASSERT_CONTAINS(buf, "period_weights =\n");
	assess_config_default(&back);
	back.duty_base_cp = 1;
	assert_int_equal(assess_config_parse(&back, buf, "written", &e), 0);
	assert_memory_equal(&back, &c, sizeof(c));
	/* a short buffer is cut, the length needed is still returned */
	assert_int_equal(assess_config_write(&c, small, sizeof(small)), need);
	assert_int_equal(strlen(small), sizeof(small) - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_parse_values),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_write_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
