/* The hand-labelled Ankang 2022 fixture: every task's targets and milestones, exactly. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/understand.h"
#include "util/arena.h"
#include "util/date.h"

static json_t *load_fixture(void)
{
	const char *dir = getenv("DUBAN_FIXTURES");
	char path[4096];
	json_error_t jerr;
	json_t *root;

	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/understand/ankang-2022-labels.json", dir);
	root = json_load_file(path, 0, &jerr);
	if (!root)
		print_error("%s:%d: %s\n", path, jerr.line, jerr.text);
	assert_non_null(root);
	assert_true(json_is_array(root));
	return root;
}

static const char *str_or(json_t *o, const char *key, const char *dflt)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : dflt;
}

static bool same_value(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(1.0, fabs(b));
}

/* Compare one task; returns the number of disagreements, printing each. */
static int check_task(json_t *jt)
{
	int no = (int)json_integer_value(json_object_get(jt, "no")), bad = 0;
	json_t *jts = json_object_get(jt, "targets"), *jms = json_object_get(jt, "milestones");
	struct arena a;
	struct task t;
	struct date latest = { 2022, 12, 31 };
	size_t i;
	json_t *x;

	arena_init(&a, 0);
	memset(&t, 0, sizeof(t));
	t.no = no;
	t.text = str_or(jt, "text", "");
	understand_task(&a, &t, 2022);

	if (t.ntargets != json_array_size(jts)) {
		print_error("task %d: %zu targets, labelled %zu\n", no, t.ntargets, json_array_size(jts));
		bad++;
	}
	json_array_foreach(jts, i, x) {
		const struct target *g;
		const char *q = str_or(x, "qualifier", NULL);
		enum target_cmp cmp;

		if (i >= t.ntargets)
			break;
		g = &t.targets[i];
		if (target_cmp_parse(str_or(x, "cmp", "eq"), &cmp) < 0)
			cmp = TARGET_EQ;
		if (!same_value(g->value, json_number_value(json_object_get(x, "value"))) ||
		    strcmp(g->unit, str_or(x, "unit", "")) || g->cmp != cmp ||
		    (cmp == TARGET_RANGE &&
		     !same_value(g->max, json_number_value(json_object_get(x, "max")))) ||
		    strcmp(g->metric, str_or(x, "metric", "")) ||
		    (q ? !g->qualifier || strcmp(q, g->qualifier) : g->qualifier != NULL)) {
			print_error("task %d target %zu: got %.12g %s %s \"%s\" q=%s, labelled %.12g %s %s \"%s\" q=%s\n",
				    no, i, g->value, g->unit, target_cmp_name(g->cmp), g->metric,
				    g->qualifier ? g->qualifier : "-",
				    json_number_value(json_object_get(x, "value")), str_or(x, "unit", ""),
				    str_or(x, "cmp", "eq"), str_or(x, "metric", ""), q ? q : "-");
			bad++;
		}
	}

	if (t.nmilestones != json_array_size(jms)) {
		print_error("task %d: %zu milestones, labelled %zu\n", no, t.nmilestones,
			    json_array_size(jms));
		bad++;
	}
	json_array_foreach(jms, i, x) {
		char iso[DATE_ISO_LEN];
		struct date d;

		if (i >= t.nmilestones)
			break;
		date_format_iso(t.milestones[i].due, iso);
		if (strcmp(iso, str_or(x, "due", "")) ||
		    strcmp(t.milestones[i].text, str_or(x, "text", ""))) {
			print_error("task %d milestone %zu: got %s %s, labelled %s %s\n", no, i, iso,
				    t.milestones[i].text, str_or(x, "due", ""), str_or(x, "text", ""));
			bad++;
		}
		if (sscanf(str_or(x, "due", ""), "%d-%d-%d", &d.y, &d.m, &d.d) == 3 &&
		    (i == 0 || date_cmp(d, latest) > 0))
			latest = d;
	}
	if (date_cmp(t.due, latest) != 0) {
		print_error("task %d: due %d-%d-%d, want %d-%d-%d\n", no, t.due.y, t.due.m, t.due.d,
			    latest.y, latest.m, latest.d);
		bad++;
	}
	arena_release(&a);
	return bad;
}

static void test_ankang_labels(void **state)
{
	json_t *root = load_fixture(), *jt;
	size_t i, labelled = 0;
	int bad = 0;

	(void)state;
	/* the fixture covers at least 40 tasks with text */
	assert_true(json_array_size(root) >= 40);
	json_array_foreach(root, i, jt) {
		assert_true(json_is_string(json_object_get(jt, "text")));
		labelled += json_array_size(json_object_get(jt, "targets")) > 0 ||
			    json_array_size(json_object_get(jt, "milestones")) > 0;
		bad += check_task(jt);
	}
	assert_true(labelled >= 30);
	json_decref(root);
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ankang_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
