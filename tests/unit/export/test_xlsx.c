/* Unit tests for export/export_xlsx: the workbook read back by LibreOffice (as CSV) and by libzip+libxml2 (styles), and atomic writing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

#include "export/export_xlsx.h"
#include "util/err.h"
#include "util/fileio.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ------------------------------------------------------------ fixture */

static const struct xlsx_ledger_row rows[] = {
	{ 1, "共性任务",
	  "生产总值增长 6.5%左右，固定资产投资增长 7%左右。", "市发改委",
	  "市发改委、市农业农村局、各县（市、区）政府",
	  "生产总值增长 ≈6.5%\n固定资产投资增长 ≈7%", "2022-12-31",
	  "上半年生产总值增长 5.1%，低于目标。", true, 45, "欠进度", RAG_RED, "橙色督查单" },
	{ 2, "共性任务",
	  "组织开展\"一刻钟便民生活圈\",建设试点", "市商务局", "市商务局",
	  "", "上半年：选址\n年底前：建成",
	  "1. 已完成选址\n2. 正在招标，\"标准化菜市场\"待批", true, 58.33, "达进度", RAG_AMBER, "" },
	{ 3, "共性任务", "严控涉企收费", "市工信局", "市工信局、市财政局、市发改委",
	  "", "", "", false, 0, "待签收", RAG_NONE, "" },
	{ 4, "个性任务", "新增高新技术企业 15 家", "市科技局", "市科技局",
	  "新增高新技术企业 15 家", "2022-12-31", "已新增 15 家，待核验", true, 100, "已完成",
	  RAG_GREEN, "" },
	{ 5, "个性任务", "技术合同成交 6 亿元以上", "市科技局", "市科技局",
	  "技术合同成交 ≥6亿元", "", "已成交 4.23 亿元", true, 70.5, "超进度", RAG_GREEN, "" },
};

static const struct xlsx_assess_row arows[] = {
	{ 1, "市科技局", 29.5, 19, 47.25, 95.75 },
	{ 2, "市发改委", 28, 18.5, 40, 86.5 },
};

static const struct xlsx_assess_line alines[] = {
	{ "市发改委", "行政效能", -2, "2022-05 月报逾期未报（第 1 项）" },
	{ "市科技局", "任务完成情况", 1, "第 4 项提前一个月完成，加 1 分" },
};

static const struct xlsx_assessment assessment = {
	"2022年度目标责任考核（截至6月）", arows, 2, alines, 2,
};

static struct xlsx_ledger fixture(void)
{
	struct xlsx_ledger l = {
		.title = "2022年政府工作报告确定重点任务清单落实台账",
		.issuer = "安康市人民政府",
		.doc_no = "安政发〔2022〕5号",
		.as_of = { 2022, 6, 30 },
		.rows = rows,
		.nrows = sizeof(rows) / sizeof(rows[0]),
		.assessment = &assessment,
	};
	return l;
}

/* ------------------------------------------------------------ helpers */

