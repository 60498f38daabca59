/* ui_view_delays.c — the admin register Opfølgningsfrister: how many weeks
 * after a session ends its follow-up falls due, per activity method, and
 * below them the follow-up's own settings in weeks (escalation to the
 * leader's leader, the colleagues' time to answer, the leader's time to
 * close). Short fixed lists, read whole. */
#include "ui_view_delays.h"
#include "ui_cycle.h"
#include "db_activity.h"
#include "db_cycle.h"
#include "db_followup.h"
#include "i18n.h"
#include "ui_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const action delay_actions[] = {
	{ A_EDIT, N_("Edit"), N_("Change the number of weeks of the method or setting"), { 'e', '\n' }, 1 },
	ACTION_END,
};

/* What each follow-up setting is called and does, by key. */
static const struct {
	const char *key, *label, *about;
} setting_words[] = {
	{ "escalate_weeks", N_("Escalate to the leader's leader after (weeks)"),
	  N_("This many weeks late, a follow-up shows in the Overblik of the leader's leader.") },
	{ "colleague_weeks", N_("Colleagues answer within (weeks)"),
	  N_("A colleague named on a follow-up has this many weeks to write their part.") },
	{ "close_weeks", N_("Leader closes a written follow-up within (weeks)"),
	  N_("The leader has this many weeks to close a written follow-up.") },
};
#define NWORDS ((int)(sizeof setting_words / sizeof *setting_words))

static const char *setting_text(const char *key, int about)
{
	for (int i = 0; i < NWORDS; i++)
		if (!strcmp(setting_words[i].key, key))
			return _(about ? setting_words[i].about : setting_words[i].label);
	return key;
}

/* Both lists as read now: the methods' delays, then the settings. The
 * rows are the delays (0..nd-1), a heading (nd), the settings after it. */
struct lists {
	fu_delay *d;
	int nd;
	fu_setting *s;
	int ns;
};

static void lists_free(struct lists *l)
{
	free(l->d);
	free(l->s);
}

static kcode lists_read(struct lists *l, kerr *e)
{
	memset(l, 0, sizeof *l);
	if (fu_delay_list(app->db, &app->who, &l->d, &l->nd, e))
		return e->code;
	if (fu_setting_list(app->db, &app->who, &l->s, &l->ns, e)) {
		lists_free(l);
		return e->code;
	}
	return KE_OK;
}

static int setting_row(const struct lists *l, int i)
{
	return i > l->nd && i - l->nd - 1 < l->ns ? i - l->nd - 1 : -1;
}

static void delay_header(view *v, char *buf, size_t size, int width)
{
	(void)v;
	int w[2] = { width - 16, 15 };
	const char *t[2] = { _("Method"), _("Weeks") };
	columns(buf, size, 2, t, w);
}

/* Rows are keyed by their place in the list (pos_key). */
static int delay_fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
		       int n, int width, lrow *out, kerr *e)
{
	(void)ctx;
	(void)filter;
	struct lists l;
	int first;
	if (lists_read(&l, e))
		return -1;
	int total = l.nd + (l.ns ? 1 + l.ns : 0);
	int got = pos_page(total, key, id, backward, n, &first);
	int w[2] = { width - 16, 15 };
	for (int j = 0; j < got; j++) {
		int i = first + j, si = setting_row(&l, i), style = ST_NORMAL;
		char k[16], weeks[32], line[512];
		pos_key(i, k, sizeof k);
		if (i < l.nd) {
			snprintf(weeks, sizeof weeks, _("%d weeks"), l.d[i].weeks);
			const char *t[2] = { method_name(l.d[i].method), weeks };
			columns(line, sizeof line, 2, t, w);
		} else if (si >= 0) {
			snprintf(weeks, sizeof weeks, _("%d weeks"), l.s[si].weeks);
			const char *t[2] = { setting_text(l.s[si].key, 0), weeks };
			columns(line, sizeof line, 2, t, w);
		} else {
			snprintf(line, sizeof line, "%s", _("Follow-up settings"));
			style = ST_HEADER;
		}
		if (lrow_set(&out[j], i + 1, k, line, style)) {
			lists_free(&l);
			return lrow_fail(out, j, e);
		}
	}
	lists_free(&l);
	return got;
}

