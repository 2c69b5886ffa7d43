/* The PostgreSQL backend's reporting: calendars, sign-for, disputes, reports, reviews, extensions, verification. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_internal.h"
#include "store/store_reports_impl.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* The time of record, as store_now() gives it. */
#define NOW PG_NOW_MS

/* Restrict rows of table alias X (with an assignment_id) to plan $1. */
#define IN_PLAN(x)                                                                \
	" JOIN assignments a ON a.id = " x ".assignment_id"                      \
	" JOIN tasks t ON t.id = a.task_id WHERE t.plan_id = $1"

/* Periods sort as SQLite sorts them: by bytes. */
#define PERIOD_ORDER(x) x " COLLATE \"C\""

/* ---- SQL ---- */

static const char sql_cal_get[] =
	"SELECT cadence, due_day, first_period FROM calendars WHERE plan_id = $1";
static const char sql_cal_set[] =
	"INSERT INTO calendars (plan_id, cadence, due_day, first_period, updated_at)"
	" VALUES ($1, $2, $3, $4, " NOW ")"
	" ON CONFLICT (plan_id) DO UPDATE SET cadence = excluded.cadence,"
	" due_day = excluded.due_day, first_period = excluded.first_period,"
	" updated_at = excluded.updated_at";

static const char sql_ctx[] =
	"SELECT a.id, a.task_id, a.unit_id, a.via_group_id, a.role, a.position, a.state,"
	" t.plan_id, t.no, w.name, o.name, g.name, a.created_at, a.updated_at,"
	" p.doc_no, p.title, p.issued_on, p.year, t.section, t.text, t.due_on, t.leader, t.line"
	" FROM assignments a"
	" JOIN tasks t ON t.id = a.task_id"
	" JOIN plans p ON p.id = t.plan_id"
	" JOIN task_units tu ON tu.task_id = a.task_id AND tu.position = a.position"
	" JOIN units w ON w.id = tu.unit_id"
	" LEFT JOIN org_units o ON o.id = a.unit_id"
	" LEFT JOIN org_groups g ON g.id = a.via_group_id"
	" WHERE a.id = $1";
static const char sql_ctx_targets[] =
	"SELECT metric, value, max, unit, cmp, text, qualifier FROM targets"
	" WHERE task_id = $1 ORDER BY seq";
static const char sql_ctx_milestones[] =
	"SELECT due_on, text FROM milestones WHERE task_id = $1 ORDER BY seq";

#define SIGNOFF_COLS \
	"SELECT assignment_id, signed_on, signed_by, note, recorded_at, sample FROM signoffs"
static const char sql_signoff_of[] = SIGNOFF_COLS " WHERE assignment_id = $1";

#define DISPUTE_COLS                                                                   \
	"SELECT id, assignment_id, reason, raised_by, raised_on, recorded_at, decision,"   \
	" new_assignment_id, decision_note, decided_by, decided_on, decided_recorded_at,"  \
	" sample FROM disputes"
static const char sql_dispute_of[] = DISPUTE_COLS " WHERE assignment_id = $1";
static const char sql_dispute_to[] = DISPUTE_COLS " WHERE new_assignment_id = $1";

#define REPORT_FIELDS                                                                    \
	" r.id, r.assignment_id, r.period, r.version, r.percent, r.progress,"                \
	" r.problems, r.next_steps, r.likelihood, r.author, r.submitted_on, r.recorded_at,"  \
	" r.sample, v.decision, v.reason, v.reviewer, v.reviewed_on, v.recorded_at, v.sample"
#define REPORT_COLS \
	"SELECT" REPORT_FIELDS " FROM reports r LEFT JOIN reviews v ON v.report_id = r.id"
static const char sql_reports_of[] =
	REPORT_COLS " WHERE r.assignment_id = $1 ORDER BY " PERIOD_ORDER("r.period") ", r.version";
static const char sql_report_by_id[] = REPORT_COLS " WHERE r.id = $1";
static const char sql_report_by_version[] =
	REPORT_COLS " WHERE r.assignment_id = $1 AND r.period = $2 AND r.version = $3";
/* For each of the $3 newest periods its latest version and its latest submitted on or before $2. */
static const char sql_reports_recent[] =
	"SELECT" REPORT_FIELDS " FROM (SELECT period, max(version) AS last,"
	" max(CASE WHEN submitted_on <= $2 THEN version END) AS used FROM reports"
	" WHERE assignment_id = $1 GROUP BY period ORDER BY " PERIOD_ORDER("period") " DESC"
	" LIMIT $3) h CROSS JOIN reports r"
	" LEFT JOIN reviews v ON v.report_id = r.id"
	" WHERE r.assignment_id = $1 AND r.period = h.period AND r.version IN (h.last, h.used)"
	" ORDER BY " PERIOD_ORDER("r.period") ", r.version";
static const char sql_values_of[] =
	"SELECT seq, actual FROM report_values WHERE report_id = $1 ORDER BY seq";
static const char sql_attachments_of[] =
	"SELECT ra.sha256, ra.name, f.mime, f.size FROM report_attachments ra"
	" JOIN attachments f ON f.sha256 = ra.sha256 WHERE ra.report_id = $1 ORDER BY ra.seq";

#define EXTENSION_COLS                                                                  \
	"SELECT id, assignment_id, old_due, new_due, reason, requested_by, requested_on,"   \
	" recorded_at, state, approved_due, decision_note, decided_by, decided_on,"         \
	" decided_recorded_at, sample FROM extensions"
static const char sql_extensions_of[] = EXTENSION_COLS " WHERE assignment_id = $1 ORDER BY id";
static const char sql_extension_by_id[] = EXTENSION_COLS " WHERE id = $1";

#define VERIFICATION_COLS \
	"SELECT assignment_id, verified_on, verified_by, note, recorded_at, sample FROM verifications"
static const char sql_verification_of[] = VERIFICATION_COLS " WHERE assignment_id = $1";

/* Plan-wide facts: no text, sorted by assignment. */
static const char sql_f_signs[] =
	"SELECT s.assignment_id, s.signed_on, s.sample FROM signoffs s" IN_PLAN("s")
	" ORDER BY s.assignment_id";
static const char sql_f_disputes[] =
	"SELECT d.assignment_id, d.raised_on, d.decision, d.decided_on, d.new_assignment_id,"
	" d.sample FROM disputes d" IN_PLAN("d") " ORDER BY d.assignment_id";
static const char sql_f_reports[] =
	"SELECT r.assignment_id, r.period, r.version, r.submitted_on, r.percent, r.likelihood,"
	" v.decision, v.reviewed_on, r.sample + coalesce(v.sample, 0)"
	" FROM reports r LEFT JOIN reviews v ON v.report_id = r.id" IN_PLAN("r")
	" ORDER BY r.assignment_id, " PERIOD_ORDER("r.period") ", r.version";
static const char sql_f_extensions[] =
	"SELECT x.assignment_id, x.requested_on, coalesce(x.approved_due, x.new_due), x.state,"
	" x.decided_on, x.sample FROM extensions x" IN_PLAN("x") " ORDER BY x.assignment_id, x.id";
