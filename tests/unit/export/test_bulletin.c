/* Unit tests for util/html and export/bulletin: escaping, and the bulletin of a hand-built fixture against checked-in files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/bulletin.h"
#include "util/err.h"
#include "util/fileio.h"
#include "util/html.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ---------------------------------------------------------------- html */

static char *esc(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	html_add_text(&sb, s);
	return strbuf_detach(&sb, NULL);
}

static void test_html_escapes_the_five(void **state)
{
	char *s;

	(void)state;
	s = esc("a<b>c&d\"e'f");
	assert_string_equal(s, "a&lt;b&gt;c&amp;d&quot;e&#39;f");
	free(s);
	s = esc("市<script>alert('x')</script>局");
	assert_string_equal(s, "市&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;局");
	assert_null(strchr(s, '<'));
	free(s);
	/* Already-escaped text is escaped again: we show what was written. */
	s = esc("&amp;");
	assert_string_equal(s, "&amp;amp;");
	free(s);
	s = esc(NULL);
	assert_string_equal(s, "");
	free(s);
	s = esc("生产总值增长 6.5%左右");
	assert_string_equal(s, "生产总值增长 6.5%左右");
	free(s);
}

static void test_html_attr_and_lines(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_addstr(&sb, "<td title=\"");
	html_add_attr(&sb, "x\" onmouseover=\"alert(1)");
	strbuf_addstr(&sb, "\">");
	assert_string_equal(sb.buf, "<td title=\"x&quot; onmouseover=&quot;alert(1)\">");
	strbuf_reset(&sb);
	html_add_text_br(&sb, "一\n二\r\n三\r四<br>");
	assert_string_equal(sb.buf, "一<br>二<br>三<br>四&lt;br&gt;");
	strbuf_reset(&sb);
	/* Without _br a newline stays a newline. */
	html_add_text(&sb, "a\nb\tc");
	assert_string_equal(sb.buf, "a\nb\tc");
	strbuf_reset(&sb);
	html_add_textn(&sb, "<ab>", 2);
	assert_string_equal(sb.buf, "&lt;a");
	strbuf_release(&sb);
}

