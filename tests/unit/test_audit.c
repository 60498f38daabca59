/* test_audit.c — reading the audit trail (db_audit.c): a record's history
 * newest first, keyset paging through many rows both ways (each row exactly
 * once), the fields an audit row changed, who may read whose history (also
 * of a deleted record), the fields and codes named in the reader's language,
 * a row id used again after a delete, and the admins
 * named to someone who is turned away. */
#include "db.h"
#include "db_activity.h"
#include "db_audit.h"
#include "db_org.h"
#include "db_plan.h"
#include "db_staff.h"
#include "i18n.h"
#include "t.h"

#include <unistd.h>

static char dir[64], path[128];
static kdb *db;
static kactor owner, emma, lars, ole;
static int64_t s_emma, s_lars, u_team;

static int64_t add_staff(const char *login, const char *name, int64_t unit, krole role, kactor *a)
{
	kerr e = { 0 };
	staff_rec s = { 0 };
	s.login = (char *)login;
	s.name = (char *)name;
	s.initials = (char *)"X";
	s.unit_id = unit;
	s.role = role;
	CHECK(staff_save(db, &owner, &s, &e) == KE_OK, "staff %s (%s)", name, e.msg);
	if (a)
		CHECK(db_actor_for_login(db, login, 0, a, &e) == KE_OK, "actor %s (%s)", login, e.msg);
	return s.id;
}

static int64_t add_unit(const char *name)
{
	kerr e = { 0 };
	unit_rec u = { 0 };
	u.name = (char *)name;
	snprintf(u.kind, sizeof u.kind, "team");
	CHECK(unit_save(db, &owner, &u, &e) == KE_OK, "unit %s (%s)", name, e.msg);
	free(u.sort_key); /* the save hands back the list key; the name is ours */
	return u.id;
}

static void setup(void)
{
	kerr e = { 0 };
	CHECK(db_open(path, DB_OPEN_CREATE, &db, &e) == KE_OK, "create database (%s)", e.msg);
	db_actor_local_admin(&owner, "owner");
	u_team = add_unit("Indskoling");
	int64_t other = add_unit("Udskoling");
	s_emma = add_staff("emma", "Emma Ærø", u_team, ROLE_EMPLOYEE, NULL);
	s_lars = add_staff("lars", "Lars Bæk", u_team, ROLE_LEADER, NULL);
	int64_t s_ole = add_staff("ole", "Ole Øst", other, ROLE_LEADER, NULL);
	CHECK(unit_set_leader(db, &owner, u_team, s_lars, "2026-01-01", 0, &e) == KE_OK, "Lars leads (%s)", e.msg);
	CHECK(unit_set_leader(db, &owner, other, s_ole, "2026-01-01", 0, &e) == KE_OK, "Ole leads (%s)", e.msg);
	CHECK(db_actor_for_login(db, "emma", 0, &emma, &e) == KE_OK, "Emma (%s)", e.msg);
	CHECK(db_actor_for_login(db, "lars", 0, &lars, &e) == KE_OK, "Lars (%s)", e.msg);
	CHECK(db_actor_for_login(db, "ole", 0, &ole, &e) == KE_OK, "Ole (%s)", e.msg);
}

static kcode set_title(const kactor *who, int64_t id, const char *title, kerr *e)
{
	staff_rec s;
	if (staff_get(db, &owner, id, &s, e))
		return e->code;
	char *old = s.title;
	s.title = (char *)title;
	kcode c = staff_save(db, who, &s, e);
	s.title = old;
	staff_free(&s);
	return c;
}

