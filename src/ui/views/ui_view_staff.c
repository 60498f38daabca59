/* ui_view_staff.c — pane 1, Medarbejdere: the staff list, a person's detail
 * (record, this year's plan and goals, participations), the staff form, and
 * signing a person up for a session. */
#include "ui_view_staff.h"
#include "ui_formrec.h"
#include "ui_view_access.h"
#include "ui_view_parts.h"
#include "ui_view_plan.h"
#include "date.h"
#include "db_part.h"
#include "db_plan.h"
#include "db_staff.h"
#include "text.h"
#include "i18n.h"
#include "ui_form.h"
#include "ui_pick.h"
#include "ui_colleague.h"
#include "ui_box.h"
#include "ui_cycle.h"
#include "ui_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { A_ACTIVATE = A_VIEW, A_SIGNUP, A_PARTS, A_COLLEAGUE_PARTS, A_MY_DATA, A_READERS };

static const action actions[] = {
	ACTION_OPEN(N_("Plan"), N_("Open the person's plan for the year")),
	ACTION_NEW(N_("Add a staff member")),
	ACTION_EDIT(N_("Edit the staff member")),
	ACTION_DELETE(N_("Deactivate"), N_("Deactivate (or reactivate) the staff member")),
	{ A_SIGNUP, N_("Sign up"), N_("Sign the person up for a session"), { 't' }, 1 },
	{ A_PARTS, N_("Activities"), N_("Open the person's activities and follow-ups"), { 'p' }, 1 },
	{ A_COLLEAGUE_PARTS, N_("Colleague parts"),
	  N_("Write your part of a colleague's follow-up, or decline it (your own row)"), { 'K' }, 0 },
	{ A_MY_DATA, N_("My data"),
	  N_("Write everything kup stores about you to a file: JSON, Markdown or HTML (your own row; admins any)"),
	  { 'x' }, 0 },
	{ A_READERS, N_("Read by"), N_("Who has read the plan, goals and follow-ups (your own row; admins any)"),
	  { 'H' }, 0 },
	ACTION_END,
};


/* Whether the person may lead staff member sid (create their
 * plan, place them on a session). For a person on the list — whom one sees —
 * that is an admin, or a leader looking at someone other than themself: the
 * data layer shows a leader only the people they lead, and themself. */
static int leads(int64_t sid)
{
	return app->who.role == ROLE_ADMIN || (app->who.role == ROLE_LEADER && sid != app->who.staff_id);
}

static int layout_cols(int width, int *name, int *ini, int *unit)
{
	*ini = 5;
	*name = width >= 70 ? 26 : 22;
	*unit = (width - *name - *ini - 3) / 2;
	if (*unit < 8)
		*unit = 8;
	return width - *name - *ini - *unit - 3;
}

static void header(view *v, char *buf, size_t size, int width)
{
	(void)v;
	int wn, wi, wu;
	int wt = layout_cols(width, &wn, &wi, &wu);
	char a[128], b[64], c[128], d[128];
	text_fit_pad(_("Name"), wn, a, sizeof a);
	text_fit_pad(_("Init."), wi, b, sizeof b);
	text_fit_pad(_("Unit"), wu, c, sizeof c);
	text_fit(_("Title"), wt, d, sizeof d);
	snprintf(buf, size, "%s %s %s %s", a, b, c, d);
}

static int fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
		 int n, int width, lrow *out, kerr *e)
{
	(void)ctx;
	kpage pg = { .filter = filter, .after_key = key, .after_id = id, .backward = backward,
		     .limit = n, .include_inactive = 1 };
	staff_rec *r;
	int got;
	if (staff_list(app->db, &app->who, &pg, &r, &got, e))
		return -1;
	int wn, wi, wu;
	int wt = layout_cols(width, &wn, &wi, &wu);
	for (int i = 0; i < got; i++) {
		char a[256], b[64], c[256], d[256], line[1024];
		text_fit_pad(r[i].name, wn, a, sizeof a);
		text_fit_pad(r[i].initials, wi, b, sizeof b);
		text_fit_pad(r[i].unit_name, wu, c, sizeof c);
		text_fit(r[i].active ? r[i].title : _("(deactivated)"), wt, d, sizeof d);
		snprintf(line, sizeof line, "%s %s %s %s", a, b, c, d);
		if (lrow_set(&out[i], r[i].id, r[i].sort_key, line, r[i].active ? ST_NORMAL : ST_DIM)) {
			staff_rows_free(r, got);
			return lrow_fail(out, i, e);
		}
	}
	staff_rows_free(r, got);
	return got;
}

