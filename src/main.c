/* duban's entry point: global options, command dispatch, errors to exit codes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"
#include "util/hash.h"
#include "util/banned.h"

#ifndef DUBAN_VERSION
#define DUBAN_VERSION "dev"
#endif

static const char usage_head[] =
	"用法: duban [--db 路径] <命令> [参数]\n"
	"\n"
	"督办：政府工作报告重点任务的督查督办系统。\n"
	"\n"
	"全局选项:\n"
	"  --db PATH     数据库（默认 ./duban.db，或环境变量 DUBAN_DB）\n"
	"  --version     显示版本\n"
	"  -h, --help    显示本帮助\n"
	"\n"
	"命令:\n";

static const char usage_tail[] =
	"\n"
	"每个命令都支持 --help。\n"
	"退出码: 0 成功, 1 输入有误, 2 用法错误, 3 数据库错误。\n";

static void print_usage(FILE *f)
{
	fputs(usage_head, f);
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fputs(usage_tail, f);
}

static const struct cli_command *find_command(const char *name)
{
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

int main(int argc, char **argv)
{
	struct cli cli = { 0 };
	struct err e = ERR_INIT;
	const struct cli_command *cmd;
	const char *env;
	int i, rc;

	cli.out = stdout;
	cli.msg = stderr;
	cli.today = date_today();
	env = getenv("DUBAN_DB");
	cli.db = env && *env ? env : "./duban.db";

	if (hash_init()) {
		fputs("duban: 无法初始化 libsodium\n", stderr);
		return 3;
	}

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc) {
			cli.db = argv[++i];
		} else if (!strncmp(argv[i], "--db=", 5)) {
			cli.db = argv[i] + 5;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			print_usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--version")) {
			printf("duban %s\n", DUBAN_VERSION);
			return 0;
		} else {
			fprintf(stderr, "duban: 未知选项 %s\n\n", argv[i]);
			print_usage(stderr);
			return 2;
		}
	}
	if (i >= argc) {
		print_usage(stderr);
		return 2;
	}
	cmd = find_command(argv[i]);
	if (!cmd) {
		fprintf(stderr, "duban: 未知命令 %s（duban --help 列出全部命令）\n", argv[i]);
		return 2;
	}

	rc = cmd->run(&cli, argc - i, argv + i, &e);
	if (fflush(stdout) && !rc)
		rc = err_set(&e, ERR_INTERNAL, "写标准输出失败");
	if (cli.store)
		store_close(cli.store);
	if (rc) {
		fprintf(stderr, "duban %s: %s\n", cmd->name, e.msg[0] ? e.msg : "失败");
		return err_exit_code(e.kind == ERR_NONE ? ERR_INTERNAL : e.kind);
	}
	return 0;
}
