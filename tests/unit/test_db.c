/* Unit tests for src/db/db.c: creating, identifying and refusing files (and
 * never touching a file that is not ours), migration from schema version 1,
 * db_check on sound and damaged files, read-only use, the append-only audit
 * and the statement cache. Schema step 1 is taken from the schema embedded in
 * the library (kup_schema, generated from share/schema.sql), so the test
 * needs no data files; when run from the repository root (as make check
 * does) it also checks that the embedded copy equals share/schema.sql. */
#include "t.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "db_internal.h"
#include "db_org.h"
#include "db_staff.h"
#include "i18n.h"

extern const char kup_schema[]; /* generated from share/schema.sql */

static char dir[] = "/tmp/kup-test-db.XXXXXX";
static kactor admin;

static const char *at(const char *name)
{
	static char buf[4][300];
	static int next;
	char *p = buf[next++ % 4];
	snprintf(p, sizeof buf[0], "%s/%s", dir, name);
	return p;
}

static int has(const kerr *e, kcode code, const char *part)
{
	int ok = e->code == code && strstr(e->msg, part) != NULL;
	if (!ok)
		printf("#   code %d, msg '%s'; want code %d with '%s'\n", e->code, e->msg, code, part);
	return ok;
}

static int exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

/* ---- file snapshots: bytes, size and modification time ---- */

typedef struct snap {
	off_t size;
	struct timespec mtime;
	char *data;
} snap;

static int snap_take(const char *path, snap *s)
{
	memset(s, 0, sizeof *s);
	struct stat sb;
	FILE *f = fopen(path, "rb");
	if (!f || fstat(fileno(f), &sb) != 0) {
		if (f)
			fclose(f);
		printf("# cannot read %s: %s\n", path, strerror(errno));
		return -1;
	}
	s->size = sb.st_size;
	s->mtime = sb.st_mtim;
	s->data = malloc((size_t)sb.st_size + 1);
	size_t got = s->data ? fread(s->data, 1, (size_t)sb.st_size, f) : 0;
	fclose(f);
	return s->data && got == (size_t)sb.st_size ? 0 : -1;
}

static int snap_same(const char *path, const snap *before)
{
	snap now;
	if (snap_take(path, &now)) {
		free(now.data);
		return 0;
	}
	int same = now.size == before->size && now.mtime.tv_sec == before->mtime.tv_sec &&
		   now.mtime.tv_nsec == before->mtime.tv_nsec &&
		   memcmp(now.data, before->data, (size_t)now.size) == 0;
	if (!same)
		printf("#   %s changed: size %lld -> %lld\n", path, (long long)before->size, (long long)now.size);
	free(now.data);
	return same;
}

static int write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	size_t put = fwrite(data, 1, len, f);
	return fclose(f) == 0 && put == len ? 0 : -1;
}

static int copy_file(const char *from, const char *to)
{
	snap s;
	int rc = snap_take(from, &s) ? -1 : write_file(to, s.data, (size_t)s.size);
	free(s.data);
	return rc;
}

/* Runs sql on a separate connection to path; returns the SQLite code and
 * puts its message (or "") in msg. */
static int raw_exec(const char *path, const char *sql, char *msg, size_t size)
{
	sqlite3 *h = NULL;
	char *m = NULL;
	int rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h, sql, NULL, NULL, &m);
	if (msg)
		snprintf(msg, size, "%s", m ? m : "");
	if (rc != SQLITE_OK && !msg)
		printf("# raw_exec: %s\n", m ? m : sqlite3_errmsg(h));
	sqlite3_free(m);
	sqlite3_close(h);
	return rc;
}

/* First column of the first row of sql on a separate read-only connection,
 * as an integer; -1 when there is no row or the query fails. */
static int64_t raw_int(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		printf("# raw_int '%s': %s\n", sql, sqlite3_errmsg(h));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static void raw_text(const char *path, const char *sql, char *buf, size_t size)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	snprintf(buf, size, "(none)");
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		snprintf(buf, size, "%s", sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "NULL");
	sqlite3_finalize(st);
	sqlite3_close(h);
}

static void remove_db(const char *path)
{
	char f[320];
	const char *sfx[] = { "", "-wal", "-shm", "-journal" };
	for (int i = 0; i < 4; i++) {
		snprintf(f, sizeof f, "%s%s", path, sfx[i]);
		unlink(f);
	}
}

static int64_t add_unit(kdb *db, const char *name, int64_t parent)
{
	unit_rec u = { 0 };
	kerr e = { 0 };
	u.name = (char *)name;
	u.parent_id = parent;
	snprintf(u.kind, sizeof u.kind, "%s", parent ? "team" : "area");
	if (unit_save(db, &admin, &u, &e)) {
		printf("# unit_save %s: %s\n", name, e.msg);
		return -1;
	}
	free(u.sort_key);
	return u.id;
}

static kcode add_staff(kdb *db, const char *login, const char *name, int64_t unit, kerr *e)
{
	staff_rec s = { 0 };
	s.login = (char *)login;
	s.name = (char *)name;
	s.initials = (char *)"AB";
	s.unit_id = unit;
	return staff_save(db, &admin, &s, e);
}

/* ---- tests ---- */