static void detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	(void)v;
	staff_rec s;
	kerr e;
	if (detail_failed(w, wd, staff_get(app->db, &app->who, sel->id, &s, &e), &e))
		return;
	char buf[512], d1[11], d2[11];
	int y = 0;
	snprintf(buf, sizeof buf, "%s (%s)%s", s.name, s.initials, s.active ? "" : _(" — deactivated"));
	y = detail_title(w, y, wd, buf);
	snprintf(buf, sizeof buf, "%s · %s · %s", s.unit_name, s.profession_name[0] ? s.profession_name : "–",
		 role_name(s.role));
	y = detail_line(w, y, wd, _("Unit"), buf);
	if (y < h) {
		/* an AD login runs to 256 bytes: cut, so the email still shows
		 * at 80 columns (the form has it whole) */
		char login[128];
		text_fit(s.login[0] ? s.login : "–", 24, login, sizeof login);
		snprintf(buf, sizeof buf, "%s · %s · %s", s.title[0] ? s.title : "–", login, s.email[0] ? s.email : "–");
		y = detail_line(w, y, wd, _("Title"), buf);
	}
	if (y < h && s.employed_from[0]) {
		date_format(s.employed_from, d1);
		date_format(s.employed_to, d2);
		snprintf(buf, sizeof buf, "%s – %s", d1, d2);
		y = detail_line(w, y, wd, _("Employed"), buf);
	}
	/* the parts colleagues asked of the person (their own row, or an
	 * admin's view): a few lines, K opens them */
	y = cycle_person_colleague_parts(w, y, y + 4 < h ? y + 4 : h, wd, s.id);
	plan_rec p;
	if (y < h) {
		if (plan_find(app->db, &app->who, s.id, app->year, &p, &e) == KE_OK) {
			date_format(p.mus_date, d1);
			snprintf(buf, sizeof buf, "%s · %s %s · %d/%d %s", plan_status_name(p.status),
				 _("MUS"), d1[0] ? d1 : "–", p.goals_done, p.goals, _("goals done"));
			char lab[64];
			snprintf(lab, sizeof lab, "%s %d", _("Plan"), app->year);
			y = detail_line(w, y, wd, lab, buf);
			goal_rec *g;
			int n;
			if (goal_list(app->db, &app->who, p.id, &g, &n, &e) == KE_OK) {
				for (int i = 0; i < n && y < h; i++) {
					snprintf(buf, sizeof buf, "  • %s [%s, %s]", g[i].what, g[i].competence_name,
						 goal_status_name(g[i].status));
					ui_put(w, y++, 0, wd, buf, 1);
				}
				goal_rows_free(g, n);
			}
			plan_free(&p);
		} else {
			char lab[64];
			snprintf(lab, sizeof lab, "%s %d", _("Plan"), app->year);
			wattron(w, ui_style(ST_WARN));
			y = detail_line(w, y, wd, lab, leads(s.id) ? _("no plan yet (Enter creates one)")
							       : _("no plan yet"));
			wattroff(w, ui_style(ST_WARN));
		}
	}
	y = cycle_person_followups(w, y, h, wd, s.id); /* open ones, overdue marked */
	if (y < h) {
		kpage pg = { .staff_id = s.id, .limit = h - y };
		part_rec *r;
		int n;
		if (part_list(app->db, &app->who, &pg, &r, &n, &e) == KE_OK) {
			if (n && y < h)
				y = detail_line(w, y, wd, _("Activities"), "");
			for (int i = 0; i < n && y < h; i++) {
				date_format(r[i].starts, d1);
				snprintf(buf, sizeof buf, "  %s %s · %s", d1, r[i].activity_title,
					 part_status_name(r[i].status));
				ui_put(w, y++, 0, wd, buf, 1);
			}
			part_rows_free(r, n);
		}
	}
	staff_free(&s);
}

/* ---- the staff form ---- */

/* The form is the staff description (db_fields.h): this names only the
 * order of the first fields and their help lines; a field added to the
 * description follows them. */
static const formrec_col form_order[] = {
	{ "name", N_("First and last name") }, { "initials", NULL },
	{ "login", N_("The login as the system has it, e.g. jens.hansen@kommune.local") }, { "emp_no", NULL }, { "email", NULL },
	{ "unit_id", N_("Type to narrow the list") }, { "profession_id", NULL }, { "role", NULL },
	{ "title", NULL }, { "employed_from", N_("A date like 22-11-2026") }, { "employed_to", NULL },
	{ NULL, NULL },
};
static const formrec_choice form_choices[] = {
	{ "unit", pick_unit }, { "profession", pick_profession }, { "role", pick_role }, { NULL, NULL },
};
static formrec staff_form;

