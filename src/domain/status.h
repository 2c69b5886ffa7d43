/* The status engine: lifecycle, 序时进度, schedule, RAG, flags and reasons from stored facts and an as-of date. */
#ifndef DUBAN_DOMAIN_STATUS_H
#define DUBAN_DOMAIN_STATUS_H

/*
 * A pure function of (facts, calendar, config, as_of): no store, no I/O,
 * no clock, no allocation.  The same inputs always give the same status,
 * and any past as-of date gives what was known on that day.
 *
 * Units: percents are carried as integer hundredths of a point ("cp":
 * 5833 = 58.33%), and every comparison below is made on those integers,
 * so what the reason text shows is exactly what was judged.  A reported
 * percent p becomes round(p * 100), clamped to 0..10000.
 *
 * ---------------------------------------------------------------------
 * WHAT WAS KNOWN ON DAY D ("as of D")
 *  - An assignment handed over after D does not exist yet: lifecycle
 *    尚未交办, nothing else judged.  (An unset handed_over date counts as
 *    handed over from the beginning.)
 *  - A report submitted after D does not exist.  A review decided after D
 *    is still pending on D.  A sign-for, a verification (销号), a dispute
 *    raised or decided, an extension approved: each counts only when its
 *    date is on or before D.
 *
 * WHICH REPORT COUNTS
 *  - For each period, the latest existing version (highest version number
 *    submitted on or before D).  If that version was returned (退办) by D,
 *    the period has NO counting report: it must be resubmitted, and an
 *    earlier version of the same period does not stand in for it (the
 *    unit's own revision superseded it).
 *  - A version not yet reviewed counts (the office may be slow; the unit
 *    did report).  An accepted one counts, of course.
 *  - The report used for progress is the counting report of the latest
 *    period that has one; its percent is "已报", its likelihood the self-
 *    assessment.  No counting report at all: 已报 is taken as 0% and the
 *    reason says so.
 *  - Reports of another cadence than the calendar's are ignored.
 *
 * DUE DATE AND EXTENSIONS (延期)
 *  - The due date in force on D is the new_due of the approved extension
 *    with the latest decided_at on or before D (ties: the later in the
 *    array), else the original due date.  The original stays in
 *    status.orig_due.  A pending or refused extension changes nothing; a
 *    pending one is mentioned in the 逾期未完成 reason.
 *
 * 序时进度 (EXPECTED PERCENT) ON DAY D, "by the end of day D"
 *  - Linear (no milestone strictly between start and due):
 *        expected = (D - start + 1) / (due - start + 1) * 100,
 *    rounded to 0.01; 0 before start, 100 on and after the due date.
 *    With start 2022-01-01 and due 2022-12-31, 2022-11-30 gives 91.51%.
 *  - With milestones: a milestone is "active" when start <= its date < due
 *    (one on or after the due date is the due date itself).  Each active
 *    milestone j has a value v_j: its explicit expected percent when given,
 *    otherwise interpolated by position between the nearest explicit
 *    values around it (0 before the first, 100 at the due date).  With no
 *    explicit values at all, k milestones split evenly: v_j = 100*j/(k+1)
 *    (one milestone: 50%, two: 33.33% and 66.67%).
 *      step (default, "stepped by milestones"): expected = v_j of the
 *        latest milestone whose date is on or before D, 0 before the
 *        first, 100 on and after the due date.
 *      ramp: linear between the points (start-1: 0), (m_j: v_j),
 *        (due: 100) — same formula as linear within each segment.
 *    Explicit values must not decrease (assignment_facts_check).
 *  - A milestone has PASSED on D when D is after its date (the day itself
 *    is not passed).  It is UNMET when 已报 < its value.  Values never
 *    decrease, so the engine looks at the latest passed milestone.
 *
 * GAP = 序时进度 - 已报 (positive = behind).
 *
 * LIFECYCLE (first that applies)
 *    尚未交办      handed over after D
 *    已改派        a dispute upheld on or before D (the unit is released;
 *                  nothing else is judged, it is left out of summaries)
 *    已销号        verified on or before D
 *    已完成待核验   the report used says 100%
 *    推进中        signed for on or before D
 *    待签收        otherwise (also while a dispute is open)
 *  A unit that reports without signing stays 待签收 (and is flagged).
 *  An open dispute does not stop the schedule clock: the task is still
 *  owed; the office decides the dispute.
 *
 * SCHEDULE (against 序时进度)
 *    已完成   lifecycle 已完成待核验 or 已销号
 *    超进度   ahead by >= ahead_margin and by more than 0
 *    欠进度   behind by >= behind_margin and by more than 0
 *    达进度   otherwise (within the margins)
 *  Why a behind margin: 序时进度 rises every day while reports come once a
 *  period, so a unit exactly on track at its report drifts behind until
 *  the next one (a month is 8.3 points of a one-year task).  Set
 *  behind_margin = 0 to call any shortfall 欠进度.
 *
 * RAG (computed colour)
 *    red    gap >= red_gap, OR the latest passed milestone is unmet, OR D
 *           is after the due date in force and the work is not complete
 *    amber  otherwise, gap >= amber_gap
 *    green  otherwise; also every completed or verified assignment
 *  So exactly 10.00 points behind is amber with the default, 9.99 green;
 *  the due date itself is not past due, the day after is.
 *
 * SELF-ASSESSMENT (the unit's likelihood in the report used)
 *    很可能 → green, 可能 → green, 存疑 → amber, 难以完成 → red.
 *  It is shown beside the computed colour, never mixed into it.  `disagree`
 *  is set when both exist and differ (and the work is not complete):
 *  self_worse when the unit is gloomier than the numbers (an all-green
 *  unit whose reports say 存疑), self_better when rosier.
 *
 * FLAGS (raised only while the lifecycle is 待签收 or 推进中)
 *  逾期未签收  not signed for, and D > handed_over + sign_days.  While a
 *              dispute is open the flag is suspended (the unit answered);
 *              after a rejected dispute the sign_days count again from
 *              the rejection date.
 *  逾期未报    owed periods run from max(calendar first period, the first
 *              period due on or after hand-over) onwards.  A period is
 *              overdue on D when D > its due date + report_grace_days.
 *              The flag is raised when the LATEST overdue period has no
 *              counting report (missing, or returned and not resubmitted);
 *              status.missing_reports counts every overdue period without
 *              one.  On the due day itself nothing is overdue.
 *  逾期未完成  D is after the due date in force and the work is not
 *              complete.
 *  连续滞后    the RAG computed as of the last day of each of the last
 *              `lagging_periods` periods that have ended by D (what was
 *              known on each of those days) was red every time.  A period
 *              ends on its last day, which counts as ended on that day.
 *              Only periods not before the calendar's first period and
 *              ending on or after the hand-over date count; with fewer,
 *              no flag.  lagging_periods = 0 turns the flag off.
 *
 * DEFAULTS (struct status_config; these are the config file keys, points
 * being stored as hundredths in the *_cp fields)
 *    amber_gap = 10        red_gap = 25          (points behind 序时进度)
 *    ahead_margin = 5      behind_margin = 5     (points)
 *    sign_days = 3         report_grace_days = 0 (days)
 *    lagging_periods = 2   milestone_curve = step (or ramp)
 *
 * REASONS
 *  Every judgement has a reason in Chinese, written into a caller-provided
 *  struct status_why (fixed-size buffers, no allocation), e.g.
 *    序时进度 58.33%，已报 30%（2022-06 月报），落后 28.33 个百分点
 *    2022-06 月报逾期未报（应于 2022-06-25 前报送）
 *    时间节点 2022-06-30 已过未完成（应达 50%，已报 30%）
 *  A reason longer than STATUS_WHY_MAX - 1 bytes is cut at a character
 *  boundary (none of the engine's reasons come near it).
 *
 * AGGREGATION
 *  Task: the headline is the LEAD unit's status (the first ROLE_LEAD
 *  added; with no lead counted, the worst assignment's); beside it the
 *  worst co-unit (worst = redder, then further behind, then more flags);
 *  rag_worst is the worst colour of all, lifecycle the least advanced of
 *  all, flags the union.  Unit: counts by lifecycle, schedule, colour,
 *  flag and self-assessment disagreement.  Assignments 尚未交办 and 已改派
 *  are counted apart and left out of everything else.
 */

