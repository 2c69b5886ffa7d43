/* Unit tests for the layouts other lists use: each in text, Word and Excel, and the interpreter's rules for them. */
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
#include "import/import.h"
#include "import/rows.h"
#include "import/table.h"
#include "util/diag.h"
#include "util/err.h"
#include "util/fileio.h"
#include "util/strbuf.h"

struct parsed {
	struct plan_doc doc;
	struct diags w;
	struct err e;
	struct strbuf data;
};

static void parse_layout(struct parsed *p, const char *name, const char *ext)
{
	const char *dir = getenv("DUBAN_FIXTURES");
	struct strbuf path = STRBUF_INIT;
	struct err e = ERR_INIT;
	char base[64];

	assert_non_null(dir);
	snprintf(base, sizeof(base), "%s.%s", name, ext);
	strbuf_addf(&path, "%s/import/layouts/%s", dir, base);
	strbuf_init(&p->data, 0);
	if (fileio_read(path.buf, IMPORT_MAX_BYTES, &p->data, &e))
		fail_msg("%s", e.msg);
	plan_doc_init(&p->doc);
	p->w = (struct diags)DIAGS_INIT;
	p->e = (struct err)ERR_INIT;
	if (import_parse(p->data.buf, p->data.len, base, IMPORT_FORMAT_AUTO, &p->doc, NULL, &p->w,
			 &p->e))
		fail_msg("%s: %s", base, p->e.msg);
	strbuf_release(&path);
}

static void parsed_release(struct parsed *p)
{
	plan_doc_release(&p->doc);
	diags_release(&p->w);
	strbuf_release(&p->data);
}

static const char *iso(struct date d)
{
	static char buf[4][DATE_ISO_LEN];
	static int k;

	k = (k + 1) % 4;
	date_format_iso(d, buf[k]);
	return buf[k];
}

/* A task in one line: no [section] text | leader | units | due | milestones. */
static char *describe(const struct task *t)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%d [%s] %s | %s |", t->no, t->section, t->text, t->leader ? t->leader : "-");
	for (size_t i = 0; i < t->nunits; i++)
		strbuf_addf(&sb, "%s%s", i ? "、" : " ", t->units[i]);
	strbuf_addf(&sb, " | %s", date_is_set(t->due) ? iso(t->due) : "-");
	for (size_t i = 0; i < t->nmilestones; i++)
		strbuf_addf(&sb, " {%s %s}", iso(t->milestones[i].due), t->milestones[i].text);
	return strbuf_detach(&sb, NULL);
}

static void expect_task(const struct plan_doc *doc, size_t i, const char *want)
{
	char *got;

	assert_true(i < doc->ntasks);
	got = describe(&doc->tasks[i]);
	assert_string_equal(got, want);
	free(got);
}

/*
 * The layout in all three formats: the same plan and tasks, no warnings,
 * and the text form's tasks as `want` (NULL-terminated).
 */
static void check_layout(const char *name, const char *const *want)
{
	static const char *const exts[] = { "txt", "docx", "xlsx" };
	struct parsed p[3];
	size_t n = 0;

	while (want[n])
		n++;
	for (int k = 0; k < 3; k++) {
		parse_layout(&p[k], name, exts[k]);
		if (p[k].w.n)
			fail_msg("%s.%s: warning at %d: %s", name, exts[k], p[k].w.v[0].line,
				 p[k].w.v[0].msg);
	}
	assert_string_equal(p[0].doc.plan.doc_no, "测政办发〔2023〕12号");
	assert_string_equal(p[0].doc.plan.title, "2023年重点工作任务分解方案");
	assert_string_equal(p[0].doc.plan.issuer, "测试市人民政府办公室");
	assert_string_equal(iso(p[0].doc.plan.issued), "2023-02-10");
	assert_int_equal(p[0].doc.ntasks, n);
	for (size_t i = 0; i < n; i++)
		expect_task(&p[0].doc, i, want[i]);
	for (int k = 1; k < 3; k++) {
		assert_string_equal(p[k].doc.plan.doc_no, p[0].doc.plan.doc_no);
		assert_string_equal(p[k].doc.plan.title, p[0].doc.plan.title);
		assert_string_equal(p[k].doc.plan.issuer, p[0].doc.plan.issuer);
		assert_string_equal(p[k].doc.plan.recipients, p[0].doc.plan.recipients);
		assert_int_equal(p[k].doc.ntasks, n);
		for (size_t i = 0; i < n; i++) {
			char *a = describe(&p[0].doc.tasks[i]), *b = describe(&p[k].doc.tasks[i]);

			if (strcmp(a, b))
				fail_msg("%s.%s task %zu:\n  %s\n  text gives\n  %s", name, exts[k], i, b, a);
			free(a);
			free(b);
		}
	}
	for (int k = 0; k < 3; k++)
		parsed_release(&p[k]);
}

