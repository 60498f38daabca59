/* test_part.c — participation and follow-up: every allowed and refused
 * transition, seats and the waiting list, follow-up due dates and closing,
 * visibility, keyset paging, and two processes racing for the last seat. */
#include "date.h"
#include "db.h"
#include "db_activity.h"
#include "db_part.h"
#include "db_staff.h"
#include "i18n.h"
#include "t.h"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64], path[128];
static kdb *db;
static kactor admin, hr, lea, bo, e1a, e2a, e4a, f1a;
static int64_t u_area = 1, u_school = 2, u_north = 3, u_south = 4;
static int64_t s_hr, s_lea, s_bo, s_e1, s_e2, s_e3, s_e4, s_e5, s_f1;
static int64_t sa, sb, sc, sd;   /* sessions */
static int64_t r1, r2, r3, r4, r5, rc2; /* participations */

static void sql(const char *q)
{
	sqlite3 *h = NULL;
	char *msg = NULL;
	int rc = sqlite3_open(path, &h);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(h, 5000);
		rc = sqlite3_exec(h, q, NULL, NULL, &msg);
	}
	CHECK(rc == SQLITE_OK, "sql: %s%s%s", q, msg ? " -- " : "", msg ? msg : "");
	sqlite3_free(msg);
	sqlite3_close(h);
}

/* One integer from the database, read on a separate connection. */
static int64_t q1(const char *q, int64_t p)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	if (sqlite3_open(path, &h) == SQLITE_OK && sqlite3_prepare_v2(h, q, -1, &st, NULL) == SQLITE_OK) {
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
	snprintf(s.employed_from, sizeof s.employed_from, "2020-01-01");
	CHECK(staff_save(db, &admin, &s, &e) == KE_OK, "staff %s saved (%s)", name, e.msg);
	if (a) {
		memset(a, 0, sizeof *a);
		a->staff_id = s.id;
		a->role = role;
		snprintf(a->login, sizeof a->login, "%s", login);
		snprintf(a->name, sizeof a->name, "%s", name);
	}
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
	CHECK(activity_save(db, &admin, &a, &e) == KE_OK, "activity %s (%s)", title, e.msg);
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
	CHECK(session_save(db, &admin, &s, &e) == KE_OK, "session %s (%s)", starts, e.msg);
	return s.id;
}

static void today(const char *iso)
{
	setenv("KUP_TODAY", iso, 1);
}

static char st_buf[16];
static const char *status_of(int64_t id)
{
	kerr e = { 0 };
	part_rec p;
	snprintf(st_buf, sizeof st_buf, "?");
	if (part_get(db, &admin, id, &p, &e) == KE_OK) {
		snprintf(st_buf, sizeof st_buf, "%s", p.status);
		part_free(&p);
	}
	return st_buf;
}

static int wait_pos_of(int64_t id)
{
	return (int)q1("SELECT coalesce(wait_pos, 0) FROM participation WHERE id = ?", id);
}

#define EXPECT(call, want, part, ...) do { \
	kerr e_ = { 0 }; \
	kcode c_ = (call); \
	CHECK(c_ == (want) && (!(part) || strstr(e_.msg, (part) ? (part) : "")), __VA_ARGS__); \
	if (c_ != (want) || ((part) && !strstr(e_.msg, (part) ? (part) : ""))) \
		printf("#   code %d, msg '%s'\n", c_, e_.msg); \
} while (0)

static void setup(void)
{
	kerr e = { 0 };
	CHECK(db_open(path, DB_OPEN_CREATE, &db, &e) == KE_OK, "create database (%s)", e.msg);
	db_actor_local_admin(&admin, "owner");
	sql("INSERT INTO unit(id, parent_id, name, kind, sort_key) VALUES"
	    " (1, NULL, 'Børn & Unge', 'area', 'b'), (2, 1, 'Skovbo Skole', 'institution', 's'),"
	    " (3, 2, 'Team Nord', 'team', 'tn'), (4, 2, 'Team Syd', 'team', 'ts')");
	(void)u_area; (void)u_school;
	s_hr = add_staff("hr", "Helle Rask", u_area, ROLE_ADMIN, &hr);
	s_lea = add_staff("lea", "Lea Nørgaard", u_north, ROLE_LEADER, &lea);
	s_bo = add_staff("bo", "Bo Sørensen", u_south, ROLE_LEADER, &bo);
	s_e1 = add_staff("soren", "Søren Ågård", u_north, ROLE_EMPLOYEE, &e1a);
	s_e2 = add_staff("anna", "Anna Berg", u_north, ROLE_EMPLOYEE, &e2a);
	s_e3 = add_staff("carl", "Carl Dahl", u_north, ROLE_EMPLOYEE, NULL);
	s_e4 = add_staff("dorte", "Dorte Eriksen", u_north, ROLE_EMPLOYEE, &e4a);
	s_e5 = add_staff("eva", "Eva Fisk", u_north, ROLE_EMPLOYEE, NULL);
	s_f1 = add_staff("frida", "Frida Holm", u_south, ROLE_EMPLOYEE, &f1a);
	CHECK(staff_set_active(db, &admin, s_e5, 1, 0, &e) == KE_OK, "Eva deactivated (%s)", e.msg);
	char q[256];
	snprintf(q, sizeof q, "INSERT INTO unit_leader(unit_id, staff_id, since) VALUES"
		 " (3, %lld, '2024-01-01'), (4, %lld, '2024-01-01')", (long long)s_lea, (long long)s_bo);
	sql(q);

	int64_t course = add_activity("Konflikthåndtering", "course", 2500);
	int64_t theme = add_activity("Temadag om trivsel", "theme_day", 0);
	sa = add_session(course, "2026-11-10", "2026-11-12", "2026-11-01", 2);
	sb = add_session(course, "2026-12-01", "2026-12-02", "2026-11-01", 10);
	sc = add_session(theme, "2026-11-20", "2026-11-20", "", 10);
	sd = add_session(theme, "2026-11-25", "2026-11-25", "", 2);
	today("2026-10-20");
}

