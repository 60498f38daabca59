/* db.c — connection, schema migrations and the statement wrapper that every
 * db_*.c file uses. See db.h and db_internal.h. */
#include "date.h"
#include "db_internal.h"
#include "i18n.h"
#include "text.h"
#include "userfile.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

extern const char kup_schema[]; /* generated from share/schema.sql */

int db_read_texts(sqlite3_stmt *st, int first, void *row, const size_t *offs, int n)
{
	int ok = 1;
	for (int i = 0; i < n; i++)
		ok &= (*(char **)((char *)row + offs[i]) = col_text(st, first + i)) != NULL;
	if (!ok)
		db_free_texts(row, offs, n);
	return ok ? 0 : -1;
}

int db_texts_missing(const void *row, const size_t *offs, int n)
{
	for (int i = 0; i < n; i++)
		if (!*(char *const *)((const char *)row + offs[i]))
			return 1;
	return 0;
}

void db_free_texts(void *row, const size_t *offs, int n)
{
	for (int i = 0; i < n; i++) {
		char **p = (char **)((char *)row + offs[i]);
		free(*p);
		*p = NULL;
	}
}

void db_free_row(void *row, size_t size, const size_t *offs, int n)
{
	if (!row)
		return;
	db_free_texts(row, offs, n);
	memset(row, 0, size);
}

char *xstrdup(const char *s)
{
	return strdup(s ? s : "");
}

char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return xstrdup((const char *)t);
}

/* names why a read-only database cannot take the change. */
static kcode readonly_err(const kdb *db, kerr *e)
{
	if (db && db->ro_why[0])
		return kerr_set(e, KE_READONLY, _("The database is open read-only (%s); nothing can be saved."),
				db->ro_why);
	return kerr_set(e, KE_READONLY, "%s", _("The database is open read-only; nothing can be saved."));
}

kcode db_fail(kdb *db, int rc, kerr *e)
{
	const char *m = db && db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_PROTOCOL: /* WAL locks kept changing hands; the same to a person */
		return kerr_set(e, KE_BUSY, "%s", _("The database is busy with another user's change; please try again."));
	case SQLITE_FULL:
		return kerr_set(e, KE_FULL, "%s", _("The disk is full; nothing was saved."));
	case SQLITE_READONLY:
		return readonly_err(db, e);
	case SQLITE_CORRUPT:
		return kerr_set(e, KE_CORRUPT, "%s", _("The database file is damaged; restore it from a backup (see kup backup)."));
	case SQLITE_NOTADB:
		return kerr_set(e, KE_NOTKUP, "%s", _("The file is not a kup database."));
	case SQLITE_NOMEM:
		return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return kerr_set(e, KE_IO, _("Cannot read or write the database: %s"), m);
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		{
			/* SQLite names the rule "table.column": keep the column */
			const char *dot = strrchr(m, '.');
			char col[32] = "";
			if (dot)
				snprintf(col, sizeof col, "%.*s", (int)strcspn(dot + 1, ", "), dot + 1);
			return kerr_field(e, KE_EXISTS, col[0] ? col : NULL, _("That already exists: %s"), m);
		}
		if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			return kerr_set(e, KE_INVALID, "%s", _("Other records still refer to this one, or a referenced record is missing."));
		return kerr_set(e, KE_INVALID, _("A value is not allowed: %s"), m);
	default:
		return kerr_set(e, KE_DB, _("Database error: %s"), m);
	}
}

static size_t cache_slot(const char *sql, size_t cap)
{
	uintptr_t p = (uintptr_t)sql;
	return (size_t)((p >> 3) ^ (p >> 11)) & (cap - 1);
}

/* Doubles the table (a power of two). The SQL literals are finite, so the
 * cache only grows until every statement kup uses is in it; evicting
 * instead would finalize statements that callers still hold (a bound
 * UPDATE in db_audited_update while the JSON and audit statements are
 * prepared). */
static int cache_grow(kdb *db)
{
	size_t cap = db->cache_cap ? db->cache_cap * 2 : 128;
	struct kdb_cached *t = calloc(cap, sizeof *t);
	if (!t)
		return -1;
	for (size_t i = 0; i < db->cache_cap; i++) {
		if (!db->cache[i].sql)
			continue;
		size_t j = cache_slot(db->cache[i].sql, cap);
		while (t[j].sql)
			j = (j + 1) & (cap - 1);
		t[j] = db->cache[i];
	}
	free(db->cache);
	db->cache = t;
	db->cache_cap = cap;
	return 0;
}

sqlite3_stmt *db_stmt(kdb *db, const char *sql, kerr *e)
{
	if (db->cache_cap) {
		/* at most half full, so every probe ends at an empty slot */
		size_t mask = db->cache_cap - 1;
		for (size_t i = cache_slot(sql, db->cache_cap); db->cache[i].sql; i = (i + 1) & mask)
			if (db->cache[i].sql == sql) {
				sqlite3_reset(db->cache[i].st);
				sqlite3_clear_bindings(db->cache[i].st);
				return db->cache[i].st;
			}
	}
	if ((db->ncache + 1) * 2 > db->cache_cap && cache_grow(db)) {
		kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
		return NULL;
	}
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, e);
		return NULL;
	}
	size_t i = cache_slot(sql, db->cache_cap);
	while (db->cache[i].sql)
		i = (i + 1) & (db->cache_cap - 1);
	db->cache[i].sql = sql;
	db->cache[i].st = st;
	db->ncache++;
	return st;
}

