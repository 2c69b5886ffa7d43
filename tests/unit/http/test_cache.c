/* Unit tests for src/http/cache.c and gzip.c: generations, scope of entries, the budget, held entries, sessions, gzip. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "http/cache.h"
#include "http/gzip.h"
#include "util/arena.h"

/* A response over a copy of `text`, with a header naming it (to tell responses apart). */
static struct MHD_Response *resp(const char *text)
{
	size_t n = strlen(text);
	char *copy = malloc(n + 1);
	struct MHD_Response *r;

	assert_non_null(copy);
	memcpy(copy, text, n + 1);
	r = MHD_create_response_from_buffer(n, copy, MHD_RESPMEM_MUST_FREE);
	assert_non_null(r);
	MHD_add_response_header(r, "X-Test", text);
	return r;
}

static const char *name_of(const struct http_cached *h)
{
	return MHD_get_response_header(h->response, "X-Test");
}

static void test_generations(void **state)
{
	struct http_cache *c = http_cache_new(1 << 20);
	struct http_cached h;
	struct http_cache_stats st;

	(void)state;
	assert_false(http_cache_get(c, "k", 5, false, &h));
	http_cache_put(c, "k", 5, 200, resp("a5"), 2, NULL, 0);
	assert_true(http_cache_get(c, "k", 5, false, &h));
	assert_string_equal(name_of(&h), "a5");
	assert_int_equal(h.status, 200);
	assert_int_equal(h.len, 2);
	http_cache_done(c, &h);
	/* Another key, the same generation: nothing. */
	assert_false(http_cache_get(c, "k2", 5, false, &h));
	/* An answer computed at an older generation is not stored, nor found. */
	http_cache_put(c, "k3", 4, 200, resp("a4"), 2, NULL, 0);
	assert_false(http_cache_get(c, "k3", 4, false, &h));
	assert_false(http_cache_get(c, "k", 4, false, &h));
	/* A key already listed keeps its first answer. */
	http_cache_put(c, "k", 5, 200, resp("b5"), 2, NULL, 0);
	assert_true(http_cache_get(c, "k", 5, false, &h));
	assert_string_equal(name_of(&h), "a5");
	http_cache_done(c, &h);
	/* A newer generation empties the cache. */
	assert_false(http_cache_get(c, "k", 6, false, &h));
	assert_false(http_cache_get(c, "k", 5, false, &h));
	http_cache_stats(c, &st);
	assert_int_equal(st.entries, 0);
	assert_int_equal(st.bytes, 0);
	assert_int_equal(st.flushes, 1);
	assert_int_equal(st.hits, 2);
	assert_int_equal(st.dropped, 2);
	http_cache_free(c);
}

static void test_held_entry_outlives_flush(void **state)
{
	struct http_cache *c = http_cache_new(1 << 20);
	struct http_cached h;

	(void)state;
	http_cache_put(c, "k", 1, 200, resp("plain"), 5, resp("zipped"), 6);
	assert_true(http_cache_get(c, "k", 1, true, &h));
	assert_true(h.gzip);
	assert_int_equal(h.len, 6);
	/* A write elsewhere: the next lookup empties the cache while h is held. */
	assert_false(http_cache_get(c, "other", 2, false, &(struct http_cached){ 0 }));
	/* Still readable (valgrind and ASan would see a use after free). */
	assert_string_equal(name_of(&h), "zipped");
	http_cache_done(c, &h);
	assert_null(h.entry);
	http_cache_free(c);
}

static void test_gzip_variant_only_when_asked(void **state)
{
	struct http_cache *c = http_cache_new(1 << 20);
	struct http_cached h;

	(void)state;
	http_cache_put(c, "both", 1, 200, resp("plain"), 5, resp("zipped"), 6);
	http_cache_put(c, "plain-only", 1, 200, resp("small"), 5, NULL, 0);
	assert_true(http_cache_get(c, "both", 1, false, &h));
	assert_false(h.gzip);
	assert_string_equal(name_of(&h), "plain");
	http_cache_done(c, &h);
	assert_true(http_cache_get(c, "plain-only", 1, true, &h));
	assert_false(h.gzip);
	assert_string_equal(name_of(&h), "small");
	http_cache_done(c, &h);
	http_cache_free(c);
}

