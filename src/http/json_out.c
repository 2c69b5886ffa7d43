/* JSON values for plans, users, targets, assignments and reporting records, as the API answers them. */
#include "http/json_out.h"

#include <math.h>
#include <stdio.h>

#include "domain/directory.h"
#include "util/banned.h"

json_t *jo_str(const char *s)
{
	json_t *v;

	if (!s)
		return json_null();
	v = json_string(s);
	return v ? v : json_null();
}

json_t *jo_date(struct date d)
{
	char buf[DATE_ISO_LEN];

	if (!date_is_set(d))
		return json_null();
	date_format_iso(d, buf);
	return json_string(buf);
}

json_t *jo_id(int64_t id)
{
	return id ? json_integer((json_int_t)id) : json_null();
}

json_t *jo_number(double v)
{
	if (isfinite(v) && fabs(v) < 9007199254740992.0 && v == nearbyint(v))
		return json_integer((json_int_t)v);
	return json_real(v);
}

json_t *jo_plan_row(const struct store_plan_row *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "issuer", jo_str(r->issuer));
	json_object_set_new(o, "doc_no", jo_str(r->doc_no));
	json_object_set_new(o, "title", jo_str(r->title));
	json_object_set_new(o, "year", r->year ? json_integer(r->year) : json_null());
	json_object_set_new(o, "issued", jo_date(r->issued));
	json_object_set_new(o, "recipients", jo_str(r->recipients));
	json_object_set_new(o, "source_name", jo_str(r->source_name));
	json_object_set_new(o, "source_format", jo_str(r->source_format));
	json_object_set_new(o, "source_encoding", jo_str(r->source_encoding));
	json_object_set_new(o, "source_sha256", jo_str(r->sha256));
	json_object_set_new(o, "imported_at", jo_str(r->imported_at));
	json_object_set_new(o, "ntasks", json_integer((json_int_t)r->ntasks));
	return o;
}

json_t *jo_user(const struct store_user *u)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(u->id));
	json_object_set_new(o, "login", jo_str(u->login));
	json_object_set_new(o, "name", jo_str(u->name));
	json_object_set_new(o, "role", json_string(user_role_code(u->role)));
	json_object_set_new(o, "unit_id", jo_id(u->unit_id));
	json_object_set_new(o, "unit_name", jo_str(u->unit_name));
	json_object_set_new(o, "disabled", json_boolean(u->disabled));
	json_object_set_new(o, "version", json_integer(u->version));
	json_object_set_new(o, "created_at", jo_str(u->created_at));
	json_object_set_new(o, "updated_at", jo_str(u->updated_at));
	return o;
}

json_t *jo_principal(const struct svc_principal *who)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(who->user_id));
	json_object_set_new(o, "login", jo_str(who->login));
	json_object_set_new(o, "name", jo_str(who->name));
	json_object_set_new(o, "role", json_string(user_role_code(who->role)));
	json_object_set_new(o, "unit_id", jo_id(who->unit_id));
	json_object_set_new(o, "unit_name", jo_str(who->unit_name));
	return o;
}

json_t *jo_target(const struct target *g)
{
	json_t *o = json_object();

	json_object_set_new(o, "metric", jo_str(g->metric));
	json_object_set_new(o, "cmp", json_string(target_cmp_name(g->cmp)));
	json_object_set_new(o, "value", jo_number(g->value));
	if (g->cmp == TARGET_RANGE)
		json_object_set_new(o, "max", jo_number(g->max));
	json_object_set_new(o, "unit", jo_str(g->unit));
	json_object_set_new(o, "text", jo_str(g->text));
	if (g->qualifier)
		json_object_set_new(o, "qualifier", jo_str(g->qualifier));
	return o;
}

json_t *jo_assignment(const struct store_assignment_row *r)
{
	const struct assignment *a = &r->a;
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(a->id));
	json_object_set_new(o, "plan_id", json_integer(r->plan_id));
	json_object_set_new(o, "task_no", json_integer(r->task_no));
	json_object_set_new(o, "unit_id", jo_id(a->unit_id));
	json_object_set_new(o, "unit_name", jo_str(a->unit_name));
	json_object_set_new(o, "verified", json_boolean(a->unit_id != 0));
	json_object_set_new(o, "role", json_string(assignment_role_code(a->role)));
	json_object_set_new(o, "written", jo_str(a->written));
	json_object_set_new(o, "via_group_id", jo_id(a->via_group_id));
	json_object_set_new(o, "group_name", jo_str(r->group_name));
	json_object_set_new(o, "position", json_integer(a->position));
	json_object_set_new(o, "state",
			    json_string(a->flags & ASSIGN_RETIRED ? "retired" : "active"));
	json_object_set_new(o, "created_at", jo_str(r->created_at));
	json_object_set_new(o, "updated_at", jo_str(r->updated_at));
	return o;
}

