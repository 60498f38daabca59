/* ui_view_parts.c — participations as a sub-view: a session's participants
 * and waiting list (from the sessions of an activity), or a person's
 * activities with their follow-ups (from the staff pane). Where the leader
 * approves, rejects, completes, cancels and prices, and where the person and
 * the leader open the follow-up, name colleagues on it and start a
 * peer-training session from it. */
#include "ui_view_parts.h"
#include "ui_cycle.h"
#include "ui_export.h"
#include "date.h"
#include "db_part.h"
#include "db_plan.h"
#include "i18n.h"
#include "ui_pick.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const action part_actions[] = {
	{ A_FOLLOWUP, N_("Follow-up"), N_("Open the follow-up of a completed participation"), { '\n', KEY_RIGHT }, 1 },
	CYCLE_ACTION_FU_COLLEAGUES,
	CYCLE_ACTION_FU_SESSION,
	CYCLE_ACTION_APPROVE,
	CYCLE_ACTION_REJECT,
	CYCLE_ACTION_COMPLETE,
	CYCLE_ACTION_NOSHOW,
	CYCLE_ACTION_CANCEL,
	CYCLE_ACTION_PRICE,
	ACTION_CALENDAR,
	ACTION_END,
};

/* "waiting list (2)" or the status word. */
static void status_text(const part_rec *r, char *buf, size_t size)
{
	if (r->wait_pos)
		snprintf(buf, size, "%s (%d)", part_status_name(r->status), r->wait_pos);
	else
		snprintf(buf, size, "%s", part_status_name(r->status));
}

static int row_style(const part_rec *r, int fu_style)
{
	if (fu_style == ST_ERROR)
		return ST_ERROR;
	if (!strcmp(r->status, "requested"))
		return ST_WARN;
	if (!strcmp(r->status, "cancelled") || !strcmp(r->status, "rejected") || !strcmp(r->status, "noshow"))
		return ST_DIM;
	return r->followup_id && r->fu_done ? ST_OK : ST_NORMAL;
}

/* Session mode: name, status, follow-up; person mode: date, activity,
 * status, follow-up. */
static int widths(const view *v, int width, int w[4])
{
	if (v->parent_id) {
		w[1] = 16; w[2] = 26;
		w[0] = width - w[1] - w[2] - 2;
		return 3;
	}
	w[0] = 10; w[2] = 14; w[3] = 24;
	w[1] = width - w[0] - w[2] - w[3] - 3;
	return 4;
}

static void header(view *v, char *buf, size_t size, int width)
{
	int w[4], n = widths(v, width, w);
	const char *s[3] = { _("Name"), _("Status"), _("Follow-up") };
	const char *p[4] = { _("Starts"), _("Activity"), _("Status"), _("Follow-up") };
	columns(buf, size, n, n == 3 ? s : p, w);
}

static int fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
		 int n, int width, lrow *out, kerr *e)
{
	view *v = ctx;
	kpage pg = { .filter = filter, .parent_id = v->parent_id, .staff_id = (int64_t)(intptr_t)v->data,
		     .after_key = key, .after_id = id, .backward = backward, .limit = n };
	part_rec *r;
	int got, w[4], nc = widths(v, width, w);
	if (part_list(app->db, &app->who, &pg, &r, &got, e))
		return -1;
	for (int i = 0; i < got; i++) {
		char st[64], fu[96] = "", d[11], line[1024];
		int fs = ST_NORMAL;
		status_text(&r[i], st, sizeof st);
		if (r[i].followup_id)
			cycle_fu_state(r[i].fu_state, r[i].fu_step_due, "", fu, sizeof fu, &fs);
		date_format(r[i].starts, d);
		const char *s3[3] = { r[i].staff_name, st, fu };
		const char *s4[4] = { d, r[i].activity_title, st, fu };
		columns(line, sizeof line, nc, nc == 3 ? s3 : s4, w);
		if (lrow_set(&out[i], r[i].id, r[i].sort_key, line, row_style(&r[i], fs))) {
			part_rows_free(r, got);
			return lrow_fail(out, i, e);
		}
	}
	part_rows_free(r, got);
	return got;
}

