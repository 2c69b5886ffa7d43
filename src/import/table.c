/* The shared table interpreter: notice metadata, header columns, sections, tasks and their units. */
#include "import/table.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import/textscan.h"
#include "import/timenode.h"
#include "import/understand.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

typedef const unsigned char uchar;

#define MAX_UNIT_COLS 8

/* ---------------------------------------------------------------- characters */

/* Length of the white-space character at s (0 if none); controls count as white space. */
static size_t ws_at(uchar *s, uchar *end)
{
	unsigned char c;

	if (s >= end)
		return 0;
	c = *s;
	if (c <= 0x20 || c == 0x7F)
		return 1;
	if (c == 0xC2 && end - s >= 2 && s[1] == 0xA0)
		return 2;	/* U+00A0 */
	if (end - s >= 3) {
		if (c == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
			return 3;	/* U+3000 */
		if (c == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
			return 3;	/* U+FEFF */
		if (c == 0xE2 && s[1] == 0x80 && (s[2] == 0x8B || s[2] == 0x82 || s[2] == 0x83))
			return 3;	/* U+200B, U+2002, U+2003 */
	}
	return 0;
}

/* Length of the white-space character that ends at `end` (0 if none). */
static size_t ws_before(uchar *start, uchar *end)
{
	unsigned char c;

	if (end <= start)
		return 0;
	c = end[-1];
	if (c <= 0x20 || c == 0x7F)
		return 1;
	if (end - start >= 2 && end[-2] == 0xC2 && c == 0xA0)
		return 2;
	if (end - start >= 3) {
		uchar *s = end - 3;
		if (ws_at(s, end) == 3)
			return 3;
	}
	return 0;
}

static void trim_range(uchar **b, uchar **e)
{
	size_t n;

	while (*b < *e && (n = ws_at(*b, *e)))
		*b += n;
	while (*e > *b && (n = ws_before(*b, *e)))
		*e -= n;
}

static bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !memcmp(s + n - m, suffix, m);
}

/* Match one of a NULL-terminated set of UTF-8 strings at s; returns its length or 0. */
static size_t match_set(uchar *s, uchar *end, const char *const *set)
{
	for (; *set; set++) {
		size_t n = strlen(*set);
		if ((size_t)(end - s) >= n && !memcmp(s, *set, n))
			return n;
	}
	return 0;
}

/*
 * Brackets: ( [ （ ［ 【 〔 〖 ﹝ and their closers; unit separators: 、 ， , ； ;
 * (classified by punct_at below).
 */

enum punct { P_NONE = 0, P_OPEN, P_CLOSE, P_SEP };

/*
 * Classify the character at s for unit lists: an opening or closing bracket
 * or a separator (listed above).  Returns its length and class in *k; 0 if
 * it is none of them.  Hot: byte tests only.
 */
static size_t punct_at(uchar *s, uchar *end, enum punct *k)
{
	unsigned char c = *s, c1, c2;

	*k = P_NONE;
	switch (c) {
	case '(': case '[':
		*k = P_OPEN;
		return 1;
	case ')': case ']':
		*k = P_CLOSE;
		return 1;
	case ',': case ';':
		*k = P_SEP;
		return 1;
	case 0xE3: case 0xEF:
		break;
	default:
		return 0;
	}
	if (end - s < 3)
		return 0;
	c1 = s[1];
	c2 = s[2];
	if (c == 0xE3) {
		if (c1 != 0x80)
			return 0;
		switch (c2) {
		case 0x81: *k = P_SEP; return 3;			/* 、 */
		case 0x90: case 0x94: case 0x96: *k = P_OPEN; return 3;	/* 【〔〖 */
		case 0x91: case 0x95: case 0x97: *k = P_CLOSE; return 3;	/* 】〕〗 */
		default: return 0;
		}
	}
	if (c1 == 0xBC) {
		switch (c2) {
		case 0x8C: case 0x9B: *k = P_SEP; return 3;		/* ，； */
		case 0x88: case 0xBB: *k = P_OPEN; return 3;		/* （［ */
		case 0x89: case 0xBD: *k = P_CLOSE; return 3;		/* ）］ */
		default: return 0;
		}
	}
	if (c1 == 0xB9 && (c2 == 0x9D || c2 == 0x9E)) {			/* ﹝﹞ */
		*k = c2 == 0x9D ? P_OPEN : P_CLOSE;
		return 3;
	}
	return 0;
}

static size_t opener_at(uchar *s, uchar *end)
{
	enum punct k;
	size_t n = punct_at(s, end, &k);

	return k == P_OPEN ? n : 0;
}

static size_t closer_at(uchar *s, uchar *end)
{
	enum punct k;
	size_t n = punct_at(s, end, &k);

	return k == P_CLOSE ? n : 0;
}

/* Length of the UTF-8 character whose first byte is c (1 for stray bytes). */
static size_t char_len(unsigned char c)
{
	return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* An ASCII or full-width digit at s: its length, value in *v; 0 if none. */
static size_t digit_at(uchar *s, uchar *end, int *v)
{
	if (s < end && *s >= '0' && *s <= '9') {
		*v = *s - '0';
		return 1;
	}
	if (end - s >= 3 && s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x90 && s[2] <= 0x99) {
		*v = s[2] - 0x90;
		return 3;
	}
	return 0;
}

/* A Chinese numeral digit (〇零○一…九) at s: its length and value; 0 if none. */
static size_t cn_digit_at(uchar *s, uchar *end, int *v)
{
	static const char *const digits[] = {
		"\xE3\x80\x87", "\xE4\xB8\x80", "\xE4\xBA\x8C", "\xE4\xB8\x89", "\xE5\x9B\x9B",
		"\xE4\xBA\x94", "\xE5\x85\xAD", "\xE4\xB8\x83", "\xE5\x85\xAB", "\xE4\xB9\x9D",
	};

	if (end - s < 3)
		return 0;
	for (int i = 0; i < 10; i++) {
		if (!memcmp(s, digits[i], 3)) {
			*v = i;
			return 3;
		}
	}
	if (!memcmp(s, "\xE9\x9B\xB6", 3) || !memcmp(s, "\xE2\x97\x8B", 3)) {	/* 零 ○ */
		*v = 0;
		return 3;
	}
	return 0;
}

#define CN_TEN "\xE5\x8D\x81"	/* 十 */

/* A small Chinese number (一 … 九十九) at s; returns bytes used, 0 if none. */
static size_t cn_number_at(uchar *s, uchar *end, int *v)
{
	uchar *p = s;
	int d, before = -1, after = -1;
	bool ten = false;
	size_t n;

	if ((n = cn_digit_at(p, end, &d))) {
		before = d;
		p += n;
	}
	if (end - p >= 3 && !memcmp(p, CN_TEN, 3)) {
		ten = true;
		p += 3;
		if ((n = cn_digit_at(p, end, &d))) {
			after = d;
			p += n;
		}
	}
	if (p == s)
		return 0;
	if (!ten)
		*v = before;
	else
		*v = (before < 0 ? 1 : before) * 10 + (after < 0 ? 0 : after);
	return (size_t)(p - s);
}

static uchar *skip_ws(uchar *s, uchar *end)
{
	size_t n;

	while ((n = ws_at(s, end)))
		s += n;
	return s;
}

/* The code point of the UTF-8 character ending just before p, or 0. */
static uint32_t cp_before(uchar *start, uchar *p)
{
	uchar *q = p;
	uint32_t cp;

	while (q > start && p - q < 4) {
		q--;
		if ((*q & 0xC0) != 0x80)
			break;
	}
	if (q == p || !utf8_decode((const char *)q, (size_t)(p - q), &cp))
		return 0;
	return cp;
}

static bool cp_is_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* CJK ideographs, punctuation and full-width forms. */
static bool cp_is_cjk(uint32_t cp)
{
	return cp >= 0x2E80 && !(cp >= 0xFF10 && cp <= 0xFF19);
}

static bool cp_is_ideograph(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

/* ---------------------------------------------------------------- cells */

/* Length of an HTML-ish tag at s ('<' ...'>'), 0 if it is not one; *block for p, br, div... */
static size_t tag_at(uchar *s, uchar *end, bool *block)
{
	static const char *const blocks[] = { "p", "br", "div", "li", "tr", "td", "th", "ul", "ol",
					      "table", "h1", "h2", "h3", "h4", "h5", "h6", NULL };
	uchar *p = s + 1;
	char name[8];
	size_t n = 0;

	*block = false;
	if (p < end && *p == '!') {
		/* <!-- comment --> */
		if (end - p >= 3 && p[1] == '-' && p[2] == '-') {
			for (uchar *q = p + 3; end - q >= 3; q++)
				if (q[0] == '-' && q[1] == '-' && q[2] == '>')
					return (size_t)(q + 3 - s);
		}
		return 0;
	}
	if (p < end && *p == '/')
		p++;
	if (p >= end || !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	while (p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			   (*p >= '0' && *p <= '9') || *p == ':' || *p == '-')) {
		if (n < sizeof(name) - 1)
			name[n++] = (char)(*p | 0x20);
		p++;
	}
	name[n] = '\0';
	if (p < end && *p != '>' && *p != '/' && !ws_at(p, end))
		return 0;
	for (; p < end; p++) {
		if (*p == '>')
			break;
		if (*p == '<')
			return 0;
	}
	if (p >= end)
		return 0;
	for (const char *const *b = blocks; *b; b++)
		if (!strcmp(name, *b))
			*block = true;
	return (size_t)(p + 1 - s);
}

/* Length of an entity at s ('&'...';'), its code point in *cp; 0 if it is not one. */
static size_t entity_at(uchar *s, uchar *end, uint32_t *cp)
{
	static const struct {
		const char *name;
		uint32_t cp;
	} named[] = {
		{ "nbsp", ' ' }, { "ensp", ' ' }, { "emsp", ' ' }, { "thinsp", ' ' },
		{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
	};
	uchar *semi = NULL;
	size_t n;

	for (uchar *p = s + 1; p < end && p - s <= 10; p++) {
		if (*p == ';') {
			semi = p;
			break;
		}
	}
	if (!semi)
		return 0;
	n = (size_t)(semi - s - 1);
	if (n >= 2 && s[1] == '#') {
		uint32_t v = 0;
		bool hex = s[2] == 'x' || s[2] == 'X';
		uchar *p = s + (hex ? 3 : 2);

		if (p == semi)
			return 0;
		for (; p < semi; p++) {
			unsigned d;
			if (*p >= '0' && *p <= '9')
				d = *p - '0';
			else if (hex && (*p | 0x20) >= 'a' && (*p | 0x20) <= 'f')
				d = (unsigned)((*p | 0x20) - 'a' + 10);
			else
				return 0;
			v = v * (hex ? 16 : 10) + d;
			if (v > 0x10FFFF)
				return 0;
		}
		if (!v || (v >= 0xD800 && v <= 0xDFFF))
			return 0;
		*cp = v < 0x20 || v == 0x7F || v == 0xA0 ? ' ' : v;
		return (size_t)(semi + 1 - s);
	}
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		if (strlen(named[i].name) == n && !memcmp(s + 1, named[i].name, n)) {
			*cp = named[i].cp;
			return (size_t)(semi + 1 - s);
		}
	}
	return 0;
}

static bool is_special(unsigned char c)
{
	return c < 0x20 || c == '<' || c == '&' || c == 0x7F;
}

/* The first byte needing cleaning (control, '<', '&'), eight bytes at a time; or end. */
static uchar *find_special(uchar *p, uchar *end)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);

	while (end - p >= 8) {
		uint64_t w, lt, lt_, amp, del;

		memcpy(&w, p, 8);
		lt = (w - ones * 0x20) & ~w & highs;			/* a byte < 0x20 */
		lt_ = w ^ (ones * '<');
		lt_ = (lt_ - ones) & ~lt_ & highs;			/* a '<' */
		amp = w ^ (ones * '&');
		amp = (amp - ones) & ~amp & highs;			/* a '&' */
		del = w ^ (ones * 0x7F);
		del = (del - ones) & ~del & highs;			/* a DEL */
		if (lt | lt_ | amp | del) {
			for (int i = 0; i < 8; i++)
				if (is_special(p[i]))
					return p + i;
		}
		p += 8;
	}
	for (; p < end; p++)
		if (is_special(*p))
			return p;
	return end;
}

static char *clean_n(struct arena *a, const char *raw, size_t len)
{
	uchar *s = (uchar *)raw, *end = s + len, *p;
	char *out = arena_alloc(a, len + 1), *o = out;
	uchar *b, *e;

	p = find_special(s, end);
	if (p == end) {
		/* Nothing to strip: trim and copy. */
		b = s;
		e = end;
		trim_range(&b, &e);
		memcpy(out, b, (size_t)(e - b));
		out[e - b] = '\0';
		return out;
	}
	memcpy(out, s, (size_t)(p - s));
	o += p - s;
	while (p < end) {
		unsigned char c = *p;
		bool block;
		uint32_t cp;
		size_t n;

		if (c == '<' && (n = tag_at(p, end, &block))) {
			if (block && o > out && o[-1] != ' ')
				*o++ = ' ';
			p += n;
		} else if (c == '&' && (n = entity_at(p, end, &cp))) {
			o += utf8_encode(cp, o);
			p += n;
		} else if (c < 0x20 || c == 0x7F) {
			if (o > out && o[-1] != ' ')
				*o++ = ' ';
			p++;
		} else {
			*o++ = (char)c;
			p++;
		}
	}
	b = (uchar *)out;
	e = (uchar *)o;
	trim_range(&b, &e);
	*(char *)e = '\0';
	return (char *)b;
}

char *table_clean(struct arena *a, const char *raw)
{
	return clean_n(a, raw, strlen(raw));
}

bool table_parse_no(const char *str, int *no)
{
	static const char *const after[] = { ".", ",", ":", "\xEF\xBC\x8E", "\xE3\x80\x81",
					     "\xEF\xBC\x8C", "\xEF\xBC\x9A", NULL };
	uchar *s = (uchar *)str, *end = s + strlen(str);
	int v = 0, d, ndigits = 0;
	size_t n;

	trim_range(&s, &end);
	if (s < end && (n = opener_at(s, end)))
		s += n;
	while ((n = digit_at(s, end, &d))) {
		if (++ndigits > 7)
			return false;
		v = v * 10 + d;
		s += n;
	}
	if (!ndigits || v < 1)
		return false;
	s = skip_ws(s, end);
	if (s < end && (n = closer_at(s, end)))
		s += n;
	if (s < end && (n = match_set(s, end, after)))
		s += n;
	s = skip_ws(s, end);
	if (s != end)
		return false;
	*no = v;
	return true;
}

/* ---------------------------------------------------------------- units */

struct ptrvec {
	const char **v;
	size_t n, alloc;
};

static void ptrvec_push(struct ptrvec *pv, const char *s)
{
	ALLOC_GROW(pv->v, pv->n + 1, pv->alloc);
	pv->v[pv->n++] = s;
}

/*
 * Unit names compare in a canonical byte form: white space dropped,
 * full-width ASCII (U+FF01..U+FF5E) folded to ASCII, ASCII lower-cased.
 * canon_next() returns the next canonical byte of *ps, or -1 at the end.
 */
static int canon_next(uchar **ps)
{
	uchar *s = *ps;

	for (;;) {
		unsigned char c = *s;

		if (!c) {
			*ps = s;
			return -1;
		}
		if (c < 0x80) {
			s++;
			if (c <= 0x20 || c == 0x7F)
				continue;
			*ps = s;
			return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
		}
		if (c == 0xEF && (s[1] == 0xBC || s[1] == 0xBD) && s[2]) {
			uint32_t cp = 0xFF00 + ((uint32_t)(s[1] & 0x03) << 6) + (s[2] & 0x3F);
			if (cp >= 0xFF01 && cp <= 0xFF5E) {
				c = (unsigned char)(cp - 0xFEE0);
				*ps = s + 3;
				return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
			}
		}
		if ((c == 0xC2 && s[1] == 0xA0) || (c == 0xE3 && s[1] == 0x80 && s[2] == 0x80) ||
		    (c == 0xEF && s[1] == 0xBB && s[2] == 0xBF) ||
		    (c == 0xE2 && s[1] == 0x80 && (s[2] == 0x8B || s[2] == 0x82 || s[2] == 0x83))) {
			s += c == 0xC2 ? 2 : 3;
			continue;
		}
		*ps = s + 1;
		return c;
	}
}

static bool unit_equal(const char *a, const char *b)
{
	uchar *p = (uchar *)a, *q = (uchar *)b;
	int x, y;

	do {
		x = canon_next(&p);
		y = canon_next(&q);
		if (x != y)
			return false;
	} while (x >= 0);
	return true;
}

/* True for bytes that canon_next() passes through unchanged, one at a time. */
static bool canon_plain(unsigned char c)
{
	return c > 0x20 && c != 0x7F && !(c >= 'A' && c <= 'Z') && c != 0xC2 && c != 0xE2 &&
	       c != 0xE3 && c != 0xEF;
}

/* FNV-1a over the canonical bytes. */
static uint32_t unit_hash(const char *a)
{
	uchar *p = (uchar *)a;
	uint32_t h = 2166136261u;
	int c;

	for (;;) {
		if (canon_plain(*p)) {
			c = *p++;
		} else if ((c = canon_next(&p)) < 0) {
			break;
		}
		h = (h ^ (uint32_t)c) * 16777619u;
	}
	return h;
}

/* Drop later duplicates from v[from..n), keeping the first of each; returns the new n. */
static size_t dedup(const char **v, size_t from, size_t n)
{
	size_t out = from;

	if (n - from < 2)
		return n;
	if (n - from <= 16) {
		uint32_t h[16];

		for (size_t i = from; i < n; i++) {
			uint32_t hi = unit_hash(v[i]);
			size_t j;

			for (j = from; j < out; j++)
				if (h[j - from] == hi && unit_equal(v[j], v[i]))
					break;
			if (j == out) {
				h[out - from] = hi;
				v[out++] = v[i];
			}
		}
		return out;
	}
	/* Many units in one cell: a hash set keeps this linear. */
	{
		size_t cap = 64, mask;
		size_t *slots;

		while (cap < 2 * (n - from))
			cap *= 2;
		mask = cap - 1;
		slots = xcalloc(cap, sizeof(*slots));	/* index + 1; 0 is empty */
		for (size_t i = from; i < n; i++) {
			size_t h = unit_hash(v[i]) & mask;
			bool dup = false;

			while (slots[h]) {
				if (unit_equal(v[slots[h] - 1], v[i])) {
					dup = true;
					break;
				}
				h = (h + 1) & mask;
			}
			if (dup)
				continue;
			v[out] = v[i];
			slots[h] = out + 1;
			out++;
		}
		free(slots);
	}
	return out;
}

/* Split a cleaned, mutable cell into units appended to pv (not de-duplicated). */
static void split_units(char *cell, struct ptrvec *pv)
{
	uchar *s = (uchar *)cell, *end = s + strlen(cell), *p, *start;
	int depth = 0;
	bool brackets = true;
	enum punct k;
	size_t n;

	/* Brackets that do not balance are ignored. */
	for (p = s; p < end; p += n) {
		if (*p >= 0xE4 && *p <= 0xE9) {	/* CJK ideographs: never punctuation */
			n = 3;
			continue;
		}
		n = punct_at(p, end, &k);
		if (k == P_OPEN) {
			depth++;
		} else if (k == P_CLOSE) {
			if (--depth < 0)
				break;
		} else if (!n) {
			n = char_len(*p);
		}
	}
	if (depth != 0)
		brackets = false;
	depth = 0;
	start = s;
	p = s;
	for (;;) {
		size_t sep = 0;

		if (p >= end) {
			p = end;
		} else if (*p >= 0xE4 && *p <= 0xE9) {
			p += 3;
			continue;
		} else {
			n = punct_at(p, end, &k);
			if (k == P_OPEN || k == P_CLOSE) {
				if (brackets)
					depth += k == P_OPEN ? 1 : -1;
				p += n;
				continue;
			}
			if (depth == 0 && k == P_SEP) {
				sep = n;
			} else if (depth == 0 && (n = ws_at(p, end))) {
				/* White space before a bracket belongs to the name: 市城管局 （市创建办） */
				uchar *q = skip_ws(p, end);
				if (q < end && (opener_at(q, end) || closer_at(q, end))) {
					p = q;
					continue;
				}
				sep = n;
			} else {
				p += char_len(*p);
				continue;
			}
		}
		{
			uchar *b = start, *e = p;

			trim_range(&b, &e);
			if (e > b) {
				*(char *)e = '\0';
				ptrvec_push(pv, (const char *)b);
			}
		}
		if (p >= end)
			break;
		p += sep;
		start = p;
	}
}

size_t table_split_units(struct arena *a, char *cell, const char ***units)
{
	struct ptrvec pv = { NULL, 0, 0 };
	size_t n;

	split_units(cell, &pv);
	n = dedup(pv.v, 0, pv.n);
	*units = arena_alloc(a, (n ? n : 1) * sizeof(**units));
	if (n)
		memcpy(*units, pv.v, n * sizeof(**units));
	free(pv.v);
	return n;
}

/* ---------------------------------------------------------------- dates, numbers, titles */

/* A 4-digit year (ASCII, full-width or Chinese digits) at s; bytes used or 0. */
static size_t year_at(uchar *s, uchar *end, int *year)
{
	uchar *p = s;
	int y = 0, d;
	size_t n;

	for (int i = 0; i < 4; i++) {
		if ((n = digit_at(p, end, &d)) || (n = cn_digit_at(p, end, &d))) {
			y = y * 10 + d;
			p += n;
		} else {
			return 0;
		}
	}
	if (digit_at(p, end, &d))
		return 0;
	*year = y;
	return (size_t)(p - s);
}

/* 1-2 digits or a Chinese number; bytes used or 0. */
static size_t small_at(uchar *s, uchar *end, int *v)
{
	int d, x = 0, k = 0;
	size_t n;
	uchar *p = s;

	while (k < 3 && (n = digit_at(p, end, &d))) {
		x = x * 10 + d;
		p += n;
		k++;
	}
	if (k) {
		if (k > 2)
			return 0;
		*v = x;
		return (size_t)(p - s);
	}
	return cn_number_at(s, end, v);
}

static bool lit_at(uchar **p, uchar *end, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(end - *p) >= n && !memcmp(*p, lit, n)) {
		*p += n;
		return true;
	}
	return false;
}

