/* The SQLite backend's supervision: ladder actions, form numbers, 问责, dismissals, rules, appeals, bulletins (schema levels 6-8). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"
#include "store/store_supervision_impl.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* The time of record, as store_now() gives it. */
#define NOW SQ_NOW_MS

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
	ACTION_COLS " WHERE (?1 = 0 OR t.plan_id = ?1) AND (?2 = 0 OR x.task_id = ?2)"
	" AND (?3 = 0 OR x.assignment_id = ?3) ORDER BY x.id";
static const char sql_action_get[] = ACTION_COLS " WHERE x.id = ?1";
static const char sql_form_next[] =
	"INSERT INTO form_counters (kind, year, last_seq) VALUES (?1, ?2, 1)"
	" ON CONFLICT (kind, year) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq";
static const char sql_action_insert[] =
	"INSERT INTO actions (task_id, assignment_id, step, ground, basis, reason, requirement,"
	" cause, leader, issued_by, issued_on, reply_due, form_kind, form_prefix, form_year,"
	" form_seq, recorded_at, sample) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
	" ?12, ?13, ?14, ?15, ?16, " NOW ", ?17)";
static const char sql_reply_insert[] =
	"INSERT INTO action_replies (action_id, reply, replied_by, replied_on, recorded_at, sample)"
	" VALUES (?1, ?2, ?3, ?4, " NOW ", ?5)";
static const char sql_close_insert[] =
	"INSERT INTO action_closings (action_id, closed_by, closed_on, note, recorded_at, sample)"
	" VALUES (?1, ?2, ?3, ?4, " NOW ", ?5)";

static const char sql_handover_get[] =
	"SELECT assignment_id, form_prefix, form_year, form_seq, issued_by, recorded_at"
	" FROM handover_forms WHERE assignment_id = ?1";
static const char sql_handover_insert[] =
	"INSERT INTO handover_forms (assignment_id, form_prefix, form_year, form_seq, issued_by,"
	" recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, " NOW ")";

static const char sql_account_list[] =
	"SELECT k.id, k.action_id, k.ground, k.measure, k.measure_text, k.subject, k.decided_on,"
	" k.doc_no, k.decided_by, k.recorded_at, k.sample, t.plan_id, x.task_id, x.assignment_id,"
	" t.no, a.unit_id," UNIT_NAME
	" FROM accountability k JOIN actions x ON x.id = k.action_id"
	" JOIN tasks t ON t.id = x.task_id" UNIT_JOINS
	" WHERE (?1 = 0 OR t.plan_id = ?1) ORDER BY k.id";
static const char sql_account_insert[] =
	"INSERT INTO accountability (action_id, ground, measure, measure_text, subject, decided_on,"
	" doc_no, decided_by, recorded_at, sample) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, " NOW
	", ?9)";

static const char sql_dismissals_list[] =
	"SELECT d.assignment_id, d.cause_key, d.dismissed_by, d.dismissed_on, d.note, d.recorded_at"
	" FROM suggestion_dismissals d JOIN assignments a ON a.id = d.assignment_id"
	" JOIN tasks t ON t.id = a.task_id WHERE t.plan_id = ?1"
	" ORDER BY d.assignment_id, d.cause_key";
static const char sql_dismissal_insert[] =
	"INSERT INTO suggestion_dismissals (assignment_id, cause_key, dismissed_by, dismissed_on,"
	" note, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, " NOW ")";

static const char sql_rules_get[] =
	"SELECT year, rules, set_by, updated_at FROM assess_rules WHERE year = ?1";
static const char sql_rules_set[] =
	"INSERT INTO assess_rules (year, rules, set_by, updated_at) VALUES (?1, ?2, ?3, " NOW ")"
	" ON CONFLICT (year) DO UPDATE SET rules = excluded.rules, set_by = excluded.set_by,"
	" updated_at = excluded.updated_at";

#define APPEAL_COLS                                                                        \
	"SELECT p.id, p.year, p.unit_id, p.line_key, p.reason, p.orig_cp, p.filed_by,"        \
	" p.filed_on, p.recorded_at, p.state, p.corrected_cp, p.decision_note, p.decided_by,"  \
	" p.decided_on, p.decided_recorded_at, o.name FROM appeals p"                         \
	" JOIN org_units o ON o.id = p.unit_id"
