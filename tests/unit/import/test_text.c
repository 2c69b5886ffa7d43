/* Unit tests for the text path below the interpreter: encodings (encoding.h) and lines to rows (read_text.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "import/encoding.h"
#include "import/import.h"
#include "import/read_text.h"
#include "import/rows.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/err.h"
#include "util/utf8.h"

/* The fast checker agrees with util/utf8.h on every short sequence we try. */
static void test_utf8_check_agrees_with_util(void **state)
{
	static const unsigned char interesting[] = {
		0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
		0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF, 0x90, 0xA0, 0x9F, 0x8F,
	};
	const size_t k = sizeof(interesting);
	unsigned char buf[12];
	uint32_t seed = 12345;

	(void)state;
	/* All sequences of up to 3 interesting bytes, then random longer ones. */
	for (size_t len = 1; len <= 3; len++) {
		size_t total = 1;
		for (size_t i = 0; i < len; i++)
			total *= k;
		for (size_t code = 0; code < total; code++) {
			size_t c = code, a1 = 0, a2 = 0;
			bool v1, v2;

			for (size_t i = 0; i < len; i++) {
				buf[i] = interesting[c % k];
				c /= k;
			}
			v1 = encoding_utf8_check((const char *)buf, len, &a1);
			v2 = utf8_valid((const char *)buf, len, &a2);
			assert_int_equal(v1, v2);
			if (!v1)
				assert_int_equal(a1, a2);
		}
	}
	for (int round = 0; round < 20000; round++) {
		size_t len = 4 + (size_t)(round % 8), a1 = 0, a2 = 0;
		bool v1, v2;

		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = interesting[(seed >> 16) % k];
		}
		v1 = encoding_utf8_check((const char *)buf, len, &a1);
		v2 = utf8_valid((const char *)buf, len, &a2);
		assert_int_equal(v1, v2);
		if (!v1)
			assert_int_equal(a1, a2);
	}
	/* The eight-byte ASCII stride stops at the right place. */
	assert_false(encoding_utf8_check("abcdefghijklmn\x80", 15, &(size_t){ 0 }));
	{
		size_t at = 0;
		assert_false(encoding_utf8_check("abcdefghijklmn\x80xyz", 18, &at));
		assert_int_equal(at, 14);
	}
}

static void test_gb18030_and_newlines(void **state)
{
	struct arena a = ARENA_INIT;
	char *out;
	size_t n, bad;
	char s[] = "a\r\nb\rc\n\r\nd";

	(void)state;
	arena_init(&a, 0);
	/* 测试 in GB18030, then an emoji (4-byte form) */
	assert_int_equal(encoding_gb18030_to_utf8("\xB2\xE2\xCA\xD4 \x94\x39\xFC\x36", 9, &a, &out, &n,
						  &bad), 0);
	assert_string_equal(out, "测试 \xF0\x9F\x98\x80");
	assert_int_equal(n, strlen(out));
	assert_int_equal(encoding_gb18030_to_utf8("ab\xFF", 3, &a, &out, &n, &bad), -1);
	assert_int_equal(bad, 2);
	assert_int_equal(encoding_gb18030_to_utf8("ab\xB2", 3, &a, &out, &n, &bad), -1);
	n = encoding_normalise_newlines(s, strlen(s));
	assert_int_equal(n, 8);
	assert_memory_equal(s, "a\nb\nc\n\nd", 9);	/* and NUL-terminated */
	assert_int_equal(encoding_line_of("a\r\nb\rc\nd", 9, 8), 4);
	assert_int_equal(encoding_line_of("abc", 3, 0), 1);
	arena_release(&a);
}

