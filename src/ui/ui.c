/* ui.c — see ui.h. */
#include "ui.h"
#include "i18n.h"
#include "ui_charset.h"
#include "ui_keys.h"
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

static void paste_start(void);
static void paste_stop(void);

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

/* The line pieces, made once the character set is known. Never the
 * terminal's VT100 line-drawing set (curses' ACS_*): a terminal in UTF-8
 * mode (PuTTY, tmux with TERM=xterm) may show it as "qqqq". */
enum { L_H, L_V, L_UL, L_UR, L_LL, L_LR, L_LTEE, L_RTEE, L_COUNT };
static cchar_t line_piece[L_COUNT];

static void lines_init(void)
{
	static const wchar_t uni[L_COUNT] = { 0x2500, 0x2502, 0x250C, 0x2510, 0x2514, 0x2518, 0x251C, 0x2524 };
	static const wchar_t ascii[L_COUNT] = { '-', '|', '+', '+', '+', '+', '+', '+' };
	int utf8 = ui_utf8();
	for (int i = 0; i < L_COUNT; i++) {
		wchar_t wc[2] = { utf8 ? uni[i] : ascii[i], 0 };
		if (setcchar(&line_piece[i], wc, A_NORMAL, 0, NULL) != OK) {
			wc[0] = ascii[i];
			(void)setcchar(&line_piece[i], wc, A_NORMAL, 0, NULL); /* ASCII always converts */
		}
	}
}

void ui_border(WINDOW *w)
{
	const cchar_t *p = line_piece;
	wborder_set(w, &p[L_V], &p[L_V], &p[L_H], &p[L_H], &p[L_UL], &p[L_UR], &p[L_LL], &p[L_LR]);
}

void ui_border_rule(WINDOW *w, int y)
{
	int wd = getmaxx(w);
	mvwadd_wch(w, y, 0, &line_piece[L_LTEE]);
	mvwhline_set(w, y, 1, &line_piece[L_H], wd - 2);
	mvwadd_wch(w, y, wd - 1, &line_piece[L_RTEE]);
}

void ui_hline(WINDOW *w, int y, int x, int n)
{
	mvwhline_set(w, y, x, &line_piece[L_H], n);
}

void ui_vline(WINDOW *w, int y, int x, int n)
{
	mvwvline_set(w, y, x, &line_piece[L_V], n);
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
	lines_init();
	(void)ui_keys_define(); /* how many were missing does not matter */
	paste_start();
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
	paste_stop();
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

/* ---- reading keys: the Esc key, pasted text and bursts ----
 *
 * A person pastes text into a terminal, or a terminal sends Alt+J as ESC J:
 * either way keys arrive that nobody pressed as keys. An ESC at the head of
 * a burst (another key already waiting, read with a zero timeout) is no Esc
 * key; the key after it is marked as a burst key. Between the bracketed
 * paste markers every key is marked as pasted; control keys and ESC there
 * are dropped. Marked keys reach only readers that take text
 * (ui_readtext), as text; every other reader never sees them, so a paste
 * cannot leave a form, answer a question or act in a list. */

#define PASTE_GAP_MS 500 /* a paste whose end marker never came ends here */

static const char paste_on[] = "\033[?2004h", paste_off[] = "\033[?2004l";
static int key_paste_start, key_paste_end; /* curses codes of the markers */
static int in_paste;                     /* between the markers */
static int last_pasted;                  /* the key last returned was marked */
static struct held { int set, k, fn, marked; } held; /* a key read ahead */

static void term_write(const char *s)
{
	size_t n = strlen(s);
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, s, n);
		if (w <= 0)
			return; /* the terminal is gone; nothing to switch off */
		s += w;
		n -= (size_t)w;
	}
}

/* A code curses returns for seq: the one the terminal description gives
 * it, else the first free code above the standard keys (curses numbers a
 * terminal's extended keys from KEY_MAX up, so "free" is asked). */
