/* db_cycle.c — changes after agreement and follow-up delays; see db_cycle.h.
 * The moment of agreement is the audit row that turned the plan from draft
 * to agreed; for plans agreed before kup kept such rows (imported, demo) it
 * is agreed_at. */
#include "db_cycle.h"
#include "db_activity.h"
#include "db_internal.h"
#include "i18n.h"
#include "text.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ?1 plan id. One row while the plan is agreed or evaluated: aid is the
 * audit id of the agreement (NULL if unknown), at its time. */
#define AGREEMENT "ag AS (SELECT p.id AS pid, p.agreed_at AS at," \
	" (SELECT max(a.id) FROM audit a WHERE a.tbl = 'plan' AND a.row_id = p.id" \
	"   AND json_extract(a.new, '$.status') = 'agreed'" \
	"   AND json_extract(a.old, '$.status') = 'draft') AS aid" \
	" FROM plan p WHERE p.id = ?1 AND p.status <> 'draft')"
#define AFTER_AGREEMENT(A) \
	" (CASE WHEN ag.aid IS NOT NULL THEN " A ".id > ag.aid ELSE " A ".at > ag.at END)"
/* A move changes only pos; it is not a change of what was agreed. */
#define NOT_A_MOVE(A) \
	" (" A ".action <> 'update' OR json_remove(" A ".old, '$.pos') IS NOT json_remove(" A ".new, '$.pos'))"

static const char SQL_GOAL_PLAN[] = "SELECT g.plan_id, p.staff_id FROM goal g"
	" JOIN plan p ON p.id = g.plan_id WHERE g.id = ?";
static const char SQL_GOAL_CHANGES[] = "WITH " AGREEMENT
	" SELECT a.action, a.at, coalesce(s.name, a.login) FROM ag JOIN audit a"
	" ON a.tbl = 'goal' AND a.row_id = ?2 LEFT JOIN staff s ON s.login = a.login"
	" WHERE" AFTER_AGREEMENT("a") " AND a.action IN ('create','update') AND" NOT_A_MOVE("a")
	" ORDER BY a.id DESC";
static const char SQL_PLAN_CHANGED[] = "WITH " AGREEMENT
	" SELECT count(DISTINCT g.id) FROM ag JOIN goal g ON g.plan_id = ag.pid"
	" JOIN audit a ON a.tbl = 'goal' AND a.row_id = g.id"
	" WHERE" AFTER_AGREEMENT("a") " AND a.action IN ('create','update') AND" NOT_A_MOVE("a");
/* Deleting goals is rare: the audit index on (tbl, action, id) finds them. */
static const char SQL_PLAN_REMOVED[] = "WITH " AGREEMENT
	" SELECT count(*) FROM ag JOIN audit a ON a.tbl = 'goal' AND a.action = 'delete'"
	" WHERE" AFTER_AGREEMENT("a") " AND json_extract(a.old, '$.plan_id') = ag.pid";

static kcode nomem(kerr *e)
{
	return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
}

void goal_change_free(goal_change *c)
{
	if (!c)
		return;
	free(c->last_by);
	memset(c, 0, sizeof *c);
}

/* Whether who may see the plan (or the goal's plan): its person's scope. */
static kcode may_see(kdb *db, const kactor *who, int64_t staff_id, kerr *e)
{
	return scope_sees_staff(db, who, staff_id) ? KE_OK : db_denied(e);
}

/* The plan a goal belongs to, and its person. */
struct owner { int64_t plan_id, staff_id; };

static int owner_read(sqlite3_stmt *st, void *row)
{
	struct owner *o = row;
	o->plan_id = sqlite3_column_int64(st, 0);
	o->staff_id = sqlite3_column_int64(st, 1);
	return 0;
}

