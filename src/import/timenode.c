/* Recognising time nodes (上半年, 年底前, 三季度末, 6月底前, 9月30日前) and their dates. */
#include "import/timenode.h"

#include <stdbool.h>

#include "util/banned.h"

static int digit_cn(uint32_t cp)
{
	switch (cp) {
	case 0x4E00: return 1;	/* 一 */
	case 0x4E8C: return 2;	/* 二 */
	case 0x4E24: return 2;	/* 两 */
	case 0x4E09: return 3;	/* 三 */
	case 0x56DB: return 4;	/* 四 */
	case 0x4E94: return 5;	/* 五 */
	case 0x516D: return 6;	/* 六 */
	case 0x4E03: return 7;	/* 七 */
	case 0x516B: return 8;	/* 八 */
	case 0x4E5D: return 9;	/* 九 */
	default: return 0;
	}
}

#define CN_TEN 0x5341	/* 十 */

/*
 * A small number (1..99) at i in Arabic (1-2 digits) or Chinese (一..九十九);
 * its length, or 0 when there is none or it lies outside [lo, hi].
 */
static size_t read_small(const struct tscan *s, size_t i, int lo, int hi, int *out)
{
	uint32_t c0 = ts_cp(s, i), c1 = ts_cp(s, i + 1);
	size_t len;
	int v;

	if (ts_is_digit(c0)) {
		if (i > 0 && (ts_is_digit(s->c[i - 1].cp) || s->c[i - 1].cp == '.'))
			return 0;
		if (ts_is_digit(c1)) {
			if (ts_is_digit(ts_cp(s, i + 2)) || ts_cp(s, i + 2) == '.')
				return 0;
			v = (int)(c0 - '0') * 10 + (int)(c1 - '0');
			len = 2;
		} else {
			if (c1 == '.')
				return 0;
			v = (int)(c0 - '0');
			len = 1;
		}
	} else {
		if (i > 0 && ts_is_cn_numeral(s->c[i - 1].cp))
			return 0;
		if (c0 == CN_TEN) {
			v = 10;
			len = 1;
			if (digit_cn(c1)) {
				v += digit_cn(c1);
				len = 2;
			}
		} else if (digit_cn(c0)) {
			v = digit_cn(c0);
			len = 1;
			if (c1 == CN_TEN) {
				v *= 10;
				len = 2;
				if (digit_cn(ts_cp(s, i + 2))) {
					v += digit_cn(ts_cp(s, i + 2));
					len = 3;
				}
			}
		} else {
			return 0;
		}
		if (ts_is_cn_numeral(ts_cp(s, i + len)))
			return 0;
	}
	if (v < lo || v > hi)
		return 0;
	*out = v;
	return len;
}

static bool set_date(struct date *due, int y, int m, int d)
{
	if (y < 1 || y > 9999 || m < 1 || m > 12)
		return false;
	if (d == 0)
		d = date_days_in_month(y, m);
	if (!date_valid(y, m, d))
		return false;
	due->y = y;
	due->m = m;
	due->d = d;
	return true;
}

/* Optional "前" / "之前" / "以前" at i: its length. */
static size_t before_word(const struct tscan *s, size_t i)
{
	size_t k;

	if ((k = ts_match(s, i, U"之前")) || (k = ts_match(s, i, U"以前")) ||
	    (k = ts_match(s, i, U"前")))
		return k;
	return 0;
}

static const char32_t *const end_words[] = { U"底前", U"末前", U"底", U"末" };
#define N_END_WORDS (sizeof(end_words) / sizeof(end_words[0]))

/* N季度, 前三季度, 第一季度, 一至三季度 at i. */
static size_t quarter_at(const struct tscan *s, size_t i, int y, struct date *due)
{
	size_t k = i, len;
	int q, q2;

	if (ts_match(s, k, U"前") || ts_match(s, k, U"第"))
		k++;
	len = read_small(s, k, 1, 4, &q);
	if (!len)
		return 0;
	k += len;
	if (ts_cp(s, k) == 0x81F3 || ts_cp(s, k) == 0x5230 || ts_cp(s, k) == '-' ||
	    ts_cp(s, k) == 0x2014 || ts_cp(s, k) == 0x2013 || ts_cp(s, k) == '~') {
		size_t l2 = read_small(s, k + 1, 1, 4, &q2);	/* 一至三季度 */

		if (l2 && q2 > q && ts_match(s, k + 1 + l2, U"季度")) {
			q = q2;
			k += 1 + l2;
		}
	}
	if (!ts_match(s, k, U"季度"))
		return 0;
	k += 2;
	if ((len = ts_match_any(s, k, end_words, N_END_WORDS, NULL)) ||
	    (len = ts_match(s, k, U"内")) || (len = before_word(s, k)))
		k += len;
	return set_date(due, y, q * 3, 0) ? k - i : 0;
}

