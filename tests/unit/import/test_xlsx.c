/* Unit tests for the Excel reader: strings, dates, merged ranges, sheets, the example as .xlsx, hostile packages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/plan.h"
#include "export/export_json.h"
#include "import/import.h"
#include "import/read_xlsx.h"
#include "util/diag.h"
#include "util/err.h"
#include "util/fileio.h"
#include "util/strbuf.h"

static void load(const char *rel, struct strbuf *sb)
{
	bool example = !strncmp(rel, "examples/", 9);
	const char *dir = getenv(example ? "DUBAN_EXAMPLES" : "DUBAN_FIXTURES");
	struct strbuf path = STRBUF_INIT;
	struct err e = ERR_INIT;

	assert_non_null(dir);
	strbuf_addf(&path, example ? "%s/%s" : "%s/import/%s", dir, example ? rel + 9 : rel);
	strbuf_init(sb, 0);
	if (fileio_read(path.buf, IMPORT_MAX_BYTES, sb, &e))
		fail_msg("%s", e.msg);
	strbuf_release(&path);
}

struct sheetrows {
	struct arena a;
	struct rows r;
	struct strbuf data;
	struct diags w;
};

static int read_sheet(struct sheetrows *s, const char *rel, const char *sheet, struct err *e)
{
	load(rel, &s->data);
	arena_init(&s->a, 0);
	s->r = (struct rows)ROWS_INIT;
	s->w = (struct diags)DIAGS_INIT;
	return read_xlsx(s->data.buf, s->data.len, strrchr(rel, '/') + 1, sheet, &s->a, &s->r, &s->w, e);
}

static void sheetrows_release(struct sheetrows *s)
{
	rows_release(&s->r);
	arena_release(&s->a);
	strbuf_release(&s->data);
	diags_release(&s->w);
}

/* The row of sheet row number `line`. */
static const struct row *row_at(const struct rows *r, int line, size_t *idx)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].line == line) {
			if (idx)
				*idx = i;
			return &r->v[i];
		}
	fail_msg("no row %d", line);
	return NULL;
}

static bool merged(const struct rows *r, size_t row, size_t col)
{
	return r->merged && r->merged[row] && r->merged[row][col];
}

static void check_edge_rows(const struct rows *r)
{
	const struct row *x;
	size_t i;

	/* Every row as wide as the used columns; blank rows left out. */
	assert_int_equal(r->n, 10);
	for (size_t k = 0; k < r->n; k++) {
		assert_int_equal(r->v[k].ncells, 5);
		assert_int_equal(r->v[k].origin, ROW_TABLE);
	}
	/* A1:E2 merged: the value in A1, copied down into A2 (flagged), the rest empty. */
	x = row_at(r, 1, &i);
	assert_string_equal(x->cells[0], "2023年重点任务清单");
	assert_string_equal(x->cells[1], "");
	x = row_at(r, 2, &i);
	assert_string_equal(x->cells[0], "2023年重点任务清单");
	assert_true(merged(r, i, 0));
	assert_string_equal(x->cells[1], "");
	x = row_at(r, 3, NULL);
	assert_string_equal(x->cells[0], "序号");
	assert_string_equal(x->cells[4], "完成时限");
	/* Shared strings (rich text joined, phonetic run left out), inline strings, a date (14). */
	x = row_at(r, 4, &i);
	assert_string_equal(x->cells[0], "1");
	assert_string_equal(x->cells[2], "市发改委");
	assert_string_equal(x->cells[3], "市财政局");
	assert_string_equal(x->cells[4], "2023-06-30");
	assert_false(merged(r, i, 2));
	/* Cells without r follow one another; C4:C5 merged; a custom yyyy年m月d日 date. */
	x = row_at(r, 5, &i);
	assert_string_equal(x->cells[0], "2");
	assert_string_equal(x->cells[1], "任务乙。");
	assert_string_equal(x->cells[2], "市发改委");
	assert_true(merged(r, i, 2));
	assert_string_equal(x->cells[4], "2023-12-31");
	/* A formula's cached result, a boolean, a month-and-day format. */
	x = row_at(r, 6, NULL);
	assert_string_equal(x->cells[0], "3");
	assert_string_equal(x->cells[3], "TRUE");
	assert_string_equal(x->cells[4], "6月30日");
	/* The built-in 年月 format (57); a time format stays a number. */
	assert_string_equal(row_at(r, 7, NULL)->cells[4], "2023年6月");
	x = row_at(r, 8, NULL);
	assert_string_equal(x->cells[1], "任务戊\r\n第二行。");	/* _x000D_ decoded */
	assert_string_equal(x->cells[4], "0.5");
	/* An error value as written; D9:D12 merged, clipped to the used rows. */
	x = row_at(r, 9, NULL);
	assert_string_equal(x->cells[2], "#N/A");
	x = row_at(r, 10, &i);
	assert_string_equal(x->cells[0], "注：本表由督查室汇总。");
	assert_string_equal(x->cells[3], "市财政局");
	assert_true(merged(r, i, 3));
}

