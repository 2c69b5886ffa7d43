/* Plan selection (--plan), loading, summaries and target filters for the read commands. */
#include "service/plan_service.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/strmap.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

int svc_plan_list(struct store *st, struct store_plan_list *out, struct err *e)
{
	return store_plan_list(st, out, e);
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* Most recent: the latest imported_at, then the highest id. */
static const struct store_plan_row *most_recent(const struct store_plan_list *l)
{
	const struct store_plan_row *best = NULL;

	for (size_t i = 0; i < l->n; i++) {
		const struct store_plan_row *r = &l->v[i];
		int c = best ? strcmp(r->imported_at, best->imported_at) : 1;

		if (c > 0 || (c == 0 && r->id > best->id))
			best = r;
	}
	return best;
}

static int resolve_in(const struct store_plan_list *l, const char *spec, int64_t *id,
		      struct err *e)
{
	const struct store_plan_row *hit = NULL;

	if (!l->n)
		return err_set(e, ERR_NOT_FOUND,
			       "数据库中还没有任何清单：请先用 duban import 文件 导入");
	if (!spec || !*spec) {
		*id = most_recent(l)->id;
		return 0;
	}
	if (all_digits(spec) && strlen(spec) <= 9) {
		long v = strtol(spec, NULL, 10);

		if (v >= 1900 && v <= 2999) {
			struct strbuf sb = STRBUF_INIT;
			size_t n = 0;

			for (size_t i = 0; i < l->n; i++) {
				if (l->v[i].year != v)
					continue;
				if (n++)
					strbuf_addstr(&sb, "；");
				strbuf_addf(&sb, "ID %lld %s", (long long)l->v[i].id,
					    *l->v[i].doc_no ? l->v[i].doc_no : l->v[i].title);
				hit = &l->v[i];
			}
			if (n > 1) {
				err_set(e, ERR_INPUT, "%ld 年有 %zu 份清单（%s），请用 --plan ID 或文号指定",
					v, n, sb.buf);
				strbuf_release(&sb);
				return -1;
			}
			strbuf_release(&sb);
			if (!hit)
				return err_set(e, ERR_NOT_FOUND, "没有 %ld 年的清单", v);
		} else {
			for (size_t i = 0; i < l->n; i++)
				if (l->v[i].id == v)
					hit = &l->v[i];
			if (!hit)
				return err_set(e, ERR_NOT_FOUND, "没有 ID 为 %s 的清单（duban plans 列出全部）",
					       spec);
		}
		*id = hit->id;
		return 0;
	}
	/* A document number: exactly, else by match key. */
	for (size_t i = 0; i < l->n && !hit; i++)
		if (!strcmp(l->v[i].doc_no, spec))
			hit = &l->v[i];
	if (!hit) {
		char *key = utf8_match_key(spec);

		if (!key)
			return err_set(e, ERR_INPUT, "--plan 的值不是有效的 UTF-8");
		for (size_t i = 0; i < l->n && !hit; i++) {
			char *k = *l->v[i].doc_no ? utf8_match_key(l->v[i].doc_no) : NULL;
			if (k && !strcmp(k, key))
				hit = &l->v[i];
			free(k);
		}
		free(key);
	}
	if (!hit)
		return err_set(e, ERR_NOT_FOUND, "没有文号为“%s”的清单（duban plans 列出全部）", spec);
	*id = hit->id;
	return 0;
}

int svc_plan_resolve(struct store *st, const char *spec, int64_t *id, struct err *e)
{
	struct store_plan_list l;
	int rc;

	store_plan_list_init(&l);
	rc = store_plan_list(st, &l, e);
	if (!rc)
		rc = resolve_in(&l, spec, id, e);
	store_plan_list_release(&l);
	return rc;
}

int svc_plan_load(struct store *st, const char *spec, struct plan_doc *doc, int64_t *id,
		  struct err *e)
{
	int64_t pid;

	if (svc_plan_resolve(st, spec, &pid, e) || store_plan_load(st, pid, doc, e))
		return -1;
	if (id)
		*id = pid;
	return 0;
}

int svc_unit_stats(struct store *st, int64_t plan_id, struct store_unit_stats *out,
		   struct err *e)
{
	return store_unit_stats(st, plan_id, out, e);
}

void svc_plan_summarize(const struct plan_doc *doc, struct svc_plan_summary *out)
{
	struct strmap names = STRMAP_INIT, sections = STRMAP_INIT;
	size_t alloc = 0;

	memset(out, 0, sizeof(*out));
	strmap_init(&names);
	strmap_init(&sections);
	out->ntasks = doc->ntasks;
	for (size_t i = 0; i < doc->ntasks; i++) {
		const struct task *t = &doc->tasks[i];
		const char *sec = t->section ? t->section : "";
		int64_t at;

		if (strmap_get(&sections, sec, &at)) {
			out->sections[at].ntasks++;
		} else {
			ALLOC_GROW(out->sections, out->nsections + 1, alloc);
			out->sections[out->nsections].section = sec;
			out->sections[out->nsections].ntasks = 1;
			strmap_put(&sections, sec, (int64_t)out->nsections++);
		}
		for (size_t j = 0; j < t->nunits; j++)
			if (!strmap_get(&names, t->units[j], NULL))
				strmap_put(&names, t->units[j], 0);
		out->ntargets += t->ntargets;
		out->nmilestones += t->nmilestones;
	}
	out->nunits = strmap_count(&names);
	strmap_release(&names);
	strmap_release(&sections);
}

void svc_plan_summary_release(struct svc_plan_summary *s)
{
	free(s->sections);
	memset(s, 0, sizeof(*s));
}

const struct task *svc_task_find(const struct plan_doc *doc, int no)
{
	for (size_t i = 0; i < doc->ntasks; i++)
		if (doc->tasks[i].no == no)
			return &doc->tasks[i];
	return NULL;
}

static bool task_has_unit(const struct task *t, const char *key)
{
	bool hit = false;

	for (size_t j = 0; j < t->nunits && !hit; j++) {
		char *k = utf8_match_key(t->units[j]);
		hit = k && !strcmp(k, key);
		free(k);
	}
	return hit;
}

/* A measurement unit's key without a magnitude prefix: 亿元 -> 元, 万人 -> 人. */
static char *unit_base_key(const char *key)
{
	static const char *const prefixes[] = { "万亿", "亿", "万", "千", "百" };

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		size_t n = strlen(prefixes[i]);
		if (!strncmp(key, prefixes[i], n) && key[n])
			return xstrdup(key + n);
	}
	return xstrdup(key);
}

