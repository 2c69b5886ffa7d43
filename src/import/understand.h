/* Understanding a task's text: its measurable targets and its time nodes. */
#ifndef DUBAN_IMPORT_UNDERSTAND_H
#define DUBAN_IMPORT_UNDERSTAND_H

/*
 * Pure functions of text: no I/O, no clock.  understand_task() fills
 * t->targets, t->milestones and t->due from t->text, resolving time nodes
 * against `year`; everything it allocates comes from arena `a`.  It never
 * fails: text it cannot read yields no target rather than a wrong one.
 */

#include "domain/plan.h"
#include "util/arena.h"

void understand_task(struct arena *a, struct task *t, int year);

#endif