static const char sql_appeals_list[] = APPEAL_COLS " WHERE (?1 = 0 OR p.year = ?1) ORDER BY p.id";
static const char sql_appeal_get[] = APPEAL_COLS " WHERE p.id = ?1";
static const char sql_appeal_insert[] =
	"INSERT INTO appeals (year, unit_id, line_key, reason, orig_cp, filed_by, filed_on,"
	" recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, " NOW ")";
static const char sql_appeal_decide[] =
	"UPDATE appeals SET state = ?2, corrected_cp = ?3, decision_note = ?4, decided_by = ?5,"
	" decided_on = ?6, decided_recorded_at = " NOW " WHERE id = ?1 AND state = 'pending'";
static const char sql_appeal_exists[] = "SELECT count(*) FROM appeals WHERE id = ?1";

static const char sql_bulletins_list[] =
	"SELECT id, plan_id, period, as_of, issue_no, summary, issued_by, recorded_at"
	" FROM bulletins WHERE plan_id = ?1 ORDER BY as_of, id";
static const char sql_bulletin_insert[] =
	"INSERT INTO bulletins (plan_id, period, as_of, issue_no, summary, issued_by, recorded_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, " NOW ")";

static const char sql_verified_values[] =
	"SELECT r.assignment_id, r.period, r.version, v.seq, v.actual FROM report_values v"
	" JOIN reports r ON r.id = v.report_id"
	" JOIN verifications z ON z.assignment_id = r.assignment_id"
	" JOIN assignments a ON a.id = r.assignment_id JOIN tasks t ON t.id = a.task_id"
	" WHERE t.plan_id = ?1 ORDER BY r.assignment_id, r.period, r.version, v.seq";

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

static int col_ground(struct sqlite_store *ss, sqlite3_stmt *s, int i, enum ladder_ground *out,
		      struct err *e)
{
	const char *t = sq_col_text(s, i);

	*out = GROUND_NONE;
	if (t && !*t)
		return 0;
	if (!t || ladder_ground_parse(t, out))
		return sq_bad_content(ss, "督办事由", t, e);
	return 0;
}

/* ---- actions ---- */

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

static int read_action(struct sqlite_store *ss, sqlite3_stmt *s, struct arena *a,
		       struct store_action *x, struct err *e)
{
	memset(x, 0, sizeof(*x));
	x->id = sqlite3_column_int64(s, 0);
	x->task_id = sqlite3_column_int64(s, 1);
	x->assignment_id = sqlite3_column_int64(s, 2);
	if (!sq_col_text(s, 3) || ladder_step_parse(sq_col_text(s, 3), &x->step) ||
	    x->step == STEP_NONE)
		return sq_bad_content(ss, "督办措施", sq_col_text(s, 3), e);
	if (col_ground(ss, s, 4, &x->ground, e))
		return -1;
	if (basis_parse(sq_col_text(s, 5), &x->basis))
		return sq_bad_content(ss, "督办依据", sq_col_text(s, 5), e);
	x->reason = sq_col_dup0(s, 6, a);
	x->requirement = sq_col_dup0(s, 7, a);
	x->cause = sq_col_dup0(s, 8, a);
	x->leader = sq_col_dup0(s, 9, a);
	x->issued_by = sq_col_dup0(s, 10, a);
	if (sq_col_date(ss, s, 11, &x->issued_on, "下发日期", e) ||
	    sq_col_date(ss, s, 12, &x->reply_due, "回复期限", e))
		return -1;
	if (form_parse(sq_col_text(s, 13), &x->form_kind))
		return sq_bad_content(ss, "文书种类", sq_col_text(s, 13), e);
	x->form_prefix = sq_col_dup0(s, 14, a);
	x->form_year = sqlite3_column_int(s, 15);
	x->form_seq = sqlite3_column_int(s, 16);
	x->recorded_at = sq_col_dup0(s, 17, a);
	x->sample = sqlite3_column_int(s, 18) != 0;
	x->plan_id = sqlite3_column_int64(s, 19);
	x->task_no = sqlite3_column_int(s, 20);
	x->unit_id = sqlite3_column_int64(s, 21);
	x->unit_name = sq_col_dup(s, 22, a);
	x->reply = sq_col_dup(s, 23, a);
	x->replied_by = sq_col_dup(s, 24, a);
	if (sq_col_date(ss, s, 25, &x->replied_on, "回复日期", e))
		return -1;
	x->reply_recorded_at = sq_col_dup(s, 26, a);
	if (sq_col_date(ss, s, 27, &x->closed_on, "办结日期", e))
		return -1;
	x->closed_by = sq_col_dup(s, 28, a);
	x->close_note = sq_col_dup(s, 29, a);
	x->closed_recorded_at = sq_col_dup(s, 30, a);
	return 0;
}

