/* Excel ledger and assessment workbook through libxlsxwriter; atomic file writing. */
#include "export/export_xlsx.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "util/fileio.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include "util/banned.h"

#define FONT "宋体"
#define CELL_MAX_CHARS 32767	/* Excel's limit on the text of one cell */
#define PAPER_A4 9

enum { COL_NO, COL_SECTION, COL_TEXT, COL_LEAD, COL_UNITS, COL_TARGETS, COL_MILESTONES,
       COL_PROGRESS, COL_PERCENT, COL_STATUS, COL_LEVEL, LEDGER_NCOLS };

struct column {
	const char *head;
	double width;
};

static const struct column ledger_cols[LEDGER_NCOLS] = {
	{ "序号", 6 }, { "分类", 10 }, { "重点任务", 44 }, { "牵头单位", 14 },
	{ "责任单位", 22 }, { "目标", 24 }, { "时间节点", 18 }, { "最新进展", 36 },
	{ "完成率", 9 }, { "状态", 10 }, { "督办级别", 12 },
};

static const struct column assess_cols[] = {
	{ "排名", 6 }, { "单位", 28 }, { "职责履行", 10 }, { "行政效能", 10 },
	{ "任务完成情况", 14 }, { "总分", 10 },
};
#define ASSESS_NCOLS (sizeof(assess_cols) / sizeof(assess_cols[0]))

static const struct column detail_cols[] = {
	{ "单位", 26 }, { "考核部分", 14 }, { "分值", 9 }, { "事项", 64 },
};
#define DETAIL_NCOLS (sizeof(detail_cols) / sizeof(detail_cols[0]))

struct formats {
	lxw_format *title, *subtitle, *head;
	lxw_format *center, *text, *wrap;
	lxw_format *pct0, *pct1, *pct2;
	lxw_format *score, *points;
	lxw_format *rag[RAG_COUNT];
};

/* What is being written, for error messages. */
struct ctx {
	lxw_workbook *wb;
	struct formats f;
	const char *sheet;
	int no;			/* 序号 (or row number) of the row being written, 0: none */
	bool by_no;		/* `no` is a 序号, not a row number */
	struct err *e;
};

unsigned export_xlsx_rag_fill(enum rag rag)
{
	switch (rag) {
	case RAG_GREEN: return 0xC6EFCE;
	case RAG_AMBER: return 0xFFEB9C;
	case RAG_RED: return 0xFFC7CE;
	case RAG_NONE: break;
	}
	return 0;
}

static unsigned rag_font(enum rag rag)
{
	switch (rag) {
	case RAG_GREEN: return 0x006100;
	case RAG_AMBER: return 0x9C5700;
	case RAG_RED: return 0x9C0006;
	case RAG_NONE: break;
	}
	return 0x000000;
}

/* A bordered cell format in 宋体 11, vertically centred. */
static lxw_format *cell_format(lxw_workbook *wb)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_font_name(f, FONT);
	format_set_font_size(f, 11);
	format_set_border(f, LXW_BORDER_THIN);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	return f;
}

