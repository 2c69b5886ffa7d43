/* The annual assessment (rules in assess.h): rules file, scoring lines, caps, rank, appeals, facts from status. */
#include "domain/assess.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/kvconf.h"
#include "util/banned.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(table, i) ((size_t)(i) < NELEM(table) ? (table)[(size_t)(i)] : "")

#define POINTS_MAX 100000	/* 1000 分 */

/* ------------------------------------------------------------------ */
/* Names                                                               */

static const char *const part_labels[ASSESS_NPARTS] = { "职责履行", "行政效能", "任务完成情况" };
static const char *const part_names[ASSESS_NPARTS] = { "duty", "efficiency", "completion" };
static const char *const appeal_labels[] = { "", "申诉中", "维持原分", "予以更正" };
static const char *const appeal_names[] = { "", "pending", "upheld", "corrected" };

const char *assess_part_label(enum assess_part p) { return PICK(part_labels, p); }
const char *assess_part_name(enum assess_part p) { return PICK(part_names, p); }
const char *appeal_state_label(enum appeal_state s) { return PICK(appeal_labels, s); }
const char *appeal_state_name(enum appeal_state s) { return PICK(appeal_names, s); }

int appeal_state_parse(const char *s, enum appeal_state *out)
{
	for (size_t i = 1; s && i < NELEM(appeal_names); i++) {
		if (!strcmp(s, appeal_names[i]) || !strcmp(s, appeal_labels[i])) {
			*out = (enum appeal_state)i;
			return 0;
		}
	}
	return -1;
}

enum assess_part assess_ground_part(enum ladder_ground g)
{
	switch (g) {
	case GROUND_INEFFICIENT:
		return PART_EFFICIENCY;
	case GROUND_BEHIND:
		return PART_COMPLETION;
	default:
		return PART_DUTY;
	}
}

/* ------------------------------------------------------------------ */
/* Configuration                                                       */

void assess_config_default(struct assess_config *c)
{
	memset(c, 0, sizeof(*c));
	c->duty_base_cp = 4000;
	c->sign_days = 3;
	c->sign_late_cp = 100;
	c->sign_missing_cp = 200;
	c->report_missing_cp = 200;
	c->report_late_cp = 50;
	c->report_returned_cp = 100;
	c->notice_unanswered_cp = 100;
	c->dispute_rejected_cp = 100;
	c->duty_deduct_cap_cp = 4000;
	c->efficiency_base_cp = 3000;
	c->first_report_days = 30;
	c->first_report_late_cp = 100;
	c->reply_late_per_day_cp = 10;
	c->reply_late_cap_cp = 100;
	c->complete_late_per_day_cp = 10;
	c->complete_late_cap_cp = 300;
	c->early_days = 30;
	c->early_bonus_cp = 100;
	c->efficiency_bonus_cap_cp = 500;
	c->efficiency_deduct_cap_cp = 3000;
	c->completion_base_cp = 3000;
	c->task_points_lead_cp = 200;
	c->task_points_co_cp = 100;
	c->load_per_point_cp = 50;
	c->load_cap_cp = 1000;
	c->beat_margin_cp = 1000;
	c->approx_tolerance_cp = 500;
	c->beat_bonus_cp = 100;
	c->red_period_cp = 50;
	c->completion_bonus_cap_cp = 500;
	c->completion_deduct_cap_cp = 3000;
	c->step_remind_cp = 0;
	c->step_urge_cp = 50;
	c->step_blue_cp = 100;
	c->step_orange_cp = 200;
	c->step_red_cp = 300;
	c->step_escalate_cp = 400;
	c->step_interview_cp = 500;
	c->accountability_cp = 500;
	c->nweights = 0;
}

enum key_kind { K_POINTS, K_TASKPTS, K_DAYS, K_PERCENT, K_WEIGHTS };

#define OFF(f) offsetof(struct assess_config, f)

static const struct cfg_key {
	const char *name;
	enum key_kind kind;
	size_t off;
	const char *comment;
} cfg_keys[] = {
	{ "duty_base", K_POINTS, OFF(duty_base_cp), "职责履行：基础分" },
	{ "sign_days", K_DAYS, OFF(sign_days), "职责履行：交办后应在此天数内签收" },
	{ "sign_late", K_POINTS, OFF(sign_late_cp), "职责履行：逾期签收，每项扣分" },
	{ "sign_missing", K_POINTS, OFF(sign_missing_cp), "职责履行：逾期仍未签收，每项扣分" },
	{ "report_missing", K_POINTS, OFF(report_missing_cp), "职责履行：逾期未报，每期扣分" },
	{ "report_late", K_POINTS, OFF(report_late_cp), "职责履行：迟报，每期扣分" },
	{ "report_returned", K_POINTS, OFF(report_returned_cp), "职责履行：报告被退回，每次扣分" },
	{ "notice_unanswered", K_POINTS, OFF(notice_unanswered_cp),
	  "职责履行：督办未按时回复，每件扣分" },
	{ "dispute_rejected", K_POINTS, OFF(dispute_rejected_cp),
	  "职责履行：退回理由不成立（推诿），每次扣分" },
	{ "duty_deduct_cap", K_POINTS, OFF(duty_deduct_cap_cp), "职责履行：扣分上限" },
	{ "efficiency_base", K_POINTS, OFF(efficiency_base_cp), "行政效能：基础分" },
	{ "first_report_days", K_DAYS, OFF(first_report_days),
	  "行政效能：交办后应在此天数内首次报送进展" },
	{ "first_report_late", K_POINTS, OFF(first_report_late_cp),
	  "行政效能：首次报送超过时限，每项扣分" },
	{ "reply_late_per_day", K_POINTS, OFF(reply_late_per_day_cp),
	  "行政效能：督办回复逾期，每天扣分" },
	{ "reply_late_cap", K_POINTS, OFF(reply_late_cap_cp), "行政效能：督办回复逾期，每件至多扣分" },
	{ "complete_late_per_day", K_POINTS, OFF(complete_late_per_day_cp),
	  "行政效能：逾期完成或逾期未完成，每天扣分" },
	{ "complete_late_cap", K_POINTS, OFF(complete_late_cap_cp),
	  "行政效能：逾期完成，每项至多扣分" },
	{ "early_days", K_DAYS, OFF(early_days), "行政效能：提前此天数以上完成（已销号）可加分" },
	{ "early_bonus", K_POINTS, OFF(early_bonus_cp), "行政效能：提前完成，每项加分" },
	{ "efficiency_bonus_cap", K_POINTS, OFF(efficiency_bonus_cap_cp), "行政效能：加分上限" },
	{ "efficiency_deduct_cap", K_POINTS, OFF(efficiency_deduct_cap_cp), "行政效能：扣分上限" },
	{ "completion_base", K_POINTS, OFF(completion_base_cp),
	  "任务完成情况：全部完成时的基础分值（按任务分值分配到各项任务）" },
	{ "task_points_lead", K_TASKPTS, OFF(task_points_lead_cp), "任务完成情况：牵头任务分值" },
	{ "task_points_co", K_TASKPTS, OFF(task_points_co_cp), "任务完成情况：配合任务分值" },
	{ "load_per_point", K_POINTS, OFF(load_per_point_cp),
	  "任务完成情况：每 1 任务分值增加的分值（承担越多、分值越高）" },
	{ "load_cap", K_POINTS, OFF(load_cap_cp), "任务完成情况：承担任务增加分值的上限" },
	{ "beat_margin", K_PERCENT, OFF(beat_margin_cp), "任务完成情况：超过目标此百分比以上为超额完成" },
	{ "approx_tolerance", K_PERCENT, OFF(approx_tolerance_cp),
	  "任务完成情况：“左右”类目标低于目标此百分比以内视为达成" },
	{ "beat_bonus", K_POINTS, OFF(beat_bonus_cp), "任务完成情况：每项指标超额完成加分" },
	{ "red_period", K_POINTS, OFF(red_period_cp), "任务完成情况：每期期末进度为红色扣分" },
	{ "completion_bonus_cap", K_POINTS, OFF(completion_bonus_cap_cp), "任务完成情况：加分上限" },
	{ "completion_deduct_cap", K_POINTS, OFF(completion_deduct_cap_cp), "任务完成情况：扣分上限" },
	{ "step_remind", K_POINTS, OFF(step_remind_cp), "督办：每次提醒扣分（按事由计入相应部分）" },
	{ "step_urge", K_POINTS, OFF(step_urge_cp), "督办：每次催办扣分" },
	{ "step_blue", K_POINTS, OFF(step_blue_cp), "督办：每份蓝色督查单扣分" },
	{ "step_orange", K_POINTS, OFF(step_orange_cp), "督办：每份橙色督查单扣分" },
	{ "step_red", K_POINTS, OFF(step_red_cp), "督办：每份红色督查单扣分" },
	{ "step_escalate", K_POINTS, OFF(step_escalate_cp), "督办：每次提级督办扣分" },
	{ "step_interview", K_POINTS, OFF(step_interview_cp), "督办：每次约谈扣分" },
	{ "accountability", K_POINTS, OFF(accountability_cp), "问责：每条问责记录扣分" },
	{ "period_weights", K_WEIGHTS, 0,
	  "分期权重：空为不加权；4 个数（季度）或 12 个数（月份），如 15,25,25,35" },
};