static void test_html_bad_bytes_become_replacement(void **state)
{
	char *s;

	(void)state;
	/* A lone continuation byte, a truncated sequence, a C0 and a C1 control. */
	s = esc("a\x80" "b\xE4\xB8" "c\x01" "d\xC2\x85" "e");
	assert_string_equal(s, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d\xEF\xBF\xBD" "e");
	free(s);
	s = esc("\x7f");
	assert_string_equal(s, "\xEF\xBF\xBD");
	free(s);
}

/* ------------------------------------------------------------ fixture */

static const struct bulletin_task completed[] = {
	{ 3, "社会消费品零售总额增长 8.5%左右", "市商务局",
	  "2022-06 月报已报 100%，待核验", "", false, 0 },
	{ 24, "培育富硒产业园区20个，开发富硒新产品20个", "市富硒办",
	  "已销号（2022-06-20 核验）", "", false, 0 },
};

static const struct bulletin_task lagging[] = {
	{ 7, "建成宁石高速，加快安岚高速陕渝界段建设，力争开工桐旬高速", "市交通局",
	  "序时进度 50%，已报 30%（2022-06 月报），落后 20 个百分点",
	  "受汛期影响，桥梁下部结构施工暂停 23 天；\n征地拆迁涉及 14 户未签协议", false, 3 },
	{ 11, "上半年开工 163 个新建产业项目", "市发改委",
	  "时间节点 2022-06-30 已过未完成（应达 100%，已报 71%）",
	  "推进缓慢", true, 2 },
	{ 29, "新建工业园区标准化厂房50万平方米", "市工信局",
	  "序时进度 50%，已报 35%，落后 15 个百分点", "", false, 1 },
};

static const struct bulletin_task overdue[] = {
	{ 5, "加快规划安康机场空港经济区 | 启动升级扩容前期工作", "安康高新区管委会",
	  "应于 2022-05-31 前完成，已逾期 30 天（已报 80%）",
	  "空域评估报告仍待民航西北局批复", false, 1 },
};

static const struct bulletin_missing missing[] = {
	{ "市<script>alert('x')</script>局", 2, "2022-05、2022-06" },
	{ "岚皋县政府", 1, "2022-06" },
};

static const struct bulletin_notice notices[] = {
	{ "督〔2022〕12号", "橙色督查单", "市交通局", 7, "建成宁石高速", "2022-06-10", "未回复" },
	{ "督〔2022〕13号", "提级督办", "市发改委", 11, "上半年开工 163 个新建产业项目",
	  "2022-06-15", "已回复" },
};

static const struct bulletin_rank ranking[] = {
	{ 1, "市商务局", 96.5 },
	{ 2, "市富硒办", 95 },
	{ 3, "市交通局", 88.25 },
};

static const struct bulletin_task turned_red[] = {
	{ 11, "上半年开工 163 个新建产业项目", "市发改委",
	  "时间节点 2022-06-30 已过未完成", "", false, 0 },
};

static const struct bulletin_task turned_green[] = {
	{ 14, "推动健康、养老、文化、旅游、体育等服务消费向高品质升级", "市商务局",
	  "序时进度 50%，已报 55%", "", false, 0 },
};

static struct bulletin full_fixture(void)
{
	struct bulletin b = {
		.title = "2022年政府工作报告重点任务进展通报（2022年6月）",
		.issue_no = "2022年第6期",
		.issuer = "安康市人民政府督查室",
		.period = "2022-06",
		.as_of = "2022年6月30日",
		.totals = { .ahead = 10, .on = 95, .behind = 17, .done = 5, .other = 3, .total = 130 },
		.completed = completed, .ncompleted = 2,
		.lagging = lagging, .nlagging = 3,
		.overdue = overdue, .noverdue = 1,
		.missing = missing, .nmissing = 2,
		.notices = notices, .nnotices = 2,
		.ranking_basis = "2022年度目标责任考核截至6月得分",
		.ranking = ranking, .nranking = 3,
		.has_previous = true,
		.previous_period = "2022-05",
		.previous = { .ahead = 12, .on = 98, .behind = 14, .done = 3, .other = 3, .total = 130 },
		.turned_red = turned_red, .nturned_red = 1,
		.turned_green = turned_green, .nturned_green = 1,
		.requirements = "1. 各牵头单位要对照欠进度任务逐项分析原因，7月15日前报送整改措施。\n"
				"2. 逾期未报单位于7月5日前补报。",
	};
	return b;
}

static char *fixture_path(const char *name)
{
	const char *dir = getenv("DUBAN_FIXTURES");

	assert_non_null(dir);
	return xasprintf("%s/export/%s", dir, name);
}

/* Compare with the checked-in file; on a difference, leave the actual output beside for diff. */
static void assert_same_as_file(const struct strbuf *got, const char *name)
{
	char *path = fixture_path(name);
	struct strbuf want = STRBUF_INIT;
	struct err e = ERR_INIT;

	if (fileio_read(path, 1 << 20, &want, &e) ||
	    want.len != got->len || memcmp(want.buf, got->buf, got->len)) {
		char *actual = xasprintf("%s.actual", name);

		fileio_write_atomic(actual, got->buf, got->len, NULL);
		fail_msg("output differs from %s; actual output written to ./%s", path, actual);
	}
	strbuf_release(&want);
	free(path);
}

static void test_bulletin_html_matches_expected(void **state)
{
	struct bulletin b = full_fixture();
	struct strbuf out = STRBUF_INIT;

	(void)state;
	bulletin_render_html(&b, &out);
	assert_same_as_file(&out, "bulletin-2022-06.html");
	strbuf_release(&out);
}

static void test_bulletin_markdown_matches_expected(void **state)
{
	struct bulletin b = full_fixture();
	struct strbuf out = STRBUF_INIT;

	(void)state;
	bulletin_render_markdown(&b, &out);
	assert_same_as_file(&out, "bulletin-2022-06.md");
	strbuf_release(&out);
}

/* Facts the fixture must show, whatever the layout: checked independently of the expected files. */
static void assert_content(const char *doc, bool html)
{
	/* Totals with shares: 17/130 = 13.1%, 95/130 = 73.1%. */
	assert_non_null(strstr(doc, "欠进度 17 项"));
	assert_non_null(strstr(doc, "13.1%"));
	assert_non_null(strstr(doc, "73.1%"));
	/* Change: 欠进度 14 -> 17, 已完成 3 -> 5. */
	assert_non_null(strstr(doc, "欠进度任务增加 3 项，已完成任务增加 2 项"));
	/* The unit's own causes, not a stock phrase; and the lack of one said plainly. */
	assert_non_null(strstr(doc, "受汛期影响，桥梁下部结构施工暂停 23 天"));
	assert_non_null(strstr(doc, "空域评估报告仍待民航西北局批复"));
	assert_non_null(strstr(doc, "单位未说明原因"));
	assert_non_null(strstr(doc, "与上期所报原因相同"));
	assert_non_null(strstr(doc, "连续第 3 期欠进度"));
	assert_non_null(strstr(doc, "2022-05、2022-06"));
	assert_non_null(strstr(doc, "督〔2022〕12号"));
	assert_non_null(strstr(doc, "88.25"));
	assert_non_null(strstr(doc, "排名依据：2022年度目标责任考核截至6月得分"));
	assert_null(strstr(doc, "<script>"));
	if (html) {
		assert_non_null(strstr(doc, "市&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;局"));
		/* No external resource of any kind. */
		assert_null(strstr(doc, "http:"));
		assert_null(strstr(doc, "https:"));
		assert_null(strstr(doc, "src="));
		assert_null(strstr(doc, "href="));
		assert_null(strstr(doc, "url("));
		assert_null(strstr(doc, "@import"));
		assert_non_null(strstr(doc, "size:A4"));
	} else {
		assert_non_null(strstr(doc, "市\\<script\\>alert('x')\\</script\\>局"));
	}
}

static void test_bulletin_content(void **state)
{
	struct bulletin b = full_fixture();
	struct strbuf out = STRBUF_INIT;

	(void)state;
	bulletin_render_html(&b, &out);
	assert_content(out.buf, true);
	strbuf_reset(&out);
	bulletin_render_markdown(&b, &out);
	assert_content(out.buf, false);
	strbuf_release(&out);
}

/* Number of '|' not escaped by a backslash. */
static int count_pipes(const char *line, size_t len)
{
	int n = 0;

	for (size_t i = 0; i < len; i++) {
		if (line[i] == '\\')
			i++;
		else if (line[i] == '|')
			n++;
	}
	return n;
}

/* Every row of every Markdown table has as many cells as its header, and no raw newline. */
static void test_markdown_tables_are_rectangular(void **state)
{
	struct bulletin b = full_fixture();
	struct strbuf out = STRBUF_INIT;
	const char *p;
	int header = -1, tables = 0, rows = 0;

	(void)state;
	bulletin_render_markdown(&b, &out);
	for (p = out.buf; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len && p[0] == '|') {
			int n = count_pipes(p, len);

			if (header < 0) {
				header = n;
				tables++;
			} else {
				assert_int_equal(n, header);
				rows++;
			}
		} else {
			header = -1;
		}
		p += len + (nl != NULL);
	}
	/* 总体, 已完成, 欠进度, 逾期, 未报, 督办, 排名, 转红, 转绿, 连续 */
	assert_int_equal(tables, 10);
	assert_true(rows > 20);
	/* The "|" inside task 5's text is escaped. */
	assert_non_null(strstr(out.buf, "空港经济区 \\| 启动"));
	/* A requirement line "2. ..." stays text, not a list item. */
	assert_non_null(strstr(out.buf, "\n2\\. 逾期未报单位"));
	strbuf_release(&out);
}

