/* Reporting use cases: the calendar, sign-for and dispute, reports and review, extensions, 销号. */
#ifndef DUBAN_SERVICE_REPORT_SERVICE_H
#define DUBAN_SERVICE_REPORT_SERVICE_H

/*
 * Each function that changes stored state is one transaction, appends its
 * audit entry (service/audit.h) in it, and changes nothing when it fails.
 * Nothing reads the clock: `rctx->today` is the day the act takes effect
 * (the CLI passes today, or a date given for the record with --on).  The
 * time of record comes from the database clock, as for the audit log.
 *
 * WHO MAY ACT (struct svc_rctx.unit_id)
 *  0 is the office (督查室): it may do everything.  A positive unit_id is a
 *  unit's liaison: it may do the unit's acts (sign, dispute, submit a
 *  report, request an extension) on its own unit's assignments only — any
 *  other assignment is ERR_NOT_FOUND, as if it did not exist — and none of
 *  the office's acts (confirm/reassign a dispute, review, decide an
 *  extension, verify, set the calendar): ERR_DENIED.
 *
 * RULES, each refused with a Chinese message naming the field or the record
 *  Every act: the assignment exists and is active (not retired); it is
 *  not dated before the hand-over, nor before what it answers (a review
 *  before the report, a decision before the request); an act after 销号
 *  is refused (ERR_CONFLICT), except reading.
 *  签收 sign: once; not while a dispute is open (the office decides first);
 *      allowed after the office confirmed the unit.
 *  退回 dispute: before signing, once per assignment, with a reason.
 *  confirm: the office keeps the unit; it must then sign (the sign-for
 *      deadline counts again from the decision: domain/status.h).
 *  reassign: the office names another directory unit (name or alias,
 *      active, not already answerable for the task); the disputed
 *      assignment is retired and a new one created for that unit (same
 *      task, entry and role; handed over on the decision day).  The
 *      dispute, its decision and the old assignment are kept: they are the
 *      evidence of 推诿扯皮.
 *  report: the period is of the plan's cadence ("2022-06" monthly,
 *      "2022-Q2" quarterly), not before the calendar's first period and
 *      not after the period containing today; percent 0..100; likelihood
 *      很可能|可能|存疑|难以完成 (or the codes); values name the task's
 *      targets by number (1..n), each at most once, finite; texts valid
 *      UTF-8 of at most SVC_REPORT_TEXT_MAX bytes.  A revision of a period
 *      is a new version (1, 2, ...); nothing is overwritten.  Fields not
 *      given are carried over from the assignment's latest report (by
 *      period, then version; whatever its review): progress, problems,
 *      next steps, likelihood, and each target value not given.  Percent
 *      is always given.  Attachments are never carried over.  完成情况 must
 *      not end up empty.  Reporting before signing is allowed (the status
 *      engine keeps the assignment 待签收 and flags it); it is noted.
 *  attachments: at most SVC_ATTACHMENTS_MAX per report, each 1 byte ..
 *      max bytes (SVC_ATTACHMENT_MAX_DEFAULT, 20 MiB, unless the caller
 *      sets another), type by content (svc_attachment_sniff): PDF, PNG,
 *      JPEG, Word/Excel (.docx/.xlsx and .doc/.xls) and UTF-8 text;
 *      executables and anything else are refused.  Stored by SHA-256:
 *      the same content is stored once, whatever its names.
 *  review: accept, or return (退办) with a reason; only the latest version
 *      of its period, once.  A returned report is resubmitted as a new
 *      version (the status engine then no longer counts the period).
 *  extension request: before or on the due date in force, for a later
 *      date, with a reason; one pending request at a time.
 *  extension decision: approve (the requested date, or another later than
 *      the due date in force when asked) or refuse (with a reason); once.
 *  销号 verify: the report the status engine uses says 100% and has been
 *      accepted; once.
 *  calendar: cadence, due day 1..31, first period of that cadence.  The
 *      cadence cannot change once reports of the plan exist.  Without a
 *      stored calendar: monthly, the 25th, the first period due on or after
 *      the issued date (domain/period.h).
 *
 * DATES OF AN ASSIGNMENT (also what the status service gives the engine)
 *  hand-over: the plan's issued date (January 1 of its year when unknown);
 *      for an assignment created by a reassignment, the decision day.
 *  序时进度 start: January 1 of the plan's year (the work report's tasks are
 *      the year's); the issued date when the year is unknown.
 *  due: the task's due date; December 31 of the plan's year when unknown.
 *      An approved extension moves it from the day of approval on.
 *
 * Ownership: every struct here owns what it points to; _release frees it.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/assignment.h"
#include "domain/period.h"
#include "service/audit.h"
#include "store/store.h"
#include "store/store_reports.h"
#include "util/date.h"
#include "util/diag.h"
#include "util/err.h"

#define SVC_ATTACHMENT_MAX_DEFAULT ((size_t)20 << 20)	/* 20 MiB */
#define SVC_ATTACHMENTS_MAX 20				/* per report */
#define SVC_REPORT_TEXT_MAX 20000			/* bytes, each text field */

