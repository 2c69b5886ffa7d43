/* Text encodings of imported files: binary sniffing, UTF-8 check, GB18030 via iconv, BOM, line ends. */
#include "import/encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include "util/banned.h"

/* Continuation byte 10xxxxxx. */
#define CONT(c) (((c) & 0xC0) == 0x80)

bool encoding_utf8_check(const char *str, size_t len, size_t *bad_at)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];

		if (c < 0x80) {
			/* ASCII: skip eight bytes at a time when we can. */
			while (i + 8 <= len) {
				uint64_t w;
				memcpy(&w, s + i, 8);
				if (w & UINT64_C(0x8080808080808080))
					break;
				i += 8;
			}
			while (i < len && s[i] < 0x80)
				i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			if (i + 1 >= len || !CONT(s[i + 1]))
				goto bad;
			i += 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			unsigned char c1;

			if (i + 2 >= len)
				goto bad;
			c1 = s[i + 1];
			if (c == 0xE0 ? (c1 < 0xA0 || c1 > 0xBF)
			    : c == 0xED ? (c1 < 0x80 || c1 > 0x9F)
			    : !CONT(c1))
				goto bad;
			if (!CONT(s[i + 2]))
				goto bad;
			i += 3;
		} else if (c >= 0xF0 && c <= 0xF4) {
			unsigned char c1;

			if (i + 3 >= len)
				goto bad;
			c1 = s[i + 1];
			if (c == 0xF0 ? (c1 < 0x90 || c1 > 0xBF)
			    : c == 0xF4 ? (c1 < 0x80 || c1 > 0x8F)
			    : !CONT(c1))
				goto bad;
			if (!CONT(s[i + 2]) || !CONT(s[i + 3]))
				goto bad;
			i += 4;
		} else {
			goto bad;
		}
	}
	return true;
bad:
	if (bad_at)
		*bad_at = i;
	return false;
}

int encoding_gb18030_to_utf8(const char *data, size_t len, struct arena *a,
			     char **out, size_t *out_len, size_t *bad_at)
{
	iconv_t cd;
	/* A GB18030 byte yields at most 1.5 UTF-8 bytes (2 -> 3, 4 -> 4, 1 -> 1). */
	size_t cap = len + len / 2 + 16;
	char *buf = arena_alloc(a, cap);
	char *in = (char *)data, *o = buf;
	size_t inleft = len, outleft = cap - 1;
	int rc = 0;

	*bad_at = 0;
	cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		return -1;
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
		*bad_at = (size_t)(in - data);
		rc = -1;
	} else if (iconv(cd, NULL, NULL, &o, &outleft) == (size_t)-1) {
		*bad_at = len;
		rc = -1;
	}
	iconv_close(cd);
	if (rc)
		return -1;
	*o = '\0';
	*out = buf;
	*out_len = (size_t)(o - buf);
	return 0;
}

size_t encoding_normalise_newlines(char *s, size_t len)
{
	char *cr = memchr(s, '\r', len);
	size_t i, j;

	if (!cr)
		return len;
	for (i = j = (size_t)(cr - s); i < len; i++) {
		if (s[i] == '\r') {
			s[j++] = '\n';
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else {
			s[j++] = s[i];
		}
	}
	if (j < len)
		s[j] = '\0';
	return j;
}

int encoding_line_of(const char *data, size_t len, size_t off)
{
	int line = 1;

	if (off > len)
		off = len;
	for (size_t i = 0; i < off; i++) {
		if (data[i] == '\n')
			line++;
		else if (data[i] == '\r' && (i + 1 >= len || data[i + 1] != '\n'))
			line++;
	}
	return line;
}

/* 1-based byte column of offset `off` within its line. */
static size_t column_of(const char *data, size_t off)
{
	size_t i = off;

	while (i > 0 && data[i - 1] != '\n' && data[i - 1] != '\r')
		i--;
	return off - i + 1;
}

static bool has_high_byte(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

static bool is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') ||
	       c == 0x7F;
}

/* Control characters other than TAB, LF, VT, FF, CR: eight bytes at a time. */
static size_t count_controls(const unsigned char *s, size_t len)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
	size_t i = 0, n = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w, lt, del;

		memcpy(&w, s + i, 8);
		lt = (w - ones * 0x20) & ~w & highs;
		del = w ^ (ones * 0x7F);
		del = (del - ones) & ~del & highs;
		if (lt | del)
			for (int k = 0; k < 8; k++)
				n += is_control(s[i + k]);
	}
	for (; i < len; i++)
		n += is_control(s[i]);
	return n;
}

