/* The Excel ledger of a plan on a day (tasks, progress, colour, ladder level) and the assessment tables. */
#include "service/ledger_service.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/assess_service.h"
#include "service/plan_service.h"
#include "service/report_service.h"
#include "service/supervision_service.h"
#include "util/strbuf.h"
#include "util/banned.h"

void svc_ledger_init(struct svc_ledger *l)
{
	memset(l, 0, sizeof(*l));
	arena_init(&l->arena, 0);
}

void svc_ledger_release(struct svc_ledger *l)
{
	arena_release(&l->arena);
	svc_ledger_init(l);
}

static const char *join_units(struct arena *a, const struct task *t)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	for (size_t i = 0; i < t->nunits; i++)
		strbuf_addf(&sb, "%s%s", i ? "、" : "", t->units[i]);
	s = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return s;
}

static const char *targets_text(struct arena *a, const struct task *t)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	for (size_t i = 0; i < t->ntargets; i++)
		strbuf_addf(&sb, "%s%s", i ? "\n" : "", t->targets[i].text ? t->targets[i].text : "");
	s = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return s;
}

static const char *milestones_text(struct arena *a, const struct task *t)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	for (size_t i = 0; i < t->nmilestones; i++) {
		char d[DATE_ISO_LEN] = "";

		if (date_is_set(t->milestones[i].due))
			date_format_iso(t->milestones[i].due, d);
		strbuf_addf(&sb, "%s%s%s%s", i ? "\n" : "", d, *d ? " " : "",
			    t->milestones[i].text ? t->milestones[i].text : "");
	}
	s = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return s;
}

static int assessment_sheets(struct store *st, const char *spec, struct date as_of,
			     const struct status_config *cfg, int year, struct svc_ledger *out,
			     struct err *e)
{
	struct arena *a = &out->arena;
	struct svc_assessment as;
	struct svc_assess_opts o;
	struct xlsx_assess_row *rows;
	struct xlsx_assess_line *lines;
	size_t nlines = 0, k = 0;
	int ret = -1;

	memset(&o, 0, sizeof(o));
	o.year = year;
	o.plan_spec = spec;
	o.as_of = as_of;
	o.status_cfg = cfg;
	svc_assessment_init(&as);
	if (svc_assess(st, &o, &as, e))
		goto out;
	rows = arena_zalloc(a, (as.res.n ? as.res.n : 1) * sizeof(*rows));
	for (size_t i = 0; i < as.res.n; i++) {
		const struct assess_score *sc = &as.res.units[i];

		rows[i].rank = sc->rank;
		rows[i].unit = arena_strdup(a, sc->unit_name);
		rows[i].duty = sc->part_cp[PART_DUTY] / 100.0;
		rows[i].efficiency = sc->part_cp[PART_EFFICIENCY] / 100.0;
		rows[i].completion = sc->part_cp[PART_COMPLETION] / 100.0;
		rows[i].total = sc->total_cp / 100.0;
		nlines += sc->nlines;
	}
	lines = arena_zalloc(a, (nlines ? nlines : 1) * sizeof(*lines));
	for (size_t i = 0; i < as.res.n; i++) {
		const struct assess_score *sc = &as.res.units[i];
		const char *unit = rows[i].unit;

		for (size_t j = 0; j < sc->nlines; j++) {
			const struct assess_line *l = &sc->lines[j];
			char buf[1024];

			assess_line_format(l, buf, sizeof(buf));
			lines[k].unit = unit;
			lines[k].part = assess_part_label(l->part);
			lines[k].points = l->points_cp / 100.0;
			lines[k].event = arena_strdup(a, buf);
			k++;
		}
	}
	out->as.title = arena_printf(a, "%d年度目标责任考核（截至%d年%d月%d日，%s）", year,
				     as.res.as_of.y, as.res.as_of.m, as.res.as_of.d,
				     as.rules_from == SVC_RULES_STORED ? "已设置的考核规则"
								       : "默认考核规则");
	out->as.rows = rows;
	out->as.nrows = as.res.n;
	out->as.lines = lines;
	out->as.nlines = k;
	out->l.assessment = &out->as;
	ret = 0;
out:
	svc_assessment_release(&as);
	return ret;
}

