/* libFuzzer target: what the HTTP layer parses itself — JSON bodies against every route's schema, Accept-Encoding, If-Match tags. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/gzip.h"
#include "http/json_in.h"
#include "http/respond.h"
#include "http/routes.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what, const struct err *e)
{
	fprintf(stderr, "fuzz_http_input: %s%s%s\n", what, e ? ": " : "", e ? e->msg : "");
	abort();
}

/* The checked values must be what the schema allows. */
static void check_values(const struct json_field *fields, const void *out)
{
	for (const struct json_field *f = fields; f->name; f++) {
		const struct json_value *v = (const void *)((const char *)out + f->offset);

		if (!v->set || v->null)
			continue;
		switch (f->type) {
		case JSON_IN_INT:
			if (v->i < f->min || v->i > f->max)
				die("an integer outside its bounds was accepted", NULL);
			break;
		case JSON_IN_NUMBER:
			if (v->d < (double)f->min || v->d > (double)f->max)
				die("a number outside its bounds was accepted", NULL);
			break;
		case JSON_IN_STRING:
			if (!v->s)
				die("a string field without its string", NULL);
			if (f->values && (v->e < 0 || strcmp(f->values[v->e], v->s)))
				die("an enumerated string maps to the wrong value", NULL);
			break;
		case JSON_IN_ARRAY:
			if ((int64_t)v->n < f->min || (int64_t)v->n > f->max)
				die("an array of the wrong length was accepted", NULL);
			for (size_t i = 0; i < v->n; i++)
				check_values(f->items, (const char *)v->items + i * f->item_size);
			break;
		case JSON_IN_BOOL:
			break;
		}
	}
}

/*
 * The first byte chooses what reads the rest: the JSON body of one route
 * with a schema (every route in turn), an Accept-Encoding value, or an
 * If-Match tag.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct route *routes[128];
	size_t n = 0, pick;
	const char *body;
	size_t len;
	char *text;

	if (!size)
		return 0;
	for (const struct route *r = http_routes; r->method && n < 128; r++)
		if (r->schema)
			routes[n++] = r;
	pick = data[0] % (n + 2);
	body = (const char *)data + 1;
	len = size - 1;
	if (pick < n) {
		const struct http_body_spec *spec = routes[pick]->schema;
		struct arena a = ARENA_INIT;
		struct err e = ERR_INIT;
		void *out;

		arena_init(&a, 0);
		out = arena_zalloc(&a, spec->size);
		if (json_in_parse(body, len, spec->fields, out, &a, &e)) {
			if (e.kind != ERR_INPUT)
				die("a bad body is not ERR_INPUT", &e);
			if (!e.msg[0])
				die("a refusal without a message", NULL);
		} else {
			check_values(spec->fields, out);
		}
		arena_release(&a);
		return 0;
	}
	/* Header values are NUL-terminated strings. */
	text = malloc(len + 1);
	if (!text)
		abort();
	memcpy(text, body, len);
	text[len] = '\0';
	if (pick == n) {
		(void)http_accepts_gzip(text);
	} else {
		int64_t v = http_tag_version(text);

		if (v == 0 || v < -1)
			die("a tag version is neither -1 nor positive", NULL);
	}
	free(text);
	return 0;
}
