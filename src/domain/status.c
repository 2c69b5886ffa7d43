/* The status engine (rules documented in status.h): judgements, reasons, summaries, config. */
#include "domain/status.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "util/kvconf.h"
#include "util/banned.h"

/* ------------------------------------------------------------------ */
/* Names                                                               */

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const lifecycle_labels[LC_COUNT] = {
	"尚未交办", "已改派", "待签收", "推进中", "已完成待核验", "已销号",
};
static const char *const lifecycle_names[LC_COUNT] = {
	"not_issued", "withdrawn", "pending_sign", "in_progress", "done", "verified",
};
static const char *const schedule_labels[SCHED_COUNT] = {
	"", "超进度", "达进度", "欠进度", "已完成",
};
static const char *const schedule_names[SCHED_COUNT] = {
	"", "ahead", "on_track", "behind", "done",
};
static const char *const rag_labels[RAG_COUNT] = { "", "绿", "黄", "红" };
static const char *const rag_names[RAG_COUNT] = { "", "green", "amber", "red" };
static const char *const flag_labels[STATUS_NFLAGS] = {
	"逾期未签收", "逾期未报", "逾期未完成", "连续滞后",
};
static const char *const flag_names[STATUS_NFLAGS] = {
	"sign_overdue", "report_overdue", "past_due", "lagging",
};
static const char *const likelihood_labels[LIKELIHOOD_COUNT] = {
	"", "很可能", "可能", "存疑", "难以完成",
};
static const char *const likelihood_names[LIKELIHOOD_COUNT] = {
	"", "very_likely", "likely", "doubtful", "unlikely",
};
static const enum rag likelihood_rags[LIKELIHOOD_COUNT] = {
	RAG_NONE, RAG_GREEN, RAG_GREEN, RAG_AMBER, RAG_RED,
};
static const char *const review_labels[] = { "待审核", "已通过", "已退办" };
static const char *const review_names[] = { "pending", "accepted", "returned" };

#define PICK(table, i) ((size_t)(i) < NELEM(table) ? (table)[(size_t)(i)] : "")

const char *lifecycle_label(enum lifecycle lc) { return PICK(lifecycle_labels, lc); }
const char *lifecycle_name(enum lifecycle lc) { return PICK(lifecycle_names, lc); }
const char *schedule_label(enum schedule s) { return PICK(schedule_labels, s); }
const char *schedule_name(enum schedule s) { return PICK(schedule_names, s); }
const char *rag_label(enum rag r) { return PICK(rag_labels, r); }
const char *rag_name(enum rag r) { return PICK(rag_names, r); }
const char *likelihood_label(enum likelihood l) { return PICK(likelihood_labels, l); }
const char *likelihood_name(enum likelihood l) { return PICK(likelihood_names, l); }
const char *review_label(enum review_state r) { return PICK(review_labels, r); }
const char *review_name(enum review_state r) { return PICK(review_names, r); }

static int flag_index(enum status_flag f)
{
	for (int i = 0; i < STATUS_NFLAGS; i++)
		if ((unsigned)f == 1u << i)
			return i;
	return -1;
}

const char *flag_label(enum status_flag f)
{
	int i = flag_index(f);

	return i < 0 ? "" : flag_labels[i];
}

const char *flag_name(enum status_flag f)
{
	int i = flag_index(f);

	return i < 0 ? "" : flag_names[i];
}

enum rag likelihood_rag(enum likelihood l)
{
	return (size_t)l < NELEM(likelihood_rags) ? likelihood_rags[l] : RAG_NONE;
}

const char *role_name(enum role r)
{
	return r == ROLE_LEAD ? "lead" : "co";
}

const char *role_label(enum role r)
{
	return r == ROLE_LEAD ? "牵头" : "配合";
}

int role_parse(const char *s, enum role *out)
{
	if (!strcmp(s, "lead") || !strcmp(s, "牵头") || !strcmp(s, "牵头单位"))
		*out = ROLE_LEAD;
	else if (!strcmp(s, "co") || !strcmp(s, "配合") || !strcmp(s, "配合单位"))
		*out = ROLE_CO;
	else
		return -1;
	return 0;
}

int likelihood_parse(const char *s, enum likelihood *out)
{
	for (size_t i = 1; i < LIKELIHOOD_COUNT; i++) {
		if (!strcmp(s, likelihood_names[i]) || !strcmp(s, likelihood_labels[i])) {
			*out = (enum likelihood)i;
			return 0;
		}
	}
	return -1;
}

int review_parse(const char *s, enum review_state *out)
{
	for (size_t i = 0; i < NELEM(review_names); i++) {
		if (!strcmp(s, review_names[i]) || !strcmp(s, review_labels[i])) {
			*out = (enum review_state)i;
			return 0;
		}
	}
	return -1;
}

/* ------------------------------------------------------------------ */
/* Small arithmetic                                                    */

/* An order-preserving integer key for a date; 0 for DATE_NONE. */
static inline long dk(struct date d)
{
	return ((long)d.y << 9) | ((long)d.m << 5) | (long)d.d;
}

/* Set, and on or before the day whose key is `day`. */
static inline bool known(struct date at, long day)
{
	return at.y != 0 && dk(at) <= day;
}

static struct date date_add_days(struct date d, long n)
{
	return date_from_days(date_to_days(d) + n);
}

/* A percent as hundredths of a point, rounded, clamped to 0..10000. */
static int to_cp(double p)
{
	if (!(p > 0))
		return 0;
	if (p >= 100)
		return 10000;
	return (int)(p * 100.0 + 0.5);
}

/* round(num * 10000 / den) for num, den > 0. */
static int ratio_cp(long long num, long long den)
{
	return (int)((num * 20000 + den) / (2 * den));
}

static bool same_period(struct period a, struct period b)
{
	return a.year == b.year && a.n == b.n && a.cadence == b.cadence;
}

/* ------------------------------------------------------------------ */
/* Reason text, written without printf (the engine runs a million times) */

struct w {
	char *p;
	size_t len, cap;
};

static void w_init(struct w *w, char *buf)
{
	w->p = buf;
	w->len = 0;
	w->cap = buf ? STATUS_WHY_MAX : 0;
	if (buf)
		buf[0] = '\0';
}

static void w_add_slow(struct w *w, const char *s, size_t n)
{
	if (!w->p)
		return;
	if (w->len + n >= w->cap) {
		if (w->len + 1 >= w->cap)
			return;
		n = w->cap - 1 - w->len;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;	/* do not split a UTF-8 character */
		w->cap = w->len + n + 1;	/* full from now on */
	}
	memcpy(w->p + w->len, s, n);
	w->len += n;
	w->p[w->len] = '\0';
}

