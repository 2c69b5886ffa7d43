/* Unit tests for src/export: exact JSON and CSV bytes of a hand-built plan. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "domain/plan.h"
#include "export/export_csv.h"
#include "export/export_json.h"
#include "util/err.h"
#include "util/strbuf.h"

static const char *units1[] = { "市发改委", "各县（市、区）政府" };
static const char *units2[] = { "市财政局" };

/* Two tasks: one with every kind of target and milestone, one with awkward text. */
static void build(struct plan_doc *doc, struct task tasks[2], struct target tg[4],
		  struct milestone ms[2])
{
	plan_doc_init(doc);
	doc->plan.title = "2022年政府工作报告确定重点任务清单";
	doc->plan.issuer = "安康市人民政府";
	doc->plan.doc_no = "安政发〔2022〕5号";
	doc->plan.issued = (struct date){ 2022, 3, 28 };
	doc->plan.year = 2022;

	tg[0] = (struct target){ .value = 59000000000.0, .cmp = TARGET_EQ, .unit = "元",
				 .metric = "完成投资", .text = "完成投资 590 亿元" };
	tg[1] = (struct target){ .value = 6.5, .cmp = TARGET_APPROX, .unit = "%",
				 .metric = "生产总值增长", .text = "生产总值增长 6.5%左右" };
	tg[2] = (struct target){ .value = 3, .max = 5, .cmp = TARGET_RANGE, .unit = "个",
				 .metric = "重点培育项目", .text = "3至5个项目",
				 .qualifier = "每条链" };
	/* 2.27 * 1e8 is not exactly integral in binary: still an integer in JSON. */
	tg[3] = (struct target){ .value = 2.27 * 1e8, .cmp = TARGET_GE, .unit = "元",
				 .metric = "发放就业补助资金", .text = "发放就业补助资金 2.27 亿元" };
	ms[0] = (struct milestone){ { 2022, 6, 30 }, "上半年开工 163 个新建产业项目" };
	ms[1] = (struct milestone){ DATE_NONE, "适时启动" };

	memset(tasks, 0, 2 * sizeof(*tasks));
	tasks[0].no = 1;
	tasks[0].section = "共性任务";
	tasks[0].text = "完成投资 590 亿元，生产总值增长 6.5%左右。";
	tasks[0].units = units1;
	tasks[0].nunits = 2;
	tasks[0].targets = tg;
	tasks[0].ntargets = 4;
	tasks[0].milestones = ms;
	tasks[0].nmilestones = 2;
	tasks[1].no = 2;
	tasks[1].section = "个性任务";
	tasks[1].text = "打造“一刻钟\"便民\"生活圈”,\n含逗号与换行；比率 0.6%";
	tasks[1].units = units2;
	tasks[1].nunits = 1;
	doc->tasks = tasks;
	doc->ntasks = 2;
}

static const char want_json[] =
	"{\n"
	"  \"plan\": {\n"
	"    \"title\": \"2022年政府工作报告确定重点任务清单\",\n"
	"    \"issuer\": \"安康市人民政府\",\n"
	"    \"doc_no\": \"安政发〔2022〕5号\",\n"
	"    \"issued\": \"2022-03-28\",\n"
	"    \"year\": 2022\n"
	"  },\n"
	"  \"tasks\": [\n"
	"    {\n"
	"      \"no\": 1,\n"
	"      \"section\": \"共性任务\",\n"
	"      \"text\": \"完成投资 590 亿元，生产总值增长 6.5%左右。\",\n"
	"      \"units\": [\n"
	"        \"市发改委\",\n"
	"        \"各县（市、区）政府\"\n"
	"      ],\n"
	"      \"targets\": [\n"
	"        {\n"
	"          \"value\": 59000000000,\n"
	"          \"unit\": \"元\",\n"
	"          \"cmp\": \"eq\",\n"
	"          \"metric\": \"完成投资\",\n"
	"          \"text\": \"完成投资 590 亿元\"\n"
	"        },\n"
	"        {\n"
	"          \"value\": 6.5,\n"
	"          \"unit\": \"%\",\n"
	"          \"cmp\": \"approx\",\n"
	"          \"metric\": \"生产总值增长\",\n"
	"          \"text\": \"生产总值增长 6.5%左右\"\n"
	"        },\n"
	"        {\n"
	"          \"value\": 3,\n"
	"          \"unit\": \"个\",\n"
	"          \"cmp\": \"range\",\n"
	"          \"max\": 5,\n"
	"          \"metric\": \"重点培育项目\",\n"
	"          \"text\": \"3至5个项目\",\n"
	"          \"qualifier\": \"每条链\"\n"
	"        },\n"
	"        {\n"
	"          \"value\": 227000000,\n"
	"          \"unit\": \"元\",\n"
	"          \"cmp\": \"ge\",\n"
	"          \"metric\": \"发放就业补助资金\",\n"
	"          \"text\": \"发放就业补助资金 2.27 亿元\"\n"
	"        }\n"
	"      ],\n"
	"      \"milestones\": [\n"
	"        {\n"
	"          \"due\": \"2022-06-30\",\n"
	"          \"text\": \"上半年开工 163 个新建产业项目\"\n"
	"        },\n"
	"        {\n"
	"          \"due\": null,\n"
	"          \"text\": \"适时启动\"\n"
	"        }\n"
	"      ]\n"
	"    },\n"
	"    {\n"
	"      \"no\": 2,\n"
	"      \"section\": \"个性任务\",\n"
	"      \"text\": \"打造“一刻钟\\\"便民\\\"生活圈”,\\n含逗号与换行；比率 0.6%\",\n"
	"      \"units\": [\n"
	"        \"市财政局\"\n"
	"      ],\n"
	"      \"targets\": [],\n"
	"      \"milestones\": []\n"
	"    }\n"
	"  ]\n"
	"}\n";

