/* The annual assessment from stored facts: rules per year, facts → assess_run, appeals filed and decided. */
#include "service/assess_service.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service/audit.h"
#include "util/fileio.h"
#include "util/strmap.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

static json_t *jdate(struct date d)
{
	char buf[DATE_ISO_LEN];

	if (!date_is_set(d))
		return json_null();
	date_format_iso(d, buf);
	return json_string(buf);
}

static int check_text(const char *s, const char *field, bool required, struct err *e)
{
	size_t n = s ? strlen(s) : 0;
	bool blank = true;

	if (s && !utf8_valid(s, n, NULL))
		return err_set(e, ERR_INPUT, "%s不是有效的 UTF-8 文本", field);
	if (n > SVC_RULES_MAX_BYTES)
		return err_set(e, ERR_INPUT, "%s过长：%zu 字节，上限 %d 字节", field, n,
			       SVC_RULES_MAX_BYTES);
	for (size_t i = 0; i < n && blank; i++)
		if (!strchr(" \t\r\n", s[i]))
			blank = false;
	if (required && blank)
		return err_set(e, ERR_INPUT, "%s不能为空", field);
	return 0;
}

/* ---- rules ---- */

int svc_assess_rules_load(const char *path, struct assess_config *cfg, struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	int rc = -1;

	assess_config_default(cfg);
	if (fileio_read(path, SVC_RULES_MAX_BYTES, &sb, e))
		goto out;
	if (memchr(sb.buf, '\0', sb.len) || !utf8_valid(sb.buf, sb.len, NULL)) {
		err_set(e, ERR_INPUT, "%s: 不是 UTF-8 文本文件", path);
		goto out;
	}
	if (assess_config_parse(cfg, sb.buf, fileio_basename(path), e))
		goto out;
	rc = 0;
out:
	strbuf_release(&sb);
	return rc;
}

static void write_config(const struct assess_config *cfg, struct strbuf *out)
{
	size_t need = assess_config_write(cfg, NULL, 0);

	strbuf_grow(out, need + 1);
	assess_config_write(cfg, out->buf + out->len, need + 1);
	strbuf_setlen(out, out->len + need);
}

int svc_assess_rules_get(struct store *st, int year, struct strbuf *text, bool *stored,
			 struct err *e)
{
	struct arena a = ARENA_INIT;
	struct store_assess_rules r;
	struct assess_config cfg;
	int rc = -1;

