/* cli_tui.c — starts the terminal front end: the terminal's type and
 * character set (ui_term.h, ui_charset.h), the database, the person. */
#include "cli_tui.h"
#include "cli_ident.h"
#include "date.h"
#include "i18n.h"
#include "ui_panes.h"
#include "ui_charset.h"
#include "ui_term.h"

#include <stdio.h>
#include <unistd.h>

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
	char cs_why[256];
	int cs_notice = ui_charset_choose(cs_why, sizeof cs_why);
	struct cli_db d;
	if (cli_open(c, 0, &d))
		return 1;
	ui_app a = { .dbpath = c->dbpath, .year = date_year_today(), .db = d.db, .who = d.who };
	if (t == UI_TERM_FALLBACK || cs_notice) /* on the first screen, where it is read */
		ui_msg(ST_WARN, "%s%s%s", t == UI_TERM_FALLBACK ? why : "",
		       t == UI_TERM_FALLBACK && cs_notice ? " " : "", cs_notice ? cs_why : "");
	int rc = ui_main(&a);
	db_close(a.db);
	return rc;
}
