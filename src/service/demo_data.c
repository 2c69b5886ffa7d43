/* `duban demo-data`: plausible sample sign-offs, reports, reviews, disputes and extensions, all marked sample. */
#include "service/report_service.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/directory_service.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

/*
 * Every assignment of the plan gets its own pseudo-random stream, seeded
 * from (seed, assignment id), so the result does not depend on the order
 * of work and the same seed always gives the same data.  Each assignment
 * draws a profile (ahead, on track, lagging, far behind, silent) that sets
 * its pace against 序时进度 and how often it misses a report; events come
 * only up to `as_of`.  Assignments that already have records of their own
 * are left alone.
 */

#define OFFICE "demo:督查室"

enum profile { P_AHEAD, P_ON, P_LAG, P_FAR, P_SILENT };

struct rng {
	uint64_t s;
};

static uint64_t next64(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15u);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double unif(struct rng *r)
{
	return (double)(next64(r) >> 11) / 9007199254740992.0;
}

/* Uniform integer in [lo, hi]. */
static int between(struct rng *r, int lo, int hi)
{
	return lo + (int)(unif(r) * (hi - lo + 1));
}

static const char *pick(struct rng *r, const char *const *v, size_t n)
{
	return v[(size_t)(unif(r) * (double)n) % n];
}

#define PICK(r, v) pick((r), (v), sizeof(v) / sizeof(*(v)))

static struct date add_days(struct date d, long n)
{
	return date_from_days(date_to_days(d) + n);
}

struct demo {
	struct store *st;
	const struct plan_doc *doc;
	struct calendar cal;
	struct date as_of, start;
	unsigned long seed;
	struct directory dir;
	struct store_facts facts;
	struct svc_demo_stats *stats;
	struct arena arena;	/* texts, per run */
	/* The current task's stored assignments, and units reassigned to in this run. */
	const struct store_assignment_row *task_rows;
	size_t ntask_rows;
	struct { int64_t task_id, unit_id; } *moved;
	size_t nmoved, moved_alloc;
};

static const char *const actions[] = {
	"召开专题推进会%d次，逐项梳理任务完成节点",
	"协调解决用地、资金等难点问题%d个",
	"开展实地督导检查%d次，压实各环节责任",
	"推动%d个子项目按计划实施",
	"细化分解任务清单，明确%d个责任科室和完成时限",
	"组织相关单位会商%d次，形成工作合力",
};

static const char *const problems_ok[] = {
	"个别环节推进节奏有待加快。",
	"部分基础数据统计口径需进一步统一。",
	"",
};

static const char *const problems_lag[] = {
	"项目前期手续办理周期较长，部分环节进度滞后。",
	"资金到位不及时，影响工程推进。",
	"受疫情影响，部分施工人员和材料未能按期到位。",
	"部分配合单位衔接不够紧密，协调成本较高。",
	"用地、环评等要素保障压力较大。",
	"市场主体投资意愿偏弱，签约项目落地较慢。",
};

static const char *const next_steps[] = {
	"下月将加大调度力度，确保完成序时进度。",
	"继续跟踪问效，及时协调解决存在问题。",
	"倒排工期、挂图作战，力争按期完成。",
	"加强与配合单位沟通对接，形成工作合力。",
	"建立周调度机制，逐项销号推进。",
};

static const char *const dispute_reasons[] = {
	"该项工作不在我单位职能范围内，建议由主管部门承办。",
	"我单位仅承担配合职责，不宜作为该项任务的责任单位。",
	"机构改革后相关职能已划转，请重新明确承办单位。",
};

static const char *const return_reasons[] = {
	"完成情况表述笼统，缺少量化数据，请补充后重新报送。",
	"所报进度与实地核查情况不符，请核实后重报。",
	"未说明存在问题及下步打算，请补充完善。",
};

static const char *const extension_reasons[] = {
	"受项目审批周期影响，按原定时限完成存在困难，申请延期。",
	"配套资金尚未全部到位，申请适当延长完成时限。",
	"受疫情及汛期影响，工程建设周期延长，申请延期。",
};

