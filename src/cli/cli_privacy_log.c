/* cli_privacy_log.c — see cli_privacy_log.h. Text is for the person: the
 * time in Danish local time, the reader's name and login, what they read.
 * CSV/TSV are for a program: the UTC time as stored, the reader's login and
 * name, and the reading's code (access_code). */
#include "cli_privacy_log.h"
#include "cli_ident.h"
#include "cli_out.h"
#include "date.h"
#include "db_access.h"
#include "db_staff.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 200

static void print_row(struct cli_out *o, const access_rec *r)
{
	kaccess what;
	const char *said = access_parse(r->what, &what) == 0 ? access_name(what) : r->what;
	if (o->fmt == CSV_TEXT) {
		char at[DATE_LOCAL_TIME_SIZE];
		date_local_time(r->at, at, sizeof at);
		if (r->reader_name[0])
			fprintf(o->f, "%s  %s (%s)  %s\n", at, r->reader_name, r->reader, said);
		else
			fprintf(o->f, "%s  %s  %s\n", at, r->reader, said);
		return;
	}
	csv_field(&o->csv, r->at);
	csv_field(&o->csv, r->reader);
	csv_field(&o->csv, r->reader_name);
	csv_field(&o->csv, r->what);
	csv_end_row(&o->csv);
}

static void print_header(struct cli_out *o, const char *name)
{
	if (o->fmt == CSV_TEXT) {
		fprintf(o->f, _("Who has read the plan of %s:"), name);
		fputc('\n', o->f);
		return;
	}
	csv_field(&o->csv, cli_heading("at", N_("When (UTC)")));
	csv_field(&o->csv, cli_heading("login", N_("Login")));
	csv_field(&o->csv, cli_heading("name", N_("Name")));
	csv_field(&o->csv, cli_heading("what", N_("What")));
	csv_end_row(&o->csv);
}

/* Every page of the log about subject_id, newest first. */
static kcode print_log(struct cli_out *o, struct cli_db *d, const staff_rec *s)
{
	kpage pg = { .limit = PAGE };
	char key[24] = "";
	int n, total = 0;
	do {
		access_rec *r;
		if (access_log_list(d->db, &d->who, s->id, &pg, &r, &n, &d->e))
			return d->e.code;
		if (!pg.after_key) /* after the first page: a refusal prints no header */
			print_header(o, s->name);
		for (int i = 0; i < n; i++)
			print_row(o, &r[i]);
		if (n) {
			snprintf(key, sizeof key, "%s", r[n - 1].sort_key);
			pg.after_key = key;
			pg.after_id = r[n - 1].id;
		}
		total += n;
		access_rows_free(r, n);
	} while (n == PAGE && !ferror(o->f));
	if (!total && o->fmt == CSV_TEXT)
		fprintf(o->f, "%s\n", _("No one else has read it in the time the log is kept."));
	return KE_OK;
}

int cli_privacy_log(struct cli *c)
{
	const char *login = NULL;
	struct cli_out out;
	cli_out_init(&out, CSV_TEXT);
	for (int i = 2; i < c->argc; i++) {
		int orc = cli_out_option(c, &i, &out);
		if (orc == CLI_USAGE)
			return orc;
		if (orc)
			continue;
		const char *a = c->argv[i];
		if (!strcmp(a, "--login") && i + 1 < c->argc)
			login = c->argv[++i];
		else
			return cli_usage_error(_("privacy log does not know %s"), a);
	}
	if (!login)
		return cli_usage_error("%s", _("privacy log needs --login LOGIN"));
	struct cli_db d;
	if (cli_open(c, 0, &d))
		return 1;
	staff_rec s;
	kcode rc = staff_find_login(d.db, &d.who, login, &s, &d.e);
	if (rc) {
		db_close(d.db);
		return cli_fail(&d.e);
	}
	int orc = cli_out_open(&out, 1);
	if (orc) {
		staff_free(&s);
		db_close(d.db);
		return orc;
	}
	rc = print_log(&out, &d, &s);
	staff_free(&s);
	db_close(d.db);
	if (rc)
		cli_fail(&d.e);
	return cli_out_close(&out, !rc);
}
