/* A list of warnings, each naming the place (line) it concerns. */
#ifndef DUBAN_UTIL_DIAG_H
#define DUBAN_UTIL_DIAG_H

/*
 * Warnings do not stop an import: they are listed to the user and the work
 * proceeds.  Errors use struct err instead.  A struct diags owns its
 * messages; diags_release() frees them.
 */

#include <stddef.h>

struct diag {
	int line;	/* 1-based source line, or 0 when not tied to a line */
	char *msg;	/* user-facing, Chinese */
};

struct diags {
	struct diag *v;
	size_t n, alloc;
};

#define DIAGS_INIT { NULL, 0, 0 }

void diags_add(struct diags *d, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diags_release(struct diags *d);

#endif
