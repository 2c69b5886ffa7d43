/* Unit tests for import_parse: one fixture per trap of the text format, bad inputs, and the real example. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/plan.h"
#include "import/import.h"
#include "util/diag.h"
#include "util/err.h"
#include "util/fileio.h"
#include "util/hash.h"
#include "util/strbuf.h"

/* One parse: the document, its warnings and error, and the bytes read. */
struct parsed {
	struct plan_doc doc;
	struct diags w;
	struct err e;
	struct import_info info;
	struct strbuf data;
	int rc;
};

static void read_path(const char *path, struct strbuf *sb)
{
	struct err e = ERR_INIT;

	if (fileio_read(path, IMPORT_MAX_BYTES, sb, &e))
		fail_msg("%s", e.msg);
}

static char *fixture_path(const char *name)
{
	const char *dir = getenv("DUBAN_FIXTURES");
	struct strbuf sb = STRBUF_INIT;

	assert_non_null(dir);
	strbuf_addf(&sb, "%s/import/%s", dir, name);
	return strbuf_detach(&sb, NULL);
}

static void parse_bytes(struct parsed *p, const char *data, size_t len, const char *name)
{
	plan_doc_init(&p->doc);
	p->w = (struct diags)DIAGS_INIT;
	p->e = (struct err)ERR_INIT;
	p->rc = import_parse(data, len, name, IMPORT_FORMAT_AUTO, &p->doc, &p->info, &p->w, &p->e);
}

static void parse_fixture(struct parsed *p, const char *name)
{
	char *path = fixture_path(name);

	strbuf_init(&p->data, 0);
	read_path(path, &p->data);
	free(path);
	parse_bytes(p, p->data.buf, p->data.len, name);
}

static void parse_ok(struct parsed *p, const char *name)
{
	parse_fixture(p, name);
	if (p->rc)
		fail_msg("%s: %s", name, p->e.msg);
}

static void parsed_release(struct parsed *p)
{
	plan_doc_release(&p->doc);
	diags_release(&p->w);
	strbuf_release(&p->data);
}

/* Assert an ERR_INPUT whose message starts with "name:line:" and contains `what`. */
static void expect_error(const char *name, int line, const char *what)
{
	struct parsed p;
	char prefix[256];

	parse_fixture(&p, name);
	assert_int_equal(p.rc, -1);
	assert_int_equal(p.e.kind, ERR_INPUT);
	if (line)
		snprintf(prefix, sizeof(prefix), "%s:%d: ", name, line);
	else
		snprintf(prefix, sizeof(prefix), "%s: ", name);
	if (strncmp(p.e.msg, prefix, strlen(prefix)))
		fail_msg("expected prefix \"%s\", got \"%s\"", prefix, p.e.msg);
	if (!strstr(p.e.msg, what))
		fail_msg("expected \"%s\" in \"%s\"", what, p.e.msg);
	parsed_release(&p);
}

static const struct task *task_no(const struct plan_doc *doc, int no)
{
	for (size_t i = 0; i < doc->ntasks; i++)
		if (doc->tasks[i].no == no)
			return &doc->tasks[i];
	fail_msg("no task %d", no);
	return NULL;
}

/* The units of a task joined by "|". */
static const char *units_of(const struct task *t)
{
	static char buf[2048];
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < t->nunits; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s", i ? "|" : "", t->units[i]);
	return buf;
}

static bool has_warning(const struct diags *w, int line, const char *what)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->v[i].line == line && strstr(w->v[i].msg, what))
			return true;
	return false;
}

/* ------------------------------------------------------------ the traps */

