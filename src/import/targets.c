/* Finding measurable targets in a task's text and naming the indicator each measures. */
#include "import/targets.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "import/numbers.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- word lists ------------------------------------------------------- */

/* Comparison words written just before the figure. */
static const char32_t *const pre_approx[] = { U"约", U"大约", U"约为", U"近" };
static const char32_t *const pre_ge[] = {
	U"不少于", U"不低于", U"不小于", U"至少", U"最少", U"超过", U"突破", U"高于", U"多于", U"逾", U"超",
};
static const char32_t *const pre_le[] = {
	U"不超过", U"不高于", U"不大于", U"低于", U"少于", U"控制在", U"稳控在", U"控制到", U"控制为",
};
/* Comparison words that may stand further before the figure: 至少确立1个. */
static const char32_t *const remote_ge[] = { U"至少", U"不少于", U"不低于", U"最少" };
static const char32_t *const remote_le[] = { U"不超过", U"不高于" };

/* Stripped from the start of a metric. */
static const char32_t *const lead_fillers[] = {
	U"力争", U"确保", U"努力", U"争取", U"保证", U"力保", U"全力", U"其中", U"同时", U"并且", U"并",
	U"要", U"对", U"在", U"将", U"把", U"使", U"让", U"共", U"累计达到", U"、", U"和", U"一是", U"二是",
	U"三是", U"四是", U"五是", U"六是", U"七是", U"八是", U"九是", U"十是", U"首先", U"其次",
	U"同比", U"比上年", U"较上年", U"比去年", U"较去年",
};
/* Indicator names: several of them may share one level (A率、B率达到85%). */
static const char32_t *const indicator_ends[] = {
	U"率", U"比重", U"占比", U"比例", U"指数", U"强度",
};
/* A predicate that needs its subject from the figure before: 总额500亿元，增长7%. */
static const char32_t *const growth_words[] = {
	U"增长", U"下降", U"提高", U"降低", U"增加", U"减少", U"同比增长", U"年均增长", U"增速",
};
/* Stripped from the end of a metric (the comparison or copula before the figure). */
static const char32_t *const tail_words[] = {
	U"达到", U"达", U"为", U"约为", U"约", U"大约", U"在", U"到", U"至", U"控制在", U"稳控在",
	U"稳定在", U"保持在", U"维持在", U"不少于", U"不低于", U"不小于", U"不超过", U"不高于",
	U"不大于", U"至少", U"最少", U"超过", U"突破", U"高于", U"低于", U"多于", U"少于", U"逾", U"超",
	U"近", U"分别", U"的", U"共", U"共计", U"合计", U"总计", U"、", U"和", U"均", U"全部",
};
/* A number after these is a resource or a scope, not a goal: 依托11万志愿者. */
static const char32_t *const scope_words[] = {
	U"依托", U"借助", U"依靠", U"凭借", U"基于", U"围绕", U"聚焦", U"突出", U"紧扣", U"紧盯", U"针对", U"面向",
};
/* Verbs that open a predicate; a list continuation borrows its neighbour's. */
static const char32_t *const verbs[] = {
	U"新建", U"新增", U"新培育", U"新认定", U"新引进", U"新开工", U"新改建", U"改扩建", U"新改扩建",
	U"建成投产", U"建成", U"建设", U"开工建设", U"开工", U"完成", U"实现", U"实施", U"开发", U"培育",
	U"认定", U"引进", U"发放", U"组织", U"举办", U"开展", U"改造提升", U"改造", U"提升", U"打造",
	U"创建", U"建立", U"稳定", U"巩固", U"发展", U"治理", U"转化", U"选育", U"吸纳", U"利用", U"遴选",
	U"确立", U"贯通", U"收储", U"推出", U"培训", U"争创", U"创成", U"申报", U"开通", U"开行", U"种植",
	U"接种", U"安置", U"救助", U"帮扶", U"资助", U"消除", U"整治", U"清理", U"排查", U"查处", U"办结",
	U"签约", U"招引", U"落地", U"统筹", U"突出", U"扶持", U"支持", U"落实", U"推广", U"评选", U"出栏",
	U"培养", U"招聘", U"招录", U"硬化", U"修建", U"改建", U"扩建", U"续建", U"启动", U"推进", U"推动",
	U"引育", U"孵化", U"新签约", U"新上", U"创成", U"命名", U"设立", U"组建", U"成立", U"新设",
	U"植树", U"造林", U"完成投资", U"新开", U"建设完成", U"培树", U"选树", U"上线", U"开放",
	U"惠及", U"带动", U"覆盖", U"接待", U"转移", U"扶持", U"新培训", U"筹集", U"争取",
	U"落实", U"兑现", U"减免", U"减税降费", U"发放", U"拨付", U"投入", U"融资", U"招引",
};
/* Where a counted object ends and a new predicate begins: 323个市级重点项目|完成投资. */
static const char32_t *const cut_words[] = {
	U"完成", U"实现", U"达到", U"探索", U"开展", U"推进", U"推动", U"建设", U"开工", U"建成", U"投产",
	U"增长", U"下降", U"总投资", U"覆盖", U"带动", U"惠及", U"吸纳", U"提供", U"用于", U"重点培育",
};
/* Words naming the measure of a threshold: 投资千万元以上企业. */
static const char32_t *const attr_words[] = {
	U"总投资", U"投资额", U"投资", U"年产值", U"产值", U"年营业收入", U"营业收入", U"年营收", U"营收",
	U"年销售收入", U"销售收入", U"年销售额", U"销售额", U"主营业务收入", U"年主营业务收入", U"规模",
	U"面积", U"建筑面积", U"占地面积", U"占地", U"人口", U"年纳税", U"纳税", U"税收", U"单体", U"单笔",
	U"用工", U"年用工", U"营收增长", U"年营收增长", U"营业收入增长", U"产值增长", U"增速",
};
/* A figure after these is a goal value, not a threshold: 达到85%以上水平. */
static const char32_t *const goal_verbs_back[] = {
	U"达到", U"达", U"增长", U"下降", U"提高", U"提升", U"降低", U"保持", U"稳定在", U"保持在", U"实现",
	U"完成", U"不少于", U"不低于", U"至少", U"超过", U"突破", U"到", U"至",
};
/* Verbs that make a small Chinese numeral a count: 新建两个产业园. */
static const char32_t *const quantity_verbs[] = {
	U"新建", U"新增", U"建成", U"建设", U"创建", U"打造", U"培育", U"引进", U"新开", U"开通", U"开工",
	U"改造", U"认定", U"举办", U"召开", U"争创", U"创成", U"确立", U"建立", U"设立", U"组建", U"新设",
	U"成立", U"命名", U"评选", U"扶持", U"完成", U"办好", U"新上", U"落地", U"招引", U"引育", U"入驻",
	U"开设", U"新培育", U"新认定", U"新引进",
};
/* Objects that make a counted Chinese numeral a name: 六项安居措施, 四个意识. */
static const char32_t *const abstract_nouns[] = {
	U"措施", U"举措", U"机制", U"制度", U"任务", U"要求", U"原则", U"行动", U"工程", U"政策", U"改革",
	U"意见", U"规定", U"意识", U"自信", U"维护", U"确立", U"方面", U"重点", U"战略", U"理念", U"体系",
	U"保障", U"清单", U"专班", U"必须", U"不摘", U"服从",
};
static const char32_t *const connectors[] = { U"以及", U"和", U"与", U"及", U"并", U"或", U"、" };

