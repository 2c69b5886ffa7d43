/* Reporting use cases: calendar, sign-for, dispute and decision, reports, review, extensions, 销号. */
#include "service/report_service.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/directory_service.h"
#include "util/hash.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* ---- dates of an assignment ---- */

struct date svc_plan_start(int year, struct date issued)
{
	if (year > 0)
		return (struct date){ year, 1, 1 };
	return issued;
}

struct date svc_plan_handover(int year, struct date issued)
{
	if (date_is_set(issued))
		return issued;
	return year > 0 ? (struct date){ year, 1, 1 } : DATE_NONE;
}

struct date svc_task_due(const struct task *t, int year)
{
	if (t && date_is_set(t->due))
		return t->due;
	return year > 0 ? (struct date){ year, 12, 31 } : DATE_NONE;
}

static void iso(struct date d, char buf[DATE_ISO_LEN])
{
	if (date_is_set(d))
		date_format_iso(d, buf);
	else
		snprintf(buf, DATE_ISO_LEN, "%s", "（无）");
}

static json_t *jdate(struct date d)
{
	char buf[DATE_ISO_LEN];

	if (!date_is_set(d))
		return json_null();
	date_format_iso(d, buf);
	return json_string(buf);
}

static json_t *jperiod(struct period p)
{
	char buf[PERIOD_STR_LEN];

	period_format(p, buf);
	return json_string(buf);
}

static json_t *jstr(const char *s)
{
	return json_string(s ? s : "");
}

/* ---- the calendar ---- */

static void calendar_default(struct calendar *cal, int year, struct date issued)
{
	struct date from = svc_plan_handover(year, issued);

	if (!date_is_set(from))
		from = (struct date){ 2000, 1, 1 };	/* a plan with neither: any start will do */
	calendar_init(cal, CADENCE_MONTHLY, CALENDAR_DEFAULT_DUE_DAY, from);
}

static int calendar_for(struct store *st, int64_t plan_id, int year, struct date issued,
			struct calendar *out, bool *stored, struct err *e)
{
	if (store_calendar_get(st, plan_id, out, stored, e))
		return -1;
	if (!*stored)
		calendar_default(out, year, issued);
	return 0;
}

/* The plan's list row (for its year and issued date). */
static int plan_row(struct store *st, int64_t plan_id, struct store_plan_list *pl,
		    const struct store_plan_row **row, struct err *e)
{
	*row = NULL;
	if (store_plan_list(st, pl, e))
		return -1;
	for (size_t i = 0; i < pl->n; i++)
		if (pl->v[i].id == plan_id)
			*row = &pl->v[i];
	if (!*row)
		return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的清单", (long long)plan_id);
	return 0;
}

int svc_calendar_get(struct store *st, int64_t plan_id, struct calendar *out, bool *stored,
		     struct err *e)
{
	struct store_plan_list pl;
	const struct store_plan_row *row;
	int rc = -1;

	store_plan_list_init(&pl);
	if (plan_row(st, plan_id, &pl, &row, e) ||
	    calendar_for(st, plan_id, row->year, row->issued, out, stored, e))
		goto out;
	rc = 0;
out:
	store_plan_list_release(&pl);
	return rc;
}

static json_t *calendar_json(const struct calendar *cal)
{
	json_t *o = json_object();

	json_object_set_new(o, "cadence", json_string(cadence_name(cal->cadence)));
	json_object_set_new(o, "due_day", json_integer(cal->due_day));
	json_object_set_new(o, "first_period", jperiod(cal->first));
	return o;
}

static int require_office(const struct svc_rctx *rc, const char *what, struct err *e)
{
	if (rc->unit_id > 0)
		return err_set(e, ERR_DENIED, "%s由督查室办理，责任单位不能操作", what);
	return 0;
}

static int need_day(const struct svc_rctx *rc, struct err *e)
{
	if (!date_is_set(rc->today))
		return err_set(e, ERR_INTERNAL, "内部错误：没有给出办理日期");
	return 0;
}

int svc_calendar_set(struct store *st, const struct svc_rctx *rc, int64_t plan_id,
		     const struct svc_calendar_change *ch, struct calendar *out, struct err *e)
{
	struct store_plan_list pl;
	const struct store_plan_row *row;
	struct calendar cur, next;
	bool stored;
	json_t *before = NULL, *after = NULL;
	char object[48];
	int ret = -1;

	store_plan_list_init(&pl);
	if (require_office(rc, "设置报告周期", e) || store_begin(st, e))
		goto out0;
	if (plan_row(st, plan_id, &pl, &row, e) ||
	    calendar_for(st, plan_id, row->year, row->issued, &cur, &stored, e))
		goto out;
	next = cur;
	if (ch->due_day)
		next.due_day = ch->due_day;
	if (ch->cadence != CADENCE_NONE)
		next.cadence = ch->cadence;
	if (ch->first) {
		if (period_parse(ch->first, &next.first, "首个报告期", e))
			goto out;
		if (next.first.cadence != next.cadence) {
			err_set(e, ERR_INPUT, "首个报告期 %s 与报告周期（%s）不符：%s", ch->first,
				cadence_label(next.cadence),
				next.cadence == CADENCE_MONTHLY ? "月报应写作 YYYY-MM"
								: "季报应写作 YYYY-Qn");
			goto out;
		}
	} else if (next.cadence != cur.cadence || !stored) {
		struct calendar def;
		struct date from = svc_plan_handover(row->year, row->issued);

		calendar_default(&def, row->year, row->issued);
		next.first = date_is_set(from)
				     ? period_first_due_on_or_after(next.cadence, next.due_day, from)
				     : period_of(next.cadence, period_start(def.first));
	}
	if (calendar_check(&next, e))
		goto out;
	if (next.cadence != cur.cadence) {
		struct store_reporting_counts n;

		if (store_reporting_counts(st, plan_id, next.cadence, &n, e))
			goto out;
		if (n.nother_cadence) {
			err_set(e, ERR_CONFLICT, "清单已有 %zu 份按%s报送的报告，不能改为%s",
				n.nother_cadence, cadence_label(cur.cadence),
				cadence_label(next.cadence));
			goto out;
		}
	}
	if (store_calendar_set(st, plan_id, &next, e))
		goto out;
	before = stored ? calendar_json(&cur) : NULL;
	after = calendar_json(&next);
	snprintf(object, sizeof(object), "plan:%lld", (long long)plan_id);
	if (audit_append(st, rc->actor, "calendar.set", object, before, after, e) ||
	    store_commit(st, e))
		goto out;
	*out = next;
	ret = 0;
out:
	store_rollback(st);
out0:
	json_decref(before);
	json_decref(after);
	store_plan_list_release(&pl);
	return ret;
}

/* ---- one assignment and its records ---- */

void svc_assignment_record_init(struct svc_assignment_record *r)
{
	memset(r, 0, sizeof(*r));
	store_assignment_ctx_init(&r->ctx);
	store_reporting_init(&r->rec);
}

void svc_assignment_record_release(struct svc_assignment_record *r)
{
	store_assignment_ctx_release(&r->ctx);
	store_reporting_release(&r->rec);
	svc_assignment_record_init(r);
}

/*
 * The periods whose reports an act reads at first (begin_act): the newest
 * two hold the report in use on the act's day unless both were returned
 * (act_in_use then reads every period's).
 */
#define ACT_PERIODS 2

