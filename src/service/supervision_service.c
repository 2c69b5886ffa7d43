/* Supervision use cases: issue, reply, close ladder actions; forms; 问责; suggestions accepted or dismissed. */
#include "service/supervision_service.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/audit.h"
#include "service/plan_service.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define TEXT_MAX 20000	/* bytes, each free text */

/* ---- small helpers ---- */

static json_t *jdate(struct date d)
{
	char buf[DATE_ISO_LEN];

	if (!date_is_set(d))
		return json_null();
	date_format_iso(d, buf);
	return json_string(buf);
}

static json_t *jstr(const char *s)
{
	return json_string(s ? s : "");
}

static void iso(struct date d, char buf[DATE_ISO_LEN])
{
	if (date_is_set(d))
		date_format_iso(d, buf);
	else
		snprintf(buf, DATE_ISO_LEN, "%s", "（无）");
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

/* A free text: valid UTF-8, not too long; a required one not blank. */
static int check_text(const char *s, const char *field, bool required, struct err *e)
{
	size_t n = s ? strlen(s) : 0;
	bool blank = true;

	if (s && !utf8_valid(s, n, NULL))
		return err_set(e, ERR_INPUT, "%s不是有效的 UTF-8 文本", field);
	if (n > TEXT_MAX)
		return err_set(e, ERR_INPUT, "%s过长：%zu 字节，上限 %d 字节", field, n, TEXT_MAX);
	for (size_t i = 0; i < n && blank; i++)
		if (!strchr(" \t\r\n", s[i]))
			blank = false;
	if (required && blank)
		return err_set(e, ERR_INPUT, "%s不能为空", field);
	return 0;
}

static const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

/* The plan spec naming plan `id` (plan_service.h: ids below 1900 are ids). */
static void plan_spec_of(int64_t id, char buf[32])
{
	snprintf(buf, 32, "%lld", (long long)id);
}

void svc_action_to_ladder(const struct store_action *x, struct ladder_action *out)
{
	memset(out, 0, sizeof(*out));
	out->id = x->id;
	out->on = x->assignment_id ? LADDER_ON_ASSIGNMENT : LADDER_ON_TASK;
	out->target_id = x->assignment_id ? x->assignment_id : x->task_id;
	out->task_no = x->task_no;
	out->step = x->step;
	out->ground = x->ground;
	out->basis = x->basis;
	out->reason = nz(x->reason);
	out->requirement = nz(x->requirement);
	out->cause = nz(x->cause);
	out->leader = nz(x->leader);
	out->issued_by = x->issued_by;
	out->issued_at = x->issued_on;
	out->reply_due = x->reply_due;
	out->reply = x->reply;
	out->replied_at = x->replied_on;
	out->form_year = x->form_year;
	out->form_seq = x->form_seq;
	out->form_prefix = nz(x->form_prefix);
	out->closed_at = x->closed_on;
}

void svc_action_form_no(const struct store_action *a, char *buf, size_t cap)
{
	ladder_form_number(a->form_kind, a->form_prefix, a->form_year, a->form_seq, buf, cap);
}

/* ---- a plan's supervision as of a day ---- */

void svc_supervision_init(struct svc_supervision *sv)
{
	memset(sv, 0, sizeof(*sv));
	svc_status_init(&sv->st);
	store_action_list_init(&sv->acts);
	store_dismissal_list_init(&sv->dis);
	store_accountability_list_init(&sv->acc);
}

void svc_supervision_release(struct svc_supervision *sv)
{
	svc_status_release(&sv->st);
	store_action_list_release(&sv->acts);
	store_dismissal_list_release(&sv->dis);
	store_accountability_list_release(&sv->acc);
	free(sv->hist);
	free(sv->hist_act);
	free(sv->item_ids);
	free(sv->item_idx);
	free(sv->task_ids);
	svc_supervision_init(sv);
}

/* Sort keys: assignment actions first, by target, then by id. */
struct hist_key {
	int group;		/* 0: on an assignment, 1: on a task */
	int64_t target, id;
	size_t idx;		/* into the action list */
};

static int cmp_hist(const void *pa, const void *pb)
{
	const struct hist_key *a = pa, *b = pb;

	if (a->group != b->group)
		return a->group - b->group;
	if (a->target != b->target)
		return a->target < b->target ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

struct id_idx {
	int64_t id;
	size_t idx;
};

static int cmp_id_idx(const void *a, const void *b)
{
	const struct id_idx *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

int svc_supervision_load(struct store *st, const char *plan_spec, struct date as_of,
			 const struct status_config *cfg, struct svc_supervision *out,
			 struct err *e)
{
	struct store_action_filter f = { 0 };
	struct store_task_ref *refs = NULL;
	struct hist_key *keys;
	struct id_idx *ids;
	size_t nrefs = 0;

	if (svc_status_compute(st, plan_spec, as_of, cfg, &out->st, e))
		return -1;
	f.plan_id = out->st.plan_id;
	if (store_actions_list(st, &f, &out->acts, e) ||
	    store_dismissals_list(st, out->st.plan_id, &out->dis, e) ||
	    store_accountability_list(st, out->st.plan_id, &out->acc, e))
		return -1;
	out->nhist = out->acts.n;
	out->hist_act = xcalloc(out->nhist ? out->nhist : 1, sizeof(*out->hist_act));
	out->hist = xcalloc(out->nhist ? out->nhist : 1, sizeof(*out->hist));
	keys = xcalloc(out->nhist ? out->nhist : 1, sizeof(*keys));
	for (size_t i = 0; i < out->nhist; i++) {
		const struct store_action *x = &out->acts.v[i];

		keys[i].group = x->assignment_id ? 0 : 1;
		keys[i].target = x->assignment_id ? x->assignment_id : x->task_id;
		keys[i].id = x->id;
		keys[i].idx = i;
	}
	if (out->nhist > 1)
		qsort(keys, out->nhist, sizeof(*keys), cmp_hist);
	for (size_t i = 0; i < out->nhist; i++)
		out->hist_act[i] = keys[i].idx;
	free(keys);
	for (size_t k = 0; k < out->nhist; k++) {
		const struct store_action *x = &out->acts.v[out->hist_act[k]];

		svc_action_to_ladder(x, &out->hist[k]);
		if (x->assignment_id)
			out->nassign_hist = k + 1;
	}
	ids = xcalloc(out->st.nitems ? out->st.nitems : 1, sizeof(*ids));
	for (size_t i = 0; i < out->st.nitems; i++) {
		ids[i].id = out->st.items[i].a->a.id;
		ids[i].idx = i;
	}
	if (out->st.nitems > 1)
		qsort(ids, out->st.nitems, sizeof(*ids), cmp_id_idx);
	out->item_ids = xcalloc(out->st.nitems ? out->st.nitems : 1, sizeof(*out->item_ids));
	out->item_idx = xcalloc(out->st.nitems ? out->st.nitems : 1, sizeof(*out->item_idx));
	for (size_t i = 0; i < out->st.nitems; i++) {
		out->item_ids[i] = ids[i].id;
		out->item_idx[i] = ids[i].idx;
	}
	free(ids);
	out->task_ids = xcalloc(out->st.ntasks ? out->st.ntasks : 1, sizeof(*out->task_ids));
	if (store_task_refs(st, out->st.plan_id, &refs, &nrefs, e))
		return -1;
	for (size_t t = 0, k = 0; t < out->st.ntasks; t++) {
		while (k < nrefs && refs[k].no < out->st.tasks[t].task->no)
			k++;
		if (k < nrefs && refs[k].no == out->st.tasks[t].task->no)
			out->task_ids[t] = refs[k].id;
	}
	free(refs);
	return 0;
}

void svc_supervision_history(const struct svc_supervision *sv, enum ladder_target on,
			     int64_t target_id, const struct ladder_action **h, size_t *n)
{
	size_t lo = on == LADDER_ON_ASSIGNMENT ? 0 : sv->nassign_hist;
	size_t hi = on == LADDER_ON_ASSIGNMENT ? sv->nassign_hist : sv->nhist;
	size_t first;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sv->hist[mid].target_id < target_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	hi = on == LADDER_ON_ASSIGNMENT ? sv->nassign_hist : sv->nhist;
	while (lo < hi && sv->hist[lo].target_id == target_id)
		lo++;
	*h = lo > first ? &sv->hist[first] : NULL;
	*n = lo - first;
}

long svc_supervision_item(const struct svc_supervision *sv, int64_t assignment_id)
{
	size_t lo = 0, hi = sv->st.nitems;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sv->item_ids[mid] < assignment_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < sv->st.nitems && sv->item_ids[lo] == assignment_id)
		return (long)sv->item_idx[lo];
	return -1;
}

static struct date item_verified(const struct svc_supervision *sv, size_t i)
{
	struct assignment_facts f;

	svc_status_facts(&sv->st, i, &f);
	return f.verified_at;
}

/* The task (index into sv->st.tasks) numbered `no`, or -1. */
static long task_index_by_no(const struct svc_supervision *sv, int no)
{
	for (size_t t = 0; t < sv->st.ntasks; t++)
		if (sv->st.tasks[t].task->no == no)
			return (long)t;
	return -1;
}

/* The task (index into sv->st.tasks) with this id, or -1. */
static long task_index_by_id(const struct svc_supervision *sv, int64_t id)
{
	for (size_t t = 0; t < sv->st.ntasks; t++)
		if (sv->task_ids[t] == id)
			return (long)t;
	return -1;
}

static struct date task_verified(const struct svc_supervision *sv, size_t t)
{
	const struct svc_status_task *tk = &sv->st.tasks[t];
	struct date latest = DATE_NONE;
	size_t counted = 0;

	for (size_t k = 0; k < tk->n; k++) {
		size_t i = tk->first + k;
		const struct status *s = &sv->st.items[i].st;
		struct date v;

		if (s->lifecycle == LC_NOT_ISSUED || s->lifecycle == LC_WITHDRAWN)
			continue;
		counted++;
		v = item_verified(sv, i);
		if (!date_is_set(v))
			return DATE_NONE;
		if (!date_is_set(latest) || date_cmp(v, latest) > 0)
			latest = v;
	}
	return counted ? latest : DATE_NONE;
}

struct date svc_supervision_verified(const struct svc_supervision *sv, enum ladder_target on,
				     int64_t target_id)
{
	if (on == LADDER_ON_ASSIGNMENT) {
		long i = svc_supervision_item(sv, target_id);

		return i < 0 ? DATE_NONE : item_verified(sv, (size_t)i);
	}
	{
		long t = task_index_by_id(sv, target_id);

		return t < 0 ? DATE_NONE : task_verified(sv, (size_t)t);
	}
}

void svc_supervision_task_state(const struct svc_supervision *sv, size_t t,
				struct ladder_state *out, const struct ladder_action **hist,
				size_t *n)
{
	const struct svc_status_task *tk = &sv->st.tasks[t];
	const struct ladder_action *h;
	size_t hn;
	struct ladder_state s;

	memset(out, 0, sizeof(*out));
	out->top = -1;
	out->first_overdue = -1;
	*hist = NULL;
	*n = 0;
	/* The task's own ladder. */
	svc_supervision_history(sv, LADDER_ON_TASK, sv->task_ids[t], &h, &hn);
	if (hn) {
		ladder_state_at(h, hn, task_verified(sv, t), sv->st.as_of, &s);
		*out = s;
		*hist = h;
		*n = hn;
	}
	for (size_t k = 0; k < tk->n; k++) {
		size_t i = tk->first + k;

		svc_supervision_history(sv, LADDER_ON_ASSIGNMENT, sv->st.items[i].a->a.id, &h, &hn);
		if (!hn)
			continue;
		ladder_state_at(h, hn, item_verified(sv, i), sv->st.as_of, &s);
		if (s.level > out->level) {
			*out = s;
			*hist = h;
			*n = hn;
		}
	}
}

/* ---- issuing ---- */

static json_t *action_json(const struct store_action *x, const char *unit, const char *form_no)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(x->id));
	json_object_set_new(o, "on", json_string(x->assignment_id ? "assignment" : "task"));
	json_object_set_new(o, "assignment", x->assignment_id ? json_integer(x->assignment_id)
							     : json_null());
	json_object_set_new(o, "task", json_integer(x->task_id));
	json_object_set_new(o, "task_no", json_integer(x->task_no));
	json_object_set_new(o, "unit", unit ? json_string(unit) : json_null());
	json_object_set_new(o, "step", json_string(ladder_step_name(x->step)));
	json_object_set_new(o, "ground", jstr(ladder_ground_name(x->ground)));
	json_object_set_new(o, "basis", json_string(ladder_basis_name(x->basis)));
	json_object_set_new(o, "reason", jstr(x->reason));
	json_object_set_new(o, "requirement", jstr(x->requirement));
	json_object_set_new(o, "cause", jstr(x->cause));
	json_object_set_new(o, "leader", jstr(x->leader));
	json_object_set_new(o, "issued_on", jdate(x->issued_on));
	json_object_set_new(o, "reply_due", jdate(x->reply_due));
	json_object_set_new(o, "form_no", jstr(form_no));
	return o;
}