static bool cp_is_connector(const struct tscan *s, size_t i, size_t *len)
{
	*len = ts_match_any(s, i, connectors, ARRAY_LEN(connectors), NULL);
	return *len > 0;
}

/* ---- code point buffers for metrics ------------------------------------ */

#define CB_MAX 160
#define PREFIX_MAX 40	/* characters of predicate kept before a figure */
#define NOUN_MAX 20	/* characters of counted object kept after it */

struct cbuf {
	uint32_t v[CB_MAX];
	size_t n;
};

/* Copy a UTF-32 word into out (at most max characters); its length. */
static size_t wcopy(const char32_t *w, uint32_t *out, size_t max)
{
	size_t n = 0;

	while (w[n] && n < max) {
		out[n] = w[n];
		n++;
	}
	return n;
}

static size_t cb_match(const struct cbuf *b, size_t at, const char32_t *w)
{
	size_t k = 0;

	while (w[k]) {
		if (at + k >= b->n || b->v[at + k] != w[k])
			return 0;
		k++;
	}
	return k;
}

static size_t cb_match_any(const struct cbuf *b, size_t at, const char32_t *const *ws, size_t nw)
{
	size_t best = 0;

	if (at >= b->n)
		return 0;
	for (size_t k = 0; k < nw; k++) {
		size_t m;

		if (ws[k][0] != b->v[at])
			continue;
		m = cb_match(b, at, ws[k]);
		if (m > best)
			best = m;
	}
	return best;
}

static size_t cb_match_any_back(const struct cbuf *b, const char32_t *const *ws, size_t nw)
{
	size_t best = 0;

	for (size_t k = 0; k < nw; k++) {
		size_t wn = ts_wlen(ws[k]);

		if (wn > best && wn <= b->n && cb_match(b, b->n - wn, ws[k]) == wn)
			best = wn;
	}
	return best;
}

/* Position of the first occurrence of w, or -1. */
static long cb_find(const struct cbuf *b, const char32_t *w)
{
	for (size_t i = 0; i < b->n; i++)
		if (cb_match(b, i, w))
			return (long)i;
	return -1;
}

static void cb_erase(struct cbuf *b, size_t at, size_t k)
{
	if (at >= b->n)
		return;
	if (at + k > b->n)
		k = b->n - at;
	memmove(b->v + at, b->v + at + k, (b->n - at - k) * sizeof(b->v[0]));
	b->n -= k;
}

static void cb_push(struct cbuf *b, uint32_t cp)
{
	if (b->n < CB_MAX)
		b->v[b->n++] = cp;
}

static void cb_append(struct cbuf *b, const struct cbuf *o, size_t from, size_t to)
{
	for (size_t i = from; i < to && i < o->n; i++)
		cb_push(b, o->v[i]);
}

static void cb_prepend(struct cbuf *b, const uint32_t *v, size_t n)
{
	if (n + b->n > CB_MAX)
		n = CB_MAX - b->n;
	memmove(b->v + n, b->v, b->n * sizeof(b->v[0]));
	memcpy(b->v, v, n * sizeof(b->v[0]));
	b->n += n;
}

/* Characters of [a, e) without spaces and without the marks in `skip`. */
static void cb_add_span(struct cbuf *b, const struct tscan *s, size_t a, size_t e, uint8_t skip)
{
	for (size_t i = a; i < e && i < s->n; i++) {
		uint32_t cp = s->c[i].cp;

		if ((s->c[i].flags & skip) || ts_is_space(cp))
			continue;
		/* quotation marks and title marks are not part of a metric */
		if (cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == '"' ||
		    cp == 0x300A || cp == 0x300B || cp == 0x300C || cp == 0x300D || cp == 0x300E ||
		    cp == 0x300F)
			continue;
		cb_push(b, cp);
	}
}

static char *cb_utf8(const struct cbuf *b, struct arena *a)
{
	char *out = arena_alloc(a, b->n * 4 + 1), *p = out;

	for (size_t i = 0; i < b->n; i++)
		p += utf8_encode(b->v[i], p);
	*p = '\0';
	return out;
}

/* ---- candidates ------------------------------------------------------- */

enum ckind { K_TARGET, K_QUAL, K_BARE };

struct cand {
	enum ckind kind;
	size_t num_start, pre_start, end, unit_end;
	double value, max;
	const char *unit;
	enum target_cmp cmp;
	bool cmp_suffix;	/* the comparison came after the figure */
	bool thr;		/* 以上 / 以下 / 量级 / 级 after the figure */
	bool thr_noun;		/* ... and a noun after it, after a goal verb */
	bool small_cn;		/* a Chinese numeral below ten */
	size_t cs, ce;		/* its clause */
	size_t qual_start;	/* K_QUAL: with its attribute word */
	long owner;		/* K_QUAL: the target it qualifies */
	/* K_TARGET */
	size_t seg_start, noun_start, noun_end, noun_cut;
	long subject;		/* a counted subject just before: 323个…完成投资 */
	long group;		/* first member of its tight group (7%和8.5%) */
	long qual;		/* first qualifier attached */
	long next;		/* the next target after it, -1 if none */
	bool cont;		/* continues a list: 、10个日间照料中心 */
	bool scope;		/* a resource or scope, dropped */
	bool reach;		/* its object runs into the next target */
	uint32_t verb[12];	/* the verb head a continuation may borrow */
	size_t nverb;
};

struct cands {
	struct cand *v;
	size_t n, alloc;
	struct cand inl[24];
};

