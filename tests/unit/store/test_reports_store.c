/* Unit tests for reporting (schema levels 4-5) and service/report_service: every rule on a scratch database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "service/report_service.h"
#include "service/status_service.h"
#include "store/pg_schema.h"
#include "store/sqlite_schema.h"
#include "store/store.h"
#include "store/store_reports.h"
#include "util/err.h"
#include "util/hash.h"
#include "util/xalloc.h"

#include "reports_fixture.h"

static int setup(void **state)
{
	*state = rf_open();
	return 0;
}

static int teardown(void **state)
{
	rf_close(*state);
	return 0;
}

/* SQL on a second connection, on SQLite or PostgreSQL (db_fixture.h). */
static long long sql_int(const char *db, const char *sql)
{
	return fx_sql_int(db, sql);
}

/* Run SQL; SQLITE_OK (0) when it succeeded (so that a refusal can be asserted). */
static int sql_try(const char *db, const char *sql)
{
	return fx_sql_try(db, sql) ? SQLITE_ERROR : SQLITE_OK;
}

static void load(struct rf *f, int64_t id, struct svc_assignment_record *r)
{
	struct err e = ERR_INIT;

	svc_assignment_record_init(r);
	rf_ok(svc_assignment_record_load(f->st, 0, id, r, &e), &e, "load");
}

static void sign(struct rf *f, int64_t a, struct svc_rctx rc)
{
	struct err e = ERR_INIT;

	rf_ok(svc_assignment_sign(f->st, &rc, a, NULL, &e), &e, "sign");
}

/* ---- revisions, pre-fill ---- */

static void test_revisions_never_overwrite(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 1, "市发改委"), r1, r2;
	struct svc_assignment_record r;
	char *sql;

	assert_true(a > 0);
	sign(f, a, rf_on(2022, 3, 30));
	r1 = rf_submit(f, rf_on(2022, 4, 20), a, "2022-04", 20, "第一版", "可能");
	r2 = rf_submit(f, rf_on(2022, 4, 22), a, "2022-04", 25, "第二版", "很可能");
	assert_true(r2 > r1);
	load(f, a, &r);
	assert_int_equal(r.rec.nreports, 2);
	assert_int_equal(r.rec.reports[0].version, 1);
	assert_string_equal(r.rec.reports[0].progress, "第一版");
	assert_true(r.rec.reports[0].percent == 20);
	assert_int_equal(r.rec.reports[1].version, 2);
	assert_string_equal(r.rec.reports[1].progress, "第二版");
	assert_int_equal(r.rec.reports[1].likelihood, LIKELIHOOD_HIGH);
	svc_assignment_record_release(&r);

	/* The database itself refuses to rewrite or delete a report. */
	sql = xasprintf("UPDATE reports SET percent = 99 WHERE id = %lld", (long long)r1);
	assert_int_not_equal(sql_try(f->db, sql), SQLITE_OK);
	free(sql);
	sql = xasprintf("DELETE FROM reports WHERE id = %lld", (long long)r1);
	assert_int_not_equal(sql_try(f->db, sql), SQLITE_OK);
	free(sql);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM reports"), 2);
	assert_int_not_equal(sql_try(f->db, "UPDATE signoffs SET signed_on = '2022-01-01'"),
			     SQLITE_OK);
	/* Two audit entries for the two submissions, one for the sign-for. */
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM audit WHERE action = 'report.submit'"),
			 2);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM audit WHERE action = 'assignment.sign'"),
			 1);
}

