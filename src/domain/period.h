/* Reporting periods ("2022-06", "2022-Q2") and a plan's reporting calendar. */
#ifndef DUBAN_DOMAIN_PERIOD_H
#define DUBAN_DOMAIN_PERIOD_H

/*
 * Pure calendar arithmetic: no I/O, no clock.  Values only, nothing owned.
 *
 * A period is a month ("YYYY-MM", CADENCE_MONTHLY, n = 1..12) or a quarter
 * ("YYYY-Qn", CADENCE_QUARTERLY, n = 1..4; Q1 = January..March).  Spelling
 * at the edges is exactly those two forms (upper-case Q, two-digit month).
 *
 * A reporting calendar belongs to a plan: a cadence (monthly by default),
 * the day of the period on which reports are due (25 by default) and the
 * first period that owes a report.  Every assignment owes one report per
 * period.  Rules, with their boundaries:
 *
 *  - Due date of a period: day `due_day` of the period's LAST month, clamped
 *    to that month's end (due_day 31 gives 2022-06-30, 2022-02-28,
 *    2024-02-29).  So the 2022-06 report and the 2022-Q2 report are both due
 *    on 2022-06-25 with the default due day.  A report is on time when it is
 *    submitted on or before the due date; it is overdue from the day after.
 *  - The first period of a plan issued on a date D is the earliest period
 *    whose due date is on or after D (issued 2022-03-28 with due day 25:
 *    2022-04; issued 2022-03-25: 2022-03).  calendar_init() applies it.
 *  - Periods of one cadence are totally ordered; period_ord() maps them to
 *    consecutive integers (monthly: year*12 + month-1; quarterly:
 *    year*4 + quarter-1), which is how the status engine walks them.
 *
 * A struct period with year 0 means "no period" (period_is_set() is false).
 */

#include <stdbool.h>
#include <stddef.h>

#include "util/date.h"
#include "util/err.h"

enum cadence {
	CADENCE_NONE = 0,
	CADENCE_MONTHLY,	/* 月报 */
	CADENCE_QUARTERLY	/* 季报 */
};

struct period {
	int year;
	int n;			/* month 1..12 or quarter 1..4 */
	enum cadence cadence;
};

#define PERIOD_NONE ((struct period){ 0, 0, CADENCE_NONE })
#define PERIOD_STR_LEN 8	/* "2022-06" / "2022-Q2" and its NUL */

#define CALENDAR_DEFAULT_DUE_DAY 25

struct calendar {
	enum cadence cadence;
	int due_day;		/* 1..31; clamped to the month's end */
	struct period first;	/* the first period owing a report */
};

/* "monthly" / "quarterly" (stable codes for files and JSON). */
const char *cadence_name(enum cadence c);
/* "月报" / "季报" (user-facing). */
const char *cadence_label(enum cadence c);
/* Accepts "monthly", "quarterly", "月", "季", "月报", "季报", "月度", "季度";
 * returns -1 for anything else. */
int cadence_parse(const char *s, enum cadence *out);

bool period_is_set(struct period p);
bool period_valid(struct period p);
/* Parse "YYYY-MM" or "YYYY-Qn"; `what` names the field in the message. */
int period_parse(const char *s, struct period *out, const char *what, struct err *e);
/* Write "YYYY-MM" / "YYYY-Qn" (or "" for no period). */
void period_format(struct period p, char buf[PERIOD_STR_LEN]);
/* Order: by first day, then monthly before quarterly (only meaningful
 * within one cadence). <0, 0, >0 as a is before, equal to, after b. */
int period_cmp(struct period a, struct period b);

/* Consecutive integers within one cadence, and back. */
long period_ord(struct period p);
struct period period_from_ord(enum cadence c, long ord);
/* The period k periods after p (k may be negative). */
struct period period_add(struct period p, long k);

/* The period of cadence c containing date d. */
struct period period_of(enum cadence c, struct date d);
struct date period_start(struct period p);
struct date period_end(struct period p);
/* Day `due_day` of p's last month, clamped to the month's end. */
struct date period_due(struct period p, int due_day);
/* The earliest period of cadence c whose due date is on or after d. */
struct period period_first_due_on_or_after(enum cadence c, int due_day, struct date d);

/* Monthly, due on the 25th, first period from the plan's issued date. */
void calendar_init(struct calendar *cal, enum cadence c, int due_day, struct date issued);
/* Cadence set, due_day 1..31, first period valid and of the same cadence. */
int calendar_check(const struct calendar *cal, struct err *e);
struct date calendar_due(const struct calendar *cal, struct period p);
/*
 * The periods from cal->first through the period containing as_of, in
 * order.  Writes at most `cap` of them to `out` (which may be NULL when
 * cap is 0) and returns how many there are (0 when as_of is before the
 * first period), like snprintf.
 */
size_t calendar_periods(const struct calendar *cal, struct date as_of,
			struct period *out, size_t cap);
/*
 * The latest period, not before cal->first, whose due date is strictly
 * before d: the latest report that is overdue on day d if missing.
 * Returns false when there is none.
 */
bool calendar_last_due_before(const struct calendar *cal, struct date d, struct period *out);

#endif