/* 至, 到, -, ~, —, –: between the two ends of a period. */
static bool is_range_mark(uint32_t r)
{
	return r == 0x81F3 || r == 0x5230 || r == '-' || r == '~' || r == 0x2014 || r == 0x2013;
}

/* N月…: N月底前, N月份, N月N日, N月上旬, N月前 at i. */
static size_t month_at(const struct tscan *s, size_t i, int y, struct date *due, bool range)
{
	size_t k = i, len;
	int m, d;

	len = read_small(s, k, 1, 12, &m);
	if (!len)
		return 0;
	k = ts_skip_space(s, k + len);
	if (range && is_range_mark(ts_cp(s, k))) {
		/* 1-6月, 一至三月: the period ends with the second month */
		size_t k2 = ts_skip_space(s, k + 1), l2;
		int m2;

		if (read_small(s, k2, 1, 12, &m2) && m2 > m &&
		    (l2 = month_at(s, k2, y, due, false)))
			return k2 + l2 - i;
		return 0;
	}
	if (ts_cp(s, k) != 0x6708)	/* 月 */
		return 0;
	k++;
	if (ts_cp(s, k) == 0x5EA6)	/* 月度 */
		return 0;
	{
		size_t kd = ts_skip_space(s, k), ke;

		if ((len = read_small(s, kd, 1, 31, &d))) {
			ke = ts_skip_space(s, kd + len);
			if (ts_cp(s, ke) == 0x65E5 || ts_cp(s, ke) == 0x53F7) {	/* 日 号 */
				k = ke + 1;
				k += before_word(s, k);
				return set_date(due, y, m, d) ? k - i : 0;
			}
		}
	}
	if ((len = ts_match(s, k, U"上旬")))
		d = 10;
	else if ((len = ts_match(s, k, U"中旬")))
		d = 20;
	else if ((len = ts_match(s, k, U"下旬")))
		d = 0;
	if (len) {
		k += len;
		k += before_word(s, k);
		return set_date(due, y, m, d) ? k - i : 0;
	}
	if (ts_match(s, k, U"份"))
		k++;
	if ((len = ts_match_any(s, k, end_words, N_END_WORDS, NULL))) {
		k += len;
		return set_date(due, y, m, 0) ? k - i : 0;
	}
	if ((len = before_word(s, k))) {
		k += len;
		if (m == 1)
			return set_date(due, y - 1, 12, 0) ? k - i : 0;
		return set_date(due, y, m - 1, 0) ? k - i : 0;
	}
	if (!set_date(due, y, m, 0))
		return 0;
	/* 6月至8月, 6月—8月底: one period, ending with the second month */
	if (range) {
		if (is_range_mark(ts_cp(s, k))) {
			size_t k2 = ts_skip_space(s, k + 1), l2;
			struct date d2;

			if (k2 < s->n && ts_is_digit(ts_cp(s, k2)) == ts_is_digit(ts_cp(s, i)) &&
			    (l2 = month_at(s, k2, y, &d2, false)) && date_cmp(d2, *due) >= 0) {
				*due = d2;
				return k2 + l2 - i;
			}
		}
	}
	return k - i;
}

/* What may follow a year: 上半年, 底前, 三季度, 6月底前... */
static size_t after_year(const struct tscan *s, size_t i, int y, struct date *due)
{
	size_t len;

	if ((len = ts_match(s, i, U"上半年")))
		return set_date(due, y, 6, 30) ? len : 0;
	if ((len = ts_match(s, i, U"下半年")))
		return set_date(due, y, 12, 31) ? len : 0;
	if ((len = ts_match_any(s, i, end_words, N_END_WORDS, NULL)) ||
	    (len = ts_match(s, i, U"内")) || (len = ts_match(s, i, U"全年")))
		return set_date(due, y, 12, 31) ? len : 0;
	if ((len = quarter_at(s, i, y, due)))
		return len;
	return month_at(s, i, y, due, true);
}

