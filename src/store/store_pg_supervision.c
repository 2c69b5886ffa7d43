/* The PostgreSQL backend's supervision: ladder actions, form numbers, 问责, dismissals, rules, appeals, bulletins (schema levels 6-8). */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_internal.h"
#include "store/store_supervision_impl.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* The time of record, as store_now() gives it. */
#define NOW PG_NOW_MS

/* The unit of assignment alias `a` (NULL when there is none: an action on a task). */
#define UNIT_JOINS                                                                    \
	" LEFT JOIN assignments a ON a.id = x.assignment_id"                         \
	" LEFT JOIN task_units tu ON tu.task_id = a.task_id AND tu.position = a.position" \
	" LEFT JOIN units w ON w.id = tu.unit_id"                                     \
	" LEFT JOIN org_units o ON o.id = a.unit_id"
#define UNIT_NAME " CASE WHEN a.id IS NULL THEN NULL ELSE coalesce(o.name, w.name) END"

/* ---- SQL ---- */

#define ACTION_COLS                                                                        \
	"SELECT x.id, x.task_id, x.assignment_id, x.step, x.ground, x.basis, x.reason,"        \
	" x.requirement, x.cause, x.leader, x.issued_by, x.issued_on, x.reply_due, x.form_kind," \
	" x.form_prefix, x.form_year, x.form_seq, x.recorded_at, x.sample, t.plan_id, t.no,"   \
	" a.unit_id," UNIT_NAME ", r.reply, r.replied_by, r.replied_on, r.recorded_at,"        \
	" c.closed_on, c.closed_by, c.note, c.recorded_at"                                     \
	" FROM actions x JOIN tasks t ON t.id = x.task_id" UNIT_JOINS                          \
	" LEFT JOIN action_replies r ON r.action_id = x.id"                                    \
	" LEFT JOIN action_closings c ON c.action_id = x.id"
static const char sql_actions_list[] =
	ACTION_COLS " WHERE ($1::bigint = 0 OR t.plan_id = $1::bigint)"
	" AND ($2::bigint = 0 OR x.task_id = $2::bigint)"
	" AND ($3::bigint = 0 OR x.assignment_id = $3::bigint) ORDER BY x.id";
static const char sql_action_get[] = ACTION_COLS " WHERE x.id = $1";
/* One statement: of two issues at once (in any instance) each gets its own number. */
static const char sql_form_next[] =
	"INSERT INTO form_counters (kind, year, last_seq) VALUES ($1, $2, 1)"
	" ON CONFLICT (kind, year) DO UPDATE SET last_seq = form_counters.last_seq + 1"
	" RETURNING last_seq";
static const char sql_action_insert[] =
	"INSERT INTO actions (task_id, assignment_id, step, ground, basis, reason, requirement,"
	" cause, leader, issued_by, issued_on, reply_due, form_kind, form_prefix, form_year,"
	" form_seq, recorded_at, sample) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
	" $12, $13, $14, $15, $16, " NOW ", $17) RETURNING id";
static const char sql_reply_insert[] =
	"INSERT INTO action_replies (action_id, reply, replied_by, replied_on, recorded_at, sample)"
	" VALUES ($1, $2, $3, $4, " NOW ", $5)";
static const char sql_close_insert[] =
	"INSERT INTO action_closings (action_id, closed_by, closed_on, note, recorded_at, sample)"
	" VALUES ($1, $2, $3, $4, " NOW ", $5)";

static const char sql_handover_get[] =
	"SELECT assignment_id, form_prefix, form_year, form_seq, issued_by, recorded_at"
	" FROM handover_forms WHERE assignment_id = $1";
static const char sql_handover_insert[] =
	"INSERT INTO handover_forms (assignment_id, form_prefix, form_year, form_seq, issued_by,"
	" recorded_at) VALUES ($1, $2, $3, $4, $5, " NOW ")";