const formrec *view_staff_form(void)
{
	return formrec_make(&staff_form, &kr_staff, form_order, form_choices) ? NULL : &staff_form;
}

static kcode save_staff(void *ctx, form *f, int *bad, kerr *e)
{
	staff_rec *s = ctx;
	(void)bad; /* the field at fault comes from the error (fdesc col) */
	staff_rec n = *s;
	n.unit_name = n.profession_name = n.sort_key = NULL;
	if (formrec_take(&staff_form, f, &n))
		return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	n.version = form_version(f);
	kcode c = staff_save(app->db, &app->who, &n, e);
	if (!c) {
		s->id = n.id;
		s->version = n.version;
	}
	formrec_release(&staff_form, &n);
	return c;
}

/* The record's values into the form: to edit, and to see someone else's. */
static void fill(form *f, const staff_rec *s)
{
	if (formrec_fill(&staff_form, f, s))
		ui_msg(ST_ERROR, "%s", _("Out of memory."));
}

/* The record as saved now (ui_form.h form_reload_fn). */
static kcode reload_staff(void *ctx, form *into, int64_t *version, kerr *e)
{
	staff_rec cur;
	if (staff_get(app->db, &app->who, ((staff_rec *)ctx)->id, &cur, e))
		return e->code;
	*version = cur.version;
	if (into)
		fill(into, &cur);
	staff_free(&cur);
	return KE_OK;
}

/* v may be NULL (a draft reopened at the start). Returns what must follow. */
static int edit(view *v, int64_t id)
{
	staff_rec s = { 0 };
	kerr e;
	if (id && staff_get(app->db, &app->who, id, &s, &e)) {
		ui_msg(ST_ERROR, "%s", e.msg);
		return UI_NOTHING;
	}
	if (!view_staff_form()) {
		ui_msg(ST_ERROR, "%s", _("The staff form does not match the staff description."));
		staff_free(&s);
		return UI_NOTHING;
	}
	form *f = form_new("staff", id ? _("Edit staff member") : _("New staff member"), staff_form.d, staff_form.n);
	if (!f) {
		staff_free(&s);
		return UI_NOTHING;
	}
	fill(f, &s);
	form_set_record(f, id, s.version);
	if (id)
		form_set_reload(f, reload_staff, &s);
	int what = UI_NOTHING;
	if (form_run(f, save_staff, &s)) {
		ui_msg(ST_OK, "%s", _("Saved."));
		staff_rec fresh;
		if (v && staff_get(app->db, &app->who, s.id, &fresh, &e) == KE_OK) {
			list_select_id(&v->list, fresh.sort_key, fresh.id);
			staff_free(&fresh);
		}
		what = UI_RELOAD_ALL;
	}
	form_free(f);
	staff_free(&s);
	return what;
}

static kcode staff_toggle_at(void *ctx, int64_t version, kerr *e)
{
	const staff_rec *s = ctx;
	return staff_set_active(app->db, &app->who, s->id, version, !s->active, e);
}

enum { L_DAY, L_COUNT };

static kcode take_day(void *ctx, form *f, int *bad, kerr *e)
{
	(void)e;
	*bad = L_DAY;
	snprintf(ctx, 11, "%s", form_value(f, L_DAY)->iso);
	return KE_OK;
}

/* The last working day (today unless changed) into day; 0 if left. */
static int ask_last_day(const staff_rec *s, char day[11])
{
	char title[300], today[11];
	snprintf(title, sizeof title, _("Deactivate %s"), s->name);
	fdesc fs[L_COUNT] = {
		[L_DAY] = { _("Last working day"), FK_DATE, 1, 0, 0, 0, NULL, NULL,
			    _("Seats on sessions after this day are cancelled"), .col = "employed_to" },
	};
	form *f = form_new("staff-leaving", title, fs, L_COUNT);
	if (!f)
		return 0;
	form_set_record(f, s->id, 0);
	if (date_today(today) == 0)
		form_set_text(f, L_DAY, today);
	int done = form_run(f, take_day, day);
	form_free(f);
	return done;
}

/* Deactivation: the last working day, then what goes with it, said
 * before it is done (seats given up, units no longer led), in one write. */