static int sqlite_actions_list(struct store *st, const struct store_action_filter *f,
			       struct store_action_list *out, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_actions_list, e);
	size_t alloc = out->n;
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, f ? f->plan_id : 0);
	sqlite3_bind_int64(s, 2, f ? f->task_id : 0);
	sqlite3_bind_int64(s, 3, f ? f->assignment_id : 0);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ALLOC_GROW(out->v, out->n + 1, alloc);
		if (read_action(ss, s, &out->arena, &out->v[out->n], e))
			goto out;
		out->n++;
	}
	if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取督办事项", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int sqlite_action_get(struct store *st, int64_t id, struct arena *a,
			     struct store_action *out, bool *found, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_action_get, e);
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (read_action(ss, s, a, out, e))
			goto out;
		*found = true;
	} else if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取督办事项", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int sqlite_form_number_next(struct store *st, enum ladder_form_kind k, int year, int *seq,
				   struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_form_next, e);
	int rc, ret = -1;

	if (!s)
		return -1;
	sq_bind_text0(s, 1, form_code(k));
	sqlite3_bind_int(s, 2, year);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sq_fail(ss, "分配文书编号", e);
		goto out;
	}
	*seq = sqlite3_column_int(s, 0);
	if (sqlite3_step(s) != SQLITE_DONE) {
		sq_fail(ss, "分配文书编号", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int sqlite_action_insert(struct store *st, struct store_action *a, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_action_insert, e);
	char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN];

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, a->task_id);
	sq_bind_id0(s, 2, a->assignment_id);
	sq_bind_text0(s, 3, ladder_step_name(a->step));
	sq_bind_text0(s, 4, ladder_ground_name(a->ground));
	sq_bind_text0(s, 5, ladder_basis_name(a->basis));
	sq_bind_text0(s, 6, a->reason);
	sq_bind_text0(s, 7, a->requirement);
	sq_bind_text0(s, 8, a->cause);
	sq_bind_text0(s, 9, a->leader);
	sq_bind_text0(s, 10, a->issued_by);
	sq_bind_date(s, 11, a->issued_on, d1);
	sq_bind_date(s, 12, a->reply_due, d2);
	sq_bind_text0(s, 13, form_code(a->form_kind));
	sq_bind_text0(s, 14, a->form_prefix);
	if (a->form_kind != FORM_NONE) {
		sqlite3_bind_int(s, 15, a->form_year);
		sqlite3_bind_int(s, 16, a->form_seq);
	} else {
		sqlite3_bind_null(s, 15);
		sqlite3_bind_null(s, 16);
	}
	sqlite3_bind_int(s, 17, a->sample);
	if (sq_step_write(ss, s, "记录督办事项", "文书编号已被使用", "没有这项任务或责任分工", e))
		return -1;
	a->id = sqlite3_last_insert_rowid(ss->db);
	return 0;
}

static int sqlite_action_reply(struct store *st, int64_t id, const char *reply, const char *by,
			       struct date on, bool sample, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_reply_insert, e);
	char d[DATE_ISO_LEN];

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sq_bind_text0(s, 2, reply);
	sq_bind_text0(s, 3, by);
	sq_bind_date(s, 4, on, d);
	sqlite3_bind_int(s, 5, sample);
	return sq_step_write(ss, s, "记录回复", "该督办事项已有回复", "没有这项督办事项", e);
}

static int sqlite_action_close(struct store *st, int64_t id, const char *by, struct date on,
			       const char *note, bool sample, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_close_insert, e);
	char d[DATE_ISO_LEN];

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sq_bind_text0(s, 2, by);
	sq_bind_date(s, 3, on, d);
	sq_bind_text0(s, 4, note);
	sqlite3_bind_int(s, 5, sample);
	return sq_step_write(ss, s, "办结督办事项", "该督办事项已办结", "没有这项督办事项", e);
}

/* ---- 交办单 numbers ---- */

