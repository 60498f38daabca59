/* Unit tests for src/db/db_org.c: units (tree, cycles, renames, leaders),
 * professions, competence areas, focus areas and budgets — messages, who
 * may do what, version conflicts, audit and keyset paging. */
#include "t.h"

#include <sqlite3.h>
#include <stdint.h>
#include <unistd.h>

#include "db.h"
#include "db_org.h"
#include "db_staff.h"
#include "i18n.h"

static kdb *db;
static sqlite3 *raw; /* second connection, to look at what the API does not show */
static kactor admin;

/* First column of the first row of sql with one text parameter (may be NULL). */
static int64_t raw_int(const char *sql, const char *p)
{
	sqlite3_stmt *st = NULL;
	int64_t out = -1;
	if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) != SQLITE_OK) {
		printf("# raw prepare: %s\n", sqlite3_errmsg(raw));
		return -1;
	}
	if (p)
		sqlite3_bind_text(st, 1, p, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return out;
}

/* Text of the first column of the first row of sql, into buf. */
static const char *raw_text(const char *sql, char *buf, size_t size)
{
	sqlite3_stmt *st = NULL;
	snprintf(buf, size, "(none)");
	if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		snprintf(buf, size, "%s", sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "NULL");
	sqlite3_finalize(st);
	return buf;
}

