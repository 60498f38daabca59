/* ui_view_plan.c — pane 2, Planer: the year's development plans with their
 * detail, the plan form (person, MUS date, notes), and the goals sub-view of
 * one plan where goals are added, edited, reordered and removed. */
#include "ui_view_plan.h"
#include "date.h"
#include "db_plan.h"
#include "db_staff.h"
#include "i18n.h"
#include "ui_form.h"
#include "ui_pick.h"
#include "ui_cycle.h"
#include "ui_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { A_GOAL_UP = A_VIEW, A_GOAL_DOWN, A_EDIT_PLAN };

/* The list of plans and a plan's goals offer the same steps on the plan. */
#define PLAN_STEPS \
	CYCLE_ACTION_AGREE, CYCLE_ACTION_ACCEPT, CYCLE_ACTION_EVALUATE, CYCLE_ACTION_REOPEN, CYCLE_ACTION_CARRY, \
	ACTION_PRINT_PLAN

static const action plan_actions[] = {
	ACTION_OPEN(N_("Goals"), N_("Open the plan's goals")),
	ACTION_NEW(N_("Create a plan for a person")),
	ACTION_EDIT(N_("Edit MUS date and notes")),
	ACTION_DELETE(N_("Delete"), N_("Delete a draft plan")),
	PLAN_STEPS,
	ACTION_END,
};

static const action goal_actions[] = {
	{ A_NEW, N_("New goal"), N_("Add a goal to the plan"), { 'n' }, 1 },
	{ A_EDIT, N_("Edit"), N_("Edit the goal"), { 'e', '\n' }, 1 },
	ACTION_DELETE(N_("Delete"), N_("Remove the goal")),
	{ A_GOAL_UP, N_("Move up"), N_("Move the goal up"), { 'K', '-' }, 0 },
	{ A_GOAL_DOWN, N_("Move down"), N_("Move the goal down"), { 'J', '+' }, 0 },
	{ A_EDIT_PLAN, N_("Plan"), N_("Edit the plan's MUS date and notes"), { 'm' }, 1 },
	PLAN_STEPS,
	ACTION_END,
};

/* What the person at the keyboard may do to plan id, as the data
 * layer decides it (db_plan.c): its leader (an admin, or a leader looking at
 * someone else's plan, since a leader sees only the people they lead and
 * themself) keeps the plan until it is evaluated; the person drafts goals
 * in their own plan until it is agreed. */
enum { MAY_LEAD = 1, MAY_GOALS = 2, MAY_DELETE = 4 };

static int plan_may(int64_t id)
{
	plan_rec p;
	kerr e;
	if (plan_get(app->db, &app->who, id, &p, &e))
		return 0;
	int open = strcmp(p.status, "evaluated") != 0, draft = !strcmp(p.status, "draft");
	int lead = app->who.role == ROLE_ADMIN ||
		   (app->who.role == ROLE_LEADER && p.staff_id != app->who.staff_id);
	int self = app->who.staff_id && p.staff_id == app->who.staff_id;
	plan_free(&p);
	return (lead && open ? MAY_LEAD : 0) | ((lead && open) || (self && draft) ? MAY_GOALS : 0) |
	       (lead && draft ? MAY_DELETE : 0);
}

/* ---- the plan list ---- */

static void widths(int width, int w[5])
{
	w[2] = 10; w[3] = 6; w[4] = 10;
	w[0] = (width - w[2] - w[3] - w[4] - 4) * 3 / 5;
	w[1] = width - w[0] - w[2] - w[3] - w[4] - 4;
}

static void plan_header(view *v, char *buf, size_t size, int width)
{
	(void)v;
	const char *t[5] = { _("Name"), _("Unit"), _("Status"), _("Goals"), _("MUS") };
	header_columns(buf, size, width, widths, 5, t);
}

