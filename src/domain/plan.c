/* Lifecycle of plan documents and the names of target comparisons. */
#include "domain/plan.h"

#include <string.h>

#include "util/banned.h"

void plan_doc_init(struct plan_doc *doc)
{
	memset(doc, 0, sizeof(*doc));
	arena_init(&doc->arena, 0);
}

void plan_doc_release(struct plan_doc *doc)
{
	arena_release(&doc->arena);
	memset(doc, 0, sizeof(*doc));
}

static const char *const cmp_names[] = {
	[TARGET_EQ] = "eq",
	[TARGET_APPROX] = "approx",
	[TARGET_GE] = "ge",
	[TARGET_LE] = "le",
	[TARGET_RANGE] = "range",
};

const char *target_cmp_name(enum target_cmp cmp)
{
	if ((size_t)cmp < sizeof(cmp_names) / sizeof(cmp_names[0]))
		return cmp_names[cmp];
	return "eq";
}

int target_cmp_parse(const char *s, enum target_cmp *out)
{
	for (size_t i = 0; i < sizeof(cmp_names) / sizeof(cmp_names[0]); i++) {
		if (!strcmp(s, cmp_names[i])) {
			*out = (enum target_cmp)i;
			return 0;
		}
	}
	return -1;
}
