/* ui_view_admin.c — the admin list (key a, admins only): the organisation's
 * four registers, each opened as a sub-view where it is kept: units (tree,
 * kind, leaders, yearly budget), professions, competence areas and the focus
 * areas of the year. The views own their rows (ui_list); every record read
 * here is freed before the function that read it returns. */
#include "ui_view_admin.h"
#include "ui_view_delays.h"
#include "date.h"
#include "db_names.h"
#include "db_org.h"
#include "i18n.h"
#include "text.h"
#include "ui_form.h"
#include "ui_pick.h"
#include "ui_cycle.h"
#include "ui_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { A_LEADER = A_VIEW, A_BUDGET };

/* ---- shared pieces ---- */

static int is_admin(void)
{
	return app->who.role == ROLE_ADMIN;
}

/* The common rule of every admin list: admins change, a row is needed to
 * act on one. */
static int admin_allowed(view *v, int a, const lrow *sel)
{
	(void)v;
	switch (a) {
	case A_NEW: return is_admin();
	case A_EDIT: case A_DELETE: case A_LEADER: case A_BUDGET: return is_admin() && sel;
	case A_OPEN: return sel != NULL;
	}
	return 1;
}

static char *dup_value(form *f, int i)
{
	const char *t = form_value(f, i)->text;
	return strdup(t ? t : "");
}


/* Draws text from row y on, wrapped at spaces to wd columns; returns the
 * next row. */
static int draw_wrapped(WINDOW *w, int y, int h, int wd, const char *text)
{
	char line[1024];
	const char *p = text;
	while (*p && y < h && wd > 0) {
		size_t para = strcspn(p, "\n");
		int take = text_prefix_cols(p, wd);
		if ((size_t)take >= para) {
			take = (int)para;
		} else {
			int sp = take;
			while (sp > 0 && p[sp] != ' ')
				sp--;
			if (sp > 0)
				take = sp;
		}
		if (take == 0 && para > 0) /* a character wider than the pane */
			take = 1;
		snprintf(line, sizeof line, "%.*s", take, p);
		ui_put(w, y++, 0, wd, line, 1);
		p += take;
		if (*p == ' ' || *p == '\n')
			p++;
	}
	return y;
}

/* ---- units ---- */

/* Choices for the kind field: id = index + 1 in unit_kinds. */
static int pick_kind(void *ctx, const char *filter, fchoice *out, int max)
{
	(void)ctx;
	return pick_codes(unit_kinds, unit_kind_name, filter, out, max);
}

static const action unit_actions[] = {
	ACTION_NEW(N_("Add a unit")),
	ACTION_EDIT(N_("Edit the unit's name, kind and place in the tree")),
	{ A_LEADER, N_("Leader"), N_("Make a person leader of the unit"), { 'l' }, 1 },
	{ A_BUDGET, N_("Budget"), N_("Set the unit's budget for the year"), { 'b' }, 1 },
	ACTION_DELETE(N_("Deactivate"), N_("Deactivate (or reactivate) the unit")),
	ACTION_END,
};

static void unit_widths(int width, int w[3])
{
	w[1] = 11;
	w[0] = (width - w[1] - 2) / 2;
	w[2] = width - w[0] - w[1] - 2;
}

static void unit_header(view *v, char *buf, size_t size, int width)
{
	(void)v;
	const char *t[3] = { _("Unit"), _("Kind"), _("Leaders") };
	header_columns(buf, size, width, unit_widths, 3, t);
}

static int unit_fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
		      int n, int width, lrow *out, kerr *e)
{
	(void)ctx;
	kpage pg = { .filter = filter, .after_key = key, .after_id = id, .backward = backward,
		     .limit = n, .include_inactive = 1 };
	unit_rec *r;
	int got, w[3];
	if (unit_list(app->db, &app->who, &pg, &r, &got, e))
		return -1;
	unit_widths(width, w);
	for (int i = 0; i < got; i++) {
		char name[512], line[1024];
		/* The list is by name; the indent still tells areas from teams. */
		int indent = r[i].depth < 6 ? r[i].depth * 2 : 12;
		snprintf(name, sizeof name, "%*s%s", indent, "", r[i].name);
		const char *t[3] = { name, unit_kind_name(r[i].kind),
				     r[i].active ? r[i].leaders : _("(deactivated)") };
		columns(line, sizeof line, 3, t, w);
		if (lrow_set(&out[i], r[i].id, r[i].sort_key, line, r[i].active ? ST_NORMAL : ST_DIM)) {
			unit_rows_free(r, got);
			return lrow_fail(out, i, e);
		}
	}
	unit_rows_free(r, got);
	return got;
}

