/* The SQLite backend's reporting: calendars, sign-for, disputes, reports, reviews, extensions, verification (schema level 4). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"
#include "store/store_reports_impl.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* The time of record, as store_now() gives it. */
#define NOW SQ_NOW_MS

/* Restrict rows of table alias X (with an assignment_id) to plan ?1. */
#define IN_PLAN(x)                                                                \
	" JOIN assignments a ON a.id = " x ".assignment_id"                      \
	" JOIN tasks t ON t.id = a.task_id WHERE t.plan_id = ?1"

/* ---- SQL ---- */

static const char sql_cal_get[] =
	"SELECT cadence, due_day, first_period FROM calendars WHERE plan_id = ?1";
static const char sql_cal_set[] =
	"INSERT INTO calendars (plan_id, cadence, due_day, first_period, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, " NOW ")"
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
	" WHERE a.id = ?1";
static const char sql_ctx_targets[] =
	"SELECT metric, value, max, unit, cmp, text, qualifier FROM targets"
	" WHERE task_id = ?1 ORDER BY seq";
static const char sql_ctx_milestones[] =
	"SELECT due_on, text FROM milestones WHERE task_id = ?1 ORDER BY seq";

#define SIGNOFF_COLS \
	"SELECT assignment_id, signed_on, signed_by, note, recorded_at, sample FROM signoffs"
static const char sql_signoff_of[] = SIGNOFF_COLS " WHERE assignment_id = ?1";

#define DISPUTE_COLS                                                                   \
	"SELECT id, assignment_id, reason, raised_by, raised_on, recorded_at, decision,"   \
	" new_assignment_id, decision_note, decided_by, decided_on, decided_recorded_at,"  \
	" sample FROM disputes"
static const char sql_dispute_of[] = DISPUTE_COLS " WHERE assignment_id = ?1";
static const char sql_dispute_to[] = DISPUTE_COLS " WHERE new_assignment_id = ?1";

#define REPORT_FIELDS                                                                    \
	" r.id, r.assignment_id, r.period, r.version, r.percent, r.progress,"                \
	" r.problems, r.next_steps, r.likelihood, r.author, r.submitted_on, r.recorded_at,"  \
	" r.sample, v.decision, v.reason, v.reviewer, v.reviewed_on, v.recorded_at, v.sample"
#define REPORT_COLS \
	"SELECT" REPORT_FIELDS " FROM reports r LEFT JOIN reviews v ON v.report_id = r.id"
static const char sql_reports_of[] =
	REPORT_COLS " WHERE r.assignment_id = ?1 ORDER BY r.period, r.version";
static const char sql_report_by_id[] = REPORT_COLS " WHERE r.id = ?1";
static const char sql_report_by_version[] =
	REPORT_COLS " WHERE r.assignment_id = ?1 AND r.period = ?2 AND r.version = ?3";
/*
 * For each of the ?3 newest periods its latest version and its latest
 * submitted on or before ?2, then those rows.  The periods are found by
 * skipping down the unique index (one seek each) and each version by a
 * seek: the cost follows the periods read, not the versions.  CROSS JOIN
 * keeps the periods as the outer loop.
 */
static const char sql_reports_recent[] =
	"WITH RECURSIVE p(period, n) AS"
	" (SELECT max(period), 1 FROM reports WHERE assignment_id = ?1"
	" UNION ALL SELECT (SELECT max(period) FROM reports"
	" WHERE assignment_id = ?1 AND period < p.period), n + 1 FROM p"
	" WHERE p.period IS NOT NULL AND n < ?3),"
	" h(period, last, used) AS MATERIALIZED (SELECT period,"
	" (SELECT max(version) FROM reports WHERE assignment_id = ?1 AND period = p.period),"
	" (SELECT max(version) FROM reports WHERE assignment_id = ?1 AND period = p.period"
	" AND submitted_on <= ?2) FROM p WHERE p.period IS NOT NULL)"
	" SELECT" REPORT_FIELDS " FROM h CROSS JOIN reports r"
	" LEFT JOIN reviews v ON v.report_id = r.id"
	" WHERE r.assignment_id = ?1 AND r.period = h.period AND r.version IN (h.last, h.used)"
	" ORDER BY r.period, r.version";
static const char sql_values_of[] =
	"SELECT seq, actual FROM report_values WHERE report_id = ?1 ORDER BY seq";
static const char sql_attachments_of[] =
	"SELECT ra.sha256, ra.name, f.mime, f.size FROM report_attachments ra"
	" JOIN attachments f ON f.sha256 = ra.sha256 WHERE ra.report_id = ?1 ORDER BY ra.seq";

#define EXTENSION_COLS                                                                  \
	"SELECT id, assignment_id, old_due, new_due, reason, requested_by, requested_on,"   \
	" recorded_at, state, approved_due, decision_note, decided_by, decided_on,"         \
	" decided_recorded_at, sample FROM extensions"
static const char sql_extensions_of[] = EXTENSION_COLS " WHERE assignment_id = ?1 ORDER BY id";
static const char sql_extension_by_id[] = EXTENSION_COLS " WHERE id = ?1";

#define VERIFICATION_COLS \
	"SELECT assignment_id, verified_on, verified_by, note, recorded_at, sample FROM verifications"
static const char sql_verification_of[] = VERIFICATION_COLS " WHERE assignment_id = ?1";

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
	" ORDER BY r.assignment_id, r.period, r.version";
static const char sql_f_extensions[] =
	"SELECT x.assignment_id, x.requested_on, coalesce(x.approved_due, x.new_due), x.state,"
	" x.decided_on, x.sample FROM extensions x" IN_PLAN("x") " ORDER BY x.assignment_id, x.id";
static const char sql_f_verifies[] =
	"SELECT w.assignment_id, w.verified_on, w.sample FROM verifications w" IN_PLAN("w")
	" ORDER BY w.assignment_id";

static const char sql_signoff_insert[] =
	"INSERT INTO signoffs (assignment_id, signed_on, signed_by, note, recorded_at, sample)"
	" VALUES (?1, ?2, ?3, ?4, " NOW ", ?5)";
static const char sql_dispute_insert[] =
	"INSERT INTO disputes (assignment_id, reason, raised_by, raised_on, recorded_at, sample)"
	" VALUES (?1, ?2, ?3, ?4, " NOW ", ?5)";
static const char sql_dispute_decide[] =
	"UPDATE disputes SET decision = ?2, new_assignment_id = ?3, decision_note = ?4,"
	" decided_by = ?5, decided_on = ?6, decided_recorded_at = " NOW
	" WHERE id = ?1 AND decision IS NULL";
