/* Handlers for supervision: actions (the ladder), forms, suggestions, 问责, assessment and appeals, bulletins, the Excel ledger. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/bulletin.h"
#include "export/export_xlsx.h"
#include "http/handlers.h"
#include "http/json_out.h"
#include "http/respond.h"
#include "http/server.h"
#include "service/assess_service.h"
#include "service/bulletin_service.h"
#include "service/ledger_service.h"
#include "service/plan_service.h"
#include "service/supervision_service.h"
#include "util/banned.h"

#define PLAN_SPEC_MAX 256
#define TEXT_MAX 2000		/* characters of a reason, requirement, reply or note */
#define NAME_MAX_CHARS 200

/* ---- shared pieces ---- */

static const char *opt_str(const struct json_value *v)
{
	return v->set && !v->null && v->s && *v->s ? v->s : NULL;
}

/* The acting context: who, for which unit, on which day (`on`: the office only, not later). */
static int act_ctx(struct http_req *rq, const struct json_value *on, struct svc_rctx *rc,
		   struct err *e)
{
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	struct date today = http_today(rq), d;

	rc->actor = &rq->actor;
	rc->unit_id = http_scope_unit(rq);
	rc->today = today;
	if (!on || !on->set || on->null)
		return 0;
	if (date_parse_iso(on->s, &d, "字段 on", e)) {
		rq->bad_request = true;
		return -1;
	}
	date_format_iso(d, a);
	date_format_iso(today, b);
	if (date_cmp(d, today) > 0)
		return err_set(e, ERR_INPUT, "日期 on（%s）晚于今天 %s：只能补录已发生的事项", a, b);
	if (rc->unit_id && date_cmp(d, today))
		return err_set(e, ERR_DENIED, "联络员办理的事项按当天（%s）记录，不能补录 %s 的事项",
			       b, a);
	rc->today = d;
	return 0;
}

/* ?as_of= (default today; not later than today): 400 when malformed or later. */
static int query_day(struct http_req *rq, struct date *out, struct err *e)
{
	const char *s;
	char t[DATE_ISO_LEN];
	struct date today = http_today(rq);

	*out = today;
	if (http_query(rq, "as_of", 10, &s, e))
		return -1;
	if (!s)
		return 0;
	if (date_parse_iso(s, out, "查询参数 as_of", e)) {
		rq->bad_request = true;
		return -1;
	}
	date_format_iso(today, t);
	if (date_cmp(*out, today) > 0)
		return http_bad_request(rq, e, "截至日期 as_of（%s）晚于今天 %s：只能查看已知的情况", s, t);
	return 0;
}

static int query_plan(struct http_req *rq, const char **spec, struct err *e)
{
	return http_query(rq, "plan", PLAN_SPEC_MAX, spec, e);
}

