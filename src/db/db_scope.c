/* db_scope.c — who may see and lead whom. Roles are enforced here, in the
 * data-access module, so no front end can forget a check. */
#include "db_internal.h"

static int scope_query(kdb *db, const char *sql, const kactor *who, int64_t sid)
{
	kerr e;
	sqlite3_stmt *st = db_stmt(db, sql, &e);
	if (!st || db_bind(db, st, &e, KV_INT(who->staff_id), KV_INT((int)who->role), KV_INT(sid)))
		return 0;
	int rc = db_step(db, st, &e);
	int yes = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return yes;
}

int scope_leads_staff(kdb *db, const kactor *who, int64_t sid)
{
	if (who->role == ROLE_ADMIN)
		return 1;
	if (who->role != ROLE_LEADER || sid == who->staff_id)
		return 0;
	return scope_query(db, SQL_LED_UNITS
		" SELECT EXISTS (SELECT 1 FROM staff x WHERE x.id = ?3 AND ?2 = 1 AND "
		SQL_MANAGER_UNIT("x") " IN led)", who, sid);
}

int scope_sees_staff(kdb *db, const kactor *who, int64_t sid)
{
	if (who->role == ROLE_ADMIN || (sid && sid == who->staff_id))
		return 1;
	return scope_leads_staff(db, who, sid);
}
