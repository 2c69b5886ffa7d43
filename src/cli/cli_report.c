/* `duban calendar|assignment|report|review|extension|verify|demo-data`: reporting from the command line. */
#include "cli/cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "service/plan_service.h"
#include "service/report_service.h"
#include "store/store.h"
#include "util/fileio.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define SAMPLE_MARK "【示例数据】"

static const char on_help[] =
	"  --on 日期       事项发生的日期 YYYY-MM-DD（默认今天；用于补录，不得晚于今天；\n"
	"                  记录时间另由数据库时钟记下）\n";

static const char calendar_usage[] =
	"用法: duban calendar [--plan 清单] [--cadence monthly|quarterly] [--due-day N]\n"
	"                     [--first YYYY-MM|YYYY-Qn]\n"
	"\n"
	"显示或设置清单的报告日历：报告周期（月报或季报）、每期的报送截止日（该期最后\n"
	"一个月的第 N 日，月末不足 N 日时取月末）和首个报告期。每项责任分工每期报送一次。\n"
	"不给设置选项时只显示。未设置时默认：月报，每月 25 日，首个报告期为成文日期后\n"
	"第一个截止日所在的期。已有报告后不能更改报告周期。\n"
	"\n"
	"选项:\n"
	"  --plan 清单      ID、文号或年份（默认：最近导入的清单）\n"
	"  --cadence 周期   monthly（月报）或 quarterly（季报）\n"
	"  --due-day N      每期截止日 1..31\n"
	"  --first 期       首个报告期：月报 YYYY-MM，季报 YYYY-Qn\n"
	"  -h, --help       显示本帮助\n"
	"\n"
	"退出码: 0 成功；1 输入有误或与已有报告冲突；2 用法错误；3 数据库错误。\n";

static const char assignment_usage[] =
	"用法: duban assignment sign 分工ID [--note 说明] [--on 日期]\n"
	"      duban assignment dispute 分工ID --reason 理由 [--on 日期]\n"
	"      duban assignment confirm 分工ID [--note 意见] [--on 日期]\n"
	"      duban assignment reassign 分工ID --unit 单位 [--note 意见] [--on 日期]\n"
	"\n"
	"交办：责任单位签收（sign）分工，或认为不属于本单位职责时说明理由退回（dispute）；\n"
	"督查室对退回作出处理：确认仍由该单位承办（confirm，该单位随后须签收），或改派\n"
	"给名录中的另一个单位（reassign：原分工撤销并保留，为新单位新建分工）。签收时间\n"
	"和退回记录都予保留，不会被覆盖，是判断推诿扯皮的依据。分工 ID 见 duban assignments。\n"
	"\n"
	"选项:\n"
	"  --reason 理由   退回的理由（dispute 必填）\n"
	"  --unit 单位     改派给的单位：名录中的名称或别名（reassign 必填）\n"
	"  --note 说明     签收说明或处理意见\n"
	"%s"
	"  -h, --help      显示本帮助\n"
	"\n"
	"退出码: 0 成功；1 没有该分工、已签收/已退回等与记录冲突、输入有误；2 用法错误；\n"
	"3 数据库错误。\n";

static const char report_usage[] =
	"用法: duban report submit --assignment 分工ID --period 期 --percent N [--progress 文字]\n"
	"                          [--problems 文字] [--next 文字] [--likelihood 自评]\n"
	"                          [--value 序号=数值]... [--attach 文件]... [--on 日期]\n"
	"      duban report show 报告ID\n"
	"      duban report history --assignment 分工ID\n"
	"      duban report attachment SHA256 [-o 文件]\n"
	"\n"
	"进展报告：每项分工每个报告期报送一次：完成情况、完成百分比（0–100）、各量化目标的\n"
	"完成值、存在问题、下步打算、对按期完成的自评（很可能/可能/存疑/难以完成）和附件。\n"
	"未给出的文字、自评和目标完成值沿用该分工上一次报告（输出会列出沿用了哪些），\n"
	"不必重复填写；附件不沿用。同一期再次报送是新的版本，原有版本保留、不被覆盖；\n"
	"被退办的报告须重新报送。\n"
	"\n"
	"submit 选项:\n"
	"  --assignment ID   分工 ID（见 duban assignments）\n"
	"  --period 期       报告期：月报 YYYY-MM，季报 YYYY-Qn（见 duban calendar）\n"
	"  --percent N       完成百分比 0–100（必填）\n"
	"  --progress 文字   完成情况（首次报送必填）\n"
	"  --problems 文字   存在问题\n"
	"  --next 文字       下步打算\n"
	"  --likelihood 自评 很可能、可能、存疑 或 难以完成\n"
	"  --value 序号=数值 第几个量化目标（duban show 所列顺序）的完成值，可重复；数值可带\n"
	"                    万、亿等，如 1=320亿、2=4.5\n"
	"  --attach 文件     附件，可重复：PDF、PNG、JPEG、Word、Excel 或 UTF-8 文本，每个不超过\n"
	"                    20 MiB（环境变量 DUBAN_ATTACHMENT_MAX_MIB 可改）；相同内容只存一份\n"
	"%s"
	"\n"
	"show 显示一份报告的全部内容、附件和审核结论；history 按日期列出一项分工的全部\n"
	"记录（交办、签收、退回、报告各版本、审核、延期、销号）；attachment 把附件内容\n"
	"写到文件（-o，默认标准输出）。示例数据标有“示例数据”。\n"
	"\n"
	"退出码: 0 成功；1 输入有误、没有该分工或报告、与记录冲突；2 用法错误；3 数据库错误。\n";

static const char review_usage[] =
	"用法: duban review accept 报告ID [--reason 意见] [--on 日期]\n"
	"      duban review return 报告ID --reason 理由 [--on 日期]\n"
	"\n"
	"督查室审核进展报告：通过（accept），或说明理由退办（return）。只能审核一期的\n"
	"最新版本，每份只审核一次；被退办的报告须由责任单位重新报送（新版本）。\n"
	"\n"
	"选项:\n"
	"  --reason 理由   退办理由（return 必填）或审核意见\n"
	"%s"
	"  -h, --help      显示本帮助\n"
	"\n"
	"退出码: 0 成功；1 没有该报告、已审核、已有新版本等；2 用法错误；3 数据库错误。\n";

