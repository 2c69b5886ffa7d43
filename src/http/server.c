/* The HTTP server: MHD daemon, request lifecycle, checks before handlers, stores, access log. */
#include "http/server.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "http/handlers.h"
#include "http/json_in.h"
#include "http/request.h"
#include "http/cache.h"
#include "http/gzip.h"
#include "http/respond.h"
#include "http/routes.h"
#include "http/static.h"
#include "service/query_service.h"
#include "store/store.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define POST_BUFFER 65536	/* MHD's multipart parser buffer */
#define STOP_POLL_US 10000
#define WRITE_BATCH_MAX 512	/* writes in one group commit, at most */

/* A deferred write (request.h: http_defer_write), in its request's arena. */
struct http_write {
	http_write_fn write;
	http_answer_fn answer;
	void *ctx;
	struct http_req *rq;
	int rc;
	struct err e;
	atomic_bool done;	/* set by the writer before it resumes the connection */
	struct http_write *next;
};

struct http_server {
	struct http_config cfg;
	struct MHD_Daemon *daemon;
	unsigned port;
	struct sockaddr_storage addr;
	/* Idle stores; a request takes one and gives it back (pool_get/pool_put). */
	pthread_mutex_t pool_mu;
	struct store **idle;
	size_t nidle, idle_alloc;
	atomic_int inflight;	/* requests begun and not yet completed */
	atomic_bool stopping;
	/* Group commit: the writer thread and its queue (writer_main). */
	bool batching;		/* the store has savepoints: writes are queued */
	bool writer_started;
	pthread_t writer;
	pthread_mutex_t wmu;
	pthread_cond_t wcv;
	struct http_write *whead, *wtail;
	bool wstop;
	struct store *wst;	/* the writer's own store */
	uint64_t nwrites, ncommits, largest;	/* for the log line at stop */
	struct http_cache *cache;	/* answers of CACHE_SCOPE routes (cache.h) */
};

void http_config_defaults(struct http_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->listen = HTTP_DEFAULT_LISTEN;
	cfg->threads = HTTP_DEFAULT_THREADS;
	cfg->max_connections = HTTP_DEFAULT_MAX_CONNECTIONS;
	cfg->timeout = HTTP_DEFAULT_TIMEOUT;
	cfg->max_body = HTTP_DEFAULT_MAX_BODY;
	cfg->max_upload = HTTP_DEFAULT_MAX_UPLOAD;
	cfg->session_ttl = HTTP_DEFAULT_SESSION_TTL;
	cfg->store_cache_kib = HTTP_DEFAULT_STORE_CACHE_KIB;
	cfg->answer_cache = HTTP_DEFAULT_ANSWER_CACHE;
}