static const char *kind_expect(enum key_kind k)
{
	switch (k) {
	case K_POINTS:
		return "0 到 1000 之间的分数（最多两位小数）";
	case K_TASKPTS:
		return "0.01 到 1000 之间的分数（最多两位小数）";
	case K_DAYS:
		return "0 到 365 之间的整数天数";
	case K_PERCENT:
		return "0 到 100 之间的百分数（最多两位小数）";
	case K_WEIGHTS:
		return "空，或 4 个、12 个 0 到 1000 之间的数（以逗号分隔，不全为 0）";
	}
	return "";
}

/* Decimal "12" / "12.5" / "12.25" to hundredths; -1 if malformed. */
static long parse_points(const char *s, size_t len)
{
	long v = 0;
	int ndig = 0, nfrac = -1;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == '.' && nfrac < 0 && ndig > 0) {
			nfrac = 0;
			continue;
		}
		if (c < '0' || c > '9' || ndig > 7)
			return -1;
		v = v * 10 + (c - '0');
		ndig++;
		if (nfrac >= 0 && ++nfrac > 2)
			return -1;
	}
	if (ndig == 0 || nfrac == 0)
		return -1;
	for (int i = nfrac < 0 ? 0 : nfrac; i < 2; i++)
		v *= 10;
	return v;
}

static long parse_uint(const char *s)
{
	long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 100000)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

static bool weight_sep(const char *p, size_t *len)
{
	static const char *const seps[] = { ",", " ", "\t", "，", "、", ";", "；" };

	for (size_t i = 0; i < NELEM(seps); i++) {
		size_t l = strlen(seps[i]);

		if (!strncmp(p, seps[i], l)) {
			*len = l;
			return true;
		}
	}
	return false;
}

static int parse_weights(struct assess_config *c, const char *s)
{
	int w[12], n = 0;
	long sum = 0;
	const char *p = s;

	while (*p) {
		const char *start;
		size_t sl;
		long v;

		while (*p && weight_sep(p, &sl))
			p += sl;
		if (!*p)
			break;
		start = p;
		while (*p && !weight_sep(p, &sl))
			p++;
		if (n >= 12)
			return -1;
		v = parse_points(start, (size_t)(p - start));
		if (v < 0 || v > POINTS_MAX)
			return -1;
		w[n++] = (int)v;
		sum += v;
	}
	if (n == 0) {
		c->nweights = 0;
		return 0;
	}
	if ((n != 4 && n != 12) || sum <= 0)
		return -1;
	c->nweights = n;
	memcpy(c->weights_cp, w, sizeof(int) * (size_t)n);
	return 0;
}

static int *field_of(struct assess_config *c, const struct cfg_key *k)
{
	return (int *)(void *)((char *)c + k->off);
}

static const int *cfield_of(const struct assess_config *c, const struct cfg_key *k)
{
	return (const int *)(const void *)((const char *)c + k->off);
}

static bool in_range(enum key_kind k, long v)
{
	switch (k) {
	case K_POINTS:
		return v >= 0 && v <= POINTS_MAX;
	case K_TASKPTS:
		return v >= 1 && v <= POINTS_MAX;
	case K_DAYS:
		return v >= 0 && v <= 365;
	case K_PERCENT:
		return v >= 0 && v <= 10000;
	case K_WEIGHTS:
		return true;
	}
	return false;
}

static int set_value(struct assess_config *c, const struct cfg_key *k, const char *val)
{
	long v;

	switch (k->kind) {
	case K_WEIGHTS:
		return parse_weights(c, val);
	case K_DAYS:
		v = parse_uint(val);
		break;
	default:
		v = parse_points(val, strlen(val));
		break;
	}
	if (v < 0 || !in_range(k->kind, v))
		return -1;
	*field_of(c, k) = (int)v;
	return 0;
}

int assess_config_check(const struct assess_config *c, struct err *e)
{
	long sum = 0;

	for (size_t i = 0; i < NELEM(cfg_keys); i++) {
		const struct cfg_key *k = &cfg_keys[i];

		if (k->kind == K_WEIGHTS)
			continue;
		if (!in_range(k->kind, *cfield_of(c, k)))
			return err_set(e, ERR_INPUT, "考核规则无效：%s 应为 %s", k->name,
				       kind_expect(k->kind));
	}
	if (c->nweights != 0 && c->nweights != 4 && c->nweights != 12)
		return err_set(e, ERR_INPUT, "考核规则无效：period_weights 应为 %s",
			       kind_expect(K_WEIGHTS));
	for (int i = 0; i < c->nweights; i++) {
		if (c->weights_cp[i] < 0 || c->weights_cp[i] > POINTS_MAX)
			return err_set(e, ERR_INPUT, "考核规则无效：period_weights 应为 %s",
				       kind_expect(K_WEIGHTS));
		sum += c->weights_cp[i];
	}
	if (c->nweights && sum <= 0)
		return err_set(e, ERR_INPUT, "考核规则无效：period_weights 应为 %s",
			       kind_expect(K_WEIGHTS));
	return 0;
}