static void test_request(void)
{
	kerr e = { 0 };
	int64_t dummy;
	EXPECT(part_request(db, &e1a, s_e1, sa, 0, &r1, &e_), KE_OK, NULL, "employee asks to join");
	CHECK_STR(status_of(r1), "requested", "new request is 'requested'");
	part_rec p;
	CHECK(part_get(db, &e1a, r1, &p, &e) == KE_OK && p.price == 2500 && p.goal_id == 0,
	      "price defaults from the activity");
	CHECK_STR(p.activity_title, "Konflikthåndtering", "participation names the activity");
	CHECK_STR(p.starts, "2026-11-10", "participation carries the session start");
	part_free(&p);

	EXPECT(part_request(db, &e1a, s_e1, sa, 0, &dummy, &e_), KE_EXISTS,
	       "Søren Ågård is already signed up for this session.", "duplicate request refused");
	EXPECT(part_request(db, &e1a, s_e2, sa, 0, &dummy, &e_), KE_DENIED, "Not allowed",
	       "employee cannot sign up a colleague");
	EXPECT(part_request(db, &bo, s_e2, sa, 0, &dummy, &e_), KE_DENIED, NULL,
	       "leader of another unit cannot sign up");
	EXPECT(part_request(db, &lea, s_e2, sa, 0, &r2, &e_), KE_OK, NULL, "leader signs up her employee");
	EXPECT(part_request(db, &admin, s_e3, sa, 0, &r3, &e_), KE_OK, NULL, "admin signs someone up");
	EXPECT(part_request(db, &e4a, s_e4, sa, 0, &r4, &e_), KE_OK, NULL, "fourth request");
	EXPECT(part_request(db, &f1a, s_f1, sa, 0, &r5, &e_), KE_OK, NULL, "request from the other team");
	EXPECT(part_request(db, &admin, s_e5, sa, 0, &dummy, &e_), KE_STATE,
	       "Eva Fisk is deactivated and cannot be signed up.", "inactive staff refused");
	EXPECT(part_request(db, &admin, s_e1, 99999, 0, &dummy, &e_), KE_NOTFOUND, "No such session.",
	       "unknown session");

	/* the deadline: the day itself is fine, the day after is not */
	today("2026-11-01");
	EXPECT(part_request(db, &e2a, s_e2, sb, 0, &dummy, &e_), KE_OK, NULL, "request on the deadline day");
	today("2026-11-02");
	EXPECT(part_request(db, &e1a, s_e1, sb, 0, &dummy, &e_), KE_STATE,
	       "The sign-up deadline for this session was 01-11-2026.", "request after the deadline refused");
	int64_t late;
	EXPECT(part_enrol(db, &lea, s_e1, sb, 0, &late, &e_), KE_OK, NULL, "leader enrols after the deadline");
	CHECK_STR(status_of(late), "enrolled", "leader's enrolment takes a seat");
	EXPECT(part_enrol(db, &e1a, s_e1, sc, 0, &dummy, &e_), KE_DENIED, NULL, "employee cannot enrol directly");
	today("2026-10-20");

	/* goals: only one of the person's own plans */
	char q[200];
	snprintf(q, sizeof q, "INSERT INTO plan(id, staff_id, year) VALUES (1, %lld, 2026);"
		 " INSERT INTO goal(id, plan_id, competence_id, what) VALUES (7, 1, 2, 'Konflikter');",
		 (long long)s_e2);
	sql(q);
	EXPECT(part_request(db, &e1a, s_e1, sc, 999, &dummy, &e_), KE_INVALID,
	       "The chosen goal is not in a development plan of Søren Ågård.", "unknown goal refused");
	EXPECT(part_request(db, &e1a, s_e1, sc, 7, &dummy, &e_), KE_INVALID, "not in a development plan",
	       "someone else's goal refused");
	EXPECT(part_request(db, &e2a, s_e2, sc, 7, &rc2, &e_), KE_OK, NULL, "request serving own goal");
	CHECK(q1("SELECT goal_id FROM participation WHERE id = ?", rc2) == 7, "goal stored");
}