static void make_formats(lxw_workbook *wb, struct formats *f)
{
	f->title = workbook_add_format(wb);
	format_set_font_name(f->title, FONT);
	format_set_font_size(f->title, 16);
	format_set_bold(f->title);
	format_set_align(f->title, LXW_ALIGN_CENTER);
	format_set_align(f->title, LXW_ALIGN_VERTICAL_CENTER);

	f->subtitle = workbook_add_format(wb);
	format_set_font_name(f->subtitle, FONT);
	format_set_font_size(f->subtitle, 11);
	format_set_align(f->subtitle, LXW_ALIGN_CENTER);
	format_set_align(f->subtitle, LXW_ALIGN_VERTICAL_CENTER);

	f->head = cell_format(wb);
	format_set_bold(f->head);
	format_set_bg_color(f->head, 0xD9D9D9);
	format_set_align(f->head, LXW_ALIGN_CENTER);
	format_set_text_wrap(f->head);

	f->center = cell_format(wb);
	format_set_align(f->center, LXW_ALIGN_CENTER);

	f->text = cell_format(wb);

	f->wrap = cell_format(wb);
	format_set_text_wrap(f->wrap);

	f->pct0 = cell_format(wb);
	format_set_align(f->pct0, LXW_ALIGN_CENTER);
	format_set_num_format(f->pct0, "0%");
	f->pct1 = cell_format(wb);
	format_set_align(f->pct1, LXW_ALIGN_CENTER);
	format_set_num_format(f->pct1, "0.0%");
	f->pct2 = cell_format(wb);
	format_set_align(f->pct2, LXW_ALIGN_CENTER);
	format_set_num_format(f->pct2, "0.00%");

	f->score = cell_format(wb);
	format_set_align(f->score, LXW_ALIGN_CENTER);
	format_set_num_format(f->score, "0.00");
	f->points = cell_format(wb);
	format_set_align(f->points, LXW_ALIGN_CENTER);
	format_set_num_format(f->points, "+0.00;-0.00;0.00");

	for (int r = 0; r < RAG_COUNT; r++) {
		f->rag[r] = cell_format(wb);
		format_set_align(f->rag[r], LXW_ALIGN_CENTER);
		if (r != RAG_NONE) {
			format_set_bg_color(f->rag[r], export_xlsx_rag_fill((enum rag)r));
			format_set_font_color(f->rag[r], rag_font((enum rag)r));
		}
	}
}

/* Where a cell is, for messages: 工作表“台账”序号 12 的“最新进展”, 工作表“考核”第 2 行的“单位”. */
static const char *place(const struct ctx *c, const char *what, char *buf, size_t size)
{
	if (c->no > 0 && c->by_no)
		snprintf(buf, size, "工作表“%s”序号 %d 的“%s”", c->sheet, c->no, what);
	else if (c->no > 0)
		snprintf(buf, size, "工作表“%s”第 %d 行的“%s”", c->sheet, c->no, what);
	else
		snprintf(buf, size, "工作表“%s”的“%s”", c->sheet, what);
	return buf;
}

static int lxw_failed(struct ctx *c, lxw_error rc, const char *what)
{
	char where[512];

	return err_set(c->e, ERR_INTERNAL, "%s：写入 Excel 失败：%s",
		       place(c, what, where, sizeof(where)), lxw_strerror(rc));
}

static int put_str(struct ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		   const char *s, lxw_format *f, const char *what)
{
	char where[512];
	lxw_error rc;

	if (!s || !*s) {
		rc = worksheet_write_blank(ws, row, col, f);
		return rc ? lxw_failed(c, rc, what) : 0;
	}
	if (!utf8_valid(s, strlen(s), NULL))
		return err_set(c->e, ERR_INPUT, "%s不是有效的 UTF-8 文本",
			       place(c, what, where, sizeof(where)));
	if (utf8_strlen(s) > CELL_MAX_CHARS)
		return err_set(c->e, ERR_INPUT, "%s超过 Excel 单元格上限 %d 个字符，无法导出",
			       place(c, what, where, sizeof(where)), CELL_MAX_CHARS);
	rc = worksheet_write_string(ws, row, col, s, f);
	return rc ? lxw_failed(c, rc, what) : 0;
}

static int put_num(struct ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		   double v, lxw_format *f, const char *what)
{
	lxw_error rc;

	if (!isfinite(v)) {
		char where[512];

		return err_set(c->e, ERR_INPUT, "%s不是有限数值", place(c, what, where, sizeof(where)));
	}
	rc = worksheet_write_number(ws, row, col, v, f);
	return rc ? lxw_failed(c, rc, what) : 0;
}

static int put_int_or_blank(struct ctx *c, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
			    int v, lxw_format *f, const char *what)
{
	if (v <= 0) {
		lxw_error rc = worksheet_write_blank(ws, row, col, f);
		return rc ? lxw_failed(c, rc, what) : 0;
	}
	return put_num(c, ws, row, col, v, f, what);
}

