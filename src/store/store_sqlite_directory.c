/* The SQLite backend's organisation directory and assignments (schema levels 2 and 11). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"
#include "util/strmap.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* ---- SQL ---- */

static const char sql_units[] =
	"SELECT id, name, kind, active FROM org_units WHERE listed = 1 ORDER BY seq, id";
static const char sql_aliases[] =
	"SELECT a.unit_id, a.alias FROM org_aliases a JOIN org_units u ON u.id = a.unit_id"
	" WHERE u.listed = 1 ORDER BY u.seq, u.id, a.seq";
static const char sql_parents[] =
	"SELECT id, parent_id FROM org_units WHERE listed = 1 AND parent_id IS NOT NULL"
	" ORDER BY seq, id";
static const char sql_groups[] =
	"SELECT id, name FROM org_groups WHERE listed = 1 ORDER BY seq, id";
static const char sql_group_aliases[] =
	"SELECT a.group_id, a.alias FROM org_group_aliases a JOIN org_groups g ON g.id = a.group_id"
	" WHERE g.listed = 1 ORDER BY g.seq, g.id, a.seq";
static const char sql_members[] =
	"SELECT m.group_id, m.unit_id FROM org_group_members m"
	" JOIN org_groups g ON g.id = m.group_id WHERE g.listed = 1 ORDER BY g.seq, g.id, m.seq";
static const char sql_refs[] =
	"SELECT id, name, listed, 0 FROM org_units"
	" UNION ALL SELECT id, name, listed, 1 FROM org_groups ORDER BY 4, 1";

static const char sql_unlist_units[] = "UPDATE org_units SET listed = 0 WHERE listed = 1";
static const char sql_unlist_groups[] = "UPDATE org_groups SET listed = 0 WHERE listed = 1";
static const char sql_clear_aliases[] = "DELETE FROM org_aliases";
static const char sql_clear_members[] = "DELETE FROM org_group_members";
static const char sql_clear_group_aliases[] = "DELETE FROM org_group_aliases";
static const char sql_unit_upsert[] =
	"INSERT INTO org_units (id, name, kind, parent_id, active, listed, seq)"
	" VALUES (?1, ?2, ?3, NULL, ?4, 1, ?5)"
	" ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,"
	" parent_id = NULL, active = excluded.active, listed = 1, seq = excluded.seq";
static const char sql_alias_insert[] =
	"INSERT INTO org_aliases (unit_id, seq, alias) VALUES (?1, ?2, ?3)";
static const char sql_parent_set[] = "UPDATE org_units SET parent_id = ?2 WHERE id = ?1";
static const char sql_group_upsert[] =
	"INSERT INTO org_groups (id, name, listed, seq) VALUES (?1, ?2, 1, ?3)"
	" ON CONFLICT (id) DO UPDATE SET name = excluded.name, listed = 1, seq = excluded.seq";
static const char sql_group_alias_insert[] =
	"INSERT INTO org_group_aliases (group_id, seq, alias) VALUES (?1, ?2, ?3)";
static const char sql_member_insert[] =
	"INSERT INTO org_group_members (group_id, seq, unit_id) VALUES (?1, ?2, ?3)";

static const char sql_task_refs[] = "SELECT id, no FROM tasks WHERE plan_id = ?1 ORDER BY no";

/*
 * ?1 plan (0: any), ?2 task number (0: any), ?3 unit (0: any), ?4 only
 * unverified, ?5 with retired.  The name as written comes from task_units.
 */
static const char sql_assign_list[] =
	"SELECT a.id, a.task_id, a.unit_id, a.via_group_id, a.role, a.position, a.state,"
	" t.plan_id, t.no, w.name, o.name, g.name, a.created_at, a.updated_at"
	" FROM assignments a"
	" JOIN tasks t ON t.id = a.task_id"
	" JOIN task_units tu ON tu.task_id = a.task_id AND tu.position = a.position"
	" JOIN units w ON w.id = tu.unit_id"
	" LEFT JOIN org_units o ON o.id = a.unit_id"
	" LEFT JOIN org_groups g ON g.id = a.via_group_id"
	" WHERE (?1 = 0 OR t.plan_id = ?1) AND (?2 = 0 OR t.no = ?2)"
	" AND (?3 = 0 OR a.unit_id = ?3) AND (?4 = 0 OR a.unit_id IS NULL)"
	" AND (?5 = 1 OR a.state = 'active')"
	" ORDER BY t.plan_id, t.no, a.position, o.seq, a.id";

