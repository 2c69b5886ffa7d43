/* The progress bulletin (进展通报) of a period from stored facts, compared with the last one issued; and issuing it. */
#ifndef DUBAN_SERVICE_BULLETIN_SERVICE_H
#define DUBAN_SERVICE_BULLETIN_SERVICE_H

/*
 * Fills export/bulletin.h's view model; the renderers make HTML and
 * Markdown of it.  What goes in, for period P of a plan (a month
 * "2022-06" or a quarter "2022-Q2", whatever the reporting cadence):
 *
 *  as of     the last day of P, or `today` when that is earlier (a
 *            bulletin tells what was known; P must have begun)
 *  totals    each task by its headline status (the lead unit's, as `duban
 *            status` shows it): 已完成 (incl. 已销号), 超进度, 达进度, 欠进度,
 *            其它 (not judged: not signed, no report...)
 *  已完成     the tasks complete, with 已销号 / 已完成待核验
 *  欠进度     tasks behind 序时进度 and not past due, with the gap and the
 *            cause the lead unit gave (存在问题 of its report in use)
 *  逾期未完成  tasks past their due date and not complete, likewise (a task
 *            is in one of the two lists, not both)
 *  逾期未报   units with overdue periods without a counting report, each
 *            period once (over all the unit's assignments)
 *  督办事项   actions from 催办 up issued from P's first day to the as-of
 *            day, with their state on that day (replied, waiting, overdue,
 *            closed)
 *  排名       the year's assessment (service/assess_service.h, stored
 *            rules) as of the same day, ranked units only
 *  与上期对比  against the latest bulletin ISSUED before this one (what was
 *            published, from its stored summary, not recomputed): its
 *            totals; tasks red now and not then, green now and red or amber
 *            then; causes repeated word for word; tasks in the same list
 *            bulletins in a row
 *
 * Issuing (issue = true) stores the bulletin's summary (JSON: totals, every
 * task's colour and status, the lagging and overdue lists with causes and
 * runs) with its number (第 N 期: the plan's issued bulletins + 1), in one
 * transaction with its audit entry; a period issued already is
 * ERR_CONFLICT.  Without issuing, nothing is stored; a period issued before
 * shows that bulletin's number.
 *
 * Ownership: struct svc_bulletin owns its view model (arena) and summary.
 */

#include <stdbool.h>
#include <stdint.h>

#include "domain/period.h"
#include "domain/status.h"
#include "export/bulletin.h"
#include "service/report_service.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/err.h"

struct svc_bulletin_opts {
	const char *plan_spec;		/* NULL: the latest plan */
	const char *period;		/* "2022-06" or "2022-Q2" */
	const struct status_config *status_cfg;	/* NULL: the defaults */
	const char *requirements;	/* 下步工作要求 (one paragraph per line), or NULL */
	bool issue;			/* store it as issued (office only) */
};

struct svc_bulletin {
	struct arena arena;		/* owns every string and array of `b` */
	struct bulletin b;
	int64_t plan_id;
	struct period period;
	struct date as_of;
	int issue_no;			/* its number if issued (now or before), else 0 */
	bool issued_now;
	char *summary;			/* JSON (malloc'd) */
};

void svc_bulletin_init(struct svc_bulletin *b);
void svc_bulletin_release(struct svc_bulletin *b);

/* rc->today caps the as-of day; rc->actor issues. */
int svc_bulletin_make(struct store *st, const struct svc_rctx *rc,
		      const struct svc_bulletin_opts *o, struct svc_bulletin *out, struct err *e);

#endif
