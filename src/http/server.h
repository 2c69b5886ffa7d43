/* The HTTP server: libmicrohttpd with epoll and a thread pool; the JSON API and the web UI. */
#ifndef DUBAN_HTTP_SERVER_H
#define DUBAN_HTTP_SERVER_H

/*
 * http_server_start() binds the listening socket and starts
 * `threads` worker threads (MHD_USE_EPOLL_INTERNAL_THREAD with
 * MHD_OPTION_THREAD_POOL_SIZE); requests are served on them until
 * http_server_stop().  Each request uses a store from a pool (opened on
 * demand from cfg->db, one per concurrent request at most, so at most one
 * per worker thread): a struct store is never shared by two threads at once.
 *
 * Requests under /api/v1 go to the route table (routes.h); other GET and
 * HEAD requests are files under cfg->web_dir (static.c).  One access-log
 * line per request goes to cfg->access_log:
 *   TIME ADDRESS METHOD PATH STATUS BYTES MICROSECONDS USER
 * (TIME in UTC, ISO 8601 with milliseconds; PATH with spaces, controls and
 * non-ASCII bytes %-escaped; USER "-" without a session); a 500 adds the
 * real error after " # ".
 *
 * Group commit (request.h: http_defer_write): when the store supports
 * batches (store_batch_supported), one writer thread with its own store
 * runs the deferred writes (report submissions) queued while its previous
 * commit ran, in one transaction of savepoints, and resumes each suspended
 * request after the commit.
 *
 * http_server_stop(): stop accepting (MHD_quiesce_daemon), let requests in
 * flight finish (up to `grace` seconds), commit what the writer has queued
 * and resume those requests, stop the threads, close the stores.
 * Signals are the caller's business (cli_serve.c): the server's threads
 * inherit the caller's signal mask.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/err.h"

struct status_config;

struct http_config {
	const char *listen;	/* "127.0.0.1:8080", "[::1]:8080"; port 0: any free port */
	const char *db;		/* the store URL (store_open) */
	const char *web_dir;	/* static files; NULL or missing: none */
	FILE *access_log;	/* stderr, or a file opened by the caller */
	unsigned threads;	/* worker threads, >= 1 */
	unsigned max_connections;
	unsigned timeout;	/* seconds a connection may stay idle */
	size_t max_body;	/* bytes of a JSON body */
	size_t max_upload;	/* bytes of an upload (a task list) */
	int64_t session_ttl;	/* seconds */
	size_t store_cache_kib;	/* page cache per database connection (store_cache_limit) */
	size_t answer_cache;	/* bytes of cached API answers (cache.h); 0: no cache */
	bool secure_cookies;	/* add Secure to the session cookie (behind HTTPS) */
	const struct status_config *status_cfg;	/* status thresholds; NULL: the defaults */
};

#define HTTP_SESSION_COOKIE "duban_session"
#define HTTP_CSRF_HEADER "X-CSRF-Token"

#define HTTP_DEFAULT_LISTEN "127.0.0.1:8080"
#define HTTP_DEFAULT_THREADS 4
#define HTTP_DEFAULT_MAX_CONNECTIONS 256
#define HTTP_DEFAULT_TIMEOUT 30
#define HTTP_DEFAULT_MAX_BODY (1024 * 1024)
#define HTTP_DEFAULT_MAX_UPLOAD (64u * 1024 * 1024)
#define HTTP_DEFAULT_SESSION_TTL (12 * 3600)
/* Page cache per connection: the server holds one per worker thread and the writer's. */
#define HTTP_DEFAULT_STORE_CACHE_KIB 4096

/* Cached answers of read routes, at most (http/cache.h), plain and gzip-coded bodies together. */
#define HTTP_DEFAULT_ANSWER_CACHE (8u * 1024 * 1024)

/* Fill `cfg` with the defaults above (db, web_dir and access_log NULL). */
void http_config_defaults(struct http_config *cfg);

struct http_server;

/* Check the route table, open one store (migrating the schema), bind and start. */
int http_server_start(const struct http_config *cfg, struct http_server **out, struct err *e);

/* The port bound (the one chosen when cfg->listen asked for port 0). */
unsigned http_server_port(const struct http_server *srv);

/* Stop as described above and free the server. */
void http_server_stop(struct http_server *srv, unsigned grace);

#endif
