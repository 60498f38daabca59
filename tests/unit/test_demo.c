/* Unit tests for src/db/db_demo.c: the hand-written demo organisation (checked
 * on several "today"s, since its dates follow the current year) and a
 * generated municipality of 2000 staff, counted through a second sqlite3
 * connection; every state of the follow-up loop in both, and the logins the
 * README names seen through the data layer; plus who may create it and on
 * which database. */
#include "t.h"

#include <sqlite3.h>
#include <stdint.h>
#include <unistd.h>

#include "db.h"
#include "db_demo.h"
#include "db_overview.h"
#include "date.h"
#include "db_internal.h"
#include "i18n.h"
#include "text.h"

static char dir[] = "/tmp/kup-test-demo.XXXXXX";
static sqlite3 *raw;
static char today[11];
static int year;

/* First column of the first row of sql as an integer (-1 on error). */
static int64_t q(const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t out = -1;
	if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) != SQLITE_OK) {
		printf("# prepare: %s\n#   %s\n", sqlite3_errmsg(raw), sql);
		return -1;
	}
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, "$y"), year);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, "$today"), today, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return out;
}

/* First column of the first row as text, into out. */
static const char *qs(const char *sql, char *out, size_t n)
{
	sqlite3_stmt *st = NULL;
	snprintf(out, n, "%s", "(none)");
	if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

static void path_for(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
}

static void remove_db(const char *path)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	char f[300];
	for (int i = 0; i < 4; i++) {
		snprintf(f, sizeof f, "%s%s", path, ext[i]);
		unlink(f);
	}
}

static int open_raw(const char *path)
{
	if (sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		printf("# raw open: %s\n", sqlite3_errmsg(raw));
		return -1;
	}
	return 0;
}

static void close_raw(void)
{
	sqlite3_close(raw);
	raw = NULL;
}

static void check_sound(const char *what)
{
	char buf[200];
	CHECK_STR(qs("PRAGMA integrity_check", buf, sizeof buf), "ok", "%s: integrity_check", what);
	CHECK(q("SELECT count(*) FROM pragma_foreign_key_check") == 0, "%s: foreign_key_check clean", what);
	CHECK_STR(qs("PRAGMA journal_mode", buf, sizeof buf), "wal", "%s: the file is back in WAL mode", what);
	CHECK(q("SELECT count(*) FROM session s WHERE (SELECT count(*) FROM participation p"
		" WHERE p.session_id = s.id AND p.status IN ('enrolled','completed')) > s.capacity") == 0,
	      "%s: no session has more enrolled+completed than seats", what);
	CHECK(q("SELECT count(*) FROM participation p JOIN session s ON s.id = p.session_id"
		" JOIN activity a ON a.id = s.activity_id WHERE p.price <> a.price") == 0,
	      "%s: participation price is the activity's", what);
	CHECK(q("SELECT count(*) FROM participation p WHERE p.status = 'completed'"
		" AND NOT EXISTS (SELECT 1 FROM followup f WHERE f.participation_id = p.id)") == 0,
	      "%s: every completed participation has a follow-up", what);
	CHECK(q("SELECT count(*) FROM (SELECT session_id, wait_pos FROM participation WHERE status = 'waitlisted'"
		" GROUP BY 1, 2 HAVING count(*) > 1)") == 0, "%s: waiting-list positions are distinct", what);
	CHECK(q("SELECT count(*) FROM session WHERE signup_deadline > starts OR ends < starts") == 0,
	      "%s: session dates in order", what);
	/* agreed by the person's leader: their unit's, or for a leader the unit above */
	CHECK(q("SELECT count(*) FROM plan p JOIN staff s ON s.id = p.staff_id WHERE p.status <> 'draft'"
		" AND p.agreed_by NOT IN (SELECT l.staff_id FROM unit_leader l WHERE l.unit_id ="
		"  (CASE WHEN EXISTS (SELECT 1 FROM unit_leader m WHERE m.staff_id = s.id AND m.unit_id = s.unit_id)"
		"   THEN (SELECT parent_id FROM unit WHERE id = s.unit_id) ELSE s.unit_id END))") == 0,
	      "%s: plans are agreed by the person's own leader", what);
	CHECK(q("SELECT count(*) FROM staff WHERE login IS NULL OR login GLOB '*[^a-z0-9]*'"
		" OR email NOT LIKE '%@example.dk'") == 0, "%s: logins lower-case ASCII, emails @example.dk", what);
	/* nothing dated after today except what is planned */
	CHECK(q("SELECT count(*) FROM plan WHERE substr(agreed_at,1,10) > $today OR substr(accepted_at,1,10) > $today"
		" OR substr(evaluated_at,1,10) > $today") == 0, "%s: no plan agreed or evaluated after today", what);
	CHECK(q("SELECT count(*) FROM followup WHERE done_at > $today") == 0
	      && q("SELECT count(*) FROM participation WHERE substr(requested_at,1,10) > $today") == 0,
	      "%s: no follow-up done or request made after today", what);
}

