/* Files of the web interface, served from one directory with no way out of it. */
#ifndef DUBAN_HTTP_STATIC_H
#define DUBAN_HTTP_STATIC_H

/*
 * http_static_serve() answers a GET or HEAD for `rq->path` with the file
 * under `dir` it names ("/" and directories: their index.html).  Refused
 * with 404, whatever the reason: a segment that is empty, ".", "..", or
 * starts with "." (hidden files), a NUL or backslash, a path whose real
 * location (symbolic links resolved) is outside `dir`, anything but a
 * regular file.  The Content-Type comes from the extension (a fixed table;
 * unknown: application/octet-stream).  The file is sent from its
 * descriptor (MHD_create_response_from_fd64).
 */

#include "http/request.h"

int http_static_serve(const char *dir, struct http_req *rq, struct http_resp *rs,
		      struct err *e);

/* The MIME type for a file name, by extension. */
const char *http_mime_type(const char *name);

#endif