static struct cand *cands_push(struct cands *cs)
{
	if (cs->n == cs->alloc) {
		size_t na = cs->alloc * 2;

		if (cs->v == cs->inl) {
			struct cand *nv = xreallocarray(NULL, na, sizeof(*nv));
			memcpy(nv, cs->inl, cs->n * sizeof(*nv));
			cs->v = nv;
		} else {
			cs->v = xreallocarray(cs->v, na, sizeof(*cs->v));
		}
		cs->alloc = na;
	}
	memset(&cs->v[cs->n], 0, sizeof(cs->v[0]));
	return &cs->v[cs->n++];
}

static bool is_label_prev(const struct tscan *s, size_t i, const struct num *nm)
{
	uint32_t p = i > 0 ? s->c[i - 1].cp : 0, pp = i > 1 ? s->c[i - 2].cp : 0;

	if (ts_is_alpha(p) || ts_is_digit(p) || p == '+' || p == '#' || p == '/' || p == '_' ||
	    p == '.' || p == '&')
		return true;
	if (p == '-' && (ts_is_alpha(pp) || ts_is_digit(pp)))
		return true;
	switch (p) {
	case 0x7B2C: /* 第 */ case 0x6BCF: /* 每 */ case 0x6570: /* 数 */ case 0x51E0: /* 几 */
		return true;
	case 0x524D: /* 前: 前三, 前10名, but 提前2天 */
		return pp != 0x63D0;
	case 0x4E0A: /* 上万 */ case 0x6210: /* 成千 */ case 0x8FD1: /* 近万 */ case 0x903E: /* 逾 */
		return nm->mag_only;
	default:
		return false;
	}
}

/* The clause [*cs, *ce) around i: delimiters outside quotations end it. */
static void clause_of(const struct tscan *s, size_t i, size_t *cs, size_t *ce)
{
	size_t a = i, e = i;

	while (a > 0 && !(ts_is_delim(s->c[a - 1].cp) && !(s->c[a - 1].flags & TS_QUOTED)))
		a--;
	while (e < s->n && !(ts_is_delim(s->c[e].cp) && !(s->c[e].flags & TS_QUOTED)))
		e++;
	*cs = a;
	*ce = e;
}

static bool is_han_noun_start(const struct tscan *s, size_t i)
{
	size_t len;
	uint32_t cp = ts_cp(s, i);

	if (!ts_is_han(cp) && cp != 0x201C && cp != 0x300A)
		return false;
	if (cp_is_connector(s, i, &len))
		return false;
	return true;
}

static bool is_time_unit(const char *u)
{
	return !strcmp(u, "分钟") || !strcmp(u, "小时") || !strcmp(u, "天") || !strcmp(u, "周") ||
	       !strcmp(u, "个月") || !strcmp(u, "岁") || !strcmp(u, "个工作日") ||
	       !strcmp(u, "工作日");
}

