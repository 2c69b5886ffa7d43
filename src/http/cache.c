/* A cache of API answers, each valid while the store's data generation stays the same. */
#include "http/cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/strmap.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* An answer (plain != NULL), or a resumed session (who, its strings in `strings`). */
struct http_cache_entry {
	unsigned refs;		/* 1 while listed, plus one per caller holding it */
	unsigned status;
	struct MHD_Response *plain, *gz;
	uint64_t len, gz_len;
	struct svc_principal who;
	char *strings;
	void *value;				/* a shared value, freed by free_value */
	void (*free_value)(void *value);
};

/* Sessions, values and answers share the index: their keys start with a byte no path has. */
#define SESSION_KEY_MARK '\x01'
#define VALUE_KEY_MARK '\x02'


struct http_cache {
	pthread_mutex_t mu;
	size_t budget, bytes;
	int64_t gen;		/* the generation of every listed entry */
	struct strmap index;	/* key -> position in v */
	struct http_cache_entry **v;
	size_t n, alloc;
	struct http_cache_stats stats;
};

struct http_cache *http_cache_new(size_t budget)
{
	struct http_cache *c = xcalloc(1, sizeof(*c));

	pthread_mutex_init(&c->mu, NULL);
	c->budget = budget;
	c->gen = -1;
	strmap_init(&c->index);
	return c;
}

static void entry_unref(struct http_cache_entry *x)
{
	if (--x->refs)
		return;
	if (x->plain)
		MHD_destroy_response(x->plain);
	if (x->gz)
		MHD_destroy_response(x->gz);
	free(x->strings);
	if (x->value)
		x->free_value(x->value);
	free(x);
}

/* Drop every entry (held ones live on until their holders are done).  Under mu. */
static void flush(struct http_cache *c)
{
	if (c->n)
		c->stats.flushes++;
	for (size_t i = 0; i < c->n; i++)
		entry_unref(c->v[i]);
	c->n = 0;
	c->bytes = 0;
	strmap_release(&c->index);
}