kcode db_bind_head(kdb *db, sqlite3_stmt *st, kerr *e, const kval *v, size_t n)
{
	int count = sqlite3_bind_parameter_count(st);
	return db_bind_vals(db, st, e, v, (size_t)count <= n ? (size_t)count : n);
}

kcode db_bind_vals(kdb *db, sqlite3_stmt *st, kerr *e, const kval *v, size_t n)
{
	int count = sqlite3_bind_parameter_count(st);
	if ((size_t)count != n)
		return kerr_set(e, KE_DB, _("Internal error: the statement \"%.200s\" takes %d values, %zu given."),
				sqlite3_sql(st), count, n);
	int rc = SQLITE_OK;
	for (size_t k = 0; k < n && rc == SQLITE_OK; k++) {
		int i = (int)k + 1;
		switch (v[k].kind) {
		case 'i': rc = sqlite3_bind_int64(st, i, v[k].i); break;
		case 't': rc = sqlite3_bind_text(st, i, v[k].s, -1, SQLITE_TRANSIENT); break;
		case 'd': rc = sqlite3_bind_double(st, i, v[k].d); break;
		case 'n': rc = sqlite3_bind_null(st, i); break;
		default: rc = SQLITE_MISUSE; break;
		}
	}
	return rc == SQLITE_OK ? KE_OK : db_fail(db, rc, e);
}

/* ---- waiting for locks ----
 * Writers queue for the one write lock (BEGIN IMMEDIATE). SQLite's own busy
 * timeout sleeps in fixed steps, so twenty writers wake in step and the
 * unlucky one starves; ours sleeps a growing, jittered time (short again
 * once it has waited a while) and gives up after DB_BUSY_LIMIT_MS in all,
 * counted from the start of the statement.
 * Only then does a person see the KE_BUSY message. */
#define DB_BUSY_LIMIT_MS 10000

static long long mono_ms(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sleeps before attempt `count` + 1; 0 when the time is up. */
static int busy_sleep(kdb *db, int count)
{
	long long waited = mono_ms() - db->busy_since;
	if (waited >= DB_BUSY_LIMIT_MS)
		return 0;
	/* ms: 1, 2, 4, ... 64; but one who has waited long tries often
	 * again, so newcomers with short sleeps cannot keep taking the lock
	 * from it (seen with twenty writers under the sanitizer) */
	int cap = waited > DB_BUSY_LIMIT_MS / 5 ? 4 : count < 6 ? 1 << count : 64;
	db->rng = db->rng * 1103515245u + 12345u;
	int ms = cap / 2 + (int)((db->rng >> 16) % (unsigned)(cap / 2 + 1));
	sqlite3_sleep(ms > 0 ? ms : 1);
	return 1;
}

static int busy_handler(void *ctx, int count)
{
	kdb *db = ctx;
	if (count == 0 && !db->busy_step)
		db->busy_since = mono_ms();
	return busy_sleep(db, count);
}

/* A statement outside a transaction that met a lock (SQLITE_BUSY and its
 * RECOVERY and SNAPSHOT kinds, which SQLite does not always hand to the
 * busy handler) did nothing and may simply run again. */
static int busy_retry(kdb *db, int count)
{
	int x = sqlite3_extended_errcode(db->h);
	return ((x & 0xff) == SQLITE_BUSY || x == SQLITE_PROTOCOL) && sqlite3_get_autocommit(db->h) &&
	       busy_sleep(db, count);
}

int db_step(kdb *db, sqlite3_stmt *st, kerr *e)
{
	/* Only a statement not yet under way may start again: one that has
	 * handed out rows would hand them out twice. */
	int rc, tries = 0, fresh = !sqlite3_stmt_busy(st);
	db->busy_since = mono_ms();
	db->busy_step = 1;
	while ((rc = sqlite3_step(st)) != SQLITE_ROW && rc != SQLITE_DONE && fresh && busy_retry(db, tries++))
		sqlite3_reset(st);
	db->busy_step = 0;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc;
	db_fail(db, sqlite3_extended_errcode(db->h), e);
	sqlite3_reset(st);
	return -1;
}

kcode db_exec_stmt(kdb *db, sqlite3_stmt *st, kerr *e)
{
	int rc = db_step(db, st, e);
	sqlite3_reset(st);
	return rc < 0 ? e->code : KE_OK;
}

kcode db_exec(kdb *db, const char *sql, kerr *e)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
	sqlite3_free(msg);
	return rc == SQLITE_OK ? KE_OK : db_fail(db, sqlite3_extended_errcode(db->h), e);
}

kcode db_row_read(kdb *db, sqlite3_stmt *st, kcode c, int (*read)(sqlite3_stmt *st, void *row), void *out,
		  const char *notfound, kerr *e)
{
	int rc = c ? -1 : db_step(db, st, e);
	if (rc < 0)
		c = e->code;
	else if (rc == SQLITE_DONE)
		c = notfound ? kerr_set(e, KE_NOTFOUND, "%s", notfound) : KE_OK;
	else if (read(st, out))
		c = kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	if (st)
		sqlite3_reset(st);
	return c;
}

int db_read_int64(sqlite3_stmt *st, void *out)
{
	*(int64_t *)out = sqlite3_column_int64(st, 0);
	return 0;
}

int db_read_text(sqlite3_stmt *st, void *out)
{
	return (*(char **)out = col_text(st, 0)) ? 0 : -1;
}

