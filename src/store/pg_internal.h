/* What the PostgreSQL backend's files share: the connection struct, statements, parameters, errors. */
#ifndef DUBAN_STORE_PG_INTERNAL_H
#define DUBAN_STORE_PG_INTERNAL_H

/*
 * Private to src/store/.  The PostgreSQL backend is split by subject like
 * the SQLite one (store_pg.c: connection, migrations, transactions, plans
 * and tasks; store_pg_<subject>.c for the rest).  Each file keeps its SQL as
 * `static const char NAME[]` strings with $1.. parameters; pg_run() prepares
 * a string once per connection under a generated name (cached by the
 * string's address, like sq_stmt) and executes it.  Results are in text
 * format; pg_col_*() read them.
 *
 * Parameters are collected in a struct pg_params, positionally: the n-th
 * pg_p_*() call is $n.  Text parameters point at the caller's strings (they
 * must outlive the pg_run call); numbers and dates are formatted into the
 * struct itself.
 *
 * Transactions (store.h): store_begin() opens a READ COMMITTED transaction
 * and takes one transaction-scoped advisory lock (PG_WRITE_LOCK), so writers
 * run one at a time across every connection and server instance, as in
 * SQLite (BEGIN IMMEDIATE): a use case's reads inside its transaction see
 * every earlier commit, and its checks hold until it commits.  Readers never
 * wait.  Reads that need several queries to agree run in a REPEATABLE READ
 * READ ONLY transaction of their own (pg_read_begin/pg_read_end) unless a
 * transaction is open.
 *
 * Errors (pg_run_map): unique violation (23505) -> ERR_CONFLICT, foreign key
 * violation (23503) -> ERR_NOT_FOUND when the caller gives messages;
 * serialization failure and deadlock (40001, 40P01) -> ERR_CONFLICT ("请重试");
 * a lost connection -> ERR_STORE naming host and database, never the
 * password; anything else ERR_STORE with the server's message.
 */

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>

#include "domain/period.h"
#include "store/store_impl.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/err.h"
#include "util/strbuf.h"
#include "util/strmap.h"

#define PG_STMT_CACHE 256	/* distinct statements per connection, at most */
#define PG_MAXPARAMS 32

/* What every connection sets first (and again after a reconnect). */
#define PG_SESSION_SETUP "SET lock_timeout = '30s'"

/* Advisory lock keys (pg_advisory_*lock): 'duba' and a small number. */
#define PG_WRITE_LOCK "1685418593001"
#define PG_MIGRATE_LOCK "1685418593002"

struct pg_cached {
	const char *sql;	/* the key: a static string's address */
	char name[12];		/* the prepared statement's name: "d1", "d2"... */
};

struct pg_store {
	struct store base;
	PGconn *conn;
	char *where;		/* "postgres://user@host:port/db", no password: for messages */
	struct pg_cached cache[PG_STMT_CACHE];	/* open addressing by address */
	size_t ncached;
	unsigned next_name;
	char state[6];		/* SQLSTATE of the last failed statement ("" after success) */
	bool in_read;		/* a read transaction of pg_read_begin or a copy snapshot */
	bool snapshot;		/* the read transaction is a copy's snapshot (store_copy.h) */
	/* Unit name -> id, valid within one transaction (rollback voids ids). */
	struct strmap units;
	bool units_loaded;
	/* COPY FROM STDIN in progress (store_pg_copy.c) */
	struct strbuf copybuf;
};

static inline struct pg_store *pg_of(struct store *st)
{
	return (struct pg_store *)st;
}

struct pg_params {
	int n;
	const char *v[PG_MAXPARAMS];
	int len[PG_MAXPARAMS];
	int fmt[PG_MAXPARAMS];
	char buf[PG_MAXPARAMS][40];
};