static void test_decisions(void)
{
	kerr e = { 0 };
	EXPECT(part_approve(db, &e2a, r1, "", &e_), KE_DENIED, NULL, "employee cannot approve");
	EXPECT(part_approve(db, &e1a, r1, "", &e_), KE_DENIED, NULL, "nobody approves their own request");
	EXPECT(part_approve(db, &bo, r1, "", &e_), KE_DENIED, NULL, "leader of another unit cannot approve");
	EXPECT(part_reject(db, &lea, r1, "", &e_), KE_INVALID, "A reason is required when rejecting.",
	       "reject without reason refused");
	EXPECT(part_reject(db, &lea, r1, "   ", &e_), KE_INVALID, "A reason is required", "blank reason refused");
	CHECK_STR(status_of(r1), "requested", "refused decisions changed nothing");

	EXPECT(part_approve(db, &lea, r1, "God idé", &e_), KE_OK, NULL, "leader approves");
	CHECK_STR(status_of(r1), "enrolled", "approved into a free seat");
	CHECK(q1("SELECT decided_by FROM participation WHERE id = ?", r1) == s_lea, "decided_by is the leader");
	CHECK(q1("SELECT decided_at IS NOT NULL FROM participation WHERE id = ?", r1) == 1, "decided_at set");
	part_rec p;
	CHECK(part_get(db, &e1a, r1, &p, &e) == KE_OK, "person reads own participation");
	CHECK_STR(p.note, "God idé", "approval note stored");
	part_free(&p);

	EXPECT(part_approve(db, &lea, r2, NULL, &e_), KE_OK, NULL, "second approval");
	CHECK_STR(status_of(r2), "enrolled", "second seat (capacity 2)");
	EXPECT(part_approve(db, &admin, r3, NULL, &e_), KE_OK, NULL, "admin without staff record approves");
	CHECK(!strcmp(status_of(r3), "waitlisted") && wait_pos_of(r3) == 1, "past capacity: waiting list 1");
	CHECK(q1("SELECT decided_by FROM participation WHERE id = ?", r3) == -2, "decided_by NULL for the owner");
	EXPECT(part_approve(db, &lea, r4, NULL, &e_), KE_OK, NULL, "fourth approval");
	CHECK(!strcmp(status_of(r4), "waitlisted") && wait_pos_of(r4) == 2, "next in line: waiting list 2");
	CHECK(q1("SELECT count(*) FROM participation WHERE status = 'approved'", 0) == 0,
	      "'approved' is never left standing");

	EXPECT(part_approve(db, &lea, r1, NULL, &e_), KE_STATE,
	       "Only a request waiting for a decision can be approved (its status is Enrolled).",
	       "approving twice refused");
	EXPECT(part_reject(db, &lea, r5, "Ikke min", &e_), KE_DENIED, NULL, "leader cannot reject another team's");
	EXPECT(part_reject(db, &bo, r5, "Budgettet er brugt", &e_), KE_OK, NULL, "own leader rejects with reason");
	CHECK_STR(status_of(r5), "rejected", "rejected");
	CHECK(part_get(db, &f1a, r5, &p, &e) == KE_OK, "person reads the rejection");
	CHECK_STR(p.reason, "Budgettet er brugt", "reason stored");
	part_free(&p);
	EXPECT(part_approve(db, &bo, r5, NULL, &e_), KE_STATE, "its status is Rejected", "cannot approve a rejection");

	session_rec s;
	CHECK(session_get(db, &e1a, sa, &s, &e) == KE_OK && s.taken == 2 && s.waiting == 2 && s.requested == 0,
	      "session counts: 2 taken, 2 waiting (%d, %d, %d)", s.taken, s.waiting, s.requested);
	session_free(&s);
	EXPECT(session_save(db, &admin, &(session_rec){ .id = sa, .version = 1, .activity_id =
		q1("SELECT activity_id FROM session WHERE id = ?", sa), .starts = "2026-11-10",
		.ends = "2026-11-12", .capacity = 1 }, &e_), KE_STATE,
	       "2 people already have seats; capacity cannot be lower.", "capacity lowering below taken refused");

	/* a leader's own request is decided one level up: here only admin */
	int64_t own;
	EXPECT(part_request(db, &lea, s_lea, sc, 0, &own, &e_), KE_OK, NULL, "leader asks for herself");
	EXPECT(part_approve(db, &lea, own, NULL, &e_), KE_DENIED, NULL, "leader cannot approve herself");
	EXPECT(part_approve(db, &hr, own, NULL, &e_), KE_OK, NULL, "admin approves the leader");
	CHECK(q1("SELECT decided_by FROM participation WHERE id = ?", own) == s_hr, "decided_by the admin");
}

