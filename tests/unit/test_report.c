/* Unit tests for src/db/db_report.c: every report's figures on a small fixed
 * organisation, checked against numbers counted by hand (the comments say
 * who is behind each), what a leader sees (only the people they lead, not
 * themselves), employees refused, the drill-down behind a row (same people
 * as the figures, keyset paging forwards and backwards), sorting, and the
 * cells as shown. The follow-up loop run through the data functions (written,
 * closed with an action, passed on; colleagues asked, answered, declined):
 * the report's counts agree with the follow-ups and parts listed. Also the
 * printed plan (plan_print.c): every goal in every format, a well-formed
 * HTML page, and the follow-ups with the colleagues' parts.
 * Today is 2026-11-22 (KUP_TODAY). */
#include "t.h"

#include <sqlite3.h>
#include <stdint.h>
#include <unistd.h>

#include "db.h"
#include "db_followup.h"
#include "db_report.h"
#include "i18n.h"
#include "plan_print.h"

static char dir[] = "/tmp/kup-test-report.XXXXXX";
static char path[300];
static kdb *db;
static kactor admin, boss, la, a1;

/* The organisation. Units: 1 Område (area) > 2 Skole A (institution) > 3
 * Team A1 (team), and 1 > 4 Børnehus B (institution). Leaders: boss leads
 * 1, la leads 2, lb leads 4. b2 is no longer active. */
static const char FIXTURE[] =
	"INSERT INTO unit(id, parent_id, name, kind, sort_key) VALUES"
	" (1, NULL, 'Område', 'area', '1'), (2, 1, 'Skole A', 'institution', '2'),"
	" (3, 2, 'Team A1', 'team', '3'), (4, 1, 'Børnehus B', 'institution', '4');"
	"INSERT INTO profession(id, name, sort_key) VALUES (1,'Pædagog','p'),(2,'Lærer','l'),(3,'Psykolog','s');"
	"INSERT INTO staff(id, login, name, initials, unit_id, profession_id, role, active, sort_key, fold) VALUES"
	" (1,'boss','Bo Boss','BB',1,1,'leader',1,'bo','bo'),"
	" (2,'la','Lis Leder','LL',2,NULL,'leader',1,'lis','lis'),"
	" (3,'a1','Anna Et','AE',2,1,'employee',1,'anna','anna'),"
	" (4,'a2','Ali To','AT',3,2,'employee',1,'ali','ali'),"
	" (5,'a3','Aske Tre','AS',3,3,'employee',1,'aske','aske'),"
	" (6,'lb','Lone Leder','LO',4,1,'leader',1,'lone','lone'),"
	" (7,'b1','Bent En','BE',4,1,'employee',1,'bent','bent'),"
	" (8,'b2','Berit To','BT',4,2,'employee',0,'berit','berit'),"
	" (9,'x0','Xenia Nul','XN',1,1,'employee',1,'xenia','xenia');"
	"INSERT INTO unit_leader(unit_id, staff_id, since) VALUES (1,1,'2020-01-01'),(2,2,'2020-01-01'),(4,6,'2020-01-01');"
	"INSERT INTO focus_area(id, year, title) VALUES (1,2026,'Fællesskab'),(2,2026,'Overgange'),(3,2025,'Gammelt');"
	/* plans 2026: boss none, x0 draft, la agreed, a1 evaluated, a2 draft,
	 * a3 none (a 2025 one), lb agreed, b1 none, b2 (inactive) agreed */
	"INSERT INTO plan(id, staff_id, year, status, agreed_by, agreed_at, evaluated_by, evaluated_at, evaluation, mus_date) VALUES"
	" (1,9,2026,'draft',NULL,NULL,NULL,NULL,'',NULL),"
	" (2,2,2026,'agreed',1,'2026-02-01 10:00:00',NULL,NULL,'','2026-02-01'),"
	" (3,3,2026,'evaluated',2,'2026-02-02 10:00:00',2,'2026-11-01 10:00:00','Godt år <3 & \"mere\"','2026-02-02'),"
	" (4,4,2026,'draft',NULL,NULL,NULL,NULL,'',NULL),"
	" (5,5,2025,'agreed',2,'2025-02-01 10:00:00',NULL,NULL,'',NULL),"
	" (6,6,2026,'agreed',1,'2026-03-01 10:00:00',NULL,NULL,'',NULL),"
	" (7,8,2026,'agreed',6,'2026-03-01 10:00:00',NULL,NULL,'',NULL);"
	/* goals: competence 1 personal, 2 professional, 3 interdisciplinary, 4 relational */
	"INSERT INTO goal(id, plan_id, pos, competence_id, focus_id, what, status) VALUES"
	" (1,1,1,1,1,'Mål x0','open'), (2,2,1,2,1,'Mål la en','done'), (3,2,2,2,NULL,'Mål la to','open'),"
	" (4,3,1,3,2,'Mål a1 <b>fed</b> & \"citat\"','done'), (5,4,1,4,NULL,'Mål a2','open'),"
	" (6,6,1,1,2,'Mål lb','open'), (7,7,1,1,NULL,'Mål b2','open');"
	"INSERT INTO activity(id, title, method, hours, ects, price, sort_key, fold) VALUES"
	" (1,'Kursus X','course',10,NULL,1000,'k','k'), (2,'Netværk Y','network',5,NULL,0,'n','n'),"
	" (3,'Diplom Z','diploma',100,10,5000,'d','d');"
	"INSERT INTO activity_competence VALUES (1,2),(2,3),(3,2),(3,3);"
	"INSERT INTO session(id, activity_id, starts, ends, capacity) VALUES"
	" (1,1,'2026-03-01','2026-03-01',20),(2,2,'2026-05-01','2026-05-01',20),"
	" (3,3,'2026-02-01','2026-06-30',20),(4,1,'2025-10-01','2025-10-01',20);"
	"INSERT INTO participation(id, staff_id, session_id, goal_id, status, price) VALUES"
	" (1,3,1,4,'completed',1000), (2,4,1,NULL,'completed',1000), (3,7,1,NULL,'completed',1000),"
	" (4,9,2,1,'completed',0), (5,5,2,NULL,'completed',0), (6,2,3,2,'enrolled',5000),"
	" (7,6,2,NULL,'cancelled',0), (8,3,4,NULL,'completed',1000), (10,4,3,NULL,'noshow',5000);"
	/* follow-ups: P1 on time, P2 late, P3 due, P4 overdue, P5 none (missing) */
	"INSERT INTO followup(participation_id, due, done_at, done_by, learned) VALUES"
	" (1,'2026-04-12','2026-04-01',2,'Lært noget'), (2,'2026-04-12','2026-05-01',2,''),"
	" (3,'2026-12-01',NULL,NULL,''), (4,'2026-06-12',NULL,NULL,''), (8,'2025-11-01','2025-11-01',2,'');"
	"INSERT INTO budget(unit_id, year, amount) VALUES (1,2026,10000),(2,2026,20000),(3,2026,1000),(4,2025,9999);";