static void check_summary(const demo_summary *s, const char *what)
{
	CHECK(s->units == q("SELECT count(*) FROM unit") && s->staff == q("SELECT count(*) FROM staff") &&
	      s->activities == q("SELECT count(*) FROM activity") && s->sessions == q("SELECT count(*) FROM session") &&
	      s->plans == q("SELECT count(*) FROM plan") &&
	      s->participations == q("SELECT count(*) FROM participation") &&
	      s->followups == q("SELECT count(*) FROM followup") &&
	      s->colleagues == q("SELECT count(*) FROM followup_colleague"), "%s: summary counts match the tables", what);
}

/* The institution a unit belongs to (teams sit in institutions in both
 * demos); NULL for an area. */
#define INST(U) "(SELECT CASE u.kind WHEN 'institution' THEN u.id WHEN 'team' THEN u.parent_id END" \
	" FROM unit u WHERE u.id = " U ")"
/* when the leader's step of a written follow-up falls due */
#define CLOSE_DUE "max(f.due, date(f.written_at, '+' || (SELECT weeks * 7 FROM followup_setting" \
	" WHERE key = 'close_weeks') || ' days'))"
#define FU_OF "FROM followup f JOIN participation p ON p.id = f.participation_id" \
	" JOIN staff st ON st.id = p.staff_id JOIN session se ON se.id = p.session_id"
#define COL_OF "FROM followup_colleague c JOIN staff cs ON cs.id = c.staff_id" \
	" JOIN followup f ON f.id = c.followup_id JOIN participation p ON p.id = f.participation_id" \
	" JOIN staff st ON st.id = p.staff_id"

/* Every state of the follow-up loop is there, and the rows agree with
 * one another. */
