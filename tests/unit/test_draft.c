/* Unit tests for drafts across a change of role or units: a draft is kept
 * with the version of the record it was typed against and the scope it
 * was taken under (role, and a leader's units); draft_get and draft_list
 * give only the drafts of the actor's scope now, and draft_list deletes
 * the rest, so a demoted leader is never offered a draft about someone
 * else's plan. */
#include "t.h"

#include <unistd.h>

#include "db.h"
#include "db_draft.h"
#include "db_internal.h"
#include "db_org.h"
#include "db_staff.h"
#include "i18n.h"

static char dir[] = "/tmp/kup-test-draft.XXXXXX";
static char path[300];
static kactor admin;

static int64_t unit_new(kdb *db, const char *name, kerr *e)
{
	unit_rec u = { .name = (char *)name, .active = 1 };
	snprintf(u.kind, sizeof u.kind, "institution");
	kcode c = unit_save(db, &admin, &u, e);
	free(u.sort_key);
	return c ? 0 : u.id;
}

static int64_t staff_new(kdb *db, const char *name, const char *ini, const char *login, int64_t unit, krole role,
			 kerr *e)
{
	staff_rec s = { .name = (char *)name, .initials = (char *)ini, .login = (char *)login, .emp_no = "",
			.email = "", .title = "", .unit_id = unit, .role = role, .active = 1 };
	kcode c = staff_save(db, &admin, &s, e);
	free(s.sort_key);
	return c ? 0 : s.id;
}

/* Lone's drafts in the table, shown or not. */
static int64_t drafts_in_table(kdb *db)
{
	int64_t n = -1;
	kerr e;
	if (db_scalar(db, "SELECT count(*) FROM form_draft WHERE login = 'lone'", 0, &n, &e))
		return -1;
	return n;
}

/* The actor for login as kup would make it at the start, after a change. */
static int as(kdb *db, const char *login, kactor *who)
{
	kerr e;
	return db_actor_for_login(db, login, 0, who, &e) == KE_OK;
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	i18n_init("en");
	db_actor_local_admin(&admin, "tester");
	snprintf(path, sizeof path, "%s/draft.db", dir);
	kdb *db = NULL;
	kerr e = { 0 };
	CHECK(db_open(path, DB_OPEN_CREATE, &db, &e) == KE_OK, "create (%s)", e.msg);
	if (!db)
		return t_done();
	int64_t klub = unit_new(db, "Klubben", &e), hus = unit_new(db, "Ådalens Børnehus", &e);
	int64_t lone = staff_new(db, "Lone Leder", "LL", "lone", klub, ROLE_LEADER, &e);
	int64_t cecilie = staff_new(db, "Cecilie Lund", "CL", "cecilie", klub, ROLE_EMPLOYEE, &e);
	char sql[300];
	snprintf(sql, sizeof sql, "INSERT INTO unit_leader(unit_id, staff_id, since) VALUES (%lld, %lld, '2025-01-01')",
		 (long long)klub, (long long)lone);
	CHECK(klub && hus && lone && cecilie && db_exec(db, sql, &e) == KE_OK,
	      "Lone leads Klubben, where Cecilie works (%s)", e.msg);

	kactor who;
	draft_rec d, *rows = NULL;
	int n = 0;
	const char *data = "kupform 1\nT\t0\t0\tCecilies plan: mere om forældresamarbejde\n";
	CHECK(as(db, "lone", &who) && who.role == ROLE_LEADER, "Lone acts as a leader");
	CHECK(draft_save(db, &who, "plan", 7, 4, "Plan 2026 for Cecilie Lund", data, &e) == KE_OK,
	      "her draft of Cecilie's plan is kept, typed against version 4");
	CHECK(draft_get(db, &who, "plan", 7, &d, &e) == KE_OK && d.version == 4 && !strcmp(d.data, data),
	      "read back with the version it was typed against");
	draft_free(&d);
	CHECK(draft_list(db, &who, &rows, &n, &e) == KE_OK && n == 1 && rows[0].version == 4,
	      "her list offers it, with the version");
	draft_rows_free(rows, n);

	/* moved to lead another unit: the draft is about a plan she no longer leads */
	snprintf(sql, sizeof sql, "UPDATE unit_leader SET unit_id = %lld WHERE staff_id = %lld", (long long)hus,
		 (long long)lone);
	CHECK(db_exec(db, sql, &e) == KE_OK && as(db, "lone", &who), "Lone now leads Ådalens Børnehus instead");
	CHECK(draft_get(db, &who, "plan", 7, &d, &e) == KE_NOTFOUND, "draft_get no longer gives the Klubben draft");
	CHECK(draft_list(db, &who, &rows, &n, &e) == KE_OK && n == 0, "draft_list offers nothing");
	draft_rows_free(rows, n);
	CHECK(drafts_in_table(db) == 0, "and the draft taken under the other units is deleted");

	/* a leader demoted to the staff: the draft of someone else's plan is not offered */
	snprintf(sql, sizeof sql, "UPDATE unit_leader SET unit_id = %lld WHERE staff_id = %lld", (long long)klub,
		 (long long)lone);
	CHECK(db_exec(db, sql, &e) == KE_OK && as(db, "lone", &who) && who.role == ROLE_LEADER,
	      "Lone leads Klubben again");
	CHECK(draft_save(db, &who, "plan", 7, 4, "Plan 2026 for Cecilie Lund", data, &e) == KE_OK &&
	      draft_save(db, &who, "goal-new", 7, 0, "New goal", data, &e) == KE_OK, "she keeps two drafts");
	snprintf(sql, sizeof sql, "UPDATE unit_leader SET until = '2025-06-30' WHERE staff_id = %lld;"
				  " UPDATE staff SET role = 'employee' WHERE id = %lld",
		 (long long)lone, (long long)lone);
	CHECK(db_exec(db, sql, &e) == KE_OK && as(db, "lone", &who) && who.role == ROLE_EMPLOYEE,
	      "Lone is demoted to the staff (%s)", e.msg);
	CHECK(draft_get(db, &who, "plan", 7, &d, &e) == KE_NOTFOUND, "draft_get does not give the leader's draft");
	CHECK(draft_list(db, &who, &rows, &n, &e) == KE_OK && n == 0,
	      "the start-up list does not offer a draft naming Cecilie");
	draft_rows_free(rows, n);
	CHECK(drafts_in_table(db) == 0, "both drafts taken as a leader are deleted");
	CHECK(draft_save(db, &who, "staff", lone, 9, "Edit staff member", data, &e) == KE_OK &&
	      draft_list(db, &who, &rows, &n, &e) == KE_OK && n == 1 && !strcmp(rows[0].form, "staff"),
	      "as an employee she keeps and sees her own drafts");
	draft_rows_free(rows, n);

	/* an admin's drafts are an admin's */
	CHECK(draft_save(db, &admin, "unit", klub, 2, "Edit unit", data, &e) == KE_OK &&
	      draft_get(db, &admin, "unit", klub, &d, &e) == KE_OK && d.version == 2, "an admin's draft comes back");
	draft_free(&d);
	kactor lesser = admin;
	lesser.role = ROLE_EMPLOYEE;
	CHECK(draft_get(db, &lesser, "unit", klub, &d, &e) == KE_NOTFOUND,
	      "the same login as an employee does not see it");

	db_close(db);
	char side[320];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	unlink(path);
	rmdir(dir);
	return t_done();
}
