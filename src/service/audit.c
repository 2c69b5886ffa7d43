/* The audit log's chain: canonical form and hash, appending inside a transaction, verification. */
#include "service/audit.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "util/banned.h"

#define VERIFY_PAGE 1000	/* entries read at a time while verifying */

static void field(struct strbuf *out, const char *name, const char *v)
{
	if (!v) {
		strbuf_addf(out, "%s=null\n", name);
		return;
	}
	strbuf_addf(out, "%s=%zu:", name, strlen(v));
	strbuf_addstr(out, v);
	strbuf_addch(out, '\n');
}

void audit_canonical(const struct store_audit_entry *a, struct strbuf *out)
{
	strbuf_addstr(out, "duban-audit-v1\n");
	strbuf_addf(out, "seq=%" PRId64 "\n", a->seq);
	field(out, "at", a->at ? a->at : "");
	field(out, "actor", a->actor ? a->actor : "");
	field(out, "action", a->action ? a->action : "");
	field(out, "object", a->object ? a->object : "");
	field(out, "before", a->before_json);
	field(out, "after", a->after_json);
	strbuf_addf(out, "prev=%s\n", a->prev_hash);
}

void audit_hash(const struct store_audit_entry *a, char out[65])
{
	struct strbuf sb = STRBUF_INIT;

	audit_canonical(a, &sb);
	hash_sha256_hex(sb.buf, sb.len, out);
	strbuf_release(&sb);
}

/* Compact, sorted keys: the same value always gives the same bytes. */
static char *dump(const json_t *v)
{
	return v ? json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY) : NULL;
}

int audit_append(struct store *st, const struct svc_actor *actor, const char *action,
		 const char *object, const json_t *before, const json_t *after, struct err *e)
{
	struct store_audit_entry a;
	char at[STORE_TIME_LEN];
	int rc = -1;

	memset(&a, 0, sizeof(a));
	if (!actor || !actor->name || !*actor->name)
		return err_set(e, ERR_INTERNAL, "内部错误：审计记录缺少操作人");
	if (store_audit_head(st, &a.seq, a.prev_hash, e) || store_now(st, at, e))
		return -1;
	a.seq++;
	a.at = at;
	a.actor = actor->name;
	a.action = action;
	a.object = object;
	a.before_json = dump(before);
	a.after_json = dump(after);
	if ((before && !a.before_json) || (after && !a.after_json)) {
		err_set(e, ERR_INTERNAL, "内部错误：审计内容无法序列化（%s %s）", action, object);
		goto out;
	}
	audit_hash(&a, a.hash);
	rc = store_audit_append(st, &a, e);
out:
	free((char *)a.before_json);
	free((char *)a.after_json);
	return rc;
}

/* ---- verification ---- */

void audit_walk_init(struct audit_walk *w)
{
	w->seq = 0;
	snprintf(w->hash, sizeof(w->hash), "%s", AUDIT_GENESIS);
}

enum audit_break audit_walk_step(struct audit_walk *w, const struct store_audit_entry *a)
{
	char h[65];

	if (a->seq != w->seq + 1)
		return AUDIT_GAP;
	if (a->malformed)
		return AUDIT_MALFORMED;
	if (strcmp(a->prev_hash, w->hash))
		return AUDIT_RELINKED;
	audit_hash(a, h);
	if (strcmp(h, a->hash))
		return AUDIT_EDITED;
	w->seq = a->seq;
	memcpy(w->hash, a->hash, sizeof(w->hash));
	return AUDIT_INTACT;
}

static void describe_break(struct audit_verify *out, const struct audit_walk *w,
			   const struct store_audit_entry *a)
{
	char what[256];

	snprintf(what, sizeof(what), "（%s，%s，%s %s）", a->at, a->actor, a->action, a->object);
	switch (out->broken) {
	case AUDIT_GAP:
		if (a->seq > w->seq + 1)
			snprintf(out->msg, sizeof(out->msg),
				 "审计记录第 %" PRId64 " 条缺失：第 %" PRId64 " 条之后是第 %" PRId64
				 " 条%s，中间的记录被删除",
				 w->seq + 1, w->seq, a->seq, what);
		else
			snprintf(out->msg, sizeof(out->msg),
				 "审计记录第 %" PRId64 " 条之后出现编号为 %" PRId64
				 " 的记录%s：记录被插入或改号",
				 w->seq, a->seq, what);
		out->seq = a->seq > w->seq + 1 ? w->seq + 1 : a->seq;
		return;
	case AUDIT_MALFORMED:
		snprintf(out->msg, sizeof(out->msg),
			 "审计记录第 %" PRId64 " 条被改动%s：其中含有正常写入不会产生的内容",
			 a->seq, what);
		break;
	case AUDIT_RELINKED:
		snprintf(out->msg, sizeof(out->msg),
			 "审计记录第 %" PRId64 " 条与前一条不衔接%s：记录被替换、插入或调换顺序",
			 a->seq, what);
		break;
	case AUDIT_EDITED:
		snprintf(out->msg, sizeof(out->msg),
			 "审计记录第 %" PRId64 " 条被改动%s：内容与其哈希值不符", a->seq, what);
		break;
	case AUDIT_INTACT:
	case AUDIT_HEAD:
	case AUDIT_ANCHOR:
		break;
	}
	out->seq = a->seq;
}

