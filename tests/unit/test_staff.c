/* Unit tests for src/db/db_staff.c: every function of db_staff.h — Danish
 * letters, each validation message, unique logins and employee numbers,
 * version conflicts, deactivation, the audit trail, who sees whom, keyset
 * paging through 10 000 people and Danish list order and search. */
#include "t.h"

#include <sqlite3.h>
#include <stdint.h>
#include <unistd.h>

#include "db.h"
#include "db_internal.h" /* scope_leads_staff: "not himself-as-led" */
#include "db_org.h"
#include "db_staff.h"
#include "i18n.h"

static char dir[] = "/tmp/kup-test-staff.XXXXXX";
static char path[300];
static kdb *db;
static sqlite3 *raw; /* second connection, to look at what the API does not show */
static kactor admin; /* local owner: no staff record */

static int has(const kerr *e, kcode code, const char *part)
{
	int ok = e->code == code && strstr(e->msg, part) != NULL;
	if (!ok)
		printf("#   code %d, msg '%s'; want code %d with '%s'\n", e->code, e->msg, code, part);
	return ok;
}

static int64_t raw_int(const char *sql, int64_t p)
{
	sqlite3_stmt *st = NULL;
	int64_t out = -1;
	if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) != SQLITE_OK) {
		printf("# raw prepare: %s\n", sqlite3_errmsg(raw));
		return -1;
	}
	if (sqlite3_bind_parameter_count(st))
		sqlite3_bind_int64(st, 1, p);
	if (sqlite3_step(st) == SQLITE_ROW)
		out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return out;
}

static const char *raw_text(const char *sql, int64_t p, char *buf, size_t size)
{
	sqlite3_stmt *st = NULL;
	snprintf(buf, size, "(none)");
	if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_bind_parameter_count(st))
			sqlite3_bind_int64(st, 1, p);
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(buf, size, "%s", sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "NULL");
	}
	sqlite3_finalize(st);
	return buf;
}

static int64_t new_unit(const char *name, int64_t parent, const char *kind)
{
	unit_rec u = { 0 };
	kerr e = { 0 };
	u.name = (char *)name;
	u.parent_id = parent;
	snprintf(u.kind, sizeof u.kind, "%s", kind);
	if (unit_save(db, &admin, &u, &e)) {
		printf("# unit_save %s: %s\n", name, e.msg);
		return -1;
	}
	free(u.sort_key);
	return u.id;
}

/* A record with the required fields; strings point at literals (never
 * passed to staff_free). */
static staff_rec rec(const char *login, const char *name, int64_t unit)
{
	staff_rec s;
	memset(&s, 0, sizeof s);
	s.login = (char *)login;
	s.name = (char *)name;
	s.initials = (char *)"XY";
	s.unit_id = unit;
	return s;
}

static int64_t new_staff(const char *login, const char *name, int64_t unit, krole role)
{
	staff_rec s = rec(login, name, unit);
	kerr e = { 0 };
	s.role = role;
	if (staff_save(db, &admin, &s, &e)) {
		printf("# staff_save %s: %s\n", name, e.msg);
		return -1;
	}
	return s.id;
}

static kactor actor(const char *login)
{
	kactor who;
	kerr e = { 0 };
	memset(&who, 0, sizeof who);
	if (db_actor_for_login(db, login, 0, &who, &e))
		printf("# actor %s: %s\n", login, e.msg);
	return who;
}

/* staff_save on a copy of s (the caller's record keeps its fields). */
static kcode try_save(const kactor *who, staff_rec s, kerr *e)
{
	return staff_save(db, who, &s, e);
}

static int64_t version_of(int64_t id)
{
	return raw_int("SELECT version FROM staff WHERE id = ?", id);
}

/* ---- the organisation used by most tests ----
 * Børn & Unge (area)
 *   Skovbrynet Skole (institution)  led by Lars; Pia works there
 *     Indskoling (team)             led by Ida; Eva works there
 *     Udskoling (team)              Bo works there
 *   Ungdomshuset (institution)      led by Ulla; Kim works there
 * Hanne Rask (admin) is in the area itself. */
static int64_t u_area, u_school, u_indsk, u_udsk, u_ung;
static int64_t s_hanne, s_lars, s_pia, s_ida, s_eva, s_bo, s_ulla, s_kim;