/* The delay in place i of the list, read again. */
static kcode delay_at(int i, fu_delay *out, kerr *e)
{
	fu_delay *d;
	int count;
	if (fu_delay_list(app->db, &app->who, &d, &count, e))
		return e->code;
	kcode c = i >= 0 && i < count ? KE_OK
		  : kerr_set(e, KE_NOTFOUND, "%s", _("The record is gone; someone else changed it."));
	if (!c)
		*out = d[i];
	free(d);
	return c;
}

/* The setting named key, read again. */
static kcode setting_get(const char *key, fu_setting *out, kerr *e)
{
	fu_setting *s;
	int count;
	if (fu_setting_list(app->db, &app->who, &s, &count, e))
		return e->code;
	int found = 0;
	for (int i = 0; i < count && !found; i++)
		if (!strcmp(s[i].key, key)) {
			*out = s[i];
			found = 1;
		}
	free(s);
	return found ? KE_OK : kerr_set(e, KE_NOTFOUND, "%s", _("The record is gone; someone else changed it."));
}

static void delay_detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	(void)v;
	struct lists l;
	kerr e;
	if (detail_failed(w, wd, lists_read(&l, &e), &e))
		return;
	int i = (int)sel->id - 1, si = setting_row(&l, i);
	char buf[300];
	if (i >= 0 && i < l.nd) {
		detail_title(w, 0, wd, method_name(l.d[i].method));
		snprintf(buf, sizeof buf, _("A follow-up falls due %d weeks after the session ends."), l.d[i].weeks);
		if (h > 1)
			ui_put(w, 1, 0, wd, buf, 1);
		if (h > 2)
			ui_put(w, 2, 0, wd, _("A change applies to activities completed from now on."), 1);
	} else if (si >= 0) {
		detail_title(w, 0, wd, setting_text(l.s[si].key, 0));
		if (h > 1)
			ui_put(w, 1, 0, wd, setting_text(l.s[si].key, 1), 1);
		snprintf(buf, sizeof buf, _("Now %d weeks. e changes it (0 to 104)."), l.s[si].weeks);
		if (h > 2)
			ui_put(w, 2, 0, wd, buf, 1);
	} else {
		detail_title(w, 0, wd, _("Follow-up settings"));
		if (h > 1)
			ui_put(w, 1, 0, wd, _("When follow-ups escalate, and the colleagues' and the leader's time, in weeks."), 1);
	}
	lists_free(&l);
}

enum { DF_WEEKS, DF_COUNT };

static kcode save_delay(void *ctx, form *f, int *bad, kerr *e)
{
	const fu_delay *d = ctx;
	*bad = DF_WEEKS;
	return fu_delay_set(app->db, &app->who, d->method, (int)form_value(f, DF_WEEKS)->num, form_version(f), e);
}

/* The delay as saved now (ui_form.h form_reload_fn); ctx: its method. */
static kcode reload_delay(void *ctx, form *into, int64_t *version, kerr *e)
{
	const fu_delay *want = ctx;
	fu_delay *d;
	int count;
	if (fu_delay_list(app->db, &app->who, &d, &count, e))
		return e->code;
	int found = 0;
	for (int i = 0; i < count && !found; i++)
		if (!strcmp(d[i].method, want->method)) {
			*version = d[i].version;
			if (into)
				form_set_num(into, DF_WEEKS, d[i].weeks);
			found = 1;
		}
	free(d);
	return found ? KE_OK : kerr_set(e, KE_NOTFOUND, "%s", _("The record is gone; someone else changed it."));
}

