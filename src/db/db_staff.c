/* db_staff.c — the staff register; see db_staff.h. */
#include "db_staff.h"
#include "db_internal.h"
#include "i18n.h"
#include "text.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The staff table's columns, described once (db_internal.h: KF_*). */
#define STAFF_FIELDS(X, S) \
	X(login, KF_LOGIN, N_("Login"), LOGIN_MAX, 0, 0, KF_NULL0 | KF_PERSONAL, NULL, STR, "login", "brugernavn", "bruger") S \
	X(emp_no, KF_TEXT, N_("Employee number"), 20, 0, 0, KF_NULL0 | KF_PERSONAL, NULL, STR, "emp_no", "lonnummer", \
	  "medarbejdernummer", "medarbejdernr", "ma-nr") S \
	X(name, KF_TEXT, N_("Name"), 120, 0, 0, KF_REQUIRED | KF_PERSONAL, NULL, STR, "name", "navn") S \
	X(initials, KF_TEXT, N_("Initials"), 8, 0, 0, KF_REQUIRED | KF_PERSONAL, NULL, STR, "initials", "initialer") S \
	X(unit_id, KF_REF, N_("Unit"), 0, 0, 0, KF_REQUIRED, "unit", I64, "unit", "enhed", "afdeling") S \
	X(profession_id, KF_REF, N_("Profession"), 0, 0, 0, KF_NULL0, "profession", I64, "profession", "faggruppe") S \
	X(role, KF_ROLE, N_("Role"), 0, 0, 0, KF_REQUIRED, NULL, ROLE, "role", "rolle") S \
	X(title, KF_TEXT, N_("Title"), 120, 0, 0, KF_PERSONAL, NULL, STR, "title", "titel", "stilling", "stillingsbetegnelse") S \
	X(email, KF_EMAIL, N_("Email"), 200, 0, 0, KF_NULL0 | KF_PERSONAL, NULL, STR, "email", "e-mail", "mail") S \
	X(employed_from, KF_DATE, N_("Employed from"), 10, 0, 0, KF_NULL0 | KF_PERSONAL, NULL, BUF, "employed_from", \
	  "ansat fra", "ansat_fra", "ansaettelsesdato") S \
	X(employed_to, KF_DATE, N_("Employed until"), 10, 0, 0, KF_NULL0 | KF_PERSONAL, NULL, BUF, "employed_to", \
	  "ansat til", "ansat_til", "fratraedelsesdato") S \
	X(active, KF_BOOL, N_("Active"), 0, 0, 1, KF_NOFORM, NULL, INT, "active", "aktiv")

#define STAFF_KF(...) KF_ENTRY(staff_rec, __VA_ARGS__)
#define STAFF_SEL(...) KF_SEL("s", __VA_ARGS__)

static const kfield staff_fields[] = {
	STAFF_FIELDS(STAFF_KF, )
	{ "unit_name", KF_TEXT, N_("Unit"), 80, 0, 0, KF_VIEW, NULL, NULL, KS_STR, offsetof(staff_rec, unit_name), 0 },
	{ "profession_name", KF_TEXT, N_("Profession"), 80, 0, 0, KF_VIEW, NULL, NULL, KS_STR,
	  offsetof(staff_rec, profession_name), 0 },
	{ "sort_key", KF_TEXT, N_("Name"), 120, 0, 0, KF_VIEW | KF_NOFORM, NULL, NULL, KS_STR,
	  offsetof(staff_rec, sort_key), 0 },
};
const krecord kr_staff = { "staff", staff_fields, sizeof staff_fields / sizeof *staff_fields, sizeof(staff_rec) };

/* id and version, then the fields in the order of staff_fields. */
#define STAFF_COLS "s.id, s.version" STAFF_FIELDS(STAFF_SEL, ) ", un.name, coalesce(pr.name,''), s.sort_key"
#define STAFF_FROM \
	" FROM staff s JOIN unit un ON un.id = s.unit_id" \
	" LEFT JOIN profession pr ON pr.id = s.profession_id"
