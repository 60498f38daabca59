/* cli_common.h — what every command of the kup command line shares: the
 * command's arguments, how it reports a usage error or a failure, and how it
 * makes sure what it printed reached standard output. Nothing here runs a
 * command; the commands and the dispatcher (cli_commands.c) build on it.
 * No function here allocates memory the caller must free. */
#ifndef KUP_CLI_COMMON_H
#define KUP_CLI_COMMON_H

#include "err.h"

#include <stddef.h>

struct cli {
	const char *dbpath;
	const char *login; /* the real Unix user */
	const char *as;    /* --as LOGIN, or NULL */
	int argc;          /* the command and its arguments */
	char **argv;
};

/* What a command returns after a usage error. The dispatcher, which knows
 * the commands, adds the usage text and turns it into exit status 2; a
 * command cannot print the usage itself without knowing every command. */
#define CLI_USAGE (-2)

/* Prints `kup: ` and fmt (with arg) on stderr; returns CLI_USAGE. */
int cli_usage_error(const char *fmt, const char *arg);
/* Prints `kup: ` and e's message on stderr; returns 1 (a failure). */
int cli_fail(const kerr *e);
/* Flushes stdout; on failure (disk full, a closed pipe) says so on stderr.
 * Returns the exit status: 0, or 1. */
int cli_flush_stdout(void);
/* A document a command made for the person: to path, written as the user
 * (userfile.h: mode 0600, a temporary file renamed over), then "Wrote
 * PATH."; or to the filtered standard output when path is "-". Frees doc
 * either way. Returns the exit status: 0, or 1 after saying why. */
int cli_write_file(const char *path, char *doc, size_t len);
/* Makes standard output show control characters from the database as
 * U+FFFD instead of passing them to the terminal (the front end keeps the
 * real one). 0, or -1 if out of memory. */
int cli_safe_stdout(void);

#endif