/* ------------------------------------------------------------ the layout fixtures */

static void test_lead_co_leader_and_due_columns(void **state)
{
	static const char *const want[] = {
		"1 [] 任务甲。 | 张三 | 市发改委、市财政局、市统计局 | 2023-06-30 {2023-06-30 任务甲。}",
		"2 [] 任务乙。 | 李四 | 市工信局、市科技局 | 2023-06-30 {2023-06-30 任务乙。}",
		"3 [] 任务丙。 | 李四 | 市住建局 | 2023-09-30 {2023-09-30 任务丙。}",
		/* The text's node first, then the column's: due at the latest. */
		"4 [] 任务丁，上半年开工。 | 王五 | 市交通局、各县（区）政府 | 2023-12-31 "
		"{2023-06-30 上半年开工} {2023-12-31 任务丁，上半年开工。}",
		/* A cell that says more than a date: each node with its clause. */
		"5 [] 任务戊。 | 王五 | 市农业农村局 | 2023-12-31 {2023-06-30 6月底前完成方案编制} "
		"{2023-12-31 年底前全面建成}",
		"6 [] 任务己。 | 赵六 | 市民政局、市卫健委 | 2023-12-31",
		"7 [] 任务庚。 | 赵六 | 市商务局 | 2023-12-31 {2023-12-31 任务庚。}",
		"8 [] 任务辛。 | 钱七 | 市教育局 | 2023-06-30 {2023-06-30 任务辛。}",
		NULL,
	};

	(void)state;
	check_layout("lead_co_due", want);
}

static void test_lead_and_responsible_columns(void **state)
{
	static const char *const want[] = {
		"1 [] 任务甲。 | - | 市发改委、市财政局、市统计局 | 2023-12-31",
		/* The empty (merged) lead cell takes the lead above and keeps its own co-unit. */
		"2 [] 任务乙。 | - | 市发改委、市工信局 | 2023-12-31",
		"3 [] 任务丙。 | - | 市民政局 | 2023-12-31",
		NULL,
	};

	(void)state;
	check_layout("lead_resp", want);
}

static void test_chinese_numbering_under_headings(void **state)
{
	static const char *const want[] = {
		"1 [一、稳增长] 任务甲。 | - | 市发改委 | 2023-12-31",
		"2 [一、稳增长] 任务乙。 | - | 市财政局 | 2023-12-31",
		"3 [二、惠民生] 任务丙。 | - | 市民政局 | 2023-12-31",
		NULL,
	};

	(void)state;
	check_layout("numbering_cn", want);
}

static void test_arabic_numbers_and_heading_rows(void **state)
{
	static const char *const want[] = {
		"1 [（一）扩内需] 任务甲。 | - | 市发改委 | 2023-12-31",
		"2 [（一）扩内需] 任务乙。 | - | 市商务局 | 2023-12-31",
		"3 [（二）稳投资] 任务丙。 | - | 市发改委 | 2023-12-31",
		"4 [二、惠民生] 任务丁。 | - | 市人社局 | 2023-12-31",
		NULL,
	};

	(void)state;
	check_layout("numbering_mixed", want);
}

