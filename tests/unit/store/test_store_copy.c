/* Unit tests for whole-database copies (store_copy.h, svc_db_copy): every table, ids, sequences, refusals. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "export/export_json.h"
#include "service/db_copy.h"
#include "service/directory_service.h"
#include "service/import_service.h"
#include "service/report_service.h"
#include "store/store.h"
#include "store/store_copy.h"
#include "store/store_reports.h"
#include "store/store_supervision.h"
#include "util/err.h"
#include "util/hash.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include "db_fixture.h"
#include "store_fixture.h"

/*
 * "The backend under test" is PostgreSQL when DUBAN_TEST_STORE=pg, else
 * SQLite; "the other" is always an SQLite file.  So the unit suite copies
 * SQLite to SQLite, and the pg suite SQLite up to PostgreSQL, PostgreSQL
 * down to SQLite, and PostgreSQL to PostgreSQL.
 */

static const struct svc_actor actor = { "cli:test" };

/* 汉滨区政府's parent comes after it: a reference to a later row of the same table. */
static const char units_csv[] =
	"单位名称,类别,简称及别名,上级单位,是否启用\n"
	"市发改委,市级部门,安康市发展和改革委员会,,是\n"
	"市工信局,市级部门,市国资委,,是\n"
	"市交通局,市级部门,,,是\n"
	"市财政局,市级部门,,,是\n"
	"汉滨区政府,县市区政府,,安康高新区管委会,是\n"
	"汉阴县政府,县市区政府,,,是\n"
	"安康高新区管委会,开发区管委会,高新区,,是\n"
	"恒口示范区管委会,开发区管委会,,,否\n";
static const char groups_csv[] =
	"分组名称,成员单位\n"
	"各县（市、区）政府,汉滨区政府\n"
	"各县（市、区）政府,汉阴县政府\n";

/* A PNG's first bytes and some NULs: binary content with zero bytes. */
static const unsigned char png[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
	0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0xff, 0x5c,
};

struct ctx {
	char *dir;
	char *a, *b, *c;	/* URLs */
};

static int setup(void **state)
{
	struct ctx *c = xcalloc(1, sizeof(*c));

	c->dir = fx_tmpdir();
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;

	if (c->a)
		fx_db_drop(c->a);
	if (c->b)
		fx_db_drop(c->b);
	if (c->c)
		fx_db_drop(c->c);
	free(c->a);
	free(c->b);
	free(c->c);
	fx_rmdir(c->dir);
	free(c);
	return 0;
}

static struct store *open_ok(const char *url)
{
	struct store *st = NULL;
	struct err e = ERR_INIT;

	if (store_open(url, &st, &e))
		fail_msg("store_open %s: %s", url, e.msg);
	return st;
}

static void ok(int rc, const struct err *e, const char *what)
{
	if (rc)
		fail_msg("%s: %s", what, e->msg);
}

/* The id of the directory's first unit. */
static int64_t fx_first_unit(struct store *st)
{
	struct store_org_refs refs;
	struct err e = ERR_INIT;
	int64_t id = 0;

	store_org_refs_init(&refs);
	ok(store_org_refs(st, &refs, &e), &e, "refs");
	for (size_t i = 0; i < refs.n && !id; i++)
		if (!refs.v[i].group)
			id = refs.v[i].id;
	store_org_refs_release(&refs);
	return id;
}