static void test_history(void)
{
	kerr e = { 0 };
	CHECK(set_title(&owner, s_emma, "Lærer", &e) == KE_OK, "title changed (%s)", e.msg);
	kpage pg = { .limit = 10 };
	audit_rec *r;
	int n = 0;
	CHECK(audit_list(db, &emma, "staff", s_emma, &pg, &r, &n, &e) == KE_OK && n == 2,
	      "Emma reads her own record's history: 2 rows (%d; %s)", n, e.msg);
	if (n == 2) {
		CHECK_STR(r[0].action, "update", "newest first: the update");
		CHECK_STR(r[1].action, "create", "then the create");
		CHECK_STR(r[0].login, "owner", "who: the login");
		CHECK_STR(r[0].name, "", "a login without a staff record has no name");
		CHECK(r[0].at[4] == '-' && r[0].at[10] == ' ', "when: UTC date and time (%s)", r[0].at);
		CHECK(strstr(r[0].new_json, "\"title\":\"Lærer\"") != NULL, "the new values are kept");
		audit_change *c;
		int m = 0;
		CHECK(audit_changes(db, &emma, r[0].id, &c, &m, &e) == KE_OK && m == 1,
		      "the update changed one field (%d; %s)", m, e.msg);
		if (m == 1) {
			CHECK_STR(c[0].field, "title", "the field");
			CHECK_STR(c[0].old_value, "", "old: empty");
			CHECK_STR(c[0].new_value, "Lærer", "new: Lærer");
		}
		audit_changes_free(c, m);
		CHECK(audit_changes(db, &emma, r[1].id, &c, &m, &e) == KE_OK && m >= 4,
		      "the create lists the fields it set (%d)", m);
		int named = 0, unit = 0, empty = 0;
		for (int i = 0; i < m; i++) {
			named += !strcmp(c[i].field, "name") && !strcmp(c[i].new_value, "Emma Ærø") && !c[i].old_value[0];
			unit += !strcmp(c[i].field, "unit_id") && !strcmp(c[i].new_value, "Indskoling");
			empty += !c[i].new_value[0];
		}
		CHECK(named == 1, "the create names her");
		CHECK(unit == 1, "a reference shows the name it refers to (the unit)");
		CHECK(empty == 0, "fields left empty are not listed as changes");
		audit_changes_free(c, m);
		CHECK(audit_changes(db, &ole, r[1].id, &c, &m, &e) == KE_DENIED, "Ole may not read the changes");
	}
	audit_rows_free(r, n);
	CHECK(set_title(&lars, s_emma, "Pædagog", &e) == KE_DENIED, "a leader cannot edit staff: no audit row");
	CHECK(audit_list(db, &lars, "staff", s_emma, &pg, &r, &n, &e) == KE_OK && n == 2,
	      "her leader reads it too, and the refused edit left nothing");
	audit_rows_free(r, n);
	CHECK(audit_list(db, &ole, "staff", s_emma, &pg, &r, &n, &e) == KE_DENIED &&
	      strstr(e.msg, "Not allowed"), "a leader of another unit may not");
	CHECK(audit_list(db, &emma, "staff", s_lars, &pg, &r, &n, &e) == KE_DENIED, "Emma may not read Lars's");
	CHECK(audit_list(db, &emma, "unit", u_team, &pg, &r, &n, &e) == KE_OK && n == 1,
	      "everyone reads the organisation's history");
	audit_rows_free(r, n);
	CHECK(audit_list(db, &emma, NULL, 0, &pg, &r, &n, &e) == KE_DENIED, "only admins read the whole trail");
	CHECK(audit_list(db, &lars, "nosuchtable", 1, &pg, &r, &n, &e) == KE_DENIED, "unknown tables: admins only");
	audit_change *none;
	CHECK(audit_changes(db, &owner, 999999, &none, &n, &e) == KE_NOTFOUND && !none && !n,
	      "changes of a missing audit row: not found");
}

/* The changes as a person reads them, in the reader's language: each field
 * by its label (never the audit's column name), a code by its name. */
static void test_named(void)
{
	kerr e = { 0 };
	kpage pg = { .limit = 10 };
	audit_rec *r;
	int n = 0;
	const char *tbls[] = { "staff", "unit" };
	int64_t ids[] = { s_emma, u_team };
	for (int lang = 0; lang < 2; lang++) {
		i18n_set(lang ? LANG_EN : LANG_DA);
		for (int t = 0; t < 2; t++) {
			CHECK(audit_list(db, &owner, tbls[t], ids[t], &pg, &r, &n, &e) == KE_OK && n >= 1,
			      "%s: the history (%s)", tbls[t], e.msg);
			audit_change *c;
			int m = 0;
			if (n < 1 || audit_changes(db, &owner, r[n - 1].id, &c, &m, &e)) {
				audit_rows_free(r, n);
				continue;
			}
			int unlabelled = 0, role = 0, kind = 0;
			for (int i = 0; i < m; i++) {
				unlabelled += !c[i].label || !strcmp(c[i].label, c[i].field);
				if (!strcmp(c[i].field, "role"))
					role = !strcmp(c[i].label, lang ? "Role" : "Rolle") &&
					       !strcmp(c[i].new_value, lang ? "employee" : "medarbejder");
				if (!strcmp(c[i].field, "kind"))
					kind = !strcmp(c[i].label, lang ? "Kind" : "Type") &&
					       !strcmp(c[i].new_value, lang ? "team" : "team");
			}
			CHECK(unlabelled == 0, "%s, %s: every field by its label (%d without)", lang ? "en" : "da",
			      tbls[t], unlabelled);
			if (t == 0)
				CHECK(role, "%s: the role by its label and its name", lang ? "en" : "da");
			else
				CHECK(kind, "%s: the unit's kind by its label", lang ? "en" : "da");
			audit_changes_free(c, m);
			audit_rows_free(r, n);
		}
	}
	i18n_set(LANG_EN);

	/* an activity's competence areas and method, in the reader's language */
	activity_rec a = { 0 };
	a.title = (char *)"Sprogkursus";
	snprintf(a.method, sizeof a.method, "course");
	a.provider = (char *)"";
	a.description = (char *)"";
	a.ects = a.hours = -1;
	a.competence_ids[0] = 1;
	a.n_competences = 1;
	CHECK(activity_save(db, &owner, &a, &e) == KE_OK, "an activity (%s)", e.msg);
	a.competence_ids[1] = 4;
	a.n_competences = 2;
	snprintf(a.method, sizeof a.method, "theme_day");
	CHECK(activity_save(db, &owner, &a, &e) == KE_OK, "its areas and method changed (%s)", e.msg);
	free(a.sort_key);
	i18n_set(LANG_DA);
	CHECK(audit_list(db, &owner, "activity", a.id, &pg, &r, &n, &e) == KE_OK && n == 2, "its history: 2 rows");
	audit_change *c;
	int m = 0, areas = 0, method = 0;
	if (n == 2 && !audit_changes(db, &owner, r[0].id, &c, &m, &e)) {
		for (int i = 0; i < m; i++) {
			areas += !strcmp(c[i].label, "Kompetenceområder") && !strcmp(c[i].old_value, "Personlig") &&
				 !strcmp(c[i].new_value, "Personlig, Relationel");
			method += !strcmp(c[i].label, "Metode") && !strcmp(c[i].old_value, "Kursus") &&
				  !strcmp(c[i].new_value, "Temadag");
		}
		audit_changes_free(c, m);
	}
	audit_rows_free(r, n);
	CHECK(areas == 1, "the competence areas by their Danish names, not their ids");
	CHECK(method == 1, "the method by its Danish name, not its code");
	i18n_set(LANG_EN);
}