static void test_chinese_numbers_as_task_numbers(void **state)
{
	static const char *const want[] = {
		"1 [] 任务甲。 | - | 市发改委 | 2023-12-31",
		"2 [] 任务乙。 | - | 市财政局 | 2023-12-31",
		"3 [] 任务丙。 | - | 市民政局 | 2023-12-31",
		NULL,
	};

	(void)state;
	check_layout("numbering_plain_cn", want);
}

static void test_sections_as_a_column(void **state)
{
	static const char *const want[] = {
		"1 [稳增长] 任务甲。 | - | 市发改委 | 2023-12-31",
		"2 [稳增长] 任务乙。 | - | 市财政局 | 2023-12-31",
		"3 [惠民生] 任务丙。 | - | 市民政局 | 2023-12-31",
		"4 [惠民生] 任务丁。 | - | 市人社局 | 2023-12-31",
		NULL,
	};

	(void)state;
	check_layout("section_column", want);
}

static void test_tasks_spanning_rows(void **state)
{
	static const char *const want[] = {
		"1 [] 加快规划机场空港经济区，完善配套服务设施。 | - | "
		"高新区管委会、市机场办、市发改委、市财政局 | 2023-12-31 "
		"{2023-06-30 加快规划机场空港经济区，完善配套服务设施。} "
		"{2023-12-31 加快规划机场空港经济区，完善配套服务设施。}",
		"2 [] 任务乙。 | - | 市商务局 | 2023-12-31",
		"3 [] 任务丙。 | - | 市民政局、市残联、市卫健委 | 2023-12-31",
		"4 [] 任务丁。 | - | 市教育局 | 2023-12-31",
		NULL,
	};

	(void)state;
	check_layout("multirow", want);
}

static void test_table_split_with_repeated_header(void **state)
{
	static const char *const want[] = {
		"1 [] 任务甲。 | - | 市发改委 | 2023-12-31",
		"2 [] 任务乙。 | - | 市财政局 | 2023-12-31",
		"3 [] 任务丙的前半部分，后半部分。 | - | 市民政局 | 2023-12-31",
		"4 [] 任务丁。 | - | 市人社局 | 2023-12-31",
		"5 [] 任务戊。 | - | 市商务局 | 2023-12-31",
		NULL,
	};

	(void)state;
	check_layout("split_table", want);
}

/* ------------------------------------------------------------ 完成时限 cells */

static char *deadlines(const char *cell, int year)
{
	struct arena a;
	struct milestone *ms;
	struct strbuf sb = STRBUF_INIT;
	size_t n;

	arena_init(&a, 0);
	n = table_deadlines(&a, cell, year, "任务。", &ms);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s %s", i ? "; " : "", iso(ms[i].due),
			    !strcmp(ms[i].text, "任务。") ? "=" : ms[i].text);
	arena_release(&a);
	return strbuf_detach(&sb, NULL);
}

static void expect_deadlines(const char *cell, const char *want)
{
	char *got = deadlines(cell, 2022);

	if (strcmp(got, want))
		fail_msg("“%s”: got “%s”, want “%s”", cell, got, want);
	free(got);
}