/* Supervision records (schema levels 6-8), straight through the store, inside a transaction. */
static void populate_supervision(struct store *st, const struct store_assignment_list *l)
{
	struct store_action x = { 0 }, y = { 0 };
	struct store_handover_form hf = { .form_prefix = "安督", .form_year = 2022,
					  .issued_by = "cli:test" };
	struct store_accountability k = { 0 };
	struct store_dismissal d = { .key = "overdue", .by = "cli:test", .on = { 2022, 9, 1 },
				     .note = "已说明原因" };
	struct store_assess_rules rules = { .year = 2022, .text = "[weights]\nreport = 30\n",
					    .set_by = "cli:test" };
	struct store_appeal ap = { .year = 2022, .line_key = "report", .reason = "数据有误",
				   .orig_cp = 2750, .filed_by = "user:liaison",
				   .filed_on = { 2023, 1, 5 } };
	struct store_bulletin b = { .period = { 2022, 9, CADENCE_MONTHLY },
				    .as_of = { 2022, 9, 30 }, .issue_no = 1,
				    .summary = "{\"red\":[1,2],\"n\":3}", .issued_by = "cli:test" };
	struct err e = ERR_INIT;
	int seq;

	ok(store_form_number_next(st, FORM_URGE, 2022, &seq, &e), &e, "form number");
	ok(store_form_number_next(st, FORM_URGE, 2022, &seq, &e), &e, "form number");
	assert_int_equal(seq, 2);
	x.task_id = l->v[1].a.task_id;
	x.assignment_id = l->v[1].a.id;
	x.step = STEP_URGE;
	x.ground = GROUND_BEHIND;
	x.basis = LADDER_FREE;
	x.reason = "进度滞后";
	x.requirement = "";
	x.cause = "behind;overdue";
	x.leader = "";
	x.issued_by = "cli:test";
	x.issued_on = (struct date){ 2022, 8, 10 };
	x.reply_due = (struct date){ 2022, 8, 20 };
	x.form_kind = FORM_URGE;
	x.form_prefix = "";
	x.form_year = 2022;
	x.form_seq = seq;
	ok(store_action_insert(st, &x, &e), &e, "action");
	y = x;
	y.assignment_id = 0;
	y.step = STEP_REMIND;
	y.ground = GROUND_NONE;
	y.form_kind = FORM_NONE;
	y.form_year = y.form_seq = 0;
	y.reply_due = DATE_NONE;
	ok(store_action_insert(st, &y, &e), &e, "action on a task");
	ok(store_action_reply(st, x.id, "已加快推进", "user:liaison", (struct date){ 2022, 8, 18 },
			      false, &e), &e, "reply");
	ok(store_action_close(st, x.id, "cli:test", (struct date){ 2022, 8, 25 }, "办结", false, &e),
	   &e, "close");
	hf.assignment_id = l->v[2].a.id;
	ok(store_form_number_next(st, FORM_HANDOVER, 2022, &hf.form_seq, &e), &e, "handover no");
	ok(store_handover_form_insert(st, &hf, &e), &e, "handover");
	k.action_id = x.id;
	k.ground = GROUND_BEHIND;
	k.measure = MEASURE_CRITICISM;
	k.measure_text = "";
	k.subject = "某某";
	k.decided_on = (struct date){ 2022, 9, 15 };
	k.doc_no = "安督〔2022〕7号";
	k.decided_by = "cli:test";
	ok(store_accountability_insert(st, &k, &e), &e, "accountability");
	d.assignment_id = l->v[3].a.id;
	ok(store_dismissal_insert(st, &d, &e), &e, "dismissal");
	ok(store_assess_rules_set(st, &rules, &e), &e, "rules");
	ap.unit_id = fx_first_unit(st);
	ok(store_appeal_insert(st, &ap, &e), &e, "appeal");
	ap.state = APPEAL_CORRECTED;
	ap.corrected_cp = 2900;
	ap.decision_note = "核实后更正";
	ap.decided_by = "cli:test";
	ap.decided_on = (struct date){ 2023, 1, 10 };
	ok(store_appeal_decide(st, &ap, &e), &e, "appeal decision");
	b.plan_id = l->v[0].plan_id;
	ok(store_bulletin_insert(st, &b, &e), &e, "bulletin");
}

