/* The PostgreSQL backend's organisation directory and assignments (schema levels 2 and 11). */
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_internal.h"
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
	" VALUES ($1, $2, $3, NULL, $4, 1, $5)"
	" ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,"
	" parent_id = NULL, active = excluded.active, listed = 1, seq = excluded.seq";
static const char sql_alias_insert[] =
	"INSERT INTO org_aliases (unit_id, seq, alias) VALUES ($1, $2, $3)";
static const char sql_parent_set[] = "UPDATE org_units SET parent_id = $2 WHERE id = $1";
static const char sql_group_upsert[] =
	"INSERT INTO org_groups (id, name, listed, seq) VALUES ($1, $2, 1, $3)"
	" ON CONFLICT (id) DO UPDATE SET name = excluded.name, listed = 1, seq = excluded.seq";
static const char sql_group_alias_insert[] =
	"INSERT INTO org_group_aliases (group_id, seq, alias) VALUES ($1, $2, $3)";
static const char sql_member_insert[] =
	"INSERT INTO org_group_members (group_id, seq, unit_id) VALUES ($1, $2, $3)";

static const char sql_task_refs[] = "SELECT id, no FROM tasks WHERE plan_id = $1 ORDER BY no";

/*
 * $1 plan (0: any), $2 task number (0: any), $3 unit (0: any), $4 only
 * unverified, $5 with retired.  NULLS FIRST: the order SQLite gives.
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
	" WHERE ($1::bigint = 0 OR t.plan_id = $1::bigint) AND ($2::bigint = 0 OR t.no = $2::bigint)"
	" AND ($3::bigint = 0 OR a.unit_id = $3::bigint) AND ($4::bigint = 0 OR a.unit_id IS NULL)"
	" AND ($5::bigint = 1 OR a.state = 'active')"
	" ORDER BY t.plan_id, t.no, a.position, o.seq NULLS FIRST, a.id";

static const char sql_now[] = "SELECT " PG_NOW_S;
/* A block of ids in one call (the last one); see sql_task_ids in store_pg.c. */
static const char sql_assign_ids[] =
	"SELECT setval(s, nextval(s) + $1::bigint - 1)"
	" FROM (SELECT pg_get_serial_sequence('assignments', 'id')::regclass AS s) q";
static const char sql_assign_update[] =
	"UPDATE assignments SET unit_id = $2, via_group_id = $3, role = $4, position = $5,"
	" state = 'active', updated_at = " PG_NOW_S " WHERE id = $1";
static const char sql_assign_retire[] =
	"UPDATE assignments SET state = 'retired', updated_at = " PG_NOW_S
	" WHERE id = $1 AND state = 'active'";

/* ---- helpers ---- */

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

static int inconsistent(struct pg_store *ps, const char *what, struct err *e)
{
	return err_set(e, ERR_STORE, "%s: 数据库内容不一致（%s）", ps->where, what);
}

static int bad_directory(struct pg_store *ps, const struct err *sub, struct err *e)
{
	return err_set(e, ERR_STORE, "%s: 数据库中的单位名录有误：%s", ps->where, sub->msg);
}

/* ---- loading the directory ---- */

struct dir_load {
	struct pg_store *ps;
	struct directory *d;
	struct id_index *units, *groups;
	size_t nunits, ngroups;
};

static int load_units(struct dir_load *l, struct err *e)
{
	PGresult *r = pg_run(l->ps, sql_units, NULL, "读取单位名录", e);
	int ret = -1;

	if (!r)
		return -1;
	l->units = xreallocarray(NULL, (size_t)PQntuples(r) + 1, sizeof(*l->units));
	for (int i = 0; i < PQntuples(r); i++) {
		const char *kind = pg_col_text(r, i, 2);
		enum unit_kind k;
		size_t index;
		struct err sub = ERR_INIT;

		if (!kind || unit_kind_parse(kind, &k)) {
			pg_bad_content(l->ps, "单位类别", kind, e);
			goto out;
		}
		if (directory_add_unit(l->d, pg_col_int(r, i, 0), PQgetvalue(r, i, 1), k,
				       pg_col_int(r, i, 3) != 0, &index, &sub)) {
			bad_directory(l->ps, &sub, e);
			goto out;
		}
		l->units[l->nunits].id = pg_col_int(r, i, 0);
		l->units[l->nunits++].index = index;
	}
	qsort(l->units, l->nunits, sizeof(*l->units), cmp_id_index);
	ret = 0;
out:
	PQclear(r);
	return ret;
}