static json_t *jo_code(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *jo_text(const char *s)
{
	return s && *s ? jo_str(s) : json_null();
}

/* Hundredths of a point as a plain number. */
static json_t *jo_points(int cp)
{
	return jo_number((double)cp / 100.0);
}

/* ---- actions ---- */

/* An action as the API answers it, its reply state as of `day`. */
static json_t *action_json(const struct store_action *x, struct date day)
{
	struct ladder_action la;
	char no[64];
	json_t *o = json_object();

	svc_action_to_ladder(x, &la);
	svc_action_form_no(x, no, sizeof(no));
	json_object_set_new(o, "id", json_integer(x->id));
	json_object_set_new(o, "plan_id", json_integer(x->plan_id));
	json_object_set_new(o, "task_no", json_integer(x->task_no));
	json_object_set_new(o, "on", json_string(x->assignment_id ? "assignment" : "task"));
	json_object_set_new(o, "assignment_id", jo_id(x->assignment_id));
	json_object_set_new(o, "unit_id", jo_id(x->unit_id));
	json_object_set_new(o, "unit_name", jo_str(x->unit_name));
	json_object_set_new(o, "step", json_string(ladder_step_name(x->step)));
	json_object_set_new(o, "ground", jo_code(ladder_ground_name(x->ground)));
	json_object_set_new(o, "basis", json_string(ladder_basis_name(x->basis)));
	json_object_set_new(o, "form_no", jo_text(no));
	json_object_set_new(o, "reason", jo_text(x->reason));
	json_object_set_new(o, "requirement", jo_text(x->requirement));
	json_object_set_new(o, "cause", jo_text(x->cause));
	json_object_set_new(o, "leader", jo_text(x->leader));
	json_object_set_new(o, "issued_by", jo_str(x->issued_by));
	json_object_set_new(o, "issued_on", jo_date(x->issued_on));
	json_object_set_new(o, "deadline", jo_date(x->reply_due));
	json_object_set_new(o, "reply", jo_text(x->reply));
	json_object_set_new(o, "replied_by", x->reply ? jo_str(x->replied_by) : json_null());
	json_object_set_new(o, "replied_on", jo_date(x->replied_on));
	json_object_set_new(o, "reply_state", json_string(ladder_reply_name(ladder_reply_state(&la, day))));
	json_object_set_new(o, "closed_on", jo_date(x->closed_on));
	json_object_set_new(o, "closed_by", date_is_set(x->closed_on) ? jo_str(x->closed_by) : json_null());
	json_object_set_new(o, "close_note", jo_text(x->close_note));
	json_object_set_new(o, "sample", json_boolean(x->sample));
	return o;
}

/* 200 (or 201 with Location) with action `id` as the caller may see it. */
static int action_answer(struct http_req *rq, struct http_resp *rs, unsigned status, int64_t id,
			 struct err *e)
{
	struct arena a = ARENA_INIT;
	struct store_action x;

	if (svc_action_get(rq->st, http_scope_unit(rq), id, &a, &x, e)) {
		arena_release(&a);
		return -1;
	}
	if (status == MHD_HTTP_CREATED)
		http_resp_header(rs, MHD_HTTP_HEADER_LOCATION,
				 arena_printf(&rq->arena, "/api/v1/actions/%" PRId64, id));
	http_resp_json(rs, status, action_json(&x, http_today(rq)));
	arena_release(&a);
	return 0;
}

/* GET /actions?plan&task&assignment_id&as_of: issued on or before the day; a liaison's unit's only. */
int h_actions_list(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct svc_supervision sv;
	const char *spec;
	struct date day;
	int64_t task = 0, asg = 0, unit = http_scope_unit(rq);
	json_t *arr, *o;
	int rc = -1;

	svc_supervision_init(&sv);
	if (query_plan(rq, &spec, e) || query_day(rq, &day, e) ||
	    http_query_int(rq, "task", 1, INT32_MAX, &task, e) ||
	    http_query_int(rq, "assignment_id", 1, INT64_MAX, &asg, e) ||
	    svc_supervision_load(rq->st, spec, day, rq->cfg->status_cfg, &sv, e))
		goto out;
	arr = json_array();
	for (size_t k = 0; k < sv.acts.n; k++) {
		const struct store_action *x = &sv.acts.v[k];

		if (date_cmp(x->issued_on, day) > 0 || (task && x->task_no != task) ||
		    (asg && x->assignment_id != asg) || (unit && x->unit_id != unit))
			continue;
		json_array_append_new(arr, action_json(x, day));
	}
	o = json_object();
	json_object_set_new(o, "plan_id", json_integer(sv.st.plan_id));
	json_object_set_new(o, "as_of", jo_date(day));
	json_object_set_new(o, "actions", arr);
	http_resp_json(rs, MHD_HTTP_OK, o);
	rc = 0;
out:
	svc_supervision_release(&sv);
	return rc;
}

int h_action_get(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	int64_t id;

	if (http_param_id(rq, "id", INT64_MAX, &id, e))
		return -1;
	return action_answer(rq, rs, MHD_HTTP_OK, id, e);
}

static const char *const measure_values[] = { "interview", "written_review", "criticism",
					      "admonition", "organizational", "sanction", "other",
					      NULL };

struct action_in {
	struct json_value on, assignment_id, task_no, step, ground, deadline, requirement, reason,
		leader, cause, measure, measure_text, doc_no, subject;
};

static const struct json_field action_fields[] = {
	JSON_STR(struct action_in, on, JSON_IN_NULLABLE, 10, 10, NULL),
	JSON_INT(struct action_in, assignment_id, JSON_IN_NULLABLE, 1, INT64_MAX),
	JSON_INT(struct action_in, task_no, JSON_IN_NULLABLE, 1, INT32_MAX),
	JSON_STR(struct action_in, step, JSON_IN_REQUIRED, 1, 32, NULL),
	JSON_STR(struct action_in, ground, JSON_IN_NULLABLE, 0, 32, NULL),
	JSON_STR(struct action_in, deadline, JSON_IN_NULLABLE, 0, 10, NULL),
	JSON_STR(struct action_in, requirement, JSON_IN_NULLABLE, 0, TEXT_MAX, NULL),
	JSON_STR(struct action_in, reason, JSON_IN_NULLABLE, 0, TEXT_MAX, NULL),
	JSON_STR(struct action_in, leader, JSON_IN_NULLABLE, 0, NAME_MAX_CHARS, NULL),
	JSON_STR(struct action_in, cause, JSON_IN_NULLABLE, 0, TEXT_MAX, NULL),
	JSON_STR(struct action_in, measure, JSON_IN_NULLABLE, 1, 32, measure_values),
	JSON_STR(struct action_in, measure_text, JSON_IN_NULLABLE, 0, TEXT_MAX, NULL),
	JSON_STR(struct action_in, doc_no, JSON_IN_NULLABLE, 0, 64, NULL),
	JSON_STR(struct action_in, subject, JSON_IN_NULLABLE, 0, NAME_MAX_CHARS, NULL),
	JSON_END,
};

const struct http_body_spec body_action = { action_fields, sizeof(struct action_in) };

/* A ground code or label; "" or absent: none. */
static int body_ground(struct http_req *rq, const struct json_value *v, enum ladder_ground *out,
		       struct err *e)
{
	*out = GROUND_NONE;
	if (!opt_str(v))
		return 0;
	if (ladder_ground_parse(v->s, out))
		return http_bad_request(rq, e, "字段 ground 应为 ineffective、behind、inefficient 或 shirking：%s",
					v->s);
	return 0;
}

/*
 * POST /actions?plan: issue a step on an assignment, or on a task as a
 * whole (task_no).  With measure and doc_no (a 问责 step), the 问责 record
 * is added right after, in a transaction of its own.
 */
int h_action_issue(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct action_in *in = rq->in;
	struct svc_action_input ai;
	struct svc_action_issued out;
	struct svc_rctx rc;
	bool account;

	memset(&ai, 0, sizeof(ai));
	if (query_plan(rq, &ai.plan_spec, e) || act_ctx(rq, &in->on, &rc, e) ||
	    body_ground(rq, &in->ground, &ai.ground, e))
		return -1;
	if (ladder_step_parse(in->step.s, &ai.step) || ai.step == STEP_NONE)
		return http_bad_request(rq, e, "字段 step 应为 remind、urge、blue、orange、red、escalate、"
					"interview 或 accountability：%s", in->step.s);
	if (in->assignment_id.set && !in->assignment_id.null)
		ai.assignment_id = in->assignment_id.i;
	else if (in->task_no.set && !in->task_no.null)
		ai.task_no = (int)in->task_no.i;
	else
		return http_bad_request(rq, e, "须给出 assignment_id（某单位的分工）或 task_no（任务整体）");
	if (opt_str(&in->deadline) && date_parse_iso(in->deadline.s, &ai.reply_due, "字段 deadline", e)) {
		rq->bad_request = true;
		return -1;
	}
	account = opt_str(&in->measure) || opt_str(&in->doc_no);
	if (account && (ai.step != STEP_ACCOUNT || !opt_str(&in->measure) || !opt_str(&in->doc_no)))
		return err_set(e, ERR_INPUT, "问责登记（measure、doc_no）须与问责措施（step accountability）"
			       "一起给出，且两者都要填");
	ai.reason = opt_str(&in->reason);
	ai.requirement = opt_str(&in->requirement);
	ai.leader = opt_str(&in->leader);
	ai.cause = opt_str(&in->cause);
	if (svc_action_issue(rq->st, &rc, &ai, &out, e))
		return -1;
	if (account) {
		struct svc_accountability_input acc;
		int64_t acc_id;

		memset(&acc, 0, sizeof(acc));
		acc.action_id = out.id;
		acc.measure = (enum account_measure)(in->measure.e + 1);
		acc.measure_text = opt_str(&in->measure_text);
		acc.ground = ai.ground;
		acc.subject = opt_str(&in->subject);
		acc.doc_no = in->doc_no.s;
		if (svc_accountability_add(rq->st, &rc, &acc, &acc_id, e))
			return err_prefix(e, "问责措施已发出（督办事项 %" PRId64 "），但问责登记未保存：",
					  out.id);
	}
	return action_answer(rq, rs, MHD_HTTP_CREATED, out.id, e);
}

struct reply_in {
	struct json_value on, text;
};

static const struct json_field reply_fields[] = {
	JSON_STR(struct reply_in, on, JSON_IN_NULLABLE, 10, 10, NULL),
	JSON_STR(struct reply_in, text, JSON_IN_REQUIRED, 1, TEXT_MAX, NULL),
	JSON_END,
};

const struct http_body_spec body_action_reply = { reply_fields, sizeof(struct reply_in) };

int h_action_reply(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct reply_in *in = rq->in;
	struct svc_rctx rc;
	int64_t id;

	if (http_param_id(rq, "id", INT64_MAX, &id, e) || act_ctx(rq, &in->on, &rc, e) ||
	    svc_action_reply(rq->st, &rc, id, in->text.s, e))
		return -1;
	return action_answer(rq, rs, MHD_HTTP_OK, id, e);
}

struct close_in {
	struct json_value on, note;
};

static const struct json_field close_fields[] = {
	JSON_STR(struct close_in, on, JSON_IN_NULLABLE, 10, 10, NULL),
	JSON_STR(struct close_in, note, JSON_IN_NULLABLE, 0, TEXT_MAX, NULL),
	JSON_END,
};

const struct http_body_spec body_action_close = { close_fields, sizeof(struct close_in) };

int h_action_close(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct close_in *in = rq->in;
	struct svc_rctx rc;
	int64_t id;

	if (http_param_id(rq, "id", INT64_MAX, &id, e) || act_ctx(rq, &in->on, &rc, e) ||
	    svc_action_close(rq->st, &rc, id, opt_str(&in->note), e))
		return -1;
	return action_answer(rq, rs, MHD_HTTP_OK, id, e);
}

static json_t *form_json(const struct ladder_form *f)
{
	json_t *o = json_object();

	json_object_set_new(o, "kind", jo_code(ladder_form_label(f->kind)));
	json_object_set_new(o, "step", jo_code(ladder_step_name(f->step)));
	json_object_set_new(o, "title", jo_str(f->title));
	json_object_set_new(o, "number", jo_str(f->number));
	json_object_set_new(o, "matter_no", jo_str(f->matter_no));
	json_object_set_new(o, "matter", jo_str(f->matter));
	json_object_set_new(o, "requirement", jo_str(f->requirement));
	json_object_set_new(o, "unit", jo_str(f->unit));
	json_object_set_new(o, "person", jo_str(f->person ? f->person : ""));
	json_object_set_new(o, "deadline", jo_str(f->deadline));
	json_object_set_new(o, "ground", jo_str(f->ground));
	json_object_set_new(o, "issued", jo_str(f->issued));
	json_object_set_new(o, "office", jo_str(f->office ? f->office : ""));
	json_object_set_new(o, "leader", jo_str(f->leader ? f->leader : ""));
	return o;
}

/* GET /actions/:id/form: the printable 催办单 or 督办通知单, as printed. */
int h_action_form(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct ladder_form f;
	int64_t id;
	int rc = -1;

	if (http_param_id(rq, "id", INT64_MAX, &id, e) || svc_action_form(rq->st, id, &a, &f, e))
		goto out;
	http_resp_json(rs, MHD_HTTP_OK, form_json(&f));
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

/* ---- suggestions ---- */

static json_t *causes_json(unsigned causes)
{
	json_t *a = json_array();

	for (unsigned bit = 1; bit && bit <= causes; bit <<= 1)
		if (causes & bit)
			json_array_append_new(a, jo_code(suggest_cause_name((enum suggest_cause)bit)));
	return a;
}

/* GET /suggestions?plan&as_of&task&unit_id: what the engine proposes, none of it issued. */
int h_suggestions(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct svc_suggestions s;
	const char *spec;
	struct date day;
	int64_t task = 0, unit = 0;
	json_t *arr, *o;
	size_t total = 0;
	int rc = -1;

	svc_suggestions_init(&s);
	if (query_plan(rq, &spec, e) || query_day(rq, &day, e) ||
	    http_query_int(rq, "task", 1, INT32_MAX, &task, e) ||
	    http_query_int(rq, "unit_id", 1, INT64_MAX, &unit, e) ||
	    svc_suggest(rq->st, spec, day, rq->cfg->status_cfg, &s, e))
		goto out;
	arr = json_array();
	for (size_t k = 0; k < s.list.n; k++) {
		const struct suggestion *g = &s.list.v[k];
		const struct svc_status_item *it = &s.sv.st.items[g->input];
		char handle[SUGGEST_KEYS_MAX + 32];
		json_t *x;

		total++;
		if ((task && it->a->task_no != task) || (unit && it->a->a.unit_id != unit))
			continue;
		x = json_object();
		svc_suggestion_handle(g, handle, sizeof(handle));
		json_object_set_new(x, "handle", jo_str(handle));
		json_object_set_new(x, "assignment_id", json_integer(g->assignment_id));
		json_object_set_new(x, "task_no", json_integer(it->a->task_no));
		json_object_set_new(x, "unit_id", jo_id(it->a->a.unit_id));
		json_object_set_new(x, "unit_name", jo_str(it->a->a.unit_name));
		json_object_set_new(x, "step", json_string(ladder_step_name(g->step)));
		json_object_set_new(x, "ground", jo_code(ladder_ground_name(g->ground)));
		json_object_set_new(x, "basis", json_string(ladder_basis_name(g->basis)));
		json_object_set_new(x, "causes", causes_json(g->causes));
		json_object_set_new(x, "keys", jo_str(g->keys));
		json_object_set_new(x, "reason", jo_str(g->reason));
		json_object_set_new(x, "after_action", jo_id(g->after_action));
		json_object_set_new(x, "deadline", jo_date(g->reply_due));
		json_array_append_new(arr, x);
	}
	o = json_object();
	json_object_set_new(o, "plan_id", json_integer(s.sv.st.plan_id));
	json_object_set_new(o, "as_of", jo_date(day));
	json_object_set_new(o, "sample", json_boolean(s.sv.st.nsample > 0));
	json_object_set_new(o, "total", json_integer((json_int_t)total));
	json_object_set_new(o, "suggestions", arr);
	http_resp_json(rs, MHD_HTTP_OK, o);
	rc = 0;
out:
	svc_suggestions_release(&s);
	return rc;
}

struct suggestion_in {
	struct json_value on, handle, assignment_id, keys, reason;
};

static const struct json_field suggestion_fields[] = {
	JSON_STR(struct suggestion_in, on, JSON_IN_NULLABLE, 10, 10, NULL),
	JSON_STR(struct suggestion_in, handle, JSON_IN_NULLABLE, 1, SUGGEST_KEYS_MAX + 24, NULL),
	JSON_INT(struct suggestion_in, assignment_id, JSON_IN_NULLABLE, 1, INT64_MAX),
	JSON_STR(struct suggestion_in, keys, JSON_IN_NULLABLE, 1, SUGGEST_KEYS_MAX - 1, NULL),
	JSON_STR(struct suggestion_in, reason, JSON_IN_NULLABLE, 0, TEXT_MAX, NULL),
	JSON_END,
};

const struct http_body_spec body_suggestion = { suggestion_fields, sizeof(struct suggestion_in) };

/* The handle "ASSIGNMENT/KEY" a body names: `handle`, or assignment_id with the first of `keys`. */
static int suggestion_handle(struct http_req *rq, const struct suggestion_in *in,
			     const char **out, struct err *e)
{
	const char *keys = opt_str(&in->keys);
	size_t n;

	if (opt_str(&in->handle)) {
		*out = in->handle.s;
		return 0;
	}
	if (!in->assignment_id.set || in->assignment_id.null || !keys)
		return http_bad_request(rq, e, "须给出 handle，或 assignment_id 与 keys");
	n = strcspn(keys, ";");
	*out = arena_printf(&rq->arena, "%" PRId64 "/%.*s", in->assignment_id.i, (int)n, keys);
	return 0;
}

/* POST /suggestions/accept?plan: issue what the suggestion proposes, as computed today. */
int h_suggestion_accept(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct suggestion_in *in = rq->in;
	struct svc_action_issued out;
	struct svc_rctx rc;
	const char *spec, *handle;

	if (query_plan(rq, &spec, e) || act_ctx(rq, &in->on, &rc, e) ||
	    suggestion_handle(rq, in, &handle, e) ||
	    svc_suggest_accept(rq->st, &rc, spec, rq->cfg->status_cfg, handle, &out, e))
		return -1;
	return action_answer(rq, rs, MHD_HTTP_CREATED, out.id, e);
}

/* POST /suggestions/dismiss?plan: record its causes as declined (with the reason). */
int h_suggestion_dismiss(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct suggestion_in *in = rq->in;
	struct svc_rctx rc;
	const char *spec, *handle;
	size_t nkeys = 0;

	if (query_plan(rq, &spec, e) || act_ctx(rq, &in->on, &rc, e) ||
	    suggestion_handle(rq, in, &handle, e) ||
	    svc_suggest_dismiss(rq->st, &rc, spec, rq->cfg->status_cfg, handle, opt_str(&in->reason), &nkeys, e))
		return -1;
	http_resp_empty(rs, MHD_HTTP_NO_CONTENT);
	return 0;
}

/* ---- 问责 ---- */

static json_t *accountability_json(const struct store_accountability *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "action_id", json_integer(r->action_id));
	json_object_set_new(o, "plan_id", json_integer(r->plan_id));
	json_object_set_new(o, "task_no", json_integer(r->task_no));
	json_object_set_new(o, "assignment_id", jo_id(r->assignment_id));
	json_object_set_new(o, "unit_id", jo_id(r->unit_id));
	json_object_set_new(o, "unit_name", jo_str(r->unit_name));
	json_object_set_new(o, "ground", jo_code(ladder_ground_name(r->ground)));
	json_object_set_new(o, "measure", jo_code(account_measure_name(r->measure)));
	json_object_set_new(o, "measure_text", jo_text(r->measure_text));
	json_object_set_new(o, "subject", jo_text(r->subject));
	json_object_set_new(o, "decided_on", jo_date(r->decided_on));
	json_object_set_new(o, "doc_no", jo_str(r->doc_no));
	json_object_set_new(o, "decided_by", jo_str(r->decided_by));
	json_object_set_new(o, "sample", json_boolean(r->sample));
	return o;
}

/* GET /accountability?plan&as_of: the 问责 register. */
int h_accountability_list(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct svc_supervision sv;
	const char *spec;
	struct date day;
	json_t *arr, *o;
	int rc = -1;

	svc_supervision_init(&sv);
	if (query_plan(rq, &spec, e) || query_day(rq, &day, e) ||
	    svc_supervision_load(rq->st, spec, day, rq->cfg->status_cfg, &sv, e))
		goto out;
	arr = json_array();
	for (size_t k = 0; k < sv.acc.n; k++)
		if (date_cmp(sv.acc.v[k].decided_on, day) <= 0)
			json_array_append_new(arr, accountability_json(&sv.acc.v[k]));
	o = json_object();
	json_object_set_new(o, "plan_id", json_integer(sv.st.plan_id));
	json_object_set_new(o, "records", arr);
	http_resp_json(rs, MHD_HTTP_OK, o);
	rc = 0;
out:
	svc_supervision_release(&sv);
	return rc;
}

struct accountability_in {
	struct json_value on, action_id, measure, measure_text, ground, subject, doc_no;
};

static const struct json_field accountability_fields[] = {
	JSON_STR(struct accountability_in, on, JSON_IN_NULLABLE, 10, 10, NULL),
	JSON_INT(struct accountability_in, action_id, JSON_IN_REQUIRED, 1, INT64_MAX),
	JSON_STR(struct accountability_in, measure, JSON_IN_REQUIRED, 1, 32, measure_values),
	JSON_STR(struct accountability_in, measure_text, JSON_IN_NULLABLE, 0, TEXT_MAX, NULL),
	JSON_STR(struct accountability_in, ground, JSON_IN_NULLABLE, 0, 32, NULL),
	JSON_STR(struct accountability_in, subject, JSON_IN_NULLABLE, 0, NAME_MAX_CHARS, NULL),
	JSON_STR(struct accountability_in, doc_no, JSON_IN_REQUIRED, 1, 64, NULL),
	JSON_END,
};

const struct http_body_spec body_accountability = { accountability_fields,
						    sizeof(struct accountability_in) };

int h_accountability_add(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct accountability_in *in = rq->in;
	struct svc_accountability_input acc;
	struct svc_rctx rc;
	int64_t id;

	memset(&acc, 0, sizeof(acc));
	if (act_ctx(rq, &in->on, &rc, e) || body_ground(rq, &in->ground, &acc.ground, e))
		return -1;
	acc.action_id = in->action_id.i;
	acc.measure = (enum account_measure)(in->measure.e + 1);
	acc.measure_text = opt_str(&in->measure_text);
	acc.subject = opt_str(&in->subject);
	acc.doc_no = in->doc_no.s;
	if (svc_accountability_add(rq->st, &rc, &acc, &id, e))
		return -1;
	http_resp_json(rs, MHD_HTTP_CREATED, json_pack("{s:I,s:I}", "id", (json_int_t)id,
							 "action_id", (json_int_t)acc.action_id));
	return 0;
}

/* ---- the assessment and appeals ---- */

static const char *rules_from_code(enum svc_rules_from r)
{
	switch (r) {
	case SVC_RULES_STORED:
		return "stored";
	case SVC_RULES_FILE:
		return "file";
	case SVC_RULES_DEFAULT:
		break;
	}
	return "default";
}

static json_t *score_json(const struct assess_score *u)
{
	json_t *o = json_object(), *parts = json_object(), *lines = json_array();

	for (int p = 0; p < ASSESS_NPARTS; p++)
		json_object_set_new(parts, assess_part_name((enum assess_part)p),
				    jo_points(u->part_cp[p]));
	for (size_t i = 0; i < u->nlines; i++) {
		const struct assess_line *l = &u->lines[i];
		json_t *x = json_object();

		json_object_set_new(x, "part", json_string(assess_part_name(l->part)));
		json_object_set_new(x, "key", jo_str(l->key));
		json_object_set_new(x, "points", jo_points(l->points_cp));
		json_object_set_new(x, "orig_points", jo_points(l->orig_cp));
		json_object_set_new(x, "text", jo_str(l->text));
		json_object_set_new(x, "at", jo_date(l->at));
		json_object_set_new(x, "fixed", json_boolean(l->fixed));
		json_object_set_new(x, "appeal", l->appeal == APPEAL_NONE
							 ? json_null()
							 : json_string(appeal_state_name(l->appeal)));
		json_object_set_new(x, "appeal_id", l->appeal_rec ? json_integer(l->appeal_rec->id)
								  : json_null());
		json_array_append_new(lines, x);
	}
	json_object_set_new(o, "rank", json_integer(u->rank));
	json_object_set_new(o, "unit_id", u->unit_id > 0 ? json_integer(u->unit_id) : json_null());
	json_object_set_new(o, "unit_name", jo_str(u->unit_name));
	json_object_set_new(o, "total", jo_points(u->total_cp));
	json_object_set_new(o, "parts", parts);
	json_object_set_new(o, "nassignments", json_integer((json_int_t)u->nassignments));
	json_object_set_new(o, "lines", lines);
	return o;
}

/* GET /assessment?plan&year&as_of&unit_id: scores and lines; a liaison's own unit's only. */
int h_assessment(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct svc_assessment as;
	struct svc_assess_opts o;
	int64_t year = 0, unit = 0;
	json_t *units, *res;
	char basis[128];
	int rc = -1;

	svc_assessment_init(&as);
	memset(&o, 0, sizeof(o));
	o.as_of = DATE_NONE;
	o.status_cfg = rq->cfg->status_cfg;
	if (query_plan(rq, &o.plan_spec, e) || http_query_int(rq, "year", 1900, 2999, &year, e) ||
	    http_query_int(rq, "unit_id", 1, INT64_MAX, &unit, e))
		goto out;
	{
		const char *s;

		if (http_query(rq, "as_of", 10, &s, e))
			goto out;
		if (s && query_day(rq, &o.as_of, e))
			goto out;
	}
	if (!year) {
		/* The plan's year: from the plan named (or the latest). */
		struct plan_doc doc;
		int64_t id;

		plan_doc_init(&doc);
		if (svc_plan_load(rq->st, o.plan_spec, &doc, &id, e)) {
			plan_doc_release(&doc);
			goto out;
		}
		year = doc.plan.year;
		plan_doc_release(&doc);
		if (!year) {
			http_bad_request(rq, e, "清单没有年份：请用查询参数 year 指明考核年度");
			goto out;
		}
	}
	o.year = (int)year;
	if (rq->who.role == USER_LIAISON)
		unit = rq->who.unit_id;
	if (svc_assess(rq->st, &o, &as, e))
		goto out;
	units = json_array();
	for (size_t i = 0; i < as.res.n; i++)
		if (!unit || as.res.units[i].unit_id == unit)
			json_array_append_new(units, score_json(&as.res.units[i]));
	snprintf(basis, sizeof(basis), "%d年度目标责任考核，%s", (int)year,
		 as.rules_from == SVC_RULES_STORED ? "按督查室设定的考核规则" : "按默认考核规则");
	res = json_object();
	json_object_set_new(res, "plan_id", json_integer(as.sv.st.plan_id));
	json_object_set_new(res, "year", json_integer(year));
	json_object_set_new(res, "as_of", jo_date(as.res.as_of));
	json_object_set_new(res, "rules", json_string(rules_from_code(as.rules_from)));
	json_object_set_new(res, "basis", jo_str(basis));
	json_object_set_new(res, "sample", json_boolean(as.sv.st.nsample > 0));
	json_object_set_new(res, "units", units);
	http_resp_json(rs, MHD_HTTP_OK, res);
	rc = 0;
out:
	svc_assessment_release(&as);
	return rc;
}

struct appeal_in {
	struct json_value on, year, unit, line_key, reason;
};

static const struct json_field appeal_fields[] = {
	JSON_STR(struct appeal_in, on, JSON_IN_NULLABLE, 10, 10, NULL),
	JSON_INT(struct appeal_in, year, JSON_IN_REQUIRED, 1900, 2999),
	JSON_STR(struct appeal_in, unit, JSON_IN_NULLABLE, 1, NAME_MAX_CHARS, NULL),
	JSON_STR(struct appeal_in, line_key, JSON_IN_REQUIRED, 1, 256, NULL),
	JSON_STR(struct appeal_in, reason, JSON_IN_REQUIRED, 1, TEXT_MAX, NULL),
	JSON_END,
};

const struct http_body_spec body_appeal = { appeal_fields, sizeof(struct appeal_in) };

/* POST /appeals?plan: a unit's appeal against one line (its liaison for its own unit). */
int h_appeal_file(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct appeal_in *in = rq->in;
	struct svc_appeal_input ai;
	struct svc_rctx rc;
	int64_t id;

	memset(&ai, 0, sizeof(ai));
	if (query_plan(rq, &ai.plan_spec, e) || act_ctx(rq, &in->on, &rc, e))
		return -1;
	ai.year = (int)in->year.i;
	ai.unit = rq->who.role == USER_LIAISON ? rq->who.unit_name : opt_str(&in->unit);
	if (!ai.unit)
		return http_bad_request(rq, e, "须给出 unit（申诉的单位）");
	ai.line_key = in->line_key.s;
	ai.reason = in->reason.s;
	if (svc_appeal_file(rq->st, &rc, &ai, &id, e))
		return -1;
	http_resp_json(rs, MHD_HTTP_CREATED, json_pack("{s:I,s:s}", "id", (json_int_t)id, "state",
							 appeal_state_name(APPEAL_PENDING)));
	return 0;
}

static const char *const appeal_decisions[] = { "upheld", "corrected", NULL };

struct appeal_decision_in {
	struct json_value on, decision, points, note;
};

static const struct json_field appeal_decision_fields[] = {
	JSON_STR(struct appeal_decision_in, on, JSON_IN_NULLABLE, 10, 10, NULL),
	JSON_STR(struct appeal_decision_in, decision, JSON_IN_REQUIRED, 1, 16, appeal_decisions),
	JSON_NUM(struct appeal_decision_in, points, JSON_IN_NULLABLE, -1000, 1000),
	JSON_STR(struct appeal_decision_in, note, JSON_IN_NULLABLE, 0, TEXT_MAX, NULL),
	JSON_END,
};

const struct http_body_spec body_appeal_decision = { appeal_decision_fields,
						     sizeof(struct appeal_decision_in) };

int h_appeal_decide(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct appeal_decision_in *in = rq->in;
	enum appeal_state d = in->decision.e == 0 ? APPEAL_UPHELD : APPEAL_CORRECTED;
	bool has_points = in->points.set && !in->points.null;
	struct svc_rctx rc;
	int cp = 0;
	int64_t id;

	if (http_param_id(rq, "id", INT64_MAX, &id, e) || act_ctx(rq, &in->on, &rc, e))
		return -1;
	if (d == APPEAL_CORRECTED && !has_points)
		return http_bad_request(rq, e, "予以更正（corrected）须给出 points（该项更正后的分数）");
	if (d == APPEAL_UPHELD && has_points)
		return http_bad_request(rq, e, "维持原分（upheld）时不应给出 points");
	if (has_points)
		cp = (int)(in->points.d * 100.0 + (in->points.d < 0 ? -0.5 : 0.5));
	if (svc_appeal_decide(rq->st, &rc, id, d, cp, opt_str(&in->note), e))
		return -1;
	http_resp_empty(rs, MHD_HTTP_NO_CONTENT);
	return 0;
}

/* ---- the bulletin and the ledger ---- */

static json_t *totals_json(const struct bulletin_totals *t)
{
	return json_pack("{s:i,s:i,s:i,s:i,s:i,s:i}", "ahead", t->ahead, "on", t->on, "behind",
			 t->behind, "done", t->done, "other", t->other, "total", t->total);
}

static json_t *btasks_json(const struct bulletin_task *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:i,s:o,s:o,s:o,s:o,s:b,s:i}", "no", v[i].no,
						   "text", jo_str(v[i].text), "lead_unit",
						   jo_str(v[i].lead_unit), "reason",
						   jo_str(v[i].reason), "cause", jo_str(v[i].cause),
						   "cause_repeated", v[i].cause_repeated, "runs",
						   v[i].runs));
	return a;
}