/* The task's text up to its first clause break, at most `max` characters. */
static const char *first_clause(struct demo *d, const char *text, size_t max)
{
	size_t len = strlen(text), at = 0, chars = 0;

	while (at < len && chars < max) {
		uint32_t cp;
		size_t n = utf8_decode(text + at, len - at, &cp);

		if (!n || cp == 0xFF0C /* ， */ || cp == 0x3002 /* 。 */ || cp == 0xFF1B /* ； */ ||
		    cp == 0x3001 /* 、 */ || cp == ',' || cp == ';')
			break;
		at += n;
		chars++;
	}
	return arena_strndup(&d->arena, text, at);
}

/* 序时进度 (linear) at the end of day `day`, in percent. */
static double expected(const struct demo *d, struct date day, struct date due)
{
	long a = date_to_days(d->start), b = date_to_days(due), x = date_to_days(day);

	if (b < a)
		return 100;
	if (x < a)
		return 0;
	if (x >= b)
		return 100;
	return 100.0 * (double)(x - a + 1) / (double)(b - a + 1);
}

static enum likelihood guess_likelihood(struct rng *r, enum profile p, double percent)
{
	double u = unif(r);

	if (percent >= 100)
		return LIKELIHOOD_HIGH;
	switch (p) {
	case P_AHEAD:
	case P_ON:
		return u < 0.7 ? LIKELIHOOD_HIGH : u < 0.95 ? LIKELIHOOD_LIKELY : LIKELIHOOD_DOUBT;
	case P_LAG:
		/* Some lagging units stay optimistic: the engine shows the disagreement. */
		return u < 0.25 ? LIKELIHOOD_HIGH : u < 0.7 ? LIKELIHOOD_LIKELY : LIKELIHOOD_DOUBT;
	case P_FAR:
		return u < 0.15 ? LIKELIHOOD_LIKELY : u < 0.65 ? LIKELIHOOD_DOUBT : LIKELIHOOD_UNLIKELY;
	case P_SILENT:
		break;
	}
	return u < 0.5 ? LIKELIHOOD_LIKELY : LIKELIHOOD_DOUBT;
}

/* Values reached for the task's targets at `percent` of the work. */
static void make_values(struct demo *d, struct rng *r, const struct task *t, double percent,
			struct store_report *rp)
{
	struct store_report_value *v;
	size_t n = 0;

	if (!t->ntargets || unif(r) < 0.35)
		return;
	v = arena_alloc(&d->arena, t->ntargets * sizeof(*v));
	for (size_t i = 0; i < t->ntargets; i++) {
		const struct target *g = &t->targets[i];
		double actual;

		if (!strcmp(g->unit, "%"))	/* a rate: reached or not, not accumulated */
			actual = g->value * (0.8 + 0.25 * unif(r));
		else
			actual = g->value * percent / 100.0 * (0.9 + 0.2 * unif(r));
		v[n].seq = (int)i + 1;
		v[n++].actual = round(actual * 100) / 100;
	}
	rp->values = v;
	rp->nvalues = n;
}

static const char *progress_text(struct demo *d, struct rng *r, const struct task *t,
				 double percent, bool revised)
{
	char action[160];

	snprintf(action, sizeof(action), PICK(r, actions), between(r, 1, 6));
	return arena_printf(&d->arena, "%s围绕“%s”，本期%s，累计完成年度目标任务的 %g%%。",
			    revised ? "（补充完善）" : "", first_clause(d, t->text, 24), action,
			    percent);
}

/* A unit the office may hand a disputed task to: active, same kind, not on the task yet. */
static const struct unit *reassign_to(struct demo *d, struct rng *r,
				      const struct store_assignment_row *a)
{
	long ui = a->a.unit_id ? directory_unit_by_id(&d->dir, a->a.unit_id) : -1;

	if (ui < 0)
		return NULL;
	for (size_t tries = 0; tries < 40; tries++) {
		const struct unit *c = &d->dir.units[(size_t)(unif(r) * (double)d->dir.nunits) %
						     d->dir.nunits];
		bool taken = !c->active || c->kind != d->dir.units[ui].kind;

		for (size_t i = 0; i < d->ntask_rows && !taken; i++)
			taken = d->task_rows[i].a.unit_id == c->id;
		for (size_t i = 0; i < d->nmoved && !taken; i++)
			taken = d->moved[i].task_id == a->a.task_id && d->moved[i].unit_id == c->id;
		if (!taken)
			return c;
	}
	return NULL;
}