static lxw_worksheet *add_sheet(struct ctx *c, const char *name)
{
	lxw_worksheet *ws = workbook_add_worksheet(c->wb, name);

	c->sheet = name;
	c->no = 0;
	c->by_no = false;
	if (!ws)
		err_set(c->e, ERR_INTERNAL, "无法建立工作表“%s”", name);
	return ws;
}

/*
 * Title rows (when `title` is given), the header row, column widths, the
 * frozen and filtered header and the print setup.  *first receives the
 * first data row.
 */
static int sheet_frame(struct ctx *c, lxw_worksheet *ws, const struct column *cols, lxw_col_t ncols,
		       const char *title, const char *subtitle, size_t nrows, bool landscape,
		       lxw_row_t *first)
{
	lxw_row_t head = 0;
	lxw_error rc;

	for (lxw_col_t i = 0; i < ncols; i++) {
		rc = worksheet_set_column(ws, i, i, cols[i].width, NULL);
		if (rc)
			return lxw_failed(c, rc, "列宽");
	}
	if (title && *title) {
		rc = worksheet_merge_range(ws, 0, 0, 0, ncols - 1, title, c->f.title);
		if (!rc)
			rc = worksheet_set_row(ws, 0, 30, NULL);
		if (rc)
			return lxw_failed(c, rc, "标题");
		head = 1;
		if (subtitle && *subtitle) {
			rc = worksheet_merge_range(ws, 1, 0, 1, ncols - 1, subtitle, c->f.subtitle);
			if (rc)
				return lxw_failed(c, rc, "标题");
			head = 2;
		}
	}
	for (lxw_col_t i = 0; i < ncols; i++)
		if (put_str(c, ws, head, i, cols[i].head, c->f.head, "表头"))
			return -1;
	worksheet_freeze_panes(ws, head + 1, 0);
	rc = worksheet_autofilter(ws, head, 0, head + (lxw_row_t)nrows, ncols - 1);
	if (!rc)
		rc = worksheet_repeat_rows(ws, head, head);
	if (!rc)
		rc = worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");
	if (rc)
		return lxw_failed(c, rc, "打印设置");
	if (landscape)
		worksheet_set_landscape(ws);
	else
		worksheet_set_portrait(ws);
	worksheet_set_paper(ws, PAPER_A4);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
	worksheet_center_horizontally(ws);
	*first = head + 1;
	return 0;
}

/* The 完成率 format that shows exactly the hundredths given. */
static lxw_format *percent_format(const struct formats *f, double percent)
{
	long long cp = llround(percent * 100.0);

	if (cp % 100 == 0)
		return f->pct0;
	if (cp % 10 == 0)
		return f->pct1;
	return f->pct2;
}

static int write_ledger_row(struct ctx *c, lxw_worksheet *ws, lxw_row_t row,
			    const struct xlsx_ledger_row *r)
{
	const struct formats *f = &c->f;
	enum rag rag = (unsigned)r->rag < RAG_COUNT ? r->rag : RAG_NONE;

	c->no = r->no;
	if (put_int_or_blank(c, ws, row, COL_NO, r->no, f->center, "序号") ||
	    put_str(c, ws, row, COL_SECTION, r->section, f->center, "分类") ||
	    put_str(c, ws, row, COL_TEXT, r->text, f->wrap, "重点任务") ||
	    put_str(c, ws, row, COL_LEAD, r->lead_unit, f->wrap, "牵头单位") ||
	    put_str(c, ws, row, COL_UNITS, r->units, f->wrap, "责任单位") ||
	    put_str(c, ws, row, COL_TARGETS, r->targets, f->wrap, "目标") ||
	    put_str(c, ws, row, COL_MILESTONES, r->milestones, f->wrap, "时间节点") ||
	    put_str(c, ws, row, COL_PROGRESS, r->progress, f->wrap, "最新进展"))
		return -1;
	if (r->has_percent) {
		if (put_num(c, ws, row, COL_PERCENT, round(r->percent * 100.0) / 10000.0,
			    percent_format(f, r->percent), "完成率"))
			return -1;
	} else if (put_str(c, ws, row, COL_PERCENT, NULL, f->pct0, "完成率")) {
		return -1;
	}
	if (put_str(c, ws, row, COL_STATUS, r->status, f->rag[rag], "状态") ||
	    put_str(c, ws, row, COL_LEVEL, r->level, f->center, "督办级别"))
		return -1;
	return 0;
}