static void test_cells_dates_and_merges(void **state)
{
	struct sheetrows s;
	struct err e = ERR_INIT;

	(void)state;
	if (read_sheet(&s, "office/edge.xlsx", NULL, &e))
		fail_msg("%s", e.msg);
	check_edge_rows(&s.r);
	assert_int_equal(s.w.n, 0);
	sheetrows_release(&s);
}

static void test_1904_date_system(void **state)
{
	struct sheetrows s;
	struct err e = ERR_INIT;

	(void)state;
	if (read_sheet(&s, "office/edge_1904.xlsx", NULL, &e))
		fail_msg("%s", e.msg);
	check_edge_rows(&s.r);	/* the serials differ, the dates do not */
	sheetrows_release(&s);
}

static void test_choosing_the_sheet(void **state)
{
	struct sheetrows s;
	struct err e = ERR_INIT;

	(void)state;
	/* By name (with '&' in it), ignoring ASCII case. */
	if (read_sheet(&s, "office/edge.xlsx", "备用 & 其他", &e))
		fail_msg("%s", e.msg);
	assert_int_equal(s.r.n, 2);
	assert_int_equal(s.r.v[0].line, 2);
	assert_string_equal(s.r.v[0].cells[0], "");	/* column A is empty, B holds 序号 */
	assert_string_equal(s.r.v[0].cells[1], "序号");
	assert_string_equal(s.r.v[1].cells[2], "备用任务。");
	sheetrows_release(&s);
	/* A hidden sheet is chosen only by name. */
	if (read_sheet(&s, "office/edge.xlsx", "说明", &e))
		fail_msg("%s", e.msg);
	assert_string_equal(s.r.v[0].cells[0], "隐藏的说明页");
	sheetrows_release(&s);
	/* A chart sheet is no worksheet; a missing name lists the sheets. */
	assert_int_equal(read_sheet(&s, "office/edge.xlsx", "图表", &e), -1);
	assert_string_equal(e.msg, "edge.xlsx: “图表”不是普通工作表（可能是图表），无法读取");
	sheetrows_release(&s);
	assert_int_equal(read_sheet(&s, "office/edge.xlsx", "清单", &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	assert_string_equal(e.msg, "edge.xlsx: 没有名为“清单”的工作表（工作簿中有：“说明”、“图表”、"
				   "“任务清单”、“备用 & 其他”）");
	sheetrows_release(&s);
}

static const struct task *task_no(const struct plan_doc *doc, int no)
{
	for (size_t i = 0; i < doc->ntasks; i++)
		if (doc->tasks[i].no == no)
			return &doc->tasks[i];
	fail_msg("no task %d", no);
	return NULL;
}

struct parsed {
	struct plan_doc doc;
	struct diags w;
	struct err e;
	struct import_info info;
	struct strbuf data;
	int rc;
};

static void parse(struct parsed *p, const char *rel, enum import_format f)
{
	load(rel, &p->data);
	plan_doc_init(&p->doc);
	p->w = (struct diags)DIAGS_INIT;
	p->e = (struct err)ERR_INIT;
	p->rc = import_parse(p->data.buf, p->data.len, strrchr(rel, '/') + 1, f, &p->doc, &p->info,
			     &p->w, &p->e);
}

static void parsed_release(struct parsed *p)
{
	plan_doc_release(&p->doc);
	diags_release(&p->w);
	strbuf_release(&p->data);
}

static bool has_warning(const struct diags *w, int line, const char *what)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->v[i].line == line && strstr(w->v[i].msg, what))
			return true;
	return false;
}