static void check_loop(const char *what)
{
	/* the follow-up's own states */
	CHECK(q("SELECT count(*) FROM followup f WHERE f.done_at IS NULL AND f.written_at IS NULL AND f.due >= $today") > 0,
	      "%s: follow-ups due, not yet written", what);
	CHECK(q("SELECT count(*) FROM followup f WHERE f.done_at IS NULL AND f.written_at IS NULL AND f.due < $today") > 0,
	      "%s: follow-ups overdue, not written", what);
	CHECK(q("SELECT count(*) FROM followup f WHERE f.done_at IS NULL AND f.written_at IS NOT NULL AND " CLOSE_DUE " >= $today") > 0,
	      "%s: follow-ups written, ready for the leader", what);
	CHECK(q("SELECT count(*) FROM followup f WHERE f.done_at IS NULL AND f.written_at IS NOT NULL AND " CLOSE_DUE " < $today") > 0,
	      "%s: follow-ups written long enough ago that the leader's step is overdue", what);
	CHECK(q("SELECT count(*) FROM followup f WHERE f.done_at IS NOT NULL AND f.action <> '' AND f.action_date IS NOT NULL") > 0 &&
	      q("SELECT count(*) FROM followup f WHERE f.done_at IS NOT NULL AND f.action <> '' AND f.action_date IS NULL") > 0,
	      "%s: follow-ups closed with an action into practice, with and without a date", what);
	CHECK(q("SELECT count(*) FROM followup f WHERE f.done_at IS NOT NULL AND f.action = ''") > 0,
	      "%s: follow-ups closed without an action", what);
	/* escalation: late by more than the escalation weeks, and the
	 * person's leader has a leader above */
	CHECK(q("SELECT count(*) " FU_OF " JOIN unit u ON u.id = st.unit_id WHERE f.done_at IS NULL AND st.role = 'employee'"
		" AND coalesce(" CLOSE_DUE ", f.due) < date($today, '-' || (SELECT weeks * 7 FROM followup_setting"
		"  WHERE key = 'escalate_weeks') || ' days')"
		" AND EXISTS (SELECT 1 FROM unit_leader l WHERE l.unit_id = u.id AND l.until IS NULL)"
		" AND EXISTS (SELECT 1 FROM unit_leader l WHERE l.unit_id = u.parent_id AND l.until IS NULL)") > 0,
	      "%s: a follow-up late beyond the escalation weeks, with a leader above the leader", what);
	CHECK(q("SELECT count(*) " FU_OF " JOIN session sv ON sv.id = f.shared_via JOIN activity a ON a.id = sv.activity_id"
		" WHERE a.method IN ('peer','network') AND sv.starts >= f.done_at") > 0,
	      "%s: a peer-training or network session names a follow-up as its source", what);

	/* the colleagues' parts */
	CHECK(q("SELECT count(*) FROM followup_colleague c WHERE c.state = 'asked' AND c.due >= $today") > 0,
	      "%s: colleagues asked, not yet due", what);
	CHECK(q("SELECT count(*) FROM followup_colleague c WHERE c.state = 'asked' AND c.due < $today") > 0,
	      "%s: colleagues asked and overdue", what);
	CHECK(q("SELECT count(*) FROM followup_colleague c WHERE c.state = 'answered' AND c.seen <> '' AND c.own_use <> ''"
		" AND c.wants_more = 1") > 0 &&
	      q("SELECT count(*) FROM followup_colleague c WHERE c.state = 'answered' AND c.wants_more = 0") > 0,
	      "%s: colleagues answered, some wanting more", what);
	CHECK(q("SELECT count(*) FROM followup_colleague c WHERE c.state = 'declined' AND c.reason <> ''") > 0,
	      "%s: colleagues declined with a reason", what);
	CHECK(q("SELECT count(*) " COL_OF " WHERE " INST("cs.unit_id") " <> " INST("st.unit_id")) > 0,
	      "%s: colleagues from other institutions", what);
	CHECK(q("SELECT count(*) FROM followup_colleague c JOIN followup f ON f.id = c.followup_id"
		" WHERE f.done_at IS NULL AND c.state <> 'asked'") > 0 &&
	      q("SELECT count(*) FROM followup_colleague c JOIN followup f ON f.id = c.followup_id"
		" WHERE f.done_at IS NOT NULL") > 0, "%s: colleagues on open and on closed follow-ups", what);

	/* the rows agree */
	CHECK(q("SELECT count(*) FROM followup f WHERE (f.written_at IS NULL) <> (f.learned = '' AND f.practice = '')") == 0,
	      "%s: written exactly when the person has written something", what);
	CHECK(q("SELECT count(*) " FU_OF " WHERE f.written_at > $today OR f.written_at < se.ends OR f.written_at > f.done_at") == 0,
	      "%s: written after the session and before it was closed, never after today", what);
	CHECK(q("SELECT count(*) FROM followup f WHERE f.action = '' AND (f.action_date IS NOT NULL OR f.done_at IS NULL)") ==
	      q("SELECT count(*) FROM followup f WHERE f.action = '' AND f.done_at IS NULL"),
	      "%s: an action date only with an action", what);
	CHECK(q("SELECT count(*) FROM followup f WHERE f.action <> '' AND f.done_at IS NULL") == 0,
	      "%s: actions only on closed follow-ups", what);
	CHECK(q("SELECT count(*) " COL_OF " WHERE cs.id = st.id OR cs.active = 0") == 0,
	      "%s: colleagues are active and not the person", what);
	CHECK(q("SELECT count(*) FROM followup_colleague c WHERE date(c.asked_at) > $today OR c.answered_at > $today"
		" OR c.answered_at < date(c.asked_at)") == 0, "%s: asked and answered in order, never after today", what);
	CHECK(q("SELECT count(*) FROM followup_colleague c WHERE c.due <> date(c.asked_at, '+' || (SELECT weeks * 7"
		" FROM followup_setting WHERE key = 'colleague_weeks') || ' days')") == 0,
	      "%s: a colleague's part falls due the colleague weeks after it was asked", what);
	CHECK(q("SELECT count(*) FROM followup_colleague c WHERE (c.state = 'answered') <> (c.seen <> '')"
		" OR (c.state = 'declined') <> (c.reason <> '') OR (c.wants_more = 1 AND c.state <> 'answered')") == 0,
	      "%s: answers only on answered parts, reasons only on declined ones", what);
	CHECK(q("SELECT count(*) " COL_OF " WHERE c.asked_by IS NULL OR c.asked_by NOT IN (st.id, f.done_by,"
		" (SELECT l.staff_id FROM unit_leader l WHERE l.unit_id = st.unit_id AND l.until IS NULL AND l.staff_id <> st.id),"
		" (SELECT l.staff_id FROM unit_leader l JOIN unit u ON u.parent_id = l.unit_id WHERE u.id = st.unit_id"
		"  AND l.until IS NULL), (SELECT id FROM staff WHERE role = 'admin' ORDER BY id LIMIT 1))") == 0,
	      "%s: colleagues are named by the person or their leader", what);
}

