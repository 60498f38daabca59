/* db_staff.h — the staff register. Records are never deleted, only
 * deactivated, because plans and the audit refer to them.
 * Strings in staff_rec are malloc'd and owned by the record: staff_free(). */
#ifndef KUP_DB_STAFF_H
#define KUP_DB_STAFF_H

#include "db.h"

typedef struct staff_rec {
	int64_t id;          /* 0 for a new record */
	int64_t version;
	char *login;         /* the system's login, "" if none; stored folded (login.h) */
	char *emp_no;        /* employee number from payroll, "" if none */
	char *name;
	char *initials;
	char *email;
	int64_t unit_id;
	char *unit_name;     /* read only */
	int64_t profession_id; /* 0 if none */
	char *profession_name; /* read only */
	krole role;
	char *title;
	char employed_from[11];
	char employed_to[11];
	int active;
	char *sort_key;      /* read only: list position */
} staff_rec;

kcode staff_list(kdb *db, const kactor *who, const kpage *pg, staff_rec **rows, int *n, kerr *e);
kcode staff_get(kdb *db, const kactor *who, int64_t id, staff_rec *out, kerr *e);
/* The record of login in any case (JENS@KOMMUNE.LOCAL finds jens@kommune.local). */
kcode staff_find_login(kdb *db, const kactor *who, const char *login, staff_rec *out, kerr *e);
/* Creates (id 0) or updates (checking version) the record; sets id/version.
 * The login is stored folded; s keeps it as given. */
kcode staff_save(kdb *db, const kactor *who, staff_rec *s, kerr *e);
kcode staff_set_active(kdb *db, const kactor *who, int64_t id, int64_t version, int active, kerr *e);
/* What deactivating a person with last working day `last_day` (ISO)
 * gives up: their requests and seats on sessions starting after it, and
 * the units they lead after it (names joined by ", ", malloc'd: free()). */
typedef struct staff_leaving {
	int seats;
	char *units;
} staff_leaving;
kcode staff_leaving_get(kdb *db, const kactor *who, int64_t id, const char *last_day, staff_leaving *out, kerr *e);
/* Admins: deactivates the person (version as read) with last_day stored as
 * employed_to; in the same audited write cancels what staff_leaving_get
 * names (the waiting lists move up) and ends those leaderships on
 * last_day. Reactivation is staff_set_active. */
kcode staff_deactivate(kdb *db, const kactor *who, int64_t id, int64_t version, const char *last_day, kerr *e);
void staff_free(staff_rec *s);
void staff_rows_free(staff_rec *rows, int n);

#endif
