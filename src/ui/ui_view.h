/* ui_view.h — views: a list with a detail of the selected row and a table of
 * actions, and the helpers their fetch and detail functions share
 * (ui_view.c). The top-level panes (1 Medarbejdere, 2 Planer, 3 Aktiviteter)
 * are views; opening a record pushes a view (a plan's goals, an activity's
 * sessions) and Esc/q pops it, as in tig. Keys are dispatched from the
 * action tables, and the help screen and key bar are generated from them. */
#ifndef KUP_UI_VIEW_H
#define KUP_UI_VIEW_H

#include "ui.h"
#include "ui_form.h"
#include "ui_list.h"

/* Action ids shared by every view; views add their own from A_VIEW on. */
enum {
	A_NONE, A_QUIT, A_HELP, A_NEXT_PANE, A_PREV_PANE,
	A_UP, A_DOWN, A_PGUP, A_PGDN, A_HOME, A_END, A_FILTER, A_BACK,
	A_YEAR_PREV, A_YEAR_NEXT, A_REFRESH,
	A_OPEN, A_NEW, A_EDIT, A_DELETE,
	A_ADMIN,   /* global, admins only */
	A_HISTORY, /* global, a record's audit history */
	A_VIEW = 100
};

typedef struct action {
	int id;
	const char *label; /* short word for the key bar, N_() */
	const char *help;  /* one line for the help screen, N_() */
	int keys[4];       /* 0-terminated; the first is shown */
	int bar;           /* shown in the key bar */
} action;

/* The rows most views' tables have, keys (and words) the same everywhere,
 * each with the view's own help line (N_()); ACTION_END ends a table. */
#define ACTION_OPEN(label, help) { A_OPEN, label, help, { '\n', KEY_RIGHT }, 1 }
#define ACTION_NEW(help) { A_NEW, N_("New"), help, { 'n' }, 1 }
#define ACTION_EDIT(help) { A_EDIT, N_("Edit"), help, { 'e' }, 1 }
#define ACTION_DELETE(label, help) { A_DELETE, label, help, { 'd' }, 1 }
#define ACTION_END { 0, NULL, NULL, { 0 }, 0 }

typedef struct view view;

/* What must follow an action: views and the cycle's steps return these
 * bits (or-ed) and the main loop alone reloads and redraws, so every change
 * is shown the same way (htop's Htop_Reaction). The frame is drawn after
 * every key anyway, so UI_NOTHING still shows messages and moves. */
enum {
	UI_NOTHING = 0,
	UI_REDRAW = 1 << 0,      /* the whole terminal is painted again (Ctrl-L) */
	UI_RELOAD_VIEW = 1 << 1, /* the list of the view that acted is read again */
	/* a record changed that other lists may show: every open list is read
	 * again (the acting view's too) */
	UI_RELOAD_ALL = 1 << 2 | UI_RELOAD_VIEW,
	UI_POP = 1 << 3,         /* the shown view closes; the one below is read again */
};

/* What a kind of view does: one static const table per kind, shared by
 * every open view of the kind (tig's view_ops). The tables are written with
 * the field names, a few to a line. */
typedef struct view_ops {
	const char *title;          /* N_(); a view may name itself instead */
	const action *actions;      /* the view's own, ended by id 0 */
	list_fetch_fn fetch;        /* rows of the list; ctx is the view */
	/* Column header line for the list (may be NULL). */
	void (*header)(view *v, char *buf, size_t size, int width);
	/* Draws the selected record's detail into w (h rows, wd columns). */
	void (*detail)(view *v, WINDOW *w, int h, int wd, const lrow *sel);
	/* Runs an action; returns what must follow (UI_* bits). */
	int (*act)(view *v, int action, const lrow *sel);
	/* Whether the acting person may use the action now (NULL: always). */
	int (*allowed)(view *v, int action, const lrow *sel);
	/* Why an action allowed() refused cannot run now, translated, when the
	 * reason is not the person's role (NULL: the role is the reason). */
	const char *(*why_not)(view *v, int action, const lrow *sel);
	void (*close)(view *v);     /* frees data; NULL if nothing to free */
	const char *table;          /* audited table of the rows (h shows a row's
				     * history), NULL if none */
	const char *empty;          /* N_(): what an empty list means, when
				     * "Nothing here yet." says too little */
} view_ops;

