/* The SQLite backend's online backup: a consistent copy of a live database, renamed into place. */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/sqlite_internal.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* A locked source is retried for BACKUP_TRIES * BACKUP_WAIT_MS at most. */
#define BACKUP_TRIES 500
#define BACKUP_WAIT_MS 10

/* fsync the directory holding `path`, so that a rename into it survives a power loss. */
static int sync_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path))
			  : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = -1;

	free(dir);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* The copy must be a whole, sound database before it replaces anything. */
static int check_copy(sqlite3 *db, const char *path, struct err *e)
{
	sqlite3_stmt *s = NULL;
	int rc = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW) {
		err_set(e, ERR_STORE, "%s: 检查备份失败：%s", path, sqlite3_errmsg(db));
		goto out;
	}
	if (strcmp((const char *)sqlite3_column_text(s, 0), "ok")) {
		err_set(e, ERR_STORE, "%s: 备份未通过完整性检查：%s", path,
			(const char *)sqlite3_column_text(s, 0));
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(s);
	return rc;
}

int sqlite_backup(struct store *st, const char *path, struct err *e)
{
	struct sqlite_store *ss = sq_of(st);
	char *tmp = xasprintf("%s.tmp.XXXXXX", path);
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int fd, rc = -1;

	/* mkstemp: a fresh name, mode 0600 (the copy holds password hashes). */
	fd = mkstemp(tmp);
	if (fd < 0) {
		err_set(e, ERR_INPUT, "%s: 无法创建备份文件：%s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	close(fd);
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		err_set(e, ERR_STORE, "%s: 无法打开备份文件：%s", path,
			dst ? sqlite3_errmsg(dst) : "内存不足");
		goto out;
	}
	/*
	 * One step copying every page: the source is read in one read
	 * transaction, so the copy is one consistent state; in WAL mode the
	 * server's writers go on meanwhile.
	 */
	b = sqlite3_backup_init(dst, "main", ss->db, "main");
	if (!b) {
		err_set(e, ERR_STORE, "%s: 无法开始备份：%s", path, sqlite3_errmsg(dst));
		goto out;
	}
	for (int tries = 0;; tries++) {
		int step = sqlite3_backup_step(b, -1);

		if (step == SQLITE_DONE)
			break;
		if ((step == SQLITE_BUSY || step == SQLITE_LOCKED) && tries < BACKUP_TRIES) {
			sqlite3_sleep(BACKUP_WAIT_MS);
			continue;
		}
		sqlite3_backup_finish(b);
		err_set(e, ERR_STORE, "%s: 备份失败：%s", path, sqlite3_errstr(step));
		goto out;
	}
	if (sqlite3_backup_finish(b) != SQLITE_OK) {
		err_set(e, ERR_STORE, "%s: 备份失败：%s", path, sqlite3_errmsg(dst));
		goto out;
	}
	if (check_copy(dst, path, e))
		goto out;
	if (sqlite3_close(dst) != SQLITE_OK) {
		err_set(e, ERR_STORE, "%s: 关闭备份文件失败：%s", path, sqlite3_errmsg(dst));
		goto out;
	}
	dst = NULL;
	/* SQLite synced its writes; sync the file once more, then the rename. */
	fd = open(tmp, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fsync(fd)) {
		err_set(e, ERR_INPUT, "%s: 写入备份失败：%s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	close(fd);
	if (rename(tmp, path)) {
		err_set(e, ERR_INPUT, "%s: 无法写入备份：%s", path, strerror(errno));
		goto out;
	}
	if (sync_dir_of(path)) {
		err_set(e, ERR_INPUT, "%s: 同步备份所在目录失败：%s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	rc = 0;
out:
	if (dst)
		sqlite3_close(dst);
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}
