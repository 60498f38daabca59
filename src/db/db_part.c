/* db_part.c — participation; see db_part.h (completing one makes its
 * follow-up; the follow-up itself is db_followup.c). Every change of
 * status is one BEGIN IMMEDIATE write that re-reads the row first, so two
 * leaders deciding at the same moment can never both take the last seat. */
#include "db_part.h"
#include "date.h"
#include "db_internal.h"
#include "i18n.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_codes[] = {
	"requested", "approved", "rejected", "enrolled", "waitlisted",
	"completed", "cancelled", "noshow", NULL
};
static const char *const status_names[] = {
	N_("Requested"), N_("Approved"), N_("Rejected"), N_("Enrolled"), N_("Wait-listed"),
	N_("Completed"), N_("Cancelled"), N_("No-show"), NULL
};

/* For messages; the screens have their own (ui_pick.c). */
static const char *status_label(const char *code)
{
	for (int i = 0; code && status_codes[i]; i++)
		if (!strcmp(code, status_codes[i]))
			return _(status_names[i]);
	return code ? code : "";
}

/* ---- reading participations ---- */

#define PART_KEY "se.starts || st.sort_key"
#define PART_COLS \
	"p.id, p.version, p.staff_id, p.session_id, coalesce(p.goal_id,0), st.name, a.title," \
	" se.starts, p.status, p.requested_at, p.note, p.reason, coalesce(p.wait_pos,0), p.price, " PART_KEY \
	", a.id, se.ends, coalesce(fu.id,0), coalesce(fu.due,''), fu.done_at IS NOT NULL," \
	" CASE WHEN fu.id IS NULL THEN '' ELSE " SQL_FU_STATE("fu") " END, coalesce(" SQL_FU_STEP_DUE("fu") ",'')"
#define PART_FROM " FROM participation p JOIN staff st ON st.id = p.staff_id" \
	" JOIN session se ON se.id = p.session_id JOIN activity a ON a.id = se.activity_id" \
	" LEFT JOIN followup fu ON fu.participation_id = p.id"
/* ?1 actor, ?2 role, ?3 person (0: any), ?4 session (0: any), ?5 year of the
 * session start (0: any), ?6 folded filter, ?7/?8 keyset, ?9 limit */
#define PART_WHERE " WHERE " SQL_SEES_STAFF("st") \
	" AND (?3 = 0 OR p.staff_id = ?3) AND (?4 = 0 OR p.session_id = ?4)" \
	" AND (?5 = 0 OR (se.starts >= printf('%04d-01-01', ?5)" \
	"   AND se.starts < printf('%04d-01-01', ?5 + 1)))" \
	" AND (?6 IS NULL OR instr(st.fold, ?6) > 0 OR instr(a.fold, ?6) > 0)"

static const char SQL_PART_FWD[] = SQL_LED_UNITS " SELECT " PART_COLS PART_FROM PART_WHERE
	" AND (" PART_KEY ", p.id) > (?7, ?8) ORDER BY " PART_KEY ", p.id LIMIT ?9";
static const char SQL_PART_BACK[] = SQL_LED_UNITS " SELECT " PART_COLS PART_FROM PART_WHERE
	" AND (" PART_KEY ", p.id) < (?7, ?8) ORDER BY " PART_KEY " DESC, p.id DESC LIMIT ?9";
/* one person's or one session's participations. "?3 = 0 OR ..."
 * hides the equality from the planner, which then scans every
 * participation; the plain equality added here lets it use the index. */
#define PART_ONE(SEL, CMP, DESC) SQL_LED_UNITS " SELECT " PART_COLS PART_FROM PART_WHERE \
	" AND " SEL " AND (" PART_KEY ", p.id) " CMP " (?7, ?8) ORDER BY " PART_KEY DESC ", p.id" DESC " LIMIT ?9"
static const char SQL_PART_STAFF_FWD[] = PART_ONE("p.staff_id = ?3", ">", "");
static const char SQL_PART_STAFF_BACK[] = PART_ONE("p.staff_id = ?3", "<", " DESC");
static const char SQL_PART_SESSION_FWD[] = PART_ONE("p.session_id = ?4", ">", "");
static const char SQL_PART_SESSION_BACK[] = PART_ONE("p.session_id = ?4", "<", " DESC");
static const char SQL_PART_GET[] = "SELECT " PART_COLS PART_FROM " WHERE p.id = ?";
static const char SQL_PART_JSON[] = "SELECT json_object('staff_id',staff_id,'session_id',session_id,"
	"'goal_id',goal_id,'status',status,'decided_by',decided_by,'decided_at',decided_at,"
	"'note',note,'reason',reason,'wait_pos',wait_pos,'price',price) FROM participation WHERE id = ?";

