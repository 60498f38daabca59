/* db_scope.c — who may see and lead whom. Roles are enforced here, in the
 * data-access module, so no front end can forget a check. */
#include "date.h"
#include "db_internal.h"
#include "i18n.h"

/* kup_today(): one date per statement run (deterministic, so SQLite works
 * it out once, not per row); only in kup's own statements (direct-only). */
static void sql_today(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	char t[11];
	if (date_today(t) != 0) {
		sqlite3_result_error(cx, _("Cannot read today's date from the system clock."), -1);
		return;
	}
	sqlite3_result_text(cx, t, -1, SQLITE_TRANSIENT);
}

int scope_register(sqlite3 *h)
{
	return sqlite3_create_function(h, "kup_today", 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
				       NULL, sql_today, NULL, NULL);
}

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
