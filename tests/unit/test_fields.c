/* test_fields.c — the record descriptions (db_fields.h) match the schema
 * and translations, and validation names the column at fault. */
#include "db_fields.h"
#include "db_internal.h"
#include "db_activity.h"
#include "db_cycle.h"
#include "db_org.h"
#include "db_staff.h"
#include "i18n.h"
#include "t.h"

#include <sqlite3.h>
#include <unistd.h>

static char dir[] = "/tmp/kup-test-fields.XXXXXX";

static const krecord *const records[] = { &kr_staff, &kr_activity, &kr_session, &kr_unit };

/* 1 when table has column col (PRAGMA table_info on a fresh database). */
static int has_column(kdb *db, const char *table, const char *col)
{
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM pragma_table_info('%s') WHERE name = '%s'", table, col);
	sqlite3_stmt *st = NULL;
	int n = 0;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void test_descriptions(kdb *db)
{
	for (size_t r = 0; r < sizeof records / sizeof *records; r++) {
		const krecord *k = records[r];
		int bad_label = 0, bad_col = 0, bad_kind = 0, bad_import = 0, bad_off = 0;
		for (int i = 0; i < k->n; i++) {
			const kfield *f = &k->fields[i];
			i18n_set(LANG_DA);
			/* a missing line hands back the English text itself */
			if (!f->label || !*f->label || _(f->label) == f->label) {
				bad_label++;
				printf("# %s.%s: label '%s' has no Danish line\n", k->table, f->col, f->label);
			}
			i18n_set(LANG_EN);
			if (!(f->flags & KF_VIEW) && !has_column(db, k->table, f->col)) {
				bad_col++;
				printf("# %s.%s: no such column\n", k->table, f->col);
			}
			bad_kind += f->kind < KF_TEXT || f->kind > KF_ROLE ||
				    ((f->kind == KF_TEXT || f->kind == KF_LINES) && f->maxlen <= 0) ||
				    (f->kind == KF_REF && !f->ref);
			if (!(f->flags & KF_VIEW) && (!f->import || !f->import[0] || !f->import[1])) {
				bad_import++;
				printf("# %s.%s: needs an English and a Danish import heading\n", k->table, f->col);
			}
			bad_off += f->off >= k->size;
		}
		CHECK(k->n > 0 && bad_label == 0, "%s: every field has a label with a Danish line", k->table);
		CHECK(bad_col == 0, "%s: every field is a column of the table", k->table);
		CHECK(bad_kind == 0, "%s: every field has a kind with its limits", k->table);
		CHECK(bad_import == 0, "%s: every column has import headings in English and Danish", k->table);
		CHECK(bad_off == 0, "%s: every field lies inside the record", k->table);
	}
	CHECK(krecord_field(&kr_staff, "email") && krecord_field(&kr_staff, "email")->kind == KF_EMAIL,
	      "staff email is found by its column");
	CHECK(krecord_import_field(&kr_staff, "Brugernavn") == krecord_field(&kr_staff, "login"),
	      "an import heading finds its field, whatever the case");
}

static void test_field_at_fault(kdb *db, const kactor *admin)
{
	kerr e = { 0 };
	unit_rec u = { .name = "Skolen", .kind = "institution" };
	CHECK(unit_save(db, admin, &u, &e) == KE_OK, "a unit (%s)", e.msg);
	staff_rec s = { .name = "Søren Ågård", .initials = "SÅ", .title = "", .unit_id = u.id, .email = "nope",
			.login = "", .emp_no = "" };
	CHECK(staff_save(db, admin, &s, &e) == KE_INVALID && kerr_is_field(&e, "email"),
	      "a bad email names the column email (%s, '%s')", e.msg, e.field);
	s.email = "";
	s.login = "Søren:";
	CHECK(staff_save(db, admin, &s, &e) == KE_INVALID && kerr_is_field(&e, "login"),
	      "a bad login names the column login (%s)", e.field);
	s.login = "sa";
	snprintf(s.employed_from, sizeof s.employed_from, "2026-02-30");
	CHECK(staff_save(db, admin, &s, &e) == KE_INVALID && kerr_is_field(&e, "employed_from"),
	      "a bad date names its column (%s)", e.field);
	snprintf(s.employed_from, sizeof s.employed_from, "2026-03-01");
	snprintf(s.employed_to, sizeof s.employed_to, "2026-01-01");
	CHECK(staff_save(db, admin, &s, &e) == KE_INVALID && kerr_is_field(&e, "employed_to"),
	      "an end before the start names employed_to (%s)", e.field);
	s.employed_to[0] = 0;
	s.name = "";
	CHECK(staff_save(db, admin, &s, &e) == KE_INVALID && kerr_is_field(&e, "name"),
	      "a missing name names the column name");
	s.name = "Søren Ågård";
	CHECK(staff_save(db, admin, &s, &e) == KE_OK, "then it is saved (%s)", e.msg);
	staff_rec t = { .name = "Anden", .initials = "AN", .title = "", .unit_id = u.id, .email = "",
			.login = "sa", .emp_no = "" };
	CHECK(staff_save(db, admin, &t, &e) == KE_EXISTS && kerr_is_field(&e, "login"),
	      "a taken login is KE_EXISTS naming login (%s)", e.field);
	staff_rec g = { 0 };
	CHECK(staff_get(db, admin, s.id, &g, &e) == KE_OK && !strcmp(g.name, "Søren Ågård") &&
	      !strcmp(g.login, "sa") && !strcmp(g.unit_name, "Skolen") && !strcmp(g.employed_from, "2026-03-01") &&
	      g.role == ROLE_EMPLOYEE && g.active == 1 && g.unit_id == u.id, "read back through the description");
	staff_free(&g);
	free(u.sort_key); /* unit_save hands back the list position it made */
}

/* The refusals that are not about a described field still name theirs. */
static void test_more_fields(kdb *db, const kactor *admin)
{
	kerr e = { 0 };
	activity_rec a = { .title = "Kursus", .method = "course", .provider = "", .description = "",
			   .ects = 61, .hours = -1 };
	CHECK(activity_save(db, admin, &a, &e) == KE_INVALID && kerr_is_field(&e, "ects"),
	      "ECTS above 60 names ects (%s)", e.field);
	a.ects = -1;
	a.hours = 2001;
	CHECK(activity_save(db, admin, &a, &e) == KE_INVALID && kerr_is_field(&e, "hours"),
	      "hours above 2000 names hours (%s)", e.field);
	a.hours = -1;
	snprintf(a.method, sizeof a.method, "seminar");
	CHECK(activity_save(db, admin, &a, &e) == KE_INVALID && kerr_is_field(&e, "method"),
	      "an unknown method names method (%s)", e.field);
	snprintf(a.method, sizeof a.method, "course");
	a.price = -5;
	CHECK(activity_save(db, admin, &a, &e) == KE_INVALID && kerr_is_field(&e, "price"),
	      "a negative price names price (%s)", e.field);
	a.price = 100;
	CHECK(activity_save(db, admin, &a, &e) == KE_OK, "then the activity is saved (%s)", e.msg);
	activity_rec g = { 0 };
	CHECK(activity_get(db, admin, a.id, &g, &e) == KE_OK && !strcmp(g.title, "Kursus") && g.ects < 0 &&
	      g.price == 100 && g.active == 1 && !strcmp(g.method, "course"), "the activity reads back");
	activity_free(&g);
	session_rec s = { .activity_id = a.id, .starts = "2026-05-01", .ends = "2026-05-02", .place = "",
			  .capacity = 0 };
	CHECK(session_save(db, admin, &s, &e) == KE_INVALID && kerr_is_field(&e, "capacity"),
	      "no seats names capacity (%s)", e.field);
	s.capacity = 10;
	snprintf(s.ends, sizeof s.ends, "2026-04-01");
	CHECK(session_save(db, admin, &s, &e) == KE_INVALID && kerr_is_field(&e, "ends"),
	      "an end before the start names ends (%s)", e.field);
	snprintf(s.ends, sizeof s.ends, "2026-05-02");
	CHECK(session_save(db, admin, &s, &e) == KE_OK, "then the session is saved (%s)", e.msg);
	CHECK(budget_set(db, admin, 1, 1999, 10, &e) == KE_INVALID && kerr_is_field(&e, "year"),
	      "a budget year out of range names year (%s)", e.field);
	CHECK(budget_set(db, admin, 1, 2026, -1, &e) == KE_INVALID && kerr_is_field(&e, "amount"),
	      "a negative budget names amount (%s)", e.field);
	CHECK(fu_delay_set(db, admin, "course", 105, 1, &e) == KE_INVALID && kerr_is_field(&e, "weeks"),
	      "a follow-up delay of 105 weeks names weeks (%s)", e.field);
	CHECK(unit_set_leader(db, admin, 1, 1, "2026-02-30", 0, &e) == KE_INVALID && kerr_is_field(&e, "since"),
	      "a bad leader date names since (%s)", e.field);
}

int main(void)
{
	i18n_set(LANG_EN);
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	char path[300];
	snprintf(path, sizeof path, "%s/f.db", dir);
	kdb *db = NULL;
	kerr e = { 0 };
	if (db_open(path, DB_OPEN_CREATE, &db, &e)) {
		CHECK(0, "create: %s", e.msg);
		return t_done();
	}
	kactor admin;
	db_actor_local_admin(&admin, "hr");
	test_descriptions(db);
	test_field_at_fault(db, &admin);
	test_more_fields(db, &admin);
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
