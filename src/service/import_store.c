/* The import use case, storing side: duplicate, revision and replace rules in one transaction. */
#include "service/import_service.h"

#include <stdio.h>
#include <string.h>

#include "service/audit.h"
#include "service/directory_service.h"
#include "util/arena.h"
#include "util/strbuf.h"
#include "util/banned.h"

void svc_import_init(struct svc_import *imp)
{
	memset(imp, 0, sizeof(*imp));
	plan_doc_init(&imp->doc);
}

void svc_import_release(struct svc_import *imp)
{
	plan_doc_release(&imp->doc);
	diags_release(&imp->warnings);
	memset(imp, 0, sizeof(*imp));
}

/* "安政发〔2022〕5号《标题》（清单 1，2024-05-01T08:00:00Z 导入）" */
static void describe_plan(struct strbuf *sb, const struct store_plan_row *r)
{
	if (*r->doc_no)
		strbuf_addstr(sb, r->doc_no);
	if (*r->title)
		strbuf_addf(sb, "《%s》", r->title);
	strbuf_addf(sb, "（清单 ID %lld，%s 导入自 %s）", (long long)r->id, r->imported_at,
		    *r->source_name ? r->source_name : "未知文件");
}

static int refuse(struct err *e, const char *source, const char *fmt,
		  const struct store_plan_row *r, const char *hint)
{
	struct strbuf sb = STRBUF_INIT;

	describe_plan(&sb, r);
	err_set(e, ERR_CONFLICT, fmt, source, sb.buf, hint);
	strbuf_release(&sb);
	return -1;
}

/* A plan as the audit log records it: what identifies the document and its content. */
static json_t *plan_json(int64_t id, const struct plan *p, const char *format,
			 const char *encoding, size_t ntasks)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(id));
	json_object_set_new(o, "issuer", json_string(p->issuer ? p->issuer : ""));
	json_object_set_new(o, "doc_no", json_string(p->doc_no ? p->doc_no : ""));
	json_object_set_new(o, "title", json_string(p->title ? p->title : ""));
	json_object_set_new(o, "year", p->year ? json_integer(p->year) : json_null());
	json_object_set_new(o, "source_name", json_string(p->source_name ? p->source_name : ""));
	json_object_set_new(o, "source_sha256", json_string(p->sha256));
	json_object_set_new(o, "source_format", json_string(format ? format : ""));
	json_object_set_new(o, "source_encoding", json_string(encoding ? encoding : ""));
	json_object_set_new(o, "ntasks", json_integer((json_int_t)ntasks));
	return o;
}

static json_t *plan_row_json(const struct store_plan_row *r)
{
	struct plan p;

	memset(&p, 0, sizeof(p));
	p.issuer = r->issuer;
	p.doc_no = r->doc_no;
	p.title = r->title;
	p.year = r->year;
	p.source_name = r->source_name;
	memcpy(p.sha256, r->sha256, sizeof(p.sha256));
	return plan_json(r->id, &p, r->source_format, r->source_encoding, r->ntasks);
}

/* Audit the import just written: plan.import (a new plan) or plan.replace. */
static int audit_import(struct store *st, const struct svc_actor *actor,
			const struct svc_import *imp, const struct store_plan_row *old,
			struct err *e)
{
	json_t *before = old ? plan_row_json(old) : NULL;
	json_t *after = plan_json(imp->plan_id, &imp->doc.plan, imp->info.format,
				  imp->info.encoding, imp->doc.ntasks);
	char object[48];
	int rc;

	snprintf(object, sizeof(object), "plan:%lld", (long long)imp->plan_id);
	rc = audit_append(st, actor, old ? "plan.replace" : "plan.import", object, before, after,
			  e);
	json_decref(before);
	json_decref(after);
	return rc;
}

