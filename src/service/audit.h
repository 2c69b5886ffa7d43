/* The audit log: each state change appends an entry, chained by SHA-256, in its transaction. */
#ifndef DUBAN_SERVICE_AUDIT_H
#define DUBAN_SERVICE_AUDIT_H

/*
 * Each use case that changes stored state calls audit_append() inside its
 * own transaction, after its change and before its commit: the entry and the
 * change are committed together or not at all.  An entry records who
 * (actor), when (the database's clock, store_now), what (action, object)
 * and the object before and after, as compact JSON with sorted keys (NULL
 * for "none": before a creation, after a deletion).  Passwords and their
 * hashes are never put in an entry.
 *
 * The chain.  Entry n carries prev_hash = hash of entry n-1 (64 zeros for
 * entry 1) and hash = SHA-256 of its canonical form (audit_canonical):
 *
 *   "duban-audit-v1\n"
 *   "seq=" n "\n"
 *   "at=" L ":" at "\n"            L: the byte length of the field, decimal
 *   "actor=" L ":" actor "\n"
 *   "action=" L ":" action "\n"
 *   "object=" L ":" object "\n"
 *   "before=" L ":" before "\n"    or "before=null\n" when there is none
 *   "after=" L ":" after "\n"      or "after=null\n"
 *   "prev=" prev_hash "\n"
 *
 * The length prefixes make the form unambiguous whatever the fields hold.
 * The store keeps the head (the last seq and hash) beside the log.
 *
 * Verification (audit_verify) walks the log in seq order and names the
 * first entry that breaks the chain: a seq that is not the previous one
 * plus one (entries deleted, or inserted), a prev_hash that is not the
 * previous entry's hash (entries reordered or replaced), a hash that does
 * not match the entry's content (an entry edited), a column holding what no
 * append writes; and then a head that is not the last entry (the newest
 * entries deleted).  Someone able to rewrite the database file can also
 * recompute every hash after the point they changed: against that, record
 * the head that verification prints somewhere else (a printed bulletin, a
 * message) and pass it back as an anchor — the entry at that seq must still
 * have that hash.
 */

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"
#include "util/strbuf.h"

/* Who acts: "user:LOGIN" for the HTTP API, "cli:OSUSER" for the command line. */
struct svc_actor {
	const char *name;
};

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* The canonical form of `a` (every field but `hash`), appended to `out`. */
void audit_canonical(const struct store_audit_entry *a, struct strbuf *out);
/* SHA-256 of the canonical form, as 64 lowercase hex digits. */
void audit_hash(const struct store_audit_entry *a, char out[65]);

/*
 * Append an entry to the log, after the head.  Inside the caller's
 * transaction.  before/after are JSON values (NULL: none), serialised
 * compactly with sorted keys; they are only read.
 */
int audit_append(struct store *st, const struct svc_actor *actor, const char *action,
		 const char *object, const json_t *before, const json_t *after, struct err *e);

/* Why a chain is broken, at the entry audit_verify names. */
enum audit_break {
	AUDIT_INTACT = 0,
	AUDIT_GAP,		/* seq is not the previous one plus one */
	AUDIT_RELINKED,		/* prev_hash is not the previous entry's hash */
	AUDIT_EDITED,		/* hash does not match the content */
	AUDIT_MALFORMED,	/* a column holds what no append writes */
	AUDIT_HEAD,		/* the head names an entry that is not the last one */
	AUDIT_ANCHOR		/* the anchor's entry is missing or has another hash */
};

/* A walk over the chain, one entry at a time, in seq order (pure: no store). */
struct audit_walk {
	int64_t seq;		/* of the last entry accepted; 0 before the first */
	char hash[65];		/* its hash; AUDIT_GENESIS before the first */
};

void audit_walk_init(struct audit_walk *w);
/* Check the next entry; on AUDIT_INTACT it becomes the walk's last. */
enum audit_break audit_walk_step(struct audit_walk *w, const struct store_audit_entry *a);

struct audit_verify {
	enum audit_break broken;
	int64_t seq;		/* the first broken entry (for AUDIT_HEAD, the head's seq) */
	size_t nentries;	/* entries checked */
	int64_t head_seq;	/* the head as stored */
	char head_hash[65];
	char msg[512];		/* Chinese, naming the entry; "" when intact */
};

/*
 * Verify the whole log (rules above).  With anchor_seq > 0, also check that
 * entry anchor_seq has hash anchor_hash.  Returns 0 when the walk could be
 * made (the verdict is in *out), -1 when the store failed.
 */
int audit_verify(struct store *st, int64_t anchor_seq, const char *anchor_hash,
		 struct audit_verify *out, struct err *e);

/* Entries with seq > after_seq (and at >= since, if not NULL), at most `limit`. */
int audit_list(struct store *st, int64_t after_seq, const char *since, size_t limit,
	       struct store_audit_list *out, struct err *e);

#endif
