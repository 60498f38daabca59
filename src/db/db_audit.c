/* db_audit.c — reading the audit trail; see db_audit.h. The history of a
 * record is shown to whoever may see the record itself: the record's owner
 * (the staff member a plan, goal, participation or follow-up belongs to) is
 * looked up, also for a deleted record through its delete row, and checked
 * with the same scope rules as the record. Returned records own their
 * strings: audit_free(), audit_rows_free(), audit_changes_free(). */
#include "db_audit.h"
#include "db_internal.h"
#include "db_names.h"
#include "i18n.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first audit row of the record's current life: a row id may be used
 * again after its record was deleted, and the earlier record's history is
 * not this one's. ?1 table, ?2 row id. */
#define SQL_SINCE \
	"(SELECT coalesce(max(id), 0) FROM audit WHERE tbl = ?1 AND row_id = ?2 AND action = 'create')"
#define AUDIT_COLS \
	"a.id, a.at, a.login, coalesce(s.name, ''), a.tbl, a.row_id, a.action," \
	" coalesce(a.old, ''), coalesce(a.new, '')"
#define AUDIT_FROM " FROM audit a LEFT JOIN staff s ON s.login = a.login"

/* ?1 table, ?2 row id, ?3 bound (exclusive), ?4 limit */
static const char SQL_ROW_FWD[] = "SELECT " AUDIT_COLS AUDIT_FROM
	" WHERE a.tbl = ?1 AND a.row_id = ?2 AND a.id >= " SQL_SINCE
	" AND a.id < ?3 ORDER BY a.id DESC LIMIT ?4";
static const char SQL_ROW_BACK[] = "SELECT " AUDIT_COLS AUDIT_FROM
	" WHERE a.tbl = ?1 AND a.row_id = ?2 AND a.id >= " SQL_SINCE
	" AND a.id > ?3 ORDER BY a.id LIMIT ?4";
static const char SQL_ALL_FWD[] = "SELECT " AUDIT_COLS AUDIT_FROM
	" WHERE ?1 IS NULL AND ?2 = 0 AND a.id < ?3 ORDER BY a.id DESC LIMIT ?4";
static const char SQL_ALL_BACK[] = "SELECT " AUDIT_COLS AUDIT_FROM
	" WHERE ?1 IS NULL AND ?2 = 0 AND a.id > ?3 ORDER BY a.id LIMIT ?4";

/* Whose record (tbl, row id) is: its kind — 'open' (the catalogue and the
 * organisation, which everyone reads), 'staff' (a person's own record),
 * 'unit' (a unit's budget) or 'admin' (anything else) — and the staff or
 * unit id. A deleted record is traced through its delete row. */
static const char SQL_OWNER[] =
	"WITH gone(old) AS (SELECT old FROM audit WHERE tbl = ?1 AND row_id = ?2 AND action = 'delete'"
	"  AND id >= " SQL_SINCE " ORDER BY id DESC LIMIT 1),"
	" goal_plan(pid) AS (SELECT coalesce((SELECT plan_id FROM goal WHERE id = ?2),"
	"  (SELECT json_extract(old, '$.plan_id') FROM gone)))"
	" SELECT CASE"
	"  WHEN ?1 IN ('activity','session','unit','unit_leader','profession','competence_area',"
	"   'focus_area','method_followup','followup_setting') THEN 'open'"
	"  WHEN ?1 IN ('staff','plan','goal','participation','followup','followup_colleague') THEN 'staff'"
	"  WHEN ?1 = 'budget' THEN 'unit' ELSE 'admin' END,"
	" CASE ?1"
	"  WHEN 'staff' THEN ?2"
	"  WHEN 'plan' THEN coalesce((SELECT staff_id FROM plan WHERE id = ?2),"
	"   (SELECT json_extract(old, '$.staff_id') FROM gone))"
	"  WHEN 'goal' THEN (SELECT coalesce((SELECT staff_id FROM plan WHERE id = g.pid),"
	"   (SELECT json_extract(a.old, '$.staff_id') FROM audit a WHERE a.tbl = 'plan'"
	"    AND a.row_id = g.pid AND a.action = 'delete' ORDER BY a.id DESC LIMIT 1)) FROM goal_plan g)"
	"  WHEN 'participation' THEN (SELECT staff_id FROM participation WHERE id = ?2)"
	"  WHEN 'followup' THEN (SELECT p.staff_id FROM followup f"
	"   JOIN participation p ON p.id = f.participation_id WHERE f.id = ?2)"
	"  WHEN 'followup_colleague' THEN (SELECT p.staff_id FROM followup f"
	"   JOIN participation p ON p.id = f.participation_id WHERE f.id = coalesce("
	"    (SELECT followup_id FROM followup_colleague WHERE id = ?2),"
	"    (SELECT json_extract(old, '$.followup_id') FROM gone)))"
	"  WHEN 'budget' THEN coalesce((SELECT unit_id FROM budget WHERE rowid = ?2),"
	"   (SELECT json_extract(old, '$.unit_id') FROM gone))"
	" END";
