/* The progress bulletin of a period: status, causes, missing reports, notices, ranking, and the change since the last one issued. */
#include "service/bulletin_service.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/assess_service.h"
#include "service/audit.h"
#include "service/plan_service.h"
#include "service/supervision_service.h"
#include "store/store_supervision.h"
#include "util/strbuf.h"
#include "util/strmap.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define TASK_TEXT_MAX 60	/* characters of a task shown in a list */

void svc_bulletin_init(struct svc_bulletin *b)
{
	memset(b, 0, sizeof(*b));
	arena_init(&b->arena, 0);
}

void svc_bulletin_release(struct svc_bulletin *b)
{
	arena_release(&b->arena);
	free(b->summary);
	svc_bulletin_init(b);
}

/* ---- words ---- */

static const char *cn_date(struct arena *a, struct date d)
{
	return date_is_set(d) ? arena_printf(a, "%d年%d月%d日", d.y, d.m, d.d) : "";
}

static const char *iso_date(struct arena *a, struct date d)
{
	char buf[DATE_ISO_LEN];

	date_format_iso(d, buf);
	return arena_strdup(a, buf);
}

static const char *period_words(struct arena *a, struct period p)
{
	static const char *const q[] = { "", "一", "二", "三", "四" };

	if (p.cadence == CADENCE_QUARTERLY)
		return arena_printf(a, "%d年第%s季度", p.year, q[p.n >= 1 && p.n <= 4 ? p.n : 0]);
	return arena_printf(a, "%d年%d月", p.year, p.n);
}

/* The first `max` characters of s, with "…" when cut. */
static const char *shorten(struct arena *a, const char *s, size_t max)
{
	size_t i = 0, chars = 0, len = s ? strlen(s) : 0;

	if (!s)
		return "";
	while (i < len && chars < max) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (!n)
			n = 1;
		i += n;
		chars++;
	}
	if (i >= len)
		return arena_strdup(a, s);
	return arena_printf(a, "%.*s…", (int)i, s);
}

static const char *pts(struct arena *a, int cp)
{
	char p[16];

	status_format_points(cp, p);
	return arena_strdup(a, p);
}

static const char *pct(struct arena *a, int cp)
{
	return arena_printf(a, "%s%%", pts(a, cp));
}

/* ---- the previous bulletin's summary ---- */

struct prev {
	bool has;
	const char *period;
	struct bulletin_totals totals;
	json_t *root;		/* owns what the fields below point at */
	json_t *rag;		/* object: task no -> rag name */
	json_t *lagging;	/* object: task no -> { cause, runs } */
	json_t *overdue;
};

static int jint(json_t *o, const char *k)
{
	return (int)json_integer_value(json_object_get(o, k));
}

static int prev_load(struct store *st, int64_t plan_id, struct period p, struct date as_of,
		     struct arena *a, struct prev *out, int *nissued, int *this_no,
		     struct err *e)
{
	struct store_bulletin_list l;
	const struct store_bulletin *best = NULL;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	*this_no = 0;
	store_bulletin_list_init(&l);
	if (store_bulletins_list(st, plan_id, &l, e))
		goto out;
	*nissued = (int)l.n;
	for (size_t i = 0; i < l.n; i++) {
		const struct store_bulletin *b = &l.v[i];

		if (!period_cmp(b->period, p) && b->period.cadence == p.cadence) {
			*this_no = b->issue_no;
			continue;
		}
		if (date_cmp(b->as_of, as_of) < 0 && (!best || date_cmp(b->as_of, best->as_of) >= 0))
			best = b;
	}
	if (best) {
		json_t *t;
		char pb[PERIOD_STR_LEN];

		out->root = json_loads(best->summary, 0, NULL);
		if (!out->root || !json_is_object(out->root)) {
			err_set(e, ERR_STORE, "数据库内容有误：第 %d 期通报的摘要不是 JSON",
				best->issue_no);
			goto out;
		}
		out->has = true;
		period_format(best->period, pb);
		out->period = arena_strdup(a, pb);
		t = json_object_get(out->root, "totals");
		out->totals.ahead = jint(t, "ahead");
		out->totals.on = jint(t, "on");
		out->totals.behind = jint(t, "behind");
		out->totals.done = jint(t, "done");
		out->totals.other = jint(t, "other");
		out->totals.total = jint(t, "total");
		out->rag = json_object_get(out->root, "rag");
		out->lagging = json_object_get(out->root, "lagging");
		out->overdue = json_object_get(out->root, "overdue");
	}
	ret = 0;
out:
	store_bulletin_list_release(&l);
	return ret;
}