static int plan_fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
		      int n, int width, lrow *out, kerr *e)
{
	(void)ctx;
	kpage pg = { .filter = filter, .year = app->year, .after_key = key, .after_id = id,
		     .backward = backward, .limit = n };
	plan_rec *r;
	int got, w[5];
	if (plan_list(app->db, &app->who, &pg, &r, &got, e))
		return -1;
	widths(width, w);
	for (int i = 0; i < got; i++) {
		char goals[24], mus[11], line[1024];
		snprintf(goals, sizeof goals, "%d/%d", r[i].goals_done, r[i].goals);
		date_format(r[i].mus_date, mus);
		const char *t[5] = { r[i].staff_name, r[i].unit_name, plan_status_name(r[i].status), goals, mus };
		columns(line, sizeof line, 5, t, w);
		int style = !strcmp(r[i].status, "draft") ? ST_WARN : ST_NORMAL;
		if (lrow_set(&out[i], r[i].id, r[i].sort_key, line, style)) {
			plan_rows_free(r, got);
			return lrow_fail(out, i, e);
		}
	}
	plan_rows_free(r, got);
	return got;
}

void view_plan_detail(WINDOW *w, int h, int wd, int64_t plan_id, int brief)
{
	plan_rec p;
	kerr e;
	if (detail_failed(w, wd, plan_get(app->db, &app->who, plan_id, &p, &e), &e))
		return;
	char buf[600], d[11];
	snprintf(buf, sizeof buf, "%s · %s %d", p.staff_name, _("plan"), p.year);
	int y = detail_title(w, 0, wd, buf);
	if (y < h)
		y = detail_line(w, y, wd, _("Status"), plan_status_name(p.status));
	date_format(p.mus_date, d);
	if (y < h)
		y = detail_line(w, y, wd, _("MUS date"), d[0] ? d : "–");
	char when[DATE_LOCAL_TIME_SIZE];
	if (y < h && p.agreed_at[0]) {
		date_local_time(p.agreed_at, when, sizeof when);
		snprintf(buf, sizeof buf, "%s, %s", p.agreed_by_name, when);
		y = detail_line(w, y, wd, _("Agreed by"), buf);
	}
	date_local_time(p.accepted_at, when, sizeof when);
	if (y < h && p.accepted_at[0])
		y = detail_line(w, y, wd, _("Accepted"), when);
	if (!brief) {
		if (y < h && p.notes[0])
			y = detail_line(w, y, wd, _("Notes"), p.notes);
		if (y < h && p.evaluation[0])
			y = detail_line(w, y, wd, _("Evaluation"), p.evaluation);
		y = cycle_plan_changes(w, y, h, wd, p.id);
	}
	goal_rec *g;
	int n;
	if (y < h && goal_list(app->db, &app->who, p.id, &g, &n, &e) == KE_OK) {
		y = detail_line(w, y, wd, _("Goals"), n ? "" : _("none yet"));
		for (int i = 0; i < n && y < h; i++) {
			if (brief)
				snprintf(buf, sizeof buf, "  %d. %s [%s]", i + 1, g[i].what, goal_status_name(g[i].status));
			else
				snprintf(buf, sizeof buf, "  %d. %s [%s, %s]", i + 1, g[i].what, g[i].competence_name,
					 goal_status_name(g[i].status));
			ui_put(w, y++, 0, wd, buf, 1);
		}
		goal_rows_free(g, n);
	}
	plan_free(&p);
}

static void plan_detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	(void)v;
	view_plan_detail(w, h, wd, sel->id, 0);
}

/* ---- the plan form ---- */

enum { P_PERSON, P_MUS, P_NOTES, P_COUNT };

static kcode save_plan(void *ctx, form *f, int *bad, kerr *e)
{
	plan_rec *p = ctx;
	if (!p->id)
		p->staff_id = form_value(f, P_PERSON)->id;
	snprintf(p->mus_date, sizeof p->mus_date, "%s", form_value(f, P_MUS)->iso);
	char *old = p->notes;
	p->notes = strdup(form_value(f, P_NOTES)->text ? form_value(f, P_NOTES)->text : "");
	if (!p->notes) {
		p->notes = old;
		return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	}
	free(old);
	p->version = form_version(f);
	kcode c = plan_save(app->db, &app->who, p, e);
	*bad = c == KE_EXISTS ? P_PERSON : -1;
	return c;
}

