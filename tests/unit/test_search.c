/* Unit tests for the ways staff-ordered lists are read (issue 8): the
 * search index staff_search (kept by db_staff.c, filled by the migration and
 * the demo) and staff_list_way's choice between reading in list order, from
 * the index's hits, or from the actor's units. Whatever the way, staff_list
 * and plan_list must give exactly the rows a plain test of every person
 * gives (instr on the folded text, scope_sees_staff), in list order, once
 * each, forwards and backwards. */
#include "t.h"

#include <sqlite3.h>
#include <stdint.h>
#include <unistd.h>

#include "db.h"
#include "db_internal.h"
#include "db_org.h"
#include "db_plan.h"
#include "db_staff.h"
#include "i18n.h"
#include "text.h"

#define NSTAFF 2100 /* above the 2000 that make a scope "large" */
#define NHANSEN 600 /* above the 500 hits that make a search "common" */

static char dir[] = "/tmp/kup-test-search.XXXXXX";
static char path[300];
static kdb *db;
static sqlite3 *raw;
static kactor admin, area_boss, inst_boss, employee;
static int64_t u_area, u_big, u_school, u_team;

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

static int64_t new_staff(const char *login, const char *name, int64_t unit)
{
	staff_rec s = { 0 };
	kerr e = { 0 };
	char ini[4];
	snprintf(ini, sizeof ini, "%.3s", login);
	s.login = (char *)login;
	s.name = (char *)name;
	s.initials = ini;
	s.unit_id = unit;
	s.title = (char *)"Pædagog";
	if (staff_save(db, &admin, &s, &e)) {
		printf("# staff_save %s: %s\n", name, e.msg);
		return -1;
	}
	return s.id;
}

static int setup(void)
{
	static const char *const first[] = { "Søren", "Åse", "Ida", "Mads", "Emil", "Karen", "Jens", "Ærø" };
	static const char *const last[] = { "Ågård", "Nielsen", "Østergaard", "Jensen", "Bæk", "Madsen", "Lund" };
	kerr e = { 0 };
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/kup.db", dir);
	if (db_open(path, DB_OPEN_CREATE, &db, &e) || sqlite3_open(path, &raw) != SQLITE_OK)
		return -1;
	db_actor_local_admin(&admin, "owner");
	u_area = new_unit("Område Syd", 0, "area");
	u_big = new_unit("Storcentret", u_area, "institution");
	u_school = new_unit("Åskolen", u_area, "institution");
	u_team = new_unit("Team Ålen", u_school, "team");
	if (u_area < 0 || u_big < 0 || u_school < 0 || u_team < 0 || db_bulk_begin(db, &e))
		return -1;
	int64_t boss = new_staff("boss", "Bo Områdeleder", u_area);
	int64_t lead = new_staff("lead", "Lis Skoleleder", u_school);
	new_staff("emp", "Eva Medarbejder", u_team);
	char login[16], name[64];
	for (int i = 0; i < NSTAFF; i++) {
		int64_t unit = i % 70 == 0 ? u_team : i % 50 == 0 ? u_school : u_big;
		snprintf(login, sizeof login, "p%d", i);
		if (i < NHANSEN)
			snprintf(name, sizeof name, "%s Hansen %d", first[i % 8], i);
		else
			snprintf(name, sizeof name, "%s %s %d", first[i % 8], last[i % 7], i);
		if (new_staff(login, name, unit) < 0)
			return -1;
	}
	if (db_bulk_end(db, 1, &e) ||
	    unit_set_leader(db, &admin, u_area, boss, "2020-01-01", 0, &e) ||
	    unit_set_leader(db, &admin, u_school, lead, "2020-01-01", 0, &e) ||
	    db_actor_for_login(db, "boss", 0, &area_boss, &e) || db_actor_for_login(db, "lead", 0, &inst_boss, &e) ||
	    db_actor_for_login(db, "emp", 0, &employee, &e)) {
		printf("# setup: %s\n", e.msg);
		return -1;
	}
	return 0;
}

/* Does the folded text f match the folded filter? One or two letters or
 * digits match the start of a word, anything else anywhere. */
