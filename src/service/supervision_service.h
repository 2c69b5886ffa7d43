/* Supervision use cases: the escalation ladder on assignments and tasks, forms, 问责, suggestions to accept or dismiss. */
#ifndef DUBAN_SERVICE_SUPERVISION_SERVICE_H
#define DUBAN_SERVICE_SUPERVISION_SERVICE_H

/*
 * The rules are domain/ladder.h's and domain/suggest.h's; this layer loads
 * the facts, applies them and records what a person decided.  Nothing
 * escalates by itself: every action is issued by the office (督查室), by
 * hand or by accepting a suggestion.
 *
 * Each function that changes stored state is one transaction, appends its
 * audit entry (service/audit.h) in it, and changes nothing when it fails.
 * Nothing reads the clock: `rc->today` (service/report_service.h's struct
 * svc_rctx) is the day the act takes effect; a view takes its as-of day.
 *
 * WHO MAY ACT: the office (rc->unit_id 0) issues, closes, records 问责,
 * accepts and dismisses.  A unit's liaison (rc->unit_id > 0) may only
 * record its own unit's reply to an action on one of its assignments
 * (any other action is ERR_NOT_FOUND, as if it did not exist); the rest is
 * ERR_DENIED.
 *
 * ISSUING (svc_action_issue): the target is an assignment (active, handed
 * over on or before the day) or a task as a whole (of a plan, by number).
 * The step's reply deadline is the one given, else (for a step that needs
 * one) the day + ladder_default_reply_days; a step with a form gets the
 * next number of its kind and year (the year of issue) from the store's
 * counter, in the same transaction.  ladder_check() then decides: refused
 * (ERR_CONFLICT with its reason), or allowed FREE, on TIMEOUT, or by
 * DECISION (which needs a stated reason: ERR_CONFLICT without one, saying
 * so).  A record that is incomplete (no ground for a step past 提醒...) is
 * ERR_INPUT.  A task's
 * 销号 date, for rule 1, is the latest of its counted assignments' when
 * every one of them is verified.
 *
 * SUGGESTIONS (svc_suggest): the status engine's judgement as of a day,
 * each assignment's ladder and the dismissals, through suggest_run().  A
 * suggestion is named by a handle "ASSIGNMENT/KEY" (KEY: any one of its
 * cause keys, e.g. 1133/report:2022-06).  Accepting issues the suggested
 * step on rc->today as computed that day (cause = its keys, reason = its
 * words, reply deadline = the proposed one); dismissing records each of
 * its keys as declined.  Either way the suggestion is not proposed again.
 * A handle that names no current suggestion is ERR_NOT_FOUND.
 *
 * FORMS: svc_action_form() builds an action's form (催办单, 督办通知单)
 * and svc_handover_form() an assignment's 交办单, whose number is given the
 * first time it is printed (stored and audited) and kept after.  A step
 * without a form (提醒, 约谈, 问责) is ERR_INPUT.
 *
 * Ownership: every struct here owns what it points to; _release frees it.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/ladder.h"
#include "domain/suggest.h"
#include "service/report_service.h"
#include "service/status_service.h"
#include "store/store_supervision.h"
#include "util/date.h"
#include "util/err.h"
#include "util/strbuf.h"

/* ---- a plan's supervision as of a day ---- */

struct svc_supervision {
	struct svc_status st;			/* the plan judged as of `as_of` */
	struct store_action_list acts;		/* every action of the plan, by id */
	/* acts as the ladder sees them, grouped by target: assignments' first
	 * (by assignment, then id), then tasks' (by task, then id) */
	struct ladder_action *hist;
	size_t *hist_act;			/* hist[k] is acts.v[hist_act[k]] */
	size_t nhist, nassign_hist;
	struct store_dismissal_list dis;
	struct store_accountability_list acc;
	int64_t *task_ids;			/* task_ids[t]: the id of sv->st.tasks[t] */
	/* private: items by assignment id */
	int64_t *item_ids;
	size_t *item_idx;
};

void svc_supervision_init(struct svc_supervision *sv);
void svc_supervision_release(struct svc_supervision *sv);

/* Load plan `plan_spec` as of `as_of` (status thresholds `cfg`, NULL: the defaults). */
int svc_supervision_load(struct store *st, const char *plan_spec, struct date as_of,
			 const struct status_config *cfg, struct svc_supervision *out,
			 struct err *e);

/* The ladder of one target, in order of issue (a slice of sv->hist; *n may be 0). */
void svc_supervision_history(const struct svc_supervision *sv, enum ladder_target on,
			     int64_t target_id, const struct ladder_action **h, size_t *n);

/* The 销号 date of an assignment, or of a task (see ISSUING); DATE_NONE when not verified. */
struct date svc_supervision_verified(const struct svc_supervision *sv, enum ladder_target on,
				     int64_t target_id);

