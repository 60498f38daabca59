/* ui_list.h — the one list widget every view uses. It holds only the rows on
 * screen and moves through the data by key (keyset), asking the view's fetch
 * function for the rows after or before a position, so its cost follows the
 * window size and never the size of the table. Rows are owned by the list. */
#ifndef KUP_UI_LIST_H
#define KUP_UI_LIST_H

#include <stdint.h>
#include "err.h"

typedef struct lrow {
	int64_t id;
	char *key;   /* list-order key, as the data layer's keyset wants it */
	char *text;  /* the display line (columns already laid out) */
	int style;   /* enum ui_style for the line, 0 normal */
} lrow;

/* Fills up to n rows strictly after (key,id) in list order — or strictly
 * before with backward; key NULL means the start (end). width is the
 * screen width for laying out text. Returns the count, or -1 with e set. */
typedef int (*list_fetch_fn)(void *ctx, const char *filter, const char *key, int64_t id,
			     int backward, int n, int width, lrow *out, kerr *e);

typedef struct ulist {
	list_fetch_fn fetch;
	void *ctx;
	lrow *rows;      /* the visible rows, top first */
	int n, cap;      /* rows held / room (the height) */
	int sel;         /* index in rows of the selected row */
	int width;
	char filter[128];
	kerr err;        /* last fetch failure, shown by the view */
} ulist;

void list_init(ulist *l, list_fetch_fn fetch, void *ctx);
void list_free(ulist *l);
/* Sets the window size; reloads keeping the selected record where it can. */
int list_resize(ulist *l, int height, int width);
/* Reloads from the current top, keeping the selection on the same record
 * (or its neighbour if it went away): for live updates and after edits. */
int list_reload(ulist *l);
int list_move(ulist *l, int delta);   /* rows; ± height for a page */
int list_home(ulist *l);
int list_end(ulist *l);
int list_set_filter(ulist *l, const char *filter); /* back to the start */
int list_select_id(ulist *l, const char *key, int64_t id); /* show this record */
const lrow *list_selected(const ulist *l);

#endif
