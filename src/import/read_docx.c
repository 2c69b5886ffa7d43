/* The Word reader: body paragraphs and table rows of a .docx, with merged cells and automatic numbering resolved. */
#include "import/read_docx.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "import/ooxml.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"

#define NLVL 9
#define MAX_GRID 1024	/* grid columns of one table row */

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static bool is_w(const char *ns)
{
	return !strcmp(ns, W_NS) || !strcmp(ns, W_NS_STRICT);
}

/* A decimal attribute value, or `def` when absent or not a number. */
static int int_val(const char *s, int def)
{
	char *end;
	long v;

	if (!s || !*s)
		return def;
	v = strtol(s, &end, 10);
	if (*end || v < INT_MIN / 2 || v > INT_MAX / 2)
		return def;
	return (int)v;
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* ---------------------------------------------------------------- numbering */

enum numfmt {
	NF_DECIMAL = 0, NF_DECIMAL_ZERO, NF_FULLWIDTH, NF_CIRCLE, NF_PAREN, NF_FULLSTOP,
	NF_CHINESE, NF_LEGAL_CN, NF_TIANGAN, NF_DIZHI, NF_UPPER, NF_LOWER, NF_UROMAN,
	NF_LROMAN, NF_BULLET, NF_NONE
};

struct numlvl {
	int start;
	enum numfmt fmt;
	const char *text;	/* lvlText, NULL if none */
	int suff;		/* 0 tab, 1 space, 2 nothing */
	bool legal;		/* isLgl: decimal for every level */
};

struct absnum {
	int id;
	struct numlvl lvl[NLVL];
	int counter[NLVL];
	bool started[NLVL];
};

struct numinst {
	int id, abs_id;
	int abs;		/* index in absv, -1 if unresolved */
	int override[NLVL];	/* INT_MIN when none */
	bool applied;
};

struct pstyle {
	const char *id, *based;
	int num_id, ilvl;	/* -1 when unset */
};

struct numbering {
	struct absnum *absv;
	size_t nabs, abs_alloc;
	struct numinst *numv;
	size_t nnum, num_alloc;
	struct pstyle *stv;
	size_t nst, st_alloc;
	/* parsing state */
	struct absnum *cur_abs;
	int cur_lvl;		/* -1 outside w:lvl */
	struct numinst *cur_num;
	int cur_ov;		/* ilvl of the w:lvlOverride, -1 outside */
	struct pstyle *cur_st;
	struct arena *a;
};

static enum numfmt numfmt_parse(const char *v)
{
	static const struct {
		const char *name;
		enum numfmt f;
	} map[] = {
		{ "decimal", NF_DECIMAL }, { "decimalZero", NF_DECIMAL_ZERO },
		{ "decimalFullWidth", NF_FULLWIDTH }, { "decimalFullWidth2", NF_FULLWIDTH },
		{ "decimalEnclosedCircle", NF_CIRCLE }, { "decimalEnclosedCircleChinese", NF_CIRCLE },
		{ "decimalEnclosedParen", NF_PAREN }, { "decimalEnclosedFullstop", NF_FULLSTOP },
		{ "chineseCounting", NF_CHINESE }, { "chineseCountingThousand", NF_CHINESE },
		{ "japaneseCounting", NF_CHINESE }, { "taiwaneseCounting", NF_CHINESE },
		{ "taiwaneseCountingThousand", NF_CHINESE }, { "ideographDigital", NF_CHINESE },
		{ "chineseLegalSimplified", NF_LEGAL_CN }, { "ideographLegalTraditional", NF_LEGAL_CN },
		{ "ideographTraditional", NF_TIANGAN }, { "ideographZodiac", NF_DIZHI },
		{ "upperLetter", NF_UPPER }, { "lowerLetter", NF_LOWER },
		{ "upperRoman", NF_UROMAN }, { "lowerRoman", NF_LROMAN },
		{ "bullet", NF_BULLET }, { "none", NF_NONE },
	};

	if (v)
		for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			if (!strcmp(v, map[i].name))
				return map[i].f;
	return NF_DECIMAL;
}

static void add_cp(struct strbuf *sb, uint32_t cp)
{
	char buf[4];

	strbuf_add(sb, buf, utf8_encode(cp, buf));
}

/* 一 … 九千九百九十九 (零 for inner gaps), or decimal beyond. */
static void chinese_number(struct strbuf *sb, int v, bool legal)
{
	static const char *const digits[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	static const char *const ldigits[] = { "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖" };
	static const char *const units[] = { "千", "百", "十", "" };
	static const char *const lunits[] = { "仟", "佰", "拾", "" };
	const char *const *d = legal ? ldigits : digits;
	const char *const *u = legal ? lunits : units;
	int parts[4] = { v / 1000, v / 100 % 10, v / 10 % 10, v % 10 };
	bool started = false, zero = false;

	if (v <= 0 || v > 9999) {
		strbuf_addf(sb, "%d", v);
		return;
	}
	if (v >= 10 && v < 20 && !legal) {	/* 十, 十一 … 十九 */
		strbuf_addstr(sb, "十");
		if (v > 10)
			strbuf_addstr(sb, d[v - 10]);
		return;
	}
	for (int i = 0; i < 4; i++) {
		if (!parts[i]) {
			if (started)
				zero = true;
			continue;
		}
		if (zero)
			strbuf_addstr(sb, d[0]);
		zero = false;
		strbuf_addstr(sb, d[parts[i]]);
		strbuf_addstr(sb, u[i]);
		started = true;
	}
}

static void roman(struct strbuf *sb, int v, bool upper)
{
	static const struct {
		int v;
		const char *s;
	} r[] = { { 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" }, { 90, "xc" },
		  { 50, "l" }, { 40, "xl" }, { 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" } };

	if (v <= 0 || v >= 4000) {
		strbuf_addf(sb, "%d", v);
		return;
	}
	for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		while (v >= r[i].v) {
			for (const char *p = r[i].s; *p; p++)
				strbuf_addch(sb, upper ? *p - 'a' + 'A' : *p);
			v -= r[i].v;
		}
	}
}

static void format_number(struct strbuf *sb, int v, enum numfmt f)
{
	static const char *const tiangan[] = { "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸" };
	static const char *const dizhi[] = { "子", "丑", "寅", "卯", "辰", "巳",
					     "午", "未", "申", "酉", "戌", "亥" };

	switch (f) {
	case NF_DECIMAL_ZERO:
		strbuf_addf(sb, v >= 0 && v < 10 ? "0%d" : "%d", v);
		return;
	case NF_FULLWIDTH: {
		char buf[16];
		snprintf(buf, sizeof(buf), "%d", v);
		for (char *p = buf; *p; p++)
			add_cp(sb, *p >= '0' && *p <= '9' ? 0xFF10u + (uint32_t)(*p - '0') : (uint32_t)*p);
		return;
	}
	case NF_CIRCLE:
		if (v >= 1 && v <= 20)
			add_cp(sb, 0x2460u + (uint32_t)(v - 1));
		else
			strbuf_addf(sb, "%d", v);
		return;
	case NF_PAREN:
		if (v >= 1 && v <= 20)
			add_cp(sb, 0x2474u + (uint32_t)(v - 1));
		else
			strbuf_addf(sb, "(%d)", v);
		return;
	case NF_FULLSTOP:
		if (v >= 1 && v <= 20)
			add_cp(sb, 0x2488u + (uint32_t)(v - 1));
		else
			strbuf_addf(sb, "%d.", v);
		return;
	case NF_CHINESE:
	case NF_LEGAL_CN:
		chinese_number(sb, v, f == NF_LEGAL_CN);
		return;
	case NF_TIANGAN:
		if (v >= 1 && v <= 10)
			strbuf_addstr(sb, tiangan[v - 1]);
		else
			strbuf_addf(sb, "%d", v);
		return;
	case NF_DIZHI:
		if (v >= 1 && v <= 12)
			strbuf_addstr(sb, dizhi[v - 1]);
		else
			strbuf_addf(sb, "%d", v);
		return;
	case NF_UPPER:
	case NF_LOWER:
		if (v >= 1 && v <= 780) {	/* A … Z, AA … ZZ, AAA …: the letter repeated */
			int n = (v - 1) / 26 + 1;
			for (int i = 0; i < n; i++)
				strbuf_addch(sb, (f == NF_UPPER ? 'A' : 'a') + (v - 1) % 26);
		} else {
			strbuf_addf(sb, "%d", v);
		}
		return;
	case NF_UROMAN:
	case NF_LROMAN:
		roman(sb, v, f == NF_UROMAN);
		return;
	case NF_BULLET:
	case NF_NONE:
		return;
	case NF_DECIMAL:
	default:
		strbuf_addf(sb, "%d", v);
		return;
	}
}

static int num_start(void *ctx, const char *name, const char *ns, const struct ooxml_attr *at,
		     size_t n, struct err *e)
{
	struct numbering *nb = ctx;
	const char *val = ooxml_attr(at, n, "val");

	(void)e;
	if (!is_w(ns))
		return 0;
	if (!strcmp(name, "abstractNum")) {
		if (nb->nabs >= 10000)
			return 0;
		ALLOC_GROW(nb->absv, nb->nabs + 1, nb->abs_alloc);
		nb->cur_abs = &nb->absv[nb->nabs++];
		memset(nb->cur_abs, 0, sizeof(*nb->cur_abs));
		nb->cur_abs->id = int_val(ooxml_attr(at, n, "abstractNumId"), -1);
		for (int i = 0; i < NLVL; i++)
			nb->cur_abs->lvl[i].start = 1;
	} else if (!strcmp(name, "num")) {
		if (nb->nnum >= 10000)
			return 0;
		ALLOC_GROW(nb->numv, nb->nnum + 1, nb->num_alloc);
		nb->cur_num = &nb->numv[nb->nnum++];
		memset(nb->cur_num, 0, sizeof(*nb->cur_num));
		nb->cur_num->id = int_val(ooxml_attr(at, n, "numId"), -1);
		nb->cur_num->abs_id = -1;
		nb->cur_num->abs = -1;
		for (int i = 0; i < NLVL; i++)
			nb->cur_num->override[i] = INT_MIN;
	} else if (!strcmp(name, "lvlOverride")) {
		nb->cur_ov = int_val(ooxml_attr(at, n, "ilvl"), -1);
	} else if (!strcmp(name, "startOverride")) {
		if (nb->cur_num && nb->cur_ov >= 0 && nb->cur_ov < NLVL)
			nb->cur_num->override[nb->cur_ov] = int_val(val, 0);
	} else if (!strcmp(name, "abstractNumId")) {
		if (nb->cur_num)
			nb->cur_num->abs_id = int_val(val, -1);
	} else if (!strcmp(name, "lvl")) {
		nb->cur_lvl = nb->cur_abs && nb->cur_ov < 0 ? int_val(ooxml_attr(at, n, "ilvl"), -1) : -1;
		if (nb->cur_lvl >= NLVL)
			nb->cur_lvl = -1;
	} else if (nb->cur_abs && nb->cur_lvl >= 0) {
		struct numlvl *l = &nb->cur_abs->lvl[nb->cur_lvl];

		if (!strcmp(name, "start"))
			l->start = int_val(val, 1);
		else if (!strcmp(name, "numFmt"))
			l->fmt = numfmt_parse(val);
		else if (!strcmp(name, "lvlText"))
			l->text = val ? arena_strdup(nb->a, val) : NULL;
		else if (!strcmp(name, "suff"))
			l->suff = val && !strcmp(val, "space") ? 1 : val && !strcmp(val, "nothing") ? 2 : 0;
		else if (!strcmp(name, "isLgl"))
			l->legal = !val || strcmp(val, "0");
	}
	return 0;
}

static int num_end(void *ctx, const char *name, const char *ns, struct err *e)
{
	struct numbering *nb = ctx;

	(void)e;
	if (!is_w(ns))
		return 0;
	if (!strcmp(name, "abstractNum"))
		nb->cur_abs = NULL;
	else if (!strcmp(name, "num"))
		nb->cur_num = NULL;
	else if (!strcmp(name, "lvlOverride"))
		nb->cur_ov = -1;
	else if (!strcmp(name, "lvl"))
		nb->cur_lvl = -1;
	return 0;
}

static int style_start(void *ctx, const char *name, const char *ns, const struct ooxml_attr *at,
		       size_t n, struct err *e)
{
	struct numbering *nb = ctx;
	const char *val = ooxml_attr(at, n, "val");

	(void)e;
	if (!is_w(ns))
		return 0;
	if (!strcmp(name, "style")) {
		const char *type = ooxml_attr(at, n, "type"), *id = ooxml_attr(at, n, "styleId");

		if ((type && strcmp(type, "paragraph")) || !id || nb->nst >= 10000)
			return 0;
		ALLOC_GROW(nb->stv, nb->nst + 1, nb->st_alloc);
		nb->cur_st = &nb->stv[nb->nst++];
		nb->cur_st->id = arena_strdup(nb->a, id);
		nb->cur_st->based = NULL;
		nb->cur_st->num_id = nb->cur_st->ilvl = -1;
	} else if (nb->cur_st) {
		if (!strcmp(name, "basedOn") && val)
			nb->cur_st->based = arena_strdup(nb->a, val);
		else if (!strcmp(name, "numId"))
			nb->cur_st->num_id = int_val(val, -1);
		else if (!strcmp(name, "ilvl"))
			nb->cur_st->ilvl = int_val(val, -1);
	}
	return 0;
}

static int style_end(void *ctx, const char *name, const char *ns, struct err *e)
{
	struct numbering *nb = ctx;

	(void)e;
	if (is_w(ns) && !strcmp(name, "style"))
		nb->cur_st = NULL;
	return 0;
}

static const struct pstyle *find_style(const struct numbering *nb, const char *id)
{
	for (size_t i = 0; id && i < nb->nst; i++)
		if (!strcmp(nb->stv[i].id, id))
			return &nb->stv[i];
	return NULL;
}

/* The numbering of a paragraph: its own numPr, else its style's (following basedOn). */
static void style_numbering(const struct numbering *nb, const char *style, int *num_id, int *ilvl)
{
	const struct pstyle *s = find_style(nb, style);

	for (int depth = 0; s && depth < 16; depth++) {
		if (*ilvl < 0 && s->ilvl >= 0)
			*ilvl = s->ilvl;
		if (s->num_id >= 0) {
			if (*num_id < 0)
				*num_id = s->num_id;
			return;
		}
		s = find_style(nb, s->based);
	}
}

/* The label Word shows for a paragraph of list num_id at level ilvl (appended to sb). */
static void number_label(struct numbering *nb, int num_id, int ilvl, struct strbuf *sb)
{
	struct numinst *ni = NULL;
	struct absnum *an;
	const struct numlvl *l;

	if (num_id <= 0)
		return;
	for (size_t i = 0; i < nb->nnum; i++)
		if (nb->numv[i].id == num_id)
			ni = &nb->numv[i];
	if (!ni || ni->abs < 0)
		return;
	an = &nb->absv[ni->abs];
	if (ilvl < 0 || ilvl >= NLVL)
		ilvl = 0;
	if (!ni->applied) {
		ni->applied = true;
		for (int k = 0; k < NLVL; k++) {
			if (ni->override[k] != INT_MIN) {
				an->counter[k] = ni->override[k];
				an->started[k] = true;
				an->counter[k]--;	/* incremented below on first use */
			}
		}
	}
	if (an->started[ilvl]) {
		an->counter[ilvl]++;
	} else {
		an->counter[ilvl] = an->lvl[ilvl].start;
		an->started[ilvl] = true;
	}
	for (int k = ilvl + 1; k < NLVL; k++)
		an->started[k] = false;
	l = &an->lvl[ilvl];
	if (l->fmt == NF_BULLET || l->fmt == NF_NONE || !l->text)
		return;
	for (const char *p = l->text; *p; p++) {
		if (*p == '%' && p[1] >= '1' && p[1] <= '9') {
			int k = p[1] - '1';
			int v = an->started[k] ? an->counter[k] : an->lvl[k].start;

			format_number(sb, v, l->legal ? NF_DECIMAL : an->lvl[k].fmt);
			p++;
		} else {
			strbuf_addch(sb, *p);
		}
	}
	if (l->suff == 0)
		strbuf_addch(sb, '\t');
	else if (l->suff == 1)
		strbuf_addch(sb, ' ');
}

static void numbering_release(struct numbering *nb)
{
	free(nb->absv);
	free(nb->numv);
	free(nb->stv);
}

/* Read numbering.xml and styles.xml (both optional) through the document's relationships. */
static int numbering_load(struct ooxml *pkg, const struct ooxml_rels *rels, struct numbering *nb,
			  struct err *e)
{
	static const struct ooxml_handler nh = { num_start, num_end, NULL };
	static const struct ooxml_handler sh = { style_start, style_end, NULL };
	const struct ooxml_rel *r;

	nb->cur_lvl = nb->cur_ov = -1;
	r = ooxml_rels_find_type(rels, "numbering");
	if (r && ooxml_has_part(pkg, r->target) && ooxml_parse_part(pkg, r->target, &nh, nb, e))
		return -1;
	r = ooxml_rels_find_type(rels, "styles");
	if (r && ooxml_has_part(pkg, r->target) && ooxml_parse_part(pkg, r->target, &sh, nb, e))
		return -1;
	for (size_t i = 0; i < nb->nnum; i++)
		for (size_t j = 0; j < nb->nabs; j++)
			if (nb->absv[j].id == nb->numv[i].abs_id)
				nb->numv[i].abs = (int)j;
	return 0;
}

/* ---------------------------------------------------------------- the document */

struct dcell {
	char *text;
	int span;
	bool vcont, hcont;
};

struct docx {
	struct ooxml *pkg;
	struct arena *a;
	struct rows *out;
	struct numbering *nb;

	int skip;		/* > 0: inside left-out content, its depth */
	int block;		/* body paragraphs and table rows so far */
	int in_r, in_t;
	bool in_p;
	struct strbuf para;
	const char *pstyle;
	int num_id, ilvl;

	int tbl;		/* table nesting depth */
	bool in_tc;		/* inside a cell of a top-level table */
	int grid;		/* gridCol count of the top-level table */
	int before, after;	/* gridBefore / gridAfter of the row */
	struct dcell *cells;
	size_t ncells, cells_alloc;
	struct dcell cur;
	struct strbuf cell;
	const char **above;	/* per grid column: the text of the cell above */
	size_t nabove;

	const unsigned char **merged;	/* per output row */
	size_t merged_alloc;
	bool any_merged;
};

static bool skipped_element(const char *name, const char *ns)
{
	static const char *const names[] = {
		"txbxContent", "del", "moveFrom", "rt", "instrText", "delInstrText", "pPrChange",
		"rPrChange", "tblPrChange", "tcPrChange", "trPrChange", "tblGridChange",
		"sectPrChange", "numberingChange", "fldData", NULL,
	};

	if (!strcmp(ns, MC_NS))
		return !strcmp(name, "Fallback");
	if (!is_w(ns))
		return false;
	for (const char *const *n = names; *n; n++)
		if (!strcmp(name, *n))
			return true;
	return false;
}

static int too_long(struct err *e, const char *what)
{
	return err_set(e, ERR_INPUT, "%s过长（超过 %u 字节），不像是任务清单的内容", what,
		       IMPORT_MAX_LINE);
}

static void push_row(struct docx *d, enum row_origin o, const char **cells, size_t n,
		     const unsigned char *flags)
{
	struct rows *out = d->out;
	struct row *r;

	ALLOC_GROW(out->v, out->n + 1, out->alloc);
	ALLOC_GROW(d->merged, out->n + 1, d->merged_alloc);
	r = &out->v[out->n];
	r->line = d->block;
	r->origin = o;
	r->cells = cells;
	r->ncells = n;
	d->merged[out->n] = flags;
	if (flags)
		d->any_merged = true;
	out->n++;
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

static int end_paragraph(struct docx *d, struct err *e)
{
	struct strbuf t = STRBUF_INIT;
	int num_id = d->num_id, ilvl = d->ilvl;
	int rc = 0;

	style_numbering(d->nb, d->pstyle, &num_id, &ilvl);
	if (num_id > 0)
		number_label(d->nb, num_id, ilvl, &t);
	strbuf_add(&t, d->para.buf, d->para.len);
	if (d->tbl > 0) {
		if (d->in_tc && !blank(t.buf, t.len)) {
			if (d->cell.len)
				strbuf_addch(&d->cell, '\n');
			strbuf_add(&d->cell, t.buf, t.len);
			if (d->cell.len > IMPORT_MAX_LINE)
				rc = too_long(e, "单元格");
		}
	} else {
		d->block++;
		if (!blank(t.buf, t.len)) {
			const char **cells = arena_alloc(d->a, sizeof(*cells));

			cells[0] = arena_strndup(d->a, t.buf, t.len);
			push_row(d, ROW_PARAGRAPH, cells, 1, NULL);
		}
	}
	strbuf_release(&t);
	return rc;
}

static void end_row(struct docx *d)
{
	size_t width = (size_t)(d->before > 0 ? d->before : 0), col;
	const char **cells;
	unsigned char *flags = NULL;

	for (size_t i = 0; i < d->ncells; i++)
		width += (size_t)d->cells[i].span;
	width += (size_t)(d->after > 0 ? d->after : 0);
	if (width < (size_t)d->grid)
		width = (size_t)d->grid;
	if (width > MAX_GRID)
		width = MAX_GRID;
	if (!width)
		width = 1;
	cells = arena_alloc(d->a, width * sizeof(*cells));
	for (size_t i = 0; i < width; i++)
		cells[i] = "";
	if (d->nabove < width) {
		d->above = xreallocarray(d->above, width, sizeof(*d->above));
		for (size_t i = d->nabove; i < width; i++)
			d->above[i] = "";
		d->nabove = width;
	}
	col = (size_t)(d->before > 0 ? d->before : 0);
	for (size_t i = 0; i < d->ncells && col < width; i++) {
		const struct dcell *c = &d->cells[i];
		const char *v = c->text;

		if (c->vcont) {
			v = d->above[col];
			if (!flags)
				flags = arena_zalloc(d->a, width);
			flags[col] = 1;
		} else if (c->hcont) {
			v = "";
		}
		cells[col] = v;
		d->above[col] = v;
		for (int k = 1; k < c->span && col + (size_t)k < width; k++)
			d->above[col + (size_t)k] = "";
		col += (size_t)c->span;
	}
	d->block++;
	push_row(d, ROW_TABLE, cells, width, flags);
}

static int doc_start(void *ctx, const char *name, const char *ns, const struct ooxml_attr *at,
		     size_t n, struct err *e)
{
	struct docx *d = ctx;
	const char *val;

	(void)e;
	if (d->skip) {
		d->skip++;
		return 0;
	}
	if (skipped_element(name, ns)) {
		d->skip = 1;
		return 0;
	}
	if (!is_w(ns))
		return 0;
	val = ooxml_attr(at, n, "val");
	switch (name[0]) {
	case 'b':
		if (!strcmp(name, "br") && d->in_r && d->in_p)
			strbuf_addch(&d->para, '\n');
		break;
	case 'c':
		if (!strcmp(name, "cr") && d->in_r && d->in_p)
			strbuf_addch(&d->para, '\n');
		break;
	case 'g':
		if (d->tbl != 1)
			break;
		if (!strcmp(name, "gridCol") && !d->ncells && d->grid < MAX_GRID)
			d->grid++;
		else if (!strcmp(name, "gridSpan") && d->in_tc)
			d->cur.span = clamp(int_val(val, 1), 1, MAX_GRID);
		else if (!strcmp(name, "gridBefore"))
			d->before = clamp(int_val(val, 0), 0, MAX_GRID);
		else if (!strcmp(name, "gridAfter"))
			d->after = clamp(int_val(val, 0), 0, MAX_GRID);
		break;
	case 'h':
		if (!strcmp(name, "hMerge") && d->tbl == 1 && d->in_tc)
			d->cur.hcont = !val || strcmp(val, "restart");
		break;
	case 'i':
		if (!strcmp(name, "ilvl") && d->in_p)
			d->ilvl = int_val(val, -1);
		break;
	case 'n':
		if (!strcmp(name, "numId") && d->in_p)
			d->num_id = int_val(val, -1);
		else if (!strcmp(name, "noBreakHyphen") && d->in_r && d->in_p)
			strbuf_addch(&d->para, '-');
		break;
	case 'p':
		if (!strcmp(name, "p")) {
			d->in_p = true;
			strbuf_reset(&d->para);
			d->pstyle = NULL;
			d->num_id = d->ilvl = -1;
		} else if (!strcmp(name, "pStyle") && d->in_p && val) {
			d->pstyle = arena_strdup(d->a, val);
		} else if (!strcmp(name, "ptab") && d->in_r && d->in_p) {
			strbuf_addch(&d->para, '\t');
		}
		break;
	case 'r':
		if (!strcmp(name, "r"))
			d->in_r++;
		break;
	case 't':
		if (!strcmp(name, "t")) {
			d->in_t++;
		} else if (!strcmp(name, "tab") && d->in_r && d->in_p) {
			strbuf_addch(&d->para, '\t');
		} else if (!strcmp(name, "tbl")) {
			if (++d->tbl == 1) {
				d->grid = 0;
				d->nabove = 0;
				d->ncells = 0;
			}
		} else if (!strcmp(name, "tr") && d->tbl == 1) {
			d->ncells = 0;
			d->before = d->after = 0;
		} else if (!strcmp(name, "tc") && d->tbl == 1) {
			d->in_tc = true;
			memset(&d->cur, 0, sizeof(d->cur));
			d->cur.span = 1;
			strbuf_reset(&d->cell);
		}
		break;
	case 'v':
		if (!strcmp(name, "vMerge") && d->tbl == 1 && d->in_tc)
			d->cur.vcont = !val || strcmp(val, "restart");
		break;
	default:
		break;
	}
	return 0;
}

static int doc_end(void *ctx, const char *name, const char *ns, struct err *e)
{
	struct docx *d = ctx;

	if (d->skip) {
		d->skip--;
		return 0;
	}
	if (!is_w(ns))
		return 0;
	if (!strcmp(name, "t")) {
		d->in_t--;
	} else if (!strcmp(name, "r")) {
		d->in_r--;
	} else if (!strcmp(name, "p")) {
		d->in_p = false;
		return end_paragraph(d, e);
	} else if (!strcmp(name, "tc") && d->tbl == 1) {
		d->in_tc = false;
		d->cur.text = arena_strndup(d->a, d->cell.buf, d->cell.len);
		if (d->ncells < MAX_GRID) {
			ALLOC_GROW(d->cells, d->ncells + 1, d->cells_alloc);
			d->cells[d->ncells++] = d->cur;
		}
	} else if (!strcmp(name, "tr") && d->tbl == 1) {
		end_row(d);
		d->ncells = 0;
	} else if (!strcmp(name, "tbl")) {
		d->tbl--;
	}
	return 0;
}

static int doc_text(void *ctx, const char *s, size_t n, struct err *e)
{
	struct docx *d = ctx;

	if (d->skip || d->in_t <= 0 || !d->in_p)
		return 0;
	strbuf_add(&d->para, s, n);
	if (d->para.len > IMPORT_MAX_LINE)
		return too_long(e, "段落");
	return 0;
}

int read_docx(const char *data, size_t len, const char *name, struct arena *a, struct rows *out,
	      struct diags *w, struct err *e)
{
	static const struct ooxml_handler h = { doc_start, doc_end, doc_text };
	struct ooxml pkg;
	struct ooxml_rels pkg_rels, doc_rels;
	const struct ooxml_rel *main_rel;
	const char *part = "word/document.xml";
	struct numbering nb;
	struct docx d;
	size_t nrows0 = out->n;
	int rc = -1;

	(void)w;
	memset(&nb, 0, sizeof(nb));
	memset(&d, 0, sizeof(d));
	nb.a = a;
	strbuf_init(&d.para, 0);
	strbuf_init(&d.cell, 0);
	if (ooxml_open(&pkg, data, len, name, e))
		return -1;
	if (ooxml_rels_load(&pkg, "", a, &pkg_rels, e))
		goto out;
	main_rel = ooxml_rels_find_type(&pkg_rels, "officeDocument");
	if (main_rel && ooxml_has_part(&pkg, main_rel->target) && !ends_with(main_rel->target, "workbook.xml"))
		part = main_rel->target;
	if (!ooxml_has_part(&pkg, part)) {
		if (ooxml_has_part(&pkg, "xl/workbook.xml") ||
		    (main_rel && ends_with(main_rel->target, "workbook.xml")))
			err_set(e, ERR_INPUT, "%s: 缺少 word/document.xml：这是 Excel 工作簿（.xlsx），"
				"不是 Word 文档", name);
		else
			err_set(e, ERR_INPUT, "%s: 缺少 word/document.xml：不是 Word 文档（.docx）", name);
		goto out;
	}
	if (ooxml_rels_load(&pkg, part, a, &doc_rels, e) || numbering_load(&pkg, &doc_rels, &nb, e))
		goto out;

	d.pkg = &pkg;
	d.a = a;
	d.out = out;
	d.nb = &nb;
	d.num_id = d.ilvl = -1;
	for (size_t i = 0; i < nrows0; i++) {
		ALLOC_GROW(d.merged, i + 1, d.merged_alloc);
		d.merged[i] = out->merged ? out->merged[i] : NULL;
	}
	if (ooxml_parse_part(&pkg, part, &h, &d, e))
		goto out;
	if (out->n == nrows0) {
		err_set(e, ERR_INPUT, "%s: %s 中没有任何文字", name, part);
		goto out;
	}
	if (d.any_merged || out->merged) {
		const unsigned char **m = arena_alloc(a, out->n * sizeof(*m));

		memcpy(m, d.merged, out->n * sizeof(*m));
		out->merged = m;
	}
	out->encoding = "UTF-8";
	rc = 0;
out:
	ooxml_close(&pkg);
	numbering_release(&nb);
	strbuf_release(&d.para);
	strbuf_release(&d.cell);
	free(d.cells);
	free(d.above);
	free(d.merged);
	return rc;
}