/* A figure at i: fill c (kind and all) and return 0, or -1 if it is no candidate. */
static int read_candidate(const struct tscan *s, size_t i, size_t cs, struct cand *c,
			  size_t *resume)
{
	struct num nm, n2;
	const struct unit_def *u = NULL;
	size_t k, ul = 0, m, which = 0;

	if (num_parse(s, i, &nm) < 0) {
		*resume = nm.end > i ? nm.end : i + 1;
		return -1;
	}
	*resume = nm.end;
	if (is_label_prev(s, i, &nm))
		return -1;
	c->num_start = i;
	c->value = nm.value;
	c->max = 0;
	c->cmp = TARGET_EQ;
	c->small_cn = !nm.arabic && !nm.percent && nm.value < 10;

	k = ts_skip_space(s, nm.end);
	if (nm.percent) {
		c->unit = "%";
		c->unit_end = nm.end;
	} else {
		u = unit_match(s, k, &ul);
		if (u && u->kind == UNIT_LABEL)
			return -1;	/* 750 千伏: a name */
		if (!u && (ts_is_alpha(ts_cp(s, k)) || ts_cp(s, k) == '+' ||
			   ts_cp(s, k) == '#' || ts_cp(s, k) == '/' || ts_cp(s, k) == '&'))
			return -1;	/* 4A, 5G, 11+7, 1e400 */
		c->unit = u ? u->unit : NULL;
		c->unit_end = u ? k + ul : nm.end;
		if (c->small_cn && (!u || u->kind != UNIT_COUNT))
			return -1;
	}
	/* list numbering: "1." "1、" "（1）" at the start of a clause */
	if (!u && !nm.percent && ts_skip_space(s, cs) == i &&
	    (ts_cp(s, nm.end) == '.' || ts_cp(s, nm.end) == 0x3001 || ts_cp(s, nm.end) == ')' ||
	     ts_cp(s, nm.end) == 0xFF09))
		return -1;
	if (nm.more)
		c->cmp = TARGET_GE;

	/* a range: 3至5个, 3-5个, 1～2万亩 */
	k = ts_skip_space(s, c->unit_end);
	{
		uint32_t r = ts_cp(s, k);

		if ((r == 0x81F3 || r == 0x5230 || r == '-' || r == '~' || r == 0x2014 ||
		     r == 0x2013) && !(s->c[k].flags & (TS_TIME | TS_QUOTED))) {
			size_t k2 = ts_skip_space(s, k + 1);

			if (k2 < s->n && !(s->c[k2].flags & (TS_TIME | TS_QUOTED)) &&
			    num_starts_at(s, k2) && num_parse(s, k2, &n2) == 0 &&
			    (nm.arabic == n2.arabic)) {
				size_t k3 = ts_skip_space(s, n2.end), ul2 = 0;
				const struct unit_def *u2 = unit_match(s, k3, &ul2);

				double lo = c->value, hi = n2.value;

				if (nm.arabic && nm.mag_exp == 0 && n2.mag_exp > 0 && !u)
					lo *= pow(10.0, n2.mag_exp);
				if ((u2 || u) && !(u2 && u2->kind == UNIT_LABEL) &&
				    (!u || !u2 || !strcmp(u->unit, u2->unit)) && isfinite(lo) &&
				    lo <= NUM_MAX) {
					if (lo > hi) {
						double t = lo;
						lo = hi;
						hi = t;
					}
					if (!c->unit)
						c->unit = u2->unit;
					c->unit_end = u2 ? k3 + ul2 : n2.end;
					c->value = lo;
					if (hi > lo) {
						c->max = hi;
						c->cmp = TARGET_RANGE;
					}
					c->small_cn = false;
				}
			}
		}
	}

	/* comparison and threshold words after the figure */
	k = ts_skip_space(s, c->unit_end);
	c->end = c->unit_end;
	if ((m = ts_match(s, k, U"左右"))) {
		c->cmp = TARGET_APPROX;
		c->cmp_suffix = true;
		c->end = k + m;
	} else if ((m = ts_match(s, k, U"上下")) &&
		   (k + m >= s->n || ts_is_delim(ts_cp(s, k + m)) || ts_is_space(ts_cp(s, k + m)))) {
		c->cmp = TARGET_APPROX;
		c->cmp_suffix = true;
		c->end = k + m;
	} else if ((m = ts_match(s, k, U"及以上")) || (m = ts_match(s, k, U"以上"))) {
		c->cmp = c->cmp == TARGET_RANGE ? TARGET_RANGE : TARGET_GE;
		c->cmp_suffix = true;
		c->thr = true;
		c->end = k + m;
	} else if ((m = ts_match(s, k, U"及以下")) || (m = ts_match(s, k, U"以下")) ||
		   (m = ts_match(s, k, U"以内")) || (m = ts_match(s, k, U"之内"))) {
		c->cmp = c->cmp == TARGET_RANGE ? TARGET_RANGE : TARGET_LE;
		c->cmp_suffix = true;
		c->thr = true;
		c->end = k + m;
	} else if (c->unit && ((m = ts_match(s, k, U"量级")) || (m = ts_match(s, k, U"级")))) {
		c->thr = true;
		c->end = k + m;
	} else if (c->unit && is_time_unit(c->unit) && (m = ts_match(s, k, U"内"))) {
		/* 3个月内完成整改: a time limit */
		c->cmp = c->cmp == TARGET_RANGE ? TARGET_RANGE : TARGET_LE;
		c->cmp_suffix = true;
		c->end = k + m;
	}

	/* comparison words before the figure */
	c->pre_start = i;
	{
		size_t p = ts_skip_space_back(s, cs, i);
		size_t ml = ts_match_any_back(s, p, pre_le, ARRAY_LEN(pre_le), &which);
		size_t mg = ts_match_any_back(s, p, pre_ge, ARRAY_LEN(pre_ge), &which);
		size_t ma = ts_match_any_back(s, p, pre_approx, ARRAY_LEN(pre_approx), &which);
		enum target_cmp pc = TARGET_EQ;

		/* the longest word wins: 不少于 is ge although it ends in 少于 */
		m = 0;
		if (ml > m) {
			m = ml;
			pc = TARGET_LE;
		}
		if (mg > m) {
			m = mg;
			pc = TARGET_GE;
		}
		if (ma > m) {
			m = ma;
			pc = TARGET_APPROX;
		}
		if (m) {
			if (!c->cmp_suffix && c->cmp != TARGET_RANGE)
				c->cmp = pc;
			c->pre_start = p - m;
		}
	}

	if (!c->unit && !nm.percent && ((m = ts_match(s, c->unit_end, U"量级")) ||
					(m = ts_match(s, c->unit_end, U"级"))) &&
	    is_han_noun_start(s, c->unit_end + m)) {
		/* 千亿级产业集群: a scale qualifying the object */
		c->kind = K_QUAL;
		c->end = c->unit_end + m;
		c->qual_start = c->pre_start;
		c->owner = -1;
		*resume = c->end;
		return 0;
	}
	/* 新增就业1.2万: an amount whose unit is left out */
	if (!c->unit && nm.arabic && nm.mag_exp >= 4 && !nm.percent &&
	    (c->end >= s->n || ts_is_delim(ts_cp(s, ts_skip_space(s, c->end))) ||
	     ts_skip_space(s, c->end) >= s->n)) {
		c->unit = "";
		c->kind = K_TARGET;
		*resume = c->end;
		return 0;
	}
	if (!c->unit) {
		c->kind = K_BARE;
		return c->small_cn || !nm.arabic ? -1 : 0;
	}

	/* a threshold qualifying the following object: 投资千万元以上企业, 3000人以上小区 */
	if (c->thr && !(c->unit && !strcmp(c->unit, "%") && ts_cp(s, c->end) == 0x7684)) {
		/* (but 90%以上的事项实现网办 is a goal) */
		size_t j = c->end;

		if (ts_cp(s, j) == 0x7684)	/* 的 */
			j++;
		if (is_han_noun_start(s, j)) {
			size_t p = ts_skip_space_back(s, cs, c->pre_start);

			m = ts_match_any_back(s, p, attr_words, ARRAY_LEN(attr_words), NULL);
			c->qual_start = p - m < c->pre_start ? p - m : c->pre_start;
			c->owner = -1;
			if (!ts_match_any_back(s, p, goal_verbs_back, ARRAY_LEN(goal_verbs_back), NULL)) {
				c->kind = K_QUAL;
				*resume = c->end;
				return 0;
			}
			/* 达到85%以上水平 is a goal, unless a figure follows that it qualifies */
			c->thr_noun = true;
		}
	}

	/* 15分钟生活圈, 1小时经济圈, 7天无理由退货: a duration naming a thing */
	if (u && is_time_unit(u->unit) &&
	    c->end == c->unit_end && is_han_noun_start(s, c->end) &&
	    !ts_match_any(s, c->end, verbs, ARRAY_LEN(verbs), NULL) &&
	    !ts_match_any(s, c->end, cut_words, ARRAY_LEN(cut_words), NULL))
		return -1;

	/* 总投资12亿元的产业园, 占地500亩的园区: an attribute of the object */
	if (c->unit && !c->thr && ts_cp(s, c->end) == 0x7684 && is_han_noun_start(s, c->end + 1) &&
	    !ts_match(s, c->end + 1, U"目标") && !ts_match(s, c->end + 1, U"任务") &&
	    !ts_match(s, c->end + 1, U"水平")) {
		size_t p = ts_skip_space_back(s, cs, c->pre_start);

		if ((m = ts_match_any_back(s, p, attr_words, ARRAY_LEN(attr_words), NULL))) {
			c->kind = K_QUAL;
			c->qual_start = p - m;
			c->end++;	/* the 的 goes with it */
			c->owner = -1;
			*resume = c->end;
			return 0;
		}
	}

	/* Chinese numerals: only plain counts and amounts */
	if (!nm.arabic && !nm.percent) {
		size_t len = nm.end - nm.start;

		/* 一县一策, 四清四无, 万企兴万村, 千家万户 */
		if (len == 1 && (ts_is_cn_numeral(ts_cp(s, nm.end + 1)) ||
				 ts_is_cn_numeral(ts_cp(s, nm.end + 2)) ||
				 (i >= 2 && ts_is_cn_numeral(s->c[i - 2].cp)) ||
				 (i >= 3 && ts_is_cn_numeral(s->c[i - 3].cp))))
			return -1;
		if (c->small_cn) {
			size_t p = ts_skip_space_back(s, cs, c->pre_start);

			if (!ts_match_any_back(s, p, quantity_verbs, ARRAY_LEN(quantity_verbs), NULL))
				return -1;
		}
		if (u && u->kind == UNIT_COUNT) {
			size_t j = c->end;

			for (size_t q = 0; q < 8 && j + q < s->n && !ts_is_delim(s->c[j + q].cp); q++)
				if (ts_match_any(s, j + q, abstract_nouns, ARRAY_LEN(abstract_nouns), NULL))
					return -1;
		}
		/* 万元生产总值能耗, 万元GDP: a rate's base, not an amount */
		if (nm.mag_only && (is_han_noun_start(s, c->end) || ts_is_alpha(ts_cp(s, c->end))))
			return -1;
	}
	c->kind = K_TARGET;
	*resume = c->end;
	return 0;
}

