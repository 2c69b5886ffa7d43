/* Unit tests for src/import/directory_csv and the example directory of examples/ankang-2022. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/directory.h"
#include "import/directory_csv.h"
#include "util/err.h"
#include "util/fileio.h"
#include "util/strbuf.h"

#define UNITS_HEADER "单位名称,类别,简称及别名,上级单位,是否启用\n"
#define GROUPS_HEADER "分组名称,成员单位\n"

/* Read units (and groups, if not NULL) from strings; returns 0/-1 with e filled. */
static int read_pair(struct directory *d, const char *units, const char *groups, struct err *e)
{
	struct directory_csv_input in[2] = {
		{ units, strlen(units), "units.csv" },
		{ groups, groups ? strlen(groups) : 0, "groups.csv" },
	};

	directory_init(d);
	return directory_csv_read_all(d, in, groups ? 2 : 1, e);
}

static void read_ok(struct directory *d, const char *units, const char *groups)
{
	struct err e = ERR_INIT;

	if (read_pair(d, units, groups, &e))
		fail_msg("read failed: %s", e.msg);
}

/* Reading must fail with a message containing every given fragment. */
static void expect_error(const char *units, const char *groups, ...)
{
	struct directory d;
	struct err e = ERR_INIT;
	va_list ap;
	const char *frag;

	if (read_pair(&d, units, groups, &e) == 0)
		fail_msg("read succeeded, expected an error");
	assert_true(e.kind == ERR_INPUT || e.kind == ERR_CONFLICT);
	va_start(ap, groups);
	while ((frag = va_arg(ap, const char *)))
		if (!strstr(e.msg, frag))
			fail_msg("message “%s” lacks “%s”", e.msg, frag);
	va_end(ap);
	directory_release(&d);
}

static char *env_path(const char *var, const char *rel)
{
	const char *dir = getenv(var);
	struct strbuf sb = STRBUF_INIT;

	if (!dir)
		fail_msg("%s is not set", var);
	strbuf_addf(&sb, "%s/%s", dir, rel);
	return strbuf_detach(&sb, NULL);
}

static void slurp(const char *var, const char *rel, struct strbuf *out)
{
	char *path = env_path(var, rel);
	struct err e = ERR_INIT;

	if (fileio_read(path, DIRECTORY_CSV_MAX_BYTES, out, &e))
		fail_msg("%s", e.msg);
	free(path);
}

/* ---- reading ---- */

static void test_read_basic(void **state)
{
	struct directory d;
	enum directory_csv_kind kind;
	struct err e = ERR_INIT;
	const char *units = UNITS_HEADER
		"市城管局,市级部门,市创建办、安康市城市管理执法局,,是\n"
		"市工信局,市级部门,市国资委,,\n"
		"汉滨区政府,县市区政府,汉滨区；汉滨区人民政府,,是\n"
		"老单位,其他,,市工信局,否\n"
		"科室,其他,,市国资委,停用\n";
	const char *groups = GROUPS_HEADER
		"各县（市、区）政府,汉滨区政府\n"
		"市政府各工作部门,市城管局\n"
		"各县(市、区)政府,老单位\n"
		"市政府各工作部门,市国资委\n"
		"空分组,\n";

	(void)state;
	assert_int_equal(directory_csv_detect(units, strlen(units), "x", &kind, &e), 0);
	assert_int_equal(kind, DIRECTORY_CSV_UNITS);
	assert_int_equal(directory_csv_detect(groups, strlen(groups), "x", &kind, &e), 0);
	assert_int_equal(kind, DIRECTORY_CSV_GROUPS);

	read_ok(&d, units, groups);
	assert_int_equal(d.nunits, 5);
	assert_string_equal(d.units[0].name, "市城管局");
	assert_int_equal(d.units[0].kind, UNIT_KIND_CITY_DEPT);
	assert_int_equal(d.units[0].naliases, 2);
	assert_string_equal(d.units[0].aliases[1], "安康市城市管理执法局");
	assert_true(d.units[1].active);	/* empty means 是 */
	assert_int_equal(d.units[2].naliases, 2);
	assert_string_equal(d.units[2].aliases[1], "汉滨区人民政府");
	assert_int_equal(d.units[3].parent, 1);
	assert_false(d.units[3].active);
	assert_int_equal(d.units[4].parent, 1);	/* by alias */
	assert_false(d.units[4].active);
	assert_int_equal(d.ngroups, 3);
	/* Rows of one group need not be adjacent; the first spelling stays. */
	assert_string_equal(d.groups[0].name, "各县（市、区）政府");
	assert_int_equal(d.groups[0].nmembers, 2);
	assert_int_equal(d.groups[0].members[1], 3);
	assert_int_equal(d.groups[1].members[1], 1);	/* member by alias */
	assert_int_equal(d.groups[2].nmembers, 0);
	assert_int_equal(d.units[4].id, 5);
	directory_release(&d);
}

