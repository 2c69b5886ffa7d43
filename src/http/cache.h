/* A cache of API answers, each valid while the store's data generation stays the same. */
#ifndef DUBAN_HTTP_CACHE_H
#define DUBAN_HTTP_CACHE_H

/*
 * Private to src/http.  Why: the answers that cost most (a plan's status
 * judged on a day, an assignment with its history) change only when data
 * is written, and offices read far more often than they write.  Between two
 * writes the same question gets the same answer, so it is computed once.
 *
 * Keys are built by the server (server.c: cache_key) from everything an
 * answer depends on besides the stored data: the caller's role and unit,
 * the day (handlers default as_of to today), the path and the query
 * arguments.  Only routes marked CACHE_SCOPE in the route table are cached
 * (routes.h says what that promises).
 *
 * Validity: an entry is stored with the generation (store_generation) read
 * BEFORE its answer was computed, so the answer is at least that new.  A
 * lookup with generation g finds only entries of g.  The first lookup or
 * store that brings a newer generation drops every entry (their answers may
 * be stale); an older one finds and stores nothing.  Every committed write,
 * by this server, another instance or the CLI, raises the generation.
 *
 * Budget: the bytes of all cached bodies stay at or under `budget`; when an
 * answer does not fit it is not stored (until a new generation empties the
 * cache).  A budget of 0 disables the cache.
 *
 * Ownership: an entry owns its MHD responses (one reference each, dropped
 * with MHD_destroy_response when the entry goes; MHD holds its own for
 * every connection it is queued on).  http_cache_get() hands out the entry
 * with a reference of the caller's, which http_cache_done() returns: an
 * entry dropped meanwhile stays alive until then.  Thread-safe (one mutex).
 */

#include <microhttpd.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "service/auth_service.h"
#include "util/arena.h"

struct http_cache;
struct http_cache_entry;

struct http_cache_stats {
	uint64_t hits, misses;	/* answers */
	uint64_t session_hits;	/* sessions */
	uint64_t value_hits;	/* shared values */
	uint64_t stored;	/* entries listed */
	uint64_t full;		/* not listed: over the budget */
	uint64_t dropped;	/* not listed: an older generation, or the key was listed meanwhile */
	uint64_t flushes;	/* times a newer generation emptied the cache */
	size_t entries, bytes;
};

struct http_cache *http_cache_new(size_t budget);
void http_cache_free(struct http_cache *c);	/* NULL is allowed */

bool http_cache_enabled(const struct http_cache *c);

/* A cached answer, as handed out by http_cache_get(). */
struct http_cached {
	struct MHD_Response *response;	/* queue it (MHD takes its own reference) */
	unsigned status;
	uint64_t len;			/* body bytes as sent (for the access log) */
	bool gzip;			/* response is the gzip-coded one */
	struct http_cache_entry *entry;	/* for http_cache_done() */
};

/*
 * The answer stored under `key` for generation `gen`: true with *out
 * filled (the gzip-coded response when `gzip` and the entry has one), or
 * false.
 */
bool http_cache_get(struct http_cache *c, const char *key, int64_t gen, bool gzip,
		    struct http_cached *out);
void http_cache_done(struct http_cache *c, struct http_cached *hit);

/*
 * Store an answer computed at generation `gen`: `plain` (len bytes of body)
 * and, optionally, its gzip-coded twin `gz` (gz_len bytes; NULL if none).
 * The references of both responses pass to the cache, stored or not (a
 * response not stored is destroyed at once, so queue it before).  An entry
 * already under `key` stays.
 */
void http_cache_put(struct http_cache *c, const char *key, int64_t gen, unsigned status,
		    struct MHD_Response *plain, uint64_t len, struct MHD_Response *gz,
		    uint64_t gz_len);

/*
 * Sessions: the principal svc_session_resume() found for a cookie's token at
 * generation `gen`, so that a request with a known session needs no query
 * but the generation's.  Sound because every change to a session or its
 * user (login, logout, extension, password, disabling) is a committed write,
 * which raises the generation; the caller still checks the expiry against
 * its clock, and resumes afresh (which may extend the session) when the
 * expiry comes near.  A principal handed out has its strings in `a`.
 */
bool http_cache_session_get(struct http_cache *c, const char *token, int64_t gen,
			    struct arena *a, struct svc_principal *out);
void http_cache_session_put(struct http_cache *c, const char *token, int64_t gen,
			    const struct svc_principal *who);

/*
 * Shared values: something computed from the data at generation `gen` that
 * many requests read at once (a plan's judged status, read by every
 * liaison's differently scoped answer).  http_cache_value_get() returns it
 * (NULL: none) with a reference in *ref; http_cache_value_put() hands a new
 * value over (`size` bytes, for the budget; free_value frees it when the
 * last reference goes) and also returns a reference in *ref, whether the
 * value was listed or not (never with `gen` < 0: a value of one request).  Readers must not change a value.  Every *ref
 * is returned with http_cache_value_done() (NULL is allowed).
 */
const void *http_cache_value_get(struct http_cache *c, const char *key, int64_t gen,
				 struct http_cache_entry **ref);
void http_cache_value_put(struct http_cache *c, const char *key, int64_t gen, void *value,
			  size_t size, void (*free_value)(void *value),
			  struct http_cache_entry **ref);
void http_cache_value_done(struct http_cache *c, struct http_cache_entry *ref);

void http_cache_stats(struct http_cache *c, struct http_cache_stats *out);

#endif
