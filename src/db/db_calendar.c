/* db_calendar.c — see db_calendar.h. Which participations are course days
 * in a calendar: those holding a seat — enrolled (and approved, which older
 * data may hold), completed, and no-show (the seat was booked for those
 * days; a calendar is a record of what was booked) — and a cancelled seat of
 * a session not yet over, written as cancelled so a calendar that got the
 * booking drops it. A request, a waiting place or a rejection holds no
 * days: it stays out until a seat is given. */
#include "db_calendar.h"
#include "db_internal.h"
#include "db_names.h"
#include "i18n.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CAL_SEAT "('enrolled','approved','completed','noshow')"
#define CAL_COLS "coalesce(p.id,0), se.id, se.version + coalesce(p.version,0), a.title, se.place," \
	" a.provider, a.description, se.starts, se.ends, coalesce(p.status,'')"
#define CAL_FROM " FROM participation p JOIN session se ON se.id = p.session_id" \
	" JOIN activity a ON a.id = se.activity_id"

/* ?1 person, ?2 most rows: the latest by start, handed back by start. */
static const char SQL_CAL_PERSON[] = "SELECT * FROM (SELECT " CAL_COLS CAL_FROM
	" WHERE p.staff_id = ?1 AND (p.status IN " CAL_SEAT
	"   OR (p.status = 'cancelled' AND se.ends >= kup_today()))"
	" ORDER BY se.starts DESC, se.id DESC LIMIT ?2) ORDER BY 8, 2";
static const char SQL_CAL_PART[] = "SELECT " CAL_COLS ", p.staff_id" CAL_FROM " WHERE p.id = ?1";
/* ?1 session, ?2 the acting person */
static const char SQL_CAL_SESSION[] = "SELECT " CAL_COLS " FROM session se"
	" JOIN activity a ON a.id = se.activity_id"
	" LEFT JOIN participation p ON p.session_id = se.id AND p.staff_id = ?2 AND p.status IN " CAL_SEAT
	" WHERE se.id = ?1";

static const size_t cal_texts[] = {
	offsetof(cal_row, title), offsetof(cal_row, place), offsetof(cal_row, provider),
	offsetof(cal_row, description),
};

DB_FREE_FUNCS(cal_free, cal_rows_free, cal_row, cal_texts)

static int cal_read(sqlite3_stmt *st, void *row)
{
	cal_row *r = row;
	memset(r, 0, sizeof *r);
	r->part_id = sqlite3_column_int64(st, 0);
	r->session_id = sqlite3_column_int64(st, 1);
	r->version = sqlite3_column_int64(st, 2);
	if (db_read_texts(st, 3, r, cal_texts, 4))
		return -1;
	snprintf(r->starts, sizeof r->starts, "%s", sqlite3_column_text(st, 7));
	snprintf(r->ends, sizeof r->ends, "%s", sqlite3_column_text(st, 8));
	snprintf(r->status, sizeof r->status, "%s", sqlite3_column_text(st, 9));
	r->cancelled = !strcmp(r->status, "cancelled");
	return 0;
}

static void cal_release(void *row) { cal_free(row); }

kcode cal_person(kdb *db, const kactor *who, int64_t staff_id, cal_row **rows, int *n, kerr *e)
{
	*rows = NULL;
	*n = 0;
	if (!scope_sees_staff(db, who, staff_id))
		return db_denied(e);
	sqlite3_stmt *st = db_stmt(db, SQL_CAL_PERSON, e);
	kcode c = st ? db_bind(db, st, e, KV_INT(staff_id), KV_INT(CAL_MAX)) : e->code;
	return db_rows_read(db, st, c, sizeof **rows, CAL_MAX, cal_read, cal_release, (void **)rows, n, e);
}

struct part_cal { cal_row r; int64_t staff_id; };

static int part_cal_read(sqlite3_stmt *st, void *row)
{
	struct part_cal *p = row;
	if (cal_read(st, &p->r))
		return -1;
	p->staff_id = sqlite3_column_int64(st, 10);
	return 0;
}

kcode cal_part(kdb *db, const kactor *who, int64_t part_id, cal_row *out, kerr *e)
{
	struct part_cal p;
	memset(out, 0, sizeof *out);
	if (db_get_row(db, SQL_CAL_PART, part_id, part_cal_read, &p, sizeof p, _("No such participation."), e))
		return e->code;
	if (!scope_sees_staff(db, who, p.staff_id)) {
		cal_free(&p.r);
		return db_denied(e);
	}
	if (strcmp(p.r.status, "enrolled") && strcmp(p.r.status, "approved") && strcmp(p.r.status, "completed") &&
	    strcmp(p.r.status, "noshow") && !p.r.cancelled) {
		kcode c = kerr_set(e, KE_STATE, _("Only a participation with a seat has days in a calendar; this one is %s."),
				   part_status_name(p.r.status));
		cal_free(&p.r);
		return c;
	}
	*out = p.r;
	return KE_OK;
}

kcode cal_session(kdb *db, const kactor *who, int64_t session_id, cal_row *out, kerr *e)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(db, SQL_CAL_SESSION, e);
	kcode c = st ? db_bind(db, st, e, KV_INT(session_id), KV_INT(who->staff_id)) : e->code;
	return db_row_read(db, st, c, cal_read, out, _("No such session."), e);
}
