/* plan_print.c — see plan_print.h. The three forms are written by one walk
 * over the plan through a small set of writers (heading, field, paragraph,
 * list item), so they always hold the same content. */
#include "plan_print.h"
#include "date.h"
#include "db_followup.h"
#include "db_part.h"
#include "db_plan.h"
#include "db_report.h"
#include "db_staff.h"
#include "i18n.h"
#include "text.h"
#include "db_names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int plan_fmt_parse(const char *s, plan_fmt *out)
{
	if (!s)
		return -1;
	if (!strcmp(s, "md") || !strcmp(s, "markdown")) *out = PP_MD;
	else if (!strcmp(s, "html")) *out = PP_HTML;
	else if (!strcmp(s, "txt") || !strcmp(s, "text")) *out = PP_TXT;
	else return -1;
	return 0;
}

const char *plan_fmt_ext(plan_fmt f)
{
	return f == PP_HTML ? "html" : f == PP_TXT ? "txt" : "md";
}

void plan_print_default_path(const char *who_name, int year, plan_fmt fmt, char *buf, size_t size)
{
	const char *home = getenv("HOME");
	char name[64];
	size_t n = 0;
	/* a safe file name; '@' kept, so an AD login (jens@kommune.local)
	 * still reads as itself */
	for (const char *p = who_name; *p && n + 1 < sizeof name; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_' ||
		    *p == '@')
			name[n++] = *p;
		else if (*p >= 'A' && *p <= 'Z')
			name[n++] = (char)(*p - 'A' + 'a');
	name[n] = '\0';
	snprintf(buf, size, "%s/plan-%s-%d.%s", home && *home ? home : ".", n ? name : "plan", year,
		 plan_fmt_ext(fmt));
}

/* ---- the writers ---- */

typedef struct doc {
	FILE *f;
	plan_fmt fmt;
} doc;

static void esc(doc *d, const char *s)
{
	for (const char *p = s ? s : ""; *p; p++) {
		if (d->fmt == PP_HTML) {
			switch (*p) {
			case '&': fputs("&amp;", d->f); continue;
			case '<': fputs("&lt;", d->f); continue;
			case '>': fputs("&gt;", d->f); continue;
			case '"': fputs("&quot;", d->f); continue;
			case '\'': fputs("&#39;", d->f); continue;
			case '\n': fputs("<br/>", d->f); continue;
			}
		} else if (d->fmt == PP_MD) {
			if (strchr("\\`*_[]<>#|", *p))
				putc('\\', d->f);
			if (*p == '\n') {
				fputs("  \n", d->f); /* a hard line break */
				continue;
			}
		}
		putc(*p, d->f);
	}
}

static void heading(doc *d, int level, const char *text)
{
	switch (d->fmt) {
	case PP_HTML:
		fprintf(d->f, "<h%d>", level);
		esc(d, text);
		fprintf(d->f, "</h%d>\n", level);
		break;
	case PP_MD:
		fprintf(d->f, "\n%.*s ", level, "###");
		esc(d, text);
		fputs("\n\n", d->f);
		break;
	case PP_TXT: {
		fputs("\n", d->f);
		esc(d, text);
		fputc('\n', d->f);
		int w = text_width_utf8(text); /* a file is UTF-8, whatever the screen shows */
		for (int i = 0; i < w; i++)
			fputs(level == 1 ? "=" : "-", d->f);
		fputs("\n\n", d->f);
		break;
	}
	}
}

/* pre, then text escaped for the format, then post. */
static void wrap(doc *d, const char *pre, const char *text, const char *post)
{
	fputs(pre, d->f);
	esc(d, text);
	fputs(post, d->f);
}

/* Writes what the format needs: html, md or txt. */
static void by_format(doc *d, const char *html, const char *md, const char *txt)
{
	fputs(d->fmt == PP_HTML ? html : d->fmt == PP_MD ? md : txt, d->f);
}

static void fields_begin(doc *d) { by_format(d, "<table class=\"fields\">\n", "", ""); }
static void fields_end(doc *d) { by_format(d, "</table>\n", "\n", ""); }
static void list_begin(doc *d) { by_format(d, "<ul>\n", "", ""); }
static void list_end(doc *d) { by_format(d, "</ul>\n", "\n", "\n"); }

static void field(doc *d, const char *label, const char *value)
{
	if (!value || !*value)
		value = "–";
	switch (d->fmt) {
	case PP_HTML:
		wrap(d, "<tr><th>", label, "</th><td>");
		wrap(d, "", value, "</td></tr>\n");
		break;
	case PP_MD:
		wrap(d, "- **", label, ":** ");
		wrap(d, "", value, "\n");
		break;
	case PP_TXT:
		fprintf(d->f, "%s: ", label);
		wrap(d, "", value, "\n");
		break;
	}
}

