/* The organisation directory use cases: import and export it, derive and read assignments. */
#include "service/directory_service.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_reports.h"
#include "util/fileio.h"
#include "util/strmap.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* ---- ids: sorted (id, index) pairs ---- */

struct id_at {
	int64_t id;
	size_t index;
};

static int cmp_id_at(const void *a, const void *b)
{
	const struct id_at *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* The units' (or groups') ids of `d`, sorted, with their indices; malloc'd. */
static struct id_at *ids_of(const struct directory *d, bool groups, size_t *n)
{
	size_t cnt = groups ? d->ngroups : d->nunits;
	struct id_at *v = xmalloc((cnt ? cnt : 1) * sizeof(*v));

	for (size_t i = 0; i < cnt; i++) {
		v[i].id = groups ? d->groups[i].id : d->units[i].id;
		v[i].index = i;
	}
	if (cnt)
		qsort(v, cnt, sizeof(*v), cmp_id_at);
	*n = cnt;
	return v;
}

static long id_find(const struct id_at *v, size_t n, int64_t id)
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

/* ---- derivation ---- */

void svc_derive_stats_init(struct svc_derive_stats *s)
{
	memset(s, 0, sizeof(*s));
	arena_init(&s->arena, 0);
}

void svc_derive_stats_release(struct svc_derive_stats *s)
{
	arena_release(&s->arena);
	free(s->new_aliases);
	svc_derive_stats_init(s);
}

static void note_new_alias(struct svc_derive_stats *s, const struct assignment *a)
{
	struct svc_new_alias *na;

	for (size_t i = 0; i < s->nnew_aliases; i++)
		if (!strcmp(s->new_aliases[i].unit, a->unit_name) &&
		    !strcmp(s->new_aliases[i].alias, a->new_alias))
			return;
	ALLOC_GROW(s->new_aliases, s->nnew_aliases + 1, s->new_aliases_alloc);
	na = &s->new_aliases[s->nnew_aliases++];
	na->unit = arena_strdup(&s->arena, a->unit_name);
	na->alias = arena_strdup(&s->arena, a->new_alias);
	na->written = arena_strdup(&s->arena, a->written);
}

struct task_pos {
	int no;
	size_t index;
};