static int setup(void)
{
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/r.db", dir);
	kerr e = { 0 };
	if (db_open(path, DB_OPEN_CREATE, &db, &e)) {
		printf("# db_open: %s\n", e.msg);
		return -1;
	}
	sqlite3 *raw;
	char *msg = NULL;
	if (sqlite3_open(path, &raw) != SQLITE_OK || sqlite3_exec(raw, FIXTURE, NULL, NULL, &msg) != SQLITE_OK) {
		printf("# fixture: %s\n", msg ? msg : "open");
		sqlite3_free(msg);
		sqlite3_close(raw);
		return -1;
	}
	sqlite3_close(raw);
	db_actor_local_admin(&admin, "hr");
	if (db_actor_for_login(db, "boss", 0, &boss, &e) || db_actor_for_login(db, "la", 0, &la, &e) ||
	    db_actor_for_login(db, "a1", 0, &a1, &e)) {
		printf("# actor: %s\n", e.msg);
		return -1;
	}
	return 0;
}

/* Runs a report; prints it on failure. */
static int run(const kactor *who, kreport k, int64_t unit, report_t *r)
{
	kerr e = { 0 };
	if (report_run(db, who, k, 2026, unit, r, &e)) {
		printf("# report %s: %s\n", report_code(k), e.msg);
		memset(r, 0, sizeof *r);
		return -1;
	}
	return 0;
}

/* The row with this label (and group), or NULL. */
static const report_row *row(const report_t *r, const char *label, const char *group)
{
	for (int i = 0; i < r->nrows; i++)
		if (!strcmp(r->rows[i].label, label) && (!group || !strcmp(r->rows[i].group, group)))
			return &r->rows[i];
	return NULL;
}

/* Compares a row with the expected values; NAN-free: -1 means blank. */
static int is(const report_row *w, int n, const double *want)
{
	if (!w) {
		printf("#   row missing\n");
		return 0;
	}
	int ok = 1;
	for (int i = 0; i < n; i++) {
		double got = w->has[i] ? w->v[i] : -1;
		double d = got - want[i];
		if (d > 0.051 || d < -0.051) {
			printf("#   %s column %d: got %.2f, want %.2f\n", w->label, i, got, want[i]);
			ok = 0;
		}
	}
	return ok;
}