bool table_parse_date(const char *str, struct date *out)
{
	uchar *s = (uchar *)str, *end = s + strlen(str), *p;
	int y, m, d;
	size_t n;

	trim_range(&s, &end);
	if (!(n = year_at(s, end, &y)))
		return false;
	p = skip_ws(s + n, end);
	if (lit_at(&p, end, "\xE5\xB9\xB4")) {	/* 年 */
		p = skip_ws(p, end);
		if (!(n = small_at(p, end, &m)))
			return false;
		p = skip_ws(p + n, end);
		if (!lit_at(&p, end, "\xE6\x9C\x88"))	/* 月 */
			return false;
		p = skip_ws(p, end);
		if (!(n = small_at(p, end, &d)))
			return false;
		p = skip_ws(p + n, end);
		if (!lit_at(&p, end, "\xE6\x97\xA5") && !lit_at(&p, end, "\xE5\x8F\xB7"))	/* 日 号 */
			return false;
	} else if (p < end && (*p == '-' || *p == '.' || *p == '/')) {
		unsigned char sep = *p++;

		if (!(n = small_at(p, end, &m)))
			return false;
		p += n;
		if (p >= end || *p != sep)
			return false;
		p++;
		if (!(n = small_at(p, end, &d)))
			return false;
		p += n;
	} else {
		return false;
	}
	if (skip_ws(p, end) != end || !date_valid(y, m, d))
		return false;
	out->y = y;
	out->m = m;
	out->d = d;
	return true;
}

