/* Reading and writing the unit directory as CSV (units.csv, groups.csv), RFC 4180. */
#include "import/directory_csv.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/csv.h"
#include "util/banned.h"

/* ---- the tokenizer ---- */

struct csv {
	const char *p, *end;
	const char *src;
	int line;		/* the physical line p is on */
	struct strbuf *f;	/* fields of the current record */
	size_t nf, falloc;
};

static int csv_fail(const struct csv *c, int line, struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int csv_fail(const struct csv *c, int line, struct err *e, const char *fmt, ...)
{
	char msg[ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return err_set(e, ERR_INPUT, "%s:%d: %s", c->src, line, msg);
}

/* Line of byte offset `at` in data (1-based). */
static int line_of(const char *data, size_t at)
{
	int line = 1;

	for (size_t i = 0; i < at; i++)
		if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == at || data[i + 1] != '\n')))
			line++;
	return line;
}

static int csv_open(struct csv *c, const char *data, size_t len, const char *src, struct err *e)
{
	size_t bad;
	const char *nul;

	memset(c, 0, sizeof(*c));
	c->src = src ? src : "-";
	c->line = 1;
	if (len > DIRECTORY_CSV_MAX_BYTES)
		return err_set(e, ERR_INPUT, "%s: 文件过大（%zu 字节，最多 %u 字节）", c->src, len,
			       DIRECTORY_CSV_MAX_BYTES);
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		len -= 3;
	}
	c->p = data;
	c->end = data + len;
	nul = memchr(data, '\0', len);
	if (nul)
		return csv_fail(c, line_of(data, (size_t)(nul - data)), e,
				"含有空字符（NUL），不是文本文件");
	if (!utf8_valid(data, len, &bad))
		return csv_fail(c, line_of(data, bad), e,
				"不是有效的 UTF-8 文本（第 %zu 字节起）；请另存为 UTF-8 编码的 CSV",
				bad + 1);
	return 0;
}

static void csv_close(struct csv *c)
{
	for (size_t i = 0; i < c->falloc; i++)
		strbuf_release(&c->f[i]);
	free(c->f);
	c->f = NULL;
	c->nf = c->falloc = 0;
}

static struct strbuf *csv_new_field(struct csv *c)
{
	if (c->nf == c->falloc) {
		size_t had = c->falloc;
		ALLOC_GROW(c->f, c->nf + 1, c->falloc);
		for (size_t i = had; i < c->falloc; i++)
			strbuf_init(&c->f[i], 0);
	}
	strbuf_reset(&c->f[c->nf]);
	return &c->f[c->nf++];
}

static int add_byte(struct csv *c, struct strbuf *sb, char ch, int line, struct err *e)
{
	if (sb->len >= DIRECTORY_CSV_MAX_FIELD)
		return csv_fail(c, line, e, "第 %zu 列字段过长（超过 %u 字节）", c->nf,
				DIRECTORY_CSV_MAX_FIELD);
	strbuf_addch(sb, ch);
	return 0;
}

/* Trim white space (ASCII, U+00A0, U+3000) from both ends of sb. */
static void trim_field(struct strbuf *sb)
{
	size_t at = 0, len = sb->len;

	for (;;) {
		const unsigned char *u = (const unsigned char *)sb->buf + at;
		if (len >= 1 && (u[0] == ' ' || u[0] == '\t' || u[0] == '\r' || u[0] == '\n' ||
				 u[0] == '\v' || u[0] == '\f')) {
			at++, len--;
		} else if (len >= 2 && u[0] == 0xC2 && u[1] == 0xA0) {
			at += 2, len -= 2;
		} else if (len >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) {
			at += 3, len -= 3;
		} else {
			break;
		}
	}
	for (;;) {
		const unsigned char *u = (const unsigned char *)sb->buf + at;
		if (len >= 1 && (u[len - 1] == ' ' || u[len - 1] == '\t' || u[len - 1] == '\r' ||
				 u[len - 1] == '\n' || u[len - 1] == '\v' || u[len - 1] == '\f')) {
			len--;
		} else if (len >= 2 && u[len - 2] == 0xC2 && u[len - 1] == 0xA0) {
			len -= 2;
		} else if (len >= 3 && u[len - 3] == 0xE3 && u[len - 2] == 0x80 &&
			   u[len - 1] == 0x80) {
			len -= 3;
		} else {
			break;
		}
	}
	if (at)
		memmove(sb->buf, sb->buf + at, len);
	strbuf_setlen(sb, len);
}