/* assess_config_parse's state between items. */
struct assess_parse {
	struct assess_config tmp;
	int seen[NELEM(cfg_keys)];
	const char *file;
};

static int assess_item(void *ctx, const struct kvconf_item *it, struct err *e)
{
	struct assess_parse *ap = ctx;
	const struct cfg_key *k = NULL;
	char val[256];

	for (size_t i = 0; i < NELEM(cfg_keys); i++)
		if (kvconf_key_is(it, cfg_keys[i].name))
			k = &cfg_keys[i];
	if (!k)
		return kvconf_unknown(e, ap->file, it);
	if (ap->seen[k - cfg_keys])
		return kvconf_duplicate(e, ap->file, it, k->name, ap->seen[k - cfg_keys]);
	ap->seen[k - cfg_keys] = it->lineno;
	if (it->vlen >= sizeof(val))
		return kvconf_bad_value(e, ap->file, it, k->name, kind_expect(k->kind));
	memcpy(val, it->val, it->vlen);
	val[it->vlen] = '\0';
	if (set_value(&ap->tmp, k, val))
		return kvconf_bad_value(e, ap->file, it, k->name, kind_expect(k->kind));
	return 0;
}

int assess_config_parse(struct assess_config *cfg, const char *text, const char *file,
			struct err *e)
{
	struct assess_parse ap;

	memset(&ap, 0, sizeof(ap));
	ap.tmp = *cfg;
	ap.file = file ? file : "rules";
	if (kvconf_parse(text, ap.file, assess_item, &ap, e))
		return -1;
	if (assess_config_check(&ap.tmp, e))
		return err_prefix(e, "%s: ", ap.file);
	*cfg = ap.tmp;
	return 0;
}

/* |cp| as "58.33", "58.3", "58" after `sign`; buf of 16 bytes (|cp| < 10^9). */
static void format_signed(const char *sign, int cp, char buf[16])
{
	unsigned u = cp < 0 ? 0u - (unsigned)cp : (unsigned)cp;

	u %= 1000000000u;
	if (u % 100 == 0)
		snprintf(buf, 16, "%s%u", sign, u / 100);
	else if (u % 10 == 0)
		snprintf(buf, 16, "%s%u.%u", sign, u / 100, u % 100 / 10);
	else
		snprintf(buf, 16, "%s%u.%02u", sign, u / 100, u % 100);
}

/* "58.33", "58.3", "58", "-3" (ASCII, for config files). */
static void format_plain(int cp, char buf[16])
{
	format_signed(cp < 0 ? "-" : "", cp, buf);
}

size_t assess_config_write(const struct assess_config *c, char *buf, size_t cap)
{
	struct strbuf sb = STRBUF_INIT;
	char v[16];
	size_t len;

	strbuf_addstr(&sb, "# duban 年度考核规则（规则说明见 src/domain/assess.h）\n");
	for (size_t i = 0; i < NELEM(cfg_keys); i++) {
		const struct cfg_key *k = &cfg_keys[i];

		strbuf_addf(&sb, "# %s\n%s =", k->comment, k->name);
		if (k->kind == K_WEIGHTS) {
			for (int j = 0; j < c->nweights; j++) {
				format_plain(c->weights_cp[j], v);
				strbuf_addf(&sb, "%s%s", j ? "," : " ", v);
			}
		} else if (k->kind == K_DAYS) {
			strbuf_addf(&sb, " %d", *cfield_of(c, k));
		} else {
			format_plain(*cfield_of(c, k), v);
			strbuf_addf(&sb, " %s", v);
		}
		strbuf_addch(&sb, '\n');
	}
	len = sb.len;
	if (cap) {
		size_t n = len < cap - 1 ? len : cap - 1;

		memcpy(buf, sb.buf, n);
		buf[n] = '\0';
	}
	strbuf_release(&sb);
	return len;
}

int assess_step_cp(const struct assess_config *c, enum ladder_step s)
{
	switch (s) {
	case STEP_REMIND:
		return c->step_remind_cp;
	case STEP_URGE:
		return c->step_urge_cp;
	case STEP_BLUE:
		return c->step_blue_cp;
	case STEP_ORANGE:
		return c->step_orange_cp;
	case STEP_RED:
		return c->step_red_cp;
	case STEP_ESCALATE:
		return c->step_escalate_cp;
	case STEP_INTERVIEW:
		return c->step_interview_cp;
	default:
		return 0;
	}
}

/* round(num / den) for num >= 0, den > 0 (half up). */
static long long div_round(long long num, long long den)
{
	return (2 * num + den) / (2 * den);
}

static int norm_weight(const struct assess_config *c, int i)
{
	long long sum = 0;

	for (int j = 0; j < c->nweights; j++)
		sum += c->weights_cp[j];
	return (int)div_round((long long)c->weights_cp[i] * c->nweights * 100, sum);
}

int assess_period_weight(const struct assess_config *c, struct period p)
{
	if (!c->nweights || !period_valid(p))
		return 100;
	if (p.cadence == CADENCE_MONTHLY)
		return norm_weight(c, c->nweights == 12 ? p.n - 1 : (p.n - 1) / 3);
	if (c->nweights == 4)
		return norm_weight(c, p.n - 1);
	return (int)div_round((long long)norm_weight(c, (p.n - 1) * 3) +
				      norm_weight(c, (p.n - 1) * 3 + 1) +
				      norm_weight(c, (p.n - 1) * 3 + 2),
			      3);
}

/* ------------------------------------------------------------------ */
/* Targets                                                             */

static bool at_least(double actual, double threshold)
{
	double tol = 1e-9 * (threshold < 0 ? -threshold : threshold > 1 ? threshold : 1);

	return actual >= threshold - tol;
}

static double absd(double x)
{
	return x < 0 ? -x : x;
}

void assess_target_judge(const struct assess_config *c, enum target_cmp cmp, double value,
			 double max, double actual, bool *reached, bool *beaten)
{
	double m = c->beat_margin_cp / 10000.0, t = c->approx_tolerance_cp / 10000.0;

	switch (cmp) {
	case TARGET_LE:
		*reached = at_least(value, actual);
		*beaten = value != 0 && at_least(value - absd(value) * m, actual);
		return;
	case TARGET_RANGE:
		*reached = at_least(actual, value);
		*beaten = max != 0 && at_least(actual, max + absd(max) * m);
		return;
	case TARGET_APPROX:
		*reached = at_least(actual, value - absd(value) * t);
		*beaten = value != 0 && at_least(actual, value + absd(value) * m);
		return;
	case TARGET_EQ:
	case TARGET_GE:
	default:
		*reached = at_least(actual, value);
		*beaten = value != 0 && at_least(actual, value + absd(value) * m);
		return;
	}
}

/* ------------------------------------------------------------------ */
/* Formatting                                                          */

void assess_format_points(int cp, char buf[16])
{
	format_signed(cp < 0 ? "−" : cp > 0 ? "+" : "", cp, buf);
}