	arena_init(&a, 0);
	if (store_assess_rules_get(st, year, &a, &r, stored, e))
		goto out;
	if (*stored) {
		strbuf_addstr(text, r.text);
	} else {
		assess_config_default(&cfg);
		write_config(&cfg, text);
	}
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

int svc_assess_rules_set(struct store *st, const struct svc_rctx *rc, int year, const char *text,
			 const char *name, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct store_assess_rules old, r;
	struct assess_config cfg;
	json_t *before = NULL, *after = NULL;
	char object[32];
	bool found;
	int ret = -1;

	arena_init(&a, 0);
	if (rc->unit_id > 0) {
		err_set(e, ERR_DENIED, "考核规则由督查室设置，责任单位不能操作");
		goto out0;
	}
	if (year < 1900 || year > 2999) {
		err_set(e, ERR_INPUT, "年份 %d 无效", year);
		goto out0;
	}
	assess_config_default(&cfg);
	if (check_text(text, "考核规则", false, e) || assess_config_parse(&cfg, text, name, e) ||
	    store_begin(st, e))
		goto out0;
	if (store_assess_rules_get(st, year, &a, &old, &found, e))
		goto out;
	memset(&r, 0, sizeof(r));
	r.year = year;
	r.text = text;
	r.set_by = rc->actor->name;
	if (store_assess_rules_set(st, &r, e))
		goto out;
	if (found) {
		before = json_object();
		json_object_set_new(before, "year", json_integer(year));
		json_object_set_new(before, "rules", json_string(old.text));
	}
	after = json_object();
	json_object_set_new(after, "year", json_integer(year));
	json_object_set_new(after, "rules", json_string(text));
	snprintf(object, sizeof(object), "assess:%d", year);
	if (audit_append(st, rc->actor, "assess.rules", object, before, after, e) ||
	    store_commit(st, e))
		goto out;
	ret = 0;
out:
	store_rollback(st);
out0:
	json_decref(before);
	json_decref(after);
	arena_release(&a);
	return ret;
}

/* ---- facts ---- */

void svc_assessment_init(struct svc_assessment *a)
{
	memset(a, 0, sizeof(*a));
	svc_supervision_init(&a->sv);
	store_appeal_list_init(&a->appeals);
	arena_init(&a->arena, 0);
	arena_init(&a->res.arena, 0);
}

void svc_assessment_release(struct svc_assessment *a)
{
	svc_supervision_release(&a->sv);
	store_appeal_list_release(&a->appeals);
	assess_result_release(&a->res);
	arena_release(&a->arena);
	for (size_t u = 0; a->units && u < a->nunits; u++) {
		free((void *)a->units[u].assignments);
		free((void *)a->units[u].actions);
		free((void *)a->units[u].records);
	}
	free(a->units);
	free(a->ap);
	svc_assessment_init(a);
}

/* The key grouping an item's unit (as the status service sums units). */
static char *unit_key(const struct store_assignment_row *r)
{
	char *k = r->a.unit_id ? xasprintf("#%lld", (long long)r->a.unit_id)
			       : utf8_match_key(r->a.unit_name);

	return k ? k : xstrdup(r->a.unit_name);
}

/*
 * The report the verification of an assignment rested on: the latest
 * period's latest version submitted by `day` and not returned by then.
 */
static const struct report_fact *report_on(const struct assignment_facts *f, struct date day)
{
	const struct report_fact *use = NULL;
	size_t i = 0;

	while (i < f->nreports) {
		const struct report_fact *latest = NULL;
		struct period p = f->reports[i].period;

		for (; i < f->nreports && !period_cmp(f->reports[i].period, p); i++)
			if (date_cmp(f->reports[i].submitted_at, day) <= 0)
				latest = &f->reports[i];
		if (!latest)
			continue;
		if (latest->review == REVIEW_RETURNED && date_cmp(latest->reviewed_at, day) <= 0)
			continue;
		use = latest;
	}
	return use;
}

/* Target counts of a verified assignment (see FACTS). */
static void verified_counts(const struct assess_config *cfg, const struct task *t,
			    const struct assignment_facts *f, int64_t id,
			    const struct store_report_value_row *vals, size_t nvals,
			    struct verification *v)
{
	const struct report_fact *r = report_on(f, f->verified_at);

	memset(v, 0, sizeof(*v));
	v->on = LADDER_ON_ASSIGNMENT;
	v->target_id = id;
	v->verified_at = f->verified_at;
	v->targets = (int)t->ntargets;
	for (size_t j = 0; j < t->ntargets; j++) {
		bool reached = true, beaten = false, found = false;
		double actual = 0;

		for (size_t k = 0; r && k < nvals && !found; k++) {
			const struct store_report_value_row *x = &vals[k];

			if (x->assignment_id == id && !period_cmp(x->period, r->period) &&
			    x->version == r->version && x->seq == (int)j + 1) {
				found = true;
				actual = x->actual;
			}
		}
		if (found)
			assess_target_judge(cfg, t->targets[j].cmp, t->targets[j].value,
					    t->targets[j].max, actual, &reached, &beaten);
		v->targets_reached += reached;
		v->targets_beaten += reached && beaten;
	}
}

/* The values of assignment `id` (a slice of the sorted array). */
static void values_of(const struct store_report_value_row *v, size_t n, int64_t id,
		      const struct store_report_value_row **out, size_t *nout)
{
	size_t lo = 0, hi = n, first;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].assignment_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	while (lo < n && v[lo].assignment_id == id)
		lo++;
	*out = lo > first ? &v[first] : NULL;
	*nout = lo - first;
}

/* Per unit, growing arrays of facts. */
struct unit_acc {
	struct assess_assignment *as;
	size_t nas, aas;
	struct ladder_action *acts;
	size_t nacts, aacts;
	struct accountability *recs;
	size_t nrecs, arecs;
};