/* A database with something in every table. */
static int64_t populate(struct store *st)
{
	struct directory_csv_input in[2] = {
		{ units_csv, sizeof(units_csv) - 1, "units.csv" },
		{ groups_csv, sizeof(groups_csv) - 1, "groups.csv" },
	};
	struct svc_directory_import dr;
	struct svc_import imp;
	struct svc_demo_stats stats;
	struct store_assignment_list l;
	struct store_user u = { 0 };
	struct store_session se = { .user_id = 0 };
	struct store_attachment att = { .size = sizeof(png), .mime = "image/png", .name = "现场.png",
					 .data = png };
	struct store_report_value vals[1] = { { 1, 1.25e8 } };
	struct store_report_attachment ra = { .name = "现场照片.png", .mime = "image/png",
					      .size = sizeof(png) };
	struct store_report r = { 0 };
	struct err e = ERR_INIT;
	int64_t uid, plan_id;
	bool added;

	svc_directory_import_init(&dr);
	ok(svc_directory_import(st, in, 2, &actor, &dr, &e), &e, "directory");
	svc_directory_import_release(&dr);

	svc_import_init(&imp);
	plan_doc_release(&imp.doc);
	fx_doc(&imp.doc, "安政发〔2022〕5号", 2022, 30, 0);
	imp.doc.tasks[4].text = "含制表符\t与换行\n以及反斜杠\\的任务";
	imp.info.format = "text";
	imp.info.encoding = "UTF-8";
	ok(svc_import_store(st, &imp, SVC_IMPORT_NEW, &actor, &e), &e, "import");
	plan_id = imp.plan_id;
	svc_import_release(&imp);

	ok(svc_demo_data(st, &actor, plan_id, (struct date){ 2022, 12, 31 }, 7, &stats, &e), &e,
	   "demo-data");
	assert_true(stats.reports > 0);

	/* A report with an attachment and a value, straight through the store. */
	store_assignment_list_init(&l);
	ok(store_assignments_list(st, &(struct store_assignment_filter){ .plan_id = plan_id }, &l,
				  &e), &e, "list");
	assert_true(l.n > 3);
	hash_sha256_hex(png, sizeof(png), att.sha256);
	memcpy(ra.sha256, att.sha256, sizeof(ra.sha256));
	r.assignment_id = l.v[0].a.id;
	r.period = (struct period){ 2023, 1, CADENCE_MONTHLY };
	r.percent = 42.5;
	r.progress = "进展\n第二行";
	r.problems = "";
	r.next_steps = "";
	r.author = "cli:test";
	r.submitted_on = (struct date){ 2023, 1, 20 };
	r.values = vals;
	r.nvalues = 1;
	r.attachments = &ra;
	r.nattachments = 1;
	ok(store_begin(st, &e), &e, "begin");
	ok(store_attachment_put(st, &att, &added, &e), &e, "attachment");
	assert_true(added);
	ok(store_report_insert(st, &r, &e), &e, "report");

	/* An account, a session, a failed login. */
	u.login = "admin";
	u.name = "管理员";
	u.role = USER_ADMIN;
	u.pw_hash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA";
	ok(store_user_insert(st, &u, &uid, &e), &e, "user");
	snprintf(se.token_hash, sizeof(se.token_hash), "%064d", 42);
	se.user_id = uid;
	se.csrf = "csrf-token";
	se.created_at = 1700000000;
	se.expires_at = 1700003600;
	se.address = "127.0.0.1";
	ok(store_session_insert(st, &se, &e), &e, "session");
	ok(store_login_failure_add(st, "admin", "10.0.0.1", 1700000100, 1690000000, &e), &e,
	   "failure");
	populate_supervision(st, &l);
	ok(store_commit(st, &e), &e, "commit");
	store_assignment_list_release(&l);
	return plan_id;
}

/* ---- a complete picture of a database, through the store's interface ---- */

static void dump_report(struct strbuf *sb, const struct store_report *r)
{
	char p[PERIOD_STR_LEN], d1[DATE_ISO_LEN], d2[DATE_ISO_LEN];

	period_format(r->period, p);
	date_format_iso(r->submitted_on, d1);
	date_format_iso(r->reviewed_on, d2);
	strbuf_addf(sb, "  report %" PRId64 " a%" PRId64 " %s v%d %.17g [%s|%s|%s] %d %s %s %s %d"
		    " review %d %s %s %s %s %d\n",
		    r->id, r->assignment_id, p, r->version, r->percent, r->progress, r->problems,
		    r->next_steps, (int)r->likelihood, r->author, d1, r->recorded_at, r->sample,
		    (int)r->review, r->review_reason ? r->review_reason : "-",
		    r->reviewer ? r->reviewer : "-", d2,
		    r->reviewed_recorded_at ? r->reviewed_recorded_at : "-", r->review_sample);
	for (size_t i = 0; i < r->nvalues; i++)
		strbuf_addf(sb, "   value %d %.17g\n", r->values[i].seq, r->values[i].actual);
	for (size_t i = 0; i < r->nattachments; i++)
		strbuf_addf(sb, "   att %s %s %s %" PRId64 "\n", r->attachments[i].sha256,
			    r->attachments[i].name, r->attachments[i].mime, r->attachments[i].size);
}