/* Refuse input that is plainly not a text file. */
static int sniff_binary(const char *data, size_t len, const char *name, struct err *e)
{
	const unsigned char *s = (const unsigned char *)data;
	const char *nul;
	size_t nctl = 0, first_ctl = 0;

	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
		return err_set(e, ERR_INPUT,
			       "%s:1: 文件是 UTF-16 编码，不支持；请另存为 UTF-8 文本（或 GB18030）后再导入",
			       name);
	nul = memchr(data, '\0', len);
	if (nul) {
		size_t off = (size_t)(nul - data);
		int line = encoding_line_of(data, len, off);

		return err_set(e, ERR_INPUT,
			       "%s:%d: 第 %d 行第 %zu 字节（文件偏移 %zu）是 NUL 字节：这是二进制文件，不是文本任务清单",
			       name, line, line, column_of(data, off), off);
	}
	nctl = count_controls(s, len);
	if (nctl && nctl * 10 > len) {
		int line;

		while (!is_control(s[first_ctl]))
			first_ctl++;
		line = encoding_line_of(data, len, first_ctl);

		return err_set(e, ERR_INPUT,
			       "%s:%d: 文件中控制字符过多（%zu 个，共 %zu 字节；第一个在第 %d 行）：这是二进制文件，不是文本任务清单",
			       name, line, nctl, len, line);
	}
	return 0;
}

int encoding_decode(const char *data, size_t len, const char *name,
		    struct arena *a, struct text_buf *out, struct err *e)
{
	size_t bad = 0, gb_bad = 0, skip = 0;
	char *buf;
	size_t n;

	out->p = NULL;
	out->len = 0;
	out->encoding = "UTF-8";
	if (sniff_binary(data, len, name, e))
		return -1;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		skip = 3;
	if (encoding_utf8_check(data + skip, len - skip, &bad)) {
		n = len - skip;
		buf = arena_alloc(a, n + 1);
		memcpy(buf, data + skip, n);
		buf[n] = '\0';
	} else if (encoding_gb18030_to_utf8(data + skip, len - skip, a, &buf, &n, &gb_bad) == 0) {
		out->encoding = "GB18030";
		/* A GB18030 byte-order mark (84 31 95 33) decodes to U+FEFF. */
		if (n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
			buf += 3;
			n -= 3;
		}
	} else {
		int line;

		bad += skip;
		gb_bad += skip;
		/*
		 * Valid UTF-8 before the bad byte: a UTF-8 file with a broken
		 * byte.  Otherwise the file is in some legacy encoding and the
		 * place where GB18030 fails is the more useful one.
		 */
		if (has_high_byte(data + skip, bad - skip)) {
			line = encoding_line_of(data, len, bad);
			return err_set(e, ERR_INPUT,
				       "%s:%d: 第 %d 行第 %zu 字节（文件偏移 %zu）不是有效的 UTF-8 编码"
				       "（按 GB18030/GBK 读取也不成立）；请检查该处或将文件另存为 UTF-8 文本",
				       name, line, line, column_of(data, bad), bad);
		}
		line = encoding_line_of(data, len, gb_bad);
		return err_set(e, ERR_INPUT,
			       "%s:%d: 文件不是 UTF-8 编码，按 GB18030/GBK 读取时第 %d 行第 %zu 字节"
			       "（文件偏移 %zu）无效；请将文件另存为 UTF-8 文本",
			       name, line, line, column_of(data, gb_bad), gb_bad);
	}
	n = encoding_normalise_newlines(buf, n);
	buf[n] = '\0';
	out->p = buf;
	out->len = n;
	return 0;
}