static void build_org(void)
{
	kerr e = { 0 };
	u_area = new_unit("Børn & Unge", 0, "area");
	u_school = new_unit("Skovbrynet Skole", u_area, "institution");
	u_indsk = new_unit("Indskoling", u_school, "team");
	u_udsk = new_unit("Udskoling", u_school, "team");
	u_ung = new_unit("Ungdomshuset", u_area, "institution");
	s_hanne = new_staff("hanne", "Hanne Rask", u_area, ROLE_ADMIN);
	s_lars = new_staff("lars", "Lars Brønnum", u_school, ROLE_EMPLOYEE);
	s_pia = new_staff("pia", "Pia Dam", u_school, ROLE_EMPLOYEE);
	s_ida = new_staff("ida", "Ida Holm", u_indsk, ROLE_EMPLOYEE);
	s_eva = new_staff("eva", "Eva Lund", u_indsk, ROLE_EMPLOYEE);
	s_bo = new_staff("bo", "Bo Hansen", u_udsk, ROLE_EMPLOYEE);
	s_ulla = new_staff("ulla", "Ulla Berg", u_ung, ROLE_EMPLOYEE);
	s_kim = new_staff("kim", "Kim Ravn", u_ung, ROLE_EMPLOYEE);
	int ok = u_area > 0 && u_school > 0 && u_indsk > 0 && u_udsk > 0 && u_ung > 0 && s_hanne > 0 &&
		 s_lars > 0 && s_pia > 0 && s_ida > 0 && s_eva > 0 && s_bo > 0 && s_ulla > 0 && s_kim > 0;
	ok = ok && unit_set_leader(db, &admin, u_school, s_lars, "2024-01-01", 0, &e) == KE_OK;
	ok = ok && unit_set_leader(db, &admin, u_indsk, s_ida, "2024-01-01", 0, &e) == KE_OK;
	ok = ok && unit_set_leader(db, &admin, u_ung, s_ulla, "2024-01-01", 0, &e) == KE_OK;
	CHECK(ok, "the organisation: 5 units, 8 staff, 3 leaders (%s)", e.msg);
}

/* ---- tests ---- */

static void test_create_read(void)
{
	kerr e = { 0 };
	named_rec prof = { 0 };
	prof.name = (char *)"Pædagog";
	CHECK(profession_save(db, &admin, &prof, &e) == KE_OK, "a profession");
	free(prof.sort_key);

	staff_rec s = rec("saa", "Søren Ågård", u_indsk);
	s.emp_no = (char *)"4711";
	s.initials = (char *)"SÅ";
	s.email = (char *)"soeren.aagaard@example.dk";
	s.title = (char *)"Pædagog i indskolingen";
	s.profession_id = prof.id;
	snprintf(s.employed_from, sizeof s.employed_from, "2019-08-01");
	snprintf(s.employed_to, sizeof s.employed_to, "2027-07-31");
	CHECK(staff_save(db, &admin, &s, &e) == KE_OK && s.id > 0, "create Søren Ågård (%s)", e.msg);
	CHECK(s.version == 1 && s.active == 1, "the new record is version 1 and active");

	staff_rec g;
	CHECK(staff_get(db, &admin, s.id, &g, &e) == KE_OK, "staff_get reads him back");
	if (e.code == KE_OK) {
		CHECK_STR(g.name, "Søren Ågård", "name with ø and Å");
		CHECK_STR(g.initials, "SÅ", "initials");
		CHECK_STR(g.login, "saa", "login");
		CHECK_STR(g.emp_no, "4711", "employee number");
		CHECK_STR(g.email, "soeren.aagaard@example.dk", "email");
		CHECK_STR(g.title, "Pædagog i indskolingen", "title");
		CHECK_STR(g.unit_name, "Indskoling", "unit name");
		CHECK_STR(g.profession_name, "Pædagog", "profession name");
		CHECK_STR(g.employed_from, "2019-08-01", "employed from");
		CHECK_STR(g.employed_to, "2027-07-31", "employed until");
		CHECK(g.unit_id == u_indsk && g.profession_id == prof.id && g.role == ROLE_EMPLOYEE &&
		      g.active == 1 && g.version == 1 && g.sort_key[0], "ids, role, active, version, sort key");
		staff_free(&g);
	}
	CHECK(staff_find_login(db, &admin, "saa", &g, &e) == KE_OK && g.id == s.id, "staff_find_login finds him");
	staff_free(&g);
	CHECK(staff_find_login(db, &admin, "nobody", &g, &e) == KE_NOTFOUND && has(&e, KE_NOTFOUND, "No such staff"),
	      "an unknown login: KE_NOTFOUND");
	CHECK(staff_get(db, &admin, 999999, &g, &e) == KE_NOTFOUND, "an unknown id: KE_NOTFOUND");

	/* optional fields empty: stored as NULL, so two such people do not clash */
	staff_rec a = rec("", "Uden Login", u_area), b = rec(NULL, "Heller Ikke", u_area);
	a.emp_no = (char *)"";
	CHECK(staff_save(db, &admin, &a, &e) == KE_OK && staff_save(db, &admin, &b, &e) == KE_OK,
	      "two people without login or employee number (%s)", e.msg);
	CHECK(raw_int("SELECT count(*) FROM staff WHERE login IS NULL AND emp_no IS NULL AND email IS NULL", 0) == 2,
	      "empty optional fields are stored as NULL");
	CHECK(staff_get(db, &admin, a.id, &g, &e) == KE_OK && !strcmp(g.login, "") && !strcmp(g.employed_from, ""),
	      "and read back as empty strings");
	staff_free(&g);
}