void http_cache_free(struct http_cache *c)
{
	if (!c)
		return;
	flush(c);
	free(c->v);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

bool http_cache_enabled(const struct http_cache *c)
{
	return c && c->budget;
}

/* Bring the cache to generation `gen`: false when `gen` is older than the cache's.  Under mu. */
static bool at_generation(struct http_cache *c, int64_t gen)
{
	if (gen < c->gen)
		return false;
	if (gen > c->gen) {
		flush(c);
		c->gen = gen;
	}
	return true;
}

/*
 * The entry under `key` at generation `gen`, with a reference of the
 * caller's (release() returns it), counted in *hits; or NULL, counted in
 * *misses when not NULL.
 */
static struct http_cache_entry *lookup(struct http_cache *c, const char *key, int64_t gen,
				       uint64_t *hits, uint64_t *misses)
{
	struct http_cache_entry *x = NULL;
	int64_t i;

	pthread_mutex_lock(&c->mu);
	if (at_generation(c, gen) && strmap_get(&c->index, key, &i)) {
		x = c->v[i];
		x->refs++;
		(*hits)++;
	} else if (misses) {
		(*misses)++;
	}
	pthread_mutex_unlock(&c->mu);
	return x;
}

static void release(struct http_cache *c, struct http_cache_entry *x)
{
	pthread_mutex_lock(&c->mu);
	entry_unref(x);
	pthread_mutex_unlock(&c->mu);
}

/* KEY prefixed with `mark`: a session's or a value's key in the shared index. */
static char *marked_key(char mark, const char *key)
{
	return xasprintf("%c%s", mark, key);
}

bool http_cache_get(struct http_cache *c, const char *key, int64_t gen, bool gzip,
		    struct http_cached *out)
{
	struct http_cache_entry *x;

	memset(out, 0, sizeof(*out));
	if (!http_cache_enabled(c))
		return false;
	x = lookup(c, key, gen, &c->stats.hits, &c->stats.misses);
	if (!x)
		return false;
	out->entry = x;
	out->status = x->status;
	out->gzip = gzip && x->gz;
	out->response = out->gzip ? x->gz : x->plain;
	out->len = out->gzip ? x->gz_len : x->len;
	return true;
}

void http_cache_done(struct http_cache *c, struct http_cached *hit)
{
	if (!hit->entry)
		return;
	release(c, hit->entry);
	memset(hit, 0, sizeof(*hit));
}

/* List `x` (`size` bytes) under `key`, or drop it: an older generation, a key listed, no room. */
static void list(struct http_cache *c, const char *key, int64_t gen, struct http_cache_entry *x,
		 size_t size)
{
	pthread_mutex_lock(&c->mu);
	if (!at_generation(c, gen) || strmap_get(&c->index, key, NULL)) {
		c->stats.dropped++;
		entry_unref(x);
	} else if (size > c->budget - c->bytes) {
		c->stats.full++;
		entry_unref(x);
	} else {
		ALLOC_GROW(c->v, c->n + 1, c->alloc);
		strmap_put(&c->index, key, (int64_t)c->n);
		c->v[c->n++] = x;
		c->bytes += size;
		c->stats.stored++;
	}
	pthread_mutex_unlock(&c->mu);
}

void http_cache_put(struct http_cache *c, const char *key, int64_t gen, unsigned status,
		    struct MHD_Response *plain, uint64_t len, struct MHD_Response *gz,
		    uint64_t gz_len)
{
	struct http_cache_entry *x = xcalloc(1, sizeof(*x));
	size_t size = (size_t)len + (gz ? (size_t)gz_len : 0) + strlen(key) + sizeof(*x);

	x->refs = 1;
	x->status = status;
	x->plain = plain;
	x->len = len;
	x->gz = gz;
	x->gz_len = gz ? gz_len : 0;
	if (!http_cache_enabled(c)) {
		entry_unref(x);
		return;
	}
	list(c, key, gen, x, size);
}

void http_cache_stats(struct http_cache *c, struct http_cache_stats *out)
{
	pthread_mutex_lock(&c->mu);
	*out = c->stats;
	out->entries = c->n;
	out->bytes = c->bytes;
	pthread_mutex_unlock(&c->mu);
}

bool http_cache_session_get(struct http_cache *c, const char *token, int64_t gen,
			    struct arena *a, struct svc_principal *out)
{
	struct http_cache_entry *x;
	char *key;

	if (!http_cache_enabled(c))
		return false;
	key = marked_key(SESSION_KEY_MARK, token);
	x = lookup(c, key, gen, &c->stats.session_hits, NULL);
	free(key);
	if (!x)
		return false;
	/* Copied while the reference is held: the entry may go once it is returned. */
	*out = x->who;
	out->login = arena_strdup(a, x->who.login);
	out->name = arena_strdup(a, x->who.name);
	out->unit_name = x->who.unit_name ? arena_strdup(a, x->who.unit_name) : NULL;
	release(c, x);
	return true;
}

void http_cache_session_put(struct http_cache *c, const char *token, int64_t gen,
			    const struct svc_principal *who)
{
	struct http_cache_entry *x;
	struct strbuf sb = STRBUF_INIT;
	size_t login, name, unit = 0, size;
	char *key;

	if (!http_cache_enabled(c))
		return;
	x = xcalloc(1, sizeof(*x));
	x->refs = 1;
	x->who = *who;
	x->who.extended = false;
	/* The three strings in one buffer, each NUL-terminated. */
	login = 0;
	strbuf_add(&sb, who->login, strlen(who->login) + 1);
	name = sb.len;
	strbuf_add(&sb, who->name, strlen(who->name) + 1);
	if (who->unit_name) {
		unit = sb.len;
		strbuf_add(&sb, who->unit_name, strlen(who->unit_name) + 1);
	}
	size = sizeof(*x) + sb.len;
	x->strings = strbuf_detach(&sb, NULL);
	x->who.login = x->strings + login;
	x->who.name = x->strings + name;
	x->who.unit_name = who->unit_name ? x->strings + unit : NULL;
	key = marked_key(SESSION_KEY_MARK, token);
	list(c, key, gen, x, size + strlen(key));
	free(key);
}

const void *http_cache_value_get(struct http_cache *c, const char *key, int64_t gen,
				 struct http_cache_entry **ref)
{
	char *k;

	*ref = NULL;
	if (!http_cache_enabled(c))
		return NULL;
	k = marked_key(VALUE_KEY_MARK, key);
	*ref = lookup(c, k, gen, &c->stats.value_hits, NULL);
	free(k);
	return *ref ? (*ref)->value : NULL;
}

void http_cache_value_put(struct http_cache *c, const char *key, int64_t gen, void *value,
			  size_t size, void (*free_value)(void *value),
			  struct http_cache_entry **ref)
{
	struct http_cache_entry *x = xcalloc(1, sizeof(*x));
	char *k;

	/* One reference for the list, one for the caller. */
	x->refs = 2;
	x->value = value;
	x->free_value = free_value;
	*ref = x;
	if (!http_cache_enabled(c) || gen < 0) {
		x->refs = 1;	/* the caller's alone */
		return;
	}
	k = marked_key(VALUE_KEY_MARK, key);
	list(c, k, gen, x, size + sizeof(*x) + strlen(k));
	free(k);
}

void http_cache_value_done(struct http_cache *c, struct http_cache_entry *ref)
{
	if (ref)
		release(c, ref);
}
