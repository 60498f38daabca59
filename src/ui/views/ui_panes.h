/* ui_panes.h — the top of the front end: which panes there are, in which
 * order, and which views keep drafts; it runs the shell with them. */
#ifndef KUP_UI_PANES_H
#define KUP_UI_PANES_H

#include "ui_shell.h"

/* Runs the front end on a until the person quits; 0, or 1 on failure. */
int ui_main(ui_app *a);
/* For tests/bench: opens the same panes without the key loop (then the
 * ui_bench_* hooks of ui_shell.h drive them). 0, or 1 on failure. */
int ui_bench_open(ui_app *a);
/* The panes, in tab order, and their names (N_()); for the benchmark. */
int ui_bench_panes(void);
const char *ui_bench_pane_name(int pane);

/* Prints every key of every screen on f (ui_shell_keys), for
 * `kup help --keys`. */
void ui_keys_list(FILE *f);

#endif