static void unit_detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	(void)v;
	unit_rec u, p;
	kerr e;
	if (detail_failed(w, wd, unit_get(app->db, &app->who, sel->id, &u, &e), &e))
		return;
	char buf[512], lab[64];
	int y = 0;
	snprintf(buf, sizeof buf, "%s%s", u.name, u.active ? "" : _(" — deactivated"));
	y = detail_title(w, y, wd, buf);
	if (y < h) y = detail_line(w, y, wd, _("Kind"), unit_kind_name(u.kind));
	if (y < h) {
		if (u.parent_id && unit_get(app->db, &app->who, u.parent_id, &p, &e) == KE_OK) {
			y = detail_line(w, y, wd, _("Part of"), p.name);
			unit_free(&p);
		} else {
			y = detail_line(w, y, wd, _("Part of"), _("none (a top unit)"));
		}
	}
	if (y < h) y = detail_line(w, y, wd, _("Leaders"), u.leaders[0] ? u.leaders : "–");
	int64_t amount;
	if (y < h && budget_get(app->db, &app->who, u.id, app->year, &amount, &e) == KE_OK) {
		ui_money(buf, sizeof buf, amount);
		snprintf(lab, sizeof lab, _("Budget %d"), app->year);
		y = detail_line(w, y, wd, lab, amount ? buf : _("none set"));
	}
	unit_free(&u);
}

enum { UF_NAME, UF_KIND, UF_PARENT, UF_COUNT };

static kcode save_unit(void *ctx, form *f, int *bad, kerr *e)
{
	unit_rec *u = ctx;
	int k = (int)form_value(f, UF_KIND)->id;
	unit_rec n = { .id = u->id, .version = form_version(f), .active = u->active,
		       .parent_id = form_value(f, UF_PARENT)->id, .name = dup_value(f, UF_NAME) };
	snprintf(n.kind, sizeof n.kind, "%s", k > 0 && k <= 3 ? unit_kinds[k - 1] : "");
	kcode c = n.name ? unit_save(app->db, &app->who, &n, e) : kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	if (c) {
		*bad = c == KE_EXISTS ? UF_NAME : -1;
	} else {
		u->id = n.id;
		u->version = n.version;
	}
	free(n.name);
	free(n.sort_key); /* set by unit_save */
	return c;
}

/* The unit's values into the form: to edit, and to see someone else's. */
static void fill_unit(form *f, const unit_rec *u, const unit_rec *parent)
{
	form_set_text(f, UF_NAME, u->name);
	for (int i = 0; unit_kinds[i]; i++)
		if (!strcmp(unit_kinds[i], u->kind))
			form_set_choice(f, UF_KIND, i + 1, unit_kind_name(u->kind));
	if (parent->id)
		form_set_choice(f, UF_PARENT, parent->id, parent->name);
}

/* The unit as saved now (ui_form.h form_reload_fn). */
static kcode reload_unit(void *ctx, form *into, int64_t *version, kerr *e)
{
	unit_rec cur, parent = { 0 };
	if (unit_get(app->db, &app->who, ((unit_rec *)ctx)->id, &cur, e))
		return e->code;
	*version = cur.version;
	kcode c = KE_OK;
	if (into && cur.parent_id)
		c = unit_get(app->db, &app->who, cur.parent_id, &parent, e);
	if (into && !c)
		fill_unit(into, &cur, &parent);
	unit_free(&parent);
	unit_free(&cur);
	return c;
}

/* v may be NULL (a draft reopened at the start). */
static int unit_edit(view *v, int64_t id)
{
	unit_rec u = { .active = 1 }, p = { 0 };
	kerr e;
	if (id && ui_failed(unit_get(app->db, &app->who, id, &u, &e), &e))
		return UI_NOTHING;
	if (u.parent_id && unit_get(app->db, &app->who, u.parent_id, &p, &e)) {
		ui_msg(ST_ERROR, "%s", e.msg);
		unit_free(&u);
		return UI_NOTHING;
	}
	fdesc fs[UF_COUNT] = {
		[UF_NAME] = { _("Name"), FK_TEXT, 1, 120, 0, 0, NULL, NULL, NULL, .col = "name" },
		[UF_KIND] = { _("Kind"), FK_CHOICE, 1, 0, 0, 0, pick_kind, NULL, _("Area, institution or team"), .col = "kind" },
		[UF_PARENT] = { _("Parent unit"), FK_CHOICE, 0, 0, 0, 0, pick_unit, NULL,
				_("The unit above this one; empty for a top unit"), .col = "parent_id" },
	};
	form *f = form_new("unit", id ? _("Edit unit") : _("New unit"), fs, UF_COUNT);
	if (f) {
		if (id) {
			fill_unit(f, &u, &p);
			form_set_reload(f, reload_unit, &u);
		}
		form_set_record(f, id, u.version);
	}
	int what = view_form_run(f, save_unit, &u);
	unit_rec fresh;
	if (what && v && unit_get(app->db, &app->who, u.id, &fresh, &e) == KE_OK) {
		list_select_id(&v->list, fresh.sort_key, fresh.id);
		unit_free(&fresh);
	}
	unit_free(&p);
	unit_free(&u);
	return what;
}