static void test_cancel(void)
{
	int64_t again;
	EXPECT(part_cancel(db, &e1a, r2, &e_), KE_DENIED, NULL, "employee cannot cancel a colleague's");
	EXPECT(part_cancel(db, &bo, r1, &e_), KE_DENIED, NULL, "other unit's leader cannot cancel");
	EXPECT(part_cancel(db, &e1a, r1, &e_), KE_OK, NULL, "person cancels own seat");
	CHECK_STR(status_of(r1), "cancelled", "cancelled");
	CHECK(!strcmp(status_of(r3), "enrolled") && wait_pos_of(r3) == 0, "first on the waiting list moved up");
	CHECK(!strcmp(status_of(r4), "waitlisted") && wait_pos_of(r4) == 2, "second still waiting");
	CHECK(q1("SELECT count(*) FROM audit WHERE tbl = 'participation' AND row_id = ?"
		 " AND action = 'update' AND new LIKE '%\"enrolled\"%' AND old LIKE '%\"waitlisted\"%'", r3) == 1,
	      "the move up is audited");
	EXPECT(part_cancel(db, &e1a, r1, &e_), KE_STATE, "(its status is Cancelled)", "cancel twice refused");
	EXPECT(part_request(db, &e1a, s_e1, sa, 0, &again, &e_), KE_OK, NULL, "asks again after cancelling");
	CHECK(again == r1 && !strcmp(status_of(r1), "requested"), "the same row is reused as a new request");
	EXPECT(part_cancel(db, &lea, r1, &e_), KE_OK, NULL, "leader cancels a request");
	EXPECT(part_cancel(db, &e4a, r4, &e_), KE_OK, NULL, "person leaves the waiting list");
	CHECK(!strcmp(status_of(r4), "cancelled") && wait_pos_of(r4) == 0, "off the waiting list");
	CHECK(!strcmp(status_of(r2), "enrolled") && !strcmp(status_of(r3), "enrolled"), "seats unchanged");
}

static void test_complete(void)
{
	kerr e = { 0 };
	int64_t x;
	EXPECT(part_complete(db, &e2a, r2, 0, &e_), KE_DENIED, NULL, "employee cannot complete");
	EXPECT(part_complete(db, &bo, r2, 0, &e_), KE_DENIED, NULL, "other unit's leader cannot complete");
	EXPECT(part_complete(db, &lea, rc2, 0, &e_), KE_STATE, "(its status is Requested)",
	       "a request cannot be completed");
	/* before the session has begun nobody has completed it, nor failed to come */
	EXPECT(part_complete(db, &lea, r2, 0, &e_), KE_STATE, "The session starts 10-11-2026: it can be marked completed",
	       "completing before the session starts is refused");
	EXPECT(part_complete(db, &lea, r3, 1, &e_), KE_STATE, "The session starts",
	       "and so is a no-show");
	CHECK_STR(status_of(r2), "enrolled", "still enrolled");
	today("2026-11-10");
	EXPECT(part_complete(db, &lea, r2, 0, &e_), KE_OK, NULL, "leader completes on the first day");
	CHECK_STR(status_of(r2), "completed", "completed");
	int64_t fu = q1("SELECT id FROM followup WHERE participation_id = ?", r2);
	CHECK(fu > 0, "completion created a follow-up");
	followup_rec f;
	CHECK(followup_get(db, &e2a, fu, &f, &e) == KE_OK, "person reads own follow-up");
	CHECK_STR(f.due, "2026-12-24", "course: due 6 weeks after the session ends");
	CHECK(f.staff_id == s_e2 && !f.done_at[0] && !f.overdue, "open, not overdue");
	followup_free(&f);
	EXPECT(part_complete(db, &lea, r2, 0, &e_), KE_STATE,
	       "Only an enrolled participation can be completed (its status is Completed).", "complete twice refused");
	EXPECT(part_complete(db, &lea, r3, 1, &e_), KE_OK, NULL, "no-show recorded");
	CHECK(!strcmp(status_of(r3), "noshow") &&
	      q1("SELECT count(*) FROM followup WHERE participation_id = ?", r3) == 0, "no-show: no follow-up");
	EXPECT(part_cancel(db, &lea, r2, &e_), KE_STATE, "its status is Completed", "completed cannot be cancelled");

	/* per method: theme day 4 weeks; without a row for the method, 6 */
	today("2026-11-20");
	EXPECT(part_approve(db, &lea, rc2, NULL, &e_), KE_OK, NULL, "approve theme day");
	EXPECT(part_complete(db, &lea, rc2, 0, &e_), KE_OK, NULL, "complete theme day");
	CHECK(q1("SELECT due = '2026-12-18' FROM followup WHERE participation_id = ?", rc2) == 1,
	      "theme day: due 4 weeks after");
	int64_t asked, put;
	EXPECT(part_request(db, &e4a, s_e4, sc, 0, &asked, &e_), KE_OK, NULL, "request before a direct enrolment");
	EXPECT(part_enrol(db, &lea, s_e4, sc, 0, &put, &e_), KE_OK, NULL, "leader enrols someone who asked");
	CHECK(put == asked && !strcmp(status_of(put), "enrolled"), "the open request is seated, not duplicated");
	sql("DELETE FROM method_followup WHERE method = 'theme_day'");
	EXPECT(part_enrol(db, &lea, s_e3, sc, 0, &x, &e_), KE_OK, NULL, "enrol for default delay");
	EXPECT(part_complete(db, &lea, x, 0, &e_), KE_OK, NULL, "complete without a method row");
	CHECK(q1("SELECT due = '2027-01-01' FROM followup WHERE participation_id = ?", x) == 1,
	      "missing method row: 6 weeks");
	today("2026-10-20");
}

