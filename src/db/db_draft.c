/* db_draft.c — drafts of open forms; see db_draft.h. Each write is one short
 * BEGIN IMMEDIATE transaction like every other, but not audited: a draft is
 * what someone is still typing, replaced every few seconds and deleted when
 * the form is saved. */
#include "db_draft.h"
#include "db_internal.h"
#include "i18n.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DRAFT_MAX_BYTES (256 * 1024) /* far above any form: a guard, not a limit */
#define SCOPE_SIZE 201 /* the column holds at most 200 characters */

static const char SQL_SAVE[] =
	"INSERT INTO form_draft(login, form, record_id, version, scope, title, data, saved_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, datetime('now'))"
	" ON CONFLICT(login, form, record_id) DO UPDATE SET version = excluded.version,"
	" scope = excluded.scope, title = excluded.title, data = excluded.data, saved_at = excluded.saved_at";
#define DRAFT_COLS "SELECT form, record_id, title, data, saved_at, version FROM form_draft"
static const char SQL_GET[] = DRAFT_COLS " WHERE login = ?1 AND form = ?2 AND record_id = ?3 AND scope = ?4";
static const char SQL_LIST[] = DRAFT_COLS " WHERE login = ?1 AND scope = ?2"
	" ORDER BY saved_at DESC, form, record_id LIMIT 50";
static const char SQL_DELETE[] = "DELETE FROM form_draft WHERE login = ?1 AND form = ?2 AND record_id = ?3";
static const char SQL_PRUNE[] = "DELETE FROM form_draft WHERE login = ?1 AND scope <> ?2";
/* The units a leader leads directly now, in one text: "12,15". */
static const char SQL_LED[] =
	"SELECT group_concat(unit_id, ',') FROM (SELECT l.unit_id FROM unit_leader l"
	" WHERE l.staff_id = ?1 AND " SQL_LEADS_NOW("l") " ORDER BY l.unit_id)";

static const size_t draft_texts[] = { offsetof(draft_rec, title), offsetof(draft_rec, data) };

DB_FREE_FUNCS(draft_free, draft_rows_free, draft_rec, draft_texts)

/* Drafts belong to a login; the form name is a short code kup chose. */
static kcode check_key(const kactor *who, const char *form, kerr *e)
{
	if (!who->login[0])
		return db_denied(e);
	size_t n = form ? strlen(form) : 0;
	if (n < 1 || n > 40 || strspn(form, "abcdefghijklmnopqrstuvwxyz0123456789_-") != n)
		return kerr_set(e, KE_INVALID, "%s", _("A draft needs a form name of a-z, 0-9, '_' and '-' (at most 40)."));
	return KE_OK;
}

/* The scope a draft is taken under: the role, and for a leader the units
 * led ("leader:12,15"). A draft is for the eyes it was typed under: a
 * leader moved to other units or back among the staff no longer sees the
 * plans the draft was about. */
static kcode scope_of(kdb *db, const kactor *who, char *out, size_t size, kerr *e)
{
	if (who->role == ROLE_ADMIN) {
		snprintf(out, size, "admin");
		return KE_OK;
	}
	if (who->role != ROLE_LEADER) {
		snprintf(out, size, "employee");
		return KE_OK;
	}
	sqlite3_stmt *st = db_stmt(db, SQL_LED, e);
	if (!st || db_bind(db, st, e, KV_INT(who->staff_id)))
		return e->code;
	int rc = db_step(db, st, e);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? kerr_set(e, KE_DB, "%s", _("Could not read the units you lead.")) : e->code;
	}
	const unsigned char *units = sqlite3_column_text(st, 0);
	snprintf(out, size, "leader:%s", units ? (const char *)units : "");
	sqlite3_reset(st);
	return KE_OK;
}