static const char sql_account_list[] =
	"SELECT k.id, k.action_id, k.ground, k.measure, k.measure_text, k.subject, k.decided_on,"
	" k.doc_no, k.decided_by, k.recorded_at, k.sample, t.plan_id, x.task_id, x.assignment_id,"
	" t.no, a.unit_id," UNIT_NAME
	" FROM accountability k JOIN actions x ON x.id = k.action_id"
	" JOIN tasks t ON t.id = x.task_id" UNIT_JOINS
	" WHERE ($1::bigint = 0 OR t.plan_id = $1::bigint) ORDER BY k.id";
static const char sql_account_insert[] =
	"INSERT INTO accountability (action_id, ground, measure, measure_text, subject, decided_on,"
	" doc_no, decided_by, recorded_at, sample) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, " NOW
	", $9) RETURNING id";

static const char sql_dismissals_list[] =
	"SELECT d.assignment_id, d.cause_key, d.dismissed_by, d.dismissed_on, d.note, d.recorded_at"
	" FROM suggestion_dismissals d JOIN assignments a ON a.id = d.assignment_id"
	" JOIN tasks t ON t.id = a.task_id WHERE t.plan_id = $1"
	" ORDER BY d.assignment_id, d.cause_key COLLATE \"C\"";
static const char sql_dismissal_insert[] =
	"INSERT INTO suggestion_dismissals (assignment_id, cause_key, dismissed_by, dismissed_on,"
	" note, recorded_at) VALUES ($1, $2, $3, $4, $5, " NOW ")";

static const char sql_rules_get[] =
	"SELECT year, rules, set_by, updated_at FROM assess_rules WHERE year = $1";
static const char sql_rules_set[] =
	"INSERT INTO assess_rules (year, rules, set_by, updated_at) VALUES ($1, $2, $3, " NOW ")"
	" ON CONFLICT (year) DO UPDATE SET rules = excluded.rules, set_by = excluded.set_by,"
	" updated_at = excluded.updated_at";

#define APPEAL_COLS                                                                        \
	"SELECT p.id, p.year, p.unit_id, p.line_key, p.reason, p.orig_cp, p.filed_by,"        \
	" p.filed_on, p.recorded_at, p.state, p.corrected_cp, p.decision_note, p.decided_by,"  \
	" p.decided_on, p.decided_recorded_at, o.name FROM appeals p"                         \
	" JOIN org_units o ON o.id = p.unit_id"
static const char sql_appeals_list[] =
	APPEAL_COLS " WHERE ($1::bigint = 0 OR p.year = $1::bigint) ORDER BY p.id";
static const char sql_appeal_get[] = APPEAL_COLS " WHERE p.id = $1";
static const char sql_appeal_insert[] =
	"INSERT INTO appeals (year, unit_id, line_key, reason, orig_cp, filed_by, filed_on,"
	" recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, " NOW ") RETURNING id";
/* The state is checked in the UPDATE itself: of two concurrent decisions one changes the row. */
static const char sql_appeal_decide[] =
	"UPDATE appeals SET state = $2, corrected_cp = $3, decision_note = $4, decided_by = $5,"
	" decided_on = $6, decided_recorded_at = " NOW " WHERE id = $1 AND state = 'pending'";
static const char sql_appeal_exists[] = "SELECT count(*) FROM appeals WHERE id = $1";

static const char sql_bulletins_list[] =
	"SELECT id, plan_id, period, as_of, issue_no, summary, issued_by, recorded_at"
	" FROM bulletins WHERE plan_id = $1 ORDER BY as_of COLLATE \"C\", id";
static const char sql_bulletin_insert[] =
	"INSERT INTO bulletins (plan_id, period, as_of, issue_no, summary, issued_by, recorded_at)"
	" VALUES ($1, $2, $3, $4, $5, $6, " NOW ") RETURNING id";

static const char sql_verified_values[] =
	"SELECT r.assignment_id, r.period, r.version, v.seq, v.actual FROM report_values v"
	" JOIN reports r ON r.id = v.report_id"
	" JOIN verifications z ON z.assignment_id = r.assignment_id"
	" JOIN assignments a ON a.id = r.assignment_id JOIN tasks t ON t.id = a.task_id"
	" WHERE t.plan_id = $1 ORDER BY r.assignment_id, r.period COLLATE \"C\", r.version, v.seq";

