/* ui_view_report.c — one management report, opened from pane 4's list of
 * reports (ui_view_report_menu.c), with the figures of `kup report`
 * (db_report.h) for the year shown ([ ])
 * and a unit subtree (u), as a table with a horizontal bar, sortable by any
 * column (s next column, S reverse). Enter drills down to the people or
 * records behind a row; Enter there shows the plan (coverage, goals) or the
 * person in their own pane.
 * Bars are drawn with the eighth blocks ▏▎▍▌▋▊▉█ when the screen shows
 * UTF-8, else with '#' (the one decision of ui_charset.h).
 * The report is held by the view (report_free on close). */
#include "ui_view_report.h"
#include "date.h"
#include "db_report.h"
#include "i18n.h"
#include "text.h"
#include "ui_charset.h"
#include "ui_choice.h"
#include "ui_pick.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { A_REPORT = A_VIEW + 40, A_UNIT, A_SORT, A_SORT_DIR };

static const action report_actions[] = {
	ACTION_OPEN(N_("Behind"), N_("Show the people or records behind the row")),
	{ A_REPORT, N_("Report"), N_("Choose the report"), { 'r' }, 1 },
	{ A_UNIT, N_("Unit"), N_("Choose the unit (and the units below it)"), { 'u' }, 1 },
	{ A_SORT, N_("Sort"), N_("Sort by the next column"), { 's' }, 1 },
	{ A_SORT_DIR, N_("Reverse"), N_("Reverse the sort order"), { 'S' }, 0 },
	ACTION_END,
};

static const action item_actions[] = {
	ACTION_OPEN(N_("Show"), N_("Show the plan or the person in their pane")),
	ACTION_END,
};

typedef struct lay {
	int label, group, bar;
	int num[REPORT_MAXCOLS];
	int shown;         /* numeric columns that fit */
} lay;

typedef struct rstate {
	kreport kind;
	int64_t unit_id;
	char unit_name[200];
	int sort_col;      /* -1: the label */
	int sort_desc;
	report_t rep;
	int loaded;        /* rep holds kind/year/unit below */
	int year;
	/* Worked out once per report, not for every row drawn (a
	 * municipality's report has thousands of rows) */
	lay lay;
	int lay_width;     /* lay is for this width; -1: not yet */
	double bar_max;
} rstate;

/* The drill-down: which row of which report. */
typedef struct istate {
	kreport kind;
	int year;
	int64_t unit_id;
	report_row row;    /* id and key only (no strings) */
	int all;           /* the total row: everything */
} istate;

static double bar_max(const report_t *r);

static int load(rstate *s, kerr *e)
{
	if (s->loaded && s->year == app->year)
		return 0;
	report_free(&s->rep);
	s->loaded = 0;
	if (report_run(app->db, &app->who, s->kind, app->year, s->unit_id, &s->rep, e))
		return -1;
	report_sort(&s->rep, s->sort_col, s->sort_desc);
	s->loaded = 1;
	s->year = app->year;
	s->lay_width = -1;
	s->bar_max = bar_max(&s->rep);
	return 0;
}

/* ---- layout ---- */

static const char *group_name(const char *code)
{
	return !strcmp(code, "leaders") ? _("Leaders") : !strcmp(code, "staff") ? _("Staff") : "";
}

static void layout(rstate *s, int width, lay *l)
{
	if (s->lay_width == width) {
		*l = s->lay;
		return;
	}
	const report_t *r = &s->rep;
	char cell[64];
	memset(l, 0, sizeof *l);
	l->group = 0;
	if (r->kind == REP_COVERAGE) {
		l->group = text_width(group_name("staff"));
		if (text_width(group_name("leaders")) > l->group)
			l->group = text_width(group_name("leaders"));
	}
	int used = 0;
	for (int c = 0; c < r->ncols; c++) {
		int w = text_width(_(r->cols[c].label));
		for (int i = 0; i <= r->nrows; i++) {
			report_cell(r, i < r->nrows ? &r->rows[i] : &r->total, c, cell, sizeof cell);
			if (text_width(cell) > w)
				w = text_width(cell);
		}
		l->num[c] = w;
	}
	/* the label gets at least 14 columns, the bar what is left (6..20) */
	for (l->shown = 0; l->shown < r->ncols; l->shown++) {
		int need = used + l->num[l->shown] + 1;
		if (width - need - l->group - 14 - 7 < 0)
			break;
		used = need;
	}
	int rest = width - used - (l->group ? l->group + 1 : 0);
	l->bar = rest / 3 > 20 ? 20 : rest / 3;
	if (l->bar < 6 || rest - l->bar - 1 < 12)
		l->bar = 0;
	l->label = rest - (l->bar ? l->bar + 1 : 0);
	s->lay = *l;
	s->lay_width = width;
}

