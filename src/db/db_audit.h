/* db_audit.h — reading the audit trail (who changed what, when) and naming
 * the people to ask for access. Audit rows are written by every audited write
 * (db_write_end) and can never be changed or deleted; this module only reads.
 * Strings in the records are malloc'd and owned by them: *_free(). */
#ifndef KUP_DB_AUDIT_H
#define KUP_DB_AUDIT_H

#include "db.h"

typedef struct audit_rec {
	int64_t id;
	char at[20];        /* UTC "YYYY-MM-DD HH:MM:SS" */
	char *login;        /* who, as recorded */
	char *name;         /* their staff name now, "" if the login has none */
	char *tbl;          /* the record's table: "plan", "goal", ... */
	int64_t row_id;
	char action[8];     /* create, update, delete */
	char *old_json;     /* the record before ("" for a create) */
	char *new_json;     /* after ("" for a delete) */
	char *sort_key;     /* list position (newest first) */
} audit_rec;

/* One changed field of an audit row, as a person reads it: the field's
 * label in the reader's language (static), and values as text, "" for
 * none — a reference by the name of what it points to, a status or other
 * code by its name (db_names.h). */
typedef struct audit_change {
	char *field;        /* the column, as the audit keeps it */
	const char *label;  /* what the forms call it */
	char *old_value;
	char *new_value;
} audit_change;

/* The history of one record (tbl, row_id), newest first, for whoever may
 * see the record (admins see all). With tbl NULL: every audit row, for
 * admins only. Keyset paging by pg->after_key/after_id/backward/limit.
 * When a row id was used again after a delete, only the history since the
 * record's last create is shown. */
kcode audit_list(kdb *db, const kactor *who, const char *tbl, int64_t row_id, const kpage *pg,
		 audit_rec **rows, int *n, kerr *e);
/* The fields one audit row changed, in field order; a create lists every
 * field with old "", a delete every field with new "". */
kcode audit_changes(kdb *db, const kactor *who, int64_t audit_id, audit_change **out, int *n, kerr *e);
void audit_free(audit_rec *r);
void audit_rows_free(audit_rec *rows, int n);
void audit_changes_free(audit_change *c, int n);

/* The active admins as "Name (login), Name (login)" in name order, for the
 * message that turns an unknown login away; "" when there is none. The
 * caller frees *out. Needs no actor: it is read before anyone is known. */
kcode audit_admin_contacts(kdb *db, char **out, kerr *e);

#endif
