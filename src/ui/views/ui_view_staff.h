/* ui_view_staff.h — pane 1, Medarbejdere (ui_view_staff.c). Views are
 * owned by the shell once pushed. */
#ifndef KUP_UI_VIEW_STAFF_H
#define KUP_UI_VIEW_STAFF_H

#include "ui_shell.h"

view *view_staff_new(void);
/* Reopens a staff form for a draft chosen at the start (live_resume_fn). */
int view_staff_resume(const char *form, int64_t id);
/* The staff form's fields as made from the staff description (static; NULL
 * when the view's field order no longer matches the description). */
const struct formrec *view_staff_form(void);

/* The kinds of view here, for `kup help --keys`. */
extern const view_kind view_staff_kinds[];

#endif
