/* Reporting periods and calendars: parse, format, order, due dates. */
#include "domain/period.h"

#include <string.h>

#include "util/banned.h"

const char *cadence_name(enum cadence c)
{
	switch (c) {
	case CADENCE_MONTHLY:
		return "monthly";
	case CADENCE_QUARTERLY:
		return "quarterly";
	case CADENCE_NONE:
		break;
	}
	return "";
}

const char *cadence_label(enum cadence c)
{
	switch (c) {
	case CADENCE_MONTHLY:
		return "月报";
	case CADENCE_QUARTERLY:
		return "季报";
	case CADENCE_NONE:
		break;
	}
	return "";
}

int cadence_parse(const char *s, enum cadence *out)
{
	static const struct {
		const char *name;
		enum cadence c;
	} names[] = {
		{ "monthly", CADENCE_MONTHLY },	  { "月", CADENCE_MONTHLY },
		{ "月报", CADENCE_MONTHLY },	  { "月度", CADENCE_MONTHLY },
		{ "quarterly", CADENCE_QUARTERLY }, { "季", CADENCE_QUARTERLY },
		{ "季报", CADENCE_QUARTERLY },	  { "季度", CADENCE_QUARTERLY },
	};

	for (size_t i = 0; s && i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(s, names[i].name)) {
			*out = names[i].c;
			return 0;
		}
	}
	return -1;
}

static int months_per(enum cadence c)
{
	return c == CADENCE_QUARTERLY ? 3 : 1;
}

static int periods_per_year(enum cadence c)
{
	return c == CADENCE_QUARTERLY ? 4 : 12;
}

bool period_is_set(struct period p)
{
	return p.year != 0;
}

bool period_valid(struct period p)
{
	if (p.cadence != CADENCE_MONTHLY && p.cadence != CADENCE_QUARTERLY)
		return false;
	return p.year >= 1 && p.year <= 9999 && p.n >= 1 && p.n <= periods_per_year(p.cadence);
}

int period_parse(const char *s, struct period *out, const char *what, struct err *e)
{
	struct period p = PERIOD_NONE;

	if (!s || strlen(s) != 7 || s[4] != '-')
		goto bad;
	p.year = date_digits(s, 4);
	if (s[5] == 'Q') {
		p.cadence = CADENCE_QUARTERLY;
		p.n = date_digits(s + 6, 1);
	} else {
		p.cadence = CADENCE_MONTHLY;
		p.n = date_digits(s + 5, 2);
	}
	if (!period_valid(p))
		goto bad;
	*out = p;
	return 0;
bad:
	return err_set(e, ERR_INPUT, "%s: 报告期“%s”无效，应为 YYYY-MM（月报）或 YYYY-Qn（季报）",
		       what ? what : "period", s ? s : "");
}

void period_format(struct period p, char buf[PERIOD_STR_LEN])
{
	unsigned y = (unsigned)p.year % 10000u;

	if (!period_is_set(p)) {
		buf[0] = '\0';
		return;
	}
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	if (p.cadence == CADENCE_QUARTERLY) {
		buf[5] = 'Q';
		buf[6] = (char)('0' + (unsigned)p.n % 10u);
	} else {
		buf[5] = (char)('0' + (unsigned)p.n / 10u % 10u);
		buf[6] = (char)('0' + (unsigned)p.n % 10u);
	}
	buf[7] = '\0';
}

static int first_month(struct period p)
{
	return (p.n - 1) * months_per(p.cadence) + 1;
}

static int last_month(struct period p)
{
	return p.n * months_per(p.cadence);
}

int period_cmp(struct period a, struct period b)
{
	int am = a.year * 12 + first_month(a), bm = b.year * 12 + first_month(b);

	if (am != bm)
		return am < bm ? -1 : 1;
	if (a.cadence != b.cadence)
		return a.cadence < b.cadence ? -1 : 1;
	return 0;
}

long period_ord(struct period p)
{
	return (long)p.year * periods_per_year(p.cadence) + (p.n - 1);
}

struct period period_from_ord(enum cadence c, long ord)
{
	long per = periods_per_year(c);
	long y = ord >= 0 ? ord / per : -((-ord + per - 1) / per);
	struct period p = { (int)y, (int)(ord - y * per) + 1, c };

	return p;
}

struct period period_add(struct period p, long k)
{
	return period_from_ord(p.cadence, period_ord(p) + k);
}

struct period period_of(enum cadence c, struct date d)
{
	struct period p = { d.y, (d.m - 1) / months_per(c) + 1, c };

	return p;
}

struct date period_start(struct period p)
{
	struct date d = { p.year, first_month(p), 1 };

	return d;
}

struct date period_end(struct period p)
{
	return date_month_end(p.year, last_month(p));
}

struct date period_due(struct period p, int due_day)
{
	int m = last_month(p);
	int dim = date_days_in_month(p.year, m);
	struct date d = { p.year, m, due_day < dim ? due_day : dim };

	return d;
}

struct period period_first_due_on_or_after(enum cadence c, int due_day, struct date d)
{
	struct period p = period_of(c, d);

	if (date_cmp(period_due(p, due_day), d) < 0)
		p = period_add(p, 1);
	return p;
}

void calendar_init(struct calendar *cal, enum cadence c, int due_day, struct date issued)
{
	cal->cadence = c == CADENCE_NONE ? CADENCE_MONTHLY : c;
	cal->due_day = due_day > 0 ? due_day : CALENDAR_DEFAULT_DUE_DAY;
	cal->first = period_first_due_on_or_after(cal->cadence, cal->due_day, issued);
}

int calendar_check(const struct calendar *cal, struct err *e)
{
	char buf[PERIOD_STR_LEN];

	if (cal->cadence != CADENCE_MONTHLY && cal->cadence != CADENCE_QUARTERLY)
		return err_set(e, ERR_INPUT, "报告周期无效：应为 monthly（月报）或 quarterly（季报）");
	if (cal->due_day < 1 || cal->due_day > 31)
		return err_set(e, ERR_INPUT, "报送日 %d 无效：应为 1 到 31 之间的日期", cal->due_day);
	if (!period_valid(cal->first))
		return err_set(e, ERR_INPUT, "首个报告期无效");
	if (cal->first.cadence != cal->cadence) {
		period_format(cal->first, buf);
		return err_set(e, ERR_INPUT, "首个报告期 %s 与报告周期（%s）不符", buf,
			       cadence_label(cal->cadence));
	}
	return 0;
}

struct date calendar_due(const struct calendar *cal, struct period p)
{
	return period_due(p, cal->due_day);
}

size_t calendar_periods(const struct calendar *cal, struct date as_of,
			struct period *out, size_t cap)
{
	long first = period_ord(cal->first);
	long last = period_ord(period_of(cal->cadence, as_of));
	size_t n;

	if (last < first)
		return 0;
	n = (size_t)(last - first + 1);
	for (size_t i = 0; i < n && i < cap; i++)
		out[i] = period_from_ord(cal->cadence, first + (long)i);
	return n;
}

bool calendar_last_due_before(const struct calendar *cal, struct date d, struct period *out)
{
	struct period p = period_of(cal->cadence, d);

	if (date_cmp(calendar_due(cal, p), d) >= 0)
		p = period_add(p, -1);
	if (period_ord(p) < period_ord(cal->first))
		return false;
	*out = p;
	return true;
}
