/* db_internal.h — shared by the db_*.c files only: the statement wrapper.
 * Statements come from a per-connection cache (keyed by the SQL literal's
 * address), are always reset after use so no read snapshot outlives a call,
 * and every failure goes through db_fail() into a kerr. */
#ifndef KUP_DB_INTERNAL_H
#define KUP_DB_INTERNAL_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include "db.h"
#include "db_fields.h"
#include "db_valid.h"

struct kdb_cached { const char *sql; sqlite3_stmt *st; };

struct kdb {
	sqlite3 *h;
	char *path;
	int readonly;
	int in_tx;
	char ro_why[600];      /* why readonly: for the message when saving */
	int64_t data_version; /* last PRAGMA data_version seen by db_changed */
	unsigned rng;         /* jitter of the busy wait */
	long long busy_since; /* ms; when the current wait for a lock began */
	int busy_step;        /* inside db_step: its start is the wait's start */
	/* Open addressing, at most half full; grows, never evicts (see db_stmt). */
	struct kdb_cached *cache;
	size_t ncache, cache_cap;
	/* the access log's notes (db_access.c), NULL until the first; it sets
	 * access_close, which db_close calls to write and free them (a hook,
	 * as db_access.c calls db.c) */
	struct kaccess *access;
	void (*access_close)(kdb *db);
};

/* Prepared statement for sql (a string literal), ready to bind. NULL on error.
 * It stays valid until db_close, so a caller may hold one while others are
 * prepared. */
sqlite3_stmt *db_stmt(kdb *db, const char *sql, kerr *e);
/* One value to bind, typed so the compiler checks each argument. Build it
 * with the constructors: KV_INT (any integer), KV_TEXT (NULL binds NULL),
 * KV_TEXT0 ("" binds NULL), KV_ID0 (0 binds NULL: an optional reference),
 * KV_REAL, KV_REAL0 (negative binds NULL: an unknown amount). */
typedef struct kval {
	char kind; /* 'i' integer, 't' text, 'd' real, 'n' NULL */
	union { int64_t i; const char *s; double d; };
} kval;
static inline kval kv_int(int64_t i) { return (kval){ .kind = 'i', .i = i }; }
static inline kval kv_text(const char *s) { return s ? (kval){ .kind = 't', .s = s } : (kval){ .kind = 'n' }; }
static inline kval kv_text0(const char *s) { return s && *s ? kv_text(s) : (kval){ .kind = 'n' }; }
static inline kval kv_id0(int64_t i) { return i ? kv_int(i) : (kval){ .kind = 'n' }; }
static inline kval kv_real(double d) { return (kval){ .kind = 'd', .d = d }; }
static inline kval kv_real0(double d) { return d >= 0 ? kv_real(d) : (kval){ .kind = 'n' }; }
#define KV_INT(x) kv_int(x)
#define KV_TEXT(s) kv_text(s)
#define KV_TEXT0(s) kv_text0(s)
#define KV_ID0(x) kv_id0(x)
#define KV_REAL(d) kv_real(d)
#define KV_REAL0(d) kv_real0(d)
/* Binds v[0..n-1] to parameters 1..n of st. The count must be the
 * statement's parameter count exactly: a value too many or too few is a
 * programming error, refused with KE_DB rather than run half-bound. */
kcode db_bind_vals(kdb *db, sqlite3_stmt *st, kerr *e, const kval *v, size_t n);
/* db_bind(db, st, e, KV_INT(id), KV_TEXT(name), ...): the values as an
 * array, counted by the compiler (sizeof does not evaluate them twice). */
#define db_bind(db, st, e, ...) \
	db_bind_vals((db), (st), (e), (const kval[]){ __VA_ARGS__ }, \
		     sizeof((const kval[]){ __VA_ARGS__ }) / sizeof(kval))
/* For statements that take a leading part of one shared list of numbered
 * parameters: an INSERT whose values an UPDATE repeats before its id and
 * version, or the forward, backward and counting queries of one list,
 * where each uses the ?N it needs. Binds the first
 * sqlite3_bind_parameter_count(st) values; more than given is refused. */
kcode db_bind_head(kdb *db, sqlite3_stmt *st, kerr *e, const kval *v, size_t n);
#define db_bind_prefix(db, st, e, ...) \
	db_bind_head((db), (st), (e), (const kval[]){ __VA_ARGS__ }, \
		     sizeof((const kval[]){ __VA_ARGS__ }) / sizeof(kval))