static void dump_reporting(struct store *st, int64_t id, struct strbuf *sb)
{
	struct store_reporting rep;
	struct err e = ERR_INIT;
	char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN], d3[DATE_ISO_LEN];

	store_reporting_init(&rep);
	ok(store_reporting_load(st, id, &rep, &e), &e, "reporting");
	if (rep.signoff) {
		date_format_iso(rep.signoff->on, d1);
		strbuf_addf(sb, "  sign %s %s %s %s %d\n", d1, rep.signoff->by, rep.signoff->note,
			    rep.signoff->recorded_at, rep.signoff->sample);
	}
	if (rep.dispute) {
		const struct store_dispute *d = rep.dispute;

		date_format_iso(d->raised_on, d1);
		date_format_iso(d->decided_on, d2);
		strbuf_addf(sb, "  dispute %" PRId64 " %s %s %s %s %d %" PRId64 " %s %s %s %s %d\n",
			    d->id, d->reason, d->raised_by, d1, d->recorded_at, (int)d->decision,
			    d->new_assignment_id, d->decision_note, d->decided_by, d2,
			    d->decided_recorded_at, d->sample);
	}
	if (rep.reassigned_from)
		strbuf_addf(sb, "  from dispute %" PRId64 "\n", rep.reassigned_from->id);
	for (size_t i = 0; i < rep.nreports; i++)
		dump_report(sb, &rep.reports[i]);
	for (size_t i = 0; i < rep.nextensions; i++) {
		const struct store_extension *x = &rep.extensions[i];

		date_format_iso(x->new_due, d1);
		date_format_iso(x->approved_due, d2);
		date_format_iso(x->decided_on, d3);
		strbuf_addf(sb, "  ext %" PRId64 " %s %s %s %s %d %s %s %s %d\n", x->id, d1, x->reason,
			    x->requested_by, x->recorded_at, (int)x->state, d2, x->decision_note,
			    d3, x->sample);
	}
	if (rep.verification) {
		date_format_iso(rep.verification->on, d1);
		strbuf_addf(sb, "  verified %s %s %s %s\n", d1, rep.verification->by,
			    rep.verification->note, rep.verification->recorded_at);
	}
	store_reporting_release(&rep);
}

static void dump_supervision(struct store *st, struct strbuf *sb)
{
	struct store_action_list al;
	struct store_accountability_list kl;
	struct store_appeal_list pl;
	struct store_bulletin_list bl;
	struct store_plan_list plans;
	struct store_assess_rules rules;
	struct arena a = ARENA_INIT;
	struct err e = ERR_INIT;
	bool found = false;
	char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN], d3[DATE_ISO_LEN];

	store_action_list_init(&al);
	ok(store_actions_list(st, NULL, &al, &e), &e, "actions");
	for (size_t i = 0; i < al.n; i++) {
		const struct store_action *x = &al.v[i];
		struct store_handover_form hf;

		date_format_iso(x->issued_on, d1);
		date_format_iso(x->reply_due, d2);
		date_format_iso(x->closed_on, d3);
		strbuf_addf(sb, "action %" PRId64 " t%" PRId64 " a%" PRId64 " %d %d %d %s|%s|%s|%s"
			    " %s %s %s %d %s %d-%d %s %d p%" PRId64 " n%d u%" PRId64 " %s"
			    " reply %s %s %s closed %s %s %s\n",
			    x->id, x->task_id, x->assignment_id, (int)x->step, (int)x->ground,
			    (int)x->basis, x->reason, x->requirement, x->cause, x->leader,
			    x->issued_by, d1, d2, (int)x->form_kind, x->form_prefix, x->form_year,
			    x->form_seq, x->recorded_at, x->sample, x->plan_id, x->task_no,
			    x->unit_id, x->unit_name ? x->unit_name : "-",
			    x->reply ? x->reply : "-", x->replied_by ? x->replied_by : "-",
			    x->reply_recorded_at ? x->reply_recorded_at : "-", d3,
			    x->close_note ? x->close_note : "-",
			    x->closed_recorded_at ? x->closed_recorded_at : "-");
		found = false;
		if (x->assignment_id) {
			arena_init(&a, 0);
			ok(store_handover_form_get(st, x->assignment_id, &a, &hf, &found, &e), &e,
			   "handover");
			if (found)
				strbuf_addf(sb, "handover a%" PRId64 " %s %d-%d %s\n", hf.assignment_id,
					    hf.form_prefix, hf.form_year, hf.form_seq, hf.recorded_at);
			arena_release(&a);
		}
	}
	store_action_list_release(&al);
	store_accountability_list_init(&kl);
	ok(store_accountability_list(st, 0, &kl, &e), &e, "accountability");
	for (size_t i = 0; i < kl.n; i++) {
		date_format_iso(kl.v[i].decided_on, d1);
		strbuf_addf(sb, "account %" PRId64 " x%" PRId64 " %d %d %s %s %s %s %s u%s\n",
			    kl.v[i].id, kl.v[i].action_id, (int)kl.v[i].ground,
			    (int)kl.v[i].measure, kl.v[i].subject, d1, kl.v[i].doc_no,
			    kl.v[i].decided_by, kl.v[i].recorded_at,
			    kl.v[i].unit_name ? kl.v[i].unit_name : "-");
	}
	store_accountability_list_release(&kl);
	store_plan_list_init(&plans);
	ok(store_plan_list(st, &plans, &e), &e, "plans");
	for (size_t p = 0; p < plans.n; p++) {
		struct store_dismissal_list dl;
		struct store_report_value_row *vv = NULL;
		size_t nv = 0;

		store_dismissal_list_init(&dl);
		ok(store_dismissals_list(st, plans.v[p].id, &dl, &e), &e, "dismissals");
		for (size_t i = 0; i < dl.n; i++)
			strbuf_addf(sb, "dismissed a%" PRId64 " %s %s %s %s\n", dl.v[i].assignment_id,
				    dl.v[i].key, dl.v[i].by, dl.v[i].note, dl.v[i].recorded_at);
		store_dismissal_list_release(&dl);
		store_bulletin_list_init(&bl);
		ok(store_bulletins_list(st, plans.v[p].id, &bl, &e), &e, "bulletins");
		for (size_t i = 0; i < bl.n; i++)
			strbuf_addf(sb, "bulletin %" PRId64 " %d-%d #%d %s %s\n", bl.v[i].id,
				    bl.v[i].period.year, bl.v[i].period.n, bl.v[i].issue_no,
				    bl.v[i].summary, bl.v[i].recorded_at);
		store_bulletin_list_release(&bl);
		ok(store_verified_values(st, plans.v[p].id, &vv, &nv, &e), &e, "verified values");
		for (size_t i = 0; i < nv; i++)
			strbuf_addf(sb, "vv a%" PRId64 " %d-%d v%d #%d %.17g\n", vv[i].assignment_id,
				    vv[i].period.year, vv[i].period.n, vv[i].version, vv[i].seq,
				    vv[i].actual);
		free(vv);
	}
	store_plan_list_release(&plans);
	arena_init(&a, 0);
	found = false;
	ok(store_assess_rules_get(st, 2022, &a, &rules, &found, &e), &e, "rules");
	if (found)
		strbuf_addf(sb, "rules %d %s %s %s\n", rules.year, rules.text, rules.set_by,
			    rules.updated_at);
	arena_release(&a);
	store_appeal_list_init(&pl);
	ok(store_appeals_list(st, 0, &pl, &e), &e, "appeals");
	for (size_t i = 0; i < pl.n; i++)
		strbuf_addf(sb, "appeal %" PRId64 " %d u%" PRId64 " %s %s %d %d %d %s %s\n",
			    pl.v[i].id, pl.v[i].year, pl.v[i].unit_id, pl.v[i].line_key,
			    pl.v[i].reason, pl.v[i].orig_cp, (int)pl.v[i].state,
			    pl.v[i].corrected_cp, pl.v[i].unit_name,
			    pl.v[i].decided_recorded_at ? pl.v[i].decided_recorded_at : "-");
	store_appeal_list_release(&pl);
}