/* Consume a line end at c->p if there is one. */
static bool eat_eol(struct csv *c)
{
	if (c->p < c->end && *c->p == '\r') {
		c->p++;
		if (c->p < c->end && *c->p == '\n')
			c->p++;
		c->line++;
		return true;
	}
	if (c->p < c->end && *c->p == '\n') {
		c->p++;
		c->line++;
		return true;
	}
	return false;
}

/*
 * Read the next record into c->f[0..nf); *rec_line gets the line it starts
 * on.  Returns 1 for a record, 0 at the end of input, -1 on error.
 */
static int csv_next(struct csv *c, int *rec_line, struct err *e)
{
	if (c->p >= c->end)
		return 0;
	*rec_line = c->line;
	c->nf = 0;
	for (;;) {
		struct strbuf *sb = csv_new_field(c);
		const char *q = c->p;

		while (q < c->end && (*q == ' ' || *q == '\t'))
			q++;
		if (q < c->end && *q == '"') {
			int start = c->line;
			c->p = q + 1;
			for (;;) {
				char ch;
				if (c->p >= c->end)
					return csv_fail(c, start, e,
							"第 %zu 列的引号没有配对（到文件末尾仍未闭合）",
							c->nf);
				ch = *c->p;
				if (ch == '"') {
					if (c->p + 1 < c->end && c->p[1] == '"') {
						c->p += 2;
						if (add_byte(c, sb, '"', start, e))
							return -1;
						continue;
					}
					c->p++;
					break;
				}
				if (ch == '\n' || (ch == '\r' && (c->p + 1 >= c->end || c->p[1] != '\n')))
					c->line++;
				if (add_byte(c, sb, ch, start, e))
					return -1;
				c->p++;
			}
			while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
				c->p++;
			if (c->p < c->end && *c->p != ',' && *c->p != '\r' && *c->p != '\n')
				return csv_fail(c, c->line, e,
						"第 %zu 列在右引号之后还有文字；字段中的引号要写成两个（\"\"）",
						c->nf);
		} else {
			while (c->p < c->end && *c->p != ',' && *c->p != '\r' && *c->p != '\n') {
				if (*c->p == '"')
					return csv_fail(c, c->line, e,
							"第 %zu 列中出现引号；含引号的字段要整体加引号，引号写成两个（\"\"）",
							c->nf);
				if (add_byte(c, sb, *c->p, c->line, e))
					return -1;
				c->p++;
			}
		}
		trim_field(sb);
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			continue;
		}
		eat_eol(c);
		return 1;
	}
}

static bool record_empty(const struct csv *c)
{
	for (size_t i = 0; i < c->nf; i++)
		if (c->f[i].len)
			return false;
	return true;
}

/* Next non-empty record: 1, 0 at the end, -1 on error. */
static int csv_next_nonempty(struct csv *c, int *line, struct err *e)
{
	int rc;

	while ((rc = csv_next(c, line, e)) == 1)
		if (!record_empty(c))
			return 1;
	return rc;
}

/* ---- headers ---- */

enum col {
	COL_UNIT_NAME = 0,
	COL_KIND,
	COL_ALIASES,
	COL_PARENT,
	COL_ACTIVE,
	COL_GROUP_NAME,
	COL_MEMBER,
	NCOLS
};

static const char *const col_names[NCOLS] = {
	"单位名称", "类别", "简称及别名", "上级单位", "是否启用", "分组名称", "成员单位",
};

/* Header spellings, by match key; the first is the canonical one. */
static const struct {
	enum col col;
	const char *text;
} col_synonyms[] = {
	{ COL_UNIT_NAME, "单位名称" }, { COL_UNIT_NAME, "单位" },
	{ COL_KIND, "类别" }, { COL_KIND, "单位类别" }, { COL_KIND, "类型" },
	{ COL_ALIASES, "简称及别名" }, { COL_ALIASES, "简称和别名" }, { COL_ALIASES, "别名" },
	{ COL_ALIASES, "简称" },
	{ COL_PARENT, "上级单位" }, { COL_PARENT, "上级" },
	{ COL_ACTIVE, "是否启用" }, { COL_ACTIVE, "启用" },
	{ COL_GROUP_NAME, "分组名称" }, { COL_GROUP_NAME, "分组" },
	{ COL_MEMBER, "成员单位" }, { COL_MEMBER, "成员" },
};

