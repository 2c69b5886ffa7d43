/* What a store backend implements for whole-database copies: generic table reads and writes. */
#ifndef DUBAN_STORE_STORE_COPY_IMPL_H
#define DUBAN_STORE_STORE_COPY_IMPL_H

/*
 * Private to src/store/.  struct store_ops (store_impl.h) points at one of
 * these; store_copy.c drives them (see store_copy.h for the contract).
 * Table and column names come from the copy's static list and from the
 * database's own catalogue, and are quoted by the backend.  Every entry is
 * required.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store_impl.h"
#include "util/arena.h"

enum store_cell_kind {
	STORE_CELL_NULL,
	STORE_CELL_INT,
	STORE_CELL_REAL,
	STORE_CELL_TEXT,
	STORE_CELL_BLOB
};

/* One value of a row; p/len valid during the row callback only. */
struct store_cell {
	enum store_cell_kind kind;
	int64_t i;
	double d;
	const void *p;		/* TEXT (not NUL-terminated: len bytes) or BLOB */
	size_t len;
};

typedef int (*store_row_fn)(void *ctx, const struct store_cell *cells, size_t n, struct err *e);

struct store_copy_ops {
	/* Open / close a read-only transaction over one consistent state (the source's). */
	int (*snapshot_begin)(struct store *st, struct err *e);
	void (*snapshot_end)(struct store *st);
	/* The database's tables, the backend's own bookkeeping excluded; names into `a`. */
	int (*tables)(struct store *st, struct arena *a, const char ***names, size_t *n,
		      struct err *e);
	/* The columns of `table`, in their order; names into `a`. */
	int (*columns)(struct store *st, const char *table, struct arena *a, const char ***cols,
		       size_t *n, struct err *e);
	int (*count)(struct store *st, const char *table, int64_t *n, struct err *e);
	/* Every row of `table` (columns `cols`), ordered by `order` (column names). */
	int (*read)(struct store *st, const char *table, const char *const *cols, size_t ncols,
		    const char *order, store_row_fn row, void *ctx, struct err *e);
	/* Inside the target's write transaction, before the first table. */
	int (*write_prepare)(struct store *st, struct err *e);
	/* Delete every row of `table` (one that migrations fill: audit_head). */
	int (*clear)(struct store *st, const char *table, struct err *e);
	int (*write_begin)(struct store *st, const char *table, const char *const *cols,
			   size_t ncols, struct err *e);
	int (*write_row)(struct store *st, const struct store_cell *cells, size_t n,
			 struct err *e);
	/* Finish the table; with e NULL, abandon it (the read failed; a rollback follows). */
	int (*write_end)(struct store *st, struct err *e);
	/* The highest id `table` ever gave (0 when none), and setting it on a target. */
	int (*id_high)(struct store *st, const char *table, int64_t *high, struct err *e);
	int (*id_set)(struct store *st, const char *table, int64_t high, struct err *e);
};

#endif