static const char extension_usage[] =
	"用法: duban extension request --assignment 分工ID --due 日期 --reason 理由 [--on 日期]\n"
	"      duban extension approve 申请ID [--due 日期] [--note 意见] [--on 日期]\n"
	"      duban extension refuse 申请ID --reason 理由 [--on 日期]\n"
	"\n"
	"延期申请：责任单位在完成时限到期前（含当日）申请延至更晚的日期并说明理由；督查室\n"
	"批准（可另定日期）或不予批准。批准后新的时限自批准之日起适用，原时限保留。\n"
	"同一分工同时只能有一个待审批的申请。\n"
	"\n"
	"选项:\n"
	"  --assignment ID  分工 ID（request）\n"
	"  --due 日期       申请的新时限（request 必填）；批准时另定的时限（approve）\n"
	"  --reason 理由    延期理由（request）或不予批准的理由（refuse），必填\n"
	"  --note 意见      批准意见\n"
	"%s"
	"  -h, --help       显示本帮助\n"
	"\n"
	"退出码: 0 成功；1 已过时限、已有待审批申请、输入有误等；2 用法错误；3 数据库错误。\n";

static const char verify_usage[] =
	"用法: duban verify 分工ID [--note 说明] [--on 日期]\n"
	"\n"
	"销号：督查室核验一项分工已完成。要求其最新有效报告为 100%% 且已审核通过。\n"
	"销号后该分工不再报送、不再预警。\n"
	"\n"
	"选项:\n"
	"  --note 说明     核验说明\n"
	"%s"
	"  -h, --help      显示本帮助\n"
	"\n"
	"退出码: 0 成功；1 未报告完成、报告未审核、已销号等；2 用法错误；3 数据库错误。\n";

static const char demo_usage[] =
	"用法: duban demo-data --as-of 日期 [--seed N] [--plan 清单]\n"
	"\n"
	"为清单的每项分工生成截至该日期的示例数据：签收、少量退回及处理（确认或改派）、\n"
	"各期进展报告（进度有快有慢，有的漏报）、审核（少量退办后重报）、延期申请和销号。\n"
	"所有记录标为示例数据，显示和导出时注明“示例数据”。同一种子总是生成相同的数据。\n"
	"清单已有示例数据时不做任何更改（可重复运行）；已有真实记录的分工不受影响。\n"
	"\n"
	"选项:\n"
	"  --as-of 日期   生成截至该日（YYYY-MM-DD）的记录\n"
	"  --seed N       随机种子（默认 1）\n"
	"  --plan 清单    ID、文号或年份（默认：最近导入的清单）\n"
	"  -h, --help     显示本帮助\n"
	"\n"
	"退出码: 0 成功（含已有示例数据而跳过）；1 清单不存在；2 用法错误；3 数据库错误。\n";

/* ---- shared helpers ---- */

static void print_usage(struct cli *cli, const char *fmt)
{
	fprintf(cli->out, fmt, on_help);
}

static bool wants_help(struct cli *cli, int argc, char **argv, const char *usage)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			print_usage(cli, usage);
			return true;
		}
	}
	return false;
}

static int parse_id(const char *cmd, const char *s, const char *what, int64_t *out,
		    struct err *e)
{
	long v;

	if (!s)
		return cli_usage(e, cmd, "缺少%s", what);
	if (cli_parse_int(s, 1, 2147483647L, &v, what, e))
		return -1;
	*out = v;
	return 0;
}

static int parse_date(const char *s, const char *what, struct date *out, struct err *e)
{
	if (date_parse_iso(s, out, what, e)) {
		e->kind = ERR_USAGE;
		return -1;
	}
	return 0;
}

/* The day of the act: --on (not after today) or today. */
static int act_day(struct cli *cli, const char *on, struct date *out, struct err *e)
{
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];

	if (!on) {
		*out = cli->today;
		return 0;
	}
	if (parse_date(on, "日期（--on）", out, e))
		return -1;
	if (date_cmp(*out, cli->today) > 0) {
		date_format_iso(*out, a);
		date_format_iso(cli->today, b);
		return err_set(e, ERR_USAGE, "日期（--on）%s 晚于今天 %s：只能补录已发生的事项", a, b);
	}
	return 0;
}

static void iso(struct date d, char buf[DATE_ISO_LEN])
{
	if (date_is_set(d))
		date_format_iso(d, buf);
	else
		snprintf(buf, DATE_ISO_LEN, "%s", "—");
}

/* "分工 123（第 11 项任务，市发改委，牵头）" for an assignment just acted on. */
static void describe(struct store *st, int64_t id, char *buf, size_t n)
{
	struct svc_assignment_record r;

	svc_assignment_record_init(&r);
	if (svc_assignment_record_load(st, 0, id, &r, NULL))
		snprintf(buf, n, "分工 %lld", (long long)id);
	else
		snprintf(buf, n, "分工 %lld（第 %d 项任务，%s，%s）", (long long)id,
			 r.ctx.row.task_no, r.ctx.row.a.unit_name,
			 assignment_role_label(r.ctx.row.a.role));
	svc_assignment_record_release(&r);
}

/* "58", "58.5", "3.2e+10" → a percent or a value without trailing zeros. */
static void num(double v, char *buf, size_t n)
{
	if (fabs(v) >= 1e8 && fabs(v) < 1e18 && fmod(v, 1e4) == 0) {
		if (fmod(v, 1e8) == 0 || fabs(v) >= 1e10)
			snprintf(buf, n, "%g亿", v / 1e8);
		else
			snprintf(buf, n, "%g万", v / 1e4);
	} else if (fabs(v) >= 1e4 && fabs(v) < 1e8 && fmod(v, 1e4) == 0) {
		snprintf(buf, n, "%g万", v / 1e4);
	} else {
		snprintf(buf, n, "%.10g", v);
	}
}

/* ---- duban calendar ---- */

