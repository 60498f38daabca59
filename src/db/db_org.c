/* db_org.c — the organisation: units and their leaders, professions,
 * competence areas, focus areas and budgets; see db_org.h. Everyone reads
 * these (they fill the choice lists); only admin changes them. Returned
 * records own their strings: unit_free(), named_free() and the *_rows_free(). */
#include "db_org.h"
#include "db_internal.h"
#include "date.h"
#include "i18n.h"
#include "text.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room for a 120-character name in UTF-8. */
#define NAME_BUF 484

static kcode oom(kerr *e)
{
	return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
}

/* Steps a bound one-column query; *out is 0 when it gives no row. */
static kcode scalar_of(kdb *db, sqlite3_stmt *st, int64_t *out, kerr *e)
{
	*out = 0;
	return db_row_read(db, st, KE_OK, db_read_int64, out, NULL, e);
}

/* How many rows other than id hold value; sql is "SELECT count(*) FROM t
 * WHERE col = ?1 AND id <> ?2". For the unique names a save checks first,
 * so the refusal can name its field. */
static kcode count_others(kdb *db, const char *sql, const char *value, int64_t id, int64_t *n, kerr *e)
{
	sqlite3_stmt *st = db_stmt(db, sql, e);
	kcode c = st ? db_bind(db, st, e, KV_TEXT(value), KV_INT(id)) : e->code;
	return c ? c : scalar_of(db, st, n, e);
}

static kcode check_year(int year, kerr *e)
{
	if (year < 2000 || year > 2199)
		return kerr_field(e, KE_INVALID, "year", "%s", _("The year must be between 2000 and 2199."));
	return KE_OK;
}

/* The unit's name into buf; KE_NOTFOUND if there is no such unit. */
static kcode unit_name_of(kdb *db, int64_t id, char *buf, size_t size, kerr *e)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT name FROM unit WHERE id = ?", e);
	if (!st || db_bind(db, st, e, KV_INT(id)))
		return e->code;
	int rc = db_step(db, st, e);
	if (rc < 0)
		return e->code;
	if (rc == SQLITE_ROW)
		snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? KE_OK : kerr_set(e, KE_NOTFOUND, "%s", _("No such unit."));
}

/* Runs the bound INSERT (id == 0) or UPDATE of a save. */
static kcode run_save(kdb *db, kwrite *w, sqlite3_stmt *st, kcode c, int64_t id, kerr *e)
{
	if (!c)
		c = db_exec_stmt(db, st, e);
	if (!c && !id)
		w->id = db_last_id(db);
	return c;
}

/* Ends the audited write; on success the record gets its id and new version. */
static kcode finish_save(kdb *db, const kactor *who, kwrite *w, kcode c,
			 int64_t *id, int64_t *version, kerr *e)
{
	c = db_write_end(db, who, w, c, e);
	if (!c) {
		*id = w->id;
		(*version)++;
	}
	return c;
}

/* ---- filters (units, professions) ---- */

/* These tables have no folded column, so a filter is matched against the
 * sort key: the filter's primary weights (case and accents folded the
 * Danish way) found anywhere in the row's key. NULL *out: no filter.
 * With it, the page's position (db_page_start). */
static kcode filter_key(const kpage *pg, char **out, const char **key, int64_t *id, kerr *e)
{
	db_page_start(pg, key, id);
	*out = NULL;
	if (!pg->filter || !*pg->filter)
		return KE_OK;
	if (!(*out = text_sortkey(pg->filter)))
		return oom(e);
	char *tie = strchr(*out, '\x01'); /* the tie-break parts are not for matching */
	if (tie)
		*tie = '\0';
	return KE_OK;
}

/* ---- units ---- */

/* The unit table's columns, described once (db_internal.h: KF_*). The
 * kind is one of area, institution, team (unit_validate asks). */
#define UNIT_FIELDS(X, S) \
	X(parent_id, KF_REF, N_("Parent unit"), 0, 0, 0, KF_NULL0, "unit", I64, "parent", "overordnet enhed") S \
	X(name, KF_TEXT, N_("Name"), 120, 0, 0, KF_REQUIRED, NULL, STR, "name", "navn") S \
	X(kind, KF_TEXT, N_("Kind"), 11, 0, 0, 0, NULL, BUF, "kind", "type") S \
	X(active, KF_BOOL, N_("Active"), 0, 0, 1, KF_NOFORM, NULL, INT, "active", "aktiv")

