/* The command table: every `duban` subcommand, its one-line summary and handler. */
#include "cli/cli.h"

#include <stddef.h>

#include "util/banned.h"

const struct cli_command cli_commands[] = {
	{ "import", "导入重点任务清单（文本、GB18030 自动识别）", cli_import_run },
	{ "plans", "列出已导入的清单", cli_plans_run },
	{ "tasks", "列出任务：序号、分类、牵头单位、配合单位数、任务摘要", cli_tasks_run },
	{ "show", "显示一项任务的全文、责任单位、目标和时间节点", cli_show_run },
	{ "targets", "列出量化目标，可按指标或单位筛选", cli_targets_run },
	{ "units", "列出责任单位及其牵头、配合的任务数", cli_units_run },
	{ "export", "导出清单（json、csv）", cli_export_run },
	{ NULL, NULL, NULL },
};