/*
 * Assignment `id` as unit_id sees it, with every report (`day` unset) or,
 * for an act on `day`, with the recent reports of its `nperiods` newest
 * periods (store_reporting_load_recent; 0: of every period): the latest
 * report (carried from), and for each of those periods its latest version
 * and the one in use on `day` (svc_report_in_use), whatever the length of
 * the history.
 */
static int record_load(struct store *st, int64_t unit_id, int64_t id, struct date day,
		       size_t nperiods, struct svc_assignment_record *out, struct err *e)
{
	bool found;

	if (store_assignment_ctx_get(st, id, &out->ctx, &found, e))
		return -1;
	if (!found || (unit_id > 0 && out->ctx.row.a.unit_id != unit_id))
		return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的责任分工", (long long)id);
	if ((date_is_set(day) ? store_reporting_load_recent(st, id, day, nperiods, &out->rec, e)
			      : store_reporting_load(st, id, &out->rec, e)) ||
	    calendar_for(st, out->ctx.row.plan_id, out->ctx.plan_year, out->ctx.plan_issued,
			 &out->cal, &out->cal_stored, e))
		return -1;
	if (out->rec.reassigned_from)
		out->handed_over = out->rec.reassigned_from->decided_on;
	else
		out->handed_over = svc_plan_handover(out->ctx.plan_year, out->ctx.plan_issued);
	out->start = svc_plan_start(out->ctx.plan_year, out->ctx.plan_issued);
	out->due = svc_task_due(&out->ctx.task, out->ctx.plan_year);
	if (date_is_set(out->start) && date_is_set(out->due) && date_cmp(out->start, out->due) > 0)
		out->start = out->due;
	return 0;
}

int svc_assignment_record_load(struct store *st, int64_t unit_id, int64_t id,
			       struct svc_assignment_record *out, struct err *e)
{
	return record_load(st, unit_id, id, DATE_NONE, 0, out, e);
}

struct date svc_due_in_force(const struct svc_assignment_record *r, struct date day)
{
	struct date due = r->due, best = DATE_NONE;

	for (size_t i = 0; i < r->rec.nextensions; i++) {
		const struct store_extension *x = &r->rec.extensions[i];

		if (x->state != EXT_APPROVED || date_cmp(x->decided_on, day) > 0)
			continue;
		if (!date_is_set(best) || date_cmp(x->decided_on, best) >= 0) {
			best = x->decided_on;
			due = x->approved_due;
		}
	}
	return due;
}

const struct store_report *svc_report_in_use(const struct svc_assignment_record *r,
					     struct date day)
{
	const struct store_report *use = NULL;
	size_t i = 0;

	while (i < r->rec.nreports) {
		const struct store_report *latest = NULL;
		struct period p = r->rec.reports[i].period;

		for (; i < r->rec.nreports && !period_cmp(r->rec.reports[i].period, p); i++) {
			const struct store_report *x = &r->rec.reports[i];

			if (date_cmp(x->submitted_on, day) <= 0)
				latest = x;
		}
		if (!latest || p.cadence != r->cal.cadence)
			continue;
		if (latest->review == REVIEW_RETURNED && date_cmp(latest->reviewed_on, day) <= 0)
			continue;
		if (!use || period_cmp(latest->period, use->period) > 0)
			use = latest;
	}
	return use;
}

/* "分工 123（第 11 项任务，市发改委，牵头）" */
static void describe(const struct svc_assignment_record *r, char *buf, size_t n)
{
	snprintf(buf, n, "分工 %lld（第 %d 项任务，%s，%s）", (long long)r->ctx.row.a.id,
		 r->ctx.row.task_no, r->ctx.row.a.unit_name,
		 assignment_role_label(r->ctx.row.a.role));
}

/*
 * Open a transaction and load assignment `id` for an act on rc->today
 * (the recent reports of its newest periods only: record_load, ACT_PERIODS);
 * checks scope, activity, 销号.
 */
static int begin_act(struct store *st, const struct svc_rctx *rc, int64_t id,
		     struct svc_assignment_record *r, struct err *e)
{
	char what[256];

	if (need_day(rc, e) || store_begin(st, e))
		return -1;
	if (record_load(st, rc->unit_id, id, rc->today, ACT_PERIODS, r, e))
		return -1;
	describe(r, what, sizeof(what));
	if (r->ctx.row.a.flags & ASSIGN_RETIRED) {
		if (r->rec.dispute && r->rec.dispute->decision == STORE_DISPUTE_REASSIGNED)
			return err_set(e, ERR_CONFLICT, "%s 已改派给分工 %lld，不能再办理", what,
				       (long long)r->rec.dispute->new_assignment_id);
		return err_set(e, ERR_CONFLICT, "%s 已撤销（不再是本任务的责任分工），不能再办理",
			       what);
	}
	if (r->rec.verification) {
		char d[DATE_ISO_LEN];

		iso(r->rec.verification->on, d);
		return err_set(e, ERR_CONFLICT, "%s 已于 %s 销号，不能再办理", what, d);
	}
	return 0;
}

/*
 * The report in use on rc->today (svc_report_in_use) of a record begin_act
 * loaded.  When none of the periods it read holds one and older periods may,
 * the recent reports of every period are read first: this replaces r->rec,
 * so no pointer into it may be held across the call.
 */
static int act_in_use(struct store *st, const struct svc_rctx *rc,
		      struct svc_assignment_record *r, const struct store_report **used,
		      struct err *e)
{
	size_t periods = 0;

	*used = svc_report_in_use(r, rc->today);
	for (size_t i = 0; i < r->rec.nreports; i++)
		if (!i || period_cmp(r->rec.reports[i].period, r->rec.reports[i - 1].period))
			periods++;
	if (*used || periods < ACT_PERIODS)
		return 0;
	store_reporting_release(&r->rec);
	if (store_reporting_load_recent(st, r->ctx.row.a.id, rc->today, 0, &r->rec, e))
		return -1;
	*used = svc_report_in_use(r, rc->today);
	return 0;
}

/* The act's day must not be before `from` (named `what_from`). */
static int not_before(const struct svc_rctx *rc, struct date from, const char *act,
		      const char *what_from, struct err *e)
{
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];

	if (!date_is_set(from) || date_cmp(rc->today, from) >= 0)
		return 0;
	iso(rc->today, a);
	iso(from, b);
	return err_set(e, ERR_INPUT, "%s日期 %s 早于%s %s", act, a, what_from, b);
}

/* A required or optional free text: valid UTF-8, not too long; required ones not blank. */
static int check_text(const char *s, const char *field, bool required, struct err *e)
{
	size_t n = s ? strlen(s) : 0;
	bool blank = true;

	if (s && !utf8_valid(s, n, NULL))
		return err_set(e, ERR_INPUT, "%s不是有效的 UTF-8 文本", field);
	if (n > SVC_REPORT_TEXT_MAX)
		return err_set(e, ERR_INPUT, "%s过长：%zu 字节，上限 %d 字节", field, n,
			       SVC_REPORT_TEXT_MAX);
	for (size_t i = 0; i < n && blank; i++)
		if (!strchr(" \t\r\n", s[i]))
			blank = false;
	if (required && blank)
		return err_set(e, ERR_INPUT, "%s不能为空", field);
	return 0;
}

