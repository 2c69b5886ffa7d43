/* The annual assessment (年度考核): rules file, scoring by 职责履行 / 行政效能 / 任务完成情况, breakdown lines, rank, appeals. */
#ifndef DUBAN_DOMAIN_ASSESS_H
#define DUBAN_DOMAIN_ASSESS_H

/*
 * Pure: no store, no I/O, no clock.  The same facts and rules always give
 * the same scores, so a what-if is the same call with another rules file
 * (nothing is stored by design).  The notice (安政发〔2022〕5号) says the
 * office inspects 职责履行, 行政效能 and 任务完成情况; those are the three
 * parts, shown separately and in total.  Scheme: 考评分 = 基础分 + 加分 −
 * 减分 per part (county 政务督查考评), load-weighted task points "承担越多、
 * 分值越高" and bonuses for ≥1 month early / beating a target by ≥10%
 * (南京), event points per report and notice (佳木斯, report-compliance
 * deductions).  Every point is a breakdown line naming the event.
 *
 * Units: points are integer hundredths ("cp": 150 = 1.5 分); every sum is
 * made on those integers, and each line is rounded once (half away from
 * zero) where it is computed, so a part is exactly the sum of its lines as
 * shown.
 *
 * Ownership: inputs are borrowed.  struct assess_result owns everything
 * reachable from it through its arena (assess_result_release frees it);
 * its `unit_name` and `appeal` pointers point back into the inputs, which
 * the caller keeps alive while it uses the result.
 *
 * ---------------------------------------------------------------------
 * THE ASSESSMENT DATE D = the as_of given, or 12-31 of the year when it is
 * later or unset.  Facts dated after D do not exist; notices, 问责 records,
 * dispute decisions and sign-fors dated before 01-01 of the year are not
 * this year's events; report and red periods count when they fall in the
 * year and are judged by D (a report's due date before D, a period's end
 * on or before D).  The caller passes the facts of the year's plan (see
 * assess_assignment_from_facts for how the status engine's facts become
 * these).  An assignment handed over after D does not exist.  An
 * assignment whose dispute (退回) was upheld on or before D is 已改派: it
 * earns a 0-point line in 职责履行 and is left out of everything else.
 *
 * 职责履行 (duty) = duty_base
 *   − sign_late     per assignment signed more than sign_days days after
 *                   hand-over (after a rejected dispute: after the rejection)
 *   − sign_missing  per assignment not signed on D when more than sign_days
 *                   days have passed (none while a dispute is open)
 *   − report_missing × w   per owed period without a counting report
 *   − report_late × w      per owed period first reported after its due date
 *   − report_returned × w  per report version returned (退办)
 *   − notice_unanswered    per notice whose reply deadline passed before D
 *                          without a reply in time (late or never)
 *   − dispute_rejected     per dispute the office rejected (推诿); an upheld
 *                          dispute is a 0-point line
 *   − ladder steps and 问责 records whose ground is 落实不力 or 推诿扯皮
 *   deductions capped at duty_deduct_cap.
 * 行政效能 (efficiency) = efficiency_base
 *   − first_report_late   per assignment first reported more than
 *                         first_report_days after hand-over (or not yet on D
 *                         when that many days have passed)
 *   − reply_late_per_day × days late, at most reply_late_cap, per notice
 *                         not answered by its deadline (days to the reply,
 *                         or to D when none)
 *   − complete_late_per_day × days late, at most complete_late_cap, per
 *                         assignment completed after its due date in force
 *                         (or not complete on D and past it)
 *   + early_bonus         per verified assignment completed early_days or
 *                         more before its due date in force
 *   − ladder steps and 问责 records whose ground is 效能低下
 *   bonuses capped at efficiency_bonus_cap, deductions at
 *   efficiency_deduct_cap.
 * 任务完成情况 (completion) = Σ task credit lines
 *   task points p = task_points_lead or task_points_co by role; P = Σ p over
 *   the unit's counted assignments; load = min(load_cap, load_per_point × P)
 *   (承担越多、分值越高); each assignment's credit line =
 *       (completion_base + load) × p / P × c,
 *   c = 1 when verified (销号) on or before D, times reached/targets when
 *   the task has measurable targets; c = 0 when not verified (a 0-point
 *   line names it).  A unit that completes everything gets completion_base
 *   + load (to within a cent of per-line rounding).
 *   + beat_bonus × n      per verified assignment with n targets beaten by
 *                         beat_margin or more (see assess_target_judge)
 *   − red_period × w      per period whose end found the assignment red
 *   − ladder steps and 问责 records whose ground is 进度滞后
 *   bonuses capped at completion_bonus_cap, deductions at
 *   completion_deduct_cap.
 * LADDER STEPS (any part, by ground; issued in the year, on or before D):
 *   step_remind, step_urge, step_blue, step_orange, step_red,
 *   step_escalate, step_interview per action (the 问责 step itself counts 0:
 *   its register records count `accountability` each).  A step without a
 *   ground counts in 职责履行.
 * A reply counts on its date; a notice closed (办结) before any reply
 * counts as answered on the closing date.
 *
 * CAPS AND FLOOR, shown as lines: when a part's deductions exceed the cap,
 * a line gives back the excess ("扣分 45 分超过上限 40 分，按上限计"); the
 * same for bonuses; and a part that would fall below 0 gets a line raising
 * it to 0.  The total is the sum of the three parts.
 *
 * PERIOD WEIGHTS (optional, w above; default 1): period_weights = four
 * numbers (quarters) or twelve (months), e.g. 15,25,25,35.  They are
 * normalised so their mean is 1 (15,25,25,35 → 0.6, 1.0, 1.0, 1.4, kept
 * as hundredths: round(x × k × 100 / Σx)).  A month takes its own weight
 * or its quarter's; a quarter takes its own or the rounded mean of its
 * three months.  Only per-period lines (reports, red periods) are weighted.
 *
 * RANK: by total, highest first.  Equal totals (to the cent) share a rank
 * and the next rank skips (1, 2, 2, 4); equals are listed in input order.
 * A unit with no counted assignment is not ranked (rank 0) and is listed
 * after the ranked ones.
 *
 * APPEALS (申诉): an appeal names one line of one unit by its key.
 *   pending (申诉中): the line counts as computed;
 *   upheld (维持原分): the line stays;
 *   corrected (予以更正): the line counts corrected_cp instead, and keeps
 *   the computed points in orig_cp for the record.
 *  Appeals apply by their state whatever their dates (they are decided
 *  after the assessment).  Caps and the floor are applied after
 *  corrections; cap, floor and base lines cannot be appealed.  An appeal
 *  naming a line that does not exist (e.g. under another rules file in a
 *  what-if), or a second appeal of the same line, is listed in
 *  result.unmatched and changes nothing.
 *
 * LINE KEYS (stable across runs, the identity an appeal names; <a> is the
 * assignment id, <n> the action id, <c> the 问责 record id; an id of 0 is
 * replaced by "#<index>"):
 *   base:<part>  a<a>:dispute  a<a>:sign  a<a>:report:<period>
 *   a<a>:returned:<period>  a<a>:first_report  a<a>:complete_late
 *   a<a>:early  a<a>:credit  a<a>:beaten  a<a>:red:<period>
 *   n<n>:step  n<n>:unanswered  n<n>:reply_late  c<c>
 *   cap:<part>:bonus  cap:<part>:deduct  floor:<part>
 *  with <part> = duty / efficiency / completion.
 *
 * DEFAULTS (struct assess_config; config keys, points in 分, days, %):
 *   duty_base = 40           sign_days = 3          sign_late = 1
 *   sign_missing = 2         report_missing = 2     report_late = 0.5
 *   report_returned = 1      notice_unanswered = 1  dispute_rejected = 1
 *   duty_deduct_cap = 40
 *   efficiency_base = 30     first_report_days = 30 first_report_late = 1
 *   reply_late_per_day = 0.1 reply_late_cap = 1
 *   complete_late_per_day = 0.1  complete_late_cap = 3
 *   early_days = 30          early_bonus = 1
 *   efficiency_bonus_cap = 5 efficiency_deduct_cap = 30
 *   completion_base = 30     task_points_lead = 2   task_points_co = 1
 *   load_per_point = 0.5     load_cap = 10
 *   beat_margin = 10 (%)     approx_tolerance = 5 (%)   beat_bonus = 1
 *   red_period = 0.5
 *   completion_bonus_cap = 5 completion_deduct_cap = 30
 *   step_remind = 0  step_urge = 0.5  step_blue = 1  step_orange = 2
 *   step_red = 3     step_escalate = 4  step_interview = 5
 *   accountability = 5
 *   period_weights = (empty: off)
 *  So a unit with nothing against it and every task verified scores
 *  40 + 30 + 30 + load = 100 + load (load up to 10), plus bonuses.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/assignment.h"
#include "domain/ladder.h"
#include "domain/period.h"
#include "domain/plan.h"
#include "domain/status.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/err.h"

enum assess_part {
	PART_DUTY = 0,		/* 职责履行 */
	PART_EFFICIENCY,	/* 行政效能 */
	PART_COMPLETION		/* 任务完成情况 */
};
#define ASSESS_NPARTS 3

