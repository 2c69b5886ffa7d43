/* Handlers for units as written, the directory, one unit, unverified names, assignments. */
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

/* The plan named by ?plan= (the most recent one without it). */
static int plan_id(struct http_req *rq, int64_t *id, struct err *e)
{
	const char *spec;

	if (http_query(rq, "plan", PLAN_SPEC_MAX, &spec, e))
		return -1;
	return svc_plan_resolve(rq->st, spec, id, e);
}

int h_units_list(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct store_unit_stats us;
	json_t *arr, *o;
	int64_t id;

	if (plan_id(rq, &id, e))
		return -1;
	store_unit_stats_init(&us);
	if (svc_unit_stats(rq->st, id, &us, e)) {
		store_unit_stats_release(&us);
		return -1;
	}
	arr = json_array();
	for (size_t i = 0; i < us.n; i++)
		json_array_append_new(arr, json_pack("{s:o,s:I,s:I}", "name", jo_str(us.v[i].name),
						     "nlead", (json_int_t)us.v[i].nlead, "nco",
						     (json_int_t)us.v[i].nco));
	store_unit_stats_release(&us);
	o = json_object();
	json_object_set_new(o, "plan_id", json_integer(id));
	json_object_set_new(o, "units", arr);
	http_resp_json(rs, MHD_HTTP_OK, o);
	return 0;
}

static json_t *dir_unit(const struct directory *d, size_t i)
{
	const struct unit *u = &d->units[i];
	json_t *o = json_object(), *aliases = json_array();

	for (size_t k = 0; k < u->naliases; k++)
		json_array_append_new(aliases, jo_str(u->aliases[k]));
	json_object_set_new(o, "id", json_integer(u->id));
	json_object_set_new(o, "name", jo_str(u->name));
	json_object_set_new(o, "kind", json_string(unit_kind_code(u->kind)));
	json_object_set_new(o, "aliases", aliases);
	json_object_set_new(o, "parent_id",
			    u->parent >= 0 ? json_integer(d->units[u->parent].id) : json_null());
	json_object_set_new(o, "active", json_boolean(u->active));
	return o;
}

int h_directory_get(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct directory d;
	json_t *units, *groups, *o;

	directory_init(&d);
	if (svc_directory_load(rq->st, &d, e)) {
		directory_release(&d);
		return -1;
	}
	units = json_array();
	for (size_t i = 0; i < d.nunits; i++)
		json_array_append_new(units, dir_unit(&d, i));
	groups = json_array();
	for (size_t i = 0; i < d.ngroups; i++) {
		const struct unit_group *g = &d.groups[i];
		json_t *members = json_array(), *aliases = json_array();

		for (size_t k = 0; k < g->nmembers; k++)
			json_array_append_new(members, json_integer(d.units[g->members[k]].id));
		for (size_t k = 0; k < g->naliases; k++)
			json_array_append_new(aliases, jo_str(g->aliases[k]));
		json_array_append_new(groups,
				      json_pack("{s:I,s:o,s:o,s:o}", "id", (json_int_t)g->id, "name",
						jo_str(g->name), "aliases", aliases, "members",
						members));
	}
	directory_release(&d);
	o = json_object();
	json_object_set_new(o, "units", units);
	json_object_set_new(o, "groups", groups);
	http_resp_json(rs, MHD_HTTP_OK, o);
	return 0;
}

