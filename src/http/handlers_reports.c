/* Handlers for reporting: assignments and their acts, reports (group-committed), review, attachments, extensions, the calendar. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/handlers.h"
#include "http/json_out.h"
#include "http/respond.h"
#include "service/plan_service.h"
#include "service/query_service.h"
#include "service/report_service.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define PLAN_SPEC_MAX 256
#define NOTE_MAX 2000		/* characters of a note or a reason */
#define REPORT_TEXT_MAX 6000	/* characters of a report's text field (the service caps bytes) */
#define UNIT_NAME_MAX 200
#define VALUES_MAX 200		/* target values in one report */
#define VALUE_ABS_MAX 1000000000000000000LL

/* ---- shared pieces ---- */

/*
 * Who acts and on which day.  The day is today (the server's); `on`, when
 * sent, records an act of an earlier day: the office may do that (paper
 * records entered late), a liaison may not.
 */
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

/* A body date ("due"): 400 when it is not YYYY-MM-DD. */
static int body_date(struct http_req *rq, const struct json_value *v, const char *what,
		     struct date *out, struct err *e)
{
	*out = DATE_NONE;
	if (!v->set || v->null)
		return 0;
	if (date_parse_iso(v->s, out, what, e)) {
		rq->bad_request = true;
		return -1;
	}
	return 0;
}

static const char *opt_str(const struct json_value *v)
{
	return v->set && !v->null ? v->s : NULL;
}

/* Assignment :id as the caller may see it (another unit's: 404). */
static int load_record(struct http_req *rq, int64_t *id, struct svc_assignment_record *r,
		       struct err *e)
{
	if (http_param_id(rq, "id", INT64_MAX, id, e))
		return -1;
	return svc_assignment_record_load(rq->st, http_scope_unit(rq), *id, r, e);
}

/* 200 (or `status`) with assignment `id` whole, as the caller sees it now. */
static int record_answer(struct http_req *rq, struct http_resp *rs, unsigned status, int64_t id,
			 struct err *e)
{
	struct svc_assignment_record r;

	svc_assignment_record_init(&r);
	if (svc_assignment_record_load(rq->st, http_scope_unit(rq), id, &r, e)) {
		svc_assignment_record_release(&r);
		return -1;
	}
	http_resp_json(rs, status, jo_assignment_record(&r, http_today(rq)));
	svc_assignment_record_release(&r);
	return 0;
}

/* ---- one assignment ---- */

int h_assignment_get(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct svc_assignment_record r;
	int64_t id;
	int rc = -1;

	svc_assignment_record_init(&r);
	if (load_record(rq, &id, &r, e))
		goto out;
	http_resp_json(rs, MHD_HTTP_OK, jo_assignment_record(&r, http_today(rq)));
	rc = 0;
out:
	svc_assignment_record_release(&r);
	return rc;
}

int h_assignment_reports(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct svc_assignment_record r;
	json_t *arr;
	int64_t id;
	int rc = -1;

	svc_assignment_record_init(&r);
	if (load_record(rq, &id, &r, e))
		goto out;
	arr = json_array();
	for (size_t i = r.rec.nreports; i-- > 0;)
		json_array_append_new(arr, jo_report(&r, &r.rec.reports[i]));
	http_resp_json(rs, MHD_HTTP_OK,
		       json_pack("{s:o,s:o}", "assignment", jo_assignment(&r.ctx.row), "reports", arr));
	rc = 0;
out:
	svc_assignment_record_release(&r);
	return rc;
}

/* ---- sign-for, dispute, the office's decision, 销号 ---- */

struct act_in {
	struct json_value on, note;
};

static const struct json_field act_fields[] = {
	JSON_STR(struct act_in, on, JSON_IN_NULLABLE, 10, 10, NULL),
	JSON_STR(struct act_in, note, JSON_IN_NULLABLE, 0, NOTE_MAX, NULL),
	JSON_END,
};

const struct http_body_spec body_act = { act_fields, sizeof(struct act_in) };

struct dispute_in {
	struct json_value on, reason;
};

static const struct json_field dispute_fields[] = {
	JSON_STR(struct dispute_in, on, JSON_IN_NULLABLE, 10, 10, NULL),
	JSON_STR(struct dispute_in, reason, JSON_IN_REQUIRED, 1, NOTE_MAX, NULL),
	JSON_END,
};

const struct http_body_spec body_dispute = { dispute_fields, sizeof(struct dispute_in) };

struct reassign_in {
	struct json_value on, unit, note;
};

static const struct json_field reassign_fields[] = {
	JSON_STR(struct reassign_in, on, JSON_IN_NULLABLE, 10, 10, NULL),
	JSON_STR(struct reassign_in, unit, JSON_IN_REQUIRED, 1, UNIT_NAME_MAX, NULL),
	JSON_STR(struct reassign_in, note, JSON_IN_NULLABLE, 0, NOTE_MAX, NULL),
	JSON_END,
};

const struct http_body_spec body_reassign = { reassign_fields, sizeof(struct reassign_in) };

