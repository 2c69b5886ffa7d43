/* `duban status`: lifecycle, schedule, colour, flags and reasons for a plan's tasks, assignments and units on a day. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "service/status_service.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define UNIT_MAX_WIDTH 22	/* the unit column, cut beyond this */

static const char status_usage[] =
	"用法: duban status [--as-of 日期] [--by task|assignment|unit] [--unit 单位] [--task 序号]\n"
	"                   [--rag red|amber|green] [--flag 标记] [--config 文件] [--plan 清单]\n"
	"\n"
	"按截至日期（默认今天）判断清单中每项分工、任务和单位的状态，每个判断都附理由：\n"
	"  状态   待签收、推进中、已完成待核验、已销号（以及尚未交办、已改派）\n"
	"  进度   对照序时进度：超进度、达进度、欠进度、已完成\n"
	"  颜色   红、黄、绿（落后序时进度的点数、时间节点、逾期未完成；阈值见 --config）\n"
	"  自评   责任单位最新报告的自评（很可能/可能/存疑/难以完成）及其颜色；与计算的\n"
	"         颜色不一致时标“≠”\n"
	"  标记   逾期未签收、逾期未报、逾期未完成、连续滞后\n"
	"判断只用截至该日已有的记录：给出过去的日期，得到的是当时所知的状态。\n"
	"\n"
	"选项:\n"
	"  --as-of 日期     截至日期 YYYY-MM-DD（默认今天，不得晚于今天）\n"
	"  --by 视图        task（默认：每项任务一行，以牵头单位为准）、assignment（每项分工\n"
	"                   一行）或 unit（每个单位一行，按红、黄数排列）\n"
	"  --unit 单位      只看该单位的分工（名录中的名称、别名或清单中的写法；按分工列出）\n"
	"  --task 序号      只看这项任务的分工（按分工列出）\n"
	"  --rag 颜色       只列该颜色：red/amber/green 或 红/黄/绿\n"
	"  --flag 标记      只列有该标记的：逾期未签收、逾期未报、逾期未完成、连续滞后\n"
	"  --config 文件    阈值配置文件（默认值见 examples/status.conf）\n"
	"  --plan 清单      ID、文号或年份（默认：最近导入的清单）\n"
	"  -h, --help       显示本帮助\n"
	"\n"
	"含示例数据（duban demo-data）时，开头注明“示例数据”。\n"
	"退出码: 0 成功；1 清单、任务或单位不存在，配置文件有误；2 用法错误；3 数据库错误。\n";

enum view { VIEW_TASK, VIEW_ASSIGNMENT, VIEW_UNIT };

struct filter {
	enum rag rag;		/* RAG_NONE: any */
	unsigned flag;		/* 0: any */
	const bool *unit;	/* NULL: any */
	int task;		/* 0: any */
};

static int parse_rag(const char *s, enum rag *out)
{
	static const struct {
		const char *a, *b;
		enum rag r;
	} v[] = { { "red", "红", RAG_RED }, { "amber", "黄", RAG_AMBER },
		  { "green", "绿", RAG_GREEN } };

	for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++) {
		if (!strcmp(s, v[i].a) || !strcmp(s, v[i].b)) {
			*out = v[i].r;
			return 0;
		}
	}
	return -1;
}

static int parse_flag(const char *s, unsigned *out)
{
	for (int i = 0; i < STATUS_NFLAGS; i++) {
		enum status_flag f = (enum status_flag)(1u << i);

		if (!strcmp(s, flag_label(f)) || !strcmp(s, flag_name(f))) {
			*out = (unsigned)f;
			return 0;
		}
	}
	return -1;
}

static bool item_passes(const struct svc_status *s, size_t i, const struct filter *f)
{
	const struct svc_status_item *it = &s->items[i];

	if (f->unit && !f->unit[i])
		return false;
	if (f->task && it->a->task_no != f->task)
		return false;
	if (f->rag && it->st.rag != f->rag)
		return false;
	if (f->flag && !(it->st.flags & f->flag))
		return false;
	return true;
}

static void pct(int cp, char *buf, size_t n)
{
	char p[16];

	if (cp < 0) {
		snprintf(buf, n, "—");
		return;
	}
	status_format_points(cp, p);
	snprintf(buf, n, "%s%%", p);
}

static void flags_text(unsigned flags, char *buf, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	for (int i = 0; i < STATUS_NFLAGS; i++)
		if (flags & (1u << i))
			strbuf_addf(&sb, "%s%s", sb.len ? "、" : "", flag_label((enum status_flag)(1u << i)));
	snprintf(buf, n, "%s", sb.len ? sb.buf : "—");
	strbuf_release(&sb);
}