static void test_validation(void)
{
	struct { const char *what; staff_rec s; const char *part; } cases[9];
	int n = 0;
	staff_rec base = rec("ny", "Ny Person", u_area);
#define CASE(w, p) (cases[n].what = (w), cases[n].part = (p), cases[n].s = base, &cases[n++].s)
	CASE("name required", "Name is required")->name = (char *)"";
	CASE("initials too long", "Initials is too long (at most 8")->initials = (char *)"ABCDEFGHI";
	CASE("login with a colon", "Login may not hold ':'")->login = (char *)"so:ren";
	CASE("login ending in a space", "Login may not begin or end with a space")->login = (char *)"soren ";
	CASE("email without @", "Email must look like name@example.dk")->email = (char *)"ny.example.dk";
	staff_rec *d = CASE("employed until before employed from", "Employed until is before employed from");
	snprintf(d->employed_from, sizeof d->employed_from, "2026-08-01");
	snprintf(d->employed_to, sizeof d->employed_to, "2026-07-31");
	CASE("missing unit", "Unit is required")->unit_id = 0;
	CASE("ESC in the name", "Name contains control characters")->name = (char *)"Ny \x1b[31mPerson";
	d = CASE("no such date", "Employed from is not a valid date");
	snprintf(d->employed_from, sizeof d->employed_from, "2026-02-30");
#undef CASE
	int64_t before = raw_int("SELECT count(*) FROM staff", 0), audits = raw_int("SELECT count(*) FROM audit", 0);
	for (int i = 0; i < n; i++) {
		kerr e = { 0 };
		kcode c = try_save(&admin, cases[i].s, &e);
		CHECK(c == KE_INVALID && has(&e, KE_INVALID, cases[i].part), "refused: %s", cases[i].what);
	}
	kerr e = { 0 };
	staff_rec s = base;
	s.unit_id = 987654;
	CHECK(try_save(&admin, s, &e) == KE_INVALID && has(&e, KE_INVALID, "unit does not exist"),
	      "refused: a unit that does not exist");
	s = base;
	s.profession_id = 987654;
	CHECK(try_save(&admin, s, &e) == KE_INVALID && has(&e, KE_INVALID, "profession does not exist"),
	      "refused: a profession that does not exist, in words");
	i18n_set(LANG_DA);
	CHECK(try_save(&admin, s, &e) == KE_INVALID && has(&e, KE_INVALID, "Den valgte faggruppe findes ikke"),
	      "the same in Danish");
	i18n_set(LANG_EN);
	s = base;
	s.id = 987654;
	s.version = 1;
	CHECK(try_save(&admin, s, &e) == KE_NOTFOUND && has(&e, KE_NOTFOUND, "no longer exists"),
	      "updating a record that does not exist: KE_NOTFOUND");
	CHECK(raw_int("SELECT count(*) FROM staff", 0) == before && raw_int("SELECT count(*) FROM audit", 0) == audits,
	      "nothing refused was stored or audited");

	/* the edges that are allowed */
	s = base;
	s.initials = (char *)"ÆØÅÆØÅÆØ"; /* 8 characters, 16 bytes */
	s.login = (char *)"a.b_c-9";
	snprintf(s.employed_from, sizeof s.employed_from, "2026-08-01");
	snprintf(s.employed_to, sizeof s.employed_to, "2026-08-01");
	CHECK(try_save(&admin, s, &e) == KE_OK, "8 Danish letters as initials, login with . _ - and a one-day employment (%s)", e.msg);
}

static void test_unique(void)
{
	kerr e = { 0 };
	staff_rec s = rec("saa", "Sara Andersen", u_area);
	CHECK(try_save(&admin, s, &e) == KE_EXISTS && has(&e, KE_EXISTS, "'saa' already belongs to Søren Ågård"),
	      "a taken login: the message names who has it");
	s = rec("sara", "Sara Andersen", u_area);
	s.emp_no = (char *)"4711";
	CHECK(try_save(&admin, s, &e) == KE_EXISTS && has(&e, KE_EXISTS, "employee number '4711' already belongs to Søren Ågård"),
	      "a taken employee number: the message names who has it");
	s.emp_no = (char *)"4712";
	CHECK(try_save(&admin, s, &e) == KE_OK, "with free login and number she is saved");

	/* saving someone again with their own login and number is no clash */
	staff_rec g;
	if (staff_find_login(db, &admin, "saa", &g, &e) == KE_OK) {
		free(g.title);
		g.title = strdup("Pædagog og AKT-vejleder");
		CHECK(g.title && staff_save(db, &admin, &g, &e) == KE_OK && g.version == 2,
		      "Søren updated with his own login and number (%s)", e.msg);
		staff_free(&g);
	}
}