/* ---- the extractor ---------------------------------------------------- */

static void find_candidates(struct tscan *s, struct cands *cs)
{
	size_t i = 0, cl_s = 0, cl_e = 0;
	bool have_clause = false;

	while (i < s->n) {
		struct cand c;
		size_t resume;

		uint32_t cp = s->c[i].cp;

		if (!(ts_is_digit(cp) || ts_is_cn_numeral(cp)) ||
		    (s->c[i].flags & (TS_QUOTED | TS_TIME)) || !num_starts_at(s, i)) {
			i++;
			continue;
		}
		if (!have_clause || i >= cl_e) {
			clause_of(s, i, &cl_s, &cl_e);
			have_clause = true;
		}
		memset(&c, 0, sizeof(c));
		if (read_candidate(s, i, cl_s, &c, &resume) == 0) {
			struct cand *nc = cands_push(cs);

			*nc = c;
			nc->cs = cl_s;
			nc->ce = cl_e;
			nc->subject = nc->group = nc->qual = nc->owner = -1;
		}
		i = resume > i ? resume : i + 1;
	}
}

/* Bare figures listed before a figure with a unit take its unit: 分别增长7和8.5个百分点. */
static void resolve_bare(const struct tscan *s, struct cands *cs)
{
	for (size_t x = cs->n; x-- > 0;) {
		struct cand *c = &cs->v[x], *nx;
		size_t k, len;

		if (c->kind != K_BARE || x + 1 >= cs->n)
			continue;
		nx = &cs->v[x + 1];
		if (nx->kind != K_TARGET || nx->cs != c->cs)
			continue;
		k = ts_skip_space(s, c->end);
		while (k < nx->pre_start && cp_is_connector(s, k, &len))
			k = ts_skip_space(s, k + len);
		if (k != nx->pre_start || k == ts_skip_space(s, c->end))
			continue;
		c->kind = K_TARGET;
		c->unit = nx->unit;
	}
}

/* Link each candidate to the next target after it (kinds are settled by now). */
static void link_targets(struct cands *cs)
{
	long nx = -1;

	for (size_t x = cs->n; x-- > 0;) {
		cs->v[x].next = nx;
		if (cs->v[x].kind == K_TARGET)
			nx = (long)x;
	}
}

/* 增长20%以上企业达到50家: a threshold followed by a figure in its clause qualifies it. */
static void demote_thresholds(struct cands *cs)
{
	for (size_t x = 0; x < cs->n; x++) {
		struct cand *c = &cs->v[x];

		if (c->kind != K_TARGET || !c->thr_noun)
			continue;
		for (size_t y = x + 1; y < cs->n && cs->v[y].cs == c->cs; y++) {
			if (cs->v[y].kind == K_TARGET) {
				c->kind = K_QUAL;
				break;
			}
		}
	}
}

static long next_target(const struct cands *cs, size_t x)
{
	return cs->v[x].next;
}

/* The counted object after each target, and how targets chain in a clause. */
static void find_objects(struct tscan *s, struct cands *cs)
{
	for (size_t x = 0; x < cs->n; x++) {
		struct cand *c = &cs->v[x];
		long ny = next_target(cs, x);
		struct cand *nx = ny >= 0 && cs->v[ny].cs == c->cs ? &cs->v[ny] : NULL;
		size_t k, len;

		if (c->kind != K_TARGET)
			continue;
		k = ts_skip_space(s, c->end);
		if (ts_cp(s, k) == 0x7684 && ts_is_han(ts_cp(s, k + 1)))	/* 的 */
			k++;
		c->noun_start = k;
		while (k < c->ce) {
			if (nx && (k == nx->pre_start || k == nx->num_start)) {
				c->reach = true;
				break;
			}
			if (s->c[k].cp == 0x3001 && !(s->c[k].flags & TS_QUOTED))	/* 、 */
				break;
			if (nx && cp_is_connector(s, k, &len) &&
			    ts_skip_space(s, k + len) == nx->pre_start)
				break;
			k++;
		}
		c->noun_end = ts_skip_space_back(s, c->noun_start, k);
		c->noun_cut = c->noun_end;
		/* 90%以上的事项实现网办: after a share the predicate is the indicator */
		for (size_t p = c->noun_start + 1; p < c->noun_end &&
		     (c->reach || strcmp(c->unit, "%")); p++) {
			if (s->c[p].flags & (TS_QUAL | TS_QUOTED))
				continue;
			if (ts_match_any(s, p, cut_words, ARRAY_LEN(cut_words), NULL)) {
				c->noun_cut = p;
				break;
			}
		}
		if (c->reach && nx) {
			nx->subject = (long)x;
			nx->seg_start = c->noun_cut;
		}
	}
}

static void mark_qualifiers(struct tscan *s, const struct cands *cs)
{
	for (size_t x = 0; x < cs->n; x++) {
		const struct cand *q = &cs->v[x];

		if (q->kind == K_QUAL)
			for (size_t k = q->qual_start; k < q->end; k++)
				s->c[k].flags |= TS_QUAL;
	}
}

static void attach_qualifiers(struct cands *cs)
{
	for (size_t x = 0; x < cs->n; x++) {
		struct cand *q = &cs->v[x];

		if (q->kind != K_QUAL)
			continue;
		q->owner = -1;
		/* inside a counted object before it: 10个3000人以上城市居民小区 */
		for (size_t y = x; y-- > 0;) {
			struct cand *t = &cs->v[y];

			if (t->kind == K_TARGET && t->cs == q->cs && t->noun_start <= q->qual_start &&
			    q->qual_start <= t->noun_end) {
				q->owner = (long)y;
				break;
			}
			if (t->kind == K_TARGET)
				break;
		}
		if (q->owner < 0) {
			long y = next_target(cs, x);

			if (y >= 0 && cs->v[y].cs == q->cs)
				q->owner = y;
		}
		if (q->owner >= 0 && cs->v[q->owner].qual < 0)
			cs->v[q->owner].qual = (long)x;
	}
}

