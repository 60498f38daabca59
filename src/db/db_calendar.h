/* db_calendar.h — the course days that belong in a person's calendar: their
 * sessions with the activity's title, the place and the provider, for the
 * calendar files (files/ical_export.h). Which participations count is
 * decided here once (see db_calendar.c). Strings in the rows are malloc'd
 * and owned by them: cal_free / cal_rows_free. */
#ifndef KUP_DB_CALENDAR_H
#define KUP_DB_CALENDAR_H

#include "db.h"

typedef struct cal_row {
	int64_t part_id;     /* 0: the session alone, nobody's seat */
	int64_t session_id;
	int64_t version;     /* the session's version plus the seat's: grows with a change of either */
	char *title;         /* the activity's */
	char *place;         /* the session's; "" when not given */
	char *provider;      /* the activity's; "" when not given */
	char *description;   /* the activity's; "" when not given */
	char starts[11], ends[11]; /* ISO, both days included */
	char status[12];     /* the participation's; "" for the session alone */
	int cancelled;       /* the seat was given up: the calendar should drop the event */
} cal_row;

/* Most rows cal_person hands back: the person's latest sessions. Nobody
 * takes part in that many; the bound keeps one call's memory small. */
#define CAL_MAX 1000

/* staff_id's sessions for a calendar, by start (the CAL_MAX latest). The
 * person themselves, their leader or an admin; others KE_DENIED. */
kcode cal_person(kdb *db, const kactor *who, int64_t staff_id, cal_row **rows, int *n, kerr *e);
/* One participation as a calendar row; KE_STATE when it holds no seat (a
 * request, a waiting place, a rejection) and so no days in a calendar. */
kcode cal_part(kdb *db, const kactor *who, int64_t part_id, cal_row *out, kerr *e);
/* One session: the acting person's own seat on it when they hold one (so
 * the event is the same as in their export), else the session alone. */
kcode cal_session(kdb *db, const kactor *who, int64_t session_id, cal_row *out, kerr *e);
void cal_free(cal_row *r);
void cal_rows_free(cal_row *rows, int n);

#endif