static void test_conflict_and_audit(void)
{
	kerr e = { 0 };
	kactor hanne = actor("hanne");
	CHECK(hanne.role == ROLE_ADMIN && hanne.staff_id == s_hanne, "Hanne acts as admin");
	staff_rec mine, theirs;
	if (staff_get(db, &admin, s_pia, &mine, &e) || staff_get(db, &admin, s_pia, &theirs, &e)) {
		CHECK(0, "read Pia twice: %s", e.msg);
		return;
	}
	int64_t audits = raw_int("SELECT count(*) FROM audit WHERE tbl = 'staff' AND row_id = ?", s_pia);
	free(theirs.title);
	theirs.title = strdup("Souschef");
	CHECK(staff_save(db, &hanne, &theirs, &e) == KE_OK && theirs.version == mine.version + 1,
	      "Hanne changes Pia's title");
	free(mine.email);
	mine.email = strdup("pia@example.dk");
	CHECK(staff_save(db, &admin, &mine, &e) == KE_CONFLICT && has(&e, KE_CONFLICT, "Hanne Rask changed this record"),
	      "a stale update: KE_CONFLICT naming who changed it");
	staff_rec now;
	if (staff_get(db, &admin, s_pia, &now, &e) == KE_OK) {
		CHECK_STR(now.title, "Souschef", "Hanne's change stands");
		CHECK_STR(now.email, "", "the stale change was not saved");
		staff_free(&now);
	}
	CHECK(raw_int("SELECT count(*) FROM audit WHERE tbl = 'staff' AND row_id = ?", s_pia) == audits + 1,
	      "one audit row for the one saved change");

	char buf[256];
	int64_t aid = raw_int("SELECT max(id) FROM audit WHERE tbl = 'staff' AND row_id = ?", s_pia);
	CHECK_STR(raw_text("SELECT login || ' ' || action FROM audit WHERE id = ?", aid, buf, sizeof buf), "hanne update",
		  "the audit row has the actor's login and the action");
	CHECK_STR(raw_text("SELECT json_extract(old, '$.title') || ' -> ' || json_extract(new, '$.title')"
			   " FROM audit WHERE id = ?", aid, buf, sizeof buf), " -> Souschef",
		  "old and new values as JSON");
	CHECK_STR(raw_text("SELECT json_extract(old, '$.name') || '|' || json_extract(new, '$.name')"
			   " FROM audit WHERE id = ?", aid, buf, sizeof buf), "Pia Dam|Pia Dam",
		  "unchanged fields are in both");
	int64_t cid = raw_int("SELECT min(id) FROM audit WHERE tbl = 'staff' AND row_id = ?", s_pia);
	CHECK_STR(raw_text("SELECT action || ' ' || (old IS NULL) || ' ' || json_extract(new, '$.login')"
			   " FROM audit WHERE id = ?", cid, buf, sizeof buf), "create 1 pia",
		  "the create is audited with no old value");

	/* set_active: version-checked, audited, hides from the default list */
	int64_t v = version_of(s_kim);
	CHECK(staff_set_active(db, &hanne, s_kim, v, 0, &e) == KE_OK, "Hanne deactivates Kim");
	CHECK(version_of(s_kim) == v + 1 && raw_int("SELECT active FROM staff WHERE id = ?", s_kim) == 0,
	      "Kim is inactive, version bumped");
	aid = raw_int("SELECT max(id) FROM audit WHERE tbl = 'staff' AND row_id = ?", s_kim);
	CHECK_STR(raw_text("SELECT login || ' ' || json_extract(old, '$.active') || '->' || json_extract(new, '$.active')"
			   " FROM audit WHERE id = ?", aid, buf, sizeof buf), "hanne 1->0",
		  "deactivation audited with old and new value");
	CHECK(staff_set_active(db, &hanne, s_kim, v, 1, &e) == KE_CONFLICT && has(&e, KE_CONFLICT, "Hanne Rask"),
	      "set_active with a stale version: KE_CONFLICT");
	CHECK(staff_set_active(db, &admin, 999999, 1, 0, &e) == KE_NOTFOUND, "set_active on no one: KE_NOTFOUND");
	kactor k;
	CHECK(db_actor_for_login(db, "kim", 0, &k, &e) == KE_DENIED && has(&e, KE_DENIED, "deactivated"),
	      "a deactivated login cannot act");
	staff_rec *rows;
	int n, seen = 0;
	kpage pg = { .unit_id = u_ung, .limit = 50 };
	CHECK(staff_list(db, &admin, &pg, &rows, &n, &e) == KE_OK, "list Ungdomshuset");
	for (int i = 0; i < n; i++)
		seen += rows[i].id == s_kim;
	staff_rows_free(rows, n);
	CHECK(seen == 0 && n == 1, "without include_inactive Kim is not listed");
	pg.include_inactive = 1;
	seen = 0;
	CHECK(staff_list(db, &admin, &pg, &rows, &n, &e) == KE_OK, "list again with inactive");
	for (int i = 0; i < n; i++)
		seen += rows[i].id == s_kim && rows[i].active == 0;
	staff_rows_free(rows, n);
	CHECK(seen == 1 && n == 2, "with include_inactive Kim is listed as inactive");
	CHECK(staff_set_active(db, &hanne, s_kim, v + 1, 1, &e) == KE_OK && version_of(s_kim) == v + 2,
	      "Kim is active again");
	staff_free(&mine);
	staff_free(&theirs);
}

