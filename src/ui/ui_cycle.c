/* ui_cycle.c — the cycle's steps on screen; see ui_cycle.h. Records read
 * for the key bar are kept until the database changes (db_data_stamp), so
 * drawing the bar asks the database once per selection, not once per key. */
#include "ui_cycle.h"
#include "date.h"
#include "db_activity.h"
#include "db_cycle.h"
#include "db_overview.h"
#include "db_part.h"
#include "db_plan.h"
#include "db_staff.h"
#include "i18n.h"
#include "ui_box.h"
#include "ui_form.h"
#include "ui_shell.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The views this file opens, from the views' layer above. */
static const cycle_hooks *hooks;

void cycle_set_hooks(const cycle_hooks *h)
{
	hooks = h;
}

/* ---- records kept for the key bar ---- */

/* One record read for the key bar, kept while the same id is asked for and
 * the database has not changed. */
typedef struct kept {
	int64_t id, stamp;
	int state;  /* 1 read, -1 failed, 0 nothing kept */
	void *rec;  /* the record, of the kind get reads */
	kcode (*get)(int64_t id, void *rec, kerr *e);
	void (*free)(void *rec);
} kept;

static kcode get_plan(int64_t id, void *rec, kerr *e) { return plan_get(app->db, &app->who, id, rec, e); }
static void free_plan(void *rec) { plan_free(rec); }
static kcode get_part(int64_t id, void *rec, kerr *e) { return part_get(app->db, &app->who, id, rec, e); }
static void free_part(void *rec) { part_free(rec); }

static plan_rec plan_rec_kept;
static part_rec part_rec_kept;
static kept plan_kept = { .rec = &plan_rec_kept, .get = get_plan, .free = free_plan };
static kept part_kept = { .rec = &part_rec_kept, .get = get_part, .free = free_part };

static void forget(kept *k)
{
	if (k->state == 1)
		k->free(k->rec);
	k->state = 0;
}

void cycle_forget(void)
{
	forget(&plan_kept);
	forget(&part_kept);
}

/* The record id as kept in k, read again when needed; NULL if it cannot be
 * read. */
static const void *kept_of(kept *k, int64_t id)
{
	int64_t stamp = db_data_stamp(app->db);
	if (!k->state || k->id != id || k->stamp != stamp) {
		kerr e;
		forget(k);
		k->id = id;
		k->stamp = stamp;
		k->state = k->get(id, k->rec, &e) ? -1 : 1;
	}
	return k->state == 1 ? k->rec : NULL;
}

static int is_me(int64_t staff_id)
{
	return app->who.staff_id && staff_id == app->who.staff_id;
}

int cycle_leads(int64_t staff_id)
{
	return app->who.role == ROLE_ADMIN || (app->who.role == ROLE_LEADER && !is_me(staff_id));
}

/* ---- plans ---- */

int cycle_plan_allowed(int action, int64_t plan_id)
{
	const plan_rec *p = kept_of(&plan_kept, plan_id);
	if (!p)
		return 0;
	switch (action) {
	case A_AGREE: return cycle_leads(p->staff_id) && !strcmp(p->status, "draft");
	case A_ACCEPT: return is_me(p->staff_id) && !strcmp(p->status, "agreed") && !p->accepted_at[0];
	case A_EVALUATE: return cycle_leads(p->staff_id) && !strcmp(p->status, "agreed");
	case A_REOPEN: return cycle_leads(p->staff_id) && !strcmp(p->status, "evaluated");
	case A_CARRY: return cycle_leads(p->staff_id);
	}
	return 0;
}

enum { EV_GOALS, EV_TEXT, EV_COUNT };

static kcode save_evaluation(void *ctx, form *f, int *bad, kerr *e)
{
	plan_rec *p = ctx;
	*bad = EV_TEXT;
	return plan_evaluate(app->db, &app->who, p->id, form_version(f), form_value(f, EV_TEXT)->text, e);
}

/* "3 of 5 done; ..." for the evaluation form's first line. */
static void goals_line(const plan_rec *p, char *out, size_t size)
{
	snprintf(out, size, _("%d of %d done; each goal's result is written in the goal (e)"), p->goals_done,
		 p->goals);
}

/* The plan as saved now, for the conflict dialog and the notice. */
static kcode reload_evaluation(void *ctx, form *into, int64_t *version, kerr *e)
{
	plan_rec cur;
	char goals[200];
	if (plan_get(app->db, &app->who, ((plan_rec *)ctx)->id, &cur, e))
		return e->code;
	*version = cur.version;
	if (into) {
		goals_line(&cur, goals, sizeof goals);
		form_set_text(into, EV_GOALS, goals);
		form_set_text(into, EV_TEXT, cur.evaluation);
	}
	plan_free(&cur);
	return KE_OK;
}