enum handover_outcome {
	H_SIGNED,	/* *signed_on set */
	H_WAITING,	/* not signed (yet), or the dispute is still open */
	H_REASSIGNED	/* *moved is the assignment created for another unit */
};

/* Sign-for, or a dispute and the office's decision on it. */
static int demo_handover(struct demo *d, struct rng *r, const struct store_assignment_row *a,
			 struct date handed, bool may_dispute, struct date *signed_on,
			 struct store_assignment_row *moved, enum handover_outcome *out,
			 struct err *e)
{
	struct store_signoff so;
	struct date day;
	double u = unif(r);

	*out = H_WAITING;
	*signed_on = DATE_NONE;
	if (may_dispute && u < 0.04 && date_cmp(add_days(handed, 3), d->as_of) <= 0) {
		struct store_dispute dp;
		const struct unit *to;

		memset(&dp, 0, sizeof(dp));
		dp.assignment_id = a->a.id;
		dp.reason = PICK(r, dispute_reasons);
		dp.raised_by = arena_printf(&d->arena, "demo:%s", a->a.unit_name);
		dp.raised_on = add_days(handed, between(r, 1, 3));
		dp.sample = true;
		if (store_dispute_insert(d->st, &dp, e))
			return -1;
		d->stats->disputes++;
		dp.decided_on = add_days(dp.raised_on, between(r, 3, 8));
		if (date_cmp(dp.decided_on, d->as_of) > 0)
			return 0;	/* still open */
		dp.decided_by = OFFICE;
		to = unif(r) < 0.45 ? reassign_to(d, r, a) : NULL;
		if (to) {
			struct assignment na = a->a;

			na.id = 0;
			na.unit_id = to->id;
			na.via_group_id = 0;
			na.flags = 0;
			if (store_assignments_insert(d->st, &na, 1, e) ||
			    store_assignment_retire(d->st, a->a.id, e))
				return -1;
			dp.decision = STORE_DISPUTE_REASSIGNED;
			dp.new_assignment_id = na.id;
			dp.decision_note = arena_printf(&d->arena, "经研究，该项任务改由%s承办。",
							to->name);
			if (store_dispute_decide(d->st, &dp, e))
				return -1;
			d->stats->reassigned++;
			ALLOC_GROW(d->moved, d->nmoved + 1, d->moved_alloc);
			d->moved[d->nmoved].task_id = a->a.task_id;
			d->moved[d->nmoved++].unit_id = to->id;
			*moved = *a;
			moved->a = na;
			moved->a.unit_name = to->name;
			moved->group_name = NULL;
			*signed_on = dp.decided_on;	/* the new unit's hand-over */
			*out = H_REASSIGNED;
			return 0;
		}
		dp.decision = STORE_DISPUTE_CONFIRMED;
		dp.decision_note = "经研究，该项任务仍由你单位承办，请及时签收并抓好落实。";
		if (store_dispute_decide(d->st, &dp, e))
			return -1;
		handed = dp.decided_on;
	}
	u = unif(r);
	if (u < 0.03)
		return 0;	/* never signs */
	day = add_days(handed, u < 0.9 ? between(r, 0, 3) : between(r, 5, 18));
	if (date_cmp(day, d->as_of) > 0)
		return 0;
	memset(&so, 0, sizeof(so));
	so.assignment_id = a->a.id;
	so.on = day;
	so.by = arena_printf(&d->arena, "demo:%s", a->a.unit_name);
	so.note = "";
	so.sample = true;
	if (store_signoff_insert(d->st, &so, e))
		return -1;
	d->stats->signed_for++;
	*signed_on = day;
	*out = H_SIGNED;
	return 0;
}

static int demo_review(struct demo *d, struct rng *r, struct store_report *rp,
		       enum review_state decision, struct date on, struct err *e)
{
	struct store_review rv = { rp->id, decision, "", OFFICE, on, true };

