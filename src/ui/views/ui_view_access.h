/* ui_view_access.h — who has read a person's plan (ui_view_access.c): the
 * access log about one person, newest first, for the person themself and
 * admins. The view is owned by the shell once pushed. */
#ifndef KUP_UI_VIEW_ACCESS_H
#define KUP_UI_VIEW_ACCESS_H

#include "ui_shell.h"

/* The log about staff_id; name names the person in the title line. */
view *view_access_new(int64_t staff_id, const char *name);

/* The kinds of view here, for `kup help --keys`. */
extern const view_kind view_access_kinds[];

#endif
