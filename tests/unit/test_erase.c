/* test_erase.c — erasing a person who has left (db_erase.h): refused for
 * active staff, for someone employed until a later day and for anyone but
 * an admin; every personal column of every table of the personal-data
 * map is emptied for the erased person (a table the map has and erasure
 * does not cover fails here); the audit gains exactly one row, naming the
 * staff id and the rule; the audit's values about the person are
 * redacted to the marker, ids kept; and after all that the audit's
 * triggers still refuse every other change and every delete. */
#include "db_erase.h"
#include "db_demo.h"
#include "db_internal.h"
#include "db_privacy.h"
#include "i18n.h"
#include "t.h"

#include <sqlite3.h>
#include <unistd.h>

static char dir[] = "/tmp/kup-test-erase.XXXXXX";
static const char today[] = "2026-11-22";

static int64_t one_int(kdb *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int raw(kdb *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK && msg)
		printf("# %s\n", msg);
	sqlite3_free(msg);
	return rc;
}

/* The rows of each table of the map that are the person's, noted in
 * temp.before(tbl, id) while they still have their login. */
static int note_before(kdb *db, int64_t id, const char *login)
{
	int n, bad = 0;
	const kprivacy_table *map = privacy_tables(&n);
	raw(db, "CREATE TEMP TABLE before (tbl TEXT, id INTEGER)");
	for (int i = 0; i < n; i++) {
		const kprivacy_table *t = &map[i];
		kerr e = { 0 };
		if (!t->ids_sql || !t->rows_sql || t->flags & KP_AUDIT || privacy_table_exists(db, t->table, &e) <= 0)
			continue;
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(db->h, t->ids_sql, -1, &st, NULL) != SQLITE_OK) {
			bad++;
			continue;
		}
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_bind_parameter_count(st) > 1)
			sqlite3_bind_text(st, 2, login, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			char *sql = sqlite3_mprintf("INSERT INTO temp.before VALUES (%Q, %lld)", t->table,
						   (long long)sqlite3_column_int64(st, 0));
			bad += raw(db, sql) != SQLITE_OK;
			sqlite3_free(sql);
		}
		sqlite3_finalize(st);
	}
	return bad;
}

/* Personal values of the noted rows: with erased 0, how many personal
 * columns (table by table) hold nothing at all before (the set-up must
 * fill them, or the test proves nothing); with erased 1, how many hold
 * anything but nothing, the marker or the anonymous name. */
static int personal_values(kdb *db, int erased)
{
	int n, bad = 0;
	const kprivacy_table *map = privacy_tables(&n);
	for (int i = 0; i < n; i++) {
		const kprivacy_table *t = &map[i];
		kerr e = { 0 };
		if (!t->ids_sql || !t->rows_sql || t->flags & KP_AUDIT || privacy_table_exists(db, t->table, &e) <= 0)
			continue;
		sqlite3_stmt *cl = NULL;
		sqlite3_prepare_v2(db->h, "SELECT name FROM pragma_table_info(?1)", -1, &cl, NULL);
		sqlite3_bind_text(cl, 1, t->table, -1, SQLITE_STATIC);
		while (sqlite3_step(cl) == SQLITE_ROW) {
			const char *col = (const char *)sqlite3_column_text(cl, 0);
			if (privacy_column_personal(t, col) != 1)
				continue;
			char *sql = erased
				? sqlite3_mprintf("SELECT count(*) FROM \"%w\" WHERE rowid IN (SELECT id FROM temp.before"
						  " WHERE tbl = %Q) AND coalesce(\"%w\", '') NOT IN ('', '—', '" ERASE_MARK "')"
						  " AND instr(lower(\"%w\"), 'slettet') = 0", t->table, t->table, col, col)
				: sqlite3_mprintf("SELECT count(*) = 0 FROM \"%w\" WHERE rowid IN (SELECT id FROM temp.before"
						  " WHERE tbl = %Q) AND coalesce(\"%w\", '') <> ''", t->table, t->table, col);
			int64_t v = one_int(db, sql);
			sqlite3_free(sql);
			if (v != 0) {
				bad++;
				printf("# %s.%s: %s\n", t->table, col, erased ? "not erased" : "empty before (set it up)");
			}
		}
		sqlite3_finalize(cl);
	}
	return bad;
}

