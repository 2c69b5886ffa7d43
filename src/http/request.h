/* What a handler gets (the request, checked) and fills (the response): private to src/http. */
#ifndef DUBAN_HTTP_REQUEST_H
#define DUBAN_HTTP_REQUEST_H

/*
 * Lifecycle (server.c): a struct http_req is created when a request's
 * headers are in, lives in MHD's per-request pointer, and is freed when MHD
 * reports the request completed.  Everything a request allocates for its
 * own lifetime (strings, validated values, route parameters) comes from
 * rq->arena.  By the time a handler runs:
 *   - the route matched (rq->route, rq->params), the caller holds one of
 *     the route's roles and, for a state change, sent the right CSRF token;
 *   - a JSON body was validated into rq->in (the route's schema), or an
 *     upload was collected into rq->upload; a BODY_FORM route's JSON (the
 *     body, or the multipart field "json") is in rq->in and its multipart
 *     "file" parts in rq->files;
 *   - rq->st is a store for this thread's exclusive use until the handler
 *     returns (the server's pool).
 *
 * A handler returns 0 with `rs` filled (a success, or a refusal it chose,
 * such as 428), or -1 with `e` filled: respond.c turns the error kind into
 * the status (see respond.h).  Errors about the request itself (a malformed
 * parameter) are raised through http_bad_request(), so that they answer 400
 * rather than the 422 a service's ERR_INPUT answers.
 */

#include <jansson.h>
#include <microhttpd.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "service/auth_service.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/err.h"
#include "util/strbuf.h"

struct route;
struct http_config;

#define HTTP_MAX_PARAMS 4	/* :params in one route pattern */
#define HTTP_MAX_HEADERS 8	/* extra headers on one response */

struct http_param {
	const char *name;
	const char *value;	/* decoded, as in the path */
};

struct http_upload {
	const char *filename;	/* as sent (multipart filename or ?filename=) */
	const char *data;	/* points into the request's body buffers */
	size_t len;
};

struct http_write;	/* a write deferred to the group-commit writer (server.c) */
struct http_cache;	/* the server's answer cache (cache.h) */

struct http_req {
	struct MHD_Connection *conn;
	const struct http_config *cfg;
	struct arena arena;
	const char *method;		/* "GET"... (HEAD is matched as GET) */
	const char *path;		/* decoded */
	const struct route *route;
	struct http_param params[HTTP_MAX_PARAMS];
	size_t nparams;
	struct strbuf body;		/* as received, at most the route's cap */
	bool body_over;			/* more than the cap arrived: answered 413 */
	void *in;			/* the validated JSON body (route->schema) */
	struct strbuf upload_buf;	/* a multipart upload's file part(s) */
	struct http_upload upload;
	/* BODY_FORM sent as multipart/form-data: its "file" parts, in order */
	bool form_multipart;
	struct http_upload *files;	/* in the arena */
	size_t nfiles;
	struct http_write *write;	/* set by http_defer_write() */
	bool authed;
	struct svc_principal who;
	struct svc_actor actor;		/* "user:LOGIN" when authed */
	struct store *st;
	char address[64];		/* the client's IP address */
	int64_t now;			/* Unix seconds when the request began */
	uint64_t start_us;		/* monotonic, for the access log */
	bool bad_request;		/* the handler's error concerns the request itself */
	const char *set_cookie;		/* a refreshed session cookie to send, or NULL */
	/* the data generation read when the request began (server.c, cache.h) */
	bool gen_known;
	int64_t gen;
	struct http_cache *cache;	/* for values shared between requests; may be disabled */
	/* what the access log reports */
	unsigned status;
	uint64_t bytes;
	char *error_detail;		/* a 500's real message, logged not sent (malloc'd) */
};

struct http_header {
	const char *name;
	const char *value;
};

