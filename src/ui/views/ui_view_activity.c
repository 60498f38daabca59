/* ui_view_activity.c — pane 3, Aktiviteter: the catalogue with each
 * activity's detail (method, provider, ECTS/hours/price, sessions with seats),
 * the activity form, and the sessions sub-view where sessions are kept and
 * people are signed up. */
#include "ui_view_activity.h"
#include "ui_view_parts.h"
#include "date.h"
#include "db_activity.h"
#include "db_followup.h"
#include "db_part.h"
#include "i18n.h"
#include "ui_form.h"
#include "ui_pick.h"
#include "ui_checklist.h"
#include "ui_cycle.h"
#include "ui_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { A_SIGNUP = A_VIEW, A_COMPETENCES, A_PROFESSIONS };

static const action activity_actions[] = {
	ACTION_OPEN(N_("Sessions"), N_("Open the activity's sessions")),
	ACTION_NEW(N_("Add an activity to the catalogue")),
	ACTION_EDIT(N_("Edit the activity")),
	ACTION_DELETE(N_("Deactivate"), N_("Take the activity out of the catalogue (or back)")),
	{ A_COMPETENCES, N_("Areas"), N_("Tick the competence areas the activity develops"), { 'C' }, 1 },
	{ A_PROFESSIONS, N_("Professions"), N_("Tick the professions the activity is for"), { 'P' }, 1 },
	ACTION_END,
};

static const action session_actions[] = {
	ACTION_OPEN(N_("Participants"), N_("Open the participants and the waiting list")),
	{ A_SIGNUP, N_("Sign up"), N_("Sign a person up for the session"), { 't' }, 1 },
	ACTION_NEW(N_("Add a session")),
	ACTION_EDIT(N_("Edit the session")),
	ACTION_DELETE(N_("Delete"), N_("Delete a session nobody is signed up for")),
	ACTION_CALENDAR,
	ACTION_END,
};

static void fmt_num(char *buf, size_t size, double v, const char *unit)
{
	if (v < 0)
		snprintf(buf, size, "–");
	else if (v == (long long)v)
		snprintf(buf, size, "%lld %s", (long long)v, unit);
	else
		snprintf(buf, size, "%.1f %s", v, unit);
	for (char *p = buf; *p; p++) /* Danish decimal comma */
		if (*p == '.')
			*p = ',';
}


/* ---- the catalogue ---- */

static void act_widths(int width, int w[3])
{
	w[1] = 18; w[2] = 7;
	w[0] = width - w[1] - w[2] - 2;
}

static void act_header(view *v, char *buf, size_t size, int width)
{
	(void)v;
	const char *t[3] = { _("Activity"), _("Method"), _("Sessions") };
	header_columns(buf, size, width, act_widths, 3, t);
}

static int act_fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
		     int n, int width, lrow *out, kerr *e)
{
	(void)ctx;
	kpage pg = { .filter = filter, .after_key = key, .after_id = id, .backward = backward,
		     .limit = n, .include_inactive = app->who.role == ROLE_ADMIN };
	activity_rec *r;
	int got, w[3];
	if (activity_list(app->db, &app->who, &pg, &r, &got, e))
		return -1;
	act_widths(width, w);
	for (int i = 0; i < got; i++) {
		char ns[16], line[1024];
		snprintf(ns, sizeof ns, "%d", r[i].sessions);
		const char *t[3] = { r[i].title, method_name(r[i].method), ns };
		columns(line, sizeof line, 3, t, w);
		if (lrow_set(&out[i], r[i].id, r[i].sort_key, line, r[i].active ? ST_NORMAL : ST_DIM)) {
			activity_rows_free(r, got);
			return lrow_fail(out, i, e);
		}
	}
	activity_rows_free(r, got);
	return got;
}

