/* Replays a fuzz corpus without libFuzzer: every file named (or in a directory named) goes to the target once. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/err.h"
#include "util/fileio.h"
#include "util/strbuf.h"
#include "util/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path, size_t *count)
{
	struct strbuf sb = STRBUF_INIT;
	struct err e = ERR_INIT;

	if (fileio_read(path, (size_t)1 << 30, &sb, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)sb.buf, sb.len);
	strbuf_release(&sb);
	(*count)++;
	return 0;
}

static int run_path(const char *path, size_t *count)
{
	struct stat st;
	DIR *d;
	struct dirent *de;
	int rc = 0;

	if (stat(path, &st)) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path, count);
	d = opendir(path);
	if (!d) {
		perror(path);
		return -1;
	}
	while ((de = readdir(d))) {
		struct strbuf sub = STRBUF_INIT;

		if (de->d_name[0] == '.')
			continue;
		strbuf_addf(&sub, "%s/%s", path, de->d_name);
		if (run_path(sub.buf, count))
			rc = -1;
		strbuf_release(&sub);
	}
	closedir(d);
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (run_path(argv[i], &count))
			rc = 1;
	printf("replayed %zu inputs\n", count);
	if (!count)
		return 1;
	return rc;
}
