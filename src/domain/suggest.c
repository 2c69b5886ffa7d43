/* Suggestions of the next ladder step from status and ladder history (rules in suggest.h). */
#include "domain/suggest.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "util/banned.h"

static const char *const cause_labels[SUGGEST_NCAUSES] = {
	"督办逾期未回复", "逾期未完成", "时间节点已过未完成", "连续滞后", "逾期未报", "逾期未签收",
};
static const char *const cause_names[SUGGEST_NCAUSES] = {
	"unanswered", "past_due", "milestone", "lagging", "report", "sign",
};

static int cause_index(enum suggest_cause c)
{
	for (int i = 0; i < SUGGEST_NCAUSES; i++)
		if ((unsigned)c == 1u << i)
			return i;
	return -1;
}

const char *suggest_cause_label(enum suggest_cause c)
{
	int i = cause_index(c);

	return i < 0 ? "" : cause_labels[i];
}

const char *suggest_cause_name(enum suggest_cause c)
{
	int i = cause_index(c);

	return i < 0 ? "" : cause_names[i];
}

bool suggest_keys_contain(const char *list, const char *key)
{
	size_t kl;

	if (!list || !key || !*key)
		return false;
	kl = strlen(key);
	for (const char *p = list; *p;) {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == kl && !memcmp(p, key, kl))
			return true;
		if (!end)
			break;
		p = end + 1;
	}
	return false;
}

/* ------------------------------------------------------------------ */

/* Cut back to a whole UTF-8 character after a truncating vsnprintf. */
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

/* One proposed step of one assignment, causes merged. */
struct slot {
	unsigned causes;
	enum ladder_ground ground;
	int64_t after;
	char keys[SUGGEST_KEYS_MAX];
	char reason[SUGGEST_REASON_MAX];
};

static void propose(struct slot *slots, enum ladder_step step, enum suggest_cause c,
		    const char *key, enum ladder_ground g, const char *words, int64_t after)
{
	struct slot *s = &slots[step];

	if (!s->causes)
		s->ground = g;
	s->causes |= (unsigned)c;
	if (after)
		s->after = after;
	append(s->keys, sizeof(s->keys), "%s%s", s->keys[0] ? ";" : "", key);
	append(s->reason, sizeof(s->reason), "%s%s", s->reason[0] ? "；" : "", words);
}

static bool silenced(const struct suggest_input *in, const char *key,
		     const struct suggest_dismissal *dis, size_t ndis, struct date as_of)
{
	for (size_t i = 0; i < ndis; i++)
		if (dis[i].assignment_id == in->assignment_id && dis[i].key &&
		    !strcmp(dis[i].key, key) && date_is_set(dis[i].dismissed_at) &&
		    date_cmp(dis[i].dismissed_at, as_of) <= 0)
			return true;
	for (size_t i = 0; i < in->nactions; i++)
		if (date_is_set(in->actions[i].issued_at) &&
		    date_cmp(in->actions[i].issued_at, as_of) <= 0 &&
		    suggest_keys_contain(in->actions[i].cause, key))
			return true;
	return false;
}

/* The step the progress causes propose at this ladder state (STEP_NONE: silent). */
static enum ladder_step progress_step(const struct ladder_state *ls)
{
	if (ls->level < STEP_BLUE)
		return STEP_BLUE;
	if (ls->level >= STEP_RED)
		return STEP_NONE;
	if (ls->reply == REPLY_WAITING || ls->reply == REPLY_OVERDUE)
		return STEP_NONE;
	return ladder_next(ls->level);
}

static const char *advice(enum ladder_step s)
{
	return ladder_step_is_grade(s) ? "建议发" : "建议";
}

/* The latest period of the calendar's cadence that has ended on D. */
static struct period last_ended(const struct calendar *cal, struct date as_of)
{
	struct period p = period_of(cal->cadence, as_of);

	if (date_cmp(period_end(p), as_of) > 0)
		p = period_add(p, -1);
	return p;
}

static void one_input(const struct suggest_input *in, size_t idx,
		      const struct suggest_dismissal *dis, size_t ndis, struct date as_of,
		      struct suggestions *out)
{
	const struct status *st = in->status;
	struct slot slots[LADDER_NSTEPS];
	struct ladder_state ls;
	enum ladder_step pstep;
	char key[64], words[256], d[DATE_ISO_LEN], p[PERIOD_STR_LEN], no[64];

	if (!st || (st->lifecycle != LC_PENDING_SIGN && st->lifecycle != LC_IN_PROGRESS))
		return;
	memset(slots, 0, sizeof(slots));
	ladder_state_at(in->actions, in->nactions, in->verified_at, as_of, &ls);

