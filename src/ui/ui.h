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

/* initscr, colours, ESCDELAY, keypad; bracketed paste on (ui_stop and a
 * suspend turn it off). */
void ui_start(void);
void ui_stop(void);
attr_t ui_style(enum ui_style s);

/* Draws s at (y,x) cut to width display columns (… when cut), control
 * characters as visible placeholders; pad fills the rest with spaces. */
void ui_put(WINDOW *w, int y, int x, int width, const char *s, int pad);
void ui_putf(WINDOW *w, int y, int x, int width, int pad, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Lines in the terminal's character set (ui_charset.h): Unicode's box
 * drawing in UTF-8, '-' '|' '+' in ASCII. A window's border; a rule across
 * a bordered window at row y, joined to its sides; n cells of a horizontal
 * or vertical line from (y,x). Drawn with the window's attributes. */
void ui_border(WINDOW *w);
void ui_border_rule(WINDOW *w, int y);
void ui_hline(WINDOW *w, int y, int x, int n);
void ui_vline(WINDOW *w, int y, int x, int n);

/* 12500 -> "12.500 kr." (Danish thousands dots). */
void ui_money(char *buf, size_t size, long long kr);

/* Reads one key. Returns a curses KEY_* code or a character; maps ^H and
 * ^? to KEY_BACKSPACE, Enter variants to '\n', and reports KEY_RESIZE.
 * Waits at most timeout_ms (-1: forever); returns ERR on timeout.
 * Keys nobody pressed as keys never come from here: an ESC with another key
 * right behind it in the same burst (Alt+J arrives as ESC J; pasted text)
 * is no Esc key, and the key after it, like everything between the
 * bracketed paste markers, is a pasted key, which only ui_readtext returns.
 * A lone ESC is the Esc key. */
int ui_getkey(int timeout_ms);
/* The same, also telling whether the result is a curses KEY_* code (*is_fn
 * = 1) or a character: curses numbers its keys 0401..0777, the same numbers
 * as U+0101..U+01FF, so a typed "ą" (U+0105) equals KEY_RIGHT. Text input
 * must use this one (or ui_readtext). is_fn may be NULL. */
int ui_readkey(int timeout_ms, int *is_fn);
/* For readers that take text (form fields, the search lines): also returns
 * pasted keys — printable characters and '\n' (a tab as a space; control
 * keys and ESC in a paste are dropped, as is a paste's last new line) —
 * and ui_pasted() tells them apart. A pasted key is text to put in the
 * field, never a key that saves, leaves, moves or answers. */
int ui_readtext(int timeout_ms, int *is_fn);
/* 1 when the key last returned came in a paste or burst. */
int ui_pasted(void);
/* Forgets keys typed ahead, so the next key read was typed after now. */
void ui_flush_keys(void);
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

/* The key that answers yes in the language shown: 'j' in Danish, 'y' in
 * English (either case); the other language's letter answers nothing. */
int ui_yes_key(void);
/* Asks a yes/no question on the message line, shown with "(y/N)" ("(j/N)"
 * in Danish); 1 for yes. Keys typed before the question appeared and
 * pasted keys never answer it; n, Enter (the default) and Esc mean no. */
int ui_confirm(const char *question);

/* Minimum usable size; below it a notice asks for a larger window. */
#define UI_MIN_COLS 60
#define UI_MIN_ROWS 16
int ui_too_small(void);
void ui_draw_too_small(void);

#endif