/* Pages through (tbl,row) — or everything with tbl NULL — n rows at a time,
 * forwards then backwards; every id exactly once, in order both ways. */
static void page_through(const char *tbl, int64_t row, int total, int step)
{
	kerr e = { 0 };
	int64_t *seen = calloc((size_t)total + 1, sizeof *seen);
	int count = 0, ordered = 1, fails = 0;
	char key[32] = "";
	int64_t id = 0;
	for (int loops = 0; loops < total + 2; loops++) {
		kpage pg = { .limit = step, .after_key = key[0] ? key : NULL, .after_id = id };
		audit_rec *r;
		int n;
		if (audit_list(db, &owner, tbl, row, &pg, &r, &n, &e)) {
			fails++;
			break;
		}
		for (int i = 0; i < n; i++) {
			if (count && r[i].id >= seen[count - 1])
				ordered = 0;
			if (count < total + 1)
				seen[count] = r[i].id;
			count++;
		}
		if (n) {
			snprintf(key, sizeof key, "%s", r[n - 1].sort_key);
			id = r[n - 1].id;
		}
		audit_rows_free(r, n);
		if (n < step)
			break;
	}
	CHECK(!fails && count == total && ordered, "%s: forwards by %d: %d rows, newest first (%d)",
	      tbl ? tbl : "all", step, total, count);
	int back = 0, border = 1;
	key[0] = '\0';
	id = 0;
	for (int loops = 0; loops < total + 2; loops++) {
		kpage pg = { .limit = step, .after_key = key[0] ? key : NULL, .after_id = id, .backward = 1 };
		audit_rec *r;
		int n;
		if (audit_list(db, &owner, tbl, row, &pg, &r, &n, &e)) {
			fails++;
			break;
		}
		/* a backward page comes in list order: its first row is the oldest new one */
		for (int i = n - 1; i >= 0; i--) {
			int at = total - 1 - back;
			if (at < 0 || at >= total || seen[at] != r[i].id)
				border = 0;
			back++;
		}
		if (n) {
			snprintf(key, sizeof key, "%s", r[0].sort_key);
			id = r[0].id;
		}
		audit_rows_free(r, n);
		if (n < step)
			break;
	}
	CHECK(!fails && back == total && border, "%s: backwards by %d: the same %d rows (%d)",
	      tbl ? tbl : "all", step, total, back);
	free(seen);
}

