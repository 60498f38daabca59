/* test_cycle.c — the yearly cycle across the modules: plan agreement,
 * acceptance, changes after agreement, evaluation and carry-over; sign-up,
 * decisions, price, completion and follow-up (shared via a peer session);
 * the overview's counts at every step for the employee, her leader, another
 * leader and the admin; keyset paging of the overview; a leader handover;
 * the follow-up delays; the list of leaders for reminders. */
#include "date.h"
#include "db.h"
#include "db_activity.h"
#include "db_cycle.h"
#include "db_org.h"
#include "db_overview.h"
#include "db_part.h"
#include "db_plan.h"
#include "db_staff.h"
#include "i18n.h"
#include "t.h"

#include <sqlite3.h>
#include <unistd.h>

static char dir[64], path[128];
static kdb *db;
static kactor owner, hr, boss, lea, bo, soren, anna, frida, nina;
static int64_t s_boss, s_lea, s_bo, s_soren, s_anna, s_frida, s_nina;
/* Børn & Unge (hr) > Skolen (boss) > Team Nord (lea: soren, anna, nina),
 * Team Syd (bo: frida) */
static const int64_t u_area = 1, u_school = 2, u_north = 3, u_south = 4;

static void sql(const char *q)
{
	sqlite3 *h = NULL;
	char *msg = NULL;
	int rc = sqlite3_open(path, &h);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(h, 5000);
		rc = sqlite3_exec(h, q, NULL, NULL, &msg);
	}
	CHECK(rc == SQLITE_OK, "sql: %.60s%s%s", q, msg ? " -- " : "", msg ? msg : "");
	sqlite3_free(msg);
	sqlite3_close(h);
}

static int64_t q1(const char *q, int64_t p)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	if (sqlite3_open(path, &h) == SQLITE_OK && sqlite3_prepare_v2(h, q, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_bind_parameter_count(st))
			sqlite3_bind_int64(st, 1, p);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_type(st, 0) == SQLITE_NULL ? -2 : sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static int64_t add_staff(const char *login, const char *name, int64_t unit, krole role, kactor *a)
{
	kerr e = { 0 };
	staff_rec s = { 0 };
	s.login = (char *)login;
	s.name = (char *)name;
	s.initials = (char *)"x";
	s.unit_id = unit;
	s.role = role;
	s.title = (char *)"";
	CHECK(staff_save(db, &owner, &s, &e) == KE_OK, "staff %s saved (%s)", name, e.msg);
	memset(a, 0, sizeof *a);
	a->staff_id = s.id;
	a->role = role;
	snprintf(a->login, sizeof a->login, "%s", login);
	snprintf(a->name, sizeof a->name, "%s", name);
	return s.id;
}

static int64_t add_activity(const char *title, const char *method, int64_t price)
{
	kerr e = { 0 };
	activity_rec a = { 0 };
	a.title = (char *)title;
	snprintf(a.method, sizeof a.method, "%s", method);
	a.ects = a.hours = -1;
	a.price = price;
	CHECK(activity_save(db, &owner, &a, &e) == KE_OK, "activity %s (%s)", title, e.msg);
	return a.id;
}

static int64_t add_session(int64_t act, const char *starts, const char *ends, const char *deadline, int cap)
{
	kerr e = { 0 };
	session_rec s = { 0 };
	s.activity_id = act;
	snprintf(s.starts, sizeof s.starts, "%s", starts);
	snprintf(s.ends, sizeof s.ends, "%s", ends);
	snprintf(s.signup_deadline, sizeof s.signup_deadline, "%s", deadline);
	s.capacity = cap;
	CHECK(session_save(db, &owner, &s, &e) == KE_OK, "session %s (%s)", starts, e.msg);
	return s.id;
}

static void today(const char *iso)
{
	setenv("KUP_TODAY", iso, 1);
}

#define EXPECT(call, want, part, ...) do { \
	kerr e_ = { 0 }; \
	kcode c_ = (call); \
	int ok_ = c_ == (want) && (!(part) || strstr(e_.msg, (part) ? (part) : "")); \
	CHECK(ok_, __VA_ARGS__); \
	if (!ok_) \
		printf("#   code %d, msg '%s'\n", c_, e_.msg); \
} while (0)

static const ov_when W2026 = { .year = 2026, .soon_days = 30, .due_days = -1 };

/* The overview's counts for who; all -1 on failure. */
static ov_counts counts(const kactor *who)
{
	ov_counts c;
	kerr e = { 0 };
	if (overview_count(db, who, &W2026, &c, &e)) {
		printf("# overview_count: %s\n", e.msg);
		memset(&c, 0xff, sizeof c);
	}
	return c;
}

/* Rows of one section, read whole in pages of 3 (checks paging too). */
static int section_rows(const kactor *who, ov_section s, ov_row *first)
{
	kpage pg = { .limit = 3 };
	char key[200] = "";
	int total = 0;
	for (;;) {
		ov_row *r;
		int n;
		kerr e = { 0 };
		if (overview_list(db, who, s, &W2026, &pg, &r, &n, &e)) {
			printf("# overview_list: %s\n", e.msg);
			return -1;
		}
		if (first && total == 0 && n > 0) {
			*first = r[0];
			memset(&r[0], 0, sizeof r[0]);
		}
		total += n;
		if (n) {
			snprintf(key, sizeof key, "%s", r[n - 1].sort_key ? r[n - 1].sort_key : "");
			pg.after_key = key;
			pg.after_id = r[n - 1].id;
		}
		ov_rows_free(r, n);
		if (n < 3)
			return total;
	}
}

