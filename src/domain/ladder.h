/* The escalation ladder (提醒 → 催办 → 蓝/橙/红色督查单 → 提级督办 → 约谈 → 问责), its timers, forms, 问责 and 销号 records. */
#ifndef DUBAN_DOMAIN_LADDER_H
#define DUBAN_DOMAIN_LADDER_H

/*
 * Pure rules over recorded actions: no store, no I/O, no clock, no
 * allocation.  An action is recorded once and never rewritten, except
 * that the unit's reply and the office's closing (办结) are added to it
 * later, each with its date.  As everywhere in duban, "on day D" means
 * what was known on D: an action issued, answered or closed after D did
 * not exist yet / was not answered / was still open on D.
 *
 * Ownership: every struct here points at strings and arrays it does not
 * own (the caller keeps them alive while a function runs).  Outputs are
 * written into caller-provided structs with fixed-size buffers.
 *
 * ---------------------------------------------------------------------
 * THE STEPS, in ascending order (enum ladder_step; a larger value is a
 * higher step):
 *    提醒          a reminder; no form; a reply deadline is optional
 *    催办          an urging notice (催办单) with a reply deadline
 *    蓝色督查单     督办通知单, blue grade: requirements and a deadline
 *    橙色督查单     orange grade: blue unresolved without justification,
 *                  or a major / urgent / leader-instructed matter
 *    红色督查单     red grade: orange unresolved (or 特事特办)
 *    提级督办       escalated to a higher leader (督办通知单, with deadline)
 *    约谈          a formal interview; no form, no reply deadline
 *    问责          accountability; the measure and its document number are
 *                  in the accountability register (struct accountability)
 * The grades follow 三明's 三色督查单; the forms follow 邓州's 三单
 * (交办单 → 催办单 → 督办通知单).
 *
 * GROUNDS (事由), the four the notice names: 落实不力, 进度滞后,
 * 效能低下, 推诿扯皮.  Every step except 提醒 must name one.
 *
 * REPLY DEADLINES: required for 催办, the three 督查单 grades and 提级督办;
 * optional for 提醒; not taken for 约谈 and 问责.  A deadline is on or
 * after the day of issue.  Defaults offered by ladder_default_reply_days()
 * (duban's own choice, not from a source; the office sets each one):
 *    催办 5 days, 蓝 7, 橙 5, 红 3, 提级督办 3 (calendar days after issue).
 *
 * TIMER (ladder_reply_state, on day D):
 *    no deadline asked            REPLY_NOT_ASKED (REPLY_IN_TIME if replied)
 *    replied on or before D:      REPLY_IN_TIME when replied_at <= deadline,
 *                                 else REPLY_LATE
 *    not replied by D:            REPLY_WAITING while D <= deadline,
 *                                 REPLY_OVERDUE from the day after it
 *  So a reply on the deadline day is in time, and nothing is overdue on
 *  the deadline day itself (the same boundary as a report's due date).
 *  "Not answered in time" = REPLY_LATE or REPLY_OVERDUE.
 *
 * OPEN ACTIONS AND THE LEVEL (ladder_state_at, on day D):
 *  An action is open on D when it was issued on or before D, was not
 *  closed (办结: closed_at) on or before D, and the target was not
 *  verified (销号) on or before D — 销号 closes every action of the
 *  target.  The level is the highest step among open actions (STEP_NONE
 *  when none); the "top" action is the latest issued open action of that
 *  step.  Closing is the office's act (typically when it accepts a reply);
 *  a reply alone does not close an action.
 *
 * TRANSITIONS (ladder_options / ladder_check): may step S be issued on
 * day D, given the level L and top action T on D?  (Actions issued on D
 * before this one count.)  Verdicts:
 *    FREE       allowed without a stated reason
 *    TIMEOUT    allowed because T was not answered in time (the timer)
 *    DECISION   allowed only by the office's decision with a stated reason
 *    REFUSED    not allowed
 *  Rules, first that applies:
 *   1. target verified (销号) on or before D         REFUSED
 *   2. S < L:  提醒 or 催办 → FREE (a reminder while a notice is open; it
 *              does not change the level); any other lower step → REFUSED
 *              ("close the open notice first": grades never go down)
 *   3. S == L: 提醒, 催办, 约谈, 问责 may repeat → FREE; a notice grade or
 *              提级督办 again → DECISION (重发 with a reason)
 *   4. S > L:  S at most 蓝色督查单 → FREE (the office may start where the
 *              matter needs: 提醒, 催办 or a blue notice);
 *              S is the step right above L and T's reply deadline has passed
 *              without a reply in time (REPLY_LATE/REPLY_OVERDUE) → TIMEOUT
 *              (a grade rises when the one before is not answered in time);
 *              otherwise → DECISION: a grade rises "on the office's
 *              decision", and skipping steps (e.g. straight to 橙色 for a
 *              major matter, or to 问责) needs a stated reason.
 *  So nothing escalates by itself: every action is issued by a person;
 *  the rules only say when a reason must be written.
 *  ladder_check() also validates the record: step, target, issuer, date
 *  of issue set and not before the latest action in the history (actions
 *  are recorded in order), ground (all but 提醒), reply deadline (as
 *  above), a form number for a step with a form.
 *
 * FORMS AND NUMBERS
 *    交办单 (FORM_HANDOVER)  the hand-over of a task to a unit
 *    催办单 (FORM_URGE)      催办
 *    督办通知单 (FORM_NOTICE) 蓝/橙/红色督查单 and 提级督办
 *    提醒, 约谈, 问责 have no numbered form here (问责's document number is
 *    the accountability record's doc_no).
 *  Numbers run per form kind and per year from 1, in the 发文字号 style
 *  "<代字>〔<year>〕<n>号" with the default 代字 交办 / 催办 / 督办, e.g.
 *  督办〔2022〕12号.  The counter itself is kept by the store; this module
 *  formats, parses and (for a history held in memory) proposes the next
 *  number.  The year is the year of issue.
 *  A form's content (事项, 要求, 责任单位, 责任人, 时限, 编号, plus title,
 *  ground, issuer and date) is built as struct ladder_form; rendering it
 *  is the presentation's job.  Dates on forms are written 2022年7月10日.
 *
 * EFFECT ON STATUS: the ladder never changes the computed RAG (status.h
 * judges the work, the ladder is the office's response).  It adds a marker
 * shown beside the status: ladder_marker() writes, e.g.
 *    已发橙色督查单（督办〔2022〕3号，限 2022-07-10 前回复）
 *    橙色督查单逾期未回复（督办〔2022〕3号，应于 2022-07-10 前回复）
 *    已发橙色督查单（督办〔2022〕3号，已于 2022-07-08 回复）
 *  and struct ladder_state says how many open notices are overdue.
 *
 * 问责 REGISTER (struct accountability): ground, measure (约谈, 责令书面
 * 检查, 通报批评, 诫勉谈话, 组织处理, 政务处分, 其他 with text), date
 * decided, document number, and the ladder action that led to it (on the
 * same target, issued on or before the decision).
 *
 * 销号 (struct verification): the office verifies a completed result; it
 * closes the task or assignment (and with it every open action).  Allowed
 * only when the status lifecycle on the verification date is 已完成待核验
 * (for a task: every counted assignment complete).  Target counts record
 * what the verified result reached (used by the assessment).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/status.h"
#include "util/date.h"
#include "util/err.h"

enum ladder_step {
	STEP_NONE = 0,
	STEP_REMIND,		/* 提醒 */
	STEP_URGE,		/* 催办 */
	STEP_BLUE,		/* 蓝色督查单 */
	STEP_ORANGE,		/* 橙色督查单 */
	STEP_RED,		/* 红色督查单 */
	STEP_ESCALATE,		/* 提级督办 */
	STEP_INTERVIEW,		/* 约谈 */
	STEP_ACCOUNT		/* 问责 */
};
#define LADDER_NSTEPS 9	/* including STEP_NONE */

