/* Checking a JSON request body against a declared schema, field by field. */
#include "http/json_in.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/utf8.h"
#include "util/banned.h"

#define KEY_SHOWN_MAX 64	/* bytes of an unknown key quoted in a message */

bool json_in_depth_ok(const char *buf, size_t len, int max_depth)
{
	bool in_string = false, escaped = false;
	int depth = 0;

	for (size_t i = 0; i < len; i++) {
		char c = buf[i];

		if (in_string) {
			if (escaped)
				escaped = false;
			else if (c == '\\')
				escaped = true;
			else if (c == '"')
				in_string = false;
			continue;
		}
		if (c == '"') {
			in_string = true;
		} else if (c == '[' || c == '{') {
			if (++depth > max_depth)
				return false;
		} else if (c == ']' || c == '}') {
			depth--;
		}
	}
	return true;
}

static const struct json_field *field_find(const struct json_field *fields, const char *key)
{
	for (const struct json_field *f = fields; f->name; f++)
		if (!strcmp(f->name, key))
			return f;
	return NULL;
}

/* "admin、leader、liaison" */
static void values_list(const char *const *values, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; values[i] && used < n; i++) {
		int w = snprintf(buf + used, n - used, "%s%s", i ? "、" : "", values[i]);

		if (w < 0)
			break;
		used += (size_t)w;
	}
}

/* A member's name as messages show it: "login", or "values[2].seq" inside an array. */
struct json_path {
	char s[128];
};

static void path_of(struct json_path *p, const char *prefix, const char *name)
{
	if (snprintf(p->s, sizeof(p->s), "%s%s", prefix, name) < 0)
		p->s[0] = '\0';
}

static int check_string(const struct json_field *f, const char *name, json_t *v,
			struct json_value *out, struct arena *a, struct err *e)
{
	const char *s = json_string_value(v);
	size_t len = json_string_length(v), chars;

	if (strlen(s) != len)
		return err_set(e, ERR_INPUT, "字段 %s 含有 NUL 字符", name);
	chars = utf8_strlen(s);
	if ((int64_t)chars < f->min || (int64_t)chars > f->max) {
		if (f->min == f->max)
			return err_set(e, ERR_INPUT, "字段 %s 的长度应为 %lld 个字符", name,
				       (long long)f->min);
		return err_set(e, ERR_INPUT, "字段 %s 的长度应为 %lld 至 %lld 个字符（现为 %zu）",
			       name, (long long)f->min, (long long)f->max, chars);
	}
	if (f->values) {
		int k = 0;

		while (f->values[k] && strcmp(f->values[k], s))
			k++;
		if (!f->values[k]) {
			char list[256];

			values_list(f->values, list, sizeof(list));
			return err_set(e, ERR_INPUT, "字段 %s 应为 %s 之一", name, list);
		}
		out->e = k;
	}
	out->s = arena_strndup(a, s, len);
	return 0;
}

static int check_object(json_t *obj, const struct json_field *fields, void *out,
			const char *prefix, int depth, struct arena *a, struct err *e);

static int check_array(const struct json_field *f, const char *name, json_t *v,
		       struct json_value *out, int depth, struct arena *a, struct err *e)
{
	size_t n = json_array_size(v);

	if ((int64_t)n < f->min || (int64_t)n > f->max) {
		if (f->min == f->max)
			return err_set(e, ERR_INPUT, "字段 %s 应有 %lld 项", name, (long long)f->min);
		return err_set(e, ERR_INPUT, "字段 %s 应有 %lld 至 %lld 项（现为 %zu 项）", name,
			       (long long)f->min, (long long)f->max, n);
	}
	out->n = n;
	out->items = arena_zalloc(a, (n ? n : 1) * f->item_size);
	for (size_t i = 0; i < n; i++) {
		json_t *el = json_array_get(v, i);
		char prefix[sizeof(((struct json_path *)0)->s)];

		/* A name cut short in a message is harmless: the result says so, unused. */
		if (snprintf(prefix, sizeof(prefix), "%s[%zu].", name, i + 1) < 0)
			prefix[0] = '\0';
		if (!json_is_object(el))
			return err_set(e, ERR_INPUT, "字段 %s[%zu] 应为 JSON 对象", name, i + 1);
		if (check_object(el, f->items, (char *)out->items + i * f->item_size, prefix,
				 depth + 1, a, e))
			return -1;
	}
	return 0;
}

