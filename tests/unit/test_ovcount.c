/* Unit tests for Overblik's counts (db_overview.c, issue 8): the counts of
 * the sections about the people led have statements of their own, cheaper
 * than the sections' lists, and stop at a cap (100 read org-wide, 1000
 * from the led units). Whatever the way, each count must be the number of
 * rows the section's list gives, up to the cap — for an admin, for a top
 * leader whose units hold more than 2000 people (read org-wide) and for an
 * institution leader (read from the led units), on a generated
 * municipality of 2500 staff with five years of history. */
#include "t.h"

#include <sqlite3.h>
#include <stdint.h>
#include <unistd.h>

#include "db.h"
#include "db_demo.h"
#include "db_followup.h"
#include "db_overview.h"
#include "i18n.h"

static char dir[] = "/tmp/kup-test-ovcount.XXXXXX";
static kdb *db;

/* What a section's list holds besides its rows, for the counts kept apart. */
struct tally {
	int flagged;  /* 'F' and 'C' rows whose step is past due (the row's flag) */
	int written;  /* 'F' rows written, waiting for the leader */
	int to_write; /* 'F' rows not yet written and past due */
};
static struct tally tally;

/* Rows of section s, read a page at a time, up to max. */
static int list_rows(const kactor *who, ov_section s, const ov_when *w, int max, int *overdue,
		     const char *today)
{
	int total = 0;
	char *key = NULL;
	int64_t id = 0;
	*overdue = 0;
	memset(&tally, 0, sizeof tally);
	for (;;) {
		kpage pg = { .after_key = key, .after_id = id, .limit = 50 };
		ov_row *rows;
		int n;
		kerr e = { 0 };
		if (overview_list(db, who, s, w, &pg, &rows, &n, &e)) {
			printf("# overview_list %d: %s\n", (int)s, e.msg);
			free(key);
			return -1;
		}
		for (int i = 0; i < n; i++) {
			if (rows[i].kind == 'F' && strcmp(rows[i].date, today) < 0)
				(*overdue)++;
			tally.flagged += (rows[i].kind == 'F' || rows[i].kind == 'C') && rows[i].flag;
			tally.written += rows[i].kind == 'F' && !strcmp(rows[i].status, "written");
			tally.to_write += rows[i].kind == 'F' && !strcmp(rows[i].status, "due") && rows[i].flag;
		}
		total += n;
		free(key);
		key = n ? strdup(rows[n - 1].sort_key) : NULL;
		id = n ? rows[n - 1].id : 0;
		ov_rows_free(rows, n);
		if (n < 50 || total >= max || !key)
			break;
	}
	free(key);
	return total;
}

static void check_when(const char *who_name, const kactor *who, int want_cap_led, ov_when w, int want_capped)
{
	ov_counts c;
	kerr e = { 0 };
	CHECK(overview_count(db, who, &w, &c, &e) == KE_OK, "%s: overview_count (%s)", who_name, e.msg);
	CHECK(c.cap_led == want_cap_led && c.cap_own == 1000, "%s: counts stop at %d (led) and 1000 (own): %d, %d",
	      who_name, want_cap_led, c.cap_led, c.cap_own);
	int capped = 0;
	for (int s = 0; s < OV_COUNT; s++) {
		if (!OV_IS_LED(s) && !who->staff_id)
			continue;
		int cap = OV_IS_LED(s) ? c.cap_led : c.cap_own, overdue;
		int rows = list_rows(who, (ov_section)s, &w, cap, &overdue, getenv("KUP_TODAY"));
		int want = rows < cap ? rows : cap;
		CHECK(c.n[s] == want, "%s: section %d counts %d, its list has %d%s", who_name, s, c.n[s], rows,
		      rows >= cap ? " or more" : "");
		capped += rows >= cap;
		/* The list is by due day, but a written follow-up is overdue
		 * only once its leader's step is, which may be after rows
		 * further down: when the list is capped, count them all. */
		if (s == OV_FOLLOWUPS && rows >= cap && list_rows(who, (ov_section)s, &w, 1000000, &overdue, getenv("KUP_TODAY")) < 0)
			overdue = -1;
		if (s == OV_FOLLOWUPS) {
			CHECK(c.led_overdue == (overdue < cap ? overdue : cap),
			      "%s: %d overdue follow-ups, the list has %d", who_name, c.led_overdue, overdue);
			CHECK(c.led_overdue == (tally.flagged < cap ? tally.flagged : cap),
			      "%s: %d overdue follow-ups, the list flags %d", who_name, c.led_overdue, tally.flagged);
			if (rows < cap)
				CHECK(c.led_written == tally.written, "%s: %d follow-ups ready to close, the list has %d",
				      who_name, c.led_written, tally.written);
		}
		if (s == OV_MY_FOLLOWUPS)
			CHECK(c.my_overdue == tally.to_write, "%s: %d of my follow-ups overdue, the list has %d",
			      who_name, c.my_overdue, tally.to_write);
		if (s == OV_MY_COLLEAGUE)
			CHECK(c.colleague_overdue == tally.flagged, "%s: %d colleagues' parts overdue, the list has %d",
			      who_name, c.colleague_overdue, tally.flagged);
	}
	if (want_capped)
		CHECK(capped > 0, "%s: some count reached the cap (so the cap is tested)", who_name);
	else
		CHECK(capped < OV_COUNT - OV_NO_PLAN, "%s: some count stays below the cap (so exact counts are tested)",
		      who_name);
}