static void test_create(void)
{
	const char *p = at("new.db");
	kdb *db = NULL;
	kerr e = { 0 };
	CHECK(db_open(p, DB_OPEN_CREATE, &db, &e) == KE_OK && db, "create a new database");
	if (!db) {
		printf("#   %s\n", e.msg);
		return;
	}
	CHECK(db_schema_version(db) == KUP_SCHEMA_VERSION, "new database is at schema %d", KUP_SCHEMA_VERSION);
	CHECK(!db_is_readonly(db), "new database is writable");
	CHECK_STR(db_path(db), p, "db_path gives the path");
	int64_t fk = -1;
	CHECK(db_scalar(db, "PRAGMA foreign_keys", 0, &fk, &e) == KE_OK && fk == 1,
	      "foreign keys are on for the connection");
	/* and they bite: a staff row pointing at a unit that does not exist */
	CHECK(db_exec(db, "INSERT INTO staff(name, initials, unit_id, sort_key, fold)"
			  " VALUES ('X', 'X', 999, 'x', 'x')", &e) == KE_INVALID,
	      "a broken reference is refused (%s)", e.msg);
	CHECK(add_unit(db, "Børn & Unge", 0) > 0, "a unit can be saved in the new database");

	/* what another program (the sqlite3 shell) sees in the file */
	CHECK(raw_int(p, "PRAGMA user_version") == KUP_SCHEMA_VERSION, "user_version is %d", KUP_SCHEMA_VERSION);
	CHECK(raw_int(p, "PRAGMA application_id") == KUP_APPLICATION_ID, "application_id is kup's");
	char mode[32];
	raw_text(p, "PRAGMA journal_mode", mode, sizeof mode);
	CHECK_STR(mode, "wal", "journal mode is WAL");
	CHECK(raw_int(p, "SELECT count(*) FROM competence_area") == 4, "the four competence areas are there");
	CHECK(raw_int(p, "SELECT count(*) FROM method_followup") == 9, "step 2 ran: method_followup has 9 rows");
	db_close(db);

	/* DB_OPEN_CREATE never overwrites: neither our own file nor someone else's */
	snap s;
	if (snap_take(p, &s) == 0) {
		db = NULL;
		CHECK(db_open(p, DB_OPEN_CREATE, &db, &e) == KE_EXISTS && !db && has(&e, KE_EXISTS, p),
		      "creating over an existing database is refused, naming it");
		CHECK(snap_same(p, &s), "the existing database is untouched");
	}
	free(s.data);
	const char *other = at("notes.txt");
	const char text[] = "shopping: milk, rye bread\n";
	if (write_file(other, text, sizeof text - 1) == 0 && snap_take(other, &s) == 0) {
		CHECK(db_open(other, DB_OPEN_CREATE, &db, &e) == KE_EXISTS && strstr(e.msg, "overwrite"),
		      "creating over any existing file is refused (%s)", e.msg);
		CHECK(snap_same(other, &s), "the existing file is untouched");
		free(s.data);
	}
	unlink(other);
	remove_db(p);
}

static void test_missing(void)
{
	const char *p = at("nowhere.db");
	kdb *db = NULL;
	kerr e = { 0 };
	CHECK(db_open(p, 0, &db, &e) == KE_NOTFOUND && !db, "a missing file gives KE_NOTFOUND");
	CHECK(strstr(e.msg, p) && strstr(e.msg, "init"), "the message names the path and how to create it");
	CHECK(!exists(p), "opening a missing file does not create it");
	CHECK(db_open(p, DB_OPEN_READONLY, &db, &e) == KE_NOTFOUND && !exists(p), "read-only too");
	CHECK(db_open(dir, 0, &db, &e) == KE_NOTKUP && strstr(e.msg, "directory"),
	      "a directory is refused (%s)", e.msg);
}

/* Opens path (in both modes) expecting code with part in the message, and
 * checks that the file and its surroundings are exactly as before. */
static void refused(const char *what, const char *p, kcode code, const char *part)
{
	snap s;
	if (snap_take(p, &s)) {
		CHECK(0, "%s: could not be prepared", what);
		return;
	}
	char wal[320], shm[320];
	snprintf(wal, sizeof wal, "%s-wal", p);
	snprintf(shm, sizeof shm, "%s-shm", p);
	const int modes[] = { 0, DB_OPEN_READONLY };
	for (int i = 0; i < 2; i++) {
		kdb *db = NULL;
		kerr e = { 0 };
		kcode c = db_open(p, modes[i], &db, &e);
		CHECK(c == code && !db && has(&e, code, part), "%s%s is refused", what, i ? " (read-only)" : "");
		CHECK(strstr(e.msg, p) != NULL, "%s: the message names the file", what);
		db_close(db);
	}
	CHECK(snap_same(p, &s), "%s: bytes, size and mtime are identical afterwards", what);
	CHECK(!exists(wal) && !exists(shm), "%s: no -wal or -shm file was left beside it", what);
	free(s.data);
	remove_db(p);
}

static void test_foreign_files(void)
{
	char garbage[3000];
	for (size_t i = 0; i < sizeof garbage; i++)
		garbage[i] = "hello world, this is not a database\n"[i % 36];
	const char *p = at("garbage.db");
	if (write_file(p, garbage, sizeof garbage) == 0)
		refused("a text file", p, KE_NOTKUP, "not a kup database");
	p = at("short.db");
	if (write_file(p, "hello", 5) == 0)
		refused("a five-byte file", p, KE_NOTKUP, "not a kup database");

	/* an SQLite header followed by garbage: passes the magic check, then SQLite must refuse it */
	memcpy(garbage, "SQLite format 3", 16);
	p = at("fakeheader.db");
	if (write_file(p, garbage, sizeof garbage) == 0)
		refused("an SQLite header over garbage", p, KE_NOTKUP, "not a kup database");

	p = at("foreign.db");
	if (raw_exec(p, "CREATE TABLE recipes(name TEXT); INSERT INTO recipes VALUES ('æbleskiver')", NULL, 0) == SQLITE_OK)
		refused("an SQLite file with a table of its own", p, KE_NOTKUP, "SQLite file but not a kup database");

	p = at("otherapp.db");
	if (raw_exec(p, "PRAGMA application_id = 1234567", NULL, 0) == SQLITE_OK)
		refused("an empty SQLite file of another program (application_id)", p, KE_NOTKUP, "not a kup database");

	p = at("otherapp2.db");
	if (raw_exec(p, "PRAGMA application_id = 1234567; CREATE TABLE staff(id INTEGER PRIMARY KEY)", NULL, 0) == SQLITE_OK)
		refused("another program's file with a table called staff", p, KE_NOTKUP, "not a kup database");

	p = at("versioned.db");
	if (raw_exec(p, "PRAGMA user_version = 7", NULL, 0) == SQLITE_OK)
		refused("an SQLite file with a user_version but no application_id", p, KE_NOTKUP, "not a kup database");
}