static int check_member(const struct json_field *f, const char *name, json_t *v,
			struct json_value *out, int depth, struct arena *a, struct err *e)
{
	static const char *const type_names[] = {
		[JSON_IN_STRING] = "字符串",
		[JSON_IN_INT] = "整数",
		[JSON_IN_BOOL] = "true 或 false",
		[JSON_IN_NUMBER] = "数值",
		[JSON_IN_ARRAY] = "数组",
	};

	out->set = true;
	if (json_is_null(v)) {
		if (!(f->flags & JSON_IN_NULLABLE))
			return err_set(e, ERR_INPUT, "字段 %s 不能为 null", name);
		out->null = true;
		return 0;
	}
	switch (f->type) {
	case JSON_IN_STRING:
		if (!json_is_string(v))
			break;
		return check_string(f, name, v, out, a, e);
	case JSON_IN_INT:
		if (!json_is_integer(v))
			break;
		out->i = (int64_t)json_integer_value(v);
		if (out->i < f->min || out->i > f->max)
			return err_set(e, ERR_INPUT, "字段 %s 应在 %lld 至 %lld 之间", name,
				       (long long)f->min, (long long)f->max);
		return 0;
	case JSON_IN_NUMBER:
		if (!json_is_number(v))
			break;
		out->d = json_number_value(v);
		if (!isfinite(out->d) || out->d < (double)f->min || out->d > (double)f->max)
			return err_set(e, ERR_INPUT, "字段 %s 应在 %lld 至 %lld 之间", name,
				       (long long)f->min, (long long)f->max);
		return 0;
	case JSON_IN_BOOL:
		if (!json_is_boolean(v))
			break;
		out->b = json_is_true(v);
		return 0;
	case JSON_IN_ARRAY:
		if (!json_is_array(v))
			break;
		return check_array(f, name, v, out, depth, a, e);
	}
	return err_set(e, ERR_INPUT, "字段 %s 应为%s", name, type_names[f->type]);
}

/* Check one object against `fields` into `out` (zeroed by the caller). */
static int check_object(json_t *obj, const struct json_field *fields, void *out,
			const char *prefix, int depth, struct arena *a, struct err *e)
{
	const char *key;
	json_t *v;

	if (depth > JSON_IN_MAX_DEPTH)
		return err_set(e, ERR_INPUT, "请求体的 JSON 嵌套超过 %d 层", JSON_IN_MAX_DEPTH);
	json_object_foreach(obj, key, v) {
		const struct json_field *f = field_find(fields, key);
		struct json_path p;

		if (!f) {
			if (strlen(key) > KEY_SHOWN_MAX)
				return err_set(e, ERR_INPUT, "请求体含有未知字段（名称过长）");
			return err_set(e, ERR_INPUT, "请求体含有未知字段“%s%s”", prefix, key);
		}
		path_of(&p, prefix, f->name);
		if (check_member(f, p.s, v, (struct json_value *)((char *)out + f->offset), depth,
				 a, e))
			return -1;
	}
	for (const struct json_field *f = fields; f->name; f++) {
		if ((f->flags & JSON_IN_REQUIRED) &&
		    !((struct json_value *)((char *)out + f->offset))->set) {
			struct json_path p;

			path_of(&p, prefix, f->name);
			return err_set(e, ERR_INPUT, "请求体缺少字段 %s", p.s);
		}
	}
	return 0;
}

int json_in_parse(const char *buf, size_t len, const struct json_field *fields, void *out,
		  struct arena *a, struct err *e)
{
	json_error_t jerr;
	json_t *doc = NULL;
	size_t bad;
	int rc = -1;

	for (const struct json_field *f = fields; f->name; f++)
		memset((char *)out + f->offset, 0, sizeof(struct json_value));
	if (!utf8_valid(buf, len, &bad))
		return err_set(e, ERR_INPUT, "请求体不是有效的 UTF-8（第 %zu 字节）", bad + 1);
	if (!json_in_depth_ok(buf, len, JSON_IN_MAX_DEPTH))
		return err_set(e, ERR_INPUT, "请求体的 JSON 嵌套超过 %d 层", JSON_IN_MAX_DEPTH);
	doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc)
		return err_set(e, ERR_INPUT, "请求体不是有效的 JSON（第 %d 行第 %d 列）：%s",
			       jerr.line, jerr.column, jerr.text);
	if (!json_is_object(doc)) {
		err_set(e, ERR_INPUT, "请求体应为 JSON 对象");
		goto out;
	}
	if (check_object(doc, fields, out, "", 1, a, e))
		goto out;
	rc = 0;
out:
	json_decref(doc);
	return rc;
}
