/* Building API answers: JSON values for the shapes several handler groups share. */
#ifndef DUBAN_HTTP_JSON_OUT_H
#define DUBAN_HTTP_JSON_OUT_H

/*
 * Every function returns a new reference (the caller steals it into a
 * container with json_object_set_new / json_array_append_new).  Text is
 * stored valid UTF-8; a string jansson refuses anyway becomes null rather
 * than vanishing from its object.
 */

#include <jansson.h>
#include <stdint.h>

#include "domain/period.h"
#include "domain/plan.h"
#include "service/auth_service.h"
#include "service/report_service.h"
#include "store/store.h"
#include "util/date.h"

json_t *jo_str(const char *s);		/* NULL -> null */
json_t *jo_date(struct date d);		/* "YYYY-MM-DD" or null */
json_t *jo_id(int64_t id);		/* 0 -> null */
/* An integral value below 2^53 as a JSON integer (59000000000, not 5.9e10), else a real. */
json_t *jo_number(double v);

json_t *jo_plan_row(const struct store_plan_row *r);
json_t *jo_user(const struct store_user *u);
json_t *jo_principal(const struct svc_principal *who);
json_t *jo_target(const struct target *g);
json_t *jo_assignment(const struct store_assignment_row *r);

/* ---- reporting (service/report_service.h) ---- */

json_t *jo_period(struct period p);	/* "2022-06", "2022-Q2" or null */
/* {"cadence","due_day","first_period","stored"} */
json_t *jo_calendar(const struct calendar *cal, bool stored);
/*
 * A report as the API answers it (docs/openapi.yaml, Report): the report
 * `rp` of the assignment in `r`, with its task, unit, role and review, and
 * "etag" (the review-state tag below, quoted as in the ETag header).
 */
json_t *jo_report(const struct svc_assignment_record *r, const struct store_report *rp);
/* The strong tag of a report's review state: "review-pending", "review-accepted"... */
const char *jo_report_tag(const struct store_report *rp);
json_t *jo_extension(const struct store_extension *x);
/*
 * One assignment with everything recorded about it (AssignmentRecord): the
 * assignment, its task, calendar and dates (due in force on `today`),
 * sign-for, dispute, extensions, 销号, and its reports newest first.
 */
json_t *jo_assignment_record(const struct svc_assignment_record *r, struct date today);

#endif