int h_assignment_sign(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct act_in *in = rq->in;
	struct svc_rctx rc;
	int64_t id;

	if (http_param_id(rq, "id", INT64_MAX, &id, e) || act_ctx(rq, &in->on, &rc, e) ||
	    svc_assignment_sign(rq->st, &rc, id, opt_str(&in->note), e))
		return -1;
	return record_answer(rq, rs, MHD_HTTP_OK, id, e);
}

int h_assignment_dispute(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct dispute_in *in = rq->in;
	struct svc_rctx rc;
	int64_t id;

	if (http_param_id(rq, "id", INT64_MAX, &id, e) || act_ctx(rq, &in->on, &rc, e) ||
	    svc_assignment_dispute(rq->st, &rc, id, in->reason.s, e))
		return -1;
	return record_answer(rq, rs, MHD_HTTP_OK, id, e);
}

int h_assignment_confirm(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct act_in *in = rq->in;
	struct svc_rctx rc;
	int64_t id;

	if (http_param_id(rq, "id", INT64_MAX, &id, e) || act_ctx(rq, &in->on, &rc, e) ||
	    svc_dispute_confirm(rq->st, &rc, id, opt_str(&in->note), e))
		return -1;
	return record_answer(rq, rs, MHD_HTTP_OK, id, e);
}

int h_assignment_reassign(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct reassign_in *in = rq->in;
	struct svc_rctx rc;
	int64_t id, new_id = 0;

	if (http_param_id(rq, "id", INT64_MAX, &id, e) || act_ctx(rq, &in->on, &rc, e) ||
	    svc_dispute_reassign(rq->st, &rc, id, in->unit.s, opt_str(&in->note), &new_id, e))
		return -1;
	http_resp_header(rs, MHD_HTTP_HEADER_LOCATION,
			 arena_printf(&rq->arena, "/api/v1/assignments/%" PRId64, new_id));
	return record_answer(rq, rs, MHD_HTTP_CREATED, new_id, e);
}

int h_assignment_verify(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct act_in *in = rq->in;
	struct svc_rctx rc;
	int64_t id;

	if (http_param_id(rq, "id", INT64_MAX, &id, e) || act_ctx(rq, &in->on, &rc, e) ||
	    svc_assignment_verify(rq->st, &rc, id, opt_str(&in->note), e))
		return -1;
	return record_answer(rq, rs, MHD_HTTP_OK, id, e);
}

/* ---- extensions ---- */

struct extension_in {
	struct json_value on, due, reason;
};

static const struct json_field extension_fields[] = {
	JSON_STR(struct extension_in, on, JSON_IN_NULLABLE, 10, 10, NULL),
	JSON_STR(struct extension_in, due, JSON_IN_REQUIRED, 10, 10, NULL),
	JSON_STR(struct extension_in, reason, JSON_IN_REQUIRED, 1, NOTE_MAX, NULL),
	JSON_END,
};

const struct http_body_spec body_extension = { extension_fields, sizeof(struct extension_in) };

static const char *const decision_values[] = { "approve", "refuse", NULL };

struct decision_in {
	struct json_value on, decision, due, note;
};

static const struct json_field decision_fields[] = {
	JSON_STR(struct decision_in, on, JSON_IN_NULLABLE, 10, 10, NULL),
	JSON_STR(struct decision_in, decision, JSON_IN_REQUIRED, 1, 16, decision_values),
	JSON_STR(struct decision_in, due, JSON_IN_NULLABLE, 10, 10, NULL),
	JSON_STR(struct decision_in, note, JSON_IN_NULLABLE, 0, NOTE_MAX, NULL),
	JSON_END,
};

const struct http_body_spec body_decision = { decision_fields, sizeof(struct decision_in) };

int h_extension_request(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct extension_in *in = rq->in;
	struct svc_assignment_record r;
	struct svc_rctx rc;
	struct date due;
	int64_t id, xid = 0;
	int ret = -1;

	svc_assignment_record_init(&r);
	if (http_param_id(rq, "id", INT64_MAX, &id, e) || act_ctx(rq, &in->on, &rc, e) ||
	    body_date(rq, &in->due, "字段 due", &due, e) ||
	    svc_extension_request(rq->st, &rc, id, due, in->reason.s, &xid, e) ||
	    svc_assignment_record_load(rq->st, rc.unit_id, id, &r, e))
		goto out;
	for (size_t i = 0; i < r.rec.nextensions; i++) {
		if (r.rec.extensions[i].id != xid)
			continue;
		http_resp_header(rs, MHD_HTTP_HEADER_LOCATION,
				 arena_printf(&rq->arena, "/api/v1/assignments/%" PRId64, id));
		http_resp_json(rs, MHD_HTTP_CREATED, jo_extension(&r.rec.extensions[i]));
		ret = 0;
		goto out;
	}
	err_set(e, ERR_INTERNAL, "内部错误：刚提交的延期申请 %" PRId64 " 读不到", xid);
out:
	svc_assignment_record_release(&r);
	return ret;
}

