/* ui_checklist.c — see ui_checklist.h: the pop-up, and an activity's
 * competence areas and target professions kept with it. The ticks are
 * edited on a copy, so Esc leaves the caller's items untouched. */
#include "db_activity.h"
#include "db_org.h"
#include "ui_checklist.h"
#include "i18n.h"
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct checklist {
	const char *title;
	int *on;            /* the ticks being edited */
	const clitem *items;
	int n, sel, top, max_on;
	char note[200];     /* a refusal, shown until the next key */
};

static int ticked(const struct checklist *c)
{
	int k = 0;
	for (int i = 0; i < c->n; i++)
		k += c->on[i] != 0;
	return k;
}

static void draw(struct checklist *c, WINDOW *w, int rows)
{
	int wd = getmaxx(w);
	werase(w);
	ui_border(w);
	wattron(w, ui_style(ST_HEADER));
	ui_put(w, 0, 2, wd - 4, c->title, 0);
	wattroff(w, ui_style(ST_HEADER));
	ui_scroll_to(&c->top, c->sel, rows);
	for (int i = 0; i < rows && c->top + i < c->n; i++) {
		int k = c->top + i;
		char line[300];
		snprintf(line, sizeof line, "[%s] %s", c->on[k] ? "x" : " ", c->items[k].label);
		attr_t a = k == c->sel ? ui_style(ST_SELECTED) : A_NORMAL;
		wattron(w, a);
		ui_put(w, 1 + i, 1, wd - 2, line, 1);
		wattroff(w, a);
	}
	char status[300];
	if (c->note[0])
		snprintf(status, sizeof status, "%s", c->note);
	else
		snprintf(status, sizeof status, _("%d ticked · Space ticks · Enter keeps · Esc leaves"), ticked(c));
	wattron(w, ui_style(c->note[0] ? ST_WARN : ST_DIM));
	ui_put(w, getmaxy(w) - 2, 1, wd - 2, status, 1);
	wattroff(w, ui_style(c->note[0] ? ST_WARN : ST_DIM));
	wmove(w, 1 + c->sel - c->top, 2);
	wrefresh(w);
}

static void toggle(struct checklist *c)
{
	if (c->n == 0)
		return;
	if (!c->on[c->sel] && c->max_on && ticked(c) >= c->max_on) {
		snprintf(c->note, sizeof c->note, _("At most %d can be ticked."), c->max_on);
		return;
	}
	c->on[c->sel] = !c->on[c->sel];
}

/* One key; 1 keep, 0 leave, -1 go on. */
static int key(struct checklist *c, int k, int rows)
{
	int page = rows > 1 ? rows - 1 : 1;
	c->note[0] = '\0';
	switch (k) {
	case KEY_ESC: case 'q': return 0;
	case '\n': case KEY_CTRL('s'): case KEY_F(2): return 1;
	case ' ': case 'x': toggle(c); break;
	case KEY_UP: case 'k': c->sel -= c->sel > 0; break;
	case KEY_DOWN: case 'j': c->sel += c->sel < c->n - 1; break;
	case KEY_PPAGE: c->sel = c->sel > page ? c->sel - page : 0; break;
	case KEY_NPAGE: c->sel = c->sel + page < c->n ? c->sel + page : (c->n ? c->n - 1 : 0); break;
	case KEY_HOME: case 'g': c->sel = 0; break;
	case KEY_END: case 'G': c->sel = c->n ? c->n - 1 : 0; break;
	}
	return -1;
}

