/* The store's reporting contract: calendars, sign-for, disputes, reports, reviews, extensions, verification. */
#ifndef DUBAN_STORE_STORE_REPORTS_H
#define DUBAN_STORE_STORE_REPORTS_H

/*
 * Part of the store interface (store/store.h: backends, transactions,
 * errors and ownership rules apply as written there), kept in its own
 * header because it speaks in domain/assignment.h's types.  Schema levels
 * 4 (tables) and 5 (append-only triggers); SQL in
 * src/store/store_sqlite_reports.c.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/assignment.h"
#include "domain/period.h"
#include "domain/plan.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/err.h"

/*
 * What units and the office record about assignments: the plan's reporting
 * calendar, sign-for (签收), dispute (退回) and the office's decision on it,
 * report versions with their values and attachments, reviews, extensions
 * (延期) and verification (销号).  Rows are only ever added: a revision is a
 * new report version; a decision (on a dispute, an extension) is added once
 * to its row, and the database refuses any other change (triggers).  The
 * service layer holds the rules (service/report_service.h); the store only
 * refuses what would break its keys: a second sign-for, dispute, review or
 * verification of the same thing is ERR_CONFLICT, as is deciding twice.
 *
 * Each row carries the day it took effect (`on`: what the status engine
 * reads, chosen by the caller) and the time it was recorded (`recorded_at`,
 * the database clock as store_now(), set by the store), and `sample` for
 * rows written by `duban demo-data`.  Actors (`by`) are names such as
 * "cli:alice" or "user:bob".
 *
 * Loading: store_facts_load() reads what the status engine needs for every
 * assignment of a plan in five queries (no text), sorted by assignment id;
 * store_reporting_load() reads everything about one assignment, texts too.
 * Strings handed out live in the struct's arena; its arrays are malloc'd;
 * _release frees both.
 */

/* A plan's reporting calendar as stored; *found false: none stored (defaults apply). */
int store_calendar_get(struct store *st, int64_t plan_id, struct calendar *out, bool *found,
		       struct err *e);
/* Store plan `plan_id`'s calendar (calendar_check()ed by the caller).  Inside a transaction. */
int store_calendar_set(struct store *st, int64_t plan_id, const struct calendar *cal,
		       struct err *e);

/* One assignment with what the rules about it need: its plan and task. */
struct store_assignment_ctx {
	struct arena arena;	/* owns every string below */
	struct store_assignment_row row;
	const char *plan_doc_no;	/* "" when none */
	const char *plan_title;
	struct date plan_issued;	/* DATE_NONE when unknown */
	int plan_year;			/* 0 when unknown */
	struct task task;		/* no, section, text, due, targets, milestones; no units */
};

void store_assignment_ctx_init(struct store_assignment_ctx *c);
void store_assignment_ctx_release(struct store_assignment_ctx *c);

/* Assignment `id` (retired or not); *found false when there is none. */
int store_assignment_ctx_get(struct store *st, int64_t id, struct store_assignment_ctx *out,
			     bool *found, struct err *e);

struct store_signoff {
	int64_t assignment_id;
	struct date on;
	const char *by;
	const char *note;	/* "" when none */
	const char *recorded_at;	/* set by the store */
	bool sample;
};

enum store_dispute_decision {
	STORE_DISPUTE_OPEN = 0,		/* not yet decided */
	STORE_DISPUTE_CONFIRMED,	/* the office confirmed the unit: it must sign */
	STORE_DISPUTE_REASSIGNED	/* the office gave the task to another unit */
};

/* 退回: at most one per assignment; the decision is added once. */
struct store_dispute {
	int64_t id;
	int64_t assignment_id;
	const char *reason;
	const char *raised_by;
	struct date raised_on;
	const char *recorded_at;
	enum store_dispute_decision decision;
	int64_t new_assignment_id;	/* REASSIGNED: the assignment created for the new unit */
	const char *decision_note;	/* "" when none */
	const char *decided_by;
	struct date decided_on;
	const char *decided_recorded_at;
	bool sample;
};

/* The actual value reached for the task's target number `seq` (1-based, as stored). */
struct store_report_value {
	int seq;
	double actual;
};

/* An attachment of a report: the content is stored once, by SHA-256. */
struct store_report_attachment {
	char sha256[65];
	const char *name;	/* the file name given with this report */
	const char *mime;
	int64_t size;
};

