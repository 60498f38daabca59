/* db_overview.c — the Overblik sections; see db_overview.h. Every section
 * is one SELECT body with the same seventeen columns, used three ways: a page
 * forward, a page backward (keyset on the section's key and the row id) and
 * a count. All take the same parameters:
 *   ?1 actor's staff id, ?2 role (0 employee, 1 leader, 2 admin), ?3 year,
 *   ?4 today, ?5 last day of "soon", ?6/?7 keyset position, ?8 limit,
 *   ?9 last due day of the follow-ups listed, ?10 the day before which a
 *   waiting follow-up has escalated. */
#include "db_overview.h"
#include "date.h"
#include "db_internal.h"
#include "i18n.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The people the actor leads: an admin everyone, a leader those whose
 * manager unit is one they lead (never themselves), an employee nobody. */
#define OV_LEADS(X) "(?2 = 2 OR (?2 = 1 AND " X ".id <> ?1 AND " SQL_MANAGER_UNIT(X) " IN led))"

/* The first column of the key is repeated on its own so that an index on
 * it serves the range. */
#define PAGE_FWD(K, I) " AND " K " >= ?6 AND (" K ", " I ") > (?6, ?7) ORDER BY " K ", " I " LIMIT ?8"
#define PAGE_BACK(K, I) " AND " K " <= ?6 AND (" K ", " I ") < (?6, ?7) ORDER BY " K " DESC, " I " DESC LIMIT ?8"

/* Counts stop: the screen then says "100+" or "1000+". Read from the led
 * units they cost what the leader's people have (at most MANY, below), so
 * they may go on to 1000; read org-wide (an admin, a leader near the top)
 * the cost of a count is the rows passed over until the cap is reached, so
 * it stops at 100 — nobody acts on the 101st without paging there, and the
 * first screen so costs the same in a municipality of 1 000 as of 100 000
 * (34 ms at 100 000 with 1000, where 1 000 staff took 6 ms). */
#define CAP_ORG "100"
#define CAP_LED "1000"

/* A leader's sections start from the units led, through the staff in them
 * (staff_unit), so they cost what the leader's people have, whatever the
 * size of the organisation; an admin's (and a top leader's, see
 * leads_many) read the section's own table in key order instead. */
#define LED_STAFF(X) " FROM led CROSS JOIN staff " X " ON " X ".unit_id = led.id"

#define PART_SEL(KEY) "SELECT 'R', p.id, p.staff_id, 0, se.id, a.id, p.id, st.name, a.title," \
	" se.starts, p.status, 0, 0, 0, coalesce(p.wait_pos, 0), " KEY ", 0"
#define PART_REST " JOIN session se ON se.id = p.session_id JOIN activity a ON a.id = se.activity_id"
#define PART_ORG " FROM participation p JOIN staff st ON st.id = p.staff_id" PART_REST
/* each person's participations by person and status: with a keyset on
 * requested_at the planner would otherwise walk every open request
 * (participation_status) once per person */
#define PART_LED LED_STAFF("st") " CROSS JOIN participation p INDEXED BY participation_staff ON p.staff_id = st.id" \
	" CROSS JOIN session se ON se.id = p.session_id CROSS JOIN activity a ON a.id = se.activity_id"
/* the flag: the step now waiting (the person's, or once written the
 * leader's) is past due */
#define FU_SEL "SELECT 'F', f.id, p.staff_id, 0, se.id, a.id, p.id, st.name, a.title," \
	" coalesce(" SQL_FU_STEP_DUE("f") ", f.due), " \
	SQL_FU_STATE("f") ", " SQL_FU_LATE("f", "?4") ", 0, 0, 0, f.due, f.id"
#define FU_REST " JOIN session se ON se.id = p.session_id JOIN activity a ON a.id = se.activity_id"
#define FU_ORG " FROM followup f JOIN participation p ON p.id = f.participation_id" \
	" JOIN staff st ON st.id = p.staff_id" FU_REST
/* only a completed participation has a follow-up: the status narrows the
 * walk through each person's participations (participation_staff) */
#define FU_LED LED_STAFF("st") " CROSS JOIN participation p ON p.staff_id = st.id AND p.status = 'completed'" \
	" CROSS JOIN followup f ON f.participation_id = p.id" FU_REST