int cli_calendar_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *plan = NULL, *cadence = NULL, *due_day = NULL, *first = NULL;
	const struct cli_opt opts[] = {
		{ "--plan", NULL, &plan, NULL },
		{ "--cadence", NULL, &cadence, NULL },
		{ "--due-day", NULL, &due_day, NULL },
		{ "--first", NULL, &first, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_calendar_change ch = { CADENCE_NONE, 0, NULL };
	struct svc_actor actor = { cli_actor_name() };
	struct svc_rctx rc = { &actor, 0, cli->today };
	struct store_plan_list pl;
	struct calendar cal;
	struct store *st;
	struct period cur;
	char pbuf[PERIOD_STR_LEN], dbuf[DATE_ISO_LEN];
	int64_t id = 0;
	size_t npos, np;
	bool stored, set;
	int ret = -1;

	if (wants_help(cli, argc, argv, calendar_usage))
		return 0;
	if (cli_parse_opts("calendar", argc, argv, opts, NULL, 0, &npos, e))
		return -1;
	if (cadence && cadence_parse(cadence, &ch.cadence))
		return cli_usage(e, "calendar", "--cadence 应为 monthly 或 quarterly：%s", cadence);
	if (due_day) {
		long v;

		if (cli_parse_int(due_day, 1, 31, &v, "--due-day", e))
			return -1;
		ch.due_day = (int)v;
	}
	ch.first = first;
	set = cadence || due_day || first;
	store_plan_list_init(&pl);
	if (cli_store(cli, &st, e) || svc_plan_resolve(st, plan, &id, e))
		goto out;
	if (set) {
		if (svc_calendar_set(st, &rc, id, &ch, &cal, e))
			goto out;
		stored = true;
	} else if (svc_calendar_get(st, id, &cal, &stored, e)) {
		goto out;
	}
	if (svc_plan_list(st, &pl, e))
		goto out;
	for (size_t i = 0; i < pl.n; i++)
		if (pl.v[i].id == id)
			fprintf(cli->out, "清单：%s%s%s%s（清单 ID %lld）\n", pl.v[i].doc_no,
				*pl.v[i].title ? "《" : "", pl.v[i].title,
				*pl.v[i].title ? "》" : "", (long long)id);
	if (set)
		fputs("已设置报告日历。\n", cli->out);
	fprintf(cli->out, "报告周期：%s%s\n", cadence_label(cal.cadence), stored ? "" : "（默认）");
	fprintf(cli->out, "报送截止：每期最后一个月的 %d 日（月末不足时取月末）\n", cal.due_day);
	period_format(cal.first, pbuf);
	date_format_iso(calendar_due(&cal, cal.first), dbuf);
	fprintf(cli->out, "首个报告期：%s（截止 %s）\n", pbuf, dbuf);
	np = calendar_periods(&cal, cli->today, NULL, 0);
	cur = period_of(cal.cadence, cli->today);
	if (np) {
		size_t show = np < 4 ? np : 4;
		struct period from = period_add(cur, -(long)(show - 1));

		fprintf(cli->out, "截至今天共 %zu 期；最近 %zu 期：\n", np, show);
		for (size_t i = 0; i < show; i++) {
			struct period p = period_add(from, (long)i);

			period_format(p, pbuf);
			date_format_iso(calendar_due(&cal, p), dbuf);
			fprintf(cli->out, "  %s  截止 %s\n", pbuf, dbuf);
		}
	} else {
		fputs("首个报告期尚未开始。\n", cli->out);
	}
	ret = 0;
out:
	store_plan_list_release(&pl);
	return ret;
}

/* ---- duban assignment ---- */

int cli_assignment_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *note = NULL, *reason = NULL, *unit = NULL, *on = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "--note", NULL, &note, NULL },
		{ "--reason", NULL, &reason, NULL },
		{ "--unit", NULL, &unit, NULL },
		{ "--on", NULL, &on, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_actor actor = { cli_actor_name() };
	struct svc_rctx rc = { &actor, 0, DATE_NONE };
	struct store *st;
	const char *sub;
	char what[256], day[DATE_ISO_LEN];
	int64_t id = 0, new_id = 0;
	size_t npos;

	if (wants_help(cli, argc, argv, assignment_usage))
		return 0;
	if (argc < 2)
		return cli_usage(e, "assignment", "缺少子命令 sign、dispute、confirm 或 reassign");
	sub = argv[1];
	if (strcmp(sub, "sign") && strcmp(sub, "dispute") && strcmp(sub, "confirm") &&
	    strcmp(sub, "reassign"))
		return cli_usage(e, "assignment", "未知子命令 %s（应为 sign、dispute、confirm、reassign）",
				 sub);
	if (cli_parse_opts("assignment", argc - 1, argv + 1, opts, pos, 1, &npos, e) ||
	    parse_id("assignment", npos ? pos[0] : NULL, "分工 ID", &id, e) ||
	    act_day(cli, on, &rc.today, e))
		return -1;
	if (!strcmp(sub, "dispute") && !reason)
		return cli_usage(e, "assignment", "退回须用 --reason 说明理由");
	if (!strcmp(sub, "reassign") && !unit)
		return cli_usage(e, "assignment", "改派须用 --unit 指定新的承办单位");
	if ((reason && strcmp(sub, "dispute")) || (unit && strcmp(sub, "reassign")))
		return cli_usage(e, "assignment", "%s 不接受 %s", sub, reason ? "--reason" : "--unit");
	if (note && !strcmp(sub, "dispute"))
		return cli_usage(e, "assignment", "dispute 的理由请用 --reason");
	if (cli_store(cli, &st, e))
		return -1;
	iso(rc.today, day);
	if (!strcmp(sub, "sign")) {
		if (svc_assignment_sign(st, &rc, id, note, e))
			return -1;
		describe(st, id, what, sizeof(what));
		fprintf(cli->out, "已签收：%s，签收日期 %s\n", what, day);
	} else if (!strcmp(sub, "dispute")) {
		if (svc_assignment_dispute(st, &rc, id, reason, e))
			return -1;
		describe(st, id, what, sizeof(what));
		fprintf(cli->out, "已退回：%s，退回日期 %s，理由：%s\n", what, day, reason);
		fputs("待督查室处理：duban assignment confirm（确认承办）或 reassign（改派）\n",
		      cli->out);
	} else if (!strcmp(sub, "confirm")) {
		if (svc_dispute_confirm(st, &rc, id, note, e))
			return -1;
		describe(st, id, what, sizeof(what));
		fprintf(cli->out, "已确认由原单位承办：%s（%s）；该单位须签收\n", what, day);
	} else {
		if (svc_dispute_reassign(st, &rc, id, unit, note, &new_id, e))
			return -1;
		describe(st, id, what, sizeof(what));
		fprintf(cli->out, "已改派：%s 撤销（记录保留）\n", what);
		describe(st, new_id, what, sizeof(what));
		fprintf(cli->out, "新分工：%s，交办日期 %s，待签收\n", what, day);
	}
	return 0;
}