/* ---- helpers ---- */

static const char *form_code(enum ladder_form_kind k)
{
	switch (k) {
	case FORM_HANDOVER:
		return "handover";
	case FORM_URGE:
		return "urge";
	case FORM_NOTICE:
		return "notice";
	case FORM_NONE:
		break;
	}
	return "";
}

static int form_parse(const char *s, enum ladder_form_kind *out)
{
	static const enum ladder_form_kind all[] = { FORM_NONE, FORM_HANDOVER, FORM_URGE,
						     FORM_NOTICE };

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		if (s && !strcmp(s, form_code(all[i]))) {
			*out = all[i];
			return 0;
		}
	}
	return -1;
}

static int basis_parse(const char *s, enum ladder_basis *out)
{
	static const enum ladder_basis all[] = { LADDER_FREE, LADDER_TIMEOUT, LADDER_DECISION };

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		if (s && !strcmp(s, ladder_basis_name(all[i]))) {
			*out = all[i];
			return 0;
		}
	}
	return -1;
}

static int col_ground(struct pg_store *ps, const PGresult *r, int row, int col,
		      enum ladder_ground *out, struct err *e)
{
	const char *t = pg_col_text(r, row, col);

	*out = GROUND_NONE;
	if (t && !*t)
		return 0;
	if (!t || ladder_ground_parse(t, out))
		return pg_bad_content(ps, "督办事由", t, e);
	return 0;
}

/* ---- actions ---- */

static int read_action(struct pg_store *ps, const PGresult *r, int i, struct arena *a,
		       struct store_action *x, struct err *e)
{
	const char *step = pg_col_text(r, i, 3);

	memset(x, 0, sizeof(*x));
	x->id = pg_col_int(r, i, 0);
	x->task_id = pg_col_int(r, i, 1);
	x->assignment_id = pg_col_int(r, i, 2);
	if (!step || ladder_step_parse(step, &x->step) || x->step == STEP_NONE)
		return pg_bad_content(ps, "督办措施", step, e);
	if (col_ground(ps, r, i, 4, &x->ground, e))
		return -1;
	if (basis_parse(pg_col_text(r, i, 5), &x->basis))
		return pg_bad_content(ps, "督办依据", pg_col_text(r, i, 5), e);
	x->reason = pg_col_dup0(r, i, 6, a);
	x->requirement = pg_col_dup0(r, i, 7, a);
	x->cause = pg_col_dup0(r, i, 8, a);
	x->leader = pg_col_dup0(r, i, 9, a);
	x->issued_by = pg_col_dup0(r, i, 10, a);
	if (pg_col_date(ps, r, i, 11, &x->issued_on, "下发日期", e) ||
	    pg_col_date(ps, r, i, 12, &x->reply_due, "回复期限", e))
		return -1;
	if (form_parse(pg_col_text(r, i, 13), &x->form_kind))
		return pg_bad_content(ps, "文书种类", pg_col_text(r, i, 13), e);
	x->form_prefix = pg_col_dup0(r, i, 14, a);
	x->form_year = (int)pg_col_int(r, i, 15);
	x->form_seq = (int)pg_col_int(r, i, 16);
	x->recorded_at = pg_col_dup0(r, i, 17, a);
	x->sample = pg_col_int(r, i, 18) != 0;
	x->plan_id = pg_col_int(r, i, 19);
	x->task_no = (int)pg_col_int(r, i, 20);
	x->unit_id = pg_col_int(r, i, 21);
	x->unit_name = pg_col_dup(r, i, 22, a);
	x->reply = pg_col_dup(r, i, 23, a);
	x->replied_by = pg_col_dup(r, i, 24, a);
	if (pg_col_date(ps, r, i, 25, &x->replied_on, "回复日期", e))
		return -1;
	x->reply_recorded_at = pg_col_dup(r, i, 26, a);
	if (pg_col_date(ps, r, i, 27, &x->closed_on, "办结日期", e))
		return -1;
	x->closed_by = pg_col_dup(r, i, 28, a);
	x->close_note = pg_col_dup(r, i, 29, a);
	x->closed_recorded_at = pg_col_dup(r, i, 30, a);
	return 0;
}