static int sqlite_handover_form_get(struct store *st, int64_t assignment_id, struct arena *a,
				    struct store_handover_form *out, bool *found, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_handover_get, e);
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, assignment_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof(*out));
		out->assignment_id = sqlite3_column_int64(s, 0);
		out->form_prefix = sq_col_dup0(s, 1, a);
		out->form_year = sqlite3_column_int(s, 2);
		out->form_seq = sqlite3_column_int(s, 3);
		out->issued_by = sq_col_dup0(s, 4, a);
		out->recorded_at = sq_col_dup0(s, 5, a);
		*found = true;
	} else if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取交办单编号", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int sqlite_handover_form_insert(struct store *st, const struct store_handover_form *f,
				       struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_handover_insert, e);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, f->assignment_id);
	sq_bind_text0(s, 2, f->form_prefix);
	sqlite3_bind_int(s, 3, f->form_year);
	sqlite3_bind_int(s, 4, f->form_seq);
	sq_bind_text0(s, 5, f->issued_by);
	return sq_step_write(ss, s, "记录交办单编号", "该分工已有交办单编号，或编号已被使用",
			  "没有这项责任分工", e);
}

/* ---- 问责 ---- */

static int sqlite_accountability_list(struct store *st, int64_t plan_id,
				      struct store_accountability_list *out, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_account_list, e);
	size_t alloc = out->n;
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_accountability *r;

		ALLOC_GROW(out->v, out->n + 1, alloc);
		r = &out->v[out->n];
		memset(r, 0, sizeof(*r));
		r->id = sqlite3_column_int64(s, 0);
		r->action_id = sqlite3_column_int64(s, 1);
		if (col_ground(ss, s, 2, &r->ground, e))
			goto out;
		if (!sq_col_text(s, 3) || account_measure_parse(sq_col_text(s, 3), &r->measure)) {
			sq_bad_content(ss, "问责方式", sq_col_text(s, 3), e);
			goto out;
		}
		r->measure_text = sq_col_dup0(s, 4, &out->arena);
		r->subject = sq_col_dup0(s, 5, &out->arena);
		if (sq_col_date(ss, s, 6, &r->decided_on, "问责日期", e))
			goto out;
		r->doc_no = sq_col_dup0(s, 7, &out->arena);
		r->decided_by = sq_col_dup0(s, 8, &out->arena);
		r->recorded_at = sq_col_dup0(s, 9, &out->arena);
		r->sample = sqlite3_column_int(s, 10) != 0;
		r->plan_id = sqlite3_column_int64(s, 11);
		r->task_id = sqlite3_column_int64(s, 12);
		r->assignment_id = sqlite3_column_int64(s, 13);
		r->task_no = sqlite3_column_int(s, 14);
		r->unit_id = sqlite3_column_int64(s, 15);
		r->unit_name = sq_col_dup(s, 16, &out->arena);
		out->n++;
	}
	if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取问责记录", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int sqlite_accountability_insert(struct store *st, struct store_accountability *r,
					struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_account_insert, e);
	char d[DATE_ISO_LEN];

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, r->action_id);
	sq_bind_text0(s, 2, ladder_ground_name(r->ground));
	sq_bind_text0(s, 3, account_measure_name(r->measure));
	sq_bind_text0(s, 4, r->measure_text);
	sq_bind_text0(s, 5, r->subject);
	sq_bind_date(s, 6, r->decided_on, d);
	sq_bind_text0(s, 7, r->doc_no);
	sq_bind_text0(s, 8, r->decided_by);
	sqlite3_bind_int(s, 9, r->sample);
	if (sq_step_write(ss, s, "记录问责", NULL, "没有这项督办事项", e))
		return -1;
	r->id = sqlite3_last_insert_rowid(ss->db);
	return 0;
}

/* ---- dismissals ---- */

static int sqlite_dismissals_list(struct store *st, int64_t plan_id,
				  struct store_dismissal_list *out, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_dismissals_list, e);
	size_t alloc = out->n;
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_dismissal *d;

		ALLOC_GROW(out->v, out->n + 1, alloc);
		d = &out->v[out->n];
		memset(d, 0, sizeof(*d));
		d->assignment_id = sqlite3_column_int64(s, 0);
		d->key = sq_col_dup0(s, 1, &out->arena);
		d->by = sq_col_dup0(s, 2, &out->arena);
		if (sq_col_date(ss, s, 3, &d->on, "不予采纳日期", e))
			goto out;
		d->note = sq_col_dup0(s, 4, &out->arena);
		d->recorded_at = sq_col_dup0(s, 5, &out->arena);
		out->n++;
	}
	if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取不予采纳的建议", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int sqlite_dismissal_insert(struct store *st, const struct store_dismissal *d,
				   struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_dismissal_insert, e);
	char day[DATE_ISO_LEN];

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, d->assignment_id);
	sq_bind_text0(s, 2, d->key);
	sq_bind_text0(s, 3, d->by);
	sq_bind_date(s, 4, d->on, day);
	sq_bind_text0(s, 5, d->note);
	return sq_step_write(ss, s, "记录不予采纳的建议", "该建议已不予采纳", "没有这项责任分工", e);
}