static const char sql_now[] = "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
static const char sql_next_assign_id[] =
	"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'assignments'), 0),"
	" coalesce((SELECT max(id) FROM assignments), 0)) + 1";

/*
 * Multi-row inserts of 64, 16 and 1 rows.  ?1 is the time, shared by every
 * row; each row's ASSIGN_COLS values follow from ?2 (the first row names
 * ?2, and an anonymous ? counts on from the largest number before it).  The
 * id is left to AUTOINCREMENT, which appends without a lookup per row; it
 * hands out the ids sql_next_assign_id predicts, which is checked.
 */
#define ASSIGN_COLS 5
#define ASSIGN_INSERT_HEAD                                                        \
	"INSERT INTO assignments (task_id, position, unit_id, via_group_id, role,"   \
	" state, created_at, updated_at) VALUES (?2, ?, ?, ?, ?, 'active', ?1, ?1)"
#define ROW ", (?, ?, ?, ?, ?, 'active', ?1, ?1)"
#define ROW3 ROW ROW ROW
#define ROW4 ROW ROW ROW ROW
#define ROW16 ROW4 ROW4 ROW4 ROW4
static const char sql_assign_insert1[] = ASSIGN_INSERT_HEAD;
static const char sql_assign_insert16[] = ASSIGN_INSERT_HEAD ROW4 ROW4 ROW4 ROW3;
static const char sql_assign_insert64[] =
	ASSIGN_INSERT_HEAD ROW16 ROW16 ROW16 ROW4 ROW4 ROW4 ROW3;

static const char sql_assign_update[] =
	"UPDATE assignments SET unit_id = ?2, via_group_id = ?3, role = ?4, position = ?5,"
	" state = 'active', updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1";
static const char sql_assign_retire[] =
	"UPDATE assignments SET state = 'retired',"
	" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 AND state = 'active'";

/* ---- helpers ---- */

/* A stored id and the directory index it became. */
struct id_index {
	int64_t id;
	size_t index;
};

static int cmp_id_index(const void *a, const void *b)
{
	const struct id_index *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static long id_lookup(const struct id_index *v, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].id == id ? (long)v[lo].index : -1;
}

static int inconsistent(struct sqlite_store *ss, const char *what, struct err *e)
{
	return err_set(e, ERR_STORE, "%s: 数据库内容不一致（%s）", ss->path, what);
}

/* ---- loading the directory ---- */

struct dir_load {
	struct sqlite_store *ss;
	struct directory *d;
	struct id_index *units, *groups;
	size_t nunits, ngroups;
};

static int load_units(struct dir_load *l, struct err *e)
{
	sqlite3_stmt *s = sq_stmt(l->ss, sql_units, e);
	size_t alloc = 0;
	int rc, ret = -1;

	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(s, 2);
		enum unit_kind k;
		size_t index;
		struct err sub = ERR_INIT;

		if (!kind || unit_kind_parse(kind, &k)) {
			err_set(e, ERR_STORE, "%s: 数据库内容有误：单位类别“%s”", l->ss->path,
				kind ? kind : "");
			goto out;
		}
		if (directory_add_unit(l->d, sqlite3_column_int64(s, 0),
				       (const char *)sqlite3_column_text(s, 1), k,
				       sqlite3_column_int(s, 3) != 0, &index, &sub)) {
			err_set(e, ERR_STORE, "%s: 数据库中的单位名录有误：%s", l->ss->path, sub.msg);
			goto out;
		}
		ALLOC_GROW(l->units, l->nunits + 1, alloc);
		l->units[l->nunits].id = sqlite3_column_int64(s, 0);
		l->units[l->nunits++].index = index;
	}
	if (rc != SQLITE_DONE) {
		sq_fail(l->ss, "读取单位名录", e);
		goto out;
	}
	if (l->nunits)
		qsort(l->units, l->nunits, sizeof(*l->units), cmp_id_index);
	ret = 0;
out:
	sq_done(s);
	return ret;
}

/* The directory call that adds an alias to a unit or to a group. */
typedef int (*alias_adder)(struct directory *d, size_t owner, const char *alias, struct err *e);

/*
 * Aliases of units (owners l->units, add directory_add_alias) or of groups
 * (l->groups, directory_add_group_alias): rows of (owner id, alias) from
 * `sql`; `what` names them in messages ("别名", "分组别名").
 */