struct assess_config {
	/* 职责履行 */
	int duty_base_cp;
	int sign_days;
	int sign_late_cp, sign_missing_cp;
	int report_missing_cp, report_late_cp, report_returned_cp;
	int notice_unanswered_cp;
	int dispute_rejected_cp;
	int duty_deduct_cap_cp;
	/* 行政效能 */
	int efficiency_base_cp;
	int first_report_days;
	int first_report_late_cp;
	int reply_late_per_day_cp, reply_late_cap_cp;
	int complete_late_per_day_cp, complete_late_cap_cp;
	int early_days;
	int early_bonus_cp;
	int efficiency_bonus_cap_cp, efficiency_deduct_cap_cp;
	/* 任务完成情况 */
	int completion_base_cp;
	int task_points_lead_cp, task_points_co_cp;
	int load_per_point_cp, load_cap_cp;
	int beat_margin_cp;		/* percent, in hundredths: 1000 = 10% */
	int approx_tolerance_cp;	/* percent, in hundredths: 500 = 5% */
	int beat_bonus_cp;
	int red_period_cp;
	int completion_bonus_cap_cp, completion_deduct_cap_cp;
	/* the ladder and 问责 */
	int step_remind_cp, step_urge_cp, step_blue_cp, step_orange_cp, step_red_cp;
	int step_escalate_cp, step_interview_cp;
	int accountability_cp;
	/* period weights as written (hundredths): 0 (off), 4 or 12 of them;
	 * normalised on use by assess_period_weight */
	int nweights;
	int weights_cp[12];
};

