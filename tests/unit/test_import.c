/* Unit tests for what an import of staff (db_import.c) may do to the people
 * it knows: an empty cell keeps what is stored, a changed login or role is
 * named, deactivate-missing tells how many and whom and refuses more than
 * half the active staff unless that is meant, the last active administrator
 * is kept (by the import, the staff form's save and the deactivate action
 * alike: db_staff.c), and the problem list stays short on a file of junk. */
#include "t.h"

#include <stdarg.h>
#include <unistd.h>

#include "db.h"
#include "db_import.h"
#include "db_org.h"
#include "db_staff.h"
#include "i18n.h"

static char dir[] = "/tmp/kup-test-import.XXXXXX";
static kdb *db;
static kactor admin; /* the local owner: no staff record */

/* Imports rows of `ncols` cells (header first) given as one list. */
static kcode run(int flags, import_result *res, kerr *e, int ncols, int nrows, const char *const *cells)
{
	int line[200];
	for (int i = 0; i < nrows && i < 200; i++)
		line[i] = i + 2;
	import_table t = { .ncols = ncols, .head = cells, .nrows = nrows, .line = line, .cells = cells + ncols };
	return import_staff(db, &admin, &t, flags, res, e);
}

static int has_line(const import_result *r, const char *want)
{
	for (int i = 0; i < r->nactions; i++)
		if (!strcmp(r->actions[i], want))
			return 1;
	for (int i = 0; i < r->nproblems; i++)
		if (!strcmp(r->problems[i], want))
			return 1;
	printf("#   no line '%s' among:\n", want);
	for (int i = 0; i < r->nactions; i++)
		printf("#     %s\n", r->actions[i]);
	for (int i = 0; i < r->nproblems; i++)
		printf("#     problem: %s\n", r->problems[i]);
	return 0;
}

static staff_rec get(const char *login)
{
	staff_rec s;
	kerr e;
	if (staff_find_login(db, &admin, login, &s, &e))
		memset(&s, 0, sizeof s);
	return s;
}

static void test_empty_keeps(void)
{
	import_result res = { 0 };
	kerr e = { 0 };
	static const char *const setup[] = {
		"login", "emp_no", "name", "unit", "title", "email", "role",
		"aoe", "7", "Åse Østergård", "Skolen", "Lærer", "aoe@example.dk", "employee",
		"boss", "1", "Bo Boss", "Skolen", "Chef", "", "admin",
		"bent", "2", "Bent Berg", "Skolen", "", "", "admin",
	};
	CHECK(run(0, &res, &e, 7, 3, setup) == KE_OK && res.added == 3, "three people added (%s)", e.msg);
	import_result_free(&res);

	/* HR's file without logins, matched by employee number */
	static const char *const blank[] = {
		"login", "emp_no", "name", "unit", "title", "email", "role",
		"", "7", "Åse Østergård", "", "", "", "",
	};
	CHECK(run(0, &res, &e, 7, 1, blank) == KE_OK, "a row of empty cells imports (%s)", e.msg);
	CHECK(res.unchanged == 1 && res.updated == 0, "... and changes nothing (%d updated)", res.updated);
	import_result_free(&res);
	staff_rec s = get("aoe");
	CHECK(s.id && !strcmp(s.title, "Lærer") && !strcmp(s.email, "aoe@example.dk") && s.role == ROLE_EMPLOYEE,
	      "the login, title, email and role are kept");
	staff_free(&s);

	/* a changed login and role are named, in the dry run and the result */
	static const char *const move[] = {
		"login", "emp_no", "name", "unit", "role",
		"aos", "7", "Åse Østergård", "Skolen", "leader",
	};
	CHECK(run(IMPORT_DRY_RUN, &res, &e, 5, 1, move) == KE_OK, "a dry run with a new login and role (%s)", e.msg);
	CHECK(has_line(&res, "line 2: Åse Østergård: login aoe → aos"), "the dry run names the login change");
	CHECK(has_line(&res, "line 2: Åse Østergård: role employee → leader"), "... and the role change");
	import_result_free(&res);
	CHECK(run(0, &res, &e, 5, 1, move) == KE_OK && has_line(&res, "line 2: Åse Østergård: login aoe → aos"),
	      "the import names it too (%s)", e.msg);
	import_result_free(&res);
	s = get("aos");
	CHECK(s.id && s.role == ROLE_LEADER && !strcmp(s.emp_no, "7"), "... and did it");
	staff_free(&s);
}