/* The plan's values into the form: to edit, and to see someone else's. */
static void fill_plan(form *f, const plan_rec *p)
{
	char d[11];
	form_set_choice(f, P_PERSON, p->staff_id, p->staff_name);
	form_set_readonly(f, P_PERSON, 1);
	date_format(p->mus_date, d);
	form_set_text(f, P_MUS, d);
	form_set_text(f, P_NOTES, p->notes);
}

/* The plan as saved now (ui_form.h form_reload_fn). */
static kcode reload_plan(void *ctx, form *into, int64_t *version, kerr *e)
{
	plan_rec cur;
	if (plan_get(app->db, &app->who, ((plan_rec *)ctx)->id, &cur, e))
		return e->code;
	*version = cur.version;
	if (into)
		fill_plan(into, &cur);
	plan_free(&cur);
	return KE_OK;
}

/* Edits plan id (0: a new plan for this year); returns the saved plan's id. */
static int64_t edit_plan(int64_t id)
{
	plan_rec p = { 0 };
	kerr e;
	if (id && ui_failed(plan_get(app->db, &app->who, id, &p, &e), &e))
		return 0;
	if (!id)
		p.year = app->year;
	fdesc fs[P_COUNT] = {
		[P_PERSON] = { _("Person"), FK_CHOICE, 1, 0, 0, 0, pick_staff, NULL, _("Type part of the name"), .col = "staff_id" },
		[P_MUS] = { _("MUS date"), FK_DATE, 0, 0, 0, 0, NULL, NULL, _("The yearly development talk, e.g. 14-03"), .col = "mus_date" },
		[P_NOTES] = { _("Notes"), FK_TEXTAREA, 0, 4000, 0, 0, NULL, NULL, NULL, .col = "notes" },
	};
	char title[200];
	if (id)
		snprintf(title, sizeof title, _("Plan %d for %s"), p.year, p.staff_name);
	else
		snprintf(title, sizeof title, _("New plan for %d"), p.year);
	form *f = form_new("plan", title, fs, P_COUNT);
	if (!f) {
		plan_free(&p);
		return 0;
	}
	form_set_year(f, p.year);
	if (id) {
		fill_plan(f, &p);
		form_set_reload(f, reload_plan, &p);
	}
	form_set_record(f, id, p.version);
	int64_t saved = view_form_run(f, save_plan, &p) ? p.id : 0;
	plan_free(&p);
	return saved;
}

void view_plan_open(int64_t plan_id)
{
	plan_rec p;
	kerr e;
	if (ui_failed(plan_get(app->db, &app->who, plan_id, &p, &e), &e))
		return;
	view *g = view_goals_new(plan_id);
	if (g)
		snprintf(g->subtitle, sizeof g->subtitle, "%s %d", p.staff_name, p.year);
	plan_free(&p);
	ui_push(g);
}

int view_plan_open_of(int64_t staff_id, int year)
{
	plan_rec p;
	kerr e;
	kcode c = plan_find(app->db, &app->who, staff_id, year, &p, &e);
	if (c == KE_NOTFOUND && cycle_leads(staff_id)) {
		staff_rec s;
		if (ui_failed(staff_get(app->db, &app->who, staff_id, &s, &e), &e))
			return UI_NOTHING;
		char q[300];
		snprintf(q, sizeof q, _("%s has no plan for %d. Create it?"), s.name, year);
		staff_free(&s);
		if (!ui_confirm(q))
			return UI_NOTHING;
		plan_rec n = { .staff_id = staff_id, .year = year };
		if ((c = plan_save(app->db, &app->who, &n, &e)) == KE_OK) {
			view_plan_open(n.id);
			return UI_RELOAD_ALL;
		}
	}
	if (c) {
		ui_msg(ST_ERROR, "%s", e.msg);
		return UI_NOTHING;
	}
	int64_t id = p.id;
	plan_free(&p);
	view_plan_open(id);
	return UI_NOTHING;
}