/* The people the README names show what it says, read through the data
 * layer as they would see it. */
static void check_logins(kdb *db)
{
	static const struct { const char *login, *says; ov_section s; } shows[] = {
		{ "sg", "an employee with a follow-up to write", OV_MY_FOLLOWUPS },
		{ "ak", "a colleague with a part to write", OV_MY_COLLEAGUE },
		{ "jn", "a colleague with a part overdue", OV_MY_COLLEAGUE },
		{ "sag", "a leader with follow-ups to close", OV_FOLLOWUPS },
		{ "jb", "a leader above with escalated follow-ups", OV_ESCALATED },
	};
	ov_when w = { .year = year, .soon_days = 14, .due_days = -1 };
	for (size_t i = 0; i < sizeof shows / sizeof shows[0]; i++) {
		kactor who;
		kerr e = { 0 };
		ov_counts n;
		CHECK(db_actor_for_login(db, shows[i].login, 0, &who, &e) == KE_OK &&
		      overview_count(db, &who, &w, &n, &e) == KE_OK && n.n[shows[i].s] > 0,
		      "demo on %s: %s is %s (%s)", today, shows[i].login, shows[i].says, e.msg);
		if (!strcmp(shows[i].login, "sag"))
			CHECK(n.led_written > 0, "demo on %s: sag has a written follow-up ready to close", today);
		if (!strcmp(shows[i].login, "jn"))
			CHECK(n.colleague_overdue > 0, "demo on %s: jn's part is overdue", today);
	}
	/* the stories themselves */
	CHECK(q("SELECT count(*) " FU_OF " WHERE st.login = 'sg' AND f.written_at IS NULL AND f.due BETWEEN $today"
		" AND date($today, '+14 days')") == 1, "demo on %s: sg's follow-up falls due within two weeks", today);
	CHECK(q("SELECT count(*) " FU_OF " JOIN staff l ON l.id = f.done_by JOIN session sv ON sv.id = f.shared_via"
		" WHERE st.login = 'no' AND l.login = 'ah' AND f.action <> '' AND sv.starts > $today"
		" AND EXISTS (SELECT 1 FROM participation x WHERE x.session_id = sv.id AND x.staff_id = st.id"
		"  AND x.status = 'enrolled')") == 1,
	      "demo on %s: no's leader closed her follow-up and started a peer-training session she is on", today);
}