static void test_deadline_cells(void **state)
{
	(void)state;
	/* Whole dates and years: the milestone is the task ("="). */
	expect_deadlines("2022-06-30", "2022-06-30 =");
	expect_deadlines("2022.6.30", "2022-06-30 =");
	expect_deadlines("2022/06/30前", "2022-06-30 =");
	expect_deadlines("2022年6月30日前完成", "2022-06-30 =");
	expect_deadlines("２０２２年６月３０日", "2022-06-30 =");
	expect_deadlines("2023年", "2023-12-31 =");
	expect_deadlines("2023年度", "2023-12-31 =");
	expect_deadlines("2023", "2023-12-31 =");
	expect_deadlines("2023年内", "2023-12-31 =");
	expect_deadlines("2022.9", "2022-09-30 =");
	expect_deadlines("2022-02", "2022-02-28 =");
	/* Time nodes resolved against the plan year. */
	expect_deadlines("2022年6月底", "2022-06-30 =");
	expect_deadlines("6月30日前", "2022-06-30 =");
	expect_deadlines("6月底前", "2022-06-30 =");
	expect_deadlines("6月前", "2022-05-31 =");	/* before June */
	expect_deadlines("年底前", "2022-12-31 =");
	expect_deadlines("上半年", "2022-06-30 =");
	expect_deadlines("三季度", "2022-09-30 =");
	expect_deadlines("2023年底前全部完成", "2023-12-31 =");
	expect_deadlines("12月", "2022-12-31 =");
	expect_deadlines("10月中旬", "2022-10-20 =");
	expect_deadlines("明年6月", "2023-06-30 =");
	expect_deadlines("2022年6月30日、12月31日", "2022-06-30 =; 2022-12-31 =");
	/* A cell that says more: each node with its clause. */
	expect_deadlines("6月底前完成方案编制，年底前全面建成",
			 "2022-06-30 6月底前完成方案编制; 2022-12-31 年底前全面建成");
	/* Lines (continuation rows) and lists of dates; one milestone per date. */
	expect_deadlines("6月底前\n12月底前", "2022-06-30 =; 2022-12-31 =");
	expect_deadlines("2022-06-30、2022-12-31", "2022-06-30 =; 2022-12-31 =");
	expect_deadlines("2022-06-30 2022-12-31", "2022-06-30 =; 2022-12-31 =");
	expect_deadlines("年底前\n2022年12月31日", "2022-12-31 =");
	/* No date. */
	expect_deadlines("持续推进", "");
	expect_deadlines("长期坚持", "");
	expect_deadlines("", "");
	expect_deadlines("2022年2月30日", "");
	expect_deadlines("每季度", "");
	expect_deadlines("2022.13", "");
}

/* ------------------------------------------------------------ rows by hand */

struct built {
	struct arena a;
	struct rows r;
	unsigned char **flags;	/* malloc'd, one per row */
	const unsigned char **merged;
};

static void add(struct built *b, int line, enum row_origin o, size_t n, ...)
{
	va_list ap;
	struct row *row;

	b->r.v = realloc(b->r.v, (b->r.n + 1) * sizeof(*b->r.v));
	b->flags = realloc(b->flags, (b->r.n + 1) * sizeof(*b->flags));
	assert_non_null(b->r.v);
	assert_non_null(b->flags);
	row = &b->r.v[b->r.n];
	b->flags[b->r.n] = NULL;
	b->r.n++;
	row->line = line;
	row->origin = o;
	row->ncells = n;
	row->cells = arena_alloc(&b->a, n * sizeof(*row->cells));
	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		row->cells[i] = va_arg(ap, const char *);
	va_end(ap);
}

/* Mark cell `col` of the last row as continuing a merged cell. */
static void mark(struct built *b, size_t col)
{
	size_t k = b->r.n - 1;

	if (!b->flags[k])
		b->flags[k] = arena_zalloc(&b->a, b->r.v[k].ncells);
	b->flags[k][col] = 1;
}

static int interpret(struct built *b, struct plan_doc *doc, struct diags *w, struct err *e)
{
	b->merged = arena_alloc(&b->a, b->r.n * sizeof(*b->merged));
	for (size_t i = 0; i < b->r.n; i++)
		b->merged[i] = b->flags[i];
	b->r.merged = b->merged;
	plan_doc_init(doc);
	return table_interpret(&b->r, "t.docx", doc, w, e);
}

static void built_init(struct built *b)
{
	memset(b, 0, sizeof(*b));
	arena_init(&b->a, 0);
	b->r = (struct rows)ROWS_INIT;
	add(b, 1, ROW_PARAGRAPH, 1, "附件：2023年重点任务清单");
}

static void built_release(struct built *b)
{
	free(b->r.v);
	free(b->flags);
	arena_release(&b->a);
}

static bool has_warning(const struct diags *w, int line, const char *what)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->v[i].line == line && strstr(w->v[i].msg, what))
			return true;
	return false;
}