/* ?1 actor id, ?2 actor role, ?3 unit subtree, ?4 folded filter (when no
 * index serves it), ?5 include inactive, ?6/?7 keyset position, ?8 limit,
 * ?9 search-index query, ?10 which index (db_internal.h) */
#define STAFF_LIST_WITH SQL_LED_UNITS ", sub(id) AS (SELECT ?3 WHERE ?3 IS NOT NULL" \
	" UNION SELECT u.id FROM unit u JOIN sub ON u.parent_id = sub.id)"
#define STAFF_LIST_WHERE \
	" WHERE " SQL_SEES_STAFF("s") \
	" AND (?3 IS NULL OR s.unit_id IN sub)" \
	" AND (?4 IS NULL OR instr(s.fold, ?4) > 0)" \
	" AND (?5 OR s.active)"
/* One page, read the way staff_list_way chose: in list order,
 * or from the search hits or the scope, sorted ("+" keeps the planner
 * from walking the whole list in order instead). */
#define STAFF_PAGE(WHERE, CMP, KEY, DESC) STAFF_LIST_WITH " SELECT " STAFF_COLS STAFF_FROM \
	STAFF_LIST_WHERE WHERE " AND (s.sort_key, s.id) " CMP " (?6, ?7)" \
	" ORDER BY " KEY "s.sort_key" DESC ", " KEY "s.id" DESC " LIMIT ?8"
#define STAFF_ORDERED SQL_SEARCH_CHECK("s", "?9", "?10")
#define STAFF_FOUND " AND s.id IN " SQL_SEARCH_HITS("?9", "?10")
#define STAFF_SCOPED SQL_SEARCH_CHECK("s", "?9", "?10") SQL_SCOPE_ROWS("s")

static const char SQL_LIST_FWD[] = STAFF_PAGE(STAFF_ORDERED, ">", "", "");
static const char SQL_LIST_BACK[] = STAFF_PAGE(STAFF_ORDERED, "<", "", " DESC");
static const char SQL_FOUND_FWD[] = STAFF_PAGE(STAFF_FOUND, ">", "+", "");
static const char SQL_FOUND_BACK[] = STAFF_PAGE(STAFF_FOUND, "<", "+", " DESC");
static const char SQL_SCOPED_FWD[] = STAFF_PAGE(STAFF_SCOPED, ">", "+", "");
static const char SQL_SCOPED_BACK[] = STAFF_PAGE(STAFF_SCOPED, "<", "+", " DESC");
static const char SQL_GET[] = "SELECT " STAFF_COLS STAFF_FROM " WHERE s.id = ?";
static const char SQL_BY_LOGIN[] = "SELECT " STAFF_COLS STAFF_FROM " WHERE s.login = ?";
static const char SQL_JSON[] = "SELECT json_object(" STAFF_FIELDS(KF_JSON, ",") ") FROM staff WHERE id = ?";

KRECORD_FREE_FUNCS(staff_rec, kr_staff, staff_free, staff_rows_free, release_row)
static int read_row(sqlite3_stmt *st, void *row) { return krecord_read_row(&kr_staff, st, row); }

/* ---- the search index and the way to read a list ---- */

/* Deciding costs at most this many index entries: */
#define SCOPE_FEW 2000 /* staff in a leader's units read and sorted */
#define HITS_FEW 500   /* search hits read and sorted */

/* staff_words keeps no copy of the text, so a row leaves it by its old
 * text, which staff_search has. */
static const char SQL_SEARCH_UNWORD[] = "INSERT INTO staff_words(staff_words, rowid, fold)"
	" SELECT 'delete', rowid, fold FROM staff_search WHERE rowid = ?1";

/* A row that is new, or whose text changed. Only then: FTS5 must write out
 * what it holds before it takes a row id again, and one such write per row
 * made an import of 10 000 people three times as slow. */