static int cmp_task_pos(const void *a, const void *b)
{
	const struct task_pos *x = a, *y = b;

	if (x->no != y->no)
		return x->no < y->no ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * The office's reassignments in a plan: re-deriving assignments from a new
 * directory leaves both sides of each alone (the disputed assignment stays
 * retired, the one created for the new unit stays as it is), and does not
 * recreate the disputed unit's assignment for that entry.  Sorted for bsearch.
 */
struct pinned {
	int64_t *from, *to;
	size_t n;
};

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static bool pinned_in(const int64_t *v, size_t n, int64_t id)
{
	return n && bsearch(&id, v, n, sizeof(*v), cmp_id);
}

static int pinned_load(struct store *st, int64_t plan_id, struct pinned *p, struct err *e)
{
	if (store_reassignments(st, plan_id, &p->from, &p->to, &p->n, e))
		return -1;
	if (p->n) {
		qsort(p->from, p->n, sizeof(*p->from), cmp_id);
		qsort(p->to, p->n, sizeof(*p->to), cmp_id);
	}
	return 0;
}

/* True if fresh assignment `a` is the one the office reassigned away (same entry and unit). */
static bool reassigned_away(const struct assignment *a, const struct assignment *gone, size_t ngone)
{
	for (size_t i = 0; i < ngone; i++)
		if (gone[i].position == a->position && gone[i].unit_id == a->unit_id &&
		    (a->unit_id || !strcmp(gone[i].unit_name, a->unit_name)))
			return true;
	return false;
}

/* Assignments of one task being reconciled, and the plan's additions. */
struct derive_buf {
	struct assignment *fresh, *old, *adds, *gone;
	size_t nfresh, nold, nadds, ngone;
	size_t fresh_alloc, old_alloc, adds_alloc, gone_alloc;
};

static void derive_buf_release(struct derive_buf *b)
{
	free(b->fresh);
	free(b->old);
	free(b->adds);
	free(b->gone);
}

static void add_assignment(struct derive_buf *b, const struct assignment *a)
{
	ALLOC_GROW(b->adds, b->nadds + 1, b->adds_alloc);
	b->adds[b->nadds++] = *a;
}

/* Apply one task's reconciliation. */
static int apply_steps(struct store *st, struct derive_buf *b, const struct reconcile *rec,
		       struct svc_derive_stats *stats, struct err *e)
{
	for (size_t i = 0; i < rec->n; i++) {
		const struct reconcile_step *s = &rec->v[i];
		struct assignment a;

		switch (s->action) {
		case RECONCILE_KEEP:
			stats->kept++;
			break;
		case RECONCILE_UPDATE:
			a = b->fresh[s->new_index];
			a.id = s->id;
			if (store_assignment_update(st, &a, e))
				return -1;
			stats->updated++;
			break;
		case RECONCILE_ADD:
			add_assignment(b, &b->fresh[s->new_index]);
			stats->added++;
			break;
		case RECONCILE_RETIRE:
			if (store_assignment_retire(st, s->id, e))
				return -1;
			stats->retired++;
			break;
		}
	}
	return 0;
}

/*
 * Derive one plan's assignments with `dir` and reconcile them with the
 * stored ones.  Tasks with the same units as written (tasks carrying the
 * previous task's units, a large list's repeated rows) are expanded once.
 */
static int derive_plan(struct store *st, const struct directory *dir, int64_t plan_id,
		       const struct plan_doc *doc, bool fresh, struct svc_derive_stats *stats,
		       struct err *e)
{
	struct store_task_ref *refs = NULL;
	struct task_pos *order = NULL;
	struct store_assignment_list old;
	struct assignments tmpl;
	struct strmap memo;
	struct strbuf key = STRBUF_INIT;
	struct derive_buf b;
	struct pinned pin = { NULL, NULL, 0 };
	struct reconcile rec;
	size_t nrefs = 0, *tstart = NULL, *tcount = NULL, ntmpl = 0, tmpl_alloc = 0, tcount_alloc = 0;
	size_t oi = 0;
	int rc = -1;

	memset(&b, 0, sizeof(b));
	store_assignment_list_init(&old);
	assignments_init(&tmpl);
	strmap_init(&memo);
	reconcile_init(&rec);
	if (store_task_refs(st, plan_id, &refs, &nrefs, e))
		goto out;
	if (nrefs != doc->ntasks) {
		err_set(e, ERR_STORE, "数据库内容不一致：清单 %lld 的任务数", (long long)plan_id);
		goto out;
	}
	order = xmalloc((nrefs ? nrefs : 1) * sizeof(*order));
	for (size_t i = 0; i < nrefs; i++) {
		order[i].no = doc->tasks[i].no;
		order[i].index = i;
	}
	if (nrefs)
		qsort(order, nrefs, sizeof(*order), cmp_task_pos);
	if (!fresh) {
		struct store_assignment_filter f = { .plan_id = plan_id, .with_retired = true };

		if (store_assignments_list(st, &f, &old, e) || pinned_load(st, plan_id, &pin, e))
			goto out;
	}

	for (size_t i = 0; i < nrefs; i++) {
		const struct task *t = &doc->tasks[order[i].index];
		int64_t k;

		if (t->no != refs[i].no) {
			err_set(e, ERR_STORE, "数据库内容不一致：清单 %lld 的第 %d 项任务",
				(long long)plan_id, t->no);
			goto out;
		}
		strbuf_reset(&key);
		for (size_t j = 0; j < t->nunits; j++) {
			strbuf_addstr(&key, t->units[j]);
			strbuf_addch(&key, '\x1f');
		}
		if (!strmap_get(&memo, key.buf, &k)) {
			size_t start = tmpl.n;

			directory_expand(dir, 0, t->units, t->nunits, t->line, &tmpl, NULL);
			ALLOC_GROW(tstart, ntmpl + 1, tmpl_alloc);
			ALLOC_GROW(tcount, ntmpl + 1, tcount_alloc);
			tstart[ntmpl] = start;
			tcount[ntmpl] = tmpl.n - start;
			k = (int64_t)ntmpl++;
			strmap_put(&memo, key.buf, k);
			for (size_t j = start; j < tmpl.n; j++)
				if (tmpl.v[j].flags & ASSIGN_NEW_ALIAS)
					note_new_alias(stats, &tmpl.v[j]);
		}
		b.nold = b.ngone = 0;
		while (oi < old.n && old.v[oi].task_no < t->no)
			oi++;
		for (; oi < old.n && old.v[oi].task_no == t->no; oi++) {
			const struct assignment *a = &old.v[oi].a;

			if (pinned_in(pin.from, pin.n, a->id)) {
				ALLOC_GROW(b.gone, b.ngone + 1, b.gone_alloc);
				b.gone[b.ngone++] = *a;
				continue;
			}
			if (pinned_in(pin.to, pin.n, a->id))
				continue;
			ALLOC_GROW(b.old, b.nold + 1, b.old_alloc);
			b.old[b.nold++] = *a;
		}
		b.nfresh = 0;
		ALLOC_GROW(b.fresh, tcount[k], b.fresh_alloc);
		for (size_t j = 0; j < tcount[k]; j++) {
			const struct assignment *a = &tmpl.v[tstart[k] + j];

			if (reassigned_away(a, b.gone, b.ngone))
				continue;
			b.fresh[b.nfresh] = *a;
			b.fresh[b.nfresh++].task_id = refs[i].id;
		}
		if (!b.nold) {
			for (size_t j = 0; j < b.nfresh; j++)
				add_assignment(&b, &b.fresh[j]);
			stats->added += b.nfresh;
			continue;
		}
		reconcile_release(&rec);
		reconcile_init(&rec);
		assignments_reconcile(b.old, b.nold, b.fresh, b.nfresh, &rec);
		if (apply_steps(st, &b, &rec, stats, e))
			goto out;
	}
	if (store_assignments_insert(st, b.adds, b.nadds, e))
		goto out;
	stats->nplans++;
	stats->ntasks += nrefs;
	rc = 0;
out:
	free(refs);
	free(order);
	free(pin.from);
	free(pin.to);
	free(tstart);
	free(tcount);
	store_assignment_list_release(&old);
	assignments_release(&tmpl);
	strmap_release(&memo);
	strbuf_release(&key);
	derive_buf_release(&b);
	reconcile_release(&rec);
	return rc;
}

int svc_assignments_derive(struct store *st, int64_t plan_id, const struct plan_doc *doc,
			   bool fresh, struct svc_derive_stats *stats, struct err *e)
{
	struct directory dir;
	struct plan_doc loaded;
	struct svc_derive_stats local;
	int rc = -1;

	directory_init(&dir);
	plan_doc_init(&loaded);
	svc_derive_stats_init(&local);
	if (store_directory_load(st, &dir, e))
		goto out;
	if (!doc) {
		if (store_plan_load(st, plan_id, &loaded, e))
			goto out;
		doc = &loaded;
	}
	rc = derive_plan(st, &dir, plan_id, doc, fresh, stats ? stats : &local, e);
out:
	directory_release(&dir);
	plan_doc_release(&loaded);
	svc_derive_stats_release(&local);
	return rc;
}

/* ---- importing a directory ---- */

void svc_directory_import_init(struct svc_directory_import *r)
{
	memset(r, 0, sizeof(*r));
	directory_init(&r->dir);
	svc_derive_stats_init(&r->derive);
}

void svc_directory_import_release(struct svc_directory_import *r)
{
	directory_release(&r->dir);
	svc_derive_stats_release(&r->derive);
	diags_release(&r->notes);
	svc_directory_import_init(r);
}

/* The stored units (names, kinds, aliases, parents) into `next`, ids left to carry. */
static int copy_units(const struct directory *prev, struct directory *next, struct err *e)
{
	for (size_t i = 0; i < prev->nunits; i++) {
		const struct unit *u = &prev->units[i];

		if (directory_add_unit(next, 0, u->name, u->kind, u->active, NULL, e))
			return -1;
		for (size_t j = 0; j < u->naliases; j++)
			if (directory_add_alias(next, i, u->aliases[j], e))
				return -1;
	}
	for (size_t i = 0; i < prev->nunits; i++)
		if (prev->units[i].parent >= 0 &&
		    directory_set_parent(next, i, prev->units[i].parent, e))
			return -1;
	return 0;
}

/* The stored groups into `next`, each member found again by its name in next's units. */
static int copy_groups(const struct directory *prev, struct directory *next, struct diags *notes,
		       struct err *e)
{
	for (size_t i = 0; i < prev->ngroups; i++) {
		const struct unit_group *g = &prev->groups[i];
		size_t gi;

		if (directory_add_group(next, 0, g->name, &gi, e)) {
			err_prefix(e, "保留原有分组“%s”时：", g->name);
			return -1;
		}
		for (size_t j = 0; j < g->naliases; j++) {
			struct err sub = ERR_INIT;

			/* A new unit may now hold the spelling: the unit keeps it. */
			if (directory_add_group_alias(next, gi, g->aliases[j], &sub))
				diags_add(notes, 0, "分组“%s”的别名“%s”未保留：%s", g->name,
					  g->aliases[j], sub.msg);
		}
		for (size_t j = 0; j < g->nmembers; j++) {
			const char *m = prev->units[g->members[j]].name;
			size_t ui;
			enum directory_hit hit = directory_lookup(next, m, &ui);
			struct err sub = ERR_INIT;

			if (hit != DIRECTORY_HIT_UNIT && hit != DIRECTORY_HIT_ALIAS) {
				diags_add(notes, 0, "分组“%s”的成员“%s”已不在单位名录中，已移出该分组",
					  g->name, m);
				continue;
			}
			/* Two old members that are one unit now: it is in the group once. */
			if (directory_add_member(next, gi, ui, &sub))
				continue;
		}
	}
	return 0;
}

static int read_inputs(const struct directory *prev, const struct directory_csv_input *in,
		       size_t n, struct directory *next, struct diags *notes, struct err *e)
{
	enum directory_csv_kind *kinds = xcalloc(n ? n : 1, sizeof(*kinds));
	bool has_units = false, has_groups = false;
	int rc = -1;

	for (size_t i = 0; i < n; i++) {
		if (directory_csv_detect(in[i].data, in[i].len, in[i].source_name, &kinds[i], e))
			goto out;
		if (kinds[i] == DIRECTORY_CSV_UNITS)
			has_units = true;
		else
			has_groups = true;
	}
	if (has_units) {
		for (size_t i = 0; i < n; i++)
			if (kinds[i] == DIRECTORY_CSV_UNITS &&
			    directory_csv_read(next, in[i].data, in[i].len, in[i].source_name, NULL, e))
				goto out;
	} else if (copy_units(prev, next, e)) {
		goto out;
	}
	if (has_groups) {
		for (size_t i = 0; i < n; i++)
			if (kinds[i] == DIRECTORY_CSV_GROUPS &&
			    directory_csv_read(next, in[i].data, in[i].len, in[i].source_name, NULL, e))
				goto out;
	} else if (copy_groups(prev, next, notes, e)) {
		goto out;
	}
	rc = 0;
out:
	free(kinds);
	return rc;
}

/*
 * After directory_carry_ids: a unit or group that did not keep a listed id
 * takes the id of a stored unlisted one with the same name key (it comes
 * back), else a new id above every stored one.
 */
static int settle_ids(struct store *st, const struct directory *prev, struct directory *next,
		      struct err *e)
{
	struct store_org_refs refs;
	struct strmap tomb_units, tomb_groups;
	struct id_at *pu, *pg;
	size_t npu, npg;
	int64_t next_unit, next_group, v;

	store_org_refs_init(&refs);
	strmap_init(&tomb_units);
	strmap_init(&tomb_groups);
	pu = ids_of(prev, false, &npu);
	pg = ids_of(prev, true, &npg);
	if (store_org_refs(st, &refs, e)) {
		store_org_refs_release(&refs);
		free(pu);
		free(pg);
		return -1;
	}
	next_unit = refs.max_unit_id;
	next_group = refs.max_group_id;
	for (size_t i = 0; i < refs.n; i++) {
		char *key;
		struct strmap *m = refs.v[i].group ? &tomb_groups : &tomb_units;

		if (refs.v[i].listed || !(key = utf8_match_key(refs.v[i].name)))
			continue;
		if (!strmap_get(m, key, NULL))
			strmap_put(m, key, refs.v[i].id);
		free(key);
	}
	for (size_t i = 0; i < next->nunits; i++) {
		struct unit *u = &next->units[i];

		if (id_find(pu, npu, u->id) >= 0)
			continue;
		if (strmap_get(&tomb_units, u->key, &v) && v > 0) {
			u->id = v;
			strmap_put(&tomb_units, u->key, 0);
		} else {
			u->id = ++next_unit;
		}
	}
	for (size_t i = 0; i < next->ngroups; i++) {
		struct unit_group *g = &next->groups[i];

		if (id_find(pg, npg, g->id) >= 0)
			continue;
		if (strmap_get(&tomb_groups, g->key, &v) && v > 0) {
			g->id = v;
			strmap_put(&tomb_groups, g->key, 0);
		} else {
			g->id = ++next_group;
		}
	}
	store_org_refs_release(&refs);
	strmap_release(&tomb_units);
	strmap_release(&tomb_groups);
	free(pu);
	free(pg);
	return 0;
}

static int64_t parent_id(const struct directory *d, const struct unit *u)
{
	return u->parent >= 0 ? d->units[u->parent].id : 0;
}

static bool unit_same(const struct directory *a, const struct unit *x, const struct directory *b,
		      const struct unit *y)
{
	if (strcmp(x->name, y->name) || x->kind != y->kind || x->active != y->active ||
	    x->naliases != y->naliases || parent_id(a, x) != parent_id(b, y))
		return false;
	for (size_t i = 0; i < x->naliases; i++)
		if (strcmp(x->aliases[i], y->aliases[i]))
			return false;
	return true;
}

static bool group_same(const struct directory *a, const struct unit_group *x,
		       const struct directory *b, const struct unit_group *y)
{
	if (strcmp(x->name, y->name) || x->nmembers != y->nmembers ||
	    x->naliases != y->naliases)
		return false;
	for (size_t i = 0; i < x->nmembers; i++)
		if (a->units[x->members[i]].id != b->units[y->members[i]].id)
			return false;
	for (size_t i = 0; i < x->naliases; i++)
		if (strcmp(x->aliases[i], y->aliases[i]))
			return false;
	return true;
}

static void count_changes(const struct directory *prev, const struct directory *next,
			  struct svc_directory_import *out)
{
	size_t npu, npg, nnu, nng;
	struct id_at *pu = ids_of(prev, false, &npu), *pg = ids_of(prev, true, &npg);
	struct id_at *nu = ids_of(next, false, &nnu), *ng = ids_of(next, true, &nng);

	for (size_t i = 0; i < next->nunits; i++) {
		long p = id_find(pu, npu, next->units[i].id);
		if (p < 0)
			out->units_added++;
		else if (!unit_same(prev, &prev->units[p], next, &next->units[i]))
			out->units_changed++;
	}
	for (size_t i = 0; i < prev->nunits; i++)
		if (id_find(nu, nnu, prev->units[i].id) < 0)
			out->units_dropped++;
	for (size_t i = 0; i < next->ngroups; i++) {
		long p = id_find(pg, npg, next->groups[i].id);
		if (p < 0)
			out->groups_added++;
		else if (!group_same(prev, &prev->groups[p], next, &next->groups[i]))
			out->groups_changed++;
	}
	for (size_t i = 0; i < prev->ngroups; i++)
		if (id_find(ng, nng, prev->groups[i].id) < 0)
			out->groups_dropped++;
	free(pu);
	free(pg);
	free(nu);
	free(ng);
}

/* Derive every stored plan again with `dir`. */
static int derive_all(struct store *st, const struct directory *dir,
		      struct svc_derive_stats *stats, struct err *e)
{
	struct store_plan_list pl;
	int rc = -1;

	store_plan_list_init(&pl);
	if (store_plan_list(st, &pl, e))
		goto out;
	for (size_t i = 0; i < pl.n; i++) {
		struct plan_doc doc;
		int r;

		plan_doc_init(&doc);
		r = store_plan_load(st, pl.v[i].id, &doc, e) ||
		    derive_plan(st, dir, pl.v[i].id, &doc, false, stats, e);
		plan_doc_release(&doc);
		if (r)
			goto out;
	}
	rc = 0;
out:
	store_plan_list_release(&pl);
	return rc;
}

/* The directory as the audit log records it: its two CSV files' text. */
static json_t *directory_json(const struct directory *d)
{
	struct strbuf units = STRBUF_INIT, groups = STRBUF_INIT;
	json_t *j;

	directory_csv_write_units(d, &units);
	directory_csv_write_groups(d, &groups);
	j = json_pack("{s:s%, s:s%}", "units_csv", units.buf, units.len, "groups_csv",
		      groups.buf, groups.len);
	strbuf_release(&units);
	strbuf_release(&groups);
	return j;
}

/* Audit a directory import just written, inside its transaction. */
static int audit_directory(struct store *st, const struct svc_actor *actor,
			   const struct directory *prev, bool had_directory,
			   const struct directory *next, const struct svc_derive_stats *d,
			   struct err *e)
{
	json_t *before = had_directory ? directory_json(prev) : NULL;
	json_t *after = directory_json(next);
	int rc;

	json_object_set_new(after, "assignments",
			    json_pack("{s:I, s:I, s:I, s:I}", "kept", (json_int_t)d->kept,
				      "updated", (json_int_t)d->updated, "added",
				      (json_int_t)d->added, "retired", (json_int_t)d->retired));
	rc = audit_append(st, actor, "directory.import", "directory", before, after, e);
	json_decref(before);
	json_decref(after);
	return rc;
}

int svc_directory_import(struct store *st, const struct directory_csv_input *in, size_t n,
			 const struct svc_actor *actor, struct svc_directory_import *out,
			 struct err *e)
{
	struct directory prev, next;
	struct svc_unverified unv;
	int rc = -1;

	directory_init(&prev);
	directory_init(&next);
	svc_unverified_init(&unv);
	if (!n) {
		err_set(e, ERR_USAGE, "没有要导入的单位名录文件");
		goto out;
	}
	if (store_begin(st, e))
		goto out;
	if (store_directory_load(st, &prev, e))
		goto out;
	out->had_directory = prev.nunits || prev.ngroups;
	if (read_inputs(&prev, in, n, &next, &out->notes, e))
		goto out;
	directory_carry_ids(&next, &prev);
	if (settle_ids(st, &prev, &next, e))
		goto out;
	count_changes(&prev, &next, out);
	if (store_directory_save(st, &next, e) || derive_all(st, &next, &out->derive, e) ||
	    svc_unverified_list(st, 0, &unv, e))
		goto out;
	out->unverified_names = unv.n;
	if (audit_directory(st, actor, &prev, out->had_directory, &next, &out->derive, e) ||
	    store_commit(st, e))
		goto out;
	directory_release(&out->dir);
	out->dir = next;
	directory_init(&next);
	rc = 0;
out:
	store_rollback(st);	/* a no-op after a commit */
	directory_release(&prev);
	directory_release(&next);
	svc_unverified_release(&unv);
	return rc;
}

int svc_directory_import_files(struct store *st, const char *const *paths, size_t n,
			       const struct svc_actor *actor, struct svc_directory_import *out,
			       struct err *e)
{
	struct strbuf *bufs = xcalloc(n ? n : 1, sizeof(*bufs));
	struct directory_csv_input *in = xcalloc(n ? n : 1, sizeof(*in));
	int rc = -1;

	for (size_t i = 0; i < n; i++) {
		strbuf_init(&bufs[i], 0);
		if (fileio_read(paths[i], DIRECTORY_CSV_MAX_BYTES, &bufs[i], e))
			goto out;
		in[i].data = bufs[i].buf;
		in[i].len = bufs[i].len;
		in[i].source_name = paths[i];
	}
	rc = svc_directory_import(st, in, n, actor, out, e);
out:
	for (size_t i = 0; i < n; i++)
		strbuf_release(&bufs[i]);
	free(bufs);
	free(in);
	return rc;
}

int svc_directory_load(struct store *st, struct directory *d, struct err *e)
{
	return store_directory_load(st, d, e);
}

int svc_directory_export(struct store *st, struct strbuf *units_csv, struct strbuf *groups_csv,
			 struct err *e)
{
	struct directory d;

	directory_init(&d);
	if (store_directory_load(st, &d, e)) {
		directory_release(&d);
		return -1;
	}
	if (units_csv)
		directory_csv_write_units(&d, units_csv);
	if (groups_csv)
		directory_csv_write_groups(&d, groups_csv);
	directory_release(&d);
	return 0;
}

/* ---- reading assignments ---- */

int svc_task_assignments(struct store *st, int64_t plan_id, int no,
			 struct store_assignment_list *out, struct err *e)
{
	struct store_assignment_filter f = { .plan_id = plan_id, .task_no = no,
					     .with_retired = true };

	if (!plan_id || no < 0)
		return err_set(e, ERR_INTERNAL, "内部错误：未指定清单或任务");
	return store_assignments_list(st, &f, out, e);
}

void svc_unverified_init(struct svc_unverified *u)
{
	memset(u, 0, sizeof(*u));
	store_assignment_list_init(&u->rows);
}

void svc_unverified_release(struct svc_unverified *u)
{
	for (size_t i = 0; i < u->n; i++)
		free(u->v[i].rows);
	free(u->v);
	store_assignment_list_release(&u->rows);
	svc_unverified_init(u);
}

/* Match key of a name; a name that is not valid UTF-8 is its own key. */
static char *key_of(const char *s)
{
	char *k = utf8_match_key(s);

	return k ? k : xstrdup(s);
}

int svc_unverified_list(struct store *st, int64_t plan_id, struct svc_unverified *out,
			struct err *e)
{
	struct store_assignment_filter f = { .plan_id = plan_id, .unverified = true };
	struct strmap names;
	size_t *which = NULL, alloc = 0;

	if (store_assignments_list(st, &f, &out->rows, e))
		return -1;
	strmap_init(&names);
	which = xmalloc((out->rows.n ? out->rows.n : 1) * sizeof(*which));
	/* First pass: each row's name, counting rows per name. */
	for (size_t i = 0; i < out->rows.n; i++) {
		char *key = key_of(out->rows.v[i].a.written);
		int64_t k;

		if (!strmap_get(&names, key, &k)) {
			ALLOC_GROW(out->v, out->n + 1, alloc);
			memset(&out->v[out->n], 0, sizeof(out->v[out->n]));
			out->v[out->n].name = out->rows.v[i].a.written;
			k = (int64_t)out->n++;
			strmap_put(&names, key, k);
		}
		free(key);
		which[i] = (size_t)k;
		out->v[k].n++;
	}
	for (size_t k = 0; k < out->n; k++) {
		out->v[k].rows = xmalloc(out->v[k].n * sizeof(*out->v[k].rows));
		out->v[k].n = 0;
	}
	for (size_t i = 0; i < out->rows.n; i++) {
		struct svc_unverified_name *nm = &out->v[which[i]];
		nm->rows[nm->n++] = &out->rows.v[i];
	}
	free(which);
	strmap_release(&names);
	return 0;
}

int svc_directory_unit_stats(struct store *st, int64_t plan_id, struct directory *d,
			     struct svc_dir_unit_stat **out, struct err *e)
{
	struct store_assignment_filter f = { .plan_id = plan_id };
	struct store_assignment_list l;
	struct id_at *ids = NULL;
	size_t nids;
	int rc = -1;

	*out = NULL;
	store_assignment_list_init(&l);
	if (store_directory_load(st, d, e))
		goto out;
	*out = xcalloc(d->nunits ? d->nunits : 1, sizeof(**out));
	if (!d->nunits) {
		rc = 0;	/* no directory: nothing to count */
		goto out;
	}
	if (store_assignments_list(st, &f, &l, e))
		goto out;
	ids = ids_of(d, false, &nids);
	for (size_t i = 0; i < l.n; i++) {
		long u;

		if (!l.v[i].a.unit_id || (u = id_find(ids, nids, l.v[i].a.unit_id)) < 0)
			continue;
		if (l.v[i].a.role == ASSIGN_LEAD)
			(*out)[u].nlead++;
		else
			(*out)[u].nco++;
	}
	rc = 0;
out:
	free(ids);
	store_assignment_list_release(&l);
	return rc;
}

void svc_unit_view_init(struct svc_unit_view *v)
{
	memset(v, 0, sizeof(*v));
	directory_init(&v->dir);
	store_assignment_list_init(&v->rows);
	v->unit = -1;
}

void svc_unit_view_release(struct svc_unit_view *v)
{
	directory_release(&v->dir);
	store_assignment_list_release(&v->rows);
	svc_unit_view_init(v);
}

/* "各县（市、区）政府" is a group: say so, with its members. */
static int refuse_group(const struct directory *d, size_t gi, const char *name, struct err *e)
{
	const struct unit_group *g = &d->groups[gi];
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < g->nmembers && i < 12; i++)
		strbuf_addf(&sb, "%s%s", i ? "、" : "", d->units[g->members[i]].name);
	if (g->nmembers > 12)
		strbuf_addstr(&sb, "等");
	err_set(e, ERR_INPUT, "“%s”是单位分组“%s”（%zu 个成员：%s），请指定其中一个单位", name,
		g->name, g->nmembers, g->nmembers ? sb.buf : "无");
	strbuf_release(&sb);
	return -1;
}