static const char sql_f_verifies[] =
	"SELECT w.assignment_id, w.verified_on, w.sample FROM verifications w" IN_PLAN("w")
	" ORDER BY w.assignment_id";

static const char sql_signoff_insert[] =
	"INSERT INTO signoffs (assignment_id, signed_on, signed_by, note, recorded_at, sample)"
	" VALUES ($1, $2, $3, $4, " NOW ", $5)";
static const char sql_dispute_insert[] =
	"INSERT INTO disputes (assignment_id, reason, raised_by, raised_on, recorded_at, sample)"
	" VALUES ($1, $2, $3, $4, " NOW ", $5) RETURNING id";
/* The state is checked in the UPDATE itself: of two concurrent decisions one changes the row. */
static const char sql_dispute_decide[] =
	"UPDATE disputes SET decision = $2, new_assignment_id = $3, decision_note = $4,"
	" decided_by = $5, decided_on = $6, decided_recorded_at = " NOW
	" WHERE id = $1 AND decision IS NULL";
static const char sql_dispute_exists[] = "SELECT count(*) FROM disputes WHERE id = $1";
static const char sql_report_next_version[] =
	"SELECT coalesce(max(version), 0) + 1 FROM reports WHERE assignment_id = $1 AND period = $2";
static const char sql_report_insert[] =
	"INSERT INTO reports (assignment_id, period, version, percent, progress, problems,"
	" next_steps, likelihood, author, submitted_on, recorded_at, sample)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, " NOW ", $11) RETURNING id";
static const char sql_value_insert[] =
	"INSERT INTO report_values (report_id, seq, actual) VALUES ($1, $2, $3)";
static const char sql_report_attachment_insert[] =
	"INSERT INTO report_attachments (report_id, seq, sha256, name) VALUES ($1, $2, $3, $4)";
static const char sql_attachment_put[] =
	"INSERT INTO attachments (sha256, size, mime, name, data, recorded_at)"
	" VALUES ($1, $2, $3, $4, $5::bytea, " NOW ") ON CONFLICT (sha256) DO NOTHING";
static const char sql_attachment_get[] =
	"SELECT sha256, size, mime, name, data, recorded_at FROM attachments WHERE sha256 = $1";
static const char sql_review_insert[] =
	"INSERT INTO reviews (report_id, decision, reason, reviewer, reviewed_on, recorded_at, sample)"
	" VALUES ($1, $2, $3, $4, $5, " NOW ", $6)";
static const char sql_extension_insert[] =
	"INSERT INTO extensions (assignment_id, old_due, new_due, reason, requested_by,"
	" requested_on, recorded_at, sample) VALUES ($1, $2, $3, $4, $5, $6, " NOW ", $7)"
	" RETURNING id";
static const char sql_extension_decide[] =
	"UPDATE extensions SET state = $2, approved_due = $3, decision_note = $4, decided_by = $5,"
	" decided_on = $6, decided_recorded_at = " NOW " WHERE id = $1 AND state = 'pending'";
static const char sql_extension_exists[] = "SELECT count(*) FROM extensions WHERE id = $1";
static const char sql_verification_insert[] =
	"INSERT INTO verifications (assignment_id, verified_on, verified_by, note, recorded_at,"
	" sample) VALUES ($1, $2, $3, $4, " NOW ", $5)";

static const char sql_count_reports[] =
	"SELECT count(*), count(*) FILTER (WHERE r.period !~ $2) FROM reports r" IN_PLAN("r");
static const char sql_count_sample[] =
	"SELECT (SELECT count(*) FROM signoffs x" IN_PLAN("x") " AND x.sample = 1)"
	" + (SELECT count(*) FROM disputes x" IN_PLAN("x") " AND x.sample = 1)"
	" + (SELECT count(*) FROM reports x" IN_PLAN("x") " AND x.sample = 1)"
	" + (SELECT count(*) FROM extensions x" IN_PLAN("x") " AND x.sample = 1)"
	" + (SELECT count(*) FROM verifications x" IN_PLAN("x") " AND x.sample = 1)"
	" + (SELECT count(*) FROM reviews v JOIN reports x ON x.id = v.report_id" IN_PLAN("x")
	" AND v.sample = 1)";

/* ---- helpers ---- */

static int col_likelihood(struct pg_store *ps, const PGresult *r, int row, int col,
			  enum likelihood *out, struct err *e)
{
	const char *t = pg_col_text(r, row, col);

	*out = LIKELIHOOD_NONE;
	if (!t || !*t)
		return 0;
	if (likelihood_parse(t, out))
		return pg_bad_content(ps, "自评", t, e);
	return 0;
}

/* A review decision column: NULL is pending. */
static int col_review(struct pg_store *ps, const PGresult *r, int row, int col,
		      enum review_state *out, struct err *e)
{
	const char *t = pg_col_text(r, row, col);

	*out = REVIEW_PENDING;
	if (!t)
		return 0;
	if (review_parse(t, out) || *out == REVIEW_PENDING)
		return pg_bad_content(ps, "审核结论", t, e);
	return 0;
}

static int col_dispute_decision(struct pg_store *ps, const PGresult *r, int row, int col,
				enum store_dispute_decision *out, struct err *e)
{
	const char *t = pg_col_text(r, row, col);

	*out = STORE_DISPUTE_OPEN;
	if (!t)
		return 0;
	if (!strcmp(t, "confirm"))
		*out = STORE_DISPUTE_CONFIRMED;
	else if (!strcmp(t, "reassign"))
		*out = STORE_DISPUTE_REASSIGNED;
	else
		return pg_bad_content(ps, "退回处理结论", t, e);
	return 0;
}

static const char *extension_state_code(enum extension_state x)
{
	switch (x) {
	case EXT_APPROVED:
		return "approved";
	case EXT_REFUSED:
		return "refused";
	case EXT_PENDING:
		break;
	}
	return "pending";
}

static int col_extension_state(struct pg_store *ps, const PGresult *r, int row, int col,
			       enum extension_state *out, struct err *e)
{
	const char *t = pg_col_text(r, row, col);

	if (t && !strcmp(t, "pending"))
		*out = EXT_PENDING;
	else if (t && !strcmp(t, "approved"))
		*out = EXT_APPROVED;
	else if (t && !strcmp(t, "refused"))
		*out = EXT_REFUSED;
	else
		return pg_bad_content(ps, "延期申请状态", t, e);
	return 0;
}

static int assign_role_parse(const char *s, enum assignment_role *out)
{
	if (s && !strcmp(s, "lead"))
		*out = ASSIGN_LEAD;
	else if (s && !strcmp(s, "co"))
		*out = ASSIGN_CO;
	else
		return -1;
	return 0;
}

/* ---- calendars ---- */

static int pg_calendar_get(struct store *st, int64_t plan_id, struct calendar *out, bool *found,
			   struct err *e)
{
	struct pg_store *ps = pg_of(st);
	PGresult *r = pg_run_id(ps, sql_cal_get, plan_id, "读取报告周期", e);
	int ret = -1;

