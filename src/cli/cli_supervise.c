/* `duban action|accountability|suggest`: the escalation ladder, its forms, 问责 and suggestions from the command line. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli_sv.h"
#include "export/form_html.h"
#include "service/plan_service.h"
#include "service/supervision_service.h"
#include "store/store.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define UNIT_MAX_WIDTH 22

static const char action_usage[] =
	"用法: duban action issue (--assignment 分工ID | --task 序号 [--plan 清单]) --step 措施\n"
	"                         [--ground 事由] [--deadline 日期] [--reason 理由]\n"
	"                         [--requirement 要求] [--leader 领导] [--on 日期]\n"
	"      duban action reply 事项ID --text 回复 [--on 日期]\n"
	"      duban action close 事项ID [--note 说明] [--on 日期]\n"
	"      duban action list [--task 序号] [--unit 单位] [--open] [--as-of 日期] [--plan 清单]\n"
	"      duban action show 事项ID\n"
	"      duban action form 事项ID [-o 文件.html]\n"
	"      duban action form --assignment 分工ID [-o 文件.html]\n"
	"\n"
	"督办措施（由低到高）：提醒 → 催办（催办单）→ 蓝色督查单 → 橙色督查单 → 红色督查单\n"
	"（督办通知单）→ 提级督办 → 约谈 → 问责。每一步由督查室下发，记录下发人、日期、事由、\n"
	"回复期限和责任单位的回复；有文书的（催办单、督办通知单）按种类和年份自动编号\n"
	"（如 督办〔2022〕3号）。可以从提醒、催办或蓝色督查单开始；上一级督查单逾期未回复\n"
	"时可升一级；其余升级、跳级或重发同级督查单须用 --reason 说明理由。督查单级别\n"
	"只升不降：有未办结的督查单时只能再提醒、催办。销号后不再督办。\n"
	"\n"
	"issue 选项:\n"
	"  --assignment ID  督办一项责任分工（分工 ID 见 duban assignments）\n"
	"  --task 序号      督办一项任务整体（不针对某一单位）\n"
	"  --step 措施      提醒、催办、蓝色督查单、橙色督查单、红色督查单、提级督办、约谈、问责\n"
	"                   （或 remind、urge、blue、orange、red、escalate、interview、accountability）\n"
	"  --ground 事由    落实不力、进度滞后、效能低下、推诿扯皮（提醒以外必填）\n"
	"  --deadline 日期  回复期限 YYYY-MM-DD（默认：催办 5 日，蓝色 7 日，橙色 5 日，红色 3 日，\n"
	"                   提级督办 3 日；约谈、问责不设期限）\n"
	"  --reason 理由    下发理由（须说明理由时必填）\n"
	"  --requirement 要求  文书上的要求（默认按措施和事由生成）\n"
	"  --leader 领导    提级督办所至的领导，或约谈的主持人\n"
	"  --on 日期        下发日期（默认今天，不得晚于今天）\n"
	"\n"
	"reply 记录责任单位的回复（每项一次）；close 由督查室办结（回复本身不办结）。\n"
	"list 列出督办事项及截至某日的办理情况（按时回复、逾期回复、待回复、逾期未回复、\n"
	"已办结）；--open 只列未办结的。show 显示一项的全部内容。form 生成可打印的催办单、\n"
	"督办通知单（HTML，带打印样式），--assignment 生成该分工的交办单（首次生成时编号）。\n"
	"\n"
	"退出码: 0 成功；1 没有该事项、不允许的升级、缺少理由等；2 用法错误；3 数据库错误。\n";

static const char accountability_usage[] =
	"用法: duban accountability add --action 事项ID --measure 方式 --doc-no 文号\n"
	"                               [--measure-text 说明] [--ground 事由] [--subject 对象]\n"
	"                               [--date 日期]\n"
	"      duban accountability list [--plan 清单]\n"
	"\n"
	"问责台账：每条问责记录事由、方式（约谈、责令书面检查、通报批评、诫勉谈话、组织处理、\n"
	"政务处分、其他）、决定日期、文号，并关联引起问责的督办事项（同一对象、在决定日期\n"
	"或之前下发）。\n"
	"\n"
	"add 选项:\n"
	"  --action 事项ID     引起问责的督办事项（见 duban action list）\n"
	"  --measure 方式      约谈、责令书面检查、通报批评、诫勉谈话、组织处理、政务处分、其他\n"
	"  --measure-text 说明  方式的说明（“其他”必填）\n"
	"  --ground 事由       落实不力、进度滞后、效能低下、推诿扯皮（默认：督办事项的事由）\n"
	"  --subject 对象      被问责的单位或个人\n"
	"  --doc-no 文号       问责决定的文号（必填）\n"
	"  --date 日期         决定日期（默认今天，不得晚于今天）\n"
	"\n"
	"退出码: 0 成功；1 没有该事项、输入有误；2 用法错误；3 数据库错误。\n";

static const char suggest_usage[] =
	"用法: duban suggest [--as-of 日期] [--plan 清单] [--config 文件]\n"
	"      duban suggest accept 建议编号... [--on 日期] [--plan 清单] [--config 文件]\n"
	"      duban suggest dismiss 建议编号... [--note 说明] [--on 日期] [--plan 清单]\n"
	"\n"
	"督办建议：按截至某日的状态和已下发的督办事项，为每项分工提出下一步：逾期未报 →\n"
	"催办；逾期未签收 → 提醒；连续两期为红、时间节点已过未完成或逾期未完成 → 蓝色督查单\n"
	"（已发督查单已回复而问题仍在 → 升一级）；督查单逾期未回复 → 升一级。建议只列出，\n"
	"不会自动下发：督查室逐条采纳（accept，即按建议下发）或不予采纳（dismiss）。采纳或\n"
	"不予采纳的建议不再重复提出（连续滞后每期是新的情况，会再次提出）。\n"
	"建议编号形如 1133/report:2022-06（分工 ID/原因），见 duban suggest 的输出。\n"
	"\n"
	"选项:\n"
	"  --as-of 日期   截至日期（默认今天，不得晚于今天）\n"
	"  --on 日期      采纳（下发）或不予采纳的日期（默认今天）\n"
	"  --note 说明    不予采纳的说明\n"
	"  --config 文件  状态阈值配置文件（见 duban status --help）\n"
	"  --plan 清单    ID、文号或年份（默认：最近导入的清单）\n"
	"\n"
	"退出码: 0 成功；1 没有该建议、输入有误；2 用法错误；3 数据库错误。\n";

/* ---- shared ---- */