/*
 * Issue `in` on rc->today inside the caller's transaction; `sv` is the
 * target's plan loaded as of that day.
 */
static int issue_locked(struct store *st, const struct svc_rctx *rc,
			const struct svc_action_input *in, const struct svc_supervision *sv,
			struct svc_action_issued *out, struct err *e)
{
	const struct ladder_action *hist;
	struct ladder_action a;
	struct store_action x;
	enum ladder_basis basis;
	enum ladder_form_kind kind;
	const char *unit = NULL;
	struct date verified;
	char object[48], d1[DATE_ISO_LEN];
	json_t *after = NULL;
	size_t nhist;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	memset(&x, 0, sizeof(x));
	if (in->step == STEP_NONE)
		return err_set(e, ERR_INPUT, "没有指定督办措施");
	if (check_text(in->reason, "理由", false, e) ||
	    check_text(in->requirement, "要求", false, e) ||
	    check_text(in->leader, "领导", false, e))
		return -1;
	if (in->assignment_id > 0) {
		long i = svc_supervision_item(sv, in->assignment_id);
		const struct svc_status_item *it;

		if (i < 0)
			return err_set(e, ERR_CONFLICT, "分工 %lld 已撤销（不再是任务的责任分工），不能督办",
				       (long long)in->assignment_id);
		it = &sv->st.items[i];
		if (it->st.lifecycle == LC_NOT_ISSUED) {
			iso(rc->today, d1);
			return err_set(e, ERR_CONFLICT, "分工 %lld 在 %s 尚未交办，不能督办",
				       (long long)in->assignment_id, d1);
		}
		if (it->st.lifecycle == LC_WITHDRAWN)
			return err_set(e, ERR_CONFLICT, "分工 %lld 已改派，不能督办",
				       (long long)in->assignment_id);
		x.assignment_id = in->assignment_id;
		x.task_id = it->a->a.task_id;
		x.task_no = it->a->task_no;
		unit = it->a->a.unit_name;
	} else {
		long t = task_index_by_no(sv, in->task_no);

		if (t < 0 || !sv->task_ids[t])
			return err_set(e, ERR_NOT_FOUND, "清单中没有第 %d 项任务", in->task_no);
		x.task_id = sv->task_ids[t];
		x.task_no = in->task_no;
	}
	x.plan_id = sv->st.plan_id;
	x.step = in->step;
	x.ground = in->ground;
	x.reason = in->reason ? in->reason : "";
	x.requirement = in->requirement ? in->requirement : "";
	x.cause = in->cause ? in->cause : "";
	x.leader = in->leader ? in->leader : "";
	x.issued_by = rc->actor->name;
	x.issued_on = rc->today;
	x.reply_due = in->reply_due;
	if (!date_is_set(x.reply_due) && ladder_step_needs_reply(in->step))
		x.reply_due = date_from_days(date_to_days(rc->today) +
					     ladder_default_reply_days(in->step));
	if (date_is_set(x.reply_due) && !ladder_step_takes_reply(in->step))
		return err_set(e, ERR_INPUT, "%s不设回复期限", ladder_step_label(in->step));
	kind = ladder_step_form(in->step);
	x.form_kind = kind;
	x.form_prefix = "";
	if (kind != FORM_NONE) {
		x.form_year = rc->today.y;
		if (store_form_number_next(st, kind, x.form_year, &x.form_seq, e))
			return -1;
	}
	svc_action_to_ladder(&x, &a);
	a.on = x.assignment_id ? LADDER_ON_ASSIGNMENT : LADDER_ON_TASK;
	a.target_id = x.assignment_id ? x.assignment_id : x.task_id;
	svc_supervision_history(sv, a.on, a.target_id, &hist, &nhist);
	verified = svc_supervision_verified(sv, a.on, a.target_id);
	if (ladder_check(hist, nhist, verified, &a, &basis, e))
		goto out;
	x.basis = basis;
	ladder_judge(hist, nhist, verified, rc->today, in->step, out->why);
	if (store_action_insert(st, &x, e))
		goto out;
	svc_action_form_no(&x, out->form_no, sizeof(out->form_no));
	snprintf(object, sizeof(object), "action:%lld", (long long)x.id);
	after = action_json(&x, unit, out->form_no);
	if (audit_append(st, rc->actor, "action.issue", object, NULL, after, e))
		goto out;
	out->id = x.id;
	out->basis = basis;
	out->reply_due = x.reply_due;
	ret = 0;
out:
	json_decref(after);
	return ret;
}