static void test_empty_sections_say_so(void **state)
{
	struct bulletin b = {
		.title = "2022年政府工作报告重点任务进展通报（2022年3月）",
		.issuer = "安康市人民政府督查室",
		.period = "2022-03",
		.as_of = "2022年3月31日",
		.totals = { .on = 120, .other = 10, .total = 130 },
	};
	static const char *const says[] = {
		"截至本期无已完成任务。", "本期无欠进度任务。", "本期无逾期未完成任务。",
		"本期无逾期未报单位。", "本期未下发督查单，无提级督办事项。", "本期无单位排名。",
		"本期为首期通报，无上期可比。",
		"一、总体情况", "二、已完成任务", "三、欠进度任务", "四、逾期未完成任务",
		"五、逾期未报单位", "六、本期督办事项", "七、单位排名", "八、与上期对比",
	};
	struct strbuf out = STRBUF_INIT;

	(void)state;
	for (int pass = 0; pass < 2; pass++) {
		strbuf_reset(&out);
		if (pass)
			bulletin_render_markdown(&b, &out);
		else
			bulletin_render_html(&b, &out);
		for (size_t i = 0; i < sizeof(says) / sizeof(says[0]); i++)
			if (!strstr(out.buf, says[i]))
				fail_msg("%s: missing \"%s\"", pass ? "markdown" : "html", says[i]);
		/* No requirements given: no such section. */
		assert_null(strstr(out.buf, "九、下步工作要求"));
		assert_null(strstr(out.buf, "较上期"));
		assert_non_null(strstr(out.buf, "92.3%"));	/* 120/130 */
	}
	/* Once there is a previous bulletin, empty change lists say so too. */
	b.has_previous = true;
	b.previous = b.totals;
	strbuf_reset(&out);
	bulletin_render_html(&b, &out);
	assert_non_null(strstr(out.buf, "本期无转为红色的任务。"));
	assert_non_null(strstr(out.buf, "本期无转为绿色的任务。"));
	assert_non_null(strstr(out.buf, "无连续两期以上欠进度或逾期的任务。"));
	assert_non_null(strstr(out.buf, "欠进度任务持平，已完成任务持平"));
	/* Nothing to report at all. */
	memset(&b.totals, 0, sizeof(b.totals));
	strbuf_reset(&out);
	bulletin_render_markdown(&b, &out);
	assert_non_null(strstr(out.buf, "本期无纳入通报的任务。"));
	strbuf_release(&out);
}