/* Lists sessions of activity aid from row y on; returns the next row. */
static int draw_sessions(WINDOW *w, int y, int h, int wd, int64_t aid)
{
	kpage pg = { .parent_id = aid, .limit = h - y > 0 ? h - y : 1 };
	session_rec *s;
	int n;
	kerr e;
	if (session_list(app->db, &app->who, &pg, &s, &n, &e)) {
		ui_put(w, y++, 0, wd, e.msg, 1);
		return y;
	}
	for (int i = 0; i < n && y < h; i++) {
		char d1[11], d2[11], buf[512];
		date_format(s[i].starts, d1);
		date_format(s[i].ends, d2);
		int free_seats = s[i].capacity - s[i].taken;
		snprintf(buf, sizeof buf, _("  %s–%s %s · %d/%d taken, %d free, %d waiting"), d1, d2, s[i].place,
			 s[i].taken, s[i].capacity, free_seats > 0 ? free_seats : 0, s[i].waiting);
		ui_put(w, y++, 0, wd, buf, 1);
	}
	session_rows_free(s, n);
	return y;
}

static void act_detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	(void)v;
	activity_rec a;
	kerr e;
	if (detail_failed(w, wd, activity_get(app->db, &app->who, sel->id, &a, &e), &e))
		return;
	char buf[512], x[64], y2[64], z[64];
	int y = 0;
	y = detail_title(w, y, wd, a.title);
	snprintf(buf, sizeof buf, "%s%s", method_name(a.method), a.cross_prof ? _(" · cross-professional") : "");
	if (y < h) y = detail_line(w, y, wd, _("Method"), buf);
	if (y < h) y = detail_line(w, y, wd, _("Provider"), a.provider[0] ? a.provider : "–");
	fmt_num(x, sizeof x, a.ects, "ECTS");
	fmt_num(y2, sizeof y2, a.hours, _("hours"));
	ui_money(z, sizeof z, a.price);
	snprintf(buf, sizeof buf, "%s · %s · %s", x, y2, z);
	if (y < h) y = detail_line(w, y, wd, _("Scope"), buf);
	y = ui_activity_links_draw(w, y, h, wd, &a);
	if (y < h && a.description[0]) y = detail_line(w, y, wd, _("About"), a.description);
	if (y < h) y = detail_line(w, y, wd, _("Sessions"), a.sessions ? "" : _("none planned"));
	draw_sessions(w, y, h, wd, a.id);
	activity_free(&a);
}

enum { AF_TITLE, AF_METHOD, AF_PROVIDER, AF_ECTS, AF_HOURS, AF_PRICE, AF_CROSS, AF_DESC, AF_COUNT };

static kcode save_activity(void *ctx, form *f, int *bad, kerr *e)
{
	activity_rec *a = ctx;
	(void)bad; /* the field at fault comes from the error (fdesc col) */
	activity_rec n = *a;
	n.title = strdup(form_value(f, AF_TITLE)->text ? form_value(f, AF_TITLE)->text : "");
	n.provider = strdup(form_value(f, AF_PROVIDER)->text ? form_value(f, AF_PROVIDER)->text : "");
	n.description = strdup(form_value(f, AF_DESC)->text ? form_value(f, AF_DESC)->text : "");
	int m = (int)form_value(f, AF_METHOD)->id;
	snprintf(n.method, sizeof n.method, "%s", m > 0 ? activity_methods[m - 1] : "");
	n.ects = form_value(f, AF_ECTS)->text && form_value(f, AF_ECTS)->text[0] ? form_value(f, AF_ECTS)->dec : -1;
	n.hours = form_value(f, AF_HOURS)->text && form_value(f, AF_HOURS)->text[0] ? form_value(f, AF_HOURS)->dec : -1;
	n.price = form_value(f, AF_PRICE)->num;
	n.cross_prof = form_value(f, AF_CROSS)->on;
	n.sort_key = NULL;
	n.version = form_version(f);
	kcode c = n.title && n.provider && n.description ? activity_save(app->db, &app->who, &n, e)
							 : kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	if (!c) {
		a->id = n.id;
		a->version = n.version;
	}
	free(n.title);
	free(n.provider);
	free(n.description);
	return c;
}