/* The directory call that adds an alias to a unit or to a group. */
typedef int (*alias_adder)(struct directory *d, size_t owner, const char *alias, struct err *e);

/*
 * Aliases of units (owners l->units, add directory_add_alias) or of groups
 * (l->groups, directory_add_group_alias): rows of (owner id, alias) from
 * `sql`; `what` names them in messages ("单位别名", "分组别名").
 */
static int load_aliases_of(struct dir_load *l, const char *sql, const struct id_index *owners,
			   size_t nowners, alias_adder add, const char *what, struct err *e)
{
	char action[64];
	PGresult *r;
	int ret = -1;

	snprintf(action, sizeof(action), "读取%s", what);
	if (!(r = pg_run(l->ps, sql, NULL, action, e)))
		return -1;
	for (int i = 0; i < PQntuples(r); i++) {
		long o = id_lookup(owners, nowners, pg_col_int(r, i, 0));
		struct err sub = ERR_INIT;

		if (o < 0) {
			inconsistent(l->ps, what, e);
			goto out;
		}
		if (add(l->d, (size_t)o, PQgetvalue(r, i, 1), &sub)) {
			bad_directory(l->ps, &sub, e);
			goto out;
		}
	}
	ret = 0;
out:
	PQclear(r);
	return ret;
}

static int load_parents(struct dir_load *l, struct err *e)
{
	PGresult *r = pg_run(l->ps, sql_parents, NULL, "读取上级单位", e);
	int ret = -1;

	if (!r)
		return -1;
	for (int i = 0; i < PQntuples(r); i++) {
		long u = id_lookup(l->units, l->nunits, pg_col_int(r, i, 0));
		long p = id_lookup(l->units, l->nunits, pg_col_int(r, i, 1));
		struct err sub = ERR_INIT;

		if (u < 0 || p < 0) {
			inconsistent(l->ps, "上级单位", e);
			goto out;
		}
		if (directory_set_parent(l->d, (size_t)u, p, &sub)) {
			bad_directory(l->ps, &sub, e);
			goto out;
		}
	}
	ret = 0;
out:
	PQclear(r);
	return ret;
}

static int load_groups(struct dir_load *l, struct err *e)
{
	PGresult *r = pg_run(l->ps, sql_groups, NULL, "读取单位分组", e);
	int ret = -1;

	if (!r)
		return -1;
	l->groups = xreallocarray(NULL, (size_t)PQntuples(r) + 1, sizeof(*l->groups));
	for (int i = 0; i < PQntuples(r); i++) {
		size_t index;
		struct err sub = ERR_INIT;

		if (directory_add_group(l->d, pg_col_int(r, i, 0), PQgetvalue(r, i, 1), &index,
					&sub)) {
			bad_directory(l->ps, &sub, e);
			goto out;
		}
		l->groups[l->ngroups].id = pg_col_int(r, i, 0);
		l->groups[l->ngroups++].index = index;
	}
	qsort(l->groups, l->ngroups, sizeof(*l->groups), cmp_id_index);
	ret = 0;
out:
	PQclear(r);
	return ret;
}

static int load_members(struct dir_load *l, struct err *e)
{
	PGresult *r = pg_run(l->ps, sql_members, NULL, "读取分组成员", e);
	int ret = -1;

	if (!r)
		return -1;
	for (int i = 0; i < PQntuples(r); i++) {
		long g = id_lookup(l->groups, l->ngroups, pg_col_int(r, i, 0));
		long u = id_lookup(l->units, l->nunits, pg_col_int(r, i, 1));
		struct err sub = ERR_INIT;

		if (g < 0 || u < 0) {
			inconsistent(l->ps, "分组成员", e);
			goto out;
		}
		if (directory_add_member(l->d, (size_t)g, (size_t)u, &sub)) {
			bad_directory(l->ps, &sub, e);
			goto out;
		}
	}
	ret = 0;
out:
	PQclear(r);
	return ret;
}

