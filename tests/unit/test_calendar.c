/* test_calendar.c — which participations are days in a calendar
 * (db_calendar.c): seats (enrolled, completed, no-show) in; requests,
 * waiting places and rejections out; a cancelled seat in, as cancelled,
 * only while its session is not over; the version grows with the session
 * and the seat; one participation without a seat refused for its state;
 * a session with and without the acting person's own seat. */
#include "db.h"
#include "db_activity.h"
#include "db_calendar.h"
#include "db_org.h"
#include "db_part.h"
#include "db_staff.h"
#include "i18n.h"
#include "t.h"

#include <sqlite3.h>
#include <unistd.h>

static char dir[64], path[128];
static kdb *db;
static kactor owner, emma;
static int64_t s_emma, activity;

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

static int64_t new_session(const char *starts, const char *ends, const char *place)
{
	kerr e = { 0 };
	session_rec s = { 0 };
	s.activity_id = activity;
	snprintf(s.starts, sizeof s.starts, "%s", starts);
	snprintf(s.ends, sizeof s.ends, "%s", ends);
	s.place = (char *)place;
	s.capacity = 20;
	CHECK(session_save(db, &owner, &s, &e) == KE_OK, "session %s (%s)", starts, e.msg);
	return s.id;
}

/* Emma on a new session, then put in the status (as the cycle would). */
static int64_t seat(const char *starts, const char *ends, const char *status, int64_t *session)
{
	kerr e = { 0 };
	int64_t id = 0;
	*session = new_session(starts, ends, "Rådhuset, sal 2");
	CHECK(part_enrol(db, &owner, s_emma, *session, 0, &id, &e) == KE_OK, "Emma on %s (%s)", starts, e.msg);
	char q[200];
	if (!strcmp(status, "waitlisted"))
		snprintf(q, sizeof q, "UPDATE participation SET status = 'waitlisted', wait_pos = 1 WHERE id = %lld", (long long)id);
	else if (!strcmp(status, "rejected"))
		snprintf(q, sizeof q, "UPDATE participation SET status = 'rejected', reason = 'fuld' WHERE id = %lld", (long long)id);
	else
		snprintf(q, sizeof q, "UPDATE participation SET status = '%s' WHERE id = %lld", status, (long long)id);
	sql(q);
	return id;
}

static const cal_row *find(const cal_row *r, int n, int64_t session)
{
	for (int i = 0; i < n; i++)
		if (r[i].session_id == session)
			return &r[i];
	return NULL;
}