/* ---- reporting ---- */

json_t *jo_period(struct period p)
{
	char buf[PERIOD_STR_LEN];

	if (!period_is_set(p))
		return json_null();
	period_format(p, buf);
	return json_string(buf);
}

json_t *jo_calendar(const struct calendar *cal, bool stored)
{
	json_t *o = json_object();

	json_object_set_new(o, "cadence", json_string(cadence_name(cal->cadence)));
	json_object_set_new(o, "due_day", json_integer(cal->due_day));
	json_object_set_new(o, "first_period", jo_period(cal->first));
	json_object_set_new(o, "stored", json_boolean(stored));
	return o;
}

/* A code, or null for the empty one ("" = none). */
static json_t *jo_code(const char *code)
{
	return code && *code ? json_string(code) : json_null();
}

/* Text stored as "" when none: null. */
static json_t *jo_text(const char *s)
{
	return s && *s ? jo_str(s) : json_null();
}

const char *jo_report_tag(const struct store_report *rp)
{
	switch (rp->review) {
	case REVIEW_ACCEPTED:
		return "review-accepted";
	case REVIEW_RETURNED:
		return "review-returned";
	case REVIEW_PENDING:
		break;
	}
	return "review-pending";
}

json_t *jo_report(const struct svc_assignment_record *r, const struct store_report *rp)
{
	const struct store_assignment_row *a = &r->ctx.row;
	json_t *o = json_object(), *vals = json_array(), *atts = json_array();
	char tag[32];

	json_object_set_new(o, "id", json_integer(rp->id));
	json_object_set_new(o, "assignment_id", json_integer(rp->assignment_id));
	json_object_set_new(o, "plan_id", json_integer(a->plan_id));
	json_object_set_new(o, "task_no", json_integer(a->task_no));
	json_object_set_new(o, "unit_id", jo_id(a->a.unit_id));
	json_object_set_new(o, "unit_name", jo_str(a->a.unit_name));
	json_object_set_new(o, "role", json_string(assignment_role_code(a->a.role)));
	json_object_set_new(o, "period", jo_period(rp->period));
	json_object_set_new(o, "version", json_integer(rp->version));
	json_object_set_new(o, "percent", jo_number(rp->percent));
	json_object_set_new(o, "progress", jo_str(rp->progress));
	json_object_set_new(o, "problems", jo_str(rp->problems ? rp->problems : ""));
	json_object_set_new(o, "next_steps", jo_str(rp->next_steps ? rp->next_steps : ""));
	json_object_set_new(o, "likelihood", jo_code(likelihood_name(rp->likelihood)));
	for (size_t i = 0; i < rp->nvalues; i++)
		json_array_append_new(vals, json_pack("{s:i,s:o}", "seq", rp->values[i].seq,
						      "actual", jo_number(rp->values[i].actual)));
	json_object_set_new(o, "values", vals);
	for (size_t i = 0; i < rp->nattachments; i++) {
		const struct store_report_attachment *f = &rp->attachments[i];

		json_array_append_new(atts, json_pack("{s:s,s:o,s:o,s:I}", "sha256", f->sha256,
						      "name", jo_str(f->name), "mime",
						      jo_str(f->mime), "size", (json_int_t)f->size));
	}
	json_object_set_new(o, "attachments", atts);
	json_object_set_new(o, "author", jo_str(rp->author));
	json_object_set_new(o, "submitted_on", jo_date(rp->submitted_on));
	json_object_set_new(o, "recorded_at", jo_str(rp->recorded_at));
	json_object_set_new(o, "sample", json_boolean(rp->sample || rp->review_sample));
	json_object_set_new(o, "review", json_string(review_name(rp->review)));
	if (rp->review == REVIEW_PENDING) {
		json_object_set_new(o, "review_reason", json_null());
		json_object_set_new(o, "reviewer", json_null());
		json_object_set_new(o, "reviewed_on", json_null());
	} else {
		json_object_set_new(o, "review_reason", jo_text(rp->review_reason));
		json_object_set_new(o, "reviewer", jo_str(rp->reviewer));
		json_object_set_new(o, "reviewed_on", jo_date(rp->reviewed_on));
	}
	snprintf(tag, sizeof(tag), "\"%s\"", jo_report_tag(rp));
	json_object_set_new(o, "etag", json_string(tag));
	return o;
}