static int deactivate(staff_rec *s)
{
	char day[11] = "", shown[11], text[1200], line[400];
	kerr e;
	staff_leaving l;
	if (!ask_last_day(s, day) || ui_failed(staff_leaving_get(app->db, &app->who, s->id, day, &l, &e), &e))
		return UI_NOTHING;
	date_format(day, shown);
	snprintf(text, sizeof text, _("Deactivate %s with %s as the last working day? Plans and history are kept."),
		 s->name, shown);
	if (l.seats) {
		snprintf(line, sizeof line, _("%d seat(s) or request(s) on later sessions are cancelled; the waiting lists move up."),
			 l.seats);
		snprintf(text + strlen(text), sizeof text - strlen(text), "\n%s", line);
	}
	if (l.units[0]) {
		snprintf(line, sizeof line, _("%s stops leading %s."), s->name, l.units);
		snprintf(text + strlen(text), sizeof text - strlen(text), "\n%s", line);
	}
	free(l.units);
	if (!ui_ask(text))
		return UI_NOTHING;
	kcode c = staff_deactivate(app->db, &app->who, s->id, s->version, day, &e);
	int64_t v = 0;
	if (c == KE_CONFLICT && ui_ask_again(&e, _("Deactivate anyway?")) && !(c = reload_staff(s, NULL, &v, &e)))
		c = staff_deactivate(app->db, &app->who, s->id, v, day, &e);
	if (c) {
		ui_msg(ST_ERROR, "%s", e.msg);
		return UI_NOTHING;
	}
	ui_msg(ST_OK, _("%s is deactivated."), s->name);
	return UI_RELOAD_ALL;
}

static int toggle_active(int64_t id)
{
	staff_rec s;
	kerr e;
	if (ui_failed(staff_get(app->db, &app->who, id, &s, &e), &e))
		return UI_NOTHING;
	if (s.active) {
		int what = deactivate(&s);
		staff_free(&s);
		return what;
	}
	char q[300];
	snprintf(q, sizeof q, _("Reactivate %s?"), s.name);
	int c = view_confirm_change(q, _("Reactivate anyway?"), staff_toggle_at, reload_staff, &s, s.version);
	if (c == KE_OK)
		ui_msg(ST_OK, _("%s is active again."), s.name);
	staff_free(&s);
	return c < 0 ? UI_NOTHING : UI_RELOAD_VIEW;
}

/* ---- signing up for a session ---- */

enum { S_SESSION, S_GOAL, S_COUNT };

static kcode save_signup(void *ctx, form *f, int *bad, kerr *e)
{
	int64_t sid = *(int64_t *)ctx, pid;
	int64_t session = form_value(f, S_SESSION)->id, goal = form_value(f, S_GOAL)->id;
	*bad = S_SESSION;
	/* Leaders and admins place people directly; everyone else asks. */
	if (app->who.role == ROLE_EMPLOYEE || sid == app->who.staff_id)
		return part_request(app->db, &app->who, sid, session, goal, &pid, e);
	return part_enrol(app->db, &app->who, sid, session, goal, &pid, e);
}

static int signup(int64_t sid)
{
	staff_rec s;
	kerr e;
	if (ui_failed(staff_get(app->db, &app->who, sid, &s, &e), &e))
		return UI_NOTHING;
	int what = UI_NOTHING;
	int64_t ctx = sid;
	fdesc fs[S_COUNT] = {
		[S_SESSION] = { _("Session"), FK_CHOICE, 1, 0, 0, 0, pick_session, NULL, _("Type part of the activity's title"), .col = "session_id" },
		[S_GOAL] = { _("Serves goal"), FK_CHOICE, 0, 0, 0, 0, pick_goal, &ctx, _("Optional: the goal in the plan it serves"), .col = "goal_id" },
	};
	char title[200];
	snprintf(title, sizeof title, _("Sign %s up for a session"), s.name);
	form *f = form_new("signup", title, fs, S_COUNT);
	if (f)
		form_set_record(f, sid, 0);
	if (f && form_run(f, save_signup, &ctx)) {
		if (app->who.role == ROLE_EMPLOYEE || sid == app->who.staff_id) /* a request */
			ui_msg(ST_OK, "%s", _("Signed up: the request waits for the leader's decision."));
		else
			ui_msg(ST_OK, _("%s is signed up."), s.name);
		what = UI_RELOAD_ALL;
	}
	form_free(f);
	staff_free(&s);
	return what;
}

