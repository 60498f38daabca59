/* ui_panes.c — see ui_panes.h: the tables the shell and the cycle steps
 * run on, naming the views of this layer. */
#include "ui_panes.h"
#include "i18n.h"
#include "ui_cycle.h"
#include "ui_view_access.h"
#include "ui_view_activity.h"
#include "ui_view_admin.h"
#include "ui_view_delays.h"
#include "ui_view_history.h"
#include "ui_view_overview.h"
#include "ui_view_parts.h"
#include "ui_view_plan.h"
#include "ui_view_report.h"
#include "ui_view_report_menu.h"
#include "ui_view_staff.h"

/* In tab order; their keys are listed in the help next to the actions. */
static const ui_pane panes[] = {
	{ '0', N_("Overview"), view_overview_new },
	{ '1', N_("Staff"), view_staff_new },
	{ '2', N_("Plans"), view_plans_new },
	{ '3', N_("Activities"), view_activities_new },
	{ '4', N_("Reports"), view_reports_new },
};

/* Every view that keeps drafts of its forms. */
static const live_resume_fn resumers[] = {
	view_staff_resume, view_plan_resume, view_activity_resume, view_admin_resume, cycle_resume, NULL,
};

static const ui_top top = {
	.panes = panes,
	.npanes = (int)(sizeof panes / sizeof *panes),
	.admin = view_admin_new,
	.history = view_history_new,
	.resumers = resumers,
};

/* Every kind of view, in the order the manual describes them. */
static const view_kind *const kinds[] = {
	view_overview_kinds, view_staff_kinds, view_plan_kinds, view_activity_kinds, view_parts_kinds,
	view_report_menu_kinds, view_report_kinds, view_admin_kinds, view_delays_kinds, view_history_kinds,
	view_access_kinds, NULL,
};

void ui_keys_list(FILE *f)
{
	ui_shell_keys(f, &top, kinds);
}

static const cycle_hooks hooks = { .open_plan = view_plan_open };

int ui_main(ui_app *a)
{
	cycle_set_hooks(&hooks);
	return ui_shell_run(a, &top);
}

int ui_bench_open(ui_app *a)
{
	cycle_set_hooks(&hooks);
	return ui_shell_open(a, &top);
}

/* The panes are known before anything is opened: the benchmark lists its
 * operations from them. */
int ui_bench_panes(void)
{
	return top.npanes;
}

const char *ui_bench_pane_name(int pane)
{
	return pane >= 0 && pane < top.npanes ? top.panes[pane].name : "";
}