/* The unit index of the lead (headline) assignment of the task holding item i. */
static long task_lead_unit(const struct svc_supervision *sv, const long *item_unit, int task_no)
{
	const struct svc_status_task *tk = svc_status_task(&sv->st, task_no);
	int hi;

	if (!tk || !tk->n)
		return -1;
	hi = tk->ts.lead >= 0 ? tk->ts.lead : tk->ts.worst >= 0 ? tk->ts.worst : 0;
	return item_unit[tk->first + (size_t)hi];
}

static int build_units(struct store *st, struct svc_assessment *out, int year, struct date d,
		       struct err *e)
{
	struct svc_supervision *sv = &out->sv;
	struct store_report_value_row *vals = NULL;
	struct strmap keys = STRMAP_INIT;
	struct unit_acc *acc = NULL;
	long *item_unit = NULL, *act_unit = NULL;
	size_t nvals = 0;
	int ret = -1;

	if (store_verified_values(st, sv->st.plan_id, &vals, &nvals, e))
		goto out;
	out->nunits = sv->st.nunits;
	acc = xcalloc(out->nunits ? out->nunits : 1, sizeof(*acc));
	for (size_t u = 0; u < sv->st.nunits; u++) {
		const struct svc_status_unit *su = &sv->st.units[u];
		char *k = su->unit_id ? xasprintf("#%lld", (long long)su->unit_id)
				      : utf8_match_key(su->name);

		if (!k)
			k = xstrdup(su->name);
		strmap_put(&keys, k, (int64_t)u);
		free(k);
	}
	item_unit = xcalloc(sv->st.nitems ? sv->st.nitems : 1, sizeof(*item_unit));
	for (size_t i = 0; i < sv->st.nitems; i++) {
		const struct svc_status_item *it = &sv->st.items[i];
		char *k = unit_key(it->a);
		int64_t u = -1;
		struct assignment_facts f;
		struct verification v;
		struct unit_acc *ua;

		if (!strmap_get(&keys, k, &u)) {
			free(k);
			err_set(e, ERR_INTERNAL, "内部错误：分工 %lld 的单位不在汇总中",
				(long long)it->a->a.id);
			goto out;
		}
		free(k);
		item_unit[i] = (long)u;
		ua = &acc[u];
		svc_status_facts(&sv->st, i, &f);
		if (date_is_set(f.verified_at)) {
			const struct store_report_value_row *mine;
			size_t nmine;

			values_of(vals, nvals, it->a->a.id, &mine, &nmine);
			verified_counts(&out->cfg, it->task, &f, it->a->a.id, mine, nmine, &v);
		}
		ALLOC_GROW(ua->as, ua->nas + 1, ua->aas);
		assess_assignment_from_facts(&f, &sv->st.cal, &sv->st.cfg, it->a->a.id,
					     it->a->task_no, year, d,
					     date_is_set(f.verified_at) ? &v : NULL, &out->arena,
					     &ua->as[ua->nas++]);
	}
	/* Actions: on an assignment, its unit's; on a task, its lead unit's. */
	act_unit = xcalloc(sv->acts.n ? sv->acts.n : 1, sizeof(*act_unit));
	for (size_t k = 0; k < sv->nhist; k++) {
		const struct store_action *x = &sv->acts.v[sv->hist_act[k]];
		long u;
		struct unit_acc *ua;

		if (x->assignment_id) {
			long i = svc_supervision_item(sv, x->assignment_id);

			u = i < 0 ? -1 : item_unit[i];
		} else {
			u = task_lead_unit(sv, item_unit, x->task_no);
		}
		act_unit[sv->hist_act[k]] = u;
		if (u < 0)
			continue;
		ua = &acc[u];
		ALLOC_GROW(ua->acts, ua->nacts + 1, ua->aacts);
		ua->acts[ua->nacts++] = sv->hist[k];
	}
	for (size_t k = 0; k < sv->acc.n; k++) {
		const struct store_accountability *r = &sv->acc.v[k];
		struct accountability *x;
		struct unit_acc *ua;
		long u = -1;

		for (size_t j = 0; j < sv->acts.n; j++)
			if (sv->acts.v[j].id == r->action_id)
				u = act_unit[j];
		if (u < 0)
			continue;
		ua = &acc[u];
		ALLOC_GROW(ua->recs, ua->nrecs + 1, ua->arecs);
		x = &ua->recs[ua->nrecs++];
		memset(x, 0, sizeof(*x));
		x->id = r->id;
		x->action_id = r->action_id;
		x->on = r->assignment_id ? LADDER_ON_ASSIGNMENT : LADDER_ON_TASK;
		x->target_id = r->assignment_id ? r->assignment_id : r->task_id;
		x->task_no = r->task_no;
		x->ground = r->ground;
		x->measure = r->measure;
		x->measure_text = r->measure_text;
		x->subject = r->subject;
		x->decided_on = r->decided_on;
		x->doc_no = r->doc_no;
		x->decided_by = r->decided_by;
	}
	/* The arrays move to out->units (svc_assessment_release frees them). */
	out->units = xcalloc(out->nunits ? out->nunits : 1, sizeof(*out->units));
	for (size_t u = 0, unverified = 0; u < out->nunits; u++) {
		struct assess_unit *x = &out->units[u];
		struct unit_acc *ua = &acc[u];

		x->id = sv->st.units[u].unit_id ? sv->st.units[u].unit_id : -(int64_t)++unverified;
		x->name = sv->st.units[u].name;
		x->assignments = ua->as;
		x->nassignments = ua->nas;
		x->actions = ua->acts;
		x->nactions = ua->nacts;
		x->records = ua->recs;
		x->nrecords = ua->nrecs;
		ua->as = NULL;
		ua->acts = NULL;
		ua->recs = NULL;
	}
	ret = 0;
out:
	if (ret && acc)
		for (size_t u = 0; u < out->nunits; u++) {
			free(acc[u].as);
			free(acc[u].acts);
			free(acc[u].recs);
		}
	free(acc);
	free(item_unit);
	free(act_unit);
	free(vals);
	strmap_release(&keys);
	return ret;
}

