/* ui_colleague.c — the colleague's part of a follow-up; see ui_colleague.h.
 * The person's texts are shown read-only above the colleague's own fields,
 * so the colleague writes with what they are asked about in view. */
#include "ui_colleague.h"
#include "date.h"
#include "db_followup.h"
#include "i18n.h"
#include "ui.h"
#include "ui_form.h"
#include "ui_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CP_ACTIVITY, CP_PERSON, CP_LEARNED, CP_PRACTICE, CP_STATE, CP_SEEN, CP_OWN_USE, CP_WANTS, CP_COUNT };

struct part_edit {
	fu_colleague c;
	int declined;  /* declined from inside the form */
};

/* "asked, due 12-01-2027", "answered 05-01-2027", "declined 05-01-2027: reason". */
static void state_text(const fu_colleague *c, char *buf, size_t size)
{
	char d[11];
	if (!strcmp(c->state, "asked")) {
		date_format(c->due, d);
		snprintf(buf, size, c->overdue ? _("asked, OVERDUE since %s") : _("asked, due %s"), d);
	} else if (!strcmp(c->state, "declined")) {
		date_format(c->answered_at, d);
		snprintf(buf, size, _("declined %s: %s"), d, c->reason);
	} else {
		date_format(c->answered_at, d);
		snprintf(buf, size, _("answered %s"), d);
	}
}

static void fill_part(form *f, const fu_colleague *c)
{
	char buf[600], d[11];
	date_format(c->session_ends, d);
	snprintf(buf, sizeof buf, "%s, %s", c->activity_title, d);
	form_set_text(f, CP_ACTIVITY, buf);
	form_set_text(f, CP_PERSON, c->person_name);
	form_set_text(f, CP_LEARNED, c->learned[0] ? c->learned : "–");
	form_set_text(f, CP_PRACTICE, c->practice[0] ? c->practice : "–");
	state_text(c, buf, sizeof buf);
	form_set_text(f, CP_STATE, buf);
	form_set_text(f, CP_SEEN, c->seen);
	form_set_text(f, CP_OWN_USE, c->own_use);
	form_set_bool(f, CP_WANTS, c->wants_more);
}

/* The part as saved now (ui_form.h form_reload_fn). */
static kcode reload_part(void *ctx, form *into, int64_t *version, kerr *e)
{
	struct part_edit *x = ctx;
	fu_colleague cur;
	if (fucol_get(app->db, &app->who, x->c.id, &cur, e))
		return e->code;
	*version = cur.version;
	if (into)
		fill_part(into, &cur);
	fucol_free(&cur);
	return KE_OK;
}

static kcode save_part(void *ctx, form *f, int *bad, kerr *e)
{
	struct part_edit *x = ctx;
	fu_colleague n = x->c;
	(void)bad; /* the field at fault comes from the error (fdesc col) */
	n.version = form_version(f);
	n.seen = (char *)form_value(f, CP_SEEN)->text;
	n.own_use = (char *)form_value(f, CP_OWN_USE)->text;
	n.wants_more = form_value(f, CP_WANTS)->on;
	kcode c = fucol_answer(app->db, &app->who, &n, e);
	if (!c)
		x->c.version = n.version;
	return c;
}

enum { DC_REASON, DC_COUNT };

static kcode save_decline(void *ctx, form *f, int *bad, kerr *e)
{
	struct part_edit *x = ctx;
	*bad = DC_REASON;
	return fucol_decline(app->db, &app->who, x->c.id, form_version(f), form_value(f, DC_REASON)->text, e);
}

/* The part as saved now, for the decline form: its reason, if declined. */
static kcode reload_decline(void *ctx, form *into, int64_t *version, kerr *e)
{
	struct part_edit *x = ctx;
	fu_colleague cur;
	if (fucol_get(app->db, &app->who, x->c.id, &cur, e))
		return e->code;
	*version = cur.version;
	if (into)
		form_set_text(into, DC_REASON, cur.reason);
	fucol_free(&cur);
	return KE_OK;
}

