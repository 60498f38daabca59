/* Unit test for the duplicate check of import_staff (db_import.c), which
 * issue 8 made sort the rows instead of comparing every row with every
 * other: the same messages, in file order, naming the first row that has
 * the same login or employee number (the login when one row has both). */
#include "t.h"

#include <unistd.h>

#include "db.h"
#include "db_import.h"
#include "db_org.h"
#include "i18n.h"

static char dir[] = "/tmp/kup-test-importdup.XXXXXX";

int main(void)
{
	i18n_init("en");
	kdb *db = NULL;
	kactor admin;
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

	static const char *const head[] = { "login", "emp_no", "name", "initials", "unit" };
	static const char *const cells[] = {
		"a", "1", "Anna A", "AA", "Skolen",  /* line 2 */
		"b", "2", "Bo B", "BB", "Skolen",    /* line 3 */
		"a", "3", "Ane C", "AC", "Skolen",   /* line 4: login of line 2 */
		"c", "2", "Carl D", "CD", "Skolen",  /* line 5: number of line 3 */
		"b", "1", "Bent E", "BE", "Skolen",  /* line 6: number of line 2 comes first */
		"a", "1", "Alf F", "AF", "Skolen",   /* line 7: both of line 2: the login */
		"d", "", "Dan G", "DG", "Skolen",    /* line 8: no number, no problem */
		"e", "", "Eva H", "EH", "Skolen",    /* line 9 */
	};
	static const int line[] = { 2, 3, 4, 5, 6, 7, 8, 9 };
	import_table t = { .ncols = 5, .head = head, .nrows = 8, .line = line, .cells = cells };
	import_result res = { 0 };
	kcode rc = ok ? import_staff(db, &admin, &t, 0, &res, &e) : KE_DB;
	CHECK(rc == KE_INVALID, "duplicates refuse the file (%d: %s)", rc, e.msg);
	static const char *const want[] = {
		"line 4: the login 'a' is also on line 2.",
		"line 5: the employee number '2' is also on line 3.",
		"line 6: the employee number '1' is also on line 2.",
		"line 7: the login 'a' is also on line 2.",
	};
	CHECK(res.nproblems == 4, "four problems (%d)", res.nproblems);
	for (int i = 0; i < 4 && i < res.nproblems; i++)
		CHECK_STR(res.problems[i], want[i], "problem %d", i + 1);
	import_result_free(&res);
	db_close(db);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	i18n_done();
	return t_done();
}