int svc_assess(struct store *st, const struct svc_assess_opts *o, struct svc_assessment *out,
	       struct err *e)
{
	struct date end = { o->year, 12, 31 }, d;
	char spec[16];
	const char *plan = o->plan_spec;

	if (o->year < 1900 || o->year > 2999)
		return err_set(e, ERR_INPUT, "考核年度 %d 无效", o->year);
	d = date_is_set(o->as_of) && date_cmp(o->as_of, end) < 0 ? o->as_of : end;
	if (!plan || !*plan) {
		snprintf(spec, sizeof(spec), "%d", o->year);
		plan = spec;
	}
	if (o->rules_file) {
		if (svc_assess_rules_load(o->rules_file, &out->cfg, e))
			return -1;
		out->rules_from = SVC_RULES_FILE;
	} else {
		struct arena a = ARENA_INIT;
		struct store_assess_rules r;
		bool found;
		int rc;

		arena_init(&a, 0);
		assess_config_default(&out->cfg);
		out->rules_from = SVC_RULES_DEFAULT;
		rc = store_assess_rules_get(st, o->year, &a, &r, &found, e);
		if (!rc && found) {
			char name[48];

			snprintf(name, sizeof(name), "%d 年考核规则", o->year);
			rc = assess_config_parse(&out->cfg, r.text, name, e);
			out->rules_from = SVC_RULES_STORED;
		}
		arena_release(&a);
		if (rc)
			return -1;
	}
	if (svc_supervision_load(st, plan, d, o->status_cfg, &out->sv, e) ||
	    store_appeals_list(st, o->year, &out->appeals, e) || build_units(st, out, o->year, d, e))
		return -1;
	out->nap = out->appeals.n;
	out->ap = xcalloc(out->nap ? out->nap : 1, sizeof(*out->ap));
	for (size_t i = 0; i < out->nap; i++) {
		const struct store_appeal *p = &out->appeals.v[i];
		struct assess_appeal *a = &out->ap[i];

		a->id = p->id;
		a->unit_id = p->unit_id;
		a->line_key = p->line_key;
		a->reason = p->reason;
		a->filed_at = p->filed_on;
		a->state = p->state;
		a->corrected_cp = p->corrected_cp;
		a->decided_at = p->decided_on;
		a->decided_by = p->decided_by;
		a->note = p->decision_note;
	}
	assess_result_release(&out->res);
	return assess_run(&out->cfg, o->year, d, out->units, out->nunits, out->ap, out->nap,
			  &out->res, e);
}

