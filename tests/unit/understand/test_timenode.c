/* Unit tests for time nodes: every form, resolved against the plan year, and what is not one. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "import/textscan.h"
#include "import/timenode.h"
#include "util/date.h"

/* The first time node in text as "YYYY-MM-DD:<node text length>", or "" if none. */
static const char *first_node(const char *text, int year, char *buf, size_t size)
{
	struct tscan s;

	buf[0] = '\0';
	tscan_init(&s, text);
	for (size_t i = 0; i < s.n; i++) {
		struct date d;
		size_t len = timenode_at(&s, i, year, &d);
		char iso[DATE_ISO_LEN];

		if (len) {
			date_format_iso(d, iso);
			snprintf(buf, size, "%s:%zu", iso, len);
			break;
		}
	}
	tscan_release(&s);
	return buf;
}

struct tn_case {
	const char *text;
	const char *want;	/* date:length, or "" for no node */
};

static void run_cases(const struct tn_case *cases, size_t n, int year)
{
	char buf[64];
	int bad = 0;

	for (size_t i = 0; i < n; i++) {
		const char *got = first_node(cases[i].text, year, buf, sizeof(buf));

		if (strcmp(got, cases[i].want)) {
			print_error("%s: want \"%s\", got \"%s\"\n", cases[i].text, cases[i].want, got);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void test_year_level_nodes(void **state)
{
	static const struct tn_case cases[] = {
		{ "上半年完成主体工程", "2023-06-30:3" },
		{ "下半年投入运营", "2023-12-31:3" },
		{ "年底前全面建成", "2023-12-31:3" },
		{ "力争年底建成", "2023-12-31:2" },
		{ "年内完成搬迁", "2023-12-31:2" },
		{ "年末前完成验收", "2023-12-31:3" },
		{ "全年接待游客500万人次", "2023-12-31:2" },
		{ "今年底前完成", "2023-12-31:4" },
		{ "明年上半年投产", "2024-06-30:5" },
		{ "2024年底前全部完工", "2024-12-31:7" },
		{ "2023 年上半年开工", "2023-06-30:9" },
	};
	(void)state;
	run_cases(cases, sizeof(cases) / sizeof(cases[0]), 2023);
}

static void test_quarters(void **state)
{
	static const struct tn_case cases[] = {
		{ "一季度完成招标", "2022-03-31:3" },
		{ "第二季度开工", "2022-06-30:4" },
		{ "三季度末建成", "2022-09-30:4" },
		{ "四季度投用", "2022-12-31:3" },
		{ "前三季度完成投资80%", "2022-09-30:4" },
		{ "第1季度末前完成", "2022-03-31:6" },
		{ "一至三季度累计增长", "2022-09-30:5" },
	};
	(void)state;
	run_cases(cases, sizeof(cases) / sizeof(cases[0]), 2022);
}

static void test_months_and_days(void **state)
{
	static const struct tn_case cases[] = {
		{ "6月底前完成", "2022-06-30:4" },
		{ "九月底完成验收", "2022-09-30:3" },
		{ "11月末建成", "2022-11-30:4" },
		{ "8月份开工", "2022-08-31:3" },
		{ "10月开工", "2022-10-31:3" },
		{ "2月底前完成", "2022-02-28:4" },
		{ "6月前完成", "2022-05-31:3" },	/* before June: May 31 */
		{ "1月前完成", "2021-12-31:3" },
		{ "9月30日前建成", "2022-09-30:6" },
		{ "12月31日之前完成", "2022-12-31:8" },
		{ "3月上旬启动", "2022-03-10:4" },
		{ "十一月中旬前完成", "2022-11-20:6" },
		{ "5月下旬完成", "2022-05-31:4" },
		{ "前6个月完成", "2022-06-30:4" },
		{ "2022年6月底前完成", "2022-06-30:9" },
		{ "7 月底前完成", "2022-07-31:5" },
		{ "6月至8月开展整治", "2022-08-31:5" },
		{ "4月—6月底前完成", "2022-06-30:7" },
		{ "1-6月完成投资", "2022-06-30:4" },
	};
	(void)state;
	run_cases(cases, sizeof(cases) / sizeof(cases[0]), 2022);
}

static void test_not_time_nodes(void **state)
{
	static const struct tn_case cases[] = {
		{ "三年内完成改造", "" },
		{ "半年内办结", "" },
		{ "每季度报送进展", "" },
		{ "每月底前报送", "" },
		{ "较上年底增长", "" },
		{ "去年底已完成", "" },
		{ "2022年以来", "" },
		{ "实施月河综合整治", "" },
		{ "用3个月时间", "" },
		{ "“年底冲刺”行动", "" },
		{ "2月30日前完成", "" },
		{ "13月底前", "" },
		{ "青年内部交流", "" },
		{ "月度调度", "" },
		{ "截至2021年底", "" },	/* an earlier year: a baseline */
		{ "3至5个项目", "" },
	};
	(void)state;
	run_cases(cases, sizeof(cases) / sizeof(cases[0]), 2022);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_year_level_nodes),
		cmocka_unit_test(test_quarters),
		cmocka_unit_test(test_months_and_days),
		cmocka_unit_test(test_not_time_nodes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