kcode db_scalar(kdb *db, const char *sql, int64_t p, int64_t *out, kerr *e)
{
	*out = 0;
	sqlite3_stmt *st = db_stmt(db, sql, e);
	kcode c = !st ? e->code : sqlite3_bind_parameter_count(st) > 0 ? db_bind(db, st, e, KV_INT(p)) : KE_OK;
	return db_row_read(db, st, c, db_read_int64, out, NULL, e);
}

kcode db_get_row(kdb *db, const char *sql, int64_t id, int (*read)(sqlite3_stmt *st, void *row),
		 void *out, size_t size, const char *notfound, kerr *e)
{
	memset(out, 0, size);
	sqlite3_stmt *st = db_stmt(db, sql, e);
	kcode c = st ? db_bind(db, st, e, KV_INT(id)) : e->code;
	return db_row_read(db, st, c, read, out, notfound, e);
}

kcode db_begin(kdb *db, kerr *e)
{
	if (db->readonly)
		return readonly_err(db, e);
	if (db->in_tx) /* inside a bulk load: the outer transaction covers it */
		return KE_OK;
	sqlite3_stmt *st = db_stmt(db, "BEGIN IMMEDIATE", e);
	if (!st || db_exec_stmt(db, st, e))
		return e->code;
	db->in_tx = 1;
	return KE_OK;
}

kcode db_commit(kdb *db, kerr *e)
{
	if (db->in_tx == 2)
		return KE_OK;
	sqlite3_stmt *st = db_stmt(db, "COMMIT", e);
	if (!st || db_exec_stmt(db, st, e)) {
		db_rollback(db);
		return e->code;
	}
	db->in_tx = 0;
	return KE_OK;
}

void db_rollback(kdb *db)
{
	if (db->in_tx == 2)
		return;
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->in_tx = 0;
}

kcode db_bulk_begin(kdb *db, kerr *e)
{
	if (db_begin(db, e))
		return e->code;
	db->in_tx = 2;
	return KE_OK;
}

kcode db_bulk_end(kdb *db, int commit, kerr *e)
{
	db->in_tx = 1;
	if (commit)
		return db_commit(db, e);
	db_rollback(db);
	return KE_OK;
}

kcode db_row_json(kdb *db, const char *sql, int64_t id, char **out, kerr *e)
{
	*out = NULL;
	return db_get_row(db, sql, id, db_read_text, out, sizeof *out, _("The record no longer exists."), e);
}

kcode db_audit(kdb *db, const kactor *who, const char *tbl, int64_t id,
	       const char *action, const char *old, const char *new_, kerr *e)
{
	sqlite3_stmt *st = db_stmt(db,
		"INSERT INTO audit(login, tbl, row_id, action, old, new) VALUES (?,?,?,?,?,?)", e);
	if (!st || db_bind(db, st, e, KV_TEXT(who->login), KV_TEXT(tbl), KV_INT(id), KV_TEXT(action), KV_TEXT(old), KV_TEXT(new_)))
		return e->code;
	return db_exec_stmt(db, st, e);
}

/* ---- opening and migrating ---- */

static kcode check_header(const char *path, kerr *e)
{
	/* O_NONBLOCK: a FIFO put there in the meantime must not hang kup */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return kerr_set(e, KE_IO, _("Cannot open %s: %s"), path, err_text(errno));
	char hdr[16];
	ssize_t n = read(fd, hdr, sizeof hdr);
	close(fd);
	if (n == 0) /* kup never leaves an empty file; someone else made this one */
		return kerr_set(e, KE_NOTKUP, _("%s is empty, not a kup database. Remove it, then run: kup --db %s init"),
				path, path);
	if (n != (ssize_t)sizeof hdr || memcmp(hdr, "SQLite format 3", 16) != 0)
		return kerr_set(e, KE_NOTKUP, _("%s is not a kup database (not an SQLite file)."), path);
	return KE_OK;
}

static int pragma_int(kdb *db, const char *sql, int *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int(st, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

int db_schema_version(kdb *db)
{
	int v = -1;
	pragma_int(db, "PRAGMA user_version", &v);
	return v;
}

/* Pointer to the text of step n in the embedded schema, and its length. */
static const char *schema_step(int n, size_t *len)
{
	char mark[32];
	snprintf(mark, sizeof mark, "\n-- step %d\n", n);
	const char *p = strstr(kup_schema, mark);
	if (!p)
		return NULL;
	p += strlen(mark);
	const char *q = strstr(p, "\n-- step ");
	*len = q ? (size_t)(q - p) : strlen(p);
	return p;
}

/* Messages are one line, but the first row of integrity_check and
 * quick_check starts with a "*** in database main ***" line and may hold
 * several: keep the first line that says what is wrong. */
static void first_line(char *out, size_t size, const char *t)
{
	const char *nl = strchr(t, '\n');
	if (!strncmp(t, "*** ", 4) && nl)
		t = nl + 1;
	snprintf(out, size, "%.*s", (int)strcspn(t, "\n"), t);
}

/* the verdict on a damaged file, with the way back. */
static kcode damaged(kdb *db, const char *what, kerr *e)
{
	return kerr_set(e, KE_CORRUPT,
		_("%s is damaged, so kup will not open it (%s). Restore it from a backup: while nobody uses kup, copy the latest file made by kup backup over it and delete its -wal and -shm files. kup check shows the damage."),
		db->path, what);
}

static kcode identify(kdb *db, kerr *e)
{
	int app = 0, ver = 0, ntab = 0;
	int rc = pragma_int(db, "PRAGMA application_id", &app);
	if (rc == SQLITE_OK)
		rc = pragma_int(db, "PRAGMA user_version", &ver);
	if (rc == SQLITE_OK)
		rc = pragma_int(db, "SELECT count(*) FROM sqlite_schema", &ntab);
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) == SQLITE_NOTADB)
			return kerr_set(e, KE_NOTKUP, _("%s is not a kup database (not an SQLite file)."), db->path);
		if ((rc & 0xff) == SQLITE_CORRUPT)
			return damaged(db, sqlite3_errstr(rc), e);
		return db_fail(db, rc, e);
	}
	if (app != KUP_APPLICATION_ID && (ntab > 0 || ver > 0 || app != 0))
		return kerr_set(e, KE_NOTKUP, _("%s is an SQLite file but not a kup database."), db->path);
	if (ver > KUP_SCHEMA_VERSION)
		return kerr_set(e, KE_NEWER,
			_("%s was made by a newer kup (schema %d; this kup knows up to %d). Upgrade kup to open it."),
			db->path, ver, KUP_SCHEMA_VERSION);
	return KE_OK;
}

