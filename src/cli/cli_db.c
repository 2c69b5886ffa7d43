/* `duban db copy|counts`: moving an installation between SQLite and PostgreSQL, and counting its rows. */
#include "cli/cli.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "service/db_copy.h"
#include "store/store.h"
#include "store/store_copy.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const char db_usage[] =
	"用法: duban db <子命令> [参数]\n"
	"\n"
	"子命令:\n"
	"  copy --from 源 --to 目标\n"
	"                    把整个数据库复制到另一个数据库：SQLite 升到 PostgreSQL，\n"
	"                    或从 PostgreSQL 降回 SQLite（也可 SQLite 到 SQLite、\n"
	"                    PostgreSQL 到 PostgreSQL）。源和目标写法同 --db：\n"
	"                    文件路径、sqlite:路径、postgres://用户[:密码]@主机[:端口]/库名。\n"
	"                    目标必须是新建的空库（SQLite 文件不存在或为空；PostgreSQL\n"
	"                    库需先建好，例如 createdb duban），不合并、不覆盖：\n"
	"                    已有数据时拒绝。源在一个只读快照中读取，服务可照常运行；\n"
	"                    目标在一个事务中逐表写入，ID 不变。提交前核对每张表的行数\n"
	"                    和两边的审计链（条数、链头必须一致），不一致则不做任何更改。\n"
	"  counts            显示 --db 所指数据库每张表的行数\n"
	"\n"
	"退出码: 0 成功；1 目标不是空库；2 用法错误；3 数据库错误或核对不一致。\n";

/* The URL for display: a password (user:PASSWORD@ or password=...) becomes ***. */
static void show_url(struct strbuf *sb, const char *url)
{
	const char *scheme = strstr(url, "://");
	const char *at, *colon, *pw;

	strbuf_reset(sb);
	if (!scheme) {
		strbuf_addstr(sb, url);
		return;
	}
	at = strchr(scheme + 3, '@');
	colon = strchr(scheme + 3, ':');
	if (at && colon && colon < at && !memchr(scheme + 3, '/', (size_t)(at - scheme - 3))) {
		strbuf_add(sb, url, (size_t)(colon - url) + 1);
		strbuf_addstr(sb, "***");
		strbuf_addstr(sb, at);
	} else {
		strbuf_addstr(sb, url);
	}
	if ((pw = strstr(sb->buf, "password="))) {
		size_t start = (size_t)(pw - sb->buf) + 9;
		size_t end = start + strcspn(sb->buf + start, "&");
		struct strbuf out = STRBUF_INIT;

		strbuf_add(&out, sb->buf, start);
		strbuf_addstr(&out, "***");
		strbuf_addstr(&out, sb->buf + end);
		strbuf_reset(sb);
		strbuf_addstr(sb, out.buf);
		strbuf_release(&out);
	}
}

static void print_audit(struct cli *cli, const char *side, const struct audit_verify *v)
{
	if (v->broken == AUDIT_INTACT)
		fprintf(cli->out, "审计链（%s）：完好，共 %zu 条记录", side, v->nentries);
	else
		fprintf(cli->out, "审计链（%s）：已损坏（%s），共核对 %zu 条记录", side, v->msg,
			v->nentries);
	if (v->head_seq)
		fprintf(cli->out, "，链头 %" PRId64 ":%s", v->head_seq, v->head_hash);
	fputc('\n', cli->out);
}

static int db_copy_cmd(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *from_url = NULL, *to_url = NULL;
	const struct cli_opt opts[] = {
		{ "--from", NULL, &from_url, NULL },
		{ "--to", NULL, &to_url, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct store *from = NULL, *to = NULL;
	struct svc_db_copy r;
	size_t npos;
	int rc = -1;

	if (cli_parse_opts("db copy", argc, argv, opts, NULL, 0, &npos, e))
		return -1;
	if (!from_url || !*from_url || !to_url || !*to_url)
		return cli_usage(e, "db copy", "需要 --from 源 和 --to 目标");
	if (!strcmp(from_url, to_url))
		return cli_usage(e, "db copy", "源和目标是同一个数据库");
	show_url(&a, from_url);
	show_url(&b, to_url);
	if (store_open(from_url, &from, e)) {
		err_prefix(e, "源数据库：");
		goto out;
	}
	if (store_open(to_url, &to, e)) {
		err_prefix(e, "目标数据库：");
		goto out;
	}
	if (svc_db_copy(from, to, &r, e))
		goto out;
	fprintf(cli->out, "已复制：%s（%s）→ %s（%s）\n", a.buf, r.from_backend, b.buf,
		r.to_backend);
	cli_put_cell(cli->out, "表", 20, false, false);
	/* Right-aligned in 10 columns: 源 is 3 bytes wide 2, 目标 6 bytes wide 4. */
	fprintf(cli->out, " %11s %12s\n", "源", "目标");
	for (size_t i = 0; i < r.counts.n; i++)
		fprintf(cli->out, "%-20s %10" PRId64 " %10" PRId64 "\n", r.counts.v[i].table,
			r.counts.v[i].from, r.counts.v[i].to);
	fprintf(cli->out, "共 %" PRId64 " 行，每张表行数一致\n", r.counts.rows);
	print_audit(cli, "源", &r.from_audit);
	print_audit(cli, "目标", &r.to_audit);
	if (r.from_audit.broken != AUDIT_INTACT)
		fprintf(cli->msg, "注意：源数据库的审计链已损坏，已按原样复制（duban audit verify）\n");
	rc = 0;
out:
	store_close(from);
	store_close(to);
	strbuf_release(&a);
	strbuf_release(&b);
	return rc;
}

static int db_counts_cmd(struct cli *cli, int argc, char **argv, struct err *e)
{
	struct store_copy_result r;
	struct store *st;
	size_t npos;

	if (cli_parse_opts("db counts", argc, argv, NULL, NULL, 0, &npos, e) ||
	    cli_store(cli, &st, e) || store_table_counts(st, &r, e))
		return -1;
	for (size_t i = 0; i < r.n; i++)
		fprintf(cli->out, "%-20s %10" PRId64 "\n", r.v[i].table, r.v[i].from);
	return 0;
}

int cli_db_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	if (cli_wants_help(cli, argc, argv, db_usage))
		return 0;
	if (argc < 2)
		return cli_usage(e, "db", "缺少子命令（copy 或 counts）");
	if (!strcmp(argv[1], "copy"))
		return db_copy_cmd(cli, argc - 1, argv + 1, e);
	if (!strcmp(argv[1], "counts"))
		return db_counts_cmd(cli, argc - 1, argv + 1, e);
	return cli_usage(e, "db", "未知子命令 %s（copy 或 counts）", argv[1]);
}