/* ids the actor sees in the whole list, as a count, plus whether id is among them */
static int list_sees(const kactor *who, int64_t id, int *count)
{
	staff_rec *rows;
	int n, seen = 0;
	kerr e = { 0 };
	kpage pg = { .limit = 500, .include_inactive = 1 };
	*count = -1;
	if (staff_list(db, who, &pg, &rows, &n, &e)) {
		printf("# staff_list: %s\n", e.msg);
		return 0;
	}
	for (int i = 0; i < n; i++)
		seen += rows[i].id == id;
	staff_rows_free(rows, n);
	*count = n;
	return seen;
}

static int get_ok(const kactor *who, int64_t id)
{
	staff_rec g;
	kerr e = { 0 };
	kcode c = staff_get(db, who, id, &g, &e);
	if (c == KE_OK)
		staff_free(&g);
	else if (c != KE_DENIED || !strstr(e.msg, "Not allowed"))
		printf("#   unexpected %d: %s\n", c, e.msg);
	return c == KE_OK;
}

static void test_roles(void)
{
	kerr e = { 0 };
	kactor eva = actor("eva"), lars = actor("lars"), ida = actor("ida"), hanne = actor("hanne");
	CHECK(eva.role == ROLE_EMPLOYEE && lars.role == ROLE_LEADER && ida.role == ROLE_LEADER,
	      "unit_set_leader made Lars and Ida leaders");
	int n;

	/* employee: herself only */
	CHECK(list_sees(&eva, s_eva, &n) && n == 1, "Eva's staff list holds one row: herself (%d)", n);
	CHECK(get_ok(&eva, s_eva), "Eva may read her own record");
	CHECK(!get_ok(&eva, s_ida) && !get_ok(&eva, s_bo), "Eva may not read her leader's or a colleague's record");
	staff_rec g;
	CHECK(staff_find_login(db, &eva, "bo", &g, &e) == KE_DENIED && has(&e, KE_DENIED, "Not allowed"),
	      "nor find a colleague by login");
	staff_rec self;
	if (staff_get(db, &eva, s_eva, &self, &e) == KE_OK) {
		CHECK(staff_save(db, &eva, &self, &e) == KE_DENIED && has(&e, KE_DENIED, "Not allowed"),
		      "Eva may not save even her own record");
		CHECK(staff_set_active(db, &eva, s_eva, self.version, 0, &e) == KE_DENIED, "nor deactivate");
		staff_free(&self);
	}
	kpage pg = { .filter = "bo", .limit = 50 };
	staff_rec *rows;
	CHECK(staff_list(db, &eva, &pg, &rows, &n, &e) == KE_OK && n == 0, "a filter does not widen her view");
	staff_rows_free(rows, n);

	/* leader of the school: the school and the teams below, not Ungdomshuset */
	int64_t lars_sees[] = { s_lars, s_pia, s_ida, s_eva, s_bo };
	int all = 1;
	for (size_t i = 0; i < sizeof lars_sees / sizeof *lars_sees; i++)
		all &= list_sees(&lars, lars_sees[i], &n) && get_ok(&lars, lars_sees[i]);
	/* + Søren Ågård (Indskoling) and Sara (area) is not his */
	CHECK(all, "Lars sees himself, Pia, and Ida, Eva, Bo in the teams below");
	int64_t saa = raw_int("SELECT id FROM staff WHERE login = 'saa'", 0);
	CHECK(list_sees(&lars, saa, &n) && n == 6, "Lars's list: 6 people (%d)", n);
	CHECK(!list_sees(&lars, s_kim, &n) && !get_ok(&lars, s_kim) && !get_ok(&lars, s_ulla),
	      "Lars does not see Ungdomshuset");
	CHECK(!list_sees(&lars, s_hanne, &n) && !get_ok(&lars, s_hanne), "nor the admin in the area above");
	CHECK(scope_leads_staff(db, &lars, s_pia) && scope_leads_staff(db, &lars, s_ida) &&
	      scope_leads_staff(db, &lars, s_bo), "Lars leads Pia, Ida (who leads a team below) and Bo");
	CHECK(!scope_leads_staff(db, &lars, s_lars), "Lars does not lead himself");

	/* team leader: her team only; her own leader is above her */
	CHECK(list_sees(&ida, s_eva, &n) && list_sees(&ida, saa, &n) && n == 3, "Ida sees herself, Eva and Søren (%d)", n);
	CHECK(!get_ok(&ida, s_lars) && !get_ok(&ida, s_pia) && !get_ok(&ida, s_bo), "Ida sees neither Lars, Pia nor Udskoling");
	CHECK(!scope_leads_staff(db, &ida, s_ida) && scope_leads_staff(db, &ida, s_eva), "Ida leads Eva, not herself");

	/* a leader of a unit is led from the unit above, even by a co-leader */
	int64_t s_per = new_staff("per", "Per Kofoed", u_school, ROLE_EMPLOYEE);
	CHECK(unit_set_leader(db, &admin, u_school, s_per, "2025-01-01", 0, &e) == KE_OK, "Per becomes co-leader of the school");
	CHECK(!scope_leads_staff(db, &lars, s_per), "co-leaders do not lead each other");

	/* only admin saves */
	staff_rec s = rec("ny2", "Ny Leder", u_indsk);
	CHECK(try_save(&lars, s, &e) == KE_DENIED && has(&e, KE_DENIED, "Not allowed"), "a leader may not create staff");
	if (staff_get(db, &lars, s_eva, &g, &e) == KE_OK) {
		CHECK(staff_save(db, &lars, &g, &e) == KE_DENIED, "nor edit his staff");
		CHECK(staff_set_active(db, &lars, s_eva, g.version, 0, &e) == KE_DENIED, "nor deactivate them");
		staff_free(&g);
	}
	CHECK(try_save(&hanne, s, &e) == KE_OK, "an admin may (%s)", e.msg);
	CHECK(list_sees(&hanne, s_kim, &n) && list_sees(&hanne, s_lars, &n), "an admin sees everyone");
}