static kcode migrate_steps(kdb *db, kerr *e);

kcode db_migrate(kdb *db, kerr *e)
{
	int ver = db_schema_version(db);
	if (ver >= KUP_SCHEMA_VERSION)
		return KE_OK;
	if (db->readonly)
		return kerr_set(e, KE_READONLY,
			_("%s needs an upgrade, but is read-only. Ask an administrator to open it once."), db->path);
	/* A step may rebuild a table that others refer to (SQLite cannot
	 * change a CHECK in place): dropping the old table would trip their
	 * ON DELETE RESTRICT. So the keys are off while the steps run, as
	 * SQLite's own procedure for such changes says (it can only switch
	 * them outside a transaction), and foreign_key_check must find
	 * nothing broken before the commit. */
	if (db_exec(db, "PRAGMA foreign_keys=OFF", e))
		return e->code;
	kcode c = migrate_steps(db, e);
	kerr on = { 0 };
	if (db_exec(db, "PRAGMA foreign_keys=ON", &on) && !c) {
		*e = on;
		c = on.code;
	}
	return c;
}

/* The missing steps in one transaction (foreign keys off: db_migrate). */
static kcode migrate_steps(kdb *db, kerr *e)
{
	if (db_exec(db, "BEGIN IMMEDIATE", e))
		return e->code;
	/* Someone else may have migrated while we waited for the lock. */
	int ver = db_schema_version(db);
	for (int step = ver + 1; step <= KUP_SCHEMA_VERSION; step++) {
		size_t len;
		const char *sql = schema_step(step, &len);
		char *copy = sql ? strndup(sql, len) : NULL;
		if (!copy) {
			db_exec(db, "ROLLBACK", NULL);
			return kerr_set(e, KE_DB, _("Schema step %d is missing from this kup."), step);
		}
		kcode c = db_exec(db, copy, e);
		free(copy);
		if (c) {
			db_exec(db, "ROLLBACK", NULL);
			return c;
		}
	}
	int broken = 0;
	if (pragma_int(db, "SELECT count(*) FROM pragma_foreign_key_check", &broken) != SQLITE_OK || broken) {
		db_exec(db, "ROLLBACK", NULL);
		return kerr_set(e, KE_DB, _("Upgrading %s would leave %d broken references; nothing was changed."),
				db->path, broken);
	}
	char sql[96];
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d; PRAGMA application_id=%d",
		 KUP_SCHEMA_VERSION, KUP_APPLICATION_ID);
	if (db_exec(db, sql, e) || db_exec(db, "COMMIT", e)) {
		db_exec(db, "ROLLBACK", NULL);
		return e->code;
	}
	return KE_OK;
}

/* PRAGMA quick_check at every open of a file up to this size. It
 * reads every page, some 7 ms per MiB even when cached, so larger files
 * (the first screen of a 300 MB database must come in 50 ms) are left
 * to kup check, and damage met later is named by db_fail (KE_CORRUPT). */
#define QUICK_CHECK_MAX_BYTES (4 * 1024 * 1024)

static kcode quick_check(kdb *db, kerr *e)
{
	sqlite3_stmt *st = NULL;
	char first[200] = "";
	int rc = sqlite3_prepare_v2(db->h, "PRAGMA quick_check", -1, &st, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		if (t && strcmp(t, "ok") != 0 && !first[0])
			first_line(first, sizeof first, t);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE && !first[0])
		return KE_OK;
	if (rc != SQLITE_DONE && (rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB)
		return db_fail(db, rc, e);
	return damaged(db, first[0] ? first : sqlite3_errstr(rc), e);
}

/* 1 when a -wal, -shm or -journal file lies beside path. */
static int side_files(const char *path)
{
	static const char *const ext[] = { "-wal", "-shm", "-journal" };
	char side[4200];
	struct stat sb;
	for (size_t i = 0; i < sizeof ext / sizeof *ext; i++)
		if (snprintf(side, sizeof side, "%s%s", path, ext[i]) >= (int)sizeof side || stat(side, &sb) == 0)
			return 1;
	return 0;
}

/* A -shm or -wal beside the database that this user may not write (left
 * by a kup that could only read, e.g. another user's) would make every
 * save fail with SQLite's bare "readonly": open read-only and say why. */
static void foreign_side_file(kdb *db)
{
	static const char *const ext[] = { "-shm", "-wal" };
	char side[4200];
	struct stat sb;
	for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
		if (snprintf(side, sizeof side, "%s%s", db->path, ext[i]) >= (int)sizeof side ||
		    stat(side, &sb) != 0 || eaccess(side, W_OK) == 0)
			continue;
		struct passwd *pw = getpwuid(sb.st_uid);
		char owner[64];
		if (pw && pw->pw_name)
			snprintf(owner, sizeof owner, "%s", pw->pw_name);
		else
			snprintf(owner, sizeof owner, "%u", (unsigned)sb.st_uid);
		db->readonly = 1;
		snprintf(db->ro_why, sizeof db->ro_why,
			 _("%s belongs to %s and you may not write to it; it was left by a kup that could only read. When nobody has the database open, delete it"),
			 side, owner);
		return;
	}
}