static void self_text(const struct status *st, char *buf, size_t n)
{
	if (st->self_rag == RAG_NONE)
		snprintf(buf, n, "—");
	else
		snprintf(buf, n, "%s%s（%s）", st->disagree ? "≠" : "", likelihood_label(st->likelihood),
			 rag_label(st->self_rag));
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "—";
}

/* The reasons worth a line: colour, raised flags, a disagreeing self-assessment. */
static void reasons(const struct status *st, const struct status_why *why, struct strbuf *sb)
{
	if (st->lifecycle == LC_NOT_ISSUED || st->lifecycle == LC_WITHDRAWN ||
	    (st->lifecycle == LC_PENDING_SIGN && !(st->flags & FLAG_SIGN_OVERDUE)))
		strbuf_addstr(sb, why->lifecycle);
	if (*why->rag && st->lifecycle != LC_NOT_ISSUED && st->lifecycle != LC_WITHDRAWN)
		strbuf_addf(sb, "%s%s", sb->len ? "；" : "", why->rag);
	for (int i = 0; i < STATUS_NFLAGS; i++)
		if ((st->flags & (1u << i)) && *why->flag[i])
			strbuf_addf(sb, "%s%s", sb->len ? "；" : "", why->flag[i]);
	if (st->disagree && *why->self)
		strbuf_addf(sb, "%s%s", sb->len ? "；" : "", why->self);
}

struct col {
	const char *head;
	size_t width;
};

static void widen(struct col *c, const char *s, size_t max)
{
	size_t w = cli_width(s);

	if (w > max)
		w = max;
	if (w + 2 > c->width)
		c->width = w + 2;
}

/* ---- the views ---- */

#define NCOLS_A 11

static void assignment_cells(const struct svc_status *s, size_t i, char buf[][64],
			     const char **cells)
{
	const struct svc_status_item *it = &s->items[i];

	snprintf(buf[0], 64, "%lld", (long long)it->a->a.id);
	snprintf(buf[1], 64, "%d", it->a->task_no);
	cells[0] = buf[0];
	cells[1] = buf[1];
	cells[2] = it->a->a.unit_name;
	cells[3] = assignment_role_label(it->a->a.role);
	cells[4] = lifecycle_label(it->st.lifecycle);
	cells[5] = or_dash(schedule_label(it->st.schedule));
	pct(it->st.lifecycle <= LC_WITHDRAWN ? -1 : it->st.expected_cp, buf[6], 64);
	pct(it->st.reported_cp, buf[7], 64);
	cells[6] = buf[6];
	cells[7] = buf[7];
	cells[8] = or_dash(rag_label(it->st.rag));
	self_text(&it->st, buf[9], 64);
	flags_text(it->st.flags, buf[10], 64);
	cells[9] = buf[9];
	cells[10] = buf[10];
}

static size_t print_assignments(struct cli *cli, const struct svc_status *s,
				const struct filter *f)
{
	struct col cols[NCOLS_A] = { { "分工", 0 }, { "序号", 0 }, { "单位", 0 }, { "角色", 0 },
				     { "状态", 0 }, { "进度", 0 }, { "序时", 0 }, { "已报", 0 },
				     { "计算", 0 }, { "自评", 0 }, { "标记", 0 } };
	char buf[NCOLS_A][64];
	const char *cells[NCOLS_A];
	size_t shown = 0;

	for (size_t c = 0; c < NCOLS_A; c++)
		widen(&cols[c], cols[c].head, 64);
	for (size_t i = 0; i < s->nitems; i++) {
		if (!item_passes(s, i, f))
			continue;
		assignment_cells(s, i, buf, cells);
		for (size_t c = 0; c < NCOLS_A; c++)
			widen(&cols[c], cells[c], c == 2 ? UNIT_MAX_WIDTH : 64);
	}
	/* cli_put_cell cuts only column 1 in put_row; here the unit (2) is the long one. */
	for (size_t c = 0; c < NCOLS_A; c++)
		cells[c] = cols[c].head;
	for (size_t c = 0; c < NCOLS_A; c++)
		cli_put_cell(cli->out, cells[c], cols[c].width, false, c == NCOLS_A - 1);
	fputc('\n', cli->out);
	for (size_t i = 0; i < s->nitems; i++) {
		struct status_why why;
		struct strbuf sb = STRBUF_INIT;

		if (!item_passes(s, i, f))
			continue;
		assignment_cells(s, i, buf, cells);
		for (size_t c = 0; c < NCOLS_A; c++)
			cli_put_cell(cli->out, cells[c], cols[c].width, c == 2, c == NCOLS_A - 1);
		fputc('\n', cli->out);
		svc_status_explain(s, i, &why);
		reasons(&s->items[i].st, &why, &sb);
		if (sb.len)
			fprintf(cli->out, "%*s↳ %s\n", (int)cols[0].width, "", sb.buf);
		strbuf_release(&sb);
		shown++;
	}
	return shown;
}