	if (!r)
		return -1;
	if (PQntuples(r)) {
		const char *cad = pg_col_text(r, 0, 0);

		memset(out, 0, sizeof(*out));
		if (!cad || cadence_parse(cad, &out->cadence)) {
			pg_bad_content(ps, "报告周期", cad, e);
			goto out;
		}
		out->due_day = (int)pg_col_int(r, 0, 1);
		if (pg_col_period(ps, r, 0, 2, &out->first, e))
			goto out;
		if (calendar_check(out, NULL)) {
			pg_bad_content(ps, "报告日历", pg_col_text(r, 0, 2), e);
			goto out;
		}
		*found = true;
	}
	ret = 0;
out:
	PQclear(r);
	return ret;
}

static int pg_calendar_set(struct store *st, int64_t plan_id, const struct calendar *cal,
			   struct err *e)
{
	struct pg_params p;
	char first[PERIOD_STR_LEN];

	period_format(cal->first, first);
	pg_p_init(&p);
	pg_p_int(&p, plan_id);
	pg_p_text0(&p, cadence_name(cal->cadence));
	pg_p_int(&p, cal->due_day);
	pg_p_text0(&p, first);
	return pg_cmd(pg_of(st), sql_cal_set, &p, "设置报告周期", NULL, "没有这份清单", NULL, e);
}

/* ---- one assignment with its plan and task ---- */

static int ctx_targets(struct pg_store *ps, struct store_assignment_ctx *c, struct err *e)
{
	PGresult *r = pg_run_id(ps, sql_ctx_targets, c->row.a.task_id, "读取量化目标", e);
	struct target *v;
	int n, ret = -1;

	if (!r)
		return -1;
	n = PQntuples(r);
	v = n ? arena_zalloc(&c->arena, (size_t)n * sizeof(*v)) : NULL;
	for (int i = 0; i < n; i++) {
		struct target *t = &v[i];
		const char *cmp = pg_col_text(r, i, 4);

		t->metric = pg_col_dup0(r, i, 0, &c->arena);
		t->value = pg_col_real(r, i, 1);
		t->max = pg_col_real(r, i, 2);
		t->unit = pg_col_dup0(r, i, 3, &c->arena);
		if (!cmp || target_cmp_parse(cmp, &t->cmp)) {
			pg_bad_content(ps, "目标比较方式", cmp, e);
			goto out;
		}
		t->text = pg_col_dup0(r, i, 5, &c->arena);
		t->qualifier = pg_col_dup(r, i, 6, &c->arena);
	}
	c->task.targets = v;
	c->task.ntargets = (size_t)n;
	ret = 0;
out:
	PQclear(r);
	return ret;
}

static int ctx_milestones(struct pg_store *ps, struct store_assignment_ctx *c, struct err *e)
{
	PGresult *r = pg_run_id(ps, sql_ctx_milestones, c->row.a.task_id, "读取时间节点", e);
	struct milestone *v;
	int n, ret = -1;

	if (!r)
		return -1;
	n = PQntuples(r);
	v = n ? arena_zalloc(&c->arena, (size_t)n * sizeof(*v)) : NULL;
	for (int i = 0; i < n; i++) {
		if (pg_col_date(ps, r, i, 0, &v[i].due, "时间节点", e))
			goto out;
		v[i].text = pg_col_dup0(r, i, 1, &c->arena);
	}
	c->task.milestones = v;
	c->task.nmilestones = (size_t)n;
	ret = 0;
out:
	PQclear(r);
	return ret;
}

static int pg_assignment_ctx_get(struct store *st, int64_t id, struct store_assignment_ctx *out,
				 bool *found, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct store_assignment_row *x = &out->row;
	PGresult *r = NULL;
	bool own;
	int ret = -1;

	if (pg_read_begin(ps, &own, e))
		return -1;
	if (!(r = pg_run_id(ps, sql_ctx, id, "读取责任分工", e)))
		goto out;
	if (!PQntuples(r)) {
		ret = 0;
		goto out;
	}
	memset(x, 0, sizeof(*x));
	x->a.id = pg_col_int(r, 0, 0);
	x->a.task_id = pg_col_int(r, 0, 1);
	x->a.unit_id = pg_col_int(r, 0, 2);
	x->a.via_group_id = pg_col_int(r, 0, 3);
	if (assign_role_parse(pg_col_text(r, 0, 4), &x->a.role)) {
		pg_bad_content(ps, "责任分工的角色", pg_col_text(r, 0, 4), e);
		goto out;
	}
	x->a.position = (int)pg_col_int(r, 0, 5) - 1;
	if (pg_col_text(r, 0, 6) && !strcmp(pg_col_text(r, 0, 6), "retired"))
		x->a.flags |= ASSIGN_RETIRED;
	x->plan_id = pg_col_int(r, 0, 7);
	x->task_no = (int)pg_col_int(r, 0, 8);
	x->a.written = pg_col_dup0(r, 0, 9, &out->arena);
	x->a.unit_name = x->a.unit_id ? pg_col_dup0(r, 0, 10, &out->arena) : x->a.written;
	x->group_name = pg_col_dup(r, 0, 11, &out->arena);
	x->created_at = pg_col_dup0(r, 0, 12, &out->arena);
	x->updated_at = pg_col_dup0(r, 0, 13, &out->arena);
	out->plan_doc_no = pg_col_dup0(r, 0, 14, &out->arena);
	out->plan_title = pg_col_dup0(r, 0, 15, &out->arena);
	if (pg_col_date(ps, r, 0, 16, &out->plan_issued, "成文日期", e))
		goto out;
	out->plan_year = (int)pg_col_int(r, 0, 17);
	memset(&out->task, 0, sizeof(out->task));
	out->task.no = x->task_no;
	out->task.section = pg_col_dup0(r, 0, 18, &out->arena);
	out->task.text = pg_col_dup0(r, 0, 19, &out->arena);
	if (pg_col_date(ps, r, 0, 20, &out->task.due, "完成时限", e))
		goto out;
	out->task.leader = pg_col_dup(r, 0, 21, &out->arena);
	out->task.line = (int)pg_col_int(r, 0, 22);
	if (ctx_targets(ps, out, e) || ctx_milestones(ps, out, e))
		goto out;
	*found = true;
	ret = 0;
out:
	PQclear(r);
	pg_read_end(ps, own);
	return ret;
}

/* ---- reading records with their texts ---- */

static int fill_signoff(struct pg_store *ps, const PGresult *r, int i, struct arena *a,
			struct store_signoff *o, struct err *e)
{
	memset(o, 0, sizeof(*o));
	o->assignment_id = pg_col_int(r, i, 0);
	if (pg_col_date(ps, r, i, 1, &o->on, "签收日期", e))
		return -1;
	o->by = pg_col_dup0(r, i, 2, a);
	o->note = pg_col_dup0(r, i, 3, a);
	o->recorded_at = pg_col_dup0(r, i, 4, a);
	o->sample = pg_col_int(r, i, 5) != 0;
	return 0;
}