#define IS(w, ...) is((w), (int)(sizeof (double[]){ __VA_ARGS__ } / sizeof(double)), (double[]){ __VA_ARGS__ })

static void test_coverage(void)
{
	report_t r;
	if (run(&admin, REP_COVERAGE, 0, &r))
		return;
	CHECK(r.nrows == 6, "coverage: three groups (area, two institutions) × staff/leaders (%d rows)", r.nrows);
	/* the team's a2 and a3 count with Skole A; b2 is inactive and left out */
	CHECK(IS(row(&r, "Område", "staff"), 1, 1, 0, 0, 100), "coverage Område staff: x0 with a draft");
	CHECK(IS(row(&r, "Område", "leaders"), 1, 0, 0, 0, 0), "coverage Område leaders: boss without a plan");
	CHECK(IS(row(&r, "Skole A", "staff"), 3, 2, 1, 1, 66.7), "coverage Skole A staff: a1 evaluated, a2 draft, a3 none");
	CHECK(IS(row(&r, "Skole A", "leaders"), 1, 1, 1, 0, 100), "coverage Skole A leaders: la agreed");
	CHECK(IS(row(&r, "Børnehus B", "staff"), 1, 0, 0, 0, 0), "coverage Børnehus B staff: b1 none (b2 inactive)");
	CHECK(IS(row(&r, "Børnehus B", "leaders"), 1, 1, 1, 0, 100), "coverage Børnehus B leaders: lb agreed");
	CHECK(IS(&r.total, 8, 5, 3, 1, 62.5), "coverage total: 8 people, 5 plans, 3 agreed, 1 evaluated, 62.5 %%");
	CHECK(!strcmp(r.rows[0].label, "Område") && !strcmp(r.rows[0].group, "staff") &&
	      !strcmp(r.rows[5].label, "Børnehus B"), "coverage rows in unit order, staff before leaders");
	report_free(&r);

	/* a leader counts only the people they lead, never themselves */
	if (!run(&la, REP_COVERAGE, 0, &r)) {
		CHECK(r.nrows == 1 && IS(row(&r, "Skole A", "staff"), 3, 2, 1, 1, 66.7) && IS(&r.total, 3, 2, 1, 1, 66.7),
		      "leader la: only Skole A's three staff, not la's own plan");
		report_free(&r);
	}
	if (!run(&boss, REP_COVERAGE, 0, &r)) {
		CHECK(IS(&r.total, 7, 5, 3, 1, 71.4) && !row(&r, "Område", "leaders"),
		      "leader boss: everyone below, not boss");
		report_free(&r);
	}
	/* a unit subtree */
	if (!run(&admin, REP_COVERAGE, 3, &r)) {
		CHECK(r.nrows == 1 && IS(row(&r, "Skole A", "staff"), 2, 1, 0, 0, 50),
		      "unit Team A1: a2 and a3, shown under their institution");
		report_free(&r);
	}
	kerr e = { 0 };
	CHECK(report_run(db, &a1, REP_COVERAGE, 2026, 0, &r, &e) == KE_DENIED, "an employee gets no reports");
	CHECK(report_run(db, &admin, REP_COVERAGE, 1999, 0, &r, &e) == KE_INVALID && strstr(e.msg, "1999"),
	      "a year out of range is refused (%s)", e.msg);
}

static void test_followup(void)
{
	report_t r;
	if (run(&admin, REP_FOLLOWUP, 0, &r))
		return;
	CHECK(r.nrows == 3, "follow-up: three units with completed participations");
	CHECK(IS(row(&r, "Område", NULL), 1, 0, 0, 0, 1, 0, 0), "follow-up Område: x0's is overdue");
	CHECK(IS(row(&r, "Skole A", NULL), 3, 1, 1, 0, 0, 1, 33.3), "follow-up Skole A: on time, late, missing");
	CHECK(IS(row(&r, "Børnehus B", NULL), 1, 0, 0, 1, 0, 0, 0), "follow-up Børnehus B: b1's is due");
	CHECK(IS(&r.total, 5, 1, 1, 1, 1, 1, 20), "follow-up total (last year's and the cancelled left out)");
	report_free(&r);
	if (!run(&la, REP_FOLLOWUP, 0, &r)) {
		CHECK(IS(&r.total, 3, 1, 1, 0, 0, 1, 33.3), "follow-up for la: Skole A only");
		report_free(&r);
	}
}

