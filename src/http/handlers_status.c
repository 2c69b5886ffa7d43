/* Handler for GET /status: every assignment, task and unit judged on a day, with reasons; scoped for liaisons. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/cache.h"
#include "http/handlers.h"
#include "http/json_out.h"
#include "http/respond.h"
#include "http/server.h"
#include "service/status_service.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define PLAN_SPEC_MAX 256
#define UNIT_NAME_MAX 256

static json_t *jo_rag(enum rag r)
{
	return r == RAG_NONE ? json_null() : json_string(rag_name(r));
}

static json_t *jo_flags(unsigned flags)
{
	json_t *a = json_array();

	for (int i = 0; i < STATUS_NFLAGS; i++)
		if (flags & (1u << i))
			json_array_append_new(a, json_string(flag_name((enum status_flag)(1u << i))));
	return a;
}

/* Hundredths of a point as a plain number (58.33); null when negative (none). */
static json_t *jo_points(int cp)
{
	return cp < 0 ? json_null() : jo_number((double)cp / 100.0);
}

static json_t *jo_text_or_null(const char *s)
{
	return s && *s ? jo_str(s) : json_null();
}

static json_t *item_json(const struct svc_status *s, size_t i)
{
	static const char *const bases[] = { "linear", "step", "ramp" };
	const struct svc_status_item *it = &s->items[i];
	const struct status *st = &it->st;
	struct status_why why;
	json_t *o = json_object(), *reasons = json_object();

	svc_status_explain(s, i, &why);
	json_object_set_new(o, "assignment_id", json_integer(it->a->a.id));
	json_object_set_new(o, "task_no", json_integer(it->a->task_no));
	json_object_set_new(o, "unit_id", jo_id(it->a->a.unit_id));
	json_object_set_new(o, "unit_name", jo_str(it->a->a.unit_name));
	json_object_set_new(o, "role", json_string(assignment_role_code(it->a->a.role)));
	json_object_set_new(o, "lifecycle", json_string(lifecycle_name(st->lifecycle)));
	json_object_set_new(o, "schedule",
			    st->schedule == SCHED_NONE ? json_null() : json_string(schedule_name(st->schedule)));
	json_object_set_new(o, "rag", jo_rag(st->rag));
	json_object_set_new(o, "self_rag", jo_rag(st->self_rag));
	json_object_set_new(o, "likelihood", st->likelihood == LIKELIHOOD_NONE
						     ? json_null()
						     : json_string(likelihood_name(st->likelihood)));
	json_object_set_new(o, "disagree", json_boolean(st->disagree));
	json_object_set_new(o, "self_worse", json_boolean(st->self_worse));
	json_object_set_new(o, "flags", jo_flags(st->flags));
	json_object_set_new(o, "basis", json_string(bases[st->basis]));
	json_object_set_new(o, "expected", jo_points(st->expected_cp));
	json_object_set_new(o, "reported", jo_points(st->reported_cp));
	json_object_set_new(o, "gap", jo_number((double)st->gap_cp / 100.0));
	json_object_set_new(o, "period", jo_period(st->period));
	json_object_set_new(o, "due", jo_date(st->due));
	json_object_set_new(o, "orig_due", jo_date(st->orig_due));
	json_object_set_new(o, "milestone_unmet", jo_date(st->milestone_unmet));
	json_object_set_new(o, "missing_reports", json_integer(st->missing_reports));
	json_object_set_new(o, "overdue_period", jo_period(st->overdue_period));
	json_object_set_new(o, "ext_pending", json_boolean(st->ext_pending));
	json_object_set_new(o, "lagging_run", json_integer(st->lagging_run));
	json_object_set_new(reasons, "lifecycle", jo_text_or_null(why.lifecycle));
	json_object_set_new(reasons, "schedule", jo_text_or_null(why.schedule));
	json_object_set_new(reasons, "rag", jo_text_or_null(why.rag));
	json_object_set_new(reasons, "self", jo_text_or_null(why.self));
	for (int f = 0; f < STATUS_NFLAGS; f++)
		if (st->flags & (1u << f))
			json_object_set_new(reasons, flag_name((enum status_flag)(1u << f)),
					    jo_text_or_null(why.flag[f]));
	json_object_set_new(o, "reasons", reasons);
	return o;
}

/* The headline of a task: the lead's status, else the worst's. */
static const struct status *headline(const struct task_status *ts)
{
	if (ts->lead >= 0)
		return &ts->lead_status;
	if (ts->worst >= 0)
		return &ts->worst_status;
	return NULL;
}