static void test_danish(void)
{
	kerr e = { 0 };
	int64_t u = new_unit("Alfabetet", 0, "area");
	/* inserted out of order; expected list order: Æ Ø Å after Z, and
	 * word-initial "Aa" counts as Å (so Aagaard = Ågaard, before Ågård) */
	const char *want[] = { "Anders", "Zacho", "Ærø", "Øster", "Aagaard", "Aage", "Ågård", "Åse" };
	const char *ins[] = { "Ågård", "Øster", "Aage", "Anders", "Åse", "Aagaard", "Zacho", "Ærø" };
	int ok = u > 0;
	for (int i = 0; i < 8 && ok; i++)
		ok = try_save(&admin, rec(NULL, ins[i], u), &e) == KE_OK;
	CHECK(ok, "eight single-name people (%s)", e.msg);
	kpage pg = { .unit_id = u, .limit = 50 };
	staff_rec *rows;
	int n;
	CHECK(staff_list(db, &admin, &pg, &rows, &n, &e) == KE_OK && n == 8, "listed");
	int order = n == 8;
	for (int i = 0; i < n && order; i++)
		if (strcmp(rows[i].name, want[i]) != 0) {
			printf("#   position %d: %s, want %s\n", i, rows[i].name, want[i]);
			order = 0;
		}
	CHECK(order, "Danish order: Anders < Zacho < Ærø < Øster < Aagaard < Aage < Ågård < Åse");
	staff_rows_free(rows, n);

	int64_t mette = new_staff("mette", "Mette Aagaard", u_ung, ROLE_EMPLOYEE);
	int64_t saa = raw_int("SELECT id FROM staff WHERE login = 'saa'", 0);
	int64_t agard = raw_int("SELECT id FROM staff WHERE name = 'Ågård'", 0);
	struct { const char *filter; int64_t a, b; int count; } f[] = {
		{ "soren", saa, 0, 1 },
		{ "SØREN", saa, 0, 1 },
		{ "aagaard", agard, mette, 3 }, /* Ågård, Aagaard, Mette Aagaard (and Søren Ågård) */
		{ "ågård", agard, mette, 3 },
	};
	for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
		kpage fp = { .filter = f[i].filter, .limit = 50 };
		int a = 0, b = 0, s = 0;
		CHECK(staff_list(db, &admin, &fp, &rows, &n, &e) == KE_OK, "filter '%s'", f[i].filter);
		for (int k = 0; k < n; k++) {
			a += rows[k].id == f[i].a;
			b += f[i].b && rows[k].id == f[i].b;
			s += rows[k].id == saa;
		}
		int want_n = f[i].count + (f[i].a != saa); /* Søren is in every one of these */
		CHECK(a == 1 && (!f[i].b || b == 1) && s == 1 && n == want_n,
		      "filter '%s' finds the right %d people (got %d)", f[i].filter, want_n, n);
		staff_rows_free(rows, n);
	}
	/* the filter also searches the unit name, title and login */
	kpage up = { .filter = "ungdomshus", .limit = 50 };
	CHECK(staff_list(db, &admin, &up, &rows, &n, &e) == KE_OK && n == 3, "'ungdomshus' finds the 3 in Ungdomshuset (%d)", n);
	staff_rows_free(rows, n);
}