static int pg_actions_list(struct store *st, const struct store_action_filter *f,
			   struct store_action_list *out, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct pg_params p;
	PGresult *r;
	size_t alloc = out->n;
	int ret = -1;

	pg_p_init(&p);
	pg_p_int(&p, f ? f->plan_id : 0);
	pg_p_int(&p, f ? f->task_id : 0);
	pg_p_int(&p, f ? f->assignment_id : 0);
	if (!(r = pg_run(ps, sql_actions_list, &p, "读取督办事项", e)))
		return -1;
	for (int i = 0; i < PQntuples(r); i++) {
		ALLOC_GROW(out->v, out->n + 1, alloc);
		if (read_action(ps, r, i, &out->arena, &out->v[out->n], e))
			goto out;
		out->n++;
	}
	ret = 0;
out:
	PQclear(r);
	return ret;
}

static int pg_action_get(struct store *st, int64_t id, struct arena *a, struct store_action *out,
			 bool *found, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	PGresult *r = pg_run_id(ps, sql_action_get, id, "读取督办事项", e);
	int ret = 0;

	if (!r)
		return -1;
	if (PQntuples(r)) {
		ret = read_action(ps, r, 0, a, out, e);
		*found = !ret;
	}
	PQclear(r);
	return ret;
}

static int pg_form_number_next(struct store *st, enum ladder_form_kind k, int year, int *seq,
			       struct err *e)
{
	struct pg_params p;
	int64_t v;

	pg_p_init(&p);
	pg_p_text0(&p, form_code(k));
	pg_p_int(&p, year);
	if (pg_query_int(pg_of(st), sql_form_next, &p, &v, "分配文书编号", e))
		return -1;
	*seq = (int)v;
	return 0;
}

static int pg_action_insert(struct store *st, struct store_action *a, struct err *e)
{
	struct pg_params p;
	PGresult *r;

	pg_p_init(&p);
	pg_p_int(&p, a->task_id);
	pg_p_id0(&p, a->assignment_id);
	pg_p_text0(&p, ladder_step_name(a->step));
	pg_p_text0(&p, ladder_ground_name(a->ground));
	pg_p_text0(&p, ladder_basis_name(a->basis));
	pg_p_text0(&p, a->reason);
	pg_p_text0(&p, a->requirement);
	pg_p_text0(&p, a->cause);
	pg_p_text0(&p, a->leader);
	pg_p_text0(&p, a->issued_by);
	pg_p_date(&p, a->issued_on);
	pg_p_date(&p, a->reply_due);
	pg_p_text0(&p, form_code(a->form_kind));
	pg_p_text0(&p, a->form_prefix);
	if (a->form_kind != FORM_NONE) {
		pg_p_int(&p, a->form_year);
		pg_p_int(&p, a->form_seq);
	} else {
		pg_p_null(&p);
		pg_p_null(&p);
	}
	pg_p_int(&p, a->sample ? 1 : 0);
	r = pg_run_map(pg_of(st), sql_action_insert, &p, "记录督办事项", "文书编号已被使用",
		       "没有这项任务或责任分工", e);
	if (!r)
		return -1;
	a->id = pg_col_int(r, 0, 0);
	PQclear(r);
	return 0;
}

static int pg_action_reply(struct store *st, int64_t id, const char *reply, const char *by,
			   struct date on, bool sample, struct err *e)
{
	struct pg_params p;

	pg_p_init(&p);
	pg_p_int(&p, id);
	pg_p_text0(&p, reply);
	pg_p_text0(&p, by);
	pg_p_date(&p, on);
	pg_p_int(&p, sample ? 1 : 0);
	return pg_cmd(pg_of(st), sql_reply_insert, &p, "记录回复", "该督办事项已有回复",
		      "没有这项督办事项", NULL, e);
}

