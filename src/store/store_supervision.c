/* The store's front for supervision: transaction checks, then the backend's supervision table. */
#include "store/store_supervision.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_supervision_impl.h"
#include "util/banned.h"

static int need_tx(struct store *st, const char *what, struct err *e)
{
	if (!st->in_tx)
		return err_set(e, ERR_INTERNAL, "内部错误：%s 必须在事务中进行", what);
	return 0;
}

#define LIST_LIFECYCLE(type, name)                                    \
	void name##_init(struct type *l)                               \
	{                                                              \
		memset(l, 0, sizeof(*l));                              \
		arena_init(&l->arena, 0);                              \
	}                                                              \
	void name##_release(struct type *l)                            \
	{                                                              \
		arena_release(&l->arena);                              \
		free(l->v);                                            \
		name##_init(l);                                        \
	}

LIST_LIFECYCLE(store_action_list, store_action_list)
LIST_LIFECYCLE(store_accountability_list, store_accountability_list)
LIST_LIFECYCLE(store_dismissal_list, store_dismissal_list)
LIST_LIFECYCLE(store_appeal_list, store_appeal_list)
LIST_LIFECYCLE(store_bulletin_list, store_bulletin_list)

int store_actions_list(struct store *st, const struct store_action_filter *f,
		       struct store_action_list *out, struct err *e)
{
	return st->ops->supervision->actions_list(st, f, out, e);
}

int store_action_get(struct store *st, int64_t id, struct arena *a, struct store_action *out,
		     bool *found, struct err *e)
{
	*found = false;
	return st->ops->supervision->action_get(st, id, a, out, found, e);
}

int store_form_number_next(struct store *st, enum ladder_form_kind k, int year, int *seq,
			   struct err *e)
{
	if (need_tx(st, "分配文书编号", e))
		return -1;
	if (k == FORM_NONE)
		return err_set(e, ERR_INTERNAL, "内部错误：没有文书种类，不能编号");
	return st->ops->supervision->form_number_next(st, k, year, seq, e);
}

int store_action_insert(struct store *st, struct store_action *a, struct err *e)
{
	if (need_tx(st, "记录督办事项", e))
		return -1;
	return st->ops->supervision->action_insert(st, a, e);
}

int store_action_reply(struct store *st, int64_t id, const char *reply, const char *by,
		       struct date on, bool sample, struct err *e)
{
	if (need_tx(st, "记录回复", e))
		return -1;
	return st->ops->supervision->action_reply(st, id, reply, by, on, sample, e);
}

int store_action_close(struct store *st, int64_t id, const char *by, struct date on,
		       const char *note, bool sample, struct err *e)
{
	if (need_tx(st, "办结督办事项", e))
		return -1;
	return st->ops->supervision->action_close(st, id, by, on, note, sample, e);
}

int store_handover_form_get(struct store *st, int64_t assignment_id, struct arena *a,
			    struct store_handover_form *out, bool *found, struct err *e)
{
	*found = false;
	return st->ops->supervision->handover_form_get(st, assignment_id, a, out, found, e);
}

int store_handover_form_insert(struct store *st, const struct store_handover_form *f,
			       struct err *e)
{
	if (need_tx(st, "记录交办单编号", e))
		return -1;
	return st->ops->supervision->handover_form_insert(st, f, e);
}

int store_accountability_list(struct store *st, int64_t plan_id,
			      struct store_accountability_list *out, struct err *e)
{
	return st->ops->supervision->accountability_list(st, plan_id, out, e);
}

int store_accountability_insert(struct store *st, struct store_accountability *r,
				struct err *e)
{
	if (need_tx(st, "记录问责", e))
		return -1;
	return st->ops->supervision->accountability_insert(st, r, e);
}

int store_dismissals_list(struct store *st, int64_t plan_id, struct store_dismissal_list *out,
			  struct err *e)
{
	return st->ops->supervision->dismissals_list(st, plan_id, out, e);
}

int store_dismissal_insert(struct store *st, const struct store_dismissal *d, struct err *e)
{
	if (need_tx(st, "记录不予采纳的建议", e))
		return -1;
	return st->ops->supervision->dismissal_insert(st, d, e);
}

int store_assess_rules_get(struct store *st, int year, struct arena *a,
			   struct store_assess_rules *out, bool *found, struct err *e)
{
	*found = false;
	return st->ops->supervision->assess_rules_get(st, year, a, out, found, e);
}

int store_assess_rules_set(struct store *st, const struct store_assess_rules *r, struct err *e)
{
	if (need_tx(st, "保存考核规则", e))
		return -1;
	return st->ops->supervision->assess_rules_set(st, r, e);
}

int store_appeals_list(struct store *st, int year, struct store_appeal_list *out,
		       struct err *e)
{
	return st->ops->supervision->appeals_list(st, year, out, e);
}

int store_appeal_get(struct store *st, int64_t id, struct arena *a, struct store_appeal *out,
		     bool *found, struct err *e)
{
	*found = false;
	return st->ops->supervision->appeal_get(st, id, a, out, found, e);
}

int store_appeal_insert(struct store *st, struct store_appeal *a, struct err *e)
{
	if (need_tx(st, "记录申诉", e))
		return -1;
	return st->ops->supervision->appeal_insert(st, a, e);
}

int store_appeal_decide(struct store *st, const struct store_appeal *a, struct err *e)
{
	if (need_tx(st, "记录申诉处理结果", e))
		return -1;
	return st->ops->supervision->appeal_decide(st, a, e);
}

int store_bulletins_list(struct store *st, int64_t plan_id, struct store_bulletin_list *out,
			 struct err *e)
{
	return st->ops->supervision->bulletins_list(st, plan_id, out, e);
}

int store_bulletin_insert(struct store *st, struct store_bulletin *b, struct err *e)
{
	if (need_tx(st, "记录印发的通报", e))
		return -1;
	return st->ops->supervision->bulletin_insert(st, b, e);
}

int store_verified_values(struct store *st, int64_t plan_id, struct store_report_value_row **out,
			  size_t *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	return st->ops->supervision->verified_values(st, plan_id, out, n, e);
}
