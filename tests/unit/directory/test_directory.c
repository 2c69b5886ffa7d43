/* Unit tests for src/domain/directory: building, resolution, expansion, reconciliation, id carrying. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "domain/directory.h"
#include "util/diag.h"
#include "util/err.h"

/* ---- helpers ---- */

static size_t add_unit(struct directory *d, const char *name, enum unit_kind kind, bool active)
{
	struct err e = ERR_INIT;
	size_t idx = 0;

	if (directory_add_unit(d, 0, name, kind, active, &idx, &e))
		fail_msg("add_unit %s: %s", name, e.msg);
	return idx;
}

static void add_alias(struct directory *d, size_t unit, const char *alias)
{
	struct err e = ERR_INIT;

	if (directory_add_alias(d, unit, alias, &e))
		fail_msg("add_alias %s: %s", alias, e.msg);
}

static size_t add_group(struct directory *d, const char *name, const size_t *members, size_t n)
{
	struct err e = ERR_INIT;
	size_t g = 0;

	if (directory_add_group(d, 0, name, &g, &e))
		fail_msg("add_group %s: %s", name, e.msg);
	for (size_t i = 0; i < n; i++)
		if (directory_add_member(d, g, members[i], &e))
			fail_msg("add_member: %s", e.msg);
	return g;
}

/*
 * A small directory:
 *   0 市城管局 (市创建办)   1 市工信局 (市国资委)   2 市发改委
 *   3 汉滨区政府  4 汉阴县政府  5 石泉县政府 (inactive)
 *   6 安康高新区管委会
 *   groups: 0 各县（市、区）政府 = 3,4,5   1 各开发区管委会 = 6
 *           2 城区单位 = 6,3   3 空分组 = 5
 */
static void small_dir(struct directory *d)
{
	size_t counties[] = { 3, 4, 5 }, zones[] = { 6 }, city[] = { 6, 3 }, dead[] = { 5 };

	directory_init(d);
	add_unit(d, "市城管局", UNIT_KIND_CITY_DEPT, true);
	add_alias(d, 0, "市创建办");
	add_unit(d, "市工信局", UNIT_KIND_CITY_DEPT, true);
	add_alias(d, 1, "市国资委");
	add_unit(d, "市发改委", UNIT_KIND_CITY_DEPT, true);
	add_unit(d, "汉滨区政府", UNIT_KIND_COUNTY_GOV, true);
	add_unit(d, "汉阴县政府", UNIT_KIND_COUNTY_GOV, true);
	add_unit(d, "石泉县政府", UNIT_KIND_COUNTY_GOV, false);
	add_unit(d, "安康高新区管委会", UNIT_KIND_DEV_ZONE, true);
	add_group(d, "各县（市、区）政府", counties, 3);
	add_group(d, "各开发区管委会", zones, 1);
	add_group(d, "城区单位", city, 2);
	add_group(d, "空分组", dead, 1);
}

static bool notes_mention(const struct diags *n, const char *needle)
{
	for (size_t i = 0; i < n->n; i++)
		if (strstr(n->v[i].msg, needle))
			return true;
	return false;
}

/* ---- kinds and name checks ---- */

static void test_kinds(void **state)
{
	enum unit_kind k;

	(void)state;
	for (int i = 0; i < UNIT_KIND_COUNT; i++) {
		assert_int_equal(unit_kind_parse(unit_kind_label((enum unit_kind)i), &k), 0);
		assert_int_equal(k, i);
		assert_int_equal(unit_kind_parse(unit_kind_code((enum unit_kind)i), &k), 0);
		assert_int_equal(k, i);
	}
	assert_string_equal(unit_kind_label(UNIT_KIND_CENTRAL), "中省驻市单位及企业");
	assert_int_equal(unit_kind_parse(" 县市区政府 ", &k), 0);
	assert_int_equal(k, UNIT_KIND_COUNTY_GOV);
	assert_int_equal(unit_kind_parse("市直部门", &k), -1);
	assert_int_equal(unit_kind_parse("", &k), -1);
	assert_int_equal(unit_kind_parse("\xff", &k), -1);
}

static void test_name_checks(void **state)
{
	struct err e = ERR_INIT;
	char longname[DIRECTORY_NAME_MAX + 2];

	(void)state;
	assert_int_equal(directory_name_check("市城管局", "单位名称", &e), 0);
	assert_int_equal(directory_name_check("", "单位名称", &e), -1);
	assert_non_null(strstr(e.msg, "单位名称为空"));
	assert_int_equal(directory_name_check(" 市城管局", "单位名称", &e), -1);
	assert_non_null(strstr(e.msg, "首尾有空白"));
	assert_int_equal(directory_name_check("市城管局\xe3\x80\x80", "别名", &e), -1);
	assert_non_null(strstr(e.msg, "别名"));
	assert_int_equal(directory_name_check("市城\n管局", "单位名称", &e), -1);
	assert_non_null(strstr(e.msg, "控制字符"));
	assert_int_equal(directory_name_check("\xc3\x28", "单位名称", &e), -1);
	assert_non_null(strstr(e.msg, "UTF-8"));
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	assert_int_equal(directory_name_check(longname, "单位名称", &e), -1);
	assert_non_null(strstr(e.msg, "过长"));
	longname[DIRECTORY_NAME_MAX] = '\0';
	assert_int_equal(directory_name_check(longname, "单位名称", &e), 0);

	assert_int_equal(directory_alias_check("各县（市、区）政府", &e), 0);
	assert_int_equal(directory_alias_check("市城管局(市创建办)", &e), 0);
	assert_int_equal(directory_alias_check("甲、乙", &e), -1);
	assert_non_null(strstr(e.msg, "分隔符"));
	assert_int_equal(directory_alias_check("甲；乙", &e), -1);
	assert_int_equal(directory_alias_check("甲;乙", &e), -1);
	assert_int_equal(directory_alias_check("甲（乙", &e), -1);
	assert_non_null(strstr(e.msg, "括号不配对"));
	assert_int_equal(directory_alias_check("甲）乙", &e), 0);
}

