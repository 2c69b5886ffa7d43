/* A bump allocator for objects that share one lifetime (a parsed document, a request). */
#ifndef DUBAN_UTIL_ARENA_H
#define DUBAN_UTIL_ARENA_H

/*
 * Everything allocated from an arena is freed at once by arena_release();
 * nothing is freed individually.  Allocation never fails (it aborts through
 * xalloc).  Returned memory is aligned for any scalar type.  An arena is not
 * thread-safe: one arena per request or per document.
 */

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t chunk_size;
};

#define ARENA_INIT { NULL, 0 }

void arena_init(struct arena *a, size_t chunk_size);
void arena_release(struct arena *a);

void *arena_alloc(struct arena *a, size_t n);	/* uninitialised */
void *arena_zalloc(struct arena *a, size_t n);	/* zeroed */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