static const size_t part_texts[] = {
	offsetof(part_rec, staff_name), offsetof(part_rec, activity_title), offsetof(part_rec, note),
	offsetof(part_rec, reason), offsetof(part_rec, sort_key),
};

DB_FREE_FUNCS(part_free, part_rows_free, part_rec, part_texts)

static int part_read(sqlite3_stmt *st, part_rec *p)
{
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	p->version = sqlite3_column_int64(st, 1);
	p->staff_id = sqlite3_column_int64(st, 2);
	p->session_id = sqlite3_column_int64(st, 3);
	p->goal_id = sqlite3_column_int64(st, 4);
	p->staff_name = col_text(st, 5);
	p->activity_title = col_text(st, 6);
	snprintf(p->starts, sizeof p->starts, "%s", sqlite3_column_text(st, 7));
	snprintf(p->status, sizeof p->status, "%s", sqlite3_column_text(st, 8));
	snprintf(p->requested_at, sizeof p->requested_at, "%s", sqlite3_column_text(st, 9));
	p->note = col_text(st, 10);
	p->reason = col_text(st, 11);
	p->wait_pos = sqlite3_column_int(st, 12);
	p->price = sqlite3_column_int64(st, 13);
	p->sort_key = col_text(st, 14);
	p->activity_id = sqlite3_column_int64(st, 15);
	snprintf(p->ends, sizeof p->ends, "%s", sqlite3_column_text(st, 16));
	p->followup_id = sqlite3_column_int64(st, 17);
	snprintf(p->fu_due, sizeof p->fu_due, "%s", sqlite3_column_text(st, 18));
	p->fu_done = sqlite3_column_int(st, 19);
	snprintf(p->fu_state, sizeof p->fu_state, "%s", sqlite3_column_text(st, 20));
	snprintf(p->fu_step_due, sizeof p->fu_step_due, "%s", sqlite3_column_text(st, 21));
	if (!p->staff_name || !p->activity_title || !p->note || !p->reason || !p->sort_key) {
		part_free(p);
		return -1;
	}
	return 0;
}

static int part_read_v(sqlite3_stmt *st, void *row) { return part_read(st, row); }
static void part_free_v(void *row) { part_free(row); }

kcode part_list(kdb *db, const kactor *who, const kpage *pg, part_rec **rows, int *n, kerr *e)
{
	*rows = NULL;
	*n = 0;
	char *fold;
	const char *key;
	int64_t id;
	if (db_page_begin(pg, &fold, &key, &id, e))
		return e->code;
	const char *sql = pg->staff_id ? (pg->backward ? SQL_PART_STAFF_BACK : SQL_PART_STAFF_FWD)
			: pg->parent_id ? (pg->backward ? SQL_PART_SESSION_BACK : SQL_PART_SESSION_FWD)
			: pg->backward ? SQL_PART_BACK : SQL_PART_FWD;
	sqlite3_stmt *st = db_stmt(db, sql, e);
	kcode c = st ? db_bind_prefix(db, st, e, KV_INT(who->staff_id), KV_INT((int)who->role), KV_INT(pg->staff_id),
			       KV_INT(pg->parent_id), KV_INT(pg->parent_id ? 0 : pg->year), KV_TEXT(fold), KV_TEXT(key), KV_INT(id),
			       KV_INT(db_page_limit(pg))) : e->code;
	free(fold);
	return db_page_bound(db, st, c, pg, sizeof **rows, part_read_v, part_free_v, (void **)rows, n, e);
}

kcode part_get(kdb *db, const kactor *who, int64_t id, part_rec *out, kerr *e)
{
	if (db_get_row(db, SQL_PART_GET, id, part_read_v, out, sizeof *out, _("No such participation."), e))
		return e->code;
	if (!scope_sees_staff(db, who, out->staff_id)) {
		part_free(out);
		return db_denied(e);
	}
	return KE_OK;
}

/* ---- seats ---- */

/* Gives participation id a seat if one is free, else the next place on the
 * waiting list. Runs inside the write that decided it, so the count holds. */
