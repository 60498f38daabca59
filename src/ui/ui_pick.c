/* ui_pick.c — see ui_pick.h. Matching is done by the data layer (folded,
 * accent-insensitive); static lists are matched here with text_fold. */
#include "ui_pick.h"
#include "date.h"
#include "db_activity.h"
#include "db_org.h"
#include "db_plan.h"
#include "db_staff.h"
#include "i18n.h"
#include "text.h"
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set(fchoice *c, int64_t id, const char *label)
{
	c->id = id;
	snprintf(c->label, sizeof c->label, "%s", label);
}

/* For short fixed lists: keeps the entries whose folded label holds the
 * folded filter. */
int pick_matches(const char *label, const char *filter)
{
	if (!filter || !*filter)
		return 1;
	char *l = text_fold(label), *f = text_fold(filter);
	int yes = l && f && strstr(l, f) != NULL;
	free(l);
	free(f);
	return yes;
}

/* What the data layer finds for a filter: units, professions or persons. */
enum { LISTED_UNITS, LISTED_PROFESSIONS, LISTED_STAFF };

static int pick_listed(int kind, const char *filter, fchoice *out, int max)
{
	kpage pg = { .filter = filter, .limit = max };
	unit_rec *u = NULL;
	named_rec *p = NULL;
	staff_rec *s = NULL;
	int n;
	kerr e;
	kcode c = kind == LISTED_UNITS ? unit_list(app->db, &app->who, &pg, &u, &n, &e)
		  : kind == LISTED_PROFESSIONS ? profession_list(app->db, &app->who, &pg, &p, &n, &e)
		  : staff_list(app->db, &app->who, &pg, &s, &n, &e);
	if (c)
		return -1;
	for (int i = 0; i < n; i++) {
		char label[200];
		if (kind == LISTED_UNITS) {
			set(&out[i], u[i].id, u[i].name);
		} else if (kind == LISTED_PROFESSIONS) {
			set(&out[i], p[i].id, p[i].name);
		} else {
			snprintf(label, sizeof label, "%s (%s, %s)", s[i].name, s[i].initials, s[i].unit_name);
			set(&out[i], s[i].id, label);
		}
	}
	if (kind == LISTED_UNITS)
		unit_rows_free(u, n);
	else if (kind == LISTED_PROFESSIONS)
		named_rows_free(p, n);
	else
		staff_rows_free(s, n);
	return n;
}

int pick_unit(void *ctx, const char *filter, fchoice *out, int max)
{
	(void)ctx;
	return pick_listed(LISTED_UNITS, filter, out, max);
}

int pick_profession(void *ctx, const char *filter, fchoice *out, int max)
{
	(void)ctx;
	return pick_listed(LISTED_PROFESSIONS, filter, out, max);
}

/* In krole order, so a choice's id is the role + 1, as for every code list. */
static const char *const role_codes[] = { "employee", "leader", "admin", NULL };

static const char *role_label(const char *code)
{
	krole r;
	return role_parse(code, &r) ? code : role_name(r);
}

int pick_role(void *ctx, const char *filter, fchoice *out, int max)
{
	(void)ctx;
	return pick_codes(role_codes, role_label, filter, out, max);
}

static int named_pick(kcode (*fn)(kdb *, const kactor *, int, named_rec **, int *, kerr *),
		      int year, const char *filter, fchoice *out, int max)
{
	named_rec *r;
	int n, k = 0;
	kerr e;
	if (fn(app->db, &app->who, year, &r, &n, &e))
		return -1;
	for (int i = 0; i < n && k < max; i++)
		if (pick_matches(r[i].name, filter))
			set(&out[k++], r[i].id, r[i].name);
	named_rows_free(r, n);
	return k;
}

static kcode competences(kdb *db, const kactor *who, int year, named_rec **r, int *n, kerr *e)
{
	(void)year;
	return competence_list(db, who, r, n, e);
}

int pick_competence(void *ctx, const char *filter, fchoice *out, int max)
{
	(void)ctx;
	return named_pick(competences, 0, filter, out, max);
}