static void issued_line(struct cli *cli, const char *verb, const struct svc_action_issued *r,
			struct store *st)
{
	struct arena a = ARENA_INIT;
	struct store_action x;
	char due[24];

	arena_init(&a, 0);
	if (svc_action_get(st, 0, r->id, &a, &x, NULL)) {
		fprintf(cli->out, "%s：督办事项 %lld\n", verb, (long long)r->id);
		arena_release(&a);
		return;
	}
	clisv_date(r->reply_due, due, sizeof(due));
	fprintf(cli->out, "%s：督办事项 %lld，%s%s%s%s，第 %d 项任务", verb, (long long)x.id,
		ladder_step_label(x.step), r->form_no[0] ? "（" : "", r->form_no,
		r->form_no[0] ? "）" : "", x.task_no);
	if (x.unit_name)
		fprintf(cli->out, " %s（分工 %lld）", x.unit_name, (long long)x.assignment_id);
	else
		fputs("（任务整体）", cli->out);
	if (x.ground != GROUND_NONE)
		fprintf(cli->out, "，事由：%s", ladder_ground_label(x.ground));
	if (date_is_set(r->reply_due))
		fprintf(cli->out, "，限 %s 前回复", due);
	fprintf(cli->out, "\n依据：%s%s%s\n", ladder_basis_label(r->basis), r->why[0] ? "——" : "",
		r->why);
	if (r->form_no[0])
		fprintf(cli->out, "打印：duban action form %lld -o 文件.html\n", (long long)x.id);
	arena_release(&a);
}