/* "file:PATH?immutable=1" with PATH escaped for a URI; NULL when out of memory. */
static char *immutable_uri(const char *path)
{
	size_t n = strlen(path);
	char *uri = malloc(n * 3 + 32), *o = uri;
	if (!uri)
		return NULL;
	o += sprintf(o, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		o += *p == '%' || *p == '?' || *p == '#' ? sprintf(o, "%%%02X", *p) : (*o = (char)*p, 1);
	sprintf(o, "?immutable=1");
	return uri;
}

/* Tests only: KUP_TEST_MAX_PAGES=N keeps the file from growing past N pages,
 * so a test meets SQLITE_FULL without filling a disk. secure_getenv: never
 * in a setgid kup. */
static kcode test_max_pages(kdb *db, kerr *e)
{
	const char *v = secure_getenv("KUP_TEST_MAX_PAGES");
	long long n = v ? atoll(v) : 0;
	if (n <= 0)
		return KE_OK;
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA max_page_count=%lld", n);
	return db_exec(db, sql, e);
}

/* kup_today() in SQL: today as date_today() gives it (KUP_TODAY in tests),
 * for the scope's leadership dates (SQL_LEADS_NOW). Deterministic, so
 * SQLite works it out once per statement run, not per row; direct-only,
 * so no schema object can call it. */
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

kcode db_open(const char *path, int flags, kdb **out, kerr *e)
{
	*out = NULL;
	struct stat sb;
	int exists = stat(path, &sb) == 0;
	/* A directory kup may not enter is not a missing database: telling the
	 * user to create one there (as a kup that lost its setgid bit would)
	 * sends them the wrong way. */
	if (!exists && errno == EACCES)
		return kerr_set(e, KE_DENIED,
			_("kup may not reach %s (permission denied). On a shared server kup must be installed setgid to the database's group: an administrator runs kup setup --shared again (or reinstalls the kup package)."),
			path);
	if (flags & DB_OPEN_CREATE) {
		if (exists)
			return kerr_set(e, KE_EXISTS, _("%s already exists; kup will not overwrite it."), path);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, USERFILE_MODE);
		if (fd < 0)
			return kerr_set(e, KE_IO, _("Cannot create %s: %s"), path, err_text(errno));
		close(fd);
	} else {
		if (!exists)
			return kerr_set(e, KE_NOTFOUND,
				_("No database at %s. Create one with: kup --db %s init (or demo)"), path, path);
		if (S_ISDIR(sb.st_mode))
			return kerr_set(e, KE_NOTKUP, _("%s is a directory, not a kup database."), path);
		/* a FIFO or a device would block the first read for ever */
		if (!S_ISREG(sb.st_mode))
			return kerr_set(e, KE_NOTKUP, _("%s is not a regular file, so it is not a kup database."), path);
		if (check_header(path, e))
			return e->code;
	}

	kdb *db = calloc(1, sizeof *db);
	if (!db || !(db->path = strdup(path))) {
		free(db);
		return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	}
	/* Read-only when asked, or when we may not write the file or its
	 * directory (WAL needs to create the -wal and -shm files). */
	char *dir = strdup(path);
	if (!dir) {
		db_close(db);
		return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	}
	char *slash = strrchr(dir, '/');
	const char *dname = slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".";
	/* eaccess, not access: a setgid kup writes with its group */
	int ro_file = eaccess(path, W_OK) != 0, ro_dir = eaccess(dname, W_OK) != 0;
	db->readonly = (flags & DB_OPEN_READONLY) || ro_file || ro_dir;
	if (ro_file)
		snprintf(db->ro_why, sizeof db->ro_why, _("you may not write to %s"), path);
	else if (ro_dir)
		snprintf(db->ro_why, sizeof db->ro_why,
			 _("you may not create files in %s, which SQLite needs beside the database"), dname);
	free(dir);
	if (!db->readonly)
		foreign_side_file(db);

	int oflags = (db->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
	/* in a directory we may not write, SQLite cannot create the
	 * -shm a WAL database needs even to read; with no -wal, -shm or
	 * -journal beside it the file is whole and nobody writes it, so it is
	 * read as an immutable snapshot. */
	char *uri = ro_dir && !side_files(path) ? immutable_uri(path) : NULL;
	int rc = sqlite3_open_v2(uri ? uri : path, &db->h, oflags | (uri ? SQLITE_OPEN_URI : 0), NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		kerr_set(e, KE_IO, _("Cannot open %s: %s"), path, db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		db_close(db);
		return e->code;
	}
	sqlite3_extended_result_codes(db->h, 1);
	if (sqlite3_create_function(db->h, "kup_today", 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
				    NULL, sql_today, NULL, NULL) != SQLITE_OK) {
		kerr_set(e, KE_DB, "%s", sqlite3_errmsg(db->h));
		db_close(db);
		return e->code;
	}
	/* Until the file is accepted, closing must not checkpoint: a stale or
	 * foreign -wal merged into a refused file would destroy it. */
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	db->rng = (unsigned)getpid() ^ (unsigned)mono_ms();
	sqlite3_busy_handler(db->h, busy_handler, db);
	/* Identify before anything that could write to a foreign file. */
	if (identify(db, e) ||
	    (exists && !(flags & DB_OPEN_NOCHECK) && sb.st_size <= QUICK_CHECK_MAX_BYTES && quick_check(db, e))) {
		db_close(db);
		return e->code;
	}
	/* a 4 MiB page cache (SQLite's default is 2 MiB) takes a
	 * tenth off a report's time at 100 000 staff; twice that costs 8 MiB
	 * more at the peak (a report's sort is held in memory, temp_store),
	 * over the 32 MiB the whole program may use. */
	kcode c = db_exec(db, "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA trusted_schema=OFF;"
			  " PRAGMA cache_size=-4096", e);
	/* the WAL is checkpointed back into the file every 1000 pages
	 * by whoever commits, and cut back to 16 MiB when it restarts, so a
	 * big bulk load does not leave a big file behind. */
	if (!c && !db->readonly)
		c = db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
			    " PRAGMA wal_autocheckpoint=1000; PRAGMA journal_size_limit=16777216", e);
	if (!c)
		c = test_max_pages(db, e);
	if (!c)
		c = db_migrate(db, e);
	if (c) {
		db_close(db);
		return c;
	}
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
	*out = db;
	return KE_OK;
}

void db_close(kdb *db)
{
	if (!db)
		return;
	if (db->h && db->access_close)
		db->access_close(db);
	for (size_t i = 0; i < db->cache_cap; i++)
		if (db->cache[i].st)
			sqlite3_finalize(db->cache[i].st);
	free(db->cache);
	if (db->h)
		sqlite3_close(db->h);
	free(db->path);
	free(db);
}

int db_is_readonly(const kdb *db) { return db->readonly; }

int db_changed(kdb *db)
{
	kerr e;
	int64_t v = 0;
	if (db_scalar(db, "PRAGMA data_version", 0, &v, &e) != KE_OK)
		return 0;
	int changed = db->data_version && v != db->data_version;
	db->data_version = v;
	return changed;
}

int db_release(kdb *db)
{
	int n = 0;
	if (db->in_tx)
		return 0;
	for (sqlite3_stmt *st = sqlite3_next_stmt(db->h, NULL); st; st = sqlite3_next_stmt(db->h, st))
		if (sqlite3_stmt_busy(st)) {
			sqlite3_reset(st);
			n++;
		}
	return n;
}

int db_idle(kdb *db)
{
	for (sqlite3_stmt *st = sqlite3_next_stmt(db->h, NULL); st; st = sqlite3_next_stmt(db->h, st))
		if (sqlite3_stmt_busy(st))
			return 0;
	return sqlite3_get_autocommit(db->h) && sqlite3_txn_state(db->h, NULL) == SQLITE_TXN_NONE;
}
const char *db_path(const kdb *db) { return db->path; }

kcode db_check(kdb *db, kerr *e)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->h, "PRAGMA integrity_check", -1, &st, NULL);
	char first[256] = "";
	int problems = 0;
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		if ((rc = sqlite3_step(st)) != SQLITE_ROW)
			break;
		const char *t = (const char *)sqlite3_column_text(st, 0);
		if (t && strcmp(t, "ok") != 0 && problems++ == 0)
			first_line(first, sizeof first, t);
	}
	sqlite3_finalize(st);
	/* damage the check cannot read past is still a verdict */
	if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
		return kerr_set(e, KE_CORRUPT, _("damaged: the check stopped at damage it cannot read past (%s)"),
				sqlite3_errstr(rc));
	if (rc != SQLITE_DONE && rc != SQLITE_OK)
		return db_fail(db, rc, e);
	int fk = 0;
	rc = sqlite3_prepare_v2(db->h, "PRAGMA foreign_key_check", -1, &st, NULL);
	while ((rc == SQLITE_OK || rc == SQLITE_ROW) && (rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fk++ == 0 && !first[0]) /* e.g. "staff 61 -> unit" */
			snprintf(first, sizeof first, "%s %lld -> %s", sqlite3_column_text(st, 0),
				 (long long)sqlite3_column_int64(st, 1), sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_OK)
		return db_fail(db, rc, e);
	if (problems || fk)
		return kerr_set(e, KE_CORRUPT, _("damaged: %d integrity problem(s), %d broken reference(s); first: %s"),
				problems, fk, first);
	return kerr_set(e, KE_OK, "%s", _("ok: integrity and references are sound"));
}

