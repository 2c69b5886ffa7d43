/* Figures in Chinese text: Arabic and Chinese numerals, magnitude words, units. */
#ifndef DUBAN_IMPORT_NUMBERS_H
#define DUBAN_IMPORT_NUMBERS_H

/*
 * Internal to src/import.  num_parse() reads one figure from a struct tscan:
 *   - Arabic digits with an optional fraction and 1,000-style grouping,
 *     full-width digits included (the scan folds them);
 *   - Chinese numerals (两万, 三千万, 一百二十, 百亿), validated: a malformed
 *     run (十百千万, 二〇二二, 十四五) is no figure;
 *   - magnitude words after either (590 亿, 1.5亿, 2万, 3千万): folded into the
 *     value, which is computed in decimal so that 2.27亿 is exactly 227000000;
 *   - 百分之N as N percent;
 *   - 余 / 多 after the figure ("1100余个", "20多万"), noted in `more`.
 * A figure that is not finite or exceeds NUM_MAX is rejected (-1), never
 * stored; `end` is still set so the caller can skip the whole run.
 *
 * unit_match() reads the unit or measure word after a figure, longest match
 * first ("平方公里" before "公里", "人次" before "人", "个百分点" before "个").
 */

#include <stdbool.h>
#include <stddef.h>

#include "import/textscan.h"

#define NUM_MAX 1e18

struct num {
	size_t start, end;	/* characters [start, end) of the figure */
	double value;
	int mag_exp;		/* power of ten from magnitude words (万 = 4) */
	bool arabic;		/* written with Arabic digits */
	bool mag_only;		/* Chinese magnitude words only: 百, 千万, 亿 */
	bool percent;		/* 百分之N */
	bool more;		/* 余 / 多 */
};

/* Does a figure start at i (a digit, or a Chinese numeral, or 百分之)? */
bool num_starts_at(const struct tscan *s, size_t i);
/* Parse the figure at i; 0 on success, -1 if there is none or it is unusable. */
int num_parse(const struct tscan *s, size_t i, struct num *out);

enum unit_kind {
	UNIT_MEASURE = 0,	/* 亩, 吨, 元, 公里: an amount */
	UNIT_COUNT,		/* 个, 家, 所, 名: counted objects follow */
	UNIT_PERCENT,		/* %, ‰, 个百分点 */
	UNIT_LABEL		/* 千伏, kV: a name ("750 千伏输变电项目"), never a target */
};

struct unit_def {
	const char32_t *word;	/* as matched (folded) */
	const char *unit;	/* as stored: "%" for ％ */
	enum unit_kind kind;
};

/* The unit at i (no leading spaces skipped), or NULL; *len gets its length. */
const struct unit_def *unit_match(const struct tscan *s, size_t i, size_t *len);

#endif
