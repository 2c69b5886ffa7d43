/* Export of a plan as CSV for Excel and WPS: one row per task. */
#ifndef DUBAN_EXPORT_EXPORT_CSV_H
#define DUBAN_EXPORT_EXPORT_CSV_H

/*
 * A pure function of a struct plan_doc: no I/O.  UTF-8 with a byte order
 * mark (so that Excel and WPS detect the encoding), CRLF line ends, RFC 4180
 * quoting (a field containing a comma, a double quote, CR or LF is quoted,
 * its quotes doubled).  Columns:
 *   序号, 分类, 重点任务, 牵头单位, 责任单位
 * where 牵头单位 is the first unit and 责任单位 all units as written, lead
 * first, joined by "、", as the issued document's own column lists them.
 */

#include "domain/plan.h"
#include "util/csv.h"
#include "util/strbuf.h"

#define EXPORT_CSV_BOM CSV_BOM

/* Append the CSV text of `doc` to `out`. */
void export_csv(const struct plan_doc *doc, struct strbuf *out);

#endif
