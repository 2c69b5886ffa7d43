/* PLACEHOLDER */
#include "cli/cli.h"
int cli_tasks_run(struct cli *cli, int argc, char **argv, struct err *e) { (void)cli; (void)argc; (void)argv; return err_set(e, ERR_INTERNAL, "todo"); }
int cli_show_run(struct cli *cli, int argc, char **argv, struct err *e) { (void)cli; (void)argc; (void)argv; return err_set(e, ERR_INTERNAL, "todo"); }
int cli_targets_run(struct cli *cli, int argc, char **argv, struct err *e) { (void)cli; (void)argc; (void)argv; return err_set(e, ERR_INTERNAL, "todo"); }
