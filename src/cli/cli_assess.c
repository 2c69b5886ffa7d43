/* `duban assess|appeal`: the annual assessment (scores, ranks, breakdown lines, rules, what-if) and appeals. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli_sv.h"
#include "service/assess_service.h"
#include "store/store.h"
#include "util/fileio.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define UNIT_MAX_WIDTH 24

static const char assess_usage[] =
	"用法: duban assess --year 年份 [--rules 文件] [--unit 单位] [--breakdown]\n"
	"                   [--as-of 日期] [--plan 清单] [--config 文件]\n"
	"      duban assess rules --year 年份 [--set 文件]\n"
	"\n"
	"年度考核：按通知所列三部分计分——职责履行（签收、报送、回复督查单、退回）、行政\n"
	"效能（首报时间、回复和完成是否逾期、提前完成加分）、任务完成情况（按承担任务的\n"
	"分值和销号情况计分，超额完成加分、期末为红扣分），督办事项和问责按事由扣分。\n"
	"输出每个单位的各部分得分、总分和排名；--breakdown 或 --unit 列出明细，每一行注明\n"
	"产生它的事项和它的编号（申诉时用，见 duban appeal）。\n"
	"\n"
	"规则：用 duban assess rules --year 年份 --set 文件 为该年度设置（文件格式即\n"
	"duban assess rules 的输出，每项一行 键 = 值，未写的项取默认值）；未设置时用默认值。\n"
	"--rules 文件 按另一份规则试算（what-if），不保存任何内容。\n"
	"\n"
	"选项:\n"
	"  --year 年份      考核年度（必填）；清单默认为该年度的清单\n"
	"  --rules 文件     按该规则文件试算，不保存\n"
	"  --unit 单位      只看该单位（名录中的名称或别名），并列出明细\n"
	"  --breakdown      列出每个单位的明细\n"
	"  --as-of 日期     考核截至日期（默认今天与年底中较早者；不得晚于今天）\n"
	"  --plan 清单      ID、文号或年份（默认：该年度的清单）\n"
	"  --config 文件    状态阈值配置文件（见 duban status --help）\n"
	"  --set 文件       （rules）保存该文件为该年度的考核规则\n"
	"\n"
	"退出码: 0 成功；1 清单或单位不存在、规则文件有误；2 用法错误；3 数据库错误。\n";

static const char appeal_usage[] =
	"用法: duban appeal add --year 年份 --unit 单位 --line 明细编号 --reason 理由\n"
	"                       [--on 日期] [--plan 清单]\n"
	"      duban appeal decide 申诉ID (--uphold | --correct 分值) [--note 意见] [--on 日期]\n"
	"      duban appeal list [--year 年份]\n"
	"\n"
	"申诉：单位对考核明细中的一行提出申诉（明细编号见 duban assess --unit 单位），\n"
	"督查室维持原分（--uphold）或予以更正（--correct 分值，如 -0.5 或 0），处理结果\n"
	"记录在案，此后的考核按更正后的分值计算并注明。每行只能申诉一次。\n"
	"\n"
	"选项:\n"
	"  --year 年份       考核年度\n"
	"  --unit 单位       申诉的单位（名录中的名称或别名）\n"
	"  --line 编号       明细编号，如 a123:report:2022-06\n"
	"  --reason 理由     申诉理由\n"
	"  --uphold          维持原分\n"
	"  --correct 分值    更正为该分值（扣分写负数，最多两位小数）\n"
	"  --note 意见       处理意见\n"
	"  --on 日期         申诉或处理日期（默认今天，不得晚于今天）\n"
	"\n"
	"退出码: 0 成功；1 没有该单位、明细或申诉，已申诉、已处理；2 用法错误；3 数据库错误。\n";

static int parse_year(const char *cmd, const char *s, int *out, struct err *e)
{
	long v;

	if (!s)
		return cli_usage(e, cmd, "缺少 --year（考核年度）");
	if (cli_parse_int(s, 1900, 2999, &v, "--year", e))
		return -1;
	*out = (int)v;
	return 0;
}

/* "1.5", "-2", "−0.5", "+1" → hundredths. */
static int parse_points(const char *s, int *cp)
{
	static const char minus[] = "\xe2\x88\x92";	/* U+2212 */
	int sign = 1, whole = 0, frac = 0, nd = 0, nf = 0;

	if (*s == '-' || *s == '+') {
		sign = *s == '-' ? -1 : 1;
		s++;
	} else if (!strncmp(s, minus, 3)) {
		sign = -1;
		s += 3;
	}
	for (; *s >= '0' && *s <= '9'; s++, nd++) {
		if (whole > 100000)
			return -1;
		whole = whole * 10 + (*s - '0');
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, nf++) {
			if (nf >= 2)
				return -1;
			frac = frac * 10 + (*s - '0');
		}
		if (!nf)
			return -1;
		if (nf == 1)
			frac *= 10;
	}
	if (*s || !nd)
		return -1;
	*cp = sign * (whole * 100 + frac);
	return 0;
}

