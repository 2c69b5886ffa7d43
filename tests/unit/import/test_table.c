/* Unit tests for the table interpreter's pieces: cleaning, numbers, units, dates, document numbers, rows. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/plan.h"
#include "import/rows.h"
#include "import/table.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/err.h"

static void test_clean_strips_markup_and_space(void **state)
{
	struct arena a = ARENA_INIT;

	(void)state;
	arena_init(&a, 0);
	assert_string_equal(table_clean(&a, "<p>市发改委</p>"), "市发改委");
	assert_string_equal(table_clean(&a, "  \xE3\x80\x80任务。\xC2\xA0 "), "任务。");
	assert_string_equal(table_clean(&a, "<P class=\"x\">A</P><BR/>B"), "A B");
	assert_string_equal(table_clean(&a, "a&amp;b&lt;c&gt;&quot;&#65;&#x4e00;&nbsp;z"),
			    "a&b<c>\"A\xE4\xB8\x80 z");
	assert_string_equal(table_clean(&a, "&unknown; &#xD800; &#0; &"), "&unknown; &#xD800; &#0; &");
	assert_string_equal(table_clean(&a, "x<5 and y>3"), "x<5 and y>3");
	assert_string_equal(table_clean(&a, "<p unclosed"), "<p unclosed");
	assert_string_equal(table_clean(&a, "a<!-- note -->b"), "ab");
	assert_string_equal(table_clean(&a, "a\x01\x02" "b\f"), "a b");
	assert_string_equal(table_clean(&a, "<span>"), "");
	/* Inner spaces are kept as written, no NFKC. */
	assert_string_equal(table_clean(&a, " 增长 6.5%左右，１２个 "), "增长 6.5%左右，１２个");
	arena_release(&a);
}

static void test_parse_task_numbers(void **state)
{
	int no = 0;

	(void)state;
	assert_true(table_parse_no("12", &no));
	assert_int_equal(no, 12);
	assert_true(table_parse_no("\xEF\xBC\x91\xEF\xBC\x92", &no));	/* １２ */
	assert_int_equal(no, 12);
	assert_true(table_parse_no("12.", &no));
	assert_int_equal(no, 12);
	assert_true(table_parse_no(" 7、 ", &no));
	assert_int_equal(no, 7);
	assert_true(table_parse_no("（3）", &no));
	assert_int_equal(no, 3);
	assert_true(table_parse_no("4)", &no));
	assert_int_equal(no, 4);
	assert_true(table_parse_no("1\xEF\xBC\x92", &no));	/* 1２ */
	assert_int_equal(no, 12);
	assert_false(table_parse_no("", &no));
	assert_false(table_parse_no("0", &no));
	assert_false(table_parse_no("序号", &no));
	assert_false(table_parse_no("12a", &no));
	assert_false(table_parse_no("1 2", &no));
	assert_false(table_parse_no("12345678", &no));
	assert_false(table_parse_no("一", &no));
}

static const char *joined(const char **v, size_t n)
{
	static char buf[1024];
	size_t k = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		k += (size_t)snprintf(buf + k, sizeof(buf) - k, "%s%s", i ? "|" : "", v[i]);
	return buf;
}

static const char *split(struct arena *a, const char *cell)
{
	const char **units;
	char *c = arena_strdup(a, cell);
	size_t n = table_split_units(a, c, &units);

	return joined(units, n);
}

static void test_split_units(void **state)
{
	struct arena a = ARENA_INIT;

	(void)state;
	arena_init(&a, 0);
	assert_string_equal(split(&a, "市发改委、各县（市、区）政府、各开发区管委会"),
			    "市发改委|各县（市、区）政府|各开发区管委会");
	assert_string_equal(split(&a, "市城管局（市创建办）"), "市城管局（市创建办）");
	assert_string_equal(split(&a, "A，B,C;D；E F\xE3\x80\x80G"), "A|B|C|D|E|F|G");
	assert_string_equal(split(&a, "、、A、 、B、"), "A|B");
	assert_string_equal(split(&a, "市城管局 （市创建办）、B"), "市城管局 （市创建办）|B");
	assert_string_equal(split(&a, "A、B、A、Ｂ、 A "), "A|B");
	assert_string_equal(split(&a, "各县(市、区)政府、各县（市、区）政府"), "各县(市、区)政府");
	assert_string_equal(split(&a, "a(b、c"), "a(b|c");
	assert_string_equal(split(&a, "a)b、c("), "a)b|c(");
	assert_string_equal(split(&a, "a〔b、c〕、【d，e】、［f;g］"), "a〔b、c〕|【d，e】|［f;g］");
	assert_string_equal(split(&a, ""), "");
	arena_release(&a);
}