static void test_last_admin(void)
{
	import_result res = { 0 };
	kerr e = { 0 };
	/* Bent stops being admin: Bo is still one */
	static const char *const one[] = { "login", "name", "unit", "role", "bent", "Bent Berg", "Skolen", "employee" };
	CHECK(run(0, &res, &e, 4, 1, one) == KE_OK, "one of two admins may be demoted (%s)", e.msg);
	import_result_free(&res);
	/* Bo is the last */
	static const char *const last[] = { "login", "name", "unit", "role", "boss", "Bo Boss", "Skolen", "leder" };
	CHECK(run(IMPORT_DRY_RUN, &res, &e, 4, 1, last) == KE_INVALID, "the last admin demoted: refused (%d)", e.code);
	CHECK(has_line(&res, "line 2: Bo Boss is the last active administrator; make someone else administrator first."),
	      "... by line, naming why");
	import_result_free(&res);

	staff_rec s = get("boss");
	CHECK(s.role == ROLE_ADMIN && s.active, "Bo is still an active admin");
	s.role = ROLE_LEADER;
	CHECK(staff_save(db, &admin, &s, &e) == KE_STATE && strstr(e.msg, "last active administrator"),
	      "the staff form may not demote him either (%s)", e.msg);
	s.role = ROLE_ADMIN;
	s.active = 0;
	CHECK(staff_save(db, &admin, &s, &e) == KE_STATE, "nor save him inactive");
	CHECK(staff_set_active(db, &admin, s.id, s.version, 0, &e) == KE_STATE && strstr(e.msg, "Bo Boss"),
	      "nor the deactivate action (%s)", e.msg);
	CHECK(staff_deactivate(db, &admin, s.id, s.version, "2026-11-30", &e) == KE_STATE && strstr(e.msg, "Bo Boss"),
	      "nor deactivating him with a last working day (%s)", e.msg);
	staff_free(&s);
	s = get("boss");
	CHECK(s.role == ROLE_ADMIN && s.active, "Bo is still an active admin afterwards");
	staff_free(&s);

	/* deactivate-missing with a file that leaves him out */
	static const char *const without[] = { "login", "name", "unit", "aos", "Åse Østergård", "Skolen",
					       "bent", "Bent Berg", "Skolen" };
	CHECK(run(IMPORT_DEACTIVATE_MISSING, &res, &e, 3, 2, without) == KE_INVALID,
	      "deactivate-missing would take the last admin: refused (%d: %s)", e.code, e.msg);
	CHECK(has_line(&res, "deactivate Bo Boss: Bo Boss is the last active administrator; make someone else administrator first."),
	      "... naming him");
	import_result_free(&res);
	s = get("boss");
	CHECK(s.active, "... and he is still active");
	staff_free(&s);
}