static void check_demo(const demo_summary *sum, const kactor *who)
{
	char buf[200], what[40];
	snprintf(what, sizeof what, "demo on %s", today);
	check_summary(sum, what);
	check_sound(what);

	/* organisation */
	CHECK(q("SELECT count(*) FROM unit") >= 8, "%s: at least 8 units", what);
	CHECK(q("SELECT count(*) FROM unit t JOIN unit i ON i.id = t.parent_id JOIN unit a ON a.id = i.parent_id"
		" WHERE t.kind = 'team' AND i.kind = 'institution' AND a.kind = 'area' AND a.parent_id IS NULL") >= 3,
	      "%s: three levels area > institution > team", what);
	CHECK(q("SELECT count(*) FROM staff") == 60, "%s: 60 staff", what);
	CHECK(q("SELECT count(DISTINCT profession_id) FROM staff") >= 6, "%s: at least 6 professions in use", what);
	CHECK(q("SELECT count(*) FROM staff WHERE active = 0 AND employed_to IS NOT NULL") == 2, "%s: 2 deactivated", what);
	CHECK(q("SELECT count(*) FROM staff WHERE role = 'admin'") == 1, "%s: exactly one admin", what);
	CHECK(q("SELECT count(DISTINCT u.kind) FROM unit_leader l JOIN unit u ON u.id = l.unit_id WHERE l.until IS NULL") == 3,
	      "%s: leaders at every level", what);
	CHECK(q("SELECT count(*) FROM unit u WHERE NOT EXISTS (SELECT 1 FROM unit_leader l WHERE l.unit_id = u.id)") == 0,
	      "%s: every unit has a leader, so every leader has one above", what);
	CHECK(q("SELECT count(*) FROM unit_leader l JOIN staff s ON s.id = l.staff_id WHERE s.role <> 'leader'"
		" OR s.unit_id <> l.unit_id") == 0, "%s: unit leaders have the leader role and sit in their unit", what);
	CHECK(q("SELECT count(*) FROM staff WHERE name LIKE '%æ%'") > 0 && q("SELECT count(*) FROM staff WHERE name LIKE '%ø%'") > 0 &&
	      q("SELECT count(*) FROM staff WHERE name LIKE '%å%' OR name LIKE '%Å%'") > 0 &&
	      q("SELECT count(*) FROM staff WHERE name GLOB '*Aa*'") > 0, "%s: names with æ, ø, å and Aa", what);
	char *key = text_sortkey("Søren Ågård"), *fold = staff_fold_text("Søren Ågård", "SÅG",
		"Afdelingsleder, indskolingen", "Indskoling", "sag");
	CHECK_STR(qs("SELECT sort_key FROM staff WHERE login = 'sag'", buf, sizeof buf), key ? key : "", "%s: staff sort key", what);
	CHECK_STR(qs("SELECT fold FROM staff WHERE login = 'sag'", buf, sizeof buf), fold ? fold : "", "%s: staff search text", what);
	free(key);
	free(fold);
	CHECK(q("SELECT count(*) FROM focus_area WHERE year = $y") == 3 && q("SELECT count(*) FROM focus_area WHERE year = $y - 1") == 2,
	      "%s: 3 focus areas this year, 2 last year", what);

	/* catalogue */
	CHECK(q("SELECT count(*) FROM activity") == 25, "%s: 25 activities", what);
	CHECK(q("SELECT count(DISTINCT method) FROM activity") >= 6, "%s: at least 6 methods", what);
	CHECK(q("SELECT count(*) FROM activity WHERE method = 'diploma' AND ects > 0") > 0, "%s: a diploma module with ECTS", what);
	CHECK(q("SELECT count(*) FROM activity WHERE method = 'peer'") > 0, "%s: peer training", what);
	CHECK(q("SELECT count(*) FROM activity WHERE method = 'network' AND cross_prof = 1") > 0, "%s: a cross-professional network", what);
	CHECK(q("SELECT count(*) FROM activity a WHERE (SELECT count(*) FROM session s WHERE s.activity_id = a.id) NOT BETWEEN 1 AND 3") == 0,
	      "%s: 1-3 sessions per activity", what);
	CHECK(q("SELECT count(DISTINCT CAST(substr(starts,1,4) AS INTEGER) - $y) FROM session"
		" WHERE CAST(substr(starts,1,4) AS INTEGER) - $y BETWEEN -1 AND 1") == 3, "%s: sessions in Y-1, Y and Y+1", what);
	CHECK(q("SELECT count(*) FROM activity a WHERE NOT EXISTS (SELECT 1 FROM activity_competence c WHERE c.activity_id = a.id)") == 0,
	      "%s: every activity has competence areas", what);
	CHECK(q("SELECT count(*) FROM activity a JOIN activity_profession p ON p.activity_id = a.id") > 0,
	      "%s: activities have target professions", what);
	CHECK(q("SELECT count(*) FROM activity WHERE fold LIKE '%kursus%course%' OR fold LIKE '%course%kursus%'") > 0,
	      "%s: activity search text holds the method in both languages", what);

	/* plans and goals */
	int64_t active = q("SELECT count(*) FROM staff WHERE active = 1");
	int64_t plans = q("SELECT count(*) FROM plan WHERE year = $y");
	CHECK(plans * 100 > active * 75 && plans * 100 < active * 90, "%s: plan coverage %lld of %lld active", what,
	      (long long)plans, (long long)active);
	CHECK(q("SELECT count(DISTINCT status) FROM plan") == 3, "%s: all three plan statuses", what);
	CHECK(q("SELECT count(*) FROM plan WHERE year = $y - 1 AND status = 'evaluated'") * 2 > q("SELECT count(*) FROM plan WHERE year = $y - 1"),
	      "%s: last year's plans mostly evaluated", what);
	CHECK(q("SELECT count(*) FROM plan WHERE status = 'evaluated' AND (evaluation = '' OR evaluated_by IS NULL)") == 0,
	      "%s: evaluated plans have an evaluation", what);
	CHECK(q("SELECT count(*) FROM plan p WHERE (SELECT count(*) FROM goal g WHERE g.plan_id = p.id) NOT BETWEEN 1 AND 4") == 0,
	      "%s: 1-4 goals per plan", what);
	CHECK(q("SELECT count(DISTINCT competence_id) FROM goal") == 4, "%s: goals in all 4 competence areas", what);
	CHECK(q("SELECT count(DISTINCT status) FROM goal") == 4, "%s: goals in every status", what);
	CHECK(q("SELECT count(*) FROM goal g JOIN focus_area f ON f.id = g.focus_id JOIN plan p ON p.id = g.plan_id"
		" WHERE f.year = p.year") > 0 && q("SELECT count(*) FROM goal g JOIN focus_area f ON f.id = g.focus_id"
		" JOIN plan p ON p.id = g.plan_id WHERE f.year <> p.year") == 0, "%s: goals linked to their year's focus areas", what);
	CHECK(q("SELECT count(DISTINCT what) FROM goal") >= 15, "%s: varied goal texts", what);

	/* participation and follow-up */
	static const char *const statuses[] = { "requested", "rejected", "enrolled", "waitlisted", "completed", "cancelled", "noshow" };
	for (int i = 0; i < 7; i++) {
		char sql[120];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM participation WHERE status = '%s'", statuses[i]);
		CHECK(q(sql) > 0, "%s: a participation is %s", what, statuses[i]);
	}
	CHECK(q("SELECT count(*) FROM participation WHERE goal_id IS NOT NULL") > 0, "%s: participations serve goals", what);
	CHECK(q("SELECT count(*) FROM participation p JOIN goal g ON g.id = p.goal_id JOIN plan pl ON pl.id = g.plan_id"
		" WHERE pl.staff_id <> p.staff_id") == 0, "%s: a participation serves the person's own goal", what);
	CHECK(q("SELECT count(*) FROM followup WHERE done_at IS NOT NULL AND leader_comment <> '' AND learned <> ''") > 0,
	      "%s: follow-ups done", what);
	CHECK(q("SELECT count(*) FROM followup WHERE done_at IS NULL AND due >= $today") > 0, "%s: follow-ups due later", what);
	CHECK(q("SELECT count(*) FROM followup WHERE done_at IS NULL AND due < $today") > 0, "%s: follow-ups overdue", what);
	check_loop(what);

	/* the audit says who made it */
	char want[400];
	snprintf(want, sizeof want, "%s create 0 {\"staff\":60}", who->login);
	CHECK_STR(qs("SELECT login || ' ' || action || ' ' || row_id || ' ' || new FROM audit WHERE tbl = 'demo'", buf, sizeof buf),
		  want, "%s: audit row names who made it", what);
	CHECK(q("SELECT count(*) FROM audit") == 1, "%s: one audit row for the whole load", what);
}

