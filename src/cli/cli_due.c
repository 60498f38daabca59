/* cli_due.c — `kup due [--days N] [--employees] [--format text|tsv]
 * [--year Y]`: what each leader must do now (requests to decide, their
 * people's follow-ups — the written ones ready to close —, plans to make,
 * agree or evaluate, sessions coming up, and follow-ups long overdue under
 * the leaders they lead), and with --employees what each person must do
 * (follow-ups to write, colleagues' follow-ups they are asked to add to, a
 * plan to accept, sessions coming up): for a cron job that mails each their
 * part. An admin gets everyone; anyone else only themself. Text is readable
 * and says in plain words what to do next, in the language kup runs in
 * (--lang); TSV has one line per item under a header, with codes for the
 * sections and states: it is for the mailer a cron job feeds, not for
 * people, so its header is the codes in every language (unlike `kup list`
 * and `kup report`, which a person opens in a spreadsheet). Exit status 0
 * when it ran. With --mail each person gets their list by mail instead
 * (cli_due_mail.c); exit status 1 when a mail could not be handed over. */
#include "cli_due.h"
#include "cli_due_mail.h"
#include "cli_ident.h"
#include "cli_opts.h"
#include "date.h"
#include "db_overview.h"
#include "db_staff.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct due {
	kdb *db;
	FILE *out;          /* stdout, or a person's mail being written */
	int tsv, employees;
	ov_when w;
	char today[11];
	char horizon[11];   /* today + days: "soon" ends here */
	due_mail *mail;     /* --mail: each person's list goes out by mail */
	int64_t *leaders;   /* --mail --employees: the leaders' ids, sorted */
	int nleaders;
};

/* Whom a list is for. */
struct person {
	kactor who;
	const char *email;
	int headed;         /* text: the person's heading is printed */
	/* The follow-ups escalated to this leader, sorted: they are listed
	 * once, as escalated, not again among the people's follow-ups (a leader
	 * above leads the whole subtree) */
	int64_t *esc;
	int nesc;
	int64_t *sessions;  /* mail: the person's own sessions listed, for the calendar */
	int nses;
};

static const struct section {
	ov_section s;
	const char *code;   /* TSV */
	const char *title;  /* N_() */
	const char *hint;   /* N_(): what to do next, under the title; NULL */
} leader_secs[] = {
	{ OV_REQUESTS, "requests", N_("Requests waiting for your approval"), NULL },
	{ OV_FOLLOWUPS, "followups", N_("Your people's follow-ups (written ones are ready for you to close)"),
	  N_("Written: read it, record how the unit puts it into practice and close it. "
	     "Not written yet: remind the person.") },
	{ OV_ESCALATED, "escalated", N_("Follow-ups long overdue under the leaders you lead"),
	  N_("They have waited too long: ask the person's leader to close them or to remind the person.") },
	{ OV_TO_AGREE, "to_agree", N_("Plans waiting for your agreement"), NULL },
	{ OV_NO_PLAN, "no_plan", N_("People without a plan for the year"), NULL },
	{ OV_TO_EVALUATE, "to_evaluate", N_("Plans to evaluate"), NULL },
	{ OV_SOON, "sessions", N_("Sessions starting soon with your people"), NULL },
}, own_secs[] = {
	{ OV_MY_PLAN, "my_plan", N_("Your plan to accept"), NULL },
	{ OV_MY_FOLLOWUPS, "my_followups", N_("Your follow-ups to write (due or overdue)"), NULL },
	{ OV_MY_COLLEAGUE, "colleague_followups", N_("Colleagues' follow-ups you are asked to add to"),
	  N_("Open kup and write what you have seen of the new practice, how you use it yourself "
	     "and whether you want to learn more — or decline with a reason.") },
	{ OV_MY_SESSIONS, "my_sessions", N_("Your sessions starting soon"), NULL },
};