static int read_row(sqlite3_stmt *st, void *row)
{
	draft_rec *d = row;
	memset(d, 0, sizeof *d);
	snprintf(d->form, sizeof d->form, "%s", (const char *)sqlite3_column_text(st, 0));
	d->record_id = sqlite3_column_int64(st, 1);
	d->title = col_text(st, 2);
	d->data = col_text(st, 3);
	snprintf(d->saved_at, sizeof d->saved_at, "%s", (const char *)sqlite3_column_text(st, 4));
	d->version = sqlite3_column_int64(st, 5);
	if (!d->title || !d->data) {
		draft_free(d);
		return -1;
	}
	return 0;
}

static void release_row(void *row)
{
	draft_free(row);
}

/* Runs the bound st (c: how preparing and binding it went) and ends the
 * transaction begun for it. */
static kcode finish(kdb *db, sqlite3_stmt *st, kcode c, kerr *e)
{
	if (!c)
		c = db_exec_stmt(db, st, e);
	if (!c)
		return db_commit(db, e);
	if (st)
		sqlite3_reset(st);
	db_rollback(db);
	return c;
}

kcode draft_save(kdb *db, const kactor *who, const char *form, int64_t record_id, int64_t version,
		 const char *title, const char *data, kerr *e)
{
	char scope[SCOPE_SIZE];
	if (check_key(who, form, e))
		return e->code;
	if (!data || strlen(data) > DRAFT_MAX_BYTES)
		return kerr_set(e, KE_INVALID, "%s", _("The draft is too large to keep."));
	if (db_begin(db, e))
		return e->code;
	sqlite3_stmt *st = NULL;
	kcode c = scope_of(db, who, scope, sizeof scope, e);
	if (!c && !(st = db_stmt(db, SQL_SAVE, e)))
		c = e->code;
	if (!c)
		c = db_bind(db, st, e, KV_TEXT(who->login), KV_TEXT(form), KV_INT(record_id), KV_INT(version),
			    KV_TEXT(scope), KV_TEXT(title ? title : ""), KV_TEXT(data));
	return finish(db, st, c, e);
}

kcode draft_get(kdb *db, const kactor *who, const char *form, int64_t record_id, draft_rec *out, kerr *e)
{
	char scope[SCOPE_SIZE];
	memset(out, 0, sizeof *out);
	if (check_key(who, form, e) || scope_of(db, who, scope, sizeof scope, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db, SQL_GET, e);
	kcode c = st ? db_bind(db, st, e, KV_TEXT(who->login), KV_TEXT(form), KV_INT(record_id), KV_TEXT(scope)) : e->code;
	return db_row_read(db, st, c, read_row, out, _("There is no draft of this form."), e);
}

/* Deletes the actor's drafts taken under another scope than scope. */
static kcode prune(kdb *db, const kactor *who, const char *scope, kerr *e)
{
	if (db_begin(db, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db, SQL_PRUNE, e);
	kcode c = st ? db_bind(db, st, e, KV_TEXT(who->login), KV_TEXT(scope)) : e->code;
	return finish(db, st, c, e);
}

kcode draft_list(kdb *db, const kactor *who, draft_rec **rows, int *n, kerr *e)
{
	char scope[SCOPE_SIZE];
	*rows = NULL;
	*n = 0;
	if (!who->login[0])
		return db_denied(e);
	if (scope_of(db, who, scope, sizeof scope, e))
		return e->code;
	if (!db_is_readonly(db) && prune(db, who, scope, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db, SQL_LIST, e);
	if (!st || db_bind(db, st, e, KV_TEXT(who->login), KV_TEXT(scope)))
		return e->code;
	kpage pg = { .limit = 50 };
	void *out;
	kcode c = db_page_read(db, st, &pg, sizeof(draft_rec), read_row, release_row, &out, n, e);
	if (!c)
		*rows = out;
	return c;
}

kcode draft_delete(kdb *db, const kactor *who, const char *form, int64_t record_id, kerr *e)
{
	if (check_key(who, form, e))
		return e->code;
	if (db_begin(db, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db, SQL_DELETE, e);
	kcode c = st ? db_bind(db, st, e, KV_TEXT(who->login), KV_TEXT(form), KV_INT(record_id)) : e->code;
	return finish(db, st, c, e);
}
