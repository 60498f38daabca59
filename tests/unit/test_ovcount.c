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
#include "db_overview.h"
#include "i18n.h"

static char dir[] = "/tmp/kup-test-ovcount.XXXXXX";
static kdb *db;

/* Rows of section s, read a page at a time, up to max. */
static int list_rows(const kactor *who, ov_section s, const ov_when *w, int max, int *overdue,
		     const char *today)
{
	int total = 0;
	char *key = NULL;
	int64_t id = 0;
	*overdue = 0;
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
		for (int i = 0; i < n; i++)
			if (rows[i].kind == 'F' && strcmp(rows[i].date, today) < 0)
				(*overdue)++;
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
		int rows = list_rows(who, (ov_section)s, &w, cap, &overdue, "2026-11-22");
		int want = rows < cap ? rows : cap;
		CHECK(c.n[s] == want, "%s: section %d counts %d, its list has %d%s", who_name, s, c.n[s], rows,
		      rows >= cap ? " or more" : "");
		capped += rows >= cap;
		/* The list is by due day, but a written follow-up is overdue
		 * only once its leader's step is, which may be after rows
		 * further down: when the list is capped, count them all. */
		if (s == OV_FOLLOWUPS && rows >= cap && list_rows(who, (ov_section)s, &w, 1000000, &overdue, "2026-11-22") < 0)
			overdue = -1;
		if (s == OV_FOLLOWUPS)
			CHECK(c.led_overdue == (overdue < cap ? overdue : cap),
			      "%s: %d overdue follow-ups, the list has %d", who_name, c.led_overdue, overdue);
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
