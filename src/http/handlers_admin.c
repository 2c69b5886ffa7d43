/* Handlers for the administrator: users (list, one, create, edit with If-Match), the audit log. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "http/handlers.h"
#include "http/json_out.h"
#include "http/respond.h"
#include "service/audit.h"
#include "service/auth_service.h"
#include "util/banned.h"

#define AUDIT_LIMIT_DEFAULT 100
#define AUDIT_LIMIT_MAX 1000

static const char *const role_values[] = { "admin", "leader", "liaison", NULL };

struct user_create_in {
	struct json_value login, name, password, role, unit_id, disabled;
};

static const struct json_field user_create_fields[] = {
	JSON_STR(struct user_create_in, login, JSON_IN_REQUIRED, 1, ACCOUNT_LOGIN_MAX, NULL),
	JSON_STR(struct user_create_in, name, 0, 0, ACCOUNT_NAME_MAX, NULL),
	JSON_STR(struct user_create_in, password, JSON_IN_REQUIRED, 1, ACCOUNT_PASSWORD_MAX, NULL),
	JSON_STR(struct user_create_in, role, JSON_IN_REQUIRED, 1, 16, role_values),
	JSON_INT(struct user_create_in, unit_id, JSON_IN_NULLABLE, 1, INT64_MAX),
	JSON_BOOL(struct user_create_in, disabled, 0),
	JSON_END,
};

const struct http_body_spec body_user_create = { user_create_fields,
						 sizeof(struct user_create_in) };

struct user_update_in {
	struct json_value name, password, role, unit_id, disabled;
};

static const struct json_field user_update_fields[] = {
	JSON_STR(struct user_update_in, name, 0, 0, ACCOUNT_NAME_MAX, NULL),
	JSON_STR(struct user_update_in, password, 0, 1, ACCOUNT_PASSWORD_MAX, NULL),
	JSON_STR(struct user_update_in, role, 0, 1, 16, role_values),
	JSON_INT(struct user_update_in, unit_id, JSON_IN_NULLABLE, 1, INT64_MAX),
	JSON_BOOL(struct user_update_in, disabled, 0),
	JSON_END,
};

const struct http_body_spec body_user_update = { user_update_fields,
						 sizeof(struct user_update_in) };

static void user_answer(struct http_req *rq, struct http_resp *rs, unsigned status,
			const struct store_user *u)
{
	http_etag(rq, rs, arena_printf(&rq->arena, "v%" PRId64, u->version));
	http_resp_json(rs, status, jo_user(u));
}

int h_users_list(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct store_user_list l;
	json_t *arr;

	store_user_list_init(&l);
	if (svc_user_list(rq->st, &l, e)) {
		store_user_list_release(&l);
		return -1;
	}
	arr = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(arr, jo_user(&l.v[i]));
	store_user_list_release(&l);
	http_resp_json(rs, MHD_HTTP_OK, json_pack("{s:o}", "users", arr));
	return 0;
}

int h_user_get(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct store_user u;
	int64_t id;

	if (http_param_id(rq, "id", INT64_MAX, &id, e) ||
	    svc_user_get(rq->st, id, NULL, &rq->arena, &u, e))
		return -1;
	user_answer(rq, rs, MHD_HTTP_OK, &u);
	return 0;
}

int h_user_create(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct user_create_in *in = rq->in;
	struct svc_user_new u;
	struct store_user out;
	int64_t id;

	memset(&u, 0, sizeof(u));
	u.login = in->login.s;
	u.name = in->name.s;
	u.password = in->password.s;
	u.role = (enum user_role)in->role.e;
	u.unit_id = in->unit_id.set && !in->unit_id.null ? in->unit_id.i : 0;
	u.disabled = in->disabled.set && in->disabled.b;
	if (svc_user_add(rq->st, &rq->actor, &u, &id, e) ||
	    svc_user_get(rq->st, id, NULL, &rq->arena, &out, e))
		return -1;
	http_resp_header(rs, MHD_HTTP_HEADER_LOCATION,
			 arena_printf(&rq->arena, "/api/v1/users/%" PRId64, id));
	user_answer(rq, rs, MHD_HTTP_CREATED, &out);
	return 0;
}

int h_user_update(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct user_update_in *in = rq->in;
	struct svc_user_change c;
	struct store_user out;
	const char *tag;
	int64_t id, version = 0;
	int pre;

	if (http_param_id(rq, "id", INT64_MAX, &id, e))
		return -1;
	pre = http_if_match(rq, rs, &tag, e);
	if (pre)
		return pre < 0 ? -1 : 0;
	if (tag && (version = http_tag_version(tag)) < 0)
		return err_set(e, ERR_CONFLICT, "If-Match 的 ETag“%s”不是该用户的任何版本", tag);
	memset(&c, 0, sizeof(c));
	c.name = in->name.s;
	c.password = in->password.s;
	if (in->role.set) {
		c.set_role = true;
		c.role = (enum user_role)in->role.e;
	}
	if (in->unit_id.set) {
		c.set_unit = true;
		c.unit_id = in->unit_id.null ? 0 : in->unit_id.i;
	}
	if (in->disabled.set) {
		c.set_disabled = true;
		c.disabled = in->disabled.b;
	}
	if (svc_user_change(rq->st, &rq->actor, id, NULL, version, &c, &rq->arena, &out, e))
		return -1;
	user_answer(rq, rs, MHD_HTTP_OK, &out);
	return 0;
}

/* A stored JSON text as JSON again; as a string if it no longer parses. */
static json_t *stored_json(const char *text)
{
	json_t *v;

	if (!text)
		return json_null();
	v = json_loads(text, JSON_DECODE_ANY, NULL);
	return v ? v : jo_str(text);
}