static const char SQL_LEADS_UNIT[] = SQL_LED_UNITS " SELECT ?2 IN led";
static const char SQL_HEAD[] = "SELECT tbl, row_id FROM audit WHERE id = ?";
/* A value V of field k.key as a person reads it: a reference becomes the
 * name of what it refers to (while that still exists), a list of them (an
 * activity's competence areas, professions) their names, else the value. */
#define SHOWN(V) \
	"CASE WHEN " V " IS NULL THEN NULL" \
	" WHEN k.key IN ('unit_id','parent_id') THEN coalesce((SELECT name FROM unit WHERE id = " V "), " V ")" \
	" WHEN k.key IN ('staff_id','agreed_by','evaluated_by','decided_by','done_by','asked_by')" \
	"  THEN coalesce((SELECT name FROM staff WHERE id = " V "), " V ")" \
	" WHEN k.key = 'competence_id' THEN coalesce((SELECT CASE WHEN ?2 THEN name_en ELSE name_da END" \
	"  FROM competence_area WHERE id = " V "), " V ")" \
	" WHEN k.key = 'focus_id' THEN coalesce((SELECT title FROM focus_area WHERE id = " V "), " V ")" \
	" WHEN k.key = 'profession_id' THEN coalesce((SELECT name FROM profession WHERE id = " V "), " V ")" \
	" WHEN k.key = 'activity_id' THEN coalesce((SELECT title FROM activity WHERE id = " V "), " V ")" \
	" WHEN k.key = 'followup_id' THEN coalesce((SELECT fs.name || ' · ' || fa.title FROM followup ff" \
	"  JOIN participation fp ON fp.id = ff.participation_id JOIN staff fs ON fs.id = fp.staff_id" \
	"  JOIN session fse ON fse.id = fp.session_id JOIN activity fa ON fa.id = fse.activity_id" \
	"  WHERE ff.id = " V "), " V ")" \
	" WHEN k.key IN ('session_id','shared_via') THEN coalesce((SELECT a.title || ' ' || s.starts FROM session s" \
	"  JOIN activity a ON a.id = s.activity_id WHERE s.id = " V "), " V ")" \
	" WHEN k.key = 'plan_id' THEN coalesce((SELECT st.name || ' ' || p.year FROM plan p" \
	"  JOIN staff st ON st.id = p.staff_id WHERE p.id = " V "), " V ")" \
	" WHEN k.key IN ('goal_id','carried_from') THEN coalesce((SELECT what FROM goal WHERE id = " V "), " V ")" \
	" WHEN k.key = 'participation_id' THEN coalesce((SELECT ps.name || ' · ' || pa.title FROM participation pp" \
	"  JOIN staff ps ON ps.id = pp.staff_id JOIN session pse ON pse.id = pp.session_id" \
	"  JOIN activity pa ON pa.id = pse.activity_id WHERE pp.id = " V "), " V ")" \
	" WHEN k.key = 'competences' AND json_valid(" V ") THEN (SELECT coalesce(group_concat(coalesce(" \
	"  CASE WHEN ?2 THEN ca.name_en ELSE ca.name_da END, j.value), ', '), '') FROM json_each(" V ") j" \
	"  LEFT JOIN competence_area ca ON ca.id = j.value)" \
	" WHEN k.key = 'professions' AND json_valid(" V ") THEN (SELECT coalesce(group_concat(" \
	"  coalesce(pr.name, j.value), ', '), '') FROM json_each(" V ") j LEFT JOIN profession pr ON pr.id = j.value)" \
	" ELSE " V " END"
/* Fields of one audit row whose value differs before and after, in the
 * order the record lists them; none and "" count as the same. ?2: English. */