static char *make_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *dir = xasprintf("%s/duban-test-xlsx.XXXXXX", base && *base ? base : "/tmp");

	assert_non_null(mkdtemp(dir));
	return dir;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void rm_rf(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* How many entries dir holds, other than . and .. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void read_all(const char *path, struct strbuf *sb)
{
	struct err e = ERR_INIT;

	strbuf_reset(sb);
	if (fileio_read(path, 64 << 20, sb, &e))
		fail_msg("%s", e.msg);
}

/* A parsed CSV file: rows of fields. */
struct csv {
	char ***rows;
	size_t *nfields;
	size_t nrows;
};

static void csv_free(struct csv *c)
{
	for (size_t i = 0; i < c->nrows; i++) {
		for (size_t j = 0; j < c->nfields[i]; j++)
			free(c->rows[i][j]);
		free(c->rows[i]);
	}
	free(c->rows);
	free(c->nfields);
	memset(c, 0, sizeof(*c));
}

/* RFC 4180 parse, as LibreOffice writes it (LF or CRLF line ends). */
static void csv_parse(const char *s, struct csv *c)
{
	struct strbuf field = STRBUF_INIT;
	char **row = NULL;
	size_t nrow = 0, rows_alloc = 0, row_alloc = 0;

	memset(c, 0, sizeof(*c));
	if (!strncmp(s, "\xEF\xBB\xBF", 3))
		s += 3;
	while (*s) {
		/* one field */
		strbuf_reset(&field);
		if (*s == '"') {
			for (s++; *s; s++) {
				if (*s == '"' && s[1] == '"')
					strbuf_addch(&field, '"'), s++;
				else if (*s == '"')
					break;
				else
					strbuf_addch(&field, *s);
			}
			if (*s == '"')
				s++;
		} else {
			while (*s && *s != ',' && *s != '\n' && *s != '\r')
				strbuf_addch(&field, *s++);
		}
		ALLOC_GROW(row, nrow + 1, row_alloc);
		row[nrow++] = xstrdup(field.buf);
		if (*s == ',') {
			s++;
			continue;
		}
		if (*s == '\r')
			s++;
		if (*s == '\n')
			s++;
		ALLOC_GROW(c->rows, c->nrows + 1, rows_alloc);
		c->nfields = xreallocarray(c->nfields, rows_alloc, sizeof(*c->nfields));
		c->rows[c->nrows] = row;
		c->nfields[c->nrows++] = nrow;
		row = NULL, nrow = 0, row_alloc = 0;
	}
	free(row);
	strbuf_release(&field);
}

static const char *csv_cell(const struct csv *c, size_t r, size_t col)
{
	if (r >= c->nrows)
		fail_msg("CSV has %zu rows, row %zu asked for", c->nrows, r + 1);
	if (col >= c->nfields[r])
		return "";
	return c->rows[r][col];
}

#define assert_cell(c, r, col, want) do {                                          \
		const char *got_ = csv_cell((c), (r), (col));                      \
		if (strcmp(got_, (want)))                                          \
			fail_msg("row %d col %d: \"%s\", want \"%s\"",             \
				 (int)(r) + 1, (int)(col) + 1, got_, (want));      \
	} while (0)

/* ------------------------------------------------------- group state */

struct state {
	char *dir;		/* temp dir holding everything */
	char *xlsx;		/* the fixture workbook */
	struct csv sheet[3];	/* 台账, 考核, 考核明细 as LibreOffice reads them */
};

