/* cli_list.c — `kup list WHAT [--year Y] [--unit NAME]`: tab-separated rows
 * under a header line, for scripts and tests. Lists are read page by page
 * (keyset), so memory stays flat however large the organisation. Dates are
 * ISO here: scripts read them more reliably than the Danish form. */
#include "cli_list.h"
#include "cli_ident.h"
#include "cli_opts.h"
#include "cli_out.h"
#include "date.h"
#include "db_audit.h"
#include "db_activity.h"
#include "db_org.h"
#include "db_part.h"
#include "db_plan.h"
#include "db_staff.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 500

/* Every value goes through csv.c, so --format csv|tsv, --sep and --bom
 * work for every list (the writer of the list being printed is W). */
static csv_out *W;

static void field(const char *s, int last)
{
	csv_field(W, s);
	if (last)
		csv_end_row(W);
}

static void num(long long v, int last)
{
	csv_int(W, v);
	if (last)
		csv_end_row(W);
}

static void real(double v, int last)
{
	csv_real(W, v, 3, 1);
	if (last)
		csv_end_row(W);
}

/* The header line: names separated by tabs, written in the chosen format. */
static void header(const char *names)
{
	for (const char *p = names; *p;) {
		size_t len = strcspn(p, "\t");
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)len, p);
		csv_field(W, name);
		p += len;
		if (*p)
			p++;
	}
	csv_end_row(W);
}

/* Each lister prints one page and moves the keyset position on. */
typedef kcode (*page_fn)(kdb *db, const kactor *who, kpage *pg, char **key, int *n, kerr *e);

static void move_on(kpage *pg, char **key, const char *k, int64_t id)
{
	free(*key);
	*key = strdup(k ? k : "");
	pg->after_key = *key;
	pg->after_id = id;
}

static kcode page_staff(kdb *db, const kactor *who, kpage *pg, char **key, int *n, kerr *e)
{
	staff_rec *r;
	if (!pg->after_key)
		header("id\tlogin\temp_no\tname\tinitials\tunit\tprofession\trole\ttitle\temail\temployed_from\temployed_to\tactive");
	if (staff_list(db, who, pg, &r, n, e))
		return e->code;
	for (int i = 0; i < *n; i++) {
		num(r[i].id, 0); field(r[i].login, 0); field(r[i].emp_no, 0); field(r[i].name, 0);
		field(r[i].initials, 0); field(r[i].unit_name, 0); field(r[i].profession_name, 0);
		field(role_code(r[i].role), 0); field(r[i].title, 0); field(r[i].email, 0);
		field(r[i].employed_from, 0); field(r[i].employed_to, 0); num(r[i].active, 1);
	}
	if (*n)
		move_on(pg, key, r[*n - 1].sort_key, r[*n - 1].id);
	staff_rows_free(r, *n);
	return KE_OK;
}

static kcode page_plans(kdb *db, const kactor *who, kpage *pg, char **key, int *n, kerr *e)
{
	plan_rec *r;
	if (!pg->after_key)
		header("id\tname\tunit\tyear\tstatus\tmus_date\tgoals\tgoals_done\tagreed_by\tagreed_at\taccepted_at\tevaluated_at");
	if (plan_list(db, who, pg, &r, n, e))
		return e->code;
	for (int i = 0; i < *n; i++) {
		num(r[i].id, 0); field(r[i].staff_name, 0); field(r[i].unit_name, 0); num(r[i].year, 0);
		field(r[i].status, 0); field(r[i].mus_date, 0); num(r[i].goals, 0); num(r[i].goals_done, 0);
		field(r[i].agreed_by_name, 0); field(r[i].agreed_at, 0); field(r[i].accepted_at, 0);
		field(r[i].evaluated_at, 1);
	}
	if (*n)
		move_on(pg, key, r[*n - 1].sort_key, r[*n - 1].id);
	plan_rows_free(r, *n);
	return KE_OK;
}

static kcode page_activities(kdb *db, const kactor *who, kpage *pg, char **key, int *n, kerr *e)
{
	activity_rec *r;
	if (!pg->after_key)
		header("id\ttitle\tmethod\tprovider\tects\thours\tprice\tcross_prof\tactive\tsessions");
	if (activity_list(db, who, pg, &r, n, e))
		return e->code;
	for (int i = 0; i < *n; i++) {
		num(r[i].id, 0); field(r[i].title, 0); field(r[i].method, 0); field(r[i].provider, 0);
		real(r[i].ects, 0); real(r[i].hours, 0); num(r[i].price, 0); num(r[i].cross_prof, 0);
		num(r[i].active, 0); num(r[i].sessions, 1);
	}
	if (*n)
		move_on(pg, key, r[*n - 1].sort_key, r[*n - 1].id);
	activity_rows_free(r, *n);
	return KE_OK;
}

static kcode page_sessions(kdb *db, const kactor *who, kpage *pg, char **key, int *n, kerr *e)
{
	session_rec *r;
	if (!pg->after_key)
		header("id\tactivity\tstarts\tends\tsignup_deadline\tplace\tcapacity\ttaken\twaiting\trequested");
	if (session_list(db, who, pg, &r, n, e))
		return e->code;
	for (int i = 0; i < *n; i++) {
		num(r[i].id, 0); field(r[i].activity_title, 0); field(r[i].starts, 0); field(r[i].ends, 0);
		field(r[i].signup_deadline, 0); field(r[i].place, 0); num(r[i].capacity, 0);
		num(r[i].taken, 0); num(r[i].waiting, 0); num(r[i].requested, 1);
	}
	if (*n)
		move_on(pg, key, r[*n - 1].starts, r[*n - 1].id);
	session_rows_free(r, *n);
	return KE_OK;
}

