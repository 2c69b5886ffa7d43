/* The organisation directory: units, aliases, groups, name resolution, assignment expansion and reconciliation. */
#include "domain/directory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* ---- unit kinds ---- */

static const char *const kind_labels[UNIT_KIND_COUNT] = {
	"市级部门", "县市区政府", "开发区管委会", "中省驻市单位及企业", "其他",
};
static const char *const kind_codes[UNIT_KIND_COUNT] = {
	"city_dept", "county_gov", "dev_zone", "central", "other",
};

const char *unit_kind_label(enum unit_kind k)
{
	return (unsigned)k < UNIT_KIND_COUNT ? kind_labels[k] : "?";
}

const char *unit_kind_code(enum unit_kind k)
{
	return (unsigned)k < UNIT_KIND_COUNT ? kind_codes[k] : "?";
}

int unit_kind_parse(const char *s, enum unit_kind *out)
{
	char *key = utf8_match_key(s);
	int rc = -1;

	if (!key)
		return -1;
	for (int i = 0; i < UNIT_KIND_COUNT && rc; i++) {
		char *lk = utf8_match_key(kind_labels[i]);
		if (!strcmp(key, lk) || !strcmp(key, kind_codes[i])) {
			*out = (enum unit_kind)i;
			rc = 0;
		}
		free(lk);
	}
	free(key);
	return rc;
}

/* ---- text helpers ---- */

/* Length of a space-like character at s (ASCII white space, U+00A0, U+3000), or 0. */
static size_t space_at(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (!len)
		return 0;
	if (u[0] == ' ' || u[0] == '\t' || u[0] == '\r' || u[0] == '\n' || u[0] == '\v' ||
	    u[0] == '\f')
		return 1;
	if (len >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (len >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	return 0;
}

/* Does a space-like character end at s+len? Returns its length or 0. */
static size_t space_before(const char *s, size_t len)
{
	if (len >= 1 && space_at(s + len - 1, 1) == 1)
		return 1;
	if (len >= 2 && space_at(s + len - 2, 2) == 2)
		return 2;
	if (len >= 3 && space_at(s + len - 3, 3) == 3)
		return 3;
	return 0;
}

/* Trim space-like characters from both ends of s[*at, *at + *len). */
static void trim_span(const char *s, size_t *at, size_t *len)
{
	size_t k;

	while (*len && (k = space_at(s + *at, *len))) {
		*at += k;
		*len -= k;
	}
	while (*len && (k = space_before(s + *at, *len)))
		*len -= k;
}

enum bracket { BR_NONE = 0, BR_OPEN, BR_CLOSE, BR_SEP };

/* Classify the character at s: ( （ ) ） or an alias separator 、 ； ;. Sets *n to its length. */
static enum bracket bracket_at(const char *s, size_t len, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;

	*n = 1;
	if (u[0] == '(')
		return BR_OPEN;
	if (u[0] == ')')
		return BR_CLOSE;
	if (u[0] == ';')
		return BR_SEP;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBC && (u[2] == 0x88 || u[2] == 0x89 || u[2] == 0x9B)) {
		*n = 3;
		return u[2] == 0x88 ? BR_OPEN : u[2] == 0x89 ? BR_CLOSE : BR_SEP;
	}
	if (len >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x81) {
		*n = 3;
		return BR_SEP;
	}
	return BR_NONE;
}

int directory_name_check(const char *s, const char *what, struct err *e)
{
	size_t len = strlen(s), at = 0, tl = len;
	char *key;
	int bad;

	if (!len)
		return err_set(e, ERR_INPUT, "%s为空", what);
	if (!utf8_valid(s, len, NULL))
		return err_set(e, ERR_INPUT, "%s不是有效的 UTF-8 文本", what);
	if (len > DIRECTORY_NAME_MAX)
		return err_set(e, ERR_INPUT, "%s过长（%zu 字节，最多 %d 字节）", what, len,
			       DIRECTORY_NAME_MAX);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7F)
			return err_set(e, ERR_INPUT, "%s“%s”含有控制字符（如换行）", what, s);
	}
	trim_span(s, &at, &tl);
	if (at != 0 || tl != len)
		return err_set(e, ERR_INPUT, "%s“%s”首尾有空白", what, s);
	key = utf8_match_key(s);
	bad = !key || !*key;
	free(key);
	if (bad)
		return err_set(e, ERR_INPUT, "%s“%s”没有可比对的文字", what, s);
	return 0;
}