static const char sql_dispute_exists[] = "SELECT count(*) FROM disputes WHERE id = ?1";
static const char sql_report_next_version[] =
	"SELECT coalesce(max(version), 0) + 1 FROM reports WHERE assignment_id = ?1 AND period = ?2";
static const char sql_report_insert[] =
	"INSERT INTO reports (assignment_id, period, version, percent, progress, problems,"
	" next_steps, likelihood, author, submitted_on, recorded_at, sample)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, " NOW ", ?11)";
static const char sql_value_insert[] =
	"INSERT INTO report_values (report_id, seq, actual) VALUES (?1, ?2, ?3)";
static const char sql_report_attachment_insert[] =
	"INSERT INTO report_attachments (report_id, seq, sha256, name) VALUES (?1, ?2, ?3, ?4)";
static const char sql_attachment_put[] =
	"INSERT INTO attachments (sha256, size, mime, name, data, recorded_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, " NOW ") ON CONFLICT (sha256) DO NOTHING";
static const char sql_attachment_get[] =
	"SELECT sha256, size, mime, name, data, recorded_at FROM attachments WHERE sha256 = ?1";
static const char sql_review_insert[] =
	"INSERT INTO reviews (report_id, decision, reason, reviewer, reviewed_on, recorded_at, sample)"
	" VALUES (?1, ?2, ?3, ?4, ?5, " NOW ", ?6)";
static const char sql_extension_insert[] =
	"INSERT INTO extensions (assignment_id, old_due, new_due, reason, requested_by,"
	" requested_on, recorded_at, sample) VALUES (?1, ?2, ?3, ?4, ?5, ?6, " NOW ", ?7)";
static const char sql_extension_decide[] =
	"UPDATE extensions SET state = ?2, approved_due = ?3, decision_note = ?4, decided_by = ?5,"
	" decided_on = ?6, decided_recorded_at = " NOW " WHERE id = ?1 AND state = 'pending'";
static const char sql_extension_exists[] = "SELECT count(*) FROM extensions WHERE id = ?1";
static const char sql_verification_insert[] =
	"INSERT INTO verifications (assignment_id, verified_on, verified_by, note, recorded_at,"
	" sample) VALUES (?1, ?2, ?3, ?4, " NOW ", ?5)";

static const char sql_count_reports[] =
	"SELECT count(*), coalesce(sum(r.period NOT GLOB ?2), 0) FROM reports r" IN_PLAN("r");
static const char sql_count_sample[] =
	"SELECT (SELECT count(*) FROM signoffs x" IN_PLAN("x") " AND x.sample = 1)"
	" + (SELECT count(*) FROM disputes x" IN_PLAN("x") " AND x.sample = 1)"
	" + (SELECT count(*) FROM reports x" IN_PLAN("x") " AND x.sample = 1)"
	" + (SELECT count(*) FROM extensions x" IN_PLAN("x") " AND x.sample = 1)"
	" + (SELECT count(*) FROM verifications x" IN_PLAN("x") " AND x.sample = 1)"
	" + (SELECT count(*) FROM reviews v JOIN reports x ON x.id = v.report_id" IN_PLAN("x")
	" AND v.sample = 1)";

/* ---- helpers ---- */

static int64_t query_count1(struct sqlite_store *ss, const char *sql, int64_t id, struct err *e)
{
	sqlite3_stmt *s = sq_stmt(ss, sql, e);
	int64_t n = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	else
		sq_fail(ss, "读取数据", e);
	sq_done(s);
	return n;
}

static int col_likelihood(struct sqlite_store *ss, sqlite3_stmt *s, int i, enum likelihood *out,
			  struct err *e)
{
	const char *t = sq_col_text(s, i);

	*out = LIKELIHOOD_NONE;
	if (!t || !*t)
		return 0;
	if (likelihood_parse(t, out))
		return sq_bad_content(ss, "自评", t, e);
	return 0;
}

/* A review decision column: NULL is pending. */
static int col_review(struct sqlite_store *ss, sqlite3_stmt *s, int i, enum review_state *out,
		      struct err *e)
{
	const char *t = sq_col_text(s, i);

	*out = REVIEW_PENDING;
	if (!t)
		return 0;
	if (review_parse(t, out) || *out == REVIEW_PENDING)
		return sq_bad_content(ss, "审核结论", t, e);
	return 0;
}

static int col_dispute_decision(struct sqlite_store *ss, sqlite3_stmt *s, int i,
				enum store_dispute_decision *out, struct err *e)
{
	const char *t = sq_col_text(s, i);

	*out = STORE_DISPUTE_OPEN;
	if (!t)
		return 0;
	if (!strcmp(t, "confirm"))
		*out = STORE_DISPUTE_CONFIRMED;
	else if (!strcmp(t, "reassign"))
		*out = STORE_DISPUTE_REASSIGNED;
	else
		return sq_bad_content(ss, "退回处理结论", t, e);
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

static int col_extension_state(struct sqlite_store *ss, sqlite3_stmt *s, int i,
			       enum extension_state *out, struct err *e)
{
	const char *t = sq_col_text(s, i);

	if (t && !strcmp(t, "pending"))
		*out = EXT_PENDING;
	else if (t && !strcmp(t, "approved"))
		*out = EXT_APPROVED;
	else if (t && !strcmp(t, "refused"))
		*out = EXT_REFUSED;
	else
		return sq_bad_content(ss, "延期申请状态", t, e);
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

static int sqlite_calendar_get(struct store *st, int64_t plan_id, struct calendar *out, bool *found,
			struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_cal_get, e);
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const char *cad = sq_col_text(s, 0);

		memset(out, 0, sizeof(*out));
		if (!cad || cadence_parse(cad, &out->cadence)) {
			sq_bad_content(ss, "报告周期", cad, e);
			goto out;
		}
		out->due_day = sqlite3_column_int(s, 1);
		if (sq_col_period(ss, s, 2, &out->first, e))
			goto out;
		if (calendar_check(out, NULL)) {
			sq_bad_content(ss, "报告日历", sq_col_text(s, 2), e);
			goto out;
		}
		*found = true;
	} else if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取报告周期", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int sqlite_calendar_set(struct store *st, int64_t plan_id, const struct calendar *cal,
			struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_cal_set, e);
	char first[PERIOD_STR_LEN];

	if (!s)
		return -1;
	period_format(cal->first, first);
	sqlite3_bind_int64(s, 1, plan_id);
	sq_bind_text0(s, 2, cadence_name(cal->cadence));
	sqlite3_bind_int(s, 3, cal->due_day);
	sq_bind_text0(s, 4, first);
	return sq_step_write(ss, s, "设置报告周期", NULL, "没有这份清单", e);
}