kcode staff_search_put(kdb *db, int64_t id, const char *fold, kerr *e)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT fold FROM staff_search WHERE rowid = ?1", e);
	if (!st || db_bind(db, st, e, KV_INT(id)))
		return e->code;
	int rc = db_step(db, st, e);
	if (rc < 0)
		return e->code;
	const char *old = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	int known = rc == SQLITE_ROW, same = old && !strcmp(old, fold);
	sqlite3_reset(st);
	if (same)
		return KE_OK;
	static const char *const sql[] = {
		SQL_SEARCH_UNWORD,
		"DELETE FROM staff_search WHERE rowid = ?1",
		"INSERT INTO staff_search(rowid, fold) VALUES (?1, ?2)",
		"INSERT INTO staff_words(rowid, fold) VALUES (?1, ?2)",
	};
	for (size_t i = known ? 0 : 2; i < sizeof sql / sizeof *sql; i++) {
		if (!(st = db_stmt(db, sql[i], e)) || db_bind_prefix(db, st, e, KV_INT(id), KV_TEXT(fold)) || db_exec_stmt(db, st, e))
			return e->code;
	}
	return KE_OK;
}

kcode staff_search_fill(kdb *db, kerr *e)
{
	return db_exec(db, "DELETE FROM staff_search; INSERT INTO staff_words(staff_words) VALUES ('delete-all');"
			   " INSERT INTO staff_search(rowid, fold) SELECT id, fold FROM staff;"
			   " INSERT INTO staff_words(rowid, fold) SELECT id, fold FROM staff", e);
}

/* Rows of a count query (?1 actor or phrase, ?2 the most worth counting). */
static kcode count_upto(kdb *db, const char *sql, int64_t who, const char *phrase, int cap,
			int64_t *n, kerr *e)
{
	*n = 0;
	sqlite3_stmt *st = db_stmt(db, sql, e);
	kcode c = !st ? e->code : phrase ? db_bind(db, st, e, KV_TEXT(phrase), KV_INT(cap))
				 : db_bind(db, st, e, KV_INT(who), KV_INT(cap));
	return db_row_read(db, st, c, db_read_int64, n, NULL, e);
}

/* The folded filter as one FTS5 phrase: the trigram tokenizer then finds
 * it as a substring, as instr() does; with prefix, words starting so. */
static char *search_phrase(const char *fold, int prefix)
{
	size_t len = strlen(fold), k = 0;
	char *p = malloc(len * 2 + 5);
	if (!p)
		return NULL;
	p[k++] = '"';
	for (const char *s = fold; *s; s++) {
		if (*s == '"')
			p[k++] = '"';
		p[k++] = *s;
	}
	p[k++] = '"';
	if (prefix) {
		p[k++] = ' ';
		p[k++] = '*';
	}
	p[k] = '\0';
	return p;
}

/* One or two letters or digits (of the folded text), which staff_words'
 * prefixes serve; anything else under three letters is left to instr(). */