/* Saves the unit n (name and kind borrowed) at version; its new sort key
 * is n's. */
static kcode unit_save_at(void *ctx, int64_t version, kerr *e)
{
	unit_rec *n = ctx;
	n->version = version;
	free(n->sort_key);
	n->sort_key = NULL;
	return unit_save(app->db, &app->who, n, e);
}

static int unit_toggle(int64_t id)
{
	unit_rec u;
	kerr e;
	if (ui_failed(unit_get(app->db, &app->who, id, &u, &e), &e))
		return UI_NOTHING;
	char q[600];
	snprintf(q, sizeof q, u.active ? _("Deactivate the unit %s? Its history is kept.")
				       : _("Reactivate the unit %s?"), u.name);
	/* name and kind are borrowed from u; only the new sort key is ours */
	unit_rec n = { .id = u.id, .parent_id = u.parent_id, .name = u.name, .active = !u.active };
	memcpy(n.kind, u.kind, sizeof n.kind);
	int c = view_confirm_change(q, u.active ? _("Deactivate anyway?") : _("Reactivate anyway?"),
				    unit_save_at, reload_unit, &n, u.version);
	if (c == KE_OK)
		ui_msg(ST_OK, u.active ? _("%s is deactivated.") : _("%s is active again."), u.name);
	free(n.sort_key);
	unit_free(&u);
	return c < 0 ? UI_NOTHING : UI_RELOAD_ALL;
}

enum { LF_PERSON, LF_FROM, LF_REPLACE, LF_COUNT };

static kcode save_leader(void *ctx, form *f, int *bad, kerr *e)
{
	int64_t unit = *(int64_t *)ctx;
	(void)bad; /* the field at fault comes from the error (fdesc col) */
	return unit_set_leader(app->db, &app->who, unit, form_value(f, LF_PERSON)->id,
			       form_value(f, LF_FROM)->iso, form_value(f, LF_REPLACE)->on, e);
}

static int unit_leader(int64_t id)
{
	int what = UI_NOTHING;
	unit_rec u;
	kerr e;
	if (ui_failed(unit_get(app->db, &app->who, id, &u, &e), &e))
		return UI_NOTHING;
	fdesc fs[LF_COUNT] = {
		[LF_PERSON] = { _("Person"), FK_CHOICE, 1, 0, 0, 0, pick_staff, NULL, _("Type part of the name"), .col = "staff_id" },
		[LF_FROM] = { _("Leader from"), FK_DATE, 1, 0, 0, 0, NULL, NULL, _("A date like 22-11-2026"), .col = "since" },
		[LF_REPLACE] = { _("Replace current leaders"), FK_BOOL, 0, 0, 0, 0, NULL, NULL,
				 _("Space toggles: the current leaders stop the day before") },
	};
	char title[300], today[11] = "", shown[11];
	snprintf(title, sizeof title, _("Leader of %s"), u.name);
	form *f = form_new("unit-leader", title, fs, LF_COUNT);
	if (f) {
		form_set_record(f, id, 0);
		if (date_today(today) == 0) {
			date_format(today, shown);
			form_set_text(f, LF_FROM, shown);
		}
		if (form_run(f, save_leader, &id)) {
			ui_msg(ST_OK, _("%s now leads %s."), form_value(f, LF_PERSON)->text, u.name);
			what = UI_RELOAD_ALL;
		}
		form_free(f);
	}
	unit_free(&u);
	return what;
}

enum { BF_AMOUNT, BF_COUNT };

static kcode save_budget(void *ctx, form *f, int *bad, kerr *e)
{
	*bad = BF_AMOUNT;
	return budget_set(app->db, &app->who, *(int64_t *)ctx, app->year, form_value(f, BF_AMOUNT)->num, e);
}

static int unit_budget(int64_t id)
{
	unit_rec u;
	kerr e;
	int64_t amount = 0;
	/* unit_get clears u first, so it can be freed whichever call failed */
	if (unit_get(app->db, &app->who, id, &u, &e) ||
	    budget_get(app->db, &app->who, id, app->year, &amount, &e)) {
		ui_msg(ST_ERROR, "%s", e.msg);
		unit_free(&u);
		return UI_NOTHING;
	}
	fdesc fs[BF_COUNT] = {
		[BF_AMOUNT] = { _("Budget"), FK_MONEY, 1, 0, 0, 1000000000, NULL, NULL,
				_("Whole kroner for competence development, e.g. 250.000"), .col = "amount" },
	};
	char title[300];
	snprintf(title, sizeof title, _("Budget %d for %s"), app->year, u.name);
	form *f = form_new("budget", title, fs, BF_COUNT);
	if (f) {
		form_set_record(f, id, 0);
		if (amount)
			form_set_num(f, BF_AMOUNT, amount);
	}
	unit_free(&u);
	return view_form_run(f, save_budget, &id);
}