/* The activity's values into the form: to edit, and to see someone else's. */
static void fill_activity(form *f, const activity_rec *a)
{
	char buf[64];
	form_set_text(f, AF_TITLE, a->title);
	for (int i = 0; activity_methods[i]; i++)
		if (!strcmp(activity_methods[i], a->method))
			form_set_choice(f, AF_METHOD, i + 1, method_name(a->method));
	form_set_text(f, AF_PROVIDER, a->provider);
	if (a->ects >= 0) {
		fmt_num(buf, sizeof buf, a->ects, "");
		buf[strlen(buf) - 1] = '\0';
		form_set_text(f, AF_ECTS, buf);
	}
	if (a->hours >= 0) {
		fmt_num(buf, sizeof buf, a->hours, "");
		buf[strlen(buf) - 1] = '\0';
		form_set_text(f, AF_HOURS, buf);
	}
	snprintf(buf, sizeof buf, "%lld", (long long)a->price);
	form_set_text(f, AF_PRICE, buf);
	form_set_bool(f, AF_CROSS, a->cross_prof);
	form_set_text(f, AF_DESC, a->description);
}

/* The activity as saved now (ui_form.h form_reload_fn). */
static kcode reload_activity(void *ctx, form *into, int64_t *version, kerr *e)
{
	activity_rec cur;
	if (activity_get(app->db, &app->who, ((activity_rec *)ctx)->id, &cur, e))
		return e->code;
	*version = cur.version;
	if (into)
		fill_activity(into, &cur);
	activity_free(&cur);
	return KE_OK;
}

/* v may be NULL (a draft reopened at the start). Returns what must follow. */
static int edit_activity(view *v, int64_t id)
{
	activity_rec a = { .ects = -1, .hours = -1 };
	kerr e;
	if (id && ui_failed(activity_get(app->db, &app->who, id, &a, &e), &e))
		return UI_NOTHING;
	fdesc fs[AF_COUNT] = {
		[AF_TITLE] = { _("Title"), FK_TEXT, 1, 160, 0, 0, NULL, NULL, NULL, .col = "title" },
		[AF_METHOD] = { _("Method"), FK_CHOICE, 1, 0, 0, 0, pick_method, NULL, NULL, .col = "method" },
		[AF_PROVIDER] = { _("Provider"), FK_TEXT, 0, 160, 0, 0, NULL, NULL, NULL, .col = "provider" },
		[AF_ECTS] = { _("ECTS points"), FK_DECIMAL, 0, 0, 0, 60, NULL, NULL, _("Diploma modules: e.g. 10 or 7,5"), .col = "ects" },
		[AF_HOURS] = { _("Hours"), FK_DECIMAL, 0, 0, 0, 2000, NULL, NULL, NULL, .col = "hours" },
		[AF_PRICE] = { _("Price per person"), FK_MONEY, 0, 0, 0, 10000000, NULL, NULL, _("Whole kroner, e.g. 12.500"), .col = "price" },
		[AF_CROSS] = { _("Cross-professional"), FK_BOOL, 0, 0, 0, 0, NULL, NULL, _("Space toggles"), .col = "cross_prof" },
		[AF_DESC] = { _("Description"), FK_TEXTAREA, 0, 4000, 0, 0, NULL, NULL, NULL, .col = "description" },
	};
	form *f = form_new("activity", id ? _("Edit activity") : _("New activity"), fs, AF_COUNT);
	if (!f) {
		activity_free(&a);
		return UI_NOTHING;
	}
	if (id) {
		fill_activity(f, &a);
		form_set_reload(f, reload_activity, &a);
	}
	form_set_record(f, id, a.version);
	int what = view_form_run(f, save_activity, &a);
	activity_rec fresh;
	if (what && v && activity_get(app->db, &app->who, a.id, &fresh, &e) == KE_OK) {
		list_select_id(&v->list, fresh.sort_key, fresh.id);
		activity_free(&fresh);
	}
	activity_free(&a);
	return what;
}

static kcode activity_toggle_at(void *ctx, int64_t version, kerr *e)
{
	const activity_rec *a = ctx;
	return activity_set_active(app->db, &app->who, a->id, version, !a->active, e);
}

