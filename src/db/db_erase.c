/* db_erase.c — erasing a person who has left; see db_erase.h.
 *
 * Which rows are the person's comes from the personal-data map
 * (db_privacy.c): its ids_sql finds them (also for the audit, which
 * redacts the rows about them), and erase_lines below say, per table of
 * the map that holds personal columns, how those columns are emptied;
 * test_erase.c fails when a table of the map has personal columns and no
 * line here. The anonymising updates are not audited one by one (their old
 * values would put the person back into the audit): the erasure is one
 * audit row. secure_delete makes SQLite zero what it frees, the search
 * indexes are merged so no old segment keeps the name, and the WAL is
 * checkpointed to nothing afterwards. */
#include "db_erase.h"
#include "db_internal.h"
#include "db_privacy.h"
#include "db_staff.h"
#include "date.h"
#include "i18n.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The statements that empty one table's personal columns for a person.
 * Their parameters (db_bind_prefix): ?1 staff id, ?2 login (NULL when
 * none), ?3 the anonymous name, ?4 its sort key, ?5 its folded form, ?6 the
 * person's name as it was. A NULL sql: done in code (the search indexes,
 * by staff_search_put) or by the audit's redaction. */
static const struct erase_line {
	const char *table;
	const char *sql;
	int optional; /* the table may be missing (made by a later schema step) */
} erase_lines[] = {
	{ "staff", "UPDATE staff SET name = ?3, initials = '—', login = NULL, emp_no = NULL, email = NULL,"
		   " title = '', employed_from = NULL, employed_to = NULL, sort_key = ?4, fold = ?5,"
		   " version = version + 1 WHERE id = ?1", 0 },
	{ "staff_search", NULL, 0 },
	{ "staff_words", NULL, 0 },
	{ "plan", "UPDATE plan SET notes = '', evaluation = '', version = version + 1 WHERE staff_id = ?1", 0 },
	{ "goal", "UPDATE goal SET what = '" ERASE_MARK "', why = '', criteria = '', result = '',"
		  " version = version + 1 WHERE plan_id IN (SELECT id FROM plan WHERE staff_id = ?1)", 0 },
	{ "participation", "UPDATE participation SET note = '', reason = CASE WHEN reason = '' THEN ''"
			   " ELSE '" ERASE_MARK "' END, version = version + 1 WHERE staff_id = ?1", 0 },
	{ "followup", "UPDATE followup SET learned = '', practice = '', shared_with = '', leader_comment = '',"
		      " action = '', version = version + 1"
		      " WHERE participation_id IN (SELECT id FROM participation WHERE staff_id = ?1)", 0 },
	{ "followup_colleague", "UPDATE followup_colleague SET seen = '', own_use = '', reason = CASE"
				" WHEN reason = '' THEN '' ELSE '" ERASE_MARK "' END, version = version + 1"
				" WHERE staff_id = ?1 OR followup_id IN (SELECT f.id FROM followup f"
				" JOIN participation p ON p.id = f.participation_id WHERE p.staff_id = ?1)", 0 },
	/* the person's own drafts, and anyone's draft that names them (a
	 * leader's half-written evaluation of their plan) */
	{ "form_draft", "DELETE FROM form_draft WHERE login = ?2"
			" OR (length(?6) >= 5 AND (instr(title, ?6) > 0 OR instr(data, ?6) > 0))", 0 },
	/* who read the person's records goes with them; where they were the
	 * reader, the row is the other person's (who looked at my plan) and
	 * keeps the reader's id, now an anonymous person, but not the login */
	{ "access_log", "DELETE FROM access_log WHERE subject_id = ?1", 1 },
	{ "access_log", "UPDATE access_log SET reader = '" ERASE_MARK "' WHERE reader_id = ?1 OR reader = ?2", 1 },
	{ "audit", NULL, 0 },
};

#define NLINES (sizeof erase_lines / sizeof *erase_lines)

/* An audit value with every text in it replaced by the marker: ids,
 * amounts, yes/no and lists of ids stay, so the history still links
 * records. Exactly what the audit's trigger lets through. */
#define SQL_REDACT(X) \
	"CASE WHEN " X " IS NULL THEN NULL ELSE (SELECT json_group_object(key, CASE type" \
	" WHEN 'text' THEN '" ERASE_MARK "' WHEN 'true' THEN json('true') WHEN 'false' THEN json('false')" \
	" WHEN 'array' THEN json(value) WHEN 'object' THEN json(value) ELSE value END) FROM json_each(" X ")) END"