/* Runs and repeated cause of task `no` in the previous list `list`. */
static void prev_runs(const struct prev *pv, json_t *list, int no, struct bulletin_task *t)
{
	char key[16];
	json_t *x;

	t->runs = 1;
	if (!pv->has || !list)
		return;
	snprintf(key, sizeof(key), "%d", no);
	x = json_object_get(list, key);
	if (!x)
		return;
	t->runs = jint(x, "runs") + 1;
	t->cause_repeated = *t->cause && json_string_value(json_object_get(x, "cause")) &&
			    !strcmp(json_string_value(json_object_get(x, "cause")), t->cause);
}

/* ---- building ---- */

struct grow {
	struct bulletin_task *v;
	size_t n, alloc;
};

static struct bulletin_task *grow_add(struct grow *g)
{
	ALLOC_GROW(g->v, g->n + 1, g->alloc);
	memset(&g->v[g->n], 0, sizeof(g->v[0]));
	return &g->v[g->n++];
}

/* Copy a grown list into the arena. */
static const struct bulletin_task *to_arena(struct arena *a, struct grow *g, size_t *n)
{
	struct bulletin_task *v = NULL;

	*n = g->n;
	if (g->n) {
		v = arena_alloc(a, g->n * sizeof(*v));
		memcpy(v, g->v, g->n * sizeof(*v));
	}
	free(g->v);
	memset(g, 0, sizeof(*g));
	return v;
}

/* The headline item of task t, or -1. */
static long headline(const struct svc_status *s, size_t t)
{
	const struct task_status *ts = &s->tasks[t].ts;
	int hi = ts->lead >= 0 ? ts->lead : ts->worst;

	return hi < 0 ? -1 : (long)(s->tasks[t].first + (size_t)hi);
}

/* The cause (存在问题) in the report item i's unit uses on day `day`. */
static int cause_of(struct store *st, const struct svc_status *s, size_t i, struct date day,
		    struct arena *a, const char **out, struct err *e)
{
	struct svc_assignment_record r;
	const struct store_report *rp;
	int rc = -1;

	*out = "";
	svc_assignment_record_init(&r);
	if (svc_assignment_record_load(st, 0, s->items[i].a->a.id, &r, e))
		goto out;
	rp = svc_report_in_use(&r, day);
	if (rp && rp->problems)
		*out = arena_strdup(a, rp->problems);
	rc = 0;
out:
	svc_assignment_record_release(&r);
	return rc;
}

static json_t *list_json(const struct bulletin_task *v, size_t n)
{
	json_t *o = json_object();

	for (size_t i = 0; i < n; i++) {
		json_t *x = json_object();
		char key[16];

		json_object_set_new(x, "cause", json_string(v[i].cause ? v[i].cause : ""));
		json_object_set_new(x, "runs", json_integer(v[i].runs));
		snprintf(key, sizeof(key), "%d", v[i].no);
		json_object_set_new(o, key, x);
	}
	return o;
}

static void tasks_lists(struct svc_bulletin *out, struct store *st, const struct svc_status *s,
			const struct prev *pv, json_t *ragj, struct grow *done, struct grow *lag,
			struct grow *over, struct grow *red, struct grow *green, int *fail,
			struct err *e)
{
	struct arena *a = &out->arena;
	struct bulletin_totals *tt = &out->b.totals;