static kcode plan_delete_at(void *ctx, int64_t version, kerr *e)
{
	return plan_delete(app->db, &app->who, ((plan_rec *)ctx)->id, version, e);
}

static int delete_plan(int64_t id)
{
	plan_rec p;
	kerr e;
	if (ui_failed(plan_get(app->db, &app->who, id, &p, &e), &e))
		return UI_NOTHING;
	char q[300];
	snprintf(q, sizeof q, _("Delete the %d plan of %s with its %d goal(s)?"), p.year, p.staff_name, p.goals);
	int c = view_confirm_change(q, _("Delete it anyway?"), plan_delete_at, reload_plan, &p, p.version);
	if (c == KE_OK)
		ui_msg(ST_OK, "%s", _("The plan is deleted."));
	plan_free(&p);
	return c < 0 ? UI_NOTHING : UI_RELOAD_VIEW;
}

static int plan_allowed(view *v, int a, const lrow *sel)
{
	(void)v;
	switch (a) {
	case A_NEW: return app->who.role != ROLE_EMPLOYEE;
	case A_EDIT: return sel && (plan_may(sel->id) & MAY_LEAD);
	case A_DELETE: return sel && (plan_may(sel->id) & MAY_DELETE);
	case A_OPEN: return sel != NULL;
	}
	if (A_IS_PLAN_STEP(a))
		return sel && cycle_plan_allowed(a, sel->id);
	return 1;
}

static int plan_act(view *v, int a, const lrow *sel)
{
	(void)v;
	if (A_IS_PLAN_STEP(a))
		return cycle_plan_act(a, sel->id);
	switch (a) {
	case A_OPEN: view_plan_open(sel->id); return UI_NOTHING;
	case A_PRINT_PLAN: if (sel) ui_print_plan(sel->id); return UI_NOTHING;
	case A_NEW: {
		int64_t id = edit_plan(0);
		if (id)
			view_plan_open(id);
		return id ? UI_RELOAD_ALL : UI_NOTHING;
	}
	case A_EDIT: return edit_plan(sel->id) ? UI_RELOAD_ALL : UI_NOTHING;
	case A_DELETE: return delete_plan(sel->id);
	}
	return UI_NOTHING;
}

static const view_ops plans_ops = {
	.title = N_("Plans"), .actions = plan_actions,
	.fetch = plan_fetch, .header = plan_header, .detail = plan_detail, .act = plan_act, .allowed = plan_allowed,
	.table = "plan",
};

view *view_plans_new(void)
{
	return view_new(&plans_ops);
}

/* ---- the goals of one plan ---- */

static void goal_header(view *v, char *buf, size_t size, int width)
{
	(void)v;
	int w[4] = { 3, width - 3 - 16 - 12 - 3, 16, 12 };
	const char *t[4] = { "#", _("Goal"), _("Competence"), _("Status") };
	columns(buf, size, 4, t, w);
}

/* A plan has a handful of goals, so they are read whole and the window
 * is cut out of them; the key is the position, zero-padded. */
