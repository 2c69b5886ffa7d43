/* The store's front: picks a backend by URL and checks transaction rules before dispatching. */
#include "store/store.h"

#include <string.h>

#include "store/store_impl.h"
#include "util/banned.h"

int store_open(const char *url, struct store **out, struct err *e)
{
	*out = NULL;
	if (!url || !*url)
		return err_set(e, ERR_USAGE, "未指定数据库（--db 或环境变量 DUBAN_DB）");
	if (!strncmp(url, "postgres://", 11) || !strncmp(url, "postgresql://", 13))
		return err_set(e, ERR_STORE, "%s: 暂不支持 PostgreSQL 数据库，请使用 SQLite 文件路径",
			       url);
	if (!strncmp(url, "sqlite:", 7))
		url += 7;
	if (!*url)
		return err_set(e, ERR_USAGE, "sqlite: 之后缺少数据库文件路径");
	return store_sqlite_open(url, out, e);
}

void store_close(struct store *st)
{
	if (!st)
		return;
	if (st->in_tx)
		st->ops->rollback(st);
	st->ops->close(st);
}

int store_schema_version(struct store *st, int *out, struct err *e)
{
	return st->ops->schema_version(st, out, e);
}

int store_begin(struct store *st, struct err *e)
{
	if (st->in_tx)
		return err_set(e, ERR_INTERNAL, "内部错误：事务不能嵌套");
	if (st->ops->begin(st, e))
		return -1;
	st->in_tx = true;
	return 0;
}

int store_commit(struct store *st, struct err *e)
{
	if (!st->in_tx)
		return err_set(e, ERR_INTERNAL, "内部错误：没有进行中的事务");
	if (st->ops->commit(st, e))
		return -1;	/* still in the transaction: the caller rolls back */
	st->in_tx = false;
	return 0;
}

void store_rollback(struct store *st)
{
	if (!st->in_tx)
		return;
	st->ops->rollback(st);
	st->in_tx = false;
}

static int need_tx(struct store *st, const char *what, struct err *e)
{
	if (!st->in_tx)
		return err_set(e, ERR_INTERNAL, "内部错误：%s 必须在事务中进行", what);
	return 0;
}

void store_plan_list_init(struct store_plan_list *l)
{
	memset(l, 0, sizeof(*l));
	arena_init(&l->arena, 0);
}

void store_plan_list_release(struct store_plan_list *l)
{
	arena_release(&l->arena);
	store_plan_list_init(l);
}

int store_plan_list(struct store *st, struct store_plan_list *out, struct err *e)
{
	return st->ops->plan_list(st, out, e);
}

int store_plan_find_sha(struct store *st, const char *sha256, struct arena *a,
			struct store_plan_row *row, bool *found, struct err *e)
{
	return st->ops->plan_find_sha(st, sha256, a, row, found, e);
}

int store_plan_find_doc_no(struct store *st, const char *issuer, const char *doc_no,
			   struct arena *a, struct store_plan_row *row, bool *found,
			   struct err *e)
{
	if (!doc_no || !*doc_no) {
		*found = false;
		return 0;
	}
	return st->ops->plan_find_doc_no(st, issuer ? issuer : "", doc_no, a, row, found, e);
}

int store_plan_insert(struct store *st, const struct plan *p,
		      const struct store_plan_source *src, int64_t *id, struct err *e)
{
	if (need_tx(st, "写入清单", e))
		return -1;
	return st->ops->plan_insert(st, p, src, id, e);
}

int store_plan_update(struct store *st, int64_t id, const struct plan *p,
		      const struct store_plan_source *src, struct err *e)
{
	if (need_tx(st, "更新清单", e))
		return -1;
	return st->ops->plan_update(st, id, p, src, e);
}

int store_plan_dependents(struct store *st, int64_t id, size_t *count,
			  struct strbuf *what, struct err *e)
{
	return st->ops->plan_dependents(st, id, count, what, e);
}

int store_tasks_delete(struct store *st, int64_t plan_id, struct err *e)
{
	if (need_tx(st, "删除任务", e))
		return -1;
	return st->ops->tasks_delete(st, plan_id, e);
}

int store_tasks_insert(struct store *st, int64_t plan_id, const struct task *tasks,
		       size_t n, struct err *e)
{
	if (need_tx(st, "写入任务", e))
		return -1;
	return st->ops->tasks_insert(st, plan_id, tasks, n, e);
}

int store_plan_load(struct store *st, int64_t id, struct plan_doc *doc, struct err *e)
{
	return st->ops->plan_load(st, id, doc, e);
}

void store_unit_stats_init(struct store_unit_stats *s)
{
	memset(s, 0, sizeof(*s));
	arena_init(&s->arena, 0);
}

void store_unit_stats_release(struct store_unit_stats *s)
{
	arena_release(&s->arena);
	store_unit_stats_init(s);
}

int store_unit_stats(struct store *st, int64_t plan_id, struct store_unit_stats *out,
		     struct err *e)
{
	return st->ops->unit_stats(st, plan_id, out, e);
}