static void setup(void)
{
	kerr e = { 0 };
	CHECK(db_open(path, DB_OPEN_CREATE, &db, &e) == KE_OK, "create database (%s)", e.msg);
	db_actor_local_admin(&owner, "owner");
	sql("INSERT INTO unit(id, parent_id, name, kind, sort_key) VALUES"
	    " (1, NULL, 'Børn & Unge', 'area', 'b'), (2, 1, 'Skolen', 'institution', 's'),"
	    " (3, 2, 'Team Nord', 'team', 'tn'), (4, 2, 'Team Syd', 'team', 'ts')");
	(void)u_area;
	add_staff("hr", "Helle Rask", u_area, ROLE_ADMIN, &hr);
	s_boss = add_staff("boss", "Birgit Chef", u_school, ROLE_LEADER, &boss);
	s_lea = add_staff("lea", "Lea Nørgaard", u_north, ROLE_LEADER, &lea);
	s_bo = add_staff("bo", "Bo Sørensen", u_south, ROLE_LEADER, &bo);
	s_soren = add_staff("soren", "Søren Ågård", u_north, ROLE_EMPLOYEE, &soren);
	s_anna = add_staff("anna", "Anna Berg", u_north, ROLE_EMPLOYEE, &anna);
	s_nina = add_staff("nina", "Nina Holm", u_north, ROLE_EMPLOYEE, &nina);
	s_frida = add_staff("frida", "Frida Lund", u_south, ROLE_EMPLOYEE, &frida);
	char q[300];
	snprintf(q, sizeof q, "INSERT INTO unit_leader(unit_id, staff_id, since) VALUES"
		 " (2, %lld, '2024-01-01'), (3, %lld, '2024-01-01'), (4, %lld, '2024-01-01')",
		 (long long)s_boss, (long long)s_lea, (long long)s_bo);
	sql(q);
	today("2026-11-22");
}

static int64_t new_goal(const kactor *who, int64_t plan_id, const char *what)
{
	kerr e = { 0 };
	goal_rec g = { .plan_id = plan_id, .competence_id = 2, .what = (char *)what };
	CHECK(goal_save(db, who, &g, &e) == KE_OK, "goal '%s' added by %s (%s)", what, who->login, e.msg);
	return g.id;
}

static int64_t plan_version(int64_t id)
{
	plan_rec p;
	kerr e = { 0 };
	int64_t v = plan_get(db, &hr, id, &p, &e) ? -1 : p.version;
	plan_free(&p);
	return v;
}

static int64_t plan_2026, goal_a, goal_b, goal_c;

