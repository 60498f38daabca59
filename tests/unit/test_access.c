/* Unit tests for src/db/db_access.c: who read whose plan. A leader reading
 * a plan or its goals is noted (one row per kind within ten minutes, also
 * across connections), the person reading their own is not, the notes are
 * written at a flush and at db_close, the person and admins may read the
 * log and a leader may not, and old rows are pruned. */
#include "t.h"

#include <sqlite3.h>
#include <stdint.h>
#include <unistd.h>

#include "db.h"
#include "db_access.h"
#include "db_plan.h"
#include "db_report.h"
#include "db_staff.h"
#include "i18n.h"

static kdb *db;
static sqlite3 *raw;
static kactor admin;
static char path[128];

static int64_t raw_int(const char *sql, const char *a, int64_t b)
{
	sqlite3_stmt *st = NULL;
	int64_t out = -1;
	if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) != SQLITE_OK) {
		printf("# raw prepare: %s\n", sqlite3_errmsg(raw));
		return -1;
	}
	int np = sqlite3_bind_parameter_count(st);
	if (np >= 1) sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (np >= 2) sqlite3_bind_int64(st, 2, b);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		out = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		out = sqlite3_last_insert_rowid(raw);
	else
		printf("# raw step: %s\n", sqlite3_errmsg(raw));
	sqlite3_finalize(st);
	return out;
}

/* Rows in the log by reader login about person subject (what: NULL any). */
static int64_t rows(const char *reader, int64_t subject)
{
	return raw_int("SELECT count(*) FROM access_log WHERE reader = ?1 AND subject_id = ?2", reader, subject);
}

static int64_t rows_what(const char *what, int64_t subject)
{
	return raw_int("SELECT count(*) FROM access_log WHERE what = ?1 AND subject_id = ?2", what, subject);
}

static int64_t add_staff(const char *login, const char *name, int64_t unit, krole role)
{
	staff_rec s = { 0 };
	s.login = (char *)login;
	s.name = (char *)name;
	s.initials = (char *)"X";
	s.unit_id = unit;
	s.role = role;
	kerr e = { 0 };
	if (staff_save(db, &admin, &s, &e)) {
		printf("# staff_save %s: %s\n", name, e.msg);
		return -1;
	}
	return s.id;
}

static kactor actor(kdb *d, const char *login)
{
	kactor a;
	kerr e = { 0 };
	memset(&a, 0, sizeof a);
	if (db_actor_for_login(d, login, 0, &a, &e))
		printf("# actor %s: %s\n", login, e.msg);
	return a;
}

static int64_t u_nord, u_team, s_nord, s_soren, s_bo, plan_id;

static void build(void)
{
	u_nord = raw_int("INSERT INTO unit(name, kind, sort_key) VALUES (?1, 'institution', ?1)", "Skole Nord", 0);
	u_team = raw_int("INSERT INTO unit(parent_id, name, kind, sort_key) VALUES (?2, ?1, 'team', ?1)", "Team A", u_nord);
	s_nord = add_staff("nord", "Niels Nord", u_nord, ROLE_LEADER);
	s_soren = add_staff("soren", "Søren Ågård", u_team, ROLE_EMPLOYEE);
	s_bo = add_staff("bo", "Bo Berg", u_team, ROLE_EMPLOYEE);
	char sql[160];
	snprintf(sql, sizeof sql, "INSERT INTO unit_leader(unit_id, staff_id, since) VALUES (%lld, ?2, '2020-01-01')",
		 (long long)u_nord);
	raw_int(sql, NULL, s_nord);
	kerr e = { 0 };
	plan_rec p = { 0 };
	p.staff_id = s_soren;
	p.year = 2026;
	CHECK(plan_save(db, &admin, &p, &e) == KE_OK, "a plan for Søren (%s)", e.msg);
	plan_id = p.id;
	goal_rec g = { 0 };
	g.plan_id = plan_id;
	g.competence_id = 2;
	g.what = (char *)"Lede forældremøder";
	CHECK(goal_save(db, &admin, &g, &e) == KE_OK, "a goal in it (%s)", e.msg);
	CHECK(s_nord > 0 && s_soren > 0 && s_bo > 0, "organisation built");
}