const char *role_code(krole r)
{
	return r == ROLE_ADMIN ? "admin" : r == ROLE_LEADER ? "leader" : "employee";
}

const char *role_name(krole r)
{
	return r == ROLE_ADMIN ? _("admin") : r == ROLE_LEADER ? _("leader") : _("employee");
}

int role_parse(const char *s, krole *out)
{
	if (!s) return -1;
	if (!strcmp(s, "employee")) *out = ROLE_EMPLOYEE;
	else if (!strcmp(s, "leader")) *out = ROLE_LEADER;
	else if (!strcmp(s, "admin")) *out = ROLE_ADMIN;
	else return -1;
	return 0;
}

void db_actor_local_admin(kactor *out, const char *login)
{
	memset(out, 0, sizeof *out);
	out->role = ROLE_ADMIN;
	if (!login || !*login || valid_login(NULL, login, 1, NULL) || login_fold(login, out->login, sizeof out->login))
		snprintf(out->login, sizeof out->login, "%s", "local");
	/* the name is only shown; a long AD login is cut with "…" */
	text_fit(out->login, (int)sizeof out->name / 4, out->name, sizeof out->name);
}

/* The staff row of a login (found: whether there is one). */
struct login_row { kactor *a; int active, found; };

static int login_read(sqlite3_stmt *st, void *row)
{
	struct login_row *r = row;
	memset(r->a, 0, sizeof *r->a);
	r->a->staff_id = sqlite3_column_int64(st, 0);
	r->a->role = ROLE_EMPLOYEE;
	role_parse((const char *)sqlite3_column_text(st, 1), &r->a->role);
	snprintf(r->a->name, sizeof r->a->name, "%s", (const char *)sqlite3_column_text(st, 2));
	r->active = sqlite3_column_int(st, 3);
	r->found = 1;
	return 0;
}