static void test_newer(void)
{
	const char *p = at("newer.db");
	kdb *db = NULL;
	kerr e = { 0 };
	if (db_open(p, DB_OPEN_CREATE, &db, &e)) {
		CHECK(0, "create for the newer test: %s", e.msg);
		return;
	}
	db_close(db);
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", KUP_SCHEMA_VERSION + 1);
	CHECK(raw_exec(p, sql, NULL, 0) == SQLITE_OK, "a later kup raised the schema version");
	snap s;
	if (snap_take(p, &s))
		return;
	for (int ro = 0; ro < 2; ro++) {
		db = NULL;
		CHECK(db_open(p, ro ? DB_OPEN_READONLY : 0, &db, &e) == KE_NEWER && !db &&
		      has(&e, KE_NEWER, "newer kup"), "a database from a newer kup is refused%s", ro ? " (read-only)" : "");
		char want[64];
		snprintf(want, sizeof want, "schema %d", KUP_SCHEMA_VERSION + 1);
		CHECK(strstr(e.msg, want) && strstr(e.msg, "Upgrade kup"), "the message gives the version and says what to do");
	}
	CHECK(snap_same(p, &s), "the newer database is untouched");
	CHECK(raw_int(p, "PRAGMA user_version") == KUP_SCHEMA_VERSION + 1, "its version is not lowered");
	free(s.data);
	remove_db(p);
}

/* Step n of the embedded schema, malloc'd. */
static char *schema_step(int n)
{
	char mark[32], next[32];
	snprintf(mark, sizeof mark, "\n-- step %d\n", n);
	snprintf(next, sizeof next, "\n-- step %d\n", n + 1);
	const char *p = strstr(kup_schema, mark);
	if (!p)
		return NULL;
	p += strlen(mark);
	const char *q = strstr(p, next);
	return strndup(p, q ? (size_t)(q - p) : strlen(p));
}

static void test_schema_source(void)
{
	snap s;
	FILE *f = fopen("share/schema.sql", "rb");
	if (!f) {
		printf("SKIP embedded schema vs share/schema.sql: not run from the repository root\n");
		return;
	}
	fclose(f);
	if (snap_take("share/schema.sql", &s))
		return;
	s.data[s.size] = '\0';
	/* the embedding starts with one extra newline so that "\n-- step 1\n" matches */
	CHECK(kup_schema[0] == '\n' && strcmp(kup_schema + 1, s.data) == 0,
	      "the schema embedded in kup is share/schema.sql, byte for byte");
	free(s.data);
}

static const char V1_DATA[] =
	"INSERT INTO unit(id, parent_id, name, kind, sort_key) VALUES"
	" (1, NULL, 'Børn & Unge', 'area', 'b'), (2, 1, 'Ådalens Børnehus', 'institution', 'å');"
	"INSERT INTO profession(id, name, sort_key) VALUES (1, 'Pædagog', 'p');"
	"INSERT INTO staff(id, login, name, initials, unit_id, profession_id, role, sort_key, fold) VALUES"
	" (1, 'lb', 'Lars Brønnum', 'LB', 1, NULL, 'leader', 'lars', 'lars bronnum'),"
	" (2, 'saa', 'Søren Ågård', 'SÅ', 2, 1, 'employee', 'soren', 'soren aagaard'),"
	" (3, NULL, 'Mette Aagaard', 'MA', 2, 1, 'employee', 'mette', 'mette aagaard');"
	"INSERT INTO unit_leader(unit_id, staff_id, since) VALUES (1, 1, '2020-01-01');"
	"INSERT INTO plan(id, staff_id, year, status, mus_date, agreed_by, agreed_at) VALUES"
	" (1, 2, 2025, 'agreed', '2025-03-01', 1, '2025-03-01 10:00:00'),"
	" (2, 3, 2025, 'draft', NULL, NULL, NULL);"
	"INSERT INTO goal(plan_id, competence_id, what) VALUES (1, 2, 'Lære tegn til tale');"
	"INSERT INTO audit(login, tbl, row_id, action, new) VALUES ('lb', 'plan', 1, 'create', '{}');";

/* The schema as sqlite_schema holds it, one line per object, in name order. */
static char *schema_text(const char *path)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	char *out = NULL;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, "SELECT group_concat(type || ' ' || name || ' ' || coalesce(sql, ''), char(10))"
			       " FROM (SELECT * FROM sqlite_schema ORDER BY name)", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		out = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return out;
}

/* A database at version v built from steps 1..v of the schema, with data. */
static int build_old(const char *p, int v)
{
	int ok = 1;
	for (int k = 1; k <= v && ok; k++) {
		char *step = schema_step(k);
		ok = step && raw_exec(p, step, NULL, 0) == SQLITE_OK;
		free(step);
	}
	char sql[128];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d;", v, KUP_APPLICATION_ID);
	return ok && raw_exec(p, sql, NULL, 0) == SQLITE_OK && raw_exec(p, V1_DATA, NULL, 0) == SQLITE_OK;
}

/* Step 8 gives follow-ups a state: one whose person had already written
 * their part is written from the day it fell due (or was closed); one with
 * nothing written stays due. */
