/* ui.c — see ui.h. */
#include "ui.h"
#include "i18n.h"
#include "text.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

ui_app *app;

/* Set by the layer that keeps drafts and watches for hang-ups (ui_live.c):
 * run before and after every wait for a key. */
static void (*key_wait)(void);

void ui_set_key_wait(void (*fn)(void))
{
	key_wait = fn;
}

static void wait_hook(void)
{
	if (key_wait)
		key_wait();
}

static attr_t styles[ST_COUNT];
static char msg[512];
static enum ui_style msg_style;

/* The most rows or columns kup believes: curses keeps several cells of
 * some 30 bytes for every position, so LINES=5000 COLUMNS=5000 (any user
 * may set them) took 2 GB. Larger claims are not used. */
#define UI_MAX_SIDE 1000

static void bound_size(void)
{
	static const char *const vars[] = { "LINES", "COLUMNS" };
	for (int i = 0; i < 2; i++) {
		const char *v = getenv(vars[i]);
		char *end;
		long n = v ? strtol(v, &end, 10) : 0;
		if (v && (end == v || *end || n < 1 || n > UI_MAX_SIDE))
			unsetenv(vars[i]);
	}
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 && ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) != 0)
		return;
	char side[16];
	snprintf(side, sizeof side, "%d", UI_MAX_SIDE);
	if (ws.ws_row > UI_MAX_SIDE && !getenv("LINES"))
		setenv("LINES", side, 1);
	if (ws.ws_col > UI_MAX_SIDE && !getenv("COLUMNS"))
		setenv("COLUMNS", side, 1);
}

void ui_start(void)
{
	bound_size();
	/* Esc must answer at once; PuTTY users have no Meta to wait for. */
	set_escdelay(25);
	initscr();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	const char *nc = getenv("NO_COLOR"); /* no-color.org: set and not empty */
	int color = has_colors() && !(nc && *nc);
	if (color) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_BLACK, COLOR_CYAN);   /* bars */
		init_pair(2, COLOR_RED, -1);             /* errors */
		init_pair(3, COLOR_GREEN, -1);           /* ok */
		init_pair(4, COLOR_YELLOW, -1);          /* warnings */
		init_pair(5, COLOR_CYAN, -1);            /* headers */
		init_pair(6, COLOR_BLUE, -1);            /* hints */
	}
	styles[ST_NORMAL] = A_NORMAL;
	styles[ST_BAR] = color ? COLOR_PAIR(1) : A_REVERSE;
	styles[ST_SELECTED] = A_REVERSE;
	styles[ST_HEADER] = color ? (COLOR_PAIR(5) | A_BOLD) : A_BOLD;
	styles[ST_ERROR] = color ? (COLOR_PAIR(2) | A_BOLD) : A_BOLD;
	styles[ST_OK] = color ? COLOR_PAIR(3) : A_NORMAL;
	styles[ST_HINT] = color ? A_NORMAL : A_NORMAL;
	styles[ST_WARN] = color ? (COLOR_PAIR(4) | A_BOLD) : A_BOLD;
	styles[ST_FIELD] = A_UNDERLINE;
	styles[ST_FIELD_FOCUS] = A_REVERSE;
	styles[ST_DIM] = A_DIM;
}

void ui_stop(void)
{
	endwin();
}

attr_t ui_style(enum ui_style s)
{
	return s < ST_COUNT ? styles[s] : A_NORMAL;
}

void ui_put(WINDOW *w, int y, int x, int width, const char *s, int pad)
{
	if (width <= 0)
		return;
	char buf[1024];
	if (pad)
		text_fit_pad(s ? s : "", width, buf, sizeof buf);
	else
		text_fit(s ? s : "", width, buf, sizeof buf);
	mvwaddstr(w, y, x, buf);
}

void ui_putf(WINDOW *w, int y, int x, int width, int pad, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	ui_put(w, y, x, width, buf, pad);
}

int ui_readkey(int timeout_ms, int *is_fn)
{
	int fn = 0, k;
	wint_t ch;
	wait_hook(); /* every loop of the front end reads its keys here */
	timeout(timeout_ms);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int r = get_wch(&ch);
	if (r == ERR) {
		wait_hook();
		k = ERR;
		/* A lost terminal makes every read fail at once instead of waiting:
		 * treat many instant failures in a row as a hang-up (drafts are
		 * saved by the SIGHUP handler) rather than spin. */
		static int instant;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
		if (timeout_ms != 0 && (timeout_ms < 0 || ms < timeout_ms / 4)) {
			if (++instant >= 100)
				raise(SIGHUP);
		} else {
			instant = 0;
		}
	} else if (r == KEY_CODE_YES) {
		fn = ch != KEY_ENTER;
		k = ch == KEY_ENTER ? '\n' : (int)ch;
	} else if (ch == 8 || ch == 127) {
		fn = 1;
		k = KEY_BACKSPACE;
	} else {
		k = ch == '\r' ? '\n' : (int)ch;
	}
	if (is_fn)
		*is_fn = fn;
	return k;
}

int ui_getkey(int timeout_ms)
{
	return ui_readkey(timeout_ms, NULL);
}

void ui_msg(enum ui_style s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	msg_style = s;
}

void ui_msg_clear(void)
{
	msg[0] = '\0';
}

void ui_scroll_to(int *top, int sel, int rows)
{
	if (sel < *top)
		*top = sel;
	if (sel >= *top + rows)
		*top = sel - rows + 1;
}

int ui_failed(kcode c, const kerr *e)
{
	if (c != KE_OK)
		ui_msg(ST_ERROR, "%s", e->msg);
	return c != KE_OK;
}

const char *ui_msg_text(enum ui_style *s)
{
	if (s)
		*s = msg_style;
	return msg;
}

int ui_confirm(const char *question)
{
	for (;;) {
		int row = LINES - 2;
		attr_t a = ui_style(ST_WARN);
		wattron(stdscr, a);
		ui_putf(stdscr, row, 0, COLS, 1, "%s %s", question, _("(y/n)"));
		wattroff(stdscr, a);
		refresh();
		int k = ui_getkey(-1);
		if (k == 'y' || k == 'Y' || k == 'j' || k == 'J')
			return 1;
		if (k == 'n' || k == 'N' || k == KEY_ESC || k == KEY_CTRL('g'))
			return 0;
		/* KEY_RESIZE: loop and ask again at the new size. */
	}
}

int ui_too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS;
}

void ui_draw_too_small(void)
{
	erase();
	ui_putf(stdscr, 0, 0, COLS, 0, _("The window is too small (%dx%d)."), COLS, LINES);
	ui_putf(stdscr, 1, 0, COLS, 0, _("kup needs at least %dx%d."), UI_MIN_COLS, UI_MIN_ROWS);
	refresh();
}

void ui_money(char *buf, size_t size, long long kr)
{
	char digits[32], out[48];
	unsigned long long v = kr < 0 ? 0ULL - (unsigned long long)kr : (unsigned long long)kr;
	int n = snprintf(digits, sizeof digits, "%llu", v), k = 0;
	for (int i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			out[k++] = '.';
		out[k++] = digits[i];
	}
	out[k] = '\0';
	snprintf(buf, size, "%s%s %s", kr < 0 ? "-" : "", out, _("kr."));
}