/* Who acts, for which unit, on which day. */
struct svc_rctx {
	const struct svc_actor *actor;
	int64_t unit_id;	/* > 0: a liaison of this directory unit; 0: the office */
	struct date today;	/* the day the act takes effect */
};

/* ---- dates of an assignment (rules above) ---- */

struct date svc_plan_start(int year, struct date issued);
struct date svc_plan_handover(int year, struct date issued);
struct date svc_task_due(const struct task *t, int year);

/* ---- the calendar ---- */

/* Plan `plan_id`'s calendar; *stored false: the defaults (computed from the plan). */
int svc_calendar_get(struct store *st, int64_t plan_id, struct calendar *out, bool *stored,
		     struct err *e);

/* What to change; zero fields keep the current value. */
struct svc_calendar_change {
	enum cadence cadence;	/* CADENCE_NONE: keep */
	int due_day;		/* 0: keep */
	const char *first;	/* NULL: keep (recomputed from the issued date when the cadence changes) */
};

int svc_calendar_set(struct store *st, const struct svc_rctx *rc, int64_t plan_id,
		     const struct svc_calendar_change *ch, struct calendar *out, struct err *e);

/* ---- one assignment and all its records ---- */

struct svc_assignment_record {
	struct store_assignment_ctx ctx;
	struct store_reporting rec;
	struct calendar cal;
	bool cal_stored;
	struct date handed_over;
	struct date start;
	struct date due;	/* the original due date */
};

void svc_assignment_record_init(struct svc_assignment_record *r);
void svc_assignment_record_release(struct svc_assignment_record *r);

/* Assignment `id` (as seen by unit `unit_id`, 0: the office), retired or not. */
int svc_assignment_record_load(struct store *st, int64_t unit_id, int64_t id,
			       struct svc_assignment_record *out, struct err *e);

/* The due date in force on `day` (the original, moved by approved extensions). */
struct date svc_due_in_force(const struct svc_assignment_record *r, struct date day);

/*
 * The report the status engine would use on `day`: the latest version of
 * the latest period whose latest version (submitted by `day`) was not
 * returned by `day`.  NULL when none.
 */
const struct store_report *svc_report_in_use(const struct svc_assignment_record *r,
					     struct date day);

/* ---- sign-for, dispute, the office's decision ---- */

int svc_assignment_sign(struct store *st, const struct svc_rctx *rc, int64_t assignment_id,
			const char *note, struct err *e);
int svc_assignment_dispute(struct store *st, const struct svc_rctx *rc, int64_t assignment_id,
			   const char *reason, struct err *e);
int svc_dispute_confirm(struct store *st, const struct svc_rctx *rc, int64_t assignment_id,
			const char *note, struct err *e);
/* *new_id receives the assignment created for `unit_name`. */
int svc_dispute_reassign(struct store *st, const struct svc_rctx *rc, int64_t assignment_id,
			 const char *unit_name, const char *note, int64_t *new_id, struct err *e);

/* ---- reports ---- */

/* An uploaded file: its name as given and its content (borrowed). */
struct svc_upload {
	const char *name;
	const void *data;
	size_t len;
};

struct svc_report_value_in {
	int seq;		/* the task's target number, 1-based */
	double actual;
};

struct svc_report_input {
	int64_t assignment_id;
	const char *period;		/* "2022-06" or "2022-Q2" */
	double percent;
	const char *progress;		/* NULL: carried over */
	const char *problems;		/* NULL: carried over */
	const char *next_steps;		/* NULL: carried over */
	const char *likelihood;		/* NULL: carried over */
	const struct svc_report_value_in *values;
	size_t nvalues;
	const struct svc_upload *uploads;
	size_t nuploads;
	size_t max_attachment;		/* bytes; 0: SVC_ATTACHMENT_MAX_DEFAULT */
};