static void test_plan(void)
{

	ov_counts c = counts(&lea);
	CHECK(c.n[OV_NO_PLAN] == 3, "Lea: three people without a 2026 plan (%d)", c.n[OV_NO_PLAN]);
	c = counts(&boss);
	CHECK(c.n[OV_NO_PLAN] == 6, "Birgit (the school): everyone below her without a plan, "
	      "leaders included, not herself (%d)", c.n[OV_NO_PLAN]);
	c = counts(&hr);
	CHECK(c.n[OV_NO_PLAN] == 8, "the admin: the whole organisation (%d)", c.n[OV_NO_PLAN]);
	c = counts(&soren);
	CHECK(c.n[OV_NO_PLAN] == 0 && c.my_plan_id == 0 && c.n[OV_MY_PLAN] == 0,
	      "Søren: leads nobody, has no plan yet");

	plan_rec p = { .staff_id = s_soren, .year = 2026 };
	EXPECT(plan_save(db, &soren, &p, &e_), KE_DENIED, NULL, "an employee cannot create her own plan");
	EXPECT(plan_save(db, &bo, &p, &e_), KE_DENIED, NULL, "a leader of another unit cannot create it");
	EXPECT(plan_save(db, &lea, &p, &e_), KE_OK, NULL, "Lea creates Søren's 2026 plan");
	plan_2026 = p.id;
	c = counts(&lea);
	CHECK(c.n[OV_NO_PLAN] == 2 && c.n[OV_TO_AGREE] == 1, "Lea: two without a plan, one plan to agree");
	c = counts(&bo);
	CHECK(c.n[OV_TO_AGREE] == 0 && c.n[OV_NO_PLAN] == 1, "Bo sees none of Team Nord");

	goal_a = new_goal(&soren, plan_2026, "Lede forældremøder");
	goal_b = new_goal(&soren, plan_2026, "Styrke relationer");
	c = counts(&soren);
	CHECK(c.my_plan_id == plan_2026 && !strcmp(c.my_plan_status, "draft") && c.my_goals == 2 &&
	      c.n[OV_MY_PLAN] == 3, "Søren's overview: his draft plan and its two goals");
	ov_row r;
	CHECK(section_rows(&soren, OV_MY_PLAN, &r) == 3 && r.kind == 'P' && r.id == plan_2026,
	      "the plan's own row comes first");
	ov_row_free(&r);

	goal_change gc;
	EXPECT(goal_changes(db, &soren, goal_a, &gc, &e_), KE_OK, NULL, "changes of a draft's goal");
	CHECK(gc.changes == 0 && !gc.added, "a draft has no changes after agreement");
	goal_change_free(&gc);

	EXPECT(plan_agree(db, &soren, plan_2026, plan_version(plan_2026), &e_), KE_DENIED, NULL,
	       "Søren cannot agree his own plan");
	EXPECT(plan_agree(db, &bo, plan_2026, plan_version(plan_2026), &e_), KE_DENIED, NULL,
	       "a leader cannot agree a plan in another unit");
	EXPECT(plan_agree(db, &owner, plan_2026, plan_version(plan_2026), &e_), KE_DENIED, "registered person",
	       "a local admin without a staff record cannot agree (agreed_by names a person)");
	EXPECT(plan_accept(db, &soren, plan_2026, &e_), KE_STATE, "must be agreed", "no accepting a draft");
	EXPECT(plan_agree(db, &lea, plan_2026, plan_version(plan_2026) - 1, &e_), KE_CONFLICT, NULL,
	       "agreeing an old version is a conflict");
	EXPECT(plan_agree(db, &lea, plan_2026, plan_version(plan_2026), &e_), KE_OK, NULL, "Lea agrees the plan");
	c = counts(&lea);
	CHECK(c.n[OV_TO_AGREE] == 0, "nothing left to agree for Lea");
	c = counts(&soren);
	CHECK(!strcmp(c.my_plan_status, "agreed") && !c.my_plan_accepted, "Søren sees it agreed, not yet accepted");
	EXPECT(plan_accept(db, &lea, plan_2026, &e_), KE_DENIED, NULL, "the leader cannot accept for him");
	EXPECT(plan_accept(db, &soren, plan_2026, &e_), KE_OK, NULL, "Søren accepts");
	c = counts(&soren);
	CHECK(c.my_plan_accepted == 1, "his acceptance is recorded");

	/* changes after agreement are the leader's, and visible */
	goal_rec g;
	EXPECT(goal_get(db, &soren, goal_a, &g, &e_), KE_OK, NULL, "read goal A");
	EXPECT(goal_save(db, &soren, &g, &e_), KE_STATE, "only your leader", "Søren cannot change an agreed goal");
	free(g.criteria);
	g.criteria = strdup("Tre møder med dagsorden");
	EXPECT(goal_save(db, &lea, &g, &e_), KE_OK, NULL, "Lea changes goal A after agreement");
	goal_free(&g);
	EXPECT(goal_move(db, &lea, goal_b, -1, &e_), KE_OK, NULL, "Lea moves goal B up");
	EXPECT(goal_changes(db, &soren, goal_a, &gc, &e_), KE_OK, NULL, "changes of goal A");
	CHECK(gc.changes == 1 && !gc.added && !strcmp(gc.last_by, "Lea Nørgaard") && gc.last_at[0],
	      "goal A: changed once after agreement, by Lea (moving it does not count; %d, '%s')",
	      gc.changes, gc.last_by);
	goal_change_free(&gc);
	EXPECT(goal_changes(db, &soren, goal_b, &gc, &e_), KE_OK, NULL, "changes of goal B");
	CHECK(gc.changes == 0 && !gc.added, "goal B was only moved: unchanged");
	goal_change_free(&gc);
	EXPECT(goal_changes(db, &bo, goal_a, &gc, &e_), KE_DENIED, NULL, "another unit's leader cannot read them");
	goal_c = new_goal(&lea, plan_2026, "Supervision af nye kolleger");
	int64_t goal_gone = new_goal(&lea, plan_2026, "Fjernes igen");
	EXPECT(goal_delete(db, &lea, goal_gone, 1, &e_), KE_OK, NULL, "Lea removes a goal after agreement");
	EXPECT(goal_changes(db, &soren, goal_c, &gc, &e_), KE_OK, NULL, "changes of goal C");
	CHECK(gc.added == 1, "goal C was added after agreement");
	goal_change_free(&gc);
	int changed = -1, removed = -1;
	EXPECT(plan_changes(db, &soren, plan_2026, &changed, &removed, &e_), KE_OK, NULL, "the plan's changes");
	CHECK(changed == 2 && removed == 1, "plan: 2 goals changed or added, 1 removed after agreement (%d, %d)",
	      changed, removed);
	EXPECT(plan_changes(db, &bo, plan_2026, &changed, &removed, &e_), KE_DENIED, NULL,
	       "another unit's leader cannot read the plan's changes");

	/* the evaluation: per goal a result, then the plan's text */
	EXPECT(goal_get(db, &lea, goal_b, &g, &e_), KE_OK, NULL, "read goal B");
	free(g.result);
	g.result = strdup("Nået: tre elever har en fast voksen");
	snprintf(g.status, sizeof g.status, "done");
	EXPECT(goal_save(db, &lea, &g, &e_), KE_OK, NULL, "Lea writes goal B's result and marks it done");
	goal_free(&g);
	today("2026-10-31");
	c = counts(&lea);
	CHECK(c.n[OV_TO_EVALUATE] == 0, "in October nothing is waiting for evaluation");
	today("2026-11-22");
	c = counts(&lea);
	CHECK(c.n[OV_TO_EVALUATE] == 1, "from November the agreed plan waits for evaluation");
	c = counts(&bo);
	CHECK(c.n[OV_TO_EVALUATE] == 0, "not for Bo");
	EXPECT(plan_evaluate(db, &soren, plan_2026, plan_version(plan_2026), "x", &e_), KE_DENIED, NULL,
	       "Søren cannot evaluate");
	EXPECT(plan_evaluate(db, &bo, plan_2026, plan_version(plan_2026), "x", &e_), KE_DENIED, NULL,
	       "another unit's leader cannot evaluate");
	EXPECT(plan_evaluate(db, &lea, plan_2026, plan_version(plan_2026), "  ", &e_), KE_INVALID, NULL,
	       "an evaluation needs text");
}

static int64_t plan_2027;

