/* ui_form.c — draws a form (ui_form.h) full-screen and runs its keys. The
 * values, validation and the draft format live in ui_formdata.c; this file
 * lays fields out, moves the focus, hands keys to the field's line editor,
 * and runs what many users at once need: drafts, the notice that someone
 * else saved the record, and the conflict dialog. */
#include "ui_form.h"
#include "i18n.h"
#include "text.h"
#include "ui.h"
#include "ui_box.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ui_edit.h mirrors these curses codes without including curses. */
_Static_assert(LE_UP == LE_FN(KEY_UP) && LE_DOWN == LE_FN(KEY_DOWN), "LE_UP/LE_DOWN");
_Static_assert(LE_LEFT == LE_FN(KEY_LEFT) && LE_RIGHT == LE_FN(KEY_RIGHT), "LE_LEFT/LE_RIGHT");
_Static_assert(LE_HOME == LE_FN(KEY_HOME) && LE_END == LE_FN(KEY_END), "LE_HOME/LE_END");
_Static_assert(LE_BACKSPACE == LE_FN(KEY_BACKSPACE) && LE_DELETE == LE_FN(KEY_DC), "LE_BACKSPACE");

#define IDLE_MS 2000

static const form_draft_store *drafts; /* NULL: drafts are not kept */
static form *running;                  /* the form on screen, for a hangup */

/* State of one form_run. */
struct run {
	long long next_idle;
	char *kept;   /* the text last kept as the draft, NULL if none */
};

void form_set_draft_store(const form_draft_store *s)
{
	drafts = s;
}

static int all_readonly(const form *f)
{
	for (int i = 0; i < f->n; i++)
		if (!f->fld[i].readonly)
			return 0;
	return 1;
}
#define AREA_TOP 2      /* title bar, then a blank row */
#define BOTTOM_ROWS 3   /* help line, message line, key bar */

struct geom {
	int lw;       /* label column width, colon included */
	int vx;       /* first column of values */
	int avail;    /* widest value */
	int top, h;   /* the rows fields may use */
	int ta_rows;  /* rows of a text area */
};

static void geometry(const form *f, struct geom *g)
{
	int lw = 0;
	for (int i = 0; i < f->n; i++) {
		int w = text_width(f->fld[i].d.label) + 1 + (f->fld[i].d.required != 0);
		if (w > lw)
			lw = w;
	}
	if (lw > COLS / 3)
		lw = COLS / 3;
	g->lw = lw;
	g->vx = 1 + lw + 2;           /* " Label: [" */
	g->avail = COLS - g->vx - 2;  /* "]" and the scroll arrows' column */
	g->top = AREA_TOP;
	g->h = LINES - AREA_TOP - BOTTOM_ROWS;
	g->ta_rows = g->h >= 16 ? 4 : 3;
}

/* Row `row` of s wrapped at width columns — at a space where one falls in
 * the row, else mid-word; lines split at '\n' start new rows — into out.
 * Returns the number of rows s takes (at least 1). */
static int wrap_row(const char *s, int width, int row, char *out, size_t size)
{
	int n = 0;
	if (size)
		out[0] = '\0';
	if (width < 1)
		width = 1;
	for (const char *p = s ? s : ""; ; n++) {
		size_t line = strcspn(p, "\n"), take = line;
		int fit = text_prefix_cols(p, width);
		if ((size_t)fit < line) {
			take = (size_t)fit;
			for (size_t i = take; i > 0; i--)
				if (p[i] == ' ') {
					take = i;
					break;
				}
			if (!take) /* a character wider than the row */
				take = (size_t)text_cp_offset(p, 1);
		}
		if (n == row && size) {
			size_t k = take < size - 1 ? take : size - 1;
			memcpy(out, p, k);
			out[k] = '\0';
		}
		p += take;
		if (take < line) {
			while (*p == ' ')
				p++;
			if (*p == '\n')
				p++;
		} else if (*p == '\n') {
			p++;
		} else {
			return n + 1;
		}
	}
}

static int rows_of(const struct form_field *fl, const struct geom *g)
{
	if (fl->d.kind != FK_TEXTAREA)
		return 1;
	if (!fl->readonly)
		return g->ta_rows;
	return wrap_row(ledit_text(&fl->ed), g->avail + 1, -1, NULL, 0);
}

