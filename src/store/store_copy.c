/* Whole-database copies: the list of tables in dependency order and the driver over both backends. */
#include "store/store_copy.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_copy_impl.h"
#include "util/arena.h"
#include "util/banned.h"

/*
 * Every table duban keeps, in an order where each table comes after those
 * it references.  `order` is the read order (its key); `serial` marks
 * tables whose id the database hands out (id sequences are carried over);
 * `replace` a table the migrations fill (the target's rows are cleared
 * first).  A migration that adds a table adds it here.
 */
static const struct copy_table {
	const char *name;
	const char *order;
	bool serial;
	bool replace;
} copy_tables[] = {
	/* level 1 */
	{ "plans", "id", true, false },
	{ "units", "id", true, false },
	{ "tasks", "id", true, false },
	{ "task_units", "task_id, position", false, false },
	{ "targets", "task_id, seq", false, false },
	{ "milestones", "task_id, seq", false, false },
	/* level 2 */
	{ "org_units", "id", true, false },
	{ "org_aliases", "unit_id, seq", false, false },
	{ "org_groups", "id", true, false },
	{ "org_group_members", "group_id, seq", false, false },
	{ "assignments", "id", true, false },
	/* level 3 */
	{ "users", "id", true, false },
	{ "sessions", "token_hash", false, false },
	{ "login_failures", "id", true, false },
	{ "audit", "seq", false, false },
	{ "audit_head", "id", false, true },
	/* levels 4-5 */
	{ "calendars", "plan_id", false, false },
	{ "signoffs", "assignment_id", false, false },
	{ "disputes", "id", true, false },
	{ "reports", "id", true, false },
	{ "report_values", "report_id, seq", false, false },
	{ "attachments", "sha256", false, false },
	{ "report_attachments", "report_id, seq", false, false },
	{ "reviews", "report_id", false, false },
	{ "extensions", "id", true, false },
	{ "verifications", "assignment_id", false, false },
	/* levels 6-8: supervision */
	{ "actions", "id", true, false },
	{ "action_replies", "action_id", false, false },
	{ "action_closings", "action_id", false, false },
	{ "form_counters", "kind, year", false, false },
	{ "handover_forms", "assignment_id", false, false },
	{ "accountability", "id", true, false },
	{ "suggestion_dismissals", "assignment_id, cause_key", false, false },
	{ "assess_rules", "year", false, false },
	{ "appeals", "id", true, false },
	{ "bulletins", "id", true, false },
	/* level 9 */
	{ "generation", "id", false, true },
	/* level 11 */
	{ "org_group_aliases", "group_id, seq", false, false },
};

#define NTABLES (sizeof(copy_tables) / sizeof(copy_tables[0]))

_Static_assert(NTABLES <= STORE_COPY_MAX_TABLES, "store_copy_result holds every table");

const char *store_backend_name(const struct store *st)
{
	return st->ops->name;
}

static const struct copy_table *known(const char *name)
{
	for (size_t i = 0; i < NTABLES; i++)
		if (!strcmp(copy_tables[i].name, name))
			return &copy_tables[i];
	return NULL;
}

/* Every table of `st` is in the list, and every listed table is in `st`. */
static int check_tables(struct store *st, const char *side, struct err *e)
{
	struct arena a = ARENA_INIT;
	const char **names = NULL;
	size_t n = 0;
	int ret = -1;

	arena_init(&a, 0);
	if (st->ops->copy->tables(st, &a, &names, &n, e))
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (!known(names[i])) {
			err_set(e, ERR_INTERNAL,
				"内部错误：%s数据库中的表 %s 不在复制清单中（src/store/store_copy.c）",
				side, names[i]);
			goto out;
		}
	}
	for (size_t i = 0; i < NTABLES; i++) {
		bool there = false;

		for (size_t j = 0; j < n && !there; j++)
			there = !strcmp(names[j], copy_tables[i].name);
		if (!there) {
			err_set(e, ERR_STORE, "%s数据库缺少表 %s：不是完整的 duban 数据库", side,
				copy_tables[i].name);
			goto out;
		}
	}
	ret = 0;
out:
	arena_release(&a);
	return ret;
}

int store_table_counts(struct store *st, struct store_copy_result *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < NTABLES; i++) {
		struct store_copy_count *c = &out->v[out->n++];

		c->table = copy_tables[i].name;
		if (st->ops->copy->count(st, c->table, &c->from, e))
			return -1;
	}
	return 0;
}

