/* gzip content coding for HTTP answers (zlib), and reading a client's Accept-Encoding. */
#ifndef DUBAN_HTTP_GZIP_H
#define DUBAN_HTTP_GZIP_H

/*
 * Private to src/http.  Used for the answers the server caches
 * (cache.h): they are compressed once and sent many times, so the cost of
 * compressing is paid once per change of the data, not per request.
 */

#include <stdbool.h>
#include <stddef.h>

/*
 * `len` bytes as one gzip member (RFC 1952), in a malloc'd buffer the
 * caller frees, its size in *out_len.  NULL when coding would not make the
 * bytes smaller by at least an eighth, or below HTTP_GZIP_MIN bytes: send
 * them as they are.
 */
#define HTTP_GZIP_MIN 1024
char *http_gzip(const char *data, size_t len, size_t *out_len);

/*
 * Whether an Accept-Encoding header value (RFC 9110 12.5.3) accepts gzip:
 * "gzip" or "x-gzip" with a q-value above 0, or else "*" with one.  NULL
 * (no header) accepts none.
 */
bool http_accepts_gzip(const char *header);

#endif