static void test_carry(void)
{

	EXPECT(plan_carry_over(db, &soren, plan_2026, &plan_2027, &e_), KE_DENIED, NULL, "Søren cannot start 2027");
	EXPECT(plan_carry_over(db, &bo, plan_2026, &plan_2027, &e_), KE_DENIED, NULL, "nor can Bo");
	EXPECT(plan_evaluate(db, &lea, plan_2026, plan_version(plan_2026), "Et godt år.", &e_), KE_OK, NULL,
	       "Lea evaluates and closes the 2026 plan");
	ov_counts c = counts(&lea);
	CHECK(c.n[OV_TO_EVALUATE] == 0, "nothing left to evaluate");
	EXPECT(plan_carry_over(db, &lea, plan_2026, &plan_2027, &e_), KE_OK, NULL, "Lea starts 2027 from 2026");
	goal_rec *g;
	int n = 0;
	EXPECT(goal_list(db, &soren, plan_2027, &g, &n, &e_), KE_OK, NULL, "the 2027 goals");
	int carried = 0;
	for (int i = 0; i < n; i++)
		carried += g[i].carried_from != 0 && strcmp(g[i].status, "open") == 0;
	CHECK(n == 2 && carried == 2, "the two unfinished goals carried over, marked, open (%d of %d)", carried, n);
	goal_rows_free(g, n);
	int64_t again = 0;
	EXPECT(plan_carry_over(db, &lea, plan_2026, &again, &e_), KE_EXISTS, "already a plan for Søren Ågård in 2027",
	       "carrying over twice names the person and year");
}

static int64_t s_course, s_full, s_late, s_peer, s_theme, s_course_act;
static int64_t p_req;

static void test_participation(void)
{

	int64_t course = s_course_act = add_activity("Konflikthåndtering", "course", 2500);
	int64_t peer = add_activity("Sidemandsoplæring i dialog", "peer", 0);
	int64_t theme = add_activity("Temadag om trivsel", "theme_day", 0);
	s_course = add_session(course, "2026-12-01", "2026-12-02", "2026-11-30", 5);
	s_full = add_session(course, "2026-12-10", "2026-12-10", "", 1);
	s_late = add_session(course, "2026-12-20", "2026-12-20", "2026-11-20", 5);
	s_peer = add_session(peer, "2027-01-10", "2027-01-10", "", 5);
	s_theme = add_session(theme, "2027-03-01", "2027-03-01", "", 5);

	ov_counts c0 = counts(&lea);
	EXPECT(part_request(db, &soren, s_soren, s_late, 0, &p_req, &e_), KE_STATE, "20-11-2026",
	       "after the sign-up deadline no request is taken, and the date is named");
	EXPECT(part_request(db, &soren, s_anna, s_course, 0, &p_req, &e_), KE_DENIED, NULL,
	       "Søren cannot ask on Anna's behalf");
	EXPECT(part_request(db, &soren, s_soren, s_course, goal_c, &p_req, &e_), KE_OK, NULL,
	       "Søren asks to join the course, for goal C");
	ov_counts c = counts(&soren);
	CHECK(c.n[OV_MY_REQUESTS] == 1, "Søren: one request of his own");
	c = counts(&lea);
	CHECK(c.n[OV_REQUESTS] == c0.n[OV_REQUESTS] + 1, "Lea: one request waiting for her");
	c = counts(&bo);
	CHECK(c.n[OV_REQUESTS] == 0, "Bo: none");
	c = counts(&hr);
	CHECK(c.n[OV_REQUESTS] == 1, "the admin sees it across the organisation");
	ov_row r;
	CHECK(section_rows(&lea, OV_REQUESTS, &r) == 1 && r.kind == 'R' && r.id == p_req && r.staff_id == s_soren &&
	      r.session_id == s_course && !strcmp(r.what, "Konflikthåndtering") && !strcmp(r.date, "2026-12-01"),
	      "the request row names person, activity, session and start");
	ov_row_free(&r);

	EXPECT(part_reject(db, &lea, p_req, "", &e_), KE_INVALID, "reason is required", "rejecting needs a reason");
	EXPECT(part_reject(db, &lea, p_req, " \n ", &e_), KE_INVALID, "reason is required", "blank is no reason");
	EXPECT(part_approve(db, &bo, p_req, NULL, &e_), KE_DENIED, NULL, "Bo cannot approve Team Nord's request");
	EXPECT(part_approve(db, &soren, p_req, NULL, &e_), KE_DENIED, NULL, "Søren cannot approve himself");
	EXPECT(part_approve(db, &lea, p_req, "God idé", &e_), KE_OK, NULL, "Lea approves with a note");
	EXPECT(part_approve(db, &lea, p_req, NULL, &e_), KE_STATE, "waiting for a decision",
	       "approving twice is refused, naming why");
	c = counts(&lea);
	CHECK(c.n[OV_REQUESTS] == c0.n[OV_REQUESTS] && c.n[OV_SOON] == 1,
	      "Lea: the request is gone, a session starts soon with her people");
	c = counts(&soren);
	CHECK(c.n[OV_MY_REQUESTS] == 0 && c.n[OV_MY_SESSIONS] == 1, "Søren: no open request, one session ahead");

	/* approval past capacity goes to the waiting list */
	int64_t pa = 0, pf = 0, pb = 0;
	EXPECT(part_request(db, &anna, s_anna, s_full, 0, &pa, &e_), KE_OK, NULL, "Anna asks for the one seat");
	EXPECT(part_request(db, &nina, s_nina, s_full, 0, &pb, &e_), KE_OK, NULL, "Nina asks too");
	EXPECT(part_approve(db, &lea, pa, NULL, &e_), KE_OK, NULL, "Anna approved");
	EXPECT(part_approve(db, &lea, pb, NULL, &e_), KE_OK, NULL, "Nina approved past capacity");
	CHECK(q1("SELECT status = 'waitlisted' AND wait_pos = 1 FROM participation WHERE id = ?", pb) == 1,
	      "Nina is first on the waiting list, not over capacity");
	EXPECT(part_request(db, &frida, s_frida, s_full, 0, &pf, &e_), KE_OK, NULL, "Frida (Team Syd) asks");
	EXPECT(part_reject(db, &bo, pf, "Ikke i år", &e_), KE_OK, NULL, "Bo rejects with a reason");
	c = counts(&frida);
	CHECK(c.n[OV_MY_REQUESTS] == 1, "Frida still sees the refusal (the session is ahead)");
	EXPECT(part_cancel(db, &anna, pa, &e_), KE_OK, NULL, "Anna cancels her seat");
	CHECK(q1("SELECT status = 'enrolled' AND wait_pos IS NULL FROM participation WHERE id = ?", pb) == 1,
	      "Nina moves up from the waiting list");

	/* price: defaults from the activity, changed by the leader */
	part_rec pr;
	EXPECT(part_get(db, &soren, p_req, &pr, &e_), KE_OK, NULL, "read the participation");
	CHECK(pr.price == 2500 && pr.activity_id == course && !strcmp(pr.ends, "2026-12-02") && !pr.followup_id,
	      "its price is the activity's (%lld)", (long long)pr.price);
	EXPECT(part_set_price(db, &soren, p_req, pr.version, 0, &e_), KE_DENIED, NULL, "Søren cannot set his price");
	EXPECT(part_set_price(db, &bo, p_req, pr.version, 0, &e_), KE_DENIED, NULL, "nor can Bo");
	EXPECT(part_set_price(db, &lea, p_req, pr.version, -5, &e_), KE_INVALID, "between 0 and", "negative refused");
	EXPECT(part_set_price(db, &lea, p_req, pr.version, 1800, &e_), KE_OK, NULL, "Lea sets 1.800 kr.");
	EXPECT(part_set_price(db, &lea, p_req, pr.version, 1700, &e_), KE_CONFLICT, NULL,
	       "an old version is a conflict");
	part_free(&pr);
	CHECK(q1("SELECT price FROM participation WHERE id = ?", p_req) == 1800, "the price is stored");
	CHECK(q1("SELECT count(*) FROM audit WHERE tbl = 'participation' AND row_id = ?"
		 " AND json_extract(new, '$.price') = 1800", p_req) == 1, "and audited");
}