static void test_refused(kdb *db, const kactor *admin)
{
	kerr e = { 0 };
	int64_t active = one_int(db, "SELECT id FROM staff WHERE active AND employed_to IS NULL LIMIT 1");
	CHECK(erase_person(db, admin, active, "request", today, &e) == KE_STATE && strstr(e.msg, "is active staff"),
	      "active staff cannot be erased, with the reason (%s)", e.msg);
	raw(db, "UPDATE staff SET active = 0, employed_to = '2027-01-31' WHERE login = 'maa'");
	int64_t later = one_int(db, "SELECT id FROM staff WHERE login = 'maa'");
	e = (kerr){ 0 };
	CHECK(erase_person(db, admin, later, "request", today, &e) == KE_STATE && strstr(e.msg, "31-01-2027"),
	      "someone employed until a later day cannot be erased yet (%s)", e.msg);
	raw(db, "UPDATE staff SET active = 1, employed_to = NULL WHERE login = 'maa'");
	kactor emp = { .staff_id = active, .role = ROLE_LEADER };
	int64_t leaver = one_int(db, "SELECT id FROM staff WHERE login = 'mbj'");
	e = (kerr){ 0 };
	CHECK(erase_person(db, &emp, leaver, "request", today, &e) == KE_DENIED, "a leader may not erase");
	e = (kerr){ 0 };
	CHECK(erase_person(db, admin, leaver, "no way", today, &e) == KE_INVALID, "a rule that is not a code is refused");
	CHECK(one_int(db, "SELECT count(*) FROM staff WHERE login = 'mbj' AND name = 'Mads Bjørnskov'") == 1,
	      "... and nothing was erased");
}