enum ladder_ground {
	GROUND_NONE = 0,
	GROUND_INEFFECTIVE,	/* 落实不力 */
	GROUND_BEHIND,		/* 进度滞后 */
	GROUND_INEFFICIENT,	/* 效能低下 */
	GROUND_SHIRKING		/* 推诿扯皮 */
};
#define LADDER_NGROUNDS 5

enum ladder_target {
	LADDER_ON_ASSIGNMENT = 0,	/* one unit's share of a task */
	LADDER_ON_TASK			/* the task as a whole */
};

/* How a step was (or may be) allowed; see TRANSITIONS. */
enum ladder_basis {
	LADDER_REFUSED = 0,
	LADDER_FREE,
	LADDER_TIMEOUT,
	LADDER_DECISION
};

enum ladder_reply {
	REPLY_NOT_ASKED = 0,
	REPLY_WAITING,
	REPLY_IN_TIME,
	REPLY_LATE,
	REPLY_OVERDUE
};

enum ladder_form_kind {
	FORM_NONE = 0,
	FORM_HANDOVER,		/* 交办单 */
	FORM_URGE,		/* 催办单 */
	FORM_NOTICE		/* 督办通知单 */
};
#define LADDER_NFORMS 4

struct ladder_action {
	int64_t id;			/* the store's id; 0 when not stored */
	enum ladder_target on;
	int64_t target_id;		/* assignment or task id (> 0) */
	int task_no;			/* the task's 序号, for words only (0: unknown) */
	enum ladder_step step;
	enum ladder_ground ground;	/* GROUND_NONE only for 提醒 */
	enum ladder_basis basis;	/* as ladder_check answered when it was issued */
	const char *reason;		/* the office's stated reason, or NULL */
	const char *requirement;	/* 要求 for the form, or NULL for the default text */
	const char *cause;		/* suggestion keys it answered ("a;b"), or NULL */
	const char *leader;		/* 提级督办: the leader it goes to; 约谈: who holds it */
	const char *issued_by;
	struct date issued_at;
	struct date reply_due;		/* DATE_NONE when no reply is asked */
	const char *reply;		/* the unit's reply, or NULL */
	struct date replied_at;		/* DATE_NONE when not replied */
	int form_year, form_seq;	/* the form's number; 0 for a step without a form */
	const char *form_prefix;	/* 代字, NULL for the default of the form kind */
	struct date closed_at;		/* 办结, or DATE_NONE */
};

