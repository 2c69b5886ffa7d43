/* The annual assessment (年度考核) from stored facts: rules per year, scores, ranks, breakdown lines, appeals. */
#ifndef DUBAN_SERVICE_ASSESS_SERVICE_H
#define DUBAN_SERVICE_ASSESS_SERVICE_H

/*
 * The scoring is domain/assess.h's; this layer gathers the facts of a
 * year's plan and the rules to apply.
 *
 * FACTS (as of D: the given day, or December 31 of the year when unset or
 * later): every assignment the status service judges (service/
 * status_service.h) through assess_assignment_from_facts(); its 销号
 * target counts judged from the values of the report the verification
 * rested on (the report in use on the verification day) with the rules'
 * beat_margin and approx_tolerance — a target with no value reported
 * counts as reached (the office verified the result) but not beaten;
 * ladder actions on a unit's assignments count for that unit, and those on
 * a task as a whole for the task's lead unit (its headline assignment);
 * 问责 records go with their action.  Units are those of the status
 * service: directory units (their id) and names the directory does not
 * know (ids -1, -2, ... in order of appearance: they cannot appeal).
 *
 * RULES: with a rules file (a what-if) that file's; else the rules text
 * stored for the year (svc_assess_rules_set); else the documented
 * defaults.  A what-if stores nothing and reads the appeals as they stand
 * (an appeal naming a line the other rules do not produce is listed as
 * unmatched and changes nothing).
 *
 * APPEALS (申诉): a unit (its liaison, or the office on its behalf) files
 * against one line of its assessment under the stored rules, naming the
 * line by its key (assess.h LINE KEYS; `duban assess --breakdown` shows
 * them); the line's points are kept as computed when filed.  The office
 * upholds (维持原分) or corrects it to a number of points (予以更正); the
 * decision is recorded once and every later assessment applies it.  Each
 * is one transaction with its audit entry.
 *
 * Ownership: struct svc_assessment owns everything it points to
 * (svc_assessment_release).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/assess.h"
#include "service/report_service.h"
#include "service/supervision_service.h"
#include "store/store_supervision.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/err.h"
#include "util/strbuf.h"

#define SVC_RULES_MAX_BYTES (64 << 10)

enum svc_rules_from {
	SVC_RULES_DEFAULT = 0,	/* the documented defaults */
	SVC_RULES_STORED,	/* the text stored for the year */
	SVC_RULES_FILE		/* a file given for a what-if */
};

struct svc_assess_opts {
	int year;
	const char *plan_spec;		/* NULL: the plan of `year` */
	struct date as_of;		/* DATE_NONE: December 31 of the year */
	const char *rules_file;		/* a what-if's rules, or NULL */
	const struct status_config *status_cfg;	/* NULL: the defaults */
};

struct svc_assessment {
	struct svc_supervision sv;	/* the plan as of D */
	struct assess_config cfg;
	enum svc_rules_from rules_from;
	struct store_appeal_list appeals;
	struct assess_result res;
	/* private: the facts handed to assess_run */
	struct arena arena;
	struct assess_unit *units;
	size_t nunits;
	struct assess_appeal *ap;
	size_t nap;
};

void svc_assessment_init(struct svc_assessment *a);
void svc_assessment_release(struct svc_assessment *a);

int svc_assess(struct store *st, const struct svc_assess_opts *o, struct svc_assessment *out,
	       struct err *e);

/*
 * The unit of the assessment `name` names (a directory unit by name or
 * alias, or a name as written): its score, or ERR_NOT_FOUND.
 */
int svc_assess_find_unit(struct store *st, const struct svc_assessment *a, const char *name,
			 const struct assess_score **out, struct err *e);

/* ---- rules ---- */

/* The rules text in force for `year` (the stored one, or the defaults written out). */
int svc_assess_rules_get(struct store *st, int year, struct strbuf *text, bool *stored,
			 struct err *e);
/* Check and store `text` (named `name` in messages) as the rules of `year` (office only). */
int svc_assess_rules_set(struct store *st, const struct svc_rctx *rc, int year, const char *text,
			 const char *name, struct err *e);
/* Read and parse a rules file over the defaults. */
int svc_assess_rules_load(const char *path, struct assess_config *cfg, struct err *e);

/* ---- appeals ---- */

struct svc_appeal_input {
	int year;
	const char *plan_spec;		/* NULL: the plan of `year` */
	const char *unit;		/* a directory unit's name or alias */
	const char *line_key;
	const char *reason;
	const struct status_config *status_cfg;
};

/*
 * File an appeal on rc->today against the assessment of `year` as of that
 * day (or December 31 when later) under the stored rules.  *id receives it.
 */
int svc_appeal_file(struct store *st, const struct svc_rctx *rc, const struct svc_appeal_input *in,
		    int64_t *id, struct err *e);
/* Decide appeal `id` on rc->today: APPEAL_UPHELD, or APPEAL_CORRECTED to corrected_cp. */
int svc_appeal_decide(struct store *st, const struct svc_rctx *rc, int64_t id,
		      enum appeal_state decision, int corrected_cp, const char *note,
		      struct err *e);

#endif