static int pg_action_close(struct store *st, int64_t id, const char *by, struct date on,
			   const char *note, bool sample, struct err *e)
{
	struct pg_params p;

	pg_p_init(&p);
	pg_p_int(&p, id);
	pg_p_text0(&p, by);
	pg_p_date(&p, on);
	pg_p_text0(&p, note);
	pg_p_int(&p, sample ? 1 : 0);
	return pg_cmd(pg_of(st), sql_close_insert, &p, "办结督办事项", "该督办事项已办结",
		      "没有这项督办事项", NULL, e);
}

/* ---- 交办单 numbers ---- */

static int pg_handover_form_get(struct store *st, int64_t assignment_id, struct arena *a,
				struct store_handover_form *out, bool *found, struct err *e)
{
	PGresult *r = pg_run_id(pg_of(st), sql_handover_get, assignment_id, "读取交办单编号", e);

	if (!r)
		return -1;
	if (PQntuples(r)) {
		memset(out, 0, sizeof(*out));
		out->assignment_id = pg_col_int(r, 0, 0);
		out->form_prefix = pg_col_dup0(r, 0, 1, a);
		out->form_year = (int)pg_col_int(r, 0, 2);
		out->form_seq = (int)pg_col_int(r, 0, 3);
		out->issued_by = pg_col_dup0(r, 0, 4, a);
		out->recorded_at = pg_col_dup0(r, 0, 5, a);
		*found = true;
	}
	PQclear(r);
	return 0;
}

static int pg_handover_form_insert(struct store *st, const struct store_handover_form *f,
				   struct err *e)
{
	struct pg_params p;

	pg_p_init(&p);
	pg_p_int(&p, f->assignment_id);
	pg_p_text0(&p, f->form_prefix);
	pg_p_int(&p, f->form_year);
	pg_p_int(&p, f->form_seq);
	pg_p_text0(&p, f->issued_by);
	return pg_cmd(pg_of(st), sql_handover_insert, &p, "记录交办单编号",
		      "该分工已有交办单编号，或编号已被使用", "没有这项责任分工", NULL, e);
}

/* ---- 问责 ---- */

static int pg_accountability_list(struct store *st, int64_t plan_id,
				   struct store_accountability_list *out, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	PGresult *r = pg_run_id(ps, sql_account_list, plan_id, "读取问责记录", e);
	size_t alloc = out->n;
	int ret = -1;

	if (!r)
		return -1;
	for (int i = 0; i < PQntuples(r); i++) {
		struct store_accountability *k;
		const char *measure = pg_col_text(r, i, 3);

		ALLOC_GROW(out->v, out->n + 1, alloc);
		k = &out->v[out->n];
		memset(k, 0, sizeof(*k));
		k->id = pg_col_int(r, i, 0);
		k->action_id = pg_col_int(r, i, 1);
		if (col_ground(ps, r, i, 2, &k->ground, e))
			goto out;
		if (!measure || account_measure_parse(measure, &k->measure)) {
			pg_bad_content(ps, "问责方式", measure, e);
			goto out;
		}
		k->measure_text = pg_col_dup0(r, i, 4, &out->arena);
		k->subject = pg_col_dup0(r, i, 5, &out->arena);
		if (pg_col_date(ps, r, i, 6, &k->decided_on, "问责日期", e))
			goto out;
		k->doc_no = pg_col_dup0(r, i, 7, &out->arena);
		k->decided_by = pg_col_dup0(r, i, 8, &out->arena);
		k->recorded_at = pg_col_dup0(r, i, 9, &out->arena);
		k->sample = pg_col_int(r, i, 10) != 0;
		k->plan_id = pg_col_int(r, i, 11);
		k->task_id = pg_col_int(r, i, 12);
		k->assignment_id = pg_col_int(r, i, 13);
		k->task_no = (int)pg_col_int(r, i, 14);
		k->unit_id = pg_col_int(r, i, 15);
		k->unit_name = pg_col_dup(r, i, 16, &out->arena);
		out->n++;
	}
	ret = 0;
out:
	PQclear(r);
	return ret;
}

static int pg_accountability_insert(struct store *st, struct store_accountability *k,
				    struct err *e)
{
	struct pg_params p;
	PGresult *r;

