/* Rule tests for understand_task on sentences written for the purpose, one rule per case. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "import/understand.h"
#include "util/arena.h"
#include "util/date.h"

#define MAXT 8
#define NONE { { 0, 0, NULL, NULL, NULL, NULL } }

struct xt {
	double value, max;
	const char *unit, *cmp, *metric;
	const char *qual;	/* NULL: not checked; "" : must have none */
};

struct tcase {
	const char *text;
	size_t n;
	struct xt t[MAXT];
};

static bool same_value(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(1.0, fabs(b));
}

static void run_target_cases(const struct tcase *cases, size_t ncases)
{
	int bad = 0;

	for (size_t i = 0; i < ncases; i++) {
		const struct tcase *c = &cases[i];
		struct arena a;
		struct task t;

		arena_init(&a, 0);
		memset(&t, 0, sizeof(t));
		t.text = c->text;
		understand_task(&a, &t, 2022);
		if (t.ntargets != c->n) {
			print_error("%s: want %zu targets, got %zu\n", c->text, c->n, t.ntargets);
			for (size_t k = 0; k < t.ntargets; k++)
				print_error("    got %g %s %s %s\n", t.targets[k].value, t.targets[k].unit,
					    target_cmp_name(t.targets[k].cmp), t.targets[k].metric);
			bad++;
			arena_release(&a);
			continue;
		}
		for (size_t k = 0; k < c->n; k++) {
			const struct xt *x = &c->t[k];
			const struct target *g = &t.targets[k];
			bool ok = same_value(g->value, x->value) && !strcmp(g->unit, x->unit) &&
				  !strcmp(target_cmp_name(g->cmp), x->cmp) &&
				  (!x->metric || !strcmp(g->metric, x->metric)) &&
				  (g->cmp != TARGET_RANGE || same_value(g->max, x->max)) &&
				  isfinite(g->value) && isfinite(g->max);

			if (x->qual && *x->qual)
				ok = ok && g->qualifier && !strcmp(g->qualifier, x->qual);
			else if (x->qual)
				ok = ok && !g->qualifier;
			if (!ok) {
				print_error("%s: target %zu: want %g..%g %s %s %s q=%s, got %g..%g %s %s %s q=%s\n",
					    c->text, k, x->value, x->max, x->unit, x->cmp,
					    x->metric ? x->metric : "*", x->qual ? x->qual : "*",
					    g->value, g->max, g->unit, target_cmp_name(g->cmp), g->metric,
					    g->qualifier ? g->qualifier : "-");
				bad++;
			}
		}
		arena_release(&a);
	}
	assert_int_equal(bad, 0);
}

#define RUN(cases) run_target_cases(cases, sizeof(cases) / sizeof(cases[0]))

static void test_magnitude_words(void **state)
{
	static const struct tcase cases[] = {
		{ "全年实现地区生产总值1200亿元", 1,
		  { { 120000000000.0, 0, "元", "eq", "地区生产总值", NULL } } },
		{ "新建设施蔬菜基地3万亩", 1, { { 30000, 0, "亩", "eq", "新建设施蔬菜基地", NULL } } },
		{ "实际利用外资2.5亿美元", 1, { { 250000000, 0, "美元", "eq", "实际利用外资", NULL } } },
		{ "开展职业技能培训 3.2 万人次", 1,
		  { { 32000, 0, "人次", "eq", "开展职业技能培训", NULL } } },
		{ "新建标准化厂房20万平方米", 1,
		  { { 200000, 0, "平方米", "eq", "新建标准化厂房", NULL } } },
		{ "水产品产量达到8.5万吨", 1, { { 85000, 0, "吨", "eq", "水产品产量", NULL } } },
		{ "安排产业扶持资金三千万元", 1,
		  { { 30000000, 0, "元", "eq", "安排产业扶持资金", NULL } } },
		{ "新建两个省级现代农业产业园", 1,
		  { { 2, 0, "个", "eq", "新建省级现代农业产业园", NULL } } },
		{ "新建高标准农田两万亩", 1, { { 20000, 0, "亩", "eq", "新建高标准农田", NULL } } },
		{ "完成投资１２．５亿元，完成率达到９５％以上", 2,
		  { { 1250000000, 0, "元", "eq", "完成投资", NULL },
		    { 95, 0, "%", "ge", "完成率", NULL } } },
		{ "绿化覆盖率提高到百分之四十", 1, { { 40, 0, "%", "eq", "绿化覆盖率提高", NULL } } },
	};
	(void)state;
	RUN(cases);
}