static void test_read_syntax_variants(void **state)
{
	struct directory a, b;
	/* BOM, CRLF, quoted fields with commas, doubled quotes, white space,
	 * trailing empty cells, blank lines, columns in another order, synonyms. */
	const char *u1 = "\xEF\xBB\xBF" "单位名称,类别,简称及别名,上级单位,是否启用,,\r\n"
		"\r\n"
		"\"市发改委\" , 市级部门 ,\"发改委, 物价局\",,是,,\r\n"
		"  市“双创”办 ,其他,\"市\"\"双创\"\"办\",,\r\n"
		",,,,\r\n"
		"各县（市、区）办,其他,\"县（市、区）办\",,\r\n";
	const char *u2 = "类型,单位,启用,别名\r"
		"市级部门,市发改委,1,\"发改委, 物价局\"\r"
		"其他,市“双创”办,,\"市\"\"双创\"\"办\"\r"
		"其他,各县（市、区）办,是,\xe3\x80\x80县（市、区）办\r";

	(void)state;
	read_ok(&a, u1, NULL);
	read_ok(&b, u2, NULL);
	assert_int_equal(a.nunits, 3);
	assert_string_equal(a.units[0].name, "市发改委");
	assert_int_equal(a.units[0].naliases, 1);
	assert_string_equal(a.units[0].aliases[0], "发改委, 物价局");
	assert_string_equal(a.units[1].name, "市“双创”办");
	assert_string_equal(a.units[1].aliases[0], "市\"双创\"办");
	assert_int_equal(a.units[2].naliases, 1);	/* 、 inside brackets does not split */
	assert_true(directory_equal(&a, &b));
	directory_release(&a);
	directory_release(&b);
}