static const char SQL_CHANGES[] =
	"WITH a(o, n) AS (SELECT coalesce(old, '{}'), coalesce(new, '{}') FROM audit WHERE id = ?1),"
	" jo AS (SELECT j.key, j.value, j.id AS pos FROM a, json_each(a.o) j),"
	" jn AS (SELECT j.key, j.value, j.id AS pos FROM a, json_each(a.n) j),"
	" k(key) AS (SELECT key FROM jo UNION SELECT key FROM jn)"
	" SELECT k.key, " SHOWN("jo.value") ", " SHOWN("jn.value") " FROM k LEFT JOIN jo ON jo.key = k.key"
	" LEFT JOIN jn ON jn.key = k.key WHERE coalesce(jo.value, '') IS NOT coalesce(jn.value, '')"
	" ORDER BY coalesce(jn.pos, jo.pos)";
static const char SQL_ADMINS[] = "SELECT name, login FROM staff WHERE role = 'admin' AND active"
	" AND login IS NOT NULL ORDER BY sort_key, id LIMIT 10";

static kcode oom(kerr *e)
{
	return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
}

static const size_t audit_texts[] = {
	offsetof(audit_rec, login), offsetof(audit_rec, name), offsetof(audit_rec, tbl),
	offsetof(audit_rec, old_json), offsetof(audit_rec, new_json), offsetof(audit_rec, sort_key),
};

DB_FREE_FUNCS(audit_free, audit_rows_free, audit_rec, audit_texts)

static const size_t change_texts[] = {
	offsetof(audit_change, field), offsetof(audit_change, old_value), offsetof(audit_change, new_value),
};

static void change_free(void *row)
{
	db_free_texts(row, change_texts, 3);
}

DB_ROWS_FREE(audit_changes_free, audit_change, change_free)

static int change_read(sqlite3_stmt *st, void *row)
{
	return db_read_texts(st, 0, row, change_texts, 3);
}

/* The list key: newest first is ascending in INT64_MAX - id. */
static char *key_of(int64_t id)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%019lld", (long long)(INT64_MAX - id));
	return strdup(buf);
}

static int read_row(sqlite3_stmt *st, void *row)
{
	audit_rec *r = row;
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	snprintf(r->at, sizeof r->at, "%s", (const char *)sqlite3_column_text(st, 1));
	r->login = col_text(st, 2);
	r->name = col_text(st, 3);
	r->tbl = col_text(st, 4);
	r->row_id = sqlite3_column_int64(st, 5);
	snprintf(r->action, sizeof r->action, "%s", (const char *)sqlite3_column_text(st, 6));
	r->old_json = col_text(st, 7);
	r->new_json = col_text(st, 8);
	r->sort_key = key_of(r->id);
	if (!r->login || !r->name || !r->tbl || !r->old_json || !r->new_json || !r->sort_key) {
		audit_free(r);
		return -1;
	}
	return 0;
}

static void release_row(void *row)
{
	audit_free(row);
}