static void test_edge_import(void **state)
{
	struct parsed p;
	char iso[DATE_ISO_LEN];

	(void)state;
	parse(&p, "office/edge.xlsx", IMPORT_FORMAT_AUTO);
	if (p.rc)
		fail_msg("%s", p.e.msg);
	assert_string_equal(p.info.format, "xlsx");
	assert_string_equal(p.doc.plan.title, "2023年重点任务清单");
	assert_int_equal(p.doc.plan.year, 2023);
	assert_int_equal(p.doc.ntasks, 6);
	/* Date cells of the 完成时限 column become milestones; the task is due at the latest. */
	date_format_iso(task_no(&p.doc, 1)->milestones[0].due, iso);
	assert_string_equal(iso, "2023-06-30");
	assert_string_equal(task_no(&p.doc, 1)->milestones[0].text, "任务甲。");
	date_format_iso(task_no(&p.doc, 2)->due, iso);
	assert_string_equal(iso, "2023-12-31");
	date_format_iso(task_no(&p.doc, 3)->due, iso);	/* 6月30日 in the plan year */
	assert_string_equal(iso, "2023-06-30");
	date_format_iso(task_no(&p.doc, 4)->due, iso);	/* 2023年6月: the month's end */
	assert_string_equal(iso, "2023-06-30");
	assert_int_equal(task_no(&p.doc, 5)->nmilestones, 0);
	assert_true(has_warning(&p.w, 8, "完成时限“0.5”中没有可识别的日期"));
	/* The merged lead cell C4:C5 gives task 2 its lead unit. */
	assert_string_equal(task_no(&p.doc, 2)->units[0], "市发改委");
	assert_string_equal(task_no(&p.doc, 5)->text, "任务戊 第二行。");
	parsed_release(&p);
}

/* ------------------------------------------------------------ the example */

static void export_of(struct parsed *p, struct strbuf *out)
{
	struct err e = ERR_INIT;

	if (p->rc)
		fail_msg("%s", p->e.msg);
	if (export_json(&p->doc, out, &e))
		fail_msg("%s", e.msg);
}

static void test_example_xlsx_exports_as_the_text(void **state)
{
	struct parsed t, x;
	struct strbuf jt = STRBUF_INIT, jx = STRBUF_INIT;

	(void)state;
	parse(&t, "examples/ankang-2022/tasks.txt", IMPORT_FORMAT_AUTO);
	parse(&x, "office/ankang-2022.xlsx", IMPORT_FORMAT_AUTO);
	export_of(&t, &jt);
	export_of(&x, &jx);
	assert_string_equal(x.info.format, "xlsx");
	assert_int_equal(x.doc.ntasks, 130);
	assert_string_equal(jx.buf, jt.buf);
	assert_int_equal(x.w.n, 0);
	assert_string_equal(x.doc.plan.recipients, t.doc.plan.recipients);
	strbuf_release(&jt);
	strbuf_release(&jx);
	parsed_release(&t);
	parsed_release(&x);
}

