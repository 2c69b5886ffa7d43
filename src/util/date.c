/* Calendar arithmetic on struct date (civil-from-days after H. Hinnant). */
#include "util/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util/banned.h"

bool date_is_set(struct date d)
{
	return d.y != 0;
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= date_days_in_month(y, m);
}

int date_digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int date_parse_iso(const char *s, struct date *out, const char *what, struct err *e)
{
	int y, m, d;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		goto bad;
	y = date_digits(s, 4);
	m = date_digits(s + 5, 2);
	d = date_digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0 || !date_valid(y, m, d))
		goto bad;
	out->y = y;
	out->m = m;
	out->d = d;
	return 0;
bad:
	return err_set(e, ERR_INPUT, "%s: 日期“%s”无效，应为 YYYY-MM-DD",
		       what ? what : "date", s ? s : "");
}

void date_format_iso(struct date d, char buf[DATE_ISO_LEN])
{
	if (!date_is_set(d)) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, DATE_ISO_LEN, "%04u-%02u-%02u", (unsigned)d.y % 10000u,
		 (unsigned)d.m % 100u, (unsigned)d.d % 100u);
}

int date_cmp(struct date a, struct date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

long date_to_days(struct date dt)
{
	long y = dt.y - (dt.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (dt.m + 9) % 12;
	long doy = (153 * mp + 2) / 5 + dt.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct date date_from_days(long z)
{
	long era, doe, yoe, y, doy, mp;
	struct date r;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(y + (r.m <= 2));
	return r;
}

struct date date_month_end(int y, int m)
{
	struct date r = { y, m, date_days_in_month(y, m) };
	return r;
}

struct date date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	struct date r = DATE_NONE;

	if (localtime_r(&now, &tm)) {
		r.y = tm.tm_year + 1900;
		r.m = tm.tm_mon + 1;
		r.d = tm.tm_mday;
	}
	return r;
}