static json_t *bulletin_json(const struct svc_bulletin *sb)
{
	const struct bulletin *b = &sb->b;
	json_t *o = json_object(), *missing = json_array(), *notices = json_array(),
	       *ranking = json_array();

	for (size_t i = 0; i < b->nmissing; i++)
		json_array_append_new(missing, json_pack("{s:o,s:i,s:o}", "unit",
							 jo_str(b->missing[i].unit), "count",
							 b->missing[i].count, "periods",
							 jo_str(b->missing[i].periods)));
	for (size_t i = 0; i < b->nnotices; i++) {
		const struct bulletin_notice *n = &b->notices[i];

		json_array_append_new(notices, json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "form_no",
							 jo_str(n->form_no), "grade", jo_str(n->grade),
							 "unit", jo_str(n->unit), "task_no",
							 n->task_no > 0 ? json_integer(n->task_no)
									: json_null(),
							 "task", jo_str(n->task), "issued_on",
							 jo_str(n->issued_on), "state", jo_str(n->state)));
	}
	for (size_t i = 0; i < b->nranking; i++)
		json_array_append_new(ranking, json_pack("{s:i,s:o,s:o}", "rank", b->ranking[i].rank,
							 "unit", jo_str(b->ranking[i].unit), "score",
							 jo_number(b->ranking[i].score)));
	json_object_set_new(o, "plan_id", json_integer(sb->plan_id));
	json_object_set_new(o, "title", jo_str(b->title));
	json_object_set_new(o, "issue_no", jo_str(b->issue_no));
	json_object_set_new(o, "issued", json_boolean(sb->issue_no > 0));
	json_object_set_new(o, "issuer", jo_str(b->issuer));
	json_object_set_new(o, "period", jo_str(b->period));
	json_object_set_new(o, "as_of", jo_str(b->as_of));
	json_object_set_new(o, "totals", totals_json(&b->totals));
	json_object_set_new(o, "completed", btasks_json(b->completed, b->ncompleted));
	json_object_set_new(o, "lagging", btasks_json(b->lagging, b->nlagging));
	json_object_set_new(o, "overdue", btasks_json(b->overdue, b->noverdue));
	json_object_set_new(o, "missing", missing);
	json_object_set_new(o, "notices", notices);
	json_object_set_new(o, "ranking_basis", jo_str(b->ranking_basis));
	json_object_set_new(o, "ranking", ranking);
	json_object_set_new(o, "has_previous", json_boolean(b->has_previous));
	json_object_set_new(o, "previous_period", jo_str(b->previous_period));
	json_object_set_new(o, "previous", b->has_previous ? totals_json(&b->previous) : json_null());
	json_object_set_new(o, "turned_red", btasks_json(b->turned_red, b->nturned_red));
	json_object_set_new(o, "turned_green", btasks_json(b->turned_green, b->nturned_green));
	json_object_set_new(o, "requirements", jo_str(b->requirements));
	return o;
}

