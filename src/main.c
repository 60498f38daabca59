/* main.c — the command line: `kup [--db FILE] [--lang da|en] [--as LOGIN]
 * [COMMAND ...]`. Reads the global options and hands the rest to the
 * dispatcher (cli_commands.c); without a command that opens the terminal
 * front end. */
#include "cli_commands.h"
#include "i18n.h"
#include "secure.h"

#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef KUP_VERSION
#define KUP_VERSION "0.1.0"
#endif

static const char *unix_login(void)
{
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_name ? pw->pw_name : "local";
}

int main(int argc, char **argv)
{
	/* Before anything opens a file: a setgid kup must not dump core or
	 * trust the environment (secure.c). */
	if (secure_start() != 0) {
		i18n_init(NULL);
		fprintf(stderr, "kup: %s\n", _("cannot make the process safe to run (core dumps, environment)."));
		return 1;
	}
	const char *dbpath = NULL, *lang = NULL, *as = NULL;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--db") || !strcmp(a, "--lang") || !strcmp(a, "--as")) {
			if (i + 1 >= argc) {
				i18n_init(lang);
				return cli_status(cli_usage_error(_("option %s needs a value"), a));
			}
			const char *v = argv[++i];
			if (!strcmp(a, "--db")) dbpath = v;
			else if (!strcmp(a, "--as")) as = v;
			else lang = v;
		} else if (!strcmp(a, "--version")) {
			printf("kup %s\n", KUP_VERSION);
			return 0;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			i18n_init(lang);
			cli_usage(stdout);
			return 0;
		} else {
			i18n_init(lang);
			return cli_status(cli_usage_error(_("unknown option %s"), a));
		}
	}
	if (lang && strcmp(lang, "da") && strcmp(lang, "en")) {
		i18n_init(NULL);
		return cli_status(cli_usage_error(_("--lang takes da or en, not %s"), lang));
	}
	i18n_init(lang);
	struct cli ctx = { .dbpath = dbpath, .login = unix_login(), .as = as,
			   .argc = argc - i, .argv = argv + i };
	int rc = cli_command(&ctx);
	i18n_done();
	return rc;
}