static int64_t audits(const char *tbl)
{
	return raw_int("SELECT count(*) FROM audit WHERE tbl = ?", tbl);
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

static int64_t new_staff(const char *login, const char *name, int64_t unit, krole role)
{
	staff_rec s = { 0 };
	kerr e = { 0 };
	s.login = (char *)login;
	s.name = (char *)name;
	s.initials = (char *)"XX";
	s.unit_id = unit;
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

static int has(const kerr *e, kcode code, const char *part)
{
	int ok = e->code == code && strstr(e->msg, part) != NULL;
	if (!ok)
		printf("#   code %d, msg '%s'; want code %d with '%s'\n", e->code, e->msg, code, part);
	return ok;
}

/* Saves a copy of u with changes; returns the code, message in e. */
static kcode save_unit(int64_t id, const char *name, int64_t parent, const char *kind,
		       int64_t version, const kactor *who, kerr *e)
{
	unit_rec u = { 0 };
	u.id = id;
	u.version = version;
	u.name = (char *)name;
	u.parent_id = parent;
	u.active = 1;
	snprintf(u.kind, sizeof u.kind, "%s", kind);
	kcode c = unit_save(db, who, &u, e);
	if (u.sort_key)
		free(u.sort_key);
	return c;
}

static int64_t unit_version(int64_t id)
{
	unit_rec u;
	kerr e = { 0 };
	if (unit_get(db, &admin, id, &u, &e))
		return -1;
	int64_t v = u.version;
	unit_free(&u);
	return v;
}

static int64_t area, inst, team, other;
static int64_t s_anna, s_bo, s_cis, s_dan, s_eva, s_off, s_lea;

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void test_units(void)
{
	kerr e = { 0 };
	unit_rec u;
	kactor emp = actor("eva"), lead = actor("lea");

	CHECK(area > 0 && inst > 0 && team > 0 && other > 0, "units created");
	CHECK(audits("unit") == 5, "each unit creation is audited");

	CHECK(unit_get(db, &emp, team, &u, &e) == KE_OK, "an employee may read a unit");
	CHECK_STR(u.name, "Team Ørn", "unit_get name");
	CHECK_STR(u.kind, "team", "unit_get kind");
	CHECK(u.depth == 2 && u.parent_id == inst && u.active == 1 && u.version == 1, "unit_get depth/parent/active/version");
	CHECK(u.sort_key && *u.sort_key, "unit_get sort_key");
	unit_free(&u);
	CHECK(unit_get(db, &admin, area, &u, &e) == KE_OK && u.depth == 0 && u.parent_id == 0, "top unit depth 0");
	unit_free(&u);
	CHECK(unit_get(db, &admin, 9999, &u, &e) == KE_NOTFOUND && has(&e, KE_NOTFOUND, "No such unit"), "unit_get missing");

	int64_t id = 0;
	CHECK(unit_find(db, "Team Ørn", &id, &e) == KE_OK && id == team, "unit_find by exact name");
	CHECK(unit_find(db, "Nowhere", &id, &e) == KE_NOTFOUND && has(&e, KE_NOTFOUND, "No unit named 'Nowhere'."),
	      "unit_find message");

	/* messages */
	CHECK(save_unit(0, "", area, "team", 0, &admin, &e) && has(&e, KE_INVALID, "Name is required"), "empty name refused");
	CHECK(save_unit(0, "Bad\x01", area, "team", 0, &admin, &e) && has(&e, KE_INVALID, "control characters"), "control characters refused");
	CHECK(save_unit(0, "Holdet", area, "squad", 0, &admin, &e) && has(&e, KE_INVALID, "Kind must be area, institution or team"),
	      "bad kind refused");
	CHECK(save_unit(0, "Team Ørn", inst, "team", 0, &admin, &e) && has(&e, KE_EXISTS, "There is already a unit named 'Team Ørn'."),
	      "duplicate unit name refused");
	CHECK(save_unit(0, "Holdet", 9999, "team", 0, &admin, &e) && has(&e, KE_INVALID, "parent unit does not exist"),
	      "missing parent refused");
	CHECK(save_unit(area, "Børn & Unge", team, "area", 1, &admin, &e) &&
	      has(&e, KE_INVALID, "A unit cannot be placed below itself."), "cycle via grandchild refused");
	CHECK(save_unit(inst, "Skovbørnehaven", inst, "institution", 1, &admin, &e) &&
	      has(&e, KE_INVALID, "A unit cannot be placed below itself."), "unit as its own parent refused");
	CHECK(unit_version(area) == 1 && unit_version(inst) == 1, "refused saves changed nothing");
	CHECK(audits("unit") == 5, "refused saves left no audit");

	/* roles */
	CHECK(save_unit(0, "Holdet", area, "team", 0, &emp, &e) == KE_DENIED && has(&e, KE_DENIED, "Not allowed"),
	      "employee may not create units");
	CHECK(save_unit(team, "Team Ravn", inst, "team", 1, &lead, &e) == KE_DENIED, "leader may not change units");

	/* moving is fine when it is no cycle; version conflict after */
	CHECK(save_unit(team, "Team Ørn", other, "team", 1, &admin, &e) == KE_OK, "move a team to another institution");
	CHECK(save_unit(team, "Team Ørn", inst, "team", 1, &admin, &e) == KE_CONFLICT &&
	      has(&e, KE_CONFLICT, "changed this record"), "stale version gives a conflict");
	CHECK(save_unit(team, "Team Ørn", inst, "team", 2, &admin, &e) == KE_OK, "move back with current version");
	CHECK(save_unit(4242, "Ghost", 0, "area", 1, &admin, &e) == KE_NOTFOUND, "saving a missing unit: not found");
}

static void test_rename_refolds(void)
{
	kerr e = { 0 };
	staff_rec *rows = NULL;
	int n = 0;
	kpage pg = { 0 };
	pg.limit = 50;
	pg.filter = "team orn";
	CHECK(staff_list(db, &admin, &pg, &rows, &n, &e) == KE_OK && n == 2, "staff found by the unit's old name");
	staff_rows_free(rows, n);
	pg.filter = "ravnereden";
	CHECK(staff_list(db, &admin, &pg, &rows, &n, &e) == KE_OK && n == 0, "nobody found under the new name before the rename");
	staff_rows_free(rows, n);

	int64_t v = unit_version(team);
	CHECK(save_unit(team, "Ravnereden", inst, "team", v, &admin, &e) == KE_OK, "rename team");
	CHECK(staff_list(db, &admin, &pg, &rows, &n, &e) == KE_OK && n == 2, "staff found by the unit's new name (got %d)", n);
	staff_rows_free(rows, n);
	pg.filter = "team orn";
	CHECK(staff_list(db, &admin, &pg, &rows, &n, &e) == KE_OK && n == 0, "old unit name no longer finds them");
	staff_rows_free(rows, n);
	int64_t id = 0;
	CHECK(unit_find(db, "Ravnereden", &id, &e) == KE_OK && id == team, "unit_find finds the new name");
	CHECK(unit_find(db, "Team Ørn", &id, &e) == KE_NOTFOUND, "old name is gone");
	staff_rec s;
	CHECK(staff_get(db, &admin, s_dan, &s, &e) == KE_OK && s.version == 1, "refold did not bump staff versions");
	staff_free(&s);
}

static void test_leaders(void)
{
	kerr e = { 0 };
	unit_rec u;
	staff_rec s;
	char buf[64];
	kactor lead = actor("anna");

	int64_t staff_audits = audits("staff");
	CHECK(unit_set_leader(db, &admin, inst, s_anna, "2025-01-01", 0, &e) == KE_OK, "make Anna leader");
	CHECK(staff_get(db, &admin, s_anna, &s, &e) == KE_OK && s.role == ROLE_LEADER && s.version == 2,
	      "Anna's role became leader");
	staff_free(&s);
	CHECK(audits("staff") == staff_audits + 1, "role change audited");
	CHECK(audits("unit_leader") == 1, "leadership audited");
	CHECK(unit_get(db, &admin, inst, &u, &e) == KE_OK, "get institution");
	CHECK_STR(u.leaders, "Anna Ågård", "leaders shows Anna");
	unit_free(&u);

	/* an admin staff member keeps the admin role */
	CHECK(unit_set_leader(db, &admin, other, s_off, "2025-01-01", 0, &e) == KE_OK, "admin person leads a unit");
	CHECK(staff_get(db, &admin, s_off, &s, &e) == KE_OK && s.role == ROLE_ADMIN, "admin role kept");
	staff_free(&s);

	/* messages */
	CHECK(unit_set_leader(db, &admin, inst, s_anna, "2025-02-01", 0, &e) &&
	      has(&e, KE_EXISTS, "Anna Ågård already leads Skovbørnehaven."), "already leads");
	CHECK(unit_set_leader(db, &admin, inst, 9999, "2025-02-01", 0, &e) && has(&e, KE_NOTFOUND, "No such staff member"),
	      "missing staff");
	CHECK(unit_set_leader(db, &admin, 9999, s_bo, "2025-02-01", 0, &e) && has(&e, KE_NOTFOUND, "No such unit"),
	      "missing unit");
	CHECK(unit_set_leader(db, &admin, inst, s_bo, "2025-02-30", 0, &e) && has(&e, KE_INVALID, "not a valid date"),
	      "invalid date");
	CHECK(unit_set_leader(db, &admin, inst, s_bo, "", 0, &e) && has(&e, KE_INVALID, "is required"), "date required");
	staff_rec x;
	CHECK(staff_get(db, &admin, s_cis, &x, &e) == KE_OK, "get Cis");
	CHECK(staff_set_active(db, &admin, s_cis, x.version, 0, &e) == KE_OK, "deactivate Cis");
	staff_free(&x);
	CHECK(unit_set_leader(db, &admin, inst, s_cis, "2025-02-01", 0, &e) &&
	      has(&e, KE_INVALID, "Cis Berg is deactivated and cannot lead a unit."), "inactive staff cannot lead");
	CHECK(unit_set_leader(db, &admin, inst, s_bo, "2024-12-01", 1, &e) &&
	      has(&e, KE_INVALID, "Anna Ågård has led Skovbørnehaven since 01-01-2025"), "handover before the current start refused");
	CHECK(unit_set_leader(db, &lead, inst, s_bo, "2026-01-01", 1, &e) == KE_DENIED, "leader may not set leaders");
	kactor emp = actor("eva");
	CHECK(unit_set_leader(db, &emp, inst, s_bo, "2026-01-01", 1, &e) == KE_DENIED, "employee may not set leaders");
	CHECK(audits("unit_leader") == 2, "refusals left no audit");

	/* handover: Anna's leadership ends the day before Bo's starts */
	CHECK(unit_set_leader(db, &admin, inst, s_bo, "2026-03-01", 1, &e) == KE_OK, "Bo takes over");
	CHECK_STR(raw_text("SELECT until FROM unit_leader WHERE staff_id = (SELECT id FROM staff WHERE login = 'anna')",
			   buf, sizeof buf), "2026-02-28", "Anna's leadership ended the day before");
	CHECK(raw_int("SELECT count(*) FROM unit_leader WHERE until IS NULL AND unit_id ="
		      " (SELECT id FROM unit WHERE name = 'Skovbørnehaven')", NULL) == 1, "one current leader");
	CHECK(audits("unit_leader") == 4, "handover audited: closing and new leadership");
	CHECK(unit_get(db, &admin, inst, &u, &e) == KE_OK, "get institution again");
	CHECK_STR(u.leaders, "Bo Hansen", "leaders shows only Bo");
	unit_free(&u);
	/* a co-leader, in name order */
	CHECK(unit_set_leader(db, &admin, inst, s_anna, "2026-04-01", 0, &e) == KE_OK, "Anna back as co-leader");
	CHECK(unit_get(db, &admin, inst, &u, &e) == KE_OK, "get institution with two leaders");
	CHECK_STR(u.leaders, "Anna Ågård, Bo Hansen", "leaders in Danish name order");
	unit_free(&u);
	CHECK(raw_int("SELECT count(*) FROM unit_leader WHERE staff_id = (SELECT id FROM staff WHERE login = 'anna')", NULL) == 2,
	      "history keeps Anna's old leadership");
}

static void test_unit_list(void)
{
	kerr e = { 0 };
	unit_rec *rows = NULL;
	int n = 0;
	kpage pg = { 0 };
	kactor emp = actor("eva");
	pg.limit = 50;
	CHECK(unit_list(db, &emp, &pg, &rows, &n, &e) == KE_OK && n == 5, "employee lists all units (got %d)", n);
	if (n == 5) {
		CHECK_STR(rows[0].name, "Administration", "list order 1");
		CHECK_STR(rows[1].name, "Børn & Unge", "list order 2");
		CHECK_STR(rows[2].name, "Ravnereden", "list order 3");
		CHECK_STR(rows[3].name, "Skovbørnehaven", "list order 4");
		CHECK_STR(rows[4].name, "Ungdomsskolen", "list order 5");
		CHECK(rows[2].depth == 2 && rows[3].depth == 1 && rows[1].depth == 0, "depths in list");
		CHECK_STR(rows[3].leaders, "Anna Ågård, Bo Hansen", "leaders in list");
		CHECK_STR(rows[2].leaders, "", "no leaders: empty");
	}
	unit_rows_free(rows, n);

	pg.filter = "SKOVBØRN";
	CHECK(unit_list(db, &admin, &pg, &rows, &n, &e) == KE_OK && n == 1, "filter ignores case");
	unit_rows_free(rows, n);
	pg.filter = "børn";
	CHECK(unit_list(db, &admin, &pg, &rows, &n, &e) == KE_OK && n == 2, "filter in the middle of names (got %d)", n);
	unit_rows_free(rows, n);
	pg.filter = NULL;
	pg.unit_id = inst;
	CHECK(unit_list(db, &admin, &pg, &rows, &n, &e) == KE_OK && n == 2, "subtree of the institution");
	unit_rows_free(rows, n);
	pg.unit_id = 0;

	int64_t v = unit_version(other);
	unit_rec u = { 0 };
	CHECK(unit_get(db, &admin, other, &u, &e) == KE_OK, "get Ungdomsskolen");
	u.active = 0;
	CHECK(unit_save(db, &admin, &u, &e) == KE_OK && u.version == v + 1, "deactivate Ungdomsskolen");
	unit_free(&u);
	CHECK(unit_list(db, &admin, &pg, &rows, &n, &e) == KE_OK && n == 4, "inactive unit hidden");
	unit_rows_free(rows, n);
	pg.include_inactive = 1;
	CHECK(unit_list(db, &admin, &pg, &rows, &n, &e) == KE_OK && n == 5, "inactive unit shown on request");
	unit_rows_free(rows, n);
}

/* Pages through all units with the given page size; checks that each of
 * the expected ids comes exactly once and in strictly increasing key order. */
static void page_all_units(int backward, int64_t total, const char *filter, int64_t want)
{
	kerr e = { 0 };
	kpage pg = { 0 };
	pg.limit = 37;
	pg.include_inactive = 1;
	pg.backward = backward;
	pg.filter = filter;
	char *seen = calloc((size_t)total + 1, 1);
	char *last = NULL;
	int64_t last_id = 0, count = 0;
	int dup = 0, order = 0, pages = 0;
	for (;;) {
		unit_rec *rows = NULL;
		int n = 0;
		pg.after_key = last;
		pg.after_id = last_id;
		if (unit_list(db, &admin, &pg, &rows, &n, &e)) {
			printf("# %s\n", e.msg);
			break;
		}
		pages++;
		for (int i = 0; i < n; i++) {
			if (rows[i].id < 1 || rows[i].id > total || seen[rows[i].id]++)
				dup++;
			if (i > 0 && strcmp(rows[i - 1].sort_key, rows[i].sort_key) >= 0)
				order++;
		}
		count += n;
		if (n > 0) {
			/* the next page starts after the last row in paging direction */
			unit_rec *edge = backward ? &rows[0] : &rows[n - 1];
			free(last);
			last = strdup(edge->sort_key);
			last_id = edge->id;
		}
		unit_rows_free(rows, n);
		if (n < pg.limit)
			break;
	}
	CHECK(count == want && dup == 0 && order == 0, "paging %s%s%s: %lld rows of %lld, %d repeated, %d out of order, %d pages",
	      backward ? "backward" : "forward", filter ? " with filter " : "", filter ? filter : "",
	      (long long)count, (long long)want, dup, order, pages);
	free(last);
	free(seen);
}

static void test_unit_paging(void)
{
	kerr e = { 0 };
	static const char *const prefix[] = { "Åbyhøj", "Aalborg", "Ærø", "Odder", "Ølstykke", "Zealand" };
	CHECK(db_bulk_begin(db, &e) == KE_OK, "bulk begin");
	int made = 0;
	for (int i = 0; i < 600; i++) {
		char name[64];
		snprintf(name, sizeof name, "%s %03d", prefix[i % 6], i);
		made += new_unit(name, area, i % 2 ? "institution" : "team") > 0;
	}
	CHECK(db_bulk_end(db, 1, &e) == KE_OK && made == 600, "600 units made");
	int64_t total = raw_int("SELECT count(*) FROM unit", NULL);
	page_all_units(0, total, NULL, total);
	page_all_units(1, total, NULL, total);
	/* "Ærø 0x2" for x in 0..9 steps of 6: 002, 008, ..., i%6 == 2 */
	int64_t want = raw_int("SELECT count(*) FROM unit WHERE name LIKE 'Ærø%'", NULL);
	page_all_units(0, total, "ærø", want);
	page_all_units(1, total, "ÆRØ", want);

	/* Danish order: Z < Æ < Ø < Å (and the old spelling Aa) */
	kpage pg = { 0 };
	unit_rec *rows = NULL;
	int n = 0;
	pg.limit = 500;
	pg.backward = 1;
	CHECK(unit_list(db, &admin, &pg, &rows, &n, &e) == KE_OK && n == 500, "last 500 units");
	if (n == 500) {
		int zi = -1, ae = -1, oe = -1, aa = -1;
		for (int i = 0; i < n; i++) {
			if (starts(rows[i].name, "Zealand") && zi < 0) zi = i;
			if (starts(rows[i].name, "Ærø") && ae < 0) ae = i;
			if (starts(rows[i].name, "Ølstykke") && oe < 0) oe = i;
			if ((starts(rows[i].name, "Åbyhøj") || starts(rows[i].name, "Aalborg")) && aa < 0) aa = i;
		}
		CHECK(zi >= 0 && zi < ae && ae < oe && oe < aa, "Z, Æ, Ø, Å/Aa in Danish order (%d %d %d %d)", zi, ae, oe, aa);
	}
	unit_rows_free(rows, n);
}

static kcode save_named(kcode (*fn)(kdb *, const kactor *, named_rec *, kerr *), const kactor *who,
			int64_t id, int64_t version, const char *name, const char *code,
			const char *da, const char *en, int year, kerr *e)
{
	named_rec r = { 0 };
	r.id = id;
	r.version = version;
	r.name = (char *)name;
	r.code = (char *)code;
	r.name_da = (char *)da;
	r.name_en = (char *)en;
	r.description = (char *)"";
	r.year = year;
	kcode c = fn(db, who, &r, e);
	free(r.sort_key);
	return c;
}

static void test_professions(void)
{
	kerr e = { 0 };
	kactor emp = actor("eva"), lead = actor("bo");
	named_rec p = { 0 };
	p.name = (char *)"Pædagog";
	CHECK(profession_save(db, &admin, &p, &e) == KE_OK && p.id > 0 && p.version == 1, "profession created");
	CHECK(p.sort_key && *p.sort_key, "sort key handed back");
	free(p.sort_key);
	p.sort_key = NULL;
	CHECK(audits("profession") == 1, "profession audited");
	CHECK(save_named(profession_save, &admin, 0, 0, "Pædagog", NULL, NULL, NULL, 0, &e) &&
	      has(&e, KE_EXISTS, "There is already a profession named 'Pædagog'."), "duplicate profession");
	CHECK(save_named(profession_save, &admin, 0, 0, "", NULL, NULL, NULL, 0, &e) && has(&e, KE_INVALID, "Name is required"),
	      "empty profession");
	CHECK(save_named(profession_save, &emp, 0, 0, "Lærer", NULL, NULL, NULL, 0, &e) == KE_DENIED, "employee denied");
	CHECK(save_named(profession_save, &lead, 0, 0, "Lærer", NULL, NULL, NULL, 0, &e) == KE_DENIED, "leader denied");
	CHECK(save_named(profession_save, &admin, p.id, 1, "Pædagoger", NULL, NULL, NULL, 0, &e) == KE_OK, "rename profession");
	CHECK(save_named(profession_save, &admin, p.id, 1, "Pædagog", NULL, NULL, NULL, 0, &e) == KE_CONFLICT, "stale profession version");
	CHECK(audits("profession") == 2, "rename audited once");

	CHECK(db_bulk_begin(db, &e) == KE_OK, "bulk begin");
	for (int i = 0; i < 120; i++) {
		char name[40];
		snprintf(name, sizeof name, "%s %03d", i % 2 ? "Lærer" : "Ålærer", i);
		save_named(profession_save, &admin, 0, 0, name, NULL, NULL, NULL, 0, &e);
	}
	CHECK(db_bulk_end(db, 1, &e) == KE_OK, "bulk end");
	int64_t total = raw_int("SELECT count(*) FROM profession", NULL);
	CHECK(total == 121, "121 professions");
	for (int backward = 0; backward < 2; backward++) {
		kpage pg = { 0 };
		pg.limit = 7;
		pg.backward = backward;
		char *last = NULL, seen[200] = { 0 };
		int64_t count = 0, last_id = 0;
		int bad = 0;
		for (;;) {
			named_rec *rows = NULL;
			int n = 0;
			pg.after_key = last;
			pg.after_id = last_id;
			if (profession_list(db, &emp, &pg, &rows, &n, &e))
				break;
			for (int i = 0; i < n; i++) {
				if (rows[i].id < 1 || rows[i].id >= 200 || seen[rows[i].id]++)
					bad++;
				if (i && strcmp(rows[i - 1].sort_key, rows[i].sort_key) >= 0)
					bad++;
			}
			count += n;
			if (n) {
				named_rec *edge = backward ? &rows[0] : &rows[n - 1];
				free(last);
				last = strdup(edge->sort_key);
				last_id = edge->id;
			}
			named_rows_free(rows, n);
			if (n < pg.limit)
				break;
		}
		free(last);
		CHECK(count == total && bad == 0, "profession paging %s: %lld of %lld, %d bad",
		      backward ? "backward" : "forward", (long long)count, (long long)total, bad);
	}
	kpage pg = { 0 };
	named_rec *rows = NULL;
	int n = 0;
	pg.limit = 500;
	pg.filter = "PÆDAGOG";
	CHECK(profession_list(db, &emp, &pg, &rows, &n, &e) == KE_OK && n == 1, "profession filter");
	if (n == 1)
		CHECK_STR(rows[0].name, "Pædagoger", "filtered profession");
	named_rows_free(rows, n);
}

static void test_competence(void)
{
	kerr e = { 0 };
	kactor emp = actor("eva");
	named_rec *rows = NULL;
	int n = 0;
	CHECK(competence_list(db, &emp, &rows, &n, &e) == KE_OK && n == 4, "four competence areas");
	if (n == 4) {
		CHECK_STR(rows[0].code, "personal", "first by pos");
		CHECK_STR(rows[2].name, "Interdisciplinary", "English name in English");
		CHECK_STR(rows[2].name_da, "Fællesfaglig", "Danish name carried");
		CHECK(rows[3].pos == 4, "pos carried");
	}
	named_rows_free(rows, n);
	i18n_set(LANG_DA);
	CHECK(competence_list(db, &emp, &rows, &n, &e) == KE_OK && n == 4, "list in Danish");
	if (n == 4)
		CHECK_STR(rows[2].name, "Fællesfaglig", "Danish name in Danish");
	named_rows_free(rows, n);
	i18n_set(LANG_EN);

	named_rec c = { 0 };
	c.code = (char *)"digital";
	c.name_da = (char *)"Digital";
	c.name_en = (char *)"Digital";
	CHECK(competence_save(db, &admin, &c, &e) == KE_OK && c.id > 0 && c.pos == 5, "new competence area goes last (pos %d)", c.pos);
	CHECK(audits("competence_area") == 1, "competence area audited");
	CHECK(save_named(competence_save, &admin, 0, 0, NULL, "digital", "D", "D", 0, &e) &&
	      has(&e, KE_EXISTS, "There is already a competence area with the code 'digital'."), "duplicate code");
	CHECK(save_named(competence_save, &admin, 0, 0, NULL, "Digi", "D", "D", 0, &e) &&
	      has(&e, KE_INVALID, "Code may only hold the letters a-z"), "upper-case code");
	CHECK(save_named(competence_save, &admin, 0, 0, NULL, "it2", "D", "D", 0, &e) &&
	      has(&e, KE_INVALID, "Code may only hold the letters a-z"), "digit in code");
	CHECK(save_named(competence_save, &admin, 0, 0, NULL, "", "D", "D", 0, &e) && has(&e, KE_INVALID, "Code is required"),
	      "code required");
	CHECK(save_named(competence_save, &admin, 0, 0, NULL, "etik", "", "Ethics", 0, &e) &&
	      has(&e, KE_INVALID, "Danish name is required"), "Danish name required");
	CHECK(save_named(competence_save, &admin, 0, 0, NULL, "etik", "Etik", NULL, 0, &e) &&
	      has(&e, KE_INVALID, "English name is required"), "English name required");
	CHECK(save_named(competence_save, &emp, 0, 0, NULL, "etik", "Etik", "Ethics", 0, &e) == KE_DENIED, "employee denied");
	CHECK(save_named(competence_save, &admin, c.id, 1, NULL, "digital", "Digitalt", "Digital", 0, &e) == KE_OK,
	      "update competence area");
	CHECK(save_named(competence_save, &admin, c.id, 1, NULL, "digital", "Digi", "Digital", 0, &e) == KE_CONFLICT,
	      "stale competence version");
	CHECK(competence_list(db, &emp, &rows, &n, &e) == KE_OK && n == 5, "five areas");
	if (n == 5)
		CHECK(!strcmp(rows[4].name_da, "Digitalt") && rows[4].pos == 5, "update kept pos, changed name");
	named_rows_free(rows, n);
}

static void test_focus(void)
{
	kerr e = { 0 };
	kactor emp = actor("eva"), lead = actor("bo");
	const char *titles[] = { "Åben skole", "Zoner", "Arbejdsmiljø", "Ødegård" };
	for (int i = 0; i < 4; i++)
		CHECK(save_named(focus_save, &admin, 0, 0, titles[i], NULL, NULL, NULL, 2026, &e) == KE_OK, "focus %s", titles[i]);
	CHECK(audits("focus_area") == 4, "focus areas audited");
	CHECK(save_named(focus_save, &admin, 0, 0, "Zoner", NULL, NULL, NULL, 2026, &e) &&
	      has(&e, KE_EXISTS, "There is already a focus area 'Zoner' in 2026."), "duplicate focus in a year");
	CHECK(save_named(focus_save, &admin, 0, 0, "Zoner", NULL, NULL, NULL, 2027, &e) == KE_OK, "same title another year");
	CHECK(save_named(focus_save, &admin, 0, 0, "Gammelt", NULL, NULL, NULL, 1999, &e) &&
	      has(&e, KE_INVALID, "year must be between 2000 and 2199"), "year too early");
	CHECK(save_named(focus_save, &admin, 0, 0, "Fremtid", NULL, NULL, NULL, 2200, &e) &&
	      has(&e, KE_INVALID, "year must be between 2000 and 2199"), "year too late");
	CHECK(save_named(focus_save, &admin, 0, 0, "", NULL, NULL, NULL, 2026, &e) && has(&e, KE_INVALID, "Title is required"),
	      "title required");
	CHECK(save_named(focus_save, &emp, 0, 0, "Trivsel", NULL, NULL, NULL, 2026, &e) == KE_DENIED, "employee denied");
	CHECK(save_named(focus_save, &lead, 0, 0, "Trivsel", NULL, NULL, NULL, 2026, &e) == KE_DENIED, "leader denied");

	named_rec *rows = NULL;
	int n = 0;
	CHECK(focus_list(db, &emp, 2026, &rows, &n, &e) == KE_OK && n == 4, "four focus areas in 2026");
	if (n == 4) {
		CHECK_STR(rows[0].name, "Arbejdsmiljø", "focus order 1");
		CHECK_STR(rows[1].name, "Zoner", "focus order 2");
		CHECK_STR(rows[2].name, "Ødegård", "focus order 3");
		CHECK_STR(rows[3].name, "Åben skole", "focus order 4");
		CHECK(rows[0].year == 2026, "focus year");
	}
	int64_t id = n == 4 ? rows[1].id : 0;
	named_rows_free(rows, n);
	CHECK(focus_list(db, &emp, 2025, &rows, &n, &e) == KE_OK && n == 0, "no focus areas in 2025");
	named_rows_free(rows, n);
	CHECK(focus_list(db, &emp, 0, &rows, &n, &e) == KE_OK && n == 5 && rows[4].year == 2027, "all years, by year");
	named_rows_free(rows, n);

	named_rec f = { 0 };
	f.id = id;
	f.version = 1;
	f.name = (char *)"Zoner";
	f.description = (char *)"Mere tid i zonerne.\nOgså om aftenen.";
	f.year = 2026;
	CHECK(focus_save(db, &admin, &f, &e) == KE_OK && f.version == 2, "focus description saved");
	f.version = 1;
	CHECK(focus_save(db, &admin, &f, &e) == KE_CONFLICT, "stale focus version");
	CHECK(focus_list(db, &emp, 2026, &rows, &n, &e) == KE_OK && n == 4, "list again");
	if (n == 4)
		CHECK_STR(rows[1].description, "Mere tid i zonerne.\nOgså om aftenen.", "description kept");
	named_rows_free(rows, n);
}

static void test_budget(void)
{
	kerr e = { 0 };
	int64_t amount = -1;
	kactor emp = actor("eva"), bo = actor("bo"), dan = actor("dan");

	CHECK(budget_get(db, &admin, inst, 2026, &amount, &e) == KE_OK && amount == 0, "no budget yet: 0");
	CHECK(budget_set(db, &admin, inst, 2026, 250000, &e) == KE_OK, "set budget");
	CHECK(budget_get(db, &admin, inst, 2026, &amount, &e) == KE_OK && amount == 250000, "read budget");
	CHECK(budget_set(db, &admin, inst, 2026, 300000, &e) == KE_OK, "change budget");
	CHECK(budget_get(db, &admin, inst, 2026, &amount, &e) == KE_OK && amount == 300000, "read changed budget");
	CHECK(raw_int("SELECT count(*) FROM audit WHERE tbl = 'budget' AND action = 'create'", NULL) == 1 &&
	      raw_int("SELECT count(*) FROM audit WHERE tbl = 'budget' AND action = 'update'", NULL) == 1,
	      "budget create and update audited");
	CHECK(budget_set(db, &admin, team, 2026, 40000, &e) == KE_OK, "team budget");
	CHECK(budget_set(db, &admin, area, 2026, 9000000, &e) == KE_OK, "area budget");

	/* Bo leads the institution: sees it and the team below, not the area */
	CHECK(budget_get(db, &bo, inst, 2026, &amount, &e) == KE_OK && amount == 300000, "leader sees own unit's budget");
	CHECK(budget_get(db, &bo, team, 2026, &amount, &e) == KE_OK && amount == 40000, "leader sees a unit below");
	CHECK(budget_get(db, &bo, area, 2026, &amount, &e) == KE_DENIED && amount == 0, "leader does not see the area above");
	CHECK(budget_get(db, &bo, other, 2026, &amount, &e) == KE_DENIED, "leader does not see a sibling unit");
	CHECK(budget_get(db, &emp, inst, 2026, &amount, &e) == KE_DENIED, "employee sees no budget");
	CHECK(budget_get(db, &dan, team, 2026, &amount, &e) == KE_DENIED, "employee of the team sees no budget");
	CHECK(budget_set(db, &bo, inst, 2026, 1, &e) == KE_DENIED, "leader may not set budgets");
	CHECK(budget_set(db, &emp, inst, 2026, 1, &e) == KE_DENIED, "employee may not set budgets");

	CHECK(budget_set(db, &admin, inst, 1999, 1, &e) && has(&e, KE_INVALID, "year must be between"), "budget year checked");
	CHECK(budget_get(db, &admin, inst, 2300, &amount, &e) && has(&e, KE_INVALID, "year must be between"), "budget_get year checked");
	CHECK(budget_set(db, &admin, inst, 2026, -5, &e) && has(&e, KE_INVALID, "between 0 and 1000000000"), "negative budget refused");
	CHECK(budget_set(db, &admin, inst, 2026, 1000000001, &e) && has(&e, KE_INVALID, "between 0 and 1000000000"),
	      "huge budget refused");
	CHECK(budget_set(db, &admin, 9999, 2026, 1, &e) && has(&e, KE_NOTFOUND, "No such unit"), "budget for a missing unit");
	CHECK(budget_get(db, &admin, 9999, 2026, &amount, &e) && has(&e, KE_NOTFOUND, "No such unit"), "budget_get missing unit");
	CHECK(budget_get(db, &admin, inst, 2026, &amount, &e) == KE_OK && amount == 300000, "refusals changed nothing");
}

int main(void)
{
	char dir[] = "/tmp/kup-test-org.XXXXXX", path[256];
	kerr e = { 0 };
	i18n_set(LANG_EN);
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/org.db", dir);
	CHECK(db_open(path, DB_OPEN_CREATE, &db, &e) == KE_OK, "open new database");
	if (!db) {
		rmdir(dir);
		return t_done();
	}
	CHECK(sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK, "second connection");
	db_actor_local_admin(&admin, "hr");

	int64_t adm = new_unit("Administration", 0, "area");
	area = new_unit("Børn & Unge", 0, "area");
	inst = new_unit("Skovbørnehaven", area, "institution");
	team = new_unit("Team Ørn", inst, "team");
	other = new_unit("Ungdomsskolen", area, "institution");
	/* Eva and Dan are in the team; Anna, Bo and Cis in the institution;
	 * Lea has the leader role but leads nothing yet */
	s_off = new_staff("hr2", "Hanne Rask", adm, ROLE_ADMIN);
	s_lea = new_staff("lea", "Lea Holm", adm, ROLE_LEADER);
	s_anna = new_staff("anna", "Anna Ågård", inst, ROLE_EMPLOYEE);
	s_bo = new_staff("bo", "Bo Hansen", inst, ROLE_EMPLOYEE);
	s_cis = new_staff("cis", "Cis Berg", inst, ROLE_EMPLOYEE);
	s_dan = new_staff("dan", "Dan Ravn", team, ROLE_EMPLOYEE);
	s_eva = new_staff("eva", "Eva Lund", team, ROLE_EMPLOYEE);
	CHECK(s_anna > 0 && s_bo > 0 && s_cis > 0 && s_dan > 0 && s_eva > 0 && s_off > 0 && s_lea > 0, "staff created");
	test_units();
	test_rename_refolds();
	test_leaders();
	test_unit_list();
	test_professions();
	test_competence();
	test_focus();
	test_budget();
	test_unit_paging();

	sqlite3_close(raw);
	db_close(db);
	i18n_done();
	char f[300];
	const char *sfx[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		snprintf(f, sizeof f, "%s%s", path, sfx[i]);
		unlink(f);
	}
	rmdir(dir);
	return t_done();
}
