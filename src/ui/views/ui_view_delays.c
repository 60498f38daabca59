/* ui_view_delays.c — the admin register Opfølgningsfrister: how many weeks
 * after a session ends its follow-up falls due, per activity method. A
 * short fixed list (one row per method), read whole. */
#include "ui_view_delays.h"
#include "ui_cycle.h"
#include "db_activity.h"
#include "db_cycle.h"
#include "i18n.h"
#include "ui_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const action delay_actions[] = {
	{ A_EDIT, N_("Edit"), N_("Change the number of weeks for the method"), { 'e', '\n' }, 1 },
	ACTION_END,
};

static void delay_header(view *v, char *buf, size_t size, int width)
{
	(void)v;
	int w[2] = { width - 16, 15 };
	const char *t[2] = { _("Method"), _("Weeks") };
	columns(buf, size, 2, t, w);
}

/* Rows are keyed by their place in the list (pos_key). */
static int delay_fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
		       int n, int width, lrow *out, kerr *e)
{
	(void)ctx;
	(void)filter;
	fu_delay *d;
	int count, first;
	if (fu_delay_list(app->db, &app->who, &d, &count, e))
		return -1;
	int got = pos_page(count, key, id, backward, n, &first);
	int w[2] = { width - 16, 15 };
	for (int j = 0; j < got; j++) {
		int i = first + j;
		char k[16], weeks[32], line[512];
		pos_key(i, k, sizeof k);
		snprintf(weeks, sizeof weeks, _("%d weeks"), d[i].weeks);
		const char *t[2] = { method_name(d[i].method), weeks };
		columns(line, sizeof line, 2, t, w);
		if (lrow_set(&out[j], i + 1, k, line, ST_NORMAL)) {
			free(d);
			return lrow_fail(out, j, e);
		}
	}
	free(d);
	return got;
}

/* The delay in place i of the list, read again. */
static kcode delay_at(int i, fu_delay *out, kerr *e)
{
	fu_delay *d;
	int count;
	if (fu_delay_list(app->db, &app->who, &d, &count, e))
		return e->code;
	kcode c = i >= 0 && i < count ? KE_OK
		  : kerr_set(e, KE_NOTFOUND, "%s", _("The record is gone; someone else changed it."));
	if (!c)
		*out = d[i];
	free(d);
	return c;
}

static void delay_detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	(void)v;
	fu_delay d;
	kerr e;
	if (detail_failed(w, wd, delay_at((int)sel->id - 1, &d, &e), &e))
		return;
	char buf[300];
	detail_title(w, 0, wd, method_name(d.method));
	snprintf(buf, sizeof buf, _("A follow-up falls due %d weeks after the session ends."), d.weeks);
	if (h > 1)
		ui_put(w, 1, 0, wd, buf, 1);
	if (h > 2)
		ui_put(w, 2, 0, wd, _("A change applies to activities completed from now on."), 1);
}

enum { DF_WEEKS, DF_COUNT };

static kcode save_delay(void *ctx, form *f, int *bad, kerr *e)
{
	const fu_delay *d = ctx;
	*bad = DF_WEEKS;
	return fu_delay_set(app->db, &app->who, d->method, (int)form_value(f, DF_WEEKS)->num, d->version, e);
}

/* Returns what must follow. */
static int delay_edit(int index)
{
	fu_delay d;
	kerr e;
	if (ui_failed(delay_at(index, &d, &e), &e))
		return UI_NOTHING;
	fdesc fs[DF_COUNT] = {
		[DF_WEEKS] = { _("Weeks"), FK_INT, 1, 0, 0, 104, NULL, NULL,
			       _("Weeks from the end of the session to the follow-up, 0 to 104"), .col = "weeks" },
	};
	char title[200];
	snprintf(title, sizeof title, _("Follow-up delay: %s"), method_name(d.method));
	form *f = form_new(title, fs, DF_COUNT);
	if (f)
		form_set_num(f, DF_WEEKS, d.weeks);
	return view_form_run(f, save_delay, &d);
}

static int delay_allowed(view *v, int a, const lrow *sel)
{
	(void)v;
	return a != A_EDIT || (sel && app->who.role == ROLE_ADMIN);
}

static int delay_act(view *v, int a, const lrow *sel)
{
	(void)v;
	return a == A_EDIT ? delay_edit((int)sel->id - 1) : UI_NOTHING;
}

static const view_ops fu_delays_ops = {
	.title = N_("Follow-up delays"), .actions = delay_actions,
	.fetch = delay_fetch, .header = delay_header, .detail = delay_detail, .act = delay_act, .allowed = delay_allowed,
};

view *view_fu_delays_new(void)
{
	view *v = view_new(&fu_delays_ops);
	if (!v)
		return NULL;
	snprintf(v->subtitle, sizeof v->subtitle, "%s", _("Admin"));
	return v;
}