static int goal_fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
		      int n, int width, lrow *out, kerr *e)
{
	view *v = ctx;
	goal_rec *g;
	int count;
	(void)filter;
	if (goal_list(app->db, &app->who, v->parent_id, &g, &count, e))
		return -1;
	int w[4] = { 3, width - 3 - 16 - 12 - 3, 16, 12 };
	char keys[count ? count : 1][16];
	mkey k[count ? count : 1];
	for (int i = 0; i < count; i++) {
		pos_key(i, keys[i], sizeof keys[i]);
		k[i] = (mkey){ keys[i], g[i].id, i };
	}
	int first, got = mem_page(k, count, key, id, backward, n, &first);
	for (int j = 0; j < got; j++) {
		int i = first + j;
		char num[16], line[1024];
		snprintf(num, sizeof num, "%d", i + 1);
		const char *t[4] = { num, g[i].what, g[i].competence_name, goal_status_name(g[i].status) };
		columns(line, sizeof line, 4, t, w);
		int style = !strcmp(g[i].status, "done") ? ST_OK : ST_NORMAL;
		if (cycle_goal_changed(g[i].id)) { /* changed after agreement */
			snprintf(num, sizeof num, "%d*", i + 1);
			columns(line, sizeof line, 4, t, w);
			style = ST_WARN;
		}
		if (lrow_set(&out[j], g[i].id, keys[i], line, style)) {
			goal_rows_free(g, count);
			return lrow_fail(out, j, e);
		}
	}
	goal_rows_free(g, count);
	return got;
}

static void goal_detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	(void)v;
	goal_rec g;
	kerr e;
	if (detail_failed(w, wd, goal_get(app->db, &app->who, sel->id, &g, &e), &e))
		return;
	char d[11];
	int y = 0;
	y = detail_title(w, y, wd, g.what);
	if (y < h) y = detail_line(w, y, wd, _("Competence"), g.competence_name);
	if (y < h) y = detail_line(w, y, wd, _("Focus area"), g.focus_title[0] ? g.focus_title : "–");
	if (y < h) y = detail_line(w, y, wd, _("Why"), g.why[0] ? g.why : "–");
	if (y < h) y = detail_line(w, y, wd, _("Success criteria"), g.criteria[0] ? g.criteria : "–");
	date_format(g.deadline, d);
	if (y < h) y = detail_line(w, y, wd, _("Deadline"), d[0] ? d : "–");
	if (y < h) y = detail_line(w, y, wd, _("Status"), goal_status_name(g.status));
	if (y < h && g.carried_from) y = detail_line(w, y, wd, _("Carried over"), _("from last year's plan"));
	if (y < h && g.result[0]) y = detail_line(w, y, wd, _("Result"), g.result);
	y = cycle_goal_changes(w, y, h, wd, g.id);
	goal_free(&g);
}

enum { G_WHAT, G_WHY, G_CRITERIA, G_COMPETENCE, G_FOCUS, G_DEADLINE, G_STATUS, G_RESULT, G_COUNT };

static kcode save_goal(void *ctx, form *f, int *bad, kerr *e)
{
	goal_rec *g = ctx;
	goal_rec n = *g;
	n.what = strdup(form_value(f, G_WHAT)->text ? form_value(f, G_WHAT)->text : "");
	n.why = strdup(form_value(f, G_WHY)->text ? form_value(f, G_WHY)->text : "");
	n.criteria = strdup(form_value(f, G_CRITERIA)->text ? form_value(f, G_CRITERIA)->text : "");
	n.result = strdup(form_value(f, G_RESULT)->text ? form_value(f, G_RESULT)->text : "");
	n.competence_id = form_value(f, G_COMPETENCE)->id;
	n.focus_id = form_value(f, G_FOCUS)->id;
	snprintf(n.deadline, sizeof n.deadline, "%s", form_value(f, G_DEADLINE)->iso);
	int st = (int)form_value(f, G_STATUS)->id;
	snprintf(n.status, sizeof n.status, "%s", st > 0 ? goal_statuses[st - 1] : "open");
	n.version = form_version(f);
	kcode c = n.what && n.why && n.criteria && n.result ? goal_save(app->db, &app->who, &n, e)
							    : kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	*bad = -1;
	if (!c) {
		g->id = n.id;
		g->version = n.version;
	}
	free(n.what);
	free(n.why);
	free(n.criteria);
	free(n.result);
	return c;
}