static void run_demo(const char *day)
{
	char path[256], name[40];
	snprintf(name, sizeof name, "demo-%s.db", day);
	path_for(path, sizeof path, name);
	setenv("KUP_TODAY", day, 1);
	snprintf(today, sizeof today, "%s", day);
	year = atoi(day);
	kdb *db = NULL;
	kerr e = { 0 };
	kactor who;
	db_actor_local_admin(&who, "hr-tester");
	demo_summary sum;
	CHECK(db_open(path, DB_OPEN_CREATE, &db, &e) == KE_OK, "open %s", name);
	if (!db)
		return;
	kcode c = demo_create(db, &who, 0, &sum, &e);
	CHECK(c == KE_OK, "demo_create on %s (%s)", day, e.msg);
	int64_t fk = 0;
	CHECK(db_scalar(db, "PRAGMA foreign_keys", 0, &fk, &e) == KE_OK && fk == 1,
	      "the connection enforces foreign keys again afterwards");
	/* a second time on the same file: refused, nothing changes */
	demo_summary again;
	c = demo_create(db, &who, 0, &again, &e);
	CHECK(c == KE_EXISTS && strstr(e.msg, "empty") && again.staff == 0, "a database with data is refused: %s", e.msg);
	if (open_raw(path) == 0) {
		check_logins(db);
		check_demo(&sum, &who);
		close_raw();
	}
	db_close(db);
	remove_db(path);
}

