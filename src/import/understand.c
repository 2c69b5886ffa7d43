/* Understanding a task's text: time nodes become milestones, figures become targets. */
#include "import/understand.h"

#include <stdlib.h>
#include <string.h>

#include "import/targets.h"
#include "import/textscan.h"
#include "import/timenode.h"
#include "util/xalloc.h"
#include "util/banned.h"

struct tnode {
	size_t start, end;
	struct date due;
};

struct tnodes {
	struct tnode *v;
	size_t n, alloc;
	struct tnode inl[8];
};

static void tnodes_push(struct tnodes *ns, size_t start, size_t end, struct date due)
{
	if (ns->n == ns->alloc) {
		size_t na = ns->alloc * 2;

		if (ns->v == ns->inl) {
			struct tnode *nv = xreallocarray(NULL, na, sizeof(*nv));
			memcpy(nv, ns->inl, ns->n * sizeof(*nv));
			ns->v = nv;
		} else {
			ns->v = xreallocarray(ns->v, na, sizeof(*ns->v));
		}
		ns->alloc = na;
	}
	ns->v[ns->n].start = start;
	ns->v[ns->n].end = end;
	ns->v[ns->n].due = due;
	ns->n++;
}

static bool is_clause_end(const struct tscan *s, size_t i)
{
	return ts_is_delim(s->c[i].cp) && !(s->c[i].flags & TS_QUOTED);
}

static bool is_trailing_junk(const struct tscan *s, size_t i)
{
	uint32_t cp = s->c[i].cp;

	return ts_is_space(cp) || ts_is_delim(cp) || cp == 0x3001 /* 、 */ ||
	       cp == 0x548C /* 和 */ || cp == 0x53CA /* 及 */ || cp == 0x4E0E /* 与 */ ||
	       cp == 0x5E76 /* 并 */;
}

/* Words that may stand beside a time node without being what it governs. */
static const char32_t *const node_fillers[] = {
	U"力争", U"确保", U"争取", U"务必", U"必须", U"要", U"在", U"于", U"到", U"至", U"截至", U"并",
	U"和", U"均", U"全部", U"之前", U"以前",
};

/* Does [a, e) hold nothing but spaces and fillers? */
static bool only_fillers(const struct tscan *s, size_t a, size_t e)
{
	size_t i = a;

	while (i < e) {
		size_t m = ts_match_any(s, i, node_fillers,
					sizeof(node_fillers) / sizeof(node_fillers[0]), NULL);

		if (ts_is_space(s->c[i].cp))
			m = 1;
		if (!m || i + m > e)
			return false;
		i += m;
	}
	return true;
}

/* The phrase a time node governs: its clause, split between nodes sharing one. */
static void milestone_span(const struct tscan *s, const struct tnodes *ns, size_t k,
			   size_t *ts, size_t *te)
{
	const struct tnode *nd = &ns->v[k];
	size_t cs = nd->start, ce = nd->end;

	while (cs > 0 && !is_clause_end(s, cs - 1))
		cs--;
	while (ce < s->n && !is_clause_end(s, ce))
		ce++;
	if (k > 0 && ns->v[k - 1].end > cs)
		cs = nd->start;
	if (k + 1 < ns->n && ns->v[k + 1].start < ce)
		ce = ns->v[k + 1].start;
	/* "年底前，完成…": the node stands alone, it governs the next clause */
	if (only_fillers(s, cs, nd->start) && only_fillers(s, nd->end, ce) && ce < s->n && is_clause_end(s, ce) &&
	    !(k + 1 < ns->n && ns->v[k + 1].start < ce + 1)) {
		size_t e2 = ce + 1;

		while (e2 < s->n && !is_clause_end(s, e2))
			e2++;
		if (k + 1 < ns->n && ns->v[k + 1].start < e2)
			e2 = ns->v[k + 1].start;
		ce = e2;
	}
	cs = ts_skip_space(s, cs);
	while (ce > cs && is_trailing_junk(s, ce - 1))
		ce--;
	*ts = cs;
	*te = ce;
}

void understand_task(struct arena *a, struct task *t, int year)
{
	struct tscan s;
	struct tnodes ns;

	ns.v = ns.inl;
	ns.n = 0;
	ns.alloc = sizeof(ns.inl) / sizeof(ns.inl[0]);
	t->targets = NULL;
	t->ntargets = 0;
	t->milestones = NULL;
	t->nmilestones = 0;
	t->due = date_valid(year, 12, 31) ? (struct date){ year, 12, 31 } : DATE_NONE;
	if (!t->text || !*t->text)
		return;

	tscan_init(&s, t->text);
	for (size_t i = 0; i < s.n;) {
		struct date due;
		size_t len = timenode_may_start(s.c[i].cp) ? timenode_at(&s, i, year, &due) : 0;

		if (!len) {
			i++;
			continue;
		}
		for (size_t k = i; k < i + len; k++)
			s.c[k].flags |= TS_TIME;
		tnodes_push(&ns, i, i + len, due);
		i += len;
	}

	t->ntargets = targets_extract(&s, a, &t->targets);

	if (ns.n) {
		struct date latest = DATE_NONE;

		t->milestones = arena_zalloc(a, ns.n * sizeof(*t->milestones));
		for (size_t k = 0; k < ns.n; k++) {
			size_t ts, te;

			milestone_span(&s, &ns, k, &ts, &te);
			t->milestones[k].due = ns.v[k].due;
			t->milestones[k].text = arena_strndup(a, s.src + s.c[ts].off,
							      s.c[te].off - s.c[ts].off);
			if (!date_is_set(latest) || date_cmp(ns.v[k].due, latest) > 0)
				latest = ns.v[k].due;
		}
		t->nmilestones = ns.n;
		t->due = latest;
	}
	if (ns.v != ns.inl)
		free(ns.v);
	tscan_release(&s);
}