static void bar(double v, double max, int width, char *buf, size_t size)
{
	static const char *const eighths[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	size_t len = 0;
	buf[0] = '\0';
	if (max <= 0 || v <= 0 || width <= 0)
		return;
	int units = (int)(v / max * width * 8 + 0.5);
	if (units > width * 8)
		units = width * 8;
	if (!ui_utf8()) {
		for (int i = 0; i < (units + 4) / 8 && len + 2 < size; i++)
			buf[len++] = '#';
		buf[len] = '\0';
		return;
	}
	for (int i = 0; i < units / 8 && len + 4 < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s", "█");
	if (units % 8 && len + 4 < size)
		snprintf(buf + len, size - len, "%s", eighths[units % 8]);
}

static double bar_max(const report_t *r)
{
	double m = 0;
	for (int i = 0; i < r->nrows; i++)
		if (r->rows[i].has[r->bar_col] && r->rows[i].v[r->bar_col] > m)
			m = r->rows[i].v[r->bar_col];
	if (r->cols[r->bar_col].kind == RC_PCT && m < 100)
		m = 100; /* percentages against the whole */
	return m;
}

static void line(const rstate *s, const lay *l, const report_row *row, int is_total, char *out, size_t size)
{
	const report_t *r = &s->rep;
	char buf[256], cell[64];
	size_t len = 0;
	text_fit_pad(row->label, l->label, out, size);
	len = strlen(out);
	if (l->group) {
		text_fit_pad(group_name(row->group), l->group, buf, sizeof buf);
		len += (size_t)snprintf(out + len, size - len, " %s", buf);
	}
	for (int c = 0; c < l->shown && len < size; c++) {
		report_cell(r, row, c, cell, sizeof cell);
		int pad = l->num[c] - text_width(cell);
		len += (size_t)snprintf(out + len, size - len, " %*s%s", pad > 0 ? pad : 0, "", cell);
	}
	if (l->bar && !is_total && row->has[r->bar_col] && len < size) {
		bar(row->v[r->bar_col], s->bar_max, l->bar, buf, sizeof buf);
		snprintf(out + len, size - len, " %s", buf);
	}
}

static view *view_report_items_new(int kind, int year, int64_t unit_id, const report_row *row, int all);

/* ---- the report list ---- */

static void report_header(view *v, char *buf, size_t size, int width)
{
	rstate *s = v->data;
	kerr e;
	buf[0] = '\0';
	if (load(s, &e))
		return;
	lay l;
	layout(s, width, &l);
	const report_t *r = &s->rep;
	char tmp[256];
	size_t len;
	text_fit_pad(_(r->label_head), l.label, buf, size);
	len = strlen(buf);
	if (l.group) {
		text_fit_pad(_("Group"), l.group, tmp, sizeof tmp);
		len += (size_t)snprintf(buf + len, size - len, " %s", tmp);
	}
	for (int c = 0; c < l.shown && len < size; c++) {
		const char *lab = _(r->cols[c].label);
		char mark[8] = "";
		if (c == s->sort_col)
			snprintf(mark, sizeof mark, "%s", s->sort_desc ? "↓" : "↑");
		snprintf(tmp, sizeof tmp, "%s%s", mark, lab);
		int pad = l.num[c] - text_width(tmp);
		len += (size_t)snprintf(buf + len, size - len, " %*s%s", pad > 0 ? pad : 0, "", tmp);
	}
	if (l.bar && len < size)
		snprintf(buf + len, size - len, " %s", _(r->cols[r->bar_col].label));
}

/* Rows are read whole (a report has at most a few hundred); the window is
 * cut out of them by place (pos_page). */
static int report_fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
			int n, int width, lrow *out, kerr *e)
{
	view *v = ctx;
	rstate *s = v->data;
	(void)filter;
	if (load(s, e))
		return -1;
	int first, got = pos_page(s->rep.nrows + 1, key, id, backward, n, &first); /* the total row last */
	lay l;
	layout(s, width, &l);
	for (int j = 0; j < got; j++) {
		int i = first + j;
		char k[16], text[2048];
		pos_key(i, k, sizeof k);
		int is_total = i == s->rep.nrows;
		line(s, &l, is_total ? &s->rep.total : &s->rep.rows[i], is_total, text, sizeof text);
		if (lrow_set(&out[j], i + 1, k, text, is_total ? ST_HEADER : ST_NORMAL))
			return lrow_fail(out, j, e);
	}
	return got;
}

static const report_row *selected_row(rstate *s, const lrow *sel, int *is_total)
{
	int i = sel ? (int)sel->id - 1 : -1;
	*is_total = i == s->rep.nrows;
	if (i < 0 || i > s->rep.nrows)
		return NULL;
	return *is_total ? &s->rep.total : &s->rep.rows[i];
}

static void report_detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	rstate *s = v->data;
	int is_total;
	const report_row *row = selected_row(s, sel, &is_total);
	char buf[512], cell[64];
	int y = 0;
	snprintf(buf, sizeof buf, "%s %d · %s", report_title(s->kind), app->year,
		 s->unit_id ? s->unit_name : _("all units"));
	y = detail_title(w, y, wd, buf);
	if (!row || y >= h)
		return;
	snprintf(buf, sizeof buf, "%s%s%s", row->label, row->group[0] ? " · " : "", group_name(row->group));
	y = detail_line(w, y, wd, _(s->rep.label_head), buf);
	/* more figures than lines (the follow-up report at 80x24): two to a
	 * line, so the columns the table has no room for are seen here */
	int pairs = s->rep.ncols > h - y && wd >= 60;
	int half = wd / 2;
	for (int c = 0; c < s->rep.ncols && y < h; c++) {
		report_cell(&s->rep, row, c, cell, sizeof cell);
		if (!pairs) {
			y = detail_line(w, y, wd, _(s->rep.cols[c].label), cell);
			continue;
		}
		int x = c % 2 ? half : 0;
		wattron(w, ui_style(ST_DIM));
		ui_put(w, y, x, 16, _(s->rep.cols[c].label), 1);
		wattroff(w, ui_style(ST_DIM));
		ui_put(w, y, x + 16, half - 17, cell, 1);
		if (c % 2)
			y++;
	}
}

