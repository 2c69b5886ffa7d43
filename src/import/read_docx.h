/* The Word reader: a .docx document's paragraphs and table rows as rows of cells. */
#ifndef DUBAN_IMPORT_READ_DOCX_H
#define DUBAN_IMPORT_READ_DOCX_H

/*
 * read_docx() reads the main document part (the package relationship
 * officeDocument, normally word/document.xml) through ooxml.h (ZIP and XML
 * limits, no DTD, no entities) and appends to `out`:
 * - each non-blank paragraph of the body (outside tables) as a ROW_PARAGRAPH
 *   row with one cell: the notice's metadata, headings, page marks;
 * - each row of a top-level table as a ROW_TABLE row with one cell per grid
 *   column of the table.
 * `line` is the block number: body paragraphs (blank ones included) and
 * table rows counted from 1 in document order.
 *
 * Cells and paragraphs
 * - Text is the runs' w:t text.  w:tab and w:ptab become TAB, w:br and w:cr
 *   a line break, w:noBreakHyphen '-'.  Left out: deleted and moved-away
 *   text (w:del, w:moveFrom), field instructions, ruby text, text boxes
 *   (w:txbxContent), fallback copies (mc:Fallback), revision records.
 * - Several paragraphs in one cell are joined by a line break (the table
 *   interpreter turns it into one space).  A table nested in a cell adds its
 *   text to that cell the same way.
 * - Automatic numbering (w:numPr in the paragraph or its style, with
 *   word/numbering.xml) is written in front of the text as Word shows it:
 *   "1.", "（一）", "一、", followed by a TAB or a space as the level says.
 *   Formats: decimal (also full-width, zero-padded, circled ①), Chinese
 *   counting (一 … 九十九, 一百 …), 甲乙丙, letters and roman numerals;
 *   bullets and "none" give no text.  Counters follow the abstract
 *   numbering, restart deeper levels after a shallower one, and honour
 *   w:startOverride.
 * - Merged cells: a cell spanning columns (w:gridSpan, or legacy w:hMerge
 *   continuation cells) keeps its text in its first column, the others are
 *   empty; w:gridBefore/w:gridAfter are empty cells.  A vertical
 *   continuation (w:vMerge without "restart") takes the text of the cell
 *   above in the same grid column and is flagged in out->merged.
 * - Rows are padded with empty cells to the table's grid width.
 * - A paragraph or cell longer than IMPORT_MAX_LINE bytes is an error.
 *
 * Ownership: every string and cell array is in arena `a`; out->v is
 * malloc'd (rows_release); out->merged, when set, is in `a`.  `out` must
 * start as ROWS_INIT.  Errors (ERR_INPUT, Chinese, naming the file and the
 * part): not a ZIP, a missing document part (including an .xlsx given as
 * .docx), limits, malformed or unsafe XML, no text at all.
 */

#include <stddef.h>

#include "import/rows.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/err.h"

int read_docx(const char *data, size_t len, const char *source_name, struct arena *a,
	      struct rows *out, struct diags *w, struct err *e);

#endif
