/* Measurable targets in a task's text: figures, units, comparisons, metrics, qualifiers. */
#ifndef DUBAN_IMPORT_TARGETS_H
#define DUBAN_IMPORT_TARGETS_H

/*
 * Internal to src/import; the rules are documented in understand.h.
 * targets_extract() reads s (time nodes already marked TS_TIME, so their
 * numbers are not figures), may set TS_QUAL / TS_NUM marks on it, and
 * returns the targets in text order in an array allocated from `a`
 * (NULL when there are none).  Every value and max is finite.
 */

#include <stddef.h>

#include "domain/plan.h"
#include "import/textscan.h"
#include "util/arena.h"

size_t targets_extract(struct tscan *s, struct arena *a, struct target **out);

#endif