/* ---- building ---- */

static void test_build_conflicts(void **state)
{
	struct directory d;
	struct err e = ERR_INIT;
	size_t idx = 99;

	(void)state;
	small_dir(&d);
	assert_int_equal(d.nunits, 7);
	assert_int_equal(d.units[0].id, 1);
	assert_int_equal(d.units[6].id, 7);
	assert_int_equal(d.groups[3].id, 4);

	/* The same name by key: spaces, full-width letters fold. */
	assert_int_equal(directory_add_unit(&d, 0, "市城管 局", UNIT_KIND_OTHER, true, &idx, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "单位“市城管局”"));
	assert_int_equal(idx, 99);
	assert_int_equal(d.nunits, 7);
	/* A unit named like another's alias, or like a group. */
	assert_int_equal(directory_add_unit(&d, 0, "市创建办", UNIT_KIND_OTHER, true, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "单位“市城管局”的别名"));
	assert_int_equal(directory_add_unit(&d, 0, "各县(市、区)政府", UNIT_KIND_OTHER, true, NULL, &e),
			 -1);
	assert_non_null(strstr(e.msg, "分组“各县（市、区）政府”"));
	/* An alias taken by another unit's name or alias. */
	assert_int_equal(directory_add_alias(&d, 2, "市工信局", &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_int_equal(directory_add_alias(&d, 2, "市国资委", &e), -1);
	assert_non_null(strstr(e.msg, "单位“市工信局”的别名"));
	assert_int_equal(d.units[2].naliases, 0);
	/* Its own name or alias again is ignored. */
	assert_int_equal(directory_add_alias(&d, 0, "市城管局", &e), 0);
	assert_int_equal(directory_add_alias(&d, 0, "市创建办", &e), 0);
	assert_int_equal(d.units[0].naliases, 1);
	assert_int_equal(directory_add_alias(&d, 0, "甲、乙", &e), -1);
	/* A group named like a unit. */
	assert_int_equal(directory_add_group(&d, 0, "市发改委", NULL, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	/* A member twice. */
	assert_int_equal(directory_add_member(&d, 0, 3, &e), -1);
	assert_non_null(strstr(e.msg, "重复"));
	/* Ids: explicit, duplicate, next free. */
	assert_int_equal(directory_add_unit(&d, 3, "新单位", UNIT_KIND_OTHER, true, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "编号"));
	assert_int_equal(directory_add_unit(&d, 100, "新单位", UNIT_KIND_OTHER, true, &idx, &e), 0);
	assert_int_equal(d.units[idx].id, 100);
	assert_int_equal(directory_add_unit(&d, 0, "又一单位", UNIT_KIND_OTHER, true, &idx, &e), 0);
	assert_int_equal(d.units[idx].id, 101);
	assert_int_equal(directory_unit_by_id(&d, 101), (long)idx);
	assert_int_equal(directory_unit_by_id(&d, 55), -1);
	assert_int_equal(directory_group_by_id(&d, 2), 1);
	directory_release(&d);
}

static void test_parent_cycles(void **state)
{
	struct directory d;
	struct err e = ERR_INIT;

	(void)state;
	small_dir(&d);
	assert_int_equal(directory_set_parent(&d, 0, 0, &e), -1);
	assert_non_null(strstr(e.msg, "循环"));
	assert_int_equal(directory_set_parent(&d, 0, 1, &e), 0);
	assert_int_equal(directory_set_parent(&d, 1, 2, &e), 0);
	assert_int_equal(directory_set_parent(&d, 2, 0, &e), -1);
	assert_int_equal(d.units[2].parent, -1);
	assert_int_equal(directory_set_parent(&d, 0, -1, &e), 0);
	assert_int_equal(directory_set_parent(&d, 2, 0, &e), 0);
	assert_int_equal(d.units[2].parent, 0);
	directory_release(&d);
}

/* ---- resolution ---- */

static void expect_resolve(const struct directory *d, const char *name, enum resolve_target t,
			   enum resolve_rule r, size_t index)
{
	struct resolution res;

	directory_resolve(d, name, &res);
	if (res.target != t || res.rule != r || (t != RESOLVE_TO_UNVERIFIED && res.index != index))
		fail_msg("resolve “%s”: got target %d rule %s index %zu", name, res.target,
			 resolve_rule_code(res.rule), res.index);
}

static void test_resolve_rules(void **state)
{
	struct directory d;
	struct resolution res;
	const char *name;

	(void)state;
	small_dir(&d);
	/* 1-3: name, alias, group, by key. */
	expect_resolve(&d, "市城管局", RESOLVE_TO_UNIT, RESOLVE_NAME, 0);
	expect_resolve(&d, " 市城管局 ", RESOLVE_TO_UNIT, RESOLVE_NAME, 0);
	expect_resolve(&d, "市创建办", RESOLVE_TO_UNIT, RESOLVE_ALIAS, 0);
	expect_resolve(&d, "各县（市、区）政府", RESOLVE_TO_GROUP, RESOLVE_GROUP, 0);
	expect_resolve(&d, "各县(市、区)政府", RESOLVE_TO_GROUP, RESOLVE_GROUP, 0);
	/* 4: X（Y） with Y an alias of X, X an alias and Y the name, ASCII brackets. */
	expect_resolve(&d, "市城管局（市创建办）", RESOLVE_TO_UNIT, RESOLVE_BRACKET, 0);
	expect_resolve(&d, "市城管局(市创建办)", RESOLVE_TO_UNIT, RESOLVE_BRACKET, 0);
	expect_resolve(&d, "市创建办（市城管局）", RESOLVE_TO_UNIT, RESOLVE_BRACKET, 0);
	expect_resolve(&d, "市工信局 （ 市国资委 ）", RESOLVE_TO_UNIT, RESOLVE_BRACKET, 1);
	/* Y unknown: X, with Y reported. */
	name = "市发改委（市粮食局）";
	directory_resolve(&d, name, &res);
	assert_int_equal(res.target, RESOLVE_TO_UNIT);
	assert_int_equal(res.rule, RESOLVE_BRACKET_NEW_ALIAS);
	assert_int_equal(res.index, 2);
	assert_int_equal(res.alias_len, strlen("市粮食局"));
	assert_memory_equal(name + res.alias_at, "市粮食局", res.alias_len);
	/* Y another unit, or a group: never merged. */
	expect_resolve(&d, "市城管局（市国资委）", RESOLVE_TO_UNVERIFIED, RESOLVE_BRACKET_CONFLICT, 0);
	expect_resolve(&d, "市城管局（城区单位）", RESOLVE_TO_UNVERIFIED, RESOLVE_BRACKET_CONFLICT, 0);
	/* X unknown, X a group, brackets not at the end, empty parts. */
	expect_resolve(&d, "市粮食局（市发改委）", RESOLVE_TO_UNVERIFIED, RESOLVE_UNKNOWN, 0);
	expect_resolve(&d, "城区单位（市发改委）", RESOLVE_TO_UNVERIFIED, RESOLVE_UNKNOWN, 0);
	expect_resolve(&d, "各县（市、区）人民政府", RESOLVE_TO_UNVERIFIED, RESOLVE_UNKNOWN, 0);
	expect_resolve(&d, "（市创建办）", RESOLVE_TO_UNVERIFIED, RESOLVE_UNKNOWN, 0);
	expect_resolve(&d, "市城管局（）", RESOLVE_TO_UNVERIFIED, RESOLVE_UNKNOWN, 0);
	expect_resolve(&d, "市城管局）", RESOLVE_TO_UNVERIFIED, RESOLVE_UNKNOWN, 0);
	/* The last balanced pair: Y may hold brackets itself. */
	name = "市发改委（市粮食局（储备））";
	directory_resolve(&d, name, &res);
	assert_int_equal(res.rule, RESOLVE_BRACKET_NEW_ALIAS);
	assert_memory_equal(name + res.alias_at, "市粮食局（储备）", res.alias_len);
	/* No fuzzy matching: look-alikes stay unverified. */
	expect_resolve(&d, "市城市管理局", RESOLVE_TO_UNVERIFIED, RESOLVE_UNKNOWN, 0);
	expect_resolve(&d, "安康市城管局", RESOLVE_TO_UNVERIFIED, RESOLVE_UNKNOWN, 0);
	expect_resolve(&d, "市城管", RESOLVE_TO_UNVERIFIED, RESOLVE_UNKNOWN, 0);
	expect_resolve(&d, "", RESOLVE_TO_UNVERIFIED, RESOLVE_UNKNOWN, 0);
	expect_resolve(&d, "\xff\xfe", RESOLVE_TO_UNVERIFIED, RESOLVE_UNKNOWN, 0);
	/* Inactive units resolve like active ones. */
	expect_resolve(&d, "石泉县政府", RESOLVE_TO_UNIT, RESOLVE_NAME, 5);
	assert_string_equal(resolve_rule_code(RESOLVE_BRACKET_NEW_ALIAS), "bracket_new_alias");
	directory_release(&d);
}

/* ---- expansion ---- */

struct want {
	const char *unit;
	enum assignment_role role;
	int64_t via;		/* group id or 0 */
	int position;
	unsigned flags;
};

static void expect_assignments(const struct assignments *a, const struct want *w, size_t n)
{
	if (a->n != n)
		fail_msg("got %zu assignments, want %zu", a->n, n);
	for (size_t i = 0; i < n; i++) {
		const struct assignment *x = &a->v[i];
		if (strcmp(x->unit_name, w[i].unit) || x->role != w[i].role ||
		    x->via_group_id != w[i].via || x->position != w[i].position ||
		    x->flags != w[i].flags)
			fail_msg("assignment %zu: got %s %s via %lld pos %d flags %u; want %s %s via "
				 "%lld pos %d flags %u",
				 i, x->unit_name, assignment_role_code(x->role),
				 (long long)x->via_group_id, x->position, x->flags, w[i].unit,
				 assignment_role_code(w[i].role), (long long)w[i].via, w[i].position,
				 w[i].flags);
	}
}

static void expand(const struct directory *d, const char *const *names, size_t n,
		   struct assignments *a, struct diags *notes)
{
	assignments_init(a);
	directory_expand(d, 42, names, n, 7, a, notes);
}

static void test_expand_units_and_groups(void **state)
{
	struct directory d;
	struct assignments a;
	struct diags notes = DIAGS_INIT;
	const char *names[] = { "市发改委", "各县（市、区）政府", "安康高新区管委会" };
	const struct want want[] = {
		{ "市发改委", ASSIGN_LEAD, 0, 0, 0 },
		{ "汉滨区政府", ASSIGN_CO, 1, 1, 0 },
		{ "汉阴县政府", ASSIGN_CO, 1, 1, 0 },	/* 石泉县政府 is inactive: skipped */
		{ "安康高新区管委会", ASSIGN_CO, 0, 2, 0 },
	};

	(void)state;
	small_dir(&d);
	expand(&d, names, 3, &a, &notes);
	expect_assignments(&a, want, 4);
	for (size_t i = 0; i < a.n; i++) {
		assert_int_equal(a.v[i].task_id, 42);
		assert_int_equal(a.v[i].id, 0);
		assert_ptr_equal(a.v[i].written, names[a.v[i].position]);
	}
	assert_int_equal(a.v[1].unit_id, d.units[3].id);
	assert_int_equal(notes.n, 0);
	assignments_release(&a);
	diags_release(&notes);
	directory_release(&d);
}

static void test_expand_group_lead(void **state)
{
	struct directory d;
	struct assignments a;
	/* The group leads: each member leads its own share; 汉滨区政府 named
	 * again directly as a co-unit: the direct mention wins. */
	const char *names[] = { "各县（市、区）政府", "各开发区管委会", "汉滨区政府" };
	const struct want want[] = {
		{ "汉阴县政府", ASSIGN_LEAD, 1, 0, 0 },
		{ "安康高新区管委会", ASSIGN_CO, 2, 1, 0 },
		{ "汉滨区政府", ASSIGN_CO, 0, 2, 0 },
	};
	const char *names2[] = { "城区单位", "各县（市、区）政府", "各开发区管委会" };
	const struct want want2[] = {
		/* reached through two groups: the first mention wins */
		{ "安康高新区管委会", ASSIGN_LEAD, 3, 0, 0 },
		{ "汉滨区政府", ASSIGN_LEAD, 3, 0, 0 },
		{ "汉阴县政府", ASSIGN_CO, 1, 1, 0 },
	};
	const char *names3[] = { "各县（市、区）政府", "汉滨区政府", "各开发区管委会" };
	const struct want want3[] = {
		{ "汉阴县政府", ASSIGN_LEAD, 1, 0, 0 },
		{ "汉滨区政府", ASSIGN_CO, 0, 1, 0 },
		{ "安康高新区管委会", ASSIGN_CO, 2, 2, 0 },
	};

	(void)state;
	small_dir(&d);
	expand(&d, names, 3, &a, NULL);
	expect_assignments(&a, want, 3);
	assignments_release(&a);
	expand(&d, names2, 3, &a, NULL);
	expect_assignments(&a, want2, 3);
	assignments_release(&a);
	expand(&d, names3, 3, &a, NULL);
	expect_assignments(&a, want3, 3);
	assignments_release(&a);
	directory_release(&d);
}

static void test_expand_duplicates_unverified_inactive(void **state)
{
	struct directory d;
	struct assignments a;
	struct diags notes = DIAGS_INIT;
	const char *names[] = {
		"市城管局（市创建办）", "市粮食局", "市城管局", "市创建办", "市粮 食局",
		"石泉县政府", "市发改委（市物价局）", "空分组", "市城管局（市国资委）",
	};
	const struct want want[] = {
		{ "市城管局", ASSIGN_LEAD, 0, 0, 0 },
		{ "市粮食局", ASSIGN_CO, 0, 1, 0 },
		{ "石泉县政府", ASSIGN_CO, 0, 5, ASSIGN_INACTIVE_UNIT },
		{ "市发改委", ASSIGN_CO, 0, 6, ASSIGN_NEW_ALIAS },
		{ "市城管局（市国资委）", ASSIGN_CO, 0, 8, 0 },
	};

	(void)state;
	small_dir(&d);
	expand(&d, names, 9, &a, &notes);
	expect_assignments(&a, want, 5);
	assert_int_equal(a.v[1].unit_id, 0);
	assert_int_equal(a.v[4].unit_id, 0);
	assert_string_equal(a.v[3].new_alias, "市物价局");
	assert_null(a.v[0].new_alias);
	assert_true(notes_mention(&notes, "“市粮食局”不在单位名录中"));
	assert_true(notes_mention(&notes, "“石泉县政府”是已停用的单位"));
	assert_true(notes_mention(&notes, "“市物价局”还不是它的别名"));
	assert_true(notes_mention(&notes, "分组“空分组”没有启用的成员单位"));
	assert_true(notes_mention(&notes, "括号内外是不同的单位"));
	for (size_t i = 0; i < notes.n; i++)
		assert_int_equal(notes.v[i].line, 7);
	assignments_release(&a);
	diags_release(&notes);
	/* Nothing at all, and an unverified lead. */
	expand(&d, names, 0, &a, NULL);
	assert_int_equal(a.n, 0);
	assignments_release(&a);
	expand(&d, names + 1, 1, &a, NULL);
	assert_int_equal(a.n, 1);
	assert_int_equal(a.v[0].role, ASSIGN_LEAD);
	assert_int_equal(a.v[0].unit_id, 0);
	assignments_release(&a);
	directory_release(&d);
}

/* ---- reconciliation ---- */

static struct assignment mk(int64_t id, int64_t unit_id, const char *name, const char *written,
			    enum assignment_role role, int64_t via, int pos, unsigned flags)
{
	struct assignment a;

	memset(&a, 0, sizeof(a));
	a.id = id;
	a.task_id = 42;
	a.unit_id = unit_id;
	a.unit_name = name;
	a.written = written;
	a.role = role;
	a.via_group_id = via;
	a.position = pos;
	a.flags = flags;
	return a;
}

static const struct reconcile_step *step_for_new(const struct reconcile *r, size_t j)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].new_index == j)
			return &r->v[i];
	fail_msg("no step for new %zu", j);
	return NULL;
}

static const struct reconcile_step *step_for_old(const struct reconcile *r, size_t i)
{
	for (size_t k = 0; k < r->n; k++)
		if (r->v[k].old_index == i)
			return &r->v[k];
	return NULL;
}

static void test_reconcile_cases(void **state)
{
	struct reconcile r;
	const struct assignment old[] = {
		mk(10, 1, "市城管局", "市城管局", ASSIGN_LEAD, 0, 0, 0),
		mk(11, 2, "市工信局", "市工信局", ASSIGN_CO, 0, 1, 0),
		mk(12, 3, "汉滨区政府", "各县（市、区）政府", ASSIGN_CO, 1, 2, 0),
		mk(13, 4, "汉阴县政府", "各县（市、区）政府", ASSIGN_CO, 1, 2, 0),
		mk(14, 0, "市粮食局", "市粮食局", ASSIGN_CO, 0, 3, 0),
		mk(15, 0, "市物价局", "市物价局", ASSIGN_CO, 0, 4, 0),
		mk(16, 5, "石泉县政府", "各县（市、区）政府", ASSIGN_CO, 1, 2, ASSIGN_RETIRED),
		mk(17, 6, "市发改委", "市发改委", ASSIGN_CO, 0, 5, ASSIGN_RETIRED),
		mk(18, 0, "各开发区", "各开发区", ASSIGN_CO, 0, 6, 0),
	};
	const struct assignment fresh[] = {
		/* 0 unchanged */
		mk(0, 1, "市城管局", "市城管局", ASSIGN_LEAD, 0, 0, 0),
		/* 1 role changed (and the inactive flag is not compared) */
		mk(0, 2, "市工信局", "市工信局", ASSIGN_LEAD, 0, 1, ASSIGN_INACTIVE_UNIT),
		/* 2 now named directly instead of through the group */
		mk(0, 3, "汉滨区政府", "汉滨区政府", ASSIGN_CO, 0, 2, 0),
		/* (汉阴县政府 gone: retire 13) */
		/* 3 unverified, same key */
		mk(0, 0, "市粮 食局", "市粮 食局", ASSIGN_CO, 0, 3, 0),
		/* 4 市物价局 is now a known unit */
		mk(0, 7, "市物价局", "市物价局", ASSIGN_CO, 0, 4, 0),
		/* 5 the retired 石泉县政府 comes back */
		mk(0, 5, "石泉县政府", "各县（市、区）政府", ASSIGN_CO, 1, 2, 0),
		/* 6, 7: 各开发区 is now a group: 18 retires, members are added */
		mk(0, 8, "安康高新区管委会", "各开发区", ASSIGN_CO, 2, 6, 0),
		mk(0, 9, "恒口示范区管委会", "各开发区", ASSIGN_CO, 2, 6, 0),
		/* 8 new */
		mk(0, 10, "市商务局", "市商务局", ASSIGN_CO, 0, 7, 0),
	};
	const struct reconcile_step *s;

	(void)state;
	reconcile_init(&r);
	assignments_reconcile(old, 9, fresh, 9, &r);
	s = step_for_new(&r, 0);
	assert_int_equal(s->action, RECONCILE_KEEP);
	assert_int_equal(s->id, 10);
	s = step_for_new(&r, 1);
	assert_int_equal(s->action, RECONCILE_UPDATE);
	assert_int_equal(s->id, 11);
	s = step_for_new(&r, 2);
	assert_int_equal(s->action, RECONCILE_UPDATE);
	assert_int_equal(s->id, 12);
	s = step_for_new(&r, 3);
	assert_int_equal(s->action, RECONCILE_UPDATE);	/* the written name differs */
	assert_int_equal(s->id, 14);
	s = step_for_new(&r, 4);
	assert_int_equal(s->action, RECONCILE_UPDATE);
	assert_int_equal(s->id, 15);
	s = step_for_new(&r, 5);
	assert_int_equal(s->action, RECONCILE_UPDATE);
	assert_int_equal(s->id, 16);
	for (size_t j = 6; j < 9; j++) {
		s = step_for_new(&r, j);
		assert_int_equal(s->action, RECONCILE_ADD);
		assert_int_equal(s->id, 0);
		assert_int_equal(s->old_index, RECONCILE_NONE);
	}
	s = step_for_old(&r, 3);
	assert_non_null(s);
	assert_int_equal(s->action, RECONCILE_RETIRE);
	assert_int_equal(s->id, 13);
	s = step_for_old(&r, 8);
	assert_non_null(s);
	assert_int_equal(s->action, RECONCILE_RETIRE);
	assert_int_equal(s->id, 18);
	assert_null(step_for_old(&r, 7));	/* retired and still absent: no step */
	assert_int_equal(r.nkeep, 1);
	assert_int_equal(r.nupdate, 5);
	assert_int_equal(r.nadd, 3);
	assert_int_equal(r.nretire, 2);
	assert_int_equal(r.n, 11);
	/* Steps: the fresh ones in order, then retirements. */
	for (size_t i = 0; i < 9; i++)
		assert_int_equal(r.v[i].new_index, i);
	assert_int_equal(r.v[9].action, RECONCILE_RETIRE);
	assert_string_equal(reconcile_action_code(r.v[9].action), "retire");
	reconcile_release(&r);
}

static void test_reconcile_prefers_active_then_lowest_id(void **state)
{
	struct reconcile r;
	const struct assignment old[] = {
		mk(30, 1, "市城管局", "市城管局", ASSIGN_LEAD, 0, 0, ASSIGN_RETIRED),
		mk(31, 1, "市城管局", "市城管局", ASSIGN_LEAD, 0, 0, 0),
		mk(29, 1, "市城管局", "市城管局", ASSIGN_LEAD, 0, 0, 0),
	};
	const struct assignment fresh[] = {
		mk(0, 1, "市城管局", "市城管局", ASSIGN_LEAD, 0, 0, 0),
	};

	(void)state;
	reconcile_init(&r);
	assignments_reconcile(old, 3, fresh, 1, &r);
	assert_int_equal(r.v[0].action, RECONCILE_KEEP);
	assert_int_equal(r.v[0].id, 29);
	assert_int_equal(r.nretire, 1);
	assert_int_equal(step_for_old(&r, 1)->action, RECONCILE_RETIRE);
	assert_null(step_for_old(&r, 0));
	reconcile_release(&r);
	/* Only a retired one: it comes back as an update. */
	reconcile_init(&r);
	assignments_reconcile(old, 1, fresh, 1, &r);
	assert_int_equal(r.v[0].action, RECONCILE_UPDATE);
	assert_int_equal(r.v[0].id, 30);
	reconcile_release(&r);
	/* Nothing old: all added; nothing new: all retired. */
	reconcile_init(&r);
	assignments_reconcile(NULL, 0, fresh, 1, &r);
	assert_int_equal(r.nadd, 1);
	reconcile_release(&r);
	reconcile_init(&r);
	assignments_reconcile(old, 3, NULL, 0, &r);
	assert_int_equal(r.nretire, 2);
	reconcile_release(&r);
}

/* A new directory version after a list is loaded: expand, "store", re-expand, reconcile. */
static void test_new_directory_version_keeps_ids(void **state)
{
	struct directory v1, v2;
	struct assignments a1, a2;
	struct reconcile r;
	struct err e = ERR_INIT;
	const char *names[] = { "市城管局（市创建办）", "各县（市、区）政府", "市粮食局" };
	size_t idx, counties[3];

	(void)state;
	small_dir(&v1);
	expand(&v1, names, 3, &a1, NULL);
	assert_int_equal(a1.n, 4);	/* 市城管局, 汉滨区, 汉阴县, 市粮食局 (unverified) */
	for (size_t i = 0; i < a1.n; i++)
		a1.v[i].id = 100 + (int64_t)i;

	/* v2: 市城管局 renamed (old name kept as an alias), 市粮食局 added,
	 * 石泉县政府 active again, 汉阴县政府 left the group. */
	directory_init(&v2);
	assert_int_equal(directory_add_unit(&v2, 0, "市城市管理执法局", UNIT_KIND_CITY_DEPT, true,
					    &idx, &e), 0);
	add_alias(&v2, idx, "市城管局");
	add_alias(&v2, idx, "市创建办");
	counties[0] = add_unit(&v2, "汉滨区政府", UNIT_KIND_COUNTY_GOV, true);
	add_unit(&v2, "汉阴县政府", UNIT_KIND_COUNTY_GOV, true);
	counties[1] = add_unit(&v2, "石泉县政府", UNIT_KIND_COUNTY_GOV, true);
	add_unit(&v2, "市粮食局", UNIT_KIND_CITY_DEPT, true);
	counties[2] = add_unit(&v2, "旬阳市政府", UNIT_KIND_COUNTY_GOV, true);
	add_group(&v2, "各县（市、区）政府", counties, 3);
	directory_carry_ids(&v2, &v1);
	assert_int_equal(v2.units[0].id, v1.units[0].id);	/* renamed, same id */
	assert_int_equal(v2.units[1].id, v1.units[3].id);
	assert_int_equal(v2.units[3].id, v1.units[5].id);
	assert_true(v2.units[4].id > 7 && v2.units[5].id > 7);
	assert_true(v2.units[4].id != v2.units[5].id);
	assert_int_equal(v2.groups[0].id, v1.groups[0].id);

	expand(&v2, names, 3, &a2, NULL);
	/* 市城市管理执法局, 汉滨区, 石泉县, 旬阳市, 市粮食局 */
	assert_int_equal(a2.n, 5);
	reconcile_init(&r);
	assignments_reconcile(a1.v, a1.n, a2.v, a2.n, &r);
	assert_int_equal(step_for_new(&r, 0)->id, 100);	/* unit renamed: update */
	assert_int_equal(step_for_new(&r, 0)->action, RECONCILE_UPDATE);
	assert_int_equal(step_for_new(&r, 1)->action, RECONCILE_KEEP);
	assert_int_equal(step_for_new(&r, 1)->id, 101);
	assert_int_equal(step_for_new(&r, 2)->action, RECONCILE_ADD);
	assert_int_equal(step_for_new(&r, 3)->action, RECONCILE_ADD);
	assert_int_equal(step_for_new(&r, 4)->id, 103);	/* learnt: same id */
	assert_int_equal(step_for_new(&r, 4)->action, RECONCILE_UPDATE);
	assert_int_equal(step_for_old(&r, 2)->action, RECONCILE_RETIRE);
	assert_int_equal(step_for_old(&r, 2)->id, 102);
	assert_int_equal(r.nretire, 1);
	reconcile_release(&r);
	assignments_release(&a1);
	assignments_release(&a2);
	directory_release(&v1);
	directory_release(&v2);
}

static void test_carry_ids_ambiguous_and_equal(void **state)
{
	struct directory a, b;
	struct err e = ERR_INIT;
	size_t u;

	(void)state;
	small_dir(&a);
	small_dir(&b);
	assert_true(directory_equal(&a, &b));
	directory_release(&b);
	/* A merged unit carrying two old names as aliases: ambiguous, fresh id. */
	assert_int_equal(directory_add_unit(&b, 0, "市工信城管局", UNIT_KIND_CITY_DEPT, true, &u, &e),
			 0);
	add_alias(&b, u, "市城管局");
	add_alias(&b, u, "市工信局");
	add_unit(&b, "市发改委", UNIT_KIND_CITY_DEPT, true);
	directory_carry_ids(&b, &a);
	assert_int_equal(b.units[1].id, 3);
	assert_int_equal(b.units[0].id, 8);	/* above every id of both */
	assert_false(directory_equal(&a, &b));
	assert_int_equal(b.next_unit_id, b.units[0].id + 1);
	directory_release(&b);

	small_dir(&b);
	b.units[5].active = true;
	assert_false(directory_equal(&a, &b));
	b.units[5].active = false;
	b.groups[0].members[0] = 4;
	assert_false(directory_equal(&a, &b));
	directory_release(&b);
	directory_release(&a);
}

/* ---- group aliases ---- */

static void add_group_alias(struct directory *d, size_t group, const char *alias)
{
	struct err e = ERR_INIT;

	if (directory_add_group_alias(d, group, alias, &e))
		fail_msg("add_group_alias %s: %s", alias, e.msg);
}

static void expect_conflict(int rc, const struct err *e, const char *a, const char *b)
{
	assert_int_equal(rc, -1);
	assert_int_equal(e->kind, ERR_CONFLICT);
	if (!strstr(e->msg, a) || !strstr(e->msg, b))
		fail_msg("message “%s” should name “%s” and “%s”", e->msg, a, b);
}

static void test_group_aliases_resolve_and_expand(void **state)
{
	struct directory d, d2;
	struct assignments a, b;
	struct diags notes = DIAGS_INIT;
	const char *by_alias[] = { "市发改委", "各县区政府" };
	const char *by_name[] = { "市发改委", "各县（市、区）政府" };
	const char *lead[] = { "各县（市、区）人民政府" };
	const struct want want_lead[] = {
		{ "汉滨区政府", ASSIGN_LEAD, 1, 0, 0 },
		{ "汉阴县政府", ASSIGN_LEAD, 1, 0, 0 },
	};
	size_t gi = 99;
	bool alias = false;

	(void)state;
	small_dir(&d);
	/* Before: an unverified name. */
	expect_resolve(&d, "各县（市、区）人民政府", RESOLVE_TO_UNVERIFIED, RESOLVE_UNKNOWN, 0);
	add_group_alias(&d, 0, "各县（市、区）人民政府");
	add_group_alias(&d, 0, "各县区政府");
	add_group_alias(&d, 0, "各县区政府");		/* again: ignored */
	add_group_alias(&d, 0, "各县(市、区)政府");	/* its own name's key: ignored */
	add_group_alias(&d, 1, "各开发区");
	assert_int_equal(d.groups[0].naliases, 2);
	assert_string_equal(d.groups[0].aliases[0], "各县（市、区）人民政府");
	assert_string_equal(d.groups[0].aliases[1], "各县区政府");

	expect_resolve(&d, "各县（市、区）人民政府", RESOLVE_TO_GROUP, RESOLVE_GROUP, 0);
	expect_resolve(&d, "各县(市、区)人民政府", RESOLVE_TO_GROUP, RESOLVE_GROUP, 0);
	expect_resolve(&d, "各县区政府", RESOLVE_TO_GROUP, RESOLVE_GROUP, 0);
	expect_resolve(&d, "各开发区", RESOLVE_TO_GROUP, RESOLVE_GROUP, 1);
	/* X（Y） with Y a group alias: X and Y name different things. */
	expect_resolve(&d, "市发改委（各县区政府）", RESOLVE_TO_UNVERIFIED,
		       RESOLVE_BRACKET_CONFLICT, 0);
	assert_int_equal(directory_lookup_alias(&d, "各县区政府", &gi, &alias), DIRECTORY_HIT_GROUP);
	assert_int_equal(gi, 0);
	assert_true(alias);
	assert_int_equal(directory_lookup_alias(&d, "各县（市、区）政府", &gi, &alias),
			 DIRECTORY_HIT_GROUP);
	assert_false(alias);
	assert_int_equal(directory_lookup_alias(&d, "市创建办", &gi, &alias), DIRECTORY_HIT_ALIAS);
	assert_true(alias);
	assert_int_equal(directory_lookup_alias(&d, "市城管局", &gi, &alias), DIRECTORY_HIT_UNIT);
	assert_false(alias);

	/* An alias expands exactly like the name, a lead one too. */
	expand(&d, by_name, 2, &a, NULL);
	expand(&d, by_alias, 2, &b, &notes);
	assert_int_equal(a.n, 3);
	assert_int_equal(b.n, a.n);
	for (size_t i = 0; i < a.n; i++) {
		assert_string_equal(a.v[i].unit_name, b.v[i].unit_name);
		assert_int_equal(a.v[i].unit_id, b.v[i].unit_id);
		assert_int_equal(a.v[i].via_group_id, b.v[i].via_group_id);
		assert_int_equal(a.v[i].role, b.v[i].role);
	}
	assert_string_equal(b.v[1].written, "各县区政府");
	assert_int_equal(notes.n, 0);
	assignments_release(&a);
	assignments_release(&b);
	expand(&d, lead, 1, &a, NULL);
	expect_assignments(&a, want_lead, 2);
	assignments_release(&a);

	/* directory_equal compares group aliases, in order. */
	small_dir(&d2);
	assert_false(directory_equal(&d, &d2));
	add_group_alias(&d2, 0, "各县区政府");
	add_group_alias(&d2, 0, "各县（市、区）人民政府");
	add_group_alias(&d2, 1, "各开发区");
	assert_false(directory_equal(&d, &d2));
	directory_release(&d2);
	small_dir(&d2);
	add_group_alias(&d2, 0, "各县（市、区）人民政府");
	add_group_alias(&d2, 0, "各县区政府");
	add_group_alias(&d2, 1, "各开发区");
	assert_true(directory_equal(&d, &d2));
	directory_release(&d2);
	diags_release(&notes);
	directory_release(&d);
}

static void test_group_alias_conflicts(void **state)
{
	struct directory d;
	struct err e = ERR_INIT;
	size_t u, g;

	(void)state;
	small_dir(&d);
	add_group_alias(&d, 0, "各县区政府");
	/* A group alias may not be a unit's name, a unit's alias or another group's name or alias. */
	expect_conflict(directory_add_group_alias(&d, 0, "市发改委", &e), &e, "各县（市、区）政府",
			"单位“市发改委”");
	expect_conflict(directory_add_group_alias(&d, 1, "市创建办", &e), &e, "各开发区管委会",
			"单位“市城管局”的别名");
	expect_conflict(directory_add_group_alias(&d, 1, "城区单位", &e), &e, "各开发区管委会",
			"分组“城区单位”");
	expect_conflict(directory_add_group_alias(&d, 1, "各县区政府", &e), &e, "各开发区管委会",
			"分组“各县（市、区）政府”的别名");
	assert_int_equal(d.groups[1].naliases, 0);
	/* Nor may a new unit, unit alias or group take a group alias's key. */
	expect_conflict(directory_add_unit(&d, 0, "各县区政府", UNIT_KIND_OTHER, true, &u, &e), &e,
			"各县区政府", "分组“各县（市、区）政府”的别名");
	expect_conflict(directory_add_alias(&d, 2, "各县区政府", &e), &e, "市发改委",
			"分组“各县（市、区）政府”的别名");
	expect_conflict(directory_add_group(&d, 0, "各县区 政府", &g, &e), &e, "各县区 政府",
			"分组“各县（市、区）政府”的别名");
	assert_int_equal(d.nunits, 7);
	assert_int_equal(d.ngroups, 4);
	assert_int_equal(d.units[2].naliases, 0);
	/* Bad spellings are refused like a unit's alias. */
	assert_int_equal(directory_add_group_alias(&d, 0, "各县、区", &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	assert_int_equal(directory_add_group_alias(&d, 0, " 各县", &e), -1);
	assert_int_equal(directory_add_group_alias(&d, 9, "各县", &e), -1);
	assert_int_equal(e.kind, ERR_INTERNAL);
	assert_int_equal(d.groups[0].naliases, 1);
	directory_release(&d);
}

static void test_group_alias_carry_ids_and_reconcile(void **state)
{
	struct directory v1, v2;
	struct assignments a1, a2;
	struct reconcile r;
	struct err e = ERR_INIT;
	const char *names[] = { "市发改委", "各县（市、区）人民政府" };
	size_t counties[2], g;

	(void)state;
	small_dir(&v1);
	expand(&v1, names, 2, &a1, NULL);
	assert_int_equal(a1.n, 2);	/* 市发改委, 各县（市、区）人民政府 unverified */
	assert_int_equal(a1.v[1].unit_id, 0);
	for (size_t i = 0; i < a1.n; i++)
		a1.v[i].id = 200 + (int64_t)i;

	/* v2: the same units; the county group learns the spelling as an alias,
	 * 各开发区管委会 is renamed keeping its old name as an alias. */
	directory_init(&v2);
	add_unit(&v2, "市城管局", UNIT_KIND_CITY_DEPT, true);
	add_unit(&v2, "市工信局", UNIT_KIND_CITY_DEPT, true);
	add_unit(&v2, "市发改委", UNIT_KIND_CITY_DEPT, true);
	counties[0] = add_unit(&v2, "汉滨区政府", UNIT_KIND_COUNTY_GOV, true);
	counties[1] = add_unit(&v2, "汉阴县政府", UNIT_KIND_COUNTY_GOV, true);
	add_unit(&v2, "安康高新区管委会", UNIT_KIND_DEV_ZONE, true);
	assert_int_equal(directory_add_group(&v2, 0, "开发区管委会", &g, &e), 0);
	add_group_alias(&v2, g, "各开发区管委会");
	g = add_group(&v2, "各县（市、区）政府", counties, 2);
	add_group_alias(&v2, g, "各县（市、区）人民政府");
	add_group(&v2, "新分组", NULL, 0);
	directory_carry_ids(&v2, &v1);
	assert_int_equal(v2.groups[1].id, v1.groups[0].id);	/* same name */
	assert_int_equal(v2.groups[0].id, v1.groups[1].id);	/* renamed: by its alias */
	assert_true(v2.groups[2].id > v1.groups[3].id);
	assert_int_equal(v2.next_group_id, v2.groups[2].id + 1);

	/* The name learnt as a group alias: the unverified assignment retires, the members come. */
	expand(&v2, names, 2, &a2, NULL);
	assert_int_equal(a2.n, 3);
	assert_int_equal(a2.v[1].via_group_id, v1.groups[0].id);
	assert_int_equal(a2.v[2].via_group_id, v1.groups[0].id);
	reconcile_init(&r);
	assignments_reconcile(a1.v, a1.n, a2.v, a2.n, &r);
	assert_int_equal(step_for_new(&r, 0)->action, RECONCILE_KEEP);
	assert_int_equal(step_for_new(&r, 0)->id, 200);
	assert_int_equal(step_for_new(&r, 1)->action, RECONCILE_ADD);
	assert_int_equal(step_for_new(&r, 2)->action, RECONCILE_ADD);
	assert_int_equal(step_for_old(&r, 1)->action, RECONCILE_RETIRE);
	assert_int_equal(step_for_old(&r, 1)->id, 201);
	reconcile_release(&r);

	/* Expanded again by the same directory: every assignment kept. */
	for (size_t i = 0; i < a2.n; i++)
		a2.v[i].id = 300 + (int64_t)i;
	assignments_release(&a1);
	expand(&v2, names, 2, &a1, NULL);
	reconcile_init(&r);
	assignments_reconcile(a2.v, a2.n, a1.v, a1.n, &r);
	assert_int_equal(r.nkeep, 3);
	assert_int_equal(r.n, 3);
	reconcile_release(&r);
	assignments_release(&a1);
	assignments_release(&a2);
	directory_release(&v1);
	directory_release(&v2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_name_checks),
		cmocka_unit_test(test_build_conflicts),
		cmocka_unit_test(test_parent_cycles),
		cmocka_unit_test(test_resolve_rules),
		cmocka_unit_test(test_expand_units_and_groups),
		cmocka_unit_test(test_expand_group_lead),
		cmocka_unit_test(test_expand_duplicates_unverified_inactive),
		cmocka_unit_test(test_reconcile_cases),
		cmocka_unit_test(test_reconcile_prefers_active_then_lowest_id),
		cmocka_unit_test(test_new_directory_version_keeps_ids),
		cmocka_unit_test(test_carry_ids_ambiguous_and_equal),
		cmocka_unit_test(test_group_aliases_resolve_and_expand),
		cmocka_unit_test(test_group_alias_conflicts),
		cmocka_unit_test(test_group_alias_carry_ids_and_reconcile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