static int64_t fu_of(int64_t staff, int64_t session)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int64_t v = 0;
	if (sqlite3_open(path, &h) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, "SELECT f.id FROM followup f JOIN participation p ON p.id = f.participation_id"
			       " WHERE p.staff_id = ? AND p.session_id = ?", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, staff);
		sqlite3_bind_int64(st, 2, session);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static int list_count(const kactor *who, int64_t staff, followup_rec **out)
{
	kerr e = { 0 };
	followup_rec *rows = NULL;
	int n = -1;
	kpage pg = { .staff_id = staff, .limit = 100 };
	if (followup_list(db, who, &pg, &rows, &n, &e))
		return -1;
	if (out)
		*out = rows;
	else
		followup_rows_free(rows, n);
	return n;
}

static void test_followup(void)
{
	kerr e = { 0 };
	int64_t fu = fu_of(s_e2, sa);
	followup_rec f;
	EXPECT(followup_get(db, &e1a, fu, &f, &e_), KE_DENIED, NULL, "colleague cannot read a follow-up");
	EXPECT(followup_get(db, &bo, fu, &f, &e_), KE_DENIED, NULL, "other unit's leader cannot read it");
	CHECK(followup_get(db, &e2a, fu, &f, &e) == KE_OK, "person opens the follow-up");
	int64_t v0 = f.version;
	free(f.learned); f.learned = strdup("At lytte før jeg handler");
	free(f.practice); f.practice = strdup("Faste samtaler\nhver fredag");
	free(f.shared_with); f.shared_with = strdup("Teamet");
	EXPECT(followup_save(db, &e2a, &f, 0, &e_), KE_OK, NULL, "person writes reflections");
	CHECK(f.version == v0 + 1, "version bumped");
	EXPECT(followup_save(db, &e2a, &f, 1, &e_), KE_DENIED, "Only your leader can close a follow-up.",
	       "person cannot close");
	followup_rec stale = f;
	stale.version = v0;
	EXPECT(followup_save(db, &e2a, &stale, 0, &e_), KE_CONFLICT, NULL, "stale follow-up version");
	free(f.leader_comment); f.leader_comment = strdup("Flot");
	EXPECT(followup_save(db, &e2a, &f, 0, &e_), KE_DENIED, "leader's comment", "person cannot write the comment");
	EXPECT(followup_save(db, &e1a, &f, 0, &e_), KE_DENIED, NULL, "colleague cannot write");
	EXPECT(followup_save(db, &bo, &f, 1, &e_), KE_DENIED, NULL, "other unit's leader cannot close");
	EXPECT(followup_save(db, &lea, &f, 1, &e_), KE_OK, NULL, "leader comments and closes");
	CHECK_STR(f.done_at, "2026-10-20", "done today");
	followup_free(&f);
	CHECK(followup_get(db, &e2a, fu, &f, &e) == KE_OK, "reread");
	CHECK_STR(f.done_at, "2026-10-20", "closed date stored");
	CHECK_STR(f.leader_comment, "Flot", "comment stored");
	CHECK_STR(f.practice, "Faste samtaler\nhver fredag", "practice stored");
	CHECK(q1("SELECT done_by FROM followup WHERE id = ?", fu) == s_lea, "done_by the leader");
	free(f.learned); f.learned = strdup("Ændret");
	EXPECT(followup_save(db, &e2a, &f, 0, &e_), KE_STATE, "closed", "person cannot change a closed one");
	followup_free(&f);

	/* closing needs content, and a staff record */
	int64_t fu3 = fu_of(s_e3, sc);
	CHECK(followup_get(db, &admin, fu3, &f, &e) == KE_OK, "admin opens a follow-up");
	EXPECT(followup_save(db, &lea, &f, 1, &e_), KE_INVALID, "Write what was learned", "empty one cannot close");
	free(f.leader_comment); f.leader_comment = strdup("Talt om det på mødet");
	EXPECT(followup_save(db, &admin, &f, 1, &e_), KE_INVALID, "no staff record", "owner without staff record");
	EXPECT(followup_save(db, &hr, &f, 1, &e_), KE_OK, NULL, "admin with a staff record closes");
	followup_free(&f);

	/* overdue and order: open first, by due date */
	today("2026-12-25");
	followup_rec *rows;
	int n = list_count(&admin, 0, &rows);
	CHECK(n == 3, "three follow-ups in all (%d)", n);
	if (n == 3) {
		CHECK(rows[0].participation_id == rc2 && rows[0].overdue, "open and past due first, overdue");
		CHECK(rows[1].done_at[0] && rows[2].done_at[0] && !rows[1].overdue && !rows[2].overdue,
		      "closed ones after, never overdue");
		CHECK(strcmp(rows[1].due, rows[2].due) <= 0, "closed ones by due date");
	}
	followup_rows_free(rows, n);
	today("2026-12-18");
	CHECK(followup_get(db, &e2a, fu_of(s_e2, sc), &f, &e) == KE_OK && !f.overdue, "due today is not overdue");
	followup_free(&f);
	today("2026-10-20");

	CHECK(list_count(&e2a, 0, NULL) == 2, "person sees own two");
	CHECK(list_count(&e1a, 0, NULL) == 0, "colleague sees none");
	CHECK(list_count(&lea, 0, NULL) == 3, "leader sees her team's three");
	CHECK(list_count(&lea, s_e2, NULL) == 2, "leader: one person's");
	CHECK(list_count(&bo, 0, NULL) == 0, "other unit's leader sees none");

	for (int back = 0; back < 2; back++) {
		kpage pg = { .limit = 1, .backward = back };
		char key[64] = "";
		int got = 0, dup = 0;
		int64_t seen[8] = { 0 };
		for (int guard = 0; guard < 10; guard++) {
			pg.after_key = key[0] ? key : NULL;
			if (followup_list(db, &admin, &pg, &rows, &n, &e) || n == 0) {
				followup_rows_free(rows, n);
				break;
			}
			for (int i = 0; i < got; i++)
				dup += seen[i] == rows[0].id;
			if (got < 8)
				seen[got] = rows[0].id;
			got++;
			snprintf(key, sizeof key, "%s", rows[0].sort_key);
			pg.after_id = rows[0].id;
			followup_rows_free(rows, n);
		}
		CHECK(got == 3 && !dup, "follow-ups one at a time %s: each once", back ? "backward" : "forward");
	}
}

