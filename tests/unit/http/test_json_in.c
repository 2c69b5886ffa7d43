/* Unit tests for src/http/json_in.c: declarative validation of JSON request bodies. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "http/json_in.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/strbuf.h"

static const char *const colours[] = { "red", "green", "blue", NULL };

struct sample {
	struct json_value name, count, flag, colour, parent;
};

static const struct json_field sample_fields[] = {
	JSON_STR(struct sample, name, JSON_IN_REQUIRED, 1, 3, NULL),
	JSON_INT(struct sample, count, 0, -5, 100),
	JSON_BOOL(struct sample, flag, 0),
	JSON_STR(struct sample, colour, 0, 1, 16, colours),
	JSON_INT(struct sample, parent, JSON_IN_NULLABLE, 1, INT64_MAX),
	JSON_END,
};

/* Parse `body`; on failure the message must contain `want` (when not NULL). */
static int parse(const char *body, struct sample *out, struct arena *a, const char *want)
{
	struct err e = ERR_INIT;
	int rc = json_in_parse(body, strlen(body), sample_fields, out, a, &e);

	if (rc) {
		assert_int_equal(e.kind, ERR_INPUT);
		if (want && !strstr(e.msg, want))
			fail_msg("message \"%s\" lacks \"%s\"", e.msg, want);
	}
	return rc;
}

static void test_accepts_a_valid_body(void **state)
{
	struct arena a = ARENA_INIT;
	struct sample s;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(parse("{\"name\":\"督办局\",\"count\":-5,\"flag\":true,"
			       "\"colour\":\"blue\",\"parent\":null}", &s, &a, NULL), 0);
	assert_true(s.name.set);
	assert_string_equal(s.name.s, "督办局");
	assert_true(s.count.set);
	assert_int_equal(s.count.i, -5);
	assert_true(s.flag.b);
	assert_int_equal(s.colour.e, 2);
	assert_true(s.parent.set && s.parent.null);
	/* Optional members may be absent: set stays false. */
	assert_int_equal(parse("{\"name\":\"x\"}", &s, &a, NULL), 0);
	assert_false(s.count.set);
	assert_false(s.colour.set);
	assert_null(s.colour.s);
	arena_release(&a);
}

static void test_refuses_shape_errors(void **state)
{
	struct arena a = ARENA_INIT;
	struct sample s;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(parse("{\"name\":\"x\",\"extra\":1}", &s, &a, "未知字段“extra”"), -1);
	assert_int_equal(parse("{\"count\":1}", &s, &a, "缺少字段 name"), -1);
	assert_int_equal(parse("{\"name\":1}", &s, &a, "字段 name 应为字符串"), -1);
	assert_int_equal(parse("{\"name\":\"x\",\"count\":\"1\"}", &s, &a, "字段 count 应为整数"), -1);
	assert_int_equal(parse("{\"name\":\"x\",\"count\":1.0}", &s, &a, "字段 count 应为整数"), -1);
	assert_int_equal(parse("{\"name\":\"x\",\"flag\":1}", &s, &a, "字段 flag"), -1);
	assert_int_equal(parse("{\"name\":null}", &s, &a, "不能为 null"), -1);
	assert_int_equal(parse("{\"name\":\"x\",\"count\":101}", &s, &a, "-5 至 100"), -1);
	assert_int_equal(parse("{\"name\":\"x\",\"colour\":\"pink\"}", &s, &a,
			       "red、green、blue"), -1);
	/* Lengths count characters, not bytes: 4 characters are one too many. */
	assert_int_equal(parse("{\"name\":\"督办局长\"}", &s, &a, "1 至 3 个字符"), -1);
	assert_int_equal(parse("{\"name\":\"\"}", &s, &a, "长度"), -1);
	assert_int_equal(parse("[1]", &s, &a, "应为 JSON 对象"), -1);
	assert_int_equal(parse("\"x\"", &s, &a, NULL), -1);
	arena_release(&a);
}

static void test_refuses_syntax_and_encoding(void **state)
{
	struct arena a = ARENA_INIT;
	struct sample s;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(parse("{\"name\":\"x\",\"name\":\"y\"}", &s, &a, "JSON"), -1);
	assert_int_equal(parse("{\"name\":\"x\"} trailing", &s, &a, "JSON"), -1);
	assert_int_equal(parse("{\"name\":\"x\"", &s, &a, "JSON"), -1);
	assert_int_equal(parse("", &s, &a, "JSON"), -1);
	assert_int_equal(parse("{\"name\":\"a\\u0000b\"}", &s, &a, NULL), -1);
	/* A lone continuation byte and an overlong "/" are not UTF-8. */
	assert_int_equal(parse("{\"name\":\"\x80\"}", &s, &a, "UTF-8（第 10 字节）"), -1);
	assert_int_equal(parse("{\"name\":\"\xC0\xAF\"}", &s, &a, "UTF-8"), -1);
	arena_release(&a);
}

