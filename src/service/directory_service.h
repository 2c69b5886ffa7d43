/* The organisation directory use cases: import and export it, derive assignments, read them. */
#ifndef DUBAN_SERVICE_DIRECTORY_SERVICE_H
#define DUBAN_SERVICE_DIRECTORY_SERVICE_H

/*
 * The rules of names, groups, expansion and reconciliation are those of
 * domain/directory.h; the CSV format is import/directory_csv.h's.  Here:
 *
 * Import (svc_directory_import): one transaction.
 *  - units files replace the stored units; without one, the stored units
 *    stay.  Groups files replace the stored groups; without one, the stored
 *    groups stay, each member found again by its name in the new units (a
 *    member that is gone leaves the group, with a note) and each group
 *    keeping its aliases (one that a new unit now holds is dropped, with a
 *    note);
 *  - ids are carried (directory_carry_ids): the same unit or group (by
 *    name, or by an alias naming the old one: a rename) keeps its id.  A unit or group
 *    the new directory drops stays in the store unlisted; if a later
 *    directory brings the name back, it gets its old id again.  Ids are
 *    never reused for another unit;
 *  - then every stored plan's assignments are derived again and reconciled
 *    with the stored ones: ids kept, new ones added, gone ones retired —
 *    never deleted (reports hang on them);
 *  - any failure (a bad file, a store error) rolls everything back.
 *
 * Derivation for one plan (svc_assignments_derive): each task's units as
 * written, lead first, expanded by the stored directory (an empty one when
 * none was imported: every name is then unverified and still gets its
 * assignment).  Runs inside the caller's transaction; the list import calls
 * it for the plan it has just written.
 *
 * Ownership: every struct here owns what it points to; its _release frees
 * it all.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/directory.h"
#include "domain/plan.h"
#include "import/directory_csv.h"
#include "service/audit.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/err.h"
#include "util/strbuf.h"

/* "市城管局（市创建办）": 市创建办 is not yet an alias of 市城管局. */
struct svc_new_alias {
	const char *unit;	/* the unit's name */
	const char *alias;	/* as written in the list */
	const char *written;	/* the whole entry as written */
};

/* What a derivation did, summed over the plans it covered. */
struct svc_derive_stats {
	size_t nplans, ntasks;
	size_t kept, updated, added, retired;	/* assignments, as reconciled */
	struct arena arena;
	struct svc_new_alias *new_aliases;	/* distinct (unit, alias), in order seen */
	size_t nnew_aliases, new_aliases_alloc;
};

void svc_derive_stats_init(struct svc_derive_stats *s);
void svc_derive_stats_release(struct svc_derive_stats *s);

/*
 * Derive plan `plan_id`'s assignments from the stored directory and
 * reconcile them with the stored ones.  `doc` is the plan as stored (NULL:
 * load it).  `fresh` says the plan has no assignments yet (just written),
 * which skips reading them.  `stats` (may be NULL) is added to.  Inside a
 * transaction.
 */
int svc_assignments_derive(struct store *st, int64_t plan_id, const struct plan_doc *doc,
			   bool fresh, struct svc_derive_stats *stats, struct err *e);

struct svc_directory_import {
	struct directory dir;		/* the directory as stored now, with ids */
	size_t units_added, units_changed, units_dropped;
	size_t groups_added, groups_changed, groups_dropped;
	bool had_directory;		/* one was stored before */
	struct svc_derive_stats derive;	/* over every plan */
	size_t unverified_names;	/* distinct unverified names left, all plans */
	struct diags notes;		/* members that left a group, ... */
};

void svc_directory_import_init(struct svc_directory_import *r);
void svc_directory_import_release(struct svc_directory_import *r);

/*
 * Import in[0..n) (units and/or groups files, told apart by header); rules
 * above.  The change is audited as "directory.import" by `actor`, with the
 * directory's CSV form before and after and the assignment counts.
 */
int svc_directory_import(struct store *st, const struct directory_csv_input *in, size_t n,
			 const struct svc_actor *actor, struct svc_directory_import *out,
			 struct err *e);

/* The same from files (at most DIRECTORY_CSV_MAX_BYTES each; "-" is stdin, once). */
int svc_directory_import_files(struct store *st, const char *const *paths, size_t n,
			       const struct svc_actor *actor, struct svc_directory_import *out,
			       struct err *e);

/* The stored directory into `d` (directory_init'ed). */
int svc_directory_load(struct store *st, struct directory *d, struct err *e);

/* The stored directory as canonical CSV (either buffer may be NULL). */
int svc_directory_export(struct store *st, struct strbuf *units_csv, struct strbuf *groups_csv,
			 struct err *e);

/* ---- reading assignments ---- */

/* Plan `plan_id`'s task `no` (0: every task): all its assignments, retired ones too. */
int svc_task_assignments(struct store *st, int64_t plan_id, int no,
			 struct store_assignment_list *out, struct err *e);

/* An unverified name and where it appears (active assignments). */
struct svc_unverified_name {
	const char *name;	/* as first written */
	const struct store_assignment_row **rows;	/* by plan, task number */
	size_t n;
};

struct svc_unverified {
	struct store_assignment_list rows;
	struct svc_unverified_name *v;	/* in order of first appearance */
	size_t n;
};

void svc_unverified_init(struct svc_unverified *u);
void svc_unverified_release(struct svc_unverified *u);

/* Names as written that resolve to no unit, in plan `plan_id` (0: every plan). */
int svc_unverified_list(struct store *st, int64_t plan_id, struct svc_unverified *out,
			struct err *e);

/* A directory unit's share of one plan, over its active assignments. */
struct svc_dir_unit_stat {
	size_t nlead, nco;
};

/*
 * The stored directory into `d` (directory_init'ed) and, in *out (malloc'd,
 * d->nunits entries, NULL when there are none), each unit's counts in plan
 * `plan_id`.
 */
int svc_directory_unit_stats(struct store *st, int64_t plan_id, struct directory *d,
			     struct svc_dir_unit_stat **out, struct err *e);

/* One unit's tasks in one plan. */
struct svc_unit_view {
	struct directory dir;	/* the stored directory */
	long unit;		/* index in dir, or -1: an unverified name */
	const char *name;	/* the unit's name, or the unverified name as first written */
	enum resolve_rule rule;	/* how the name given was recognised */
	struct store_assignment_list rows;	/* its active assignments, by task */
};

void svc_unit_view_init(struct svc_unit_view *v);
void svc_unit_view_release(struct svc_unit_view *v);

/*
 * Find `name` (a unit's name or alias, X（Y） as in lists, or an unverified
 * name as written in the plan, compared by match key) and read its
 * assignments in plan `plan_id`.  A group's name is ERR_INPUT naming its
 * members; a name known nowhere is ERR_NOT_FOUND.
 */
int svc_unit_view(struct store *st, const char *name, int64_t plan_id,
		  struct svc_unit_view *out, struct err *e);

#endif
