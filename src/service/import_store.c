/* The import use case, storing side: duplicate, revision and replace rules in one transaction. */
#include "service/import_service.h"

#include <stdio.h>
#include <string.h>

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

int svc_import_store(struct store *st, struct svc_import *imp, enum svc_import_mode mode,
		     struct err *e)
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
	if (store_commit(st, e))
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

