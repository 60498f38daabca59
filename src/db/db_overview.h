/* db_overview.h — the Overblik: what needs doing in the yearly cycle. For
 * the acting person their own plan, sessions, requests and follow-ups; for a
 * leader also everyone in the units they lead (an admin: everyone). Each
 * section is read in keyset pages and counted with indexed queries, so the
 * cost follows what is shown, not the size of the organisation.
 * Strings in ov_row are malloc'd and owned by the row: ov_rows_free(). */
#ifndef KUP_DB_OVERVIEW_H
#define KUP_DB_OVERVIEW_H

#include "db.h"

typedef enum {
	OV_MY_PLAN,      /* my plan of the year (a 'P' row) and its goals ('G') */
	OV_MY_SESSIONS,  /* my seats and waiting-list places not yet over ('R') */
	OV_MY_REQUESTS,  /* my requests waiting, and refusals of sessions to come ('R') */
	OV_MY_FOLLOWUPS, /* my open follow-ups ('F'; status: due or written) */
	OV_MY_COLLEAGUE, /* colleagues' follow-ups I am asked to write ('C') */
	OV_NO_PLAN,      /* people I lead without a plan for the year ('S') */
	OV_TO_AGREE,     /* their draft plans of the year ('P') */
	OV_REQUESTS,     /* their requests waiting for a decision ('R') */
	OV_FOLLOWUPS,    /* their open follow-ups, earliest due first ('F';
			  * status: due, or written = ready for the leader) */
	OV_SOON,         /* their sessions starting soon ('R') */
	OV_TO_EVALUATE,  /* their agreed plans, from November of the year on ('P') */
	OV_ESCALATED,    /* follow-ups late by the escalation weeks of the
			  * people led by the leaders one level down (an
			  * admin: all of them) ('F') */
	OV_COUNT
} ov_section;

/* The sections that are about the people one leads. */
#define OV_IS_LED(s) ((s) >= OV_NO_PLAN)

/* What "soon" and "due" mean for a reading. */
typedef struct ov_when {
	int year;       /* the plan year */
	int soon_days;  /* OV_SOON: sessions starting within this many days */
	int due_days;   /* follow-ups due within this many days (overdue ones
			 * always); negative: every open one */
} ov_when;

typedef struct ov_row {
	char kind;           /* 'P' plan, 'G' goal, 'S' staff member,
			      * 'R' participation, 'F' follow-up,
			      * 'C' a colleague's part of a follow-up */
	int64_t id;          /* the record of that kind */
	int64_t staff_id;    /* the person it is about */
	int64_t plan_id;     /* 'P', 'G' */
	int64_t session_id;  /* 'R', 'F', 'C' */
	int64_t activity_id; /* 'R', 'F', 'C' */
	int64_t part_id;     /* 'R', 'F', 'C': the participation */
	char *name;          /* the person ('C': whose follow-up it is) */
	char *what;          /* 'G' the goal, 'R'/'F'/'C' the activity, 'S'/'P' the unit */
	char date[11];       /* 'P' MUS date, 'G' deadline, 'R' session start,
			      * 'F' when its waiting step falls due, 'C' the
			      * part's due date; ISO or "" */
	char status[12];     /* plan, goal or participation status; 'F' the
			      * follow-up's state (due, written); 'C' asked */
	int flag;            /* 'P' accepted by the person, 'F' its step is
			      * overdue, 'C' overdue */
	int64_t followup_id; /* 'F' (= id), 'C': the follow-up */
	int goals, done;     /* 'P': goals, goals done */
	int wait_pos;        /* 'R': place on the waiting list, 0 if none */
	char *sort_key;      /* keyset key within the section */
} ov_row;

typedef struct ov_counts {
	int n[OV_COUNT];     /* rows of each section, up to its cap */
	int cap_led, cap_own; /* counts stop here (n >= cap: "cap or more"): of
			      * the sections about the people led and of one's own */
	int my_overdue;      /* of OV_MY_FOLLOWUPS, still to write and past due */
	int led_overdue;     /* of OV_FOLLOWUPS, the step waiting past due */
	int led_written;     /* of OV_FOLLOWUPS, written: ready to close */
	int colleague_overdue; /* of OV_MY_COLLEAGUE, past due */
	int64_t my_plan_id;  /* 0: no plan of mine this year */
	char my_plan_status[12];
	int my_goals, my_goals_done, my_plan_accepted;
} ov_counts;

/* One page of a section; pg->after_key/after_id/backward/limit are used,
 * the rest of pg is ignored (the section and w say what is listed). */
kcode overview_list(kdb *db, const kactor *who, ov_section s, const ov_when *w, const kpage *pg,
		    ov_row **rows, int *n, kerr *e);
kcode overview_count(kdb *db, const kactor *who, const ov_when *w, ov_counts *out, kerr *e);
void ov_row_free(ov_row *r);
void ov_rows_free(ov_row *rows, int n);

/* Current unit leaders, by staff id after after_id (admins only), for
 * reminders sent to each of them. Strings owned by the row: ov_person_free. */
typedef struct ov_person {
	int64_t id;
	char *login, *name, *email;
} ov_person;
kcode overview_leaders(kdb *db, const kactor *who, int64_t after_id, int limit,
		       ov_person **rows, int *n, kerr *e);
void ov_people_free(ov_person *rows, int n);

/* Changes whenever anything was committed to the database, by this
 * connection or another: for caches of what was read. */
int64_t db_data_stamp(kdb *db);

#endif