static void test_caps_nesting(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct arena a = ARENA_INIT;
	struct sample s;

	(void)state;
	arena_init(&a, 0);
	/* depth counts [ and { ; brackets inside strings do not count. */
	assert_true(json_in_depth_ok("[[[]]]", 6, 3));
	assert_false(json_in_depth_ok("[[[[]]]]", 8, 3));
	assert_true(json_in_depth_ok("[\"[[[[\"]", 8, 1));
	assert_true(json_in_depth_ok("[\"\\\"[[[\"]", 9, 1));
	strbuf_addstr(&sb, "{\"name\":\"x\",\"count\":");
	for (int i = 0; i < JSON_IN_MAX_DEPTH; i++)
		strbuf_addch(&sb, '[');
	for (int i = 0; i < JSON_IN_MAX_DEPTH; i++)
		strbuf_addch(&sb, ']');
	strbuf_addch(&sb, '}');
	assert_int_equal(parse(sb.buf, &s, &a, "嵌套超过"), -1);
	/* One level less passes the cap and fails on the type instead. */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "{\"name\":\"x\",\"count\":");
	for (int i = 0; i < JSON_IN_MAX_DEPTH - 1; i++)
		strbuf_addch(&sb, '[');
	for (int i = 0; i < JSON_IN_MAX_DEPTH - 1; i++)
		strbuf_addch(&sb, ']');
	strbuf_addch(&sb, '}');
	assert_int_equal(parse(sb.buf, &s, &a, "应为整数"), -1);
	strbuf_release(&sb);
	arena_release(&a);
}

/* Numbers (integer or real) and arrays of objects, checked element by element. */
struct point {
	struct json_value seq, value;
};

static const struct json_field point_fields[] = {
	JSON_INT(struct point, seq, JSON_IN_REQUIRED, 1, 9),
	JSON_NUM(struct point, value, JSON_IN_REQUIRED, -100, 100),
	JSON_END,
};

struct series {
	struct json_value percent, points;
};

static const struct json_field series_fields[] = {
	JSON_NUM(struct series, percent, JSON_IN_REQUIRED, 0, 100),
	JSON_ARR(struct series, points, 0, 1, 3, point_fields, struct point),
	JSON_END,
};

static int parse_series(const char *body, struct series *out, struct arena *a, const char *want)
{
	struct err e = ERR_INIT;
	int rc = json_in_parse(body, strlen(body), series_fields, out, a, &e);

	if (rc) {
		assert_int_equal(e.kind, ERR_INPUT);
		if (want && !strstr(e.msg, want))
			fail_msg("message \"%s\" lacks \"%s\"", e.msg, want);
	}
	return rc;
}

static void test_numbers_and_arrays(void **state)
{
	struct arena a = ARENA_INIT;
	struct series s;
	const struct point *p;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(parse_series("{\"percent\":58.33,\"points\":[{\"seq\":1,\"value\":-2.5},"
				      "{\"value\":100,\"seq\":9}]}", &s, &a, NULL), 0);
	assert_true(s.percent.d > 58.329 && s.percent.d < 58.331);
	assert_int_equal(s.points.n, 2);
	p = s.points.items;
	assert_int_equal(p[0].seq.i, 1);
	assert_true(p[0].value.d == -2.5);
	assert_int_equal(p[1].seq.i, 9);
	assert_true(p[1].value.d == 100.0);
	/* An integer is a number too; the array may be absent. */
	assert_int_equal(parse_series("{\"percent\":40}", &s, &a, NULL), 0);
	assert_true(s.percent.d == 40.0);
	assert_false(s.points.set);
	assert_int_equal(parse_series("{\"percent\":100.01}", &s, &a, "0 至 100"), -1);
	assert_int_equal(parse_series("{\"percent\":\"40\"}", &s, &a, "应为数值"), -1);
	assert_int_equal(parse_series("{\"percent\":1,\"points\":{}}", &s, &a, "应为数组"), -1);
	assert_int_equal(parse_series("{\"percent\":1,\"points\":[]}", &s, &a, "1 至 3 项"), -1);
	assert_int_equal(parse_series("{\"percent\":1,\"points\":[{\"seq\":1,\"value\":1},{\"seq\":2,"
				      "\"value\":1},{\"seq\":3,\"value\":1},{\"seq\":4,\"value\":1}]}",
				      &s, &a, "现为 4 项"), -1);
	/* Errors inside an element name it: points[2].seq. */
	assert_int_equal(parse_series("{\"percent\":1,\"points\":[{\"seq\":1,\"value\":1},"
				      "{\"value\":1}]}", &s, &a, "缺少字段 points[2].seq"), -1);
	assert_int_equal(parse_series("{\"percent\":1,\"points\":[{\"seq\":1,\"value\":1,\"x\":0}]}",
				      &s, &a, "未知字段“points[1].x”"), -1);
	assert_int_equal(parse_series("{\"percent\":1,\"points\":[{\"seq\":10,\"value\":1}]}", &s,
				      &a, "字段 points[1].seq 应在 1 至 9 之间"), -1);
	assert_int_equal(parse_series("{\"percent\":1,\"points\":[7]}", &s, &a,
				      "字段 points[1] 应为 JSON 对象"), -1);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepts_a_valid_body),
		cmocka_unit_test(test_refuses_shape_errors),
		cmocka_unit_test(test_refuses_syntax_and_encoding),
		cmocka_unit_test(test_caps_nesting),
		cmocka_unit_test(test_numbers_and_arrays),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
