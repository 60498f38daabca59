/* main.c — the command line: `kup [--db FILE] [--lang da|en] [--as LOGIN] [COMMAND ...]`.
 * Without a command it opens the terminal front end. */
#include "cli.h"
#include "date.h"
#include "db.h"
#include "i18n.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef KUP_VERSION
#define KUP_VERSION "0.1.0"
#endif
#define DEFAULT_DB "kup.db"

static void usage(FILE *f)
{
	static const char *const lines[] = {
		N_("usage: kup [--db FILE] [--lang da|en] [--as LOGIN] [COMMAND ...]"),
		N_("commands:"),
		N_("  (none)                    open the terminal front end"),
		N_("  init                      create an empty database"),
		N_("  demo [--staff N]          create the demo organisation (or N generated staff)"),
		N_("  list staff|plans|activities|sessions|participations|followups"),
		N_("       [--year Y] [--unit NAME]  print tab-separated rows"),
		N_("  check                     check the database; prints one verdict line"),
		N_("  --version, --help"),
		N_("The database is --db FILE, else $KUP_DB, else ./kup.db."),
	};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
		fprintf(f, "%s\n", _(lines[i]));
}

int cli_usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "kup: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	usage(stderr);
	return 2;
}

static const char *unix_login(void)
{
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_name ? pw->pw_name : "local";
}

int main(int argc, char **argv)
{
	const char *dbpath = NULL, *lang = NULL, *as = NULL;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--db") || !strcmp(a, "--lang") || !strcmp(a, "--as")) {
			if (i + 1 >= argc) {
				i18n_init(lang);
				return cli_usage_error(_("option %s needs a value"), a);
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
			usage(stdout);
			return 0;
		} else {
			i18n_init(lang);
			return cli_usage_error(_("unknown option %s"), a);
		}
	}
	if (lang && strcmp(lang, "da") && strcmp(lang, "en")) {
		i18n_init(NULL);
		return cli_usage_error(_("--lang takes da or en, not %s"), lang);
	}
	i18n_init(lang);
	if (!dbpath)
		dbpath = getenv("KUP_DB");
	if (!dbpath || !*dbpath)
		dbpath = DEFAULT_DB;

	struct cli ctx = { .dbpath = dbpath, .login = unix_login(), .as = as,
			   .argc = argc - i, .argv = argv + i };
	int rc;
	if (i >= argc)
		rc = cli_tui(&ctx);
	else
		rc = cli_command(&ctx);
	i18n_done();
	return rc;
}