static int word_start(const char *fold)
{
	int n = text_cp_count(fold);
	if (n < 1 || n > 2)
		return 0;
	for (const unsigned char *s = (const unsigned char *)fold; *s; s++)
		if (*s < 0x80 && !((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
			return 0;
	return 1;
}

static kcode choose_way(kdb *db, const kactor *who, const char *fold, list_way *way, char **phrase,
			int *words, kerr *e)
{
	*way = LIST_ORDERED;
	*phrase = NULL;
	*words = fold && word_start(fold);
	if (fold && (*words || text_cp_count(fold) >= 3) && !(*phrase = search_phrase(fold, *words)))
		return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	int64_t n = 0;
	kcode c = KE_OK;
	if (who->role != ROLE_ADMIN) {
		c = count_upto(db, SQL_LED_UNITS " SELECT count(*) FROM (SELECT 1 FROM staff s"
			       " WHERE s.unit_id IN led LIMIT ?2)", who->staff_id, NULL, SCOPE_FEW, &n, e);
		if (!c && n < SCOPE_FEW) {
			*way = LIST_SCOPED;
			return KE_OK;
		}
	}
	if (!c && *phrase) {
		c = count_upto(db, *words ? "SELECT count(*) FROM (SELECT 1 FROM staff_words"
					    " WHERE staff_words MATCH ?1 LIMIT ?2)"
			       : "SELECT count(*) FROM (SELECT 1 FROM staff_search"
				 " WHERE staff_search MATCH ?1 LIMIT ?2)", 0, *phrase, HITS_FEW, &n, e);
		if (!c && n < HITS_FEW)
			*way = LIST_FOUND;
	}
	if (c) {
		free(*phrase);
		*phrase = NULL;
	}
	return c;
}

kcode staff_list_way(kdb *db, const kactor *who, const kpage *pg, list_search *s, kerr *e)
{
	memset(s, 0, sizeof *s);
	if (db_page_begin(pg, &s->fold, &s->key, &s->id, e))
		return e->code;
	if (choose_way(db, who, s->fold, &s->way, &s->phrase, &s->words, e)) {
		free(s->fold);
		s->fold = NULL;
		return e->code;
	}
	return KE_OK;
}

void list_search_free(list_search *s)
{
	free(s->fold);
	free(s->phrase);
}

kcode staff_list(kdb *db, const kactor *who, const kpage *pg, staff_rec **rows, int *n, kerr *e)
{
	*rows = NULL;
	*n = 0;
	list_search ls;
	if (staff_list_way(db, who, pg, &ls, e))
		return e->code;
	static const char *const sql[3][2] = {
		[LIST_ORDERED] = { SQL_LIST_FWD, SQL_LIST_BACK },
		[LIST_FOUND] = { SQL_FOUND_FWD, SQL_FOUND_BACK },
		[LIST_SCOPED] = { SQL_SCOPED_FWD, SQL_SCOPED_BACK },
	};
	sqlite3_stmt *st = db_stmt(db, sql[ls.way][pg->backward != 0], e);
	/* with the index's phrase, instr() has nothing left to do */
	kcode c = st ? db_bind_prefix(db, st, e, KV_INT(who->staff_id), KV_INT((int)who->role), KV_ID0(pg->unit_id),
			       KV_TEXT(ls.phrase ? NULL : ls.fold), KV_INT(pg->include_inactive), KV_TEXT(ls.key), KV_INT(ls.id),
			       KV_INT(db_page_limit(pg)), KV_TEXT(ls.phrase), KV_INT(ls.words)) : e->code;
	list_search_free(&ls);
	return db_page_bound(db, st, c, pg, sizeof **rows, read_row, release_row, (void **)rows, n, e);
}

static kcode get_one(kdb *db, const kactor *who, const char *sql, int64_t id, const char *login,
		     staff_rec *out, kerr *e)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(db, sql, e);
	kcode c = !st ? e->code : login ? db_bind(db, st, e, KV_TEXT(login)) : db_bind(db, st, e, KV_INT(id));
	if (db_row_read(db, st, c, read_row, out, _("No such staff member."), e))
		return e->code;
	if (!scope_sees_staff(db, who, out->id)) {
		staff_free(out);
		return db_denied(e);
	}
	return KE_OK;
}

kcode staff_get(kdb *db, const kactor *who, int64_t id, staff_rec *out, kerr *e)
{
	return get_one(db, who, SQL_GET, id, NULL, out, e);
}

kcode staff_find_login(kdb *db, const kactor *who, const char *login, staff_rec *out, kerr *e)
{
	char fold[LOGIN_MAX + 1] = "";
	if (login && login_fold(login, fold, sizeof fold)) {
		memset(out, 0, sizeof *out);
		return kerr_set(e, KE_NOTFOUND, "%s", _("No such staff member."));
	}
	return get_one(db, who, SQL_BY_LOGIN, 0, fold, out, e);
}

static kcode validate(const staff_rec *s, kerr *e)
{
	if (krecord_check(&kr_staff, s, e))
		return e->code;
	if (s->employed_from[0] && s->employed_to[0] && strcmp(s->employed_to, s->employed_from) < 0)
		return kerr_field(e, KE_INVALID, "employed_to", "%s", _("Employed until is before employed from."));
	return KE_OK;
}

/* The folded text that "/" searches: name, initials, title, unit, login. */
static char *fold_parts(const char *name, const char *initials, const char *title,
			const char *unit, const char *login)
{
	size_t len = strlen(name) + strlen(initials) + strlen(title) + strlen(unit) + strlen(login) + 8;
	char *raw = malloc(len);
	if (!raw)
		return NULL;
	snprintf(raw, len, "%s %s %s %s %s", name, initials, title, unit, login);
	char *fold = text_fold(raw);
	free(raw);
	return fold;
}

char *staff_fold_text(const char *name, const char *initials, const char *title,
		      const char *unit, const char *login)
{
	return fold_parts(name ? name : "", initials ? initials : "", title ? title : "",
			  unit ? unit : "", login ? login : "");
}

static char *search_text(kdb *db, const staff_rec *s, kerr *e)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT name FROM unit WHERE id = ?", e);
	if (!st || db_bind(db, st, e, KV_INT(s->unit_id)))
		return NULL;
	int rc = db_step(db, st, e);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			kerr_field(e, KE_INVALID, "unit_id", "%s", _("The chosen unit does not exist."));
		return NULL;
	}
	char *unit = col_text(st, 0);
	sqlite3_reset(st);
	char *fold = unit ? fold_parts(s->name, s->initials, s->title ? s->title : "", unit,
				      s->login ? s->login : "") : NULL;
	free(unit);
	if (!fold)
		kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	return fold;
}

