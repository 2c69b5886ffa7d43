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

#include "domain/plan.h"
#include "service/auth_service.h"
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

#endif
