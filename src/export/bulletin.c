/* Progress bulletin: one walk over the view model, written through an HTML or a Markdown back end. */
#include "export/bulletin.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/html.h"

#include "util/banned.h"

/*
 * The content is laid out once (render()), in terms of sections,
 * paragraphs and tables; a back end turns those into markup.  Content code
 * never writes markup and every string it hands over, literal or data, is
 * escaped by the back end, so nothing can slip through unescaped.
 */

enum para_kind { PARA_TEXT, PARA_META, PARA_EMPTY };
enum align { AL_LEFT, AL_CENTER, AL_RIGHT, AL_NOWRAP };

struct doc;

struct backend {
	void (*begin)(struct doc *d, const char *title);
	void (*end)(struct doc *d);
	void (*section)(struct doc *d, const char *heading, bool newpage);
	void (*subsection)(struct doc *d, const char *heading);
	void (*para_begin)(struct doc *d, enum para_kind kind);
	void (*para_end)(struct doc *d);
	void (*text)(struct doc *d, const char *s);
	void (*note)(struct doc *d, const char *s);	/* a remark that must stand out */
	void (*table_begin)(struct doc *d, const char *const *heads, const enum align *al, size_t n);
	void (*row_begin)(struct doc *d);
	void (*cell_begin)(struct doc *d, size_t col);
	void (*cell_end)(struct doc *d);
	void (*row_end)(struct doc *d);
	void (*table_end)(struct doc *d);
};

struct doc {
	struct strbuf *out;
	const struct backend *be;
	const enum align *al;	/* alignment of the open table's columns */
	bool line_start;	/* Markdown: at the start of a paragraph */
};

/* ---------------------------------------------------------------- HTML */

static const char html_style[] =
	"@page{size:A4;margin:22mm 18mm 20mm 18mm}\n"
	"body{font-family:\"FangSong\",\"仿宋\",\"仿宋_GB2312\",\"FangSong_GB2312\",\"STFangsong\","
	"\"SimSun\",\"宋体\",\"Songti SC\",\"Noto Serif CJK SC\",\"Source Han Serif SC\",serif;"
	"font-size:12pt;line-height:1.6;color:#000;background:#fff;margin:0}\n"
	"@media screen{body{max-width:210mm;margin:0 auto;padding:12mm 14mm}}\n"
	"h1{font-family:\"方正小标宋简体\",\"FZXiaoBiaoSong-B05S\",\"华文中宋\",\"STZhongsong\","
	"\"SimSun\",\"宋体\",\"Noto Serif CJK SC\",serif;font-size:20pt;font-weight:bold;"
	"text-align:center;margin:6pt 0 10pt}\n"
	"h2{font-family:\"黑体\",\"SimHei\",\"STHeiti\",\"Noto Sans CJK SC\",\"Source Han Sans SC\","
	"sans-serif;font-size:14pt;margin:16pt 0 6pt;break-after:avoid;page-break-after:avoid}\n"
	"h3{font-family:\"楷体\",\"KaiTi\",\"楷体_GB2312\",\"STKaiti\",serif;font-size:13pt;"
	"margin:10pt 0 4pt;break-after:avoid;page-break-after:avoid}\n"
	"p{margin:4pt 0;text-indent:2em}\n"
	"p.meta{text-indent:0;text-align:center;margin:2pt 0}\n"
	"p.empty{color:#333}\n"
	".note{color:#9c0006;font-weight:bold}\n"
	"table{width:100%;border-collapse:collapse;font-size:10.5pt;line-height:1.4;margin:4pt 0 8pt}\n"
	"thead{display:table-header-group}\n"
	"tr{break-inside:avoid;page-break-inside:avoid}\n"
	"th,td{border:0.5pt solid #000;padding:2pt 4pt;vertical-align:top}\n"
	"th{background:#e6e6e6;font-weight:bold;text-align:center;vertical-align:middle;"
	"-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"td.c{text-align:center;white-space:nowrap}\n"
	"td.n{white-space:nowrap}\n"
	"td.r{text-align:right;white-space:nowrap}\n"
	"h2.newpage{break-before:page;page-break-before:always}\n"
	"@media print{h2.newpage{margin-top:0}}\n";