/* ---- choosing ---- */

static int pick_report(void *ctx, const char *filter, fchoice *out, int max)
{
	(void)ctx;
	int n = 0;
	for (int k = 0; k < REP_COUNT && n < max; k++)
		if (pick_matches(report_title((kreport)k), filter)) {
			out[n].id = k + 1;
			snprintf(out[n].label, sizeof out[n].label, "%s", report_title((kreport)k));
			n++;
		}
	return n;
}

/* "All units" first, then the units. */
static int pick_unit_or_all(void *ctx, const char *filter, fchoice *out, int max)
{
	int n = 0;
	if (max > 0 && pick_matches(_("(all units)"), filter)) {
		out[0].id = -1;
		snprintf(out[0].label, sizeof out[0].label, "%s", _("(all units)"));
		n = 1;
	}
	int m = pick_unit(ctx, filter, out + n, max - n);
	return m < 0 ? -1 : n + m;
}

static void reset(view *v)
{
	rstate *s = v->data;
	s->loaded = 0;
	list_set_filter(&v->list, "");
	list_home(&v->list);
}

static int report_act(view *v, int a, const lrow *sel)
{
	rstate *s = v->data;
	fchoice pick;
	switch (a) {
	case A_REPORT:
		if (ui_choice(_("Report"), pick_report, NULL, NULL, s->kind + 1, &pick, NULL, NULL) == 1) {
			s->kind = (kreport)(pick.id - 1);
			snprintf(v->subtitle, sizeof v->subtitle, "%s", report_title(s->kind));
			s->sort_col = -1;
			s->sort_desc = 0;
			reset(v);
		}
		return UI_NOTHING;
	case A_UNIT:
		if (ui_choice(_("Unit"), pick_unit_or_all, NULL, NULL, s->unit_id ? s->unit_id : -1, &pick,
			      NULL, NULL) == 1) {
			s->unit_id = pick.id > 0 ? pick.id : 0;
			snprintf(s->unit_name, sizeof s->unit_name, "%s", pick.label);
			reset(v);
		}
		return UI_NOTHING;
	case A_SORT:
		/* label, then each column; numbers start with the largest */
		s->sort_col = s->sort_col + 1 >= s->rep.ncols ? -1 : s->sort_col + 1;
		s->sort_desc = s->sort_col >= 0;
		report_sort(&s->rep, s->sort_col, s->sort_desc);
		list_home(&v->list); /* reads the rows again in the new order */
		return UI_NOTHING;
	case A_SORT_DIR:
		s->sort_desc = !s->sort_desc;
		report_sort(&s->rep, s->sort_col, s->sort_desc);
		list_home(&v->list); /* reads the rows again in the new order */
		return UI_NOTHING;
	case A_OPEN: {
		int is_total;
		const report_row *row = selected_row(s, sel, &is_total);
		if (!row)
			return UI_NOTHING;
		view *iv = view_report_items_new(s->kind, app->year, s->unit_id, row, is_total);
		if (iv)
			snprintf(iv->subtitle, sizeof iv->subtitle, "%s: %s%s%s", report_title(s->kind), row->label,
				 row->group[0] ? " · " : "", group_name(row->group));
		ui_push(iv);
		return UI_NOTHING;
	}
	}
	return UI_NOTHING;
}

