/* ui_shell.c — see ui_shell.h: screen layout (top line, pane tabs, list,
 * detail, message line, key bar), key dispatch through the action tables,
 * the view stack of each pane, the filter prompt and the help screen. The
 * panes themselves come from the top (ui_panes.c) as a table. */
#include "ui_shell.h"
#include "i18n.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The panes and the views behind the global keys, from the top. */
static const ui_top *ui;
#define DEPTH 8

static const action global_actions[] = {
	{ A_HELP, N_("Help"), N_("Show the keys of this screen"), { '?', KEY_F(1) }, 1 },
	{ A_QUIT, N_("Quit"), N_("Quit kup"), { 'q' }, 1 },
	{ A_FILTER, N_("Search"), N_("Filter the list as you type (Esc clears)"), { '/' }, 1 },
	{ A_ADMIN, N_("Admin"), N_("Keep units, professions, competence and focus areas (admins)"), { 'a' }, 1 },
	{ A_HISTORY, N_("History"), N_("Show who changed the selected record and how, newest first"), { 'h' }, 1 },
	{ A_BACK, N_("Back"), N_("Clear the filter, or go back from an open record"), { KEY_ESC, KEY_LEFT }, 0 },
	{ A_UP, N_("Up"), N_("Move up one row"), { KEY_UP, 'k' }, 0 },
	{ A_DOWN, N_("Down"), N_("Move down one row"), { KEY_DOWN, 'j' }, 0 },
	{ A_PGUP, N_("Page up"), N_("Move up one page"), { KEY_PPAGE, KEY_CTRL('b') }, 0 },
	{ A_PGDN, N_("Page down"), N_("Move down one page"), { KEY_NPAGE, KEY_CTRL('f'), ' ' }, 0 },
	{ A_HOME, N_("First"), N_("Go to the first row"), { KEY_HOME, 'g' }, 0 },
	{ A_END, N_("Last"), N_("Go to the last row"), { KEY_END, 'G' }, 0 },
	{ A_NEXT_PANE, N_("Next pane"), N_("Show the next pane"), { '\t' }, 0 },
	{ A_PREV_PANE, N_("Previous pane"), N_("Show the previous pane"), { KEY_BTAB }, 0 },
	{ A_YEAR_PREV, N_("Year -"), N_("Show the year before"), { '[' }, 0 },
	{ A_YEAR_NEXT, N_("Year +"), N_("Show the year after"), { ']' }, 0 },
	{ A_REFRESH, N_("Redraw"), N_("Read the data again and redraw the screen"), { KEY_CTRL('l') }, 0 },
	ACTION_END,
};

static view *stack[UI_MAX_PANES][DEPTH];
static int depth[UI_MAX_PANES];
static int cur;

static view *shown(void)
{
	return stack[cur][depth[cur] - 1];
}

/* ---- the action tables ---- */

/* Global actions that not every role may use. */
static int global_allowed(const action *a)
{
	return a->id != A_ADMIN || app->who.role == ROLE_ADMIN;
}

static int allowed(view *v, const action *a, const lrow *sel)
{
	if (a->id == A_HISTORY) /* any record of an audited table; the data layer decides */
		return v->ops->table && sel;
	return global_allowed(a) && (!v->ops->allowed || v->ops->allowed(v, a->id, sel));
}

static const action *find_action(view *v, int key)
{
	const action *tables[] = { v->ops->actions, global_actions };
	for (int t = 0; t < 2; t++)
		for (const action *a = tables[t]; a && a->id; a++)
			for (int i = 0; i < 4 && a->keys[i]; i++)
				if (a->keys[i] == key)
					return a;
	return NULL;
}

static int pane_for_key(int k)
{
	for (int p = 0; p < ui->npanes; p++)
		if (ui->panes[p].key == k)
			return p;
	return -1;
}

/* The pane a key shows, for jumps between panes (-1: none). */
int ui_pane_index(int key)
{
	return pane_for_key(key);
}

