/* ui_edit.h — the line editor behind every form field and filter line. It
 * works on UTF-8 code points (the cursor never lands inside one) and display
 * columns (wide characters are never split), and knows nothing of curses, so
 * it is unit-tested without a terminal. The buffer is owned by the ledit:
 * ledit_free() releases it; ledit_text() stays valid until the next change. */
#ifndef KUP_UI_EDIT_H
#define KUP_UI_EDIT_H

#include <stddef.h>

/* Function keys ledit_key() understands. A function key is LE_FN(curses
 * code) so it can never be taken for a character: curses numbers its keys
 * 0401..0777, which overlaps code points U+0101..U+01FF (ą, ł, ś). The
 * values below equal LE_FN(KEY_...) (ui_form.c checks it when compiling);
 * characters, Ctrl-letters and '\n' are passed as themselves. */
#define LE_FN(k) ((k) | 0x40000000)
enum {
	LE_DOWN = LE_FN(0402), LE_UP = LE_FN(0403), LE_LEFT = LE_FN(0404),
	LE_RIGHT = LE_FN(0405), LE_HOME = LE_FN(0406), LE_BACKSPACE = LE_FN(0407),
	LE_DELETE = LE_FN(0512), LE_END = LE_FN(0550)
};

struct ledit {
	char *buf;          /* NUL-terminated when not NULL; NULL reads as "" */
	size_t len, cap;    /* bytes */
	size_t cur;         /* byte offset, always on a code point boundary */
	int scroll;         /* first visible display column */
	int top;            /* multiline: first visible line */
	int goal;           /* column Up/Down aim for; -1 when not moving vertically */
	int multiline;      /* Enter inserts '\n'; Up/Down move between lines */
	int maxlen;         /* in code points ('\n' counts); <= 0: no limit */
};

void ledit_init(struct ledit *ed, int multiline, int maxlen);
/* Replaces the text (NULL = empty) and puts the cursor at its end.
 * Returns 0, or -1 when out of memory (the old text is kept). */
int ledit_set(struct ledit *ed, const char *text);
void ledit_free(struct ledit *ed);
const char *ledit_text(const struct ledit *ed);

/* Applies one key: a character (code point), a control character (Ctrl-A
 * start, Ctrl-E end, Ctrl-U delete to start, Ctrl-K delete to end, Ctrl-W
 * delete the word before the cursor, '\n' in multiline), or one of the LE_ keys.
 * Returns 1 if the text changed or the cursor moved, 0 if the key did nothing
 * here (not an editing key, Up on the first line, maxlen reached, control
 * character refused) so the caller may use it, -1 when out of memory. */
int ledit_key(struct ledit *ed, int key);

/* 1 if key is a character the editor would insert (printable code point). */
int ledit_printable(int key);

/* Scrolls so the cursor fits in a box of width x height cells (height 1 for a
 * single line) and stores the cursor's position in the box in *cy, *cx. */
void ledit_view(struct ledit *ed, int width, int height, int *cy, int *cx);
/* Writes into out the bytes shown on box row `row` after ledit_view(): at
 * most width columns, a wide character cut by either edge shown as a space.
 * Control characters are copied as they are (ui_put shows them as one-column
 * placeholders, as text_cp_width counts them). Returns the columns used. */
int ledit_row(const struct ledit *ed, int row, int width, char *out, size_t outsz);

#endif