#define UNIT_KF(...) KF_ENTRY(unit_rec, __VA_ARGS__)
#define UNIT_SEL(...) KF_SEL("u", __VA_ARGS__)

static const kfield unit_fields[] = {
	UNIT_FIELDS(UNIT_KF, )
	{ "depth", KF_INT, N_("Depth"), 0, 0, 100, KF_VIEW | KF_NOFORM, NULL, NULL, KS_INT, offsetof(unit_rec, depth), 0 },
	{ "leaders", KF_TEXT, N_("Leaders"), 4000, 0, 0, KF_VIEW | KF_NOFORM, NULL, NULL, KS_STR,
	  offsetof(unit_rec, leaders), 0 },
	{ "sort_key", KF_TEXT, N_("Name"), 120, 0, 0, KF_VIEW | KF_NOFORM, NULL, NULL, KS_STR,
	  offsetof(unit_rec, sort_key), 0 },
};
const krecord kr_unit = { "unit", unit_fields, sizeof unit_fields / sizeof *unit_fields, sizeof(unit_rec) };

/* id and version, then the fields in the order of unit_fields. depth walks
 * up the parents; the bound on d stops the walk should a damaged file ever
 * hold a loop. */
#define UNIT_COLS "u.id, u.version" UNIT_FIELDS(UNIT_SEL, ) "," \
	" (WITH RECURSIVE up(pid, d) AS (SELECT u.parent_id, 0 UNION ALL" \
	"  SELECT p.parent_id, up.d + 1 FROM unit p JOIN up ON p.id = up.pid WHERE up.d < 100)" \
	"  SELECT max(d) FROM up)," \
	" coalesce((SELECT group_concat(ln, ', ') FROM (SELECT s.name AS ln FROM unit_leader l" \
	"  JOIN staff s ON s.id = l.staff_id WHERE l.unit_id = u.id AND " SQL_LEADS_NOW("l") \
	"  ORDER BY s.sort_key, s.id)), '')," \
	" u.sort_key"
/* ?1 keyset key, ?2 keyset id, ?3 limit, ?4 unit subtree, ?5 include inactive,
 * ?6 filter key */
#define UNIT_LIST_WITH "WITH RECURSIVE sub(id) AS (SELECT ?4 WHERE ?4 IS NOT NULL" \
	" UNION SELECT c.id FROM unit c JOIN sub ON c.parent_id = sub.id)"
#define UNIT_LIST_WHERE " FROM unit u WHERE (?4 IS NULL OR u.id IN sub) AND (?5 OR u.active)" \
	" AND (?6 IS NULL OR instr(u.sort_key, ?6) > 0)"

static const char SQL_UNIT_FWD[] = UNIT_LIST_WITH " SELECT " UNIT_COLS UNIT_LIST_WHERE
	" AND (u.sort_key, u.id) > (?1, ?2) ORDER BY u.sort_key, u.id LIMIT ?3";
static const char SQL_UNIT_BACK[] = UNIT_LIST_WITH " SELECT " UNIT_COLS UNIT_LIST_WHERE
	" AND (u.sort_key, u.id) < (?1, ?2) ORDER BY u.sort_key DESC, u.id DESC LIMIT ?3";
static const char SQL_UNIT_GET[] = "SELECT " UNIT_COLS " FROM unit u WHERE u.id = ?";
static const char SQL_UNIT_JSON[] = "SELECT json_object(" UNIT_FIELDS(KF_JSON, ",") ") FROM unit WHERE id = ?";
static const char SQL_LEADER_JSON[] = SQL_UNIT_LEADER_JSON;

KRECORD_FREE_FUNCS(unit_rec, kr_unit, unit_free, unit_rows_free, unit_free_v)
static int read_unit(sqlite3_stmt *st, void *row) { return krecord_read_row(&kr_unit, st, row); }

