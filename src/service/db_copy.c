/* duban db copy: the whole database into a new one, checked by row counts and the audit chain on both sides. */
#include "service/db_copy.h"

#include <inttypes.h>
#include <string.h>

#include "util/banned.h"

/* Runs inside the copy, before its commit: both chains, verified, must agree. */
static int check_audit(void *ctx, struct store *from, struct store *to, struct err *e)
{
	struct svc_db_copy *out = ctx;
	const struct audit_verify *a = &out->from_audit, *b = &out->to_audit;

	if (audit_verify(from, 0, NULL, &out->from_audit, e) ||
	    audit_verify(to, 0, NULL, &out->to_audit, e))
		return -1;
	if (a->broken != b->broken || a->seq != b->seq || a->nentries != b->nentries ||
	    a->head_seq != b->head_seq || strcmp(a->head_hash, b->head_hash))
		return err_set(e, ERR_STORE,
			       "复制后审计链核对不一致：源 %zu 条记录、链头 %" PRId64
			       "，目标 %zu 条记录、链头 %" PRId64 "；未做任何更改",
			       a->nentries, a->head_seq, b->nentries, b->head_seq);
	return 0;
}

int svc_db_copy(struct store *from, struct store *to, struct svc_db_copy *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	out->from_backend = store_backend_name(from);
	out->to_backend = store_backend_name(to);
	return store_copy(from, to, check_audit, out, &out->counts, e);
}
