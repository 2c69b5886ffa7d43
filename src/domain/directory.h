/* The organisation directory: real units, their aliases, groups; name resolution and assignments. */
#ifndef DUBAN_DOMAIN_DIRECTORY_H
#define DUBAN_DOMAIN_DIRECTORY_H

/*
 * Pure data and rules: no I/O, no store.  A struct directory owns every
 * string reachable from it (in its arena) and its arrays (malloc'd);
 * directory_release() frees them all.  Names are kept exactly as written;
 * the NFKC match key (util/utf8.h utf8_match_key: NFKC, case-folded, white
 * space removed, （）/() folded) is used only to compare them.
 *
 * Invariants kept by the directory_add_* functions:
 * - every match key (a unit's name, each of its aliases, a group's name,
 *   each of its aliases) belongs to exactly one thing: adding a second unit,
 *   alias, group or group alias with the key of an existing one fails
 *   (ERR_CONFLICT, naming both) and changes nothing;
 * - names and aliases pass directory_name_check(); aliases (of units and of
 *   groups) also pass directory_alias_check() (so that the CSV alias lists
 *   round-trip);
 * - parent links form no cycle; group members are units of this directory,
 *   each at most once per group;
 * - ids are unique among units and among groups, and never 0.  An id is the
 *   store's; a directory read from CSV gets 1, 2, 3... in order of addition
 *   (pass id 0 to directory_add_unit/_group for "the next free id").
 *
 * Units and groups are addressed by index (0-based, in order of addition)
 * inside the directory and by id outside it (assignments, the store).
 *
 * Resolution of a name as written (directory_resolve), in this order:
 *   1. its key equals a unit's name key        -> that unit   (RESOLVE_NAME)
 *   2. its key equals an alias key of a unit   -> that unit   (RESOLVE_ALIAS)
 *   3. its key equals a group's name key or one of the group's alias keys
 *                                              -> that group  (RESOLVE_GROUP)
 *      ("各县区政府", an alias of "各县（市、区）政府", is that group: it
 *      expands exactly like the group's name, so no caller needs to tell
 *      the two apart and there is no separate rule or hit kind for it;
 *      directory_lookup_alias() tells them apart where a message must);
 *   4. it has the form "X（Y）" or "X(Y)" (the bracket closes the name; the
 *      last balanced bracket pair is taken) and X resolves by rule 1 or 2 to
 *      a unit U:
 *        Y resolves by rule 1 or 2 to U too    -> U (RESOLVE_BRACKET)
 *        Y is not known at all                 -> U (RESOLVE_BRACKET_NEW_ALIAS:
 *                                                 Y is reported as a new alias
 *                                                 of U, never added silently)
 *        Y names another unit or a group       -> unverified
 *                                                 (RESOLVE_BRACKET_CONFLICT)
 *   5. otherwise                               -> unverified (RESOLVE_UNKNOWN)
 * There is no fuzzy matching: a look-alike ("市城管局" vs "市城市管理局")
 * stays unverified until the directory names it.  Inactive units resolve
 * like active ones; the expansion decides what to do with them.
 *
 * Expansion of a task's units as written (lead first) into assignments
 * (directory_expand):
 * - position i of the list gives role lead for i == 0, co otherwise;
 * - a unit gives one assignment (via_group_id 0);
 * - a group gives one assignment per active member, in member order, each
 *   with the group's role and via_group_id = the group: each member answers
 *   for its own share.  A group in the lead position therefore gives every
 *   member a lead assignment: "各县（市、区）政府" leading a task means each
 *   county government leads its own share, reports separately and is
 *   assessed as a lead unit; the task itself still shows the group as
 *   written (the task's units are not changed here);
 * - a unit reached more than once gets one assignment: a direct mention wins
 *   over a group (role, position and via_group_id 0 come from the direct
 *   mention, even if the group stood in the lead position), and among
 *   mentions of the same kind the earliest position wins;
 * - an unverified name gives one assignment with unit_id 0 and its name as
 *   written (names with the same key collapse to the first); it is never
 *   dropped nor merged with a unit;
 * - an inactive unit named directly still gets its assignment (flagged
 *   ASSIGN_INACTIVE_UNIT and reported): the list named it, so somebody must
 *   see the task, and the office decides.  An inactive member of a group is
 *   skipped: a group stands for the units that currently exist in it;
 * - a group without active members gives no assignment and is reported.
 * Assignments come out ordered by position, then member order.
 *
 * Reconciliation (assignments_reconcile) of the stored assignments of one
 * task with a fresh expansion of it, after a new directory or a revised
 * list.  Assignments are never deleted (progress reports hang on them):
 *   - an old and a new assignment of the same unit id match; an old
 *     unverified one and a new unverified one match when their names have
 *     the same key;
 *   - an old unverified assignment also matches the new assignment of a
 *     unit when its name as written now resolves to that single unit (the
 *     directory learnt the name); when it now resolves to a group it matches
 *     nothing and is retired, and the members are added;
 *   - among several old candidates, an active one is preferred over a
 *     retired one, then the lowest id;
 *   - a match is KEEP when unit id, role, via_group_id, position, unit_name
 *     and written are unchanged and the old one was not retired, else UPDATE
 *     (same id; a retired assignment comes back this way).  The flags
 *     ASSIGN_INACTIVE_UNIT and ASSIGN_NEW_ALIAS are not compared: they are
 *     recomputed by every expansion;
 *   - an unmatched new one is ADD; an unmatched old active one is RETIRE; an
 *     unmatched old retired one gives no step.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/diag.h"
#include "util/err.h"

/* The longest unit, alias or group name accepted, in bytes. */
#define DIRECTORY_NAME_MAX 256

