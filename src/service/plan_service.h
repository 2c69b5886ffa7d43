/* Reading plans for the commands and the API: choose one, load it, summarise it. */
#ifndef DUBAN_SERVICE_PLAN_SERVICE_H
#define DUBAN_SERVICE_PLAN_SERVICE_H

/*
 * A plan is named by a "plan spec", the argument of --plan:
 *   NULL or ""        the most recently imported plan
 *   "1".."1899"       a plan id
 *   "1900".."2999"    a year: the plan of that year (ERR_INPUT listing them
 *                     if the year has several)
 *   anything else     a document number (安政发〔2022〕5号), compared
 *                     exactly or by NFKC match key
 * An empty store or a spec naming nothing is ERR_NOT_FOUND.
 *
 * Loaded documents are owned by the caller (plan_doc_release).  Everything
 * here only reads.
 */

#include <stddef.h>
#include <stdint.h>

#include "domain/plan.h"
#include "store/store.h"
#include "util/err.h"

int svc_plan_list(struct store *st, struct store_plan_list *out, struct err *e);

/* The id of the plan `spec` names (rules above). */
int svc_plan_resolve(struct store *st, const char *spec, int64_t *id, struct err *e);

/* Resolve `spec` and load that plan into `doc` (plan_doc_init'ed); *id may be NULL. */
int svc_plan_load(struct store *st, const char *spec, struct plan_doc *doc, int64_t *id,
		  struct err *e);

/* Units of plan `id` with their lead and co counts (store_unit_stats). */
int svc_unit_stats(struct store *st, int64_t plan_id, struct store_unit_stats *out,
		   struct err *e);

/* How many tasks each section holds, in order of first appearance. */
struct svc_section_count {
	const char *section;	/* points into the plan_doc */
	size_t ntasks;
};

struct svc_plan_summary {
	struct svc_section_count *sections;	/* malloc'd */
	size_t nsections;
	size_t ntasks;
	size_t nunits;		/* distinct unit names as written */
	size_t ntargets;
	size_t nmilestones;
};

void svc_plan_summarize(const struct plan_doc *doc, struct svc_plan_summary *out);
void svc_plan_summary_release(struct svc_plan_summary *s);

/* The task numbered `no`, or NULL. */
const struct task *svc_task_find(const struct plan_doc *doc, int no);

/* A target with the task it belongs to. */
struct svc_target_ref {
	const struct task *task;
	const struct target *target;
};

/* Which targets to list; NULL fields do not filter. */
struct svc_target_filter {
	const char *metric;	/* a part of the metric's match key: "生产总值" */
	const char *unit;	/* the measurement unit; 亿元/万元 mean 元, 万人 means 人 */
	const char *owner;	/* a responsible unit (lead or co), whole name by match key */
};

/*
 * The targets of `doc` that pass filter `f` (all of them when f is NULL).
 * Comparisons use NFKC match keys (util/utf8.h).  *out is malloc'd (free
 * it); its pointers go into doc.  ERR_INPUT if a filter is not valid UTF-8.
 */
int svc_targets_filter(const struct plan_doc *doc, const struct svc_target_filter *f,
		       struct svc_target_ref **out, size_t *n, struct err *e);

#endif
