/* ui_box.c — see ui_box.h. */
#include "ui_box.h"
#include "i18n.h"
#include "text.h"
#include "ui.h"

#include <stdio.h>
#include <string.h>

#define BOX_LINES 12

/* Splits text at spaces into lines of at most width columns (a longer word
 * stands alone and is cut when drawn); '\n' starts a new line. */
static int wrap(const char *text, int width, char lines[][512], int max)
{
	int n = 1;
	lines[0][0] = '\0';
	for (const char *p = text; *p;) {
		if (*p == '\n' || *p == ' ') {
			if (*p++ == '\n') {
				if (n == max)
					break;
				lines[n++][0] = '\0';
			}
			continue;
		}
		size_t len = strcspn(p, " \n");
		char word[512];
		snprintf(word, sizeof word, "%.*s", (int)(len < sizeof word ? len : sizeof word - 1), p);
		p += len;
		char *line = lines[n - 1];
		size_t have = strlen(line);
		if (have && text_width(line) + 1 + text_width(word) > width) {
			if (n == max)
				break;
			line = lines[n++];
			line[0] = '\0';
			have = 0;
		}
		snprintf(line + have, 512 - have, "%s%s", have ? " " : "", word);
	}
	return n;
}

static void draw_box(const char *text, const char *keys)
{
	char lines[BOX_LINES][512];
	int w = COLS - 4 < 72 ? COLS - 4 : 72;
	int n = wrap(text, w - 4, lines, BOX_LINES);
	int h = n + 4;
	WINDOW *b = newwin(h, w, (LINES - h) / 2, (COLS - w) / 2);
	if (!b)
		return;
	wattron(b, ui_style(ST_WARN));
	ui_border(b);
	wattroff(b, ui_style(ST_WARN));
	for (int i = 0; i < n; i++)
		ui_put(b, 1 + i, 2, w - 4, lines[i], 1);
	wattron(b, ui_style(ST_HEADER));
	ui_put(b, h - 2, 2, w - 4, keys, 1);
	wattroff(b, ui_style(ST_HEADER));
	wnoutrefresh(stdscr);
	wnoutrefresh(b);
	doupdate();
	delwin(b);
}

int ui_box(const char *text, const char *keys, const char *accept, void (*backdrop)(void *), void *ctx)
{
	int old_cursor = curs_set(0), k, yes = ui_yes_key();
	int takes_yes = strchr(accept, 'y') || strchr(accept, 'j');
	ui_flush_keys(); /* keys typed before the box appeared do not answer it */
	for (;;) {
		if (ui_too_small())
			ui_draw_too_small();
		else
			draw_box(text, keys);
		int fn;
		k = ui_readkey(-1, &fn);
		if (k == ERR)
			continue;
		if (fn && k == KEY_RESIZE) {
			if (backdrop)
				backdrop(ctx);
			else
				touchwin(stdscr);
			continue;
		}
		if (fn)
			continue;
		if (k == KEY_ESC || k == '\n') {
			k = KEY_ESC;
			break;
		}
		int low = k >= 'A' && k <= 'Z' ? k | 0x20 : k;
		if (takes_yes && low == yes) {
			k = 'y';
			break;
		}
		if (low >= 'a' && low <= 'z' && low != 'y' && low != 'j' && strchr(accept, low)) {
			k = low;
			break;
		}
	}
	touchwin(stdscr);
	if (old_cursor != ERR)
		curs_set(old_cursor);
	return k;
}

int ui_ask(const char *text)
{
	return ui_box(text, _("y: yes   n, Enter, Esc: no"), "yn", NULL, NULL) == 'y';
}

int ui_ask_again(const kerr *e, const char *question)
{
	char text[sizeof e->msg + 200];
	snprintf(text, sizeof text, "%s\n%s", e->msg, question);
	return ui_ask(text);
}