static int parse_step(const char *cmd, const char *s, enum ladder_step *out, struct err *e)
{
	if (!s)
		return cli_usage(e, cmd, "缺少 --step（提醒、催办、蓝色督查单、橙色督查单、红色督查单、"
				 "提级督办、约谈、问责）");
	if (ladder_step_parse(s, out) || *out == STEP_NONE)
		return cli_usage(e, cmd, "--step 应为 提醒、催办、蓝色督查单、橙色督查单、红色督查单、"
				 "提级督办、约谈 或 问责：%s", s);
	return 0;
}

static int parse_ground(const char *cmd, const char *s, enum ladder_ground *out, struct err *e)
{
	*out = GROUND_NONE;
	if (!s)
		return 0;
	if (ladder_ground_parse(s, out) || *out == GROUND_NONE)
		return cli_usage(e, cmd, "--ground 应为 落实不力、进度滞后、效能低下 或 推诿扯皮：%s", s);
	return 0;
}

/* ---- duban action ---- */

static int action_issue(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *assignment = NULL, *task = NULL, *plan = NULL, *step = NULL, *ground = NULL,
		   *deadline = NULL, *reason = NULL, *requirement = NULL, *leader = NULL,
		   *on = NULL;
	const struct cli_opt opts[] = {
		{ "--assignment", NULL, &assignment, NULL },
		{ "--task", NULL, &task, NULL },
		{ "--plan", NULL, &plan, NULL },
		{ "--step", NULL, &step, NULL },
		{ "--ground", NULL, &ground, NULL },
		{ "--deadline", NULL, &deadline, NULL },
		{ "--reason", NULL, &reason, NULL },
		{ "--requirement", NULL, &requirement, NULL },
		{ "--leader", NULL, &leader, NULL },
		{ "--on", NULL, &on, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_actor actor = { cli_actor_name() };
	struct svc_rctx rc = { &actor, 0, DATE_NONE };
	struct svc_action_input in;
	struct svc_action_issued r;
	struct store *st;
	size_t npos;

	memset(&in, 0, sizeof(in));
	if (cli_parse_opts("action", argc, argv, opts, NULL, 0, &npos, e) ||
	    parse_step("action", step, &in.step, e) || parse_ground("action", ground, &in.ground, e) ||
	    clisv_act_day(cli, on, "--on", &rc.today, e))
		return -1;
	if (!assignment == !task)
		return cli_usage(e, "action", "须用 --assignment 或 --task 指定督办对象（二者取一）");
	if (assignment && clisv_id("action", assignment, "--assignment", &in.assignment_id, e))
		return -1;
	if (task) {
		long v;

		if (cli_parse_int(task, 1, 1000000, &v, "--task", e))
			return -1;
		in.task_no = (int)v;
		in.plan_spec = plan;
	} else if (plan) {
		return cli_usage(e, "action", "--plan 只用于 --task");
	}
	if (deadline && date_parse_iso(deadline, &in.reply_due, "回复期限（--deadline）", e)) {
		e->kind = ERR_USAGE;
		return -1;
	}
	in.reason = reason;
	in.requirement = requirement;
	in.leader = leader;
	if (cli_store(cli, &st, e) || svc_action_issue(st, &rc, &in, &r, e))
		return -1;
	issued_line(cli, "已下发", &r, st);
	return 0;
}

static int action_reply_close(struct cli *cli, bool reply, int argc, char **argv, struct err *e)
{
	const char *text = NULL, *note = NULL, *on = NULL, *pos[1];
	const struct cli_opt ropts[] = {
		{ "--text", NULL, &text, NULL },
		{ "--on", NULL, &on, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	const struct cli_opt copts[] = {
		{ "--note", NULL, &note, NULL },
		{ "--on", NULL, &on, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_actor actor = { cli_actor_name() };
	struct svc_rctx rc = { &actor, 0, DATE_NONE };
	struct store *st;
	char day[24];
	int64_t id = 0;
	size_t npos;

	if (cli_parse_opts("action", argc, argv, reply ? ropts : copts, pos, 1, &npos, e) ||
	    clisv_id("action", npos ? pos[0] : NULL, "督办事项 ID", &id, e) ||
	    clisv_act_day(cli, on, "--on", &rc.today, e))
		return -1;
	if (reply && !text)
		return cli_usage(e, "action", "回复须用 --text 给出内容");
	if (cli_store(cli, &st, e))
		return -1;
	clisv_date(rc.today, day, sizeof(day));
	if (reply) {
		if (svc_action_reply(st, &rc, id, text, e))
			return -1;
		fprintf(cli->out, "已记录回复：督办事项 %lld，回复日期 %s\n", (long long)id, day);
	} else {
		if (svc_action_close(st, &rc, id, note, e))
			return -1;
		fprintf(cli->out, "已办结：督办事项 %lld，办结日期 %s\n", (long long)id, day);
	}
	return 0;
}

/* "按时回复（2022-07-05）", "逾期未回复", "已办结（2022-07-10）" on day d. */
static void action_state(const struct store_action *x, struct date d, char *buf, size_t cap)
{
	struct ladder_action la;
	enum ladder_reply r;
	char day[24];

	if (date_is_set(x->closed_on) && date_cmp(x->closed_on, d) <= 0) {
		clisv_date(x->closed_on, day, sizeof(day));
		snprintf(buf, cap, "已办结（%s）", day);
		return;
	}
	svc_action_to_ladder(x, &la);
	r = ladder_reply_state(&la, d);
	if (r == REPLY_IN_TIME || r == REPLY_LATE) {
		clisv_date(x->replied_on, day, sizeof(day));
		snprintf(buf, cap, "%s（%s）", ladder_reply_label(r), day);
	} else if (x->reply && date_cmp(x->replied_on, d) <= 0) {
		clisv_date(x->replied_on, day, sizeof(day));
		snprintf(buf, cap, "已回复（%s）", day);
	} else {
		snprintf(buf, cap, "%s", ladder_reply_label(r));
	}
}

#define NCOLS 9

static int action_list(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *task = NULL, *unit = NULL, *as_of = NULL, *plan = NULL;
	bool open_only = false;
	const struct cli_opt opts[] = {
		{ "--task", NULL, &task, NULL },
		{ "--unit", NULL, &unit, NULL },
		{ "--as-of", NULL, &as_of, NULL },
		{ "--plan", NULL, &plan, NULL },
		{ "--open", NULL, NULL, &open_only },
		{ NULL, NULL, NULL, NULL },
	};
	static const char *const heads[NCOLS] = { "ID", "编号", "序号", "单位", "措施", "事由",
						  "下发", "回复期限", "办理情况" };
	struct svc_supervision sv;
	struct store *st;
	struct date day;
	bool *match = NULL;
	size_t width[NCOLS], npos, shown = 0;
	char name[256];
	int task_no = 0, ret = -1;

	if (cli_parse_opts("action", argc, argv, opts, NULL, 0, &npos, e) ||
	    clisv_view_day(cli, "action", as_of, &day, e))
		return -1;
	if (task) {
		long v;

		if (cli_parse_int(task, 1, 1000000, &v, "--task", e))
			return -1;
		task_no = (int)v;
	}
	svc_supervision_init(&sv);
	if (cli_store(cli, &st, e) || svc_supervision_load(st, plan, day, NULL, &sv, e))
		goto out;
	if (unit) {
		match = xcalloc(sv.st.nitems ? sv.st.nitems : 1, sizeof(*match));
		if (svc_status_match_unit(st, &sv.st, unit, match, name, sizeof(name), e))
			goto out;
	}
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 0) {
			for (size_t c = 0; c < NCOLS; c++)
				width[c] = cli_width(heads[c]) + 2;
		} else {
			for (size_t c = 0; c < NCOLS; c++)
				cli_put_cell(cli->out, heads[c], width[c], false, c == NCOLS - 1);
			fputc('\n', cli->out);
		}
		for (size_t k = 0; k < sv.acts.n; k++) {
			const struct store_action *x = &sv.acts.v[k];
			char b[NCOLS][96];
			const char *cells[NCOLS];

			if (date_cmp(x->issued_on, day) > 0)
				continue;
			if (task_no && x->task_no != task_no)
				continue;
			if (match) {
				long i = x->assignment_id ? svc_supervision_item(&sv, x->assignment_id) : -1;

				if (i < 0 || !match[i])
					continue;
			}
			if (open_only && date_is_set(x->closed_on) && date_cmp(x->closed_on, day) <= 0)
				continue;
			snprintf(b[0], sizeof(b[0]), "%lld", (long long)x->id);
			svc_action_form_no(x, b[1], sizeof(b[1]));
			snprintf(b[2], sizeof(b[2]), "%d", x->task_no);
			snprintf(b[3], sizeof(b[3]), "%s", x->unit_name ? x->unit_name : "（任务整体）");
			snprintf(b[4], sizeof(b[4]), "%s", ladder_step_label(x->step));
			snprintf(b[5], sizeof(b[5]), "%s",
				 x->ground ? ladder_ground_label(x->ground) : "—");
			clisv_date(x->issued_on, b[6], sizeof(b[6]));
			clisv_date(x->reply_due, b[7], sizeof(b[7]));
			action_state(x, day, b[8], sizeof(b[8]));
			if (!b[1][0])
				snprintf(b[1], sizeof(b[1]), "—");
			for (size_t c = 0; c < NCOLS; c++)
				cells[c] = b[c];
			if (pass == 0) {
				for (size_t c = 0; c < NCOLS; c++) {
					size_t w = cli_width(cells[c]);

					if (c == 3 && w > UNIT_MAX_WIDTH)
						w = UNIT_MAX_WIDTH;
					if (w + 2 > width[c])
						width[c] = w + 2;
				}
				continue;
			}
			for (size_t c = 0; c < NCOLS; c++)
				cli_put_cell(cli->out, cells[c], width[c], c == 3, c == NCOLS - 1);
			fputc('\n', cli->out);
			shown++;
		}
	}
	if (!shown)
		fputs("（没有符合条件的督办事项）\n", cli->out);
	ret = 0;
out:
	free(match);
	svc_supervision_release(&sv);
	return ret;
}

static int action_show(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *pos[1];
	struct arena a = ARENA_INIT;
	struct store_action x;
	struct store *st;
	char no[64], d[24];
	int64_t id = 0;
	size_t npos;
	int ret = -1;

	if (cli_parse_opts("action", argc, argv, NULL, pos, 1, &npos, e) ||
	    clisv_id("action", npos ? pos[0] : NULL, "督办事项 ID", &id, e))
		return -1;
	arena_init(&a, 0);
	if (cli_store(cli, &st, e) || svc_action_get(st, 0, id, &a, &x, e))
		goto out;
	svc_action_form_no(&x, no, sizeof(no));
	fprintf(cli->out, "督办事项 %lld：%s%s%s%s\n", (long long)x.id, ladder_step_label(x.step),
		no[0] ? "（" : "", no, no[0] ? "）" : "");
	if (x.unit_name)
		fprintf(cli->out, "对象：第 %d 项任务，%s（分工 %lld）\n", x.task_no, x.unit_name,
			(long long)x.assignment_id);
	else
		fprintf(cli->out, "对象：第 %d 项任务（任务整体）\n", x.task_no);
	fprintf(cli->out, "事由：%s\n", x.ground ? ladder_ground_label(x.ground) : "—");
	fprintf(cli->out, "依据：%s\n", ladder_basis_label(x.basis));
	if (*x.reason)
		fprintf(cli->out, "理由：%s\n", x.reason);
	if (*x.requirement)
		fprintf(cli->out, "要求：%s\n", x.requirement);
	if (*x.leader)
		fprintf(cli->out, "领导：%s\n", x.leader);
	if (*x.cause)
		fprintf(cli->out, "采纳的建议：%s\n", x.cause);
	clisv_date(x.issued_on, d, sizeof(d));
	fprintf(cli->out, "下发：%s，%s%s\n", d, x.issued_by, x.sample ? "【示例数据】" : "");
	clisv_date(x.reply_due, d, sizeof(d));
	fprintf(cli->out, "回复期限：%s\n", d);
	if (x.reply) {
		clisv_date(x.replied_on, d, sizeof(d));
		fprintf(cli->out, "回复：%s（%s，%s）\n", x.reply, d, x.replied_by);
	} else {
		fputs("回复：（未回复）\n", cli->out);
	}
	if (date_is_set(x.closed_on)) {
		clisv_date(x.closed_on, d, sizeof(d));
		fprintf(cli->out, "办结：%s，%s%s%s\n", d, x.closed_by, x.close_note && *x.close_note
			? "，" : "", x.close_note ? x.close_note : "");
	} else {
		fputs("办结：（未办结）\n", cli->out);
	}
	ret = 0;
out:
	arena_release(&a);
	return ret;
}

static int action_form(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *assignment = NULL, *output = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "--assignment", NULL, &assignment, NULL },
		{ "--output", "-o", &output, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_actor actor = { cli_actor_name() };
	struct svc_rctx rc = { &actor, 0, cli->today };
	struct arena a = ARENA_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct ladder_form f;
	struct store *st;
	int64_t id = 0;
	size_t npos;
	bool fresh = false;
	int ret = -1;

	if (cli_parse_opts("action", argc, argv, opts, pos, 1, &npos, e))
		return -1;
	if (!assignment == !npos)
		return cli_usage(e, "action", "form 须给出督办事项 ID，或用 --assignment 生成交办单（二者取一）");
	if (clisv_id("action", assignment ? assignment : pos[0],
		     assignment ? "--assignment" : "督办事项 ID", &id, e))
		return -1;
	if (output && !*output)
		return cli_usage(e, "action", "-o 的文件名为空");
	arena_init(&a, 0);
	if (cli_store(cli, &st, e))
		goto out;
	if (assignment ? svc_handover_form(st, &rc, id, &a, &f, &fresh, e)
		       : svc_action_form(st, id, &a, &f, e))
		goto out;
	form_render_html(&f, &sb);
	if (clisv_write(cli, output, sb.buf, sb.len, e))
		goto out;
	if (output && strcmp(output, "-"))
		fprintf(cli->msg, "%s %s%s\n", f.title, f.number, fresh ? "（新编号）" : "");
	ret = 0;
out:
	strbuf_release(&sb);
	arena_release(&a);
	return ret;
}

int cli_action_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *sub;

	if (cli_wants_help(cli, argc, argv, action_usage))
		return 0;
	if (argc < 2)
		return cli_usage(e, "action", "缺少子命令 issue、reply、close、list、show 或 form");
	sub = argv[1];
	if (!strcmp(sub, "issue"))
		return action_issue(cli, argc - 1, argv + 1, e);
	if (!strcmp(sub, "reply"))
		return action_reply_close(cli, true, argc - 1, argv + 1, e);
	if (!strcmp(sub, "close"))
		return action_reply_close(cli, false, argc - 1, argv + 1, e);
	if (!strcmp(sub, "list"))
		return action_list(cli, argc - 1, argv + 1, e);
	if (!strcmp(sub, "show"))
		return action_show(cli, argc - 1, argv + 1, e);
	if (!strcmp(sub, "form"))
		return action_form(cli, argc - 1, argv + 1, e);
	return cli_usage(e, "action", "未知子命令 %s（应为 issue、reply、close、list、show、form）", sub);
}

/* ---- duban accountability ---- */

static int accountability_add(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *action = NULL, *measure = NULL, *mtext = NULL, *ground = NULL, *subject = NULL,
		   *doc_no = NULL, *date = NULL;
	const struct cli_opt opts[] = {
		{ "--action", NULL, &action, NULL },
		{ "--measure", NULL, &measure, NULL },
		{ "--measure-text", NULL, &mtext, NULL },
		{ "--ground", NULL, &ground, NULL },
		{ "--subject", NULL, &subject, NULL },
		{ "--doc-no", NULL, &doc_no, NULL },
		{ "--date", NULL, &date, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_actor actor = { cli_actor_name() };
	struct svc_rctx rc = { &actor, 0, DATE_NONE };
	struct svc_accountability_input in;
	struct store *st;
	char day[24];
	int64_t id = 0;
	size_t npos;

	memset(&in, 0, sizeof(in));
	if (cli_parse_opts("accountability", argc, argv, opts, NULL, 0, &npos, e) ||
	    clisv_id("accountability", action, "--action", &in.action_id, e) ||
	    parse_ground("accountability", ground, &in.ground, e) ||
	    clisv_act_day(cli, date, "--date", &rc.today, e))
		return -1;
	if (!measure)
		return cli_usage(e, "accountability", "缺少 --measure（约谈、责令书面检查、通报批评、"
				 "诫勉谈话、组织处理、政务处分、其他）");
	if (account_measure_parse(measure, &in.measure) || in.measure == MEASURE_NONE)
		return cli_usage(e, "accountability", "--measure 应为 约谈、责令书面检查、通报批评、"
				 "诫勉谈话、组织处理、政务处分 或 其他：%s", measure);
	if (!doc_no)
		return cli_usage(e, "accountability", "缺少 --doc-no（问责决定的文号）");
	in.measure_text = mtext;
	in.subject = subject;
	in.doc_no = doc_no;
	if (cli_store(cli, &st, e) || svc_accountability_add(st, &rc, &in, &id, e))
		return -1;
	clisv_date(rc.today, day, sizeof(day));
	fprintf(cli->out, "已记录问责：问责记录 %lld，%s，%s，文号 %s，关联督办事项 %lld\n",
		(long long)id, account_measure_label(in.measure), day, doc_no,
		(long long)in.action_id);
	return 0;
}

static int accountability_list(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *plan = NULL;
	const struct cli_opt opts[] = {
		{ "--plan", NULL, &plan, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct store_accountability_list l;
	struct store *st;
	int64_t plan_id;
	size_t npos;
	int ret = -1;

	if (cli_parse_opts("accountability", argc, argv, opts, NULL, 0, &npos, e))
		return -1;
	store_accountability_list_init(&l);
	if (cli_store(cli, &st, e) || svc_plan_resolve(st, plan, &plan_id, e) ||
	    store_accountability_list(st, plan_id, &l, e))
		goto out;
	if (!l.n)
		fputs("（没有问责记录）\n", cli->out);
	for (size_t i = 0; i < l.n; i++) {
		const struct store_accountability *r = &l.v[i];
		char d[24];

		clisv_date(r->decided_on, d, sizeof(d));
		fprintf(cli->out, "%lld  %s  %s%s%s%s  事由：%s  第 %d 项任务 %s  文号：%s  督办事项 %lld%s%s\n",
			(long long)r->id, d, account_measure_label(r->measure),
			*r->measure_text ? "（" : "", r->measure_text, *r->measure_text ? "）" : "",
			ladder_ground_label(r->ground), r->task_no,
			r->unit_name ? r->unit_name : "（任务整体）", r->doc_no,
			(long long)r->action_id, *r->subject ? "  对象：" : "", r->subject);
	}
	ret = 0;
out:
	store_accountability_list_release(&l);
	return ret;
}

int cli_accountability_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *sub;

	if (cli_wants_help(cli, argc, argv, accountability_usage))
		return 0;
	if (argc < 2)
		return cli_usage(e, "accountability", "缺少子命令 add 或 list");
	sub = argv[1];
	if (!strcmp(sub, "add"))
		return accountability_add(cli, argc - 1, argv + 1, e);
	if (!strcmp(sub, "list"))
		return accountability_list(cli, argc - 1, argv + 1, e);
	return cli_usage(e, "accountability", "未知子命令 %s（应为 add 或 list）", sub);
}

/* ---- duban suggest ---- */

#define MAX_HANDLES 256

static void print_suggestions(struct cli *cli, const struct svc_suggestions *s)
{
	const struct svc_supervision *sv = &s->sv;
	char d[24];

	clisv_date(sv->st.as_of, d, sizeof(d));
	fprintf(cli->out, "督办建议：%s%s%s%s，截至 %s，共 %zu 条（采纳：duban suggest accept 编号；"
		"不予采纳：duban suggest dismiss 编号）\n", sv->st.doc.plan.doc_no
		? sv->st.doc.plan.doc_no : "", sv->st.doc.plan.title ? "《" : "",
		sv->st.doc.plan.title ? sv->st.doc.plan.title : "", sv->st.doc.plan.title ? "》" : "",
		d, s->list.n);
	if (sv->st.nsample)
		fputs("【示例数据】本清单的记录含示例数据，以下建议仅供演示。\n", cli->out);
	for (size_t k = 0; k < s->list.n; k++) {
		const struct suggestion *g = &s->list.v[k];
		const struct svc_status_item *it = &sv->st.items[g->input];
		char h[SUGGEST_KEYS_MAX + 32], due[24];

		svc_suggestion_handle(g, h, sizeof(h));
		clisv_date(g->reply_due, due, sizeof(due));
		fprintf(cli->out, "\n%s  第 %d 项任务  %s（分工 %lld）\n", h, it->a->task_no,
			it->a->a.unit_name, (long long)g->assignment_id);
		fprintf(cli->out, "  建议：%s，事由 %s，%s%s%s%s\n", ladder_step_label(g->step),
			ladder_ground_label(g->ground), ladder_basis_label(g->basis),
			date_is_set(g->reply_due) ? "，限 " : "", date_is_set(g->reply_due) ? due : "",
			date_is_set(g->reply_due) ? " 前回复" : "");
		fprintf(cli->out, "  原因：%s\n", g->reason);
	}
	if (!s->list.n)
		fputs("（没有督办建议）\n", cli->out);
}

int cli_suggest_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *as_of = NULL, *on = NULL, *plan = NULL, *config = NULL, *note = NULL;
	const char *pos[MAX_HANDLES];
	const struct cli_opt opts[] = {
		{ "--as-of", NULL, &as_of, NULL },
		{ "--on", NULL, &on, NULL },
		{ "--plan", NULL, &plan, NULL },
		{ "--config", NULL, &config, NULL },
		{ "--note", NULL, &note, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_actor actor = { cli_actor_name() };
	struct svc_rctx rc = { &actor, 0, DATE_NONE };
	struct status_config cfg;
	const struct status_config *use;
	struct store *st;
	size_t npos;
	bool accept, dismiss;
	int ret = 0;

	if (cli_wants_help(cli, argc, argv, suggest_usage))
		return 0;
	if (cli_parse_opts("suggest", argc, argv, opts, pos, MAX_HANDLES, &npos, e))
		return -1;
	accept = npos && !strcmp(pos[0], "accept");
	dismiss = npos && !strcmp(pos[0], "dismiss");
	if (npos && !accept && !dismiss)
		return cli_usage(e, "suggest", "未知子命令 %s（应为 accept 或 dismiss）", pos[0]);
	if ((accept || dismiss) && npos < 2)
		return cli_usage(e, "suggest", "%s 须给出至少一个建议编号", pos[0]);
	if (!accept && !dismiss && (on || note))
		return cli_usage(e, "suggest", "%s 只用于 accept 或 dismiss", on ? "--on" : "--note");
	if ((accept || dismiss) && as_of)
		return cli_usage(e, "suggest", "accept、dismiss 按 --on 的日期计算建议，不接受 --as-of");
	if (accept && note)
		return cli_usage(e, "suggest", "--note 只用于 dismiss");
	if (clisv_config(config, &cfg, &use, e))
		return -1;
	if (!accept && !dismiss) {
		struct svc_suggestions s;
		struct date day;

		if (clisv_view_day(cli, "suggest", as_of, &day, e))
			return -1;
		svc_suggestions_init(&s);
		if (cli_store(cli, &st, e) || svc_suggest(st, plan, day, use, &s, e))
			ret = -1;
		else
			print_suggestions(cli, &s);
		svc_suggestions_release(&s);
		return ret;
	}
	if (clisv_act_day(cli, on, "--on", &rc.today, e) || cli_store(cli, &st, e))
		return -1;
	for (size_t i = 1; i < npos; i++) {
		if (accept) {
			struct svc_action_issued r;

			if (svc_suggest_accept(st, &rc, plan, use, pos[i], &r, e))
				return err_prefix(e, "%s：", pos[i]);
			issued_line(cli, "已采纳并下发", &r, st);
		} else {
			size_t n;

			if (svc_suggest_dismiss(st, &rc, plan, use, pos[i], note, &n, e))
				return err_prefix(e, "%s：", pos[i]);
			fprintf(cli->out, "不予采纳：%s（%zu 个原因，今后不再提出）\n", pos[i], n);
		}
	}
	return 0;
}