/* The bulletin of ?period= (required), made or issued. */
static int bulletin_make(struct http_req *rq, bool issue, const char *requirements,
			 struct svc_bulletin *out, struct err *e)
{
	struct svc_bulletin_opts o;
	struct svc_rctx rc;

	memset(&o, 0, sizeof(o));
	if (query_plan(rq, &o.plan_spec, e) || http_query(rq, "period", 16, &o.period, e) ||
	    act_ctx(rq, NULL, &rc, e))
		return -1;
	if (!o.period)
		return http_bad_request(rq, e, "须给出查询参数 period（如 2022-06 或 2022-Q2）");
	o.issue = issue;
	o.requirements = requirements;
	o.status_cfg = rq->cfg->status_cfg;
	return svc_bulletin_make(rq->st, &rc, &o, out, e);
}

/* GET /bulletin?plan&period&format=json|html|md */
int h_bulletin_get(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct svc_bulletin b;
	const char *format;
	int rc = -1;

	svc_bulletin_init(&b);
	if (http_query(rq, "format", 8, &format, e))
		goto out;
	if (format && strcmp(format, "json") && strcmp(format, "html") && strcmp(format, "md")) {
		http_bad_request(rq, e, "查询参数 format 应为 json、html 或 md：%s", format);
		goto out;
	}
	if (bulletin_make(rq, false, NULL, &b, e))
		goto out;
	if (!format || !strcmp(format, "json")) {
		http_resp_json(rs, MHD_HTTP_OK, bulletin_json(&b));
	} else {
		bool html = !strcmp(format, "html");

		if (html)
			bulletin_render_html(&b.b, &rs->body);
		else
			bulletin_render_markdown(&b.b, &rs->body);
		rs->status = MHD_HTTP_OK;
		rs->content_type = html ? "text/html; charset=utf-8" : "text/markdown; charset=utf-8";
		http_resp_header(rs, "Content-Disposition",
				 arena_printf(&rq->arena, "attachment; filename=\"bulletin-%s.%s\"",
					      b.b.period ? b.b.period : "period", html ? "html" : "md"));
	}
	rc = 0;
out:
	svc_bulletin_release(&b);
	return rc;
}