/* ---- duban report submit ---- */

/* "320亿", "4.5", "1.2万", "85%" → a number. */
static int parse_amount(const char *s, double *out)
{
	static const struct {
		const char *word;
		double mult;
	} mags[] = { { "万亿", 1e12 }, { "亿", 1e8 }, { "千万", 1e7 }, { "百万", 1e6 },
		     { "万", 1e4 }, { "千", 1e3 }, { "%", 1 }, { "％", 1 }, { "", 1 } };
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno || !isfinite(v))
		return -1;
	for (size_t i = 0; i < sizeof(mags) / sizeof(*mags); i++) {
		if (!strcmp(end, mags[i].word)) {
			*out = v * mags[i].mult;
			return isfinite(*out) ? 0 : -1;
		}
	}
	return -1;
}

static int parse_value(const char *s, struct svc_report_value_in *out, struct err *e)
{
	const char *eq = strchr(s, '=');
	long seq;
	char head[16];

	if (!eq || eq == s || (size_t)(eq - s) >= sizeof(head))
		return err_set(e, ERR_USAGE, "目标完成值（--value）应写作 序号=数值，如 1=320亿：%s", s);
	memcpy(head, s, (size_t)(eq - s));
	head[eq - s] = '\0';
	if (cli_parse_int(head, 1, 1000, &seq, "目标完成值（--value）的序号", e))
		return -1;
	if (parse_amount(eq + 1, &out->actual))
		return err_set(e, ERR_USAGE, "目标完成值（--value）的数值无效：%s（可写 320亿、4.5、85%%）",
			       eq + 1);
	out->seq = (int)seq;
	return 0;
}

/* Take every `--NAME V` / `--NAME=V` out of argv (in place) into vals. */
static int take_repeated(const char *cmd, int *argc, char **argv, const char *name,
			 const char ***vals, size_t *n, struct err *e)
{
	size_t len = strlen(name), alloc = 0;
	int k = 1;

	for (int i = 1; i < *argc; i++) {
		const char *v = NULL;

		if (!strcmp(argv[i], "--")) {
			while (i < *argc)
				argv[k++] = argv[i++];
			break;
		}
		if (!strcmp(argv[i], name)) {
			if (i + 1 >= *argc)
				return cli_usage(e, cmd, "选项 %s 缺少值", name);
			v = argv[++i];
		} else if (!strncmp(argv[i], name, len) && argv[i][len] == '=') {
			v = argv[i] + len + 1;
		}
		if (v) {
			ALLOC_GROW(*vals, *n + 1, alloc);
			(*vals)[(*n)++] = v;
		} else {
			argv[k++] = argv[i];
		}
	}
	*argc = k;
	return 0;
}

static size_t attachment_max(struct err *e, int *bad)
{
	const char *env = getenv("DUBAN_ATTACHMENT_MAX_MIB");
	long v;

	*bad = 0;
	if (!env || !*env)
		return SVC_ATTACHMENT_MAX_DEFAULT;
	if (cli_parse_int(env, 1, 2000, &v, "环境变量 DUBAN_ATTACHMENT_MAX_MIB", e)) {
		*bad = 1;
		return 0;
	}
	return (size_t)v << 20;
}

static const char *carried_list(unsigned carried, size_t nvalues, char *buf, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	static const char *const names[] = { "完成情况", "存在问题", "下步打算", "自评" };

	for (size_t i = 0; i < 4; i++)
		if (carried & (1u << i))
			strbuf_addf(&sb, "%s%s", sb.len ? "、" : "", names[i]);
	if (carried & SVC_CARRIED_VALUES)
		strbuf_addf(&sb, "%s目标完成值 %zu 项", sb.len ? "、" : "", nvalues);
	snprintf(buf, n, "%s", sb.buf);
	strbuf_release(&sb);
	return buf;
}