static void test_minimal_metadata_and_defaults(void **state)
{
	struct parsed p;
	char hex[HASH_HEX_LEN], iso[DATE_ISO_LEN];

	(void)state;
	parse_ok(&p, "minimal.txt");
	assert_string_equal(p.doc.plan.doc_no, "测政发〔2023〕7号");
	assert_string_equal(p.doc.plan.recipients, "各县（区）人民政府，市政府各部门");
	assert_string_equal(p.doc.plan.title, "2023年重点任务清单");
	assert_string_equal(p.doc.plan.issuer, "测试市人民政府");
	assert_int_equal(p.doc.plan.year, 2023);
	date_format_iso(p.doc.plan.issued, iso);
	assert_string_equal(iso, "2023-04-01");
	assert_string_equal(p.doc.plan.source_name, "minimal.txt");
	hash_sha256_hex(p.data.buf, p.data.len, hex);
	assert_string_equal(p.doc.plan.sha256, hex);
	assert_string_equal(p.info.format, "text");
	assert_string_equal(p.info.encoding, "UTF-8");
	assert_int_equal(p.doc.ntasks, 2);
	assert_int_equal(p.w.n, 0);
	/* Tasks without a time node are due at the end of the plan year. */
	date_format_iso(p.doc.tasks[1].due, iso);
	assert_string_equal(iso, "2023-12-31");
	assert_string_equal(p.doc.tasks[0].text, "完成投资 100 亿元。");
	assert_int_equal(p.doc.tasks[0].line, 14);
	assert_null(p.doc.tasks[0].leader);
	parsed_release(&p);
}

static void test_section_rows(void **state)
{
	struct parsed p;

	(void)state;
	parse_ok(&p, "sections.txt");
	assert_int_equal(p.doc.ntasks, 4);
	assert_string_equal(task_no(&p.doc, 1)->section, "共性任务");
	assert_string_equal(task_no(&p.doc, 2)->section, "共性任务");
	assert_string_equal(task_no(&p.doc, 3)->section, "个性任务");
	assert_string_equal(task_no(&p.doc, 4)->section, "一、稳增长");
	assert_int_equal(p.w.n, 0);
	parsed_release(&p);
}

static void test_repeated_headers(void **state)
{
	struct parsed p;

	(void)state;
	parse_ok(&p, "repeated_header.txt");
	assert_int_equal(p.doc.ntasks, 4);
	for (int i = 1; i <= 4; i++)
		assert_int_equal(task_no(&p.doc, i)->nunits, 1);
	assert_string_equal(task_no(&p.doc, 3)->units[0], "市商务局");
	assert_int_equal(p.w.n, 0);
	parsed_release(&p);
}

static void test_blank_and_debris_lines(void **state)
{
	struct parsed p;

	(void)state;
	parse_ok(&p, "debris.txt");
	assert_int_equal(p.doc.ntasks, 3);
	assert_int_equal(task_no(&p.doc, 2)->line, 23);
	assert_int_equal(task_no(&p.doc, 3)->line, 26);
	/* Debris is skipped silently; the trailer after the table is ignored. */
	assert_int_equal(p.w.n, 0);
	assert_string_equal(p.doc.plan.issuer, "测试市人民政府");
	parsed_release(&p);
}

static void test_markup_in_cells(void **state)
{
	struct parsed p;

	(void)state;
	parse_ok(&p, "markup.txt");
	assert_string_equal(task_no(&p.doc, 1)->text, "任务甲。");
	assert_string_equal(units_of(task_no(&p.doc, 1)), "市发改委|市财政局");
	assert_string_equal(task_no(&p.doc, 2)->text, "第一段。 第二段。");
	assert_string_equal(units_of(task_no(&p.doc, 2)), "市商务局");
	assert_string_equal(task_no(&p.doc, 3)->text, "任务 丙&丁。");
	assert_string_equal(units_of(task_no(&p.doc, 3)), "市统计局");
	assert_string_equal(task_no(&p.doc, 4)->text, "前 后。");
	assert_string_equal(units_of(task_no(&p.doc, 4)), "市科技局|市工信局");
	/* A '<' that opens no tag is text. */
	assert_string_equal(task_no(&p.doc, 5)->text, "增速<5%的行业。");
	parsed_release(&p);
}

static void test_merged_unit_cells(void **state)
{
	struct parsed p;

	(void)state;
	parse_ok(&p, "merged_units.txt");
	assert_string_equal(units_of(task_no(&p.doc, 2)), "市发改委|市财政局");
	assert_string_equal(units_of(task_no(&p.doc, 3)), "市发改委|市财政局");	/* across a blank line */
	assert_string_equal(units_of(task_no(&p.doc, 4)), "市商务局");
	assert_string_equal(units_of(task_no(&p.doc, 5)), "市商务局");	/* across a repeated header */
	assert_string_equal(units_of(task_no(&p.doc, 7)), "市统计局");	/* row cut short: 2 cells */
	assert_string_equal(task_no(&p.doc, 6)->section, "个性任务");
	assert_int_equal(p.w.n, 0);
	parsed_release(&p);
}

