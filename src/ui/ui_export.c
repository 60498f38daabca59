/* ui_export.c — see ui_export.h. */
#include "ui_export.h"
#include "date.h"
#include "db_access.h"
#include "db_activity.h"
#include "db_part.h"
#include "db_plan.h"
#include "db_staff.h"
#include "ical_export.h"
#include "i18n.h"
#include "import_file.h"
#include "plan_print.h"
#include "privacy_doc.h"
#include "text.h"
#include "ui_form.h"
#include "ui_pick.h"
#include "ui_shell.h"
#include "userfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The file a dialog is to write: named, and replaced only when the user
 * says so. KE_OK, or KE_INVALID with the reason for the path field. */
static kcode ask_target(const char *path, kerr *e)
{
	if (!path[0])
		return kerr_set(e, KE_INVALID, "%s", _("Write the path of the file to create."));
	if (access(path, F_OK) == 0) {
		char q[4200];
		snprintf(q, sizeof q, _("%s exists. Replace it?"), path);
		if (!ui_confirm(q))
			return kerr_set(e, KE_INVALID, "%s", _("Choose another file name."));
	}
	return KE_OK;
}

/* Writes doc (freed) as the user's file and keeps the path for the
 * "Wrote" message. */
static kcode write_target(const char *path, char *doc, size_t len, char *written, size_t size, kerr *e)
{
	kcode c = userfile_write(path, doc, len, e);
	free(doc);
	if (!c)
		snprintf(written, size, "%s", path);
	return c;
}

static const char *const fmt_labels[] = {
	N_("Markdown (.md)"), N_("Web page for printing (.html)"), N_("Plain text (.txt)"), NULL };

static int pick_fmt(void *ctx, const char *filter, fchoice *out, int max)
{
	(void)ctx;
	return pick_codes(fmt_labels, i18n_tr, filter, out, max);
}

/* ---- the plan on paper ---- */

enum { PF_FORMAT, PF_PATH, PF_COUNT };

typedef struct pctx {
	int64_t plan_id, staff_id;
	char who[64];
	int year;
	char written[4096];
} pctx;

static kcode save_print(void *vctx, form *f, int *bad, kerr *e)
{
	pctx *p = vctx;
	plan_fmt fmt = (plan_fmt)(form_value(f, PF_FORMAT)->id - 1);
	char path[4096];
	snprintf(path, sizeof path, "%s", form_value(f, PF_PATH)->text ? form_value(f, PF_PATH)->text : "");
	/* the path still as proposed: its extension follows the format */
	for (int k = 0; k < 3; k++) {
		char def[4096];
		plan_print_default_path(p->who, p->year, (plan_fmt)k, def, sizeof def);
		if (!strcmp(path, def))
			plan_print_default_path(p->who, p->year, fmt, path, sizeof path);
	}
	*bad = PF_PATH;
	if (ask_target(path, e))
		return e->code;
	char *doc = NULL;
	size_t len = 0;
	*bad = -1;
	if (plan_print(app->db, &app->who, p->plan_id, fmt, &doc, &len, e))
		return e->code;
	kcode c = write_target(path, doc, len, p->written, sizeof p->written, e);
	if (c)
		*bad = PF_PATH;
	else
		access_log_note(app->db, &app->who, p->staff_id, ACC_PRINT);
	return c;
}

