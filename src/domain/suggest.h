/* Suggestions: from the status engine's judgement and the ladder history, the next step to propose to the office. */
#ifndef DUBAN_DOMAIN_SUGGEST_H
#define DUBAN_DOMAIN_SUGGEST_H

/*
 * Pure: no store, no I/O, no clock.  Nothing is ever applied: the output
 * is a list the office accepts (the service then records a ladder action
 * through ladder_check, with action.cause = suggestion.keys and the
 * suggestion's reason as the stated reason) or dismisses (the service
 * records one struct suggest_dismissal per key of the suggestion).
 *
 * Ownership: inputs are borrowed.  The output struct suggestions owns its
 * array (suggestions_release frees it); each suggestion holds its words in
 * fixed buffers.
 *
 * CAUSES (per assignment, judged on day D, only while its lifecycle on D is
 * 待签收 or 推进中; nothing for 尚未交办, 已改派, 已完成待核验, 已销号).  Each
 * cause has a stable key, the identity a dismissal refers to:
 *
 *   cause              when (status / ladder on D)        key                  base step
 *   ------------------ ---------------------------------- -------------------- ------------
 *   unanswered notice  the ladder's top action is        unanswered:<action>  the step right
 *                      REPLY_OVERDUE (no reply, its                            above it
 *                      deadline passed)                                        (ladder_next)
 *   past due           flag 逾期未完成                     past_due:<due date>  蓝色督查单
 *   milestone unmet    status.milestone_unmet is set      milestone:<date>     蓝色督查单
 *   lagging            flag 连续滞后 (red at the end of    lagging:<period>     蓝色督查单
 *                      the last lagging_periods periods;
 *                      <period> = the latest ended one)
 *   missing report     flag 逾期未报                       report:<period>      催办
 *   sign overdue       flag 逾期未签收                     sign                 提醒
 *
 *   (<action> is the action's id; <date> is YYYY-MM-DD; <period> YYYY-MM or
 *   YYYY-Qn.)  A lagging key changes each period: red again at the next
 *   period's end is new evidence and is proposed again even after a
 *   dismissal; a report, milestone, due date or notice is proposed once.
 *
 * WHEN A CAUSE IS SILENT
 *   - its key was dismissed for this assignment on or before D;
 *   - an action issued on or before D already answered it (its `cause`
 *     lists the key);
 *   - for the three progress causes (past due, milestone, lagging), with L
 *     the ladder level on D and T its top action:
 *       L below 蓝色督查单           → propose 蓝色督查单;
 *       L at 蓝/橙 and T answered (in time or late) or without deadline
 *                                    → propose the next grade (the notice
 *                                      did not resolve the matter);
 *       T still waiting for its reply → silent (the matter is in hand);
 *       T overdue                     → silent (the unanswered cause speaks);
 *       L at 红色督查单 or above       → silent: beyond the red notice only
 *                                      an unanswered notice is followed up;
 *                                      提级督办, 约谈, 问责 otherwise are the
 *                                      office's own decision.
 *   - the missing-report and sign causes always propose their base step (a
 *     催办/提醒 is allowed below any level and does not change it).
 *
 * GROUNDS: missing report and sign overdue → 落实不力; the progress causes →
 * 进度滞后; an unanswered notice keeps that notice's ground (效能低下 when it
 * had none).
 *
 * MERGING AND ORDER: causes proposing the same step for the same
 * assignment become one suggestion: its keys are joined with ';' (in the
 * table's order), its reason lists each cause, the ground is the first
 * cause's.  Suggestions come in input order, and within an assignment by
 * step, highest first.  Each carries the basis ladder_judge gives the step
 * on D (FREE, TIMEOUT or DECISION: for DECISION the reason text serves as
 * the stated reason) and a reply deadline of D + ladder_default_reply_days.
 *
 * WORDS (the reason), e.g.
 *   2022-06 月报逾期未报（应于 2022-06-25 前报送） → 建议催办
 *   连续 2 期期末为红色（截至 2022-06） → 建议发蓝色督查单
 *   时间节点 2022-06-30 已过未完成 → 建议发蓝色督查单
 *   橙色督查单（督办〔2022〕3号）应于 2022-07-10 前回复，逾期未回复 → 建议发红色督查单
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/ladder.h"
#include "domain/period.h"
#include "domain/status.h"
#include "util/date.h"

enum suggest_cause {
	CAUSE_UNANSWERED = 1u << 0,
	CAUSE_PAST_DUE = 1u << 1,
	CAUSE_MILESTONE = 1u << 2,
	CAUSE_LAGGING = 1u << 3,
	CAUSE_REPORT = 1u << 4,
	CAUSE_SIGN = 1u << 5
};
#define SUGGEST_NCAUSES 6

struct suggest_input {
	int64_t assignment_id;
	int task_no;				/* for words; 0 when unknown */
	const char *unit;			/* for words; may be NULL */
	const struct status *status;		/* status_assess(..., as_of) */
	const struct calendar *cal;		/* the plan's calendar */
	const struct ladder_action *actions;	/* this assignment's ladder, in order */
	size_t nactions;
	struct date verified_at;		/* 销号 or DATE_NONE */
};

/* The office declined a cause: `key` is not proposed again for the assignment. */
struct suggest_dismissal {
	int64_t assignment_id;
	const char *key;
	struct date dismissed_at;	/* a dismissal after D is not known on D */
};

#define SUGGEST_KEYS_MAX 192
#define SUGGEST_REASON_MAX 768

struct suggestion {
	size_t input;			/* index into the inputs */
	int64_t assignment_id;
	enum ladder_step step;
	enum ladder_ground ground;
	enum ladder_basis basis;
	unsigned causes;		/* enum suggest_cause bits */
	int64_t after_action;		/* the unanswered action followed up, or 0 */
	struct date reply_due;		/* proposed deadline, DATE_NONE for none */
	char keys[SUGGEST_KEYS_MAX];	/* "report:2022-06;sign" */
	char reason[SUGGEST_REASON_MAX];
};

struct suggestions {
	struct suggestion *v;
	size_t n, alloc;
};

#define SUGGESTIONS_INIT { NULL, 0, 0 }

const char *suggest_cause_label(enum suggest_cause c);	/* 逾期未报 ... */
const char *suggest_cause_name(enum suggest_cause c);	/* report ... */

/* Whether `key` is one of the ';'-separated keys in `list` (NULL: no). */
bool suggest_keys_contain(const char *list, const char *key);

/* Append to *out the suggestions for each input on day `as_of`. */
void suggest_run(const struct suggest_input *in, size_t n, const struct suggest_dismissal *dis,
		 size_t ndis, struct date as_of, struct suggestions *out);
void suggestions_release(struct suggestions *s);

#endif