/* The audit rows that hold the person's data: those about the rows the map
 * finds (erase_row, filled first), about their deleted plans,
 * participations, goals and colleague parts (traced through the values the
 * delete kept), and any whose values name them: their name anywhere in a
 * text (when it is long enough not to be part of other words), their
 * login, e-mail or employee number as a whole value (a short login is
 * part of many words). ?1 staff id, ?2 login,
 * ?3 name, ?4 email, ?5 employee number (each NULL when none). */
static const char SQL_MARK_VALUES[] =
	"INSERT OR IGNORE INTO audit_redaction(audit_id) SELECT a.id FROM audit a"
	" WHERE EXISTS (SELECT 1 FROM temp.erase_row r WHERE r.tbl = a.tbl AND r.id = a.row_id)"
	" OR (a.tbl IN ('plan', 'participation', 'followup_colleague')"
	"  AND coalesce(json_extract(a.old, '$.staff_id'), json_extract(a.new, '$.staff_id')) = ?1)"
	" OR (a.tbl = 'goal' AND coalesce(json_extract(a.old, '$.plan_id'), json_extract(a.new, '$.plan_id'))"
	"  IN (SELECT id FROM temp.erase_row WHERE tbl = 'plan'))"
	" OR (a.tbl = 'followup' AND coalesce(json_extract(a.old, '$.participation_id'),"
	"  json_extract(a.new, '$.participation_id')) IN (SELECT id FROM temp.erase_row WHERE tbl = 'participation'))"
	" OR (length(?3) >= 5 AND (instr(a.old, ?3) > 0 OR instr(a.new, ?3) > 0))"
	" OR (?2 IS NOT NULL AND (instr(a.old, json_quote(?2)) > 0 OR instr(a.new, json_quote(?2)) > 0))"
	" OR (?4 IS NOT NULL AND (instr(a.old, json_quote(?4)) > 0 OR instr(a.new, json_quote(?4)) > 0))"
	" OR (?5 IS NOT NULL AND (instr(a.old, json_quote(?5)) > 0 OR instr(a.new, json_quote(?5)) > 0))";
static const char SQL_REDACT_VALUES[] = "UPDATE audit SET old = " SQL_REDACT("old") ", new = " SQL_REDACT("new")
	" WHERE id IN (SELECT audit_id FROM audit_redaction)";
/* The changes the person made keep what changed (that is about others)
 * but no longer who: the login goes. ?1 login. */
static const char SQL_MARK_LOGIN[] =
	"INSERT OR IGNORE INTO audit_redaction(audit_id) SELECT id FROM audit WHERE login = ?1";
static const char SQL_REDACT_LOGIN[] = "UPDATE audit SET login = '" ERASE_MARK "'"
	" WHERE id IN (SELECT audit_id FROM audit_redaction) AND login = ?1";
static const char SQL_UNMARK[] = "DELETE FROM audit_redaction";

/* Erased already: the erasure's own audit row. ?1 staff id. */
#define SQL_ERASED(ID) \
	"EXISTS (SELECT 1 FROM audit WHERE tbl = 'staff' AND row_id = " ID " AND action = 'update'" \
	" AND old IS NULL AND json_extract(new, '$.erased') IS NOT NULL)"
static const char SQL_STATE[] = "SELECT name, coalesce(login, ''), coalesce(email, ''), coalesce(emp_no, ''),"
	" active, coalesce(employed_to, ''), " SQL_ERASED("?1") " FROM staff WHERE id = ?1";
/* ?1 today, ?2 years */
static const char SQL_DUE[] = "SELECT s.id, s.name, coalesce(s.login, ''), s.employed_to FROM staff s"
	" WHERE NOT s.active AND s.employed_to IS NOT NULL AND s.employed_to <= date(?1, '-' || ?2 || ' years')"
	" ORDER BY s.employed_to, s.id";

struct person {
	char *name, *login, *email, *emp_no, *employed_to;
	int active, erased;
};

static void person_free(struct person *p)
{
	free(p->name);
	free(p->login);
	free(p->email);
	free(p->emp_no);
	free(p->employed_to);
}

static int person_read(sqlite3_stmt *st, void *out)
{
	struct person *p = out;
	p->name = col_text(st, 0);
	p->login = col_text(st, 1);
	p->email = col_text(st, 2);
	p->emp_no = col_text(st, 3);
	p->employed_to = col_text(st, 5);
	p->active = sqlite3_column_int(st, 4);
	p->erased = sqlite3_column_int(st, 6);
	if (!p->name || !p->login || !p->email || !p->emp_no || !p->employed_to) {
		person_free(p);
		return -1;
	}
	return 0;
}