static json_t *assignment_json(const struct svc_assignment_record *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(r->ctx.row.a.id));
	json_object_set_new(o, "plan", json_integer(r->ctx.row.plan_id));
	json_object_set_new(o, "task_no", json_integer(r->ctx.row.task_no));
	json_object_set_new(o, "unit", jstr(r->ctx.row.a.unit_name));
	json_object_set_new(o, "role", json_string(assignment_role_code(r->ctx.row.a.role)));
	json_object_set_new(o, "state", json_string(r->ctx.row.a.flags & ASSIGN_RETIRED ? "retired"
											  : "active"));
	return o;
}

static int commit_act(struct store *st, const struct svc_rctx *rc, const char *action,
		      const char *object, json_t *before, json_t *after, struct err *e)
{
	int ret = audit_append(st, rc->actor, action, object, before, after, e);

	json_decref(before);
	json_decref(after);
	if (ret)
		return -1;
	return store_commit(st, e);
}

static void assignment_object(int64_t id, char *buf, size_t n)
{
	snprintf(buf, n, "assignment:%lld", (long long)id);
}

/* ---- sign-for, dispute, decisions ---- */

int svc_assignment_sign(struct store *st, const struct svc_rctx *rc, int64_t assignment_id,
			const char *note, struct err *e)
{
	struct svc_assignment_record r;
	struct store_signoff so;
	char what[256], d[DATE_ISO_LEN], object[48];
	json_t *after;
	int ret = -1;

	svc_assignment_record_init(&r);
	if (begin_act(st, rc, assignment_id, &r, e))
		goto out;
	describe(&r, what, sizeof(what));
	if (r.rec.signoff) {
		iso(r.rec.signoff->on, d);
		err_set(e, ERR_CONFLICT, "%s 已于 %s 签收", what, d);
		goto out;
	}
	if (r.rec.dispute && r.rec.dispute->decision == STORE_DISPUTE_OPEN) {
		iso(r.rec.dispute->raised_on, d);
		err_set(e, ERR_CONFLICT, "%s 已于 %s 退回，待督查室确认或改派后再签收", what, d);
		goto out;
	}
	if (check_text(note, "签收说明", false, e) ||
	    not_before(rc, r.handed_over, "签收", "交办日期", e) ||
	    (r.rec.dispute && not_before(rc, r.rec.dispute->decided_on, "签收",
					 "督查室确认承办的日期", e)))
		goto out;
	memset(&so, 0, sizeof(so));
	so.assignment_id = assignment_id;
	so.on = rc->today;
	so.by = rc->actor->name;
	so.note = note ? note : "";
	if (store_signoff_insert(st, &so, e))
		goto out;
	after = assignment_json(&r);
	json_object_set_new(after, "signed_on", jdate(so.on));
	json_object_set_new(after, "note", jstr(so.note));
	assignment_object(assignment_id, object, sizeof(object));
	if (commit_act(st, rc, "assignment.sign", object, NULL, after, e))
		goto out;
	ret = 0;
out:
	store_rollback(st);
	svc_assignment_record_release(&r);
	return ret;
}

int svc_assignment_dispute(struct store *st, const struct svc_rctx *rc, int64_t assignment_id,
			   const char *reason, struct err *e)
{
	struct svc_assignment_record r;
	struct store_dispute d;
	char what[256], day[DATE_ISO_LEN], object[48];
	json_t *after;
	int ret = -1;

	svc_assignment_record_init(&r);
	if (begin_act(st, rc, assignment_id, &r, e))
		goto out;
	describe(&r, what, sizeof(what));
	if (r.rec.signoff) {
		iso(r.rec.signoff->on, day);
		err_set(e, ERR_CONFLICT, "%s 已于 %s 签收，不能再退回", what, day);
		goto out;
	}
	if (r.rec.dispute) {
		iso(r.rec.dispute->raised_on, day);
		err_set(e, ERR_CONFLICT, "%s 已于 %s 退回过（%s），不能再次退回", what, day,
			r.rec.dispute->decision == STORE_DISPUTE_OPEN ? "待督查室处理"
								      : "督查室已确认由本单位承办");
		goto out;
	}
	if (check_text(reason, "退回理由（--reason）", true, e) ||
	    not_before(rc, r.handed_over, "退回", "交办日期", e))
		goto out;
	memset(&d, 0, sizeof(d));
	d.assignment_id = assignment_id;
	d.reason = reason;
	d.raised_by = rc->actor->name;
	d.raised_on = rc->today;
	if (store_dispute_insert(st, &d, e))
		goto out;
	after = assignment_json(&r);
	json_object_set_new(after, "dispute", json_integer(d.id));
	json_object_set_new(after, "reason", jstr(reason));
	json_object_set_new(after, "raised_on", jdate(d.raised_on));
	assignment_object(assignment_id, object, sizeof(object));
	if (commit_act(st, rc, "assignment.dispute", object, NULL, after, e))
		goto out;
	ret = 0;
out:
	store_rollback(st);
	svc_assignment_record_release(&r);
	return ret;
}

/* The open dispute of `r`, or an error. */
static int open_dispute(const struct svc_assignment_record *r, struct err *e)
{
	char what[256], day[DATE_ISO_LEN];

	describe(r, what, sizeof(what));
	if (!r->rec.dispute)
		return err_set(e, ERR_CONFLICT, "%s 没有退回记录，无需处理", what);
	if (r->rec.dispute->decision != STORE_DISPUTE_OPEN) {
		iso(r->rec.dispute->decided_on, day);
		return err_set(e, ERR_CONFLICT, "%s 的退回已于 %s 处理过", what, day);
	}
	return 0;
}

int svc_dispute_confirm(struct store *st, const struct svc_rctx *rc, int64_t assignment_id,
			const char *note, struct err *e)
{
	struct svc_assignment_record r;
	struct store_dispute d;
	char object[48];
	json_t *after;
	int ret = -1;

	svc_assignment_record_init(&r);
	if (require_office(rc, "确认承办单位", e) || begin_act(st, rc, assignment_id, &r, e) ||
	    open_dispute(&r, e) || check_text(note, "处理意见", false, e) ||
	    not_before(rc, r.rec.dispute->raised_on, "确认", "退回日期", e))
		goto out;
	d = *r.rec.dispute;
	d.decision = STORE_DISPUTE_CONFIRMED;
	d.new_assignment_id = 0;
	d.decision_note = note ? note : "";
	d.decided_by = rc->actor->name;
	d.decided_on = rc->today;
	if (store_dispute_decide(st, &d, e))
		goto out;
	after = assignment_json(&r);
	json_object_set_new(after, "dispute", json_integer(d.id));
	json_object_set_new(after, "decision", json_string("confirm"));
	json_object_set_new(after, "note", jstr(d.decision_note));
	json_object_set_new(after, "decided_on", jdate(d.decided_on));
	assignment_object(assignment_id, object, sizeof(object));
	if (commit_act(st, rc, "dispute.confirm", object, NULL, after, e))
		goto out;
	ret = 0;
out:
	store_rollback(st);
	svc_assignment_record_release(&r);
	return ret;
}

/* The directory unit `name` names, for a reassignment. */
static int reassign_target(struct store *st, const char *name, struct directory *dir, long *index,
			   struct err *e)
{
	struct resolution res;