/* ---- one assignment with its plan and task ---- */

static int ctx_targets(struct sqlite_store *ss, struct store_assignment_ctx *c, struct err *e)
{
	sqlite3_stmt *s = sq_stmt(ss, sql_ctx_targets, e);
	size_t alloc = 0;
	struct target *v = NULL;
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, c->row.a.task_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct target *t;

		if (c->task.ntargets == alloc) {
			struct target *nv;

			alloc = alloc ? alloc * 2 : 8;
			nv = arena_zalloc(&c->arena, alloc * sizeof(*nv));
			if (c->task.ntargets)
				memcpy(nv, v, c->task.ntargets * sizeof(*nv));
			v = nv;
		}
		t = &v[c->task.ntargets++];
		t->metric = sq_col_dup0(s, 0, &c->arena);
		t->value = sqlite3_column_double(s, 1);
		t->max = sqlite3_column_double(s, 2);
		t->unit = sq_col_dup0(s, 3, &c->arena);
		if (!sq_col_text(s, 4) || target_cmp_parse(sq_col_text(s, 4), &t->cmp)) {
			sq_bad_content(ss, "目标比较方式", sq_col_text(s, 4), e);
			goto out;
		}
		t->text = sq_col_dup0(s, 5, &c->arena);
		t->qualifier = sq_col_dup(s, 6, &c->arena);
	}
	if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取量化目标", e);
		goto out;
	}
	c->task.targets = v;
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int ctx_milestones(struct sqlite_store *ss, struct store_assignment_ctx *c,
			  struct err *e)
{
	sqlite3_stmt *s = sq_stmt(ss, sql_ctx_milestones, e);
	size_t alloc = 0;
	struct milestone *v = NULL;
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, c->row.a.task_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct milestone *m;

		if (c->task.nmilestones == alloc) {
			struct milestone *nv;

			alloc = alloc ? alloc * 2 : 4;
			nv = arena_zalloc(&c->arena, alloc * sizeof(*nv));
			if (c->task.nmilestones)
				memcpy(nv, v, c->task.nmilestones * sizeof(*nv));
			v = nv;
		}
		m = &v[c->task.nmilestones++];
		if (sq_col_date(ss, s, 0, &m->due, "时间节点", e))
			goto out;
		m->text = sq_col_dup0(s, 1, &c->arena);
	}
	if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取时间节点", e);
		goto out;
	}
	c->task.milestones = v;
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int sqlite_assignment_ctx_get(struct store *st, int64_t id, struct store_assignment_ctx *out,
			      bool *found, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_ctx, e);
	struct store_assignment_row *r = &out->row;
	int rc, ret = -1;
	bool own_tx = !st->in_tx && !st->in_batch;

	if (!s)
		return -1;
	if (own_tx && sq_exec(ss, "BEGIN", "开始读取", e))
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		ret = 0;
		goto out;
	}
	if (rc != SQLITE_ROW) {
		sq_fail(ss, "读取责任分工", e);
		goto out;
	}
	memset(r, 0, sizeof(*r));
	r->a.id = sqlite3_column_int64(s, 0);
	r->a.task_id = sqlite3_column_int64(s, 1);
	r->a.unit_id = sqlite3_column_int64(s, 2);
	r->a.via_group_id = sqlite3_column_int64(s, 3);
	if (assign_role_parse(sq_col_text(s, 4), &r->a.role)) {
		sq_bad_content(ss, "责任分工的角色", sq_col_text(s, 4), e);
		goto out;
	}
	r->a.position = sqlite3_column_int(s, 5) - 1;
	if (sq_col_text(s, 6) && !strcmp(sq_col_text(s, 6), "retired"))
		r->a.flags |= ASSIGN_RETIRED;
	r->plan_id = sqlite3_column_int64(s, 7);
	r->task_no = sqlite3_column_int(s, 8);
	r->a.written = sq_col_dup0(s, 9, &out->arena);
	r->a.unit_name = r->a.unit_id ? sq_col_dup0(s, 10, &out->arena) : r->a.written;
	r->group_name = sq_col_dup(s, 11, &out->arena);
	r->created_at = sq_col_dup0(s, 12, &out->arena);
	r->updated_at = sq_col_dup0(s, 13, &out->arena);
	out->plan_doc_no = sq_col_dup0(s, 14, &out->arena);
	out->plan_title = sq_col_dup0(s, 15, &out->arena);
	if (sq_col_date(ss, s, 16, &out->plan_issued, "成文日期", e))
		goto out;
	out->plan_year = sqlite3_column_int(s, 17);
	memset(&out->task, 0, sizeof(out->task));
	out->task.no = r->task_no;
	out->task.section = sq_col_dup0(s, 18, &out->arena);
	out->task.text = sq_col_dup0(s, 19, &out->arena);
	if (sq_col_date(ss, s, 20, &out->task.due, "完成时限", e))
		goto out;
	out->task.leader = sq_col_dup(s, 21, &out->arena);
	out->task.line = sqlite3_column_int(s, 22);
	sq_done(s);
	s = NULL;
	if (ctx_targets(ss, out, e) || ctx_milestones(ss, out, e))
		goto out;
	*found = true;
	ret = 0;
out:
	if (s)
		sq_done(s);
	if (own_tx)
		sqlite3_exec(ss->db, "COMMIT", NULL, NULL, NULL);
	return ret;
}

/* ---- reading records with their texts ---- */

static int fill_signoff(struct sqlite_store *ss, sqlite3_stmt *s, struct arena *a,
			struct store_signoff *o, struct err *e)
{
	memset(o, 0, sizeof(*o));
	o->assignment_id = sqlite3_column_int64(s, 0);
	if (sq_col_date(ss, s, 1, &o->on, "签收日期", e))
		return -1;
	o->by = sq_col_dup0(s, 2, a);
	o->note = sq_col_dup0(s, 3, a);
	o->recorded_at = sq_col_dup0(s, 4, a);
	o->sample = sqlite3_column_int(s, 5) != 0;
	return 0;
}

