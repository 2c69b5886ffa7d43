/* The Excel reader: a worksheet's cells (shared strings, dates, merged ranges) as rows. */
#include "import/read_xlsx.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import/import.h"
#include "import/ooxml.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define MAX_COLS 512
#define MAX_GRID_CELLS ((uint64_t)16 << 20)
#define MAX_MERGE_WORK ((uint64_t)64 << 20)
#define MAX_ROW 1048576
#define MAX_COL 16384

/* Date formats: which parts a number format shows. */
enum { DK_Y = 1, DK_M = 2, DK_D = 4 };

/* ---------------------------------------------------------------- small helpers */

static long long_val(const char *s, long def)
{
	char *end;
	long v;

	if (!s || !*s)
		return def;
	v = strtol(s, &end, 10);
	return *end ? def : v;
}

/* "AB12" -> column 27 (0-based) and row 12; false if malformed. */
static bool parse_ref(const char *s, int *col, int *row)
{
	int c = 0, r = 0, nc = 0, nr = 0;

	while (*s == '$')
		s++;
	for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++) {
		c = c * 26 + ((*s | 0x20) - 'a' + 1);
		if (++nc > 3)
			return false;
	}
	if (*s == '$')
		s++;
	for (; *s >= '0' && *s <= '9'; s++) {
		r = r * 10 + (*s - '0');
		if (++nr > 7)
			return false;
	}
	if (*s || !nc || !nr || c > MAX_COL || r < 1 || r > MAX_ROW)
		return false;
	*col = c - 1;
	*row = r;
	return true;
}

