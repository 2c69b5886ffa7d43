/* `duban units`: each unit as written, with how many tasks it leads and co-owns. */
#include "cli/cli.h"

#include "service/plan_service.h"
#include "store/store.h"
#include "util/banned.h"

static const char units_usage[] =
	"用法: duban units [--plan ID|文号|年份]\n"
	"\n"
	"列出清单中的责任单位（按原文写法）及其牵头、配合的任务数，\n"
	"按牵头数、再按配合数从多到少排列。\n"
	"\n"
	"选项:\n"
	"  --plan 清单   ID、文号或年份（默认：最近导入的清单）\n"
	"  -h, --help    显示本帮助\n"
	"\n"
	"退出码: 0 成功；1 清单不存在；2 用法错误；3 数据库错误。\n";

int cli_units_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *plan = NULL;
	const struct cli_opt opts[] = {
		{ "--plan", NULL, &plan, NULL },
		{ NULL, NULL, NULL, NULL },
	};
	struct store_unit_stats us;
	struct store *st;
	int64_t id;
	size_t npos;
	int rc = -1;

	if (cli_wants_help(cli, argc, argv, units_usage))
		return 0;
	if (cli_parse_opts("units", argc, argv, opts, NULL, 0, &npos, e) ||
	    cli_store(cli, &st, e) || svc_plan_resolve(st, plan, &id, e))
		return -1;
	store_unit_stats_init(&us);
	if (svc_unit_stats(st, id, &us, e))
		goto out;
	fputs("牵头  配合  单位\n", cli->out);
	for (size_t i = 0; i < us.n; i++)
		fprintf(cli->out, "%4zu  %4zu  %s\n", us.v[i].nlead, us.v[i].nco, us.v[i].name);
	rc = 0;
out:
	store_unit_stats_release(&us);
	return rc;
}