/* ---- rules ---- */

static int sqlite_assess_rules_get(struct store *st, int year, struct arena *a,
				   struct store_assess_rules *out, bool *found, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_rules_get, e);
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, year);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->year = sqlite3_column_int(s, 0);
		out->text = sq_col_dup0(s, 1, a);
		out->set_by = sq_col_dup0(s, 2, a);
		out->updated_at = sq_col_dup0(s, 3, a);
		*found = true;
	} else if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取考核规则", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int sqlite_assess_rules_set(struct store *st, const struct store_assess_rules *r,
				   struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_rules_set, e);

	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, r->year);
	sq_bind_text0(s, 2, r->text);
	sq_bind_text0(s, 3, r->set_by);
	return sq_step_write(ss, s, "保存考核规则", NULL, NULL, e);
}

/* ---- appeals ---- */

static int read_appeal(struct sqlite_store *ss, sqlite3_stmt *s, struct arena *a,
		       struct store_appeal *p, struct err *e)
{
	const char *state = sq_col_text(s, 9);

	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(s, 0);
	p->year = sqlite3_column_int(s, 1);
	p->unit_id = sqlite3_column_int64(s, 2);
	p->line_key = sq_col_dup0(s, 3, a);
	p->reason = sq_col_dup0(s, 4, a);
	p->orig_cp = sqlite3_column_int(s, 5);
	p->filed_by = sq_col_dup0(s, 6, a);
	if (sq_col_date(ss, s, 7, &p->filed_on, "申诉日期", e))
		return -1;
	p->recorded_at = sq_col_dup0(s, 8, a);
	if (!state || appeal_state_parse(state, &p->state) || p->state == APPEAL_NONE)
		return sq_bad_content(ss, "申诉状态", state, e);
	p->corrected_cp = sqlite3_column_int(s, 10);
	p->decision_note = sq_col_dup0(s, 11, a);
	p->decided_by = sq_col_dup(s, 12, a);
	if (sq_col_date(ss, s, 13, &p->decided_on, "申诉处理日期", e))
		return -1;
	p->decided_recorded_at = sq_col_dup(s, 14, a);
	p->unit_name = sq_col_dup0(s, 15, a);
	return 0;
}

static int sqlite_appeals_list(struct store *st, int year, struct store_appeal_list *out,
			       struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_appeals_list, e);
	size_t alloc = out->n;
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, year);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ALLOC_GROW(out->v, out->n + 1, alloc);
		if (read_appeal(ss, s, &out->arena, &out->v[out->n], e))
			goto out;
		out->n++;
	}
	if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取申诉", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int sqlite_appeal_get(struct store *st, int64_t id, struct arena *a,
			     struct store_appeal *out, bool *found, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_appeal_get, e);
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (read_appeal(ss, s, a, out, e))
			goto out;
		*found = true;
	} else if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取申诉", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int sqlite_appeal_insert(struct store *st, struct store_appeal *a, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_appeal_insert, e);
	char d[DATE_ISO_LEN];

	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, a->year);
	sqlite3_bind_int64(s, 2, a->unit_id);
	sq_bind_text0(s, 3, a->line_key);
	sq_bind_text0(s, 4, a->reason);
	sqlite3_bind_int(s, 5, a->orig_cp);
	sq_bind_text0(s, 6, a->filed_by);
	sq_bind_date(s, 7, a->filed_on, d);
	if (sq_step_write(ss, s, "记录申诉", "该单位已就这一项提出过申诉", "名录中没有这个单位", e))
		return -1;
	a->id = sqlite3_last_insert_rowid(ss->db);
	return 0;
}

