/* test_roles.c — who may do what, checked against the real data functions:
 * a table of every role (employee, leader of the employee's unit, leader of
 * another unit, leader of the unit above, admin) against every kind of
 * record, read and write, each cell allowed (KE_OK) or denied (KE_DENIED).
 * The organisation: Skolen (area, led by Pia) above Indskoling (led by Lars,
 * where Emma works) and Udskoling (led by Ole, where Karl works); Ada, in
 * HR, is the admin. Karl is the colleague Emma named on her follow-up: a
 * kind of access of its own (his part of it, nothing else of hers). */
#include "date.h"
#include "db.h"
#include "db_activity.h"
#include "db_audit.h"
#include "db_calendar.h"
#include "db_followup.h"
#include "db_org.h"
#include "db_part.h"
#include "db_plan.h"
#include "db_staff.h"
#include "i18n.h"
#include "t.h"

#include <sqlite3.h>
#include <unistd.h>

enum { EMP, LEAD, OTHER, PARENT, ADMIN, COLLEAGUE, NROLES };
static const char *const role_names[NROLES] = {
	"employee", "leader of the unit", "leader of another unit", "leader of the unit above", "admin",
	"colleague asked on the follow-up",
};

static char dir[64], path[128];
static kdb *db;
static kactor owner, act[NROLES];
static int64_t u_top, u_t1, u_t2;
static int64_t s_emp, s_lead;    /* Emma; Lars (whose own plan is Pia's to keep) */
static int64_t activity, session, plan_emp, plan_lead, goal_emp, part_emp, fu_emp, focus;
static int64_t fu_emp2, peer;           /* a second follow-up of Emma's; a peer-training activity */
static int64_t part_karl, part_karl2;   /* Karl's parts of Emma's two follow-ups */
static int64_t pool[NROLES];            /* HR staff, one for each role to name as a colleague */
static int fresh_year = 2030;    /* plans made for the agree cells */
static int fresh_n;              /* names of things made for write cells */

static int64_t add_unit(const char *name, int64_t parent, const char *kind)
{
	kerr e = { 0 };
	unit_rec u = { 0 };
	u.name = (char *)name;
	u.parent_id = parent;
	snprintf(u.kind, sizeof u.kind, "%s", kind);
	CHECK(unit_save(db, &owner, &u, &e) == KE_OK, "unit %s (%s)", name, e.msg);
	free(u.sort_key); /* the save hands back the list key; the name is ours */
	return u.id;
}

static int64_t add_staff(const char *login, const char *name, int64_t unit, krole role, kactor *a)
{
	kerr e = { 0 };
	staff_rec s = { 0 };
	s.login = (char *)login;
	s.name = (char *)name;
	s.initials = (char *)"X";
	s.unit_id = unit;
	s.role = role;
	CHECK(staff_save(db, &owner, &s, &e) == KE_OK, "staff %s (%s)", name, e.msg);
	if (a)
		CHECK(db_actor_for_login(db, login, 0, a, &e) == KE_OK, "actor %s (%s)", login, e.msg);
	return s.id;
}

static void lead(int64_t unit, int64_t staff)
{
	kerr e = { 0 };
	CHECK(unit_set_leader(db, &owner, unit, staff, "2026-01-01", 0, &e) == KE_OK, "leader set (%s)", e.msg);
}

static int64_t new_session(const char *starts, const char *ends)
{
	kerr e = { 0 };
	session_rec s = { 0 };
	s.activity_id = activity;
	snprintf(s.starts, sizeof s.starts, "%s", starts);
	snprintf(s.ends, sizeof s.ends, "%s", ends);
	s.capacity = 20;
	CHECK(session_save(db, &owner, &s, &e) == KE_OK, "session %s (%s)", starts, e.msg);
	return s.id;
}

static int64_t new_plan(int64_t staff, int year, int with_goal)
{
	kerr e = { 0 };
	plan_rec p = { 0 };
	p.staff_id = staff;
	p.year = year;
	CHECK(plan_save(db, &owner, &p, &e) == KE_OK, "plan %d (%s)", year, e.msg);
	if (with_goal) {
		goal_rec g = { 0 };
		g.plan_id = p.id;
		g.competence_id = 2;
		g.what = (char *)"Lede forældremøder";
		CHECK(goal_save(db, &owner, &g, &e) == KE_OK, "goal (%s)", e.msg);
		if (staff == s_emp && year == 2026)
			goal_emp = g.id;
	}
	return p.id;
}

