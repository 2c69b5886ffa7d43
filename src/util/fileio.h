/* Reading whole files with a size cap, and writing files atomically. */
#ifndef DUBAN_UTIL_FILEIO_H
#define DUBAN_UTIL_FILEIO_H

#include <stddef.h>

#include "util/err.h"
#include "util/strbuf.h"

/*
 * Read all of `path` ("-" is standard input) into sb (appending).  A file
 * larger than max_bytes is refused with ERR_INPUT naming the limit.
 */
int fileio_read(const char *path, size_t max_bytes, struct strbuf *sb, struct err *e);

/*
 * Write data to `path` ("-" is standard output) through a temporary file in
 * the same directory, fsync'd and renamed into place, so that a reader never
 * sees a half-written file.
 */
int fileio_write_atomic(const char *path, const void *data, size_t len, struct err *e);

/* The last path component of `path` (a pointer into it). */
const char *fileio_basename(const char *path);

#endif
