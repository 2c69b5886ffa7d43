/* The progress bulletin (进展通报) as HTML and Markdown, rendered from a plain view model. */
#ifndef DUBAN_EXPORT_BULLETIN_H
#define DUBAN_EXPORT_BULLETIN_H

/*
 * A renderer only: no store, no clock, no status rules.  A service fills a
 * struct bulletin from the status engine, the reports, the ladder and the
 * assessment, with every judgement made and worded, and the renderers turn
 * it into a document.  Everything is borrowed; strings are UTF-8 and NULL
 * counts as "".  Output is appended to a strbuf; the same view model always
 * gives the same bytes.
 *
 * WHAT A BULLETIN SAYS, and why (bulletins tend to turn into boilerplate:
 * the same "推进缓慢" quarter after quarter with no cause given), so it
 * carries facts only, no stock phrases:
 *   一、总体情况   counts by 超进度 / 达进度 / 欠进度 / 已完成 / 其它, each
 *                 with its share of the total (one decimal) and, when there
 *                 was a previous bulletin, the change since it
 *   二、已完成任务
 *   三、欠进度任务 with the gap (序时进度 vs 已报) and the cause the unit
 *                 itself gave (存在问题); a missing cause is shown as
 *                 "单位未说明原因", a cause repeated word for word from the
 *                 previous bulletin is marked, and so is a task lagging
 *                 several bulletins in a row
 *   四、逾期未完成任务, likewise with the unit's cause
 *   五、逾期未报单位 (unit, how many periods, which)
 *   六、本期督办事项 (督查单 and escalations issued in the period)
 *   七、单位排名 with the basis it was computed on
 *   八、与上期对比 tasks that turned red, turned green, lagging in a row
 *   九、下步工作要求 only when the office wrote some
 * A section with nothing in it says so in a sentence ("本期无逾期未报单位"),
 * it never vanishes: an empty section is news too.
 *
 * HTML: one standalone HTML5 document (lang zh-CN, UTF-8) with its print
 * stylesheet inside: A4, 仿宋/宋体 with fallbacks, table headers repeated
 * on every printed page, a page break before a table of more than
 * BULLETIN_BIG_TABLE rows.  No external resources of any kind (no links,
 * scripts, fonts or images).  Every piece of data goes through util/html.h.
 *
 * MARKDOWN: GitHub-flavoured pipe tables.  In data, the characters
 * \ ` * _ [ ] < > | ~ are backslash-escaped so that they show as written,
 * and a line break inside a table cell becomes "<br>".
 */

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

/* Tables with more rows than this start on a new printed page. */
#define BULLETIN_BIG_TABLE 15

/* Task counts by schedule status. */
struct bulletin_totals {
	int ahead;	/* 超进度 */
	int on;		/* 达进度 */
	int behind;	/* 欠进度 */
	int done;	/* 已完成 (incl. 已销号) */
	int other;	/* 其它: not judged yet (待签收, no report...) */
	int total;	/* tasks counted; the shares are of this */
};

/* A task in one of the lists; which fields are shown depends on the list. */
struct bulletin_task {
	int no;			/* 序号 */
	const char *text;	/* the task, as short as the service makes it */
	const char *lead_unit;	/* 牵头单位 */
	const char *reason;	/* the judgement: "序时进度 50%，已报 30%，落后 20 个百分点" */
	const char *cause;	/* the unit's own stated cause (存在问题), "" if none */
	bool cause_repeated;	/* cause identical to the one in the previous bulletin */
	int runs;		/* bulletins in a row in this list, this one included */
};

/* A unit that owes reports. */
struct bulletin_missing {
	const char *unit;
	int count;		/* overdue periods without a report */
	const char *periods;	/* "2022-04、2022-05" */
};

/* A supervision notice or escalation issued in the period. */
struct bulletin_notice {
	const char *form_no;	/* 督查单编号 */
	const char *grade;	/* 蓝色督查单 / 橙色督查单 / 红色督查单 / 提级督办 ... */
	const char *unit;
	int task_no;		/* <= 0: not about one task */
	const char *task;	/* short task text */
	const char *issued_on;	/* "2022-06-10" */
	const char *state;	/* 已回复 / 未回复 / 逾期未回复 ... */
};

struct bulletin_rank {
	int rank;
	const char *unit;
	double score;
};

struct bulletin {
	const char *title;	/* 2022年政府工作报告重点任务进展通报（2022年6月） */
	const char *issue_no;	/* "2022年第6期", or NULL */
	const char *issuer;	/* 安康市人民政府督查室 */
	const char *period;	/* "2022-06" */
	const char *as_of;	/* "2022年6月30日" */

	struct bulletin_totals totals;

	const struct bulletin_task *completed;
	size_t ncompleted;
	const struct bulletin_task *lagging;	/* 欠进度 */
	size_t nlagging;
	const struct bulletin_task *overdue;	/* 逾期未完成 */
	size_t noverdue;
	const struct bulletin_missing *missing;
	size_t nmissing;
	const struct bulletin_notice *notices;
	size_t nnotices;

	const char *ranking_basis;	/* what the scores are: "2022年度目标责任考核截至6月得分" */
	const struct bulletin_rank *ranking;
	size_t nranking;

	/* The change since the previous bulletin. */
	bool has_previous;		/* false: the first bulletin, nothing to compare */
	const char *previous_period;	/* "2022-05" */
	struct bulletin_totals previous;
	const struct bulletin_task *turned_red;
	size_t nturned_red;
	const struct bulletin_task *turned_green;
	size_t nturned_green;

	const char *requirements;	/* 下步工作要求, one paragraph per line; "" = no section */
};

/* Append a complete standalone HTML5 document. */
void bulletin_render_html(const struct bulletin *b, struct strbuf *out);

/* Append the Markdown text. */
void bulletin_render_markdown(const struct bulletin *b, struct strbuf *out);

#endif
