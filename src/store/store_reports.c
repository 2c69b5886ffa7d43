/* The store's front for reporting: transaction checks, then the backend's reporting table. */
#include "store/store_reports.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_reports_impl.h"
#include "util/banned.h"

static int need_tx(struct store *st, const char *what, struct err *e)
{
	if (!st->in_tx)
		return err_set(e, ERR_INTERNAL, "内部错误：%s 必须在事务中进行", what);
	return 0;
}

int store_calendar_get(struct store *st, int64_t plan_id, struct calendar *out, bool *found,
		       struct err *e)
{
	*found = false;
	return st->ops->reports->calendar_get(st, plan_id, out, found, e);
}

int store_calendar_set(struct store *st, int64_t plan_id, const struct calendar *cal,
		       struct err *e)
{
	if (need_tx(st, "设置报告周期", e))
		return -1;
	return st->ops->reports->calendar_set(st, plan_id, cal, e);
}

void store_assignment_ctx_init(struct store_assignment_ctx *c)
{
	memset(c, 0, sizeof(*c));
	arena_init(&c->arena, 0);
}

void store_assignment_ctx_release(struct store_assignment_ctx *c)
{
	arena_release(&c->arena);
	store_assignment_ctx_init(c);
}

int store_assignment_ctx_get(struct store *st, int64_t id, struct store_assignment_ctx *out,
			     bool *found, struct err *e)
{
	*found = false;
	return st->ops->reports->assignment_ctx_get(st, id, out, found, e);
}

void store_reporting_init(struct store_reporting *r)
{
	memset(r, 0, sizeof(*r));
	arena_init(&r->arena, 0);
}

void store_reporting_release(struct store_reporting *r)
{
	arena_release(&r->arena);
	free(r->reports);
	free(r->extensions);
	store_reporting_init(r);
}

int store_reporting_load(struct store *st, int64_t assignment_id, struct store_reporting *out,
			 struct err *e)
{
	return st->ops->reports->reporting_load(st, assignment_id, out, e);
}

int store_reporting_load_recent(struct store *st, int64_t assignment_id, struct date day,
				size_t nperiods, struct store_reporting *out, struct err *e)
{
	if (!date_is_set(day))
		return err_set(e, ERR_INTERNAL, "内部错误：读取近期报告须给出日期");
	return st->ops->reports->reporting_load_recent(st, assignment_id, day, nperiods, out, e);
}

int store_report_get(struct store *st, int64_t id, struct arena *a, struct store_report *out,
		     bool *found, struct err *e)
{
	*found = false;
	return st->ops->reports->report_get(st, id, a, out, found, e);
}

int store_report_version_get(struct store *st, int64_t assignment_id, struct period period,
			     int version, struct arena *a, struct store_report *out, bool *found,
			     struct err *e)
{
	*found = false;
	return st->ops->reports->report_version_get(st, assignment_id, period, version, a, out,
						     found, e);
}

int store_extension_get(struct store *st, int64_t id, struct arena *a, struct store_extension *out,
			bool *found, struct err *e)
{
	*found = false;
	return st->ops->reports->extension_get(st, id, a, out, found, e);
}

void store_facts_init(struct store_facts *f)
{
	memset(f, 0, sizeof(*f));
}

void store_facts_release(struct store_facts *f)
{
	free(f->sign_of);
	free(f->signed_on);
	free(f->dispute_of);
	free(f->disputes);
	free(f->new_assignment);
	free(f->report_of);
	free(f->reports);
	free(f->extension_of);
	free(f->extensions);
	free(f->verify_of);
	free(f->verified_on);
	store_facts_init(f);
}

int store_facts_load(struct store *st, int64_t plan_id, struct store_facts *out, struct err *e)
{
	return st->ops->reports->facts_load(st, plan_id, out, e);
}

int store_reassignments(struct store *st, int64_t plan_id, int64_t **from, int64_t **to,
			size_t *n, struct err *e)
{
	*from = *to = NULL;
	*n = 0;
	return st->ops->reports->reassignments(st, plan_id, from, to, n, e);
}

int store_signoff_insert(struct store *st, const struct store_signoff *s, struct err *e)
{
	if (need_tx(st, "记录签收", e))
		return -1;
	return st->ops->reports->signoff_insert(st, s, e);
}

int store_dispute_insert(struct store *st, struct store_dispute *d, struct err *e)
{
	if (need_tx(st, "记录退回", e))
		return -1;
	return st->ops->reports->dispute_insert(st, d, e);
}

int store_dispute_decide(struct store *st, const struct store_dispute *d, struct err *e)
{
	if (need_tx(st, "记录退回处理", e))
		return -1;
	return st->ops->reports->dispute_decide(st, d, e);
}

int store_report_insert(struct store *st, struct store_report *r, struct err *e)
{
	if (need_tx(st, "写入进展报告", e))
		return -1;
	return st->ops->reports->report_insert(st, r, e);
}

int store_attachment_put(struct store *st, const struct store_attachment *a, bool *added,
			 struct err *e)
{
	*added = false;
	if (need_tx(st, "写入附件", e))
		return -1;
	return st->ops->reports->attachment_put(st, a, added, e);
}

int store_attachment_get(struct store *st, const char *sha256, struct arena *a,
			 struct store_attachment *out, bool *found, struct err *e)
{
	*found = false;
	return st->ops->reports->attachment_get(st, sha256, a, out, found, e);
}

int store_review_insert(struct store *st, const struct store_review *r, struct err *e)
{
	if (need_tx(st, "记录审核", e))
		return -1;
	return st->ops->reports->review_insert(st, r, e);
}

int store_extension_insert(struct store *st, struct store_extension *x, struct err *e)
{
	if (need_tx(st, "记录延期申请", e))
		return -1;
	return st->ops->reports->extension_insert(st, x, e);
}

int store_extension_decide(struct store *st, const struct store_extension *x, struct err *e)
{
	if (need_tx(st, "记录延期审批", e))
		return -1;
	return st->ops->reports->extension_decide(st, x, e);
}

int store_verification_insert(struct store *st, const struct store_verification *v,
			      struct err *e)
{
	if (need_tx(st, "记录销号", e))
		return -1;
	return st->ops->reports->verification_insert(st, v, e);
}

int store_reporting_counts(struct store *st, int64_t plan_id, enum cadence cadence,
			   struct store_reporting_counts *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	return st->ops->reports->reporting_counts(st, plan_id, cadence, out, e);
}