/* One version of one period's report, with its review if any. */
struct store_report {
	int64_t id;
	int64_t assignment_id;
	struct period period;
	int version;		/* set by the store on insert: 1 + the period's latest */
	double percent;
	const char *progress;	/* 完成情况 */
	const char *problems;	/* 存在问题; "" when none */
	const char *next_steps;	/* 下步打算; "" when none */
	enum likelihood likelihood;
	const char *author;
	struct date submitted_on;
	const char *recorded_at;
	bool sample;
	const struct store_report_value *values;	/* by seq */
	size_t nvalues;
	const struct store_report_attachment *attachments;	/* in the order given */
	size_t nattachments;
	/* Its review: REVIEW_PENDING when none. */
	enum review_state review;
	const char *review_reason;
	const char *reviewer;
	struct date reviewed_on;
	const char *reviewed_recorded_at;
	bool review_sample;
};

struct store_review {
	int64_t report_id;
	enum review_state decision;	/* REVIEW_ACCEPTED or REVIEW_RETURNED */
	const char *reason;		/* required for RETURNED */
	const char *by;
	struct date on;
	bool sample;
};

/* 延期申请. */
struct store_extension {
	int64_t id;
	int64_t assignment_id;
	struct date old_due;		/* the due date in force when requested */
	struct date new_due;		/* as requested */
	const char *reason;
	const char *requested_by;
	struct date requested_on;
	const char *recorded_at;
	enum extension_state state;
	struct date approved_due;	/* APPROVED: the date granted (new_due unless the office set another) */
	const char *decision_note;	/* "" when none */
	const char *decided_by;
	struct date decided_on;
	const char *decided_recorded_at;
	bool sample;
};

/* 销号. */
struct store_verification {
	int64_t assignment_id;
	struct date on;
	const char *by;
	const char *note;
	const char *recorded_at;
	bool sample;
};

/* Everything recorded about one assignment, texts included. */
struct store_reporting {
	struct arena arena;
	struct store_signoff *signoff;	/* NULL when not signed */
	struct store_dispute *dispute;	/* NULL when never disputed */
	struct store_report *reports;	/* by period, version */
	size_t nreports;
	struct store_extension *extensions;	/* by id */
	size_t nextensions;
	struct store_verification *verification;	/* NULL when not verified */
	/* The dispute whose reassignment created this assignment, or NULL. */
	struct store_dispute *reassigned_from;
};

void store_reporting_init(struct store_reporting *r);
void store_reporting_release(struct store_reporting *r);

int store_reporting_load(struct store *st, int64_t assignment_id, struct store_reporting *out,
			 struct err *e);

/*
 * What store_reporting_load reads, but of the report history only its
 * recent part: for each of the `nperiods` newest periods (by period as
 * sorted here; 0: every period), its latest version and its latest version
 * submitted on or before `day` (one report when they are the same), by
 * period and version, with texts and review.  The last of them (the
 * assignment's latest report) comes with its values and attachments; the
 * others without (nvalues and nattachments 0).  This is what the rules
 * about a new act read (service/report_service.h: the report carried
 * from, the one in use on `day`), at a cost that follows the number of
 * periods read, not of versions.  `day` must be set.
 */
int store_reporting_load_recent(struct store *st, int64_t assignment_id, struct date day,
				size_t nperiods, struct store_reporting *out, struct err *e);

/* Report `id` with its values, attachments and review; *found false when there is none. */
int store_report_get(struct store *st, int64_t id, struct arena *a, struct store_report *out,
		     bool *found, struct err *e);
/* The same, for version `version` of `period`'s report of assignment `assignment_id`. */
int store_report_version_get(struct store *st, int64_t assignment_id, struct period period,
			     int version, struct arena *a, struct store_report *out, bool *found,
			     struct err *e);
/* Extension `id`; *found false when there is none. */
int store_extension_get(struct store *st, int64_t id, struct arena *a, struct store_extension *out,
			bool *found, struct err *e);

/*
 * What the status engine needs for every assignment of one plan (retired
 * ones too), no text.  Each array is sorted by its *_of (assignment id) and
 * then as domain/assignment.h wants it: reports by period and version,
 * extensions by id.  An extension's new_due is the approved date once
 * approved.  A dispute's `new_assignment` is the one its reassignment
 * created (0 otherwise).
 */