/* The plan of the target of `in`. */
static int input_plan(struct store *st, const struct svc_action_input *in, int64_t *plan_id,
		      struct err *e)
{
	if (in->assignment_id > 0) {
		struct store_assignment_ctx c;
		bool found;
		int rc;

		store_assignment_ctx_init(&c);
		rc = store_assignment_ctx_get(st, in->assignment_id, &c, &found, e);
		if (!rc && !found)
			rc = err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的责任分工",
				     (long long)in->assignment_id);
		if (!rc)
			*plan_id = c.row.plan_id;
		store_assignment_ctx_release(&c);
		return rc;
	}
	if (in->task_no <= 0)
		return err_set(e, ERR_INPUT, "没有指定督办对象：责任分工或任务序号");
	return svc_plan_resolve(st, in->plan_spec, plan_id, e);
}

int svc_action_issue(struct store *st, const struct svc_rctx *rc,
		     const struct svc_action_input *in, struct svc_action_issued *out,
		     struct err *e)
{
	struct svc_supervision sv;
	char spec[32];
	int64_t plan_id = 0;
	int ret = -1;

	svc_supervision_init(&sv);
	if (require_office(rc, "督办", e) || need_day(rc, e) || store_begin(st, e))
		goto out0;
	if (input_plan(st, in, &plan_id, e))
		goto out;
	plan_spec_of(plan_id, spec);
	if (svc_supervision_load(st, spec, rc->today, NULL, &sv, e) ||
	    issue_locked(st, rc, in, &sv, out, e) || store_commit(st, e))
		goto out;
	ret = 0;
out:
	store_rollback(st);
out0:
	svc_supervision_release(&sv);
	return ret;
}