static void test_merged_number_cells_continue_a_task(void **state)
{
	struct built b;
	struct plan_doc doc;
	struct diags w = DIAGS_INIT;
	struct err e = ERR_INIT;

	(void)state;
	built_init(&b);
	add(&b, 2, ROW_TABLE, 4, "序号", "重点任务", "责任单位", "责任领导");
	add(&b, 3, ROW_TABLE, 4, "1", "第一段，", "市发改委", "张三");
	add(&b, 4, ROW_TABLE, 4, "1", "第二段。", "市财政局", "李四");
	mark(&b, 0);	/* the 序号 cell is merged: the same task */
	add(&b, 5, ROW_TABLE, 4, "1", "第一段，", "市统计局", "李四");
	mark(&b, 0);
	mark(&b, 1);	/* the text is the merged copy: not appended again */
	mark(&b, 3);
	add(&b, 6, ROW_TABLE, 4, "2", "任务乙。", "市商务局", "");
	if (interpret(&b, &doc, &w, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(doc.ntasks, 2);
	expect_task(&doc, 0, "1 [] 第一段，第二段。 | 张三、李四 | 市发改委、市财政局、市统计局 | -");
	assert_int_equal(doc.tasks[0].line, 3);
	expect_task(&doc, 1, "2 [] 任务乙。 | - | 市商务局 | -");
	assert_int_equal(w.n, 0);
	plan_doc_release(&doc);
	diags_release(&w);
	built_release(&b);
}

static void test_what_does_not_continue(void **state)
{
	struct built b;
	struct plan_doc doc;
	struct diags w = DIAGS_INIT;
	struct err e = ERR_INIT;

	(void)state;
	built_init(&b);
	add(&b, 2, ROW_TABLE, 3, "序号", "重点任务", "责任单位");
	add(&b, 3, ROW_TABLE, 3, "1", "任务甲。", "市发改委");
	/* A heading in the task column is a section, not more text. */
	add(&b, 4, ROW_TABLE, 3, "", "（二）扩内需", "");
	add(&b, 5, ROW_TABLE, 3, "", "孤立的一句。", "市财政局");	/* after a section: unknown */
	add(&b, 6, ROW_TABLE, 3, "2", "任务乙。", "市商务局");
	add(&b, 7, ROW_TABLE, 3, "", "注：本表由督查室汇总。", "");	/* a note */
	add(&b, 8, ROW_TABLE, 3, "3", "", "市民政局");	/* a number without text: skipped */
	add(&b, 9, ROW_TABLE, 3, "", "不属于任务乙的话。", "");
	add(&b, 10, ROW_TABLE, 3, "4", "任务丁。", "市人社局");
	if (interpret(&b, &doc, &w, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(doc.ntasks, 3);
	expect_task(&doc, 0, "1 [] 任务甲。 | - | 市发改委 | -");
	expect_task(&doc, 1, "2 [（二）扩内需] 任务乙。 | - | 市商务局 | -");
	assert_true(has_warning(&w, 5, "无法识别"));
	assert_true(has_warning(&w, 7, "无法识别"));
	assert_true(has_warning(&w, 8, "只有编号"));
	assert_true(has_warning(&w, 9, "无法识别"));
	assert_true(has_warning(&w, 10, "缺少序号 3"));
	assert_int_equal(w.n, 5);
	plan_doc_release(&doc);
	diags_release(&w);
	built_release(&b);
}

static void test_two_row_header_and_untitled_section_column(void **state)
{
	struct built b;
	struct plan_doc doc;
	struct diags w = DIAGS_INIT;
	struct err e = ERR_INIT;

	(void)state;
	built_init(&b);
	/* 序号 and 重点任务 merged down over two header rows; 责任单位 split into 牵头 / 配合. */
	add(&b, 2, ROW_TABLE, 5, "", "序号", "重点任务", "责任单位", "");
	add(&b, 3, ROW_TABLE, 5, "", "序号", "重点任务", "牵头单位", "配合单位");
	mark(&b, 1);
	mark(&b, 2);
	add(&b, 4, ROW_TABLE, 5, "稳增长", "1", "任务甲。", "市发改委", "市财政局");
	add(&b, 5, ROW_TABLE, 5, "", "2", "任务乙。", "市工信局", "");
	add(&b, 6, ROW_TABLE, 5, "惠民生", "3", "任务丙。", "市民政局", "");
	if (interpret(&b, &doc, &w, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(doc.ntasks, 3);
	expect_task(&doc, 0, "1 [稳增长] 任务甲。 | - | 市发改委、市财政局 | -");
	/* An empty 类别 cell keeps the section above (a merged cell flattened to text). */
	expect_task(&doc, 1, "2 [稳增长] 任务乙。 | - | 市工信局 | -");
	expect_task(&doc, 2, "3 [惠民生] 任务丙。 | - | 市民政局 | -");
	assert_int_equal(w.n, 0);
	plan_doc_release(&doc);
	diags_release(&w);
	built_release(&b);
}

static void test_lone_numbers_above_the_header(void **state)
{
	struct built b;
	struct plan_doc doc;
	struct diags w = DIAGS_INIT;
	struct err e = ERR_INIT;

	(void)state;
	built_init(&b);
	/* A workbook has no paragraphs: the notice's lone "2023" is a one-cell table row. */
	add(&b, 2, ROW_TABLE, 3, "2023", "", "");
	add(&b, 3, ROW_TABLE, 3, "共性任务", "", "");
	add(&b, 4, ROW_TABLE, 3, "序号", "重点任务", "责任单位");
	add(&b, 5, ROW_TABLE, 3, "1", "任务甲。", "市发改委");
	if (interpret(&b, &doc, &w, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(doc.ntasks, 1);
	expect_task(&doc, 0, "1 [共性任务] 任务甲。 | - | 市发改委 | -");
	assert_int_equal(w.n, 0);
	plan_doc_release(&doc);
	diags_release(&w);
	built_release(&b);
}

static void test_finer_chinese_numbering_wins(void **state)
{
	struct built b;
	struct plan_doc doc;
	struct diags w = DIAGS_INIT;
	struct err e = ERR_INIT;

	(void)state;
	built_init(&b);
	add(&b, 2, ROW_TABLE, 3, "序号", "重点任务", "责任单位");
	add(&b, 3, ROW_TABLE, 3, "一", "稳增长", "");
	add(&b, 4, ROW_TABLE, 3, "(一)", "任务甲。", "市发改委");
	add(&b, 5, ROW_TABLE, 3, "（二）", "任务乙。", "市财政局");
	add(&b, 6, ROW_TABLE, 3, "二", "惠民生", "");
	add(&b, 7, ROW_TABLE, 3, "（十一）", "任务丙。", "市民政局");
	if (interpret(&b, &doc, &w, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(doc.ntasks, 3);
	/* A number without punctuation is joined to its title by a space. */
	expect_task(&doc, 0, "1 [一 稳增长] 任务甲。 | - | 市发改委 | -");
	expect_task(&doc, 2, "11 [二 惠民生] 任务丙。 | - | 市民政局 | -");
	assert_true(has_warning(&w, 7, "缺少序号 3–10"));
	plan_doc_release(&doc);
	diags_release(&w);
	built_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lead_co_leader_and_due_columns),
		cmocka_unit_test(test_lead_and_responsible_columns),
		cmocka_unit_test(test_chinese_numbering_under_headings),
		cmocka_unit_test(test_arabic_numbers_and_heading_rows),
		cmocka_unit_test(test_chinese_numbers_as_task_numbers),
		cmocka_unit_test(test_sections_as_a_column),
		cmocka_unit_test(test_tasks_spanning_rows),
		cmocka_unit_test(test_table_split_with_repeated_header),
		cmocka_unit_test(test_deadline_cells),
		cmocka_unit_test(test_merged_number_cells_continue_a_task),
		cmocka_unit_test(test_what_does_not_continue),
		cmocka_unit_test(test_two_row_header_and_untitled_section_column),
		cmocka_unit_test(test_lone_numbers_above_the_header),
		cmocka_unit_test(test_finer_chinese_numbering_wins),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
