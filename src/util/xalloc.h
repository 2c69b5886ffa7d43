/* Allocation wrappers that abort on failure, so call sites stay clean. */
#ifndef DUBAN_UTIL_XALLOC_H
#define DUBAN_UTIL_XALLOC_H

/*
 * Out of memory is not a recoverable condition for duban: every allocation
 * goes through these wrappers, which print a message and abort() when the
 * system refuses.  They never return NULL.  Sizes are checked for overflow.
 * Memory from them is released with free().
 */

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* xrealloc for an array of nmemb elements of size bytes, overflow-checked. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* A malloc'd formatted string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Grow an array `p` holding `*alloc` elements so that it can hold `need`:
 * ALLOC_GROW(tasks, ntasks + 1, tasks_alloc), as in git.
 */
#define ALLOC_GROW(p, need, alloc)                                           \
	do {                                                                 \
		if ((need) > (alloc)) {                                      \
			size_t alloc_grow_n_ = (alloc) < 8 ? 8 : (alloc) * 2; \
			if (alloc_grow_n_ < (need))                          \
				alloc_grow_n_ = (need);                      \
			(p) = xreallocarray((p), alloc_grow_n_, sizeof(*(p))); \
			(alloc) = alloc_grow_n_;                             \
		}                                                            \
	} while (0)

#endif