int h_extension_decide(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct decision_in *in = rq->in;
	struct store_extension x;
	struct svc_rctx rc;
	struct date due;
	int64_t id;

	if (http_param_id(rq, "id", INT64_MAX, &id, e) || act_ctx(rq, &in->on, &rc, e) ||
	    body_date(rq, &in->due, "字段 due", &due, e))
		return -1;
	if (in->decision.e == 1 && date_is_set(due))
		return http_bad_request(rq, e, "不予批准时不应给出 due");
	if (svc_extension_decide(rq->st, &rc, id, in->decision.e == 0, due, opt_str(&in->note), e) ||
	    svc_extension_load(rq->st, id, &rq->arena, &x, e))
		return -1;
	http_resp_json(rs, MHD_HTTP_OK, jo_extension(&x));
	return 0;
}

/* ---- the calendar ---- */

static const char *const cadence_values[] = { "monthly", "quarterly", NULL };

struct calendar_in {
	struct json_value cadence, due_day, first_period;
};

static const struct json_field calendar_fields[] = {
	JSON_STR(struct calendar_in, cadence, 0, 1, 16, cadence_values),
	JSON_INT(struct calendar_in, due_day, 0, 1, 31),
	JSON_STR(struct calendar_in, first_period, 0, 7, 7, NULL),
	JSON_END,
};

const struct http_body_spec body_calendar = { calendar_fields, sizeof(struct calendar_in) };

/* "monthly.25.2022-04": what the calendar is, as its ETag. */
static const char *calendar_tag(struct http_req *rq, const struct calendar *cal)
{
	char first[PERIOD_STR_LEN];

	period_format(cal->first, first);
	return arena_printf(&rq->arena, "%s.%d.%s", cadence_name(cal->cadence), cal->due_day, first);
}

static int calendar_plan(struct http_req *rq, int64_t *id, struct err *e)
{
	const char *spec;

	if (http_query(rq, "plan", PLAN_SPEC_MAX, &spec, e))
		return -1;
	return svc_plan_resolve(rq->st, spec, id, e);
}

static void calendar_answer(struct http_req *rq, struct http_resp *rs, int64_t plan_id,
			    const struct calendar *cal, bool stored)
{
	json_t *o = jo_calendar(cal, stored);

	json_object_set_new(o, "plan_id", json_integer(plan_id));
	http_etag(rq, rs, calendar_tag(rq, cal));
	http_resp_json(rs, MHD_HTTP_OK, o);
}

int h_calendar_get(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct calendar cal;
	bool stored;
	int64_t id;

	if (calendar_plan(rq, &id, e) || svc_calendar_get(rq->st, id, &cal, &stored, e))
		return -1;
	calendar_answer(rq, rs, id, &cal, stored);
	return 0;
}

int h_calendar_put(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct calendar_in *in = rq->in;
	struct svc_calendar_change ch;
	struct calendar cal;
	struct svc_rctx rc;
	const char *tag;
	bool stored;
	int64_t id;
	int pre;

	if (calendar_plan(rq, &id, e))
		return -1;
	pre = http_if_match(rq, rs, &tag, e);
	if (pre)
		return pre < 0 ? -1 : 0;
	if (svc_calendar_get(rq->st, id, &cal, &stored, e))
		return -1;
	if (tag && strcmp(tag, calendar_tag(rq, &cal)))
		return err_set(e, ERR_CONFLICT, "报告周期已被修改（现为 %s），请刷新后重试",
			       calendar_tag(rq, &cal));
	if (!in->cadence.set && !in->due_day.set && !in->first_period.set)
		return err_set(e, ERR_INPUT, "没有要修改的内容（cadence、due_day、first_period）");
	memset(&ch, 0, sizeof(ch));
	if (in->cadence.set)
		ch.cadence = in->cadence.e == 0 ? CADENCE_MONTHLY : CADENCE_QUARTERLY;
	ch.due_day = in->due_day.set ? (int)in->due_day.i : 0;
	ch.first = opt_str(&in->first_period);
	if (act_ctx(rq, NULL, &rc, e) || svc_calendar_set(rq->st, &rc, id, &ch, &cal, e))
		return -1;
	calendar_answer(rq, rs, id, &cal, true);
	return 0;
}

/* ---- reports ---- */

struct value_in {
	struct json_value seq, actual;
};

static const struct json_field value_fields[] = {
	JSON_INT(struct value_in, seq, JSON_IN_REQUIRED, 1, 1000),
	JSON_NUM(struct value_in, actual, JSON_IN_REQUIRED, -VALUE_ABS_MAX, VALUE_ABS_MAX),
	JSON_END,
};

struct kept_in {
	struct json_value sha256, name;
};

static const struct json_field kept_fields[] = {
	JSON_STR(struct kept_in, sha256, JSON_IN_REQUIRED, 64, 64, NULL),
	JSON_STR(struct kept_in, name, 0, 1, 255, NULL),
	JSON_END,
};

struct report_in {
	struct json_value on, period, percent, values, progress, problems, next_steps, likelihood,
		attachments;
};