static int evaluate(plan_rec *p)
{
	char title[300], goals[200];
	snprintf(title, sizeof title, _("Evaluate and close the %d plan of %s"), p->year, p->staff_name);
	goals_line(p, goals, sizeof goals);
	fdesc fs[EV_COUNT] = {
		[EV_GOALS] = { _("Goals"), FK_TEXT, 0, 0, 0, 0, NULL, NULL, NULL },
		[EV_TEXT] = { _("Evaluation"), FK_TEXTAREA, 1, 4000, 0, 0, NULL, NULL,
			      _("What was reached this year, and what comes next"), .col = "evaluation" },
	};
	form *f = form_new("plan-evaluate", title, fs, EV_COUNT);
	if (!f)
		return 0;
	form_set_record(f, p->id, p->version);
	form_set_reload(f, reload_evaluation, p);
	form_set_text(f, EV_GOALS, goals);
	form_set_readonly(f, EV_GOALS, 1);
	form_set_text(f, EV_TEXT, p->evaluation);
	form_set_focus(f, EV_TEXT);
	int done = form_run(f, save_evaluation, p);
	form_free(f);
	if (done)
		ui_msg(ST_OK, _("The %d plan of %s is evaluated and closed."), p->year, p->staff_name);
	return done;
}

/* Before the evaluation form: what closes, and a plain warning when the
 * plan's year is not over (a plan closed early, in December for next
 * year, is a slip more often than a choice). */
static int ask_close(const plan_rec *p)
{
	char text[800], line[300];
	snprintf(text, sizeof text, _("Close the %d plan of %s with %d of %d goals done?"), p->year, p->staff_name,
		 p->goals_done, p->goals);
	int now = date_year_today();
	if (now >= 0 && now <= p->year) {
		snprintf(line, sizeof line, _("The year %d has not ended yet: the plan is closed early."), p->year);
		snprintf(text + strlen(text), sizeof text - strlen(text), "\n%s", line);
	}
	snprintf(text + strlen(text), sizeof text - strlen(text), "\n%s", _("It can be reopened afterwards (R)."));
	return ui_ask(text);
}

static int reopen(const plan_rec *p)
{
	char text[600];
	snprintf(text, sizeof text, _("Reopen the %d plan of %s? It is agreed again and can be changed; the evaluation is kept for the next one."),
		 p->year, p->staff_name);
	if (!ui_ask(text))
		return 0;
	kerr e;
	if (ui_failed(plan_reopen(app->db, &app->who, p->id, p->version, &e), &e))
		return 0;
	ui_msg(ST_OK, _("The %d plan of %s is reopened."), p->year, p->staff_name);
	return 1;
}

/* Goals of a plan that a carry-over would take along. */
static int unfinished(int64_t plan_id)
{
	goal_rec *g;
	int n, k = 0;
	kerr e;
	if (goal_list(app->db, &app->who, plan_id, &g, &n, &e))
		return 0;
	for (int i = 0; i < n; i++)
		k += !strcmp(g[i].status, "open") || !strcmp(g[i].status, "in_progress");
	goal_rows_free(g, n);
	return k;
}

static int carry(const plan_rec *p)
{
	char q[400];
	int k = unfinished(p->id);
	snprintf(q, sizeof q, _("Start the %d plan of %s from this one, with %d unfinished goal(s) carried over?"),
		 p->year + 1, p->staff_name, k);
	if (!ui_confirm(q))
		return 0;
	int64_t id = 0;
	kerr e;
	if (ui_failed(plan_carry_over(app->db, &app->who, p->id, &id, &e), &e))
		return 0;
	if (hooks && hooks->open_plan)
		hooks->open_plan(id);
	ui_msg(ST_OK, _("The %d plan is started with %d goal(s) carried over."), p->year + 1, k);
	return 1;
}

/* resumed: the form is opened again for its draft; its question was
 * answered when the draft was begun. */
