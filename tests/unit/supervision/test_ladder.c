/* Unit tests for src/domain/ladder: steps, timers, transitions, markers, forms, 问责 and 销号 checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "domain/ladder.h"
#include "domain/status.h"
#include "util/date.h"
#include "util/err.h"

static struct date D(const char *s)
{
	struct date d = DATE_NONE;
	struct err e = ERR_INIT;

	if (s && date_parse_iso(s, &d, "test", &e))
		fail_msg("bad test date %s", s);
	return d;
}

#define ASSERT_CONTAINS(hay, needle)                                                  \
	do {                                                                           \
		if (!strstr((hay), (needle)))                                          \
			fail_msg("\"%s\" lacks \"%s\"", (hay), (needle));              \
	} while (0)

/* A history of one assignment (id 7). */
struct hist {
	struct ladder_action a[16];
	size_t n;
	struct date verified;
};

static struct ladder_action mk(enum ladder_step step, const char *issued, const char *due)
{
	struct ladder_action a;

	memset(&a, 0, sizeof(a));
	a.on = LADDER_ON_ASSIGNMENT;
	a.target_id = 7;
	a.task_no = 11;
	a.step = step;
	a.ground = step == STEP_REMIND ? GROUND_NONE : GROUND_BEHIND;
	a.issued_by = "督查室张三";
	a.issued_at = D(issued);
	a.reply_due = due ? D(due) : DATE_NONE;
	if (ladder_step_form(step) != FORM_NONE) {
		a.form_year = a.issued_at.y;
		a.form_seq = 3;
	}
	return a;
}

/* Check and append; returns the basis ladder_check gave. */
static enum ladder_basis push(struct hist *h, struct ladder_action a)
{
	struct err e = ERR_INIT;
	enum ladder_basis b = LADDER_REFUSED;

	a.id = (int64_t)h->n + 100;
	if (ladder_check(h->a, h->n, h->verified, &a, &b, &e))
		fail_msg("refused %s: %s", ladder_step_label(a.step), e.msg);
	a.basis = b;
	h->a[h->n++] = a;
	return b;
}

static enum ladder_basis judge(const struct hist *h, const char *day, enum ladder_step s)
{
	char why[LADDER_WHY_MAX];

	return ladder_judge(h->a, h->n, h->verified, D(day), s, why);
}

static void test_names(void **state)
{
	enum ladder_step s;
	enum ladder_ground g;
	enum account_measure m;

	(void)state;
	for (int i = 1; i < LADDER_NSTEPS; i++) {
		assert_int_equal(ladder_step_parse(ladder_step_name((enum ladder_step)i), &s), 0);
		assert_int_equal(s, i);
		assert_int_equal(ladder_step_parse(ladder_step_label((enum ladder_step)i), &s), 0);
		assert_int_equal(s, i);
	}
	assert_string_equal(ladder_step_label(STEP_ORANGE), "橙色督查单");
	assert_string_equal(ladder_step_label(STEP_ESCALATE), "提级督办");
	assert_int_equal(ladder_step_parse("绿色督查单", &s), -1);
	assert_int_equal(ladder_ground_parse("推诿扯皮", &g), 0);
	assert_int_equal(g, GROUND_SHIRKING);
	assert_int_equal(ladder_ground_parse("behind", &g), 0);
	assert_int_equal(g, GROUND_BEHIND);
	assert_int_equal(ladder_ground_parse("", &g), -1);
	assert_int_equal(account_measure_parse("诫勉谈话", &m), 0);
	assert_int_equal(m, MEASURE_ADMONITION);
	assert_int_equal(account_measure_parse("criticism", &m), 0);
	assert_int_equal(m, MEASURE_CRITICISM);
	assert_string_equal(ladder_form_label(ladder_step_form(STEP_URGE)), "催办单");
	assert_string_equal(ladder_form_label(ladder_step_form(STEP_RED)), "督办通知单");
	assert_int_equal(ladder_step_form(STEP_REMIND), FORM_NONE);
	assert_int_equal(ladder_step_form(STEP_INTERVIEW), FORM_NONE);
	assert_int_equal(ladder_next(STEP_NONE), STEP_REMIND);
	assert_int_equal(ladder_next(STEP_RED), STEP_ESCALATE);
	assert_int_equal(ladder_next(STEP_ACCOUNT), STEP_ACCOUNT);
	assert_int_equal(ladder_default_reply_days(STEP_URGE), 5);
	assert_int_equal(ladder_default_reply_days(STEP_BLUE), 7);
	assert_int_equal(ladder_default_reply_days(STEP_RED), 3);
	assert_int_equal(ladder_default_reply_days(STEP_INTERVIEW), 0);
}