static kcode seat(kdb *db, const kactor *who, int64_t id, int64_t session_id, const char *note, kerr *e)
{
	int64_t full = 0;
	if (db_scalar(db, "SELECT (SELECT count(*) FROM participation WHERE session_id = ?1"
			  " AND status IN ('enrolled','completed')) >= capacity FROM session WHERE id = ?1",
			  session_id, &full, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db, "UPDATE participation SET"
		" status = CASE WHEN ?3 THEN 'waitlisted' ELSE 'enrolled' END,"
		" wait_pos = CASE WHEN ?3 THEN (SELECT coalesce(max(wait_pos), 0) + 1 FROM participation"
		"   WHERE session_id = ?2 AND status = 'waitlisted') END,"
		" note = coalesce(?4, note), decided_by = ?5, decided_at = datetime('now'),"
		" version = version + 1 WHERE id = ?1", e);
	if (!st || db_bind(db, st, e, KV_INT(id), KV_INT(session_id), KV_INT(full ? 1 : 0), KV_TEXT(note), KV_ID0(who->staff_id)))
		return e->code;
	return db_exec_stmt(db, st, e);
}

kcode part_fill_seats(kdb *db, const kactor *who, int64_t session_id, kerr *e)
{
	int64_t free_seats = 0;
	if (db_scalar(db, "SELECT capacity - (SELECT count(*) FROM participation WHERE session_id = ?1"
			  " AND status IN ('enrolled','completed')) FROM session WHERE id = ?1",
			  session_id, &free_seats, e))
		return e->code;
	for (; free_seats > 0; free_seats--) {
		int64_t next = 0;
		if (db_scalar(db, "SELECT id FROM participation WHERE session_id = ?"
				  " AND status = 'waitlisted' ORDER BY wait_pos, id LIMIT 1", session_id, &next, e))
			return e->code;
		if (!next)
			break;
		sqlite3_stmt *st = db_stmt(db, "UPDATE participation SET status = 'enrolled',"
					       " wait_pos = NULL, version = version + 1 WHERE id = ?", e);
		if (!st || db_bind(db, st, e, KV_INT(next)) ||
		    db_audited_update(db, who, "participation", SQL_PART_JSON, next, st, e))
			return e->code;
	}
	return KE_OK;
}

/* ---- signing up ---- */

/* What a sign-up needs to know, read inside its write. */
struct target {
	char name[121];
	int found_staff, staff_active;
	int found_session, activity_active;
	char deadline[11];
	char title[161];
	int64_t price;
	int64_t existing;   /* participation of this person on this session, or 0 */
	char status[12];
};

static kcode target_load(kdb *db, int64_t staff_id, int64_t session_id, struct target *t, kerr *e)
{
	memset(t, 0, sizeof *t);
	sqlite3_stmt *st = db_stmt(db,
		"SELECT st.id IS NOT NULL, coalesce(st.name,''), coalesce(st.active,0), se.id IS NOT NULL,"
		" coalesce(se.signup_deadline,''), coalesce(a.active,0), coalesce(a.title,''), coalesce(a.price,0),"
		" coalesce(p.id,0), coalesce(p.status,'')"
		" FROM (SELECT 1) LEFT JOIN staff st ON st.id = ?1 LEFT JOIN session se ON se.id = ?2"
		" LEFT JOIN activity a ON a.id = se.activity_id"
		" LEFT JOIN participation p ON p.staff_id = ?1 AND p.session_id = ?2", e);
	if (!st || db_bind(db, st, e, KV_INT(staff_id), KV_INT(session_id)))
		return e->code;
	if (db_step(db, st, e) != SQLITE_ROW)
		return e->code;
	t->found_staff = sqlite3_column_int(st, 0);
	snprintf(t->name, sizeof t->name, "%s", sqlite3_column_text(st, 1));
	t->staff_active = sqlite3_column_int(st, 2);
	t->found_session = sqlite3_column_int(st, 3);
	snprintf(t->deadline, sizeof t->deadline, "%s", sqlite3_column_text(st, 4));
	t->activity_active = sqlite3_column_int(st, 5);
	snprintf(t->title, sizeof t->title, "%s", sqlite3_column_text(st, 6));
	t->price = sqlite3_column_int64(st, 7);
	t->existing = sqlite3_column_int64(st, 8);
	snprintf(t->status, sizeof t->status, "%s", sqlite3_column_text(st, 9));
	sqlite3_reset(st);
	return KE_OK;
}

static kcode check_goal(kdb *db, int64_t goal_id, int64_t staff_id, const char *name, kerr *e)
{
	if (!goal_id)
		return KE_OK;
	sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM goal g JOIN plan pl ON pl.id = g.plan_id"
				       " WHERE g.id = ?1 AND pl.staff_id = ?2", e);
	if (!st || db_bind(db, st, e, KV_INT(goal_id), KV_INT(staff_id)))
		return e->code;
	if (db_step(db, st, e) != SQLITE_ROW)
		return e->code;
	int ok = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return ok ? KE_OK : kerr_set(e, KE_INVALID, _("The chosen goal is not in a development plan of %s."), name);
}