static int fill_dispute(struct sqlite_store *ss, sqlite3_stmt *s, struct arena *a,
			struct store_dispute *o, struct err *e)
{
	memset(o, 0, sizeof(*o));
	o->id = sqlite3_column_int64(s, 0);
	o->assignment_id = sqlite3_column_int64(s, 1);
	o->reason = sq_col_dup0(s, 2, a);
	o->raised_by = sq_col_dup0(s, 3, a);
	if (sq_col_date(ss, s, 4, &o->raised_on, "退回日期", e))
		return -1;
	o->recorded_at = sq_col_dup0(s, 5, a);
	if (col_dispute_decision(ss, s, 6, &o->decision, e))
		return -1;
	o->new_assignment_id = sqlite3_column_int64(s, 7);
	o->decision_note = sq_col_dup0(s, 8, a);
	o->decided_by = sq_col_dup0(s, 9, a);
	if (sq_col_date(ss, s, 10, &o->decided_on, "退回处理日期", e))
		return -1;
	o->decided_recorded_at = sq_col_dup0(s, 11, a);
	o->sample = sqlite3_column_int(s, 12) != 0;
	return 0;
}

static int fill_extension(struct sqlite_store *ss, sqlite3_stmt *s, struct arena *a,
			  struct store_extension *o, struct err *e)
{
	memset(o, 0, sizeof(*o));
	o->id = sqlite3_column_int64(s, 0);
	o->assignment_id = sqlite3_column_int64(s, 1);
	if (sq_col_date(ss, s, 2, &o->old_due, "原完成时限", e) ||
	    sq_col_date(ss, s, 3, &o->new_due, "申请的完成时限", e))
		return -1;
	o->reason = sq_col_dup0(s, 4, a);
	o->requested_by = sq_col_dup0(s, 5, a);
	if (sq_col_date(ss, s, 6, &o->requested_on, "延期申请日期", e))
		return -1;
	o->recorded_at = sq_col_dup0(s, 7, a);
	if (col_extension_state(ss, s, 8, &o->state, e) ||
	    sq_col_date(ss, s, 9, &o->approved_due, "批准的完成时限", e))
		return -1;
	o->decision_note = sq_col_dup0(s, 10, a);
	o->decided_by = sq_col_dup0(s, 11, a);
	if (sq_col_date(ss, s, 12, &o->decided_on, "延期审批日期", e))
		return -1;
	o->decided_recorded_at = sq_col_dup0(s, 13, a);
	o->sample = sqlite3_column_int(s, 14) != 0;
	return 0;
}

static int fill_verification(struct sqlite_store *ss, sqlite3_stmt *s, struct arena *a,
			     struct store_verification *o, struct err *e)
{
	memset(o, 0, sizeof(*o));
	o->assignment_id = sqlite3_column_int64(s, 0);
	if (sq_col_date(ss, s, 1, &o->on, "销号日期", e))
		return -1;
	o->by = sq_col_dup0(s, 2, a);
	o->note = sq_col_dup0(s, 3, a);
	o->recorded_at = sq_col_dup0(s, 4, a);
	o->sample = sqlite3_column_int(s, 5) != 0;
	return 0;
}

/* A report row (REPORT_COLS), without values and attachments. */
static int fill_report(struct sqlite_store *ss, sqlite3_stmt *s, struct arena *a,
		       struct store_report *o, struct err *e)
{
	memset(o, 0, sizeof(*o));
	o->id = sqlite3_column_int64(s, 0);
	o->assignment_id = sqlite3_column_int64(s, 1);
	if (sq_col_period(ss, s, 2, &o->period, e))
		return -1;
	o->version = sqlite3_column_int(s, 3);
	o->percent = sqlite3_column_double(s, 4);
	o->progress = sq_col_dup0(s, 5, a);
	o->problems = sq_col_dup0(s, 6, a);
	o->next_steps = sq_col_dup0(s, 7, a);
	if (col_likelihood(ss, s, 8, &o->likelihood, e))
		return -1;
	o->author = sq_col_dup0(s, 9, a);
	if (sq_col_date(ss, s, 10, &o->submitted_on, "报送日期", e))
		return -1;
	o->recorded_at = sq_col_dup0(s, 11, a);
	o->sample = sqlite3_column_int(s, 12) != 0;
	if (col_review(ss, s, 13, &o->review, e))
		return -1;
	if (o->review != REVIEW_PENDING) {
		o->review_reason = sq_col_dup0(s, 14, a);
		o->reviewer = sq_col_dup0(s, 15, a);
		if (sq_col_date(ss, s, 16, &o->reviewed_on, "审核日期", e))
			return -1;
		o->reviewed_recorded_at = sq_col_dup0(s, 17, a);
		o->review_sample = sqlite3_column_int(s, 18) != 0;
	}
	return 0;
}

/* The values and attachments of report o->id. */
static int report_parts(struct sqlite_store *ss, struct arena *a, struct store_report *o,
			struct err *e)
{
	sqlite3_stmt *s = sq_stmt(ss, sql_values_of, e);
	struct store_report_value *vals = NULL;
	struct store_report_attachment *atts = NULL;
	size_t alloc = 0, n = 0;
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, o->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == alloc) {
			struct store_report_value *nv;

			alloc = alloc ? alloc * 2 : 4;
			nv = arena_alloc(a, alloc * sizeof(*nv));
			if (n)
				memcpy(nv, vals, n * sizeof(*nv));
			vals = nv;
		}
		vals[n].seq = sqlite3_column_int(s, 0);
		vals[n++].actual = sqlite3_column_double(s, 1);
	}
	sq_done(s);
	if (rc != SQLITE_DONE)
		return sq_fail(ss, "读取目标完成值", e);
	o->values = vals;
	o->nvalues = n;

	if (!(s = sq_stmt(ss, sql_attachments_of, e)))
		return -1;
	alloc = n = 0;
	sqlite3_bind_int64(s, 1, o->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == alloc) {
			struct store_report_attachment *nv;

			alloc = alloc ? alloc * 2 : 4;
			nv = arena_alloc(a, alloc * sizeof(*nv));
			if (n)
				memcpy(nv, atts, n * sizeof(*nv));
			atts = nv;
		}
		snprintf(atts[n].sha256, sizeof(atts[n].sha256), "%s",
			 sq_col_text(s, 0) ? sq_col_text(s, 0) : "");
		atts[n].name = sq_col_dup0(s, 1, a);
		atts[n].mime = sq_col_dup0(s, 2, a);
		atts[n++].size = sqlite3_column_int64(s, 3);
	}
	sq_done(s);
	if (rc != SQLITE_DONE)
		return sq_fail(ss, "读取附件", e);
	o->attachments = atts;
	o->nattachments = n;
	return 0;
}

static int load_signoff(struct sqlite_store *ss, int64_t id, struct arena *a,
			struct store_signoff **dst, struct err *e)
{
	sqlite3_stmt *s = sq_stmt(ss, sql_signoff_of, e);
	int rc, ret = -1;

	*dst = NULL;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		struct store_signoff *o = arena_alloc(a, sizeof(*o));

