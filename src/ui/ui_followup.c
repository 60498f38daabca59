/* ui_followup.c — the follow-up on screen; see ui_followup.h. */
#include "ui_followup.h"
#include "date.h"
#include "db_activity.h"
#include "db_cycle.h"
#include "db_followup.h"
#include "db_part.h"
#include "i18n.h"
#include "ui_box.h"
#include "ui_colleague.h"
#include "ui_form.h"
#include "ui_pick.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether the acting person decides on staff_id's follow-up: admins on
 * everyone's, leaders on others' (as the data layer's scope says). */
static int leads(int64_t staff_id)
{
	return app->who.role == ROLE_ADMIN ||
	       (app->who.role == ROLE_LEADER && !(app->who.staff_id && staff_id == app->who.staff_id));
}

void cycle_fu_state(const char *state, const char *due, const char *done_at, char *buf, size_t size, int *style)
{
	char today[11] = "", d[11];
	date_today(today);
	int late = today[0] && due[0] && strcmp(due, today) < 0;
	if (!strcmp(state, "closed")) {
		date_format(done_at, d);
		if (d[0])
			snprintf(buf, size, _("closed %s"), d);
		else
			snprintf(buf, size, "%s", _("closed"));
		*style = ST_OK;
		return;
	}
	date_format(due, d);
	if (!strcmp(state, "written")) {
		/* the person has done their part: the leader's step waits */
		snprintf(buf, size, late ? _("written, closing overdue since %s") : _("written, to close by %s"), d);
		*style = late ? ST_WARN : ST_OK;
	} else if (late) {
		snprintf(buf, size, _("OVERDUE since %s"), d);
		*style = ST_ERROR;
	} else {
		snprintf(buf, size, _("due %s"), d);
		*style = ST_NORMAL;
	}
}

/* ---- the colleagues' parts ---- */

#define MAX_PARTS 30

/* "asked, due 12-01-2027", "answered 05-01-2027", "declined 05-01-2027". */
static void part_state(const fu_colleague *c, char *buf, size_t size)
{
	char d[11];
	if (!strcmp(c->state, "asked")) {
		date_format(c->due, d);
		snprintf(buf, size, c->overdue ? _("asked, OVERDUE since %s") : _("asked, due %s"), d);
	} else {
		date_format(c->answered_at, d);
		snprintf(buf, size, !strcmp(c->state, "declined") ? _("declined %s") : _("answered %s"), d);
	}
}

static void append(char *buf, size_t size, const char *fmt, const char *a, const char *b)
{
	size_t have = strlen(buf);
	if (have < size)
		snprintf(buf + have, size - have, fmt, a, b);
}

void cycle_fu_colleague_lines(int64_t followup_id, char *buf, size_t size)
{
	kpage pg = { .parent_id = followup_id, .limit = MAX_PARTS };
	fu_colleague *c;
	int n;
	kerr e;
	buf[0] = '\0';
	if (fucol_list(app->db, &app->who, &pg, &c, &n, &e))
		return;
	for (int i = 0; i < n; i++) {
		char st[120];
		part_state(&c[i], st, sizeof st);
		append(buf, size, "%s%s", buf[0] ? "\n" : "", c[i].name);
		append(buf, size, ": %s%s", st, "");
		if (!strcmp(c[i].state, "declined")) {
			append(buf, size, " — %s%s", c[i].reason, "");
		} else if (!strcmp(c[i].state, "answered")) {
			if (c[i].seen[0])
				append(buf, size, "\n  %s: %s", _("Seen"), c[i].seen);
			if (c[i].own_use[0])
				append(buf, size, "\n  %s: %s", _("Own use"), c[i].own_use);
			if (c[i].wants_more)
				append(buf, size, "\n  %s%s", _("Wants to learn more"), "");
		}
	}
	fucol_rows_free(c, n);
}

/* Choices for taking a part back: the parts not yet answered. ctx: the
 * follow-up's id. */
static int pick_asked(void *ctx, const char *filter, fchoice *out, int max)
{
	kpage pg = { .parent_id = *(int64_t *)ctx, .limit = MAX_PARTS };
	fu_colleague *c;
	int n, k = 0;
	kerr e;
	if (fucol_list(app->db, &app->who, &pg, &c, &n, &e))
		return -1;
	for (int i = 0; i < n && k < max; i++) {
		if (strcmp(c[i].state, "asked") || !pick_matches(c[i].name, filter))
			continue;
		char st[120];
		part_state(&c[i], st, sizeof st);
		out[k].id = c[i].id;
		snprintf(out[k].label, sizeof out[k].label, "%s · %s", c[i].name, st);
		k++;
	}
	fucol_rows_free(c, n);
	return k;
}

/* Choices for naming a colleague: active staff of any institution (ctx:
 * the follow-up's id). */
static int pick_colleague(void *ctx, const char *filter, fchoice *out, int max)
{
	fu_candidate *c;
	int n;
	kerr e;
	if (fucol_candidates(app->db, &app->who, *(int64_t *)ctx, filter, max, &c, &n, &e))
		return -1;
	for (int i = 0; i < n; i++) {
		out[i].id = c[i].id;
		snprintf(out[i].label, sizeof out[i].label, "%s (%s, %s)", c[i].name, c[i].initials, c[i].unit_name);
	}
	fucol_candidates_free(c, n);
	return n;
}

/* Takes back part id after asking; the outcome in said. 1 when taken back. */
static int withdraw(int64_t id, char *said, size_t size)
{
	fu_colleague c;
	kerr e;
	if (fucol_get(app->db, &app->who, id, &c, &e)) {
		snprintf(said, size, "%s", e.msg);
		return 0;
	}
	char q[400];
	snprintf(q, sizeof q, _("Take back the part asked of %s?"), c.name);
	int k = ui_box(q, _("y: yes, take it back   n, Enter, Esc: no"), "yn", NULL, NULL), done = 0;
	if (k != 'y')
		snprintf(said, size, "%s", _("Nothing was taken back."));
	else if (fucol_withdraw(app->db, &app->who, c.id, c.version, &e))
		snprintf(said, size, "%s", e.msg);
	else {
		snprintf(said, size, _("The part asked of %s is taken back."), c.name);
		done = 1;
	}
	fucol_free(&c);
	return done;
}

int cycle_followup_colleagues(int64_t followup_id)
{
	followup_rec f;
	kerr e;
	if (ui_failed(followup_get(app->db, &app->who, followup_id, &f, &e), &e))
		return UI_NOTHING;
	int changed = 0;
	char said[600] = "";
	for (;;) {
		char parts[4000], head[600], text[5000];
		cycle_fu_colleague_lines(followup_id, parts, sizeof parts);
		/* the translation table holds one line per text: the lines are joined here */
		snprintf(head, sizeof head, _("Colleagues on the follow-up of %s, %s:"), f.staff_name, f.activity_title);
		snprintf(text, sizeof text, "%s\n%s%s%s", head, parts[0] ? parts : _("No colleague is named yet."),
			 said[0] ? "\n\n" : "", said);
		int k = ui_box(text, _("n: name a colleague   d: take one back   Enter, Esc: done"), "nd", NULL, NULL);
		said[0] = '\0';
		if (k == KEY_ESC)
			break;
		fchoice pick;
		int r;
		if (k == 'n') {
			r = ui_choice(_("Name a colleague (any active staff member)"), pick_colleague, &followup_id, "", 0, &pick,
				      NULL, NULL);
			if (r <= 0)
				continue;
			int64_t id = 0;
			if (fucol_ask(app->db, &app->who, followup_id, pick.id, &id, &e))
				snprintf(said, sizeof said, "%s", e.msg);
			else {
				snprintf(said, sizeof said, _("%s is asked; they see it in their overview."), pick.label);
				changed = 1;
			}
		} else if (k == 'd') {
			r = ui_choice(_("Take back a part not yet answered"), pick_asked, &followup_id, "", 0, &pick, NULL, NULL);
			if (r <= 0)
				continue;
			changed |= withdraw(pick.id, said, sizeof said);
		}
	}
	touchwin(stdscr);
	followup_free(&f);
	if (changed)
		ui_msg(ST_OK, "%s", _("The colleagues are named; each writes their part from their overview."));
	return changed ? UI_RELOAD_ALL : UI_NOTHING;
}

/* ---- a peer-training session from the follow-up ---- */

int cycle_followup_session_allowed(int64_t followup_id)
{
	followup_rec f;
	kerr e;
	if (app->who.role == ROLE_EMPLOYEE || followup_get(app->db, &app->who, followup_id, &f, &e))
		return 0;
	int yes = leads(f.staff_id);
	followup_free(&f);
	return yes;
}

enum { PS_ACTIVITY, PS_STARTS, PS_ENDS, PS_PLACE, PS_SEATS, PS_COUNT };

static kcode save_session(void *ctx, form *fm, int *bad, kerr *e)
{
	int64_t *ids = ctx; /* the follow-up, then the session made */
	session_rec s = { 0 };
	s.activity_id = form_value(fm, PS_ACTIVITY)->id;
	snprintf(s.starts, sizeof s.starts, "%s", form_value(fm, PS_STARTS)->iso);
	snprintf(s.ends, sizeof s.ends, "%s", form_value(fm, PS_ENDS)->iso);
	s.place = (char *)form_value(fm, PS_PLACE)->text;
	s.capacity = (int)form_value(fm, PS_SEATS)->num;
	(void)bad; /* the field at fault comes from the error (fdesc col) */
	kcode c = followup_start_session(app->db, &app->who, ids[0], &s, e);
	if (!c)
		ids[1] = s.id;
	return c;
}

int cycle_followup_session(int64_t followup_id)
{
	followup_rec f;
	kerr e;
	if (ui_failed(followup_get(app->db, &app->who, followup_id, &f, &e), &e))
		return UI_NOTHING;
	fdesc fs[PS_COUNT] = {
		[PS_ACTIVITY] = { _("Activity"), FK_CHOICE, 1, 0, 0, 0, pick_peer_activity, NULL,
				  _("A peer-training or network activity: Enter or type to choose"), .col = "activity_id" },
		[PS_STARTS] = { _("Starts"), FK_DATE, 1, 0, 0, 0, NULL, NULL, NULL, .col = "starts" },
		[PS_ENDS] = { _("Ends"), FK_DATE, 1, 0, 0, 0, NULL, NULL, NULL, .col = "ends" },
		[PS_PLACE] = { _("Place"), FK_TEXT, 0, 200, 0, 0, NULL, NULL, _("Where it is held, e.g. the team room"),
			       .col = "place" },
		[PS_SEATS] = { _("Seats"), FK_INT, 1, 0, 1, 500, NULL, NULL, NULL, .col = "capacity" },
	};
	char title[400];
	snprintf(title, sizeof title, _("Peer training from the follow-up: %s, %s"), f.staff_name, f.activity_title);
	followup_free(&f);
	form *fm = form_new("followup-session", title, fs, PS_COUNT);
	if (!fm)
		return UI_NOTHING;
	char day[11] = "", later[11] = "";
	date_today(day);
	if (day[0] && date_add_days(day, 14, later) == 0) {
		form_set_text(fm, PS_STARTS, later);
		form_set_text(fm, PS_ENDS, later);
	}
	form_set_num(fm, PS_SEATS, 10);
	form_set_record(fm, followup_id, 0);
	int64_t ids[2] = { followup_id, 0 };
	int done = form_run(fm, save_session, ids);
	form_free(fm);
	if (done)
		ui_msg(ST_OK, "%s", _("Session started; enrol the colleagues on it from Activities."));
	return done ? UI_RELOAD_ALL : UI_NOTHING;
}

/* ---- the form ---- */

enum { FU_ACTIVITY, FU_DUE, FU_LEARNED, FU_PRACTICE, FU_SHARED, FU_VIA, FU_COLLEAGUES, FU_COMMENT, FU_ACTION,
       FU_ACTION_DATE, FU_DONE, FU_COUNT };

/* Choices for "shared in": sessions of peer training and networks from the
 * followed-up session's start on. ctx: the start date (ISO). */
static int pick_share(void *ctx, const char *filter, fchoice *out, int max)
{
	share_session *s;
	int n;
	kerr e;
	if (share_sessions(app->db, &app->who, filter, ctx, max, &s, &n, &e))
		return -1;
	for (int i = 0; i < n; i++) {
		char d[11];
		date_format(s[i].starts, d);
		out[i].id = s[i].id;
		snprintf(out[i].label, sizeof out[i].label, "%s · %s%s%s", d, s[i].title, s[i].place[0] ? " · " : "",
			 s[i].place);
	}
	share_sessions_free(s, n);
	return n;
}

struct fu_edit {
	followup_rec f;
	int lead;
	char starts[11];  /* the followed-up session's start */
	int changed;      /* something was saved from inside the form */
};

static char *dup_text(form *f, int i)
{
	const char *t = form_value(f, i)->text;
	return strdup(t ? t : "");
}

static kcode save_followup(void *ctx, form *fm, int *bad, kerr *e)
{
	struct fu_edit *x = ctx;
	followup_rec n = x->f, cur = { 0 };
	(void)bad; /* the field at fault comes from the error (fdesc col) */
	/* The person sends the leader's fields as they are saved now, so that
	 * the leader's change meanwhile is not taken for theirs. */
	if (!x->lead && followup_get(app->db, &app->who, x->f.id, &cur, e))
		return e->code;
	n.version = form_version(fm);
	n.learned = dup_text(fm, FU_LEARNED);
	n.practice = dup_text(fm, FU_PRACTICE);
	n.shared_with = dup_text(fm, FU_SHARED);
	n.leader_comment = x->lead ? dup_text(fm, FU_COMMENT) : strdup(cur.leader_comment);
	n.action = x->lead ? dup_text(fm, FU_ACTION) : strdup(cur.action);
	snprintf(n.action_date, sizeof n.action_date, "%s", x->lead ? form_value(fm, FU_ACTION_DATE)->iso : cur.action_date);
	n.shared_via = form_value(fm, FU_VIA)->id;
	int done = x->lead && !x->f.done_at[0] && form_value(fm, FU_DONE)->on;
	kcode c = n.learned && n.practice && n.shared_with && n.leader_comment && n.action
			  ? followup_save(app->db, &app->who, &n, done, e)
			  : kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	if (!c)
		x->f.version = n.version;
	free(n.learned);
	free(n.practice);
	free(n.shared_with);
	free(n.leader_comment);
	free(n.action);
	if (!x->lead)
		followup_free(&cur);
	return c;
}

static void fill_followup(form *fm, const followup_rec *f, const char *starts)
{
	char buf[4000], d[11];
	date_format(starts, d);
	snprintf(buf, sizeof buf, "%s, %s", f->activity_title, d);
	form_set_text(fm, FU_ACTIVITY, buf);
	int style;
	cycle_fu_state(f->state, f->step_due, f->done_at, buf, sizeof buf, &style);
	form_set_text(fm, FU_DUE, buf);
	form_set_text(fm, FU_LEARNED, f->learned);
	form_set_text(fm, FU_PRACTICE, f->practice);
	form_set_text(fm, FU_SHARED, f->shared_with);
	if (f->shared_via) {
		date_format(f->shared_via_starts, d);
		snprintf(buf, sizeof buf, "%s · %s", d, f->shared_via_title);
		form_set_choice(fm, FU_VIA, f->shared_via, buf);
	}
	cycle_fu_colleague_lines(f->id, buf, sizeof buf);
	form_set_text(fm, FU_COLLEAGUES, buf[0] ? buf : _("none named yet (Ctrl-T names colleagues)"));
	form_set_text(fm, FU_COMMENT, f->leader_comment);
	form_set_text(fm, FU_ACTION, f->action);
	form_set_text(fm, FU_ACTION_DATE, f->action_date);
	form_set_bool(fm, FU_DONE, f->done_at[0] != 0);
}

/* The follow-up as saved now (ui_form.h form_reload_fn). */
static kcode reload_followup(void *ctx, form *into, int64_t *version, kerr *e)
{
	struct fu_edit *x = ctx;
	followup_rec cur;
	if (followup_get(app->db, &app->who, x->f.id, &cur, e))
		return e->code;
	*version = cur.version;
	if (into)
		fill_followup(into, &cur, x->starts);
	followup_free(&cur);
	return KE_OK;
}

/* The colleagues' block as it is now, without touching what is typed. */
static void refresh_colleagues(form *fm, int64_t followup_id)
{
	char buf[4000];
	cycle_fu_colleague_lines(followup_id, buf, sizeof buf);
	form_set_text(fm, FU_COLLEAGUES, buf[0] ? buf : _("none named yet (Ctrl-T names colleagues)"));
}

/* Ctrl-T: the colleagues; Ctrl-P: a peer-training session (leaders). */
static int followup_key(void *ctx, form *fm, int k, int fn)
{
	struct fu_edit *x = ctx;
	if (fn)
		return 0;
	if (k == KEY_CTRL('t')) {
		x->changed |= cycle_followup_colleagues(x->f.id) != UI_NOTHING;
		refresh_colleagues(fm, x->f.id);
		return 1;
	}
	if (k == KEY_CTRL('p')) {
		if (!x->lead) {
			ui_msg(ST_WARN, "%s", _("Your leader starts a peer-training session from the follow-up."));
			return 1;
		}
		if (cycle_followup_session(x->f.id) == UI_NOTHING)
			return 1;
		x->changed = 1;
		/* the follow-up now names the session: its new version, and the
		 * session shown in "Shared in session" */
		followup_rec cur;
		kerr e;
		if (followup_get(app->db, &app->who, x->f.id, &cur, &e) == KE_OK) {
			char buf[300], d[11];
			date_format(cur.shared_via_starts, d);
			snprintf(buf, sizeof buf, "%s · %s", d, cur.shared_via_title);
			form_set_choice(fm, FU_VIA, cur.shared_via, buf);
			form_set_record(fm, cur.id, cur.version);
			x->f.version = cur.version;
			followup_free(&cur);
		}
		return 1;
	}
	return 0;
}

int cycle_followup_edit(int64_t followup_id)
{
	struct fu_edit x = { 0 };
	kerr e;
	if (ui_failed(followup_get(app->db, &app->who, followup_id, &x.f, &e), &e))
		return UI_NOTHING;
	part_rec p;
	if (part_get(app->db, &app->who, x.f.participation_id, &p, &e) == KE_OK) {
		snprintf(x.starts, sizeof x.starts, "%s", p.starts);
		part_free(&p);
	}
	x.lead = leads(x.f.staff_id);
	fdesc fs[FU_COUNT] = {
		[FU_ACTIVITY] = { _("Activity"), FK_TEXT, 0, 0, 0, 0, NULL, NULL, NULL },
		[FU_DUE] = { _("Follow-up"), FK_TEXT, 0, 0, 0, 0, NULL, NULL, NULL },
		[FU_LEARNED] = { _("What was learned"), FK_TEXTAREA, 0, 4000, 0, 0, NULL, NULL,
				 _("Written by the person: what did you get out of it?"), .col = "learned" },
		[FU_PRACTICE] = { _("Use in practice"), FK_TEXTAREA, 0, 4000, 0, 0, NULL, NULL,
				  _("How it is put to use in daily work"), .col = "practice" },
		[FU_SHARED] = { _("Shared with"), FK_TEXT, 0, 400, 0, 0, NULL, NULL,
				_("Free text, e.g. the team meeting; Ctrl-T names colleagues who write their part"),
				.col = "shared_with" },
		[FU_VIA] = { _("Shared in session"), FK_CHOICE, 0, 0, 0, 0, pick_share, x.starts,
			     _("Optional: a peer-training or network session where it was passed on"), .col = "shared_via" },
		[FU_COLLEAGUES] = { _("Colleagues"), FK_TEXTAREA, 0, 0, 0, 0, NULL, NULL, NULL },
		[FU_COMMENT] = { _("Leader's comment"), FK_TEXTAREA, 0, 4000, 0, 0, NULL, NULL, NULL, .col = "leader_comment" },
		[FU_ACTION] = { _("Into practice"), FK_TEXTAREA, 0, 400, 0, 0, NULL, NULL,
				_("The leader: how the unit will use it, e.g. present at the team meeting"), .col = "action" },
		[FU_ACTION_DATE] = { _("From"), FK_DATE, 0, 0, 0, 0, NULL, NULL,
				     _("Optional: when, e.g. 01-04"), .col = "action_date" },
		[FU_DONE] = { _("Closed"), FK_BOOL, 0, 0, 0, 0, NULL, NULL,
			      _("Space toggles: the leader closes the follow-up") },
	};
	char title[400];
	snprintf(title, sizeof title, _("Follow-up: %s, %s"), x.f.staff_name, x.f.activity_title);
	form *fm = form_new("followup", title, fs, FU_COUNT);
	if (!fm) {
		followup_free(&x.f);
		return UI_NOTHING;
	}
	fill_followup(fm, &x.f, x.starts);
	form_set_record(fm, x.f.id, x.f.version);
	form_set_reload(fm, reload_followup, &x);
	form_set_keys(fm, followup_key, &x, x.lead ? _("^T Colleagues  ^P Peer session") : _("^T Colleagues"));
	form_set_readonly(fm, FU_ACTIVITY, 1);
	form_set_readonly(fm, FU_DUE, 1);
	form_set_readonly(fm, FU_COLLEAGUES, 1);
	if (!x.lead)
		for (int i = FU_COMMENT; i <= FU_DONE; i++)
			form_set_readonly(fm, i, 1);
	if (x.f.done_at[0]) {
		form_set_readonly(fm, FU_DONE, 1);
		if (!x.lead) /* closed: the person reads it, the leader may still amend */
			for (int i = FU_LEARNED; i <= FU_VIA; i++)
				form_set_readonly(fm, i, 1);
	}
	form_set_focus(fm, x.lead && x.f.learned[0] ? FU_COMMENT : FU_LEARNED);
	int done = form_run(fm, save_followup, &x);
	if (done) {
		int closed = x.lead && !x.f.done_at[0] && form_value(fm, FU_DONE)->on;
		followup_rec now;
		int written = 0;
		if (!x.lead && followup_get(app->db, &app->who, x.f.id, &now, &e) == KE_OK) {
			written = !strcmp(now.state, "written");
			followup_free(&now);
		}
		ui_msg(ST_OK, "%s", closed ? _("The follow-up is closed.")
				   : written ? _("Saved. Your leader sees it as ready to close.") : _("Saved."));
	}
	form_free(fm);
	followup_free(&x.f);
	return done || x.changed ? UI_RELOAD_ALL : UI_NOTHING;
}

/* ---- in a person's detail ---- */

int cycle_person_followups(WINDOW *w, int y, int h, int wd, int64_t staff_id)
{
	if (y >= h)
		return y;
	kpage pg = { .staff_id = staff_id, .limit = h - y };
	followup_rec *f;
	int n;
	kerr e;
	if (followup_list(app->db, &app->who, &pg, &f, &n, &e))
		return y;
	/* the list has the open ones first */
	if (n && !f[0].done_at[0])
		y = detail_line(w, y, wd, _("Follow-ups"), "");
	for (int i = 0; i < n && y < h && !f[i].done_at[0]; i++) {
		char state[96], buf[600], cols[120] = "";
		int style;
		cycle_fu_state(f[i].state, f[i].step_due, "", state, sizeof state, &style);
		if (f[i].asked + f[i].answered + f[i].declined)
			snprintf(cols, sizeof cols, _(" · colleagues: %d asked, %d answered, %d declined"), f[i].asked,
				 f[i].answered, f[i].declined);
		snprintf(buf, sizeof buf, "  %s · %s%s", f[i].activity_title, state, cols);
		wattron(w, ui_style(style));
		ui_put(w, y++, 0, wd, buf, 1);
		wattroff(w, ui_style(style));
	}
	followup_rows_free(f, n);
	return y;
}

int cycle_person_colleague_parts(WINDOW *w, int y, int h, int wd, int64_t staff_id)
{
	if (y >= h)
		return y;
	kpage pg = { .staff_id = staff_id, .limit = h - y };
	fu_colleague *c;
	int n;
	kerr e;
	if (fucol_list(app->db, &app->who, &pg, &c, &n, &e))
		return y;
	if (n)
		y = detail_line(w, y, wd, _("Colleague parts"), _("K opens them"));
	for (int i = 0; i < n && y < h; i++) {
		char st[120], buf[600];
		part_state(&c[i], st, sizeof st);
		snprintf(buf, sizeof buf, "  %s, %s · %s", c[i].person_name, c[i].activity_title, st);
		int style = c[i].overdue ? ST_ERROR : strcmp(c[i].state, "asked") ? ST_DIM : ST_NORMAL;
		wattron(w, ui_style(style));
		ui_put(w, y++, 0, wd, buf, 1);
		wattroff(w, ui_style(style));
	}
	fucol_rows_free(c, n);
	return y;
}

/* Choices: staff_id's colleague parts (ctx: int64_t *staff_id). */
static int pick_own_part(void *ctx, const char *filter, fchoice *out, int max)
{
	kpage pg = { .staff_id = *(int64_t *)ctx, .limit = max };
	fu_colleague *c;
	int n, k = 0;
	kerr e;
	if (fucol_list(app->db, &app->who, &pg, &c, &n, &e))
		return -1;
	for (int i = 0; i < n; i++) {
		char st[120];
		part_state(&c[i], st, sizeof st);
		snprintf(out[k].label, sizeof out[k].label, "%s, %s · %s", c[i].person_name, c[i].activity_title, st);
		if (!pick_matches(out[k].label, filter))
			continue;
		out[k++].id = c[i].id;
	}
	fucol_rows_free(c, n);
	return k;
}

int cycle_colleague_parts_open(int64_t staff_id)
{
	fchoice pick;
	if (ui_choice(_("Colleague parts: choose one to write or read"), pick_own_part, &staff_id, "", 0, &pick, NULL,
		      NULL) <= 0)
		return UI_NOTHING;
	return colleague_part_edit(pick.id);
}
