/* What a store backend implements for reporting: the function table behind store_reports.h. */
#ifndef DUBAN_STORE_STORE_REPORTS_IMPL_H
#define DUBAN_STORE_STORE_REPORTS_IMPL_H

/*
 * Private to src/store/.  struct store_ops (store_impl.h) points at one of
 * these; store_reports.c checks the transaction rules and dispatches.
 * Every entry is required.
 */

#include "store/store_impl.h"
#include "store/store_reports.h"

struct store_report_ops {
	int (*calendar_get)(struct store *st, int64_t plan_id, struct calendar *out, bool *found,
			    struct err *e);
	int (*calendar_set)(struct store *st, int64_t plan_id, const struct calendar *cal,
			    struct err *e);
	int (*assignment_ctx_get)(struct store *st, int64_t id, struct store_assignment_ctx *out,
				  bool *found, struct err *e);
	int (*reporting_load)(struct store *st, int64_t assignment_id, struct store_reporting *out,
			      struct err *e);
	int (*reporting_load_recent)(struct store *st, int64_t assignment_id, struct date day,
				     size_t nperiods, struct store_reporting *out, struct err *e);
	int (*report_version_get)(struct store *st, int64_t assignment_id, struct period period,
				  int version, struct arena *a, struct store_report *out,
				  bool *found, struct err *e);
	int (*report_get)(struct store *st, int64_t id, struct arena *a, struct store_report *out,
			  bool *found, struct err *e);
	int (*extension_get)(struct store *st, int64_t id, struct arena *a,
			     struct store_extension *out, bool *found, struct err *e);
	int (*facts_load)(struct store *st, int64_t plan_id, struct store_facts *out, struct err *e);
	int (*signoff_insert)(struct store *st, const struct store_signoff *s, struct err *e);
	int (*dispute_insert)(struct store *st, struct store_dispute *d, struct err *e);
	int (*dispute_decide)(struct store *st, const struct store_dispute *d, struct err *e);
	int (*report_insert)(struct store *st, struct store_report *r, struct err *e);
	int (*attachment_put)(struct store *st, const struct store_attachment *a, bool *added,
			      struct err *e);
	int (*attachment_get)(struct store *st, const char *sha256, struct arena *a,
			      struct store_attachment *out, bool *found, struct err *e);
	int (*review_insert)(struct store *st, const struct store_review *r, struct err *e);
	int (*extension_insert)(struct store *st, struct store_extension *x, struct err *e);
	int (*extension_decide)(struct store *st, const struct store_extension *x, struct err *e);
	int (*verification_insert)(struct store *st, const struct store_verification *v,
				   struct err *e);
	int (*reassignments)(struct store *st, int64_t plan_id, int64_t **from, int64_t **to,
			     size_t *n, struct err *e);
	int (*reporting_counts)(struct store *st, int64_t plan_id, enum cadence cadence,
				struct store_reporting_counts *out, struct err *e);
};

#endif
