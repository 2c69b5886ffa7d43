/* The store's supervision contract: ladder actions and their forms, 问责, dismissed suggestions, assessment rules, appeals, bulletins. */
#ifndef DUBAN_STORE_STORE_SUPERVISION_H
#define DUBAN_STORE_STORE_SUPERVISION_H

/*
 * Part of the store interface (store/store.h: backends, transactions,
 * errors and ownership rules apply as written there), kept in its own
 * header because it speaks in domain/ladder.h's and domain/assess.h's
 * types.  Schema levels 6-7 (tables) and 8 (append-only triggers); SQL in
 * src/store/store_sqlite_supervision.c.
 *
 * What the office (督查室) records when it supervises: the steps of the
 * escalation ladder (actions) on an assignment or on a task as a whole,
 * with the unit's reply and the office's closing (办结) each added once;
 * the numbers of printed forms (交办单, 催办单, 督办通知单), allocated from a
 * counter per form kind and year inside the caller's transaction, so two
 * issues never share a number (the counter only grows, and the database
 * refuses a repeated number); the 问责 register, each record linked to an
 * action; the causes of suggestions it declined (by key, per assignment);
 * the assessment rules text of a year; appeals (申诉) against one line of a
 * unit's assessment, decided once; and the progress bulletins it issued,
 * one per plan and period, with their summary (JSON, written by the
 * service) so that the next bulletin compares with what was published.
 *
 * Rows are only ever added (triggers refuse the rest), except the rules of
 * a year (replaced whole) and an appeal's decision (added once).  The store
 * refuses what breaks its keys: a second reply, closing, dismissal of the
 * same key, appeal of the same line, or bulletin of the same period is
 * ERR_CONFLICT; deciding an appeal twice too.  The service layer
 * (service/supervision_service.h, assess_service.h, bulletin_service.h)
 * holds the rules.  Each row records the day it took effect (chosen by the
 * caller) and the time it was recorded (the database clock, set by the
 * store).  Strings handed out live in the list's (or the caller's) arena.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/assess.h"
#include "domain/ladder.h"
#include "domain/period.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/err.h"

/* ---- ladder actions ---- */

struct store_action {
	int64_t id;			/* set by the store on insert */
	int64_t task_id;		/* always the task */
	int64_t assignment_id;		/* 0: on the task as a whole */
	enum ladder_step step;
	enum ladder_ground ground;	/* GROUND_NONE only for 提醒 */
	enum ladder_basis basis;	/* FREE, TIMEOUT or DECISION */
	const char *reason;		/* the office's stated reason; "" when none */
	const char *requirement;	/* 要求 for the form; "" for the default */
	const char *cause;		/* suggestion keys answered ("a;b"); "" when none */
	const char *leader;		/* 提级督办's leader, 约谈's holder; "" when none */
	const char *issued_by;
	struct date issued_on;
	struct date reply_due;		/* DATE_NONE: no reply asked */
	enum ladder_form_kind form_kind;	/* FORM_NONE, FORM_URGE or FORM_NOTICE */
	const char *form_prefix;	/* 代字; "" for the kind's default */
	int form_year, form_seq;	/* 0 without a form */
	const char *recorded_at;	/* set by the store */
	bool sample;
	/* Read back only. */
	int64_t plan_id;
	int task_no;
	int64_t unit_id;		/* the assignment's directory unit; 0 when none */
	const char *unit_name;		/* the assignment's unit as listed; NULL on a task */
	const char *reply;		/* NULL: not replied */
	const char *replied_by;
	struct date replied_on;
	const char *reply_recorded_at;
	struct date closed_on;		/* DATE_NONE: not closed (办结) */
	const char *closed_by;
	const char *close_note;
	const char *closed_recorded_at;
};

/* Which actions to list; zero fields do not filter. */
struct store_action_filter {
	int64_t plan_id;
	int64_t task_id;
	int64_t assignment_id;
};

/* Actions in id order (the order of issue). */
struct store_action_list {
	struct arena arena;
	struct store_action *v;
	size_t n;
};