static void test_followup_states_migrated(void)
{
	const char *p = at("v7fu.db");
	int ok = build_old(p, 7) && raw_exec(p,
		"INSERT INTO activity(id, title, method, sort_key, fold) VALUES (1, 'Kursus', 'course', 'k', 'k');"
		"INSERT INTO session(id, activity_id, starts, ends, capacity) VALUES (1, 1, '2025-02-01', '2025-02-01', 5);"
		"INSERT INTO participation(id, staff_id, session_id, status) VALUES (1, 2, 1, 'completed'), (2, 3, 1, 'completed');"
		"INSERT INTO followup(participation_id, due, learned) VALUES (1, '2025-03-15', 'Tegn til tale');"
		"INSERT INTO followup(participation_id, due) VALUES (2, '2025-03-15');", NULL, 0) == SQLITE_OK;
	CHECK(ok, "a version-7 database with a written and an unwritten follow-up");
	kdb *db = NULL;
	kerr e = { 0 };
	CHECK(db_open(p, 0, &db, &e) == KE_OK, "it opens and migrates (%s)", e.msg);
	db_close(db);
	CHECK(raw_int(p, "SELECT count(*) FROM followup WHERE written_at = '2025-03-15' AND participation_id = 1") == 1,
	      "the written follow-up is written from its due date");
	CHECK(raw_int(p, "SELECT count(*) FROM followup WHERE written_at IS NULL AND participation_id = 2") == 1,
	      "the other is still due");
	CHECK(raw_int(p, "SELECT count(*) FROM followup_setting") == 3, "the follow-up settings are there");
	remove_db(p);
}

/* Step 9 gives drafts the record's version and the scope they were taken
 * under; a draft from before has neither (version 0, scope ''), so it is
 * never offered under a scope it may not belong to. */
static void test_draft_scope_migrated(void)
{
	const char *p = at("v8draft.db");
	int ok = build_old(p, 8) && raw_exec(p,
		"INSERT INTO form_draft(login, form, record_id, title, data) VALUES ('ah', 'plan', 1, 'Plan', 'kupform 1');",
		NULL, 0) == SQLITE_OK;
	CHECK(ok, "a version-8 database with a draft");
	kdb *db = NULL;
	kerr e = { 0 };
	CHECK(db_open(p, 0, &db, &e) == KE_OK, "it opens and migrates (%s)", e.msg);
	db_close(db);
	CHECK(raw_int(p, "SELECT count(*) FROM form_draft WHERE version = 0 AND scope = '' AND data = 'kupform 1'") == 1,
	      "step 9: the draft is kept, with version 0 and no scope");
	CHECK(raw_exec(p, "INSERT INTO form_draft(login, form, record_id, data, version, scope)"
			  " VALUES ('ah', 'goal', 2, 'x', 5, 'leader:3,4')", NULL, 0) == SQLITE_OK &&
	      raw_int(p, "SELECT version FROM form_draft WHERE form = 'goal'") == 5,
	      "step 9: a draft keeps a version and a scope");
	remove_db(p);
}

/* Step 10 rebuilds staff and form_draft for logins as AD gives them
 * (jens.hansen@kommune.local, up to 256 bytes): every row, id and
 * reference is kept, the keys of the tables that point at staff still
 * hold, and the new logins fit. */
static void test_logins_migrated(void)
{
	const char *p = at("v9login.db");
	int ok = build_old(p, 9) && raw_exec(p,
		"INSERT INTO form_draft(login, form, record_id, title, data, version, scope)"
		" VALUES ('saa', 'plan', 1, 'Plan', 'kupform 1', 3, 'employee');"
		"INSERT INTO staff_search(rowid, fold) SELECT id, fold FROM staff;"
		"INSERT INTO staff_words(rowid, fold) SELECT id, fold FROM staff;", NULL, 0) == SQLITE_OK;
	CHECK(ok, "a version-9 database with staff, plans, a leader, a draft and the search index");
	CHECK(raw_exec(p, "UPDATE staff SET login = 'jens.hansen@kommune.local' WHERE id = 2", NULL, 0) != SQLITE_OK,
	      "version 9 refuses an AD login (the old CHECK)");
	kdb *db = NULL;
	kerr e = { 0 };
	CHECK(db_open(p, 0, &db, &e) == KE_OK && db, "it opens and migrates (%s)", e.msg);
	if (!db) {
		remove_db(p);
		return;
	}
	kactor a;
	CHECK(db_actor_for_login(db, "SAA", 0, &a, &e) == KE_OK && a.staff_id == 2,
	      "the migrated saa is found as SAA too (%s)", e.msg);
	staff_rec *rows = NULL;
	int n = 0;
	kpage pg = { .limit = 10, .filter = "søren" };
	CHECK(staff_list(db, &admin, &pg, &rows, &n, &e) == KE_OK && n == 1 && rows[0].id == 2,
	      "the search index still finds Søren by his kept id (%s)", e.msg);
	staff_rows_free(rows, n);
	staff_rec s = { 0 };
	CHECK(staff_get(db, &admin, 2, &s, &e) == KE_OK, "Søren read");
	free(s.login);
	s.login = strdup("Søren.Aagaard@Kommune.Local");
	CHECK(s.login && staff_save(db, &admin, &s, &e) == KE_OK, "and given his AD login (%s)", e.msg);
	staff_free(&s);
	db_close(db);

	char txt[200];
	raw_text(p, "SELECT group_concat(id || '=' || coalesce(login, '-'), ' ') FROM (SELECT id, login FROM staff ORDER BY id)",
		 txt, sizeof txt);
	CHECK_STR(txt, "1=lb 2=søren.aagaard@kommune.local 3=-", "the logins, ids kept, the new one folded");
	CHECK(raw_int(p, "SELECT count(*) FROM pragma_foreign_key_list('plan') WHERE \"table\" = 'staff'") == 3,
	      "plan still points at staff three times (person, agreed by, evaluated by)");
	CHECK(raw_exec(p, "PRAGMA foreign_keys=ON; DELETE FROM staff WHERE id = 2", NULL, 0) != SQLITE_OK,
	      "a person with a plan still cannot be deleted (RESTRICT holds on the new table)");
	CHECK(raw_exec(p, "PRAGMA foreign_keys=ON; INSERT INTO plan(staff_id, year) VALUES (99, 2026)", NULL, 0) != SQLITE_OK,
	      "a plan for nobody is still refused");
	CHECK(raw_int(p, "SELECT count(*) FROM unit_leader WHERE staff_id = 1") == 1, "the leader is still a leader");
	CHECK(raw_int(p, "SELECT count(*) FROM form_draft WHERE login = 'saa' AND version = 3 AND scope = 'employee'"
			 " AND data = 'kupform 1'") == 1, "the draft is kept, version and scope too");
	char draft[400];
	snprintf(draft, sizeof draft, "INSERT INTO form_draft(login, form, data) VALUES ('%0*d@kommune.local', 'plan', 'x')",
		 256 - 14, 0);
	CHECK(raw_exec(p, draft, NULL, 0) == SQLITE_OK, "a draft takes a login of 256 bytes");
	CHECK(raw_int(p, "SELECT count(*) FROM sqlite_schema WHERE name LIKE '%_new'") == 0, "no table of the rebuild is left");
	remove_db(p);
}

