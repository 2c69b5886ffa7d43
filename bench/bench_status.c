/* Benchmark: the status engine over 1,000,000 assignments with 12 reports each, reasons included. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/assignment.h"
#include "domain/period.h"
#include "domain/status.h"
#include "util/date.h"
#include "util/err.h"
#include "util/xalloc.h"

#include "util/banned.h"

/*
 * Usage: bench_status [ASSIGNMENTS [AS_OF]]   (defaults 1000000, 2022-12-28)
 *
 * Builds the facts in memory (deterministic pseudo-random timelines: 130
 * tasks with shared milestones, 60 units, 12 monthly reports per
 * assignment with some returned-and-resubmitted, unreviewed, late or
 * gloomy ones, extensions, disputes, unsigned and verified assignments),
 * then times status_assess() for every assignment, with reasons written
 * and the task and unit summaries accumulated, and once more without
 * reasons.  Single-threaded; wall time (CLOCK_MONOTONIC) and this
 * process's CPU time, which other load on the machine does not inflate.
 */

#define NREPORTS 12
#define NTASKS 130
#define NUNITS 60

static unsigned long long rng_state = 0x9E3779B97F4A7C15ull;

static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

static struct date add_days(struct date d, long n)
{
	return date_from_days(date_to_days(d) + n);
}

