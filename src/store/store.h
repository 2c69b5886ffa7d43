/* The store interface: everything duban keeps, behind one API for every backend. */
#ifndef DUBAN_STORE_STORE_H
#define DUBAN_STORE_STORE_H

/*
 * This header is the store's whole contract.  It speaks in domain structs
 * (domain/plan.h); no SQL leaves src/store/.  A backend is chosen by the URL
 * given to store_open():
 *   "PATH" or "sqlite:PATH"   an SQLite file (created if missing)
 *   "postgres://..."          PostgreSQL (also "postgresql://..."; libpq's URL: user,
 *                             password, host, port, database, ?options), created
 *                             and migrated like SQLite; several server instances
 *                             may share one database (store_pg.c, pg_internal.h)
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

#include "domain/account.h"
#include "domain/directory.h"
#include "domain/plan.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/err.h"
#include "util/strbuf.h"

/* The schema level this duban writes and understands. */
#define STORE_SCHEMA_VERSION 11

struct store;

int store_open(const char *url, struct store **out, struct err *e);
void store_close(struct store *st);	/* NULL is allowed; rolls back an open transaction */

/* The schema level of the open database (after migrations: STORE_SCHEMA_VERSION). */
int store_schema_version(struct store *st, int *out, struct err *e);

/*
 * The data generation: a number that grows with every committed write of
 * any process on this database (store_commit outside a batch, and
 * store_batch_commit, raise it inside the transaction they commit).  Two
 * equal readings mean nothing was committed in between, so whatever was
 * read after the first may be reused until a reading differs (the server's
 * response cache, http/cache.h).  Read outside a transaction it is the
 * latest committed value.
 */
int store_generation(struct store *st, int64_t *out, struct err *e);

int store_begin(struct store *st, struct err *e);
int store_commit(struct store *st, struct err *e);
void store_rollback(struct store *st);	/* a no-op outside a transaction */

/*
 * Group commit: several use cases in one transaction with one commit (one
 * fsync).  Between store_batch_begin() and store_batch_commit(), each
 * store_begin() / store_commit() / store_rollback() becomes a savepoint,
 * its release, or a rollback to it: a use case that fails undoes only its
 * own writes, and none is durable before store_batch_commit() returns 0.
 * If the database itself rolled the batch back (an I/O error), every
 * later store_begin() in it fails with ERR_STORE, and so does the commit.
 * store_batch_supported() is false for a backend without savepoints: run
 * the use cases one by one there.  Batches do not nest.
 */
/*
 * Cap the memory this connection keeps as its page cache at `kib` KiB (a
 * server holds several connections; each would otherwise cache up to the
 * backend's default, 64 MiB for SQLite).  A backend without such a cache
 * ignores it.
 */
int store_cache_limit(struct store *st, size_t kib, struct err *e);

bool store_batch_supported(const struct store *st);
int store_batch_begin(struct store *st, struct err *e);
int store_batch_commit(struct store *st, struct err *e);
void store_batch_rollback(struct store *st);	/* a no-op outside a batch */

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

/* ---- the organisation directory (schema level 2) ---- */

/*
 * The stored directory: the units (with aliases and parents) and groups
 * (with members) that the last directory import listed, in its order, with
 * their ids, added to `d` (directory_init'ed, empty).  An empty directory
 * means none was ever imported.
 */
int store_directory_load(struct store *st, struct directory *d, struct err *e);

/* Every unit and group row ever stored, listed or not (ids are never reused). */
struct store_org_ref {
	int64_t id;
	const char *name;
	bool group;	/* a group; else a unit */
	bool listed;	/* part of the current directory */
};

struct store_org_refs {
	struct arena arena;
	struct store_org_ref *v;
	size_t n;
	int64_t max_unit_id, max_group_id;	/* 0 when none */
};

void store_org_refs_init(struct store_org_refs *r);
void store_org_refs_release(struct store_org_refs *r);

int store_org_refs(struct store *st, struct store_org_refs *out, struct err *e);

/*
 * Make `d` the stored directory.  Its ids are final: a unit or group id
 * already stored is that row, updated (a row no longer listed comes back);
 * any other id is a new row.  Stored units and groups that `d` does not
 * hold stay, unlisted, for what points at them.  Inside a transaction.
 */
int store_directory_save(struct store *st, const struct directory *d, struct err *e);

/* ---- assignments (schema level 2) ---- */

/* A task's id and number. */
struct store_task_ref {
	int64_t id;
	int no;
};

/* Plan `plan_id`'s tasks by number; *out is malloc'd (free it), NULL when none. */
int store_task_refs(struct store *st, int64_t plan_id, struct store_task_ref **out, size_t *n,
		    struct err *e);

