/* cli_opts.h — reading a command's own options from struct cli: options
 * with a value, and the values several commands take alike (--year). The
 * values returned point into argv; nothing is allocated. */
#ifndef KUP_CLI_OPTS_H
#define KUP_CLI_OPTS_H

#include "cli_common.h"

/* If argv[*i] is `name` and a value follows, moves *i onto the value and
 * returns it; else NULL (the caller then reports the option as unknown,
 * which is what a missing value has always been told as). */
const char *cli_opt_value(const struct cli *c, int *i, const char *name);
/* Reads a year from 2000 to 2199 into *year: 0, or CLI_USAGE after saying
 * what is wrong. */
int cli_opt_year(const char *v, int *year);

#endif
