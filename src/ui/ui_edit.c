/* ui_edit.c — see ui_edit.h. Positions are byte offsets kept on code point
 * boundaries as text_decode() sees them, so even invalid UTF-8 read from
 * elsewhere steps one byte at a time and never traps the cursor. */
#include "ui_edit.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CTRL(c) ((c) & 0x1f)

void ledit_init(struct ledit *ed, int multiline, int maxlen)
{
	memset(ed, 0, sizeof *ed);
	ed->goal = -1;
	ed->multiline = multiline;
	ed->maxlen = maxlen;
}

void ledit_free(struct ledit *ed)
{
	free(ed->buf);
	ed->buf = NULL;
	ed->len = ed->cap = ed->cur = 0;
	ed->scroll = ed->top = 0;
	ed->goal = -1;
}

const char *ledit_text(const struct ledit *ed)
{
	return ed->buf ? ed->buf : "";
}

static int reserve(struct ledit *ed, size_t need)
{
	if (need + 1 <= ed->cap)
		return 0;
	size_t cap = ed->cap ? ed->cap : 32;
	while (cap < need + 1)
		cap *= 2;
	char *p = realloc(ed->buf, cap);
	if (!p)
		return -1;
	ed->buf = p;
	ed->cap = cap;
	return 0;
}

int ledit_set(struct ledit *ed, const char *text)
{
	size_t n = text ? strlen(text) : 0;
	if (reserve(ed, n) < 0)
		return -1;
	memcpy(ed->buf, text ? text : "", n);
	ed->buf[n] = '\0';
	ed->len = ed->cur = n;
	ed->scroll = ed->top = 0;
	ed->goal = -1;
	return 0;
}

/* ------------------------------------------------------------ positions */

static size_t next_pos(const struct ledit *ed, size_t p)
{
	uint32_t cp;
	return p + (size_t)text_decode(ed->buf + p, ed->len - p, &cp);
}

/* Walks back over continuation bytes to a lead byte, but only accepts it if
 * decoding forward from there ends exactly at p; otherwise the byte before p
 * stands alone, as it does when decoding forward. */
static size_t prev_pos(const struct ledit *ed, size_t p)
{
	size_t q = p - 1;
	for (int k = 0; q > 0 && k < 3 && ((unsigned char)ed->buf[q] & 0xC0) == 0x80; k++)
		q--;
	uint32_t cp;
	if (q + (size_t)text_decode(ed->buf + q, ed->len - q, &cp) == p)
		return q;
	return p - 1;
}

static uint32_t cp_at(const struct ledit *ed, size_t p)
{
	uint32_t cp = 0;
	text_decode(ed->buf + p, ed->len - p, &cp);
	return cp;
}

static size_t line_start(const struct ledit *ed, size_t p)
{
	if (!ed->multiline)
		return 0;
	while (p > 0 && ed->buf[p - 1] != '\n')
		p--;
	return p;
}

static size_t line_end(const struct ledit *ed, size_t p)
{
	if (!ed->multiline)
		return ed->len;
	while (p < ed->len && ed->buf[p] != '\n')
		p++;
	return p;
}

static int cols_between(const struct ledit *ed, size_t a, size_t b)
{
	int cols = 0;
	while (a < b) {
		uint32_t cp;
		a += (size_t)text_decode(ed->buf + a, b - a, &cp);
		cols += text_cp_width(cp);
	}
	return cols;
}

/* The last boundary in [a,e] whose column (counted from a) is <= col. */
static size_t pos_at_col(const struct ledit *ed, size_t a, size_t e, int col)
{
	int c = 0;
	while (a < e) {
		size_t n = next_pos(ed, a);
		int w = text_cp_width(cp_at(ed, a));
		if (c + w > col)
			break;
		c += w;
		a = n;
	}
	return a;
}

static int line_index(const struct ledit *ed, size_t p)
{
	int n = 0;
	if (!ed->multiline)
		return 0;
	for (size_t i = 0; i < p; i++)
		n += ed->buf[i] == '\n';
	return n;
}

