/* Handlers for plans: list, one plan, upload (import), replace (PUT with If-Match), export. */
#include <inttypes.h>
#include <string.h>

#include "http/handlers.h"
#include "http/json_out.h"
#include "http/respond.h"
#include "service/import_service.h"
#include "service/plan_service.h"
#include "service/query_service.h"
#include "util/banned.h"

#define PLAN_SPEC_MAX 256	/* bytes of a plan spec (id, year or document number) */

/* The stored plan row of `id` (from the list: the store has no other per-id read). */
static int plan_row(struct store *st, int64_t id, struct store_plan_list *l,
		    const struct store_plan_row **out, struct err *e)
{
	*out = NULL;
	if (svc_plan_list(st, l, e))
		return -1;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].id == id)
			*out = &l->v[i];
	if (!*out)
		return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %" PRId64 " 的清单", id);
	return 0;
}

int h_plans_list(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct store_plan_list l;
	json_t *arr;

	store_plan_list_init(&l);
	if (svc_plan_list(rq->st, &l, e)) {
		store_plan_list_release(&l);
		return -1;
	}
	arr = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(arr, jo_plan_row(&l.v[i]));
	store_plan_list_release(&l);
	http_resp_json(rs, MHD_HTTP_OK, json_pack("{s:o}", "plans", arr));
	return 0;
}

int h_plan_get(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const char *spec = http_param(rq, "plan");
	const struct store_plan_row *row;
	struct svc_plan_summary sum;
	struct store_plan_list l;
	struct plan_doc doc;
	json_t *o = NULL, *secs;
	int64_t id;
	int rc = -1;

	store_plan_list_init(&l);
	plan_doc_init(&doc);
	if (strlen(spec) > PLAN_SPEC_MAX) {
		err_set(e, ERR_NOT_FOUND, "没有这份清单");
		goto out;
	}
	if (svc_plan_resolve(rq->st, spec, &id, e) || plan_row(rq->st, id, &l, &row, e) ||
	    svc_plan_load(rq->st, arena_printf(&rq->arena, "%" PRId64, id), &doc, NULL, e))
		goto out;
	svc_plan_summarize(&doc, &sum);
	o = jo_plan_row(row);
	secs = json_array();
	for (size_t i = 0; i < sum.nsections; i++)
		json_array_append_new(secs, json_pack("{s:o,s:I}", "section",
						      jo_str(sum.sections[i].section), "ntasks",
						      (json_int_t)sum.sections[i].ntasks));
	json_object_set_new(o, "sections", secs);
	json_object_set_new(o, "nunits", json_integer((json_int_t)sum.nunits));
	json_object_set_new(o, "ntargets", json_integer((json_int_t)sum.ntargets));
	json_object_set_new(o, "nmilestones", json_integer((json_int_t)sum.nmilestones));
	svc_plan_summary_release(&sum);
	http_etag(rq, rs, row->sha256);
	http_resp_json(rs, MHD_HTTP_OK, o);
	rc = 0;
out:
	plan_doc_release(&doc);
	store_plan_list_release(&l);
	return rc;
}

static const char *const outcome_codes[] = {
	[SVC_IMPORT_PARSED] = "parsed",
	[SVC_IMPORT_ADDED] = "added",
	[SVC_IMPORT_REPLACED] = "replaced",
	[SVC_IMPORT_UNCHANGED] = "unchanged",
};

/* {"outcome", "plan", "warnings": [{"line", "message"}]} */
static int import_answer(struct http_req *rq, struct http_resp *rs, const struct svc_import *imp,
			 unsigned status, struct err *e)
{
	const struct store_plan_row *row;
	struct store_plan_list l;
	json_t *o, *w;

	store_plan_list_init(&l);
	if (plan_row(rq->st, imp->plan_id, &l, &row, e)) {
		store_plan_list_release(&l);
		return -1;
	}
	w = json_array();
	for (size_t i = 0; i < imp->warnings.n; i++)
		json_array_append_new(w, json_pack("{s:o,s:o}", "line",
						   imp->warnings.v[i].line > 0
							   ? json_integer(imp->warnings.v[i].line)
							   : json_null(),
						   "message", jo_str(imp->warnings.v[i].msg)));
	o = json_object();
	json_object_set_new(o, "outcome", json_string(outcome_codes[imp->outcome]));
	json_object_set_new(o, "plan", jo_plan_row(row));
	json_object_set_new(o, "warnings", w);
	if (status == MHD_HTTP_CREATED)
		http_resp_header(rs, MHD_HTTP_HEADER_LOCATION,
				 arena_printf(&rq->arena, "/api/v1/plans/%" PRId64, row->id));
	http_etag(rq, rs, row->sha256);
	http_resp_json(rs, status, o);
	store_plan_list_release(&l);
	return 0;
}