#include <stdbool.h>
#include <stddef.h>

#include "domain/assignment.h"
#include "domain/period.h"
#include "util/date.h"
#include "util/err.h"

enum lifecycle {
	LC_NOT_ISSUED = 0,	/* 尚未交办 */
	LC_WITHDRAWN,		/* 已改派 */
	LC_PENDING_SIGN,	/* 待签收 */
	LC_IN_PROGRESS,		/* 推进中 */
	LC_DONE,		/* 已完成待核验 */
	LC_VERIFIED		/* 已销号 */
};
#define LC_COUNT 6

enum schedule {
	SCHED_NONE = 0,		/* not judged */
	SCHED_AHEAD,		/* 超进度 */
	SCHED_ON,		/* 达进度 */
	SCHED_BEHIND,		/* 欠进度 */
	SCHED_DONE		/* 已完成 */
};
#define SCHED_COUNT 5

/* Ordered: a larger value is worse. */
enum rag {
	RAG_NONE = 0,
	RAG_GREEN,
	RAG_AMBER,
	RAG_RED
};
#define RAG_COUNT 4

enum status_flag {
	FLAG_SIGN_OVERDUE = 1u << 0,	/* 逾期未签收 */
	FLAG_REPORT_OVERDUE = 1u << 1,	/* 逾期未报 */
	FLAG_PAST_DUE = 1u << 2,	/* 逾期未完成 */
	FLAG_LAGGING = 1u << 3		/* 连续滞后 */
};
#define STATUS_NFLAGS 4