/* A new connection to the database, its page cache capped. */
static int open_store(const struct http_config *cfg, struct store **out, struct err *e)
{
	if (store_open(cfg->db, out, e))
		return -1;
	if (cfg->store_cache_kib && store_cache_limit(*out, cfg->store_cache_kib, e)) {
		store_close(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* ---- the store pool ---- */

static int pool_get(struct http_server *srv, struct store **out, struct err *e)
{
	*out = NULL;
	pthread_mutex_lock(&srv->pool_mu);
	if (srv->nidle)
		*out = srv->idle[--srv->nidle];
	pthread_mutex_unlock(&srv->pool_mu);
	if (*out)
		return 0;
	return open_store(&srv->cfg, out, e);
}

static void pool_put(struct http_server *srv, struct store *st)
{
	if (!st)
		return;
	store_rollback(st);	/* services end their transactions; this is a guard */
	pthread_mutex_lock(&srv->pool_mu);
	ALLOC_GROW(srv->idle, srv->nidle + 1, srv->idle_alloc);
	srv->idle[srv->nidle++] = st;
	pthread_mutex_unlock(&srv->pool_mu);
}

/* ---- time ---- */

static uint64_t mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

#define STAMP_LEN 40

/* "2026-11-28T10:11:12.345Z" */
static void utc_stamp(char buf[STAMP_LEN])
{
	struct timespec ts;
	struct tm tm;
	size_t n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(buf, STAMP_LEN, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + n, STAMP_LEN - n, ".%03ldZ", ts.tv_nsec / 1000000);
}

/* ---- the access log ---- */

/* A path for the log: bytes outside printable ASCII, space and '%' escaped as %XX. */
static void log_path(struct strbuf *sb, const char *path)
{
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p > 0x20 && *p < 0x7f && *p != '%')
			strbuf_addch(sb, (char)*p);
		else
			strbuf_addf(sb, "%%%02X", *p);
	}
}

static void log_request(struct http_server *srv, struct http_req *rq)
{
	struct strbuf line = STRBUF_INIT;
	char at[STAMP_LEN];

	if (!srv->cfg.access_log)
		return;
	utc_stamp(at);
	strbuf_addf(&line, "%s %s %s ", at, rq->address[0] ? rq->address : "-", rq->method);
	log_path(&line, rq->path ? rq->path : "-");
	if (rq->status)
		strbuf_addf(&line, " %u", rq->status);
	else
		strbuf_addstr(&line, " -");
	strbuf_addf(&line, " %" PRIu64 " %" PRIu64 " %s", rq->bytes, mono_us() - rq->start_us,
		    rq->authed ? rq->who.login : "-");
	if (rq->error_detail) {
		strbuf_addstr(&line, " # ");
		/* One line: the detail's own line breaks become spaces. */
		for (const char *p = rq->error_detail; *p; p++)
			strbuf_addch(&line, *p == '\n' || *p == '\r' ? ' ' : *p);
	}
	strbuf_addch(&line, '\n');
	/* One write per line: stdio locks the stream, so threads' lines do not mix. */
	fwrite(line.buf, 1, line.len, srv->cfg.access_log);
	fflush(srv->cfg.access_log);
	strbuf_release(&line);
}

/* A line of the server's own for the log: "TIME - PREFIX" then the text (ending in a newline). */
static void log_vnote(struct http_server *srv, const char *prefix, const char *fmt, va_list ap)
{
	char at[STAMP_LEN];

	if (!srv->cfg.access_log)
		return;
	utc_stamp(at);
	flockfile(srv->cfg.access_log);
	fprintf(srv->cfg.access_log, "%s - %s", at, prefix);
	vfprintf(srv->cfg.access_log, fmt, ap);
	fflush(srv->cfg.access_log);
	funlockfile(srv->cfg.access_log);
}

__attribute__((format(printf, 2, 3)))
static void log_note(struct http_server *srv, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vnote(srv, "", fmt, ap);
	va_end(ap);
}

static void mhd_logger(void *cls, const char *fmt, va_list ap)
{
	log_vnote(cls, "MHD ", fmt, ap);
}

/* ---- answering ---- */

static void add_common_headers(struct MHD_Response *r, bool api)
{
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'self'; frame-ancestors 'none'");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, api ? "no-store" : "no-cache");
}

static bool resp_sets_cookie(const struct http_resp *rs)
{
	for (size_t i = 0; i < rs->nheaders; i++)
		if (!strcasecmp(rs->headers[i].name, MHD_HTTP_HEADER_SET_COOKIE))
			return true;
	return false;
}

/* A handler returned 0 without an answer: a bug, never the client's doing. */
static void resp_check(struct http_req *rq, struct http_resp *rs)
{
	if (rs->status)
		return;
	http_resp_release(rs);
	free(rq->error_detail);
	rq->error_detail = xstrdup("内部错误：处理函数没有给出响应");
	http_resp_error(rs, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
			"服务器内部错误，请稍后重试或联系管理员");
}

/*
 * The body of `rs` (not a file) as malloc'd bytes: a JSON body serialised
 * by jansson, or the strbuf detached.
 */
static char *resp_bytes(struct http_resp *rs, size_t *len)
{
	char *text;

	if (!rs->json)
		return strbuf_detach(&rs->body, len);
	text = json_dumps(rs->json, JSON_COMPACT | JSON_REAL_PRECISION(15));
	if (!text) {
		/* Only on memory exhaustion: the values were built valid. */
		rs->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		text = xstrdup("{\"error\":{\"code\":\"internal\",\"message\":\"\"}}");
	}
	*len = strlen(text);
	return text;
}

/* Content type, the common headers and the handler's on `r`. */
static void resp_headers(struct MHD_Response *r, const struct http_req *rq,
			 const struct http_resp *rs)
{
	if (rs->content_type)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, rs->content_type);
	add_common_headers(r, !strncmp(rq->path ? rq->path : "", "/api/", 5));
	for (size_t i = 0; i < rs->nheaders; i++)
		MHD_add_response_header(r, rs->headers[i].name, rs->headers[i].value);
}

/* An MHD response over malloc'd `body`, which MHD frees (MHD_RESPMEM_MUST_FREE). */
static struct MHD_Response *resp_from_bytes(char *body, size_t len)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);

	if (!r)
		free(body);
	return r;
}

/* Queue `r` (MHD takes its own reference); what the access log reports. */
static enum MHD_Result resp_queue(struct http_req *rq, unsigned status, struct MHD_Response *r,
				  uint64_t len)
{
	rq->status = status;
	rq->bytes = len;
	return MHD_queue_response(rq->conn, status, r);
}

/*
 * Queue `rs` on the connection.  Memory modes: a body's bytes are handed
 * to MHD, which frees them (MHD_RESPMEM_MUST_FREE); a file descriptor is
 * MHD's to close once given to it.
 */
static enum MHD_Result send_response(struct http_req *rq, struct http_resp *rs)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	uint64_t len = 0;

	resp_check(rq, rs);
	if (rs->fd >= 0) {
		r = MHD_create_response_from_fd64(rs->fd_size, rs->fd);
		if (r)
			rs->fd = -1;
		len = rs->fd_size;
	} else {
		size_t n;
		char *body = resp_bytes(rs, &n);

		len = n;
		r = resp_from_bytes(body, n);
	}
	if (!r)
		return MHD_NO;
	resp_headers(r, rq, rs);
	if (rq->set_cookie && !resp_sets_cookie(rs))
		MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, rq->set_cookie);
	ret = resp_queue(rq, rs->status, r, len);
	MHD_destroy_response(r);
	return ret;
}

/* ---- the answer cache (cache.h) ---- */

/* Whether this request's answer may come from, or go to, the cache. */
static bool cacheable(const struct http_server *srv, const struct http_req *rq)
{
	/* A refreshed cookie is this request's own: such an answer is not shared. */
	return http_cache_enabled(srv->cache) && rq->route && rq->route->cache == CACHE_SCOPE &&
	       !rq->set_cookie;
}

static enum MHD_Result key_arg(void *cls, enum MHD_ValueKind kind, const char *key,
			       const char *value)
{
	struct strbuf *sb = cls;

	(void)kind;
	/* Lengths first: no value can make two argument lists read alike. */
	strbuf_addf(sb, "&%zu:%s=", strlen(key), key);
	if (value)
		strbuf_addf(sb, "%zu:%s", strlen(value), value);
	else
		strbuf_addch(sb, '-');
	return MHD_YES;
}

