/* ui_view_overview.c — pane 0, Overblik, the first screen: what needs doing
 * now. For everyone their own plan of the year, requests, sessions and
 * follow-ups; for a leader first what waits in the units they lead (an
 * admin: the whole organisation). The counts are on the header line and on
 * each section's heading; the lines are the records, opened with Enter and
 * acted on with the keys of the cycle (approve, agree, ...).
 *
 * The list is the sections one after another, each a keyset list of its
 * own (db_overview.c): a row's key is its section's letter followed by the
 * section's key, a heading's key the letter alone, so paging runs across
 * the sections without ever reading one whole. */
#include "ui_view_overview.h"
#include "ui_view_parts.h"
#include "ui_view_plan.h"
#include "ui_colleague.h"
#include "ui_cycle.h"
#include "date.h"
#include "db_followup.h"
#include "db_overview.h"
#include "db_part.h"
#include "db_plan.h"
#include "db_staff.h"
#include "i18n.h"
#include "text.h"
#include "ui_pick.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sessions starting within this many days are "soon". */
#define SOON_DAYS 30

static const action ov_actions[] = {
	ACTION_OPEN(N_("Open"), N_("Open the line's record: the plan, the session's participants, the follow-up, your part of a colleague's follow-up")),
	CYCLE_ACTION_APPROVE,
	CYCLE_ACTION_REJECT,
	CYCLE_ACTION_AGREE,
	CYCLE_ACTION_ACCEPT,
	CYCLE_ACTION_EVALUATE,
	CYCLE_ACTION_COMPLETE,
	CYCLE_ACTION_NOSHOW,
	CYCLE_ACTION_CANCEL,
	CYCLE_ACTION_PRICE,
	ACTION_END,
};

/* The order of the sections: a leader's people first, then one's own. */
static const ov_section lead_order[] = {
	OV_REQUESTS, OV_FOLLOWUPS, OV_ESCALATED, OV_TO_AGREE, OV_NO_PLAN, OV_TO_EVALUATE, OV_SOON,
	OV_MY_PLAN, OV_MY_FOLLOWUPS, OV_MY_COLLEAGUE, OV_MY_REQUESTS, OV_MY_SESSIONS,
};
static const ov_section own_order[] = { OV_MY_PLAN, OV_MY_FOLLOWUPS, OV_MY_COLLEAGUE, OV_MY_REQUESTS, OV_MY_SESSIONS };
#define MAXSEC ((int)(sizeof lead_order / sizeof *lead_order))

typedef struct ovdata {
	ov_counts c;
	int valid;
	int64_t stamp;
	int year;
	char today[11];
	int escalate_weeks; /* the setting, for the Escalated heading */
	kerr err;
} ovdata;

static void order_of(const ov_section **order, int *n)
{
	if (app->who.role == ROLE_EMPLOYEE) {
		*order = own_order;
		*n = (int)(sizeof own_order / sizeof *own_order);
	} else {
		*order = lead_order;
		*n = MAXSEC;
	}
}

static ov_when when(void)
{
	ov_when w = { .year = app->year, .soon_days = SOON_DAYS, .due_days = -1 };
	return w;
}

/* The weeks after which a late follow-up shows at the leader's leader;
 * -1 when they cannot be read (the heading then leaves them out). */
static int escalate_weeks(void)
{
	fu_setting *st;
	int n, weeks = -1;
	kerr e;
	if (fu_setting_list(app->db, &app->who, &st, &n, &e))
		return -1;
	for (int i = 0; i < n; i++)
		if (!strcmp(st[i].key, "escalate_weeks"))
			weeks = st[i].weeks;
	free(st);
	return weeks;
}

/* The counts, read again only when the data, the year or the day changed. */
static const ov_counts *counts(view *v)
{
	ovdata *d = v->data;
	char today[11] = "";
	date_today(today);
	int64_t stamp = db_data_stamp(app->db);
	if (d->valid && d->stamp == stamp && d->year == app->year && !strcmp(d->today, today))
		return &d->c;
	ov_when w = when();
	d->valid = overview_count(app->db, &app->who, &w, &d->c, &d->err) == KE_OK;
	if (!d->valid)
		memset(&d->c, 0, sizeof d->c);
	d->escalate_weeks = escalate_weeks();
	d->stamp = stamp;
	d->year = app->year;
	snprintf(d->today, sizeof d->today, "%s", today);
	return &d->c;
}

