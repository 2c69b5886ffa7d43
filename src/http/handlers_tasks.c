/* Handlers for tasks (a filtered list, one task whole) and targets, scoped for liaisons. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "http/handlers.h"
#include "http/json_out.h"
#include "http/respond.h"
#include "service/directory_service.h"
#include "service/plan_service.h"
#include "service/query_service.h"
#include "util/banned.h"

#define PLAN_SPEC_MAX 256
#define FILTER_MAX 256		/* bytes of a text filter */
#define TASKS_LIMIT_DEFAULT 200
#define TASKS_LIMIT_MAX 1000

/* The plan named by ?plan= (the most recent one without it), loaded whole. */
static int load_plan(struct http_req *rq, struct plan_doc *doc, int64_t *id, struct err *e)
{
	const char *spec;

	if (http_query(rq, "plan", PLAN_SPEC_MAX, &spec, e))
		return -1;
	return svc_plan_load(rq->st, spec, doc, id, e);
}

/*
 * What the caller may read of plan `id`: a liaison, the tasks its unit is
 * assigned; anyone else, everything.  *nos is malloc'd (free it).
 */
static int caller_scope(struct http_req *rq, int64_t id, struct svc_scope *scope, int **nos,
			struct err *e)
{
	size_t n = 0;

	*nos = NULL;
	memset(scope, 0, sizeof(*scope));
	if (rq->who.role != USER_LIAISON)
		return 0;
	if (svc_unit_task_nos(rq->st, id, rq->who.unit_id, nos, &n, e))
		return -1;
	scope->scoped = true;
	scope->nos = *nos;
	scope->n = n;
	return 0;
}

static json_t *task_summary(const struct task *t)
{
	json_t *o = json_object(), *units = json_array();

	for (size_t i = 0; i < t->nunits; i++)
		json_array_append_new(units, jo_str(t->units[i]));
	json_object_set_new(o, "no", json_integer(t->no));
	json_object_set_new(o, "section", jo_str(t->section));
	json_object_set_new(o, "text", jo_str(t->text));
	json_object_set_new(o, "lead", t->nunits ? jo_str(t->units[0]) : json_null());
	json_object_set_new(o, "units", units);
	json_object_set_new(o, "due", jo_date(t->due));
	json_object_set_new(o, "leader", jo_str(t->leader));
	json_object_set_new(o, "ntargets", json_integer((json_int_t)t->ntargets));
	json_object_set_new(o, "nmilestones", json_integer((json_int_t)t->nmilestones));
	return o;
}

int h_tasks_list(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct svc_task_filter f = { NULL, NULL, NULL };
	int64_t id, limit = TASKS_LIMIT_DEFAULT, offset = 0;
	const struct task **hits = NULL;
	struct svc_scope scope;
	struct plan_doc doc;
	int *nos = NULL;
	size_t n = 0;
	json_t *arr, *o;
	int rc = -1;

	plan_doc_init(&doc);
	if (http_query(rq, "section", FILTER_MAX, &f.section, e) ||
	    http_query(rq, "unit", FILTER_MAX, &f.unit, e) ||
	    http_query(rq, "q", FILTER_MAX, &f.q, e) ||
	    http_query_int(rq, "limit", 1, TASKS_LIMIT_MAX, &limit, e) ||
	    http_query_int(rq, "offset", 0, INT32_MAX, &offset, e))
		goto out;
	if (load_plan(rq, &doc, &id, e) || caller_scope(rq, id, &scope, &nos, e) ||
	    svc_tasks_filter(&doc, &f, &scope, &hits, &n, e))
		goto out;
	arr = json_array();
	for (size_t i = (size_t)offset; i < n && i < (size_t)(offset + limit); i++)
		json_array_append_new(arr, task_summary(hits[i]));
	o = json_object();
	json_object_set_new(o, "plan_id", json_integer(id));
	json_object_set_new(o, "total", json_integer((json_int_t)n));
	json_object_set_new(o, "offset", json_integer(offset));
	json_object_set_new(o, "limit", json_integer(limit));
	json_object_set_new(o, "tasks", arr);
	http_resp_json(rs, MHD_HTTP_OK, o);
	rc = 0;
out:
	free(hits);
	free(nos);
	plan_doc_release(&doc);
	return rc;
}

