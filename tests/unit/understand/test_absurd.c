/* Absurd input for understand_task: huge figures, many figures, mixed scripts, broken bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/understand.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/utf8.h"

/* Run the extractor and check every invariant the rest of duban relies on. */
static size_t check_sane(const char *text, int year)
{
	struct arena a;
	struct task t;
	size_t n;

	arena_init(&a, 0);
	memset(&t, 0, sizeof(t));
	t.text = text;
	understand_task(&a, &t, year);
	for (size_t i = 0; i < t.ntargets; i++) {
		const struct target *g = &t.targets[i];

		assert_true(isfinite(g->value));
		assert_true(isfinite(g->max));
		assert_true(g->value >= 0 && g->value <= 1e18);
		assert_true(g->max >= 0 && g->max <= 1e18);
		assert_non_null(g->unit);
		assert_non_null(g->metric);
		assert_non_null(g->text);
		assert_true(utf8_valid(g->metric, strlen(g->metric), NULL));
		assert_true((int)g->cmp >= TARGET_EQ && (int)g->cmp <= TARGET_RANGE);
		if (g->cmp == TARGET_RANGE)
			assert_true(g->max > g->value);
	}
	for (size_t i = 0; i < t.nmilestones; i++) {
		assert_true(date_valid(t.milestones[i].due.y, t.milestones[i].due.m,
				       t.milestones[i].due.d));
		assert_non_null(t.milestones[i].text);
		assert_true(date_cmp(t.milestones[i].due, t.due) <= 0);
	}
	n = t.ntargets;
	arena_release(&a);
	return n;
}

static void test_huge_figures_are_rejected(void **state)
{
	(void)state;
	assert_int_equal(check_sane("完成投资1e400亿元", 2022), 0);
	assert_int_equal(check_sane("完成投资99999999999999999999亿元", 2022), 0);
	assert_int_equal(check_sane("新增亿亿亿亿亿亿元", 2022), 0);
	assert_int_equal(check_sane("新建1000000000000000000000000000000000000000000000000个", 2022), 0);
	assert_int_equal(check_sane("增长 0.000000000000000000000000000000000001%", 2022), 1);
	assert_int_equal(check_sane("新建9999999999999999个", 2022), 1);
	check_sane("新增1,000,000,000,000,000,000,000亩", 2022);
	check_sane("增长1.7976931348623157e308%", 2022);
	check_sane("增长NaN%，增长inf%，增长-5%", 2022);
}

static void test_a_thousand_figures(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n;

	(void)state;
	for (int i = 0; i < 1000; i++)
		strbuf_addf(&sb, "新建项目%d个、", i + 1);
	n = check_sane(sb.buf, 2022);
	assert_int_equal(n, 1000);
	strbuf_reset(&sb);
	for (int i = 0; i < 1000; i++)
		strbuf_addf(&sb, "%d和", i);
	check_sane(sb.buf, 2022);
	strbuf_reset(&sb);
	for (int i = 0; i < 3000; i++)
		strbuf_addstr(&sb, "分别增长5%和");
	check_sane(sb.buf, 2022);
	strbuf_reset(&sb);
	for (int i = 0; i < 2000; i++)
		strbuf_addstr(&sb, "“上半年");	/* openers without closers */
	check_sane(sb.buf, 2022);
	strbuf_release(&sb);
}

static void test_mixed_scripts_and_broken_bytes(void **state)
{
	static const char *const texts[] = {
		"新建５個養老院，增長８.５％以上",
		"新建3ab个，完成x1.5亿y元，G5.5万亩",
		"新建١٢٣个，完成投资三point五亿元",
		"新建\xff\xfe 5 \xe4\xb8个，增长\xe4%",
		"年底前\xc0\xaf完成，6\xe6\x9c\x88底前",
		"一二三四五六七八九十百千万亿两〇零",
		"万万万万万万万万万万万万万万万万万万万万万万万万万亩",
		"十十十十十十个，百百百百个",
		"，，，。。；；：：、、、",
		"3至至5个，3--5个，3-个，-5个，至5个",
		"新建999999999999-2亿亿亩，1-99999999999999999999亿个",
		"2022年2022年2022年底前2022年13月底前2022年2月29日前",
		"百分之百分之百分之五",
		"《《《“““5个”》",
		"",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		check_sane(texts[i], 2022);
	/* odd years */
	check_sane("上半年完成，2023年底前完成，1月前完成", 1);
	check_sane("上半年完成，明年底前完成，12月31日前", 9999);
	check_sane("上半年完成", -5);
	check_sane("上半年完成", 2147483647);
}

static void test_random_bytes(void **state)
{
	static const char *const pieces[] = {
		"1", "5", "0", ".", ",", "万", "亿", "千", "百", "十", "两", "一", "个", "亩", "元",
		"%", "％", "以上", "左右", "至", "-", "分别", "和", "、", "，", "。", "“", "”", "《",
		"》", "年底前", "上半年", "季度", "月", "日", "前", "三", "新建", "增长", "以下",
		"量级", "级", "的", "投资", "\xe4", "\xff", " ", "第", "每", "G", "千伏",
	};
	uint32_t seed = 12345;
	char buf[512];

	(void)state;
	for (int round = 0; round < 3000; round++) {
		size_t len = 0;
		int parts;

		seed = seed * 1103515245u + 12345u;
		parts = (int)(seed >> 16) % 40;
		for (int p = 0; p < parts; p++) {
			const char *w;

			seed = seed * 1103515245u + 12345u;
			w = pieces[(seed >> 16) % (sizeof(pieces) / sizeof(pieces[0]))];
			if (len + strlen(w) + 1 >= sizeof(buf))
				break;
			memcpy(buf + len, w, strlen(w));
			len += strlen(w);
		}
		buf[len] = '\0';
		check_sane(buf, 2022);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_huge_figures_are_rejected),
		cmocka_unit_test(test_a_thousand_figures),
		cmocka_unit_test(test_mixed_scripts_and_broken_bytes),
		cmocka_unit_test(test_random_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