void assess_line_format(const struct assess_line *l, char *buf, size_t cap)
{
	char p[16], o[16];

	if (!cap)
		return;
	assess_format_points(l->points_cp, p);
	switch (l->appeal) {
	case APPEAL_PENDING:
		snprintf(buf, cap, "%s %s 分（申诉中）", l->text, p);
		break;
	case APPEAL_UPHELD:
		snprintf(buf, cap, "%s %s 分（申诉后维持原分）", l->text, p);
		break;
	case APPEAL_CORRECTED:
		assess_format_points(l->orig_cp, o);
		snprintf(buf, cap, "%s %s 分（申诉更正，原 %s 分）", l->text, p, o);
		break;
	default:
		snprintf(buf, cap, "%s %s 分", l->text, p);
		break;
	}
}

void assess_score_describe(const struct assess_score *s, char *buf, size_t cap)
{
	char a[16], b[16], c[16], t[16];

	if (!cap)
		return;
	format_plain(s->part_cp[PART_DUTY], a);
	format_plain(s->part_cp[PART_EFFICIENCY], b);
	format_plain(s->part_cp[PART_COMPLETION], c);
	format_plain(s->total_cp, t);
	if (s->rank > 0)
		snprintf(buf, cap, "%s %s、%s %s、%s %s，合计 %s，第 %d 名", part_labels[0], a,
			 part_labels[1], b, part_labels[2], c, t, s->rank);
	else
		snprintf(buf, cap, "%s %s、%s %s、%s %s，合计 %s，无考核任务，不排名",
			 part_labels[0], a, part_labels[1], b, part_labels[2], c, t);
}

/* ------------------------------------------------------------------ */
/* Scoring                                                             */

struct line_vec {
	struct assess_line *v;
	size_t n, alloc;
};

struct builder {
	const struct assess_config *cfg;
	struct arena *ar;
	int year;
	struct date d;			/* the assessment date */
	struct line_vec part[ASSESS_NPARTS];
	char tn[32];			/* "第 11 项 " of the current item */
	char tnc[32];			/* "第 11 项" (no space) */
};

__attribute__((format(printf, 6, 7)))
static struct assess_line *add_line(struct builder *b, enum assess_part part, const char *key,
				    struct date at, int cp, const char *fmt, ...)
{
	struct line_vec *lv = &b->part[part];
	struct assess_line *l;
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	ALLOC_GROW(lv->v, lv->n + 1, lv->alloc);
	l = &lv->v[lv->n++];
	memset(l, 0, sizeof(*l));
	l->part = part;
	l->key = arena_strdup(b->ar, key);
	l->text = arena_strdup(b->ar, text);
	l->at = at;
	l->points_cp = cp;
	l->orig_cp = cp;
	return l;
}

static bool by(struct date at, struct date d)
{
	return date_is_set(at) && date_cmp(at, d) <= 0;
}

/* Dated in the year and on or before D. */
static bool in_year(const struct builder *b, struct date at)
{
	return by(at, b->d) && at.y == b->year;
}

static long days(struct date from, struct date to)
{
	return date_to_days(to) - date_to_days(from);
}

static void set_tn(struct builder *b, int task_no)
{
	if (task_no > 0) {
		snprintf(b->tn, sizeof(b->tn), "第 %d 项 ", task_no);
		snprintf(b->tnc, sizeof(b->tnc), "第 %d 项", task_no);
	} else {
		b->tn[0] = '\0';
		b->tnc[0] = '\0';
	}
}

/* points × weight / 100, rounded half up (points >= 0). */
static int weighted(int cp, int w)
{
	return (int)div_round((long long)cp * w, 100);
}

static void weight_note(int w, char *buf, size_t cap)
{
	char v[16];

	buf[0] = '\0';
	if (w != 100) {
		format_plain(w, v);
		snprintf(buf, cap, "（权重 %s）", v);
	}
}

static void period_words(struct period p, char *buf, size_t cap)
{
	char ps[PERIOD_STR_LEN];

	period_format(p, ps);
	snprintf(buf, cap, "%s %s", ps, cadence_label(p.cadence));
}

static int capped(long long v, int cap)
{
	return v > cap ? cap : (int)v;
}