int directory_alias_check(const char *s, struct err *e)
{
	size_t len = strlen(s), n;
	int depth = 0;

	for (size_t i = 0; i < len; i += n) {
		enum bracket b = bracket_at(s + i, len - i, &n);
		if (b == BR_OPEN)
			depth++;
		else if (b == BR_CLOSE && depth > 0)
			depth--;
		else if (b == BR_SEP && depth == 0)
			return err_set(e, ERR_INPUT,
				       "别名“%s”含有分隔符（、；;），请拆成几个别名", s);
	}
	if (depth)
		return err_set(e, ERR_INPUT, "别名“%s”的括号不配对", s);
	return 0;
}

/* ---- the key index ---- */

struct directory_slot {
	const char *key;	/* NULL: empty */
	uint64_t hash;
	enum directory_hit hit;
	bool group_alias;	/* hit DIRECTORY_HIT_GROUP through one of its aliases */
	size_t index;
};

static uint64_t key_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

static const struct directory_slot *index_find(const struct directory *d, const char *key)
{
	uint64_t h;
	size_t mask, i;

	if (!d->index_cap)
		return NULL;
	h = key_hash(key);
	mask = d->index_cap - 1;
	for (i = (size_t)h & mask; d->index[i].key; i = (i + 1) & mask)
		if (d->index[i].hash == h && !strcmp(d->index[i].key, key))
			return &d->index[i];
	return NULL;
}

static void index_put_slot(struct directory_slot *tab, size_t cap, struct directory_slot s)
{
	size_t mask = cap - 1, i;

	for (i = (size_t)s.hash & mask; tab[i].key; i = (i + 1) & mask)
		;
	tab[i] = s;
}

/* Insert a key known to be absent. */
static void index_put(struct directory *d, const char *key, enum directory_hit hit,
		      bool group_alias, size_t index)
{
	struct directory_slot s = { key, key_hash(key), hit, group_alias, index };

	if ((d->index_used + 1) * 2 > d->index_cap) {
		size_t cap = d->index_cap ? d->index_cap * 2 : 64;
		struct directory_slot *tab = xcalloc(cap, sizeof(*tab));
		for (size_t i = 0; i < d->index_cap; i++)
			if (d->index[i].key)
				index_put_slot(tab, cap, d->index[i]);
		free(d->index);
		d->index = tab;
		d->index_cap = cap;
	}
	index_put_slot(d->index, d->index_cap, s);
	d->index_used++;
}

/* ---- the directory ---- */

void directory_init(struct directory *d)
{
	memset(d, 0, sizeof(*d));
	arena_init(&d->arena, 0);
	d->next_unit_id = 1;
	d->next_group_id = 1;
}

void directory_release(struct directory *d)
{
	for (size_t i = 0; i < d->nunits; i++) {
		free(d->units[i].aliases);
		free(d->units[i].alias_keys);
	}
	for (size_t i = 0; i < d->ngroups; i++) {
		free(d->groups[i].members);
		free(d->groups[i].aliases);
		free(d->groups[i].alias_keys);
	}
	free(d->units);
	free(d->groups);
	free(d->index);
	arena_release(&d->arena);
	directory_init(d);
}

/* A message fragment naming who holds a key: 单位“X”, 单位“X”的别名, 分组“X”. */
static void holder_name(const struct directory *d, const struct directory_slot *s, char *buf,
			size_t size)
{
	switch (s->hit) {
	case DIRECTORY_HIT_UNIT:
		snprintf(buf, size, "单位“%s”", d->units[s->index].name);
		break;
	case DIRECTORY_HIT_ALIAS:
		snprintf(buf, size, "单位“%s”的别名", d->units[s->index].name);
		break;
	case DIRECTORY_HIT_GROUP:
		snprintf(buf, size, s->group_alias ? "分组“%s”的别名" : "分组“%s”",
			 d->groups[s->index].name);
		break;
	case DIRECTORY_HIT_NONE:
	default:
		snprintf(buf, size, "?");
		break;
	}
}

enum directory_hit directory_lookup_alias(const struct directory *d, const char *name,
					  size_t *index, bool *alias)
{
	char *key = utf8_match_key(name);
	const struct directory_slot *s;
	enum directory_hit hit = DIRECTORY_HIT_NONE;

	if (alias)
		*alias = false;
	if (!key)
		return DIRECTORY_HIT_NONE;
	s = index_find(d, key);
	if (s) {
		hit = s->hit;
		if (index)
			*index = s->index;
		if (alias)
			*alias = s->hit == DIRECTORY_HIT_ALIAS || s->group_alias;
	}
	free(key);
	return hit;
}

enum directory_hit directory_lookup(const struct directory *d, const char *name, size_t *index)
{
	return directory_lookup_alias(d, name, index, NULL);
}