static int col_of(const char *cell)
{
	char *key = utf8_match_key(cell);
	int col = -1;

	if (!key)
		return -1;
	for (size_t i = 0; i < sizeof(col_synonyms) / sizeof(col_synonyms[0]) && col < 0; i++) {
		char *k = utf8_match_key(col_synonyms[i].text);
		if (!strcmp(k, key))
			col = (int)col_synonyms[i].col;
		free(k);
	}
	free(key);
	return col;
}

struct header {
	enum directory_csv_kind kind;
	int pos[NCOLS];		/* column index of each field, -1 if absent */
	size_t ncells;
	int line;
};

/* Read the header record and check it. */
static int read_header(struct csv *c, struct header *h, struct err *e)
{
	int rc = csv_next_nonempty(c, &h->line, e);

	if (rc < 0)
		return -1;
	if (rc == 0)
		return err_set(e, ERR_INPUT, "%s: 文件为空，缺少表头（单位名称,类别,… 或 分组名称,成员单位）",
			       c->src);
	for (int i = 0; i < NCOLS; i++)
		h->pos[i] = -1;
	h->ncells = c->nf;
	while (h->ncells && !c->f[h->ncells - 1].len)
		h->ncells--;	/* trailing empty header cells, as spreadsheets write them */
	for (size_t i = 0; i < h->ncells; i++) {
		int col;
		if (!c->f[i].len)
			return csv_fail(c, h->line, e, "表头第 %zu 列为空", i + 1);
		col = col_of(c->f[i].buf);
		if (col < 0)
			continue;	/* judged below, once the kind is known */
		if (h->pos[col] >= 0)
			return csv_fail(c, h->line, e, "表头中“%s”列重复", col_names[col]);
		h->pos[col] = (int)i;
	}
	if (h->pos[COL_GROUP_NAME] >= 0)
		h->kind = DIRECTORY_CSV_GROUPS;
	else if (h->pos[COL_UNIT_NAME] >= 0)
		h->kind = DIRECTORY_CSV_UNITS;
	else
		return csv_fail(c, h->line, e,
				"无法识别的表头：单位表应有“单位名称”“类别”等列，分组表应有“分组名称”“成员单位”两列");
	for (size_t i = 0; i < h->ncells; i++) {
		int col = col_of(c->f[i].buf);
		bool ok = h->kind == DIRECTORY_CSV_UNITS
				  ? col >= COL_UNIT_NAME && col <= COL_ACTIVE
				  : col == COL_GROUP_NAME || col == COL_MEMBER ||
					    col == COL_ALIASES;
		if (!ok)
			return csv_fail(c, h->line, e, "表头第 %zu 列“%s”不是%s的列", i + 1,
					c->f[i].buf,
					h->kind == DIRECTORY_CSV_UNITS
						? "单位表（单位名称,类别,简称及别名,上级单位,是否启用）"
						: "分组表（分组名称,成员单位,简称及别名）");
	}
	if (h->kind == DIRECTORY_CSV_UNITS && h->pos[COL_KIND] < 0)
		return csv_fail(c, h->line, e, "单位表缺少“类别”列");
	if (h->kind == DIRECTORY_CSV_GROUPS && h->pos[COL_MEMBER] < 0)
		return csv_fail(c, h->line, e, "分组表缺少“成员单位”列");
	return 0;
}

/* The cell of column `col` in the current record ("" when absent). */
static const char *cell(const struct csv *c, const struct header *h, enum col col)
{
	int p = h->pos[col];

	return p >= 0 && (size_t)p < c->nf ? c->f[p].buf : "";
}

/* Cells beyond the header must be empty. */
static int check_width(const struct csv *c, const struct header *h, int line, struct err *e)
{
	for (size_t i = h->ncells; i < c->nf; i++)
		if (c->f[i].len)
			return csv_fail(c, line, e, "第 %zu 列“%s”超出表头（表头只有 %zu 列）", i + 1,
					c->f[i].buf, h->ncells);
	return 0;
}

int directory_csv_detect(const char *data, size_t len, const char *source_name,
			 enum directory_csv_kind *out, struct err *e)
{
	struct csv c;
	struct header h;
	int rc = -1;

