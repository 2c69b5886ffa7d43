/* The plain-text reader: decoded lines become rows; a line with a TAB is a table row. */
#include "import/read_text.h"

#include <stdbool.h>
#include <string.h>

#include "import/encoding.h"
#include "import/import.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* Only white space: ASCII blanks and TABs, U+3000, U+00A0, U+FEFF. */
static bool is_blank(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];

		if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r')
			i++;
		else if (c == 0xE3 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] == 0x80)
			i += 3;
		else if (c == 0xC2 && i + 1 < n && s[i + 1] == 0xA0)
			i += 2;
		else if (c == 0xEF && i + 2 < n && s[i + 1] == 0xBB && s[i + 2] == 0xBF)
			i += 3;
		else
			return false;
	}
	return true;
}

/* Split one NUL-terminated line (length n) into a row. */
static void add_row(struct rows *out, struct arena *a, char *line, size_t n, int lineno)
{
	struct row *r;
	size_t ncells = 1, k = 0;
	char *p = line, *end = line + n, *tab;

	for (tab = memchr(p, '\t', n); tab; tab = memchr(tab + 1, '\t', (size_t)(end - tab - 1)))
		ncells++;
	ALLOC_GROW(out->v, out->n + 1, out->alloc);
	r = &out->v[out->n++];
	r->line = lineno;
	r->origin = ncells > 1 ? ROW_TABLE : ROW_PARAGRAPH;
	r->ncells = ncells;
	r->cells = arena_alloc(a, ncells * sizeof(*r->cells));
	for (;;) {
		tab = memchr(p, '\t', (size_t)(end - p));
		r->cells[k++] = p;
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
}

int read_text(const char *data, size_t len, const char *name, struct arena *a,
	      struct rows *out, struct diags *w, struct err *e)
{
	struct text_buf t;
	char *p, *end;
	int lineno = 1;
	size_t nrows0 = out->n;

	if (!len)
		return err_set(e, ERR_INPUT, "%s:1: 文件为空（0 字节），不是任务清单", name);
	if (encoding_decode(data, len, name, a, &t, e))
		return -1;
	out->encoding = t.encoding;
	if (!strcmp(t.encoding, "GB18030"))
		diags_add(w, 0, "按 GB18030 编码读取，已转换为 UTF-8");
	p = t.p;
	end = t.p + t.len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (n > IMPORT_MAX_LINE)
			return err_set(e, ERR_INPUT,
				       "%s:%d: 第 %d 行过长（%zu 字节，上限 %u 字节），不像是任务清单的一行",
				       name, lineno, lineno, n, IMPORT_MAX_LINE);
		p[n] = '\0';
		if (!is_blank(p, n))
			add_row(out, a, p, n, lineno);
		lineno++;
		p += n + 1;
	}
	if (out->n == nrows0)
		return err_set(e, ERR_INPUT, "%s:1: 文件为空（只有空白），不是任务清单", name);
	return 0;
}