/* ------------------------------------------------------------ editing */

int ledit_printable(int key)
{
	return key >= 0x20 && key < 0x110000 && !(key >= 0xD800 && key <= 0xDFFF) &&
	       !text_is_unsafe_cp((uint32_t)key);
}

static int insert(struct ledit *ed, const char *s, size_t n)
{
	if (ed->maxlen > 0 && text_cp_count(ledit_text(ed)) >= ed->maxlen)
		return 0;
	if (reserve(ed, ed->len + n) < 0)
		return -1;
	memmove(ed->buf + ed->cur + n, ed->buf + ed->cur, ed->len - ed->cur + 1);
	memcpy(ed->buf + ed->cur, s, n);
	ed->len += n;
	ed->cur += n;
	return 1;
}

/* Removes [a,b) and leaves the cursor at a. */
static int cut(struct ledit *ed, size_t a, size_t b)
{
	if (a >= b)
		return 0;
	memmove(ed->buf + a, ed->buf + b, ed->len - b + 1);
	ed->len -= b - a;
	ed->cur = a;
	return 1;
}

static int move_to(struct ledit *ed, size_t p)
{
	if (p == ed->cur)
		return 0;
	ed->cur = p;
	return 1;
}

static int is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == 0xA0;
}

static size_t word_start(const struct ledit *ed)
{
	size_t p = ed->cur;
	while (p > 0 && is_space(cp_at(ed, prev_pos(ed, p))))
		p = prev_pos(ed, p);
	while (p > 0 && !is_space(cp_at(ed, prev_pos(ed, p))))
		p = prev_pos(ed, p);
	return p;
}

static int vertical(struct ledit *ed, int dir)
{
	size_t ls = line_start(ed, ed->cur), le = line_end(ed, ed->cur);
	if (!ed->multiline || (dir < 0 && ls == 0) || (dir > 0 && le == ed->len))
		return 0;
	int col = ed->goal >= 0 ? ed->goal : cols_between(ed, ls, ed->cur);
	size_t s, e;
	if (dir < 0) {
		e = ls - 1;
		s = line_start(ed, e);
	} else {
		s = le + 1;
		e = line_end(ed, s);
	}
	ed->cur = pos_at_col(ed, s, e, col);
	ed->goal = col;
	return 1;
}

static int kill_to_end(struct ledit *ed)
{
	size_t le = line_end(ed, ed->cur);
	/* At the end of a line Ctrl-K joins the next one, as in Emacs. */
	if (le == ed->cur && le < ed->len)
		le++;
	return cut(ed, ed->cur, le);
}

static int edit_key(struct ledit *ed, int key)
{
	if (!ed->buf && ledit_set(ed, "") < 0)
		return -1;
	switch (key) {
	case LE_LEFT:
		return ed->cur > 0 ? move_to(ed, prev_pos(ed, ed->cur)) : 0;
	case LE_RIGHT:
		return ed->cur < ed->len ? move_to(ed, next_pos(ed, ed->cur)) : 0;
	case LE_HOME:
	case CTRL('a'):
		return move_to(ed, line_start(ed, ed->cur));
	case LE_END:
	case CTRL('e'):
		return move_to(ed, line_end(ed, ed->cur));
	case LE_BACKSPACE:
		return ed->cur > 0 ? cut(ed, prev_pos(ed, ed->cur), ed->cur) : 0;
	case LE_DELETE:
		return ed->cur < ed->len ? cut(ed, ed->cur, next_pos(ed, ed->cur)) : 0;
	case CTRL('u'):
		return cut(ed, line_start(ed, ed->cur), ed->cur);
	case CTRL('k'):
		return kill_to_end(ed);
	case CTRL('w'):
		return cut(ed, word_start(ed), ed->cur);
	case '\n':
		return ed->multiline ? insert(ed, "\n", 1) : 0;
	default:
		break;
	}
	if (!ledit_printable(key))
		return 0;
	char enc[4];
	size_t n = text_encode((uint32_t)key, enc);
	return insert(ed, enc, n);
}

