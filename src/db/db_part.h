/* db_part.h — participation (a person on a session); completing one makes
 * its follow-up (db_followup.h). Status: requested -> rejected | enrolled | waitlisted -> completed |
 * cancelled | noshow. Seats are never overbooked: every change that takes a
 * seat counts them inside the same BEGIN IMMEDIATE transaction.
 * Strings in the records are malloc'd and owned by them: *_free(). */
#ifndef KUP_DB_PART_H
#define KUP_DB_PART_H

#include "db.h"
#include "db_followup.h"

typedef struct part_rec {
	int64_t id, version;
	int64_t staff_id, session_id, goal_id;
	char *staff_name;       /* read only */
	char *activity_title;   /* read only */
	char starts[11];        /* read only: session start */
	char status[12];
	char requested_at[20];  /* read only */
	char *note;             /* leader's note on approval */
	char *reason;           /* reason for a rejection */
	int wait_pos;           /* 0 unless waitlisted */
	int64_t price;
	char *sort_key;         /* read only: list key */
	int64_t activity_id;    /* read only */
	char ends[11];          /* read only: session end */
	int64_t followup_id;    /* read only: its follow-up, 0 if none */
	char fu_due[11];        /* read only: the follow-up's due date */
	int fu_done;            /* read only: the follow-up is closed */
	char fu_state[8];       /* read only: "due", "written", "closed" or "" */
	char fu_step_due[11];   /* read only: when its waiting step falls due */
} part_rec;

/* pg->staff_id: one person's; pg->parent_id: one session's; else all of
 * pg->year (by session start). Ordered by session start, then name. */
kcode part_list(kdb *db, const kactor *who, const kpage *pg, part_rec **rows, int *n, kerr *e);
kcode part_get(kdb *db, const kactor *who, int64_t id, part_rec *out, kerr *e);
/* The person asks to join (goal optional). Refused after the deadline. */
kcode part_request(kdb *db, const kactor *who, int64_t staff_id, int64_t session_id,
		   int64_t goal_id, int64_t *id, kerr *e);
/* Leader/admin: approve (a seat, else the waiting list) or reject (reason required). */
kcode part_approve(kdb *db, const kactor *who, int64_t id, const char *note, kerr *e);
kcode part_reject(kdb *db, const kactor *who, int64_t id, const char *reason, kerr *e);
/* The same, decided on the participation as read at version: someone
 * else's change since then (another leader's decision) is KE_CONFLICT
 * naming them, as for any other record, so a form can ask what to do. */
kcode part_approve_at(kdb *db, const kactor *who, int64_t id, int64_t version, const char *note, kerr *e);
kcode part_reject_at(kdb *db, const kactor *who, int64_t id, int64_t version, const char *reason, kerr *e);
/* Leader/admin shortcut: put someone straight on a session (seat or waiting list). */
kcode part_enrol(kdb *db, const kactor *who, int64_t staff_id, int64_t session_id,
		 int64_t goal_id, int64_t *id, kerr *e);
/* Cancel; the first on the waiting list moves up. */
kcode part_cancel(kdb *db, const kactor *who, int64_t id, kerr *e);
/* Leader/admin: completed (creates the follow-up) or noshow. */
kcode part_complete(kdb *db, const kactor *who, int64_t id, int noshow, kerr *e);
/* Leader/admin: the price of this participation (whole kroner; it starts as
 * the activity's price per participant). */
kcode part_set_price(kdb *db, const kactor *who, int64_t id, int64_t version, int64_t price, kerr *e);
void part_free(part_rec *p);
void part_rows_free(part_rec *rows, int n);


#endif