/* Walk every entry after the walk's last; 0 with out->broken set on a break. */
static int walk_rest(struct store *st, struct audit_walk *w, int64_t anchor_seq,
		     const char *anchor_hash, bool *anchor_seen, struct audit_verify *out,
		     struct err *e)
{
	struct store_audit_list page;
	int rc = -1;

	store_audit_list_init(&page);
	for (;;) {
		store_audit_list_release(&page);
		if (store_audit_page(st, w->seq, NULL, VERIFY_PAGE, &page, e))
			goto out;
		for (size_t i = 0; i < page.n; i++) {
			const struct store_audit_entry *a = &page.v[i];

			out->broken = audit_walk_step(w, a);
			if (out->broken != AUDIT_INTACT) {
				describe_break(out, w, a);
				rc = 0;
				goto out;
			}
			out->nentries++;
			if (a->seq != anchor_seq)
				continue;
			*anchor_seen = true;
			if (strcmp(a->hash, anchor_hash ? anchor_hash : "")) {
				out->broken = AUDIT_ANCHOR;
				out->seq = a->seq;
				snprintf(out->msg, sizeof(out->msg),
					 "审计记录第 %" PRId64 " 条的哈希值与留存的不符：现为 %s，留存的是 %s；"
					 "此条及之前的记录被改写过",
					 a->seq, a->hash, anchor_hash ? anchor_hash : "");
				rc = 0;
				goto out;
			}
		}
		if (page.n < VERIFY_PAGE)
			break;
	}
	rc = 0;
out:
	store_audit_list_release(&page);
	return rc;
}

int audit_verify(struct store *st, int64_t anchor_seq, const char *anchor_hash,
		 struct audit_verify *out, struct err *e)
{
	struct audit_walk w;
	bool anchor_seen = false;

	memset(out, 0, sizeof(*out));
	audit_walk_init(&w);
	/*
	 * Walk to the end, then read the head.  A server may append meanwhile
	 * (the log only grows), so a head beyond the walk sends the walk on; a
	 * second pass that finds nothing new means the newest entries are gone.
	 */
	for (int pass = 0;; pass++) {
		int64_t before = w.seq;

		if (walk_rest(st, &w, anchor_seq, anchor_hash, &anchor_seen, out, e))
			return -1;
		if (out->broken != AUDIT_INTACT)
			return 0;
		if (store_audit_head(st, &out->head_seq, out->head_hash, e))
			return -1;
		if (out->head_seq == w.seq || out->head_seq < w.seq)
			break;
		if (pass > 0 && w.seq == before) {
			char range[64];

			out->broken = AUDIT_HEAD;
			out->seq = w.seq + 1;
			if (out->head_seq == w.seq + 1)
				snprintf(range, sizeof(range), "第 %" PRId64 " 条", w.seq + 1);
			else
				snprintf(range, sizeof(range), "第 %" PRId64 " 条至第 %" PRId64 " 条",
					 w.seq + 1, out->head_seq);
			snprintf(out->msg, sizeof(out->msg),
				 "审计记录%s缺失：链头记载共 %" PRId64 " 条，现存记录只到第 %" PRId64
				 " 条，最新的记录被删除",
				 range, out->head_seq, w.seq);
			return 0;
		}
	}
	if (out->head_seq < w.seq) {
		out->broken = AUDIT_HEAD;
		out->seq = out->head_seq + 1;
		snprintf(out->msg, sizeof(out->msg),
			 "审计记录第 %" PRId64 " 条至第 %" PRId64 " 条不在链头记载之内（链头为第 %" PRId64
			 " 条）：记录被追加或链头被改动",
			 out->head_seq + 1, w.seq, out->head_seq);
		return 0;
	}
	if (strcmp(w.hash, out->head_hash)) {
		out->broken = AUDIT_HEAD;
		out->seq = w.seq;
		snprintf(out->msg, sizeof(out->msg),
			 "审计链头与第 %" PRId64 " 条记录的哈希值不符：链头或该记录被改动", w.seq);
		return 0;
	}
	if (anchor_seq > 0 && !anchor_seen) {
		out->broken = AUDIT_ANCHOR;
		out->seq = anchor_seq;
		snprintf(out->msg, sizeof(out->msg),
			 "留存的审计记录第 %" PRId64 " 条已不存在（现有 %" PRId64 " 条）：记录被删除",
			 anchor_seq, w.seq);
	}
	return 0;
}

int audit_list(struct store *st, int64_t after_seq, const char *since, size_t limit,
	       struct store_audit_list *out, struct err *e)
{
	return store_audit_page(st, after_seq, since, limit, out, e);
}