int svc_assess_find_unit(struct store *st, const struct svc_assessment *a, const char *name,
			 const struct assess_score **out, struct err *e)
{
	bool *match = xcalloc(a->sv.st.nitems ? a->sv.st.nitems : 1, sizeof(*match));
	char buf[256];
	int ret = -1;

	*out = NULL;
	if (svc_status_match_unit(st, &a->sv.st, name, match, buf, sizeof(buf), e))
		goto out;
	for (size_t i = 0; i < a->sv.st.nitems && !*out; i++) {
		const struct store_assignment_row *r;

		if (!match[i])
			continue;
		r = a->sv.st.items[i].a;
		for (size_t u = 0; u < a->nunits && !*out; u++) {
			const struct assess_unit *x = &a->units[u];

			if (r->a.unit_id ? x->id == r->a.unit_id
					 : x->id < 0 && !strcmp(x->name, r->a.unit_name))
				*out = assess_result_find(&a->res, x->id);
		}
	}
	if (!*out) {
		err_set(e, ERR_NOT_FOUND, "%s 在 %d 年度清单中没有责任分工，不参加考核", buf,
			a->res.year);
		goto out;
	}
	ret = 0;
out:
	free(match);
	return ret;
}

/* ---- appeals ---- */

static json_t *appeal_json(const struct store_appeal *p, const char *unit)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(o, "year", json_integer(p->year));
	json_object_set_new(o, "unit_id", json_integer(p->unit_id));
	json_object_set_new(o, "unit", json_string(unit ? unit : ""));
	json_object_set_new(o, "line", json_string(p->line_key));
	json_object_set_new(o, "reason", json_string(p->reason));
	json_object_set_new(o, "orig_cp", json_integer(p->orig_cp));
	json_object_set_new(o, "filed_on", jdate(p->filed_on));
	return o;
}

/* The assessment of `year` as of `day` (capped at the year's end) under the stored rules. */
static int assess_for_appeal(struct store *st, int year, const char *plan_spec, struct date day,
			     const struct status_config *scfg, struct svc_assessment *a,
			     struct err *e)
{
	struct svc_assess_opts o;

	memset(&o, 0, sizeof(o));
	o.year = year;
	o.plan_spec = plan_spec;
	o.as_of = day;
	o.status_cfg = scfg;
	return svc_assess(st, &o, a, e);
}

int svc_appeal_file(struct store *st, const struct svc_rctx *rc, const struct svc_appeal_input *in,
		    int64_t *id, struct err *e)
{
	struct svc_assessment a;
	const struct assess_score *sc;
	const struct assess_line *line;
	struct assess_appeal ap;
	struct store_appeal p;
	json_t *after = NULL;
	char object[48];
	int ret = -1;

	svc_assessment_init(&a);
	if (!date_is_set(rc->today)) {
		err_set(e, ERR_INTERNAL, "内部错误：没有给出办理日期");
		goto out0;
	}
	if (check_text(in->reason, "申诉理由", true, e) ||
	    check_text(in->line_key, "申诉的考核项", true, e) || store_begin(st, e))
		goto out0;
	if (assess_for_appeal(st, in->year, in->plan_spec, rc->today, in->status_cfg, &a, e) ||
	    svc_assess_find_unit(st, &a, in->unit, &sc, e))
		goto out;
	if (sc->unit_id <= 0) {
		err_set(e, ERR_INPUT, "“%s”不是单位名录中的单位，不能申诉（请先导入单位名录）",
			sc->unit_name);
		goto out;
	}
	if (rc->unit_id > 0 && rc->unit_id != sc->unit_id) {
		err_set(e, ERR_DENIED, "只能就本单位的考核提出申诉");
		goto out;
	}
	memset(&ap, 0, sizeof(ap));
	ap.unit_id = sc->unit_id;
	ap.line_key = in->line_key;
	ap.reason = in->reason;
	ap.filed_at = rc->today;
	ap.state = APPEAL_PENDING;
	if (assess_appeal_check(&a.res, &ap, a.ap, a.nap, e))
		goto out;
	line = assess_score_line(sc, in->line_key);
	memset(&p, 0, sizeof(p));
	p.year = in->year;
	p.unit_id = sc->unit_id;
	p.line_key = in->line_key;
	p.reason = in->reason;
	p.orig_cp = line ? line->orig_cp : 0;
	p.filed_by = rc->actor->name;
	p.filed_on = rc->today;
	if (store_appeal_insert(st, &p, e))
		goto out;
	after = appeal_json(&p, sc->unit_name);
	snprintf(object, sizeof(object), "appeal:%lld", (long long)p.id);
	if (audit_append(st, rc->actor, "appeal.file", object, NULL, after, e) ||
	    store_commit(st, e))
		goto out;
	*id = p.id;
	ret = 0;
out:
	store_rollback(st);
out0:
	json_decref(after);
	svc_assessment_release(&a);
	return ret;
}