static void test_budget(void **state)
{
	struct http_cache *c = http_cache_new(4096);
	struct http_cache_stats st;
	struct http_cached h;

	(void)state;
	http_cache_put(c, "small", 1, 200, resp("s"), 1000, NULL, 0);
	http_cache_put(c, "big", 1, 200, resp("b"), 5000, NULL, 0);
	assert_true(http_cache_get(c, "small", 1, false, &h));
	http_cache_done(c, &h);
	assert_false(http_cache_get(c, "big", 1, false, &h));
	http_cache_stats(c, &st);
	assert_int_equal(st.full, 1);
	assert_true(st.bytes <= 4096);
	http_cache_free(c);
	/* A budget of 0: off; puts are dropped (and their responses freed). */
	c = http_cache_new(0);
	assert_false(http_cache_enabled(c));
	http_cache_put(c, "k", 1, 200, resp("x"), 1, NULL, 0);
	assert_false(http_cache_get(c, "k", 1, false, &h));
	http_cache_free(c);
	http_cache_free(NULL);
}

static void test_sessions(void **state)
{
	struct http_cache *c = http_cache_new(1 << 20);
	struct svc_principal who, got;
	struct arena a = ARENA_INIT;
	char login[] = "liaison", name[] = "联络员", unit[] = "汉滨区政府";

	(void)state;
	arena_init(&a, 0);
	memset(&who, 0, sizeof(who));
	who.user_id = 7;
	who.login = login;
	who.name = name;
	who.role = USER_LIAISON;
	who.unit_id = 3;
	who.unit_name = unit;
	who.expires_at = 1000;
	who.extended = true;
	snprintf(who.csrf, sizeof(who.csrf), "csrf-token");
	assert_false(http_cache_session_get(c, "tok", 1, &a, &got));
	http_cache_session_put(c, "tok", 1, &who);
	/* The caller's strings may go: the cache keeps copies. */
	memset(login, 'x', sizeof(login) - 1);
	memset(unit, 'x', sizeof(unit) - 1);
	assert_true(http_cache_session_get(c, "tok", 1, &a, &got));
	assert_string_equal(got.login, "liaison");
	assert_string_equal(got.name, "联络员");
	assert_string_equal(got.unit_name, "汉滨区政府");
	assert_string_equal(got.csrf, "csrf-token");
	assert_int_equal(got.user_id, 7);
	assert_int_equal(got.unit_id, 3);
	assert_int_equal(got.expires_at, 1000);
	assert_false(got.extended);
	/* Sessions and answers do not share keys. */
	assert_false(http_cache_get(c, "tok", 1, false, &(struct http_cached){ 0 }));
	/* A write: the session is resumed afresh. */
	assert_false(http_cache_session_get(c, "tok", 2, &a, &got));
	/* Without a unit. */
	who.unit_name = NULL;
	who.unit_id = 0;
	http_cache_session_put(c, "tok2", 2, &who);
	assert_true(http_cache_session_get(c, "tok2", 2, &a, &got));
	assert_null(got.unit_name);
	arena_release(&a);
	http_cache_free(c);
}

static int freed;

static void count_free(void *v)
{
	freed++;
	free(v);
}

static int *int_value(int v)
{
	int *p = malloc(sizeof(*p));

	assert_non_null(p);
	*p = v;
	return p;
}

