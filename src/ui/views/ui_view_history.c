/* ui_view_history.c — `h` on a record: its audit history, newest first, as a
 * sub-view. Each row says when, who (name and login) and what happened; the
 * detail lists the fields that changed, old → new, as the data layer names
 * them (labels and codes in the reader's language). The data layer decides
 * who may see it (whoever may see the record; admins all). The view owns a
 * small struct with the table and row id; every record read is freed before
 * the function that read it returns. */
#include "ui_view_history.h"
#include "date.h"
#include "db_audit.h"
#include "i18n.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct history {
	char table[32];
	int64_t row_id;
};

static const action history_actions[] = {
	ACTION_END,
};

static const char *action_word(const char *action)
{
	return !strcmp(action, "create") ? _("created") : !strcmp(action, "delete") ? _("deleted") : _("changed");
}

static void who_of(const audit_rec *r, char *buf, size_t size)
{
	if (r->name[0])
		snprintf(buf, size, "%s (%s)", r->name, r->login);
	else
		snprintf(buf, size, "%s", r->login);
}

static void widths(int width, int w[3])
{
	w[0] = 16; w[1] = 26;
	w[2] = width - w[0] - w[1] - 2;
}

/* "changed: Notes, MUS date" — what happened and to which fields. */
static void what_of(const audit_rec *r, char *buf, size_t size)
{
	audit_change *c;
	int n = 0;
	kerr e;
	size_t len = (size_t)snprintf(buf, size, "%s", action_word(r->action));
	if (strcmp(r->action, "update") != 0 || audit_changes(app->db, &app->who, r->id, &c, &n, &e))
		return;
	for (int i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : ": ", c[i].label);
	audit_changes_free(c, n);
}

static void header(view *v, char *buf, size_t size, int width)
{
	(void)v;
	const char *t[3] = { _("When"), _("Who"), _("What") };
	header_columns(buf, size, width, widths, 3, t);
}

static int fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
		 int n, int width, lrow *out, kerr *e)
{
	view *v = ctx;
	struct history *h = v->data;
	(void)filter;
	kpage pg = { .after_key = key, .after_id = id, .backward = backward, .limit = n };
	audit_rec *r;
	int got, w[3];
	if (audit_list(app->db, &app->who, h->table, h->row_id, &pg, &r, &got, e))
		return -1;
	widths(width, w);
	for (int i = 0; i < got; i++) {
		char at[32], who[800], what[512], line[1024];
		date_local_time(r[i].at, at, sizeof at);
		who_of(&r[i], who, sizeof who);
		what_of(&r[i], what, sizeof what);
		const char *t[3] = { at, who, what };
		columns(line, sizeof line, 3, t, w);
		/* the detail tells a create (values only) by its style */
		int style = !strcmp(r[i].action, "delete") ? ST_WARN : !strcmp(r[i].action, "create") ? ST_OK : ST_NORMAL;
		if (lrow_set(&out[i], r[i].id, r[i].sort_key, line, style)) {
			audit_rows_free(r, got);
			return lrow_fail(out, i, e);
		}
	}
	audit_rows_free(r, got);
	return got;
}

/* A value as shown: "–" for none, dates and stored UTC times the Danish
 * way, in local time. */
static const char *shown(const char *v, char *buf, size_t size)
{
	if (!v[0])
		return "–";
	if (date_valid_iso(v)) {
		char d[11];
		date_format(v, d);
		snprintf(buf, size, "%s", d);
		return buf;
	}
	char t[DATE_LOCAL_TIME_SIZE];
	if (strlen(v) == 19 && v[10] == ' ' && (date_local_time(v, t, sizeof t), strcmp(t, v))) {
		snprintf(buf, size, "%s", t);
		return buf;
	}
	return v;
}

static void detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	(void)v;
	audit_change *c;
	int n;
	kerr e;
	if (detail_failed(w, wd, audit_changes(app->db, &app->who, sel->id, &c, &n, &e), &e))
		return;
	/* The row line already says when, who and what; the detail says how. */
	int y = 0;
	y = detail_title(w, y, wd, sel->text);
	if (!n && y < h)
		ui_put(w, y++, 0, wd, _("No field changed."), 1);
	for (int i = 0; i < n && y < h; i++) {
		char a[64], b[64], buf[4200];
		const char *o = shown(c[i].old_value, a, sizeof a), *nv = shown(c[i].new_value, b, sizeof b);
		if (sel->style == ST_OK)
			snprintf(buf, sizeof buf, "%s", nv);
		else
			snprintf(buf, sizeof buf, "%s → %s", o, nv);
		if (text_width(buf) <= wd - 16 || y + 1 >= h) {
			y = detail_line(w, y, wd, c[i].label, buf);
			continue;
		}
		/* Too long for one line: old and new each get one. */
		y = detail_line(w, y, wd, c[i].label, o);
		snprintf(buf, sizeof buf, "→ %s", nv);
		y = detail_line(w, y, wd, "", buf);
	}
	audit_changes_free(c, n);
}

static const view_ops history_ops = {
	.title = N_("History"), .actions = history_actions,
	.fetch = fetch, .header = header, .detail = detail,
	.close = view_free_data,
};

view *view_history_new(const char *table, int64_t id, const char *what)
{
	view *v = table ? view_new_data(&history_ops, sizeof(struct history)) : NULL;
	if (!v)
		return NULL;
	struct history *h = v->data;
	snprintf(h->table, sizeof h->table, "%s", table);
	h->row_id = id;
	/* The row line of the record, its padding folded away, names it (row
	 * lines are laid out in 1024 bytes, so nothing is cut here). */
	char plain[1024];
	size_t len = 0;
	for (const char *p = what ? what : ""; *p && len + 1 < sizeof plain; p++)
		if (*p != ' ' || (len && plain[len - 1] != ' '))
			plain[len++] = *p;
	while (len && plain[len - 1] == ' ')
		len--;
	plain[len] = '\0';
	text_fit(plain, 60, v->subtitle, sizeof v->subtitle);
	return v;
}

const view_kind view_history_kinds[] = {
	{ "history", &history_ops },
	{ NULL, NULL },
};