/* Opens the person's plan for the year, offering to create it. */
static void open_plan(int64_t sid)
{
	plan_rec p;
	kerr e;
	kcode c = plan_find(app->db, &app->who, sid, app->year, &p, &e);
	if (c == KE_NOTFOUND) {
		staff_rec s;
		if (ui_failed(staff_get(app->db, &app->who, sid, &s, &e), &e))
			return;
		if (!leads(sid)) { /* the plan is the leader's to create */
			ui_msg(ST_WARN, _("%s has no plan for %d yet; the leader creates it."), s.name, app->year);
			staff_free(&s);
			return;
		}
		char q[300];
		snprintf(q, sizeof q, _("%s has no plan for %d. Create it?"), s.name, app->year);
		staff_free(&s);
		if (!ui_confirm(q))
			return;
		memset(&p, 0, sizeof p);
		p.staff_id = sid;
		p.year = app->year;
		c = plan_save(app->db, &app->who, &p, &e);
		if (c == KE_OK) {
			int64_t id = p.id;
			c = plan_get(app->db, &app->who, id, &p, &e);
		}
	}
	if (c) {
		ui_msg(ST_ERROR, "%s", e.msg);
		return;
	}
	view *g = view_goals_new(p.id);
	if (g)
		snprintf(g->subtitle, sizeof g->subtitle, "%s %d", p.staff_name, p.year);
	plan_free(&p);
	ui_push(g);
}

static int allowed(view *v, int a, const lrow *sel)
{
	(void)v;
	int admin = app->who.role == ROLE_ADMIN;
	switch (a) {
	case A_NEW: return admin;
	case A_EDIT: case A_DELETE: return admin && sel;
	case A_OPEN: case A_SIGNUP: return sel != NULL;
	case A_PARTS: return sel != NULL;
	case A_COLLEAGUE_PARTS: case A_MY_DATA: case A_READERS:
		return sel && (admin || sel->id == app->who.staff_id);
	}
	return 1;
}

static int act(view *v, int a, const lrow *sel)
{
	switch (a) {
	case A_NEW: return edit(v, 0);
	case A_EDIT: return edit(v, sel->id);
	case A_DELETE: return toggle_active(sel->id);
	case A_SIGNUP: return signup(sel->id);
	case A_OPEN: open_plan(sel->id); return UI_NOTHING;
	case A_PARTS: {
		view *p = view_parts_new(0, sel->id);
		staff_rec s;
		kerr e;
		if (p && staff_get(app->db, &app->who, sel->id, &s, &e) == KE_OK) {
			snprintf(p->subtitle, sizeof p->subtitle, "%s", s.name);
			staff_free(&s);
		}
		ui_push(p);
		return UI_NOTHING;
	}
	case A_COLLEAGUE_PARTS: return cycle_colleague_parts_open(sel->id);
	case A_MY_DATA: ui_privacy_export(sel->id); return UI_NOTHING;
	case A_READERS: {
		staff_rec s;
		kerr e;
		if (ui_failed(staff_get(app->db, &app->who, sel->id, &s, &e), &e))
			return UI_NOTHING;
		ui_push(view_access_new(sel->id, s.name));
		staff_free(&s);
		return UI_NOTHING;
	}
	}
	return UI_NOTHING;
}

/* Why a key cannot work on this row, when the reason is not the role. */
static const char *why_not(view *v, int a, const lrow *sel)
{
	(void)v;
	if (a == A_MY_DATA && sel)
		return _("Only your own data: choose your own row (an administrator may choose anyone's).");
	return NULL;
}

/* Reopens a form for its draft (ui_live.h). */
int view_staff_resume(const char *form, int64_t id)
{
	if (!strcmp(form, "staff"))
		edit(NULL, id);
	else if (!strcmp(form, "signup"))
		signup(id);
	/* the follow-up's forms, which the person reaches from here */
	else if (!strcmp(form, "followup"))
		cycle_followup_edit(id);
	else if (!strcmp(form, "followup-session"))
		cycle_followup_session(id);
	else if (!strcmp(form, "followup-colleague") || !strcmp(form, "followup-decline"))
		colleague_part_edit(id);
	else
		return 0;
	return 1;
}

static const view_ops staff_ops = {
	.title = N_("Staff"), .actions = actions,
	.fetch = fetch, .header = header, .detail = detail, .act = act, .allowed = allowed,
	.why_not = why_not, .table = "staff",
};

view *view_staff_new(void)
{
	return view_new(&staff_ops);
}

const view_kind view_staff_kinds[] = {
	{ "staff", &staff_ops },
	{ NULL, NULL },
};