static char *dump(struct store *st)
{
	struct strbuf sb = STRBUF_INIT;
	struct store_plan_list pl;
	struct store_assignment_list al;
	struct store_user_list ul;
	struct store_audit_list au;
	struct store_org_refs refs;
	struct store_copy_result counts;
	struct directory d;
	struct err e = ERR_INIT;
	struct arena a = ARENA_INIT;
	struct store_session se;
	struct store_login_failures lf;
	struct store_attachment att;
	char sha[65];
	bool found;

	ok(store_table_counts(st, &counts, &e), &e, "counts");
	for (size_t i = 0; i < counts.n; i++)
		strbuf_addf(&sb, "%s %" PRId64 "\n", counts.v[i].table, counts.v[i].from);

	store_plan_list_init(&pl);
	ok(store_plan_list(st, &pl, &e), &e, "plans");
	for (size_t i = 0; i < pl.n; i++) {
		struct plan_doc doc;
		struct calendar cal;

		strbuf_addf(&sb, "plan %" PRId64 " %s %s %s %zu\n", pl.v[i].id, pl.v[i].sha256,
			    pl.v[i].imported_at, pl.v[i].source_encoding, pl.v[i].ntasks);
		plan_doc_init(&doc);
		ok(store_plan_load(st, pl.v[i].id, &doc, &e), &e, "load");
		ok(export_json(&doc, &sb, &e), &e, "json");
		plan_doc_release(&doc);
		{
			struct store_facts f;

			store_facts_init(&f);
			ok(store_facts_load(st, pl.v[i].id, &f, &e), &e, "facts");
			strbuf_addf(&sb, "facts %zu %zu %zu %zu %zu sample %zu\n", f.nsigns,
				    f.ndisputes, f.nreports, f.nextensions, f.nverifies, f.nsample);
			for (size_t k = 0; k < f.nreports; k++)
				strbuf_addf(&sb, " fact a%" PRId64 " %d-%d v%d %.17g %d %d %ld\n",
					    f.report_of[k], f.reports[k].period.year,
					    f.reports[k].period.n, f.reports[k].version,
					    f.reports[k].percent, (int)f.reports[k].review,
					    (int)f.reports[k].likelihood,
					    date_to_days(f.reports[k].reviewed_at));
			for (size_t k = 0; k < f.ndisputes; k++)
				strbuf_addf(&sb, " dispute a%" PRId64 " %d new %" PRId64 "\n",
					    f.dispute_of[k], (int)f.disputes[k].state,
					    f.new_assignment[k]);
			for (size_t k = 0; k < f.nextensions; k++)
				strbuf_addf(&sb, " ext a%" PRId64 " %d %ld\n", f.extension_of[k],
					    (int)f.extensions[k].state,
					    date_to_days(f.extensions[k].new_due));
			assert_true(f.nsigns > 0 && f.nreports > 0 && f.ndisputes > 0);
			store_facts_release(&f);
		}
		found = false;
		ok(store_calendar_get(st, pl.v[i].id, &cal, &found, &e), &e, "calendar");
		if (found)
			strbuf_addf(&sb, "calendar %d %d\n", (int)cal.cadence, cal.due_day);
	}
	store_plan_list_release(&pl);

	store_assignment_list_init(&al);
	ok(store_assignments_list(st, &(struct store_assignment_filter){ .with_retired = true },
				  &al, &e), &e, "assignments");
	for (size_t i = 0; i < al.n; i++) {
		const struct store_assignment_row *r = &al.v[i];

		strbuf_addf(&sb, "assignment %" PRId64 " t%" PRId64 " u%" PRId64 " g%" PRId64
			    " %d %d %u %s %s %s %s\n",
			    r->a.id, r->a.task_id, r->a.unit_id, r->a.via_group_id, (int)r->a.role,
			    r->a.position, r->a.flags, r->a.unit_name, r->a.written, r->created_at,
			    r->updated_at);
		dump_reporting(st, r->a.id, &sb);
	}
	store_assignment_list_release(&al);

	directory_init(&d);
	ok(store_directory_load(st, &d, &e), &e, "directory");
	for (size_t i = 0; i < d.nunits; i++) {
		strbuf_addf(&sb, "unit %" PRId64 " %s %d %d parent %ld:", d.units[i].id,
			    d.units[i].name, (int)d.units[i].kind, d.units[i].active,
			    (long)d.units[i].parent);
		for (size_t j = 0; j < d.units[i].naliases; j++)
			strbuf_addf(&sb, " %s", d.units[i].aliases[j]);
		strbuf_addch(&sb, '\n');
	}
	for (size_t i = 0; i < d.ngroups; i++) {
		strbuf_addf(&sb, "group %" PRId64 " %s:", d.groups[i].id, d.groups[i].name);
		for (size_t j = 0; j < d.groups[i].nmembers; j++)
			strbuf_addf(&sb, " %zu", d.groups[i].members[j]);
		strbuf_addch(&sb, '\n');
	}
	directory_release(&d);
	store_org_refs_init(&refs);
	ok(store_org_refs(st, &refs, &e), &e, "refs");
	for (size_t i = 0; i < refs.n; i++)
		strbuf_addf(&sb, "ref %" PRId64 " %s %d %d\n", refs.v[i].id, refs.v[i].name,
			    refs.v[i].group, refs.v[i].listed);
	store_org_refs_release(&refs);

	store_user_list_init(&ul);
	ok(store_user_list(st, &ul, &e), &e, "users");
	for (size_t i = 0; i < ul.n; i++)
		strbuf_addf(&sb, "user %" PRId64 " %s %s %d %" PRId64 " %s %d %" PRId64 " %s %s\n",
			    ul.v[i].id, ul.v[i].login, ul.v[i].name, (int)ul.v[i].role,
			    ul.v[i].unit_id, ul.v[i].pw_hash, ul.v[i].disabled, ul.v[i].version,
			    ul.v[i].created_at, ul.v[i].updated_at);
	store_user_list_release(&ul);
	arena_init(&a, 0);
	snprintf(sha, sizeof(sha), "%064d", 42);
	ok(store_session_get(st, sha, &a, &se, &found, &e), &e, "session");
	if (found)
		strbuf_addf(&sb, "session %" PRId64 " %s %" PRId64 " %" PRId64 " %s\n", se.user_id,
			    se.csrf, se.created_at, se.expires_at, se.address);
	ok(store_login_failures_count(st, "admin", "10.0.0.1", 0, &lf, &e), &e, "failures");
	strbuf_addf(&sb, "failures %zu %zu %" PRId64 "\n", lf.by_login, lf.by_address,
		    lf.oldest_login);
	hash_sha256_hex(png, sizeof(png), sha);
	ok(store_attachment_get(st, sha, &a, &att, &found, &e), &e, "attachment");
	if (found) {
		char h[65];

		hash_sha256_hex(att.data, (size_t)att.size, h);
		strbuf_addf(&sb, "attachment %s %" PRId64 " %s %s %s\n", h, att.size, att.mime,
			    att.name, att.recorded_at);
	}
	arena_release(&a);

	dump_supervision(st, &sb);
	store_audit_list_init(&au);
	ok(store_audit_page(st, 0, NULL, 100000, &au, &e), &e, "audit");
	for (size_t i = 0; i < au.n; i++)
		strbuf_addf(&sb, "audit %" PRId64 " %s %s %s %s %s %s %s %s\n", au.v[i].seq,
			    au.v[i].at, au.v[i].actor, au.v[i].action, au.v[i].object,
			    au.v[i].before_json ? au.v[i].before_json : "-",
			    au.v[i].after_json ? au.v[i].after_json : "-", au.v[i].prev_hash,
			    au.v[i].hash);
	store_audit_list_release(&au);
	return strbuf_detach(&sb, NULL);
}