/* Characters before 年 that make 年底 / 年内 something else (三年内, 上年底). */
static bool blocks_year_word(uint32_t cp)
{
	switch (cp) {
	case 0x4E0A: /* 上 */ case 0x53BB: /* 去 */ case 0x524D: /* 前 */
	case 0x5F80: /* 往 */ case 0x6BCF: /* 每 */ case 0x591A: /* 多 */
	case 0x51E0: /* 几 */ case 0x8FD1: /* 近 */ case 0x6570: /* 数 */
	case 0x540C: /* 同 */ case 0x5386: /* 历 */ case 0x5468: /* 周 */
	case 0x534A: /* 半 */ case 0x660E: /* 明 */ case 0x4ECA: /* 今 */
	case 0x5F53: /* 当 */ case 0x672C: /* 本 */ case 0x9752: /* 青 */
	case 0x5C11: /* 少 */ case 0x8001: /* 老 */ case 0x4E2D: /* 中 */
	case 0x6210: /* 成 */ case 0x6BD5: /* 毕 */ case 0x5B66: /* 学 */
	case 0x6574: /* 整 */ case 0x5E74: /* 年 */
		return true;
	default:
		return ts_is_digit(cp) || ts_is_cn_numeral(cp);
	}
}

size_t timenode_at(const struct tscan *s, size_t i, int year, struct date *due)
{
	uint32_t cp = ts_cp(s, i), prev = i > 0 ? s->c[i - 1].cp : 0;
	size_t len;

	if (i >= s->n || !timenode_may_start(cp))
		return 0;
	if ((s->c[i].flags & TS_QUOTED) || year < 1 || year > 9999)
		return 0;
	if (prev == 0x6BCF || prev == 0x9010)	/* 每 逐: recurring */
		return 0;
	if (ts_is_digit(cp)) {
		if (!ts_is_digit(prev) && ts_is_digit(ts_cp(s, i + 1)) &&
		    ts_is_digit(ts_cp(s, i + 2)) && ts_is_digit(ts_cp(s, i + 3)) &&
		    !ts_is_digit(ts_cp(s, i + 4))) {
			int y = (int)(cp - '0') * 1000 + (int)(ts_cp(s, i + 1) - '0') * 100 +
				(int)(ts_cp(s, i + 2) - '0') * 10 + (int)(ts_cp(s, i + 3) - '0');
			size_t k = ts_skip_space(s, i + 4);

			/* 年; an earlier year's end is a baseline (截至2021年底), not a node */
			if (ts_cp(s, k) != 0x5E74 || y < 1900 || y > 2100 || y < year)
				return 0;
			k = ts_skip_space(s, k + 1);
			len = after_year(s, k, y, due);
			return len ? k + len - i : 0;
		}
		return month_at(s, i, year, due, true);
	}
	switch (cp) {
	case 0x4ECA: /* 今 */ case 0x672C: /* 本 */ case 0x5F53: /* 当 */ case 0x660E: /* 明 */
		if (ts_cp(s, i + 1) != 0x5E74)
			return 0;
		len = after_year(s, i + 2, cp == 0x660E ? year + 1 : year, due);
		return len ? len + 2 : 0;
	case 0x4E0A: /* 上 */
		len = ts_match(s, i, U"上半年");
		return len && set_date(due, year, 6, 30) ? len : 0;
	case 0x4E0B: /* 下 */
		len = ts_match(s, i, U"下半年");
		return len && set_date(due, year, 12, 31) ? len : 0;
	case 0x5E74: /* 年 */
		if (blocks_year_word(prev))
			return 0;
		if ((len = ts_match_any(s, i + 1, end_words, N_END_WORDS, NULL)) ||
		    (len = ts_match(s, i + 1, U"内")))
			return set_date(due, year, 12, 31) ? len + 1 : 0;
		return 0;
	case 0x5168: /* 全 */
		len = ts_match(s, i, U"全年");
		return len && set_date(due, year, 12, 31) ? len : 0;
	case 0x524D: /* 前 */
		if ((len = quarter_at(s, i, year, due)))
			return len;
		{
			int m;
			size_t l = read_small(s, i + 1, 1, 12, &m);

			if (l && ts_match(s, i + 1 + l, U"个月"))
				return set_date(due, year, m, 0) ? l + 3 : 0;
		}
		return 0;
	case 0x7B2C: /* 第 */
		return quarter_at(s, i, year, due);
	default:
		if (digit_cn(cp) || cp == CN_TEN) {
			if ((len = quarter_at(s, i, year, due)))
				return len;
			return month_at(s, i, year, due, true);
		}
		return 0;
	}
}
