/* Unit tests for src/util: strbuf, arena, dates, UTF-8 and match keys. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/date.h"
#include "util/diag.h"
#include "util/err.h"
#include "util/hash.h"
#include "util/kvconf.h"
#include "util/strbuf.h"
#include "util/utf8.h"

static void test_strbuf_grows_and_detaches(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *p;
	size_t len;

	(void)state;
	assert_string_equal(sb.buf, "");
	for (int i = 0; i < 1000; i++)
		strbuf_addf(&sb, "%d,", i % 10);
	assert_int_equal(sb.len, 2000);
	assert_int_equal(sb.buf[sb.len], '\0');
	strbuf_addstr(&sb, "  ");
	strbuf_trim(&sb);
	assert_int_equal(sb.len, 2000);
	p = strbuf_detach(&sb, &len);
	assert_int_equal(len, 2000);
	assert_string_equal(sb.buf, "");
	free(p);
	strbuf_release(&sb);
}

static void test_arena_alignment_and_large_blocks(void **state)
{
	struct arena a = ARENA_INIT;
	char *big;

	(void)state;
	arena_init(&a, 256);
	for (int i = 1; i < 100; i++) {
		void *p = arena_alloc(&a, (size_t)i);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
	}
	big = arena_zalloc(&a, 100000);
	assert_int_equal(big[99999], 0);
	assert_string_equal(arena_printf(&a, "%s-%d", "x", 7), "x-7");
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	arena_release(&a);
}

static void test_date_roundtrip_and_calendar(void **state)
{
	struct date d;
	char buf[DATE_ISO_LEN];
	struct err e = ERR_INIT;

	(void)state;
	assert_int_equal(date_parse_iso("2022-03-28", &d, "issued", &e), 0);
	date_format_iso(d, buf);
	assert_string_equal(buf, "2022-03-28");
	assert_int_equal(date_to_days((struct date){ 1970, 1, 1 }), 0);
	for (long z = -800000; z < 800000; z += 997) {
		struct date r = date_from_days(z);
		assert_int_equal(date_to_days(r), z);
	}
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2100, 2), 28);
	assert_int_equal(date_days_in_month(2000, 2), 29);
	assert_int_equal(date_parse_iso("2022-02-30", &d, "截止日期", &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	assert_non_null(strstr(e.msg, "截止日期"));
	assert_int_equal(date_parse_iso("2022-2-3", &d, "x", &e), -1);
	assert_true(date_cmp((struct date){ 2022, 6, 30 }, (struct date){ 2022, 12, 31 }) < 0);
}

static void test_utf8_validation(void **state)
{
	size_t bad = 0;

	(void)state;
	assert_true(utf8_valid("各县（市、区）政府", strlen("各县（市、区）政府"), NULL));
	assert_false(utf8_valid("ab\xC0\xAF", 4, &bad)); /* overlong '/' */
	assert_int_equal(bad, 2);
	assert_false(utf8_valid("\xED\xA0\x80", 3, &bad)); /* surrogate */
	assert_false(utf8_valid("\xF4\x90\x80\x80", 4, &bad)); /* > U+10FFFF */
	assert_false(utf8_valid("\xE4\xB8", 2, &bad)); /* truncated */
	assert_int_equal(utf8_strlen("督查ab"), 4);
}

static void test_match_key_folds_width_and_space(void **state)
{
	char *a, *b;

	(void)state;
	a = utf8_match_key("各县（市、区）政府");
	b = utf8_match_key("各县 (市、区) 政府");
	assert_string_equal(a, b);
	free(a);
	free(b);
	a = utf8_match_key("ＧＤＰ增长６．５％");
	assert_string_equal(a, "gdp增长6.5%");
	free(a);
	assert_null(utf8_match_key("\xff"));
}

static void test_err_and_diags(void **state)
{
	struct err e = ERR_INIT;
	struct diags d = DIAGS_INIT;

	(void)state;
	assert_int_equal(err_set(&e, ERR_STORE, "写入 %s 失败", "plans"), -1);
	err_prefix(&e, "%s:%d: ", "a.txt", 3);
	assert_string_equal(e.msg, "a.txt:3: 写入 plans 失败");
	assert_int_equal(err_exit_code(ERR_STORE), 3);
	assert_int_equal(err_exit_code(ERR_USAGE), 2);
	assert_int_equal(err_exit_code(ERR_INPUT), 1);
	assert_string_equal(err_kind_code(ERR_CONFLICT), "conflict");
	diags_add(&d, 12, "序号 %d 缺失", 5);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 12);
	assert_string_equal(d.v[0].msg, "序号 5 缺失");
	diags_release(&d);
}

static void test_sha256_hex(void **state)
{
	char hex[HASH_HEX_LEN];

	(void)state;
	assert_int_equal(hash_init(), 0);
	hash_sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

struct kv_seen {
	int n;
	char keys[4][16];
	int lines[4];
};

static int kv_collect(void *ctx, const struct kvconf_item *it, struct err *e)
{
	struct kv_seen *s = ctx;

	if (kvconf_key_is(it, "bad"))
		return kvconf_bad_value(e, "t.conf", it, "bad", "一个数");
	snprintf(s->keys[s->n], sizeof(s->keys[0]), "%.*s=%.*s", (int)it->klen, it->key,
		 (int)it->vlen, it->val);
	s->lines[s->n++] = it->lineno;
	return 0;
}

static void test_kvconf_items_and_messages(void **state)
{
	struct kv_seen s = { 0 };
	struct err e = ERR_INIT;

	(void)state;
	assert_int_equal(kvconf_parse("\xEF\xBB\xBF# 注释\r\n a = 1 \r\n\n b=x # 尾注\nc =\n", "t.conf",
				      kv_collect, &s, &e), 0);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.keys[0], "a=1");
	assert_int_equal(s.lines[0], 2);
	assert_string_equal(s.keys[1], "b=x");
	assert_int_equal(s.lines[1], 4);
	assert_string_equal(s.keys[2], "c=");
	assert_int_equal(kvconf_parse("a = 1\nno equals here\n", "t.conf", kv_collect, &s, &e), -1);
	assert_string_equal(e.msg, "t.conf:2: 缺少“=”：每行应为 key = value");
	assert_int_equal(kvconf_parse(" = 3\n", "t.conf", kv_collect, &s, &e), -1);
	assert_non_null(strstr(e.msg, "t.conf:1:"));
	assert_int_equal(kvconf_parse("\n\nbad = 7x\n", "t.conf", kv_collect, &s, &e), -1);
	assert_string_equal(e.msg, "t.conf:3: bad 的值“7x”无效：应为 一个数");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strbuf_grows_and_detaches),
		cmocka_unit_test(test_arena_alignment_and_large_blocks),
		cmocka_unit_test(test_date_roundtrip_and_calendar),
		cmocka_unit_test(test_utf8_validation),
		cmocka_unit_test(test_match_key_folds_width_and_space),
		cmocka_unit_test(test_err_and_diags),
		cmocka_unit_test(test_sha256_hex),
		cmocka_unit_test(test_kvconf_items_and_messages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
