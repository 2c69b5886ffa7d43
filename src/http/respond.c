/* Error kinds to HTTP statuses and error bodies, in one table; ETags and If-Match. */
#include "http/respond.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "util/banned.h"

unsigned http_status_of(enum err_kind kind, bool request)
{
	switch (kind) {
	case ERR_INPUT:
		return request ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_UNPROCESSABLE_CONTENT;
	case ERR_USAGE:
		return MHD_HTTP_BAD_REQUEST;
	case ERR_DENIED:
		return MHD_HTTP_FORBIDDEN;
	case ERR_NOT_FOUND:
		return MHD_HTTP_NOT_FOUND;
	case ERR_CONFLICT:
		return MHD_HTTP_CONFLICT;
	case ERR_NONE:
	case ERR_STORE:
	case ERR_INTERNAL:
		break;
	}
	return MHD_HTTP_INTERNAL_SERVER_ERROR;
}

void http_resp_error(struct http_resp *rs, unsigned status, const char *code,
		     const char *message)
{
	json_t *body = json_object(), *err = json_object();

	json_object_set_new(err, "code", json_string(code));
	json_object_set_new(err, "message", json_string(message));
	json_object_set_new(body, "error", err);
	http_resp_json(rs, status, body);
}

void http_resp_err(struct http_req *rq, struct http_resp *rs, const struct err *e)
{
	enum err_kind kind = e->kind == ERR_NONE ? ERR_INTERNAL : e->kind;
	unsigned status = http_status_of(kind, rq->bad_request);

	if (status == MHD_HTTP_INTERNAL_SERVER_ERROR) {
		/* The detail names files and SQL: log it, do not send it. */
		free(rq->error_detail);
		rq->error_detail = xstrdup(e->msg[0] ? e->msg : "(无详情)");
		http_resp_error(rs, status, err_kind_code(kind),
				"服务器内部错误，请稍后重试或联系管理员");
		return;
	}
	http_resp_error(rs, status, err_kind_code(kind), e->msg[0] ? e->msg : "请求失败");
}

void http_etag(struct http_req *rq, struct http_resp *rs, const char *tag)
{
	http_resp_header(rs, MHD_HTTP_HEADER_ETAG, arena_printf(&rq->arena, "\"%s\"", tag));
}

int http_if_match(struct http_req *rq, struct http_resp *rs, const char **tag, struct err *e)
{
	const char *h = http_header(rq, MHD_HTTP_HEADER_IF_MATCH);
	size_t n;

	*tag = NULL;
	if (!h) {
		http_resp_error(rs, MHD_HTTP_PRECONDITION_REQUIRED, "precondition_required",
				"修改须带 If-Match 请求头（先读取对象，取其 ETag）");
		return 1;
	}
	while (*h == ' ' || *h == '\t')
		h++;
	n = strlen(h);
	while (n && (h[n - 1] == ' ' || h[n - 1] == '\t'))
		n--;
	if (n == 1 && h[0] == '*')
		return 0;
	if (n < 2 || h[0] != '"' || h[n - 1] != '"' || memchr(h + 1, '"', n - 2) ||
	    memchr(h + 1, ',', n - 2))
		return http_bad_request(rq, e, "If-Match 应为一个带引号的强 ETag，如 \"v3\"");
	*tag = arena_strndup(&rq->arena, h + 1, n - 2);
	return 0;
}

int64_t http_tag_version(const char *tag)
{
	char *end;
	long long v;

	if (!tag || tag[0] != 'v' || tag[1] < '1' || tag[1] > '9')
		return -1;
	v = strtoll(tag + 1, &end, 10);
	return *end || v <= 0 ? -1 : (int64_t)v;
}