	for (size_t t = 0; t < s->ntasks && !*fail; t++) {
		const struct svc_status_task *tk = &s->tasks[t];
		const struct status *hs;
		struct bulletin_task *bt;
		long h = headline(s, t);
		char key[16];

		tt->total++;
		if (h < 0) {
			tt->other++;
			continue;
		}
		hs = &s->items[h].st;
		snprintf(key, sizeof(key), "%d", tk->task->no);
		json_object_set_new(ragj, key, json_string(rag_name(tk->ts.rag)));
		switch (hs->schedule) {
		case SCHED_AHEAD:
			tt->ahead++;
			break;
		case SCHED_ON:
			tt->on++;
			break;
		case SCHED_BEHIND:
			tt->behind++;
			break;
		case SCHED_DONE:
			tt->done++;
			break;
		case SCHED_NONE:
			tt->other++;
			break;
		}
		if (hs->schedule == SCHED_DONE) {
			bt = grow_add(done);
			bt->reason = hs->lifecycle == LC_VERIFIED ? "已销号" : "已完成，待核验";
		} else if (hs->flags & FLAG_PAST_DUE) {
			bt = grow_add(over);
			bt->reason = arena_printf(a, "完成时限 %s，已报 %s", iso_date(a, hs->due),
						  hs->reported_cp < 0 ? "0%（未报告）"
								      : pct(a, hs->reported_cp));
			if (cause_of(st, s, (size_t)h, s->as_of, a, &bt->cause, e))
				*fail = 1;
		} else if (hs->schedule == SCHED_BEHIND) {
			bt = grow_add(lag);
			bt->reason = arena_printf(a, "序时进度 %s，已报 %s，落后 %s 个百分点",
						  pct(a, hs->expected_cp),
						  hs->reported_cp < 0 ? "0%" : pct(a, hs->reported_cp),
						  pts(a, hs->gap_cp));
			if (cause_of(st, s, (size_t)h, s->as_of, a, &bt->cause, e))
				*fail = 1;
		} else {
			bt = NULL;
		}
		if (bt) {
			bt->no = tk->task->no;
			bt->text = shorten(a, tk->task->text, TASK_TEXT_MAX);
			bt->lead_unit = arena_strdup(a, s->items[h].a->a.unit_name);
			if (!bt->cause)
				bt->cause = "";
		}
		if (pv->has && pv->rag) {
			const char *before = json_string_value(json_object_get(pv->rag, key));

			if (before && tk->ts.rag == RAG_RED && strcmp(before, "red")) {
				bt = grow_add(red);
			} else if (before && tk->ts.rag == RAG_GREEN &&
				   (!strcmp(before, "red") || !strcmp(before, "amber"))) {
				bt = grow_add(green);
			} else {
				continue;
			}
			bt->no = tk->task->no;
			bt->text = shorten(a, tk->task->text, TASK_TEXT_MAX);
			bt->lead_unit = arena_strdup(a, s->items[h].a->a.unit_name);
			bt->reason = arena_printf(a, "上期%s，本期%s",
						  !strcmp(before, "red")     ? "红"
						  : !strcmp(before, "amber") ? "黄"
						  : !strcmp(before, "green") ? "绿"
									     : "未判定",
						  rag_label(tk->ts.rag));
			bt->cause = "";
			bt->runs = 1;
		}
	}
}

/* Units owing reports: each overdue period without a counting report, once per unit. */
struct unit_missing {
	const char *unit;
	struct period *p;	/* distinct, unsorted until the end */
	size_t n, alloc;
};

static int cmp_period(const void *a, const void *b)
{
	return period_cmp(*(const struct period *)a, *(const struct period *)b);
}