static int report_allowed(view *v, int a, const lrow *sel)
{
	(void)v;
	if (app->who.role == ROLE_EMPLOYEE)
		return a != A_OPEN && a != A_REPORT && a != A_UNIT && a != A_SORT && a != A_SORT_DIR;
	return a != A_OPEN || sel != NULL;
}

static void report_close(view *v)
{
	rstate *s = v->data;
	report_free(&s->rep);
	view_free_data(v);
}

static const view_ops report_ops = {
	.title = N_("Report"), .actions = report_actions,
	.fetch = report_fetch, .header = report_header, .detail = report_detail, .act = report_act, .allowed = report_allowed,
	.close = report_close,
};

view *view_report_new(int kind)
{
	if (kind < 0 || kind >= REP_COUNT)
		return NULL;
	view *v = view_new_data(&report_ops, sizeof(rstate));
	if (!v)
		return NULL;
	rstate *s = v->data;
	s->kind = (kreport)kind;
	s->sort_col = -1;
	s->lay_width = -1;
	return v;
}

/* ---- the people or records behind a row ---- */

static const char *item_state(kreport k, const char *st)
{
	if (k == REP_COVERAGE)
		return st[0] ? plan_status_name(st) : _("no plan");
	if (k == REP_FOLLOWUP) {
		if (!strcmp(st, "on_time")) return _("on time");
		if (!strcmp(st, "late")) return _("late");
		if (!strcmp(st, "due")) return _("due");
		if (!strcmp(st, "overdue")) return _("overdue");
		if (!strcmp(st, "written")) return _("ready to close");
		if (!strcmp(st, "written_overdue")) return _("closing late");
		return _("missing");
	}
	if (k == REP_COMPETENCES || k == REP_FOCUS)
		return goal_status_name(st);
	return part_status_name(st);
}

static void item_widths(int width, int w[4])
{
	w[0] = width >= 70 ? 22 : 18;
	w[3] = 14;
	w[1] = (width - w[0] - w[3] - 3) / 3;
	w[2] = width - w[0] - w[1] - w[3] - 3;
}

static void item_header(view *v, char *buf, size_t size, int width)
{
	istate *s = v->data;
	const char *what = s->kind == REP_COVERAGE ? "" : s->kind == REP_CROSSPROF ? _("Profession")
			   : s->kind == REP_COMPETENCES || s->kind == REP_FOCUS ? _("Goal") : _("Activity");
	const char *t[4] = { _("Name"), _("Unit"), what, _("Status") };
	header_columns(buf, size, width, item_widths, 4, t);
}