/* "100+" where the count stopped (db_overview.c says where). */
static void num(char *buf, size_t size, int n, int cap)
{
	snprintf(buf, size, cap > 0 && n >= cap ? "%d+" : "%d", n);
}

static int shown(const ov_counts *c, ov_section s)
{
	return c->n[s] > 0 || (s == OV_MY_PLAN && app->who.staff_id);
}

static const char *plan_words(const char *status, int accepted)
{
	if (!strcmp(status, "agreed") && !accepted)
		return _("agreed, not yet accepted by you (V)");
	return plan_status_name(status);
}

static void heading(view *v, ov_section s, char *buf, size_t size)
{
	const ov_counts *c = counts(v);
	const ovdata *od = v->data;
	char n[16], m[16], r[16];
	num(n, sizeof n, c->n[s], OV_IS_LED(s) ? c->cap_led : c->cap_own);
	switch (s) {
	case OV_MY_PLAN:
		if (!c->my_plan_id)
			snprintf(buf, size, _("My plan %d: none yet; your leader makes it with you at the MUS talk"),
				 app->year);
		else
			snprintf(buf, size, _("My plan %d: %s, %d of %d goals done"), app->year,
				 plan_words(c->my_plan_status, c->my_plan_accepted), c->my_goals_done, c->my_goals);
		return;
	case OV_MY_SESSIONS: snprintf(buf, size, _("My sessions ahead (%s)"), n); return;
	case OV_MY_REQUESTS: snprintf(buf, size, _("My requests (%s)"), n); return;
	case OV_MY_FOLLOWUPS:
		num(m, sizeof m, c->my_overdue, c->cap_own);
		snprintf(buf, size, _("My follow-ups (%s, %s overdue)"), n, m);
		return;
	case OV_NO_PLAN: snprintf(buf, size, _("Without a plan for %d (%s)"), app->year, n); return;
	case OV_TO_AGREE: snprintf(buf, size, _("Plans waiting for agreement (%s)"), n); return;
	case OV_REQUESTS: snprintf(buf, size, _("Requests waiting for approval (%s)"), n); return;
	case OV_FOLLOWUPS:
		/* written ones are the leader's to close: counted apart from the late */
		num(r, sizeof r, c->led_written, c->cap_led);
		num(m, sizeof m, c->led_overdue, c->cap_led);
		snprintf(buf, size, _("Follow-ups (%s: %s ready to close, %s overdue)"), n, r, m);
		return;
	case OV_SOON: snprintf(buf, size, _("Sessions within %d days (%s)"), SOON_DAYS, n); return;
	case OV_TO_EVALUATE: snprintf(buf, size, _("Plans to evaluate (%s)"), n); return;
	case OV_MY_COLLEAGUE:
		num(m, sizeof m, c->colleague_overdue, c->cap_own);
		snprintf(buf, size, _("Colleagues' follow-ups for me (%s, %s overdue)"), n, m);
		return;
	case OV_ESCALATED:
		if (od->escalate_weeks >= 0)
			snprintf(buf, size, _("Escalated: follow-ups over %d weeks late (%s)"), od->escalate_weeks, n);
		else
			snprintf(buf, size, _("Escalated: long overdue follow-ups (%s)"), n);
		return;
	case OV_COUNT: break;
	}
	buf[0] = '\0';
}

/* One part of the summary line: "follow-ups 18 (3 ready, 2 overdue)". When
 * the line is too long the details in brackets are shortened, then left
 * out, and only then parts that count nothing (people read the numbers of
 * the others there); what is left is cut at the edge. */
struct piece {
	char brief[96];  /* "follow-ups 18" */
	char detail[96]; /* "3 ready, 2 overdue", or "" */
	char shorter[96]; /* "2 overdue": the detail shortened, or "" */
	int zero;        /* counts nothing */
};

/* level 0: details, 1: shortened details, 2: none, 3: no zero parts. */
static int summary_try(const struct piece *p, int n, int level, int width, char *line, size_t size)
{
	size_t len = 0;
	line[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (level >= 3 && p[i].zero)
			continue;
		const char *d = level == 0 || !p[i].shorter[0] ? p[i].detail : p[i].shorter;
		int k = snprintf(line + len, size - len, "%s%s", len ? " · " : "", p[i].brief);
		if (k >= 0 && (size_t)k < size - len && level < 2 && d[0]) {
			len += (size_t)k;
			k = snprintf(line + len, size - len, " (%s)", d);
		}
		if (k < 0 || (size_t)k >= size - len)
			return 0;
		len += (size_t)k;
	}
	return !line[text_prefix_cols(line, width)];
}