/* Build the arena copy of name's key, failing if another thing holds it. */
static int claim_key(struct directory *d, const char *name, const char *what, const char **out,
		     struct err *e)
{
	char *key;
	const struct directory_slot *s;

	if (directory_name_check(name, what, e))
		return -1;
	key = utf8_match_key(name);
	s = index_find(d, key);
	if (s) {
		char holder[DIRECTORY_NAME_MAX + 64];
		holder_name(d, s, holder, sizeof(holder));
		free(key);
		return err_set(e, ERR_CONFLICT, "%s“%s”与%s重复", what, name, holder);
	}
	*out = arena_strdup(&d->arena, key);
	free(key);
	return 0;
}

long directory_unit_by_id(const struct directory *d, int64_t id)
{
	for (size_t i = 0; i < d->nunits; i++)
		if (d->units[i].id == id)
			return (long)i;
	return -1;
}

long directory_group_by_id(const struct directory *d, int64_t id)
{
	for (size_t i = 0; i < d->ngroups; i++)
		if (d->groups[i].id == id)
			return (long)i;
	return -1;
}

int directory_add_unit(struct directory *d, int64_t id, const char *name, enum unit_kind kind,
		       bool active, size_t *index, struct err *e)
{
	const char *key;
	struct unit *u;

	if ((unsigned)kind >= UNIT_KIND_COUNT)
		return err_set(e, ERR_INPUT, "单位“%s”的类别无效", name);
	if (id < 0 || (id > 0 && directory_unit_by_id(d, id) >= 0))
		return err_set(e, ERR_CONFLICT, "单位编号 %lld 已被使用", (long long)id);
	if (claim_key(d, name, "单位名称", &key, e))
		return -1;
	if (id == 0)
		id = d->next_unit_id;
	if (id >= d->next_unit_id)
		d->next_unit_id = id + 1;
	ALLOC_GROW(d->units, d->nunits + 1, d->units_alloc);
	u = &d->units[d->nunits];
	memset(u, 0, sizeof(*u));
	u->id = id;
	u->name = arena_strdup(&d->arena, name);
	u->key = key;
	u->kind = kind;
	u->parent = -1;
	u->active = active;
	index_put(d, key, DIRECTORY_HIT_UNIT, false, d->nunits);
	if (index)
		*index = d->nunits;
	d->nunits++;
	return 0;
}

/*
 * Append `alias` and its match key `key` to an owner's (a unit's or a
 * group's) lists, both copied into d's arena; returns the stored key.
 */
static const char *alias_push(struct directory *d, const char ***aliases, const char ***keys,
			      size_t *n, size_t *alloc, const char *alias, const char *key)
{
	size_t had = *alloc;

	ALLOC_GROW(*aliases, *n + 1, *alloc);
	if (*alloc != had)
		*keys = xreallocarray(*keys, *alloc, sizeof(**keys));
	(*aliases)[*n] = arena_strdup(&d->arena, alias);
	(*keys)[*n] = arena_strdup(&d->arena, key);
	return (*keys)[(*n)++];
}

int directory_add_alias(struct directory *d, size_t unit, const char *alias, struct err *e)
{
	struct unit *u;
	char *key;
	const struct directory_slot *s;

	if (unit >= d->nunits)
		return err_set(e, ERR_INTERNAL, "内部错误：单位序号 %zu 越界", unit);
	u = &d->units[unit];
	if (directory_name_check(alias, "别名", e) || directory_alias_check(alias, e))
		return -1;
	key = utf8_match_key(alias);
	s = index_find(d, key);
	if (s && (s->hit == DIRECTORY_HIT_UNIT || s->hit == DIRECTORY_HIT_ALIAS) &&
	    s->index == unit) {
		free(key);
		return 0;	/* the unit's own name or alias again */
	}
	if (s) {
		char holder[DIRECTORY_NAME_MAX + 64];
		holder_name(d, s, holder, sizeof(holder));
		free(key);
		return err_set(e, ERR_CONFLICT, "单位“%s”的别名“%s”与%s重复", u->name, alias,
			       holder);
	}
	index_put(d, alias_push(d, &u->aliases, &u->alias_keys, &u->naliases, &u->aliases_alloc,
				alias, key),
		  DIRECTORY_HIT_ALIAS, false, unit);
	free(key);
	return 0;
}

int directory_set_parent(struct directory *d, size_t unit, long parent, struct err *e)
{
	if (unit >= d->nunits || parent >= (long)d->nunits || parent < -1)
		return err_set(e, ERR_INTERNAL, "内部错误：单位序号越界");
	/* Walking up from the parent must not reach the unit; the chain is acyclic. */
	for (long p = parent; p >= 0; p = d->units[p].parent)
		if ((size_t)p == unit)
			return err_set(e, ERR_INPUT, "单位“%s”的上级单位“%s”构成循环",
				       d->units[unit].name, d->units[parent].name);
	d->units[unit].parent = parent;
	return 0;
}

