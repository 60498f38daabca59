/* ui_choice.c — see ui_choice.h. The list is fetched again on every change
 * of the filter; the data layer answers from an index, and holding only the
 * first CHOICE_MAX rows keeps the pop-up cheap on a table of any size. */
#include "ui_choice.h"
#include "i18n.h"
#include "text.h"
#include "ui.h"
#include "ui_edit.h"

#include <stdlib.h>
#include <string.h>

#define CHOICE_MAX 200
#define FILTER_MAX 100

struct chooser {
	const char *title;
	fchoice_fn fn;
	void *ctx;
	struct ledit filter;
	fchoice *items;     /* CHOICE_MAX + 1, to learn whether there are more */
	int count, more, failed;
	int sel, top;
	WINDOW *w;
	int lines, cols;    /* the terminal size w was made for */
};

static void fetch(struct chooser *c, int64_t current)
{
	int n = c->fn(c->ctx, ledit_text(&c->filter), c->items, CHOICE_MAX + 1);
	c->failed = n < 0;
	if (n < 0)
		n = 0;
	c->more = n > CHOICE_MAX;
	c->count = c->more ? CHOICE_MAX : n;
	c->sel = c->top = 0;
	for (int i = 0; current && i < c->count; i++)
		if (c->items[i].id == current)
			c->sel = i;
}

/* (Re)creates the window when the terminal size changed; 0 or -1. */
static int place(struct chooser *c)
{
	if (c->w && c->lines == LINES && c->cols == COLS)
		return 0;
	if (c->w)
		delwin(c->w);
	int pw = COLS - 4 < 76 ? COLS - 4 : 76;
	int ph = LINES - 4 < 22 ? LINES - 4 : 22;
	c->w = newwin(ph, pw, (LINES - ph) / 2, (COLS - pw) / 2);
	c->lines = LINES;
	c->cols = COLS;
	return c->w ? 0 : -1;
}

static int list_rows(const struct chooser *c)
{
	return getmaxy(c->w) - 5; /* border, filter, rule, status, border */
}

static void draw_status(struct chooser *c, int y, int width)
{
	enum ui_style st = ST_HINT;
	char buf[200];
	if (c->failed) {
		st = ST_ERROR;
		snprintf(buf, sizeof buf, "%s", _("Could not read the list."));
	} else if (c->count == 0) {
		snprintf(buf, sizeof buf, "%s", _("Nothing matches."));
	} else if (c->more) {
		snprintf(buf, sizeof buf, _("Only the first %d are shown; type to narrow the list."), CHOICE_MAX);
	} else {
		snprintf(buf, sizeof buf, "%d/%d", c->sel + 1, c->count);
	}
	wattron(c->w, ui_style(st));
	ui_put(c->w, y, 2, width, buf, 1);
	wattroff(c->w, ui_style(st));
}

static void draw(struct chooser *c)
{
	WINDOW *w = c->w;
	int ph = getmaxy(w), pw = getmaxx(w), lh = list_rows(c);
	werase(w);
	ui_border(w);
	ui_putf(w, 0, 2, pw - 4, 0, " %s ", c->title);
	ui_putf(w, ph - 1, 2, pw - 4, 0, " %s ", _("Enter Choose  Esc Cancel"));

	const char *lab = _("Search:");
	int lx = 2 + text_width(lab) + 1, fw = pw - lx - 2, cy, cx;
	char buf[1024];
	ui_put(w, 1, 2, lx - 2, lab, 1);
	ledit_view(&c->filter, fw, 1, &cy, &cx);
	ledit_row(&c->filter, 0, fw, buf, sizeof buf);
	wattron(w, ui_style(ST_FIELD));
	ui_put(w, 1, lx, fw, buf, 1);
	wattroff(w, ui_style(ST_FIELD));
	ui_border_rule(w, 2);

	ui_scroll_to(&c->top, c->sel, lh);
	for (int r = 0; r < lh && c->top + r < c->count; r++) {
		int i = c->top + r;
		attr_t a = i == c->sel ? ui_style(ST_SELECTED) : A_NORMAL;
		wattron(w, a);
		ui_putf(w, 3 + r, 1, pw - 2, 1, " %s", c->items[i].label);
		wattroff(w, a);
	}
	draw_status(c, ph - 2, pw - 4);
	wmove(w, 1, lx + cx);
}

static void paint(struct chooser *c, ui_backdrop_fn backdrop, void *bctx)
{
	if (ui_too_small()) {
		ui_draw_too_small();
		return;
	}
	if (backdrop)
		backdrop(bctx);
	else
		touchwin(stdscr);
	wnoutrefresh(stdscr);
	if (place(c) == 0) {
		draw(c);
		touchwin(c->w);
		wnoutrefresh(c->w);
	}
	doupdate();
}

static void move_sel(struct chooser *c, int delta)
{
	c->sel += delta;
	if (c->sel >= c->count)
		c->sel = c->count - 1;
	if (c->sel < 0)
		c->sel = 0;
}

/* -1 to go on, 0 cancelled, 1 picked, -2 out of memory. */
static int on_key(struct chooser *c, int k, int fn, int64_t current)
{
	int page = c->w ? list_rows(c) - 1 : 10;
	if (!fn && k == KEY_ESC)
		return 0;
	if (!fn && k == '\n')
		return c->count > 0 && !c->failed ? 1 : -1;
	if (fn && (k == KEY_UP || k == KEY_DOWN))
		move_sel(c, k == KEY_UP ? -1 : 1);
	else if (fn && (k == KEY_PPAGE || k == KEY_NPAGE))
		move_sel(c, k == KEY_PPAGE ? -page : page);
	else {
		char before[FILTER_MAX * 4 + 1];
		snprintf(before, sizeof before, "%s", ledit_text(&c->filter));
		int r = ledit_key(&c->filter, fn ? LE_FN(k) : k);
		if (r < 0)
			return -2;
		if (r > 0 && strcmp(before, ledit_text(&c->filter)) != 0)
			fetch(c, current);
	}
	return -1;
}

int ui_choice(const char *title, fchoice_fn fn, void *ctx, const char *filter,
	      int64_t current, fchoice *picked, ui_backdrop_fn backdrop, void *backdrop_ctx)
{
	struct chooser c;
	if (!fn || !picked)
		return 0;
	memset(&c, 0, sizeof c);
	c.title = title ? title : "";
	c.fn = fn;
	c.ctx = ctx;
	ledit_init(&c.filter, 0, FILTER_MAX);
	c.items = calloc(CHOICE_MAX + 1, sizeof *c.items);
	if (!c.items || ledit_set(&c.filter, filter) < 0) {
		free(c.items);
		ledit_free(&c.filter);
		return -1;
	}
	fetch(&c, current);
	int old_cursor = curs_set(1), result = -1;
	while (result == -1) {
		paint(&c, backdrop, backdrop_ctx);
		int isfn, k = ui_readtext(-1, &isfn);
		if (k == ERR || (isfn && k == KEY_RESIZE) || (ui_too_small() && k != KEY_ESC))
			continue;
		if (ui_pasted() && k == '\n') /* pasted text narrows; it never chooses */
			k = ' ';
		result = on_key(&c, k, isfn, current);
	}
	if (result == 1) {
		*picked = c.items[c.sel];
		picked->label[sizeof picked->label - 1] = '\0';
	}
	if (old_cursor != ERR)
		curs_set(old_cursor);
	if (c.w)
		delwin(c.w);
	touchwin(stdscr);
	free(c.items);
	ledit_free(&c.filter);
	return result == -2 ? -1 : result;
}