static int draw_followup(WINDOW *w, int y, int h, int wd, int64_t id)
{
	followup_rec f;
	kerr e;
	if (followup_get(app->db, &app->who, id, &f, &e) != KE_OK)
		return y;
	char buf[600], d[11];
	int style;
	cycle_fu_state(f.state, f.step_due, f.done_at, buf, sizeof buf, &style);
	wattron(w, ui_style(style));
	if (y < h) y = detail_line(w, y, wd, _("Follow-up"), buf);
	wattroff(w, ui_style(style));
	if (y < h) y = detail_line(w, y, wd, _("What was learned"), f.learned[0] ? f.learned : "–");
	if (y < h) y = detail_line(w, y, wd, _("Use in practice"), f.practice[0] ? f.practice : "–");
	if (y < h) y = detail_line(w, y, wd, _("Shared with"), f.shared_with[0] ? f.shared_with : "–");
	if (y < h && f.shared_via) {
		date_format(f.shared_via_starts, d);
		snprintf(buf, sizeof buf, "%s, %s", f.shared_via_title, d);
		y = detail_line(w, y, wd, _("Shared in session"), buf);
	}
	if (y < h && f.leader_comment[0]) y = detail_line(w, y, wd, _("Leader's comment"), f.leader_comment);
	if (y < h && f.action[0]) {
		date_format(f.action_date, d);
		snprintf(buf, sizeof buf, "%s%s%s", f.action, d[0] ? _(", from ") : "", d);
		y = detail_line(w, y, wd, _("Into practice"), buf);
	}
	char parts[2000];
	cycle_fu_colleague_lines(f.id, parts, sizeof parts);
	snprintf(buf, sizeof buf, _("%d asked, %d answered, %d declined"), f.asked, f.answered, f.declined);
	if (y < h)
		y = detail_line(w, y, wd, _("Colleagues"), parts[0] ? buf : _("none named (K names them)"));
	for (char *line = parts; parts[0] && line && y < h;) {
		char *next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		ui_putf(w, y++, 0, wd, 1, "  %s", line);
		line = next;
	}
	followup_free(&f);
	return y;
}

int view_part_detail(WINDOW *w, int y, int h, int wd, int64_t part_id)
{
	part_rec r;
	kerr e;
	if (part_get(app->db, &app->who, part_id, &r, &e)) {
		ui_put(w, y, 0, wd, e.msg, 0);
		return y + 1;
	}
	char buf[600], d1[11], d2[11];
	date_format(r.starts, d1);
	date_format(r.ends, d2);
	snprintf(buf, sizeof buf, "%s · %s · %s–%s", r.staff_name, r.activity_title, d1, d2);
	if (y < h)
		y = detail_title(w, y, wd, buf);
	status_text(&r, buf, sizeof buf);
	if (y < h) y = detail_line(w, y, wd, _("Status"), buf);
	char asked[DATE_LOCAL_TIME_SIZE];
	date_local_time(r.requested_at, asked, sizeof asked);
	if (y < h) y = detail_line(w, y, wd, _("Asked"), asked);
	if (y < h && r.note[0]) y = detail_line(w, y, wd, _("Note"), r.note);
	if (y < h && r.reason[0]) y = detail_line(w, y, wd, _("Reason"), r.reason);
	ui_money(buf, sizeof buf, r.price);
	if (y < h) y = detail_line(w, y, wd, _("Price"), buf);
	goal_rec g;
	if (y < h && r.goal_id && goal_get(app->db, &app->who, r.goal_id, &g, &e) == KE_OK) {
		y = detail_line(w, y, wd, _("Serves goal"), g.what);
		goal_free(&g);
	}
	if (r.followup_id)
		y = draw_followup(w, y, h, wd, r.followup_id);
	part_free(&r);
	return y;
}

static void detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	(void)v;
	view_part_detail(w, 0, h, wd, sel->id);
}

static int allowed(view *v, int a, const lrow *sel)
{
	(void)v;
	if (A_IS_PART_STEP(a))
		return sel && cycle_part_allowed(a, sel->id);
	if (a == A_CALENDAR)
		return sel != NULL;
	return 1;
}

static const char *why_not(view *v, int a, const lrow *sel)
{
	(void)v;
	return sel && A_IS_PART_STEP(a) ? cycle_part_why_not(a, sel->id) : NULL;
}

static int act(view *v, int a, const lrow *sel)
{
	(void)v;
	if (a == A_CALENDAR) {
		ui_calendar_part(sel->id);
		return UI_NOTHING;
	}
	return A_IS_PART_STEP(a) ? cycle_part_act(a, sel->id) : UI_NOTHING;
}

static void parts_close(view *v)
{
	(void)v;
	cycle_forget();
}

static const view_ops parts_ops = {
	.actions = part_actions,
	.fetch = fetch, .header = header, .detail = detail, .act = act, .allowed = allowed,
	.why_not = why_not, .close = parts_close, .table = "participation",
};

view *view_parts_new(int64_t session_id, int64_t staff_id)
{
	view *v = view_new(&parts_ops);
	if (!v)
		return NULL;
	v->title = session_id ? N_("Participants") : N_("Activities");
	v->parent_id = session_id;
	v->data = (void *)(intptr_t)staff_id; /* person mode: whose */
	return v;
}

const view_kind view_parts_kinds[] = {
	{ "participants", &parts_ops },
	{ NULL, NULL },
};
