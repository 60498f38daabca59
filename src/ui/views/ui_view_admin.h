/* ui_view_admin.h — the registers admins keep: units, professions,
 * competence and focus areas (ui_view_admin.c). Views are owned by the
 * shell once pushed. */
#ifndef KUP_UI_VIEW_ADMIN_H
#define KUP_UI_VIEW_ADMIN_H

#include "ui_shell.h"

view *view_admin_new(void);
/* Reopens a register form for a draft chosen at the start. */
int view_admin_resume(const char *form, int64_t id);

/* The kinds of view here, for `kup help --keys`. */
extern const view_kind view_admin_kinds[];

#endif