enum unit_kind {
	UNIT_KIND_CITY_DEPT = 0,	/* 市级部门 */
	UNIT_KIND_COUNTY_GOV,		/* 县市区政府 */
	UNIT_KIND_DEV_ZONE,		/* 开发区管委会 */
	UNIT_KIND_CENTRAL,		/* 中省驻市单位及企业 */
	UNIT_KIND_OTHER			/* 其他 */
};
#define UNIT_KIND_COUNT 5

/* The Chinese label, as in the CSV and the UI ("市级部门"). */
const char *unit_kind_label(enum unit_kind k);
/* A stable English code for JSON ("city_dept", "county_gov", "dev_zone", "central", "other"). */
const char *unit_kind_code(enum unit_kind k);
/* Parse a label or a code (compared by match key); -1 if unknown. */
int unit_kind_parse(const char *s, enum unit_kind *out);

struct unit {
	int64_t id;
	const char *name;	/* as written */
	const char *key;	/* match key of name */
	enum unit_kind kind;
	const char **aliases;	/* short names and aliases, as written, in order */
	const char **alias_keys;
	size_t naliases, aliases_alloc;
	long parent;		/* index of the parent unit, or -1 */
	bool active;
};

struct unit_group {
	int64_t id;
	const char *name;	/* as written: "各县（市、区）政府" */
	const char *key;
	const char **aliases;	/* other spellings, as written, in order: "各县区政府" */
	const char **alias_keys;
	size_t naliases, aliases_alloc;
	size_t *members;	/* unit indices, in order */
	size_t nmembers, members_alloc;
};

struct directory_slot;

struct directory {
	struct arena arena;	/* names and keys */
	struct unit *units;
	size_t nunits, units_alloc;
	struct unit_group *groups;
	size_t ngroups, groups_alloc;
	struct directory_slot *index;	/* key -> unit, alias or group */
	size_t index_used, index_cap;
	int64_t next_unit_id, next_group_id;
};

void directory_init(struct directory *d);
void directory_release(struct directory *d);

/*
 * Check a name or alias: valid UTF-8, 1..DIRECTORY_NAME_MAX bytes, no
 * control characters, no white space (ASCII or U+3000) at either end, and a
 * non-empty match key.  `what` names the field in the message ("单位名称").
 */
int directory_name_check(const char *s, const char *what, struct err *e);
/*
 * An alias must also survive the CSV alias list (joined by "、", split on
 * 、 ； ; outside brackets): no such separator outside brackets, and its
 * brackets close.
 */
int directory_alias_check(const char *s, struct err *e);