static int load_aliases_of(struct dir_load *l, const char *sql, const struct id_index *owners,
			   size_t nowners, alias_adder add, const char *what, struct err *e)
{
	sqlite3_stmt *s = sq_stmt(l->ss, sql, e);
	int rc, ret = -1;

	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long o = id_lookup(owners, nowners, sqlite3_column_int64(s, 0));
		struct err sub = ERR_INIT;

		if (o < 0) {
			inconsistent(l->ss, what, e);
			goto out;
		}
		if (add(l->d, (size_t)o, (const char *)sqlite3_column_text(s, 1), &sub)) {
			err_set(e, ERR_STORE, "%s: 数据库中的单位名录有误：%s", l->ss->path, sub.msg);
			goto out;
		}
	}
	if (rc != SQLITE_DONE) {
		char action[64];

		snprintf(action, sizeof(action), "读取%s", what);
		sq_fail(l->ss, action, e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int load_parents(struct dir_load *l, struct err *e)
{
	sqlite3_stmt *s = sq_stmt(l->ss, sql_parents, e);
	int rc, ret = -1;

	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long u = id_lookup(l->units, l->nunits, sqlite3_column_int64(s, 0));
		long p = id_lookup(l->units, l->nunits, sqlite3_column_int64(s, 1));
		struct err sub = ERR_INIT;

		if (u < 0 || p < 0) {
			inconsistent(l->ss, "上级单位", e);
			goto out;
		}
		if (directory_set_parent(l->d, (size_t)u, p, &sub)) {
			err_set(e, ERR_STORE, "%s: 数据库中的单位名录有误：%s", l->ss->path, sub.msg);
			goto out;
		}
	}
	if (rc != SQLITE_DONE) {
		sq_fail(l->ss, "读取上级单位", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int load_groups(struct dir_load *l, struct err *e)
{
	sqlite3_stmt *s = sq_stmt(l->ss, sql_groups, e);
	size_t alloc = 0;
	int rc, ret = -1;

	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		size_t index;
		struct err sub = ERR_INIT;

		if (directory_add_group(l->d, sqlite3_column_int64(s, 0),
					(const char *)sqlite3_column_text(s, 1), &index, &sub)) {
			err_set(e, ERR_STORE, "%s: 数据库中的单位名录有误：%s", l->ss->path, sub.msg);
			goto out;
		}
		ALLOC_GROW(l->groups, l->ngroups + 1, alloc);
		l->groups[l->ngroups].id = sqlite3_column_int64(s, 0);
		l->groups[l->ngroups++].index = index;
	}
	if (rc != SQLITE_DONE) {
		sq_fail(l->ss, "读取单位分组", e);
		goto out;
	}
	if (l->ngroups)
		qsort(l->groups, l->ngroups, sizeof(*l->groups), cmp_id_index);
	ret = 0;
out:
	sq_done(s);
	return ret;
}

static int load_members(struct dir_load *l, struct err *e)
{
	sqlite3_stmt *s = sq_stmt(l->ss, sql_members, e);
	int rc, ret = -1;

	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long g = id_lookup(l->groups, l->ngroups, sqlite3_column_int64(s, 0));
		long u = id_lookup(l->units, l->nunits, sqlite3_column_int64(s, 1));
		struct err sub = ERR_INIT;

		if (g < 0 || u < 0) {
			inconsistent(l->ss, "分组成员", e);
			goto out;
		}
		if (directory_add_member(l->d, (size_t)g, (size_t)u, &sub)) {
			err_set(e, ERR_STORE, "%s: 数据库中的单位名录有误：%s", l->ss->path, sub.msg);
			goto out;
		}
	}
	if (rc != SQLITE_DONE) {
		sq_fail(l->ss, "读取分组成员", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	return ret;
}

int sqlite_directory_load(struct store *st, struct directory *d, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	struct dir_load l = { ss, d, NULL, NULL, 0, 0 };
	int ret = -1;

	/* One read transaction, so that the queries see one state. */
	if (!st->in_tx && !st->in_batch && sq_exec(ss, "BEGIN", "开始读取", e))
		return -1;
	if (load_units(&l, e) ||
	    load_aliases_of(&l, sql_aliases, l.units, l.nunits, directory_add_alias, "单位别名",
			    e) ||
	    load_parents(&l, e) || load_groups(&l, e) ||
	    load_aliases_of(&l, sql_group_aliases, l.groups, l.ngroups, directory_add_group_alias,
			    "分组别名", e) ||
	    load_members(&l, e))
		goto out;
	ret = 0;
out:
	if (!st->in_tx && !st->in_batch)
		sqlite3_exec(ss->db, "COMMIT", NULL, NULL, NULL);
	free(l.units);
	free(l.groups);
	return ret;
}

int sqlite_org_refs(struct store *st, struct store_org_refs *out, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_refs, e);
	size_t alloc = 0;
	int rc;

	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_org_ref *r;

		ALLOC_GROW(out->v, out->n + 1, alloc);
		r = &out->v[out->n++];
		r->id = sqlite3_column_int64(s, 0);
		r->name = sq_col_dup0(s, 1, &out->arena);
		r->listed = sqlite3_column_int(s, 2) != 0;
		r->group = sqlite3_column_int(s, 3) != 0;
		if (r->group && r->id > out->max_group_id)
			out->max_group_id = r->id;
		if (!r->group && r->id > out->max_unit_id)
			out->max_unit_id = r->id;
	}
	sq_done(s);
	if (rc != SQLITE_DONE)
		return sq_fail(ss, "读取单位名录", e);
	return 0;
}

/* ---- saving the directory ---- */

static int run_static(struct sqlite_store *ss, const char *sql, const char *what, struct err *e)
{
	sqlite3_stmt *s = sq_stmt(ss, sql, e);

	return s ? sq_step_done(ss, s, what, e) : -1;
}

static int save_unit(struct sqlite_store *ss, const struct unit *u, size_t seq, struct err *e)
{
	sqlite3_stmt *s = sq_stmt(ss, sql_unit_upsert, e);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, u->id);
	sq_bind_text0(s, 2, u->name);
	sq_bind_text0(s, 3, unit_kind_code(u->kind));
	sqlite3_bind_int(s, 4, u->active ? 1 : 0);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)seq);
	if (sq_step_done(ss, s, "写入单位", e))
		return -1;
	for (size_t j = 0; j < u->naliases; j++) {
		if (!(s = sq_stmt(ss, sql_alias_insert, e)))
			return -1;
		sqlite3_bind_int64(s, 1, u->id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)j + 1);
		sq_bind_text0(s, 3, u->aliases[j]);
		if (sq_step_done(ss, s, "写入单位别名", e))
			return -1;
	}
	return 0;
}