int pg_directory_load(struct store *st, struct directory *d, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct dir_load l = { ps, d, NULL, NULL, 0, 0 };
	bool own;
	int ret = -1;

	if (pg_read_begin(ps, &own, e))
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
	pg_read_end(ps, own);
	free(l.units);
	free(l.groups);
	return ret;
}

int pg_org_refs(struct store *st, struct store_org_refs *out, struct err *e)
{
	PGresult *r = pg_run(pg_of(st), sql_refs, NULL, "读取单位名录", e);
	size_t alloc = 0;

	if (!r)
		return -1;
	for (int i = 0; i < PQntuples(r); i++) {
		struct store_org_ref *x;

		ALLOC_GROW(out->v, out->n + 1, alloc);
		x = &out->v[out->n++];
		x->id = pg_col_int(r, i, 0);
		x->name = pg_col_dup0(r, i, 1, &out->arena);
		x->listed = pg_col_int(r, i, 2) != 0;
		x->group = pg_col_int(r, i, 3) != 0;
		if (x->group && x->id > out->max_group_id)
			out->max_group_id = x->id;
		if (!x->group && x->id > out->max_unit_id)
			out->max_unit_id = x->id;
	}
	PQclear(r);
	return 0;
}

/* ---- saving the directory ---- */

static int save_unit(struct pg_store *ps, const struct unit *u, size_t seq, struct err *e)
{
	struct pg_params p;

	pg_p_init(&p);
	pg_p_int(&p, u->id);
	pg_p_text0(&p, u->name);
	pg_p_text0(&p, unit_kind_code(u->kind));
	pg_p_int(&p, u->active ? 1 : 0);
	pg_p_int(&p, (int64_t)seq);
	if (pg_cmd(ps, sql_unit_upsert, &p, "写入单位", NULL, NULL, NULL, e))
		return -1;
	for (size_t j = 0; j < u->naliases; j++) {
		pg_p_init(&p);
		pg_p_int(&p, u->id);
		pg_p_int(&p, (int64_t)j + 1);
		pg_p_text0(&p, u->aliases[j]);
		if (pg_cmd(ps, sql_alias_insert, &p, "写入单位别名", NULL, NULL, NULL, e))
			return -1;
	}
	return 0;
}

static int save_group(struct pg_store *ps, const struct directory *d,
		      const struct unit_group *g, size_t seq, struct err *e)
{
	struct pg_params p;

	pg_p_init(&p);
	pg_p_int(&p, g->id);
	pg_p_text0(&p, g->name);
	pg_p_int(&p, (int64_t)seq);
	if (pg_cmd(ps, sql_group_upsert, &p, "写入单位分组", NULL, NULL, NULL, e))
		return -1;
	for (size_t j = 0; j < g->naliases; j++) {
		pg_p_init(&p);
		pg_p_int(&p, g->id);
		pg_p_int(&p, (int64_t)j + 1);
		pg_p_text0(&p, g->aliases[j]);
		if (pg_cmd(ps, sql_group_alias_insert, &p, "写入分组别名", NULL, NULL, NULL, e))
			return -1;
	}
	for (size_t j = 0; j < g->nmembers; j++) {
		pg_p_init(&p);
		pg_p_int(&p, g->id);
		pg_p_int(&p, (int64_t)j + 1);
		pg_p_int(&p, d->units[g->members[j]].id);
		if (pg_cmd(ps, sql_member_insert, &p, "写入分组成员", NULL, NULL, NULL, e))
			return -1;
	}
	return 0;
}