enum directory_hit {
	DIRECTORY_HIT_NONE = 0,
	DIRECTORY_HIT_UNIT,	/* a unit's name */
	DIRECTORY_HIT_ALIAS,	/* an alias of a unit */
	DIRECTORY_HIT_GROUP	/* a group's name or one of its aliases */
};

/*
 * Exact lookup of a name by match key (rules 1-3 only).  Returns the kind of
 * hit and, for a hit, the unit or group index in *index.  A name that is not
 * valid UTF-8 is DIRECTORY_HIT_NONE.
 */
enum directory_hit directory_lookup(const struct directory *d, const char *name, size_t *index);
/*
 * The same, and *alias (if not NULL) tells whether the key was an alias (of
 * a unit: DIRECTORY_HIT_ALIAS; of a group: DIRECTORY_HIT_GROUP) rather than
 * a name.
 */
enum directory_hit directory_lookup_alias(const struct directory *d, const char *name,
					  size_t *index, bool *alias);

/*
 * Add a unit (active or not) with id (0: the next free id).  The name is
 * copied.  Fails with ERR_INPUT for a bad name, ERR_CONFLICT when its key is
 * already taken (the message names the holder) or the id is in use.  *index
 * (if not NULL) receives the new unit's index.
 */
int directory_add_unit(struct directory *d, int64_t id, const char *name, enum unit_kind kind,
		       bool active, size_t *index, struct err *e);
/*
 * Add an alias to unit `unit`.  An alias whose key is the unit's own name or
 * one of its aliases is ignored (returns 0); one held by another unit or a
 * group is ERR_CONFLICT naming the holder.
 */
int directory_add_alias(struct directory *d, size_t unit, const char *alias, struct err *e);
/* Set or clear (parent -1) a unit's parent; a cycle is ERR_INPUT. */
int directory_set_parent(struct directory *d, size_t unit, long parent, struct err *e);
/* Add a group; same rules as for a unit's name. */
int directory_add_group(struct directory *d, int64_t id, const char *name, size_t *index,
			struct err *e);
/*
 * Add an alias to group `group`, with the rules of directory_add_alias: the
 * group's own name or alias again is ignored (returns 0); a key held by a
 * unit, a unit's alias, another group or its alias is ERR_CONFLICT naming
 * both.
 */
int directory_add_group_alias(struct directory *d, size_t group, const char *alias,
			      struct err *e);
/* Add unit `unit` to group `group`; a unit already in it is ERR_INPUT. */
int directory_add_member(struct directory *d, size_t group, size_t unit, struct err *e);

/* Index of the unit or group with this id, or -1. */
long directory_unit_by_id(const struct directory *d, int64_t id);
long directory_group_by_id(const struct directory *d, int64_t id);

/*
 * Give `next` (a new version of the directory) the ids `prev` used for the
 * same units and groups, so that what hangs on them keeps hanging: a unit
 * takes the id of the prev unit with the same name key; failing that, of
 * the one prev unit whose name key is one of its aliases (a renamed unit
 * that keeps its old name as an alias).  A group likewise: the id of the
 * prev group with the same name key, failing that of the one prev group
 * whose name key is one of its aliases.  Everything else gets fresh ids above every
 * id of both.  Ids in `next` are all rewritten.
 */
void directory_carry_ids(struct directory *next, const struct directory *prev);

/*
 * True when both hold the same units (name, kind, aliases, parent, active,
 * in order) and groups (name, aliases, members, in order), comparing text
 * as written.
 * Ids are not compared.
 */
bool directory_equal(const struct directory *a, const struct directory *b);

/* ---- resolution ---- */

enum resolve_target {
	RESOLVE_TO_UNVERIFIED = 0,
	RESOLVE_TO_UNIT,
	RESOLVE_TO_GROUP
};

enum resolve_rule {
	RESOLVE_UNKNOWN = 0,		/* unverified: nothing matches */
	RESOLVE_NAME,			/* a unit's name */
	RESOLVE_ALIAS,			/* a unit's alias */
	RESOLVE_GROUP,			/* a group's name */
	RESOLVE_BRACKET,		/* X（Y）, Y a known name or alias of X */
	RESOLVE_BRACKET_NEW_ALIAS,	/* X（Y）, Y unknown: report Y as a new alias */
	RESOLVE_BRACKET_CONFLICT	/* unverified: X and Y name different things */
};