static double seconds(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	struct date as_of = { 2022, 12, 28 };
	struct err e = ERR_INIT;
	struct calendar cal;
	struct status_config cfg;
	struct milestone_fact task_ms[NTASKS][2];
	size_t task_nms[NTASKS];
	struct assignment_facts *facts;
	struct report_fact *reports;
	struct extension *exts;
	int *task_of, *unit_of;
	struct task_status *tasks;
	struct unit_summary *units;
	struct status st;
	struct status_why *why;
	struct timespec t0, t1, t2, c0, c1, c2;
	size_t by_rag[RAG_COUNT] = { 0 }, by_flag[STATUS_NFLAGS] = { 0 }, reason_bytes = 0;
	char line[512];

	if (argc > 2 && date_parse_iso(argv[2], &as_of, "AS_OF", &e)) {
		fprintf(stderr, "bench_status: %s\n", e.msg);
		return 2;
	}
	if (n == 0)
		n = 1;
	status_config_default(&cfg);
	cal.cadence = CADENCE_MONTHLY;
	cal.due_day = 25;
	cal.first = (struct period){ 2022, 1, CADENCE_MONTHLY };

	/* tasks: a third with two time nodes, a third with one, a third none */
	for (int t = 0; t < NTASKS; t++) {
		task_nms[t] = (size_t)(t % 3);
		task_ms[t][0] = (struct milestone_fact){ { 2022, t % 3 == 1 ? 6 : 4, 30 }, 0 };
		task_ms[t][1] = (struct milestone_fact){ { 2022, 9, 30 }, t % 2 ? 75 : 0 };
	}

	facts = xcalloc(n, sizeof(*facts));
	reports = xcalloc(n * NREPORTS, sizeof(*reports));
	exts = xcalloc(n, sizeof(*exts));
	task_of = xcalloc(n, sizeof(*task_of));
	unit_of = xcalloc(n, sizeof(*unit_of));
	for (size_t i = 0; i < n; i++) {
		struct assignment_facts *f = &facts[i];
		struct report_fact *r = &reports[i * NREPORTS];
		int task = (int)(i % NTASKS);
		unsigned pace = 40 + rnd(80);	/* percent of the expected pace */
		unsigned roll = rnd(100);
		bool resubmit = roll % 5 == 0;
		size_t k = 0;

		task_of[i] = task;
		unit_of[i] = (int)rnd(NUNITS);
		f->role = i / NTASKS % 8 == 0 ? ROLE_LEAD : ROLE_CO;
		f->handed_over = (struct date){ 2022, 1, 5 };
		f->signed_at = roll < 3 ? DATE_NONE : add_days(f->handed_over, rnd(6));
		f->start = (struct date){ 2022, 1, 1 };
		f->due = roll % 7 == 0 ? (struct date){ 2022, 10, 31 } : (struct date){ 2022, 12, 31 };
		f->milestones = task_ms[task];
		f->nmilestones = task_nms[task];
		if (roll == 3) {
			f->dispute.state = rnd(2) ? DISPUTE_REJECTED : DISPUTE_UPHELD;
			f->dispute.raised_at = (struct date){ 2022, 1, 6 };
			f->dispute.decided_at = (struct date){ 2022, 1, 12 };
		}
		if (roll >= 90) {
			exts[i] = (struct extension){ { 2022, 9, 1 }, { 2023, 3, 31 },
						      roll >= 95 ? EXT_APPROVED : EXT_PENDING,
						      { 2022, 9, 10 } };
			if (exts[i].state == EXT_PENDING)
				exts[i].decided_at = DATE_NONE;
			f->extensions = &exts[i];
			f->nextensions = 1;
		}
		/* 12 report rows, monthly; for one in five, March returned and resubmitted
		 * (so December is not yet in) */
		for (int m = 1; k < NREPORTS; m++) {
			unsigned pct = (unsigned)(m * 100 / 12) * pace / 100;
			struct date sub = { 2022, m, 15 + (int)rnd(14) };

			if (pct > 100 || (roll >= 85 && m >= 11))
				pct = 100;
			r[k] = (struct report_fact){ { 2022, m, CADENCE_MONTHLY }, 1, sub, pct,
						     (enum likelihood)(1 + rnd(4)), REVIEW_ACCEPTED,
						     add_days(sub, 2) };
			if (rnd(10) == 0)
				r[k].review = REVIEW_PENDING;
			if (resubmit && m == 3 && k + 1 < NREPORTS) {
				r[k].review = REVIEW_RETURNED;
				r[k + 1] = r[k];
				r[k + 1].version = 2;
				r[k + 1].submitted_at = add_days(sub, 3);
				r[k + 1].review = REVIEW_PENDING;
				k++;
			}
			k++;
		}
		f->reports = r;
		f->nreports = NREPORTS;
		if (roll >= 97)
			f->verified_at = (struct date){ 2022, 12, 20 };
	}
	if (assignment_facts_check(&facts[0], &cal, &e) ||
	    assignment_facts_check(&facts[n / 2], &cal, &e)) {
		fprintf(stderr, "bench_status: facts rejected: %s\n", e.msg);
		return 1;
	}

	tasks = xcalloc(NTASKS, sizeof(*tasks));
	units = xcalloc(NUNITS, sizeof(*units));
	for (int t = 0; t < NTASKS; t++)
		task_status_init(&tasks[t]);
	for (int u = 0; u < NUNITS; u++)
		unit_summary_init(&units[u]);
	why = xmalloc(sizeof(*why));

	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	for (size_t i = 0; i < n; i++) {
		status_assess(&facts[i], &cal, &cfg, as_of, &st, why);
		task_status_add(&tasks[task_of[i]], &st, facts[i].role, (int)i);
		unit_summary_add(&units[unit_of[i]], &st, facts[i].role);
		by_rag[st.rag]++;
		for (int b = 0; b < STATUS_NFLAGS; b++)
			if (st.flags & (1u << b))
				by_flag[b]++;
		reason_bytes += strlen(why->schedule) + strlen(why->rag);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	for (size_t i = 0; i < n; i++) {
		status_assess(&facts[i], &cal, &cfg, as_of, &st, NULL);
		by_rag[0] += st.lifecycle == LC_VERIFIED;
	}
	clock_gettime(CLOCK_MONOTONIC, &t2);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c2);

	printf("bench_status: %zu assignments x %d reports, as of %04d-%02d-%02d\n", n, NREPORTS,
	       as_of.y, as_of.m, as_of.d);
	printf("  with reasons + task/unit summaries: %.3f s wall, %.3f s CPU (%.0f ns per assignment)\n",
	       seconds(&t0, &t1), seconds(&c0, &c1), seconds(&t0, &t1) * 1e9 / (double)n);
	printf("  judgements only:                    %.3f s wall, %.3f s CPU (%.0f ns per assignment)\n",
	       seconds(&t1, &t2), seconds(&c1, &c2), seconds(&t1, &t2) * 1e9 / (double)n);
	printf("  red %zu, amber %zu, green %zu; flags:", by_rag[RAG_RED], by_rag[RAG_AMBER],
	       by_rag[RAG_GREEN]);
	for (int b = 0; b < STATUS_NFLAGS; b++)
		printf(" %s %zu", flag_label((enum status_flag)(1u << b)), by_flag[b]);
	printf("; %zu reason bytes\n", reason_bytes);
	unit_summary_describe(&units[0], line, sizeof(line));
	printf("  unit 0: %s\n", line);
	task_status_describe(&tasks[1], line, sizeof(line));
	printf("  task 1: %s\n", line);
	status_assess(&facts[1], &cal, &cfg, as_of, &st, why);
	printf("  assignment 1: %s | %s | %s | %s\n", lifecycle_label(st.lifecycle), why->schedule,
	       why->rag, why->self);

	free(why);
	free(units);
	free(tasks);
	free(unit_of);
	free(task_of);
	free(exts);
	free(reports);
	free(facts);
	return 0;
}