/* ---- keyset paging through 10 000 people ---- */

#define MANY 10000
static const char *firsts[] = { "Anne", "Søren", "Åse", "Mette", "Lars", "Ærlig", "Øjvind", "Aase", "Bo", "Zenia",
				"Ida", "Jens", "Karen", "Niels", "Pia", "Rasmus", "Sofie", "Thomas", "Ulla", "Vibeke" };
static const char *lasts[] = { "Ågård", "Aagaard", "Hansen", "Østergaard", "Ærbo", "Nielsen", "Jensen", "Berg",
			       "Dam", "Holm", "Kofoed", "Lund", "Møller", "Nørgaard", "Olsen", "Poulsen",
			       "Ravn", "Skov", "Thomsen", "Vestergaard", "Winther", "Yde", "Zobel", "Åberg", "Ebbesen" };

/* Pages through the list (forwards or backwards) collecting ids in list
 * order; checks each page's order. Returns how many, -1 on failure. */
static int page_all(kdb *d, const kpage *base, int backward, int64_t *ids, char **keys, int max)
{
	kpage pg = *base;
	pg.backward = backward;
	pg.after_key = NULL;
	int got = 0, pages = 0;
	char *key = NULL;
	kerr e = { 0 };
	for (;;) {
		staff_rec *rows;
		int n;
		if (staff_list(d, &admin, &pg, &rows, &n, &e)) {
			printf("# page %d: %s\n", pages, e.msg);
			free(key);
			return -1;
		}
		pages++;
		if (got + n > max) {
			staff_rows_free(rows, n);
			free(key);
			return -1;
		}
		/* forwards pages append; backwards pages (each in list order) are
		 * collected from the end of the array towards the front */
		for (int i = 0; i < n; i++) {
			int at = backward ? max - got - n + i : got + i;
			ids[at] = rows[i].id;
			keys[at] = strdup(rows[i].sort_key);
		}
		got += n;
		if (n) {
			staff_rec *edge = backward ? &rows[0] : &rows[n - 1];
			free(key);
			key = strdup(edge->sort_key);
			pg.after_key = key;
			pg.after_id = edge->id;
		}
		staff_rows_free(rows, n);
		if (n < pg.limit)
			break;
	}
	free(key);
	if (backward) { /* move to the front */
		memmove(ids, ids + (max - got), (size_t)got * sizeof *ids);
		memmove(keys, keys + (max - got), (size_t)got * sizeof *keys);
	}
	return got;
}

/* Each id once, keys strictly ascending by (sort_key, id). */
static int well_ordered(const int64_t *ids, char **keys, int n, int64_t maxid)
{
	char *seen = calloc((size_t)maxid + 1, 1);
	int ok = seen != NULL;
	for (int i = 0; i < n && ok; i++) {
		if (ids[i] < 1 || ids[i] > maxid || seen[ids[i]]++) {
			printf("#   id %lld twice or out of range at %d\n", (long long)ids[i], i);
			ok = 0;
		} else if (i && (!keys[i] || !keys[i - 1])) {
			ok = 0;
		} else if (i) {
			int c = strcmp(keys[i - 1], keys[i]);
			if (c > 0 || (c == 0 && ids[i - 1] >= ids[i])) {
				printf("#   out of order at %d\n", i);
				ok = 0;
			}
		}
	}
	free(seen);
	return ok;
}

static void free_keys(char **keys, int n)
{
	for (int i = 0; i < n; i++) {
		free(keys[i]);
		keys[i] = NULL;
	}
}