/* Run LibreOffice once: every sheet of the workbook to CSV (UTF-8, values as shown). */
static int run_soffice(const char *dir, const char *xlsx)
{
	char *profile = xasprintf("-env:UserInstallation=file://%s/lo-profile", dir);
	char *outdir = xasprintf("%s/csv", dir);
	pid_t pid;
	int status = -1;

	mkdir(outdir, 0700);
	pid = fork();
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);

		if (devnull >= 0)
			dup2(devnull, STDOUT_FILENO);
		execlp("soffice", "soffice", profile, "--headless", "--norestore",
		       "--convert-to",
		       "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
		       "--outdir", outdir, xlsx, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	free(profile);
	free(outdir);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int setup(void **st)
{
	struct state *s = xcalloc(1, sizeof(*s));
	struct xlsx_ledger l = fixture();
	struct err e = ERR_INIT;
	static const char *const names[3] = { "台账", "考核", "考核明细" };
	struct strbuf sb = STRBUF_INIT;
	int rc;

	s->dir = make_tmpdir();
	s->xlsx = xasprintf("%s/ledger.xlsx", s->dir);
	if (export_xlsx_ledger_file(&l, s->xlsx, &e)) {
		fprintf(stderr, "export failed: %s\n", e.msg);
		return -1;
	}
	rc = run_soffice(s->dir, s->xlsx);
	if (rc) {
		fprintf(stderr, "soffice failed (exit %d): LibreOffice (libreoffice-calc-nogui) is needed\n", rc);
		return -1;
	}
	for (int i = 0; i < 3; i++) {
		char *csv = xasprintf("%s/csv/ledger-%s.csv", s->dir, names[i]);

		if (fileio_read(csv, 64 << 20, &sb, &e)) {
			fprintf(stderr, "%s\n", e.msg);
			free(csv);
			return -1;
		}
		csv_parse(sb.buf, &s->sheet[i]);
		strbuf_reset(&sb);
		free(csv);
	}
	strbuf_release(&sb);
	*st = s;
	return 0;
}

static int teardown(void **st)
{
	struct state *s = *st;

	if (!s)
		return 0;
	for (int i = 0; i < 3; i++)
		csv_free(&s->sheet[i]);
	rm_rf(s->dir);
	free(s->dir);
	free(s->xlsx);
	free(s);
	return 0;
}

/* ------------------------------------------------------ CSV read-back */

static void test_ledger_cells_read_back(void **st)
{
	struct state *s = *st;
	const struct csv *c = &s->sheet[0];
	static const char *const head[] = { "序号", "分类", "重点任务", "牵头单位", "责任单位", "目标",
					    "时间节点", "最新进展", "完成率", "状态", "督办级别" };

	assert_cell(c, 0, 0, "2022年政府工作报告确定重点任务清单落实台账");
	assert_cell(c, 1, 0, "安政发〔2022〕5号　数据截至 2022-06-30");
	for (size_t j = 0; j < 11; j++)
		assert_cell(c, 2, j, head[j]);
	assert_int_equal(c->nrows, 3 + 5);

	/* Row 1: Chinese text, a newline inside a cell, a percent, red. */
	assert_cell(c, 3, 0, "1");
	assert_cell(c, 3, 1, "共性任务");
	assert_cell(c, 3, 2, "生产总值增长 6.5%左右，固定资产投资增长 7%左右。");
	assert_cell(c, 3, 3, "市发改委");
	assert_cell(c, 3, 4, "市发改委、市农业农村局、各县（市、区）政府");
	assert_cell(c, 3, 5, "生产总值增长 ≈6.5%\n固定资产投资增长 ≈7%");
	assert_cell(c, 3, 6, "2022-12-31");
	assert_cell(c, 3, 7, "上半年生产总值增长 5.1%，低于目标。");
	assert_cell(c, 3, 8, "45%");
	assert_cell(c, 3, 9, "欠进度");
	assert_cell(c, 3, 10, "橙色督查单");

	/* Row 2: an ASCII comma and quotes, a two-decimal percent. */
	assert_cell(c, 4, 2, "组织开展\"一刻钟便民生活圈\",建设试点");
	assert_cell(c, 4, 5, "");
	assert_cell(c, 4, 6, "上半年：选址\n年底前：建成");
	assert_cell(c, 4, 7, "1. 已完成选址\n2. 正在招标，\"标准化菜市场\"待批");
	assert_cell(c, 4, 8, "58.33%");
	assert_cell(c, 4, 10, "");

	/* Row 3: nothing reported: 完成率 empty. */
	assert_cell(c, 5, 7, "");
	assert_cell(c, 5, 8, "");
	assert_cell(c, 5, 9, "待签收");

	assert_cell(c, 6, 8, "100%");
	assert_cell(c, 6, 9, "已完成");
	assert_cell(c, 7, 8, "70.5%");
	assert_cell(c, 7, 1, "个性任务");
}

static void test_assessment_cells_read_back(void **st)
{
	struct state *s = *st;
	const struct csv *a = &s->sheet[1], *d = &s->sheet[2];

	assert_cell(a, 0, 0, "2022年度目标责任考核（截至6月）");
	assert_cell(a, 1, 0, "排名");
	assert_cell(a, 1, 4, "任务完成情况");
	assert_cell(a, 1, 5, "总分");
	assert_cell(a, 2, 0, "1");
	assert_cell(a, 2, 1, "市科技局");
	assert_cell(a, 2, 2, "29.50");
	assert_cell(a, 2, 4, "47.25");
	assert_cell(a, 2, 5, "95.75");
	assert_cell(a, 3, 3, "18.50");
	assert_int_equal(a->nrows, 4);

	assert_cell(d, 0, 0, "单位");
	assert_cell(d, 0, 3, "事项");
	assert_cell(d, 1, 0, "市发改委");
	assert_cell(d, 1, 2, "-2.00");
	assert_cell(d, 1, 3, "2022-05 月报逾期未报（第 1 项）");
	assert_cell(d, 2, 2, "+1.00");
	assert_int_equal(d->nrows, 3);
}

/* -------------------------------------------------- XML inside the zip */

static xmlDocPtr zip_xml(const char *xlsx, const char *member)
{
	int zerr = 0;
	zip_t *z = zip_open(xlsx, ZIP_RDONLY, &zerr);
	zip_stat_t zs;
	zip_file_t *f;
	char *buf;
	xmlDocPtr doc;

	assert_non_null(z);
	if (zip_stat(z, member, 0, &zs))
		fail_msg("%s: no %s", xlsx, member);
	buf = xmalloc(zs.size + 1);
	f = zip_fopen(z, member, 0);
	assert_non_null(f);
	assert_int_equal(zip_fread(f, buf, zs.size), (zip_int64_t)zs.size);
	zip_fclose(f);
	zip_close(z);
	doc = xmlReadMemory(buf, (int)zs.size, member, NULL, XML_PARSE_NONET);
	free(buf);
	assert_non_null(doc);
	return doc;
}

/* The string value of an XPath expression (x: is SpreadsheetML), malloc'd; "" if none. */
static char *xpath_str(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr obj;
	char *out;

	xmlXPathRegisterNs(ctx, (const xmlChar *)"x",
			   (const xmlChar *)"http://schemas.openxmlformats.org/spreadsheetml/2006/main");
	obj = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	assert_non_null(obj);
	{
		xmlChar *v = xmlXPathCastToString(obj);
		out = xstrdup((const char *)v);
		xmlFree(v);
	}
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
	return out;
}

/* The fill colour (ARGB as written, "" for none) of the cell `ref` of sheet1. */
static char *cell_fill(xmlDocPtr sheet, xmlDocPtr styles, const char *ref)
{
	char expr[256], *s, *fill, *rgb;

	snprintf(expr, sizeof(expr), "string(//x:sheetData/x:row/x:c[@r='%s']/@s)", ref);
	s = xpath_str(sheet, expr);
	if (!*s)
		fail_msg("cell %s has no style", ref);
	snprintf(expr, sizeof(expr), "string(/x:styleSheet/x:cellXfs/x:xf[%d]/@fillId)",
		 (int)strtol(s, NULL, 10) + 1);
	fill = xpath_str(styles, expr);
	snprintf(expr, sizeof(expr),
		 "string(/x:styleSheet/x:fills/x:fill[%d]/x:patternFill[@patternType='solid']/x:fgColor/@rgb)",
		 (int)strtol(fill, NULL, 10) + 1);
	rgb = xpath_str(styles, expr);
	free(s);
	free(fill);
	return rgb;
}

static void assert_fill(xmlDocPtr sheet, xmlDocPtr styles, const char *ref, const char *want)
{
	char *got = cell_fill(sheet, styles, ref);

	if (strcmp(got, want))
		fail_msg("fill of %s: \"%s\", want \"%s\"", ref, got, want);
	free(got);
}

static void test_rag_fills_on_status_cells(void **st)
{
	struct state *s = *st;
	xmlDocPtr sheet = zip_xml(s->xlsx, "xl/worksheets/sheet1.xml");
	xmlDocPtr styles = zip_xml(s->xlsx, "xl/styles.xml");

	/* Data rows start at row 4; 状态 is column J. */
	assert_fill(sheet, styles, "J4", "FFFFC7CE");	/* red */
	assert_fill(sheet, styles, "J5", "FFFFEB9C");	/* amber */
	assert_fill(sheet, styles, "J6", "");		/* none */
	assert_fill(sheet, styles, "J7", "FFC6EFCE");	/* green */
	assert_fill(sheet, styles, "J8", "FFC6EFCE");
	/* Only the status cell is coloured. */
	assert_fill(sheet, styles, "I4", "");
	assert_fill(sheet, styles, "K4", "");
	/* The header has its grey fill. */
	assert_fill(sheet, styles, "A3", "FFD9D9D9");
	assert_int_equal(export_xlsx_rag_fill(RAG_RED), 0xFFC7CE);
	assert_int_equal(export_xlsx_rag_fill(RAG_NONE), 0);
	xmlFreeDoc(sheet);
	xmlFreeDoc(styles);
}

static void assert_xpath(xmlDocPtr doc, const char *expr, const char *want)
{
	char *got = xpath_str(doc, expr);

	if (strcmp(got, want))
		fail_msg("%s: \"%s\", want \"%s\"", expr, got, want);
	free(got);
}

static void test_frozen_header_wrap_and_print_setup(void **st)
{
	struct state *s = *st;
	xmlDocPtr sheet = zip_xml(s->xlsx, "xl/worksheets/sheet1.xml");
	xmlDocPtr styles = zip_xml(s->xlsx, "xl/styles.xml");
	xmlDocPtr wb = zip_xml(s->xlsx, "xl/workbook.xml");
	xmlDocPtr core = zip_xml(s->xlsx, "docProps/core.xml");
	char *style, expr[256];

	/* Frozen below the header row (row 3). */
	assert_xpath(sheet, "string(//x:sheetView/x:pane/@state)", "frozen");
	assert_xpath(sheet, "string(//x:sheetView/x:pane/@ySplit)", "3");
	assert_xpath(sheet, "string(//x:sheetView/x:pane/@topLeftCell)", "A4");
	/* A4 landscape, one page wide. */
	assert_xpath(sheet, "string(//x:pageSetup/@paperSize)", "9");
	assert_xpath(sheet, "string(//x:pageSetup/@orientation)", "landscape");
	assert_xpath(sheet, "string(//x:pageSetup/@fitToHeight)", "0");
	assert_xpath(sheet, "string(//x:sheetPr/x:pageSetUpPr/@fitToPage)", "1");
	assert_xpath(sheet, "string(//x:autoFilter/@ref)", "A3:K8");
	/* 重点任务 (C) is wide. */
	assert_xpath(sheet, "string(//x:cols/x:col[@min='3']/@width)", "44.7109375");
	/* The header row repeats on every printed page. */
	assert_xpath(wb, "string(//x:definedName[@name='_xlnm.Print_Titles'][@localSheetId='0'])",
		     "'台账'!$3:$3");
	assert_xpath(wb, "count(//x:sheets/x:sheet)", "3");
	assert_xpath(wb, "string(//x:sheets/x:sheet[1]/@name)", "台账");
	/* Task text wraps; 完成率 is a percent format. */
	style = xpath_str(sheet, "string(//x:c[@r='C4']/@s)");
	snprintf(expr, sizeof(expr), "string(/x:styleSheet/x:cellXfs/x:xf[%d]/x:alignment/@wrapText)",
		 (int)strtol(style, NULL, 10) + 1);
	assert_xpath(styles, expr, "1");
	free(style);
	/* Not the clock: created on the as-of date. */
	{
		xmlXPathContextPtr ctx = xmlXPathNewContext(core);
		xmlXPathObjectPtr obj;

		xmlXPathRegisterNs(ctx, (const xmlChar *)"dcterms", (const xmlChar *)"http://purl.org/dc/terms/");
		obj = xmlXPathEvalExpression((const xmlChar *)"string(//dcterms:created)", ctx);
		assert_string_equal((const char *)obj->stringval, "2022-06-30T00:00:00Z");
		xmlXPathFreeObject(obj);
		xmlXPathFreeContext(ctx);
	}
	xmlFreeDoc(sheet);
	xmlFreeDoc(styles);
	xmlFreeDoc(wb);
	xmlFreeDoc(core);
}

/* ------------------------------------------------------- writing paths */

static void test_same_input_same_bytes(void **st)
{
	struct state *s = *st;
	struct xlsx_ledger l = fixture();
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct err e = ERR_INIT;

	read_all(s->xlsx, &a);
	assert_int_equal(export_xlsx_ledger_bytes(&l, s->dir, &b, &e), 0);
	assert_true(b.len > 1000);
	assert_memory_equal(b.buf, "PK\x03\x04", 4);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.buf, b.buf, a.len);
	strbuf_release(&a);
	strbuf_release(&b);
}