/* Where each target's predicate starts; tight groups (7%和8.5%). */
static void find_segments(struct tscan *s, struct cands *cs)
{
	long prev = -1;

	for (size_t x = 0; x < cs->n; x++) {
		struct cand *c = &cs->v[x], *p;
		size_t k, len;
		bool sep = false;

		if (c->kind != K_TARGET)
			continue;
		p = prev >= 0 ? &cs->v[prev] : NULL;
		if (p && p->cs != c->cs)
			p = NULL;
		c->group = (long)x;
		if (c->subject >= 0) {
			/* seg_start set by find_objects */
		} else if (!p) {
			c->seg_start = c->cs;
		} else {
			bool noun = p->noun_end > p->noun_start;

			k = ts_skip_space(s, noun ? p->noun_end : p->end);
			while (k < c->pre_start && cp_is_connector(s, k, &len)) {
				sep = true;
				k = ts_skip_space(s, k + len);
			}
			c->seg_start = k;
			if (!noun && k == c->pre_start && sep)
				c->group = p->group;
			else if (sep)
				c->cont = true;
		}
		prev = (long)x;
	}
}

/* Strip fillers and comparison words; note remote comparisons. */
static void clean_metric(struct cbuf *b, enum target_cmp *cmp)
{
	size_t m;
	long at;
	bool changed = true;

	for (size_t w = 0; w < ARRAY_LEN(remote_ge); w++) {
		if ((at = cb_find(b, remote_ge[w])) >= 0) {
			if (*cmp == TARGET_EQ)
				*cmp = TARGET_GE;
			cb_erase(b, (size_t)at, cb_match(b, (size_t)at, remote_ge[w]));
		}
	}
	for (size_t w = 0; w < ARRAY_LEN(remote_le); w++) {
		if ((at = cb_find(b, remote_le[w])) >= 0) {
			if (*cmp == TARGET_EQ)
				*cmp = TARGET_LE;
			cb_erase(b, (size_t)at, cb_match(b, (size_t)at, remote_le[w]));
		}
	}
	while (changed) {
		changed = false;
		/* list numbering: （3）, (3), 3., 3、, 一、 */
		if (b->n >= 2 && (b->v[0] == 0xFF08 || b->v[0] == '(')) {
			size_t k = 1;

			while (k < b->n && (ts_is_digit(b->v[k]) || ts_is_cn_numeral(b->v[k])))
				k++;
			if (k > 1 && k < b->n && (b->v[k] == 0xFF09 || b->v[k] == ')')) {
				cb_erase(b, 0, k + 1);
				changed = true;
				continue;
			}
		}
		{
			size_t k = 0;

			while (k < b->n && (ts_is_digit(b->v[k]) || ts_is_cn_numeral(b->v[k])))
				k++;
			if (k > 0 && k < b->n && (b->v[k] == '.' || b->v[k] == 0x3001)) {
				cb_erase(b, 0, k + 1);
				changed = true;
				continue;
			}
		}
		/* a base year: 较2020年增长 */
		if (b->n >= 3 && (b->v[0] == 0x8F83 || b->v[0] == 0x6BD4)) {	/* 较 比 */
			size_t k = 1;

			while (k < b->n && ts_is_digit(b->v[k]))
				k++;
			if (k > 1 && k < b->n && b->v[k] == 0x5E74) {	/* 年 */
				cb_erase(b, 0, k + 1);
				changed = true;
				continue;
			}
		}
		if ((m = cb_match_any(b, 0, lead_fillers, ARRAY_LEN(lead_fillers)))) {
			cb_erase(b, 0, m);
			changed = true;
		}
		if (b->n > 2 && cb_match(b, 0, U"实现") && b->n - 2 >= 2) {
			cb_erase(b, 0, 2);
			changed = true;
		}
		if ((m = cb_match_any_back(b, tail_words, ARRAY_LEN(tail_words)))) {
			b->n -= m;
			changed = true;
		}
	}
}

/* The verb head of a predicate (高标准选育, 新建), for continuations to borrow. */
static size_t verb_head(const struct cbuf *b)
{
	for (size_t i = 0; i <= 3 && i < b->n; i++) {
		size_t m = cb_match_any(b, i, verbs, ARRAY_LEN(verbs));
		if (m)
			return i + m;
	}
	return 0;
}

static void split_subjects(const struct cbuf *subj, size_t n, struct cbuf *out)
{
	struct cbuf parts[16];
	size_t np = 0;
	long at;

	for (size_t i = 0; i < n; i++)
		out[i].n = 0;
	if (n == 2 && cb_match(subj, 0, U"城乡")) {
		static const char32_t *const two[] = { U"城镇", U"农村" };

		for (size_t i = 0; i < 2; i++) {
			out[i].n = wcopy(two[i], out[i].v, CB_MAX);
			cb_append(&out[i], subj, 2, subj->n);
		}
		return;
	}
	if (n == 2 && (at = cb_find(subj, U"进出口")) >= 0) {
		static const char32_t *const two[] = { U"进口", U"出口" };

		for (size_t i = 0; i < 2; i++) {
			cb_append(&out[i], subj, 0, (size_t)at);
			out[i].n += wcopy(two[i], out[i].v + out[i].n, CB_MAX - out[i].n);
			cb_append(&out[i], subj, (size_t)at + 3, subj->n);
		}
		return;
	}
	parts[0].n = 0;
	for (size_t i = 0; i < subj->n; i++) {
		size_t m = cb_match_any(subj, i, connectors, ARRAY_LEN(connectors));

		if (m && parts[np].n > 0 && np + 1 < 16) {
			np++;
			parts[np].n = 0;
			i += m - 1;
			continue;
		}
		cb_push(&parts[np], subj->v[i]);
	}
	np++;
	if (np != n) {
		for (size_t i = 0; i < n; i++)
			cb_append(&out[i], subj, 0, subj->n);
		return;
	}
	/*
	 * The last part carries the shared tail: 粮食、蔬菜产量 → 粮食产量.  The
	 * tail starts after a head as long as the first part, or after the
	 * first part's closing category character (工业和服务业增加值 → 工业增加值).
	 */
	for (size_t i = 0; i < n; i++) {
		const struct cbuf *lp = &parts[n - 1];
		size_t from = parts[i].n;

		cb_append(&out[i], &parts[i], 0, parts[i].n);
		if (i + 1 >= n || parts[i].n >= lp->n)
			continue;
		{
			static const char32_t cats[] = U"业口区县镇村品";
			uint32_t last = parts[i].v[parts[i].n - 1];

			for (size_t k = 0; cats[k]; k++) {
				if (cats[k] != last)
					continue;
				for (size_t j = 1; j < lp->n && j <= parts[i].n + 2; j++)
					if (lp->v[j] == last) {
						from = j + 1;
						break;
					}
			}
		}
		cb_append(&out[i], lp, from, lp->n);
	}
}

