/* String -> int64 hash map: FNV-1a hashes, linear probing, keys in an arena. */
#include "util/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "util/banned.h"

static uint64_t hash_str(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

void strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof(*m));
	arena_init(&m->keys, 0);
}

void strmap_release(struct strmap *m)
{
	free(m->v);
	arena_release(&m->keys);
	strmap_init(m);
}

/* The slot holding `key`, or the empty slot where it belongs; cap > 0. */
static struct strmap_entry *find_slot(struct strmap_entry *v, size_t cap,
				      const char *key, uint64_t h)
{
	size_t mask = cap - 1, i = (size_t)h & mask;

	while (v[i].key && (v[i].hash != h || strcmp(v[i].key, key)))
		i = (i + 1) & mask;
	return &v[i];
}

static void grow(struct strmap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 16;
	struct strmap_entry *nv = xcalloc(ncap, sizeof(*nv));

	for (size_t i = 0; i < m->cap; i++) {
		if (m->v[i].key)
			*find_slot(nv, ncap, m->v[i].key, m->v[i].hash) = m->v[i];
	}
	free(m->v);
	m->v = nv;
	m->cap = ncap;
}

bool strmap_get(const struct strmap *m, const char *key, int64_t *val)
{
	struct strmap_entry *slot;

	if (!m->cap)
		return false;
	slot = find_slot(m->v, m->cap, key, hash_str(key));
	if (!slot->key)
		return false;
	if (val)
		*val = slot->val;
	return true;
}

void strmap_put(struct strmap *m, const char *key, int64_t val)
{
	uint64_t h = hash_str(key);
	struct strmap_entry *slot;

	/* Keep the load factor at or below 1/2. */
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	slot = find_slot(m->v, m->cap, key, h);
	if (!slot->key) {
		slot->key = arena_strdup(&m->keys, key);
		slot->hash = h;
		m->n++;
	}
	slot->val = val;
}