const char *table_find_doc_no(struct arena *a, const char *str, int *year)
{
	uchar *s = (uchar *)str, *end = s + strlen(str);

	for (uchar *p = s; p < end; p++) {
		uchar *q, *pre;
		size_t n;
		int y, d, nd = 0, nchars = 0;

		if (!(n = opener_at(p, end)))
			continue;
		q = skip_ws(p + n, end);
		if (!(n = year_at(q, end, &y)) || y < 1900 || y > 2200)
			continue;
		q = skip_ws(q + n, end);
		if (!(n = closer_at(q, end)))
			continue;
		q = skip_ws(q + n, end);
		while (nd < 6 && (n = digit_at(q, end, &d))) {
			q += n;
			nd++;
		}
		if (!nd)
			continue;
		q = skip_ws(q, end);
		if (!lit_at(&q, end, "\xE5\x8F\xB7"))	/* 号 */
			continue;
		/* The issuer's abbreviation before the bracket: 安政发, 安政办函... */
		pre = p;
		while (pre > s && nchars < 16) {
			uint32_t cp = cp_before(s, pre);
			if (!cp_is_ideograph(cp))
				break;
			pre -= 3;
			nchars++;
		}
		if (!nchars)
			continue;
		*year = y;
		return arena_strndup(a, (const char *)pre, (size_t)(q - pre));
	}
	return NULL;
}

char *table_tighten_title(struct arena *a, const char *str)
{
	uchar *s = (uchar *)str, *end = s + strlen(str), *p;
	char *out = arena_alloc(a, (size_t)(end - s) + 1), *o = out;

	trim_range(&s, &end);
	p = s;
	while (p < end) {
		size_t n = ws_at(p, end);

		if (n) {
			uchar *q = skip_ws(p, end);
			uint32_t prev = cp_before((uchar *)out, (uchar *)o), next = 0;

			utf8_decode((const char *)q, (size_t)(end - q), &next);
			if (!((cp_is_digit(prev) && cp_is_cjk(next)) ||
			      (cp_is_cjk(prev) && (cp_is_digit(next) || cp_is_cjk(next))))) {
				memcpy(o, p, (size_t)(q - p));
				o += q - p;
			}
			p = q;
			continue;
		}
		*o++ = (char)*p++;
	}
	*o = '\0';
	return out;
}

/* A year written as 2022年 (or ２０２２年, 二〇二二年) anywhere in s; 0 if none. */
static int year_in(const char *str)
{
	uchar *s = (uchar *)str, *end = s + strlen(str);

	for (uchar *p = s; p < end; p++) {
		int y;
		size_t n;
		uchar *q;

		if ((*p & 0xC0) == 0x80)
			continue;
		if (p > s && cp_is_digit(cp_before(s, p)))
			continue;
		if (!(n = year_at(p, end, &y)))
			continue;
		q = skip_ws(p + n, end);
		if (lit_at(&q, end, "\xE5\xB9\xB4") && y >= 1900 && y <= 2200)
			return y;
	}
	return 0;
}

/* ---------------------------------------------------------------- row shapes */

/* Only digits and white space: page numbers, a lone "2022". */
static bool is_lone_number(const char *str)
{
	uchar *s = (uchar *)str, *end = s + strlen(str);
	int d, nd = 0;
	size_t n;

	while (s < end) {
		if ((n = digit_at(s, end, &d)))
			nd++;
		else if (!(n = ws_at(s, end)))
			return false;
		s += n;
	}
	return nd > 0;
}