	if (!name || !*name)
		return err_set(e, ERR_INPUT, "改派须指定新的承办单位（--unit）");
	if (!utf8_valid(name, strlen(name), NULL))
		return err_set(e, ERR_INPUT, "单位名称不是有效的 UTF-8 文本");
	if (svc_directory_load(st, dir, e))
		return -1;
	directory_resolve(dir, name, &res);
	if (res.target == RESOLVE_TO_GROUP)
		return err_set(e, ERR_INPUT, "“%s”是单位分组，改派须指定一个单位", name);
	if (res.target != RESOLVE_TO_UNIT || res.rule == RESOLVE_BRACKET_NEW_ALIAS)
		return err_set(e, ERR_NOT_FOUND, "单位名录中没有“%s”（改派只能指定名录中的单位，"
			       "见 duban units）", name);
	if (!dir->units[res.index].active)
		return err_set(e, ERR_CONFLICT, "单位“%s”已停用，不能承办任务",
			       dir->units[res.index].name);
	*index = (long)res.index;
	return 0;
}

int svc_dispute_reassign(struct store *st, const struct svc_rctx *rc, int64_t assignment_id,
			 const char *unit_name, const char *note, int64_t *new_id, struct err *e)
{
	struct svc_assignment_record r;
	struct directory dir;
	struct store_assignment_list l;
	struct store_assignment_filter f = { 0 };
	struct assignment na;
	struct store_dispute d;
	const struct unit *u;
	char object[48];
	json_t *before, *after;
	long ui = 0;
	int ret = -1;

	svc_assignment_record_init(&r);
	directory_init(&dir);
	store_assignment_list_init(&l);
	if (require_office(rc, "改派承办单位", e) || begin_act(st, rc, assignment_id, &r, e) ||
	    open_dispute(&r, e) || check_text(note, "处理意见", false, e) ||
	    not_before(rc, r.rec.dispute->raised_on, "改派", "退回日期", e) ||
	    reassign_target(st, unit_name, &dir, &ui, e))
		goto out;
	u = &dir.units[ui];
	if (u->id == r.ctx.row.a.unit_id) {
		err_set(e, ERR_CONFLICT, "“%s”就是退回的单位，请用 confirm 确认由其承办", u->name);
		goto out;
	}
	f.plan_id = r.ctx.row.plan_id;
	f.task_no = r.ctx.row.task_no;
	if (store_assignments_list(st, &f, &l, e))
		goto out;
	for (size_t i = 0; i < l.n; i++) {
		if (l.v[i].a.unit_id == u->id) {
			err_set(e, ERR_CONFLICT, "单位“%s”已承担第 %d 项任务（分工 %lld，%s），"
				"不能再改派给它", u->name, r.ctx.row.task_no,
				(long long)l.v[i].a.id, assignment_role_label(l.v[i].a.role));
			goto out;
		}
	}
	memset(&na, 0, sizeof(na));
	na.task_id = r.ctx.row.a.task_id;
	na.unit_id = u->id;
	na.role = r.ctx.row.a.role;
	na.position = r.ctx.row.a.position;
	if (store_assignments_insert(st, &na, 1, e) ||
	    store_assignment_retire(st, assignment_id, e))
		goto out;
	d = *r.rec.dispute;
	d.decision = STORE_DISPUTE_REASSIGNED;
	d.new_assignment_id = na.id;
	d.decision_note = note ? note : "";
	d.decided_by = rc->actor->name;
	d.decided_on = rc->today;
	if (store_dispute_decide(st, &d, e))
		goto out;
	before = assignment_json(&r);
	after = assignment_json(&r);
	json_object_set_new(after, "state", json_string("retired"));
	json_object_set_new(after, "dispute", json_integer(d.id));
	json_object_set_new(after, "decision", json_string("reassign"));
	json_object_set_new(after, "new_assignment", json_integer(na.id));
	json_object_set_new(after, "new_unit", jstr(u->name));
	json_object_set_new(after, "note", jstr(d.decision_note));
	json_object_set_new(after, "decided_on", jdate(d.decided_on));
	assignment_object(assignment_id, object, sizeof(object));
	if (commit_act(st, rc, "dispute.reassign", object, before, after, e))
		goto out;
	if (new_id)
		*new_id = na.id;
	ret = 0;
out:
	store_rollback(st);
	svc_assignment_record_release(&r);
	directory_release(&dir);
	store_assignment_list_release(&l);
	return ret;
}

/* ---- attachments ---- */

static bool has(const void *data, size_t len, const void *what, size_t n)
{
	return memmem(data, len, what, n) != NULL;
}

static bool starts(const void *data, size_t len, const char *magic, size_t n)
{
	return len >= n && !memcmp(data, magic, n);
}

/* UTF-8 text: valid, no NUL, no control characters but TAB, LF, CR, FF. */
static bool is_text(const unsigned char *s, size_t len)
{
	if (!utf8_valid((const char *)s, len, NULL))
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' && s[i] != '\f')
			return false;
	return true;
}

int svc_attachment_sniff(const void *data, size_t len, const char *name, const char **mime,
			 const char **label, struct err *e)
{
	static const char word_stream[] = "W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0";
	static const char book_stream[] = "W\0o\0r\0k\0b\0o\0o\0k\0";
	static const char book_stream2[] = "B\0o\0o\0k\0";
	const char *what = NULL;

	*mime = *label = NULL;
	if (!len)
		return err_set(e, ERR_INPUT, "附件“%s”是空文件", name);
	if (starts(data, len, "%PDF-", 5)) {
		*mime = "application/pdf";
		*label = "PDF 文档";
	} else if (starts(data, len, "\x89PNG\r\n\x1a\n", 8)) {
		*mime = "image/png";
		*label = "PNG 图片";
	} else if (starts(data, len, "\xff\xd8\xff", 3)) {
		*mime = "image/jpeg";
		*label = "JPEG 图片";
	} else if (starts(data, len, "PK\x03\x04", 4)) {
		if (has(data, len, "word/document.xml", 17)) {
			*mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
			*label = "Word 文档（.docx）";
		} else if (has(data, len, "xl/workbook.xml", 15)) {
			*mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
			*label = "Excel 表格（.xlsx）";
		} else {
			what = "是 ZIP 压缩包，但不是 Word 或 Excel 文档（.docx/.xlsx）";
		}
	} else if (starts(data, len, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8)) {
		if (has(data, len, word_stream, sizeof(word_stream) - 1)) {
			*mime = "application/msword";
			*label = "Word 文档（.doc）";
		} else if (has(data, len, book_stream, sizeof(book_stream) - 1) ||
			   has(data, len, book_stream2, sizeof(book_stream2) - 1)) {
			*mime = "application/vnd.ms-excel";
			*label = "Excel 表格（.xls）";
		} else {
			what = "是旧版 Office 复合文档，但不是 Word 或 Excel 文档";
		}
	} else if (starts(data, len, "\x7f" "ELF", 4)) {
		what = "是可执行程序（ELF），不能作为附件";
	} else if (starts(data, len, "MZ", 2)) {
		what = "是 Windows 可执行程序，不能作为附件";
	} else if (starts(data, len, "\xfe\xed\xfa\xce", 4) || starts(data, len, "\xfe\xed\xfa\xcf", 4) ||
		   starts(data, len, "\xce\xfa\xed\xfe", 4) || starts(data, len, "\xcf\xfa\xed\xfe", 4) ||
		   starts(data, len, "\xca\xfe\xba\xbe", 4)) {
		what = "是可执行程序（Mach-O），不能作为附件";
	} else if (starts(data, len, "#!", 2)) {
		what = "是可执行脚本，不能作为附件";
	} else if (is_text(data, len)) {
		*mime = "text/plain; charset=utf-8";
		*label = "文本文件";
	} else {
		what = "不是可接受的附件类型";
	}
	if (what)
		return err_set(e, ERR_INPUT, "附件“%s”%s（可接受：PDF、PNG、JPEG、Word、Excel、"
			       "UTF-8 文本）", name, what);
	return 0;
}

