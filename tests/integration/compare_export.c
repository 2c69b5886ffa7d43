/* Compare a `duban export --format json` file with a hand-checked expected one, task by task. */
/*
 * Usage: compare_export ACTUAL.json EXPECTED.json
 * Compares the plan's title, issuer, doc_no, issued and year, and for every
 * task its no, section, text and units (exactly, in order).  Targets and
 * milestones are not compared here (a precision/recall test judges them).
 * Prints every difference naming the task number; exit 0 when there is
 * none, 1 when there are differences, 2 when a file cannot be read.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int ndiff;

static void diff(const char *where, const char *what, const json_t *got, const json_t *want)
{
	char *g = got ? json_dumps(got, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
	char *w = want ? json_dumps(want, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;

	printf("%s %s:\n  导出: %s\n  期望: %s\n", where, what, g ? g : "(缺失)", w ? w : "(缺失)");
	free(g);
	free(w);
	ndiff++;
}

static void compare_field(const char *where, const char *key, const json_t *got,
			  const json_t *want)
{
	const json_t *g = json_object_get(got, key), *w = json_object_get(want, key);

	if (!g || !w || !json_equal(g, w))
		diff(where, key, g, w);
}

static const json_t *find_task(const json_t *tasks, json_int_t no, size_t *count)
{
	const json_t *hit = NULL, *t;
	size_t i;

	*count = 0;
	json_array_foreach(tasks, i, t) {
		const json_t *n = json_object_get(t, "no");
		if (json_is_integer(n) && json_integer_value(n) == no) {
			if (!hit)
				hit = t;
			(*count)++;
		}
	}
	return hit;
}

/* Show where two unit lists part, beyond the whole lists. */
static void units_detail(const json_t *g, const json_t *w)
{
	size_t n = json_array_size(g) > json_array_size(w) ? json_array_size(g)
							   : json_array_size(w);

	for (size_t i = 0; i < n; i++) {
		const json_t *a = json_array_get(g, i), *b = json_array_get(w, i);
		if (!a || !b || !json_equal(a, b)) {
			printf("  第 %zu 个单位不同：导出 %s，期望 %s\n", i + 1,
			       json_is_string(a) ? json_string_value(a) : "(缺失)",
			       json_is_string(b) ? json_string_value(b) : "(缺失)");
			break;
		}
	}
}

int main(int argc, char **argv)
{
	json_t *got, *want;
	json_error_t je;
	const json_t *gt, *wt, *t;
	size_t i;

	if (argc != 3) {
		fprintf(stderr, "用法: %s 导出.json 期望.json\n", argv[0]);
		return 2;
	}
	got = json_load_file(argv[1], 0, &je);
	if (!got) {
		fprintf(stderr, "%s:%d: %s\n", argv[1], je.line, je.text);
		return 2;
	}
	want = json_load_file(argv[2], 0, &je);
	if (!want) {
		fprintf(stderr, "%s:%d: %s\n", argv[2], je.line, je.text);
		json_decref(got);
		return 2;
	}

	{
		const char *keys[] = { "title", "issuer", "doc_no", "issued", "year" };
		const json_t *gp = json_object_get(got, "plan"), *wp = json_object_get(want, "plan");

		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			compare_field("清单", keys[k], gp, wp);
	}

	gt = json_object_get(got, "tasks");
	wt = json_object_get(want, "tasks");
	if (!json_is_array(gt) || !json_is_array(wt)) {
		printf("tasks 不是数组\n");
		ndiff++;
		goto out;
	}
	if (json_array_size(gt) != json_array_size(wt)) {
		printf("任务数不同：导出 %zu 项，期望 %zu 项\n", json_array_size(gt),
		       json_array_size(wt));
		ndiff++;
	}

	/* Every expected task, found by number in the export. */
	json_array_foreach(wt, i, t) {
		const json_t *no = json_object_get(t, "no"), *g;
		char where[64];
		size_t count;

		if (!json_is_integer(no)) {
			printf("期望文件第 %zu 项任务没有整数序号\n", i + 1);
			ndiff++;
			continue;
		}
		snprintf(where, sizeof(where), "第 %lld 项任务",
			 (long long)json_integer_value(no));
		g = find_task(gt, json_integer_value(no), &count);
		if (!g) {
			printf("%s：导出中缺失\n", where);
			ndiff++;
			continue;
		}
		if (count > 1) {
			printf("%s：导出中出现 %zu 次\n", where, count);
			ndiff++;
		}
		compare_field(where, "section", g, t);
		compare_field(where, "text", g, t);
		{
			const json_t *gu = json_object_get(g, "units"), *wu = json_object_get(t, "units");
			if (!gu || !wu || !json_equal(gu, wu)) {
				diff(where, "units", gu, wu);
				units_detail(gu, wu);
			}
		}
	}
	/* Order: the tasks both files have come in the same order. */
	{
		size_t gi = 0, wi = 0;

		while (gi < json_array_size(gt) && wi < json_array_size(wt)) {
			const json_t *gn = json_object_get(json_array_get(gt, gi), "no");
			const json_t *wn = json_object_get(json_array_get(wt, wi), "no");
			size_t count;

			if (!json_is_integer(gn) || !find_task(wt, json_integer_value(gn), &count)) {
				gi++;
				continue;
			}
			if (!json_is_integer(wn) || !find_task(gt, json_integer_value(wn), &count)) {
				wi++;
				continue;
			}
			if (!json_equal(gn, wn)) {
				printf("任务顺序不同：导出的第 %zu 个是第 %lld 项，期望第 %lld 项\n",
				       gi + 1, (long long)json_integer_value(gn),
				       (long long)json_integer_value(wn));
				ndiff++;
				break;
			}
			gi++;
			wi++;
		}
	}
	/* Tasks the export has and the expectation does not. */
	json_array_foreach(gt, i, t) {
		const json_t *no = json_object_get(t, "no");
		size_t count;

		if (!json_is_integer(no) || !find_task(wt, json_integer_value(no), &count)) {
			char *s = json_dumps(no, JSON_ENCODE_ANY);
			printf("第 %s 项任务：导出中多出（期望中没有）\n", s ? s : "?");
			free(s);
			ndiff++;
		}
	}
out:
	if (ndiff)
		printf("共 %d 处不同\n", ndiff);
	else
		printf("一致：清单信息和 %zu 项任务的序号、分类、全文、责任单位\n",
		       json_array_size(wt));
	json_decref(got);
	json_decref(want);
	return ndiff ? 1 : 0;
}
