/* `key = value` configuration text (status thresholds, assessment rules): one tokenizer, one set of messages. */
#ifndef DUBAN_UTIL_KVCONF_H
#define DUBAN_UTIL_KVCONF_H

/*
 * The format: one `key = value` per line; white space around key and value
 * is ignored; `#` starts a comment; blank lines are skipped; a UTF-8 BOM at
 * the start is skipped; CRLF line ends work.  The meaning of keys and values
 * belongs to the caller: kvconf_parse() only cuts lines into items and calls
 * back.  Items point into the caller's text (not NUL-terminated).  Messages
 * name FILE:LINE.
 */

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

struct kvconf_item {
	int lineno;		/* 1-based */
	const char *key;	/* key[0..klen), never empty */
	size_t klen;
	const char *val;	/* val[0..vlen), may be empty */
	size_t vlen;
};

typedef int kvconf_fn(void *ctx, const struct kvconf_item *it, struct err *e);

/*
 * Call fn for each item of `text` in order.  A non-blank line without '=' is
 * ERR_INPUT "FILE:LINE: 缺少“=”…".  Returns 0, or -1 from that or from fn.
 */
int kvconf_parse(const char *text, const char *file, kvconf_fn *fn, void *ctx, struct err *e);

/* True if the item's key is exactly `name`. */
bool kvconf_key_is(const struct kvconf_item *it, const char *name);

/* The shared messages; each fills e (ERR_INPUT) and returns -1. */
int kvconf_unknown(struct err *e, const char *file, const struct kvconf_item *it);
int kvconf_duplicate(struct err *e, const char *file, const struct kvconf_item *it,
		     const char *name, int first_line);
int kvconf_bad_value(struct err *e, const char *file, const struct kvconf_item *it,
		     const char *name, const char *expect);

#endif