int svc_action_get(struct store *st, int64_t unit_id, int64_t action_id, struct arena *a,
		   struct store_action *out, struct err *e)
{
	bool found;

	if (store_action_get(st, action_id, a, out, &found, e))
		return -1;
	if (!found || (unit_id > 0 && out->unit_id != unit_id))
		return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的督办事项", (long long)action_id);
	return 0;
}

static json_t *target_json(const struct store_action *x)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(x->id));
	json_object_set_new(o, "step", json_string(ladder_step_name(x->step)));
	json_object_set_new(o, "task_no", json_integer(x->task_no));
	json_object_set_new(o, "assignment", x->assignment_id ? json_integer(x->assignment_id)
							     : json_null());
	return o;
}

int svc_action_reply(struct store *st, const struct svc_rctx *rc, int64_t action_id,
		     const char *text, struct err *e)
{
	struct arena ar = ARENA_INIT;
	struct store_action x;
	struct ladder_action a;
	char object[48];
	json_t *after = NULL;
	int ret = -1;

	arena_init(&ar, 0);
	if (need_day(rc, e) || check_text(text, "回复", true, e) || store_begin(st, e))
		goto out0;
	if (svc_action_get(st, rc->unit_id, action_id, &ar, &x, e))
		goto out;
	svc_action_to_ladder(&x, &a);
	if (ladder_reply_check(&a, text, rc->today, e) ||
	    store_action_reply(st, action_id, text, rc->actor->name, rc->today, false, e))
		goto out;
	after = target_json(&x);
	json_object_set_new(after, "reply", json_string(text));
	json_object_set_new(after, "replied_on", jdate(rc->today));
	snprintf(object, sizeof(object), "action:%lld", (long long)action_id);
	if (audit_append(st, rc->actor, "action.reply", object, NULL, after, e) ||
	    store_commit(st, e))
		goto out;
	ret = 0;
out:
	store_rollback(st);
out0:
	json_decref(after);
	arena_release(&ar);
	return ret;
}