static int matches(const char *f, const char *fold)
{
	size_t n = strlen(fold);
	int word = text_cp_count(fold) <= 2;
	for (const char *p = fold; *p; p++)
		if ((unsigned char)*p < 0x80 && !((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			word = 0;
	if (!word)
		return strstr(f, fold) != NULL;
	for (const char *p = f; (p = strstr(p, fold)); p++) {
		unsigned char before = p == f ? ' ' : (unsigned char)p[-1];
		if (before < 0x80 && !((before >= 'a' && before <= 'z') || (before >= '0' && before <= '9')))
			return 1;
	}
	(void)n;
	return 0;
}

/* Every staff id the actor should see with the filter, in list order. */
static int expect(const kactor *who, const char *filter, int64_t *ids, int max)
{
	char *fold = filter && *filter ? text_fold(filter) : NULL;
	sqlite3_stmt *st = NULL;
	int n = 0;
	if (sqlite3_prepare_v2(raw, "SELECT id, fold FROM staff ORDER BY sort_key, id", -1, &st, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW && n < max) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *f = (const char *)sqlite3_column_text(st, 1);
		if ((!fold || matches(f, fold)) && scope_sees_staff(db, who, id))
			ids[n++] = id;
	}
	sqlite3_finalize(st);
	free(fold);
	return n;
}

/* The whole list through staff_list in pages of 7, forwards or backwards
 * (then turned round, so both give list order). */
static int walk(const kactor *who, const char *filter, int backward, int64_t *ids, int max)
{
	kpage pg = { .filter = filter, .include_inactive = 1, .limit = 7, .backward = backward };
	char *key = NULL;
	int n = 0;
	for (;;) {
		staff_rec *r;
		int got;
		kerr e = { 0 };
		pg.after_key = key;
		if (staff_list(db, who, &pg, &r, &got, &e)) {
			printf("# staff_list: %s\n", e.msg);
			free(key);
			return -1;
		}
		for (int i = 0; i < got && n < max; i++)
			ids[n++] = r[backward ? got - 1 - i : i].id;
		if (got) {
			free(key);
			key = strdup(r[backward ? 0 : got - 1].sort_key);
			pg.after_id = r[backward ? 0 : got - 1].id;
		}
		staff_rows_free(r, got);
		if (got < 7 || !key)
			break;
	}
	free(key);
	if (backward)
		for (int i = 0; i < n / 2; i++) {
			int64_t t = ids[i];
			ids[i] = ids[n - 1 - i];
			ids[n - 1 - i] = t;
		}
	return n;
}

static int same(const int64_t *a, int na, const int64_t *b, int nb)
{
	if (na != nb) {
		printf("#   %d rows, want %d\n", na, nb);
		return 0;
	}
	for (int i = 0; i < na; i++)
		if (a[i] != b[i]) {
			printf("#   row %d is %lld, want %lld\n", i, (long long)a[i], (long long)b[i]);
			return 0;
		}
	return 1;
}

static list_way way_of(const kactor *who, const char *filter)
{
	kpage pg = { .filter = filter };
	list_search ls;
	kerr e = { 0 };
	if (staff_list_way(db, who, &pg, &ls, &e)) {
		printf("# staff_list_way: %s\n", e.msg);
		return (list_way)-1;
	}
	list_search_free(&ls);
	return ls.way;
}

static void test_lists(void)
{
	static int64_t want[NSTAFF + 10], fwd[NSTAFF + 10], back[NSTAFF + 10];
	static const char *const filters[] = { "", "h", "ha", "an", "p1", "ø", "z", "q", "-", "han", "Hansen",
					       "ÅLEN", "søren ågå", "1 p1", "xyz", "\"ab", "sen 5" };
	const struct { const kactor *who; const char *name; } actors[] = {
		{ &admin, "admin" }, { &area_boss, "area leader" }, { &inst_boss, "school leader" },
		{ &employee, "employee" },
	};
	for (size_t a = 0; a < sizeof actors / sizeof *actors; a++)
		for (size_t f = 0; f < sizeof filters / sizeof *filters; f++) {
			int nw = expect(actors[a].who, filters[f], want, NSTAFF + 10);
			int nf = walk(actors[a].who, filters[f], 0, fwd, NSTAFF + 10);
			int nb = walk(actors[a].who, filters[f], 1, back, NSTAFF + 10);
			CHECK(nw >= 0 && same(fwd, nf, want, nw), "%s, filter '%s': forwards every row once (%d)",
			      actors[a].name, filters[f], nw);
			CHECK(same(back, nb, want, nw), "%s, filter '%s': backwards the same", actors[a].name, filters[f]);
		}
}

static void test_ways(void)
{
	CHECK(way_of(&admin, "") == LIST_ORDERED, "admin, no filter: in list order");
	CHECK(way_of(&admin, "ha") == LIST_ORDERED, "two letters starting 600 words: in list order");
	CHECK(way_of(&admin, "z") == LIST_FOUND, "one letter starting few words: from the word index");
	CHECK(way_of(&admin, "-") == LIST_ORDERED, "a sign: in list order (no index)");
	CHECK(way_of(&admin, "hansen") == LIST_ORDERED, "600 hits: in list order, tested against the hits");
	CHECK(way_of(&admin, "ålen") == LIST_FOUND, "few hits: from the search index");
	CHECK(way_of(&area_boss, "") == LIST_ORDERED, "leader of more than 2000: in list order");
	CHECK(way_of(&inst_boss, "") == LIST_SCOPED, "leader of a school: from the school's units");
	CHECK(way_of(&employee, "hansen") == LIST_SCOPED, "employee: from their own record");
}

static int64_t count_hits(const char *fold)
{
	sqlite3_stmt *st = NULL;
	int64_t n = -1;
	char q[64];
	snprintf(q, sizeof q, "\"%s\"", fold);
	if (sqlite3_prepare_v2(raw, "SELECT count(*) FROM staff_search WHERE staff_search MATCH ?", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return n;
}

static int64_t count_words(const char *start)
{
	sqlite3_stmt *st = NULL;
	int64_t n = -1;
	char q[64];
	snprintf(q, sizeof q, "\"%s\" *", start);
	if (sqlite3_prepare_v2(raw, "SELECT count(*) FROM staff_words WHERE staff_words MATCH ?", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return n;
}

static int64_t count_staff_matching(const char *fold)
{
	sqlite3_stmt *st = NULL;
	int64_t n = -1;
	if (sqlite3_prepare_v2(raw, "SELECT count(*) FROM staff WHERE instr(fold, ?) > 0", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, fold, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return n;
}

/* The index follows every write of fold: new people, a changed name, a
 * renamed unit (every member's search text). */
static void test_upkeep(void)
{
	kerr e = { 0 };
	int64_t id = new_staff("zz", "Zacharias Quist", u_team);
	CHECK(id > 0 && count_hits("zacharias") == 1, "a new person is in the index");
	staff_rec s;
	if (staff_get(db, &admin, id, &s, &e) == KE_OK) {
		free(s.name);
		s.name = strdup("Zakarias Qvist");
		CHECK(staff_save(db, &admin, &s, &e) == KE_OK, "rename a person");
		staff_free(&s);
	}
	CHECK(count_hits("zacharias") == 0 && count_hits("zakarias qvist") == 1, "the old name is gone, the new found");
	CHECK(count_words("qu") == 0 && count_words("qv") == 1, "in the word index too");
	unit_rec u;
	if (unit_get(db, &admin, u_team, &u, &e) == KE_OK) {
		free(u.name);
		u.name = strdup("Team Ørreden");
		CHECK(unit_save(db, &admin, &u, &e) == KE_OK, "rename the team");
		unit_free(&u);
	}
	CHECK(count_hits("aalen") == 0 && count_words("aalen") == 0, "the team's old name is gone from the indexes");
	CHECK(count_hits("orreden") == count_staff_matching("orreden") && count_hits("orreden") > 30,
	      "every member is found by the new name (%lld)", (long long)count_hits("orreden"));
	/* a stale write (another's version) leaves the index alone */
	staff_rec t;
	if (staff_get(db, &admin, id, &t, &e) == KE_OK) {
		t.version--;
		free(t.name);
		t.name = strdup("Zeb Stale");
		CHECK(staff_save(db, &admin, &t, &e) == KE_CONFLICT, "a stale save is a conflict");
		staff_free(&t);
	}
	CHECK(count_hits("zeb stale") == 0 && count_hits("zakarias") == 1, "and changes nothing in the index");
	CHECK(count_hits("hansen") == count_staff_matching("hansen"), "index and register agree");
}

/* The plans list reads the same three ways. */
static void test_plans(void)
{
	kerr e = { 0 };
	int made = 0;
	for (int64_t id = 1; id <= 2200; id += 3) {
		plan_rec p = { .staff_id = id, .year = 2026 };
		if (scope_sees_staff(db, &admin, id) && plan_save(db, &admin, &p, &e) == KE_OK)
			made++;
		plan_free(&p);
	}
	CHECK(made > 600, "plans made (%d)", made);
	const char *filters[] = { "", "hansen", "ålen", "ørreden", "xyz", "h", "zo" };
	const kactor *whos[] = { &admin, &inst_boss, &employee };
	for (size_t w = 0; w < 3; w++)
		for (size_t f = 0; f < sizeof filters / sizeof *filters; f++) {
			int64_t want = 0, got = 0;
			char *fold = *filters[f] ? text_fold(filters[f]) : NULL;
			sqlite3_stmt *st = NULL;
			if (sqlite3_prepare_v2(raw, "SELECT s.id, s.fold FROM plan p JOIN staff s ON s.id = p.staff_id"
					       " WHERE p.year = 2026", -1, &st, NULL) == SQLITE_OK)
				while (sqlite3_step(st) == SQLITE_ROW)
					want += (!fold || matches((const char *)sqlite3_column_text(st, 1), fold)) &&
						scope_sees_staff(db, whos[w], sqlite3_column_int64(st, 0));
			sqlite3_finalize(st);
			free(fold);
			kpage pg = { .filter = filters[f], .year = 2026, .limit = 500 };
			char *key = NULL;
			int ok = 1;
			for (;;) {
				plan_rec *r;
				int n;
				pg.after_key = key;
				if (plan_list(db, whos[w], &pg, &r, &n, &e)) {
					ok = 0;
					break;
				}
				got += n;
				free(key);
				key = n ? strdup(r[n - 1].sort_key) : NULL;
				pg.after_id = n ? r[n - 1].id : 0;
				plan_rows_free(r, n);
				if (n < 500)
					break;
			}
			free(key);
			CHECK(ok && got == want, "plans, actor %zu, filter '%s': %lld of %lld", w, filters[f],
			      (long long)got, (long long)want);
		}
}

int main(void)
{
	i18n_init("en");
	int ok = setup() == 0;
	CHECK(ok, "set up %d staff", NSTAFF + 3);
	if (ok) {
		test_ways();
		test_lists();
		test_upkeep();
		test_plans();
	}
	db_close(db);
	sqlite3_close(raw);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	i18n_done();
	return t_done();
}
