/* db_cycle.h — the yearly cycle's loose ends that belong to no single
 * table: what was changed in a plan after it was agreed (read from the
 * audit, so nothing needs remembering twice), and the follow-up delay per
 * activity method that admins keep. Strings in the records are malloc'd
 * and owned by them: *_free(). */
#ifndef KUP_DB_CYCLE_H
#define KUP_DB_CYCLE_H

#include "db.h"

/* A goal's changes after its plan was agreed (0 while the plan is a draft;
 * moving a goal up or down is not counted). */
typedef struct goal_change {
	int changes;         /* updates after the agreement */
	int added;           /* the goal itself was added after the agreement */
	char last_at[20];    /* UTC time of the last such change, or "" */
	char *last_by;       /* who made it (name, else login); "" if none */
} goal_change;

kcode goal_changes(kdb *db, const kactor *who, int64_t goal_id, goal_change *out, kerr *e);
void goal_change_free(goal_change *c);

/* The same for a whole plan: goals changed or added, and goals removed,
 * after the plan was agreed. */
kcode plan_changes(kdb *db, const kactor *who, int64_t plan_id, int *changed, int *removed, kerr *e);

/* Weeks from the end of a session to its follow-up's due date, per
 * activity method (every method, in activity_methods order). */
typedef struct fu_delay {
	char method[16];
	int weeks;
	int64_t version;
} fu_delay;

kcode fu_delay_list(kdb *db, const kactor *who, fu_delay **rows, int *n, kerr *e);
/* Admins only; weeks 0..104; version as read (KE_CONFLICT if changed since). */
kcode fu_delay_set(kdb *db, const kactor *who, const char *method, int weeks, int64_t version, kerr *e);

/* Sessions of peer-training and network activities starting on or after
 * `from` (ISO), by start: the places a follow-up can name as where it was
 * shared. filter narrows on the activity (accent- and case-blind). */
typedef struct share_session {
	int64_t id;
	char starts[11];
	char *title, *place;
} share_session;

kcode share_sessions(kdb *db, const kactor *who, const char *filter, const char *from, int limit,
		     share_session **rows, int *n, kerr *e);
void share_sessions_free(share_session *rows, int n);

#endif