int pg_directory_save(struct store *st, const struct directory *d, struct err *e)
{
	struct pg_store *ps = pg_of(st);

	if (pg_cmd(ps, sql_unlist_units, NULL, "更新单位名录", NULL, NULL, NULL, e) ||
	    pg_cmd(ps, sql_unlist_groups, NULL, "更新单位名录", NULL, NULL, NULL, e) ||
	    pg_cmd(ps, sql_clear_aliases, NULL, "更新单位名录", NULL, NULL, NULL, e) ||
	    pg_cmd(ps, sql_clear_members, NULL, "更新单位名录", NULL, NULL, NULL, e) ||
	    pg_cmd(ps, sql_clear_group_aliases, NULL, "更新单位名录", NULL, NULL, NULL, e))
		return -1;
	for (size_t i = 0; i < d->nunits; i++) {
		if (d->units[i].id <= 0)
			return err_set(e, ERR_INTERNAL, "内部错误：单位“%s”没有编号",
				       d->units[i].name);
		if (save_unit(ps, &d->units[i], i + 1, e))
			return -1;
	}
	for (size_t i = 0; i < d->nunits; i++) {
		struct pg_params p;

		if (d->units[i].parent < 0)
			continue;
		pg_p_init(&p);
		pg_p_int(&p, d->units[i].id);
		pg_p_int(&p, d->units[d->units[i].parent].id);
		if (pg_cmd(ps, sql_parent_set, &p, "写入上级单位", NULL, NULL, NULL, e))
			return -1;
	}
	for (size_t i = 0; i < d->ngroups; i++) {
		if (d->groups[i].id <= 0)
			return err_set(e, ERR_INTERNAL, "内部错误：分组“%s”没有编号",
				       d->groups[i].name);
		if (save_group(ps, d, &d->groups[i], i + 1, e))
			return -1;
	}
	return 0;
}

/* ---- tasks and assignments ---- */

int pg_task_refs(struct store *st, int64_t plan_id, struct store_task_ref **out, size_t *n,
		 struct err *e)
{
	struct pg_params p;
	PGresult *r;

	pg_p_init(&p);
	pg_p_int(&p, plan_id);
	if (!(r = pg_run(pg_of(st), sql_task_refs, &p, "读取任务", e)))
		return -1;
	if (PQntuples(r)) {
		*out = xreallocarray(NULL, (size_t)PQntuples(r), sizeof(**out));
		for (int i = 0; i < PQntuples(r); i++) {
			(*out)[i].id = pg_col_int(r, i, 0);
			(*out)[i].no = (int)pg_col_int(r, i, 1);
		}
		*n = (size_t)PQntuples(r);
	}
	PQclear(r);
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

/* A text column's value, copied into `a` once per distinct value. */
static const char *col_intern(const PGresult *r, int row, int col, struct strmap *seen,
			      struct arena *a)
{
	const char *t = pg_col_text(r, row, col);
	int64_t v;
	char *copy;