static void test_competences_focus(void)
{
	report_t r;
	if (!run(&admin, REP_COMPETENCES, 0, &r)) {
		CHECK(r.nrows == 4 && !strcmp(r.rows[0].label, "Personal"), "competences: the four areas in order");
		CHECK(IS(row(&r, "Personal", NULL), 2, 0, 2, 33.3, 0), "personal: x0's and lb's goals (b2 inactive)");
		CHECK(IS(row(&r, "Professional", NULL), 2, 1, 1, 33.3, 4), "professional: la's two; 4 participations (Kursus X ×3, Diplom Z)");
		CHECK(IS(row(&r, "Interdisciplinary", NULL), 1, 1, 1, 16.7, 3), "interdisciplinary: a1's; Netværk Y ×2, Diplom Z");
		CHECK(IS(row(&r, "Relational", NULL), 1, 0, 1, 16.7, 0), "relational: a2's");
		CHECK(IS(&r.total, 6, 2, -1, 100, 7), "competences total; people is not a sum (blank)");
		report_free(&r);
	}
	if (!run(&admin, REP_FOCUS, 0, &r)) {
		CHECK(r.nrows == 3 && !strcmp(r.rows[2].label, "(no focus area)"),
		      "focus: the year's two areas and goals without one, last");
		CHECK(IS(row(&r, "Fællesskab", NULL), 2, 2, 33.3, 2, 1), "Fællesskab: x0's and la's goals; P4 done, P6 enrolled");
		CHECK(IS(row(&r, "Overgange", NULL), 2, 2, 33.3, 1, 1), "Overgange: a1's and lb's; P1 done");
		CHECK(IS(row(&r, "(no focus area)", NULL), 2, 2, 33.3, 0, 0), "no focus area: la's second and a2's");
		CHECK(!row(&r, "Gammelt", NULL), "last year's focus area is not shown");
		report_free(&r);
	}
}

static void test_crossprof_methods(void)
{
	report_t r;
	if (!run(&admin, REP_CROSSPROF, 0, &r)) {
		CHECK(r.nrows == 3, "cross-professional: the three activities held this year");
		CHECK(IS(row(&r, "Kursus X", NULL), 1, 3, 2, 2, 1, 1), "Kursus X: pædagog+lærer, Skole A+Børnehus B");
		CHECK(IS(row(&r, "Netværk Y", NULL), 1, 2, 2, 2, 1, 1), "Netværk Y: pædagog+psykolog, Område+Skole A");
		CHECK(IS(row(&r, "Diplom Z", NULL), 1, 1, 0, 1, 0, 0), "Diplom Z: la alone (no profession), not cross");
		CHECK(IS(&r.total, 3, 6, -1, -1, 2, 2), "cross-professional total");
		report_free(&r);
	}
	if (!run(&admin, REP_METHODS, 0, &r)) {
		CHECK(r.nrows == 9, "methods: every method has a row");
		CHECK(IS(row(&r, "Diploma module", NULL), 1, 0, 1, 0, 0), "diploma: la enrolled, no hours until completed");
		CHECK(IS(row(&r, "Course", NULL), 3, 3, 3, 30, 0), "course: three completed × 10 hours");
		CHECK(IS(row(&r, "Network", NULL), 2, 2, 2, 10, 0), "network: two × 5 hours");
		CHECK(IS(row(&r, "Supervision", NULL), 0, 0, 0, 0, 0), "supervision: none");
		CHECK(IS(&r.total, 6, 5, -1, 40, 0), "methods total");
		report_free(&r);
	}
}

static void test_cost(void)
{
	report_t r;
	if (!run(&admin, REP_COST, 0, &r))  {
		CHECK(r.nrows == 3, "cost: three units");
		CHECK(IS(row(&r, "Område", NULL), 10000, 0, 0, 10000, 0), "Område: budget, nothing spent");
		CHECK(IS(row(&r, "Skole A", NULL), 21000, 7000, 5000, 9000, 57.1),
		      "Skole A: budget with the team's, 2×1000 + no-show 5000 spent, 5000 committed");
		CHECK(IS(row(&r, "Børnehus B", NULL), -1, 1000, 0, -1, -1), "Børnehus B: no budget this year (blank)");
		CHECK(IS(&r.total, 31000, 8000, 5000, 18000, 41.9), "cost total");
		char cell[64];
		report_cell(&r, row(&r, "Skole A", NULL), 0, cell, sizeof cell);
		CHECK_STR(cell, "21,000", "money is shown with thousands grouped (English)");
		report_cell(&r, row(&r, "Børnehus B", NULL), 0, cell, sizeof cell);
		CHECK_STR(cell, "–", "a blank shows as a dash");
		report_sort(&r, 1, 1);
		CHECK(!strcmp(r.rows[0].label, "Skole A") && !strcmp(r.rows[2].label, "Område"),
		      "sorted by spent, largest first");
		report_sort(&r, -1, 0);
		CHECK(!strcmp(r.rows[0].label, "Område"), "sorted by the label again");
		report_free(&r);
	}
	if (!run(&la, REP_COST, 0, &r)) {
		CHECK(r.nrows == 1 && IS(&r.total, 21000, 7000, 0, 14000, 33.3),
		      "cost for la: Skole A's budget, not la's own enrolment");
		report_free(&r);
	}
}