int directory_add_group(struct directory *d, int64_t id, const char *name, size_t *index,
			struct err *e)
{
	const char *key;
	struct unit_group *g;

	if (id < 0 || (id > 0 && directory_group_by_id(d, id) >= 0))
		return err_set(e, ERR_CONFLICT, "分组编号 %lld 已被使用", (long long)id);
	if (claim_key(d, name, "分组名称", &key, e))
		return -1;
	if (id == 0)
		id = d->next_group_id;
	if (id >= d->next_group_id)
		d->next_group_id = id + 1;
	ALLOC_GROW(d->groups, d->ngroups + 1, d->groups_alloc);
	g = &d->groups[d->ngroups];
	memset(g, 0, sizeof(*g));
	g->id = id;
	g->name = arena_strdup(&d->arena, name);
	g->key = key;
	index_put(d, key, DIRECTORY_HIT_GROUP, false, d->ngroups);
	if (index)
		*index = d->ngroups;
	d->ngroups++;
	return 0;
}

int directory_add_group_alias(struct directory *d, size_t group, const char *alias,
			      struct err *e)
{
	struct unit_group *g;
	char *key;
	const struct directory_slot *s;

	if (group >= d->ngroups)
		return err_set(e, ERR_INTERNAL, "内部错误：分组序号 %zu 越界", group);
	g = &d->groups[group];
	if (directory_name_check(alias, "别名", e) || directory_alias_check(alias, e))
		return -1;
	key = utf8_match_key(alias);
	s = index_find(d, key);
	if (s && s->hit == DIRECTORY_HIT_GROUP && s->index == group) {
		free(key);
		return 0;	/* the group's own name or alias again */
	}
	if (s) {
		char holder[DIRECTORY_NAME_MAX + 64];
		holder_name(d, s, holder, sizeof(holder));
		free(key);
		return err_set(e, ERR_CONFLICT, "分组“%s”的别名“%s”与%s重复", g->name, alias,
			       holder);
	}
	index_put(d, alias_push(d, &g->aliases, &g->alias_keys, &g->naliases, &g->aliases_alloc,
				alias, key),
		  DIRECTORY_HIT_GROUP, true, group);
	free(key);
	return 0;
}

int directory_add_member(struct directory *d, size_t group, size_t unit, struct err *e)
{
	struct unit_group *g;

	if (group >= d->ngroups || unit >= d->nunits)
		return err_set(e, ERR_INTERNAL, "内部错误：分组或单位序号越界");
	g = &d->groups[group];
	for (size_t i = 0; i < g->nmembers; i++)
		if (g->members[i] == unit)
			return err_set(e, ERR_INPUT, "单位“%s”在分组“%s”中重复",
				       d->units[unit].name, g->name);
	ALLOC_GROW(g->members, g->nmembers + 1, g->members_alloc);
	g->members[g->nmembers++] = unit;
	return 0;
}