/* The reply timer around its deadline 2022-07-10. */
static void test_timer_boundaries(void **state)
{
	struct ladder_action a = mk(STEP_BLUE, "2022-07-01", "2022-07-10");

	(void)state;
	assert_int_equal(ladder_reply_state(&a, D("2022-07-01")), REPLY_WAITING);
	assert_int_equal(ladder_reply_state(&a, D("2022-07-10")), REPLY_WAITING);	/* the day itself */
	assert_int_equal(ladder_reply_state(&a, D("2022-07-11")), REPLY_OVERDUE);	/* the day after */
	assert_int_equal(ladder_days_late(&a, D("2022-07-10")), 0);
	assert_int_equal(ladder_days_late(&a, D("2022-07-11")), 1);
	assert_int_equal(ladder_days_late(&a, D("2022-07-20")), 10);

	a.replied_at = D("2022-07-10");	/* on the deadline: in time */
	assert_int_equal(ladder_reply_state(&a, D("2022-07-10")), REPLY_IN_TIME);
	assert_int_equal(ladder_reply_state(&a, D("2022-07-09")), REPLY_WAITING);	/* not known yet */
	assert_int_equal(ladder_days_late(&a, D("2022-08-01")), 0);

	a.replied_at = D("2022-07-11");	/* one day late */
	assert_int_equal(ladder_reply_state(&a, D("2022-07-10")), REPLY_WAITING);
	assert_int_equal(ladder_reply_state(&a, D("2022-07-11")), REPLY_LATE);
	assert_int_equal(ladder_days_late(&a, D("2022-07-30")), 1);

	a = mk(STEP_INTERVIEW, "2022-07-01", NULL);
	assert_int_equal(ladder_reply_state(&a, D("2022-12-31")), REPLY_NOT_ASKED);

	/* open until closed (the closing day closes it) */
	a = mk(STEP_BLUE, "2022-07-01", "2022-07-10");
	a.closed_at = D("2022-07-15");
	assert_false(ladder_is_open(&a, DATE_NONE, D("2022-06-30")));	/* not issued yet */
	assert_true(ladder_is_open(&a, DATE_NONE, D("2022-07-14")));
	assert_false(ladder_is_open(&a, DATE_NONE, D("2022-07-15")));
	a.closed_at = DATE_NONE;
	assert_true(ladder_is_open(&a, D("2022-08-01"), D("2022-07-31")));
	assert_false(ladder_is_open(&a, D("2022-08-01"), D("2022-08-01")));	/* 销号 closes */
}

static void test_entry_steps(void **state)
{
	struct hist h;
	struct ladder_option opt[LADDER_NSTEPS - 1];

	(void)state;
	memset(&h, 0, sizeof(h));
	ladder_options(h.a, h.n, h.verified, D("2022-07-01"), opt);
	for (int i = 0; i < LADDER_NSTEPS - 1; i++)
		assert_int_equal(opt[i].step, i + 1);
	assert_int_equal(opt[STEP_REMIND - 1].basis, LADDER_FREE);
	assert_int_equal(opt[STEP_URGE - 1].basis, LADDER_FREE);
	assert_int_equal(opt[STEP_BLUE - 1].basis, LADDER_FREE);
	for (int s = STEP_ORANGE; s <= STEP_ACCOUNT; s++) {
		assert_int_equal(opt[s - 1].basis, LADDER_DECISION);
		ASSERT_CONTAINS(opt[s - 1].why, "须说明理由");
	}
	assert_string_equal(opt[STEP_RED - 1].why,
			    "尚未督办，直接发红色督查单须说明理由（如重大紧急事项、领导批示）");
	assert_string_equal(opt[STEP_INTERVIEW - 1].why,
			    "尚未督办，直接约谈须说明理由（如重大紧急事项、领导批示）");
	assert_string_equal(opt[STEP_BLUE - 1].why, "可直接发蓝色督查单");
}