struct ladder_state {
	enum ladder_step level;		/* highest open step on D, STEP_NONE when none */
	int top;			/* index of the top action, -1 when none */
	enum ladder_reply reply;	/* the top action's reply state on D */
	bool verified;			/* the target was verified on or before D */
	size_t nopen;			/* open actions on D */
	size_t noverdue;		/* open actions whose reply is overdue on D */
	int first_overdue;		/* index of the earliest such action, -1 */
};

#define LADDER_WHY_MAX 256

struct ladder_option {
	enum ladder_step step;
	enum ladder_basis basis;
	char why[LADDER_WHY_MAX];	/* Chinese: why refused, or what is required */
};

/* --- names --- */
const char *ladder_step_label(enum ladder_step s);	/* 橙色督查单 */
const char *ladder_step_name(enum ladder_step s);	/* orange */
int ladder_step_parse(const char *s, enum ladder_step *out);	/* either spelling; -1 unknown */
const char *ladder_ground_label(enum ladder_ground g);	/* 进度滞后 */
const char *ladder_ground_name(enum ladder_ground g);	/* behind */
int ladder_ground_parse(const char *s, enum ladder_ground *out);
const char *ladder_basis_name(enum ladder_basis b);	/* refused/free/timeout/decision */
const char *ladder_basis_label(enum ladder_basis b);	/* 不允许/可直接发出/逾期未复升级/须说明理由 */
const char *ladder_reply_label(enum ladder_reply r);	/* 未要求回复/待回复/按时回复/逾期回复/逾期未回复 */
const char *ladder_reply_name(enum ladder_reply r);	/* not_asked/waiting/in_time/late/overdue */
const char *ladder_form_label(enum ladder_form_kind k);	/* 交办单/催办单/督办通知单 */

/* --- the ladder --- */