static int plan_act(int action, int64_t plan_id, int resumed)
{
	plan_rec p;
	kerr e;
	if (ui_failed(plan_get(app->db, &app->who, plan_id, &p, &e), &e))
		return UI_NOTHING;
	char q[400];
	int changed = 0;
	kcode c = KE_OK;
	switch (action) {
	case A_AGREE:
		snprintf(q, sizeof q, _("Agree the %d plan of %s with its %d goal(s)?"), p.year, p.staff_name, p.goals);
		if (ui_confirm(q) && !(c = plan_agree(app->db, &app->who, p.id, p.version, &e))) {
			ui_msg(ST_OK, _("Agreed. %s can now accept the plan."), p.staff_name);
			changed = 1;
		}
		break;
	case A_ACCEPT:
		snprintf(q, sizeof q, _("Accept your %d plan as agreed with %s?"), p.year, p.agreed_by_name);
		if (ui_confirm(q) && !(c = plan_accept(app->db, &app->who, p.id, &e))) {
			ui_msg(ST_OK, "%s", _("You have accepted the plan."));
			changed = 1;
		}
		break;
	case A_EVALUATE: changed = (resumed || ask_close(&p)) && evaluate(&p); break;
	case A_REOPEN: changed = reopen(&p); break;
	case A_CARRY: changed = carry(&p); break;
	}
	if (c)
		ui_msg(ST_ERROR, "%s", e.msg);
	plan_free(&p);
	return changed ? UI_RELOAD_ALL : UI_NOTHING;
}

int cycle_plan_act(int action, int64_t plan_id)
{
	return plan_act(action, plan_id, 0);
}

/* ---- changes after agreement ---- */

int cycle_goal_changed(int64_t goal_id)
{
	goal_change c;
	kerr e;
	if (goal_changes(app->db, &app->who, goal_id, &c, &e))
		return 0;
	int yes = c.changes || c.added;
	goal_change_free(&c);
	return yes;
}

int cycle_goal_changes(WINDOW *w, int y, int h, int wd, int64_t goal_id)
{
	goal_change c;
	kerr e;
	if (y >= h || goal_changes(app->db, &app->who, goal_id, &c, &e))
		return y;
	if (c.changes || c.added) {
		char buf[400], when[DATE_LOCAL_TIME_SIZE];
		date_local_time(c.last_at, when, sizeof when);
		if (c.added)
			snprintf(buf, sizeof buf, _("added after the plan was agreed (%s, %s)"), when, c.last_by);
		else
			snprintf(buf, sizeof buf, _("%d time(s) after the plan was agreed; last %s by %s"),
				 c.changes, when, c.last_by);
		wattron(w, ui_style(ST_WARN));
		y = detail_line(w, y, wd, _("Changed"), buf);
		wattroff(w, ui_style(ST_WARN));
	}
	goal_change_free(&c);
	return y;
}

int cycle_plan_changes(WINDOW *w, int y, int h, int wd, int64_t plan_id)
{
	int changed = 0, removed = 0;
	kerr e;
	if (y >= h || plan_changes(app->db, &app->who, plan_id, &changed, &removed, &e) || (!changed && !removed))
		return y;
	char buf[300];
	snprintf(buf, sizeof buf, _("%d goal(s) changed or added, %d removed after the plan was agreed (h shows who)"),
		 changed, removed);
	wattron(w, ui_style(ST_WARN));
	y = detail_line(w, y, wd, _("Changed"), buf);
	wattroff(w, ui_style(ST_WARN));
	return y;
}

/* ---- participations ---- */

/* Whether the participation's session is still to come (today before its
 * start): nobody has completed it, or failed to turn up, yet. */
static int not_begun(const part_rec *r)
{
	char today[11];
	return date_today(today) == 0 && strcmp(today, r->starts) < 0;
}

const char *cycle_part_why_not(int action, int64_t part_id)
{
	static char why[300];
	const part_rec *r = kept_of(&part_kept, part_id);
	if (!r || (action != A_COMPLETE && action != A_NOSHOW) || !cycle_leads(r->staff_id) ||
	    strcmp(r->status, "enrolled") || !not_begun(r))
		return NULL;
	char d[11];
	date_format(r->starts, d);
	snprintf(why, sizeof why, action == A_NOSHOW
		 ? _("The session starts %s: a no-show can be recorded from that day.")
		 : _("The session starts %s: it can be marked completed from that day."), d);
	return why;
}