static int write_ledger_sheet(struct ctx *c, const struct xlsx_ledger *l)
{
	lxw_worksheet *ws = add_sheet(c, "台账");
	char subtitle[512] = "";
	lxw_row_t row;

	if (!ws)
		return -1;
	if (date_is_set(l->as_of)) {
		char iso[DATE_ISO_LEN];

		date_format_iso(l->as_of, iso);
		snprintf(subtitle, sizeof(subtitle), "%s%s数据截至 %s",
			 l->doc_no ? l->doc_no : "", l->doc_no && *l->doc_no ? "　" : "", iso);
	} else if (l->doc_no) {
		snprintf(subtitle, sizeof(subtitle), "%s", l->doc_no);
	}
	if (sheet_frame(c, ws, ledger_cols, LEDGER_NCOLS, l->title, subtitle, l->nrows, true, &row))
		return -1;
	c->by_no = true;
	for (size_t i = 0; i < l->nrows; i++, row++)
		if (write_ledger_row(c, ws, row, &l->rows[i]))
			return -1;
	return 0;
}

static int write_assessment(struct ctx *c, const struct xlsx_assessment *a)
{
	lxw_worksheet *ws = add_sheet(c, "考核");
	lxw_row_t row;

	if (!ws || sheet_frame(c, ws, assess_cols, ASSESS_NCOLS, a->title, NULL, a->nrows, false, &row))
		return -1;
	for (size_t i = 0; i < a->nrows; i++, row++) {
		const struct xlsx_assess_row *r = &a->rows[i];

		c->no = (int)i + 1;
		if (put_int_or_blank(c, ws, row, 0, r->rank, c->f.center, "排名") ||
		    put_str(c, ws, row, 1, r->unit, c->f.text, "单位") ||
		    put_num(c, ws, row, 2, r->duty, c->f.score, "职责履行") ||
		    put_num(c, ws, row, 3, r->efficiency, c->f.score, "行政效能") ||
		    put_num(c, ws, row, 4, r->completion, c->f.score, "任务完成情况") ||
		    put_num(c, ws, row, 5, r->total, c->f.score, "总分"))
			return -1;
	}
	if (!a->nlines)
		return 0;
	ws = add_sheet(c, "考核明细");
	if (!ws || sheet_frame(c, ws, detail_cols, DETAIL_NCOLS, NULL, NULL, a->nlines, false, &row))
		return -1;
	for (size_t i = 0; i < a->nlines; i++, row++) {
		const struct xlsx_assess_line *d = &a->lines[i];

		c->no = (int)i + 1;
		if (put_str(c, ws, row, 0, d->unit, c->f.text, "单位") ||
		    put_str(c, ws, row, 1, d->part, c->f.center, "考核部分") ||
		    put_num(c, ws, row, 2, d->points, c->f.points, "分值") ||
		    put_str(c, ws, row, 3, d->event, c->f.wrap, "事项"))
			return -1;
	}
	return 0;
}