static void score_assignment(struct builder *b, const struct assess_assignment *a, int p_cp,
			     int total_p_cp, int max_cp)
{
	const struct assess_config *c = b->cfg;
	char key[96], d1[DATE_ISO_LEN], d2[DATE_ISO_LEN], pw[48], wn[48], pt[16], tp[16];
	const char *tn = b->tn;
	bool rejected = a->dispute == DISPUTE_REJECTED && by(a->dispute_at, b->d);
	bool verified = by(a->verified_at, b->d);
	bool complete = by(a->completed_at, b->d);
	struct date sign_from = rejected ? a->dispute_at : a->handed_over;
	long n;

	set_tn(b, a->task_no);
	tn = b->tn;
	/* dispute rejected */
	if (rejected && in_year(b, a->dispute_at)) {
		snprintf(key, sizeof(key), "a%lld:dispute", (long long)a->id);
		date_format_iso(a->dispute_at, d1);
		add_line(b, PART_DUTY, key, a->dispute_at, -c->dispute_rejected_cp,
			 "%s退回理由不成立（%s 驳回）", tn, d1);
	}
	/* sign-for */
	snprintf(key, sizeof(key), "a%lld:sign", (long long)a->id);
	if (a->dispute == DISPUTE_OPEN || !date_is_set(sign_from)) {
		/* suspended while the dispute is open */
	} else if (by(a->signed_at, b->d)) {
		n = days(sign_from, a->signed_at);
		if (n > c->sign_days && in_year(b, a->signed_at) && c->sign_late_cp)
			add_line(b, PART_DUTY, key, a->signed_at, -c->sign_late_cp,
				 "%s%s %ld 天签收（限 %d 天）", tn,
				 rejected ? "退回被驳回后" : "交办后", n, c->sign_days);
	} else {
		n = days(sign_from, b->d);
		if (n > c->sign_days && c->sign_missing_cp)
			add_line(b, PART_DUTY, key, b->d, -c->sign_missing_cp,
				 "%s%s %ld 天仍未签收（限 %d 天）", tn,
				 rejected ? "退回被驳回后" : "交办后", n, c->sign_days);
	}
	/* reports */
	for (size_t i = 0; i < a->nreports; i++) {
		const struct assess_report *r = &a->reports[i];
		int w = assess_period_weight(c, r->period);
		char ps[PERIOD_STR_LEN];

		if (r->period.year != b->year || !date_is_set(r->due) ||
		    date_cmp(r->due, b->d) >= 0)
			continue;	/* not this year's, or not overdue on D */
		period_format(r->period, ps);
		period_words(r->period, pw, sizeof(pw));
		weight_note(w, wn, sizeof(wn));
		date_format_iso(r->due, d1);
		snprintf(key, sizeof(key), "a%lld:report:%s", (long long)a->id, ps);
		if (r->state == AREPORT_MISSING && c->report_missing_cp)
			add_line(b, PART_DUTY, key, r->due, -weighted(c->report_missing_cp, w),
				 "%s%s逾期未报（应于 %s 前报送）%s", tn, pw, d1, wn);
		else if (r->state == AREPORT_LATE && c->report_late_cp) {
			date_format_iso(r->submitted_at, d2);
			add_line(b, PART_DUTY, key, r->submitted_at,
				 -weighted(c->report_late_cp, w),
				 "%s%s迟报（应于 %s 前报送，%s 报送）%s", tn, pw, d1, d2, wn);
		}
		if (r->returned > 0 && c->report_returned_cp) {
			snprintf(key, sizeof(key), "a%lld:returned:%s", (long long)a->id, ps);
			add_line(b, PART_DUTY, key, r->due,
				 -weighted(c->report_returned_cp * r->returned, w),
				 "%s%s被退回 %d 次%s", tn, pw, r->returned, wn);
		}
	}
	/* red periods */
	for (size_t i = 0; i < a->nred; i++) {
		struct period p = a->red_periods[i];
		int w = assess_period_weight(c, p);
		char ps[PERIOD_STR_LEN];

		if (p.year != b->year || !c->red_period_cp || date_cmp(period_end(p), b->d) > 0)
			continue;
		period_format(p, ps);
		period_words(p, pw, sizeof(pw));
		weight_note(w, wn, sizeof(wn));
		snprintf(key, sizeof(key), "a%lld:red:%s", (long long)a->id, ps);
		add_line(b, PART_COMPLETION, key, period_end(p), -weighted(c->red_period_cp, w),
			 "%s%s期末进度为红色%s", tn, pw, wn);
	}
	/* first report */
	snprintf(key, sizeof(key), "a%lld:first_report", (long long)a->id);
	if (date_is_set(a->handed_over) && c->first_report_late_cp) {
		if (by(a->first_report_at, b->d)) {
			n = days(a->handed_over, a->first_report_at);
			if (n > c->first_report_days && in_year(b, a->first_report_at))
				add_line(b, PART_EFFICIENCY, key, a->first_report_at,
					 -c->first_report_late_cp,
					 "%s交办后 %ld 天首次报送进展（限 %d 天）", tn, n,
					 c->first_report_days);
		} else {
			n = days(a->handed_over, b->d);
			if (n > c->first_report_days)
				add_line(b, PART_EFFICIENCY, key, b->d, -c->first_report_late_cp,
					 "%s交办后 %ld 天仍未报送进展（限 %d 天）", tn, n,
					 c->first_report_days);
		}
	}
	/* completion against the due date */
	if (date_is_set(a->due)) {
		date_format_iso(a->due, d1);
		n = days(a->due, complete ? a->completed_at : b->d);
		snprintf(key, sizeof(key), "a%lld:complete_late", (long long)a->id);
		if (n > 0 && c->complete_late_per_day_cp) {
			long long raw = (long long)c->complete_late_per_day_cp * n;
			int v = capped(raw, c->complete_late_cap_cp);

			if (v)
				add_line(b, PART_EFFICIENCY, key,
					 complete ? a->completed_at : b->d, -v,
					 "%s逾期 %ld 天%s（时限 %s）%s", tn, n,
					 complete ? "完成" : "仍未完成", d1,
					 raw > v ? "，按每项上限计" : "");
		} else if (complete && verified && -n >= c->early_days && c->early_bonus_cp) {
			snprintf(key, sizeof(key), "a%lld:early", (long long)a->id);
			add_line(b, PART_EFFICIENCY, key, a->completed_at, c->early_bonus_cp,
				 "%s提前 %ld 天完成（时限 %s）", tn, -n, d1);
		}
	}
	/* task credit */
	{
		long long num = (long long)max_cp * p_cp, den = total_p_cp;
		int cp;
		struct assess_line *l;

		if (verified && a->targets > 0) {
			num *= a->targets_reached;
			den *= a->targets;
		}
		cp = verified && den > 0 ? (int)div_round(num, den) : 0;
		format_plain(p_cp, pt);
		format_plain(total_p_cp, tp);
		snprintf(key, sizeof(key), "a%lld:credit", (long long)a->id);
		if (verified && a->targets > 0)
			l = add_line(b, PART_COMPLETION, key, a->verified_at, cp,
				     "%s（%s，分值 %s/%s）已销号，指标达成 %d/%d", b->tnc,
				     role_label(a->role), pt, tp, a->targets_reached, a->targets);
		else if (verified)
			l = add_line(b, PART_COMPLETION, key, a->verified_at, cp,
				     "%s（%s，分值 %s/%s）已销号", b->tnc, role_label(a->role), pt, tp);
		else
			l = add_line(b, PART_COMPLETION, key, DATE_NONE, cp,
				     "%s（%s，分值 %s/%s）%s", b->tnc, role_label(a->role), pt, tp,
				     complete ? "已报完成，尚未销号" : "未完成");
		l->credit = true;
	}
	/* targets beaten */
	if (verified && a->targets_beaten > 0 && c->beat_bonus_cp) {
		format_plain(c->beat_margin_cp, pt);
		snprintf(key, sizeof(key), "a%lld:beaten", (long long)a->id);
		add_line(b, PART_COMPLETION, key, a->verified_at,
			 c->beat_bonus_cp * a->targets_beaten,
			 "%s%d 项指标超额完成（超出目标 %s%% 以上）", tn, a->targets_beaten, pt);
	}
}

static void id_key(char *buf, size_t cap, char tag, int64_t id, size_t index, const char *rest)
{
	if (id)
		snprintf(buf, cap, "%c%lld%s", tag, (long long)id, rest);
	else
		snprintf(buf, cap, "%c#%zu%s", tag, index, rest);
}

static void score_action(struct builder *b, const struct ladder_action *a, size_t index)
{
	const struct assess_config *c = b->cfg;
	char key[96], no[64], paren[160], d1[DATE_ISO_LEN], d2[DATE_ISO_LEN];
	const char *label = ladder_step_label(a->step);
	int cp = assess_step_cp(c, a->step);
	struct date reply = DATE_NONE;
	long late;

	if (!in_year(b, a->issued_at) || a->step <= STEP_NONE || a->step > STEP_ACCOUNT)
		return;
	set_tn(b, a->task_no);
	ladder_form_number(ladder_step_form(a->step), a->form_prefix, a->form_year, a->form_seq,
			   no, sizeof(no));
	paren[0] = '\0';
	if (no[0] || a->ground != GROUND_NONE)
		snprintf(paren, sizeof(paren), "（%s%s%s）", no,
			 no[0] && a->ground != GROUND_NONE ? "，" : "",
			 ladder_ground_label(a->ground));
	if (cp) {
		id_key(key, sizeof(key), 'n', a->id, index, ":step");
		add_line(b, assess_ground_part(a->ground), key, a->issued_at, -cp, "%s%s%s", b->tn,
			 label, paren);
	}
	if (!date_is_set(a->reply_due) || !ladder_step_takes_reply(a->step))
		return;
	if (by(a->replied_at, b->d))
		reply = a->replied_at;
	if (by(a->closed_at, b->d) && (!date_is_set(reply) || date_cmp(a->closed_at, reply) < 0))
		reply = a->closed_at;
	if (date_is_set(reply))
		late = days(a->reply_due, reply);
	else
		late = days(a->reply_due, b->d);
	if (late <= 0)
		return;
	snprintf(paren, sizeof(paren), "%s%s%s", no[0] ? "（" : "", no, no[0] ? "）" : "");
	date_format_iso(a->reply_due, d1);
	date_format_iso(date_is_set(reply) ? reply : b->d, d2);
	if (c->notice_unanswered_cp) {
		id_key(key, sizeof(key), 'n', a->id, index, ":unanswered");
		if (date_is_set(reply))
			add_line(b, PART_DUTY, key, reply, -c->notice_unanswered_cp,
				 "%s%s%s未按时回复（限 %s 前，%s 回复）", b->tn, label, paren, d1, d2);
		else
			add_line(b, PART_DUTY, key, b->d, -c->notice_unanswered_cp,
				 "%s%s%s未按时回复（限 %s 前，至 %s 未回复）", b->tn, label, paren, d1,
				 d2);
	}
	if (c->reply_late_per_day_cp) {
		long long raw = (long long)c->reply_late_per_day_cp * late;
		int v = capped(raw, c->reply_late_cap_cp);

		if (v) {
			id_key(key, sizeof(key), 'n', a->id, index, ":reply_late");
			add_line(b, PART_EFFICIENCY, key, date_is_set(reply) ? reply : b->d, -v,
				 "%s%s%s回复逾期 %ld 天%s", b->tn, label, paren, late,
				 raw > v ? "，按每件上限计" : "");
		}
	}
}