void store_action_list_init(struct store_action_list *l);
void store_action_list_release(struct store_action_list *l);

int store_actions_list(struct store *st, const struct store_action_filter *f,
		       struct store_action_list *out, struct err *e);
/* Action `id` with its reply and closing; *found false when there is none. */
int store_action_get(struct store *st, int64_t id, struct arena *a, struct store_action *out,
		     bool *found, struct err *e);

/*
 * The next number of form kind `k` (FORM_HANDOVER, FORM_URGE, FORM_NOTICE)
 * in `year`: 1 + the last one given, which it becomes.  Inside a
 * transaction: the number is the caller's only if it commits.
 */
int store_form_number_next(struct store *st, enum ladder_form_kind k, int year, int *seq,
			   struct err *e);

/*
 * Insert action `a` (everything above "Read back only", but id and
 * recorded_at); a->id receives the new id.  A form number already used for
 * its kind and year is ERR_CONFLICT.  Inside a transaction.
 */
int store_action_insert(struct store *st, struct store_action *a, struct err *e);
/* The unit's reply to action `id`; a second one is ERR_CONFLICT.  Inside a transaction. */
int store_action_reply(struct store *st, int64_t id, const char *reply, const char *by,
		       struct date on, bool sample, struct err *e);
/* The office closes (办结) action `id`; a second time is ERR_CONFLICT.  Inside a transaction. */
int store_action_close(struct store *st, int64_t id, const char *by, struct date on,
		       const char *note, bool sample, struct err *e);

/* ---- 交办单 numbers ---- */

struct store_handover_form {
	int64_t assignment_id;
	const char *form_prefix;	/* "" for the default */
	int form_year, form_seq;
	const char *issued_by;
	const char *recorded_at;	/* set by the store */
};

/* The 交办单 number of assignment `id`; *found false when none was given yet. */
int store_handover_form_get(struct store *st, int64_t assignment_id, struct arena *a,
			    struct store_handover_form *out, bool *found, struct err *e);
/* A second number for one assignment, or a number used twice, is ERR_CONFLICT.  Inside a transaction. */
int store_handover_form_insert(struct store *st, const struct store_handover_form *f,
			       struct err *e);

/* ---- 问责 register ---- */

struct store_accountability {
	int64_t id;			/* set by the store on insert */
	int64_t action_id;
	enum ladder_ground ground;
	enum account_measure measure;
	const char *measure_text;	/* "" when none */
	const char *subject;		/* who is held to account; "" when not named */
	struct date decided_on;
	const char *doc_no;
	const char *decided_by;
	const char *recorded_at;	/* set by the store */
	bool sample;
	/* Read back only: the action's target. */
	int64_t plan_id;
	int64_t task_id;
	int64_t assignment_id;		/* 0: on a task */
	int task_no;
	int64_t unit_id;
	const char *unit_name;		/* NULL on a task */
};

struct store_accountability_list {
	struct arena arena;
	struct store_accountability *v;
	size_t n;
};

void store_accountability_list_init(struct store_accountability_list *l);
void store_accountability_list_release(struct store_accountability_list *l);

/* Plan `plan_id`'s records (0: every plan's) in id order. */
int store_accountability_list(struct store *st, int64_t plan_id,
			      struct store_accountability_list *out, struct err *e);
/* r->id receives the new id.  An unknown action is ERR_NOT_FOUND.  Inside a transaction. */
int store_accountability_insert(struct store *st, struct store_accountability *r,
				struct err *e);

/* ---- declined suggestions ---- */

struct store_dismissal {
	int64_t assignment_id;
	const char *key;		/* the cause's key (domain/suggest.h) */
	const char *by;
	struct date on;
	const char *note;		/* "" when none */
	const char *recorded_at;	/* set by the store */
};

struct store_dismissal_list {
	struct arena arena;
	struct store_dismissal *v;	/* by assignment, key */
	size_t n;
};

void store_dismissal_list_init(struct store_dismissal_list *l);
void store_dismissal_list_release(struct store_dismissal_list *l);