/* Writes s as one TSV field: tabs and line breaks would split the row. */
static void field(FILE *f, const char *s, int last)
{
	for (const char *p = s ? s : ""; *p; p++)
		fputc(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p, f);
	fputc(last ? '\n' : '\t', f);
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Whether a row is something to do now. */
static int actionable(const struct due *d, const struct person *p, ov_section s, const ov_row *r)
{
	switch (s) {
	case OV_FOLLOWUPS:
		return !p->nesc || !bsearch(&r->followup_id, p->esc, (size_t)p->nesc, sizeof *p->esc, cmp_id);
	case OV_MY_PLAN: /* only the plan itself, agreed and waiting for the person */
		return r->kind == 'P' && !strcmp(r->status, "agreed") && !r->flag;
	case OV_MY_SESSIONS:
		return strcmp(r->date, d->horizon) <= 0;
	case OV_MY_FOLLOWUPS: /* a written one waits for the leader, not the person */
		return strcmp(r->status, "written") != 0;
	default:
		return 1;
	}
}

/* The state column. A follow-up is late against the step that waits: the
 * person's writing (due, overdue) or, once written, the leader's closing
 * (written, written_overdue); a colleague's part against its own date. */
static void state_of(const ov_row *r, const char *today, int tsv, char *buf, size_t size)
{
	char day[11];
	date_format(r->date, day);
	if (r->kind == 'F' || r->kind == 'C') {
		int overdue = strcmp(r->date, today) < 0;
		int written = r->kind == 'F' && !strcmp(r->status, "written");
		if (tsv)
			snprintf(buf, size, "%s%s", written ? "written" : overdue ? "overdue" : "due",
				 written && overdue ? "_overdue" : "");
		else if (written)
			snprintf(buf, size, overdue ? _("written, closing overdue since %s") : _("written, to close by %s"),
				 day);
		else
			snprintf(buf, size, overdue ? _("overdue since %s") : _("due %s"), day);
	} else if (tsv) {
		snprintf(buf, size, "%s", r->status);
	} else if (r->kind == 'R') {
		snprintf(buf, size, "%s", day);
	} else if (r->kind == 'P' && day[0]) {
		snprintf(buf, size, "MUS %s", day);
	} else {
		buf[0] = '\0';
	}
}

static void print_row(const struct due *d, struct person *p, const struct section *sec, const ov_row *r)
{
	char state[96];
	state_of(r, d->today, d->tsv, state, sizeof state);
	if (d->tsv) {
		FILE *f = d->out;
		field(f, p->who.login, 0); field(f, p->who.name, 0); field(f, p->email, 0); field(f, sec->code, 0);
		field(f, r->name, 0); field(f, r->what, 0); field(f, r->date, 0); field(f, state, 1);
		return;
	}
	/* one's own items need no name; a colleague's follow-up names whose */
	int named = OV_IS_LED(sec->s) || r->kind == 'C';
	fprintf(d->out, "    %s", named ? r->name : r->what);
	if (named && r->what[0])
		fprintf(d->out, " · %s", r->what);
	if (state[0])
		fprintf(d->out, " · %s", state);
	fputc('\n', d->out);
}

/* Prints one section of p's (all its pages); the count of rows printed. */
static int print_section(struct due *d, struct person *p, const struct section *sec, kerr *e)
{
	char key[300] = "";
	kpage pg = { .limit = 500 };
	int printed = 0, n;
	do {
		ov_row *r;
		if (overview_list(d->db, &p->who, sec->s, &d->w, &pg, &r, &n, e))
			return -1;
		for (int i = 0; i < n; i++) {
			if (!actionable(d, p, sec->s, &r[i]))
				continue;
			if (!d->tsv && !p->headed) {
				fprintf(d->out, "%s%s%s%s\n", p->who.name, p->email[0] ? " <" : "", p->email, p->email[0] ? ">" : "");
				p->headed = 1;
			}
			if (!d->tsv && !printed) {
				fprintf(d->out, "  %s\n", _(sec->title));
				if (sec->hint)
					fprintf(d->out, "  %s\n", _(sec->hint));
			}
			print_row(d, p, sec, &r[i]);
			printed++;
			/* a place on the waiting list is no day in the calendar */
			if (d->mail && sec->s == OV_MY_SESSIONS && r[i].session_id && strcmp(r[i].status, "waitlisted")) {
				int64_t *t = realloc(p->sessions, (size_t)(p->nses + 1) * sizeof *t);
				if (!t) {
					ov_rows_free(r, n);
					kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
					return -1;
				}
				p->sessions = t;
				p->sessions[p->nses++] = r[i].session_id;
			}
		}
		if (n) {
			snprintf(key, sizeof key, "%s", r[n - 1].sort_key);
			pg.after_key = key;
			pg.after_id = r[n - 1].id;
		}
		ov_rows_free(r, n);
	} while (n == pg.limit);
	return printed;
}

/* Reads which follow-ups are escalated to leader p (into p->esc). */
static int read_escalated(struct due *d, struct person *p, kerr *e)
{
	char key[300] = "";
	kpage pg = { .limit = 500 };
	int n, cap = 0;
	do {
		ov_row *r;
		if (overview_list(d->db, &p->who, OV_ESCALATED, &d->w, &pg, &r, &n, e))
			return -1;
		if (p->nesc + n > cap) {
			int ncap = p->nesc + n;
			int64_t *t = realloc(p->esc, (size_t)ncap * sizeof *t);
			if (!t) {
				ov_rows_free(r, n);
				kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
				return -1;
			}
			p->esc = t;
			cap = ncap;
		}
		for (int i = 0; i < n; i++)
			p->esc[p->nesc++] = r[i].followup_id;
		if (n) {
			snprintf(key, sizeof key, "%s", r[n - 1].sort_key);
			pg.after_key = key;
			pg.after_id = r[n - 1].id;
		}
		ov_rows_free(r, n);
	} while (n == pg.limit);
	if (p->nesc > 1)
		qsort(p->esc, (size_t)p->nesc, sizeof *p->esc, cmp_id);
	return 0;
}

/* Prints p's sections; the number of items, or -1. */
static int print_person(struct due *d, struct person *p, int as_leader, int own, kerr *e)
{
	int items = 0, k;
	if (as_leader && read_escalated(d, p, e) < 0)
		return -1;
	if (as_leader)
		for (size_t i = 0; i < sizeof leader_secs / sizeof *leader_secs; i++) {
			if ((k = print_section(d, p, &leader_secs[i], e)) < 0)
				return -1;
			items += k;
		}
	if (own && p->who.staff_id)
		for (size_t i = 0; i < sizeof own_secs / sizeof *own_secs; i++) {
			if ((k = print_section(d, p, &own_secs[i], e)) < 0)
				return -1;
			items += k;
		}
	if (!d->tsv && p->headed && !d->mail)
		fputc('\n', d->out);
	return items;
}

/* Writes the person's list into a mail of its own and hands it on. */
static int mail_as(struct due *d, const kactor *who, const char *email, int as_leader, int own, kerr *e)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m) {
		kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
		return -1;
	}
	/* no heading: the mail greets the person by name */
	struct person p = { .who = *who, .email = email, .headed = 1 };
	d->out = m;
	int items = print_person(d, &p, as_leader, own, e);
	d->out = stdout;
	int rc = -1;
	if (fclose(m) != 0 || !text)
		kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	else if (items >= 0)
		rc = due_mail_person(d->mail, d->db, who, email, text, items, p.sessions, p.nses, e);
	free(text);
	free(p.esc);
	free(p.sessions);
	return rc;
}