int svc_action_close(struct store *st, const struct svc_rctx *rc, int64_t action_id,
		     const char *note, struct err *e)
{
	struct arena ar = ARENA_INIT;
	struct store_action x;
	struct ladder_action a;
	char object[48];
	json_t *after = NULL;
	int ret = -1;

	arena_init(&ar, 0);
	if (require_office(rc, "办结", e) || need_day(rc, e) ||
	    check_text(note, "办结说明", false, e) || store_begin(st, e))
		goto out0;
	if (svc_action_get(st, 0, action_id, &ar, &x, e))
		goto out;
	svc_action_to_ladder(&x, &a);
	if (ladder_close_check(&a, rc->today, e) ||
	    store_action_close(st, action_id, rc->actor->name, rc->today, note ? note : "", false,
			       e))
		goto out;
	after = target_json(&x);
	json_object_set_new(after, "closed_on", jdate(rc->today));
	json_object_set_new(after, "note", jstr(note));
	snprintf(object, sizeof(object), "action:%lld", (long long)action_id);
	if (audit_append(st, rc->actor, "action.close", object, NULL, after, e) ||
	    store_commit(st, e))
		goto out;
	ret = 0;
out:
	store_rollback(st);
out0:
	json_decref(after);
	arena_release(&ar);
	return ret;
}

/* ---- forms ---- */

/* What a form is about, from the plan: task text, unit, 责任人, office (strings into `a`). */
static int form_subject(struct store *st, int64_t plan_id, int task_no, const char *unit,
			struct arena *a, struct ladder_subject *s, struct err *e)
{
	struct plan_doc doc;
	const struct task *t;
	int ret = -1;

	memset(s, 0, sizeof(*s));
	plan_doc_init(&doc);
	if (store_plan_load(st, plan_id, &doc, e))
		goto out;
	t = svc_task_find(&doc, task_no);
	if (!t) {
		err_set(e, ERR_STORE, "数据库内容不一致：清单 %lld 没有第 %d 项任务",
			(long long)plan_id, task_no);
		goto out;
	}
	s->task_no = task_no;
	s->task_text = arena_strdup(a, t->text ? t->text : "");
	s->unit = arena_strdup(a, unit ? unit : t->nunits ? t->units[0] : "");
	s->person = t->leader && *t->leader ? arena_strdup(a, t->leader) : NULL;
	s->office = doc.plan.issuer && *doc.plan.issuer
			    ? arena_printf(a, "%s督查室", doc.plan.issuer)
			    : NULL;
	ret = 0;
out:
	plan_doc_release(&doc);
	return ret;
}