static int list_parts(const kactor *who, kpage pg, part_rec **out)
{
	kerr e = { 0 };
	part_rec *rows = NULL;
	int n = -1;
	if (part_list(db, who, &pg, &rows, &n, &e)) {
		printf("# part_list: %s\n", e.msg);
		return -1;
	}
	if (out)
		*out = rows;
	else
		part_rows_free(rows, n);
	return n;
}

static void test_list(void)
{
	kerr e = { 0 };
	part_rec *rows;
	int n = list_parts(&admin, (kpage){ .parent_id = sa, .limit = 50 }, &rows);
	const char *want[] = { "Anna Berg", "Carl Dahl", "Dorte Eriksen", "Frida Holm", "Søren Ågård" };
	int ok = n == 5;
	for (int i = 0; ok && i < n; i++)
		ok = !strcmp(rows[i].staff_name, want[i]);
	CHECK(ok, "one session's participants by name, Å last (%d)", n);
	part_rows_free(rows, n);

	int all = list_parts(&admin, (kpage){ .year = 2026, .limit = 500 }, NULL);
	CHECK(all == (int)q1("SELECT count(*) FROM participation", 0), "admin sees every participation of 2026 (%d)", all);
	CHECK(list_parts(&admin, (kpage){ .year = 2027, .limit = 500 }, NULL) == 0, "none in 2027");
	CHECK(list_parts(&e1a, (kpage){ .year = 2026, .limit = 500 }, NULL) ==
	      (int)q1("SELECT count(*) FROM participation WHERE staff_id = ?", s_e1), "employee sees only own");
	CHECK(list_parts(&bo, (kpage){ .limit = 500 }, NULL) == 1, "other leader sees only Frida's");
	CHECK(list_parts(&lea, (kpage){ .limit = 500 }, NULL) ==
	      (int)q1("SELECT count(*) FROM participation p JOIN staff s ON s.id = p.staff_id"
		      " WHERE s.unit_id = 3 AND ? > 0", s_lea), "leader sees her team and her own");
	CHECK(list_parts(&admin, (kpage){ .staff_id = s_e2, .limit = 500 }, NULL) == 3, "one person's (Anna: 3)");
	CHECK(list_parts(&admin, (kpage){ .filter = "soren", .limit = 500 }, NULL) ==
	      (int)q1("SELECT count(*) FROM participation WHERE staff_id = ?", s_e1), "filter on the name, accents folded");

	part_rec p;
	EXPECT(part_get(db, &e1a, r2, &p, &e_), KE_DENIED, NULL, "colleague cannot read a participation");
	EXPECT(part_get(db, &lea, r5, &p, &e_), KE_DENIED, NULL, "leader cannot read another team's");
	EXPECT(part_get(db, &admin, 99999, &p, &e_), KE_NOTFOUND, NULL, "unknown participation");

	for (int back = 0; back < 2; back++) {
		kpage pg = { .year = 2026, .limit = 2, .backward = back };
		char *key = NULL, *prev = NULL;
		int got = 0, ordered = 1;
		static int seen[200];
		memset(seen, 0, sizeof seen);
		for (int guard = 0; guard < 100; guard++) {
			pg.after_key = key;
			if (part_list(db, &admin, &pg, &rows, &n, &e) || n == 0) {
				part_rows_free(rows, n);
				break;
			}
			for (int i = 0; i < n; i++) {
				if (rows[i].id < 200)
					seen[rows[i].id]++;
				if (i && strcmp(rows[i - 1].sort_key, rows[i].sort_key) > 0)
					ordered = 0;
			}
			got += n;
			int edge = back ? 0 : n - 1;
			free(key);
			key = strdup(rows[edge].sort_key);
			pg.after_id = rows[edge].id;
			part_rows_free(rows, n);
		}
		free(key);
		free(prev);
		int once = 1;
		for (int i = 0; i < 200; i++)
			once &= seen[i] <= 1;
		CHECK(got == all && once && ordered, "participations two at a time %s: each once (%d of %d)",
		      back ? "backward" : "forward", got, all);
	}
}