static kcode person_get(kdb *db, int64_t id, struct person *p, kerr *e)
{
	return db_get_row(db, SQL_STATE, id, person_read, p, sizeof *p, _("There is no such staff member."), e);
}

static kcode refusal(const struct person *p, const char *today, kerr *e)
{
	if (p->erased)
		return kerr_set(e, KE_STATE, "%s", _("This person has been erased already."));
	if (p->active)
		return kerr_set(e, KE_STATE,
				_("%s is active staff and cannot be erased: record them as having left first (active = 0, employed until a day that has passed)."),
				p->name);
	if (*p->employed_to && strcmp(p->employed_to, today) > 0) {
		char shown[11];
		date_format(p->employed_to, shown);
		return kerr_set(e, KE_STATE, _("%s is employed until %s and cannot be erased before then."), p->name,
				shown);
	}
	return KE_OK;
}

kcode erase_check(kdb *db, const kactor *who, int64_t staff_id, const char *today, kerr *e)
{
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	struct person p;
	if (person_get(db, staff_id, &p, e))
		return e->code;
	kcode c = refusal(&p, today, e);
	person_free(&p);
	return c;
}

/* Runs a statement of parameters taken from the shared list v. */
static kcode run(kdb *db, const char *sql, const kval *v, size_t n, kerr *e)
{
	sqlite3_stmt *st = db_stmt(db, sql, e);
	if (!st || db_bind_head(db, st, e, v, n))
		return e->code;
	return db_exec_stmt(db, st, e);
}

/* Notes in temp.erase_row every row the map finds for the person. */
static kcode note_rows(kdb *db, int64_t id, const char *login, kerr *e)
{
	int n;
	const kprivacy_table *map = privacy_tables(&n);
	if (db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS erase_row (tbl TEXT NOT NULL, id INTEGER NOT NULL,"
			" PRIMARY KEY (tbl, id)) WITHOUT ROWID; DELETE FROM temp.erase_row", e))
		return e->code;
	sqlite3_stmt *ins = db_stmt(db, "INSERT OR IGNORE INTO temp.erase_row(tbl, id) VALUES (?1, ?2)", e);
	if (!ins)
		return e->code;
	for (int i = 0; i < n; i++) {
		const kprivacy_table *t = &map[i];
		/* no rows_sql: a contentless index, which cannot be read (its
		 * rows are the staff row's, by id) */
		if (!t->ids_sql || !t->rows_sql || t->flags & KP_AUDIT)
			continue;
		if (t->flags & KP_OPTIONAL) {
			int has = privacy_table_exists(db, t->table, e);
			if (has < 0)
				return e->code;
			if (!has)
				continue;
		}
		sqlite3_stmt *st = db_stmt(db, t->ids_sql, e);
		if (!st || db_bind_prefix(db, st, e, KV_INT(id), KV_TEXT0(login)))
			return e->code;
		int rc;
		while ((rc = db_step(db, st, e)) == SQLITE_ROW) {
			int64_t row = sqlite3_column_int64(st, 0);
			if (db_bind(db, ins, e, KV_TEXT(t->table), KV_INT(row)) || db_exec_stmt(db, ins, e)) {
				sqlite3_reset(st);
				return e->code;
			}
		}
		sqlite3_reset(st);
		if (rc < 0)
			return e->code;
	}
	return KE_OK;
}

static kcode redact_audit(kdb *db, const struct person *p, int64_t id, kerr *e)
{
	kval v[] = { KV_INT(id), KV_TEXT0(p->login), KV_TEXT0(p->name), KV_TEXT0(p->email), KV_TEXT0(p->emp_no) };
	kval l[] = { KV_TEXT0(p->login) };
	if (run(db, SQL_UNMARK, v, 0, e) || run(db, SQL_MARK_VALUES, v, 5, e) || run(db, SQL_REDACT_VALUES, v, 0, e) ||
	    run(db, SQL_UNMARK, v, 0, e))
		return e->code;
	if (*p->login && (run(db, SQL_MARK_LOGIN, l, 1, e) || run(db, SQL_REDACT_LOGIN, l, 1, e) ||
			  run(db, SQL_UNMARK, v, 0, e)))
		return e->code;
	return KE_OK;
}

