/* What the SQLite backend's files share: the connection struct and statement helpers. */
#ifndef DUBAN_STORE_SQLITE_INTERNAL_H
#define DUBAN_STORE_SQLITE_INTERNAL_H

/*
 * Private to src/store/.  The SQLite backend is split by subject, one file
 * each (store_sqlite.c: connection, migrations, transactions, plans and
 * tasks; further files for the directory, reports, accounts...).  Each file
 * keeps its SQL as `static const char NAME[]` strings and gets prepared
 * statements with sq_stmt(), which caches them by the string's address for
 * the life of the connection: a statement is prepared once.
 *
 * Statements from sq_stmt() are reset (sq_done) by the caller after use.
 * Text bound with sq_bind_text() is SQLITE_STATIC: the caller's buffer must
 * outlive the step (it always does: binds and steps happen in one call).
 */

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store_impl.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/err.h"
#include "util/strmap.h"

#define SQLITE_STMT_CACHE 256	/* distinct statements per connection, at most */

struct sq_cached {
	const char *sql;	/* the key: a static string's address */
	sqlite3_stmt *stmt;
};

struct sqlite_store {
	struct store base;
	sqlite3 *db;
	char *path;
	struct sq_cached cache[SQLITE_STMT_CACHE];	/* open addressing by address */
	size_t ncached;
	sqlite3_stmt **batch;	/* store_sqlite.c's multi-row inserts */
	size_t nbatch;
	/* Unit name -> id, valid within one transaction (rollback voids ids). */
	struct strmap units;
	bool units_loaded;
};

static inline struct sqlite_store *sq_of(struct store *st)
{
	return (struct sqlite_store *)st;
}

/* An ERR_STORE naming the file, what was being done and SQLite's message. */
int sq_fail(struct sqlite_store *ss, const char *what, struct err *e);

/* The cached prepared statement for `sql` (a static string), or NULL with e set. */
sqlite3_stmt *sq_stmt(struct sqlite_store *ss, const char *sql, struct err *e);
/* Reset every cached statement (after a rollback). */
void sq_reset_all(struct sqlite_store *ss);
/* Finalize every cached statement (on close). */
void sq_finalize_all(struct sqlite_store *ss);

/* Reset and clear a statement for its next use. */
void sq_done(sqlite3_stmt *s);

/* Run SQL without results; `what` names the action in the error. */
int sq_exec(struct sqlite_store *ss, const char *sql, const char *what, struct err *e);
/* Step a statement that returns no rows (INSERT/UPDATE/DELETE) and reset it. */
int sq_step_done(struct sqlite_store *ss, sqlite3_stmt *s, const char *what, struct err *e);
/* The single integer a query answers (count, pragma). */
int sq_query_int(struct sqlite_store *ss, const char *sql, int64_t *out, struct err *e);

void sq_bind_text(sqlite3_stmt *s, int i, const char *v);	/* NULL -> NULL */
void sq_bind_text0(sqlite3_stmt *s, int i, const char *v);	/* NULL -> "" */
/* Bind an ISO date, or NULL when unset; buf must outlive the step. */
void sq_bind_date(sqlite3_stmt *s, int i, struct date d, char buf[DATE_ISO_LEN]);

const char *sq_col_dup(sqlite3_stmt *s, int i, struct arena *a);	/* NULL stays NULL */
const char *sq_col_dup0(sqlite3_stmt *s, int i, struct arena *a);	/* NULL -> "" */
/* Read an ISO date column (NULL -> no date); a malformed one is ERR_STORE. */
int sq_col_date(struct sqlite_store *ss, sqlite3_stmt *s, int i, struct date *out,
		const char *what, struct err *e);

#endif
