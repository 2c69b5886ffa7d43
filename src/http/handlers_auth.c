/* Handlers for health, the API description, and sessions: login, who am I, logout, password. */
#include <inttypes.h>
#include <string.h>

#include "http/handlers.h"
#include "http/json_out.h"
#include "http/respond.h"
#include "http/server.h"
#include "util/banned.h"

#ifndef DUBAN_VERSION
#define DUBAN_VERSION "dev"
#endif

struct login_in {
	struct json_value login, password;
};

static const struct json_field login_fields[] = {
	JSON_STR(struct login_in, login, JSON_IN_REQUIRED, 1, ACCOUNT_LOGIN_MAX, NULL),
	JSON_STR(struct login_in, password, JSON_IN_REQUIRED, 1, ACCOUNT_PASSWORD_MAX, NULL),
	JSON_END,
};

const struct http_body_spec body_login = { login_fields, sizeof(struct login_in) };

struct password_in {
	struct json_value old_password, new_password;
};

static const struct json_field password_fields[] = {
	JSON_STR(struct password_in, old_password, JSON_IN_REQUIRED, 1, ACCOUNT_PASSWORD_MAX, NULL),
	JSON_STR(struct password_in, new_password, JSON_IN_REQUIRED, 1, ACCOUNT_PASSWORD_MAX, NULL),
	JSON_END,
};

const struct http_body_spec body_password = { password_fields, sizeof(struct password_in) };

int h_health(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	json_t *o = json_object();

	(void)rq;
	(void)e;
	json_object_set_new(o, "status", json_string("ok"));
	json_object_set_new(o, "version", json_string(DUBAN_VERSION));
	http_resp_json(rs, MHD_HTTP_OK, o);
	return 0;
}

int h_openapi(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	(void)rq;
	(void)e;
	strbuf_add(&rs->body, http_openapi_yaml, http_openapi_yaml_len);
	rs->status = MHD_HTTP_OK;
	rs->content_type = "application/yaml; charset=utf-8";
	return 0;
}

/* The session as the client sees it: who, the CSRF token, until when. */
static json_t *session_json(const struct svc_principal *who)
{
	json_t *o = json_object();

	json_object_set_new(o, "user", jo_principal(who));
	json_object_set_new(o, "csrf_token", json_string(who->csrf));
	json_object_set_new(o, "expires_at", json_integer(who->expires_at));
	return o;
}

int h_session_login(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct login_in *in = rq->in;
	struct svc_login out;

	if (svc_login(rq->st, in->login.s, in->password.s, rq->address, rq->now,
		      rq->cfg->session_ttl, &rq->arena, &out, e))
		return -1;
	switch (out.outcome) {
	case SVC_LOGIN_THROTTLED:
		http_resp_error(rs, MHD_HTTP_TOO_MANY_REQUESTS, "throttled",
				arena_printf(&rq->arena, "登录失败次数过多，请 %" PRId64 " 秒后再试",
					     out.retry_after));
		http_resp_header(rs, MHD_HTTP_HEADER_RETRY_AFTER,
				 arena_printf(&rq->arena, "%" PRId64, out.retry_after));
		return 0;
	case SVC_LOGIN_BAD:
		http_resp_error(rs, MHD_HTTP_UNAUTHORIZED, "bad_credentials", "登录名或密码错误");
		return 0;
	case SVC_LOGIN_OK:
		break;
	}
	/* The access log names who logged in. */
	rq->who = out.who;
	rq->authed = true;
	http_resp_header(rs, MHD_HTTP_HEADER_SET_COOKIE, http_session_cookie(rq, out.token));
	http_resp_json(rs, MHD_HTTP_CREATED, session_json(&out.who));
	return 0;
}

int h_session_get(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	(void)e;
	http_resp_json(rs, MHD_HTTP_OK, session_json(&rq->who));
	return 0;
}

int h_session_logout(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	if (svc_logout(rq->st, rq->who.token_hash, e))
		return -1;
	http_resp_header(rs, MHD_HTTP_HEADER_SET_COOKIE, http_session_cookie(rq, NULL));
	http_resp_empty(rs, MHD_HTTP_NO_CONTENT);
	return 0;
}

int h_session_password(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	const struct password_in *in = rq->in;

	if (svc_password_change(rq->st, &rq->who, in->old_password.s, in->new_password.s, rq->now,
				e))
		return -1;
	http_resp_empty(rs, MHD_HTTP_NO_CONTENT);
	return 0;
}