/* ---- drawing ---- */

static int list_rows, list_cols, detail_y, detail_x, detail_h, detail_w;

static void layout(void)
{
	int body = LINES - 5; /* top, tabs, header, message, key bar */
	if (COLS >= 120) {
		list_cols = COLS * 11 / 20;
		list_rows = body;
		detail_y = 2;
		detail_x = list_cols + 1;
		detail_h = body + 1;
		detail_w = COLS - detail_x;
	} else {
		list_cols = COLS;
		list_rows = body / 2;
		detail_y = 3 + list_rows + 1;
		detail_x = 0;
		detail_h = LINES - 2 - detail_y;
		detail_w = COLS;
	}
}

static void draw_top(void)
{
	char buf[512];
	attr_t bar = ui_style(ST_BAR);
	wattron(stdscr, bar);
	snprintf(buf, sizeof buf, " kup │ %s │ %s (%s) │ %d%s", app->dbpath, app->who.name,
		 role_name(app->who.role), app->year,
		 db_is_readonly(app->db) ? _(" │ READ-ONLY") : "");
	ui_put(stdscr, 0, 0, COLS, buf, 1);
	wattroff(stdscr, bar);

	int x = 0;
	move(1, 0);
	clrtoeol();
	view *v = shown();
	char tail[400] = "";
	if (depth[cur] > 1)
		snprintf(tail, sizeof tail, "› %s: %s", _(v->title), v->subtitle);
	else if (v->list.filter[0])
		snprintf(tail, sizeof tail, "/%s", v->list.filter);
	/* When the tabs and the breadcrumb do not both fit, the
	 * other panes show only their key, so where one is stays readable. */
	int full = 0;
	for (int i = 0; i < ui->npanes; i++) {
		snprintf(buf, sizeof buf, " %c %s ", ui->panes[i].key, _(ui->panes[i].name));
		full += text_width(buf) + 1;
	}
	int compact = full + text_width(tail) > COLS;
	for (int i = 0; i < ui->npanes; i++) {
		if (compact && i != cur)
			snprintf(buf, sizeof buf, " %c ", ui->panes[i].key);
		else
			snprintf(buf, sizeof buf, " %c %s ", ui->panes[i].key, _(ui->panes[i].name));
		if (i == cur)
			attron(ui_style(ST_SELECTED));
		ui_put(stdscr, 1, x, COLS - x, buf, 0);
		if (i == cur)
			attroff(ui_style(ST_SELECTED));
		x += text_width(buf) + 1;
	}
	if (tail[0] && x < COLS) {
		if (depth[cur] > 1)
			attron(ui_style(ST_HEADER));
		ui_put(stdscr, 1, x, COLS - x, tail, 0);
		if (depth[cur] > 1)
			attroff(ui_style(ST_HEADER));
	}
}

static void draw_keybar(view *v, const lrow *sel)
{
	char buf[1024] = "", kb[32];
	size_t len = 0;
	const action *tables[] = { v->ops->actions, global_actions };
	for (int t = 0; t < 2; t++)
		for (const action *a = tables[t]; a && a->id; a++)
			if (a->bar && allowed(v, a, sel) && len < sizeof buf - 64)
				len += (size_t)snprintf(buf + len, sizeof buf - len, "%s %s  ",
							key_label(a->keys[0], kb, sizeof kb), _(a->label));
	if (depth[cur] > 1)
		snprintf(buf + len, sizeof buf - len, "Esc %s", _("Back"));
	attron(ui_style(ST_BAR));
	ui_put(stdscr, LINES - 1, 0, COLS, buf, 1);
	attroff(ui_style(ST_BAR));
}

static void draw_message(void)
{
	enum ui_style s;
	const char *m = ui_msg_text(&s);
	move(LINES - 2, 0);
	clrtoeol();
	if (*m) {
		attron(ui_style(s));
		ui_put(stdscr, LINES - 2, 0, COLS, m, 0);
		attroff(ui_style(s));
	}
}