static json_t *task_json(const struct task *t, const struct task_status *ts, json_t *items)
{
	const struct status *h = headline(ts);
	json_t *o = json_object();
	char line[512];

	task_status_describe(ts, line, sizeof(line));
	json_object_set_new(o, "no", json_integer(t->no));
	json_object_set_new(o, "section", jo_str(t->section));
	json_object_set_new(o, "due", jo_date(t->due));
	json_object_set_new(o, "rag", jo_rag(ts->rag));
	json_object_set_new(o, "rag_worst", jo_rag(ts->rag_worst));
	json_object_set_new(o, "schedule", h && h->schedule != SCHED_NONE
						   ? json_string(schedule_name(h->schedule))
						   : json_null());
	json_object_set_new(o, "lifecycle", json_string(lifecycle_name(ts->lifecycle)));
	json_object_set_new(o, "flags", jo_flags(ts->flags));
	json_object_set_new(o, "summary", jo_str(line));
	json_object_set_new(o, "n", json_integer((json_int_t)ts->n));
	json_object_set_new(o, "n_not_issued", json_integer((json_int_t)ts->n_not_issued));
	json_object_set_new(o, "n_withdrawn", json_integer((json_int_t)ts->n_withdrawn));
	json_object_set_new(o, "by_rag",
			    json_pack("{s:I,s:I,s:I,s:I}", "red", (json_int_t)ts->by_rag[RAG_RED],
				      "amber", (json_int_t)ts->by_rag[RAG_AMBER], "green",
				      (json_int_t)ts->by_rag[RAG_GREEN], "none",
				      (json_int_t)ts->by_rag[RAG_NONE]));
	json_object_set_new(o, "disagree", json_integer((json_int_t)ts->disagree));
	json_object_set_new(o, "assignments", items);
	return o;
}

static json_t *unit_json(int64_t unit_id, const char *name, const struct unit_summary *us)
{
	json_t *o = json_object(), *lc = json_object(), *sc = json_object(), *fl = json_object();
	char line[512];

	unit_summary_describe(us, line, sizeof(line));
	for (int i = 0; i < LC_COUNT; i++)
		json_object_set_new(lc, lifecycle_name((enum lifecycle)i),
				    json_integer((json_int_t)us->by_lifecycle[i]));
	for (int i = 1; i < SCHED_COUNT; i++)
		json_object_set_new(sc, schedule_name((enum schedule)i),
				    json_integer((json_int_t)us->by_schedule[i]));
	for (int i = 0; i < STATUS_NFLAGS; i++)
		json_object_set_new(fl, flag_name((enum status_flag)(1u << i)),
				    json_integer((json_int_t)us->by_flag[i]));
	json_object_set_new(o, "unit_id", jo_id(unit_id));
	json_object_set_new(o, "unit_name", jo_str(name));
	json_object_set_new(o, "n", json_integer((json_int_t)us->n));
	json_object_set_new(o, "n_lead", json_integer((json_int_t)us->n_lead));
	json_object_set_new(o, "n_not_issued", json_integer((json_int_t)us->n_not_issued));
	json_object_set_new(o, "n_withdrawn", json_integer((json_int_t)us->n_withdrawn));
	json_object_set_new(o, "rag",
			    json_pack("{s:I,s:I,s:I,s:I}", "red", (json_int_t)us->by_rag[RAG_RED],
				      "amber", (json_int_t)us->by_rag[RAG_AMBER], "green",
				      (json_int_t)us->by_rag[RAG_GREEN], "none",
				      (json_int_t)us->by_rag[RAG_NONE]));
	json_object_set_new(o, "lifecycle", lc);
	json_object_set_new(o, "schedule", sc);
	json_object_set_new(o, "flags", fl);
	json_object_set_new(o, "disagree", json_integer((json_int_t)us->disagree));
	json_object_set_new(o, "self_worse", json_integer((json_int_t)us->self_worse));
	json_object_set_new(o, "self_better", json_integer((json_int_t)us->self_better));
	json_object_set_new(o, "missing_reports", json_integer((json_int_t)us->missing_reports));
	json_object_set_new(o, "summary", jo_str(line));
	return o;
}

static enum role item_role(const struct svc_status_item *it)
{
	return it->a->a.role == ASSIGN_LEAD ? ROLE_LEAD : ROLE_CO;
}