static kcode page_parts(kdb *db, const kactor *who, kpage *pg, char **key, int *n, kerr *e)
{
	part_rec *r;
	if (!pg->after_key)
		header("id\tname\tactivity\tstarts\tstatus\twait_pos\tprice\trequested_at");
	if (part_list(db, who, pg, &r, n, e))
		return e->code;
	for (int i = 0; i < *n; i++) {
		num(r[i].id, 0); field(r[i].staff_name, 0); field(r[i].activity_title, 0);
		field(r[i].starts, 0); field(r[i].status, 0); num(r[i].wait_pos, 0); num(r[i].price, 0);
		field(r[i].requested_at, 1);
	}
	if (*n)
		move_on(pg, key, r[*n - 1].sort_key, r[*n - 1].id);
	part_rows_free(r, *n);
	return KE_OK;
}

static kcode page_followups(kdb *db, const kactor *who, kpage *pg, char **key, int *n, kerr *e)
{
	followup_rec *r;
	if (!pg->after_key)
		header("id\tname\tactivity\tdue\tdone_at\toverdue");
	if (followup_list(db, who, pg, &r, n, e))
		return e->code;
	for (int i = 0; i < *n; i++) {
		num(r[i].id, 0); field(r[i].staff_name, 0); field(r[i].activity_title, 0);
		field(r[i].due, 0); field(r[i].done_at, 0); num(r[i].overdue, 1);
	}
	if (*n)
		move_on(pg, key, r[*n - 1].sort_key, r[*n - 1].id);
	followup_rows_free(r, *n);
	return KE_OK;
}

/* The audit trail, newest first (admins; audit_list checks). */
static kcode page_audit(kdb *db, const kactor *who, kpage *pg, char **key, int *n, kerr *e)
{
	audit_rec *r;
	if (audit_list(db, who, NULL, 0, pg, &r, n, e)) /* a denial prints no header */
		return e->code;
	if (!pg->after_key)
		header("id\tat\tlogin\tname\ttable\trow_id\taction\told\tnew");
	for (int i = 0; i < *n; i++) {
		num(r[i].id, 0); field(r[i].at, 0); field(r[i].login, 0); field(r[i].name, 0);
		field(r[i].tbl, 0); num(r[i].row_id, 0); field(r[i].action, 0);
		field(r[i].old_json, 0); field(r[i].new_json, 1);
	}
	if (*n)
		move_on(pg, key, r[*n - 1].sort_key, r[*n - 1].id);
	audit_rows_free(r, *n);
	return KE_OK;
}

/* per_year: --year applies (default this year); by_unit: --unit applies. */
static const struct { const char *what; page_fn fn; int per_year, by_unit; } listers[] = {
	{ "staff", page_staff, 0, 1 },
	{ "plans", page_plans, 1, 1 },
	{ "activities", page_activities, 0, 0 },
	{ "sessions", page_sessions, 1, 0 },
	{ "participations", page_parts, 1, 0 },
	{ "followups", page_followups, 0, 0 },
	{ "audit", page_audit, 0, 0 },
};

static int list(struct cli *c, kdb *db, const kactor *who)
{
	const char *what = c->argv[1];
	page_fn fn = NULL;
	int per_year = 0, by_unit = 0;
	for (size_t i = 0; i < sizeof listers / sizeof *listers; i++)
		if (!strcmp(what, listers[i].what)) {
			fn = listers[i].fn;
			per_year = listers[i].per_year;
			by_unit = listers[i].by_unit;
		}
	if (!fn)
		return cli_usage_error(_("cannot list %s"), what);

	kpage pg = { .limit = PAGE, .include_inactive = 1 };
	struct cli_out out;
	cli_out_init(&out, CSV_TSV);
	for (int i = 2; i < c->argc; i++) {
		const char *a = c->argv[i], *v;
		int orc = cli_out_option(c, &i, &out);
		if (orc == CLI_USAGE)
			return orc;
		if (orc)
			continue;
		if ((!strcmp(a, "--year") && !per_year) || (!strcmp(a, "--unit") && !by_unit)) {
			/* a plain error, not a usage error: the usage would not say more */
			fprintf(stderr, "kup: ");
			fprintf(stderr, _("list %s does not take %s"), what, a);
			fputc('\n', stderr);
			return 2;
		}
		if ((v = cli_opt_value(c, &i, "--year"))) {
			if (cli_opt_year(v, &pg.year))
				return CLI_USAGE;
		} else if ((v = cli_opt_value(c, &i, "--unit"))) {
			kerr e = { 0 };
			if (unit_find(db, v, &pg.unit_id, &e))
				return cli_fail(&e);
		} else {
			return cli_usage_error(_("list does not know %s"), a);
		}
	}
	if (per_year && !pg.year)
		pg.year = date_year_today();

	int orc = cli_out_open(&out, 0);
	if (orc)
		return orc;
	W = &out.csv;
	char *key = NULL;
	int n;
	kerr e = { 0 };
	kcode rc;
	do
		rc = fn(db, who, &pg, &key, &n, &e);
	while (!rc && n == PAGE && !ferror(out.f));
	free(key);
	if (rc)
		cli_fail(&e);
	return cli_out_close(&out, !rc);
}

int cmd_list(struct cli *c)
{
	if (c->argc < 2)
		return cli_usage_error("%s", _("list needs what to list: staff, plans, activities, sessions, participations or followups"));
	struct cli_db d;
	if (cli_open(c, DB_OPEN_READONLY, &d))
		return 1;
	int rc = list(c, d.db, &d.who);
	db_close(d.db);
	return rc;
}