static void test_read_errors(void **state)
{
	struct strbuf big = STRBUF_INIT;

	(void)state;
	expect_error(UNITS_HEADER "市城管局,市直部门,,,\n", NULL,
		     "units.csv:2:", "类别", "市直部门", NULL);
	expect_error(UNITS_HEADER "市城管局,,,,\n", NULL, "units.csv:2:", "类别", "为空", NULL);
	expect_error(UNITS_HEADER "市城管局,市级部门,,,\n市发改委,市级部门,,,\n\n市城管局,其他,,,\n",
		     NULL, "units.csv:5:", "单位名称", "重复", "第 2 行", NULL);
	expect_error(UNITS_HEADER "市城管局,市级部门,市创建办,,\n市创建办,其他,,,\n", NULL,
		     "units.csv:3:", "单位名称", "第 2 行的单位“市城管局”的别名", NULL);
	expect_error(UNITS_HEADER "市城管局,市级部门,市创建办,,\n市文明办,其他,市创建办,,\n", NULL,
		     "units.csv:3:", "简称及别名", "市创建办", "第 2 行", NULL);
	expect_error(UNITS_HEADER "市城管局,市级部门,,,\n市文明办,其他,市城管局,,\n", NULL,
		     "units.csv:3:", "简称及别名", "单位“市城管局”的名称", NULL);
	expect_error(UNITS_HEADER "市城管局,市级部门,市创建办（文明,,\n", NULL,
		     "units.csv:2:", "简称及别名", "括号不配对", NULL);
	expect_error(UNITS_HEADER "市城管局,市级部门,,,\n科室,其他,,市政府,\n", NULL,
		     "units.csv:3:", "上级单位", "市政府", "不在单位表中", NULL);
	expect_error(UNITS_HEADER "甲,其他,,乙,\n乙,其他,,丙,\n丙,其他,,甲,\n", NULL,
		     "units.csv:4:", "上级单位", "循环", NULL);
	expect_error(UNITS_HEADER "甲,其他,,,也许\n", NULL, "units.csv:2:", "是否启用", "也许", NULL);
	expect_error(UNITS_HEADER ",其他,,,\n", NULL, "units.csv:2:", "单位名称", "为空", NULL);
	expect_error(UNITS_HEADER "甲,其他,,,,多余\n", NULL, "units.csv:2:", "第 6 列", "超出表头",
		     NULL);
	/* Quotes. */
	expect_error(UNITS_HEADER "甲,其他,,,\n\"乙,其他,,,\n丙,其他,,,\n", NULL,
		     "units.csv:3:", "引号没有配对", NULL);
	expect_error(UNITS_HEADER "甲,其他,\"别名\"x,,\n", NULL, "units.csv:2:", "第 3 列",
		     "右引号之后", NULL);
	expect_error(UNITS_HEADER "甲,其他,别\"名,,\n", NULL, "units.csv:2:", "第 3 列", "引号", NULL);
	/* A quoted line break is syntax, but not a valid name: the record's line. */
	expect_error(UNITS_HEADER "甲,其他,,,\n\"乙\n丙\",其他,,,\n", NULL,
		     "units.csv:3:", "单位名称", "控制字符", NULL);
	/* Bytes. */
	expect_error(UNITS_HEADER "甲,其他,,,\n乙\xff,其他,,,\n", NULL, "units.csv:3:", "UTF-8",
		     NULL);
	{
		static const char nul[] = UNITS_HEADER "甲,其他,,,\n乙\0,其他,,,\n";
		struct directory d;
		struct err e = ERR_INIT;
		directory_init(&d);
		assert_int_equal(directory_csv_read(&d, nul, sizeof(nul) - 1, "units.csv", NULL, &e),
				 -1);
		assert_non_null(strstr(e.msg, "units.csv:3:"));
		assert_non_null(strstr(e.msg, "NUL"));
		directory_release(&d);
	}
	strbuf_addstr(&big, UNITS_HEADER "甲,其他,");
	for (size_t i = 0; i < DIRECTORY_CSV_MAX_FIELD + 1; i++)
		strbuf_addch(&big, 'x');
	strbuf_addstr(&big, ",,\n");
	expect_error(big.buf, NULL, "units.csv:2:", "第 3 列", "过长", NULL);
	strbuf_release(&big);
	/* Headers. */
	expect_error("", NULL, "units.csv:", "文件为空", NULL);
	expect_error("\xEF\xBB\xBF\r\n\r\n", NULL, "文件为空", NULL);
	expect_error("名称,类别\n", NULL, "units.csv:1:", "无法识别的表头", NULL);
	expect_error("单位名称,类别,备注\n", NULL, "units.csv:1:", "备注", NULL);
	expect_error("单位名称,简称及别名\n", NULL, "units.csv:1:", "缺少“类别”列", NULL);
	expect_error("单位名称,类别,单位\n", NULL, "units.csv:1:", "“单位名称”列重复", NULL);
	expect_error("单位名称,,类别\n", NULL, "units.csv:1:", "第 2 列为空", NULL);
	/* Groups. */
	expect_error(UNITS_HEADER "甲,其他,,,\n", GROUPS_HEADER "组,甲\n组,乙\n",
		     "groups.csv:3:", "成员单位", "乙", "不在单位表中", NULL);
	expect_error(UNITS_HEADER "甲,其他,别甲,,\n", GROUPS_HEADER "组,甲\n组,别甲\n",
		     "groups.csv:3:", "成员单位", "重复", NULL);
	expect_error(UNITS_HEADER "甲,其他,,,\n", GROUPS_HEADER "甲,甲\n",
		     "groups.csv:2:", "分组名称", "单位“甲”", NULL);
	expect_error(UNITS_HEADER "甲,其他,,,\n", GROUPS_HEADER "组,甲\n另一组,组\n",
		     "groups.csv:3:", "成员单位", "是分组", NULL);
	expect_error(UNITS_HEADER "甲,其他,,,\n", GROUPS_HEADER ",甲\n",
		     "groups.csv:2:", "分组名称", "为空", NULL);
	expect_error(UNITS_HEADER "甲,其他,,,\n", "分组名称\n", "groups.csv:1:", "成员单位", NULL);
	expect_error(UNITS_HEADER "甲,其他,,,\n", "分组名称,成员单位,类别\n", "groups.csv:1:", "类别",
		     NULL);
}