	if (decision == REVIEW_RETURNED)
		rv.reason = PICK(r, return_reasons);
	else if (unif(r) < 0.3)
		rv.reason = "同意。";
	if (store_review_insert(d->st, &rv, e))
		return -1;
	if (decision == REVIEW_RETURNED)
		d->stats->returned++;
	return 0;
}

/* Reports, reviews, an extension and perhaps 销号 for one signed assignment. */
static int demo_reports(struct demo *d, struct rng *r, const struct store_assignment_row *a,
			const struct task *t, struct date from, struct err *e)
{
	struct period periods[64];
	size_t np = calendar_periods(&d->cal, d->as_of, periods, 64);
	struct date due = svc_task_due(t, d->doc->plan.year), verified_by = DATE_NONE;
	double u = unif(r), pace, percent = 0, miss;
	enum profile p;
	bool extended = false, done = false;
	const char *author = arena_printf(&d->arena, "demo:%s", a->a.unit_name);
	const char *problems = "";

	if (np > 64)
		np = 64;
	p = u < 0.15 ? P_AHEAD : u < 0.63 ? P_ON : u < 0.85 ? P_LAG : u < 0.95 ? P_FAR : P_SILENT;
	pace = p == P_AHEAD ? 1.05 + 0.25 * unif(r)
	     : p == P_ON    ? 0.93 + 0.1 * unif(r)
	     : p == P_LAG   ? 0.62 + 0.2 * unif(r)
	     : p == P_FAR   ? 0.3 + 0.25 * unif(r)
			    : 0.5 + 0.3 * unif(r);
	miss = p == P_SILENT ? 0.65 : p == P_FAR ? 0.15 : p == P_LAG ? 0.08 : 0.03;
	for (size_t i = 0; i < np && !done; i++) {
		struct date pdue = calendar_due(&d->cal, periods[i]), sub, rev;
		struct store_report rp;
		double want;

		sub = add_days(pdue, unif(r) < 0.08 ? between(r, 1, 9) : -between(r, 0, 6));
		if (date_cmp(sub, from) < 0 || date_cmp(sub, d->as_of) > 0)
			continue;
		if (unif(r) < miss)
			continue;
		want = expected(d, period_end(periods[i]), due) * pace + 6 * (unif(r) - 0.5);
		if (want > percent)
			percent = want;
		if (percent > 100 || (p == P_AHEAD && percent > 96))
			percent = 100;
		percent = round(percent);
		if (p == P_LAG || p == P_FAR || p == P_SILENT)
			problems = PICK(r, problems_lag);
		else if (!*problems || unif(r) < 0.4)
			problems = PICK(r, problems_ok);
		memset(&rp, 0, sizeof(rp));
		rp.assignment_id = a->a.id;
		rp.period = periods[i];
		rp.percent = percent;
		rp.progress = progress_text(d, r, t, percent, false);
		rp.problems = problems;
		rp.next_steps = percent >= 100 ? "巩固工作成果，做好总结验收。" : PICK(r, next_steps);
		rp.likelihood = guess_likelihood(r, p, percent);
		rp.author = author;
		rp.submitted_on = sub;
		rp.sample = true;
		make_values(d, r, t, percent, &rp);
		if (store_report_insert(d->st, &rp, e))
			return -1;
		d->stats->reports++;

		/* The office reviews most reports within days; a few go back. */
		rev = add_days(sub, between(r, 1, 5));
		if (unif(r) < 0.88 && date_cmp(rev, d->as_of) <= 0) {
			bool back = unif(r) < 0.07;

			if (demo_review(d, r, &rp, back ? REVIEW_RETURNED : REVIEW_ACCEPTED, rev, e))
				return -1;
			if (back) {
				struct date again = add_days(rev, between(r, 1, 4));

				if (date_cmp(again, d->as_of) > 0)
					continue;	/* not yet resubmitted */
				rp.id = 0;
				rp.progress = progress_text(d, r, t, percent, true);
				rp.submitted_on = again;
				if (!*rp.problems)
					rp.problems = PICK(r, problems_ok);
				if (store_report_insert(d->st, &rp, e))
					return -1;
				d->stats->reports++;
				rev = add_days(again, between(r, 1, 4));
				if (date_cmp(rev, d->as_of) <= 0 &&
				    demo_review(d, r, &rp, REVIEW_ACCEPTED, rev, e))
					return -1;
			}
			if (percent >= 100 && date_cmp(rev, d->as_of) <= 0)
				verified_by = add_days(rev, between(r, 2, 15));
		}
		if (percent >= 100)
			done = true;

		/* A unit far behind may ask for more time, before the due date. */
		if (!extended && (p == P_FAR || p == P_LAG) && unif(r) < 0.06) {
			struct store_extension x;
			struct date req = add_days(sub, between(r, 0, 3));

			extended = true;
			if (date_cmp(req, d->as_of) > 0 || date_cmp(req, due) > 0)
				continue;
			memset(&x, 0, sizeof(x));
			x.assignment_id = a->a.id;
			x.old_due = due;
			x.new_due = date_month_end(due.m >= 10 ? due.y + 1 : due.y,
						   (due.m + between(r, 1, 3) - 1) % 12 + 1);
			if (date_cmp(x.new_due, due) <= 0)
				x.new_due = add_days(due, 90);
			x.reason = PICK(r, extension_reasons);
			x.requested_by = author;
			x.requested_on = req;
			x.state = EXT_PENDING;
			x.sample = true;
			if (store_extension_insert(d->st, &x, e))
				return -1;
			d->stats->extensions++;
			x.decided_on = add_days(req, between(r, 3, 10));
			if (date_cmp(x.decided_on, d->as_of) > 0)
				continue;	/* still pending */
			x.decided_by = OFFICE;
			if (unif(r) < 0.7) {
				x.state = EXT_APPROVED;
				x.approved_due = x.new_due;
				x.decision_note = "同意延期，请按新的时限倒排工期。";
			} else {
				x.state = EXT_REFUSED;
				x.decision_note = "理由不充分，请按原定时限推进。";
			}
			if (store_extension_decide(d->st, &x, e))
				return -1;
		}
	}
	if (date_is_set(verified_by) && date_cmp(verified_by, d->as_of) <= 0 && unif(r) < 0.5) {
		struct store_verification v = { a->a.id, verified_by, OFFICE,
						"经核验，任务已完成，予以销号。", NULL, true };

		if (store_verification_insert(d->st, &v, e))
			return -1;
		d->stats->verified++;
	}
	return 0;
}