	if (!t)
		return NULL;
	if (strmap_get(seen, t, &v))
		return (const char *)(intptr_t)v;
	copy = arena_strndup(a, t, (size_t)PQgetlength(r, row, col));
	strmap_put(seen, t, (int64_t)(intptr_t)copy);
	return copy;
}

int pg_assignments_list(struct store *st, const struct store_assignment_filter *f,
			struct store_assignment_list *out, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct strmap seen = STRMAP_INIT;
	struct pg_params p;
	PGresult *r;
	size_t alloc = 0;
	int ret = -1;

	pg_p_init(&p);
	pg_p_int(&p, f->plan_id);
	pg_p_int(&p, f->plan_id ? f->task_no : 0);
	pg_p_int(&p, f->unit_id);
	pg_p_int(&p, f->unverified ? 1 : 0);
	pg_p_int(&p, f->with_retired ? 1 : 0);
	if (!(r = pg_run(ps, sql_assign_list, &p, "读取责任分工", e)))
		return -1;
	for (int i = 0; i < PQntuples(r); i++) {
		struct store_assignment_row *x;
		const char *state = pg_col_text(r, i, 6);

		ALLOC_GROW(out->v, out->n + 1, alloc);
		x = &out->v[out->n++];
		memset(x, 0, sizeof(*x));
		x->a.id = pg_col_int(r, i, 0);
		x->a.task_id = pg_col_int(r, i, 1);
		x->a.unit_id = pg_col_int(r, i, 2);
		x->a.via_group_id = pg_col_int(r, i, 3);
		if (role_parse(pg_col_text(r, i, 4), &x->a.role)) {
			inconsistent(ps, "责任分工的角色", e);
			goto out;
		}
		x->a.position = (int)pg_col_int(r, i, 5) - 1;
		if (state && !strcmp(state, "retired"))
			x->a.flags |= ASSIGN_RETIRED;
		x->plan_id = pg_col_int(r, i, 7);
		x->task_no = (int)pg_col_int(r, i, 8);
		x->a.written = col_intern(r, i, 9, &seen, &out->arena);
		x->a.unit_name = x->a.unit_id ? col_intern(r, i, 10, &seen, &out->arena)
					      : x->a.written;
		x->group_name = col_intern(r, i, 11, &seen, &out->arena);
		x->created_at = col_intern(r, i, 12, &seen, &out->arena);
		x->updated_at = col_intern(r, i, 13, &seen, &out->arena);
		if (!x->a.written || !x->a.unit_name || !x->created_at || !x->updated_at) {
			inconsistent(ps, "责任分工", e);
			goto out;
		}
	}
	ret = 0;
out:
	PQclear(r);
	strmap_release(&seen);
	return ret;
}

/* New assignments go in with one COPY; their ids come from the identity sequence. */
int pg_assignments_insert(struct store *st, struct assignment *v, size_t n, struct err *e)
{
	struct pg_store *ps = pg_of(st);
	struct strbuf sb = STRBUF_INIT;
	struct pg_params p;
	PGresult *r = NULL;
	int64_t last;
	char now[32];
	int ret = -1;

	for (size_t k = 0; k < n; k++)
		if (v[k].task_id <= 0 || v[k].position < 0)
			return err_set(e, ERR_INTERNAL, "内部错误：责任分工缺少任务或位置");
	if (!(r = pg_run(ps, sql_now, NULL, "读取时间", e)))
		return -1;
	snprintf(now, sizeof(now), "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	r = NULL;
	pg_p_init(&p);
	pg_p_int(&p, (int64_t)n);
	if (pg_query_int(ps, sql_assign_ids, &p, &last, "分配责任分工编号", e))
		return -1;
	for (size_t k = 0; k < n; k++) {
		v[k].id = last - (int64_t)(n - 1 - k);
		strbuf_addf(&sb, "%lld\t%lld\t%d\t", (long long)v[k].id, (long long)v[k].task_id,
			    v[k].position + 1);
		if (v[k].unit_id)
			strbuf_addf(&sb, "%lld\t", (long long)v[k].unit_id);
		else
			strbuf_addstr(&sb, "\\N\t");
		if (v[k].via_group_id)
			strbuf_addf(&sb, "%lld\t", (long long)v[k].via_group_id);
		else
			strbuf_addstr(&sb, "\\N\t");
		strbuf_addf(&sb, "%s\tactive\t%s\t%s\n", assignment_role_code(v[k].role), now, now);
	}
	if (pg_copy_in(ps, "COPY assignments (id, task_id, position, unit_id, via_group_id, role,"
		       " state, created_at, updated_at) FROM STDIN", &sb, "写入责任分工", e))
		goto out;
	ret = 0;
out:
	PQclear(r);
	strbuf_release(&sb);
	return ret;
}

int pg_assignment_update(struct store *st, const struct assignment *a, struct err *e)
{
	struct pg_params p;
	int64_t changed;

	pg_p_init(&p);
	pg_p_int(&p, a->id);
	pg_p_id0(&p, a->unit_id);
	pg_p_id0(&p, a->via_group_id);
	pg_p_text0(&p, assignment_role_code(a->role));
	pg_p_int(&p, (int64_t)a->position + 1);
	if (pg_cmd(pg_of(st), sql_assign_update, &p, "更新责任分工", NULL, NULL, &changed, e))
		return -1;
	if (changed != 1)
		return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的责任分工", (long long)a->id);
	return 0;
}

int pg_assignment_retire(struct store *st, int64_t id, struct err *e)
{
	struct pg_params p;
	int64_t changed;

	pg_p_init(&p);
	pg_p_int(&p, id);
	if (pg_cmd(pg_of(st), sql_assign_retire, &p, "撤销责任分工", NULL, NULL, &changed, e))
		return -1;
	if (changed != 1)
		return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的有效责任分工", (long long)id);
	return 0;
}