int export_xlsx_ledger_write_to(const struct xlsx_ledger *l, const char *path, struct err *e)
{
	lxw_workbook_options opt = { 0 };
	lxw_doc_properties props = { 0 };
	struct ctx c = { 0 };
	lxw_error rc;
	int ret = -1;

	c.e = e;
	c.sheet = "";
	c.wb = workbook_new_opt(path, &opt);
	if (!c.wb)
		return err_set(e, ERR_INTERNAL, "%s: 无法建立 Excel 工作簿", path);
	make_formats(c.wb, &c.f);

	props.title = (char *)(l->title ? l->title : "");
	props.company = (char *)(l->issuer ? l->issuer : "");
	props.author = (char *)"duban";
	/* Not the clock: the as-of date, so that the same input gives the same file. */
	props.created = (time_t)(date_is_set(l->as_of) ? date_to_days(l->as_of)
				 : date_to_days((struct date){ 1980, 1, 1 })) * 86400;
	rc = workbook_set_properties(c.wb, &props);
	if (rc) {
		lxw_failed(&c, rc, "文档属性");
		goto out;
	}
	if (write_ledger_sheet(&c, l))
		goto out;
	if (l->assessment && write_assessment(&c, l->assessment))
		goto out;
	ret = 0;
out:
	/* workbook_close frees the workbook even when it fails. */
	rc = workbook_close(c.wb);
	if (!ret && rc) {
		if (rc == LXW_ERROR_CREATING_XLSX_FILE || rc == LXW_ERROR_CREATING_TMPFILE)
			err_set(e, ERR_INPUT, "%s: 无法写入：%s", path, strerror(errno));
		else
			err_set(e, ERR_INTERNAL, "%s: 写入 Excel 失败：%s", path, lxw_strerror(rc));
		ret = -1;
	}
	return ret;
}

/* Create an empty file "<prefix>.tmp.XXXXXX" (mode 0600); returns its malloc'd name, or NULL. */
static char *make_temp(const char *pattern_prefix, struct err *e)
{
	char *tmp = xasprintf("%s.tmp.XXXXXX", pattern_prefix);
	int fd = mkstemp(tmp);

	if (fd < 0) {
		err_set(e, ERR_INPUT, "%s: 无法创建临时文件：%s", pattern_prefix, strerror(errno));
		free(tmp);
		return NULL;
	}
	close(fd);
	return tmp;
}

static int sync_file(const char *path, struct err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fsync(fd) || fchmod(fd, 0644)) {
		err_set(e, ERR_INPUT, "%s: 写入失败：%s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (close(fd))
		return err_set(e, ERR_INPUT, "%s: 写入失败：%s", path, strerror(errno));
	return 0;
}

int export_xlsx_ledger_bytes(const struct xlsx_ledger *l, const char *tmpdir,
			     struct strbuf *out, struct err *e)
{
	char *prefix, *tmp;
	int rc = -1;

	if (!tmpdir || !*tmpdir)
		tmpdir = getenv("TMPDIR");
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	prefix = xasprintf("%s/duban-xlsx", tmpdir);
	tmp = make_temp(prefix, e);
	free(prefix);
	if (!tmp)
		return -1;
	if (export_xlsx_ledger_write_to(l, tmp, e))
		goto out;
	/* A workbook is far below this cap; it guards against a runaway file. */
	if (fileio_read(tmp, (size_t)1 << 30, out, e))
		goto out;
	rc = 0;
out:
	unlink(tmp);
	free(tmp);
	return rc;
}

int export_xlsx_ledger_file(const struct xlsx_ledger *l, const char *path, struct err *e)
{
	char *tmp = NULL;
	int rc = -1;

	if (!strcmp(path, "-")) {
		struct strbuf sb = STRBUF_INIT;

		rc = export_xlsx_ledger_bytes(l, NULL, &sb, e);
		if (!rc)
			rc = fileio_write_atomic("-", sb.buf, sb.len, e);
		strbuf_release(&sb);
		return rc;
	}
	tmp = make_temp(path, e);
	if (!tmp)
		return -1;
	if (export_xlsx_ledger_write_to(l, tmp, e) || sync_file(tmp, e))
		goto out;
	if (rename(tmp, path)) {
		err_set(e, ERR_INPUT, "%s: 无法写入：%s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}