/* The last path component, for either separator. */
static const char *base_name(const char *path)
{
	const char *b = path;

	for (const char *p = path; *p; p++)
		if (*p == '/' || *p == '\\')
			b = p + 1;
	return b;
}

int svc_attachment_get(struct store *st, int64_t unit_id, const char *sha256, struct arena *a,
		       struct store_attachment *out, struct err *e)
{
	bool found;

	if (unit_id > 0)
		return err_set(e, ERR_DENIED, "附件只能由督查室导出");
	if (store_attachment_get(st, sha256, a, out, &found, e))
		return -1;
	if (!found)
		return err_set(e, ERR_NOT_FOUND, "没有 SHA-256 为 %s 的附件", sha256);
	return 0;
}

/* ---- reports ---- */

void svc_report_result_init(struct svc_report_result *r)
{
	memset(r, 0, sizeof(*r));
}

void svc_report_result_release(struct svc_report_result *r)
{
	diags_release(&r->notes);
	arena_release(&r->arena);
	svc_report_result_init(r);
}

/* `from` with its strings copied into `a`. */
static void row_copy(struct arena *a, const struct store_assignment_row *from,
		     struct store_assignment_row *to)
{
	*to = *from;
	to->a.unit_name = from->a.unit_name ? arena_strdup(a, from->a.unit_name) : NULL;
	to->a.written = from->a.written ? arena_strdup(a, from->a.written) : NULL;
	to->a.new_alias = from->a.new_alias ? arena_strdup(a, from->a.new_alias) : NULL;
	to->group_name = from->group_name ? arena_strdup(a, from->group_name) : NULL;
	to->created_at = from->created_at ? arena_strdup(a, from->created_at) : NULL;
	to->updated_at = from->updated_at ? arena_strdup(a, from->updated_at) : NULL;
}

/* The period `s` for record `r`, checked against its calendar and today. */
static int report_period(const struct svc_assignment_record *r, const char *s, struct date today,
			 struct period *out, struct err *e)
{
	char first[PERIOD_STR_LEN], now[PERIOD_STR_LEN], d[DATE_ISO_LEN];
	struct period cur;

	if (!s || !*s)
		return err_set(e, ERR_INPUT, "报告期（--period）必填：月报写作 YYYY-MM，季报写作 YYYY-Qn");
	if (period_parse(s, out, "报告期（--period）", e))
		return -1;
	if (out->cadence != r->cal.cadence)
		return err_set(e, ERR_INPUT, "报告期 %s 与本清单的报告周期（%s）不符：%s", s,
			       cadence_label(r->cal.cadence),
			       r->cal.cadence == CADENCE_MONTHLY ? "应写作 YYYY-MM" : "应写作 YYYY-Qn");
	if (period_cmp(*out, r->cal.first) < 0) {
		period_format(r->cal.first, first);
		return err_set(e, ERR_INPUT, "报告期 %s 早于本清单的首个报告期 %s", s, first);
	}
	cur = period_of(r->cal.cadence, today);
	if (period_cmp(*out, cur) > 0) {
		period_format(cur, now);
		iso(today, d);
		return err_set(e, ERR_INPUT, "报告期 %s 尚未开始（报送日期 %s 属于 %s）", s, d, now);
	}
	return 0;
}

