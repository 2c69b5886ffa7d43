/* Unit tests for src/http/routes.c: matching, the table's own rules, and its description in openapi.yaml. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "http/handlers.h"
#include "http/routes.h"
#include "util/arena.h"
#include "util/strbuf.h"

static void test_matching(void **state)
{
	struct http_param params[HTTP_MAX_PARAMS];
	struct strbuf allow = STRBUF_INIT;
	struct arena a = ARENA_INIT;
	const struct route *r;
	size_t n;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(route_find("GET", "/api/v1/users/42", &a, &r, params, &n, &allow),
			 ROUTE_FOUND);
	assert_ptr_equal(r->handler, h_user_get);
	assert_int_equal(n, 1);
	assert_string_equal(params[0].name, "id");
	assert_string_equal(params[0].value, "42");
	/* HEAD is GET; a trailing slash is the same path. */
	assert_int_equal(route_find("HEAD", "/api/v1/plans/", &a, &r, params, &n, &allow),
			 ROUTE_FOUND);
	assert_ptr_equal(r->handler, h_plans_list);
	assert_int_equal(route_find("DELETE", "/api/v1/users/42", &a, &r, params, &n, &allow),
			 ROUTE_NO_METHOD);
	assert_string_equal(allow.buf, "GET, HEAD, PATCH");
	assert_int_equal(route_find("GET", "/api/v1/users/42/x", &a, &r, params, &n, &allow),
			 ROUTE_NO_PATH);
	assert_int_equal(route_find("GET", "/api/v1/users/", &a, &r, params, &n, &allow),
			 ROUTE_FOUND);
	assert_ptr_equal(r->handler, h_users_list);
	assert_false(route_query_allowed(r, "plan"));
	assert_int_equal(route_find("GET", "/api/v1//users", &a, &r, params, &n, &allow),
			 ROUTE_NO_PATH);
	assert_null(r);
	assert_int_equal(route_find("GET", "/api/v2/users", &a, &r, params, &n, &allow),
			 ROUTE_NO_PATH);
	assert_int_equal(route_find("GET", "/api/v1/tasks", &a, &r, params, &n, &allow),
			 ROUTE_FOUND);
	assert_true(route_query_allowed(r, "plan"));
	assert_true(route_query_allowed(r, "offset"));
	assert_false(route_query_allowed(r, "off"));
	assert_false(route_query_allowed(r, "plans"));
	strbuf_release(&allow);
	arena_release(&a);
}

static void test_table_rules(void **state)
{
	struct err e = ERR_INIT;

	(void)state;
	assert_int_equal(route_table_check(&e), 0);
	for (const struct route *r = http_routes; r->method; r++) {
		/* Every state change checks CSRF and needs a role, but logging in. */
		if (strcmp(r->method, "GET") && r->handler != h_session_login) {
			assert_true(r->csrf);
			assert_true(r->roles != 0);
		}
	}
}

/* "/api/v1/users/:id" -> "/users/{id}" */
static void openapi_path(const char *pattern, struct strbuf *out)
{
	const char *p = pattern + strlen("/api/v1");

	strbuf_reset(out);
	while (*p) {
		if (*p == ':') {
			strbuf_addch(out, '{');
			for (p++; *p && *p != '/'; p++)
				strbuf_addch(out, *p);
			strbuf_addch(out, '}');
		} else {
			strbuf_addch(out, *p++);
		}
	}
}

/* Every route is described in docs/openapi.yaml (as embedded), under its path, with its method. */
static void test_every_route_is_described(void **state)
{
	const char *yaml = (const char *)http_openapi_yaml;
	struct strbuf path = STRBUF_INIT, key = STRBUF_INIT;

	(void)state;
	assert_int_equal(strlen(yaml), http_openapi_yaml_len);
	for (const struct route *r = http_routes; r->method; r++) {
		const char *at, *next;
		char method[16];
		size_t i;

		openapi_path(r->pattern, &path);
		strbuf_reset(&key);
		strbuf_addf(&key, "\n  %s:\n", path.buf);
		at = strstr(yaml, key.buf);
		if (!at)
			fail_msg("openapi.yaml does not describe %s", path.buf);
		/* The path's block ends where the next path (two-space indent + '/') begins. */
		next = strstr(at + key.len, "\n  /");
		for (i = 0; r->method[i] && i < sizeof(method) - 1; i++)
			method[i] = (char)tolower((unsigned char)r->method[i]);
		method[i] = '\0';
		strbuf_reset(&key);
		strbuf_addf(&key, "\n    %s:\n", method);
		at = strstr(at, key.buf);
		if (!at || (next && at > next))
			fail_msg("openapi.yaml does not describe %s %s", r->method, path.buf);
	}
	strbuf_release(&path);
	strbuf_release(&key);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matching),
		cmocka_unit_test(test_table_rules),
		cmocka_unit_test(test_every_route_is_described),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
