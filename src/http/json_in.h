/* Declarative validation of JSON request bodies: handlers get checked values, never raw json_t. */
#ifndef DUBAN_HTTP_JSON_IN_H
#define DUBAN_HTTP_JSON_IN_H

/*
 * A body schema is an array of struct json_field ending with a NULL name.
 * json_in_parse() checks a body against it and writes each field into the
 * caller's struct (at the field's offset) as a struct json_value:
 *   - the body is valid UTF-8 (else ERR_INPUT naming the byte), at most
 *     JSON_IN_MAX_DEPTH arrays/objects deep (checked on the bytes before
 *     parsing), well-formed JSON with no duplicate keys
 *     (JSON_REJECT_DUPLICATES) and nothing after the value;
 *   - the top level is an object; a member not in the schema is refused;
 *   - each member has its type (JSON_IN_INT: an integer, never a real;
 *     JSON_IN_NUMBER: an integer or a real, read as a double;
 *     JSON_IN_STRING: a string without NUL; JSON_IN_BOOL: true/false;
 *     JSON_IN_ARRAY: an array of objects, each checked against the
 *     field's `items` schema by these same rules); null only where
 *     JSON_IN_NULLABLE;
 *   - ints and numbers lie in [min, max]; strings have min..max characters
 *     (code points) and, with `values`, are one of them (the index goes to
 *     .e); arrays have min..max elements;
 *   - members with JSON_IN_REQUIRED are present.
 * Every failure is ERR_INPUT with a Chinese message naming the field (an
 * element's as "values[2].seq"); the HTTP layer answers it with 400.
 *
 * Strings and arrays' elements are copied into the arena given (the
 * request's), so the values outlive the parsed document, which is freed
 * before returning.  An array's elements are structs of the field's
 * `item_size` bytes laid out as its `items` schema says (.items, .n).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/err.h"

#define JSON_IN_MAX_DEPTH 16

enum json_in_type {
	JSON_IN_STRING = 0,
	JSON_IN_INT,
	JSON_IN_BOOL,
	JSON_IN_NUMBER,
	JSON_IN_ARRAY
};

#define JSON_IN_REQUIRED 0x1u
#define JSON_IN_NULLABLE 0x2u

struct json_field {
	const char *name;		/* NULL ends the schema */
	enum json_in_type type;
	unsigned flags;
	int64_t min, max;		/* INT, NUMBER: the value; STRING: length in characters;
					   ARRAY: the number of elements */
	const char *const *values;	/* STRING: allowed values, NULL-terminated, or NULL */
	size_t offset;			/* of its struct json_value in the output struct */
	const struct json_field *items;	/* ARRAY: each element's schema */
	size_t item_size;		/* ARRAY: the struct each element fills */
};

/* One field's value as checked. */
struct json_value {
	bool set;		/* present in the body */
	bool null;		/* present as null (JSON_IN_NULLABLE only) */
	const char *s;		/* STRING */
	int64_t i;		/* INT */
	bool b;			/* BOOL */
	int e;			/* STRING with values: the index of the value */
	double d;		/* NUMBER */
	void *items;		/* ARRAY: n structs of the field's item_size (in the arena) */
	size_t n;		/* ARRAY */
};

/* Schema entries: JSON_STR(struct login_in, login, JSON_IN_REQUIRED, 1, 64, NULL). */
#define JSON_STR(type, member, flags, minlen, maxlen, values) \
	{ #member, JSON_IN_STRING, (flags), (minlen), (maxlen), (values), offsetof(type, member), \
	  NULL, 0 }
#define JSON_INT(type, member, flags, min, max) \
	{ #member, JSON_IN_INT, (flags), (min), (max), NULL, offsetof(type, member), NULL, 0 }
#define JSON_BOOL(type, member, flags) \
	{ #member, JSON_IN_BOOL, (flags), 0, 0, NULL, offsetof(type, member), NULL, 0 }
/* A number (integer or real) in [min, max] (integral bounds). */
#define JSON_NUM(type, member, flags, min, max) \
	{ #member, JSON_IN_NUMBER, (flags), (min), (max), NULL, offsetof(type, member), NULL, 0 }
/* An array of minn..maxn objects, each checked against `fields` into a struct `itemtype`. */
#define JSON_ARR(type, member, flags, minn, maxn, fields, itemtype) \
	{ #member, JSON_IN_ARRAY, (flags), (minn), (maxn), NULL, offsetof(type, member), \
	  (fields), sizeof(itemtype) }
#define JSON_END { NULL, JSON_IN_STRING, 0, 0, 0, NULL, 0, NULL, 0 }

/* True if buf[0..len) nests arrays and objects at most max_depth deep (strings skipped). */
bool json_in_depth_ok(const char *buf, size_t len, int max_depth);

/*
 * Check buf[0..len) against `fields` and fill `out` (a struct laid out as
 * the schema's offsets say; zeroed first).  Rules at the top.
 */
int json_in_parse(const char *buf, size_t len, const struct json_field *fields, void *out,
		  struct arena *a, struct err *e);

#endif