static int64_t fu_id;

static void test_followup(void)
{
	kerr e = { 0 };
	ov_counts l0 = counts(&lea), c;
	EXPECT(part_complete(db, &soren, p_req, 0, &e_), KE_DENIED, NULL, "Søren cannot mark his own completion");
	EXPECT(part_complete(db, &lea, p_req, 0, &e_), KE_STATE, "The session starts",
	       "not before the course has begun");
	today("2026-12-01");
	EXPECT(part_complete(db, &lea, p_req, 0, &e_), KE_OK, NULL, "Lea marks the course completed");
	today("2026-11-22");
	part_rec pr;
	EXPECT(part_get(db, &lea, p_req, &pr, &e_), KE_OK, NULL, "read it again");
	fu_id = pr.followup_id;
	CHECK(fu_id > 0 && !strcmp(pr.fu_due, "2027-01-13") && !pr.fu_done,
	      "a follow-up is due six weeks after the course ends (%s)", pr.fu_due);
	part_free(&pr);
	c = counts(&soren);
	CHECK(c.n[OV_MY_FOLLOWUPS] == 1 && c.my_overdue == 0, "Søren: one follow-up to write, not overdue");
	c = counts(&lea);
	CHECK(c.n[OV_FOLLOWUPS] == l0.n[OV_FOLLOWUPS] + 1 && c.led_overdue == 0, "Lea: one follow-up to close");
	ov_when soon = { .year = 2026, .soon_days = 30, .due_days = 14 };
	ov_counts cs;
	CHECK(overview_count(db, &lea, &soon, &cs, &e) == KE_OK && cs.n[OV_FOLLOWUPS] == 0,
	      "not among those due within 14 days");
	today("2027-01-20");
	c = counts(&soren);
	CHECK(c.my_overdue == 1, "after the due date it is overdue for Søren");
	c = counts(&lea);
	CHECK(c.led_overdue == 1, "and for Lea");
	ov_row r;
	CHECK(section_rows(&soren, OV_MY_FOLLOWUPS, &r) == 1 && r.kind == 'F' && r.id == fu_id && r.flag == 1,
	      "the follow-up row is flagged overdue");
	ov_row_free(&r);

	followup_rec f;
	EXPECT(followup_get(db, &soren, fu_id, &f, &e_), KE_OK, NULL, "Søren reads his follow-up");
	CHECK(f.overdue == 1 && f.shared_via == 0 && f.shared_via_title[0] == '\0', "overdue, shared nowhere yet");
	free(f.learned);
	f.learned = strdup("At stoppe op før det eskalerer");
	free(f.shared_with);
	f.shared_with = strdup("Teammøde 14-01, Anna Berg");
	f.shared_via = s_theme;
	EXPECT(followup_save(db, &soren, &f, 0, &e_), KE_INVALID, "peer-training or network",
	       "a theme day cannot be where it was shared");
	f.shared_via = 999999;
	EXPECT(followup_save(db, &soren, &f, 0, &e_), KE_INVALID, "no longer exists", "an unknown session is refused");
	f.shared_via = s_peer;
	EXPECT(followup_save(db, &soren, &f, 1, &e_), KE_DENIED, "Only your leader", "Søren cannot close it");
	EXPECT(followup_save(db, &soren, &f, 0, &e_), KE_OK, NULL, "Søren writes what he learned, shared via peer training");
	followup_free(&f);
	EXPECT(followup_get(db, &lea, fu_id, &f, &e_), KE_OK, NULL, "Lea reads it");
	CHECK(f.shared_via == s_peer && !strcmp(f.shared_via_title, "Sidemandsoplæring i dialog") &&
	      !strcmp(f.shared_via_starts, "2027-01-10"), "it names the peer-training session");
	free(f.leader_comment);
	f.leader_comment = strdup("Godt brugt i teamet");
	EXPECT(followup_save(db, &bo, &f, 1, &e_), KE_DENIED, NULL, "Bo cannot close it");
	EXPECT(followup_save(db, &lea, &f, 1, &e_), KE_OK, NULL, "Lea comments and closes it");
	followup_free(&f);
	c = counts(&soren);
	CHECK(c.n[OV_MY_FOLLOWUPS] == 0 && c.my_overdue == 0, "Søren: nothing left to follow up");
	c = counts(&lea);
	CHECK(c.led_overdue == 0 && c.n[OV_FOLLOWUPS] == l0.n[OV_FOLLOWUPS], "Lea: closed");
	CHECK(q1("SELECT json_extract(new, '$.shared_via') FROM audit WHERE tbl = 'followup' AND row_id = ?"
		 " ORDER BY id DESC LIMIT 1", fu_id) == s_peer, "the audit keeps where it was shared");
	today("2026-11-22");
}