static void draw(void)
{
	if (ui_too_small()) {
		ui_draw_too_small();
		return;
	}
	layout();
	view *v = shown();
	if (v->list.cap != list_rows || v->list.width != list_cols)
		list_resize(&v->list, list_rows, list_cols);
	erase();
	draw_top();

	char hdr[512] = "";
	if (v->ops->header)
		v->ops->header(v, hdr, sizeof hdr, list_cols);
	attron(ui_style(ST_HEADER));
	ui_put(stdscr, 2, 0, list_cols, hdr, 1);
	attroff(ui_style(ST_HEADER));
	for (int i = 0; i < v->list.n; i++) {
		attr_t a = i == v->list.sel ? ui_style(ST_SELECTED) : ui_style(v->list.rows[i].style);
		attron(a);
		ui_put(stdscr, 3 + i, 0, list_cols, v->list.rows[i].text, 1);
		attroff(a);
	}
	if (v->list.n == 0) {
		attron(ui_style(ST_DIM));
		const char *none = v->ops->empty ? _(v->ops->empty) : _("Nothing here yet.");
		ui_put(stdscr, 3, 0, list_cols, v->list.filter[0] ? _("Nothing matches the filter.") : none, 0);
		attroff(ui_style(ST_DIM));
	}
	if (v->list.err.code)
		ui_msg(ST_ERROR, "%s", v->list.err.msg);

	const lrow *sel = list_selected(&v->list);
	if (COLS >= 120) {
		ui_vline(stdscr, 2, list_cols, detail_h);
	} else {
		attron(ui_style(ST_DIM));
		ui_hline(stdscr, detail_y - 1, 0, COLS);
		attroff(ui_style(ST_DIM));
	}
	if (sel && v->ops->detail && detail_h > 0 && detail_w > 0) {
		WINDOW *d = derwin(stdscr, detail_h, detail_w, detail_y, detail_x);
		if (d) {
			v->ops->detail(v, d, detail_h, detail_w, sel);
			delwin(d);
		}
	}
	draw_message();
	draw_keybar(v, sel);
	/* The terminal cursor rests on the selected row for screen readers. */
	move(3 + (v->list.n ? v->list.sel : 0), 0);
	refresh();
}

/* ---- the help screen, generated from the action tables ---- */

static int help_lines(view *v, const lrow *sel, char lines[][256], int max)
{
	int n = 0;
	char kb[32];
	const action *tables[] = { v->ops->actions, global_actions };
	const char *heads[] = { _(v->title), _("Everywhere") };
	for (int t = 0; t < 2; t++) {
		if (n < max)
			snprintf(lines[n++], 256, "%s", heads[t]);
		for (const action *a = tables[t]; a && a->id && n < max; a++) {
			if (!allowed(v, a, sel))
				continue;
			char keys[96] = "";
			size_t len = 0;
			for (int i = 0; i < 4 && a->keys[i]; i++)
				len += (size_t)snprintf(keys + len, sizeof keys - len, "%s%s", i ? " " : "",
							key_label(a->keys[i], kb, sizeof kb));
			char pad[64];
			text_fit_pad(keys, 20, pad, sizeof pad);
			snprintf(lines[n++], 256, "  %s %s", pad, _(a->help));
		}
		if (t == 1)
			for (int p = 0; p < ui->npanes && n < max; p++) {
				char k[2] = { (char)ui->panes[p].key, 0 }, pad[64], what[160];
				text_fit_pad(k, 20, pad, sizeof pad);
				snprintf(what, sizeof what, _("Show pane %c, %s"), ui->panes[p].key, _(ui->panes[p].name));
				snprintf(lines[n++], 256, "  %s %s", pad, what);
			}
		if (n < max)
			lines[n++][0] = '\0';
	}
	return n;
}