static void test_brackets_keep_units_whole(void **state)
{
	struct parsed p;

	(void)state;
	parse_ok(&p, "bracket_units.txt");
	assert_string_equal(units_of(task_no(&p.doc, 1)),
			    "市发改委|各县（市、区）政府|市城管局（市创建办）");
	assert_string_equal(units_of(task_no(&p.doc, 2)),
			    "各县(市、区)政府|市工信局（市国资委）|【某某、某某】联合办");
	/* Unbalanced brackets are ignored for splitting. */
	assert_string_equal(units_of(task_no(&p.doc, 3)), "各县（市|区政府|市商务局");
	parsed_release(&p);
}

static void test_repeated_unit_kept_once(void **state)
{
	struct parsed p;

	(void)state;
	parse_ok(&p, "repeated_unit.txt");
	assert_string_equal(units_of(task_no(&p.doc, 1)), "市卫健委|各县（市、区）政府|各开发区管委会");
	/* The first spelling is kept; full-width and ASCII brackets compare equal. */
	assert_string_equal(units_of(task_no(&p.doc, 2)), "市卫健委|各县(市、区)政府");
	parsed_release(&p);
}

static void test_mixed_width_digits_and_punctuation(void **state)
{
	struct parsed p;

	(void)state;
	parse_ok(&p, "mixed_width.txt");
	assert_int_equal(p.doc.ntasks, 5);
	assert_string_equal(units_of(task_no(&p.doc, 1)), "市发改委|市财政局");
	assert_string_equal(units_of(task_no(&p.doc, 2)), "市商务局|市统计局|市科技局");
	assert_string_equal(units_of(task_no(&p.doc, 3)), "市教育局|市民政局");
	assert_string_equal(task_no(&p.doc, 4)->text, "任务丁。");
	assert_string_equal(units_of(task_no(&p.doc, 4)), "市水利局");
	assert_string_equal(task_no(&p.doc, 12)->text, "任务戊。");
	assert_true(has_warning(&p.w, 18, "缺少序号 5–11"));
	parsed_release(&p);
}

static void test_wrapped_notice_and_other_spellings(void **state)
{
	struct parsed p;
	char iso[DATE_ISO_LEN];

	(void)state;
	parse_ok(&p, "wrapped_notice.txt");
	/* "目标责任考核。" continues the body: it is neither issuer nor title. */
	assert_string_equal(p.doc.plan.issuer, "测试市人民政府");
	assert_string_equal(p.doc.plan.doc_no, "测政发[2024]12号");
	assert_string_equal(p.doc.plan.title, "２０２４年重点任务清单");
	assert_string_equal(p.doc.plan.recipients, "各县（市、区）人民政府，市政府各工作部门");
	assert_int_equal(p.doc.plan.year, 2024);
	date_format_iso(p.doc.plan.issued, iso);
	assert_string_equal(iso, "2024-03-28");
	assert_int_equal(p.doc.ntasks, 1);
	assert_int_equal(p.w.n, 0);
	parsed_release(&p);
}

static void test_metadata_chinese_numerals(void **state)
{
	struct parsed p;
	char iso[DATE_ISO_LEN];

	(void)state;
	parse_ok(&p, "metadata_cn.txt");
	assert_string_equal(p.doc.plan.title, "2021年政府工作报告重点任务清单");
	assert_string_equal(p.doc.plan.doc_no, "测政办发（2021）3号");
	assert_string_equal(p.doc.plan.issuer, "测试市人民政府办公室");
	assert_string_equal(p.doc.plan.recipients, "各区政府");
	assert_int_equal(p.doc.plan.year, 2021);
	date_format_iso(p.doc.plan.issued, iso);
	assert_string_equal(iso, "2021-12-31");
	parsed_release(&p);
	/* Without a recipients line, "…通知如下：" in the body is not taken for one. */
	parse_ok(&p, "no_recipients.txt");
	assert_string_equal(p.doc.plan.recipients, "");
	assert_string_equal(p.doc.plan.issuer, "测试市人民政府办公室");
	parsed_release(&p);
}

