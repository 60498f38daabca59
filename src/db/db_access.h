/* db_access.h — the record of who read whose plan, goals, evaluation or
 * follow-up (the access log a person may ask to see). The data functions
 * that read those records for someone other than the person note it
 * themselves (plan_get, plan_find, goal_list, goal_get, followup_get), so
 * every screen, print and export is covered; printing and exporting add
 * their own line. Notes are kept in memory per connection, at most one per
 * reader, person and kind in ten minutes, and written in one short
 * transaction when the front end is idle (access_log_flush), when many are
 * waiting, and at db_close; rows older than the kept days go at the same
 * time. Strings in the records are malloc'd and owned by them. */
#ifndef KUP_DB_ACCESS_H
#define KUP_DB_ACCESS_H

#include "db.h"

typedef enum {
	ACC_PLAN, ACC_GOAL, ACC_EVALUATION, ACC_FOLLOWUP, ACC_PRINT, ACC_EXPORT, ACC_COUNT
} kaccess;

/* Minutes within which a second reading of the same kind by the same
 * reader of the same person is not noted again. */
#define ACCESS_DEDUPE_MINUTES 10

/* "plan", "goal", ... as stored; and the reading in words (translated). */
const char *access_code(kaccess what);
const char *access_name(kaccess what);
int access_parse(const char *code, kaccess *out);

/* Notes that who read person subject_id's records of kind what (nothing
 * when who is that person, or the file is read-only). Never fails the
 * reading: a note that cannot be written waits for the next flush. */
void access_log_note(kdb *db, const kactor *who, int64_t subject_id, kaccess what);
/* Writes the waiting notes (and deletes the rows older than the kept
 * days, once a connection); KE_OK with nothing waiting or inside a
 * transaction (they wait for the next call). */
kcode access_log_flush(kdb *db, kerr *e);
/* Days the rows are kept; by default kup.conf's access_log_days. */
void access_log_set_days(kdb *db, int days);

typedef struct access_rec {
	int64_t id;
	char at[20];          /* UTC "YYYY-MM-DD HH:MM:SS" */
	int64_t reader_id;    /* 0: a local owner without a staff record */
	char *reader;         /* the reader's login */
	char *reader_name;    /* their name now, "" if unknown */
	char what[12];        /* access_code */
	char *sort_key;       /* list key (newest first) */
} access_rec;

/* Who read person subject_id's records, newest first, a keyset page as pg
 * says (after_key/after_id, backward, limit). The person themself and
 * admins (the data protection officer) may; anyone else is refused. The
 * waiting notes are written first, so the list is up to date. */
kcode access_log_list(kdb *db, const kactor *who, int64_t subject_id, const kpage *pg,
		      access_rec **rows, int *n, kerr *e);
void access_rows_free(access_rec *rows, int n);

/* Deletes the rows older than days before now (UTC "YYYY-MM-DD HH:MM:SS",
 * NULL: the clock's), for `kup privacy sweep`; admins only. On success
 * e->msg says how many went (KE_OK). */
kcode access_log_prune(kdb *db, const kactor *who, const char *now, int days, kerr *e);
/* The days kup.conf keeps the log (access_log_set_days, else the config's
 * access_log_days, else 365). */
int access_log_days(kdb *db);

#endif