int pick_focus(void *ctx, const char *filter, fchoice *out, int max)
{
	int year = ctx ? *(int *)ctx : app->year;
	return named_pick(focus_list, year, filter, out, max);
}

int pick_codes(const char *const *codes, const char *(*name)(const char *), const char *filter,
	       fchoice *out, int max)
{
	int n = 0;
	for (int i = 0; codes[i] && n < max; i++)
		if (pick_matches(name(codes[i]), filter))
			set(&out[n++], i + 1, name(codes[i]));
	return n;
}

int pick_method(void *ctx, const char *filter, fchoice *out, int max)
{
	(void)ctx;
	return pick_codes(activity_methods, method_name, filter, out, max);
}

int pick_goal_status(void *ctx, const char *filter, fchoice *out, int max)
{
	(void)ctx;
	return pick_codes(goal_statuses, goal_status_name, filter, out, max);
}

int pick_staff(void *ctx, const char *filter, fchoice *out, int max)
{
	(void)ctx;
	return pick_listed(LISTED_STAFF, filter, out, max);
}

int pick_peer_activity(void *ctx, const char *filter, fchoice *out, int max)
{
	(void)ctx;
	/* the catalogue is paged by key; the others are skipped page by page */
	char *key = NULL;
	int64_t after = 0;
	int k = 0;
	for (;;) {
		kpage pg = { .filter = filter, .after_key = key, .after_id = after, .limit = 100 };
		activity_rec *a;
		int n;
		kerr e;
		if (activity_list(app->db, &app->who, &pg, &a, &n, &e)) {
			free(key);
			return -1;
		}
		for (int i = 0; i < n && k < max; i++)
			if (!strcmp(a[i].method, "peer") || !strcmp(a[i].method, "network")) {
				char label[200];
				snprintf(label, sizeof label, "%s (%s)", a[i].title, method_name(a[i].method));
				set(&out[k++], a[i].id, label);
			}
		free(key);
		key = n ? strdup(a[n - 1].sort_key) : NULL;
		after = n ? a[n - 1].id : 0;
		activity_rows_free(a, n);
		if (n < 100 || k >= max || !key)
			break;
	}
	free(key);
	return k;
}

int pick_session(void *ctx, const char *filter, fchoice *out, int max)
{
	(void)ctx;
	/* Upcoming sessions of this year and the next, by start date; the
	 * filter narrows on the activity title. */
	int k = 0;
	for (int y = app->year; y <= app->year + 1 && k < max; y++) {
		session_rec *r;
		int n;
		kerr e;
		kpage pg = { .year = y, .filter = filter, .limit = 200 };
		if (session_list(app->db, &app->who, &pg, &r, &n, &e))
			return -1;
		for (int i = 0; i < n && k < max; i++) {
			if (!pick_matches(r[i].activity_title, filter))
				continue;
			char label[200], d[11];
			date_format(r[i].starts, d);
			int free_seats = r[i].capacity - r[i].taken;
			snprintf(label, sizeof label, "%s · %s · %s", d, r[i].activity_title,
				 free_seats > 0 ? _("seats free") : _("waiting list"));
			set(&out[k++], r[i].id, label);
		}
		session_rows_free(r, n);
	}
	return k;
}

int pick_goal(void *ctx, const char *filter, fchoice *out, int max)
{
	int64_t sid = ctx ? *(int64_t *)ctx : 0;
	plan_rec p;
	kerr e;
	if (plan_find(app->db, &app->who, sid, app->year, &p, &e))
		return e.code == KE_NOTFOUND ? 0 : -1;
	goal_rec *g;
	int n, k = 0;
	kcode c = goal_list(app->db, &app->who, p.id, &g, &n, &e);
	plan_free(&p);
	if (c)
		return -1;
	for (int i = 0; i < n && k < max; i++)
		if (pick_matches(g[i].what, filter))
			set(&out[k++], g[i].id, g[i].what);
	goal_rows_free(g, n);
	return k;
}