int cycle_part_allowed(int action, int64_t part_id)
{
	const part_rec *r = kept_of(&part_kept, part_id);
	if (!r)
		return 0;
	switch (action) {
	case A_APPROVE: case A_REJECT: return cycle_leads(r->staff_id) && !strcmp(r->status, "requested");
	case A_COMPLETE: case A_NOSHOW:
		return cycle_leads(r->staff_id) && !strcmp(r->status, "enrolled") && !not_begun(r);
	case A_CANCEL: {
		char word[16];
		snprintf(word, sizeof word, " %s ", r->status);
		return (is_me(r->staff_id) || cycle_leads(r->staff_id)) &&
		       strstr(" requested approved enrolled waitlisted ", word) != NULL;
	}
	case A_PRICE: return cycle_leads(r->staff_id);
	case A_FOLLOWUP: case A_FU_COLLEAGUES: return r->followup_id != 0;
	case A_FU_SESSION: return r->followup_id && cycle_leads(r->staff_id); /* the follow-up's person */
	}
	return 0;
}

/* "Konflikthåndtering, 01-12-2026" for titles and questions. */
static void part_name(const part_rec *r, char *buf, size_t size)
{
	char d[11];
	date_format(r->starts, d);
	snprintf(buf, size, "%s, %s", r->activity_title, d);
}

enum { TX_TEXT, TX_COUNT };

struct text_step {
	int64_t id;
	int reject;
};

static kcode save_decision(void *ctx, form *f, int *bad, kerr *e)
{
	struct text_step *t = ctx;
	*bad = TX_TEXT;
	const char *text = form_value(f, TX_TEXT)->text;
	return t->reject ? part_reject_at(app->db, &app->who, t->id, form_version(f), text, e)
			 : part_approve_at(app->db, &app->who, t->id, form_version(f), text, e);
}

/* The participation as saved now: another leader's decision shows with
 * its reason or note. */
static kcode reload_decision(void *ctx, form *into, int64_t *version, kerr *e)
{
	const struct text_step *t = ctx;
	part_rec cur;
	if (part_get(app->db, &app->who, t->id, &cur, e))
		return e->code;
	*version = cur.version;
	if (into)
		form_set_text(into, TX_TEXT, t->reject ? cur.reason : cur.note);
	part_free(&cur);
	return KE_OK;
}

/* Approve (an optional note) or reject (a reason, required). */
static int decide(const part_rec *r, int reject)
{
	char title[400], what[300];
	part_name(r, what, sizeof what);
	snprintf(title, sizeof title, reject ? _("Reject %s's request: %s") : _("Approve %s's request: %s"),
		 r->staff_name, what);
	fdesc fs[TX_COUNT] = {
		[TX_TEXT] = reject ? (fdesc){ _("Reason"), FK_TEXTAREA, 1, 2000, 0, 0, NULL, NULL,
					      _("Required: the person reads it in their overview"), .col = "reason" }
				   : (fdesc){ _("Note"), FK_TEXTAREA, 0, 2000, 0, 0, NULL, NULL,
					      _("Optional: a word to the person"), .col = "note" },
	};
	form *f = form_new(reject ? "part-reject" : "part-approve", title, fs, TX_COUNT);
	if (!f)
		return 0;
	struct text_step t = { r->id, reject };
	form_set_record(f, r->id, r->version);
	form_set_reload(f, reload_decision, &t);
	int done = form_run(f, save_decision, &t);
	form_free(f);
	if (!done)
		return 0;
	part_rec now;
	kerr e;
	if (reject) {
		ui_msg(ST_OK, _("%s's request is rejected."), r->staff_name);
	} else if (part_get(app->db, &app->who, r->id, &now, &e) == KE_OK) {
		if (!strcmp(now.status, "waitlisted"))
			ui_msg(ST_WARN, _("Approved, but the session is full: %s is number %d on the waiting list."),
			       now.staff_name, now.wait_pos);
		else
			ui_msg(ST_OK, _("Approved: %s has a seat."), now.staff_name);
		part_free(&now);
	}
	return 1;
}

static int complete(const part_rec *r, int noshow)
{
	char q[500], what[300];
	part_name(r, what, sizeof what);
	snprintf(q, sizeof q, noshow ? _("Record that %s did not turn up for %s?")
				     : _("Mark %s as having completed %s? A follow-up is created."),
		 r->staff_name, what);
	if (!ui_confirm(q))
		return 0;
	kerr e;
	if (ui_failed(part_complete(app->db, &app->who, r->id, noshow, &e), &e))
		return 0;
	part_rec now;
	if (noshow) {
		ui_msg(ST_OK, _("%s is recorded as not turning up."), r->staff_name);
	} else if (part_get(app->db, &app->who, r->id, &now, &e) == KE_OK) {
		char d[11];
		date_format(now.fu_due, d);
		ui_msg(ST_OK, _("Completed. The follow-up is due %s."), d);
		part_free(&now);
	}
	return 1;
}