/* Two processes approve two requests for the last free seat at once. */
static void test_race(void)
{
	kerr e = { 0 };
	int64_t seated, ra, rb;
	EXPECT(part_enrol(db, &lea, s_e4, sd, 0, &seated, &e_), KE_OK, NULL, "one of two seats taken");
	EXPECT(part_request(db, &e1a, s_e1, sd, 0, &ra, &e_), KE_OK, NULL, "first request for the last seat");
	EXPECT(part_request(db, &e2a, s_e2, sd, 0, &rb, &e_), KE_OK, NULL, "second request for the last seat");
	db_close(db);
	db = NULL;
	fflush(stdout);

	int go[2];
	CHECK(pipe(go) == 0, "pipe");
	pid_t kids[2];
	int64_t ids[2] = { ra, rb };
	for (int i = 0; i < 2; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			close(go[1]);
			kdb *cdb = NULL;
			kerr ce = { 0 };
			int bad = db_open(path, 0, &cdb, &ce) != KE_OK;
			char b;
			/* blocks until the parent closes its end: both start together */
			if (read(go[0], &b, 1) < 0)
				bad = 1;
			if (!bad)
				bad = part_approve(cdb, &lea, ids[i], NULL, &ce) != KE_OK;
			if (bad)
				fprintf(stderr, "child %d: %s\n", i, ce.msg);
			db_close(cdb);
			close(go[0]);
			i18n_done();
			_exit(bad);
		}
		CHECK(kids[i] > 0, "fork %d", i);
	}
	close(go[0]);
	usleep(200000); /* let both children open the database and block */
	close(go[1]);
	int okc = 0;
	for (int i = 0; i < 2; i++) {
		int st = 0;
		if (kids[i] > 0 && waitpid(kids[i], &st, 0) == kids[i] && WIFEXITED(st) && WEXITSTATUS(st) == 0)
			okc++;
	}
	CHECK(okc == 2, "both children reported success");
	CHECK(db_open(path, 0, &db, &e) == KE_OK, "reopen (%s)", e.msg);
	char a[16], b[16];
	snprintf(a, sizeof a, "%s", status_of(ra));
	snprintf(b, sizeof b, "%s", status_of(rb));
	int one_each = (!strcmp(a, "enrolled") && !strcmp(b, "waitlisted") && wait_pos_of(rb) == 1) ||
		       (!strcmp(b, "enrolled") && !strcmp(a, "waitlisted") && wait_pos_of(ra) == 1);
	CHECK(one_each, "exactly one got the seat, the other waits (%s, %s)", a, b);
	session_rec s;
	CHECK(session_get(db, &admin, sd, &s, &e) == KE_OK && s.taken == 2 && s.waiting == 1,
	      "never overbooked (taken %d of %d)", s.taken, s.capacity);
	session_free(&s);
}

static void test_names(void)
{
	i18n_set(LANG_DA);
	kerr e = { 0 };
	part_cancel(db, &lea, r4, &e);
	CHECK(strstr(e.msg, "(status er Afmeldt)") != NULL, "Danish refusal names the status: %s", e.msg);
	int64_t dummy;
	today("2026-11-02");
	part_request(db, &e4a, s_e4, sb, 0, &dummy, &e);
	CHECK(strstr(e.msg, "01-11-2026") != NULL, "Danish deadline message shows the Danish date: %s", e.msg);
	today("2026-10-20");
	i18n_set(LANG_EN);
}

/* Deactivation with a last working day: the seats and requests after it
 * go (the waiting list moves up), the leadership ends on it, all in one
 * audited write; those before it stay. */