static void test_groups_need_units(void **state)
{
	struct directory d;
	struct err e = ERR_INIT;
	const char *groups = GROUPS_HEADER "组,甲\n";
	const char *units = UNITS_HEADER "甲,其他,,,\n";
	/* Groups first in the list: read_all still reads the units first. */
	struct directory_csv_input in[2] = {
		{ groups, strlen(groups), "groups.csv" },
		{ units, strlen(units), "units.csv" },
	};

	(void)state;
	directory_init(&d);
	assert_int_equal(directory_csv_read(&d, groups, strlen(groups), "groups.csv", NULL, &e), -1);
	assert_non_null(strstr(e.msg, "groups.csv:2:"));
	directory_release(&d);
	assert_int_equal(directory_csv_read_all(&d, in, 2, &e), 0);
	assert_int_equal(d.ngroups, 1);
	assert_int_equal(d.groups[0].nmembers, 1);
	directory_release(&d);
}

/* ---- writing ---- */

static void write_both(const struct directory *d, struct strbuf *u, struct strbuf *g)
{
	strbuf_reset(u);
	strbuf_reset(g);
	directory_csv_write_units(d, u);
	directory_csv_write_groups(d, g);
}

static void test_write_canonical_and_round_trip(void **state)
{
	struct directory a, b;
	struct strbuf u1 = STRBUF_INIT, g1 = STRBUF_INIT, u2 = STRBUF_INIT, g2 = STRBUF_INIT;
	const char *units = UNITS_HEADER
		"市发改委,市级部门,\"发改委, 物价局；安康市发展和改革委员会\",,是\n"
		"市“双创”办,其他,\"市\"\"双创\"\"办\",市发改委,否\n"
		"汉滨区政府,县市区政府,汉滨区政府、汉滨区,,\n";
	const char *groups = GROUPS_HEADER "\"组,一\",市发改委\n组二,\n组,汉滨区\n";

	(void)state;
	read_ok(&a, units, groups);
	write_both(&a, &u1, &g1);
	assert_string_equal(u1.buf,
			    "\xEF\xBB\xBF单位名称,类别,简称及别名,上级单位,是否启用\r\n"
			    "市发改委,市级部门,\"发改委, 物价局、安康市发展和改革委员会\",,是\r\n"
			    "市“双创”办,其他,\"市\"\"双创\"\"办\",市发改委,否\r\n"
			    "汉滨区政府,县市区政府,汉滨区,,是\r\n");
	assert_string_equal(g1.buf, "\xEF\xBB\xBF分组名称,成员单位\r\n"
				    "\"组,一\",市发改委\r\n"
				    "组二,\r\n"
				    "组,汉滨区政府\r\n");
	read_ok(&b, u1.buf, g1.buf);
	assert_true(directory_equal(&a, &b));
	write_both(&b, &u2, &g2);
	assert_string_equal(u1.buf, u2.buf);
	assert_string_equal(g1.buf, g2.buf);
	directory_release(&a);
	directory_release(&b);
	strbuf_release(&u1);
	strbuf_release(&g1);
	strbuf_release(&u2);
	strbuf_release(&g2);
}

