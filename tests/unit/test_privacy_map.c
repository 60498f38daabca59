/* test_privacy_map.c — the personal-data map (db_privacy.h) decides every
 * table and column of the live schema: a column added without saying
 * whether it is personal data fails here, and so does a map line that
 * names a column or table the schema no longer has. */
#include "db_internal.h"
#include "db_privacy.h"
#include "i18n.h"
#include "t.h"

#include <sqlite3.h>
#include <unistd.h>

static char dir[] = "/tmp/kup-test-pmap.XXXXXX";

/* The tables of the schema that hold rows: not SQLite's own, and not the
 * shadow tables an FTS index keeps its data in (the index itself is
 * listed, and erasing through it reaches them). */
#define SQL_TABLES "SELECT name FROM sqlite_schema t WHERE type = 'table' AND name NOT LIKE 'sqlite_%'" \
	" AND NOT EXISTS (SELECT 1 FROM sqlite_schema v WHERE v.type = 'table'" \
	" AND v.sql LIKE 'CREATE VIRTUAL TABLE%' AND t.name LIKE v.name || '\\_%' ESCAPE '\\')" \
	" ORDER BY name"

static int has_column(kdb *db, const char *table, const char *col)
{
	sqlite3_stmt *st = NULL;
	int n = 0;
	if (sqlite3_prepare_v2(db->h, "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2", -1, &st,
			       NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, col, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
	return n;
}

/* Columns of the schema the map does not decide, each named; and tables
 * with personal columns but no way to find a person's rows. */
static int undecided(kdb *db, int quiet)
{
	int bad = 0;
	sqlite3_stmt *tb = NULL, *cl = NULL;
	if (sqlite3_prepare_v2(db->h, SQL_TABLES, -1, &tb, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db->h, "SELECT name FROM pragma_table_info(?1)", -1, &cl, NULL) != SQLITE_OK) {
		printf("# prepare: %s\n", sqlite3_errmsg(db->h));
		sqlite3_finalize(tb);
		return 1000;
	}
	while (sqlite3_step(tb) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(tb, 0);
		const kprivacy_table *t = privacy_table(table);
		if (!t) {
			bad++;
			if (!quiet)
				printf("# table %s is not in the personal-data map (db_privacy.c)\n", table);
			continue;
		}
		int personal = 0;
		sqlite3_bind_text(cl, 1, table, -1, SQLITE_TRANSIENT);
		while (sqlite3_step(cl) == SQLITE_ROW) {
			const char *col = (const char *)sqlite3_column_text(cl, 0);
			int p = privacy_column_personal(t, col);
			personal += p == 1;
			if (p < 0) {
				bad++;
				if (!quiet)
					printf("# %s.%s: neither personal nor not personal in the map\n", table, col);
			}
		}
		sqlite3_reset(cl);
		if (personal && !t->ids_sql) {
			bad++;
			if (!quiet)
				printf("# %s has personal columns but no way to find a person's rows\n", table);
		}
	}
	sqlite3_finalize(tb);
	sqlite3_finalize(cl);
	return bad;
}

static void test_schema(kdb *db)
{
	CHECK(undecided(db, 0) == 0, "every table and column of the schema is decided by the map");

	/* the test itself: a new column nobody decided on is caught */
	CHECK(sqlite3_exec(db->h, "ALTER TABLE plan ADD COLUMN secret TEXT", NULL, NULL, NULL) == SQLITE_OK,
	      "a column added for the test");
	CHECK(undecided(db, 1) == 1, "a new column in neither list is found");
	CHECK(sqlite3_exec(db->h, "CREATE TABLE hobby (id INTEGER PRIMARY KEY, staff_id INTEGER)", NULL, NULL,
			   NULL) == SQLITE_OK, "a table added for the test");
	CHECK(undecided(db, 1) == 2, "a new table not in the map is found");
}

static void test_map_lines(kdb *db)
{
	int n = 0, stale = 0, twice = 0, unprepared = 0, missing = 0;
	const kprivacy_table *map = privacy_tables(&n);
	CHECK(n > 10, "the map has a line per table (%d)", n);
	for (int i = 0; i < n; i++) {
		const kprivacy_table *t = &map[i];
		kerr e = { 0 };
		int there = privacy_table_exists(db, t->table, &e);
		if (there <= 0) {
			if (!(t->flags & KP_OPTIONAL)) {
				missing++;
				printf("# %s is in the map but not in the schema\n", t->table);
			}
			continue;
		}
		const char *const *lists[] = { t->personal, t->other };
		for (int l = 0; l < 2; l++)
			for (const char *const *c = lists[l]; c && *c; c++) {
				if (!has_column(db, t->table, *c)) {
					stale++;
					printf("# %s.%s is in the map but not a column\n", t->table, *c);
				}
				const kfield *f = t->record ? krecord_field(t->record, *c) : NULL;
				int both = 0;
				for (const char *const *d = lists[1 - l]; d && *d; d++)
					both += !strcmp(*d, *c);
				if ((f && !(f->flags & KF_VIEW)) || both) {
					twice++;
					printf("# %s.%s is decided twice\n", t->table, *c);
				}
			}
		const char *sqls[] = { t->ids_sql, t->rows_sql };
		for (int s = 0; s < 2; s++) {
			sqlite3_stmt *st = NULL;
			if (sqls[s] && sqlite3_prepare_v2(db->h, sqls[s], -1, &st, NULL) != SQLITE_OK) {
				unprepared++;
				printf("# %s: %s\n", t->table, sqlite3_errmsg(db->h));
			} else if (st && sqlite3_bind_parameter_count(st) > 2) {
				unprepared++;
				printf("# %s: more parameters than ?1 staff id, ?2 login\n", t->table);
			}
			sqlite3_finalize(st);
		}
		if (t->rows_sql && !t->ids_sql)
			unprepared++;
	}
	CHECK(missing == 0, "every table the map names is in the schema");
	CHECK(stale == 0, "every column the map names is a column");
	CHECK(twice == 0, "no column is decided in two places");
	CHECK(unprepared == 0, "the map's statements run on the schema");

	const kprivacy_table *staff = privacy_table("staff");
	CHECK(staff && privacy_column_personal(staff, "name") == 1 && privacy_column_personal(staff, "fold") == 1 &&
	      privacy_column_personal(staff, "unit_id") == 0 && privacy_column_personal(staff, "nosuch") == -1,
	      "staff: name (described) and fold (the map) are personal, unit_id is not");
	const kprivacy_table *audit = privacy_table("audit");
	CHECK(audit && (audit->flags & KP_AUDIT) && privacy_column_personal(audit, "old") == 1,
	      "the audit trail's old values are personal");
}

int main(void)
{
	i18n_set(LANG_EN);
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	char path[300];
	snprintf(path, sizeof path, "%s/m.db", dir);
	kdb *db = NULL;
	kerr e = { 0 };
	if (db_open(path, DB_OPEN_CREATE, &db, &e)) {
		CHECK(0, "create: %s", e.msg);
		return t_done();
	}
	test_map_lines(db);
	test_schema(db);
	db_close(db);
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
