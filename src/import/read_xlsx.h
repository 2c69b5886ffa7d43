/* The Excel reader: one worksheet of an .xlsx workbook as rows of cells. */
#ifndef DUBAN_IMPORT_READ_XLSX_H
#define DUBAN_IMPORT_READ_XLSX_H

/*
 * read_xlsx() reads the workbook (the package relationship officeDocument,
 * normally xl/workbook.xml) through ooxml.h (ZIP and XML limits, no DTD, no
 * entities) and appends one ROW_TABLE row per non-blank sheet row of one
 * worksheet to `out`:
 * - The sheet: `sheet` names it (exact name, else ignoring ASCII case); NULL
 *   takes the first visible worksheet in the workbook's order (the first
 *   worksheet when all are hidden; chart sheets never).
 * - `line` is the sheet's row number (1-based, as Excel shows it); cell i of
 *   a row is column i (A = 0).  Every row has the same number of cells: the
 *   rightmost used column + 1, at most 512 (content further right is left
 *   out with a warning).  Blank rows give no row.
 * - Values: shared strings (xl/sharedStrings.xml, rich-text runs joined,
 *   phonetic runs left out), inline strings, formula results (str), numbers
 *   as written in the file, booleans TRUE/FALSE, error values as written.
 *   _xHHHH_ escapes are decoded.  A number whose cell style is a date format
 *   (built-in or custom, via xl/styles.xml; 1900 or 1904 date system) is
 *   written as the format shows it: 2022-06-30 (year, month and day),
 *   2022年6月 (year and month), 6月30日 (month and day).
 * - Merged ranges (mergeCells) resolve to their top-left value: the rows
 *   below repeat it in the range's first column, flagged in out->merged;
 *   every other cell of the range is empty.  A range is clipped to the
 *   sheet's used rows and columns.
 * A workbook has no paragraphs: notice lines above the table are rows too
 * (typically one cell each), which the table interpreter reads the same way.
 *
 * Ownership: every string and cell array is in arena `a`; out->v is
 * malloc'd (rows_release); out->merged, when set, is in `a`.  `out` must
 * start as ROWS_INIT.  Errors (ERR_INPUT, Chinese, naming the file and
 * part): not a ZIP, a missing workbook (including a .docx given as .xlsx)
 * or sheet part, no such sheet (listing the sheets), a shared-string index
 * out of range, a cell longer than IMPORT_MAX_LINE bytes, a sheet too
 * large (more than 16M cells in its used range), limits, malformed or
 * unsafe XML, an empty sheet.
 */

#include <stddef.h>

#include "import/rows.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/err.h"

int read_xlsx(const char *data, size_t len, const char *source_name, const char *sheet,
	      struct arena *a, struct rows *out, struct diags *w, struct err *e);

#endif