static void test_crlf_and_bom(void **state)
{
	struct parsed p;

	(void)state;
	parse_ok(&p, "crlf_bom.txt");
	assert_string_equal(p.doc.plan.doc_no, "测政发〔2023〕7号");
	assert_int_equal(p.doc.ntasks, 2);
	assert_string_equal(task_no(&p.doc, 2)->text, "任务乙。");
	assert_string_equal(units_of(task_no(&p.doc, 2)), "市财政局");
	assert_int_equal(task_no(&p.doc, 2)->line, 15);
	parsed_release(&p);
}

static void test_gb18030_input(void **state)
{
	struct parsed u, g;

	(void)state;
	parse_ok(&u, "minimal.txt");
	parse_ok(&g, "minimal.gb18030.txt");
	assert_string_equal(g.info.encoding, "GB18030");
	assert_true(has_warning(&g.w, 0, "按 GB18030 编码读取，已转换为 UTF-8"));
	assert_string_equal(g.doc.plan.title, u.doc.plan.title);
	assert_string_equal(g.doc.plan.issuer, u.doc.plan.issuer);
	assert_int_equal(g.doc.ntasks, u.doc.ntasks);
	for (size_t i = 0; i < u.doc.ntasks; i++) {
		assert_string_equal(g.doc.tasks[i].text, u.doc.tasks[i].text);
		assert_string_equal(units_of(&g.doc.tasks[i]), units_of(&u.doc.tasks[i]));
		assert_int_equal(g.doc.tasks[i].line, u.doc.tasks[i].line);
	}
	parsed_release(&u);
	parsed_release(&g);
}

static void test_lead_and_co_columns(void **state)
{
	struct parsed p;

	(void)state;
	parse_ok(&p, "lead_co.txt");
	assert_string_equal(units_of(task_no(&p.doc, 1)), "市发改委|市财政局|市统计局");
	assert_string_equal(task_no(&p.doc, 1)->leader, "张三");
	/* An empty (merged) lead cell takes the lead above and keeps its own co-units. */
	assert_string_equal(units_of(task_no(&p.doc, 2)), "市发改委|市商务局");
	assert_null(task_no(&p.doc, 2)->leader);
	/* All unit cells empty: the whole list of the nearest row above. */
	assert_string_equal(units_of(task_no(&p.doc, 3)), "市发改委|市商务局");
	assert_string_equal(units_of(task_no(&p.doc, 4)), "市教育局|市民政局");
	parsed_release(&p);
}

static void test_headerless_table(void **state)
{
	struct parsed p;

	(void)state;
	parse_ok(&p, "headerless.txt");
	assert_int_equal(p.doc.ntasks, 2);
	assert_string_equal(units_of(task_no(&p.doc, 2)), "市财政局");
	assert_true(has_warning(&p.w, 13, "没有找到表头"));
	parsed_release(&p);
}

/* ------------------------------------------------------------ warnings */

static void test_warnings_for_gaps(void **state)
{
	struct parsed p;

	(void)state;
	parse_ok(&p, "gaps.txt");
	assert_int_equal(p.doc.ntasks, 4);
	assert_int_equal(p.w.n, 3);
	assert_true(has_warning(&p.w, 14, "缺少序号 1"));
	assert_true(has_warning(&p.w, 16, "缺少序号 4"));
	assert_true(has_warning(&p.w, 17, "缺少序号 6–8"));
	parsed_release(&p);
}

static void test_warning_for_unknown_rows(void **state)
{
	struct parsed p;

	(void)state;
	parse_ok(&p, "unknown_row.txt");
	assert_int_equal(p.doc.ntasks, 2);
	assert_int_equal(p.w.n, 2);
	assert_true(has_warning(&p.w, 15, "无法识别"));
	assert_true(has_warning(&p.w, 15, "说明"));
	assert_true(has_warning(&p.w, 16, "无法识别"));
	parsed_release(&p);
}