	pg_p_init(&p);
	pg_p_int(&p, k->action_id);
	pg_p_text0(&p, ladder_ground_name(k->ground));
	pg_p_text0(&p, account_measure_name(k->measure));
	pg_p_text0(&p, k->measure_text);
	pg_p_text0(&p, k->subject);
	pg_p_date(&p, k->decided_on);
	pg_p_text0(&p, k->doc_no);
	pg_p_text0(&p, k->decided_by);
	pg_p_int(&p, k->sample ? 1 : 0);
	r = pg_run_map(pg_of(st), sql_account_insert, &p, "记录问责", NULL, "没有这项督办事项", e);
	if (!r)
		return -1;
	k->id = pg_col_int(r, 0, 0);
	PQclear(r);
	return 0;
}

/* ---- dismissals ---- */

static int pg_dismissals_list(struct store *st, int64_t plan_id, struct store_dismissal_list *out,
			      struct err *e)
{
	struct pg_store *ps = pg_of(st);
	PGresult *r = pg_run_id(ps, sql_dismissals_list, plan_id, "读取不予采纳的建议", e);
	size_t alloc = out->n;
	int ret = -1;

	if (!r)
		return -1;
	for (int i = 0; i < PQntuples(r); i++) {
		struct store_dismissal *d;

		ALLOC_GROW(out->v, out->n + 1, alloc);
		d = &out->v[out->n];
		memset(d, 0, sizeof(*d));
		d->assignment_id = pg_col_int(r, i, 0);
		d->key = pg_col_dup0(r, i, 1, &out->arena);
		d->by = pg_col_dup0(r, i, 2, &out->arena);
		if (pg_col_date(ps, r, i, 3, &d->on, "不予采纳日期", e))
			goto out;
		d->note = pg_col_dup0(r, i, 4, &out->arena);
		d->recorded_at = pg_col_dup0(r, i, 5, &out->arena);
		out->n++;
	}
	ret = 0;
out:
	PQclear(r);
	return ret;
}

static int pg_dismissal_insert(struct store *st, const struct store_dismissal *d, struct err *e)
{
	struct pg_params p;

	pg_p_init(&p);
	pg_p_int(&p, d->assignment_id);
	pg_p_text0(&p, d->key);
	pg_p_text0(&p, d->by);
	pg_p_date(&p, d->on);
	pg_p_text0(&p, d->note);
	return pg_cmd(pg_of(st), sql_dismissal_insert, &p, "记录不予采纳的建议", "该建议已不予采纳",
		      "没有这项责任分工", NULL, e);
}

/* ---- rules ---- */

static int pg_assess_rules_get(struct store *st, int year, struct arena *a,
			       struct store_assess_rules *out, bool *found, struct err *e)
{
	PGresult *r = pg_run_id(pg_of(st), sql_rules_get, year, "读取考核规则", e);

	if (!r)
		return -1;
	if (PQntuples(r)) {
		out->year = (int)pg_col_int(r, 0, 0);
		out->text = pg_col_dup0(r, 0, 1, a);
		out->set_by = pg_col_dup0(r, 0, 2, a);
		out->updated_at = pg_col_dup0(r, 0, 3, a);
		*found = true;
	}
	PQclear(r);
	return 0;
}

static int pg_assess_rules_set(struct store *st, const struct store_assess_rules *rules,
			       struct err *e)
{
	struct pg_params p;

	pg_p_init(&p);
	pg_p_int(&p, rules->year);
	pg_p_text0(&p, rules->text);
	pg_p_text0(&p, rules->set_by);
	return pg_cmd(pg_of(st), sql_rules_set, &p, "保存考核规则", NULL, NULL, NULL, e);
}

/* ---- appeals ---- */

static int read_appeal(struct pg_store *ps, const PGresult *r, int i, struct arena *a,
		       struct store_appeal *x, struct err *e)
{
	const char *state = pg_col_text(r, i, 9);

