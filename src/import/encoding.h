/* Text encodings of imported files: binary sniffing, UTF-8 check, GB18030 to UTF-8, BOM and line ends. */
#ifndef DUBAN_IMPORT_ENCODING_H
#define DUBAN_IMPORT_ENCODING_H

/*
 * encoding_decode() turns the raw bytes of a text file into clean UTF-8:
 *   - refuses what is not text: NUL bytes, UTF-16, mostly control characters;
 *   - accepts well-formed UTF-8 as is, otherwise tries GB18030 (a superset of
 *     GBK and GB2312) with glibc iconv and converts it;
 *   - strips a leading byte-order mark (U+FEFF);
 *   - turns CRLF and lone CR line ends into LF.
 * The result lives in arena `a` (mutable, NUL-terminated, its length in
 * out->len); the input is not modified.  Line numbers are preserved: a line
 * of the output is the same line of the input.  Errors are ERR_INPUT and
 * name "source:line:" and, for bad bytes, the column and file offset.
 */

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/err.h"

struct text_buf {
	char *p;		/* UTF-8, NUL-terminated, in the arena */
	size_t len;
	const char *encoding;	/* "UTF-8" or "GB18030": what the input was */
};

int encoding_decode(const char *data, size_t len, const char *source_name,
		    struct arena *a, struct text_buf *out, struct err *e);

/*
 * Well-formed UTF-8 (same rules as util/utf8.h: no overlongs, surrogates or
 * code points above U+10FFFF), fast on ASCII and CJK.  On failure *bad_at
 * (if not NULL) receives the offset of the first bad byte.
 */
bool encoding_utf8_check(const char *s, size_t len, size_t *bad_at);

/*
 * Convert GB18030 to UTF-8 into the arena.  Returns 0, or -1 with the
 * offset of the first byte that is not GB18030 in *bad_at.
 */
int encoding_gb18030_to_utf8(const char *data, size_t len, struct arena *a,
			     char **out, size_t *out_len, size_t *bad_at);

/* Turn CRLF and lone CR into LF in place; returns the new length. */
size_t encoding_normalise_newlines(char *s, size_t len);

/* The 1-based line of byte offset `off` (lines end with LF, CRLF or CR). */
int encoding_line_of(const char *data, size_t len, size_t off);

#endif
