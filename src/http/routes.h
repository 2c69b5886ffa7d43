/* The API's route table: method, pattern, handler, roles, CSRF, body kind and schema, query. */
#ifndef DUBAN_HTTP_ROUTES_H
#define DUBAN_HTTP_ROUTES_H

/*
 * routes.c holds the ONE table of every /api/v1 route.  Adding a capability
 * is adding rows here and handlers in a handlers_*.c file.  Per row:
 *   method, pattern   "GET", "/api/v1/users/:id" (":name" captures one
 *                     segment; segments are compared decoded and exactly)
 *   handler           handlers.h
 *   roles             USER_ROLE_BIT()s that may call it; 0: no session
 *                     needed (health, login, the API description)
 *   csrf              the X-CSRF-Token header must match the session's: true
 *                     for every state change (POST, PUT, PATCH, DELETE) but
 *                     login; route_table_check() enforces it at start-up
 *   body              BODY_NONE (a body is refused), BODY_JSON (checked
 *                     against `schema` into a struct of `schema->size`
 *                     bytes: rq->in), BODY_UPLOAD (a file: multipart/form-data
 *                     field "file", or the raw body with ?filename=),
 *                     BODY_FORM (JSON as BODY_JSON, or multipart/form-data
 *                     with that JSON in the field "json" and files in
 *                     fields "file": rq->files; capped as an upload)
 *   query             the query arguments it accepts, comma-separated; any
 *                     other is refused (400)
 *   cache             CACHE_SCOPE: a GET whose answer depends on nothing but
 *                     the stored data, the caller's role and unit, the day,
 *                     the path and the query (not on the user, the session
 *                     or the clock's time of day), and which writes nothing:
 *                     its 200 answers are cached until the next write
 *                     (cache.h).  CACHE_NONE: computed every time.
 *
 * Requests are checked in this order, each failure answered at once:
 * route (404/405), session (401), role (403), CSRF (403), Content-Type
 * (415), body size (413), body schema (400); then the handler runs.
 */

#include <stdbool.h>
#include <stddef.h>

#include "http/json_in.h"
#include "http/request.h"
#include "util/arena.h"
#include "util/strbuf.h"

enum route_cache {
	CACHE_NONE = 0,
	CACHE_SCOPE
};

enum route_body {
	BODY_NONE = 0,
	BODY_JSON,
	BODY_UPLOAD,
	BODY_FORM
};

/* A JSON body's schema and the size of the struct it fills. */
struct http_body_spec {
	const struct json_field *fields;
	size_t size;
};

struct route {
	const char *method;
	const char *pattern;
	http_handler handler;
	unsigned roles;
	bool csrf;
	enum route_body body;
	const struct http_body_spec *schema;
	const char *query;
	enum route_cache cache;
};

/* The table, ending with a NULL method. */
extern const struct route http_routes[];

enum route_match {
	ROUTE_FOUND = 0,
	ROUTE_NO_PATH,		/* 404 */
	ROUTE_NO_METHOD		/* 405: `allow` lists the methods the path has */
};

/*
 * Find the route for `method` (HEAD matches GET) and `path`; captured
 * parameters go to params (values in `a`).  On ROUTE_NO_METHOD, `allow`
 * gets "GET, POST".
 */
enum route_match route_find(const char *method, const char *path, struct arena *a,
			    const struct route **out, struct http_param *params, size_t *nparams,
			    struct strbuf *allow);

/* Whether route `r` accepts query argument `name`. */
bool route_query_allowed(const struct route *r, const char *name);

/* Check the table's own rules (CSRF on state changes, schemas on JSON bodies); -1 with e. */
int route_table_check(struct err *e);

#endif
