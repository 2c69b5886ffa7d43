/* `duban backup FILE`: a consistent copy of the database, taken while servers run. */
#include "cli/cli.h"

#include <string.h>
#include <sys/stat.h>

#include "service/admin_service.h"
#include "store/store.h"
#include "util/banned.h"

static const char backup_usage[] =
	"用法: duban backup 文件\n"
	"\n"
	"把整个数据库一致地复制到“文件”（SQLite 在线备份），duban serve 运行时也可以做：\n"
	"复制在一个读事务中完成，期间服务照常读写。先写到同目录的临时文件，同步到磁盘后\n"
	"再改名为“文件”，不会留下半个备份。备份本身就是完整的数据库：恢复时停止服务，\n"
	"用它替换数据库文件（并删去旧的 -wal、-shm 文件），或直接以 --db 文件 使用。\n"
	"\n"
	"退出码: 0 成功；1 无法写入文件；2 用法错误；3 数据库错误。\n";

/* The backup must not land on the database itself. */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (!strncmp(a, "sqlite:", 7))
		a += 7;
	return !stat(a, &sa) && !stat(b, &sb) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int cli_backup_run(struct cli *cli, int argc, char **argv, struct err *e)
{
	const char *path = NULL;
	struct store *st;
	size_t npos;

	if (cli_wants_help(cli, argc, argv, backup_usage))
		return 0;
	if (cli_parse_opts("backup", argc, argv, NULL, &path, 1, &npos, e))
		return -1;
	if (!npos || !*path)
		return cli_usage(e, "backup", "缺少备份文件名");
	if (same_file(cli->db, path))
		return cli_usage(e, "backup", "备份文件不能是数据库本身：%s", path);
	if (cli_store(cli, &st, e) || svc_backup(st, path, e))
		return -1;
	fprintf(cli->out, "已备份到 %s\n", path);
	return 0;
}