/* Page marks: — 3 —, -3-, 第 3 页, 第3页 共10页, 3/10. */
static bool is_page_mark(const char *str)
{
	static const char *const dashes[] = { "-", "\xE2\x80\x94", "\xE2\x80\x93", "\xEF\xBC\x8D",
					      "\xE2\x80\x95", "\xE2\x94\x80", NULL };
	uchar *s = (uchar *)str, *end = s + strlen(str), *p;
	int d, nd = 0;
	size_t n;

	if (end - s > 40)
		return false;
	if (starts_with(str, "\xE7\xAC\xAC") && strstr(str, "\xE9\xA1\xB5"))	/* 第…页 */
		return true;
	p = s;
	while (p < end && ((n = match_set(p, end, dashes)) || (n = ws_at(p, end))))
		p += n;
	if (p == s && !strchr(str, '/'))
		return false;
	while (p < end) {
		if ((n = digit_at(p, end, &d)))
			nd++;
		else if (!(n = match_set(p, end, dashes)) && !(n = ws_at(p, end)) && *p != '/')
			return false;
		else if (!n)
			n = 1;
		p += n;
	}
	return nd > 0;
}

/* A lone 附件 / 附表 mark, maybe numbered. */
static bool is_attachment_mark(const char *str)
{
	if (!starts_with(str, "\xE9\x99\x84\xE4\xBB\xB6") && !starts_with(str, "\xE9\x99\x84\xE8\xA1\xA8"))
		return false;
	return !str[6] || is_lone_number(str + 6);
}

/* 附件：title (附件1：, 附件 1:) -> the title part (maybe ""), else NULL. */
static const char *attachment_title(const char *str)
{
	uchar *s = (uchar *)str, *end = s + strlen(str), *p;
	int d;
	size_t n;

	if (!starts_with(str, "\xE9\x99\x84\xE4\xBB\xB6"))	/* 附件 */
		return NULL;
	p = skip_ws(s + 6, end);
	while ((n = digit_at(p, end, &d)))
		p += n;
	p = skip_ws(p, end);
	if (!lit_at(&p, end, "\xEF\xBC\x9A") && !lit_at(&p, end, ":"))	/* ： */
		return NULL;
	return (const char *)skip_ws(p, end);
}

/* Chinese numerals at s (一 … 十九); bytes used or 0. */
static size_t cn_ordinal_at(uchar *s, uchar *end)
{
	int v;

	return cn_number_at(s, end, &v);
}

/* A heading: 一、…  （一）…  第一部分…  or a short …任务 line without digits. */
static bool is_section_heading(const char *str)
{
	uchar *s = (uchar *)str, *end = s + strlen(str), *p;
	size_t n;

	if (!*str || end - s > 150 || ends_with(str, "\xE3\x80\x82"))	/* 。 */
		return false;
	p = s;
	if ((n = cn_ordinal_at(p, end))) {
		p += n;
		if (lit_at(&p, end, "\xE3\x80\x81") || lit_at(&p, end, "\xEF\xBC\x8E"))	/* 、 ． */
			return true;
	}
	p = s;
	if ((n = opener_at(p, end))) {
		p += n;
		if ((n = cn_ordinal_at(p, end)) && closer_at(p + n, end))
			return true;
	}
	p = s;
	if (lit_at(&p, end, "\xE7\xAC\xAC") && (n = cn_ordinal_at(p, end))) {	/* 第 */
		p += n;
		if (lit_at(&p, end, "\xE9\x83\xA8\xE5\x88\x86") || lit_at(&p, end, "\xE7\xAF\x87") ||
		    lit_at(&p, end, "\xE7\xAB\xA0") || lit_at(&p, end, "\xE7\xB1\xBB"))	/* 部分 篇 章 类 */
			return true;
	}
	if (ends_with(str, "\xE4\xBB\xBB\xE5\x8A\xA1") && end - s <= 30) {	/* 任务 */
		int d;
		for (p = s; p < end; p++)
			if (digit_at(p, end, &d))
				return false;
		return true;
	}
	return false;
}

/* ---------------------------------------------------------------- header */

enum role {
	ROLE_NONE = 0, ROLE_NO, ROLE_TEXT, ROLE_LEAD, ROLE_CO, ROLE_LEADER, ROLE_DUE, ROLE_SECTION,
	ROLE_OTHER
};

/* A column title's role; the raw cell has markup and white space removed first. */
static enum role role_of(const char *raw)
{
	uchar *s = (uchar *)raw, *end = s + strlen(raw);
	char key[96];
	size_t k = 0, n;
	bool block;

	if (end - s > 200)
		return ROLE_NONE;
	while (s < end) {
		if (*s == '<' && (n = tag_at(s, end, &block))) {
			s += n;
		} else if ((n = ws_at(s, end))) {
			s += n;
		} else {
			if (k >= sizeof(key) - 1)
				return ROLE_NONE;
			key[k++] = (char)*s++;
		}
	}
	key[k] = '\0';
	if (!k || k > 36)
		return ROLE_NONE;
	if (starts_with(key, "序号") || starts_with(key, "编号") || !strcmp(key, "序") ||
	    !strcasecmp(key, "no") || !strcasecmp(key, "no."))
		return ROLE_NO;
	if (strstr(key, "备注") || strstr(key, "进度") || strstr(key, "完成情况") || strstr(key, "进展") ||
	    strstr(key, "联系"))
		return ROLE_OTHER;
	if (strstr(key, "时限") || strstr(key, "期限") || strstr(key, "时间") || strstr(key, "节点") ||
	    strstr(key, "截止"))
		return ROLE_DUE;
	if (strstr(key, "领导") || !strcmp(key, "责任人"))
		return ROLE_LEADER;
	if (strstr(key, "类别") || strstr(key, "分类") || strstr(key, "板块") ||
	    strstr(key, "领域") || strstr(key, "篇章") || !strcmp(key, "部分") || !strcmp(key, "章节") ||
	    !strcmp(key, "方面"))
		return ROLE_SECTION;
	if (strstr(key, "配合") || strstr(key, "协办") || strstr(key, "协同") || strstr(key, "参与") ||
	    strstr(key, "协助"))
		return ROLE_CO;
	if (strstr(key, "单位") || strstr(key, "部门") || strstr(key, "责任主体"))
		return ROLE_LEAD;
	if (strstr(key, "任务") || strstr(key, "内容") || strstr(key, "事项") || strstr(key, "工作") ||
	    strstr(key, "措施") || strstr(key, "目标"))
		return ROLE_TEXT;
	return ROLE_NONE;
}

struct cols {
	int no, text, leader;
	int lead[MAX_UNIT_COLS], nlead;
	int co[MAX_UNIT_COLS], nco;
	size_t ncells;
	int line;	/* 0: assumed, no header */
	int due, section;	/* 完成时限 and 类别 columns, -1 when none */
};

/* Only white space and markup. */
static bool is_blank_raw(const char *raw)
{
	uchar *s = (uchar *)raw, *end = s + strlen(raw);
	bool block;
	size_t n;

	while (s < end) {
		if (*s == '<' && (n = tag_at(s, end, &block)))
			s += n;
		else if ((n = ws_at(s, end)))
			s += n;
		else
			return false;
	}
	return true;
}

/*
 * Is row `r` a header?  0: no; 1: yes, *c filled; -1: it looks like one but
 * lacks a needed column (error set).
 */
static int header_of(const struct row *r, const char *name, struct cols *c, struct err *e)
{
	bool seen[ROLE_OTHER + 1] = { false };
	int ndistinct = 0;
	struct cols h = { -1, -1, -1, { 0 }, 0, { 0 }, 0, r->ncells, r->line, -1, -1 };

	if (r->origin != ROW_TABLE)
		return 0;
	for (size_t i = 0; i < r->ncells; i++) {
		enum role ro = role_of(r->cells[i]);
		int col = (int)i;

		if (ro == ROLE_NONE || ro == ROLE_OTHER)
			continue;
		if (!seen[ro] && ro != ROLE_LEADER && ro != ROLE_DUE && ro != ROLE_SECTION)
			ndistinct++;
		seen[ro] = true;
		switch (ro) {
		case ROLE_NO:
			if (h.no < 0)
				h.no = col;
			break;
		case ROLE_TEXT:
			if (h.text < 0)
				h.text = col;
			break;
		case ROLE_LEADER:
			if (h.leader < 0)
				h.leader = col;
			break;
		case ROLE_DUE:
			if (h.due < 0)
				h.due = col;
			break;
		case ROLE_SECTION:
			if (h.section < 0)
				h.section = col;
			break;
		case ROLE_LEAD:
			if (h.nlead < MAX_UNIT_COLS)
				h.lead[h.nlead++] = col;
			break;
		case ROLE_CO:
			if (h.nco < MAX_UNIT_COLS)
				h.co[h.nco++] = col;
			break;
		default:
			break;
		}
	}
	if (ndistinct < 2)
		return 0;
	if (h.no < 0 || h.text < 0 || (!h.nlead && !h.nco)) {
		const char *missing = h.no < 0 ? "“序号”" : h.text < 0 ? "“重点任务”（任务内容）" :
			"“责任单位”（或“牵头单位”）";
		return err_set(e, ERR_INPUT, "%s:%d: 这一行像是表头，但缺少%s列", name, r->line, missing);
	}
	/* Beside a 牵头单位 column, a 责任单位 (责任部门) column lists the co-units. */
	if (h.nlead > 1 && h.nco < MAX_UNIT_COLS) {
		int lead_kw = -1;

		for (int i = 0; i < h.nlead && lead_kw < 0; i++)
			if (strstr(r->cells[h.lead[i]], "\xE7\x89\xB5\xE5\xA4\xB4"))	/* 牵头 */
				lead_kw = h.lead[i];
		if (lead_kw >= 0) {
			int co[MAX_UNIT_COLS], nco = 0;

			for (int i = 0; i < h.nlead; i++)
				if (h.lead[i] != lead_kw && nco < MAX_UNIT_COLS)
					co[nco++] = h.lead[i];
			for (int i = 0; i < h.nco && nco < MAX_UNIT_COLS; i++)
				co[nco++] = h.co[i];
			memcpy(h.co, co, (size_t)nco * sizeof(co[0]));
			h.nco = nco;
			h.lead[0] = lead_kw;
			h.nlead = 1;
		}
	}
	/* An untitled first column before 序号 holds the sections (a merged 类别 column). */
	if (h.section < 0 && h.no > 0 && is_blank_raw(r->cells[0]))
		h.section = 0;
	if (!h.nlead) {
		/* Only co-unit columns: the first one leads. */
		h.lead[h.nlead++] = h.co[0];
		memmove(h.co, h.co + 1, (size_t)(h.nco - 1) * sizeof(h.co[0]));
		h.nco--;
	}
	*c = h;
	return 1;
}

