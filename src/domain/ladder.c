/* The escalation ladder (rules in ladder.h): names, timers, level, transitions, forms, 问责 and 销号 checks. */
#include "domain/ladder.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/banned.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(table, i) ((size_t)(i) < NELEM(table) ? (table)[(size_t)(i)] : "")

/* ------------------------------------------------------------------ */
/* Names                                                               */

static const char *const step_labels[LADDER_NSTEPS] = {
	"", "提醒", "催办", "蓝色督查单", "橙色督查单", "红色督查单", "提级督办", "约谈", "问责",
};
static const char *const step_names[LADDER_NSTEPS] = {
	"", "remind", "urge", "blue", "orange", "red", "escalate", "interview", "accountability",
};
/* "已发橙色督查单", "已催办": the step as done. */
static const char *const step_done[LADDER_NSTEPS] = {
	"", "已提醒", "已催办", "已发蓝色督查单", "已发橙色督查单", "已发红色督查单", "已提级督办",
	"已约谈", "已问责",
};
static const char *const ground_labels[LADDER_NGROUNDS] = {
	"", "落实不力", "进度滞后", "效能低下", "推诿扯皮",
};
static const char *const ground_names[LADDER_NGROUNDS] = {
	"", "ineffective", "behind", "inefficient", "shirking",
};
static const char *const basis_names[] = { "refused", "free", "timeout", "decision" };
static const char *const basis_labels[] = {
	"不允许", "可直接发出", "逾期未复升级", "须说明理由",
};
static const char *const reply_labels[] = {
	"未要求回复", "待回复", "按时回复", "逾期回复", "逾期未回复",
};
static const char *const reply_names[] = { "not_asked", "waiting", "in_time", "late", "overdue" };
static const char *const form_labels[LADDER_NFORMS] = { "", "交办单", "催办单", "督办通知单" };
static const char *const form_prefixes[LADDER_NFORMS] = { "", "交办", "催办", "督办" };
static const char *const measure_labels[ACCOUNT_NMEASURES] = {
	"", "约谈", "责令书面检查", "通报批评", "诫勉谈话", "组织处理", "政务处分", "其他",
};
static const char *const measure_names[ACCOUNT_NMEASURES] = {
	"", "interview", "written_review", "criticism", "admonition", "organizational",
	"sanction", "other",
};

const char *ladder_step_label(enum ladder_step s) { return PICK(step_labels, s); }
const char *ladder_step_name(enum ladder_step s) { return PICK(step_names, s); }
const char *ladder_ground_label(enum ladder_ground g) { return PICK(ground_labels, g); }
const char *ladder_ground_name(enum ladder_ground g) { return PICK(ground_names, g); }
const char *ladder_basis_name(enum ladder_basis b) { return PICK(basis_names, b); }
const char *ladder_basis_label(enum ladder_basis b) { return PICK(basis_labels, b); }
const char *ladder_reply_label(enum ladder_reply r) { return PICK(reply_labels, r); }
const char *ladder_reply_name(enum ladder_reply r) { return PICK(reply_names, r); }
const char *ladder_form_label(enum ladder_form_kind k) { return PICK(form_labels, k); }
const char *ladder_form_default_prefix(enum ladder_form_kind k) { return PICK(form_prefixes, k); }
const char *account_measure_label(enum account_measure m) { return PICK(measure_labels, m); }
const char *account_measure_name(enum account_measure m) { return PICK(measure_names, m); }

static int parse_either(const char *s, const char *const *names, const char *const *labels,
			size_t n, int *out)
{
	if (!s)
		return -1;
	for (size_t i = 1; i < n; i++) {
		if (!strcmp(s, names[i]) || !strcmp(s, labels[i])) {
			*out = (int)i;
			return 0;
		}
	}
	return -1;
}

int ladder_step_parse(const char *s, enum ladder_step *out)
{
	int v;

	if (parse_either(s, step_names, step_labels, LADDER_NSTEPS, &v))
		return -1;
	*out = (enum ladder_step)v;
	return 0;
}

