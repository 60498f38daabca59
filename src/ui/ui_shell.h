/* ui_shell.h — the frame of the front end: the main loop, the panes and
 * the stack of views in each, the key bar, help and filter prompt. It knows
 * no view by name: the top (ui/views/ui_panes.c) hands it a table of panes
 * and of the views behind the global keys. Views pushed here are owned by
 * the shell from then on. */
#ifndef KUP_UI_SHELL_H
#define KUP_UI_SHELL_H

#include "ui_live.h"
#include "ui_view.h"

#define UI_MAX_PANES 8

typedef struct ui_pane {
	int key;          /* '0'...: shows the pane */
	const char *name; /* N_() */
	view *(*make)(void);
} ui_pane;

/* What the top tells the shell; it lives as long as the front end. */
typedef struct ui_top {
	const ui_pane *panes; /* in tab order; the first is the first screen */
	int npanes;           /* at most UI_MAX_PANES */
	view *(*admin)(void); /* the registers (key a, admins) */
	/* The audit history of row id of table; what names the record. */
	view *(*history)(const char *table, int64_t id, const char *what);
	const live_resume_fn *resumers; /* NULL-ended, for drafts */
} ui_top;

/* Runs the front end on a until the person quits; 0, or 1 when the panes
 * could not be made. */
int ui_shell_run(ui_app *a, const ui_top *top);

/* Opens v on top of the current pane (the shell owns it from now on). */
void ui_push(view *v);
/* Switches to a top-level pane (0-based) and shows the record (key,id). */
void ui_show_in_pane(int pane, const char *key, int64_t id);
/* The index of the pane shown by key ('1'...), -1 if none. */
int ui_pane_index(int key);

/* Prints every key on f, a line each: the kind of view ("global" for the
 * keys of every screen and the panes, else a view_kind's name), its keys
 * as the help names them (", " between), its key bar word and its help
 * line, tab-separated. kinds: NULL-ended tables of the views' kinds. */
void ui_shell_keys(FILE *f, const ui_top *top, const view_kind *const kinds[]);

/* Benchmark hooks (tests/bench): the panes, key dispatch and drawing of the
 * main loop one step at a time, without the key loop. ui_shell_open opens
 * the panes of top without starting curses. */
int ui_shell_open(ui_app *a, const ui_top *top);
void ui_bench_frame(int pane);
void ui_bench_key(int key);
void ui_bench_filter(const char *text);
int64_t ui_bench_selected(void);
void ui_bench_close(void);

#endif
