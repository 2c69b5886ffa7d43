/* A hash map from strings to 64-bit integers (names to database ids). */
#ifndef DUBAN_UTIL_STRMAP_H
#define DUBAN_UTIL_STRMAP_H

/*
 * Open addressing with linear probing; keys are NUL-terminated byte strings
 * compared exactly (callers build match keys first if they want folding).
 * The map copies every key it stores into its own arena, so callers may
 * free or reuse theirs.  strmap_release() frees keys and table and leaves an
 * empty map that may be reused.  Not thread-safe.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

struct strmap_entry {
	const char *key;	/* NULL: empty slot */
	uint64_t hash;
	int64_t val;
};

struct strmap {
	struct strmap_entry *v;
	size_t n;		/* entries stored */
	size_t cap;		/* slots: 0 or a power of two */
	struct arena keys;
};

#define STRMAP_INIT { NULL, 0, 0, ARENA_INIT }

void strmap_init(struct strmap *m);
void strmap_release(struct strmap *m);

/* Look `key` up; on a hit store its value in *val (if not NULL) and return true. */
bool strmap_get(const struct strmap *m, const char *key, int64_t *val);

/* Insert or overwrite `key` -> val. */
void strmap_put(struct strmap *m, const char *key, int64_t val);

/* Number of keys stored. */
static inline size_t strmap_count(const struct strmap *m) { return m->n; }

#endif