static void test_note(void)
{
	kerr e = { 0 };
	kactor nord = actor(db, "nord"), soren = actor(db, "soren");
	plan_rec p;
	goal_rec *g;
	int n;

	CHECK(plan_get(db, &soren, plan_id, &p, &e) == KE_OK, "the person reads their plan");
	plan_free(&p);
	CHECK(goal_list(db, &soren, plan_id, &g, &n, &e) == KE_OK, "and its goals");
	goal_rows_free(g, n);
	CHECK(access_log_flush(db, &e) == KE_OK, "flush (%s)", e.msg);
	CHECK(rows("soren", s_soren) == 0, "reading one's own plan is not logged");

	CHECK(plan_get(db, &nord, plan_id, &p, &e) == KE_OK, "the leader reads the plan");
	plan_free(&p);
	CHECK(rows("nord", s_soren) == 0, "not written before a flush");
	CHECK(access_log_flush(db, &e) == KE_OK, "flush (%s)", e.msg);
	CHECK(rows("nord", s_soren) == 1, "the leader's reading is one row");
	CHECK(raw_int("SELECT count(*) FROM access_log WHERE reader = ?1 AND reader_id = ?2 AND what = 'plan'"
		      " AND at > datetime('now', '-1 minute')", "nord", s_nord) == 1,
	      "with the reader's login and id, 'plan' and the time (UTC)");

	for (int i = 0; i < 3; i++) {
		CHECK(plan_find(db, &nord, s_soren, 2026, &p, &e) == KE_OK, "read again (%d)", i);
		plan_free(&p);
	}
	CHECK(access_log_flush(db, &e) == KE_OK, "flush");
	CHECK(rows("nord", s_soren) == 1, "reading it again within ten minutes adds nothing");

	CHECK(goal_list(db, &nord, plan_id, &g, &n, &e) == KE_OK && n == 1, "the leader reads the goals");
	goal_rows_free(g, n);
	CHECK(access_log_flush(db, &e) == KE_OK, "flush");
	CHECK(rows_what("goal", s_soren) == 1, "the goals are a row of their own");

	/* another session of the same leader: its own memory is empty, the
	 * table still dedupes */
	kdb *db2 = NULL;
	CHECK(db_open(path, 0, &db2, &e) == KE_OK, "a second connection (%s)", e.msg);
	if (db2) {
		kactor nord2 = actor(db2, "nord");
		CHECK(plan_get(db2, &nord2, plan_id, &p, &e) == KE_OK, "the leader reads it in another session");
		plan_free(&p);
		access_log_note(db2, &nord2, s_soren, ACC_EXPORT);
		db_close(db2);
	}
	CHECK(rows_what("plan", s_soren) == 1, "the other session's reading within ten minutes adds nothing");
	CHECK(rows_what("export", s_soren) == 1, "db_close wrote the waiting export note");

	/* ten minutes later the same reading is a new row */
	raw_int("UPDATE access_log SET at = datetime(at, '-11 minutes') WHERE subject_id = ?2", NULL, s_soren);
	kdb *db3 = NULL;
	CHECK(db_open(path, 0, &db3, &e) == KE_OK, "a third connection");
	if (db3) {
		kactor nord3 = actor(db3, "nord");
		CHECK(plan_get(db3, &nord3, plan_id, &p, &e) == KE_OK, "read again after eleven minutes");
		plan_free(&p);
		db_close(db3);
	}
	CHECK(rows_what("plan", s_soren) == 2, "is a new row");
}

static void test_list(void)
{
	kerr e = { 0 };
	kactor nord = actor(db, "nord"), soren = actor(db, "soren"), bo = actor(db, "bo");
	kpage pg = { .limit = 10 };
	access_rec *r;
	int n;
	CHECK(access_log_list(db, &soren, s_soren, &pg, &r, &n, &e) == KE_OK, "the person reads their log (%s)", e.msg);
	CHECK(n == 4, "four rows: %d", n);
	if (n == 4) {
		CHECK_STR(r[0].reader, "nord", "newest first, the leader's login");
		CHECK_STR(r[0].reader_name, "Niels Nord", "and name");
		CHECK_STR(r[0].what, "plan", "the newest is the plan read again");
		CHECK(r[0].reader_id == s_nord, "the reader's id");
	}
	access_rows_free(r, n);
	pg.limit = 2;
	CHECK(access_log_list(db, &admin, s_soren, &pg, &r, &n, &e) == KE_OK && n == 2, "an admin reads it, by page");
	if (n == 2) {
		pg.after_key = r[1].sort_key;
		pg.after_id = r[1].id;
		access_rec *r2;
		int n2;
		CHECK(access_log_list(db, &admin, s_soren, &pg, &r2, &n2, &e) == KE_OK && n2 == 2, "the next page");
		if (n2 == 2)
			CHECK(r2[0].id < r[1].id, "continues after the first page");
		access_rows_free(r2, n2);
	}
	access_rows_free(r, n);
	pg = (kpage){ .limit = 10 };
	CHECK(access_log_list(db, &nord, s_soren, &pg, &r, &n, &e) == KE_DENIED, "the leader may not read it");
	CHECK(access_log_list(db, &bo, s_soren, &pg, &r, &n, &e) == KE_DENIED, "a colleague may not");
}