static int bind_key(const char *seq)
{
	int code = key_defined(seq);
	if (code > 0)
		return code;
	for (code = KEY_MAX + 1; code < KEY_MAX + 512; code++) {
		char *bound = keybound(code, 0);
		if (!bound)
			break;
		free(bound);
	}
	return define_key(seq, code) == OK ? code : -1;
}

static struct sigaction tstp_curses; /* the suspend handler curses set up */

/* A suspend (kill -TSTP; raw mode keeps Ctrl-Z a key) hands the terminal
 * back to the shell: bracketed paste off while stopped, on again after. */
static void on_tstp(int sig)
{
	term_write(paste_off);
	tstp_curses.sa_handler(sig);
	term_write(paste_on);
}

static void paste_start(void)
{
	key_paste_start = bind_key("\033[200~");
	key_paste_end = bind_key("\033[201~");
	term_write(paste_on);
	struct sigaction now;
	if (sigaction(SIGTSTP, NULL, &now) == 0 && !(now.sa_flags & SA_SIGINFO) &&
	    now.sa_handler != SIG_DFL && now.sa_handler != SIG_IGN && now.sa_handler != on_tstp) {
		struct sigaction sa = now;
		tstp_curses = now;
		sa.sa_handler = on_tstp;
		if (sigaction(SIGTSTP, &sa, NULL) != 0)
			tstp_curses.sa_handler = SIG_DFL; /* curses' own handler stays */
	}
}

static void paste_stop(void)
{
	term_write(paste_off);
}