static int width_of(const struct form_field *fl, const struct geom *g)
{
	int w;
	switch (fl->d.kind) {
	case FK_BOOL: w = 1; break;
	case FK_DATE: w = 11; break;
	case FK_INT:
	case FK_DECIMAL: w = 12; break;
	case FK_MONEY: w = 14; break;
	case FK_TEXT: w = fl->d.maxlen > 0 ? fl->d.maxlen + 1 : g->avail; break;
	default: w = g->avail; break;
	}
	return w < g->avail ? w : g->avail;
}

/* Form row of field i (fields stack without gaps). */
static int row_of(const form *f, int i, const struct geom *g)
{
	int y = 0;
	for (int j = 0; j < i; j++)
		y += rows_of(&f->fld[j], g);
	return y;
}

static void keep_focus_visible(form *f, const struct geom *g)
{
	int fy = row_of(f, f->focus, g), fh = rows_of(&f->fld[f->focus], g);
	int total = row_of(f, f->n, g);
	if (f->top > total - g->h)
		f->top = total - g->h > 0 ? total - g->h : 0;
	if (fy < f->top)
		f->top = fy;
	if (fy + fh > f->top + g->h)
		f->top = fy + fh - g->h;
	/* read-only fields after the last one that takes the cursor are shown
	 * as far as the focus allows, since the cursor cannot go there */
	int last = f->focus;
	for (int i = f->focus + 1; i < f->n; i++)
		if (!f->fld[i].readonly)
			last = i;
	if (last == f->focus && total > f->top + g->h) {
		int top = total - g->h;
		f->top = top < fy ? top : fy;
	}
}

static const char *hint_of(const struct form_field *fl)
{
	static char range[160];
	if (fl->d.help)
		return fl->d.help;
	if (fl->d.kind == FK_INT && (fl->d.min || fl->d.max)) {
		snprintf(range, sizeof range, _("A whole number from %lld to %lld."), fl->d.min, fl->d.max);
		return range;
	}
	switch (fl->d.kind) {
	case FK_DATE: return _("A date like 22-11-2026, 22.11.2026 or 22/11.");
	case FK_MONEY: return _("Whole kroner, like 12.500.");
	case FK_DECIMAL: return _("A number like 7,5.");
	case FK_TEXTAREA: return _("Enter starts a new line.");
	case FK_BOOL: return _("Space switches it on and off.");
	case FK_CHOICE:
		return fl->d.required ? _("Enter or type to choose from a list.")
				      : _("Enter or type to choose from a list; Delete clears.");
	default: return "";
	}
}

static void put_styled(int y, int x, int width, const char *s, enum ui_style st)
{
	attr_t a = ui_style(st);
	attron(a);
	ui_put(stdscr, y, x, width, s, 1);
	attroff(a);
}

