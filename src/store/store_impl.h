/* What a store backend implements: the function table behind store.h. */
#ifndef DUBAN_STORE_STORE_IMPL_H
#define DUBAN_STORE_STORE_IMPL_H

/*
 * Private to src/store/.  A backend embeds struct store as the first member
 * of its own struct, fills `ops` and returns it from its open function.
 * store.c checks the transaction rules (begin/commit pairing, writes only
 * inside a transaction) before calling the backend, so backends may assume
 * them.  Every entry is required.
 */

#include "store/store.h"

struct store_report_ops;
struct store_supervision_ops;
struct store_copy_ops;

struct store_ops {
	const char *name;	/* "sqlite" */
	void (*close)(struct store *st);
	int (*schema_version)(struct store *st, int *out, struct err *e);
	int (*begin)(struct store *st, struct err *e);
	int (*commit)(struct store *st, struct err *e);
	void (*rollback)(struct store *st);
	/*
	 * Savepoints for group commit (store_batch_begin): optional, NULL when
	 * the backend has none.  savepoint fails when the outer transaction is
	 * no longer open; rollback_to also releases the savepoint.
	 */
	int (*savepoint)(struct store *st, struct err *e);
	int (*release)(struct store *st, struct err *e);
	void (*rollback_to)(struct store *st);
	/* store_generation, and raising it by one inside the open transaction */
	int (*generation)(struct store *st, int64_t *out, struct err *e);
	int (*generation_bump)(struct store *st, struct err *e);
	/* store_cache_limit: optional, NULL when the backend has no page cache of its own. */
	int (*cache_limit)(struct store *st, size_t kib, struct err *e);

	int (*plan_list)(struct store *st, struct store_plan_list *out, struct err *e);
	int (*plan_find_sha)(struct store *st, const char *sha256, struct arena *a,
			     struct store_plan_row *row, bool *found, struct err *e);
	int (*plan_find_doc_no)(struct store *st, const char *issuer, const char *doc_no,
				struct arena *a, struct store_plan_row *row, bool *found,
				struct err *e);
	int (*plan_insert)(struct store *st, const struct plan *p,
			   const struct store_plan_source *src, int64_t *id, struct err *e);
	int (*plan_update)(struct store *st, int64_t id, const struct plan *p,
			   const struct store_plan_source *src, struct err *e);
	int (*plan_dependents)(struct store *st, int64_t id, size_t *count,
			       struct strbuf *what, struct err *e);
	int (*tasks_delete)(struct store *st, int64_t plan_id, struct err *e);
	int (*tasks_insert)(struct store *st, int64_t plan_id, const struct task *tasks,
			    size_t n, struct err *e);
	int (*plan_load)(struct store *st, int64_t id, struct plan_doc *doc, struct err *e);
	int (*unit_stats)(struct store *st, int64_t plan_id, struct store_unit_stats *out,
			  struct err *e);
	int (*directory_load)(struct store *st, struct directory *d, struct err *e);
	int (*org_refs)(struct store *st, struct store_org_refs *out, struct err *e);
	int (*directory_save)(struct store *st, const struct directory *d, struct err *e);
	int (*task_refs)(struct store *st, int64_t plan_id, struct store_task_ref **out,
			 size_t *n, struct err *e);
	int (*assignments_list)(struct store *st, const struct store_assignment_filter *f,
				struct store_assignment_list *out, struct err *e);
	int (*assignments_insert)(struct store *st, struct assignment *v, size_t n,
				  struct err *e);
	int (*assignment_update)(struct store *st, const struct assignment *a, struct err *e);
	int (*assignment_retire)(struct store *st, int64_t id, struct err *e);
	/* reporting: a table of its own (store/store_reports_impl.h) */
	const struct store_report_ops *reports;
	/* supervision, assessment, bulletins: a table of its own (store/store_supervision_impl.h) */
	const struct store_supervision_ops *supervision;
	/* accounts, sessions, login failures, audit, backup */
	int (*user_list)(struct store *st, struct store_user_list *out, struct err *e);
	int (*user_get)(struct store *st, int64_t id, const char *login, struct arena *a,
			struct store_user *u, bool *found, struct err *e);
	int (*user_insert)(struct store *st, const struct store_user *u, int64_t *id,
			   struct err *e);
	int (*user_update)(struct store *st, const struct store_user *u, int64_t expect_version,
			   struct err *e);
	int (*session_insert)(struct store *st, const struct store_session *s, struct err *e);
	int (*session_get)(struct store *st, const char *token_hash, struct arena *a,
			   struct store_session *s, bool *found, struct err *e);
	int (*session_extend)(struct store *st, const char *token_hash, int64_t expires_at,
			      struct err *e);
	int (*session_delete)(struct store *st, const char *token_hash, struct err *e);
	int (*sessions_delete_user)(struct store *st, int64_t user_id, const char *keep,
				    int64_t now, struct err *e);
	int (*login_failures_count)(struct store *st, const char *login, const char *address,
				    int64_t since, struct store_login_failures *out,
				    struct err *e);
	int (*login_failure_add)(struct store *st, const char *login, const char *address,
				 int64_t at, int64_t forget, struct err *e);
	int (*login_failures_clear)(struct store *st, const char *login, struct err *e);
	int (*audit_head)(struct store *st, int64_t *seq, char hash[65], struct err *e);
	int (*audit_append)(struct store *st, const struct store_audit_entry *a, struct err *e);
	int (*audit_page)(struct store *st, int64_t after_seq, const char *since, size_t limit,
			  struct store_audit_list *out, struct err *e);
	int (*now)(struct store *st, char buf[STORE_TIME_LEN], struct err *e);
	int (*backup)(struct store *st, const char *path, struct err *e);
	/* whole-database copies: a table of its own (store/store_copy_impl.h) */
	const struct store_copy_ops *copy;
};

struct store {
	const struct store_ops *ops;
	bool in_tx;	/* maintained by store.c */
	bool in_batch;	/* store_batch_begin(): transactions are savepoints (store.c) */
};

/* Backends' open functions; `path` is the URL with its scheme removed. */
int store_sqlite_open(const char *path, struct store **out, struct err *e);
/* PostgreSQL takes the whole URL (postgres://... or postgresql://...), as libpq does. */
int store_pg_open(const char *url, struct store **out, struct err *e);

#endif
