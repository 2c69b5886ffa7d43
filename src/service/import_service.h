/* The import use case: a task list's bytes in, one stored plan out, in one transaction. */
#ifndef DUBAN_SERVICE_IMPORT_SERVICE_H
#define DUBAN_SERVICE_IMPORT_SERVICE_H

/*
 * Two steps, so that a caller can parse (and show warnings, or stop at a
 * dry run) before it opens the store, and a bad file never touches it:
 *   svc_import_parse()  bytes -> struct svc_import (plan_doc, info, warnings)
 *   svc_import_store()  struct svc_import -> the store, one transaction
 * svc_import() does both (for programs such as the benchmark).
 *
 * Rules of svc_import_store():
 *  - the same source (same SHA-256) again is ERR_CONFLICT naming the plan
 *    and when it was imported, unless SVC_IMPORT_REPLACE (its tasks are
 *    rewritten) or SVC_IMPORT_SKIP_EXISTING (nothing changes; outcome
 *    SVC_IMPORT_UNCHANGED);
 *  - another source with the same issuer and doc_no (a revised version) is
 *    ERR_CONFLICT unless SVC_IMPORT_REPLACE (the plan keeps its id; its
 *    metadata and tasks are replaced);
 *  - a replace is refused (ERR_CONFLICT) while anything hangs on the plan's
 *    tasks (store_plan_dependents);
 *  - any other plan (another issuer, number or year) is added beside the
 *    existing ones;
 *  - with imp->replace_id set (REPLACE only), the plan replaced must be
 *    that one, and with imp->replace_sha256 set it must still have that
 *    source: else ERR_CONFLICT (an HTTP PUT of a plan with If-Match);
 *  - an import that writes is audited (service/audit.h) in its transaction:
 *    plan.import or plan.replace, by `actor`;
 *  - on any failure the transaction is rolled back: nothing is half-written.
 *
 * A struct svc_import owns its plan_doc and warnings; svc_import_release()
 * frees them.  svc_import_store() does not depend on the parser (it lives in
 * import_store.c), so it can be driven with a hand-built plan_doc: fill
 * imp->doc (plan.sha256 included) and imp->info, then call it.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/plan.h"
#include "import/import.h"
#include "service/audit.h"
#include "store/store.h"
#include "util/diag.h"
#include "util/err.h"

enum svc_import_mode {
	SVC_IMPORT_NEW = 0,	/* refuse what is already there */
	SVC_IMPORT_REPLACE,	/* --replace */
	SVC_IMPORT_SKIP_EXISTING	/* --skip-existing */
};

enum svc_import_outcome {
	SVC_IMPORT_PARSED = 0,	/* parsed only (dry run) */
	SVC_IMPORT_ADDED,	/* a new plan */
	SVC_IMPORT_REPLACED,	/* an existing plan's tasks rewritten */
	SVC_IMPORT_UNCHANGED	/* the same file was there: nothing done */
};

struct svc_import {
	struct plan_doc doc;
	struct import_info info;
	struct diags warnings;
	enum svc_import_outcome outcome;
	int64_t plan_id;		/* after svc_import_store */
	char previous_at[32];		/* REPLACED/UNCHANGED: when the old one was imported */
	int64_t replace_id;		/* REPLACE: the plan that must be replaced, or 0 */
	const char *replace_sha256;	/* REPLACE: the source it must still have, or NULL */
	const char *sheet;		/* input: the xlsx worksheet by name, or NULL (the first) */
};

void svc_import_init(struct svc_import *imp);
void svc_import_release(struct svc_import *imp);

/*
 * Parse `data` (import_parse) into imp->doc; fills the source name (when
 * the reader did not) and the SHA-256 of the bytes.  `imp` must be fresh
 * (svc_import_init).  Warnings go to imp->warnings even on failure.
 */
int svc_import_parse(const char *data, size_t len, const char *source_name,
		     enum import_format format, struct svc_import *imp, struct err *e);

/* Store a parsed import according to `mode` (rules above); one transaction. */
int svc_import_store(struct store *st, struct svc_import *imp, enum svc_import_mode mode,
		     const struct svc_actor *actor, struct err *e);

/* Both steps. */
int svc_import(struct store *st, const char *data, size_t len, const char *source_name,
	       enum import_format format, enum svc_import_mode mode, const struct svc_actor *actor,
	       struct svc_import *imp, struct err *e);

/* Read a file (at most IMPORT_MAX_BYTES; "-" is stdin) and do both steps. */
int svc_import_file(struct store *st, const char *path, enum import_format format,
		    enum svc_import_mode mode, const struct svc_actor *actor,
		    struct svc_import *imp, struct err *e);

#endif