static kcode erase_rows(kdb *db, const struct person *p, int64_t id, kerr *e)
{
	char name[64];
	snprintf(name, sizeof name, "Slettet person #%lld", (long long)id); /* untranslated: stored, like the data */
	char *key = text_sortkey(name), *fold = text_fold(name);
	kcode c = KE_OK;
	if (!key || !fold)
		c = kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	if (!c)
		c = note_rows(db, id, p->login, e);
	if (!c)
		c = redact_audit(db, p, id, e);
	kval v[] = { KV_INT(id), KV_TEXT0(p->login), KV_TEXT(name), KV_TEXT(key), KV_TEXT(fold), KV_TEXT(p->name) };
	for (size_t i = 0; !c && i < NLINES; i++) {
		const struct erase_line *l = &erase_lines[i];
		int has = l->optional ? privacy_table_exists(db, l->table, e) : 1;
		if (has < 0)
			c = e->code;
		else if (has && l->sql)
			c = run(db, l->sql, v, sizeof v / sizeof *v, e);
	}
	if (!c)
		c = staff_search_put(db, id, fold, e);
	/* merged, the indexes keep no old segment with the name in it */
	if (!c)
		c = db_exec(db, "INSERT INTO staff_search(staff_search) VALUES ('optimize');"
				" INSERT INTO staff_words(staff_words) VALUES ('optimize');"
				" DELETE FROM temp.erase_row", e);
	free(key);
	free(fold);
	return c;
}

kcode erase_person(kdb *db, const kactor *who, int64_t staff_id, const char *rule, const char *today, kerr *e)
{
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	size_t len = strlen(rule);
	if (len == 0 || len > 100 || strspn(rule, "abcdefghijklmnopqrstuvwxyz0123456789_=") != len)
		return kerr_set(e, KE_INVALID, "%s", _("The erasure's rule may hold only letters, digits, '_' and '='."));
	int64_t was_secure = 0;
	if (db_scalar(db, "PRAGMA secure_delete", 0, &was_secure, e) || db_exec(db, "PRAGMA secure_delete = ON", e))
		return e->code;
	struct person p;
	kcode c = db_begin(db, e);
	if (!c) {
		c = person_get(db, staff_id, &p, e);
		if (!c) {
			c = refusal(&p, today, e);
			if (!c)
				c = erase_rows(db, &p, staff_id, e);
			person_free(&p);
		}
		char json[140];
		snprintf(json, sizeof json, "{\"erased\":\"%s\"}", rule); /* untranslated: JSON for the audit */
		if (!c)
			c = db_audit(db, who, "staff", staff_id, "update", NULL, json, e);
		if (!c)
			c = db_commit(db, e);
		else
			db_rollback(db);
	}
	int64_t busy = 0;
	/* the WAL held the pages as they were: copy them home and empty it */
	if (!c && !(c = db_scalar(db, "PRAGMA wal_checkpoint(TRUNCATE)", 0, &busy, e)))
		kerr_set(e, KE_OK, "%s",
			 busy ? _("Erased. Someone else has the database open, so its WAL file still holds the erased data until they close it.")
			      : _("Erased."));
	kerr restore = { 0 };
	if (db_exec(db, was_secure ? "PRAGMA secure_delete = ON" : "PRAGMA secure_delete = OFF", &restore) && !c)
		c = kerr_set(e, restore.code, "%s", restore.msg);
	return c;
}

static int due_read(sqlite3_stmt *st, void *out)
{
	erase_due_rec *r = out;
	r->staff_id = sqlite3_column_int64(st, 0);
	r->name = col_text(st, 1);
	r->login = col_text(st, 2);
	snprintf(r->employed_to, sizeof r->employed_to, "%s", (const char *)sqlite3_column_text(st, 3));
	if (!r->name || !r->login) {
		free(r->name);
		free(r->login);
		return -1;
	}
	return 0;
}

static void due_free_one(erase_due_rec *r)
{
	free(r->name);
	free(r->login);
}

static void due_release(void *row)
{
	due_free_one(row);
}

DB_ROWS_FREE(erase_due_free, erase_due_rec, due_free_one)

kcode erase_due(kdb *db, const kactor *who, int years, const char *today, erase_due_rec **rows, int *n, kerr *e)
{
	*rows = NULL;
	*n = 0;
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	sqlite3_stmt *st = db_stmt(db, SQL_DUE, e);
	kcode c = st ? db_bind(db, st, e, KV_TEXT(today), KV_INT(years)) : e->code;
	return db_rows_read(db, st, c, sizeof **rows, 0, due_read, due_release, (void **)rows, n, e);
}

int erase_covers(const char *table)
{
	for (size_t i = 0; i < NLINES; i++)
		if (!strcmp(erase_lines[i].table, table))
			return 1;
	return 0;
}