struct resolution {
	enum resolve_target target;
	enum resolve_rule rule;
	size_t index;		/* unit or group index; 0 when unverified */
	/* RESOLVE_BRACKET_NEW_ALIAS: Y (trimmed) is name[alias_at, alias_at + alias_len) */
	size_t alias_at, alias_len;
};

/* Resolve a name as written; never fails (an unknown name is unverified). */
void directory_resolve(const struct directory *d, const char *name, struct resolution *out);

/* A short stable English code for a rule ("name", "alias", "bracket_new_alias"...). */
const char *resolve_rule_code(enum resolve_rule r);

/* ---- assignments ---- */

enum assignment_role {
	ASSIGN_LEAD = 0,	/* 牵头 */
	ASSIGN_CO		/* 配合 */
};

/* Flags of an assignment. */
#define ASSIGN_RETIRED 0x1u		/* no longer in the task (kept: reports hang on it) */
#define ASSIGN_INACTIVE_UNIT 0x2u	/* named directly, but the unit is inactive */
#define ASSIGN_NEW_ALIAS 0x4u		/* reached through X（Y） with Y not yet an alias */

struct assignment {
	int64_t id;		/* the store's; 0 for a fresh expansion */
	int64_t task_id;
	int64_t unit_id;	/* 0: unverified */
	int64_t via_group_id;	/* 0: named directly */
	const char *unit_name;	/* the unit's name, or the unverified name as written */
	const char *written;	/* the task's entry that gave it: a name or a group, as written */
	const char *new_alias;	/* ASSIGN_NEW_ALIAS: Y as written; else NULL */
	enum assignment_role role;
	int position;		/* index of `written` in the task's list (0: the lead position) */
	unsigned flags;
};

/*
 * A list of assignments.  Strings point into the directory and the names
 * given to directory_expand (which must outlive the list) or into `arena`.
 */
struct assignments {
	struct arena arena;
	struct assignment *v;
	size_t n, alloc;
};

void assignments_init(struct assignments *a);
void assignments_release(struct assignments *a);

/* "lead" / "co", and the Chinese 牵头 / 配合. */
const char *assignment_role_code(enum assignment_role r);
const char *assignment_role_label(enum assignment_role r);

/*
 * Expand a task's units as written, names[0..n) lead first, into `out`
 * (appended) following the rules at the top of this file.  Every
 * assignment gets task_id and id 0.  Things worth a word to the user (an
 * unverified name, a new alias, an inactive unit, an empty group) are
 * appended to `notes` (if not NULL) with `line`.
 */
void directory_expand(const struct directory *d, int64_t task_id, const char *const *names,
		      size_t n, int line, struct assignments *out, struct diags *notes);

/* ---- reconciliation ---- */

enum reconcile_action {
	RECONCILE_KEEP = 0,	/* same id, nothing changed */
	RECONCILE_UPDATE,	/* same id, new fields (role, group, position, unit, revived) */
	RECONCILE_ADD,		/* a new assignment */
	RECONCILE_RETIRE	/* no longer in the task: mark retired, never delete */
};

#define RECONCILE_NONE ((size_t)-1)

struct reconcile_step {
	enum reconcile_action action;
	size_t old_index;	/* into the old list, or RECONCILE_NONE for ADD */
	size_t new_index;	/* into the new list, or RECONCILE_NONE for RETIRE */
	int64_t id;		/* the old id (KEEP, UPDATE, RETIRE), 0 for ADD */
};

struct reconcile {
	struct reconcile_step *v;
	size_t n, alloc;
	size_t nkeep, nupdate, nadd, nretire;
};

void reconcile_init(struct reconcile *r);
void reconcile_release(struct reconcile *r);

/*
 * Match the stored assignments old[0..nold) of one task (ids set, retired
 * ones flagged ASSIGN_RETIRED) with a fresh expansion fresh[0..nnew) of the
 * same task, following the rules at the top of this file.  Steps come out
 * in the order of `fresh`, then the retirements in the order of `old`.
 */
void assignments_reconcile(const struct assignment *old, size_t nold,
			   const struct assignment *fresh, size_t nnew, struct reconcile *out);

const char *reconcile_action_code(enum reconcile_action a);

#endif