static void copy_ok(const char *from_url, const char *to_url, struct svc_db_copy *r)
{
	struct store *from = open_ok(from_url), *to = open_ok(to_url);
	struct err e = ERR_INIT;

	ok(svc_db_copy(from, to, r, &e), &e, "copy");
	store_close(from);
	store_close(to);
}

/* Under test -> the other backend -> under test again: three equal pictures. */
static void test_round_trip(void **state)
{
	struct ctx *c = *state;
	struct store *st;
	struct svc_db_copy r;
	char *want, *mid, *back;

	c->a = fx_db_new(c->dir, "a");
	c->b = xasprintf("%s/b.db", c->dir);
	c->c = fx_db_new(c->dir, "c");
	st = open_ok(c->a);
	populate(st);
	want = dump(st);
	store_close(st);
	/* Every kind of record is in the picture. */
	assert_non_null(strstr(want, "  sign "));
	assert_non_null(strstr(want, "  dispute "));
	assert_non_null(strstr(want, "  from dispute "));
	assert_non_null(strstr(want, "  ext "));
	assert_non_null(strstr(want, "  verified "));
	assert_non_null(strstr(want, "   value 1 125000000\n"));
	assert_non_null(strstr(want, "   att "));
	assert_non_null(strstr(want, "attachment "));
	assert_non_null(strstr(want, "session "));
	assert_non_null(strstr(want, "failures 1 1 "));
	assert_non_null(strstr(want, "\\t与换行\\n"));
	assert_non_null(strstr(want, "parent 6:"));
	assert_non_null(strstr(want, "reply 已加快推进"));
	assert_non_null(strstr(want, "account 1 x1 "));
	assert_non_null(strstr(want, "dismissed a"));
	assert_non_null(strstr(want, "bulletin 1 2022-9 #1 "));
	assert_non_null(strstr(want, "rules 2022 "));
	assert_non_null(strstr(want, "appeal 1 2022 "));
	assert_non_null(strstr(want, "form_counters 2\n"));
	assert_non_null(strstr(want, "handover_forms 1\n"));

	copy_ok(c->a, c->b, &r);
	assert_int_equal(r.from_audit.broken, AUDIT_INTACT);
	assert_int_equal(r.to_audit.broken, AUDIT_INTACT);
	assert_true(r.from_audit.nentries >= 3);
	assert_int_equal(r.from_audit.nentries, r.to_audit.nentries);
	assert_string_equal(r.from_audit.head_hash, r.to_audit.head_hash);
	assert_true(r.counts.rows > 100);
	for (size_t i = 0; i < r.counts.n; i++)
		assert_int_equal(r.counts.v[i].from, r.counts.v[i].to);
	assert_string_equal(r.to_backend, "sqlite");
	st = open_ok(c->b);
	mid = dump(st);
	store_close(st);
	assert_string_equal(mid, want);

	copy_ok(c->b, c->c, &r);
	assert_string_equal(r.to_backend, fx_pg() ? "postgres" : "sqlite");
	st = open_ok(c->c);
	back = dump(st);
	store_close(st);
	assert_string_equal(back, want);
	free(want);
	free(mid);
	free(back);
}