/* Whom a follow-up may name: any active person in any unit, but not the
 * person nor one already named; asked by the person, their leader or an
 * admin only. */
static void test_candidates(void)
{
	fu_candidate *r;
	int n, soren_in = 0, frida_in = 0, boss_in = 0, anna_in = 0;
	EXPECT(fucol_candidates(db, &soren, fu_id, NULL, 500, &r, &n, &e_), KE_OK, NULL, "Søren lists whom he may name");
	for (int i = 0; i < n; i++) {
		soren_in += r[i].id == s_soren;
		frida_in += r[i].id == s_frida;
		boss_in += r[i].id == s_boss;
		anna_in += r[i].id == s_anna;
	}
	CHECK(!soren_in && frida_in && boss_in && anna_in,
	      "everyone active but himself, in his team and beyond (%d rows)", n);
	fucol_candidates_free(r, n);
	EXPECT(fucol_candidates(db, &lea, fu_id, "frida", 10, &r, &n, &e_), KE_OK, NULL, "Lea filters by name");
	CHECK(n == 1 && r[0].id == s_frida && r[0].unit_name[0], "one match, with her unit");
	fucol_candidates_free(r, n);
	sql("INSERT INTO followup_colleague(followup_id, staff_id, due) VALUES ((SELECT max(id) FROM followup),"
	    " (SELECT id FROM staff WHERE login = 'anna'), '2027-02-01')");
	EXPECT(fucol_candidates(db, &hr, fu_id, NULL, 500, &r, &n, &e_), KE_OK, NULL, "the admin lists them too");
	anna_in = 0;
	for (int i = 0; i < n; i++)
		anna_in += r[i].id == s_anna;
	CHECK(fu_id == q1("SELECT max(id) FROM followup", 0) && !anna_in, "one already named is not offered again");
	fucol_candidates_free(r, n);
	sql("DELETE FROM followup_colleague WHERE staff_id = (SELECT id FROM staff WHERE login = 'anna')");
	EXPECT(fucol_candidates(db, &anna, fu_id, NULL, 10, &r, &n, &e_), KE_DENIED, "person or their leader",
	       "a colleague cannot list them");
	EXPECT(fucol_candidates(db, &bo, fu_id, NULL, 10, &r, &n, &e_), KE_DENIED, NULL,
	       "another team's leader cannot list them");
}

