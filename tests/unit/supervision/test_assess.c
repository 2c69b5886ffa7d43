/* Unit tests for src/domain/assess: a hand-computed case of four units, caps, floor, ties, appeals, weights, facts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "domain/assess.h"
#include "domain/assignment.h"
#include "domain/ladder.h"
#include "domain/period.h"
#include "domain/status.h"
#include "util/arena.h"
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

static struct period P(const char *s)
{
	struct period p = PERIOD_NONE;
	struct err e = ERR_INIT;

	if (period_parse(s, &p, "test", &e))
		fail_msg("bad test period %s", s);
	return p;
}

#define ASSERT_CONTAINS(hay, needle)                                                  \
	do {                                                                           \
		if (!strstr((hay), (needle)))                                          \
			fail_msg("\"%s\" lacks \"%s\"", (hay), (needle));              \
	} while (0)

static struct assess_report R(const char *period, enum assess_report_state st, const char *sub,
			      int returned)
{
	struct assess_report r;
	struct period p = P(period);

	memset(&r, 0, sizeof(r));
	r.period = p;
	r.due = period_due(p, 25);
	r.state = st;
	r.submitted_at = D(sub);
	r.returned = returned;
	return r;
}

/*
 * THE CASE (year 2022, D = 2022-12-31, default rules)
 *
 * Unit A 市发改委 (id 1)
 *  a11 task 1, lead (2 points): handed over 04-01, signed 04-02 (1 day: fine),
 *      first report 04-20 (19 days: fine), due 12-31, completed 10-15,
 *      verified 10-20, targets 2 reached 2 beaten 1.
 *      2022-06 report late (due 06-25, came 06-28)       duty        -0.5
 *      2022-07 report returned once                       duty        -1
 *      completed 77 days before 12-31 (>= 30), verified   efficiency  +1
 *      credit: P = 2 + 1 = 3, load = min(10, 0.5*3) = 1.5,
 *              (30 + 1.5) * 2/3 * 2/2 = 21                completion  +21
 *      1 target beaten                                    completion  +1
 *  a12 task 11, co (1 point): handed over 04-01, signed 04-08 (7 > 3 days)
 *                                                         duty        -1
 *      first report 05-20: 49 > 30 days                   efficiency  -1
 *      it was the 2022-04 report (due 04-25): late        duty        -0.5
 *      due 06-30, not complete: 184 days * 0.1 = 18.4,
 *              capped at 3 per assignment                 efficiency  -3
 *      2022-08 report missing                             duty        -2
 *      red at the end of 2022-07 and 2022-08              completion  -0.5 -0.5
 *      credit: not verified                               completion  0
 *  n101 blue notice on task 11 (进度滞后), issued 08-01, reply by 08-08,
 *      replied 08-12 (4 days late)
 *      the notice (ground 进度滞后 → completion)          completion  -1
 *      not answered in time                               duty        -1
 *      4 days * 0.1                                       efficiency  -0.4
 *  n102 orange notice (进度滞后), issued 08-15, reply by 08-20, no reply
 *      the notice                                         completion  -2
 *      not answered in time                               duty        -1
 *      133 days * 0.1 = 13.3, capped at 1 per notice      efficiency  -1
 *  c201 问责 通报批评 (效能低下), 09-01                     efficiency  -5
 *  duty       = 40 - 0.5 - 1 - 1 - 0.5 - 2 - 1 - 1     = 33
 *  efficiency = 30 + 1 - 1 - 3 - 0.4 - 1 - 5            = 20.6
 *  completion = 21 + 1 - 0.5 - 0.5 - 1 - 2              = 18
 *  total                                                = 71.6
 *
 * Unit B 市工信局 (id 2)
 *  b21 task 2, lead: all on time, due 12-31, completed 12-20 (11 days early:
 *      no bonus), verified 12-28, targets 3 reached 2.
 *      credit: P = 2, load = 1, (30 + 1) * 2/2 * 2/3 = 20.666.. → 20.67
 *  n103 催办 (落实不力), answered in time                  duty        -0.5
 *  duty 39.5 + efficiency 30 + completion 20.67          = 90.17
 *
 * Unit C 市商务局 (id 3)
 *  c31 like b21, and red at the end of 2022-05          completion  -0.5
 *  c32 task 5, co: dispute upheld 04-05: a 0-point line, not counted in P
 *  c33 task 6, handed over 2023-01-05: does not exist on D
 *  duty 40 + efficiency 30 + completion 20.17            = 90.17 (tie with B)
 *
 * Unit D 市机场办 (id 4): no assignment: 40 + 30 + 0 = 70, not ranked.
 *
 * Rank: B 1, C 1 (tie, input order), A 3, D unranked.
 */
struct casefx {
	struct assess_report ra11[6], ra12[9], rb21[2];
	struct period reda12[2], redc31[1];
	struct assess_assignment aa[2], ab[1], ac[3];
	struct ladder_action na[2], nb[1];
	struct accountability ca[1];
	struct assess_unit u[4];
};

static struct ladder_action notice(int64_t id, enum ladder_step s, enum ladder_ground g,
				   int task, int seq, const char *issued, const char *due,
				   const char *replied)
{
	struct ladder_action a;

	memset(&a, 0, sizeof(a));
	a.id = id;
	a.target_id = 12;
	a.task_no = task;
	a.step = s;
	a.ground = g;
	a.issued_by = "督查室";
	a.issued_at = D(issued);
	a.reply_due = D(due);
	a.replied_at = D(replied);
	a.form_year = 2022;
	a.form_seq = seq;
	return a;
}

static struct assess_assignment asg(int64_t id, int task, enum role role, const char *handed,
				    const char *signed_at, const char *first, const char *due,
				    const char *completed, const char *verified)
{
	struct assess_assignment a;

	memset(&a, 0, sizeof(a));
	a.id = id;
	a.task_no = task;
	a.role = role;
	a.handed_over = D(handed);
	a.signed_at = D(signed_at);
	a.first_report_at = D(first);
	a.due = D(due);
	a.completed_at = D(completed);
	a.verified_at = D(verified);
	return a;
}