static void setup(void)
{
	kerr e = { 0 };
	CHECK(db_open(path, DB_OPEN_CREATE, &db, &e) == KE_OK, "create database (%s)", e.msg);
	db_actor_local_admin(&owner, "owner");
	u_top = add_unit("Skolen", 0, "institution");
	u_t1 = add_unit("Indskoling", u_top, "team");
	u_t2 = add_unit("Udskoling", u_top, "team");
	s_emp = add_staff("emma", "Emma Ærø", u_t1, ROLE_EMPLOYEE, NULL);
	s_lead = add_staff("lars", "Lars Bæk", u_t1, ROLE_LEADER, NULL);
	int64_t s_other = add_staff("ole", "Ole Øst", u_t2, ROLE_LEADER, NULL);
	int64_t s_parent = add_staff("pia", "Pia Åby", u_top, ROLE_LEADER, NULL);
	int64_t u_hr = add_unit("HR", 0, "area");
	add_staff("ada", "Ada Admin", u_hr, ROLE_ADMIN, &act[ADMIN]);
	int64_t s_karl = add_staff("karl", "Karl Krog", u_t2, ROLE_EMPLOYEE, &act[COLLEAGUE]);
	for (int r = 0; r < NROLES; r++) {
		char login[16], name[32];
		snprintf(login, sizeof login, "hr%d", r);
		snprintf(name, sizeof name, "HR %d", r);
		pool[r] = add_staff(login, name, u_hr, ROLE_EMPLOYEE, NULL);
	}
	lead(u_t1, s_lead);
	lead(u_t2, s_other);
	lead(u_top, s_parent);
	CHECK(db_actor_for_login(db, "emma", 0, &act[EMP], &e) == KE_OK, "Emma logs in (%s)", e.msg);
	CHECK(db_actor_for_login(db, "lars", 0, &act[LEAD], &e) == KE_OK, "Lars logs in (%s)", e.msg);
	CHECK(db_actor_for_login(db, "ole", 0, &act[OTHER], &e) == KE_OK, "Ole logs in (%s)", e.msg);
	CHECK(db_actor_for_login(db, "pia", 0, &act[PARENT], &e) == KE_OK, "Pia logs in (%s)", e.msg);

	activity_rec a = { 0 };
	a.title = (char *)"Konflikthåndtering";
	snprintf(a.method, sizeof a.method, "course");
	a.ects = a.hours = -1;
	CHECK(activity_save(db, &owner, &a, &e) == KE_OK, "activity (%s)", e.msg);
	activity = a.id;
	setenv("KUP_TODAY", "2026-03-01", 1);
	int64_t past = new_session("2026-02-02", "2026-02-03");
	session = new_session("2026-09-01", "2026-09-02");
	plan_emp = new_plan(s_emp, 2026, 1);
	plan_lead = new_plan(s_lead, 2026, 1);
	CHECK(part_enrol(db, &owner, s_emp, past, 0, &part_emp, &e) == KE_OK, "Emma enrolled (%s)", e.msg);
	CHECK(part_complete(db, &owner, part_emp, 0, &e) == KE_OK, "Emma completed (%s)", e.msg);
	kpage pg = { .staff_id = s_emp, .limit = 10 };
	followup_rec *f;
	int n = 0;
	CHECK(followup_list(db, &owner, &pg, &f, &n, &e) == KE_OK && n == 1, "Emma's follow-up exists (%s)", e.msg);
	fu_emp = n ? f[0].id : 0;
	followup_rows_free(f, n);
	int64_t past2 = new_session("2026-02-09", "2026-02-10"), part2 = 0;
	CHECK(part_enrol(db, &owner, s_emp, past2, 0, &part2, &e) == KE_OK &&
	      part_complete(db, &owner, part2, 0, &e) == KE_OK, "Emma completed a second one (%s)", e.msg);
	part_rec pr;
	CHECK(part_get(db, &owner, part2, &pr, &e) == KE_OK && pr.followup_id, "its follow-up exists (%s)", e.msg);
	fu_emp2 = pr.followup_id;
	part_free(&pr);
	CHECK(fucol_ask(db, &owner, fu_emp, s_karl, &part_karl, &e) == KE_OK, "Karl named on the first (%s)", e.msg);
	CHECK(fucol_ask(db, &owner, fu_emp2, s_karl, &part_karl2, &e) == KE_OK, "and on the second (%s)", e.msg);
	activity_rec pa = { 0 };
	pa.title = (char *)"Sidemandsoplæring i konflikter";
	snprintf(pa.method, sizeof pa.method, "peer");
	pa.ects = pa.hours = -1;
	CHECK(activity_save(db, &owner, &pa, &e) == KE_OK, "peer-training activity (%s)", e.msg);
	peer = pa.id;
	named_rec fa = { 0 };
	fa.name = (char *)"Fællesskab";
	fa.year = 2026;
	CHECK(focus_save(db, &owner, &fa, &e) == KE_OK, "focus area (%s)", e.msg);
	focus = fa.id;
}