#define PLAN_SEL "SELECT 'P', p.id, p.staff_id, p.id, 0, 0, 0, s.name, un.name," \
	" coalesce(p.mus_date, ''), p.status, p.accepted_at IS NOT NULL," \
	" (SELECT count(*) FROM goal g WHERE g.plan_id = p.id)," \
	" (SELECT count(*) FROM goal g WHERE g.plan_id = p.id AND g.status = 'done'), 0, s.sort_key, 0"
/* org-wide in the people's order (staff_sort), each one's plan of the year
 * looked up: a page costs a page of people, not a sort of every plan */
#define PLAN_ORG " FROM staff s CROSS JOIN plan p ON p.staff_id = s.id AND p.year = ?3" \
	" JOIN unit un ON un.id = s.unit_id"
#define PLAN_LED LED_STAFF("s") " CROSS JOIN plan p ON p.staff_id = s.id AND p.year = ?3" \
	" JOIN unit un ON un.id = s.unit_id"

/* ---- the sections ---- */

/* The plan's own row first (key "!"), then its goals by position ("~" and
 * the position); the union's columns are named for the keyset. */
#define MY_PLAN_BODY "SELECT * FROM (SELECT 'P' AS kind, p.id AS id, p.staff_id AS sid, p.id AS pid," \
	" 0 AS ses, 0 AS act, 0 AS part, s.name AS name, un.name AS what, coalesce(p.mus_date, '') AS day," \
	" p.status AS status, p.accepted_at IS NOT NULL AS flag," \
	" (SELECT count(*) FROM goal g WHERE g.plan_id = p.id) AS goals," \
	" (SELECT count(*) FROM goal g WHERE g.plan_id = p.id AND g.status = 'done') AS done," \
	" 0 AS wp, '!' AS k, 0 AS fu FROM plan p JOIN staff s ON s.id = p.staff_id JOIN unit un ON un.id = s.unit_id" \
	" WHERE p.staff_id = ?1 AND p.year = ?3" \
	" UNION ALL SELECT 'G', g.id, p.staff_id, p.id, 0, 0, 0, s.name, g.what," \
	" coalesce(g.deadline, ''), g.status, 0, 0, 0, 0, printf('~%08d', g.pos), 0" \
	" FROM goal g JOIN plan p ON p.id = g.plan_id JOIN staff s ON s.id = p.staff_id" \
	" WHERE p.staff_id = ?1 AND p.year = ?3) x WHERE 1"
#define MY_SESSIONS_BODY PART_SEL("se.starts") PART_ORG " WHERE p.staff_id = ?1" \
	" AND p.status IN ('approved','enrolled','waitlisted') AND se.ends >= ?4"
#define MY_REQUESTS_BODY PART_SEL("p.requested_at") PART_ORG " WHERE p.staff_id = ?1" \
	" AND (p.status = 'requested' OR (p.status = 'rejected' AND se.starts >= ?4))"
/* one person's: from their participations, not from every open follow-up */
#define MY_FOLLOWUPS_BODY FU_SEL " FROM participation p CROSS JOIN followup f ON f.participation_id = p.id" \
	" JOIN staff st ON st.id = p.staff_id" FU_REST \
	" WHERE p.staff_id = ?1 AND f.done_at IS NULL AND f.due <= ?9"
/* the parts of colleagues' follow-ups one is asked to write, through the
 * index on the colleague (followup_colleague_staff) */
#define MY_COLLEAGUE_BODY "SELECT 'C', c.id, p.staff_id, 0, se.id, a.id, p.id, st.name, a.title, c.due," \
	" c.state, c.due < ?4, 0, 0, 0, c.due, c.followup_id FROM followup_colleague c" \
	" JOIN followup f ON f.id = c.followup_id JOIN participation p ON p.id = f.participation_id" \
	" JOIN staff st ON st.id = p.staff_id" FU_REST " WHERE c.staff_id = ?1 AND c.state = 'asked'"

#define NO_PLAN_SEL "SELECT 'S', s.id, s.id, 0, 0, 0, 0, s.name, u.name, '', '', 0, 0, 0, 0, s.sort_key, 0"
#define NO_PLAN_ORG " FROM staff s JOIN unit u ON u.id = s.unit_id"
#define NO_PLAN_LED LED_STAFF("s") " JOIN unit u ON u.id = s.unit_id"
#define NO_PLAN_WHERE " WHERE s.active AND " OV_LEADS("s") \
	" AND NOT EXISTS (SELECT 1 FROM plan x WHERE x.staff_id = s.id AND x.year = ?3)"
