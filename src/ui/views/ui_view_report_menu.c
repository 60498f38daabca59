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
	ACTION_OPEN(N_("Show"), N_("Run the report for the year shown and open it")),
	ACTION_END,
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
	/* the kinds that match, kind k with key pos_key(k) and id k + 1 */
	char keys[REP_COUNT][16];
	mkey m[REP_COUNT];
	int nm = 0;
	for (int k = 0; k < REP_COUNT; k++)
		if (!filter || !filter[0] || pick_matches(report_title((kreport)k), filter) ||
		    pick_matches(report_about((kreport)k), filter)) {
			pos_key(k, keys[k], sizeof keys[k]);
			m[nm++] = (mkey){ keys[k], k + 1, k };
		}
	int first, got = mem_page(m, nm, key, id, backward, n, &first);
	for (int i = 0; i < got; i++) {
		kreport k = (kreport)m[first + i].idx;
		char text[1024];
		const char *t[2] = { report_title(k), report_about(k) };
		int w[2] = { 20, width - 21 };
		columns(text, sizeof text, 2, t, w);
		if (lrow_set(&out[i], k + 1, m[first + i].key, text, ST_NORMAL))
			return lrow_fail(out, i, e);
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
	.title = N_("Reports"), .actions = menu_actions,
	.fetch = menu_fetch, .header = menu_header, .detail = menu_detail, .act = menu_act, .allowed = menu_allowed,
};

view *view_reports_new(void)
{
	return view_new(&reports_ops);
}

const view_kind view_report_menu_kinds[] = {
	{ "reports", &reports_ops },
	{ NULL, NULL },
};