static int unit_act(view *v, int a, const lrow *sel)
{
	switch (a) {
	case A_NEW: return unit_edit(v, 0);
	case A_EDIT: return unit_edit(v, sel->id);
	case A_DELETE: return unit_toggle(sel->id);
	case A_LEADER: return unit_leader(sel->id);
	case A_BUDGET: return unit_budget(sel->id);
	}
	return UI_NOTHING;
}

/* ---- professions ---- */

static const action prof_actions[] = {
	ACTION_NEW(N_("Add a profession")),
	ACTION_EDIT(N_("Rename the profession")),
	ACTION_END,
};

static void prof_header(view *v, char *buf, size_t size, int width)
{
	(void)v;
	text_fit(_("Profession"), width, buf, size);
}

static int prof_fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
		      int n, int width, lrow *out, kerr *e)
{
	(void)ctx;
	kpage pg = { .filter = filter, .after_key = key, .after_id = id, .backward = backward, .limit = n };
	named_rec *r;
	int got;
	if (profession_list(app->db, &app->who, &pg, &r, &got, e))
		return -1;
	for (int i = 0; i < got; i++) {
		char line[1024];
		text_fit(r[i].name, width, line, sizeof line);
		if (lrow_set(&out[i], r[i].id, r[i].sort_key, line, ST_NORMAL)) {
			named_rows_free(r, got);
			return lrow_fail(out, i, e);
		}
	}
	named_rows_free(r, got);
	return got;
}

/* The profession in row sel, read again: the first row after (key, id-1)
 * is the row itself while it exists. */
static kcode prof_get(const lrow *sel, named_rec *out, kerr *e)
{
	kpage pg = { .after_key = sel->key, .after_id = sel->id - 1, .limit = 1 };
	named_rec *r;
	int n;
	if (profession_list(app->db, &app->who, &pg, &r, &n, e))
		return e->code;
	if (n != 1 || r[0].id != sel->id) {
		named_rows_free(r, n);
		return kerr_set(e, KE_NOTFOUND, "%s", _("The profession is gone; someone else changed it."));
	}
	*out = r[0];
	free(r);
	return KE_OK;
}

static void prof_detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	(void)v;
	named_rec p;
	kerr e;
	if (detail_failed(w, wd, prof_get(sel, &p, &e), &e))
		return;
	detail_title(w, 0, wd, p.name);
	draw_wrapped(w, 1, h, wd, _("Staff records and activities refer to it; a new name shows everywhere."));
	named_free(&p);
}

enum { PF_NAME, PF_COUNT };

static kcode save_prof(void *ctx, form *f, int *bad, kerr *e)
{
	named_rec *p = ctx;
	named_rec n = { .id = p->id, .version = form_version(f), .name = dup_value(f, PF_NAME) };
	kcode c = n.name ? profession_save(app->db, &app->who, &n, e) : kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	*bad = PF_NAME;
	if (!c) {
		p->id = n.id;
		p->version = n.version;
		free(p->sort_key);
		p->sort_key = n.sort_key; /* set by profession_save */
		n.sort_key = NULL;
	}
	free(n.name);
	free(n.sort_key);
	return c;
}

/* The profession as saved now (form_reload_fn). */
static kcode reload_prof(void *ctx, form *into, int64_t *version, kerr *e)
{
	named_rec cur;
	if (profession_get(app->db, &app->who, ((named_rec *)ctx)->id, &cur, e))
		return e->code;
	*version = cur.version;
	if (into)
		form_set_text(into, PF_NAME, cur.name);
	named_free(&cur);
	return KE_OK;
}

static int prof_edit(view *v, const lrow *sel)
{
	named_rec p = { 0 };
	kerr e;
	if (sel && ui_failed(prof_get(sel, &p, &e), &e))
		return UI_NOTHING;
	fdesc fs[PF_COUNT] = {
		[PF_NAME] = { _("Name"), FK_TEXT, 1, 80, 0, 0, NULL, NULL, _("E.g. Pædagog, Lærer, Socialrådgiver"), .col = "name" },
	};
	form *f = form_new("profession", sel ? _("Edit profession") : _("New profession"), fs, PF_COUNT);
	if (f) {
		if (sel) {
			form_set_text(f, PF_NAME, p.name);
			form_set_reload(f, reload_prof, &p);
		}
		form_set_record(f, sel ? sel->id : 0, p.version);
	}
	int what = view_form_run(f, save_prof, &p);
	if (what && p.sort_key)
		list_select_id(&v->list, p.sort_key, p.id);
	named_free(&p);
	return what;
}