/* A cancelled or rejected sign-up may be made again (the one row per person
 * and session is reused); a request still open may be seated by a leader. */
static int reusable(const struct target *t, int by_leader)
{
	return !strcmp(t->status, "cancelled") || !strcmp(t->status, "rejected") ||
	       (by_leader && !strcmp(t->status, "requested"));
}

static kcode check_signup(kdb *db, const struct target *t, int64_t staff_id, int64_t goal_id,
			  int by_leader, kerr *e)
{
	if (!t->found_staff)
		return kerr_set(e, KE_NOTFOUND, "%s", _("No such staff member."));
	if (!t->found_session)
		return kerr_set(e, KE_NOTFOUND, "%s", _("No such session."));
	if (!t->staff_active)
		return kerr_set(e, KE_STATE, _("%s is deactivated and cannot be signed up."), t->name);
	if (!t->activity_active)
		return kerr_set(e, KE_STATE, _("The activity '%s' is no longer offered."), t->title);
	if (t->existing && !reusable(t, by_leader))
		return kerr_field(e, KE_EXISTS, "staff_id", _("%s is already signed up for this session."), t->name);
	if (!by_leader && t->deadline[0]) { /* a leader may still put someone on */
		char today[11], shown[11];
		if (db_today(today, e))
			return e->code;
		if (strcmp(today, t->deadline) > 0) {
			date_format(t->deadline, shown);
			return kerr_set(e, KE_STATE, _("The sign-up deadline for this session was %s."), shown);
		}
	}
	return check_goal(db, goal_id, staff_id, t->name, e);
}

/* Writes the request row: a new one, or the reused one (then the write
 * becomes an update of that row, with its old values kept for the audit). */
static kcode write_request(kdb *db, kwrite *w, const struct target *t, int64_t staff_id,
			   int64_t session_id, int64_t goal_id, kerr *e)
{
	sqlite3_stmt *st;
	if (!t->existing) {
		st = db_stmt(db, "INSERT INTO participation(goal_id, price, staff_id, session_id)"
			     " VALUES (?1, ?2, ?3, ?4)", e);
		if (!st || db_bind(db, st, e, KV_ID0(goal_id), KV_INT(t->price), KV_INT(staff_id), KV_INT(session_id)) ||
		    db_exec_stmt(db, st, e))
			return e->code;
		w->id = db_last_id(db);
		return KE_OK;
	}
	w->id = t->existing;
	w->action = "update";
	if (db_row_json(db, SQL_PART_JSON, w->id, &w->old, e))
		return e->code;
	if (!strcmp(t->status, "requested")) { /* open request: the seat() that follows decides it */
		if (!goal_id)
			return KE_OK;
		st = db_stmt(db, "UPDATE participation SET goal_id = ?1 WHERE id = ?2", e);
		if (!st || db_bind(db, st, e, KV_INT(goal_id), KV_INT(w->id)))
			return e->code;
		return db_exec_stmt(db, st, e);
	}
	st = db_stmt(db, "UPDATE participation SET status = 'requested', goal_id = ?1,"
		     " requested_at = datetime('now'), decided_by = NULL, decided_at = NULL,"
		     " note = '', reason = '', wait_pos = NULL, price = ?2, version = version + 1"
		     " WHERE id = ?3", e);
	if (!st || db_bind(db, st, e, KV_ID0(goal_id), KV_INT(t->price), KV_INT(w->id)))
		return e->code;
	return db_exec_stmt(db, st, e);
}