struct http_resp {
	unsigned status;
	const char *content_type;
	json_t *json;		/* a JSON body (owned: freed after sending), or */
	struct strbuf body;	/* bytes, or */
	int fd;			/* a file to send (owned), -1 when none */
	uint64_t fd_size;
	struct http_header headers[HTTP_MAX_HEADERS];
	size_t nheaders;
};

/* Handlers: one per route (handlers.h). */
typedef int (*http_handler)(struct http_req *rq, struct http_resp *rs, struct err *e);

/* ---- reading the request ---- */

/* A :param of the route; NULL if the pattern has none of that name. */
const char *http_param(const struct http_req *rq, const char *name);
/* A :param as an id in 1..max; ERR_NOT_FOUND (nothing can have that id) otherwise. */
int http_param_id(struct http_req *rq, const char *name, int64_t max, int64_t *out,
		  struct err *e);
/*
 * A query argument (decoded); NULL when absent.  The route table lists the
 * arguments a route accepts; the server refused the others before.  A value
 * that is not UTF-8 or longer than `max` bytes is a bad request.
 */
int http_query(struct http_req *rq, const char *name, size_t max, const char **out,
	       struct err *e);
/* A query argument as an integer in [min, max]; *out unchanged when absent. */
int http_query_int(struct http_req *rq, const char *name, int64_t min, int64_t max,
		   int64_t *out, struct err *e);
/* A query argument as a boolean ("1", "true", "0", "false"); *out unchanged when absent. */
int http_query_bool(struct http_req *rq, const char *name, bool *out, struct err *e);
/* A request header, or NULL. */
const char *http_header(const struct http_req *rq, const char *name);
/* Fill e with ERR_INPUT and mark the error as the request's own (400); returns -1. */
int http_bad_request(struct http_req *rq, struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The day the request is made, in the server's local time (acts are dated by it). */
struct date http_today(const struct http_req *rq);
/* The unit the caller acts and reads for: a liaison's unit, 0 for the office and leaders. */
int64_t http_scope_unit(const struct http_req *rq);

/*
 * Group commit.  A handler whose write may share one commit with other
 * requests' (report submission) calls http_defer_write() and returns 0
 * without an answer.  The server suspends the connection and queues the
 * write for its writer thread, which runs every write queued meanwhile in
 * one transaction, each in a savepoint of its own (store_batch_begin: a
 * write that fails undoes only itself), and commits once.  Then each
 * request resumes: on success `answer` runs on the request's thread with
 * rq->st (a 201 is thus sent only once the write is on disk); a failed
 * write (or commit) is answered with its error as any handler error is.
 * `write` runs on the writer thread with the writer's store: it must only
 * read `ctx` and what it points to (the request's arena and body, alive
 * until the answer) and call services.  Without batch support in the
 * store (store_batch_supported), the write runs at once on the request's
 * thread, in a transaction of its own.
 */
typedef int (*http_write_fn)(struct store *st, void *ctx, struct err *e);
typedef int (*http_answer_fn)(struct http_req *rq, struct http_resp *rs, void *ctx,
			      struct err *e);
void http_defer_write(struct http_req *rq, http_write_fn write, http_answer_fn answer,
		      void *ctx);

/* ---- building the response ---- */

void http_resp_init(struct http_resp *rs);
void http_resp_release(struct http_resp *rs);
/* A JSON body with `status`; steals `v` (as json_object_set_new does). */
void http_resp_json(struct http_resp *rs, unsigned status, json_t *v);
/* An empty body (204...). */
void http_resp_empty(struct http_resp *rs, unsigned status);
/* Add a header; name and value must outlive the response (the request's arena). */
void http_resp_header(struct http_resp *rs, const char *name, const char *value);

/*
 * The Set-Cookie value of the session cookie duban_session: the token, or
 * (token NULL) an empty one that removes it.  HttpOnly, SameSite=Strict,
 * Path=/, Max-Age the session's lifetime, Secure with --secure-cookies.
 * In the request's arena.
 */
const char *http_session_cookie(struct http_req *rq, const char *token);

#endif
