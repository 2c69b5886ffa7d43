/* Whole-database copies between stores of any backend: every table, ids kept, in one transaction. */
#ifndef DUBAN_STORE_STORE_COPY_H
#define DUBAN_STORE_STORE_COPY_H

/*
 * Part of the store interface (store/store.h's rules apply).  store_copy()
 * moves every row of `from` into `to`, which must be an empty duban
 * database at the same schema level (freshly opened: store_open creates
 * and migrates it).  A database with any row (but audit_head's initial
 * one) is refused with ERR_CONFLICT: a copy never merges into or
 * overwrites an installation.
 *
 * `from` is read in one read-only snapshot (SQLite: a read transaction;
 * PostgreSQL: REPEATABLE READ), so servers may keep writing to it; `to` is
 * written in one write transaction (store_begin), table by table in
 * dependency order (the list in store_copy.c), with every id kept.  Id
 * sequences are then set on `to` so that new rows never reuse an id the
 * source ever gave (as far as the target backend can record it).  Before
 * committing, rows are counted per table on both sides (a difference is
 * ERR_STORE) and `check` (if not NULL) runs with both stores readable:
 * the source inside its snapshot, the target inside the copy's
 * transaction (only store_audit_head/store_audit_page may be called on
 * them, as audit_verify does); it fails the copy by returning -1.
 *
 * Every table of both databases must be in the copy's list; a table the
 * list does not know (a migration added it without registering it in
 * store_copy.c) is ERR_INTERNAL naming it, so nothing is left behind
 * silently.
 */

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

#define STORE_COPY_MAX_TABLES 64

struct store_copy_count {
	const char *table;	/* static */
	int64_t from, to;	/* rows on each side (for store_table_counts: `from` only) */
};

struct store_copy_result {
	struct store_copy_count v[STORE_COPY_MAX_TABLES];
	size_t n;		/* tables, in copy order */
	int64_t rows;		/* rows copied, all tables */
};

typedef int (*store_copy_check_fn)(void *ctx, struct store *from, struct store *to,
				   struct err *e);

int store_copy(struct store *from, struct store *to, store_copy_check_fn check, void *ctx,
	       struct store_copy_result *out, struct err *e);

/* Rows per table of `st` (in copy order, into out->v[i].from). */
int store_table_counts(struct store *st, struct store_copy_result *out, struct err *e);

/* "sqlite" or "postgres": the backend behind `st`. */
const char *store_backend_name(const struct store *st);

#endif
