/* Calendar dates without time zones: ISO YYYY-MM-DD at the edges, struct date inside. */
#ifndef DUBAN_UTIL_DATE_H
#define DUBAN_UTIL_DATE_H

/*
 * A struct date is a proleptic Gregorian day.  {0,0,0} means "no date"
 * (date_is_set() is false).  Nothing here reads the clock: the as-of date
 * is always a parameter; only main and the HTTP layer call date_today().
 */

#include <stdbool.h>

#include "util/err.h"

struct date {
	int y, m, d;
};

#define DATE_NONE ((struct date){ 0, 0, 0 })
#define DATE_ISO_LEN 11	/* "YYYY-MM-DD" and its NUL */

/* The value of exactly n ASCII digits at s, or -1 if any is not a digit. */
int date_digits(const char *s, int n);

bool date_is_set(struct date d);
bool date_valid(int y, int m, int d);
int date_days_in_month(int y, int m);
/* Parse exactly "YYYY-MM-DD"; `what` names the field in the error message. */
int date_parse_iso(const char *s, struct date *out, const char *what, struct err *e);
/* Write "YYYY-MM-DD" (or "" for no date) into buf of DATE_ISO_LEN bytes. */
void date_format_iso(struct date d, char buf[DATE_ISO_LEN]);
/* <0, 0, >0 as a is before, equal to, after b. */
int date_cmp(struct date a, struct date b);
/* Days since 1970-01-01 and back. */
long date_to_days(struct date d);
struct date date_from_days(long days);
struct date date_month_end(int y, int m);
/* Today in local time: for main and the HTTP layer only. */
struct date date_today(void);

#endif