	if (csv_open(&c, data, len, source_name, e) || read_header(&c, &h, e))
		goto out;
	*out = h.kind;
	rc = 0;
out:
	csv_close(&c);
	return rc;
}

/* ---- units ---- */

/* Where something in the directory came from, for messages. */
struct origin {
	size_t base;	/* units (or groups) before this file */
	int *lines;	/* line of each one added by this file */
	size_t n, alloc;
};

static void origin_add(struct origin *o, int line)
{
	ALLOC_GROW(o->lines, o->n + 1, o->alloc);
	o->lines[o->n++] = line;
}

/* " (第N行)" naming where unit/group `index` was defined, or "" if before this file. */
static void origin_where(const struct origin *o, size_t index, char *buf, size_t size)
{
	if (index >= o->base && index - o->base < o->n)
		snprintf(buf, size, "第 %d 行的", o->lines[index - o->base]);
	else
		buf[0] = '\0';
}

/* Describe who holds a name: 第3行的单位“X”, 第3行单位“X”的别名, 分组“X”(的别名). */
static void holder(const struct directory *d, const struct origin *uo, enum directory_hit hit,
		   bool alias, size_t index, char *buf, size_t size)
{
	char where[64];

	if (hit == DIRECTORY_HIT_GROUP) {
		snprintf(buf, size, alias ? "分组“%s”的别名" : "分组“%s”", d->groups[index].name);
		return;
	}
	origin_where(uo, index, where, sizeof(where));
	snprintf(buf, size, hit == DIRECTORY_HIT_UNIT ? "%s单位“%s”的名称" : "%s单位“%s”的别名",
		 where, d->units[index].name);
}