int svc_action_form(struct store *st, int64_t action_id, struct arena *a, struct ladder_form *out,
		    struct err *e)
{
	struct store_action x;
	struct ladder_action la;
	struct ladder_subject s;

	if (svc_action_get(st, 0, action_id, a, &x, e))
		return -1;
	if (x.form_kind == FORM_NONE)
		return err_set(e, ERR_INPUT, "督办事项 %lld 是%s，没有编号的文书（只有催办、督查单和提级督办有）",
			       (long long)action_id, ladder_step_label(x.step));
	if (form_subject(st, x.plan_id, x.task_no, x.unit_name, a, &s, e))
		return -1;
	svc_action_to_ladder(&x, &la);
	ladder_form_build(&la, &s, out);
	return 0;
}

int svc_handover_form(struct store *st, const struct svc_rctx *rc, int64_t assignment_id,
		      struct arena *a, struct ladder_form *out, bool *fresh, struct err *e)
{
	struct svc_assignment_record r;
	struct store_handover_form hf;
	struct ladder_subject s;
	bool found, tx = false;
	json_t *after = NULL;
	char object[48];
	int ret = -1;

	*fresh = false;
	svc_assignment_record_init(&r);
	memset(&hf, 0, sizeof(hf));
	if (svc_assignment_record_load(st, rc->unit_id, assignment_id, &r, e) ||
	    store_handover_form_get(st, assignment_id, a, &hf, &found, e))
		goto out;
	if (!found) {
		if (r.ctx.row.a.flags & ASSIGN_RETIRED) {
			err_set(e, ERR_CONFLICT, "分工 %lld 已撤销，不再出具交办单",
				(long long)assignment_id);
			goto out;
		}
		if (!date_is_set(r.handed_over)) {
			err_set(e, ERR_INPUT, "分工 %lld 没有交办日期（清单无年份和成文日期）",
				(long long)assignment_id);
			goto out;
		}
		if (require_office(rc, "出具交办单", e) || store_begin(st, e))
			goto out;
		tx = true;
		/* Read again inside the transaction: another writer may have numbered it. */
		if (store_handover_form_get(st, assignment_id, a, &hf, &found, e))
			goto out;
		if (!found) {
			hf.assignment_id = assignment_id;
			hf.form_prefix = "";
			hf.form_year = r.handed_over.y;
			hf.issued_by = rc->actor->name;
			if (store_form_number_next(st, FORM_HANDOVER, hf.form_year, &hf.form_seq, e) ||
			    store_handover_form_insert(st, &hf, e))
				goto out;
			after = json_object();
			json_object_set_new(after, "assignment", json_integer(assignment_id));
			json_object_set_new(after, "form_year", json_integer(hf.form_year));
			json_object_set_new(after, "form_seq", json_integer(hf.form_seq));
			snprintf(object, sizeof(object), "assignment:%lld", (long long)assignment_id);
			if (audit_append(st, rc->actor, "assignment.handover_form", object, NULL, after,
					 e))
				goto out;
			*fresh = true;
		}
		if (store_commit(st, e))
			goto out;
		tx = false;
	}
	if (form_subject(st, r.ctx.row.plan_id, r.ctx.row.task_no, r.ctx.row.a.unit_name, a, &s,
			 e))
		goto out;
	ladder_form_handover(&s, r.handed_over, r.due, hf.form_seq, nz(hf.form_prefix), NULL, out);
	ret = 0;
out:
	if (tx)
		store_rollback(st);
	json_decref(after);
	svc_assignment_record_release(&r);
	return ret;
}

/* ---- 问责 ---- */

int svc_accountability_add(struct store *st, const struct svc_rctx *rc,
			   const struct svc_accountability_input *in, int64_t *id,
			   struct err *e)
{
	struct arena ar = ARENA_INIT;
	struct store_action x;
	struct store_action_list l;
	struct store_action_filter f = { 0 };
	struct ladder_action *hist = NULL;
	struct accountability r;
	struct store_accountability sr;
	char object[48];
	json_t *after = NULL;
	int ret = -1;