static const struct json_field report_fields[] = {
	JSON_STR(struct report_in, on, JSON_IN_NULLABLE, 10, 10, NULL),
	JSON_STR(struct report_in, period, JSON_IN_REQUIRED, 7, 7, NULL),
	JSON_NUM(struct report_in, percent, JSON_IN_REQUIRED, 0, 100),
	JSON_ARR(struct report_in, values, 0, 0, VALUES_MAX, value_fields, struct value_in),
	JSON_STR(struct report_in, progress, JSON_IN_NULLABLE, 0, REPORT_TEXT_MAX, NULL),
	JSON_STR(struct report_in, problems, JSON_IN_NULLABLE, 0, REPORT_TEXT_MAX, NULL),
	JSON_STR(struct report_in, next_steps, JSON_IN_NULLABLE, 0, REPORT_TEXT_MAX, NULL),
	JSON_STR(struct report_in, likelihood, JSON_IN_NULLABLE, 1, 16, NULL),
	JSON_ARR(struct report_in, attachments, 0, 0, SVC_ATTACHMENTS_MAX, kept_fields,
		 struct kept_in),
	JSON_END,
};

const struct http_body_spec body_report = { report_fields, sizeof(struct report_in) };

/* A report submission in flight: what the writer thread runs and what the answer needs. */
struct report_job {
	struct svc_rctx rc;
	struct svc_report_input in;
	struct arena *arena;	/* the request's: the writer copies results into it */
	int64_t report_id;
	const char **notes;	/* the service's notes, copied */
	size_t nnotes;
	unsigned carried;
	/* The report as stored and its assignment's row (the service's result, copied). */
	struct store_report report;
	struct store_assignment_row row;
};