static void summary(const struct piece *p, int n, int width, char *buf, size_t size)
{
	char line[1024];
	for (int level = 0; level < 4; level++)
		if (summary_try(p, n, level, width, line, sizeof line))
			break;
	text_fit(line, width, buf, size);
}

/* A part counting n (capped at cap) after its label, without detail. */
static struct piece *piece_set(struct piece *p, const char *label, int n, int cap)
{
	char a[16];
	num(a, sizeof a, n, cap);
	snprintf(p->brief, sizeof p->brief, "%s %s", label, a);
	p->detail[0] = p->shorter[0] = '\0';
	p->zero = n == 0;
	return p;
}

/* "2 overdue" as a part's detail; none when nothing is. */
static void piece_overdue(struct piece *p, int n, int cap)
{
	char a[16];
	if (!n)
		return;
	num(a, sizeof a, n, cap);
	snprintf(p->detail, sizeof p->detail, _("%s overdue"), a);
}

static void ov_header(view *v, char *buf, size_t size, int width)
{
	const ov_counts *c = counts(v);
	struct piece p[8];
	int k = 0;
	char a[16], b[16];
	if (app->who.role == ROLE_EMPLOYEE) {
		snprintf(p[k].brief, sizeof p[k].brief, _("Plan %d: %s"), app->year,
			 c->my_plan_id ? plan_status_name(c->my_plan_status) : _("none"));
		p[k].detail[0] = p[k].shorter[0] = '\0';
		p[k++].zero = 0;
		piece_overdue(piece_set(&p[k++], _("follow-ups"), c->n[OV_MY_FOLLOWUPS], c->cap_own), c->my_overdue,
			      c->cap_own);
		piece_set(&p[k++], _("requests"), c->n[OV_MY_REQUESTS], c->cap_own);
		piece_set(&p[k++], _("sessions"), c->n[OV_MY_SESSIONS], c->cap_own);
	} else {
		piece_set(&p[k++], _("Requests"), c->n[OV_REQUESTS], c->cap_led);
		struct piece *f = piece_set(&p[k++], _("follow-ups"), c->n[OV_FOLLOWUPS], c->cap_led);
		piece_overdue(f, c->led_overdue, c->cap_led);
		if (c->led_written) { /* shortened to what is late, else to what is ready */
			num(a, sizeof a, c->led_written, c->cap_led);
			num(b, sizeof b, c->led_overdue, c->cap_led);
			if (!c->led_overdue)
				snprintf(f->detail, sizeof f->detail, _("%s ready"), a);
			else {
				snprintf(f->shorter, sizeof f->shorter, "%s", f->detail);
				snprintf(f->detail, sizeof f->detail, _("%s ready, %s overdue"), a, b);
			}
		}
		piece_set(&p[k++], _("to agree"), c->n[OV_TO_AGREE], c->cap_led);
		piece_set(&p[k++], _("without a plan"), c->n[OV_NO_PLAN], c->cap_led);
		if (c->n[OV_ESCALATED])
			piece_set(&p[k++], _("escalated"), c->n[OV_ESCALATED], c->cap_led);
	}
	if (c->n[OV_MY_COLLEAGUE]) {
		struct piece *m = piece_set(&p[k++], _("for colleagues"), c->n[OV_MY_COLLEAGUE], c->cap_own);
		if (c->colleague_overdue)
			piece_overdue(m, c->colleague_overdue, c->cap_own);
	}
	summary(p, k, width, buf, size);
}

/* ---- the rows ---- */

/* A follow-up's state in words and style, for the side that reads it: the
 * person's own written one waits for the leader and is never late for
 * them; for the leader a written one is ready to close, late only when
 * the closing is (flag: the waiting step is past due). */
