/* The status of a plan's assignments, tasks and units on a day: store facts → status engine → sums. */
#include "service/status_service.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/directory_service.h"
#include "service/plan_service.h"
#include "service/report_service.h"
#include "util/fileio.h"
#include "util/strmap.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define CONFIG_MAX_BYTES (64 << 10)

/* An assignment created by a reassignment, and the day it was handed over. */
struct svc_handover {
	int64_t id;
	struct date on;
};

void svc_status_init(struct svc_status *s)
{
	memset(s, 0, sizeof(*s));
	plan_doc_init(&s->doc);
	store_assignment_list_init(&s->rows);
	store_facts_init(&s->facts);
}

void svc_status_release(struct svc_status *s)
{
	plan_doc_release(&s->doc);
	store_assignment_list_release(&s->rows);
	store_facts_release(&s->facts);
	free(s->items);
	free(s->tasks);
	free(s->units);
	free(s->ms);
	free(s->ms_first);
	free(s->ms_n);
	free(s->handovers);
	svc_status_init(s);
}

int svc_status_config_load(const char *path, struct status_config *cfg, struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	int rc = -1;

	status_config_default(cfg);
	if (fileio_read(path, CONFIG_MAX_BYTES, &sb, e))
		goto out;
	if (memchr(sb.buf, '\0', sb.len)) {
		err_set(e, ERR_INPUT, "%s: 不是文本文件", path);
		goto out;
	}
	if (status_config_parse(cfg, sb.buf, fileio_basename(path), e))
		goto out;
	rc = 0;
out:
	strbuf_release(&sb);
	return rc;
}