static void build_prefix(const struct tscan *s, const struct cands *cs, struct cand *c,
			 struct cbuf *b)
{
	size_t a = c->seg_start, e = c->pre_start;

	b->n = 0;
	if (c->subject >= 0) {
		const struct cand *sj = &cs->v[c->subject];
		size_t na = sj->noun_start, ne = sj->noun_cut;

		if (ne > na + NOUN_MAX)
			ne = na + NOUN_MAX;
		cb_add_span(b, s, na, ne, TS_QUAL | TS_TIME | TS_NUM);
	}
	if (e > a + PREFIX_MAX)
		a = e - PREFIX_MAX;
	cb_add_span(b, s, a, e, TS_QUAL | TS_TIME);
}

static void add_object(const struct tscan *s, const struct cand *c, struct cbuf *b)
{
	size_t a = c->noun_start, e = c->noun_cut;

	if (c->reach)
		e = c->noun_cut;
	if (e > a + NOUN_MAX)
		e = a + NOUN_MAX;
	cb_add_span(b, s, a, e, TS_QUAL | TS_TIME);
}

static size_t trim_text_start(const struct tscan *s, size_t a, size_t e)
{
	size_t len;

	a = ts_skip_space(s, a);
	while (a < e && cp_is_connector(s, a, &len))
		a = ts_skip_space(s, a + len);
	return a;
}

/* 辅具适配服务率、精准康复签约服务率: indicators sharing one level; the count of parts or 0. */
static size_t split_indicators(const struct cbuf *pre, struct cbuf *parts, size_t maxp)
{
	size_t np = 0;

	parts[0].n = 0;
	for (size_t i = 0; i < pre->n; i++) {
		size_t m = cb_match_any(pre, i, connectors, ARRAY_LEN(connectors));

		if (m && parts[np].n > 0) {
			if (np + 1 >= maxp)
				return 0;
			parts[++np].n = 0;
			i += m - 1;
			continue;
		}
		cb_push(&parts[np], pre->v[i]);
	}
	np++;
	if (np < 2)
		return 0;
	for (size_t k = 0; k < np; k++)
		if (!cb_match_any_back(&parts[k], indicator_ends, ARRAY_LEN(indicator_ends)))
			return 0;
	return np;
}

/* 举办龙舟赛、马拉松等体育赛事活动 → 举办体育赛事活动: drop the listed examples. */
static void drop_examples(struct cbuf *b, size_t vh)
{
	long e = -1;
	bool listed = false;

	for (size_t i = vh; i < b->n; i++) {
		if (b->v[i] == 0x3001)	/* 、 */
			listed = true;
		if (b->v[i] == 0x7B49 && listed)	/* 等 */
			e = (long)i;
	}
	if (e < 0 || (size_t)e + 1 >= b->n)
		return;
	cb_erase(b, vh, (size_t)e + 1 - vh);
}

struct tvec {
	struct target *v;
	size_t n, alloc;
};

static struct target *tvec_push(struct tvec *tv)
{
	ALLOC_GROW(tv->v, tv->n + 1, tv->alloc);
	memset(&tv->v[tv->n], 0, sizeof(tv->v[0]));
	return &tv->v[tv->n++];
}

static void emit(struct tvec *tv, struct arena *a, const struct tscan *s, const struct cands *cs,
		 const struct cand *m, const struct cbuf *metric, size_t ts, size_t te)
{
	struct target *t = tvec_push(tv);

	t->value = isfinite(m->value) ? m->value : 0;
	t->max = m->cmp == TARGET_RANGE && isfinite(m->max) ? m->max : 0;
	t->cmp = m->cmp;
	t->unit = m->unit ? m->unit : "";
	t->metric = cb_utf8(metric, a);
	t->text = arena_strndup(a, s->src + s->c[ts].off, s->c[te].off - s->c[ts].off);
	t->qualifier = NULL;
	if (m->qual >= 0) {
		const struct cand *q = &cs->v[m->qual];
		size_t qe = q->end;

		if (qe > q->qual_start + 1 && s->c[qe - 1].cp == 0x7684)	/* 的 */
			qe--;
		t->qualifier = arena_strndup(a, s->src + s->c[q->qual_start].off,
					     s->c[qe].off - s->c[q->qual_start].off);
	}
}

