/* Shared command-line helpers: option parsing and display-width table cells. */
#include "cli/cli.h"

#include <string.h>
#include <utf8proc.h>

#include "util/utf8.h"
#include "util/banned.h"

static const struct cli_opt *find_opt(const struct cli_opt *opts, const char *arg,
				      const char **inline_val)
{
	*inline_val = NULL;
	for (const struct cli_opt *o = opts; o && o->name; o++) {
		size_t n = strlen(o->name);

		if (!strcmp(arg, o->name) || (o->alias && !strcmp(arg, o->alias)))
			return o;
		if (o->value && !strncmp(arg, o->name, n) && arg[n] == '=') {
			*inline_val = arg + n + 1;
			return o;
		}
	}
	return NULL;
}

int cli_parse_opts(const char *cmd, int argc, char **argv, const struct cli_opt *opts,
		   const char **pos, size_t maxpos, size_t *npos, struct err *e)
{
	bool only_pos = false;

	*npos = 0;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (!only_pos && !strcmp(arg, "--")) {
			only_pos = true;
			continue;
		}
		if (!only_pos && arg[0] == '-' && arg[1]) {
			const char *val;
			const struct cli_opt *o = find_opt(opts, arg, &val);

			if (!o)
				return cli_usage(e, cmd, "未知选项 %s", arg);
			if (o->flag) {
				*o->flag = true;
				continue;
			}
			if (!val) {
				if (i + 1 >= argc)
					return cli_usage(e, cmd, "选项 %s 缺少值", arg);
				val = argv[++i];
			}
			*o->value = val;
			continue;
		}
		if (*npos >= maxpos)
			return maxpos ? cli_usage(e, cmd, "多余的参数 %s", arg)
				      : cli_usage(e, cmd, "不接受参数 %s", arg);
		pos[(*npos)++] = arg;
	}
	return 0;
}

size_t cli_width(const char *s)
{
	size_t w = 0, len = strlen(s), n;
	uint32_t cp;

	while (len) {
		n = utf8_decode(s, len, &cp);
		if (!n) {	/* not UTF-8: count the byte as one column */
			n = 1;
			w++;
		} else {
			int cw = utf8proc_charwidth((utf8proc_int32_t)cp);
			w += cw > 0 ? (size_t)cw : 0;
		}
		s += n;
		len -= n;
	}
	return w;
}

void cli_put_cell(FILE *f, const char *s, size_t width, bool cut, bool last)
{
	size_t w = cli_width(s), len, n, used = 0;
	uint32_t cp;

	if (w <= width || !cut) {
		fputs(s, f);
		for (; w < width && !last; w++)
			fputc(' ', f);
		return;
	}
	/* Keep whole characters up to width - 1 columns, then "…" (1 column). */
	len = strlen(s);
	while (len) {
		int cw;

		n = utf8_decode(s, len, &cp);
		if (!n) {
			n = 1;
			cw = 1;
		} else {
			cw = utf8proc_charwidth((utf8proc_int32_t)cp);
			if (cw < 0)
				cw = 0;
		}
		if (used + (size_t)cw + 1 > width)
			break;
		fwrite(s, 1, n, f);
		used += (size_t)cw;
		s += n;
		len -= n;
	}
	if (width) {
		fputs("…", f);
		used++;
	}
	for (; used < width && !last; used++)
		fputc(' ', f);
}