static const char want_csv[] =
	"\xEF\xBB\xBF"
	"序号,分类,重点任务,牵头单位,责任单位\r\n"
	"1,共性任务,完成投资 590 亿元，生产总值增长 6.5%左右。,市发改委,市发改委、各县（市、区）政府\r\n"
	"2,个性任务,\"打造“一刻钟\"\"便民\"\"生活圈”,\n含逗号与换行；比率 0.6%\",市财政局,市财政局\r\n";

static void test_json_exact(void **state)
{
	struct plan_doc doc;
	struct task tasks[2];
	struct target tg[4];
	struct milestone ms[2];
	struct strbuf sb = STRBUF_INIT;
	struct err e = ERR_INIT;

	(void)state;
	build(&doc, tasks, tg, ms);
	assert_int_equal(export_json(&doc, &sb, &e), 0);
	assert_string_equal(sb.buf, want_json);
	strbuf_release(&sb);
	plan_doc_release(&doc);
}

static void test_json_numbers(void **state)
{
	struct plan_doc doc;
	struct task tasks[2];
	struct target tg[4];
	struct milestone ms[2];
	struct strbuf sb = STRBUF_INIT;
	struct err e = ERR_INIT;

	(void)state;
	build(&doc, tasks, tg, ms);
	tg[0].value = 0.6;
	tg[1].value = 1e20;		/* integral but above 2^53: a real */
	tg[2].value = -4;
	tg[2].max = 0.1 + 0.2;		/* binary noise is not written */
	assert_int_equal(export_json(&doc, &sb, &e), 0);
	assert_non_null(strstr(sb.buf, "\"value\": 0.6,"));
	assert_non_null(strstr(sb.buf, "\"value\": 1e+20,") ||
			strstr(sb.buf, "\"value\": 1e20,"));
	assert_non_null(strstr(sb.buf, "\"value\": -4,"));
	assert_non_null(strstr(sb.buf, "\"max\": 0.3,"));
	strbuf_release(&sb);
	plan_doc_release(&doc);
}

static void test_json_rejects_bad_utf8(void **state)
{
	struct plan_doc doc;
	struct task tasks[2];
	struct target tg[4];
	struct milestone ms[2];
	struct strbuf sb = STRBUF_INIT;
	struct err e = ERR_INIT;

	(void)state;
	build(&doc, tasks, tg, ms);
	tasks[1].text = "bad \xC3";
	assert_int_equal(export_json(&doc, &sb, &e), -1);
	assert_non_null(strstr(e.msg, "UTF-8"));
	strbuf_release(&sb);
	plan_doc_release(&doc);
}

static void test_csv_exact(void **state)
{
	struct plan_doc doc;
	struct task tasks[2];
	struct target tg[4];
	struct milestone ms[2];
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	build(&doc, tasks, tg, ms);
	export_csv(&doc, &sb);
	assert_int_equal(sb.len, strlen(want_csv));
	assert_memory_equal(sb.buf, want_csv, sb.len);
	strbuf_release(&sb);
	plan_doc_release(&doc);
}

static void test_empty_plan(void **state)
{
	struct plan_doc doc;
	struct strbuf sb = STRBUF_INIT;
	struct err e = ERR_INIT;

	(void)state;
	plan_doc_init(&doc);
	assert_int_equal(export_json(&doc, &sb, &e), 0);
	assert_string_equal(sb.buf, "{\n"
				    "  \"plan\": {\n"
				    "    \"title\": \"\",\n"
				    "    \"issuer\": \"\",\n"
				    "    \"doc_no\": \"\",\n"
				    "    \"issued\": null,\n"
				    "    \"year\": null\n"
				    "  },\n"
				    "  \"tasks\": []\n"
				    "}\n");
	strbuf_reset(&sb);
	export_csv(&doc, &sb);
	assert_string_equal(sb.buf, "\xEF\xBB\xBF序号,分类,重点任务,牵头单位,责任单位\r\n");
	strbuf_release(&sb);
	plan_doc_release(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_exact),
		cmocka_unit_test(test_json_numbers),
		cmocka_unit_test(test_json_rejects_bad_utf8),
		cmocka_unit_test(test_csv_exact),
		cmocka_unit_test(test_empty_plan),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