/* First index i in v[0..n) with v[i] >= id. */
static size_t lower(const int64_t *v, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The range [*lo, *hi) of id in the sorted v[0..n). */
static void range_of(const int64_t *v, size_t n, int64_t id, size_t *lo, size_t *hi)
{
	*lo = lower(v, n, id);
	*hi = *lo;
	while (*hi < n && v[*hi] == id)
		(*hi)++;
}

static int cmp_handover(const void *a, const void *b)
{
	const struct svc_handover *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static int cmp_milestone(const void *a, const void *b)
{
	return date_cmp(((const struct milestone_fact *)a)->due,
			((const struct milestone_fact *)b)->due);
}

/* Drop reports of another cadence than the calendar's (the engine refuses them). */
static void keep_cadence(struct store_facts *f, enum cadence c)
{
	size_t k = 0;

	for (size_t i = 0; i < f->nreports; i++) {
		if (f->reports[i].period.cadence != c)
			continue;
		f->report_of[k] = f->report_of[i];
		f->reports[k++] = f->reports[i];
	}
	f->nreports = k;
}

/* Build the engine's facts for item `it` (pointing into s). */
static void build_facts(const struct svc_status *s, const struct svc_status_item *it,
			struct assignment_facts *f)
{
	const struct store_facts *x = &s->facts;
	int64_t id = it->a->a.id;
	size_t ti = (size_t)(it->task - s->doc.tasks), lo, hi;
	struct svc_handover key = { id, DATE_NONE };
	const struct svc_handover *h;

	memset(f, 0, sizeof(*f));
	f->role = it->a->a.role == ASSIGN_LEAD ? ROLE_LEAD : ROLE_CO;
	h = s->nhandovers ? bsearch(&key, s->handovers, s->nhandovers, sizeof(key), cmp_handover)
			  : NULL;
	f->handed_over = h ? h->on : svc_plan_handover(s->doc.plan.year, s->doc.plan.issued);
	range_of(x->sign_of, x->nsigns, id, &lo, &hi);
	f->signed_at = lo < hi ? x->signed_on[lo] : DATE_NONE;
	range_of(x->dispute_of, x->ndisputes, id, &lo, &hi);
	if (lo < hi)
		f->dispute = x->disputes[lo];
	f->due = svc_task_due(it->task, s->doc.plan.year);
	f->start = s->start;
	if (date_cmp(f->start, f->due) > 0)
		f->start = f->due;
	range_of(x->verify_of, x->nverifies, id, &lo, &hi);
	f->verified_at = lo < hi ? x->verified_on[lo] : DATE_NONE;
	range_of(x->extension_of, x->nextensions, id, &lo, &hi);
	f->extensions = hi > lo ? x->extensions + lo : NULL;
	f->nextensions = hi - lo;
	range_of(x->report_of, x->nreports, id, &lo, &hi);
	f->reports = hi > lo ? x->reports + lo : NULL;
	f->nreports = hi - lo;
	f->milestones = s->ms + s->ms_first[ti];
	f->nmilestones = s->ms_n[ti];
}

/* The tasks' dated milestones, each task's in date order. */
static void collect_milestones(struct svc_status *s)
{
	size_t total = 0, k = 0;

	s->ms_first = xcalloc(s->doc.ntasks ? s->doc.ntasks : 1, sizeof(*s->ms_first));
	s->ms_n = xcalloc(s->doc.ntasks ? s->doc.ntasks : 1, sizeof(*s->ms_n));
	for (size_t i = 0; i < s->doc.ntasks; i++)
		total += s->doc.tasks[i].nmilestones;
	s->ms = xcalloc(total ? total : 1, sizeof(*s->ms));
	for (size_t i = 0; i < s->doc.ntasks; i++) {
		const struct task *t = &s->doc.tasks[i];

		s->ms_first[i] = k;
		for (size_t j = 0; j < t->nmilestones; j++) {
			if (!date_is_set(t->milestones[j].due))
				continue;
			s->ms[k].due = t->milestones[j].due;
			s->ms[k++].expected = 0;
		}
		s->ms_n[i] = k - s->ms_first[i];
		if (s->ms_n[i] > 1)
			qsort(s->ms + s->ms_first[i], s->ms_n[i], sizeof(*s->ms), cmp_milestone);
	}
}

/* Assignments created by reassignments, and whether assignment `id` was reassigned away. */
static void collect_handovers(struct svc_status *s)
{
	const struct store_facts *x = &s->facts;
	size_t alloc = 0;

	for (size_t i = 0; i < x->ndisputes; i++) {
		if (!x->new_assignment[i] || x->disputes[i].state != DISPUTE_UPHELD)
			continue;
		ALLOC_GROW(s->handovers, s->nhandovers + 1, alloc);
		s->handovers[s->nhandovers].id = x->new_assignment[i];
		s->handovers[s->nhandovers++].on = x->disputes[i].decided_at;
	}
	if (s->nhandovers > 1)
		qsort(s->handovers, s->nhandovers, sizeof(*s->handovers), cmp_handover);
}

static bool reassigned_away(const struct svc_status *s, int64_t id)
{
	size_t lo, hi;

	range_of(s->facts.dispute_of, s->facts.ndisputes, id, &lo, &hi);
	return lo < hi && s->facts.disputes[lo].state == DISPUTE_UPHELD;
}

static void sum_units(struct svc_status *s)
{
	struct strmap idx = STRMAP_INIT;
	size_t alloc = 0;

	for (size_t i = 0; i < s->nitems; i++) {
		const struct store_assignment_row *r = s->items[i].a;
		char *key = r->a.unit_id ? xasprintf("#%lld", (long long)r->a.unit_id)
					 : utf8_match_key(r->a.unit_name);
		int64_t at;

		if (!key)
			key = xstrdup(r->a.unit_name);
		if (!strmap_get(&idx, key, &at)) {
			ALLOC_GROW(s->units, s->nunits + 1, alloc);
			at = (int64_t)s->nunits++;
			s->units[at].unit_id = r->a.unit_id;
			s->units[at].name = r->a.unit_name;
			unit_summary_init(&s->units[at].us);
			strmap_put(&idx, key, at);
		}
		free(key);
		unit_summary_add(&s->units[at].us, &s->items[i].st,
				 r->a.role == ASSIGN_LEAD ? ROLE_LEAD : ROLE_CO);
	}
	strmap_release(&idx);
}

int svc_status_compute(struct store *st, const char *plan_spec, struct date as_of,
		       const struct status_config *cfg, struct svc_status *out, struct err *e)
{
	struct store_assignment_filter f = { 0 };
	size_t ti = 0;

	if (!date_is_set(as_of))
		return err_set(e, ERR_INTERNAL, "内部错误：没有给出截至日期");
	if (cfg) {
		if (status_config_check(cfg, e))
			return -1;
		out->cfg = *cfg;
	} else {
		status_config_default(&out->cfg);
	}
	out->as_of = as_of;
	if (svc_plan_load(st, plan_spec, &out->doc, &out->plan_id, e) ||
	    svc_calendar_get(st, out->plan_id, &out->cal, &out->cal_stored, e))
		return -1;
	out->start = svc_plan_start(out->doc.plan.year, out->doc.plan.issued);
	if (!date_is_set(out->start))
		return err_set(e, ERR_INPUT, "清单 %lld 没有年份和成文日期，无法计算序时进度",
			       (long long)out->plan_id);
	f.plan_id = out->plan_id;
	f.with_retired = true;
	if (store_assignments_list(st, &f, &out->rows, e) ||
	    store_facts_load(st, out->plan_id, &out->facts, e))
		return -1;
	out->nsample = out->facts.nsample;
	keep_cadence(&out->facts, out->cal.cadence);
	collect_milestones(out);
	collect_handovers(out);

	out->items = xcalloc(out->rows.n ? out->rows.n : 1, sizeof(*out->items));
	out->tasks = xcalloc(out->doc.ntasks ? out->doc.ntasks : 1, sizeof(*out->tasks));
	out->ntasks = out->doc.ntasks;
	for (size_t i = 0; i < out->doc.ntasks; i++) {
		out->tasks[i].task = &out->doc.tasks[i];
		task_status_init(&out->tasks[i].ts);
	}
	for (size_t i = 0; i < out->rows.n; i++) {
		const struct store_assignment_row *r = &out->rows.v[i];
		struct svc_status_item *it;
		struct assignment_facts af;
		struct err sub = ERR_INIT;

		if ((r->a.flags & ASSIGN_RETIRED) && !reassigned_away(out, r->a.id))
			continue;
		while (ti < out->doc.ntasks && out->doc.tasks[ti].no < r->task_no)
			ti++;
		if (ti >= out->doc.ntasks || out->doc.tasks[ti].no != r->task_no)
			return err_set(e, ERR_STORE, "数据库内容不一致：分工 %lld 的任务 %d 不在清单中",
				       (long long)r->a.id, r->task_no);
		it = &out->items[out->nitems];
		it->a = r;
		it->task = &out->doc.tasks[ti];
		build_facts(out, it, &af);
		if (assignment_facts_check(&af, &out->cal, &sub))
			return err_set(e, ERR_STORE, "分工 %lld（第 %d 项任务，%s）的记录有误：%s",
				       (long long)r->a.id, r->task_no, r->a.unit_name, sub.msg);
		status_assess(&af, &out->cal, &out->cfg, as_of, &it->st, NULL);
		if (!out->tasks[ti].n)
			out->tasks[ti].first = out->nitems;
		out->tasks[ti].n++;
		task_status_add(&out->tasks[ti].ts, &it->st,
				r->a.role == ASSIGN_LEAD ? ROLE_LEAD : ROLE_CO,
				(int)(out->nitems - out->tasks[ti].first));
		out->nitems++;
	}
	sum_units(out);
	return 0;
}

void svc_status_explain(const struct svc_status *s, size_t i, struct status_why *why)
{
	struct assignment_facts af;
	struct status st;

	build_facts(s, &s->items[i], &af);
	status_assess(&af, &s->cal, &s->cfg, s->as_of, &st, why);
}

void svc_status_facts(const struct svc_status *s, size_t i, struct assignment_facts *f)
{
	build_facts(s, &s->items[i], f);
}

const struct svc_status_task *svc_status_task(const struct svc_status *s, int no)
{
	for (size_t i = 0; i < s->ntasks; i++)
		if (s->tasks[i].task->no == no)
			return &s->tasks[i];
	return NULL;
}

int svc_status_match_unit(struct store *st, const struct svc_status *s, const char *name,
			  bool *match, char *buf, size_t n, struct err *e)
{
	struct svc_unit_view v;
	int rc = -1;

	svc_unit_view_init(&v);
	if (svc_unit_view(st, name, s->plan_id, &v, e))
		goto out;
	snprintf(buf, n, "%s", v.name ? v.name : name);
	if (v.unit >= 0) {
		int64_t id = v.dir.units[v.unit].id;

		for (size_t i = 0; i < s->nitems; i++)
			match[i] = s->items[i].a->a.unit_id == id;
	} else {
		char *key = utf8_match_key(v.name);

		for (size_t i = 0; i < s->nitems; i++) {
			char *k;

			match[i] = false;
			if (s->items[i].a->a.unit_id || !key)
				continue;
			k = utf8_match_key(s->items[i].a->a.unit_name);
			match[i] = k && !strcmp(k, key);
			free(k);
		}
		free(key);
	}
	rc = 0;
out:
	svc_unit_view_release(&v);
	return rc;
}