/* ---- the operations: each does one thing as who ---- */

typedef kcode (*op_fn)(const kactor *who, kerr *e);

static kcode staff_read(const kactor *w, kerr *e)
{
	staff_rec s;
	kcode c = staff_get(db, w, s_emp, &s, e);
	staff_free(&s);
	return c;
}

static kcode staff_write(const kactor *w, kerr *e)
{
	staff_rec s;
	if (staff_get(db, &owner, s_emp, &s, e))
		return e->code;
	char *old = s.title;
	s.title = (char *)"Pædagog";
	kcode c = staff_save(db, w, &s, e);
	s.title = old;
	staff_free(&s);
	return c;
}

static kcode unit_read(const kactor *w, kerr *e)
{
	unit_rec u;
	kcode c = unit_get(db, w, u_t1, &u, e);
	unit_free(&u);
	return c;
}

static kcode unit_write(const kactor *w, kerr *e)
{
	unit_rec u;
	if (unit_get(db, &owner, u_t1, &u, e))
		return e->code;
	kcode c = unit_save(db, w, &u, e);
	unit_free(&u);
	return c;
}

static kcode plan_read_of(const kactor *w, int64_t id, kerr *e)
{
	plan_rec p;
	kcode c = plan_get(db, w, id, &p, e);
	plan_free(&p);
	return c;
}

static kcode plan_write_of(const kactor *w, int64_t id, kerr *e)
{
	plan_rec p;
	if (plan_get(db, &owner, id, &p, e))
		return e->code;
	snprintf(p.mus_date, sizeof p.mus_date, "2026-03-%02d", 1 + (unsigned)fresh_n++ % 28u);
	kcode c = plan_save(db, w, &p, e);
	plan_free(&p);
	return c;
}

static kcode plan_read(const kactor *w, kerr *e) { return plan_read_of(w, plan_emp, e); }
static kcode plan_write(const kactor *w, kerr *e) { return plan_write_of(w, plan_emp, e); }
static kcode own_plan_read(const kactor *w, kerr *e) { return plan_read_of(w, plan_lead, e); }
static kcode own_plan_write(const kactor *w, kerr *e) { return plan_write_of(w, plan_lead, e); }

/* Agreeing changes the plan for good: each cell gets a draft of its own. */
static kcode agree_of(const kactor *w, int64_t staff, kerr *e)
{
	int64_t id = new_plan(staff, fresh_year++, 1);
	plan_rec p;
	if (plan_get(db, &owner, id, &p, e))
		return e->code;
	kcode c = plan_agree(db, w, id, p.version, e);
	plan_free(&p);
	return c;
}

static kcode plan_agree_op(const kactor *w, kerr *e) { return agree_of(w, s_emp, e); }
static kcode own_plan_agree(const kactor *w, kerr *e) { return agree_of(w, s_lead, e); }

static kcode goal_read(const kactor *w, kerr *e)
{
	goal_rec g;
	kcode c = goal_get(db, w, goal_emp, &g, e);
	goal_free(&g);
	return c;
}

static kcode goal_write(const kactor *w, kerr *e)
{
	goal_rec g = { 0 };
	g.plan_id = plan_emp;
	g.competence_id = 1;
	g.what = (char *)"Bedre overblik";
	return goal_save(db, w, &g, e);
}

static kcode activity_read(const kactor *w, kerr *e)
{
	activity_rec a;
	kcode c = activity_get(db, w, activity, &a, e);
	activity_free(&a);
	return c;
}

static kcode activity_write(const kactor *w, kerr *e)
{
	activity_rec a;
	if (activity_get(db, &owner, activity, &a, e))
		return e->code;
	a.price = 100 + fresh_n++;
	kcode c = activity_save(db, w, &a, e);
	activity_free(&a);
	return c;
}