void ui_print_plan(int64_t plan_id)
{
	plan_rec pl;
	staff_rec s;
	kerr e;
	if (ui_failed(plan_get(app->db, &app->who, plan_id, &pl, &e), &e))
		return;
	pctx p = { plan_id, pl.staff_id, "", pl.year, "" };
	if (staff_get(app->db, &app->who, pl.staff_id, &s, &e) == KE_OK) {
		snprintf(p.who, sizeof p.who, "%s", s.login[0] ? s.login : s.initials);
		staff_free(&s);
	}
	char title[300], path[4096];
	snprintf(title, sizeof title, _("Print the %d plan of %s"), pl.year, pl.staff_name);
	plan_free(&pl);
	fdesc fs[PF_COUNT] = {
		[PF_FORMAT] = { _("Format"), FK_CHOICE, 1, 0, 0, 0, pick_fmt, NULL,
				_("HTML opens in a browser and prints well") },
		[PF_PATH] = { _("File"), FK_TEXT, 1, 4000, 0, 0, NULL, NULL,
			      _("Where to write it; an existing file is replaced after asking") },
	};
	form *f = form_new("print-plan", title, fs, PF_COUNT);
	if (!f)
		return;
	form_set_record(f, plan_id, 0); /* a question about the plan: no version */
	form_set_choice(f, PF_FORMAT, PP_HTML + 1, _(fmt_labels[PP_HTML]));
	plan_print_default_path(p.who, p.year, PP_HTML, path, sizeof path);
	form_set_text(f, PF_PATH, path);
	form_set_focus(f, PF_PATH);
	if (form_run(f, save_print, &p))
		ui_msg(ST_OK, _("Wrote %s."), p.written);
	form_free(f);
}

/* ---- what kup stores about a person ---- */

static const char *const pfmt_labels[] = { N_("JSON, for a program (.json)"), N_("Markdown (.md)"),
					   N_("Web page for printing (.html)"), NULL };

static int pick_pfmt(void *ctx, const char *filter, fchoice *out, int max)
{
	(void)ctx;
	return pick_codes(pfmt_labels, i18n_tr, filter, out, max);
}

enum { XF_FORMAT, XF_PATH, XF_COUNT };

typedef struct xctx {
	char login[LOGIN_MAX + 1];
	char written[4096];
} xctx;

static kcode save_privacy(void *vctx, form *f, int *bad, kerr *e)
{
	xctx *p = vctx;
	privacy_fmt fmt = (privacy_fmt)(form_value(f, XF_FORMAT)->id - 1);
	char path[4096];
	snprintf(path, sizeof path, "%s", form_value(f, XF_PATH)->text ? form_value(f, XF_PATH)->text : "");
	/* the path still as proposed: its extension follows the format */
	for (int k = 0; k < 3; k++) {
		char def[4096];
		privacy_doc_default_path(p->login, (privacy_fmt)k, def, sizeof def);
		if (!strcmp(path, def))
			privacy_doc_default_path(p->login, fmt, path, sizeof path);
	}
	*bad = XF_PATH;
	if (ask_target(path, e))
		return e->code;
	char *doc = NULL;
	size_t len = 0;
	*bad = -1;
	if (privacy_doc(app->db, &app->who, p->login, fmt, &doc, &len, e))
		return e->code;
	kcode c = write_target(path, doc, len, p->written, sizeof p->written, e);
	if (c)
		*bad = XF_PATH;
	return c;
}

void ui_privacy_export(int64_t staff_id)
{
	staff_rec s;
	kerr e;
	if (ui_failed(staff_get(app->db, &app->who, staff_id, &s, &e), &e))
		return;
	xctx p = { "", "" };
	snprintf(p.login, sizeof p.login, "%s", s.login);
	char title[300], path[4096];
	snprintf(title, sizeof title, _("Everything kup stores about %s"), s.name);
	staff_free(&s);
	if (!p.login[0]) {
		ui_msg(ST_ERROR, "%s", _("This person has no login, so there is nothing of theirs to export."));
		return;
	}
	fdesc fs[XF_COUNT] = {
		[XF_FORMAT] = { _("Format"), FK_CHOICE, 1, 0, 0, 0, pick_pfmt, NULL,
				_("HTML opens in a browser; JSON is for a program") },
		[XF_PATH] = { _("File"), FK_TEXT, 1, 4000, 0, 0, NULL, NULL,
			      _("Where to write it; an existing file is replaced after asking") },
	};
	form *f = form_new("privacy-export", title, fs, XF_COUNT);
	if (!f)
		return;
	form_set_record(f, staff_id, 0); /* a question about the person: no version */
	form_set_choice(f, XF_FORMAT, PD_HTML + 1, _(pfmt_labels[PD_HTML]));
	privacy_doc_default_path(p.login, PD_HTML, path, sizeof path);
	form_set_text(f, XF_PATH, path);
	form_set_focus(f, XF_PATH);
	if (form_run(f, save_privacy, &p))
		ui_msg(ST_OK, _("Wrote %s."), p.written);
	form_free(f);
}