/* Lea hands Team Nord over to Nina: what Lea agreed stays with the unit. */
static void test_handover(void)
{
	kerr e = { 0 };
	int64_t p_anna = 0, req = 0;
	plan_rec p = { .staff_id = s_anna, .year = 2026 };
	EXPECT(plan_save(db, &lea, &p, &e_), KE_OK, NULL, "Lea creates Anna's plan");
	p_anna = p.id;
	new_goal(&lea, p_anna, "Motorik i indskolingen");
	EXPECT(plan_agree(db, &lea, p_anna, plan_version(p_anna), &e_), KE_OK, NULL, "Lea agrees Anna's plan");
	EXPECT(part_request(db, &anna, s_anna, s_course, 0, &req, &e_), KE_OK, NULL, "Anna asks for the course");
	ov_counts before = counts(&lea);
	EXPECT(unit_set_leader(db, &lea, u_north, s_nina, "2026-11-22", 1, &e_), KE_DENIED, NULL,
	       "a leader cannot hand over her unit herself");
	EXPECT(unit_set_leader(db, &hr, u_north, s_nina, "2026-11-22", 1, &e_), KE_OK, NULL,
	       "the admin makes Nina leader of Team Nord in Lea's place");
	nina.role = ROLE_LEADER;
	CHECK(q1("SELECT until FROM unit_leader WHERE staff_id = ? AND unit_id = 3", s_lea) != -2,
	      "Lea's leadership has ended (history kept)");
	ov_counts c = counts(&lea);
	CHECK(c.n[OV_REQUESTS] == 0 && c.n[OV_NO_PLAN] == 0 && c.n[OV_FOLLOWUPS] == 0,
	      "Lea's overview no longer holds Team Nord");
	c = counts(&nina);
	/* without a plan: before, Nina; now Lea, who stays in Team Nord and is
	 * one of Nina's people; Nina's own seat is her leader's business */
	CHECK(c.n[OV_REQUESTS] == before.n[OV_REQUESTS] && c.n[OV_NO_PLAN] == 1 && before.n[OV_NO_PLAN] == 1 &&
	      c.n[OV_SOON] == before.n[OV_SOON] - 1,
	      "Nina sees all of Team Nord (requests %d/%d, no plan %d/%d, soon %d/%d)", c.n[OV_REQUESTS],
	      before.n[OV_REQUESTS], c.n[OV_NO_PLAN], before.n[OV_NO_PLAN], c.n[OV_SOON], before.n[OV_SOON]);
	ov_row who_np;
	CHECK(section_rows(&nina, OV_NO_PLAN, &who_np) == 1 && who_np.staff_id == s_lea,
	      "Lea, no longer leading, is now among Nina's people without a plan");
	ov_row_free(&who_np);
	plan_rec got;
	EXPECT(plan_get(db, &lea, p_anna, &got, &e_), KE_DENIED, NULL, "Lea can no longer open Anna's plan");
	EXPECT(plan_get(db, &nina, p_anna, &got, &e_), KE_OK, NULL, "Nina can");
	CHECK(got.agreed_by == s_lea && !strcmp(got.agreed_by_name, "Lea Nørgaard"),
	      "the plan still says Lea agreed it");
	plan_free(&got);
	CHECK(q1("SELECT count(*) FROM audit WHERE tbl = 'plan' AND row_id = ? AND login = 'lea'"
		 " AND json_extract(new, '$.status') = 'agreed'", p_anna) == 1,
	      "the history shows Lea's agreement");
	EXPECT(part_approve(db, &lea, req, NULL, &e_), KE_DENIED, NULL, "Lea cannot decide Anna's request any more");
	EXPECT(part_approve(db, &nina, req, NULL, &e_), KE_OK, NULL, "Nina approves it");
	EXPECT(plan_evaluate(db, &nina, p_anna, plan_version(p_anna), "Godt samarbejde.", &e_), KE_OK, NULL,
	       "Nina evaluates the plan Lea agreed");
	EXPECT(plan_get(db, &nina, p_anna, &got, &e_), KE_OK, NULL, "read it");
	CHECK(got.agreed_by == s_lea && got.evaluated_by == s_nina, "agreed by Lea, evaluated by Nina");
	plan_free(&got);
	EXPECT(plan_get(db, &boss, p_anna, &got, &e_), KE_OK, NULL, "the school's leader still sees it");
	plan_free(&got);
	c = counts(&boss);
	CHECK(c.n[OV_NO_PLAN] >= 1, "Nina's own plan is now Birgit's to make (%d)", c.n[OV_NO_PLAN]);
	ov_row r;
	int found = 0, total = section_rows(&boss, OV_NO_PLAN, NULL);
	kpage pg = { .limit = 50 };
	ov_row *rows;
	int n;
	if (overview_list(db, &boss, OV_NO_PLAN, &W2026, &pg, &rows, &n, &e) == KE_OK) {
		for (int i = 0; i < n; i++)
			found += rows[i].staff_id == s_nina;
		ov_rows_free(rows, n);
	}
	CHECK(found == 1 && total == n, "Nina is listed under the school's leader");
	(void)r;
}

/* Many people without a plan: every row once, forwards and backwards. */
static void test_paging(void)
{
	kerr e = { 0 };
	sql("INSERT INTO unit(id, parent_id, name, kind, sort_key) VALUES (5, 2, 'Team Øst', 'team', 'to')");
	kactor ole;
	int64_t s_ole = add_staff("ole", "Ole Øst", 5, ROLE_LEADER, &ole);
	char q[200];
	snprintf(q, sizeof q, "INSERT INTO unit_leader(unit_id, staff_id, since) VALUES (5, %lld, '2025-01-01')",
		 (long long)s_ole);
	sql(q);
	for (int i = 0; i < 23; i++) {
		char login[16], name[64];
		kactor a;
		snprintf(login, sizeof login, "p%02d", i);
		snprintf(name, sizeof name, "%s %02d", i % 2 ? "Åse" : "Bent", 22 - i);
		add_staff(login, name, 5, ROLE_EMPLOYEE, &a);
	}
	ov_counts c = counts(&ole);
	CHECK(c.n[OV_NO_PLAN] == 23, "23 people of Team Øst without a plan (%d)", c.n[OV_NO_PLAN]);
	int64_t seen[64];
	int nseen = 0, dup = 0;
	char key[200] = "";
	kpage pg = { .limit = 4 };
	for (int guard = 0; guard < 20; guard++) {
		ov_row *r;
		int n;
		if (overview_list(db, &ole, OV_NO_PLAN, &W2026, &pg, &r, &n, &e))
			break;
		for (int i = 0; i < n && nseen < 64; i++) {
			for (int j = 0; j < nseen; j++)
				dup += seen[j] == r[i].id;
			seen[nseen++] = r[i].id;
		}
		if (n) {
			snprintf(key, sizeof key, "%s", r[n - 1].sort_key);
			pg.after_key = key;
			pg.after_id = r[n - 1].id;
		}
		ov_rows_free(r, n);
		if (n < 4)
			break;
	}
	CHECK(nseen == 23 && !dup, "forwards in pages of 4: each of 23 once (%d, %d twice)", nseen, dup);
	int back = 0, order_ok = 1;
	kpage bp = { .limit = 5, .backward = 1 };
	for (int guard = 0; guard < 20; guard++) {
		ov_row *r;
		int n;
		if (overview_list(db, &ole, OV_NO_PLAN, &W2026, &bp, &r, &n, &e))
			break;
		/* a backward page comes in list order: its last row is the latest */
		for (int i = n - 1; i >= 0; i--) {
			int at = nseen - 1 - back;
			order_ok &= at >= 0 && seen[at] == r[i].id;
			back++;
		}
		if (n) {
			snprintf(key, sizeof key, "%s", r[0].sort_key);
			bp.after_key = key;
			bp.after_id = r[0].id;
		}
		ov_rows_free(r, n);
		if (n < 5)
			break;
	}
	CHECK(back == 23 && order_ok, "backwards in pages of 5: the same 23 in reverse order (%d)", back);
	CHECK(counts(&lea).n[OV_NO_PLAN] == 0, "Team Øst is not Lea's");
	EXPECT(overview_list(db, &ole, OV_COUNT, &W2026, &pg, &(ov_row *){ NULL }, &(int){ 0 }, &e_), KE_INVALID,
	       NULL, "an unknown section is refused");
	ov_when bad = { .year = 1999, .soon_days = 30, .due_days = -1 };
	ov_counts bc;
	EXPECT(overview_count(db, &ole, &bad, &bc, &e_), KE_INVALID, "2000 and 2199", "a bad year is refused");
}