		if (!fill_signoff(ss, s, a, o, e)) {
			*dst = o;
			ret = 0;
		}
	} else if (rc == SQLITE_DONE) {
		ret = 0;
	} else {
		sq_fail(ss, "读取签收记录", e);
	}
	sq_done(s);
	return ret;
}

static int load_dispute(struct sqlite_store *ss, const char *sql, int64_t id, struct arena *a,
			struct store_dispute **dst, struct err *e)
{
	sqlite3_stmt *s = sq_stmt(ss, sql, e);
	int rc, ret = -1;

	*dst = NULL;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		struct store_dispute *o = arena_alloc(a, sizeof(*o));

		if (!fill_dispute(ss, s, a, o, e)) {
			*dst = o;
			ret = 0;
		}
	} else if (rc == SQLITE_DONE) {
		ret = 0;
	} else {
		sq_fail(ss, "读取退回记录", e);
	}
	sq_done(s);
	return ret;
}

static int load_verification(struct sqlite_store *ss, int64_t id, struct arena *a,
			     struct store_verification **dst, struct err *e)
{
	sqlite3_stmt *s = sq_stmt(ss, sql_verification_of, e);
	int rc, ret = -1;

	*dst = NULL;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		struct store_verification *o = arena_alloc(a, sizeof(*o));

		if (!fill_verification(ss, s, a, o, e)) {
			*dst = o;
			ret = 0;
		}
	} else if (rc == SQLITE_DONE) {
		ret = 0;
	} else {
		sq_fail(ss, "读取销号记录", e);
	}
	sq_done(s);
	return ret;
}

/*
 * The reports of `id` by period and version: every one (`day` unset), with
 * its values and attachments, or the recent ones of the `nperiods` newest
 * periods (store_reporting_load_recent), the last with its values and
 * attachments.
 */
static int load_reports(struct sqlite_store *ss, int64_t id, struct date day, size_t nperiods,
			struct store_reporting *out, struct err *e)
{
	bool recent = date_is_set(day);
	sqlite3_stmt *s = sq_stmt(ss, recent ? sql_reports_recent : sql_reports_of, e);
	char d[DATE_ISO_LEN];
	size_t alloc = 0;
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (recent) {
		sq_bind_date(s, 2, day, d);
		/* 0: every period */
		sqlite3_bind_int64(s, 3, nperiods && nperiods <= (size_t)INT64_MAX
						 ? (int64_t)nperiods : INT64_MAX);
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ALLOC_GROW(out->reports, out->nreports + 1, alloc);
		if (fill_report(ss, s, &out->arena, &out->reports[out->nreports], e))
			goto out;
		out->nreports++;
	}
	if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取进展报告", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	for (size_t i = recent && out->nreports ? out->nreports - 1 : 0; !ret && i < out->nreports;
	     i++)
		if (report_parts(ss, &out->arena, &out->reports[i], e))
			ret = -1;
	return ret;
}

static int load_extensions(struct sqlite_store *ss, int64_t id, struct store_reporting *out,
			   struct err *e)
{
	sqlite3_stmt *s = sq_stmt(ss, sql_extensions_of, e);
	size_t alloc = 0;
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ALLOC_GROW(out->extensions, out->nextensions + 1, alloc);
		if (fill_extension(ss, s, &out->arena, &out->extensions[out->nextensions], e))
			goto out;
		out->nextensions++;
	}
	if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取延期申请", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

/* Every report (`day` unset) or the recent ones: load_reports. */
static int reporting_load(struct store *st, int64_t assignment_id, struct date day,
			  size_t nperiods, struct store_reporting *out, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	bool own_tx = !st->in_tx && !st->in_batch;
	int ret = -1;

	if (own_tx && sq_exec(ss, "BEGIN", "开始读取", e))
		return -1;
	if (load_signoff(ss, assignment_id, &out->arena, &out->signoff, e) ||
	    load_dispute(ss, sql_dispute_of, assignment_id, &out->arena, &out->dispute, e) ||
	    load_dispute(ss, sql_dispute_to, assignment_id, &out->arena, &out->reassigned_from, e) ||
	    load_reports(ss, assignment_id, day, nperiods, out, e) ||
	    load_extensions(ss, assignment_id, out, e) ||
	    load_verification(ss, assignment_id, &out->arena, &out->verification, e))
		goto out;
	ret = 0;
out:
	if (own_tx)
		sqlite3_exec(ss->db, "COMMIT", NULL, NULL, NULL);
	return ret;
}

static int sqlite_reporting_load(struct store *st, int64_t assignment_id,
				 struct store_reporting *out, struct err *e)
{
	return reporting_load(st, assignment_id, DATE_NONE, 0, out, e);
}

static int sqlite_reporting_load_recent(struct store *st, int64_t assignment_id, struct date day,
					size_t nperiods, struct store_reporting *out,
					struct err *e)
{
	return reporting_load(st, assignment_id, day, nperiods, out, e);
}

/* The report statement `s` selects (bound), whole. */
static int report_one(struct sqlite_store *ss, sqlite3_stmt *s, struct arena *a,
		      struct store_report *out, bool *found, struct err *e)
{
	int rc, ret = -1;

	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (fill_report(ss, s, a, out, e))
			goto out;
		*found = true;
	} else if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取进展报告", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	if (!ret && *found && report_parts(ss, a, out, e))
		ret = -1;
	return ret;
}

static int sqlite_report_get(struct store *st, int64_t id, struct arena *a, struct store_report *out,
		      bool *found, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_report_by_id, e);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return report_one(ss, s, a, out, found, e);
}

static int sqlite_report_version_get(struct store *st, int64_t assignment_id, struct period period,
				     int version, struct arena *a, struct store_report *out,
				     bool *found, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_report_by_version, e);
	char p[PERIOD_STR_LEN];

	if (!s)
		return -1;
	period_format(period, p);
	sqlite3_bind_int64(s, 1, assignment_id);
	sq_bind_text0(s, 2, p);
	sqlite3_bind_int(s, 3, version);
	return report_one(ss, s, a, out, found, e);
}

static int sqlite_extension_get(struct store *st, int64_t id, struct arena *a,
			 struct store_extension *out, bool *found, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_extension_by_id, e);
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (fill_extension(ss, s, a, out, e))
			goto out;
		*found = true;
	} else if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取延期申请", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

/* ---- plan-wide facts ---- */

