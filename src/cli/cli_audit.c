/* `duban audit verify|list`: checking the audit chain and reading the log. */
#include "cli/cli.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "service/audit.h"
#include "store/store.h"
#include "util/banned.h"

#define LIST_PAGE 1000

static const char audit_usage[] =
	"用法: duban audit <子命令> [参数]\n"
	"\n"
	"审计日志：每次修改数据（导入清单、修改用户……）都追加一条记录\n"
	"（操作人、时间、对象、修改前后），各条以 SHA-256 首尾相接成链。\n"
	"\n"
	"子命令:\n"
	"  verify [--anchor 序号:哈希]\n"
	"                    逐条核对整条链；发现改动、删除、插入或调换顺序时，\n"
	"                    指出第一条出问题的记录并以退出码 1 结束。完好时显示链头\n"
	"                    （最后一条的序号和哈希）：把它另行留存（打印、发送），\n"
	"                    日后用 --anchor 核对，即使有人重算了整条链也能发现\n"
	"  list [--after 序号] [--since 时间] [--limit N]\n"
	"                    列出记录：序号、时间（UTC）、操作人、操作、对象\n"
	"\n"
	"退出码: 0 完好；1 链已损坏；2 用法错误；3 数据库错误。\n";

static int audit_verify_cmd(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *anchor = NULL;
	const struct cli_opt opts[] = {
		{ "--anchor", NULL, &anchor, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	char anchor_hash[65] = "";
	int64_t anchor_seq = 0;
	struct audit_verify v;
	struct store *st;
	size_t npos;

	if (cli_parse_opts("audit verify", argc, argv, opts, NULL, 0, &npos, e))
		return -1;
	if (anchor) {
		const char *colon = strchr(anchor, ':');
		long seq;
		char num[24];

		if (!colon || colon == anchor || (size_t)(colon - anchor) >= sizeof(num) ||
		    strlen(colon + 1) != 64)
			return cli_usage(e, "audit verify", "--anchor 应为 序号:64位十六进制哈希");
		memcpy(num, anchor, (size_t)(colon - anchor));
		num[colon - anchor] = '\0';
		if (cli_parse_int(num, 1, 0x7fffffffL, &seq, "--anchor 的序号", e))
			return -1;
		anchor_seq = seq;
		memcpy(anchor_hash, colon + 1, 65);
	}
	if (cli_store(cli, &st, e) || audit_verify(st, anchor_seq, anchor_hash, &v, e))
		return -1;
	if (v.broken != AUDIT_INTACT)
		return err_set(e, ERR_CONFLICT, "审计链已损坏：%s", v.msg);
	fprintf(cli->out, "审计链完好：共 %zu 条记录\n", v.nentries);
	if (v.head_seq)
		fprintf(cli->out, "链头：%" PRId64 ":%s\n", v.head_seq, v.head_hash);
	if (anchor_seq)
		fprintf(cli->out, "留存的第 %" PRId64 " 条哈希相符\n", anchor_seq);
	return 0;
}

static int audit_list_cmd(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *after_s = NULL, *since = NULL, *limit_s = NULL;
	const struct cli_opt opts[] = {
		{ "--after", NULL, &after_s, NULL },
		{ "--since", NULL, &since, NULL },
		{ "--limit", NULL, &limit_s, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct store_audit_list l;
	struct store *st;
	long after = 0, limit = 0;
	size_t npos, shown = 0;
	int rc = -1;

	if (cli_parse_opts("audit list", argc, argv, opts, NULL, 0, &npos, e) ||
	    (after_s && cli_parse_int(after_s, 0, 0x7fffffffL, &after, "--after", e)) ||
	    (limit_s && cli_parse_int(limit_s, 1, 0x7fffffffL, &limit, "--limit", e)) ||
	    cli_store(cli, &st, e))
		return -1;
	store_audit_list_init(&l);
	for (;;) {
		store_audit_list_release(&l);
		if (audit_list(st, after, since, LIST_PAGE, &l, e))
			goto out;
		for (size_t i = 0; i < l.n && (!limit || shown < (size_t)limit); i++, shown++) {
			const struct store_audit_entry *a = &l.v[i];

			fprintf(cli->out, "%-6" PRId64 " %s  %s  %s  %s\n", a->seq, a->at, a->actor,
				a->action, a->object);
		}
		if (l.n < LIST_PAGE || (limit && shown >= (size_t)limit))
			break;
		after = (long)l.v[l.n - 1].seq;
	}
	if (!shown)
		fputs("（没有审计记录）\n", cli->msg);
	rc = 0;
out:
	store_audit_list_release(&l);
	return rc;
}

int cli_audit_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	if (cli_wants_help(cli, argc, argv, audit_usage))
		return 0;
	if (argc < 2)
		return cli_usage(e, "audit", "缺少子命令（verify 或 list）");
	if (!strcmp(argv[1], "verify"))
		return audit_verify_cmd(cli, argc - 1, argv + 1, e);
	if (!strcmp(argv[1], "list"))
		return audit_list_cmd(cli, argc - 1, argv + 1, e);
	return cli_usage(e, "audit", "未知子命令 %s（verify 或 list）", argv[1]);
}