struct refold { int64_t id; char *fold; };

static void refold_free(void *row)
{
	free(((struct refold *)row)->fold);
}

static DB_ROWS_FREE(refolds_free, struct refold, refold_free)

static int refold_read(sqlite3_stmt *st, void *row)
{
	struct refold *r = row;
	const char *col[5];
	for (int i = 0; i < 5; i++)
		col[i] = (const char *)sqlite3_column_text(st, i + 1);
	r->id = sqlite3_column_int64(st, 0);
	r->fold = fold_parts(col[0] ? col[0] : "", col[1] ? col[1] : "", col[2] ? col[2] : "",
			     col[3] ? col[3] : "", col[4] ? col[4] : "");
	return r->fold ? 0 : -1;
}

/* Reads every new fold first and writes afterwards, so no UPDATE runs while
 * the SELECT over the same rows is still stepping. */
static kcode refold_collect(kdb *db, int64_t unit_id, struct refold **out, int *n, kerr *e)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(db,
		"SELECT s.id, s.name, s.initials, s.title, u.name, coalesce(s.login,'')"
		" FROM staff s JOIN unit u ON u.id = s.unit_id WHERE s.unit_id = ?", e);
	if (!st || db_bind(db, st, e, KV_INT(unit_id)))
		return e->code;
	return db_rows_read(db, st, KE_OK, sizeof **out, 0, refold_read, refold_free, (void **)out, n, e);
}

kcode staff_refold_unit(kdb *db, int64_t unit_id, kerr *e)
{
	struct refold *r;
	int n;
	if (refold_collect(db, unit_id, &r, &n, e))
		return e->code;
	/* fold is derived data: no version bump, so nobody's open form conflicts */
	sqlite3_stmt *st = db_stmt(db, "UPDATE staff SET fold = ?1 WHERE id = ?2", e);
	kcode c = st ? KE_OK : e->code;
	for (int i = 0; !c && i < n; i++)
		if (!(c = db_bind(db, st, e, KV_TEXT(r[i].fold), KV_INT(r[i].id))) && !(c = db_exec_stmt(db, st, e)))
			c = staff_search_put(db, r[i].id, r[i].fold, e);
	refolds_free(r, n);
	return c;
}