static void test_erase(kdb *db, const kactor *admin)
{
	int64_t id = one_int(db, "SELECT id FROM staff WHERE login = 'mbj'");
	int64_t plan = one_int(db, "SELECT id FROM plan WHERE staff_id = (SELECT id FROM staff WHERE login = 'mbj')");
	/* every personal column of his rows holds something */
	CHECK(raw(db, "UPDATE staff SET email = 'mads@kommune.dk', emp_no = 'E1', title = 'Pædagog',"
		      " employed_from = '2019-08-01' WHERE login = 'mbj';"
		      " UPDATE plan SET notes = 'Noter', evaluation = 'Evaluering'"
		      "  WHERE staff_id = (SELECT id FROM staff WHERE login = 'mbj');"
		      " UPDATE goal SET why = 'Hvorfor', criteria = 'Kriterier', result = 'Resultat' WHERE plan_id IN"
		      "  (SELECT id FROM plan WHERE staff_id = (SELECT id FROM staff WHERE login = 'mbj'));"
		      " UPDATE participation SET note = 'Note', reason = 'Grund', status = 'rejected', wait_pos = NULL"
		      "  WHERE staff_id = (SELECT id FROM staff WHERE login = 'mbj');"
		      " UPDATE followup SET learned = 'Lært', practice = 'Praksis', shared_with = 'Teamet',"
		      "  leader_comment = 'Godt', action = 'Handling' WHERE participation_id IN (SELECT id FROM"
		      "  participation WHERE staff_id = (SELECT id FROM staff WHERE login = 'mbj'));"
		      " INSERT INTO followup_colleague(followup_id, staff_id, state, due, seen, own_use, reason,"
		      "  answered_at) SELECT min(id), (SELECT id FROM staff WHERE login = 'mbj'), 'declined',"
		      "  '2025-06-01', 'Set', 'Brug', 'Syg', '2025-06-01' FROM followup WHERE participation_id NOT IN"
		      "  (SELECT id FROM participation WHERE staff_id = (SELECT id FROM staff WHERE login = 'mbj'));"
		      " INSERT INTO form_draft(login, form, record_id, title, data) VALUES ('mbj', 'plan', 1, 'T', 'D');"
		      " INSERT INTO form_draft(login, form, record_id, title, data) VALUES ('bl', 'plan', 1,"
		      "  'Plan for Mads Bjørnskov', 'D');"
		      " INSERT INTO audit(login, tbl, row_id, action, old, new) SELECT 'bl', 'plan', id, 'update',"
		      "  json_object('staff_id', staff_id, 'notes', 'Før', 'agreed', json('true')),"
		      "  json_object('staff_id', staff_id, 'notes', notes, 'agreed', json('true'))"
		      "  FROM plan WHERE staff_id = (SELECT id FROM staff WHERE login = 'mbj');"
		      " INSERT INTO audit(login, tbl, row_id, action, old, new) VALUES ('mbj', 'activity', 1, 'update',"
		      "  '{\"title\":\"A\",\"price\":100}', '{\"title\":\"B\",\"price\":200}');"
		      " INSERT INTO audit(login, tbl, row_id, action, old, new) VALUES ('bl', 'activity', 2, 'update',"
		      "  '{\"title\":\"C\"}', '{\"title\":\"D\"}');"
		      " INSERT INTO audit(login, tbl, row_id, action, old, new) VALUES ('bl', 'activity', 3, 'update',"
		      "  '{\"title\":\"Kambjerg\"}', '{\"title\":\"Kambjerg skov\"}');"
		      " INSERT INTO audit(login, tbl, row_id, action, old, new) VALUES ('bl', 'unit', 4, 'update',"
		      "  '{\"contact\":\"mbj\",\"id\":4}', '{\"contact\":\"Mads Bjørnskov\",\"id\":4}')") == SQLITE_OK,
	      "set-up: his personal columns filled, drafts and audit rows about and by him");
	kerr pe = { 0 };
	if (privacy_table_exists(db, "access_log", &pe) > 0)
		CHECK(raw(db, "INSERT INTO access_log(at, reader_id, reader, subject_id, what) SELECT"
			      " '2025-05-01 10:00:00', s.id, s.login, m.id, 'plan' FROM staff s, staff m"
			      " WHERE s.login = 'bl' AND m.login = 'mbj';"
			      " INSERT INTO access_log(at, reader_id, reader, subject_id, what) SELECT"
			      " '2025-05-01 10:00:00', m.id, m.login, s.id, 'plan' FROM staff s, staff m"
			      " WHERE s.login = 'bl' AND m.login = 'mbj'") == SQLITE_OK,
		      "set-up: he read a plan, and his was read");
	CHECK(note_before(db, id, "mbj") == 0, "his rows noted through the map");
	CHECK(personal_values(db, 0) == 0, "set-up: every personal column of his rows holds something");
	int64_t audits = one_int(db, "SELECT count(*) FROM audit");
	int64_t parts = one_int(db, "SELECT count(*) * 1000000000 + total(price) FROM participation");

	kerr e = { 0 };
	kcode c = erase_person(db, admin, id, "request", today, &e);
	CHECK(c == KE_OK, "a leaver is erased (%s)", e.msg);
	CHECK(personal_values(db, 1) == 0, "every personal column of every table of the map is emptied");
	CHECK(one_int(db, "SELECT count(*) FROM form_draft") == 0, "his draft and the draft that names him are gone");
	CHECK(one_int(db, "SELECT count(*) FROM audit") == audits + 1, "the audit gains exactly one row");
	char *sql = sqlite3_mprintf("SELECT count(*) FROM audit WHERE id = (SELECT max(id) FROM audit) AND tbl = 'staff'"
				    " AND row_id = %lld AND action = 'update' AND old IS NULL"
				    " AND new = '{\"erased\":\"request\"}' AND login = 'admin'", (long long)id);
	CHECK(one_int(db, sql) == 1, "... naming who erased, the staff id and the rule, nothing else");
	sqlite3_free(sql);
	sql = sqlite3_mprintf("SELECT count(*) FROM audit WHERE tbl = 'plan' AND row_id = %lld AND login = 'bl'"
			      " AND new = json_object('staff_id', %lld, 'notes', '" ERASE_MARK "', 'agreed', json('true'))",
			      (long long)plan, (long long)id);
	CHECK(one_int(db, sql) == 1, "the change to his plan keeps who made it, its ids and yes/no, not its texts");
	sqlite3_free(sql);
	CHECK(one_int(db, "SELECT count(*) FROM audit WHERE tbl = 'activity' AND row_id = 1 AND login = '" ERASE_MARK "'"
			  " AND new = '{\"title\":\"B\",\"price\":200}'") == 1,
	      "the change he made keeps what changed, without his login");
	CHECK(one_int(db, "SELECT count(*) FROM audit WHERE tbl = 'activity' AND row_id = 2 AND new = '{\"title\":\"D\"}'")
		      == 1, "someone else's change is untouched");
	CHECK(one_int(db, "SELECT count(*) FROM audit WHERE tbl = 'activity' AND row_id = 3"
			  " AND new = '{\"title\":\"Kambjerg skov\"}'") == 1,
	      "... also when a word holds his login (Kambjerg)");
	CHECK(one_int(db, "SELECT count(*) FROM audit WHERE tbl = 'unit' AND row_id = 4 AND login = 'bl'"
			  " AND old = '{\"contact\":\"" ERASE_MARK "\",\"id\":4}'"
			  " AND new = '{\"contact\":\"" ERASE_MARK "\",\"id\":4}'") == 1,
	      "a change to another record that names him (login, name) is redacted");
	CHECK(one_int(db, "SELECT count(*) FROM audit_redaction") == 0, "no row is left allowed for redaction");
	sql = sqlite3_mprintf("SELECT count(*) * 1000000000 + total(price) FROM participation");
	CHECK(one_int(db, sql) == parts, "his participations and their prices stay");
	sqlite3_free(sql);
	e = (kerr){ 0 };
	CHECK(erase_person(db, admin, id, "request", today, &e) == KE_STATE && strstr(e.msg, "erased already"),
	      "erasing him again is refused");
	erase_due_rec *rows = NULL;
	int n = -1;
	e = (kerr){ 0 };
	CHECK(erase_due(db, admin, 1, today, &rows, &n, &e) == KE_OK && n == 0, "the rule finds no one left to erase");
	erase_due_free(rows, n);
}

