/* ui.h — shared pieces of the terminal front end: the application state,
 * colours, drawing text by display width, reading keys, the message line and
 * yes/no questions. Only ui_*.c include curses; data comes from db_*.h. */
#ifndef KUP_UI_H
#define KUP_UI_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include <stdint.h>
#include "db.h"

/* Colour pairs / attributes by meaning, not by colour. */
enum ui_style {
	ST_NORMAL, ST_BAR, ST_SELECTED, ST_HEADER, ST_ERROR, ST_OK,
	ST_HINT, ST_WARN, ST_FIELD, ST_FIELD_FOCUS, ST_DIM, ST_COUNT
};

typedef struct ui_app {
	kdb *db;
	kactor who;
	int year;
	const char *dbpath;
	int quit;
	int need_redraw;
} ui_app;

extern ui_app *app; /* the one running front end */

void ui_start(void);  /* initscr, colours, ESCDELAY, keypad */
void ui_stop(void);
attr_t ui_style(enum ui_style s);

/* Draws s at (y,x) cut to width display columns (… when cut), control
 * characters as visible placeholders; pad fills the rest with spaces. */
void ui_put(WINDOW *w, int y, int x, int width, const char *s, int pad);
void ui_putf(WINDOW *w, int y, int x, int width, int pad, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* 12500 -> "12.500 kr." (Danish thousands dots). */
void ui_money(char *buf, size_t size, long long kr);

/* Reads one key. Returns a curses KEY_* code or a character; maps ^H and
 * ^? to KEY_BACKSPACE, Enter variants to '\n', and reports KEY_RESIZE.
 * Waits at most timeout_ms (-1: forever); returns ERR on timeout. */
int ui_getkey(int timeout_ms);
/* The same, also telling whether the result is a curses KEY_* code (*is_fn
 * = 1) or a character: curses numbers its keys 0401..0777, the same numbers
 * as U+0101..U+01FF, so a typed "ą" (U+0105) equals KEY_RIGHT. Text input
 * must use this one. is_fn may be NULL. */
int ui_readkey(int timeout_ms, int *is_fn);
/* fn runs before and after every wait for a key (NULL: nothing); the
 * layer that must act between keys (hang-ups, snapshots) sets it. */
void ui_set_key_wait(void (*fn)(void));
#define KEY_CTRL(c) ((c) & 0x1f)
#define KEY_ESC 27

/* The message line (bottom but one): shown until the next key. */
void ui_msg(enum ui_style s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_msg_clear(void);
const char *ui_msg_text(enum ui_style *s);
/* Whether c is a failure; if so e's message goes on the message line (for
 * "read the record, or say why not and stop"). */
int ui_failed(kcode c, const kerr *e);

/* A pop-up's list showing rows rows from *top: moves *top just enough that
 * row sel is shown. */
void ui_scroll_to(int *top, int sel, int rows);

/* Asks a yes/no question on the message line; 1 for yes. Danish j/n and
 * English y/n both work; Esc means no. */
int ui_confirm(const char *question);

/* Minimum usable size; below it a notice asks for a larger window. */
#define UI_MIN_COLS 60
#define UI_MIN_ROWS 16
int ui_too_small(void);
void ui_draw_too_small(void);

#endif