/* After a copy the target goes on: new ids after the copied ones, the chain continues. */
static void test_copy_then_write(void **state)
{
	struct ctx *c = *state;
	struct store *st;
	struct svc_db_copy r;
	struct svc_import imp;
	struct store_user u = { 0 };
	struct audit_verify v;
	struct err e = ERR_INIT;
	int64_t plan_id, uid, max_assign_before;

	c->a = xasprintf("%s/a.db", c->dir);
	c->b = fx_db_new(c->dir, "b");
	st = open_ok(c->a);
	plan_id = populate(st);
	store_close(st);
	copy_ok(c->a, c->b, &r);
	max_assign_before = fx_sql_int(c->b, "SELECT max(id) FROM assignments");

	st = open_ok(c->b);
	svc_import_init(&imp);
	plan_doc_release(&imp.doc);
	fx_doc(&imp.doc, "安政发〔2023〕1号", 2023, 5, 0);
	imp.info.format = "text";
	imp.info.encoding = "UTF-8";
	ok(svc_import_store(st, &imp, SVC_IMPORT_NEW, &actor, &e), &e, "import after copy");
	assert_true(imp.plan_id > plan_id);
	svc_import_release(&imp);
	u.login = "leader";
	u.name = "领导";
	u.role = USER_LEADER;
	u.pw_hash = "x";
	ok(store_begin(st, &e), &e, "begin");
	ok(store_user_insert(st, &u, &uid, &e), &e, "user after copy");
	ok(store_commit(st, &e), &e, "commit");
	assert_int_equal(uid, 2);
	ok(audit_verify(st, 0, NULL, &v, &e), &e, "verify");
	assert_int_equal(v.broken, AUDIT_INTACT);
	assert_int_equal(v.nentries, r.to_audit.nentries + 1);
	store_close(st);
	assert_true(fx_sql_int(c->b, "SELECT min(a.id) FROM assignments a JOIN tasks t"
				     " ON t.id = a.task_id WHERE t.plan_id = 2") > max_assign_before);
}

