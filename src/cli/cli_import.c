/* PLACEHOLDER */
#include "cli/cli.h"
int cli_import_run(struct cli *cli, int argc, char **argv, struct err *e) { (void)cli; (void)argc; (void)argv; return err_set(e, ERR_INTERNAL, "todo"); }
int cli_plans_run(struct cli *cli, int argc, char **argv, struct err *e) { (void)cli; (void)argc; (void)argv; return err_set(e, ERR_INTERNAL, "todo"); }