/* The step right above s (STEP_ACCOUNT stays STEP_ACCOUNT; STEP_NONE gives 提醒). */
enum ladder_step ladder_next(enum ladder_step s);
/* Steps that must carry a reply deadline, and steps that may. */
bool ladder_step_needs_reply(enum ladder_step s);
bool ladder_step_takes_reply(enum ladder_step s);
/* The three 督查单 grades. */
bool ladder_step_is_grade(enum ladder_step s);
/* The documented default reply days for a step (0: none asked). */
int ladder_default_reply_days(enum ladder_step s);

/* The timer of one action on day D (see TIMER). */
enum ladder_reply ladder_reply_state(const struct ladder_action *a, struct date as_of);
/* Days past the deadline on D: of a late reply, or of a missing one (0 otherwise). */
int ladder_days_late(const struct ladder_action *a, struct date as_of);
/* Open on D (issued, not closed, target not verified by D). */
bool ladder_is_open(const struct ladder_action *a, struct date verified_at, struct date as_of);

/*
 * The level of a target on D from its history (in order of issue; the
 * actions of one target).  verified_at: the target's 销号 date or DATE_NONE.
 */
void ladder_state_at(const struct ladder_action *hist, size_t n, struct date verified_at,
		     struct date as_of, struct ladder_state *out);

/* The verdict for issuing step s on D (rules 1–4), with a reason in words. */
enum ladder_basis ladder_judge(const struct ladder_action *hist, size_t n,
			       struct date verified_at, struct date as_of, enum ladder_step s,
			       char why[LADDER_WHY_MAX]);
/* Every step 提醒..问责 in order: out[i].step = i + 1. */
void ladder_options(const struct ladder_action *hist, size_t n, struct date verified_at,
		    struct date as_of, struct ladder_option out[LADDER_NSTEPS - 1]);

/*
 * May `a` be recorded after `hist`?  Validates the record and the
 * transition at a->issued_at; on success *basis is FREE, TIMEOUT or
 * DECISION (the caller stores it in a->basis).  DECISION requires a
 * non-empty a->reason.  Errors are ERR_INPUT (bad record) or ERR_CONFLICT
 * (the transition is refused), in Chinese.
 */
int ladder_check(const struct ladder_action *hist, size_t n, struct date verified_at,
		 const struct ladder_action *a, enum ladder_basis *basis, struct err *e);
/* May the unit's reply dated `at` be added to `a`?  (Issued on or before
 * `at`, not already replied, not closed before `at`, reply text non-empty.) */
int ladder_reply_check(const struct ladder_action *a, const char *reply, struct date at,
		       struct err *e);
/* May `a` be closed (办结) on `at`?  (Issued on or before `at`, not already closed.) */
int ladder_close_check(const struct ladder_action *a, struct date at, struct err *e);

/* The short marker: "" / "橙色督查单" / "橙色督查单·逾期未回复". */
void ladder_marker_short(const struct ladder_state *st, char *buf, size_t cap);
/* The full marker (see EFFECT ON STATUS); "" when the level is STEP_NONE. */
void ladder_marker(const struct ladder_state *st, const struct ladder_action *hist,
		   struct date as_of, char *buf, size_t cap);

/* --- forms --- */

enum ladder_form_kind ladder_step_form(enum ladder_step s);
/* The default 代字 of a form kind: 交办, 催办, 督办 ("" for FORM_NONE). */
const char *ladder_form_default_prefix(enum ladder_form_kind k);
/* "督办〔2022〕12号"; prefix NULL or "" for the default.  "" for FORM_NONE or seq < 1. */
void ladder_form_number(enum ladder_form_kind k, const char *prefix, int year, int seq,
			char *buf, size_t cap);
/* Parse "<代字>〔YYYY〕N号" (also [ ] / 【 】 / ( ) brackets and "第N号"); the
 * 代字 goes into prefix (cap bytes, may be NULL). */
int ladder_form_number_parse(const char *s, char *prefix, size_t cap, int *year, int *seq,
			     struct err *e);
