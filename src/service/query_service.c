/* Read-side queries for the HTTP API: task filters and scope, assignments, plan exports. */
#include "service/query_service.h"

#include <stdlib.h>
#include <string.h>

#include "export/export_csv.h"
#include "export/export_json.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

int svc_data_generation(struct store *st, int64_t *out, struct err *e)
{
	return store_generation(st, out, e);
}

bool svc_scope_has(const struct svc_scope *s, int no)
{
	size_t lo = 0, hi;

	if (!s || !s->scoped)
		return true;
	hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->nos[mid] < no)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && s->nos[lo] == no;
}

static bool has_unit(const struct task *t, const char *key)
{
	bool hit = false;

	for (size_t i = 0; i < t->nunits && !hit; i++) {
		char *k = utf8_match_key(t->units[i]);

		hit = k && !strcmp(k, key);
		free(k);
	}
	return hit;
}

static bool has_text(const struct task *t, const char *key)
{
	char *k = utf8_match_key(t->text ? t->text : "");
	bool hit = k && strstr(k, key);

	free(k);
	return hit;
}

int svc_tasks_filter(const struct plan_doc *doc, const struct svc_task_filter *f,
		     const struct svc_scope *scope, const struct task ***out, size_t *n,
		     struct err *e)
{
	char *ukey = NULL, *qkey = NULL;
	size_t alloc = 0;
	int rc = -1;

	*out = NULL;
	*n = 0;
	if (f && f->unit && !(ukey = utf8_match_key(f->unit))) {
		err_set(e, ERR_INPUT, "单位名称不是有效的 UTF-8");
		goto out;
	}
	if (f && f->q && !(qkey = utf8_match_key(f->q))) {
		err_set(e, ERR_INPUT, "搜索文字不是有效的 UTF-8");
		goto out;
	}
	for (size_t i = 0; i < doc->ntasks; i++) {
		const struct task *t = &doc->tasks[i];

		if (!svc_scope_has(scope, t->no))
			continue;
		if (f && f->section && strcmp(t->section ? t->section : "", f->section))
			continue;
		if (ukey && !has_unit(t, ukey))
			continue;
		if (qkey && !has_text(t, qkey))
			continue;
		ALLOC_GROW(*out, *n + 1, alloc);
		(*out)[(*n)++] = t;
	}
	rc = 0;
out:
	free(ukey);
	free(qkey);
	return rc;
}

int svc_assignments_query(struct store *st, const struct store_assignment_filter *f,
			  struct store_assignment_list *out, struct err *e)
{
	return store_assignments_list(st, f, out, e);
}

int svc_export_format_parse(const char *s, enum svc_export_format *out)
{
	if (!strcmp(s, "json"))
		*out = SVC_EXPORT_JSON;
	else if (!strcmp(s, "csv"))
		*out = SVC_EXPORT_CSV;
	else
		return -1;
	return 0;
}

int svc_plan_export(struct store *st, int64_t plan_id, enum svc_export_format format,
		    struct strbuf *out, struct err *e)
{
	struct plan_doc doc;
	int rc = -1;

	plan_doc_init(&doc);
	if (store_plan_load(st, plan_id, &doc, e))
		goto out;
	if (format == SVC_EXPORT_CSV)
		export_csv(&doc, out);
	else if (export_json(&doc, out, e))
		goto out;
	rc = 0;
out:
	plan_doc_release(&doc);
	return rc;
}