static void test_write_empty(void **state)
{
	struct directory a, b;
	struct strbuf u = STRBUF_INIT, g = STRBUF_INIT;

	(void)state;
	directory_init(&a);
	write_both(&a, &u, &g);
	read_ok(&b, u.buf, g.buf);
	assert_int_equal(b.nunits, 0);
	assert_true(directory_equal(&a, &b));
	directory_release(&a);
	directory_release(&b);
	strbuf_release(&u);
	strbuf_release(&g);
}

/* ---- the example directory ---- */

static void load_example(struct directory *d, struct strbuf *u, struct strbuf *g)
{
	struct err e = ERR_INIT;
	struct directory_csv_input in[2];

	slurp("DUBAN_EXAMPLES", "ankang-2022/units.csv", u);
	slurp("DUBAN_EXAMPLES", "ankang-2022/groups.csv", g);
	in[0] = (struct directory_csv_input){ u->buf, u->len, "units.csv" };
	in[1] = (struct directory_csv_input){ g->buf, g->len, "groups.csv" };
	directory_init(d);
	if (directory_csv_read_all(d, in, 2, &e))
		fail_msg("%s", e.msg);
}

static void test_example_round_trip(void **state)
{
	struct directory d;
	struct strbuf u = STRBUF_INIT, g = STRBUF_INIT, u2 = STRBUF_INIT, g2 = STRBUF_INIT;

	(void)state;
	load_example(&d, &u, &g);
	write_both(&d, &u2, &g2);
	assert_int_equal(u.len, u2.len);
	assert_memory_equal(u.buf, u2.buf, u.len);
	assert_int_equal(g.len, g2.len);
	assert_memory_equal(g.buf, g2.buf, g.len);
	directory_release(&d);
	strbuf_release(&u);
	strbuf_release(&g);
	strbuf_release(&u2);
	strbuf_release(&g2);
}

static void test_example_groups(void **state)
{
	struct directory d;
	struct strbuf u = STRBUF_INIT, g = STRBUF_INIT;
	static const char *const counties[] = {
		"汉滨区政府", "汉阴县政府", "石泉县政府", "宁陕县政府", "紫阳县政府",
		"岚皋县政府", "平利县政府", "镇坪县政府", "旬阳市政府", "白河县政府",
	};
	static const char *const zones[] = {
		"安康高新区管委会", "恒口示范区管委会", "瀛湖生态旅游区管委会",
	};
	size_t gi, ndept = 0;

	(void)state;
	load_example(&d, &u, &g);
	assert_int_equal(directory_lookup(&d, "各县（市、区）政府", &gi), DIRECTORY_HIT_GROUP);
	assert_int_equal(d.groups[gi].nmembers, 10);
	for (size_t i = 0; i < 10; i++) {
		const struct unit *m = &d.units[d.groups[gi].members[i]];
		assert_string_equal(m->name, counties[i]);
		assert_int_equal(m->kind, UNIT_KIND_COUNTY_GOV);
	}
	assert_int_equal(directory_lookup(&d, "各开发区管委会", &gi), DIRECTORY_HIT_GROUP);
	assert_int_equal(d.groups[gi].nmembers, 3);
	for (size_t i = 0; i < 3; i++) {
		const struct unit *m = &d.units[d.groups[gi].members[i]];
		assert_string_equal(m->name, zones[i]);
		assert_int_equal(m->kind, UNIT_KIND_DEV_ZONE);
	}
	/* 市政府各工作部门 is exactly the 市级部门 units. */
	assert_int_equal(directory_lookup(&d, "市政府各工作部门", &gi), DIRECTORY_HIT_GROUP);
	for (size_t i = 0; i < d.nunits; i++)
		ndept += d.units[i].kind == UNIT_KIND_CITY_DEPT;
	assert_int_equal(d.groups[gi].nmembers, ndept);
	for (size_t i = 0; i < d.groups[gi].nmembers; i++)
		assert_int_equal(d.units[d.groups[gi].members[i]].kind, UNIT_KIND_CITY_DEPT);
	for (size_t i = 0; i < d.nunits; i++)
		assert_true(d.units[i].active);
	directory_release(&d);
	strbuf_release(&u);
	strbuf_release(&g);
}