/* A kind of view under a short, fixed English name, for `kup help --keys`
 * (the manual's key lists are compared with it). Each file of views lists
 * its kinds in a table ended by { NULL, NULL }. */
typedef struct view_kind {
	const char *name;
	const view_ops *ops;
} view_kind;

/* One open view: its kind and its own state. */
struct view {
	const view_ops *ops;
	const char *title;          /* N_(): ops->title unless set otherwise */
	ulist list;
	int64_t parent_id;          /* sub-views: the record they show */
	char subtitle[160];         /* sub-views: e.g. the person's name */
	void *data;                 /* the kind's own state, freed by ops->close */
};

/* A new view of kind ops (its list not yet read), or NULL when out of
 * memory. Freed by the shell once pushed (ops->close, then free). */
view *view_new(const view_ops *ops);
/* The same with size bytes of zeroed state in v->data (NULL, nothing
 * kept, when out of memory); view_free_data frees it, as ops->close or
 * from it. */
view *view_new_data(const view_ops *ops, size_t size);
void view_free_data(view *v);
/* A sub-view showing the record parent_id (NULL when out of memory). */
view *view_new_of(const view_ops *ops, int64_t parent_id);

/* Shared helper for fetch functions: copies a key and a laid-out line into a
 * row. Returns 0, or -1 on out of memory. */
int lrow_set(lrow *r, int64_t id, const char *key, const char *text, int style);
/* Frees rows 0..n-1 after a failure half-way; sets e; returns -1. */
int lrow_fail(lrow *out, int n, kerr *e);
/* Lays out columns: each text cut/padded to its width, one space between. */
void columns(char *buf, size_t size, int n, const char *const *texts, const int *widths);
/* A header line: the n titles laid out as widths(width, w) lays out the
 * columns of the rows. */
void header_columns(char *buf, size_t size, int width, void (*widths)(int width, int *w), int n,
		    const char *const *titles);
/* Names a key for the help screen and key bar ("j", "PgDn", "Ctrl-S"). */
const char *key_label(int key, char *buf, size_t size);
/* Whether c is a failure; if so e's message is the detail (for "read the
 * record, or say why not and stop"). */
int detail_failed(WINDOW *w, int wd, kcode c, const kerr *e);
/* Draws the record's name as the detail's title line; returns the next row. */
int detail_title(WINDOW *w, int y, int wd, const char *text);
/* Draws "Label: value" in a detail pane; returns the next row. */
int detail_line(WINDOW *w, int y, int wd, const char *label, const char *value);

/* Lists read whole (short registers, a plan's goals, a report's rows) page
 * through what was read the way the keyset lists do. A row's list key and
 * id, and idx, its place in what was read; k[] is in list order. */
typedef struct mkey {
	const char *key;
	int64_t id;
	int idx;
} mkey;
/* The rows of k[0..m) a page after (key, id) asks for — backward, the last
 * ones before it; key NULL: from the start (the end) — at most limit: the
 * count, and the first of them in *first. */
int mem_page(const mkey *k, int m, const char *key, int64_t id, int backward, int limit, int *first);
/* The same for m rows keyed by their place: row i has the key pos_key(i)
 * and the id i + 1. */
int pos_page(int m, const char *key, int64_t id, int backward, int limit, int *first);
void pos_key(int i, char *buf, size_t size);

/* Runs form f (NULL, out of memory: nothing) with save and frees it; says
 * "Saved." when saved. Returns UI_RELOAD_ALL when saved, else UI_NOTHING. */
int view_form_run(form *f, form_save_fn save, void *ctx);

/* A change of a record at the version it was read at (a delete, a
 * deactivation); ctx names the record. */
typedef kcode (*view_change_fn)(void *ctx, int64_t version, kerr *e);
/* Asks question; on yes makes the change at version. When someone changed
 * the record meanwhile (KE_CONFLICT) it shows who and asks again, and on yes
 * makes the change at the version saved now, as current (a form_reload_fn,
 * called without a form) reads it. A failure is shown on the message line.
 * Returns -1 when the person said no at the first question, else the
 * outcome (KE_OK: changed). */
int view_confirm_change(const char *question, const char *again, view_change_fn change,
			form_reload_fn current, void *ctx, int64_t version);

#endif