json_t *jo_extension(const struct store_extension *x)
{
	static const char *const states[] = { "pending", "approved", "refused" };
	json_t *o = json_object();
	bool decided = x->state != EXT_PENDING;

	json_object_set_new(o, "id", json_integer(x->id));
	json_object_set_new(o, "assignment_id", json_integer(x->assignment_id));
	json_object_set_new(o, "old_due", jo_date(x->old_due));
	json_object_set_new(o, "new_due", jo_date(x->new_due));
	json_object_set_new(o, "reason", jo_str(x->reason));
	json_object_set_new(o, "requested_by", jo_str(x->requested_by));
	json_object_set_new(o, "requested_on", jo_date(x->requested_on));
	json_object_set_new(o, "state", json_string(states[x->state]));
	json_object_set_new(o, "approved_due",
			    x->state == EXT_APPROVED ? jo_date(x->approved_due) : json_null());
	json_object_set_new(o, "note", decided ? jo_text(x->decision_note) : json_null());
	json_object_set_new(o, "decided_by", decided ? jo_str(x->decided_by) : json_null());
	json_object_set_new(o, "decided_on", decided ? jo_date(x->decided_on) : json_null());
	return o;
}

static json_t *jo_dispute(const struct store_dispute *d)
{
	static const char *const decisions[] = { "open", "confirmed", "reassigned" };
	json_t *o = json_object();
	bool decided = d->decision != STORE_DISPUTE_OPEN;

	json_object_set_new(o, "id", json_integer(d->id));
	json_object_set_new(o, "assignment_id", json_integer(d->assignment_id));
	json_object_set_new(o, "reason", jo_str(d->reason));
	json_object_set_new(o, "raised_by", jo_str(d->raised_by));
	json_object_set_new(o, "raised_on", jo_date(d->raised_on));
	json_object_set_new(o, "decision", json_string(decisions[d->decision]));
	json_object_set_new(o, "new_assignment_id", jo_id(d->new_assignment_id));
	json_object_set_new(o, "note", decided ? jo_text(d->decision_note) : json_null());
	json_object_set_new(o, "decided_by", decided ? jo_str(d->decided_by) : json_null());
	json_object_set_new(o, "decided_on", decided ? jo_date(d->decided_on) : json_null());
	return o;
}

json_t *jo_assignment_record(const struct svc_assignment_record *r, struct date today)
{
	const struct task *t = &r->ctx.task;
	json_t *o = json_object(), *task = json_object(), *targets = json_array(),
	       *milestones = json_array(), *exts = json_array(), *reports = json_array();

	json_object_set_new(o, "assignment", jo_assignment(&r->ctx.row));
	json_object_set_new(task, "no", json_integer(t->no));
	json_object_set_new(task, "section", jo_str(t->section));
	json_object_set_new(task, "text", jo_str(t->text));
	json_object_set_new(task, "due", jo_date(t->due));
	for (size_t i = 0; i < t->ntargets; i++)
		json_array_append_new(targets, jo_target(&t->targets[i]));
	json_object_set_new(task, "targets", targets);
	for (size_t i = 0; i < t->nmilestones; i++)
		json_array_append_new(milestones,
				      json_pack("{s:o,s:o}", "due", jo_date(t->milestones[i].due),
						"text", jo_str(t->milestones[i].text)));
	json_object_set_new(task, "milestones", milestones);
	json_object_set_new(o, "task", task);
	json_object_set_new(o, "calendar", jo_calendar(&r->cal, r->cal_stored));
	json_object_set_new(o, "handed_over", jo_date(r->handed_over));
	json_object_set_new(o, "start", jo_date(r->start));
	json_object_set_new(o, "due", jo_date(r->due));
	json_object_set_new(o, "due_in_force", jo_date(svc_due_in_force(r, today)));
	if (r->rec.signoff)
		json_object_set_new(o, "signoff",
				    json_pack("{s:o,s:o,s:o,s:o}", "on", jo_date(r->rec.signoff->on),
					      "by", jo_str(r->rec.signoff->by), "note",
					      jo_text(r->rec.signoff->note), "recorded_at",
					      jo_str(r->rec.signoff->recorded_at)));
	else
		json_object_set_new(o, "signoff", json_null());
	json_object_set_new(o, "dispute", r->rec.dispute ? jo_dispute(r->rec.dispute) : json_null());
	json_object_set_new(o, "reassigned_from",
			    r->rec.reassigned_from ? jo_dispute(r->rec.reassigned_from) : json_null());
	for (size_t i = 0; i < r->rec.nextensions; i++)
		json_array_append_new(exts, jo_extension(&r->rec.extensions[i]));
	json_object_set_new(o, "extensions", exts);
	if (r->rec.verification)
		json_object_set_new(o, "verification",
				    json_pack("{s:o,s:o,s:o,s:o}", "on",
					      jo_date(r->rec.verification->on), "by",
					      jo_str(r->rec.verification->by), "note",
					      jo_text(r->rec.verification->note), "recorded_at",
					      jo_str(r->rec.verification->recorded_at)));
	else
		json_object_set_new(o, "verification", json_null());
	for (size_t i = r->rec.nreports; i-- > 0;)
		json_array_append_new(reports, jo_report(r, &r->rec.reports[i]));
	json_object_set_new(o, "reports", reports);
	return o;
}
