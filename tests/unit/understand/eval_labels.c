/* Precision and recall of understand_task against a hand-labelled JSON file of tasks. */
#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/understand.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/utf8.h"
#include "util/banned.h"

/*
 * Usage: eval_labels [--year N] [--min-targets P] [--min-milestones P] [--quiet] LABELS.json
 *
 * LABELS.json is either an array of tasks or an object with "tasks" (and
 * optionally "year" or "plan": {"year"}).  A task has "no", "text",
 * "targets": [{"value", "unit", "cmp", "max"?, "metric"?}] and
 * "milestones": [{"due": "YYYY-MM-DD", "text"}].  Tasks without "text" are
 * skipped (and counted).  A target matches on value (relative 1e-9), unit
 * and cmp; a milestone on its due date and overlapping text (one contains
 * the other, or they share a run of min(6, shorter) characters, spaces
 * ignored).  Every disagreement is listed; the exit status is 1 when a
 * precision or recall falls below the given minimum, 2 on bad usage.
 */

struct counts {
	size_t expected, extracted, matched;
};

static const char *str_or(json_t *o, const char *key, const char *dflt)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : dflt;
}

static double num_of(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (json_is_number(v))
		return json_number_value(v);
	if (json_is_string(v))
		return strtod(json_string_value(v), NULL);
	return NAN;
}

static enum target_cmp cmp_of(json_t *o)
{
	const char *s = str_or(o, "cmp", "eq");
	enum target_cmp c;

	if (target_cmp_parse(s, &c) == 0)
		return c;
	if (!strcmp(s, ">=") || !strcmp(s, "≥"))
		return TARGET_GE;
	if (!strcmp(s, "<=") || !strcmp(s, "≤"))
		return TARGET_LE;
	if (!strcmp(s, "~") || !strcmp(s, "≈"))
		return TARGET_APPROX;
	return TARGET_EQ;
}

static bool same_value(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(1.0, fabs(b));
}

/* Code points of s without white space, at most max. */
static size_t cps_of(const char *s, uint32_t *out, size_t max)
{
	size_t len = strlen(s), i = 0, n = 0;

	while (i < len && n < max) {
		uint32_t cp;
		size_t d = utf8_decode(s + i, len - i, &cp);

		if (!d) {
			cp = (unsigned char)s[i];
			d = 1;
		}
		i += d;
		if (cp == ' ' || cp == '\t' || cp == 0x3000 || cp == '\n')
			continue;
		out[n++] = cp;
	}
	return n;
}

#define OV_MAX 400

static bool texts_overlap(const char *a, const char *b)
{
	static uint32_t x[OV_MAX], y[OV_MAX];
	static unsigned short row[2][OV_MAX + 1];
	size_t nx = cps_of(a, x, OV_MAX), ny = cps_of(b, y, OV_MAX), best = 0, need;

	if (!nx || !ny)
		return nx == ny;
	need = nx < ny ? nx : ny;
	if (need > 6)
		need = 6;
	memset(row, 0, sizeof(row));
	for (size_t i = 1; i <= nx; i++) {
		unsigned short *cur = row[i & 1], *prev = row[(i - 1) & 1];

		cur[0] = 0;
		for (size_t j = 1; j <= ny; j++) {
			cur[j] = x[i - 1] == y[j - 1] ? (unsigned short)(prev[j - 1] + 1) : 0;
			if (cur[j] > best)
				best = cur[j];
		}
	}
	return best >= need;
}