static int fill_dispute(struct pg_store *ps, const PGresult *r, int i, struct arena *a,
			struct store_dispute *o, struct err *e)
{
	memset(o, 0, sizeof(*o));
	o->id = pg_col_int(r, i, 0);
	o->assignment_id = pg_col_int(r, i, 1);
	o->reason = pg_col_dup0(r, i, 2, a);
	o->raised_by = pg_col_dup0(r, i, 3, a);
	if (pg_col_date(ps, r, i, 4, &o->raised_on, "退回日期", e))
		return -1;
	o->recorded_at = pg_col_dup0(r, i, 5, a);
	if (col_dispute_decision(ps, r, i, 6, &o->decision, e))
		return -1;
	o->new_assignment_id = pg_col_int(r, i, 7);
	o->decision_note = pg_col_dup0(r, i, 8, a);
	o->decided_by = pg_col_dup0(r, i, 9, a);
	if (pg_col_date(ps, r, i, 10, &o->decided_on, "退回处理日期", e))
		return -1;
	o->decided_recorded_at = pg_col_dup0(r, i, 11, a);
	o->sample = pg_col_int(r, i, 12) != 0;
	return 0;
}

static int fill_extension(struct pg_store *ps, const PGresult *r, int i, struct arena *a,
			  struct store_extension *o, struct err *e)
{
	memset(o, 0, sizeof(*o));
	o->id = pg_col_int(r, i, 0);
	o->assignment_id = pg_col_int(r, i, 1);
	if (pg_col_date(ps, r, i, 2, &o->old_due, "原完成时限", e) ||
	    pg_col_date(ps, r, i, 3, &o->new_due, "申请的完成时限", e))
		return -1;
	o->reason = pg_col_dup0(r, i, 4, a);
	o->requested_by = pg_col_dup0(r, i, 5, a);
	if (pg_col_date(ps, r, i, 6, &o->requested_on, "延期申请日期", e))
		return -1;
	o->recorded_at = pg_col_dup0(r, i, 7, a);
	if (col_extension_state(ps, r, i, 8, &o->state, e) ||
	    pg_col_date(ps, r, i, 9, &o->approved_due, "批准的完成时限", e))
		return -1;
	o->decision_note = pg_col_dup0(r, i, 10, a);
	o->decided_by = pg_col_dup0(r, i, 11, a);
	if (pg_col_date(ps, r, i, 12, &o->decided_on, "延期审批日期", e))
		return -1;
	o->decided_recorded_at = pg_col_dup0(r, i, 13, a);
	o->sample = pg_col_int(r, i, 14) != 0;
	return 0;
}

static int fill_verification(struct pg_store *ps, const PGresult *r, int i, struct arena *a,
			     struct store_verification *o, struct err *e)
{
	memset(o, 0, sizeof(*o));
	o->assignment_id = pg_col_int(r, i, 0);
	if (pg_col_date(ps, r, i, 1, &o->on, "销号日期", e))
		return -1;
	o->by = pg_col_dup0(r, i, 2, a);
	o->note = pg_col_dup0(r, i, 3, a);
	o->recorded_at = pg_col_dup0(r, i, 4, a);
	o->sample = pg_col_int(r, i, 5) != 0;
	return 0;
}

/* A report row (REPORT_COLS), without values and attachments. */
static int fill_report(struct pg_store *ps, const PGresult *r, int i, struct arena *a,
		       struct store_report *o, struct err *e)
{
	memset(o, 0, sizeof(*o));
	o->id = pg_col_int(r, i, 0);
	o->assignment_id = pg_col_int(r, i, 1);
	if (pg_col_period(ps, r, i, 2, &o->period, e))
		return -1;
	o->version = (int)pg_col_int(r, i, 3);
	o->percent = pg_col_real(r, i, 4);
	o->progress = pg_col_dup0(r, i, 5, a);
	o->problems = pg_col_dup0(r, i, 6, a);
	o->next_steps = pg_col_dup0(r, i, 7, a);
	if (col_likelihood(ps, r, i, 8, &o->likelihood, e))
		return -1;
	o->author = pg_col_dup0(r, i, 9, a);
	if (pg_col_date(ps, r, i, 10, &o->submitted_on, "报送日期", e))
		return -1;
	o->recorded_at = pg_col_dup0(r, i, 11, a);
	o->sample = pg_col_int(r, i, 12) != 0;
	if (col_review(ps, r, i, 13, &o->review, e))
		return -1;
	if (o->review != REVIEW_PENDING) {
		o->review_reason = pg_col_dup0(r, i, 14, a);
		o->reviewer = pg_col_dup0(r, i, 15, a);
		if (pg_col_date(ps, r, i, 16, &o->reviewed_on, "审核日期", e))
			return -1;
		o->reviewed_recorded_at = pg_col_dup0(r, i, 17, a);
		o->review_sample = pg_col_int(r, i, 18) != 0;
	}
	return 0;
}

/* The values and attachments of report o->id. */
static int report_parts(struct pg_store *ps, struct arena *a, struct store_report *o,
			struct err *e)
{
	PGresult *r = pg_run_id(ps, sql_values_of, o->id, "读取目标完成值", e);
	struct store_report_value *vals = NULL;
	struct store_report_attachment *atts = NULL;
	int n;

	if (!r)
		return -1;
	n = PQntuples(r);
	if (n)
		vals = arena_alloc(a, (size_t)n * sizeof(*vals));
	for (int i = 0; i < n; i++) {
		vals[i].seq = (int)pg_col_int(r, i, 0);
		vals[i].actual = pg_col_real(r, i, 1);
	}
	PQclear(r);
	o->values = vals;
	o->nvalues = (size_t)n;

	if (!(r = pg_run_id(ps, sql_attachments_of, o->id, "读取附件", e)))
		return -1;
	n = PQntuples(r);
	if (n)
		atts = arena_alloc(a, (size_t)n * sizeof(*atts));
	for (int i = 0; i < n; i++) {
		const char *sha = pg_col_text(r, i, 0);

		snprintf(atts[i].sha256, sizeof(atts[i].sha256), "%s", sha ? sha : "");
		atts[i].name = pg_col_dup0(r, i, 1, a);
		atts[i].mime = pg_col_dup0(r, i, 2, a);
		atts[i].size = pg_col_int(r, i, 3);
	}
	PQclear(r);
	o->attachments = atts;
	o->nattachments = (size_t)n;
	return 0;
}

static int load_signoff(struct pg_store *ps, int64_t id, struct arena *a,
			struct store_signoff **dst, struct err *e)
{
	PGresult *r = pg_run_id(ps, sql_signoff_of, id, "读取签收记录", e);
	int ret = 0;

	*dst = NULL;
	if (!r)
		return -1;
	if (PQntuples(r)) {
		struct store_signoff *o = arena_alloc(a, sizeof(*o));

		ret = fill_signoff(ps, r, 0, a, o, e);
		if (!ret)
			*dst = o;
	}
	PQclear(r);
	return ret;
}

