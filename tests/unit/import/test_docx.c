/* Unit tests for the Word reader: cells, merges, numbering, the example as .docx, and hostile packages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "domain/plan.h"
#include "export/export_json.h"
#include "import/import.h"
#include "import/ooxml.h"
#include "import/read_docx.h"
#include "util/diag.h"
#include "util/err.h"
#include "util/fileio.h"
#include "util/strbuf.h"

static void load(const char *rel, struct strbuf *sb)
{
	const char *dir = getenv(!strncmp(rel, "examples/", 9) ? "DUBAN_EXAMPLES" : "DUBAN_FIXTURES");
	struct strbuf path = STRBUF_INIT;
	struct err e = ERR_INIT;

	assert_non_null(dir);
	if (!strncmp(rel, "examples/", 9))
		strbuf_addf(&path, "%s/%s", dir, rel + 9);
	else
		strbuf_addf(&path, "%s/import/%s", dir, rel);
	strbuf_init(sb, 0);
	if (fileio_read(path.buf, IMPORT_MAX_BYTES, sb, &e))
		fail_msg("%s", e.msg);
	strbuf_release(&path);
}

/* The rows of a fixture as read_docx gives them. */
struct docrows {
	struct arena a;
	struct rows r;
	struct strbuf data;
};

static void read_rows(struct docrows *d, const char *rel)
{
	struct diags w = DIAGS_INIT;
	struct err e = ERR_INIT;

	load(rel, &d->data);
	arena_init(&d->a, 0);
	d->r = (struct rows)ROWS_INIT;
	if (read_docx(d->data.buf, d->data.len, rel, &d->a, &d->r, &w, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(w.n, 0);
	diags_release(&w);
}

static void docrows_release(struct docrows *d)
{
	rows_release(&d->r);
	arena_release(&d->a);
	strbuf_release(&d->data);
}

/* The row whose first non-empty cell starts with `prefix`. */
static size_t find_row(const struct rows *r, const char *prefix)
{
	for (size_t i = 0; i < r->n; i++)
		for (size_t j = 0; j < r->v[i].ncells; j++)
			if (*r->v[i].cells[j]) {
				if (!strncmp(r->v[i].cells[j], prefix, strlen(prefix)))
					return i;
				break;
			}
	fail_msg("no row starting with %s", prefix);
	return 0;
}

static bool merged(const struct rows *r, size_t row, size_t col)
{
	return r->merged && r->merged[row] && r->merged[row][col];
}

/* ------------------------------------------------------------ cells and merges */

static void test_paragraphs_and_left_out_text(void **state)
{
	struct docrows d;
	size_t i;

	(void)state;
	read_rows(&d, "office/edge.docx");
	assert_int_equal(d.r.v[0].origin, ROW_PARAGRAPH);
	assert_int_equal(d.r.v[0].ncells, 1);
	assert_string_equal(d.r.v[0].cells[0], "测政发〔2023〕7号");
	assert_int_equal(d.r.v[0].line, 1);
	/* A TAB run stays a TAB; the text box and its fallback copy are left out. */
	i = find_row(&d.r, "测试市人民政府");
	assert_string_equal(d.r.v[i].cells[0], "测试市人民政府\t2023年4月1日");
	assert_int_equal(d.r.v[i].line, 5);	/* the blank text-box paragraph still counts */
	for (size_t k = 0; k < d.r.n; k++)
		for (size_t j = 0; j < d.r.v[k].ncells; j++) {
			assert_null(strstr(d.r.v[k].cells[j], "文本框"));
			assert_null(strstr(d.r.v[k].cells[j], "备用内容"));
		}
	/* After the table, a page mark paragraph. */
	assert_string_equal(d.r.v[d.r.n - 1].cells[0], "— 2 —");
	assert_int_equal(d.r.v[d.r.n - 1].origin, ROW_PARAGRAPH);
	docrows_release(&d);
}

static void test_table_cells_spans_and_merges(void **state)
{
	struct docrows d;
	size_t i;

	(void)state;
	read_rows(&d, "office/edge.docx");
	/* gridSpan: the text in the first column, the rest empty. */
	i = find_row(&d.r, "一、稳增长");
	assert_int_equal(d.r.v[i].origin, ROW_TABLE);
	assert_int_equal(d.r.v[i].ncells, 4);
	assert_string_equal(d.r.v[i].cells[1], "");
	assert_string_equal(d.r.v[i].cells[3], "");
	/* Two paragraphs in a cell, a line break in a run. */
	i = find_row(&d.r, "1");
	assert_string_equal(d.r.v[i].cells[1], "任务\n甲。");
	assert_string_equal(d.r.v[i].cells[2], "市发改委");
	assert_string_equal(d.r.v[i].cells[3], "市财政局\n市统计局");
	assert_false(merged(&d.r, i, 2));
	/* vMerge continuation takes the text above and is flagged; deleted and moved text is gone. */
	i = find_row(&d.r, "2");
	assert_string_equal(d.r.v[i].cells[1], "任务乙，新增的。");
	assert_string_equal(d.r.v[i].cells[2], "市发改委");
	assert_true(merged(&d.r, i, 2));
	assert_false(merged(&d.r, i, 1));
	assert_string_equal(d.r.v[i].cells[3], "");
	/* gridBefore: an empty first cell; vMerge="continue" continues. */
	i = find_row(&d.r, "续写的一句。");
	assert_string_equal(d.r.v[i].cells[0], "");
	assert_string_equal(d.r.v[i].cells[1], "续写的一句。");
	assert_string_equal(d.r.v[i].cells[2], "市发改委");
	assert_true(merged(&d.r, i, 2));
	assert_string_equal(d.r.v[i].cells[3], "市审计局");
	/* Legacy hMerge: the continued cell is empty; field instructions are left out, results kept. */
	i = find_row(&d.r, "3");
	assert_string_equal(d.r.v[i].cells[1], "任务丙，5项。");
	assert_string_equal(d.r.v[i].cells[2], "");
	assert_string_equal(d.r.v[i].cells[3], "市商务局");
	/* A nested table's text joins its cell. */
	i = find_row(&d.r, "4");
	assert_string_equal(d.r.v[i].cells[1], "嵌套表格里的\n任务丁。");
	assert_string_equal(d.r.v[i].cells[2], "市民政局");
	docrows_release(&d);
}

static const struct task *task_no(const struct plan_doc *doc, int no)
{
	for (size_t i = 0; i < doc->ntasks; i++)
		if (doc->tasks[i].no == no)
			return &doc->tasks[i];
	fail_msg("no task %d", no);
	return NULL;
}

static const char *units_of(const struct task *t)
{
	static char buf[1024];
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < t->nunits; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s", i ? "|" : "", t->units[i]);
	return buf;
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
	const char *slash = strrchr(rel, '/');

	load(rel, &p->data);
	plan_doc_init(&p->doc);
	p->w = (struct diags)DIAGS_INIT;
	p->e = (struct err)ERR_INIT;
	p->rc = import_parse(p->data.buf, p->data.len, slash ? slash + 1 : rel, f, &p->doc, &p->info,
			     &p->w, &p->e);
}

static void parsed_release(struct parsed *p)
{
	plan_doc_release(&p->doc);
	diags_release(&p->w);
	strbuf_release(&p->data);
}

static void test_edge_import(void **state)
{
	struct parsed p;
	char iso[DATE_ISO_LEN];

	(void)state;
	parse(&p, "office/edge.docx", IMPORT_FORMAT_AUTO);
	if (p.rc)
		fail_msg("%s", p.e.msg);
	assert_string_equal(p.info.format, "docx");
	assert_string_equal(p.doc.plan.doc_no, "测政发〔2023〕7号");
	assert_string_equal(p.doc.plan.issuer, "测试市人民政府");
	assert_string_equal(p.doc.plan.title, "2023年重点任务清单");
	date_format_iso(p.doc.plan.issued, iso);
	assert_string_equal(iso, "2023-04-01");
	assert_int_equal(p.doc.ntasks, 4);
	assert_string_equal(task_no(&p.doc, 1)->section, "一、稳增长");
	assert_string_equal(task_no(&p.doc, 1)->text, "任务 甲。");
	assert_string_equal(units_of(task_no(&p.doc, 1)), "市发改委|市财政局|市统计局");
	/* The gridBefore row continues task 2 (empty 序号): text joined, its unit added. */
	assert_string_equal(task_no(&p.doc, 2)->text, "任务乙，新增的。续写的一句。");
	assert_string_equal(units_of(task_no(&p.doc, 2)), "市发改委|市审计局");
	/* An empty lead cell takes the lead above and keeps its co-unit. */
	assert_string_equal(units_of(task_no(&p.doc, 3)), "市发改委|市商务局");
	assert_string_equal(task_no(&p.doc, 4)->text, "嵌套表格里的 任务丁。");
	assert_int_equal(p.w.n, 0);
	parsed_release(&p);
}

/* ------------------------------------------------------------ numbering */

static void test_automatic_numbering(void **state)
{
	struct docrows d;
	size_t i;

	(void)state;
	read_rows(&d, "office/numbering.docx");
	i = find_row(&d.r, "1.");
	assert_string_equal(d.r.v[i].cells[0], "1.");
	assert_string_equal(d.r.v[i].cells[1], "任务甲。");
	/* A style's numbering (basedOn followed), chineseCounting. */
	assert_string_equal(d.r.v[i - 1].cells[0], "一、稳增长");
	/* Level 2 (⑴, TAB suffix) inside a cell; level 1 keeps counting after it. */
	i = find_row(&d.r, "2.");
	assert_string_equal(d.r.v[i].cells[1], "任务乙：\n⑴\t分项\n⑵\t分项");
	assert_string_equal(d.r.v[i + 1].cells[0], "（一） 扩内需");
	assert_string_equal(d.r.v[i + 2].cells[0], "3.");
	assert_string_equal(d.r.v[i + 3].cells[0], "二、惠民生");
	/* A bullet gives no text; startOverride restarts at 10. */
	assert_string_equal(d.r.v[i + 4].cells[0], "4.");
	assert_string_equal(d.r.v[i + 4].cells[1], "任务丁。");
	assert_string_equal(d.r.v[i + 5].cells[0], "10.");
	docrows_release(&d);
}

static void test_numbered_list_imports(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "office/numbering.docx", IMPORT_FORMAT_AUTO);
	if (p.rc)
		fail_msg("%s", p.e.msg);
	assert_int_equal(p.doc.ntasks, 5);
	assert_string_equal(task_no(&p.doc, 1)->section, "一、稳增长");
	assert_string_equal(task_no(&p.doc, 3)->section, "（一） 扩内需");
	assert_string_equal(task_no(&p.doc, 4)->section, "二、惠民生");
	assert_string_equal(units_of(task_no(&p.doc, 10)), "市人社局");
	assert_int_equal(p.w.n, 1);
	assert_non_null(strstr(p.w.v[0].msg, "缺少序号 5–9"));
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

static void test_example_docx_exports_as_the_text(void **state)
{
	struct parsed t, d;
	struct strbuf jt = STRBUF_INIT, jd = STRBUF_INIT;

	(void)state;
	parse(&t, "examples/ankang-2022/tasks.txt", IMPORT_FORMAT_AUTO);
	parse(&d, "office/ankang-2022.docx", IMPORT_FORMAT_AUTO);
	export_of(&t, &jt);
	export_of(&d, &jd);
	assert_string_equal(d.info.format, "docx");
	assert_int_equal(d.doc.ntasks, 130);
	assert_true(jt.len > 10000);
	assert_string_equal(jd.buf, jt.buf);
	assert_int_equal(d.w.n, 0);
	/* The merged unit cells came from vMerge: task 70 carries 69's units. */
	assert_string_equal(units_of(task_no(&d.doc, 70)), "市人社局|各县（市、区）政府|各开发区管委会");
	/* Recipients are not exported: compare them here. */
	assert_string_equal(d.doc.plan.recipients, t.doc.plan.recipients);
	strbuf_release(&jt);
	strbuf_release(&jd);
	parsed_release(&t);
	parsed_release(&d);
}

static void test_example_docx_rows_are_merged(void **state)
{
	struct docrows d;
	size_t i, n = 0;

	(void)state;
	read_rows(&d, "office/ankang-2022.docx");
	assert_non_null(d.r.merged);
	i = find_row(&d.r, "70");
	assert_true(merged(&d.r, i, 2));
	assert_false(merged(&d.r, i, 0));
	for (size_t k = 0; k < d.r.n; k++)
		n += merged(&d.r, k, 2);
	assert_int_equal(n, 20);	/* 70-74, 89-90, 93, 95, 102, 107, 109, 111-112, 115, 119, 123, 126, 128, 130 */
	docrows_release(&d);
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
	assert_null(strstr(p.e.msg, "root:"));	/* nothing of /etc/passwd */
	assert_int_equal(p.doc.ntasks, 0);
	parsed_release(&p);
}

static void test_bad_packages_are_clear_errors(void **state)
{
	(void)state;
	expect_bad("office/bad/truncated.docx", IMPORT_FORMAT_AUTO, "不是有效的 Office 文档");
	expect_bad("office/bad/garbage.docx", IMPORT_FORMAT_AUTO, "不是有效的 Office 文档");
	expect_bad("office/bad/no_document.docx", IMPORT_FORMAT_AUTO, "缺少 word/document.xml");
	expect_bad("office/bad/bomb.docx", IMPORT_FORMAT_AUTO, "word/document.xml: 压缩比超过 200 倍");
	expect_bad("office/bad/lying.docx", IMPORT_FORMAT_AUTO,
		   "word/document.xml: 解压出的数据多于条目声明的 2000 字节");
	expect_bad("office/bad/huge_part.docx", IMPORT_FORMAT_AUTO,
		   "word/document.xml: 解压后有 314572800 字节");
	expect_bad("office/bad/huge_total.docx", IMPORT_FORMAT_AUTO, "疑似压缩炸弹");
	expect_bad("office/bad/laughs.docx", IMPORT_FORMAT_AUTO, "word/document.xml:2: 含有 DTD");
	expect_bad("office/bad/xxe.docx", IMPORT_FORMAT_AUTO, "word/document.xml:2: 含有 DTD");
	expect_bad("office/bad/entity.docx", IMPORT_FORMAT_AUTO, "未定义的实体");
	expect_bad("office/bad/malformed.docx", IMPORT_FORMAT_AUTO, "word/document.xml:2: XML 格式错误");
	/* A workbook forced as a Word document. */
	expect_bad("office/edge.xlsx", IMPORT_FORMAT_DOCX, "这是 Excel 工作簿");
}

/* A ZIP built in memory with libzip: `n` entries named e<i>, plus word/document.xml. */
static void build_zip(size_t n, struct strbuf *out)
{
	static const char doc[] = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
				  "wordprocessingml/2006/main\"><w:body/></w:document>";
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	zip_stat_t st;
	char name[32];

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(z);
	assert_true(zip_file_add(z, "word/document.xml", zip_source_buffer(z, doc, sizeof(doc) - 1, 0),
				 0) >= 0);
	for (size_t i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "e%zu", i);
		assert_true(zip_file_add(z, name, zip_source_buffer(z, "", 0, 0), 0) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	assert_int_equal(zip_source_open(src), 0);
	strbuf_init(out, (size_t)st.size);
	strbuf_setlen(out, (size_t)zip_source_read(src, out->buf, st.size));
	assert_int_equal(out->len, st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
}

static void test_entry_count_limit(void **state)
{
	struct strbuf zip = STRBUF_INIT;
	struct plan_doc doc;
	struct diags w = DIAGS_INIT;
	struct err e = ERR_INIT;
	struct ooxml pkg;

	(void)state;
	build_zip(OOXML_MAX_ENTRIES, &zip);	/* one over, with word/document.xml */
	plan_doc_init(&doc);
	assert_int_equal(import_parse(zip.buf, zip.len, "many.docx", IMPORT_FORMAT_AUTO, &doc, NULL, &w,
				      &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	assert_non_null(strstr(e.msg, "many.docx: ZIP 中有 10001 个条目，超过 10000 个的上限"));
	plan_doc_release(&doc);
	strbuf_release(&zip);

	/* At the limit the package opens (and the empty body is the next complaint). */
	build_zip(OOXML_MAX_ENTRIES - 1, &zip);
	assert_int_equal(ooxml_open(&pkg, zip.buf, zip.len, "ok.docx", &e), 0);
	ooxml_close(&pkg);
	plan_doc_init(&doc);
	assert_int_equal(import_parse(zip.buf, zip.len, "ok.docx", IMPORT_FORMAT_DOCX, &doc, NULL, &w,
				      &e), -1);
	assert_non_null(strstr(e.msg, "没有任何文字"));
	plan_doc_release(&doc);
	strbuf_release(&zip);
	diags_release(&w);
}

static void test_relationship_targets_resolve(void **state)
{
	struct strbuf data;
	struct arena a;
	struct ooxml pkg;
	struct ooxml_rels rels;
	struct err e = ERR_INIT;
	const struct ooxml_rel *r;

	(void)state;
	load("office/numbering.docx", &data);
	arena_init(&a, 0);
	assert_int_equal(ooxml_open(&pkg, data.buf, data.len, "numbering.docx", &e), 0);
	assert_int_equal(ooxml_rels_load(&pkg, "", &a, &rels, &e), 0);
	r = ooxml_rels_find_type(&rels, "officeDocument");
	assert_non_null(r);
	assert_string_equal(r->target, "word/document.xml");
	assert_int_equal(ooxml_rels_load(&pkg, "word/document.xml", &a, &rels, &e), 0);
	/* Relative and absolute targets. */
	assert_string_equal(ooxml_rels_find_type(&rels, "numbering")->target, "word/numbering.xml");
	assert_string_equal(ooxml_rels_find_id(&rels, "rId2")->target, "word/styles.xml");
	assert_true(ooxml_has_part(&pkg, "WORD/Document.xml"));	/* OPC names ignore case */
	assert_false(ooxml_has_part(&pkg, "word/footnotes.xml"));
	assert_int_equal(ooxml_rels_load(&pkg, "word/styles.xml", &a, &rels, &e), 0);
	assert_int_equal(rels.n, 0);
	assert_int_equal(ooxml_sniff(data.buf, data.len), OOXML_DOCX);
	assert_int_equal(ooxml_sniff("PK\x03\x04", 4), OOXML_UNKNOWN);
	ooxml_close(&pkg);
	arena_release(&a);
	strbuf_release(&data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraphs_and_left_out_text),
		cmocka_unit_test(test_table_cells_spans_and_merges),
		cmocka_unit_test(test_edge_import),
		cmocka_unit_test(test_automatic_numbering),
		cmocka_unit_test(test_numbered_list_imports),
		cmocka_unit_test(test_example_docx_exports_as_the_text),
		cmocka_unit_test(test_example_docx_rows_are_merged),
		cmocka_unit_test(test_bad_packages_are_clear_errors),
		cmocka_unit_test(test_entry_count_limit),
		cmocka_unit_test(test_relationship_targets_resolve),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