static void fu_words(ov_section s, const char *state, const char *step_due, int late, char *buf, size_t size,
		     int *style)
{
	char d[11];
	date_format(step_due, d);
	if (!strcmp(state, "written")) {
		if (!OV_IS_LED(s)) {
			snprintf(buf, size, "%s", _("written, waiting for your leader"));
			*style = ST_OK;
		} else if (late) {
			snprintf(buf, size, _("ready, late since %s"), d);
			*style = ST_WARN;
		} else {
			snprintf(buf, size, _("ready, to close by %s"), d);
			*style = ST_OK;
		}
		return;
	}
	cycle_fu_state(state, step_due, "", buf, size, style);
	if (strcmp(state, "closed"))
		*style = late ? ST_ERROR : ST_NORMAL;
}

static int row_style(ov_section s, const ov_row *r)
{
	if (r->kind == 'F') {
		char t[160];
		int style;
		fu_words(s, r->status, r->date, r->flag, t, sizeof t, &style);
		return style == ST_OK ? ST_NORMAL : style;
	}
	if (r->kind == 'C')
		return r->flag ? ST_ERROR : ST_NORMAL;
	if (r->kind == 'G')
		return !strcmp(r->status, "done") ? ST_OK : ST_NORMAL;
	if (r->kind == 'P' && s == OV_MY_PLAN)
		return !strcmp(r->status, "agreed") && !r->flag ? ST_WARN : ST_NORMAL;
	if (r->kind == 'R')
		return !strcmp(r->status, "rejected") ? ST_DIM : !strcmp(r->status, "waitlisted") ? ST_WARN : ST_NORMAL;
	return ST_NORMAL;
}

static void row_text(ov_section s, const ov_row *r, int width, char *buf, size_t size)
{
	char d[11], third[160], goals[64];
	int w[3], style;
	date_format(r->date, d);
	w[0] = width >= 70 ? 24 : 18;
	w[2] = width >= 70 ? 26 : 20;
	if (r->kind == 'F' || r->kind == 'C') { /* the state says who must act: room for it */
		w[0] = width >= 70 ? 20 : 16;
		w[2] = width >= 70 ? 31 : 24;
	}
	w[1] = width - w[0] - w[2] - 4;
	const char *t[3] = { r->name, r->what, third };
	third[0] = '\0';
	switch (r->kind) {
	case 'P':
		snprintf(goals, sizeof goals, _("%d of %d goals done"), r->done, r->goals);
		if (s == OV_MY_PLAN) {
			snprintf(buf, size, "  %s %d · %s · %s %s", _("Plan"), app->year, plan_words(r->status, r->flag),
				 _("MUS"), d[0] ? d : "–");
			return;
		}
		snprintf(third, sizeof third, "%s", goals);
		break;
	case 'G':
		snprintf(buf, size, "  • %s [%s]", r->what, goal_status_name(r->status));
		return;
	case 'S':
		break;
	case 'R':
		if (r->wait_pos)
			snprintf(third, sizeof third, "%s · %s (%d)", d, part_status_name(r->status), r->wait_pos);
		else if (strcmp(r->status, "enrolled") && strcmp(r->status, "requested"))
			snprintf(third, sizeof third, "%s · %s", d, part_status_name(r->status));
		else
			snprintf(third, sizeof third, "%s", d);
		break;
	case 'F':
		fu_words(s, r->status, r->date, r->flag, third, sizeof third, &style);
		break;
	case 'C':
		snprintf(third, sizeof third, r->flag ? _("OVERDUE since %s") : _("write by %s"), d);
		break;
	}
	char line[1000];
	if (!OV_IS_LED(s) && r->kind != 'C') { /* one's own: the name is one's own */
		int w2[2] = { width - w[2] - 3, w[2] };
		const char *t2[2] = { r->what, third };
		columns(line, sizeof line, 2, t2, w2);
	} else {
		columns(line, sizeof line, 3, t, w);
	}
	snprintf(buf, size, "  %s", line);
}

/* Adds one row; -1 when out of memory. */
static int add(lrow *out, int *got, int64_t id, char letter, const char *key, const char *text, int style)
{
	char k[260];
	snprintf(k, sizeof k, "%c%s", letter, key ? key : "");
	if (lrow_set(&out[*got], id, k, text, style))
		return -1;
	(*got)++;
	return 0;
}

/* Up to n rows of section s (at position i of the order) after — or,
 * backward, before — the section key (key, id); appended to out in the
 * order they are met (backward: last first). */