/* Pages through the items behind a row, limit 1 at a time. */
static int page_all(const kactor *who, kreport k, const report_row *rw, int backward, int64_t *ids, int max)
{
	kpage pg = { .limit = 1, .backward = backward };
	char key[256] = "";
	int n = 0;
	for (;;) {
		report_item *it;
		int got;
		kerr e = { 0 };
		if (report_items(db, who, k, 2026, 0, rw, &pg, &it, &got, &e)) {
			printf("# items: %s\n", e.msg);
			return -1;
		}
		if (!got) {
			report_items_free(it, got);
			break;
		}
		if (n < max)
			ids[n] = it[0].id;
		n++;
		snprintf(key, sizeof key, "%s", it[0].key);
		pg.after_key = key;
		pg.after_id = it[0].id;
		report_items_free(it, got);
		if (n > 100)
			return -1;
	}
	return n;
}

static void test_items(void)
{
	report_t r;
	if (run(&admin, REP_COVERAGE, 0, &r))
		return;
	int64_t ids[16], back[16];
	const report_row *sa = row(&r, "Skole A", "staff");
	int n = page_all(&admin, REP_COVERAGE, sa, 0, ids, 16);
	CHECK(n == 3 && ids[0] == 5 && ids[1] == 4 && ids[2] == 3,
	      "behind Skole A staff: a3 (no plan), a2 (draft), a1 (evaluated), in that order");
	n = page_all(&admin, REP_COVERAGE, NULL, 0, ids, 16);
	int m = page_all(&admin, REP_COVERAGE, NULL, 1, back, 16);
	int same = n == 8 && m == 8;
	for (int i = 0; same && i < 8; i++)
		same = ids[i] == back[7 - i];
	CHECK(same, "behind the total: all 8, one page at a time, the same forwards and backwards");
	report_free(&r);

	if (!run(&admin, REP_FOLLOWUP, 0, &r)) {
		kpage pg = { .limit = 50 };
		report_item *it;
		int got;
		kerr e = { 0 };
		if (!report_items(db, &admin, REP_FOLLOWUP, 2026, 0, row(&r, "Skole A", NULL), &pg, &it, &got, &e)) {
			CHECK(got == 3 && !strcmp(it[0].state, "missing") && !strcmp(it[1].state, "late") &&
			      !strcmp(it[2].state, "on_time") && !strcmp(it[0].what, "Netværk Y"),
			      "behind Skole A's follow-up: missing first, then late, then on time");
			report_items_free(it, got);
		}
		report_free(&r);
	}
	if (!run(&la, REP_COST, 0, &r)) {
		n = page_all(&la, REP_COST, NULL, 0, ids, 16);
		CHECK(n == 4, "behind la's cost: the four priced participations of la's staff (%d)", n);
		report_free(&r);
	}
	report_row fake = { .id = 2 };
	CHECK(page_all(&admin, REP_METHODS, &fake, 0, ids, 16) == 0, "a method row with no key has nothing behind it");
	snprintf(fake.key, sizeof fake.key, "course");
	CHECK(page_all(&admin, REP_METHODS, &fake, 0, ids, 16) == 3, "behind the course row: its three participations");
}

/* ---- the follow-up loop ---- */

static kactor act(const char *login)
{
	kactor a;
	kerr e = { 0 };
	memset(&a, 0, sizeof a);
	if (db_actor_for_login(db, login, 0, &a, &e))
		printf("# actor %s: %s\n", login, e.msg);
	return a;
}

