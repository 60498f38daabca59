/* ui_live.c — see ui_live.h: polling PRAGMA data_version while idle, the
 * draft store behind every form, the start-up offer of drafts, the hangup
 * path, and the box that conflicts are asked in. */
#include "ui_live.h"
#include "db_draft.h"
#include "i18n.h"
#include "text.h"
#include "ui.h"
#include "ui_form.h"
#include "ui_view.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static volatile sig_atomic_t hangup_signal;
static long long last_poll;
static int draft_failed;  /* the last draft could not be kept: said once */
/* The draft the person chose at the start: its form restores it unasked. */
static struct { char form[41]; int64_t id; } chosen;

static long long mono_ms(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* "2026-11-22 13:05:58" (UTC, as SQLite's datetime('now')) shown in local
 * time the Danish way: "22-11-2026 14:05". */
static void local_time(const char *utc, char *out, size_t size)
{
	struct tm tm = { 0 };
	char buf[32];
	if (sscanf(utc, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec) != 6) {
		snprintf(out, size, "%s", utc);
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm);
	struct tm lt;
	if (t == (time_t)-1 || !localtime_r(&t, &lt) || !strftime(buf, sizeof buf, "%d-%m-%Y %H:%M", &lt)) {
		snprintf(out, size, "%s", utc);
		return;
	}
	snprintf(out, size, "%s", buf);
}

/* ---- the draft store (ui_form.h) ---- */

static char *store_load(form *f, char *when, size_t size, int *ask)
{
	draft_rec d;
	kerr e;
	int was_chosen = !strcmp(chosen.form, f->name) && chosen.id == f->record_id;
	chosen.form[0] = '\0';
	if (draft_get(app->db, &app->who, f->name, f->record_id, &d, &e) != KE_OK)
		return NULL;
	*ask = !was_chosen;
	local_time(d.saved_at, when, size);
	char *data = d.data;
	d.data = NULL;
	draft_free(&d);
	return data;
}

/* The name the start-up offer gives the draft: the form's title and, when
 * the title does not say it, the start of the first field ("Edit goal –
 * Lede forældremøder…"). */
static void draft_title(form *f, char *out, size_t size)
{
	const fvalue *v = f->n > 0 ? form_value(f, 0) : NULL;
	char first[256], cut[256];
	snprintf(first, sizeof first, "%.*s", (int)strcspn(v && v->text ? v->text : "", "\n"),
		 v && v->text ? v->text : "");
	text_fit(first, 40, cut, sizeof cut);
	if (cut[0] && !strstr(f->title, first))
		snprintf(out, size, "%s – %s", f->title, cut);
	else
		snprintf(out, size, "%s", f->title);
}

static void store_save(form *f, const char *data)
{
	kerr e;
	char title[600];
	if (db_is_readonly(app->db))
		return; /* saving the form will say why nothing can be kept */
	draft_title(f, title, sizeof title);
	if (draft_save(app->db, &app->who, f->name, f->record_id, title, data, &e) == KE_OK) {
		draft_failed = 0;
	} else if (!draft_failed) {
		draft_failed = 1;
		ui_msg(ST_WARN, _("Your text could not be kept as a draft: %s"), e.msg);
	}
}

static void store_drop(form *f)
{
	kerr e;
	if (!db_is_readonly(app->db))
		draft_delete(app->db, &app->who, f->name, f->record_id, &e);
}

static const form_draft_store store = { store_load, store_save, store_drop };

/* ---- signals and polling ---- */

static void on_signal(int sig)
{
	hangup_signal = sig;
}

void live_start(void)
{
	/* No SA_RESTART: a blocked read returns, and ui_readkey notices. */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	form_set_draft_store(&store);
	db_changed(app->db); /* start counting from here */
	last_poll = mono_ms();
}

void live_tick(void)
{
	long long now = mono_ms();
	if (now - last_poll < LIVE_POLL_MS)
		return;
	last_poll = now;
	if (db_changed(app->db))
		ui_reload_all();
}

void live_key_wait(void)
{
	int sig = hangup_signal;
	if (!app || !app->db)
		return;
	db_release(app->db);
	if (!sig)
		return;
	hangup_signal = 0;
	form_save_draft_now();
	ui_stop();
	db_close(app->db);
	app->db = NULL;
	exit(128 + sig);
}

/* ---- the box ---- */

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
	box(b, 0, 0);
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

int live_box(const char *text, const char *keys, const char *accept, void (*backdrop)(void *), void *ctx)
{
	int old_cursor = curs_set(0), k;
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
		if (!fn && k == KEY_ESC)
			break;
		if (!fn && k > 0 && k < 128 && strchr(accept, k | 0x20) && ((k | 0x20) >= 'a' && (k | 0x20) <= 'z')) {
			k |= 0x20;
			break;
		}
	}
	touchwin(stdscr);
	if (old_cursor != ERR)
		curs_set(old_cursor);
	return k;
}

int live_ask_again(const kerr *e, const char *question)
{
	char text[sizeof e->msg + 200];
	snprintf(text, sizeof text, "%s\n%s", e->msg, question);
	int k = live_box(text, _("y: yes   n: no"), "jyn", NULL, NULL);
	return k == 'j' || k == 'y';
}

/* ---- drafts at the start ---- */

static int (*const resumers[])(const char *form, int64_t id) = {
	view_staff_resume, view_plan_resume, view_activity_resume, view_admin_resume,
};

static void resume(const draft_rec *d)
{
	snprintf(chosen.form, sizeof chosen.form, "%s", d->form);
	chosen.id = d->record_id;
	for (size_t i = 0; i < sizeof resumers / sizeof *resumers; i++)
		if (resumers[i](d->form, d->record_id)) {
			chosen.form[0] = '\0';
			return;
		}
	chosen.form[0] = '\0';
	ui_msg(ST_WARN, _("Open \"%s\" again to get your draft back."), d->title);
}

/* One draft per call, so the main loop redraws its screen under each. */
int live_offer_drafts(void)
{
	static draft_rec *d;
	static int n = -1, next;
	kerr e;
	if (n < 0 && (db_is_readonly(app->db) || draft_list(app->db, &app->who, &d, &n, &e) != KE_OK)) {
		d = NULL;
		n = 0;
	}
	if (next >= n) {
		draft_rows_free(d, n);
		d = NULL;
		n = next = 0;
		return 0;
	}
	draft_rec *one = &d[next++];
	char when[64], text[800];
	local_time(one->saved_at, when, sizeof when);
	snprintf(text, sizeof text, _("You have an unsaved draft of %s from %s. Restore it?"), one->title, when);
	int k = live_box(text, _("y: yes, open it   n: no, throw it away   Esc: later"), "jyn", NULL, NULL);
	if (k == 'n')
		draft_delete(app->db, &app->who, one->form, one->record_id, &e);
	else if (k != KEY_ESC)
		resume(one);
	return 1;
}
