/* Moving an installation between databases (duban db copy): SQLite to PostgreSQL and back. */
#ifndef DUBAN_SERVICE_DB_COPY_H
#define DUBAN_SERVICE_DB_COPY_H

/*
 * svc_db_copy() copies every row of `from` into `to` (store_copy.h: one
 * snapshot of the source, one transaction on the target, ids and id
 * sequences kept; the target must be a new, empty database) and, before
 * committing, checks that nothing was lost: rows per table equal on both
 * sides, and the audit chain verified on both sides (audit_verify) with the
 * same verdict, the same number of entries and the same head.  A source
 * whose chain is broken is copied as it is (the target then shows the same
 * break); out->from_audit tells the caller.  A copy changes nothing in the
 * source and writes no audit entry: the target's log is the source's,
 * exactly.
 */

#include "service/audit.h"
#include "store/store.h"
#include "store/store_copy.h"
#include "util/err.h"

struct svc_db_copy {
	struct store_copy_result counts;	/* per table, both sides */
	struct audit_verify from_audit, to_audit;
	const char *from_backend, *to_backend;	/* "sqlite", "postgres" */
};

int svc_db_copy(struct store *from, struct store *to, struct svc_db_copy *out, struct err *e);

#endif
