/* The stored facts about one assignment (a task handed to a unit), as the status engine reads them. */
#ifndef DUBAN_DOMAIN_ASSIGNMENT_H
#define DUBAN_DOMAIN_ASSIGNMENT_H

/*
 * Plain values, filled by the store (or by hand in tests) and read by the
 * status engine (domain/status.h).  Nothing here is ever overwritten: a
 * revision is a new report version, a decision carries its date, and the
 * engine decides what was known on a given day from those dates.
 *
 * Ownership: a struct assignment_facts points at arrays it does not own
 * (the caller keeps them alive while the engine runs; the milestones are
 * usually one array shared by every assignment of a task).
 *
 * Order the engine relies on (assignment_facts_check() verifies it):
 *  - reports sorted by period, then by version (ORDER BY period, version);
 *  - milestones sorted by due date.
 * Extensions may come in any order.
 *
 * Dates: DATE_NONE (util/date.h) means "none".  "Known on day D" means a
 * fact dated on or before D; a fact dated after D did not exist yet.
 *
 * The name/parse functions declared here are implemented in status.c.
 */

#include <stdbool.h>
#include <stddef.h>

#include "domain/period.h"
#include "util/date.h"
#include "util/err.h"

enum role {
	ROLE_LEAD = 0,		/* 牵头单位 */
	ROLE_CO			/* 配合单位 */
};

/* 退回: the unit disputes that the task is its responsibility. */
enum dispute_state {
	DISPUTE_NONE = 0,
	DISPUTE_OPEN,		/* sent back, the office has not decided */
	DISPUTE_UPHELD,		/* the office agreed and reassigned: this assignment ends */
	DISPUTE_REJECTED	/* the office confirmed the unit: it must sign */
};

struct dispute {
	enum dispute_state state;
	struct date raised_at;	/* 退回 date; a dispute raised after as_of does not exist */
	struct date decided_at;	/* for UPHELD/REJECTED; decided after as_of = still OPEN */
};

/* 延期申请. */
enum extension_state {
	EXT_PENDING = 0,
	EXT_APPROVED,
	EXT_REFUSED
};

struct extension {
	struct date requested_at;
	struct date new_due;
	enum extension_state state;
	struct date decided_at;	/* approved after as_of = not known then */
};

/* The unit's own judgement of on-time delivery (自评). */
enum likelihood {
	LIKELIHOOD_NONE = 0,	/* not given */
	LIKELIHOOD_HIGH,	/* 很可能 */
	LIKELIHOOD_LIKELY,	/* 可能 */
	LIKELIHOOD_DOUBT,	/* 存疑 */
	LIKELIHOOD_UNLIKELY	/* 难以完成 */
};
#define LIKELIHOOD_COUNT 5

/* The office's review of one report version. */
enum review_state {
	REVIEW_PENDING = 0,	/* submitted, not yet reviewed */
	REVIEW_ACCEPTED,	/* 通过 */
	REVIEW_RETURNED		/* 退办: must be resubmitted */
};

/* One version of one period's report (only what status needs). */
struct report_fact {
	struct period period;
	int version;		/* 1, 2, ... within the period */
	struct date submitted_at;
	double percent;		/* 0..100 */
	enum likelihood likelihood;
	enum review_state review;
	struct date reviewed_at;	/* for ACCEPTED/RETURNED */
};

/*
 * A time node of the task.  `expected` is the percent complete expected
 * once the node is reached, when known (0 < expected <= 100); 0 means
 * "derive it" (status.h explains how).
 */
struct milestone_fact {
	struct date due;
	double expected;
};

struct assignment_facts {
	enum role role;
	struct date handed_over;	/* 交办 */
	struct date signed_at;		/* 签收, or DATE_NONE */
	struct dispute dispute;
	struct date start;		/* where 序时进度 starts: the plan's issued date or Jan 1 */
	struct date due;		/* the original due date */
	struct date verified_at;	/* 销号, or DATE_NONE */
	const struct extension *extensions;
	size_t nextensions;
	const struct milestone_fact *milestones;
	size_t nmilestones;
	const struct report_fact *reports;
	size_t nreports;
};

/*
 * Check the facts the engine relies on: dates set where required and
 * valid, start <= due, percents and expected values in range, milestones
 * in date order with non-decreasing expected values, reports in
 * (period, version) order and of the calendar's cadence, decided states
 * with a decision date.  The message names the offending item.
 */
int assignment_facts_check(const struct assignment_facts *f, const struct calendar *cal,
			   struct err *e);

/* "lead" / "co" and "牵头" / "配合". */
const char *role_name(enum role r);
const char *role_label(enum role r);
int role_parse(const char *s, enum role *out);

/* Codes "very_likely", "likely", "doubtful", "unlikely" ("" for none), and the
 * Chinese words 很可能, 可能, 存疑, 难以完成. */
const char *likelihood_name(enum likelihood l);
const char *likelihood_label(enum likelihood l);
/* Accepts either spelling; -1 when unknown. */
int likelihood_parse(const char *s, enum likelihood *out);

/* "pending" / "accepted" / "returned" and 待审核 / 已通过 / 已退办. */
const char *review_name(enum review_state r);
const char *review_label(enum review_state r);
int review_parse(const char *s, enum review_state *out);

#endif