static kcode unique_message(kdb *db, const staff_rec *s, kerr *e)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT name, CASE WHEN login = ?2 THEN 'login' ELSE 'emp_no' END FROM staff"
		" WHERE id <> ?1 AND (login = ?2 OR emp_no = ?3) LIMIT 1", e);
	if (!st || db_bind(db, st, e, KV_INT(s->id), KV_TEXT0(s->login), KV_TEXT0(s->emp_no)))
		return e->code;
	if (db_step(db, st, e) == SQLITE_ROW) {
		char name[128];
		snprintf(name, sizeof name, "%s", sqlite3_column_text(st, 0));
		int login = strcmp((const char *)sqlite3_column_text(st, 1), "login") == 0;
		sqlite3_reset(st);
		return login ? kerr_field(e, KE_EXISTS, "login", _("The login '%s' already belongs to %s."), s->login, name)
			     : kerr_field(e, KE_EXISTS, "emp_no", _("The employee number '%s' already belongs to %s."), s->emp_no, name);
	}
	sqlite3_reset(st);
	return KE_OK;
}

/* Checked in words: a missing profession would otherwise end as the bare
 * foreign-key message, which names nothing. */
static kcode check_profession(kdb *db, int64_t id, kerr *e)
{
	int64_t n = 1;
	if (id && db_scalar(db, "SELECT count(*) FROM profession WHERE id = ?", id, &n, e))
		return e->code;
	return n ? KE_OK : kerr_field(e, KE_INVALID, "profession_id", "%s", _("The chosen profession does not exist."));
}

/* Refuses a write that would leave no active administrator: the last one
 * demoted or deactivated leaves nobody who can undo it from the screen.
 * Checked inside the write's transaction, so each row of an import sees the
 * rows before it. stays_admin: the person is an active admin afterwards. */
static kcode keep_an_admin(kdb *db, int64_t id, int stays_admin, kerr *e)
{
	if (!id || stays_admin)
		return KE_OK;
	sqlite3_stmt *st = db_stmt(db, "SELECT name FROM staff WHERE id = ?1 AND role = 'admin' AND active"
				       " AND NOT EXISTS (SELECT 1 FROM staff WHERE role = 'admin' AND active AND id <> ?1)", e);
	if (!st || db_bind(db, st, e, KV_INT(id)))
		return e->code;
	int rc = db_step(db, st, e);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc < 0 ? e->code : KE_OK;
	}
	char name[128];
	snprintf(name, sizeof name, "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return kerr_set(e, KE_STATE, _("%s is the last active administrator; make someone else administrator first."),
			name);
}

static const char SQL_UPDATE[] = "UPDATE staff SET " STAFF_FIELDS(KF_SET, ",")
	", sort_key=?, fold=?, version=version+1 WHERE id=? AND version=?";
static const char SQL_INSERT[] = "INSERT INTO staff(" STAFF_FIELDS(KF_COL, ",") ", sort_key, fold)"
	" VALUES (" STAFF_FIELDS(KF_Q, ",") ", ?, ?)";

