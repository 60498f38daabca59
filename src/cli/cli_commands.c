/* cli_commands.c — see cli_commands.h. The table is the one place that
 * knows every command: the dispatcher looks a command up in it, and the
 * usage text is printed from it, so neither can forget one. */
#include "cli_commands.h"
#include "cli_backup.h"
#include "cli_check.h"
#include "cli_demo.h"
#include "cli_due.h"
#include "cli_export.h"
#include "cli_import.h"
#include "cli_init.h"
#include "cli_list.h"
#include "cli_migrate.h"
#include "cli_privacy_export.h"
#include "cli_privacy_log.h"
#include "cli_privacy_erase.h"
#include "cli_report.h"
#include "cli_setup.h"
#include "cli_tui.h"
#include "i18n.h"
#include "secure.h"
#include "text.h"
#include "ui_panes.h"

#include <string.h>

enum { NO_DATABASE = 1 }; /* the command finds (or makes) its own database */

static int cmd_help(struct cli *c);
static int cmd_privacy(struct cli *c);

/* One form of a command: a command with several forms has a line for each,
 * all with its handler; the first one is the one that runs it. */
static const struct cli_cmd {
	const char *name;     /* NULL: no command (the terminal front end) */
	int (*run)(struct cli *c);
	const char *args;     /* N_(), after the name in the usage; NULL: none */
	const char *help;     /* N_() */
	int flags;
} commands[] = {
	{ NULL, cmd_tui, NULL, N_("open the terminal front end"), 0 },
	{ "init", cmd_init, NULL, N_("create an empty database"), 0 },
	{ "demo", cmd_demo, N_("[--staff N]"), N_("create the demo organisation (or N generated staff)"), 0 },
	{ "list", cmd_list, N_("staff|plans|activities|sessions|participations|followups [--year Y] [--unit NAME]"),
	  N_("print tab-separated rows"), 0 },
	{ "list", cmd_list, N_("audit"), N_("the audit trail, newest first (admins only)"), 0 },
	{ "list", cmd_list, N_("... --out FILE"), N_("write the rows to FILE, yours, instead of the screen"), 0 },
	{ "list", cmd_list, N_("... --format csv|tsv [--sep ';'] [--bom]"), N_("CSV for spreadsheets"), 0 },
	{ "check", cmd_check, NULL, N_("check the database; prints one verdict line"), 0 },
	{ "migrate", cmd_migrate, NULL, N_("bring the database to this kup's schema (after an upgrade)"), 0 },
	{ "due", cmd_due, N_("[--days N] [--employees] [--format text|tsv]"),
	  N_("what each leader (and person) must do now, for mail"), 0 },
	{ "due", cmd_due, N_("... --mail [--sendmail PATH] [--dry-run]"),
	  N_("mail each person their own list, from kup.conf's mail_from"), 0 },
	{ "report", cmd_report,
	  N_("coverage|followup|competences|focus|crossprof|methods|cost [--year Y] [--unit NAME] [--format text|csv|tsv]"),
	  N_("the Reports pane's figures"), 0 },
	{ "export", cmd_export, N_("plan --login L [--year Y] [--format md|html|txt] [--out FILE]"),
	  N_("the plan for the MUS meeting, as a file"), 0 },
	{ "export", cmd_export, N_("ics --login L [--out FILE]"),
	  N_("the person's course days as a calendar file (Outlook, phones)"), 0 },
	{ "privacy", cmd_privacy, N_("export --login L [--format json|md|html] [--out FILE]"),
	  N_("everything kup stores about a person, as a file (admins; a person their own)"), 0 },
	{ "privacy", cmd_privacy, N_("log --login L [--format text|csv|tsv] [--out FILE]"),
	  N_("who has read the person's plan (the person, admins)"), 0 },
	{ "privacy", cmd_privacy, N_("status"),
	  N_("the retention rule (kup.conf's retention_years) and how many people it would erase now"), 0 },
	{ "privacy", cmd_privacy, N_("sweep [--dry-run]"), N_("erase everyone the retention rule says (admins)"), 0 },
	{ "privacy", cmd_privacy, N_("erase --login L [--yes]"),
	  N_("erase one person who has left, for good (admins)"), 0 },
	{ "import", cmd_import, N_("staff|activities FILE.csv [--dry-run] [--deactivate-missing [--allow-mass-deactivation]]"),
	  N_("load HR's spreadsheet, all or nothing (admins)"), 0 },
	{ "setup", cmd_setup, N_("--shared DIR [--group kup] --admin LOGIN [--binary PATH] [--demo]"),
	  N_("as root: install for a shared server (see README)"), NO_DATABASE },
	{ "backup", cmd_backup, N_("FILE"), N_("copy the database to a new FILE while others work, and check it"), 0 },
	{ "help", cmd_help, N_("[--keys|--commands]"),
	  N_("this text; every key or every command, a line each"), NO_DATABASE },
};