/* A report's people behind a competence area show their goals' texts. */
static void test_report(void)
{
	kerr e = { 0 };
	kactor nord = actor(db, "nord");
	plan_rec p = { 0 };
	p.staff_id = s_bo;
	p.year = 2026;
	CHECK(plan_save(db, &admin, &p, &e) == KE_OK, "a plan for Bo (%s)", e.msg);
	goal_rec g = { 0 };
	g.plan_id = p.id;
	g.competence_id = 2;
	g.what = (char *)"Skrive bedre elevplaner";
	CHECK(goal_save(db, &admin, &g, &e) == KE_OK, "a goal in it (%s)", e.msg);
	CHECK(rows("nord", s_bo) == 0, "the leader has not read Bo's plan");
	kpage pg = { .limit = 50 };
	report_item *it;
	int n;
	CHECK(report_items(db, &nord, REP_COMPETENCES, 2026, 0, NULL, &pg, &it, &n, &e) == KE_OK,
	      "the leader drills down into the competences report (%s)", e.msg);
	int bo = 0;
	for (int i = 0; i < n; i++)
		bo += it[i].staff_id == s_bo;
	report_items_free(it, n);
	CHECK(bo == 1, "Bo's goal is among its people");
	CHECK(access_log_flush(db, &e) == KE_OK, "flush");
	CHECK(raw_int("SELECT count(*) FROM access_log WHERE reader = ?1 AND subject_id = ?2 AND what = 'goal'",
		      "nord", s_bo) == 1, "the drill-down is a reading of Bo's goals");
}

static void test_prune(void)
{
	kerr e = { 0 };
	kactor nord = actor(db, "nord");
	raw_int("INSERT INTO access_log(at, reader_id, reader, subject_id, what)"
		" VALUES ('2026-01-01 10:00:00', NULL, ?1, ?2, 'plan')", "hr", s_bo);
	raw_int("INSERT INTO access_log(at, reader_id, reader, subject_id, what)"
		" VALUES ('2026-11-30 10:00:00', NULL, ?1, ?2, 'plan')", "hr", s_bo);
	CHECK(access_log_prune(db, &nord, "2026-12-08 12:00:00", 30, &e) == KE_DENIED, "a leader may not prune");
	CHECK(access_log_prune(db, &admin, "2026-12-08 12:00:00", 0, &e) == KE_INVALID, "zero days refused");
	CHECK(access_log_prune(db, &admin, "2026-12-08 12:00:00", 30, &e) == KE_OK, "prune");
	CHECK_STR(e.msg, "Deleted 1 rows older than 30 days from the access log.", "one row older than 30 days went");
	CHECK(access_log_days(db) == 365, "kept 365 days when kup.conf does not say");
	access_log_set_days(db, 30);
	CHECK(access_log_days(db) == 30, "or as set");
	CHECK(rows("hr", s_bo) == 1, "the recent one stays");
	CHECK(rows("nord", s_soren) >= 2, "today's rows stay");
}

int main(void)
{
	i18n_set(LANG_EN);
	char dir[] = "/tmp/kup-test-access.XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/t.db", dir);
	kerr e = { 0 };
	CHECK(db_open(path, DB_OPEN_CREATE, &db, &e) == KE_OK, "create database (%s)", e.msg);
	if (!db)
		return t_done();
	CHECK(sqlite3_open(path, &raw) == SQLITE_OK, "second connection");
	sqlite3_busy_timeout(raw, 5000);
	db_actor_local_admin(&admin, "hr");

	build();
	test_note();
	test_list();
	test_report();
	test_prune();

	sqlite3_close(raw);
	db_close(db);
	char f[160];
	const char *suffix[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		snprintf(f, sizeof f, "%s%s", path, suffix[i]);
		unlink(f);
	}
	rmdir(dir);
	i18n_done();
	return t_done();
}