kcode db_actor_for_login(kdb *db, const char *login, int local_owner, kactor *out, kerr *e)
{
	memset(out, 0, sizeof *out);
	char fold[LOGIN_MAX + 1];
	/* a name kup could never have registered is nobody's: the reason
	 * (too long, a control character) is said, not looked up */
	kerr why = { 0 };
	if (valid_login(NULL, login, 1, &why) || login_fold(login, fold, sizeof fold))
		return kerr_set(e, KE_DENIED, "%s", why.msg[0] ? why.msg : _("Login is not valid UTF-8 text."));
	login = fold;
	sqlite3_stmt *st = db_stmt(db, "SELECT id, role, name, active FROM staff WHERE login = ?", e);
	struct login_row r = { .a = out };
	kcode c = st ? db_bind(db, st, e, KV_TEXT(login)) : e->code;
	if (db_row_read(db, st, c, login_read, &r, NULL, e))
		return e->code;
	if (!r.found) {
		if (local_owner) {
			db_actor_local_admin(out, login);
			return KE_OK;
		}
		return kerr_set(e, KE_DENIED, _("The login '%s' is not registered in kup."), login);
	}
	if (local_owner)
		out->role = ROLE_ADMIN;
	snprintf(out->login, sizeof out->login, "%s", login);
	if (!r.active && !local_owner)
		return kerr_set(e, KE_DENIED, _("The login '%s' is deactivated in kup."), login);
	return KE_OK;
}

int64_t db_changes(kdb *db) { return sqlite3_changes64(db->h); }
int64_t db_last_id(kdb *db) { return sqlite3_last_insert_rowid(db->h); }

kcode db_denied(kerr *e)
{
	return kerr_set(e, KE_DENIED, "%s", _("Not allowed: your role does not permit this."));
}

/* Who changed a record last, and when (found: whether the audit knows). */
struct last_change { char who[160], at[32]; int deleted, found; };

static int last_change_read(sqlite3_stmt *st, void *row)
{
	struct last_change *l = row;
	snprintf(l->who, sizeof l->who, "%s", (const char *)sqlite3_column_text(st, 2));
	snprintf(l->at, sizeof l->at, "%s", (const char *)sqlite3_column_text(st, 1));
	l->deleted = strcmp((const char *)sqlite3_column_text(st, 0), "delete") == 0;
	l->found = 1;
	return 0;
}

/* deleting says "nothing was deleted", so the question that
 * follows ("delete anyway?") reads right. */
static kcode conflict(kdb *db, const char *tbl, int64_t id, int deleting, kerr *e)
{
	sqlite3_stmt *st = db_stmt(db,
		"SELECT a.action, a.at, coalesce(s.name, a.login) FROM audit a"
		" LEFT JOIN staff s ON s.login = a.login"
		" WHERE a.tbl = ? AND a.row_id = ? ORDER BY a.id DESC LIMIT 1", e);
	struct last_change l = { 0 };
	kcode c = st ? db_bind(db, st, e, KV_TEXT(tbl), KV_INT(id)) : e->code;
	if (db_row_read(db, st, c, last_change_read, &l, NULL, e))
		return e->code;
	/* Said to a person, so in the local time they read on the clock. */
	char at[sizeof l.at];
	date_local_time(l.at, at, sizeof at);
	const char *who = l.who;
	if (!l.found)
		return kerr_set(e, KE_CONFLICT, "%s", deleting
			? _("Someone else changed this record after you opened it; nothing was deleted.")
			: _("Someone else changed this record after you opened it; nothing was saved."));
	if (l.deleted)
		return kerr_set(e, KE_NOTFOUND, _("%s deleted this record on %s; nothing was saved."), who, at);
	if (deleting)
		return kerr_set(e, KE_CONFLICT, _("%s changed this record on %s after you opened it; nothing was deleted."),
				who, at);
	return kerr_set(e, KE_CONFLICT, _("%s changed this record on %s after you opened it; nothing was saved."), who, at);
}