int svc_ledger_build(struct store *st, const char *plan_spec, struct date as_of,
		     const struct status_config *cfg, int year, struct svc_ledger *out,
		     struct err *e)
{
	struct arena *a = &out->arena;
	struct svc_supervision sv;
	struct xlsx_ledger_row *rows;
	const struct plan *p;
	char spec[32];
	int64_t plan_id;
	int ret = -1;

	svc_supervision_init(&sv);
	if (svc_plan_resolve(st, plan_spec, &plan_id, e))
		goto out;
	snprintf(spec, sizeof(spec), "%lld", (long long)plan_id);
	if (svc_supervision_load(st, spec, as_of, cfg, &sv, e))
		goto out;
	p = &sv.st.doc.plan;
	rows = arena_zalloc(a, (sv.st.ntasks ? sv.st.ntasks : 1) * sizeof(*rows));
	for (size_t t = 0; t < sv.st.ntasks; t++) {
		const struct svc_status_task *tk = &sv.st.tasks[t];
		const struct task *task = tk->task;
		struct xlsx_ledger_row *r = &rows[t];
		const struct ladder_action *h;
		struct ladder_state ls;
		char marker[256];
		size_t hn;
		int hi = tk->ts.lead >= 0 ? tk->ts.lead : tk->ts.worst;

		r->no = task->no;
		r->section = task->section;
		r->text = task->text;
		r->lead_unit = task->nunits ? task->units[0] : "";
		r->units = join_units(a, task);
		r->targets = targets_text(a, task);
		r->milestones = milestones_text(a, task);
		r->progress = "";
		r->status = "";
		r->rag = tk->ts.rag;
		if (hi >= 0) {
			const struct svc_status_item *it = &sv.st.items[tk->first + (size_t)hi];
			const struct status *hs = &it->st;
			struct svc_assignment_record rec;
			const struct store_report *used;

			r->status = hs->schedule != SCHED_NONE ? schedule_label(hs->schedule)
								 : lifecycle_label(hs->lifecycle);
			svc_assignment_record_init(&rec);
			if (svc_assignment_record_load(st, 0, it->a->a.id, &rec, e)) {
				svc_assignment_record_release(&rec);
				goto out;
			}
			used = svc_report_in_use(&rec, as_of);
			if (used) {
				r->progress = arena_strdup(a, used->progress ? used->progress : "");
				r->has_percent = true;
				r->percent = used->percent;
			}
			svc_assignment_record_release(&rec);
		} else {
			r->status = tk->ts.n_withdrawn ? "已改派" : "无责任分工";
		}
		svc_supervision_task_state(&sv, t, &ls, &h, &hn);
		ladder_marker_short(&ls, marker, sizeof(marker));
		r->level = arena_strdup(a, marker);
	}
	out->l.title = arena_printf(a, "%s落实台账", p->title && *p->title ? p->title : "重点任务清单");
	out->l.issuer = p->issuer ? arena_strdup(a, p->issuer) : NULL;
	out->l.doc_no = p->doc_no ? arena_strdup(a, p->doc_no) : NULL;
	out->l.as_of = as_of;
	out->l.rows = rows;
	out->l.nrows = sv.st.ntasks;
	/* The rows point into the plan: keep copies of what lives in sv. */
	for (size_t t = 0; t < sv.st.ntasks; t++) {
		rows[t].section = arena_strdup(a, rows[t].section ? rows[t].section : "");
		rows[t].text = arena_strdup(a, rows[t].text ? rows[t].text : "");
		rows[t].lead_unit = arena_strdup(a, rows[t].lead_unit);
	}
	if (year && assessment_sheets(st, spec, as_of, cfg, year, out, e))
		goto out;
	ret = 0;
out:
	svc_supervision_release(&sv);
	return ret;
}
