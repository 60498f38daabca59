/* ui_view_parts.h — participations with their follow-ups, of one
 * session or of one person (ui_view_parts.c). Views are owned by the shell
 * once pushed. */
#ifndef KUP_UI_VIEW_PARTS_H
#define KUP_UI_VIEW_PARTS_H

#include "ui_shell.h"

/* Of session_id, or (session_id 0) of staff_id. */
view *view_parts_new(int64_t session_id, int64_t staff_id);
/* Draws participation part_id (and its follow-up) from row y on; returns
 * the next row. */
int view_part_detail(WINDOW *w, int y, int h, int wd, int64_t part_id);

/* The kinds of view here, for `kup help --keys`. */
extern const view_kind view_parts_kinds[];

#endif