static void test_paging(void)
{
	char p2[320];
	snprintf(p2, sizeof p2, "%s/many.db", dir);
	kdb *d = NULL;
	kerr e = { 0 };
	if (db_open(p2, DB_OPEN_CREATE, &d, &e)) {
		CHECK(0, "open the paging database: %s", e.msg);
		return;
	}
	kdb *keep = db;
	db = d; /* new_unit and friends work on db */
	int64_t top = new_unit("Kommunen", 0, "area"), a = new_unit("Øst", top, "institution"),
		b = new_unit("Vest", top, "institution");
	int ok = top > 0 && a > 0 && b > 0 && db_bulk_begin(d, &e) == KE_OK;
	int in_a = 0, with_soren = 0;
	for (int i = 0; i < MANY && ok; i++) {
		/* 500 distinct names, each 20 times: many equal sort keys */
		char name[80];
		int k = i % 500;
		snprintf(name, sizeof name, "%s %s", firsts[k % 20], lasts[k / 20]);
		staff_rec s = rec(NULL, name, i % 3 ? b : a);
		in_a += i % 3 == 0;
		with_soren += k % 20 == 1;
		ok = staff_save(d, &admin, &s, &e) == KE_OK;
	}
	if (db_bulk_end(d, ok, &e))
		ok = 0;
	db = keep;
	CHECK(ok, "10 000 staff saved in one bulk transaction (%s)", e.msg);
	if (!ok) {
		db_close(d);
		return;
	}
	int64_t *ids = calloc(MANY, sizeof *ids), *back = calloc(MANY, sizeof *back);
	char **keys = calloc(MANY, sizeof *keys), **bkeys = calloc(MANY, sizeof *bkeys);
	if (!ids || !back || !keys || !bkeys) {
		CHECK(0, "memory for the paging test");
	} else {
		kpage pg = { .limit = 97 };
		int n = page_all(d, &pg, 0, ids, keys, MANY);
		CHECK(n == MANY && well_ordered(ids, keys, n, MANY), "forwards, 97 a page: each of the 10 000 once, in order (%d)", n);
		int m = page_all(d, &pg, 1, back, bkeys, MANY);
		CHECK(m == MANY && well_ordered(back, bkeys, m, MANY), "backwards from the end: each once, in order (%d)", m);
		CHECK(n == m && memcmp(ids, back, (size_t)n * sizeof *ids) == 0, "both directions give the same sequence");
		free_keys(keys, n > 0 ? n : 0);
		free_keys(bkeys, m > 0 ? m : 0);

		kpage fp = { .limit = 97, .filter = "soren" };
		n = page_all(d, &fp, 0, ids, keys, MANY);
		CHECK(n == with_soren && well_ordered(ids, keys, n, MANY), "filtered 'soren' forwards: %d of %d", n, with_soren);
		m = page_all(d, &fp, 1, back, bkeys, MANY);
		CHECK(m == n && memcmp(ids, back, (size_t)n * sizeof *ids) == 0, "filtered backwards: the same %d", m);
		free_keys(keys, n > 0 ? n : 0);
		free_keys(bkeys, m > 0 ? m : 0);

		kpage upg = { .limit = 97, .unit_id = a };
		n = page_all(d, &upg, 0, ids, keys, MANY);
		CHECK(n == in_a && well_ordered(ids, keys, n, MANY), "unit Øst forwards: %d of %d", n, in_a);
		m = page_all(d, &upg, 1, back, bkeys, MANY);
		CHECK(m == n && memcmp(ids, back, (size_t)n * sizeof *ids) == 0, "unit Øst backwards: the same %d", m);
		free_keys(keys, n > 0 ? n : 0);
		free_keys(bkeys, m > 0 ? m : 0);

		/* a page that starts inside a run of equal names */
		staff_rec *rows;
		int k;
		kpage mid = { .limit = 5 };
		int64_t first_ids[10];
		int nf = 0;
		if (staff_list(d, &admin, &(kpage){ .limit = 10 }, &rows, &k, &e) == KE_OK) {
			for (int i = 0; i < k; i++)
				first_ids[nf++] = rows[i].id;
			if (k == 10) {
				mid.after_key = rows[4].sort_key;
				mid.after_id = rows[4].id;
				staff_rec *r2;
				int k2;
				CHECK(!strcmp(rows[4].sort_key, rows[5].sort_key), "rows 5 and 6 share a name");
				CHECK(staff_list(d, &admin, &mid, &r2, &k2, &e) == KE_OK && k2 == 5 &&
				      r2[0].id == first_ids[5] && r2[4].id == first_ids[9],
				      "a page after row 5 starts at row 6, though both have the same name");
				staff_rows_free(r2, k2);
			}
			staff_rows_free(rows, k);
		}
	}
	free(ids);
	free(back);
	free(keys);
	free(bkeys);
	db_close(d);
	char f[340];
	const char *sfx[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		snprintf(f, sizeof f, "%s%s", p2, sfx[i]);
		unlink(f);
	}
}

int main(void)
{
	kerr e = { 0 };
	i18n_set(LANG_EN);
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/staff.db", dir);
	CHECK(db_open(path, DB_OPEN_CREATE, &db, &e) == KE_OK, "open a new database");
	if (!db) {
		rmdir(dir);
		return t_done();
	}
	CHECK(sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK, "second connection");
	db_actor_local_admin(&admin, "hr");
	build_org();
	test_create_read();
	test_validation();
	test_unique();
	test_conflict_and_audit();
	test_roles();
	test_danish();
	test_paging();

	sqlite3_close(raw);
	db_close(db);
	i18n_done();
	char f[340];
	const char *sfx[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		snprintf(f, sizeof f, "%s%s", path, sfx[i]);
		unlink(f);
	}
	if (rmdir(dir) != 0)
		printf("# leftovers in %s\n", dir);
	return t_done();
}