/* Returns what must follow. */
static int delay_edit(int index)
{
	fu_delay d;
	kerr e;
	if (ui_failed(delay_at(index, &d, &e), &e))
		return UI_NOTHING;
	fdesc fs[DF_COUNT] = {
		[DF_WEEKS] = { _("Weeks"), FK_INT, 1, 0, 0, 104, NULL, NULL,
			       _("Weeks from the end of the session to the follow-up, 0 to 104"), .col = "weeks" },
	};
	char title[200];
	snprintf(title, sizeof title, _("Follow-up delay: %s"), method_name(d.method));
	form *f = form_new("fu-delay", title, fs, DF_COUNT);
	if (f) {
		form_set_num(f, DF_WEEKS, d.weeks);
		form_set_record(f, index + 1, d.version);
		form_set_reload(f, reload_delay, &d);
	}
	return view_form_run(f, save_delay, &d);
}

static kcode save_setting(void *ctx, form *f, int *bad, kerr *e)
{
	const fu_setting *s = ctx;
	*bad = DF_WEEKS;
	return fu_setting_set(app->db, &app->who, s->key, (int)form_value(f, DF_WEEKS)->num, form_version(f), e);
}

/* The setting as saved now (ui_form.h form_reload_fn); ctx: the setting. */
static kcode reload_setting(void *ctx, form *into, int64_t *version, kerr *e)
{
	fu_setting cur;
	if (setting_get(((const fu_setting *)ctx)->key, &cur, e))
		return e->code;
	*version = cur.version;
	if (into)
		form_set_num(into, DF_WEEKS, cur.weeks);
	return KE_OK;
}

/* Setting si of the list (its place among the settings); returns what
 * must follow. */
static int setting_edit(const char *key, int si)
{
	fu_setting s;
	kerr e;
	if (ui_failed(setting_get(key, &s, &e), &e))
		return UI_NOTHING;
	fdesc fs[DF_COUNT] = {
		[DF_WEEKS] = { _("Weeks"), FK_INT, 1, 0, 0, 104, NULL, NULL, setting_text(s.key, 1), .col = "weeks" },
	};
	form *f = form_new("fu-setting", setting_text(s.key, 0), fs, DF_COUNT);
	if (f) {
		form_set_num(f, DF_WEEKS, s.weeks);
		form_set_record(f, si + 1, s.version);
		form_set_reload(f, reload_setting, &s);
	}
	return view_form_run(f, save_setting, &s);
}

static int delay_allowed(view *v, int a, const lrow *sel)
{
	(void)v;
	if (a != A_EDIT)
		return 1;
	return sel && sel->style != ST_HEADER && app->who.role == ROLE_ADMIN;
}

static int delay_act(view *v, int a, const lrow *sel)
{
	(void)v;
	if (a != A_EDIT)
		return UI_NOTHING;
	struct lists l;
	kerr e;
	if (ui_failed(lists_read(&l, &e), &e))
		return UI_NOTHING;
	int i = (int)sel->id - 1, si = setting_row(&l, i), what = UI_NOTHING;
	char key[20] = "";
	if (si >= 0)
		snprintf(key, sizeof key, "%s", l.s[si].key);
	int is_delay = i >= 0 && i < l.nd;
	lists_free(&l);
	if (is_delay)
		what = delay_edit(i);
	else if (si >= 0)
		what = setting_edit(key, si);
	return what;
}

static const view_ops fu_delays_ops = {
	.title = N_("Follow-up delays"), .actions = delay_actions,
	.fetch = delay_fetch, .header = delay_header, .detail = delay_detail, .act = delay_act, .allowed = delay_allowed,
};

view *view_fu_delays_new(void)
{
	view *v = view_new(&fu_delays_ops);
	if (!v)
		return NULL;
	snprintf(v->subtitle, sizeof v->subtitle, "%s", _("Admin"));
	return v;
}

const view_kind view_delays_kinds[] = {
	{ "follow-up-delays", &fu_delays_ops },
	{ NULL, NULL },
};