/* Which fields were carried over from the previous report. */
enum svc_carried {
	SVC_CARRIED_PROGRESS = 1u << 0,
	SVC_CARRIED_PROBLEMS = 1u << 1,
	SVC_CARRIED_NEXT = 1u << 2,
	SVC_CARRIED_LIKELIHOOD = 1u << 3,
	SVC_CARRIED_VALUES = 1u << 4
};

struct svc_report_result {
	int64_t report_id;
	struct period period;
	int version;
	unsigned carried;		/* enum svc_carried bits */
	int64_t carried_from;		/* the report carried from, or 0 */
	struct period carried_period;
	int carried_version;
	size_t values_carried;
	size_t attachments_stored;	/* new contents */
	size_t attachments_known;	/* contents already stored (same SHA-256) */
	struct diags notes;		/* not yet signed, percent below the previous... */
	/*
	 * The report as stored (read back in the submission's transaction:
	 * version, time of record, values, attachments, review) and its
	 * assignment's row: what the HTTP API answers with, without reading
	 * the assignment's history again.  Strings live in `arena`.
	 */
	struct arena arena;
	struct store_report stored;
	struct store_assignment_row assignment;
};

void svc_report_result_init(struct svc_report_result *r);
void svc_report_result_release(struct svc_report_result *r);

int svc_report_submit(struct store *st, const struct svc_rctx *rc,
		      const struct svc_report_input *in, struct svc_report_result *out,
		      struct err *e);

/* Report `id` and its assignment's record; *index is the report's place in out->rec.reports. */
int svc_report_find(struct store *st, int64_t unit_id, int64_t id,
		    struct svc_assignment_record *out, size_t *index, struct err *e);

/* 通过 (REVIEW_ACCEPTED) or 退办 (REVIEW_RETURNED, reason required). */
int svc_report_review(struct store *st, const struct svc_rctx *rc, int64_t report_id,
		      enum review_state decision, const char *reason, struct err *e);

/*
 * What a file is, by its first bytes: a MIME type and a Chinese label, or
 * ERR_INPUT naming `name` and what it looks like (an executable, an archive
 * that is no Word/Excel document, binary data...).
 */
int svc_attachment_sniff(const void *data, size_t len, const char *name, const char **mime,
			 const char **label, struct err *e);

/* A stored attachment by SHA-256 (office only: ERR_DENIED for a unit). */
int svc_attachment_get(struct store *st, int64_t unit_id, const char *sha256, struct arena *a,
		       struct store_attachment *out, struct err *e);

/* ---- extensions and 销号 ---- */

int svc_extension_request(struct store *st, const struct svc_rctx *rc, int64_t assignment_id,
			  struct date new_due, const char *reason, int64_t *id, struct err *e);
/* approve: due_override DATE_NONE grants the requested date; refuse: note required. */
int svc_extension_decide(struct store *st, const struct svc_rctx *rc, int64_t extension_id,
			 bool approve, struct date due_override, const char *note,
			 struct err *e);
/* Extension request `id` as stored (its strings in `a`); ERR_NOT_FOUND when there is none. */
int svc_extension_load(struct store *st, int64_t id, struct arena *a, struct store_extension *out,
		       struct err *e);
int svc_assignment_verify(struct store *st, const struct svc_rctx *rc, int64_t assignment_id,
			  const char *note, struct err *e);

/* ---- sample data (demo_data.c) ---- */

struct svc_demo_stats {
	bool skipped;		/* sample data was there already: nothing written */
	size_t assignments;
	size_t signed_for, disputes, reassigned, reports, returned, extensions, verified;
};

/*
 * Fill plan `plan_id` with plausible sample records up to `as_of`, every
 * row marked sample (shown as 示例数据), deterministic from `seed`.  One
 * transaction, one audit entry.  Idempotent: a plan that already has
 * sample rows is left alone (stats->skipped).
 */
int svc_demo_data(struct store *st, const struct svc_actor *actor, int64_t plan_id,
		  struct date as_of, unsigned long seed, struct svc_demo_stats *stats,
		  struct err *e);

#endif