/* The goal's values into the form: to edit, and to see someone else's. */
static void fill_goal(form *f, const goal_rec *g)
{
	char d[11];
	form_set_text(f, G_WHAT, g->what);
	form_set_text(f, G_WHY, g->why);
	form_set_text(f, G_CRITERIA, g->criteria);
	form_set_choice(f, G_COMPETENCE, g->competence_id, g->competence_name);
	if (g->focus_id)
		form_set_choice(f, G_FOCUS, g->focus_id, g->focus_title);
	date_format(g->deadline, d);
	form_set_text(f, G_DEADLINE, d);
	for (int i = 0; goal_statuses[i]; i++)
		if (!strcmp(goal_statuses[i], g->status))
			form_set_choice(f, G_STATUS, i + 1, goal_status_name(g->status));
	form_set_text(f, G_RESULT, g->result);
}

/* The goal as saved now (ui_form.h form_reload_fn). */
static kcode reload_goal(void *ctx, form *into, int64_t *version, kerr *e)
{
	goal_rec cur;
	if (goal_get(app->db, &app->who, ((goal_rec *)ctx)->id, &cur, e))
		return e->code;
	*version = cur.version;
	if (into)
		fill_goal(into, &cur);
	goal_free(&cur);
	return KE_OK;
}

/* Goal id (0: a new one) of plan plan_id; v, the goals view, may be NULL
 * (a draft reopened at the start). Returns what must follow. */
static int edit_goal(view *v, int64_t plan_id, int64_t id)
{
	goal_rec g = { 0 };
	kerr e;
	if (id && ui_failed(goal_get(app->db, &app->who, id, &g, &e), &e))
		return UI_NOTHING;
	g.plan_id = plan_id;
	plan_rec p;
	int year = app->year;
	if (plan_get(app->db, &app->who, plan_id, &p, &e) == KE_OK) {
		year = p.year;
		plan_free(&p);
	}
	fdesc fs[G_COUNT] = {
		[G_WHAT] = { _("Goal"), FK_TEXTAREA, 1, 2000, 0, 0, NULL, NULL, _("What the person will be able to do"), .col = "what" },
		[G_WHY] = { _("Why"), FK_TEXTAREA, 0, 2000, 0, 0, NULL, NULL, NULL, .col = "why" },
		[G_CRITERIA] = { _("Success criteria"), FK_TEXTAREA, 0, 2000, 0, 0, NULL, NULL, _("How we will know it is reached"), .col = "criteria" },
		[G_COMPETENCE] = { _("Competence"), FK_CHOICE, 1, 0, 0, 0, pick_competence, NULL, NULL, .col = "competence_id" },
		[G_FOCUS] = { _("Focus area"), FK_CHOICE, 0, 0, 0, 0, pick_focus, &year, _("Optional: one of the year's focus areas"), .col = "focus_id" },
		[G_DEADLINE] = { _("Deadline"), FK_DATE, 0, 0, 0, 0, NULL, NULL, _("A day in the plan's year, e.g. 30-06"), .col = "deadline" },
		[G_STATUS] = { _("Status"), FK_CHOICE, 1, 0, 0, 0, pick_goal_status, NULL, NULL, .col = "status" },
		[G_RESULT] = { _("Result"), FK_TEXTAREA, 0, 2000, 0, 0, NULL, NULL,
			       _("At the evaluation: what was reached"), .col = "result" },
	};
	form *f = form_new(id ? "goal" : "goal-new", id ? _("Edit goal") : _("New goal"), fs, G_COUNT);
	if (!f) {
		goal_free(&g);
		return UI_NOTHING;
	}
	form_set_year(f, year);
	if (id) {
		fill_goal(f, &g);
		form_set_reload(f, reload_goal, &g);
		form_set_record(f, id, g.version);
	} else {
		for (int i = 0; goal_statuses[i]; i++)
			if (!strcmp(goal_statuses[i], "open"))
				form_set_choice(f, G_STATUS, i + 1, goal_status_name("open"));
		form_set_record(f, plan_id, 0);
	}
	int what = view_form_run(f, save_goal, &g);
	if (what && !id && v) /* a new goal goes last */
		list_end(&v->list);
	goal_free(&g);
	return what;
}