static void test_calendar(void)
{
	kerr e = { 0 };
	int64_t s_enr, s_done, s_noshow, s_req, s_wait, s_rej, s_canc_next, s_canc_past, s_other;
	int64_t p_enr = seat("2026-09-01", "2026-09-02", "enrolled", &s_enr);
	seat("2026-02-02", "2026-02-02", "completed", &s_done);
	seat("2026-02-09", "2026-02-09", "noshow", &s_noshow);
	int64_t p_req = seat("2026-10-01", "2026-10-01", "requested", &s_req);
	seat("2026-10-02", "2026-10-02", "waitlisted", &s_wait);
	seat("2026-10-03", "2026-10-03", "rejected", &s_rej);
	seat("2026-11-01", "2026-11-03", "cancelled", &s_canc_next);
	seat("2026-01-05", "2026-01-06", "cancelled", &s_canc_past);
	s_other = new_session("2026-12-01", "2026-12-01", "");

	cal_row *r;
	int n = 0;
	CHECK(cal_person(db, &emma, s_emma, &r, &n, &e) == KE_OK, "Emma reads her calendar (%s)", e.msg);
	CHECK(n == 4, "four sessions: enrolled, completed, no-show, and the cancelled one to come (%d)", n);
	CHECK(find(r, n, s_enr) && find(r, n, s_done) && find(r, n, s_noshow), "... the seats");
	CHECK(!find(r, n, s_req) && !find(r, n, s_wait) && !find(r, n, s_rej), "... no request, waiting place or rejection");
	CHECK(!find(r, n, s_canc_past), "... no seat given up on a session that is over");
	const cal_row *c = find(r, n, s_canc_next);
	CHECK(c && c->cancelled && !strcmp(c->status, "cancelled"), "... the seat given up on one to come, as cancelled");
	const cal_row *x = find(r, n, s_enr);
	CHECK(x && !x->cancelled && !strcmp(x->title, "Konflikthåndtering") && !strcmp(x->place, "Rådhuset, sal 2") &&
	      !strcmp(x->provider, "Pædagogisk Center") && !strcmp(x->starts, "2026-09-01") && !strcmp(x->ends, "2026-09-02"),
	      "... with the activity's title and provider, the place and the days");
	int ordered = 1;
	for (int i = 1; i < n; i++)
		ordered &= strcmp(r[i - 1].starts, r[i].starts) <= 0;
	CHECK(ordered, "... by start");
	int64_t v0 = x ? x->version : 0;
	cal_rows_free(r, n);

	char q[200];
	snprintf(q, sizeof q, "UPDATE session SET version = version + 1 WHERE id = %lld", (long long)s_enr);
	sql(q);
	cal_row one;
	CHECK(cal_part(db, &emma, p_enr, &one, &e) == KE_OK && one.version == v0 + 1 && one.part_id == p_enr,
	      "a change of the session raises the version (%lld -> %lld)", (long long)v0, (long long)one.version);
	cal_free(&one);
	CHECK(cal_part(db, &emma, p_req, &one, &e) == KE_STATE, "a request has no days: refused for its state (%s)", e.msg);
	cal_free(&one);

	CHECK(cal_session(db, &emma, s_enr, &one, &e) == KE_OK && one.part_id == p_enr && one.version == v0 + 1,
	      "a session Emma holds a seat on is her seat's event");
	cal_free(&one);
	CHECK(cal_session(db, &emma, s_other, &one, &e) == KE_OK && one.part_id == 0 && one.version == 1 &&
	      !one.cancelled && !strcmp(one.status, ""), "a session she is not on is the session alone");
	cal_free(&one);
	CHECK(cal_session(db, &emma, 999999, &one, &e) == KE_NOTFOUND, "no such session");
	cal_free(&one);
}

int main(void)
{
	kerr e = { 0 };
	i18n_init("en");
	setenv("KUP_TODAY", "2026-03-01", 1);
	snprintf(dir, sizeof dir, "/tmp/kup-cal.XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/cal.db", dir);
	CHECK(db_open(path, DB_OPEN_CREATE, &db, &e) == KE_OK, "create database (%s)", e.msg);
	db_actor_local_admin(&owner, "owner");
	unit_rec u = { 0 };
	u.name = (char *)"Skolen";
	snprintf(u.kind, sizeof u.kind, "institution");
	CHECK(unit_save(db, &owner, &u, &e) == KE_OK, "unit (%s)", e.msg);
	free(u.sort_key);
	staff_rec s = { 0 };
	s.login = (char *)"emma";
	s.name = (char *)"Emma Ærø";
	s.initials = (char *)"EÆ";
	s.unit_id = u.id;
	s.role = ROLE_EMPLOYEE;
	CHECK(staff_save(db, &owner, &s, &e) == KE_OK, "Emma (%s)", e.msg);
	s_emma = s.id;
	CHECK(db_actor_for_login(db, "emma", 0, &emma, &e) == KE_OK, "Emma logs in (%s)", e.msg);
	activity_rec a = { 0 };
	a.title = (char *)"Konflikthåndtering";
	a.provider = (char *)"Pædagogisk Center";
	snprintf(a.method, sizeof a.method, "course");
	a.ects = a.hours = -1;
	CHECK(activity_save(db, &owner, &a, &e) == KE_OK, "activity (%s)", e.msg);
	activity = a.id;
	test_calendar();
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