int svc_import_store(struct store *st, struct svc_import *imp, enum svc_import_mode mode,
		     const struct svc_actor *actor, struct err *e)
{
	const struct plan *p = &imp->doc.plan;
	const char *src_name = p->source_name ? p->source_name : "-";
	struct store_plan_source src = { imp->info.format, imp->info.encoding, NULL };
	struct store_plan_row by_sha, by_doc, *old = NULL;
	struct strbuf deps = STRBUF_INIT;
	struct arena a = ARENA_INIT;
	bool found_sha, found_doc;
	size_t ndeps;
	int rc = -1;

	if (store_begin(st, e))
		return -1;
	if (store_plan_find_sha(st, p->sha256, &a, &by_sha, &found_sha, e) ||
	    store_plan_find_doc_no(st, p->issuer, p->doc_no, &a, &by_doc, &found_doc, e))
		goto out;

	if (found_sha) {
		if (found_doc && by_doc.id != by_sha.id) {
			refuse(e, src_name, "%s: 同一文件已导入为 %s，而文号相同的是另一份清单%s",
			       &by_sha, "，无法替换");
			goto out;
		}
		snprintf(imp->previous_at, sizeof(imp->previous_at), "%s", by_sha.imported_at);
		if (mode == SVC_IMPORT_SKIP_EXISTING) {
			imp->plan_id = by_sha.id;
			imp->outcome = SVC_IMPORT_UNCHANGED;
			rc = 0;
			goto out;	/* nothing written: the rollback below ends the read */
		}
		if (mode != SVC_IMPORT_REPLACE) {
			refuse(e, src_name, "%s: 这个文件已经导入过：%s。%s", &by_sha,
			       "如需重新导入（覆盖其任务）请加 --replace；"
			       "如只需确认已导入请加 --skip-existing");
			goto out;
		}
		old = &by_sha;
	} else if (found_doc) {
		if (mode != SVC_IMPORT_REPLACE) {
			refuse(e, src_name, "%s: 已有文号相同但内容不同的清单：%s。%s", &by_doc,
			       "如这是修订版、要替换旧版，请加 --replace");
			goto out;
		}
		snprintf(imp->previous_at, sizeof(imp->previous_at), "%s", by_doc.imported_at);
		old = &by_doc;
	}

	/* A replace that names its plan and the version it saw (an HTTP PUT with If-Match). */
	if (imp->replace_id && (!old || old->id != imp->replace_id)) {
		err_set(e, ERR_CONFLICT, "%s: 这个文件不是清单 ID %lld 的新版本（文号或内容不对应）",
			src_name, (long long)imp->replace_id);
		goto out;
	}
	if (old && imp->replace_sha256 && strcmp(old->sha256, imp->replace_sha256)) {
		err_set(e, ERR_CONFLICT, "%s: 清单 ID %lld 已被他人更新（现为另一版本）：请刷新后重试",
			src_name, (long long)old->id);
		goto out;
	}
	if (old) {
		if (store_plan_dependents(st, old->id, &ndeps, &deps, e))
			goto out;
		if (ndeps) {
			struct strbuf sb = STRBUF_INIT;

			describe_plan(&sb, old);
			err_set(e, ERR_CONFLICT, "%s: 不能替换清单 %s：其任务上已有%s",
				src_name, sb.buf, deps.buf);
			strbuf_release(&sb);
			goto out;
		}
		if (store_plan_update(st, old->id, p, &src, e) ||
		    store_tasks_delete(st, old->id, e))
			goto out;
		imp->plan_id = old->id;
		imp->outcome = SVC_IMPORT_REPLACED;
	} else {
		if (store_plan_insert(st, p, &src, &imp->plan_id, e))
			goto out;
		imp->outcome = SVC_IMPORT_ADDED;
	}
	if (store_tasks_insert(st, imp->plan_id, imp->doc.tasks, imp->doc.ntasks, e)) {
		err_prefix(e, "%s: 导入失败，数据库未做任何更改：", src_name);
		goto out;
	}
	/* Assignments from the directory (if any); a replaced plan's went with its tasks. */
	if (svc_assignments_derive(st, imp->plan_id, &imp->doc, true, NULL, e)) {
		err_prefix(e, "%s: 导入失败，数据库未做任何更改：", src_name);
		goto out;
	}
	if (audit_import(st, actor, imp, old, e) || store_commit(st, e))
		goto out;
	rc = 0;
out:
	store_rollback(st);	/* a no-op after a commit */
	if (rc) {
		imp->outcome = SVC_IMPORT_PARSED;
		imp->plan_id = 0;
	}
	strbuf_release(&deps);
	arena_release(&a);
	return rc;
}