kcode unit_list(kdb *db, const kactor *who, const kpage *pg, unit_rec **rows, int *n, kerr *e)
{
	(void)who; /* everyone may read the organisation */
	*rows = NULL;
	*n = 0;
	const char *key;
	int64_t id;
	char *filter;
	if (filter_key(pg, &filter, &key, &id, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db, pg->backward ? SQL_UNIT_BACK : SQL_UNIT_FWD, e);
	kcode c = st ? db_bind_prefix(db, st, e, KV_TEXT(key), KV_INT(id), KV_INT(db_page_limit(pg)), KV_ID0(pg->unit_id),
			       KV_INT(pg->include_inactive), KV_TEXT0(filter)) : e->code;
	free(filter);
	return db_page_bound(db, st, c, pg, sizeof **rows, read_unit, unit_free_v, (void **)rows, n, e);
}

kcode unit_get(kdb *db, const kactor *who, int64_t id, unit_rec *out, kerr *e)
{
	(void)who;
	return db_get_row(db, SQL_UNIT_GET, id, read_unit, out, sizeof *out, _("No such unit."), e);
}

kcode unit_find(kdb *db, const char *name, int64_t *id, kerr *e)
{
	*id = 0;
	sqlite3_stmt *st = db_stmt(db, "SELECT id FROM unit WHERE name = ?", e);
	if (!st || db_bind(db, st, e, KV_TEXT(name ? name : "")) || scalar_of(db, st, id, e))
		return e->code;
	if (!*id)
		return kerr_set(e, KE_NOTFOUND, _("No unit named '%s'."), name ? name : "");
	return KE_OK;
}

static kcode unit_validate(const unit_rec *u, kerr *e)
{
	if (krecord_check(&kr_unit, u, e))
		return e->code;
	if (strcmp(u->kind, "area") && strcmp(u->kind, "institution") && strcmp(u->kind, "team"))
		return kerr_field(e, KE_INVALID, "kind", "%s", _("Kind must be area, institution or team."));
	if (u->id && u->parent_id == u->id)
		return kerr_field(e, KE_INVALID, "parent_id", "%s", _("A unit cannot be placed below itself."));
	return KE_OK;
}

/* The checks that need the database, run inside the write so that nobody
 * changes the tree between check and save. */
static kcode unit_check_db(kdb *db, const unit_rec *u, int64_t *renamed, kerr *e)
{
	int64_t n = 0;
	sqlite3_stmt *st;
	if (count_others(db, "SELECT count(*) FROM unit WHERE name = ?1 AND id <> ?2", u->name, u->id, &n, e))
		return e->code;
	if (n)
		return kerr_field(e, KE_EXISTS, "name", _("There is already a unit named '%s'."), u->name);
	if (u->parent_id) {
		if (db_scalar(db, "SELECT count(*) FROM unit WHERE id = ?", u->parent_id, &n, e))
			return e->code;
		if (!n)
			return kerr_field(e, KE_INVALID, "parent_id", "%s", _("The chosen parent unit does not exist."));
	}
	*renamed = 0;
	if (!u->id)
		return KE_OK;
	if (u->parent_id) {
		st = db_stmt(db, "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION"
			     " SELECT c.id FROM unit c JOIN sub ON c.parent_id = sub.id)"
			     " SELECT ?2 IN sub", e);
		if (!st || db_bind(db, st, e, KV_INT(u->id), KV_INT(u->parent_id)) || scalar_of(db, st, &n, e))
			return e->code;
		if (n)
			return kerr_field(e, KE_INVALID, "parent_id", "%s", _("A unit cannot be placed below itself."));
	}
	st = db_stmt(db, "SELECT name IS NOT ?2 FROM unit WHERE id = ?1", e);
	if (!st || db_bind(db, st, e, KV_INT(u->id), KV_TEXT(u->name)) || scalar_of(db, st, renamed, e))
		return e->code;
	return KE_OK;
}

static const char SQL_UNIT_UPDATE[] = "UPDATE unit SET " UNIT_FIELDS(KF_SET, ",")
	", sort_key=?, version=version+1 WHERE id=? AND version=?";
static const char SQL_UNIT_INSERT[] = "INSERT INTO unit(" UNIT_FIELDS(KF_COL, ",") ", sort_key)"
	" VALUES (" UNIT_FIELDS(KF_Q, ",") ", ?)";

kcode unit_save(kdb *db, const kactor *who, unit_rec *u, kerr *e)
{
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	if (unit_validate(u, e))
		return e->code;
	char *key = text_sortkey(u->name);
	if (!key)
		return oom(e);
	int64_t was = u->id;
	kwrite w = { "unit", SQL_UNIT_JSON, u->id, u->id ? "update" : "create", u->id != 0, NULL };
	if (db_write_begin(db, &w, e)) {
		free(key);
		return e->code;
	}
	int64_t renamed = 0;
	sqlite3_stmt *st = NULL;
	kcode c = unit_check_db(db, u, &renamed, e);
	if (!c && !(st = db_stmt(db, u->id ? SQL_UNIT_UPDATE : SQL_UNIT_INSERT, e)))
		c = e->code;
	if (!c) {
		unit_rec row = *u; /* a new unit starts active */
		row.active = u->id ? u->active : 1;
		c = db_bind_record(db, st, e, &kr_unit, &row, KV_TEXT(key), KV_INT(u->id), KV_INT(u->version));
	}
	c = run_save(db, &w, st, c, u->id, e);
	/* The version check must see the unit's UPDATE, not the refold's. */
	if (!c && u->id && db_changes(db) == 0)
		c = db_conflict(db, "unit", u->id, e);
	w.checked = 0;
	/* The staff search text holds the unit name; refresh it in the same write. */
	if (!c && renamed)
		c = staff_refold_unit(db, u->id, e);
	c = finish_save(db, who, &w, c, &u->id, &u->version, e);
	if (c) {
		free(key);
		return c;
	}
	if (!was)
		u->active = 1;
	free(u->sort_key);
	u->sort_key = key;
	return KE_OK;
}

/* ---- leaders ---- */

/* Who is to lead a unit: whether they may. */
struct candidate { char name[NAME_BUF]; int active, leads; };

static int candidate_read(sqlite3_stmt *st, void *row)
{
	struct candidate *l = row;
	snprintf(l->name, sizeof l->name, "%s", (const char *)sqlite3_column_text(st, 0));
	l->active = sqlite3_column_int(st, 1);
	l->leads = sqlite3_column_int(st, 2);
	return 0;
}

static kcode leader_check(kdb *db, int64_t unit_id, int64_t staff_id, const char *until, kerr *e)
{
	char unit[NAME_BUF], name[NAME_BUF];
	if (unit_name_of(db, unit_id, unit, sizeof unit, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db, "SELECT name, active, EXISTS (SELECT 1 FROM unit_leader"
				       " WHERE unit_id = ?2 AND staff_id = ?1 AND until IS NULL)"
				       " FROM staff WHERE id = ?1", e);
	struct candidate l;
	kcode c = st ? db_bind(db, st, e, KV_INT(staff_id), KV_INT(unit_id)) : e->code;
	if (db_row_read(db, st, c, candidate_read, &l, _("No such staff member."), e))
		return e->code;
	if (!l.active)
		return kerr_field(e, KE_INVALID, "staff_id", _("%s is deactivated and cannot lead a unit."), l.name);
	if (l.leads)
		return kerr_field(e, KE_EXISTS, "staff_id", _("%s already leads %s."), l.name, unit);
	if (!until)
		return KE_OK;
	/* A handover cannot end a leadership before it began. */
	st = db_stmt(db, "SELECT s.name, l.since FROM unit_leader l JOIN staff s ON s.id = l.staff_id"
		     " WHERE l.unit_id = ?1 AND l.until IS NULL AND l.since > ?2 LIMIT 1", e);
	if (!st || db_bind(db, st, e, KV_INT(unit_id), KV_TEXT(until)))
		return e->code;
	int rc = db_step(db, st, e);
	if (rc < 0)
		return e->code;
	if (rc == SQLITE_ROW) {
		char since[11];
		snprintf(name, sizeof name, "%s", (const char *)sqlite3_column_text(st, 0));
		date_format((const char *)sqlite3_column_text(st, 1), since);
		sqlite3_reset(st);
		return kerr_field(e, KE_INVALID, "since", _("%s has led %s since %s; the new leader must start after that."),
				name, unit, since);
	}
	sqlite3_reset(st);
	return KE_OK;
}

/* Ends every current leadership of the unit on `until`, each audited. */
static kcode leaders_close(kdb *db, const kactor *who, int64_t unit_id, const char *until, kerr *e)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id FROM unit_leader WHERE unit_id = ? AND until IS NULL", e);
	if (!st || db_bind(db, st, e, KV_INT(unit_id)))
		return e->code;
	return leaders_end(db, who, st, until, e);
}

kcode unit_set_leader(kdb *db, const kactor *who, int64_t unit_id, int64_t staff_id,
		      const char *since, int replace, kerr *e)
{
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	if (valid_date("since", _("Leader from"), since, 1, e))
		return e->code;
	char until[11];
	if (replace && date_add_days(since, -1, until) != 0)
		return kerr_field(e, KE_INVALID, "since", _("%s is not a valid date (write it as 22-11-2026)."), _("Leader from"));
	kwrite w = { "unit_leader", SQL_LEADER_JSON, 0, "create", 0, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	sqlite3_stmt *st = NULL;
	kcode c = leader_check(db, unit_id, staff_id, replace ? until : NULL, e);
	if (!c && replace)
		c = leaders_close(db, who, unit_id, until, e);
	if (!c && !(st = db_stmt(db, "INSERT INTO unit_leader(unit_id, staff_id, since) VALUES (?1,?2,?3)", e)))
		c = e->code;
	if (!c && !(c = db_bind(db, st, e, KV_INT(unit_id), KV_INT(staff_id), KV_TEXT(since))) && !(c = db_exec_stmt(db, st, e)))
		w.id = db_last_id(db);
	if (!c)
		c = staff_make_leader(db, who, staff_id, e);
	return db_write_end(db, who, &w, c, e);
}

/* ---- professions, competence areas, focus areas ---- */

/* Every named list selects these ten columns, blanks where they do not apply:
 * id, version, name, code, name_da, name_en, pos, description, year, sort_key */
/* ?1/?2 keyset position, ?3 limit, ?4 filter key */
#define PROF_LIST "SELECT id, version, name, '', '', '', 0, '', 0, sort_key FROM profession" \
	" WHERE (?4 IS NULL OR instr(sort_key, ?4) > 0) AND "
static const char SQL_PROF_FWD[] = PROF_LIST
	"(sort_key, id) > (?1, ?2) ORDER BY sort_key, id LIMIT ?3";
static const char SQL_PROF_BACK[] = PROF_LIST
	"(sort_key, id) < (?1, ?2) ORDER BY sort_key DESC, id DESC LIMIT ?3";
static const char SQL_COMP_LIST[] = "SELECT id, version, CASE WHEN ?1 THEN name_en ELSE name_da END,"
	" code, name_da, name_en, pos, '', 0, '' FROM competence_area ORDER BY pos, id";
static const char SQL_FOCUS_LIST[] = "SELECT id, version, title, '', '', '', 0, description, year, ''"
	" FROM focus_area WHERE ?1 = 0 OR year = ?1";
static const char SQL_PROF_JSON[] = "SELECT json_object('name',name) FROM profession WHERE id = ?";
static const char SQL_COMP_JSON[] = "SELECT json_object('code',code,'name_da',name_da,"
	"'name_en',name_en,'pos',pos,'active',active) FROM competence_area WHERE id = ?";
static const char SQL_FOCUS_JSON[] = "SELECT json_object('year',year,'title',title,"
	"'description',description) FROM focus_area WHERE id = ?";

static const size_t named_texts[] = {
	offsetof(named_rec, name), offsetof(named_rec, code), offsetof(named_rec, name_da),
	offsetof(named_rec, name_en), offsetof(named_rec, description), offsetof(named_rec, sort_key),
};

DB_FREE_FUNCS(named_free, named_rows_free, named_rec, named_texts)

static int read_named(sqlite3_stmt *st, void *row)
{
	named_rec *r = row;
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->version = sqlite3_column_int64(st, 1);
	r->name = col_text(st, 2);
	r->code = col_text(st, 3);
	r->name_da = col_text(st, 4);
	r->name_en = col_text(st, 5);
	r->pos = sqlite3_column_int(st, 6);
	r->description = col_text(st, 7);
	r->year = sqlite3_column_int(st, 8);
	r->sort_key = col_text(st, 9);
	if (!r->name || !r->code || !r->name_da || !r->name_en || !r->description || !r->sort_key) {
		named_free(r);
		return -1;
	}
	return 0;
}

static void named_free_v(void *row) { named_free(row); }

kcode profession_list(kdb *db, const kactor *who, const kpage *pg, named_rec **rows, int *n, kerr *e)
{
	(void)who;
	*rows = NULL;
	*n = 0;
	const char *key;
	int64_t id;
	char *filter;
	if (filter_key(pg, &filter, &key, &id, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db, pg->backward ? SQL_PROF_BACK : SQL_PROF_FWD, e);
	kcode c = st ? db_bind(db, st, e, KV_TEXT(key), KV_INT(id), KV_INT(db_page_limit(pg)), KV_TEXT0(filter)) : e->code;
	free(filter);
	return db_page_bound(db, st, c, pg, sizeof **rows, read_named, named_free_v, (void **)rows, n, e);
}

kcode profession_get(kdb *db, const kactor *who, int64_t id, named_rec *out, kerr *e)
{
	(void)who; /* every login sees the professions */
	return db_get_row(db, "SELECT id, version, name, '', '', '', 0, '', 0, sort_key FROM profession WHERE id = ?",
			  id, read_named, out, sizeof *out, _("No such profession."), e);
}

/* All rows of a bound statement, in a growing array. */
static kcode read_all(kdb *db, sqlite3_stmt *st, named_rec **rows, int *n, kerr *e)
{
	return db_rows_read(db, st, KE_OK, sizeof **rows, 0, read_named, named_free_v, (void **)rows, n, e);
}

kcode competence_list(kdb *db, const kactor *who, named_rec **rows, int *n, kerr *e)
{
	(void)who;
	*rows = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(db, SQL_COMP_LIST, e);
	if (!st || db_bind(db, st, e, KV_INT(i18n_lang() == LANG_EN)))
		return e->code;
	return read_all(db, st, rows, n, e);
}

static int focus_cmp(const void *a, const void *b)
{
	const named_rec *x = a, *y = b;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	int d = strcmp(x->sort_key, y->sort_key);
	return d ? d : (x->id > y->id) - (x->id < y->id);
}

kcode focus_list(kdb *db, const kactor *who, int year, named_rec **rows, int *n, kerr *e)
{
	(void)who;
	*rows = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(db, SQL_FOCUS_LIST, e);
	named_rec *out;
	int got;
	if (!st || db_bind(db, st, e, KV_INT(year)) || read_all(db, st, &out, &got, e))
		return e->code;
	/* focus_area has no sort_key column; a year holds a handful of rows, so
	 * the Danish order is made here */
	for (int i = 0; i < got; i++) {
		char *key = text_sortkey(out[i].name);
		if (!key) {
			named_rows_free(out, got);
			return oom(e);
		}
		free(out[i].sort_key);
		out[i].sort_key = key;
	}
	if (got > 1)
		qsort(out, (size_t)got, sizeof *out, focus_cmp);
	*rows = out;
	*n = got;
	return KE_OK;
}

kcode profession_save(kdb *db, const kactor *who, named_rec *p, kerr *e)
{
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	if (valid_text("name", _("Name"), p->name, 1, 80, 0, e))
		return e->code;
	char *key = text_sortkey(p->name);
	if (!key)
		return oom(e);
	kwrite w = { "profession", SQL_PROF_JSON, p->id, p->id ? "update" : "create", p->id != 0, NULL };
	if (db_write_begin(db, &w, e)) {
		free(key);
		return e->code;
	}
	int64_t dup = 0;
	kcode c = count_others(db, "SELECT count(*) FROM profession WHERE name = ?1 AND id <> ?2", p->name, p->id,
			       &dup, e);
	if (!c && dup)
		c = kerr_field(e, KE_EXISTS, "name", _("There is already a profession named '%s'."), p->name);
	sqlite3_stmt *st = NULL;
	if (!c && !(st = p->id ? db_stmt(db, "UPDATE profession SET name=?1, sort_key=?2,"
					 " version=version+1 WHERE id=?3 AND version=?4", e)
			       : db_stmt(db, "INSERT INTO profession(name, sort_key) VALUES (?1,?2)", e)))
		c = e->code;
	if (!c)
		c = db_bind_prefix(db, st, e, KV_TEXT(p->name), KV_TEXT(key), KV_INT(p->id), KV_INT(p->version));
	c = finish_save(db, who, &w, run_save(db, &w, st, c, p->id, e), &p->id, &p->version, e);
	if (!c) {
		free(p->sort_key);
		p->sort_key = key;
		key = NULL;
	}
	free(key);
	return c;
}

static kcode competence_validate(const named_rec *r, kerr *e)
{
	if (valid_text("code", _("Code"), r->code, 1, 20, 0, e))
		return e->code;
	if (strspn(r->code, "abcdefghijklmnopqrstuvwxyz") != strlen(r->code))
		return kerr_field(e, KE_INVALID, "code", "%s", _("Code may only hold the letters a-z (at most 20)."));
	if (valid_text("name_da", _("Danish name"), r->name_da, 1, 80, 0, e) ||
	    valid_text("name_en", _("English name"), r->name_en, 1, 80, 0, e))
		return e->code;
	return KE_OK;
}

kcode competence_save(kdb *db, const kactor *who, named_rec *r, kerr *e)
{
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	if (competence_validate(r, e))
		return e->code;
	kwrite w = { "competence_area", SQL_COMP_JSON, r->id, r->id ? "update" : "create", r->id != 0, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	int64_t dup = 0;
	kcode c = count_others(db, "SELECT count(*) FROM competence_area WHERE code = ?1 AND id <> ?2", r->code,
			       r->id, &dup, e);
	if (!c && dup)
		c = kerr_field(e, KE_EXISTS, "code", _("There is already a competence area with the code '%s'."), r->code);
	sqlite3_stmt *st = NULL;
	/* pos 0 means "after the last" for a new area and "unchanged" for an old one */
	if (!c && !(st = r->id ? db_stmt(db,
			"UPDATE competence_area SET code=?1, name_da=?2, name_en=?3,"
			" pos=CASE WHEN ?4 > 0 THEN ?4 ELSE pos END, version=version+1"
			" WHERE id=?5 AND version=?6", e)
		     : db_stmt(db,
			"INSERT INTO competence_area(code, name_da, name_en, pos) VALUES (?1,?2,?3,"
			" CASE WHEN ?4 > 0 THEN ?4 ELSE (SELECT coalesce(max(pos),0) + 1 FROM competence_area) END)", e)))
		c = e->code;
	if (!c)
		c = db_bind_prefix(db, st, e, KV_TEXT(r->code), KV_TEXT(r->name_da), KV_TEXT(r->name_en), KV_INT(r->pos), KV_INT(r->id), KV_INT(r->version));
	c = finish_save(db, who, &w, run_save(db, &w, st, c, r->id, e), &r->id, &r->version, e);
	if (!c && r->pos <= 0) {
		int64_t pos = 0;
		if (db_scalar(db, "SELECT pos FROM competence_area WHERE id = ?", r->id, &pos, e))
			return e->code;
		r->pos = (int)pos;
	}
	return c;
}

kcode focus_save(kdb *db, const kactor *who, named_rec *f, kerr *e)
{
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	if (check_year(f->year, e) || valid_text("title", _("Title"), f->name, 1, 120, 0, e) ||
	    valid_text("description", _("Description"), f->description, 0, 2000, 1, e))
		return e->code;
	kwrite w = { "focus_area", SQL_FOCUS_JSON, f->id, f->id ? "update" : "create", f->id != 0, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT count(*) FROM focus_area WHERE year = ?1 AND title = ?2 AND id <> ?3", e);
	kcode c = st ? KE_OK : e->code;
	int64_t dup = 0;
	if (!c && !(c = db_bind(db, st, e, KV_INT(f->year), KV_TEXT(f->name), KV_INT(f->id))) && !(c = scalar_of(db, st, &dup, e)) && dup)
		c = kerr_field(e, KE_EXISTS, "title", _("There is already a focus area '%s' in %d."), f->name, f->year);
	if (!c && !(st = f->id ? db_stmt(db, "UPDATE focus_area SET year=?1, title=?2, description=?3,"
					 " version=version+1 WHERE id=?4 AND version=?5", e)
			       : db_stmt(db, "INSERT INTO focus_area(year, title, description) VALUES (?1,?2,?3)", e)))
		c = e->code;
	if (!c)
		c = db_bind_prefix(db, st, e, KV_INT(f->year), KV_TEXT(f->name), KV_TEXT(f->description ? f->description : ""),
			    KV_INT(f->id), KV_INT(f->version));
	return finish_save(db, who, &w, run_save(db, &w, st, c, f->id, e), &f->id, &f->version, e);
}

/* ---- budgets ---- */

static const char SQL_BUDGET_JSON[] = "SELECT json_object('unit_id',unit_id,'year',year,"
	"'amount',amount) FROM budget WHERE rowid = ?";

kcode budget_get(kdb *db, const kactor *who, int64_t unit_id, int year, int64_t *amount, kerr *e)
{
	*amount = 0;
	int64_t n = 0;
	if (who->role == ROLE_EMPLOYEE)
		return db_denied(e);
	if (who->role == ROLE_LEADER) {
		sqlite3_stmt *st = db_stmt(db, SQL_LED_UNITS " SELECT ?2 IN led", e);
		if (!st || db_bind(db, st, e, KV_INT(who->staff_id), KV_INT(unit_id)) || scalar_of(db, st, &n, e))
			return e->code;
		if (!n)
			return db_denied(e);
	}
	char unit[NAME_BUF];
	if (check_year(year, e) || unit_name_of(db, unit_id, unit, sizeof unit, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db, "SELECT amount FROM budget WHERE unit_id = ?1 AND year = ?2", e);
	if (!st || db_bind(db, st, e, KV_INT(unit_id), KV_INT(year)) || scalar_of(db, st, amount, e))
		return e->code;
	return KE_OK;
}

kcode budget_set(kdb *db, const kactor *who, int64_t unit_id, int year, int64_t amount, kerr *e)
{
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	if (check_year(year, e))
		return e->code;
	if (amount < 0 || amount > 1000000000)
		return kerr_field(e, KE_INVALID, "amount", "%s", _("A budget must be between 0 and 1000000000 kroner."));
	/* Whether this creates or updates is only known inside the write. */
	kwrite w = { "budget", SQL_BUDGET_JSON, 0, "create", 0, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	char unit[NAME_BUF];
	int64_t rowid = 0;
	kcode c = unit_name_of(db, unit_id, unit, sizeof unit, e);
	sqlite3_stmt *st = c ? NULL : db_stmt(db, "SELECT rowid FROM budget WHERE unit_id = ?1 AND year = ?2", e);
	if (!c && (!st || db_bind(db, st, e, KV_INT(unit_id), KV_INT(year)) || scalar_of(db, st, &rowid, e)))
		c = e->code;
	if (!c && rowid) {
		w.action = "update";
		w.id = rowid;
		c = db_row_json(db, SQL_BUDGET_JSON, rowid, &w.old, e);
	}
	if (!c && !(st = db_stmt(db, "INSERT INTO budget(unit_id, year, amount) VALUES (?1,?2,?3)"
				     " ON CONFLICT(unit_id, year) DO UPDATE SET amount = excluded.amount,"
				     " version = version + 1", e)))
		c = e->code;
	if (!c && !(c = db_bind(db, st, e, KV_INT(unit_id), KV_INT(year), KV_INT(amount))) && !(c = db_exec_stmt(db, st, e)) && !rowid)
		w.id = db_last_id(db);
	return db_write_end(db, who, &w, c, e);
}