kcode goal_changes(kdb *db, const kactor *who, int64_t goal_id, goal_change *out, kerr *e)
{
	memset(out, 0, sizeof *out);
	struct owner o;
	if (db_get_row(db, SQL_GOAL_PLAN, goal_id, owner_read, &o, sizeof o, _("No such goal."), e))
		return e->code;
	if (may_see(db, who, o.staff_id, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db, SQL_GOAL_CHANGES, e);
	if (!st || db_bind(db, st, e, KV_INT(o.plan_id), KV_INT(goal_id)))
		return e->code;
	kcode c = KE_OK;
	int rc;
	while (!c && (rc = db_step(db, st, e)) == SQLITE_ROW) {
		if (!out->last_by) {
			snprintf(out->last_at, sizeof out->last_at, "%s", sqlite3_column_text(st, 1));
			if (!(out->last_by = col_text(st, 2)))
				c = nomem(e);
		}
		if (!strcmp((const char *)sqlite3_column_text(st, 0), "create"))
			out->added = 1;
		else
			out->changes++;
	}
	sqlite3_reset(st);
	if (!c && rc < 0)
		c = e->code;
	if (!c && !out->last_by && !(out->last_by = xstrdup("")))
		c = nomem(e);
	if (c)
		goal_change_free(out);
	return c;
}

static kcode plan_count(kdb *db, const char *sql, int64_t plan_id, int *out, kerr *e)
{
	int64_t v = 0;
	if (db_scalar(db, sql, plan_id, &v, e))
		return e->code;
	*out = (int)v;
	return KE_OK;
}

kcode plan_changes(kdb *db, const kactor *who, int64_t plan_id, int *changed, int *removed, kerr *e)
{
	*changed = *removed = 0;
	int64_t staff_id = 0;
	if (db_scalar(db, "SELECT staff_id FROM plan WHERE id = ?", plan_id, &staff_id, e))
		return e->code;
	if (!staff_id)
		return kerr_set(e, KE_NOTFOUND, "%s", _("No such plan."));
	if (may_see(db, who, staff_id, e) || plan_count(db, SQL_PLAN_CHANGED, plan_id, changed, e) ||
	    plan_count(db, SQL_PLAN_REMOVED, plan_id, removed, e))
		return e->code;
	return KE_OK;
}

/* ---- follow-up delays ---- */

/* A small table of weeks per key: read with the default for a missing
 * row; set in one transaction that first makes a missing row with its
 * default, then updates it with the version check and audits it. */
kcode db_weeks_get(kdb *db, const kweeks_table *t, const char *key, int def, int *weeks, int64_t *version,
		   kerr *e)
{
	sqlite3_stmt *st = db_stmt(db, t->get_sql, e);
	if (!st || db_bind(db, st, e, KV_TEXT(key), KV_INT(def)))
		return e->code;
	int rc = db_step(db, st, e);
	if (rc == SQLITE_ROW) {
		*weeks = sqlite3_column_int(st, 0);
		*version = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? KE_OK : e->code ? e->code : kerr_set(e, KE_DB, "%s", _(t->unreadable));
}

kcode db_weeks_set(kdb *db, const kactor *who, const kweeks_table *t, const char *key, int def, int weeks,
		   int64_t version, kerr *e)
{
	int64_t rowid = 0;
	if (db_begin(db, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db, t->insert_sql, e);
	kcode c = st ? db_bind(db, st, e, KV_TEXT(key), KV_INT(def)) : e->code;
	if (!c)
		c = db_exec_stmt(db, st, e);
	if (!c && !(st = db_stmt(db, t->rowid_sql, e)))
		c = e->code;
	if (!c)
		c = db_bind(db, st, e, KV_TEXT(key));
	if (!c)
		c = db_row_read(db, st, c, db_read_int64, &rowid, _(t->unreadable), e);
	if (c) {
		db_rollback(db);
		return c;
	}
	kwrite w = { t->tbl, t->json_sql, rowid, "update", 1, NULL };
	if (db_row_json(db, w.json_sql, rowid, &w.old, e)) {
		db_rollback(db);
		return e->code;
	}
	if (!(st = db_stmt(db, t->update_sql, e)))
		c = e->code;
	/* version 0: the row did not exist when it was read */
	if (!c)
		c = db_bind(db, st, e, KV_INT(weeks), KV_INT(rowid), KV_INT(version ? version : 1));
	if (!c)
		c = db_exec_stmt(db, st, e);
	return db_write_end(db, who, &w, c, e);
}

static const kweeks_table DELAYS = {
	"method_followup",
	"SELECT coalesce((SELECT weeks FROM method_followup WHERE method = ?1), ?2),"
	" coalesce((SELECT version FROM method_followup WHERE method = ?1), 0)",
	"INSERT OR IGNORE INTO method_followup(method, weeks) VALUES (?1, ?2)",
	"SELECT rowid FROM method_followup WHERE method = ?",
	"UPDATE method_followup SET weeks = ?1, version = version + 1 WHERE rowid = ?2 AND version = ?3",
	"SELECT json_object('method',method,'weeks',weeks) FROM method_followup WHERE rowid = ?",
	N_("The follow-up delay could not be read."),
};

kcode fu_delay_list(kdb *db, const kactor *who, fu_delay **rows, int *n, kerr *e)
{
	(void)who; /* the delays are no secret: everyone sees when follow-ups fall due */
	*rows = NULL;
	*n = 0;
	int count = 0;
	while (activity_methods[count])
		count++;
	fu_delay *out = calloc((size_t)count, sizeof *out);
	if (!out)
		return db_nomem(e);
	for (int i = 0; i < count; i++) {
		snprintf(out[i].method, sizeof out[i].method, "%s", activity_methods[i]);
		if (db_weeks_get(db, &DELAYS, activity_methods[i], 6, &out[i].weeks, &out[i].version, e)) {
			free(out);
			return e->code;
		}
	}
	*rows = out;
	*n = count;
	return KE_OK;
}

kcode fu_delay_set(kdb *db, const kactor *who, const char *method, int weeks, int64_t version, kerr *e)
{
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	int known = 0;
	for (int i = 0; method && activity_methods[i]; i++)
		known |= !strcmp(method, activity_methods[i]);
	if (!known)
		return kerr_field(e, KE_INVALID, "method", _("Unknown method '%s'."), method ? method : "");
	if (weeks < 0 || weeks > 104)
		return kerr_field(e, KE_INVALID, "weeks", "%s", _("The follow-up delay must be between 0 and 104 weeks."));
	return db_weeks_set(db, who, &DELAYS, method, 6, weeks, version, e);
}

/* ---- where follow-ups are shared ---- */

static const size_t share_texts[] = {
	offsetof(share_session, title), offsetof(share_session, place),
};

static void share_free(void *row)
{
	db_free_texts(row, share_texts, 2);
}

DB_ROWS_FREE(share_sessions_free, share_session, share_free)

static int share_read(sqlite3_stmt *st, void *row)
{
	share_session *s = row;
	s->id = sqlite3_column_int64(st, 0);
	snprintf(s->starts, sizeof s->starts, "%s", sqlite3_column_text(st, 1));
	return db_read_texts(st, 2, row, share_texts, 2);
}

kcode share_sessions(kdb *db, const kactor *who, const char *filter, const char *from, int limit,
		     share_session **rows, int *n, kerr *e)
{
	(void)who; /* the catalogue is open to everyone */
	*rows = NULL;
	*n = 0;
	if (limit < 1 || limit > 500)
		limit = 500;
	char *fold = filter && *filter ? text_fold(filter) : NULL;
	if (filter && *filter && !fold)
		return nomem(e);
	sqlite3_stmt *st = db_stmt(db, "SELECT se.id, se.starts, a.title, se.place FROM session se"
		" JOIN activity a ON a.id = se.activity_id WHERE a.method IN ('peer','network')"
		" AND se.starts >= ?1 AND (?2 IS NULL OR instr(a.fold, ?2) > 0)"
		" ORDER BY se.starts, se.id LIMIT ?3", e);
	kcode c = st ? db_bind(db, st, e, KV_TEXT(from ? from : ""), KV_TEXT(fold), KV_INT(limit)) : e->code;
	free(fold);
	return db_rows_read(db, st, c, sizeof **rows, limit, share_read, share_free, (void **)rows, n, e);
}