/* Which assignments to list; zero fields do not filter. */
struct store_assignment_filter {
	int64_t plan_id;
	int task_no;		/* with plan_id */
	int64_t unit_id;
	bool unverified;	/* only unit_id NULL */
	bool with_retired;	/* also the retired ones */
};

struct store_assignment_row {
	/*
	 * id, task_id, unit_id, via_group_id, role, position (0-based, as in
	 * directory.h), flags (ASSIGN_RETIRED only); unit_name is the unit's
	 * name, or for an unverified one the name as written; written is the
	 * task's entry as written.
	 */
	struct assignment a;
	int64_t plan_id;
	int task_no;
	const char *group_name;	/* the group it came through, or NULL */
	const char *created_at, *updated_at;	/* "YYYY-MM-DDTHH:MM:SSZ" */
};

/* Rows by plan, task number, position, the unit's directory order, id. */
struct store_assignment_list {
	struct arena arena;
	struct store_assignment_row *v;
	size_t n;
};

void store_assignment_list_init(struct store_assignment_list *l);
void store_assignment_list_release(struct store_assignment_list *l);

int store_assignments_list(struct store *st, const struct store_assignment_filter *f,
			   struct store_assignment_list *out, struct err *e);

/*
 * Insert v[0..n) (task_id, unit_id or 0, via_group_id or 0, role, position
 * 0-based, which must be an entry of the task's units) as active
 * assignments; their new ids go to v[i].id.  Inside a transaction.
 */
int store_assignments_insert(struct store *st, struct assignment *v, size_t n, struct err *e);

/* Rewrite assignment a->id from `a` (unit, group, role, position) and make it active. */
int store_assignment_update(struct store *st, const struct assignment *a, struct err *e);

/* Mark assignment `id` retired (never deleted).  Inside a transaction. */
int store_assignment_retire(struct store *st, int64_t id, struct err *e);

/* ---- reporting (schema levels 4-5): calendars, sign-for, reports... ---- */

/* Declared in store/store_reports.h (it needs domain/assignment.h). */

/* ---- accounts, sessions, login failures (src/store/store_sqlite_auth.c) ---- */

/*
 * A user of the HTTP interface (domain/account.h).  pw_hash is the argon2id
 * string (crypto_pwhash_str); it never leaves the service layer.  version
 * starts at 1 and grows by one with every update (the HTTP ETag).  unit_id
 * is the directory unit (org_units) of a liaison, else 0; unit_name its
 * name (NULL when 0).
 */
struct store_user {
	int64_t id;
	const char *login;
	const char *name;
	enum user_role role;
	int64_t unit_id;
	const char *unit_name;
	const char *pw_hash;
	bool disabled;
	int64_t version;
	const char *created_at, *updated_at;	/* "YYYY-MM-DDTHH:MM:SSZ", UTC */
};

/* Users by login; rows and strings live in `arena`. */
struct store_user_list {
	struct arena arena;
	struct store_user *v;
	size_t n;
};

void store_user_list_init(struct store_user_list *l);
void store_user_list_release(struct store_user_list *l);

int store_user_list(struct store *st, struct store_user_list *out, struct err *e);

/*
 * Find a user by id (when id > 0) or else by login; *found tells whether
 * there is one; strings go into `a`.
 */
int store_user_get(struct store *st, int64_t id, const char *login, struct arena *a,
		   struct store_user *u, bool *found, struct err *e);

/*
 * Insert user `u` (login, name, role, unit_id, pw_hash, disabled) with
 * version 1; its id goes to *id.  A login already taken is ERR_CONFLICT; a
 * unit_id that is not a directory unit is ERR_INPUT.  Inside a transaction.
 */
int store_user_insert(struct store *st, const struct store_user *u, int64_t *id,
		      struct err *e);

/*
 * Overwrite user u->id's name, role, unit_id, pw_hash and disabled, and
 * bump its version, if its version is still `expect_version`: a newer one
 * is ERR_CONFLICT naming both, no such user ERR_NOT_FOUND.  Inside a
 * transaction.
 */
int store_user_update(struct store *st, const struct store_user *u, int64_t expect_version,
		      struct err *e);

/*
 * A login session.  Only the SHA-256 of the session token is stored (hex),
 * so that a copy of the database opens no session; the CSRF token is stored
 * as issued (it is no credential on its own).  Times are Unix seconds.
 */
struct store_session {
	char token_hash[65];
	int64_t user_id;
	const char *csrf;
	int64_t created_at, expires_at;
	const char *address;
};