/* Ctrl-D: decline, giving a reason; the part's form closes when done. */
static int part_key(void *ctx, form *f, int k, int fn)
{
	struct part_edit *x = ctx;
	(void)f;
	if (fn || k != KEY_CTRL('d'))
		return 0;
	if (strcmp(x->c.state, "asked")) {
		ui_msg(ST_WARN, "%s", _("Only a part not yet answered can be declined."));
		return 1;
	}
	char title[400];
	snprintf(title, sizeof title, _("Decline the part %s asked of you: %s"), x->c.person_name, x->c.activity_title);
	fdesc fs[DC_COUNT] = {
		[DC_REASON] = { _("Reason"), FK_TEXTAREA, 1, 400, 0, 0, NULL, NULL,
				_("Required: why you cannot write it; the person and their leader read it"),
				.col = "reason" },
	};
	form *d = form_new("followup-decline", title, fs, DC_COUNT);
	if (!d)
		return 1;
	form_set_record(d, x->c.id, x->c.version);
	form_set_reload(d, reload_decline, x);
	x->declined = form_run(d, save_decline, x);
	form_free(d);
	return x->declined ? 2 : 1;
}

int colleague_part_edit(int64_t id)
{
	struct part_edit x = { 0 };
	kerr e;
	if (ui_failed(fucol_get(app->db, &app->who, id, &x.c, &e), &e))
		return UI_NOTHING;
	int mine = app->who.staff_id && app->who.staff_id == x.c.staff_id;
	fdesc fs[CP_COUNT] = {
		[CP_ACTIVITY] = { _("Activity"), FK_TEXT, 0, 0, 0, 0, NULL, NULL, NULL },
		[CP_PERSON] = { _("Person"), FK_TEXT, 0, 0, 0, 0, NULL, NULL, NULL },
		[CP_LEARNED] = { _("What was learned"), FK_TEXTAREA, 0, 0, 0, 0, NULL, NULL, NULL },
		[CP_PRACTICE] = { _("Use in practice"), FK_TEXTAREA, 0, 0, 0, 0, NULL, NULL, NULL },
		[CP_STATE] = { _("Your part"), FK_TEXT, 0, 0, 0, 0, NULL, NULL, NULL },
		[CP_SEEN] = { _("Seen"), FK_TEXTAREA, 0, 4000, 0, 0, NULL, NULL,
			      _("What you have seen of the new practice in daily work"), .col = "seen" },
		[CP_OWN_USE] = { _("Own use"), FK_TEXTAREA, 0, 4000, 0, 0, NULL, NULL,
				 _("How you use it yourself"), .col = "own_use" },
		[CP_WANTS] = { _("Wants to learn more"), FK_BOOL, 0, 0, 0, 0, NULL, NULL,
			       _("Space toggles: you want to learn more about it"), .col = "wants_more" },
	};
	char title[400];
	snprintf(title, sizeof title, _("Colleague follow-up: %s, %s"), x.c.person_name, x.c.activity_title);
	form *f = form_new("followup-colleague", title, fs, CP_COUNT);
	if (!f) {
		fucol_free(&x.c);
		return UI_NOTHING;
	}
	fill_part(f, &x.c);
	for (int i = CP_ACTIVITY; i <= CP_STATE; i++)
		form_set_readonly(f, i, 1);
	if (!mine || x.c.fu_closed || !strcmp(x.c.state, "declined")) {
		for (int i = CP_SEEN; i < CP_COUNT; i++)
			form_set_readonly(f, i, 1);
		if (mine)
			ui_msg(ST_HINT, "%s", x.c.fu_closed ? _("The follow-up is closed; your part can be read, not changed.")
							    : _("You declined this part; it can be read, not changed."));
	} else {
		form_set_record(f, x.c.id, x.c.version);
		form_set_reload(f, reload_part, &x);
		if (!strcmp(x.c.state, "asked"))
			form_set_keys(f, part_key, &x, _("^D Decline"));
		form_set_focus(f, CP_SEEN);
	}
	int done = form_run(f, mine ? save_part : NULL, &x);
	form_free(f);
	if (done && x.declined)
		ui_msg(ST_OK, _("Declined. %s and their leader see your reason."), x.c.person_name);
	else if (done && mine)
		ui_msg(ST_OK, _("Saved. %s and their leader see your part."), x.c.person_name);
	fucol_free(&x.c);
	return done && mine ? UI_RELOAD_ALL : UI_NOTHING;
}
