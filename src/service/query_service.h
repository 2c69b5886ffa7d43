/* Read-side queries of the HTTP API: filtered tasks, a liaison's scope, assignments, exports. */
#ifndef DUBAN_SERVICE_QUERY_SERVICE_H
#define DUBAN_SERVICE_QUERY_SERVICE_H

/*
 * Everything here only reads.  Text filters compare NFKC match keys
 * (util/utf8.h), as the CLI's do.  A scope is the set of task numbers a
 * liaison may read (svc_unit_task_nos in auth_service.h); scoped queries
 * return nothing outside it.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/plan.h"
#include "store/store.h"
#include "util/err.h"
#include "util/strbuf.h"

/*
 * The data generation (store_generation): equal readings mean nothing was
 * written in between, so answers read after the first may be reused.
 */
int svc_data_generation(struct store *st, int64_t *out, struct err *e);

/* Task numbers a caller may read: all (scoped false) or those in nos[0..n), ascending. */
struct svc_scope {
	bool scoped;
	const int *nos;
	size_t n;
};

/* Whether task `no` is inside the scope (always, when not scoped). */
bool svc_scope_has(const struct svc_scope *s, int no);

/* Which tasks to list; NULL fields do not filter. */
struct svc_task_filter {
	const char *section;	/* the section, exactly as written */
	const char *unit;	/* a responsible unit as written (lead or co), whole name */
	const char *q;		/* a part of the task's text */
};

/*
 * The tasks of `doc` in `scope` that pass `f`, in document order: *out is
 * malloc'd (free it) and points into doc.  ERR_INPUT if a filter is not
 * valid UTF-8.
 */
int svc_tasks_filter(const struct plan_doc *doc, const struct svc_task_filter *f,
		     const struct svc_scope *scope, const struct task ***out, size_t *n,
		     struct err *e);

/* Assignments by filter (store_assignments_list). */
int svc_assignments_query(struct store *st, const struct store_assignment_filter *f,
			  struct store_assignment_list *out, struct err *e);

enum svc_export_format {
	SVC_EXPORT_JSON = 0,
	SVC_EXPORT_CSV
};

/* "json", "csv"; -1 if unknown. */
int svc_export_format_parse(const char *s, enum svc_export_format *out);

/* Plan `plan_id` exported (export/export_json.h, export_csv.h), appended to `out`. */
int svc_plan_export(struct store *st, int64_t plan_id, enum svc_export_format format,
		    struct strbuf *out, struct err *e);

#endif