static void test_prefill(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 1, "市发改委");
	struct svc_report_value_in vals[2] = { { 1, 300e8 }, { 2, 6.1 } };
	struct svc_report_input in;
	struct svc_report_result res;
	struct svc_assignment_record r;
	struct svc_rctx rc = rf_on(2022, 5, 20);
	struct err e = ERR_INIT;

	sign(f, a, rf_on(2022, 3, 29));
	memset(&in, 0, sizeof(in));
	in.assignment_id = a;
	in.period = "2022-04";
	in.percent = 30;
	/* The first report must say what was done. */
	svc_report_result_init(&res);
	assert_int_equal(svc_report_submit(f->st, &rc, &in, &res, &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	assert_non_null(strstr(e.msg, "完成情况"));
	svc_report_result_release(&res);

	in.progress = "完成投资 300 亿元";
	in.problems = "资金到位慢";
	in.next_steps = "加快资金拨付";
	in.likelihood = "可能";
	in.values = vals;
	in.nvalues = 2;
	svc_report_result_init(&res);
	rf_ok(svc_report_submit(f->st, &rc, &in, &res, &e), &e, "first");
	assert_int_equal(res.carried, 0);
	svc_report_result_release(&res);

	/* The next period: only the percent and one value are new. */
	memset(&in, 0, sizeof(in));
	in.assignment_id = a;
	in.period = "2022-05";
	in.percent = 45;
	vals[0].actual = 400e8;
	in.values = vals;
	in.nvalues = 1;
	svc_report_result_init(&res);
	rf_ok(svc_report_submit(f->st, &rc, &in, &res, &e), &e, "second");
	assert_int_equal(res.carried, SVC_CARRIED_PROGRESS | SVC_CARRIED_PROBLEMS |
					      SVC_CARRIED_NEXT | SVC_CARRIED_LIKELIHOOD |
					      SVC_CARRIED_VALUES);
	assert_int_equal(res.values_carried, 1);
	assert_int_equal(res.carried_version, 1);
	svc_report_result_release(&res);
	load(f, a, &r);
	assert_int_equal(r.rec.nreports, 2);
	assert_string_equal(r.rec.reports[1].progress, "完成投资 300 亿元");
	assert_string_equal(r.rec.reports[1].problems, "资金到位慢");
	assert_string_equal(r.rec.reports[1].next_steps, "加快资金拨付");
	assert_int_equal(r.rec.reports[1].likelihood, LIKELIHOOD_LIKELY);
	assert_int_equal(r.rec.reports[1].nvalues, 2);
	assert_true(r.rec.reports[1].values[0].actual == 400e8);
	assert_true(r.rec.reports[1].values[1].actual == 6.1);
	svc_assignment_record_release(&r);

	/* Field checks name the field. */
	memset(&in, 0, sizeof(in));
	in.assignment_id = a;
	in.period = "2022-05";
	in.percent = 101;
	assert_int_equal(svc_report_submit(f->st, &rc, &in, &res, &e), -1);
	assert_non_null(strstr(e.msg, "完成百分比"));
	in.percent = 50;
	in.likelihood = "差不多";
	assert_int_equal(svc_report_submit(f->st, &rc, &in, &res, &e), -1);
	assert_non_null(strstr(e.msg, "自评"));
	in.likelihood = NULL;
	in.period = "2022-13";
	assert_int_equal(svc_report_submit(f->st, &rc, &in, &res, &e), -1);
	assert_non_null(strstr(e.msg, "报告期"));
	in.period = "2022-Q2";
	assert_int_equal(svc_report_submit(f->st, &rc, &in, &res, &e), -1);
	assert_non_null(strstr(e.msg, "月报"));
	in.period = "2022-03";	/* before the first period (2022-04) */
	assert_int_equal(svc_report_submit(f->st, &rc, &in, &res, &e), -1);
	assert_non_null(strstr(e.msg, "首个报告期"));
	in.period = "2022-06";	/* not yet begun on 2022-05-20 */
	assert_int_equal(svc_report_submit(f->st, &rc, &in, &res, &e), -1);
	assert_non_null(strstr(e.msg, "尚未开始"));
	in.period = "2022-05";
	vals[0].seq = 3;
	in.values = vals;
	in.nvalues = 1;
	assert_int_equal(svc_report_submit(f->st, &rc, &in, &res, &e), -1);
	assert_non_null(strstr(e.msg, "目标序号 3"));
	in.assignment_id = 999999;
	in.nvalues = 0;
	assert_int_equal(svc_report_submit(f->st, &rc, &in, &res, &e), -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);
	svc_report_result_release(&res);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM reports"), 2);
}

/* ---- review ---- */

static void test_review_round_trip(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 1, "市工信局"), r1, r2;
	struct svc_rctx rc = rf_on(2022, 4, 28);
	struct svc_assignment_record r;
	struct err e = ERR_INIT;

	sign(f, a, rf_on(2022, 3, 30));
	r1 = rf_submit(f, rf_on(2022, 4, 24), a, "2022-04", 20, "开了会", "可能");
	/* A return needs a reason; a review may not precede the report. */
	assert_int_equal(svc_report_review(f->st, &rc, r1, REVIEW_RETURNED, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "退办理由"));
	{
		struct svc_rctx early = rf_on(2022, 4, 23);

		assert_int_equal(svc_report_review(f->st, &early, r1, REVIEW_ACCEPTED, NULL, &e), -1);
		assert_non_null(strstr(e.msg, "早于报送日期"));
	}
	rf_ok(svc_report_review(f->st, &rc, r1, REVIEW_RETURNED, "缺少量化数据", &e), &e, "return");
	assert_int_equal(svc_report_review(f->st, &rc, r1, REVIEW_ACCEPTED, NULL, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);

	/* Returned: the period no longer counts, until resubmitted. */
	load(f, a, &r);
	assert_int_equal(r.rec.reports[0].review, REVIEW_RETURNED);
	assert_string_equal(r.rec.reports[0].review_reason, "缺少量化数据");
	assert_null(svc_report_in_use(&r, rf_on(2022, 4, 28).today));
	assert_non_null(svc_report_in_use(&r, rf_on(2022, 4, 27).today));	/* before the return */
	svc_assignment_record_release(&r);

	r2 = rf_submit(f, rf_on(2022, 4, 29), a, "2022-04", 22, "开了会，投资 30 亿元", NULL);
	load(f, a, &r);
	assert_int_equal(r.rec.nreports, 2);
	assert_int_equal(r.rec.reports[1].version, 2);
	assert_int_equal(svc_report_in_use(&r, rf_on(2022, 4, 29).today)->id, r2);
	svc_assignment_record_release(&r);
	/* The store itself refuses a second review of one report. */
	{
		struct store_review rv = { r1, REVIEW_ACCEPTED, "", "x", { 2022, 4, 30 }, false };

		assert_int_equal(store_begin(f->st, &e), 0);
		assert_int_equal(store_review_insert(f->st, &rv, &e), -1);
		assert_int_equal(e.kind, ERR_CONFLICT);
		store_rollback(f->st);
	}
	rc = rf_on(2022, 4, 30);
	rf_ok(svc_report_review(f->st, &rc, r2, REVIEW_ACCEPTED, "同意", &e), &e, "accept");
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM reviews"), 2);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM audit WHERE action = 'report.return'"),
			 1);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM audit WHERE action = 'report.accept'"),
			 1);
	/* Reviewing a superseded version is refused by the service too. */
	{
		int64_t r3 = rf_submit(f, rf_on(2022, 5, 2), a, "2022-04", 23, NULL, NULL);

		(void)r3;
		assert_int_equal(svc_report_review(f->st, &rc, r2, REVIEW_ACCEPTED, NULL, &e), -1);
		assert_int_equal(e.kind, ERR_CONFLICT);
	}
}

