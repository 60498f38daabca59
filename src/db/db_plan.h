/* db_plan.h — yearly development plans (one per person per year) and their
 * goals. Status runs draft -> agreed -> evaluated.
 * Strings in the records are malloc'd and owned by them: *_free(). */
#ifndef KUP_DB_PLAN_H
#define KUP_DB_PLAN_H

#include "db.h"

typedef struct plan_rec {
	int64_t id, version;
	int64_t staff_id;
	char *staff_name;     /* read only */
	char *unit_name;      /* read only */
	int year;
	char status[12];      /* draft, agreed, evaluated */
	char mus_date[11];    /* ISO or "" */
	char *notes;
	int64_t agreed_by;    /* read only (plan_agree) */
	char *agreed_by_name; /* read only */
	char agreed_at[20];   /* read only, UTC "YYYY-MM-DD HH:MM:SS" or "" */
	char accepted_at[20]; /* read only */
	char *evaluation;
	int64_t evaluated_by; /* read only */
	char evaluated_at[20];
	int goals, goals_done;/* read only */
	char *sort_key;       /* read only: the person's sort key (list order) */
} plan_rec;

typedef struct goal_rec {
	int64_t id, version;
	int64_t plan_id;
	int pos;
	int64_t competence_id;
	char *competence_name; /* read only, current language */
	int64_t focus_id;      /* 0 if none */
	char *focus_title;     /* read only */
	char *what, *why, *criteria;
	char deadline[11];
	char status[12];       /* open, in_progress, done, dropped */
	char *result;          /* what was reached (evaluation) */
	int64_t carried_from;  /* read only: goal of last year's plan */
} goal_rec;

/* Plans of pg->year (required) in the order of the persons' names;
 * pg->filter matches the person, pg->unit_id a unit subtree,
 * pg->staff_id one person (all years if pg->year is 0). */
kcode plan_list(kdb *db, const kactor *who, const kpage *pg, plan_rec **rows, int *n, kerr *e);
kcode plan_get(kdb *db, const kactor *who, int64_t id, plan_rec *out, kerr *e);
/* The plan of a person in a year; KE_NOTFOUND if there is none. */
kcode plan_find(kdb *db, const kactor *who, int64_t staff_id, int year, plan_rec *out, kerr *e);
/* Creates (id 0: staff_id, year, mus_date, notes) or updates mus_date/notes. */
kcode plan_save(kdb *db, const kactor *who, plan_rec *p, kerr *e);
kcode plan_delete(kdb *db, const kactor *who, int64_t id, int64_t version, kerr *e);
void plan_free(plan_rec *p);
void plan_rows_free(plan_rec *rows, int n);

/* The leader of the person (or an admin with a staff record) agrees a draft
 * plan that has at least one goal; records who and when. */
kcode plan_agree(kdb *db, const kactor *who, int64_t id, int64_t version, kerr *e);
/* The person themself records having accepted the agreed plan. */
kcode plan_accept(kdb *db, const kactor *who, int64_t id, kerr *e);
/* The leader (or an admin with a staff record) closes an agreed plan with
 * an evaluation text (required). */
kcode plan_evaluate(kdb *db, const kactor *who, int64_t id, int64_t version,
		    const char *evaluation, kerr *e);
/* The leader (or an admin) who may evaluate the plan reopens an evaluated
 * one: it is agreed again, its evaluation text kept for the next
 * evaluation (KE_STATE unless evaluated; version as read). */
kcode plan_reopen(kdb *db, const kactor *who, int64_t id, int64_t version, kerr *e);
/* Starts next year's draft plan for the same person with copies of the
 * goals still open or in progress (carried_from set); *new_id gets its id. */
kcode plan_carry_over(kdb *db, const kactor *who, int64_t id, int64_t *new_id, kerr *e);

/* All goals of a plan, by position (a plan has a handful). */
kcode goal_list(kdb *db, const kactor *who, int64_t plan_id, goal_rec **rows, int *n, kerr *e);
kcode goal_get(kdb *db, const kactor *who, int64_t id, goal_rec *out, kerr *e);
kcode goal_save(kdb *db, const kactor *who, goal_rec *g, kerr *e); /* id 0: add at the end */
kcode goal_delete(kdb *db, const kactor *who, int64_t id, int64_t version, kerr *e);
kcode goal_move(kdb *db, const kactor *who, int64_t id, int delta, kerr *e); /* -1 up, +1 down */
void goal_free(goal_rec *g);
void goal_rows_free(goal_rec *rows, int n);

#endif