static int facts_signs(struct sqlite_store *ss, int64_t plan_id, struct store_facts *f,
		       const char *sql, int64_t **of, struct date **on, size_t *n, struct err *e)
{
	sqlite3_stmt *s = sq_stmt(ss, sql, e);
	size_t alloc_of = 0, alloc_on = 0;
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ALLOC_GROW(*of, *n + 1, alloc_of);
		ALLOC_GROW(*on, *n + 1, alloc_on);
		(*of)[*n] = sqlite3_column_int64(s, 0);
		if (sq_col_date(ss, s, 1, &(*on)[*n], "日期", e))
			goto out;
		if (!date_is_set((*on)[*n])) {
			sq_bad_content(ss, "日期", NULL, e);
			goto out;
		}
		f->nsample += (size_t)sqlite3_column_int(s, 2);
		(*n)++;
	}
	if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取报送记录", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int facts_disputes(struct sqlite_store *ss, int64_t plan_id, struct store_facts *f,
			  struct err *e)
{
	sqlite3_stmt *s = sq_stmt(ss, sql_f_disputes, e);
	size_t a1 = 0, a2 = 0, a3 = 0;
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct dispute *d;
		enum store_dispute_decision dec;

		ALLOC_GROW(f->dispute_of, f->ndisputes + 1, a1);
		ALLOC_GROW(f->disputes, f->ndisputes + 1, a2);
		ALLOC_GROW(f->new_assignment, f->ndisputes + 1, a3);
		f->dispute_of[f->ndisputes] = sqlite3_column_int64(s, 0);
		d = &f->disputes[f->ndisputes];
		memset(d, 0, sizeof(*d));
		if (sq_col_date(ss, s, 1, &d->raised_at, "退回日期", e) ||
		    col_dispute_decision(ss, s, 2, &dec, e) ||
		    sq_col_date(ss, s, 3, &d->decided_at, "退回处理日期", e))
			goto out;
		d->state = dec == STORE_DISPUTE_CONFIRMED    ? DISPUTE_REJECTED
			   : dec == STORE_DISPUTE_REASSIGNED ? DISPUTE_UPHELD
							     : DISPUTE_OPEN;
		f->new_assignment[f->ndisputes] = sqlite3_column_int64(s, 4);
		f->nsample += (size_t)sqlite3_column_int(s, 5);
		f->ndisputes++;
	}
	if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取退回记录", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int facts_reports(struct sqlite_store *ss, int64_t plan_id, struct store_facts *f,
			 struct err *e)
{
	sqlite3_stmt *s = sq_stmt(ss, sql_f_reports, e);
	size_t a1 = 0, a2 = 0;
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct report_fact *r;

		ALLOC_GROW(f->report_of, f->nreports + 1, a1);
		ALLOC_GROW(f->reports, f->nreports + 1, a2);
		f->report_of[f->nreports] = sqlite3_column_int64(s, 0);
		r = &f->reports[f->nreports];
		memset(r, 0, sizeof(*r));
		if (sq_col_period(ss, s, 1, &r->period, e))
			goto out;
		r->version = sqlite3_column_int(s, 2);
		if (sq_col_date(ss, s, 3, &r->submitted_at, "报送日期", e))
			goto out;
		r->percent = sqlite3_column_double(s, 4);
		if (col_likelihood(ss, s, 5, &r->likelihood, e) ||
		    col_review(ss, s, 6, &r->review, e) ||
		    sq_col_date(ss, s, 7, &r->reviewed_at, "审核日期", e))
			goto out;
		f->nsample += (size_t)sqlite3_column_int(s, 8);
		f->nreports++;
	}
	if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取进展报告", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int facts_extensions(struct sqlite_store *ss, int64_t plan_id, struct store_facts *f,
			    struct err *e)
{
	sqlite3_stmt *s = sq_stmt(ss, sql_f_extensions, e);
	size_t a1 = 0, a2 = 0;
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct extension *x;

		ALLOC_GROW(f->extension_of, f->nextensions + 1, a1);
		ALLOC_GROW(f->extensions, f->nextensions + 1, a2);
		f->extension_of[f->nextensions] = sqlite3_column_int64(s, 0);
		x = &f->extensions[f->nextensions];
		memset(x, 0, sizeof(*x));
		if (sq_col_date(ss, s, 1, &x->requested_at, "延期申请日期", e) ||
		    sq_col_date(ss, s, 2, &x->new_due, "延期后的完成时限", e) ||
		    col_extension_state(ss, s, 3, &x->state, e) ||
		    sq_col_date(ss, s, 4, &x->decided_at, "延期审批日期", e))
			goto out;
		f->nsample += (size_t)sqlite3_column_int(s, 5);
		f->nextensions++;
	}
	if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取延期申请", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int sqlite_facts_load(struct store *st, int64_t plan_id, struct store_facts *out, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	bool own_tx = !st->in_tx && !st->in_batch;
	int ret = -1;

	/* One read transaction: the five queries see one state. */
	if (own_tx && sq_exec(ss, "BEGIN", "开始读取", e))
		return -1;
	if (facts_signs(ss, plan_id, out, sql_f_signs, &out->sign_of, &out->signed_on,
			&out->nsigns, e) ||
	    facts_disputes(ss, plan_id, out, e) ||
	    facts_reports(ss, plan_id, out, e) ||
	    facts_extensions(ss, plan_id, out, e) ||
	    facts_signs(ss, plan_id, out, sql_f_verifies, &out->verify_of, &out->verified_on,
			&out->nverifies, e))
		goto out;
	ret = 0;
out:
	if (own_tx)
		sqlite3_exec(ss->db, "COMMIT", NULL, NULL, NULL);
	return ret;
}

/* ---- writing ---- */

static char *missing_assignment(int64_t id, char *buf, size_t n)
{
	snprintf(buf, n, "没有 ID 为 %lld 的责任分工", (long long)id);
	return buf;
}

static int sqlite_signoff_insert(struct store *st, const struct store_signoff *o, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_signoff_insert, e);
	char on[DATE_ISO_LEN], miss[64], conflict[96];

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, o->assignment_id);
	sq_bind_date(s, 2, o->on, on);
	sq_bind_text0(s, 3, o->by);
	sq_bind_text0(s, 4, o->note);
	sqlite3_bind_int(s, 5, o->sample ? 1 : 0);
	snprintf(conflict, sizeof(conflict), "责任分工 %lld 已经签收过", (long long)o->assignment_id);
	return sq_step_write(ss, s, "记录签收", conflict,
			  missing_assignment(o->assignment_id, miss, sizeof(miss)), e);
}