static int report_values(const struct svc_assignment_record *r, const struct svc_report_input *in,
			 const struct store_report *prev, struct store_report_value **out,
			 size_t *n, size_t *carried, struct arena *a, struct err *e)
{
	size_t nt = r->ctx.task.ntargets, cap = in->nvalues + (prev ? prev->nvalues : 0);
	struct store_report_value *v = arena_alloc(a, (cap ? cap : 1) * sizeof(*v));
	bool *given = arena_zalloc(a, nt + 1);

	*n = *carried = 0;
	for (size_t i = 0; i < in->nvalues; i++) {
		int seq = in->values[i].seq;

		if (seq < 1 || (size_t)seq > nt) {
			if (!nt)
				return err_set(e, ERR_INPUT, "目标完成值（--value）：第 %d 项任务没有量化目标",
					       r->ctx.row.task_no);
			return err_set(e, ERR_INPUT, "目标完成值（--value）：目标序号 %d 不存在，"
				       "第 %d 项任务的量化目标为 1 到 %zu（见 duban show %d）", seq,
				       r->ctx.row.task_no, nt, r->ctx.row.task_no);
		}
		if (given[seq])
			return err_set(e, ERR_INPUT, "目标完成值（--value）：目标 %d 给了两次", seq);
		if (!isfinite(in->values[i].actual) || fabs(in->values[i].actual) > 1e18)
			return err_set(e, ERR_INPUT, "目标完成值（--value）：目标 %d 的数值无效", seq);
		given[seq] = true;
		v[*n].seq = seq;
		v[(*n)++].actual = in->values[i].actual;
	}
	for (size_t i = 0; prev && i < prev->nvalues; i++) {
		int seq = prev->values[i].seq;

		if (seq < 1 || (size_t)seq > nt || given[seq])
			continue;
		given[seq] = true;
		v[*n] = prev->values[i];
		(*n)++;
		(*carried)++;
	}
	/* By seq, as stored. */
	for (size_t i = 1; i < *n; i++)
		for (size_t j = i; j > 0 && v[j - 1].seq > v[j].seq; j--) {
			struct store_report_value t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	*out = v;
	return 0;
}

static int report_attachments(struct store *st, const struct svc_report_input *in,
			      struct store_report_attachment **out, size_t *n,
			      struct svc_report_result *res, struct arena *a, struct err *e)
{
	size_t max = in->max_attachment ? in->max_attachment : SVC_ATTACHMENT_MAX_DEFAULT;
	struct store_report_attachment *v;

	*n = 0;
	if (in->nuploads > SVC_ATTACHMENTS_MAX)
		return err_set(e, ERR_INPUT, "附件过多：%zu 个，每份报告最多 %d 个", in->nuploads,
			       SVC_ATTACHMENTS_MAX);
	v = arena_zalloc(a, (in->nuploads ? in->nuploads : 1) * sizeof(*v));
	for (size_t i = 0; i < in->nuploads; i++) {
		const struct svc_upload *u = &in->uploads[i];
		const char *name = base_name(u->name ? u->name : "");
		const char *mime, *label;
		struct store_attachment at;
		bool added, dup = false;
		char sha[HASH_HEX_LEN];

		if (!*name || !utf8_valid(name, strlen(name), NULL) || strlen(name) > 255)
			return err_set(e, ERR_INPUT, "附件 %zu 的文件名无效（须为 1 到 255 字节的 UTF-8）",
				       i + 1);
		if (u->len > max)
			return err_set(e, ERR_INPUT, "附件“%s”有 %zu 字节，超过上限 %zu 字节（%.1f MiB）",
				       name, u->len, max, (double)max / (1 << 20));
		if (svc_attachment_sniff(u->data, u->len, name, &mime, &label, e))
			return -1;
		hash_sha256_hex(u->data, u->len, sha);
		for (size_t j = 0; j < *n; j++)
			dup = dup || !strcmp(v[j].sha256, sha);
		if (dup) {
			diags_add(&res->notes, 0, "附件“%s”与本报告的另一个附件内容相同，只保留一份",
				  name);
			continue;
		}
		memset(&at, 0, sizeof(at));
		memcpy(at.sha256, sha, sizeof(at.sha256));
		at.size = (int64_t)u->len;
		at.mime = mime;
		at.name = name;
		at.data = u->data;
		if (store_attachment_put(st, &at, &added, e))
			return -1;
		if (added)
			res->attachments_stored++;
		else
			res->attachments_known++;
		memcpy(v[*n].sha256, sha, sizeof(v[*n].sha256));
		v[*n].name = arena_strdup(a, name);
		v[*n].mime = mime;
		v[(*n)++].size = (int64_t)u->len;
	}
	*out = v;
	return 0;
}

/*
 * *yes: the version `rp` revises (rp->version - 1 of its period) was
 * accepted.  From the reports record_load read when they hold it, else
 * looked up by its key.
 */
static int revises_accepted(struct store *st, const struct svc_assignment_record *r,
			    const struct store_report *rp, struct arena *a, bool *yes,
			    struct err *e)
{
	struct store_report x;
	bool found = false;

	*yes = false;
	for (size_t i = 0; i < r->rec.nreports; i++) {
		const struct store_report *y = &r->rec.reports[i];

		if (!period_cmp(y->period, rp->period) && y->version == rp->version - 1) {
			*yes = y->review == REVIEW_ACCEPTED;
			return 0;
		}
	}
	if (store_report_version_get(st, rp->assignment_id, rp->period, rp->version - 1, a, &x,
				     &found, e))
		return -1;
	*yes = found && x.review == REVIEW_ACCEPTED;
	return 0;
}

static json_t *report_json(const struct store_report *rp, unsigned carried)
{
	json_t *o = json_object(), *vals = json_array(), *atts = json_array(), *car = json_array();
	static const char *const carry_names[] = { "progress", "problems", "next_steps",
						   "likelihood", "values" };

	json_object_set_new(o, "id", json_integer(rp->id));
	json_object_set_new(o, "assignment", json_integer(rp->assignment_id));
	json_object_set_new(o, "period", jperiod(rp->period));
	json_object_set_new(o, "version", json_integer(rp->version));
	json_object_set_new(o, "percent", json_real(rp->percent));
	json_object_set_new(o, "progress", jstr(rp->progress));
	json_object_set_new(o, "problems", jstr(rp->problems));
	json_object_set_new(o, "next_steps", jstr(rp->next_steps));
	json_object_set_new(o, "likelihood", json_string(likelihood_name(rp->likelihood)));
	json_object_set_new(o, "submitted_on", jdate(rp->submitted_on));
	for (size_t i = 0; i < rp->nvalues; i++) {
		json_t *v = json_object();

		json_object_set_new(v, "seq", json_integer(rp->values[i].seq));
		json_object_set_new(v, "actual", json_real(rp->values[i].actual));
		json_array_append_new(vals, v);
	}
	json_object_set_new(o, "values", vals);
	for (size_t i = 0; i < rp->nattachments; i++) {
		json_t *v = json_object();

		json_object_set_new(v, "sha256", json_string(rp->attachments[i].sha256));
		json_object_set_new(v, "name", jstr(rp->attachments[i].name));
		json_object_set_new(v, "mime", jstr(rp->attachments[i].mime));
		json_object_set_new(v, "size", json_integer(rp->attachments[i].size));
		json_array_append_new(atts, v);
	}
	json_object_set_new(o, "attachments", atts);
	for (size_t i = 0; i < sizeof(carry_names) / sizeof(*carry_names); i++)
		if (carried & (1u << i))
			json_array_append_new(car, json_string(carry_names[i]));
	json_object_set_new(o, "carried_over", car);
	return o;
}

int svc_report_submit(struct store *st, const struct svc_rctx *rc,
		      const struct svc_report_input *in, struct svc_report_result *out,
		      struct err *e)
{
	struct svc_assignment_record r;
	struct arena a = ARENA_INIT;
	struct store_report rp;
	const struct store_report *prev = NULL, *used;
	struct store_report_value *vals = NULL;
	struct store_report_attachment *atts = NULL;
	enum likelihood lk = LIKELIHOOD_NONE;
	char object[48], pbuf[PERIOD_STR_LEN];
	bool accepted = false, found = false;
	int ret = -1;

	svc_assignment_record_init(&r);
	memset(&rp, 0, sizeof(rp));
	if (begin_act(st, rc, in->assignment_id, &r, e) ||
	    report_period(&r, in->period, rc->today, &rp.period, e))
		goto out;
	if (!isfinite(in->percent) || in->percent < 0 || in->percent > 100) {
		err_set(e, ERR_INPUT, "完成百分比（--percent）应在 0 到 100 之间：%g", in->percent);
		goto out;
	}
	if (in->likelihood && likelihood_parse(in->likelihood, &lk)) {
		err_set(e, ERR_INPUT, "自评（--likelihood）应为 很可能、可能、存疑、难以完成 之一：%s",
			in->likelihood);
		goto out;
	}
	if (check_text(in->progress, "完成情况（--progress）", false, e) ||
	    check_text(in->problems, "存在问题（--problems）", false, e) ||
	    check_text(in->next_steps, "下步打算（--next）", false, e) ||
	    not_before(rc, r.handed_over, "报送", "交办日期", e) ||
	    act_in_use(st, rc, &r, &used, e))
		goto out;
	/* The assignment's latest report: the last that record_load read. */
	if (r.rec.nreports)
		prev = &r.rec.reports[r.rec.nreports - 1];
	rp.assignment_id = in->assignment_id;
	rp.percent = in->percent;
	rp.author = rc->actor->name;
	rp.submitted_on = rc->today;
#define CARRY(field, bit)                                  \
	do {                                               \
		if (in->field) {                           \
			rp.field = in->field;              \
		} else if (prev) {                         \
			rp.field = prev->field;            \
			out->carried |= (bit);             \
		} else {                                   \
			rp.field = "";                     \
		}                                          \
	} while (0)
	CARRY(progress, SVC_CARRIED_PROGRESS);
	CARRY(problems, SVC_CARRIED_PROBLEMS);
	CARRY(next_steps, SVC_CARRIED_NEXT);
#undef CARRY
	if (in->likelihood) {
		rp.likelihood = lk;
	} else if (prev) {
		rp.likelihood = prev->likelihood;
		if (prev->likelihood != LIKELIHOOD_NONE)
			out->carried |= SVC_CARRIED_LIKELIHOOD;
	}
	if (check_text(rp.progress, "完成情况（--progress）", true, e))
		goto out;
	if (report_values(&r, in, prev, &vals, &rp.nvalues, &out->values_carried, &a, e))
		goto out;
	rp.values = vals;
	if (out->values_carried)
		out->carried |= SVC_CARRIED_VALUES;
	if (report_attachments(st, in, &atts, &rp.nattachments, out, &a, e))
		goto out;
	rp.attachments = atts;
	if (store_report_insert(st, &rp, e))
		goto out;

	out->report_id = rp.id;
	out->period = rp.period;
	out->version = rp.version;
	if (prev && out->carried) {
		out->carried_from = prev->id;
		out->carried_period = prev->period;
		out->carried_version = prev->version;
	}
	if (!r.rec.signoff)
		diags_add(&out->notes, 0, "该分工尚未签收：报告已保存，但状态仍为“待签收”，"
			  "请先签收（duban assignment sign %lld）", (long long)in->assignment_id);
	if (used && in->percent < used->percent) {
		period_format(used->period, pbuf);
		diags_add(&out->notes, 0, "完成百分比 %g%% 低于上次报告（%s 第 %d 版）的 %g%%",
			  in->percent, pbuf, used->version, used->percent);
	}
	if (rp.version > 1 && revises_accepted(st, &r, &rp, &a, &accepted, e))
		goto out;
	if (accepted) {
		period_format(rp.period, pbuf);
		diags_add(&out->notes, 0, "%s 的第 %d 版已审核通过；本次修订需重新审核", pbuf,
			  rp.version - 1);
	}
	/* What the API answers: the report as stored, read back in this transaction. */
	if (store_report_get(st, rp.id, &out->arena, &out->stored, &found, e))
		goto out;
	if (!found) {
		err_set(e, ERR_INTERNAL, "内部错误：刚保存的报告 %lld 读不到", (long long)rp.id);
		goto out;
	}
	row_copy(&out->arena, &r.ctx.row, &out->assignment);
	snprintf(object, sizeof(object), "report:%lld", (long long)rp.id);
	if (commit_act(st, rc, "report.submit", object, NULL, report_json(&rp, out->carried), e))
		goto out;
	ret = 0;
out:
	store_rollback(st);
	svc_assignment_record_release(&r);
	arena_release(&a);
	return ret;
}

int svc_report_find(struct store *st, int64_t unit_id, int64_t id,
		    struct svc_assignment_record *out, size_t *index, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct store_report rp;
	bool found;
	int ret = -1;

	if (store_report_get(st, id, &a, &rp, &found, e))
		goto out;
	if (!found) {
		err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的进展报告", (long long)id);
		goto out;
	}
	if (svc_assignment_record_load(st, unit_id, rp.assignment_id, out, e)) {
		if (e && e->kind == ERR_NOT_FOUND)
			err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的进展报告", (long long)id);
		goto out;
	}
	for (size_t i = 0; i < out->rec.nreports; i++)
		if (out->rec.reports[i].id == id)
			*index = i;
	ret = 0;
out:
	arena_release(&a);
	return ret;
}

int svc_report_review(struct store *st, const struct svc_rctx *rc, int64_t report_id,
		      enum review_state decision, const char *reason, struct err *e)
{
	struct svc_assignment_record r;
	const struct store_report *rp;
	char object[48], pbuf[PERIOD_STR_LEN], d[DATE_ISO_LEN];
	size_t idx = (size_t)-1;
	json_t *after;
	int ret = -1;

	svc_assignment_record_init(&r);
	if (require_office(rc, "审核报告", e) || need_day(rc, e))
		goto out;
	if (decision != REVIEW_ACCEPTED && decision != REVIEW_RETURNED) {
		err_set(e, ERR_INTERNAL, "内部错误：审核结论无效");
		goto out;
	}
	if (store_begin(st, e) || svc_report_find(st, 0, report_id, &r, &idx, e))
		goto out;
	if (idx == (size_t)-1) {
		err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的进展报告", (long long)report_id);
		goto out;
	}
	rp = &r.rec.reports[idx];
	period_format(rp->period, pbuf);
	if (r.ctx.row.a.flags & ASSIGN_RETIRED) {
		err_set(e, ERR_CONFLICT, "报告 %lld 所属的分工 %lld 已撤销或改派，不能再审核",
			(long long)report_id, (long long)r.ctx.row.a.id);
		goto out;
	}
	if (r.rec.verification) {
		err_set(e, ERR_CONFLICT, "报告 %lld 所属的分工 %lld 已销号，不能再审核",
			(long long)report_id, (long long)r.ctx.row.a.id);
		goto out;
	}
	if (rp->review != REVIEW_PENDING) {
		iso(rp->reviewed_on, d);
		err_set(e, ERR_CONFLICT, "报告 %lld 已于 %s %s", (long long)report_id, d,
			rp->review == REVIEW_ACCEPTED ? "审核通过" : "退办");
		goto out;
	}
	if (idx + 1 < r.rec.nreports && !period_cmp(r.rec.reports[idx + 1].period, rp->period)) {
		const struct store_report *last = &r.rec.reports[idx + 1];

		while (last + 1 < r.rec.reports + r.rec.nreports &&
		       !period_cmp(last[1].period, rp->period))
			last++;
		err_set(e, ERR_CONFLICT, "报告 %lld（%s 第 %d 版）已有更新版本：第 %d 版（报告 %lld），"
			"请审核最新版本", (long long)report_id, pbuf, rp->version, last->version,
			(long long)last->id);
		goto out;
	}
	if (decision == REVIEW_RETURNED &&
	    check_text(reason, "退办理由（--reason）", true, e))
		goto out;
	if (check_text(reason, "审核意见", false, e) ||
	    not_before(rc, rp->submitted_on, "审核", "报送日期", e))
		goto out;
	{
		struct store_review rv = { report_id, decision, reason ? reason : "",
					   rc->actor->name, rc->today, false };

		if (store_review_insert(st, &rv, e))
			goto out;
	}
	after = json_object();
	json_object_set_new(after, "report", json_integer(report_id));
	json_object_set_new(after, "assignment", json_integer(r.ctx.row.a.id));
	json_object_set_new(after, "period", jperiod(rp->period));
	json_object_set_new(after, "version", json_integer(rp->version));
	json_object_set_new(after, "decision", json_string(review_name(decision)));
	json_object_set_new(after, "reason", jstr(reason));
	json_object_set_new(after, "reviewed_on", jdate(rc->today));
	snprintf(object, sizeof(object), "report:%lld", (long long)report_id);
	if (commit_act(st, rc, decision == REVIEW_ACCEPTED ? "report.accept" : "report.return",
		       object, NULL, after, e))
		goto out;
	ret = 0;
out:
	store_rollback(st);
	svc_assignment_record_release(&r);
	return ret;
}

/* ---- extensions ---- */

static json_t *extension_json(const struct store_extension *x)
{
	static const char *const states[] = { "pending", "approved", "refused" };
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(x->id));
	json_object_set_new(o, "assignment", json_integer(x->assignment_id));
	json_object_set_new(o, "old_due", jdate(x->old_due));
	json_object_set_new(o, "new_due", jdate(x->new_due));
	json_object_set_new(o, "reason", jstr(x->reason));
	json_object_set_new(o, "requested_on", jdate(x->requested_on));
	json_object_set_new(o, "state", json_string(states[x->state]));
	if (x->state != EXT_PENDING) {
		json_object_set_new(o, "approved_due", jdate(x->approved_due));
		json_object_set_new(o, "note", jstr(x->decision_note));
		json_object_set_new(o, "decided_on", jdate(x->decided_on));
	}
	return o;
}