static int load_dispute(struct pg_store *ps, const char *sql, int64_t id, struct arena *a,
			struct store_dispute **dst, struct err *e)
{
	PGresult *r = pg_run_id(ps, sql, id, "读取退回记录", e);
	int ret = 0;

	*dst = NULL;
	if (!r)
		return -1;
	if (PQntuples(r)) {
		struct store_dispute *o = arena_alloc(a, sizeof(*o));

		ret = fill_dispute(ps, r, 0, a, o, e);
		if (!ret)
			*dst = o;
	}
	PQclear(r);
	return ret;
}

static int load_verification(struct pg_store *ps, int64_t id, struct arena *a,
			     struct store_verification **dst, struct err *e)
{
	PGresult *r = pg_run_id(ps, sql_verification_of, id, "读取销号记录", e);
	int ret = 0;

	*dst = NULL;
	if (!r)
		return -1;
	if (PQntuples(r)) {
		struct store_verification *o = arena_alloc(a, sizeof(*o));

		ret = fill_verification(ps, r, 0, a, o, e);
		if (!ret)
			*dst = o;
	}
	PQclear(r);
	return ret;
}

/*
 * The reports of `id` by period and version: every one (`day` unset), with
 * its values and attachments, or the recent ones of the `nperiods` newest
 * periods (store_reporting_load_recent), the last with its values and
 * attachments.
 */
static int load_reports(struct pg_store *ps, int64_t id, struct date day, size_t nperiods,
			struct store_reporting *out, struct err *e)
{
	bool recent = date_is_set(day);
	struct pg_params p;
	PGresult *r;
	int n, ret = -1;

	pg_p_init(&p);
	pg_p_int(&p, id);
	if (recent) {
		pg_p_date(&p, day);
		/* 0: every period */
		pg_p_int(&p, nperiods && nperiods <= (size_t)INT64_MAX ? (int64_t)nperiods
								   : INT64_MAX);
	}
	r = pg_run(ps, recent ? sql_reports_recent : sql_reports_of, &p, "读取进展报告", e);
	if (!r)
		return -1;
	n = PQntuples(r);
	if (n)
		out->reports = xreallocarray(out->reports, out->nreports + (size_t)n,
					     sizeof(*out->reports));
	for (int i = 0; i < n; i++) {
		if (fill_report(ps, r, i, &out->arena, &out->reports[out->nreports], e))
			goto out;
		out->nreports++;
	}
	ret = 0;
out:
	PQclear(r);
	for (size_t i = recent && out->nreports ? out->nreports - 1 : 0; !ret && i < out->nreports;
	     i++)
		if (report_parts(ps, &out->arena, &out->reports[i], e))
			ret = -1;
	return ret;
}

static int load_extensions(struct pg_store *ps, int64_t id, struct store_reporting *out,
			   struct err *e)
{
	PGresult *r = pg_run_id(ps, sql_extensions_of, id, "读取延期申请", e);
	int n, ret = -1;

	if (!r)
		return -1;
	n = PQntuples(r);
	if (n)
		out->extensions = xreallocarray(out->extensions, out->nextensions + (size_t)n,
						sizeof(*out->extensions));
	for (int i = 0; i < n; i++) {
		if (fill_extension(ps, r, i, &out->arena, &out->extensions[out->nextensions], e))
			goto out;
		out->nextensions++;
	}
	ret = 0;
out:
	PQclear(r);
	return ret;
}

/* Every report (`day` unset) or the recent ones: load_reports. */
static int reporting_load(struct store *st, int64_t assignment_id, struct date day,
			  size_t nperiods, struct store_reporting *out, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	bool own;
	int ret = -1;

	if (pg_read_begin(ps, &own, e))
		return -1;
	if (load_signoff(ps, assignment_id, &out->arena, &out->signoff, e) ||
	    load_dispute(ps, sql_dispute_of, assignment_id, &out->arena, &out->dispute, e) ||
	    load_dispute(ps, sql_dispute_to, assignment_id, &out->arena, &out->reassigned_from, e) ||
	    load_reports(ps, assignment_id, day, nperiods, out, e) ||
	    load_extensions(ps, assignment_id, out, e) ||
	    load_verification(ps, assignment_id, &out->arena, &out->verification, e))
		goto out;
	ret = 0;
out:
	pg_read_end(ps, own);
	return ret;
}

static int pg_reporting_load(struct store *st, int64_t assignment_id, struct store_reporting *out,
			     struct err *e)
{
	return reporting_load(st, assignment_id, DATE_NONE, 0, out, e);
}

static int pg_reporting_load_recent(struct store *st, int64_t assignment_id, struct date day,
				    size_t nperiods, struct store_reporting *out, struct err *e)
{
	return reporting_load(st, assignment_id, day, nperiods, out, e);
}

/* The report `sql` selects with `p`, whole. */
static int report_one(struct pg_store *ps, const char *sql, const struct pg_params *p,
		      struct arena *a, struct store_report *out, bool *found, struct err *e)
{
	PGresult *r;
	bool own;
	int ret = -1;

	if (pg_read_begin(ps, &own, e))
		return -1;
	if (!(r = pg_run(ps, sql, p, "读取进展报告", e)))
		goto out;
	if (PQntuples(r)) {
		if (fill_report(ps, r, 0, a, out, e)) {
			PQclear(r);
			goto out;
		}
		*found = true;
	}
	PQclear(r);
	if (*found && report_parts(ps, a, out, e))
		goto out;
	ret = 0;
out:
	pg_read_end(ps, own);
	return ret;
}

static int pg_report_get(struct store *st, int64_t id, struct arena *a, struct store_report *out,
			 bool *found, struct err *e)
{
	struct pg_params p;

	pg_p_init(&p);
	pg_p_int(&p, id);
	return report_one(pg_of(st), sql_report_by_id, &p, a, out, found, e);
}

static int pg_report_version_get(struct store *st, int64_t assignment_id, struct period period,
				 int version, struct arena *a, struct store_report *out,
				 bool *found, struct err *e)
{
	char buf[PERIOD_STR_LEN];
	struct pg_params p;

	period_format(period, buf);
	pg_p_init(&p);
	pg_p_int(&p, assignment_id);
	pg_p_text0(&p, buf);
	pg_p_int(&p, version);
	return report_one(pg_of(st), sql_report_by_version, &p, a, out, found, e);
}

static int pg_extension_get(struct store *st, int64_t id, struct arena *a,
			    struct store_extension *out, bool *found, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	PGresult *r = pg_run_id(ps, sql_extension_by_id, id, "读取延期申请", e);
	int ret = 0;

	if (!r)
		return -1;
	if (PQntuples(r)) {
		ret = fill_extension(ps, r, 0, a, out, e);
		*found = !ret;
	}
	PQclear(r);
	return ret;
}

/* ---- plan-wide facts ---- */

