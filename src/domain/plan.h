/* The issued key-task list as duban understands it: plan, tasks, targets, milestones. */
#ifndef DUBAN_DOMAIN_PLAN_H
#define DUBAN_DOMAIN_PLAN_H

/*
 * Pure data: no I/O here.  A struct plan_doc owns, through its arena, every
 * string and array reachable from it; plan_doc_release() frees them all at
 * once.  Strings are UTF-8 exactly as in the issued document (markup
 * removed), never normalised: NFKC is only for match keys (util/utf8.h).
 *
 * Units are kept "as written" here: task->units[0] is the lead unit
 * (牵头单位) and the rest are co-units, in document order, duplicates within
 * a row removed.  Resolving names to real units is the directory's job.
 */

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/date.h"

/* How a target's value is to be compared with what is reached. */
enum target_cmp {
	TARGET_EQ = 0,	/* 完成投资 590 亿元 */
	TARGET_APPROX,	/* 左右, 约 */
	TARGET_GE,	/* 以上, 不少于, 至少, 不低于 */
	TARGET_LE,	/* 以下, 以内, 不超过 */
	TARGET_RANGE	/* 3至5个: value .. max */
};

/* A measurable goal found in a task's text. */
struct target {
	double value;		/* normalised: magnitude words folded in */
	double max;		/* upper bound, TARGET_RANGE only */
	enum target_cmp cmp;
	const char *unit;	/* "元", "亩", "%", "个"...; "" when none */
	const char *metric;	/* the indicator measured: "生产总值增长" */
	const char *text;	/* the span as written: "生产总值增长 6.5%左右" */
	const char *qualifier;	/* a threshold qualifying the subject, or NULL */
};

/* A time node written in a task's text, resolved against the plan year. */
struct milestone {
	struct date due;
	const char *text;	/* the phrase it governs: "上半年开工 163 个新建产业项目" */
};

struct task {
	int no;			/* 序号 as issued */
	const char *section;	/* 共性任务, 个性任务, 一、稳增长... or "" */
	const char *text;	/* the task as written, markup removed */
	const char **units;	/* names as written, lead first */
	size_t nunits;
	struct target *targets;
	size_t ntargets;
	struct milestone *milestones;
	size_t nmilestones;
	struct date due;	/* latest time node, or the plan year's end */
	const char *leader;	/* responsible leader (责任领导), or NULL */
	int line;		/* line (or row) where the task starts in its source */
};

struct plan {
	const char *issuer;	/* 安康市人民政府 */
	const char *doc_no;	/* 安政发〔2022〕5号 */
	const char *title;	/* 2022年政府工作报告确定重点任务清单 */
	const char *recipients;	/* 各县（市、区）人民政府，... */
	int year;
	struct date issued;
	const char *source_name;	/* file name as given */
	char sha256[65];	/* of the source bytes as read */
};

struct plan_doc {
	struct arena arena;	/* owns everything below */
	struct plan plan;
	struct task *tasks;
	size_t ntasks;
};

void plan_doc_init(struct plan_doc *doc);
void plan_doc_release(struct plan_doc *doc);

/* The stable spelling of a comparison ("eq", "approx", "ge", "le", "range"). */
const char *target_cmp_name(enum target_cmp cmp);
/* Parse a spelling back; returns -1 if unknown. */
int target_cmp_parse(const char *s, enum target_cmp *out);

#endif