/* 提醒 → 催办 → 蓝 → 橙 → 红 → 提级督办 → 约谈 → 问责, each step's timer and level. */
static void test_whole_ladder(void **state)
{
	struct hist h;
	struct ladder_state st;
	struct ladder_action a;
	char buf[256];

	(void)state;
	memset(&h, 0, sizeof(h));
	assert_int_equal(push(&h, mk(STEP_REMIND, "2022-06-01", NULL)), LADDER_FREE);
	ladder_state_at(h.a, h.n, h.verified, D("2022-06-01"), &st);
	assert_int_equal(st.level, STEP_REMIND);
	assert_int_equal(st.reply, REPLY_NOT_ASKED);

	assert_int_equal(push(&h, mk(STEP_URGE, "2022-06-05", "2022-06-10")), LADDER_FREE);
	ladder_state_at(h.a, h.n, h.verified, D("2022-06-10"), &st);
	assert_int_equal(st.level, STEP_URGE);
	assert_int_equal(st.reply, REPLY_WAITING);
	ladder_state_at(h.a, h.n, h.verified, D("2022-06-11"), &st);
	assert_int_equal(st.reply, REPLY_OVERDUE);
	assert_int_equal(st.noverdue, 1);

	/* a blue notice is free anyway (entry step) */
	assert_int_equal(push(&h, mk(STEP_BLUE, "2022-06-11", "2022-06-18")), LADDER_FREE);
	ladder_state_at(h.a, h.n, h.verified, D("2022-06-18"), &st);
	assert_int_equal(st.level, STEP_BLUE);
	assert_int_equal(st.top, 2);
	assert_int_equal(st.reply, REPLY_WAITING);
	assert_int_equal(st.nopen, 3);
	assert_int_equal(st.noverdue, 1);	/* the 催办 is still unanswered */
	/* the day of the deadline: rising needs a reason; the day after: the timer allows it */
	assert_int_equal(judge(&h, "2022-06-18", STEP_ORANGE), LADDER_DECISION);
	assert_int_equal(judge(&h, "2022-06-19", STEP_ORANGE), LADDER_TIMEOUT);
	assert_int_equal(judge(&h, "2022-06-19", STEP_RED), LADDER_DECISION);	/* skipping */

	assert_int_equal(push(&h, mk(STEP_ORANGE, "2022-06-19", "2022-06-24")), LADDER_TIMEOUT);
	assert_int_equal(judge(&h, "2022-06-24", STEP_RED), LADDER_DECISION);
	assert_int_equal(push(&h, mk(STEP_RED, "2022-06-25", "2022-06-28")), LADDER_TIMEOUT);
	assert_int_equal(push(&h, mk(STEP_ESCALATE, "2022-06-29", "2022-07-02")), LADDER_TIMEOUT);
	a = mk(STEP_INTERVIEW, "2022-07-03", NULL);
	a.leader = "副市长李四";
	assert_int_equal(push(&h, a), LADDER_TIMEOUT);
	ladder_state_at(h.a, h.n, h.verified, D("2022-07-03"), &st);
	assert_int_equal(st.level, STEP_INTERVIEW);
	/* 约谈 has no deadline: 问责 is always the office's decision */
	assert_int_equal(judge(&h, "2022-07-10", STEP_ACCOUNT), LADDER_DECISION);
	a = mk(STEP_ACCOUNT, "2022-07-10", NULL);
	assert_int_equal(ladder_check(h.a, h.n, h.verified, &a, &(enum ladder_basis){ 0 }, NULL),
			 -1);
	a.reason = "约谈后仍未整改";
	assert_int_equal(push(&h, a), LADDER_DECISION);
	ladder_state_at(h.a, h.n, h.verified, D("2022-07-10"), &st);
	assert_int_equal(st.level, STEP_ACCOUNT);
	ladder_marker_short(&st, buf, sizeof(buf));
	assert_string_equal(buf, "问责");
	/* 问责 may repeat (another measure); lower grades are refused */
	assert_int_equal(judge(&h, "2022-07-11", STEP_ACCOUNT), LADDER_FREE);
	assert_int_equal(judge(&h, "2022-07-11", STEP_RED), LADDER_REFUSED);
	assert_int_equal(judge(&h, "2022-07-11", STEP_URGE), LADDER_FREE);
}