static void help(view *v, const lrow *sel)
{
	static char lines[96][256];
	int n = help_lines(v, sel, lines, 96), first = 0;
	for (;;) {
		if (ui_too_small()) {
			ui_draw_too_small();
		} else {
			erase();
			attron(ui_style(ST_BAR));
			ui_putf(stdscr, 0, 0, COLS, 1, " kup │ %s", _("Help"));
			attroff(ui_style(ST_BAR));
			int rows = LINES - 2;
			for (int i = 0; i < rows && first + i < n; i++)
				ui_put(stdscr, 1 + i, 0, COLS, lines[first + i], 1);
			attron(ui_style(ST_BAR));
			ui_put(stdscr, LINES - 1, 0, COLS, _("↑↓ scroll  q Esc ? close help"), 1);
			attroff(ui_style(ST_BAR));
			move(1, 0);
			refresh();
		}
		int k = ui_getkey(-1);
		int rows = LINES - 2;
		if (k == 'q' || k == KEY_ESC || k == '?' || k == '\n')
			return;
		if ((k == KEY_DOWN || k == 'j' || k == ' ' || k == KEY_NPAGE) && first + rows < n)
			first += k == KEY_DOWN || k == 'j' ? 1 : rows;
		if ((k == KEY_UP || k == 'k' || k == KEY_PPAGE) && first > 0)
			first -= k == KEY_PPAGE ? (first < rows ? first : rows) : 1;
	}
}

/* ---- every key, for the manual's checks ---- */

static void keys_line(FILE *f, const char *kind, const action *a)
{
	char kb[32];
	fprintf(f, "%s\t", kind);
	for (int i = 0; i < 4 && a->keys[i]; i++)
		fprintf(f, "%s%s", i ? ", " : "", key_label(a->keys[i], kb, sizeof kb));
	fprintf(f, "\t%s\t%s\n", _(a->label), _(a->help));
}

void ui_shell_keys(FILE *f, const ui_top *top, const view_kind *const kinds[])
{
	for (const action *a = global_actions; a->id; a++)
		keys_line(f, "global", a);
	for (int p = 0; p < top->npanes; p++) {
		char what[160];
		snprintf(what, sizeof what, _("Show pane %c, %s"), top->panes[p].key, _(top->panes[p].name));
		fprintf(f, "global\t%c\t%s\t%s\n", top->panes[p].key, _(top->panes[p].name), what); /* untranslated: the screen's name, for the docs test */
	}
	for (int k = 0; kinds[k]; k++)
		for (const view_kind *v = kinds[k]; v->name; v++)
			for (const action *a = v->ops->actions; a && a->id; a++)
				keys_line(f, v->name, a);
}

/* ---- the filter prompt: the list narrows with every key ---- */

static void filter_prompt(view *v)
{
	char buf[128];
	snprintf(buf, sizeof buf, "%s", v->list.filter);
	for (;;) {
		ui_msg(ST_NORMAL, "%s: %s", _("Search"), buf);
		draw();
		if (!ui_too_small()) {
			move(LINES - 2, text_width(_("Search")) + 2 + text_width(buf));
			refresh();
		}
		int fn = 0;
		int k = ui_readtext(-1, &fn);
		if (ui_pasted() && k == '\n') /* pasted text narrows; it never ends the search */
			k = ' ';
		if (k == '\n' || (fn && (k == KEY_UP || k == KEY_DOWN))) {
			ui_msg_clear();
			return;
		}
		if (k == KEY_ESC) {
			buf[0] = '\0';
			list_set_filter(&v->list, buf);
			ui_msg_clear();
			return;
		}
		size_t len = strlen(buf);
		if (fn && k == KEY_BACKSPACE) {
			while (len > 0 && (buf[len - 1] & 0xC0) == 0x80)
				len--;
			if (len > 0)
				len--;
			buf[len] = '\0';
		} else if (k == KEY_CTRL('u')) {
			buf[0] = '\0';
		} else if (!fn && k >= 32 && k != 127 && (k < 0x80 || k > 0x9f)) {
			char u[5] = { 0 };
			size_t ul = text_encode((uint32_t)k, u);
			if (len + ul < sizeof buf) {
				memcpy(buf + len, u, ul);
				buf[len + ul] = '\0';
			}
		} else {
			continue;
		}
		list_set_filter(&v->list, buf);
	}
}