int svc_unit_view(struct store *st, const char *name, int64_t plan_id,
		  struct svc_unit_view *out, struct err *e)
{
	struct resolution res;

	if (store_directory_load(st, &out->dir, e))
		return -1;
	directory_resolve(&out->dir, name, &res);
	out->rule = res.rule;
	if (res.target == RESOLVE_TO_GROUP)
		return refuse_group(&out->dir, res.index, name, e);
	if (res.target == RESOLVE_TO_UNIT) {
		struct store_assignment_filter f = { .plan_id = plan_id,
						     .unit_id = out->dir.units[res.index].id };

		out->unit = (long)res.index;
		out->name = out->dir.units[res.index].name;
		return store_assignments_list(st, &f, &out->rows, e);
	}
	/* Not in the directory: perhaps an unverified name of the plan. */
	{
		struct store_assignment_filter f = { .plan_id = plan_id, .unverified = true };
		char *key = utf8_match_key(name);
		size_t kept = 0;

		if (!key)
			return err_set(e, ERR_INPUT, "单位名称不是有效的 UTF-8 文本");
		if (store_assignments_list(st, &f, &out->rows, e)) {
			free(key);
			return -1;
		}
		for (size_t i = 0; i < out->rows.n; i++) {
			char *k = key_of(out->rows.v[i].a.written);

			if (!strcmp(k, key))
				out->rows.v[kept++] = out->rows.v[i];
			free(k);
		}
		free(key);
		out->rows.n = kept;
		if (!kept)
			return err_set(e, ERR_NOT_FOUND,
				       "单位名录中没有“%s”，清单中也没有这样写的责任单位", name);
		out->name = out->rows.v[0].a.written;
	}
	return 0;
}
