/* ui_choice.h — a pop-up list to pick one record from, narrowed by typing
 * into its filter line; used by choice fields in forms. The choices come from
 * a callback (the data layer does the matching), so this file needs no
 * knowledge of any table. Nothing returned is allocated. */
#ifndef KUP_UI_CHOICE_H
#define KUP_UI_CHOICE_H

#include <stdint.h>

typedef struct fchoice {
	int64_t id;
	char label[200];
} fchoice;

/* Fills up to max choices whose label matches filter ("" = all; accent- and
 * case-insensitive matching is the data layer's job), best first. Returns the
 * count, or -1 when the list cannot be read. */
typedef int (*fchoice_fn)(void *ctx, const char *filter, fchoice *out, int max);

/* Draws whatever lies behind the pop-up into stdscr (without refreshing it);
 * called before each redraw, so a resized terminal shows a fresh backdrop. */
typedef void (*ui_backdrop_fn)(void *ctx);

/* Shows the pop-up titled title, its filter line starting as filter (may be
 * NULL) and the row with id current highlighted when it is listed. Typing
 * narrows, Up/Down/PgUp/PgDn move, Enter picks, Esc cancels; resizing and a
 * too-small window are handled inside. Returns 1 with *picked filled, 0 when
 * cancelled, -1 when out of memory. backdrop may be NULL. */
int ui_choice(const char *title, fchoice_fn fn, void *ctx, const char *filter,
	      int64_t current, fchoice *picked, ui_backdrop_fn backdrop, void *backdrop_ctx);

#endif