static void missing_units(struct svc_bulletin *out, const struct svc_status *s)
{
	struct arena *a = &out->arena;
	struct arena tmp = ARENA_INIT;
	struct strmap idx = STRMAP_INIT;
	struct unit_missing *um = NULL;
	struct bulletin_missing *v;
	size_t n = 0, alloc = 0, *order;

	arena_init(&tmp, 0);
	for (size_t i = 0; i < s->nitems; i++) {
		const struct svc_status_item *it = &s->items[i];
		struct assignment_facts f;
		struct assess_assignment aa;
		int64_t u;
		char *key;

		if (!it->st.missing_reports || (it->st.lifecycle != LC_PENDING_SIGN &&
						 it->st.lifecycle != LC_IN_PROGRESS))
			continue;
		svc_status_facts(s, i, &f);
		assess_assignment_from_facts(&f, &s->cal, &s->cfg, it->a->a.id, it->a->task_no,
					     s->as_of.y, s->as_of, NULL, &tmp, &aa);
		key = it->a->a.unit_id ? xasprintf("#%lld", (long long)it->a->a.unit_id)
				       : xstrdup(it->a->a.unit_name);
		if (!strmap_get(&idx, key, &u)) {
			ALLOC_GROW(um, n + 1, alloc);
			memset(&um[n], 0, sizeof(um[n]));
			um[n].unit = it->a->a.unit_name;
			u = (int64_t)n++;
			strmap_put(&idx, key, u);
		}
		free(key);
		for (size_t k = 0; k < aa.nreports; k++) {
			struct unit_missing *m = &um[u];
			bool seen = false;

			if (aa.reports[k].state != AREPORT_MISSING)
				continue;
			for (size_t j = 0; j < m->n && !seen; j++)
				seen = !period_cmp(m->p[j], aa.reports[k].period);
			if (seen)
				continue;
			ALLOC_GROW(m->p, m->n + 1, m->alloc);
			m->p[m->n++] = aa.reports[k].period;
		}
	}
	/* Most periods first; equal counts in order of appearance. */
	order = xcalloc(n ? n : 1, sizeof(*order));
	for (size_t i = 0; i < n; i++) {
		size_t j = i;

		while (j > 0 && um[order[j - 1]].n < um[i].n) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	v = n ? arena_zalloc(a, n * sizeof(*v)) : NULL;
	out->b.nmissing = 0;
	for (size_t k = 0; k < n; k++) {
		struct unit_missing *m = &um[order[k]];
		struct strbuf sb = STRBUF_INIT;

		if (!m->n)
			continue;
		qsort(m->p, m->n, sizeof(*m->p), cmp_period);
		for (size_t j = 0; j < m->n; j++) {
			char p[PERIOD_STR_LEN];

			period_format(m->p[j], p);
			strbuf_addf(&sb, "%s%s", j ? "、" : "", p);
		}
		v[out->b.nmissing].unit = arena_strdup(a, m->unit);
		v[out->b.nmissing].count = (int)m->n;
		v[out->b.nmissing].periods = arena_strdup(a, sb.buf);
		out->b.nmissing++;
		strbuf_release(&sb);
	}
	out->b.missing = v;
	for (size_t i = 0; i < n; i++)
		free(um[i].p);
	free(um);
	free(order);
	strmap_release(&idx);
	arena_release(&tmp);
}

static void notices(struct svc_bulletin *out, const struct svc_supervision *sv, struct date from)
{
	struct arena *a = &out->arena;
	struct bulletin_notice *v = NULL;
	size_t n = 0, k = 0;

	for (size_t i = 0; i < sv->acts.n; i++) {
		const struct store_action *x = &sv->acts.v[i];

		n += x->step >= STEP_URGE && date_cmp(x->issued_on, from) >= 0 &&
		     date_cmp(x->issued_on, sv->st.as_of) <= 0;
	}
	if (n)
		v = arena_zalloc(a, n * sizeof(*v));
	for (size_t i = 0; i < sv->acts.n; i++) {
		const struct store_action *x = &sv->acts.v[i];
		const struct svc_status_task *tk;
		struct ladder_action la;
		char no[64];

		if (x->step < STEP_URGE || date_cmp(x->issued_on, from) < 0 ||
		    date_cmp(x->issued_on, sv->st.as_of) > 0)
			continue;
		svc_action_to_ladder(x, &la);
		svc_action_form_no(x, no, sizeof(no));
		tk = svc_status_task(&sv->st, x->task_no);
		v[k].form_no = arena_strdup(a, no[0] ? no : "—");
		v[k].grade = ladder_step_label(x->step);
		v[k].unit = x->unit_name ? arena_strdup(a, x->unit_name) : "（任务整体）";
		v[k].task_no = x->task_no;
		v[k].task = tk ? shorten(a, tk->task->text, 30) : "";
		v[k].issued_on = iso_date(a, x->issued_on);
		if (date_is_set(x->closed_on) && date_cmp(x->closed_on, sv->st.as_of) <= 0)
			v[k].state = "已办结";
		else if (ladder_reply_state(&la, sv->st.as_of) == REPLY_NOT_ASKED)
			v[k].state = "无需回复";
		else
			v[k].state = ladder_reply_label(ladder_reply_state(&la, sv->st.as_of));
		k++;
	}
	out->b.notices = v;
	out->b.nnotices = k;
}

static int ranking(struct svc_bulletin *out, struct store *st, const struct svc_supervision *sv,
		   const struct svc_bulletin_opts *o, struct err *e)
{
	struct arena *a = &out->arena;
	struct svc_assessment as;
	struct svc_assess_opts ao;
	struct bulletin_rank *v;
	char spec[32];
	size_t k = 0;
	int year = sv->st.doc.plan.year;

	if (year < 1900 || year > 2999) {
		out->b.ranking_basis = "清单没有年份，不作考核排名";
		return 0;
	}
	memset(&ao, 0, sizeof(ao));
	snprintf(spec, sizeof(spec), "%lld", (long long)sv->st.plan_id);
	ao.year = year;
	ao.plan_spec = spec;
	ao.as_of = sv->st.as_of;
	ao.status_cfg = o->status_cfg;
	svc_assessment_init(&as);
	if (svc_assess(st, &ao, &as, e)) {
		svc_assessment_release(&as);
		return -1;
	}
	v = as.res.n ? arena_zalloc(a, as.res.n * sizeof(*v)) : NULL;
	for (size_t i = 0; i < as.res.n; i++) {
		const struct assess_score *sc = &as.res.units[i];

		if (sc->rank <= 0)
			continue;
		v[k].rank = sc->rank;
		v[k].unit = arena_strdup(a, sc->unit_name);
		v[k].score = sc->total_cp / 100.0;
		k++;
	}
	out->b.ranking = v;
	out->b.nranking = k;
	out->b.ranking_basis = arena_printf(
		a, "%d年度目标责任考核截至%s得分（%s；得分为职责履行、行政效能、任务完成情况三部分之和）",
		year, cn_date(a, sv->st.as_of),
		as.rules_from == SVC_RULES_STORED ? "按已设置的考核规则" : "按默认考核规则");
	svc_assessment_release(&as);
	return 0;
}

static const char *title_of(struct arena *a, const struct plan *p, struct period per)
{
	const char *t = p->title && *p->title ? p->title : "重点任务清单";
	size_t n = strlen(t), tail = strlen("清单");

	if (n > tail && !strcmp(t + n - tail, "清单"))
		n -= tail;
	return arena_printf(a, "%.*s进展通报（%s）", (int)n, t, period_words(a, per));
}

static char *summary_json(const struct svc_bulletin *out, json_t *ragj)
{
	const struct bulletin_totals *t = &out->b.totals;
	json_t *o = json_object(), *tot = json_object();
	char p[PERIOD_STR_LEN], d[DATE_ISO_LEN];
	char *s;

	period_format(out->period, p);
	date_format_iso(out->as_of, d);
	json_object_set_new(o, "period", json_string(p));
	json_object_set_new(o, "as_of", json_string(d));
	json_object_set_new(tot, "ahead", json_integer(t->ahead));
	json_object_set_new(tot, "on", json_integer(t->on));
	json_object_set_new(tot, "behind", json_integer(t->behind));
	json_object_set_new(tot, "done", json_integer(t->done));
	json_object_set_new(tot, "other", json_integer(t->other));
	json_object_set_new(tot, "total", json_integer(t->total));
	json_object_set_new(o, "totals", tot);
	json_object_set(o, "rag", ragj);
	json_object_set_new(o, "lagging", list_json(out->b.lagging, out->b.nlagging));
	json_object_set_new(o, "overdue", list_json(out->b.overdue, out->b.noverdue));
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return s;
}

static int build(struct store *st, const struct svc_rctx *rc, const struct svc_bulletin_opts *o,
		 struct svc_bulletin *out, struct svc_supervision *sv, int *nissued,
		 struct err *e)
{
	struct arena *a = &out->arena;
	struct grow done = { 0 }, lag = { 0 }, over = { 0 }, red = { 0 }, green = { 0 };
	struct prev pv;
	struct date end, start;
	json_t *ragj = json_object();
	int fail = 0, ret = -1;
	int64_t plan_id;

	memset(&pv, 0, sizeof(pv));
	if (!o->period || period_parse(o->period, &out->period, "通报期（--period）", e))
		goto out;
	start = period_start(out->period);
	end = period_end(out->period);
	if (date_cmp(start, rc->today) > 0) {
		err_set(e, ERR_INPUT, "通报期 %s 尚未开始", o->period);
		goto out;
	}
	out->as_of = date_cmp(end, rc->today) > 0 ? rc->today : end;
	if (svc_plan_resolve(st, o->plan_spec, &plan_id, e))
		goto out;
	{
		char spec[32];

		snprintf(spec, sizeof(spec), "%lld", (long long)plan_id);
		if (svc_supervision_load(st, spec, out->as_of, o->status_cfg, sv, e))
			goto out;
	}
	out->plan_id = plan_id;
	if (prev_load(st, plan_id, out->period, out->as_of, a, &pv, nissued, &out->issue_no, e))
		goto out;
	out->b.title = title_of(a, &sv->st.doc.plan, out->period);
	out->b.issuer = sv->st.doc.plan.issuer && *sv->st.doc.plan.issuer
				? arena_printf(a, "%s督查室", sv->st.doc.plan.issuer)
				: "督查室";
	out->b.period = arena_strdup(a, o->period);
	out->b.as_of = cn_date(a, out->as_of);
	tasks_lists(out, st, &sv->st, &pv, ragj, &done, &lag, &over, &red, &green, &fail, e);
	if (fail)
		goto out;
	for (size_t i = 0; i < lag.n; i++)
		prev_runs(&pv, pv.lagging, lag.v[i].no, &lag.v[i]);
	for (size_t i = 0; i < over.n; i++)
		prev_runs(&pv, pv.overdue, over.v[i].no, &over.v[i]);
	out->b.completed = to_arena(a, &done, &out->b.ncompleted);
	out->b.lagging = to_arena(a, &lag, &out->b.nlagging);
	out->b.overdue = to_arena(a, &over, &out->b.noverdue);
	out->b.turned_red = to_arena(a, &red, &out->b.nturned_red);
	out->b.turned_green = to_arena(a, &green, &out->b.nturned_green);
	missing_units(out, &sv->st);
	notices(out, sv, start);
	if (ranking(out, st, sv, o, e))
		goto out;
	out->b.has_previous = pv.has;
	if (pv.has) {
		out->b.previous_period = pv.period;
		out->b.previous = pv.totals;
	}
	out->b.requirements = o->requirements ? arena_strdup(a, o->requirements) : "";
	out->summary = summary_json(out, ragj);
	ret = 0;
out:
	free(done.v);
	free(lag.v);
	free(over.v);
	free(red.v);
	free(green.v);
	json_decref(pv.root);
	json_decref(ragj);
	return ret;
}

int svc_bulletin_make(struct store *st, const struct svc_rctx *rc,
		      const struct svc_bulletin_opts *o, struct svc_bulletin *out, struct err *e)
{
	struct svc_supervision sv;
	struct store_bulletin sb;
	json_t *after = NULL;
	char object[48], p[PERIOD_STR_LEN];
	int nissued = 0, ret = -1;

	svc_supervision_init(&sv);
	if (!date_is_set(rc->today)) {
		err_set(e, ERR_INTERNAL, "内部错误：没有给出日期");
		goto out0;
	}
	if (o->issue) {
		if (rc->unit_id > 0) {
			err_set(e, ERR_DENIED, "通报由督查室印发，责任单位不能操作");
			goto out0;
		}
		if (store_begin(st, e))
			goto out0;
	}
	if (build(st, rc, o, out, &sv, &nissued, e))
		goto out;
	if (o->issue) {
		if (out->issue_no) {
			err_set(e, ERR_CONFLICT, "%s 的通报已印发（第 %d 期），不能再次印发", o->period,
				out->issue_no);
			goto out;
		}
		memset(&sb, 0, sizeof(sb));
		sb.plan_id = out->plan_id;
		sb.period = out->period;
		sb.as_of = out->as_of;
		sb.issue_no = nissued + 1;
		sb.summary = out->summary;
		sb.issued_by = rc->actor->name;
		if (store_bulletin_insert(st, &sb, e))
			goto out;
		period_format(out->period, p);
		after = json_object();
		json_object_set_new(after, "id", json_integer(sb.id));
		json_object_set_new(after, "period", json_string(p));
		json_object_set_new(after, "as_of", json_string(iso_date(&out->arena, out->as_of)));
		json_object_set_new(after, "issue_no", json_integer(sb.issue_no));
		snprintf(object, sizeof(object), "plan:%lld", (long long)out->plan_id);
		if (audit_append(st, rc->actor, "bulletin.issue", object, NULL, after, e) ||
		    store_commit(st, e))
			goto out;
		out->issue_no = sb.issue_no;
		out->issued_now = true;
	}
	if (out->issue_no)
		out->b.issue_no = arena_printf(&out->arena, "%d年第%d期", out->period.year,
					       out->issue_no);
	ret = 0;
out:
	if (o->issue)
		store_rollback(st);
out0:
	json_decref(after);
	svc_supervision_release(&sv);
	return ret;
}
