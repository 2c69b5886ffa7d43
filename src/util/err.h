/* The one error convention: functions return 0 or -1 and fill a struct err. */
#ifndef DUBAN_UTIL_ERR_H
#define DUBAN_UTIL_ERR_H

/*
 * Every fallible function takes a `struct err *` last, returns 0 on success
 * and -1 on failure, and on failure fills the error with a kind and a
 * user-facing message (Chinese where a user reads it, naming the place:
 * file:line, field).  Callers either pass the error up unchanged or add
 * context with err_prefix().  Only main() (exit codes) and the HTTP layer
 * (statuses) turn an error kind into something else: see err_exit_code().
 *
 * A struct err needs no release; it holds its message inline.  Passing NULL
 * is allowed where the caller does not care about the message.
 */

#include <stddef.h>

enum err_kind {
	ERR_NONE = 0,
	ERR_INPUT,	/* bad input from a user or a file: exit 1, HTTP 400/422 */
	ERR_USAGE,	/* wrong command-line use: exit 2 */
	ERR_STORE,	/* the store failed or is unusable: exit 3, HTTP 500/503 */
	ERR_CONFLICT,	/* the request contradicts stored state: exit 1, HTTP 409 */
	ERR_NOT_FOUND,	/* no such object: exit 1, HTTP 404 */
	ERR_DENIED,	/* not allowed for this actor: exit 1, HTTP 403 */
	ERR_INTERNAL	/* a bug or a system failure: exit 3, HTTP 500 */
};

#define ERR_MSG_MAX 1024

struct err {
	enum err_kind kind;
	char msg[ERR_MSG_MAX];
};

#define ERR_INIT { ERR_NONE, "" }

/* Fill `e` (if not NULL) with `kind` and a formatted message; returns -1. */
int err_set(struct err *e, enum err_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Put a formatted prefix in front of the message already in `e`; returns -1. */
int err_prefix(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Forget any error in `e`. */
void err_clear(struct err *e);

/* The documented process exit code for an error kind (0 for ERR_NONE). */
int err_exit_code(enum err_kind kind);

/* A short stable English code for an error kind ("bad_input", "conflict"...). */
const char *err_kind_code(enum err_kind kind);

#endif