static void test_rise_rules(void **state)
{
	struct hist h;
	char why[LADDER_WHY_MAX];

	(void)state;
	memset(&h, 0, sizeof(h));
	push(&h, mk(STEP_BLUE, "2022-07-01", "2022-07-08"));
	/* answered in time: rising is the office's decision */
	h.a[0].replied_at = D("2022-07-05");
	assert_int_equal(ladder_judge(h.a, h.n, h.verified, D("2022-07-20"), STEP_ORANGE, why),
			 LADDER_DECISION);
	ASSERT_CONTAINS(why, "已按时回复");
	/* answered late: the timer allows it */
	h.a[0].replied_at = D("2022-07-09");
	assert_int_equal(ladder_judge(h.a, h.n, h.verified, D("2022-07-20"), STEP_ORANGE, why),
			 LADDER_TIMEOUT);
	ASSERT_CONTAINS(why, "未按时回复");
	/* ...but a late reply not yet received on the day does not count as received */
	assert_int_equal(ladder_judge(h.a, h.n, h.verified, D("2022-07-09"), STEP_ORANGE, why),
			 LADDER_TIMEOUT);
	ASSERT_CONTAINS(why, "未按时回复");
	h.a[0].replied_at = DATE_NONE;
	assert_int_equal(ladder_judge(h.a, h.n, h.verified, D("2022-07-09"), STEP_ORANGE, why),
			 LADDER_TIMEOUT);
	ASSERT_CONTAINS(why, "逾期未回复");
	/* lower and equal steps while the blue notice is open */
	assert_int_equal(judge(&h, "2022-07-09", STEP_REMIND), LADDER_FREE);
	assert_int_equal(judge(&h, "2022-07-09", STEP_URGE), LADDER_FREE);
	assert_int_equal(ladder_judge(h.a, h.n, h.verified, D("2022-07-09"), STEP_BLUE, why),
			 LADDER_DECISION);
	assert_string_equal(why, "已发蓝色督查单且未办结，再次发出须说明理由");
	/* an orange open: a blue is refused (grades do not go down) */
	push(&h, mk(STEP_ORANGE, "2022-07-09", "2022-07-14"));
	assert_int_equal(ladder_judge(h.a, h.n, h.verified, D("2022-07-10"), STEP_BLUE, why),
			 LADDER_REFUSED);
	ASSERT_CONTAINS(why, "不能再发较低的蓝色督查单");
	/* closing both: the ladder starts again */
	h.a[0].closed_at = D("2022-07-12");
	h.a[1].closed_at = D("2022-07-12");
	assert_int_equal(judge(&h, "2022-07-12", STEP_BLUE), LADDER_FREE);
	assert_int_equal(judge(&h, "2022-07-12", STEP_ORANGE), LADDER_DECISION);
	/* 销号 refuses everything */
	h.verified = D("2022-07-20");
	assert_int_equal(judge(&h, "2022-07-19", STEP_BLUE), LADDER_FREE);
	assert_int_equal(ladder_judge(h.a, h.n, h.verified, D("2022-07-20"), STEP_REMIND, why),
			 LADDER_REFUSED);
	ASSERT_CONTAINS(why, "销号");
}

static void expect_refusal(const struct hist *h, struct ladder_action a, enum err_kind kind,
			 const char *want)
{
	struct err e = ERR_INIT;
	enum ladder_basis b;

	if (ladder_check(h->a, h->n, h->verified, &a, &b, &e) != -1)
		fail_msg("accepted, wanted \"%s\"", want);
	assert_int_equal(e.kind, kind);
	ASSERT_CONTAINS(e.msg, want);
}

