/* db_activity.h — the catalogue of development activities and their
 * sessions (hold), with seats taken and free.
 * Strings in the records are malloc'd and owned by them: *_free(). */
#ifndef KUP_DB_ACTIVITY_H
#define KUP_DB_ACTIVITY_H

#include "db.h"

/* Method codes, in the order they are offered; method_name() translates. */
extern const char *const activity_methods[]; /* NULL-terminated */
const char *method_name(const char *code);

typedef struct activity_rec {
	int64_t id, version;
	char *title;
	char method[16];
	char *provider;
	char *description;
	double ects;          /* < 0: none */
	double hours;         /* < 0: none */
	int64_t price;        /* kroner per participant */
	int cross_prof;
	int active;
	int64_t competence_ids[8]; int n_competences;
	int64_t profession_ids[16]; int n_professions;
	int sessions;         /* read only */
	char *sort_key;       /* read only */
} activity_rec;

typedef struct session_rec {
	int64_t id, version;
	int64_t activity_id;
	char *activity_title;  /* read only */
	char starts[11], ends[11], signup_deadline[11];
	char *place;
	int capacity;
	int taken;             /* read only: enrolled + completed */
	int waiting;           /* read only: waitlisted */
	int requested;         /* read only: requested, not yet decided */
} session_rec;

kcode activity_list(kdb *db, const kactor *who, const kpage *pg, activity_rec **rows, int *n, kerr *e);
kcode activity_get(kdb *db, const kactor *who, int64_t id, activity_rec *out, kerr *e);
kcode activity_save(kdb *db, const kactor *who, activity_rec *a, kerr *e);
kcode activity_set_active(kdb *db, const kactor *who, int64_t id, int64_t version, int active, kerr *e);
void activity_free(activity_rec *a);
void activity_rows_free(activity_rec *rows, int n);

/* Sessions of pg->parent_id (an activity), or with 0 all sessions starting in
 * pg->year; ordered by start date. Keyset key: the start date. */
kcode session_list(kdb *db, const kactor *who, const kpage *pg, session_rec **rows, int *n, kerr *e);
kcode session_get(kdb *db, const kactor *who, int64_t id, session_rec *out, kerr *e);
kcode session_save(kdb *db, const kactor *who, session_rec *s, kerr *e);
kcode session_delete(kdb *db, const kactor *who, int64_t id, int64_t version, kerr *e);
void session_free(session_rec *s);
void session_rows_free(session_rec *rows, int n);

#endif