void directory_carry_ids(struct directory *next, const struct directory *prev)
{
	size_t nu = next->nunits, ng = next->ngroups;
	long *umatch = xmalloc((nu ? nu : 1) * sizeof(*umatch));
	long *gmatch = xmalloc((ng ? ng : 1) * sizeof(*gmatch));
	bool *taken = xcalloc(prev->nunits ? prev->nunits : 1, sizeof(*taken));
	bool *gtaken = xcalloc(prev->ngroups ? prev->ngroups : 1, sizeof(*gtaken));
	int64_t fresh = 1;

	for (size_t i = 0; i < prev->nunits; i++)
		if (prev->units[i].id >= fresh)
			fresh = prev->units[i].id + 1;
	for (size_t i = 0; i < prev->ngroups; i++)
		if (prev->groups[i].id >= fresh)
			fresh = prev->groups[i].id + 1;

	/* Units: by name key first, then by alias key (a rename). */
	for (size_t i = 0; i < nu; i++) {
		const struct directory_slot *s = index_find(prev, next->units[i].key);
		umatch[i] = -1;
		if (s && s->hit == DIRECTORY_HIT_UNIT && !taken[s->index]) {
			umatch[i] = (long)s->index;
			taken[s->index] = true;
		}
	}
	for (size_t i = 0; i < nu; i++) {
		long cand = -1;
		bool ambiguous = false;
		if (umatch[i] >= 0)
			continue;
		for (size_t j = 0; j < next->units[i].naliases; j++) {
			const struct directory_slot *s =
				index_find(prev, next->units[i].alias_keys[j]);
			if (!s || s->hit != DIRECTORY_HIT_UNIT || taken[s->index])
				continue;
			if (cand >= 0 && cand != (long)s->index)
				ambiguous = true;
			cand = (long)s->index;
		}
		if (cand >= 0 && !ambiguous) {
			umatch[i] = cand;
			taken[cand] = true;
		}
	}
	/* Groups: by name key, then by alias key (a renamed group). */
	for (size_t i = 0; i < ng; i++) {
		const struct directory_slot *s = index_find(prev, next->groups[i].key);
		gmatch[i] = -1;
		if (s && s->hit == DIRECTORY_HIT_GROUP && !s->group_alias) {
			gmatch[i] = (long)s->index;
			gtaken[s->index] = true;
		}
	}
	for (size_t i = 0; i < ng; i++) {
		long cand = -1;
		bool ambiguous = false;
		if (gmatch[i] >= 0)
			continue;
		for (size_t j = 0; j < next->groups[i].naliases; j++) {
			const struct directory_slot *s =
				index_find(prev, next->groups[i].alias_keys[j]);
			if (!s || s->hit != DIRECTORY_HIT_GROUP || s->group_alias ||
			    gtaken[s->index])
				continue;
			if (cand >= 0 && cand != (long)s->index)
				ambiguous = true;
			cand = (long)s->index;
		}
		if (cand >= 0 && !ambiguous) {
			gmatch[i] = cand;
			gtaken[cand] = true;
		}
	}

	for (size_t i = 0; i < nu; i++)
		if (next->units[i].id >= fresh)
			fresh = next->units[i].id + 1;
	for (size_t i = 0; i < ng; i++)
		if (next->groups[i].id >= fresh)
			fresh = next->groups[i].id + 1;
	next->next_unit_id = next->next_group_id = 1;
	for (size_t i = 0; i < nu; i++)
		next->units[i].id = umatch[i] >= 0 ? prev->units[umatch[i]].id : fresh++;
	for (size_t i = 0; i < ng; i++)
		next->groups[i].id = gmatch[i] >= 0 ? prev->groups[gmatch[i]].id : fresh++;
	for (size_t i = 0; i < nu; i++)
		if (next->units[i].id >= next->next_unit_id)
			next->next_unit_id = next->units[i].id + 1;
	for (size_t i = 0; i < ng; i++)
		if (next->groups[i].id >= next->next_group_id)
			next->next_group_id = next->groups[i].id + 1;
	free(umatch);
	free(gmatch);
	free(taken);
	free(gtaken);
}

bool directory_equal(const struct directory *a, const struct directory *b)
{
	if (a->nunits != b->nunits || a->ngroups != b->ngroups)
		return false;
	for (size_t i = 0; i < a->nunits; i++) {
		const struct unit *x = &a->units[i], *y = &b->units[i];
		if (strcmp(x->name, y->name) || x->kind != y->kind || x->active != y->active ||
		    x->parent != y->parent || x->naliases != y->naliases)
			return false;
		for (size_t j = 0; j < x->naliases; j++)
			if (strcmp(x->aliases[j], y->aliases[j]))
				return false;
	}
	for (size_t i = 0; i < a->ngroups; i++) {
		const struct unit_group *x = &a->groups[i], *y = &b->groups[i];
		if (strcmp(x->name, y->name) || x->nmembers != y->nmembers ||
		    x->naliases != y->naliases)
			return false;
		for (size_t j = 0; j < x->nmembers; j++)
			if (x->members[j] != y->members[j])
				return false;
		for (size_t j = 0; j < x->naliases; j++)
			if (strcmp(x->aliases[j], y->aliases[j]))
				return false;
	}
	return true;
}

/* ---- resolution ---- */

static const char *const rule_codes[] = {
	"unknown", "name", "alias", "group", "bracket", "bracket_new_alias", "bracket_conflict",
};

const char *resolve_rule_code(enum resolve_rule r)
{
	return (unsigned)r < sizeof(rule_codes) / sizeof(rule_codes[0]) ? rule_codes[r] : "?";
}

/* Look up s[at, at + len) by key. */
static enum directory_hit lookup_span(const struct directory *d, const char *s, size_t at,
				      size_t len, size_t *index)
{
	char *part = xstrndup(s + at, len);
	enum directory_hit hit = directory_lookup(d, part, index);

	free(part);
	return hit;
}

/*
 * Find "X（Y）" in s: the name (trimmed) ends with a closing bracket whose
 * opening bracket is found by counting back.  Sets the spans of X and Y
 * (trimmed, both non-empty); returns false if s has no such form.
 */
