/* ui_view_overview.h — pane 0, Overblik: what needs doing now
 * (ui_view_overview.c). The view is owned by the shell once pushed. */
#ifndef KUP_UI_VIEW_OVERVIEW_H
#define KUP_UI_VIEW_OVERVIEW_H

#include "ui_shell.h"

view *view_overview_new(void);

#endif
