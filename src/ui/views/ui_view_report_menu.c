/* ui_view_report_menu.c — pane 4, Rapporter: the list of the management
 * reports, one line each with what it shows; Enter runs the report and
 * opens it (ui_view_report.c). The pane opens on this list rather than on a
 * report because a report adds up everyone in the person's scope — half a
 * second for an administrator of 100 000 staff — and the pane must open as
 * fast as the others; a report is run when asked for. */
#include "ui_view_report_menu.h"
#include "ui_view_report.h"
#include "db_report.h"
#include "i18n.h"
#include "text.h"
#include "ui_pick.h"

#include <stdio.h>
#include <stdlib.h>

static const action menu_actions[] = {
	{ A_OPEN, N_("Show"), N_("Run the report for the year shown and open it"), { '\n', KEY_RIGHT }, 1 },
	{ 0, NULL, NULL, { 0 }, 0 },
};

static void menu_header(view *v, char *buf, size_t size, int width)
{
	(void)v;
	const char *t[2] = { _("Report"), _("Shows") };
	int w[2] = { 20, width - 21 };
	columns(buf, size, 2, t, w);
}

/* The rows are the report kinds in their fixed order; the key is the
 * position, zero-padded, as the list widget pages by key. */
static int menu_fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
		      int n, int width, lrow *out, kerr *e)
{
	(void)ctx;
	if (report_may(&app->who, e))
		return -1;
	int pos = key ? atoi(key) : backward ? REP_COUNT : -1;
	/* kind k has key k and id k + 1: (key, id) before it includes it (the
	 * list reloads from (top key, top id - 1)) */
	if (key && (backward ? id > pos + 1 : id <= pos))
		pos += backward ? 1 : -1;
	/* the matching kinds after (or before) pos, handed back in list order */
	int pick[REP_COUNT], np = 0;
	for (int k = backward ? pos - 1 : pos + 1; k >= 0 && k < REP_COUNT && np < n; k += backward ? -1 : 1)
		if (!filter || !filter[0] || pick_matches(report_title((kreport)k), filter) ||
		    pick_matches(report_about((kreport)k), filter))
			pick[np++] = k;
	int got = 0;
	for (int i = 0; i < np; i++) {
		int k = backward ? pick[np - 1 - i] : pick[i];
		char kbuf[16], text[1024];
		const char *t[2] = { report_title((kreport)k), report_about((kreport)k) };
		int w[2] = { 20, width - 21 };
		snprintf(kbuf, sizeof kbuf, "%08d", k);
		columns(text, sizeof text, 2, t, w);
		if (lrow_set(&out[got], k + 1, kbuf, text, ST_NORMAL))
			return lrow_fail(out, got, e);
		got++;
	}
	return got;
}

static void menu_detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	(void)v;
	if (!sel || sel->id < 1 || sel->id > REP_COUNT)
		return;
	kreport k = (kreport)(sel->id - 1);
	char buf[256];
	int y = 0;
	snprintf(buf, sizeof buf, "%s %d", report_title(k), app->year);
	y = detail_title(w, y, wd, buf);
	if (y < h)
		ui_put(w, y++, 0, wd, report_about(k), 1);
	if (y < h)
		ui_put(w, y++, 0, wd, _("Enter runs it for all units; u in the report chooses a unit."), 1);
	if (y < h)
		ui_put(w, y, 0, wd, _("The same figures: kup report on the command line."), 1);
}

static int menu_act(view *v, int a, const lrow *sel)
{
	(void)v;
	if (a != A_OPEN || !sel)
		return UI_NOTHING;
	view *rv = view_report_new((int)sel->id - 1);
	if (rv)
		snprintf(rv->subtitle, sizeof rv->subtitle, "%s", report_title((kreport)(sel->id - 1)));
	ui_push(rv);
	return UI_NOTHING;
}

static int menu_allowed(view *v, int a, const lrow *sel)
{
	(void)v;
	if (a != A_OPEN)
		return 1;
	return app->who.role != ROLE_EMPLOYEE && sel != NULL;
}

static const view_ops reports_ops = {
	.title = N_("Reports"),
	.actions = menu_actions,
	.fetch = menu_fetch,
	.header = menu_header,
	.detail = menu_detail,
	.act = menu_act,
	.allowed = menu_allowed,
};

view *view_reports_new(void)
{
	return view_new(&reports_ops);
}