static void test_deactivate_count(void)
{
	import_result res = { 0 };
	kerr e = { 0 };
	static const char *const more[] = {
		"login", "name", "unit",
		"p1", "Per Et", "Skolen", "p2", "Per To", "Skolen", "p3", "Per Tre", "Skolen",
		"p4", "Per Fire", "Skolen", "p5", "Per Fem", "Skolen", "p6", "Per Seks", "Skolen",
	};
	CHECK(run(0, &res, &e, 3, 6, more) == KE_OK && res.added == 6, "six more (%s)", e.msg);
	import_result_free(&res);
	/* 9 active: Åse, Bent, Bo, 6 Per; a file with only Bo */
	static const char *const only[] = { "login", "name", "unit", "boss", "Bo Boss", "Skolen" };
	CHECK(run(IMPORT_DRY_RUN | IMPORT_DEACTIVATE_MISSING, &res, &e, 3, 1, only) == KE_OK,
	      "a dry run that deactivates 8 of 9 (%s)", e.msg);
	CHECK(res.deactivated == 8 && res.deactivate_most, "... says 8, more than half (%d)", res.deactivated);
	CHECK_STR(res.deactivation, "WARNING: deactivates 8 of 9 active people, more than half: Bent Berg, Per Et, "
		  "Per Fem, Per Fire, Per Seks and 3 more. Is the file the full staff list?", "... loudly, with names");
	import_result_free(&res);
	CHECK(run(IMPORT_DEACTIVATE_MISSING, &res, &e, 3, 1, only) == KE_STATE &&
	      strstr(e.msg, "would deactivate 8 of 9 active people"), "the real run is refused (%s)", e.msg);
	import_result_free(&res);
	staff_rec s = get("p1");
	CHECK(s.active, "... and nobody was deactivated");
	staff_free(&s);

	static const char *const most[] = {
		"login", "name", "unit", "boss", "Bo Boss", "Skolen", "aos", "Åse Østergård", "Skolen",
		"bent", "Bent Berg", "Skolen", "p1", "Per Et", "Skolen", "p2", "Per To", "Skolen",
		"p3", "Per Tre", "Skolen", "p4", "Per Fire", "Skolen",
	};
	CHECK(run(IMPORT_DEACTIVATE_MISSING, &res, &e, 3, 7, most) == KE_OK && res.deactivated == 2 &&
	      !res.deactivate_most, "a file that leaves out 2 of 9 imports (%s)", e.msg);
	CHECK_STR(res.deactivation, "Deactivates 2 of 9 active people: Per Fem and Per Seks.", "... naming both");
	import_result_free(&res);
	CHECK(run(IMPORT_DEACTIVATE_MISSING | IMPORT_DEACTIVATE_MANY, &res, &e, 3, 1, only) == KE_OK &&
	      res.deactivated == 6, "with the caller's yes, most may go (%s)", e.msg);
	import_result_free(&res);
}

static void test_many_problems(void)
{
	enum { N = 150 };
	static const char *cells[3 + 3 * N];
	static char logins[N][16];
	cells[0] = "login";
	cells[1] = "name";
	cells[2] = "unit";
	for (int i = 0; i < N; i++) {
		snprintf(logins[i], sizeof logins[i], "x%d", i);
		cells[3 + 3 * i] = logins[i];
		cells[4 + 3 * i] = "X";
		cells[5 + 3 * i] = "Nowhere";
	}
	import_result res = { 0 };
	kerr e = { 0 };
	CHECK(run(0, &res, &e, 3, N, cells) == KE_INVALID && strstr(e.msg, "150 problem(s)"),
	      "150 bad rows: refused, all counted (%s)", e.msg);
	CHECK(res.nproblems == IMPORT_MAX_PROBLEMS + 1, "... %d kept and one line for the rest (%d)",
	      IMPORT_MAX_PROBLEMS, res.nproblems);
	CHECK(res.nproblems > 0 && !strcmp(res.problems[res.nproblems - 1], "... and 50 more problems."),
	      "... which says how many more");
	import_result_free(&res);
}

int main(void)
{
	i18n_init("en");
	kerr e = { 0 };
	char path[300];
	int ok = mkdtemp(dir) != NULL;
	snprintf(path, sizeof path, "%s/kup.db", dir);
	ok = ok && db_open(path, DB_OPEN_CREATE, &db, &e) == KE_OK;
	db_actor_local_admin(&admin, "owner");
	unit_rec u = { .name = "Skolen", .kind = "institution" };
	ok = ok && unit_save(db, &admin, &u, &e) == KE_OK;
	free(u.sort_key);
	CHECK(ok, "set up (%s)", e.msg);
	if (ok) {
		test_empty_keeps();
		test_last_admin();
		test_deactivate_count();
		test_many_problems();
	}
	db_close(db);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	i18n_done();
	return t_done();
}
