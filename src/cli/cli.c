/* Helpers shared by every command: lazy store opening, usage errors, help. */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/strbuf.h"
#include "util/banned.h"

int cli_store(struct cli *cli, struct store **out, struct err *e)
{
	if (!cli->store && store_open(cli->db, &cli->store, e))
		return -1;
	*out = cli->store;
	return 0;
}

int cli_usage(struct err *e, const char *cmd, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	err_set(e, ERR_USAGE, "%s: %s（详见 duban %s --help）", cmd, sb.buf, cmd);
	strbuf_release(&sb);
	return -1;
}

bool cli_wants_help(struct cli *cli, int argc, char **argv, const char *usage)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage, cli->out);
			return true;
		}
	}
	return false;
}

int cli_parse_int(const char *s, long min, long max, long *out, const char *what,
		  struct err *e)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < min || v > max)
		return err_set(e, ERR_USAGE, "%s 应为 %ld 到 %ld 之间的整数：%s", what, min, max, s);
	*out = v;
	return 0;
}