/* The next number for kind/year after the history's (max form_seq + 1). */
int ladder_form_next_seq(const struct ladder_action *hist, size_t n, enum ladder_form_kind k,
			 int year);

/* What a form is about (the caller's strings). */
struct ladder_subject {
	int task_no;
	const char *task_text;	/* 事项 */
	const char *unit;	/* 责任单位 */
	const char *person;	/* 责任人, or NULL */
	const char *office;	/* the issuer, NULL for 市政府督查室 */
};

#define LADDER_FORM_TEXT_MAX 512

struct ladder_form {
	enum ladder_form_kind kind;
	enum ladder_step step;			/* STEP_NONE for 交办单 */
	char title[64];				/* 蓝色督查单（督办通知单） */
	char number[64];			/* 编号 */
	char matter_no[32];			/* 第 11 项 */
	const char *matter;			/* 事项 */
	char requirement[LADDER_FORM_TEXT_MAX];	/* 要求 */
	const char *unit;			/* 责任单位 */
	const char *person;			/* 责任人 ("" when none) */
	char deadline[48];			/* 时限: 2022年7月10日前 ("" when none) */
	char ground[32];			/* 督办事由 ("" when none) */
	char issued[32];			/* 2022年7月1日 */
	const char *office;
	const char *leader;			/* 提级督办's leader, or "" */
};

/* "2022年7月10日" ("" for no date); buf of at least 20 bytes. */
void ladder_date_cn(struct date d, char *buf, size_t cap);
/* The form of an action (FORM_NONE in out->kind when its step has none). */
void ladder_form_build(const struct ladder_action *a, const struct ladder_subject *s,
		       struct ladder_form *out);
/* The 交办单 of an assignment: handed over on `at`, due `due`, number seq. */
void ladder_form_handover(const struct ladder_subject *s, struct date at, struct date due,
			  int seq, const char *prefix, const char *requirement,
			  struct ladder_form *out);

/* --- 问责 register and 销号 --- */

enum account_measure {
	MEASURE_NONE = 0,
	MEASURE_INTERVIEW,	/* 约谈 */
	MEASURE_WRITTEN_REVIEW,	/* 责令书面检查 */
	MEASURE_CRITICISM,	/* 通报批评 */
	MEASURE_ADMONITION,	/* 诫勉谈话 */
	MEASURE_ORGANIZATIONAL,	/* 组织处理 */
	MEASURE_SANCTION,	/* 政务处分 */
	MEASURE_OTHER		/* 其他 (measure_text says what) */
};
#define ACCOUNT_NMEASURES 8

struct accountability {
	int64_t id;
	int64_t action_id;		/* the ladder action that led to it (> 0) */
	enum ladder_target on;
	int64_t target_id;
	int task_no;			/* for words only */
	enum ladder_ground ground;
	enum account_measure measure;
	const char *measure_text;	/* detail; required for 其他 */
	const char *subject;		/* who is held to account, or NULL */
	struct date decided_on;
	const char *doc_no;		/* 文号 */
	const char *decided_by;
};

const char *account_measure_label(enum account_measure m);	/* 通报批评 */
const char *account_measure_name(enum account_measure m);	/* criticism */
int account_measure_parse(const char *s, enum account_measure *out);
/*
 * Ground and measure set (text for 其他), date and doc_no set, and the
 * linked action present in `hist` (matched by id), on the same target,
 * issued on or before decided_on.
 */
int accountability_check(const struct accountability *r, const struct ladder_action *hist,
			 size_t n, struct err *e);

struct verification {
	int64_t id;
	enum ladder_target on;
	int64_t target_id;
	struct date verified_at;
	const char *verified_by;
	const char *note;		/* evidence, or NULL */
	int targets;			/* measurable targets of the task */
	int targets_reached;		/* reached by the verified result */
	int targets_beaten;		/* beaten by the assessment's beat_margin or more */
};

/*
 * Date and verifier set; 0 <= beaten <= reached <= targets; and the
 * lifecycle on the verification date (the assignment's, or for a task the
 * least advanced of its counted assignments) is 已完成待核验.
 */
int verification_check(const struct verification *v, enum lifecycle lc_at, struct err *e);

#endif