static void test_refusals(void)
{
	char path[256];
	path_for(path, sizeof path, "refuse.db");
	kdb *db = NULL;
	kerr e = { 0 };
	CHECK(db_open(path, DB_OPEN_CREATE, &db, &e) == KE_OK, "open refuse.db");
	if (!db)
		return;
	kactor emp, lead, admin;
	db_actor_local_admin(&admin, "admin");
	emp = admin;
	emp.role = ROLE_EMPLOYEE;
	lead = admin;
	lead.role = ROLE_LEADER;
	demo_summary sum;
	CHECK(demo_create(db, &emp, 0, &sum, &e) == KE_DENIED, "an employee may not create the demo");
	CHECK(demo_create(db, &lead, 50, &sum, &e) == KE_DENIED, "a leader may not create the demo");
	CHECK(demo_create(db, &admin, -5, &sum, &e) == KE_INVALID && strstr(e.msg, "1000000"),
	      "a negative size is refused: %s", e.msg);
	db_close(db);
	if (open_raw(path) == 0) {
		CHECK(q("SELECT count(*) FROM staff") + q("SELECT count(*) FROM unit") + q("SELECT count(*) FROM audit") == 0,
		      "refusals leave the database empty");
		close_raw();
	}
	remove_db(path);
}

static void test_generated(void)
{
	char path[256];
	path_for(path, sizeof path, "gen.db");
	unsetenv("KUP_TODAY");
	char t[11];
	date_today(t);
	snprintf(today, sizeof today, "%s", t);
	year = atoi(t);
	kdb *db = NULL;
	kerr e = { 0 };
	kactor who;
	db_actor_local_admin(&who, "bench");
	demo_summary sum;
	CHECK(db_open(path, DB_OPEN_CREATE, &db, &e) == KE_OK, "open gen.db");
	if (!db)
		return;
	CHECK(demo_create(db, &who, 2000, &sum, &e) == KE_OK, "demo --staff 2000 (%s)", e.msg);
	db_close(db);
	if (open_raw(path) != 0)
		return;
	check_summary(&sum, "generated");
	check_sound("generated");
	CHECK(q("SELECT count(*) FROM staff") == 2000, "generated: 2000 staff");
	CHECK(q("SELECT count(DISTINCT login) FROM staff") == 2000, "generated: unique logins");
	CHECK(q("SELECT count(DISTINCT year) FROM plan") == 5 && q("SELECT min(year) FROM plan") == year - 4 &&
	      q("SELECT max(year) FROM plan") == year, "generated: plans for Y-4 .. Y");
	CHECK(q("SELECT count(*) FROM (SELECT year, count(*) n FROM plan GROUP BY year"
		" HAVING n * 100 < (SELECT count(*) FROM staff) * 60)") == 0, "generated: every year's coverage is high");
	CHECK(q("SELECT count(*) FROM plan p WHERE (SELECT count(*) FROM goal g WHERE g.plan_id = p.id) NOT BETWEEN 2 AND 4") == 0,
	      "generated: 2-4 goals per plan");
	CHECK(q("SELECT count(*) FROM staff WHERE role = 'admin'") == 1, "generated: one admin");
	CHECK(q("SELECT count(*) FROM unit WHERE kind = 'institution'") == 50 && q("SELECT count(*) FROM unit WHERE kind = 'team'") == 150,
	      "generated: institutions of ~40 with teams");
	CHECK(q("SELECT count(*) FROM unit u WHERE NOT EXISTS (SELECT 1 FROM unit_leader l WHERE l.unit_id = u.id)") == 0,
	      "generated: a leader for each unit");
	CHECK(q("SELECT count(*) FROM activity") == 200, "generated: 200 activities");
	CHECK(q("SELECT count(DISTINCT substr(starts,1,4)) FROM session WHERE CAST(substr(starts,1,4) AS INTEGER) BETWEEN $y - 4 AND $y") == 5,
	      "generated: sessions every year");
	int64_t parts = q("SELECT count(*) FROM participation p JOIN session s ON s.id = p.session_id"
			  " WHERE CAST(substr(s.starts,1,4) AS INTEGER) BETWEEN $y - 4 AND $y");
	CHECK(parts >= 5 * 2000 && parts <= 5 * 2000 * 2.5, "generated: about 1.5 participations per person a year (%lld)",
	      (long long)parts);
	CHECK(q("SELECT count(DISTINCT status) FROM participation") == 7, "generated: every participation status");
	CHECK(q("SELECT count(*) FROM followup WHERE done_at IS NULL AND due < $today") > 0 &&
	      q("SELECT count(*) FROM followup WHERE done_at IS NOT NULL") > 0, "generated: follow-ups done and overdue");
	check_loop("generated");
	close_raw();
	remove_db(path);
}

int main(void)
{
	i18n_set(LANG_EN);
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_refusals();
	/* the demo's dates follow the year: early, middle and end of it */
	run_demo("2026-01-03");
	run_demo("2026-06-15");
	run_demo("2027-12-30");
	test_generated();
	rmdir(dir);
	i18n_done();
	return t_done();
}