int h_audit_list(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	int64_t after = 0, limit = AUDIT_LIMIT_DEFAULT;
	struct store_audit_list l;
	const char *since;
	json_t *arr;

	if (http_query_int(rq, "after", 0, INT64_MAX, &after, e) ||
	    http_query_int(rq, "limit", 1, AUDIT_LIMIT_MAX, &limit, e) ||
	    http_query(rq, "since", 32, &since, e))
		return -1;
	store_audit_list_init(&l);
	if (audit_list(rq->st, after, since, (size_t)limit, &l, e)) {
		store_audit_list_release(&l);
		return -1;
	}
	arr = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct store_audit_entry *a = &l.v[i];
		json_t *o = json_object();

		json_object_set_new(o, "seq", json_integer(a->seq));
		json_object_set_new(o, "at", jo_str(a->at));
		json_object_set_new(o, "actor", jo_str(a->actor));
		json_object_set_new(o, "action", jo_str(a->action));
		json_object_set_new(o, "object", jo_str(a->object));
		json_object_set_new(o, "before", stored_json(a->before_json));
		json_object_set_new(o, "after", stored_json(a->after_json));
		json_object_set_new(o, "prev_hash", jo_str(a->prev_hash));
		json_object_set_new(o, "hash", jo_str(a->hash));
		json_array_append_new(arr, o);
	}
	store_audit_list_release(&l);
	http_resp_json(rs, MHD_HTTP_OK, json_pack("{s:o}", "entries", arr));
	return 0;
}

static const char *const break_codes[] = {
	[AUDIT_INTACT] = "intact",
	[AUDIT_GAP] = "gap",
	[AUDIT_RELINKED] = "relinked",
	[AUDIT_EDITED] = "edited",
	[AUDIT_MALFORMED] = "malformed",
	[AUDIT_HEAD] = "head",
	[AUDIT_ANCHOR] = "anchor",
};

int h_audit_verify(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct audit_verify v;
	const char *anchor_hash;
	int64_t anchor_seq = 0;
	json_t *o;

	if (http_query_int(rq, "anchor_seq", 1, INT64_MAX, &anchor_seq, e) ||
	    http_query(rq, "anchor_hash", 64, &anchor_hash, e))
		return -1;
	if (anchor_seq && !anchor_hash)
		return http_bad_request(rq, e, "anchor_seq 须与 anchor_hash 一起给出");
	if (audit_verify(rq->st, anchor_seq, anchor_hash, &v, e))
		return -1;
	o = json_object();
	json_object_set_new(o, "intact", json_boolean(v.broken == AUDIT_INTACT));
	json_object_set_new(o, "entries", json_integer((json_int_t)v.nentries));
	json_object_set_new(o, "head", json_pack("{s:I,s:s}", "seq", (json_int_t)v.head_seq,
						 "hash", v.head_hash));
	if (v.broken == AUDIT_INTACT)
		json_object_set_new(o, "broken", json_null());
	else
		json_object_set_new(o, "broken",
				    json_pack("{s:I,s:s,s:o}", "seq", (json_int_t)v.seq, "reason",
					      break_codes[v.broken], "message", jo_str(v.msg)));
	http_resp_json(rs, MHD_HTTP_OK, o);
	return 0;
}