static void eval_task(json_t *jt, int year, bool quiet, struct counts *ct, struct counts *cm)
{
	json_t *jts = json_object_get(jt, "targets"), *jms = json_object_get(jt, "milestones"), *x;
	json_t *jno = json_object_get(jt, "no");
	char no[32];
	struct arena a;
	struct task t;
	bool *used;
	size_t i;

	if (json_is_integer(jno))
		snprintf(no, sizeof(no), "%lld", (long long)json_integer_value(jno));
	else
		snprintf(no, sizeof(no), "%s", str_or(jt, "no", "?"));
	arena_init(&a, 0);
	memset(&t, 0, sizeof(t));
	t.text = str_or(jt, "text", "");
	understand_task(&a, &t, year);

	used = calloc(t.ntargets + t.nmilestones + 1, sizeof(*used));
	if (!used)
		abort();
	ct->extracted += t.ntargets;
	json_array_foreach(jts, i, x) {
		double v = num_of(x, "value");
		const char *unit = str_or(x, "unit", "");
		enum target_cmp c = cmp_of(x);
		bool found = false;

		ct->expected++;
		for (size_t k = 0; k < t.ntargets && !found; k++) {
			if (used[k] || !same_value(t.targets[k].value, v) ||
			    strcmp(t.targets[k].unit, unit) || t.targets[k].cmp != c)
				continue;
			used[k] = found = true;
			ct->matched++;
		}
		if (!found && !quiet)
			printf("task %s: missing target %.12g %s %s \"%s\"\n", no, v, unit,
			       target_cmp_name(c), str_or(x, "metric", str_or(x, "text", "")));
	}
	for (size_t k = 0; k < t.ntargets; k++)
		if (!used[k] && !quiet)
			printf("task %s: extra target %.12g %s %s \"%s\" (%s)\n", no,
			       t.targets[k].value, t.targets[k].unit, target_cmp_name(t.targets[k].cmp),
			       t.targets[k].metric, t.targets[k].text);

	memset(used, 0, (t.ntargets + t.nmilestones + 1) * sizeof(*used));
	cm->extracted += t.nmilestones;
	json_array_foreach(jms, i, x) {
		const char *due = str_or(x, "due", ""), *text = str_or(x, "text", "");
		bool found = false;

		cm->expected++;
		for (size_t k = 0; k < t.nmilestones && !found; k++) {
			char iso[DATE_ISO_LEN];

			date_format_iso(t.milestones[k].due, iso);
			if (used[k] || strcmp(iso, due) || !texts_overlap(t.milestones[k].text, text))
				continue;
			used[k] = found = true;
			cm->matched++;
		}
		if (!found && !quiet)
			printf("task %s: missing milestone %s \"%s\"\n", no, due, text);
	}
	for (size_t k = 0; k < t.nmilestones; k++) {
		char iso[DATE_ISO_LEN];

		date_format_iso(t.milestones[k].due, iso);
		if (!used[k] && !quiet)
			printf("task %s: extra milestone %s \"%s\"\n", no, iso, t.milestones[k].text);
	}
	free(used);
	arena_release(&a);
}

static double ratio(size_t num, size_t den)
{
	return den ? (double)num / (double)den : 1.0;
}

int main(int argc, char **argv)
{
	double min_t = -1, min_m = -1;
	int year = 0;
	bool quiet = false;
	const char *path = NULL;
	json_error_t jerr;
	json_t *root, *tasks, *jt;
	struct counts ct = { 0, 0, 0 }, cm = { 0, 0, 0 };
	size_t i, skipped = 0;
	int status = 0;

	for (int k = 1; k < argc; k++) {
		if (!strcmp(argv[k], "--year") && k + 1 < argc)
			year = (int)strtol(argv[++k], NULL, 10);
		else if (!strcmp(argv[k], "--min-targets") && k + 1 < argc)
			min_t = strtod(argv[++k], NULL);
		else if (!strcmp(argv[k], "--min-milestones") && k + 1 < argc)
			min_m = strtod(argv[++k], NULL);
		else if (!strcmp(argv[k], "--quiet"))
			quiet = true;
		else if (argv[k][0] != '-' && !path)
			path = argv[k];
		else {
			fprintf(stderr, "用法：eval_labels [--year N] [--min-targets P] "
					"[--min-milestones P] [--quiet] 标注文件.json\n");
			return 2;
		}
	}
	if (!path) {
		fprintf(stderr, "eval_labels：缺少标注文件\n");
		return 2;
	}
	root = json_load_file(path, 0, &jerr);
	if (!root) {
		fprintf(stderr, "%s:%d: 无法读取标注文件：%s\n", path, jerr.line, jerr.text);
		return 2;
	}
	tasks = json_is_array(root) ? root : json_object_get(root, "tasks");
	if (!json_is_array(tasks)) {
		fprintf(stderr, "%s: 标注文件应为任务数组或含 \"tasks\" 数组的对象\n", path);
		json_decref(root);
		return 2;
	}
	if (!year && json_is_object(root)) {
		json_t *y = json_object_get(root, "year");

		if (!json_is_integer(y))
			y = json_object_get(json_object_get(root, "plan"), "year");
		if (json_is_integer(y))
			year = (int)json_integer_value(y);
	}
	if (!year)
		year = 2022;

	json_array_foreach(tasks, i, jt) {
		if (!json_is_string(json_object_get(jt, "text"))) {
			skipped++;
			continue;
		}
		eval_task(jt, year, quiet, &ct, &cm);
	}
	printf("targets:    labelled %zu, extracted %zu, matched %zu, precision %.4f, recall %.4f\n",
	       ct.expected, ct.extracted, ct.matched, ratio(ct.matched, ct.extracted),
	       ratio(ct.matched, ct.expected));
	printf("milestones: labelled %zu, extracted %zu, matched %zu, precision %.4f, recall %.4f\n",
	       cm.expected, cm.extracted, cm.matched, ratio(cm.matched, cm.extracted),
	       ratio(cm.matched, cm.expected));
	if (skipped)
		printf("skipped %zu tasks without \"text\"\n", skipped);
	if (min_t >= 0 && (ratio(ct.matched, ct.extracted) < min_t ||
			   ratio(ct.matched, ct.expected) < min_t))
		status = 1;
	if (min_m >= 0 && (ratio(cm.matched, cm.extracted) < min_m ||
			   ratio(cm.matched, cm.expected) < min_m))
		status = 1;
	json_decref(root);
	return status;
}
