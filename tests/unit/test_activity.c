/* test_activity.c — the activity catalogue and sessions: validation, roles,
 * links, version conflicts, filters and keyset paging. */
#include "db.h"
#include "db_activity.h"
#include "db_part.h"
#include "db_staff.h"
#include "i18n.h"
#include "t.h"

#include <sqlite3.h>
#include <unistd.h>

static char dir[64], path[128];
static kdb *db;
static kactor admin, emp;

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

static int64_t add_staff(const char *login, const char *name, int64_t unit, krole role)
{
	kerr e = { 0 };
	staff_rec s = { 0 };
	s.login = (char *)login;
	s.name = (char *)name;
	s.initials = (char *)login;
	s.unit_id = unit;
	s.role = role;
	s.title = (char *)"";
	snprintf(s.employed_from, sizeof s.employed_from, "2020-01-01");
	kcode c = staff_save(db, &admin, &s, &e);
	CHECK(c == KE_OK, "staff %s saved (%s)", name, e.msg);
	return s.id;
}

static activity_rec act(const char *title, const char *method)
{
	activity_rec a = { 0 };
	a.title = (char *)title;
	snprintf(a.method, sizeof a.method, "%s", method);
	a.provider = (char *)"";
	a.description = (char *)"";
	a.ects = -1;
	a.hours = -1;
	return a;
}

static kcode save_expect(activity_rec *a, kcode want, const char *msg_part, const char *what)
{
	kerr e = { 0 };
	kcode c = activity_save(db, &admin, a, &e);
	CHECK(c == want && (!msg_part || strstr(e.msg, msg_part)), "%s: code %d msg '%s'", what, c, e.msg);
	return c;
}

static void test_methods(void)
{
	int n = 0;
	while (activity_methods[n])
		n++;
	CHECK(n == 9, "nine methods");
	i18n_set(LANG_DA);
	CHECK_STR(method_name("peer"), "Sidemandsoplæring", "Danish method name");
	CHECK_STR(method_name("elearning"), "E-læring", "Danish e-learning");
	CHECK_STR(method_name("diploma"), "Diplommodul", "Danish diploma");
	i18n_set(LANG_EN);
	CHECK_STR(method_name("theme_day"), "Theme day", "English method name");
	CHECK_STR(method_name("nonsense"), "nonsense", "unknown code shown as is");
}

static void test_validation(void)
{
	activity_rec a = act("", "course");
	save_expect(&a, KE_INVALID, "Title is required", "empty title");
	char longt[200];
	memset(longt, 'x', 170);
	longt[170] = '\0';
	a = act(longt, "course");
	save_expect(&a, KE_INVALID, "at most 160", "long title");
	a = act("Kursus", "seminar");
	save_expect(&a, KE_INVALID, "Unknown method 'seminar'; choose one of: Diploma module, Course",
		    "bad method");
	a = act("Kursus", "course");
	a.ects = 61;
	save_expect(&a, KE_INVALID, "ECTS points must be between 0 and 60", "ects 61");
	a.ects = 10;
	a.hours = 2001;
	save_expect(&a, KE_INVALID, "Hours must be between 0 and 2000", "hours 2001");
	a.hours = 20;
	a.price = -1;
	save_expect(&a, KE_INVALID, "Price must be between 0 and 10000000", "negative price");
	a.price = 10000001;
	save_expect(&a, KE_INVALID, "Price must be between 0 and 10000000", "price too high");
	a.price = 1000;
	a.competence_ids[0] = 99;
	a.n_competences = 1;
	save_expect(&a, KE_INVALID, "Competence area 99 does not exist.", "unknown competence");
	int64_t count = -1;
	kerr e = { 0 };
	activity_rec *rows = NULL;
	int n = -1;
	kpage pg = { .limit = 10, .include_inactive = 1 };
	activity_list(db, &admin, &pg, &rows, &n, &e);
	count = n;
	activity_rows_free(rows, n);
	CHECK(count == 0, "nothing was saved by the refused writes (%lld rows)", (long long)count);

	a.competence_ids[0] = 1;
	CHECK(activity_save(db, &emp, &a, &e) == KE_DENIED, "employee may not save an activity");
}

