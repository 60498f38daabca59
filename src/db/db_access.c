/* db_access.c — see db_access.h: the access log, noted in memory by the
 * data functions that read a person's plan, goals, evaluation or follow-up
 * and written in small batches. Why batches: a leader moving down the
 * staff list reads a new person's plan with every key, and a transaction
 * of its own (synchronous=FULL: an fsync) per key would cost more than the
 * reading; the front end writes them when it is idle, once a second. */
#include "db_access.h"
#include "db_internal.h"
#include "i18n.h"
#include "secure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SEEN_MAX 64    /* recent notes remembered, for the dedupe */
#define PENDING_MAX 32 /* notes waiting; a full buffer is written at once */

struct access_note {
	int64_t reader_id, subject_id;
	kaccess what;
	time_t at;
	uint64_t reader_hash;
};

struct kaccess {
	struct access_note seen[SEEN_MAX];
	int nseen, next_seen;
	struct access_pending {
		char at[20];
		int64_t reader_id, subject_id;
		kaccess what;
		char reader[LOGIN_MAX + 1];
	} pending[PENDING_MAX];
	int npending;
	int days;   /* 0: not yet read from the config */
	int pruned; /* the old rows went once on this connection */
};

static const char *const codes[ACC_COUNT] = {
	[ACC_PLAN] = "plan", [ACC_GOAL] = "goal", [ACC_EVALUATION] = "evaluation",
	[ACC_FOLLOWUP] = "followup", [ACC_PRINT] = "print", [ACC_EXPORT] = "export",
};
static const char *const names[ACC_COUNT] = {
	[ACC_PLAN] = N_("read the plan"), [ACC_GOAL] = N_("read the goals"),
	[ACC_EVALUATION] = N_("read the evaluation"), [ACC_FOLLOWUP] = N_("read a follow-up"),
	[ACC_PRINT] = N_("printed the plan"), [ACC_EXPORT] = N_("exported the plan"),
};

/* The second reading of a kind within the window is not written again,
 * also when another connection (another session) wrote the first. */
static const char SQL_INSERT[] = "INSERT INTO access_log(at, reader_id, reader, subject_id, what)"
	" SELECT ?1, (SELECT id FROM staff WHERE id = ?2), ?3, ?4, ?5"
	" WHERE EXISTS (SELECT 1 FROM staff WHERE id = ?4)"
	" AND NOT EXISTS (SELECT 1 FROM access_log WHERE subject_id = ?4 AND at > datetime(?1, '-10 minutes')"
	" AND at <= ?1 AND reader = ?3 AND what = ?5)";
static const char SQL_PRUNE[] = "DELETE FROM access_log WHERE at < datetime(?1, '-' || ?2 || ' days')";
#define ACCESS_COLS "a.id, a.at, coalesce(a.reader_id, 0), a.reader, coalesce(s.name, ''), a.what" \
	" FROM access_log a LEFT JOIN staff s ON s.id = a.reader_id WHERE a.subject_id = ?1"
static const char SQL_LIST_FWD[] = "SELECT " ACCESS_COLS " AND a.id < ?2 ORDER BY a.id DESC LIMIT ?3";
static const char SQL_LIST_BACK[] = "SELECT " ACCESS_COLS " AND a.id > ?2 ORDER BY a.id LIMIT ?3";

const char *access_code(kaccess what)
{
	return what < ACC_COUNT ? codes[what] : "";
}

const char *access_name(kaccess what)
{
	return what < ACC_COUNT ? _(names[what]) : "";
}