static void case_init(struct casefx *c)
{
	memset(c, 0, sizeof(*c));
	/* A */
	c->ra11[0] = R("2022-04", AREPORT_ON_TIME, "2022-04-20", 0);
	c->ra11[1] = R("2022-05", AREPORT_ON_TIME, "2022-05-20", 0);
	c->ra11[2] = R("2022-06", AREPORT_LATE, "2022-06-28", 0);
	c->ra11[3] = R("2022-07", AREPORT_ON_TIME, "2022-07-20", 1);
	c->ra11[4] = R("2022-08", AREPORT_ON_TIME, "2022-08-20", 0);
	c->ra11[5] = R("2022-09", AREPORT_ON_TIME, "2022-09-20", 0);
	c->aa[0] = asg(11, 1, ROLE_LEAD, "2022-04-01", "2022-04-02", "2022-04-20", "2022-12-31",
		       "2022-10-15", "2022-10-20");
	c->aa[0].targets = 2;
	c->aa[0].targets_reached = 2;
	c->aa[0].targets_beaten = 1;
	c->aa[0].reports = c->ra11;
	c->aa[0].nreports = 6;
	c->ra12[0] = R("2022-04", AREPORT_LATE, "2022-05-20", 0);
	c->ra12[1] = R("2022-05", AREPORT_ON_TIME, "2022-05-20", 0);
	c->ra12[2] = R("2022-06", AREPORT_ON_TIME, "2022-06-20", 0);
	c->ra12[3] = R("2022-07", AREPORT_ON_TIME, "2022-07-20", 0);
	c->ra12[4] = R("2022-08", AREPORT_MISSING, NULL, 0);
	c->ra12[5] = R("2022-09", AREPORT_ON_TIME, "2022-09-20", 0);
	c->ra12[6] = R("2022-10", AREPORT_ON_TIME, "2022-10-20", 0);
	c->ra12[7] = R("2022-11", AREPORT_ON_TIME, "2022-11-20", 0);
	c->ra12[8] = R("2022-12", AREPORT_ON_TIME, "2022-12-20", 0);
	c->reda12[0] = P("2022-07");
	c->reda12[1] = P("2022-08");
	c->aa[1] = asg(12, 11, ROLE_CO, "2022-04-01", "2022-04-08", "2022-05-20", "2022-06-30",
		       NULL, NULL);
	c->aa[1].reports = c->ra12;
	c->aa[1].nreports = 9;
	c->aa[1].red_periods = c->reda12;
	c->aa[1].nred = 2;
	c->na[0] = notice(101, STEP_BLUE, GROUND_BEHIND, 11, 5, "2022-08-01", "2022-08-08",
			  "2022-08-12");
	c->na[1] = notice(102, STEP_ORANGE, GROUND_BEHIND, 11, 6, "2022-08-15", "2022-08-20",
			  NULL);
	c->ca[0].id = 201;
	c->ca[0].action_id = 102;
	c->ca[0].task_no = 11;
	c->ca[0].ground = GROUND_INEFFICIENT;
	c->ca[0].measure = MEASURE_CRITICISM;
	c->ca[0].decided_on = D("2022-09-01");
	c->ca[0].doc_no = "安督〔2022〕2号";
	c->u[0] = (struct assess_unit){ 1, "市发改委", c->aa, 2, c->na, 2, c->ca, 1 };
	/* B */
	c->rb21[0] = R("2022-04", AREPORT_ON_TIME, "2022-04-20", 0);
	c->rb21[1] = R("2022-05", AREPORT_ON_TIME, "2022-05-20", 0);
	c->ab[0] = asg(21, 2, ROLE_LEAD, "2022-04-01", "2022-04-01", "2022-04-20", "2022-12-31",
		       "2022-12-20", "2022-12-28");
	c->ab[0].targets = 3;
	c->ab[0].targets_reached = 2;
	c->ab[0].reports = c->rb21;
	c->ab[0].nreports = 2;
	c->nb[0] = notice(103, STEP_URGE, GROUND_INEFFECTIVE, 2, 2, "2022-05-30", "2022-06-04",
			  "2022-06-03");
	c->u[1] = (struct assess_unit){ 2, "市工信局", c->ab, 1, c->nb, 1, NULL, 0 };
	/* C */
	c->ac[0] = c->ab[0];
	c->ac[0].id = 31;
	c->ac[0].task_no = 3;
	c->redc31[0] = P("2022-05");
	c->ac[0].red_periods = c->redc31;
	c->ac[0].nred = 1;
	c->ac[1] = asg(32, 5, ROLE_CO, "2022-04-01", NULL, NULL, "2022-12-31", NULL, NULL);
	c->ac[1].dispute = DISPUTE_UPHELD;
	c->ac[1].dispute_at = D("2022-04-05");
	c->ac[2] = asg(33, 6, ROLE_LEAD, "2023-01-05", NULL, NULL, "2023-12-31", NULL, NULL);
	c->u[2] = (struct assess_unit){ 3, "市商务局", c->ac, 3, NULL, 0, NULL, 0 };
	/* D */
	c->u[3] = (struct assess_unit){ 4, "市机场办", NULL, 0, NULL, 0, NULL, 0 };
}

static const struct assess_line *line(const struct assess_score *s, const char *key)
{
	const struct assess_line *l = assess_score_line(s, key);

	if (!l)
		fail_msg("%s has no line %s", s->unit_name, key);
	return l;
}

static void expect_line(const struct assess_score *s, const char *key, enum assess_part part,
			int cp, const char *text)
{
	const struct assess_line *l = line(s, key);

	if (l->points_cp != cp)
		fail_msg("%s %s: %d, wanted %d", s->unit_name, key, l->points_cp, cp);
	assert_int_equal(l->part, part);
	if (text)
		assert_string_equal(l->text, text);
}

static const struct assess_score *unit(const struct assess_result *r, int64_t id)
{
	const struct assess_score *s = assess_result_find(r, id);

	if (!s)
		fail_msg("no unit %lld", (long long)id);
	return s;
}

