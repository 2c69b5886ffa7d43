/* The Excel ledger (台账) of a plan on a day, and the year's assessment tables, as export_xlsx's view model. */
#ifndef DUBAN_SERVICE_LEDGER_SERVICE_H
#define DUBAN_SERVICE_LEDGER_SERVICE_H

/*
 * Fills export/export_xlsx.h's struct xlsx_ledger; export_xlsx writes it.
 * One row per task, as of the day given:
 *   目标       each measurable target as written, one per line
 *   时间节点    each dated time node "YYYY-MM-DD 原文", one per line
 *   最新进展    完成情况 of the report the headline (lead) unit uses on that
 *              day (the latest period's counting version: accepted or not
 *              yet reviewed, not returned), "" when none
 *   完成率      that report's percent (empty when none)
 *   状态       the headline schedule (超进度 / 达进度 / 欠进度 / 已完成), or
 *              the lifecycle when not judged (待签收, ...); RAG fill = the
 *              task's headline colour
 *   督办级别    the highest open ladder step of the task or any of its
 *              assignments (ladder_marker_short: 橙色督查单·逾期未回复), ""
 * With a year, sheets 考核 and 考核明细 (service/assess_service.h, the
 * stored rules) as of the same day (capped at the year's end).
 *
 * Ownership: struct svc_ledger owns the view model and what it points to.
 */

#include <stdbool.h>

#include "domain/status.h"
#include "export/export_xlsx.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/err.h"

struct store;

struct svc_ledger {
	struct arena arena;
	struct xlsx_ledger l;
	struct xlsx_assessment as;
};

void svc_ledger_init(struct svc_ledger *l);
void svc_ledger_release(struct svc_ledger *l);

/* `year` 0: no assessment sheets. */
int svc_ledger_build(struct store *st, const char *plan_spec, struct date as_of,
		     const struct status_config *cfg, int year, struct svc_ledger *out,
		     struct err *e);

#endif