static int sqlite_dispute_insert(struct store *st, struct store_dispute *d, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_dispute_insert, e);
	char on[DATE_ISO_LEN], miss[64], conflict[96];

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, d->assignment_id);
	sq_bind_text0(s, 2, d->reason);
	sq_bind_text0(s, 3, d->raised_by);
	sq_bind_date(s, 4, d->raised_on, on);
	sqlite3_bind_int(s, 5, d->sample ? 1 : 0);
	snprintf(conflict, sizeof(conflict), "责任分工 %lld 已经退回过", (long long)d->assignment_id);
	if (sq_step_write(ss, s, "记录退回", conflict,
		       missing_assignment(d->assignment_id, miss, sizeof(miss)), e))
		return -1;
	d->id = sqlite3_last_insert_rowid(ss->db);
	return 0;
}

static int sqlite_dispute_decide(struct store *st, const struct store_dispute *d, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_dispute_decide, e);
	char on[DATE_ISO_LEN];
	int64_t n;

	if (!s)
		return -1;
	if (d->decision != STORE_DISPUTE_CONFIRMED && d->decision != STORE_DISPUTE_REASSIGNED) {
		sq_done(s);
		return err_set(e, ERR_INTERNAL, "内部错误：退回处理结论无效");
	}
	sqlite3_bind_int64(s, 1, d->id);
	sq_bind_text0(s, 2, d->decision == STORE_DISPUTE_CONFIRMED ? "confirm" : "reassign");
	sq_bind_id0(s, 3, d->decision == STORE_DISPUTE_REASSIGNED ? d->new_assignment_id : 0);
	sq_bind_text0(s, 4, d->decision_note);
	sq_bind_text0(s, 5, d->decided_by);
	sq_bind_date(s, 6, d->decided_on, on);
	if (sq_step_write(ss, s, "记录退回处理", NULL, "改派的新责任分工不存在", e))
		return -1;
	if (sqlite3_changes(ss->db) == 1)
		return 0;
	if ((n = query_count1(ss, sql_dispute_exists, d->id, e)) < 0)
		return -1;
	if (n)
		return err_set(e, ERR_CONFLICT, "退回记录 %lld 已经处理过", (long long)d->id);
	return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的退回记录", (long long)d->id);
}

static int sqlite_report_insert(struct store *st, struct store_report *r, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_report_next_version, e);
	char period[PERIOD_STR_LEN], on[DATE_ISO_LEN], miss[64];
	int rc;

	if (!s)
		return -1;
	period_format(r->period, period);
	sqlite3_bind_int64(s, 1, r->assignment_id);
	sq_bind_text0(s, 2, period);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		r->version = sqlite3_column_int(s, 0);
	sq_done(s);
	if (rc != SQLITE_ROW)
		return sq_fail(ss, "读取报告版本", e);

	if (!(s = sq_stmt(ss, sql_report_insert, e)))
		return -1;
	sqlite3_bind_int64(s, 1, r->assignment_id);
	sq_bind_text0(s, 2, period);
	sqlite3_bind_int(s, 3, r->version);
	sqlite3_bind_double(s, 4, r->percent);
	sq_bind_text0(s, 5, r->progress);
	sq_bind_text0(s, 6, r->problems);
	sq_bind_text0(s, 7, r->next_steps);
	sq_bind_text0(s, 8, likelihood_name(r->likelihood));
	sq_bind_text0(s, 9, r->author);
	sq_bind_date(s, 10, r->submitted_on, on);
	sqlite3_bind_int(s, 11, r->sample ? 1 : 0);
	if (sq_step_write(ss, s, "写入进展报告", "同一报告期的报告版本冲突，请重试",
		       missing_assignment(r->assignment_id, miss, sizeof(miss)), e))
		return -1;
	r->id = sqlite3_last_insert_rowid(ss->db);

	for (size_t i = 0; i < r->nvalues; i++) {
		if (!(s = sq_stmt(ss, sql_value_insert, e)))
			return -1;
		sqlite3_bind_int64(s, 1, r->id);
		sqlite3_bind_int(s, 2, r->values[i].seq);
		sqlite3_bind_double(s, 3, r->values[i].actual);
		if (sq_step_write(ss, s, "写入目标完成值", "同一目标的完成值重复", NULL, e))
			return -1;
	}
	for (size_t i = 0; i < r->nattachments; i++) {
		if (!(s = sq_stmt(ss, sql_report_attachment_insert, e)))
			return -1;
		sqlite3_bind_int64(s, 1, r->id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i + 1);
		sq_bind_text0(s, 3, r->attachments[i].sha256);
		sq_bind_text0(s, 4, r->attachments[i].name);
		if (sq_step_write(ss, s, "写入报告附件", NULL, "附件内容尚未保存", e))
			return -1;
	}
	return 0;
}

static int sqlite_attachment_put(struct store *st, const struct store_attachment *a, bool *added,
			  struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_attachment_put, e);

	if (!s)
		return -1;
	sq_bind_text0(s, 1, a->sha256);
	sqlite3_bind_int64(s, 2, a->size);
	sq_bind_text0(s, 3, a->mime);
	sq_bind_text0(s, 4, a->name);
	if (a->size > 0)
		sqlite3_bind_blob64(s, 5, a->data, (sqlite3_uint64)a->size, SQLITE_STATIC);
	else
		sqlite3_bind_zeroblob(s, 5, 0);
	if (sq_step_write(ss, s, "写入附件", NULL, NULL, e))
		return -1;
	*added = sqlite3_changes(ss->db) == 1;
	return 0;
}

static int sqlite_attachment_get(struct store *st, const char *sha256, struct arena *a,
			  struct store_attachment *out, bool *found, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_attachment_get, e);
	int rc;

	if (!s)
		return -1;
	sq_bind_text0(s, 1, sha256);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(s, 4);
		const void *blob = sqlite3_column_blob(s, 4);
		void *copy = arena_alloc(a, n ? n : 1);

		memset(out, 0, sizeof(*out));
		snprintf(out->sha256, sizeof(out->sha256), "%s", sq_col_text(s, 0) ? sq_col_text(s, 0) : "");
		out->size = sqlite3_column_int64(s, 1);
		out->mime = sq_col_dup0(s, 2, a);
		out->name = sq_col_dup0(s, 3, a);
		if (n)
			memcpy(copy, blob, n);
		out->data = copy;
		out->recorded_at = sq_col_dup0(s, 5, a);
		*found = true;
		if ((int64_t)n != out->size) {
			sq_done(s);
			return sq_bad_content(ss, "附件大小", out->sha256, e);
		}
	}
	sq_done(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(ss, "读取附件", e);
	return 0;
}