static void para(doc *d, const char *text)
{
	if (d->fmt == PP_HTML)
		wrap(d, "<p>", text, "</p>\n");
	else
		wrap(d, "", text, "\n\n");
}

static void item(doc *d, const char *text)
{
	fputs(d->fmt == PP_HTML ? "<li>" : d->fmt == PP_MD ? "- " : "  * ", d->f);
	esc(d, text);
	fputs(d->fmt == PP_HTML ? "</li>\n" : "\n", d->f);
}

static const char CSS[] =
	"body{font-family:system-ui,\"Segoe UI\",Arial,sans-serif;max-width:48em;margin:2em auto;"
	"padding:0 1em;color:#111;line-height:1.4}"
	"h1{font-size:1.6em;border-bottom:2px solid #333;padding-bottom:.2em}"
	"h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #999}"
	"h3{font-size:1.05em;margin-bottom:.3em}"
	"table.fields{border-collapse:collapse;margin:.5em 0}"
	"table.fields th{text-align:left;font-weight:600;padding:.15em 1em .15em 0;vertical-align:top;"
	"color:#444;white-space:nowrap}"
	"table.fields td{padding:.15em 0}"
	".sign{margin-top:3em;display:flex;gap:3em}"
	".sign div{flex:1;border-top:1px solid #333;padding-top:.3em;font-size:.9em}"
	"@media print{body{margin:0;max-width:none;font-size:11pt}h2{page-break-after:avoid}"
	".goal{page-break-inside:avoid}a{color:inherit}}";

/* ---- the plan ---- */

typedef struct parts {
	part_rec *p;
	int n;
	followup_rec *f;
	int nf;
} parts;

static void parts_free(parts *x)
{
	part_rows_free(x->p, x->n);
	followup_rows_free(x->f, x->nf);
}

/* The person's participations in the plan's year and every follow-up of
 * theirs (paged through; a person has a handful). */
static kcode read_parts(kdb *db, const kactor *who, const plan_rec *pl, parts *x, kerr *e)
{
	memset(x, 0, sizeof *x);
	kpage pg = { .staff_id = pl->staff_id, .year = pl->year, .limit = 500 };
	if (part_list(db, who, &pg, &x->p, &x->n, e))
		return e->code;
	kpage fg = { .staff_id = pl->staff_id, .limit = 500 };
	if (followup_list(db, who, &fg, &x->f, &x->nf, e)) {
		parts_free(x);
		return e->code;
	}
	return KE_OK;
}

static void write_goal(doc *d, int i, const goal_rec *g, const parts *x)
{
	char buf[2600], dl[11];
	if (d->fmt == PP_HTML)
		fputs("<div class=\"goal\">\n", d->f);
	snprintf(buf, sizeof buf, "%s %d: %s", _("Goal"), i + 1, g->what);
	heading(d, 3, buf);
	fields_begin(d);
	field(d, _("Competence area"), g->competence_name);
	field(d, _("Focus area"), g->focus_title);
	field(d, _("Why"), g->why);
	field(d, _("Success criteria"), g->criteria);
	date_format(g->deadline, dl);
	field(d, _("Deadline"), dl);
	field(d, _("Status"), goal_status_name(g->status));
	if (g->result[0])
		field(d, _("Result"), g->result);
	char acts[1200] = "";
	size_t len = 0;
	for (int k = 0; k < x->n; k++)
		if (x->p[k].goal_id == g->id && len + 200 < sizeof acts)
			len += (size_t)snprintf(acts + len, sizeof acts - len, "%s%s", len ? "; " : "",
						x->p[k].activity_title);
	field(d, _("Activities"), acts);
	fields_end(d);
	if (d->fmt == PP_HTML)
		fputs("</div>\n", d->f);
}

static void write_parts(doc *d, const parts *x)
{
	heading(d, 2, _("Activities"));
	if (!x->n) {
		para(d, _("No activities this year."));
		return;
	}
	list_begin(d);
	for (int i = 0; i < x->n; i++) {
		char buf[800], st[11];
		date_format(x->p[i].starts, st);
		snprintf(buf, sizeof buf, "%s — %s (%s)", st, x->p[i].activity_title,
			 part_status_name(x->p[i].status));
		item(d, buf);
	}
	list_end(d);
}