static kcode goal_delete_at(void *ctx, int64_t version, kerr *e)
{
	return goal_delete(app->db, &app->who, ((goal_rec *)ctx)->id, version, e);
}

static int delete_goal(int64_t id)
{
	goal_rec g;
	kerr e;
	if (ui_failed(goal_get(app->db, &app->who, id, &g, &e), &e))
		return UI_NOTHING;
	char q[400];
	snprintf(q, sizeof q, _("Remove the goal \"%s\"?"), g.what);
	int c = view_confirm_change(q, _("Remove it anyway?"), goal_delete_at, reload_goal, &g, g.version);
	if (c == KE_OK)
		ui_msg(ST_OK, "%s", _("The goal is removed."));
	goal_free(&g);
	return c < 0 ? UI_NOTHING : UI_RELOAD_ALL;
}

static int goal_allowed(view *v, int a, const lrow *sel)
{
	(void)v;
	switch (a) { /* as the data layer decides (plan_may) */
	case A_NEW: return (plan_may(v->parent_id) & MAY_GOALS) != 0;
	case A_EDIT: case A_DELETE: case A_GOAL_UP: case A_GOAL_DOWN:
		return sel && (plan_may(v->parent_id) & MAY_GOALS);
	case A_EDIT_PLAN: return (plan_may(v->parent_id) & MAY_LEAD) != 0;
	}
	if (A_IS_PLAN_STEP(a)) /* the steps of the plan these goals are in */
		return cycle_plan_allowed(a, v->parent_id);
	return 1;
}

static int goal_act(view *v, int a, const lrow *sel)
{
	kerr e;
	if (A_IS_PLAN_STEP(a))
		return cycle_plan_act(a, v->parent_id);
	switch (a) {
	case A_NEW: return edit_goal(v, v->parent_id, 0);
	case A_EDIT: return edit_goal(v, v->parent_id, sel->id);
	case A_DELETE: return delete_goal(sel->id);
	case A_EDIT_PLAN: return edit_plan(v->parent_id) ? UI_RELOAD_ALL : UI_NOTHING;
	case A_PRINT_PLAN: ui_print_plan(v->parent_id); return UI_NOTHING;
	case A_GOAL_UP: case A_GOAL_DOWN:
		if (goal_move(app->db, &app->who, sel->id, a == A_GOAL_UP ? -1 : 1, &e)) {
			ui_msg(ST_ERROR, "%s", e.msg);
			return UI_NOTHING;
		}
		return UI_RELOAD_VIEW; /* the selection follows the goal by id */
	}
	return UI_NOTHING;
}

/* Reopens a form for its draft (ui_live.h). */
int view_plan_resume(const char *form, int64_t id)
{
	goal_rec g;
	kerr e;
	if (!strcmp(form, "plan")) {
		edit_plan(id);
	} else if (!strcmp(form, "goal-new")) {
		edit_goal(NULL, id, 0);
	} else if (!strcmp(form, "goal")) {
		if (goal_get(app->db, &app->who, id, &g, &e) == KE_OK) {
			edit_goal(NULL, g.plan_id, id);
			goal_free(&g);
		} else {
			ui_msg(ST_ERROR, "%s", e.msg);
		}
	} else {
		return 0;
	}
	return 1;
}

static const view_ops goals_ops = {
	.title = N_("Plan"), .actions = goal_actions,
	.fetch = goal_fetch, .header = goal_header, .detail = goal_detail, .act = goal_act, .allowed = goal_allowed,
	.table = "goal",
};

view *view_goals_new(int64_t plan_id)
{
	return view_new_of(&goals_ops, plan_id);
}

const view_kind view_plan_kinds[] = {
	{ "plans", &plans_ops },
	{ "goals", &goals_ops },
	{ NULL, NULL },
};