static void test_migrate_from(int v, const char *fresh_schema)
{
	const char *p = at("old.db");
	CHECK(build_old(p, v), "a version-%d database with units, staff, plans, a goal and audit", v);

	/* read-only, an old file cannot be upgraded and is left alone */
	snap s;
	if (snap_take(p, &s) == 0) {
		kdb *db = NULL;
		kerr e = { 0 };
		CHECK(db_open(p, DB_OPEN_READONLY, &db, &e) == KE_READONLY && !db && has(&e, KE_READONLY, "upgrade"),
		      "v%d read-only: refused with a message about the upgrade", v);
		CHECK(snap_same(p, &s), "v%d read-only: left untouched", v);
		free(s.data);
	}

	kdb *db = NULL;
	kerr e = { 0 };
	CHECK(db_open(p, 0, &db, &e) == KE_OK && db, "a version-%d database opens (%s)", v, e.msg);
	if (!db) {
		remove_db(p);
		return;
	}
	CHECK(db_schema_version(db) == KUP_SCHEMA_VERSION, "v%d was migrated to version %d", v, KUP_SCHEMA_VERSION);
	staff_rec *rows = NULL;
	int n = 0;
	kpage pg = { .limit = 10, .include_inactive = 1 };
	CHECK(staff_list(db, &admin, &pg, &rows, &n, &e) == KE_OK && n == 3, "v%d: the staff list reads the migrated data", v);
	int found = 0;
	for (int i = 0; i < n; i++)
		found += strcmp(rows[i].name, "Søren Ågård") == 0 && strcmp(rows[i].unit_name, "Ådalens Børnehus") == 0;
	CHECK(found == 1, "v%d: Søren Ågård is still in Ådalens Børnehus", v);
	staff_rows_free(rows, n);
	db_close(db);

	CHECK(raw_int(p, "PRAGMA user_version") == KUP_SCHEMA_VERSION, "v%d: user_version is %d in the file", v, KUP_SCHEMA_VERSION);
	CHECK(raw_int(p, "PRAGMA application_id") == KUP_APPLICATION_ID, "v%d: application_id kept", v);
	char txt[128];
	raw_text(p, "SELECT (SELECT count(*) FROM unit) || ' ' || (SELECT count(*) FROM staff) || ' ' ||"
		    " (SELECT count(*) FROM plan) || ' ' || (SELECT count(*) FROM goal) || ' ' ||"
		    " (SELECT count(*) FROM audit)", txt, sizeof txt);
	CHECK_STR(txt, "2 3 2 1 1", "v%d: 2 units, 3 staff, 2 plans, 1 goal and the audit row are intact", v);
	raw_text(p, "SELECT group_concat(name, '|') FROM (SELECT name FROM staff ORDER BY id)", txt, sizeof txt);
	CHECK_STR(txt, "Lars Brønnum|Søren Ågård|Mette Aagaard", "v%d: names intact, letter for letter", v);
	raw_text(p, "SELECT status || ' ' || agreed_at FROM plan WHERE id = 1", txt, sizeof txt);
	CHECK_STR(txt, "agreed 2025-03-01 10:00:00", "v%d: the agreed plan is intact", v);
	CHECK(raw_int(p, "SELECT count(*) FROM method_followup") == 9, "v%d: step 2 table method_followup has 9 rows", v);
	CHECK(raw_int(p, "SELECT count(*) FROM pragma_foreign_key_check") == 0, "v%d: foreign_key_check is clean", v);
	raw_text(p, "PRAGMA integrity_check", txt, sizeof txt);
	CHECK_STR(txt, "ok", "v%d: integrity_check is ok", v);
	char *got = schema_text(p);
	CHECK(got && fresh_schema && strcmp(got, fresh_schema) == 0,
	      "v%d: the migrated schema is exactly that of a new database (tables, indexes, triggers)", v);
	free(got);

	/* opening again runs nothing twice */
	CHECK(db_open(p, 0, &db, &e) == KE_OK && db, "v%d: the migrated database opens again", v);
	db_close(db);
	CHECK(raw_int(p, "SELECT count(*) FROM method_followup") == 9, "v%d: no step ran twice", v);
	remove_db(p);
}

static void test_migrate(void)
{
	char *step1 = schema_step(1), *step2 = schema_step(2), *last = schema_step(KUP_SCHEMA_VERSION);
	char *beyond = schema_step(KUP_SCHEMA_VERSION + 1);
	CHECK(step1 && strstr(step1, "CREATE TABLE staff") && !strstr(step1, "method_followup"),
	      "schema step 1 found in the embedded schema");
	CHECK(step2 && strstr(step2, "method_followup"), "schema step 2 found in the embedded schema");
	CHECK(last && !beyond, "the schema has exactly KUP_SCHEMA_VERSION (%d) steps", KUP_SCHEMA_VERSION);
	free(step2);
	free(last);
	free(beyond);

	/* what a new database looks like, to compare migrated ones with */
	const char *p = at("fresh.db");
	kdb *db = NULL;
	kerr e = { 0 };
	char *fresh = NULL;
	if (db_open(p, DB_OPEN_CREATE, &db, &e) == KE_OK) {
		db_close(db);
		fresh = schema_text(p);
	}
	remove_db(p);
	CHECK(fresh != NULL, "the schema of a new database");
	for (int v = 1; v < KUP_SCHEMA_VERSION; v++)
		test_migrate_from(v, fresh);
	free(fresh);
	test_followup_states_migrated();
	test_draft_scope_migrated();
	test_logins_migrated();

	/* a failing step rolls the whole migration back */
	const char *q = at("v1bad.db");
	char sql[128];
	snprintf(sql, sizeof sql, "PRAGMA user_version = 1; PRAGMA application_id = %d;", KUP_APPLICATION_ID);
	int ok = step1 && raw_exec(q, step1, NULL, 0) == SQLITE_OK && raw_exec(q, sql, NULL, 0) == SQLITE_OK &&
		 raw_exec(q, "CREATE TABLE draft(x); INSERT INTO draft VALUES (1)", NULL, 0) == SQLITE_OK;
	CHECK(ok, "a version-1 database that already has a table step 2 creates");
	if (ok) {
		db = NULL;
		CHECK(db_open(q, 0, &db, &e) != KE_OK && !db, "a migration whose step fails is refused (%s)", e.msg);
		CHECK(raw_int(q, "PRAGMA user_version") == 1, "the version stays 1");
		CHECK(raw_int(q, "SELECT count(*) FROM sqlite_schema WHERE name = 'method_followup'") == 0,
		      "nothing of the failed step remains");
		CHECK(raw_int(q, "SELECT count(*) FROM draft") == 1, "the file's own data is kept");
	}
	remove_db(q);
	free(step1);
}