int ui_checklist(const char *title, clitem *items, int n, int max_on)
{
	struct checklist c = { .title = title, .items = items, .n = n, .max_on = max_on };
	c.on = calloc((size_t)(n ? n : 1), sizeof *c.on);
	if (!c.on) {
		ui_msg(ST_ERROR, "%s", _("Out of memory."));
		return 0;
	}
	for (int i = 0; i < n; i++)
		c.on[i] = items[i].on;
	int result = -1;
	WINDOW *w = NULL;
	/* One window while the size holds: reading a key refreshes stdscr, so
	 * stdscr is touched only when the window is made anew. */
	while (result < 0) {
		if (ui_too_small()) {
			ui_draw_too_small();
			if (ui_getkey(-1) == KEY_ESC)
				result = 0;
			continue;
		}
		int ph = n + 4 < LINES - 2 ? n + 4 : LINES - 2, pw = COLS - 4 < 70 ? COLS - 4 : 70;
		if (!w && !(w = newwin(ph, pw, (LINES - ph) / 2, (COLS - pw) / 2))) {
			result = 0;
			break;
		}
		int rows = ph - 3; /* border, status line, border */
		draw(&c, w, rows);
		int k = ui_getkey(-1);
		if (k == KEY_RESIZE) {
			delwin(w);
			w = NULL;
			clear();
			refresh();
			continue;
		}
		if (k != ERR)
			result = key(&c, k, rows);
	}
	if (w)
		delwin(w);
	if (result == 1)
		for (int i = 0; i < n; i++)
			items[i].on = c.on[i];
	free(c.on);
	touchwin(stdscr);
	return result;
}

/* ---- an activity's competence areas and target professions ---- */


/* Every competence area, or every profession, as unticked items. */
static int register_items(int professions, clitem **out, int *n)
{
	named_rec *r = NULL;
	int got = 0;
	kerr e;
	kpage pg = { .limit = 500 };
	if (professions ? profession_list(app->db, &app->who, &pg, &r, &got, &e)
			: competence_list(app->db, &app->who, &r, &got, &e)) {
		ui_msg(ST_ERROR, "%s", e.msg);
		return -1;
	}
	*out = calloc((size_t)(got ? got : 1), sizeof **out);
	if (!*out) {
		named_rows_free(r, got);
		ui_msg(ST_ERROR, "%s", _("Out of memory."));
		return -1;
	}
	for (int i = 0; i < got; i++) {
		(*out)[i].id = r[i].id;
		snprintf((*out)[i].label, sizeof (*out)[i].label, "%s", r[i].name);
	}
	*n = got;
	named_rows_free(r, got);
	return 0;
}

int ui_activity_links(int64_t activity_id, int professions)
{
	activity_rec a;
	kerr e;
	if (ui_failed(activity_get(app->db, &app->who, activity_id, &a, &e), &e))
		return 0;
	clitem *items;
	int n = 0, saved = 0;
	int64_t *ids = professions ? a.profession_ids : a.competence_ids;
	int *count = professions ? &a.n_professions : &a.n_competences;
	int max = professions ? 16 : 8;
	if (register_items(professions, &items, &n) == 0) {
		for (int i = 0; i < n; i++)
			for (int j = 0; j < *count; j++)
				items[i].on |= items[i].id == ids[j];
		char title[300];
		snprintf(title, sizeof title, professions ? _("Professions %s is for") : _("Competence areas of %s"),
			 a.title);
		if (ui_checklist(title, items, n, max)) {
			*count = 0;
			for (int i = 0; i < n && *count < max; i++)
				if (items[i].on)
					ids[(*count)++] = items[i].id;
			if (activity_save(app->db, &app->who, &a, &e))
				ui_msg(ST_ERROR, "%s", e.msg);
			else {
				ui_msg(ST_OK, "%s", _("Saved."));
				saved = 1;
			}
		}
		free(items);
	}
	activity_free(&a);
	return saved;
}

/* names of the ticked ones, ", "-joined */
static void names_of(int professions, const int64_t *ids, int count, char *buf, size_t size)
{
	clitem *items;
	int n = 0;
	size_t len = 0;
	buf[0] = '\0';
	if (register_items(professions, &items, &n))
		return;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < count; j++)
			if (items[i].id == ids[j] && len < size)
				len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "", items[i].label);
	free(items);
}

int ui_activity_links_draw(WINDOW *w, int y, int h, int wd, const activity_rec *a)
{
	char buf[1024];
	if (y < h) {
		names_of(0, a->competence_ids, a->n_competences, buf, sizeof buf);
		y = detail_line(w, y, wd, _("Competence areas"), buf[0] ? buf : "–");
	}
	if (y < h) {
		names_of(1, a->profession_ids, a->n_professions, buf, sizeof buf);
		y = detail_line(w, y, wd, _("For"), buf[0] ? buf : _("all professions"));
	}
	return y;
}
