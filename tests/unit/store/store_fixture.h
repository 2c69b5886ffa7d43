/* Hand-built plan documents and scratch databases for the store and export tests. */
#ifndef DUBAN_TESTS_STORE_FIXTURE_H
#define DUBAN_TESTS_STORE_FIXTURE_H

/*
 * Header-only (static functions) so each test program stays one file.
 * fx_doc() builds a plan of `ntasks` tasks with units, targets and
 * milestones, deterministic from its arguments; strings live in the doc's
 * arena.  fx_tmpdir() makes a fresh directory under $TMPDIR (or /tmp).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/plan.h"
#include "util/arena.h"
#include "util/xalloc.h"

#define FX_NUNITS 7

/* The i-th of the fixture's unit names. */
static inline const char *fx_unit(size_t i)
{
	static const char *const names[FX_NUNITS] = {
		"市发改委", "市工信局", "各县（市、区）政府", "安康高新区管委会",
		"恒口示范区管委会", "市交通局", "市财政局",
	};
	return names[i % FX_NUNITS];
}

/* A task numbered `no`: 1 + no % 4 units starting at unit no % FX_NUNITS. */
static inline void fx_task(struct arena *a, struct task *t, int no, int year)
{
	size_t nu = 1 + (size_t)no % 4;

	memset(t, 0, sizeof(*t));
	t->no = no;
	t->section = no <= 3 ? "共性任务" : "个性任务";
	t->text = arena_printf(a, "第%d项任务：完成投资 %d 亿元，新增就业 1.9 万人。", no, no);
	t->units = arena_alloc(a, nu * sizeof(*t->units));
	for (size_t i = 0; i < nu; i++)
		t->units[i] = fx_unit((size_t)no + i);
	t->nunits = nu;
	t->line = 20 + no;
	t->due = (struct date){ year, 12, 31 };
	if (no % 2) {
		t->targets = arena_zalloc(a, 2 * sizeof(*t->targets));
		t->ntargets = 2;
		t->targets[0] = (struct target){ .value = no * 1e8, .cmp = TARGET_GE, .unit = "元",
						 .metric = "完成投资",
						 .text = arena_printf(a, "完成投资 %d 亿元", no) };
		t->targets[1] = (struct target){ .value = 3, .max = 5, .cmp = TARGET_RANGE,
						 .unit = "个", .metric = "培育项目",
						 .text = "3至5个项目",
						 .qualifier = no == 1 ? "投资千万元以上" : NULL };
	}
	if (no % 3 == 0) {
		t->milestones = arena_zalloc(a, 2 * sizeof(*t->milestones));
		t->nmilestones = 2;
		t->milestones[0] = (struct milestone){ { year, 6, 30 }, "上半年开工" };
		t->milestones[1] = (struct milestone){ DATE_NONE, "适时启动" };
		t->leader = "张三";
	}
}

/* A plan with tasks 1..ntasks; `tag` varies the SHA-256 (and nothing else). */
static inline void fx_doc(struct plan_doc *doc, const char *doc_no, int year, int ntasks, int tag)
{
	plan_doc_init(doc);
	doc->plan.issuer = "安康市人民政府";
	doc->plan.doc_no = doc_no;
	doc->plan.title = arena_printf(&doc->arena, "%d年政府工作报告确定重点任务清单", year);
	doc->plan.recipients = "各县（市、区）人民政府";
	doc->plan.year = year;
	doc->plan.issued = (struct date){ year, 3, 28 };
	doc->plan.source_name = "tasks.txt";
	snprintf(doc->plan.sha256, sizeof(doc->plan.sha256), "%016x%048u",
		 (unsigned)(year * 1000 + tag), (unsigned)ntasks);
	doc->tasks = arena_zalloc(&doc->arena, (size_t)ntasks * sizeof(*doc->tasks));
	doc->ntasks = (size_t)ntasks;
	for (int i = 0; i < ntasks; i++)
		fx_task(&doc->arena, &doc->tasks[i], i + 1, year);
}

static inline char *fx_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *dir = xasprintf("%s/duban-test-XXXXXX", base && *base ? base : "/tmp");

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		abort();
	}
	return dir;
}

static inline void fx_rmdir(char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	free(dir);
}

#endif
