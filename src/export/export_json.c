/* JSON export through jansson: fixed key order, integers where values are integral. */
#include "export/export_json.h"

#include <float.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>

#include "util/banned.h"

#define TWO_POW_53 9007199254740992.0

/*
 * Reals are written with 15 significant digits: every decimal a document
 * can state (6.5, 0.6, 8.5) reads back exactly, and binary noise from
 * scaling (0.1 + 0.2) does not leak into the file.
 */
#define REAL_DIGITS 15

struct jctx {
	const char *bad;	/* first string that was not UTF-8 */
};

static json_t *jstr(struct jctx *c, const char *s)
{
	json_t *j = json_string(s ? s : "");

	if (!j) {
		if (!c->bad)
			c->bad = s;
		j = json_string("");
	}
	return j;
}

static json_t *jdate(struct date d)
{
	char buf[DATE_ISO_LEN];

	if (!date_is_set(d))
		return json_null();
	date_format_iso(d, buf);
	return json_string(buf);
}

/* A number: an integer when v is integral within a few ulps of scaling noise. */
static json_t *jnum(double v)
{
	double r = nearbyint(v);

	if (!isfinite(v))
		return json_null();
	if (fabs(r) < TWO_POW_53 && fabs(v - r) <= fabs(v) * 4 * DBL_EPSILON)
		return json_integer((json_int_t)r);
	return json_real(v);
}

static json_t *target_json(struct jctx *c, const struct target *g)
{
	json_t *o = json_object();

	json_object_set_new(o, "value", jnum(g->value));
	json_object_set_new(o, "unit", jstr(c, g->unit));
	json_object_set_new(o, "cmp", json_string(target_cmp_name(g->cmp)));
	if (g->cmp == TARGET_RANGE)
		json_object_set_new(o, "max", jnum(g->max));
	json_object_set_new(o, "metric", jstr(c, g->metric));
	json_object_set_new(o, "text", jstr(c, g->text));
	if (g->qualifier)
		json_object_set_new(o, "qualifier", jstr(c, g->qualifier));
	return o;
}

static json_t *task_json(struct jctx *c, const struct task *t)
{
	json_t *o = json_object(), *units = json_array(), *targets = json_array(),
	       *ms = json_array();

	json_object_set_new(o, "no", json_integer(t->no));
	json_object_set_new(o, "section", jstr(c, t->section));
	json_object_set_new(o, "text", jstr(c, t->text));
	for (size_t i = 0; i < t->nunits; i++)
		json_array_append_new(units, jstr(c, t->units[i]));
	json_object_set_new(o, "units", units);
	for (size_t i = 0; i < t->ntargets; i++)
		json_array_append_new(targets, target_json(c, &t->targets[i]));
	json_object_set_new(o, "targets", targets);
	for (size_t i = 0; i < t->nmilestones; i++) {
		json_t *m = json_object();

		json_object_set_new(m, "due", jdate(t->milestones[i].due));
		json_object_set_new(m, "text", jstr(c, t->milestones[i].text));
		json_array_append_new(ms, m);
	}
	json_object_set_new(o, "milestones", ms);
	return o;
}

int export_json(const struct plan_doc *doc, struct strbuf *out, struct err *e)
{
	struct jctx c = { NULL };
	json_t *root = json_object(), *plan = json_object(), *tasks = json_array();
	char *text = NULL;
	int rc = -1;

	json_object_set_new(plan, "title", jstr(&c, doc->plan.title));
	json_object_set_new(plan, "issuer", jstr(&c, doc->plan.issuer));
	json_object_set_new(plan, "doc_no", jstr(&c, doc->plan.doc_no));
	json_object_set_new(plan, "issued", jdate(doc->plan.issued));
	json_object_set_new(plan, "year", doc->plan.year ? json_integer(doc->plan.year)
							 : json_null());
	json_object_set_new(root, "plan", plan);
	for (size_t i = 0; i < doc->ntasks; i++)
		json_array_append_new(tasks, task_json(&c, &doc->tasks[i]));
	json_object_set_new(root, "tasks", tasks);
	if (c.bad) {
		err_set(e, ERR_INTERNAL, "导出 JSON 失败：文本不是有效的 UTF-8：%.40s", c.bad);
		goto out;
	}
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
					JSON_REAL_PRECISION(REAL_DIGITS));
	if (!text) {
		err_set(e, ERR_INTERNAL, "导出 JSON 失败");
		goto out;
	}
	strbuf_addstr(out, text);
	strbuf_addch(out, '\n');
	rc = 0;
out:
	free(text);
	json_decref(root);
	return rc;
}
