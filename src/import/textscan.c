/* Decoding a task's text into folded code points with offsets and quotation marks. */
#include "import/textscan.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

static uint32_t fold(uint32_t cp)
{
	if (cp >= 0xFF10 && cp <= 0xFF19)	/* ０-９ */
		return cp - 0xFF10 + '0';
	if (cp >= 0xFF21 && cp <= 0xFF3A)	/* Ａ-Ｚ */
		return cp - 0xFF21 + 'A';
	if (cp >= 0xFF41 && cp <= 0xFF5A)	/* ａ-ｚ */
		return cp - 0xFF41 + 'a';
	switch (cp) {
	case 0xFF05: return '%';	/* ％ */
	case 0xFF0E: return '.';	/* ． */
	case 0xFF0B: return '+';	/* ＋ */
	case 0xFF0D: return '-';	/* － */
	case 0xFF5E: return '~';	/* ～ */
	case 0x301C: return '~';	/* 〜 */
	case 0xFF02: return '"';	/* ＂ */
	case 0xFF03: return '#';	/* ＃ */
	case 0xFF0F: return '/';	/* ／ */
	case 0x3000: return ' ';
	case 0x00A0: return ' ';
	default: return cp;
	}
}

bool ts_is_delim(uint32_t cp)
{
	switch (cp) {
	case 0xFF0C: case ',':		/* ， */
	case 0x3002:			/* 。 */
	case 0xFF1B: case ';':		/* ； */
	case 0xFF01: case '!':		/* ！ */
	case 0xFF1F: case '?':		/* ？ */
	case 0xFF1A: case ':':		/* ： */
	case '\n': case '\r':
		return true;
	default:
		return false;
	}
}

/* The closer for an opening mark, 0 if cp opens nothing. */
static uint32_t closer_of(uint32_t cp)
{
	switch (cp) {
	case 0x201C: return 0x201D;	/* “ ” */
	case 0x2018: return 0x2019;	/* ‘ ’ */
	case 0x300A: return 0x300B;	/* 《 》 */
	case 0x3008: return 0x3009;	/* 〈 〉 */
	case 0x300C: return 0x300D;	/* 「 」 */
	case 0x300E: return 0x300F;	/* 『 』 */
	case 0x3010: return 0x3011;	/* 【 】 */
	case 0x3014: return 0x3015;	/* 〔 〕 */
	case '"': return '"';
	default: return 0;
	}
}

static bool ends_sentence(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF1B || cp == ';' || cp == '\n' || cp == '\r';
}

static void mark_quotes(struct tscan *s)
{
	size_t i = 0;

	while (i < s->n) {
		uint32_t open = s->c[i].cp, close = closer_of(open);
		size_t j, depth = 1;

		if (!close) {
			i++;
			continue;
		}
		for (j = i + 1; j < s->n && j - i <= TS_QUOTE_MAX; j++) {
			uint32_t cp = s->c[j].cp;

			if (ends_sentence(cp))
				break;
			if (cp == close && --depth == 0)
				break;
			if (cp == open && open != close)
				depth++;
		}
		if (j < s->n && j - i <= TS_QUOTE_MAX && s->c[j].cp == close && depth == 0) {
			for (size_t k = i; k <= j; k++)
				s->c[k].flags |= TS_QUOTED;
			i = j + 1;
		} else {
			i++;
		}
	}
}

void tscan_init(struct tscan *s, const char *text)
{
	size_t len = text ? strlen(text) : 0, i = 0, n = 0;

	s->src = text ? text : "";
	s->c = len + 1 <= TSCAN_INLINE ? s->inl : xreallocarray(NULL, len + 1, sizeof(*s->c));
	while (i < len) {
		const unsigned char *b = (const unsigned char *)text + i;
		uint32_t cp;
		size_t k;

		if (b[0] < 0x80) {
			cp = b[0];
			k = 1;
		} else if ((b[0] & 0xF0) == 0xE0 && len - i >= 3 && (b[1] & 0xC0) == 0x80 &&
			   (b[2] & 0xC0) == 0x80 &&
			   (cp = ((uint32_t)(b[0] & 0x0F) << 12) | ((uint32_t)(b[1] & 0x3F) << 6) |
				 (b[2] & 0x3F)) >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
			k = 3;	/* the common case: CJK */
		} else {
			k = utf8_decode(text + i, len - i, &cp);
		}
		if (!k) {
			cp = 0xFFFD;
			k = 1;
		}
		s->c[n].cp = fold(cp);
		s->c[n].flags = 0;
		s->c[n].off = i;
		n++;
		i += k;
	}
	s->c[n].cp = 0;
	s->c[n].flags = 0;
	s->c[n].off = len;
	s->n = n;
	mark_quotes(s);
}

void tscan_release(struct tscan *s)
{
	if (s->c && s->c != s->inl)
		free(s->c);
	s->c = NULL;
	s->n = 0;
}

size_t ts_wlen(const char32_t *w)
{
	size_t n = 0;

	while (w[n])
		n++;
	return n;
}

size_t ts_match(const struct tscan *s, size_t i, const char32_t *word)
{
	size_t k = 0;

	while (word[k]) {
		if (i + k >= s->n || s->c[i + k].cp != word[k])
			return 0;
		k++;
	}
	return k;
}

size_t ts_match_back(const struct tscan *s, size_t end, const char32_t *word)
{
	size_t chars = ts_wlen(word);

	if (chars == 0 || chars > end)
		return 0;
	return ts_match(s, end - chars, word) == chars ? chars : 0;
}

size_t ts_match_any(const struct tscan *s, size_t i, const char32_t *const *words,
		    size_t nwords, size_t *which)
{
	size_t best = 0;
	uint32_t c0 = i < s->n ? s->c[i].cp : 0;

	for (size_t w = 0; w < nwords; w++) {
		size_t m;

		if (words[w][0] != c0)
			continue;
		m = ts_match(s, i, words[w]);
		if (m > best) {
			best = m;
			if (which)
				*which = w;
		}
	}
	return best;
}

size_t ts_match_any_back(const struct tscan *s, size_t end, const char32_t *const *words,
			 size_t nwords, size_t *which)
{
	size_t best = 0;

	for (size_t w = 0; w < nwords; w++) {
		size_t m = ts_match_back(s, end, words[w]);

		if (m > best) {
			best = m;
			if (which)
				*which = w;
		}
	}
	return best;
}

size_t ts_skip_space(const struct tscan *s, size_t i)
{
	while (i < s->n && ts_is_space(s->c[i].cp))
		i++;
	return i;
}

size_t ts_skip_space_back(const struct tscan *s, size_t lo, size_t i)
{
	while (i > lo && ts_is_space(s->c[i - 1].cp))
		i--;
	return i;
}
