/* What every reader produces: the document as numbered rows of cells. */
#ifndef DUBAN_IMPORT_ROWS_H
#define DUBAN_IMPORT_ROWS_H

/*
 * Readers (text, docx, xlsx) turn a file into a struct rows; the shared table
 * interpreter (table.h) turns rows into a plan.  A paragraph outside any
 * table is a row with one cell and origin ROW_PARAGRAPH; a table row has
 * origin ROW_TABLE.  For plain text a line containing a TAB is a table row.
 *
 * Cells are UTF-8 (readers convert other encodings) but otherwise raw: markup
 * such as <p> wrappers is left for the interpreter to strip.  All strings and
 * arrays live in the arena the reader was given.
 */

#include <stddef.h>

#include "util/arena.h"

enum row_origin {
	ROW_PARAGRAPH = 0,
	ROW_TABLE
};

struct row {
	int line;		/* 1-based line (text) or row number (docx/xlsx) */
	enum row_origin origin;
	const char **cells;
	size_t ncells;
};

struct rows {
	struct row *v;
	size_t n, alloc;	/* v is malloc'd; cells and strings are in the arena */
	const char *encoding;	/* the source encoding detected: "UTF-8", "GB18030" */
	/*
	 * Merged cells (docx, xlsx): NULL (the text reader, and by default) or
	 * one entry per row in v, itself NULL or one flag per cell: nonzero when
	 * the cell continues a cell merged down from the row above, its text
	 * being a copy of that cell's.  The cells a merged cell spans to its
	 * right are empty and not flagged.  In the arena.
	 */
	const unsigned char *const *merged;
};

#define ROWS_INIT { NULL, 0, 0, "UTF-8", NULL }

void rows_release(struct rows *r);

#endif