/* Seats and waiting list of a session, to tell who moved up. */
static int waiting_on(int64_t session_id)
{
	session_rec s;
	kerr e;
	if (session_get(app->db, &app->who, session_id, &s, &e))
		return -1;
	int w = s.waiting;
	session_free(&s);
	return w;
}

static int cancel(const part_rec *r)
{
	char q[500], what[300];
	part_name(r, what, sizeof what);
	if (is_me(r->staff_id))
		snprintf(q, sizeof q, _("Cancel your place on %s?"), what);
	else
		snprintf(q, sizeof q, _("Cancel %s's place on %s?"), r->staff_name, what);
	if (!ui_confirm(q))
		return 0;
	int before = waiting_on(r->session_id);
	kerr e;
	if (ui_failed(part_cancel(app->db, &app->who, r->id, &e), &e))
		return 0;
	int after = waiting_on(r->session_id);
	if (before > 0 && after >= 0 && after < before)
		ui_msg(ST_OK, "%s", _("Cancelled. The first on the waiting list has the seat now."));
	else
		ui_msg(ST_OK, "%s", _("Cancelled."));
	return 1;
}

enum { PR_PRICE, PR_COUNT };

static kcode save_price(void *ctx, form *f, int *bad, kerr *e)
{
	const part_rec *r = ctx;
	*bad = PR_PRICE;
	return part_set_price(app->db, &app->who, r->id, form_version(f), form_value(f, PR_PRICE)->num, e);
}

static kcode reload_price(void *ctx, form *into, int64_t *version, kerr *e)
{
	part_rec cur;
	if (part_get(app->db, &app->who, ((const part_rec *)ctx)->id, &cur, e))
		return e->code;
	*version = cur.version;
	if (into)
		form_set_num(into, PR_PRICE, cur.price);
	part_free(&cur);
	return KE_OK;
}

static int price(const part_rec *r)
{
	char title[400], what[300];
	part_name(r, what, sizeof what);
	snprintf(title, sizeof title, _("Price of %s's place: %s"), r->staff_name, what);
	fdesc fs[PR_COUNT] = {
		[PR_PRICE] = { _("Price"), FK_MONEY, 1, 0, 0, 10000000, NULL, NULL,
			       _("Whole kroner; it starts as the activity's price per person"), .col = "price" },
	};
	form *f = form_new("part-price", title, fs, PR_COUNT);
	if (!f)
		return 0;
	form_set_record(f, r->id, r->version);
	form_set_reload(f, reload_price, (void *)r);
	form_set_num(f, PR_PRICE, r->price);
	int done = form_run(f, save_price, (void *)r);
	form_free(f);
	if (done)
		ui_msg(ST_OK, "%s", _("Saved."));
	return done;
}

int cycle_part_act(int action, int64_t part_id)
{
	part_rec r;
	kerr e;
	if (ui_failed(part_get(app->db, &app->who, part_id, &r, &e), &e))
		return UI_NOTHING;
	int changed = 0;
	switch (action) {
	case A_APPROVE: changed = decide(&r, 0); break;
	case A_REJECT: changed = decide(&r, 1); break;
	case A_COMPLETE: changed = complete(&r, 0); break;
	case A_NOSHOW: changed = complete(&r, 1); break;
	case A_CANCEL: changed = cancel(&r); break;
	case A_PRICE: changed = price(&r); break;
	case A_FOLLOWUP: case A_FU_COLLEAGUES: case A_FU_SESSION:
		if (!r.followup_id)
			ui_msg(ST_WARN, "%s", _("A follow-up is made when the participation is completed."));
		else if (action == A_FOLLOWUP)
			changed = cycle_followup_edit(r.followup_id) != UI_NOTHING;
		else if (action == A_FU_COLLEAGUES)
			changed = cycle_followup_colleagues(r.followup_id) != UI_NOTHING;
		else
			changed = cycle_followup_session(r.followup_id) != UI_NOTHING;
		break;
	}
	part_free(&r);
	return changed ? UI_RELOAD_ALL : UI_NOTHING;
}

/* Reopens a step's form for its draft (ui_live.h). */
int cycle_resume(const char *form, int64_t id)
{
	if (!strcmp(form, "plan-evaluate"))
		plan_act(A_EVALUATE, id, 1);
	else if (!strcmp(form, "part-approve"))
		cycle_part_act(A_APPROVE, id);
	else if (!strcmp(form, "part-reject"))
		cycle_part_act(A_REJECT, id);
	else if (!strcmp(form, "part-price"))
		cycle_part_act(A_PRICE, id);
	else
		return 0;
	return 1;
}