static void run(const struct assess_config *cfg, struct casefx *c, const struct assess_appeal *ap,
		size_t nap, struct assess_result *r)
{
	struct err e = ERR_INIT;

	if (assess_run(cfg, 2022, DATE_NONE, c->u, 4, ap, nap, r, &e))
		fail_msg("assess_run: %s", e.msg);
}

/* Lines of each part sum to the part, parts to the total. */
static void check_sums(const struct assess_score *s)
{
	long sum[ASSESS_NPARTS] = { 0 };

	for (size_t i = 0; i < s->nlines; i++)
		sum[s->lines[i].part] += s->lines[i].points_cp;
	for (int p = 0; p < ASSESS_NPARTS; p++)
		assert_int_equal(sum[p], s->part_cp[p]);
	assert_int_equal(s->total_cp,
			 s->part_cp[0] + s->part_cp[1] + s->part_cp[2]);
}

static void test_hand_computed_case(void **state)
{
	struct assess_config cfg;
	struct casefx c;
	struct assess_result r;
	const struct assess_score *a, *b, *cc, *d;
	char buf[512];

	(void)state;
	assess_config_default(&cfg);
	case_init(&c);
	run(&cfg, &c, NULL, 0, &r);
	assert_int_equal(r.year, 2022);
	assert_int_equal(date_cmp(r.as_of, D("2022-12-31")), 0);
	assert_int_equal(r.n, 4);

	a = unit(&r, 1);
	assert_int_equal(a->part_cp[PART_DUTY], 3300);
	assert_int_equal(a->part_cp[PART_EFFICIENCY], 2060);
	assert_int_equal(a->part_cp[PART_COMPLETION], 1800);
	assert_int_equal(a->total_cp, 7160);
	assert_int_equal(a->task_points_cp, 300);
	assert_int_equal(a->load_cp, 150);
	assert_int_equal(a->nassignments, 2);
	assert_int_equal(a->nlines, 22);
	check_sums(a);
	expect_line(a, "base:duty", PART_DUTY, 4000, "职责履行基础分");
	expect_line(a, "base:efficiency", PART_EFFICIENCY, 3000, NULL);
	expect_line(a, "a11:report:2022-06", PART_DUTY, -50,
		    "第 1 项 2022-06 月报迟报（应于 2022-06-25 前报送，2022-06-28 报送）");
	expect_line(a, "a11:returned:2022-07", PART_DUTY, -100, "第 1 项 2022-07 月报被退回 1 次");
	expect_line(a, "a11:early", PART_EFFICIENCY, 100, "第 1 项 提前 77 天完成（时限 2022-12-31）");
	expect_line(a, "a11:credit", PART_COMPLETION, 2100,
		    "第 1 项（牵头，分值 2/3）已销号，指标达成 2/2");
	expect_line(a, "a11:beaten", PART_COMPLETION, 100,
		    "第 1 项 1 项指标超额完成（超出目标 10% 以上）");
	expect_line(a, "a12:sign", PART_DUTY, -100, "第 11 项 交办后 7 天签收（限 3 天）");
	expect_line(a, "a12:report:2022-04", PART_DUTY, -50,
		    "第 11 项 2022-04 月报迟报（应于 2022-04-25 前报送，2022-05-20 报送）");
	expect_line(a, "a12:first_report", PART_EFFICIENCY, -100,
		    "第 11 项 交办后 49 天首次报送进展（限 30 天）");
	expect_line(a, "a12:complete_late", PART_EFFICIENCY, -300,
		    "第 11 项 逾期 184 天仍未完成（时限 2022-06-30），按每项上限计");
	expect_line(a, "a12:report:2022-08", PART_DUTY, -200,
		    "第 11 项 2022-08 月报逾期未报（应于 2022-08-25 前报送）");
	expect_line(a, "a12:red:2022-07", PART_COMPLETION, -50, "第 11 项 2022-07 月报期末进度为红色");
	expect_line(a, "a12:red:2022-08", PART_COMPLETION, -50, NULL);
	expect_line(a, "a12:credit", PART_COMPLETION, 0, "第 11 项（配合，分值 1/3）未完成");
	expect_line(a, "n101:step", PART_COMPLETION, -100,
		    "第 11 项 蓝色督查单（督办〔2022〕5号，进度滞后）");
	expect_line(a, "n101:unanswered", PART_DUTY, -100,
		    "第 11 项 蓝色督查单（督办〔2022〕5号）未按时回复（限 2022-08-08 前，2022-08-12 回复）");
	expect_line(a, "n101:reply_late", PART_EFFICIENCY, -40,
		    "第 11 项 蓝色督查单（督办〔2022〕5号）回复逾期 4 天");
	expect_line(a, "n102:step", PART_COMPLETION, -200, NULL);
	expect_line(a, "n102:unanswered", PART_DUTY, -100,
		    "第 11 项 橙色督查单（督办〔2022〕6号）未按时回复（限 2022-08-20 前，至 2022-12-31 未回复）");
	expect_line(a, "n102:reply_late", PART_EFFICIENCY, -100,
		    "第 11 项 橙色督查单（督办〔2022〕6号）回复逾期 133 天，按每件上限计");
	expect_line(a, "c201", PART_EFFICIENCY, -500,
		    "第 11 项 问责：通报批评（安督〔2022〕2号，效能低下）");
	assess_line_format(line(a, "a12:report:2022-08"), buf, sizeof(buf));
	assert_string_equal(buf, "第 11 项 2022-08 月报逾期未报（应于 2022-08-25 前报送） −2 分");
	assess_line_format(line(a, "a11:early"), buf, sizeof(buf));
	assert_string_equal(buf, "第 1 项 提前 77 天完成（时限 2022-12-31） +1 分");
	/* lines come by part: all duty lines first */
	assert_string_equal(a->lines[0].key, "base:duty");
	for (size_t i = 1; i < a->nlines; i++)
		assert_true(a->lines[i].part >= a->lines[i - 1].part);

	b = unit(&r, 2);
	assert_int_equal(b->part_cp[PART_DUTY], 3950);
	assert_int_equal(b->part_cp[PART_EFFICIENCY], 3000);
	assert_int_equal(b->part_cp[PART_COMPLETION], 2067);
	assert_int_equal(b->total_cp, 9017);
	check_sums(b);
	expect_line(b, "n103:step", PART_DUTY, -50, "第 2 项 催办（催办〔2022〕2号，落实不力）");
	assert_null(assess_score_line(b, "n103:unanswered"));	/* answered in time */
	assert_null(assess_score_line(b, "a21:early"));		/* 11 days: too few */
	expect_line(b, "a21:credit", PART_COMPLETION, 2067, NULL);

	cc = unit(&r, 3);
	assert_int_equal(cc->part_cp[PART_DUTY], 4000);
	assert_int_equal(cc->part_cp[PART_COMPLETION], 2017);
	assert_int_equal(cc->total_cp, 9017);
	assert_int_equal(cc->nassignments, 1);
	check_sums(cc);
	expect_line(cc, "a32:dispute", PART_DUTY, 0, "第 5 项 退回理由成立，已改派（2022-04-05），不计分");
	assert_null(assess_score_line(cc, "a32:credit"));
	assert_null(assess_score_line(cc, "a33:credit"));	/* handed over after D */

	d = unit(&r, 4);
	assert_int_equal(d->total_cp, 7000);
	assert_int_equal(d->rank, 0);
	check_sums(d);

	/* rank: B and C tie at 90.17 (input order), A third, D unranked and last */
	assert_int_equal(r.units[0].unit_id, 2);
	assert_int_equal(r.units[0].rank, 1);
	assert_int_equal(r.units[1].unit_id, 3);
	assert_int_equal(r.units[1].rank, 1);
	assert_int_equal(r.units[2].unit_id, 1);
	assert_int_equal(r.units[2].rank, 3);
	assert_int_equal(r.units[3].unit_id, 4);
	assert_int_equal(r.units[3].rank, 0);
	assess_score_describe(a, buf, sizeof(buf));
	assert_string_equal(buf, "职责履行 33、行政效能 20.6、任务完成情况 18，合计 71.6，第 3 名");
	assess_score_describe(d, buf, sizeof(buf));
	ASSERT_CONTAINS(buf, "不排名");
	assess_result_release(&r);
}