/* The follow-up of participation part_id. */
static int64_t fu_of(int64_t part_id)
{
	kpage pg = { .limit = 100 };
	followup_rec *f;
	int n;
	int64_t id = 0;
	kerr e = { 0 };
	if (followup_list(db, &admin, &pg, &f, &n, &e))
		return 0;
	for (int i = 0; i < n; i++)
		if (f[i].participation_id == part_id)
			id = f[i].id;
	followup_rows_free(f, n);
	return id;
}

static void set_text(char **field, const char *text)
{
	free(*field);
	*field = strdup(text);
}

/* who writes (or, done, closes) follow-up id: learned, action, shared_via */
static kcode fu_write(const kactor *who, int64_t id, const char *learned, const char *action, int64_t via, int done)
{
	followup_rec f;
	kerr e = { 0 };
	kcode c = followup_get(db, who, id, &f, &e);
	if (c)
		return c;
	if (learned)
		set_text(&f.learned, learned);
	if (action)
		set_text(&f.action, action);
	if (via)
		f.shared_via = via;
	c = followup_save(db, who, &f, done, &e);
	if (c)
		printf("# followup_save: %s\n", e.msg);
	followup_free(&f);
	return c;
}

static kcode col_answer(const kactor *who, int64_t id, const char *seen)
{
	fu_colleague c;
	kerr e = { 0 };
	kcode rc = fucol_get(db, who, id, &c, &e);
	if (rc)
		return rc;
	set_text(&c.seen, seen);
	c.wants_more = 1;
	rc = fucol_answer(db, who, &c, &e);
	if (rc)
		printf("# fucol_answer: %s\n", e.msg);
	fucol_free(&c);
	return rc;
}

static kcode col_decline(const kactor *who, int64_t id, const char *reason)
{
	fu_colleague c;
	kerr e = { 0 };
	kcode rc = fucol_get(db, who, id, &c, &e);
	if (rc)
		return rc;
	rc = fucol_decline(db, who, id, c.version, reason, &e);
	if (rc)
		printf("# fucol_decline: %s\n", e.msg);
	fucol_free(&c);
	return rc;
}

/* What the follow-ups and parts listed say, for the report's 2026 scope
 * (completed participations of active staff in sessions of 2026). */
struct fu_counts { int written, closed, action, passed, asked, answered, declined; };

static void count_rows(struct fu_counts *k)
{
	memset(k, 0, sizeof *k);
	kpage pg = { .limit = 100 };
	followup_rec *f;
	int n;
	kerr e = { 0 };
	if (followup_list(db, &admin, &pg, &f, &n, &e))
		return;
	for (int i = 0; i < n; i++) {
		if (strncmp(f[i].session_ends, "2026", 4))
			continue;
		k->written += f[i].written_at[0] != 0;
		k->closed += f[i].done_at[0] != 0;
		k->action += f[i].action[0] != 0;
		k->passed += f[i].shared_via != 0;
		kpage cp = { .parent_id = f[i].id, .limit = 100 };
		fu_colleague *c;
		int m;
		if (fucol_list(db, &admin, &cp, &c, &m, &e))
			continue;
		for (int j = 0; j < m; j++) {
			k->asked++;
			k->answered += !strcmp(c[j].state, "answered");
			k->declined += !strcmp(c[j].state, "declined");
		}
		fucol_rows_free(c, m);
	}
	followup_rows_free(f, n);
}