#define TO_AGREE_WHERE " WHERE p.year = ?3 AND p.status = 'draft' AND " OV_LEADS("s")
#define REQUESTS_WHERE " WHERE p.status = 'requested' AND " OV_LEADS("st")
/* from the led units: each person's requests (PART_LED) */
#define REQUESTS_WHERE_L REQUESTS_WHERE
#define FOLLOWUPS_WHERE " WHERE f.done_at IS NULL AND f.due <= ?9 AND " OV_LEADS("st")
/* org-wide from the sessions that start soon (session_starts) */
#define SOON_ORG " FROM session se CROSS JOIN participation p ON p.session_id = se.id" \
	" JOIN staff st ON st.id = p.staff_id JOIN activity a ON a.id = se.activity_id"
/* "+": the status narrows rows found otherwise, it must not pick the index */
#define SOON_WHERE " WHERE se.starts >= ?4 AND se.starts <= ?5" \
	" AND +p.status IN ('approved','enrolled','waitlisted') AND " OV_LEADS("st")
/* Escalation: a follow-up whose waiting step is late by the escalation
 * weeks shows at the leader's leader — the leaders of the unit above the
 * person's manager unit (an admin sees all). Read from the follow-ups late
 * that long (followup_due), few in a well-kept organisation. */
#define ESC_CUTOFF "?10"
#define DIRECT_UNITS "(SELECT ul.unit_id FROM unit_leader ul WHERE ul.staff_id = ?1 AND " SQL_LEADS_NOW("ul") ")"
#define ESC_LATE " " SQL_FU_LATE("f", ESC_CUTOFF)
#define ESC_BELOW(X) "(?2 = 1 AND " X ".id <> ?1 AND " SQL_MANAGER_UNIT(X) " NOT IN " DIRECT_UNITS \
	" AND (SELECT eu.parent_id FROM unit eu WHERE eu.id = " SQL_MANAGER_UNIT(X) ") IN " DIRECT_UNITS ")"
#define ESCALATED_WHERE " WHERE" ESC_LATE " AND (?2 = 2 OR " ESC_BELOW("st") ")"
/* the count reads no names: for an admin no person at all */
#define ESCALATED_CNT "SELECT 1 FROM followup f WHERE" ESC_LATE " AND (?2 = 2 OR EXISTS (SELECT 1" \
	" FROM participation px JOIN staff sx ON sx.id = px.staff_id WHERE px.id = f.participation_id" \
	" AND " ESC_BELOW("sx") "))"
/* The same for a leader, from the people one level down: those whose
 * manager unit is a unit just below one the leader leads — its own staff
 * (but for its leaders) and the leaders of the units below it — and their
 * participations (participation_staff), so it costs what those people
 * have, not every late follow-up of the organisation. The body continues
 * the WITH of SQL_LED_UNITS. */
#define ESCALATED_L_CTE ", esc(id) AS (SELECT u.id FROM unit_leader ul CROSS JOIN unit u ON u.parent_id = ul.unit_id" \
	" WHERE ul.staff_id = ?1 AND " SQL_LEADS_NOW("ul") " AND u.id NOT IN " DIRECT_UNITS ")," \
	" cand(id) AS (SELECT s.id FROM esc CROSS JOIN staff s ON s.unit_id = esc.id WHERE NOT EXISTS" \
	"  (SELECT 1 FROM unit_leader x WHERE x.staff_id = s.id AND x.unit_id = s.unit_id AND " SQL_LEADS_NOW("x") ")" \
	" UNION SELECT x.staff_id FROM esc CROSS JOIN unit c ON c.parent_id = esc.id" \
	"  CROSS JOIN unit_leader x ON x.unit_id = c.id AND " SQL_LEADS_NOW("x") \
	"  CROSS JOIN staff xs ON xs.id = x.staff_id AND xs.unit_id = c.id) "
#define ESCALATED_L_SEL FU_SEL ESCALATED_L_FROM
#define ESCALATED_L_FROM " FROM cand CROSS JOIN staff st ON st.id = cand.id" \
	" CROSS JOIN participation p INDEXED BY participation_staff ON p.staff_id = st.id AND p.status = 'completed'" \
	" CROSS JOIN followup f ON f.participation_id = p.id" FU_REST \
	" WHERE ?2 = 1 AND st.id <> ?1 AND f.done_at IS NULL AND f.due < " ESC_CUTOFF \
	" AND " SQL_FU_LATE("f", ESC_CUTOFF)