static inline void w_add(struct w *w, const char *s, size_t n)
{
	if (w->len + n < w->cap) {	/* fits (never true without a buffer: cap 0) */
		memcpy(w->p + w->len, s, n);
		w->len += n;
		w->p[w->len] = '\0';
		return;
	}
	w_add_slow(w, s, n);
}

static inline void w_s(struct w *w, const char *s)
{
	w_add(w, s, strlen(s));
}

static void w_int(struct w *w, long v)
{
	char tmp[24];
	size_t i = sizeof(tmp);
	unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;

	do {
		tmp[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[--i] = '-';
	w_add(w, tmp + i, sizeof(tmp) - i);
}

/* Writes "58.33" into buf, returns its length. */
static size_t format_points(int cp, char buf[16])
{
	struct w w = { buf, 0, 16 };
	unsigned u = cp < 0 ? 0u - (unsigned)cp : (unsigned)cp;
	char frac[3];

	buf[0] = '\0';
	if (cp < 0)
		w_add(&w, "-", 1);
	w_int(&w, (long)(u / 100));
	if (u % 100) {
		frac[0] = '.';
		frac[1] = (char)('0' + u % 100 / 10);
		frac[2] = (char)('0' + u % 10);
		w_add(&w, frac, u % 10 ? 3 : 2);
	}
	return w.len;
}

void status_format_points(int cp, char buf[16])
{
	format_points(cp, buf);
}

static void w_cp(struct w *w, int cp)
{
	char buf[16];

	w_add(w, buf, format_points(cp, buf));
}

static void w_date(struct w *w, struct date d)
{
	char buf[DATE_ISO_LEN];
	unsigned y = (unsigned)d.y % 10000u, m = (unsigned)d.m % 100u, dd = (unsigned)d.d % 100u;

	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + dd / 10);
	buf[9] = (char)('0' + dd % 10);
	w_add(w, buf, 10);
}

static void w_period(struct w *w, struct period p)
{
	char buf[PERIOD_STR_LEN];

	period_format(p, buf);
	w_add(w, buf, period_is_set(p) ? PERIOD_STR_LEN - 1 : 0);
}

/* "2022-06 月报" */
static void w_period_label(struct w *w, struct period p)
{
	w_period(w, p);
	w_s(w, " ");
	w_s(w, cadence_label(p.cadence));
}

/* ------------------------------------------------------------------ */
/* The facts as known on one day                                       */

struct snap {
	bool issued, withdrawn, verified, complete, is_signed, past_due;
	enum dispute_state dispute;
	int rep;		/* counting report used, or -1 */
	int reported_cp;	/* -1 when none */
	int ext;		/* approved extension in force, or -1 */
	struct date due;
	int expected_cp;
	enum expected_basis basis;
	int step_ms;		/* step: milestone giving the value, or -1 */
	int first_ms;		/* first active milestone, or -1 */
	int unmet_ms;		/* latest passed milestone when unmet, or -1 */
	int unmet_cp;
	int gap_cp;
	bool red_gap, red_ms;
	enum rag rag;
};

static bool returned_by(const struct report_fact *r, long day)
{
	return r->review == REVIEW_RETURNED && known(r->reviewed_at, day);
}

/* The counting report of the latest period having one, on `day`; -1 if none. */
static int counting_report(const struct assignment_facts *f, enum cadence cad, long day)
{
	const struct report_fact *r = f->reports;
	size_t n = f->nreports, i = 0;
	int best = -1;

	while (i < n) {
		size_t j = i;
		int last = -1;

		while (j < n && same_period(r[j].period, r[i].period)) {
			if (known(r[j].submitted_at, day))
				last = (int)j;
			j++;
		}
		if (last >= 0 && r[i].period.cadence == cad && !returned_by(&r[last], day))
			best = last;
		i = j;
	}
	return best;
}

/* Milestone values: explicit expected, or interpolated by position. */
static bool ms_explicit(const struct milestone_fact *m)
{
	return m->expected > 0;
}

static int ms_value(const struct milestone_fact *ms, size_t lo, size_t hi, size_t j)
{
	long pj = (long)(j - lo) + 1, pa = 0, pb = (long)(hi - lo) + 1;
	int va = 0, vb = 10000;

	if (ms_explicit(&ms[j]))
		return to_cp(ms[j].expected);
	for (size_t i = j; i-- > lo;) {
		if (ms_explicit(&ms[i])) {
			pa = (long)(i - lo) + 1;
			va = to_cp(ms[i].expected);
			break;
		}
	}
	for (size_t i = j + 1; i < hi; i++) {
		if (ms_explicit(&ms[i])) {
			pb = (long)(i - lo) + 1;
			vb = to_cp(ms[i].expected);
			break;
		}
	}
	if (vb < va)
		return va;	/* decreasing explicit values: invalid facts */
	return va + ratio_cp((long long)(vb - va) * (pj - pa), (long long)(pb - pa) * 10000);
}

/*
 * 序时进度 on `day` with the due date `due`; fills the basis and the
 * milestone indices of s (step_ms, first_ms, unmet candidates need
 * reported_cp, so the passed milestone is returned through *passed).
 */
static int expected_at(const struct assignment_facts *f, const struct status_config *cfg,
		       struct date day, struct date due, struct snap *s, int *passed)
{
	const struct milestone_fact *ms = f->milestones;
	long dday = dk(day), dstart = dk(f->start), ddue = dk(due);
	size_t lo = 0, hi, n = f->nmilestones;
	int reached = -1;

	*passed = -1;
	s->step_ms = -1;
	s->first_ms = -1;
	s->basis = BASIS_LINEAR;
	while (lo < n && dk(ms[lo].due) < dstart)
		lo++;
	hi = lo;
	while (hi < n && dk(ms[hi].due) < ddue)
		hi++;
	if (hi > lo) {
		s->basis = cfg->curve == CURVE_RAMP ? BASIS_RAMP : BASIS_STEP;
		s->first_ms = (int)lo;
		for (size_t j = lo; j < hi && dk(ms[j].due) <= dday; j++) {
			reached = (int)j;
			if (dk(ms[j].due) < dday)
				*passed = (int)j;
		}
	}
	if (!f->start.y || dday >= ddue)
		return dday >= ddue ? 10000 : 0;
	if (dday < dstart)
		return 0;
	if (s->basis == BASIS_LINEAR) {
		long ds = date_to_days(f->start);
		return ratio_cp(date_to_days(day) - ds + 1, date_to_days(due) - ds + 1);
	}
	if (s->basis == BASIS_STEP) {
		s->step_ms = reached;
		return reached < 0 ? 0 : ms_value(ms, lo, hi, (size_t)reached);
	}
	/* ramp: the segment (t0, v0] .. (t1, v1] holding day */
	{
		long t0 = date_to_days(f->start) - 1, t1;
		int v0 = 0, v1;
		size_t next = reached < 0 ? lo : (size_t)reached + 1;

		if (reached >= 0) {
			t0 = date_to_days(ms[reached].due);
			v0 = ms_value(ms, lo, hi, (size_t)reached);
			if (t0 == date_to_days(day))
				return v0;
		}
		if (next < hi) {
			t1 = date_to_days(ms[next].due);
			v1 = ms_value(ms, lo, hi, next);
		} else {
			t1 = date_to_days(due);
			v1 = 10000;
		}
		if (v1 <= v0 || t1 <= t0)
			return v0;
		return v0 + ratio_cp((long long)(v1 - v0) * (date_to_days(day) - t0),
				     (long long)(t1 - t0) * 10000);
	}
}

/* The due date in force on `day`: the approved extension decided last, else the original. */
static struct date due_in_force(const struct assignment_facts *f, long day, int *ext)
{
	*ext = -1;
	for (size_t i = 0; i < f->nextensions; i++) {
		const struct extension *x = &f->extensions[i];

		if (x->state != EXT_APPROVED || !known(x->decided_at, day) || !x->new_due.y)
			continue;
		if (*ext < 0 || dk(x->decided_at) >= dk(f->extensions[*ext].decided_at))
			*ext = (int)i;
	}
	return *ext >= 0 ? f->extensions[*ext].new_due : f->due;
}

static void snap_at(const struct assignment_facts *f, const struct calendar *cal,
		    const struct status_config *cfg, struct date day, struct snap *s)
{
	long dday = dk(day);
	int passed, rep_cp;

	memset(s, 0, sizeof(*s));
	s->rep = s->ext = s->step_ms = s->first_ms = s->unmet_ms = -1;
	s->reported_cp = -1;
	s->due = f->due;
	s->issued = !f->handed_over.y || dk(f->handed_over) <= dday;
	if (!s->issued)
		return;

	s->dispute = DISPUTE_NONE;
	if (f->dispute.state != DISPUTE_NONE && known(f->dispute.raised_at, dday)) {
		s->dispute = DISPUTE_OPEN;
		if (f->dispute.state != DISPUTE_OPEN && known(f->dispute.decided_at, dday))
			s->dispute = f->dispute.state;
	}
	s->withdrawn = s->dispute == DISPUTE_UPHELD;
	if (s->withdrawn)
		return;
	s->verified = known(f->verified_at, dday);
	s->is_signed = known(f->signed_at, dday);

	s->rep = counting_report(f, cal->cadence, dday);
	if (s->rep >= 0)
		s->reported_cp = to_cp(f->reports[s->rep].percent);
	s->complete = s->verified || s->reported_cp >= 10000;

	s->due = due_in_force(f, dday, &s->ext);

	s->expected_cp = expected_at(f, cfg, day, s->due, s, &passed);
	rep_cp = s->reported_cp < 0 ? 0 : s->reported_cp;
	s->gap_cp = s->expected_cp - rep_cp;
	s->past_due = dday > dk(s->due);
	if (passed >= 0) {
		size_t lo = (size_t)s->first_ms, hi = lo;

		while (hi < f->nmilestones && dk(f->milestones[hi].due) < dk(s->due))
			hi++;
		s->unmet_cp = ms_value(f->milestones, lo, hi, (size_t)passed);
		if (rep_cp < s->unmet_cp)
			s->unmet_ms = passed;
	}

	if (s->complete) {
		s->rag = RAG_GREEN;
		return;
	}
	s->red_gap = s->gap_cp >= cfg->red_gap_cp;
	s->red_ms = s->unmet_ms >= 0;
	if (s->red_gap || s->red_ms || s->past_due)
		s->rag = RAG_RED;
	else if (s->gap_cp >= cfg->amber_gap_cp)
		s->rag = RAG_AMBER;
	else
		s->rag = RAG_GREEN;
}

int status_expected_cp(const struct assignment_facts *f, const struct status_config *cfg,
		       struct date as_of)
{
	struct snap s;
	int passed, ext;

	return expected_at(f, cfg, as_of, due_in_force(f, dk(as_of), &ext), &s, &passed);
}

/* ------------------------------------------------------------------ */
/* Overdue reports                                                     */

struct missing {
	int count;		/* overdue periods without a counting report */
	struct period latest;	/* the latest of them, or PERIOD_NONE */
	bool latest_is_last;	/* it is the latest overdue period */
	bool returned;		/* that period's latest version was returned */
	struct period last_due;	/* the latest overdue period */
};

static void find_missing(const struct assignment_facts *f, const struct calendar *cal,
			 const struct status_config *cfg, struct date as_of, struct missing *m)
{
	const struct report_fact *r = f->reports;
	struct period p1;
	long p0, last, expect, day = dk(as_of);
	size_t i = 0;
	struct date lim = cfg->report_grace_days
				  ? date_add_days(as_of, -(long)cfg->report_grace_days)
				  : as_of;

	memset(m, 0, sizeof(*m));
	if (!calendar_last_due_before(cal, lim, &p1))
		return;
	p0 = period_ord(cal->first);
	if (f->handed_over.y) {
		long ph = period_ord(period_first_due_on_or_after(cal->cadence, cal->due_day,
								   f->handed_over));
		if (ph > p0)
			p0 = ph;
	}
	last = period_ord(p1);
	if (last < p0)
		return;
	m->last_due = p1;
	expect = p0;
	while (i < f->nreports) {
		size_t j = i;
		int latest = -1;
		long ord;

		while (j < f->nreports && same_period(r[j].period, r[i].period)) {
			if (known(r[j].submitted_at, day))
				latest = (int)j;
			j++;
		}
		ord = period_ord(r[i].period);
		if (r[i].period.cadence == cal->cadence && ord >= expect && ord <= last &&
		    latest >= 0) {
			if (returned_by(&r[latest], day)) {
				if (ord == last)
					m->returned = true;
			} else {
				if (ord > expect) {
					m->count += (int)(ord - expect);
					m->latest = period_from_ord(cal->cadence, ord - 1);
				}
				expect = ord + 1;
			}
		}
		i = j;
	}
	if (expect <= last) {
		m->count += (int)(last - expect + 1);
		m->latest = p1;
		m->latest_is_last = true;
	}
}

/* ------------------------------------------------------------------ */
/* Reasons                                                             */

static void why_expected(struct w *w, const struct assignment_facts *f, const struct snap *s,
			 struct date as_of)
{
	w_s(w, "序时进度 ");
	w_cp(w, s->expected_cp);
	w_s(w, "%");
	if (s->basis == BASIS_STEP && dk(as_of) < dk(s->due)) {
		if (s->step_ms >= 0) {
			w_s(w, "（时间节点 ");
			w_date(w, f->milestones[s->step_ms].due);
			w_s(w, "）");
		} else if (s->first_ms >= 0) {
			w_s(w, "（首个时间节点 ");
			w_date(w, f->milestones[s->first_ms].due);
			w_s(w, " 前）");
		}
	} else if (s->basis == BASIS_RAMP && dk(as_of) < dk(s->due)) {
		w_s(w, "（按时间节点分段）");
	}
}

static void why_reported(struct w *w, const struct assignment_facts *f, const struct snap *s)
{
	if (s->rep < 0) {
		w_s(w, "尚无有效报告（按 0% 计）");
		return;
	}
	w_s(w, "已报 ");
	w_cp(w, s->reported_cp);
	w_s(w, "%（");
	w_period_label(w, f->reports[s->rep].period);
	w_s(w, "）");
}

static void why_gap(struct w *w, int gap)
{
	if (gap > 0) {
		w_s(w, "落后 ");
		w_cp(w, gap);
		w_s(w, " 个百分点");
	} else if (gap < 0) {
		w_s(w, "超前 ");
		w_cp(w, -gap);
		w_s(w, " 个百分点");
	} else {
		w_s(w, "与序时进度持平");
	}
}

static void why_lifecycle(struct w *w, const struct assignment_facts *f, const struct snap *s,
			  enum lifecycle lc)
{
	switch (lc) {
	case LC_NOT_ISSUED:
		w_s(w, "尚未交办（交办日期 ");
		w_date(w, f->handed_over);
		w_s(w, "）");
		break;
	case LC_WITHDRAWN:
		w_date(w, f->dispute.raised_at);
		w_s(w, " 退回，督查室于 ");
		w_date(w, f->dispute.decided_at);
		w_s(w, " 确认改派");
		break;
	case LC_VERIFIED:
		w_s(w, "已于 ");
		w_date(w, f->verified_at);
		w_s(w, " 核验销号");
		break;
	case LC_DONE:
		w_period_label(w, f->reports[s->rep].period);
		w_s(w, "称已完成 100%，待核验销号");
		break;
	case LC_IN_PROGRESS:
		w_s(w, "已于 ");
		w_date(w, f->signed_at);
		w_s(w, " 签收");
		break;
	case LC_PENDING_SIGN:
		if (s->dispute == DISPUTE_OPEN) {
			w_date(w, f->dispute.raised_at);
			w_s(w, " 退回（认为非本单位职责），待督查室确认或改派");
		} else if (s->dispute == DISPUTE_REJECTED) {
			w_s(w, "退回未获同意（");
			w_date(w, f->dispute.decided_at);
			w_s(w, " 确认由本单位承办），尚未签收");
		} else {
			if (f->handed_over.y) {
				w_date(w, f->handed_over);
				w_s(w, " 交办，");
			}
			w_s(w, "尚未签收");
		}
		break;
	}
}

static void why_schedule(struct w *w, const struct assignment_facts *f, const struct snap *s,
			 const struct status_config *cfg, enum schedule sc, struct date as_of)
{
	if (sc == SCHED_NONE)
		return;
	if (sc == SCHED_DONE) {
		if (s->verified) {
			w_s(w, "已销号");
		} else {
			w_s(w, "已完成（");
			w_period_label(w, f->reports[s->rep].period);
			w_s(w, "报 100%）");
		}
		return;
	}
	why_expected(w, f, s, as_of);
	w_s(w, "，");
	why_reported(w, f, s);
	w_s(w, "，");
	why_gap(w, s->gap_cp);
	if (sc == SCHED_ON && s->gap_cp != 0) {
		w_s(w, "（不足 ");
		w_cp(w, s->gap_cp > 0 ? cfg->behind_margin_cp : cfg->ahead_margin_cp);
		w_s(w, " 个百分点，视为达进度）");
	}
}

static void why_past_due(struct w *w, const struct assignment_facts *f, const struct snap *s)
{
	if (s->ext >= 0) {
		w_s(w, "（已批准延期，原定 ");
		w_date(w, f->due);
		w_s(w, "）");
	}
}

static void why_rag(struct w *w, const struct assignment_facts *f, const struct snap *s,
		    const struct status_config *cfg)
{
	const char *sep = "";
	int rep_cp = s->reported_cp < 0 ? 0 : s->reported_cp;

	if (s->rag == RAG_NONE)
		return;
	if (s->complete) {
		w_s(w, s->verified ? "已销号" : "已完成");
		return;
	}
	if (s->rag == RAG_RED) {
		if (s->red_gap) {
			w_s(w, "落后序时进度 ");
			w_cp(w, s->gap_cp);
			w_s(w, " 个百分点（红色界限 ");
			w_cp(w, cfg->red_gap_cp);
			w_s(w, "）");
			sep = "；";
		}
		if (s->red_ms) {
			w_s(w, sep);
			w_s(w, "时间节点 ");
			w_date(w, f->milestones[s->unmet_ms].due);
			w_s(w, " 已过未完成（应达 ");
			w_cp(w, s->unmet_cp);
			w_s(w, "%，已报 ");
			w_cp(w, rep_cp);
			w_s(w, "%）");
			sep = "；";
		}
		if (s->past_due) {
			w_s(w, sep);
			w_s(w, "已过完成时限 ");
			w_date(w, s->due);
			why_past_due(w, f, s);
			w_s(w, "，已报 ");
			w_cp(w, rep_cp);
			w_s(w, "%");
		}
		return;
	}
	if (s->rag == RAG_AMBER) {
		w_s(w, "落后序时进度 ");
		w_cp(w, s->gap_cp);
		w_s(w, " 个百分点（黄色界限 ");
		w_cp(w, cfg->amber_gap_cp);
		w_s(w, "）");
		return;
	}
	if (s->gap_cp > 0) {
		w_s(w, "落后序时进度 ");
		w_cp(w, s->gap_cp);
		w_s(w, " 个百分点，未到黄色界限 ");
		w_cp(w, cfg->amber_gap_cp);
	} else {
		w_s(w, "未落后序时进度");
	}
}

static void why_self(struct w *w, const struct snap *s, const struct status *st)
{
	if (st->rag == RAG_NONE)
		return;
	if (st->likelihood == LIKELIHOOD_NONE) {
		w_s(w, s->rep < 0 ? "尚无有效报告，无自评" : "单位未作自评");
		return;
	}
	w_s(w, "单位自评“");
	w_s(w, likelihood_label(st->likelihood));
	w_s(w, "”（");
	w_s(w, rag_label(st->self_rag));
	w_s(w, "）");
	if (s->complete) {
		w_s(w, "；已完成，不作比较");
	} else if (!st->disagree) {
		w_s(w, "，与计算结果一致");
	} else {
		w_s(w, "，计算为");
		w_s(w, rag_label(st->rag));
		w_s(w, st->self_worse ? "，二者不一致：单位判断比进度数据更悲观"
				      : "，二者不一致：单位判断比进度数据更乐观");
	}
}

/* ------------------------------------------------------------------ */
/* The engine                                                          */

void status_assess(const struct assignment_facts *f, const struct calendar *cal,
		   const struct status_config *cfg, struct date as_of,
		   struct status *out, struct status_why *why)
{
	struct snap s;
	struct missing miss;
	struct w w;
	enum lifecycle lc;
	bool active;

	snap_at(f, cal, cfg, as_of, &s);
	memset(out, 0, sizeof(*out));
	out->reported_cp = s.reported_cp;
	out->orig_due = f->due;
	out->due = s.due;

	if (!s.issued)
		lc = LC_NOT_ISSUED;
	else if (s.withdrawn)
		lc = LC_WITHDRAWN;
	else if (s.verified)
		lc = LC_VERIFIED;
	else if (s.complete)
		lc = LC_DONE;
	else if (s.is_signed)
		lc = LC_IN_PROGRESS;
	else
		lc = LC_PENDING_SIGN;
	out->lifecycle = lc;
	active = lc == LC_PENDING_SIGN || lc == LC_IN_PROGRESS;

	if (why) {
		w_init(&w, why->lifecycle);
		why_lifecycle(&w, f, &s, lc);
		why->schedule[0] = why->rag[0] = why->self[0] = '\0';
		for (int i = 0; i < STATUS_NFLAGS; i++)
			why->flag[i][0] = '\0';
	}
	if (!s.issued || s.withdrawn)
		return;

	out->basis = s.basis;
	out->expected_cp = s.expected_cp;
	out->gap_cp = s.gap_cp;
	out->rag = s.rag;
	if (s.rep >= 0) {
		out->period = f->reports[s.rep].period;
		out->likelihood = f->reports[s.rep].likelihood;
	}
	if (s.unmet_ms >= 0)
		out->milestone_unmet = f->milestones[s.unmet_ms].due;
	if (s.complete)
		out->schedule = SCHED_DONE;
	else if (s.gap_cp < 0 && -s.gap_cp >= cfg->ahead_margin_cp)
		out->schedule = SCHED_AHEAD;
	else if (s.gap_cp > 0 && s.gap_cp >= cfg->behind_margin_cp)
		out->schedule = SCHED_BEHIND;
	else
		out->schedule = SCHED_ON;
	out->self_rag = likelihood_rag(out->likelihood);
	if (out->self_rag != RAG_NONE && !s.complete && out->self_rag != out->rag) {
		out->disagree = true;
		out->self_worse = out->self_rag > out->rag;
	}
	for (size_t i = 0; i < f->nextensions; i++) {
		const struct extension *x = &f->extensions[i];

		if (known(x->requested_at, dk(as_of)) &&
		    (x->state == EXT_PENDING || !known(x->decided_at, dk(as_of))))
			out->ext_pending = true;
	}

	if (active) {
		/* 逾期未签收 */
		if (lc == LC_PENDING_SIGN && s.dispute != DISPUTE_OPEN && f->handed_over.y) {
			struct date from = s.dispute == DISPUTE_REJECTED ? f->dispute.decided_at
									  : f->handed_over;
			struct date deadline = date_add_days(from, cfg->sign_days);

			if (dk(as_of) > dk(deadline)) {
				out->flags |= FLAG_SIGN_OVERDUE;
				if (why) {
					w_init(&w, why->flag[0]);
					w_date(&w, from);
					w_s(&w, s.dispute == DISPUTE_REJECTED ? " 确认由本单位承办，应于 "
									      : " 交办，应于 ");
					w_date(&w, deadline);
					w_s(&w, " 前签收，至今未签收");
				}
			}
		}
		/* 逾期未报 */
		find_missing(f, cal, cfg, as_of, &miss);
		out->missing_reports = miss.count;
		out->overdue_period = miss.latest;
		if (miss.latest_is_last) {
			out->flags |= FLAG_REPORT_OVERDUE;
			if (why) {
				w_init(&w, why->flag[1]);
				w_period_label(&w, miss.latest);
				w_s(&w, miss.returned ? "被退办后未重报（应于 " : "逾期未报（应于 ");
				w_date(&w, calendar_due(cal, miss.latest));
				w_s(&w, " 前报送）");
				if (miss.count > 1) {
					w_s(&w, "；累计 ");
					w_int(&w, miss.count);
					w_s(&w, " 期未报");
				}
			}
		}
		/* 逾期未完成 */
		if (s.past_due) {
			out->flags |= FLAG_PAST_DUE;
			if (why) {
				w_init(&w, why->flag[2]);
				w_s(&w, "完成时限 ");
				w_date(&w, s.due);
				w_s(&w, " 已过");
				why_past_due(&w, f, &s);
				w_s(&w, "，已报 ");
				w_cp(&w, s.reported_cp < 0 ? 0 : s.reported_cp);
				w_s(&w, "%，尚未完成");
				for (size_t i = 0; i < f->nextensions; i++) {
					const struct extension *x = &f->extensions[i];

					if (known(x->requested_at, dk(as_of)) &&
					    (x->state == EXT_PENDING ||
					     !known(x->decided_at, dk(as_of)))) {
						w_s(&w, "；延期申请（至 ");
						w_date(&w, x->new_due);
						w_s(&w, "）待审批");
						break;
					}
				}
			}
		}
		/* 连续滞后 */
		if (cfg->lagging_periods > 0) {
			struct period p = period_of(cal->cadence, as_of), first = p;
			long pmin = period_ord(cal->first);
			int run = 0;

			if (f->handed_over.y) {
				long ph = period_ord(period_of(cal->cadence, f->handed_over));
				if (ph > pmin)
					pmin = ph;
			}
			if (dk(period_end(p)) > dk(as_of))
				p = period_add(p, -1);
			while (run < cfg->lagging_periods && period_ord(p) >= pmin) {
				struct snap past;

				snap_at(f, cal, cfg, period_end(p), &past);
				if (past.rag != RAG_RED)
					break;
				first = p;
				run++;
				p = period_add(p, -1);
			}
			out->lagging_run = run;
			if (run == cfg->lagging_periods) {
				out->flags |= FLAG_LAGGING;
				if (why) {
					w_init(&w, why->flag[3]);
					w_s(&w, "连续 ");
					w_int(&w, run);
					w_s(&w, " 期期末为红色（");
					w_period(&w, first);
					if (run > 1) {
						w_s(&w, " 至 ");
						w_period(&w, period_add(first, run - 1));
					}
					w_s(&w, "）");
				}
			}
		}
	}

	if (why) {
		w_init(&w, why->schedule);
		why_schedule(&w, f, &s, cfg, out->schedule, as_of);
		w_init(&w, why->rag);
		why_rag(&w, f, &s, cfg);
		w_init(&w, why->self);
		why_self(&w, &s, out);
	}
}

/* ------------------------------------------------------------------ */
/* Checking facts                                                      */

static bool date_ok(struct date d)
{
	return date_valid(d.y, d.m, d.d);
}

static int check_date(struct date d, bool required, const char *what, struct err *e)
{
	if (!d.y && !required)
		return 0;
	if (!d.y)
		return err_set(e, ERR_INPUT, "%s: 缺少日期", what);
	if (!date_ok(d))
		return err_set(e, ERR_INPUT, "%s: 日期 %d-%d-%d 无效", what, d.y, d.m, d.d);
	return 0;
}

int assignment_facts_check(const struct assignment_facts *f, const struct calendar *cal,
			   struct err *e)
{
	char what[96], pbuf[PERIOD_STR_LEN];

	if (check_date(f->handed_over, false, "交办日期", e) ||
	    check_date(f->signed_at, false, "签收日期", e) ||
	    check_date(f->start, true, "序时进度起算日期", e) ||
	    check_date(f->due, true, "完成时限", e) ||
	    check_date(f->verified_at, false, "销号日期", e))
		return -1;
	if (date_cmp(f->start, f->due) > 0)
		return err_set(e, ERR_INPUT, "完成时限早于序时进度起算日期");
	if (f->dispute.state != DISPUTE_NONE) {
		if (check_date(f->dispute.raised_at, true, "退回日期", e))
			return -1;
		if (f->dispute.state != DISPUTE_OPEN &&
		    check_date(f->dispute.decided_at, true, "退回处理日期", e))
			return -1;
	}
	for (size_t i = 0; i < f->nextensions; i++) {
		const struct extension *x = &f->extensions[i];

		snprintf(what, sizeof(what), "第 %zu 个延期申请", i + 1);
		if (check_date(x->requested_at, true, what, e) ||
		    check_date(x->new_due, true, what, e))
			return -1;
		if (x->state != EXT_PENDING && check_date(x->decided_at, true, what, e))
			return -1;
		if (date_cmp(x->new_due, f->due) <= 0)
			return err_set(e, ERR_INPUT, "%s: 申请的新时限应晚于原定完成时限", what);
	}
	for (size_t i = 0; i < f->nmilestones; i++) {
		const struct milestone_fact *m = &f->milestones[i];

		snprintf(what, sizeof(what), "第 %zu 个时间节点", i + 1);
		if (check_date(m->due, true, what, e))
			return -1;
		if (!(m->expected >= 0 && m->expected <= 100))
			return err_set(e, ERR_INPUT, "%s: 应达进度应在 0 到 100 之间", what);
		if (i > 0 && date_cmp(f->milestones[i - 1].due, m->due) > 0)
			return err_set(e, ERR_INPUT, "%s: 时间节点未按日期排序", what);
		for (size_t j = 0; j < i && ms_explicit(m); j++)
			if (ms_explicit(&f->milestones[j]) && f->milestones[j].expected > m->expected)
				return err_set(e, ERR_INPUT, "%s: 应达进度小于此前的时间节点", what);
	}
	for (size_t i = 0; i < f->nreports; i++) {
		const struct report_fact *r = &f->reports[i];

		period_format(r->period, pbuf);
		snprintf(what, sizeof(what), "第 %zu 份报告（%s 第 %d 版）", i + 1, pbuf, r->version);
		if (!period_valid(r->period))
			return err_set(e, ERR_INPUT, "%s: 报告期无效", what);
		if (r->period.cadence != cal->cadence)
			return err_set(e, ERR_INPUT, "%s: 报告期与报告周期（%s）不符", what,
				       cadence_label(cal->cadence));
		if (r->version < 1)
			return err_set(e, ERR_INPUT, "%s: 版本号应从 1 开始", what);
		if (i > 0) {
			const struct report_fact *q = &f->reports[i - 1];
			int c = period_cmp(q->period, r->period);

			if (c > 0 || (c == 0 && q->version >= r->version))
				return err_set(e, ERR_INPUT, "%s: 报告未按报告期和版本排序", what);
		}
		if (check_date(r->submitted_at, true, what, e))
			return -1;
		if (!(r->percent >= 0 && r->percent <= 100))
			return err_set(e, ERR_INPUT, "%s: 完成百分比应在 0 到 100 之间", what);
		if ((size_t)r->likelihood >= LIKELIHOOD_COUNT)
			return err_set(e, ERR_INPUT, "%s: 自评无效", what);
		if (r->review != REVIEW_PENDING && check_date(r->reviewed_at, true, what, e))
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Configuration                                                       */

void status_config_default(struct status_config *cfg)
{
	cfg->amber_gap_cp = 1000;
	cfg->red_gap_cp = 2500;
	cfg->ahead_margin_cp = 500;
	cfg->behind_margin_cp = 500;
	cfg->sign_days = 3;
	cfg->report_grace_days = 0;
	cfg->lagging_periods = 2;
	cfg->curve = CURVE_STEP;
}

enum key_kind { K_GAP, K_MARGIN, K_DAYS, K_PERIODS, K_CURVE };

static const struct cfg_key {
	const char *name;
	enum key_kind kind;
	size_t off;
	const char *comment;
} cfg_keys[] = {
	{ "amber_gap", K_GAP, offsetof(struct status_config, amber_gap_cp),
	  "落后序时进度达到此点数即为黄色" },
	{ "red_gap", K_GAP, offsetof(struct status_config, red_gap_cp),
	  "落后序时进度达到此点数即为红色（时间节点已过未完成、逾期未完成也为红色）" },
	{ "ahead_margin", K_MARGIN, offsetof(struct status_config, ahead_margin_cp),
	  "超前序时进度达到此点数为超进度" },
	{ "behind_margin", K_MARGIN, offsetof(struct status_config, behind_margin_cp),
	  "落后序时进度达到此点数为欠进度（0：凡落后即为欠进度）" },
	{ "sign_days", K_DAYS, offsetof(struct status_config, sign_days),
	  "交办后超过此天数未签收为逾期未签收" },
	{ "report_grace_days", K_DAYS, offsetof(struct status_config, report_grace_days),
	  "报送日后超过此天数未报为逾期未报" },
	{ "lagging_periods", K_PERIODS, offsetof(struct status_config, lagging_periods),
	  "连续此数期期末为红色为连续滞后（0：不判断）" },
	{ "milestone_curve", K_CURVE, offsetof(struct status_config, curve),
	  "有时间节点时的序时进度：step（到节点跳升）或 ramp（节点间线性）" },
};

static const char *kind_expect(enum key_kind k)
{
	switch (k) {
	case K_GAP:
		return "0.01 到 100 之间的点数（最多两位小数）";
	case K_MARGIN:
		return "0 到 100 之间的点数（最多两位小数）";
	case K_DAYS:
		return "0 到 365 之间的整数天数";
	case K_PERIODS:
		return "0 到 24 之间的整数";
	case K_CURVE:
		return "step 或 ramp";
	}
	return "";
}

/* Decimal points "12" / "12.5" / "12.25" to hundredths; -1 if malformed. */
static long parse_points(const char *s)
{
	long v = 0;
	int ndig = 0, nfrac = -1;

	for (; *s; s++) {
		if (*s == '.' && nfrac < 0 && ndig > 0) {
			nfrac = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || ndig > 6)
			return -1;
		v = v * 10 + (*s - '0');
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

static int set_value(struct status_config *cfg, const struct cfg_key *k, const char *val)
{
	int *field = (int *)(void *)((char *)cfg + k->off);
	long v;

	switch (k->kind) {
	case K_GAP:
		v = parse_points(val);
		if (v < 1 || v > 10000)
			return -1;
		break;
	case K_MARGIN:
		v = parse_points(val);
		if (v < 0 || v > 10000)
			return -1;
		break;
	case K_DAYS:
		v = parse_uint(val);
		if (v < 0 || v > 365)
			return -1;
		break;
	case K_PERIODS:
		v = parse_uint(val);
		if (v < 0 || v > STATUS_MAX_LAGGING)
			return -1;
		break;
	case K_CURVE:
		if (!strcmp(val, "step"))
			cfg->curve = CURVE_STEP;
		else if (!strcmp(val, "ramp"))
			cfg->curve = CURVE_RAMP;
		else
			return -1;
		return 0;
	default:
		return -1;
	}
	*field = (int)v;
	return 0;
}

static int check_config(const struct status_config *cfg, const char *where, struct err *e)
{
	char a[16], r[16];

	if (cfg->amber_gap_cp < 1 || cfg->amber_gap_cp > 10000 || cfg->red_gap_cp < 1 ||
	    cfg->red_gap_cp > 10000)
		return err_set(e, ERR_INPUT, "%s配置无效：amber_gap、red_gap 应为 %s", where,
			       kind_expect(K_GAP));
	if (cfg->ahead_margin_cp < 0 || cfg->ahead_margin_cp > 10000 ||
	    cfg->behind_margin_cp < 0 || cfg->behind_margin_cp > 10000)
		return err_set(e, ERR_INPUT, "%s配置无效：ahead_margin、behind_margin 应为 %s",
			       where, kind_expect(K_MARGIN));
	if (cfg->sign_days < 0 || cfg->sign_days > 365 || cfg->report_grace_days < 0 ||
	    cfg->report_grace_days > 365)
		return err_set(e, ERR_INPUT, "%s配置无效：sign_days、report_grace_days 应为 %s",
			       where, kind_expect(K_DAYS));
	if (cfg->lagging_periods < 0 || cfg->lagging_periods > STATUS_MAX_LAGGING)
		return err_set(e, ERR_INPUT, "%s配置无效：lagging_periods 应为 %s", where,
			       kind_expect(K_PERIODS));
	if (cfg->curve != CURVE_STEP && cfg->curve != CURVE_RAMP)
		return err_set(e, ERR_INPUT, "%s配置无效：milestone_curve 应为 %s", where,
			       kind_expect(K_CURVE));
	if (cfg->amber_gap_cp > cfg->red_gap_cp) {
		status_format_points(cfg->amber_gap_cp, a);
		status_format_points(cfg->red_gap_cp, r);
		return err_set(e, ERR_INPUT, "%samber_gap（%s）不能大于 red_gap（%s）", where, a, r);
	}
	return 0;
}

int status_config_check(const struct status_config *cfg, struct err *e)
{
	return check_config(cfg, "", e);
}

/* status_config_parse's state between items. */
struct status_parse {
	struct status_config tmp;
	int seen[NELEM(cfg_keys)];
	int gap_line;
	const char *file;
};

static int status_item(void *ctx, const struct kvconf_item *it, struct err *e)
{
	struct status_parse *sp = ctx;
	const struct cfg_key *k = NULL;
	char val[64];

	for (size_t i = 0; i < NELEM(cfg_keys); i++)
		if (kvconf_key_is(it, cfg_keys[i].name))
			k = &cfg_keys[i];
	if (!k)
		return kvconf_unknown(e, sp->file, it);
	if (sp->seen[k - cfg_keys])
		return kvconf_duplicate(e, sp->file, it, k->name, sp->seen[k - cfg_keys]);
	sp->seen[k - cfg_keys] = it->lineno;
	if (it->vlen >= sizeof(val))
		return kvconf_bad_value(e, sp->file, it, k->name, kind_expect(k->kind));
	memcpy(val, it->val, it->vlen);
	val[it->vlen] = '\0';
	if (set_value(&sp->tmp, k, val))
		return kvconf_bad_value(e, sp->file, it, k->name, kind_expect(k->kind));
	if (k->kind == K_GAP)
		sp->gap_line = it->lineno;
	return 0;
}

int status_config_parse(struct status_config *cfg, const char *text, const char *file,
			struct err *e)
{
	struct status_parse sp;
	char where[300];

	memset(&sp, 0, sizeof(sp));
	sp.tmp = *cfg;
	sp.file = file ? file : "config";
	if (kvconf_parse(text, sp.file, status_item, &sp, e))
		return -1;
	if (sp.gap_line)
		snprintf(where, sizeof(where), "%s:%d: ", sp.file, sp.gap_line);
	else
		snprintf(where, sizeof(where), "%s: ", sp.file);
	if (check_config(&sp.tmp, where, e))
		return -1;
	*cfg = sp.tmp;
	return 0;
}

void status_config_write(const struct status_config *cfg, char *buf, size_t cap)
{
	size_t len = 0;
	char v[16];

	if (!cap)
		return;
	buf[0] = '\0';
	len += (size_t)snprintf(buf, cap, "# duban 状态判断配置（规则见 src/domain/status.h）\n");
	for (size_t i = 0; i < NELEM(cfg_keys) && len < cap; i++) {
		const struct cfg_key *k = &cfg_keys[i];
		const int *iv = (const int *)(const void *)((const char *)cfg + k->off);

		if (k->kind == K_CURVE)
			snprintf(v, sizeof(v), "%s", cfg->curve == CURVE_RAMP ? "ramp" : "step");
		else if (k->kind == K_GAP || k->kind == K_MARGIN)
			status_format_points(*iv, v);
		else
			snprintf(v, sizeof(v), "%d", *iv);
		len += (size_t)snprintf(buf + len, cap - len, "# %s\n%s = %s\n", k->comment,
					k->name, v);
	}
}

/* ------------------------------------------------------------------ */
/* Aggregation                                                         */

static int popcount4(unsigned f)
{
	int n = 0;

	for (; f; f &= f - 1)
		n++;
	return n;
}

/* Is a worse than b: redder, then further behind, then more flags. */
static bool worse(const struct status *a, const struct status *b)
{
	if (a->rag != b->rag)
		return a->rag > b->rag;
	if (a->gap_cp != b->gap_cp)
		return a->gap_cp > b->gap_cp;
	return popcount4(a->flags) > popcount4(b->flags);
}

static bool counted(const struct status *st)
{
	return st->lifecycle != LC_NOT_ISSUED && st->lifecycle != LC_WITHDRAWN;
}

void task_status_init(struct task_status *ts)
{
	memset(ts, 0, sizeof(*ts));
	ts->lead = ts->worst_co = ts->worst = -1;
}

void task_status_add(struct task_status *ts, const struct status *st, enum role role, int index)
{
	if (!counted(st)) {
		if (st->lifecycle == LC_WITHDRAWN)
			ts->n_withdrawn++;
		else
			ts->n_not_issued++;
		return;
	}
	if (ts->n == 0 || st->lifecycle < ts->lifecycle)
		ts->lifecycle = st->lifecycle;
	ts->n++;
	ts->flags |= st->flags;
	ts->by_rag[st->rag]++;
	if (st->disagree)
		ts->disagree++;
	if (st->rag > ts->rag_worst)
		ts->rag_worst = st->rag;
	if (role == ROLE_LEAD && ts->lead < 0) {
		ts->lead = index;
		ts->lead_status = *st;
	} else if (ts->worst_co < 0 || worse(st, &ts->worst_co_status)) {
		ts->worst_co = index;
		ts->worst_co_status = *st;
	}
	if (ts->worst < 0 || worse(st, &ts->worst_status)) {
		ts->worst = index;
		ts->worst_status = *st;
	}
	ts->rag = ts->lead >= 0 ? ts->lead_status.rag : ts->rag_worst;
}

void task_status_describe(const struct task_status *ts, char *buf, size_t cap)
{
	size_t len = 0;

#define ADDF(...)                                                              \
	do {                                                                   \
		if (len < cap)                                                 \
			len += (size_t)snprintf(buf + len, cap - len, __VA_ARGS__); \
	} while (0)
	if (!cap)
		return;
	buf[0] = '\0';
	if (ts->n == 0) {
		ADDF("无在办单位");
		return;
	}
	if (ts->lead >= 0)
		ADDF("牵头单位：%s（%s）", rag_label(ts->lead_status.rag),
		     ts->lead_status.schedule ? schedule_label(ts->lead_status.schedule)
					      : lifecycle_label(ts->lead_status.lifecycle));
	else
		ADDF("无牵头单位，最差：%s", rag_label(ts->rag_worst));
	if (ts->worst_co >= 0)
		ADDF("；配合单位最差：%s", rag_label(ts->worst_co_status.rag));
	ADDF("；共 %zu 家：红 %zu、黄 %zu、绿 %zu", ts->n, ts->by_rag[RAG_RED],
	     ts->by_rag[RAG_AMBER], ts->by_rag[RAG_GREEN]);
	for (int i = 0; i < STATUS_NFLAGS; i++)
		if (ts->flags & (1u << i))
			ADDF("；有%s", flag_labels[i]);
	if (ts->disagree)
		ADDF("；自评与计算不一致 %zu 家", ts->disagree);
}

void unit_summary_init(struct unit_summary *us)
{
	memset(us, 0, sizeof(*us));
}

void unit_summary_add(struct unit_summary *us, const struct status *st, enum role role)
{
	if (!counted(st)) {
		if (st->lifecycle == LC_WITHDRAWN)
			us->n_withdrawn++;
		else
			us->n_not_issued++;
		return;
	}
	us->n++;
	if (role == ROLE_LEAD)
		us->n_lead++;
	us->by_lifecycle[st->lifecycle]++;
	us->by_schedule[st->schedule]++;
	us->by_rag[st->rag]++;
	for (int i = 0; i < STATUS_NFLAGS; i++)
		if (st->flags & (1u << i))
			us->by_flag[i]++;
	if (st->disagree) {
		us->disagree++;
		if (st->self_worse)
			us->self_worse++;
		else
			us->self_better++;
	}
	us->missing_reports += (size_t)st->missing_reports;
}

void unit_summary_describe(const struct unit_summary *us, char *buf, size_t cap)
{
	size_t len = 0;

	if (!cap)
		return;
	buf[0] = '\0';
	ADDF("共 %zu 项（牵头 %zu 项）：红 %zu、黄 %zu、绿 %zu", us->n, us->n_lead,
	     us->by_rag[RAG_RED], us->by_rag[RAG_AMBER], us->by_rag[RAG_GREEN]);
	if (us->by_lifecycle[LC_DONE] || us->by_lifecycle[LC_VERIFIED])
		ADDF("；已完成 %zu 项（已销号 %zu 项）",
		     us->by_lifecycle[LC_DONE] + us->by_lifecycle[LC_VERIFIED],
		     us->by_lifecycle[LC_VERIFIED]);
	for (int i = 0; i < STATUS_NFLAGS; i++)
		if (us->by_flag[i])
			ADDF("；%s %zu 项", flag_labels[i], us->by_flag[i]);
	if (us->disagree)
		ADDF("；自评与计算不一致 %zu 项（自评更悲观 %zu 项）", us->disagree,
		     us->self_worse);
#undef ADDF
}