static int section_rows(ov_section s, char letter, const char *key, int64_t id, int backward, int n,
			int width, lrow *out, int *got, kerr *e)
{
	kpage pg = { .after_key = key, .after_id = id, .backward = backward, .limit = n };
	ov_when w = when();
	ov_row *r;
	int k;
	if (overview_list(app->db, &app->who, s, &w, &pg, &r, &k, e))
		return -1;
	int fail = 0;
	for (int j = 0; j < k && !fail; j++) {
		const ov_row *x = &r[backward ? k - 1 - j : j];
		char text[1024];
		row_text(s, x, width, text, sizeof text);
		fail = add(out, got, x->id, letter, x->sort_key, text, row_style(s, x)) < 0;
	}
	ov_rows_free(r, k);
	return fail ? -1 : k;
}

static int ov_fetch(void *ctx, const char *filter, const char *key, int64_t id, int backward,
		    int n, int width, lrow *out, kerr *e)
{
	view *v = ctx;
	(void)filter; /* the overview is short by nature; "/" narrows the panes */
	const ov_counts *c = counts(v);
	ovdata *d = v->data;
	if (!d->valid) {
		*e = d->err;
		return -1;
	}
	const ov_section *order;
	int ns, got = 0;
	order_of(&order, &ns);
	int start = backward ? ns - 1 : 0;
	const char *in = NULL;  /* the position inside its section; NULL: its heading */
	int64_t in_id = 0;
	int no_heading = 0;     /* forward from inside a section: its heading is behind */
	int skip_first = 0;     /* backward from a heading: begin with the section above */
	if (key) {
		start = key[0] - 'a';
		if (!key[0] || start < 0 || start >= ns)
			return 0;
		if (key[1]) {
			in = key + 1;
			in_id = id;
		}
		no_heading = !backward;
		skip_first = backward && !in;
	}
	if (!backward) {
		for (int i = start; i < ns && got < n; i++) {
			ov_section s = order[i];
			int first = i == start;
			if (!shown(c, s))
				continue;
			if (!(first && no_heading)) {
				char h[480];
				heading(v, s, h, sizeof h);
				if (add(out, &got, 0, (char)('a' + i), "", h, ST_HEADER) < 0)
					return lrow_fail(out, got, e);
			}
			if (got < n && c->n[s] > 0 &&
			    section_rows(s, (char)('a' + i), first ? in : NULL, first ? in_id : 0, 0, n - got, width,
					 out, &got, e) < 0)
				return lrow_fail(out, got, e);
		}
		return got;
	}
	for (int i = start; i >= 0 && got < n; i--) {
		ov_section s = order[i];
		int first = i == start;
		if (!shown(c, s) || (first && skip_first))
			continue;
		if (c->n[s] > 0 &&
		    section_rows(s, (char)('a' + i), first ? in : NULL, first ? in_id : 0, 1, n - got, width,
				 out, &got, e) < 0)
			return lrow_fail(out, got, e);
		if (got < n) {
			char h[480];
			heading(v, s, h, sizeof h);
			if (add(out, &got, 0, (char)('a' + i), "", h, ST_HEADER) < 0)
				return lrow_fail(out, got, e);
		}
	}
	for (int a = 0; a < got / 2; a++) { /* met last first; the list wants list order */
		lrow t = out[a];
		out[a] = out[got - 1 - a];
		out[got - 1 - a] = t;
	}
	return got;
}

/* ---- what a line is ---- */

/* The section of a line and whether it is a heading. */
static ov_section section_of(const lrow *sel, int *is_heading)
{
	const ov_section *order;
	int ns;
	order_of(&order, &ns);
	int i = sel && sel->key ? sel->key[0] - 'a' : -1;
	*is_heading = !sel || !sel->key || !sel->key[0] || !sel->key[1];
	return i >= 0 && i < ns ? order[i] : OV_COUNT;
}

/* The kind of record on a line: 'P' 'G' 'S' 'R' 'F' 'C', 0 for a heading. */
static char kind_of(const lrow *sel)
{
	int head;
	ov_section s = section_of(sel, &head);
	if (head || s == OV_COUNT)
		return 0;
	switch (s) {
	case OV_MY_PLAN: return sel->key[1] == '!' ? 'P' : 'G';
	case OV_TO_AGREE: case OV_TO_EVALUATE: return 'P';
	case OV_NO_PLAN: return 'S';
	case OV_MY_FOLLOWUPS: case OV_FOLLOWUPS: case OV_ESCALATED: return 'F';
	case OV_MY_COLLEAGUE: return 'C';
	default: return 'R';
	}
}