/* Everything a CACHE_SCOPE answer depends on besides the data (routes.h). */
static const char *cache_key(struct http_req *rq)
{
	struct strbuf sb = STRBUF_INIT;
	struct date today = http_today(rq);
	const char *key;

	strbuf_addf(&sb, "%d/%" PRId64 "/%04d-%02d-%02d %s", (int)rq->who.role, rq->who.unit_id,
		    today.y, today.m, today.d, rq->path);
	MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, key_arg, &sb);
	key = arena_strdup(&rq->arena, sb.buf);
	strbuf_release(&sb);
	return key;
}

/* A cached answer, if one is valid for this request's key at generation `gen`. */
static bool send_cached(struct http_server *srv, struct http_req *rq, const char *key,
			int64_t gen, enum MHD_Result *ret)
{
	struct http_cached hit;

	if (!http_cache_get(srv->cache, key, gen,
			    http_accepts_gzip(http_header(rq, MHD_HTTP_HEADER_ACCEPT_ENCODING)),
			    &hit))
		return false;
	*ret = resp_queue(rq, hit.status, hit.response, hit.len);
	http_cache_done(srv->cache, &hit);
	return true;
}

/*
 * Answer a successful CACHE_SCOPE request and keep the answer: plain, and
 * gzip-coded when that is worth it, both marked as varying by
 * Accept-Encoding; the client gets the coding it accepts.
 */
static enum MHD_Result send_and_cache(struct http_server *srv, struct http_req *rq,
				      struct http_resp *rs, const char *key, int64_t gen)
{
	struct MHD_Response *plain, *gz = NULL;
	size_t len, gz_len = 0;
	char *body = resp_bytes(rs, &len), *zipped;
	enum MHD_Result ret;
	bool want_gz;

	zipped = http_gzip(body, len, &gz_len);
	plain = resp_from_bytes(body, len);
	if (!plain) {
		free(zipped);
		return MHD_NO;
	}
	resp_headers(plain, rq, rs);
	MHD_add_response_header(plain, MHD_HTTP_HEADER_VARY, MHD_HTTP_HEADER_ACCEPT_ENCODING);
	if (zipped && (gz = resp_from_bytes(zipped, gz_len))) {
		resp_headers(gz, rq, rs);
		MHD_add_response_header(gz, MHD_HTTP_HEADER_VARY, MHD_HTTP_HEADER_ACCEPT_ENCODING);
		MHD_add_response_header(gz, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	}
	want_gz = gz && http_accepts_gzip(http_header(rq, MHD_HTTP_HEADER_ACCEPT_ENCODING));
	ret = want_gz ? resp_queue(rq, rs->status, gz, gz_len)
		      : resp_queue(rq, rs->status, plain, len);
	http_cache_put(srv->cache, key, gen, rs->status, plain, len, gz, gz_len);
	return ret;
}

/* Answer a refusal at once (the rest of any body is discarded by MHD). */
static enum MHD_Result refuse(struct http_req *rq, unsigned status, const char *code,
			      const char *message)
{
	struct http_resp rs;
	enum MHD_Result ret;

	http_resp_init(&rs);
	http_resp_error(&rs, status, code, message);
	ret = send_response(rq, &rs);
	http_resp_release(&rs);
	return ret;
}

static enum MHD_Result refuse_err(struct http_req *rq, const struct err *e)
{
	struct http_resp rs;
	enum MHD_Result ret;

	http_resp_init(&rs);
	http_resp_err(rq, &rs, e);
	ret = send_response(rq, &rs);
	http_resp_release(&rs);
	return ret;
}

/* ---- the request ---- */

static void client_address(struct MHD_Connection *conn, char *buf, size_t n)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

	buf[0] = '\0';
	if (!ci || !ci->client_addr)
		return;
	if (getnameinfo(ci->client_addr,
			ci->client_addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
							       : sizeof(struct sockaddr_in),
			buf, (socklen_t)n, NULL, 0, NI_NUMERICHOST))
		buf[0] = '\0';
}

static struct http_req *req_new(struct http_server *srv, struct MHD_Connection *conn,
				const char *url, const char *method)
{
	struct http_req *rq = xcalloc(1, sizeof(*rq));

	arena_init(&rq->arena, 4096);
	strbuf_init(&rq->body, 0);
	strbuf_init(&rq->upload_buf, 0);
	rq->conn = conn;
	rq->cfg = &srv->cfg;
	rq->cache = srv->cache;
	rq->method = arena_strdup(&rq->arena, method);
	rq->path = arena_strdup(&rq->arena, url);
	rq->start_us = mono_us();
	rq->now = (int64_t)time(NULL);
	client_address(conn, rq->address, sizeof(rq->address));
	atomic_fetch_add(&srv->inflight, 1);
	return rq;
}

static void req_free(struct http_req *rq)
{
	strbuf_release(&rq->body);
	strbuf_release(&rq->upload_buf);
	free(rq->error_detail);
	arena_release(&rq->arena);
	free(rq);
}

struct query_check {
	struct http_req *rq;
	const char *bad;	/* the first argument the route does not take */
};

static enum MHD_Result query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *value)
{
	struct query_check *qc = cls;

	(void)kind;
	(void)value;
	if (!route_query_allowed(qc->rq->route, key)) {
		qc->bad = arena_strdup(&qc->rq->arena, key);
		return MHD_NO;
	}
	return MHD_YES;
}