enum expected_basis {
	BASIS_LINEAR = 0,	/* from start to the due date */
	BASIS_STEP,		/* stepped by milestones */
	BASIS_RAMP		/* linear between milestones */
};

enum milestone_curve {
	CURVE_STEP = 0,
	CURVE_RAMP
};

#define STATUS_MAX_LAGGING 24

struct status_config {
	int amber_gap_cp;	/* 1000 */
	int red_gap_cp;		/* 2500 */
	int ahead_margin_cp;	/* 500 */
	int behind_margin_cp;	/* 500 */
	int sign_days;		/* 3 */
	int report_grace_days;	/* 0 */
	int lagging_periods;	/* 2; 0 = off; at most STATUS_MAX_LAGGING */
	enum milestone_curve curve;	/* CURVE_STEP */
};

struct status {
	enum lifecycle lifecycle;
	enum schedule schedule;
	enum rag rag;
	enum rag self_rag;		/* from the likelihood; RAG_NONE when not given */
	enum likelihood likelihood;
	bool disagree;			/* self_rag and rag both set and different */
	bool self_worse;		/* self_rag worse than rag */
	bool ext_pending;		/* an extension request awaits a decision */
	unsigned flags;			/* enum status_flag bits */
	enum expected_basis basis;
	int expected_cp;		/* 序时进度 */
	int reported_cp;		/* 已报; -1 when no counting report */
	int gap_cp;			/* expected - reported (0 when none) */
	struct period period;		/* period of the report used, or PERIOD_NONE */
	struct date due;		/* due date in force */
	struct date orig_due;		/* the original due date */
	struct date milestone_unmet;	/* latest passed unmet milestone, or DATE_NONE */
	int missing_reports;		/* overdue periods without a counting report */
	struct period overdue_period;	/* the latest such period, or PERIOD_NONE */
	int lagging_run;		/* red period-ends in a row, counted up to lagging_periods */
};

#define STATUS_WHY_MAX 384

/* The reason for each judgement; "" for a judgement not made / flag not raised. */
struct status_why {
	char lifecycle[STATUS_WHY_MAX];
	char schedule[STATUS_WHY_MAX];
	char rag[STATUS_WHY_MAX];
	char self[STATUS_WHY_MAX];
	char flag[STATUS_NFLAGS][STATUS_WHY_MAX];	/* by bit index */
};