/* ---- one session in a calendar ---- */

enum { CF_PATH, CF_COUNT };

typedef struct cctx {
	int64_t part_id, session_id;
	char written[4096];
} cctx;

static kcode save_calendar(void *vctx, form *f, int *bad, kerr *e)
{
	cctx *p = vctx;
	char path[4096];
	snprintf(path, sizeof path, "%s", form_value(f, CF_PATH)->text ? form_value(f, CF_PATH)->text : "");
	*bad = CF_PATH;
	if (ask_target(path, e))
		return e->code;
	char *doc = NULL;
	size_t len = 0;
	*bad = -1;
	kcode c = p->part_id ? ical_export_part(app->db, &app->who, p->part_id, &doc, &len, e)
			     : ical_export_session(app->db, &app->who, p->session_id, &doc, &len, e);
	if (c)
		return c;
	c = write_target(path, doc, len, p->written, sizeof p->written, e);
	if (c)
		*bad = CF_PATH;
	return c;
}

/* The form, once the caller has read what it needs for the title and the
 * default name (whose seat it is: their login). */
static void run_calendar(cctx *p, const char *title, const char *who_name)
{
	char path[4096];
	fdesc fs[CF_COUNT] = {
		[CF_PATH] = { _("File"), FK_TEXT, 1, 4000, 0, 0, NULL, NULL,
			      _("Where to write it; an existing file is replaced after asking") },
	};
	form *f = form_new("calendar", title, fs, CF_COUNT);
	if (!f)
		return;
	form_set_record(f, p->part_id ? p->part_id : p->session_id, 0); /* a question: no version */
	ical_default_path(who_name, p->session_id, path, sizeof path);
	form_set_text(f, CF_PATH, path);
	form_set_focus(f, CF_PATH);
	if (form_run(f, save_calendar, p))
		ui_msg(ST_OK, _("Wrote %s."), p->written);
	form_free(f);
}

void ui_calendar_part(int64_t part_id)
{
	part_rec r;
	staff_rec s;
	kerr e;
	char doc_title[300], login[64] = "";
	if (ui_failed(part_get(app->db, &app->who, part_id, &r, &e), &e))
		return;
	cctx p = { part_id, r.session_id, "" };
	/* say now, not after a path was typed, when it has no days to write */
	char *doc = NULL;
	size_t len = 0;
	if (ui_failed(ical_export_part(app->db, &app->who, part_id, &doc, &len, &e), &e)) {
		part_free(&r);
		return;
	}
	free(doc);
	if (staff_get(app->db, &app->who, r.staff_id, &s, &e) == KE_OK) {
		snprintf(login, sizeof login, "%s", s.login[0] ? s.login : s.initials);
		staff_free(&s);
	}
	snprintf(doc_title, sizeof doc_title, _("Calendar file: %s, %s"), r.activity_title, r.staff_name);
	part_free(&r);
	run_calendar(&p, doc_title, login);
}

void ui_calendar_session(int64_t session_id)
{
	session_rec ses;
	kerr e;
	char doc_title[300];
	if (ui_failed(session_get(app->db, &app->who, session_id, &ses, &e), &e))
		return;
	char d[11];
	date_format(ses.starts, d);
	snprintf(doc_title, sizeof doc_title, _("Calendar file: %s, %s"), ses.activity_title, d);
	session_free(&ses);
	cctx p = { 0, session_id, "" };
	run_calendar(&p, doc_title, app->who.login);
}

/* ---- a list of lines (the import's outcome) ---- */

typedef struct lines {
	char **l;
	int n;
} lines;