static int toggle_activity(int64_t id)
{
	activity_rec a;
	kerr e;
	if (ui_failed(activity_get(app->db, &app->who, id, &a, &e), &e))
		return UI_NOTHING;
	char q[300];
	snprintf(q, sizeof q, a.active ? _("Take \"%s\" out of the catalogue? Its history is kept.")
				       : _("Put \"%s\" back in the catalogue?"), a.title);
	int c = view_confirm_change(q, a.active ? _("Take it out anyway?") : _("Put it back anyway?"),
				    activity_toggle_at, reload_activity, &a, a.version);
	activity_free(&a);
	return c < 0 ? UI_NOTHING : UI_RELOAD_VIEW;
}

static int act_allowed(view *v, int a, const lrow *sel)
{
	(void)v;
	int admin = app->who.role == ROLE_ADMIN;
	switch (a) {
	case A_NEW: return admin;
	case A_EDIT: case A_DELETE: return admin && sel;
	case A_COMPETENCES: case A_PROFESSIONS: return admin && sel;
	case A_OPEN: return sel != NULL;
	}
	return 1;
}

static int act_act(view *v, int a, const lrow *sel)
{
	switch (a) {
	case A_COMPETENCES: case A_PROFESSIONS:
		return ui_activity_links(sel->id, a == A_PROFESSIONS) ? UI_RELOAD_VIEW : UI_NOTHING;
	case A_OPEN: {
		view *s = view_sessions_new(sel->id);
		activity_rec r;
		kerr e;
		if (s && activity_get(app->db, &app->who, sel->id, &r, &e) == KE_OK) {
			snprintf(s->subtitle, sizeof s->subtitle, "%s", r.title);
			activity_free(&r);
		}
		ui_push(s);
		return UI_NOTHING;
	}
	case A_NEW: return edit_activity(v, 0);
	case A_EDIT: return edit_activity(v, sel->id);
	case A_DELETE: return toggle_activity(sel->id);
	}
	return UI_NOTHING;
}

static const view_ops activities_ops = {
	.title = N_("Activities"), .actions = activity_actions,
	.fetch = act_fetch, .header = act_header, .detail = act_detail, .act = act_act, .allowed = act_allowed,
	.table = "activity",
};

view *view_activities_new(void)
{
	return view_new(&activities_ops);
}

/* ---- the sessions of one activity ---- */

static void ses_widths(int width, int w[4])
{
	w[0] = 23; w[2] = 9; w[3] = 9;
	w[1] = width - w[0] - w[2] - w[3] - 3;
}

static void ses_header(view *v, char *buf, size_t size, int width)
{
	(void)v;
	const char *t[4] = { _("Dates"), _("Place"), _("Seats"), _("Waiting") };
	header_columns(buf, size, width, ses_widths, 4, t);
}

static int ses_fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
		     int n, int width, lrow *out, kerr *e)
{
	view *v = ctx;
	(void)filter;
	kpage pg = { .parent_id = v->parent_id, .after_key = key, .after_id = id,
		     .backward = backward, .limit = n };
	session_rec *s;
	int got, w[4];
	if (session_list(app->db, &app->who, &pg, &s, &got, e))
		return -1;
	ses_widths(width, w);
	for (int i = 0; i < got; i++) {
		char d1[11], d2[11], dates[32], seats[24], wait[16], line[1024];
		date_format(s[i].starts, d1);
		date_format(s[i].ends, d2);
		snprintf(dates, sizeof dates, "%s–%s", d1, d2);
		snprintf(seats, sizeof seats, "%d/%d", s[i].taken, s[i].capacity);
		snprintf(wait, sizeof wait, "%d", s[i].waiting);
		const char *t[4] = { dates, s[i].place, seats, wait };
		columns(line, sizeof line, 4, t, w);
		int style = s[i].taken >= s[i].capacity ? ST_WARN : ST_NORMAL;
		if (lrow_set(&out[i], s[i].id, s[i].starts, line, style)) {
			session_rows_free(s, got);
			return lrow_fail(out, i, e);
		}
	}
	session_rows_free(s, got);
	return got;
}