int h_directory_unit_get(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct store_assignment_filter f;
	struct store_assignment_list al;
	struct directory d;
	int64_t uid, pid;
	long at;
	json_t *o, *arr;
	int rc = -1;

	directory_init(&d);
	store_assignment_list_init(&al);
	if (http_param_id(rq, "id", INT64_MAX, &uid, e))
		goto out;
	/* A liaison sees its own unit; any other is, for it, not there. */
	if (rq->who.role == USER_LIAISON && uid != rq->who.unit_id) {
		err_set(e, ERR_NOT_FOUND, "单位名录中没有 ID 为 %" PRId64 " 的单位", uid);
		goto out;
	}
	if (plan_id(rq, &pid, e) || svc_directory_load(rq->st, &d, e))
		goto out;
	at = directory_unit_by_id(&d, uid);
	if (at < 0) {
		err_set(e, ERR_NOT_FOUND, "单位名录中没有 ID 为 %" PRId64 " 的单位", uid);
		goto out;
	}
	memset(&f, 0, sizeof(f));
	f.plan_id = pid;
	f.unit_id = uid;
	if (svc_assignments_query(rq->st, &f, &al, e))
		goto out;
	o = dir_unit(&d, (size_t)at);
	arr = json_array();
	for (size_t i = 0; i < al.n; i++)
		json_array_append_new(arr, jo_assignment(&al.v[i]));
	json_object_set_new(o, "plan_id", json_integer(pid));
	json_object_set_new(o, "assignments", arr);
	http_resp_json(rs, MHD_HTTP_OK, o);
	rc = 0;
out:
	store_assignment_list_release(&al);
	directory_release(&d);
	return rc;
}

int h_unverified_list(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct svc_unverified u;
	const char *spec;
	int64_t pid = 0;
	json_t *arr, *o;

	if (http_query(rq, "plan", PLAN_SPEC_MAX, &spec, e))
		return -1;
	if (spec && svc_plan_resolve(rq->st, spec, &pid, e))
		return -1;
	svc_unverified_init(&u);
	if (svc_unverified_list(rq->st, pid, &u, e)) {
		svc_unverified_release(&u);
		return -1;
	}
	arr = json_array();
	for (size_t i = 0; i < u.n; i++) {
		json_t *where = json_array();

		for (size_t k = 0; k < u.v[i].n; k++) {
			const struct store_assignment_row *r = u.v[i].rows[k];

			json_array_append_new(where,
					      json_pack("{s:I,s:i,s:o,s:s}", "plan_id",
							(json_int_t)r->plan_id, "task_no", r->task_no,
							"written", jo_str(r->a.written), "role",
							assignment_role_code(r->a.role)));
		}
		json_array_append_new(arr, json_pack("{s:o,s:o}", "name", jo_str(u.v[i].name),
						     "tasks", where));
	}
	svc_unverified_release(&u);
	o = json_object();
	json_object_set_new(o, "plan_id", jo_id(pid));
	json_object_set_new(o, "names", arr);
	http_resp_json(rs, MHD_HTTP_OK, o);
	return 0;
}

int h_assignments_list(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct store_assignment_filter f;
	struct store_assignment_list al;
	int64_t task = 0, unit = 0;
	bool unverified = false, retired = false, nothing = false;
	json_t *arr, *o;

	memset(&f, 0, sizeof(f));
	if (plan_id(rq, &f.plan_id, e) || http_query_int(rq, "task", 1, INT32_MAX, &task, e) ||
	    http_query_int(rq, "unit_id", 1, INT64_MAX, &unit, e) ||
	    http_query_bool(rq, "unverified", &unverified, e) ||
	    http_query_bool(rq, "retired", &retired, e))
		return -1;
	if (rq->who.role == USER_LIAISON) {
		/* A liaison's answer is its own unit's share, whatever it asks for. */
		nothing = unverified || (unit && unit != rq->who.unit_id);
		unit = rq->who.unit_id;
		unverified = false;
	}
	f.task_no = (int)task;
	f.unit_id = unit;
	f.unverified = unverified;
	f.with_retired = retired;
	store_assignment_list_init(&al);
	if (!nothing && svc_assignments_query(rq->st, &f, &al, e)) {
		store_assignment_list_release(&al);
		return -1;
	}
	arr = json_array();
	for (size_t i = 0; i < al.n; i++)
		json_array_append_new(arr, jo_assignment(&al.v[i]));
	store_assignment_list_release(&al);
	o = json_object();
	json_object_set_new(o, "plan_id", json_integer(f.plan_id));
	json_object_set_new(o, "assignments", arr);
	http_resp_json(rs, MHD_HTTP_OK, o);
	return 0;
}