/* Prints (or mails) what the person acting as who must do, under their
 * heading. */
static int print_as(struct due *d, const kactor *who, const char *email, int as_leader, int own, kerr *e)
{
	if (d->mail)
		return mail_as(d, who, email, as_leader, own, e);
	struct person p = { .who = *who, .email = email };
	int rc = print_person(d, &p, as_leader, own, e);
	free(p.esc);
	return rc < 0 ? -1 : 0;
}

/* The person with the given staff record and role, for print_as. */
static const kactor *actor_of(kactor *a, int64_t id, krole role, const char *login, const char *name)
{
	memset(a, 0, sizeof *a);
	a->staff_id = id;
	a->role = role;
	snprintf(a->login, sizeof a->login, "%s", login);
	snprintf(a->name, sizeof a->name, "%s", name);
	return a;
}

/* Calls fn for every current leader, a page at a time; -1 when fn or a
 * read fails. */
static int each_leader(struct due *d, const kactor *admin, int (*fn)(struct due *, const ov_person *, kerr *),
		       kerr *e)
{
	int64_t after = 0;
	int n;
	do {
		ov_person *l;
		if (overview_leaders(d->db, admin, after, 200, &l, &n, e))
			return -1;
		int bad = 0;
		for (int i = 0; i < n && !bad; i++)
			bad = fn(d, &l[i], e) < 0;
		if (n)
			after = l[n - 1].id;
		ov_people_free(l, n);
		if (bad)
			return -1;
	} while (n == 200);
	return 0;
}

/* A leader's list, for the units they lead. */
static int leader_list(struct due *d, const ov_person *l, kerr *e)
{
	kactor a;
	return print_as(d, actor_of(&a, l->id, ROLE_LEADER, l->login, l->name), l->email, 1, 0, e);
}

/* Notes a leader's id (d->leaders): mailed with --employees, a leader gets
 * one mail with both parts. */
static int note_leader(struct due *d, const ov_person *l, kerr *e)
{
	int64_t *t = realloc(d->leaders, (size_t)(d->nleaders + 1) * sizeof *t);
	if (!t) {
		kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
		return -1;
	}
	d->leaders = t;
	d->leaders[d->nleaders++] = l->id;
	return 0;
}

/* The ids of every current leader, sorted (d->leaders). */
static int read_leaders(struct due *d, const kactor *admin, kerr *e)
{
	if (each_leader(d, admin, note_leader, e) < 0)
		return -1;
	if (d->nleaders > 1)
		qsort(d->leaders, (size_t)d->nleaders, sizeof *d->leaders, cmp_id);
	return 0;
}

/* Every active person, for their own part (mailed: a leader's mail has
 * the leader's part too). */