static void test_warning_for_task_without_units(void **state)
{
	struct parsed p;

	(void)state;
	parse_ok(&p, "no_units.txt");
	assert_int_equal(p.doc.ntasks, 3);
	/* The section row stops inheritance: task 2 has nothing above in its section. */
	assert_int_equal(task_no(&p.doc, 2)->nunits, 0);
	assert_int_equal(p.w.n, 1);
	assert_true(has_warning(&p.w, 17, "序号 2 没有责任单位"));
	parsed_release(&p);
}

/* ------------------------------------------------------------ bad input */

static void test_bad_inputs_name_the_line(void **state)
{
	(void)state;
	expect_error("empty.txt", 1, "文件为空");
	expect_error("blank.txt", 1, "文件为空");
	expect_error("not_a_list.txt", 0, "不是重点任务清单");
	expect_error("binary.bin", 2, "NUL");
	expect_error("control.bin", 1, "控制字符");
	expect_error("utf16.txt", 1, "UTF-16");
	expect_error("bad_encoding.txt", 14, "第 14 行第 9 字节（文件偏移 282）不是有效的 UTF-8");
	expect_error("header_only.txt", 13, "没有任何任务行");
	expect_error("truncated.txt", 15, "截断");
	expect_error("truncated_notext.txt", 15, "截断");
	expect_error("duplicate.txt", 16, "序号 2 重复：第 15 行");
	expect_error("out_of_order.txt", 16, "顺序错乱");
	expect_error("bad_header.txt", 13, "缺少“序号”列");
	expect_error("no_units_at_all.txt", 14, "没有任何任务填写了责任单位");
}

static void test_legacy_encoding_error_names_gb18030_place(void **state)
{
	/* Not UTF-8 from the first high byte: GB18030 (测) until 0xFF, which is neither. */
	static const char data[] = "abc\n\xB2\xE2\xFF";
	struct parsed p;

	(void)state;
	parse_bytes(&p, data, sizeof(data) - 1, "latin1.txt");
	assert_int_equal(p.rc, -1);
	assert_non_null(strstr(p.e.msg, "latin1.txt:2: "));
	assert_non_null(strstr(p.e.msg, "按 GB18030/GBK 读取时第 2 行第 3 字节（文件偏移 6）无效"));
	plan_doc_release(&p.doc);
	diags_release(&p.w);
}

static void test_long_line_is_refused(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct parsed p;

	(void)state;
	strbuf_addstr(&sb, "序号\t重点任务\t责任单位\n1\t");
	for (size_t i = 0; i < IMPORT_MAX_LINE; i++)
		strbuf_addch(&sb, 'x');
	strbuf_addstr(&sb, "\t市发改委\n");
	parse_bytes(&p, sb.buf, sb.len, "long.txt");
	assert_int_equal(p.rc, -1);
	assert_non_null(strstr(p.e.msg, "long.txt:2: 第 2 行过长"));
	plan_doc_release(&p.doc);
	diags_release(&p.w);
	/* Exactly at the limit is fine. */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "序号\t重点任务\t责任单位\n1\t");
	for (size_t i = 0; i < IMPORT_MAX_LINE - 2 - strlen("\t市发改委"); i++)
		strbuf_addch(&sb, 'x');
	strbuf_addstr(&sb, "\t市发改委\n");
	parse_bytes(&p, sb.buf, sb.len, "long.txt");
	assert_int_equal(p.rc, 0);
	plan_doc_release(&p.doc);
	diags_release(&p.w);
	strbuf_release(&sb);
}