/* The documented defaults. */
void assess_config_default(struct assess_config *cfg);
/*
 * Apply a rules text over *cfg (start from assess_config_default()): lines
 * `key = value`, blank lines and `#` comments ignored, keys as DEFAULTS.
 * Points take up to two decimals, 0..1000 (task points 0.01..1000); days
 * are integers 0..365; percents 0..100 with up to two decimals;
 * period_weights is empty or 4 or 12 numbers (0..1000, up to two decimals,
 * not all 0) separated by commas (， too) or spaces.  A key may appear
 * once.  Errors name "FILE:LINE" (`file` is the name to show): 未知配置项,
 * 缺少“=”, invalid value, duplicate key.  On error *cfg is unchanged.
 */
int assess_config_parse(struct assess_config *cfg, const char *text, const char *file,
			struct err *e);
/* Ranges as above. */
int assess_config_check(const struct assess_config *cfg, struct err *e);
/* Write *cfg as a rules text with a comment per key (parses back the same).
 * Returns the length it needed (like snprintf). */
size_t assess_config_write(const struct assess_config *cfg, char *buf, size_t cap);
/* The points a ladder step deducts under cfg. */
int assess_step_cp(const struct assess_config *cfg, enum ladder_step s);
/* The weight (hundredths) of a period under cfg; 100 when off. */
int assess_period_weight(const struct assess_config *cfg, struct period p);
/* The part a ground's deductions fall in. */
enum assess_part assess_ground_part(enum ladder_ground g);
const char *assess_part_label(enum assess_part p);	/* 职责履行 */
const char *assess_part_name(enum assess_part p);	/* duty */