/* After an erasure, the audit is as closed as before: no update but the
 * marker on a named row, no delete at all. */
static void test_triggers(kdb *db)
{
	int64_t a = one_int(db, "SELECT id FROM audit WHERE tbl = 'activity' AND row_id = 2");
	char *s;
#define REFUSED(SQL, WHAT) do { \
		s = sqlite3_mprintf(SQL, (long long)a); \
		int rc_ = sqlite3_exec(db->h, s, NULL, NULL, NULL); \
		CHECK(rc_ != SQLITE_OK, WHAT); \
		sqlite3_free(s); \
	} while (0)
	REFUSED("UPDATE audit SET new = '{\"title\":\"" ERASE_MARK "\"}' WHERE id = %lld",
		"the marker on a row not named for redaction is refused");
	REFUSED("UPDATE audit SET login = 'x' WHERE id = %lld", "changing who is refused");
	REFUSED("DELETE FROM audit WHERE id = %lld", "deleting is refused");
	raw(db, "BEGIN");
	s = sqlite3_mprintf("INSERT INTO audit_redaction VALUES (%lld)", (long long)a);
	raw(db, s);
	sqlite3_free(s);
	REFUSED("UPDATE audit SET new = '{\"title\":\"E\"}' WHERE id = %lld", "a named row: another value is refused");
	REFUSED("UPDATE audit SET login = 'x' WHERE id = %lld", "... another login");
	REFUSED("UPDATE audit SET tbl = 'plan' WHERE id = %lld", "... another table");
	REFUSED("UPDATE audit SET row_id = row_id + 1 WHERE id = %lld", "... another row");
	REFUSED("UPDATE audit SET action = 'create' WHERE id = %lld", "... another action");
	REFUSED("UPDATE audit SET at = '2000-01-01 00:00:00' WHERE id = %lld", "... another time");
	REFUSED("UPDATE audit SET new = '{\"title\":\"" ERASE_MARK "\",\"x\":1}' WHERE id = %lld", "... an added key");
	REFUSED("UPDATE audit SET new = '{}' WHERE id = %lld", "... a removed key");
	REFUSED("UPDATE audit SET new = NULL WHERE id = %lld", "... no value");
	REFUSED("UPDATE audit SET new = 'x' WHERE id = %lld", "... a value that is not JSON");
	REFUSED("DELETE FROM audit WHERE id = %lld", "... deleting");
	int64_t b = one_int(db, "SELECT id FROM audit WHERE tbl = 'activity' AND row_id = 1");
	s = sqlite3_mprintf("UPDATE audit SET new = '{\"title\":\"B\",\"price\":0}' WHERE id = %lld", (long long)b);
	CHECK(sqlite3_exec(db->h, s, NULL, NULL, NULL) != SQLITE_OK, "a row not named: a number is not changed");
	sqlite3_free(s);
	s = sqlite3_mprintf("UPDATE audit SET new = '{\"title\":\"" ERASE_MARK "\"}' WHERE id = %lld", (long long)a);
	CHECK(sqlite3_exec(db->h, s, NULL, NULL, NULL) == SQLITE_OK, "a named row takes the marker (the one path)");
	sqlite3_free(s);
	raw(db, "ROLLBACK");
#undef REFUSED
}

int main(void)
{
	i18n_set(LANG_EN);
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	char path[300];
	snprintf(path, sizeof path, "%s/e.db", dir);
	kdb *db = NULL;
	kerr e = { 0 };
	kactor admin;
	db_actor_local_admin(&admin, "admin");
	demo_summary sum;
	if (db_open(path, DB_OPEN_CREATE, &db, &e) || demo_create(db, &admin, 0, &sum, &e)) {
		CHECK(0, "demo database: %s", e.msg);
		return t_done();
	}
	int n;
	const kprivacy_table *map = privacy_tables(&n);
	int uncovered = 0;
	for (int i = 0; i < n; i++) {
		int personal = 0;
		for (const char *const *c = map[i].personal; c && *c; c++)
			personal = 1;
		for (int f = 0; map[i].record && f < map[i].record->n; f++)
			personal |= (map[i].record->fields[f].flags & KF_PERSONAL) != 0;
		if (personal && !erase_covers(map[i].table)) {
			uncovered++;
			printf("# %s has personal columns that erasure does not cover (db_erase.c)\n", map[i].table);
		}
	}
	CHECK(uncovered == 0, "erasure covers every table of the map with personal columns");
	test_refused(db, &admin);
	test_erase(db, &admin);
	test_triggers(db);
	db_close(db);
	char side[320];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	rmdir(dir);
	i18n_done();
	return t_done();
}
