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
	{ "units", "列出责任单位及其牵头、配合的任务数；导入、导出单位名录", cli_units_run },
	{ "unit", "显示一个单位牵头、配合的任务及经由的分组", cli_unit_run },
	{ "assignments", "列出责任分工（分组按成员展开）", cli_assignments_run },
	{ "export", "导出清单（json、csv）", cli_export_run },
	{ "serve", "启动 HTTP 服务：JSON 接口和网页界面", cli_serve_run },
	{ "user", "管理 HTTP 用户：add、passwd、disable、enable、list", cli_user_run },
	{ "audit", "审计日志：verify 核对哈希链，list 列出记录", cli_audit_run },
	{ "backup", "在线备份数据库到文件（服务运行时亦可）", cli_backup_run },
	{ NULL, NULL, NULL },
};