static kcode sign_up(kdb *db, const kactor *who, int64_t staff_id, int64_t session_id,
		     int64_t goal_id, int by_leader, int64_t *id, kerr *e)
{
	if (id)
		*id = 0;
	int self = who->staff_id && who->staff_id == staff_id;
	if (!(self && !by_leader) && !scope_leads_staff(db, who, staff_id))
		return db_denied(e);
	kwrite w = { "participation", SQL_PART_JSON, 0, "create", 0, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	struct target t;
	kcode c = target_load(db, staff_id, session_id, &t, e);
	if (!c)
		c = check_signup(db, &t, staff_id, goal_id, by_leader, e);
	if (!c)
		c = write_request(db, &w, &t, staff_id, session_id, goal_id, e);
	if (!c && by_leader)
		c = seat(db, who, w.id, session_id, NULL, e);
	c = db_write_end(db, who, &w, c, e);
	if (!c && id)
		*id = w.id;
	return c;
}

kcode part_request(kdb *db, const kactor *who, int64_t staff_id, int64_t session_id,
		   int64_t goal_id, int64_t *id, kerr *e)
{
	return sign_up(db, who, staff_id, session_id, goal_id, 0, id, e);
}

kcode part_enrol(kdb *db, const kactor *who, int64_t staff_id, int64_t session_id,
		 int64_t goal_id, int64_t *id, kerr *e)
{
	return sign_up(db, who, staff_id, session_id, goal_id, 1, id, e);
}

/* ---- decisions on one participation ---- */

struct pinfo {
	int64_t staff_id, session_id, version;
	char status[12];
	char starts[11], ends[11];
};

static int pinfo_read(sqlite3_stmt *st, void *row)
{
	struct pinfo *pi = row;
	pi->staff_id = sqlite3_column_int64(st, 0);
	pi->session_id = sqlite3_column_int64(st, 1);
	snprintf(pi->status, sizeof pi->status, "%s", sqlite3_column_text(st, 2));
	snprintf(pi->ends, sizeof pi->ends, "%s", sqlite3_column_text(st, 3));
	pi->version = sqlite3_column_int64(st, 4);
	snprintf(pi->starts, sizeof pi->starts, "%s", sqlite3_column_text(st, 5));
	return 0;
}

static kcode pinfo_load(kdb *db, int64_t id, struct pinfo *pi, kerr *e)
{
	return db_get_row(db, "SELECT p.staff_id, p.session_id, p.status, se.ends, p.version, se.starts"
			  " FROM participation p JOIN session se ON se.id = p.session_id"
			  " WHERE p.id = ?",
			  id, pinfo_read, pi, sizeof *pi, _("No such participation."), e);
}

typedef kcode (*part_act)(kdb *db, const kactor *who, int64_t id, const struct pinfo *pi,
			  const char *text, int flag, kerr *e);

struct decision {
	int self_may;        /* the person may do it to their own participation */
	const char *from;    /* statuses it starts from, as " a b " */
	const char *refusal; /* untranslated, with %s for the current status */
	part_act act;
};

static int status_in(const char *status, const char *list)
{
	char word[16];
	snprintf(word, sizeof word, " %s ", status);
	return strstr(list, word) != NULL;
}

/* version: the participation's version the decision was made on (someone
 * else's change since then is a conflict, named like any other), or 0 to
 * decide on whatever it is now (its status is checked either way). */
static kcode decide(kdb *db, const kactor *who, int64_t id, int64_t version, const struct decision *d,
		    const char *text, int flag, kerr *e)
{
	kwrite w = { "participation", SQL_PART_JSON, id, "update", 0, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	struct pinfo pi;
	kcode c = pinfo_load(db, id, &pi, e);
	int self = who->staff_id && who->staff_id == pi.staff_id;
	if (!c && !(d->self_may && self) && !scope_leads_staff(db, who, pi.staff_id))
		c = db_denied(e);
	if (!c && version && pi.version != version)
		c = db_conflict(db, "participation", id, e);
	if (!c && !status_in(pi.status, d->from))
		c = kerr_set(e, KE_STATE, _(d->refusal), status_label(pi.status));
	if (!c)
		c = d->act(db, who, id, &pi, text, flag, e);
	return db_write_end(db, who, &w, c, e);
}

static kcode act_approve(kdb *db, const kactor *who, int64_t id, const struct pinfo *pi,
			 const char *note, int flag, kerr *e)
{
	(void)flag;
	return seat(db, who, id, pi->session_id, note ? note : "", e);
}

static kcode act_reject(kdb *db, const kactor *who, int64_t id, const struct pinfo *pi,
			const char *reason, int flag, kerr *e)
{
	(void)pi; (void)flag;
	sqlite3_stmt *st = db_stmt(db, "UPDATE participation SET status = 'rejected', reason = ?2,"
				       " decided_by = ?3, decided_at = datetime('now'), version = version + 1"
				       " WHERE id = ?1", e);
	if (!st || db_bind(db, st, e, KV_INT(id), KV_TEXT(reason), KV_ID0(who->staff_id)))
		return e->code;
	return db_exec_stmt(db, st, e);
}

static kcode act_cancel(kdb *db, const kactor *who, int64_t id, const struct pinfo *pi,
			const char *text, int flag, kerr *e)
{
	(void)text; (void)flag;
	sqlite3_stmt *st = db_stmt(db, "UPDATE participation SET status = 'cancelled', wait_pos = NULL,"
				       " version = version + 1 WHERE id = ?", e);
	if (!st || db_bind(db, st, e, KV_INT(id)) || db_exec_stmt(db, st, e))
		return e->code;
	if (!strcmp(pi->status, "enrolled") || !strcmp(pi->status, "approved"))
		return part_fill_seats(db, who, pi->session_id, e);
	return KE_OK;
}

/* One open participation that a leaving person gives up. */
struct given_up { int64_t id, session_id; int seated; };

static int given_up_read(sqlite3_stmt *st, void *row)
{
	struct given_up *g = row;
	g->id = sqlite3_column_int64(st, 0);
	g->session_id = sqlite3_column_int64(st, 1);
	g->seated = sqlite3_column_int(st, 2);
	return 0;
}

static void given_up_free(void *row)
{
	(void)row;
}

kcode part_cancel_after(kdb *db, const kactor *who, int64_t staff_id, const char *day, kerr *e)
{
	struct given_up *g = NULL;
	int n = 0;
	/* read first: the updates below must not run while this read steps */
	sqlite3_stmt *st = db_stmt(db, "SELECT p.id, p.session_id, p.status IN ('enrolled','approved')"
		" FROM participation p JOIN session se ON se.id = p.session_id WHERE p.staff_id = ?1"
		" AND se.starts > ?2 AND p.status IN ('requested','approved','enrolled','waitlisted') ORDER BY p.id", e);
	kcode c = st ? db_bind(db, st, e, KV_INT(staff_id), KV_TEXT(day)) : e->code;
	if (db_rows_read(db, st, c, sizeof *g, 0, given_up_read, given_up_free, (void **)&g, &n, e))
		return e->code;
	for (int i = 0; !c && i < n; i++) {
		if (!(st = db_stmt(db, "UPDATE participation SET status = 'cancelled', wait_pos = NULL,"
					" version = version + 1 WHERE id = ?", e)))
			c = e->code;
		if (!c && !(c = db_bind(db, st, e, KV_INT(g[i].id))))
			c = db_audited_update(db, who, "participation", SQL_PART_JSON, g[i].id, st, e);
		if (!c && g[i].seated)
			c = part_fill_seats(db, who, g[i].session_id, e);
	}
	free(g);
	return c;
}

/* The follow-up falls due some weeks (per method) after the session ends. */
static kcode create_followup(kdb *db, const kactor *who, int64_t id, const struct pinfo *pi, kerr *e)
{
	int64_t weeks = 6;
	char due[11];
	if (db_scalar(db, "SELECT coalesce((SELECT mf.weeks FROM session se"
			  " JOIN activity a ON a.id = se.activity_id"
			  " JOIN method_followup mf ON mf.method = a.method WHERE se.id = ?), 6)",
			  pi->session_id, &weeks, e))
		return e->code;
	if (date_add_days(pi->ends, (int)weeks * 7, due) != 0)
		return kerr_set(e, KE_INVALID, "%s", _("The follow-up would fall due outside the years kup supports."));
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO followup(participation_id, due) VALUES (?, ?)", e);
	if (!st || db_bind(db, st, e, KV_INT(id), KV_TEXT(due)) || db_exec_stmt(db, st, e))
		return e->code;
	int64_t fid = db_last_id(db);
	char *new_ = NULL;
	if (db_row_json(db, SQL_FOLLOWUP_JSON, fid, &new_, e))
		return e->code;
	kcode c = db_audit(db, who, "followup", fid, "create", NULL, new_, e);
	free(new_);
	return c;
}

static kcode act_complete(kdb *db, const kactor *who, int64_t id, const struct pinfo *pi,
			  const char *text, int noshow, kerr *e)
{
	(void)text;
	/* Whether someone took part, or did not turn up, is known once the
	 * session has begun, not before. */
	char today[11], shown[11];
	if (db_today(today, e))
		return e->code;
	if (strcmp(today, pi->starts) < 0) {
		date_format(pi->starts, shown);
		if (noshow)
			return kerr_set(e, KE_STATE, _("The session starts %s: a no-show can be recorded from that day."), shown);
		return kerr_set(e, KE_STATE, _("The session starts %s: it can be marked completed from that day."), shown);
	}
	sqlite3_stmt *st = db_stmt(db, "UPDATE participation SET status = ?2, version = version + 1"
				       " WHERE id = ?1", e);
	if (!st || db_bind(db, st, e, KV_INT(id), KV_TEXT(noshow ? "noshow" : "completed")) || db_exec_stmt(db, st, e))
		return e->code;
	return noshow ? KE_OK : create_followup(db, who, id, pi, e);
}

static const struct decision APPROVE = {
	0, " requested ", N_("Only a request waiting for a decision can be approved (its status is %s)."),
	act_approve
};
static const struct decision REJECT = {
	0, " requested ", N_("Only a request waiting for a decision can be rejected (its status is %s)."),
	act_reject
};
static const struct decision CANCEL = {
	1, " requested approved enrolled waitlisted ",
	N_("Only a requested, enrolled or wait-listed participation can be cancelled (its status is %s)."),
	act_cancel
};
static const struct decision COMPLETE = {
	0, " enrolled ", N_("Only an enrolled participation can be completed (its status is %s)."),
	act_complete
};

kcode part_approve_at(kdb *db, const kactor *who, int64_t id, int64_t version, const char *note, kerr *e)
{
	if (valid_text("note", _("Note"), note, 0, 2000, 1, e))
		return e->code;
	return decide(db, who, id, version, &APPROVE, note, 0, e);
}

kcode part_approve(kdb *db, const kactor *who, int64_t id, const char *note, kerr *e)
{
	return part_approve_at(db, who, id, 0, note, e);
}

kcode part_reject_at(kdb *db, const kactor *who, int64_t id, int64_t version, const char *reason, kerr *e)
{
	if (!reason || strspn(reason, " \t\r\n") == strlen(reason))
		return kerr_field(e, KE_INVALID, "reason", "%s", _("A reason is required when rejecting."));
	if (valid_text("reason", _("Reason"), reason, 1, 2000, 1, e))
		return e->code;
	return decide(db, who, id, version, &REJECT, reason, 0, e);
}

kcode part_reject(kdb *db, const kactor *who, int64_t id, const char *reason, kerr *e)
{
	return part_reject_at(db, who, id, 0, reason, e);
}

kcode part_cancel(kdb *db, const kactor *who, int64_t id, kerr *e)
{
	return decide(db, who, id, 0, &CANCEL, NULL, 0, e);
}

kcode part_complete(kdb *db, const kactor *who, int64_t id, int noshow, kerr *e)
{
	return decide(db, who, id, 0, &COMPLETE, NULL, noshow, e);
}

kcode part_set_price(kdb *db, const kactor *who, int64_t id, int64_t version, int64_t price, kerr *e)
{
	if (price < 0 || price > 10000000)
		return kerr_field(e, KE_INVALID, "price", "%s", _("Price must be between 0 and 10000000 kr."));
	kwrite w = { "participation", SQL_PART_JSON, id, "update", 1, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	struct pinfo pi;
	sqlite3_stmt *st = NULL;
	kcode c = pinfo_load(db, id, &pi, e);
	if (!c && !scope_leads_staff(db, who, pi.staff_id))
		c = db_denied(e);
	if (!c && !(st = db_stmt(db, "UPDATE participation SET price = ?1, version = version + 1"
				     " WHERE id = ?2 AND version = ?3", e)))
		c = e->code;
	if (!c)
		c = db_bind(db, st, e, KV_INT(price), KV_INT(id), KV_INT(version));
	if (!c)
		c = db_exec_stmt(db, st, e);
	return db_write_end(db, who, &w, c, e);
}