/* ---- disputes ---- */

static void test_dispute_confirm(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 3, "市财政局");
	struct svc_rctx rc = rf_on(2022, 3, 29);
	struct svc_assignment_record r;
	struct err e = ERR_INIT;

	assert_int_equal(svc_assignment_dispute(f->st, &rc, a, "  ", &e), -1);
	assert_non_null(strstr(e.msg, "退回理由"));
	rf_ok(svc_assignment_dispute(f->st, &rc, a, "不属于本单位职责", &e), &e, "dispute");
	assert_int_equal(svc_assignment_sign(f->st, &rc, a, NULL, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_int_equal(svc_assignment_dispute(f->st, &rc, a, "再次退回", &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	rc = rf_on(2022, 4, 2);
	rf_ok(svc_dispute_confirm(f->st, &rc, a, "仍由你单位承办", &e), &e, "confirm");
	assert_int_equal(svc_dispute_confirm(f->st, &rc, a, NULL, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	/* Signing before the decision day is refused; on it, fine. */
	rc = rf_on(2022, 4, 1);
	assert_int_equal(svc_assignment_sign(f->st, &rc, a, NULL, &e), -1);
	rc = rf_on(2022, 4, 3);
	rf_ok(svc_assignment_sign(f->st, &rc, a, "收到", &e), &e, "sign");
	load(f, a, &r);
	assert_non_null(r.rec.dispute);
	assert_int_equal(r.rec.dispute->decision, STORE_DISPUTE_CONFIRMED);
	assert_string_equal(r.rec.dispute->reason, "不属于本单位职责");
	assert_int_equal(date_cmp(r.rec.dispute->raised_on, (struct date){ 2022, 3, 29 }), 0);
	assert_int_equal(date_cmp(r.rec.dispute->decided_on, (struct date){ 2022, 4, 2 }), 0);
	assert_non_null(r.rec.signoff);
	assert_string_equal(r.rec.signoff->note, "收到");
	svc_assignment_record_release(&r);
	/* Once decided, the dispute's row cannot change. */
	assert_int_not_equal(sql_try(f->db, "UPDATE disputes SET reason = '改了'"), SQLITE_OK);
	assert_int_not_equal(sql_try(f->db, "UPDATE disputes SET decision = 'reassign'"), SQLITE_OK);
}

static void test_dispute_reassign(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 1, "市工信局"), b = 0;
	struct svc_rctx rc = rf_on(2022, 3, 30);
	struct svc_assignment_record r;
	struct err e = ERR_INIT;

	rf_ok(svc_assignment_dispute(f->st, &rc, a, "应由交通部门承办", &e), &e, "dispute");
	rc = rf_on(2022, 4, 6);
	assert_int_equal(svc_dispute_reassign(f->st, &rc, a, "市发改委", NULL, &b, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);	/* already on the task */
	assert_non_null(strstr(e.msg, "已承担第 1 项任务"));
	assert_int_equal(svc_dispute_reassign(f->st, &rc, a, "市不存在局", NULL, &b, &e), -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);
	assert_int_equal(svc_dispute_reassign(f->st, &rc, a, "各县（市、区）政府", NULL, &b, &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	assert_int_equal(svc_dispute_reassign(f->st, &rc, a, "市停用局", NULL, &b, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_int_equal(svc_dispute_reassign(f->st, &rc, a, "市工信局", NULL, &b, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	rf_ok(svc_dispute_reassign(f->st, &rc, a, "市交通局", "改由市交通局承办", &b, &e), &e,
	      "reassign");
	assert_true(b > a);
	assert_int_equal(rf_assignment(f, 1, "市交通局"), b);

	/* The old assignment is kept, retired, with the whole dispute. */
	load(f, a, &r);
	assert_true(r.ctx.row.a.flags & ASSIGN_RETIRED);
	assert_int_equal(r.rec.dispute->decision, STORE_DISPUTE_REASSIGNED);
	assert_int_equal(r.rec.dispute->new_assignment_id, b);
	assert_string_equal(r.rec.dispute->decision_note, "改由市交通局承办");
	svc_assignment_record_release(&r);
	assert_int_equal(svc_assignment_sign(f->st, &rc, a, NULL, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "已改派"));

	/* The new one: same task, role and entry; handed over on the decision day. */
	load(f, b, &r);
	assert_false(r.ctx.row.a.flags & ASSIGN_RETIRED);
	assert_int_equal(r.ctx.row.task_no, 1);
	assert_int_equal(r.ctx.row.a.role, ASSIGN_CO);
	assert_string_equal(r.ctx.row.a.written, "市工信局");
	assert_non_null(r.rec.reassigned_from);
	assert_int_equal(r.rec.reassigned_from->assignment_id, a);
	assert_int_equal(date_cmp(r.handed_over, (struct date){ 2022, 4, 6 }), 0);
	svc_assignment_record_release(&r);
	rc = rf_on(2022, 4, 5);
	assert_int_equal(svc_assignment_sign(f->st, &rc, b, NULL, &e), -1);	/* before hand-over */
	rc = rf_on(2022, 4, 7);
	rf_ok(svc_assignment_sign(f->st, &rc, b, NULL, &e), &e, "sign new");
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM audit WHERE action = 'dispute.reassign'"),
			 1);
}

/* ---- extensions ---- */

static void test_extension_rules(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 3, "市财政局"), x1 = 0, x2 = 0;
	struct svc_rctx rc = rf_on(2022, 6, 20);
	struct svc_assignment_record r;
	struct err e = ERR_INIT;

	sign(f, a, rf_on(2022, 3, 29));
	/* No later date, no reason: refused. */
	assert_int_equal(svc_extension_request(f->st, &rc, a, (struct date){ 2022, 6, 30 }, "理由",
					       &x1, &e), -1);
	assert_non_null(strstr(e.msg, "应晚于"));
	assert_int_equal(svc_extension_request(f->st, &rc, a, (struct date){ 2022, 9, 30 }, "",
					       &x1, &e), -1);
	assert_non_null(strstr(e.msg, "延期理由"));
	rf_ok(svc_extension_request(f->st, &rc, a, (struct date){ 2022, 9, 30 }, "审批周期长", &x1, &e),
	      &e, "request");
	assert_int_equal(svc_extension_request(f->st, &rc, a, (struct date){ 2022, 10, 31 }, "再申请",
					       &x2, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	/* Refusal needs a reason; approval on 06-25 moves the due date from then on. */
	rc = rf_on(2022, 6, 25);
	assert_int_equal(svc_extension_decide(f->st, &rc, x1, false, DATE_NONE, NULL, &e), -1);
	rf_ok(svc_extension_decide(f->st, &rc, x1, true, DATE_NONE, "同意", &e), &e, "approve");
	assert_int_equal(svc_extension_decide(f->st, &rc, x1, false, DATE_NONE, "不行", &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	load(f, a, &r);
	assert_int_equal(date_cmp(svc_due_in_force(&r, (struct date){ 2022, 6, 24 }),
				  (struct date){ 2022, 6, 30 }), 0);
	assert_int_equal(date_cmp(svc_due_in_force(&r, (struct date){ 2022, 6, 25 }),
				  (struct date){ 2022, 9, 30 }), 0);
	assert_int_equal(date_cmp(r.rec.extensions[0].old_due, (struct date){ 2022, 6, 30 }), 0);
	svc_assignment_record_release(&r);

	/* After the due date in force, no request. */
	rc = rf_on(2022, 10, 1);
	assert_int_equal(svc_extension_request(f->st, &rc, a, (struct date){ 2022, 12, 31 }, "晚了",
					       &x2, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "已过"));
	/* On the due day itself it is still in time; refused with a reason. */
	rc = rf_on(2022, 9, 30);
	rf_ok(svc_extension_request(f->st, &rc, a, (struct date){ 2022, 12, 31 }, "再延", &x2, &e), &e,
	      "request 2");
	rc = rf_on(2022, 10, 3);
	rf_ok(svc_extension_decide(f->st, &rc, x2, false, DATE_NONE, "理由不充分", &e), &e, "refuse");
	load(f, a, &r);
	assert_int_equal(r.rec.nextensions, 2);
	assert_int_equal(r.rec.extensions[1].state, EXT_REFUSED);
	assert_int_equal(date_cmp(svc_due_in_force(&r, (struct date){ 2022, 12, 1 }),
				  (struct date){ 2022, 9, 30 }), 0);
	svc_assignment_record_release(&r);
	assert_int_not_equal(sql_try(f->db, "UPDATE extensions SET state = 'pending'"), SQLITE_OK);
}

/* ---- attachments ---- */

static void test_attachments(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 1, "市发改委"), b = rf_assignment(f, 1, "市工信局");
	static const char pdf[] = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n";
	static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0";
	static const char zip[] = "PK\x03\x04\x14\0\0\0\0\0somefile.txt";
	static const char docx[] = "PK\x03\x04\x14\0\0\0\0\0word/document.xml";
	static const char txt[] = "工作进展说明：已完成。\n";
	struct svc_upload up[2];
	struct svc_report_input in;
	struct svc_report_result res;
	struct svc_rctx rc = rf_on(2022, 4, 20);
	struct store_attachment got;
	struct arena ar = ARENA_INIT;
	const char *mime, *label;
	char sha[65];
	struct err e = ERR_INIT;

	/* Type by content, whatever the name says. */
	assert_int_equal(svc_attachment_sniff(pdf, sizeof(pdf) - 1, "a.pdf", &mime, &label, &e), 0);
	assert_string_equal(mime, "application/pdf");
	assert_int_equal(svc_attachment_sniff(elf, sizeof(elf) - 1, "report.pdf", &mime, &label, &e),
			 -1);
	assert_non_null(strstr(e.msg, "可执行程序"));
	assert_int_equal(svc_attachment_sniff("MZ\x90\0", 4, "a.doc", &mime, &label, &e), -1);
	assert_int_equal(svc_attachment_sniff(zip, sizeof(zip) - 1, "a.zip", &mime, &label, &e), -1);
	assert_non_null(strstr(e.msg, "不是 Word 或 Excel"));
	assert_int_equal(svc_attachment_sniff(docx, sizeof(docx) - 1, "a.docx", &mime, &label, &e), 0);
	assert_non_null(strstr(mime, "wordprocessingml"));
	assert_int_equal(svc_attachment_sniff(txt, sizeof(txt) - 1, "a.txt", &mime, &label, &e), 0);
	assert_int_equal(svc_attachment_sniff("\0\1\2\3", 4, "a.bin", &mime, &label, &e), -1);
	assert_int_equal(svc_attachment_sniff("", 0, "empty.txt", &mime, &label, &e), -1);
	assert_int_equal(svc_attachment_sniff("#!/bin/sh\n", 10, "x.txt", &mime, &label, &e), -1);

	sign(f, a, rf_on(2022, 3, 30));
	sign(f, b, rf_on(2022, 3, 30));
	memset(&in, 0, sizeof(in));
	in.assignment_id = a;
	in.period = "2022-04";
	in.percent = 10;
	in.progress = "见附件";
	up[0] = (struct svc_upload){ "dir/进展.pdf", pdf, sizeof(pdf) - 1 };
	up[1] = (struct svc_upload){ "说明.txt", txt, sizeof(txt) - 1 };
	in.uploads = up;
	in.nuploads = 2;

	/* Over the size limit: refused, nothing stored. */
	in.max_attachment = 16;
	svc_report_result_init(&res);
	assert_int_equal(svc_report_submit(f->st, &rc, &in, &res, &e), -1);
	assert_non_null(strstr(e.msg, "超过上限"));
	svc_report_result_release(&res);
	/* An executable among them: refused, nothing stored. */
	in.max_attachment = 0;
	up[1] = (struct svc_upload){ "tool.txt", elf, sizeof(elf) - 1 };
	svc_report_result_init(&res);
	assert_int_equal(svc_report_submit(f->st, &rc, &in, &res, &e), -1);
	svc_report_result_release(&res);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM attachments"), 0);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM reports"), 0);

	up[1] = (struct svc_upload){ "说明.txt", txt, sizeof(txt) - 1 };
	svc_report_result_init(&res);
	rf_ok(svc_report_submit(f->st, &rc, &in, &res, &e), &e, "with attachments");
	assert_int_equal(res.attachments_stored, 2);
	assert_int_equal(res.attachments_known, 0);
	svc_report_result_release(&res);
	/* The same PDF from another unit, under another name: stored once. */
	in.assignment_id = b;
	up[0].name = "另一个名字.pdf";
	in.nuploads = 1;
	svc_report_result_init(&res);
	rf_ok(svc_report_submit(f->st, &rc, &in, &res, &e), &e, "same content");
	assert_int_equal(res.attachments_stored, 0);
	assert_int_equal(res.attachments_known, 1);
	svc_report_result_release(&res);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM attachments"), 2);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM report_attachments"), 3);

	hash_sha256_hex(pdf, sizeof(pdf) - 1, sha);
	rf_ok(svc_attachment_get(f->st, 0, sha, &ar, &got, &e), &e, "get");
	assert_int_equal(got.size, sizeof(pdf) - 1);
	assert_memory_equal(got.data, pdf, sizeof(pdf) - 1);
	assert_string_equal(got.name, "进展.pdf");	/* the first name, directories dropped */
	assert_int_equal(svc_attachment_get(f->st, 3, sha, &ar, &got, &e), -1);
	assert_int_equal(e.kind, ERR_DENIED);
	arena_release(&ar);
	{
		struct svc_assignment_record r;

		load(f, b, &r);
		assert_int_equal(r.rec.reports[0].nattachments, 1);
		assert_string_equal(r.rec.reports[0].attachments[0].name, "另一个名字.pdf");
		assert_string_equal(r.rec.reports[0].attachments[0].sha256, sha);
		svc_assignment_record_release(&r);
	}
}

/* ---- 销号, scope, calendar ---- */

static void test_verify(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 3, "市财政局"), r1, r2;
	struct svc_rctx rc = rf_on(2022, 6, 28);
	struct err e = ERR_INIT;

	sign(f, a, rf_on(2022, 3, 29));
	assert_int_equal(svc_assignment_verify(f->st, &rc, a, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "尚无有效的进展报告"));
	r1 = rf_submit(f, rf_on(2022, 5, 20), a, "2022-05", 60, "清理过半", "很可能");
	assert_int_equal(svc_assignment_verify(f->st, &rc, a, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "60%"));
	(void)r1;
	r2 = rf_submit(f, rf_on(2022, 6, 20), a, "2022-06", 100, "清理完毕", NULL);
	assert_int_equal(svc_assignment_verify(f->st, &rc, a, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "尚未审核通过"));
	rf_ok(svc_report_review(f->st, &rc, r2, REVIEW_ACCEPTED, NULL, &e), &e, "accept");
	rf_ok(svc_assignment_verify(f->st, &rc, a, "核验完成", &e), &e, "verify");
	assert_int_equal(svc_assignment_verify(f->st, &rc, a, NULL, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	/* Nothing more after 销号. */
	rc = rf_on(2022, 7, 20);
	{
		struct svc_report_input in = { 0 };
		struct svc_report_result res;

		in.assignment_id = a;
		in.period = "2022-07";
		in.percent = 100;
		svc_report_result_init(&res);
		assert_int_equal(svc_report_submit(f->st, &rc, &in, &res, &e), -1);
		assert_non_null(strstr(e.msg, "销号"));
		svc_report_result_release(&res);
	}
}

static void test_liaison_scope(void **state)
{
	struct rf *f = *state;
	int64_t a = rf_assignment(f, 1, "市发改委"), b = rf_assignment(f, 3, "市财政局");
	int64_t unit_a;
	struct svc_assignment_record r;
	struct svc_rctx rc = rf_on(2022, 3, 30);
	struct err e = ERR_INIT;

	load(f, a, &r);
	unit_a = r.ctx.row.a.unit_id;
	svc_assignment_record_release(&r);
	assert_true(unit_a > 0);
	rc.unit_id = unit_a;
	rf_ok(svc_assignment_sign(f->st, &rc, a, NULL, &e), &e, "own sign");
	assert_int_equal(svc_assignment_sign(f->st, &rc, b, NULL, &e), -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);	/* another unit's: as if absent */
	assert_int_equal(svc_assignment_verify(f->st, &rc, a, NULL, &e), -1);
	assert_int_equal(e.kind, ERR_DENIED);
	{
		int64_t r1 = rf_submit(f, rf_on(2022, 4, 20), a, "2022-04", 10, "起步", NULL);

		rc = rf_on(2022, 4, 21);
		rc.unit_id = unit_a;
		assert_int_equal(svc_report_review(f->st, &rc, r1, REVIEW_ACCEPTED, NULL, &e), -1);
		assert_int_equal(e.kind, ERR_DENIED);
	}
}

static void test_calendar(void **state)
{
	struct rf *f = *state;
	struct svc_calendar_change ch = { CADENCE_NONE, 0, NULL };
	struct svc_rctx rc = rf_on(2022, 4, 1);
	struct calendar cal;
	bool stored;
	char p[PERIOD_STR_LEN];
	int64_t a = rf_assignment(f, 1, "市发改委");
	struct err e = ERR_INIT;

	rf_ok(svc_calendar_get(f->st, f->plan_id, &cal, &stored, &e), &e, "get");
	assert_false(stored);
	assert_int_equal(cal.cadence, CADENCE_MONTHLY);
	assert_int_equal(cal.due_day, 25);
	period_format(cal.first, p);
	assert_string_equal(p, "2022-04");	/* issued 03-28, due on the 25th */
	/* Due day 31: March's due date (03-31) is after the issued date. */
	ch.due_day = 31;
	rf_ok(svc_calendar_set(f->st, &rc, f->plan_id, &ch, &cal, &e), &e, "due day");
	period_format(cal.first, p);
	assert_string_equal(p, "2022-03");
	ch.due_day = 0;
	ch.cadence = CADENCE_QUARTERLY;
	rf_ok(svc_calendar_set(f->st, &rc, f->plan_id, &ch, &cal, &e), &e, "quarterly");
	period_format(cal.first, p);
	assert_string_equal(p, "2022-Q1");
	ch.cadence = CADENCE_NONE;
	ch.first = "2022-05";
	assert_int_equal(svc_calendar_set(f->st, &rc, f->plan_id, &ch, &cal, &e), -1);
	assert_non_null(strstr(e.msg, "首个报告期"));
	ch.first = "2022-Q2";
	rf_ok(svc_calendar_set(f->st, &rc, f->plan_id, &ch, &cal, &e), &e, "first");
	sign(f, a, rf_on(2022, 3, 30));
	rf_submit(f, rf_on(2022, 6, 20), a, "2022-Q2", 40, "二季度", "可能");
	/* Reports of this cadence exist: the cadence cannot change any more. */
	ch.first = NULL;
	ch.cadence = CADENCE_MONTHLY;
	assert_int_equal(svc_calendar_set(f->st, &rc, f->plan_id, &ch, &cal, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	rf_ok(svc_calendar_get(f->st, f->plan_id, &cal, &stored, &e), &e, "get again");
	assert_true(stored);
	assert_int_equal(cal.cadence, CADENCE_QUARTERLY);
	rc.unit_id = 1;
	ch.cadence = CADENCE_NONE;
	ch.due_day = 20;
	assert_int_equal(svc_calendar_set(f->st, &rc, f->plan_id, &ch, &cal, &e), -1);
	assert_int_equal(e.kind, ERR_DENIED);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM audit WHERE action = 'calendar.set'"),
			 3);
}

/* ---- the plan's dependents, migration, sample data ---- */

static void test_dependents_block_replace(void **state)
{
	struct rf *f = *state;
	struct plan_doc doc;
	struct strbuf what = STRBUF_INIT;
	size_t n = 0;
	int64_t id;
	struct err e = ERR_INIT;

	/* Nothing recorded yet: a replace is allowed. */
	rf_ok(store_plan_dependents(f->st, f->plan_id, &n, NULL, &e), &e, "deps");
	assert_int_equal(n, 0);
	sign(f, rf_assignment(f, 1, "市发改委"), rf_on(2022, 3, 30));
	rf_ok(store_plan_dependents(f->st, f->plan_id, &n, &what, &e), &e, "deps");
	assert_int_equal(n, 1);
	assert_non_null(strstr(what.buf, "签收记录 1 条"));
	strbuf_release(&what);
	rf_submit(f, rf_on(2022, 4, 20), rf_assignment(f, 1, "市发改委"), "2022-04", 10, "起步", NULL);
	rf_plan(&doc);
	doc.tasks[0].text = "修订后的任务";
	assert_int_equal(rf_import_plan(f->st, &doc, SVC_IMPORT_REPLACE, &id, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "进展报告 1 条"));
	plan_doc_release(&doc);
}

/* A level-3 database with a plan and assignments: migrating keeps them and adds reporting. */
static void test_migration_from_level3(void **state)
{
	struct rf *f = *state;
	char *path = fx_db_new(f->dir, "level3");
	struct store *st = NULL;
	struct svc_assignment_record r;
	struct svc_rctx rc = rf_on(2022, 4, 1);
	struct err e = ERR_INIT;

	for (int i = 0; i < 3; i++) {
		char *level = fx_pg() ? pg_migration(i + 1, &e) : xstrdup(sqlite_migrations[i]);

		assert_non_null(level);
		assert_int_equal(sql_try(path, level), SQLITE_OK);
		free(level);
	}
	if (fx_pg())
		assert_int_equal(sql_try(path, "CREATE TABLE duban_meta (id INTEGER PRIMARY KEY,"
					       " application TEXT NOT NULL, version INTEGER NOT NULL);"
					       " INSERT INTO duban_meta VALUES (1, 'duban', 3)"),
				 SQLITE_OK);
	assert_int_equal(sql_try(path,
		 "INSERT INTO plans (id, issuer, doc_no, title, year, issued_on, source_sha256,"
		 " imported_at) VALUES (1, '安康市人民政府', '安政发〔2022〕5号', '清单', 2022,"
		 " '2022-03-28', 'abc', '2024-01-01T00:00:00Z');"
		 "INSERT INTO tasks (id, plan_id, no, section, text, due_on, line) VALUES"
		 " (1, 1, 1, '共性任务', '第一项', '2022-12-31', 10);"
		 "INSERT INTO units (id, name) VALUES (1, '市发改委');"
		 "INSERT INTO task_units (task_id, position, unit_id) VALUES (1, 1, 1);"
		 "INSERT INTO assignments (id, task_id, position, role, created_at, updated_at)"
		 " VALUES (5, 1, 1, 'lead', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');"),
			 SQLITE_OK);
	if (!fx_pg())
		assert_int_equal(sql_try(path, "PRAGMA user_version = 3;"
					       " PRAGMA application_id = 1685414497;"), SQLITE_OK);
	assert_int_equal(store_open(path, &st, &e), 0);
	if (fx_pg()) {
		assert_int_equal(sql_int(path, "SELECT version FROM duban_meta"), STORE_SCHEMA_VERSION);
		/* UPDATE, DELETE and TRUNCATE */
		assert_int_equal(sql_int(path, "SELECT count(*) FROM pg_trigger"
					       " WHERE tgname LIKE 'reports_no_%'"), 3);
	} else {
		assert_int_equal(sql_int(path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
		assert_int_equal(sql_int(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
					       " AND name LIKE 'reports_no_%'"), 2);
	}
	rf_ok(svc_assignment_sign(st, &rc, 5, NULL, &e), &e, "sign after migration");
	svc_assignment_record_init(&r);
	rf_ok(svc_assignment_record_load(st, 0, 5, &r, &e), &e, "load");
	assert_non_null(r.rec.signoff);
	assert_string_equal(r.ctx.task.text, "第一项");
	assert_int_equal(date_cmp(r.handed_over, (struct date){ 2022, 3, 28 }), 0);
	svc_assignment_record_release(&r);
	store_close(st);
	fx_db_drop(path);
	free(path);
}

static void test_demo_data(void **state)
{
	struct rf *f = *state;
	struct rf *g = rf_open();
	struct svc_demo_stats s1, s2, s3;
	struct err e = ERR_INIT;
	struct date day = { 2022, 9, 30 };

	rf_ok(svc_demo_data(f->st, &rf_actor, f->plan_id, day, 7, &s1, &e), &e, "demo");
	assert_false(s1.skipped);
	assert_true(s1.assignments >= 5);
	assert_true(s1.reports > 0);
	/* Every row is sample; a second run changes nothing. */
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM reports WHERE sample = 0"), 0);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM signoffs WHERE sample = 0"), 0);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM reviews WHERE sample = 0"), 0);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM reports WHERE submitted_on > '2022-09-30'"),
			 0);
	rf_ok(svc_demo_data(f->st, &rf_actor, f->plan_id, day, 7, &s2, &e), &e, "again");
	assert_true(s2.skipped);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM audit WHERE action = 'demo.fill'"), 1);
	/* The same seed gives the same data elsewhere. */
	rf_ok(svc_demo_data(g->st, &rf_actor, g->plan_id, day, 7, &s3, &e), &e, "demo g");
	assert_int_equal(s1.reports, s3.reports);
	assert_int_equal(s1.signed_for, s3.signed_for);
	assert_int_equal(sql_int(f->db, "SELECT sum(percent * version) FROM reports"),
			 sql_int(g->db, "SELECT sum(percent * version) FROM reports"));
	/* The status engine accepts what it made. */
	{
		struct svc_status s;

		svc_status_init(&s);
		rf_ok(svc_status_compute(f->st, NULL, day, NULL, &s, &e), &e, "status");
		assert_true(s.nsample > 0);
		svc_status_release(&s);
	}
	rf_close(g);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_revisions_never_overwrite),
		T(test_prefill),
		T(test_review_round_trip),
		T(test_dispute_confirm),
		T(test_dispute_reassign),
		T(test_extension_rules),
		T(test_attachments),
		T(test_verify),
		T(test_liaison_scope),
		T(test_calendar),
		T(test_dependents_block_replace),
		T(test_migration_from_level3),
		T(test_demo_data),
	};

	if (hash_init())
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
