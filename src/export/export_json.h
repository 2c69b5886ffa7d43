/* Export of a plan as JSON: the shape other tools and the round-trip test read. */
#ifndef DUBAN_EXPORT_EXPORT_JSON_H
#define DUBAN_EXPORT_EXPORT_JSON_H

/*
 * A pure function of a struct plan_doc (as loaded by store_plan_load): no
 * I/O.  The shape, 2-space indented, keys in exactly this order, UTF-8 not
 * escaped, one trailing newline:
 *
 *   {"plan": {"title", "issuer", "doc_no", "issued": "YYYY-MM-DD" | null,
 *             "year": int | null},
 *    "tasks": [{"no", "section", "text",
 *               "units": [names as written, lead first],
 *               "targets": [{"value", "unit", "cmp", "max" (cmp "range" only),
 *                            "metric", "text", "qualifier" (only when set)}],
 *               "milestones": [{"due": "YYYY-MM-DD" | null, "text"}]}]}
 *
 * Numbers: a value that is integral (within rounding noise of a few ulps)
 * and below 2^53 in magnitude is written as a JSON integer (59000000000,
 * never 5.9e10); any other value with 15 significant digits (6.5, 0.6:
 * what the document states, without binary noise such as 0.30000000000000004).  `cmp` is target_cmp_name() ("eq", "approx", "ge",
 * "le", "range").
 */

#include "domain/plan.h"
#include "util/err.h"
#include "util/strbuf.h"

/* Append the JSON text of `doc` to `out`; fails only on text that is not UTF-8. */
int export_json(const struct plan_doc *doc, struct strbuf *out, struct err *e);

#endif
