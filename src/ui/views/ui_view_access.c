/* ui_view_access.c — "Who has read my plan": the access log about one
 * person as a sub-view, newest first. Each row says when (Danish local
 * time), who (name and login) and what they read; the data layer decides
 * who may see it (the person, admins). Every record read is freed before
 * the function that read it returns. */
#include "ui_view_access.h"
#include "date.h"
#include "db_access.h"
#include "i18n.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const action access_actions[] = {
	ACTION_END,
};

static void widths(int width, int w[3])
{
	w[0] = 16; w[1] = 30;
	w[2] = width - w[0] - w[1] - 2;
}

static void header(view *v, char *buf, size_t size, int width)
{
	(void)v;
	const char *t[3] = { _("When"), _("Who"), _("What") };
	header_columns(buf, size, width, widths, 3, t);
}

static void who_of(const access_rec *r, char *buf, size_t size)
{
	if (r->reader_name[0])
		snprintf(buf, size, "%s (%s)", r->reader_name, r->reader);
	else
		snprintf(buf, size, "%s", r->reader);
}

static const char *what_of(const access_rec *r)
{
	kaccess k;
	return access_parse(r->what, &k) == 0 ? access_name(k) : r->what;
}

static int fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
		 int n, int width, lrow *out, kerr *e)
{
	view *v = ctx;
	(void)filter;
	kpage pg = { .after_key = key, .after_id = id, .backward = backward, .limit = n };
	access_rec *r;
	int got, w[3];
	if (access_log_list(app->db, &app->who, v->parent_id, &pg, &r, &got, e))
		return -1;
	widths(width, w);
	for (int i = 0; i < got; i++) {
		char at[DATE_LOCAL_TIME_SIZE], who[800], line[1024];
		date_local_time(r[i].at, at, sizeof at);
		who_of(&r[i], who, sizeof who);
		const char *t[3] = { at, who, what_of(&r[i]) };
		columns(line, sizeof line, 3, t, w);
		int style = !strcmp(r[i].what, "print") || !strcmp(r[i].what, "export") ? ST_WARN : ST_NORMAL;
		if (lrow_set(&out[i], r[i].id, r[i].sort_key, line, style)) {
			access_rows_free(r, got);
			return lrow_fail(out, i, e);
		}
	}
	access_rows_free(r, got);
	return got;
}

static void detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	(void)v;
	int y = detail_title(w, 0, wd, sel->text);
	if (y < h)
		ui_put(w, y++, 0, wd, _("Noted once in ten minutes for each reader and kind."), 1);
}

static const view_ops access_ops = {
	.title = N_("Who has read the plan"), .actions = access_actions,
	.fetch = fetch, .header = header, .detail = detail,
	.empty = N_("No one else has read it in the time the log is kept."),
};

view *view_access_new(int64_t staff_id, const char *name)
{
	view *v = view_new_of(&access_ops, staff_id);
	if (v)
		text_fit(name ? name : "", 60, v->subtitle, sizeof v->subtitle);
	return v;
}

const view_kind view_access_kinds[] = {
	{ "readers", &access_ops },
	{ NULL, NULL },
};