static void test_comparisons(void **state)
{
	static const struct tcase cases[] = {
		{ "一般公共预算收入增长6%左右", 1,
		  { { 6, 0, "%", "approx", "一般公共预算收入增长", NULL } } },
		{ "带动就业约5000人", 1, { { 5000, 0, "人", "approx", "带动就业", NULL } } },
		{ "新增市场主体1.5万户以上", 1, { { 15000, 0, "户", "ge", "新增市场主体", NULL } } },
		{ "全年举办招聘会不少于30场", 1, { { 30, 0, "场", "ge", "举办招聘会", NULL } } },
		{ "每个镇至少建成1个标准化卫生院", 1,
		  { { 1, 0, "个", "ge", "每个镇建成标准化卫生院", NULL } } },
		{ "农村自来水普及率不低于92%", 1, { { 92, 0, "%", "ge", "农村自来水普及率", NULL } } },
		{ "城镇污水处理率达到95%以上", 1, { { 95, 0, "%", "ge", "城镇污水处理率", NULL } } },
		{ "居民消费价格涨幅控制在3%以内", 1,
		  { { 3, 0, "%", "le", "居民消费价格涨幅", NULL } } },
		{ "安全事故起数不超过20起", 1, { { 20, 0, "起", "le", "安全事故起数", NULL } } },
		{ "重大事故死亡人数不超过5人", 1, { { 5, 0, "人", "le", "重大事故死亡人数", NULL } } },
		{ "单位能耗控制在0.5吨标准煤以下", 1,
		  { { 0.5, 0, "吨标准煤", "le", "单位能耗", NULL } } },
		{ "信访事项在30个工作日内办结", 1,
		  { { 30, 0, "个工作日", "le", "信访事项办结", NULL } } },
		{ "城镇登记失业率控制在4.5%", 1, { { 4.5, 0, "%", "le", "城镇登记失业率", NULL } } },
		{ "完成造林绿化面积12万亩", 1, { { 120000, 0, "亩", "eq", "完成造林绿化面积", NULL } } },
		{ "培育新型农业经营主体1100余个", 1,
		  { { 1100, 0, "个", "ge", "培育新型农业经营主体", NULL } } },
	};
	(void)state;
	RUN(cases);
}

static void test_ranges(void **state)
{
	static const struct tcase cases[] = {
		{ "每个园区引进2至3个龙头企业", 1,
		  { { 2, 3, "个", "range", "每个园区引进龙头企业", NULL } } },
		{ "新建充电桩300-500个", 1, { { 300, 500, "个", "range", "新建充电桩", NULL } } },
		{ "发展林下经济1～2万亩", 1, { { 10000, 20000, "亩", "range", "发展林下经济", NULL } } },
		{ "打造精品线路5条至8条", 1, { { 5, 8, "条", "range", "打造精品线路", NULL } } },
		{ "收入增长5%—6%", 1, { { 5, 6, "%", "range", "收入增长", NULL } } },
	};
	(void)state;
	RUN(cases);
}

static void test_respectively(void **state)
{
	static const struct tcase cases[] = {
		{ "城乡居民人均可支配收入分别增长6%和7.5%以上", 2,
		  { { 6, 0, "%", "ge", "城镇居民人均可支配收入增长", NULL },
		    { 7.5, 0, "%", "ge", "农村居民人均可支配收入增长", NULL } } },
		{ "粮食、油料产量分别达到50万吨和3万吨", 2,
		  { { 500000, 0, "吨", "eq", "粮食产量", NULL },
		    { 30000, 0, "吨", "eq", "油料产量", NULL } } },
		{ "进出口总额分别增长10%、12%", 2,
		  { { 10, 0, "%", "eq", "进口总额增长", NULL },
		    { 12, 0, "%", "eq", "出口总额增长", NULL } } },
		{ "工业和服务业增加值分别增长7和8个百分点", 2,
		  { { 7, 0, "个百分点", "eq", "工业增加值增长", NULL },
		    { 8, 0, "个百分点", "eq", "服务业增加值增长", NULL } } },
		/* without 分别 the figures share one metric */
		{ "税收收入增长5%和6%", 2,
		  { { 5, 0, "%", "eq", "税收收入增长", NULL },
		    { 6, 0, "%", "eq", "税收收入增长", NULL } } },
	};
	(void)state;
	RUN(cases);
}