/* Each facts_*() reads one result of the batch and clears it. */
static int facts_signs(struct pg_store *ps, PGresult *r, struct store_facts *f,
		       int64_t **of, struct date **on, size_t *n, struct err *e)
{
	int rows, ret = -1;

	rows = PQntuples(r);
	if (rows) {
		*of = xreallocarray(*of, *n + (size_t)rows, sizeof(**of));
		*on = xreallocarray(*on, *n + (size_t)rows, sizeof(**on));
	}
	for (int i = 0; i < rows; i++) {
		(*of)[*n] = pg_col_int(r, i, 0);
		if (pg_col_date(ps, r, i, 1, &(*on)[*n], "日期", e))
			goto out;
		if (!date_is_set((*on)[*n])) {
			pg_bad_content(ps, "日期", NULL, e);
			goto out;
		}
		f->nsample += (size_t)pg_col_int(r, i, 2);
		(*n)++;
	}
	ret = 0;
out:
	PQclear(r);
	return ret;
}

static int facts_disputes(struct pg_store *ps, PGresult *r, struct store_facts *f, struct err *e)
{
	int rows, ret = -1;

	rows = PQntuples(r);
	if (rows) {
		size_t n = f->ndisputes + (size_t)rows;

		f->dispute_of = xreallocarray(f->dispute_of, n, sizeof(*f->dispute_of));
		f->disputes = xreallocarray(f->disputes, n, sizeof(*f->disputes));
		f->new_assignment = xreallocarray(f->new_assignment, n, sizeof(*f->new_assignment));
	}
	for (int i = 0; i < rows; i++) {
		struct dispute *d = &f->disputes[f->ndisputes];
		enum store_dispute_decision dec;

		f->dispute_of[f->ndisputes] = pg_col_int(r, i, 0);
		memset(d, 0, sizeof(*d));
		if (pg_col_date(ps, r, i, 1, &d->raised_at, "退回日期", e) ||
		    col_dispute_decision(ps, r, i, 2, &dec, e) ||
		    pg_col_date(ps, r, i, 3, &d->decided_at, "退回处理日期", e))
			goto out;
		d->state = dec == STORE_DISPUTE_CONFIRMED    ? DISPUTE_REJECTED
			   : dec == STORE_DISPUTE_REASSIGNED ? DISPUTE_UPHELD
							     : DISPUTE_OPEN;
		f->new_assignment[f->ndisputes] = pg_col_int(r, i, 4);
		f->nsample += (size_t)pg_col_int(r, i, 5);
		f->ndisputes++;
	}
	ret = 0;
out:
	PQclear(r);
	return ret;
}

static int facts_reports(struct pg_store *ps, PGresult *r, struct store_facts *f, struct err *e)
{
	int rows, ret = -1;

	rows = PQntuples(r);
	if (rows) {
		size_t n = f->nreports + (size_t)rows;

		f->report_of = xreallocarray(f->report_of, n, sizeof(*f->report_of));
		f->reports = xreallocarray(f->reports, n, sizeof(*f->reports));
	}
	for (int i = 0; i < rows; i++) {
		struct report_fact *x = &f->reports[f->nreports];

		f->report_of[f->nreports] = pg_col_int(r, i, 0);
		memset(x, 0, sizeof(*x));
		if (pg_col_period(ps, r, i, 1, &x->period, e))
			goto out;
		x->version = (int)pg_col_int(r, i, 2);
		if (pg_col_date(ps, r, i, 3, &x->submitted_at, "报送日期", e))
			goto out;
		x->percent = pg_col_real(r, i, 4);
		if (col_likelihood(ps, r, i, 5, &x->likelihood, e) ||
		    col_review(ps, r, i, 6, &x->review, e) ||
		    pg_col_date(ps, r, i, 7, &x->reviewed_at, "审核日期", e))
			goto out;
		f->nsample += (size_t)pg_col_int(r, i, 8);
		f->nreports++;
	}
	ret = 0;
out:
	PQclear(r);
	return ret;
}

static int facts_extensions(struct pg_store *ps, PGresult *r, struct store_facts *f, struct err *e)
{
	int rows, ret = -1;

	rows = PQntuples(r);
	if (rows) {
		size_t n = f->nextensions + (size_t)rows;

		f->extension_of = xreallocarray(f->extension_of, n, sizeof(*f->extension_of));
		f->extensions = xreallocarray(f->extensions, n, sizeof(*f->extensions));
	}
	for (int i = 0; i < rows; i++) {
		struct extension *x = &f->extensions[f->nextensions];

		f->extension_of[f->nextensions] = pg_col_int(r, i, 0);
		memset(x, 0, sizeof(*x));
		if (pg_col_date(ps, r, i, 1, &x->requested_at, "延期申请日期", e) ||
		    pg_col_date(ps, r, i, 2, &x->new_due, "延期后的完成时限", e) ||
		    col_extension_state(ps, r, i, 3, &x->state, e) ||
		    pg_col_date(ps, r, i, 4, &x->decided_at, "延期审批日期", e))
			goto out;
		f->nsample += (size_t)pg_col_int(r, i, 5);
		f->nextensions++;
	}
	ret = 0;
out:
	PQclear(r);
	return ret;
}

/* Five queries in one round trip, one snapshot. */
static int pg_facts_load(struct store *st, int64_t plan_id, struct store_facts *out,
			 struct err *e)
{
	static const char *const sqls[] = { sql_f_signs, sql_f_disputes, sql_f_reports,
					    sql_f_extensions, sql_f_verifies };
	struct pg_store *ps = pg_of(st);
	struct pg_params p;
	const struct pg_params *params[] = { &p, &p, &p, &p, &p };
	PGresult *r[5];
	size_t i;

	pg_p_init(&p);
	pg_p_int(&p, plan_id);
	if (pg_run_batch(ps, 5, sqls, params, r, "读取报送记录", e))
		return -1;
	for (i = 0; i < 5; i++) {
		PGresult *x = r[i];
		int rc;

		r[i] = NULL;	/* the reader clears it */
		switch (i) {
		case 0:
			rc = facts_signs(ps, x, out, &out->sign_of, &out->signed_on, &out->nsigns, e);
			break;
		case 1:
			rc = facts_disputes(ps, x, out, e);
			break;
		case 2:
			rc = facts_reports(ps, x, out, e);
			break;
		case 3:
			rc = facts_extensions(ps, x, out, e);
			break;
		default:
			rc = facts_signs(ps, x, out, &out->verify_of, &out->verified_on,
					 &out->nverifies, e);
		}
		if (rc)
			break;
	}
	for (size_t j = 0; j < 5; j++)
		PQclear(r[j]);
	return i == 5 ? 0 : -1;
}

/* ---- writing ---- */

static char *missing_assignment(int64_t id, char *buf, size_t n)
{
	snprintf(buf, n, "没有 ID 为 %lld 的责任分工", (long long)id);
	return buf;
}

