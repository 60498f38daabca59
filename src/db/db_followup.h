/* db_followup.h — the follow-up after a completed participation, and the
 * colleagues' parts of it.
 *
 * A follow-up moves due -> written (the person wrote what was learned or how
 * it is used) -> closed (by the leader, who may record how the unit puts it
 * into practice). Each step falls due on its own date: the person's on the
 * follow-up's due date, the leader's some weeks after it was written
 * (setting close_weeks). A follow-up whose step is late by escalate_weeks
 * shows at the leader's leader.
 *
 * Colleagues named on a follow-up each get a part of their own: asked ->
 * answered | declined (with a reason). A colleague sees the activity, the
 * person's "learned" and "used in practice" texts and their own part —
 * nothing else of the person's plan.
 *
 * Strings in the records are malloc'd and owned by them: *_free(). */
#ifndef KUP_DB_FOLLOWUP_H
#define KUP_DB_FOLLOWUP_H

#include "db.h"
#include "db_activity.h"

typedef struct followup_rec {
	int64_t id, version;
	int64_t participation_id;
	int64_t staff_id;        /* read only */
	char *staff_name;        /* read only */
	char *activity_title;    /* read only */
	char due[11];
	char *learned, *practice, *shared_with, *leader_comment;
	char done_at[11];        /* "" while open */
	int overdue;             /* read only: open and its step past due */
	char *sort_key;          /* read only: list key */
	int64_t shared_via;      /* a peer-training or network session where it
				  * was passed on to colleagues; 0 if none */
	char *shared_via_title;  /* read only: that session's activity */
	char shared_via_starts[11]; /* read only: that session's start */
	char written_at[11];     /* read only: when the person wrote their part, "" */
	char state[8];           /* read only: "due", "written" or "closed" */
	char step_due[11];       /* read only: when the step now waiting falls
				  * due (closed: "") */
	char *action;            /* leader: how the unit puts it into practice */
	char action_date[11];    /* leader: when, ISO or "" */
	int asked, answered, declined; /* read only: the colleagues' parts */
	char *colleagues;        /* read only: the colleagues' logins (initials
				  * for one without), comma-separated */
	char session_ends[11];   /* read only: when the activity ended */
} followup_rec;

/* pg->staff_id: one person's; else all visible, open first, by due date. */
kcode followup_list(kdb *db, const kactor *who, const kpage *pg, followup_rec **rows, int *n, kerr *e);
kcode followup_get(kdb *db, const kactor *who, int64_t id, followup_rec *out, kerr *e);
/* The person writes learned/practice/shared_with/shared_via (the first
 * learned or practice text makes it written); a leader also the comment and
 * the action into practice and, with done, closes it. shared_via must be a
 * session of a peer-training or network activity. */
kcode followup_save(kdb *db, const kactor *who, followup_rec *f, int done, kerr *e);
void followup_free(followup_rec *f);
void followup_rows_free(followup_rec *rows, int n);

/* The person's leader (or an admin) starts a peer-training or network
 * session from a follow-up: s (activity_id of a peer or network activity,
 * starts, ends, place, capacity) is created and named as where the
 * follow-up was passed on (shared_via), in one write. s->id is set. */
kcode followup_start_session(kdb *db, const kactor *who, int64_t followup_id, session_rec *s, kerr *e);

/* The follow-ups that name session_id as where they were passed on (the
 * session's source), at most max, for the session's detail. */
kcode followup_sources(kdb *db, const kactor *who, int64_t session_id, int max,
		       followup_rec **rows, int *n, kerr *e);

/* ---- colleagues ---- */

typedef struct fu_colleague {
	int64_t id, version;
	int64_t followup_id;
	int64_t staff_id;         /* the colleague */
	char *name;               /* read only: the colleague's name */
	char *login;              /* read only: the colleague's login, "" */
	char state[10];           /* "asked", "answered", "declined" */
	char due[11];
	char *seen;               /* what they have seen of the new practice */
	char *own_use;            /* how they use it themselves */
	int wants_more;           /* they want to learn more */
	char *reason;             /* why they declined */
	char answered_at[11];     /* "" while asked */
	int overdue;              /* read only: asked and past due */
	/* read only: what the colleague is asked about */
	int64_t person_id;
	char *person_name, *activity_title, *learned, *practice;
	char session_ends[11];
	int fu_closed;            /* the follow-up is closed */
	char *sort_key;           /* read only: list key */
} fu_colleague;

/* pg->parent_id: the parts of one follow-up (for whoever sees the
 * follow-up; a colleague among them sees only their own part);
 * pg->staff_id: one colleague's parts (that colleague, or an admin);
 * else every part the actor may see (an admin: all; others their own).
 * Asked ones first, each by due date. */
kcode fucol_list(kdb *db, const kactor *who, const kpage *pg, fu_colleague **rows, int *n, kerr *e);
kcode fucol_get(kdb *db, const kactor *who, int64_t id, fu_colleague *out, kerr *e);
/* The person or their leader (or an admin) names an active colleague on an
 * open follow-up; their part falls due colleague_weeks from today. */
kcode fucol_ask(kdb *db, const kactor *who, int64_t followup_id, int64_t staff_id, int64_t *id, kerr *e);
/* Whom the acting person may name on followup_id (the person, their leader
 * or an admin may name): active staff of any institution but the person
 * and those already named, whose folded name or initials hold filter, by
 * name, at most limit (1..500). Only names, initials and units are shown,
 * as to anyone picking a colleague. */
typedef struct fu_candidate {
	int64_t id;
	char *name, *initials, *unit_name;
} fu_candidate;
kcode fucol_candidates(kdb *db, const kactor *who, int64_t followup_id, const char *filter, int limit,
		       fu_candidate **rows, int *n, kerr *e);
void fucol_candidates_free(fu_candidate *rows, int n);
/* The person or their leader takes back a part not yet answered. */
kcode fucol_withdraw(kdb *db, const kactor *who, int64_t id, int64_t version, kerr *e);
/* The colleague writes seen / own_use / wants_more (c->version as read).
 * An asked part can always be answered; an answered or declined one can be
 * changed while the follow-up is open. */
kcode fucol_answer(kdb *db, const kactor *who, fu_colleague *c, kerr *e);
/* The colleague declines an asked part, giving a reason. */
kcode fucol_decline(kdb *db, const kactor *who, int64_t id, int64_t version, const char *reason, kerr *e);
void fucol_free(fu_colleague *c);
void fucol_rows_free(fu_colleague *rows, int n);

/* ---- settings ---- */

/* The follow-up's settings, in weeks: "escalate_weeks" (an overdue
 * follow-up shows at the leader's leader), "colleague_weeks" (a colleague's
 * time to answer), "close_weeks" (the leader's time to close a written
 * follow-up). */
typedef struct fu_setting {
	char key[20];
	int weeks;
	int64_t version;
} fu_setting;

extern const char *const fu_setting_keys[]; /* NULL-terminated */
kcode fu_setting_list(kdb *db, const kactor *who, fu_setting **rows, int *n, kerr *e);
/* Admins only; weeks 0..104; version as read (KE_CONFLICT if changed since). */
kcode fu_setting_set(kdb *db, const kactor *who, const char *key, int weeks, int64_t version, kerr *e);

#endif