static void test_not_targets(void **state)
{
	static const struct tcase cases[] = {
		{ "加快推进G316、S102、G65线路改建", 0, NONE },
		{ "建成330千伏汉阴变电站扩建工程", 0, NONE },
		{ "推广“5+2”工作法和“1+N”政策体系，落实“三个一”机制", 0, NONE },
		{ "推行“3456”服务模式", 0, NONE },
		{ "实施乡村建设五年行动，开展十大专项行动", 0, NONE },
		{ "落实2021年以来出台的政策，执行陕政发〔2021〕12号文件", 0, NONE },
		{ "贯彻《陕西省物业管理条例》第12条规定", 0, NONE },
		{ "打造15分钟便民生活圈和一刻钟养老服务圈", 0, NONE },
		{ "推行一村一品、一县一业，做到千家万户全覆盖", 0, NONE },
		{ "落实四个不摘要求，强化五项保障措施，推进三级联动", 0, NONE },
		{ "创建国家5A级景区，推进5G网络建设", 0, NONE },
		{ "开展第三批试点，进一步统一标准", 0, NONE },
		{ "推进十四五规划中期评估", 0, NONE },
		{ "万元生产总值能耗持续下降", 0, NONE },
		{ "依托全市3万名网格员开展排查", 0, NONE },
		{ "推进二期工程建设，新建一批示范项目", 0, NONE },
		{ "引进500万元以上项目", 0, NONE },	/* a threshold alone */
	};
	(void)state;
	RUN(cases);
}

static void test_qualifiers(void **state)
{
	static const struct tcase cases[] = {
		{ "培育年产值亿元以上企业15家", 1,
		  { { 15, 0, "家", "eq", "培育企业", "年产值亿元以上" } } },
		{ "在20个500户以上小区开展垃圾分类", 1,
		  { { 20, 0, "个", "eq", "小区", "500户以上" } } },
		{ "新签约总投资5亿元以上项目12个", 1,
		  { { 12, 0, "个", "eq", "新签约项目", "总投资5亿元以上" } } },
		{ "打造2个千亿级产业集群", 1,
		  { { 2, 0, "个", "eq", "打造产业集群", "千亿级" } } },
		{ "每县至少培育1个十亿元量级龙头企业", 1,
		  { { 1, 0, "个", "ge", "每县培育龙头企业", "十亿元量级" } } },
		{ "建成3个占地500亩的现代农业园区", 1,
		  { { 3, 0, "个", "eq", "建成现代农业园区", "占地500亩" } } },
		{ "开工建设总投资12亿元的新材料产业园", 0, NONE },
		{ "营业收入增长20%以上企业达到50家", 1,
		  { { 50, 0, "家", "eq", "企业", "营业收入增长20%以上" } } },
		{ "推动90%以上的政务服务事项实现网上办理", 1,
		  { { 90, 0, "%", "ge", "推动政务服务事项实现网上办理", "" } } },
		{ "新建标准化厂房10万平方米", 1,
		  { { 100000, 0, "平方米", "eq", "新建标准化厂房", "" } } },
	};
	(void)state;
	RUN(cases);
}

static void test_counted_objects_and_lists(void **state)
{
	static const struct tcase cases[] = {
		{ "年内开工 45 个新建工业项目", 1,
		  { { 45, 0, "个", "eq", "开工新建工业项目", NULL } } },
		{ "新建8个村级卫生室、12个便民服务站", 2,
		  { { 8, 0, "个", "eq", "新建村级卫生室", NULL },
		    { 12, 0, "个", "eq", "新建便民服务站", NULL } } },
		{ "新增公共停车位 800 个、口袋公园 15 个", 2,
		  { { 800, 0, "个", "eq", "新增公共停车位", NULL },
		    { 15, 0, "个", "eq", "新增口袋公园", NULL } } },
		/* a count that is the subject of another figure names the scope, not a goal */
		{ "56 个市级重点项目完成年度投资 120 亿元", 1,
		  { { 12000000000.0, 0, "元", "eq", "市级重点项目完成年度投资", NULL } } },
		/* ... but a counted object of a verb is a goal */
		{ "建成10个示范点覆盖2000户", 2,
		  { { 10, 0, "个", "eq", "建成示范点", NULL },
		    { 2000, 0, "户", "eq", "示范点覆盖", NULL } } },
		/* indicators sharing one level: one target each */
		{ "城市生活垃圾分类覆盖率、回收利用率均达到35%以上", 2,
		  { { 35, 0, "%", "ge", "城市生活垃圾分类覆盖率", NULL },
		    { 35, 0, "%", "ge", "回收利用率", NULL } } },
		/* examples before 等 and quotation marks are not part of the metric */
		{ "举办篮球赛、乒乓球赛等群众体育活动 30 场次以上", 1,
		  { { 30, 0, "场次", "ge", "举办群众体育活动", NULL } } },
		{ "培育“专精特新”企业 8 家", 1, { { 8, 0, "家", "eq", "培育专精特新企业", NULL } } },
		{ "实现外贸进出口总额 20 亿元，增长 10%", 2,
		  { { 2000000000, 0, "元", "eq", "外贸进出口总额", NULL },
		    { 10, 0, "%", "eq", "外贸进出口总额增长", NULL } } },
		{ "力争高新技术企业达到 60 家", 1, { { 60, 0, "家", "eq", "高新技术企业", NULL } } },
	};
	(void)state;
	RUN(cases);
}