static int pg_signoff_insert(struct store *st, const struct store_signoff *o, struct err *e)
{
	struct pg_params p;
	char miss[64], conflict[96];

	pg_p_init(&p);
	pg_p_int(&p, o->assignment_id);
	pg_p_date(&p, o->on);
	pg_p_text0(&p, o->by);
	pg_p_text0(&p, o->note);
	pg_p_int(&p, o->sample ? 1 : 0);
	snprintf(conflict, sizeof(conflict), "责任分工 %lld 已经签收过", (long long)o->assignment_id);
	return pg_cmd(pg_of(st), sql_signoff_insert, &p, "记录签收", conflict,
		      missing_assignment(o->assignment_id, miss, sizeof(miss)), NULL, e);
}

static int pg_dispute_insert(struct store *st, struct store_dispute *d, struct err *e)
{
	struct pg_params p;
	char miss[64], conflict[96];
	PGresult *r;

	pg_p_init(&p);
	pg_p_int(&p, d->assignment_id);
	pg_p_text0(&p, d->reason);
	pg_p_text0(&p, d->raised_by);
	pg_p_date(&p, d->raised_on);
	pg_p_int(&p, d->sample ? 1 : 0);
	snprintf(conflict, sizeof(conflict), "责任分工 %lld 已经退回过", (long long)d->assignment_id);
	r = pg_run_map(pg_of(st), sql_dispute_insert, &p, "记录退回", conflict,
		       missing_assignment(d->assignment_id, miss, sizeof(miss)), e);
	if (!r)
		return -1;
	d->id = pg_col_int(r, 0, 0);
	PQclear(r);
	return 0;
}

static int pg_dispute_decide(struct store *st, const struct store_dispute *d, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct pg_params p;
	int64_t changed, n;

	if (d->decision != STORE_DISPUTE_CONFIRMED && d->decision != STORE_DISPUTE_REASSIGNED)
		return err_set(e, ERR_INTERNAL, "内部错误：退回处理结论无效");
	pg_p_init(&p);
	pg_p_int(&p, d->id);
	pg_p_text0(&p, d->decision == STORE_DISPUTE_CONFIRMED ? "confirm" : "reassign");
	pg_p_id0(&p, d->decision == STORE_DISPUTE_REASSIGNED ? d->new_assignment_id : 0);
	pg_p_text0(&p, d->decision_note);
	pg_p_text0(&p, d->decided_by);
	pg_p_date(&p, d->decided_on);
	if (pg_cmd(ps, sql_dispute_decide, &p, "记录退回处理", NULL, "改派的新责任分工不存在",
		   &changed, e))
		return -1;
	if (changed == 1)
		return 0;
	pg_p_init(&p);
	pg_p_int(&p, d->id);
	if (pg_query_int(ps, sql_dispute_exists, &p, &n, "读取数据", e))
		return -1;
	if (n)
		return err_set(e, ERR_CONFLICT, "退回记录 %lld 已经处理过", (long long)d->id);
	return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的退回记录", (long long)d->id);
}

static int pg_report_insert(struct store *st, struct store_report *rp, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	char period[PERIOD_STR_LEN], miss[64];
	struct pg_params p;
	PGresult *r;
	int64_t version;

	period_format(rp->period, period);
	pg_p_init(&p);
	pg_p_int(&p, rp->assignment_id);
	pg_p_text0(&p, period);
	if (pg_query_int(ps, sql_report_next_version, &p, &version, "读取报告版本", e))
		return -1;
	rp->version = (int)version;

	pg_p_init(&p);
	pg_p_int(&p, rp->assignment_id);
	pg_p_text0(&p, period);
	pg_p_int(&p, rp->version);
	pg_p_real(&p, rp->percent);
	pg_p_text0(&p, rp->progress);
	pg_p_text0(&p, rp->problems);
	pg_p_text0(&p, rp->next_steps);
	pg_p_text0(&p, likelihood_name(rp->likelihood));
	pg_p_text0(&p, rp->author);
	pg_p_date(&p, rp->submitted_on);
	pg_p_int(&p, rp->sample ? 1 : 0);
	r = pg_run_map(ps, sql_report_insert, &p, "写入进展报告", "同一报告期的报告版本冲突，请重试",
		       missing_assignment(rp->assignment_id, miss, sizeof(miss)), e);
	if (!r)
		return -1;
	rp->id = pg_col_int(r, 0, 0);
	PQclear(r);

	for (size_t i = 0; i < rp->nvalues; i++) {
		pg_p_init(&p);
		pg_p_int(&p, rp->id);
		pg_p_int(&p, rp->values[i].seq);
		pg_p_real(&p, rp->values[i].actual);
		if (pg_cmd(ps, sql_value_insert, &p, "写入目标完成值", "同一目标的完成值重复", NULL,
			   NULL, e))
			return -1;
	}
	for (size_t i = 0; i < rp->nattachments; i++) {
		pg_p_init(&p);
		pg_p_int(&p, rp->id);
		pg_p_int(&p, (int64_t)i + 1);
		pg_p_text0(&p, rp->attachments[i].sha256);
		pg_p_text0(&p, rp->attachments[i].name);
		if (pg_cmd(ps, sql_report_attachment_insert, &p, "写入报告附件", NULL,
			   "附件内容尚未保存", NULL, e))
			return -1;
	}
	return 0;
}

static int pg_attachment_put(struct store *st, const struct store_attachment *a, bool *added,
			     struct err *e)
{
	struct pg_params p;
	int64_t changed;

	pg_p_init(&p);
	pg_p_text0(&p, a->sha256);
	pg_p_int(&p, a->size);
	pg_p_text0(&p, a->mime);
	pg_p_text0(&p, a->name);
	pg_p_bytea(&p, a->data, (size_t)a->size);
	if (pg_cmd(pg_of(st), sql_attachment_put, &p, "写入附件", NULL, NULL, &changed, e))
		return -1;
	*added = changed == 1;
	return 0;
}

static int pg_attachment_get(struct store *st, const char *sha256, struct arena *a,
			     struct store_attachment *out, bool *found, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct pg_params p;
	PGresult *r;
	int ret = 0;

	pg_p_init(&p);
	pg_p_text0(&p, sha256);
	if (!(r = pg_run(ps, sql_attachment_get, &p, "读取附件", e)))
		return -1;
	if (PQntuples(r)) {
		size_t n = 0;
		unsigned char *bytes = PQunescapeBytea((const unsigned char *)PQgetvalue(r, 0, 4),
						       &n);
		void *copy;
		const char *sha = pg_col_text(r, 0, 0);

		if (!bytes) {
			PQclear(r);
			return err_set(e, ERR_STORE, "%s: 读取附件失败：内存不足", ps->where);
		}
		copy = arena_alloc(a, n ? n : 1);
		if (n)
			memcpy(copy, bytes, n);
		PQfreemem(bytes);
		memset(out, 0, sizeof(*out));
		snprintf(out->sha256, sizeof(out->sha256), "%s", sha ? sha : "");
		out->size = pg_col_int(r, 0, 1);
		out->mime = pg_col_dup0(r, 0, 2, a);
		out->name = pg_col_dup0(r, 0, 3, a);
		out->data = copy;
		out->recorded_at = pg_col_dup0(r, 0, 5, a);
		*found = true;
		if ((int64_t)n != out->size)
			ret = pg_bad_content(ps, "附件大小", out->sha256, e);
	}
	PQclear(r);
	return ret;
}

