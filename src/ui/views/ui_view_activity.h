/* ui_view_activity.h — pane 3, Aktiviteter, and the sessions of one
 * activity (ui_view_activity.c). Views are owned by the shell once pushed. */
#ifndef KUP_UI_VIEW_ACTIVITY_H
#define KUP_UI_VIEW_ACTIVITY_H

#include "ui_shell.h"

view *view_activities_new(void);
view *view_sessions_new(int64_t activity_id);
/* Reopens an activity or session form for a draft chosen at the start. */
int view_activity_resume(const char *form, int64_t id);

/* The kinds of view here, for `kup help --keys`. */
extern const view_kind view_activity_kinds[];

#endif