/* The same facts under an interim as-of date and under another rules file (what-if). */
static void test_as_of_and_what_if(void **state)
{
	struct assess_config cfg, other;
	struct casefx c;
	struct assess_result r;
	struct err e = ERR_INIT;
	const struct assess_score *a;

	(void)state;
	assess_config_default(&cfg);
	case_init(&c);
	/* as of 2022-08-10: n101 answered late (4 days), n102 not issued, c201 not decided,
	 * the 08 report not yet due, red 07 counts, 08 not; a11 not yet complete */
	assert_int_equal(assess_run(&cfg, 2022, D("2022-08-10"), c.u, 4, NULL, 0, &r, &e), 0);
	a = unit(&r, 1);
	assert_null(assess_score_line(a, "n102:step"));
	assert_null(assess_score_line(a, "c201"));
	assert_null(assess_score_line(a, "a12:report:2022-08"));	/* due 08-25: not yet */
	assert_non_null(assess_score_line(a, "a12:red:2022-07"));
	assert_null(assess_score_line(a, "a12:red:2022-08"));	/* ends 08-31 */
	expect_line(a, "n101:reply_late", PART_EFFICIENCY, -20, NULL);	/* 2 days on 08-10 */
	assess_result_release(&r);

	/* a what-if: doubled report deductions and no notice deductions */
	other = cfg;
	assert_int_equal(assess_config_parse(&other, "report_missing = 4\nstep_blue = 0\n"
					     "step_orange = 0\n", "whatif.conf", &e), 0);
	run(&other, &c, NULL, 0, &r);
	a = unit(&r, 1);
	expect_line(a, "a12:report:2022-08", PART_DUTY, -400, NULL);
	assert_null(assess_score_line(a, "n101:step"));
	assert_int_equal(a->part_cp[PART_DUTY], 3100);		/* 33 - 2 */
	assert_int_equal(a->part_cp[PART_COMPLETION], 2100);	/* 18 + 1 + 2 */
	assert_int_equal(a->total_cp, 3100 + 2060 + 2100);
	assess_result_release(&r);
	/* and the default again gives the first answer: nothing was stored */
	run(&cfg, &c, NULL, 0, &r);
	assert_int_equal(unit(&r, 1)->total_cp, 7160);
	assess_result_release(&r);
}

static void test_caps_and_floor(void **state)
{
	struct assess_config cfg;
	struct casefx c;
	struct assess_result r;
	const struct assess_score *a;
	struct err e = ERR_INIT;

	(void)state;
	assess_config_default(&cfg);
	assert_int_equal(assess_config_parse(&cfg,
					     "duty_deduct_cap = 5\n"
					     "efficiency_bonus_cap = 0.5\n"
					     "completion_deduct_cap = 100\n"
					     "step_orange = 50\n",
					     "caps.conf", &e), 0);
	case_init(&c);
	run(&cfg, &c, NULL, 0, &r);
	a = unit(&r, 1);
	/* duty: deductions 7 > 5 → +2 back: 35 */
	expect_line(a, "cap:duty:deduct", PART_DUTY, 200, "职责履行扣分 7 分超过上限 5 分，按上限计");
	assert_int_equal(a->part_cp[PART_DUTY], 3500);
	/* efficiency: bonus 1 > 0.5 → -0.5: 20.1 */
	expect_line(a, "cap:efficiency:bonus", PART_EFFICIENCY, -50,
		    "行政效能加分 1 分超过上限 0.5 分，按上限计");
	assert_int_equal(a->part_cp[PART_EFFICIENCY], 2010);
	/* completion: 21 + 1 - 0.5 - 0.5 - 1 - 50 = -30 → floor +30: 0 */
	expect_line(a, "n102:step", PART_COMPLETION, -5000, NULL);
	expect_line(a, "floor:completion", PART_COMPLETION, 3000, "任务完成情况不低于 0 分");
	assert_int_equal(a->part_cp[PART_COMPLETION], 0);
	assert_int_equal(a->total_cp, 5510);
	assert_true(line(a, "cap:duty:deduct")->fixed);
	check_sums(a);
	/* B is under every cap: unchanged */
	assert_int_equal(unit(&r, 2)->total_cp, 9017);
	assert_null(assess_score_line(unit(&r, 2), "cap:duty:deduct"));
	assess_result_release(&r);
}