/*
 * Judge a measurable target against the verified actual value:
 *   ge, eq:  reached when actual >= value; beaten when actual >=
 *            value + |value| × beat_margin
 *   approx:  reached when actual >= value − |value| × approx_tolerance;
 *            beaten as ge (左右: more is taken as better)
 *   range:   reached when actual >= value (the lower bound); beaten when
 *            actual >= max + |max| × beat_margin
 *   le:      reached when actual <= value; beaten when actual <=
 *            value − |value| × beat_margin
 *  A target of 0 cannot be beaten by a margin (beaten = false).
 */
void assess_target_judge(const struct assess_config *cfg, enum target_cmp cmp, double value,
			 double max, double actual, bool *reached, bool *beaten);

/* --- facts --- */

enum assess_report_state {
	AREPORT_ON_TIME = 0,	/* the first version came on or before the due date (+ grace) */
	AREPORT_LATE,		/* it came later, and the period has a counting report */
	AREPORT_MISSING		/* no counting report on D */
};

/* One owed period of one assignment (only periods overdue-if-missing on D). */
struct assess_report {
	struct period period;
	struct date due;		/* for words */
	enum assess_report_state state;
	struct date submitted_at;	/* first version, for words */
	int returned;			/* versions returned (退办) on or before D */
};

struct assess_assignment {
	int64_t id;			/* > 0 and unique within the unit (names lines) */
	int task_no;			/* 序号, for words */
	enum role role;
	struct date handed_over;
	struct date signed_at;		/* DATE_NONE when not signed */
	enum dispute_state dispute;	/* as known on D */
	struct date dispute_at;		/* decision date for upheld/rejected */
	struct date first_report_at;	/* first version of any report, DATE_NONE if none */
	struct date due;		/* due date in force on D */
	struct date completed_at;	/* first report of 100% that stands, DATE_NONE if none */
	struct date verified_at;	/* 销号, DATE_NONE if not */
	int targets, targets_reached, targets_beaten;	/* from the verification */
	const struct assess_report *reports;
	size_t nreports;
	const struct period *red_periods;	/* period ends found red */
	size_t nred;
};

struct assess_unit {
	int64_t id;
	const char *name;
	const struct assess_assignment *assignments;
	size_t nassignments;
	const struct ladder_action *actions;	/* every ladder action addressed to the unit */
	size_t nactions;
	const struct accountability *records;	/* its 问责 records */
	size_t nrecords;
};

enum appeal_state {
	APPEAL_NONE = 0,
	APPEAL_PENDING,		/* 申诉中 */
	APPEAL_UPHELD,		/* 维持原分 */
	APPEAL_CORRECTED	/* 予以更正 */
};

struct assess_appeal {
	int64_t id;
	int64_t unit_id;
	const char *line_key;
	const char *reason;
	struct date filed_at;
	enum appeal_state state;
	int corrected_cp;		/* APPEAL_CORRECTED: the points the line counts */
	struct date decided_at;
	const char *decided_by;
	const char *note;
};

const char *appeal_state_label(enum appeal_state s);	/* 申诉中 / 维持原分 / 予以更正 */
const char *appeal_state_name(enum appeal_state s);	/* pending / upheld / corrected */
int appeal_state_parse(const char *s, enum appeal_state *out);

/* --- results --- */