/* The stored plan a real import of `p` would meet: same source, or same issuer and number. */
static json_t *existing_plan(const struct store_plan_list *l, const struct plan *p)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct store_plan_row *r = &l->v[i];

		if (!strcmp(r->sha256, p->sha256) ||
		    (p->doc_no && *p->doc_no && !strcmp(r->doc_no, p->doc_no) &&
		     !strcmp(r->issuer, p->issuer ? p->issuer : "")))
			return jo_plan_row(r);
	}
	return json_null();
}

/*
 * ?dry_run=true: what the import understood, nothing stored.
 * {"outcome":"parsed","plan","sections","nunits","ntargets","nmilestones","tasks","warnings","existing"}
 */
static int preview_answer(struct http_req *rq, struct http_resp *rs, const struct svc_import *imp,
			  struct err *e)
{
	const struct plan *p = &imp->doc.plan;
	struct svc_plan_summary sum;
	struct store_plan_list l;
	json_t *o, *plan, *secs, *tasks, *w;

	store_plan_list_init(&l);
	if (svc_plan_list(rq->st, &l, e)) {
		store_plan_list_release(&l);
		return -1;
	}
	plan = json_object();
	json_object_set_new(plan, "issuer", jo_str(p->issuer));
	json_object_set_new(plan, "doc_no", jo_str(p->doc_no));
	json_object_set_new(plan, "title", jo_str(p->title));
	json_object_set_new(plan, "year", p->year ? json_integer(p->year) : json_null());
	json_object_set_new(plan, "issued", jo_date(p->issued));
	json_object_set_new(plan, "recipients", jo_str(p->recipients));
	json_object_set_new(plan, "source_name", jo_str(p->source_name));
	json_object_set_new(plan, "source_format", jo_str(imp->info.format));
	json_object_set_new(plan, "source_encoding", jo_str(imp->info.encoding));
	json_object_set_new(plan, "source_sha256", json_string(p->sha256));
	json_object_set_new(plan, "ntasks", json_integer((json_int_t)imp->doc.ntasks));
	svc_plan_summarize(&imp->doc, &sum);
	secs = json_array();
	for (size_t i = 0; i < sum.nsections; i++)
		json_array_append_new(secs, json_pack("{s:o,s:I}", "section",
						      jo_str(sum.sections[i].section), "ntasks",
						      (json_int_t)sum.sections[i].ntasks));
	tasks = json_array();
	for (size_t i = 0; i < imp->doc.ntasks; i++) {
		const struct task *t = &imp->doc.tasks[i];
		json_t *units = json_array();

		for (size_t j = 0; j < t->nunits; j++)
			json_array_append_new(units, jo_str(t->units[j]));
		json_array_append_new(tasks, json_pack("{s:i,s:o,s:o,s:o,s:o,s:I,s:I}", "no", t->no,
						       "section", jo_str(t->section), "text",
						       jo_str(t->text), "units", units, "due",
						       jo_date(t->due), "ntargets",
						       (json_int_t)t->ntargets, "nmilestones",
						       (json_int_t)t->nmilestones));
	}
	w = json_array();
	for (size_t i = 0; i < imp->warnings.n; i++)
		json_array_append_new(w, json_pack("{s:o,s:o}", "line",
						   imp->warnings.v[i].line > 0
							   ? json_integer(imp->warnings.v[i].line)
							   : json_null(),
						   "message", jo_str(imp->warnings.v[i].msg)));
	o = json_object();
	json_object_set_new(o, "outcome", json_string("parsed"));
	json_object_set_new(o, "plan", plan);
	json_object_set_new(o, "sections", secs);
	json_object_set_new(o, "nunits", json_integer((json_int_t)sum.nunits));
	json_object_set_new(o, "ntargets", json_integer((json_int_t)sum.ntargets));
	json_object_set_new(o, "nmilestones", json_integer((json_int_t)sum.nmilestones));
	json_object_set_new(o, "tasks", tasks);
	json_object_set_new(o, "warnings", w);
	json_object_set_new(o, "existing", existing_plan(&l, p));
	svc_plan_summary_release(&sum);
	store_plan_list_release(&l);
	http_resp_json(rs, MHD_HTTP_OK, o);
	return 0;
}