/* The item (index into sv->st.items) of assignment `id`, or -1. */
long svc_supervision_item(const struct svc_supervision *sv, int64_t assignment_id);

/* A stored action as the ladder rules see it (pointing into `x`). */
void svc_action_to_ladder(const struct store_action *x, struct ladder_action *out);

/*
 * The ladder state of task `t` (index into sv->st.tasks) as of sv's day:
 * the highest of the task's own ladder and its assignments' (for the
 * ledger's 督办级别).  *hist and *n give the history the state refers to.
 */
void svc_supervision_task_state(const struct svc_supervision *sv, size_t t,
				struct ladder_state *out, const struct ladder_action **hist,
				size_t *n);

/* ---- issuing, replying, closing ---- */

struct svc_action_input {
	int64_t assignment_id;		/* > 0: on this assignment */
	const char *plan_spec;		/* else on task `task_no` of this plan (NULL: the latest) */
	int task_no;
	enum ladder_step step;
	enum ladder_ground ground;
	struct date reply_due;		/* DATE_NONE: the default for the step */
	const char *reason;		/* stated reason (required for a DECISION) */
	const char *requirement;	/* 要求 on the form; NULL: the default text */
	const char *leader;		/* 提级督办's leader, 约谈's holder */
	const char *cause;		/* suggestion keys answered, or NULL */
};

/* What was issued. */
struct svc_action_issued {
	int64_t id;
	enum ladder_basis basis;
	struct date reply_due;
	char form_no[64];		/* "" for a step without a form */
	char why[LADDER_WHY_MAX];	/* ladder_judge's words */
};

int svc_action_issue(struct store *st, const struct svc_rctx *rc,
		     const struct svc_action_input *in, struct svc_action_issued *out,
		     struct err *e);
int svc_action_reply(struct store *st, const struct svc_rctx *rc, int64_t action_id,
		     const char *text, struct err *e);
int svc_action_close(struct store *st, const struct svc_rctx *rc, int64_t action_id,
		     const char *note, struct err *e);

/* One action as stored, with its target's words; `a` owns the strings. */
int svc_action_get(struct store *st, int64_t unit_id, int64_t action_id, struct arena *a,
		   struct store_action *out, struct err *e);

/* "督办〔2022〕3号" for a stored action ("" without a form). */
void svc_action_form_no(const struct store_action *a, char *buf, size_t cap);

/* The form of action `id` (ERR_INPUT for a step without a form); strings in `a`. */
int svc_action_form(struct store *st, int64_t action_id, struct arena *a, struct ladder_form *out,
		    struct err *e);
/*
 * The 交办单 of assignment `id`: its number is given on the first call (a
 * transaction, audited) and read after; *fresh tells which.
 */
int svc_handover_form(struct store *st, const struct svc_rctx *rc, int64_t assignment_id,
		      struct arena *a, struct ladder_form *out, bool *fresh, struct err *e);

/* ---- 问责 ---- */

struct svc_accountability_input {
	int64_t action_id;
	enum account_measure measure;
	const char *measure_text;	/* required for 其他 */
	enum ladder_ground ground;	/* GROUND_NONE: the action's */
	const char *subject;		/* who is held to account, or NULL */
	const char *doc_no;		/* 文号, required */
};

/* Recorded as decided on rc->today; *id receives the record's id. */
int svc_accountability_add(struct store *st, const struct svc_rctx *rc,
			   const struct svc_accountability_input *in, int64_t *id,
			   struct err *e);

/* ---- suggestions ---- */

struct svc_suggestions {
	struct svc_supervision sv;
	struct suggest_input *in;	/* one per item of sv.st (index = item) */
	struct suggest_dismissal *dis;
	struct suggestions list;	/* list.v[k].input is an item index */
};

void svc_suggestions_init(struct svc_suggestions *s);
void svc_suggestions_release(struct svc_suggestions *s);

int svc_suggest(struct store *st, const char *plan_spec, struct date as_of,
		const struct status_config *cfg, struct svc_suggestions *out, struct err *e);

/* "1133/report:2022-06": the handle of suggestion k (its first key). */
void svc_suggestion_handle(const struct suggestion *s, char *buf, size_t cap);

/*
 * Accept (issue) or dismiss the suggestion named by `handle` as of
 * rc->today.  *issued receives what accept issued (may be NULL for dismiss).
 */
int svc_suggest_accept(struct store *st, const struct svc_rctx *rc, const char *plan_spec,
		       const struct status_config *cfg, const char *handle,
		       struct svc_action_issued *issued, struct err *e);
int svc_suggest_dismiss(struct store *st, const struct svc_rctx *rc, const char *plan_spec,
			const struct status_config *cfg, const char *handle, const char *note,
			size_t *nkeys, struct err *e);

#endif
