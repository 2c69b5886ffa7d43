/* Parsing figures (Arabic and Chinese numerals, magnitude words) and units. */
#include "import/numbers.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/banned.h"

#define MAX_DIGITS 40	/* a longer digit run is no figure at all */
#define MAX_SIG 18	/* significant digits kept in the mantissa */

static const double pow10_exact[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* mant * 10^exp, rounded once. */
static double scale10(uint64_t mant, int exp)
{
	char buf[64];

	if (mant == 0)
		return 0.0;
	if (mant < (UINT64_C(1) << 53) && exp >= 0 && exp <= 22)
		return (double)mant * pow10_exact[exp];
	if (mant < (UINT64_C(1) << 53) && exp < 0 && exp >= -22)
		return (double)mant / pow10_exact[-exp];
	if (exp > 400)
		return HUGE_VAL;
	if (exp < -400)
		return 0.0;
	snprintf(buf, sizeof(buf), "%" PRIu64 "e%d", mant, exp);
	return strtod(buf, NULL);
}

static int magnitude_of(uint32_t cp)
{
	switch (cp) {
	case 0x5341: return 1;	/* 十 */
	case 0x767E: return 2;	/* 百 */
	case 0x5343: return 3;	/* 千 */
	case 0x4E07: return 4;	/* 万 */
	case 0x4EBF: return 8;	/* 亿 */
	default: return 0;
	}
}

static int cn_digit(uint32_t cp)
{
	switch (cp) {
	case 0x3007: case 0x96F6: return 0;	/* 〇 零 */
	case 0x4E00: return 1;			/* 一 */
	case 0x4E8C: case 0x4E24: return 2;	/* 二 两 */
	case 0x4E09: return 3;
	case 0x56DB: return 4;
	case 0x4E94: return 5;
	case 0x516D: return 6;
	case 0x4E03: return 7;
	case 0x516B: return 8;
	case 0x4E5D: return 9;
	default: return -1;
	}
}

/* Units that begin with a magnitude character: 千伏 is not 千 + 伏. */
static const char32_t *const mag_led_units[] = {
	U"千伏", U"千瓦", U"千米", U"千克", U"百分点", U"百分比", U"千方百计", U"千家万户",
};

static bool mag_led_unit_at(const struct tscan *s, size_t i)
{
	return ts_match_any(s, i, mag_led_units,
			    sizeof(mag_led_units) / sizeof(mag_led_units[0]), NULL) > 0;
}

static bool is_more(uint32_t cp)
{
	return cp == 0x4F59 || cp == 0x591A;	/* 余 多 */
}

bool num_starts_at(const struct tscan *s, size_t i)
{
	uint32_t cp = ts_cp(s, i);

	if (ts_is_digit(cp))
		return true;
	if (cp < 0x3007 || !ts_is_cn_numeral(cp))
		return false;
	if (ts_match(s, i, U"百分之")) {
		uint32_t nx = ts_cp(s, i + 3);
		return ts_is_digit(nx) || cn_digit(nx) >= 0 || nx == 0x5341;
	}
	return ts_is_cn_numeral(cp) && !mag_led_unit_at(s, i);
}

/* Magnitude words and 余/多 after a figure ending at k; returns the new end. */
static size_t read_magnitude(const struct tscan *s, size_t k, struct num *out)
{
	size_t j = ts_skip_space(s, k), end = k;

	if (is_more(ts_cp(s, j)) && j + 1 <= s->n) {
		out->more = true;
		end = ++j;
	}
	for (;;) {
		uint32_t cp = ts_cp(s, j);
		int m = magnitude_of(cp);

		if (!m || mag_led_unit_at(s, j))
			break;
		/* 十 after Arabic digits only as 十万 / 十亿 */
		if (m == 1 && magnitude_of(ts_cp(s, j + 1)) < 4)
			break;
		out->mag_exp += m;
		end = ++j;
	}
	if (end > k && is_more(ts_cp(s, j))) {
		out->more = true;
		end = ++j;
	}
	return end;
}

static int parse_arabic(const struct tscan *s, size_t i, struct num *out)
{
	uint64_t mant = 0;
	int exp = 0, sig = 0;
	size_t k = i, digits = 0, run = 0;
	bool frac = false;

	for (;;) {
		uint32_t cp = ts_cp(s, k);

		if (ts_is_digit(cp)) {
			unsigned d = cp - '0';

			digits++;
			run++;
			if (sig < MAX_SIG) {
				mant = mant * 10 + d;
				if (mant)
					sig++;
				if (frac)
					exp--;
			} else if (!frac) {
				exp++;
			}
			k++;
		} else if (cp == ',' && !frac && run >= 1 && run <= 3 &&
			   ts_is_digit(ts_cp(s, k + 1)) && ts_is_digit(ts_cp(s, k + 2)) &&
			   ts_is_digit(ts_cp(s, k + 3)) && !ts_is_digit(ts_cp(s, k + 4))) {
			run = 0;
			k++;
		} else if (cp == '.' && !frac && ts_is_digit(ts_cp(s, k + 1))) {
			frac = true;
			k++;
		} else {
			break;
		}
	}
	out->arabic = true;
	out->end = k;
	if (digits > MAX_DIGITS)
		return -1;
	out->end = read_magnitude(s, k, out);
	out->value = scale10(mant, exp + out->mag_exp);
	return 0;
}

static int parse_chinese(const struct tscan *s, size_t i, struct num *out)
{
	double result = 0, section = 0;
	int number = -1, last_small = 100000;
	bool prev_digit = false, bad = false;
	size_t k = i;

	while (k < s->n && ts_is_cn_numeral(s->c[k].cp) && !(s->c[k].flags & TS_QUOTED)) {
		uint32_t cp = s->c[k].cp;
		int d = cn_digit(cp), m = magnitude_of(cp);

		if (k > i && mag_led_unit_at(s, k))
			break;
		if (d == 0) {
			if (prev_digit)
				bad = true;	/* 二〇二二: a year read digit by digit */
		} else if (d > 0) {
			if (prev_digit)
				bad = true;	/* 十四五, 一二: labels, not amounts */
			number = d;
			prev_digit = true;
		} else if (m >= 1 && m <= 3) {
			int u = m == 1 ? 10 : m == 2 ? 100 : 1000;

			if (u >= last_small)
				bad = true;	/* 十百千万 */
			section += (number < 0 ? 1 : number) * (double)u;
			number = -1;
			last_small = u;
			prev_digit = false;
		} else if (m == 4) {
			double v = section + (number < 0 ? 0 : number);

			result += (v == 0 ? 1 : v) * 1e4;
			section = 0;
			number = -1;
			last_small = 100000;
			prev_digit = false;
		} else {	/* 亿 */
			double v = result + section + (number < 0 ? 0 : number);

			result = (v == 0 ? 1 : v) * 1e8;
			section = 0;
			number = -1;
			last_small = 100000;
			prev_digit = false;
		}
		if (result > NUM_MAX)
			bad = true;
		k++;
	}
	out->end = k;
	if (k == i || bad)
		return -1;
	out->value = result + section + (number < 0 ? 0 : number);
	{
		uint32_t c0 = s->c[i].cp;
		out->mag_only = magnitude_of(c0) >= 2;
	}
	/* 十几个, 几十万: vague */
	if (ts_cp(s, k) == 0x51E0)	/* 几 */
		return -1;
	if (is_more(ts_cp(s, k))) {
		out->more = true;
		out->end = ++k;
		/* 三十多万 */
		while (magnitude_of(ts_cp(s, k)) >= 4) {
			out->value *= magnitude_of(ts_cp(s, k)) == 4 ? 1e4 : 1e8;
			out->end = ++k;
		}
	}
	return 0;
}

int num_parse(const struct tscan *s, size_t i, struct num *out)
{
	int r;

	out->start = i;
	out->end = i + 1;
	out->value = 0;
	out->mag_exp = 0;
	out->arabic = out->mag_only = out->percent = out->more = false;
	if (i >= s->n)
		return -1;
	if (ts_match(s, i, U"百分之") && num_starts_at(s, i)) {
		r = ts_is_digit(ts_cp(s, i + 3)) ? parse_arabic(s, i + 3, out)
						 : parse_chinese(s, i + 3, out);
		out->start = i;
		out->percent = true;
		out->mag_only = false;
	} else if (ts_is_digit(s->c[i].cp)) {
		r = parse_arabic(s, i, out);
	} else if (ts_is_cn_numeral(s->c[i].cp)) {
		r = parse_chinese(s, i, out);
	} else {
		return -1;
	}
	if (r < 0)
		return -1;
	if (!isfinite(out->value) || out->value > NUM_MAX || out->value < 0)
		return -1;
	return 0;
}

static const struct unit_def units[] = {
	/* percentages */
	{ U"%", "%", UNIT_PERCENT }, { U"‰", "‰", UNIT_PERCENT },
	{ U"个百分点", "个百分点", UNIT_PERCENT }, { U"百分点", "个百分点", UNIT_PERCENT },
	/* names, not amounts */
	{ U"千伏", "千伏", UNIT_LABEL }, { U"kV", "kV", UNIT_LABEL }, { U"KV", "KV", UNIT_LABEL },
	/* money */
	{ U"元", "元", UNIT_MEASURE }, { U"美元", "美元", UNIT_MEASURE },
	{ U"欧元", "欧元", UNIT_MEASURE }, { U"港元", "港元", UNIT_MEASURE },
	/* area, length, volume, weight, energy */
	{ U"平方公里", "平方公里", UNIT_MEASURE }, { U"平方千米", "平方千米", UNIT_MEASURE },
	{ U"平方米", "平方米", UNIT_MEASURE }, { U"立方米", "立方米", UNIT_MEASURE },
	{ U"公顷", "公顷", UNIT_MEASURE }, { U"亩", "亩", UNIT_MEASURE },
	{ U"公里", "公里", UNIT_MEASURE }, { U"千米", "千米", UNIT_MEASURE },
	{ U"米", "米", UNIT_MEASURE }, { U"延米", "延米", UNIT_MEASURE },
	{ U"km", "km", UNIT_MEASURE }, { U"方", "方", UNIT_MEASURE },
	{ U"吨", "吨", UNIT_MEASURE }, { U"吨标准煤", "吨标准煤", UNIT_MEASURE },
	{ U"吨标煤", "吨标煤", UNIT_MEASURE }, { U"千克", "千克", UNIT_MEASURE },
	{ U"公斤", "公斤", UNIT_MEASURE }, { U"斤", "斤", UNIT_MEASURE },
	{ U"千瓦", "千瓦", UNIT_MEASURE }, { U"千瓦时", "千瓦时", UNIT_MEASURE },
	{ U"兆瓦", "兆瓦", UNIT_MEASURE }, { U"kW", "kW", UNIT_MEASURE },
	{ U"kWh", "kWh", UNIT_MEASURE }, { U"MW", "MW", UNIT_MEASURE },
	{ U"GW", "GW", UNIT_MEASURE }, { U"标箱", "标箱", UNIT_MEASURE },
	{ U"微克/立方米", "微克/立方米", UNIT_MEASURE },
	/* time */
	{ U"天", "天", UNIT_MEASURE }, { U"小时", "小时", UNIT_MEASURE },
	{ U"分钟", "分钟", UNIT_MEASURE }, { U"个月", "个月", UNIT_MEASURE },
	{ U"个工作日", "个工作日", UNIT_MEASURE }, { U"工作日", "工作日", UNIT_MEASURE },
	{ U"周", "周", UNIT_MEASURE }, { U"岁", "岁", UNIT_MEASURE },
	{ U"倍", "倍", UNIT_MEASURE },
	/* people and counted things */
	{ U"人", "人", UNIT_COUNT }, { U"人次", "人次", UNIT_COUNT },
	{ U"人口", "人", UNIT_COUNT }, { U"名", "名", UNIT_COUNT },
	{ U"位", "位", UNIT_COUNT }, { U"户", "户", UNIT_COUNT },
	{ U"户次", "户次", UNIT_COUNT }, { U"家", "家", UNIT_COUNT },
	{ U"家次", "家次", UNIT_COUNT }, { U"个", "个", UNIT_COUNT },
	{ U"所", "所", UNIT_COUNT }, { U"座", "座", UNIT_COUNT },
	{ U"栋", "栋", UNIT_COUNT }, { U"幢", "幢", UNIT_COUNT },
	{ U"间", "间", UNIT_COUNT }, { U"套", "套", UNIT_COUNT },
	{ U"台", "台", UNIT_COUNT }, { U"辆", "辆", UNIT_COUNT },
	{ U"艘", "艘", UNIT_COUNT }, { U"架", "架", UNIT_COUNT },
	{ U"架次", "架次", UNIT_COUNT }, { U"车次", "车次", UNIT_COUNT },
	{ U"条", "条", UNIT_COUNT }, { U"处", "处", UNIT_COUNT },
	{ U"项", "项", UNIT_COUNT }, { U"件", "件", UNIT_COUNT },
	{ U"宗", "宗", UNIT_COUNT }, { U"笔", "笔", UNIT_COUNT },
	{ U"场", "场", UNIT_COUNT }, { U"场次", "场次", UNIT_COUNT },
	{ U"次", "次", UNIT_COUNT }, { U"批次", "批次", UNIT_COUNT },
	{ U"班次", "班次", UNIT_COUNT }, { U"张", "张", UNIT_COUNT },
	{ U"床", "床", UNIT_COUNT }, { U"篇", "篇", UNIT_COUNT },
	{ U"部", "部", UNIT_COUNT }, { U"本", "本", UNIT_COUNT },
	{ U"册", "册", UNIT_COUNT }, { U"份", "份", UNIT_COUNT },
	{ U"支", "支", UNIT_COUNT }, { U"队", "队", UNIT_COUNT },
	{ U"组", "组", UNIT_COUNT }, { U"头", "头", UNIT_COUNT },
	{ U"只", "只", UNIT_COUNT }, { U"羽", "羽", UNIT_COUNT },
	{ U"株", "株", UNIT_COUNT }, { U"棵", "棵", UNIT_COUNT },
	{ U"根", "根", UNIT_COUNT }, { U"盏", "盏", UNIT_COUNT },
	{ U"块", "块", UNIT_COUNT }, { U"口", "口", UNIT_COUNT },
	{ U"眼", "眼", UNIT_COUNT }, { U"趟", "趟", UNIT_COUNT },
	{ U"列", "列", UNIT_COUNT }, { U"箱", "箱", UNIT_COUNT },
	{ U"单", "单", UNIT_COUNT }, { U"款", "款", UNIT_COUNT },
	{ U"种", "种", UNIT_COUNT }, { U"门", "门", UNIT_COUNT },
	{ U"期", "期", UNIT_COUNT }, { U"起", "起", UNIT_COUNT },
	{ U"台套", "台套", UNIT_COUNT }, { U"尾", "尾", UNIT_COUNT },
	{ U"学时", "学时", UNIT_MEASURE }, { U"课时", "课时", UNIT_MEASURE },
	{ U"分", "分", UNIT_MEASURE }, { U"度", "度", UNIT_MEASURE },
	{ U"立方", "立方", UNIT_MEASURE }, { U"标准箱", "标准箱", UNIT_MEASURE },
};

const struct unit_def *unit_match(const struct tscan *s, size_t i, size_t *len)
{
	const struct unit_def *best = NULL;
	size_t bl = 0;

	uint32_t c0 = ts_cp(s, i);

	for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
		size_t m;

		if (units[u].word[0] != c0)
			continue;
		m = ts_match(s, i, units[u].word);

		if (m > bl) {
			bl = m;
			best = &units[u];
		}
	}
	if (best && ts_is_alpha((uint32_t)best->word[0]) && ts_is_alpha(ts_cp(s, i + bl)))
		best = NULL;	/* "km" is a unit, "kmh" something else */
	*len = best ? bl : 0;
	return best;
}