static int lines_fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
		       int n, int width, lrow *out, kerr *e)
{
	view *v = ctx;
	lines *L = v->data;
	(void)filter;
	int first, got = pos_page(L->n, key, id, backward, n, &first);
	for (int j = 0; j < got; j++) {
		int i = first + j;
		char k[16], text[1024];
		pos_key(i, k, sizeof k);
		text_fit(L->l[i], width, text, sizeof text);
		int style = i == 0 ? ST_HEADER : ST_NORMAL;
		if (lrow_set(&out[j], i + 1, k, text, style))
			return lrow_fail(out, j, e);
	}
	return got;
}

static void lines_detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	lines *L = v->data;
	int i = (int)sel->id - 1;
	if (i < 0 || i >= L->n)
		return;
	/* the whole line, wrapped: a problem can be long */
	const char *p = L->l[i];
	for (int y = 0; y < h && *p; y++) {
		int take = text_prefix_cols(p, wd);
		if (take <= 0)
			take = 1;
		char buf[1024];
		snprintf(buf, sizeof buf, "%.*s", take, p);
		ui_put(w, y, 0, wd, buf, 1);
		p += take;
	}
}

static void lines_close(view *v)
{
	lines *L = v->data;
	for (int i = 0; L && i < L->n; i++)
		free(L->l[i]);
	if (L)
		free(L->l);
	free(L);
	v->data = NULL;
}

static const action lines_actions[] = { ACTION_END };

static const view_ops show_lines_ops = {
	.actions = lines_actions,
	.fetch = lines_fetch, .detail = lines_detail,
	.close = lines_close,
};

/* Takes over the strings (summary first, then the list). */
static void show_lines(const char *title, char *summary, char **list, int n)
{
	view *v = view_new(&show_lines_ops);
	lines *L = calloc(1, sizeof *L);
	char **l = calloc((size_t)n + 1, sizeof *l);
	if (!v || !L || !l || !summary) {
		free(v); free(L); free(l); free(summary);
		for (int i = 0; i < n; i++)
			free(list[i]);
		return;
	}
	l[0] = summary;
	for (int i = 0; i < n; i++)
		l[i + 1] = list[i];
	L->l = l;
	L->n = n + 1;
	v->title = title;
	v->data = L;
	ui_push(v);
}

/* ---- the import ---- */

enum { IF_WHAT, IF_PATH, IF_DRY, IF_DEACT, IF_COUNT };

static const char *const what_labels[] = { N_("Staff"), N_("Activities"), NULL };

static int pick_what(void *ctx, const char *filter, fchoice *out, int max)
{
	(void)ctx;
	return pick_codes(what_labels, i18n_tr, filter, out, max);
}

typedef struct ictx {
	import_result res;
	kerr err;
	int done, flags;
} ictx;

/* Before deactivate-missing does anything, a dry run tells how many of how
 * many it takes and whom, and the question says so; more than half the
 * active staff is asked about a second time, in words that say the risk. */
static int confirm_deactivation(import_kind kind, const char *path, int flags, kerr *e)
{
	import_result dry;
	int yes = flags;
	if (import_file(app->db, &app->who, kind, path, flags | IMPORT_DRY_RUN, &dry, e) == KE_OK &&
	    dry.deactivation) {
		char q[1400];
		snprintf(q, sizeof q, _("%s Deactivate them?"), dry.deactivation);
		yes = ui_confirm(q) ? flags : 0;
		if (yes && dry.deactivate_most)
			yes = ui_confirm(_("That is more than half of all active staff. Is the file really the full staff list?"))
			      ? flags | IMPORT_DEACTIVATE_MANY : 0;
	}
	import_result_free(&dry);
	return yes;
}