static int item_fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
		      int n, int width, lrow *out, kerr *e)
{
	view *v = ctx;
	istate *s = v->data;
	(void)filter;
	kpage pg = { .after_key = key, .after_id = id, .backward = backward, .limit = n };
	report_item *r;
	int got, w[4];
	if (report_items(app->db, &app->who, s->kind, s->year, s->unit_id, s->all ? NULL : &s->row, &pg,
			 &r, &got, e))
		return -1;
	item_widths(width, w);
	for (int i = 0; i < got; i++) {
		char st[64], line[2048];
		const char *state = item_state(s->kind, r[i].state);
		if (s->kind == REP_COST) {
			char money[32];
			ui_money(money, sizeof money, r[i].amount);
			snprintf(st, sizeof st, "%s", money);
		} else {
			snprintf(st, sizeof st, "%s", state);
		}
		const char *t[4] = { r[i].name, r[i].unit, r[i].what, st };
		columns(line, sizeof line, 4, t, w);
		int style = !strcmp(r[i].state, "overdue") || !strcmp(r[i].state, "written_overdue") ||
			    !strcmp(r[i].state, "missing") || !r[i].state[0]
			    ? ST_WARN : ST_NORMAL;
		if (lrow_set(&out[i], r[i].id, r[i].key, line, style)) {
			report_items_free(r, got);
			return lrow_fail(out, i, e);
		}
	}
	report_items_free(r, got);
	return got;
}

/* The item on screen again, with everything the jump needs. */
static int item_get(view *v, const lrow *sel, report_item *it)
{
	istate *s = v->data;
	/* the row itself: the first one after (key, id - 1) */
	kpage pg = { .after_key = sel->key, .after_id = sel->id - 1, .limit = 1 };
	report_item *r;
	int n;
	kerr e;
	if (report_items(app->db, &app->who, s->kind, s->year, s->unit_id, s->all ? NULL : &s->row, &pg,
			 &r, &n, &e)) {
		ui_msg(ST_ERROR, "%s", e.msg);
		return -1;
	}
	int ok = n == 1 && r[0].id == sel->id;
	if (ok) {
		*it = r[0];
		memset(&r[0], 0, sizeof r[0]);
	}
	report_items_free(r, n);
	return ok ? 0 : -1;
}

static void item_detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	istate *s = v->data;
	report_item it;
	if (item_get(v, sel, &it))
		return;
	char d[11];
	int y = 0;
	y = detail_title(w, y, wd, it.name);
	if (y < h) y = detail_line(w, y, wd, _("Unit"), it.unit);
	if (y < h && it.what[0]) y = detail_line(w, y, wd, s->kind == REP_CROSSPROF ? _("Profession")
					      : s->kind == REP_COMPETENCES || s->kind == REP_FOCUS ? _("Goal")
					      : _("Activity"), it.what);
	if (y < h) y = detail_line(w, y, wd, _("Status"), item_state(s->kind, it.state));
	date_format(it.date, d);
	if (y < h && d[0]) y = detail_line(w, y, wd, s->kind == REP_FOLLOWUP ? _("Due") : _("Date"), d);
	if (y < h && s->kind == REP_COST) {
		char money[32];
		ui_money(money, sizeof money, it.amount);
		y = detail_line(w, y, wd, _("Price"), money);
	}
	if (y < h)
		ui_put(w, y, 0, wd, it.plan_id ? _("Enter shows the plan.") : _("Enter shows the person."), 1);
	free(it.key); free(it.staff_key); free(it.name); free(it.unit); free(it.what);
}

static int item_act(view *v, int a, const lrow *sel)
{
	if (a != A_OPEN || !sel)
		return UI_NOTHING;
	report_item it;
	if (item_get(v, sel, &it))
		return UI_NOTHING;
	int plans = ui_pane_index('2'), staff = ui_pane_index('1');
	if (it.plan_id && plans >= 0)
		ui_show_in_pane(plans, it.staff_key, it.plan_id);
	else if (staff >= 0)
		ui_show_in_pane(staff, it.staff_key, it.staff_id);
	free(it.key); free(it.staff_key); free(it.name); free(it.unit); free(it.what);
	return UI_NOTHING;
}

static const view_ops report_items_ops = {
	.title = N_("Behind the figures"), .actions = item_actions,
	.fetch = item_fetch, .header = item_header, .detail = item_detail, .act = item_act,
	.close = view_free_data,
};

static view *view_report_items_new(int kind, int year, int64_t unit_id, const report_row *row, int all)
{
	view *v = view_new_data(&report_items_ops, sizeof(istate));
	if (!v)
		return NULL;
	istate *s = v->data;
	s->kind = (kreport)kind;
	s->year = year;
	s->unit_id = unit_id;
	s->row.id = row->id;
	memcpy(s->row.key, row->key, sizeof s->row.key);
	s->all = all;
	return v;
}

const view_kind view_report_kinds[] = {
	{ "report", &report_ops },
	{ "report-items", &report_items_ops },
	{ NULL, NULL },
};
