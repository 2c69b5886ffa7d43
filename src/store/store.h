/* The store interface: everything duban keeps, behind one API for every backend. */
#ifndef DUBAN_STORE_STORE_H
#define DUBAN_STORE_STORE_H

/*
 * This header is the store's whole contract.  It speaks in domain structs
 * (domain/plan.h); no SQL leaves src/store/.  A backend is chosen by the URL
 * given to store_open():
 *   "PATH" or "sqlite:PATH"   an SQLite file (created if missing)
 *   "postgres://..."          PostgreSQL: not yet supported (ERR_STORE)
 * Backends implement the function table in store_impl.h; this file's
 * functions dispatch through it.
 *
 * Schema: created and upgraded on open by numbered migrations kept in the
 * backend's code.  A database written by a newer duban (schema above
 * STORE_SCHEMA_VERSION) is refused with ERR_STORE.
 *
 * Transactions: writes happen only between store_begin() and
 * store_commit()/store_rollback(); one use case (an import) is one
 * transaction.  Reads may happen inside or outside one.  Transactions do not
 * nest.  After any failed write inside a transaction the caller must roll
 * back: the transaction's state is then undefined.
 *
 * Errors: every fallible function returns 0 or -1 and fills `e`; failures
 * of the database itself are ERR_STORE, stored state that contradicts the
 * request ERR_CONFLICT, missing objects ERR_NOT_FOUND.
 *
 * Ownership: strings handed in are only read during the call.  Strings and
 * arrays handed out live in an arena the caller owns (a struct plan_doc's, or
 * the list's own); releasing it frees them all.  A struct store is used by
 * one thread at a time.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/plan.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/err.h"
#include "util/strbuf.h"

/* The schema level this duban writes and understands. */
#define STORE_SCHEMA_VERSION 1

struct store;

int store_open(const char *url, struct store **out, struct err *e);
void store_close(struct store *st);	/* NULL is allowed; rolls back an open transaction */

/* The schema level of the open database (after migrations: STORE_SCHEMA_VERSION). */
int store_schema_version(struct store *st, int *out, struct err *e);

int store_begin(struct store *st, struct err *e);
int store_commit(struct store *st, struct err *e);
void store_rollback(struct store *st);	/* a no-op outside a transaction */

/* ---- plans ---- */

/* A stored plan as listed: the document's metadata and where it came from. */
struct store_plan_row {
	int64_t id;
	const char *issuer;	/* "" when the document names none */
	const char *doc_no;	/* "" when the document has none */
	const char *title;
	const char *recipients;
	int year;
	struct date issued;
	const char *source_name;
	const char *source_format;	/* "text", "docx", "xlsx" */
	const char *source_encoding;	/* "UTF-8", "GB18030" */
	char sha256[65];
	const char *imported_at;	/* "YYYY-MM-DDTHH:MM:SSZ", UTC */
	size_t ntasks;
};

/* Plans in id order; rows and strings live in `arena`. */
struct store_plan_list {
	struct arena arena;
	struct store_plan_row *v;
	size_t n;
};

void store_plan_list_init(struct store_plan_list *l);
void store_plan_list_release(struct store_plan_list *l);

int store_plan_list(struct store *st, struct store_plan_list *out, struct err *e);

/*
 * Find the plan whose source had this SHA-256 (hex), or the one with this
 * issuer and document number (doc_no "" never matches).  *found tells
 * whether there is one; the row's strings go into `a`.
 */
int store_plan_find_sha(struct store *st, const char *sha256, struct arena *a,
			struct store_plan_row *row, bool *found, struct err *e);
int store_plan_find_doc_no(struct store *st, const char *issuer, const char *doc_no,
			   struct arena *a, struct store_plan_row *row, bool *found,
			   struct err *e);

/* Where a plan came from, beyond struct plan (import.h's struct import_info). */
struct store_plan_source {
	const char *format;	/* "text", "docx", "xlsx" */
	const char *encoding;	/* "UTF-8", "GB18030" */
	const char *imported_at;	/* "YYYY-MM-DDTHH:MM:SSZ", or NULL for the database's clock */
};

/*
 * Insert a new plan row (no tasks yet); its id goes to *id.  A plan with the
 * same source SHA-256, or the same issuer and doc_no, is ERR_CONFLICT.
 * Inside a transaction.
 */
int store_plan_insert(struct store *st, const struct plan *p,
		      const struct store_plan_source *src, int64_t *id, struct err *e);

/* Overwrite plan `id`'s metadata with `p` (a revised version).  Inside a transaction. */
int store_plan_update(struct store *st, int64_t id, const struct plan *p,
		      const struct store_plan_source *src, struct err *e);

/*
 * Count what hangs on plan `id`'s tasks in tables that later issues add
 * (assignments, reports, supervision actions...).  Each backend keeps a list
 * of such dependent tables; the list is empty at schema level 1, and each
 * migration that adds one registers it there.  *count is the total; when it
 * is not zero, `what` (if not NULL) gets a Chinese description such as
 * "进展报告 12 条".  A plan with dependents must not have its tasks replaced.
 */
int store_plan_dependents(struct store *st, int64_t id, size_t *count,
			  struct strbuf *what, struct err *e);

/* Delete plan `id`'s tasks (and their units, targets, milestones).  Inside a transaction. */
int store_tasks_delete(struct store *st, int64_t plan_id, struct err *e);

/*
 * Insert tasks[0..n) of plan `plan_id`, with their units (as written, lead
 * first: position 1), targets and milestones.  Unit names are created as
 * needed (exactly as written).  Checked before anything is written: two
 * tasks with one number, or one unit named twice in a task, is ERR_CONFLICT
 * naming the task; an empty unit name or a non-finite target value is
 * ERR_INPUT.  Task ids are assigned in document order.  Inside a transaction.
 */
int store_tasks_insert(struct store *st, int64_t plan_id, const struct task *tasks,
		       size_t n, struct err *e);

/*
 * Load plan `id` whole into `doc` (initialised by the caller with
 * plan_doc_init): metadata, then tasks in order of their number, each with
 * its units, targets and milestones.  ERR_NOT_FOUND if there is no such plan.
 */
int store_plan_load(struct store *st, int64_t id, struct plan_doc *doc, struct err *e);

/* ---- units ---- */

/* One unit's share of a plan: how many tasks it leads, and co-owns. */
struct store_unit_stat {
	int64_t unit_id;
	const char *name;	/* as written */
	size_t nlead;
	size_t nco;
};

/* Units of one plan, by lead count, then co count, then first appearance. */
struct store_unit_stats {
	struct arena arena;
	struct store_unit_stat *v;
	size_t n;
};

void store_unit_stats_init(struct store_unit_stats *s);
void store_unit_stats_release(struct store_unit_stats *s);

int store_unit_stats(struct store *st, int64_t plan_id, struct store_unit_stats *out,
		     struct err *e);

#endif
