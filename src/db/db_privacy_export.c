/* db_privacy_export.c — see db_privacy_export.h. One walk over the map:
 * each table's rows_sql (SELECT *) with ?1 the staff id and ?2 the login;
 * then the audit rows about each row found, and those the person made. */
#include "db_privacy_export.h"
#include "db_internal.h"
#include "db_access.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void table_free(kptable *t)
{
	for (int i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	for (int i = 0; i < t->nrows * t->ncols; i++) {
		free(t->vals[i].text);
		free(t->vals[i].named);
	}
	free(t->cols);
	free(t->personal);
	free(t->vals);
	free(t->withheld);
	memset(t, 0, sizeof *t);
}

void pexport_free(kpexport *x)
{
	for (int i = 0; i < x->ntables; i++)
		table_free(&x->tables[i]);
	free(x->tables);
	memset(x, 0, sizeof *x);
}

const kptable *pexport_table(const kpexport *x, const char *name)
{
	for (int i = 0; i < x->ntables; i++)
		if (!strcmp(x->tables[i].map->table, name))
			return &x->tables[i];
	return NULL;
}

/* Takes the column names of st into t (the first time a row comes). */
static int take_cols(kptable *t, sqlite3_stmt *st)
{
	int n = sqlite3_column_count(st);
	t->cols = calloc((size_t)n ? (size_t)n : 1, sizeof *t->cols);
	t->personal = calloc((size_t)n ? (size_t)n : 1, sizeof *t->personal);
	if (!t->cols || !t->personal)
		return -1;
	t->ncols = n;
	for (int i = 0; i < n; i++) {
		const char *name = sqlite3_column_name(st, i);
		if (!(t->cols[i] = xstrdup(name ? name : "")))
			return -1;
		t->personal[i] = (signed char)privacy_column_personal(t->map, t->cols[i]);
	}
	return 0;
}

/* Appends the current row of st to t; -1 when out of memory. */
static int take_row(kptable *t, sqlite3_stmt *st, int withheld)
{
	if (!t->cols && take_cols(t, st))
		return -1;
	kpvalue *v = realloc(t->vals, (size_t)(t->nrows + 1) * (size_t)t->ncols * sizeof *v + 1);
	if (!v)
		return -1;
	t->vals = v;
	unsigned char *w = realloc(t->withheld, (size_t)t->nrows + 1);
	if (!w)
		return -1;
	t->withheld = w;
	kpvalue *row = &t->vals[t->nrows * t->ncols];
	memset(row, 0, (size_t)t->ncols * sizeof *row);
	t->withheld[t->nrows] = (unsigned char)withheld;
	t->nrows++;
	for (int i = 0; i < t->ncols; i++) {
		int type = sqlite3_column_type(st, i);
		/* withheld: the personal columns but the one naming the
		 * person themself (the audit's login) */
		if (type == SQLITE_NULL || (withheld && t->personal[i] == 1 && strcmp(t->cols[i], "login"))) {
			row[i].type = 'n';
			continue;
		}
		row[i].type = type == SQLITE_INTEGER ? 'i' : type == SQLITE_FLOAT ? 'r' : 't';
		if (!(row[i].text = col_text(st, i)))
			return -1;
	}
	return 0;
}

/* A growing set of audit ids. */
typedef struct idset {
	int64_t *v;
	int n, cap;
} idset;

static int idset_add(idset *s, int64_t id)
{
	if (s->n == s->cap) {
		int cap = s->cap ? s->cap * 2 : 64;
		int64_t *v = realloc(s->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = id;
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int idset_has(const idset *s, int64_t id)
{
	return s->n && bsearch(&id, s->v, (size_t)s->n, sizeof *s->v, cmp_id) != NULL;
}

/* Adds the ids st gives in column 0 (st prepared and bound: c). */
static kcode ids_read(kdb *db, sqlite3_stmt *st, kcode c, idset *s, kerr *e)
{
	if (c)
		return c;
	int rc;
	while ((rc = db_step(db, st, e)) == SQLITE_ROW)
		if (idset_add(s, sqlite3_column_int64(st, 0))) {
			sqlite3_reset(st);
			return db_nomem(e);
		}
	sqlite3_reset(st);
	return rc < 0 ? e->code : KE_OK;
}

/* The rows of one map line about the person. */
static kcode read_table(kdb *db, const kpexport *x, kptable *t, kerr *e)
{
	if (!t->map->rows_sql)
		return KE_OK;
	sqlite3_stmt *st = db_stmt(db, t->map->rows_sql, e);
	if (!st)
		return e->code;
	if (db_bind_prefix(db, st, e, KV_INT(x->staff_id), KV_TEXT(x->login)))
		return e->code;
	int rc;
	while ((rc = db_step(db, st, e)) == SQLITE_ROW)
		if (take_row(t, st, 0)) {
			sqlite3_reset(st);
			return db_nomem(e);
		}
	sqlite3_reset(st);
	return rc < 0 ? e->code : KE_OK;
}

/* The audit rows about each row the other tables found (about), and the
 * rows the person made (made, by the map's own link). */
static kcode read_audit(kdb *db, const kpexport *x, kptable *t, kerr *e)
{
	idset about = { 0 }, made = { 0 }, rowids = { 0 };
	kcode c = KE_OK;
	int n = 0;
	const kprivacy_table *map = privacy_tables(&n);
	for (int i = 0; i < n && !c; i++) {
		if (!map[i].ids_sql || (map[i].flags & KP_AUDIT) || !pexport_table(x, map[i].table))
			continue;
		rowids.n = 0;
		sqlite3_stmt *st = db_stmt(db, map[i].ids_sql, e);
		c = ids_read(db, st, st ? db_bind_prefix(db, st, e, KV_INT(x->staff_id), KV_TEXT(x->login)) : e->code,
			     &rowids, e);
		for (int r = 0; r < rowids.n && !c; r++) {
			sqlite3_stmt *a = db_stmt(db, "SELECT id FROM audit WHERE tbl = ?1 AND row_id = ?2", e);
			c = ids_read(db, a, a ? db_bind(db, a, e, KV_TEXT(map[i].table), KV_INT(rowids.v[r])) : e->code,
				     &about, e);
		}
	}
	if (!c) {
		sqlite3_stmt *st = db_stmt(db, t->map->ids_sql, e);
		c = ids_read(db, st, st ? db_bind_prefix(db, st, e, KV_INT(x->staff_id), KV_TEXT(x->login)) : e->code,
			     &made, e);
	}
	if (!c && about.n)
		qsort(about.v, (size_t)about.n, sizeof *about.v, cmp_id);
	if (!c) {
		rowids.n = 0;
		for (int i = 0; i < about.n && !c; i++)
			c = idset_add(&rowids, about.v[i]) ? db_nomem(e) : KE_OK;
		for (int i = 0; i < made.n && !c; i++)
			c = idset_add(&rowids, made.v[i]) ? db_nomem(e) : KE_OK;
		if (rowids.n)
			qsort(rowids.v, (size_t)rowids.n, sizeof *rowids.v, cmp_id);
	}
	for (int i = 0; i < rowids.n && !c; i++) {
		if (i && rowids.v[i] == rowids.v[i - 1])
			continue;
		sqlite3_stmt *st = db_stmt(db, "SELECT * FROM audit WHERE id = ?1", e);
		if (!st || db_bind(db, st, e, KV_INT(rowids.v[i]))) {
			c = e->code;
			break;
		}
		/* what the person did to someone else's record: that it was
		 * done, not the values, which are about the other person */
		int rc = db_step(db, st, e);
		if (rc == SQLITE_ROW && take_row(t, st, !idset_has(&about, rowids.v[i])))
			c = db_nomem(e);
		else if (rc < 0)
			c = e->code;
		sqlite3_reset(st);
	}
	free(about.v);
	free(made.v);
	free(rowids.v);
	return c;
}

/* How a reference reads, per table referred to: ?1 the id (?2 1 for
 * English names). Other references stay numbers. */
static const struct { const char *table, *sql; } namers[] = {
	{ "staff", "SELECT name FROM staff WHERE id = ?1 AND ?2 IN (0, 1)" },
	{ "unit", "SELECT name FROM unit WHERE id = ?1 AND ?2 IN (0, 1)" },
	{ "profession", "SELECT name FROM profession WHERE id = ?1 AND ?2 IN (0, 1)" },
	{ "competence_area", "SELECT CASE ?2 WHEN 1 THEN name_en ELSE name_da END FROM competence_area WHERE id = ?1" },
	{ "focus_area", "SELECT title || ' (' || year || ')' FROM focus_area WHERE id = ?1 AND ?2 IN (0, 1)" },
	{ "session", "SELECT a.title || ', ' || s.starts FROM session s JOIN activity a ON a.id = s.activity_id"
		     " WHERE s.id = ?1 AND ?2 IN (0, 1)" },
};

/* Names the references of t's rows (its foreign keys, as the schema says). */
static kcode name_refs(kdb *db, kptable *t, kerr *e)
{
	sqlite3_stmt *fk = db_stmt(db, "SELECT \"table\" FROM pragma_foreign_key_list(?1) WHERE \"from\" = ?2", e);
	if (!fk)
		return e->code;
	for (int c = 0; c < t->ncols; c++) {
		char *to = NULL;
		kcode k = db_row_read(db, fk, db_bind(db, fk, e, KV_TEXT(t->map->table), KV_TEXT(t->cols[c])),
				      db_read_text, &to, NULL, e);
		if (k)
			return k;
		const char *sql = NULL;
		for (size_t n = 0; to && n < sizeof namers / sizeof *namers; n++)
			if (!strcmp(namers[n].table, to))
				sql = namers[n].sql;
		free(to);
		for (int r = 0; sql && r < t->nrows; r++) {
			kpvalue *v = &t->vals[r * t->ncols + c];
			if (v->type != 'i')
				continue;
			sqlite3_stmt *st = db_stmt(db, sql, e);
			k = db_row_read(db, st, st ? db_bind(db, st, e, KV_INT(atoll(v->text)),
							       KV_INT(i18n_lang() == LANG_EN)) : e->code,
					db_read_text, &v->named, NULL, e);
			if (k)
				return k;
		}
	}
	return KE_OK;
}

static int read_person(sqlite3_stmt *st, void *out)
{
	kpexport *x = out;
	x->staff_id = sqlite3_column_int64(st, 0);
	const char *name = (const char *)sqlite3_column_text(st, 1);
	snprintf(x->name, sizeof x->name, "%s", name ? name : "");
	return 0;
}

static kcode read_all(kdb *db, kpexport *x, kerr *e)
{
	int n = 0;
	const kprivacy_table *map = privacy_tables(&n);
	x->tables = calloc((size_t)n, sizeof *x->tables);
	if (!x->tables)
		return db_nomem(e);
	const kprivacy_table *audit = NULL;
	for (int i = 0; i < n; i++) {
		int there = privacy_table_exists(db, map[i].table, e);
		if (there < 0)
			return e->code;
		if (!there || !map[i].rows_sql)
			continue;
		kptable *t = &x->tables[x->ntables++];
		t->map = &map[i];
		if (map[i].flags & KP_AUDIT)
			audit = &map[i];
		else if (read_table(db, x, t, e) || name_refs(db, t, e))
			return e->code;
	}
	/* the audit last, once every other table's rows are known */
	for (int i = 0; audit && i < x->ntables; i++)
		if (x->tables[i].map == audit)
			return read_audit(db, x, &x->tables[i], e);
	return KE_OK;
}

kcode pexport_read(kdb *db, const kactor *who, const char *login, kpexport *out, kerr *e)
{
	memset(out, 0, sizeof *out);
	if (login_fold(login, out->login, sizeof out->login))
		return kerr_set(e, KE_NOTFOUND, _("No staff member has the login %s."), login);
	sqlite3_stmt *st = db_stmt(db, "SELECT id, name FROM staff WHERE login = ?1", e);
	kcode c = db_row_read(db, st, st ? db_bind(db, st, e, KV_TEXT(out->login)) : e->code, read_person, out,
			      NULL, e);
	if (c)
		return c;
	if (!out->staff_id)
		return kerr_set(e, KE_NOTFOUND, _("No staff member has the login %s."), out->login);
	/* a leader reads their staff's plans, but what kup holds about a
	 * person as a whole is given to that person, or by an admin */
	if (who->role != ROLE_ADMIN && who->staff_id != out->staff_id)
		return kerr_set(e, KE_DENIED, "%s", _("Only an administrator may export what kup holds about someone else; you may export your own."));
	snprintf(out->made_by, sizeof out->made_by, "%s", who->login);
	time_t now = time(NULL);
	struct tm tm;
	if (now == (time_t)-1 || !gmtime_r(&now, &tm) ||
	    !strftime(out->made_at, sizeof out->made_at, "%Y-%m-%d %H:%M:%S", &tm))
		return kerr_set(e, KE_IO, "%s", _("Could not read the clock."));
	/* one snapshot, so the tables agree with each other */
	int own_tx = sqlite3_get_autocommit(db->h);
	if (own_tx && db_exec(db, "BEGIN", e))
		return e->code;
	c = read_all(db, out, e);
	kerr scratch = { 0 };
	if (own_tx && db_exec(db, "COMMIT", c ? &scratch : e) && !c)
		c = e->code;
	if (c)
		pexport_free(out);
	else
		access_log_note(db, who, out->staff_id, ACC_EXPORT); /* nothing for one's own */
	return c;
}
