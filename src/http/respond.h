/* The one place where error kinds become HTTP statuses and error bodies; ETags and If-Match. */
#ifndef DUBAN_HTTP_RESPOND_H
#define DUBAN_HTTP_RESPOND_H

/*
 * Every error answer has the body {"error": {"code": CODE, "message": MSG}}
 * with a stable English CODE and a Chinese MSG.  Statuses:
 *
 *   400 bad_input        the request itself is malformed: JSON syntax, types,
 *                        unknown fields, nesting, invalid UTF-8, a bad query
 *                        argument (ERR_INPUT raised by the HTTP layer; also
 *                        ERR_USAGE)
 *   401 unauthenticated  no session, or an expired or unknown one
 *   403 forbidden        the caller's role may not use the route, a missing or
 *                        wrong CSRF token (code "csrf"), ERR_DENIED
 *   404 not_found        no such route or object (ERR_NOT_FOUND); also an
 *                        object outside a liaison's unit: its existence is not
 *                        revealed
 *   405 method_not_allowed  the path exists for other methods (Allow lists them)
 *   409 conflict         ERR_CONFLICT: the stored state refuses the change,
 *                        including a stale version (If-Match no longer
 *                        current): the issue asks for 409, and the client's
 *                        remedy is the same as for any conflict: reload
 *   413 too_large        the body exceeds the route's cap
 *   415 unsupported_media_type  a body of the wrong Content-Type
 *   422 bad_input        ERR_INPUT from a service: a well-formed request whose
 *                        content is refused (a file that is not a task list, a
 *                        password too short, a unit not in the directory)
 *   428 precondition_required  an edit without If-Match
 *   429 throttled        too many failed logins (Retry-After says how long)
 *   500 store_error / internal  ERR_STORE, ERR_INTERNAL: the server failed.
 *                        The message sent is generic; the real one goes to the
 *                        access log.  Bad input never reaches 500: every
 *                        check above runs first.
 *   503 unavailable      the server is shutting down
 */

#include <stdbool.h>

#include "http/request.h"
#include "util/err.h"

/* The status of an error kind; `request` marks an error about the request itself. */
unsigned http_status_of(enum err_kind kind, bool request);

/* Answer error `e` (status by http_status_of, with rq->bad_request). */
void http_resp_err(struct http_req *rq, struct http_resp *rs, const struct err *e);

/* Answer an HTTP-level refusal: status, code and message as in the table above. */
void http_resp_error(struct http_resp *rs, unsigned status, const char *code,
		     const char *message);

/*
 * ETags are strong and opaque: "v3" for a row with a version counter, the
 * source SHA-256 for a plan.  http_etag() quotes `tag` (in the request's
 * arena) and adds the ETag header.
 */
void http_etag(struct http_req *rq, struct http_resp *rs, const char *tag);

/*
 * The tag an edit was based on, from If-Match (unquoted, in the arena).  An
 * edit without If-Match is answered 428 here (returns 1, rs filled); a
 * malformed or weak one 400 (returns -1 with e); "*" gives *tag NULL (any
 * version).  0 with *tag set otherwise.
 */
int http_if_match(struct http_req *rq, struct http_resp *rs, const char **tag, struct err *e);

/* "v3" -> 3; -1 when the tag is not a version tag. */
int64_t http_tag_version(const char *tag);

#endif