static int demo_assignment(struct demo *d, const struct store_assignment_row *a,
			   const struct task *t, struct err *e)
{
	struct rng r = { (uint64_t)d->seed * 0x2545F4914F6CDD1Du ^ (uint64_t)a->a.id };
	struct date handed = svc_plan_handover(d->doc->plan.year, d->doc->plan.issued), day;
	struct store_assignment_row moved;
	enum handover_outcome out;

	(void)next64(&r);
	if (date_cmp(handed, d->as_of) > 0)
		return 0;
	d->stats->assignments++;
	if (demo_handover(d, &r, a, handed, true, &day, &moved, &out, e))
		return -1;
	if (out == H_REASSIGNED) {
		/* The new unit answers from the decision day on. */
		d->stats->assignments++;
		if (demo_handover(d, &r, &moved, day, false, &day, &moved, &out, e))
			return -1;
		a = &moved;
	}
	if (out != H_SIGNED)
		return 0;
	return demo_reports(d, &r, a, t, day, e);
}

/* Is `id` in the sorted v[0..n)? */
static bool contains(const int64_t *v, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo] == id;
}

static bool has_own_records(const struct store_facts *f, int64_t id)
{
	return contains(f->sign_of, f->nsigns, id) || contains(f->dispute_of, f->ndisputes, id) ||
	       contains(f->report_of, f->nreports, id) ||
	       contains(f->extension_of, f->nextensions, id) ||
	       contains(f->verify_of, f->nverifies, id);
}

