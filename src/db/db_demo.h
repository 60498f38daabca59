/* db_demo.h — the demo organisation (a Danish municipality's Children &
 * Youth services, in our own words) and, for benchmarks, generated
 * municipalities of any size with five years of history, the follow-up
 * loop included (written, closed, colleagues' parts, escalation). Only
 * counts are returned; nothing is left for the caller to free. */
#ifndef KUP_DB_DEMO_H
#define KUP_DB_DEMO_H

#include "db.h"

typedef struct demo_summary {
	int units, staff, activities, sessions, plans, participations, followups;
	int colleagues; /* colleagues' parts of follow-ups */
} demo_summary;

/* Fills an empty database: nstaff 0 = the hand-written demo organisation,
 * else nstaff generated people. One transaction; all or nothing. */
kcode demo_create(kdb *db, const kactor *who, int nstaff, demo_summary *sum, kerr *e);

#endif