/* ---- views and panes ---- */

void ui_push(view *v)
{
	if (!v)
		return;
	if (depth[cur] >= DEPTH) {
		if (v->ops->close)
			v->ops->close(v);
		list_free(&v->list);
		free(v);
		return;
	}
	stack[cur][depth[cur]++] = v;
	v->list.cap = 0; /* sized at the next draw */
}

static void pop(void)
{
	if (depth[cur] <= 1)
		return;
	view *v = stack[cur][--depth[cur]];
	if (v->ops->close)
		v->ops->close(v);
	list_free(&v->list);
	free(v);
}

/* Lists not yet sized are read at their first draw. */
static void reload(view *v)
{
	if (v->list.cap)
		list_reload(&v->list);
}

static void reload_all(void)
{
	for (int p = 0; p < ui->npanes; p++)
		for (int d = 0; d < depth[p]; d++)
			reload(stack[p][d]);
}

/* Does what an action asked for (UI_* bits); v is the view that acted,
 * gone after UI_POP. The one place lists are read again after a change. */
static void follow(view *v, int what)
{
	if (what & UI_POP) {
		pop();
		v = shown();
	}
	if ((what & UI_RELOAD_ALL) == UI_RELOAD_ALL)
		reload_all();
	else if (what & (UI_RELOAD_VIEW | UI_POP))
		reload(v);
	if (what & UI_REDRAW)
		clearok(curscr, TRUE);
}

void ui_show_in_pane(int pane, const char *key, int64_t id)
{
	cur = pane;
	while (depth[cur] > 1)
		pop();
	view *v = shown();
	v->list.filter[0] = '\0';
	if (!v->list.cap)
		draw();
	list_select_id(&v->list, key, id);
}

/* Runs the action; returns what must follow (UI_* bits). */
static int dispatch(view *v, const action *a, int key)
{
	const lrow *sel = list_selected(&v->list);
	if (!allowed(v, a, sel)) {
		const char *why = v->ops->why_not ? v->ops->why_not(v, a->id, sel) : NULL;
		ui_msg(ST_WARN, "%s", why ? why : _("Not allowed: your role does not permit this."));
		return UI_NOTHING;
	}
	switch (a->id) {
	case A_QUIT: app->quit = 1; return UI_NOTHING;
	case A_HELP: help(v, sel); return UI_NOTHING;
	case A_UP: list_move(&v->list, -1); return UI_NOTHING;
	case A_DOWN: list_move(&v->list, 1); return UI_NOTHING;
	case A_PGUP: list_move(&v->list, -(v->list.cap > 1 ? v->list.cap - 1 : 1)); return UI_NOTHING;
	case A_PGDN: list_move(&v->list, v->list.cap > 1 ? v->list.cap - 1 : 1); return UI_NOTHING;
	case A_HOME: list_home(&v->list); return UI_NOTHING;
	case A_END: list_end(&v->list); return UI_NOTHING;
	case A_FILTER: filter_prompt(v); return UI_NOTHING;
	case A_NEXT_PANE: cur = (cur + 1) % ui->npanes; return UI_NOTHING;
	case A_PREV_PANE: cur = (cur + ui->npanes - 1) % ui->npanes; return UI_NOTHING;
	case A_YEAR_PREV: case A_YEAR_NEXT:
		app->year += a->id == A_YEAR_NEXT ? 1 : -1;
		return UI_RELOAD_ALL;
	case A_REFRESH: return UI_RELOAD_ALL | UI_REDRAW;
	case A_ADMIN: ui_push(ui->admin()); return UI_NOTHING;
	case A_HISTORY: ui_push(ui->history(v->ops->table, sel->id, sel->text)); return UI_NOTHING;
	case A_BACK:
		if (v->list.filter[0])
			list_set_filter(&v->list, "");
		else if (depth[cur] > 1)
			return UI_POP;
		else if (key == KEY_ESC)
			ui_msg_clear();
		return UI_NOTHING;
	}
	return v->ops->act ? v->ops->act(v, a->id, sel) : UI_NOTHING;
}

