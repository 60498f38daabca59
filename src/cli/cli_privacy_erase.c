/* cli_privacy_erase.c — `kup privacy status`, `kup privacy sweep
 * [--dry-run]` and `kup privacy erase --login L [--yes]`; see
 * cli_privacy_erase.h. The rule comes from kup.conf (retention_years) or,
 * for a local database, $KUP_RETENTION_YEARS (secure_retention); without
 * one nothing is swept. Erasing cannot be undone, so erase without --yes
 * only says what it would do, and a sweep names whom it erases. */
#include "cli_privacy_erase.h"
#include "cli_ident.h"
#include "date.h"
#include "db_erase.h"
#include "db_staff.h"
#include "i18n.h"
#include "secure.h"

#include <stdio.h>
#include <string.h>

/* The rule: *years 0 when there is none. 0, or 1 after saying why not. */
static int rule_of(int *years, char *source, size_t size)
{
	kerr e = { 0 };
	if (secure_retention(years, source, size, &e))
		return cli_fail(&e);
	return 0;
}

static void rule_line(int years, const char *source)
{
	if (!years)
		printf("%s\n", _("Retention rule: none. kup erases no one by itself; set retention_years = N in kup.conf (or KUP_RETENTION_YEARS for a local database) to erase people N years after their employment ended."));
	else
		printf(_("Retention rule: erase people %d years after their employment ended (%s)."), years, source);
	if (years)
		putchar('\n');
}

static void due_line(const erase_due_rec *r)
{
	char shown[11];
	date_format(r->employed_to, shown);
	if (*r->login)
		printf(_("%s (%s), employed until %s"), r->name, r->login, shown);
	else
		printf(_("%s, employed until %s"), r->name, shown);
	putchar('\n');
}

static int cmd_status(struct cli *c)
{
	if (c->argc != 2)
		return cli_usage_error(_("privacy status takes no argument, not %s"), c->argv[2]);
	int years;
	char source[4096];
	if (rule_of(&years, source, sizeof source))
		return 1;
	struct cli_db d;
	if (cli_open(c, DB_OPEN_READONLY, &d))
		return 1;
	erase_due_rec *rows = NULL;
	int n = 0;
	char today[11];
	kcode rc = KE_OK;
	if (years) {
		if (date_today(today) != 0)
			rc = kerr_set(&d.e, KE_IO, "%s", _("Cannot read the clock."));
		else
			rc = erase_due(d.db, &d.who, years, today, &rows, &n, &d.e);
	}
	db_close(d.db);
	if (rc)
		return cli_fail(&d.e);
	rule_line(years, source);
	if (years) {
		printf(n == 1 ? _("It would erase %d person now.") : _("It would erase %d people now."), n);
		putchar('\n');
	}
	erase_due_free(rows, n);
	return cli_flush_stdout();
}

static int cmd_sweep(struct cli *c)
{
	int dry = 0;
	for (int i = 2; i < c->argc; i++) {
		if (!strcmp(c->argv[i], "--dry-run"))
			dry = 1;
		else
			return cli_usage_error(_("unknown option %s"), c->argv[i]);
	}
	int years;
	char source[4096];
	if (rule_of(&years, source, sizeof source))
		return 1;
	if (!years) {
		kerr e = { 0 };
		kerr_set(&e, KE_STATE, "%s", _("There is no retention rule, so the sweep erases no one: set retention_years = N in kup.conf (or KUP_RETENTION_YEARS for a local database)."));
		return cli_fail(&e);
	}
	char today[11], rule[40];
	if (date_today(today) != 0) {
		kerr e = { 0 };
		kerr_set(&e, KE_IO, "%s", _("Cannot read the clock."));
		return cli_fail(&e);
	}
	snprintf(rule, sizeof rule, "retention_years=%d", years); /* untranslated: the audit's code */
	struct cli_db d;
	if (cli_open(c, dry ? DB_OPEN_READONLY : 0, &d))
		return 1;
	rule_line(years, source);
	erase_due_rec *rows = NULL;
	int n = 0, done = 0;
	kcode rc = erase_due(d.db, &d.who, years, today, &rows, &n, &d.e);
	for (int i = 0; !rc && i < n; i++) {
		due_line(&rows[i]);
		if (!dry && !(rc = erase_person(d.db, &d.who, rows[i].staff_id, rule, today, &d.e)))
			done++;
	}
	erase_due_free(rows, n);
	db_close(d.db);
	if (dry)
		printf(n == 1 ? _("Dry run: the sweep would erase %d person.")
			      : _("Dry run: the sweep would erase %d people."), n);
	else
		printf(done == 1 ? _("Erased %d person.") : _("Erased %d people."), done);
	putchar('\n');
	if (rc)
		return cli_fail(&d.e);
	return cli_flush_stdout();
}

static int cmd_erase(struct cli *c)
{
	const char *login = NULL;
	int yes = 0;
	for (int i = 2; i < c->argc; i++) {
		if (!strcmp(c->argv[i], "--login") && i + 1 < c->argc)
			login = c->argv[++i];
		else if (!strcmp(c->argv[i], "--yes"))
			yes = 1;
		else
			return cli_usage_error(_("unknown option %s"), c->argv[i]);
	}
	if (!login)
		return cli_usage_error("%s", _("privacy erase needs --login L"));
	char today[11];
	struct cli_db d;
	if (date_today(today) != 0) {
		kerr e = { 0 };
		kerr_set(&e, KE_IO, "%s", _("Cannot read the clock."));
		return cli_fail(&e);
	}
	if (cli_open(c, yes ? 0 : DB_OPEN_READONLY, &d))
		return 1;
	staff_rec s;
	kcode rc = staff_find_login(d.db, &d.who, login, &s, &d.e);
	int64_t id = rc ? 0 : s.id;
	char who[600] = ""; /* said once more after the erasure, which takes it */
	if (!rc) {
		snprintf(who, sizeof who, "%s (%s)", s.name, s.login);
		rc = erase_check(d.db, &d.who, id, today, &d.e);
		if (!rc && !yes) {
			fputs("kup: ", stderr);
			fprintf(stderr, _("This would erase %s (%s) for good: their name, login, e-mail and employee number, the texts of their plans, goals, evaluations, courses and follow-ups and the parts they wrote on colleagues', their drafts, and every value about them in the audit trail. Numbers stay, as an anonymous person. Nothing was changed; add --yes to erase."),
				s.name, s.login);
			fputc('\n', stderr);
			staff_free(&s);
			db_close(d.db);
			return 1;
		}
		staff_free(&s);
	}
	if (!rc)
		rc = erase_person(d.db, &d.who, id, "request", today, &d.e);
	db_close(d.db);
	if (rc)
		return cli_fail(&d.e);
	printf("%s: %s\n", who, d.e.msg);
	return cli_flush_stdout();
}

int cmd_privacy_erase(struct cli *c)
{
	if (c->argc < 2)
		return cli_usage_error("%s", _("privacy needs status, sweep or erase"));
	const char *sub = c->argv[1];
	if (!strcmp(sub, "status"))
		return cmd_status(c);
	if (!strcmp(sub, "sweep"))
		return cmd_sweep(c);
	if (!strcmp(sub, "erase"))
		return cmd_erase(c);
	return cli_usage_error(_("privacy takes status, sweep or erase, not %s"), sub);
}
