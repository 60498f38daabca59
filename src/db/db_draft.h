/* db_draft.h — drafts of open forms: what someone has typed but not yet
 * saved, kept in the database per login (form name + record id) every few
 * seconds and when the connection drops, so the next start can offer it
 * back. Drafts are scratch, not records: not audited, and each person sees
 * only their own, and only those taken under the role (and, for a leader,
 * the units led) they have now: a draft taken under another scope is never
 * offered and is deleted. A draft keeps the version of the record it was
 * taken from, so a restored draft saves through the same version check as
 * any save. Strings in draft_rec are malloc'd: draft_free(). */
#ifndef KUP_DB_DRAFT_H
#define KUP_DB_DRAFT_H

#include "db.h"

typedef struct draft_rec {
	char form[41];       /* the form's stable name, e.g. "plan" */
	int64_t record_id;   /* the record edited; 0 for a new one (or its parent) */
	int64_t version;     /* the record's version the form was opened at; 0 for a new one */
	char *title;         /* the form's title when it was saved */
	char *data;          /* form_serialize() text */
	char saved_at[20];   /* UTC "YYYY-MM-DD HH:MM:SS" */
} draft_rec;

/* Stores (replaces) the actor's draft of form/record_id, taken from the
 * record at version, under the actor's scope now. */
kcode draft_save(kdb *db, const kactor *who, const char *form, int64_t record_id, int64_t version,
		 const char *title, const char *data, kerr *e);
/* The actor's draft of form/record_id taken under their scope now;
 * KE_NOTFOUND when there is none. */
kcode draft_get(kdb *db, const kactor *who, const char *form, int64_t record_id, draft_rec *out, kerr *e);
/* The actor's drafts taken under their scope now, newest first (at most
 * 50). On a writable database it first deletes the actor's drafts taken
 * under another scope (another role, other units led). */
kcode draft_list(kdb *db, const kactor *who, draft_rec **rows, int *n, kerr *e);
/* Removes the draft; no draft is not an error. */
kcode draft_delete(kdb *db, const kactor *who, const char *form, int64_t record_id, kerr *e);
void draft_free(draft_rec *d);
void draft_rows_free(draft_rec *rows, int n);

#endif