int svc_demo_data(struct store *st, const struct svc_actor *actor, int64_t plan_id,
		  struct date as_of, unsigned long seed, struct svc_demo_stats *stats,
		  struct err *e)
{
	struct demo d;
	struct plan_doc doc;
	struct store_assignment_list rows;
	struct store_assignment_filter f = { 0 };
	struct store_reporting_counts counts;
	bool stored;
	size_t ti = 0;
	char object[48];
	json_t *after;
	int ret = -1;

	memset(stats, 0, sizeof(*stats));
	memset(&d, 0, sizeof(d));
	plan_doc_init(&doc);
	store_assignment_list_init(&rows);
	directory_init(&d.dir);
	store_facts_init(&d.facts);
	arena_init(&d.arena, 0);
	d.st = st;
	d.doc = &doc;
	d.as_of = as_of;
	d.seed = seed;
	d.stats = stats;
	if (!date_is_set(as_of)) {
		err_set(e, ERR_INTERNAL, "内部错误：没有给出截至日期");
		goto out;
	}
	if (store_begin(st, e) || store_plan_load(st, plan_id, &doc, e) ||
	    svc_calendar_get(st, plan_id, &d.cal, &stored, e) ||
	    store_reporting_counts(st, plan_id, d.cal.cadence, &counts, e))
		goto out;
	if (counts.nsample) {
		stats->skipped = true;
		ret = 0;
		goto out;
	}
	d.start = svc_plan_start(doc.plan.year, doc.plan.issued);
	if (!date_is_set(d.start)) {
		err_set(e, ERR_INPUT, "清单 %lld 没有年份和成文日期，无法生成示例数据",
			(long long)plan_id);
		goto out;
	}
	f.plan_id = plan_id;
	if (svc_directory_load(st, &d.dir, e) || store_facts_load(st, plan_id, &d.facts, e) ||
	    store_assignments_list(st, &f, &rows, e))
		goto out;
	for (size_t i = 0; i < rows.n; i++) {
		const struct store_assignment_row *a = &rows.v[i];

		while (ti < doc.ntasks && doc.tasks[ti].no < a->task_no)
			ti++;
		if (i == 0 || rows.v[i - 1].task_no != a->task_no) {
			d.task_rows = a;
			for (d.ntask_rows = 0; i + d.ntask_rows < rows.n &&
			     rows.v[i + d.ntask_rows].task_no == a->task_no; d.ntask_rows++)
				;
		}
		if (ti >= doc.ntasks || doc.tasks[ti].no != a->task_no ||
		    has_own_records(&d.facts, a->a.id))
			continue;
		if (demo_assignment(&d, a, &doc.tasks[ti], e))
			goto out;
	}
	after = json_object();
	{
		char day[DATE_ISO_LEN];

		date_format_iso(as_of, day);
		json_object_set_new(after, "as_of", json_string(day));
	}
	json_object_set_new(after, "seed", json_integer((json_int_t)seed));
	json_object_set_new(after, "assignments", json_integer((json_int_t)stats->assignments));
	json_object_set_new(after, "signed_for", json_integer((json_int_t)stats->signed_for));
	json_object_set_new(after, "disputes", json_integer((json_int_t)stats->disputes));
	json_object_set_new(after, "reassigned", json_integer((json_int_t)stats->reassigned));
	json_object_set_new(after, "reports", json_integer((json_int_t)stats->reports));
	json_object_set_new(after, "returned", json_integer((json_int_t)stats->returned));
	json_object_set_new(after, "extensions", json_integer((json_int_t)stats->extensions));
	json_object_set_new(after, "verified", json_integer((json_int_t)stats->verified));
	snprintf(object, sizeof(object), "plan:%lld", (long long)plan_id);
	ret = audit_append(st, actor, "demo.fill", object, NULL, after, e);
	json_decref(after);
	if (ret || store_commit(st, e)) {
		ret = -1;
		goto out;
	}
	ret = 0;
out:
	store_rollback(st);
	plan_doc_release(&doc);
	store_assignment_list_release(&rows);
	directory_release(&d.dir);
	store_facts_release(&d.facts);
	arena_release(&d.arena);
	free(d.moved);
	if (ret || stats->skipped) {
		bool skipped = stats->skipped;

		memset(stats, 0, sizeof(*stats));
		stats->skipped = skipped && !ret;
	}
	return ret;
}
