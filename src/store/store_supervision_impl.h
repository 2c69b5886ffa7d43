/* What a store backend implements for supervision: the function table behind store_supervision.h. */
#ifndef DUBAN_STORE_STORE_SUPERVISION_IMPL_H
#define DUBAN_STORE_STORE_SUPERVISION_IMPL_H

/*
 * Private to src/store/.  struct store_ops (store_impl.h) points at one of
 * these; store_supervision.c checks the transaction rules and dispatches.
 * Every entry is required.
 */

#include "store/store_impl.h"
#include "store/store_supervision.h"

struct store_supervision_ops {
	int (*actions_list)(struct store *st, const struct store_action_filter *f,
			    struct store_action_list *out, struct err *e);
	int (*action_get)(struct store *st, int64_t id, struct arena *a, struct store_action *out,
			  bool *found, struct err *e);
	int (*form_number_next)(struct store *st, enum ladder_form_kind k, int year, int *seq,
				struct err *e);
	int (*action_insert)(struct store *st, struct store_action *a, struct err *e);
	int (*action_reply)(struct store *st, int64_t id, const char *reply, const char *by,
			    struct date on, bool sample, struct err *e);
	int (*action_close)(struct store *st, int64_t id, const char *by, struct date on,
			    const char *note, bool sample, struct err *e);
	int (*handover_form_get)(struct store *st, int64_t assignment_id, struct arena *a,
				 struct store_handover_form *out, bool *found, struct err *e);
	int (*handover_form_insert)(struct store *st, const struct store_handover_form *f,
				    struct err *e);
	int (*accountability_list)(struct store *st, int64_t plan_id,
				   struct store_accountability_list *out, struct err *e);
	int (*accountability_insert)(struct store *st, struct store_accountability *r,
				     struct err *e);
	int (*dismissals_list)(struct store *st, int64_t plan_id, struct store_dismissal_list *out,
			       struct err *e);
	int (*dismissal_insert)(struct store *st, const struct store_dismissal *d, struct err *e);
	int (*assess_rules_get)(struct store *st, int year, struct arena *a,
				struct store_assess_rules *out, bool *found, struct err *e);
	int (*assess_rules_set)(struct store *st, const struct store_assess_rules *r,
				struct err *e);
	int (*appeals_list)(struct store *st, int year, struct store_appeal_list *out,
			    struct err *e);
	int (*appeal_get)(struct store *st, int64_t id, struct arena *a, struct store_appeal *out,
			  bool *found, struct err *e);
	int (*appeal_insert)(struct store *st, struct store_appeal *a, struct err *e);
	int (*appeal_decide)(struct store *st, const struct store_appeal *a, struct err *e);
	int (*bulletins_list)(struct store *st, int64_t plan_id, struct store_bulletin_list *out,
			      struct err *e);
	int (*bulletin_insert)(struct store *st, struct store_bulletin *b, struct err *e);
	int (*verified_values)(struct store *st, int64_t plan_id,
			       struct store_report_value_row **out, size_t *n, struct err *e);
};

#endif