/* Append `piece` and a newline to `out` unless it is already one of its lines. */
static void add_unique_line(struct strbuf *out, const struct strbuf *piece)
{
	const char *p = out->buf;

	while (*p) {
		const char *nl = strchr(p, '\n');
		if ((size_t)(nl - p) == piece->len && !memcmp(p, piece->buf, piece->len))
			return;
		p = nl + 1;
	}
	strbuf_add(out, piece->buf, piece->len);
	strbuf_addch(out, '\n');
}

/* Split a 责任单位 cell on 、 outside brackets, dropping <p> markup; append names to `out`. */
static void split_units_cell(const char *cell, size_t len, struct strbuf *out)
{
	struct strbuf c = STRBUF_INIT, piece = STRBUF_INIT;
	int depth = 0;
	char *p;

	strbuf_add(&c, cell, len);
	while ((p = strstr(c.buf, "<p>")) || (p = strstr(c.buf, "</p>"))) {
		size_t k = p[1] == '/' ? 4 : 3;
		memmove(p, p + k, strlen(p + k) + 1);
		c.len -= k;
	}
	for (size_t i = 0; i <= c.len; i++) {
		bool end = i == c.len || (depth == 0 && !strncmp(c.buf + i, "、", 3));
		if (!end) {
			if (!strncmp(c.buf + i, "（", 3) || c.buf[i] == '(')
				depth++;
			if ((!strncmp(c.buf + i, "）", 3) || c.buf[i] == ')') && depth)
				depth--;
			strbuf_addch(&piece, c.buf[i]);
			continue;
		}
		strbuf_trim(&piece);
		if (piece.len)
			add_unique_line(out, &piece);
		strbuf_reset(&piece);
		i += i < c.len ? 2 : 0;
	}
	strbuf_release(&c);
	strbuf_release(&piece);
}