struct store_facts {
	int64_t *sign_of;
	struct date *signed_on;
	size_t nsigns;
	int64_t *dispute_of;
	struct dispute *disputes;
	int64_t *new_assignment;
	size_t ndisputes;
	int64_t *report_of;
	struct report_fact *reports;
	size_t nreports;
	int64_t *extension_of;
	struct extension *extensions;
	size_t nextensions;
	int64_t *verify_of;
	struct date *verified_on;
	size_t nverifies;
	size_t nsample;		/* rows marked sample among all of the above (and reviews) */
};

void store_facts_init(struct store_facts *f);
void store_facts_release(struct store_facts *f);

int store_facts_load(struct store *st, int64_t plan_id, struct store_facts *out, struct err *e);

/* Inside a transaction.  A second sign-for of the same assignment is ERR_CONFLICT. */
int store_signoff_insert(struct store *st, const struct store_signoff *s, struct err *e);
/* d->id receives the new id.  A second dispute of the same assignment is ERR_CONFLICT.  Inside a transaction. */
int store_dispute_insert(struct store *st, struct store_dispute *d, struct err *e);
/*
 * Add the decision (decision, new_assignment_id, decision_note, decided_by,
 * decided_on) to dispute d->id; one already decided is ERR_CONFLICT, none
 * ERR_NOT_FOUND.  Inside a transaction.
 */
int store_dispute_decide(struct store *st, const struct store_dispute *d, struct err *e);

/*
 * Insert report `r` (assignment, period, percent, texts, likelihood, author,
 * submitted_on, sample) with its values and attachment links (whose contents
 * must be stored already: store_attachment_put); r->id and r->version
 * receive the new id and version.  Inside a transaction.
 */
int store_report_insert(struct store *st, struct store_report *r, struct err *e);

/* A stored attachment's content. */
struct store_attachment {
	char sha256[65];
	int64_t size;
	const char *mime;
	const char *name;	/* the name it was first stored under */
	const void *data;	/* size bytes */
	const char *recorded_at;
};

/*
 * Store a content (sha256 = its hex SHA-256, checked by the caller) unless
 * that content is stored already: *added tells which.  Inside a transaction.
 */
int store_attachment_put(struct store *st, const struct store_attachment *a, bool *added,
			 struct err *e);
/* The attachment with this SHA-256 (data into `a`); *found false when none. */
int store_attachment_get(struct store *st, const char *sha256, struct arena *a,
			 struct store_attachment *out, bool *found, struct err *e);

/* A second review of one report is ERR_CONFLICT.  Inside a transaction. */
int store_review_insert(struct store *st, const struct store_review *r, struct err *e);
/* x->id receives the new id (state pending).  Inside a transaction. */
int store_extension_insert(struct store *st, struct store_extension *x, struct err *e);
/*
 * Add the decision (state approved|refused, approved_due, decision_note,
 * decided_by, decided_on) to extension x->id; one no longer pending is
 * ERR_CONFLICT, none ERR_NOT_FOUND.  Inside a transaction.
 */
int store_extension_decide(struct store *st, const struct store_extension *x, struct err *e);
/* A second verification of the same assignment is ERR_CONFLICT.  Inside a transaction. */
int store_verification_insert(struct store *st, const struct store_verification *v,
			      struct err *e);

/* Counts over one plan's assignments. */
struct store_reporting_counts {
	size_t nreports;
	size_t nsample;		/* rows marked sample, every reporting table */
	size_t nother_cadence;	/* reports whose period is not of the cadence asked about */
};

/* Counts for plan `plan_id`; `cadence` names the cadence for nother_cadence. */
int store_reporting_counts(struct store *st, int64_t plan_id, enum cadence cadence,
			   struct store_reporting_counts *out, struct err *e);

/*
 * The office's reassignments in plan `plan_id`: for each dispute decided
 * "reassign", the disputed assignment (from[i], retired by the decision) and
 * the one created for the new unit (to[i]).  The arrays are malloc'd (free
 * them); *n may be 0.  The directory's re-derivation leaves both alone: a
 * decision of the office is not undone by a new directory.
 */
int store_reassignments(struct store *st, int64_t plan_id, int64_t **from, int64_t **to,
			size_t *n, struct err *e);

#endif