static int sqlite_review_insert(struct store *st, const struct store_review *r, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_review_insert, e);
	char on[DATE_ISO_LEN], conflict[96], miss[64];

	if (!s)
		return -1;
	if (r->decision != REVIEW_ACCEPTED && r->decision != REVIEW_RETURNED) {
		sq_done(s);
		return err_set(e, ERR_INTERNAL, "内部错误：审核结论无效");
	}
	sqlite3_bind_int64(s, 1, r->report_id);
	sq_bind_text0(s, 2, review_name(r->decision));
	sq_bind_text0(s, 3, r->reason);
	sq_bind_text0(s, 4, r->by);
	sq_bind_date(s, 5, r->on, on);
	sqlite3_bind_int(s, 6, r->sample ? 1 : 0);
	snprintf(conflict, sizeof(conflict), "报告 %lld 已经审核过", (long long)r->report_id);
	snprintf(miss, sizeof(miss), "没有 ID 为 %lld 的进展报告", (long long)r->report_id);
	return sq_step_write(ss, s, "记录审核", conflict, miss, e);
}

static int sqlite_extension_insert(struct store *st, struct store_extension *x, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_extension_insert, e);
	char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN], d3[DATE_ISO_LEN], miss[64];

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, x->assignment_id);
	sq_bind_date(s, 2, x->old_due, d1);
	sq_bind_date(s, 3, x->new_due, d2);
	sq_bind_text0(s, 4, x->reason);
	sq_bind_text0(s, 5, x->requested_by);
	sq_bind_date(s, 6, x->requested_on, d3);
	sqlite3_bind_int(s, 7, x->sample ? 1 : 0);
	if (sq_step_write(ss, s, "记录延期申请", NULL,
		       missing_assignment(x->assignment_id, miss, sizeof(miss)), e))
		return -1;
	x->id = sqlite3_last_insert_rowid(ss->db);
	return 0;
}

static int sqlite_extension_decide(struct store *st, const struct store_extension *x, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_extension_decide, e);
	char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN];
	int64_t n;

	if (!s)
		return -1;
	if (x->state == EXT_PENDING || (x->state == EXT_APPROVED && !date_is_set(x->approved_due))) {
		sq_done(s);
		return err_set(e, ERR_INTERNAL, "内部错误：延期审批结论无效");
	}
	sqlite3_bind_int64(s, 1, x->id);
	sq_bind_text0(s, 2, extension_state_code(x->state));
	if (x->state == EXT_APPROVED)
		sq_bind_date(s, 3, x->approved_due, d1);
	else
		sqlite3_bind_null(s, 3);
	sq_bind_text0(s, 4, x->decision_note);
	sq_bind_text0(s, 5, x->decided_by);
	sq_bind_date(s, 6, x->decided_on, d2);
	if (sq_step_write(ss, s, "记录延期审批", NULL, NULL, e))
		return -1;
	if (sqlite3_changes(ss->db) == 1)
		return 0;
	if ((n = query_count1(ss, sql_extension_exists, x->id, e)) < 0)
		return -1;
	if (n)
		return err_set(e, ERR_CONFLICT, "延期申请 %lld 已经审批过", (long long)x->id);
	return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的延期申请", (long long)x->id);
}

static int sqlite_verification_insert(struct store *st, const struct store_verification *v,
			       struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_verification_insert, e);
	char on[DATE_ISO_LEN], miss[64], conflict[96];

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, v->assignment_id);
	sq_bind_date(s, 2, v->on, on);
	sq_bind_text0(s, 3, v->by);
	sq_bind_text0(s, 4, v->note);
	sqlite3_bind_int(s, 5, v->sample ? 1 : 0);
	snprintf(conflict, sizeof(conflict), "责任分工 %lld 已经销号", (long long)v->assignment_id);
	return sq_step_write(ss, s, "记录销号", conflict,
			  missing_assignment(v->assignment_id, miss, sizeof(miss)), e);
}

static int sqlite_reporting_counts(struct store *st, int64_t plan_id, enum cadence cadence,
			    struct store_reporting_counts *out, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_count_reports, e);
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	sq_bind_text0(s, 2, cadence == CADENCE_QUARTERLY ? "[0-9][0-9][0-9][0-9]-Q[1-4]"
							 : "[0-9][0-9][0-9][0-9]-[0-9][0-9]");
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->nreports = (size_t)sqlite3_column_int64(s, 0);
		out->nother_cadence = (size_t)sqlite3_column_int64(s, 1);
	}
	sq_done(s);
	if (rc != SQLITE_ROW)
		return sq_fail(ss, "统计进展报告", e);
	if (!(s = sq_stmt(ss, sql_count_sample, e)))
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		out->nsample = (size_t)sqlite3_column_int64(s, 0);
	sq_done(s);
	if (rc != SQLITE_ROW)
		return sq_fail(ss, "统计示例数据", e);
	return 0;
}

static const char sql_reassignments[] =
	"SELECT d.assignment_id, d.new_assignment_id FROM disputes d"
	" JOIN assignments a ON a.id = d.assignment_id JOIN tasks t ON t.id = a.task_id"
	" WHERE d.decision = 'reassign' AND t.plan_id = ?1 ORDER BY d.id";

static int sqlite_reassignments(struct store *st, int64_t plan_id, int64_t **from, int64_t **to,
				size_t *n, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_reassignments, e);
	size_t alloc_from = 0, alloc_to = 0;
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ALLOC_GROW(*from, *n + 1, alloc_from);
		ALLOC_GROW(*to, *n + 1, alloc_to);
		(*from)[*n] = sqlite3_column_int64(s, 0);
		(*to)[*n] = sqlite3_column_int64(s, 1);
		(*n)++;
	}
	sq_done(s);
	if (rc != SQLITE_DONE)
		return sq_fail(ss, "读取改派记录", e);
	return 0;
}

const struct store_report_ops sqlite_report_ops = {
	.calendar_get = sqlite_calendar_get,
	.calendar_set = sqlite_calendar_set,
	.assignment_ctx_get = sqlite_assignment_ctx_get,
	.reporting_load = sqlite_reporting_load,
	.reporting_load_recent = sqlite_reporting_load_recent,
	.report_version_get = sqlite_report_version_get,
	.report_get = sqlite_report_get,
	.extension_get = sqlite_extension_get,
	.facts_load = sqlite_facts_load,
	.signoff_insert = sqlite_signoff_insert,
	.dispute_insert = sqlite_dispute_insert,
	.dispute_decide = sqlite_dispute_decide,
	.report_insert = sqlite_report_insert,
	.attachment_put = sqlite_attachment_put,
	.attachment_get = sqlite_attachment_get,
	.review_insert = sqlite_review_insert,
	.extension_insert = sqlite_extension_insert,
	.extension_decide = sqlite_extension_decide,
	.verification_insert = sqlite_verification_insert,
	.reporting_counts = sqlite_reporting_counts,
	.reassignments = sqlite_reassignments,
};
