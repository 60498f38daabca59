/* ui_live.c — see ui_live.h: polling PRAGMA data_version while idle, the
 * draft store behind every form, the start-up offer of drafts and the
 * hangup path. */
#include "ui_live.h"
#include "date.h"
#include "db_access.h"
#include "db_draft.h"
#include "i18n.h"
#include "text.h"
#include "ui.h"
#include "ui_box.h"
#include "ui_form.h"

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
/* The views' resume functions, from the top of the front end. */
static const live_resume_fn *resumers;

static long long mono_ms(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the draft store (ui_form.h) ---- */

static char *store_load(form *f, char *when, size_t size, int *ask, int64_t *version)
{
	draft_rec d;
	kerr e;
	int was_chosen = !strcmp(chosen.form, f->name) && chosen.id == f->record_id;
	chosen.form[0] = '\0';
	if (draft_get(app->db, &app->who, f->name, f->record_id, &d, &e) != KE_OK)
		return NULL;
	*ask = !was_chosen;
	*version = d.version;
	date_local_time(d.saved_at, when, size);
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
	if (draft_save(app->db, &app->who, f->name, f->record_id, form_version(f), title, data, &e) == KE_OK) {
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

static void key_wait(void);

void live_start(const live_resume_fn *resume_table)
{
	/* No SA_RESTART: a blocked read returns, and ui_readkey notices. */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* Curses takes Ctrl-C as a key, so SIGINT comes from outside (kill
	 * -INT, a supervisor stopping the session): end as cleanly. */
	sigaction(SIGINT, &sa, NULL);
	resumers = resume_table;
	form_set_draft_store(&store);
	ui_set_key_wait(key_wait);
	db_changed(app->db); /* start counting from here */
	last_poll = mono_ms();
}

int live_tick(void)
{
	long long now = mono_ms();
	if (now - last_poll < LIVE_POLL_MS)
		return 0;
	last_poll = now;
	/* the access log's notes, written while the person reads (a failure
	 * keeps them for the next poll) */
	kerr e;
	access_log_flush(app->db, &e);
	return db_changed(app->db);
}

/* Before and after every wait for a key: lets go of any read snapshot left
 * under way (none should be), and after SIGHUP/SIGTERM/SIGINT keeps the open
 * form's text as its draft, ends curses and the database connection, and
 * exits. */
static void key_wait(void)
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

/* ---- drafts at the start ---- */

static void resume(const draft_rec *d)
{
	snprintf(chosen.form, sizeof chosen.form, "%s", d->form);
	chosen.id = d->record_id;
	for (size_t i = 0; resumers && resumers[i]; i++)
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
	date_local_time(one->saved_at, when, sizeof when);
	snprintf(text, sizeof text, _("You have an unsaved draft of %s from %s. Restore it?"), one->title, when);
	int k = ui_box(text, _("y: yes, open it   n: no, throw it away   Enter, Esc: later"), "yn", NULL, NULL);
	if (k == 'n')
		draft_delete(app->db, &app->who, one->form, one->record_id, &e);
	else if (k != KEY_ESC)
		resume(one);
	return 1;
}