static int parse_active(const char *s, bool *out)
{
	static const char *const yes[] = { "是", "启用", "1" };
	static const char *const no[] = { "否", "停用", "0" };

	if (!*s) {
		*out = true;
		return 0;
	}
	for (size_t i = 0; i < 3; i++) {
		if (!strcmp(s, yes[i])) {
			*out = true;
			return 0;
		}
		if (!strcmp(s, no[i])) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

/*
 * Split an alias list on 、 ； ; outside brackets into trimmed, non-empty
 * pieces (*out, malloc'd; release each and free the array).  Returns how many.
 */
static size_t split_aliases(const char *list, struct strbuf **out)
{
	size_t len = strlen(list), start = 0, i = 0, npieces = 0, alloc = 0;
	int depth = 0;

	*out = NULL;
	for (;;) {
		const unsigned char *u = (const unsigned char *)list + i;
		size_t n = 1;
		bool sep = false;
		if (i >= len) {
			sep = true;
			n = 0;
		} else if (*u == '(') {
			depth++;
		} else if (*u == ')') {
			depth -= depth > 0;
		} else if (*u == ';') {
			sep = depth == 0;
		} else if (len - i >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x88) {
			depth++, n = 3;
		} else if (len - i >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x89) {
			depth -= depth > 0, n = 3;
		} else if (len - i >= 3 && ((u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x9B) ||
					    (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x81))) {
			sep = depth == 0, n = 3;
		}
		if (sep) {
			struct strbuf piece = STRBUF_INIT;
			strbuf_add(&piece, list + start, i - start);
			trim_field(&piece);
			if (piece.len) {
				ALLOC_GROW(*out, npieces + 1, alloc);
				(*out)[npieces++] = piece;
			} else {
				strbuf_release(&piece);
			}
			start = i + (n ? n : 1);
		}
		if (i >= len)
			break;
		i += n;
	}
	return npieces;
}

static void pieces_free(struct strbuf *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		strbuf_release(&v[i]);
	free(v);
}

/* Split a unit's alias list and add each piece. */
static int add_aliases(struct csv *c, struct directory *d, const struct origin *uo, size_t unit,
		       const char *list, int line, struct err *e)
{
	struct strbuf *v;
	size_t n = split_aliases(list, &v);
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t idx;
		bool alias;
		enum directory_hit hit = directory_lookup_alias(d, v[i].buf, &idx, &alias);

		if (hit != DIRECTORY_HIT_NONE && !(hit != DIRECTORY_HIT_GROUP && idx == unit)) {
			char who[DIRECTORY_NAME_MAX + 128];
			holder(d, uo, hit, alias, idx, who, sizeof(who));
			rc = err_set(e, ERR_CONFLICT, "%s:%d: 简称及别名: 别名“%s”与%s重复", c->src,
				     line, v[i].buf, who);
		} else if (directory_add_alias(d, unit, v[i].buf, e)) {
			rc = err_prefix(e, "%s:%d: 简称及别名: ", c->src, line);
		}
	}
	pieces_free(v, n);
	return rc;
}

struct pending_parent {
	size_t unit;
	char *parent;
	int line;
};

static int read_units(struct csv *c, const struct header *h, struct directory *d,
		      struct err *e)
{
	struct origin uo = { d->nunits, NULL, 0, 0 };
	struct pending_parent *pp = NULL;
	size_t npp = 0, pp_alloc = 0;
	int line, rc, ret = -1;

	while ((rc = csv_next_nonempty(c, &line, e)) == 1) {
		const char *name = cell(c, h, COL_UNIT_NAME);
		const char *kind_s = cell(c, h, COL_KIND);
		const char *active_s = cell(c, h, COL_ACTIVE);
		const char *parent = cell(c, h, COL_PARENT);
		enum unit_kind kind;
		enum directory_hit hit;
		size_t idx, unit;
		bool active, alias;

		if (check_width(c, h, line, e))
			goto out;
		if (!*name) {
			csv_fail(c, line, e, "单位名称: 为空");
			goto out;
		}
		hit = directory_lookup_alias(d, name, &idx, &alias);
		if (hit != DIRECTORY_HIT_NONE) {
			char who[DIRECTORY_NAME_MAX + 128];
			holder(d, &uo, hit, alias, idx, who, sizeof(who));
			err_set(e, ERR_CONFLICT, "%s:%d: 单位名称: “%s”%s，与%s重复", c->src, line,
				name, hit == DIRECTORY_HIT_UNIT ? "是重复的单位" : "", who);
			goto out;
		}
		if (!*kind_s) {
			csv_fail(c, line, e, "类别: 为空（应为 市级部门、县市区政府、开发区管委会、中省驻市单位及企业、其他 之一）");
			goto out;
		}
		if (unit_kind_parse(kind_s, &kind)) {
			csv_fail(c, line, e,
				 "类别: 未知的单位类别“%s”（应为 市级部门、县市区政府、开发区管委会、中省驻市单位及企业、其他 之一）",
				 kind_s);
			goto out;
		}
		if (parse_active(active_s, &active)) {
			csv_fail(c, line, e, "是否启用: 应为“是”或“否”，而不是“%s”", active_s);
			goto out;
		}
		if (directory_add_unit(d, 0, name, kind, active, &unit, e)) {
			err_prefix(e, "%s:%d: 单位名称: ", c->src, line);
			goto out;
		}
		origin_add(&uo, line);
		if (add_aliases(c, d, &uo, unit, cell(c, h, COL_ALIASES), line, e))
			goto out;
		if (*parent) {
			ALLOC_GROW(pp, npp + 1, pp_alloc);
			pp[npp++] = (struct pending_parent){ unit, xstrdup(parent), line };
		}
	}
	if (rc < 0)
		goto out;
	for (size_t i = 0; i < npp; i++) {
		size_t idx;
		enum directory_hit hit = directory_lookup(d, pp[i].parent, &idx);
		if (hit == DIRECTORY_HIT_GROUP) {
			csv_fail(c, pp[i].line, e, "上级单位: “%s”是分组，不是单位", pp[i].parent);
			goto out;
		}
		if (hit == DIRECTORY_HIT_NONE) {
			csv_fail(c, pp[i].line, e, "上级单位: “%s”不在单位表中", pp[i].parent);
			goto out;
		}
		if (directory_set_parent(d, pp[i].unit, (long)idx, e)) {
			err_prefix(e, "%s:%d: 上级单位: ", c->src, pp[i].line);
			goto out;
		}
	}
	ret = 0;
out:
	for (size_t i = 0; i < npp; i++)
		free(pp[i].parent);
	free(pp);
	free(uo.lines);
	return ret;
}

/* ---- groups ---- */

/* Where a group's aliases were given in this file: the line and the cell as written. */
struct alias_given {
	int line;	/* 0: not given yet */
	char *text;
};

/* Do the aliases listed in `list` equal group g's (by key, own name and repeats dropped)? */
static bool aliases_agree(const struct directory *d, size_t g, const char *list)
{
	const struct unit_group *grp = &d->groups[g];
	struct strbuf *v;
	size_t n = split_aliases(list, &v), k = 0;
	bool same = true;

	for (size_t i = 0; i < n && same; i++) {
		char *key = utf8_match_key(v[i].buf);
		bool seen;

		if (!key || !*key) {	/* no spelling the first row could have added */
			free(key);
			same = false;
			break;
		}
		seen = !strcmp(key, grp->key);

		for (size_t j = 0; j < k && !seen; j++)
			seen = !strcmp(key, grp->alias_keys[j]);
		if (!seen)
			same = k < grp->naliases && !strcmp(key, grp->alias_keys[k++]);
		free(key);
	}
	pieces_free(v, n);
	return same && k == grp->naliases;
}

/* The aliases cell of group g's row at `line`: added the first time, else checked. */
static int group_aliases(struct csv *c, struct directory *d, size_t g, const char *list,
			 int line, struct alias_given **given, size_t *ngiven, struct err *e)
{
	struct strbuf *v;
	size_t n;
	int rc = 0;

	if (g >= *ngiven) {
		size_t had = *ngiven;
		*ngiven = d->ngroups + 16;
		*given = xreallocarray(*given, *ngiven, sizeof(**given));
		memset(*given + had, 0, (*ngiven - had) * sizeof(**given));
	}
	if ((*given)[g].line) {
		if (aliases_agree(d, g, list))
			return 0;
		return csv_fail(c, line, e,
				"简称及别名: 分组“%s”的别名“%s”与第 %d 行所写的“%s”不一致"
				"（同一分组的别名只需写一次，写在多行时须相同）",
				d->groups[g].name, list, (*given)[g].line, (*given)[g].text);
	}
	(*given)[g].line = line;
	(*given)[g].text = xstrdup(list);
	n = split_aliases(list, &v);
	for (size_t i = 0; i < n && rc == 0; i++)
		if (directory_add_group_alias(d, g, v[i].buf, e))
			rc = err_prefix(e, "%s:%d: 简称及别名: ", c->src, line);
	pieces_free(v, n);
	return rc;
}

static int read_groups(struct csv *c, const struct header *h, struct directory *d,
		       struct err *e)
{
	struct origin no_units = { d->nunits, NULL, 0, 0 };
	struct alias_given *given = NULL;
	size_t ngiven = 0;
	int line, rc, ret = -1;

	while ((rc = csv_next_nonempty(c, &line, e)) == 1) {
		const char *gname = cell(c, h, COL_GROUP_NAME);
		const char *member = cell(c, h, COL_MEMBER);
		const char *aliases = cell(c, h, COL_ALIASES);
		enum directory_hit hit;
		size_t g, u;
		bool alias;

		if (check_width(c, h, line, e))
			goto out;
		if (!*gname) {
			csv_fail(c, line, e, "分组名称: 为空");
			goto out;
		}
		hit = directory_lookup_alias(d, gname, &g, &alias);
		if (hit == DIRECTORY_HIT_UNIT || hit == DIRECTORY_HIT_ALIAS) {
			char who[DIRECTORY_NAME_MAX + 128];
			holder(d, &no_units, hit, alias, g, who, sizeof(who));
			err_set(e, ERR_CONFLICT, "%s:%d: 分组名称: “%s”与%s重复", c->src, line, gname,
				who);
			goto out;
		}
		if (hit == DIRECTORY_HIT_GROUP && alias) {
			err_set(e, ERR_CONFLICT,
				"%s:%d: 分组名称: “%s”是分组“%s”的别名；分组表中请写分组名称“%s”",
				c->src, line, gname, d->groups[g].name, d->groups[g].name);
			goto out;
		}
		if (hit == DIRECTORY_HIT_NONE && directory_add_group(d, 0, gname, &g, e)) {
			err_prefix(e, "%s:%d: 分组名称: ", c->src, line);
			goto out;
		}
		if (*aliases && group_aliases(c, d, g, aliases, line, &given, &ngiven, e))
			goto out;
		if (!*member)
			continue;
		hit = directory_lookup(d, member, &u);
		if (hit == DIRECTORY_HIT_GROUP) {
			csv_fail(c, line, e, "成员单位: “%s”是分组；分组的成员只能是单位", member);
			goto out;
		}
		if (hit == DIRECTORY_HIT_NONE) {
			csv_fail(c, line, e, "成员单位: “%s”不在单位表中", member);
			goto out;
		}
		if (directory_add_member(d, g, u, e)) {
			err_prefix(e, "%s:%d: 成员单位: ", c->src, line);
			goto out;
		}
	}
	ret = rc < 0 ? -1 : 0;
out:
	for (size_t i = 0; i < ngiven; i++)
		free(given[i].text);
	free(given);
	return ret;
}

int directory_csv_read(struct directory *d, const char *data, size_t len,
		       const char *source_name, enum directory_csv_kind *kind, struct err *e)
{
	struct csv c;
	struct header h;
	int rc = -1;

	if (csv_open(&c, data, len, source_name, e) || read_header(&c, &h, e))
		goto out;
	if (kind)
		*kind = h.kind;
	rc = h.kind == DIRECTORY_CSV_UNITS ? read_units(&c, &h, d, e) : read_groups(&c, &h, d, e);
out:
	csv_close(&c);
	return rc;
}

int directory_csv_read_all(struct directory *d, const struct directory_csv_input *in, size_t n,
			   struct err *e)
{
	enum directory_csv_kind *kinds = xcalloc(n ? n : 1, sizeof(*kinds));
	int rc = -1;

	for (size_t i = 0; i < n; i++)
		if (directory_csv_detect(in[i].data, in[i].len, in[i].source_name, &kinds[i], e))
			goto out;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++)
			if ((kinds[i] == DIRECTORY_CSV_UNITS) == (pass == 0) &&
			    directory_csv_read(d, in[i].data, in[i].len, in[i].source_name, NULL, e))
				goto out;
	rc = 0;
out:
	free(kinds);
	return rc;
}