/* ---------------------------------------------------------------- the interpreter */

struct interp {
	const struct rows *r;
	const char *name;
	struct plan_doc *doc;
	struct diags *w;
	struct err *e;
	struct arena *a;

	struct cols cols;
	const char *section;

	struct task *tasks;
	size_t ntasks, alloc;

	/* Units of the nearest task above that had them (merged cells). */
	const char **last_all;
	size_t nlast_all;
	const char **last_lead;
	size_t nlast_lead;
	bool any_units;
	int docno_year;
	int trunc_line;		/* the last task row looks cut off */
	const char *trunc_why;

	char **cl;		/* cleaned cells of the current row */
	size_t cl_alloc;
	struct ptrvec lead, co;

	size_t hidx;		/* the first header row (or first task row without one) */
	int cn_kind;		/* the Chinese numbering that marks tasks (NO_CN...), 0: none */
	long cont;		/* the task a continuation row extends, -1: none */
	size_t cont_nlead;	/* its lead units */
	const char **dues;	/* per task: its 完成时限 text (lines), or NULL */
	size_t dues_alloc;
};

/* Does cell `col` of row `r` continue a cell merged down from the row above? */
static bool merged_at(const struct interp *in, const struct row *r, int col)
{
	const unsigned char *f;

	if (!in->r->merged || col < 0 || (size_t)col >= r->ncells)
		return false;
	f = in->r->merged[r - in->r->v];
	return f && f[col];
}

/* The cleaned cell at column col of the current row, "" when the row is shorter. */
static const char *cell_at(const struct interp *in, const struct row *r, int col)
{
	return col >= 0 && (size_t)col < r->ncells ? in->cl[col] : "";
}

static void clean_row(struct interp *in, const struct row *r)
{
	ALLOC_GROW(in->cl, r->ncells, in->cl_alloc);
	for (size_t i = 0; i < r->ncells; i++)
		in->cl[i] = clean_n(in->a, r->cells[i], strlen(r->cells[i]));
}

/* A short excerpt of a row for messages: cells joined by " | ", about 60 bytes. */
static const char *excerpt(struct interp *in, char **cells, size_t ncells)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;

	for (size_t i = 0; i < ncells && sb.len < 60; i++) {
		if (!*cells[i])
			continue;
		if (sb.len)
			strbuf_addstr(&sb, " | ");
		strbuf_addstr(&sb, cells[i]);
	}
	if (sb.len > 60) {
		size_t n = 60;
		while (n > 0 && ((unsigned char)sb.buf[n] & 0xC0) == 0x80)
			n--;
		strbuf_setlen(&sb, n);
		strbuf_addstr(&sb, "…");
	}
	out = arena_strndup(in->a, sb.buf, sb.len);
	strbuf_release(&sb);
	return out;
}

static const struct task *find_task(const struct interp *in, int no)
{
	size_t lo = 0, hi = in->ntasks;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (in->tasks[mid].no < no)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < in->ntasks && in->tasks[lo].no == no ? &in->tasks[lo] : NULL;
}

static const char **copy_units(struct arena *a, const char **v, size_t n)
{
	const char **out = arena_alloc(a, (n ? n : 1) * sizeof(*out));

	if (n)
		memcpy(out, v, n * sizeof(*out));
	return out;
}

static int task_row(struct interp *in, const struct row *r, int no)
{
	const struct cols *c = &in->cols;
	char **cl = in->cl;
	const char *text = (size_t)c->text < r->ncells ? cl[c->text] : "";
	struct task *t;
	size_t nlead, n;
	bool own_lead, own_any;

	if (!*text) {
		in->cont = -1;
		diags_add(in->w, r->line, "序号 %d 只有编号，没有任务内容，已跳过", no);
		in->trunc_line = r->line;
		in->trunc_why = "只有序号，没有任务内容";
		return 0;
	}
	if (in->ntasks) {
		const struct task *prev = &in->tasks[in->ntasks - 1];

		if (no <= prev->no) {
			const struct task *dup = find_task(in, no);
			if (dup)
				return err_set(in->e, ERR_INPUT,
					       "%s:%d: 序号 %d 重复：第 %d 行已经有序号 %d 的任务",
					       in->name, r->line, no, dup->line, no);
			return err_set(in->e, ERR_INPUT,
				       "%s:%d: 序号 %d 出现在序号 %d（第 %d 行）之后，顺序错乱",
				       in->name, r->line, no, prev->no, prev->line);
		}
		if (no > prev->no + 1) {
			if (no == prev->no + 2)
				diags_add(in->w, r->line, "序号不连续：%d 之后是 %d，缺少序号 %d",
					  prev->no, no, prev->no + 1);
			else
				diags_add(in->w, r->line, "序号不连续：%d 之后是 %d，缺少序号 %d–%d",
					  prev->no, no, prev->no + 1, no - 1);
		}
	} else if (no > 1) {
		if (no == 2)
			diags_add(in->w, r->line, "序号从 %d 开始，缺少序号 1", no);
		else
			diags_add(in->w, r->line, "序号从 %d 开始，缺少序号 1–%d", no, no - 1);
	}

	/* Units: lead columns, then co-unit columns; merged (empty) cells take those above. */
	in->lead.n = in->co.n = 0;
	for (int i = 0; i < c->nlead; i++)
		if ((size_t)c->lead[i] < r->ncells)
			split_units(cl[c->lead[i]], &in->lead);
	for (int i = 0; i < c->nco; i++)
		if ((size_t)c->co[i] < r->ncells)
			split_units(cl[c->co[i]], &in->co);
	own_lead = in->lead.n > 0;
	own_any = own_lead || in->co.n > 0;
	if (!own_any) {
		for (size_t i = 0; i < in->nlast_all; i++)
			ptrvec_push(&in->lead, in->last_all[i]);
	} else if (!own_lead) {
		for (size_t i = 0; i < in->nlast_lead; i++)
			ptrvec_push(&in->lead, in->last_lead[i]);
	}
	nlead = dedup(in->lead.v, 0, in->lead.n);
	in->lead.n = nlead;
	for (size_t i = 0; i < in->co.n; i++)
		ptrvec_push(&in->lead, in->co.v[i]);
	n = dedup(in->lead.v, 0, in->lead.n);

	if (*cell_at(in, r, c->section))
		in->section = cell_at(in, r, c->section);
	ALLOC_GROW(in->dues, in->ntasks + 1, in->dues_alloc);
	in->dues[in->ntasks] = *cell_at(in, r, c->due) ? cell_at(in, r, c->due) : NULL;
	in->cont = (long)in->ntasks;
	in->cont_nlead = nlead;
	ALLOC_GROW(in->tasks, in->ntasks + 1, in->alloc);
	t = &in->tasks[in->ntasks++];
	memset(t, 0, sizeof(*t));
	t->no = no;
	t->section = in->section;
	t->text = text;
	t->units = copy_units(in->a, in->lead.v, n);
	t->nunits = n;
	t->line = r->line;
	if (c->leader >= 0 && (size_t)c->leader < r->ncells && *cl[c->leader])
		t->leader = cl[c->leader];
	if (own_any) {
		in->last_all = t->units;
		in->nlast_all = n;
		if (nlead) {
			in->last_lead = t->units;
			in->nlast_lead = nlead;
		}
	}
	in->trunc_line = 0;
	if (n) {
		in->any_units = true;
	} else if (r->ncells < c->ncells) {
		in->trunc_line = r->line;
		in->trunc_why = "这一行不完整，没有责任单位，上方也没有可沿用的单位";
		diags_add(in->w, r->line, "序号 %d 没有责任单位，上方也没有可沿用的单位", no);
	} else {
		diags_add(in->w, r->line, "序号 %d 没有责任单位，上方也没有可沿用的单位", no);
	}
	return 0;
}