static void test_values(void **state)
{
	struct http_cache *c = http_cache_new(1 << 20);
	struct http_cache_entry *r1, *r2, *r3;
	const int *got;

	(void)state;
	freed = 0;
	assert_null(http_cache_value_get(c, "plan", 3, &r1));
	assert_null(r1);
	http_cache_value_put(c, "plan", 3, int_value(42), sizeof(int), count_free, &r1);
	assert_non_null(r1);
	got = http_cache_value_get(c, "plan", 3, &r2);
	assert_non_null(got);
	assert_int_equal(*got, 42);
	/* Values do not answer for answers or sessions of the same key. */
	assert_false(http_cache_get(c, "plan", 3, false, &(struct http_cached){ 0 }));
	/* A write: the value is unlisted, yet lives while references are held. */
	assert_null(http_cache_value_get(c, "plan", 4, &r3));
	assert_int_equal(freed, 0);
	assert_int_equal(*got, 42);
	http_cache_value_done(c, r1);
	assert_int_equal(freed, 0);
	http_cache_value_done(c, r2);
	assert_int_equal(freed, 1);
	http_cache_value_done(c, NULL);
	/* gen < 0: the caller's alone, never listed. */
	http_cache_value_put(c, "mine", -1, int_value(7), sizeof(int), count_free, &r1);
	assert_null(http_cache_value_get(c, "mine", 4, &r2));
	assert_null(http_cache_value_get(c, "mine", -1, &r2));
	http_cache_value_done(c, r1);
	assert_int_equal(freed, 2);
	/* A second put of a listed key: the first stays, the second is freed with its reference. */
	http_cache_value_put(c, "plan", 4, int_value(1), sizeof(int), count_free, &r1);
	http_cache_value_put(c, "plan", 4, int_value(2), sizeof(int), count_free, &r2);
	http_cache_value_done(c, r2);
	assert_int_equal(freed, 3);
	got = http_cache_value_get(c, "plan", 4, &r3);
	assert_int_equal(*got, 1);
	http_cache_value_done(c, r3);
	http_cache_value_done(c, r1);
	/* Freeing the cache frees what it lists. */
	http_cache_free(c);
	assert_int_equal(freed, 4);
	/* A disabled cache: values are the caller's. */
	c = http_cache_new(0);
	http_cache_value_put(c, "plan", 1, int_value(5), sizeof(int), count_free, &r1);
	assert_null(http_cache_value_get(c, "plan", 1, &r2));
	http_cache_value_done(c, r1);
	assert_int_equal(freed, 5);
	http_cache_free(c);
}

static void test_accepts_gzip(void **state)
{
	static const struct { const char *h; bool want; } cases[] = {
		{ NULL, false },
		{ "", false },
		{ "gzip", true },
		{ "GZip", true },
		{ "x-gzip", true },
		{ "gzip, deflate, br", true },
		{ "deflate, gzip;q=0.5", true },
		{ "deflate , gzip ; q=1.0 ", true },
		{ "gzip;level=1;q=1", true },
		{ "gzip;q=0", false },
		{ "gzip;q=0.000", false },
		{ "gzip; Q=0", false },
		{ "*", true },
		{ "*;q=0", false },
		{ "br, *;q=0.1", true },
		{ "gzip;q=0, *", false },
		{ "identity", false },
		{ "gzipx, xgzip", false },
		{ "gzip;q=2", false },		/* malformed: ignored */
		{ "gzip;q=", false },
		{ "gzip;q=abc", false },
		{ ",,,gzip,,", true },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (http_accepts_gzip(cases[i].h) != cases[i].want)
			fail_msg("Accept-Encoding \"%s\": expected %s", cases[i].h ? cases[i].h : "(none)",
				 cases[i].want ? "gzip" : "no gzip");
	}
}

static void test_gzip_roundtrip(void **state)
{
	char text[20000], back[20000];
	size_t n = 0, zlen;
	char *z;
	z_stream s;

	(void)state;
	while (n + 40 < sizeof(text))
		n += (size_t)snprintf(text + n, sizeof(text) - n, "{\"task_no\":%zu,\"rag\":\"green\"},", n);
	z = http_gzip(text, n, &zlen);
	assert_non_null(z);
	assert_true(zlen < n / 2);
	/* A gzip member: magic bytes, and zlib's gzip decoder gives the text back. */
	assert_int_equal((unsigned char)z[0], 0x1f);
	assert_int_equal((unsigned char)z[1], 0x8b);
	memset(&s, 0, sizeof(s));
	assert_int_equal(inflateInit2(&s, 15 + 16), Z_OK);
	s.next_in = (Bytef *)z;
	s.avail_in = (uInt)zlen;
	s.next_out = (Bytef *)back;
	s.avail_out = sizeof(back);
	assert_int_equal(inflate(&s, Z_FINISH), Z_STREAM_END);
	assert_int_equal(s.total_out, n);
	assert_memory_equal(back, text, n);
	inflateEnd(&s);
	free(z);
	/* Too small, or not worth it (random-looking bytes): NULL. */
	assert_null(http_gzip("{\"ok\":true}", 11, &zlen));
	for (uint32_t i = 0, x = 2463534242u; i < 4096; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		text[i] = (char)(x >> 24);
	}
	assert_null(http_gzip(text, 4096, &zlen));
	assert_int_equal(zlen, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generations),
		cmocka_unit_test(test_held_entry_outlives_flush),
		cmocka_unit_test(test_gzip_variant_only_when_asked),
		cmocka_unit_test(test_budget),
		cmocka_unit_test(test_sessions),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_accepts_gzip),
		cmocka_unit_test(test_gzip_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
