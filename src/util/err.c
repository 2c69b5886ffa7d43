/* The error convention's implementation: message formatting and kind mapping. */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/banned.h"

int err_set(struct err *e, enum err_kind kind, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -1;
	e->kind = kind;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

int err_prefix(struct err *e, const char *fmt, ...)
{
	char old[ERR_MSG_MAX];
	size_t n;
	int len;
	va_list ap;

	if (!e)
		return -1;
	memcpy(old, e->msg, sizeof(old));
	va_start(ap, fmt);
	len = vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	n = len < 0 ? 0 : (size_t)len;
	if (n < sizeof(e->msg) - 1) {
		size_t rest = strnlen(old, sizeof(old) - 1);
		if (rest > sizeof(e->msg) - 1 - n)
			rest = sizeof(e->msg) - 1 - n;
		memcpy(e->msg + n, old, rest);
		e->msg[n + rest] = '\0';
	}
	return -1;
}

void err_clear(struct err *e)
{
	if (!e)
		return;
	e->kind = ERR_NONE;
	e->msg[0] = '\0';
}

int err_exit_code(enum err_kind kind)
{
	switch (kind) {
	case ERR_NONE:
		return 0;
	case ERR_INPUT:
	case ERR_CONFLICT:
	case ERR_NOT_FOUND:
	case ERR_DENIED:
		return 1;
	case ERR_USAGE:
		return 2;
	case ERR_STORE:
	case ERR_INTERNAL:
		return 3;
	}
	return 3;
}

const char *err_kind_code(enum err_kind kind)
{
	static const char *const codes[] = {
		[ERR_NONE] = "ok",
		[ERR_INPUT] = "bad_input",
		[ERR_USAGE] = "usage",
		[ERR_STORE] = "store_error",
		[ERR_CONFLICT] = "conflict",
		[ERR_NOT_FOUND] = "not_found",
		[ERR_DENIED] = "forbidden",
		[ERR_INTERNAL] = "internal",
	};
	if ((size_t)kind < sizeof(codes) / sizeof(codes[0]) && codes[kind])
		return codes[kind];
	return "internal";
}