static bool is_debris(const struct interp *in, const char *t)
{
	const struct plan *p = &in->doc->plan;

	if (!*t || is_lone_number(t) || is_page_mark(t) || is_attachment_mark(t))
		return true;
	if (p->title && *p->title && strstr(t, p->title) && strlen(t) < strlen(p->title) + 24)
		return true;
	if (p->doc_no && *p->doc_no && !strcmp(t, p->doc_no))
		return true;
	return false;
}

static void set_section(struct interp *in, const char *s)
{
	in->section = s;
	in->cont = -1;
	/* A merged cell cannot span a section heading. */
	in->last_all = in->last_lead = NULL;
	in->nlast_all = in->nlast_lead = 0;
}

/* Join a continuation's text: no space where either side is a CJK character. */
static const char *join_text(struct arena *a, const char *x, const char *y)
{
	uint32_t last = cp_before((uchar *)x, (uchar *)x + strlen(x)), first = 0;

	if (!*x)
		return y;
	utf8_decode(y, strlen(y), &first);
	return arena_printf(a, "%s%s%s", x, cp_is_cjk(last) || cp_is_cjk(first) ? "" : " ", y);
}

/*
 * A row continuing the task above (an empty or merged 序号 cell): its text
 * is appended, its units, leader and 完成时限 added.
 */
static int continue_row(struct interp *in, const struct row *r)
{
	const struct cols *c = &in->cols;
	struct task *t = &in->tasks[in->cont];
	const char *text = cell_at(in, r, c->text), *leader = cell_at(in, r, c->leader),
		   *due = cell_at(in, r, c->due);
	size_t nlead, n;

	if (*text && !merged_at(in, r, c->text) && strcmp(text, t->text))
		t->text = join_text(in->a, t->text, text);

	in->lead.n = in->co.n = 0;
	for (size_t i = 0; i < t->nunits; i++)
		ptrvec_push(i < in->cont_nlead ? &in->lead : &in->co, t->units[i]);
	for (int i = 0; i < c->nlead; i++)
		if ((size_t)c->lead[i] < r->ncells)
			split_units(in->cl[c->lead[i]], &in->lead);
	for (int i = 0; i < c->nco; i++)
		if ((size_t)c->co[i] < r->ncells)
			split_units(in->cl[c->co[i]], &in->co);
	nlead = dedup(in->lead.v, 0, in->lead.n);
	in->lead.n = nlead;
	for (size_t i = 0; i < in->co.n; i++)
		ptrvec_push(&in->lead, in->co.v[i]);
	n = dedup(in->lead.v, 0, in->lead.n);
	if (n != t->nunits) {
		t->units = copy_units(in->a, in->lead.v, n);
		t->nunits = n;
		in->cont_nlead = nlead;
		in->last_all = t->units;
		in->nlast_all = n;
		if (nlead) {
			in->last_lead = t->units;
			in->nlast_lead = nlead;
		}
	}
	if (n) {
		in->any_units = true;
		in->trunc_line = 0;
	}

	if (*leader) {
		if (!t->leader)
			t->leader = leader;
		else if (!merged_at(in, r, c->leader) && strcmp(t->leader, leader))
			t->leader = arena_printf(in->a, "%s、%s", t->leader, leader);
	}
	if (*due && !merged_at(in, r, c->due)) {
		const char *d = in->dues[in->cont];
		in->dues[in->cont] = d ? arena_printf(in->a, "%s\n%s", d, due) : due;
	}
	return 0;
}

/* How a 序号 cell numbers: 1 / 1. / （1）, 一 / 一、, （一）. */
enum nokind { NO_NONE = 0, NO_ARABIC, NO_CN, NO_CN_PAREN };

static enum nokind parse_no_kind(const char *str, int *no)
{
	static const char *const after[] = { ".", ",", ":", "\xEF\xBC\x8E", "\xE3\x80\x81",
					     "\xEF\xBC\x8C", "\xEF\xBC\x9A", NULL };
	uchar *s = (uchar *)str, *end = s + strlen(str), *p;
	bool paren = false;
	size_t n;
	int v;

	if (table_parse_no(str, no))
		return NO_ARABIC;
	trim_range(&s, &end);
	p = s;
	if ((n = opener_at(p, end))) {
		p = skip_ws(p + n, end);
		paren = true;
	}
	if (!(n = cn_number_at(p, end, &v)) || v < 1)
		return NO_NONE;
	p = skip_ws(p + n, end);
	if (paren) {
		if (!(n = closer_at(p, end)))
			return NO_NONE;
		p += n;
	}
	if (p < end && (n = match_set(p, end, after)))
		p += n;
	if (skip_ws(p, end) != end)
		return NO_NONE;
	*no = v;
	return paren ? NO_CN_PAREN : NO_CN;
}

/*
 * Which Chinese numbering marks tasks, by the table's shape: none when any
 * 序号 is an Arabic number (then 一、 and （一） rows are headings); else the
 * finer of the two styles present ((一) under 一、).
 */
static void scan_numbering(struct interp *in, size_t from)
{
	struct arena tmp = ARENA_INIT;
	bool plain = false, paren = false;
	int col = in->cols.no;

	arena_init(&tmp, 4096);
	in->cn_kind = NO_NONE;
	for (size_t i = from; i < in->r->n; i++) {
		const struct row *row = &in->r->v[i];
		size_t n;
		int no;

		if (row->origin != ROW_TABLE || col < 0 || (size_t)col >= row->ncells)
			continue;
		n = strlen(row->cells[col]);
		if (!n || n > 64)
			continue;
		switch (parse_no_kind(clean_n(&tmp, row->cells[col], n), &no)) {
		case NO_ARABIC:
			goto out;
		case NO_CN:
			plain = true;
			break;
		case NO_CN_PAREN:
			paren = true;
			break;
		default:
			break;
		}
	}
	in->cn_kind = paren ? NO_CN_PAREN : plain ? NO_CN : NO_NONE;
out:
	arena_release(&tmp);
}

/* A heading given as a number and a title in the task columns: 一 | 稳增长. */
static void numbered_section(struct interp *in, const struct row *r, const char *nocell)
{
	const char *title = cell_at(in, r, in->cols.text);
	uint32_t last = cp_before((uchar *)nocell, (uchar *)nocell + strlen(nocell));
	bool punct = last == 0x3001 || last == 0xFF0E || last == '.' || last == 0xFF09 || last == ')' ||
		     last == 0xFF0C || last == 0xFF1A;

	if (!*title || merged_at(in, r, in->cols.text))
		set_section(in, nocell);
	else
		set_section(in, arena_printf(in->a, "%s%s%s", nocell, punct ? "" : " ", title));
}

/* A note under the table, not a continuation: 注：…, 备注…, 说明… */
static bool is_note(const char *t)
{
	return starts_with(t, "注：") || starts_with(t, "注:") || starts_with(t, "备注") ||
	       starts_with(t, "说明");
}

static int table_row(struct interp *in, const struct row *r)
{
	const struct cols *c = &in->cols;
	size_t nonempty = 0, first = 0;
	const char *nocell;
	enum nokind kind;
	int no;
	struct cols h;
	int rc;

	clean_row(in, r);
	for (size_t i = 0; i < r->ncells; i++) {
		if (*in->cl[i]) {
			if (!nonempty)
				first = i;
			nonempty++;
		}
	}
	if (!nonempty)
		return 0;
	/* Above the header only headings and debris (a lone 2022) were let in. */
	if ((size_t)(r - in->r->v) < in->hidx && nonempty == 1) {
		if (!is_debris(in, in->cl[first]))
			set_section(in, in->cl[first]);
		return 0;
	}
	nocell = cell_at(in, r, c->no);
	if (*nocell && (kind = parse_no_kind(nocell, &no))) {
		if (in->r->merged && in->cont >= 0 && merged_at(in, r, c->no) &&
		    no == in->tasks[in->cont].no)
			return continue_row(in, r);
		if (kind == NO_ARABIC || (int)kind == in->cn_kind)
			return task_row(in, r, no);
		numbered_section(in, r, nocell);
		return 0;
	}
	rc = header_of(r, in->name, &h, in->e);
	if (rc < 0)
		return -1;
	if (rc > 0) {
		in->cols = h;
		return 0;
	}
	if (nonempty == 1 && is_debris(in, in->cl[first]))
		return 0;
	if (nonempty == 1 && (first == 0 || (int)first == c->no) && strlen(in->cl[first]) <= 150 &&
	    !ends_with(in->cl[first], "\xE3\x80\x82")) {
		set_section(in, in->cl[first]);
		return 0;
	}
	if (nonempty == 1 && (int)first == c->text && is_section_heading(in->cl[first])) {
		set_section(in, in->cl[first]);
		return 0;
	}
	if (!*nocell && in->cont >= 0 && !is_note(cell_at(in, r, c->text)))
		return continue_row(in, r);
	in->cont = -1;
	diags_add(in->w, r->line, "表格中无法识别的行，已跳过：%s", excerpt(in, in->cl, r->ncells));
	return 0;
}

static void paragraph_row(struct interp *in, const struct row *r)
{
	char *t = clean_n(in->a, r->cells[0], strlen(r->cells[0]));

	if (is_debris(in, t))
		return;
	if (is_section_heading(t)) {
		set_section(in, t);
		return;
	}
	in->cont = -1;
	diags_add(in->w, r->line, "表格中无法识别的行，已跳过：%s", excerpt(in, &t, 1));
}

/* ---------------------------------------------------------------- the notice */

