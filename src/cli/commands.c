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
	{ "calendar", "显示或设置报告日历：月报/季报、截止日、首个报告期", cli_calendar_run },
	{ "assignment", "交办：签收、退回；督查室确认或改派", cli_assignment_run },
	{ "report", "进展报告：报送（沿用上次内容）、查看、历史、附件", cli_report_run },
	{ "review", "审核报告：通过或退办", cli_review_run },
	{ "extension", "延期申请：申请、批准、不予批准", cli_extension_run },
	{ "verify", "销号：核验分工已完成", cli_verify_run },
	{ "status", "状态：序时进度、红黄绿、逾期标记及理由（可查过去任一日）", cli_status_run },
	{ "demo-data", "生成示例数据（标为示例），用于演示", cli_demo_data_run },
	{ "action", "督办：提醒、催办、督查单（蓝橙红）、提级督办、约谈、问责；回复、办结、文书", cli_action_run },
	{ "suggest", "督办建议：按状态提出下一步，由督查室采纳或不予采纳", cli_suggest_run },
	{ "accountability", "问责台账：记录、列出（关联督办事项）", cli_accountability_run },
	{ "assess", "年度考核：三部分得分、排名、明细；考核规则；按另一规则试算", cli_assess_run },
	{ "appeal", "考核申诉：提出、处理（维持或更正）、列出", cli_appeal_run },
	{ "bulletin", "进展通报：HTML 或 Markdown，与上期对比；印发", cli_bulletin_run },
	{ "export", "导出清单（json、csv）或督办台账（xlsx）", cli_export_run },
	{ "serve", "启动 HTTP 服务：JSON 接口和网页界面", cli_serve_run },
	{ "user", "管理 HTTP 用户：add、passwd、disable、enable、list", cli_user_run },
	{ "audit", "审计日志：verify 核对哈希链，list 列出记录", cli_audit_run },
	{ "backup", "在线备份数据库到文件（服务运行时亦可）", cli_backup_run },
	{ "db", "数据库：在 SQLite 与 PostgreSQL 之间整库复制，统计各表行数", cli_db_run },
	{ NULL, NULL, NULL },
};