static void test_followup_loop(void)
{
	kactor b1 = act("b1"), lb = act("lb"), x0 = act("x0"), a2 = act("a2"), a3 = act("a3");
	int64_t f3 = fu_of(3), f4 = fu_of(4), c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0;
	kerr e = { 0 };
	CHECK(f3 && f4, "the follow-ups of P3 (b1) and P4 (x0) are found");
	/* b1 writes; lb names a1, a2, a3: a1 answers, a2 declines, a3 waits */
	CHECK(fu_write(&b1, f3, "Ny rutine", NULL, 0, 0) == KE_OK, "b1 writes the follow-up");
	CHECK(fucol_ask(db, &lb, f3, 3, &c1, &e) == KE_OK && fucol_ask(db, &lb, f3, 4, &c2, &e) == KE_OK &&
	      fucol_ask(db, &lb, f3, 5, &c3, &e) == KE_OK, "lb names a1, a2 and a3 on b1's follow-up (%s)", e.msg);
	CHECK(col_answer(&a1, c1, "Nyt skema på stuen") == KE_OK, "a1 answers");
	CHECK(col_decline(&a2, c2, "Var ikke på arbejde") == KE_OK, "a2 declines with a reason");
	/* x0 writes; boss names b1 (answers) and a3 (declines), closes with an
	 * action and names the network session where it was passed on */
	CHECK(fu_write(&x0, f4, "Fælles sprog", NULL, 0, 0) == KE_OK, "x0 writes the follow-up");
	CHECK(fucol_ask(db, &boss, f4, 7, &c4, &e) == KE_OK && fucol_ask(db, &boss, f4, 5, &c5, &e) == KE_OK,
	      "boss names b1 and a3 on x0's follow-up (%s)", e.msg);
	CHECK(col_answer(&b1, c4, "Bruger modellen") == KE_OK, "b1 answers");
	CHECK(col_decline(&a3, c5, "Kender det ikke") == KE_OK, "a3 declines");
	CHECK(fu_write(&boss, f4, NULL, "Oplæg på teammødet", 2, 1) == KE_OK, "boss closes it with an action, passed on");

	report_t r;
	if (run(&admin, REP_FOLLOWUP, 0, &r))
		return;
	CHECK(r.ncols == 14 && !strcmp(r.cols[7].code, "written") && !strcmp(r.cols[13].code, "passed_on"),
	      "follow-up report: the new columns follow the old ones");
	/* Børnehus B: b1's written, its closing not yet due; three parts */
	CHECK(IS(row(&r, "Børnehus B", NULL), 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 3, 1, 1, 0),
	      "Børnehus B: b1's written, a1 answered, a2 declined, a3 asked");
	/* Område: x0's closed today, after its due date (late), with an action */
	CHECK(IS(row(&r, "Område", NULL), 1, 0, 1, 0, 0, 0, 0, 1, 1, 1, 2, 1, 1, 1),
	      "Område: x0's closed late with an action, passed on; b1 answered, a3 declined");
	CHECK(IS(row(&r, "Skole A", NULL), 3, 1, 1, 0, 0, 1, 33.3, 0, 2, 0, 0, 0, 0, 0),
	      "Skole A: unchanged, two closed");
	CHECK(IS(&r.total, 5, 1, 2, 1, 0, 1, 20, 2, 3, 1, 5, 2, 2, 1), "follow-up total with the colleagues' parts");
	struct fu_counts k;
	count_rows(&k);
	CHECK(r.total.v[7] == k.written && r.total.v[8] == k.closed && r.total.v[9] == k.action &&
	      r.total.v[10] == k.asked && r.total.v[11] == k.answered && r.total.v[12] == k.declined &&
	      r.total.v[13] == k.passed,
	      "the report's counts agree with the follow-ups and parts listed (%d written, %d closed, %d asked)",
	      k.written, k.closed, k.asked);

	kpage pg = { .limit = 50 };
	report_item *it;
	int got;
	if (!report_items(db, &admin, REP_FOLLOWUP, 2026, 0, row(&r, "Børnehus B", NULL), &pg, &it, &got, &e)) {
		CHECK(got == 1 && !strcmp(it[0].state, "written"), "behind Børnehus B: b1's, written (%s)",
		      got ? it[0].state : "");
		report_items_free(it, got);
	}
	report_free(&r);

	/* two weeks on, lb's closing is late: overdue in the report, and the
	 * drill-down says it is written and waits for the leader */
	setenv("KUP_TODAY", "2026-12-10", 1);
	if (!run(&admin, REP_FOLLOWUP, 0, &r)) {
		CHECK(IS(row(&r, "Børnehus B", NULL), 1, 0, 0, 0, 1), "Børnehus B: the closing step is overdue");
		pg = (kpage){ .limit = 50 };
		if (!report_items(db, &admin, REP_FOLLOWUP, 2026, 0, row(&r, "Børnehus B", NULL), &pg, &it, &got, &e)) {
			CHECK(got == 1 && !strcmp(it[0].state, "written_overdue"), "behind it: written_overdue (%s)",
			      got ? it[0].state : "");
			report_items_free(it, got);
		}
		report_free(&r);
	}
	setenv("KUP_TODAY", "2026-11-22", 1);

	/* the printed plan for x0's MUS meeting holds the follow-up's loop */
	char *doc = NULL;
	size_t len = 0;
	if (!plan_print(db, &boss, 1, PP_TXT, &doc, &len, &e)) {
		CHECK(strstr(doc, "Fælles sprog") && strstr(doc, "Oplæg på teammødet") && strstr(doc, "Netværk Y"),
		      "printed plan: what was learned, the action into practice and where it was passed on");
		CHECK(strstr(doc, "closed 22-11-2026") != NULL, "printed plan: the follow-up's state");
		CHECK(strstr(doc, "Bent En answered.") && strstr(doc, "Bruger modellen") &&
		      strstr(doc, "Wants to learn more.") && strstr(doc, "Aske Tre declined: Kender det ikke"),
		      "printed plan: the colleagues' parts, answered with their text and declined with the reason");
		free(doc);
	} else {
		CHECK(0, "print x0's plan: %s", e.msg);
	}
	/* a colleague sees no one's plan for being asked */
	CHECK(plan_print(db, &a3, 1, PP_TXT, &doc, &len, &e) == KE_DENIED, "a colleague may not print x0's plan");
}