	/* an unanswered notice → the next step */
	if (ls.top >= 0 && ls.reply == REPLY_OVERDUE && ls.level < STEP_ACCOUNT) {
		const struct ladder_action *t = &in->actions[ls.top];

		snprintf(key, sizeof(key), "unanswered:%lld", (long long)t->id);
		if (!silenced(in, key, dis, ndis, as_of)) {
			ladder_form_number(ladder_step_form(t->step), t->form_prefix, t->form_year,
					   t->form_seq, no, sizeof(no));
			date_format_iso(t->reply_due, d);
			words[0] = '\0';
			append(words, sizeof(words), "%s%s%s%s应于 %s 前回复，逾期未回复",
			       ladder_step_label(t->step), no[0] ? "（" : "", no, no[0] ? "）" : "",
			       d);
			propose(slots, ladder_next(ls.level), CAUSE_UNANSWERED, key,
				t->ground != GROUND_NONE ? t->ground : GROUND_INEFFICIENT, words,
				t->id);
		}
	}

	/* progress: past due, milestone unmet, lagging → a 督查单 */
	pstep = progress_step(&ls);
	if (pstep != STEP_NONE && (st->flags & FLAG_PAST_DUE)) {
		date_format_iso(st->due, d);
		snprintf(key, sizeof(key), "past_due:%s", d);
		if (!silenced(in, key, dis, ndis, as_of)) {
			snprintf(words, sizeof(words), "已过完成时限 %s 仍未完成", d);
			propose(slots, pstep, CAUSE_PAST_DUE, key, GROUND_BEHIND, words, 0);
		}
	}
	if (pstep != STEP_NONE && date_is_set(st->milestone_unmet)) {
		date_format_iso(st->milestone_unmet, d);
		snprintf(key, sizeof(key), "milestone:%s", d);
		if (!silenced(in, key, dis, ndis, as_of)) {
			snprintf(words, sizeof(words), "时间节点 %s 已过未完成", d);
			propose(slots, pstep, CAUSE_MILESTONE, key, GROUND_BEHIND, words, 0);
		}
	}
	if (pstep != STEP_NONE && (st->flags & FLAG_LAGGING) && in->cal) {
		period_format(last_ended(in->cal, as_of), p);
		snprintf(key, sizeof(key), "lagging:%s", p);
		if (!silenced(in, key, dis, ndis, as_of)) {
			snprintf(words, sizeof(words), "连续 %d 期期末为红色（截至 %s）",
				 st->lagging_run, p);
			propose(slots, pstep, CAUSE_LAGGING, key, GROUND_BEHIND, words, 0);
		}
	}

	/* a missing report → 催办 */
	if ((st->flags & FLAG_REPORT_OVERDUE) && period_is_set(st->overdue_period)) {
		period_format(st->overdue_period, p);
		snprintf(key, sizeof(key), "report:%s", p);
		if (!silenced(in, key, dis, ndis, as_of)) {
			words[0] = '\0';
			append(words, sizeof(words), "%s %s逾期未报", p,
			       cadence_label(st->overdue_period.cadence));
			if (in->cal) {
				date_format_iso(calendar_due(in->cal, st->overdue_period), d);
				append(words, sizeof(words), "（应于 %s 前报送）", d);
			}
			if (st->missing_reports > 1)
				append(words, sizeof(words), "，共 %d 期未报", st->missing_reports);
			propose(slots, STEP_URGE, CAUSE_REPORT, key, GROUND_INEFFECTIVE, words, 0);
		}
	}

	/* not signed for → 提醒 */
	if ((st->flags & FLAG_SIGN_OVERDUE) && !silenced(in, "sign", dis, ndis, as_of))
		propose(slots, STEP_REMIND, CAUSE_SIGN, "sign", GROUND_INEFFECTIVE,
			"交办后逾期未签收", 0);

	for (int s = LADDER_NSTEPS - 1; s > STEP_NONE; s--) {
		struct slot *sl = &slots[s];
		struct suggestion *g;
		char why[LADDER_WHY_MAX];
		enum ladder_basis b;
		int days;

		if (!sl->causes)
			continue;
		b = ladder_judge(in->actions, in->nactions, in->verified_at, as_of,
				 (enum ladder_step)s, why);
		if (b == LADDER_REFUSED)
			continue;
		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		g = &out->v[out->n++];
		memset(g, 0, sizeof(*g));
		g->input = idx;
		g->assignment_id = in->assignment_id;
		g->step = (enum ladder_step)s;
		g->ground = sl->ground;
		g->basis = b;
		g->causes = sl->causes;
		g->after_action = sl->after;
		days = ladder_default_reply_days(g->step);
		g->reply_due = days ? date_from_days(date_to_days(as_of) + days) : DATE_NONE;
		memcpy(g->keys, sl->keys, sizeof(g->keys));
		memcpy(g->reason, sl->reason, sizeof(g->reason));
		append(g->reason, sizeof(g->reason), " → %s%s", advice(g->step),
		       ladder_step_label(g->step));
	}
}

void suggest_run(const struct suggest_input *in, size_t n, const struct suggest_dismissal *dis,
		 size_t ndis, struct date as_of, struct suggestions *out)
{
	for (size_t i = 0; i < n; i++)
		one_input(&in[i], i, dis, ndis, as_of, out);
}

void suggestions_release(struct suggestions *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->alloc = 0;
}