/* The plan a 'P' or 'G' line is about. */
static int64_t plan_of_line(view *v, const lrow *sel)
{
	char k = kind_of(sel);
	return k == 'P' ? sel->id : k == 'G' ? counts(v)->my_plan_id : 0;
}

/* ---- the detail of a line ---- */

static const char *about(ov_section s)
{
	switch (s) {
	case OV_MY_PLAN: return _("Your development plan for the year and its goals. Enter opens it; V accepts it once your leader has agreed it.");
	case OV_MY_SESSIONS: return _("The sessions you have a seat on, or wait for. Enter shows your activities; d cancels.");
	case OV_MY_REQUESTS: return _("Your requests waiting for your leader, and refusals of sessions still to come.");
	case OV_MY_FOLLOWUPS: return _("After an activity: write what you learned and how you use it. Enter opens the follow-up.");
	case OV_NO_PLAN: return _("People you lead without a plan for the year. Enter creates the plan.");
	case OV_TO_AGREE: return _("Draft plans of your people. Enter opens the goals; A agrees the plan.");
	case OV_REQUESTS: return _("Requests to join a session. o approves (a seat, else the waiting list), x rejects with a reason.");
	case OV_FOLLOWUPS: return _("Follow-ups of completed activities, earliest due first. A written one is ready: Enter opens it to comment, record how it is put into practice, and close it.");
	case OV_SOON: return _("Your people's sessions starting soon. Enter shows the participants; f marks completed.");
	case OV_TO_EVALUATE: return _("Agreed plans of the year. E writes the evaluation and closes the plan.");
	case OV_MY_COLLEAGUE: return _("Colleagues named you on their follow-up: write what you have seen of the new practice. Enter opens it.");
	case OV_ESCALATED:
		if (app->who.role == ROLE_ADMIN)
			return _("Follow-ups late by more than the escalation weeks, in the whole organisation. Ask the person's leader to see to them; Enter opens one.");
		return _("Follow-ups late by more than the escalation weeks in the units one level below those you lead. Ask their leaders to see to them; Enter opens one.");
	case OV_COUNT: break;
	}
	return "";
}

static void goal_detail(WINDOW *w, int h, int wd, int64_t goal_id)
{
	goal_rec g;
	kerr e;
	if (detail_failed(w, wd, goal_get(app->db, &app->who, goal_id, &g, &e), &e))
		return;
	char d[11];
	int y = 0;
	y = detail_title(w, y, wd, g.what);
	if (y < h) y = detail_line(w, y, wd, _("Competence"), g.competence_name);
	if (y < h) y = detail_line(w, y, wd, _("Status"), goal_status_name(g.status));
	date_format(g.deadline, d);
	if (y < h) y = detail_line(w, y, wd, _("Deadline"), d[0] ? d : "–");
	if (y < h && g.criteria[0]) y = detail_line(w, y, wd, _("Success criteria"), g.criteria);
	if (y < h && g.result[0]) y = detail_line(w, y, wd, _("Result"), g.result);
	goal_free(&g);
}

static void staff_detail(WINDOW *w, int h, int wd, int64_t staff_id)
{
	staff_rec s;
	kerr e;
	if (detail_failed(w, wd, staff_get(app->db, &app->who, staff_id, &s, &e), &e))
		return;
	char buf[400];
	int y = 0;
	y = detail_title(w, y, wd, s.name);
	snprintf(buf, sizeof buf, "%s · %s", s.unit_name, s.title[0] ? s.title : "–");
	if (y < h) y = detail_line(w, y, wd, _("Unit"), buf);
	snprintf(buf, sizeof buf, _("no plan for %d yet (Enter creates it)"), app->year);
	wattron(w, ui_style(ST_WARN));
	if (y < h) y = detail_line(w, y, wd, _("Plan"), buf);
	wattroff(w, ui_style(ST_WARN));
	staff_free(&s);
}

/* text wrapped by words from row y on in style st; returns the next row */
static int wrap(WINDOW *w, int y, int h, int wd, const char *p, int st)
{
	wattron(w, ui_style(st));
	for (; *p && y < h; y++) {
		int take = text_prefix_cols(p, wd);
		if (p[take]) {
			int sp = take;
			while (sp > 0 && p[sp] != ' ')
				sp--;
			if (sp > 0)
				take = sp;
		}
		char line[512];
		snprintf(line, sizeof line, "%.*s", take, p);
		ui_put(w, y, 0, wd, line, 1);
		p += take;
		while (*p == ' ')
			p++;
	}
	wattroff(w, ui_style(st));
	return y;
}