static int upload_format(struct http_req *rq, enum import_format *out, struct err *e)
{
	const char *f;

	*out = IMPORT_FORMAT_AUTO;
	if (http_query(rq, "format", 16, &f, e))
		return -1;
	if (f && import_format_parse(f, out))
		return http_bad_request(rq, e, "查询参数 format 应为 auto、text、docx 或 xlsx：%s", f);
	return 0;
}

int h_plans_upload(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	enum svc_import_mode mode = SVC_IMPORT_NEW;
	enum import_format format;
	struct svc_import imp;
	const char *m, *dry;
	int rc = -1;

	if (upload_format(rq, &format, e) || http_query(rq, "mode", 32, &m, e) ||
	    http_query(rq, "dry_run", 8, &dry, e))
		return -1;
	if (dry && strcmp(dry, "true") && strcmp(dry, "false"))
		return http_bad_request(rq, e, "查询参数 dry_run 应为 true 或 false：%s", dry);
	if (m && !strcmp(m, "skip_existing"))
		mode = SVC_IMPORT_SKIP_EXISTING;
	else if (m && strcmp(m, "new"))
		return http_bad_request(rq, e,
					"查询参数 mode 应为 new 或 skip_existing（替换请用 PUT /api/v1/plans/ID）：%s",
					m);
	svc_import_init(&imp);
	if (svc_import_parse(rq->upload.data, rq->upload.len, rq->upload.filename, format, &imp,
			     e))
		goto out;
	if (dry && !strcmp(dry, "true")) {
		rc = preview_answer(rq, rs, &imp, e);
		goto out;
	}
	if (svc_import_store(rq->st, &imp, mode, &rq->actor, e))
		goto out;
	rc = import_answer(rq, rs, &imp,
			   imp.outcome == SVC_IMPORT_ADDED ? MHD_HTTP_CREATED : MHD_HTTP_OK, e);
out:
	svc_import_release(&imp);
	return rc;
}

int h_plan_replace(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const char *spec = http_param(rq, "plan"), *tag;
	enum import_format format;
	struct svc_import imp;
	int64_t id;
	int rc, pre;

	if (upload_format(rq, &format, e))
		return -1;
	if (strlen(spec) > PLAN_SPEC_MAX)
		return err_set(e, ERR_NOT_FOUND, "没有这份清单");
	pre = http_if_match(rq, rs, &tag, e);
	if (pre)
		return pre < 0 ? -1 : 0;
	if (svc_plan_resolve(rq->st, spec, &id, e))
		return -1;
	svc_import_init(&imp);
	imp.replace_id = id;
	imp.replace_sha256 = tag;
	rc = -1;
	if (svc_import_parse(rq->upload.data, rq->upload.len, rq->upload.filename, format, &imp,
			     e) ||
	    svc_import_store(rq->st, &imp, SVC_IMPORT_REPLACE, &rq->actor, e))
		goto out;
	rc = import_answer(rq, rs, &imp, MHD_HTTP_OK, e);
out:
	svc_import_release(&imp);
	return rc;
}

int h_export(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	enum svc_export_format format = SVC_EXPORT_JSON;
	const char *spec, *f;
	int64_t id;

	if (http_query(rq, "plan", PLAN_SPEC_MAX, &spec, e) || http_query(rq, "format", 16, &f, e))
		return -1;
	if (f && svc_export_format_parse(f, &format))
		return http_bad_request(rq, e, "查询参数 format 应为 json 或 csv：%s", f);
	if (svc_plan_resolve(rq->st, spec, &id, e) ||
	    svc_plan_export(rq->st, id, format, &rs->body, e))
		return -1;
	rs->status = MHD_HTTP_OK;
	rs->content_type = format == SVC_EXPORT_CSV ? "text/csv; charset=utf-8"
						    : "application/json; charset=utf-8";
	http_resp_header(rs, "Content-Disposition",
			 arena_printf(&rq->arena, "attachment; filename=\"duban-plan-%" PRId64 ".%s\"",
				      id, format == SVC_EXPORT_CSV ? "csv" : "json"));
	return 0;
}