/* Whether Content-Type `ct` is the media type `type` (parameters after it allowed). */
static bool media_type_is(const char *ct, const char *type)
{
	size_t n = strlen(type);

	return ct && !strncasecmp(ct, type, n) && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/*
 * A JSON route's body must say it is JSON (Content-Type: application/json);
 * a form route's, JSON or multipart/form-data (noted in rq->form_multipart).
 */
static bool content_type_ok(struct http_req *rq)
{
	const char *ct = http_header(rq, MHD_HTTP_HEADER_CONTENT_TYPE);

	switch (rq->route->body) {
	case BODY_JSON:
		return media_type_is(ct, "application/json");
	case BODY_FORM:
		rq->form_multipart = media_type_is(ct, "multipart/form-data");
		return rq->form_multipart || media_type_is(ct, "application/json");
	case BODY_NONE:
	case BODY_UPLOAD:
		break;
	}
	return true;
}

/* Content-Length if sent, else -1 (chunked or none). */
static int64_t content_length(const struct http_req *rq)
{
	const char *cl = http_header(rq, MHD_HTTP_HEADER_CONTENT_LENGTH);
	char *end;
	long long v;

	if (!cl)
		return -1;
	v = strtoll(cl, &end, 10);
	return *end || v < 0 ? -1 : (int64_t)v;
}

static bool has_body(const struct http_req *rq)
{
	int64_t cl = content_length(rq);

	return cl > 0 || (cl < 0 && http_header(rq, MHD_HTTP_HEADER_TRANSFER_ENCODING));
}

static size_t body_cap(const struct http_req *rq)
{
	switch (rq->route->body) {
	case BODY_JSON:
		return rq->cfg->max_body;
	case BODY_UPLOAD:
		return rq->cfg->max_upload;
	case BODY_FORM:
		return rq->form_multipart ? rq->cfg->max_upload : rq->cfg->max_body;
	case BODY_NONE:
		break;
	}
	return 0;
}

/*
 * Open the session in the cookie: rq->authed stays false without one, or
 * with a dead one.  With the answer cache on, the data generation is read
 * first (kept in rq->gen for finish()) and a session already resumed at
 * that generation is taken from the cache (cache.h says why that is sound).
 */
static int authenticate(struct http_server *srv, struct http_req *rq, struct err *e)
{
	const char *token = MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND,
							 HTTP_SESSION_COOKIE);
	bool cache = http_cache_enabled(srv->cache);
	struct store *st;
	int rc = 0;

	if (!token)
		return 0;
	if (pool_get(srv, &st, e))
		return -1;
	if (cache) {
		if (svc_data_generation(st, &rq->gen, e)) {
			pool_put(srv, st);
			return -1;
		}
		rq->gen_known = true;
		/* A session near its renewal is resumed afresh: that renews it. */
		rq->authed = http_cache_session_get(srv->cache, token, rq->gen, &rq->arena,
						    &rq->who) &&
			     rq->who.expires_at > rq->now &&
			     rq->who.expires_at - rq->now >= srv->cfg.session_ttl / 2;
	}
	if (!rq->authed) {
		rc = svc_session_resume(st, token, rq->now, srv->cfg.session_ttl, &rq->arena,
					&rq->who, &rq->authed, e);
		if (!rc && rq->authed && cache && !rq->who.extended)
			http_cache_session_put(srv->cache, token, rq->gen, &rq->who);
	}
	pool_put(srv, st);
	if (!rc && rq->authed) {
		rq->actor = svc_principal_actor(&rq->who, &rq->arena);
		/* The expiry moved: the browser's cookie must live as long. */
		if (rq->who.extended)
			rq->set_cookie = http_session_cookie(rq, token);
	}
	return rc;
}

/*
 * The first call for a request: its headers are in.  Every check that
 * needs no body runs here, and a refusal is answered at once (before a
 * large body is read).  MHD_YES without a response: go on reading.
 */
static enum MHD_Result begin(struct http_server *srv, struct http_req *rq)
{
	struct strbuf allow = STRBUF_INIT;
	struct query_check qc = { rq, NULL };
	struct err e = ERR_INIT;
	enum route_match m;
	int64_t cl;