static void score_record(struct builder *b, const struct accountability *r, size_t index)
{
	char key[96], paren[160];
	const char *measure;

	if (!in_year(b, r->decided_on) || !b->cfg->accountability_cp)
		return;
	set_tn(b, r->task_no);
	measure = r->measure == MEASURE_OTHER && r->measure_text ? r->measure_text :
								  account_measure_label(r->measure);
	snprintf(paren, sizeof(paren), "（%s%s%s）", r->doc_no ? r->doc_no : "",
		 r->doc_no && *r->doc_no && r->ground != GROUND_NONE ? "，" : "",
		 ladder_ground_label(r->ground));
	if (!strcmp(paren, "（）"))
		paren[0] = '\0';
	id_key(key, sizeof(key), 'c', r->id, index, "");
	add_line(b, assess_ground_part(r->ground), key, r->decided_on, -b->cfg->accountability_cp,
		 "%s问责：%s%s", b->tn, measure, paren);
}

/* Counted on D: handed over by D (or unset) and not withdrawn. */
static bool exists(const struct assess_assignment *a, struct date d)
{
	return !date_is_set(a->handed_over) || date_cmp(a->handed_over, d) <= 0;
}

static bool withdrawn(const struct assess_assignment *a, struct date d)
{
	return a->dispute == DISPUTE_UPHELD && by(a->dispute_at, d);
}

/* Apply the unit's appeals to its event lines; used[i] marks those applied. */
static void apply_appeals(struct builder *b, int64_t unit_id, const struct assess_appeal *ap,
			  size_t nap, bool *used)
{
	for (size_t i = 0; i < nap; i++) {
		struct assess_line *hit = NULL;

		if (ap[i].unit_id != unit_id || used[i])
			continue;
		for (int p = 0; p < ASSESS_NPARTS && !hit; p++)
			for (size_t j = 0; j < b->part[p].n; j++)
				if (!b->part[p].v[j].fixed && ap[i].line_key &&
				    !strcmp(b->part[p].v[j].key, ap[i].line_key)) {
					hit = &b->part[p].v[j];
					break;
				}
		if (!hit || hit->appeal != APPEAL_NONE || ap[i].state == APPEAL_NONE)
			continue;
		used[i] = true;
		hit->appeal = ap[i].state;
		hit->appeal_rec = &ap[i];
		if (ap[i].state == APPEAL_CORRECTED)
			hit->points_cp = ap[i].corrected_cp;
	}
}

static void finish_part(struct builder *b, enum assess_part p, int bonus_cap, int deduct_cap,
			bool has_bonus_cap)
{
	struct line_vec *lv = &b->part[p];
	long long bonus = 0, deduct = 0, sum;
	char key[64], v1[16], v2[16];
	const char *label = part_labels[p], *name = part_names[p];

	for (size_t i = 0; i < lv->n; i++) {
		const struct assess_line *l = &lv->v[i];

		if (l->fixed || l->credit)
			continue;	/* base lines and credits are not bonuses */
		if (l->points_cp > 0)
			bonus += l->points_cp;
		else
			deduct -= l->points_cp;
	}
	if (has_bonus_cap && bonus > bonus_cap) {
		snprintf(key, sizeof(key), "cap:%s:bonus", name);
		format_plain((int)bonus, v1);
		format_plain(bonus_cap, v2);
		add_line(b, p, key, DATE_NONE, -(int)(bonus - bonus_cap),
			 "%s加分 %s 分超过上限 %s 分，按上限计", label, v1, v2)->fixed = true;
	}
	if (deduct > deduct_cap) {
		snprintf(key, sizeof(key), "cap:%s:deduct", name);
		format_plain((int)deduct, v1);
		format_plain(deduct_cap, v2);
		add_line(b, p, key, DATE_NONE, (int)(deduct - deduct_cap),
			 "%s扣分 %s 分超过上限 %s 分，按上限计", label, v1, v2)->fixed = true;
	}
	sum = 0;
	for (size_t i = 0; i < lv->n; i++)
		sum += lv->v[i].points_cp;
	if (sum < 0) {
		snprintf(key, sizeof(key), "floor:%s", name);
		add_line(b, p, key, DATE_NONE, (int)-sum, "%s不低于 0 分", label)->fixed = true;
	}
}

static int part_sum(const struct line_vec *lv)
{
	long long s = 0;

	for (size_t i = 0; i < lv->n; i++)
		s += lv->v[i].points_cp;
	return (int)s;
}

static void builder_reset(struct builder *b)
{
	for (int p = 0; p < ASSESS_NPARTS; p++)
		b->part[p].n = 0;
}

static int score_unit(struct builder *b, const struct assess_unit *u, size_t input,
		      const struct assess_appeal *ap, size_t nap, bool *used,
		      struct assess_result *out, struct assess_score *s, struct err *e)
{
	const struct assess_config *c = b->cfg;
	long long total_p = 0, load;
	int max_cp;
	size_t nlines = 0, k = 0;

	builder_reset(b);
	memset(s, 0, sizeof(*s));
	s->input = input;
	s->unit_id = u->id;
	s->unit_name = u->name;
	for (size_t i = 0; i < u->nassignments; i++) {
		const struct assess_assignment *a = &u->assignments[i];

		if (a->id <= 0)
			return err_set(e, ERR_INPUT, "考核：%s 的第 %zu 项分工编号无效",
				       u->name ? u->name : "", i + 1);
		for (size_t j = 0; j < i; j++)
			if (u->assignments[j].id == a->id)
				return err_set(e, ERR_INPUT, "考核：%s 的分工编号 %lld 重复",
					       u->name ? u->name : "", (long long)a->id);
		if (!exists(a, b->d) || withdrawn(a, b->d))
			continue;
		s->nassignments++;
		total_p += a->role == ROLE_LEAD ? c->task_points_lead_cp : c->task_points_co_cp;
	}
	load = div_round((long long)c->load_per_point_cp * total_p, 100);
	if (load > c->load_cap_cp)
		load = c->load_cap_cp;
	max_cp = c->completion_base_cp + (int)load;
	s->task_points_cp = (int)total_p;
	s->load_cp = (int)load;

