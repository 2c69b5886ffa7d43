/* The plain-text reader: a text file's bytes to numbered rows of cells. */
#ifndef DUBAN_IMPORT_READ_TEXT_H
#define DUBAN_IMPORT_READ_TEXT_H

/*
 * read_text() decodes the bytes (encoding.h: UTF-8 or GB18030, BOM, CRLF)
 * and splits them into lines.  A line containing a TAB is a ROW_TABLE row
 * whose cells are the TAB-separated fields (trailing empty cells kept); any
 * other line is a ROW_PARAGRAPH row with one cell.  Blank lines (only white
 * space, TABs included) produce no row.  Each row keeps its 1-based line.
 * Cells are raw: markup and surrounding white space are left to the table
 * interpreter.
 *
 * Ownership: the decoded text, every cell array and every string are in
 * arena `a`; out->v is malloc'd (rows_release).  `out` must start as
 * ROWS_INIT; rows are appended.  Warnings (an encoding converted) go to `w`.
 * Errors (ERR_INPUT, "source:line: ..."): not text, bad encoding, an empty
 * file, a line longer than IMPORT_MAX_LINE bytes.
 */

#include <stddef.h>

#include "import/rows.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/err.h"

int read_text(const char *data, size_t len, const char *source_name, struct arena *a,
	      struct rows *out, struct diags *w, struct err *e);

#endif