/* The documented defaults. */
void status_config_default(struct status_config *cfg);
/* Ranges (see status_config_parse) and amber_gap <= red_gap. */
int status_config_check(const struct status_config *cfg, struct err *e);
/*
 * Apply a tiny config text over *cfg (start from status_config_default()).
 * Lines are `key = value`; blank lines and `#` comments are ignored; keys
 * are the DEFAULTS names above.  Points take up to two decimals; gaps are
 * 0.01..100, margins 0..100, days 0..365, lagging_periods 0..24,
 * milestone_curve step|ramp.  A key may appear once.  Errors name
 * "FILE:LINE" (`file` is the name to show): 未知配置项, 缺少“=”, invalid
 * value, duplicate key, amber_gap above red_gap.  On error *cfg is left
 * unchanged.
 */
int status_config_parse(struct status_config *cfg, const char *text, const char *file,
			struct err *e);
/* Write *cfg as a config text with a comment per key (parses back the same). */
void status_config_write(const struct status_config *cfg, char *buf, size_t cap);

/*
 * Judge one assignment as of `as_of`.  `why` may be NULL when no reasons
 * are wanted.  The facts must satisfy assignment_facts_check(); on facts
 * that do not, the result is defined (no crash) but meaningless.
 */
void status_assess(const struct assignment_facts *f, const struct calendar *cal,
		   const struct status_config *cfg, struct date as_of,
		   struct status *out, struct status_why *why);

/* 序时进度 alone (for a curve or a chart), with the due date in force on as_of. */
int status_expected_cp(const struct assignment_facts *f, const struct status_config *cfg,
		       struct date as_of);

/* "58.33", "58.3", "58", "-3" from hundredths of a point; buf of 16 bytes. */
void status_format_points(int cp, char buf[16]);

/* Names: Chinese labels for people, stable codes for JSON and files. */
const char *lifecycle_label(enum lifecycle lc);	/* 推进中 */
const char *lifecycle_name(enum lifecycle lc);	/* in_progress */
const char *schedule_label(enum schedule s);	/* 欠进度 */
const char *schedule_name(enum schedule s);	/* behind */
const char *rag_label(enum rag r);		/* 红 / 黄 / 绿 / "" */
const char *rag_name(enum rag r);		/* red / amber / green / "" */
const char *flag_label(enum status_flag f);	/* 逾期未报 */
const char *flag_name(enum status_flag f);	/* report_overdue */
/* The self-assessment colour of a likelihood (RAG_NONE for none). */
enum rag likelihood_rag(enum likelihood l);

/* --- aggregation --- */

struct task_status {
	size_t n;		/* assignments counted (not 尚未交办 / 已改派) */
	size_t n_not_issued, n_withdrawn;
	int lead;		/* index passed for the lead, or -1 */
	struct status lead_status;
	int worst_co;		/* index of the worst co-unit, or -1 */
	struct status worst_co_status;
	int worst;		/* index of the worst of all, or -1 */
	struct status worst_status;
	enum rag rag;		/* the lead's, or the worst's when no lead */
	enum rag rag_worst;	/* worst of all */
	enum lifecycle lifecycle;	/* least advanced of all (LC_NOT_ISSUED when n == 0) */
	unsigned flags;		/* union */
	size_t by_rag[RAG_COUNT];
	size_t disagree;
};

void task_status_init(struct task_status *ts);
/* Add one assignment's status; `index` identifies it to the caller. */
void task_status_add(struct task_status *ts, const struct status *st, enum role role, int index);
/* One line, e.g. 牵头单位：红（欠进度）；配合单位最差：黄；共 12 家：红 1、黄 3、绿 8 */
void task_status_describe(const struct task_status *ts, char *buf, size_t cap);

struct unit_summary {
	size_t n;		/* assignments counted (not 尚未交办 / 已改派) */
	size_t n_lead;
	size_t n_not_issued, n_withdrawn;
	size_t by_lifecycle[LC_COUNT];
	size_t by_schedule[SCHED_COUNT];
	size_t by_rag[RAG_COUNT];
	size_t by_flag[STATUS_NFLAGS];
	size_t disagree, self_worse, self_better;
	size_t missing_reports;	/* summed over assignments */
};

void unit_summary_init(struct unit_summary *us);
void unit_summary_add(struct unit_summary *us, const struct status *st, enum role role);
/* One line, e.g. 共 12 项（牵头 5 项）：红 2、黄 3、绿 7；逾期未报 1 项；自评与计算不一致 2 项 */
void unit_summary_describe(const struct unit_summary *us, char *buf, size_t cap);

#endif