struct xm {
	const char *due, *text;
};

struct mcase {
	const char *text;
	const char *task_due;
	size_t n;
	struct xm m[4];
};

static void test_milestones(void **state)
{
	static const struct mcase cases[] = {
		{ "上半年开工 20 个新建项目，年底前建成投产 12 个续建项目。", "2022-12-31", 2,
		  { { "2022-06-30", "上半年开工 20 个新建项目" },
		    { "2022-12-31", "年底前建成投产 12 个续建项目" } } },
		{ "6月底前完成规划编制，9月底前开工建设", "2022-09-30", 2,
		  { { "2022-06-30", "6月底前完成规划编制" }, { "2022-09-30", "9月底前开工建设" } } },
		{ "力争年底前，完成全部改造任务。", "2022-12-31", 1,
		  { { "2022-12-31", "力争年底前，完成全部改造任务" } } },
		{ "一季度启动、三季度末完成", "2022-09-30", 2,
		  { { "2022-03-31", "一季度启动" }, { "2022-09-30", "三季度末完成" } } },
		{ "持续推进城市更新", "2022-12-31", 0, { { NULL, NULL } } },
		{ "2023年6月底前建成投用", "2023-06-30", 1,
		  { { "2023-06-30", "2023年6月底前建成投用" } } },
		{ "加快建设“年底冲刺”平台", "2022-12-31", 0, { { NULL, NULL } } },
	};
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct mcase *c = &cases[i];
		struct arena a;
		struct task t;
		char iso[DATE_ISO_LEN];

		arena_init(&a, 0);
		memset(&t, 0, sizeof(t));
		t.text = c->text;
		understand_task(&a, &t, 2022);
		date_format_iso(t.due, iso);
		if (strcmp(iso, c->task_due)) {
			print_error("%s: task due %s, want %s\n", c->text, iso, c->task_due);
			bad++;
		}
		if (t.nmilestones != c->n) {
			print_error("%s: %zu milestones, want %zu\n", c->text, t.nmilestones, c->n);
			bad++;
		} else {
			for (size_t k = 0; k < c->n; k++) {
				date_format_iso(t.milestones[k].due, iso);
				if (strcmp(iso, c->m[k].due) || strcmp(t.milestones[k].text, c->m[k].text)) {
					print_error("%s: milestone %zu: %s %s, want %s %s\n", c->text, k, iso,
						    t.milestones[k].text, c->m[k].due, c->m[k].text);
					bad++;
				}
			}
		}
		arena_release(&a);
	}
	assert_int_equal(bad, 0);
}

static void test_text_and_empty_input(void **state)
{
	struct arena a;
	struct task t;

	(void)state;
	arena_init(&a, 0);
	memset(&t, 0, sizeof(t));
	t.text = "新增城镇就业 1.9 万人，登记失业率稳控在 4% 以下。";
	understand_task(&a, &t, 2022);
	assert_int_equal(t.ntargets, 2);
	/* the span is kept exactly as written, spaces included */
	assert_string_equal(t.targets[0].text, "新增城镇就业 1.9 万人");
	assert_string_equal(t.targets[1].text, "登记失业率稳控在 4% 以下");
	assert_true(t.targets[0].max == 0);

	memset(&t, 0, sizeof(t));
	t.text = NULL;
	understand_task(&a, &t, 2022);
	assert_int_equal(t.ntargets, 0);
	assert_int_equal(t.nmilestones, 0);
	assert_int_equal(t.due.y, 2022);
	assert_int_equal(t.due.m, 12);
	assert_int_equal(t.due.d, 31);

	memset(&t, 0, sizeof(t));
	t.text = "上半年完成";
	understand_task(&a, &t, 0);	/* no usable year: no dates at all */
	assert_int_equal(t.nmilestones, 0);
	assert_false(date_is_set(t.due));
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_magnitude_words),
		cmocka_unit_test(test_comparisons),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_respectively),
		cmocka_unit_test(test_not_targets),
		cmocka_unit_test(test_qualifiers),
		cmocka_unit_test(test_counted_objects_and_lists),
		cmocka_unit_test(test_milestones),
		cmocka_unit_test(test_text_and_empty_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