/* ---- the writer ---- */

void directory_csv_write_units(const struct directory *d, struct strbuf *out)
{
	struct strbuf aliases = STRBUF_INIT;

	strbuf_addstr(out, CSV_BOM "单位名称,类别,简称及别名,上级单位,是否启用\r\n");
	for (size_t i = 0; i < d->nunits; i++) {
		const struct unit *u = &d->units[i];
		strbuf_reset(&aliases);
		for (size_t j = 0; j < u->naliases; j++) {
			if (j)
				strbuf_addstr(&aliases, "、");
			strbuf_addstr(&aliases, u->aliases[j]);
		}
		csv_put_field(out, u->name);
		strbuf_addch(out, ',');
		csv_put_field(out, unit_kind_label(u->kind));
		strbuf_addch(out, ',');
		csv_put_field(out, aliases.buf);
		strbuf_addch(out, ',');
		csv_put_field(out, u->parent >= 0 ? d->units[u->parent].name : "");
		strbuf_addch(out, ',');
		strbuf_addstr(out, u->active ? "是" : "否");
		strbuf_addstr(out, "\r\n");
	}
	strbuf_release(&aliases);
}

void directory_csv_write_groups(const struct directory *d, struct strbuf *out)
{
	struct strbuf aliases = STRBUF_INIT;
	bool with_aliases = false;

	for (size_t i = 0; i < d->ngroups && !with_aliases; i++)
		with_aliases = d->groups[i].naliases > 0;
	strbuf_addstr(out, with_aliases ? CSV_BOM "分组名称,成员单位,简称及别名\r\n"
					: CSV_BOM "分组名称,成员单位\r\n");
	for (size_t i = 0; i < d->ngroups; i++) {
		const struct unit_group *g = &d->groups[i];
		strbuf_reset(&aliases);
		for (size_t j = 0; j < g->naliases; j++) {
			if (j)
				strbuf_addstr(&aliases, "、");
			strbuf_addstr(&aliases, g->aliases[j]);
		}
		/* A group without members still gets its row; aliases go on the first row. */
		for (size_t j = 0; j < (g->nmembers ? g->nmembers : 1); j++) {
			csv_put_field(out, g->name);
			strbuf_addch(out, ',');
			if (g->nmembers)
				csv_put_field(out, d->units[g->members[j]].name);
			if (with_aliases) {
				strbuf_addch(out, ',');
				if (j == 0)
					csv_put_field(out, aliases.buf);
			}
			strbuf_addstr(out, "\r\n");
		}
	}
	strbuf_release(&aliases);
}