/* What the reader of a follow-up line does next, and how urgent it is. */
static void fu_next(ov_section s, const followup_rec *f, char *buf, size_t size, int *style)
{
	int written = !strcmp(f->state, "written");
	*style = f->overdue ? ST_ERROR : ST_WARN;
	if (s == OV_MY_FOLLOWUPS) {
		if (written) {
			snprintf(buf, size, "%s", _("Done on your side: your leader reads it and closes it. Enter opens it if you want to add something."));
			*style = ST_OK;
		} else {
			snprintf(buf, size, "%s", _("Next: write what you learned and how you use it in your work. Enter opens the follow-up."));
		}
	} else if (s == OV_ESCALATED) {
		snprintf(buf, size, written ? _("Long overdue: %s has written it, but it is not closed. Ask the person's leader to close it. Enter opens it.")
					    : _("Long overdue: %s has not written it. Ask the person's leader to see to it. Enter opens it."),
			 f->staff_name);
	} else if (written) {
		snprintf(buf, size, "%s", _("Ready: read it, write how the unit puts it into practice, and close it. Enter opens it."));
		*style = f->overdue ? ST_WARN : ST_OK;
	} else {
		snprintf(buf, size, f->overdue ? _("Overdue: %s has not written it yet. Remind them; Enter opens it to read or comment.")
					       : _("Waiting for %s to write what was learned. Enter opens it to read or comment."),
			 f->staff_name);
	}
}

/* A follow-up line: who must act, then the follow-up as it stands. */
static void followup_detail(WINDOW *w, ov_section s, int h, int wd, int64_t fu_id)
{
	followup_rec f;
	kerr e;
	if (detail_failed(w, wd, followup_get(app->db, &app->who, fu_id, &f, &e), &e))
		return;
	char buf[600], d[11];
	int y = 0, style;
	snprintf(buf, sizeof buf, "%s · %s", f.staff_name, f.activity_title);
	y = detail_title(w, y, wd, buf);
	fu_next(s, &f, buf, sizeof buf, &style);
	y = wrap(w, y, h, wd, buf, style);
	fu_words(s, f.state, f.step_due, f.overdue, buf, sizeof buf, &style);
	if (y < h) y = detail_line(w, y, wd, _("Follow-up"), buf);
	if (y < h && f.learned[0]) y = detail_line(w, y, wd, _("What was learned"), f.learned);
	if (y < h && f.practice[0]) y = detail_line(w, y, wd, _("Use in practice"), f.practice);
	if (y < h && f.asked + f.answered + f.declined > 0) {
		snprintf(buf, sizeof buf, _("%d asked, %d answered, %d declined: %s"), f.asked, f.answered,
			 f.declined, f.colleagues ? f.colleagues : "");
		y = detail_line(w, y, wd, _("Colleagues named"), buf);
	}
	if (y < h && f.action && f.action[0]) {
		date_format(f.action_date, d);
		snprintf(buf, sizeof buf, d[0] ? "%s (%s)" : "%s", f.action, d);
		y = detail_line(w, y, wd, _("Into practice"), buf);
	}
	if (y < h && f.shared_via) {
		date_format(f.shared_via_starts, d);
		snprintf(buf, sizeof buf, "%s · %s", d, f.shared_via_title ? f.shared_via_title : "");
		y = detail_line(w, y, wd, _("Shared in session"), buf);
	}
	followup_free(&f);
}

/* A colleague's part: what to write, and what the person wrote. */
static void colleague_detail(WINDOW *w, int h, int wd, int64_t id)
{
	fu_colleague c;
	kerr e;
	if (detail_failed(w, wd, fucol_get(app->db, &app->who, id, &c, &e), &e))
		return;
	char buf[600], d[11];
	int y = 0;
	snprintf(buf, sizeof buf, "%s · %s", c.person_name, c.activity_title);
	y = detail_title(w, y, wd, buf);
	snprintf(buf, sizeof buf, _("You are named on the follow-up of %s: write what you have seen of the new practice and whether you use it yourself, or decline with a reason. Enter opens it."),
		 c.person_name);
	y = wrap(w, y, h, wd, buf, c.overdue ? ST_ERROR : ST_WARN);
	date_format(c.due, d);
	snprintf(buf, sizeof buf, c.overdue ? _("OVERDUE since %s") : _("write by %s"), d);
	if (y < h) y = detail_line(w, y, wd, _("Your part"), buf);
	if (y < h && c.learned[0]) y = detail_line(w, y, wd, _("What was learned"), c.learned);
	if (y < h && c.practice[0]) y = detail_line(w, y, wd, _("Use in practice"), c.practice);
	fucol_free(&c);
}