static bool split_bracket(const char *s, size_t *x_at, size_t *x_len, size_t *y_at,
			  size_t *y_len)
{
	size_t at = 0, len = strlen(s), close, n;
	int depth = 0;

	trim_span(s, &at, &len);
	if (!len)
		return false;
	/* The closing bracket is the last character: ")" or "）". */
	if (s[at + len - 1] == ')')
		close = at + len - 1;
	else if (len >= 3 && bracket_at(s + at + len - 3, 3, &n) == BR_CLOSE)
		close = at + len - 3;
	else
		return false;
	/*
	 * Scan back byte by byte: the bracket encodings start with bytes that
	 * are never UTF-8 continuation bytes, so no false match inside a character.
	 */
	for (size_t i = close + 1; i-- > at;) {
		enum bracket b = bracket_at(s + i, at + len - i, &n);
		if (b == BR_CLOSE) {
			depth++;
		} else if (b == BR_OPEN && --depth == 0) {
			*x_at = at;
			*x_len = i - at;
			*y_at = i + n;
			*y_len = close - (i + n);
			trim_span(s, x_at, x_len);
			trim_span(s, y_at, y_len);
			return *x_len && *y_len;
		}
	}
	return false;
}

void directory_resolve(const struct directory *d, const char *name, struct resolution *out)
{
	size_t idx = 0, x_at, x_len, y_at, y_len, yidx = 0;
	enum directory_hit hit, yhit;

	memset(out, 0, sizeof(*out));
	hit = directory_lookup(d, name, &idx);
	switch (hit) {
	case DIRECTORY_HIT_UNIT:
	case DIRECTORY_HIT_ALIAS:
		out->target = RESOLVE_TO_UNIT;
		out->rule = hit == DIRECTORY_HIT_UNIT ? RESOLVE_NAME : RESOLVE_ALIAS;
		out->index = idx;
		return;
	case DIRECTORY_HIT_GROUP:
		out->target = RESOLVE_TO_GROUP;
		out->rule = RESOLVE_GROUP;
		out->index = idx;
		return;
	case DIRECTORY_HIT_NONE:
	default:
		break;
	}
	out->target = RESOLVE_TO_UNVERIFIED;
	out->rule = RESOLVE_UNKNOWN;
	if (!split_bracket(name, &x_at, &x_len, &y_at, &y_len))
		return;
	hit = lookup_span(d, name, x_at, x_len, &idx);
	if (hit != DIRECTORY_HIT_UNIT && hit != DIRECTORY_HIT_ALIAS)
		return;
	yhit = lookup_span(d, name, y_at, y_len, &yidx);
	if (yhit == DIRECTORY_HIT_NONE) {
		out->target = RESOLVE_TO_UNIT;
		out->rule = RESOLVE_BRACKET_NEW_ALIAS;
		out->index = idx;
		out->alias_at = y_at;
		out->alias_len = y_len;
	} else if ((yhit == DIRECTORY_HIT_UNIT || yhit == DIRECTORY_HIT_ALIAS) && yidx == idx) {
		out->target = RESOLVE_TO_UNIT;
		out->rule = RESOLVE_BRACKET;
		out->index = idx;
	} else {
		out->rule = RESOLVE_BRACKET_CONFLICT;
	}
}

/* ---- assignments ---- */

void assignments_init(struct assignments *a)
{
	memset(a, 0, sizeof(*a));
	arena_init(&a->arena, 4096);
}

void assignments_release(struct assignments *a)
{
	free(a->v);
	arena_release(&a->arena);
	assignments_init(a);
}

const char *assignment_role_code(enum assignment_role r)
{
	return r == ASSIGN_LEAD ? "lead" : "co";
}

const char *assignment_role_label(enum assignment_role r)
{
	return r == ASSIGN_LEAD ? "牵头" : "配合";
}

/* One assignment in the making, with what orders and dedups it. */
struct cand {
	struct assignment a;
	long unit;		/* unit index, -1 when unverified */
	char *key;		/* unverified: match key of the name (malloc'd) */
	size_t sub;		/* 0 for a direct mention, 1 + member order for a group */
};

static int cand_cmp(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;

	if (a->a.position != b->a.position)
		return a->a.position < b->a.position ? -1 : 1;
	return a->sub < b->sub ? -1 : a->sub > b->sub;
}

static bool cand_has_unit(const struct cand *c, size_t n, long unit)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].unit == unit)
			return true;
	return false;
}

static bool cand_has_key(const struct cand *c, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].unit < 0 && !strcmp(c[i].key, key))
			return true;
	return false;
}