/* A database of several hundred pages: staff in bulk. */
static int64_t fill(kdb *db, int n, const char *prefix)
{
	kerr e = { 0 };
	int64_t unit = add_unit(db, prefix, 0);
	if (unit < 0 || db_bulk_begin(db, &e))
		return -1;
	int bad = 0;
	for (int i = 0; i < n && !bad; i++) {
		char login[32], name[64];
		snprintf(login, sizeof login, "%c%d", prefix[0] | 0x20, i);
		snprintf(name, sizeof name, "%s Medarbejder nummer %05d med et langt navn", prefix, i);
		bad = add_staff(db, login, name, unit, &e) != KE_OK;
	}
	if (bad)
		printf("# fill: %s\n", e.msg);
	if (db_bulk_end(db, !bad, &e) || bad)
		return -1;
	return unit;
}

/* Copies from to to and overwrites len bytes at off in the copy. */
static int damage(const char *from, const char *to, off_t off, const void *bytes, size_t len)
{
	int fd = copy_file(from, to) ? -1 : open(to, O_WRONLY);
	int ok = fd >= 0 && pwrite(fd, bytes, len, off) == (ssize_t)len;
	if (fd >= 0)
		close(fd);
	CHECK(ok, "damaged a copy at byte %lld", (long long)off);
	return ok;
}

/* A damaged file is refused at open (KE_CORRUPT, one line naming the file
 * and the damage) or, if it opens, db_check finds the damage; opened
 * without the check at open, db_check always does. */
static void damaged_open(const char *what, const char *path, const char *part)
{
	kdb *db = NULL;
	kerr e = { 0 };
	if (db_open(path, 0, &db, &e) != KE_OK) {
		CHECK(has(&e, KE_CORRUPT, path) && has(&e, KE_CORRUPT, part) && !strchr(e.msg, '\n'),
		      "%s: refused at open, in one line naming the file and the damage", what);
	} else {
		CHECK(db_check(db, &e) == KE_CORRUPT && !strchr(e.msg, '\n'), "%s: opens, and db_check finds it", what);
		db_close(db);
	}
	db = NULL;
	CHECK(db_open(path, DB_OPEN_READONLY | DB_OPEN_NOCHECK, &db, &e) == KE_OK, "%s: opens without the check at open (%s)",
	      what, e.msg);
	if (db) {
		CHECK(db_check(db, &e) == KE_CORRUPT && e.code == KE_CORRUPT && strstr(e.msg, "damaged") && !strchr(e.msg, '\n'),
		      "%s: db_check reports the damage in one line", what);
		db_close(db);
	}
}

static void test_check(void)
{
	const char *p = at("check.db"), *bad = at("damaged.db");
	kdb *db = NULL;
	kerr e = { 0 };
	if (db_open(p, DB_OPEN_CREATE, &db, &e)) {
		CHECK(0, "create for the check test: %s", e.msg);
		return;
	}
	CHECK(fill(db, 1500, "Check") > 0, "1500 staff loaded in one bulk transaction");
	CHECK(db_check(db, &e) == KE_OK && e.code == KE_OK && strncmp(e.msg, "ok", 2) == 0,
	      "db_check on a sound database: %s", e.msg);
	db_close(db);

	int64_t pages = raw_int(p, "PRAGMA page_count"), psize = raw_int(p, "PRAGMA page_size");
	CHECK(pages > 50, "the database has many pages (%lld)", (long long)pages);
	if (pages <= 50)
		return;

	/* scribbled over the middle of a page in the middle of the file */
	char junk[1024];
	memset(junk, 0x5a, sizeof junk);
	if (damage(p, bad, (off_t)(pages / 2) * psize + psize / 4, junk, sizeof junk))
		damaged_open("a copy scribbled over in the middle", bad, "damaged");
	remove_db(bad);

	/* a page header whose count of fragmented bytes is wrong: SQLite reads
	 * on, the checks report it after a "*** in database main ***" line,
	 * which must not reach the one-line message */
	char want[96];
	snprintf(want, sizeof want, "Fragmentation of 0 bytes reported as 31 on page %lld", (long long)pages / 2);
	if (damage(p, bad, (off_t)(pages / 2 - 1) * psize + 7, "\x1f", 1)) {
		damaged_open("a copy with one wrong page header", bad, want);
		db = NULL;
		if (db_open(bad, DB_OPEN_READONLY | DB_OPEN_NOCHECK, &db, &e) == KE_OK) {
			char full[160];
			snprintf(full, sizeof full, "damaged: 1 integrity problem(s), 0 broken reference(s); first: %s", want);
			CHECK(db_check(db, &e) == KE_CORRUPT && has(&e, KE_CORRUPT, full) && !strchr(e.msg, '\n'),
			      "db_check: one problem, named in one line");
			db_close(db);
		}
	}
	remove_db(bad);
	/* and the sound original still checks out: the copy shares nothing with it */
	CHECK(db_open(p, DB_OPEN_READONLY, &db, &e) == KE_OK && db_check(db, &e) == KE_OK, "the original is still sound");
	db_close(db);

	/* a broken reference, written by a program that left foreign keys off */
	CHECK(raw_exec(p, "INSERT INTO staff(name, initials, unit_id, sort_key, fold) VALUES ('Ghost', 'G', 4242, 'g', 'g')",
		       NULL, 0) == SQLITE_OK, "another program wrote a staff row in a unit that does not exist");
	db = NULL;
	CHECK(db_open(p, DB_OPEN_READONLY, &db, &e) == KE_OK && db, "that database opens");
	if (db) {
		CHECK(db_check(db, &e) == KE_CORRUPT && has(&e, KE_CORRUPT, "0 integrity problem(s), 1 broken reference") &&
		      has(&e, KE_CORRUPT, "-> unit"), "db_check counts the broken reference and names it");
		db_close(db);
	}
	remove_db(bad);
	remove_db(p);
}