static int prof_act(view *v, int a, const lrow *sel)
{
	switch (a) {
	case A_NEW: return prof_edit(v, NULL);
	case A_EDIT: return prof_edit(v, sel);
	}
	return UI_NOTHING;
}

/* ---- competence areas and focus areas: short lists read whole ---- */

/* Fills out from the rows of a whole register: those whose text (or code)
 * hold the filter, with their list keys; line() lays out one row. */
typedef void (*named_line_fn)(const named_rec *r, int width, char *buf, size_t size);

static void comp_key(const named_rec *r, char *buf, size_t size)
{
	snprintf(buf, size, "%010d", r->pos); /* strcmp order = (pos) order */
}

static int named_fetch(named_rec *r, int got, int is_comp, named_line_fn line, const char *filter,
		       const char *key, int64_t id, int backward, int n, int width, lrow *out, kerr *e)
{
	mkey *k = calloc((size_t)(got ? got : 1), sizeof *k);
	char (*keys)[16] = calloc((size_t)(got ? got : 1), sizeof *keys);
	if (!k || !keys) {
		free(k);
		free(keys);
		named_rows_free(r, got);
		return lrow_fail(out, 0, e);
	}
	int m = 0;
	for (int i = 0; i < got; i++) {
		if (!pick_matches(r[i].name, filter) && !(is_comp && pick_matches(r[i].code, filter)))
			continue;
		if (is_comp)
			comp_key(&r[i], keys[m], sizeof keys[m]);
		k[m] = (mkey){ is_comp ? keys[m] : r[i].sort_key, r[i].id, i };
		m++;
	}
	int first, cnt = mem_page(k, m, key, id, backward, n, &first), fail = -1;
	for (int i = 0; i < cnt && fail < 0; i++) {
		char text[1024];
		const mkey *x = &k[first + i];
		line(&r[x->idx], width, text, sizeof text);
		if (lrow_set(&out[i], x->id, x->key, text, ST_NORMAL))
			fail = i;
	}
	free(k);
	free(keys);
	named_rows_free(r, got);
	return fail >= 0 ? lrow_fail(out, fail, e) : cnt;
}

/* The record with id from a whole register (moved out of rows, which are
 * freed); KE_NOTFOUND when it is gone. */
static kcode named_take(named_rec *rows, int n, int64_t id, named_rec *out, kerr *e)
{
	kcode c = kerr_set(e, KE_NOTFOUND, "%s", _("The record is gone; someone else changed it."));
	for (int i = 0; i < n; i++)
		if (rows[i].id == id) {
			*out = rows[i];
			memset(&rows[i], 0, sizeof rows[i]);
			c = KE_OK;
			kerr_clear(e);
		}
	named_rows_free(rows, n);
	return c;
}

/* competence areas */

static const action comp_actions[] = {
	ACTION_NEW(N_("Add a competence area")),
	ACTION_EDIT(N_("Edit the competence area's code and names")),
	ACTION_END,
};

static void comp_widths(int width, int w[3])
{
	w[0] = 18;
	w[1] = (width - w[0] - 2) / 2;
	w[2] = width - w[0] - w[1] - 2;
}

static void comp_header(view *v, char *buf, size_t size, int width)
{
	(void)v;
	const char *t[3] = { _("Code"), _("Danish name"), _("English name") };
	header_columns(buf, size, width, comp_widths, 3, t);
}

static void comp_line(const named_rec *r, int width, char *buf, size_t size)
{
	int w[3];
	comp_widths(width, w);
	const char *t[3] = { r->code, r->name_da, r->name_en };
	columns(buf, size, 3, t, w);
}

static int comp_fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
		      int n, int width, lrow *out, kerr *e)
{
	(void)ctx;
	named_rec *r;
	int got;
	if (competence_list(app->db, &app->who, &r, &got, e))
		return -1;
	return named_fetch(r, got, 1, comp_line, filter, key, id, backward, n, width, out, e);
}

static kcode comp_get(int64_t id, named_rec *out, kerr *e)
{
	named_rec *r;
	int n;
	if (competence_list(app->db, &app->who, &r, &n, e))
		return e->code;
	return named_take(r, n, id, out, e);
}

static void comp_detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	(void)v;
	named_rec c;
	kerr e;
	if (detail_failed(w, wd, comp_get(sel->id, &c, &e), &e))
		return;
	char pos[16];
	int y = 0;
	y = detail_title(w, y, wd, c.name);
	snprintf(pos, sizeof pos, "%d", c.pos);
	if (y < h) y = detail_line(w, y, wd, _("Code"), c.code);
	if (y < h) y = detail_line(w, y, wd, _("Danish name"), c.name_da);
	if (y < h) y = detail_line(w, y, wd, _("English name"), c.name_en);
	if (y < h) y = detail_line(w, y, wd, _("Position"), pos);
	named_free(&c);
}

enum { CF_CODE, CF_DA, CF_EN, CF_COUNT };