static void test_refusals(void **state)
{
	struct ctx *c = *state;
	struct store *from, *to;
	struct svc_db_copy r;
	struct err e = ERR_INIT;
	char *before;

	c->a = fx_db_new(c->dir, "a");
	c->b = fx_db_new(c->dir, "b");
	from = open_ok(c->a);
	populate(from);
	to = open_ok(c->b);
	populate(to);
	before = dump(to);
	/* A target with rows: refused, untouched. */
	assert_int_equal(svc_db_copy(from, to, &r, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "不是空的"));
	{
		char *after = dump(to);

		assert_string_equal(after, before);
		free(after);
	}
	free(before);
	store_close(to);
	fx_db_drop(c->b);
	free(c->b);

	/* A table the copy does not know: named, nothing written. */
	c->b = fx_db_new(c->dir, "b2");
	to = open_ok(c->b);
	fx_sql_exec(c->a, "CREATE TABLE stray (x INTEGER)");
	assert_int_equal(svc_db_copy(from, to, &r, &e), -1);
	assert_int_equal(e.kind, ERR_INTERNAL);
	assert_non_null(strstr(e.msg, "stray"));
	assert_int_equal(fx_sql_int(c->b, "SELECT count(*) FROM plans"), 0);
	/* The same database twice. */
	assert_int_equal(svc_db_copy(from, from, &r, &e), -1);
	store_close(from);
	store_close(to);
}

/* A broken source chain is copied as it is, and both sides say so alike. */
static void test_broken_chain_copied_as_is(void **state)
{
	struct ctx *c = *state;
	struct store *st;
	struct svc_db_copy r;

	c->a = xasprintf("%s/a.db", c->dir);
	c->b = fx_db_new(c->dir, "b");
	st = open_ok(c->a);
	populate(st);
	store_close(st);
	fx_sql_exec(c->a, "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'x' WHERE seq = 2");
	copy_ok(c->a, c->b, &r);
	assert_int_equal(r.from_audit.broken, AUDIT_EDITED);
	assert_int_equal(r.to_audit.broken, AUDIT_EDITED);
	assert_int_equal(r.to_audit.seq, 2);
}

/* store_backup of the backend under test gives a file store_open accepts, equal to it. */
static void test_backup(void **state)
{
	struct ctx *c = *state;
	struct store *st, *bk;
	struct err e = ERR_INIT;
	char *path, *want, *got;

	c->a = fx_db_new(c->dir, "a");
	st = open_ok(c->a);
	populate(st);
	want = dump(st);
	path = xasprintf("%s/backup.db", c->dir);
	ok(store_backup(st, path, &e), &e, "backup");
	store_close(st);
	bk = open_ok(path);
	got = dump(bk);
	store_close(bk);
	assert_string_equal(got, want);
	free(want);
	free(got);
	free(path);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_round_trip),
		T(test_copy_then_write),
		T(test_refusals),
		T(test_broken_chain_copied_as_is),
		T(test_backup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