static kcode session_read(const kactor *w, kerr *e)
{
	session_rec s;
	kcode c = session_get(db, w, session, &s, e);
	session_free(&s);
	return c;
}

static kcode session_write(const kactor *w, kerr *e)
{
	session_rec s;
	if (session_get(db, &owner, session, &s, e))
		return e->code;
	s.capacity = 20 + fresh_n++ % 50;
	kcode c = session_save(db, w, &s, e);
	session_free(&s);
	return c;
}

static kcode part_read(const kactor *w, kerr *e)
{
	part_rec p;
	kcode c = part_get(db, w, part_emp, &p, e);
	part_free(&p);
	return c;
}

/* Emma's course days for a calendar file: the whole list and one seat. */
static kcode cal_read_op(const kactor *w, kerr *e)
{
	cal_row *rows, one;
	int n;
	kcode c = cal_person(db, w, s_emp, &rows, &n, e);
	if (c)
		return c;
	cal_rows_free(rows, n);
	if (n < 1)
		return kerr_set(e, KE_DB, "Emma's completed session is missing from her calendar");
	if ((c = cal_part(db, w, part_emp, &one, e)))
		return c;
	cal_free(&one);
	return KE_OK;
}

/* Asking for Emma to join a session of its own, so no cell meets another's. */
static kcode part_write(const kactor *w, kerr *e)
{
	char day[11];
	snprintf(day, sizeof day, "2026-10-%02d", 1 + (unsigned)fresh_n++ % 28u);
	int64_t s = new_session(day, day), id;
	return part_request(db, w, s_emp, s, 0, &id, e);
}

static kcode fu_read(const kactor *w, kerr *e)
{
	followup_rec f;
	kcode c = followup_get(db, w, fu_emp, &f, e);
	followup_free(&f);
	return c;
}

static kcode fu_write(const kactor *w, kerr *e)
{
	followup_rec f;
	if (followup_get(db, &owner, fu_emp, &f, e))
		return e->code;
	char *old = f.learned;
	f.learned = (char *)"Rolige samtaler";
	kcode c = followup_save(db, w, &f, 0, e);
	f.learned = old;
	followup_free(&f);
	return c;
}

static kcode part_of_karl_read(const kactor *w, kerr *e)
{
	fu_colleague c;
	kcode k = fucol_get(db, w, part_karl, &c, e);
	fucol_free(&c);
	return k;
}

static kcode part_of_karl_answer(const kactor *w, kerr *e)
{
	fu_colleague c;
	if (fucol_get(db, &owner, part_karl, &c, e))
		return e->code;
	char *old = c.seen;
	c.seen = (char *)"Roligere morgener i garderoben";
	kcode k = fucol_answer(db, w, &c, e);
	c.seen = old;
	fucol_free(&c);
	return k;
}

static kcode part_of_karl_decline(const kactor *w, kerr *e)
{
	fu_colleague c;
	if (fucol_get(db, &owner, part_karl2, &c, e))
		return e->code;
	kcode k = fucol_decline(db, w, part_karl2, c.version, "Jeg har ikke set Emma arbejde", e);
	fucol_free(&c);
	return k;
}

/* each role names a colleague of its own from HR */
static kcode colleague_ask(const kactor *w, kerr *e)
{
	int r = (int)(w - act);
	int64_t id = 0;
	return fucol_ask(db, w, fu_emp2, pool[r], &id, e);
}

static kcode fu_start_session(const kactor *w, kerr *e)
{
	session_rec s = { 0 };
	s.activity_id = peer;
	snprintf(s.starts, sizeof s.starts, "2026-04-01");
	snprintf(s.ends, sizeof s.ends, "2026-04-01");
	s.capacity = 8;
	return followup_start_session(db, w, fu_emp2, &s, e);
}

static kcode focus_read(const kactor *w, kerr *e)
{
	named_rec *r;
	int n;
	kcode c = focus_list(db, w, 2026, &r, &n, e);
	if (!c)
		named_rows_free(r, n);
	return c;
}

static kcode focus_write(const kactor *w, kerr *e)
{
	char title[32];
	snprintf(title, sizeof title, "Fokus %d", fresh_n++);
	named_rec f = { 0 };
	f.name = title;
	f.year = 2026;
	return focus_save(db, w, &f, e);
}