static kcode save_comp(void *ctx, form *f, int *bad, kerr *e)
{
	named_rec *c = ctx;
	named_rec n = { .id = c->id, .version = form_version(f), .pos = c->pos, .code = dup_value(f, CF_CODE),
			.name_da = dup_value(f, CF_DA), .name_en = dup_value(f, CF_EN) };
	kcode r = n.code && n.name_da && n.name_en ? competence_save(app->db, &app->who, &n, e)
						     : kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	if (r) {
		*bad = r == KE_EXISTS ? CF_CODE : -1;
	} else {
		c->id = n.id;
		c->version = n.version;
		c->pos = n.pos;
	}
	free(n.code);
	free(n.name_da);
	free(n.name_en);
	return r;
}

/* The competence area as saved now (ui_form.h form_reload_fn). */
static kcode reload_comp(void *ctx, form *into, int64_t *version, kerr *e)
{
	named_rec cur;
	if (comp_get(((named_rec *)ctx)->id, &cur, e))
		return e->code;
	*version = cur.version;
	if (into) {
		form_set_text(into, CF_CODE, cur.code);
		form_set_text(into, CF_DA, cur.name_da);
		form_set_text(into, CF_EN, cur.name_en);
	}
	named_free(&cur);
	return KE_OK;
}

/* v may be NULL (a draft reopened at the start). */
static int comp_edit(view *v, int64_t id)
{
	named_rec c = { 0 };
	kerr e;
	if (id && ui_failed(comp_get(id, &c, &e), &e))
		return UI_NOTHING;
	fdesc fs[CF_COUNT] = {
		[CF_CODE] = { _("Code"), FK_TEXT, 1, 20, 0, 0, NULL, NULL, _("Letters a-z, e.g. relational"), .col = "code" },
		[CF_DA] = { _("Danish name"), FK_TEXT, 1, 80, 0, 0, NULL, NULL, NULL, .col = "name_da" },
		[CF_EN] = { _("English name"), FK_TEXT, 1, 80, 0, 0, NULL, NULL, NULL, .col = "name_en" },
	};
	form *f = form_new("competence", id ? _("Edit competence area") : _("New competence area"), fs, CF_COUNT);
	if (f) {
		if (id) {
			form_set_text(f, CF_CODE, c.code);
			form_set_text(f, CF_DA, c.name_da);
			form_set_text(f, CF_EN, c.name_en);
			form_set_reload(f, reload_comp, &c);
		}
		form_set_record(f, id, c.version);
	}
	int what = view_form_run(f, save_comp, &c);
	char key[16];
	comp_key(&c, key, sizeof key);
	if (what && v)
		list_select_id(&v->list, key, c.id);
	named_free(&c);
	return what;
}

static int comp_act(view *v, int a, const lrow *sel)
{
	switch (a) {
	case A_NEW: return comp_edit(v, 0);
	case A_EDIT: return comp_edit(v, sel->id);
	}
	return UI_NOTHING;
}

/* focus areas of app->year */

static const action focus_actions[] = {
	ACTION_NEW(N_("Add a focus area for the year")),
	ACTION_EDIT(N_("Edit the focus area")),
	ACTION_END,
};

static void focus_widths(int width, int w[2])
{
	w[0] = width * 2 / 5;
	w[1] = width - w[0] - 1;
}

static void focus_header(view *v, char *buf, size_t size, int width)
{
	(void)v;
	const char *t[2] = { _("Focus area"), _("Description") };
	header_columns(buf, size, width, focus_widths, 2, t);
}

static void focus_line(const named_rec *r, int width, char *buf, size_t size)
{
	int w[2];
	char first[512];
	focus_widths(width, w);
	snprintf(first, sizeof first, "%.*s", (int)strcspn(r->description, "\n"), r->description);
	const char *t[2] = { r->name, first };
	columns(buf, size, 2, t, w);
}

static int focus_fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
		       int n, int width, lrow *out, kerr *e)
{
	view *v = ctx;
	named_rec *r;
	int got;
	/* Fetched again on every change of year, so the title follows it. */
	snprintf(v->subtitle, sizeof v->subtitle, "%d", app->year);
	if (focus_list(app->db, &app->who, app->year, &r, &got, e))
		return -1;
	return named_fetch(r, got, 0, focus_line, filter, key, id, backward, n, width, out, e);
}

static kcode focus_get(int64_t id, named_rec *out, kerr *e)
{
	named_rec *r;
	int n;
	if (focus_list(app->db, &app->who, 0, &r, &n, e))
		return e->code;
	return named_take(r, n, id, out, e);
}