/* The text of a notice row: its non-empty cells, cleaned and joined by a space. */
static char *row_text(struct interp *in, const struct row *r)
{
	struct strbuf sb = STRBUF_INIT;
	char *out;

	if (r->ncells == 1)
		return clean_n(in->a, r->cells[0], strlen(r->cells[0]));
	for (size_t i = 0; i < r->ncells; i++) {
		char *c = clean_n(in->a, r->cells[i], strlen(r->cells[i]));
		if (!*c)
			continue;
		if (sb.len)
			strbuf_addch(&sb, ' ');
		strbuf_addstr(&sb, c);
	}
	out = arena_strndup(in->a, sb.buf, sb.len);
	strbuf_release(&sb);
	return out;
}

static bool has_any(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (strstr(s, *set))
			return true;
	return false;
}

/* A line that can be the issuer's signature: short, no sentence punctuation. */
static bool plausible_issuer(const char *t)
{
	static const char *const punct[] = { "。", "，", "；", "：", "！", "？", "、", ",", ";", ":",
					     "!", "?", "《", NULL };
	size_t n = strlen(t);

	return n >= 6 && n <= 90 && !has_any(t, punct) && !starts_with(t, "附件") && !is_lone_number(t);
}

/* Strip 《…》 around a whole title. */
static const char *unquote_title(struct interp *in, const char *t)
{
	size_t n = strlen(t);

	if (starts_with(t, "《") && ends_with(t, "》") && n > 6)
		return arena_strndup(in->a, t + 3, n - 6);
	return t;
}

/* Split "安康市人民政府    2022年3月28日" into issuer and date. */
static bool issuer_and_date(struct interp *in, const char *t, const char **issuer, struct date *d)
{
	uchar *s = (uchar *)t, *end = s + strlen(t), *p = end;
	size_t n;

	/* The last run of white space. */
	while (p > s && !ws_before(s, p))
		p--;
	if (p == s)
		return false;
	if (!table_parse_date((const char *)p, d))
		return false;
	while ((n = ws_before(s, p)))
		p -= n;
	*issuer = arena_strndup(in->a, t, (size_t)(p - s));
	return plausible_issuer(*issuer);
}

/*
 * Read plan metadata from rows [from, to).  `trailing`: rows after the table,
 * where only a missing issuer and date are looked for.
 */
static void parse_notice(struct interp *in, size_t from, size_t to, bool trailing)
{
	struct plan *pl = &in->doc->plan;
	const char *title_att = NULL, *title_para = NULL, *title_notice = NULL, *title_book = NULL;
	const char *issuer_notice = NULL, *issuer_red = NULL, *issuer = NULL;
	char **texts;
	size_t date_k = (size_t)-1;
	bool want_title = false;

	if (to <= from)
		return;
	texts = xcalloc(to - from, sizeof(*texts));
	for (size_t k = from; k < to; k++) {
		char *t = texts[k - from] = row_text(in, &in->r->v[k]);
		const char *at, *d, *q;
		struct date dt;
		int y;

		if (!*t || is_lone_number(t) || is_page_mark(t) || is_attachment_mark(t))
			continue;
		if (trailing) {
			if (!date_is_set(pl->issued) && table_parse_date(t, &dt)) {
				pl->issued = dt;
				date_k = k;
			}
			continue;
		}
		if (want_title) {
			title_att = t;
			want_title = false;
			continue;
		}
		if (!*pl->doc_no && (d = table_find_doc_no(in->a, t, &y))) {
			pl->doc_no = d;
			in->docno_year = y;
			if (strlen(t) <= strlen(d) + 60)
				continue;
		}
		if ((at = attachment_title(t))) {
			if (!title_att) {
				if (*at)
					title_att = at;
				else
					want_title = true;
			}
			continue;
		}
		if (table_parse_date(t, &dt)) {
			pl->issued = dt;
			date_k = k;
			continue;
		}
		if (!date_is_set(pl->issued) && issuer_and_date(in, t, &issuer, &dt)) {
			pl->issued = dt;
			continue;
		}
		if (!*pl->recipients && strlen(t) <= 600 && !starts_with(t, "抄送") &&
		    !strstr(t, "如下") && !strstr(t, "。") && (ends_with(t, "：") || ends_with(t, ":"))) {
			pl->recipients = arena_strndup(in->a, t, strlen(t) - (ends_with(t, ":") ? 1 : 3));
			continue;
		}
		if (!title_notice && (q = strstr(t, "关于印发")) && strstr(q, "的通知")) {
			const char *b = q + strlen("关于印发"), *e = strstr(b, "的通知");
			title_notice = unquote_title(in, arena_strndup(in->a, b, (size_t)(e - b)));
			if (q > t)
				issuer_notice = arena_strndup(in->a, t, (size_t)(q - t));
			continue;
		}
		if (!issuer_red && ends_with(t, "文件") && strlen(t) <= 60 && strlen(t) > 6) {
			issuer_red = arena_strndup(in->a, t, strlen(t) - strlen("文件"));
			continue;
		}
		if (!title_para && strstr(t, "清单") && strlen(t) <= 150 && !ends_with(t, "。") &&
		    !strstr(t, "《"))
			title_para = t;
		for (q = strstr(t, "《"); !title_book && q; q = strstr(q + 1, "《")) {
			const char *b = q + strlen("《"), *e = strstr(b, "》");
			if (e && e - b < 200) {
				char *x = arena_strndup(in->a, b, (size_t)(e - b));
				if (strstr(x, "清单"))
					title_book = x;
			}
		}
	}
	/* The issuer signs just above the date. */
	if (!issuer && date_k != (size_t)-1) {
		for (size_t k = date_k; k-- > from;) {
			const char *t = texts[k - from];
			if (!*t || is_lone_number(t) || is_page_mark(t))
				continue;
			if (plausible_issuer(t) && !table_parse_date(t, &(struct date){ 0, 0, 0 }))
				issuer = t;
			break;
		}
	}
	if (!*pl->issuer) {
		if (issuer)
			pl->issuer = issuer;
		else if (!trailing && issuer_notice)
			pl->issuer = issuer_notice;
		else if (!trailing && issuer_red)
			pl->issuer = issuer_red;
	}
	if (!trailing && !*pl->title) {
		const char *t = title_att ? title_att : title_para ? title_para :
			title_notice ? title_notice : title_book;
		if (t)
			pl->title = table_tighten_title(in->a, unquote_title(in, t));
	}
	free(texts);
}

/* ---------------------------------------------------------------- 完成时限 */

static bool has_digit(const char *str)
{
	uchar *s = (uchar *)str, *end = s + strlen(str);
	int d;

	for (uchar *p = s; p < end; p++)
		if (digit_at(p, end, &d))
			return true;
	return false;
}

/* Words around a date in a 完成时限 cell that add nothing to it. */
static const char32_t *const due_fillers[] = {
	U"前", U"之前", U"以前", U"底", U"末", U"止", U"内", U"完成", U"全部完成", U"基本完成",
	U"结束", U"截至", U"截止", U"到", U"至", U"在", U"于", U"力争", U"确保", U"争取", U"完成时限",
};

static size_t due_filler_at(const struct tscan *s, size_t i)
{
	uint32_t cp = ts_cp(s, i);

	if (ts_is_space(cp) || ts_is_delim(cp) || cp == 0x3001 || cp == '-' || cp == 0xFF0D)
		return 1;
	return ts_match_any(s, i, due_fillers, sizeof(due_fillers) / sizeof(due_fillers[0]), NULL);
}

/* Is `span` one time node and fillers only ("6月底前", "2022年6月30日", "年底前完成")? */
static bool date_only(const char *span, int year)
{
	struct tscan s;
	size_t i = 0, n;
	bool node = false, ok = true;
	struct date d;

	tscan_init(&s, span);
	while (i < s.n && ok) {
		if (!node && timenode_may_start(s.c[i].cp) && (n = timenode_at(&s, i, year, &d))) {
			node = true;
			i += n;
		} else if ((n = due_filler_at(&s, i))) {
			i += n;
		} else {
			ok = false;
		}
	}
	tscan_release(&s);
	return ok && node;
}

/* A whole piece that is a date or a year: 2022-06-30, 2022年6月30日前, 2022年, 2022. */
static bool whole_date(struct arena *a, const char *piece, struct date *out)
{
	static const char *const suffixes[] = { "之前", "以前", "前完成", "前", "止", "完成", "底", NULL };
	char *t = arena_strdup(a, piece);
	int y;
	size_t n;

	for (int round = 0; round < 3; round++) {
		uchar *b = (uchar *)t, *e = b + strlen(t);

		trim_range(&b, &e);
		*(char *)e = '\0';
		t = (char *)b;
		if (table_parse_date(t, out))
			return true;
		for (const char *const *sfx = suffixes; *sfx; sfx++) {
			if (ends_with(t, *sfx)) {
				t[strlen(t) - strlen(*sfx)] = '\0';
				break;
			}
		}
	}
	/* A year alone: the end of that year; a year and a month (2022.12): the month's end. */
	{
		uchar *b = (uchar *)t, *e = b + strlen(t), *p;
		int m;

		trim_range(&b, &e);
		if (!(n = year_at(b, e, &y)) || y < 1900 || y > 2200)
			return false;
		p = skip_ws(b + n, e);
		if (p < e && (*p == '.' || *p == '-' || *p == '/') && (n = small_at(p + 1, e, &m)) &&
		    skip_ws(p + 1 + n, e) == e && m >= 1 && m <= 12) {
			*out = date_month_end(y, m);
			return true;
		}
		if (lit_at(&p, e, "\xE5\xB9\xB4"))	/* 年 */
			lit_at(&p, e, "\xE5\xBA\xA6");	/* 度 */
		if (skip_ws(p, e) != e)
			return false;
		*out = (struct date){ y, 12, 31 };
		return true;
	}
}