static kcode budget_read(const kactor *w, kerr *e)
{
	int64_t amount;
	return budget_get(db, w, u_t1, 2026, &amount, e);
}

static kcode budget_write(const kactor *w, kerr *e)
{
	return budget_set(db, w, u_t1, 2026, 50000 + fresh_n++, e);
}

static kcode audit_read(const kactor *w, kerr *e)
{
	kpage pg = { .limit = 50 };
	audit_rec *r;
	int n;
	kcode c = audit_list(db, w, "plan", plan_emp, &pg, &r, &n, e);
	if (!c)
		audit_rows_free(r, n);
	return c;
}

static kcode audit_read_all(const kactor *w, kerr *e)
{
	kpage pg = { .limit = 50 };
	audit_rec *r;
	int n;
	kcode c = audit_list(db, w, NULL, 0, &pg, &r, &n, e);
	if (!c)
		audit_rows_free(r, n);
	return c;
}

/* 1: allowed, 0: denied — for employee, leader, other leader, parent
 * leader, admin, and the colleague asked on the follow-up. */
static const struct cell {
	const char *kind, *what;
	op_fn fn;
	int allowed[NROLES];
} matrix[] = {
	{ "staff", "read", staff_read, { 1, 1, 0, 1, 1, 0 } },
	{ "staff", "write", staff_write, { 0, 0, 0, 0, 1, 0 } },
	{ "unit", "read", unit_read, { 1, 1, 1, 1, 1, 1 } },
	{ "unit", "write", unit_write, { 0, 0, 0, 0, 1, 0 } },
	{ "plan", "read", plan_read, { 1, 1, 0, 1, 1, 0 } },
	{ "plan", "write", plan_write, { 0, 1, 0, 1, 1, 0 } },
	{ "plan", "agree", plan_agree_op, { 0, 1, 0, 1, 1, 0 } },
	{ "leader's own plan", "read", own_plan_read, { 0, 1, 0, 1, 1, 0 } },
	{ "leader's own plan", "write", own_plan_write, { 0, 0, 0, 1, 1, 0 } },
	{ "leader's own plan", "agree", own_plan_agree, { 0, 0, 0, 1, 1, 0 } },
	{ "goal", "read", goal_read, { 1, 1, 0, 1, 1, 0 } },
	{ "goal", "write (draft plan)", goal_write, { 1, 1, 0, 1, 1, 0 } },
	{ "activity", "read", activity_read, { 1, 1, 1, 1, 1, 1 } },
	{ "activity", "write", activity_write, { 0, 0, 0, 0, 1, 0 } },
	{ "session", "read", session_read, { 1, 1, 1, 1, 1, 1 } },
	{ "session", "write", session_write, { 0, 0, 0, 0, 1, 0 } },
	{ "participation", "read", part_read, { 1, 1, 0, 1, 1, 0 } },
	{ "participation", "write (ask to join)", part_write, { 1, 1, 0, 1, 1, 0 } },
	{ "calendar", "read (a person's course days)", cal_read_op, { 1, 1, 0, 1, 1, 0 } },
	{ "follow-up", "read", fu_read, { 1, 1, 0, 1, 1, 0 } },
	{ "follow-up", "write", fu_write, { 1, 1, 0, 1, 1, 0 } },
	{ "follow-up", "start a peer-training session", fu_start_session, { 0, 1, 0, 1, 1, 0 } },
	{ "colleague's part", "name a colleague", colleague_ask, { 1, 1, 0, 1, 1, 0 } },
	{ "colleague's part", "read", part_of_karl_read, { 1, 1, 0, 1, 1, 1 } },
	{ "colleague's part", "answer", part_of_karl_answer, { 0, 0, 0, 0, 0, 1 } },
	{ "colleague's part", "decline", part_of_karl_decline, { 0, 0, 0, 0, 0, 1 } },
	{ "focus area", "read", focus_read, { 1, 1, 1, 1, 1, 1 } },
	{ "focus area", "write", focus_write, { 0, 0, 0, 0, 1, 0 } },
	{ "budget", "read", budget_read, { 0, 1, 0, 1, 1, 0 } },
	{ "budget", "write", budget_write, { 0, 0, 0, 0, 1, 0 } },
	{ "audit (a plan's history)", "read", audit_read, { 1, 1, 0, 1, 1, 0 } },
	{ "audit (all)", "read", audit_read_all, { 0, 0, 0, 0, 1, 0 } },
};