static void test_format_dispatch(void **state)
{
	struct plan_doc doc;
	struct diags w = DIAGS_INIT;
	struct err e = ERR_INIT;
	enum import_format f;
	static const char zip[] = "PK\x03\x04rest";
	static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest";

	(void)state;
	assert_int_equal(import_format_parse("auto", &f), 0);
	assert_int_equal(f, IMPORT_FORMAT_AUTO);
	assert_int_equal(import_format_parse("xlsx", &f), 0);
	assert_int_equal(f, IMPORT_FORMAT_XLSX);
	assert_int_equal(import_format_parse("pdf", &f), -1);

	plan_doc_init(&doc);
	assert_int_equal(import_parse(zip, sizeof(zip) - 1, "a.xlsx", IMPORT_FORMAT_AUTO, &doc, NULL,
				      &w, &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	assert_non_null(strstr(e.msg, "a.xlsx: 不是有效的 Office 文档"));
	plan_doc_release(&doc);

	plan_doc_init(&doc);
	assert_int_equal(import_parse(zip, sizeof(zip) - 1, "a.docx", IMPORT_FORMAT_AUTO, &doc, NULL,
				      &w, &e), -1);
	assert_non_null(strstr(e.msg, "a.docx: 不是有效的 Office 文档"));
	plan_doc_release(&doc);

	plan_doc_init(&doc);
	assert_int_equal(import_parse(ole, sizeof(ole) - 1, "a.doc", IMPORT_FORMAT_AUTO, &doc, NULL,
				      &w, &e), -1);
	assert_non_null(strstr(e.msg, "旧版"));
	plan_doc_release(&doc);

	plan_doc_init(&doc);
	assert_int_equal(import_parse("x", 1, "a.docx", IMPORT_FORMAT_AUTO, &doc, NULL, &w, &e), -1);
	assert_non_null(strstr(e.msg, "不是 ZIP"));
	plan_doc_release(&doc);

	/* Forcing text on a zip: it is binary. */
	plan_doc_init(&doc);
	assert_int_equal(import_parse("PK\x03\x04\0\0", 6, "a.zip", IMPORT_FORMAT_TEXT, &doc, NULL,
				      &w, &e), -1);
	assert_non_null(strstr(e.msg, "NUL"));
	plan_doc_release(&doc);
	assert_int_equal(w.n, 0);
}

/* ------------------------------------------------------------ the real example */

static void parse_example(struct parsed *p)
{
	const char *dir = getenv("DUBAN_EXAMPLES");
	struct strbuf path = STRBUF_INIT;

	assert_non_null(dir);
	strbuf_addf(&path, "%s/ankang-2022/tasks.txt", dir);
	strbuf_init(&p->data, 0);
	read_path(path.buf, &p->data);
	parse_bytes(p, p->data.buf, p->data.len, "tasks.txt");
	strbuf_release(&path);
	if (p->rc)
		fail_msg("%s", p->e.msg);
}

static void check_example(const struct parsed *p)
{
	const struct plan *pl = &p->doc.plan;
	char iso[DATE_ISO_LEN];
	size_t ncommon = 0, nindividual = 0;
	const struct task *t69 = task_no(&p->doc, 69);

	assert_string_equal(pl->issuer, "安康市人民政府");
	assert_string_equal(pl->doc_no, "安政发〔2022〕5号");
	assert_string_equal(pl->title, "2022年政府工作报告确定重点任务清单");
	assert_int_equal(pl->year, 2022);
	date_format_iso(pl->issued, iso);
	assert_string_equal(iso, "2022-03-28");
	assert_int_equal(p->doc.ntasks, 130);
	for (size_t i = 0; i < p->doc.ntasks; i++) {
		const struct task *t = &p->doc.tasks[i];

		assert_int_equal(t->no, (int)i + 1);
		if (!strcmp(t->section, "共性任务"))
			ncommon++;
		else if (!strcmp(t->section, "个性任务"))
			nindividual++;
		assert_null(strpbrk(t->text, "<>"));
		assert_true(t->nunits > 0);
		for (size_t j = 0; j < t->nunits; j++)
			assert_null(strpbrk(t->units[j], "<>"));
		/* Every time node in this list falls in 2022; the default is 2022-12-31. */
		assert_true(date_is_set(t->due));
		assert_int_equal(t->due.y, 2022);
	}
	assert_int_equal(ncommon, 100);
	assert_int_equal(nindividual, 30);
	for (int no = 70; no <= 74; no++)
		assert_string_equal(units_of(task_no(&p->doc, no)), units_of(t69));
	assert_string_equal(units_of(t69), "市人社局|各县（市、区）政府|各开发区管委会");
	assert_string_equal(units_of(task_no(&p->doc, 102)), units_of(task_no(&p->doc, 101)));
	assert_string_equal(task_no(&p->doc, 1)->units[2], "各县（市、区）政府");
	assert_string_equal(task_no(&p->doc, 52)->units[0], "市城管局（市创建办）");
	/* Task 75 lists 各县（市、区）政府 twice. */
	assert_string_equal(units_of(task_no(&p->doc, 75)), "市卫健委|各县（市、区）政府|各开发区管委会");
}

/* Every task's no, section, text and units against the hand-labelled expected.json. */
static void check_against_labels(const struct parsed *p)
{
	const char *dir = getenv("DUBAN_FIXTURES");
	struct strbuf path = STRBUF_INIT;
	json_error_t jerr;
	json_t *root, *tasks;

	assert_non_null(dir);
	strbuf_addf(&path, "%s/ankang-2022/expected.json", dir);
	root = json_load_file(path.buf, 0, &jerr);
	if (!root)
		fail_msg("%s: %s", path.buf, jerr.text);
	tasks = json_object_get(root, "tasks");
	assert_int_equal(json_array_size(tasks), p->doc.ntasks);
	for (size_t i = 0; i < p->doc.ntasks; i++) {
		const struct task *t = &p->doc.tasks[i];
		json_t *x = json_array_get(tasks, i), *units = json_object_get(x, "units");

		assert_int_equal(json_integer_value(json_object_get(x, "no")), t->no);
		assert_string_equal(json_string_value(json_object_get(x, "section")), t->section);
		assert_string_equal(json_string_value(json_object_get(x, "text")), t->text);
		assert_int_equal(json_array_size(units), t->nunits);
		for (size_t j = 0; j < t->nunits; j++)
			assert_string_equal(json_string_value(json_array_get(units, j)), t->units[j]);
	}
	json_decref(root);
	strbuf_release(&path);
}

static void test_example_end_to_end(void **state)
{
	struct parsed p;

	(void)state;
	parse_example(&p);
	check_example(&p);
	check_against_labels(&p);
	assert_string_equal(p.info.encoding, "UTF-8");
	assert_int_equal(p.w.n, 0);
	parsed_release(&p);
}

static void test_example_in_gb18030(void **state)
{
	struct parsed u, g;

	(void)state;
	parse_example(&u);
	parse_ok(&g, "ankang-2022.gb18030.txt");
	assert_string_equal(g.info.encoding, "GB18030");
	check_example(&g);
	check_against_labels(&g);
	assert_string_equal(g.doc.plan.recipients, u.doc.plan.recipients);
	assert_int_equal(g.doc.ntasks, u.doc.ntasks);
	for (size_t i = 0; i < u.doc.ntasks; i++) {
		assert_string_equal(g.doc.tasks[i].text, u.doc.tasks[i].text);
		assert_string_equal(g.doc.tasks[i].section, u.doc.tasks[i].section);
		assert_int_equal(g.doc.tasks[i].line, u.doc.tasks[i].line);
	}
	assert_int_equal(g.w.n, 1);
	parsed_release(&u);
	parsed_release(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal_metadata_and_defaults),
		cmocka_unit_test(test_section_rows),
		cmocka_unit_test(test_repeated_headers),
		cmocka_unit_test(test_blank_and_debris_lines),
		cmocka_unit_test(test_markup_in_cells),
		cmocka_unit_test(test_merged_unit_cells),
		cmocka_unit_test(test_brackets_keep_units_whole),
		cmocka_unit_test(test_repeated_unit_kept_once),
		cmocka_unit_test(test_mixed_width_digits_and_punctuation),
		cmocka_unit_test(test_wrapped_notice_and_other_spellings),
		cmocka_unit_test(test_metadata_chinese_numerals),
		cmocka_unit_test(test_crlf_and_bom),
		cmocka_unit_test(test_gb18030_input),
		cmocka_unit_test(test_lead_and_co_columns),
		cmocka_unit_test(test_headerless_table),
		cmocka_unit_test(test_warnings_for_gaps),
		cmocka_unit_test(test_warning_for_unknown_rows),
		cmocka_unit_test(test_warning_for_task_without_units),
		cmocka_unit_test(test_bad_inputs_name_the_line),
		cmocka_unit_test(test_legacy_encoding_error_names_gb18030_place),
		cmocka_unit_test(test_long_line_is_refused),
		cmocka_unit_test(test_format_dispatch),
		cmocka_unit_test(test_example_end_to_end),
		cmocka_unit_test(test_example_in_gb18030),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