static void test_check_record(void **state)
{
	struct hist h;
	struct ladder_action a;

	(void)state;
	memset(&h, 0, sizeof(h));
	push(&h, mk(STEP_BLUE, "2022-07-01", "2022-07-08"));

	a = mk(STEP_URGE, "2022-07-02", "2022-07-05");
	a.ground = GROUND_NONE;
	expect_refusal(&h, a, ERR_INPUT, "须写明督办事由");
	a = mk(STEP_URGE, "2022-07-02", NULL);
	expect_refusal(&h, a, ERR_INPUT, "须设定回复时限");
	a = mk(STEP_URGE, "2022-07-02", "2022-07-01");
	expect_refusal(&h, a, ERR_INPUT, "回复时限应不早于发出日期");
	a = mk(STEP_INTERVIEW, "2022-07-02", "2022-07-05");
	a.reason = "x";
	expect_refusal(&h, a, ERR_INPUT, "约谈：不设回复时限");
	a = mk(STEP_URGE, "2022-07-02", "2022-07-05");
	a.form_seq = 0;
	expect_refusal(&h, a, ERR_INPUT, "催办单编号");
	a = mk(STEP_URGE, "2022-07-02", "2022-07-05");
	a.form_year = 2021;
	expect_refusal(&h, a, ERR_INPUT, "编号应为发出当年的顺序号");
	a = mk(STEP_REMIND, "2022-07-02", NULL);
	a.form_seq = 1;
	expect_refusal(&h, a, ERR_INPUT, "提醒不编号");
	a = mk(STEP_URGE, "2022-06-30", "2022-07-05");
	expect_refusal(&h, a, ERR_INPUT, "按时间顺序登记，上一条发出于 2022-07-01");
	a = mk(STEP_URGE, "2022-07-02", "2022-07-05");
	a.target_id = 8;
	expect_refusal(&h, a, ERR_INPUT, "不属于同一督办对象");
	a = mk(STEP_URGE, "2022-07-02", "2022-07-05");
	a.issued_by = "  ";
	expect_refusal(&h, a, ERR_INPUT, "未填写发出人");
	a = mk(STEP_URGE, "2022-07-02", "2022-07-05");
	a.target_id = 0;
	expect_refusal(&h, a, ERR_INPUT, "未指明督办对象");
	/* the orange before the blue's deadline needs a reason */
	a = mk(STEP_ORANGE, "2022-07-03", "2022-07-06");
	expect_refusal(&h, a, ERR_CONFLICT, "升级为橙色督查单须说明理由");
	a.reason = "市长批示，重大紧急";
	assert_int_equal(push(&h, a), LADDER_DECISION);
	/* now a blue is refused outright */
	a = mk(STEP_BLUE, "2022-07-04", "2022-07-06");
	a.reason = "重发";
	expect_refusal(&h, a, ERR_CONFLICT, "不能发出该督查单");
}