	add_line(b, PART_DUTY, "base:duty", DATE_NONE, c->duty_base_cp, "职责履行基础分")->fixed =
		true;
	add_line(b, PART_EFFICIENCY, "base:efficiency", DATE_NONE, c->efficiency_base_cp,
		 "行政效能基础分")->fixed = true;
	for (size_t i = 0; i < u->nassignments; i++) {
		const struct assess_assignment *a = &u->assignments[i];
		char key[64], d1[DATE_ISO_LEN];

		if (!exists(a, b->d))
			continue;
		if (withdrawn(a, b->d)) {
			if (!in_year(b, a->dispute_at))
				continue;
			set_tn(b, a->task_no);
			snprintf(key, sizeof(key), "a%lld:dispute", (long long)a->id);
			date_format_iso(a->dispute_at, d1);
			add_line(b, PART_DUTY, key, a->dispute_at, 0,
				 "%s退回理由成立，已改派（%s），不计分", b->tn, d1);
			continue;
		}
		score_assignment(b, a,
				 a->role == ROLE_LEAD ? c->task_points_lead_cp : c->task_points_co_cp,
				 (int)total_p, max_cp);
	}
	for (size_t i = 0; i < u->nactions; i++)
		score_action(b, &u->actions[i], i);
	for (size_t i = 0; i < u->nrecords; i++)
		score_record(b, &u->records[i], i);

	apply_appeals(b, u->id, ap, nap, used);
	finish_part(b, PART_DUTY, 0, c->duty_deduct_cap_cp, false);
	finish_part(b, PART_EFFICIENCY, c->efficiency_bonus_cap_cp, c->efficiency_deduct_cap_cp,
		    true);
	finish_part(b, PART_COMPLETION, c->completion_bonus_cap_cp, c->completion_deduct_cap_cp,
		    true);

	for (int p = 0; p < ASSESS_NPARTS; p++) {
		s->part_cp[p] = part_sum(&b->part[p]);
		s->total_cp += s->part_cp[p];
		nlines += b->part[p].n;
	}
	s->lines = arena_alloc(&out->arena, sizeof(*s->lines) * (nlines ? nlines : 1));
	for (int p = 0; p < ASSESS_NPARTS; p++) {
		memcpy(s->lines + k, b->part[p].v, sizeof(*s->lines) * b->part[p].n);
		k += b->part[p].n;
	}
	s->nlines = nlines;
	return 0;
}

int assess_run(const struct assess_config *cfg, int year, struct date as_of,
	       const struct assess_unit *units, size_t n, const struct assess_appeal *appeals,
	       size_t nappeals, struct assess_result *out, struct err *e)
{
	struct builder b;
	struct assess_score *tmp = NULL;
	bool *used = NULL;
	size_t *order = NULL, nr = 0, nun = 0;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	arena_init(&out->arena, 0);
	memset(&b, 0, sizeof(b));
	if (assess_config_check(cfg, e))
		goto out;
	if (year < 1 || year > 9999) {
		err_set(e, ERR_INPUT, "考核年度 %d 无效", year);
		goto out;
	}
	b.cfg = cfg;
	b.ar = &out->arena;
	b.year = year;
	b.d = (struct date){ year, 12, 31 };
	if (date_is_set(as_of) && date_cmp(as_of, b.d) < 0)
		b.d = as_of;
	out->year = year;
	out->as_of = b.d;

	tmp = xcalloc(n ? n : 1, sizeof(*tmp));
	used = xcalloc(nappeals ? nappeals : 1, sizeof(*used));
	for (size_t i = 0; i < n; i++)
		if (score_unit(&b, &units[i], i, appeals, nappeals, used, out, &tmp[i], e))
			goto out;

	/* rank: ranked units by total, stable; then the unranked in input order */
	order = xcalloc(n ? n : 1, sizeof(*order));
	for (size_t i = 0; i < n; i++) {
		size_t j;

		if (!tmp[i].nassignments)
			continue;
		for (j = nr; j > 0 && tmp[order[j - 1]].total_cp < tmp[i].total_cp; j--)
			order[j] = order[j - 1];
		order[j] = i;
		nr++;
	}
	for (size_t i = 0, k = nr; i < n; i++)
		if (!tmp[i].nassignments)
			order[k++] = i;
	out->units = arena_alloc(&out->arena, sizeof(*out->units) * (n ? n : 1));
	out->n = n;
	for (size_t i = 0; i < n; i++) {
		out->units[i] = tmp[order[i]];
		if (i < nr)
			out->units[i].rank = i > 0 && out->units[i].total_cp == out->units[i - 1].total_cp ?
						     out->units[i - 1].rank : (int)i + 1;
	}
	out->unmatched = arena_alloc(&out->arena,
				     sizeof(*out->unmatched) * (nappeals ? nappeals : 1));
	for (size_t i = 0; i < nappeals; i++)
		if (!used[i])
			out->unmatched[nun++] = &appeals[i];
	out->nunmatched = nun;
	ret = 0;
out:
	for (int p = 0; p < ASSESS_NPARTS; p++)
		free(b.part[p].v);
	free(used);
	free(tmp);
	free(order);
	if (ret) {
		out->units = NULL;
		out->n = 0;
		out->unmatched = NULL;
		out->nunmatched = 0;
	}
	return ret;
}

void assess_result_release(struct assess_result *r)
{
	arena_release(&r->arena);
	r->units = NULL;
	r->n = 0;
	r->unmatched = NULL;
	r->nunmatched = 0;
}

const struct assess_score *assess_result_find(const struct assess_result *r, int64_t unit_id)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->units[i].unit_id == unit_id)
			return &r->units[i];
	return NULL;
}

const struct assess_line *assess_score_line(const struct assess_score *s, const char *key)
{
	for (size_t i = 0; i < s->nlines; i++)
		if (!strcmp(s->lines[i].key, key))
			return &s->lines[i];
	return NULL;
}