static void test_readonly(void)
{
	const char *p = at("ro.db");
	kdb *db = NULL;
	kerr e = { 0 };
	if (db_open(p, DB_OPEN_CREATE, &db, &e)) {
		CHECK(0, "create for the read-only test: %s", e.msg);
		return;
	}
	int64_t unit = add_unit(db, "Læsesalen", 0);
	CHECK(unit > 0 && add_staff(db, "rita", "Rita Ravn", unit, &e) == KE_OK, "one staff member");
	db_close(db);

	snap s;
	if (snap_take(p, &s))
		return;
	CHECK(db_open(p, DB_OPEN_READONLY, &db, &e) == KE_OK && db, "DB_OPEN_READONLY opens");
	if (db) {
		CHECK(db_is_readonly(db), "db_is_readonly is true");
		staff_rec *rows = NULL;
		int n = 0;
		kpage pg = { .limit = 10 };
		CHECK(staff_list(db, &admin, &pg, &rows, &n, &e) == KE_OK && n == 1, "reading works");
		staff_rows_free(rows, n);
		CHECK(add_staff(db, "otto", "Otto Olsen", unit, &e) == KE_READONLY && has(&e, KE_READONLY, "read-only"),
		      "staff_save is refused with KE_READONLY and a message");
		CHECK(db_exec(db, "DELETE FROM staff", &e) != KE_OK, "even raw SQL cannot write through it");
		db_close(db);
	}
	CHECK(snap_same(p, &s), "the file is untouched by the read-only session");
	CHECK(raw_int(p, "SELECT count(*) FROM staff") == 1, "still one staff member");
	free(s.data);

	/* a file the user may not write is opened read-only by itself */
	if (geteuid() == 0) {
		printf("SKIP chmod 0444 makes the database read-only: running as root, who may write anyway\n");
	} else if (chmod(p, 0444) == 0) {
		db = NULL;
		CHECK(db_open(p, 0, &db, &e) == KE_OK && db && db_is_readonly(db), "a 0444 file opens read-only");
		if (db) {
			CHECK(add_staff(db, "otto", "Otto Olsen", unit, &e) == KE_READONLY && has(&e, KE_READONLY, "read-only"),
			      "staff_save on a 0444 file: KE_READONLY");
			db_close(db);
		}
		chmod(p, 0644);
	}
	remove_db(p);
}

static void test_audit(void)
{
	const char *p = at("audit.db");
	kdb *db = NULL;
	kerr e = { 0 };
	if (db_open(p, DB_OPEN_CREATE, &db, &e)) {
		CHECK(0, "create for the audit test: %s", e.msg);
		return;
	}
	int64_t unit = add_unit(db, "Revisionen", 0);
	CHECK(unit > 0 && add_staff(db, "ulla", "Ulla Ulriksen", unit, &e) == KE_OK, "a unit and a person (audited)");
	int64_t before = raw_int(p, "SELECT count(*) FROM audit");
	CHECK(before >= 2, "the writes left audit rows (%lld)", (long long)before);
	char msg[256];
	CHECK(raw_exec(p, "UPDATE audit SET login = 'mallory'", msg, sizeof msg) == SQLITE_CONSTRAINT &&
	      strstr(msg, "cannot be changed"), "a second connection cannot update audit rows (%s)", msg);
	CHECK(raw_exec(p, "DELETE FROM audit", msg, sizeof msg) == SQLITE_CONSTRAINT && strstr(msg, "cannot be deleted"),
	      "a second connection cannot delete audit rows (%s)", msg);
	CHECK(db_exec(db, "DELETE FROM audit WHERE id = 1", &e) != KE_OK, "nor can kup's own connection");
	CHECK(raw_int(p, "SELECT count(*) FROM audit") == before, "every audit row is still there");
	CHECK(raw_int(p, "SELECT count(*) FROM audit WHERE login = 'mallory'") == 0, "and unchanged");
	db_close(db);
	remove_db(p);
}

/* More distinct statements than the cache has slots: each must still run
 * its own SQL, and one that a caller holds must survive the others being
 * prepared (db_audited_update holds its UPDATE while the JSON query and
 * the audit INSERT are prepared). */
#define NSQL 3000
static char sqls[NSQL][24];