/* This year (the org-wide counts reach their cap), and an old year with a
 * short "soon" and only the follow-ups due by today (they stay below it). */
static void check_actor(const char *who_name, const kactor *who, int want_cap_led)
{
	char name[80];
	ov_when now = { .year = 2026, .soon_days = 30, .due_days = -1 };
	ov_when old = { .year = 2022, .soon_days = 3, .due_days = 0 };
	check_when(who_name, who, want_cap_led, now, want_cap_led == 100);
	snprintf(name, sizeof name, "%s, 2022", who_name);
	check_when(name, who, want_cap_led, old, 0);
}

static int actor_of(const char *sql, kactor *who)
{
	sqlite3 *raw = NULL;
	char path[300], login[64] = "";
	snprintf(path, sizeof path, "%s/o.db", dir);
	if (sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
			snprintf(login, sizeof login, "%s", sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	sqlite3_close(raw);
	kerr e = { 0 };
	if (!login[0] || db_actor_for_login(db, login, 0, who, &e)) {
		printf("# no actor for %s: %s\n", sql, e.msg);
		return -1;
	}
	return 0;
}


/* Whether section s of who's Overblik lists the record kind/id. */
static int lists(const kactor *who, ov_section s, char kind, int64_t id, ov_row *found)
{
	ov_when w = { .year = 2026, .soon_days = 30, .due_days = -1 };
	char *key = NULL;
	int64_t after = 0, hit = 0;
	for (;;) {
		kpage pg = { .after_key = key, .after_id = after, .limit = 100 };
		ov_row *rows;
		int n;
		kerr e = { 0 };
		if (overview_list(db, who, s, &w, &pg, &rows, &n, &e)) {
			printf("# overview_list %d: %s\n", (int)s, e.msg);
			break;
		}
		for (int i = 0; i < n && !hit; i++)
			if (rows[i].kind == kind && rows[i].id == id) {
				hit = 1;
				if (found) {
					*found = rows[i];
					found->name = found->what = found->sort_key = NULL;
				}
			}
		free(key);
		key = n ? strdup(rows[n - 1].sort_key) : NULL;
		after = n ? rows[n - 1].id : 0;
		ov_rows_free(rows, n);
		if (hit || n < 100 || !key)
			break;
	}
	free(key);
	return (int)hit;
}

static int64_t setting_version(const kactor *admin, const char *key)
{
	fu_setting *st;
	int n;
	int64_t v = -1;
	kerr e = { 0 };
	if (fu_setting_list(db, admin, &st, &n, &e))
		return -1;
	for (int i = 0; i < n; i++)
		if (!strcmp(st[i].key, key))
			v = st[i].version;
	free(st);
	return v;
}

/* The follow-up loop on the small demo: a follow-up of a team member late
 * by more than the escalation weeks shows as escalated at the institution
 * leader above, not at the team leader (who has it among the follow-ups to
 * close), never for an employee; colleagues named on it (an employee and a
 * leader) have their part in their own section; once written it is ready
 * for the team leader and no longer escalated. Every actor's counts agree
 * with the lists at each step. */
static void check_loop(const kactor *admin)
{
	ov_when now = { .year = 2026, .soon_days = 30, .due_days = -1 };
	/* late by 8 weeks or more, less than two years */
#define LATE_FU "FROM followup f JOIN participation p ON p.id = f.participation_id" \
	" JOIN staff s ON s.id = p.staff_id JOIN unit u ON u.id = s.unit_id" \
	" WHERE u.kind = 'team' AND s.role = 'employee' AND s.login IS NOT NULL" \
	" AND f.done_at IS NULL AND f.written_at IS NULL" \
	" AND f.due < '2026-09-27' AND f.due > '2025-01-01'" \
	" AND EXISTS (SELECT 1 FROM unit_leader l WHERE l.unit_id = u.id AND l.until IS NULL)" \
	" AND EXISTS (SELECT 1 FROM unit_leader l WHERE l.unit_id = u.parent_id AND l.until IS NULL)" \
	" ORDER BY f.id LIMIT 1"
#define LEADER_OF(UNIT) "SELECT ls.login FROM unit_leader l JOIN staff ls ON ls.id = l.staff_id" \
	" WHERE l.until IS NULL AND l.unit_id = (" UNIT ") ORDER BY l.id LIMIT 1"
	kactor person, team, inst, other;
	if (actor_of("SELECT s.login " LATE_FU, &person) ||
	    actor_of(LEADER_OF("SELECT s.unit_id " LATE_FU), &team) ||
	    actor_of(LEADER_OF("SELECT u.parent_id " LATE_FU), &inst) ||
	    actor_of("SELECT c.login FROM staff c WHERE c.role = 'employee' AND c.active AND c.login IS NOT NULL"
		     " AND c.unit_id <> (SELECT s.unit_id " LATE_FU ") ORDER BY c.id LIMIT 1", &other)) {
		CHECK(0, "the small demo has a late follow-up of a team member with two leaders above");
		return;
	}
	ov_counts c;
	kerr e = { 0 };
	followup_rec *mine;
	int n;
	kpage pg = { .staff_id = person.staff_id, .limit = 500 };
	int64_t fid = 0;
	CHECK(followup_list(db, &person, &pg, &mine, &n, &e) == KE_OK, "the person's follow-ups (%s)", e.msg);
	for (int i = 0; i < n && !fid; i++)
		if (!mine[i].done_at[0] && !mine[i].written_at[0] && strcmp(mine[i].due, "2026-09-27") < 0 &&
		    strcmp(mine[i].due, "2025-01-01") > 0)
			fid = mine[i].id;
	followup_rows_free(mine, n);
	CHECK(fid > 0, "the late follow-up is the person's own");

	CHECK(lists(&inst, OV_ESCALATED, 'F', fid, NULL), "the institution leader sees it escalated");
	CHECK(!lists(&team, OV_ESCALATED, 'F', fid, NULL), "the team leader does not see it escalated");
	ov_row r;
	CHECK(lists(&team, OV_FOLLOWUPS, 'F', fid, &r) && r.flag && !strcmp(r.status, "due"),
	      "the team leader has it among the follow-ups, overdue");
	CHECK(overview_count(db, &person, &now, &c, &e) == KE_OK && c.n[OV_ESCALATED] == 0,
	      "an employee has no escalated section");
	CHECK(!lists(&person, OV_ESCALATED, 'F', fid, NULL), "... and the list gives the employee nothing");
	CHECK(lists(admin, OV_ESCALATED, 'F', fid, NULL), "an admin sees it escalated");

	/* the setting decides: two years is longer than it is late */
	int64_t v = setting_version(admin, "escalate_weeks");
	CHECK(fu_setting_set(db, &team, "escalate_weeks", 104, v, &e) == KE_DENIED, "a leader may not change it");
	CHECK(fu_setting_set(db, admin, "escalate_weeks", 104, v + 7, &e) == KE_CONFLICT,
	      "an admin naming an old version is told someone else saved");
	memset(&e, 0, sizeof e);
	CHECK(fu_setting_set(db, admin, "escalate_weeks", 104, v, &e) == KE_OK, "an admin sets 104 weeks (%s)", e.msg);
	CHECK(!lists(&inst, OV_ESCALATED, 'F', fid, NULL), "with 104 weeks it is not escalated");
	check_when("institution leader, 104 weeks", &inst, 1000, now, 0);
	CHECK(fu_setting_set(db, admin, "escalate_weeks", 4, setting_version(admin, "escalate_weeks"), &e) == KE_OK,
	      "back to 4 weeks (%s)", e.msg);

	/* colleagues named on it: an employee elsewhere and a leader (the
	 * demo may have named them on others already) */
	int64_t part1 = 0, part2 = 0;
	CHECK(overview_count(db, &other, &now, &c, &e) == KE_OK, "the colleague's counts before (%s)", e.msg);
	int parts0 = c.n[OV_MY_COLLEAGUE], late0 = c.colleague_overdue;
	CHECK(fucol_ask(db, &person, fid, other.staff_id, &part1, &e) == KE_OK, "the person names a colleague (%s)",
	      e.msg);
	CHECK(fucol_ask(db, &person, fid, inst.staff_id, &part2, &e) == KE_OK, "... and a leader (%s)", e.msg);
	CHECK(lists(&other, OV_MY_COLLEAGUE, 'C', part1, &r) && r.followup_id == fid && !r.flag,
	      "the colleague has the part, for the follow-up, not overdue");
	CHECK(lists(&inst, OV_MY_COLLEAGUE, 'C', part2, &r) && r.followup_id == fid,
	      "a leader named has it among their own");
	CHECK(overview_count(db, &other, &now, &c, &e) == KE_OK && c.n[OV_MY_COLLEAGUE] == parts0 + 1 &&
	      c.colleague_overdue == late0, "the colleague's count: one more, none more overdue");
	check_when("colleague", &other, 100, now, 0);
	setenv("KUP_TODAY", "2027-01-15", 1);
	CHECK(overview_count(db, &other, &now, &c, &e) == KE_OK && c.colleague_overdue >= 1,
	      "weeks later the part is overdue");
	CHECK(lists(&other, OV_MY_COLLEAGUE, 'C', part1, &r) && r.flag, "... and flagged in the list");
	check_when("colleague, later", &other, 100, now, 0);
	setenv("KUP_TODAY", "2026-11-22", 1);

	/* the person writes: ready for the team leader, no longer late */
	followup_rec f;
	CHECK(followup_get(db, &person, fid, &f, &e) == KE_OK, "the person reads the follow-up (%s)", e.msg);
	free(f.learned);
	f.learned = strdup("Korte samtaler med forældrene hver fredag.");
	CHECK(f.learned && followup_save(db, &person, &f, 0, &e) == KE_OK, "the person writes it (%s)", e.msg);
	followup_free(&f);
	CHECK(lists(&team, OV_FOLLOWUPS, 'F', fid, &r) && !r.flag && !strcmp(r.status, "written"),
	      "the team leader sees it written, not overdue");
	CHECK(overview_count(db, &team, &now, &c, &e) == KE_OK && c.led_written >= 1, "... and counted ready (%d)",
	      c.led_written);
	CHECK(!lists(&inst, OV_ESCALATED, 'F', fid, NULL), "written, it is no longer escalated");
	CHECK(lists(&person, OV_MY_FOLLOWUPS, 'F', fid, &r) && !strcmp(r.status, "written"),
	      "the person's own list has it written");
	/* an employee's counts are read org-wide (stop at 100), a leader's from the units led */
	const char *names[] = { "person", "team leader", "institution leader", "colleague" };
	const kactor *who[] = { &person, &team, &inst, &other };
	for (int i = 0; i < 4; i++)
		check_when(names[i], who[i], i == 0 || i == 3 ? 100 : 1000, now, 0);
	check_when("admin of the small demo, the loop run", admin, 100, now, 0);
}

int main(void)
{
	setenv("KUP_TODAY", "2026-11-22", 1);
	i18n_init("en");
	if (!mkdtemp(dir))
		return 1;
	char path[300];
	snprintf(path, sizeof path, "%s/o.db", dir);
	kerr e = { 0 };
	kactor admin, top, inst;
	demo_summary sum;
	db_actor_local_admin(&admin, "test");
	CHECK(db_open(path, DB_OPEN_CREATE, &db, &e) == KE_OK, "open (%s)", e.msg);
	CHECK(db && demo_create(db, &admin, 2500, &sum, &e) == KE_OK, "demo --staff 2500 (%s)", e.msg);
	if (db) {
		check_actor("admin", &admin, 100);
		if (!actor_of("SELECT s.login FROM unit_leader l JOIN staff s ON s.id = l.staff_id"
			      " JOIN unit u ON u.id = l.unit_id WHERE l.until IS NULL AND u.parent_id IS NULL", &top))
			check_actor("top leader", &top, 100);
		if (!actor_of("SELECT s.login FROM unit_leader l JOIN staff s ON s.id = l.staff_id"
			      " JOIN unit u ON u.id = l.unit_id WHERE l.until IS NULL AND u.kind = 'institution'"
			      " ORDER BY l.id LIMIT 1", &inst))
			check_actor("institution leader", &inst, 1000);
		db_close(db);
		db = NULL;
	}
	/* the small demo organisation: an admin's counts stay below the cap,
	 * so every org-wide count statement is checked exactly */
	unlink(path);
	CHECK(db_open(path, DB_OPEN_CREATE, &db, &e) == KE_OK, "open again (%s)", e.msg);
	CHECK(db && demo_create(db, &admin, 0, &sum, &e) == KE_OK, "the small demo (%s)", e.msg);
	if (db) {
		ov_when now = { .year = 2026, .soon_days = 30, .due_days = -1 };
		check_when("admin of the small demo", &admin, 100, now, 0);
		check_loop(&admin);
		db_close(db);
	}
	unlink(path);
	char side[320];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	rmdir(dir);
	i18n_done();
	return t_done();
}