	if (atomic_load(&srv->stopping))
		return refuse(rq, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable", "服务器正在停止");
	if (rq->path[0] != '/')
		return refuse(rq, MHD_HTTP_BAD_REQUEST, "bad_input", "请求路径应以 / 开头");
	if (!utf8_valid(rq->path, strlen(rq->path), NULL))
		return refuse(rq, MHD_HTTP_BAD_REQUEST, "bad_input", "请求路径不是有效的 UTF-8");
	if (strncmp(rq->path, "/api/", 5)) {
		/* The web interface: files, read only, any time. */
		if (strcmp(rq->method, "GET") && strcmp(rq->method, "HEAD"))
			return refuse(rq, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
				      "静态文件只支持 GET 和 HEAD");
		return MHD_YES;
	}
	m = route_find(rq->method, rq->path, &rq->arena, &rq->route, rq->params, &rq->nparams,
		       &allow);
	if (m == ROUTE_NO_PATH) {
		strbuf_release(&allow);
		return refuse(rq, MHD_HTTP_NOT_FOUND, "not_found", "没有这个接口");
	}
	if (m == ROUTE_NO_METHOD) {
		struct http_resp rs;
		enum MHD_Result ret;

		http_resp_init(&rs);
		http_resp_error(&rs, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
				"此接口不支持该请求方法");
		http_resp_header(&rs, MHD_HTTP_HEADER_ALLOW, arena_strdup(&rq->arena, allow.buf));
		strbuf_release(&allow);
		ret = send_response(rq, &rs);
		http_resp_release(&rs);
		return ret;
	}
	strbuf_release(&allow);
	MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, query_arg, &qc);
	if (qc.bad) {
		char msg[160];

		snprintf(msg, sizeof(msg), "此接口不接受查询参数 %.64s", qc.bad);
		return refuse(rq, MHD_HTTP_BAD_REQUEST, "bad_input", msg);
	}
	if (authenticate(srv, rq, &e))
		return refuse_err(rq, &e);
	if (rq->route->roles) {
		if (!rq->authed)
			return refuse(rq, MHD_HTTP_UNAUTHORIZED, "unauthenticated",
				      "未登录或会话已过期，请先登录");
		if (!(rq->route->roles & USER_ROLE_BIT(rq->who.role)))
			return refuse(rq, MHD_HTTP_FORBIDDEN, "forbidden", "当前角色无权使用此接口");
		if (rq->route->csrf && !svc_csrf_ok(&rq->who, http_header(rq, HTTP_CSRF_HEADER)))
			return refuse(rq, MHD_HTTP_FORBIDDEN, "csrf",
				      "缺少或错误的 X-CSRF-Token 请求头（从登录或 GET /api/v1/session 取得）");
	}
	if (rq->route->body == BODY_NONE) {
		if (has_body(rq))
			return refuse(rq, MHD_HTTP_BAD_REQUEST, "bad_input", "此接口不接受请求体");
		return MHD_YES;
	}
	if (!content_type_ok(rq))
		return refuse(rq, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
			      rq->route->body == BODY_FORM
				      ? "请求体应为 JSON（application/json）或 multipart/form-data"
				      : "请求体应为 JSON（Content-Type: application/json）");
	cl = content_length(rq);
	if (cl > (int64_t)body_cap(rq))
		return refuse(rq, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", "请求体过大");
	if (cl > 0)
		strbuf_grow(&rq->body, (size_t)cl);
	return MHD_YES;
}

/* ---- uploads ---- */

struct multipart {
	struct http_req *rq;
	bool other;	/* a field other than "file" */
	bool seen;	/* a "file" field arrived */
};

static enum MHD_Result multipart_field(void *cls, enum MHD_ValueKind kind, const char *key,
				       const char *filename, const char *content_type,
				       const char *transfer_encoding, const char *data,
				       uint64_t off, size_t size)
{
	struct multipart *mp = cls;

	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	(void)off;
	if (!key || strcmp(key, "file")) {
		mp->other = true;
		return MHD_YES;
	}
	if (!mp->seen && filename)
		mp->rq->upload.filename = arena_strdup(&mp->rq->arena, filename);
	mp->seen = true;
	strbuf_add(&mp->rq->upload_buf, data, size);
	return MHD_YES;
}

/* Collect the uploaded file: the multipart field "file", or the raw body. */
static int collect_upload(struct http_req *rq, struct err *e)
{
	const char *ct = http_header(rq, MHD_HTTP_HEADER_CONTENT_TYPE);

	if (ct && !strncasecmp(ct, "multipart/form-data", strlen("multipart/form-data"))) {
		struct multipart mp = { rq, false, false };
		struct MHD_PostProcessor *pp =
			MHD_create_post_processor(rq->conn, POST_BUFFER, multipart_field, &mp);
		bool ok;

		if (!pp)
			return http_bad_request(rq, e, "multipart 请求体缺少 boundary");
		ok = MHD_post_process(pp, rq->body.buf, rq->body.len) == MHD_YES;
		ok = MHD_destroy_post_processor(pp) == MHD_YES && ok;
		if (!ok)
			return http_bad_request(rq, e, "multipart 请求体格式有误");
		if (mp.other)
			return http_bad_request(rq, e, "multipart 请求体只应含有一个名为 file 的文件");
		if (!mp.seen)
			return http_bad_request(rq, e, "multipart 请求体缺少名为 file 的文件");
		rq->upload.data = rq->upload_buf.buf;
		rq->upload.len = rq->upload_buf.len;
	} else {
		rq->upload.data = rq->body.buf;
		rq->upload.len = rq->body.len;
	}
	{
		const char *name;

		if (http_query(rq, "filename", 255, &name, e))
			return -1;
		if (name)
			rq->upload.filename = name;
	}
	if (!rq->upload.filename || !*rq->upload.filename)
		rq->upload.filename = "upload";
	if (!utf8_valid(rq->upload.filename, strlen(rq->upload.filename), NULL))
		return http_bad_request(rq, e, "文件名不是有效的 UTF-8");
	if (!rq->upload.len)
		return http_bad_request(rq, e, "上传的文件是空的");
	return 0;
}

/* A form's multipart parts: "json" (the JSON body) and any number of "file". */
struct form_parts {
	struct http_req *rq;
	struct strbuf json;
	const char *other;	/* the first field of another name */
	size_t *off;		/* where each file starts in rq->upload_buf, malloc'd */
	const char **names;
	size_t n, alloc;
	bool too_many;
};

#define FORM_FILES_MAX 64

static enum MHD_Result form_field(void *cls, enum MHD_ValueKind kind, const char *key,
				  const char *filename, const char *content_type,
				  const char *transfer_encoding, const char *data, uint64_t off,
				  size_t size)
{
	struct form_parts *fp = cls;

	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	if (key && !strcmp(key, "json")) {
		strbuf_add(&fp->json, data, size);
		return MHD_YES;
	}
	if (!key || strcmp(key, "file")) {
		if (!fp->other)
			fp->other = arena_strdup(&fp->rq->arena, key ? key : "");
		return MHD_YES;
	}
	if (off == 0) {
		/* A new part begins. */
		if (fp->n >= FORM_FILES_MAX) {
			fp->too_many = true;
			return MHD_YES;
		}
		if (fp->n + 1 > fp->alloc) {
			fp->alloc = fp->alloc ? 2 * fp->alloc : 4;
			fp->off = xrealloc(fp->off, fp->alloc * sizeof(*fp->off));
			fp->names = xrealloc(fp->names, fp->alloc * sizeof(*fp->names));
		}
		fp->off[fp->n] = fp->rq->upload_buf.len;
		fp->names[fp->n] = arena_strdup(&fp->rq->arena, filename ? filename : "");
		fp->n++;
	}
	if (!fp->too_many)
		strbuf_add(&fp->rq->upload_buf, data, size);
	return MHD_YES;
}

/* A BODY_FORM route's body: its JSON into rq->in, its files into rq->files. */
static int collect_form(struct http_req *rq, struct err *e)
{
	struct form_parts fp;
	struct MHD_PostProcessor *pp;
	bool ok;
	int rc = -1;

	rq->in = arena_zalloc(&rq->arena, rq->route->schema->size);
	if (!rq->form_multipart) {
		if (json_in_parse(rq->body.buf, rq->body.len, rq->route->schema->fields, rq->in,
				  &rq->arena, e)) {
			rq->bad_request = true;
			return -1;
		}
		return 0;
	}
	memset(&fp, 0, sizeof(fp));
	fp.rq = rq;
	strbuf_init(&fp.json, 0);
	pp = MHD_create_post_processor(rq->conn, POST_BUFFER, form_field, &fp);
	if (!pp) {
		http_bad_request(rq, e, "multipart 请求体缺少 boundary");
		goto out;
	}
	ok = MHD_post_process(pp, rq->body.buf, rq->body.len) == MHD_YES;
	ok = MHD_destroy_post_processor(pp) == MHD_YES && ok;
	if (!ok) {
		http_bad_request(rq, e, "multipart 请求体格式有误");
		goto out;
	}
	if (fp.other) {
		http_bad_request(rq, e, "multipart 请求体只应含有 json 和 file 字段，不应有“%.64s”",
				 fp.other);
		goto out;
	}
	if (fp.too_many) {
		http_bad_request(rq, e, "multipart 请求体的文件过多（最多 %d 个）", FORM_FILES_MAX);
		goto out;
	}
	if (!fp.json.len) {
		http_bad_request(rq, e, "multipart 请求体缺少 json 字段");
		goto out;
	}
	if (json_in_parse(fp.json.buf, fp.json.len, rq->route->schema->fields, rq->in,
			  &rq->arena, e)) {
		rq->bad_request = true;
		goto out;
	}
	rq->nfiles = fp.n;
	rq->files = arena_zalloc(&rq->arena, (fp.n ? fp.n : 1) * sizeof(*rq->files));
	for (size_t i = 0; i < fp.n; i++) {
		size_t end = i + 1 < fp.n ? fp.off[i + 1] : rq->upload_buf.len;

		rq->files[i].filename = fp.names[i];
		rq->files[i].data = rq->upload_buf.buf + fp.off[i];
		rq->files[i].len = end - fp.off[i];
		if (!utf8_valid(fp.names[i], strlen(fp.names[i]), NULL)) {
			http_bad_request(rq, e, "第 %zu 个文件的文件名不是有效的 UTF-8", i + 1);
			goto out;
		}
	}
	rc = 0;
out:
	free(fp.off);
	free(fp.names);
	strbuf_release(&fp.json);
	return rc;
}

/* ---- group commit: deferred writes and the writer thread ---- */

void http_defer_write(struct http_req *rq, http_write_fn write, http_answer_fn answer,
		      void *ctx)
{
	struct http_write *w = arena_zalloc(&rq->arena, sizeof(*w));

	w->write = write;
	w->answer = answer;
	w->ctx = ctx;
	w->rq = rq;
	atomic_init(&w->done, false);
	rq->write = w;
}

/* The answer to a write that has run: its error, or its handler's answer. */
static int write_answer(struct http_req *rq, struct http_resp *rs, struct err *e)
{
	struct http_write *w = rq->write;

	if (w->rc) {
		*e = w->e;
		if (e->kind == ERR_NONE)
			e->kind = ERR_INTERNAL;
		return -1;
	}
	return w->answer(rq, rs, w->ctx, e);
}

/*
 * Run `jobs` (a list of n) in one transaction, each in its savepoint, and
 * commit once.  A failed commit fails every write that had succeeded.
 */
static void run_batch(struct http_server *srv, struct http_write *jobs, size_t n)
{
	struct err e = ERR_INIT;
	bool ok = false;

	if ((srv->wst || !open_store(&srv->cfg, &srv->wst, &e)) &&
	    !store_batch_begin(srv->wst, &e)) {
		for (struct http_write *w = jobs; w; w = w->next) {
			w->rc = w->write(srv->wst, w->ctx, &w->e);
			store_rollback(srv->wst);	/* writes end their transactions; a guard */
		}
		ok = !store_batch_commit(srv->wst, &e);
		if (!ok)
			store_batch_rollback(srv->wst);
	}
	srv->nwrites += n;
	srv->ncommits++;
	if (n > srv->largest)
		srv->largest = n;
	for (struct http_write *w = jobs, *next; w; w = next) {
		next = w->next;	/* the request may be gone once resumed */
		if (!ok && !w->rc) {
			w->rc = -1;
			w->e = e;
		}
		atomic_store(&w->done, true);
		MHD_resume_connection(w->rq->conn);
	}
}

static void *writer_main(void *arg)
{
	struct http_server *srv = arg;

	for (;;) {
		struct http_write *jobs, *last;
		size_t n = 1;

		pthread_mutex_lock(&srv->wmu);
		while (!srv->whead && !srv->wstop)
			pthread_cond_wait(&srv->wcv, &srv->wmu);
		if (!srv->whead) {
			pthread_mutex_unlock(&srv->wmu);
			break;
		}
		/* Everything queued meanwhile (up to the cap) goes into one commit. */
		jobs = last = srv->whead;
		while (last->next && n < WRITE_BATCH_MAX) {
			last = last->next;
			n++;
		}
		srv->whead = last->next;
		if (!srv->whead)
			srv->wtail = NULL;
		last->next = NULL;
		pthread_mutex_unlock(&srv->wmu);
		run_batch(srv, jobs, n);
	}
	return NULL;
}

static void writer_enqueue(struct http_server *srv, struct http_write *w)
{
	pthread_mutex_lock(&srv->wmu);
	w->next = NULL;
	if (srv->wtail)
		srv->wtail->next = w;
	else
		srv->whead = w;
	srv->wtail = w;
	pthread_cond_signal(&srv->wcv);
	pthread_mutex_unlock(&srv->wmu);
}

/* Let the writer finish what is queued, then stop it; a line for the log. */
static void writer_stop(struct http_server *srv)
{
	if (srv->writer_started) {
		pthread_mutex_lock(&srv->wmu);
		srv->wstop = true;
		pthread_cond_signal(&srv->wcv);
		pthread_mutex_unlock(&srv->wmu);
		pthread_join(srv->writer, NULL);
		srv->writer_started = false;
	}
	store_close(srv->wst);
	srv->wst = NULL;
	if (srv->ncommits)
		log_note(srv, "group commit: %" PRIu64 " writes in %" PRIu64 " commits (largest %" PRIu64
			 ")\n", srv->nwrites, srv->ncommits, srv->largest);
}

/* A line for the log at stop: how the answer cache did. */
static void cache_log(struct http_server *srv)
{
	struct http_cache_stats cs;

	if (!http_cache_enabled(srv->cache))
		return;
	http_cache_stats(srv->cache, &cs);
	if (cs.hits || cs.misses)
		log_note(srv, "answer cache: %" PRIu64 " hits, %" PRIu64 " misses, %" PRIu64
			 " sessions reused; %" PRIu64 " entries stored, %" PRIu64
			 " not (budget full), %" PRIu64 " emptied by writes\n",
			 cs.hits, cs.misses, cs.session_hits, cs.stored, cs.full, cs.flushes);
}

/* ---- the last call: the body is in ---- */

static enum MHD_Result finish(struct http_server *srv, struct http_req *rq)
{
	struct http_resp rs;
	struct err e = ERR_INIT;
	enum MHD_Result ret;
	const char *key = NULL;	/* set when the answer is to be cached */
	int64_t gen = 0;
	int rc = -1;