static void focus_detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	(void)v;
	named_rec f;
	kerr e;
	if (detail_failed(w, wd, focus_get(sel->id, &f, &e), &e))
		return;
	char year[16];
	int y = 0;
	y = detail_title(w, y, wd, f.name);
	snprintf(year, sizeof year, "%d", f.year);
	if (y < h) y = detail_line(w, y, wd, _("Year"), year);
	if (y < h) y = detail_line(w, y, wd, _("Description"), f.description[0] ? "" : "–");
	draw_wrapped(w, y, h, wd, f.description);
	named_free(&f);
}

enum { FF_TITLE, FF_DESC, FF_COUNT };

static kcode save_focus(void *ctx, form *f, int *bad, kerr *e)
{
	named_rec *r = ctx;
	named_rec n = { .id = r->id, .version = form_version(f), .year = r->year,
			.name = dup_value(f, FF_TITLE), .description = dup_value(f, FF_DESC) };
	kcode c = n.name && n.description ? focus_save(app->db, &app->who, &n, e)
					  : kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	if (c) {
		*bad = FF_TITLE;
	} else {
		r->id = n.id;
		r->version = n.version;
		/* the list key: focus areas are listed by Danish title order */
		free(r->sort_key);
		r->sort_key = text_sortkey(n.name);
	}
	free(n.name);
	free(n.description);
	return c;
}

/* The focus area as saved now (ui_form.h form_reload_fn). */
static kcode reload_focus(void *ctx, form *into, int64_t *version, kerr *e)
{
	named_rec cur;
	if (focus_get(((named_rec *)ctx)->id, &cur, e))
		return e->code;
	*version = cur.version;
	if (into) {
		form_set_text(into, FF_TITLE, cur.name);
		form_set_text(into, FF_DESC, cur.description);
	}
	named_free(&cur);
	return KE_OK;
}

/* v may be NULL (a draft reopened at the start). */
static int focus_edit(view *v, int64_t id)
{
	named_rec r = { .year = app->year };
	kerr e;
	if (id && ui_failed(focus_get(id, &r, &e), &e))
		return UI_NOTHING;
	fdesc fs[FF_COUNT] = {
		[FF_TITLE] = { _("Title"), FK_TEXT, 1, 120, 0, 0, NULL, NULL, NULL, .col = "title" },
		[FF_DESC] = { _("Description"), FK_TEXTAREA, 0, 2000, 0, 0, NULL, NULL, NULL, .col = "description" },
	};
	char title[200];
	if (id)
		snprintf(title, sizeof title, _("Edit focus area (%d)"), r.year);
	else
		snprintf(title, sizeof title, _("New focus area for %d"), r.year);
	form *f = form_new(id ? "focus" : "focus-new", title, fs, FF_COUNT);
	if (f) {
		if (id) {
			form_set_text(f, FF_TITLE, r.name);
			form_set_text(f, FF_DESC, r.description);
			form_set_reload(f, reload_focus, &r);
			form_set_record(f, id, r.version);
		} else {
			form_set_record(f, r.year, 0);
		}
	}
	int what = view_form_run(f, save_focus, &r);
	if (what && v && r.sort_key)
		list_select_id(&v->list, r.sort_key, r.id);
	named_free(&r);
	return what;
}

static int focus_act(view *v, int a, const lrow *sel)
{
	switch (a) {
	case A_NEW: return focus_edit(v, 0);
	case A_EDIT: return focus_edit(v, sel->id);
	}
	return UI_NOTHING;
}

/* ---- the admin list: the four registers ---- */

/* Follow-up delays before the focus areas, which stay last (G) */
enum { R_UNITS = 1, R_PROFESSIONS, R_COMPETENCE, R_FOLLOWUP, R_FOCUS, R_COUNT = R_FOCUS };

static const action admin_actions[] = {
	ACTION_OPEN(N_("Open"), N_("Open the register")),
	{ A_IMPORT, N_("Import"), N_("Import staff or activities from an HR spreadsheet (CSV)"), { 'i' }, 1 },
	ACTION_END,
};

/* The register's name as listed; focus areas are per year. */
static void register_name(int r, char *buf, size_t size)
{
	switch (r) {
	case R_UNITS: snprintf(buf, size, "%s", _("Units")); break;
	case R_PROFESSIONS: snprintf(buf, size, "%s", _("Professions")); break;
	case R_COMPETENCE: snprintf(buf, size, "%s", _("Competence areas")); break;
	case R_FOLLOWUP: snprintf(buf, size, "%s", _("Follow-up delays")); break;
	default: snprintf(buf, size, _("Focus areas %d"), app->year); break;
	}
}

static void admin_header(view *v, char *buf, size_t size, int width)
{
	(void)v;
	text_fit(_("Register"), width, buf, size);
}