struct bulletin_in {
	struct json_value requirements;
};

static const struct json_field bulletin_fields[] = {
	JSON_STR(struct bulletin_in, requirements, JSON_IN_NULLABLE, 0, 20000, NULL),
	JSON_END,
};

const struct http_body_spec body_bulletin = { bulletin_fields, sizeof(struct bulletin_in) };

/* POST /bulletin?plan&period: issue it (stored as published; 第 N 期). */
int h_bulletin_issue(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct bulletin_in *in = rq->in;
	struct svc_bulletin b;
	int rc = -1;

	svc_bulletin_init(&b);
	if (bulletin_make(rq, true, opt_str(&in->requirements), &b, e))
		goto out;
	http_resp_json(rs, MHD_HTTP_CREATED, bulletin_json(&b));
	rc = 0;
out:
	svc_bulletin_release(&b);
	return rc;
}

/* GET /ledger?plan&as_of&year: the Excel 台账 (with the year's assessment sheets when year given). */
int h_ledger(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct svc_ledger l;
	const char *spec;
	struct date day;
	int64_t year = 0;
	int rc = -1;

	svc_ledger_init(&l);
	if (query_plan(rq, &spec, e) || query_day(rq, &day, e) ||
	    http_query_int(rq, "year", 1900, 2999, &year, e) ||
	    svc_ledger_build(rq->st, spec, day, rq->cfg->status_cfg, (int)year, &l, e) ||
	    export_xlsx_ledger_bytes(&l.l, NULL, &rs->body, e))
		goto out;
	rs->status = MHD_HTTP_OK;
	rs->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	http_resp_header(rs, "Content-Disposition",
			 arena_printf(&rq->arena, "attachment; filename=\"duban-ledger-%04d-%02d-%02d.xlsx\"",
				      day.y, day.m, day.d));
	rc = 0;
out:
	svc_ledger_release(&l);
	return rc;
}
