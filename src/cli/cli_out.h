/* cli_out.h — the output options every table-printing command shares
 * (`kup list`, `kup report`, `kup list audit`): --format text|csv|tsv,
 * --sep ',' or ';', --bom and --out FILE. Without --out the rows go to
 * standard output as they are made; with --out they are made in memory and
 * written as the user (userfile_write), so a setgid kup never creates a file
 * with its group's rights. Write errors (a full disk, /dev/full) are
 * reported and give exit status 1. The buffer is owned and freed here. */
#ifndef KUP_CLI_OUT_H
#define KUP_CLI_OUT_H

#include <stdio.h>
#include "cli_common.h"
#include "csv.h"

struct cli_out {
	csv_format fmt;
	int fmt_set;
	char sep;        /* 0: the format's own */
	int bom;
	const char *path;/* --out, or NULL */
	FILE *f;         /* where to write after cli_out_open */
	char *buf;
	size_t len;
	csv_out csv;     /* started by cli_out_open for CSV_CSV/CSV_TSV */
};

void cli_out_init(struct cli_out *o, csv_format def);
/* The heading of a column in a table kup writes (list, report, due): in
 * English the column's code, the name scripts read and that stays the same
 * from version to version ("emp_no", "plan_pct"); in Danish its label
 * (marked N_(), shown as _(label)), as a person opening the file in a
 * spreadsheet reads it. A column without a label keeps its code. Static. */
const char *cli_heading(const char *code, const char *label);
/* If argv[*i] is an output option, takes it (and its value) and returns 1;
 * 0 if it is not one; CLI_USAGE after printing a usage error. */
int cli_out_option(struct cli *c, int *i, struct cli_out *o);
/* Checks the combination (allow_text: whether text is a choice), opens the
 * output and starts the CSV writer (BOM). 0, 1 after printing an error, or
 * CLI_USAGE after a usage error. */
int cli_out_open(struct cli_out *o, int allow_text);
/* Finishes: flushes standard output or writes the file. Returns the exit
 * status (0, or 1 after printing the error). ok 0 discards the output. */
int cli_out_close(struct cli_out *o, int ok);

#endif