/* Record descriptions (db_fields.h) as X-macro lists, one per kind:
 * LIST(X, S) expands X(col, kind, label, maxlen, min, max, flags, ref,
 * store, import headings...) per table column, S between two. From one
 * list come, at compile time, the column list of a SELECT (KF_SEL), the
 * audit's json_object (KF_JSON; a literal, as the statement cache keys on
 * its address), an UPDATE's SET list (KF_SET) and an INSERT's columns and
 * places (KF_COL, KF_Q); and the runtime table (KF_ENTRY). */
#define KF_ENTRY(T, col, kind, label, maxlen, min, max, flags, ref, store, ...) \
	{ #col, kind, label, maxlen, min, max, flags, ref, (const char *const[]){ __VA_ARGS__, NULL }, \
	  KS_##store, offsetof(T, col), sizeof(((T *)0)->col) },
#define KF_SEL(A, col, kind, label, maxlen, min, max, flags, ref, store, ...) KF_SEL_##store(A, #col)
#define KF_SEL_STR(A, c) ", coalesce(" A "." c ",'')"
#define KF_SEL_BUF(A, c) ", coalesce(" A "." c ",'')"
#define KF_SEL_I64(A, c) ", coalesce(" A "." c ",0)"
#define KF_SEL_INT(A, c) ", " A "." c
#define KF_SEL_ROLE(A, c) ", " A "." c
#define KF_SEL_DBL(A, c) ", coalesce(" A "." c ",-1)"
#define KF_JSON(col, ...) "'" #col "'," #col
#define KF_SET(col, ...) #col "=?"
#define KF_COL(col, ...) #col
#define KF_Q(col, ...) "?"
/* For a kind described by kr: defines its public FREE(T *) and
 * ROWS_FREE(T *, int n), and RELEASE(void *), the static one-row free
 * that db_rows_read and db_page_bound take; all through krecord_free. */
#define KRECORD_FREE_FUNCS(T, kr, FREE, ROWS_FREE, RELEASE) \
	void FREE(T *rec) { krecord_free(&(kr), rec); } \
	void ROWS_FREE(T *rows, int n) { krecord_rows_free(&(kr), rows, n); } \
	static void RELEASE(void *row) { krecord_free(&(kr), row); }
/* Reads the fields of r into rec from columns col, col+1, ... of st;
 * -1 when out of memory (rec then holds what was read: krecord_free). */
int krecord_read(const krecord *r, sqlite3_stmt *st, int col, void *rec);
/* A whole row: id and version from columns 0 and 1, the fields from 2 on;
 * rec is zeroed first, and freed again when out of memory (-1). */
int krecord_read_row(const krecord *r, sqlite3_stmt *st, void *rec);
/* The values of rec's table columns (not KF_VIEW) in order, as they are
 * stored (KF_NULL0: "" and 0 as NULL); returns how many were put in v. */
size_t krecord_vals(const krecord *r, const void *rec, kval *v);
/* Binds rec's table columns (krecord_vals) and then the values after them
 * (sort key, id, version, ...): the leading part an INSERT takes, or all of
 * an UPDATE made with KF_SET. On the stack: no allocation per row. */
#define KF_MAX_COLS 48
kcode db_bind_rec(kdb *db, sqlite3_stmt *st, kerr *e, const krecord *r, const void *rec, const kval *tail,
		  size_t ntail);
#define db_bind_record(db, st, e, r, rec, ...) \
	db_bind_rec((db), (st), (e), (r), (rec), (const kval[]){ __VA_ARGS__ }, \
		    sizeof((const kval[]){ __VA_ARGS__ }) / sizeof(kval))

/* Reads the one row of sql (bound to id) into out with read; KE_NOTFOUND
 * with the message notfound when there is none. out is zeroed first
 * (size bytes), so a caller may free it whatever the result. */
kcode db_get_row(kdb *db, const char *sql, int64_t id, int (*read)(sqlite3_stmt *st, void *row),
		 void *out, size_t size, const char *notfound, kerr *e);

/* Steps once; returns SQLITE_ROW, SQLITE_DONE, or -1 with e set. */
int db_step(kdb *db, sqlite3_stmt *st, kerr *e);
/* Runs a statement that returns no rows; resets it. */
kcode db_exec_stmt(kdb *db, sqlite3_stmt *st, kerr *e);
/* Turns an SQLite result code into a kerr. */
kcode db_fail(kdb *db, int rc, kerr *e);
kcode db_exec(kdb *db, const char *sql, kerr *e);

/* Short write transactions: BEGIN IMMEDIATE ... COMMIT. */
kcode db_begin(kdb *db, kerr *e);
kcode db_commit(kdb *db, kerr *e);
void db_rollback(kdb *db);

/* Column helpers returning malloc'd copies ("" for NULL); NULL only on OOM. */
char *col_text(sqlite3_stmt *st, int i);
char *xstrdup(const char *s);

/* Steps the bound statement st once and reads its row into out with read
 * (-1: out of memory, having freed what it read); st is reset. c is the
 * result of preparing and binding st, as for db_rows_read. No row:
 * KE_NOTFOUND with the message notfound, or, when notfound is NULL, KE_OK
 * with out as it was (so the caller sets the value meaning "none"). */
kcode db_row_read(kdb *db, sqlite3_stmt *st, kcode c, int (*read)(sqlite3_stmt *st, void *row), void *out,
		  const char *notfound, kerr *e);
/* Readers for db_row_read of column 0: into an int64_t, into a malloc'd
 * char * ("" for NULL). */
int db_read_int64(sqlite3_stmt *st, void *out);
int db_read_text(sqlite3_stmt *st, void *out);
/* One integer from a single-row query with up to one int64 parameter
 * (0 when there is no row). */
kcode db_scalar(kdb *db, const char *sql, int64_t p, int64_t *out, kerr *e);

/* Appends an audit record for table row `id`; rowjson is "SELECT json_object(...)
 * FROM tbl WHERE id=?". old may be NULL (create); for delete pass is_delete. */
kcode db_row_json(kdb *db, const char *rowjson_sql, int64_t id, char **out, kerr *e);
kcode db_audit(kdb *db, const kactor *who, const char *tbl, int64_t id,
	       const char *action, const char *old, const char *new_, kerr *e);

/* A follow-up's values as the audit keeps them (db_part.c makes the row,
 * db_followup.c changes it). */
#define SQL_FOLLOWUP_JSON "SELECT json_object('participation_id',participation_id,'due',due," \
	"'learned',learned,'practice',practice,'shared_with',shared_with," \
	"'leader_comment',leader_comment,'done_at',done_at,'done_by',done_by,'shared_via',shared_via," \
	"'written_at',written_at,'action',action,'action_date',action_date)" \
	" FROM followup WHERE id = ?"
/* SQL: the state of follow-up alias F ('due', 'written', 'closed'), and
 * the day the step now waiting falls due: the person's on the due date,
 * the leader's close_weeks after it was written but never before the due
 * date (NULL once closed). */
#define SQL_FU_STATE(F) "(CASE WHEN " F ".done_at IS NOT NULL THEN 'closed'" \
	" WHEN " F ".written_at IS NOT NULL THEN 'written' ELSE 'due' END)"
/* SQL condition: the waiting step of open follow-up alias F is due before
 * DAY (an SQL date expression): the same as STEP_DUE < DAY, but compared
 * to dates the statement works out once, not per row (date() per row made
 * the follow-up report a third slower). */
#define SQL_FU_LATE(F, DAY) "(" F ".done_at IS NULL AND " F ".due < " DAY " AND (" F ".written_at IS NULL" \
	" OR " F ".written_at < date(" DAY ", '-' || coalesce((SELECT weeks * 7 FROM followup_setting" \
	" WHERE key = 'close_weeks'), 14) || ' days')))"
#define SQL_FU_STEP_DUE(F) "(CASE WHEN " F ".done_at IS NOT NULL THEN NULL" \
	" WHEN " F ".written_at IS NULL THEN " F ".due ELSE max(" F ".due, date(" F ".written_at, '+' ||" \
	" coalesce((SELECT weeks * 7 FROM followup_setting WHERE key = 'close_weeks'), 14) || ' days')) END)"
/* Inside an open write: inserts session s (validated; the activity must
 * exist) and audits it; *id is the new row (db_activity.c). */
struct session_rec;
kcode session_insert(kdb *db, const kactor *who, const struct session_rec *s, int64_t *id, kerr *e);
/* A small table of weeks per key (method_followup, followup_setting), its
 * statements written out (db_cycle.c): get (?1 key, ?2 default: weeks,
 * version), insert (?1 key, ?2 default; OR IGNORE), rowid (?1 key), update
 * (?1 weeks, ?2 rowid, ?3 version), json (the audit's values by rowid),
 * unreadable (N_(): the message when the row cannot be read). */
typedef struct kweeks_table {
	const char *tbl, *get_sql, *insert_sql, *rowid_sql, *update_sql, *json_sql, *unreadable;
} kweeks_table;
kcode db_weeks_get(kdb *db, const kweeks_table *t, const char *key, int def, int *weeks, int64_t *version,
		   kerr *e);
/* Admin checks are the caller's; version 0: the row did not exist when read. */
kcode db_weeks_set(kdb *db, const kactor *who, const kweeks_table *t, const char *key, int def, int weeks,
		   int64_t version, kerr *e);

/* KE_NOMEM with the standard message; today's date (ISO) or KE_IO. */
kcode db_nomem(kerr *e);
kcode db_today(char out[11], kerr *e);

/* One audited write. db_write_begin opens the transaction and, for an
 * existing row, keeps its old values; the caller runs its statement(s);
 * db_write_end checks the version hit (w->checked: an UPDATE ... AND
 * version=? must have changed a row), records the audit row and commits —
 * or rolls back if c is not KE_OK. For a new row set w->id before the end. */
typedef struct kwrite {
	const char *tbl;
	const char *json_sql; /* "SELECT json_object(...) FROM tbl WHERE id=?" */
	int64_t id;
	const char *action;   /* "create", "update", "delete" */
	int checked;
	char *old;
} kwrite;
kcode db_write_begin(kdb *db, kwrite *w, kerr *e);
kcode db_write_end(kdb *db, const kactor *who, kwrite *w, kcode c, kerr *e);
/* Inside an open write: runs st (bound, an UPDATE of row id of tbl) and
 * audits it with the row's values before and after. A statement that
 * changed nothing is not audited. For the extra rows one write touches. */
kcode db_audited_update(kdb *db, const kactor *who, const char *tbl, const char *json_sql,
			int64_t id, sqlite3_stmt *st, kerr *e);

/* Staff helpers for other modules (db_staff.c), inside an open write:
 * recompute the search text of every staff member of a unit (after the unit
 * is renamed), and make an employee a leader (audited). */
kcode staff_refold_unit(kdb *db, int64_t unit_id, kerr *e);
kcode staff_make_leader(kdb *db, const kactor *who, int64_t staff_id, kerr *e);
/* The folded text a staff search matches (name, initials, title, unit name,
 * login), for writers that insert staff rows themselves (db_demo.c).
 * malloc'd; NULL when out of memory. */
char *staff_fold_text(const char *name, const char *initials, const char *title,
		      const char *unit, const char *login);

/* db_staff.c: the search indexes over staff.fold (share/schema.sql:
 * staff_search, trigrams; staff_words, word prefixes) are kept by the
 * code that writes fold, since with trusted_schema off no trigger may write
 * to them: staff_search_put after writing one row's fold, staff_search_fill
 * after loading rows in bulk. */
kcode staff_search_put(kdb *db, int64_t id, const char *fold, kerr *e);
kcode staff_search_fill(kdb *db, kerr *e);
/* Lists in staff order (staff, plans) read their page one of three ways,
 * whichever reads few rows for this actor and filter: LIST_ORDERED walks
 * the staff in order testing each (admins, large scopes, common text);
 * LIST_FOUND starts from the search index's hits (few hits); LIST_SCOPED
 * from the actor's own record and led units (employees, leaders of a few
 * thousand at most). staff_list_way fills s for page pg: its position
 * (db_page_begin), the folded filter, the way, and with a filter, phrase,
 * the index query (NULL when the filter is left to instr()) and words,
 * which index it is for, to bind where SQL_SEARCH_HITS / SQL_SEARCH_CHECK
 * say. Three letters or more are found anywhere; one or two letters at
 * the start of a word. On success the caller frees s (list_search_free). */
typedef enum { LIST_ORDERED, LIST_FOUND, LIST_SCOPED } list_way;
typedef struct list_search {
	list_way way;
	const char *key;
	int64_t id;
	char *fold, *phrase;
	int words;
} list_search;
kcode staff_list_way(kdb *db, const kactor *who, const kpage *pg, list_search *s, kerr *e);
void list_search_free(list_search *s);
#define SQL_SEARCH_HITS(P, W) "(SELECT rowid FROM staff_search WHERE " W " = 0 AND staff_search MATCH " P \
	" UNION ALL SELECT rowid FROM staff_words WHERE " W " = 1 AND staff_words MATCH " P ")"
/* The condition for LIST_ORDERED and LIST_SCOPED (P may be NULL). */
#define SQL_SEARCH_CHECK(X, P, W) " AND (" P " IS NULL OR +" X ".id IN " SQL_SEARCH_HITS(P, W) ")"
/* The extra condition of LIST_SCOPED: implied by SQL_SEES_STAFF for
 * non-admins, written so that the planner can use it (needs led). */
#define SQL_SCOPE_ROWS(X) " AND (" X ".id = ?1 OR " X ".unit_id IN led)"

/* After an UPDATE ... WHERE id=? AND version=? changed nothing: NOTFOUND if
 * the row is gone, else CONFLICT naming who changed it last, and when. */
kcode db_conflict(kdb *db, const char *tbl, int64_t id, kerr *e);
/* Refuses text with control characters (multi-line fields may hold \n). */
kcode db_check_text(const char *label, const char *s, int required, int maxlen, int multiline, kerr *e);
kcode db_check_date(const char *label, const char *iso, int required, kerr *e);
/* Denial with the standard message. */
kcode db_denied(kerr *e);
int64_t db_changes(kdb *db);
int64_t db_last_id(kdb *db);

/* Scope of the actor: does who see staff member sid / unit uid? */
int scope_sees_staff(kdb *db, const kactor *who, int64_t sid);
int scope_leads_staff(kdb *db, const kactor *who, int64_t sid);

/* SQL condition: leadership row alias L counts today, from its since to
 * its until, both days included (until NULL: open-ended). A leader named
 * from next month does not see the unit before then; one who left keeps it
 * to the last working day. kup_today() is today's date as date_today()
 * gives it (KUP_TODAY in tests), registered on every connection (db_open). */
#define SQL_LEADS_NOW(L) \
	"(" L ".since <= kup_today() AND (" L ".until IS NULL OR " L ".until >= kup_today()))"

/* SQL fragment: ids of units the actor ?1 (staff id) leads, with sub-units. */
#define SQL_LED_UNITS \
	"WITH RECURSIVE led(id) AS (" \
	" SELECT l0.unit_id FROM unit_leader l0 WHERE l0.staff_id = ?1 AND " SQL_LEADS_NOW("l0") \
	" UNION SELECT u.id FROM unit u JOIN led ON u.parent_id = led.id)"

/* The unit whose leaders lead staff row alias X: their own unit, or for a
 * leader of that unit, the unit above (a leader's plan belongs upwards). */
#define SQL_MANAGER_UNIT(X) \
	"(CASE WHEN EXISTS (SELECT 1 FROM unit_leader ml WHERE ml.staff_id = " X ".id" \
	" AND ml.unit_id = " X ".unit_id AND " SQL_LEADS_NOW("ml") ")" \
	" THEN (SELECT mu.parent_id FROM unit mu WHERE mu.id = " X ".unit_id)" \
	" ELSE " X ".unit_id END)"

/* SQL condition: the actor (?1 staff id, ?2 role) may see staff row alias X.
 * Needs SQL_LED_UNITS in the WITH clause. */
#define SQL_SEES_STAFF(X) \
	"(?2 = 2 OR " X ".id = ?1 OR (?2 = 1 AND " X ".id <> ?1 AND " SQL_MANAGER_UNIT(X) " IN led))"

/* Keyset list pages (db.c). db_page_limit clamps pg->limit to 1..500;
 * db_page_start gives the position to bind when pg->after_key is NULL;
 * db_page_begin gives that position and pg->filter folded (NULL when there
 * is none; the caller frees it). */
int db_page_limit(const kpage *pg);
void db_page_start(const kpage *pg, const char **key, int64_t *id);
kcode db_page_begin(const kpage *pg, char **fold, const char **key, int64_t *id, kerr *e);
/* Steps the bound statement st into a new array of records of `size` bytes,
 * at most max of them (0: no limit; the array then grows as rows come);
 * read fills one (-1: out of memory, having freed what it read), release
 * frees one. c is the result of preparing and binding st (st may be NULL
 * when preparing failed): on failure nothing is read and c handed back.
 * st is reset; on failure the rows read so far are freed. */
kcode db_rows_read(kdb *db, sqlite3_stmt *st, kcode c, size_t size, int max,
		   int (*read)(sqlite3_stmt *st, void *row), void (*release)(void *row),
		   void **rows, int *n, kerr *e);
/* Defines void FREE(T *) and void ROWS_FREE(T *, int) for records whose
 * owned members are the strings at the offsets OFFS (an array). */
#define DB_FREE_FUNCS(FREE, ROWS_FREE, T, OFFS) \
	void FREE(T *r) { DB_FREE_ROW(r, OFFS); } \
	DB_ROWS_FREE(ROWS_FREE, T, FREE)
/* Rows whose only owned members are strings: the members at offs[0..n-1]
 * (char *) are read from columns first, first+1, ... (NULL becomes "") and
 * freed together. db_read_texts returns 0, or -1 when out of memory (then
 * it has freed what it read). */
int db_read_texts(sqlite3_stmt *st, int first, void *row, const size_t *offs, int n);
void db_free_texts(void *row, const size_t *offs, int n);
/* 1 when a string member at one of the offsets is NULL (a read ran out of
 * memory), for readers that fill their texts column by column. */
int db_texts_missing(const void *row, const size_t *offs, int n);
#define DB_TEXTS_MISSING(row, offs) db_texts_missing((row), (offs), (int)(sizeof (offs) / sizeof *(offs)))
/* Frees those strings of row (NULL: nothing) and zeroes the whole row. */
void db_free_row(void *row, size_t size, const size_t *offs, int n);
#define DB_FREE_ROW(row, offs) db_free_row((row), sizeof *(row), (offs), (int)(sizeof (offs) / sizeof *(offs)))
/* Defines void NAME(T *rows, int n), which frees each row with
 * FREE_ONE(T *) and then the array: the *_rows_free of each record kind. */
#define DB_ROWS_FREE(NAME, T, FREE_ONE) \
	void NAME(T *rows, int n) \
	{ \
		for (int i = 0; i < n; i++) \
			FREE_ONE(&rows[i]); \
		free(rows); \
	}
/* db_rows_read of up to db_page_limit(pg) records, for a keyset page: a
 * backward page (fetched in reverse) is handed back in list order.
 * db_page_read takes st bound; db_page_bound takes c as db_rows_read. */
kcode db_page_read(kdb *db, sqlite3_stmt *st, const kpage *pg, size_t size,
		   int (*read)(sqlite3_stmt *st, void *row), void (*release)(void *row),
		   void **rows, int *n, kerr *e);
kcode db_page_bound(kdb *db, sqlite3_stmt *st, kcode c, const kpage *pg, size_t size,
		    int (*read)(sqlite3_stmt *st, void *row), void (*release)(void *row),
		    void **rows, int *n, kerr *e);

/* db_part.c, inside an open write: moves the first on the waiting list of a
 * session into its free seats (audited), after a seat was freed or added. */
kcode part_fill_seats(kdb *db, const kactor *who, int64_t session_id, kerr *e);

/* Inside an open write, for a person leaving on `day` (ISO): cancels
 * their requests, seats and waiting-list places on sessions starting
 * after it, each audited, the waiting lists moving up (db_part.c). */
kcode part_cancel_after(kdb *db, const kactor *who, int64_t staff_id, const char *day, kerr *e);
/* Inside an open write: ends on `until` each leadership whose id the
 * prepared and bound st selects, each audited (db_staff.c; a handover, a
 * person leaving). */
kcode leaders_end(kdb *db, const kactor *who, sqlite3_stmt *st, const char *until, kerr *e);
/* A unit leadership's values as the audit keeps them (db_org.c makes and
 * ends them, db_staff.c ends a leaving person's). */
#define SQL_UNIT_LEADER_JSON "SELECT json_object('unit_id',unit_id,'staff_id',staff_id," \
	"'since',since,'until',until) FROM unit_leader WHERE id = ?"

/* The folded text "/" searches for an activity (title, provider, method in
 * both languages); malloc'd. Shared by the catalogue and the demo. */
char *activity_fold_text(const char *title, const char *provider, const char *method);

#endif