static void test_reply_close_checks(void **state)
{
	struct ladder_action a = mk(STEP_BLUE, "2022-07-01", "2022-07-08");
	struct err e = ERR_INIT;

	(void)state;
	assert_int_equal(ladder_reply_check(&a, "已整改", D("2022-07-05"), &e), 0);
	assert_int_equal(ladder_reply_check(&a, "", D("2022-07-05"), &e), -1);
	ASSERT_CONTAINS(e.msg, "回复内容为空");
	assert_int_equal(ladder_reply_check(&a, "x", D("2022-06-30"), &e), -1);
	ASSERT_CONTAINS(e.msg, "回复日期应不早于发出日期");
	a.replied_at = D("2022-07-05");
	assert_int_equal(ladder_reply_check(&a, "x", D("2022-07-06"), &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	ASSERT_CONTAINS(e.msg, "已于 2022-07-05 回复");
	a.replied_at = DATE_NONE;
	a.closed_at = D("2022-07-06");
	assert_int_equal(ladder_reply_check(&a, "x", D("2022-07-06"), &e), 0);
	assert_int_equal(ladder_reply_check(&a, "x", D("2022-07-07"), &e), -1);
	ASSERT_CONTAINS(e.msg, "已于 2022-07-06 办结");
	assert_int_equal(ladder_close_check(&a, D("2022-07-07"), &e), -1);
	a.closed_at = DATE_NONE;
	assert_int_equal(ladder_close_check(&a, D("2022-07-07"), &e), 0);
	assert_int_equal(ladder_close_check(&a, D("2022-06-07"), &e), -1);
	a = mk(STEP_INTERVIEW, "2022-07-01", NULL);
	assert_int_equal(ladder_reply_check(&a, "x", D("2022-07-05"), &e), -1);
	ASSERT_CONTAINS(e.msg, "约谈不需回复");
}

static void test_marker(void **state)
{
	struct hist h;
	struct ladder_state st;
	struct ladder_action a;
	char buf[256];

	(void)state;
	memset(&h, 0, sizeof(h));
	ladder_state_at(h.a, h.n, h.verified, D("2022-07-01"), &st);
	ladder_marker(&st, h.a, D("2022-07-01"), buf, sizeof(buf));
	assert_string_equal(buf, "");

	push(&h, mk(STEP_URGE, "2022-06-20", "2022-06-25"));
	a = mk(STEP_ORANGE, "2022-07-01", "2022-07-10");
	a.reason = "重大紧急";
	push(&h, a);
	ladder_state_at(h.a, h.n, h.verified, D("2022-07-05"), &st);
	ladder_marker(&st, h.a, D("2022-07-05"), buf, sizeof(buf));
	assert_string_equal(buf, "已发橙色督查单（督办〔2022〕3号，限 2022-07-10 前回复）"
				 "；另有 1 件逾期未回复");
	ladder_marker_short(&st, buf, sizeof(buf));
	assert_string_equal(buf, "橙色督查单");

	ladder_state_at(h.a, h.n, h.verified, D("2022-07-11"), &st);
	ladder_marker(&st, h.a, D("2022-07-11"), buf, sizeof(buf));
	assert_string_equal(buf, "橙色督查单逾期未回复（督办〔2022〕3号，应于 2022-07-10 前回复）"
				 "；另有 1 件逾期未回复");
	ladder_marker_short(&st, buf, sizeof(buf));
	assert_string_equal(buf, "橙色督查单·逾期未回复");

	h.a[0].closed_at = D("2022-07-01");
	h.a[1].replied_at = D("2022-07-08");
	ladder_state_at(h.a, h.n, h.verified, D("2022-07-11"), &st);
	ladder_marker(&st, h.a, D("2022-07-11"), buf, sizeof(buf));
	assert_string_equal(buf, "已发橙色督查单（督办〔2022〕3号，已于 2022-07-08 回复）");
	h.a[1].replied_at = D("2022-07-12");
	ladder_state_at(h.a, h.n, h.verified, D("2022-07-12"), &st);
	ladder_marker(&st, h.a, D("2022-07-12"), buf, sizeof(buf));
	assert_string_equal(buf, "已发橙色督查单（督办〔2022〕3号，逾期 2 天，于 2022-07-12 回复）");

	/* a step without form or deadline */
	memset(&h, 0, sizeof(h));
	push(&h, mk(STEP_REMIND, "2022-07-01", NULL));
	ladder_state_at(h.a, h.n, h.verified, D("2022-07-02"), &st);
	ladder_marker(&st, h.a, D("2022-07-02"), buf, sizeof(buf));
	assert_string_equal(buf, "已提醒（2022-07-01）");
	/* 销号 clears the marker */
	h.verified = D("2022-07-02");
	ladder_state_at(h.a, h.n, h.verified, D("2022-07-02"), &st);
	assert_true(st.verified);
	assert_int_equal(st.level, STEP_NONE);
	ladder_marker(&st, h.a, D("2022-07-02"), buf, sizeof(buf));
	assert_string_equal(buf, "");
	/* a small buffer is cut at a character boundary */
	h.verified = DATE_NONE;
	ladder_state_at(h.a, h.n, h.verified, D("2022-07-02"), &st);
	ladder_marker(&st, h.a, D("2022-07-02"), buf, 8);
	assert_string_equal(buf, "已提");
}

static void test_form_numbers(void **state)
{
	char buf[64], prefix[32];
	int y = 0, n = 0;
	struct err e = ERR_INIT;
	struct hist h;

	(void)state;
	ladder_form_number(FORM_NOTICE, NULL, 2022, 12, buf, sizeof(buf));
	assert_string_equal(buf, "督办〔2022〕12号");
	ladder_form_number(FORM_URGE, "", 2022, 1, buf, sizeof(buf));
	assert_string_equal(buf, "催办〔2022〕1号");
	ladder_form_number(FORM_HANDOVER, "安督交", 2023, 130, buf, sizeof(buf));
	assert_string_equal(buf, "安督交〔2023〕130号");
	ladder_form_number(FORM_NONE, NULL, 2022, 1, buf, sizeof(buf));
	assert_string_equal(buf, "");
	ladder_form_number(FORM_NOTICE, NULL, 2022, 0, buf, sizeof(buf));
	assert_string_equal(buf, "");

	assert_int_equal(ladder_form_number_parse("督办〔2022〕12号", prefix, sizeof(prefix), &y,
						  &n, &e), 0);
	assert_string_equal(prefix, "督办");
	assert_int_equal(y, 2022);
	assert_int_equal(n, 12);
	assert_int_equal(ladder_form_number_parse("安督【2021】第 7 号", prefix, sizeof(prefix),
						  &y, &n, &e), 0);
	assert_string_equal(prefix, "安督");
	assert_int_equal(y, 2021);
	assert_int_equal(n, 7);
	assert_int_equal(ladder_form_number_parse("督[2022]3号", NULL, 0, &y, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_int_equal(ladder_form_number_parse("〔2022〕3号", NULL, 0, &y, &n, &e), -1);
	ASSERT_CONTAINS(e.msg, "编号“〔2022〕3号”无效");
	assert_int_equal(ladder_form_number_parse("督办〔22〕3号", NULL, 0, &y, &n, &e), -1);
	assert_int_equal(ladder_form_number_parse("督办〔2022〕号", NULL, 0, &y, &n, &e), -1);
	assert_int_equal(ladder_form_number_parse("督办〔2022〕0号", NULL, 0, &y, &n, &e), -1);
	assert_int_equal(ladder_form_number_parse("督办〔2022〕3", NULL, 0, &y, &n, &e), -1);
	assert_int_equal(ladder_form_number_parse("督办〔2022】3号", NULL, 0, &y, &n, &e), -1);

	/* numbers run per form kind and year */
	memset(&h, 0, sizeof(h));
	h.a[0] = mk(STEP_BLUE, "2022-07-01", "2022-07-08");
	h.a[0].form_seq = 4;
	h.a[1] = mk(STEP_URGE, "2022-07-01", "2022-07-08");
	h.a[1].form_seq = 9;
	h.a[2] = mk(STEP_RED, "2021-07-01", "2021-07-08");
	h.a[2].form_seq = 30;
	h.n = 3;
	assert_int_equal(ladder_form_next_seq(h.a, h.n, FORM_NOTICE, 2022), 5);
	assert_int_equal(ladder_form_next_seq(h.a, h.n, FORM_URGE, 2022), 10);
	assert_int_equal(ladder_form_next_seq(h.a, h.n, FORM_NOTICE, 2021), 31);
	assert_int_equal(ladder_form_next_seq(h.a, h.n, FORM_NOTICE, 2023), 1);
}

static void test_forms(void **state)
{
	struct ladder_subject s = { 11, "上半年开工 163 个新建产业项目", "市发改委", "王五", NULL };
	struct ladder_action a = mk(STEP_BLUE, "2022-07-01", "2022-07-08");
	struct ladder_form f;

	(void)state;
	a.form_seq = 12;
	ladder_form_build(&a, &s, &f);
	assert_int_equal(f.kind, FORM_NOTICE);
	assert_string_equal(f.title, "蓝色督查单（督办通知单）");
	assert_string_equal(f.number, "督办〔2022〕12号");
	assert_string_equal(f.matter_no, "第 11 项");
	assert_string_equal(f.matter, "上半年开工 163 个新建产业项目");
	assert_string_equal(f.unit, "市发改委");
	assert_string_equal(f.person, "王五");
	assert_string_equal(f.deadline, "2022年7月8日前");
	assert_string_equal(f.ground, "进度滞后");
	assert_string_equal(f.issued, "2022年7月1日");
	assert_string_equal(f.office, "市政府督查室");
	assert_string_equal(f.requirement, "该事项存在进度滞后问题，请对照任务要求抓紧整改落实，"
					   "于2022年7月8日前将整改落实情况书面回复市政府督查室。");
	/* the office's own requirement wins */
	a.requirement = "请于 7 月 8 日前报送开工清单。";
	ladder_form_build(&a, &s, &f);
	assert_string_equal(f.requirement, "请于 7 月 8 日前报送开工清单。");

	a = mk(STEP_URGE, "2022-06-26", "2022-07-01");
	a.ground = GROUND_INEFFECTIVE;
	s.office = "安康市政府督查室";
	s.person = NULL;
	ladder_form_build(&a, &s, &f);
	assert_int_equal(f.kind, FORM_URGE);
	assert_string_equal(f.title, "催办单");
	assert_string_equal(f.number, "催办〔2022〕3号");
	assert_string_equal(f.person, "");
	ASSERT_CONTAINS(f.requirement, "落实不力");
	ASSERT_CONTAINS(f.requirement, "报送安康市政府督查室");

	a = mk(STEP_ESCALATE, "2022-06-26", "2022-07-01");
	a.leader = "常务副市长";
	ladder_form_build(&a, &s, &f);
	assert_string_equal(f.title, "督办通知单（提级督办）");
	assert_string_equal(f.leader, "常务副市长");
	ASSERT_CONTAINS(f.requirement, "报请常务副市长督办");

	a = mk(STEP_INTERVIEW, "2022-06-26", NULL);
	ladder_form_build(&a, &s, &f);
	assert_int_equal(f.kind, FORM_NONE);
	assert_string_equal(f.number, "");
	assert_string_equal(f.deadline, "");

	ladder_form_handover(&s, D("2022-03-28"), D("2022-12-31"), 11, NULL, NULL, &f);
	assert_int_equal(f.kind, FORM_HANDOVER);
	assert_string_equal(f.title, "交办单");
	assert_string_equal(f.number, "交办〔2022〕11号");
	assert_string_equal(f.deadline, "2022年12月31日前");
	assert_string_equal(f.issued, "2022年3月28日");
	ASSERT_CONTAINS(f.requirement, "于2022年12月31日前完成");
}

static void test_accountability(void **state)
{
	struct hist h;
	struct ladder_action r_act;
	struct accountability r;
	struct err e = ERR_INIT;

	(void)state;
	memset(&h, 0, sizeof(h));
	r_act = mk(STEP_RED, "2022-07-01", "2022-07-04");
	r_act.reason = "特事特办";
	push(&h, r_act);	/* id 100 */
	memset(&r, 0, sizeof(r));
	r.id = 1;
	r.action_id = 100;
	r.on = LADDER_ON_ASSIGNMENT;
	r.target_id = 7;
	r.ground = GROUND_BEHIND;
	r.measure = MEASURE_CRITICISM;
	r.decided_on = D("2022-07-20");
	r.doc_no = "安督〔2022〕2号";
	assert_int_equal(accountability_check(&r, h.a, h.n, &e), 0);

	r.ground = GROUND_NONE;
	assert_int_equal(accountability_check(&r, h.a, h.n, &e), -1);
	ASSERT_CONTAINS(e.msg, "须写明事由");
	r.ground = GROUND_SHIRKING;
	r.measure = MEASURE_OTHER;
	assert_int_equal(accountability_check(&r, h.a, h.n, &e), -1);
	ASSERT_CONTAINS(e.msg, "须写明具体方式");
	r.measure_text = "取消年度评优资格";
	assert_int_equal(accountability_check(&r, h.a, h.n, &e), 0);
	r.doc_no = "";
	assert_int_equal(accountability_check(&r, h.a, h.n, &e), -1);
	ASSERT_CONTAINS(e.msg, "未填写文号");
	r.doc_no = "安督〔2022〕2号";
	r.action_id = 0;
	assert_int_equal(accountability_check(&r, h.a, h.n, &e), -1);
	ASSERT_CONTAINS(e.msg, "须关联");
	r.action_id = 555;
	assert_int_equal(accountability_check(&r, h.a, h.n, &e), -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);
	r.action_id = 100;
	r.decided_on = D("2022-06-30");
	assert_int_equal(accountability_check(&r, h.a, h.n, &e), -1);
	ASSERT_CONTAINS(e.msg, "决定日期早于关联的红色督查单（2022-07-01）");
	r.decided_on = D("2022-07-01");
	r.target_id = 9;
	assert_int_equal(accountability_check(&r, h.a, h.n, &e), -1);
	ASSERT_CONTAINS(e.msg, "不属于同一督办对象");
}

static void test_verification(void **state)
{
	struct verification v;
	struct err e = ERR_INIT;

	(void)state;
	memset(&v, 0, sizeof(v));
	v.target_id = 7;
	v.verified_at = D("2022-12-20");
	v.verified_by = "督查室";
	v.targets = 3;
	v.targets_reached = 2;
	v.targets_beaten = 1;
	assert_int_equal(verification_check(&v, LC_DONE, &e), 0);
	assert_int_equal(verification_check(&v, LC_IN_PROGRESS, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	ASSERT_CONTAINS(e.msg, "推进中，尚未报告完成，不能销号");
	assert_int_equal(verification_check(&v, LC_VERIFIED, &e), -1);
	ASSERT_CONTAINS(e.msg, "已销号");
	assert_int_equal(verification_check(&v, LC_WITHDRAWN, &e), -1);
	v.targets_beaten = 3;
	assert_int_equal(verification_check(&v, LC_DONE, &e), -1);
	ASSERT_CONTAINS(e.msg, "指标数");
	v.targets_beaten = 0;
	v.verified_by = NULL;
	assert_int_equal(verification_check(&v, LC_DONE, &e), -1);
	ASSERT_CONTAINS(e.msg, "核验人");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_timer_boundaries),
		cmocka_unit_test(test_entry_steps),
		cmocka_unit_test(test_whole_ladder),
		cmocka_unit_test(test_rise_rules),
		cmocka_unit_test(test_check_record),
		cmocka_unit_test(test_reply_close_checks),
		cmocka_unit_test(test_marker),
		cmocka_unit_test(test_form_numbers),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_accountability),
		cmocka_unit_test(test_verification),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