static int save_group(struct sqlite_store *ss, const struct directory *d,
		      const struct unit_group *g, size_t seq, struct err *e)
{
	sqlite3_stmt *s = sq_stmt(ss, sql_group_upsert, e);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, g->id);
	sq_bind_text0(s, 2, g->name);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)seq);
	if (sq_step_done(ss, s, "写入单位分组", e))
		return -1;
	for (size_t j = 0; j < g->naliases; j++) {
		if (!(s = sq_stmt(ss, sql_group_alias_insert, e)))
			return -1;
		sqlite3_bind_int64(s, 1, g->id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)j + 1);
		sq_bind_text0(s, 3, g->aliases[j]);
		if (sq_step_done(ss, s, "写入分组别名", e))
			return -1;
	}
	for (size_t j = 0; j < g->nmembers; j++) {
		if (!(s = sq_stmt(ss, sql_member_insert, e)))
			return -1;
		sqlite3_bind_int64(s, 1, g->id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)j + 1);
		sqlite3_bind_int64(s, 3, d->units[g->members[j]].id);
		if (sq_step_done(ss, s, "写入分组成员", e))
			return -1;
	}
	return 0;
}

int sqlite_directory_save(struct store *st, const struct directory *d, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);

	if (run_static(ss, sql_unlist_units, "更新单位名录", e) ||
	    run_static(ss, sql_unlist_groups, "更新单位名录", e) ||
	    run_static(ss, sql_clear_aliases, "更新单位名录", e) ||
	    run_static(ss, sql_clear_members, "更新单位名录", e) ||
	    run_static(ss, sql_clear_group_aliases, "更新单位名录", e))
		return -1;
	for (size_t i = 0; i < d->nunits; i++) {
		if (d->units[i].id <= 0)
			return err_set(e, ERR_INTERNAL, "内部错误：单位“%s”没有编号",
				       d->units[i].name);
		if (save_unit(ss, &d->units[i], i + 1, e))
			return -1;
	}
	for (size_t i = 0; i < d->nunits; i++) {
		sqlite3_stmt *s;

		if (d->units[i].parent < 0)
			continue;
		if (!(s = sq_stmt(ss, sql_parent_set, e)))
			return -1;
		sqlite3_bind_int64(s, 1, d->units[i].id);
		sqlite3_bind_int64(s, 2, d->units[d->units[i].parent].id);
		if (sq_step_done(ss, s, "写入上级单位", e))
			return -1;
	}
	for (size_t i = 0; i < d->ngroups; i++) {
		if (d->groups[i].id <= 0)
			return err_set(e, ERR_INTERNAL, "内部错误：分组“%s”没有编号",
				       d->groups[i].name);
		if (save_group(ss, d, &d->groups[i], i + 1, e))
			return -1;
	}
	return 0;
}