/* Inside a transaction. */
int store_session_insert(struct store *st, const struct store_session *s, struct err *e);
/* The session with this token hash, whatever its expiry; strings go into `a`. */
int store_session_get(struct store *st, const char *token_hash, struct arena *a,
		      struct store_session *s, bool *found, struct err *e);
/* Move a session's expiry.  Inside a transaction. */
int store_session_extend(struct store *st, const char *token_hash, int64_t expires_at,
			 struct err *e);
/* Delete one session (no such session is not an error).  Inside a transaction. */
int store_session_delete(struct store *st, const char *token_hash, struct err *e);
/*
 * Delete every session of `user_id` but the one whose hash is `keep` (NULL:
 * all), and every session that expired before `now`.  Inside a transaction.
 */
int store_sessions_delete_user(struct store *st, int64_t user_id, const char *keep,
			       int64_t now, struct err *e);

/* Failed logins in a time window, by login name and by client address. */
struct store_login_failures {
	size_t by_login, by_address;
	int64_t oldest_login, oldest_address;	/* Unix seconds; 0 when none */
};

/* Count failures at or after `since` (Unix seconds). */
int store_login_failures_count(struct store *st, const char *login, const char *address,
			       int64_t since, struct store_login_failures *out, struct err *e);
/*
 * Record a failed login at `at`, and forget every failure before `forget`
 * (so that the table holds one window).  Inside a transaction.
 */
int store_login_failure_add(struct store *st, const char *login, const char *address,
			    int64_t at, int64_t forget, struct err *e);
/* Forget the failures of `login` (after a successful login).  Inside a transaction. */
int store_login_failures_clear(struct store *st, const char *login, struct err *e);

/* ---- the audit log (src/store/store_sqlite_audit.c) ---- */

/*
 * One entry of the append-only audit log.  The chain rules (what `hash`
 * covers) belong to service/audit.h; the store keeps entries as given.
 * before_json / after_json are NULL when there is no before (a creation)
 * or after (a deletion).  The store also keeps the head: the seq and hash
 * of the last entry appended, so that deleting the last entries shows.
 */
struct store_audit_entry {
	int64_t seq;		/* 1, 2, 3...: its place in the chain */
	const char *at;		/* "YYYY-MM-DDTHH:MM:SS.mmmZ", UTC */
	const char *actor;	/* "user:admin", "cli:alice" */
	const char *action;	/* "plan.import", "user.add"... */
	const char *object;	/* "plan:1", "user:3" */
	const char *before_json;
	const char *after_json;
	char prev_hash[65];	/* hex; 64 zeros for the first entry */
	char hash[65];
	/*
	 * Read back only: a column holds what no append writes (a blob, a
	 * number, a NUL byte), so the entry was edited outside duban.
	 */
	bool malformed;
};

struct store_audit_list {
	struct arena arena;
	struct store_audit_entry *v;
	size_t n;
};

void store_audit_list_init(struct store_audit_list *l);
void store_audit_list_release(struct store_audit_list *l);

/* The head: seq 0 and 64 zeros while the log is empty. */
int store_audit_head(struct store *st, int64_t *seq, char hash[65], struct err *e);
/*
 * Append `a` and make it the head.  Its seq must be the head's plus one
 * (ERR_CONFLICT otherwise).  Inside a transaction.
 */
int store_audit_append(struct store *st, const struct store_audit_entry *a, struct err *e);
/*
 * Up to `limit` entries with seq > after_seq in seq order, appended to
 * `out`; with `since` (an ISO time, or NULL) only those at or after it.
 */
int store_audit_page(struct store *st, int64_t after_seq, const char *since, size_t limit,
		     struct store_audit_list *out, struct err *e);

/* The database's clock as "YYYY-MM-DDTHH:MM:SS.mmmZ" (UTC): the time of record. */
#define STORE_TIME_LEN 32
int store_now(struct store *st, char buf[STORE_TIME_LEN], struct err *e);

/* ---- backup (src/store/store_sqlite_backup.c) ---- */

/*
 * Write a consistent copy of the whole database to `path`, while other
 * connections keep reading and writing: the copy is made into a temporary
 * file in the same directory (SQLite's online backup, one read
 * transaction), synced, and renamed over `path`.  The copy is a complete
 * database that store_open() accepts.  Not inside a transaction.
 * On PostgreSQL the copy is an SQLite file made by store_copy()
 * (store/store_copy.h: one REPEATABLE READ snapshot, every row, ids kept).
 */
int store_backup(struct store *st, const char *path, struct err *e);

#endif