int svc_extension_request(struct store *st, const struct svc_rctx *rc, int64_t assignment_id,
			  struct date new_due, const char *reason, int64_t *id, struct err *e)
{
	struct svc_assignment_record r;
	struct store_extension x;
	struct date due;
	char what[256], d1[DATE_ISO_LEN], d2[DATE_ISO_LEN], object[48];
	int ret = -1;

	svc_assignment_record_init(&r);
	if (begin_act(st, rc, assignment_id, &r, e))
		goto out;
	describe(&r, what, sizeof(what));
	for (size_t i = 0; i < r.rec.nextensions; i++) {
		if (r.rec.extensions[i].state == EXT_PENDING) {
			iso(r.rec.extensions[i].requested_on, d1);
			err_set(e, ERR_CONFLICT, "%s 已有待审批的延期申请 %lld（%s 提出），"
				"请等督查室审批后再申请", what, (long long)r.rec.extensions[i].id, d1);
			goto out;
		}
	}
	due = svc_due_in_force(&r, rc->today);
	iso(due, d1);
	if (date_is_set(due) && date_cmp(rc->today, due) > 0) {
		iso(rc->today, d2);
		err_set(e, ERR_CONFLICT, "%s 的完成时限 %s 已过（%s），不能再申请延期："
			"延期须在到期前申请", what, d1, d2);
		goto out;
	}
	if (!date_is_set(new_due)) {
		err_set(e, ERR_INPUT, "延期申请须给出新的完成时限（--due YYYY-MM-DD）");
		goto out;
	}
	if (date_cmp(new_due, due) <= 0) {
		iso(new_due, d2);
		err_set(e, ERR_INPUT, "申请的完成时限 %s 应晚于现行完成时限 %s", d2, d1);
		goto out;
	}
	if (check_text(reason, "延期理由（--reason）", true, e) ||
	    not_before(rc, r.handed_over, "申请延期", "交办日期", e))
		goto out;
	memset(&x, 0, sizeof(x));
	x.assignment_id = assignment_id;
	x.old_due = due;
	x.new_due = new_due;
	x.reason = reason;
	x.requested_by = rc->actor->name;
	x.requested_on = rc->today;
	x.state = EXT_PENDING;
	if (store_extension_insert(st, &x, e))
		goto out;
	snprintf(object, sizeof(object), "extension:%lld", (long long)x.id);
	if (commit_act(st, rc, "extension.request", object, NULL, extension_json(&x), e))
		goto out;
	if (id)
		*id = x.id;
	ret = 0;
out:
	store_rollback(st);
	svc_assignment_record_release(&r);
	return ret;
}