/* Tag balance of an XHTML-style page: every opened element closed in order. */
static int balanced(const char *s)
{
	char stack[64][16];
	int depth = 0;
	for (const char *p = strchr(s, '<'); p; p = strchr(p + 1, '<')) {
		if (p[1] == '!')
			continue;
		int close = p[1] == '/';
		const char *n = p + 1 + close;
		size_t len = strspn(n, "abcdefghijklmnopqrstuvwxyz0123456789");
		const char *end = strchr(p, '>');
		if (!end || !len || len >= 16)
			return 0;
		if (end[-1] == '/')
			continue; /* <br/> */
		if (close) {
			if (!depth || strncmp(stack[depth - 1], n, len) || stack[depth - 1][len])
				return 0;
			depth--;
		} else if (depth < 64) {
			snprintf(stack[depth++], 16, "%.*s", (int)len, n);
		}
	}
	return depth == 0;
}

static void test_print(void)
{
	const plan_fmt fmts[] = { PP_MD, PP_HTML, PP_TXT };
	const char *names[] = { "md", "html", "txt" };
	for (int f = 0; f < 3; f++) {
		char *doc = NULL;
		size_t len = 0;
		kerr e = { 0 };
		/* la's own plan: two goals; la's leader is boss (the unit above) */
		if (plan_print(db, &la, 2, fmts[f], &doc, &len, &e)) {
			CHECK(0, "print %s: %s", names[f], e.msg);
			continue;
		}
		CHECK(strstr(doc, "Mål la en") && strstr(doc, "Mål la to") && strstr(doc, "Lis Leder") &&
		      strstr(doc, "Bo Boss") && strstr(doc, "Skole A") && strstr(doc, "2026") &&
		      strstr(doc, "Diplom Z") && strstr(doc, "Fællesskab") && strlen(doc) == len,
		      "the %s plan holds every goal, the person, unit, leader, focus area and activity", names[f]);
		free(doc);
	}
	char *doc = NULL;
	size_t len = 0;
	kerr e = { 0 };
	/* a1's plan: a goal and an evaluation full of markup */
	if (!plan_print(db, &admin, 3, PP_HTML, &doc, &len, &e)) {
		CHECK(strstr(doc, "&lt;b&gt;fed&lt;/b&gt; &amp; &quot;citat&quot;") && !strstr(doc, "<b>"),
		      "HTML: the texts are escaped");
		CHECK(strstr(doc, "<!DOCTYPE html>") && strstr(doc, "<style>") && strstr(doc, "@media print") &&
		      !strstr(doc, "http"), "HTML: one self-contained page with print styles");
		CHECK(balanced(doc), "HTML: every element is closed, in order");
		CHECK(strstr(doc, "Lært noget") != NULL, "the follow-up is in it");
		free(doc);
	} else {
		CHECK(0, "print html: %s", e.msg);
	}
	if (!plan_print(db, &admin, 3, PP_MD, &doc, &len, &e)) {
		CHECK(strstr(doc, "\\<b\\>fed") != NULL, "Markdown: markup characters are escaped");
		free(doc);
	}
	CHECK(plan_print(db, &la, 6, PP_TXT, &doc, &len, &e) == KE_DENIED, "la may not print lb's plan");
	CHECK(plan_print(db, &a1, 3, PP_TXT, &doc, &len, &e) == KE_OK, "a1 prints their own plan");
	free(doc);
}

int main(void)
{
	setenv("KUP_TODAY", "2026-11-22", 1);
	i18n_init("en");
	if (setup()) {
		CHECK(0, "setup");
		return t_done();
	}
	test_coverage();
	test_followup();
	test_competences_focus();
	test_crossprof_methods();
	test_cost();
	test_items();
	test_print();
	test_followup_loop();
	db_close(db);
	char f[400];
	snprintf(f, sizeof f, "%s-wal", path);
	unlink(f);
	snprintf(f, sizeof f, "%s-shm", path);
	unlink(f);
	unlink(path);
	rmdir(dir);
	i18n_done();
	return t_done();
}