/* A key for an unverified name: its match key, or the bytes themselves if not UTF-8. */
static char *loose_key(const char *s)
{
	char *k = utf8_match_key(s);

	return k ? k : xstrdup(s);
}

void directory_expand(const struct directory *d, int64_t task_id, const char *const *names,
		      size_t n, int line, struct assignments *out, struct diags *notes)
{
	struct resolution *res = xcalloc(n ? n : 1, sizeof(*res));
	struct cand *c = NULL;
	size_t nc = 0, calloc_n = 0;

	for (size_t i = 0; i < n; i++)
		directory_resolve(d, names[i], &res[i]);

	/* Direct mentions first: units and unverified names. */
	for (size_t i = 0; i < n; i++) {
		struct cand x;
		memset(&x, 0, sizeof(x));
		x.a.task_id = task_id;
		x.a.written = names[i];
		x.a.role = i == 0 ? ASSIGN_LEAD : ASSIGN_CO;
		x.a.position = (int)i;
		if (res[i].target == RESOLVE_TO_UNIT) {
			const struct unit *u = &d->units[res[i].index];
			if (cand_has_unit(c, nc, (long)res[i].index))
				continue;
			x.unit = (long)res[i].index;
			x.a.unit_id = u->id;
			x.a.unit_name = u->name;
			if (!u->active) {
				x.a.flags |= ASSIGN_INACTIVE_UNIT;
				if (notes)
					diags_add(notes, line, "“%s”是已停用的单位，仍按清单所写分工",
						  names[i]);
			}
			if (res[i].rule == RESOLVE_BRACKET_NEW_ALIAS) {
				x.a.flags |= ASSIGN_NEW_ALIAS;
				x.a.new_alias = arena_strndup(&out->arena, names[i] + res[i].alias_at,
							      res[i].alias_len);
				if (notes)
					diags_add(notes, line,
						  "“%s”按“%s”分工；括号中的“%s”还不是它的别名，请核实后加入单位名录",
						  names[i], u->name, x.a.new_alias);
			}
		} else if (res[i].target == RESOLVE_TO_UNVERIFIED) {
			char *key = loose_key(names[i]);
			if (cand_has_key(c, nc, key)) {
				free(key);
				continue;
			}
			x.unit = -1;
			x.key = key;
			x.a.unit_name = names[i];
			if (notes)
				diags_add(notes, line, res[i].rule == RESOLVE_BRACKET_CONFLICT
					  ? "“%s”括号内外是不同的单位，按未核实单位处理"
					  : "“%s”不在单位名录中，按未核实单位处理",
					  names[i]);
		} else {
			continue;
		}
		ALLOC_GROW(c, nc + 1, calloc_n);
		c[nc++] = x;
	}
	/* Then groups: each active member not already named. */
	for (size_t i = 0; i < n; i++) {
		const struct unit_group *g;
		size_t active = 0;
		if (res[i].target != RESOLVE_TO_GROUP)
			continue;
		g = &d->groups[res[i].index];
		for (size_t j = 0; j < g->nmembers; j++) {
			const struct unit *u = &d->units[g->members[j]];
			struct cand x;
			if (!u->active)
				continue;
			active++;
			if (cand_has_unit(c, nc, (long)g->members[j]))
				continue;
			memset(&x, 0, sizeof(x));
			x.unit = (long)g->members[j];
			x.sub = j + 1;
			x.a.task_id = task_id;
			x.a.unit_id = u->id;
			x.a.unit_name = u->name;
			x.a.via_group_id = g->id;
			x.a.written = names[i];
			x.a.role = i == 0 ? ASSIGN_LEAD : ASSIGN_CO;
			x.a.position = (int)i;
			ALLOC_GROW(c, nc + 1, calloc_n);
			c[nc++] = x;
		}
		if (!active && notes)
			diags_add(notes, line, "分组“%s”没有启用的成员单位，未生成分工", names[i]);
	}
	if (nc)
		qsort(c, nc, sizeof(*c), cand_cmp);
	ALLOC_GROW(out->v, out->n + nc, out->alloc);
	for (size_t i = 0; i < nc; i++) {
		out->v[out->n++] = c[i].a;
		free(c[i].key);
	}
	free(c);
	free(res);
}

/* ---- reconciliation ---- */

void reconcile_init(struct reconcile *r)
{
	memset(r, 0, sizeof(*r));
}

void reconcile_release(struct reconcile *r)
{
	free(r->v);
	reconcile_init(r);
}

static const char *const action_codes[] = { "keep", "update", "add", "retire" };

const char *reconcile_action_code(enum reconcile_action a)
{
	return (unsigned)a < 4 ? action_codes[a] : "?";
}