/* The target holds nothing but what its migrations wrote. */
static int check_empty(struct store *to, struct err *e)
{
	int64_t seq;
	char hash[65];

	for (size_t i = 0; i < NTABLES; i++) {
		int64_t n;

		if (copy_tables[i].replace)
			continue;
		if (to->ops->copy->count(to, copy_tables[i].name, &n, e))
			return -1;
		if (n)
			return err_set(e, ERR_CONFLICT,
				       "目标数据库不是空的（表 %s 已有 %lld 行）："
				       "db copy 只写入新建的空数据库，不合并也不覆盖",
				       copy_tables[i].name, (long long)n);
	}
	if (store_audit_head(to, &seq, hash, e))
		return -1;
	if (seq)
		return err_set(e, ERR_CONFLICT, "目标数据库不是空的（审计链头在第 %lld 条）",
			       (long long)seq);
	return 0;
}

struct row_ctx {
	struct store *to;
	int64_t rows;
};

static int put_row(void *ctx, const struct store_cell *cells, size_t n, struct err *e)
{
	struct row_ctx *rc = ctx;

	rc->rows++;
	return rc->to->ops->copy->write_row(rc->to, cells, n, e);
}

static int copy_table(struct store *from, struct store *to, const struct copy_table *t,
		      int64_t *rows, struct err *e)
{
	struct arena a = ARENA_INIT;
	const char **cols = NULL, **tcols = NULL;
	size_t ncols = 0, ntcols = 0;
	struct row_ctx rc = { to, 0 };
	int ret = -1;

	arena_init(&a, 0);
	if (from->ops->copy->columns(from, t->name, &a, &cols, &ncols, e) ||
	    to->ops->copy->columns(to, t->name, &a, &tcols, &ntcols, e))
		goto out;
	/* Same columns on both sides (in any order: rows are written by name). */
	if (ncols != ntcols)
		goto differ;
	for (size_t i = 0; i < ncols; i++) {
		bool there = false;

		for (size_t j = 0; j < ntcols && !there; j++)
			there = !strcmp(cols[i], tcols[j]);
		if (!there)
			goto differ;
	}
	if (t->replace && to->ops->copy->clear(to, t->name, e))
		goto out;
	if (to->ops->copy->write_begin(to, t->name, cols, ncols, e))
		goto out;
	if (from->ops->copy->read(from, t->name, cols, ncols, t->order, put_row, &rc, e)) {
		to->ops->copy->write_end(to, NULL);
		goto out;
	}
	if (to->ops->copy->write_end(to, e))
		goto out;
	if (t->serial) {
		int64_t high;

		if (from->ops->copy->id_high(from, t->name, &high, e) ||
		    to->ops->copy->id_set(to, t->name, high, e))
			goto out;
	}
	*rows += rc.rows;
	ret = 0;
	goto out;
differ:
	err_set(e, ERR_STORE, "表 %s 的列在两个数据库中不同，无法复制", t->name);
out:
	if (ret)
		err_prefix(e, "复制表 %s：", t->name);
	arena_release(&a);
	return ret;
}

int store_copy(struct store *from, struct store *to, store_copy_check_fn check, void *ctx,
	       struct store_copy_result *out, struct err *e)
{
	int vf, vt;
	bool snap = false;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	if (from == to || from->in_tx || to->in_tx)
		return err_set(e, ERR_INTERNAL, "内部错误：复制需要两个不在事务中的数据库");
	if (store_schema_version(from, &vf, e) || store_schema_version(to, &vt, e))
		return -1;
	if (vf != vt)
		return err_set(e, ERR_STORE, "两个数据库的结构版本不同（第 %d 版与第 %d 版）", vf, vt);
	if (check_tables(from, "源", e) || check_tables(to, "目标", e))
		return -1;
	if (from->ops->copy->snapshot_begin(from, e))
		return -1;
	snap = true;
	if (store_begin(to, e))
		goto out;
	if (to->ops->copy->write_prepare(to, e) || check_empty(to, e))
		goto out;
	for (size_t i = 0; i < NTABLES; i++)
		if (copy_table(from, to, &copy_tables[i], &out->rows, e))
			goto out;
	for (size_t i = 0; i < NTABLES; i++) {
		struct store_copy_count *c = &out->v[out->n++];

		c->table = copy_tables[i].name;
		if (from->ops->copy->count(from, c->table, &c->from, e) ||
		    to->ops->copy->count(to, c->table, &c->to, e))
			goto out;
		if (c->from != c->to) {
			err_set(e, ERR_STORE, "复制后表 %s 的行数不一致：源 %lld 行，目标 %lld 行",
				c->table, (long long)c->from, (long long)c->to);
			goto out;
		}
	}
	if (check && check(ctx, from, to, e))
		goto out;
	if (store_commit(to, e))
		goto out;
	ret = 0;
out:
	store_rollback(to);
	if (snap)
		from->ops->copy->snapshot_end(from);
	return ret;
}
