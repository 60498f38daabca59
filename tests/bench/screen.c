/* screen.c — the bare side of a screen: what kup put on the terminal,
 * grabbed from curses' idea of the screen (curscr) after kup drew it, and
 * drawn again by a plain ncurses program — erase, the text of each line in
 * runs of one attribute with mvaddnstr, refresh — with no kup code around
 * it. A screen's bare time is its statements run bare plus this drawing,
 * so kup/bare weighs what kup adds over SQLite and ncurses themselves.
 * Frames are owned by the caller (frame_free). */
#include "bench.h"
#include "ui.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

typedef struct run {
	attr_t attr;
	short pair;
	short y, x;
	int len;
	char *text; /* UTF-8 */
} run;

struct frame {
	int n, cap;
	run *runs;
	int cy, cx; /* where the cursor rests */
};

static int add_run(frame *f, int y, int x, attr_t a, short pair, const char *s, int len)
{
	if (f->n == f->cap) {
		int cap = f->cap ? 2 * f->cap : 64;
		run *r = realloc(f->runs, (size_t)cap * sizeof *r);
		if (!r)
			return -1;
		f->runs = r;
		f->cap = cap;
	}
	char *t = malloc((size_t)len + 1);
	if (!t)
		return -1;
	memcpy(t, s, (size_t)len);
	t[len] = '\0';
	f->runs[f->n++] = (run){ a, pair, (short)y, (short)x, len, t };
	return 0;
}

frame *frame_grab(void)
{
	frame *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	cchar_t *cells = calloc((size_t)COLS + 1, sizeof *cells);
	char *buf = malloc((size_t)COLS * MB_LEN_MAX + 1);
	int bad = !cells || !buf;
	for (int y = 0; y < LINES && !bad; y++) {
		int got = mvwin_wchnstr(curscr, y, 0, cells, COLS);
		if (got == ERR)
			continue;
		int len = 0, x0 = 0;
		attr_t ra = 0;
		short rp = 0;
		mbstate_t ms;
		memset(&ms, 0, sizeof ms);
		for (int x = 0; x < COLS && !bad; x++) {
			wchar_t wc[CCHARW_MAX + 1] = { 0 };
			attr_t a;
			short pair;
			if (getcchar(&cells[x], wc, &a, &pair, NULL) == ERR)
				continue;
			if ((a != ra || pair != rp) && len) {
				bad = add_run(f, y, x0, ra, rp, buf, len) != 0;
				len = 0;
			}
			if (!len) {
				x0 = x;
				ra = a;
				rp = pair;
			}
			for (int k = 0; wc[k] && k < CCHARW_MAX; k++) {
				size_t m = wcrtomb(buf + len, wc[k], &ms);
				if (m != (size_t)-1)
					len += (int)m;
			}
			int w = wc[0] ? wcwidth(wc[0]) : 1;
			if (w > 1)
				x += w - 1; /* the cells a wide character covers */
		}
		if (len && !bad)
			bad = add_run(f, y, x0, ra, rp, buf, len) != 0;
	}
	getyx(curscr, f->cy, f->cx);
	free(cells);
	free(buf);
	if (bad) {
		frame_free(f);
		return NULL;
	}
	return f;
}

void frame_draw(const frame *f, int full)
{
	if (full)
		clearok(curscr, TRUE);
	erase();
	for (int i = 0; i < f->n; i++) {
		const run *r = &f->runs[i];
		attr_set(r->attr, r->pair, NULL);
		mvaddnstr(r->y, r->x, r->text, r->len);
	}
	attr_set(A_NORMAL, 0, NULL);
	move(f->cy, f->cx);
	refresh();
}

void frame_free(frame *f)
{
	if (!f)
		return;
	for (int i = 0; i < f->n; i++)
		free(f->runs[i].text);
	free(f->runs);
	free(f);
}
