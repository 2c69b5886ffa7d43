/* A task's text decoded for the extractor: code points, byte offsets, marks. */
#ifndef DUBAN_IMPORT_TEXTSCAN_H
#define DUBAN_IMPORT_TEXTSCAN_H

/*
 * Internal to src/import (understand.c, numbers.c, timenode.c, targets.c)
 * and its tests.  A struct tscan views a NUL-terminated UTF-8 string as an
 * array of code points c[0..n) plus a sentinel c[n] (cp 0, off = byte
 * length).  The code points are folded for matching only: full-width
 * digits and letters, ％ ． ＋ － ～ ＂ become ASCII, U+3000 and NBSP become a
 * space; c[i].off is the byte offset of character i in the original text,
 * which is never modified, so every span handed out is "as written".
 * Invalid bytes decode to U+FFFD, one byte each.
 *
 * tscan_init also sets TS_QUOTED on every character of a quotation or title
 * (“…” ‘…’ "…" 《…》 〈…〉 「…」 『…』 【…】 〔…〕), the marks included: numbers
 * there are names, never targets.  An opener whose closer does not follow
 * within TS_QUOTE_MAX characters of the same sentence marks nothing.
 *
 * Memory: short texts use the inline buffer, longer ones one xmalloc'd
 * array; tscan_release frees it.  No allocation per character.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uchar.h>

enum {
	TS_QUOTED = 1,	/* inside a quotation, title or bracketed number */
	TS_TIME = 2,	/* part of a time node (上半年, 6月底前) */
	TS_QUAL = 4,	/* part of a qualifier (投资千万元以上) */
	TS_NUM = 8	/* part of a target's figure, unit or comparison */
};

struct tchar {
	uint32_t cp;	/* folded code point */
	uint8_t flags;	/* TS_* */
	size_t off;	/* byte offset in the original text */
};

#define TSCAN_INLINE 768
#define TS_QUOTE_MAX 80

struct tscan {
	const char *src;	/* the original text, not owned */
	size_t n;		/* characters, not counting the sentinel */
	struct tchar *c;	/* n + 1 entries */
	struct tchar inl[TSCAN_INLINE];
};

void tscan_init(struct tscan *s, const char *text);
void tscan_release(struct tscan *s);

/* The cp at i, or 0 outside [0, n). */
static inline uint32_t ts_cp(const struct tscan *s, size_t i)
{
	return i < s->n ? s->c[i].cp : 0;
}

static inline bool ts_is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }
static inline bool ts_is_alpha(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}
static inline bool ts_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0;
}
/* CJK ideographs (the basic block and extension A). */
static inline bool ts_is_han(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

/* Ends a clause: ，。；！？：, ; ! ? : and line breaks. */
bool ts_is_delim(uint32_t cp);
/* A Chinese numeral character: 〇零一二两三四五六七八九十百千万亿. */
static inline bool ts_is_cn_numeral(uint32_t cp)
{
	if (cp < 0x3007 || cp > 0x96F6)
		return false;
	switch (cp) {
	case 0x3007: /* 〇 */ case 0x96F6: /* 零 */ case 0x4E00: /* 一 */
	case 0x4E8C: /* 二 */ case 0x4E24: /* 两 */ case 0x4E09: /* 三 */
	case 0x56DB: /* 四 */ case 0x4E94: /* 五 */ case 0x516D: /* 六 */
	case 0x4E03: /* 七 */ case 0x516B: /* 八 */ case 0x4E5D: /* 九 */
	case 0x5341: /* 十 */ case 0x767E: /* 百 */ case 0x5343: /* 千 */
	case 0x4E07: /* 万 */ case 0x4EBF: /* 亿 */
		return true;
	default:
		return false;
	}
}

/*
 * Words are UTF-32 literals (U"新建"), compared with the folded code points.
 * ts_match returns the number of characters of `word` if it occurs at i,
 * else 0.
 */
size_t ts_match(const struct tscan *s, size_t i, const char32_t *word);
/* Like ts_match but for a word ending just before `end` (so at end - len). */
size_t ts_match_back(const struct tscan *s, size_t end, const char32_t *word);
/* The longest of words[0..nwords) at i; its index in *which; 0 if none. */
size_t ts_match_any(const struct tscan *s, size_t i, const char32_t *const *words,
		    size_t nwords, size_t *which);
size_t ts_match_any_back(const struct tscan *s, size_t end, const char32_t *const *words,
			 size_t nwords, size_t *which);

/* Length of a UTF-32 word. */
size_t ts_wlen(const char32_t *w);

/* Index of the first non-space character at or after i (at most n). */
size_t ts_skip_space(const struct tscan *s, size_t i);
/* Index just after the last non-space character before i (at least lo). */
size_t ts_skip_space_back(const struct tscan *s, size_t lo, size_t i);

#endif
