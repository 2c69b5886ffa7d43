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

#include "domain/period.h"
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
	sqlite3_stmt *copy_stmt;	/* store_sqlite_copy.c: the table being written */
	size_t nbatch;
	/* Unit name -> id, valid within one transaction (rollback voids ids). */
	struct strmap units;
	bool units_loaded;
	/* Created by this open: in rollback-journal mode until its first commit (store_sqlite.c). */
	bool fresh;
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
/* The database clock as stored in recorded_at columns, to the millisecond (SQL text). */
#define SQ_NOW_MS "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

/* ERR_STORE "数据库内容有误：what“value”" naming the file. */
int sq_bad_content(struct sqlite_store *ss, const char *what, const char *value, struct err *e);

/*
 * Step a write and reset it.  A broken uniqueness is ERR_CONFLICT with
 * `conflict`; a broken reference ERR_NOT_FOUND with `missing` (either NULL:
 * ERR_STORE like anything else).
 */
int sq_step_write(struct sqlite_store *ss, sqlite3_stmt *s, const char *what,
		  const char *conflict, const char *missing, struct err *e);

void sq_bind_id0(sqlite3_stmt *s, int i, int64_t id);	/* 0 -> NULL */

static inline const char *sq_col_text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* A period column ("2022-06", "2022-Q2"); a malformed one is ERR_STORE. */
int sq_col_period(struct sqlite_store *ss, sqlite3_stmt *s, int i, struct period *out,
		  struct err *e);

/* Read an ISO date column (NULL -> no date); a malformed one is ERR_STORE. */
int sq_col_date(struct sqlite_store *ss, sqlite3_stmt *s, int i, struct date *out,
		const char *what, struct err *e);

/* store_sqlite_directory.c: the directory and assignments (store_ops entries). */
int sqlite_directory_load(struct store *st, struct directory *d, struct err *e);
int sqlite_org_refs(struct store *st, struct store_org_refs *out, struct err *e);
int sqlite_directory_save(struct store *st, const struct directory *d, struct err *e);
int sqlite_task_refs(struct store *st, int64_t plan_id, struct store_task_ref **out, size_t *n,
		     struct err *e);
int sqlite_assignments_list(struct store *st, const struct store_assignment_filter *f,
			    struct store_assignment_list *out, struct err *e);
int sqlite_assignments_insert(struct store *st, struct assignment *v, size_t n, struct err *e);
int sqlite_assignment_update(struct store *st, const struct assignment *a, struct err *e);
int sqlite_assignment_retire(struct store *st, int64_t id, struct err *e);

/* store_sqlite_reports.c: calendars and reporting (store_reports_impl.h). */
extern const struct store_report_ops sqlite_report_ops;

/* store_sqlite_supervision.c: actions, forms, 问责, appeals, bulletins (store_supervision_impl.h). */
extern const struct store_supervision_ops sqlite_supervision_ops;

/* store_sqlite_auth.c: accounts, sessions, login failures (store_ops entries). */
int sqlite_user_list(struct store *st, struct store_user_list *out, struct err *e);
int sqlite_user_get(struct store *st, int64_t id, const char *login, struct arena *a,
		    struct store_user *u, bool *found, struct err *e);
int sqlite_user_insert(struct store *st, const struct store_user *u, int64_t *id,
		       struct err *e);
int sqlite_user_update(struct store *st, const struct store_user *u, int64_t expect_version,
		       struct err *e);
int sqlite_session_insert(struct store *st, const struct store_session *s, struct err *e);
int sqlite_session_get(struct store *st, const char *token_hash, struct arena *a,
		       struct store_session *s, bool *found, struct err *e);
int sqlite_session_extend(struct store *st, const char *token_hash, int64_t expires_at,
			  struct err *e);
int sqlite_session_delete(struct store *st, const char *token_hash, struct err *e);
int sqlite_sessions_delete_user(struct store *st, int64_t user_id, const char *keep,
				int64_t now, struct err *e);
int sqlite_login_failures_count(struct store *st, const char *login, const char *address,
				int64_t since, struct store_login_failures *out, struct err *e);
int sqlite_login_failure_add(struct store *st, const char *login, const char *address,
			     int64_t at, int64_t forget, struct err *e);
int sqlite_login_failures_clear(struct store *st, const char *login, struct err *e);

/* store_sqlite_audit.c: the audit log and the database clock. */
int sqlite_audit_head(struct store *st, int64_t *seq, char hash[65], struct err *e);
int sqlite_audit_append(struct store *st, const struct store_audit_entry *a, struct err *e);
int sqlite_audit_page(struct store *st, int64_t after_seq, const char *since, size_t limit,
		      struct store_audit_list *out, struct err *e);
int sqlite_now(struct store *st, char buf[STORE_TIME_LEN], struct err *e);

/* store_sqlite_backup.c: online backup. */
int sqlite_backup(struct store *st, const char *path, struct err *e);

/* store_sqlite_copy.c: whole-database copies (store_copy.h). */
extern const struct store_copy_ops sqlite_copy_ops;

#endif
