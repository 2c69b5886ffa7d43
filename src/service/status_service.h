/* The status of every assignment, task and unit of a plan on a given day: stored facts through the status engine. */
#ifndef DUBAN_SERVICE_STATUS_SERVICE_H
#define DUBAN_SERVICE_STATUS_SERVICE_H

/*
 * Reads only.  svc_status_compute() loads one plan (its tasks, its
 * assignments, its reporting calendar and every recorded fact about them:
 * a fixed handful of queries whatever the plan's size) and judges every
 * assignment with the pure engine (domain/status.h) as of `as_of`, then
 * sums tasks and units.  Any past date gives what was known then.
 *
 * What each assignment gives the engine (dates: service/report_service.h):
 *  hand-over   the plan's issued date; for an assignment created by a
 *              reassignment, the day of that decision;
 *  start, due  January 1 / the task's due date (December 31) of the year;
 *  milestones  the task's dated time nodes, in date order, expected values
 *              derived by the engine;
 *  facts       sign-for, dispute (confirmed = the engine's REJECTED,
 *              reassigned = UPHELD), reports of the calendar's cadence with
 *              their reviews, extensions, 销号.
 *
 * Which assignments are judged: every active one, and each retired one
 * that a reassignment retired (the engine shows it 已改派 and leaves it out
 * of the sums).  Assignments retired because the list or the directory no
 * longer names them are left out.
 *
 * Thresholds: status_config (domain/status.h) from a file given by the
 * caller (svc_status_config_load), else the documented defaults; the
 * example file is examples/status.conf.
 *
 * Ownership: struct svc_status owns everything it points to;
 * svc_status_release() frees it.  Reasons are made on demand
 * (svc_status_explain) so that a plan of a million assignments does not
 * carry a million sets of reason texts.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/period.h"
#include "domain/plan.h"
#include "domain/status.h"
#include "store/store.h"
#include "store/store_reports.h"
#include "util/date.h"
#include "util/err.h"

/* One assignment, judged. */
struct svc_status_item {
	const struct store_assignment_row *a;	/* into svc_status.rows */
	const struct task *task;		/* into svc_status.doc */
	struct status st;
};

/* One task: its assignments are items[first .. first + n). */
struct svc_status_task {
	const struct task *task;
	size_t first, n;
	struct task_status ts;
};

/* One unit (a directory unit, or an unverified name as written). */
struct svc_status_unit {
	int64_t unit_id;	/* 0: unverified */
	const char *name;
	struct unit_summary us;
};

struct svc_status {
	int64_t plan_id;
	struct plan_doc doc;
	struct calendar cal;
	bool cal_stored;		/* false: the default calendar */
	struct status_config cfg;
	struct date as_of;
	struct date start;		/* 序时进度 starts (the plan's) */
	struct store_assignment_list rows;
	struct store_facts facts;
	struct svc_status_item *items;	/* in task order, then position */
	size_t nitems;
	struct svc_status_task *tasks;	/* every task of the plan, by number */
	size_t ntasks;
	struct svc_status_unit *units;	/* by first appearance */
	size_t nunits;
	size_t nsample;			/* sample rows (示例数据) among the facts */
	/* private */
	struct milestone_fact *ms;	/* per task, ranges in ms_first/ms_n */
	size_t *ms_first, *ms_n;
	struct svc_handover *handovers;	/* reassigned assignments' hand-over days */
	size_t nhandovers;
};

void svc_status_init(struct svc_status *s);
void svc_status_release(struct svc_status *s);

/* Thresholds from a config file (status_config_parse over the defaults). */
int svc_status_config_load(const char *path, struct status_config *cfg, struct err *e);

/*
 * Judge plan `plan_spec` (plan_service.h) as of `as_of` with `cfg` (NULL:
 * the defaults).  Stored facts that break the engine's rules are ERR_STORE
 * naming the assignment.
 */
int svc_status_compute(struct store *st, const char *plan_spec, struct date as_of,
		       const struct status_config *cfg, struct svc_status *out, struct err *e);

/* The reasons for item `i`'s judgements. */
void svc_status_explain(const struct svc_status *s, size_t i, struct status_why *why);

/* The engine's facts for item `i` (pointing into `s`: valid while it lives). */
void svc_status_facts(const struct svc_status *s, size_t i, struct assignment_facts *f);

/* The task numbered `no`, or NULL. */
const struct svc_status_task *svc_status_task(const struct svc_status *s, int no);

/*
 * Which items belong to the unit `name` names (a directory unit by name or
 * alias, X（Y）, or an unverified name as written, by match key; a group's
 * name is ERR_INPUT, an unknown name ERR_NOT_FOUND): match[i] is set for
 * each (match has s->nitems entries).  The unit's name as the directory or
 * the list writes it goes into buf[0..n).
 */
int svc_status_match_unit(struct store *st, const struct svc_status *s, const char *name,
			  bool *match, char *buf, size_t n, struct err *e);

#endif