int store_dismissals_list(struct store *st, int64_t plan_id, struct store_dismissal_list *out,
			  struct err *e);
/* The same key of the same assignment twice is ERR_CONFLICT.  Inside a transaction. */
int store_dismissal_insert(struct store *st, const struct store_dismissal *d, struct err *e);

/* ---- assessment rules ---- */

struct store_assess_rules {
	int year;
	const char *text;		/* the rules file as given */
	const char *set_by;
	const char *updated_at;
};

/* The rules of `year` (strings into `a`); *found false when none are stored. */
int store_assess_rules_get(struct store *st, int year, struct arena *a,
			   struct store_assess_rules *out, bool *found, struct err *e);
/* Store (or replace) the rules of r->year.  Inside a transaction. */
int store_assess_rules_set(struct store *st, const struct store_assess_rules *r, struct err *e);

/* ---- appeals ---- */

struct store_appeal {
	int64_t id;			/* set by the store on insert */
	int year;
	int64_t unit_id;		/* a directory unit */
	const char *line_key;
	const char *reason;
	int orig_cp;			/* the line's points when filed */
	const char *filed_by;
	struct date filed_on;
	const char *recorded_at;	/* set by the store */
	enum appeal_state state;	/* APPEAL_PENDING on insert */
	int corrected_cp;		/* APPEAL_CORRECTED only */
	const char *decision_note;	/* "" when none */
	const char *decided_by;
	struct date decided_on;
	const char *decided_recorded_at;
	/* Read back only. */
	const char *unit_name;
};

struct store_appeal_list {
	struct arena arena;
	struct store_appeal *v;		/* by id */
	size_t n;
};

void store_appeal_list_init(struct store_appeal_list *l);
void store_appeal_list_release(struct store_appeal_list *l);

/* The appeals of `year` (0: every year). */
int store_appeals_list(struct store *st, int year, struct store_appeal_list *out,
		       struct err *e);
int store_appeal_get(struct store *st, int64_t id, struct arena *a, struct store_appeal *out,
		     bool *found, struct err *e);
/* a->id receives the new id; the same line appealed twice is ERR_CONFLICT.  Inside a transaction. */
int store_appeal_insert(struct store *st, struct store_appeal *a, struct err *e);
/*
 * Add the decision (state upheld|corrected, corrected_cp, decision_note,
 * decided_by, decided_on) to appeal a->id; one already decided is
 * ERR_CONFLICT, none ERR_NOT_FOUND.  Inside a transaction.
 */
int store_appeal_decide(struct store *st, const struct store_appeal *a, struct err *e);

/* ---- bulletins issued ---- */

struct store_bulletin {
	int64_t id;			/* set by the store on insert */
	int64_t plan_id;
	struct period period;
	struct date as_of;
	int issue_no;			/* 1, 2, ... within the plan */
	const char *summary;		/* JSON, as the service wrote it */
	const char *issued_by;
	const char *recorded_at;	/* set by the store */
};

struct store_bulletin_list {
	struct arena arena;
	struct store_bulletin *v;	/* by period */
	size_t n;
};

void store_bulletin_list_init(struct store_bulletin_list *l);
void store_bulletin_list_release(struct store_bulletin_list *l);

int store_bulletins_list(struct store *st, int64_t plan_id, struct store_bulletin_list *out,
			 struct err *e);
/* b->id receives the new id; a period or issue number already issued is ERR_CONFLICT.  Inside a transaction. */
int store_bulletin_insert(struct store *st, struct store_bulletin *b, struct err *e);

/* ---- facts for the assessment ---- */

/* One target value of one report version (no text). */
struct store_report_value_row {
	int64_t assignment_id;
	struct period period;
	int version;
	int seq;			/* the task's target number, 1-based */
	double actual;
};

/*
 * The target values of every report of plan `plan_id`'s verified (销号)
 * assignments, by assignment, period, version, seq; *out is malloc'd (free
 * it), NULL when none.
 */
int store_verified_values(struct store *st, int64_t plan_id, struct store_report_value_row **out,
			  size_t *n, struct err *e);

#endif