static void test_example_names_all_resolve(void **state)
{
	struct directory d;
	struct strbuf u = STRBUF_INIT, g = STRBUF_INIT, names = STRBUF_INIT, tasks = STRBUF_INIT;
	struct strbuf seen = STRBUF_INIT;
	size_t count = 0, unverified = 0, brackets = 0;
	char *line, *save = NULL;

	(void)state;
	load_example(&d, &u, &g);
	slurp("DUBAN_FIXTURES", "directory/ankang-unit-names.txt", &names);
	for (line = strtok_r(names.buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct resolution res;
		directory_resolve(&d, line, &res);
		count++;
		if (res.target == RESOLVE_TO_UNVERIFIED) {
			unverified++;
			print_error("unverified: %s\n", line);
		}
		brackets += res.rule == RESOLVE_BRACKET;
		/* never by a guessed alias: X（Y） must name Y in the directory */
		assert_int_not_equal(res.rule, RESOLVE_BRACKET_NEW_ALIAS);
	}
	assert_int_equal(count, 60);
	assert_int_equal(unverified, 0);
	assert_int_equal(brackets, 3);

	/* The fixture is every name of the example list's 责任单位 column. */
	slurp("DUBAN_EXAMPLES", "ankang-2022/tasks.txt", &tasks);
	for (line = strtok_r(tasks.buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *last = strrchr(line, '\t');
		char *end;
		if (!last || strtol(line, &end, 10) <= 0 || *end != '\t')
			continue;
		split_units_cell(last + 1, strlen(last + 1), &seen);
	}
	strbuf_reset(&names);
	slurp("DUBAN_FIXTURES", "directory/ankang-unit-names.txt", &names);
	assert_string_equal(seen.buf, names.buf);
	directory_release(&d);
	strbuf_release(&u);
	strbuf_release(&g);
	strbuf_release(&names);
	strbuf_release(&tasks);
	strbuf_release(&seen);
}

/* ---- group aliases ---- */

#define ALIAS_UNITS UNITS_HEADER "汉滨区政府,县市区政府,汉滨区,,\n汉阴县政府,县市区政府,,,\n" \
	"市发改委,市级部门,发改委,,\n"

static void test_group_aliases_read_and_round_trip(void **state)
{
	struct directory a, b;
	struct strbuf u1 = STRBUF_INIT, g1 = STRBUF_INIT, u2 = STRBUF_INIT, g2 = STRBUF_INIT;
	/* Columns in another order; the aliases on the second row of the group, then
	 * again (the same, other separators and a repeat) on its fourth; 别名 as header. */
	const char *groups = "成员单位,别名,分组名称\n"
			     "汉滨区,,各县（市、区）政府\n"
			     "汉阴县政府,\"各县（市、区）人民政府、各县区政府\",各县（市、区）政府\n"
			     ",,空分组\n"
			     ",各县（市、区）人民政府；各县区政府;各县区政府,各县(市、区)政府\n"
			     "市发改委,,城区\n";
	size_t gi;

	(void)state;
	read_ok(&a, ALIAS_UNITS, groups);
	assert_int_equal(a.ngroups, 3);
	assert_int_equal(a.groups[0].nmembers, 2);
	assert_int_equal(a.groups[0].naliases, 2);
	assert_string_equal(a.groups[0].aliases[0], "各县（市、区）人民政府");
	assert_string_equal(a.groups[0].aliases[1], "各县区政府");
	assert_int_equal(a.groups[1].naliases, 0);
	assert_int_equal(directory_lookup(&a, "各县区政府", &gi), DIRECTORY_HIT_GROUP);
	assert_int_equal(gi, 0);
	write_both(&a, &u1, &g1);
	assert_string_equal(g1.buf, "\xEF\xBB\xBF分组名称,成员单位,简称及别名\r\n"
				    "各县（市、区）政府,汉滨区政府,各县（市、区）人民政府、各县区政府\r\n"
				    "各县（市、区）政府,汉阴县政府,\r\n"
				    "空分组,,\r\n"
				    "城区,市发改委,\r\n");
	read_ok(&b, u1.buf, g1.buf);
	assert_true(directory_equal(&a, &b));
	write_both(&b, &u2, &g2);
	assert_string_equal(u1.buf, u2.buf);
	assert_string_equal(g1.buf, g2.buf);
	directory_release(&b);

	/* Without group aliases the file keeps its two columns, even if read with three. */
	read_ok(&b, ALIAS_UNITS, "分组名称,成员单位,简称及别名\n组,汉滨区,\n组,汉阴县政府,\n");
	write_both(&b, &u2, &g2);
	assert_string_equal(g2.buf, "\xEF\xBB\xBF分组名称,成员单位\r\n"
				    "组,汉滨区政府\r\n"
				    "组,汉阴县政府\r\n");
	directory_release(&b);

	/* An alias needing quotes (a comma) survives. */
	read_ok(&b, ALIAS_UNITS, "分组名称,成员单位,简称及别名\n组,汉滨区,\"甲,乙\"\n");
	write_both(&b, &u2, &g2);
	assert_string_equal(g2.buf, "\xEF\xBB\xBF分组名称,成员单位,简称及别名\r\n"
				    "组,汉滨区政府,\"甲,乙\"\r\n");
	directory_release(&b);
	directory_release(&a);
	strbuf_release(&u1);
	strbuf_release(&g1);
	strbuf_release(&u2);
	strbuf_release(&g2);
}

static void test_group_alias_errors(void **state)
{
	(void)state;
	/* Rows of one group that disagree: the later line and the first. */
	expect_error(ALIAS_UNITS,
		     "分组名称,成员单位,简称及别名\n"
		     "组,汉滨区,甲、乙\n"
		     "另组,市发改委,丙\n"
		     "组,汉阴县政府,乙、甲\n",
		     "groups.csv:4", "简称及别名", "第 2 行", "不一致", NULL);
	expect_error(ALIAS_UNITS,
		     "分组名称,成员单位,简称及别名\n组,汉滨区,甲\n组,汉阴县政府,甲、乙\n",
		     "groups.csv:3", "第 2 行", NULL);
	/* An alias held by a unit, a unit's alias, another group or its alias. */
	expect_error(ALIAS_UNITS, "分组名称,成员单位,简称及别名\n组,汉滨区,汉阴县政府\n",
		     "groups.csv:2", "简称及别名", "单位“汉阴县政府”", NULL);
	expect_error(ALIAS_UNITS, "分组名称,成员单位,简称及别名\n组,汉滨区,发改委\n",
		     "groups.csv:2", "单位“市发改委”的别名", NULL);
	expect_error(ALIAS_UNITS,
		     "分组名称,成员单位,简称及别名\n组,汉滨区,\n另组,市发改委,组\n",
		     "groups.csv:3", "分组“另组”的别名“组”", "分组“组”", NULL);
	expect_error(ALIAS_UNITS,
		     "分组名称,成员单位,简称及别名\n组,汉滨区,甲\n另组,市发改委,甲\n",
		     "groups.csv:3", "分组“组”的别名", NULL);
	/* A group named later by another group's alias; a member naming a group alias. */
	expect_error(ALIAS_UNITS, "分组名称,成员单位,简称及别名\n组,汉滨区,甲\n甲,市发改委,\n",
		     "groups.csv:3", "分组名称", "是分组“组”的别名", NULL);
	expect_error(ALIAS_UNITS, "分组名称,成员单位,简称及别名\n组,汉滨区,甲\n乙,甲,\n",
		     "groups.csv:3", "成员单位", "是分组", NULL);
	/* A unit alias taking a group's alias is judged when the groups come (units first). */
	expect_error(UNITS_HEADER "汉滨区政府,县市区政府,甲,,\n",
		     "分组名称,成员单位,简称及别名\n组,汉滨区政府,甲\n", "groups.csv:2",
		     "单位“汉滨区政府”的别名", NULL);
	/* Bad brackets. */
	expect_error(ALIAS_UNITS, "分组名称,成员单位,简称及别名\n组,汉滨区,各县（市\n",
		     "groups.csv:2", "括号", NULL);
	/* A units file still refuses the column set of a groups file and vice versa. */
	expect_error(ALIAS_UNITS, "分组名称,成员单位,上级单位\n组,汉滨区,\n", "groups.csv:1",
		     "上级单位", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_basic),
		cmocka_unit_test(test_read_syntax_variants),
		cmocka_unit_test(test_read_errors),
		cmocka_unit_test(test_groups_need_units),
		cmocka_unit_test(test_write_canonical_and_round_trip),
		cmocka_unit_test(test_write_empty),
		cmocka_unit_test(test_example_round_trip),
		cmocka_unit_test(test_example_groups),
		cmocka_unit_test(test_example_names_all_resolve),
		cmocka_unit_test(test_group_aliases_read_and_round_trip),
		cmocka_unit_test(test_group_alias_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
