/* Benchmark: import_parse throughput on one file (MB/s), best and mean of N runs. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "domain/plan.h"
#include "import/import.h"
#include "util/diag.h"
#include "util/err.h"
#include "util/fileio.h"
#include "util/strbuf.h"
#include "util/banned.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct strbuf sb = STRBUF_INIT;
	struct err e = ERR_INIT;
	double best = 1e30, total = 0;
	long runs = 5;
	size_t ntasks = 0, nwarn = 0;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s FILE [RUNS]\n", argv[0]);
		return 2;
	}
	if (argc == 3) {
		char *end;
		runs = strtol(argv[2], &end, 10);
		if (*end || runs < 1) {
			fprintf(stderr, "RUNS must be a positive number\n");
			return 2;
		}
	}
	if (fileio_read(argv[1], IMPORT_MAX_BYTES, &sb, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	for (long i = 0; i < runs; i++) {
		struct plan_doc doc;
		struct diags w = DIAGS_INIT;
		double t0, dt;

		plan_doc_init(&doc);
		t0 = now();
		if (import_parse(sb.buf, sb.len, argv[1], IMPORT_FORMAT_AUTO, &doc, NULL, &w, &e)) {
			fprintf(stderr, "%s\n", e.msg);
			return 1;
		}
		dt = now() - t0;
		ntasks = doc.ntasks;
		nwarn = w.n;
		plan_doc_release(&doc);
		diags_release(&w);
		total += dt;
		if (dt < best)
			best = dt;
	}
	printf("%s: %.1f MB, %zu tasks, %zu warnings; %ld runs: best %.1f ms (%.0f MB/s), mean %.1f ms (%.0f MB/s)\n",
	       argv[1], (double)sb.len / 1e6, ntasks, nwarn, runs, best * 1e3,
	       (double)sb.len / 1e6 / best, total / (double)runs * 1e3,
	       (double)sb.len / 1e6 / (total / (double)runs));
	strbuf_release(&sb);
	return 0;
}
