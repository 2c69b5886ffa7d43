/* The store's front: picks a backend by URL and checks transaction rules before dispatching. */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_impl.h"
#include "util/banned.h"

int store_open(const char *url, struct store **out, struct err *e)
{
	*out = NULL;
	if (!url || !*url)
		return err_set(e, ERR_USAGE, "未指定数据库（--db 或环境变量 DUBAN_DB）");
	if (!strncmp(url, "postgres://", 11) || !strncmp(url, "postgresql://", 13))
		return store_pg_open(url, out, e);
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
	if (st->in_tx || st->in_batch)
		st->ops->rollback(st);
	st->ops->close(st);
}

int store_schema_version(struct store *st, int *out, struct err *e)
{
	return st->ops->schema_version(st, out, e);
}

int store_generation(struct store *st, int64_t *out, struct err *e)
{
	return st->ops->generation(st, out, e);
}

int store_begin(struct store *st, struct err *e)
{
	if (st->in_tx)
		return err_set(e, ERR_INTERNAL, "内部错误：事务不能嵌套");
	if (st->in_batch ? st->ops->savepoint(st, e) : st->ops->begin(st, e))
		return -1;
	st->in_tx = true;
	return 0;
}

int store_commit(struct store *st, struct err *e)
{
	if (!st->in_tx)
		return err_set(e, ERR_INTERNAL, "内部错误：没有进行中的事务");
	if (st->in_batch ? st->ops->release(st, e)
			 : st->ops->generation_bump(st, e) || st->ops->commit(st, e))
		return -1;	/* still in the transaction: the caller rolls back */
	st->in_tx = false;
	return 0;
}

void store_rollback(struct store *st)
{
	if (!st->in_tx)
		return;
	if (st->in_batch)
		st->ops->rollback_to(st);
	else
		st->ops->rollback(st);
	st->in_tx = false;
}

int store_cache_limit(struct store *st, size_t kib, struct err *e)
{
	return st->ops->cache_limit ? st->ops->cache_limit(st, kib, e) : 0;
}

bool store_batch_supported(const struct store *st)
{
	return st->ops->savepoint && st->ops->release && st->ops->rollback_to;
}

int store_batch_begin(struct store *st, struct err *e)
{
	if (!store_batch_supported(st))
		return err_set(e, ERR_INTERNAL, "内部错误：%s 存储不支持批量提交", st->ops->name);
	if (st->in_tx || st->in_batch)
		return err_set(e, ERR_INTERNAL, "内部错误：事务不能嵌套");
	if (st->ops->begin(st, e))
		return -1;
	st->in_batch = true;
	return 0;
}

int store_batch_commit(struct store *st, struct err *e)
{
	if (!st->in_batch || st->in_tx)
		return err_set(e, ERR_INTERNAL, "内部错误：没有可提交的批量事务");
	if (st->ops->generation_bump(st, e) || st->ops->commit(st, e))
		return -1;	/* still in the batch: the caller rolls back */
	st->in_batch = false;
	return 0;
}