int access_parse(const char *code, kaccess *out)
{
	for (int i = 0; i < ACC_COUNT; i++)
		if (!strcmp(code, codes[i])) {
			*out = (kaccess)i;
			return 0;
		}
	return -1;
}

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void utc_text(time_t t, char out[20])
{
	struct tm tm;
	if (!gmtime_r(&t, &tm) || strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		snprintf(out, 20, "1970-01-01 00:00:00");
}

/* Writes the waiting notes and frees the state (db_close, via the hook). */
static void access_close(kdb *db)
{
	kerr e;
	if (db->access)
		access_log_flush(db, &e);
	free(db->access);
	db->access = NULL;
}

static struct kaccess *state(kdb *db)
{
	if (!db->access && (db->access = calloc(1, sizeof *db->access)))
		db->access_close = access_close;
	return db->access;
}

void access_log_set_days(kdb *db, int days)
{
	struct kaccess *a = state(db);
	if (a && days > 0)
		a->days = days;
}

int access_log_days(kdb *db)
{
	struct kaccess *a = state(db);
	if (!a)
		return SECURE_ACCESS_LOG_DAYS;
	if (!a->days)
		a->days = secure_access_log_days();
	return a->days;
}

void access_log_note(kdb *db, const kactor *who, int64_t subject_id, kaccess what)
{
	if (!who || who->staff_id == subject_id || db->readonly || what >= ACC_COUNT)
		return;
	struct kaccess *a = state(db);
	if (!a)
		return;
	time_t now = time(NULL);
	uint64_t h = hash(who->login);
	for (int i = 0; i < a->nseen; i++) {
		struct access_note *s = &a->seen[i];
		if (s->subject_id == subject_id && s->what == what && s->reader_id == who->staff_id &&
		    s->reader_hash == h && now - s->at < ACCESS_DEDUPE_MINUTES * 60 && now >= s->at)
			return;
	}
	if (!who->login[0])
		return; /* nobody to name; the actor always has a login */
	a->seen[a->next_seen] = (struct access_note){ who->staff_id, subject_id, what, now, h };
	a->next_seen = (a->next_seen + 1) % SEEN_MAX;
	if (a->nseen < SEEN_MAX)
		a->nseen++;
	if (a->npending == PENDING_MAX) {
		kerr e;
		if (access_log_flush(db, &e) != KE_OK || a->npending == PENDING_MAX)
			return; /* kept in the dedupe, so it is not tried at every key */
	}
	struct access_pending *p = &a->pending[a->npending++];
	utc_text(now, p->at);
	p->reader_id = who->staff_id;
	p->subject_id = subject_id;
	p->what = what;
	snprintf(p->reader, sizeof p->reader, "%s", who->login);
}

static kcode prune(kdb *db, const char *now, int days, kerr *e)
{
	sqlite3_stmt *st = db_stmt(db, SQL_PRUNE, e);
	if (!st || db_bind(db, st, e, KV_TEXT(now), KV_INT(days)))
		return e->code;
	return db_exec_stmt(db, st, e);
}

kcode access_log_flush(kdb *db, kerr *e)
{
	struct kaccess *a = db->access;
	if (!a || !a->npending || db->in_tx || db->readonly)
		return KE_OK;
	int days = access_log_days(db);
	if (db_begin(db, e))
		return e->code;
	kcode c = KE_OK;
	for (int i = 0; i < a->npending && !c; i++) {
		struct access_pending *p = &a->pending[i];
		sqlite3_stmt *st = db_stmt(db, SQL_INSERT, e);
		c = !st ? e->code
			: db_bind(db, st, e, KV_TEXT(p->at), KV_INT(p->reader_id), KV_TEXT(p->reader),
				  KV_INT(p->subject_id), KV_TEXT(codes[p->what]))
			? e->code : db_exec_stmt(db, st, e);
	}
	if (!c && !a->pruned)
		c = prune(db, a->pending[0].at, days, e);
	if (c) {
		db_rollback(db);
		return c;
	}
	if (db_commit(db, e))
		return e->code;
	a->npending = 0;
	a->pruned = 1;
	return KE_OK;
}

static const size_t access_texts[] = {
	offsetof(access_rec, reader), offsetof(access_rec, reader_name), offsetof(access_rec, sort_key),
};
DB_FREE_FUNCS(access_free, access_rows_free, access_rec, access_texts)

static void release_row(void *row)
{
	access_free(row);
}

static int read_row(sqlite3_stmt *st, void *row)
{
	access_rec *r = row;
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	snprintf(r->at, sizeof r->at, "%s", (const char *)sqlite3_column_text(st, 1));
	r->reader_id = sqlite3_column_int64(st, 2);
	r->reader = col_text(st, 3);
	r->reader_name = col_text(st, 4);
	snprintf(r->what, sizeof r->what, "%s", (const char *)sqlite3_column_text(st, 5));
	char key[24];
	snprintf(key, sizeof key, "%019lld", (long long)(INT64_MAX - r->id));
	r->sort_key = strdup(key);
	if (DB_TEXTS_MISSING(r, access_texts)) {
		access_free(r);
		return -1;
	}
	return 0;
}

/* The exclusive id bound the list position means (newest first: the key
 * is INT64_MAX - id), as audit_list reads its own. */
static int64_t page_bound(const kpage *pg)
{
	if (!pg->after_key)
		return pg->backward ? 0 : INT64_MAX;
	int64_t k = INT64_MAX - strtoll(pg->after_key, NULL, 10);
	if (pg->backward)
		return k < pg->after_id ? k - 1 : k;
	return k > pg->after_id && k < INT64_MAX ? k + 1 : k;
}

kcode access_log_list(kdb *db, const kactor *who, int64_t subject_id, const kpage *pg,
		      access_rec **rows, int *n, kerr *e)
{
	*rows = NULL;
	*n = 0;
	if (who->role != ROLE_ADMIN && (!who->staff_id || who->staff_id != subject_id))
		return db_denied(e);
	kerr fe;
	access_log_flush(db, &fe); /* what is waiting is shown; if it cannot be written, it waits */
	sqlite3_stmt *st = db_stmt(db, pg->backward ? SQL_LIST_BACK : SQL_LIST_FWD, e);
	kcode c = st ? db_bind(db, st, e, KV_INT(subject_id), KV_INT(page_bound(pg)), KV_INT(db_page_limit(pg)))
		     : e->code;
	return db_page_bound(db, st, c, pg, sizeof **rows, read_row, release_row, (void **)rows, n, e);
}

kcode access_log_prune(kdb *db, const kactor *who, const char *now, int days, kerr *e)
{
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	if (days < 1)
		return kerr_set(e, KE_INVALID, "%s", _("The access log is kept for at least one day."));
	char clock[20];
	if (!now) {
		utc_text(time(NULL), clock);
		now = clock;
	}
	if (db_begin(db, e))
		return e->code;
	if (prune(db, now, days, e)) {
		db_rollback(db);
		return e->code;
	}
	int64_t gone = db_changes(db);
	if (db_commit(db, e))
		return e->code;
	return kerr_set(e, KE_OK, _("Deleted %lld rows older than %d days from the access log."), (long long)gone, days);
}