/* The follow-ups whose knowledge was passed on in session_id (a
 * peer-training or network session started from a follow-up), from row y
 * on: the way back from the session to where it came from. Returns the
 * next row. */
static int draw_sources(WINDOW *w, int y, int h, int wd, int64_t session_id)
{
	followup_rec *f;
	int n;
	kerr e;
	if (followup_sources(app->db, &app->who, session_id, h - y > 1 ? h - y - 1 : 1, &f, &n, &e)) {
		ui_put(w, y++, 0, wd, e.msg, 1);
		return y;
	}
	char buf[600];
	if (n == 1) {
		snprintf(buf, sizeof buf, _("Started from the follow-up of %s: %s"), f[0].staff_name, f[0].activity_title);
		ui_put(w, y++, 0, wd, buf, 1);
	} else if (n > 1) {
		ui_put(w, y++, 0, wd, _("Passed on here from:"), 1);
		for (int i = 0; i < n && y < h; i++) {
			snprintf(buf, sizeof buf, "  %s: %s", f[i].staff_name, f[i].activity_title);
			ui_put(w, y++, 0, wd, buf, 1);
		}
	}
	followup_rows_free(f, n);
	return y;
}

static void ses_detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	(void)v;
	session_rec s;
	kerr e;
	if (detail_failed(w, wd, session_get(app->db, &app->who, sel->id, &s, &e), &e))
		return;
	char buf[512], d1[11], d2[11];
	int y = 0;
	date_format(s.starts, d1);
	date_format(s.ends, d2);
	snprintf(buf, sizeof buf, "%s · %s–%s", s.activity_title, d1, d2);
	y = detail_title(w, y, wd, buf);
	if (y < h) y = detail_line(w, y, wd, _("Place"), s.place[0] ? s.place : "–");
	date_format(s.signup_deadline, d1);
	if (y < h) y = detail_line(w, y, wd, _("Sign-up by"), d1[0] ? d1 : "–");
	snprintf(buf, sizeof buf, _("%d of %d taken, %d waiting, %d asking"), s.taken, s.capacity, s.waiting,
		 s.requested);
	if (y < h) y = detail_line(w, y, wd, _("Seats"), buf);
	if (y < h) y = draw_sources(w, y, h, wd, s.id);
	kpage pg = { .parent_id = s.id, .limit = h - y > 0 ? h - y : 1 };
	part_rec *r;
	int n;
	if (y < h && part_list(app->db, &app->who, &pg, &r, &n, &e) == KE_OK) {
		y = detail_line(w, y, wd, _("Participants"), n ? "" : "–");
		for (int i = 0; i < n && y < h; i++) {
			snprintf(buf, sizeof buf, "  %s · %s", r[i].staff_name, part_status_name(r[i].status));
			if (r[i].wait_pos) /* the place in the queue */
				snprintf(buf, sizeof buf, "  %s · %s (%d)", r[i].staff_name,
					 part_status_name(r[i].status), r[i].wait_pos);
			ui_put(w, y++, 0, wd, buf, 1);
		}
		part_rows_free(r, n);
	}
	session_free(&s);
}

enum { SF_STARTS, SF_ENDS, SF_PLACE, SF_CAPACITY, SF_DEADLINE, SF_COUNT };

static kcode save_session(void *ctx, form *f, int *bad, kerr *e)
{
	session_rec *s = ctx;
	session_rec n = *s;
	snprintf(n.starts, sizeof n.starts, "%s", form_value(f, SF_STARTS)->iso);
	snprintf(n.ends, sizeof n.ends, "%s", form_value(f, SF_ENDS)->iso[0] ? form_value(f, SF_ENDS)->iso
									      : form_value(f, SF_STARTS)->iso);
	snprintf(n.signup_deadline, sizeof n.signup_deadline, "%s", form_value(f, SF_DEADLINE)->iso);
	n.place = strdup(form_value(f, SF_PLACE)->text ? form_value(f, SF_PLACE)->text : "");
	n.capacity = (int)form_value(f, SF_CAPACITY)->num;
	n.activity_title = NULL;
	n.version = form_version(f);
	kcode c = n.place ? session_save(app->db, &app->who, &n, e) : kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	*bad = -1;
	if (!c) {
		s->id = n.id;
		s->version = n.version;
	}
	free(n.place);
	return c;
}