	if (rq->body_over)
		return refuse(rq, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", "请求体过大");
	http_resp_init(&rs);
	if (rq->write) {
		/* Resumed after the writer's commit: answer it. */
		if (!pool_get(srv, &rq->st, &e))
			rc = write_answer(rq, &rs, &e);
		pool_put(srv, rq->st);
		rq->st = NULL;
		goto answer;
	}
	if (!rq->route) {
		rc = http_static_serve(srv->cfg.web_dir, rq, &rs, &e);
		goto answer;
	}
	if (rq->route->body == BODY_JSON) {
		rq->in = arena_zalloc(&rq->arena, rq->route->schema->size);
		if (json_in_parse(rq->body.buf, rq->body.len, rq->route->schema->fields, rq->in,
				  &rq->arena, &e)) {
			rq->bad_request = true;
			goto answer;
		}
	} else if (rq->route->body == BODY_UPLOAD && collect_upload(rq, &e)) {
		goto answer;
	} else if (rq->route->body == BODY_FORM && collect_form(rq, &e)) {
		goto answer;
	}
	if (pool_get(srv, &rq->st, &e))
		goto answer;
	if (cacheable(srv, rq)) {
		/* Read before the answer is computed: the answer is at least this new. */
		if (rq->gen_known) {
			gen = rq->gen;
		} else if (svc_data_generation(rq->st, &gen, &e)) {
			pool_put(srv, rq->st);
			rq->st = NULL;
			goto answer;
		}
		key = cache_key(rq);
		if (send_cached(srv, rq, key, gen, &ret)) {
			pool_put(srv, rq->st);
			rq->st = NULL;
			http_resp_release(&rs);
			return ret;
		}
	}
	rc = rq->route->handler(rq, &rs, &e);
	if (!rc && rq->write) {
		if (srv->batching) {
			/* Wait, without holding a thread, for the writer's commit. */
			pool_put(srv, rq->st);
			rq->st = NULL;
			http_resp_release(&rs);
			MHD_suspend_connection(rq->conn);
			writer_enqueue(srv, rq->write);
			return MHD_YES;
		}
		rq->write->rc = rq->write->write(rq->st, rq->write->ctx, &rq->write->e);
		store_rollback(rq->st);
		atomic_store(&rq->write->done, true);
		rc = write_answer(rq, &rs, &e);
	}
	pool_put(srv, rq->st);
	rq->st = NULL;
answer:
	if (rc) {
		http_resp_release(&rs);
		http_resp_err(rq, &rs, &e);
	}
	if (key && !rc && rs.status == MHD_HTTP_OK && rs.fd < 0)
		ret = send_and_cache(srv, rq, &rs, key, gen);
	else
		ret = send_response(rq, &rs);
	http_resp_release(&rs);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	struct http_server *srv = cls;
	struct http_req *rq = *con_cls;

	(void)version;
	if (!rq) {
		rq = req_new(srv, conn, url, method);
		*con_cls = rq;
		return begin(srv, rq);
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;

		/* Beyond the cap the rest is read and dropped: MHD cannot answer mid-upload. */
		if (!rq->body_over && rq->route && rq->body.len + n <= body_cap(rq))
			strbuf_add(&rq->body, upload_data, n);
		else
			rq->body_over = true;
		*upload_data_size = 0;
		return MHD_YES;
	}
	return finish(srv, rq);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct http_server *srv = cls;
	struct http_req *rq = *con_cls;

	(void)conn;
	(void)toe;
	if (!rq)
		return;
	log_request(srv, rq);
	req_free(rq);
	*con_cls = NULL;
	atomic_fetch_sub(&srv->inflight, 1);
}

/* ---- starting and stopping ---- */

/* "127.0.0.1:8080", "[::1]:0" into srv->addr. */
static int parse_listen(struct http_server *srv, const char *listen, bool *v6, struct err *e)
{
	struct addrinfo hints, *res = NULL;
	const char *colon;
	char *host;
	int rc;

	if (listen[0] == '[') {
		const char *close = strchr(listen, ']');

		if (!close || close[1] != ':')
			return err_set(e, ERR_USAGE,
				       "--listen 应为 地址:端口，如 127.0.0.1:8080 或 [::1]:8080：%s",
				       listen);
		host = xstrndup(listen + 1, (size_t)(close - listen - 1));
		colon = close + 1;
	} else {
		colon = strrchr(listen, ':');
		if (!colon || colon == listen)
			return err_set(e, ERR_USAGE, "--listen 应为 地址:端口，如 127.0.0.1:8080：%s",
				       listen);
		host = xstrndup(listen, (size_t)(colon - listen));
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
	rc = getaddrinfo(host, colon + 1, &hints, &res);
	free(host);
	if (rc || !res)
		return err_set(e, ERR_USAGE, "--listen 的地址或端口无效：%s（%s）", listen,
			       rc ? gai_strerror(rc) : "无结果");
	memcpy(&srv->addr, res->ai_addr, res->ai_addrlen);
	*v6 = res->ai_family == AF_INET6;
	freeaddrinfo(res);
	return 0;
}

static void pool_close_all(struct http_server *srv)
{
	for (size_t i = 0; i < srv->nidle; i++)
		store_close(srv->idle[i]);
	free(srv->idle);
	srv->idle = NULL;
	srv->nidle = srv->idle_alloc = 0;
}

int http_server_start(const struct http_config *cfg, struct http_server **out, struct err *e)
{
	struct http_server *srv;
	const union MHD_DaemonInfo *info;
	struct store *st = NULL;
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC |
			 MHD_ALLOW_SUSPEND_RESUME;
	bool v6 = false;

	*out = NULL;
	if (route_table_check(e))
		return -1;
	if (!cfg->threads || !cfg->db)
		return err_set(e, ERR_USAGE, "服务器配置不完整（线程数、数据库）");
	srv = xcalloc(1, sizeof(*srv));
	srv->cfg = *cfg;
	pthread_mutex_init(&srv->pool_mu, NULL);
	pthread_mutex_init(&srv->wmu, NULL);
	pthread_cond_init(&srv->wcv, NULL);
	atomic_init(&srv->inflight, 0);
	atomic_init(&srv->stopping, false);
	if (parse_listen(srv, cfg->listen, &v6, e))
		goto fail;
	/* Open (and migrate) the database before accepting anyone: fail early, once. */
	if (open_store(cfg, &st, e))
		goto fail;
	srv->batching = store_batch_supported(st);
	pool_put(srv, st);
	srv->cache = http_cache_new(cfg->answer_cache);
	if (srv->batching) {
		if (pthread_create(&srv->writer, NULL, writer_main, srv)) {
			err_set(e, ERR_INTERNAL, "无法启动写入线程");
			goto fail;
		}
		srv->writer_started = true;
	}
	if (v6)
		flags |= MHD_USE_IPv6;
	srv->daemon = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, srv,
		/* First, so that MHD logs nothing through its default logger. */
		MHD_OPTION_EXTERNAL_LOGGER, mhd_logger, srv,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&srv->addr,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)cfg->threads,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned int)cfg->max_connections,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)cfg->timeout,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
		MHD_OPTION_END);
	if (!srv->daemon) {
		err_set(e, ERR_INPUT, "无法在 %s 上启动 HTTP 服务（端口被占用或地址不可用？）",
			cfg->listen);
		goto fail;
	}
	info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = info ? info->port : 0;
	*out = srv;
	return 0;
fail:
	writer_stop(srv);
	pool_close_all(srv);
	http_cache_free(srv->cache);
	pthread_mutex_destroy(&srv->pool_mu);
	pthread_mutex_destroy(&srv->wmu);
	pthread_cond_destroy(&srv->wcv);
	free(srv);
	return -1;
}

unsigned http_server_port(const struct http_server *srv)
{
	return srv->port;
}

void http_server_stop(struct http_server *srv, unsigned grace)
{
	uint64_t deadline = mono_us() + (uint64_t)grace * 1000000u;
	MHD_socket ls;

	if (!srv)
		return;
	atomic_store(&srv->stopping, true);
	ls = MHD_quiesce_daemon(srv->daemon);
	while (atomic_load(&srv->inflight) > 0 && mono_us() < deadline)
		usleep(STOP_POLL_US);
	/* Every queued write is committed and its connection resumed before MHD stops. */
	writer_stop(srv);
	MHD_stop_daemon(srv->daemon);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	pool_close_all(srv);
	cache_log(srv);
	http_cache_free(srv->cache);
	pthread_mutex_destroy(&srv->pool_mu);
	pthread_mutex_destroy(&srv->wmu);
	pthread_cond_destroy(&srv->wcv);
	free(srv);
}