static void test_matrix(void)
{
	for (size_t i = 0; i < sizeof matrix / sizeof *matrix; i++)
		for (int r = 0; r < NROLES; r++) {
			const struct cell *m = &matrix[i];
			kerr e = { 0 };
			kcode c = m->fn(&act[r], &e);
			kcode want = m->allowed[r] ? KE_OK : KE_DENIED;
			CHECK(c == want, "%s %s by the %s: %s", m->kind, m->what, role_names[r],
			      m->allowed[r] ? "allowed" : "denied");
			if (c != want)
				printf("#   code %d, msg '%s'\n", c, e.msg);
			if (!m->allowed[r] && c == KE_DENIED)
				CHECK(strstr(e.msg, "Not allowed") || strstr(e.msg, "Only"),
				      "%s %s by the %s: the denial says so ('%s')", m->kind, m->what, role_names[r], e.msg);
		}
}

/* One integer from the database, on a connection of its own. */
static int64_t q1(const char *q)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	if (sqlite3_open(path, &h) == SQLITE_OK && sqlite3_prepare_v2(h, q, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static int sql_fails(const char *q)
{
	sqlite3 *h = NULL;
	int rc = sqlite3_open(path, &h);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h, q, NULL, NULL, NULL);
	sqlite3_close(h);
	return rc != SQLITE_OK;
}

static int visible_staff(const kactor *w)
{
	kpage pg = { .limit = 100, .include_inactive = 1 };
	staff_rec *r;
	int n = -1;
	kerr e = { 0 };
	if (staff_list(db, w, &pg, &r, &n, &e) == KE_OK)
		staff_rows_free(r, n);
	return n;
}

static void test_lists_and_audit(void)
{
	/* Emma: herself; Lars: his team (Emma, himself); Ole: himself and Karl;
	 * Pia: all below her (Emma, Lars, Ole, Karl) and herself; Ada: all,
	 * with HR; Karl: himself — being named on Emma's follow-up shows him
	 * nothing of hers but his part. */
	int want[NROLES] = { 1, 2, 2, 5, 6 + NROLES, 1 };
	for (int r = 0; r < NROLES; r++)
		CHECK(visible_staff(&act[r]) == want[r], "the %s sees %d staff (saw %d)", role_names[r], want[r],
		      visible_staff(&act[r]));
	CHECK(q1("SELECT count(*) FROM audit WHERE login = 'ole'") == 0,
	      "the leader of another unit changed nothing: no audit row in his name");
	CHECK(q1("SELECT count(*) FROM audit WHERE login = 'emma' AND tbl = 'goal' AND action = 'create'") == 1,
	      "Emma's goal is audited in her name");
	CHECK(q1("SELECT count(*) FROM audit WHERE login = 'lars' AND tbl = 'plan' AND action = 'update'"
		 " AND json_extract(new, '$.status') = 'agreed'") == 1,
	      "Lars's agreement is audited in his name");
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE login = 'pia' AND tbl = 'followup' AND row_id = %lld",
		 (long long)fu_emp);
	CHECK(q1(sql) == 1,
	      "Pia's follow-up change is audited in her name");
	CHECK(q1("SELECT count(*) FROM audit WHERE login = 'ada' AND tbl = 'budget'") == 1,
	      "the admin's budget is audited in her name");
	CHECK(q1("SELECT count(*) FROM audit WHERE login = 'karl' AND tbl = 'followup_colleague' AND action = 'update'") == 2,
	      "Karl's answer and his refusal are audited in his name");
	CHECK(q1("SELECT count(*) FROM audit WHERE tbl = 'followup_colleague' AND action = 'create'"
		 " AND login IN ('emma','lars','pia','ada')") == 4,
	      "each colleague named is audited in the namer's name");
	/* Nothing in kup writes audit rows but the writes; nothing at all changes them. */
	CHECK(sql_fails("UPDATE audit SET login = 'x'"), "audit rows cannot be changed");
	CHECK(sql_fails("DELETE FROM audit"), "audit rows cannot be deleted");
	CHECK(q1("SELECT count(*) FROM audit WHERE login = 'x'") == 0, "and none was");
}