/* The session's values into the form: to edit, and to see someone else's. */
static void fill_session(form *f, const session_rec *s)
{
	char d[11], buf[16];
	date_format(s->starts, d);
	form_set_text(f, SF_STARTS, d);
	date_format(s->ends, d);
	form_set_text(f, SF_ENDS, d);
	form_set_text(f, SF_PLACE, s->place);
	snprintf(buf, sizeof buf, "%d", s->capacity);
	form_set_text(f, SF_CAPACITY, buf);
	date_format(s->signup_deadline, d);
	form_set_text(f, SF_DEADLINE, d);
}

/* The session as saved now (ui_form.h form_reload_fn). */
static kcode reload_session(void *ctx, form *into, int64_t *version, kerr *e)
{
	session_rec cur;
	if (session_get(app->db, &app->who, ((session_rec *)ctx)->id, &cur, e))
		return e->code;
	*version = cur.version;
	if (into)
		fill_session(into, &cur);
	session_free(&cur);
	return KE_OK;
}

/* Session id (0: a new one) of activity activity_id; returns what must
 * follow. */
static int edit_session(int64_t activity_id, int64_t id)
{
	session_rec s = { .activity_id = activity_id };
	kerr e;
	if (id && ui_failed(session_get(app->db, &app->who, id, &s, &e), &e))
		return UI_NOTHING;
	fdesc fs[SF_COUNT] = {
		[SF_STARTS] = { _("Starts"), FK_DATE, 1, 0, 0, 0, NULL, NULL, _("A date like 22-11-2026"), .col = "starts" },
		[SF_ENDS] = { _("Ends"), FK_DATE, 0, 0, 0, 0, NULL, NULL, _("Empty: the same day"), .col = "ends" },
		[SF_PLACE] = { _("Place"), FK_TEXT, 0, 160, 0, 0, NULL, NULL, NULL, .col = "place" },
		[SF_CAPACITY] = { _("Seats"), FK_INT, 1, 0, 1, 10000, NULL, NULL, NULL, .col = "capacity" },
		[SF_DEADLINE] = { _("Sign-up by"), FK_DATE, 0, 0, 0, 0, NULL, NULL, _("The last day to ask for a seat"), .col = "signup_deadline" },
	};
	form *f = form_new(id ? "session" : "session-new", id ? _("Edit session") : _("New session"), fs, SF_COUNT);
	if (!f) {
		session_free(&s);
		return UI_NOTHING;
	}
	if (id) {
		fill_session(f, &s);
		form_set_reload(f, reload_session, &s);
		form_set_record(f, id, s.version);
	} else {
		form_set_record(f, activity_id, 0);
	}
	int what = view_form_run(f, save_session, &s);
	session_free(&s);
	return what;
}

static kcode session_delete_at(void *ctx, int64_t version, kerr *e)
{
	return session_delete(app->db, &app->who, ((session_rec *)ctx)->id, version, e);
}

static int delete_session(int64_t id)
{
	session_rec s;
	kerr e;
	if (ui_failed(session_get(app->db, &app->who, id, &s, &e), &e))
		return UI_NOTHING;
	char q[300], d[11];
	date_format(s.starts, d);
	snprintf(q, sizeof q, _("Delete the session of %s starting %s?"), s.activity_title, d);
	int c = view_confirm_change(q, _("Delete it anyway?"), session_delete_at, reload_session, &s, s.version);
	session_free(&s);
	return c < 0 ? UI_NOTHING : UI_RELOAD_ALL;
}

enum { SU_PERSON, SU_COUNT };

