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

struct store_ops {
	const char *name;	/* "sqlite" */
	void (*close)(struct store *st);
	int (*schema_version)(struct store *st, int *out, struct err *e);
	int (*begin)(struct store *st, struct err *e);
	int (*commit)(struct store *st, struct err *e);
	void (*rollback)(struct store *st);

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
};

struct store {
	const struct store_ops *ops;
	bool in_tx;	/* maintained by store.c */
};

/* Backends' open functions; `path` is the URL with its scheme removed. */
int store_sqlite_open(const char *path, struct store **out, struct err *e);

#endif