	arena_init(&ar, 0);
	store_action_list_init(&l);
	if (require_office(rc, "问责", e) || need_day(rc, e) ||
	    check_text(in->measure_text, "问责方式说明", false, e) ||
	    check_text(in->subject, "问责对象", false, e) ||
	    check_text(in->doc_no, "文号", false, e) || store_begin(st, e))
		goto out0;
	if (svc_action_get(st, 0, in->action_id, &ar, &x, e))
		goto out;
	if (x.assignment_id)
		f.assignment_id = x.assignment_id;
	else
		f.task_id = x.task_id;
	if (store_actions_list(st, &f, &l, e))
		goto out;
	hist = xcalloc(l.n ? l.n : 1, sizeof(*hist));
	for (size_t i = 0; i < l.n; i++)
		svc_action_to_ladder(&l.v[i], &hist[i]);
	if (x.assignment_id == 0) {
		/* the task's own ladder only */
		size_t k = 0;

		for (size_t i = 0; i < l.n; i++)
			if (!l.v[i].assignment_id)
				hist[k++] = hist[i];
		l.n = k;
	}
	memset(&r, 0, sizeof(r));
	r.action_id = x.id;
	r.on = x.assignment_id ? LADDER_ON_ASSIGNMENT : LADDER_ON_TASK;
	r.target_id = x.assignment_id ? x.assignment_id : x.task_id;
	r.task_no = x.task_no;
	r.ground = in->ground != GROUND_NONE ? in->ground : x.ground;
	r.measure = in->measure;
	r.measure_text = nz(in->measure_text);
	r.subject = nz(in->subject);
	r.decided_on = rc->today;
	r.doc_no = nz(in->doc_no);
	r.decided_by = rc->actor->name;
	if (accountability_check(&r, hist, l.n, e))
		goto out;
	memset(&sr, 0, sizeof(sr));
	sr.action_id = r.action_id;
	sr.ground = r.ground;
	sr.measure = r.measure;
	sr.measure_text = in->measure_text ? in->measure_text : "";
	sr.subject = in->subject ? in->subject : "";
	sr.decided_on = r.decided_on;
	sr.doc_no = in->doc_no;
	sr.decided_by = r.decided_by;
	if (store_accountability_insert(st, &sr, e))
		goto out;
	after = json_object();
	json_object_set_new(after, "id", json_integer(sr.id));
	json_object_set_new(after, "action", json_integer(sr.action_id));
	json_object_set_new(after, "task_no", json_integer(x.task_no));
	json_object_set_new(after, "unit", x.unit_name ? json_string(x.unit_name) : json_null());
	json_object_set_new(after, "ground", json_string(ladder_ground_name(sr.ground)));
	json_object_set_new(after, "measure", json_string(account_measure_name(sr.measure)));
	json_object_set_new(after, "measure_text", jstr(sr.measure_text));
	json_object_set_new(after, "subject", jstr(sr.subject));
	json_object_set_new(after, "decided_on", jdate(sr.decided_on));
	json_object_set_new(after, "doc_no", jstr(sr.doc_no));
	snprintf(object, sizeof(object), "accountability:%lld", (long long)sr.id);
	if (audit_append(st, rc->actor, "accountability.add", object, NULL, after, e) ||
	    store_commit(st, e))
		goto out;
	*id = sr.id;
	ret = 0;
out:
	store_rollback(st);
out0:
	json_decref(after);
	free(hist);
	store_action_list_release(&l);
	arena_release(&ar);
	return ret;
}

/* ---- suggestions ---- */

void svc_suggestions_init(struct svc_suggestions *s)
{
	memset(s, 0, sizeof(*s));
	svc_supervision_init(&s->sv);
}

void svc_suggestions_release(struct svc_suggestions *s)
{
	svc_supervision_release(&s->sv);
	free(s->in);
	free(s->dis);
	suggestions_release(&s->list);
	svc_suggestions_init(s);
}

/* Suggestions for the plan loaded in s->sv, as of its day. */
static void suggest_loaded(struct svc_suggestions *s)
{
	const struct svc_supervision *sv = &s->sv;
	size_t n = sv->st.nitems;

	s->in = xcalloc(n ? n : 1, sizeof(*s->in));
	for (size_t i = 0; i < n; i++) {
		const struct svc_status_item *it = &sv->st.items[i];
		struct suggest_input *x = &s->in[i];

		x->assignment_id = it->a->a.id;
		x->task_no = it->a->task_no;
		x->unit = it->a->a.unit_name;
		x->status = &it->st;
		x->cal = &sv->st.cal;
		svc_supervision_history(sv, LADDER_ON_ASSIGNMENT, x->assignment_id, &x->actions,
					&x->nactions);
		x->verified_at = item_verified(sv, i);
	}
	s->dis = xcalloc(sv->dis.n ? sv->dis.n : 1, sizeof(*s->dis));
	for (size_t i = 0; i < sv->dis.n; i++) {
		s->dis[i].assignment_id = sv->dis.v[i].assignment_id;
		s->dis[i].key = sv->dis.v[i].key;
		s->dis[i].dismissed_at = sv->dis.v[i].on;
	}
	suggest_run(s->in, n, s->dis, sv->dis.n, sv->st.as_of, &s->list);
}

int svc_suggest(struct store *st, const char *plan_spec, struct date as_of,
		const struct status_config *cfg, struct svc_suggestions *out, struct err *e)
{
	if (svc_supervision_load(st, plan_spec, as_of, cfg, &out->sv, e))
		return -1;
	suggest_loaded(out);
	return 0;
}

void svc_suggestion_handle(const struct suggestion *s, char *buf, size_t cap)
{
	size_t n = strcspn(s->keys, ";");

	snprintf(buf, cap, "%lld/%.*s", (long long)s->assignment_id, (int)n, s->keys);
}

