/* ui_view_history.h — the audit history of one record, newest first
 * (ui_view_history.c). The view is owned by the shell once pushed. */
#ifndef KUP_UI_VIEW_HISTORY_H
#define KUP_UI_VIEW_HISTORY_H

#include "ui_shell.h"

/* Row id of table; what names the record in the title line. */
view *view_history_new(const char *table, int64_t id, const char *what);

/* The kinds of view here, for `kup help --keys`. */
extern const view_kind view_history_kinds[];

#endif