/* Column letters for messages: 0 -> "A". */
static void col_name(int col, char buf[8])
{
	char tmp[8];
	int n = 0, k = 0;

	col++;
	while (col > 0 && n < 7) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	while (n)
		buf[k++] = tmp[--n];
	buf[k] = '\0';
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Copy s[0..n) into the arena, decoding _xHHHH_ escapes (ST_Xstring). */
static char *decode_xstring(struct arena *a, const char *s, size_t n)
{
	char *out, *o;

	if (!memchr(s, '_', n))
		return arena_strndup(a, s, n);
	out = o = arena_alloc(a, n + 1);
	for (size_t i = 0; i < n;) {
		if (s[i] == '_' && i + 7 <= n && s[i + 1] == 'x' && s[i + 6] == '_') {
			int h0 = hexval(s[i + 2]), h1 = hexval(s[i + 3]), h2 = hexval(s[i + 4]),
			    h3 = hexval(s[i + 5]);

			if (h0 >= 0 && h1 >= 0 && h2 >= 0 && h3 >= 0) {
				uint32_t cp = (uint32_t)(h0 << 12 | h1 << 8 | h2 << 4 | h3);

				if (cp && !(cp >= 0xD800 && cp <= 0xDFFF)) {
					o += utf8_encode(cp, o);	/* at most 3 bytes < 7 */
					i += 7;
					continue;
				}
			}
		}
		*o++ = s[i++];
	}
	*o = '\0';
	return out;
}

/* ---------------------------------------------------------------- workbook */

struct xsheet {
	const char *name, *rid;
	bool hidden;
};

struct workbook {
	struct arena *a;
	struct xsheet *v;
	size_t n, alloc;
	bool date1904;
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static bool truthy(const char *v)
{
	return v && (!strcmp(v, "1") || !strcasecmp(v, "true"));
}

static int wb_start(void *ctx, const char *name, const char *ns, const struct ooxml_attr *at,
		    size_t n, struct err *e)
{
	struct workbook *wb = ctx;

	(void)ns;
	(void)e;
	if (!strcmp(name, "workbookPr")) {
		wb->date1904 = truthy(ooxml_attr(at, n, "date1904"));
	} else if (!strcmp(name, "sheet") && wb->n < 10000) {
		const char *nm = ooxml_attr(at, n, "name"), *rid = ooxml_attr(at, n, "id"),
			   *state = ooxml_attr(at, n, "state");

		if (!nm || !rid)
			return 0;
		ALLOC_GROW(wb->v, wb->n + 1, wb->alloc);
		wb->v[wb->n].name = arena_strdup(wb->a, nm);
		wb->v[wb->n].rid = arena_strdup(wb->a, rid);
		wb->v[wb->n].hidden = state && strcmp(state, "visible");
		wb->n++;
	}
	return 0;
}

/* ---------------------------------------------------------------- styles */

struct numfmt {
	int id;
	int kind;
};

struct styles {
	struct numfmt *fmts;
	size_t nfmts, fmts_alloc;
	int *xf_kind;		/* per cellXfs index: DK_* bits, 0 for no date */
	size_t nxf, xf_alloc;
	bool in_cellxfs;
};

static int builtin_kind(int id)
{
	switch (id) {
	case 14: case 15: case 22: case 30: case 31:
		return DK_Y | DK_M | DK_D;
	case 16: case 28: case 29: case 51: case 53: case 54: case 58:
		return DK_M | DK_D;
	case 17: case 27: case 36: case 50: case 52: case 57:
		return DK_Y | DK_M;
	default:
		return 0;
	}
}

/* Which date parts a custom format code shows (its first section); 0 if it is no date. */
static int code_kind(const char *code)
{
	int k = 0;
	bool time = false, month = false;

	if (strcasestr(code, "general"))
		return 0;
	for (const char *p = code; *p && *p != ';'; p++) {
		switch (*p) {
		case '"': {
			const char *q = strchr(p + 1, '"');
			if (!q)
				return k;
			p = q;
			break;
		}
		case '\\': case '_': case '*':
			if (p[1])
				p++;
			break;
		case '[': {
			const char *q = strchr(p, ']');
			if (!q)
				return 0;
			if (p[1] == 'h' || p[1] == 'H' || p[1] == 'm' || p[1] == 'M' || p[1] == 's' ||
			    p[1] == 'S')
				time = true;	/* elapsed time: [h]:mm */
			p = q;
			break;
		}
		case 'y': case 'Y':
			k |= DK_Y;
			break;
		case 'd': case 'D':
			k |= DK_D;
			break;
		case 'm': case 'M':
			month = true;
			break;
		case 'h': case 'H': case 's': case 'S':
			time = true;
			break;
		default:
			break;
		}
	}
	if (k || (month && !time))
		return month ? k | DK_M : k;
	return 0;
}

static int st_start(void *ctx, const char *name, const char *ns, const struct ooxml_attr *at,
		    size_t n, struct err *e)
{
	struct styles *st = ctx;

	(void)ns;
	(void)e;
	if (!strcmp(name, "numFmt") && st->nfmts < 10000) {
		const char *code = ooxml_attr(at, n, "formatCode");

		ALLOC_GROW(st->fmts, st->nfmts + 1, st->fmts_alloc);
		st->fmts[st->nfmts].id = (int)long_val(ooxml_attr(at, n, "numFmtId"), -1);
		st->fmts[st->nfmts].kind = code ? code_kind(code) : 0;
		st->nfmts++;
	} else if (!strcmp(name, "cellXfs")) {
		st->in_cellxfs = true;
	} else if (!strcmp(name, "xf") && st->in_cellxfs && st->nxf < 100000) {
		int id = (int)long_val(ooxml_attr(at, n, "numFmtId"), 0), kind = builtin_kind(id);

		for (size_t i = 0; i < st->nfmts; i++)
			if (st->fmts[i].id == id)
				kind = st->fmts[i].kind;
		ALLOC_GROW(st->xf_kind, st->nxf + 1, st->xf_alloc);
		st->xf_kind[st->nxf++] = kind;
	}
	return 0;
}

static int st_end(void *ctx, const char *name, const char *ns, struct err *e)
{
	struct styles *st = ctx;

	(void)ns;
	(void)e;
	if (!strcmp(name, "cellXfs"))
		st->in_cellxfs = false;
	return 0;
}

/* ---------------------------------------------------------------- shared strings */

struct sst {
	struct arena *a;
	const char **v;
	size_t n, alloc;
	struct strbuf buf;
	bool in_si, in_t;
	int in_rph;
};

static int sst_start(void *ctx, const char *name, const char *ns, const struct ooxml_attr *at,
		     size_t n, struct err *e)
{
	struct sst *s = ctx;

	(void)ns;
	(void)at;
	(void)n;
	(void)e;
	if (!strcmp(name, "si")) {
		s->in_si = true;
		strbuf_reset(&s->buf);
	} else if (!strcmp(name, "rPh")) {
		s->in_rph++;
	} else if (!strcmp(name, "t") && s->in_si) {
		s->in_t = true;
	}
	return 0;
}

static int sst_end(void *ctx, const char *name, const char *ns, struct err *e)
{
	struct sst *s = ctx;

	(void)ns;
	(void)e;
	if (!strcmp(name, "si")) {
		ALLOC_GROW(s->v, s->n + 1, s->alloc);
		s->v[s->n++] = decode_xstring(s->a, s->buf.buf, s->buf.len);
		s->in_si = false;
	} else if (!strcmp(name, "rPh")) {
		s->in_rph--;
	} else if (!strcmp(name, "t")) {
		s->in_t = false;
	}
	return 0;
}

static int sst_text(void *ctx, const char *t, size_t n, struct err *e)
{
	struct sst *s = ctx;

	if (!s->in_si || !s->in_t || s->in_rph)
		return 0;
	strbuf_add(&s->buf, t, n);
	if (s->buf.len > IMPORT_MAX_LINE)
		return err_set(e, ERR_INPUT, "共享字符串第 %zu 项过长（超过 %u 字节）", s->n + 1,
			       IMPORT_MAX_LINE);
	return 0;
}

/* ---------------------------------------------------------------- the sheet */

struct xcell {
	int row, col;
	size_t seq;
	const char *v;
};

struct xmerge {
	int r0, c0, r1, c1;
};

struct sheet {
	struct arena *a;
	const struct sst *sst;
	const struct styles *st;
	bool date1904;

	struct xcell *cells;
	size_t ncells, cells_alloc;
	struct xmerge *merges;
	size_t nmerges, merges_alloc;

	int row;		/* current row number */
	int col;		/* current cell's column; the next one when r is missing */
	char type[16];
	int style;
	bool in_c, in_v, in_is, in_t;
	int in_rph;
	struct strbuf buf;
	int dropped_col;	/* first column left out (beyond MAX_COLS), or -1 */
};

/* A serial day number as the format shows it; false if it is no date. */
static bool serial_date(double v, bool date1904, int kind, char *out, size_t outlen)
{
	long days;
	struct date d;

	if (!isfinite(v) || v < 1 || v > 2958465)	/* 9999-12-31 */
		return false;
	days = (long)v;	/* the day; a fraction is the time */
	if (date1904)
		d = date_from_days(date_to_days((struct date){ 1904, 1, 1 }) + days);
	else if (days < 60)
		d = date_from_days(date_to_days((struct date){ 1899, 12, 31 }) + days);
	else if (days == 60)
		d = (struct date){ 1900, 2, 28 };	/* Excel's 1900-02-29 */
	else
		d = date_from_days(date_to_days((struct date){ 1899, 12, 30 }) + days);
	if ((kind & (DK_Y | DK_M | DK_D)) == (DK_Y | DK_M | DK_D) || (kind & DK_D && kind & DK_Y))
		snprintf(out, outlen, "%04d-%02d-%02d", d.y, d.m, d.d);
	else if (kind & DK_Y && kind & DK_M)
		snprintf(out, outlen, "%d年%d月", d.y, d.m);
	else if (kind & DK_M && kind & DK_D)
		snprintf(out, outlen, "%d月%d日", d.m, d.d);
	else if (kind & DK_Y)
		snprintf(out, outlen, "%d年", d.y);
	else if (kind & DK_M)
		snprintf(out, outlen, "%d月", d.m);
	else
		snprintf(out, outlen, "%d日", d.d);
	return true;
}

static int sh_start(void *ctx, const char *name, const char *ns, const struct ooxml_attr *at,
		    size_t n, struct err *e)
{
	struct sheet *s = ctx;

	(void)ns;
	if (!strcmp(name, "row")) {
		long r = long_val(ooxml_attr(at, n, "r"), s->row + 1);

		if (r < 1 || r > MAX_ROW)
			return err_set(e, ERR_INPUT, "行号 %ld 无效", r);
		s->row = (int)r;
		s->col = 0;
	} else if (!strcmp(name, "c")) {
		const char *ref = ooxml_attr(at, n, "r"), *t = ooxml_attr(at, n, "t");
		int col, row;

		if (ref) {
			if (!parse_ref(ref, &col, &row))
				return err_set(e, ERR_INPUT, "单元格地址“%s”无效", ref);
			s->col = col;
			if (row != s->row)
				s->row = row;
		}
		if (s->row < 1)
			s->row = 1;
		snprintf(s->type, sizeof(s->type), "%s", t ? t : "n");
		s->style = (int)long_val(ooxml_attr(at, n, "s"), 0);
		s->in_c = true;
		strbuf_reset(&s->buf);
	} else if (s->in_c && !strcmp(name, "v")) {
		s->in_v = true;
	} else if (s->in_c && !strcmp(name, "is")) {
		s->in_is = true;
	} else if (s->in_is && !strcmp(name, "rPh")) {
		s->in_rph++;
	} else if (s->in_is && !strcmp(name, "t")) {
		s->in_t = true;
	} else if (!strcmp(name, "mergeCell") && s->nmerges < 1000000) {
		const char *ref = ooxml_attr(at, n, "ref");
		char a[48], b[48];
		const char *colon = ref ? strchr(ref, ':') : NULL;
		struct xmerge m;

		if (!ref || strlen(ref) >= sizeof(a))
			return 0;
		if (colon) {
			snprintf(a, sizeof(a), "%.*s", (int)(colon - ref), ref);
			snprintf(b, sizeof(b), "%s", colon + 1);
		} else {
			snprintf(a, sizeof(a), "%s", ref);
			snprintf(b, sizeof(b), "%s", ref);
		}
		if (!parse_ref(a, &m.c0, &m.r0) || !parse_ref(b, &m.c1, &m.r1))
			return err_set(e, ERR_INPUT, "合并区域“%s”无效", ref);
		if (m.r1 < m.r0 || m.c1 < m.c0)
			return 0;
		ALLOC_GROW(s->merges, s->nmerges + 1, s->merges_alloc);
		s->merges[s->nmerges++] = m;
	}
	return 0;
}

/* The displayed value of the cell just read; NULL for none; -1 on error via *rc. */
static const char *cell_value(struct sheet *s, struct err *e, int *rc)
{
	const char *t = s->type, *v = s->buf.buf;
	char cn[8];

	*rc = 0;
	if (!strcmp(t, "s")) {
		char *end;
		long k;

		if (!s->buf.len)
			return NULL;
		k = strtol(v, &end, 10);
		if (*end || k < 0 || (size_t)k >= s->sst->n) {
			col_name(s->col, cn);
			*rc = err_set(e, ERR_INPUT, "单元格 %s%d 引用了第 %ld 个共享字符串，但只有 %zu 个",
				      cn, s->row, k + 1, s->sst->n);
			return NULL;
		}
		return s->sst->v[k];
	}
	if (!s->buf.len)
		return NULL;
	if (!strcmp(t, "inlineStr") || !strcmp(t, "str") || !strcmp(t, "e"))
		return decode_xstring(s->a, v, s->buf.len);
	if (!strcmp(t, "b"))
		return strcmp(v, "0") ? "TRUE" : "FALSE";
	if (!strcmp(t, "d"))
		return arena_strndup(s->a, v, s->buf.len >= 10 && v[4] == '-' ? 10 : s->buf.len);
	/* A number: a date when its style says so. */
	if (s->style > 0 && (size_t)s->style < s->st->nxf && s->st->xf_kind[s->style]) {
		char *end, out[32];
		double d = strtod(v, &end);

		if (!*end && serial_date(d, s->date1904, s->st->xf_kind[s->style], out, sizeof(out)))
			return arena_strdup(s->a, out);
	}
	return arena_strndup(s->a, v, s->buf.len);
}

static int sh_end(void *ctx, const char *name, const char *ns, struct err *e)
{
	struct sheet *s = ctx;

	(void)ns;
	if (!strcmp(name, "c") && s->in_c) {
		int rc;
		const char *v = cell_value(s, e, &rc);

		s->in_c = s->in_v = s->in_is = s->in_t = false;
		s->in_rph = 0;
		if (rc)
			return -1;
		if (v && *v) {
			if (s->col >= MAX_COLS) {
				if (s->dropped_col < 0)
					s->dropped_col = s->col;
			} else {
				ALLOC_GROW(s->cells, s->ncells + 1, s->cells_alloc);
				s->cells[s->ncells] = (struct xcell){ s->row, s->col, s->ncells, v };
				s->ncells++;
			}
		}
		s->col++;
	} else if (!strcmp(name, "v")) {
		s->in_v = false;
	} else if (!strcmp(name, "is")) {
		s->in_is = false;
	} else if (!strcmp(name, "rPh")) {
		if (s->in_rph)
			s->in_rph--;
	} else if (!strcmp(name, "t")) {
		s->in_t = false;
	}
	return 0;
}

static int sh_text(void *ctx, const char *t, size_t n, struct err *e)
{
	struct sheet *s = ctx;

	if (!s->in_c || !(s->in_v || (s->in_is && s->in_t && !s->in_rph)))
		return 0;
	strbuf_add(&s->buf, t, n);
	if (s->buf.len > IMPORT_MAX_LINE) {
		char cn[8];

		col_name(s->col, cn);
		return err_set(e, ERR_INPUT, "单元格 %s%d 过长（超过 %u 字节）", cn, s->row,
			       IMPORT_MAX_LINE);
	}
	return 0;
}

static int cmp_cell(const void *x, const void *y)
{
	const struct xcell *a = x, *b = y;

	if (a->row != b->row)
		return a->row < b->row ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;

	return a < b ? -1 : a > b;
}

/* Index of the first row number >= r in rows[0..n). */
static size_t lower_bound(const int *rows, size_t n, int r)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rows[mid] < r)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Lay the cells out in a grid, resolve merged ranges, and append the rows. */
static int build_rows(struct sheet *s, const char *name, const char *part, struct rows *out,
		      struct err *e)
{
	int *rows = NULL, maxrow, ncols = 0;
	size_t nrows = 0, rows_alloc = 0, k = 0;
	const char ***grid = NULL;
	unsigned char **flags = NULL;
	uint64_t work = 0;
	bool any_flag = false;
	int rc = -1;

	qsort(s->cells, s->ncells, sizeof(*s->cells), cmp_cell);
	maxrow = s->cells[s->ncells - 1].row;
	for (size_t i = 0; i < s->ncells; i++) {
		if (s->cells[i].col + 1 > ncols)
			ncols = s->cells[i].col + 1;
		if (!nrows || rows[nrows - 1] != s->cells[i].row) {
			ALLOC_GROW(rows, nrows + 1, rows_alloc);
			rows[nrows++] = s->cells[i].row;
		}
	}
	/* Rows that only a merged range reaches. */
	{
		size_t nexisting = nrows;

		for (size_t m = 0; m < s->nmerges; m++) {
			struct xmerge *mg = &s->merges[m];
			size_t at = lower_bound(rows, nexisting, mg->r0);

			if (mg->r0 > maxrow || mg->c0 >= ncols || at >= nexisting || rows[at] != mg->r0)
				continue;	/* its top-left row holds nothing */
			if (mg->r1 > maxrow)
				mg->r1 = maxrow;
			for (int r = mg->r0 + 1; r <= mg->r1; r++) {
				size_t j = lower_bound(rows, nexisting, r);
				if (j < nexisting && rows[j] == r)
					continue;
				if (++work > MAX_MERGE_WORK)
					goto too_big;
				ALLOC_GROW(rows, nrows + 1, rows_alloc);
				rows[nrows++] = r;
			}
		}
		if (nrows > nexisting) {
			size_t u = 0;

			qsort(rows, nrows, sizeof(*rows), cmp_int);
			for (size_t i = 0; i < nrows; i++)
				if (!u || rows[u - 1] != rows[i])
					rows[u++] = rows[i];
			nrows = u;
		}
	}
	if ((uint64_t)nrows * (uint64_t)ncols > MAX_GRID_CELLS)
		goto too_big;
	grid = xcalloc(nrows, sizeof(*grid));
	flags = xcalloc(nrows, sizeof(*flags));
	for (size_t i = 0; i < nrows; i++) {
		grid[i] = arena_alloc(s->a, (size_t)ncols * sizeof(**grid));
		for (int c = 0; c < ncols; c++)
			grid[i][c] = "";
	}
	for (size_t i = 0; i < s->ncells; i++) {
		const struct xcell *c = &s->cells[i];

		while (rows[k] != c->row)
			k++;
		grid[k][c->col] = c->v;	/* a later duplicate wins */
	}
	for (size_t m = 0; m < s->nmerges; m++) {
		const struct xmerge *mg = &s->merges[m];
		size_t top = lower_bound(rows, nrows, mg->r0);
		int c1 = mg->c1 < ncols ? mg->c1 : ncols - 1;
		const char *v;

		if (mg->c0 >= ncols || top >= nrows || rows[top] > mg->r1)
			continue;
		v = rows[top] == mg->r0 ? grid[top][mg->c0] : "";
		for (size_t i = top; i < nrows && rows[i] <= mg->r1; i++) {
			work += (uint64_t)(c1 - mg->c0 + 1);
			if (work > MAX_MERGE_WORK)
				goto too_big;
			for (int c = mg->c0; c <= c1; c++) {
				if (rows[i] == mg->r0 && c == mg->c0)
					continue;
				if (c == mg->c0 && *v) {
					grid[i][c] = v;
					if (!flags[i])
						flags[i] = arena_zalloc(s->a, (size_t)ncols);
					flags[i][c] = 1;
					any_flag = true;
				} else {
					grid[i][c] = "";
				}
			}
		}
	}
	{
		size_t nrows0 = out->n;
		const unsigned char **mv = NULL;

		for (size_t i = 0; i < nrows; i++) {
			bool blank = true;
			struct row *r;

			for (int c = 0; c < ncols && blank; c++)
				if (*grid[i][c])
					blank = false;
			if (blank)
				continue;
			ALLOC_GROW(out->v, out->n + 1, out->alloc);
			r = &out->v[out->n];
			r->line = rows[i];
			r->origin = ROW_TABLE;
			r->cells = grid[i];
			r->ncells = (size_t)ncols;
			if (any_flag) {
				if (!mv) {
					mv = arena_zalloc(s->a, (nrows0 + nrows) * sizeof(*mv));
					for (size_t j = 0; j < nrows0 && out->merged; j++)
						mv[j] = out->merged[j];
				}
				mv[out->n] = flags[i];
			}
			out->n++;
		}
		if (mv)
			out->merged = mv;
	}
	rc = 0;
	goto out;
too_big:
	err_set(e, ERR_INPUT, "%s: %s: 工作表的使用区域过大（%zu 行 × %d 列，或合并区域过多），拒绝读取",
		name, part, nrows, ncols);
out:
	free(rows);
	free(grid);
	free(flags);
	return rc;
}

/* ---------------------------------------------------------------- putting it together */

static const struct ooxml_rel *sheet_rel(const struct ooxml_rels *rels, const struct xsheet *sh)
{
	const struct ooxml_rel *r = ooxml_rels_find_id(rels, sh->rid);

	return r && !strcmp(r->type, "worksheet") ? r : NULL;
}

/* Choose the sheet: by name, else the first visible worksheet. */
static const struct xsheet *choose_sheet(const struct workbook *wb, const struct ooxml_rels *rels,
					 const char *want, const char *name, struct err *e)
{
	if (want) {
		const struct xsheet *hit = NULL;

		for (size_t i = 0; i < wb->n && !hit; i++)
			if (!strcmp(wb->v[i].name, want))
				hit = &wb->v[i];
		for (size_t i = 0; i < wb->n && !hit; i++)
			if (!strcasecmp(wb->v[i].name, want))
				hit = &wb->v[i];
		if (!hit) {
			struct strbuf sb = STRBUF_INIT;

			for (size_t i = 0; i < wb->n && sb.len < 300; i++)
				strbuf_addf(&sb, "%s“%s”", i ? "、" : "", wb->v[i].name);
			err_set(e, ERR_INPUT, "%s: 没有名为“%s”的工作表（工作簿中有：%s）", name, want,
				sb.len ? sb.buf : "无");
			strbuf_release(&sb);
			return NULL;
		}
		if (!sheet_rel(rels, hit)) {
			err_set(e, ERR_INPUT, "%s: “%s”不是普通工作表（可能是图表），无法读取", name, want);
			return NULL;
		}
		return hit;
	}
	for (size_t i = 0; i < wb->n; i++)
		if (!wb->v[i].hidden && sheet_rel(rels, &wb->v[i]))
			return &wb->v[i];
	for (size_t i = 0; i < wb->n; i++)
		if (sheet_rel(rels, &wb->v[i]))
			return &wb->v[i];
	err_set(e, ERR_INPUT, "%s: 工作簿中没有任何工作表", name);
	return NULL;
}

int read_xlsx(const char *data, size_t len, const char *name, const char *want, struct arena *a,
	      struct rows *out, struct diags *w, struct err *e)
{
	static const struct ooxml_handler wbh = { wb_start, NULL, NULL };
	static const struct ooxml_handler sth = { st_start, st_end, NULL };
	static const struct ooxml_handler ssh = { sst_start, sst_end, sst_text };
	static const struct ooxml_handler shh = { sh_start, sh_end, sh_text };
	struct ooxml pkg;
	struct ooxml_rels pkg_rels, wb_rels;
	const struct ooxml_rel *r;
	const struct xsheet *sh;
	const char *part = "xl/workbook.xml", *sheet_part;
	struct workbook wb;
	struct styles st;
	struct sst sst;
	struct sheet s;
	int rc = -1;

	memset(&wb, 0, sizeof(wb));
	memset(&st, 0, sizeof(st));
	memset(&sst, 0, sizeof(sst));
	memset(&s, 0, sizeof(s));
	wb.a = sst.a = s.a = a;
	strbuf_init(&sst.buf, 0);
	strbuf_init(&s.buf, 0);
	s.dropped_col = -1;
	if (ooxml_open(&pkg, data, len, name, e))
		return -1;
	if (ooxml_rels_load(&pkg, "", a, &pkg_rels, e))
		goto out;
	r = ooxml_rels_find_type(&pkg_rels, "officeDocument");
	if (r && ooxml_has_part(&pkg, r->target) && !ends_with(r->target, "document.xml"))
		part = r->target;
	if (!ooxml_has_part(&pkg, part)) {
		if (ooxml_has_part(&pkg, "word/document.xml") || (r && ends_with(r->target, "document.xml")))
			err_set(e, ERR_INPUT, "%s: 缺少 xl/workbook.xml：这是 Word 文档（.docx），"
				"不是 Excel 工作簿", name);
		else
			err_set(e, ERR_INPUT, "%s: 缺少 xl/workbook.xml：不是 Excel 工作簿（.xlsx）", name);
		goto out;
	}
	if (ooxml_parse_part(&pkg, part, &wbh, &wb, e) || ooxml_rels_load(&pkg, part, a, &wb_rels, e))
		goto out;
	sh = choose_sheet(&wb, &wb_rels, want, name, e);
	if (!sh)
		goto out;
	sheet_part = sheet_rel(&wb_rels, sh)->target;
	if (!ooxml_has_part(&pkg, sheet_part)) {
		err_set(e, ERR_INPUT, "%s: 缺少工作表“%s”的部分 %s", name, sh->name, sheet_part);
		goto out;
	}
	r = ooxml_rels_find_type(&wb_rels, "styles");
	if (r && ooxml_has_part(&pkg, r->target) && ooxml_parse_part(&pkg, r->target, &sth, &st, e))
		goto out;
	r = ooxml_rels_find_type(&wb_rels, "sharedStrings");
	if (r && ooxml_has_part(&pkg, r->target) && ooxml_parse_part(&pkg, r->target, &ssh, &sst, e))
		goto out;

	s.sst = &sst;
	s.st = &st;
	s.date1904 = wb.date1904;
	if (ooxml_parse_part(&pkg, sheet_part, &shh, &s, e))
		goto out;
	if (!s.ncells) {
		err_set(e, ERR_INPUT, "%s: 工作表“%s”（%s）是空的", name, sh->name, sheet_part);
		goto out;
	}
	if (s.dropped_col >= 0) {
		char cn[8];

		col_name(s.dropped_col, cn);
		diags_add(w, 0, "工作表“%s”第 %s 列及更右的内容超出 %d 列，已忽略", sh->name, cn,
			  MAX_COLS);
	}
	if (build_rows(&s, name, sheet_part, out, e))
		goto out;
	out->encoding = "UTF-8";
	rc = 0;
out:
	ooxml_close(&pkg);
	free(wb.v);
	free(st.fmts);
	free(st.xf_kind);
	free(sst.v);
	strbuf_release(&sst.buf);
	free(s.cells);
	free(s.merges);
	strbuf_release(&s.buf);
	return rc;
}