static void ov_detail(view *v, WINDOW *w, int h, int wd, const lrow *sel)
{
	int head;
	ov_section s = section_of(sel, &head);
	if (head) {
		char t[480];
		heading(v, s, t, sizeof t);
		detail_title(w, 0, wd, t);
		wrap(w, 1, h, wd, about(s), ST_NORMAL);
		return;
	}
	switch (kind_of(sel)) {
	case 'P': view_plan_detail(w, h, wd, sel->id, 1); break;
	case 'G': goal_detail(w, h, wd, sel->id); break;
	case 'S': staff_detail(w, h, wd, sel->id); break;
	case 'R': view_part_detail(w, 0, h, wd, sel->id); break;
	case 'F': followup_detail(w, s, h, wd, sel->id); break;
	case 'C': colleague_detail(w, h, wd, sel->id); break;
	}
}

/* ---- acting on a line ---- */

static int ov_allowed(view *v, int a, const lrow *sel)
{
	char k = kind_of(sel);
	if (a == A_OPEN)
		return k != 0;
	if (A_IS_PLAN_STEP(a))
		return (k == 'P' || k == 'G') && cycle_plan_allowed(a, plan_of_line(v, sel));
	if (A_IS_PART_STEP(a))
		return k == 'R' && cycle_part_allowed(a, sel->id);
	return 1;
}

/* A section's heading holds no record: say where the records are. */
static const char *ov_why_not(view *v, int a, const lrow *sel)
{
	(void)v;
	if (A_IS_PART_STEP(a) && kind_of(sel) == 'R')
		return cycle_part_why_not(a, sel->id);
	return a == A_OPEN && !kind_of(sel) ? _("This is a heading: move down to a line (j or ↓) first.") : NULL;
}

/* Enter: the record behind the line, in this pane (Esc comes back);
 * returns what must follow. */
static int open_line(view *v, const lrow *sel)
{
	int head;
	ov_section s = section_of(sel, &head);
	part_rec r;
	kerr e;
	switch (kind_of(sel)) {
	case 'P': case 'G': view_plan_open(plan_of_line(v, sel)); break;
	case 'S': return view_plan_open_of(sel->id, app->year);
	case 'F': return cycle_followup_edit(sel->id);
	case 'C': return colleague_part_edit(sel->id);
	case 'R':
		if (part_get(app->db, &app->who, sel->id, &r, &e)) {
			ui_msg(ST_ERROR, "%s", e.msg);
			break;
		}
		view *p = OV_IS_LED(s) ? view_parts_new(r.session_id, 0) : view_parts_new(0, r.staff_id);
		if (p)
			snprintf(p->subtitle, sizeof p->subtitle, "%s",
				 OV_IS_LED(s) ? r.activity_title : r.staff_name);
		part_free(&r);
		ui_push(p);
		break;
	}
	return UI_NOTHING;
}

static int ov_act(view *v, int a, const lrow *sel)
{
	if (a == A_OPEN)
		return open_line(v, sel);
	if (A_IS_PLAN_STEP(a))
		return cycle_plan_act(a, plan_of_line(v, sel));
	if (A_IS_PART_STEP(a))
		return cycle_part_act(a, sel->id);
	return UI_NOTHING;
}

static void ov_close(view *v)
{
	cycle_forget();
	view_free_data(v);
}

static const view_ops overview_ops = {
	.title = N_("Overview"), .actions = ov_actions,
	.fetch = ov_fetch, .header = ov_header, .detail = ov_detail, .act = ov_act, .allowed = ov_allowed,
	.why_not = ov_why_not, .close = ov_close,
};

view *view_overview_new(void)
{
	return view_new_data(&overview_ops, sizeof(ovdata));
}

const view_kind view_overview_kinds[] = {
	{ "overview", &overview_ops },
	{ NULL, NULL },
};