static bool unit_matches(const char *unit, const char *key, const char *base)
{
	char *k = utf8_match_key(unit ? unit : "");
	bool hit = k && (!strcmp(k, key) || !strcmp(k, base));

	free(k);
	return hit;
}

int svc_targets_filter(const struct plan_doc *doc, const struct svc_target_filter *f,
		       struct svc_target_ref **out, size_t *n, struct err *e)
{
	const struct svc_target_filter none = { NULL, NULL, NULL };
	char *mkey = NULL, *ukey = NULL, *ubase = NULL, *okey = NULL;
	size_t alloc = 0;
	int rc = -1;

	*out = NULL;
	*n = 0;
	if (!f)
		f = &none;
	if (f->metric && !(mkey = utf8_match_key(f->metric))) {
		err_set(e, ERR_INPUT, "--metric 的值不是有效的 UTF-8");
		goto out;
	}
	if (f->unit) {
		if (!(ukey = utf8_match_key(f->unit))) {
			err_set(e, ERR_INPUT, "--unit 的值不是有效的 UTF-8");
			goto out;
		}
		ubase = unit_base_key(ukey);
	}
	if (f->owner && !(okey = utf8_match_key(f->owner))) {
		err_set(e, ERR_INPUT, "--owner 的值不是有效的 UTF-8");
		goto out;
	}
	for (size_t i = 0; i < doc->ntasks; i++) {
		const struct task *t = &doc->tasks[i];

		if (!t->ntargets || (okey && !task_has_unit(t, okey)))
			continue;
		for (size_t j = 0; j < t->ntargets; j++) {
			const struct target *g = &t->targets[j];

			if (ukey && !unit_matches(g->unit, ukey, ubase))
				continue;
			if (mkey) {
				char *k = utf8_match_key(g->metric ? g->metric : "");
				bool hit = k && strstr(k, mkey);

				free(k);
				if (!hit)
					continue;
			}
			ALLOC_GROW(*out, *n + 1, alloc);
			(*out)[*n].task = t;
			(*out)[*n].target = g;
			(*n)++;
		}
	}
	rc = 0;
out:
	free(mkey);
	free(ukey);
	free(ubase);
	free(okey);
	return rc;
}