/* ---- tasks and assignments ---- */

int sqlite_task_refs(struct store *st, int64_t plan_id, struct store_task_ref **out, size_t *n,
		     struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_task_refs, e);
	size_t alloc = 0;
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ALLOC_GROW(*out, *n + 1, alloc);
		(*out)[*n].id = sqlite3_column_int64(s, 0);
		(*out)[*n].no = sqlite3_column_int(s, 1);
		(*n)++;
	}
	sq_done(s);
	if (rc != SQLITE_DONE)
		return sq_fail(ss, "读取任务", e);
	return 0;
}

static int role_parse(const char *s, enum assignment_role *out)
{
	if (s && !strcmp(s, "lead"))
		*out = ASSIGN_LEAD;
	else if (s && !strcmp(s, "co"))
		*out = ASSIGN_CO;
	else
		return -1;
	return 0;
}

/*
 * A text column's value, copied into `a` once per distinct value: a plan's
 * assignments repeat a few dozen names and timestamps many times over.
 */
static const char *col_intern(sqlite3_stmt *s, int i, struct strmap *seen, struct arena *a)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	int64_t v;
	char *copy;

	if (!t)
		return NULL;
	if (strmap_get(seen, t, &v))
		return (const char *)(intptr_t)v;
	copy = arena_strndup(a, t, (size_t)sqlite3_column_bytes(s, i));
	strmap_put(seen, t, (int64_t)(intptr_t)copy);
	return copy;
}

int sqlite_assignments_list(struct store *st, const struct store_assignment_filter *f,
			    struct store_assignment_list *out, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_assign_list, e);
	struct strmap seen = STRMAP_INIT;
	size_t alloc = 0;
	int rc, ret = -1;

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, f->plan_id);
	sqlite3_bind_int(s, 2, f->plan_id ? f->task_no : 0);
	sqlite3_bind_int64(s, 3, f->unit_id);
	sqlite3_bind_int(s, 4, f->unverified ? 1 : 0);
	sqlite3_bind_int(s, 5, f->with_retired ? 1 : 0);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_assignment_row *r;
		const char *state = (const char *)sqlite3_column_text(s, 6);

		ALLOC_GROW(out->v, out->n + 1, alloc);
		r = &out->v[out->n++];
		memset(r, 0, sizeof(*r));
		r->a.id = sqlite3_column_int64(s, 0);
		r->a.task_id = sqlite3_column_int64(s, 1);
		r->a.unit_id = sqlite3_column_int64(s, 2);	/* NULL reads as 0 */
		r->a.via_group_id = sqlite3_column_int64(s, 3);
		if (role_parse((const char *)sqlite3_column_text(s, 4), &r->a.role)) {
			inconsistent(ss, "责任分工的角色", e);
			goto out;
		}
		r->a.position = sqlite3_column_int(s, 5) - 1;
		if (state && !strcmp(state, "retired"))
			r->a.flags |= ASSIGN_RETIRED;
		r->plan_id = sqlite3_column_int64(s, 7);
		r->task_no = sqlite3_column_int(s, 8);
		r->a.written = col_intern(s, 9, &seen, &out->arena);
		r->a.unit_name = r->a.unit_id ? col_intern(s, 10, &seen, &out->arena) : r->a.written;
		r->group_name = col_intern(s, 11, &seen, &out->arena);
		r->created_at = col_intern(s, 12, &seen, &out->arena);
		r->updated_at = col_intern(s, 13, &seen, &out->arena);
		if (!r->a.written || !r->a.unit_name || !r->created_at || !r->updated_at) {
			inconsistent(ss, "责任分工", e);
			goto out;
		}
	}
	if (rc != SQLITE_DONE) {
		sq_fail(ss, "读取责任分工", e);
		goto out;
	}
	ret = 0;