size_t targets_extract(struct tscan *s, struct arena *a, struct target **out)
{
	struct cands cs = { NULL, 0, ARRAY_LEN(cs.inl), { { 0 } } };
	struct tvec tv = { NULL, 0, 0 };
	struct cbuf last_pre, metrics_inl[4];
	bool have_last = false;

	cs.v = cs.inl;
	*out = NULL;
	find_candidates(s, &cs);
	resolve_bare(s, &cs);
	demote_thresholds(&cs);
	for (size_t x = 0; x < cs.n; x++)
		if (cs.v[x].kind == K_TARGET)
			for (size_t k = cs.v[x].pre_start; k < cs.v[x].end; k++)
				s->c[k].flags |= TS_NUM;
	mark_qualifiers(s, &cs);
	link_targets(&cs);
	find_objects(s, &cs);
	attach_qualifiers(&cs);
	find_segments(s, &cs);

	for (size_t x = 0; x < cs.n; x++) {
		struct cand *c = &cs.v[x];
		size_t gn = 0, last = x;
		struct cbuf pre, subjbuf, *metrics;
		long at;
		enum target_cmp cmp;
		bool own_verb;

		if (c->kind != K_TARGET || c->group != (long)x)
			continue;
		/* the group: x and the members that follow it */
		for (size_t y = x; y < cs.n; y++) {
			if (cs.v[y].kind != K_TARGET)
				continue;
			if (cs.v[y].group != (long)x)
				break;
			gn++;
			last = y;
		}
		build_prefix(s, &cs, c, &pre);
		own_verb = verb_head(&pre) > 0;	/* before 实现 and the like are stripped */
		cmp = c->cmp;
		at = gn > 1 ? cb_find(&pre, U"分别") : -1;
		if (at >= 0) {
			/* 城乡居民收入|分别|增长: subjects and predicate cleaned apart */
			subjbuf.n = 0;
			cb_append(&subjbuf, &pre, 0, (size_t)at);
			clean_metric(&subjbuf, &cmp);
			cb_erase(&pre, 0, (size_t)at + 2);
			clean_metric(&pre, &cmp);
		} else {
			clean_metric(&pre, &cmp);
		}
		if (cmp != c->cmp && c->cmp == TARGET_EQ)
			for (size_t y = x; y <= last; y++)
				if (cs.v[y].kind == K_TARGET && cs.v[y].cmp == TARGET_EQ)
					cs.v[y].cmp = cmp;
		/* 323 个市级重点项目完成投资 590 亿元: the count names the scope, not a goal */
		if (c->reach && pre.n == 0 && c->subject < 0 && gn == 1)
			c->scope = true;
		/* 实现社会消费品零售总额500亿元，增长7%: the subject comes from before */
		if (have_last && cb_match_any(&pre, 0, growth_words, ARRAY_LEN(growth_words)) == pre.n &&
		    pre.n > 0 && at < 0) {
			struct cbuf subj = last_pre;
			size_t gm;

			while ((gm = cb_match_any_back(&subj, growth_words, ARRAY_LEN(growth_words))) &&
			       gm < subj.n)
				subj.n -= gm;
			cb_prepend(&pre, subj.v, subj.n);
		}
		if (pre.n && at < 0) {
			last_pre = pre;
			have_last = true;
		}
		/* scope words: a resource, not a goal */
		if (cb_match_any(at >= 0 ? &subjbuf : &pre, 0, scope_words, ARRAY_LEN(scope_words)))
			c->scope = true;
		/* continuation: borrow the verb of the previous item */
		if (c->cont) {
			long py = -1;

			for (size_t y = x; y-- > 0;)
				if (cs.v[y].kind == K_TARGET) {
					py = (long)y;
					break;
				}
			if (py >= 0) {
				struct cand *p = &cs.v[py];

				if (p->scope && !p->reach)
					c->scope = true;
				if (p->nverb && !own_verb)
					cb_prepend(&pre, p->verb, p->nverb);
			}
		}
		{
			size_t vh = verb_head(&pre);

			drop_examples(&pre, vh);
			if (vh > ARRAY_LEN(c->verb))
				vh = 0;
			memcpy(c->verb, pre.v, vh * sizeof(pre.v[0]));
			c->nverb = vh;
		}
		if (c->scope) {
			for (size_t y = x; y <= last; y++)
				cs.v[y].scope = true;
			continue;
		}
		/* a comparison after the last member covers the list: 7%和8.5%以上 */
		if (gn > 1) {
			enum target_cmp gc = TARGET_EQ;

			for (size_t y = x; y <= last; y++)
				if (cs.v[y].kind == K_TARGET && cs.v[y].cmp_suffix &&
				    cs.v[y].cmp != TARGET_RANGE)
					gc = cs.v[y].cmp;
			if (gc == TARGET_EQ && c->cmp != TARGET_EQ && c->cmp != TARGET_RANGE)
				gc = c->cmp;
			for (size_t y = x; y <= last; y++)
				if (cs.v[y].kind == K_TARGET && cs.v[y].cmp == TARGET_EQ)
					cs.v[y].cmp = gc;
		}
		metrics = gn <= ARRAY_LEN(metrics_inl) ? metrics_inl
						      : xreallocarray(NULL, gn, sizeof(*metrics));
		if (at >= 0 && subjbuf.n == 0 && tv.n >= gn) {
			/* 接待游客…、旅游收入…，分别增长15%和18%: the subjects are the figures before */
			for (size_t g = 0; g < gn; g++) {
				const char *pm = tv.v[tv.n - gn + g].metric;
				size_t len = strlen(pm), i = 0;

				metrics[g].n = 0;
				while (i < len) {
					uint32_t cp;
					size_t d = utf8_decode(pm + i, len - i, &cp);

					if (!d)
						break;
					cb_push(&metrics[g], cp);
					i += d;
				}
				cb_append(&metrics[g], &pre, 0, pre.n);
			}
		} else if (at >= 0) {
			split_subjects(&subjbuf, gn, metrics);
			for (size_t g = 0; g < gn; g++)
				cb_append(&metrics[g], &pre, 0, pre.n);
		} else {
			for (size_t g = 0; g < gn; g++) {
				metrics[g].n = 0;
				cb_append(&metrics[g], &pre, 0, pre.n);
			}
		}
		{
			size_t g = 0;
			size_t ts = trim_text_start(s, c->subject >= 0 ? cs.v[c->subject].seg_start
							   : c->seg_start, c->num_start);
			const struct cand *lc = &cs.v[last];
			size_t te = lc->noun_cut > lc->noun_start ? lc->noun_cut : lc->end;

			te = ts_skip_space_back(s, ts, te);
			for (size_t y = x; y <= last; y++) {
				struct cand *m = &cs.v[y];
				size_t mte = te;

				if (m->kind != K_TARGET)
					continue;
				if (gn == 1) {
					mte = m->noun_cut > m->noun_start ? m->noun_cut : m->end;
					mte = ts_skip_space_back(s, ts, mte);
				}
				/* indicators sharing one level: one target each */
				if (gn == 1 && m->noun_cut == m->noun_start) {
					struct cbuf parts[8];
					size_t np = split_indicators(&metrics[0], parts, ARRAY_LEN(parts));

					if (np) {
						for (size_t k = 0; k < np; k++)
							emit(&tv, a, s, &cs, m, &parts[k], ts, mte);
						g++;
						continue;
					}
				}
				add_object(s, m, &metrics[g]);
				/* drop a leading 的 left from the object */
				while (metrics[g].n && metrics[g].v[0] == 0x7684)
					cb_erase(&metrics[g], 0, 1);
				emit(&tv, a, s, &cs, m, &metrics[g], ts, mte);
				g++;
			}
		}
		if (metrics != metrics_inl)
			free(metrics);
	}
	if (tv.n) {
		*out = arena_alloc(a, tv.n * sizeof(**out));
		memcpy(*out, tv.v, tv.n * sizeof(**out));
	}
	free(tv.v);
	if (cs.v != cs.inl)
		free(cs.v);
	return tv.n;
}