void store_batch_rollback(struct store *st)
{
	if (!st->in_batch)
		return;
	if (st->in_tx) {
		st->ops->rollback_to(st);
		st->in_tx = false;
	}
	st->ops->rollback(st);
	st->in_batch = false;
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

/* ---- the organisation directory and assignments ---- */

int store_directory_load(struct store *st, struct directory *d, struct err *e)
{
	return st->ops->directory_load(st, d, e);
}

void store_org_refs_init(struct store_org_refs *r)
{
	memset(r, 0, sizeof(*r));
	arena_init(&r->arena, 0);
}

void store_org_refs_release(struct store_org_refs *r)
{
	arena_release(&r->arena);
	free(r->v);
	store_org_refs_init(r);
}

int store_org_refs(struct store *st, struct store_org_refs *out, struct err *e)
{
	return st->ops->org_refs(st, out, e);
}

int store_directory_save(struct store *st, const struct directory *d, struct err *e)
{
	if (need_tx(st, "写入单位名录", e))
		return -1;
	return st->ops->directory_save(st, d, e);
}

int store_task_refs(struct store *st, int64_t plan_id, struct store_task_ref **out, size_t *n,
		    struct err *e)
{
	*out = NULL;
	*n = 0;
	return st->ops->task_refs(st, plan_id, out, n, e);
}

void store_assignment_list_init(struct store_assignment_list *l)
{
	memset(l, 0, sizeof(*l));
	arena_init(&l->arena, 0);
}

void store_assignment_list_release(struct store_assignment_list *l)
{
	arena_release(&l->arena);
	free(l->v);
	store_assignment_list_init(l);
}

int store_assignments_list(struct store *st, const struct store_assignment_filter *f,
			   struct store_assignment_list *out, struct err *e)
{
	static const struct store_assignment_filter all;

	return st->ops->assignments_list(st, f ? f : &all, out, e);
}

int store_assignments_insert(struct store *st, struct assignment *v, size_t n, struct err *e)
{
	if (need_tx(st, "写入责任分工", e))
		return -1;
	if (!n)
		return 0;
	return st->ops->assignments_insert(st, v, n, e);
}

int store_assignment_update(struct store *st, const struct assignment *a, struct err *e)
{
	if (need_tx(st, "更新责任分工", e))
		return -1;
	return st->ops->assignment_update(st, a, e);
}

int store_assignment_retire(struct store *st, int64_t id, struct err *e)
{
	if (need_tx(st, "撤销责任分工", e))
		return -1;
	return st->ops->assignment_retire(st, id, e);
}

/* ---- accounts, sessions, login failures ---- */

void store_user_list_init(struct store_user_list *l)
{
	memset(l, 0, sizeof(*l));
	arena_init(&l->arena, 0);
}

void store_user_list_release(struct store_user_list *l)
{
	arena_release(&l->arena);
	store_user_list_init(l);
}

int store_user_list(struct store *st, struct store_user_list *out, struct err *e)
{
	return st->ops->user_list(st, out, e);
}

int store_user_get(struct store *st, int64_t id, const char *login, struct arena *a,
		   struct store_user *u, bool *found, struct err *e)
{
	return st->ops->user_get(st, id, login, a, u, found, e);
}

int store_user_insert(struct store *st, const struct store_user *u, int64_t *id,
		      struct err *e)
{
	if (need_tx(st, "写入用户", e))
		return -1;
	return st->ops->user_insert(st, u, id, e);
}

int store_user_update(struct store *st, const struct store_user *u, int64_t expect_version,
		      struct err *e)
{
	if (need_tx(st, "更新用户", e))
		return -1;
	return st->ops->user_update(st, u, expect_version, e);
}

int store_session_insert(struct store *st, const struct store_session *s, struct err *e)
{
	if (need_tx(st, "写入会话", e))
		return -1;
	return st->ops->session_insert(st, s, e);
}

int store_session_get(struct store *st, const char *token_hash, struct arena *a,
		      struct store_session *s, bool *found, struct err *e)
{
	return st->ops->session_get(st, token_hash, a, s, found, e);
}

int store_session_extend(struct store *st, const char *token_hash, int64_t expires_at,
			 struct err *e)
{
	if (need_tx(st, "延长会话", e))
		return -1;
	return st->ops->session_extend(st, token_hash, expires_at, e);
}

int store_session_delete(struct store *st, const char *token_hash, struct err *e)
{
	if (need_tx(st, "删除会话", e))
		return -1;
	return st->ops->session_delete(st, token_hash, e);
}

int store_sessions_delete_user(struct store *st, int64_t user_id, const char *keep,
			       int64_t now, struct err *e)
{
	if (need_tx(st, "删除会话", e))
		return -1;
	return st->ops->sessions_delete_user(st, user_id, keep, now, e);
}

int store_login_failures_count(struct store *st, const char *login, const char *address,
			       int64_t since, struct store_login_failures *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	return st->ops->login_failures_count(st, login, address, since, out, e);
}

int store_login_failure_add(struct store *st, const char *login, const char *address,
			    int64_t at, int64_t forget, struct err *e)
{
	if (need_tx(st, "记录登录失败", e))
		return -1;
	return st->ops->login_failure_add(st, login, address, at, forget, e);
}

int store_login_failures_clear(struct store *st, const char *login, struct err *e)
{
	if (need_tx(st, "清除登录失败记录", e))
		return -1;
	return st->ops->login_failures_clear(st, login, e);
}

/* ---- the audit log, the clock, backup ---- */

void store_audit_list_init(struct store_audit_list *l)
{
	memset(l, 0, sizeof(*l));
	arena_init(&l->arena, 0);
}

void store_audit_list_release(struct store_audit_list *l)
{
	arena_release(&l->arena);
	store_audit_list_init(l);
}

int store_audit_head(struct store *st, int64_t *seq, char hash[65], struct err *e)
{
	return st->ops->audit_head(st, seq, hash, e);
}

int store_audit_append(struct store *st, const struct store_audit_entry *a, struct err *e)
{
	if (need_tx(st, "写入审计记录", e))
		return -1;
	return st->ops->audit_append(st, a, e);
}

int store_audit_page(struct store *st, int64_t after_seq, const char *since, size_t limit,
		     struct store_audit_list *out, struct err *e)
{
	return st->ops->audit_page(st, after_seq, since, limit, out, e);
}

int store_now(struct store *st, char buf[STORE_TIME_LEN], struct err *e)
{
	return st->ops->now(st, buf, e);
}

int store_backup(struct store *st, const char *path, struct err *e)
{
	if (st->in_tx)
		return err_set(e, ERR_INTERNAL, "内部错误：备份不能在事务中进行");
	return st->ops->backup(st, path, e);
}
