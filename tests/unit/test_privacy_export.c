/* test_privacy_export.c — subject access on the demo: every table holding
 * rows about a person appears in their export with all of those rows; the
 * audit holds the changes to their records and, without the values, what
 * they changed on someone else's; a column nobody wrote code for is
 * exported; the JSON is valid and the HTML escaped; admins may export
 * anyone, a person only themself. */
#include "db_demo.h"
#include "db_internal.h"
#include "db_privacy.h"
#include "db_privacy_export.h"
#include "i18n.h"
#include "privacy_doc.h"
#include "t.h"

#include <sqlite3.h>
#include <unistd.h>

static char dir[] = "/tmp/kup-test-pexport.XXXXXX";

static int64_t q(kdb *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t n = -1;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int exec(kdb *db, const char *sql)
{
	return sqlite3_exec(db->h, sql, NULL, NULL, NULL) == SQLITE_OK;
}

/* Rows of map line t about staff id sid (login), counted by its ids_sql. */
static int64_t rows_about(kdb *db, const kprivacy_table *t, int64_t sid, const char *login)
{
	sqlite3_stmt *st = NULL;
	int64_t n = 0;
	if (sqlite3_prepare_v2(db->h, t->ids_sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, sid);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_text(st, 2, login, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		n++;
	sqlite3_finalize(st);
	return n;
}

static int json_valid(kdb *db, const char *doc)
{
	sqlite3_stmt *st = NULL;
	int ok = 0;
	if (sqlite3_prepare_v2(db->h, "SELECT json_valid(?1)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, doc, -1, SQLITE_STATIC);
		ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
	}
	sqlite3_finalize(st);
	return ok;
}

static int actor(kdb *db, const char *login, kactor *who)
{
	kerr e = { 0 };
	return db_actor_for_login(db, login, 0, who, &e) == KE_OK;
}

static void test_export(kdb *db)
{
	kactor admin, ag, ah, other;
	db_actor_local_admin(&admin, "hr");
	if (!actor(db, "ag", &ag) || !actor(db, "ah", &ah) || !actor(db, "aha", &other)) {
		CHECK(0, "the demo's people ag, ah (her leader) and aha");
		return;
	}
	int64_t sid = ag.staff_id;
	/* what the demo does not make: a draft, a change to her record by
	 * an admin, a change she made to someone else's plan, a leadership,
	 * and text that must be escaped */
	char sql[600];
	snprintf(sql, sizeof sql,
		 "INSERT INTO form_draft(login, form, title, data) VALUES ('ag', 'goal', 'Mål', '{\"what\":\"x\"}');"
		 "INSERT INTO audit(login, tbl, row_id, action, old, new) VALUES"
		 " ('hr', 'staff', %lld, 'update', '{\"title\":\"A\"}', '{\"title\":\"B\"}'),"
		 " ('ag', 'plan', (SELECT min(id) FROM plan WHERE staff_id = %lld), 'update',"
		 "  '{\"notes\":\"OTHER-OLD\"}', '{\"notes\":\"OTHER-NEW\"}');"
		 "INSERT INTO unit_leader(unit_id, staff_id, since) VALUES (1, %lld, '2020-01-01');"
		 "UPDATE plan SET notes = 'a <b>bold</b> & \"quoted\" note' WHERE staff_id = %lld;",
		 (long long)sid, (long long)other.staff_id, (long long)sid, (long long)sid);
	CHECK(exec(db, sql), "rows the demo lacks added (%s)", sqlite3_errmsg(db->h));

	kpexport x;
	kerr e = { 0 };
	CHECK(pexport_read(db, &ag, "AG", &x, &e) == KE_OK, "a person exports their own, login folded (%s)", e.msg);
	int n = 0, missing = 0, short_ = 0, with_rows = 0;
	const kprivacy_table *map = privacy_tables(&n);
	for (int i = 0; i < n; i++) {
		if (!map[i].rows_sql || (map[i].flags & KP_AUDIT))
			continue;
		kerr e2 = { 0 };
		if (privacy_table_exists(db, map[i].table, &e2) != 1)
			continue;
		int64_t want = rows_about(db, &map[i], sid, "ag");
		const kptable *t = pexport_table(&x, map[i].table);
		if (!t) {
			missing++;
			printf("# %s is not in the export\n", map[i].table);
		} else if (t->nrows != want) {
			short_++;
			printf("# %s: %d rows exported, %lld about the person\n", map[i].table, t->nrows, (long long)want);
		}
		with_rows += want > 0;
	}
	CHECK(missing == 0 && short_ == 0, "every table with rows about the person is exported with all of them");
	/* every column of every table it exports, the personal ones marked */
	int uncovered = 0;
	for (int i = 0; i < x.ntables; i++) {
		const kptable *t = &x.tables[i];
		int64_t ncols = 0;
		char csql[200];
		snprintf(csql, sizeof csql, "SELECT count(*) FROM pragma_table_info('%s')", t->map->table);
		ncols = q(db, csql);
		for (int c = 0; c < t->ncols; c++)
			uncovered += t->personal[c] != privacy_column_personal(t->map, t->cols[c]);
		if (t->nrows && t->ncols != ncols) {
			uncovered++;
			printf("# %s: %d of %lld columns exported\n", t->map->table, t->ncols, (long long)ncols);
		}
	}
	CHECK(uncovered == 0, "every column of those tables is exported, personal ones as the map says");
	CHECK(with_rows >= 8, "the person has rows in staff, search, leadership, plan, goal, participation, "
	      "follow-up, colleague parts and drafts (%d tables)", with_rows);
	const kptable *fc = pexport_table(&x, "followup_colleague");
	CHECK(fc && fc->nrows == q(db, "SELECT count(*) FROM followup_colleague WHERE staff_id = (SELECT id FROM staff"
				   " WHERE login = 'ag') OR followup_id IN (SELECT f.id FROM followup f JOIN participation"
				   " p ON p.id = f.participation_id JOIN staff s ON s.id = p.staff_id WHERE s.login = 'ag')"),
	      "the colleague parts she wrote and those written on her follow-ups");

	const kptable *au = pexport_table(&x, "audit");
	int about = 0, withheld = 0, leaked = 0;
	for (int r = 0; au && r < au->nrows; r++) {
		for (int c = 0; c < au->ncols; c++) {
			const kpvalue *v = &au->vals[r * au->ncols + c];
			if (v->text && strstr(v->text, "OTHER-"))
				leaked++;
			if (!strcmp(au->cols[c], "new") && v->text && !strcmp(v->text, "{\"title\":\"B\"}"))
				about++;
		}
		withheld += au->withheld[r];
	}
	CHECK(about == 1, "the audit holds the change to her record, with its values");
	CHECK(withheld == 1 && leaked == 0, "and what she changed on another's plan, without its values");
	pexport_free(&x);

	/* a column added without code: exported all the same */
	CHECK(exec(db, "ALTER TABLE plan ADD COLUMN hobby TEXT; UPDATE plan SET hobby = 'NEWCOLUMN-VALUE'"),
	      "a new column for the test");
	char *doc = NULL;
	size_t len = 0;
	CHECK(privacy_doc(db, &admin, "ag", PD_JSON, &doc, &len, &e) == KE_OK, "an admin exports anyone (%s)", e.msg);
	CHECK(doc && json_valid(db, doc), "the JSON is valid");
	CHECK(doc && strstr(doc, "\"hobby\": \"NEWCOLUMN-VALUE\""), "a new column is in the export without new code");
	CHECK(doc && strstr(doc, "a <b>bold</b> & \\\"quoted\\\" note"), "JSON keeps the text, quotes escaped");
	free(doc);
	doc = NULL;
	CHECK(privacy_doc(db, &ag, "ag", PD_HTML, &doc, &len, &e) == KE_OK, "the person's own page (%s)", e.msg);
	CHECK(doc && strstr(doc, "a &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; note") && !strstr(doc, "<b>bold"),
	      "the HTML page escapes every text");
	CHECK(doc && !strstr(doc, "\x01"), "and holds no control character");
	free(doc);
	doc = NULL;
	CHECK(privacy_doc(db, &ag, "ag", PD_MD, &doc, &len, &e) == KE_OK && doc && strstr(doc, "# "),
	      "the person's own Markdown");
	CHECK(doc && strstr(doc, "Anders Højer (") && strstr(doc, "Klubben ("),
	      "references read as the names of the leader and the unit, with their ids");
	free(doc);
	doc = NULL;

	CHECK(privacy_doc(db, &ah, "ag", PD_JSON, &doc, &len, &e) == KE_DENIED && !doc &&
	      strstr(e.msg, "administrator"), "her leader is refused, with the reason: %s", e.msg);
	CHECK(privacy_doc(db, &other, "ag", PD_JSON, &doc, &len, &e) == KE_DENIED && !doc,
	      "another employee is refused");
	CHECK(privacy_doc(db, &admin, "aha", PD_JSON, &doc, &len, &e) == KE_OK && doc && json_valid(db, doc),
	      "someone with no audit rows at all (%s)", e.msg);
	free(doc);
	doc = NULL;
	CHECK(privacy_doc(db, &admin, "nosuch", PD_JSON, &doc, &len, &e) == KE_NOTFOUND && !doc,
	      "an unknown login is not found");
}

int main(void)
{
	i18n_set(LANG_EN);
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	setenv("KUP_TODAY", "2026-11-20", 1);
	char path[300];
	snprintf(path, sizeof path, "%s/x.db", dir);
	kdb *db = NULL;
	kerr e = { 0 };
	kactor admin;
	db_actor_local_admin(&admin, "hr");
	demo_summary sum;
	if (db_open(path, DB_OPEN_CREATE, &db, &e) || demo_create(db, &admin, 0, &sum, &e)) {
		CHECK(0, "demo: %s", e.msg);
		db_close(db);
		return t_done();
	}
	test_export(db);
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