int h_task_get(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct store_assignment_list al;
	const struct task *t;
	struct svc_scope scope;
	struct plan_doc doc;
	int *nos = NULL;
	int64_t id, no;
	json_t *o, *units, *targets, *milestones, *assigned;
	int rc = -1;

	plan_doc_init(&doc);
	store_assignment_list_init(&al);
	if (http_param_id(rq, "no", INT32_MAX, &no, e) || load_plan(rq, &doc, &id, e) ||
	    caller_scope(rq, id, &scope, &nos, e))
		goto out;
	t = svc_task_find(&doc, (int)no);
	/* Outside a liaison's scope a task does not exist: the answer is the same. */
	if (!t || !svc_scope_has(&scope, t->no)) {
		err_set(e, ERR_NOT_FOUND, "清单 %" PRId64 " 中没有第 %" PRId64 " 项任务", id, no);
		goto out;
	}
	if (svc_task_assignments(rq->st, id, t->no, &al, e))
		goto out;
	o = task_summary(t);
	json_object_set_new(o, "plan_id", json_integer(id));
	json_object_set_new(o, "line", json_integer(t->line));
	units = json_array();
	for (size_t i = 0; i < t->nunits; i++)
		json_array_append_new(units, json_pack("{s:o,s:s}", "name", jo_str(t->units[i]),
							"role", i ? "co" : "lead"));
	json_object_set_new(o, "units", units);
	targets = json_array();
	for (size_t i = 0; i < t->ntargets; i++)
		json_array_append_new(targets, jo_target(&t->targets[i]));
	json_object_set_new(o, "targets", targets);
	milestones = json_array();
	for (size_t i = 0; i < t->nmilestones; i++)
		json_array_append_new(milestones,
				      json_pack("{s:o,s:o}", "due", jo_date(t->milestones[i].due),
						"text", jo_str(t->milestones[i].text)));
	json_object_set_new(o, "milestones", milestones);
	assigned = json_array();
	for (size_t i = 0; i < al.n; i++)
		json_array_append_new(assigned, jo_assignment(&al.v[i]));
	json_object_set_new(o, "assignments", assigned);
	http_resp_json(rs, MHD_HTTP_OK, o);
	rc = 0;
out:
	free(nos);
	store_assignment_list_release(&al);
	plan_doc_release(&doc);
	return rc;
}

int h_targets_list(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct svc_target_filter f = { NULL, NULL, NULL };
	struct svc_target_ref *refs = NULL;
	struct svc_scope scope;
	struct plan_doc doc;
	int *nos = NULL;
	size_t nrefs = 0;
	int64_t id;
	json_t *arr, *o;
	int rc = -1;

	plan_doc_init(&doc);
	if (http_query(rq, "metric", FILTER_MAX, &f.metric, e) ||
	    http_query(rq, "unit", FILTER_MAX, &f.unit, e) ||
	    http_query(rq, "owner", FILTER_MAX, &f.owner, e))
		goto out;
	if (load_plan(rq, &doc, &id, e) || caller_scope(rq, id, &scope, &nos, e) ||
	    svc_targets_filter(&doc, &f, &refs, &nrefs, e))
		goto out;
	arr = json_array();
	for (size_t i = 0; i < nrefs; i++) {
		json_t *t;

		if (!svc_scope_has(&scope, refs[i].task->no))
			continue;
		t = jo_target(refs[i].target);
		json_object_set_new(t, "task_no", json_integer(refs[i].task->no));
		json_array_append_new(arr, t);
	}
	o = json_object();
	json_object_set_new(o, "plan_id", json_integer(id));
	json_object_set_new(o, "targets", arr);
	http_resp_json(rs, MHD_HTTP_OK, o);
	rc = 0;
out:
	free(refs);
	free(nos);
	plan_doc_release(&doc);
	return rc;
}