#define TO_EVALUATE_WHERE " WHERE p.year = ?3 AND p.status = 'agreed'" \
	" AND ?4 >= printf('%04d-11-01', ?3) AND " OV_LEADS("s")

/* Org-wide counts need only whether a row is in — no names, no titles —
 * and read what they test from covering indexes (plan_year,
 * participation_session, followup_due, staff_unit). The scope test names
 * only the person's id, so for an admin (?2 = 2, true at once) no staff
 * row is read at all. The same rows as the section's SELECT: every join
 * left out there is to a parent a foreign key guarantees. */
#define OV_LEADS_ID(COL) "(?2 = 2 OR EXISTS (SELECT 1 FROM staff lx WHERE lx.id = " COL " AND " OV_LEADS("lx") "))"
/* in id order: each person's plan is then looked up next to the last one's
 * (plan's unique index is by staff id), a few pages instead of one a person */
#define NO_PLAN_CNT "SELECT 1 FROM staff s NOT INDEXED" NO_PLAN_WHERE
#define PLAN_CNT(STATUS) "SELECT 1 FROM plan p WHERE p.year = ?3 AND p.status = '" STATUS "' AND " \
	OV_LEADS_ID("p.staff_id")
#define TO_AGREE_CNT PLAN_CNT("draft")
#define TO_EVALUATE_CNT PLAN_CNT("agreed") " AND ?4 >= printf('%04d-11-01', ?3)"
#define REQUESTS_CNT "SELECT 1 FROM participation p WHERE p.status = 'requested' AND " OV_LEADS_ID("p.staff_id")
#define FOLLOWUPS_CNT "SELECT 1 FROM followup f WHERE f.done_at IS NULL AND f.due <= ?9 AND (?2 = 2" \
	" OR EXISTS (SELECT 1 FROM participation px WHERE px.id = f.participation_id AND " \
	OV_LEADS_ID("px.staff_id") "))"
#define SOON_CNT "SELECT 1 FROM session se CROSS JOIN participation p ON p.session_id = se.id" \
	" WHERE se.starts >= ?4 AND se.starts <= ?5 AND +p.status IN ('approved','enrolled','waitlisted')" \
	" AND " OV_LEADS_ID("p.staff_id")

#define SECTION_C(NAME, BODY, COUNT_BODY, KEY, ID, CAP) \
	static const char NAME##_FWD[] = SQL_LED_UNITS " " BODY PAGE_FWD(KEY, ID); \
	static const char NAME##_BACK[] = SQL_LED_UNITS " " BODY PAGE_BACK(KEY, ID); \
	static const char NAME##_COUNT[] = SQL_LED_UNITS " SELECT count(*) FROM (" COUNT_BODY " LIMIT " CAP ")";
/* One's own sections: a person's own rows, never many. */
#define SECTION(NAME, BODY, KEY, ID) SECTION_C(NAME, BODY, BODY, KEY, ID, CAP_LED)
/* A section about the people led: the org-wide and the led-units form;
 * a count computes no columns, only whether a row is in. */