int svc_appeal_decide(struct store *st, const struct svc_rctx *rc, int64_t id,
		      enum appeal_state decision, int corrected_cp, const char *note,
		      struct err *e)
{
	struct svc_assessment a;
	struct arena ar = ARENA_INIT;
	struct store_appeal p;
	struct assess_appeal ap;
	json_t *before = NULL, *after = NULL;
	char object[48];
	bool found;
	int ret = -1;

	svc_assessment_init(&a);
	arena_init(&ar, 0);
	if (rc->unit_id > 0) {
		err_set(e, ERR_DENIED, "申诉由督查室处理，责任单位不能操作");
		goto out0;
	}
	if (!date_is_set(rc->today)) {
		err_set(e, ERR_INTERNAL, "内部错误：没有给出办理日期");
		goto out0;
	}
	if (decision != APPEAL_UPHELD && decision != APPEAL_CORRECTED) {
		err_set(e, ERR_INPUT, "申诉的处理应为维持原分或予以更正");
		goto out0;
	}
	if (check_text(note, "处理意见", false, e) || store_begin(st, e))
		goto out0;
	if (store_appeal_get(st, id, &ar, &p, &found, e))
		goto out;
	if (!found) {
		err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的申诉", (long long)id);
		goto out;
	}
	if (p.state != APPEAL_PENDING) {
		err_set(e, ERR_CONFLICT, "申诉 %lld 已于 %04d-%02d-%02d 处理（%s）", (long long)id,
			p.decided_on.y, p.decided_on.m, p.decided_on.d, appeal_state_label(p.state));
		goto out;
	}
	if (date_cmp(rc->today, p.filed_on) < 0) {
		err_set(e, ERR_INPUT, "处理日期早于申诉日期 %04d-%02d-%02d", p.filed_on.y,
			p.filed_on.m, p.filed_on.d);
		goto out;
	}
	if (assess_for_appeal(st, p.year, NULL, rc->today, NULL, &a, e))
		goto out;
	memset(&ap, 0, sizeof(ap));
	ap.id = p.id;
	ap.unit_id = p.unit_id;
	ap.line_key = p.line_key;
	ap.reason = p.reason;
	ap.filed_at = p.filed_on;
	ap.state = decision;
	ap.corrected_cp = corrected_cp;
	ap.decided_at = rc->today;
	ap.decided_by = rc->actor->name;
	ap.note = note;
	if (assess_appeal_check(&a.res, &ap, a.ap, a.nap, e))
		goto out;
	before = appeal_json(&p, p.unit_name);
	json_object_set_new(before, "state", json_string(appeal_state_name(p.state)));
	p.state = decision;
	p.corrected_cp = decision == APPEAL_CORRECTED ? corrected_cp : 0;
	p.decision_note = note ? note : "";
	p.decided_by = rc->actor->name;
	p.decided_on = rc->today;
	if (store_appeal_decide(st, &p, e))
		goto out;
	after = appeal_json(&p, p.unit_name);
	json_object_set_new(after, "state", json_string(appeal_state_name(p.state)));
	json_object_set_new(after, "corrected_cp", decision == APPEAL_CORRECTED
							   ? json_integer(corrected_cp)
							   : json_null());
	json_object_set_new(after, "note", json_string(p.decision_note));
	json_object_set_new(after, "decided_on", jdate(p.decided_on));
	snprintf(object, sizeof(object), "appeal:%lld", (long long)id);
	if (audit_append(st, rc->actor, "appeal.decide", object, before, after, e) ||
	    store_commit(st, e))
		goto out;
	ret = 0;
out:
	store_rollback(st);
out0:
	json_decref(before);
	json_decref(after);
	arena_release(&ar);
	svc_assessment_release(&a);
	return ret;
}