static void test_paging(void)
{
	kerr e = { 0 };
	int ok = 1;
	for (int i = 0; i < 120 && ok; i++) {
		char t[16];
		snprintf(t, sizeof t, "Titel %d", i);
		ok = set_title(&owner, s_lars, t, &e) == KE_OK;
	}
	CHECK(ok, "120 changes of Lars's record (%s)", e.msg);
	page_through("staff", s_lars, 121, 7);
	page_through("staff", s_lars, 121, 500);
	kpage pg = { .limit = 500 };
	audit_rec *r;
	int n = 0;
	CHECK(audit_list(db, &owner, NULL, 0, &pg, &r, &n, &e) == KE_OK, "the whole trail (%s)", e.msg);
	audit_rows_free(r, n);
	page_through(NULL, 0, n, 11);

	/* The list widget reloads from (key, id - 1): that position includes the row. */
	pg.limit = 3;
	CHECK(audit_list(db, &owner, "staff", s_lars, &pg, &r, &n, &e) == KE_OK && n == 3, "three newest");
	if (n == 3) {
		kpage again = { .limit = 2, .after_key = r[1].sort_key, .after_id = r[1].id - 1 };
		audit_rec *r2;
		int n2 = 0;
		CHECK(audit_list(db, &owner, "staff", s_lars, &again, &r2, &n2, &e) == KE_OK && n2 == 2 &&
		      r2[0].id == r[1].id && r2[1].id == r[2].id, "(key, id - 1) starts at the row itself");
		audit_rows_free(r2, n2);
		kpage before = { .limit = 5, .after_key = r[1].sort_key, .after_id = r[1].id, .backward = 1 };
		CHECK(audit_list(db, &owner, "staff", s_lars, &before, &r2, &n2, &e) == KE_OK && n2 == 1 &&
		      r2[0].id == r[0].id, "backwards from the second: only the newest");
		audit_rows_free(r2, n2);
	}
	audit_rows_free(r, n);
}

static void test_deleted_and_reused(void)
{
	kerr e = { 0 };
	plan_rec p = { 0 };
	p.staff_id = s_emma;
	p.year = 2026;
	CHECK(plan_save(db, &lars, &p, &e) == KE_OK, "Lars makes Emma's plan (%s)", e.msg);
	int64_t id = p.id;
	CHECK(plan_delete(db, &lars, id, p.version, &e) == KE_OK, "and deletes it (%s)", e.msg);
	kpage pg = { .limit = 10 };
	audit_rec *r;
	int n = 0;
	CHECK(audit_list(db, &emma, "plan", id, &pg, &r, &n, &e) == KE_OK && n == 2,
	      "Emma still reads the history of her deleted plan (%d; %s)", n, e.msg);
	if (n == 2)
		CHECK(!strcmp(r[0].action, "delete") && !strcmp(r[0].login, "lars"), "deleted by lars");
	audit_rows_free(r, n);
	CHECK(audit_list(db, &ole, "plan", id, &pg, &r, &n, &e) == KE_DENIED, "Ole does not");

	/* SQLite hands the highest row id out again: the new plan is Lars's. */
	plan_rec q = { 0 };
	q.staff_id = s_lars;
	q.year = 2026;
	CHECK(plan_save(db, &owner, &q, &e) == KE_OK && q.id == id, "a new plan gets the same id (%lld)",
	      (long long)q.id);
	CHECK(audit_list(db, &owner, "plan", id, &pg, &r, &n, &e) == KE_OK && n == 1 &&
	      !strcmp(r[0].action, "create") && !strcmp(r[0].login, "owner"),
	      "its history starts at its own create (%d rows)", n);
	audit_rows_free(r, n);
	CHECK(audit_list(db, &emma, "plan", id, &pg, &r, &n, &e) == KE_DENIED,
	      "and Emma no longer reads it: it is Lars's plan now");
}

static void test_contacts(void)
{
	kerr e = { 0 };
	char *s = NULL;
	CHECK(audit_admin_contacts(db, &s, &e) == KE_OK && s && !strcmp(s, ""), "no admins yet: empty");
	free(s);
	add_staff("bo", "Bo Berg", u_team, ROLE_ADMIN, NULL);
	add_staff("aase", "Aase Å", u_team, ROLE_ADMIN, NULL);
	int64_t gone = add_staff("carl", "Carl Cold", u_team, ROLE_ADMIN, NULL);
	CHECK(staff_set_active(db, &owner, gone, 1, 0, &e) == KE_OK, "Carl deactivated (%s)", e.msg);
	CHECK(audit_admin_contacts(db, &s, &e) == KE_OK && s, "admins named (%s)", e.msg);
	CHECK_STR(s, "Bo Berg (bo), Aase Å (aase)", "active admins, Danish order (Å last)");
	free(s);
}

int main(void)
{
	i18n_init("en");
	snprintf(dir, sizeof dir, "/tmp/kup-audit.XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/audit.db", dir);
	setup();
	test_history();
	test_named();
	test_paging();
	test_deleted_and_reused();
	test_contacts();
	db_close(db);
	char side[160];
	const char *ext[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		snprintf(side, sizeof side, "%s%s", path, ext[i]);
		unlink(side);
	}
	rmdir(dir);
	i18n_done();
	return t_done();
}