/* The follow-up's state in words: the step that waits and when. */
static void fu_state(const followup_rec *f, const char *today, char *buf, size_t size)
{
	char d[11];
	if (f->done_at[0]) {
		date_format(f->done_at, d);
		snprintf(buf, size, _("closed %s"), d);
		return;
	}
	date_format(f->step_due, d);
	int late = f->step_due[0] && strcmp(f->step_due, today) < 0;
	if (!strcmp(f->state, "written"))
		snprintf(buf, size, late ? _("written, closing overdue since %s") : _("written, to close by %s"), d);
	else
		snprintf(buf, size, late ? _("overdue since %s") : _("due %s"), d);
}

/* One colleague's part as a line: who, where it stands, what they wrote. */
static void colleague_line(const fu_colleague *c, char *buf, size_t size)
{
	char d[11];
	size_t n;
	if (!strcmp(c->state, "declined")) {
		snprintf(buf, size, _("%s declined: %s"), c->name, c->reason);
		return;
	}
	if (strcmp(c->state, "answered")) {
		date_format(c->due, d);
		snprintf(buf, size, c->overdue ? _("%s was asked; overdue since %s") : _("%s was asked; due %s"),
			 c->name, d);
		return;
	}
	n = (size_t)snprintf(buf, size, _("%s answered."), c->name);
	const char *sep = " ";
	if (n < size && c->seen[0]) {
		n += (size_t)snprintf(buf + n, size - n, "%s%s: %s", sep, _("Has seen"), c->seen);
		sep = " · ";
	}
	if (n < size && c->own_use[0]) {
		n += (size_t)snprintf(buf + n, size - n, "%s%s: %s", sep, _("Uses it"), c->own_use);
		sep = " · ";
	}
	if (n < size && c->wants_more)
		snprintf(buf + n, size - n, "%s%s", sep, _("Wants to learn more."));
}

/* The colleagues' parts of follow-up f (a follow-up has a handful). */
static kcode write_colleagues(doc *d, kdb *db, const kactor *who, const followup_rec *f, kerr *e)
{
	kpage pg = { .parent_id = f->id, .limit = 100 };
	fu_colleague *c;
	int n;
	if (fucol_list(db, who, &pg, &c, &n, e))
		return e->code;
	if (n) {
		para(d, _("Colleagues:"));
		list_begin(d);
		for (int i = 0; i < n; i++) {
			char buf[4000];
			colleague_line(&c[i], buf, sizeof buf);
			item(d, buf);
		}
		list_end(d);
	}
	fucol_rows_free(c, n);
	return KE_OK;
}

/* The follow-ups since the last MUS meeting: of activities that ended in
 * the plan's year or the year before, with what was learned and used, how
 * the unit put it into practice and the colleagues' parts. */
static kcode write_followups(doc *d, kdb *db, const kactor *who, const plan_rec *pl, const parts *x, kerr *e)
{
	char today[11];
	if (date_today(today) != 0)
		return kerr_set(e, KE_IO, "%s", _("Cannot read today's date from the system clock."));
	heading(d, 2, _("Follow-up"));
	int any = 0;
	for (int i = 0; i < x->nf; i++) {
		const followup_rec *f = &x->f[i];
		int year = atoi(f->session_ends[0] ? f->session_ends : f->due);
		if (year != pl->year && year != pl->year - 1)
			continue;
		any = 1;
		char due[11], ended[11], st[200], buf[1200];
		date_format(f->due, due);
		date_format(f->session_ends, ended);
		fu_state(f, today, st, sizeof st);
		heading(d, 3, f->activity_title);
		fields_begin(d);
		field(d, _("Ended"), ended);
		field(d, _("Due"), due);
		field(d, _("Status"), st);
		field(d, _("What was learned"), f->learned);
		field(d, _("Used in practice"), f->practice);
		field(d, _("Shared with"), f->shared_with);
		buf[0] = '\0';
		if (f->shared_via) {
			date_format(f->shared_via_starts, ended);
			snprintf(buf, sizeof buf, "%s, %s", f->shared_via_title, ended);
		}
		field(d, _("Shared in session"), buf);
		if (f->action_date[0]) {
			char from[11];
			date_format(f->action_date, from);
			snprintf(buf, sizeof buf, _("%s (from %s)"), f->action, from);
		} else {
			snprintf(buf, sizeof buf, "%s", f->action);
		}
		field(d, _("Into practice"), buf);
		field(d, _("Leader's comment"), f->leader_comment);
		fields_end(d);
		if (write_colleagues(d, db, who, f, e))
			return e->code;
	}
	if (!any) {
		char buf[200];
		snprintf(buf, sizeof buf, _("No follow-ups of activities in %d or %d."), pl->year - 1, pl->year);
		para(d, buf);
	}
	return KE_OK;
}