out:
	sq_done(s);
	strmap_release(&seen);
	return ret;
}

/* One text value a query answers, into buf. */
static int query_text(struct sqlite_store *ss, const char *sql, char *buf, size_t size,
		      const char *what, struct err *e)
{
	sqlite3_stmt *s = sq_stmt(ss, sql, e);
	int rc;

	if (!s)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(s, 0);
		size_t n = t ? (size_t)sqlite3_column_bytes(s, 0) : 0;

		if (n >= size)
			n = size - 1;
		if (n)
			memcpy(buf, t, n);
		buf[n] = '\0';
	}
	sq_done(s);
	if (rc != SQLITE_ROW)
		return sq_fail(ss, what, e);
	return 0;
}

static int query_id(struct sqlite_store *ss, const char *sql, int64_t *out, struct err *e)
{
	sqlite3_stmt *s = sq_stmt(ss, sql, e);
	int rc;

	if (!s)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sq_done(s);
	if (rc != SQLITE_ROW)
		return sq_fail(ss, "读取责任分工编号", e);
	return 0;
}

/* Bind one row of ASSIGN_COLS parameters from `at` (1-based). */
static void bind_assignment(sqlite3_stmt *s, int at, const struct assignment *a)
{
	sqlite3_bind_int64(s, at, a->task_id);
	sqlite3_bind_int64(s, at + 1, (sqlite3_int64)a->position + 1);
	sq_bind_id0(s, at + 2, a->unit_id);
	sq_bind_id0(s, at + 3, a->via_group_id);
	sq_bind_text0(s, at + 4, assignment_role_code(a->role));
}

int sqlite_assignments_insert(struct store *st, struct assignment *v, size_t n, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	char now[32];
	int64_t next = 0;
	size_t i = 0;

	if (query_text(ss, sql_now, now, sizeof(now), "读取时间", e) ||
	    query_id(ss, sql_next_assign_id, &next, e))
		return -1;
	for (size_t k = 0; k < n; k++) {
		if (v[k].task_id <= 0 || v[k].position < 0)
			return err_set(e, ERR_INTERNAL, "内部错误：责任分工缺少任务或位置");
		v[k].id = next + (int64_t)k;
	}
	while (i < n) {
		size_t rows = n - i >= 64 ? 64 : n - i >= 16 ? 16 : 1;
		const char *sql = rows == 64 ? sql_assign_insert64 :
				  rows == 16 ? sql_assign_insert16 : sql_assign_insert1;
		sqlite3_stmt *s = sq_stmt(ss, sql, e);

		if (!s)
			return -1;
		sq_bind_text0(s, 1, now);
		for (size_t r = 0; r < rows; r++)
			bind_assignment(s, (int)(2 + r * ASSIGN_COLS), &v[i + r]);
		if (sq_step_done(ss, s, "写入责任分工", e))
			return -1;
		i += rows;
		/* One statement's rows take consecutive ids: its last one tells. */
		if (sqlite3_last_insert_rowid(ss->db) != v[i - 1].id)
			return err_set(e, ERR_INTERNAL,
				       "内部错误：责任分工编号与预期不符（%lld，应为 %lld）",
				       (long long)sqlite3_last_insert_rowid(ss->db),
				       (long long)v[i - 1].id);
	}
	return 0;
}

int sqlite_assignment_update(struct store *st, const struct assignment *a, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_assign_update, e);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, a->id);
	sq_bind_id0(s, 2, a->unit_id);
	sq_bind_id0(s, 3, a->via_group_id);
	sq_bind_text0(s, 4, assignment_role_code(a->role));
	sqlite3_bind_int64(s, 5, (sqlite3_int64)a->position + 1);
	if (sq_step_done(ss, s, "更新责任分工", e))
		return -1;
	if (sqlite3_changes(ss->db) != 1)
		return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的责任分工", (long long)a->id);
	return 0;
}

int sqlite_assignment_retire(struct store *st, int64_t id, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	sqlite3_stmt *s = sq_stmt(ss, sql_assign_retire, e);

	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (sq_step_done(ss, s, "撤销责任分工", e))
		return -1;
	if (sqlite3_changes(ss->db) != 1)
		return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的有效责任分工", (long long)id);
	return 0;
}
