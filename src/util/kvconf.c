/* The `key = value` configuration tokenizer and its messages. */
#include "util/kvconf.h"

#include <string.h>

#include "util/banned.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

int kvconf_parse(const char *text, const char *file, kvconf_fn *fn, void *ctx, struct err *e)
{
	const char *p = text ? text : "";
	int lineno = 0;

	if (!strncmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	while (*p) {
		const char *eol = strchr(p, '\n'), *end, *eq, *k0, *k1, *v0;
		struct kvconf_item it;

		lineno++;
		if (!eol)
			eol = p + strlen(p);
		end = memchr(p, '#', (size_t)(eol - p));
		if (!end)
			end = eol;
		k0 = p;
		while (k0 < end && is_space(*k0))
			k0++;
		while (end > k0 && is_space(end[-1]))
			end--;
		if (k0 < end) {
			eq = memchr(k0, '=', (size_t)(end - k0));
			if (!eq)
				return err_set(e, ERR_INPUT, "%s:%d: 缺少“=”：每行应为 key = value",
					       file, lineno);
			k1 = eq;
			while (k1 > k0 && is_space(k1[-1]))
				k1--;
			v0 = eq + 1;
			while (v0 < end && is_space(*v0))
				v0++;
			it.lineno = lineno;
			it.key = k0;
			it.klen = (size_t)(k1 - k0);
			it.val = v0;
			it.vlen = (size_t)(end - v0);
			if (!it.klen)
				return err_set(e, ERR_INPUT, "%s:%d: “=”前缺少配置项名称", file,
					       lineno);
			if (fn(ctx, &it, e))
				return -1;
		}
		p = *eol ? eol + 1 : eol;
	}
	return 0;
}

bool kvconf_key_is(const struct kvconf_item *it, const char *name)
{
	return it->klen == strlen(name) && !memcmp(it->key, name, it->klen);
}

/* At most 60 bytes of a span, for messages. */
static int shown(size_t len)
{
	return (int)(len > 60 ? 60 : len);
}

int kvconf_unknown(struct err *e, const char *file, const struct kvconf_item *it)
{
	return err_set(e, ERR_INPUT, "%s:%d: 未知配置项“%.*s”", file, it->lineno, shown(it->klen),
		       it->key);
}

int kvconf_duplicate(struct err *e, const char *file, const struct kvconf_item *it,
		     const char *name, int first_line)
{
	return err_set(e, ERR_INPUT, "%s:%d: 配置项“%s”重复（第 %d 行已设置）", file, it->lineno,
		       name, first_line);
}

int kvconf_bad_value(struct err *e, const char *file, const struct kvconf_item *it,
		     const char *name, const char *expect)
{
	return err_set(e, ERR_INPUT, "%s:%d: %s 的值“%.*s”无效：应为 %s", file, it->lineno, name,
		       shown(it->vlen), it->val, expect);
}
