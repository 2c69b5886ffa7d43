/* Helpers shared by the supervision commands (action, accountability, suggest, assess, appeal, bulletin). */
#ifndef DUBAN_CLI_CLI_SV_H
#define DUBAN_CLI_CLI_SV_H

/*
 * Private to src/cli/cli_supervise.c, cli_assess.c, cli_bulletin.c and
 * cli_export.c.  Dates: an act's day is --on (not after today) or today; a
 * view's day is --as-of (not after today) or today.  Errors are ERR_USAGE
 * naming the option, like the rest of the command line.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cli/cli.h"
#include "domain/status.h"
#include "util/date.h"
#include "util/err.h"

/* The day of an act: `on` (--on) or today; after today is ERR_USAGE. */
int clisv_act_day(struct cli *cli, const char *on, const char *opt, struct date *out,
		  struct err *e);
/* The day of a view: `s` (--as-of) or today; after today is ERR_USAGE. */
int clisv_view_day(struct cli *cli, const char *cmd, const char *s, struct date *out,
		   struct err *e);
/* A positive id (an argument or an option value named `what`); missing is ERR_USAGE. */
int clisv_id(const char *cmd, const char *s, const char *what, int64_t *out, struct err *e);
/* Status thresholds from --config (NULL: none, *use NULL). */
int clisv_config(const char *path, struct status_config *cfg, const struct status_config **use,
		 struct err *e);
/* Write `len` bytes to `path` atomically (a note on cli->msg), or to stdout when NULL or "-". */
int clisv_write(struct cli *cli, const char *path, const void *data, size_t len, struct err *e);
/* "2022-06-30", or "—" for no date; buf of DATE_ISO_LEN + 4 bytes. */
void clisv_date(struct date d, char *buf, size_t cap);

#endif
