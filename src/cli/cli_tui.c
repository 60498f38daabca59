/* cli_tui.c — starts the terminal front end: a UTF-8 character locale for
 * ncursesw (servers often have only C.UTF-8), the database, the person. */
#include "cli_tui.h"
#include "cli_ident.h"
#include "date.h"
#include "i18n.h"
#include "ui_panes.h"
#include "ui_term.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void utf8_locale(void)
{
	const char *l = setlocale(LC_CTYPE, "");
	if (l && strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "C.utf8");
}

int cmd_tui(struct cli *c)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "kup: %s\n", _("the terminal front end needs a terminal; see kup --help for commands"));
		return 2;
	}
	/* Only here: commands that print lines work without any TERM (cron). */
	char why[512];
	enum ui_term_verdict t = ui_term_choose(why, sizeof why);
	if (t == UI_TERM_UNUSABLE) {
		fprintf(stderr, "kup: %s\n", why);
		return 2;
	}
	utf8_locale();
	struct cli_db d;
	if (cli_open(c, 0, &d))
		return 1;
	ui_app a = { .dbpath = c->dbpath, .year = date_year_today(), .db = d.db, .who = d.who };
	if (t == UI_TERM_FALLBACK) /* on the first screen, where it is read */
		ui_msg(ST_WARN, "%s", why);
	int rc = ui_main(&a);
	db_close(a.db);
	return rc;
}