/* Units of the selected items, by first appearance, summed afresh. */
static json_t *units_of(const struct svc_status *s, const bool *sel)
{
	struct { int64_t id; const char *name; struct unit_summary us; } *u = NULL;
	size_t n = 0, alloc = 0;
	json_t *arr = json_array();

	for (size_t i = 0; i < s->nitems; i++) {
		const struct store_assignment_row *r = s->items[i].a;
		size_t k = 0;

		if (!sel[i])
			continue;
		while (k < n && !(u[k].id == r->a.unit_id &&
				  (r->a.unit_id || !strcmp(u[k].name, r->a.unit_name))))
			k++;
		if (k == n) {
			ALLOC_GROW(u, n + 1, alloc);
			u[n].id = r->a.unit_id;
			u[n].name = r->a.unit_name;
			unit_summary_init(&u[n].us);
			n++;
		}
		unit_summary_add(&u[k].us, &s->items[i].st, item_role(&s->items[i]));
	}
	for (size_t k = 0; k < n; k++)
		json_array_append_new(arr, unit_json(u[k].id, u[k].name, &u[k].us));
	free(u);
	return arr;
}

static int parse_rag_code(const char *s, enum rag *out)
{
	for (int r = RAG_GREEN; r <= RAG_RED; r++) {
		if (!strcmp(s, rag_name((enum rag)r))) {
			*out = (enum rag)r;
			return 0;
		}
	}
	return -1;
}

static int parse_flag_code(const char *s, unsigned *out)
{
	for (int i = 0; i < STATUS_NFLAGS; i++) {
		if (!strcmp(s, flag_name((enum status_flag)(1u << i)))) {
			*out = 1u << i;
			return 0;
		}
	}
	return -1;
}

/* The memory a judged plan holds, roughly (for the cache's budget). */
static size_t status_size(const struct svc_status *s)
{
	const struct store_facts *f = &s->facts;

	return sizeof(*s) + s->nitems * (sizeof(*s->items) + sizeof(*s->rows.v) + 128) +
	       s->ntasks * (sizeof(*s->tasks) + 1024) + s->nunits * (sizeof(*s->units) + 64) +
	       f->nreports * (sizeof(*f->reports) + 8) + f->ndisputes * (sizeof(*f->disputes) + 16) +
	       f->nextensions * (sizeof(*f->extensions) + 8) + (f->nsigns + f->nverifies) * 16;
}

static void status_free(void *v)
{
	svc_status_release(v);
	free(v);
}

/*
 * Plan `spec` judged as of `as_of`: computed once per data generation and
 * shared by every request that asks (each scopes and writes its own
 * answer), or computed for this request alone when the cache is off.  The
 * caller returns *ref with http_cache_value_done().
 */
static const struct svc_status *status_shared(struct http_req *rq, const char *spec,
					       struct date as_of,
					       struct http_cache_entry **ref, struct err *e)
{
	const struct svc_status *hit;
	struct svc_status *s;
	char key[PLAN_SPEC_MAX + 64], day[DATE_ISO_LEN];

	date_format_iso(as_of, day);
	snprintf(key, sizeof(key), "status %s %s", day, spec ? spec : "");
	*ref = NULL;
	if (rq->gen_known && (hit = http_cache_value_get(rq->cache, key, rq->gen, ref)))
		return hit;
	s = xmalloc(sizeof(*s));
	svc_status_init(s);
	if (svc_status_compute(rq->st, spec, as_of, rq->cfg->status_cfg, s, e)) {
		status_free(s);
		return NULL;
	}
	/* Without a generation read first, the value is this request's alone. */
	http_cache_value_put(rq->cache, key, rq->gen_known ? rq->gen : -1, s, status_size(s),
			     status_free, ref);
	return s;
}

/*
 * GET /status?plan&as_of&task&unit_id&unit&rag&flag.  The filters select
 * assignments; tasks and units are those of the selected ones.  Without a
 * filter every task is listed (those not yet judged too).  A liaison sees
 * its own unit's assignments only, and its tasks' figures are summed over
 * those (another unit's colour is not its to read).
 */