static int64_t run_sql(kdb *db, int i, kerr *e)
{
	sqlite3_stmt *st = db_stmt(db, sqls[i], e);
	int64_t v = -1;
	if (st && db_step(db, st, e) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return v;
}

static void test_stmt_cache(void)
{
	const char *p = at("cache.db");
	kdb *db = NULL;
	kerr e = { 0 };
	if (db_open(p, DB_OPEN_CREATE, &db, &e)) {
		CHECK(0, "create for the cache test: %s", e.msg);
		return;
	}
	int64_t unit = fill(db, 120, "Cache");
	CHECK(unit > 0, "120 staff to list");
	for (int i = 0; i < NSQL; i++)
		snprintf(sqls[i], sizeof sqls[i], "SELECT %d", i);

	kpage pg = { .limit = 50, .include_inactive = 1 };
	staff_rec *rows = NULL;
	int n = 0, wrong = 0, listed = 0;
	for (int round = 0; round < 3; round++)
		for (int k = 0; k < 200; k++) {
			int i = round == 1 ? 199 - k : (k * 7 + round) % 200;
			wrong += run_sql(db, i, &e) != i;
			/* list calls between: their statements compete for the same slots */
			if (k % 20 == 0) {
				pg.after_key = NULL;
				int total = 0;
				char *key = NULL;
				do {
					if (staff_list(db, &admin, &pg, &rows, &n, &e)) {
						n = 0;
						break;
					}
					total += n;
					if (n) {
						free(key);
						key = strdup(rows[n - 1].sort_key);
						pg.after_key = key;
						pg.after_id = rows[n - 1].id;
					}
					staff_rows_free(rows, n);
				} while (n == pg.limit);
				free(key);
				pg.after_key = NULL;
				unit_rec *u = NULL;
				int nu = 0;
				kpage upg = { .limit = 10 };
				if (unit_list(db, &admin, &upg, &u, &nu, &e) == KE_OK)
					unit_rows_free(u, nu);
				listed += total == 120 && nu == 1;
			}
		}
	CHECK(wrong == 0, "200 distinct statements, 3 rounds: each ran its own SQL (%d wrong)", wrong);
	CHECK(listed == 30, "30 full staff and unit listings in between were right (%d)", listed);

	sqlite3_stmt *held = db_stmt(db, sqls[0], &e);
	int ran = held != NULL;
	for (int i = 1; i < NSQL && ran; i++)
		ran = run_sql(db, i, &e) == i;
	/* Stepping a finalized statement is undefined (and SQLite's lookaside
	 * memory hides it from ASan), so first ask the connection whether the
	 * statement still lives, and is still ours rather than a new one that
	 * took its memory. */
	int alive = 0;
	for (sqlite3_stmt *st = sqlite3_next_stmt(db->h, NULL); st; st = sqlite3_next_stmt(db->h, st))
		alive |= st == held && strcmp(sqlite3_sql(st), sqls[0]) == 0;
	CHECK(ran && alive, "a statement held by its caller survives %d others being prepared", NSQL - 1);
	if (alive) {
		CHECK(sqlite3_step(held) == SQLITE_ROW && sqlite3_column_int(held, 0) == 0, "and still runs its own SQL");
		sqlite3_reset(held);
	}

	/* an audited write with a full cache (holds its UPDATE across prepares) */
	int64_t leader = raw_int(p, "SELECT min(id) FROM staff");
	CHECK(unit_set_leader(db, &admin, unit, leader, "2026-01-01", 0, &e) == KE_OK,
	      "an audited write after thousands of statements (%s)", e.msg);
	CHECK(raw_int(p, "SELECT count(*) FROM audit WHERE tbl = 'staff' AND action = 'update'") == 1,
	      "its audit row was written");
	db_close(db);
	remove_db(p);
}

/* Values are typed and counted by the compiler; a count that does not
 * match the statement is refused before anything runs half-bound. */
static void test_bind(void)
{
	const char *p = at("bind.db");
	kdb *db = NULL;
	kerr e = { 0 };
	if (db_open(p, DB_OPEN_CREATE, &db, &e)) {
		CHECK(0, "create for the bind test: %s", e.msg);
		return;
	}
	sqlite3_stmt *st = db_stmt(db, "SELECT ?1, ?2, ?3, ?4, ?5", &e);
	CHECK(st != NULL, "a statement of five values");
	if (st) {
		CHECK(db_bind(db, st, &e, KV_INT(1), KV_TEXT("x")) == KE_DB && strstr(e.msg, "takes 5 values, 2 given"),
		      "too few values refused (%s)", e.msg);
		CHECK(db_bind(db, st, &e, KV_INT(1), KV_INT(2), KV_INT(3), KV_INT(4), KV_INT(5), KV_INT(6)) == KE_DB,
		      "too many values refused");
		CHECK(db_bind_prefix(db, st, &e, KV_INT(1), KV_INT(2), KV_INT(3), KV_INT(4)) == KE_DB,
		      "a shared list shorter than the statement refused");
		int ok = db_bind(db, st, &e, KV_TEXT0(""), KV_ID0(0), KV_REAL0(-1), KV_TEXT(NULL), KV_REAL(2.5)) == KE_OK &&
			 sqlite3_step(st) == SQLITE_ROW;
		CHECK(ok && sqlite3_column_type(st, 0) == SQLITE_NULL && sqlite3_column_type(st, 1) == SQLITE_NULL &&
		      sqlite3_column_type(st, 2) == SQLITE_NULL && sqlite3_column_type(st, 3) == SQLITE_NULL &&
		      sqlite3_column_double(st, 4) == 2.5, "empty text, id 0 and a negative amount bind NULL");
		sqlite3_reset(st);
		ok = db_bind_prefix(db, st, &e, KV_TEXT0("a"), KV_ID0(7), KV_REAL0(0), KV_INT(4), KV_INT(5), KV_INT(6)) == KE_OK &&
		     sqlite3_step(st) == SQLITE_ROW;
		CHECK(ok && strcmp((const char *)sqlite3_column_text(st, 0), "a") == 0 && sqlite3_column_int(st, 1) == 7 &&
		      sqlite3_column_double(st, 2) == 0, "a shared list binds the statement's leading values");
		sqlite3_reset(st);
	}
	db_close(db);
	remove_db(p);
}

int main(void)
{
	i18n_set(LANG_EN);
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	db_actor_local_admin(&admin, "hr");
	test_create();
	test_missing();
	test_foreign_files();
	test_newer();
	test_schema_source();
	test_migrate();
	test_check();
	test_readonly();
	test_audit();
	test_stmt_cache();
	test_bind();
	i18n_done();
	if (rmdir(dir) != 0)
		printf("# leftovers in %s\n", dir);
	return t_done();
}