/* The suggestion `handle` names, or ERR_NOT_FOUND / ERR_USAGE-like ERR_INPUT. */
static int find_suggestion(const struct svc_suggestions *s, const char *handle,
			   const struct suggestion **out, struct err *e)
{
	const char *slash = handle ? strchr(handle, '/') : NULL;
	char *end = NULL;
	long long id;

	*out = NULL;
	if (!slash || slash == handle || !slash[1])
		return err_set(e, ERR_INPUT, "建议编号“%s”无效：应为“分工ID/原因”，如 1133/report:2022-06",
			       handle ? handle : "");
	id = strtoll(handle, &end, 10);
	if (end != slash || id <= 0)
		return err_set(e, ERR_INPUT, "建议编号“%s”无效：斜杠前应为分工 ID", handle);
	for (size_t k = 0; k < s->list.n; k++) {
		const struct suggestion *g = &s->list.v[k];

		if (g->assignment_id == id && suggest_keys_contain(g->keys, slash + 1)) {
			*out = g;
			return 0;
		}
	}
	return err_set(e, ERR_NOT_FOUND, "当前没有“%s”这条督办建议（可能已采纳、已不予采纳或情况已变化；"
		       "见 duban suggest）", handle);
}

/* Open a transaction and compute the suggestions of `plan_spec` as of rc->today. */
static int begin_suggest(struct store *st, const struct svc_rctx *rc, const char *plan_spec,
			 const struct status_config *cfg, struct svc_suggestions *s,
			 struct err *e)
{
	if (require_office(rc, "督办建议的采纳与否", e) || need_day(rc, e) || store_begin(st, e))
		return -1;
	return svc_suggest(st, plan_spec, rc->today, cfg, s, e);
}

int svc_suggest_accept(struct store *st, const struct svc_rctx *rc, const char *plan_spec,
		       const struct status_config *cfg, const char *handle,
		       struct svc_action_issued *issued, struct err *e)
{
	struct svc_suggestions s;
	const struct suggestion *g;
	struct svc_action_input in;
	int ret = -1;

	svc_suggestions_init(&s);
	if (begin_suggest(st, rc, plan_spec, cfg, &s, e) || find_suggestion(&s, handle, &g, e))
		goto out;
	memset(&in, 0, sizeof(in));
	in.assignment_id = g->assignment_id;
	in.step = g->step;
	in.ground = g->ground;
	in.reply_due = g->reply_due;
	in.reason = g->reason;
	in.cause = g->keys;
	if (issue_locked(st, rc, &in, &s.sv, issued, e) || store_commit(st, e))
		goto out;
	ret = 0;
out:
	store_rollback(st);
	svc_suggestions_release(&s);
	return ret;
}

int svc_suggest_dismiss(struct store *st, const struct svc_rctx *rc, const char *plan_spec,
			const struct status_config *cfg, const char *handle, const char *note,
			size_t *nkeys, struct err *e)
{
	struct svc_suggestions s;
	const struct suggestion *g;
	char object[48];
	json_t *after = NULL, *keys;
	int ret = -1;

	*nkeys = 0;
	svc_suggestions_init(&s);
	if (check_text(note, "说明", false, e) || begin_suggest(st, rc, plan_spec, cfg, &s, e) ||
	    find_suggestion(&s, handle, &g, e))
		goto out;
	after = json_object();
	keys = json_array();
	json_object_set_new(after, "assignment", json_integer(g->assignment_id));
	json_object_set_new(after, "step", json_string(ladder_step_name(g->step)));
	json_object_set_new(after, "keys", keys);
	json_object_set_new(after, "dismissed_on", jdate(rc->today));
	json_object_set_new(after, "note", jstr(note));
	for (const char *p = g->keys; *p;) {
		size_t n = strcspn(p, ";");
		char key[SUGGEST_KEYS_MAX];
		struct store_dismissal d;

		snprintf(key, sizeof(key), "%.*s", (int)n, p);
		p += n;
		if (*p == ';')
			p++;
		if (!*key)
			continue;
		memset(&d, 0, sizeof(d));
		d.assignment_id = g->assignment_id;
		d.key = key;
		d.by = rc->actor->name;
		d.on = rc->today;
		d.note = note ? note : "";
		if (store_dismissal_insert(st, &d, e))
			goto out;
		json_array_append_new(keys, json_string(key));
		(*nkeys)++;
	}
	snprintf(object, sizeof(object), "assignment:%lld", (long long)g->assignment_id);
	if (audit_append(st, rc->actor, "suggestion.dismiss", object, NULL, after, e) ||
	    store_commit(st, e))
		goto out;
	ret = 0;
out:
	store_rollback(st);
	json_decref(after);
	svc_suggestions_release(&s);
	return ret;
}