void pg_p_init(struct pg_params *p);
void pg_p_null(struct pg_params *p);
void pg_p_int(struct pg_params *p, int64_t v);
void pg_p_id0(struct pg_params *p, int64_t v);	/* 0 -> NULL */
void pg_p_real(struct pg_params *p, double v);	/* exact: %.17g */
void pg_p_text(struct pg_params *p, const char *v);	/* NULL -> NULL */
void pg_p_text0(struct pg_params *p, const char *v);	/* NULL -> "" */
void pg_p_date(struct pg_params *p, struct date d);	/* unset -> NULL */
void pg_p_bytea(struct pg_params *p, const void *data, size_t len);	/* binary */

/* An ERR_STORE naming the database, what was being done and the server's message. */
int pg_fail(struct pg_store *ps, const PGresult *r, const char *what, struct err *e);

/*
 * Run static `sql` with `p` (NULL: no parameters), prepared once per
 * connection.  Returns the result (PQclear it) or NULL with `e` set.
 */
PGresult *pg_run(struct pg_store *ps, const char *sql, const struct pg_params *p,
		 const char *what, struct err *e);
/* The same, mapping a unique violation to ERR_CONFLICT `conflict` and a foreign key
 * violation to ERR_NOT_FOUND `missing` (each when not NULL). */
PGresult *pg_run_map(struct pg_store *ps, const char *sql, const struct pg_params *p,
		     const char *what, const char *conflict, const char *missing, struct err *e);
/* pg_run_map for a statement whose result is not needed; *changed (if not NULL) gets
 * the number of rows it changed. */
int pg_cmd(struct pg_store *ps, const char *sql, const struct pg_params *p, const char *what,
	   const char *conflict, const char *missing, int64_t *changed, struct err *e);
/* Run SQL text once, unprepared (DDL, transaction control, dynamic SQL). */
int pg_exec(struct pg_store *ps, const char *sql, const char *what, struct err *e);
/* Run dynamic SQL once with parameters, unprepared; result or NULL. */
PGresult *pg_exec_params(struct pg_store *ps, const char *sql, const struct pg_params *p,
			 const char *what, struct err *e);
/* The single integer a query answers (count(*)...). */
int pg_query_int(struct pg_store *ps, const char *sql, const struct pg_params *p,
		 int64_t *out, const char *what, struct err *e);

/*
 * Run n (at most PG_BATCH_MAX) static statements in one round trip (libpq's
 * pipeline mode), inside a REPEATABLE READ READ ONLY transaction of their
 * own unless a transaction is open: they see one state.  out[i] receives
 * statement i's result (PQclear each); on failure none is kept and `e`
 * names the first statement that failed.
 */
#define PG_BATCH_MAX 8
int pg_run_batch(struct pg_store *ps, size_t n, const char *const sqls[],
		 const struct pg_params *const params[], PGresult *out[], const char *what,
		 struct err *e);

/* Forget every prepared statement name (after the session lost them). */
void pg_cache_clear(struct pg_store *ps);

/* A consistent read of several queries outside a transaction (see above). */
int pg_read_begin(struct pg_store *ps, bool *own, struct err *e);
void pg_read_end(struct pg_store *ps, bool own);

bool pg_col_null(const PGresult *r, int row, int col);
int64_t pg_col_int(const PGresult *r, int row, int col);	/* NULL -> 0 */
double pg_col_real(const PGresult *r, int row, int col);	/* NULL -> 0 */
const char *pg_col_text(const PGresult *r, int row, int col);	/* NULL stays NULL; not copied */
const char *pg_col_dup(const PGresult *r, int row, int col, struct arena *a);	/* NULL stays NULL */
const char *pg_col_dup0(const PGresult *r, int row, int col, struct arena *a);	/* NULL -> "" */
/* An ISO date column (NULL -> no date); a malformed one is ERR_STORE naming `what`. */
int pg_col_date(struct pg_store *ps, const PGresult *r, int row, int col, struct date *out,
		const char *what, struct err *e);
/* ERR_STORE: the database holds what duban never writes. */
int pg_bad_content(struct pg_store *ps, const char *what, const char *value, struct err *e);
/* A period column ("2022-06", "2022-Q2"); a malformed one is ERR_STORE. */
int pg_col_period(struct pg_store *ps, const PGresult *r, int row, int col, struct period *out,
		  struct err *e);