static int sqlite_appeal_decide(struct store *st, const struct store_appeal *a, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_appeal_decide, e);
	char d[DATE_ISO_LEN];
	int64_t n = 0;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, a->id);
	sq_bind_text0(s, 2, appeal_state_name(a->state));
	if (a->state == APPEAL_CORRECTED)
		sqlite3_bind_int(s, 3, a->corrected_cp);
	else
		sqlite3_bind_null(s, 3);
	sq_bind_text0(s, 4, a->decision_note);
	sq_bind_text0(s, 5, a->decided_by);
	sq_bind_date(s, 6, a->decided_on, d);
	if (sq_step_write(ss, s, "记录申诉处理结果", NULL, NULL, e))
		return -1;
	if (sqlite3_changes(ss->db) == 1)
		return 0;
	s = sq_stmt(ss, sql_appeal_exists, e);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, a->id);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sq_done(s);
	if (!n)
		return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的申诉", (long long)a->id);
	return err_set(e, ERR_CONFLICT, "申诉 %lld 已处理", (long long)a->id);
}

/* ---- bulletins ---- */

static int sqlite_bulletins_list(struct store *st, int64_t plan_id,
				 struct store_bulletin_list *out, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_bulletins_list, e);
	size_t alloc = out->n;
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_bulletin *b;

		ALLOC_GROW(out->v, out->n + 1, alloc);
		b = &out->v[out->n];
		memset(b, 0, sizeof(*b));
		b->id = sqlite3_column_int64(s, 0);
		b->plan_id = sqlite3_column_int64(s, 1);
		if (sq_col_period(ss, s, 2, &b->period, e) ||
		    sq_col_date(ss, s, 3, &b->as_of, "通报截至日期", e))
			goto out;
		b->issue_no = sqlite3_column_int(s, 4);
		b->summary = sq_col_dup0(s, 5, &out->arena);
		b->issued_by = sq_col_dup0(s, 6, &out->arena);
		b->recorded_at = sq_col_dup0(s, 7, &out->arena);
		out->n++;
	}
	if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取已印发的通报", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int sqlite_bulletin_insert(struct store *st, struct store_bulletin *b, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_bulletin_insert, e);
	char p[PERIOD_STR_LEN], d[DATE_ISO_LEN];

	if (!s)
		return -1;
	period_format(b->period, p);
	sqlite3_bind_int64(s, 1, b->plan_id);
	sq_bind_text0(s, 2, p);
	sq_bind_date(s, 3, b->as_of, d);
	sqlite3_bind_int(s, 4, b->issue_no);
	sq_bind_text0(s, 5, b->summary);
	sq_bind_text0(s, 6, b->issued_by);
	if (sq_step_write(ss, s, "记录印发的通报", "该期通报已印发", "没有这份清单", e))
		return -1;
	b->id = sqlite3_last_insert_rowid(ss->db);
	return 0;
}

/* ---- facts for the assessment ---- */

static int sqlite_verified_values(struct store *st, int64_t plan_id,
				  struct store_report_value_row **out, size_t *n, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_verified_values, e);
	size_t alloc = 0;
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_report_value_row *r;

		ALLOC_GROW(*out, *n + 1, alloc);
		r = &(*out)[*n];
		r->assignment_id = sqlite3_column_int64(s, 0);
		if (sq_col_period(ss, s, 1, &r->period, e))
			goto out;
		r->version = sqlite3_column_int(s, 2);
		r->seq = sqlite3_column_int(s, 3);
		r->actual = sqlite3_column_double(s, 4);
		(*n)++;
	}
	if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取目标完成值", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

const struct store_supervision_ops sqlite_supervision_ops = {
	.actions_list = sqlite_actions_list,
	.action_get = sqlite_action_get,
	.form_number_next = sqlite_form_number_next,
	.action_insert = sqlite_action_insert,
	.action_reply = sqlite_action_reply,
	.action_close = sqlite_action_close,
	.handover_form_get = sqlite_handover_form_get,
	.handover_form_insert = sqlite_handover_form_insert,
	.accountability_list = sqlite_accountability_list,
	.accountability_insert = sqlite_accountability_insert,
	.dismissals_list = sqlite_dismissals_list,
	.dismissal_insert = sqlite_dismissal_insert,
	.assess_rules_get = sqlite_assess_rules_get,
	.assess_rules_set = sqlite_assess_rules_set,
	.appeals_list = sqlite_appeals_list,
	.appeal_get = sqlite_appeal_get,
	.appeal_insert = sqlite_appeal_insert,
	.appeal_decide = sqlite_appeal_decide,
	.bulletins_list = sqlite_bulletins_list,
	.bulletin_insert = sqlite_bulletin_insert,
	.verified_values = sqlite_verified_values,
};