static void test_ui_rules(void)
{
	/* The screen hides what the data layer refuses; the rule it uses for a
	 * person on the list: an admin, or a leader looking at someone else. */
	kerr e = { 0 };
	plan_rec p;
	CHECK(plan_get(db, &act[LEAD], plan_lead, &p, &e) == KE_OK, "Lars sees his own plan");
	plan_free(&p);
	CHECK(plan_save(db, &act[LEAD], &(plan_rec){ .staff_id = s_lead, .year = 2027 }, &e) == KE_DENIED,
	      "Lars cannot create his own next plan");
	CHECK(plan_save(db, &act[EMP], &(plan_rec){ .staff_id = s_emp, .year = 2027 }, &e) == KE_DENIED,
	      "Emma cannot create her own plan");
}


/* Whether w may read staff member sid. */
static int sees(const kactor *w, int64_t sid)
{
	staff_rec s;
	kerr e = { 0 };
	if (staff_get(db, w, sid, &s, &e) != KE_OK)
		return 0;
	staff_free(&s);
	return 1;
}

static void test_leadership_dates(void)
{
	/* A leader counts from her first day (since, included) to her last
	 * (until, included): named a month ahead she sees nothing of the unit
	 * yet; handed over, she keeps it to the day before her successor's
	 * first. */
	kerr e = { 0 };
	kactor nina, otto;
	int64_t u_mid = add_unit("Mellemtrin", u_top, "team");
	int64_t s_mads = add_staff("mads", "Mads Mo", u_mid, ROLE_EMPLOYEE, NULL);
	int64_t s_nina = add_staff("nina", "Nina Nør", u_mid, ROLE_EMPLOYEE, NULL);
	int64_t s_otto = add_staff("otto", "Otto Ry", u_mid, ROLE_EMPLOYEE, NULL);
	setenv("KUP_TODAY", "2026-03-01", 1);
	CHECK(unit_set_leader(db, &owner, u_mid, s_nina, "2026-04-01", 0, &e) == KE_OK, "Nina leads from 01-04 (%s)", e.msg);
	CHECK(db_actor_for_login(db, "nina", 0, &nina, &e) == KE_OK, "Nina logs in (%s)", e.msg);
	CHECK(!sees(&nina, s_mads), "a month before her first day Nina does not see Mads");
	CHECK(visible_staff(&nina) == 1, "nor anyone of the unit but herself (saw %d)", visible_staff(&nina));
	plan_rec p;
	int64_t plan_mads = new_plan(s_mads, 2026, 0);
	CHECK(plan_get(db, &nina, plan_mads, &p, &e) == KE_DENIED, "nor his plan");
	setenv("KUP_TODAY", "2026-03-31", 1);
	CHECK(!sees(&nina, s_mads), "nor the day before");
	setenv("KUP_TODAY", "2026-04-01", 1);
	CHECK(sees(&nina, s_mads), "on her first day she does");
	e = (kerr){ 0 };
	CHECK(plan_get(db, &nina, plan_mads, &p, &e) == KE_OK, "and his plan (%s)", e.msg);
	if (!e.code)
		plan_free(&p);
	CHECK(unit_set_leader(db, &owner, u_mid, s_otto, "2026-05-01", 1, &e) == KE_OK, "Otto takes over on 01-05 (%s)",
	      e.msg);
	CHECK(db_actor_for_login(db, "otto", 0, &otto, &e) == KE_OK, "Otto logs in (%s)", e.msg);
	setenv("KUP_TODAY", "2026-04-30", 1);
	CHECK(sees(&nina, s_mads) && !sees(&otto, s_mads), "on 30-04 Nina still leads Mads, Otto not yet");
	setenv("KUP_TODAY", "2026-05-01", 1);
	CHECK(!sees(&nina, s_mads) && sees(&otto, s_mads), "on 01-05 Otto leads Mads and Nina no longer");
	CHECK(sees(&otto, s_nina), "Nina is now one of Otto's people");
	setenv("KUP_TODAY", "2026-03-01", 1);
}

int main(void)
{
	i18n_init("en");
	snprintf(dir, sizeof dir, "/tmp/kup-roles.XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/roles.db", dir);
	setup();
	test_matrix();
	test_lists_and_audit();
	test_ui_rules();
	test_leadership_dates();
	db_close(db);
	char side[160];
	const char *ext[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		snprintf(side, sizeof side, "%s%s", path, ext[i]);
		unlink(side);
	}
	rmdir(dir);
	i18n_done();
	return t_done();
}