/* A score without the sign of a change: "37.5", "0", "−2" (only a negative sum has one). */
static void points(int cp, char *buf, size_t cap)
{
	char p[16];

	assess_format_points(cp, p);
	snprintf(buf, cap, "%s", p[0] == '+' ? p + 1 : p);
}

static void print_lines(struct cli *cli, const struct assess_score *sc)
{
	for (size_t j = 0; j < sc->nlines; j++) {
		const struct assess_line *l = &sc->lines[j];
		char buf[1024];

		assess_line_format(l, buf, sizeof(buf));
		fprintf(cli->out, "    %-24s %s  %s\n", l->fixed ? "" : l->key,
			assess_part_label(l->part), buf);
	}
}

static void print_head(struct cli *cli, const struct svc_assessment *a, const char *rules_file)
{
	const struct plan *p = &a->sv.st.doc.plan;
	char d[24];

	clisv_date(a->res.as_of, d, sizeof(d));
	fprintf(cli->out, "%d 年度考核：%s%s%s%s，截至 %s\n", a->res.year, p->doc_no ? p->doc_no : "",
		p->title ? "《" : "", p->title ? p->title : "", p->title ? "》" : "", d);
	if (a->rules_from == SVC_RULES_FILE)
		fprintf(cli->out, "规则：文件 %s（试算，不保存）\n", rules_file);
	else
		fprintf(cli->out, "规则：%s（duban assess rules --year %d 查看）\n",
			a->rules_from == SVC_RULES_STORED ? "本年度已设置的规则" : "默认规则",
			a->res.year);
	if (a->sv.st.nsample)
		fputs("【示例数据】本清单的记录含示例数据，以下得分仅供演示。\n", cli->out);
	fputc('\n', cli->out);
}

static void print_table(struct cli *cli, const struct assess_result *r,
			const struct assess_score *only)
{
	size_t wname = cli_width("单位");
	char b[5][24];

	for (size_t i = 0; i < r->n; i++) {
		size_t w = cli_width(r->units[i].unit_name);

		if ((!only || only == &r->units[i]) && w > wname)
			wname = w;
	}
	if (wname > UNIT_MAX_WIDTH)
		wname = UNIT_MAX_WIDTH;
	fputs("排名  ", cli->out);
	cli_put_cell(cli->out, "单位", wname + 2, false, false);
	fputs("职责履行  行政效能  任务完成情况  总分    分工\n", cli->out);
	for (size_t i = 0; i < r->n; i++) {
		const struct assess_score *sc = &r->units[i];

		if (only && only != sc)
			continue;
		if (sc->rank > 0)
			snprintf(b[0], sizeof(b[0]), "%d", sc->rank);
		else
			snprintf(b[0], sizeof(b[0]), "—");
		points(sc->part_cp[PART_DUTY], b[1], sizeof(b[1]));
		points(sc->part_cp[PART_EFFICIENCY], b[2], sizeof(b[2]));
		points(sc->part_cp[PART_COMPLETION], b[3], sizeof(b[3]));
		points(sc->total_cp, b[4], sizeof(b[4]));
		cli_put_cell(cli->out, b[0], 6, false, false);
		cli_put_cell(cli->out, sc->unit_name, wname + 2, true, false);
		cli_put_cell(cli->out, b[1], 10, false, false);
		cli_put_cell(cli->out, b[2], 10, false, false);
		cli_put_cell(cli->out, b[3], 14, false, false);
		cli_put_cell(cli->out, b[4], 8, false, false);
		fprintf(cli->out, "%zu\n", sc->nassignments);
	}
}