static long long mono_ms(void)
{
	struct timespec t;
	if (clock_gettime(CLOCK_MONOTONIC, &t) != 0)
		return 0;
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* One key from curses, waiting at most timeout_ms: Enter variants as
 * '\n', ^H and ^? as KEY_BACKSPACE; ERR when none came. */
static int get_one(int timeout_ms, int *fn)
{
	wint_t ch;
	*fn = 0;
	timeout(timeout_ms);
	int r = get_wch(&ch);
	if (r == ERR)
		return ERR;
	if (r == KEY_CODE_YES) {
		if (ch == KEY_ENTER)
			return '\n';
		*fn = 1;
		return (int)ch;
	}
	if (ch == 8 || ch == 127) {
		*fn = 1;
		return KEY_BACKSPACE;
	}
	return ch == '\r' ? '\n' : (int)ch;
}

static void hold(int k, int fn, int marked)
{
	held = (struct held){ 1, k, fn, marked };
}

/* Text a paste or burst may carry: printable characters and new lines. */
static int is_text(int k, int fn)
{
	return !fn && (k == '\n' || (k >= ' ' && k != 127 && !(k >= 0x80 && k < 0xa0)));
}

/* What an ESC with a key right behind it was. */
enum { ESC_KEY, ESC_DROP, ESC_TEXT };

/* The ESC just read had k waiting right behind it. Printable text right
 * after an ESC came in one burst with it (a paste, or Alt+letter): the ESC
 * is no Esc key and the text is marked (ESC_TEXT). An unknown key's
 * sequence (ESC [ … or ESC O …) is dropped with its ESC (ESC_DROP). A
 * control key, another ESC or a function key right after it leaves the ESC
 * the Esc key, the next key held to come after it (ESC_KEY): someone who
 * presses Esc and then Ctrl-S over a slow line gets both. */
static int after_esc(int *k, int *fn)
{
	if (*fn) {
		if (*k == key_paste_start || *k == key_paste_end) {
			hold(*k, 1, 0);
			return ESC_DROP;
		}
		hold(*k, 1, 0);
		return ESC_KEY;
	}
	if (*k == '[' || *k == 'O') { /* parameters, then the final byte */
		int f, c = get_one(0, &f);
		while (*k == '[' && c != ERR && !f && c >= 0x20 && c <= 0x3f)
			c = get_one(0, &f);
		return ESC_DROP;
	}
	if (*k != '\n' && is_text(*k, 0))
		return ESC_TEXT;
	hold(*k, 0, 0);
	return ESC_KEY;
}

static int read_key(int timeout_ms, int *is_fn, int take_text)
{
	wait_hook(); /* every loop of the front end reads its keys here */
	long long deadline = timeout_ms < 0 ? -1 : mono_ms() + timeout_ms;
	int k, fn, marked;
	for (;;) {
		long long left = deadline < 0 ? -1 : deadline - mono_ms();
		if (deadline >= 0 && left < 0)
			left = 0;
		if (held.set) {
			held.set = 0;
			k = held.k;
			fn = held.fn;
			marked = held.marked;
		} else {
			int wait = in_paste && (left < 0 || left > PASTE_GAP_MS) ? PASTE_GAP_MS : (int)left;
			long long t0 = mono_ms();
			k = get_one(wait, &fn);
			marked = in_paste;
			if (k == ERR) {
				wait_hook();
				/* A lost terminal makes every read fail at once instead
				 * of waiting: treat many instant failures in a row as a
				 * hang-up (drafts are saved by the SIGHUP handler)
				 * rather than spin. */
				static int instant;
				if (wait != 0 && (wait < 0 || mono_ms() - t0 < wait / 4)) {
					if (++instant >= 100)
						raise(SIGHUP);
				} else {
					instant = 0;
				}
				if (in_paste) { /* the end marker was lost */
					in_paste = 0;
					if (left != 0)
						continue;
				}
				break;
			}
		}
		if (fn && k == key_paste_start) {
			in_paste = 1;
			continue;
		}
		if (fn && k == key_paste_end) {
			in_paste = 0;
			continue;
		}
		if (fn && k == KEY_RESIZE) {
			marked = 0;
			break;
		}
		if (marked) {
			if (!fn && k == '\t')
				k = ' ';
			if (!is_text(k, fn))
				continue;
			if (k == '\n' && in_paste) { /* a paste's last new line is dropped */
				int f2, n = get_one(PASTE_GAP_MS, &f2);
				if (f2 && n == key_paste_end) {
					in_paste = 0;
					continue;
				}
				if (n != ERR)
					hold(n, f2, in_paste);
			}
		} else if (!fn && k == KEY_ESC) {
			int f2, n = get_one(0, &f2);
			if (n == ERR)
				break; /* alone: the Esc key */
			int what = after_esc(&n, &f2);
			if (what == ESC_KEY)
				break;
			if (what == ESC_DROP)
				continue;
			k = n;
			fn = 0;
			marked = 1;
		}
		if (marked && !take_text)
			continue;
		break;
	}
	last_pasted = k != ERR && marked;
	if (is_fn)
		*is_fn = k != ERR && fn;
	return k;
}

int ui_readkey(int timeout_ms, int *is_fn)
{
	return read_key(timeout_ms, is_fn, 0);
}

int ui_readtext(int timeout_ms, int *is_fn)
{
	return read_key(timeout_ms, is_fn, 1);
}

int ui_pasted(void)
{
	return last_pasted;
}

void ui_flush_keys(void)
{
	(void)flushinp(); /* ERR only before curses started */
	held.set = 0;
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

int ui_yes_key(void)
{
	return i18n_lang() == LANG_EN ? 'y' : 'j';
}

int ui_confirm(const char *question)
{
	int yes = ui_yes_key();
	ui_flush_keys(); /* keys typed before the question do not answer it */
	for (;;) {
		int row = LINES - 2;
		attr_t a = ui_style(ST_WARN);
		wattron(stdscr, a);
		ui_putf(stdscr, row, 0, COLS, 1, "%s %s", question, _("(y/N)"));
		wattroff(stdscr, a);
		refresh();
		int fn, k = ui_readkey(-1, &fn);
		if (k == ERR || fn)
			continue; /* KEY_RESIZE: ask again at the new size */
		if (k == yes || k == (yes ^ 0x20))
			return 1;
		if (k == 'n' || k == 'N' || k == '\n' || k == KEY_ESC || k == KEY_CTRL('g'))
			return 0;
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