int ledit_key(struct ledit *ed, int key)
{
	if (key == LE_UP || key == LE_DOWN)
		return vertical(ed, key == LE_UP ? -1 : 1);
	ed->goal = -1;
	return edit_key(ed, key);
}

/* ------------------------------------------------------------ viewing */

/* Column of the last boundary at or before col (down) or the first at or
 * after it (up) in the line [a,e), counted from a. */
static int snap_col(const struct ledit *ed, size_t a, size_t e, int col, int up)
{
	int c = 0;
	while (a < e) {
		int w = text_cp_width(cp_at(ed, a));
		if (c + w > col)
			return up && c < col ? c + w : c;
		c += w;
		a = next_pos(ed, a);
	}
	return c;
}

static void hscroll(struct ledit *ed, int width)
{
	size_t ls = line_start(ed, ed->cur), le = line_end(ed, ed->cur);
	int c = cols_between(ed, ls, ed->cur);
	int total = cols_between(ed, ls, le);
	int wcur = ed->cur < le ? text_cp_width(cp_at(ed, ed->cur)) : 1;
	if (wcur < 1)
		wcur = 1;
	/* No empty columns on the right while text is hidden on the left. */
	int most = total + 1 - width;
	if (ed->scroll > most)
		ed->scroll = most > 0 ? snap_col(ed, ls, le, most, 1) : 0;
	if (c < ed->scroll) {
		int want = c - width / 3;
		ed->scroll = want > 0 ? snap_col(ed, ls, le, want, 0) : 0;
	}
	if (c + wcur > ed->scroll + width) {
		int want = c + wcur - width + width / 3;
		if (want > most)
			want = most;
		if (want > c)
			want = c;
		ed->scroll = snap_col(ed, ls, le, want, 1);
	}
}

void ledit_view(struct ledit *ed, int width, int height, int *cy, int *cx)
{
	if (width < 1)
		width = 1;
	if (height < 1 || !ed->multiline)
		height = 1;
	hscroll(ed, width);
	int line = line_index(ed, ed->cur);
	int lines = line_index(ed, ed->len) + 1;
	if (ed->top > lines - height)
		ed->top = lines - height > 0 ? lines - height : 0;
	if (line < ed->top)
		ed->top = line;
	if (line >= ed->top + height)
		ed->top = line - height + 1;
	*cy = line - ed->top;
	*cx = cols_between(ed, line_start(ed, ed->cur), ed->cur) - ed->scroll;
}

static int put_spaces(char *out, size_t outsz, size_t *used, int n)
{
	int done = 0;
	while (done < n && *used + 1 < outsz) {
		out[(*used)++] = ' ';
		done++;
	}
	return done;
}

int ledit_row(const struct ledit *ed, int row, int width, char *out, size_t outsz)
{
	if (!out || outsz == 0)
		return 0;
	out[0] = '\0';
	if (!ed->buf || row < 0 || width <= 0 || (!ed->multiline && row > 0))
		return 0;
	/* Find the line shown on this row. */
	size_t a = 0;
	for (int skip = ed->top + row; skip > 0 && ed->multiline; skip--) {
		while (a < ed->len && ed->buf[a] != '\n')
			a++;
		if (a == ed->len)
			return 0;
		a++;
	}
	size_t e = line_end(ed, a), used = 0;
	int col = 0, shown = 0, left = ed->scroll, right = ed->scroll + width;
	while (a < e && col < right) {
		size_t n = next_pos(ed, a);
		int w = text_cp_width(cp_at(ed, a));
		if (col + w <= left) {
			/* hidden on the left, with marks at its edge */
		} else if (col < left) {
			shown += put_spaces(out, outsz, &used, col + w - left);
		} else if (col + w > right) {
			shown += put_spaces(out, outsz, &used, right - col);
		} else {
			if (used + (n - a) >= outsz)
				break;
			memcpy(out + used, ed->buf + a, n - a);
			used += n - a;
			shown += w;
		}
		col += w;
		a = n;
	}
	out[used] = '\0';
	return shown;
}