static int assess_rules(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *year_s = NULL, *set = NULL;
	const struct cli_opt opts[] = {
		{ "--year", NULL, &year_s, NULL },
		{ "--set", NULL, &set, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_actor actor = { cli_actor_name() };
	struct svc_rctx rc = { &actor, 0, cli->today };
	struct strbuf sb = STRBUF_INIT;
	struct store *st;
	size_t npos;
	bool stored;
	int year = 0, ret = -1;

	if (cli_parse_opts("assess", argc, argv, opts, NULL, 0, &npos, e) ||
	    parse_year("assess", year_s, &year, e))
		return -1;
	if (set) {
		if (fileio_read(set, SVC_RULES_MAX_BYTES, &sb, e))
			goto out;
		if (memchr(sb.buf, '\0', sb.len)) {
			err_set(e, ERR_INPUT, "%s: 不是文本文件", set);
			goto out;
		}
		if (cli_store(cli, &st, e) ||
		    svc_assess_rules_set(st, &rc, year, sb.buf, fileio_basename(set), e))
			goto out;
		fprintf(cli->out, "已设置 %d 年度考核规则（%s）\n", year, set);
		ret = 0;
		goto out;
	}
	if (cli_store(cli, &st, e) || svc_assess_rules_get(st, year, &sb, &stored, e))
		goto out;
	fprintf(cli->out, "# %d 年度考核规则：%s\n", year,
		stored ? "已设置" : "未设置，以下为默认值（可另存为文件修改后用 --set 设置）");
	fputs(sb.buf, cli->out);
	if (sb.len && sb.buf[sb.len - 1] != '\n')
		fputc('\n', cli->out);
	ret = 0;
out:
	strbuf_release(&sb);
	return ret;
}

int cli_assess_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *year_s = NULL, *rules = NULL, *unit = NULL, *as_of = NULL, *plan = NULL,
		   *config = NULL;
	bool breakdown = false;
	const struct cli_opt opts[] = {
		{ "--year", NULL, &year_s, NULL },
		{ "--rules", NULL, &rules, NULL },
		{ "--unit", NULL, &unit, NULL },
		{ "--as-of", NULL, &as_of, NULL },
		{ "--plan", NULL, &plan, NULL },
		{ "--config", NULL, &config, NULL },
		{ "--breakdown", NULL, NULL, &breakdown },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_assessment a;
	struct svc_assess_opts o;
	struct status_config cfg;
	const struct assess_score *only = NULL;
	struct store *st;
	size_t npos;
	int ret = -1;

	if (cli_wants_help(cli, argc, argv, assess_usage))
		return 0;
	if (argc >= 2 && !strcmp(argv[1], "rules"))
		return assess_rules(cli, argc - 1, argv + 1, e);
	memset(&o, 0, sizeof(o));
	if (cli_parse_opts("assess", argc, argv, opts, NULL, 0, &npos, e) ||
	    parse_year("assess", year_s, &o.year, e) ||
	    clisv_view_day(cli, "assess", as_of, &o.as_of, e) ||
	    clisv_config(config, &cfg, &o.status_cfg, e))
		return -1;
	o.plan_spec = plan;
	o.rules_file = rules;
	svc_assessment_init(&a);
	if (cli_store(cli, &st, e) || svc_assess(st, &o, &a, e))
		goto out;
	if (unit && svc_assess_find_unit(st, &a, unit, &only, e))
		goto out;
	print_head(cli, &a, rules);
	if (only) {
		char line[512];

		assess_score_describe(only, line, sizeof(line));
		fprintf(cli->out, "%s：%s\n\n", only->unit_name, line);
	}
	print_table(cli, &a.res, only);
	if (breakdown || only) {
		fputs("\n明细（编号用于申诉：duban appeal add --line 编号）：\n", cli->out);
		for (size_t i = 0; i < a.res.n; i++) {
			const struct assess_score *sc = &a.res.units[i];

			if (only && only != sc)
				continue;
			fprintf(cli->out, "\n  %s\n", sc->unit_name);
			print_lines(cli, sc);
		}
	}
	for (size_t i = 0; i < a.res.nunmatched; i++)
		fprintf(cli->msg, "注意：申诉 %lld（%s）在本次计算中没有对应的明细，未予适用\n",
			(long long)a.res.unmatched[i]->id, a.res.unmatched[i]->line_key);
	ret = 0;
out:
	svc_assessment_release(&a);
	return ret;
}

/* ---- duban appeal ---- */

static int appeal_add(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *year_s = NULL, *unit = NULL, *line = NULL, *reason = NULL, *on = NULL,
		   *plan = NULL;
	const struct cli_opt opts[] = {
		{ "--year", NULL, &year_s, NULL },
		{ "--unit", NULL, &unit, NULL },
		{ "--line", NULL, &line, NULL },
		{ "--reason", NULL, &reason, NULL },
		{ "--on", NULL, &on, NULL },
		{ "--plan", NULL, &plan, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_actor actor = { cli_actor_name() };
	struct svc_rctx rc = { &actor, 0, DATE_NONE };
	struct svc_appeal_input in;
	struct store *st;
	int64_t id = 0;
	size_t npos;

	memset(&in, 0, sizeof(in));
	if (cli_parse_opts("appeal", argc, argv, opts, NULL, 0, &npos, e) ||
	    parse_year("appeal", year_s, &in.year, e) ||
	    clisv_act_day(cli, on, "--on", &rc.today, e))
		return -1;
	if (!unit || !line || !reason)
		return cli_usage(e, "appeal", "申诉须给出 --unit、--line 和 --reason");
	in.plan_spec = plan;
	in.unit = unit;
	in.line_key = line;
	in.reason = reason;
	if (cli_store(cli, &st, e) || svc_appeal_file(st, &rc, &in, &id, e))
		return -1;
	fprintf(cli->out, "已受理申诉：申诉 %lld，%s，%d 年度考核明细 %s\n", (long long)id, unit,
		in.year, line);
	return 0;
}

static int appeal_decide(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *correct = NULL, *note = NULL, *on = NULL, *pos[1];
	bool uphold = false;
	const struct cli_opt opts[] = {
		{ "--uphold", NULL, NULL, &uphold },
		{ "--correct", NULL, &correct, NULL },
		{ "--note", NULL, &note, NULL },
		{ "--on", NULL, &on, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct svc_actor actor = { cli_actor_name() };
	struct svc_rctx rc = { &actor, 0, DATE_NONE };
	struct store *st;
	int64_t id = 0;
	size_t npos;
	int cp = 0;

	if (cli_parse_opts("appeal", argc, argv, opts, pos, 1, &npos, e) ||
	    clisv_id("appeal", npos ? pos[0] : NULL, "申诉 ID", &id, e) ||
	    clisv_act_day(cli, on, "--on", &rc.today, e))
		return -1;
	if (uphold == !!correct)
		return cli_usage(e, "appeal", "处理申诉须用 --uphold 或 --correct 分值（二者取一）");
	if (correct && parse_points(correct, &cp))
		return cli_usage(e, "appeal", "--correct 应为分值（最多两位小数，扣分写负数）：%s",
				 correct);
	if (cli_store(cli, &st, e) ||
	    svc_appeal_decide(st, &rc, id, uphold ? APPEAL_UPHELD : APPEAL_CORRECTED, cp, note, e))
		return -1;
	if (uphold) {
		fprintf(cli->out, "申诉 %lld：维持原分\n", (long long)id);
	} else {
		char p[16];

		assess_format_points(cp, p);
		fprintf(cli->out, "申诉 %lld：予以更正，该项按 %s 分计\n", (long long)id, p);
	}
	return 0;
}

static int appeal_list(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *year_s = NULL;
	const struct cli_opt opts[] = {
		{ "--year", NULL, &year_s, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct store_appeal_list l;
	struct store *st;
	size_t npos;
	int year = 0, ret = -1;

	if (cli_parse_opts("appeal", argc, argv, opts, NULL, 0, &npos, e) ||
	    (year_s && parse_year("appeal", year_s, &year, e)))
		return -1;
	store_appeal_list_init(&l);
	if (cli_store(cli, &st, e) || store_appeals_list(st, year, &l, e))
		goto out;
	if (!l.n)
		fputs("（没有申诉）\n", cli->out);
	for (size_t i = 0; i < l.n; i++) {
		const struct store_appeal *p = &l.v[i];
		char d[24], o[16], c[16];

		clisv_date(p->filed_on, d, sizeof(d));
		assess_format_points(p->orig_cp, o);
		fprintf(cli->out, "%lld  %d  %s  %s  原 %s 分  %s  %s", (long long)p->id, p->year,
			p->unit_name, p->line_key, o, d, appeal_state_label(p->state));
		if (p->state == APPEAL_CORRECTED) {
			assess_format_points(p->corrected_cp, c);
			fprintf(cli->out, "（更正为 %s 分）", c);
		}
		fprintf(cli->out, "  理由：%s%s%s\n", p->reason,
			p->decision_note && *p->decision_note ? "  意见：" : "",
			p->decision_note ? p->decision_note : "");
	}
	ret = 0;
out:
	store_appeal_list_release(&l);
	return ret;
}

int cli_appeal_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *sub;

	if (cli_wants_help(cli, argc, argv, appeal_usage))
		return 0;
	if (argc < 2)
		return cli_usage(e, "appeal", "缺少子命令 add、decide 或 list");
	sub = argv[1];
	if (!strcmp(sub, "add"))
		return appeal_add(cli, argc - 1, argv + 1, e);
	if (!strcmp(sub, "decide"))
		return appeal_decide(cli, argc - 1, argv + 1, e);
	if (!strcmp(sub, "list"))
		return appeal_list(cli, argc - 1, argv + 1, e);
	return cli_usage(e, "appeal", "未知子命令 %s（应为 add、decide 或 list）", sub);
}
