/* A growable, always NUL-terminated byte string, after git's strbuf. */
#ifndef DUBAN_UTIL_STRBUF_H
#define DUBAN_UTIL_STRBUF_H

/*
 * Invariants: buf is never NULL (an empty strbuf points at a shared ""),
 * buf[len] == '\0', and len < alloc whenever alloc > 0.  The strbuf owns buf;
 * strbuf_detach() hands it to the caller (free() it), strbuf_release() frees
 * it and leaves an empty strbuf that may be reused.  Bytes may include NULs.
 */

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	size_t alloc;
	size_t len;
	char *buf;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { 0, 0, strbuf_slopbuf }

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
/* Give up ownership of the buffer; returns a malloc'd string. sb becomes empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_setlen(struct strbuf *sb, size_t len);
static inline void strbuf_reset(struct strbuf *sb) { strbuf_setlen(sb, 0); }

void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Strip ASCII white space from both ends. */
void strbuf_trim(struct strbuf *sb);

#endif