	memset(x, 0, sizeof(*x));
	x->id = pg_col_int(r, i, 0);
	x->year = (int)pg_col_int(r, i, 1);
	x->unit_id = pg_col_int(r, i, 2);
	x->line_key = pg_col_dup0(r, i, 3, a);
	x->reason = pg_col_dup0(r, i, 4, a);
	x->orig_cp = (int)pg_col_int(r, i, 5);
	x->filed_by = pg_col_dup0(r, i, 6, a);
	if (pg_col_date(ps, r, i, 7, &x->filed_on, "申诉日期", e))
		return -1;
	x->recorded_at = pg_col_dup0(r, i, 8, a);
	if (!state || appeal_state_parse(state, &x->state) || x->state == APPEAL_NONE)
		return pg_bad_content(ps, "申诉状态", state, e);
	x->corrected_cp = (int)pg_col_int(r, i, 10);
	x->decision_note = pg_col_dup0(r, i, 11, a);
	x->decided_by = pg_col_dup(r, i, 12, a);
	if (pg_col_date(ps, r, i, 13, &x->decided_on, "申诉处理日期", e))
		return -1;
	x->decided_recorded_at = pg_col_dup(r, i, 14, a);
	x->unit_name = pg_col_dup0(r, i, 15, a);
	return 0;
}

static int pg_appeals_list(struct store *st, int year, struct store_appeal_list *out,
			   struct err *e)
{
	struct pg_store *ps = pg_of(st);
	PGresult *r = pg_run_id(ps, sql_appeals_list, year, "读取申诉", e);
	size_t alloc = out->n;
	int ret = -1;

	if (!r)
		return -1;
	for (int i = 0; i < PQntuples(r); i++) {
		ALLOC_GROW(out->v, out->n + 1, alloc);
		if (read_appeal(ps, r, i, &out->arena, &out->v[out->n], e))
			goto out;
		out->n++;
	}
	ret = 0;
out:
	PQclear(r);
	return ret;
}

static int pg_appeal_get(struct store *st, int64_t id, struct arena *a, struct store_appeal *out,
			 bool *found, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	PGresult *r = pg_run_id(ps, sql_appeal_get, id, "读取申诉", e);
	int ret = 0;

	if (!r)
		return -1;
	if (PQntuples(r)) {
		ret = read_appeal(ps, r, 0, a, out, e);
		*found = !ret;
	}
	PQclear(r);
	return ret;
}

static int pg_appeal_insert(struct store *st, struct store_appeal *a, struct err *e)
{
	struct pg_params p;
	PGresult *r;

	pg_p_init(&p);
	pg_p_int(&p, a->year);
	pg_p_int(&p, a->unit_id);
	pg_p_text0(&p, a->line_key);
	pg_p_text0(&p, a->reason);
	pg_p_int(&p, a->orig_cp);
	pg_p_text0(&p, a->filed_by);
	pg_p_date(&p, a->filed_on);
	r = pg_run_map(pg_of(st), sql_appeal_insert, &p, "记录申诉", "该单位已就这一项提出过申诉",
		       "名录中没有这个单位", e);
	if (!r)
		return -1;
	a->id = pg_col_int(r, 0, 0);
	PQclear(r);
	return 0;
}

static int pg_appeal_decide(struct store *st, const struct store_appeal *a, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct pg_params p;
	int64_t changed, n;

	pg_p_init(&p);
	pg_p_int(&p, a->id);
	pg_p_text0(&p, appeal_state_name(a->state));
	if (a->state == APPEAL_CORRECTED)
		pg_p_int(&p, a->corrected_cp);
	else
		pg_p_null(&p);
	pg_p_text0(&p, a->decision_note);
	pg_p_text0(&p, a->decided_by);
	pg_p_date(&p, a->decided_on);
	if (pg_cmd(ps, sql_appeal_decide, &p, "记录申诉处理结果", NULL, NULL, &changed, e))
		return -1;
	if (changed == 1)
		return 0;
	pg_p_init(&p);
	pg_p_int(&p, a->id);
	if (pg_query_int(ps, sql_appeal_exists, &p, &n, "读取申诉", e))
		return -1;
	if (!n)
		return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的申诉", (long long)a->id);
	return err_set(e, ERR_CONFLICT, "申诉 %lld 已处理", (long long)a->id);
}

/* ---- bulletins ---- */