static void test_example_xlsx_rows(void **state)
{
	struct sheetrows s;
	struct err e = ERR_INIT;
	size_t n = 0, i;

	(void)state;
	if (read_sheet(&s, "office/ankang-2022.xlsx", NULL, &e))
		fail_msg("%s", e.msg);
	/* The notice: one cell per row; the table: three columns, 20 merged unit cells. */
	assert_string_equal(s.r.v[0].cells[0], "安政发〔2022〕5号");
	assert_int_equal(s.r.v[0].ncells, 3);
	for (size_t k = 0; k < s.r.n; k++)
		n += merged(&s.r, k, 2);
	assert_int_equal(n, 20);
	for (i = 0; i < s.r.n && strcmp(s.r.v[i].cells[0], "70"); i++)
		;
	assert_true(i < s.r.n);
	assert_true(merged(&s.r, i, 2));
	assert_string_equal(s.r.v[i].cells[2], "市人社局、各县（市、区）政府、各开发区管委会");
	sheetrows_release(&s);
}

/* ------------------------------------------------------------ hostile and broken */

static void expect_bad(const char *rel, enum import_format f, const char *what)
{
	struct parsed p;
	const char *base = strrchr(rel, '/') + 1;
	char prefix[128];

	parse(&p, rel, f);
	assert_int_equal(p.rc, -1);
	assert_int_equal(p.e.kind, ERR_INPUT);
	snprintf(prefix, sizeof(prefix), "%s: ", base);
	if (strncmp(p.e.msg, prefix, strlen(prefix)))
		fail_msg("expected prefix \"%s\", got \"%s\"", prefix, p.e.msg);
	if (!strstr(p.e.msg, what))
		fail_msg("expected \"%s\" in \"%s\"", what, p.e.msg);
	assert_null(strstr(p.e.msg, "root:"));
	assert_int_equal(p.doc.ntasks, 0);
	parsed_release(&p);
}

static void test_bad_workbooks_are_clear_errors(void **state)
{
	(void)state;
	expect_bad("office/bad/no_workbook.xlsx", IMPORT_FORMAT_AUTO, "缺少 xl/workbook.xml");
	expect_bad("office/bad/xxe.xlsx", IMPORT_FORMAT_AUTO, "xl/sharedStrings.xml:2: 含有 DTD");
	expect_bad("office/bad/sst_range.xlsx", IMPORT_FORMAT_AUTO,
		   "xl/worksheets/sheet1.xml:1: 单元格 A1 引用了第 1 个共享字符串，但只有 0 个");
	/* A Word document forced as a workbook; a ZIP of neither, named .xlsx. */
	expect_bad("office/edge.docx", IMPORT_FORMAT_XLSX, "这是 Word 文档");
	expect_bad("office/bad/truncated.docx", IMPORT_FORMAT_XLSX, "不是有效的 Office 文档");
}

static void test_format_follows_content(void **state)
{
	struct strbuf data;
	struct plan_doc doc;
	struct diags w = DIAGS_INIT;
	struct err e = ERR_INIT;
	struct import_info info;

	(void)state;
	/* A workbook named .docx is read as a workbook. */
	load("office/edge.xlsx", &data);
	plan_doc_init(&doc);
	assert_int_equal(import_parse(data.buf, data.len, "misnamed.docx", IMPORT_FORMAT_AUTO, &doc,
				      &info, &w, &e), 0);
	assert_string_equal(info.format, "xlsx");
	assert_int_equal(doc.ntasks, 6);
	plan_doc_release(&doc);
	strbuf_release(&data);
	diags_release(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cells_dates_and_merges),
		cmocka_unit_test(test_1904_date_system),
		cmocka_unit_test(test_choosing_the_sheet),
		cmocka_unit_test(test_edge_import),
		cmocka_unit_test(test_example_xlsx_exports_as_the_text),
		cmocka_unit_test(test_example_xlsx_rows),
		cmocka_unit_test(test_bad_workbooks_are_clear_errors),
		cmocka_unit_test(test_format_follows_content),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
