/* ui_view_delays.h — admin register: the follow-up delay per activity
 * method (ui_view_delays.c). The view is owned by the shell once pushed. */
#ifndef KUP_UI_VIEW_DELAYS_H
#define KUP_UI_VIEW_DELAYS_H

#include "ui_shell.h"

view *view_fu_delays_new(void);

/* The kinds of view here, for `kup help --keys`. */
extern const view_kind view_delays_kinds[];

#endif