static int panes_open(void)
{
	for (int p = 0; p < ui->npanes; p++) {
		stack[p][0] = ui->panes[p].make();
		if (!stack[p][0]) {
			for (int q = 0; q < p; q++)
				free(stack[q][0]);
			return 1;
		}
		depth[p] = 1;
	}
	return 0;
}

static void panes_close(void)
{
	for (int p = 0; p < ui->npanes; p++)
		while (depth[p] > 0) {
			view *v = stack[p][--depth[p]];
			if (v->ops->close)
				v->ops->close(v);
			list_free(&v->list);
			free(v);
		}
}

/* One key of the main loop, after the checks on what was read. */
static void handle_key(int k)
{
	ui_msg_clear();
	int pane = pane_for_key(k);
	if (pane >= 0) {
		cur = pane;
		return;
	}
	view *v = shown();
	const action *act = find_action(v, k);
	if (act)
		follow(v, dispatch(v, act, k));
}

int ui_shell_run(ui_app *a, const ui_top *t)
{
	app = a;
	ui = t;
	if (panes_open())
		return 1;
	ui_start();
	live_start(ui->resumers);
	while (!app->quit) {
		draw();
		if (live_offer_drafts()) { /* drafts left from before, one a frame */
			follow(shown(), UI_RELOAD_ALL); /* a resumed form may have saved */
			continue;
		}
		int fn = 0;
		/* wake up to show others' changes (no snapshot is held) */
		int k = ui_readkey(LIVE_POLL_MS, &fn);
		if (live_tick())
			follow(shown(), UI_RELOAD_ALL);
		if (k == ERR || (fn && k == KEY_RESIZE))
			continue;
		/* A character that shares its number with a curses key (U+0101..
		 * U+01FF, such as ą) must not act as that key. */
		if (!fn && k >= KEY_MIN)
			continue;
		if (ui_too_small())
			continue;
		handle_key(k);
	}
	ui_stop();
	panes_close();
	return 0;
}

/* ---- benchmark hooks: tests/bench drives the same panes, key dispatch
 * and drawing as ui_shell_run, one step at a time and without reading
 * keys; the caller has started curses on an off-screen terminal. ---- */

int ui_shell_open(ui_app *a, const ui_top *t)
{
	app = a;
	ui = t;
	cur = 0;
	return panes_open();
}

/* A full frame of the pane, as when it is first shown. */
void ui_bench_frame(int pane)
{
	if (pane >= 0 && pane < ui->npanes)
		cur = pane;
	clearok(curscr, TRUE);
	draw();
}

/* One key as the loop handles it, and the frame that follows. */
void ui_bench_key(int key)
{
	handle_key(key);
	draw();
}

/* One keystroke of the filter prompt: the list narrows to text, redrawn. */
void ui_bench_filter(const char *text)
{
	view *v = shown();
	list_set_filter(&v->list, text);
	ui_msg(ST_NORMAL, "%s: %s", _("Search"), text);
	draw();
}

/* The record selected in the shown view (0: none), to choose test data. */
int64_t ui_bench_selected(void)
{
	const lrow *sel = list_selected(&shown()->list);
	return sel ? sel->id : 0;
}

void ui_bench_close(void)
{
	panes_close();
	ui_msg_clear();
}