/* Line `line` of s (lines split at '\n') into out, for fields without focus. */
static void nth_line(const char *s, int line, char *out, size_t size)
{
	for (; line > 0 && s; line--) {
		s = strchr(s, '\n');
		if (s)
			s++;
	}
	if (!s) {
		out[0] = '\0';
		return;
	}
	size_t n = strcspn(s, "\n");
	if (n >= size)
		n = size - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

/* Draws the value box of field i with its first row at screen row y0 and
 * only rows [vis0,vis1) of it shown; sets *cy, *cx when it has the focus. */
static void draw_value(form *f, int i, const struct geom *g, int y0, int vis0, int vis1, int *cy, int *cx)
{
	struct form_field *fl = &f->fld[i];
	int focused = i == f->focus, w = width_of(fl, g), rows = rows_of(fl, g);
	enum ui_style st = focused ? ST_FIELD_FOCUS : ST_FIELD;
	char buf[1024];
	if (fl->readonly) {
		for (int r = vis0; r < vis1; r++) {
			if (fl->d.kind == FK_BOOL)
				snprintf(buf, sizeof buf, "%s", r ? "" : fl->v.on ? "[x]" : "[ ]");
			else if (fl->d.kind == FK_TEXTAREA)
				wrap_row(ledit_text(&fl->ed), g->avail + 1, r, buf, sizeof buf);
			else if (r == 0)
				nth_line(ledit_text(&fl->ed), 0, buf, sizeof buf);
			else
				buf[0] = '\0';
			ui_put(stdscr, y0 + r, g->vx - 1, g->avail + 1, buf, 1);
		}
		return;
	}
	int ey = 0, ex = 0;
	if (focused && fl->d.kind != FK_CHOICE && fl->d.kind != FK_BOOL)
		ledit_view(&fl->ed, w, rows, &ey, &ex);
	for (int r = vis0; r < vis1; r++) {
		int y = y0 + r;
		mvaddstr(y, g->vx - 1, "[");
		if (fl->d.kind == FK_BOOL)
			snprintf(buf, sizeof buf, "%s", fl->v.on ? "x" : " ");
		else if (focused && fl->d.kind != FK_CHOICE)
			ledit_row(&fl->ed, r, w, buf, sizeof buf);
		else if (fl->d.kind == FK_TEXTAREA) /* the start of a long text, wrapped */
			wrap_row(ledit_text(&fl->ed), w, r, buf, sizeof buf);
		else
			nth_line(ledit_text(&fl->ed), fl->d.kind == FK_TEXTAREA ? r : 0, buf, sizeof buf);
		if (fl->d.kind != FK_TEXTAREA && r > 0)
			buf[0] = '\0';
		put_styled(y, g->vx, w, buf, st);
		mvaddstr(y, g->vx + w, "]");
	}
	if (focused) {
		*cy = y0 + ey;
		*cx = g->vx + ex;
	}
}

static void draw_fields(form *f, const struct geom *g, int *cy, int *cx)
{
	for (int i = 0, y = 0; i < f->n; y += rows_of(&f->fld[i], g), i++) {
		const struct form_field *fl = &f->fld[i];
		int rows = rows_of(fl, g), first = y - f->top;
		int vis0 = first < 0 ? -first : 0;
		int vis1 = first + rows > g->h ? g->h - first : rows;
		if (vis0 >= vis1)
			continue;
		if (vis0 == 0) {
			enum ui_style st = i == f->bad ? ST_ERROR : i == f->focus ? ST_HEADER : ST_NORMAL;
			char label[512];
			snprintf(label, sizeof label, "%s%s:", fl->d.label, fl->d.required ? "*" : "");
			put_styled(g->top + first, 1, g->lw, label, st);
		}
		draw_value(f, i, g, g->top + first, vis0, vis1, cy, cx);
	}
	int total = row_of(f, f->n, g);
	if (f->top > 0)
		ui_put(stdscr, g->top, COLS - 1, 1, "\xE2\x86\x91", 0); /* ↑, ^ in ASCII */
	if (total > f->top + g->h)
		ui_put(stdscr, g->top + g->h - 1, COLS - 1, 1, "\xE2\x86\x93", 0); /* ↓, v in ASCII */
}

/* Draws the whole form into stdscr and leaves the cursor at the editing
 * position; the caller calls doupdate(). */
static void draw(form *f)
{
	struct geom g;
	geometry(f, &g);
	if (f->n > 0)
		keep_focus_visible(f, &g);
	erase();
	put_styled(0, 0, COLS, "", ST_BAR);
	attron(ui_style(ST_BAR));
	ui_putf(stdscr, 0, 1, COLS - 2, 0, "%s", f->title);
	attroff(ui_style(ST_BAR));
	if (f->notice[0])
		put_styled(1, 1, COLS - 2, f->notice, ST_WARN);
	int cy = g.top, cx = g.vx, view_only = all_readonly(f);
	if (f->n > 0) {
		draw_fields(f, &g, &cy, &cx);
		if (!view_only)
			put_styled(LINES - 3, 1, COLS - 2, hint_of(&f->fld[f->focus]), ST_HINT);
	}
	enum ui_style ms;
	const char *m = ui_msg_text(&ms);
	put_styled(LINES - 2, 0, COLS, m, ms);
	char bar[400];
	snprintf(bar, sizeof bar, "%s%s%s", view_only ? _("↑↓ Scroll  any other key returns")
						     : _("Ctrl-S Save  Esc Cancel  Tab Next field"),
		 f->keys_bar ? "  " : "", f->keys_bar ? f->keys_bar : "");
	put_styled(LINES - 1, 0, COLS, bar, ST_BAR);
	move(cy, cx);
	wnoutrefresh(stdscr);
}

static void backdrop(void *ctx)
{
	draw(ctx);
}

static void paint(form *f)
{
	if (ui_too_small()) {
		curs_set(0);
		ui_draw_too_small();
		return;
	}
	curs_set(1);
	draw(f);
	doupdate();
}

/* ------------------------------------------------------------ keys */

static long long now_ms(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Keeps what is typed as the form's draft when it differs from the last
 * one kept; forgets the draft when the form is back as it was. */
static void keep_draft(form *f, struct run *r)
{
	if (!drafts || !f->name[0])
		return;
	if (!form_dirty(f)) {
		if (r->kept) {
			drafts->drop(f);
			free(r->kept);
			r->kept = NULL;
		}
		return;
	}
	char *data = form_serialize(f);
	if (!data || (r->kept && strcmp(r->kept, data) == 0)) {
		free(data);
		return;
	}
	drafts->save(f, data);
	free(r->kept);
	r->kept = data;
}

/* Notices, without touching the fields, that someone else saved or
 * deleted the record since it was opened. */
static void check_changed(form *f)
{
	int64_t v = 0;
	kerr e;
	kerr_clear(&e);
	if (!f->reload || !f->version)
		return;
	kcode c = f->reload(f->reload_ctx, NULL, &v, &e);
	if (c == KE_NOTFOUND)
		snprintf(f->notice, sizeof f->notice, "%s",
			 _("Someone else deleted this record after you opened it."));
	else if (c == KE_OK && v != f->version)
		snprintf(f->notice, sizeof f->notice, "%s",
			 _("Someone else saved this record after you opened it; Ctrl-S asks what to do."));
	else if (c == KE_OK)
		f->notice[0] = '\0';
}

static void idle(form *f, struct run *r)
{
	keep_draft(f, r);
	check_changed(f);
}

/* The next key, or ERR after a timeout or after the idle work (drafts,
 * the check for others' changes) every IDLE_MS. */
static int read_key(form *f, int *fn, struct run *r)
{
	*fn = 0;
	if (!f->reload && !(drafts && f->name[0]))
		return ui_readtext(-1, fn);
	long long left = r->next_idle - now_ms();
	if (left <= 0 || left > IDLE_MS) {
		idle(f, r);
		r->next_idle = now_ms() + IDLE_MS;
		return ERR;
	}
	return ui_readtext((int)left, fn);
}

/* Moves the focus by dir over fields that take it; wrap goes round the ends. */
static void move_focus(form *f, int dir, int wrap)
{
	int i = f->focus;
	for (int step = 0; step < f->n; step++) {
		i += dir;
		if (i < 0 || i >= f->n) {
			if (!wrap)
				return;
			i = i < 0 ? f->n - 1 : 0;
		}
		if (!f->fld[i].readonly) {
			f->focus = i;
			return;
		}
	}
}

static void changed(form *f, int i)
{
	if (f->bad == i)
		f->bad = -1;
}

static void open_choice(form *f, const char *filter)
{
	struct form_field *fl = &f->fld[f->focus];
	if (!fl->d.choices)
		return;
	fchoice pick;
	int r = ui_choice(fl->d.label, fl->d.choices, fl->d.choice_ctx, filter, fl->v.id, &pick, backdrop, f);
	touchwin(stdscr);
	if (r < 0 || (r > 0 && ledit_set(&fl->ed, pick.label) < 0)) {
		ui_msg(ST_ERROR, "%s", _("Out of memory."));
		return;
	}
	if (r > 0) {
		fl->v.id = pick.id;
		fl->v.text = ledit_text(&fl->ed);
		changed(f, f->focus);
	}
}

/* Keys that belong to the focused field; 1 if used. A pasted key (text:
 * a character or '\n') goes only into a field that takes text; a new line
 * in a one-line field becomes a space. */
static int field_key(form *f, int k, int fn, int pasted)
{
	struct form_field *fl = &f->fld[f->focus];
	if (fl->readonly)
		return 0;
	if (pasted && (fl->d.kind == FK_BOOL || (fl->d.kind == FK_CHOICE && k == '\n')))
		return 0;
	if (pasted && k == '\n' && fl->d.kind != FK_TEXTAREA)
		k = ' ';
	if (fl->d.kind == FK_CHOICE) {
		char first[5] = "";
		if (!fn && k == '\n') {
			open_choice(f, "");
		} else if (!fn && ledit_printable(k)) {
			if (k != ' ')
				first[text_encode((uint32_t)k, first)] = '\0';
			open_choice(f, first);
		} else if (fn && (k == KEY_BACKSPACE || k == KEY_DC) && !fl->d.required && fl->v.id) {
			fl->v.id = 0;
			if (ledit_set(&fl->ed, "") < 0)
				ui_msg(ST_ERROR, "%s", _("Out of memory."));
			changed(f, f->focus);
		} else {
			return 0;
		}
		return 1;
	}
	if (fl->d.kind == FK_BOOL) {
		if (fn || k != ' ')
			return 0;
		fl->v.on = !fl->v.on;
		changed(f, f->focus);
		return 1;
	}
	int r = ledit_key(&fl->ed, fn ? LE_FN(k) : k);
	if (r > 0) {
		fl->v.text = ledit_text(&fl->ed);
		changed(f, f->focus);
	} else if (r < 0) {
		ui_msg(ST_ERROR, "%s", _("Out of memory."));
	} else if (!fn && ledit_printable(k) && fl->ed.maxlen > 0) {
		ui_msg(ST_WARN, _("%s: at most %d characters."), fl->d.label, fl->ed.maxlen);
	}
	return r != 0 || (!fn && ledit_printable(k));
}

/* Marks the field at fault after a failed save: the one whose column e
 * names, else the one the save function chose (bad, -1: none). */
static void mark_bad(form *f, int bad, const kerr *e)
{
	for (int i = 0; e && i < f->n; i++)
		if (f->fld[i].d.col && kerr_is_field(e, f->fld[i].d.col)) {
			bad = i;
			break;
		}
	if (bad >= 0 && bad < f->n) {
		f->focus = bad;
		f->bad = bad;
	}
}

/* "See their version": the record as saved now, in the same fields, read
 * only, until a key other than the arrows. */
static void show_theirs(form *f)
{
	fdesc *d = calloc(f->n > 0 ? (size_t)f->n : 1, sizeof *d);
	char title[600];
	snprintf(title, sizeof title, _("Their version (read-only): %s"), f->title);
	for (int i = 0; d && i < f->n; i++)
		d[i] = f->fld[i].d;
	form *t = d ? form_new(f->name, title, d, f->n) : NULL;
	free(d);
	int64_t v;
	kerr e;
	kerr_clear(&e);
	if (!t || f->reload(f->reload_ctx, t, &v, &e) != KE_OK) {
		ui_msg(ST_ERROR, "%s", t ? e.msg : _("Out of memory."));
		form_free(t);
		return;
	}
	for (int i = 0; i < t->n; i++)
		form_set_readonly(t, i, 1);
	ui_msg(ST_HINT, "%s", _("This is the record as it is saved now."));
	int old_cursor = curs_set(0);
	for (;;) {
		if (ui_too_small())
			ui_draw_too_small();
		else {
			draw(t);
			doupdate();
		}
		int fn, k = ui_readkey(-1, &fn);
		if (k == ERR || (fn && k == KEY_RESIZE))
			continue;
		if (fn && (k == KEY_DOWN || k == KEY_UP) && t->n > 0) {
			int to = t->focus + (k == KEY_DOWN ? 1 : -1);
			if (to >= 0 && to < t->n)
				t->focus = to;
			continue;
		}
		break;
	}
	if (old_cursor != ERR)
		curs_set(old_cursor);
	ui_msg_clear();
	form_free(t);
}

/* The save met someone else's change (e: who and when). Asks what to do
 * until the person chooses; 1 when the form got saved. */
static int resolve_conflict(form *f, form_save_fn save, void *ctx, kerr *e)
{
	for (;;) {
		char text[sizeof e->msg];
		snprintf(text, sizeof text, "%s", e->msg);
		int k = ui_box(text, _("s: see their version   b: back to editing   o: overwrite theirs"), "sbto",
				 backdrop, f);
		if (k == 's') {
			show_theirs(f);
			continue;
		}
		if (k != 'o') {
			ui_msg(ST_WARN, "%s", _("Back to your text; nothing is saved yet."));
			return 0;
		}
		int64_t v = 0;
		kerr_clear(e);
		if (f->reload(f->reload_ctx, NULL, &v, e) != KE_OK) {
			ui_msg(ST_ERROR, "%s", e->msg);
			return 0;
		}
		f->version = v;
		int bad = -1;
		kerr_clear(e);
		kcode c = save(ctx, f, &bad, e);
		if (c == KE_OK)
			return 1;
		if (c != KE_CONFLICT) {
			mark_bad(f, bad, e);
			ui_msg(ST_ERROR, "%s", e->msg[0] ? e->msg : _("Could not save."));
			return 0;
		}
	}
}

/* 1 when saved. */
static int try_save(form *f, form_save_fn save, void *ctx)
{
	kerr e;
	int bad = -1;
	kerr_clear(&e);
	if (form_validate(f, &bad, &e) != KE_OK) {
		mark_bad(f, bad, NULL);
		ui_msg(ST_ERROR, "%s", e.msg);
		return 0;
	}
	f->bad = -1;
	if (!save)
		return 1;
	bad = -1;
	kerr_clear(&e);
	kcode c = save(ctx, f, &bad, &e);
	if (c == KE_OK)
		return 1;
	if (c == KE_CONFLICT && f->reload)
		return resolve_conflict(f, save, ctx, &e);
	mark_bad(f, bad, &e);
	ui_msg(ST_ERROR, "%s", e.msg[0] ? e.msg : _("Could not save."));
	return 0;
}

/* -1 to go on, 0 to leave without saving, 1 when saved. */
static int handle(form *f, int k, int fn, form_save_fn save, void *ctx)
{
	ui_msg_clear();
	if (ui_pasted()) { /* text for the field, never a key that saves, leaves or moves */
		if (f->n > 0)
			field_key(f, k, fn, 1);
		return -1;
	}
	if ((!fn && k == KEY_CTRL('s')) || (fn && k == KEY_F(2)))
		return try_save(f, save, ctx) ? 1 : -1;
	if (!fn && k == KEY_ESC)
		return !form_dirty(f) || ui_confirm(_("Throw away your changes?")) ? 0 : -1;
	if (f->keys && (fn ? k >= KEY_F(1) && k <= KEY_F(12) : k < ' ' && k != '\t' && k != '\n')) {
		int used = f->keys(f->keys_ctx, f, k, fn);
		if (used)
			return used == 2 ? 1 : -1;
	}
	if (f->n == 0)
		return -1;
	if (!fn && k == '\t')
		move_focus(f, 1, 1);
	else if (fn && k == KEY_BTAB)
		move_focus(f, -1, 1);
	else if (field_key(f, k, fn, 0))
		return -1;
	else if ((fn && k == KEY_DOWN) || (!fn && k == '\n')) {
		int was = f->focus;
		move_focus(f, 1, 0);
		if (was == f->focus && !fn)
			ui_msg(ST_HINT, "%s", _("Press Ctrl-S to save."));
	} else if (fn && k == KEY_UP)
		move_focus(f, -1, 0);
	return -1;
}

/* A draft left from before (a dropped connection): offered back, or
 * restored at once when the person chose it at the start. A restored
 * draft brings the version of the record it was typed against: the save
 * names that version, so a change someone else saved since then goes
 * through the conflict dialog like any other, and the notice says so at
 * once. */
static void offer_draft(form *f, struct run *r)
{
	char when[64] = "", q[400];
	int ask = 1;
	int64_t version = 0;
	if (!drafts || !f->name[0])
		return;
	char *data = drafts->load(f, when, sizeof when, &ask, &version);
	if (!data)
		return;
	int k = 'j';
	if (ask) {
		paint(f);
		snprintf(q, sizeof q, _("You have an unsaved draft of this form from %s. Restore it?"), when);
		k = ui_box(q, _("y: yes, restore it   n: no, throw it away   Enter, Esc: not now"), "yn", backdrop, f);
	}
	if (k == KEY_ESC) { /* undecided: kept until something new is typed */
		free(data);
		return;
	}
	if (k != 'n' && form_restore(f, data) == 0) {
		ui_msg(ST_OK, _("Your draft from %s is back; Ctrl-S saves it."), when);
		r->kept = data;
		f->version = version;
		check_changed(f);
		return;
	}
	if (k != 'n')
		ui_msg(ST_WARN, "%s", _("The draft does not fit this form any more and is thrown away."));
	drafts->drop(f);
	free(data);
}

void form_save_draft_now(void)
{
	if (!running || !drafts || !running->name[0] || !form_dirty(running))
		return;
	char *data = form_serialize(running);
	if (data)
		drafts->save(running, data);
	free(data);
}

int form_run(form *f, form_save_fn save, void *ctx)
{
	int old_cursor = curs_set(1), result = -1;
	form *outer = running;
	struct run r = { now_ms() + IDLE_MS, NULL };
	if (f->n > 0 && f->fld[f->focus].readonly)
		move_focus(f, 1, 1);
	running = f;
	offer_draft(f, &r);
	while (result < 0) {
		paint(f);
		int fn, k = read_key(f, &fn, &r);
		if (k == ERR || (fn && k == KEY_RESIZE) || ui_too_small())
			continue;
		result = handle(f, k, fn, save, ctx);
	}
	/* Saved, or thrown away with Esc: the draft has served. */
	if (drafts && f->name[0] && (result == 1 || r.kept))
		drafts->drop(f);
	free(r.kept);
	running = outer;
	if (old_cursor != ERR)
		curs_set(old_cursor);
	return result;
}
