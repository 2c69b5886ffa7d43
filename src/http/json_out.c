/* JSON values for plans, users, targets and assignments, as the API answers them. */
#include "http/json_out.h"

#include <math.h>

#include "domain/directory.h"
#include "util/banned.h"

json_t *jo_str(const char *s)
{
	json_t *v;

	if (!s)
		return json_null();
	v = json_string(s);
	return v ? v : json_null();
}

json_t *jo_date(struct date d)
{
	char buf[DATE_ISO_LEN];

	if (!date_is_set(d))
		return json_null();
	date_format_iso(d, buf);
	return json_string(buf);
}

json_t *jo_id(int64_t id)
{
	return id ? json_integer((json_int_t)id) : json_null();
}

json_t *jo_number(double v)
{
	if (isfinite(v) && fabs(v) < 9007199254740992.0 && v == nearbyint(v))
		return json_integer((json_int_t)v);
	return json_real(v);
}

json_t *jo_plan_row(const struct store_plan_row *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "issuer", jo_str(r->issuer));
	json_object_set_new(o, "doc_no", jo_str(r->doc_no));
	json_object_set_new(o, "title", jo_str(r->title));
	json_object_set_new(o, "year", r->year ? json_integer(r->year) : json_null());
	json_object_set_new(o, "issued", jo_date(r->issued));
	json_object_set_new(o, "recipients", jo_str(r->recipients));
	json_object_set_new(o, "source_name", jo_str(r->source_name));
	json_object_set_new(o, "source_format", jo_str(r->source_format));
	json_object_set_new(o, "source_encoding", jo_str(r->source_encoding));
	json_object_set_new(o, "source_sha256", jo_str(r->sha256));
	json_object_set_new(o, "imported_at", jo_str(r->imported_at));
	json_object_set_new(o, "ntasks", json_integer((json_int_t)r->ntasks));
	return o;
}

json_t *jo_user(const struct store_user *u)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(u->id));
	json_object_set_new(o, "login", jo_str(u->login));
	json_object_set_new(o, "name", jo_str(u->name));
	json_object_set_new(o, "role", json_string(user_role_code(u->role)));
	json_object_set_new(o, "unit_id", jo_id(u->unit_id));
	json_object_set_new(o, "unit_name", jo_str(u->unit_name));
	json_object_set_new(o, "disabled", json_boolean(u->disabled));
	json_object_set_new(o, "version", json_integer(u->version));
	json_object_set_new(o, "created_at", jo_str(u->created_at));
	json_object_set_new(o, "updated_at", jo_str(u->updated_at));
	return o;
}

json_t *jo_principal(const struct svc_principal *who)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(who->user_id));
	json_object_set_new(o, "login", jo_str(who->login));
	json_object_set_new(o, "name", jo_str(who->name));
	json_object_set_new(o, "role", json_string(user_role_code(who->role)));
	json_object_set_new(o, "unit_id", jo_id(who->unit_id));
	json_object_set_new(o, "unit_name", jo_str(who->unit_name));
	return o;
}

json_t *jo_target(const struct target *g)
{
	json_t *o = json_object();

	json_object_set_new(o, "metric", jo_str(g->metric));
	json_object_set_new(o, "cmp", json_string(target_cmp_name(g->cmp)));
	json_object_set_new(o, "value", jo_number(g->value));
	if (g->cmp == TARGET_RANGE)
		json_object_set_new(o, "max", jo_number(g->max));
	json_object_set_new(o, "unit", jo_str(g->unit));
	json_object_set_new(o, "text", jo_str(g->text));
	if (g->qualifier)
		json_object_set_new(o, "qualifier", jo_str(g->qualifier));
	return o;
}

json_t *jo_assignment(const struct store_assignment_row *r)
{
	const struct assignment *a = &r->a;
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(a->id));
	json_object_set_new(o, "plan_id", json_integer(r->plan_id));
	json_object_set_new(o, "task_no", json_integer(r->task_no));
	json_object_set_new(o, "unit_id", jo_id(a->unit_id));
	json_object_set_new(o, "unit_name", jo_str(a->unit_name));
	json_object_set_new(o, "verified", json_boolean(a->unit_id != 0));
	json_object_set_new(o, "role", json_string(assignment_role_code(a->role)));
	json_object_set_new(o, "written", jo_str(a->written));
	json_object_set_new(o, "via_group_id", jo_id(a->via_group_id));
	json_object_set_new(o, "group_name", jo_str(r->group_name));
	json_object_set_new(o, "position", json_integer(a->position));
	json_object_set_new(o, "state",
			    json_string(a->flags & ASSIGN_RETIRED ? "retired" : "active"));
	json_object_set_new(o, "created_at", jo_str(r->created_at));
	json_object_set_new(o, "updated_at", jo_str(r->updated_at));
	return o;
}