static void test_split_many_units_is_deduplicated(void **state)
{
	struct arena a = ARENA_INIT;
	char cell[40 * 8 + 1];
	const char **units;
	size_t n, k = 0;

	(void)state;
	arena_init(&a, 0);
	/* 40 names, 20 distinct: the hashed path. */
	for (int i = 0; i < 40; i++)
		k += (size_t)snprintf(cell + k, sizeof(cell) - k, "u%02d、", i % 20);
	n = table_split_units(&a, cell, &units);
	assert_int_equal(n, 20);
	for (size_t i = 0; i < n; i++) {
		char want[32];
		snprintf(want, sizeof(want), "u%02zu", i);
		assert_string_equal(units[i], want);
	}
	arena_release(&a);
}

static void test_parse_dates(void **state)
{
	struct date d;

	(void)state;
	assert_true(table_parse_date("2022 年 3 月 28 日", &d));
	assert_int_equal(d.y, 2022);
	assert_int_equal(d.m, 3);
	assert_int_equal(d.d, 28);
	assert_true(table_parse_date("\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x92年"
				     "\xEF\xBC\x93月\xEF\xBC\x92\xEF\xBC\x98日", &d));
	assert_int_equal(d.m * 100 + d.d, 328);
	assert_true(table_parse_date("二〇二二年三月二十八日", &d));
	assert_int_equal(d.y * 10000 + d.m * 100 + d.d, 20220328);
	assert_true(table_parse_date("二○二一年十二月十日", &d));
	assert_int_equal(d.y * 10000 + d.m * 100 + d.d, 20211210);
	assert_true(table_parse_date("二〇二二年十月三十一日", &d));
	assert_int_equal(d.m * 100 + d.d, 1031);
	assert_true(table_parse_date(" 2022-03-28 ", &d));
	assert_int_equal(d.d, 28);
	assert_true(table_parse_date("2022.3.8", &d));
	assert_int_equal(d.d, 8);
	assert_false(table_parse_date("2022 年 2 月 30 日", &d));
	assert_false(table_parse_date("2022年3月28日印发", &d));
	assert_false(table_parse_date("2022", &d));
	assert_false(table_parse_date("2022-03/28", &d));
	assert_false(table_parse_date("目标责任考核。", &d));
}

static void test_find_doc_no(void **state)
{
	struct arena a = ARENA_INIT;
	int y = 0;

	(void)state;
	arena_init(&a, 0);
	assert_string_equal(table_find_doc_no(&a, "安政发〔2022〕5号", &y), "安政发〔2022〕5号");
	assert_int_equal(y, 2022);
	assert_string_equal(table_find_doc_no(&a, "  安政办发[2021]12号  ", &y), "安政办发[2021]12号");
	assert_int_equal(y, 2021);
	assert_string_equal(table_find_doc_no(&a, "安康市人民政府文件 安政函（２０２３）１号", &y),
			    "安政函（２０２３）１号");
	assert_int_equal(y, 2023);
	assert_string_equal(table_find_doc_no(&a, "某发【2020】 3 号", &y), "某发【2020】 3 号");
	assert_null(table_find_doc_no(&a, "〔2022〕5号", &y));	/* no issuer abbreviation */
	assert_null(table_find_doc_no(&a, "研究制定了《2022年清单》", &y));
	assert_null(table_find_doc_no(&a, "安政发〔22〕5号", &y));
	arena_release(&a);
}

static void test_tighten_title(void **state)
{
	struct arena a = ARENA_INIT;

	(void)state;
	arena_init(&a, 0);
	assert_string_equal(table_tighten_title(&a, "2022 年政府工作报告确定重点任务清单"),
			    "2022年政府工作报告确定重点任务清单");
	assert_string_equal(table_tighten_title(&a, " 2022 年 重点 任务 清单 "), "2022年重点任务清单");
	assert_string_equal(table_tighten_title(&a, "G541 项目 2022"), "G541项目2022");
	assert_string_equal(table_tighten_title(&a, "Plan A 2022"), "Plan A 2022");
	arena_release(&a);
}

