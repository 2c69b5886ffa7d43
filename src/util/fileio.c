/* Whole-file reads with a cap; atomic writes by rename. */
#include "util/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"
#include "util/banned.h"

int fileio_read(const char *path, size_t max_bytes, struct strbuf *sb, struct err *e)
{
	int fd, rc = -1;
	size_t start = sb->len;
	ssize_t n;

	if (!strcmp(path, "-"))
		fd = STDIN_FILENO;
	else
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, ERR_INPUT, "%s: 无法打开文件：%s", path, strerror(errno));
	for (;;) {
		strbuf_grow(sb, 64 * 1024);
		n = read(fd, sb->buf + sb->len, sb->alloc - sb->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err_set(e, ERR_INPUT, "%s: 读取失败：%s", path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		strbuf_setlen(sb, sb->len + (size_t)n);
		if (sb->len - start > max_bytes) {
			err_set(e, ERR_INPUT, "%s: 文件超过 %zu 字节的上限", path, max_bytes);
			goto out;
		}
	}
	rc = 0;
out:
	if (fd != STDIN_FILENO)
		close(fd);
	if (rc)
		strbuf_setlen(sb, start);
	return rc;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int fileio_write_atomic(const char *path, const void *data, size_t len, struct err *e)
{
	char *tmp = NULL;
	int fd = -1, rc = -1;

	if (!strcmp(path, "-")) {
		if (write_all(STDOUT_FILENO, data, len))
			return err_set(e, ERR_INTERNAL, "写标准输出失败：%s", strerror(errno));
		return 0;
	}
	tmp = xasprintf("%s.tmp.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		err_set(e, ERR_INPUT, "%s: 无法创建文件：%s", path, strerror(errno));
		goto out;
	}
	if (write_all(fd, data, len) || fsync(fd)) {
		err_set(e, ERR_INPUT, "%s: 写入失败：%s", path, strerror(errno));
		goto out;
	}
	if (fchmod(fd, 0644) || close(fd)) {
		fd = -1;
		err_set(e, ERR_INPUT, "%s: 写入失败：%s", path, strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp, path)) {
		err_set(e, ERR_INPUT, "%s: 无法写入：%s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc && tmp)
		unlink(tmp);
	free(tmp);
	return rc;
}

const char *fileio_basename(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}
