/* Serving the web interface's files: MIME types, index.html, and no path traversal. */
#include "http/static.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"
#include "util/banned.h"

static const struct {
	const char *ext;
	const char *type;
} mime_types[] = {
	{ "html", "text/html; charset=utf-8" },
	{ "htm", "text/html; charset=utf-8" },
	{ "css", "text/css; charset=utf-8" },
	{ "js", "text/javascript; charset=utf-8" },
	{ "mjs", "text/javascript; charset=utf-8" },
	{ "json", "application/json; charset=utf-8" },
	{ "map", "application/json; charset=utf-8" },
	{ "txt", "text/plain; charset=utf-8" },
	{ "yaml", "application/yaml; charset=utf-8" },
	{ "svg", "image/svg+xml" },
	{ "png", "image/png" },
	{ "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" },
	{ "gif", "image/gif" },
	{ "webp", "image/webp" },
	{ "ico", "image/vnd.microsoft.icon" },
	{ "woff", "font/woff" },
	{ "woff2", "font/woff2" },
	{ "ttf", "font/ttf" },
	{ "wasm", "application/wasm" },
	{ "pdf", "application/pdf" },
	{ "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	{ "csv", "text/csv; charset=utf-8" },
};

const char *http_mime_type(const char *name)
{
	const char *dot = strrchr(name, '.'), *slash = strrchr(name, '/');

	if (!dot || (slash && dot < slash))
		return "application/octet-stream";
	for (size_t i = 0; i < sizeof(mime_types) / sizeof(mime_types[0]); i++)
		if (!strcasecmp(dot + 1, mime_types[i].ext))
			return mime_types[i].type;
	return "application/octet-stream";
}

/* Every segment an ordinary name: not empty (but a final slash), no dot first, no NUL, no '\'. */
static bool path_clean(const char *path)
{
	const char *s = path;

	if (*s != '/')
		return false;
	while (*s == '/') {
		const char *seg = ++s;

		while (*s && *s != '/')
			s++;
		if (s == seg) {
			if (*s)	/* "//" */
				return false;
			break;	/* a final slash */
		}
		if (*seg == '.')
			return false;
		if (memchr(seg, '\\', (size_t)(s - seg)))
			return false;
	}
	return *s == '\0';
}

static int not_found(struct err *e)
{
	return err_set(e, ERR_NOT_FOUND, "没有这个页面");
}

/* realpath(path) lies under root (a realpath itself). */
static bool beneath(const char *root, const char *real)
{
	size_t n = strlen(root);

	if (strncmp(root, real, n))
		return false;
	return real[n] == '/' || real[n] == '\0' || (n == 1 && root[0] == '/');
}

int http_static_serve(const char *dir, struct http_req *rq, struct http_resp *rs,
		      struct err *e)
{
	char root[PATH_MAX], real[PATH_MAX];
	const char *rel = rq->path;
	char *full = NULL;
	struct stat sb;
	int fd = -1, rc = -1;

	if (!dir || !path_clean(rel) || !realpath(dir, root))
		return not_found(e);
	full = xasprintf("%s%s", root, rel);
	if (!realpath(full, real) || !beneath(root, real))
		goto out;
	if (stat(real, &sb))
		goto out;
	if (S_ISDIR(sb.st_mode)) {
		char *index = xasprintf("%s/index.html", real);

		if (!realpath(index, real) || !beneath(root, real)) {
			free(index);
			goto out;
		}
		free(index);
	}
	fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 || fstat(fd, &sb) || !S_ISREG(sb.st_mode))
		goto out;
	rs->fd = fd;
	rs->fd_size = (uint64_t)sb.st_size;
	rs->status = MHD_HTTP_OK;
	rs->content_type = http_mime_type(real);
	fd = -1;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	free(full);
	if (rc)
		return not_found(e);
	return 0;
}