static int admin_fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
		       int n, int width, lrow *out, kerr *e)
{
	(void)ctx;
	char names[R_COUNT][128], keys[R_COUNT][4];
	mkey k[R_COUNT];
	int m = 0;
	for (int r = R_UNITS; r <= R_COUNT; r++) {
		register_name(r, names[r - 1], sizeof names[r - 1]);
		if (!pick_matches(names[r - 1], filter))
			continue;
		snprintf(keys[r - 1], sizeof keys[r - 1], "%d", r);
		k[m++] = (mkey){ keys[r - 1], r, r - 1 };
	}
	int first, cnt = mem_page(k, m, key, id, backward, n, &first);
	for (int i = 0; i < cnt; i++) {
		char line[256];
		text_fit(names[k[first + i].idx], width, line, sizeof line);
		if (lrow_set(&out[i], k[first + i].id, k[first + i].key, line, ST_NORMAL))
			return lrow_fail(out, i, e);
	}
	return cnt;
}

static void admin_detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	(void)v;
	char name[128];
	const char *about[] = {
		_("The tree of areas, institutions and teams, with their leaders and this year's budgets."),
		_("The professional groups staff belong to and activities are aimed at."),
		_("The kinds of competence every goal in a plan develops."),
		_("How many weeks after an activity its follow-up falls due, per method."),
		_("The common focus areas of the year; goals and activities link to them."),
	};
	if (sel->id < R_UNITS || sel->id > R_COUNT)
		return;
	register_name((int)sel->id, name, sizeof name);
	detail_title(w, 0, wd, name);
	int y = draw_wrapped(w, 1, h, wd, about[sel->id - 1]);
	if (y + 1 < h)
		ui_put(w, y + 1, 0, wd, _("Enter opens it."), 1);
}

static const view_ops unit_ops = {
	.title = N_("Units"), .actions = unit_actions,
	.fetch = unit_fetch, .header = unit_header, .detail = unit_detail, .act = unit_act, .allowed = admin_allowed,
	.table = "unit",
};

static const view_ops prof_ops = {
	.title = N_("Professions"), .actions = prof_actions,
	.fetch = prof_fetch, .header = prof_header, .detail = prof_detail, .act = prof_act, .allowed = admin_allowed,
	.table = "profession",
};

static const view_ops comp_ops = {
	.title = N_("Competence areas"), .actions = comp_actions,
	.fetch = comp_fetch, .header = comp_header, .detail = comp_detail, .act = comp_act, .allowed = admin_allowed,
	.table = "competence_area",
};

static const view_ops focus_ops = {
	.title = N_("Focus areas"), .actions = focus_actions,
	.fetch = focus_fetch, .header = focus_header, .detail = focus_detail, .act = focus_act, .allowed = admin_allowed,
	.table = "focus_area",
};

/* The register r; its audited table lets h show a row's history. */
static view *register_view(int r)
{
	view *v = NULL;
	if (r == R_FOLLOWUP) /* ui_view_delays.c */
		return view_fu_delays_new();
	switch (r) {
	case R_UNITS:
		v = view_new(&unit_ops);
		break;
	case R_PROFESSIONS:
		v = view_new(&prof_ops);
		break;
	case R_COMPETENCE:
		v = view_new(&comp_ops);
		break;
	case R_FOCUS:
		v = view_new(&focus_ops);
		break;
	}
	if (v && r != R_FOCUS) /* focus areas show their year, set by the fetch */
		snprintf(v->subtitle, sizeof v->subtitle, "%s", _("Admin"));
	return v;
}

static int admin_act(view *v, int a, const lrow *sel)
{
	(void)v;
	if (a == A_IMPORT)
		return ui_import();
	if (a == A_OPEN)
		ui_push(register_view((int)sel->id));
	return UI_NOTHING;
}

/* Reopens a form for its draft (ui_live.h). New focus areas and
 * professions are not reopened here: opening them again offers the draft. */
int view_admin_resume(const char *form, int64_t id)
{
	if (!strcmp(form, "unit"))
		unit_edit(NULL, id);
	else if (!strcmp(form, "unit-leader"))
		unit_leader(id);
	else if (!strcmp(form, "budget"))
		unit_budget(id);
	else if (!strcmp(form, "competence"))
		comp_edit(NULL, id);
	else if (!strcmp(form, "focus"))
		focus_edit(NULL, id);
	else
		return 0;
	return 1;
}

static const view_ops admin_ops = {
	.title = N_("Admin"), .actions = admin_actions,
	.fetch = admin_fetch, .header = admin_header, .detail = admin_detail, .act = admin_act, .allowed = admin_allowed,
};

view *view_admin_new(void)
{
	view *v = view_new(&admin_ops);
	if (v)
		snprintf(v->subtitle, sizeof v->subtitle, "%s", _("units, professions, competence and focus areas"));
	return v;
}

const view_kind view_admin_kinds[] = {
	{ "admin", &admin_ops },
	{ "units", &unit_ops },
	{ "professions", &prof_ops },
	{ "competence-areas", &comp_ops },
	{ "focus-areas", &focus_ops },
	{ NULL, NULL },
};