static const char *dup_or_null(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

/* The stored report and its assignment's row, into the request's arena. */
static void report_keep(struct report_job *job, const struct svc_report_result *res)
{
	struct arena *a = job->arena;
	const struct store_report *from = &res->stored;
	struct store_report *to = &job->report;
	struct store_report_value *vals;
	struct store_report_attachment *atts;

	*to = *from;
	to->progress = dup_or_null(a, from->progress);
	to->problems = dup_or_null(a, from->problems);
	to->next_steps = dup_or_null(a, from->next_steps);
	to->author = dup_or_null(a, from->author);
	to->recorded_at = dup_or_null(a, from->recorded_at);
	to->review_reason = dup_or_null(a, from->review_reason);
	to->reviewer = dup_or_null(a, from->reviewer);
	to->reviewed_recorded_at = dup_or_null(a, from->reviewed_recorded_at);
	vals = arena_alloc(a, (from->nvalues ? from->nvalues : 1) * sizeof(*vals));
	if (from->nvalues)
		memcpy(vals, from->values, from->nvalues * sizeof(*vals));
	to->values = vals;
	atts = arena_alloc(a, (from->nattachments ? from->nattachments : 1) * sizeof(*atts));
	for (size_t i = 0; i < from->nattachments; i++) {
		atts[i] = from->attachments[i];
		atts[i].name = dup_or_null(a, from->attachments[i].name);
		atts[i].mime = dup_or_null(a, from->attachments[i].mime);
	}
	to->attachments = atts;
	job->row = res->assignment;
	job->row.a.unit_name = dup_or_null(a, res->assignment.a.unit_name);
	job->row.a.written = dup_or_null(a, res->assignment.a.written);
	job->row.a.new_alias = dup_or_null(a, res->assignment.a.new_alias);
	job->row.group_name = dup_or_null(a, res->assignment.group_name);
	job->row.created_at = dup_or_null(a, res->assignment.created_at);
	job->row.updated_at = dup_or_null(a, res->assignment.updated_at);
}

/* On the writer thread (or inline): the service, then its results copied. */
static int report_write(struct store *st, void *ctx, struct err *e)
{
	struct report_job *job = ctx;
	struct svc_report_result res;
	int rc;

	svc_report_result_init(&res);
	rc = svc_report_submit(st, &job->rc, &job->in, &res, e);
	if (!rc) {
		job->report_id = res.report_id;
		job->carried = res.carried;
		job->nnotes = res.notes.n;
		job->notes = arena_zalloc(job->arena, (res.notes.n ? res.notes.n : 1) *
							      sizeof(*job->notes));
		for (size_t i = 0; i < res.notes.n; i++)
			job->notes[i] = arena_strdup(job->arena, res.notes.v[i].msg);
		report_keep(job, &res);
	}
	svc_report_result_release(&res);
	return rc;
}

/*
 * Back on the request's thread, the report on disk: 201 with it, as the
 * writer read it back in the transaction that stored it (the same answer
 * GET /reports/:id gives, without reading the assignment again).
 */
static int report_answer(struct http_req *rq, struct http_resp *rs, void *ctx, struct err *e)
{
	static const char *const carry_names[] = { "progress", "problems", "next_steps",
						   "likelihood", "values" };
	struct report_job *job = ctx;
	struct svc_assignment_record r;
	json_t *o, *notes, *carried;

	(void)e;
	/* jo_report reads the record's assignment row only (nothing here to release). */
	svc_assignment_record_init(&r);
	r.ctx.row = job->row;
	o = jo_report(&r, &job->report);
	notes = json_array();
	for (size_t i = 0; i < job->nnotes; i++)
		json_array_append_new(notes, jo_str(job->notes[i]));
	json_object_set_new(o, "notes", notes);
	carried = json_array();
	for (size_t i = 0; i < sizeof(carry_names) / sizeof(*carry_names); i++)
		if (job->carried & (1u << i))
			json_array_append_new(carried, json_string(carry_names[i]));
	json_object_set_new(o, "carried_over", carried);
	http_resp_header(rs, MHD_HTTP_HEADER_LOCATION,
			 arena_printf(&rq->arena, "/api/v1/reports/%" PRId64, job->report_id));
	http_etag(rq, rs, jo_report_tag(&job->report));
	http_resp_json(rs, MHD_HTTP_CREATED, o);
	return 0;
}

/* An attachment of one of `r`'s reports with this SHA-256, or NULL. */
static const struct store_report_attachment *record_attachment(const struct svc_assignment_record *r,
							       const char *sha256)
{
	for (size_t i = 0; i < r->rec.nreports; i++)
		for (size_t k = 0; k < r->rec.reports[i].nattachments; k++)
			if (!strcmp(r->rec.reports[i].attachments[k].sha256, sha256))
				return &r->rec.reports[i].attachments[k];
	return NULL;
}

/*
 * The report's attachments: those kept from the assignment's earlier
 * reports (by SHA-256: they must be attachments of this assignment), then
 * the files sent with it.
 */
static int report_uploads(struct http_req *rq, int64_t id, const struct report_in *in,
			  struct svc_report_input *out, struct err *e)
{
	const struct kept_in *kept = in->attachments.items;
	size_t nkept = in->attachments.set && !in->attachments.null ? in->attachments.n : 0;
	struct svc_upload *up;
	struct svc_assignment_record r;
	int rc = -1;

	out->nuploads = nkept + rq->nfiles;
	if (!out->nuploads)
		return 0;
	if (out->nuploads > SVC_ATTACHMENTS_MAX)
		return err_set(e, ERR_INPUT, "附件过多：%zu 个，每份报告最多 %d 个", out->nuploads,
			       SVC_ATTACHMENTS_MAX);
	up = arena_zalloc(&rq->arena, out->nuploads * sizeof(*up));
	out->uploads = up;
	svc_assignment_record_init(&r);
	if (nkept && svc_assignment_record_load(rq->st, http_scope_unit(rq), id, &r, e))
		goto out;
	for (size_t i = 0; i < nkept; i++) {
		const struct store_report_attachment *f = record_attachment(&r, kept[i].sha256.s);
		struct store_attachment at;

		if (!f) {
			err_set(e, ERR_INPUT, "附件 %s 不是本分工以往报告中的附件（新文件请作为 file 上传）",
				kept[i].sha256.s);
			goto out;
		}
		if (svc_attachment_get(rq->st, 0, f->sha256, &rq->arena, &at, e))
			goto out;
		/* The record is released below: its strings are copied. */
		up[i].name = kept[i].name.set ? kept[i].name.s : arena_strdup(&rq->arena, f->name);
		up[i].data = at.data;
		up[i].len = (size_t)at.size;
	}
	for (size_t i = 0; i < rq->nfiles; i++) {
		up[nkept + i].name = rq->files[i].filename;
		up[nkept + i].data = rq->files[i].data;
		up[nkept + i].len = rq->files[i].len;
	}
	rc = 0;
out:
	svc_assignment_record_release(&r);
	return rc;
}

int h_report_submit(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct report_in *in = rq->in;
	const struct value_in *vals = in->values.items;
	struct svc_report_value_in *v;
	struct report_job *job;
	int64_t id;

	(void)rs;
	job = arena_zalloc(&rq->arena, sizeof(*job));
	job->arena = &rq->arena;
	if (http_param_id(rq, "id", INT64_MAX, &id, e) || act_ctx(rq, &in->on, &job->rc, e))
		return -1;
	job->in.assignment_id = id;
	job->in.period = in->period.s;
	job->in.percent = in->percent.d;
	job->in.progress = opt_str(&in->progress);
	job->in.problems = opt_str(&in->problems);
	job->in.next_steps = opt_str(&in->next_steps);
	job->in.likelihood = opt_str(&in->likelihood);
	job->in.nvalues = in->values.set && !in->values.null ? in->values.n : 0;
	v = arena_zalloc(&rq->arena, (job->in.nvalues ? job->in.nvalues : 1) * sizeof(*v));
	for (size_t i = 0; i < job->in.nvalues; i++) {
		v[i].seq = (int)vals[i].seq.i;
		v[i].actual = vals[i].actual.d;
	}
	job->in.values = v;
	if (report_uploads(rq, id, in, &job->in, e))
		return -1;
	/* Into the next group commit; answered by report_answer once it is on disk. */
	http_defer_write(rq, report_write, report_answer, job);
	return 0;
}

/* GET /assignments/:id/report-draft: what a new report starts from (the service's carry-over). */
int h_report_draft(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct svc_assignment_record r;
	const struct store_report *prev = NULL;
	struct period p, last, first;
	struct date today = http_today(rq), due;
	json_t *o, *vals, *atts;
	int64_t id;
	int rc = -1;

	svc_assignment_record_init(&r);
	if (load_record(rq, &id, &r, e))
		goto out;
	if (r.rec.nreports)
		prev = &r.rec.reports[r.rec.nreports - 1];
	first = r.cal.first;
	last = period_of(r.cal.cadence, today);
	due = svc_due_in_force(&r, today);
	/* The period to report: a returned one again; else now, or the due date's once past it. */
	if (prev && prev->review == REVIEW_RETURNED && prev->period.cadence == r.cal.cadence) {
		p = prev->period;
	} else {
		p = last;
		if (date_is_set(due) && period_cmp(period_of(r.cal.cadence, due), p) < 0)
			p = period_of(r.cal.cadence, due);
		if (period_cmp(p, first) < 0)
			p = first;
	}
	o = json_object();
	json_object_set_new(o, "assignment_id", json_integer(id));
	json_object_set_new(o, "period", jo_period(p));
	json_object_set_new(o, "first_period", jo_period(first));
	json_object_set_new(o, "last_period", jo_period(last));
	json_object_set_new(o, "cadence", json_string(cadence_name(r.cal.cadence)));
	json_object_set_new(o, "signed", json_boolean(r.rec.signoff != NULL));
	vals = json_array();
	atts = json_array();
	if (prev) {
		for (size_t i = 0; i < prev->nvalues; i++)
			json_array_append_new(vals, json_pack("{s:i,s:o}", "seq", prev->values[i].seq,
							      "actual",
							      jo_number(prev->values[i].actual)));
		for (size_t i = 0; i < prev->nattachments; i++)
			json_array_append_new(atts, json_pack("{s:s,s:o,s:o,s:I}", "sha256",
							      prev->attachments[i].sha256, "name",
							      jo_str(prev->attachments[i].name),
							      "mime", jo_str(prev->attachments[i].mime),
							      "size",
							      (json_int_t)prev->attachments[i].size));
	}
	json_object_set_new(o, "percent", prev ? jo_number(prev->percent) : json_null());
	json_object_set_new(o, "progress", prev ? jo_str(prev->progress) : json_null());
	json_object_set_new(o, "problems", prev ? jo_str(prev->problems) : json_null());
	json_object_set_new(o, "next_steps", prev ? jo_str(prev->next_steps) : json_null());
	json_object_set_new(o, "likelihood",
			    prev && prev->likelihood ? json_string(likelihood_name(prev->likelihood))
						     : json_null());
	json_object_set_new(o, "values", vals);
	json_object_set_new(o, "attachments", atts);
	json_object_set_new(o, "from_report", prev ? json_integer(prev->id) : json_null());
	json_object_set_new(o, "from_period", prev ? jo_period(prev->period) : json_null());
	json_object_set_new(o, "from_version", prev ? json_integer(prev->version) : json_null());
	json_object_set_new(o, "returned", json_boolean(prev && prev->review == REVIEW_RETURNED));
	json_object_set_new(o, "review_reason",
			    prev && prev->review == REVIEW_RETURNED ? jo_str(prev->review_reason)
								    : json_null());
	http_resp_json(rs, MHD_HTTP_OK, o);
	rc = 0;
out:
	svc_assignment_record_release(&r);
	return rc;
}

/* Report :id as the caller may see it; *idx its place in r->rec.reports. */
static int load_report(struct http_req *rq, int64_t *id, struct svc_assignment_record *r,
		       size_t *idx, struct err *e)
{
	*idx = (size_t)-1;
	if (http_param_id(rq, "id", INT64_MAX, id, e) ||
	    svc_report_find(rq->st, http_scope_unit(rq), *id, r, idx, e))
		return -1;
	if (*idx == (size_t)-1)
		return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %" PRId64 " 的进展报告", *id);
	return 0;
}

int h_report_get(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct svc_assignment_record r;
	size_t idx;
	int64_t id;
	int rc = -1;

	svc_assignment_record_init(&r);
	if (load_report(rq, &id, &r, &idx, e))
		goto out;
	http_etag(rq, rs, jo_report_tag(&r.rec.reports[idx]));
	http_resp_json(rs, MHD_HTTP_OK, jo_report(&r, &r.rec.reports[idx]));
	rc = 0;
out:
	svc_assignment_record_release(&r);
	return rc;
}

static const char *const review_values[] = { "accepted", "returned", NULL };

struct review_in {
	struct json_value on, decision, reason;
};

static const struct json_field review_fields[] = {
	JSON_STR(struct review_in, on, JSON_IN_NULLABLE, 10, 10, NULL),
	JSON_STR(struct review_in, decision, JSON_IN_REQUIRED, 1, 16, review_values),
	JSON_STR(struct review_in, reason, JSON_IN_NULLABLE, 0, NOTE_MAX, NULL),
	JSON_END,
};

const struct http_body_spec body_review = { review_fields, sizeof(struct review_in) };

/*
 * POST /reports/:id/review with If-Match: the report's review state as last
 * read.  Two reviewers at once: the first wins, the second's tag (or, in a
 * race, the store's one-review-per-report rule) answers 409.
 */
int h_report_review(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct review_in *in = rq->in;
	struct svc_assignment_record r;
	struct svc_rctx rc;
	const char *tag, *reason = opt_str(&in->reason);
	size_t idx;
	int64_t id;
	int ret = -1, pre;

	svc_assignment_record_init(&r);
	pre = http_if_match(rq, rs, &tag, e);
	if (pre) {
		ret = pre < 0 ? -1 : 0;
		goto out;
	}
	if (load_report(rq, &id, &r, &idx, e))
		goto out;
	if (tag && strcmp(tag, jo_report_tag(&r.rec.reports[idx]))) {
		err_set(e, ERR_CONFLICT, "报告 %" PRId64 " %s，请刷新后再审核", id,
			review_label(r.rec.reports[idx].review));
		goto out;
	}
	if (reason && !*reason)
		reason = NULL;
	if (act_ctx(rq, &in->on, &rc, e) ||
	    svc_report_review(rq->st, &rc, id,
			      in->decision.e == 0 ? REVIEW_ACCEPTED : REVIEW_RETURNED, reason, e))
		goto out;
	svc_assignment_record_release(&r);
	svc_assignment_record_init(&r);
	if (load_report(rq, &id, &r, &idx, e))
		goto out;
	http_etag(rq, rs, jo_report_tag(&r.rec.reports[idx]));
	http_resp_json(rs, MHD_HTTP_OK, jo_report(&r, &r.rec.reports[idx]));
	ret = 0;
out:
	svc_assignment_record_release(&r);
	return ret;
}

/* ---- lists of reports: by filter, and the review queue ---- */

struct report_ref {
	const struct svc_assignment_record *r;
	const struct store_report *rp;
};

struct report_sel {
	struct svc_assignment_record *recs;	/* one per assignment looked at */
	size_t nrecs;
	struct report_ref *refs;
	size_t n, alloc;
};

static void report_sel_release(struct report_sel *s)
{
	for (size_t i = 0; i < s->nrecs; i++)
		svc_assignment_record_release(&s->recs[i]);
	free(s->recs);
	free(s->refs);
	memset(s, 0, sizeof(*s));
}

/* Whether rp is the latest version of its period in r. */
static bool latest_of_period(const struct svc_assignment_record *r, const struct store_report *rp)
{
	const struct store_report *end = r->rec.reports + r->rec.nreports;

	return rp + 1 == end || period_cmp(rp[1].period, rp->period);
}

/*
 * The reports of the assignments `f` selects (active ones; a liaison's own
 * unit's only) that pass: `current` (only the latest version of its
 * period), `review` (-1: any) and, with `one`, only the assignment's
 * latest that passes the rest.  Per assignment newest first, assignments
 * in task order.
 */
static int select_reports(struct http_req *rq, struct store_assignment_filter *f, bool current,
			  int review, bool one, struct report_sel *out, struct err *e)
{
	struct store_assignment_list al;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (rq->who.role == USER_LIAISON) {
		if (f->unit_id && f->unit_id != rq->who.unit_id)
			return 0;	/* another unit's: nothing */
		f->unit_id = rq->who.unit_id;
	}
	store_assignment_list_init(&al);
	if (svc_assignments_query(rq->st, f, &al, e))
		goto out;
	out->recs = xcalloc(al.n ? al.n : 1, sizeof(*out->recs));
	for (size_t i = 0; i < al.n; i++) {
		struct svc_assignment_record *r = &out->recs[out->nrecs];

		if (al.v[i].a.flags & ASSIGN_RETIRED)
			continue;
		svc_assignment_record_init(r);
		out->nrecs++;
		if (svc_assignment_record_load(rq->st, http_scope_unit(rq), al.v[i].a.id, r, e))
			goto out;
		for (size_t k = r->rec.nreports; k-- > 0;) {
			const struct store_report *rp = &r->rec.reports[k];

			if ((current && !latest_of_period(r, rp)) ||
			    (review >= 0 && (int)rp->review != review))
				continue;
			ALLOC_GROW(out->refs, out->n + 1, out->alloc);
			out->refs[out->n].r = r;
			out->refs[out->n++].rp = rp;
			if (one)
				break;
		}
	}
	rc = 0;
out:
	store_assignment_list_release(&al);
	return rc;
}

static int plan_of_query(struct http_req *rq, int64_t *id, struct err *e)
{
	const char *spec;

	if (http_query(rq, "plan", PLAN_SPEC_MAX, &spec, e))
		return -1;
	return svc_plan_resolve(rq->st, spec, id, e);
}

int h_reports_list(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct store_assignment_filter f;
	struct report_sel sel;
	const char *review_s;
	enum review_state review;
	int64_t task = 0, unit = 0;
	bool latest = false;
	json_t *arr, *o;

	memset(&f, 0, sizeof(f));
	if (plan_of_query(rq, &f.plan_id, e) || http_query_int(rq, "task", 1, INT32_MAX, &task, e) ||
	    http_query_int(rq, "unit_id", 1, INT64_MAX, &unit, e) ||
	    http_query_bool(rq, "latest", &latest, e) || http_query(rq, "review", 16, &review_s, e))
		return -1;
	if (review_s && review_parse(review_s, &review))
		return http_bad_request(rq, e, "查询参数 review 应为 pending、accepted 或 returned：%s",
					review_s);
	f.task_no = (int)task;
	f.unit_id = unit;
	/* latest=true: current versions; without review=, the latest period's only. */
	if (select_reports(rq, &f, latest, review_s ? (int)review : -1, latest && !review_s, &sel,
			   e)) {
		report_sel_release(&sel);
		return -1;
	}
	arr = json_array();
	for (size_t i = 0; i < sel.n; i++)
		json_array_append_new(arr, jo_report(sel.refs[i].r, sel.refs[i].rp));
	report_sel_release(&sel);
	o = json_object();
	json_object_set_new(o, "plan_id", json_integer(f.plan_id));
	json_object_set_new(o, "reports", arr);
	http_resp_json(rs, MHD_HTTP_OK, o);
	return 0;
}

static int cmp_oldest(const void *a, const void *b)
{
	const struct report_ref *x = a, *y = b;
	int c = strcmp(x->rp->recorded_at ? x->rp->recorded_at : "",
		       y->rp->recorded_at ? y->rp->recorded_at : "");

	if (c)
		return c;
	return x->rp->id < y->rp->id ? -1 : x->rp->id > y->rp->id;
}

/* GET /review-queue: the reports awaiting review (the latest of their period), oldest first. */
int h_review_queue(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct store_assignment_filter f;
	struct report_sel sel;
	json_t *arr, *o;

	memset(&f, 0, sizeof(f));
	if (plan_of_query(rq, &f.plan_id, e))
		return -1;
	if (select_reports(rq, &f, true, REVIEW_PENDING, false, &sel, e)) {
		report_sel_release(&sel);
		return -1;
	}
	if (sel.n > 1)
		qsort(sel.refs, sel.n, sizeof(*sel.refs), cmp_oldest);
	arr = json_array();
	for (size_t i = 0; i < sel.n; i++)
		json_array_append_new(arr, jo_report(sel.refs[i].r, sel.refs[i].rp));
	report_sel_release(&sel);
	o = json_object();
	json_object_set_new(o, "plan_id", json_integer(f.plan_id));
	json_object_set_new(o, "reports", arr);
	http_resp_json(rs, MHD_HTTP_OK, o);
	return 0;
}

/* ---- attachments ---- */

static bool is_sha256(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return false;
	return n == 64;
}

/* Whether a report of one of unit `unit_id`'s assignments carries this attachment. */
static int unit_has_attachment(struct http_req *rq, int64_t unit_id, const char *sha256,
			       bool *has, struct err *e)
{
	struct store_assignment_filter f;
	struct store_assignment_list al;
	int rc = -1;

	*has = false;
	memset(&f, 0, sizeof(f));
	f.unit_id = unit_id;
	f.with_retired = true;
	store_assignment_list_init(&al);
	if (svc_assignments_query(rq->st, &f, &al, e))
		goto out;
	for (size_t i = 0; i < al.n && !*has; i++) {
		struct svc_assignment_record r;

		svc_assignment_record_init(&r);
		if (svc_assignment_record_load(rq->st, unit_id, al.v[i].a.id, &r, e)) {
			svc_assignment_record_release(&r);
			goto out;
		}
		*has = record_attachment(&r, sha256) != NULL;
		svc_assignment_record_release(&r);
	}
	rc = 0;
out:
	store_assignment_list_release(&al);
	return rc;
}

/* filename*=UTF-8''%E8%BF%9B... (RFC 6266 / 5987) */
static const char *disposition(struct http_req *rq, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	const char *v;

	strbuf_addstr(&sb, "attachment; filename=\"attachment\"; filename*=UTF-8''");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("!#$&+-.^_`|~", *p))
			strbuf_addch(&sb, (char)*p);
		else
			strbuf_addf(&sb, "%%%02X", *p);
	}
	v = arena_strdup(&rq->arena, sb.buf);
	strbuf_release(&sb);
	return v;
}

int h_attachment_get(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const char *sha = http_param(rq, "sha256");
	struct store_attachment at;
	bool has = true;

	if (!is_sha256(sha))
		return err_set(e, ERR_NOT_FOUND, "没有这个附件（应为 64 位小写十六进制的 SHA-256）");
	/* A liaison reads the attachments of its own unit's reports; any other is not there. */
	if (rq->who.role == USER_LIAISON &&
	    unit_has_attachment(rq, rq->who.unit_id, sha, &has, e))
		return -1;
	if (!has)
		return err_set(e, ERR_NOT_FOUND, "没有 SHA-256 为 %s 的附件", sha);
	if (svc_attachment_get(rq->st, 0, sha, &rq->arena, &at, e))
		return -1;
	strbuf_add(&rs->body, at.data, (size_t)at.size);
	rs->status = MHD_HTTP_OK;
	rs->content_type = at.mime && *at.mime ? at.mime : "application/octet-stream";
	http_resp_header(rs, "Content-Disposition", disposition(rq, at.name ? at.name : sha));
	http_etag(rq, rs, sha);
	return 0;
}
