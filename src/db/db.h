/* db.h — opening a kup database and knowing who acts on it.
 * This header and the db_*.h headers are the whole data-access API: the rest
 * of kup never sees SQL or sqlite3. Returned strings inside structs are owned
 * by the struct and released with the matching *_free function. */
#ifndef KUP_DB_H
#define KUP_DB_H

#include <stdint.h>
#include "err.h"
#include "login.h"

#define KUP_SCHEMA_VERSION 12
#define KUP_APPLICATION_ID 0x6b757021 /* "kup!" in the SQLite header */

typedef struct kdb kdb;

typedef enum { ROLE_EMPLOYEE = 0, ROLE_LEADER = 1, ROLE_ADMIN = 2 } krole;

/* The person on whose behalf a data function runs. */
typedef struct kactor {
	int64_t staff_id; /* 0: local owner without a staff record */
	krole role;
	char login[LOGIN_MAX + 1]; /* folded (login.h) */
	char name[121];
} kactor;

enum {
	DB_OPEN_CREATE = 1,   /* create a new file; refuse if it exists */
	DB_OPEN_READONLY = 2, /* never write */
	DB_OPEN_NOCHECK = 4,  /* skip the quick_check at open (kup check does more) */
};

kcode db_open(const char *path, int flags, kdb **out, kerr *e);
void db_close(kdb *db);
int db_is_readonly(const kdb *db);
const char *db_path(const kdb *db);
int db_schema_version(kdb *db);

/* One page of a list, by key (keyset): the rows strictly after (or, with
 * backward, strictly before) the row (after_key, after_id) in list order.
 * after_key NULL means from the start (or, backward, from the end). */
typedef struct kpage {
	const char *filter;   /* typed text; folded (case and accents) by the list */
	int year;             /* lists that are per year; 0 = all years */
	int64_t unit_id;      /* only this unit and the units below it; 0 = all */
	int64_t staff_id;     /* lists of one person's records; 0 = all */
	int64_t parent_id;    /* lists inside a record (sessions of an activity) */
	int include_inactive; /* staff, activities: show deactivated too */
	const char *after_key;
	int64_t after_id;
	int backward;
	int limit;            /* 1..500 */
} kpage;

/* Runs every pending migration step; done by db_open, exposed for tests. */
kcode db_migrate(kdb *db, kerr *e);

/* Bulk loading (demo generation): one long transaction. */
kcode db_bulk_begin(kdb *db, kerr *e);
kcode db_bulk_end(kdb *db, int commit, kerr *e);

/* Finds the staff record for login, compared folded (login.h: as sssd
 * folds AD names, so JENS@KOMMUNE.LOCAL is jens@kommune.local); the actor
 * keeps the folded login. Local owners (not shared mode) get the admin role
 * whatever the record says; as_login lets a local owner see kup as another
 * person does. A login kup could not keep (valid_login) is KE_DENIED. */
kcode db_actor_for_login(kdb *db, const char *login, int local_owner, kactor *out, kerr *e);
/* The all-powerful actor for command-line maintenance on one's own file;
 * its login is folded, "local" when there is none or it cannot be kept. */
void db_actor_local_admin(kactor *out, const char *login);

/* Database-wide checks, for `kup check`. msg gets a one-line verdict. */
kcode db_check(kdb *db, kerr *e);

/* 1 when another connection has committed a change since the last
 * call (PRAGMA data_version); the first call only starts counting. For the
 * live view, polled while a person looks at a screen. */
int db_changed(kdb *db);
/* 1 when the connection holds no transaction and no statement under
 * way, i.e. no read snapshot that would keep a checkpoint from finishing.
 * True between any two data calls; for tests. */
int db_idle(kdb *db);
/* resets any statement left under way, so no read snapshot is held
 * while the screen waits for a key (a safety net: none should be); returns
 * how many it reset. Does nothing inside a transaction. */
int db_release(kdb *db);
/* (db_backup.c) copies the database to a new file dest (refusing one
 * that exists) with SQLite's online backup while others keep working, then
 * runs integrity_check on the copy. Admins only. *pages gets its size;
 * e->msg a one-line verdict either way. A copy that fails the check is
 * removed. */
kcode db_backup(kdb *db, const kactor *who, const char *dest, int64_t *pages, kerr *e);

const char *role_name(krole r);         /* translated */
int role_parse(const char *s, krole *out); /* "employee"/"leader"/"admin" */
const char *role_code(krole r);

#endif