static int report_submit(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *assignment = NULL, *period = NULL, *percent = NULL, *progress = NULL,
		   *problems = NULL, *next = NULL, *likelihood = NULL, *on = NULL;
	const struct cli_opt opts[] = {
		{ "--assignment", NULL, &assignment, NULL },
		{ "--period", NULL, &period, NULL },
		{ "--percent", NULL, &percent, NULL },
		{ "--progress", NULL, &progress, NULL },
		{ "--problems", NULL, &problems, NULL },
		{ "--next", NULL, &next, NULL },
		{ "--likelihood", NULL, &likelihood, NULL },
		{ "--on", NULL, &on, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	const char **value_args = NULL, **attach_args = NULL;
	size_t nvalue_args = 0, nattach_args = 0, npos;
	struct svc_report_value_in *values = NULL;
	struct svc_upload *uploads = NULL;
	struct strbuf *files = NULL;
	struct svc_actor actor = { cli_actor_name() };
	struct svc_rctx rc = { &actor, 0, DATE_NONE };
	struct svc_report_input in;
	struct svc_report_result res;
	struct store *st;
	char what[256], pbuf[PERIOD_STR_LEN], buf[160], *end;
	int ret = -1, bad;

	svc_report_result_init(&res);
	memset(&in, 0, sizeof(in));
	if (take_repeated("report", &argc, argv, "--value", &value_args, &nvalue_args, e) ||
	    take_repeated("report", &argc, argv, "--attach", &attach_args, &nattach_args, e) ||
	    cli_parse_opts("report", argc, argv, opts, NULL, 0, &npos, e) ||
	    parse_id("report", assignment, "分工 ID（--assignment）", &in.assignment_id, e) ||
	    act_day(cli, on, &rc.today, e))
		goto out;
	if (!period) {
		cli_usage(e, "report", "缺少报告期（--period，如 2022-06 或 2022-Q2）");
		goto out;
	}
	if (!percent) {
		cli_usage(e, "report", "缺少完成百分比（--percent，0 到 100）");
		goto out;
	}
	errno = 0;
	in.percent = strtod(percent, &end);
	if (end == percent || (*end && strcmp(end, "%")) || errno || !isfinite(in.percent) ||
	    in.percent < 0 || in.percent > 100) {
		err_set(e, ERR_INPUT, "完成百分比（--percent）应为 0 到 100 之间的数：%s", percent);
		goto out;
	}
	in.period = period;
	in.progress = progress;
	in.problems = problems;
	in.next_steps = next;
	in.likelihood = likelihood;
	values = xcalloc(nvalue_args ? nvalue_args : 1, sizeof(*values));
	for (size_t i = 0; i < nvalue_args; i++)
		if (parse_value(value_args[i], &values[i], e))
			goto out;
	in.values = values;
	in.nvalues = nvalue_args;
	in.max_attachment = attachment_max(e, &bad);
	if (bad)
		goto out;
	uploads = xcalloc(nattach_args ? nattach_args : 1, sizeof(*uploads));
	files = xcalloc(nattach_args ? nattach_args : 1, sizeof(*files));
	for (size_t i = 0; i < nattach_args; i++) {
		strbuf_init(&files[i], 0);
		if (fileio_read(attach_args[i], in.max_attachment, &files[i], e)) {
			err_prefix(e, "附件：");
			goto out;
		}
		uploads[i].name = fileio_basename(attach_args[i]);
		uploads[i].data = files[i].buf;
		uploads[i].len = files[i].len;
	}
	in.uploads = uploads;
	in.nuploads = nattach_args;
	if (cli_store(cli, &st, e) || svc_report_submit(st, &rc, &in, &res, e))
		goto out;
	describe(st, in.assignment_id, what, sizeof(what));
	period_format(res.period, pbuf);
	fprintf(cli->out, "已报送：报告 %lld，%s %s %s 第 %d 版，完成 %g%%\n",
		(long long)res.report_id, what, pbuf, cadence_label(res.period.cadence),
		res.version, in.percent);
	if (res.carried) {
		period_format(res.carried_period, pbuf);
		fprintf(cli->out, "沿用上次报告（%s 第 %d 版，报告 %lld）：%s\n", pbuf,
			res.carried_version, (long long)res.carried_from,
			carried_list(res.carried, res.values_carried, buf, sizeof(buf)));
	}
	if (res.attachments_stored || res.attachments_known)
		fprintf(cli->out, "附件：新保存 %zu 个，内容已存在 %zu 个（相同内容只存一份）\n",
			res.attachments_stored, res.attachments_known);
	for (size_t i = 0; i < res.notes.n; i++)
		fprintf(cli->msg, "注意：%s\n", res.notes.v[i].msg);
	ret = 0;
out:
	for (size_t i = 0; files && i < nattach_args; i++)
		strbuf_release(&files[i]);
	free(files);
	free(uploads);
	free(values);
	free(value_args);
	free(attach_args);
	svc_report_result_release(&res);
	return ret;
}

/* ---- duban report show / history / attachment ---- */

static const char *likelihood_text(enum likelihood l)
{
	return l == LIKELIHOOD_NONE ? "（未填）" : likelihood_label(l);
}

static void print_report(struct cli *cli, const struct svc_assignment_record *r, size_t idx)
{
	const struct store_report *rp = &r->rec.reports[idx];
	const struct task *t = &r->ctx.task;
	FILE *out = cli->out;
	char pbuf[PERIOD_STR_LEN], d[DATE_ISO_LEN], v[64];

	period_format(rp->period, pbuf);
	fprintf(out, "报告 %lld：%s %s 第 %d 版%s\n", (long long)rp->id, pbuf,
		cadence_label(rp->period.cadence), rp->version, rp->sample ? SAMPLE_MARK : "");
	fprintf(out, "分工 %lld：第 %d 项任务，%s（%s）\n", (long long)r->ctx.row.a.id,
		r->ctx.row.task_no, r->ctx.row.a.unit_name,
		assignment_role_label(r->ctx.row.a.role));
	iso(rp->submitted_on, d);
	fprintf(out, "报送：%s，%s（记录于 %s）\n", d, rp->author, rp->recorded_at);
	fprintf(out, "完成百分比：%g%%\n", rp->percent);
	fprintf(out, "自评：%s\n", likelihood_text(rp->likelihood));
	fprintf(out, "完成情况：%s\n", rp->progress);
	fprintf(out, "存在问题：%s\n", *rp->problems ? rp->problems : "（无）");
	fprintf(out, "下步打算：%s\n", *rp->next_steps ? rp->next_steps : "（无）");
	if (rp->nvalues) {
		fputs("目标完成值：\n", out);
		for (size_t i = 0; i < rp->nvalues; i++) {
			int seq = rp->values[i].seq;

			num(rp->values[i].actual, v, sizeof(v));
			if (seq >= 1 && (size_t)seq <= t->ntargets)
				fprintf(out, "  %d. %s：%s%s\n", seq, t->targets[seq - 1].text, v,
					t->targets[seq - 1].unit);
			else
				fprintf(out, "  %d. %s\n", seq, v);
		}
	}
	if (rp->nattachments) {
		fputs("附件：\n", out);
		for (size_t i = 0; i < rp->nattachments; i++)
			fprintf(out, "  %s（%s，%lld 字节）sha256 %s\n", rp->attachments[i].name,
				rp->attachments[i].mime, (long long)rp->attachments[i].size,
				rp->attachments[i].sha256);
	}
	if (rp->review == REVIEW_PENDING) {
		fputs("审核：待审核\n", out);
	} else {
		iso(rp->reviewed_on, d);
		fprintf(out, "审核：%s（%s，%s）%s%s%s\n", review_label(rp->review), d, rp->reviewer,
			*rp->review_reason ? "：" : "", rp->review_reason,
			rp->review_sample ? SAMPLE_MARK : "");
	}
	for (size_t i = idx + 1; i < r->rec.nreports; i++)
		if (!period_cmp(r->rec.reports[i].period, rp->period))
			fprintf(out, "注意：本期已有更新版本：第 %d 版（报告 %lld）\n",
				r->rec.reports[i].version, (long long)r->rec.reports[i].id);
}

struct event {
	struct date on;
	int order;		/* within a day: the order things happen */
	char *text;		/* malloc'd */
};

static void add_event(struct event **v, size_t *n, size_t *alloc, struct date on, int order,
		      bool sample, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void add_event(struct event **v, size_t *n, size_t *alloc, struct date on, int order,
		      bool sample, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (sample)
		strbuf_addstr(&sb, SAMPLE_MARK);
	ALLOC_GROW(*v, *n + 1, *alloc);
	(*v)[*n].on = on;
	(*v)[*n].order = order * 1000000 + (int)*n;
	(*v)[(*n)++].text = strbuf_detach(&sb, NULL);
}

static int cmp_event(const void *a, const void *b)
{
	const struct event *x = a, *y = b;
	int c = date_cmp(x->on, y->on);

	return c ? c : (x->order > y->order) - (x->order < y->order);
}

static void print_history(struct cli *cli, const struct svc_assignment_record *r)
{
	const struct store_reporting *rec = &r->rec;
	struct event *ev = NULL;
	size_t n = 0, alloc = 0;
	char pbuf[PERIOD_STR_LEN], d1[DATE_ISO_LEN], d2[DATE_ISO_LEN];
	struct date due = svc_due_in_force(r, cli->today);
	bool sample = false;

	fprintf(cli->out, "分工 %lld：第 %d 项任务，%s（%s）%s%s，%s\n", (long long)r->ctx.row.a.id,
		r->ctx.row.task_no, r->ctx.row.a.unit_name,
		assignment_role_label(r->ctx.row.a.role), r->ctx.row.group_name ? "，经由 " : "",
		r->ctx.row.group_name ? r->ctx.row.group_name : "",
		r->ctx.row.a.flags & ASSIGN_RETIRED ? "已撤销" : "有效");
	iso(r->handed_over, d1);
	iso(r->due, d2);
	fprintf(cli->out, "交办 %s，完成时限 %s", d1, d2);
	if (date_cmp(due, r->due)) {
		iso(due, d2);
		fprintf(cli->out, "（经批准延期，现行 %s）", d2);
	}
	fputs("\n", cli->out);

	if (rec->reassigned_from)
		add_event(&ev, &n, &alloc, rec->reassigned_from->decided_on, 0,
			  rec->reassigned_from->sample, "交办（由分工 %lld 改派而来）",
			  (long long)rec->reassigned_from->assignment_id);
	if (rec->dispute) {
		const struct store_dispute *dp = rec->dispute;

		add_event(&ev, &n, &alloc, dp->raised_on, 1, dp->sample, "退回（%s）：%s",
			  dp->raised_by, dp->reason);
		if (dp->decision == STORE_DISPUTE_CONFIRMED)
			add_event(&ev, &n, &alloc, dp->decided_on, 2, dp->sample,
				  "督查室确认由本单位承办（%s）%s%s", dp->decided_by,
				  *dp->decision_note ? "：" : "", dp->decision_note);
		else if (dp->decision == STORE_DISPUTE_REASSIGNED)
			add_event(&ev, &n, &alloc, dp->decided_on, 2, dp->sample,
				  "督查室改派给分工 %lld（%s）%s%s", (long long)dp->new_assignment_id,
				  dp->decided_by, *dp->decision_note ? "：" : "", dp->decision_note);
	}
	if (rec->signoff)
		add_event(&ev, &n, &alloc, rec->signoff->on, 3, rec->signoff->sample, "签收（%s）%s%s",
			  rec->signoff->by, *rec->signoff->note ? "：" : "", rec->signoff->note);
	for (size_t i = 0; i < rec->nreports; i++) {
		const struct store_report *rp = &rec->reports[i];

		period_format(rp->period, pbuf);
		add_event(&ev, &n, &alloc, rp->submitted_on, 4, rp->sample,
			  "报送 %s %s 第 %d 版（报告 %lld）：完成 %g%%，自评 %s", pbuf,
			  cadence_label(rp->period.cadence), rp->version, (long long)rp->id,
			  rp->percent, likelihood_text(rp->likelihood));
		if (rp->review != REVIEW_PENDING)
			add_event(&ev, &n, &alloc, rp->reviewed_on, 5, rp->review_sample,
				  "%s报告 %lld（%s）%s%s",
				  rp->review == REVIEW_ACCEPTED ? "审核通过" : "退办", (long long)rp->id,
				  rp->reviewer, *rp->review_reason ? "：" : "", rp->review_reason);
		sample = sample || rp->sample;
	}
	for (size_t i = 0; i < rec->nextensions; i++) {
		const struct store_extension *x = &rec->extensions[i];

		iso(x->old_due, d1);
		iso(x->new_due, d2);
		add_event(&ev, &n, &alloc, x->requested_on, 6, x->sample,
			  "申请延期（申请 %lld）：%s → %s，理由：%s", (long long)x->id, d1, d2,
			  x->reason);
		if (x->state == EXT_APPROVED) {
			iso(x->approved_due, d2);
			add_event(&ev, &n, &alloc, x->decided_on, 7, x->sample,
				  "批准延期申请 %lld，新时限 %s（%s）%s%s", (long long)x->id, d2,
				  x->decided_by, *x->decision_note ? "：" : "", x->decision_note);
		} else if (x->state == EXT_REFUSED) {
			add_event(&ev, &n, &alloc, x->decided_on, 7, x->sample,
				  "不予批准延期申请 %lld（%s）：%s", (long long)x->id, x->decided_by,
				  x->decision_note);
		}
	}
	if (rec->verification)
		add_event(&ev, &n, &alloc, rec->verification->on, 8, rec->verification->sample,
			  "销号（%s）%s%s", rec->verification->by,
			  *rec->verification->note ? "：" : "", rec->verification->note);
	if (n > 1)
		qsort(ev, n, sizeof(*ev), cmp_event);
	if (!n)
		fputs("尚无签收、退回或报告记录。\n", cli->out);
	for (size_t i = 0; i < n; i++) {
		iso(ev[i].on, d1);
		fprintf(cli->out, "%s  %s\n", d1, ev[i].text);
		free(ev[i].text);
	}
	free(ev);
	if (sample)
		fputs("（标有“示例数据”的记录由 duban demo-data 生成，仅供演示。）\n", cli->out);
}

static int report_show(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *pos[1];
	struct svc_assignment_record r;
	struct store *st;
	size_t npos, idx = (size_t)-1;
	int64_t id = 0;
	int ret = -1;

	svc_assignment_record_init(&r);
	if (cli_parse_opts("report", argc, argv, NULL, pos, 1, &npos, e) ||
	    parse_id("report", npos ? pos[0] : NULL, "报告 ID", &id, e) || cli_store(cli, &st, e) ||
	    svc_report_find(st, 0, id, &r, &idx, e))
		goto out;
	if (idx == (size_t)-1) {
		err_set(e, ERR_NOT_FOUND, "没有 ID 为 %lld 的进展报告", (long long)id);
		goto out;
	}
	print_report(cli, &r, idx);
	ret = 0;
out:
	svc_assignment_record_release(&r);
	return ret;
}

static int report_history(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *assignment = NULL;
	const struct cli_opt opts[] = {
		{ "--assignment", NULL, &assignment, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_assignment_record r;
	struct store *st;
	size_t npos;
	int64_t id = 0;
	int ret = -1;

	svc_assignment_record_init(&r);
	if (cli_parse_opts("report", argc, argv, opts, NULL, 0, &npos, e) ||
	    parse_id("report", assignment, "分工 ID（--assignment）", &id, e) ||
	    cli_store(cli, &st, e) || svc_assignment_record_load(st, 0, id, &r, e))
		goto out;
	print_history(cli, &r);
	ret = 0;
out:
	svc_assignment_record_release(&r);
	return ret;
}

static int report_attachment(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *output = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "--output", "-o", &output, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct store_attachment a;
	struct arena ar = ARENA_INIT;
	struct store *st;
	size_t npos;
	int ret = -1;

	if (cli_parse_opts("report", argc, argv, opts, pos, 1, &npos, e))
		goto out;
	if (!npos) {
		cli_usage(e, "report", "缺少附件的 SHA-256（见 duban report show）");
		goto out;
	}
	if (cli_store(cli, &st, e) || svc_attachment_get(st, 0, pos[0], &ar, &a, e) ||
	    fileio_write_atomic(output ? output : "-", a.data, (size_t)a.size, e))
		goto out;
	if (output)
		fprintf(cli->msg, "已写出附件“%s”（%s，%lld 字节）到 %s\n", a.name, a.mime,
			(long long)a.size, output);
	ret = 0;
out:
	arena_release(&ar);
	return ret;
}

int cli_report_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	if (wants_help(cli, argc, argv, report_usage))
		return 0;
	if (argc < 2)
		return cli_usage(e, "report", "缺少子命令 submit、show、history 或 attachment");
	if (!strcmp(argv[1], "submit"))
		return report_submit(cli, argc - 1, argv + 1, e);
	if (!strcmp(argv[1], "show"))
		return report_show(cli, argc - 1, argv + 1, e);
	if (!strcmp(argv[1], "history"))
		return report_history(cli, argc - 1, argv + 1, e);
	if (!strcmp(argv[1], "attachment"))
		return report_attachment(cli, argc - 1, argv + 1, e);
	return cli_usage(e, "report", "未知子命令 %s（应为 submit、show、history、attachment）",
			 argv[1]);
}

/* ---- duban review ---- */

int cli_review_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *reason = NULL, *on = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "--reason", NULL, &reason, NULL },
		{ "--on", NULL, &on, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_actor actor = { cli_actor_name() };
	struct svc_rctx rc = { &actor, 0, DATE_NONE };
	struct store *st;
	enum review_state decision;
	char day[DATE_ISO_LEN];
	size_t npos;
	int64_t id = 0;

	if (wants_help(cli, argc, argv, review_usage))
		return 0;
	if (argc < 2)
		return cli_usage(e, "review", "缺少子命令 accept 或 return");
	if (!strcmp(argv[1], "accept"))
		decision = REVIEW_ACCEPTED;
	else if (!strcmp(argv[1], "return"))
		decision = REVIEW_RETURNED;
	else
		return cli_usage(e, "review", "未知子命令 %s（应为 accept 或 return）", argv[1]);
	if (cli_parse_opts("review", argc - 1, argv + 1, opts, pos, 1, &npos, e) ||
	    parse_id("review", npos ? pos[0] : NULL, "报告 ID", &id, e) ||
	    act_day(cli, on, &rc.today, e))
		return -1;
	if (decision == REVIEW_RETURNED && !reason)
		return cli_usage(e, "review", "退办须用 --reason 说明理由");
	if (cli_store(cli, &st, e) || svc_report_review(st, &rc, id, decision, reason, e))
		return -1;
	iso(rc.today, day);
	if (decision == REVIEW_ACCEPTED)
		fprintf(cli->out, "报告 %lld 审核通过（%s）\n", (long long)id, day);
	else
		fprintf(cli->out, "报告 %lld 已退办（%s），理由：%s；责任单位须重新报送\n",
			(long long)id, day, reason);
	return 0;
}

/* ---- duban extension ---- */

int cli_extension_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *assignment = NULL, *due = NULL, *reason = NULL, *note = NULL, *on = NULL,
		   *pos[1];
	const struct cli_opt opts[] = {
		{ "--assignment", NULL, &assignment, NULL },
		{ "--due", NULL, &due, NULL },
		{ "--reason", NULL, &reason, NULL },
		{ "--note", NULL, &note, NULL },
		{ "--on", NULL, &on, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_actor actor = { cli_actor_name() };
	struct svc_rctx rc = { &actor, 0, DATE_NONE };
	struct store *st;
	struct date d = DATE_NONE;
	char what[256], d1[DATE_ISO_LEN];
	const char *sub;
	size_t npos;
	int64_t id = 0;

	if (wants_help(cli, argc, argv, extension_usage))
		return 0;
	if (argc < 2)
		return cli_usage(e, "extension", "缺少子命令 request、approve 或 refuse");
	sub = argv[1];
	if (strcmp(sub, "request") && strcmp(sub, "approve") && strcmp(sub, "refuse"))
		return cli_usage(e, "extension", "未知子命令 %s（应为 request、approve、refuse）", sub);
	if (cli_parse_opts("extension", argc - 1, argv + 1, opts, pos, 1, &npos, e) ||
	    act_day(cli, on, &rc.today, e))
		return -1;
	if (due && parse_date(due, "完成时限（--due）", &d, e))
		return -1;
	if (cli_store(cli, &st, e))
		return -1;
	if (!strcmp(sub, "request")) {
		int64_t aid = 0, xid = 0;

		if (npos)
			return cli_usage(e, "extension", "request 用 --assignment 指定分工");
		if (parse_id("extension", assignment, "分工 ID（--assignment）", &aid, e))
			return -1;
		if (!due)
			return cli_usage(e, "extension", "缺少申请的新时限（--due YYYY-MM-DD）");
		if (!reason)
			return cli_usage(e, "extension", "缺少延期理由（--reason）");
		if (note)
			return cli_usage(e, "extension", "request 不接受 --note");
		if (svc_extension_request(st, &rc, aid, d, reason, &xid, e))
			return -1;
		describe(st, aid, what, sizeof(what));
		iso(d, d1);
		fprintf(cli->out, "已申请延期：申请 %lld，%s，申请延至 %s，待督查室审批\n",
			(long long)xid, what, d1);
		return 0;
	}
	if (assignment)
		return cli_usage(e, "extension", "%s 用申请 ID 指定，不接受 --assignment", sub);
	if (parse_id("extension", npos ? pos[0] : NULL, "延期申请 ID", &id, e))
		return -1;
	if (!strcmp(sub, "approve")) {
		if (reason)
			return cli_usage(e, "extension", "批准意见请用 --note");
		if (svc_extension_decide(st, &rc, id, true, d, note, e))
			return -1;
		fprintf(cli->out, "已批准延期申请 %lld", (long long)id);
	} else {
		if (due)
			return cli_usage(e, "extension", "refuse 不接受 --due");
		if (!reason)
			return cli_usage(e, "extension", "不予批准须用 --reason 说明理由");
		if (svc_extension_decide(st, &rc, id, false, DATE_NONE, reason, e))
			return -1;
		fprintf(cli->out, "不予批准延期申请 %lld，原时限不变", (long long)id);
	}
	iso(rc.today, d1);
	fprintf(cli->out, "（%s）\n", d1);
	return 0;
}

/* ---- duban verify ---- */

int cli_verify_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *note = NULL, *on = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "--note", NULL, &note, NULL },
		{ "--on", NULL, &on, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_actor actor = { cli_actor_name() };
	struct svc_rctx rc = { &actor, 0, DATE_NONE };
	struct store *st;
	char what[256], day[DATE_ISO_LEN];
	size_t npos;
	int64_t id = 0;

	if (wants_help(cli, argc, argv, verify_usage))
		return 0;
	if (cli_parse_opts("verify", argc, argv, opts, pos, 1, &npos, e) ||
	    parse_id("verify", npos ? pos[0] : NULL, "分工 ID", &id, e) ||
	    act_day(cli, on, &rc.today, e) || cli_store(cli, &st, e) ||
	    svc_assignment_verify(st, &rc, id, note, e))
		return -1;
	describe(st, id, what, sizeof(what));
	iso(rc.today, day);
	fprintf(cli->out, "已销号：%s（%s）\n", what, day);
	return 0;
}

/* ---- duban demo-data ---- */

int cli_demo_data_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *as_of = NULL, *seed = NULL, *plan = NULL;
	const struct cli_opt opts[] = {
		{ "--as-of", NULL, &as_of, NULL },
		{ "--seed", NULL, &seed, NULL },
		{ "--plan", NULL, &plan, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_actor actor = { cli_actor_name() };
	struct svc_demo_stats s;
	struct store *st;
	struct date day;
	char dbuf[DATE_ISO_LEN];
	long sd = 1;
	size_t npos;
	int64_t id = 0;

	if (cli_wants_help(cli, argc, argv, demo_usage))
		return 0;
	if (cli_parse_opts("demo-data", argc, argv, opts, NULL, 0, &npos, e))
		return -1;
	if (!as_of)
		return cli_usage(e, "demo-data", "缺少 --as-of 日期（示例数据截至哪一天）");
	if (parse_date(as_of, "截至日期（--as-of）", &day, e) ||
	    (seed && cli_parse_int(seed, 0, 2147483647L, &sd, "--seed", e)) ||
	    cli_store(cli, &st, e) || svc_plan_resolve(st, plan, &id, e) ||
	    svc_demo_data(st, &actor, id, day, (unsigned long)sd, &s, e))
		return -1;
	if (s.skipped) {
		fputs("清单已有示例数据，未做更改。\n", cli->out);
		return 0;
	}
	date_format_iso(day, dbuf);
	fprintf(cli->out, "已生成示例数据（截至 %s，种子 %ld）：分工 %zu 项，签收 %zu，退回 %zu"
		"（其中改派 %zu），进展报告 %zu 份（退办 %zu），延期申请 %zu，销号 %zu。\n",
		dbuf, sd, s.assignments, s.signed_for, s.disputes, s.reassigned, s.reports,
		s.returned, s.extensions, s.verified);
	fputs("以上记录均标为“示例数据”，仅供演示。查看：duban status --as-of ", cli->out);
	fprintf(cli->out, "%s\n", dbuf);
	return 0;
}