static void test_decode_bom_and_refusals(void **state)
{
	struct arena a = ARENA_INIT;
	struct text_buf t;
	struct err e = ERR_INIT;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(encoding_decode("\xEF\xBB\xBFx\r\ny", 7, "f", &a, &t, &e), 0);
	assert_string_equal(t.p, "x\ny");
	assert_int_equal(t.len, 3);
	assert_string_equal(t.encoding, "UTF-8");
	/* A GB18030 BOM (84 31 95 33) is dropped too. */
	assert_int_equal(encoding_decode("\x84\x31\x95\x33\xB2\xE2", 6, "f", &a, &t, &e), 0);
	assert_string_equal(t.p, "测");
	assert_string_equal(t.encoding, "GB18030");
	assert_int_equal(encoding_decode("ab\ncd\0", 6, "f", &a, &t, &e), -1);
	assert_string_equal(e.msg, "f:2: 第 2 行第 3 字节（文件偏移 5）是 NUL 字节：这是二进制文件，不是文本任务清单");
	assert_int_equal(encoding_decode("\xFF\xFEx\0", 4, "f", &a, &t, &e), -1);
	assert_non_null(strstr(e.msg, "UTF-16"));
	/* A few control characters in text are tolerated. */
	assert_int_equal(encoding_decode("a\x1b" "bcdefghijklmnopqrstuvwxyz", 27, "f", &a, &t, &e), 0);
	assert_int_equal(encoding_decode("\x1b\x1b\x1b" "abc", 6, "f", &a, &t, &e), -1);
	arena_release(&a);
}

static void test_read_text_rows(void **state)
{
	static const char data[] = "标题\n\n  \n\t\t\n序号\t任务\t单位\n1\t甲\t\nlast";
	struct arena a = ARENA_INIT;
	struct rows r = ROWS_INIT;
	struct diags w = DIAGS_INIT;
	struct err e = ERR_INIT;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(read_text(data, sizeof(data) - 1, "f.txt", &a, &r, &w, &e), 0);
	assert_int_equal(r.n, 4);
	assert_int_equal(r.v[0].line, 1);
	assert_int_equal(r.v[0].origin, ROW_PARAGRAPH);
	assert_int_equal(r.v[0].ncells, 1);
	assert_string_equal(r.v[0].cells[0], "标题");
	assert_int_equal(r.v[1].line, 5);
	assert_int_equal(r.v[1].origin, ROW_TABLE);
	assert_int_equal(r.v[1].ncells, 3);
	assert_string_equal(r.v[1].cells[2], "单位");
	assert_int_equal(r.v[2].line, 6);
	assert_int_equal(r.v[2].ncells, 3);
	assert_string_equal(r.v[2].cells[2], "");
	assert_int_equal(r.v[3].line, 7);
	assert_string_equal(r.v[3].cells[0], "last");
	assert_string_equal(r.encoding, "UTF-8");
	assert_int_equal(w.n, 0);
	rows_release(&r);
	assert_null(r.v);
	arena_release(&a);
}

static void test_read_text_limits(void **state)
{
	struct arena a = ARENA_INIT;
	struct rows r = ROWS_INIT;
	struct diags w = DIAGS_INIT;
	struct err e = ERR_INIT;
	size_t n = IMPORT_MAX_LINE + 1;
	char *big = malloc(n + 3);

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(read_text("", 0, "f.txt", &a, &r, &w, &e), -1);
	assert_string_equal(e.msg, "f.txt:1: 文件为空（0 字节），不是任务清单");
	assert_int_equal(read_text(" \n\t\n", 4, "f.txt", &a, &r, &w, &e), -1);
	assert_non_null(strstr(e.msg, "f.txt:1: 文件为空"));
	assert_non_null(big);
	memcpy(big, "a\n", 2);
	memset(big + 2, 'x', n);
	big[n + 2] = '\n';
	assert_int_equal(read_text(big, n + 3, "f.txt", &a, &r, &w, &e), -1);
	assert_non_null(strstr(e.msg, "f.txt:2: 第 2 行过长"));
	free(big);
	rows_release(&r);
	arena_release(&a);
	diags_release(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_check_agrees_with_util),
		cmocka_unit_test(test_gb18030_and_newlines),
		cmocka_unit_test(test_decode_bom_and_refusals),
		cmocka_unit_test(test_read_text_rows),
		cmocka_unit_test(test_read_text_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