/* NULL strings everywhere render as empty, never crash. */
static void test_null_strings(void **state)
{
	static const struct bulletin_task t[1] = { { 0 } };
	static const struct bulletin_missing m[1] = { { 0 } };
	static const struct bulletin_notice n[1] = { { 0 } };
	static const struct bulletin_rank r[1] = { { 0 } };
	struct bulletin b = {
		.totals = { .total = 1, .behind = 1 },
		.completed = t, .ncompleted = 1, .lagging = t, .nlagging = 1,
		.overdue = t, .noverdue = 1, .missing = m, .nmissing = 1,
		.notices = n, .nnotices = 1, .ranking = r, .nranking = 1,
		.has_previous = true, .turned_red = t, .nturned_red = 1,
		.turned_green = t, .nturned_green = 1,
	};
	struct strbuf out = STRBUF_INIT;

	(void)state;
	bulletin_render_html(&b, &out);
	assert_non_null(strstr(out.buf, "<title>重点任务进展通报</title>"));
	assert_non_null(strstr(out.buf, "单位未说明原因"));
	assert_non_null(strstr(out.buf, "</html>\n"));
	strbuf_reset(&out);
	bulletin_render_markdown(&b, &out);
	assert_non_null(strstr(out.buf, "# 重点任务进展通报\n"));
	strbuf_release(&out);
}

/* A long list starts on a new printed page. */
static void test_big_table_breaks_page(void **state)
{
	struct bulletin_task many[BULLETIN_BIG_TABLE + 1];
	struct bulletin b = { .title = "通报", .totals = { .behind = 16, .total = 16 } };
	struct strbuf out = STRBUF_INIT;

	(void)state;
	for (int i = 0; i <= BULLETIN_BIG_TABLE; i++)
		many[i] = (struct bulletin_task){ i + 1, "任务", "市交通局", "落后", "原因", false, 1 };
	b.lagging = many;
	b.nlagging = BULLETIN_BIG_TABLE;
	bulletin_render_html(&b, &out);
	assert_null(strstr(out.buf, "<h2 class=\"newpage\">"));
	strbuf_reset(&out);
	b.nlagging = BULLETIN_BIG_TABLE + 1;
	bulletin_render_html(&b, &out);
	assert_non_null(strstr(out.buf, "<h2 class=\"newpage\">三、欠进度任务</h2>"));
	strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_escapes_the_five),
		cmocka_unit_test(test_html_attr_and_lines),
		cmocka_unit_test(test_html_bad_bytes_become_replacement),
		cmocka_unit_test(test_bulletin_html_matches_expected),
		cmocka_unit_test(test_bulletin_markdown_matches_expected),
		cmocka_unit_test(test_bulletin_content),
		cmocka_unit_test(test_markdown_tables_are_rectangular),
		cmocka_unit_test(test_empty_sections_say_so),
		cmocka_unit_test(test_null_strings),
		cmocka_unit_test(test_big_table_breaks_page),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