struct msvec {
	struct milestone *v;
	size_t n, alloc;
};

static void ms_add(struct msvec *mv, struct date d, const char *text)
{
	for (size_t i = 0; i < mv->n; i++)
		if (!date_cmp(mv->v[i].due, d))
			return;
	ALLOC_GROW(mv->v, mv->n + 1, mv->alloc);
	mv->v[mv->n].due = d;
	mv->v[mv->n].text = text;
	mv->n++;
}

/* One line of a 完成时限 cell. */
static void due_piece(struct arena *a, const char *piece, int year, const char *task_text,
		      struct msvec *mv)
{
	struct task tmp;
	struct date d;
	size_t n0 = mv->n;

	if (whole_date(a, piece, &d)) {
		ms_add(mv, d, task_text);
		return;
	}
	memset(&tmp, 0, sizeof(tmp));
	tmp.text = piece;
	understand_task(a, &tmp, year);
	for (size_t i = 0; i < tmp.nmilestones; i++) {
		const struct milestone *m = &tmp.milestones[i];
		ms_add(mv, m->due, date_only(m->text, year) ? task_text : m->text);
	}
	if (mv->n > n0 || !has_digit(piece))
		return;
	/* A list of dates: 2022-06-30、2022-12-31 (all of them, or none). */
	{
		char *cp = arena_strdup(a, piece);
		struct ptrvec parts = { NULL, 0, 0 };
		bool all = true;

		split_units(cp, &parts);
		for (size_t i = 0; i < parts.n && all; i++)
			all = whole_date(a, parts.v[i], &d);
		for (size_t i = 0; i < parts.n && all && parts.n > 1; i++) {
			whole_date(a, parts.v[i], &d);
			ms_add(mv, d, task_text);
		}
		free(parts.v);
	}
}

size_t table_deadlines(struct arena *a, const char *cell, int year, const char *task_text,
		       struct milestone **out)
{
	struct msvec mv = { NULL, 0, 0 };
	char *copy = arena_strdup(a, cell), *save = NULL;

	*out = NULL;
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *t = clean_n(a, line, strlen(line));

		if (*t)
			due_piece(a, t, year, task_text, &mv);
	}
	if (mv.n) {
		*out = arena_alloc(a, mv.n * sizeof(**out));
		memcpy(*out, mv.v, mv.n * sizeof(**out));
	}
	free(mv.v);
	return mv.n;
}

/* ---------------------------------------------------------------- putting it together */

/* The first header row, or -1; *hidx its index.  Returns -1 on a malformed header (error set). */
static int find_header(struct interp *in, size_t *hidx)
{
	const struct rows *r = in->r;
	struct arena tmp = ARENA_INIT;
	int rc = 0;

	arena_init(&tmp, 0);
	for (size_t i = 0; i < r->n; i++) {
		const struct row *row = &r->v[i];
		size_t n = strlen(row->cells[0]);
		int no;

		if (row->origin != ROW_TABLE)
			continue;
		/* A row starting with a number is a task, not a header. */
		if (n < 64 && table_parse_no(clean_n(&tmp, row->cells[0], n), &no))
			continue;
		rc = header_of(row, in->name, &in->cols, in->e);
		if (rc) {
			*hidx = i;
			break;
		}
	}
	arena_release(&tmp);
	return rc;
}

/* Without a header: the first table row that starts with a number and has text. */
static bool find_headerless(struct interp *in, size_t *hidx)
{
	const struct rows *r = in->r;
	struct arena tmp = ARENA_INIT;
	bool ok = false;

	arena_init(&tmp, 0);
	for (size_t i = 0; i < r->n && !ok; i++) {
		const struct row *row = &r->v[i];
		int no;

		if (row->origin != ROW_TABLE || row->ncells < 2)
			continue;
		ok = table_parse_no(clean_n(&tmp, row->cells[0], strlen(row->cells[0])), &no) &&
		     *clean_n(&tmp, row->cells[1], strlen(row->cells[1]));
		if (ok) {
			struct cols c = { 0, 1, -1, { 2 }, 1, { 0 }, 0, 3, 0, -1, -1 };
			in->cols = c;
			*hidx = i;
		}
	}
	arena_release(&tmp);
	return ok;
}

/* Section headings and debris just above the header belong to the table. */
static size_t table_start(struct interp *in, size_t h)
{
	struct arena tmp = ARENA_INIT;
	size_t t = h;

	arena_init(&tmp, 4096);
	while (t > 0) {
		const struct row *row = &in->r->v[t - 1];
		size_t nonempty = 0;
		const char *c = "";

		for (size_t i = 0; i < row->ncells; i++) {
			const char *x = clean_n(&tmp, row->cells[i], strlen(row->cells[i]));
			if (*x) {
				nonempty++;
				if (i == 0)
					c = x;
			}
		}
		if (!nonempty) {
			t--;
			continue;
		}
		if (nonempty > 1 || !*c)
			break;
		if (!(is_lone_number(c) || is_page_mark(c) || is_attachment_mark(c) ||
		      is_section_heading(c)))
			break;
		t--;
	}
	arena_release(&tmp);
	return t;
}

int table_interpret(const struct rows *r, const char *name, struct plan_doc *doc,
		    struct diags *w, struct err *e)
{
	struct interp in;
	struct plan *pl = &doc->plan;
	size_t h = 0, t, last = 0;
	int rc = -1, found;

	memset(&in, 0, sizeof(in));
	in.r = r;
	in.name = name;
	in.doc = doc;
	in.w = w;
	in.e = e;
	in.a = &doc->arena;
	in.section = "";
	in.cont = -1;
	pl->issuer = pl->doc_no = pl->title = pl->recipients = "";

	found = find_header(&in, &h);
	if (found < 0)
		goto out;
	if (!found) {
		if (!find_headerless(&in, &h)) {
			err_set(e, ERR_INPUT,
				"%s: 不是重点任务清单：全文 %zu 个非空行中没有找到任务表格"
				"（需要“序号、重点任务、责任单位”等列，各列以 TAB 分隔）",
				name, r->n);
			goto out;
		}
		diags_add(w, r->v[h].line,
			  "没有找到表头（序号、重点任务、责任单位），按第 1–3 列分别读取");
	}
	in.hidx = h;
	scan_numbering(&in, h);
	t = table_start(&in, h);
	parse_notice(&in, 0, t, false);

	for (size_t i = t; i < r->n; i++)
		if (r->v[i].origin == ROW_TABLE)
			last = i;
	for (size_t i = t; i <= last; i++) {
		const struct row *row = &r->v[i];

		if (row->origin == ROW_TABLE) {
			if (table_row(&in, row))
				goto out;
		} else {
			paragraph_row(&in, row);
		}
	}
	parse_notice(&in, last + 1, r->n, true);

	if (!in.ntasks) {
		if (in.cols.line)
			err_set(e, ERR_INPUT, "%s:%d: 有表头，但其后没有任何任务行：表格不完整或被截断",
				name, in.cols.line);
		else
			err_set(e, ERR_INPUT, "%s: 没有找到任何任务行", name);
		goto out;
	}
	if (in.trunc_line) {
		err_set(e, ERR_INPUT, "%s:%d: 表格在最后一行被截断：%s", name, in.trunc_line,
			in.trunc_why);
		goto out;
	}
	if (!in.any_units) {
		err_set(e, ERR_INPUT, "%s:%d: 表格中没有任何任务填写了责任单位", name,
			in.tasks[0].line);
		goto out;
	}

	if (!pl->year)
		pl->year = year_in(pl->title);
	if (!pl->year)
		pl->year = in.docno_year;
	if (!pl->year && date_is_set(pl->issued))
		pl->year = pl->issued.y;
	if (!pl->year)
		diags_add(w, 0, "未能从标题、文号或成文日期确定计划年度");

	/* The 完成时限 column, now that the year is known. */
	for (size_t i = 0; i < in.ntasks && in.dues; i++) {
		struct task *tk = &in.tasks[i];

		if (!in.dues[i])
			continue;
		tk->nmilestones = table_deadlines(&doc->arena, in.dues[i], pl->year, tk->text,
						  &tk->milestones);
		if (!tk->nmilestones && has_digit(in.dues[i]))
			diags_add(w, tk->line, "序号 %d 的完成时限“%s”中没有可识别的日期", tk->no,
				  in.dues[i]);
	}

	doc->tasks = arena_alloc(&doc->arena, in.ntasks * sizeof(*doc->tasks));
	memcpy(doc->tasks, in.tasks, in.ntasks * sizeof(*doc->tasks));
	doc->ntasks = in.ntasks;
	rc = 0;
out:
	free(in.tasks);
	free(in.dues);
	free(in.cl);
	free(in.lead.v);
	free(in.co.v);
	return rc;
}