#define NCOLS_T 10

static size_t print_tasks(struct cli *cli, const struct svc_status *s, const struct filter *f)
{
	struct col cols[NCOLS_T] = { { "序号", 0 }, { "牵头单位", 0 }, { "状态", 0 }, { "进度", 0 },
				     { "序时", 0 }, { "已报", 0 }, { "计算", 0 }, { "最差", 0 },
				     { "自评", 0 }, { "标记", 0 } };
	char buf[NCOLS_T][64];
	const char *cells[NCOLS_T];
	size_t shown = 0;

	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			for (size_t c = 0; c < NCOLS_T; c++)
				cli_put_cell(cli->out, cols[c].head, cols[c].width, false,
					     c == NCOLS_T - 1);
			fputc('\n', cli->out);
		} else {
			for (size_t c = 0; c < NCOLS_T; c++)
				widen(&cols[c], cols[c].head, 64);
		}
		for (size_t t = 0; t < s->ntasks; t++) {
			const struct svc_status_task *tk = &s->tasks[t];
			const struct task_status *ts = &tk->ts;
			int hi = ts->lead >= 0 ? ts->lead : ts->worst;
			const struct status *st = ts->lead >= 0 ? &ts->lead_status : &ts->worst_status;
			const struct svc_status_item *head =
				hi >= 0 ? &s->items[tk->first + (size_t)hi] : NULL;

			if (f->rag && ts->rag != f->rag)
				continue;
			if (f->flag && !(ts->flags & f->flag))
				continue;
			snprintf(buf[0], 64, "%d", tk->task->no);
			cells[0] = buf[0];
			if (!head) {
				cells[1] = ts->n_withdrawn ? "（已改派）" : "（无责任分工）";
				for (size_t c = 2; c < NCOLS_T; c++)
					cells[c] = "—";
			} else {
				cells[1] = head->a->a.unit_name;
				cells[2] = lifecycle_label(st->lifecycle);
				cells[3] = or_dash(schedule_label(st->schedule));
				pct(st->expected_cp, buf[4], 64);
				pct(st->reported_cp, buf[5], 64);
				cells[4] = buf[4];
				cells[5] = buf[5];
				cells[6] = or_dash(rag_label(ts->rag));
				cells[7] = or_dash(rag_label(ts->rag_worst));
				self_text(st, buf[8], 64);
				flags_text(ts->flags, buf[9], 64);
				cells[8] = buf[8];
				cells[9] = buf[9];
			}
			if (pass == 0) {
				for (size_t c = 0; c < NCOLS_T; c++)
					widen(&cols[c], cells[c], c == 1 ? UNIT_MAX_WIDTH : 64);
				continue;
			}
			for (size_t c = 0; c < NCOLS_T; c++)
				cli_put_cell(cli->out, cells[c], cols[c].width, c == 1,
					     c == NCOLS_T - 1);
			fputc('\n', cli->out);
			if (head) {
				char line[512];
				struct status_why why;
				struct strbuf sb = STRBUF_INIT;

				task_status_describe(ts, line, sizeof(line));
				fprintf(cli->out, "%*s↳ %s\n", (int)cols[0].width, "", line);
				svc_status_explain(s, (size_t)(head - s->items), &why);
				reasons(&head->st, &why, &sb);
				if (sb.len)
					fprintf(cli->out, "%*s  %s：%s\n", (int)cols[0].width, "",
						head->a->a.unit_name, sb.buf);
				strbuf_release(&sb);
			}
			shown++;
		}
	}
	return shown;
}

/* The unit view's numbers, in column order. */
static void unit_counts(const struct unit_summary *us, size_t v[10])
{
	v[0] = us->n;
	v[1] = us->n_lead;
	v[2] = us->by_rag[RAG_RED];
	v[3] = us->by_rag[RAG_AMBER];
	v[4] = us->by_rag[RAG_GREEN];
	for (size_t i = 0; i < STATUS_NFLAGS; i++)
		v[5 + i] = us->by_flag[i];
	v[9] = us->disagree;
}

struct unit_order {
	size_t index;
	const struct unit_summary *us;
};