struct assess_line {
	enum assess_part part;
	const char *key;		/* see LINE KEYS */
	const char *text;		/* 第 11 项 2022-06 月报逾期未报 */
	struct date at;			/* the event's date, or DATE_NONE */
	int points_cp;			/* counted (after any correction) */
	int orig_cp;			/* as computed */
	bool fixed;			/* base, cap or floor line: not appealable */
	bool credit;			/* a task credit line (the completion part's base) */
	enum appeal_state appeal;
	const struct assess_appeal *appeal_rec;	/* the input appeal, or NULL */
};

struct assess_score {
	size_t input;			/* index into the units given */
	int64_t unit_id;
	const char *unit_name;
	int part_cp[ASSESS_NPARTS];
	int total_cp;
	int rank;			/* 1.., 0 when not ranked */
	size_t nassignments;		/* counted */
	int task_points_cp;		/* P */
	int load_cp;
	struct assess_line *lines;	/* by part, then in the order of the facts */
	size_t nlines;
};

struct assess_result {
	struct arena arena;		/* owns units, lines, keys and texts */
	int year;
	struct date as_of;		/* D */
	struct assess_score *units;	/* ranked first, in rank order */
	size_t n;
	const struct assess_appeal **unmatched;
	size_t nunmatched;
};

/*
 * Score `n` units for `year` as of `as_of` (DATE_NONE: the year's end).
 * Fails (ERR_INPUT) on a config that does not pass assess_config_check, a
 * year outside 1..9999, or an assignment id <= 0 or repeated within a
 * unit.  `out` is initialised here; release it with assess_result_release
 * (also after a failure).
 */
int assess_run(const struct assess_config *cfg, int year, struct date as_of,
	       const struct assess_unit *units, size_t n, const struct assess_appeal *appeals,
	       size_t nappeals, struct assess_result *out, struct err *e);
void assess_result_release(struct assess_result *r);

/* The score of a unit by id, or NULL. */
const struct assess_score *assess_result_find(const struct assess_result *r, int64_t unit_id);
/* A line of a score by key, or NULL. */
const struct assess_line *assess_score_line(const struct assess_score *s, const char *key);

/*
 * May `a` be filed or decided against result `r`?  The unit and the line
 * exist, the line is not fixed, no other appeal in `others` (by id) names
 * the same unit and line, the reason is not empty, a decided appeal has a
 * decision date, and a corrected one points within ±1000 分.
 */
int assess_appeal_check(const struct assess_result *r, const struct assess_appeal *a,
			const struct assess_appeal *others, size_t nothers, struct err *e);

/* "−2", "+0.5", "0" (U+2212 minus) from hundredths; buf of 16 bytes. */
void assess_format_points(int cp, char buf[16]);
/* "第 11 项 2022-06 月报逾期未报 −2 分", with "（申诉中）", "（申诉后维持原分）"
 * or "（申诉更正，原 −2 分）" after it. */
void assess_line_format(const struct assess_line *l, char *buf, size_t cap);
/* "职责履行 37.5、行政效能 29、任务完成情况 20.33，合计 86.83，第 2 名" */
void assess_score_describe(const struct assess_score *s, char *buf, size_t cap);

/*
 * From the status engine's facts to one assignment's assessment facts, as
 * of D (as_of, or the year's end): owed periods of the year from the
 * calendar's first (or the first due after hand-over) whose due date +
 * report_grace_days is before D and not after the completion date, each
 * ON_TIME / LATE / MISSING (see status.h "WHICH REPORT COUNTS"; the first
 * version decides on-time, a returned latest version with no resubmission
 * is MISSING); red periods = period ends in the year, on or after the
 * hand-over, on which status_assess says red; the due date in force on D;
 * completed_at = the earliest submitted version of 100% not returned on D;
 * the dispute as known on D (raised after D: none; decided after D: open).
 * `v` (may be NULL) gives the target counts of the verification.  Arrays
 * are allocated in `a`.  The facts must pass assignment_facts_check.
 */
void assess_assignment_from_facts(const struct assignment_facts *f, const struct calendar *cal,
				  const struct status_config *scfg, int64_t id, int task_no,
				  int year, struct date as_of, const struct verification *v,
				  struct arena *a, struct assess_assignment *out);

#endif
