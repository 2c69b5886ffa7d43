/* libFuzzer target: directory CSV bytes -> parse -> write -> parse again must succeed and be equal. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/directory.h"
#include "import/directory_csv.h"
#include "util/err.h"
#include "util/strbuf.h"
#include "util/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what, const struct err *e)
{
	fprintf(stderr, "fuzz_directory_csv: %s%s%s\n", what, e ? ": " : "", e ? e->msg : "");
	abort();
}

/*
 * The input is one file, or two separated by the first NUL byte (the
 * reader refuses NULs, so the split loses nothing): typically units.csv
 * then groups.csv, in either order, as read_all detects each by its header.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	const char *nul = memchr(p, '\0', size);
	struct directory_csv_input in[2];
	size_t n = 1;
	struct directory a, b;
	struct strbuf u1 = STRBUF_INIT, g1 = STRBUF_INIT, u2 = STRBUF_INIT, g2 = STRBUF_INIT;
	struct err e = ERR_INIT;

	in[0] = (struct directory_csv_input){ p, nul ? (size_t)(nul - p) : size, "a.csv" };
	if (nul) {
		in[1] = (struct directory_csv_input){ nul + 1, size - (size_t)(nul - p) - 1,
						      "b.csv" };
		n = 2;
	}
	directory_init(&a);
	directory_init(&b);
	if (directory_csv_read_all(&a, in, n, &e)) {
		if (e.kind != ERR_INPUT && e.kind != ERR_CONFLICT)
			die("unexpected error kind", &e);
		if (strlen(e.msg) == 0)
			die("error without a message", NULL);
		goto out;
	}
	directory_csv_write_units(&a, &u1);
	directory_csv_write_groups(&a, &g1);
	in[0] = (struct directory_csv_input){ u1.buf, u1.len, "units.csv" };
	in[1] = (struct directory_csv_input){ g1.buf, g1.len, "groups.csv" };
	if (directory_csv_read_all(&b, in, 2, &e))
		die("re-reading what the writer wrote failed", &e);
	if (!directory_equal(&a, &b))
		die("the directory changed on a round trip", NULL);
	directory_csv_write_units(&b, &u2);
	directory_csv_write_groups(&b, &g2);
	if (u1.len != u2.len || memcmp(u1.buf, u2.buf, u1.len) || g1.len != g2.len ||
	    memcmp(g1.buf, g2.buf, g1.len))
		die("writing is not stable", NULL);
	/* Resolution must hold for every name the directory knows. */
	for (size_t i = 0; i < a.nunits; i++) {
		struct resolution r;
		directory_resolve(&a, a.units[i].name, &r);
		if (r.target != RESOLVE_TO_UNIT || r.index != i)
			die("a unit does not resolve to itself", NULL);
		for (size_t j = 0; j < a.units[i].naliases; j++) {
			directory_resolve(&a, a.units[i].aliases[j], &r);
			if (r.target != RESOLVE_TO_UNIT || r.index != i)
				die("an alias does not resolve to its unit", NULL);
		}
	}
out:
	directory_release(&a);
	directory_release(&b);
	strbuf_release(&u1);
	strbuf_release(&g1);
	strbuf_release(&u2);
	strbuf_release(&g2);
	return 0;
}