static void test_failed_write_leaves_target_alone(void **st)
{
	struct xlsx_ledger l = fixture();
	struct xlsx_ledger_row bad[2];
	char *dir = make_tmpdir(), *target = xasprintf("%s/台账.xlsx", dir);
	struct strbuf huge = STRBUF_INIT, sb = STRBUF_INIT;
	struct err e = ERR_INIT;

	(void)st;
	assert_int_equal(fileio_write_atomic(target, "OLD", 3, &e), 0);
	/* More than Excel's 32767 characters in one cell: refused, naming the place. */
	for (int i = 0; i < 40000; i++)
		strbuf_addstr(&huge, "进");
	bad[0] = rows[0];
	bad[1] = rows[1];
	bad[1].progress = huge.buf;
	l.rows = bad;
	l.nrows = 2;
	assert_int_equal(export_xlsx_ledger_file(&l, target, &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	assert_non_null(strstr(e.msg, "序号 2"));
	assert_non_null(strstr(e.msg, "最新进展"));
	read_all(target, &sb);
	assert_string_equal(sb.buf, "OLD");
	assert_int_equal(count_entries(dir), 1);	/* no temporary file left */

	/* Exactly at the limit is fine, and replaces the old file whole. */
	strbuf_setlen(&huge, 32767 * 3);
	bad[1].progress = huge.buf;
	err_clear(&e);
	assert_int_equal(export_xlsx_ledger_file(&l, target, &e), 0);
	read_all(target, &sb);
	assert_memory_equal(sb.buf, "PK\x03\x04", 4);
	assert_int_equal(count_entries(dir), 1);

	/* A directory that does not exist: an error, and nothing created. */
	{
		char *nowhere = xasprintf("%s/no/such/dir/x.xlsx", dir);

		assert_int_equal(export_xlsx_ledger_file(&l, nowhere, &e), -1);
		assert_int_equal(e.kind, ERR_INPUT);
		assert_non_null(strstr(e.msg, nowhere));
		free(nowhere);
	}
	/* The target is a directory: the write fails at the rename, the temp file goes. */
	{
		char *sub = xasprintf("%s/sub", dir);

		assert_int_equal(mkdir(sub, 0700), 0);
		assert_int_equal(export_xlsx_ledger_file(&l, sub, &e), -1);
		assert_int_equal(count_entries(dir), 2);
		free(sub);
	}
	strbuf_release(&huge);
	strbuf_release(&sb);
	rm_rf(dir);
	free(target);
	free(dir);
}

/* A score that is not a number is refused, naming the sheet, row and column. */
static void test_bad_score_named(void **st)
{
	struct state *s = *st;
	struct xlsx_assess_row bad[2] = { arows[0], arows[1] };
	struct xlsx_assessment a = { NULL, bad, 2, NULL, 0 };
	struct xlsx_ledger l = fixture();
	struct strbuf out = STRBUF_INIT;
	struct err e = ERR_INIT;

	bad[1].total = strtod("nan", NULL);
	l.assessment = &a;
	assert_int_equal(export_xlsx_ledger_bytes(&l, s->dir, &out, &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	assert_string_equal(e.msg, "工作表“考核”第 2 行的“总分”不是有限数值");
	assert_int_equal(out.len, 0);
	strbuf_release(&out);
}

/* Without title or assessment: header on row 1, one sheet. */
static void test_plain_ledger(void **st)
{
	struct state *s = *st;
	struct xlsx_ledger l = { .rows = rows, .nrows = 1 };
	char *path = xasprintf("%s/plain.xlsx", s->dir);
	struct err e = ERR_INIT;
	xmlDocPtr sheet, wb;

	assert_int_equal(export_xlsx_ledger_file(&l, path, &e), 0);
	sheet = zip_xml(path, "xl/worksheets/sheet1.xml");
	wb = zip_xml(path, "xl/workbook.xml");
	assert_xpath(sheet, "string(//x:sheetView/x:pane/@topLeftCell)", "A2");
	assert_xpath(sheet, "string(//x:autoFilter/@ref)", "A1:K2");
	assert_xpath(wb, "count(//x:sheets/x:sheet)", "1");
	xmlFreeDoc(sheet);
	xmlFreeDoc(wb);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ledger_cells_read_back),
		cmocka_unit_test(test_assessment_cells_read_back),
		cmocka_unit_test(test_rag_fills_on_status_cells),
		cmocka_unit_test(test_frozen_header_wrap_and_print_setup),
		cmocka_unit_test(test_same_input_same_bytes),
		cmocka_unit_test(test_failed_write_leaves_target_alone),
		cmocka_unit_test(test_bad_score_named),
		cmocka_unit_test(test_plain_ledger),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