static void test_save_get(void)
{
	kerr e = { 0 };
	activity_rec a = act("Relationspædagogik i praksis", "course");
	a.provider = (char *)"VIA University College";
	a.description = (char *)"Tre dage\nmed opgaver";
	a.ects = 5;
	a.hours = 24.5;
	a.price = 4500;
	a.cross_prof = 1;
	a.competence_ids[0] = 4;
	a.competence_ids[1] = 2;
	a.n_competences = 2;
	CHECK(activity_save(db, &admin, &a, &e) == KE_OK, "admin creates an activity (%s)", e.msg);
	CHECK(a.id > 0 && a.version == 1 && a.active == 1, "new activity id, version 1, active");

	activity_rec g;
	CHECK(activity_get(db, &emp, a.id, &g, &e) == KE_OK, "employee reads the catalogue");
	CHECK_STR(g.title, "Relationspædagogik i praksis", "title read back");
	CHECK_STR(g.method, "course", "method read back");
	CHECK(g.ects == 5 && g.hours == 24.5 && g.price == 4500 && g.cross_prof == 1, "numbers read back");
	CHECK(g.n_competences == 2, "two competence areas linked");
	CHECK_STR(g.description, "Tre dage\nmed opgaver", "multi-line description kept");
	activity_free(&g);

	/* links are replaced, not added to */
	a.competence_ids[0] = 3;
	a.n_competences = 1;
	a.ects = -1;
	CHECK(activity_save(db, &admin, &a, &e) == KE_OK && a.version == 2, "update bumps the version");
	CHECK(activity_get(db, &admin, a.id, &g, &e) == KE_OK, "read after update");
	CHECK(g.n_competences == 1 && g.competence_ids[0] == 3, "competence links replaced");
	CHECK(g.ects < 0, "ECTS cleared to none");
	{
		sqlite3 *h = NULL;
		sqlite3_stmt *st = NULL;
		int found = 0;
		if (sqlite3_open(path, &h) == SQLITE_OK &&
		    sqlite3_prepare_v2(h, "SELECT count(*) FROM audit WHERE tbl = 'activity' AND row_id = ?"
				       " AND action = 'update' AND old LIKE '%\"competences\":[2,4]%'"
				       " AND new LIKE '%\"competences\":[3]%'", -1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_int64(st, 1, a.id);
			if (sqlite3_step(st) == SQLITE_ROW)
				found = sqlite3_column_int(st, 0);
		}
		sqlite3_finalize(st);
		sqlite3_close(h);
		CHECK(found == 1, "the audit shows the competence links before and after");
	}
	activity_free(&g);

	/* a refused update leaves the old links in place (same transaction) */
	a.competence_ids[0] = 1;
	a.competence_ids[1] = 77;
	a.n_competences = 2;
	save_expect(&a, KE_INVALID, "Competence area 77", "update with an unknown competence");
	CHECK(activity_get(db, &admin, a.id, &g, &e) == KE_OK && g.n_competences == 1 &&
	      g.competence_ids[0] == 3 && g.version == 2, "refused update changed nothing");
	activity_free(&g);

	activity_rec stale = a;
	stale.version = 1;
	stale.n_competences = 0;
	CHECK(activity_save(db, &admin, &stale, &e) == KE_CONFLICT, "stale version is a conflict (%s)", e.msg);
	CHECK(activity_get(db, &admin, 987654, &g, &e) == KE_NOTFOUND, "missing activity: not found");

	CHECK(activity_set_active(db, &emp, a.id, a.version, 0, &e) == KE_DENIED, "employee may not deactivate");
	CHECK(activity_set_active(db, &admin, a.id, 1, 0, &e) == KE_CONFLICT, "deactivate with stale version");
	CHECK(activity_set_active(db, &admin, a.id, a.version, 0, &e) == KE_OK, "admin deactivates");
	activity_rec *rows;
	int n;
	kpage pg = { .filter = "relations", .limit = 10 };
	CHECK(activity_list(db, &emp, &pg, &rows, &n, &e) == KE_OK && n == 0, "inactive activity hidden");
	activity_rows_free(rows, n);
	pg.include_inactive = 1;
	CHECK(activity_list(db, &emp, &pg, &rows, &n, &e) == KE_OK && n == 1 && !rows[0].active,
	      "inactive activity shown on request");
	activity_rows_free(rows, n);
	CHECK(activity_set_active(db, &admin, a.id, a.version + 1, 1, &e) == KE_OK, "reactivated");
}

static int count_filter(const char *f)
{
	kerr e = { 0 };
	activity_rec *rows = NULL;
	int n = -1;
	kpage pg = { .filter = f, .limit = 50 };
	if (activity_list(db, &emp, &pg, &rows, &n, &e))
		return -1;
	activity_rows_free(rows, n);
	return n;
}

static void test_filter(void)
{
	activity_rec a = act("Åben skole og læring", "theme_day");
	a.provider = (char *)"Københavns Professionshøjskole";
	save_expect(&a, KE_OK, NULL, "accented activity saved");
	a = act("Netværk for AKT-lærere", "network");
	save_expect(&a, KE_OK, NULL, "network activity saved");
	a = act("Kollegial sparring", "peer");
	save_expect(&a, KE_OK, NULL, "peer activity saved");
	a = act("Digital dannelse", "elearning");
	save_expect(&a, KE_OK, NULL, "e-learning activity saved");

	CHECK(count_filter("aaben") == 1, "'aaben' finds Åben");
	CHECK(count_filter("ÅBEN SKOLE") == 1, "upper-case accented filter");
	/* læring, E-læring and Sidemandsoplæring */
	{ int k = count_filter("laering"); CHECK(k == 3, "'laering' finds three (%d)", k); }
	CHECK(count_filter("kobenhavns") == 1, "provider is searched, accents folded");
	CHECK(count_filter("peer training") == 1, "English method name searched");
	CHECK(count_filter("sidemandsoplæring") == 1, "Danish method name searched");
	CHECK(count_filter("e-læring") == 1, "Danish e-learning name");
	CHECK(count_filter("no such thing") == 0, "no match, no rows");
}

static void test_paging(void)
{
	kerr e = { 0 };
	CHECK(db_bulk_begin(db, &e) == KE_OK, "bulk begin");
	for (int i = 0; i < 2000; i++) {
		char title[64];
		/* varied first letters, Danish ones too, and duplicate titles */
		static const char *first[] = { "Ærlig", "Øvelse", "Åbning", "Zoom", "abc", "Abc", "Bølge" };
		snprintf(title, sizeof title, "%s %d", first[i % 7], i % 600);
		activity_rec a = act(title, activity_methods[i % 9]);
		if (activity_save(db, &admin, &a, &e)) {
			CHECK(0, "bulk save %d: %s", i, e.msg);
			break;
		}
	}
	CHECK(db_bulk_end(db, 1, &e) == KE_OK, "bulk commit");

	int total = 0;
	{
		/* how many rows there are, by walking with the largest page */
		kpage pg = { .limit = 500 };
		char *key = NULL;
		for (;;) {
			activity_rec *rows;
			int n;
			pg.after_key = key;
			if (activity_list(db, &admin, &pg, &rows, &n, &e) || n == 0) {
				activity_rows_free(rows, n);
				break;
			}
			total += n;
			free(key);
			key = strdup(rows[n - 1].sort_key);
			pg.after_id = rows[n - 1].id;
			activity_rows_free(rows, n);
		}
		free(key);
	}
	CHECK(total == 2005, "2005 active activities in all (%d)", total);

	for (int dir_ = 0; dir_ < 2; dir_++) {
		static int seen[4000];
		memset(seen, 0, sizeof seen);
		kpage pg = { .limit = 37, .backward = dir_ };
		char *key = NULL, *prev = NULL;
		int64_t prev_id = 0;
		int got = 0, order_ok = 1;
		for (;;) {
			activity_rec *rows;
			int n;
			pg.after_key = key;
			if (activity_list(db, &emp, &pg, &rows, &n, &e)) {
				CHECK(0, "page failed: %s", e.msg);
				break;
			}
			if (n == 0) {
				activity_rows_free(rows, n);
				break;
			}
			for (int i = 0; i < n; i++) {
				int k = dir_ ? n - 1 - i : i; /* walk in the direction of travel */
				if (rows[k].id > 0 && rows[k].id < 4000)
					seen[rows[k].id]++;
				if (prev) {
					int cmp = strcmp(prev, rows[k].sort_key);
					if (!cmp)
						cmp = prev_id < rows[k].id ? -1 : 1;
					if (dir_ ? cmp <= 0 : cmp >= 0)
						order_ok = 0;
				}
				free(prev);
				prev = strdup(rows[k].sort_key);
				prev_id = rows[k].id;
			}
			got += n;
			int edge = dir_ ? 0 : n - 1;
			free(key);
			key = strdup(rows[edge].sort_key);
			pg.after_id = rows[edge].id;
			activity_rows_free(rows, n);
		}
		free(key);
		free(prev);
		int once = 1;
		for (int i = 0; i < 4000; i++)
			if (seen[i] > 1)
				once = 0;
		CHECK(got == total && once, "%s paging: every activity exactly once (%d of %d)",
		      dir_ ? "backward" : "forward", got, total);
		CHECK(order_ok, "%s paging keeps list order", dir_ ? "backward" : "forward");
	}
	CHECK(count_filter("Åbning 599") == 1, "filter finds one bulk row among 2000");
}

static session_rec ses(int64_t act_id, const char *starts, const char *ends, const char *deadline, int cap)
{
	session_rec s = { 0 };
	s.activity_id = act_id;
	snprintf(s.starts, sizeof s.starts, "%s", starts);
	snprintf(s.ends, sizeof s.ends, "%s", ends);
	snprintf(s.signup_deadline, sizeof s.signup_deadline, "%s", deadline);
	s.place = (char *)"Skovbo Skole, aula";
	s.capacity = cap;
	return s;
}

static void ses_expect(session_rec *s, kcode want, const char *msg_part, const char *what)
{
	kerr e = { 0 };
	kcode c = session_save(db, &admin, s, &e);
	CHECK(c == want && (!msg_part || strstr(e.msg, msg_part)), "%s: code %d msg '%s'", what, c, e.msg);
}

static void test_sessions(int64_t s1, int64_t s2, int64_t s3)
{
	kerr e = { 0 };
	activity_rec a = act("Holdtest", "course");
	a.price = 1200;
	save_expect(&a, KE_OK, NULL, "activity for sessions");

	session_rec s = ses(a.id, "2026-03-10", "2026-03-09", "", 10);
	ses_expect(&s, KE_INVALID, "The session ends before it starts.", "ends before starts");
	s = ses(a.id, "2026-03-10", "2026-03-11", "2026-03-12", 10);
	ses_expect(&s, KE_INVALID, "sign-up deadline is after the session starts", "deadline after start");
	s = ses(a.id, "2026-03-10", "2026-03-11", "", 0);
	ses_expect(&s, KE_INVALID, "Capacity must be between 1 and 10000", "capacity 0");
	s = ses(a.id, "2026-03-10", "2026-03-11", "", 10001);
	ses_expect(&s, KE_INVALID, "Capacity must be between 1 and 10000", "capacity 10001");
	s = ses(a.id, "2026-02-30", "2026-03-11", "", 10);
	ses_expect(&s, KE_INVALID, "Starts is not a valid date", "impossible date");
	s = ses(a.id, "", "2026-03-11", "", 10);
	ses_expect(&s, KE_INVALID, "Starts is required", "start required");
	s = ses(999999, "2026-03-10", "2026-03-11", "", 10);
	ses_expect(&s, KE_INVALID, "The chosen activity does not exist.", "unknown activity");
	s = ses(a.id, "2026-03-10", "2026-03-11", "2026-03-01", 2);
	CHECK(session_save(db, &emp, &s, &e) == KE_DENIED, "employee may not create a session");
	ses_expect(&s, KE_OK, NULL, "valid session");
	CHECK(s.id > 0 && s.version == 1, "session id and version 1");

	/* seats: two on, one waiting */
	int64_t p1, p2, p3;
	CHECK(part_enrol(db, &admin, s1, s.id, 0, &p1, &e) == KE_OK, "enrol first (%s)", e.msg);
	CHECK(part_enrol(db, &admin, s2, s.id, 0, &p2, &e) == KE_OK, "enrol second");
	CHECK(part_enrol(db, &admin, s3, s.id, 0, &p3, &e) == KE_OK, "enrol third");
	session_rec g;
	CHECK(session_get(db, &emp, s.id, &g, &e) == KE_OK, "employee reads a session");
	CHECK(g.taken == 2 && g.waiting == 1 && g.requested == 0, "taken 2, waiting 1 (%d, %d)", g.taken, g.waiting);
	CHECK_STR(g.activity_title, "Holdtest", "session names its activity");
	CHECK_STR(g.signup_deadline, "2026-03-01", "deadline read back");
	session_free(&g);

	s.capacity = 1;
	ses_expect(&s, KE_STATE, "2 people already have seats; capacity cannot be lower.", "capacity below taken");
	s.capacity = 3;
	ses_expect(&s, KE_OK, NULL, "capacity raised");
	CHECK(session_get(db, &admin, s.id, &g, &e) == KE_OK && g.taken == 3 && g.waiting == 0 &&
	      g.capacity == 3, "raising capacity moves the waiting list up");
	session_free(&g);
	session_rec stale = s;
	stale.version = 1;
	ses_expect(&stale, KE_CONFLICT, NULL, "stale session version");

	CHECK(session_delete(db, &emp, s.id, s.version, &e) == KE_DENIED, "employee may not delete");
	CHECK(session_delete(db, &admin, s.id, s.version, &e) == KE_STATE &&
	      strstr(e.msg, "People are signed up for this session; cancel them first."), "delete refused: %s", e.msg);
	CHECK(part_cancel(db, &admin, p1, &e) == KE_OK && part_cancel(db, &admin, p2, &e) == KE_OK &&
	      part_cancel(db, &admin, p3, &e) == KE_OK, "all cancelled");
	CHECK(session_delete(db, &admin, s.id, s.version, &e) == KE_INVALID &&
	      strstr(e.msg, "history of participation"), "cancelled history still protects: %s", e.msg);

	session_rec empty = ses(a.id, "2026-04-01", "2026-04-01", "", 5);
	ses_expect(&empty, KE_OK, NULL, "second session");
	CHECK(session_delete(db, &admin, empty.id, empty.version + 1, &e) == KE_CONFLICT, "delete with stale version");
	CHECK(session_delete(db, &admin, empty.id, empty.version, &e) == KE_OK, "empty session deleted");
	CHECK(session_get(db, &admin, empty.id, &g, &e) == KE_NOTFOUND, "deleted session is gone");

	/* paging: 60 sessions over two years, list by activity and by year */
	activity_rec b = act("Mange hold", "network");
	save_expect(&b, KE_OK, NULL, "activity with many sessions");
	for (int i = 0; i < 60; i++) {
		char d[11];
		snprintf(d, sizeof d, "%04d-%02d-%02d", 2026 + i % 2, 1 + i % 12, 1 + (i * 7) % 28);
		session_rec x = ses(b.id, d, d, "", 20);
		ses_expect(&x, KE_OK, NULL, "paging session");
	}
	for (int back = 0; back < 2; back++) {
		kpage pg = { .parent_id = b.id, .limit = 7, .backward = back };
		char key[11] = "";
		int got = 0, dup = 0;
		static int seen[1000];
		memset(seen, 0, sizeof seen);
		char last[11] = "";
		int ordered = 1;
		for (;;) {
			session_rec *rows;
			int n;
			pg.after_key = key[0] ? key : NULL;
			if (session_list(db, &emp, &pg, &rows, &n, &e) || n == 0) {
				session_rows_free(rows, n);
				break;
			}
			for (int i = 0; i < n; i++) {
				if (rows[i].id < 1000 && seen[rows[i].id]++)
					dup++;
				if (i && strcmp(rows[i - 1].starts, rows[i].starts) > 0)
					ordered = 0;
			}
			got += n;
			int edge = back ? 0 : n - 1;
			snprintf(key, sizeof key, "%s", rows[edge].starts);
			snprintf(last, sizeof last, "%s", rows[edge].starts);
			pg.after_id = rows[edge].id;
			session_rows_free(rows, n);
		}
		CHECK(got == 60 && !dup && ordered, "sessions of an activity, %s: 60 once each in order (%d)",
		      back ? "backward" : "forward", got);
	}
	kpage py = { .year = 2027, .limit = 500 };
	session_rec *rows;
	int n;
	CHECK(session_list(db, &emp, &py, &rows, &n, &e) == KE_OK && n == 30, "30 sessions start in 2027 (%d)", n);
	session_rows_free(rows, n);
	py.year = 2026;
	CHECK(session_list(db, &emp, &py, &rows, &n, &e) == KE_OK && n == 31, "31 sessions start in 2026 (%d)", n);
	session_rows_free(rows, n);
}

int main(void)
{
	i18n_set(LANG_EN);
	snprintf(dir, sizeof dir, "/tmp/kup-test-activity.XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/t.db", dir);
	kerr e = { 0 };
	CHECK(db_open(path, DB_OPEN_CREATE, &db, &e) == KE_OK, "create database (%s)", e.msg);
	if (!db)
		return t_done();
	db_actor_local_admin(&admin, "hr");
	sql("INSERT INTO unit(id, parent_id, name, kind, sort_key) VALUES"
	    " (1, NULL, 'Børn & Unge', 'area', 'b'), (2, 1, 'Skovbo Skole', 'institution', 's')");
	int64_t e1 = add_staff("ansat", "Søren Ågård", 2, ROLE_EMPLOYEE);
	int64_t e2 = add_staff("anna", "Anna Berg", 2, ROLE_EMPLOYEE);
	int64_t e3 = add_staff("carl", "Carl Dahl", 2, ROLE_EMPLOYEE);
	emp = (kactor){ .staff_id = e1, .role = ROLE_EMPLOYEE, .login = "ansat", .name = "Søren Ågård" };

	test_methods();
	test_validation();
	test_save_get();
	test_filter();
	test_paging();
	test_sessions(e1, e2, e3);

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