static void test_leaving(void)
{
	kerr e = { 0 };
	sql("INSERT INTO unit(id, parent_id, name, kind, sort_key) VALUES (5, 2, 'Team Øst', 'team', 'to')");
	int64_t s_gert = add_staff("gert", "Gert Lund", 5, ROLE_LEADER, NULL);
	int64_t s_hans = add_staff("hans", "Hans Vig", 5, ROLE_EMPLOYEE, NULL);
	char q[200];
	snprintf(q, sizeof q, "INSERT INTO unit_leader(unit_id, staff_id, since) VALUES (5, %lld, '2024-01-01')",
		 (long long)s_gert);
	sql(q);
	today("2026-12-01");
	int64_t act = add_activity("Afsked og overlevering", "course", 900);
	int64_t before = add_session(act, "2026-12-10", "2026-12-10", "", 1);
	int64_t after = add_session(act, "2027-01-15", "2027-01-15", "", 1);
	int64_t later = add_session(act, "2027-02-01", "2027-02-01", "", 5);
	int64_t p_before, p_after, p_hans, p_later;
	EXPECT(part_enrol(db, &admin, s_gert, before, 0, &p_before, &e_), KE_OK, NULL, "Gert has a seat in December");
	EXPECT(part_enrol(db, &admin, s_gert, after, 0, &p_after, &e_), KE_OK, NULL, "and one in January");
	EXPECT(part_enrol(db, &admin, s_hans, after, 0, &p_hans, &e_), KE_OK, NULL, "Hans waits for January");
	EXPECT(part_request(db, &admin, s_gert, later, 0, &p_later, &e_), KE_OK, NULL, "Gert asks for February");
	CHECK_STR(status_of(p_hans), "waitlisted", "Hans is on the waiting list");

	staff_leaving l;
	CHECK(staff_leaving_get(db, &lea, s_gert, "2026-12-31", &l, &e) == KE_DENIED, "a leader may not ask");
	CHECK(staff_leaving_get(db, &admin, s_gert, "2026-12-31", &l, &e) == KE_OK && l.seats == 2 &&
	      !strcmp(l.units, "Team Øst"), "leaving on 31-12: two places after it, and Team Øst (%d, %s)", l.seats,
	      l.units ? l.units : "");
	free(l.units);
	int64_t v = q1("SELECT version FROM staff WHERE id = ?", s_gert);
	EXPECT(staff_deactivate(db, &lea, s_gert, v, "2026-12-31", &e_), KE_DENIED, NULL, "a leader cannot deactivate");
	EXPECT(staff_deactivate(db, &admin, s_gert, v - 1, "2026-12-31", &e_), KE_CONFLICT, NULL,
	       "a stale version is a conflict");
	CHECK_STR(status_of(p_after), "enrolled", "and nothing changed");
	EXPECT(staff_deactivate(db, &admin, s_hans, q1("SELECT version FROM staff WHERE id = ?", s_hans),
				"2019-12-31", &e_), KE_INVALID, "before employed from", "not before the first day employed");
	EXPECT(staff_deactivate(db, &admin, s_gert, v, "2026-12-31", &e_), KE_OK, NULL, "Gert leaves on 31-12-2026");
	CHECK(q1("SELECT active = 0 AND employed_to = '2026-12-31' FROM staff WHERE id = ?", s_gert) == 1,
	      "deactivated, the last working day stored");
	CHECK_STR(status_of(p_before), "enrolled", "his December seat stays");
	CHECK_STR(status_of(p_after), "cancelled", "his January seat is cancelled");
	CHECK_STR(status_of(p_later), "cancelled", "and his February request");
	CHECK_STR(status_of(p_hans), "enrolled", "Hans moves up into the January seat");
	CHECK(q1("SELECT until = '2026-12-31' FROM unit_leader WHERE staff_id = ?", s_gert) == 1,
	      "his leadership ends on his last day");
	CHECK(q1("SELECT count(*) FROM audit WHERE tbl = 'participation' AND login = 'owner'"
		 " AND json_extract(new, '$.status') = 'cancelled' AND json_extract(new, '$.staff_id') = ?", s_gert) == 2,
	      "each cancellation is audited");
	CHECK(q1("SELECT count(*) FROM audit WHERE tbl = 'unit_leader' AND action = 'update'"
		 " AND json_extract(new, '$.until') = '2026-12-31' AND json_extract(new, '$.staff_id') = ?", s_gert) == 1,
	      "so is the end of his leadership");
	CHECK(q1("SELECT count(*) FROM audit WHERE tbl = 'staff' AND row_id = ? AND json_extract(new, '$.active') = 0"
		 " AND json_extract(new, '$.employed_to') = '2026-12-31'", s_gert) == 1, "and the deactivation");
	v = q1("SELECT version FROM staff WHERE id = ?", s_gert);
	EXPECT(staff_deactivate(db, &admin, s_gert, v, "2026-12-31", &e_), KE_STATE, "already deactivated",
	       "deactivating twice is refused");
	EXPECT(staff_set_active(db, &admin, s_gert, v, 1, &e_), KE_OK, NULL, "reactivation still works");
	CHECK(q1("SELECT active FROM staff WHERE id = ?", s_gert) == 1, "Gert is active again");
	today("2026-10-20");
}

int main(void)
{
	i18n_set(LANG_EN);
	snprintf(dir, sizeof dir, "/tmp/kup-test-part.XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/t.db", dir);
	setup();
	if (db) {
		test_request();
		test_decisions();
		test_cancel();
		test_complete();
		test_followup();
		test_list();
		test_names();
		test_leaving();
		test_race();
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