static void test_delays(void)
{

	fu_delay *d;
	int n = 0;
	EXPECT(fu_delay_list(db, &soren, &d, &n, &e_), KE_OK, NULL, "everyone reads the follow-up delays");
	int course = -1;
	for (int i = 0; i < n; i++)
		if (!strcmp(d[i].method, "course"))
			course = i;
	CHECK(n == 9 && course >= 0 && d[course].weeks == 6, "nine methods, a course six weeks");
	int64_t v = course >= 0 ? d[course].version : 0;
	free(d);
	EXPECT(fu_delay_set(db, &lea, "course", 3, v, &e_), KE_DENIED, NULL, "a leader cannot change them");
	EXPECT(fu_delay_set(db, &hr, "course", 105, v, &e_), KE_INVALID, "104 weeks", "at most two years");
	EXPECT(fu_delay_set(db, &hr, "cooking", 3, v, &e_), KE_INVALID, "Unknown method", "an unknown method");
	EXPECT(fu_delay_set(db, &hr, "course", 3, v, &e_), KE_OK, NULL, "the admin sets three weeks for courses");
	EXPECT(fu_delay_set(db, &hr, "course", 4, v, &e_), KE_CONFLICT, NULL, "a stale version is a conflict");
	CHECK(q1("SELECT count(*) FROM audit WHERE tbl = 'method_followup' AND json_extract(new, '$.weeks') = 3", 0) == 1,
	      "the change is audited");
	int64_t pid = 0, ses = add_session(s_course_act, "2026-11-02", "2026-11-02", "", 5);
	EXPECT(part_enrol(db, &nina, s_anna, ses, 0, &pid, &e_), KE_OK, NULL, "Nina puts Anna on the course");
	EXPECT(part_complete(db, &nina, pid, 0, &e_), KE_OK, NULL, "and marks it completed");
	part_rec pr;
	EXPECT(part_get(db, &anna, pid, &pr, &e_), KE_OK, NULL, "Anna's participation");
	CHECK(!strcmp(pr.fu_due, "2026-11-23"), "her follow-up falls due three weeks after the end (%s)", pr.fu_due);
	part_free(&pr);
}

static void test_leaders(void)
{

	ov_person *p;
	int n = 0;
	EXPECT(overview_leaders(db, &lea, 0, 10, &p, &n, &e_), KE_DENIED, NULL, "only admins list the leaders");
	EXPECT(overview_leaders(db, &hr, 0, 2, &p, &n, &e_), KE_OK, NULL, "first page of leaders");
	int64_t last = n ? p[n - 1].id : 0;
	int total = n, lea_listed = 0;
	for (int i = 0; i < n; i++)
		lea_listed |= p[i].id == s_lea;
	ov_people_free(p, n);
	while (n == 2) {
		EXPECT(overview_leaders(db, &hr, last, 2, &p, &n, &e_), KE_OK, NULL, "next page of leaders");
		for (int i = 0; i < n; i++)
			lea_listed |= p[i].id == s_lea;
		last = n ? p[n - 1].id : last;
		total += n;
		ov_people_free(p, n);
	}
	CHECK(total == 4 && !lea_listed, "Birgit, Bo, Nina and Ole lead (%d); Lea no longer does", total);
}

int main(void)
{
	i18n_set(LANG_EN);
	snprintf(dir, sizeof dir, "/tmp/kup-test-cycle.XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/t.db", dir);
	setup();
	if (db) {
		test_plan();
		test_carry();
		test_participation();
		test_followup();
		test_candidates();
		test_handover();
		test_paging();
		test_delays();
		test_leaders();
	}
	db_close(db);
	char f[160];
	const char *sfx[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		snprintf(f, sizeof f, "%s%s", path, sfx[i]);
		unlink(f);
	}
	rmdir(dir);
	i18n_done();
	return t_done();
}