kcode staff_save(kdb *db, const kactor *who, staff_rec *s, kerr *e)
{
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	if (validate(s, e))
		return e->code;
	/* the login is kept folded, as the system gives it (login.h); the
	 * caller's record keeps what was typed */
	char login[LOGIN_MAX + 1] = "";
	if (s->login && login_fold(s->login, login, sizeof login))
		return kerr_field(e, KE_INVALID, "login", "%s", _("Login is not valid UTF-8 text."));
	staff_rec folded = *s;
	folded.login = s->login ? login : NULL;
	kwrite w = { "staff", SQL_JSON, s->id, s->id ? "update" : "create", s->id != 0, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	char *fold = NULL, *key = NULL;
	sqlite3_stmt *st = NULL;
	kcode c = unique_message(db, &folded, e);
	if (!c)
		c = keep_an_admin(db, s->id, s->role == ROLE_ADMIN && s->active, e);
	if (!c)
		c = check_profession(db, s->profession_id, e);
	if (!c && !(fold = search_text(db, &folded, e)))
		c = e->code;
	if (!c && !(key = text_sortkey(s->name)))
		c = kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	if (!c && !(st = db_stmt(db, s->id ? SQL_UPDATE : SQL_INSERT, e)))
		c = e->code;
	if (!c) {
		staff_rec row = folded; /* a new record starts active */
		row.active = s->id ? s->active : 1;
		c = db_bind_record(db, st, e, &kr_staff, &row, KV_TEXT(key), KV_TEXT(fold), KV_INT(s->id), KV_INT(s->version));
	}
	if (!c)
		c = db_exec_stmt(db, st, e);
	if (!c && !s->id)
		w.id = db_last_id(db);
	/* An update that met another's version changed nothing: leave the
	 * index, so that db_write_end still sees that nothing changed. */
	if (!c && (!s->id || db_changes(db) > 0))
		c = staff_search_put(db, w.id, fold, e);
	c = db_write_end(db, who, &w, c, e);
	free(fold);
	free(key);
	if (!c) {
		if (!s->id)
			s->active = 1;
		s->id = w.id;
		s->version++;
	}
	return c;
}

kcode staff_set_active(kdb *db, const kactor *who, int64_t id, int64_t version, int active, kerr *e)
{
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	kwrite w = { "staff", SQL_JSON, id, "update", 1, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	kcode c = active ? KE_OK : keep_an_admin(db, id, 0, e);
	sqlite3_stmt *st = c ? NULL : db_stmt(db, "UPDATE staff SET active=?1, version=version+1"
						  " WHERE id=?2 AND version=?3", e);
	if (!c)
		c = st ? db_bind(db, st, e, KV_INT(active), KV_INT(id), KV_INT(version)) : e->code;
	if (!c)
		c = db_exec_stmt(db, st, e);
	return db_write_end(db, who, &w, c, e);
}

kcode leaders_end(kdb *db, const kactor *who, sqlite3_stmt *st, const char *until, kerr *e)
{
	int64_t *ids = NULL;
	int n = 0, cap = 0, rc = 0;
	kcode c = KE_OK;
	/* ids first: the updates below must not run while this read steps */
	while ((rc = db_step(db, st, e)) == SQLITE_ROW) {
		if (n == cap) {
			int64_t *t = realloc(ids, (size_t)(cap = cap ? cap * 2 : 4) * sizeof *ids);
			if (!t) {
				c = db_nomem(e);
				break;
			}
			ids = t;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (!c && rc < 0)
		c = e->code;
	for (int i = 0; !c && i < n; i++) {
		st = db_stmt(db, "UPDATE unit_leader SET until = ?1, version = version + 1 WHERE id = ?2", e);
		c = st ? db_bind(db, st, e, KV_TEXT(until), KV_INT(ids[i])) : e->code;
		if (!c)
			c = db_audited_update(db, who, "unit_leader", SQL_UNIT_LEADER_JSON, ids[i], st, e);
	}
	free(ids);
	return c;
}

/* Inside the write: ends staff_id's leaderships still running after day
 * on day, each audited. A leadership that was to begin after the day never
 * begins: its until falls before its since, so it never counts
 * (SQL_LEADS_NOW). */
static kcode leader_end_all(kdb *db, const kactor *who, int64_t staff_id, const char *day, kerr *e)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id FROM unit_leader WHERE staff_id = ?1"
				       " AND (until IS NULL OR until > ?2)", e);
	if (!st || db_bind(db, st, e, KV_INT(staff_id), KV_TEXT(day)))
		return e->code;
	return leaders_end(db, who, st, day, e);
}

static const char SQL_LEAVING_SEATS[] = "SELECT count(*) FROM participation p"
	" JOIN session se ON se.id = p.session_id WHERE p.staff_id = ?1 AND se.starts > ?2"
	" AND p.status IN ('requested','approved','enrolled','waitlisted')";
static const char SQL_LEAVING_UNITS[] = "SELECT coalesce(group_concat(name, ', '), '') FROM (SELECT u.name"
	" FROM unit_leader l JOIN unit u ON u.id = l.unit_id WHERE l.staff_id = ?1"
	" AND (l.until IS NULL OR l.until > ?2) ORDER BY u.sort_key)";

kcode staff_leaving_get(kdb *db, const kactor *who, int64_t id, const char *last_day, staff_leaving *out, kerr *e)
{
	memset(out, 0, sizeof *out);
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	if (valid_date("employed_to", _("Last working day"), last_day, 1, e))
		return e->code;
	int64_t n = 0;
	sqlite3_stmt *st = db_stmt(db, SQL_LEAVING_SEATS, e);
	kcode c = st ? db_bind(db, st, e, KV_INT(id), KV_TEXT(last_day)) : e->code;
	if (db_row_read(db, st, c, db_read_int64, &n, NULL, e))
		return e->code;
	out->seats = (int)n;
	st = db_stmt(db, SQL_LEAVING_UNITS, e);
	c = st ? db_bind(db, st, e, KV_INT(id), KV_TEXT(last_day)) : e->code;
	return db_row_read(db, st, c, db_read_text, &out->units, NULL, e);
}

kcode staff_deactivate(kdb *db, const kactor *who, int64_t id, int64_t version, const char *last_day, kerr *e)
{
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	if (valid_date("employed_to", _("Last working day"), last_day, 1, e))
		return e->code;
	kwrite w = { "staff", SQL_JSON, id, "update", 0, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	/* 1 active, +2 when the day is before the first day employed */
	int64_t state = 0;
	sqlite3_stmt *st = db_stmt(db, "SELECT active + 2 * coalesce(employed_from > ?2, 0) FROM staff WHERE id = ?1", e);
	kcode c = st ? db_bind(db, st, e, KV_INT(id), KV_TEXT(last_day)) : e->code;
	c = db_row_read(db, st, c, db_read_int64, &state, _("No such staff member."), e);
	if (!c && !(state & 1))
		c = kerr_set(e, KE_STATE, "%s", _("The person is already deactivated."));
	if (!c && (state & 2))
		c = kerr_field(e, KE_INVALID, "employed_to", "%s", _("Employed until is before employed from."));
	if (!c)
		c = keep_an_admin(db, id, 0, e);
	if (!c && !(st = db_stmt(db, "UPDATE staff SET active = 0, employed_to = ?1, version = version + 1"
				     " WHERE id = ?2 AND version = ?3", e)))
		c = e->code;
	if (!c)
		c = db_bind(db, st, e, KV_TEXT(last_day), KV_INT(id), KV_INT(version));
	if (!c)
		c = db_exec_stmt(db, st, e);
	/* the version check must see the staff row's UPDATE, not the seats' */
	if (!c && db_changes(db) == 0)
		c = db_conflict(db, "staff", id, e);
	if (!c)
		c = part_cancel_after(db, who, id, last_day, e);
	if (!c)
		c = leader_end_all(db, who, id, last_day, e);
	return db_write_end(db, who, &w, c, e);
}

kcode staff_make_leader(kdb *db, const kactor *who, int64_t staff_id, kerr *e)
{
	sqlite3_stmt *st = db_stmt(db, "UPDATE staff SET role = 'leader', version = version + 1"
				       " WHERE id = ?1 AND role = 'employee'", e);
	if (!st || db_bind(db, st, e, KV_INT(staff_id)))
		return e->code;
	return db_audited_update(db, who, "staff", SQL_JSON, staff_id, st, e);
}
