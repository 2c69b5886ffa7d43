/* The command-line interface: the command table and what every command gets. */
#ifndef DUBAN_CLI_CLI_H
#define DUBAN_CLI_CLI_H

/*
 * main() parses the global options, finds the command in cli_commands[] and
 * calls its run function with the command's own argv (argv[0] is the command
 * name).  A command returns 0, or -1 with `e` filled; main() alone turns the
 * error into a message on stderr and an exit code (util/err.h):
 *   0 ok, 1 bad input, 2 usage, 3 store error.
 * Every command answers --help (and -h) with its usage on stdout, exit 0.
 *
 * Commands talk to the service layer, never to SQL.  The store is opened on
 * first use by cli_store() and closed by main().
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/date.h"
#include "util/err.h"

struct store;

struct cli {
	const char *db;		/* --db, else $DUBAN_DB, else ./duban.db */
	struct store *store;	/* opened lazily by cli_store() */
	FILE *out;		/* where results go (stdout) */
	FILE *msg;		/* where warnings and notes go (stderr) */
	struct date today;	/* read once by main(); commands take --as-of */
};

/* Open the store named by cli->db if not yet open. */
int cli_store(struct cli *cli, struct store **out, struct err *e);

struct cli_command {
	const char *name;
	const char *summary;	/* one line, Chinese */
	int (*run)(struct cli *cli, int argc, char **argv, struct err *e);
};

/* The command table, in the order `duban --help` lists it; NULL-name ends it. */
extern const struct cli_command cli_commands[];

/* Fill `e` with a usage error for `cmd` ("用法错误：..."); returns -1. */
int cli_usage(struct err *e, const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* True if argv[1..] asks for help; prints `usage` to cli->out then. */
bool cli_wants_help(struct cli *cli, int argc, char **argv, const char *usage);

/* Parse a positive task number or similar integer option; `what` names it. */
int cli_parse_int(const char *s, long min, long max, long *out, const char *what,
		  struct err *e);

/* An option a command accepts: a flag (`flag` set) or one taking a value. */
struct cli_opt {
	const char *name;	/* "--plan"; NULL ends a table */
	const char *alias;	/* "-o", or NULL */
	const char **value;	/* receives the value ("--plan X" or "--plan=X") */
	bool *flag;		/* set to true when given */
};

/*
 * Parse argv[1..] of command `cmd` against `opts`.  "--" ends the options; the
 * other words are positional, stored in pos[0..maxpos) with their count in
 * *npos.  An unknown option, a missing value or a surplus word is ERR_USAGE.
 */
int cli_parse_opts(const char *cmd, int argc, char **argv, const struct cli_opt *opts,
		   const char **pos, size_t maxpos, size_t *npos, struct err *e);

/* Terminal display width of UTF-8 text: CJK 2 columns (utf8proc_charwidth). */
size_t cli_width(const char *s);

/*
 * Print s in `width` columns, left-aligned and padded with spaces (no padding
 * when `last`: the line ends there); text wider than `width` is cut and ends
 * with "…" when `cut`, else printed whole.
 */
void cli_put_cell(FILE *f, const char *s, size_t width, bool cut, bool last);

/*
 * Who the command line acts as in the audit log: "cli:" and the OS user
 * name (getpwuid, else $USER, else the uid).  A static string.
 */
const char *cli_actor_name(void);

/* Apply $DUBAN_PWHASH (interactive, moderate, fast) to new password hashes (cli_user.c). */
int cli_pwhash_from_env(struct err *e);

/* Each group's run functions (one file per group under src/cli/). */
int cli_import_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_plans_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_tasks_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_show_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_targets_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_units_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_units_import_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_units_export_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_unit_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_assignments_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_export_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_serve_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_user_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_audit_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_backup_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_db_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_calendar_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_assignment_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_report_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_review_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_extension_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_verify_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_status_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_demo_data_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_action_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_accountability_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_suggest_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_assess_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_appeal_run(struct cli *cli, int argc, char **argv, struct err *e);
int cli_bulletin_run(struct cli *cli, int argc, char **argv, struct err *e);

#endif
