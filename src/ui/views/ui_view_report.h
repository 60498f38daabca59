/* ui_view_report.h — one report (a kreport) as a list with filters
 * (ui_view_report.c). The view is owned by the shell once pushed. */
#ifndef KUP_UI_VIEW_REPORT_H
#define KUP_UI_VIEW_REPORT_H

#include "ui_shell.h"

view *view_report_new(int kind);

/* The kinds of view here, for `kup help --keys`. */
extern const view_kind view_report_kinds[];

#endif