static kcode write_doc(doc *d, kdb *db, const kactor *who, const plan_rec *pl, const staff_rec *s,
		       const char *leaders, const goal_rec *g, int ng, const parts *x, kerr *e)
{
	char title[400], mus[11];
	snprintf(title, sizeof title, _("Development plan %d: %s"), pl->year, pl->staff_name);
	if (d->fmt == PP_HTML) {
		fprintf(d->f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>",
			i18n_lang() == LANG_EN ? "en" : "da");
		esc(d, title);
		fprintf(d->f, "</title>\n<style>%s</style>\n</head>\n<body>\n", CSS);
	}
	if (d->fmt == PP_MD) {
		fputs("# ", d->f);
		esc(d, title);
		fputs("\n\n", d->f);
	} else {
		heading(d, 1, title);
	}
	fields_begin(d);
	field(d, _("Name"), s->name);
	field(d, _("Title"), s->title);
	field(d, _("Unit"), s->unit_name);
	field(d, _("Leader"), leaders);
	char year[12];
	snprintf(year, sizeof year, "%d", pl->year);
	field(d, _("Year"), year);
	date_format(pl->mus_date, mus);
	field(d, _("MUS date"), mus);
	field(d, _("Status"), plan_status_name(pl->status));
	fields_end(d);
	if (pl->notes[0]) {
		heading(d, 2, _("Notes"));
		para(d, pl->notes);
	}
	heading(d, 2, _("Goals"));
	if (!ng)
		para(d, _("No goals yet."));
	for (int i = 0; i < ng; i++)
		write_goal(d, i, &g[i], x);
	write_parts(d, x);
	if (write_followups(d, db, who, pl, x, e))
		return e->code;
	heading(d, 2, _("Agreement and evaluation"));
	fields_begin(d);
	char buf[300], accepted[DATE_LOCAL_TIME_SIZE], evaluated[DATE_LOCAL_TIME_SIZE];
	if (pl->agreed_at[0]) {
		char agreed[DATE_LOCAL_TIME_SIZE];
		date_local_time(pl->agreed_at, agreed, sizeof agreed);
		snprintf(buf, sizeof buf, "%s, %s", pl->agreed_by_name, agreed);
	} else {
		snprintf(buf, sizeof buf, "%s", _("not agreed yet"));
	}
	date_local_time(pl->accepted_at, accepted, sizeof accepted);
	date_local_time(pl->evaluated_at, evaluated, sizeof evaluated);
	field(d, _("Agreed by"), buf);
	field(d, _("Accepted by the person"), pl->accepted_at[0] ? accepted : _("not yet"));
	field(d, _("Evaluated"), pl->evaluated_at[0] ? evaluated : _("not yet"));
	field(d, _("Evaluation"), pl->evaluation);
	fields_end(d);
	if (d->fmt == PP_HTML) {
		fputs("<div class=\"sign\"><div>", d->f);
		esc(d, _("Employee"));
		fputs("</div><div>", d->f);
		esc(d, _("Leader"));
		fputs("</div></div>\n</body>\n</html>\n", d->f);
	} else {
		fprintf(d->f, "\n\n%s: ______________________    %s: ______________________\n",
			_("Employee"), _("Leader"));
	}
	return KE_OK;
}

kcode plan_print(kdb *db, const kactor *who, int64_t plan_id, plan_fmt fmt,
		 char **out, size_t *len, kerr *e)
{
	*out = NULL;
	*len = 0;
	plan_rec pl;
	if (plan_get(db, who, plan_id, &pl, e))
		return e->code;
	staff_rec s;
	goal_rec *g = NULL;
	int ng = 0;
	char *leaders = NULL;
	parts x;
	kcode c = staff_get(db, who, pl.staff_id, &s, e);
	if (c) {
		plan_free(&pl);
		return c;
	}
	if (!(c = goal_list(db, who, plan_id, &g, &ng, e)) &&
	    !(c = report_leader_of(db, who, pl.staff_id, &leaders, e)) &&
	    !(c = read_parts(db, who, &pl, &x, e))) {
		doc d = { open_memstream(out, len), fmt };
		if (!d.f) {
			c = kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
		} else {
			c = write_doc(&d, db, who, &pl, &s, leaders, g, ng, &x, e);
			if (fclose(d.f) != 0 && !c)
				c = kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
			if (c) {
				free(*out);
				*out = NULL;
				*len = 0;
			}
		}
		parts_free(&x);
	}
	free(leaders);
	goal_rows_free(g, ng);
	staff_free(&s);
	plan_free(&pl);
	return c;
}