#define LED_SECTION2(NAME, SEL, ORG, LED, WHERE, WHERE_L, KEY, ID) \
	SECTION_C(NAME, SEL ORG WHERE, NAME##_CNT, KEY, ID, CAP_ORG) \
	SECTION_C(NAME##_L, SEL LED WHERE_L, "SELECT 1" LED WHERE_L, KEY, ID, CAP_LED)
#define LED_SECTION(NAME, SEL, ORG, LED, WHERE, KEY, ID) LED_SECTION2(NAME, SEL, ORG, LED, WHERE, WHERE, KEY, ID)

SECTION(MY_PLAN, MY_PLAN_BODY, "x.k", "x.id")
SECTION(MY_SESSIONS, MY_SESSIONS_BODY, "se.starts", "p.id")
SECTION(MY_REQUESTS, MY_REQUESTS_BODY, "p.requested_at", "p.id")
SECTION(MY_FOLLOWUPS, MY_FOLLOWUPS_BODY, "f.due", "f.id")
SECTION(MY_COLLEAGUE, MY_COLLEAGUE_BODY, "c.due", "c.id")
SECTION_C(ESCALATED, FU_SEL FU_ORG ESCALATED_WHERE, ESCALATED_CNT, "f.due", "f.id", CAP_ORG)
static const char ESCALATED_L_FWD[] = SQL_LED_UNITS ESCALATED_L_CTE ESCALATED_L_SEL PAGE_FWD("f.due", "f.id");
static const char ESCALATED_L_BACK[] = SQL_LED_UNITS ESCALATED_L_CTE ESCALATED_L_SEL PAGE_BACK("f.due", "f.id");
static const char ESCALATED_L_COUNT[] = SQL_LED_UNITS ESCALATED_L_CTE " SELECT count(*) FROM (SELECT 1" ESCALATED_L_FROM
	" LIMIT " CAP_LED ")";
LED_SECTION(NO_PLAN, NO_PLAN_SEL, NO_PLAN_ORG, NO_PLAN_LED, NO_PLAN_WHERE, "s.sort_key", "s.id")
LED_SECTION(TO_AGREE, PLAN_SEL, PLAN_ORG, PLAN_LED, TO_AGREE_WHERE, "s.sort_key", "p.id")
LED_SECTION2(REQUESTS, PART_SEL("p.requested_at"), PART_ORG, PART_LED, REQUESTS_WHERE, REQUESTS_WHERE_L,
	     "p.requested_at", "p.id")
LED_SECTION(FOLLOWUPS, FU_SEL, FU_ORG, FU_LED, FOLLOWUPS_WHERE, "f.due", "f.id")
LED_SECTION(SOON, PART_SEL("se.starts"), SOON_ORG, PART_LED, SOON_WHERE, "se.starts", "p.id")
LED_SECTION(TO_EVALUATE, PLAN_SEL, PLAN_ORG, PLAN_LED, TO_EVALUATE_WHERE, "s.sort_key", "p.id")

/* one's own overdue: still to write; a written one waits for the leader */
static const char MY_OVERDUE[] = SQL_LED_UNITS " SELECT count(*) FROM (" MY_FOLLOWUPS_BODY
	" AND f.due < ?4 AND f.written_at IS NULL LIMIT " CAP_LED ")";
static const char COLLEAGUE_OVERDUE[] = SQL_LED_UNITS " SELECT count(*) FROM (" MY_COLLEAGUE_BODY
	" AND c.due < ?4 LIMIT " CAP_LED ")";
#define STEP_LATE " AND f.due < ?4 AND " SQL_FU_LATE("f", "?4")
static const char LED_OVERDUE[] = SQL_LED_UNITS " SELECT count(*) FROM (" FOLLOWUPS_CNT
	STEP_LATE " LIMIT " CAP_ORG ")";
static const char LED_OVERDUE_L[] = SQL_LED_UNITS " SELECT count(*) FROM (SELECT 1" FU_LED FOLLOWUPS_WHERE
	STEP_LATE " LIMIT " CAP_LED ")";
/* org-wide from the index that holds just the written ones waiting (an
 * admin passes only those); from the led units through each person's
 * participations, so a leader's count costs what the leader's people
 * have, however many wait elsewhere */
#define WRITTEN_CNT "SELECT 1 FROM followup f INDEXED BY followup_written WHERE f.done_at IS NULL" \
	" AND f.written_at IS NOT NULL AND f.due <= ?9 AND (?2 = 2 OR EXISTS (SELECT 1 FROM participation px" \
	" WHERE px.id = f.participation_id AND " OV_LEADS_ID("px.staff_id") "))"
static const char LED_WRITTEN[] = SQL_LED_UNITS " SELECT count(*) FROM (" WRITTEN_CNT " LIMIT " CAP_ORG ")";
static const char LED_WRITTEN_L[] = SQL_LED_UNITS " SELECT count(*) FROM (SELECT 1" FU_LED FOLLOWUPS_WHERE
	" AND f.written_at IS NOT NULL LIMIT " CAP_LED ")";
static const char MY_PLAN_HEAD[] = "SELECT p.id, p.status, p.accepted_at IS NOT NULL,"
	" (SELECT count(*) FROM goal g WHERE g.plan_id = p.id),"
	" (SELECT count(*) FROM goal g WHERE g.plan_id = p.id AND g.status = 'done')"
	" FROM plan p WHERE p.staff_id = ?1 AND p.year = ?2";
/* How many people the leader's units hold, up to the point where reading
 * org-wide in key order is the cheaper way (a leader near the top). */
#define MANY "2000"
static const char LEADS_MANY[] = SQL_LED_UNITS " SELECT count(*) > " MANY " FROM (SELECT 1 FROM led"
	" JOIN staff s ON s.unit_id = led.id LIMIT " MANY " + 1)";

struct sqls { const char *fwd, *back, *count; };
static const struct { struct sqls org, led; } sections[OV_COUNT] = {
	[OV_MY_PLAN] = { { MY_PLAN_FWD, MY_PLAN_BACK, MY_PLAN_COUNT }, { NULL, NULL, NULL } },
	[OV_MY_SESSIONS] = { { MY_SESSIONS_FWD, MY_SESSIONS_BACK, MY_SESSIONS_COUNT }, { NULL, NULL, NULL } },
	[OV_MY_REQUESTS] = { { MY_REQUESTS_FWD, MY_REQUESTS_BACK, MY_REQUESTS_COUNT }, { NULL, NULL, NULL } },
	[OV_MY_FOLLOWUPS] = { { MY_FOLLOWUPS_FWD, MY_FOLLOWUPS_BACK, MY_FOLLOWUPS_COUNT }, { NULL, NULL, NULL } },
	[OV_MY_COLLEAGUE] = { { MY_COLLEAGUE_FWD, MY_COLLEAGUE_BACK, MY_COLLEAGUE_COUNT }, { NULL, NULL, NULL } },
#define BOTH(N) { { N##_FWD, N##_BACK, N##_COUNT }, { N##_L_FWD, N##_L_BACK, N##_L_COUNT } }
	[OV_NO_PLAN] = BOTH(NO_PLAN),
	[OV_TO_AGREE] = BOTH(TO_AGREE),
	[OV_REQUESTS] = BOTH(REQUESTS),
	[OV_FOLLOWUPS] = BOTH(FOLLOWUPS),
	[OV_SOON] = BOTH(SOON),
	[OV_TO_EVALUATE] = BOTH(TO_EVALUATE),
	[OV_ESCALATED] = BOTH(ESCALATED),
#undef BOTH
};

/* Whether who's sections start from the units led: a leader, unless the
 * units hold so many people that the org-wide reading is cheaper. */
static kcode from_led(kdb *db, const kactor *who, int *led, kerr *e)
{
	int64_t many = 0;
	*led = 0;
	if (who->role != ROLE_LEADER)
		return KE_OK;
	if (db_scalar(db, LEADS_MANY, who->staff_id, &many, e))
		return e->code;
	*led = !many;
	return KE_OK;
}

/* A leader's escalations are always read from the people one level down:
 * read org-wide they would pass every long-late follow-up of the
 * organisation to find the few that are the leader's (at 100 000 staff
 * with five years of history, seconds). */
static const struct sqls *sqls_of(ov_section s, int led, const kactor *who)
{
	if (s == OV_ESCALATED && who->role == ROLE_LEADER)
		led = 1;
	return led && sections[s].led.fwd ? &sections[s].led : &sections[s].org;
}

/* The dates a reading needs: today, the end of "soon", the last due day. */
struct ov_dates { char today[11], soon[11], due[11], esc[11]; };

static kcode ov_dates_get(const ov_when *w, struct ov_dates *d, kerr *e)
{
	if (date_today(d->today) != 0)
		return kerr_set(e, KE_IO, "%s", _("Cannot read today's date from the system clock."));
	if (w->year < 2000 || w->year > 2199)
		return kerr_set(e, KE_INVALID, "%s", _("The year must be between 2000 and 2199."));
	int soon = w->soon_days < 0 ? 0 : w->soon_days > 3650 ? 3650 : w->soon_days;
	if (date_add_days(d->today, soon, d->soon) != 0)
		snprintf(d->soon, sizeof d->soon, "2199-12-31");
	if (w->due_days < 0 || date_add_days(d->today, w->due_days > 3650 ? 3650 : w->due_days, d->due) != 0)
		snprintf(d->due, sizeof d->due, "9999-12-31");
	return KE_OK;
}

/* The day before which a waiting step has escalated (escalate_weeks). */
static kcode ov_escalation(kdb *db, struct ov_dates *d, kerr *e)
{
	int64_t weeks = 4;
	if (db_scalar(db, "SELECT coalesce((SELECT weeks FROM followup_setting WHERE key = 'escalate_weeks'), 4)",
		      0, &weeks, e))
		return e->code;
	if (date_add_days(d->today, -(int)weeks * 7, d->esc) != 0)
		snprintf(d->esc, sizeof d->esc, "0000-01-01");
	return KE_OK;
}

static kcode bind_all(kdb *db, sqlite3_stmt *st, const kactor *who, const ov_when *w,
		      const struct ov_dates *d, const char *key, int64_t id, int limit, kerr *e)
{
	return db_bind_prefix(db, st, e, KV_INT(who->staff_id), KV_INT((int)who->role), KV_INT((int64_t)w->year), KV_TEXT(d->today),
		       KV_TEXT(d->soon), KV_TEXT(key), KV_INT(id), KV_INT(limit), KV_TEXT(d->due), KV_TEXT(d->esc));
}

static const size_t ov_row_texts[] = {
	offsetof(ov_row, name), offsetof(ov_row, what), offsetof(ov_row, sort_key),
};

DB_FREE_FUNCS(ov_row_free, ov_rows_free, ov_row, ov_row_texts)

static int ov_read(sqlite3_stmt *st, void *row)
{
	ov_row *r = row;
	memset(r, 0, sizeof *r);
	const unsigned char *k = sqlite3_column_text(st, 0);
	r->kind = k ? (char)k[0] : '?';
	r->id = sqlite3_column_int64(st, 1);
	r->staff_id = sqlite3_column_int64(st, 2);
	r->plan_id = sqlite3_column_int64(st, 3);
	r->session_id = sqlite3_column_int64(st, 4);
	r->activity_id = sqlite3_column_int64(st, 5);
	r->part_id = sqlite3_column_int64(st, 6);
	r->name = col_text(st, 7);
	r->what = col_text(st, 8);
	snprintf(r->date, sizeof r->date, "%s", sqlite3_column_text(st, 9) ? (const char *)sqlite3_column_text(st, 9) : "");
	snprintf(r->status, sizeof r->status, "%s", sqlite3_column_text(st, 10) ? (const char *)sqlite3_column_text(st, 10) : "");
	r->flag = sqlite3_column_int(st, 11);
	r->goals = sqlite3_column_int(st, 12);
	r->done = sqlite3_column_int(st, 13);
	r->wait_pos = sqlite3_column_int(st, 14);
	r->sort_key = col_text(st, 15);
	r->followup_id = sqlite3_column_int64(st, 16);
	if (!r->name || !r->what || !r->sort_key) {
		ov_row_free(r);
		return -1;
	}
	return 0;
}

static void ov_release(void *row)
{
	ov_row_free(row);
}

kcode overview_list(kdb *db, const kactor *who, ov_section s, const ov_when *w, const kpage *pg,
		    ov_row **rows, int *n, kerr *e)
{
	*rows = NULL;
	*n = 0;
	if ((int)s < 0 || s >= OV_COUNT)
		return kerr_set(e, KE_INVALID, "%s", _("No such part of the overview."));
	struct ov_dates d;
	if (ov_dates_get(w, &d, e) || ov_escalation(db, &d, e))
		return e->code;
	const char *key;
	int64_t id;
	int led;
	if (from_led(db, who, &led, e))
		return e->code;
	db_page_start(pg, &key, &id);
	const struct sqls *q = sqls_of(s, led, who);
	sqlite3_stmt *st = db_stmt(db, pg->backward ? q->back : q->fwd, e);
	if (!st)
		return e->code;
	if (bind_all(db, st, who, w, &d, key, id, db_page_limit(pg), e)) {
		sqlite3_reset(st);
		return e->code;
	}
	return db_page_read(db, st, pg, sizeof **rows, ov_read, ov_release, (void **)rows, n, e);
}

static kcode count_one(kdb *db, const char *sql, const kactor *who, const ov_when *w,
		       const struct ov_dates *d, int *out, kerr *e)
{
	int64_t v = 0;
	sqlite3_stmt *st = db_stmt(db, sql, e);
	kcode c = st ? bind_all(db, st, who, w, d, "", 0, 1, e) : e->code;
	if (db_row_read(db, st, c, db_read_int64, &v, NULL, e))
		return e->code;
	*out = (int)v;
	return KE_OK;
}

static int my_plan_read(sqlite3_stmt *st, void *row)
{
	ov_counts *out = row;
	out->my_plan_id = sqlite3_column_int64(st, 0);
	snprintf(out->my_plan_status, sizeof out->my_plan_status, "%s", sqlite3_column_text(st, 1));
	out->my_plan_accepted = sqlite3_column_int(st, 2);
	out->my_goals = sqlite3_column_int(st, 3);
	out->my_goals_done = sqlite3_column_int(st, 4);
	return 0;
}

static kcode my_plan_head(kdb *db, const kactor *who, int year, ov_counts *out, kerr *e)
{
	if (!who->staff_id)
		return KE_OK;
	sqlite3_stmt *st = db_stmt(db, MY_PLAN_HEAD, e);
	kcode c = st ? db_bind(db, st, e, KV_INT(who->staff_id), KV_INT(year)) : e->code;
	return db_row_read(db, st, c, my_plan_read, out, NULL, e);
}

kcode overview_count(kdb *db, const kactor *who, const ov_when *w, ov_counts *out, kerr *e)
{
	memset(out, 0, sizeof *out);
	struct ov_dates d;
	int led;
	if (ov_dates_get(w, &d, e) || ov_escalation(db, &d, e) || from_led(db, who, &led, e))
		return e->code;
	out->cap_led = atoi(led ? CAP_LED : CAP_ORG);
	out->cap_own = atoi(CAP_LED);
	for (int s = 0; s < OV_COUNT; s++) {
		/* an employee leads nobody: no need to ask */
		if (OV_IS_LED(s) && who->role == ROLE_EMPLOYEE)
			continue;
		if (!OV_IS_LED(s) && !who->staff_id)
			continue;
		if (count_one(db, sqls_of(s, led, who)->count, who, w, &d, &out->n[s], e))
			return e->code;
	}
	if (who->staff_id && (count_one(db, MY_OVERDUE, who, w, &d, &out->my_overdue, e) ||
			      count_one(db, COLLEAGUE_OVERDUE, who, w, &d, &out->colleague_overdue, e)))
		return e->code;
	if (who->role != ROLE_EMPLOYEE &&
	    (count_one(db, led ? LED_OVERDUE_L : LED_OVERDUE, who, w, &d, &out->led_overdue, e) ||
	     count_one(db, led ? LED_WRITTEN_L : LED_WRITTEN, who, w, &d, &out->led_written, e)))
		return e->code;
	return my_plan_head(db, who, w->year, out, e);
}

/* ---- leaders, for reminders ---- */

static const size_t person_texts[] = {
	offsetof(ov_person, login), offsetof(ov_person, name), offsetof(ov_person, email),
};

static void person_free(void *row)
{
	db_free_texts(row, person_texts, 3);
}

DB_ROWS_FREE(ov_people_free, ov_person, person_free)

static int person_read(sqlite3_stmt *st, void *row)
{
	((ov_person *)row)->id = sqlite3_column_int64(st, 0);
	return db_read_texts(st, 1, row, person_texts, 3);
}

kcode overview_leaders(kdb *db, const kactor *who, int64_t after_id, int limit,
		       ov_person **rows, int *n, kerr *e)
{
	*rows = NULL;
	*n = 0;
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	if (limit < 1 || limit > 500)
		limit = 500;
	sqlite3_stmt *st = db_stmt(db, "SELECT s.id, coalesce(s.login,''), s.name, coalesce(s.email,'')"
		" FROM staff s WHERE s.active AND s.id > ?1 AND EXISTS (SELECT 1 FROM unit_leader l"
		" WHERE l.staff_id = s.id AND " SQL_LEADS_NOW("l") ") ORDER BY s.id LIMIT ?2", e);
	kcode c = st ? db_bind(db, st, e, KV_INT(after_id), KV_INT(limit)) : e->code;
	return db_rows_read(db, st, c, sizeof **rows, limit, person_read, person_free, (void **)rows, n, e);
}

int64_t db_data_stamp(kdb *db)
{
	int64_t version = 0;
	kerr e;
	if (db_scalar(db, "PRAGMA data_version", 0, &version, &e))
		version = -1;
	/* data_version moves for other connections' commits, total_changes
	 * for this connection's own */
	return sqlite3_total_changes64(db->h) * 1000003 + version;
}