int h_status(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const char *spec, *as_of_s, *unit_name, *rag_s, *flag_s;
	int64_t task = 0, unit_id = 0;
	struct date today = http_today(rq), as_of = today;
	enum rag rag = RAG_NONE;
	unsigned flag = 0;
	const struct svc_status *s = NULL;
	struct http_cache_entry *ref = NULL;
	bool *sel = NULL, *match = NULL, filtered, liaison = rq->who.role == USER_LIAISON;
	char name[UNIT_NAME_MAX];
	json_t *tasks, *o;
	int rc = -1;

	if (http_query(rq, "plan", PLAN_SPEC_MAX, &spec, e) ||
	    http_query(rq, "as_of", 10, &as_of_s, e) ||
	    http_query_int(rq, "task", 1, INT32_MAX, &task, e) ||
	    http_query_int(rq, "unit_id", 1, INT64_MAX, &unit_id, e) ||
	    http_query(rq, "unit", UNIT_NAME_MAX - 1, &unit_name, e) ||
	    http_query(rq, "rag", 16, &rag_s, e) || http_query(rq, "flag", 32, &flag_s, e))
		goto out;
	if (as_of_s) {
		char a[DATE_ISO_LEN];

		if (date_parse_iso(as_of_s, &as_of, "查询参数 as_of", e)) {
			rq->bad_request = true;
			goto out;
		}
		date_format_iso(today, a);
		if (date_cmp(as_of, today) > 0) {
			http_bad_request(rq, e, "截至日期 as_of（%s）晚于今天 %s：只能查看已知的状态",
					 as_of_s, a);
			goto out;
		}
	}
	if (rag_s && parse_rag_code(rag_s, &rag)) {
		http_bad_request(rq, e, "查询参数 rag 应为 red、amber 或 green：%s", rag_s);
		goto out;
	}
	if (flag_s && parse_flag_code(flag_s, &flag)) {
		http_bad_request(rq, e, "查询参数 flag 应为 sign_overdue、report_overdue、past_due 或 lagging：%s",
				 flag_s);
		goto out;
	}
	if (!(s = status_shared(rq, spec, as_of, &ref, e)))
		goto out;
	if (task && !svc_status_task(s, (int)task)) {
		err_set(e, ERR_NOT_FOUND, "清单中没有第 %" PRId64 " 项任务", task);
		goto out;
	}
	if (unit_name) {
		match = xcalloc(s->nitems ? s->nitems : 1, sizeof(*match));
		if (svc_status_match_unit(rq->st, s, unit_name, match, name, sizeof(name), e))
			goto out;
	}
	filtered = liaison || task || unit_id || unit_name || rag || flag;
	sel = xcalloc(s->nitems ? s->nitems : 1, sizeof(*sel));
	for (size_t i = 0; i < s->nitems; i++) {
		const struct svc_status_item *it = &s->items[i];

		sel[i] = (!liaison || it->a->a.unit_id == rq->who.unit_id) &&
			 (!task || it->a->task_no == task) &&
			 (!unit_id || it->a->a.unit_id == unit_id) && (!match || match[i]) &&
			 (!rag || it->st.rag == rag) && (!flag || (it->st.flags & flag));
	}
	tasks = json_array();
	for (size_t t = 0; t < s->ntasks; t++) {
		const struct svc_status_task *tk = &s->tasks[t];
		struct task_status own;
		json_t *items = json_array();
		size_t nsel = 0;

		task_status_init(&own);
		for (size_t i = tk->first; i < tk->first + tk->n; i++) {
			const struct svc_status_item *it = &s->items[i];

			if (liaison && it->a->a.unit_id == rq->who.unit_id)
				task_status_add(&own, &it->st, item_role(it), (int)(i - tk->first));
			if (!sel[i])
				continue;
			json_array_append_new(items, item_json(s, i));
			nsel++;
		}
		if (filtered && !nsel) {
			json_decref(items);
			continue;
		}
		json_array_append_new(tasks, task_json(tk->task, liaison ? &own : &tk->ts, items));
	}
	o = json_object();
	json_object_set_new(o, "plan_id", json_integer(s->plan_id));
	json_object_set_new(o, "as_of", jo_date(s->as_of));
	json_object_set_new(o, "sample", json_boolean(s->nsample > 0));
	json_object_set_new(o, "calendar", jo_calendar(&s->cal, s->cal_stored));
	json_object_set_new(o, "tasks", tasks);
	if (!filtered) {
		json_t *units = json_array();

		for (size_t u = 0; u < s->nunits; u++)
			json_array_append_new(units, unit_json(s->units[u].unit_id, s->units[u].name,
							       &s->units[u].us));
		json_object_set_new(o, "units", units);
	} else {
		json_object_set_new(o, "units", units_of(s, sel));
	}
	http_resp_json(rs, MHD_HTTP_OK, o);
	rc = 0;
out:
	free(sel);
	free(match);
	http_cache_value_done(rq->cache, ref);
	return rc;
}
