/* ui_view_report_menu.h — pane 4, Rapporter: the list of reports
 * (ui_view_report_menu.c). The view is owned by the shell once pushed. */
#ifndef KUP_UI_VIEW_REPORT_MENU_H
#define KUP_UI_VIEW_REPORT_MENU_H

#include "ui_shell.h"

view *view_reports_new(void);

/* The kinds of view here, for `kup help --keys`. */
extern const view_kind view_report_menu_kinds[];

#endif