static int all_employees(struct due *d, const kactor *admin, kerr *e)
{
	char key[300] = "";
	kpage pg = { .limit = 500 };
	int n;
	do {
		staff_rec *s;
		if (staff_list(d->db, admin, &pg, &s, &n, e))
			return -1;
		int bad = 0;
		kactor a;
		for (int i = 0; i < n && !bad; i++) {
			int lead = d->nleaders &&
				   bsearch(&s[i].id, d->leaders, (size_t)d->nleaders, sizeof *d->leaders, cmp_id);
			bad = print_as(d, actor_of(&a, s[i].id, lead ? ROLE_LEADER : ROLE_EMPLOYEE, s[i].login, s[i].name),
				       s[i].email, lead, 1, e) < 0;
		}
		if (n) {
			snprintf(key, sizeof key, "%s", s[n - 1].sort_key);
			pg.after_key = key;
			pg.after_id = s[n - 1].id;
		}
		staff_rows_free(s, n);
		if (bad)
			return -1;
	} while (n == pg.limit);
	return 0;
}

static int options(struct cli *c, struct due *d, int *days, due_mail_opts *mo)
{
	for (int i = 1; i < c->argc; i++) {
		const char *a = c->argv[i], *v;
		if (!strcmp(a, "--employees")) {
			d->employees = 1;
		} else if (!strcmp(a, "--mail")) {
			mo->on = 1;
		} else if (!strcmp(a, "--dry-run")) {
			mo->dry_run = 1;
		} else if ((v = cli_opt_value(c, &i, "--sendmail"))) {
			mo->sendmail = v;
		} else if ((v = cli_opt_value(c, &i, "--days"))) {
			char *end;
			long n = strtol(v, &end, 10);
			if (*end || end == v || n < 0 || n > 365)
				return cli_usage_error(_("--days takes a number of days from 0 to 365, not %s"), v);
			*days = (int)n;
		} else if ((v = cli_opt_value(c, &i, "--year"))) {
			if (cli_opt_year(v, &d->w.year))
				return CLI_USAGE;
		} else if ((v = cli_opt_value(c, &i, "--format"))) {
			if (strcmp(v, "text") && strcmp(v, "tsv"))
				return cli_usage_error(_("--format takes text or tsv, not %s"), v);
			d->tsv = !strcmp(v, "tsv");
		} else {
			return cli_usage_error(_("due does not know %s"), a);
		}
	}
	if (!mo->on && (mo->dry_run || mo->sendmail))
		return cli_usage_error(_("%s goes with --mail"), mo->dry_run ? "--dry-run" : "--sendmail"); /* untranslated: an option's name */
	if (mo->on && d->tsv)
		return cli_usage_error(_("--mail sends text; it does not take %s"), "--format tsv"); /* untranslated: an option's name */
	return 0;
}

int cmd_due(struct cli *c)
{
	struct due d = { .out = stdout };
	due_mail_opts mo = { 0 };
	int days = 14;
	int rc = options(c, &d, &days, &mo);
	if (rc)
		return rc;
	if (date_today(d.today) != 0 || date_add_days(d.today, days, d.horizon) != 0) {
		fprintf(stderr, "kup: %s\n", _("Cannot read today's date from the system clock."));
		return 1;
	}
	if (!d.w.year)
		d.w.year = atoi(d.today);
	d.w.soon_days = days;
	d.w.due_days = days;
	/* the sender and the program are checked before anything is read */
	kerr me = { 0 };
	if (mo.on && !(d.mail = due_mail_open(&mo, &me)))
		return cli_fail(&me);
	struct cli_db o;
	if (cli_open(c, DB_OPEN_READONLY, &o)) {
		due_mail_close(d.mail);
		return 1;
	}
	d.db = o.db;
	const kactor *who = &o.who;
	if (d.tsv)
		fprintf(d.out, "login\tname\temail\tsection\tperson\twhat\tdate\tstate\n"); /* untranslated: for the mailer */
	int bad;
	if (who->role == ROLE_ADMIN && d.mail && d.employees) {
		bad = read_leaders(&d, who, &o.e) || all_employees(&d, who, &o.e);
	} else if (who->role == ROLE_ADMIN) {
		bad = each_leader(&d, who, leader_list, &o.e) || (d.employees && all_employees(&d, who, &o.e));
	} else {
		/* anyone else: their own part only */
		staff_rec s;
		bad = staff_get(d.db, who, who->staff_id, &s, &o.e) != KE_OK;
		if (!bad) {
			bad = print_as(&d, who, s.email, who->role == ROLE_LEADER, 1, &o.e) < 0;
			staff_free(&s);
		}
	}
	db_close(d.db);
	free(d.leaders);
	if (bad) {
		due_mail_close(d.mail);
		return cli_fail(&o.e);
	}
	/* what was sent and what failed, then the exit status */
	rc = d.mail ? due_mail_close(d.mail) : 0;
	return cli_flush_stdout() || rc;
}