int assess_appeal_check(const struct assess_result *r, const struct assess_appeal *a,
			const struct assess_appeal *others, size_t nothers, struct err *e)
{
	const struct assess_score *s = assess_result_find(r, a->unit_id);
	const struct assess_line *l;

	if (!s)
		return err_set(e, ERR_NOT_FOUND, "申诉：考核结果中没有该单位");
	if (!a->line_key || !(l = assess_score_line(s, a->line_key)))
		return err_set(e, ERR_NOT_FOUND, "申诉：%s 的考核明细中没有条目“%s”",
			       s->unit_name ? s->unit_name : "", a->line_key ? a->line_key : "");
	if (l->fixed)
		return err_set(e, ERR_INPUT, "申诉：“%s”为基础分或上限调整，不能申诉", l->text);
	if (!a->reason || !*a->reason)
		return err_set(e, ERR_INPUT, "申诉：未填写申诉理由");
	for (size_t i = 0; i < nothers; i++)
		if (others[i].id != a->id && others[i].unit_id == a->unit_id &&
		    others[i].line_key && !strcmp(others[i].line_key, a->line_key))
			return err_set(e, ERR_CONFLICT, "申诉：条目“%s”已有申诉", l->text);
	if (a->state != APPEAL_PENDING && a->state != APPEAL_UPHELD &&
	    a->state != APPEAL_CORRECTED)
		return err_set(e, ERR_INPUT, "申诉：状态无效");
	if (a->state != APPEAL_PENDING && !date_is_set(a->decided_at))
		return err_set(e, ERR_INPUT, "申诉：已决定的申诉须有决定日期");
	if (a->state == APPEAL_CORRECTED &&
	    (a->corrected_cp < -POINTS_MAX || a->corrected_cp > POINTS_MAX))
		return err_set(e, ERR_INPUT, "申诉：更正后的分值应在 ±1000 分以内");
	return 0;
}

/* ------------------------------------------------------------------ */
/* Facts from the status engine's facts                                */

static bool returned_by(const struct report_fact *r, struct date d)
{
	return r->review == REVIEW_RETURNED && by(r->reviewed_at, d);
}

static struct date due_in_force(const struct assignment_facts *f, struct date d)
{
	struct date due = f->due, best = DATE_NONE;

	for (size_t i = 0; i < f->nextensions; i++) {
		const struct extension *x = &f->extensions[i];

		if (x->state != EXT_APPROVED || !by(x->decided_at, d))
			continue;
		if (!date_is_set(best) || date_cmp(x->decided_at, best) >= 0) {
			best = x->decided_at;
			due = x->new_due;
		}
	}
	return due;
}

static bool same_period(struct period a, struct period b)
{
	return a.year == b.year && a.n == b.n && a.cadence == b.cadence;
}

void assess_assignment_from_facts(const struct assignment_facts *f, const struct calendar *cal,
				  const struct status_config *scfg, int64_t id, int task_no,
				  int year, struct date as_of, const struct verification *v,
				  struct arena *ar, struct assess_assignment *out)
{
	struct date d = { year, 12, 31 };
	struct assess_report *reps = NULL;
	struct period *reds = NULL, first, p;
	size_t nreps = 0, nreds = 0, cap;
	long from, to;

	if (date_is_set(as_of) && date_cmp(as_of, d) < 0)
		d = as_of;
	memset(out, 0, sizeof(*out));
	out->id = id;
	out->task_no = task_no;
	out->role = f->role;
	out->handed_over = f->handed_over;
	out->signed_at = by(f->signed_at, d) ? f->signed_at : DATE_NONE;
	out->dispute = DISPUTE_NONE;
	if (f->dispute.state != DISPUTE_NONE && by(f->dispute.raised_at, d)) {
		if ((f->dispute.state == DISPUTE_UPHELD || f->dispute.state == DISPUTE_REJECTED) &&
		    by(f->dispute.decided_at, d)) {
			out->dispute = f->dispute.state;
			out->dispute_at = f->dispute.decided_at;
		} else {
			out->dispute = DISPUTE_OPEN;
		}
	}
	out->due = due_in_force(f, d);
	out->verified_at = by(f->verified_at, d) ? f->verified_at : DATE_NONE;
	for (size_t i = 0; i < f->nreports; i++) {
		const struct report_fact *r = &f->reports[i];

		if (!by(r->submitted_at, d))
			continue;
		if (!date_is_set(out->first_report_at) ||
		    date_cmp(r->submitted_at, out->first_report_at) < 0)
			out->first_report_at = r->submitted_at;
		if (r->percent >= 100 && !returned_by(r, d) &&
		    (!date_is_set(out->completed_at) ||
		     date_cmp(r->submitted_at, out->completed_at) < 0))
			out->completed_at = r->submitted_at;
	}
	if (v) {
		out->targets = v->targets;
		out->targets_reached = v->targets_reached;
		out->targets_beaten = v->targets_beaten;
	}
	if (!cal || cal->cadence == CADENCE_NONE || !period_valid(cal->first))
		return;

	/* owed periods */
	first = cal->first;
	if (date_is_set(f->handed_over)) {
		p = period_first_due_on_or_after(cal->cadence, cal->due_day, f->handed_over);
		if (period_ord(p) > period_ord(first))
			first = p;
	}
	from = period_ord(first);
	to = period_ord(period_of(cal->cadence, d));
	cap = to >= from ? (size_t)(to - from + 1) : 0;
	if (cap)
		reps = arena_zalloc(ar, sizeof(*reps) * cap);
	for (long o = from; o <= to; o++) {
		struct date due;
		struct assess_report *rr;
		int last = -1, firstv = -1;

		p = period_from_ord(cal->cadence, o);
		due = calendar_due(cal, p);
		if (p.year != year)
			continue;
		if (date_to_days(d) <= date_to_days(due) + scfg->report_grace_days)
			break;
		if (by(out->completed_at, d) && date_cmp(due, out->completed_at) > 0)
			break;
		rr = &reps[nreps];
		rr->period = p;
		rr->due = due;
		for (size_t i = 0; i < f->nreports; i++) {
			const struct report_fact *r = &f->reports[i];

			if (!same_period(r->period, p) || !by(r->submitted_at, d))
				continue;
			if (last < 0 || r->version > f->reports[last].version)
				last = (int)i;
			if (firstv < 0 ||
			    date_cmp(r->submitted_at, f->reports[firstv].submitted_at) < 0)
				firstv = (int)i;
			if (returned_by(r, d))
				rr->returned++;
		}
		if (last < 0 || returned_by(&f->reports[last], d)) {
			rr->state = AREPORT_MISSING;
		} else {
			rr->submitted_at = f->reports[firstv].submitted_at;
			rr->state = date_to_days(rr->submitted_at) <=
						    date_to_days(due) + scfg->report_grace_days ?
					    AREPORT_ON_TIME : AREPORT_LATE;
		}
		nreps++;
	}
	out->reports = reps;
	out->nreports = nreps;

	/* red period ends */
	first = cal->first;
	if (date_is_set(f->handed_over)) {
		p = period_of(cal->cadence, f->handed_over);
		if (period_ord(p) > period_ord(first))
			first = p;
	}
	from = period_ord(first);
	cap = to >= from ? (size_t)(to - from + 1) : 0;
	if (cap)
		reds = arena_zalloc(ar, sizeof(*reds) * cap);
	for (long o = from; o <= to; o++) {
		struct status st;
		struct date end;

		p = period_from_ord(cal->cadence, o);
		end = period_end(p);
		if (date_cmp(end, d) > 0)
			break;
		if (p.year != year)
			continue;
		status_assess(f, cal, scfg, end, &st, NULL);
		if (st.rag == RAG_RED)
			reds[nreds++] = p;
	}
	out->red_periods = reds;
	out->nred = nreds;
}
