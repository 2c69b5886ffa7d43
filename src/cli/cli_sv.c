/* Helpers shared by the supervision commands: days of acts and views, ids, config, output files. */
#include "cli/cli_sv.h"

#include <stdio.h>
#include <string.h>

#include "service/status_service.h"
#include "util/fileio.h"
#include "util/banned.h"

int clisv_act_day(struct cli *cli, const char *on, const char *opt, struct date *out,
		  struct err *e)
{
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN], what[64];

	if (!on) {
		*out = cli->today;
		return 0;
	}
	snprintf(what, sizeof(what), "日期（%s）", opt);
	if (date_parse_iso(on, out, what, e)) {
		e->kind = ERR_USAGE;
		return -1;
	}
	if (date_cmp(*out, cli->today) > 0) {
		date_format_iso(*out, a);
		date_format_iso(cli->today, b);
		return err_set(e, ERR_USAGE, "%s %s 晚于今天 %s：只能记录已发生的事项", what, a, b);
	}
	return 0;
}

int clisv_view_day(struct cli *cli, const char *cmd, const char *s, struct date *out,
		   struct err *e)
{
	if (!s) {
		*out = cli->today;
		return 0;
	}
	if (date_parse_iso(s, out, "截至日期（--as-of）", e)) {
		e->kind = ERR_USAGE;
		return -1;
	}
	if (date_cmp(*out, cli->today) > 0)
		return cli_usage(e, cmd, "截至日期（--as-of）%s 晚于今天：只能查看已知的情况", s);
	return 0;
}

int clisv_id(const char *cmd, const char *s, const char *what, int64_t *out, struct err *e)
{
	long v;

	if (!s)
		return cli_usage(e, cmd, "缺少%s", what);
	if (cli_parse_int(s, 1, 2147483647L, &v, what, e))
		return -1;
	*out = v;
	return 0;
}

int clisv_config(const char *path, struct status_config *cfg, const struct status_config **use,
		 struct err *e)
{
	*use = NULL;
	if (!path)
		return 0;
	if (svc_status_config_load(path, cfg, e))
		return -1;
	*use = cfg;
	return 0;
}

int clisv_write(struct cli *cli, const char *path, const void *data, size_t len, struct err *e)
{
	if (!path || !strcmp(path, "-")) {
		fflush(cli->out);
		if (fwrite(data, 1, len, cli->out) != len)
			return err_set(e, ERR_INTERNAL, "写标准输出失败");
		return 0;
	}
	if (fileio_write_atomic(path, data, len, e))
		return -1;
	fprintf(cli->msg, "已写入 %s\n", path);
	return 0;
}

void clisv_date(struct date d, char *buf, size_t cap)
{
	if (date_is_set(d)) {
		char iso[DATE_ISO_LEN];

		date_format_iso(d, iso);
		snprintf(buf, cap, "%s", iso);
	} else {
		snprintf(buf, cap, "—");
	}
}