/* pg_run with the single parameter $1 = id. */
PGresult *pg_run_id(struct pg_store *ps, const char *sql, int64_t id, const char *what,
		    struct err *e);

/* Rewrite SQLite parameter marks ?N to $N (for SQL shared with the SQLite backend). */
char *pg_params_from_sqlite(const char *sql);

/* Appending one value to COPY text format: escaped text, or \N. */
void pg_copy_text(struct strbuf *sb, const char *s);
/* Send a COPY ... FROM STDIN with the rows in `data` (text format, one line per row). */
int pg_copy_in(struct pg_store *ps, const char *copy_sql, const struct strbuf *data,
	       const char *what, struct err *e);

/* The time of record as SQL: statement time, UTC, "YYYY-MM-DDTHH:MM:SSZ" / "...SS.mmmZ". */
#define PG_NOW_S                                                                  \
	"to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
#define PG_NOW_MS                                                                 \
	"to_char(statement_timestamp() AT TIME ZONE 'UTC'," \
	" 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"

/* store_pg_directory.c */
int pg_directory_load(struct store *st, struct directory *d, struct err *e);
int pg_org_refs(struct store *st, struct store_org_refs *out, struct err *e);
int pg_directory_save(struct store *st, const struct directory *d, struct err *e);
int pg_task_refs(struct store *st, int64_t plan_id, struct store_task_ref **out, size_t *n,
		 struct err *e);
int pg_assignments_list(struct store *st, const struct store_assignment_filter *f,
			struct store_assignment_list *out, struct err *e);
int pg_assignments_insert(struct store *st, struct assignment *v, size_t n, struct err *e);
int pg_assignment_update(struct store *st, const struct assignment *a, struct err *e);
int pg_assignment_retire(struct store *st, int64_t id, struct err *e);

/* store_pg_reports.c */
extern const struct store_report_ops pg_report_ops;

/* store_pg_supervision.c: actions, forms, 问责, dismissals, rules, appeals, bulletins */
extern const struct store_supervision_ops pg_supervision_ops;

/* store_pg_auth.c */
int pg_user_list(struct store *st, struct store_user_list *out, struct err *e);
int pg_user_get(struct store *st, int64_t id, const char *login, struct arena *a,
		struct store_user *u, bool *found, struct err *e);
int pg_user_insert(struct store *st, const struct store_user *u, int64_t *id, struct err *e);
int pg_user_update(struct store *st, const struct store_user *u, int64_t expect_version,
		   struct err *e);
int pg_session_insert(struct store *st, const struct store_session *s, struct err *e);
int pg_session_get(struct store *st, const char *token_hash, struct arena *a,
		   struct store_session *s, bool *found, struct err *e);
int pg_session_extend(struct store *st, const char *token_hash, int64_t expires_at,
		      struct err *e);
int pg_session_delete(struct store *st, const char *token_hash, struct err *e);
int pg_sessions_delete_user(struct store *st, int64_t user_id, const char *keep, int64_t now,
			    struct err *e);
int pg_login_failures_count(struct store *st, const char *login, const char *address,
			    int64_t since, struct store_login_failures *out, struct err *e);
int pg_login_failure_add(struct store *st, const char *login, const char *address, int64_t at,
			 int64_t forget, struct err *e);
int pg_login_failures_clear(struct store *st, const char *login, struct err *e);

/* store_pg_audit.c */
int pg_audit_head(struct store *st, int64_t *seq, char hash[65], struct err *e);
int pg_audit_append(struct store *st, const struct store_audit_entry *a, struct err *e);
int pg_audit_page(struct store *st, int64_t after_seq, const char *since, size_t limit,
		  struct store_audit_list *out, struct err *e);
int pg_now(struct store *st, char buf[STORE_TIME_LEN], struct err *e);

/* store_pg_copy.c: whole-database copies (store_copy.h) and backup into an SQLite file. */
extern const struct store_copy_ops pg_copy_ops;
int pg_backup(struct store *st, const char *path, struct err *e);

#endif
