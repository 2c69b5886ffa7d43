/* Reading a request's parameters, query and headers; building a response. */
#include "http/request.h"

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "http/server.h"
#include "util/utf8.h"
#include "util/banned.h"

const char *http_param(const struct http_req *rq, const char *name)
{
	for (size_t i = 0; i < rq->nparams; i++)
		if (!strcmp(rq->params[i].name, name))
			return rq->params[i].value;
	return NULL;
}

/* Parse a decimal integer in [min, max] with nothing around it. */
static bool parse_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
	char *end;
	long long v;

	if (!s || !*s || (*s != '-' && (*s < '0' || *s > '9')))
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = (int64_t)v;
	return true;
}

int http_param_id(struct http_req *rq, const char *name, int64_t max, int64_t *out,
		  struct err *e)
{
	const char *v = http_param(rq, name);

	if (!parse_int(v, 1, max, out))
		return err_set(e, ERR_NOT_FOUND, "没有这个对象：%s 应为 1 至 %lld 的整数", name,
			       (long long)max);
	return 0;
}

int http_bad_request(struct http_req *rq, struct err *e, const char *fmt, ...)
{
	va_list ap;

	rq->bad_request = true;
	if (!e)
		return -1;
	e->kind = ERR_INPUT;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

struct date http_today(const struct http_req *rq)
{
	time_t now = (time_t)rq->now;
	struct tm tm;

	if (!localtime_r(&now, &tm))
		return DATE_NONE;
	return (struct date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}

int64_t http_scope_unit(const struct http_req *rq)
{
	return rq->who.role == USER_LIAISON ? rq->who.unit_id : 0;
}

int http_query(struct http_req *rq, const char *name, size_t max, const char **out,
	       struct err *e)
{
	const char *v = MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);

	*out = NULL;
	if (!v)
		return 0;
	if (strlen(v) > max)
		return http_bad_request(rq, e, "查询参数 %s 过长（最多 %zu 字节）", name, max);
	if (!utf8_valid(v, strlen(v), NULL))
		return http_bad_request(rq, e, "查询参数 %s 不是有效的 UTF-8", name);
	*out = v;
	return 0;
}

int http_query_int(struct http_req *rq, const char *name, int64_t min, int64_t max,
		   int64_t *out, struct err *e)
{
	const char *v;

	if (http_query(rq, name, 32, &v, e))
		return -1;
	if (v && !parse_int(v, min, max, out))
		return http_bad_request(rq, e, "查询参数 %s 应为 %lld 至 %lld 的整数：%s", name,
					(long long)min, (long long)max, v);
	return 0;
}

int http_query_bool(struct http_req *rq, const char *name, bool *out, struct err *e)
{
	const char *v;

	if (http_query(rq, name, 8, &v, e))
		return -1;
	if (!v)
		return 0;
	if (!strcmp(v, "1") || !strcmp(v, "true"))
		*out = true;
	else if (!strcmp(v, "0") || !strcmp(v, "false"))
		*out = false;
	else
		return http_bad_request(rq, e, "查询参数 %s 应为 true 或 false：%s", name, v);
	return 0;
}

const char *http_header(const struct http_req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

void http_resp_init(struct http_resp *rs)
{
	memset(rs, 0, sizeof(*rs));
	strbuf_init(&rs->body, 0);
	rs->fd = -1;
}

void http_resp_release(struct http_resp *rs)
{
	json_decref(rs->json);
	strbuf_release(&rs->body);
	if (rs->fd >= 0)
		close(rs->fd);
	http_resp_init(rs);
}

void http_resp_json(struct http_resp *rs, unsigned status, json_t *v)
{
	json_decref(rs->json);
	rs->json = v;
	rs->status = status;
	rs->content_type = "application/json; charset=utf-8";
}

void http_resp_empty(struct http_resp *rs, unsigned status)
{
	json_decref(rs->json);
	rs->json = NULL;
	strbuf_reset(&rs->body);
	rs->status = status;
	rs->content_type = NULL;
}

void http_resp_header(struct http_resp *rs, const char *name, const char *value)
{
	/* The handlers' code fixes how many headers they add: more is a bug. */
	assert(rs->nheaders < HTTP_MAX_HEADERS);
	rs->headers[rs->nheaders].name = name;
	rs->headers[rs->nheaders].value = value;
	rs->nheaders++;
}

const char *http_session_cookie(struct http_req *rq, const char *token)
{
	return arena_printf(&rq->arena,
			    HTTP_SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict;"
			    " Max-Age=%lld%s",
			    token ? token : "", token ? (long long)rq->cfg->session_ttl : 0LL,
			    rq->cfg->secure_cookies ? "; Secure" : "");
}