static void add_step(struct reconcile *r, enum reconcile_action act, size_t oi, size_t ni,
		     int64_t id)
{
	ALLOC_GROW(r->v, r->n + 1, r->alloc);
	r->v[r->n++] = (struct reconcile_step){ act, oi, ni, id };
	switch (act) {
	case RECONCILE_KEEP: r->nkeep++; break;
	case RECONCILE_UPDATE: r->nupdate++; break;
	case RECONCILE_ADD: r->nadd++; break;
	case RECONCILE_RETIRE: r->nretire++; break;
	default: break;
	}
}

static bool str_eq(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* Is old candidate `i` better than the current best `b` (active first, then lowest id)? */
static bool better_old(const struct assignment *old, size_t i, long b)
{
	bool ri, rb;

	if (b < 0)
		return true;
	ri = old[i].flags & ASSIGN_RETIRED;
	rb = old[b].flags & ASSIGN_RETIRED;
	if (ri != rb)
		return !ri;
	return old[i].id < old[b].id;
}

static bool same_fields(const struct assignment *o, const struct assignment *f)
{
	return !(o->flags & ASSIGN_RETIRED) && o->unit_id == f->unit_id &&
	       o->via_group_id == f->via_group_id && o->role == f->role &&
	       o->position == f->position && str_eq(o->unit_name, f->unit_name) &&
	       str_eq(o->written, f->written);
}

void assignments_reconcile(const struct assignment *old, size_t nold,
			   const struct assignment *fresh, size_t nnew, struct reconcile *out)
{
	long *match = xmalloc((nnew ? nnew : 1) * sizeof(*match));	/* fresh -> old */
	bool *used = xcalloc(nold ? nold : 1, sizeof(*used));
	char **okeys = xcalloc(nold ? nold : 1, sizeof(*okeys));
	char **fkeys = xcalloc(nnew ? nnew : 1, sizeof(*fkeys));
	char **fwkeys = xcalloc(nnew ? nnew : 1, sizeof(*fwkeys));

	for (size_t i = 0; i < nold; i++)
		if (!old[i].unit_id)
			okeys[i] = loose_key(old[i].unit_name ? old[i].unit_name : "");
	for (size_t j = 0; j < nnew; j++) {
		match[j] = -1;
		fwkeys[j] = loose_key(fresh[j].written ? fresh[j].written : "");
		if (!fresh[j].unit_id)
			fkeys[j] = loose_key(fresh[j].unit_name ? fresh[j].unit_name : "");
	}

	/* 1. Same unit id, or unverified with the same name key. */
	for (size_t j = 0; j < nnew; j++) {
		long best = -1;
		for (size_t i = 0; i < nold; i++) {
			bool same;
			if (used[i])
				continue;
			if (fresh[j].unit_id)
				same = old[i].unit_id == fresh[j].unit_id;
			else
				same = !old[i].unit_id && !strcmp(okeys[i], fkeys[j]);
			if (same && better_old(old, i, best))
				best = (long)i;
		}
		if (best >= 0) {
			match[j] = best;
			used[best] = true;
		}
	}
	/* 2. An old unverified name that now resolves to exactly one unit. */
	for (size_t j = 0; j < nnew; j++) {
		long best = -1;
		/* A group's members carry via_group_id: a name that became a group matches none. */
		if (match[j] >= 0 || !fresh[j].unit_id || fresh[j].via_group_id)
			continue;
		for (size_t i = 0; i < nold; i++) {
			if (used[i] || old[i].unit_id || strcmp(okeys[i], fwkeys[j]))
				continue;
			if (better_old(old, i, best))
				best = (long)i;
		}
		if (best >= 0) {
			match[j] = best;
			used[best] = true;
		}
	}

	for (size_t j = 0; j < nnew; j++) {
		if (match[j] < 0)
			add_step(out, RECONCILE_ADD, RECONCILE_NONE, j, 0);
		else
			add_step(out, same_fields(&old[match[j]], &fresh[j]) ? RECONCILE_KEEP
									      : RECONCILE_UPDATE,
				 (size_t)match[j], j, old[match[j]].id);
	}
	for (size_t i = 0; i < nold; i++)
		if (!used[i] && !(old[i].flags & ASSIGN_RETIRED))
			add_step(out, RECONCILE_RETIRE, i, RECONCILE_NONE, old[i].id);

	for (size_t i = 0; i < nold; i++)
		free(okeys[i]);
	for (size_t j = 0; j < nnew; j++) {
		free(fkeys[j]);
		free(fwkeys[j]);
	}
	free(okeys);
	free(fkeys);
	free(fwkeys);
	free(match);
	free(used);
}