/* Build rows by hand, as a docx or xlsx reader would, and interpret them. */
static void add_row(struct rows *r, struct arena *a, int line, enum row_origin o, size_t n, ...)
{
	va_list ap;
	struct row *row;

	r->v = realloc(r->v, (r->n + 1) * sizeof(*r->v));
	assert_non_null(r->v);
	row = &r->v[r->n++];
	row->line = line;
	row->origin = o;
	row->ncells = n;
	row->cells = arena_alloc(a, n * sizeof(*row->cells));
	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		row->cells[i] = va_arg(ap, const char *);
	va_end(ap);
}

static void test_interpret_rows_from_another_reader(void **state)
{
	struct arena a = ARENA_INIT;
	struct rows r = ROWS_INIT;
	struct plan_doc doc;
	struct diags w = DIAGS_INIT;
	struct err e = ERR_INIT;

	(void)state;
	arena_init(&a, 0);
	/* An xlsx-like sheet: a title row, a header with co-units and a 完成时限 column. */
	add_row(&r, &a, 1, ROW_TABLE, 5, "2025年重点任务清单", "", "", "", "");
	add_row(&r, &a, 2, ROW_TABLE, 5, "序号", "工作任务", "完成时限", "牵头单位", "配合单位");
	add_row(&r, &a, 3, ROW_TABLE, 5, "1", "任务甲。", "6月底", "市发改委", "市财政局");
	add_row(&r, &a, 4, ROW_TABLE, 5, "2", "任务乙。", "年底", "", "");
	add_row(&r, &a, 5, ROW_TABLE, 5, "", "", "", "", "");
	add_row(&r, &a, 6, ROW_TABLE, 5, "二、惠民生", "", "", "", "");
	add_row(&r, &a, 7, ROW_TABLE, 5, "3", "任务丙。", "", "市民政局", "");
	plan_doc_init(&doc);
	if (table_interpret(&r, "sheet.xlsx", &doc, &w, &e))
		fail_msg("%s", e.msg);
	assert_string_equal(doc.plan.title, "2025年重点任务清单");
	assert_int_equal(doc.plan.year, 2025);
	assert_string_equal(doc.plan.issuer, "");
	assert_string_equal(doc.plan.doc_no, "");
	assert_int_equal(doc.ntasks, 3);
	assert_string_equal(joined(doc.tasks[0].units, doc.tasks[0].nunits), "市发改委|市财政局");
	assert_string_equal(joined(doc.tasks[1].units, doc.tasks[1].nunits), "市发改委|市财政局");
	assert_string_equal(doc.tasks[1].section, "");
	assert_string_equal(doc.tasks[2].section, "二、惠民生");
	assert_string_equal(doc.tasks[2].text, "任务丙。");
	assert_int_equal(doc.tasks[2].line, 7);
	assert_int_equal(w.n, 0);
	/* Strings are the doc's own: the rows can go. */
	free(r.v);
	arena_release(&a);
	assert_string_equal(doc.tasks[0].units[1], "市财政局");
	plan_doc_release(&doc);
	diags_release(&w);
}

static void test_header_missing_units_column(void **state)
{
	struct arena a = ARENA_INIT;
	struct rows r = ROWS_INIT;
	struct plan_doc doc;
	struct diags w = DIAGS_INIT;
	struct err e = ERR_INIT;

	(void)state;
	arena_init(&a, 0);
	add_row(&r, &a, 4, ROW_TABLE, 3, "序号", "重点任务", "完成时限");
	add_row(&r, &a, 5, ROW_TABLE, 3, "1", "任务甲。", "年底");
	plan_doc_init(&doc);
	assert_int_equal(table_interpret(&r, "x.txt", &doc, &w, &e), -1);
	assert_string_equal(e.msg, "x.txt:4: 这一行像是表头，但缺少“责任单位”（或“牵头单位”）列");
	free(r.v);
	arena_release(&a);
	plan_doc_release(&doc);
	diags_release(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_strips_markup_and_space),
		cmocka_unit_test(test_parse_task_numbers),
		cmocka_unit_test(test_split_units),
		cmocka_unit_test(test_split_many_units_is_deduplicated),
		cmocka_unit_test(test_parse_dates),
		cmocka_unit_test(test_find_doc_no),
		cmocka_unit_test(test_tighten_title),
		cmocka_unit_test(test_interpret_rows_from_another_reader),
		cmocka_unit_test(test_header_missing_units_column),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