int ladder_ground_parse(const char *s, enum ladder_ground *out)
{
	int v;

	if (parse_either(s, ground_names, ground_labels, LADDER_NGROUNDS, &v))
		return -1;
	*out = (enum ladder_ground)v;
	return 0;
}

int account_measure_parse(const char *s, enum account_measure *out)
{
	int v;

	if (parse_either(s, measure_names, measure_labels, ACCOUNT_NMEASURES, &v))
		return -1;
	*out = (enum account_measure)v;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

static bool on_or_before(struct date at, struct date day)
{
	return date_is_set(at) && date_cmp(at, day) <= 0;
}

static long days_between(struct date from, struct date to)
{
	return date_to_days(to) - date_to_days(from);
}

static bool step_valid(enum ladder_step s)
{
	return s > STEP_NONE && s <= STEP_ACCOUNT;
}

static bool date_ok(struct date d)
{
	return date_valid(d.y, d.m, d.d);
}

/* Cut a string written by vsnprintf back to a whole UTF-8 character. */
static void trim_utf8_tail(char *buf, size_t len)
{
	size_t i = len, need;
	unsigned char c;

	while (i > 0 && ((unsigned char)buf[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return;
	c = (unsigned char)buf[i - 1];
	if (c < 0x80)
		return;
	need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
	if (len - (i - 1) < need)
		buf[i - 1] = '\0';
}

__attribute__((format(printf, 3, 4)))
static void append(char *buf, size_t cap, const char *fmt, ...)
{
	size_t len = strnlen(buf, cap);
	va_list ap;
	int n;

	if (len + 1 >= cap)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + len, cap - len, fmt, ap);
	va_end(ap);
	if (n > 0 && (size_t)n >= cap - len)
		trim_utf8_tail(buf, cap - 1);
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* ------------------------------------------------------------------ */
/* Steps and timers                                                    */

enum ladder_step ladder_next(enum ladder_step s)
{
	if (s >= STEP_ACCOUNT)
		return STEP_ACCOUNT;
	return (enum ladder_step)(s + 1);
}

bool ladder_step_needs_reply(enum ladder_step s)
{
	return s >= STEP_URGE && s <= STEP_ESCALATE;
}

bool ladder_step_takes_reply(enum ladder_step s)
{
	return s >= STEP_REMIND && s <= STEP_ESCALATE;
}

bool ladder_step_is_grade(enum ladder_step s)
{
	return s >= STEP_BLUE && s <= STEP_RED;
}

int ladder_default_reply_days(enum ladder_step s)
{
	switch (s) {
	case STEP_URGE:
		return 5;
	case STEP_BLUE:
		return 7;
	case STEP_ORANGE:
		return 5;
	case STEP_RED:
	case STEP_ESCALATE:
		return 3;
	default:
		return 0;
	}
}

enum ladder_reply ladder_reply_state(const struct ladder_action *a, struct date as_of)
{
	bool replied = on_or_before(a->replied_at, as_of);

	if (!date_is_set(a->reply_due))
		return replied ? REPLY_IN_TIME : REPLY_NOT_ASKED;
	if (replied)
		return date_cmp(a->replied_at, a->reply_due) <= 0 ? REPLY_IN_TIME : REPLY_LATE;
	return date_cmp(as_of, a->reply_due) <= 0 ? REPLY_WAITING : REPLY_OVERDUE;
}

int ladder_days_late(const struct ladder_action *a, struct date as_of)
{
	switch (ladder_reply_state(a, as_of)) {
	case REPLY_LATE:
		return (int)days_between(a->reply_due, a->replied_at);
	case REPLY_OVERDUE:
		return (int)days_between(a->reply_due, as_of);
	default:
		return 0;
	}
}

bool ladder_is_open(const struct ladder_action *a, struct date verified_at, struct date as_of)
{
	return on_or_before(a->issued_at, as_of) && !on_or_before(a->closed_at, as_of) &&
	       !on_or_before(verified_at, as_of);
}

void ladder_state_at(const struct ladder_action *hist, size_t n, struct date verified_at,
		     struct date as_of, struct ladder_state *out)
{
	memset(out, 0, sizeof(*out));
	out->level = STEP_NONE;
	out->top = -1;
	out->first_overdue = -1;
	out->reply = REPLY_NOT_ASKED;
	out->verified = on_or_before(verified_at, as_of);
	for (size_t i = 0; i < n; i++) {
		const struct ladder_action *a = &hist[i];

		if (!ladder_is_open(a, verified_at, as_of))
			continue;
		out->nopen++;
		if (ladder_reply_state(a, as_of) == REPLY_OVERDUE) {
			out->noverdue++;
			if (out->first_overdue < 0)
				out->first_overdue = (int)i;
		}
		if (a->step >= out->level && step_valid(a->step)) {
			out->level = a->step;
			out->top = (int)i;
		}
	}
	if (out->top >= 0)
		out->reply = ladder_reply_state(&hist[out->top], as_of);
}

/* ------------------------------------------------------------------ */
/* Transitions                                                         */

static bool not_in_time(enum ladder_reply r)
{
	return r == REPLY_LATE || r == REPLY_OVERDUE;
}

enum ladder_basis ladder_judge(const struct ladder_action *hist, size_t n,
			       struct date verified_at, struct date as_of, enum ladder_step s,
			       char why[LADDER_WHY_MAX])
{
	struct ladder_state st;
	const struct ladder_action *t;
	const char *sl = ladder_step_label(s), *ll;
	char due[DATE_ISO_LEN];

	why[0] = '\0';
	if (!step_valid(s)) {
		snprintf(why, LADDER_WHY_MAX, "未知的督办步骤");
		return LADDER_REFUSED;
	}
	ladder_state_at(hist, n, verified_at, as_of, &st);
	if (st.verified) {
		date_format_iso(verified_at, due);
		snprintf(why, LADDER_WHY_MAX, "已于 %s 销号，不再督办", due);
		return LADDER_REFUSED;
	}
	ll = ladder_step_label(st.level);
	t = st.top >= 0 ? &hist[st.top] : NULL;
	if (s < st.level) {
		if (s == STEP_REMIND || s == STEP_URGE) {
			snprintf(why, LADDER_WHY_MAX, "当前为%s，可另行%s（不改变督办层级）", ll, sl);
			return LADDER_FREE;
		}
		snprintf(why, LADDER_WHY_MAX,
			 "当前已至%s，不能再发较低的%s；如事项已解决，请先办结", ll, sl);
		return LADDER_REFUSED;
	}
	if (s == st.level) {
		if (s == STEP_REMIND || s == STEP_URGE || s == STEP_INTERVIEW || s == STEP_ACCOUNT) {
			snprintf(why, LADDER_WHY_MAX, "可再次%s", sl);
			return LADDER_FREE;
		}
		snprintf(why, LADDER_WHY_MAX, "%s且未办结，再次发出须说明理由", step_done[s]);
		return LADDER_DECISION;
	}
	if (s <= STEP_BLUE) {
		if (st.level == STEP_NONE)
			snprintf(why, LADDER_WHY_MAX, "可直接%s%s",
				 ladder_step_is_grade(s) ? "发" : "", sl);
		else
			snprintf(why, LADDER_WHY_MAX, "当前为%s，可%s%s", ll,
				 ladder_step_is_grade(s) ? "发" : "", sl);
		return LADDER_FREE;
	}
	if (t && s == ladder_next(st.level) && not_in_time(st.reply)) {
		date_format_iso(t->reply_due, due);
		snprintf(why, LADDER_WHY_MAX, "%s限 %s 前回复，%s，可升级为%s", ll, due,
			 st.reply == REPLY_LATE ? "未按时回复" : "逾期未回复", sl);
		return LADDER_TIMEOUT;
	}
	if (st.level == STEP_NONE)
		snprintf(why, LADDER_WHY_MAX, "尚未督办，直接%s%s须说明理由（如重大紧急事项、领导批示）",
			 ladder_step_is_grade(s) ? "发" : "", sl);
	else if (s == ladder_next(st.level))
		snprintf(why, LADDER_WHY_MAX, "%s%s，升级为%s须说明理由", ll,
			 st.reply == REPLY_WAITING ? "尚未到回复时限" :
			 st.reply == REPLY_IN_TIME ? "已按时回复" : "未设回复时限",
			 sl);
	else
		snprintf(why, LADDER_WHY_MAX, "由%s越级至%s须说明理由", ll, sl);
	return LADDER_DECISION;
}

void ladder_options(const struct ladder_action *hist, size_t n, struct date verified_at,
		    struct date as_of, struct ladder_option out[LADDER_NSTEPS - 1])
{
	for (int i = 0; i < LADDER_NSTEPS - 1; i++) {
		out[i].step = (enum ladder_step)(i + 1);
		out[i].basis = ladder_judge(hist, n, verified_at, as_of, out[i].step, out[i].why);
	}
}

static bool has_text(const char *s)
{
	if (!s)
		return false;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return true;
	return false;
}

int ladder_check(const struct ladder_action *hist, size_t n, struct date verified_at,
		 const struct ladder_action *a, enum ladder_basis *basis, struct err *e)
{
	const char *sl;
	char why[LADDER_WHY_MAX], d1[DATE_ISO_LEN];
	struct date latest = DATE_NONE;
	enum ladder_basis b;

	if (!step_valid(a->step))
		return err_set(e, ERR_INPUT, "督办记录：步骤无效");
	sl = ladder_step_label(a->step);
	if ((a->on != LADDER_ON_ASSIGNMENT && a->on != LADDER_ON_TASK) || a->target_id <= 0)
		return err_set(e, ERR_INPUT, "%s：未指明督办对象（任务或责任单位）", sl);
	if (!date_ok(a->issued_at))
		return err_set(e, ERR_INPUT, "%s：发出日期无效", sl);
	if (!has_text(a->issued_by))
		return err_set(e, ERR_INPUT, "%s：未填写发出人", sl);
	if ((unsigned)a->ground >= LADDER_NGROUNDS)
		return err_set(e, ERR_INPUT, "%s：督办事由无效", sl);
	if (a->step != STEP_REMIND && a->ground == GROUND_NONE)
		return err_set(e, ERR_INPUT,
			       "%s：须写明督办事由（落实不力、进度滞后、效能低下或推诿扯皮）", sl);
	if (date_is_set(a->reply_due)) {
		if (!ladder_step_takes_reply(a->step))
			return err_set(e, ERR_INPUT, "%s：不设回复时限", sl);
		if (!date_ok(a->reply_due) || date_cmp(a->reply_due, a->issued_at) < 0)
			return err_set(e, ERR_INPUT, "%s：回复时限应不早于发出日期", sl);
	} else if (ladder_step_needs_reply(a->step)) {
		return err_set(e, ERR_INPUT, "%s：须设定回复时限", sl);
	}
	if (date_is_set(a->replied_at) &&
	    (!date_ok(a->replied_at) || date_cmp(a->replied_at, a->issued_at) < 0))
		return err_set(e, ERR_INPUT, "%s：回复日期应不早于发出日期", sl);
	if (date_is_set(a->closed_at) &&
	    (!date_ok(a->closed_at) || date_cmp(a->closed_at, a->issued_at) < 0))
		return err_set(e, ERR_INPUT, "%s：办结日期应不早于发出日期", sl);
	if (ladder_step_form(a->step) != FORM_NONE) {
		if (a->form_seq < 1 || a->form_year != a->issued_at.y)
			return err_set(e, ERR_INPUT, "%s：%s编号应为发出当年的顺序号", sl,
				       ladder_form_label(ladder_step_form(a->step)));
	} else if (a->form_seq != 0) {
		return err_set(e, ERR_INPUT, "%s不编号", sl);
	}
	for (size_t i = 0; i < n; i++) {
		if (hist[i].on != a->on || hist[i].target_id != a->target_id)
			return err_set(e, ERR_INPUT, "%s：督办记录不属于同一督办对象", sl);
		if (!date_is_set(latest) || date_cmp(hist[i].issued_at, latest) > 0)
			latest = hist[i].issued_at;
	}
	if (date_is_set(latest) && date_cmp(a->issued_at, latest) < 0) {
		date_format_iso(latest, d1);
		return err_set(e, ERR_INPUT, "%s：督办记录应按时间顺序登记，上一条发出于 %s", sl,
			       d1);
	}
	b = ladder_judge(hist, n, verified_at, a->issued_at, a->step, why);
	if (b == LADDER_REFUSED)
		return err_set(e, ERR_CONFLICT, "不能%s：%s",
			       ladder_step_is_grade(a->step) ? "发出该督查单" : "登记该督办步骤",
			       why);
	if (b == LADDER_DECISION && !has_text(a->reason))
		return err_set(e, ERR_CONFLICT, "%s：%s", sl, why);
	*basis = b;
	return 0;
}

int ladder_reply_check(const struct ladder_action *a, const char *reply, struct date at,
		       struct err *e)
{
	const char *sl = ladder_step_label(a->step);
	char d[DATE_ISO_LEN];

	if (!ladder_step_takes_reply(a->step))
		return err_set(e, ERR_INPUT, "%s不需回复", sl);
	if (!has_text(reply))
		return err_set(e, ERR_INPUT, "%s：回复内容为空", sl);
	if (!date_ok(at) || date_cmp(at, a->issued_at) < 0)
		return err_set(e, ERR_INPUT, "%s：回复日期应不早于发出日期", sl);
	if (date_is_set(a->replied_at)) {
		date_format_iso(a->replied_at, d);
		return err_set(e, ERR_CONFLICT, "%s已于 %s 回复", sl, d);
	}
	if (date_is_set(a->closed_at) && date_cmp(a->closed_at, at) < 0) {
		date_format_iso(a->closed_at, d);
		return err_set(e, ERR_CONFLICT, "%s已于 %s 办结", sl, d);
	}
	return 0;
}

int ladder_close_check(const struct ladder_action *a, struct date at, struct err *e)
{
	const char *sl = ladder_step_label(a->step);
	char d[DATE_ISO_LEN];

	if (!date_ok(at) || date_cmp(at, a->issued_at) < 0)
		return err_set(e, ERR_INPUT, "%s：办结日期应不早于发出日期", sl);
	if (date_is_set(a->closed_at)) {
		date_format_iso(a->closed_at, d);
		return err_set(e, ERR_CONFLICT, "%s已于 %s 办结", sl, d);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Markers                                                             */

void ladder_marker_short(const struct ladder_state *st, char *buf, size_t cap)
{
	if (!cap)
		return;
	buf[0] = '\0';
	if (st->level == STEP_NONE)
		return;
	append(buf, cap, "%s", ladder_step_label(st->level));
	if (st->reply == REPLY_OVERDUE)
		append(buf, cap, "·逾期未回复");
}

static void action_number(const struct ladder_action *a, char *buf, size_t cap)
{
	ladder_form_number(ladder_step_form(a->step), a->form_prefix, a->form_year, a->form_seq,
			   buf, cap);
}

void ladder_marker(const struct ladder_state *st, const struct ladder_action *hist,
		   struct date as_of, char *buf, size_t cap)
{
	const struct ladder_action *t;
	char no[64], d[DATE_ISO_LEN], d2[DATE_ISO_LEN];
	const char *sep;

	if (!cap)
		return;
	buf[0] = '\0';
	if (st->level == STEP_NONE || st->top < 0)
		return;
	t = &hist[st->top];
	action_number(t, no, sizeof(no));
	sep = no[0] ? "，" : "";
	date_format_iso(t->reply_due, d);
	date_format_iso(t->replied_at, d2);
	switch (st->reply) {
	case REPLY_OVERDUE:
		append(buf, cap, "%s逾期未回复（%s%s应于 %s 前回复）", ladder_step_label(t->step), no,
		       sep, d);
		break;
	case REPLY_WAITING:
		append(buf, cap, "%s（%s%s限 %s 前回复）", step_done[t->step], no, sep, d);
		break;
	case REPLY_IN_TIME:
		append(buf, cap, "%s（%s%s已于 %s 回复）", step_done[t->step], no, sep, d2);
		break;
	case REPLY_LATE:
		append(buf, cap, "%s（%s%s逾期 %d 天，于 %s 回复）", step_done[t->step], no, sep,
		       ladder_days_late(t, as_of), d2);
		break;
	case REPLY_NOT_ASKED:
		date_format_iso(t->issued_at, d);
		append(buf, cap, "%s（%s%s%s）", step_done[t->step], no, sep, d);
		break;
	}
	if (st->noverdue > (st->reply == REPLY_OVERDUE ? 1u : 0u))
		append(buf, cap, "；另有 %zu 件逾期未回复",
		       st->noverdue - (st->reply == REPLY_OVERDUE ? 1u : 0u));
}

/* ------------------------------------------------------------------ */
/* Forms                                                               */

enum ladder_form_kind ladder_step_form(enum ladder_step s)
{
	switch (s) {
	case STEP_URGE:
		return FORM_URGE;
	case STEP_BLUE:
	case STEP_ORANGE:
	case STEP_RED:
	case STEP_ESCALATE:
		return FORM_NOTICE;
	default:
		return FORM_NONE;
	}
}

void ladder_form_number(enum ladder_form_kind k, const char *prefix, int year, int seq,
			char *buf, size_t cap)
{
	if (!cap)
		return;
	buf[0] = '\0';
	if (k == FORM_NONE || (unsigned)k >= LADDER_NFORMS || seq < 1 || year < 1 || year > 9999)
		return;
	if (!prefix || !*prefix)
		prefix = form_prefixes[k];
	append(buf, cap, "%s〔%d〕%d号", prefix, year, seq);
}

/* Brackets accepted around the year: 〔〕 (the standard), 【】, （）, [], (). */
static const char *const open_br[] = { "〔", "【", "（", "[", "(" };
static const char *const close_br[] = { "〕", "】", "）", "]", ")" };

static int read_uint(const char **p, int max_digits)
{
	int v = 0, nd = 0;

	while (**p >= '0' && **p <= '9' && nd < max_digits) {
		v = v * 10 + (**p - '0');
		(*p)++;
		nd++;
	}
	return nd ? v : -1;
}

int ladder_form_number_parse(const char *s, char *prefix, size_t cap, int *year, int *seq,
			     struct err *e)
{
	const char *p = s ? s : "", *br = NULL;
	size_t bi = 0;
	int y, n;

	for (const char *c = p; *c && !br; c++) {
		for (size_t i = 0; i < NELEM(open_br); i++) {
			if (!strncmp(c, open_br[i], strlen(open_br[i]))) {
				br = c;
				bi = i;
				break;
			}
		}
	}
	if (!br || br == p)
		goto bad;
	p = br + strlen(open_br[bi]);
	y = read_uint(&p, 4);
	if (y < 1000 || strncmp(p, close_br[bi], strlen(close_br[bi])))
		goto bad;
	p += strlen(close_br[bi]);
	while (*p == ' ')
		p++;
	if (!strncmp(p, "第", strlen("第")))
		p += strlen("第");
	while (*p == ' ')
		p++;
	n = read_uint(&p, 6);
	while (*p == ' ')
		p++;
	if (n < 1 || strcmp(p, "号"))
		goto bad;
	if (prefix && cap) {
		size_t len = (size_t)(br - s);

		if (len >= cap)
			goto bad;
		memcpy(prefix, s, len);
		prefix[len] = '\0';
	}
	*year = y;
	*seq = n;
	return 0;
bad:
	return err_set(e, ERR_INPUT, "编号“%s”无效：应为“代字〔年份〕序号号”，如 督办〔2022〕12号",
		       s ? s : "");
}

int ladder_form_next_seq(const struct ladder_action *hist, size_t n, enum ladder_form_kind k,
			 int year)
{
	int max = 0;

	for (size_t i = 0; i < n; i++)
		if (ladder_step_form(hist[i].step) == k && hist[i].form_year == year &&
		    hist[i].form_seq > max)
			max = hist[i].form_seq;
	return max + 1;
}

void ladder_date_cn(struct date d, char *buf, size_t cap)
{
	if (!cap)
		return;
	buf[0] = '\0';
	if (date_is_set(d))
		append(buf, cap, "%d年%d月%d日", d.y, d.m, d.d);
}

#define DEFAULT_OFFICE "市政府督查室"

static void form_common(struct ladder_form *out, const struct ladder_subject *s)
{
	memset(out, 0, sizeof(*out));
	if (s->task_no > 0)
		append(out->matter_no, sizeof(out->matter_no), "第 %d 项", s->task_no);
	out->matter = or_empty(s->task_text);
	out->unit = or_empty(s->unit);
	out->person = or_empty(s->person);
	out->office = s->office && *s->office ? s->office : DEFAULT_OFFICE;
	out->leader = "";
}

void ladder_form_build(const struct ladder_action *a, const struct ladder_subject *s,
		       struct ladder_form *out)
{
	char dl[48];
	const char *g = ladder_ground_label(a->ground);
	char *req;
	size_t rc;

	form_common(out, s);
	out->kind = ladder_step_form(a->step);
	out->step = a->step;
	req = out->requirement;
	rc = sizeof(out->requirement);
	if (ladder_step_is_grade(a->step))
		append(out->title, sizeof(out->title), "%s（督办通知单）", ladder_step_label(a->step));
	else if (a->step == STEP_ESCALATE)
		append(out->title, sizeof(out->title), "督办通知单（提级督办）");
	else if (a->step == STEP_URGE)
		append(out->title, sizeof(out->title), "催办单");
	else
		append(out->title, sizeof(out->title), "%s", ladder_step_label(a->step));
	action_number(a, out->number, sizeof(out->number));
	ladder_date_cn(a->reply_due, dl, sizeof(dl));
	if (dl[0])
		append(out->deadline, sizeof(out->deadline), "%s前", dl);
	append(out->ground, sizeof(out->ground), "%s", g);
	ladder_date_cn(a->issued_at, out->issued, sizeof(out->issued));
	out->leader = or_empty(a->leader);
	if (has_text(a->requirement)) {
		append(req, rc, "%s", a->requirement);
		return;
	}
	switch (a->step) {
	case STEP_REMIND:
		append(req, rc, "请按任务要求推进落实，按时报送进展情况。");
		break;
	case STEP_URGE:
		append(req, rc, "该事项存在%s问题，请加快推进，于%s将落实情况报送%s。", g,
		       out->deadline, out->office);
		break;
	case STEP_BLUE:
		append(req, rc,
		       "该事项存在%s问题，请对照任务要求抓紧整改落实，于%s将整改落实情况书面回复%s。",
		       g, out->deadline, out->office);
		break;
	case STEP_ORANGE:
		append(req, rc,
		       "该事项存在%s问题，经督办仍未解决，予以警示。请限期办结，于%s将办理结果书面回复%s。",
		       g, out->deadline, out->office);
		break;
	case STEP_RED:
		append(req, rc,
		       "该事项存在%s问题，经橙色督查单督办仍未解决。请单位主要负责同志亲自督办，"
		       "于%s将办理结果书面回复%s；逾期未办结的，将提级督办并依规依纪问责。",
		       g, out->deadline, out->office);
		break;
	case STEP_ESCALATE:
		append(req, rc,
		       "该事项存在%s问题，经督查单督办仍未解决，报请%s督办。请于%s将办理结果书面回复%s。",
		       g, has_text(a->leader) ? a->leader : "上级领导", out->deadline, out->office);
		break;
	default:
		break;
	}
}

void ladder_form_handover(const struct ladder_subject *s, struct date at, struct date due,
			  int seq, const char *prefix, const char *requirement,
			  struct ladder_form *out)
{
	char dl[48];

	form_common(out, s);
	out->kind = FORM_HANDOVER;
	out->step = STEP_NONE;
	append(out->title, sizeof(out->title), "交办单");
	ladder_form_number(FORM_HANDOVER, prefix, at.y, seq, out->number, sizeof(out->number));
	ladder_date_cn(due, dl, sizeof(dl));
	if (dl[0])
		append(out->deadline, sizeof(out->deadline), "%s前", dl);
	ladder_date_cn(at, out->issued, sizeof(out->issued));
	if (has_text(requirement))
		append(out->requirement, sizeof(out->requirement), "%s", requirement);
	else
		append(out->requirement, sizeof(out->requirement),
		       "请按任务要求认真组织落实，于%s完成，并按时报送进展情况。", out->deadline);
}

/* ------------------------------------------------------------------ */
/* 问责 and 销号                                                        */

int accountability_check(const struct accountability *r, const struct ladder_action *hist,
			 size_t n, struct err *e)
{
	const struct ladder_action *a = NULL;
	char d[DATE_ISO_LEN];

	if (r->ground <= GROUND_NONE || (unsigned)r->ground >= LADDER_NGROUNDS)
		return err_set(e, ERR_INPUT,
			       "问责：须写明事由（落实不力、进度滞后、效能低下或推诿扯皮）");
	if (r->measure <= MEASURE_NONE || (unsigned)r->measure >= ACCOUNT_NMEASURES)
		return err_set(e, ERR_INPUT, "问责：问责方式无效");
	if (r->measure == MEASURE_OTHER && !has_text(r->measure_text))
		return err_set(e, ERR_INPUT, "问责：问责方式为“其他”时须写明具体方式");
	if (!date_ok(r->decided_on))
		return err_set(e, ERR_INPUT, "问责：决定日期无效");
	if (!has_text(r->doc_no))
		return err_set(e, ERR_INPUT, "问责：未填写文号");
	if (r->action_id <= 0)
		return err_set(e, ERR_INPUT, "问责：须关联引起问责的督办记录");
	for (size_t i = 0; i < n; i++)
		if (hist[i].id == r->action_id)
			a = &hist[i];
	if (!a)
		return err_set(e, ERR_NOT_FOUND, "问责：关联的督办记录 %lld 不存在",
			       (long long)r->action_id);
	if (a->on != r->on || a->target_id != r->target_id)
		return err_set(e, ERR_INPUT, "问责：关联的督办记录不属于同一督办对象");
	if (date_cmp(a->issued_at, r->decided_on) > 0) {
		date_format_iso(a->issued_at, d);
		return err_set(e, ERR_INPUT, "问责：决定日期早于关联的%s（%s）",
			       ladder_step_label(a->step), d);
	}
	return 0;
}

int verification_check(const struct verification *v, enum lifecycle lc_at, struct err *e)
{
	if (!date_ok(v->verified_at))
		return err_set(e, ERR_INPUT, "销号：核验日期无效");
	if (!has_text(v->verified_by))
		return err_set(e, ERR_INPUT, "销号：未填写核验人");
	if (v->target_id <= 0)
		return err_set(e, ERR_INPUT, "销号：未指明销号对象");
	if (v->targets < 0 || v->targets_reached < 0 || v->targets_beaten < 0 ||
	    v->targets_reached > v->targets || v->targets_beaten > v->targets_reached)
		return err_set(e, ERR_INPUT,
			       "销号：指标数应满足 0 ≤ 超额完成数 ≤ 达成数 ≤ 指标总数（%d、%d、%d）",
			       v->targets_beaten, v->targets_reached, v->targets);
	switch (lc_at) {
	case LC_DONE:
		return 0;
	case LC_VERIFIED:
		return err_set(e, ERR_CONFLICT, "销号：已销号");
	case LC_WITHDRAWN:
		return err_set(e, ERR_CONFLICT, "销号：该任务已改派，不能销号");
	default:
		return err_set(e, ERR_CONFLICT, "销号：%s，尚未报告完成，不能销号",
			       lifecycle_label(lc_at));
	}
}