kcode db_conflict(kdb *db, const char *tbl, int64_t id, kerr *e)
{
	return conflict(db, tbl, id, 0, e);
}

kcode db_write_begin(kdb *db, kwrite *w, kerr *e)
{
	w->old = NULL;
	if (db_begin(db, e))
		return e->code;
	if (strcmp(w->action, "create") != 0 && db_row_json(db, w->json_sql, w->id, &w->old, e)) {
		db_rollback(db);
		return e->code;
	}
	return KE_OK;
}

kcode db_audited_update(kdb *db, const kactor *who, const char *tbl, const char *json_sql,
			int64_t id, sqlite3_stmt *st, kerr *e)
{
	char *old = NULL, *new_ = NULL;
	kcode c = db_row_json(db, json_sql, id, &old, e);
	if (!c)
		c = db_exec_stmt(db, st, e);
	else
		sqlite3_reset(st);
	if (!c && db_changes(db) > 0) {
		c = db_row_json(db, json_sql, id, &new_, e);
		if (!c)
			c = db_audit(db, who, tbl, id, "update", old, new_, e);
	}
	free(old);
	free(new_);
	return c;
}

kcode db_write_end(kdb *db, const kactor *who, kwrite *w, kcode c, kerr *e)
{
	char *new_ = NULL;
	if (!c && w->checked && db_changes(db) == 0)
		c = conflict(db, w->tbl, w->id, strcmp(w->action, "delete") == 0, e);
	if (!c && strcmp(w->action, "delete") != 0)
		c = db_row_json(db, w->json_sql, w->id, &new_, e);
	if (!c)
		c = db_audit(db, who, w->tbl, w->id, w->action, w->old, new_, e);
	if (!c)
		c = db_commit(db, e);
	else
		db_rollback(db);
	free(new_);
	free(w->old);
	w->old = NULL;
	return c;
}

/* ---- keyset pages ---- */

int db_page_limit(const kpage *pg)
{
	return pg->limit < 1 ? 50 : pg->limit > 500 ? 500 : pg->limit;
}

void db_page_start(const kpage *pg, const char **key, int64_t *id)
{
	*key = pg->after_key ? pg->after_key : pg->backward ? "\xff" : "";
	*id = pg->after_key ? pg->after_id : pg->backward ? INT64_MAX : INT64_MIN;
}

kcode db_page_begin(const kpage *pg, char **fold, const char **key, int64_t *id, kerr *e)
{
	db_page_start(pg, key, id);
	*fold = NULL;
	if (!pg->filter || !*pg->filter)
		return KE_OK;
	if (!(*fold = text_fold(pg->filter)))
		return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	return KE_OK;
}

kcode db_rows_read(kdb *db, sqlite3_stmt *st, kcode c, size_t size, int max,
		   int (*read)(sqlite3_stmt *st, void *row), void (*release)(void *row),
		   void **rows, int *n, kerr *e)
{
	*rows = NULL;
	*n = 0;
	/* a bounded read takes its array at once: a page is small and mostly full */
	int cap = max > 0 ? max : 0;
	unsigned char *out = NULL;
	if (!c && cap && !(out = calloc((size_t)cap, size)))
		c = kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	int got = 0, rc = 0;
	while (!c && (!max || got < max) && (rc = db_step(db, st, e)) == SQLITE_ROW) {
		if (got == cap) {
			unsigned char *more = realloc(out, (size_t)(cap = cap ? cap * 2 : 16) * size);
			if (!more) {
				c = kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
				break;
			}
			out = more;
		}
		if (read(st, out + (size_t)got * size))
			c = kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
		else
			got++;
	}
	if (st)
		sqlite3_reset(st);
	if (!c && rc < 0)
		c = e->code;
	if (c) {
		for (int i = 0; i < got; i++)
			release(out + (size_t)i * size);
		free(out);
		return c;
	}
	*rows = out;
	*n = got;
	return KE_OK;
}

kcode db_page_read(kdb *db, sqlite3_stmt *st, const kpage *pg, size_t size,
		   int (*read)(sqlite3_stmt *st, void *row), void (*release)(void *row),
		   void **rows, int *n, kerr *e)
{
	return db_page_bound(db, st, KE_OK, pg, size, read, release, rows, n, e);
}

kcode db_page_bound(kdb *db, sqlite3_stmt *st, kcode c, const kpage *pg, size_t size,
		    int (*read)(sqlite3_stmt *st, void *row), void (*release)(void *row),
		    void **rows, int *n, kerr *e)
{
	if ((c = db_rows_read(db, st, c, size, db_page_limit(pg), read, release, rows, n, e)))
		return c;
	unsigned char *out = *rows;
	int got = *n;
	if (pg->backward) /* fetched in reverse; hand back in list order */
		for (int i = 0; i < got / 2; i++) {
			unsigned char *a = out + (size_t)i * size, *b = out + (size_t)(got - 1 - i) * size;
			for (size_t k = 0; k < size; k++) {
				unsigned char t = a[k];
				a[k] = b[k];
				b[k] = t;
			}
		}
	return KE_OK;
}

kcode db_nomem(kerr *e)
{
	return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
}

kcode db_today(char out[11], kerr *e)
{
	if (date_today(out) != 0)
		return kerr_set(e, KE_IO, "%s", _("Cannot read today's date from the system clock."));
	return KE_OK;
}
