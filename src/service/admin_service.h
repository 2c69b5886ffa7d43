/* Administration of the store itself: online backup. */
#ifndef DUBAN_SERVICE_ADMIN_SERVICE_H
#define DUBAN_SERVICE_ADMIN_SERVICE_H

/*
 * svc_backup() writes a consistent copy of the whole database to `path`
 * while servers keep reading and writing it (store_backup: SQLite's online
 * backup into a temporary file in the same directory, synced, renamed into
 * place).  Restoring is copying the file back while no server runs (or
 * pointing --db at it).  A backup changes nothing and is not audited.
 */

#include "store/store.h"
#include "util/err.h"

int svc_backup(struct store *st, const char *path, struct err *e);

#endif
