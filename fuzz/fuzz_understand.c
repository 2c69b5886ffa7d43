/* libFuzzer target: understand_task on arbitrary bytes never crashes or yields a non-finite value. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import/understand.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/xalloc.h"
#include "util/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct task t;
	char *text = xmalloc(size + 1);

	memcpy(text, data, size);
	text[size] = '\0';
	arena_init(&a, 0);
	memset(&t, 0, sizeof(t));
	t.text = text;
	understand_task(&a, &t, 2022);
	for (size_t i = 0; i < t.ntargets; i++) {
		if (!isfinite(t.targets[i].value) || !isfinite(t.targets[i].max) ||
		    !t.targets[i].unit || !t.targets[i].metric || !t.targets[i].text)
			abort();
	}
	for (size_t i = 0; i < t.nmilestones; i++) {
		const struct date *d = &t.milestones[i].due;

		if (!date_valid(d->y, d->m, d->d) || !t.milestones[i].text)
			abort();
	}
	arena_release(&a);
	free(text);
	return 0;
}