static void test_appeals(void **state)
{
	struct assess_config cfg;
	struct casefx c;
	struct assess_result r;
	const struct assess_score *a;
	const struct assess_line *l;
	struct assess_appeal ap[6];
	struct err e = ERR_INIT;
	char buf[512];

	(void)state;
	assess_config_default(&cfg);
	case_init(&c);
	memset(ap, 0, sizeof(ap));
	/* corrected: the 08 report was sent by e-mail on time */
	ap[0] = (struct assess_appeal){ 1, 1, "a12:report:2022-08", "8 月报告已按时通过邮件报送",
					D("2023-01-05"), APPEAL_CORRECTED, 0, D("2023-01-10"),
					"督查室", "核实属实" };
	/* upheld: the orange notice was indeed not answered */
	ap[1] = (struct assess_appeal){ 2, 1, "n102:unanswered", "已电话回复", D("2023-01-05"),
					APPEAL_UPHELD, 0, D("2023-01-10"), "督查室", NULL };
	ap[2] = (struct assess_appeal){ 3, 1, "a99:sign", "x", D("2023-01-05"), APPEAL_PENDING, 0,
					DATE_NONE, NULL, NULL };	/* no such line */
	ap[3] = (struct assess_appeal){ 4, 1, "a12:report:2022-08", "again", D("2023-01-06"),
					APPEAL_PENDING, 0, DATE_NONE, NULL, NULL };	/* second */
	ap[4] = (struct assess_appeal){ 5, 9, "base:duty", "x", D("2023-01-05"), APPEAL_PENDING, 0,
					DATE_NONE, NULL, NULL };	/* no such unit */
	ap[5] = (struct assess_appeal){ 6, 1, "base:duty", "x", D("2023-01-05"), APPEAL_PENDING, 0,
					DATE_NONE, NULL, NULL };	/* fixed line */
	run(&cfg, &c, ap, 6, &r);
	a = unit(&r, 1);
	l = line(a, "a12:report:2022-08");
	assert_int_equal(l->appeal, APPEAL_CORRECTED);
	assert_int_equal(l->points_cp, 0);
	assert_int_equal(l->orig_cp, -200);	/* the original is kept for the record */
	assert_ptr_equal(l->appeal_rec, &ap[0]);
	assess_line_format(l, buf, sizeof(buf));
	assert_string_equal(buf, "第 11 项 2022-08 月报逾期未报（应于 2022-08-25 前报送） 0 分"
				 "（申诉更正，原 −2 分）");
	l = line(a, "n102:unanswered");
	assert_int_equal(l->appeal, APPEAL_UPHELD);
	assert_int_equal(l->points_cp, -100);
	assess_line_format(l, buf, sizeof(buf));
	ASSERT_CONTAINS(buf, " −1 分（申诉后维持原分）");
	assert_int_equal(a->part_cp[PART_DUTY], 3500);
	assert_int_equal(a->total_cp, 7360);
	check_sums(a);
	assert_int_equal(r.nunmatched, 4);
	assert_ptr_equal(r.unmatched[0], &ap[2]);
	assert_ptr_equal(r.unmatched[1], &ap[3]);
	assert_ptr_equal(r.unmatched[2], &ap[4]);
	assert_ptr_equal(r.unmatched[3], &ap[5]);

	/* filing checks */
	assert_int_equal(assess_appeal_check(&r, &ap[0], ap, 2, &e), 0);
	assert_int_equal(assess_appeal_check(&r, &ap[2], ap, 2, &e), -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);
	ASSERT_CONTAINS(e.msg, "没有条目“a99:sign”");
	assert_int_equal(assess_appeal_check(&r, &ap[3], ap, 1, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	ASSERT_CONTAINS(e.msg, "已有申诉");
	assert_int_equal(assess_appeal_check(&r, &ap[4], NULL, 0, &e), -1);
	ASSERT_CONTAINS(e.msg, "没有该单位");
	assert_int_equal(assess_appeal_check(&r, &ap[5], NULL, 0, &e), -1);
	ASSERT_CONTAINS(e.msg, "不能申诉");
	ap[1].decided_at = DATE_NONE;
	assert_int_equal(assess_appeal_check(&r, &ap[1], NULL, 0, &e), -1);
	ASSERT_CONTAINS(e.msg, "决定日期");
	ap[1].reason = "";
	assert_int_equal(assess_appeal_check(&r, &ap[1], NULL, 0, &e), -1);
	ASSERT_CONTAINS(e.msg, "申诉理由");
	assess_result_release(&r);

	/* a pending appeal changes nothing but the mark */
	ap[0].state = APPEAL_PENDING;
	run(&cfg, &c, ap, 1, &r);
	l = line(unit(&r, 1), "a12:report:2022-08");
	assert_int_equal(l->appeal, APPEAL_PENDING);
	assert_int_equal(l->points_cp, -200);
	assert_int_equal(unit(&r, 1)->total_cp, 7160);
	assess_result_release(&r);

	/* a correction is applied before the caps */
	assert_int_equal(assess_config_parse(&cfg, "duty_deduct_cap = 5\n", "c", &e), 0);
	ap[0].state = APPEAL_CORRECTED;
	run(&cfg, &c, ap, 1, &r);
	assert_null(assess_score_line(unit(&r, 1), "cap:duty:deduct"));	/* 5, not above 5 */
	assert_int_equal(unit(&r, 1)->part_cp[PART_DUTY], 3500);
	assess_result_release(&r);
}

/* Twelve monthly weights, August doubled: 1200/1300 → 0.92, 2400/1300 → 1.85. */
static void test_period_weights(void **state)
{
	struct assess_config cfg;
	struct casefx c;
	struct assess_result r;
	const struct assess_score *a;
	struct err e = ERR_INIT;

	(void)state;
	assess_config_default(&cfg);
	assert_int_equal(assess_config_parse(&cfg, "period_weights = 1,1,1,1,1,1,1,2,1,1,1,1\n",
					     "w.conf", &e), 0);
	assert_int_equal(assess_period_weight(&cfg, P("2022-07")), 92);
	assert_int_equal(assess_period_weight(&cfg, P("2022-08")), 185);
	assert_int_equal(assess_period_weight(&cfg, P("2022-Q3")), 123);	/* (92+92+185)/3 */
	case_init(&c);
	run(&cfg, &c, NULL, 0, &r);
	a = unit(&r, 1);
	expect_line(a, "a11:report:2022-06", PART_DUTY, -46, NULL);		/* 0.5 × 0.92 */
	expect_line(a, "a11:returned:2022-07", PART_DUTY, -92, NULL);		/* 1 × 0.92 */
	expect_line(a, "a12:report:2022-08", PART_DUTY, -370,
		    "第 11 项 2022-08 月报逾期未报（应于 2022-08-25 前报送）（权重 1.85）");
	expect_line(a, "a12:red:2022-07", PART_COMPLETION, -46, NULL);
	expect_line(a, "a12:red:2022-08", PART_COMPLETION, -93, NULL);		/* 92.5 → 93 */
	expect_line(a, "a12:report:2022-04", PART_DUTY, -46, NULL);
	/* duty 40 - 0.46 - 0.92 - 1 - 0.46 - 3.7 - 1 - 1 = 31.46 */
	assert_int_equal(a->part_cp[PART_DUTY], 3146);
	/* completion 21 + 1 - 0.46 - 0.93 - 1 - 2 = 17.61 */
	assert_int_equal(a->part_cp[PART_COMPLETION], 1761);
	check_sums(a);
	assess_result_release(&r);

	assess_config_default(&cfg);
	assert_int_equal(assess_period_weight(&cfg, P("2022-08")), 100);
	assert_int_equal(assess_config_parse(&cfg, "period_weights = 15，25，25，35", "w", &e), 0);
	assert_int_equal(assess_period_weight(&cfg, P("2022-02")), 60);
	assert_int_equal(assess_period_weight(&cfg, P("2022-08")), 100);
	assert_int_equal(assess_period_weight(&cfg, P("2022-12")), 140);
	assert_int_equal(assess_period_weight(&cfg, P("2022-Q4")), 140);
}

/* Sign-for after a rejected dispute, an open dispute, and a unit that never signed. */
static void test_disputes_and_signing(void **state)
{
	struct assess_config cfg;
	struct assess_assignment as[3];
	struct assess_unit u = { 5, "市水利局", as, 3, NULL, 0, NULL, 0 };
	struct assess_result r;
	struct err e = ERR_INIT;
	const struct assess_score *s;

	(void)state;
	assess_config_default(&cfg);
	as[0] = asg(51, 9, ROLE_LEAD, "2022-04-01", "2022-04-12", "2022-04-20", "2022-12-31", NULL,
		    NULL);
	as[0].dispute = DISPUTE_REJECTED;
	as[0].dispute_at = D("2022-04-10");	/* signed 2 days after the rejection: fine */
	as[1] = asg(52, 10, ROLE_CO, "2022-04-01", NULL, "2022-04-20", "2022-12-31", NULL, NULL);
	as[1].dispute = DISPUTE_OPEN;		/* no sign line while open */
	as[2] = asg(53, 12, ROLE_CO, "2022-04-01", NULL, "2022-04-20", "2022-12-31", NULL, NULL);
	assert_int_equal(assess_run(&cfg, 2022, D("2022-04-30"), &u, 1, NULL, 0, &r, &e), 0);
	s = unit(&r, 5);
	expect_line(s, "a51:dispute", PART_DUTY, -100, "第 9 项 退回理由不成立（2022-04-10 驳回）");
	assert_null(assess_score_line(s, "a51:sign"));
	assert_null(assess_score_line(s, "a52:sign"));
	expect_line(s, "a53:sign", PART_DUTY, -200, "第 12 项 交办后 29 天仍未签收（限 3 天）");
	/* P = 2 + 1 + 1 = 4 (an open dispute still counts), load 2 */
	assert_int_equal(s->task_points_cp, 400);
	assert_int_equal(s->load_cp, 200);
	check_sums(s);
	assess_result_release(&r);
	/* signed 5 days after the rejection: late */
	as[0].signed_at = D("2022-04-15");
	assert_int_equal(assess_run(&cfg, 2022, D("2022-04-30"), &u, 1, NULL, 0, &r, &e), 0);
	expect_line(unit(&r, 5), "a51:sign", PART_DUTY, -100,
		    "第 9 项 退回被驳回后 5 天签收（限 3 天）");
	assess_result_release(&r);
	/* bad input: a repeated assignment id */
	as[1].id = 51;
	assert_int_equal(assess_run(&cfg, 2022, DATE_NONE, &u, 1, NULL, 0, &r, &e), -1);
	ASSERT_CONTAINS(e.msg, "分工编号 51 重复");
	assess_result_release(&r);
	as[1].id = 0;
	assert_int_equal(assess_run(&cfg, 2022, DATE_NONE, &u, 1, NULL, 0, &r, &e), -1);
	ASSERT_CONTAINS(e.msg, "编号无效");
	assess_result_release(&r);
	assert_int_equal(assess_run(&cfg, 0, DATE_NONE, &u, 1, NULL, 0, &r, &e), -1);
	assess_result_release(&r);
	cfg.sign_days = -1;
	assert_int_equal(assess_run(&cfg, 2022, DATE_NONE, &u, 1, NULL, 0, &r, &e), -1);
	ASSERT_CONTAINS(e.msg, "sign_days");
	assess_result_release(&r);
}

/* Every ladder step's effect on the score, by its ground's part. */
static void test_each_step_score(void **state)
{
	struct assess_config cfg;
	struct assess_assignment as[1];
	struct ladder_action acts[8];
	struct assess_unit u = { 6, "市交通局", as, 1, acts, 0, NULL, 0 };
	struct assess_result r;
	struct err e = ERR_INIT;
	const int want[LADDER_NSTEPS] = { 0, 0, -50, -100, -200, -300, -400, -500, 0 };
	const enum ladder_ground grounds[] = { GROUND_INEFFECTIVE, GROUND_BEHIND,
					       GROUND_INEFFICIENT, GROUND_SHIRKING };
	const enum assess_part parts[] = { PART_DUTY, PART_COMPLETION, PART_EFFICIENCY, PART_DUTY };

	(void)state;
	assess_config_default(&cfg);
	as[0] = asg(61, 7, ROLE_LEAD, "2022-04-01", "2022-04-01", "2022-04-20", "2022-12-31", NULL,
		    NULL);
	for (int s = STEP_REMIND; s <= STEP_ACCOUNT; s++) {
		for (size_t g = 0; g < 4; g++) {
			const struct assess_line *l;

			memset(acts, 0, sizeof(acts));
			acts[0].id = 900;
			acts[0].step = (enum ladder_step)s;
			acts[0].ground = grounds[g];
			acts[0].task_no = 7;
			acts[0].issued_at = D("2022-06-01");
			u.nactions = 1;
			assert_int_equal(assess_run(&cfg, 2022, DATE_NONE, &u, 1, NULL, 0, &r, &e),
					 0);
			l = assess_score_line(unit(&r, 6), "n900:step");
			if (want[s] == 0) {
				assert_null(l);
			} else {
				assert_non_null(l);
				assert_int_equal(l->points_cp, want[s]);
				assert_int_equal(l->part, parts[g]);
			}
			assess_result_release(&r);
		}
	}
	/* a notice issued in the previous year is not this year's */
	acts[0].step = STEP_RED;
	acts[0].issued_at = D("2021-12-20");
	assert_int_equal(assess_run(&cfg, 2022, DATE_NONE, &u, 1, NULL, 0, &r, &e), 0);
	assert_null(assess_score_line(unit(&r, 6), "n900:step"));
	assess_result_release(&r);
	/* an unnumbered action (id 0) gets an index key; closed before a reply counts as answered */
	acts[0].id = 0;
	acts[0].issued_at = D("2022-06-01");
	acts[0].reply_due = D("2022-06-04");
	acts[0].closed_at = D("2022-06-04");
	assert_int_equal(assess_run(&cfg, 2022, DATE_NONE, &u, 1, NULL, 0, &r, &e), 0);
	assert_non_null(assess_score_line(unit(&r, 6), "n#0:step"));
	assert_null(assess_score_line(unit(&r, 6), "n#0:unanswered"));
	assess_result_release(&r);
}

static void test_target_judge(void **state)
{
	struct assess_config cfg;
	bool reached, beaten;

	(void)state;
	assess_config_default(&cfg);
	assess_target_judge(&cfg, TARGET_GE, 100, 0, 100, &reached, &beaten);
	assert_true(reached);
	assert_false(beaten);
	assess_target_judge(&cfg, TARGET_GE, 100, 0, 110, &reached, &beaten);
	assert_true(beaten);
	assess_target_judge(&cfg, TARGET_EQ, 590, 0, 648.99, &reached, &beaten);
	assert_true(reached);
	assert_false(beaten);
	assess_target_judge(&cfg, TARGET_GE, 100, 0, 99.9, &reached, &beaten);
	assert_false(reached);
	assess_target_judge(&cfg, TARGET_LE, 3, 0, 2.7, &reached, &beaten);
	assert_true(reached);
	assert_true(beaten);
	assess_target_judge(&cfg, TARGET_LE, 3, 0, 3.1, &reached, &beaten);
	assert_false(reached);
	assess_target_judge(&cfg, TARGET_APPROX, 6.5, 0, 6.2, &reached, &beaten);
	assert_true(reached);		/* within 5% below */
	assert_false(beaten);
	assess_target_judge(&cfg, TARGET_APPROX, 6.5, 0, 6.1, &reached, &beaten);
	assert_false(reached);
	assess_target_judge(&cfg, TARGET_APPROX, 6.5, 0, 7.15, &reached, &beaten);
	assert_true(beaten);
	assess_target_judge(&cfg, TARGET_RANGE, 3, 5, 3, &reached, &beaten);
	assert_true(reached);
	assert_false(beaten);
	assess_target_judge(&cfg, TARGET_RANGE, 3, 5, 5.5, &reached, &beaten);
	assert_true(beaten);
	assess_target_judge(&cfg, TARGET_GE, 0, 0, 5, &reached, &beaten);
	assert_true(reached);
	assert_false(beaten);		/* a zero target cannot be beaten by a margin */
}

/* From the status engine's facts: reports, returns, red period ends, due in force. */
static void test_from_facts(void **state)
{
	struct assignment_facts f;
	struct report_fact rep[8];
	struct extension ext[1];
	struct calendar cal;
	struct status_config scfg;
	struct verification v;
	struct assess_assignment out;
	struct arena ar;
	struct err e = ERR_INIT;

	(void)state;
	status_config_default(&scfg);
	memset(&f, 0, sizeof(f));
	memset(rep, 0, sizeof(rep));
	memset(&v, 0, sizeof(v));
	cal.cadence = CADENCE_MONTHLY;
	cal.due_day = 25;
	cal.first = P("2022-04");
	f.role = ROLE_LEAD;
	f.handed_over = D("2022-04-01");
	f.signed_at = D("2022-04-02");
	f.start = D("2022-01-01");
	f.due = D("2022-12-31");
	rep[0] = (struct report_fact){ P("2022-04"), 1, D("2022-04-20"), 5, LIKELIHOOD_HIGH,
				       REVIEW_ACCEPTED, D("2022-04-21") };
	rep[1] = (struct report_fact){ P("2022-05"), 1, D("2022-05-28"), 10, LIKELIHOOD_HIGH,
				       REVIEW_ACCEPTED, D("2022-05-29") };
	rep[2] = (struct report_fact){ P("2022-06"), 1, D("2022-06-20"), 40, LIKELIHOOD_HIGH,
				       REVIEW_RETURNED, D("2022-06-22") };
	rep[3] = (struct report_fact){ P("2022-06"), 2, D("2022-06-30"), 45, LIKELIHOOD_HIGH,
				       REVIEW_ACCEPTED, D("2022-07-01") };
	rep[4] = (struct report_fact){ P("2022-07"), 1, D("2022-07-20"), 50, LIKELIHOOD_HIGH,
				       REVIEW_RETURNED, D("2022-07-22") };
	rep[5] = (struct report_fact){ P("2022-09"), 1, D("2022-09-10"), 100, LIKELIHOOD_HIGH,
				       REVIEW_ACCEPTED, D("2022-09-12") };
	f.reports = rep;
	f.nreports = 6;
	ext[0] = (struct extension){ D("2022-10-01"), D("2023-01-31"), EXT_APPROVED,
				     D("2022-11-01") };
	f.extensions = ext;
	f.nextensions = 1;
	assert_int_equal(assignment_facts_check(&f, &cal, &e), 0);
	v.targets = 2;
	v.targets_reached = 1;
	arena_init(&ar, 0);

	assess_assignment_from_facts(&f, &cal, &scfg, 41, 4, 2022, DATE_NONE, &v, &ar, &out);
	assert_int_equal(out.id, 41);
	assert_int_equal(out.task_no, 4);
	assert_int_equal(date_cmp(out.first_report_at, D("2022-04-20")), 0);
	assert_int_equal(date_cmp(out.completed_at, D("2022-09-10")), 0);
	assert_int_equal(date_cmp(out.due, D("2023-01-31")), 0);	/* extension in force */
	assert_int_equal(out.targets, 2);
	assert_int_equal(out.targets_reached, 1);
	/* owed: 04..08 (09's due date 09-25 is after the completion on 09-10) */
	assert_int_equal(out.nreports, 5);
	assert_int_equal(out.reports[0].state, AREPORT_ON_TIME);
	assert_int_equal(out.reports[1].state, AREPORT_LATE);		/* 05-28 > 05-25 */
	assert_int_equal(date_cmp(out.reports[1].submitted_at, D("2022-05-28")), 0);
	assert_int_equal(out.reports[2].state, AREPORT_ON_TIME);	/* v1 on time, v2 stands */
	assert_int_equal(out.reports[2].returned, 1);
	assert_int_equal(out.reports[3].state, AREPORT_MISSING);	/* returned, never resubmitted */
	assert_int_equal(out.reports[3].returned, 1);
	assert_int_equal(out.reports[4].state, AREPORT_MISSING);	/* 08: nothing */
	assert_int_equal(date_cmp(out.reports[4].due, D("2022-08-25")), 0);
	/* red period ends (序时 from 01-01): 04-30 32.88% vs 5 → red; 05-31 41.37% vs 10 →
	 * red; 06-30 49.59% vs 45 → green; 07-31 58.08% vs 45 → amber; 08-31 66.58% vs 45 →
	 * amber; from 09 complete */
	assert_int_equal(out.nred, 2);
	assert_int_equal(period_cmp(out.red_periods[0], P("2022-04")), 0);
	assert_int_equal(period_cmp(out.red_periods[1], P("2022-05")), 0);

	/* as of 06-26: v2 of 06 not yet submitted, v1 returned → 06 missing */
	assess_assignment_from_facts(&f, &cal, &scfg, 41, 4, 2022, D("2022-06-26"), NULL, &ar,
				     &out);
	assert_int_equal(out.nreports, 3);
	assert_int_equal(out.reports[2].state, AREPORT_MISSING);
	assert_int_equal(out.reports[2].returned, 1);
	assert_int_equal(date_is_set(out.completed_at), 0);
	assert_int_equal(date_cmp(out.due, D("2022-12-31")), 0);	/* extension not yet */
	assert_int_equal(out.nred, 2);
	/* as of 06-25 (the due day): 06 is not judged yet */
	assess_assignment_from_facts(&f, &cal, &scfg, 41, 4, 2022, D("2022-06-25"), NULL, &ar,
				     &out);
	assert_int_equal(out.nreports, 2);
	/* a grace day moves it */
	scfg.report_grace_days = 1;
	assess_assignment_from_facts(&f, &cal, &scfg, 41, 4, 2022, D("2022-06-26"), NULL, &ar,
				     &out);
	assert_int_equal(out.nreports, 2);
	/* the dispute as known on D */
	scfg.report_grace_days = 0;
	f.dispute = (struct dispute){ DISPUTE_UPHELD, D("2022-04-03"), D("2022-04-10") };
	assess_assignment_from_facts(&f, &cal, &scfg, 41, 4, 2022, D("2022-04-05"), NULL, &ar,
				     &out);
	assert_int_equal(out.dispute, DISPUTE_OPEN);
	assess_assignment_from_facts(&f, &cal, &scfg, 41, 4, 2022, D("2022-04-10"), NULL, &ar,
				     &out);
	assert_int_equal(out.dispute, DISPUTE_UPHELD);
	assert_int_equal(date_cmp(out.dispute_at, D("2022-04-10")), 0);
	assess_assignment_from_facts(&f, &cal, &scfg, 41, 4, 2022, D("2022-04-02"), NULL, &ar,
				     &out);
	assert_int_equal(out.dispute, DISPUTE_NONE);
	arena_release(&ar);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hand_computed_case),
		cmocka_unit_test(test_as_of_and_what_if),
		cmocka_unit_test(test_caps_and_floor),
		cmocka_unit_test(test_appeals),
		cmocka_unit_test(test_period_weights),
		cmocka_unit_test(test_disputes_and_signing),
		cmocka_unit_test(test_each_step_score),
		cmocka_unit_test(test_target_judge),
		cmocka_unit_test(test_from_facts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