static int cmp_units(const void *a, const void *b)
{
	const struct unit_order *x = a, *y = b;

	if (x->us->by_rag[RAG_RED] != y->us->by_rag[RAG_RED])
		return x->us->by_rag[RAG_RED] > y->us->by_rag[RAG_RED] ? -1 : 1;
	if (x->us->by_rag[RAG_AMBER] != y->us->by_rag[RAG_AMBER])
		return x->us->by_rag[RAG_AMBER] > y->us->by_rag[RAG_AMBER] ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static size_t print_units(struct cli *cli, const struct svc_status *s, const struct filter *f)
{
	struct unit_order *order = xcalloc(s->nunits ? s->nunits : 1, sizeof(*order));
	bool *hit = xcalloc(s->nunits ? s->nunits : 1, sizeof(*hit));
	size_t wname = cli_width("单位"), shown = 0;

	/* A unit is listed when one of its assignments passes the filter. */
	for (size_t i = 0; i < s->nitems; i++) {
		if (!item_passes(s, i, f))
			continue;
		for (size_t u = 0; u < s->nunits; u++)
			if (s->units[u].unit_id == s->items[i].a->a.unit_id &&
			    (s->units[u].unit_id || !strcmp(s->units[u].name, s->items[i].a->a.unit_name)))
				hit[u] = true;
	}
	for (size_t u = 0; u < s->nunits; u++) {
		order[u].index = u;
		order[u].us = &s->units[u].us;
		if (hit[u] && cli_width(s->units[u].name) > wname)
			wname = cli_width(s->units[u].name);
	}
	if (wname > UNIT_MAX_WIDTH)
		wname = UNIT_MAX_WIDTH;
	if (s->nunits > 1)
		qsort(order, s->nunits, sizeof(*order), cmp_units);
	{
		static const char *const heads[] = { "分工", "牵头", "红", "黄", "绿",
						     "逾期未签收", "逾期未报", "逾期未完成",
						     "连续滞后", "自评不一致" };
		int w[10];

		for (size_t c = 0; c < 10; c++)
			w[c] = (int)cli_width(heads[c]);
		for (size_t u = 0; u < s->nunits; u++) {
			size_t v[10];

			unit_counts(&s->units[u].us, v);
			for (size_t c = 0; c < 10; c++) {
				char b[24];
				int n = snprintf(b, sizeof(b), "%zu", v[c]);

				if (hit[u] && n > w[c])
					w[c] = n;
			}
		}
		cli_put_cell(cli->out, "单位", wname + 2, false, false);
		for (size_t c = 0; c < 10; c++)
			cli_put_cell(cli->out, heads[c], (size_t)w[c] + (c < 9 ? 2 : 0), false, c == 9);
		fputc('\n', cli->out);
		for (size_t k = 0; k < s->nunits; k++) {
			const struct svc_status_unit *u = &s->units[order[k].index];
			size_t v[10];

			if (!hit[order[k].index])
				continue;
			unit_counts(&u->us, v);
			cli_put_cell(cli->out, u->name, wname + 2, true, false);
			for (size_t c = 0; c < 10; c++)
				fprintf(cli->out, "%*zu%s", w[c], v[c], c < 9 ? "  " : "\n");
			shown++;
		}
	}
	free(order);
	free(hit);
	return shown;
}

static void print_head(struct cli *cli, const struct svc_status *s, const char *config)
{
	char d[DATE_ISO_LEN], p[PERIOD_STR_LEN], line[512], a[16], r[16];
	struct unit_summary all;

	date_format_iso(s->as_of, d);
	fprintf(cli->out, "督办状态：%s%s%s%s，截至 %s\n", s->doc.plan.doc_no ? s->doc.plan.doc_no : "",
		s->doc.plan.title ? "《" : "", s->doc.plan.title ? s->doc.plan.title : "",
		s->doc.plan.title ? "》" : "", d);
	period_format(s->cal.first, p);
	status_format_points(s->cfg.amber_gap_cp, a);
	status_format_points(s->cfg.red_gap_cp, r);
	fprintf(cli->out, "报告周期：%s，每期截止日 %d 日，首个报告期 %s；阈值：%s"
		"（落后序时进度 %s 点为黄，%s 点为红）\n", cadence_label(s->cal.cadence),
		s->cal.due_day, p, config ? config : "默认", a, r);
	unit_summary_init(&all);
	for (size_t i = 0; i < s->nitems; i++)
		unit_summary_add(&all, &s->items[i].st,
				 s->items[i].a->a.role == ASSIGN_LEAD ? ROLE_LEAD : ROLE_CO);
	unit_summary_describe(&all, line, sizeof(line));
	fprintf(cli->out, "全部分工：%s\n", line);
	if (s->nsample)
		fprintf(cli->out, "【示例数据】本清单的记录含 duban demo-data 生成的示例数据"
			"（%zu 条），以下状态仅供演示。\n", s->nsample);
	fputc('\n', cli->out);
}

int cli_status_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *plan = NULL, *as_of = NULL, *by = NULL, *unit = NULL, *task = NULL,
		   *rag = NULL, *flag = NULL, *config = NULL;
	const struct cli_opt opts[] = {
		{ "--plan", NULL, &plan, NULL },
		{ "--as-of", NULL, &as_of, NULL },
		{ "--by", NULL, &by, NULL },
		{ "--unit", NULL, &unit, NULL },
		{ "--task", NULL, &task, NULL },
		{ "--rag", NULL, &rag, NULL },
		{ "--flag", NULL, &flag, NULL },
		{ "--config", NULL, &config, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct filter f = { RAG_NONE, 0, NULL, 0 };
	struct status_config cfg;
	struct svc_status s;
	struct store *st;
	struct date day = cli->today;
	enum view view = VIEW_TASK;
	bool *match = NULL;
	char name[256];
	size_t npos, shown;
	int ret = -1;

	if (cli_wants_help(cli, argc, argv, status_usage))
		return 0;
	if (cli_parse_opts("status", argc, argv, opts, NULL, 0, &npos, e))
		return -1;
	if (as_of) {
		if (date_parse_iso(as_of, &day, "截至日期（--as-of）", e)) {
			e->kind = ERR_USAGE;
			return -1;
		}
		if (date_cmp(day, cli->today) > 0)
			return cli_usage(e, "status", "截至日期（--as-of）%s 晚于今天：只能查看已知的状态",
					 as_of);
	}
	if (by) {
		if (!strcmp(by, "task"))
			view = VIEW_TASK;
		else if (!strcmp(by, "assignment"))
			view = VIEW_ASSIGNMENT;
		else if (!strcmp(by, "unit"))
			view = VIEW_UNIT;
		else
			return cli_usage(e, "status", "--by 应为 task、assignment 或 unit：%s", by);
	}
	if (rag && parse_rag(rag, &f.rag))
		return cli_usage(e, "status", "--rag 应为 red、amber、green（或 红、黄、绿）：%s", rag);
	if (flag && parse_flag(flag, &f.flag))
		return cli_usage(e, "status", "--flag 应为 逾期未签收、逾期未报、逾期未完成 或 连续滞后：%s",
				 flag);
	if (task) {
		long v;

		if (cli_parse_int(task, 1, 1000000, &v, "--task", e))
			return -1;
		f.task = (int)v;
	}
	if ((unit || task) && !by)
		view = VIEW_ASSIGNMENT;
	if (config) {
		if (svc_status_config_load(config, &cfg, e))
			return -1;
	}
	svc_status_init(&s);
	if (cli_store(cli, &st, e) ||
	    svc_status_compute(st, plan, day, config ? &cfg : NULL, &s, e))
		goto out;
	if (f.task && !svc_status_task(&s, f.task)) {
		err_set(e, ERR_NOT_FOUND, "清单中没有第 %d 项任务", f.task);
		goto out;
	}
	if (unit) {
		match = xcalloc(s.nitems ? s.nitems : 1, sizeof(*match));
		if (svc_status_match_unit(st, &s, unit, match, name, sizeof(name), e))
			goto out;
		f.unit = match;
	}
	print_head(cli, &s, config);
	if (unit) {
		struct unit_summary us;
		char line[512];

		unit_summary_init(&us);
		for (size_t i = 0; i < s.nitems; i++)
			if (match[i])
				unit_summary_add(&us, &s.items[i].st,
						 s.items[i].a->a.role == ASSIGN_LEAD ? ROLE_LEAD : ROLE_CO);
		unit_summary_describe(&us, line, sizeof(line));
		fprintf(cli->out, "单位：%s，%s\n\n", name, line);
	}
	if (f.task) {
		const struct svc_status_task *tk = svc_status_task(&s, f.task);
		char line[512];

		task_status_describe(&tk->ts, line, sizeof(line));
		fprintf(cli->out, "第 %d 项任务：%s\n%s\n\n", f.task, tk->task->text, line);
	}
	shown = view == VIEW_TASK	  ? print_tasks(cli, &s, &f)
		: view == VIEW_ASSIGNMENT ? print_assignments(cli, &s, &f)
					  : print_units(cli, &s, &f);
	if (!shown)
		fputs("（没有符合条件的记录）\n", cli->out);
	ret = 0;
out:
	free(match);
	svc_status_release(&s);
	return ret;
}