int svc_extension_load(struct store *st, int64_t id, struct arena *a, struct store_extension *out,
		       struct err *e)
{
	bool found;

	if (store_extension_get(st, id, a, out, &found, e))
		return -1;
	if (!found)
		return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的延期申请", (long long)id);
	return 0;
}

int svc_extension_decide(struct store *st, const struct svc_rctx *rc, int64_t extension_id,
			 bool approve, struct date due_override, const char *note,
			 struct err *e)
{
	struct svc_assignment_record r;
	struct store_extension x, before;
	struct arena a = ARENA_INIT;
	struct date due;
	char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN], object[48];
	bool found;
	int ret = -1;

	svc_assignment_record_init(&r);
	if (require_office(rc, "审批延期申请", e) || need_day(rc, e) || store_begin(st, e))
		goto out;
	if (store_extension_get(st, extension_id, &a, &x, &found, e))
		goto out;
	if (!found) {
		err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的延期申请", (long long)extension_id);
		goto out;
	}
	store_rollback(st);
	if (begin_act(st, rc, x.assignment_id, &r, e))
		goto out;
	if (x.state != EXT_PENDING) {
		iso(x.decided_on, d1);
		err_set(e, ERR_CONFLICT, "延期申请 %lld 已于 %s %s", (long long)extension_id, d1,
			x.state == EXT_APPROVED ? "批准" : "不予批准");
		goto out;
	}
	if (not_before(rc, x.requested_on, "审批", "申请日期", e) ||
	    check_text(note, approve ? "审批意见" : "不予批准的理由（--reason）", !approve, e))
		goto out;
	before = x;
	x.state = approve ? EXT_APPROVED : EXT_REFUSED;
	x.approved_due = DATE_NONE;
	if (approve) {
		x.approved_due = date_is_set(due_override) ? due_override : x.new_due;
		due = svc_due_in_force(&r, rc->today);
		if (date_cmp(x.approved_due, due) <= 0 || date_cmp(x.approved_due, r.due) <= 0) {
			iso(x.approved_due, d1);
			iso(date_cmp(due, r.due) > 0 ? due : r.due, d2);
			err_set(e, ERR_INPUT, "批准的完成时限 %s 应晚于现行完成时限 %s", d1, d2);
			goto out;
		}
	}
	x.decision_note = note ? note : "";
	x.decided_by = rc->actor->name;
	x.decided_on = rc->today;
	if (store_extension_decide(st, &x, e))
		goto out;
	snprintf(object, sizeof(object), "extension:%lld", (long long)extension_id);
	if (commit_act(st, rc, approve ? "extension.approve" : "extension.refuse", object,
		       extension_json(&before), extension_json(&x), e))
		goto out;
	ret = 0;
out:
	store_rollback(st);
	svc_assignment_record_release(&r);
	arena_release(&a);
	return ret;
}

/* ---- 销号 ---- */

int svc_assignment_verify(struct store *st, const struct svc_rctx *rc, int64_t assignment_id,
			  const char *note, struct err *e)
{
	struct svc_assignment_record r;
	const struct store_report *used;
	struct store_verification v;
	char what[256], pbuf[PERIOD_STR_LEN], object[48];
	json_t *after;
	int ret = -1;

	svc_assignment_record_init(&r);
	if (require_office(rc, "销号", e) || begin_act(st, rc, assignment_id, &r, e))
		goto out;
	describe(&r, what, sizeof(what));
	if (act_in_use(st, rc, &r, &used, e))
		goto out;
	if (!used) {
		err_set(e, ERR_CONFLICT, "%s 尚无有效的进展报告，不能销号", what);
		goto out;
	}
	period_format(used->period, pbuf);
	if (used->percent < 100) {
		err_set(e, ERR_CONFLICT, "%s 的最新报告（%s 第 %d 版）完成 %g%%，尚未报告完成，不能销号",
			what, pbuf, used->version, used->percent);
		goto out;
	}
	if (used->review != REVIEW_ACCEPTED || date_cmp(used->reviewed_on, rc->today) > 0) {
		err_set(e, ERR_CONFLICT, "%s 报告完成的报告 %lld（%s 第 %d 版）尚未审核通过，"
			"请先审核（duban review accept %lld）", what, (long long)used->id, pbuf,
			used->version, (long long)used->id);
		goto out;
	}
	if (check_text(note, "销号说明", false, e) ||
	    not_before(rc, used->reviewed_on, "销号", "报告审核通过日期", e))
		goto out;
	memset(&v, 0, sizeof(v));
	v.assignment_id = assignment_id;
	v.on = rc->today;
	v.by = rc->actor->name;
	v.note = note ? note : "";
	if (store_verification_insert(st, &v, e))
		goto out;
	after = assignment_json(&r);
	json_object_set_new(after, "verified_on", jdate(v.on));
	json_object_set_new(after, "report", json_integer(used->id));
	json_object_set_new(after, "note", jstr(v.note));
	assignment_object(assignment_id, object, sizeof(object));
	if (commit_act(st, rc, "assignment.verify", object, NULL, after, e))
		goto out;
	ret = 0;
out:
	store_rollback(st);
	svc_assignment_record_release(&r);
	return ret;
}