/* May who see the history of (tbl, row_id)? KE_OK or the denial. */
static kcode may_see(kdb *db, const kactor *who, const char *tbl, int64_t row_id, kerr *e)
{
	if (who->role == ROLE_ADMIN)
		return KE_OK;
	sqlite3_stmt *st = db_stmt(db, SQL_OWNER, e);
	if (!st || db_bind(db, st, e, KV_TEXT(tbl), KV_INT(row_id)))
		return e->code;
	int rc = db_step(db, st, e);
	if (rc < 0)
		return e->code;
	char kind[8] = "admin";
	int64_t owner = 0;
	if (rc == SQLITE_ROW) {
		snprintf(kind, sizeof kind, "%s", (const char *)sqlite3_column_text(st, 0));
		owner = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (!strcmp(kind, "open"))
		return KE_OK;
	if (!strcmp(kind, "staff") && owner && scope_sees_staff(db, who, owner))
		return KE_OK;
	if (!strcmp(kind, "unit") && owner && who->role == ROLE_LEADER) {
		int64_t led = 0;
		st = db_stmt(db, SQL_LEADS_UNIT, e);
		if (!st || db_bind(db, st, e, KV_INT(who->staff_id), KV_INT(owner)))
			return e->code;
		if ((rc = db_step(db, st, e)) < 0)
			return e->code;
		led = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (led)
			return KE_OK;
	}
	return db_denied(e);
}

/* The exclusive id bound that the list position (after_key, after_id)
 * means. The key names one audit row (k); the row (k, id) itself comes
 * after the position when id is above after_id, as the list widget asks
 * when it reloads from (key, id - 1). */
static int64_t page_bound(const kpage *pg)
{
	if (!pg->after_key)
		return pg->backward ? 0 : INT64_MAX;
	int64_t k = INT64_MAX - strtoll(pg->after_key, NULL, 10);
	if (pg->backward)
		return k < pg->after_id ? k - 1 : k;
	return k > pg->after_id && k < INT64_MAX ? k + 1 : k;
}

kcode audit_list(kdb *db, const kactor *who, const char *tbl, int64_t row_id, const kpage *pg,
		 audit_rec **rows, int *n, kerr *e)
{
	*rows = NULL;
	*n = 0;
	if (tbl ? may_see(db, who, tbl, row_id, e) : who->role != ROLE_ADMIN ? db_denied(e) : KE_OK)
		return e->code;
	const char *sql = tbl ? (pg->backward ? SQL_ROW_BACK : SQL_ROW_FWD)
			      : (pg->backward ? SQL_ALL_BACK : SQL_ALL_FWD);
	sqlite3_stmt *st = db_stmt(db, sql, e);
	kcode c = st ? db_bind(db, st, e, KV_TEXT(tbl), KV_INT(tbl ? row_id : 0), KV_INT(page_bound(pg)), KV_INT(db_page_limit(pg)))
		     : e->code;
	return db_page_bound(db, st, c, pg, sizeof **rows, read_row, release_row, (void **)rows, n, e);
}

/* Which record an audit row is about. */
struct head { char *tbl; int64_t row_id; };

static int head_read(sqlite3_stmt *st, void *row)
{
	struct head *h = row;
	h->row_id = sqlite3_column_int64(st, 1);
	return (h->tbl = col_text(st, 0)) ? 0 : -1;
}

/* Replaces a stored code in *v by its name; -1 when out of memory. */
static int name_value(const char *tbl, const char *col, char **v)
{
	const char *name = column_value_name(tbl, col, *v);
	if (name == *v)
		return 0;
	char *copy = strdup(name);
	if (!copy)
		return -1;
	free(*v);
	*v = copy;
	return 0;
}

kcode audit_changes(kdb *db, const kactor *who, int64_t audit_id, audit_change **out, int *n, kerr *e)
{
	*out = NULL;
	*n = 0;
	struct head h;
	if (db_get_row(db, SQL_HEAD, audit_id, head_read, &h, sizeof h, _("No such audit record."), e))
		return e->code;
	kcode c = may_see(db, who, h.tbl, h.row_id, e);
	sqlite3_stmt *st = NULL;
	if (!c && (!(st = db_stmt(db, SQL_CHANGES, e)) ||
		   db_bind(db, st, e, KV_INT(audit_id), KV_INT(i18n_lang() == LANG_EN))))
		c = e->code;
	if (!c)
		c = db_rows_read(db, st, KE_OK, sizeof **out, 0, change_read, change_free, (void **)out, n, e);
	for (int i = 0; !c && i < *n; i++) {
		audit_change *ch = &(*out)[i];
		ch->label = column_label(h.tbl, ch->field);
		if (name_value(h.tbl, ch->field, &ch->old_value) || name_value(h.tbl, ch->field, &ch->new_value)) {
			audit_changes_free(*out, *n);
			*out = NULL;
			*n = 0;
			c = oom(e);
		}
	}
	free(h.tbl);
	return c;
}

kcode audit_admin_contacts(kdb *db, char **out, kerr *e)
{
	*out = NULL;
	sqlite3_stmt *st = db_stmt(db, SQL_ADMINS, e);
	if (!st)
		return e->code;
	size_t len = 0, cap = 256;
	char *buf = malloc(cap);
	if (!buf)
		return oom(e);
	buf[0] = '\0';
	int rc = 0;
	kcode c = KE_OK;
	while (!c && (rc = db_step(db, st, e)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *login = (const char *)sqlite3_column_text(st, 1);
		size_t need = len + strlen(name) + strlen(login) + 8;
		if (need > cap) {
			char *more = realloc(buf, cap = need * 2);
			if (!more) {
				c = oom(e);
				break;
			}
			buf = more;
		}
		len += (size_t)snprintf(buf + len, cap - len, "%s%s (%s)", len ? ", " : "", name, login);
	}
	sqlite3_reset(st);
	if (!c && rc < 0)
		c = e->code;
	if (c) {
		free(buf);
		return c;
	}
	*out = buf;
	return KE_OK;
}