/* Of two reviews of one report at once, the second meets the first's primary key: ERR_CONFLICT. */
static int pg_review_insert(struct store *st, const struct store_review *rv, struct err *e)
{
	struct pg_params p;
	char conflict[96], miss[64];

	if (rv->decision != REVIEW_ACCEPTED && rv->decision != REVIEW_RETURNED)
		return err_set(e, ERR_INTERNAL, "内部错误：审核结论无效");
	pg_p_init(&p);
	pg_p_int(&p, rv->report_id);
	pg_p_text0(&p, review_name(rv->decision));
	pg_p_text0(&p, rv->reason);
	pg_p_text0(&p, rv->by);
	pg_p_date(&p, rv->on);
	pg_p_int(&p, rv->sample ? 1 : 0);
	snprintf(conflict, sizeof(conflict), "报告 %lld 已经审核过", (long long)rv->report_id);
	snprintf(miss, sizeof(miss), "没有 ID 为 %lld 的进展报告", (long long)rv->report_id);
	return pg_cmd(pg_of(st), sql_review_insert, &p, "记录审核", conflict, miss, NULL, e);
}

static int pg_extension_insert(struct store *st, struct store_extension *x, struct err *e)
{
	struct pg_params p;
	char miss[64];
	PGresult *r;

	pg_p_init(&p);
	pg_p_int(&p, x->assignment_id);
	pg_p_date(&p, x->old_due);
	pg_p_date(&p, x->new_due);
	pg_p_text0(&p, x->reason);
	pg_p_text0(&p, x->requested_by);
	pg_p_date(&p, x->requested_on);
	pg_p_int(&p, x->sample ? 1 : 0);
	r = pg_run_map(pg_of(st), sql_extension_insert, &p, "记录延期申请", NULL,
		       missing_assignment(x->assignment_id, miss, sizeof(miss)), e);
	if (!r)
		return -1;
	x->id = pg_col_int(r, 0, 0);
	PQclear(r);
	return 0;
}

static int pg_extension_decide(struct store *st, const struct store_extension *x, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct pg_params p;
	int64_t changed, n;

	if (x->state == EXT_PENDING || (x->state == EXT_APPROVED && !date_is_set(x->approved_due)))
		return err_set(e, ERR_INTERNAL, "内部错误：延期审批结论无效");
	pg_p_init(&p);
	pg_p_int(&p, x->id);
	pg_p_text0(&p, extension_state_code(x->state));
	if (x->state == EXT_APPROVED)
		pg_p_date(&p, x->approved_due);
	else
		pg_p_null(&p);
	pg_p_text0(&p, x->decision_note);
	pg_p_text0(&p, x->decided_by);
	pg_p_date(&p, x->decided_on);
	if (pg_cmd(ps, sql_extension_decide, &p, "记录延期审批", NULL, NULL, &changed, e))
		return -1;
	if (changed == 1)
		return 0;
	pg_p_init(&p);
	pg_p_int(&p, x->id);
	if (pg_query_int(ps, sql_extension_exists, &p, &n, "读取数据", e))
		return -1;
	if (n)
		return err_set(e, ERR_CONFLICT, "延期申请 %lld 已经审批过", (long long)x->id);
	return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的延期申请", (long long)x->id);
}

static int pg_verification_insert(struct store *st, const struct store_verification *v,
				  struct err *e)
{
	struct pg_params p;
	char miss[64], conflict[96];

	pg_p_init(&p);
	pg_p_int(&p, v->assignment_id);
	pg_p_date(&p, v->on);
	pg_p_text0(&p, v->by);
	pg_p_text0(&p, v->note);
	pg_p_int(&p, v->sample ? 1 : 0);
	snprintf(conflict, sizeof(conflict), "责任分工 %lld 已经销号", (long long)v->assignment_id);
	return pg_cmd(pg_of(st), sql_verification_insert, &p, "记录销号", conflict,
		      missing_assignment(v->assignment_id, miss, sizeof(miss)), NULL, e);
}

static int pg_reporting_counts(struct store *st, int64_t plan_id, enum cadence cadence,
			       struct store_reporting_counts *out, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct pg_params p;
	PGresult *r;

	pg_p_init(&p);
	pg_p_int(&p, plan_id);
	pg_p_text0(&p, cadence == CADENCE_QUARTERLY ? "^[0-9]{4}-Q[1-4]$" : "^[0-9]{4}-[0-9]{2}$");
	if (!(r = pg_run(ps, sql_count_reports, &p, "统计进展报告", e)))
		return -1;
	out->nreports = (size_t)pg_col_int(r, 0, 0);
	out->nother_cadence = (size_t)pg_col_int(r, 0, 1);
	PQclear(r);
	if (!(r = pg_run_id(ps, sql_count_sample, plan_id, "统计示例数据", e)))
		return -1;
	out->nsample = (size_t)pg_col_int(r, 0, 0);
	PQclear(r);
	return 0;
}

static const char pg_sql_reassignments[] =
	"SELECT d.assignment_id, d.new_assignment_id FROM disputes d"
	" JOIN assignments a ON a.id = d.assignment_id JOIN tasks t ON t.id = a.task_id"
	" WHERE d.decision = 'reassign' AND t.plan_id = $1 ORDER BY d.id";

static int pg_reassignments(struct store *st, int64_t plan_id, int64_t **from, int64_t **to,
			    size_t *n, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	PGresult *r;
	int rows;

	if (!(r = pg_run_id(ps, pg_sql_reassignments, plan_id, "读取改派记录", e)))
		return -1;
	rows = PQntuples(r);
	*from = xcalloc(rows ? (size_t)rows : 1, sizeof(**from));
	*to = xcalloc(rows ? (size_t)rows : 1, sizeof(**to));
	for (int i = 0; i < rows; i++) {
		(*from)[i] = pg_col_int(r, i, 0);
		(*to)[i] = pg_col_int(r, i, 1);
	}
	*n = (size_t)rows;
	PQclear(r);
	return 0;
}

const struct store_report_ops pg_report_ops = {
	.calendar_get = pg_calendar_get,
	.calendar_set = pg_calendar_set,
	.assignment_ctx_get = pg_assignment_ctx_get,
	.reporting_load = pg_reporting_load,
	.reporting_load_recent = pg_reporting_load_recent,
	.report_version_get = pg_report_version_get,
	.report_get = pg_report_get,
	.extension_get = pg_extension_get,
	.facts_load = pg_facts_load,
	.signoff_insert = pg_signoff_insert,
	.dispute_insert = pg_dispute_insert,
	.dispute_decide = pg_dispute_decide,
	.report_insert = pg_report_insert,
	.attachment_put = pg_attachment_put,
	.attachment_get = pg_attachment_get,
	.review_insert = pg_review_insert,
	.extension_insert = pg_extension_insert,
	.extension_decide = pg_extension_decide,
	.verification_insert = pg_verification_insert,
	.reporting_counts = pg_reporting_counts,
	.reassignments = pg_reassignments,
};