#define NCOMMANDS (sizeof commands / sizeof *commands)
#define HELP_COLUMN 28 /* where the help starts when the form leaves room */
#define MARGIN 78      /* a long form breaks before an option to stay within */

static void usage_line(FILE *f, const struct cli_cmd *cmd)
{
	char form[512];
	if (!cmd->name)
		snprintf(form, sizeof form, "%s", _("(none)"));
	else
		snprintf(form, sizeof form, "%s%s%s", cmd->name, cmd->args ? " " : "", cmd->args ? _(cmd->args) : "");
	fputs("  ", f);
	int col = 2;
	for (char *p = form; *p;) {
		/* the next piece: up to the next option in brackets */
		char *next = strstr(p + 1, " [");
		size_t len = next ? (size_t)(next - p) : strlen(p);
		char piece[512];
		snprintf(piece, sizeof piece, "%.*s", (int)len, p);
		if (p != form && col + text_width(piece) > MARGIN) {
			fputs("\n      ", f);
			col = 6;
		}
		fputs(piece, f);
		col += text_width(piece);
		p += len;
	}
	if (col >= HELP_COLUMN) {
		fputc('\n', f);
		col = 0;
	}
	fprintf(f, "%*s%s\n", HELP_COLUMN - col, "", _(cmd->help));
}

void cli_usage(FILE *f)
{
	fprintf(f, "%s\n", _("usage: kup [--db FILE] [--lang da|en] [--as LOGIN] [COMMAND ...]"));
	fprintf(f, "%s\n", _("commands:"));
	for (size_t i = 0; i < NCOMMANDS; i++)
		usage_line(f, &commands[i]);
	fprintf(f, "%s\n", _("  --version, --help"));
	fprintf(f, "%s\n", _("The database is --db FILE, else $KUP_DB, else the one in kup.conf, else ./kup.db; on a shared server always the one in kup.conf."));
}

/* `kup privacy ...`: each subcommand in its own file. */
static int cmd_privacy(struct cli *c)
{
	static const struct { const char *name; int (*run)(struct cli *); } sub[] = {
		{ "export", cli_privacy_export }, { "log", cli_privacy_log },
		{ "status", cmd_privacy_erase }, { "sweep", cmd_privacy_erase }, { "erase", cmd_privacy_erase },
	};
	for (size_t i = 0; c->argc >= 2 && i < sizeof sub / sizeof *sub; i++)
		if (!strcmp(c->argv[1], sub[i].name))
			return sub[i].run(c);
	return cli_usage_error(_("privacy takes export, log, status, sweep or erase, not %s"), c->argc < 2 ? "" : c->argv[1]);
}

/* `kup help`: the usage on standard output; --keys and --commands print
 * the tables the front end and this dispatcher run on, tab-separated, so
 * scripts (and the tests of the manual) read them from the program. */
static int cmd_help(struct cli *c)
{
	if (c->argc > 2)
		return cli_usage_error(_("help takes --keys or --commands, not %s"), c->argv[2]);
	if (c->argc == 1)
		cli_usage(stdout);
	else if (!strcmp(c->argv[1], "--keys"))
		ui_keys_list(stdout);
	else if (!strcmp(c->argv[1], "--commands")) {
		/* the forms as written in the table, which is English */
		for (size_t i = 0; i < NCOMMANDS; i++)
			if (commands[i].name)
				printf("%s\t%s\n", commands[i].name, commands[i].args ? commands[i].args : "");
	} else
		return cli_usage_error(_("help takes --keys or --commands, not %s"), c->argv[1]);
	return cli_flush_stdout();
}

int cli_status(int rc)
{
	if (rc != CLI_USAGE)
		return rc;
	cli_usage(stderr);
	return 2;
}

static const struct cli_cmd *find(const struct cli *c)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (c->argc == 0 ? !commands[i].name : commands[i].name && !strcmp(commands[i].name, c->argv[0]))
			return &commands[i];
	return NULL;
}

int cli_command(struct cli *c)
{
	const struct cli_cmd *cmd = find(c);
	/* The database is worked out for an unknown command too, so what kup
	 * says about a refused --db or a broken kup.conf does not depend on
	 * what was typed after it. */
	if (!(cmd && cmd->flags & NO_DATABASE) && secure_database(c->dbpath, c->as, &c->dbpath))
		return 1;
	if (!cmd)
		return cli_status(cli_usage_error(_("unknown command %s"), c->argv[0]));
	if (cmd->name && cli_safe_stdout() != 0) { /* the front end (no name) draws with curses */
		fprintf(stderr, "kup: %s\n", _("Out of memory."));
		return 1;
	}
	return cli_status(cmd->run(c));
}