static int pg_bulletins_list(struct store *st, int64_t plan_id, struct store_bulletin_list *out,
			     struct err *e)
{
	struct pg_store *ps = pg_of(st);
	PGresult *r = pg_run_id(ps, sql_bulletins_list, plan_id, "读取已印发的通报", e);
	size_t alloc = out->n;
	int ret = -1;

	if (!r)
		return -1;
	for (int i = 0; i < PQntuples(r); i++) {
		struct store_bulletin *b;

		ALLOC_GROW(out->v, out->n + 1, alloc);
		b = &out->v[out->n];
		memset(b, 0, sizeof(*b));
		b->id = pg_col_int(r, i, 0);
		b->plan_id = pg_col_int(r, i, 1);
		if (pg_col_period(ps, r, i, 2, &b->period, e) ||
		    pg_col_date(ps, r, i, 3, &b->as_of, "通报截至日期", e))
			goto out;
		b->issue_no = (int)pg_col_int(r, i, 4);
		b->summary = pg_col_dup0(r, i, 5, &out->arena);
		b->issued_by = pg_col_dup0(r, i, 6, &out->arena);
		b->recorded_at = pg_col_dup0(r, i, 7, &out->arena);
		out->n++;
	}
	ret = 0;
out:
	PQclear(r);
	return ret;
}

static int pg_bulletin_insert(struct store *st, struct store_bulletin *b, struct err *e)
{
	char period[PERIOD_STR_LEN];
	struct pg_params p;
	PGresult *r;

	period_format(b->period, period);
	pg_p_init(&p);
	pg_p_int(&p, b->plan_id);
	pg_p_text0(&p, period);
	pg_p_date(&p, b->as_of);
	pg_p_int(&p, b->issue_no);
	pg_p_text0(&p, b->summary);
	pg_p_text0(&p, b->issued_by);
	r = pg_run_map(pg_of(st), sql_bulletin_insert, &p, "记录印发的通报", "该期通报已印发",
		       "没有这份清单", e);
	if (!r)
		return -1;
	b->id = pg_col_int(r, 0, 0);
	PQclear(r);
	return 0;
}

/* ---- facts for the assessment ---- */

static int pg_verified_values(struct store *st, int64_t plan_id,
			      struct store_report_value_row **out, size_t *n, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	PGresult *r = pg_run_id(ps, sql_verified_values, plan_id, "读取目标完成值", e);
	int rows, ret = -1;

	if (!r)
		return -1;
	rows = PQntuples(r);
	if (rows)
		*out = xreallocarray(*out, *n + (size_t)rows, sizeof(**out));
	for (int i = 0; i < rows; i++) {
		struct store_report_value_row *v = &(*out)[*n];

		v->assignment_id = pg_col_int(r, i, 0);
		if (pg_col_period(ps, r, i, 1, &v->period, e))
			goto out;
		v->version = (int)pg_col_int(r, i, 2);
		v->seq = (int)pg_col_int(r, i, 3);
		v->actual = pg_col_real(r, i, 4);
		(*n)++;
	}
	ret = 0;
out:
	PQclear(r);
	return ret;
}

const struct store_supervision_ops pg_supervision_ops = {
	.actions_list = pg_actions_list,
	.action_get = pg_action_get,
	.form_number_next = pg_form_number_next,
	.action_insert = pg_action_insert,
	.action_reply = pg_action_reply,
	.action_close = pg_action_close,
	.handover_form_get = pg_handover_form_get,
	.handover_form_insert = pg_handover_form_insert,
	.accountability_list = pg_accountability_list,
	.accountability_insert = pg_accountability_insert,
	.dismissals_list = pg_dismissals_list,
	.dismissal_insert = pg_dismissal_insert,
	.assess_rules_get = pg_assess_rules_get,
	.assess_rules_set = pg_assess_rules_set,
	.appeals_list = pg_appeals_list,
	.appeal_get = pg_appeal_get,
	.appeal_insert = pg_appeal_insert,
	.appeal_decide = pg_appeal_decide,
	.bulletins_list = pg_bulletins_list,
	.bulletin_insert = pg_bulletin_insert,
	.verified_values = pg_verified_values,
};