static kcode save_signup(void *ctx, form *f, int *bad, kerr *e)
{
	int64_t session = *(int64_t *)ctx, pid, sid = form_value(f, SU_PERSON)->id;
	*bad = SU_PERSON;
	if (app->who.role == ROLE_EMPLOYEE || sid == app->who.staff_id)
		return part_request(app->db, &app->who, sid, session, 0, &pid, e);
	return part_enrol(app->db, &app->who, sid, session, 0, &pid, e);
}

static int signup(int64_t session)
{
	fdesc fs[SU_COUNT] = {
		[SU_PERSON] = { _("Person"), FK_CHOICE, 1, 0, 0, 0, pick_staff, NULL, _("Type part of the name"), .col = "staff_id" },
	};
	form *f = form_new("session-signup", _("Sign a person up"), fs, SU_COUNT);
	if (!f)
		return UI_NOTHING;
	int what = UI_NOTHING;
	form_set_record(f, session, 0);
	if (app->who.role == ROLE_EMPLOYEE)
		form_set_choice(f, SU_PERSON, app->who.staff_id, app->who.name);
	if (form_run(f, save_signup, &session)) {
		int64_t sid = form_value(f, SU_PERSON)->id; /* a request is no seat yet */
		if (app->who.role == ROLE_EMPLOYEE || sid == app->who.staff_id)
			ui_msg(ST_OK, "%s", _("Signed up: the request waits for the leader's decision."));
		else
			ui_msg(ST_OK, "%s", _("Signed up."));
		what = UI_RELOAD_ALL;
	}
	form_free(f);
	return what;
}

static int ses_allowed(view *v, int a, const lrow *sel)
{
	(void)v;
	int admin = app->who.role == ROLE_ADMIN;
	switch (a) {
	case A_NEW: return admin;
	case A_EDIT: case A_DELETE: return admin && sel;
	case A_SIGNUP: return sel != NULL;
	case A_OPEN: return sel != NULL;
	case A_CALENDAR: return sel != NULL;
	}
	return 1;
}

static int ses_act(view *v, int a, const lrow *sel)
{
	switch (a) {
	case A_SIGNUP: return signup(sel->id);
	case A_OPEN: { /* the participants, where requests are decided */
		view *p = view_parts_new(sel->id, 0);
		if (p)
			snprintf(p->subtitle, sizeof p->subtitle, "%s", v->subtitle);
		ui_push(p);
		return UI_NOTHING;
	}
	case A_NEW: return edit_session(v->parent_id, 0);
	case A_EDIT: return edit_session(v->parent_id, sel->id);
	case A_DELETE: return delete_session(sel->id);
	case A_CALENDAR: ui_calendar_session(sel->id); return UI_NOTHING;
	}
	return UI_NOTHING;
}

/* Reopens a form for its draft (ui_live.h). */
int view_activity_resume(const char *form, int64_t id)
{
	session_rec s;
	kerr e;
	if (!strcmp(form, "activity")) {
		edit_activity(NULL, id);
	} else if (!strcmp(form, "session-new")) {
		edit_session(id, 0);
	} else if (!strcmp(form, "session")) {
		if (session_get(app->db, &app->who, id, &s, &e) == KE_OK) {
			edit_session(s.activity_id, id);
			session_free(&s);
		} else {
			ui_msg(ST_ERROR, "%s", e.msg);
		}
	} else if (!strcmp(form, "session-signup")) {
		signup(id);
	} else {
		return 0;
	}
	return 1;
}

static const view_ops sessions_ops = {
	.title = N_("Sessions"), .actions = session_actions,
	.fetch = ses_fetch, .header = ses_header, .detail = ses_detail, .act = ses_act, .allowed = ses_allowed,
	.table = "session",
};

view *view_sessions_new(int64_t activity_id)
{
	return view_new_of(&sessions_ops, activity_id);
}

const view_kind view_activity_kinds[] = {
	{ "activities", &activities_ops },
	{ "sessions", &sessions_ops },
	{ NULL, NULL },
};
