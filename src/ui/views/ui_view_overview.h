/* ui_view_overview.h — pane 0, Overblik: what needs doing now
 * (ui_view_overview.c). The view is owned by the shell once pushed. */
#ifndef KUP_UI_VIEW_OVERVIEW_H
#define KUP_UI_VIEW_OVERVIEW_H

#include "ui_shell.h"

view *view_overview_new(void);

/* The kinds of view here, for `kup help --keys`. */
extern const view_kind view_overview_kinds[];

#endif