static void html_begin(struct doc *d, const char *title)
{
	strbuf_addstr(d->out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	html_add_text(d->out, title);
	strbuf_addstr(d->out, "</title>\n<style>\n");
	strbuf_addstr(d->out, html_style);
	strbuf_addstr(d->out, "</style>\n</head>\n<body>\n<h1>");
	html_add_text(d->out, title);
	strbuf_addstr(d->out, "</h1>\n");
}

static void html_end(struct doc *d)
{
	strbuf_addstr(d->out, "</body>\n</html>\n");
}

static void html_section(struct doc *d, const char *heading, bool newpage)
{
	strbuf_addstr(d->out, newpage ? "<h2 class=\"newpage\">" : "<h2>");
	html_add_text(d->out, heading);
	strbuf_addstr(d->out, "</h2>\n");
}

static void html_subsection(struct doc *d, const char *heading)
{
	strbuf_addstr(d->out, "<h3>");
	html_add_text(d->out, heading);
	strbuf_addstr(d->out, "</h3>\n");
}

static void html_para_begin(struct doc *d, enum para_kind kind)
{
	strbuf_addstr(d->out, kind == PARA_META ? "<p class=\"meta\">"
			      : kind == PARA_EMPTY ? "<p class=\"empty\">" : "<p>");
}

static void html_para_end(struct doc *d)
{
	strbuf_addstr(d->out, "</p>\n");
}

static void html_text(struct doc *d, const char *s)
{
	html_add_text_br(d->out, s);
}

static void html_note(struct doc *d, const char *s)
{
	strbuf_addstr(d->out, "<span class=\"note\">");
	html_add_text_br(d->out, s);
	strbuf_addstr(d->out, "</span>");
}

static void html_table_begin(struct doc *d, const char *const *heads, const enum align *al, size_t n)
{
	(void)al;
	strbuf_addstr(d->out, "<table>\n<thead><tr>");
	for (size_t i = 0; i < n; i++) {
		strbuf_addstr(d->out, "<th>");
		html_add_text(d->out, heads[i]);
		strbuf_addstr(d->out, "</th>");
	}
	strbuf_addstr(d->out, "</tr></thead>\n<tbody>\n");
}

static void html_row_begin(struct doc *d)
{
	strbuf_addstr(d->out, "<tr>");
}

static void html_cell_begin(struct doc *d, size_t col)
{
	enum align a = d->al ? d->al[col] : AL_LEFT;

	strbuf_addstr(d->out, a == AL_CENTER ? "<td class=\"c\">" : a == AL_RIGHT ? "<td class=\"r\">"
			      : a == AL_NOWRAP ? "<td class=\"n\">" : "<td>");
}

static void html_cell_end(struct doc *d)
{
	strbuf_addstr(d->out, "</td>");
}

static void html_row_end(struct doc *d)
{
	strbuf_addstr(d->out, "</tr>\n");
}

static void html_table_end(struct doc *d)
{
	strbuf_addstr(d->out, "</tbody>\n</table>\n");
}

static const struct backend html_backend = {
	html_begin, html_end, html_section, html_subsection, html_para_begin, html_para_end,
	html_text, html_note, html_table_begin, html_row_begin, html_cell_begin, html_cell_end,
	html_row_end, html_table_end,
};

/* ------------------------------------------------------------ Markdown */

/*
 * Escape data for Markdown: the inline syntax characters get a backslash,
 * a line break becomes <br> (tables cannot hold a newline; in a paragraph
 * it keeps the break), and at the start of a paragraph a character that
 * would open a heading, quote, list or rule is escaped too.
 */
static void md_add(struct doc *d, const char *s)
{
	if (!s)
		return;
	if (d->line_start && *s) {
		const char *p = s;

		while (*p >= '0' && *p <= '9')
			p++;
		if (p > s && (*p == '.' || *p == ')')) {
			strbuf_add(d->out, s, (size_t)(p - s));
			strbuf_addch(d->out, '\\');
			s = p;
		} else if (strchr("#>-+=", *s)) {
			strbuf_addch(d->out, '\\');
		}
	}
	if (*s)
		d->line_start = false;
	for (; *s; s++) {
		if (*s == '\r') {
			if (s[1] == '\n')
				s++;
			strbuf_addstr(d->out, "<br>");
		} else if (*s == '\n') {
			strbuf_addstr(d->out, "<br>");
		} else {
			if (strchr("\\`*_[]<>|~", *s))
				strbuf_addch(d->out, '\\');
			strbuf_addch(d->out, *s);
		}
	}
}

static void md_begin(struct doc *d, const char *title)
{
	strbuf_addstr(d->out, "# ");
	d->line_start = false;
	md_add(d, title);
	strbuf_addstr(d->out, "\n\n");
}

static void md_end(struct doc *d)
{
	(void)d;
}

static void md_section(struct doc *d, const char *heading, bool newpage)
{
	(void)newpage;
	strbuf_addstr(d->out, "## ");
	d->line_start = false;
	md_add(d, heading);
	strbuf_addstr(d->out, "\n\n");
}

static void md_subsection(struct doc *d, const char *heading)
{
	strbuf_addstr(d->out, "### ");
	d->line_start = false;
	md_add(d, heading);
	strbuf_addstr(d->out, "\n\n");
}

static void md_para_begin(struct doc *d, enum para_kind kind)
{
	(void)kind;
	d->line_start = true;
}

static void md_para_end(struct doc *d)
{
	d->line_start = false;
	strbuf_addstr(d->out, "\n\n");
}

static void md_text(struct doc *d, const char *s)
{
	md_add(d, s);
}

/*
 * Plain: CommonMark does not open "**" between a CJK character and a
 * full-width bracket ("点**（"), so bold would show as stars.
 */
static void md_note(struct doc *d, const char *s)
{
	md_add(d, s);
}

static void md_table_begin(struct doc *d, const char *const *heads, const enum align *al, size_t n)
{
	strbuf_addch(d->out, '|');
	for (size_t i = 0; i < n; i++) {
		strbuf_addch(d->out, ' ');
		md_add(d, heads[i]);
		strbuf_addstr(d->out, " |");
	}
	strbuf_addstr(d->out, "\n|");
	for (size_t i = 0; i < n; i++)
		strbuf_addstr(d->out, al[i] == AL_CENTER ? " :---: |" : al[i] == AL_RIGHT ? " ---: |" : " --- |");
	strbuf_addch(d->out, '\n');
}

static void md_row_begin(struct doc *d)
{
	strbuf_addch(d->out, '|');
}

static void md_cell_begin(struct doc *d, size_t col)
{
	(void)col;
	d->line_start = false;
	strbuf_addch(d->out, ' ');
}

static void md_cell_end(struct doc *d)
{
	strbuf_addstr(d->out, " |");
}

static void md_row_end(struct doc *d)
{
	strbuf_addch(d->out, '\n');
}

static void md_table_end(struct doc *d)
{
	strbuf_addch(d->out, '\n');
}

static const struct backend md_backend = {
	md_begin, md_end, md_section, md_subsection, md_para_begin, md_para_end,
	md_text, md_note, md_table_begin, md_row_begin, md_cell_begin, md_cell_end,
	md_row_end, md_table_end,
};

/* ------------------------------------------------------------- content */

static bool empty(const char *s)
{
	return !s || !*s;
}

static void text(struct doc *d, const char *s)
{
	d->be->text(d, s);
}

static void textf(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void textf(struct doc *d, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	d->be->text(d, sb.buf);
	strbuf_release(&sb);
}

static void para(struct doc *d, enum para_kind kind, const char *s)
{
	d->be->para_begin(d, kind);
	text(d, s);
	d->be->para_end(d);
}

static void table_begin(struct doc *d, const char *const *heads, const enum align *al, size_t n)
{
	d->al = al;
	d->be->table_begin(d, heads, al, n);
}

static void table_end(struct doc *d)
{
	d->be->table_end(d);
	d->al = NULL;
}

/* One cell holding plain text. */
static void cell(struct doc *d, size_t col, const char *s)
{
	d->be->cell_begin(d, col);
	text(d, s);
	d->be->cell_end(d);
}

static void cell_int(struct doc *d, size_t col, int v)
{
	d->be->cell_begin(d, col);
	if (v > 0)
		textf(d, "%d", v);
	d->be->cell_end(d);
}

/* "72.9%": the share to one decimal, rounded half up; "—" of nothing. */
static void add_share(struct strbuf *sb, int count, int total)
{
	long long tenths;

	if (total <= 0 || count < 0) {
		strbuf_addstr(sb, "—");
		return;
	}
	tenths = ((long long)count * 2000 + total) / (2LL * total);
	strbuf_addf(sb, "%lld.%lld%%", tenths / 10, tenths % 10);
}

/* "增加 2 项" / "减少 1 项" / "持平". */
static void add_delta(struct strbuf *sb, int now, int before)
{
	if (now > before)
		strbuf_addf(sb, "增加 %d 项", now - before);
	else if (now < before)
		strbuf_addf(sb, "减少 %d 项", before - now);
	else
		strbuf_addstr(sb, "持平");
}

/* A score with at most two decimals, trailing zeros dropped: 95, 95.5, 95.25. */
static void add_score(struct strbuf *sb, double v)
{
	char buf[64];
	size_t n;

	snprintf(buf, sizeof(buf), "%.2f", v);
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		n--;
	if (n > 0 && buf[n - 1] == '.')
		n--;
	if (n == 2 && buf[0] == '-' && buf[1] == '0')	/* -0.001 */
		buf[0] = '0', n = 1;
	strbuf_add(sb, buf, n);
}

/* 序号 and the task text as one cell content: "第 12 项" is implied by the 序号 column. */
static void task_head_cells(struct doc *d, const struct bulletin_task *t)
{
	cell_int(d, 0, t->no);
	cell(d, 1, t->text);
	cell(d, 2, t->lead_unit);
}

/* The cause the unit gave, or the plain fact that it gave none. */
static void cause_cell(struct doc *d, size_t col, const struct bulletin_task *t)
{
	d->be->cell_begin(d, col);
	if (empty(t->cause)) {
		d->be->note(d, "单位未说明原因");
	} else {
		text(d, t->cause);
		if (t->cause_repeated)
			d->be->note(d, "（与上期所报原因相同）");
	}
	d->be->cell_end(d);
}

static void section_totals(struct doc *d, const struct bulletin *b)
{
	static const char *const heads[] = { "状态", "任务数", "占比", "较上期" };
	static const enum align al[] = { AL_CENTER, AL_RIGHT, AL_RIGHT, AL_CENTER };
	const struct bulletin_totals *t = &b->totals, *p = &b->previous;
	const struct { const char *name; int now, before; } rows[] = {
		{ "已完成", t->done, p->done },
		{ "超进度", t->ahead, p->ahead },
		{ "达进度", t->on, p->on },
		{ "欠进度", t->behind, p->behind },
		{ "其它", t->other, p->other },
		{ "合计", t->total, p->total },
	};
	struct strbuf sb = STRBUF_INIT;

	d->be->section(d, "一、总体情况", false);
	if (t->total <= 0) {
		para(d, PARA_EMPTY, "本期无纳入通报的任务。");
		return;
	}
	d->be->para_begin(d, PARA_TEXT);
	if (!empty(b->as_of))
		textf(d, "截至%s，", b->as_of);
	textf(d, "纳入通报的重点任务共 %d 项，其中已完成 %d 项，超进度 %d 项，达进度 %d 项，欠进度 %d 项",
	      t->total, t->done, t->ahead, t->on, t->behind);
	if (t->other)
		textf(d, "，其它 %d 项", t->other);
	text(d, "。");
	if (b->has_previous) {
		strbuf_addstr(&sb, "与上期");
		if (!empty(b->previous_period))
			strbuf_addf(&sb, "（%s）", b->previous_period);
		strbuf_addstr(&sb, "相比，欠进度任务");
		add_delta(&sb, t->behind, p->behind);
		strbuf_addstr(&sb, "，已完成任务");
		add_delta(&sb, t->done, p->done);
		strbuf_addstr(&sb, "。");
		text(d, sb.buf);
	}
	d->be->para_end(d);

	table_begin(d, heads, al, b->has_previous ? 4 : 3);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		d->be->row_begin(d);
		cell(d, 0, rows[i].name);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%d", rows[i].now);
		cell(d, 1, sb.buf);
		strbuf_reset(&sb);
		add_share(&sb, rows[i].now, t->total);
		cell(d, 2, sb.buf);
		if (b->has_previous) {
			strbuf_reset(&sb);
			add_delta(&sb, rows[i].now, rows[i].before);
			cell(d, 3, sb.buf);
		}
		d->be->row_end(d);
	}
	table_end(d);
	strbuf_release(&sb);
}

static void section_completed(struct doc *d, const struct bulletin *b)
{
	static const char *const heads[] = { "序号", "重点任务", "牵头单位", "完成情况" };
	static const enum align al[] = { AL_CENTER, AL_LEFT, AL_NOWRAP, AL_LEFT };

	d->be->section(d, "二、已完成任务", b->ncompleted > BULLETIN_BIG_TABLE);
	if (!b->ncompleted) {
		para(d, PARA_EMPTY, "截至本期无已完成任务。");
		return;
	}
	table_begin(d, heads, al, 4);
	for (size_t i = 0; i < b->ncompleted; i++) {
		d->be->row_begin(d);
		task_head_cells(d, &b->completed[i]);
		cell(d, 3, b->completed[i].reason);
		d->be->row_end(d);
	}
	table_end(d);
}

/* 欠进度 and 逾期未完成 share one shape: the judgement, then the unit's own cause. */
static void section_problem_tasks(struct doc *d, const char *heading, const char *what_col,
				  const char *run_word, const char *none,
				  const struct bulletin_task *ts, size_t n)
{
	const char *const heads[] = { "序号", "重点任务", "牵头单位", what_col, "单位说明的原因" };
	static const enum align al[] = { AL_CENTER, AL_LEFT, AL_NOWRAP, AL_LEFT, AL_LEFT };

	d->be->section(d, heading, n > BULLETIN_BIG_TABLE);
	if (!n) {
		para(d, PARA_EMPTY, none);
		return;
	}
	table_begin(d, heads, al, 5);
	for (size_t i = 0; i < n; i++) {
		const struct bulletin_task *t = &ts[i];

		d->be->row_begin(d);
		task_head_cells(d, t);
		d->be->cell_begin(d, 3);
		text(d, t->reason);
		if (t->runs >= 2) {
			struct strbuf sb = STRBUF_INIT;

			strbuf_addf(&sb, "（连续第 %d 期%s）", t->runs, run_word);
			d->be->note(d, sb.buf);
			strbuf_release(&sb);
		}
		d->be->cell_end(d);
		cause_cell(d, 4, t);
		d->be->row_end(d);
	}
	table_end(d);
}

static void section_missing(struct doc *d, const struct bulletin *b)
{
	static const char *const heads[] = { "单位", "逾期未报期数", "期次" };
	static const enum align al[] = { AL_NOWRAP, AL_RIGHT, AL_LEFT };

	d->be->section(d, "五、逾期未报单位", b->nmissing > BULLETIN_BIG_TABLE);
	if (!b->nmissing) {
		para(d, PARA_EMPTY, "本期无逾期未报单位。");
		return;
	}
	table_begin(d, heads, al, 3);
	for (size_t i = 0; i < b->nmissing; i++) {
		d->be->row_begin(d);
		cell(d, 0, b->missing[i].unit);
		cell_int(d, 1, b->missing[i].count);
		cell(d, 2, b->missing[i].periods);
		d->be->row_end(d);
	}
	table_end(d);
}

static void section_notices(struct doc *d, const struct bulletin *b)
{
	static const char *const heads[] = { "编号", "类别", "单位", "任务", "下发日期", "办理情况" };
	static const enum align al[] = { AL_CENTER, AL_CENTER, AL_NOWRAP, AL_LEFT, AL_CENTER, AL_CENTER };

	d->be->section(d, "六、本期督办事项", b->nnotices > BULLETIN_BIG_TABLE);
	if (!b->nnotices) {
		para(d, PARA_EMPTY, "本期未下发督查单，无提级督办事项。");
		return;
	}
	table_begin(d, heads, al, 6);
	for (size_t i = 0; i < b->nnotices; i++) {
		const struct bulletin_notice *n = &b->notices[i];

		d->be->row_begin(d);
		cell(d, 0, n->form_no);
		cell(d, 1, n->grade);
		cell(d, 2, n->unit);
		d->be->cell_begin(d, 3);
		if (n->task_no > 0)
			textf(d, "第 %d 项：", n->task_no);
		text(d, n->task);
		d->be->cell_end(d);
		cell(d, 4, n->issued_on);
		cell(d, 5, n->state);
		d->be->row_end(d);
	}
	table_end(d);
}

static void section_ranking(struct doc *d, const struct bulletin *b)
{
	static const char *const heads[] = { "名次", "单位", "得分" };
	static const enum align al[] = { AL_CENTER, AL_NOWRAP, AL_RIGHT };
	struct strbuf sb = STRBUF_INIT;

	d->be->section(d, "七、单位排名", b->nranking > BULLETIN_BIG_TABLE);
	if (!b->nranking) {
		para(d, PARA_EMPTY, "本期无单位排名。");
		return;
	}
	if (!empty(b->ranking_basis)) {
		d->be->para_begin(d, PARA_TEXT);
		text(d, "排名依据：");
		text(d, b->ranking_basis);
		text(d, "。");
		d->be->para_end(d);
	}
	table_begin(d, heads, al, 3);
	for (size_t i = 0; i < b->nranking; i++) {
		d->be->row_begin(d);
		cell_int(d, 0, b->ranking[i].rank);
		cell(d, 1, b->ranking[i].unit);
		strbuf_reset(&sb);
		add_score(&sb, b->ranking[i].score);
		cell(d, 2, sb.buf);
		d->be->row_end(d);
	}
	table_end(d);
	strbuf_release(&sb);
}

static void turned_list(struct doc *d, const char *heading, const char *none,
			const struct bulletin_task *ts, size_t n)
{
	static const char *const heads[] = { "序号", "重点任务", "牵头单位", "本期情况" };
	static const enum align al[] = { AL_CENTER, AL_LEFT, AL_NOWRAP, AL_LEFT };

	d->be->subsection(d, heading);
	if (!n) {
		para(d, PARA_EMPTY, none);
		return;
	}
	table_begin(d, heads, al, 4);
	for (size_t i = 0; i < n; i++) {
		d->be->row_begin(d);
		task_head_cells(d, &ts[i]);
		cell(d, 3, ts[i].reason);
		d->be->row_end(d);
	}
	table_end(d);
}

static size_t count_runs(const struct bulletin_task *ts, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += ts[i].runs >= 2;
	return k;
}

static void runs_rows(struct doc *d, const struct bulletin_task *ts, size_t n, const char *what)
{
	for (size_t i = 0; i < n; i++) {
		if (ts[i].runs < 2)
			continue;
		d->be->row_begin(d);
		task_head_cells(d, &ts[i]);
		cell(d, 3, what);
		cell_int(d, 4, ts[i].runs);
		cause_cell(d, 5, &ts[i]);
		d->be->row_end(d);
	}
}

static void section_change(struct doc *d, const struct bulletin *b)
{
	static const char *const heads[] = { "序号", "重点任务", "牵头单位", "情形", "连续期数", "单位说明的原因" };
	static const enum align al[] = { AL_CENTER, AL_LEFT, AL_NOWRAP, AL_CENTER, AL_RIGHT, AL_LEFT };
	size_t nruns;

	d->be->section(d, "八、与上期对比", false);
	if (!b->has_previous) {
		para(d, PARA_EMPTY, "本期为首期通报，无上期可比。");
		return;
	}
	if (!empty(b->previous_period)) {
		d->be->para_begin(d, PARA_TEXT);
		textf(d, "上期通报期：%s。", b->previous_period);
		d->be->para_end(d);
	}
	turned_list(d, "（一）本期转为红色的任务", "本期无转为红色的任务。", b->turned_red, b->nturned_red);
	turned_list(d, "（二）本期转为绿色的任务", "本期无转为绿色的任务。", b->turned_green, b->nturned_green);
	d->be->subsection(d, "（三）连续两期以上欠进度或逾期的任务");
	nruns = count_runs(b->lagging, b->nlagging) + count_runs(b->overdue, b->noverdue);
	if (!nruns) {
		para(d, PARA_EMPTY, "无连续两期以上欠进度或逾期的任务。");
		return;
	}
	table_begin(d, heads, al, 6);
	runs_rows(d, b->lagging, b->nlagging, "欠进度");
	runs_rows(d, b->overdue, b->noverdue, "逾期未完成");
	table_end(d);
}

static void section_requirements(struct doc *d, const struct bulletin *b)
{
	const char *s = b->requirements;

	if (empty(s))
		return;
	d->be->section(d, "九、下步工作要求", false);
	while (*s) {
		size_t n = strcspn(s, "\r\n");

		if (n) {
			struct strbuf line = STRBUF_INIT;

			strbuf_add(&line, s, n);
			para(d, PARA_TEXT, line.buf);
			strbuf_release(&line);
		}
		s += n;
		while (*s == '\r' || *s == '\n')
			s++;
	}
}

static void render(struct doc *d, const struct bulletin *b)
{
	const char *title = empty(b->title) ? "重点任务进展通报" : b->title;

	d->be->begin(d, title);
	if (!empty(b->issue_no))
		para(d, PARA_META, b->issue_no);
	if (!empty(b->issuer))
		para(d, PARA_META, b->issuer);
	if (!empty(b->period) || !empty(b->as_of)) {
		d->be->para_begin(d, PARA_META);
		if (!empty(b->period))
			textf(d, "通报期：%s", b->period);
		if (!empty(b->period) && !empty(b->as_of))
			text(d, "　");
		if (!empty(b->as_of))
			textf(d, "数据截至：%s", b->as_of);
		d->be->para_end(d);
	}
	section_totals(d, b);
	section_completed(d, b);
	section_problem_tasks(d, "三、欠进度任务", "进度情况", "欠进度", "本期无欠进度任务。",
			      b->lagging, b->nlagging);
	section_problem_tasks(d, "四、逾期未完成任务", "逾期情况", "逾期未完成", "本期无逾期未完成任务。",
			      b->overdue, b->noverdue);
	section_missing(d, b);
	section_notices(d, b);
	section_ranking(d, b);
	section_change(d, b);
	section_requirements(d, b);
	d->be->end(d);
}

void bulletin_render_html(const struct bulletin *b, struct strbuf *out)
{
	struct doc d = { out, &html_backend, NULL, false };

	render(&d, b);
}

void bulletin_render_markdown(const struct bulletin *b, struct strbuf *out)
{
	struct doc d = { out, &md_backend, NULL, false };

	render(&d, b);
}