static kcode save_import(void *vctx, form *f, int *bad, kerr *e)
{
	ictx *x = vctx;
	const char *path = form_value(f, IF_PATH)->text;
	import_kind kind = form_value(f, IF_WHAT)->id == 2 ? IMPORT_ACTIVITIES : IMPORT_STAFF;
	x->flags = (form_value(f, IF_DRY)->on ? IMPORT_DRY_RUN : 0) |
		   (form_value(f, IF_DEACT)->on && kind == IMPORT_STAFF ? IMPORT_DEACTIVATE_MISSING : 0);
	if ((x->flags & IMPORT_DEACTIVATE_MISSING) && !(x->flags & IMPORT_DRY_RUN)) {
		kerr de;
		int flags = confirm_deactivation(kind, path ? path : "", x->flags, &de);
		if (!flags) {
			*bad = IF_DEACT;
			return kerr_set(e, KE_INVALID, "%s", _("Nothing was imported."));
		}
		x->flags = flags;
	}
	import_result_free(&x->res);
	kcode c = import_file(app->db, &app->who, kind, path ? path : "", x->flags, &x->res, &x->err);
	/* problems in the file are shown in their list, not in the form */
	if (c && c != KE_INVALID) {
		*bad = IF_PATH;
		*e = x->err;
		return c;
	}
	x->done = 1;
	return KE_OK;
}

int ui_import(void)
{
	fdesc fs[IF_COUNT] = {
		[IF_WHAT] = { _("The file holds"), FK_CHOICE, 1, 0, 0, 0, pick_what, NULL, NULL },
		[IF_PATH] = { _("File"), FK_TEXT, 1, 4000, 0, 0, NULL, NULL,
			      _("A CSV file (comma or semicolon), UTF-8 or Windows-1252") },
		[IF_DRY] = { _("Only try"), FK_BOOL, 0, 0, 0, 0, NULL, NULL,
			     _("Show what would happen and change nothing") },
		[IF_DEACT] = { _("Deactivate missing"), FK_BOOL, 0, 0, 0, 0, NULL, NULL,
			       _("Staff: a full list; deactivate active people not in it") },
	};
	form *f = form_new("import", _("Import from HR"), fs, IF_COUNT);
	if (!f)
		return UI_NOTHING;
	int what = UI_NOTHING;
	form_set_choice(f, IF_WHAT, 1, _(what_labels[0]));
	form_set_bool(f, IF_DRY, 1);
	ictx x;
	memset(&x, 0, sizeof x);
	if (form_run(f, save_import, &x) && x.done) {
		char *sum = NULL;
		int n;
		char **list;
		if (x.err.code) {
			sum = strdup(x.err.msg);
			list = x.res.problems;
			n = x.res.nproblems;
			x.res.problems = NULL;
			x.res.nproblems = 0;
		} else {
			if (asprintf(&sum, x.flags & IMPORT_DRY_RUN
				     ? _("Dry run, nothing changed: would add %d, update %d, leave %d unchanged, deactivate %d.")
				     : _("Imported: %d added, %d updated, %d unchanged, %d deactivated."),
				     x.res.added, x.res.updated, x.res.unchanged, x.res.deactivated) < 0)
				sum = NULL;
			list = x.res.actions;
			n = x.res.nactions;
			x.res.actions = NULL;
			x.res.nactions = 0;
			what = UI_RELOAD_ALL;
		}
		/* the encoding notes and whom it deactivates go first, under the summary */
		int extra = x.res.nnotes + (x.res.deactivation != NULL);
		char **all = calloc((size_t)(n + extra) + 1, sizeof *all);
		if (all) {
			int k = 0;
			for (int i = 0; i < x.res.nnotes; i++)
				all[k++] = x.res.notes[i];
			if (x.res.deactivation)
				all[k++] = x.res.deactivation;
			for (int i = 0; i < n; i++)
				all[k++] = list[i];
			free(x.res.notes);
			x.res.notes = NULL;
			x.res.nnotes = 0;
			x.res.deactivation = NULL;
			free(list);
			list = all;
			n = k;
		}
		if (x.err.code)
			ui_msg(ST_ERROR, "%s", x.err.msg);
		else
			ui_msg(ST_OK, "%s", sum ? sum : "");
		show_lines(N_("Import"), sum, list, n);
		free(list);
	}
	import_result_free(&x.res);
	form_free(f);
	return what;
}
