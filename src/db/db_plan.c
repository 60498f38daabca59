/* db_plan.c — yearly development plans and their goals; see db_plan.h.
 * Plans are read by whoever sees the person and written by the person's
 * leader (or an admin); the person may draft goals until the plan is agreed.
 * Returned records own their strings: plan_free()/goal_free(). */
#include "db_plan.h"
#include "date.h"
#include "db_access.h"
#include "db_internal.h"
#include "i18n.h"
#include "text.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLAN_COLS \
	"p.id, p.version, p.staff_id, s.name, un.name, p.year, p.status," \
	" coalesce(p.mus_date,''), p.notes, coalesce(p.agreed_by,0), coalesce(ab.name,'')," \
	" coalesce(p.agreed_at,''), coalesce(p.accepted_at,''), p.evaluation," \
	" coalesce(p.evaluated_by,0), coalesce(p.evaluated_at,'')," \
	" (SELECT count(*) FROM goal g WHERE g.plan_id = p.id)," \
	" (SELECT count(*) FROM goal g WHERE g.plan_id = p.id AND g.status = 'done'), s.sort_key"
#define PLAN_FROM \
	" FROM plan p JOIN staff s ON s.id = p.staff_id JOIN unit un ON un.id = s.unit_id" \
	" LEFT JOIN staff ab ON ab.id = p.agreed_by"
/* ?1 actor id, ?2 actor role, ?3 unit subtree, ?4 folded filter (when no
 * index serves it), ?5 year, ?6 person, ?7/?8 keyset position, ?9 limit,
 * ?10 search-index query, ?11 which index (db_internal.h) */
#define PLAN_LIST_WITH SQL_LED_UNITS ", sub(id) AS (SELECT ?3 WHERE ?3 IS NOT NULL" \
	" UNION SELECT u.id FROM unit u JOIN sub ON u.parent_id = sub.id)"
#define PLAN_LIST_WHERE \
	" WHERE " SQL_SEES_STAFF("s") \
	" AND (?3 IS NULL OR s.unit_id IN sub)" \
	" AND (?4 IS NULL OR instr(s.fold, ?4) > 0)" \
	" AND (?5 IS NULL OR p.year = ?5)" \
	" AND (?6 IS NULL OR p.staff_id = ?6)"

/* One page, read the way staff_list_way chose, or one person's plans by
 * the index on them (see db_internal.h). */
#define PLAN_PAGE(WHERE, CMP, KEY, DESC) PLAN_LIST_WITH " SELECT " PLAN_COLS PLAN_FROM \
	PLAN_LIST_WHERE WHERE " AND (s.sort_key, p.id) " CMP " (?7, ?8)" \
	" ORDER BY " KEY "s.sort_key" DESC ", " KEY "p.id" DESC " LIMIT ?9"
#define PLAN_ORDERED SQL_SEARCH_CHECK("s", "?10", "?11")
#define PLAN_FOUND " AND s.id IN " SQL_SEARCH_HITS("?10", "?11")
#define PLAN_SCOPED SQL_SEARCH_CHECK("s", "?10", "?11") SQL_SCOPE_ROWS("s")
#define PLAN_PERSON SQL_SEARCH_CHECK("s", "?10", "?11") " AND p.staff_id = ?6"

static const char SQL_LIST_FWD[] = PLAN_PAGE(PLAN_ORDERED, ">", "", "");
static const char SQL_LIST_BACK[] = PLAN_PAGE(PLAN_ORDERED, "<", "", " DESC");
static const char SQL_FOUND_FWD[] = PLAN_PAGE(PLAN_FOUND, ">", "+", "");
static const char SQL_FOUND_BACK[] = PLAN_PAGE(PLAN_FOUND, "<", "+", " DESC");
static const char SQL_SCOPED_FWD[] = PLAN_PAGE(PLAN_SCOPED, ">", "+", "");
static const char SQL_SCOPED_BACK[] = PLAN_PAGE(PLAN_SCOPED, "<", "+", " DESC");
static const char SQL_PERSON_FWD[] = PLAN_PAGE(PLAN_PERSON, ">", "+", "");
static const char SQL_PERSON_BACK[] = PLAN_PAGE(PLAN_PERSON, "<", "+", " DESC");
static const char SQL_GET[] = "SELECT " PLAN_COLS PLAN_FROM " WHERE p.id = ?1";
static const char SQL_FIND[] = "SELECT " PLAN_COLS PLAN_FROM " WHERE p.staff_id = ?1 AND p.year = ?2";
static const char SQL_HEAD[] = "SELECT id, staff_id, year, status, accepted_at IS NOT NULL FROM plan WHERE id = ?";
static const char SQL_JSON[] = "SELECT json_object('staff_id',staff_id,'year',year,'status',status,"
	"'mus_date',mus_date,'notes',notes,'agreed_by',agreed_by,'agreed_at',agreed_at,"
	"'accepted_at',accepted_at,'evaluation',evaluation,'evaluated_by',evaluated_by,"
	"'evaluated_at',evaluated_at) FROM plan WHERE id = ?";
static const char SQL_TAKEN[] = "SELECT name, EXISTS (SELECT 1 FROM plan WHERE staff_id = ?1 AND year = ?2)"
	" FROM staff WHERE id = ?1";
static const char SQL_INSERT[] = "INSERT INTO plan(staff_id, year, mus_date, notes) VALUES (?1,?2,?3,?4)";
static const char SQL_UPDATE[] = "UPDATE plan SET mus_date=?1, notes=?2, version=version+1"
	" WHERE id=?3 AND version=?4";
static const char SQL_DELETE[] = "DELETE FROM plan WHERE id=?1 AND version=?2";
static const char SQL_AGREE[] = "UPDATE plan SET status='agreed', agreed_by=?1, agreed_at=datetime('now'),"
	" version=version+1 WHERE id=?2 AND version=?3";
static const char SQL_ACCEPT[] = "UPDATE plan SET accepted_at=datetime('now'), version=version+1 WHERE id=?1";
static const char SQL_EVALUATE[] = "UPDATE plan SET status='evaluated', evaluation=?1, evaluated_by=?2,"
	" evaluated_at=datetime('now'), version=version+1 WHERE id=?3 AND version=?4";
/* The evaluation text stays: reopened, the plan is evaluated again from it. */
static const char SQL_REOPEN[] = "UPDATE plan SET status='agreed', evaluated_by=NULL, evaluated_at=NULL,"
	" version=version+1 WHERE id=?1 AND version=?2";
static const char SQL_GOAL_COUNT[] = "SELECT count(*) FROM goal WHERE plan_id = ?";

#define GOAL_JSON_OBJ "json_object('plan_id',plan_id,'pos',pos,'competence_id',competence_id," \
	"'focus_id',focus_id,'what',what,'why',why,'criteria',criteria,'deadline',deadline," \
	"'status',status,'result',result,'carried_from',carried_from)"
/* ?1 goal/plan id, ?2 1 for English competence names */
#define GOAL_COLS \
	"g.id, g.version, g.plan_id, g.pos, g.competence_id," \
	" CASE WHEN ?2 THEN c.name_en ELSE c.name_da END, coalesce(g.focus_id,0)," \
	" coalesce(f.title,''), g.what, g.why, g.criteria, coalesce(g.deadline,''), g.status," \
	" g.result, coalesce(g.carried_from,0), p.staff_id"
#define GOAL_FROM \
	" FROM goal g JOIN plan p ON p.id = g.plan_id" \
	" JOIN competence_area c ON c.id = g.competence_id" \
	" LEFT JOIN focus_area f ON f.id = g.focus_id"

static const char SQL_GOAL_JSON[] = "SELECT " GOAL_JSON_OBJ " FROM goal WHERE id = ?";
static const char SQL_GOAL_LIST[] = "SELECT " GOAL_COLS GOAL_FROM " WHERE g.plan_id = ?1 ORDER BY g.pos, g.id";
static const char SQL_GOAL_GET[] = "SELECT " GOAL_COLS GOAL_FROM " WHERE g.id = ?1";
static const char SQL_GOAL_HEAD[] = "SELECT g.plan_id, p.staff_id, p.year, p.status, p.accepted_at IS NOT NULL"
	" FROM goal g JOIN plan p ON p.id = g.plan_id WHERE g.id = ?";
static const char SQL_GOAL_ORDER[] = "SELECT id, pos FROM goal WHERE plan_id = ? ORDER BY pos, id";
static const char SQL_GOAL_INSERT[] = "INSERT INTO goal(plan_id, pos, competence_id, focus_id, what, why,"
	" criteria, deadline, status, result) VALUES (?1,"
	" (SELECT coalesce(max(pos),0)+1 FROM goal WHERE plan_id = ?1), ?2,?3,?4,?5,?6,?7,?8,?9)";
static const char SQL_GOAL_UPDATE[] = "UPDATE goal SET competence_id=?2, focus_id=?3, what=?4, why=?5,"
	" criteria=?6, deadline=?7, status=?8, result=?9, version=version+1 WHERE id=?10 AND version=?11";
static const char SQL_GOAL_DELETE[] = "DELETE FROM goal WHERE id=?1 AND version=?2";
/* A move changes no field a form edits, so it leaves the version alone:
 * someone editing the goal meanwhile is not refused for nothing. */
static const char SQL_GOAL_POS[] = "UPDATE goal SET pos=?1 WHERE id=?2";
static const char SQL_COMPETENCE_EXISTS[] = "SELECT count(*) FROM competence_area WHERE id = ?";
static const char SQL_FOCUS_YEAR[] = "SELECT coalesce((SELECT year FROM focus_area WHERE id = ?), 0)";
/* Goals that go or come with their plan get an audit row each. */
static const char SQL_AUDIT_GOALS_GONE[] = "INSERT INTO audit(login, tbl, row_id, action, old, new)"
	" SELECT ?1, 'goal', id, 'delete', " GOAL_JSON_OBJ ", NULL FROM goal WHERE plan_id = ?2";
static const char SQL_AUDIT_GOALS_NEW[] = "INSERT INTO audit(login, tbl, row_id, action, old, new)"
	" SELECT ?1, 'goal', id, 'create', NULL, " GOAL_JSON_OBJ " FROM goal WHERE plan_id = ?2";
/* Unfinished goals start next year's plan afresh: open, no deadline, and no
 * focus area, because focus areas belong to one year. */
static const char SQL_CARRY_GOALS[] = "INSERT INTO goal(plan_id, pos, competence_id, what, why,"
	" criteria, carried_from) SELECT ?1, row_number() OVER (ORDER BY pos, id), competence_id,"
	" what, why, criteria, id FROM goal WHERE plan_id = ?2 AND status IN ('open','in_progress')"
	" ORDER BY pos, id";

/* What the write rules need to know about a plan. */
typedef struct plan_head {
	int64_t plan_id, staff_id;
	int year;
	char status[12];
	int accepted;
} plan_head;

static kcode oom(kerr *e)
{
	return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
}

static void col_copy(sqlite3_stmt *st, int i, char *dst, size_t n)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	snprintf(dst, n, "%s", t ? (const char *)t : "");
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

static kcode closed(kerr *e)
{
	return kerr_set(e, KE_STATE, "%s", _("The plan is evaluated and closed."));
}

/* ---- plans: reading ---- */

static const size_t plan_texts[] = {
	offsetof(plan_rec, staff_name), offsetof(plan_rec, unit_name), offsetof(plan_rec, notes),
	offsetof(plan_rec, agreed_by_name), offsetof(plan_rec, evaluation), offsetof(plan_rec, sort_key),
};

DB_FREE_FUNCS(plan_free, plan_rows_free, plan_rec, plan_texts)

static int read_plan(sqlite3_stmt *st, plan_rec *p)
{
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	p->version = sqlite3_column_int64(st, 1);
	p->staff_id = sqlite3_column_int64(st, 2);
	p->staff_name = col_text(st, 3);
	p->unit_name = col_text(st, 4);
	p->year = sqlite3_column_int(st, 5);
	col_copy(st, 6, p->status, sizeof p->status);
	col_copy(st, 7, p->mus_date, sizeof p->mus_date);
	p->notes = col_text(st, 8);
	p->agreed_by = sqlite3_column_int64(st, 9);
	p->agreed_by_name = col_text(st, 10);
	col_copy(st, 11, p->agreed_at, sizeof p->agreed_at);
	col_copy(st, 12, p->accepted_at, sizeof p->accepted_at);
	p->evaluation = col_text(st, 13);
	p->evaluated_by = sqlite3_column_int64(st, 14);
	col_copy(st, 15, p->evaluated_at, sizeof p->evaluated_at);
	p->goals = sqlite3_column_int(st, 16);
	p->goals_done = sqlite3_column_int(st, 17);
	p->sort_key = col_text(st, 18);
	if (!p->staff_name || !p->unit_name || !p->notes || !p->agreed_by_name ||
	    !p->evaluation || !p->sort_key) {
		plan_free(p);
		return -1;
	}
	return 0;
}

static int read_plan_row(sqlite3_stmt *st, void *row)
{
	return read_plan(st, row);
}

static void plan_free_row(void *row)
{
	plan_free(row);
}

kcode plan_list(kdb *db, const kactor *who, const kpage *pg, plan_rec **rows, int *n, kerr *e)
{
	*rows = NULL;
	*n = 0;
	if (!pg->year && !pg->staff_id)
		return kerr_set(e, KE_INVALID, "%s", _("Choose a year to list the plans of."));
	list_search ls;
	if (staff_list_way(db, who, pg, &ls, e))
		return e->code;
	static const char *const sql[4][2] = {
		[LIST_ORDERED] = { SQL_LIST_FWD, SQL_LIST_BACK },
		[LIST_FOUND] = { SQL_FOUND_FWD, SQL_FOUND_BACK },
		[LIST_SCOPED] = { SQL_SCOPED_FWD, SQL_SCOPED_BACK },
		[3] = { SQL_PERSON_FWD, SQL_PERSON_BACK },
	};
	sqlite3_stmt *st = db_stmt(db, sql[pg->staff_id ? 3 : ls.way][pg->backward != 0], e);
	/* with the index's phrase, instr() has nothing left to do */
	kcode c = st ? db_bind_prefix(db, st, e, KV_INT(who->staff_id), KV_INT((int)who->role), KV_ID0(pg->unit_id),
			       KV_TEXT(ls.phrase ? NULL : ls.fold), KV_ID0((int64_t)pg->year), KV_ID0(pg->staff_id),
			       KV_TEXT(ls.key), KV_INT(ls.id), KV_INT(db_page_limit(pg)), KV_TEXT(ls.phrase), KV_INT(ls.words))
		     : e->code;
	list_search_free(&ls);
	return db_page_bound(db, st, c, pg, sizeof **rows, read_plan_row, plan_free_row, (void **)rows, n, e);
}

/* Notes that who read the plan p (its evaluation once it has one). */
static void note_plan(kdb *db, const kactor *who, const plan_rec *p)
{
	access_log_note(db, who, p->staff_id, p->evaluation && p->evaluation[0] ? ACC_EVALUATION : ACC_PLAN);
}

/* Reads the one row of a bound statement into out. */
static kcode fetch_plan(kdb *db, sqlite3_stmt *st, kcode c, plan_rec *out, kerr *e)
{
	return db_row_read(db, st, c, read_plan_row, out, _("No such plan."), e);
}

kcode plan_get(kdb *db, const kactor *who, int64_t id, plan_rec *out, kerr *e)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(db, SQL_GET, e);
	if (fetch_plan(db, st, st ? db_bind(db, st, e, KV_INT(id)) : e->code, out, e))
		return e->code;
	if (!scope_sees_staff(db, who, out->staff_id)) {
		plan_free(out);
		return db_denied(e);
	}
	note_plan(db, who, out);
	return KE_OK;
}

kcode plan_find(kdb *db, const kactor *who, int64_t staff_id, int year, plan_rec *out, kerr *e)
{
	memset(out, 0, sizeof *out);
	if (!scope_sees_staff(db, who, staff_id))
		return db_denied(e);
	sqlite3_stmt *st = db_stmt(db, SQL_FIND, e);
	kcode c = fetch_plan(db, st, st ? db_bind(db, st, e, KV_INT(staff_id), KV_INT(year)) : e->code, out, e);
	if (c == KE_NOTFOUND)
		kerr_set(e, KE_NOTFOUND, _("There is no plan for this person in %d."), year);
	else if (!c)
		note_plan(db, who, out);
	return c;
}

/* ---- plans: writing ---- */

static int head_read(sqlite3_stmt *st, void *row)
{
	plan_head *h = row;
	h->plan_id = sqlite3_column_int64(st, 0);
	h->staff_id = sqlite3_column_int64(st, 1);
	h->year = sqlite3_column_int(st, 2);
	col_copy(st, 3, h->status, sizeof h->status);
	h->accepted = sqlite3_column_int(st, 4);
	return 0;
}

static kcode plan_head_get(kdb *db, int64_t id, plan_head *h, kerr *e)
{
	return db_get_row(db, SQL_HEAD, id, head_read, h, sizeof *h, _("No such plan."), e);
}

/* Plan-level writes belong to the person's leader (or an admin). */
static kcode may_lead(kdb *db, const kactor *who, const plan_head *h, kerr *e)
{
	return scope_leads_staff(db, who, h->staff_id) ? KE_OK : db_denied(e);
}

/* The plan's head, for a step only its leader (or an admin) may take. */
static kcode led_head_get(kdb *db, const kactor *who, int64_t id, plan_head *h, kerr *e)
{
	kcode c = plan_head_get(db, id, h, e);
	return c ? c : may_lead(db, who, h, e);
}

/* Runs a statement that returns no rows, bound to (a, b), or to (t, b)
 * when t is given: the shapes of this module's small writes. */
static kcode exec_ti(kdb *db, const char *sql, const char *t, int64_t a, int64_t b, kerr *e)
{
	sqlite3_stmt *st = db_stmt(db, sql, e);
	kcode c = !st ? e->code : t ? db_bind(db, st, e, KV_TEXT(t), KV_INT(b)) : db_bind(db, st, e, KV_INT(a), KV_INT(b));
	return c ? c : db_exec_stmt(db, st, e);
}

/* Refuses when the person already has a plan in year, naming them. */
struct taken { char name[128]; int taken; };

static int taken_read(sqlite3_stmt *st, void *row)
{
	struct taken *t = row;
	col_copy(st, 0, t->name, sizeof t->name);
	t->taken = sqlite3_column_int(st, 1);
	return 0;
}

static kcode plan_taken(kdb *db, int64_t staff_id, int year, kerr *e)
{
	struct taken t;
	sqlite3_stmt *st = db_stmt(db, SQL_TAKEN, e);
	kcode c = st ? db_bind(db, st, e, KV_INT(staff_id), KV_INT(year)) : e->code;
	if (db_row_read(db, st, c, taken_read, &t, _("No such staff member."), e))
		return e->code;
	if (t.taken)
		return kerr_field(e, KE_EXISTS, "year", _("There is already a plan for %s in %d."), t.name, year);
	return KE_OK;
}

static kcode plan_validate(const plan_rec *p, kerr *e)
{
	if (!p->id && (p->year < 2000 || p->year > 2199))
		return kerr_field(e, KE_INVALID, "year", "%s", _("The year must be between 2000 and 2199."));
	if (valid_date("mus_date", _("MUS date"), p->mus_date, 0, e) ||
	    valid_text("notes", _("Notes"), p->notes, 0, 4000, 1, e))
		return e->code;
	return KE_OK;
}

static kcode plan_create(kdb *db, const kactor *who, plan_rec *p, kerr *e)
{
	if (!scope_leads_staff(db, who, p->staff_id))
		return db_denied(e);
	if (plan_validate(p, e))
		return e->code;
	kwrite w = { "plan", SQL_JSON, 0, "create", 0, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	sqlite3_stmt *st = NULL;
	kcode c = plan_taken(db, p->staff_id, p->year, e);
	if (!c && !(st = db_stmt(db, SQL_INSERT, e)))
		c = e->code;
	if (!c)
		c = db_bind(db, st, e, KV_INT(p->staff_id), KV_INT(p->year), KV_TEXT0(p->mus_date), KV_TEXT(nz(p->notes)));
	if (!c)
		c = db_exec_stmt(db, st, e);
	if (!c)
		w.id = db_last_id(db);
	if ((c = db_write_end(db, who, &w, c, e)))
		return c;
	p->id = w.id;
	p->version = 1;
	snprintf(p->status, sizeof p->status, "draft");
	return KE_OK;
}

kcode plan_save(kdb *db, const kactor *who, plan_rec *p, kerr *e)
{
	if (!p->id)
		return plan_create(db, who, p, e);
	kwrite w = { "plan", SQL_JSON, p->id, "update", 1, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	plan_head h;
	sqlite3_stmt *st = NULL;
	kcode c = plan_head_get(db, p->id, &h, e);
	if (!c)
		c = may_lead(db, who, &h, e);
	if (!c && !strcmp(h.status, "evaluated"))
		c = closed(e);
	if (!c)
		c = plan_validate(p, e);
	if (!c && !(st = db_stmt(db, SQL_UPDATE, e)))
		c = e->code;
	if (!c)
		c = db_bind(db, st, e, KV_TEXT0(p->mus_date), KV_TEXT(nz(p->notes)), KV_INT(p->id), KV_INT(p->version));
	if (!c)
		c = db_exec_stmt(db, st, e);
	if ((c = db_write_end(db, who, &w, c, e)))
		return c;
	p->version++;
	return KE_OK;
}

kcode plan_delete(kdb *db, const kactor *who, int64_t id, int64_t version, kerr *e)
{
	kwrite w = { "plan", SQL_JSON, id, "delete", 1, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	plan_head h;
	kcode c = led_head_get(db, who, id, &h, e);
	if (!c && strcmp(h.status, "draft") != 0)
		c = kerr_set(e, KE_STATE, "%s", _("An agreed plan cannot be deleted; it is part of the record."));
	/* The goals go with the plan (ON DELETE CASCADE); record them first. */
	if (!c)
		c = exec_ti(db, SQL_AUDIT_GOALS_GONE, who->login, 0, id, e);
	if (!c)
		c = exec_ti(db, SQL_DELETE, NULL, id, version, e);
	return db_write_end(db, who, &w, c, e);
}

kcode plan_agree(kdb *db, const kactor *who, int64_t id, int64_t version, kerr *e)
{
	kwrite w = { "plan", SQL_JSON, id, "update", 1, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	plan_head h;
	int64_t goals = 0;
	sqlite3_stmt *st = NULL;
	kcode c = led_head_get(db, who, id, &h, e);
	/* agreed_by must name a person; a local admin has no staff record. */
	if (!c && !who->staff_id)
		c = kerr_set(e, KE_DENIED, "%s", _("Only a registered person can agree a plan."));
	if (!c && !strcmp(h.status, "evaluated"))
		c = closed(e);
	if (!c && strcmp(h.status, "draft") != 0)
		c = kerr_set(e, KE_STATE, "%s", _("The plan is already agreed."));
	if (!c)
		c = db_scalar(db, SQL_GOAL_COUNT, id, &goals, e);
	if (!c && goals == 0)
		c = kerr_set(e, KE_INVALID, "%s", _("A plan needs at least one goal before it can be agreed."));
	if (!c && !(st = db_stmt(db, SQL_AGREE, e)))
		c = e->code;
	if (!c)
		c = db_bind(db, st, e, KV_INT(who->staff_id), KV_INT(id), KV_INT(version));
	if (!c)
		c = db_exec_stmt(db, st, e);
	return db_write_end(db, who, &w, c, e);
}

kcode plan_accept(kdb *db, const kactor *who, int64_t id, kerr *e)
{
	kwrite w = { "plan", SQL_JSON, id, "update", 0, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	plan_head h;
	sqlite3_stmt *st = NULL;
	kcode c = plan_head_get(db, id, &h, e);
	if (!c && (!who->staff_id || who->staff_id != h.staff_id))
		c = kerr_set(e, KE_DENIED, "%s", _("Only the person the plan belongs to can accept it."));
	if (!c && !strcmp(h.status, "draft"))
		c = kerr_set(e, KE_STATE, "%s", _("The plan must be agreed before it can be accepted."));
	if (!c && !strcmp(h.status, "evaluated"))
		c = closed(e);
	if (!c && h.accepted)
		c = kerr_set(e, KE_STATE, "%s", _("You have already accepted this plan."));
	if (!c && !(st = db_stmt(db, SQL_ACCEPT, e)))
		c = e->code;
	if (!c)
		c = db_bind(db, st, e, KV_INT(id));
	if (!c)
		c = db_exec_stmt(db, st, e);
	return db_write_end(db, who, &w, c, e);
}

kcode plan_evaluate(kdb *db, const kactor *who, int64_t id, int64_t version,
		    const char *evaluation, kerr *e)
{
	kwrite w = { "plan", SQL_JSON, id, "update", 1, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	plan_head h;
	sqlite3_stmt *st = NULL;
	kcode c = led_head_get(db, who, id, &h, e);
	if (!c && !who->staff_id)
		c = kerr_set(e, KE_DENIED, "%s", _("Only a registered person can evaluate a plan."));
	if (!c && !strcmp(h.status, "draft"))
		c = kerr_set(e, KE_STATE, "%s", _("Only an agreed plan can be evaluated."));
	if (!c && !strcmp(h.status, "evaluated"))
		c = kerr_set(e, KE_STATE, "%s", _("The plan is already evaluated."));
	if (!c)
		c = valid_text("evaluation", _("Evaluation"), evaluation, 1, 4000, 1, e);
	/* spaces alone are no evaluation either */
	if (!c && strspn(evaluation, " \t\r\n") == strlen(evaluation))
		c = kerr_field(e, KE_INVALID, "evaluation", _("%s is required."), _("Evaluation"));
	if (!c && !(st = db_stmt(db, SQL_EVALUATE, e)))
		c = e->code;
	if (!c)
		c = db_bind(db, st, e, KV_TEXT(evaluation), KV_INT(who->staff_id), KV_INT(id), KV_INT(version));
	if (!c)
		c = db_exec_stmt(db, st, e);
	return db_write_end(db, who, &w, c, e);
}

kcode plan_reopen(kdb *db, const kactor *who, int64_t id, int64_t version, kerr *e)
{
	kwrite w = { "plan", SQL_JSON, id, "update", 1, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	plan_head h;
	kcode c = led_head_get(db, who, id, &h, e);
	if (!c && strcmp(h.status, "evaluated") != 0)
		c = kerr_set(e, KE_STATE, "%s", _("Only an evaluated plan can be reopened; this one is still open."));
	if (!c)
		c = exec_ti(db, SQL_REOPEN, NULL, id, version, e);
	return db_write_end(db, who, &w, c, e);
}

kcode plan_carry_over(kdb *db, const kactor *who, int64_t id, int64_t *new_id, kerr *e)
{
	*new_id = 0;
	kwrite w = { "plan", SQL_JSON, 0, "create", 0, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	plan_head h;
	kcode c = led_head_get(db, who, id, &h, e);
	if (!c && h.year >= 2199)
		c = kerr_field(e, KE_INVALID, "year", "%s", _("The year must be between 2000 and 2199."));
	if (!c)
		c = plan_taken(db, h.staff_id, h.year + 1, e);
	if (!c)
		c = exec_ti(db, "INSERT INTO plan(staff_id, year) VALUES (?1, ?2)", NULL, h.staff_id, h.year + 1, e);
	if (!c) {
		w.id = db_last_id(db);
		c = exec_ti(db, SQL_CARRY_GOALS, NULL, w.id, id, e);
	}
	if (!c)
		c = exec_ti(db, SQL_AUDIT_GOALS_NEW, who->login, 0, w.id, e);
	if ((c = db_write_end(db, who, &w, c, e)))
		return c;
	*new_id = w.id;
	return KE_OK;
}

/* ---- goals ---- */

static const size_t goal_texts[] = {
	offsetof(goal_rec, competence_name), offsetof(goal_rec, focus_title), offsetof(goal_rec, what),
	offsetof(goal_rec, why), offsetof(goal_rec, criteria), offsetof(goal_rec, result),
};

DB_FREE_FUNCS(goal_free, goal_rows_free, goal_rec, goal_texts)

static int read_goal(sqlite3_stmt *st, goal_rec *g)
{
	memset(g, 0, sizeof *g);
	g->id = sqlite3_column_int64(st, 0);
	g->version = sqlite3_column_int64(st, 1);
	g->plan_id = sqlite3_column_int64(st, 2);
	g->pos = sqlite3_column_int(st, 3);
	g->competence_id = sqlite3_column_int64(st, 4);
	g->competence_name = col_text(st, 5);
	g->focus_id = sqlite3_column_int64(st, 6);
	g->focus_title = col_text(st, 7);
	g->what = col_text(st, 8);
	g->why = col_text(st, 9);
	g->criteria = col_text(st, 10);
	col_copy(st, 11, g->deadline, sizeof g->deadline);
	col_copy(st, 12, g->status, sizeof g->status);
	g->result = col_text(st, 13);
	g->carried_from = sqlite3_column_int64(st, 14);
	if (!g->competence_name || !g->focus_title || !g->what || !g->why || !g->criteria || !g->result) {
		goal_free(g);
		return -1;
	}
	return 0;
}

static int read_goal_v(sqlite3_stmt *st, void *row)
{
	return read_goal(st, row);
}

static void goal_free_v(void *row)
{
	goal_free(row);
}

static int english(void)
{
	return i18n_lang() == LANG_EN;
}

kcode goal_list(kdb *db, const kactor *who, int64_t plan_id, goal_rec **rows, int *n, kerr *e)
{
	*rows = NULL;
	*n = 0;
	plan_head h;
	if (plan_head_get(db, plan_id, &h, e))
		return e->code;
	if (!scope_sees_staff(db, who, h.staff_id))
		return db_denied(e);
	sqlite3_stmt *st = db_stmt(db, SQL_GOAL_LIST, e);
	kcode c = st ? db_bind(db, st, e, KV_INT(plan_id), KV_INT(english())) : e->code;
	if (db_rows_read(db, st, c, sizeof **rows, 0, read_goal_v, goal_free_v, (void **)rows, n, e))
		return e->code;
	if (*n)
		access_log_note(db, who, h.staff_id, ACC_GOAL);
	return KE_OK;
}

/* A goal and the person whose plan holds it (column 15). */
struct goal_of { goal_rec *g; int64_t staff_id; };

static int goal_of_read(sqlite3_stmt *st, void *row)
{
	struct goal_of *x = row;
	x->staff_id = sqlite3_column_int64(st, 15);
	return read_goal(st, x->g);
}

kcode goal_get(kdb *db, const kactor *who, int64_t id, goal_rec *out, kerr *e)
{
	memset(out, 0, sizeof *out);
	struct goal_of x = { .g = out };
	sqlite3_stmt *st = db_stmt(db, SQL_GOAL_GET, e);
	kcode c = st ? db_bind(db, st, e, KV_INT(id), KV_INT(english())) : e->code;
	if (db_row_read(db, st, c, goal_of_read, &x, _("No such goal."), e))
		return e->code;
	if (!scope_sees_staff(db, who, x.staff_id)) {
		goal_free(out);
		return db_denied(e);
	}
	access_log_note(db, who, x.staff_id, ACC_GOAL);
	return KE_OK;
}

/* The goal's plan id and what the rules need to know about that plan. */
static kcode goal_head_get(kdb *db, int64_t id, int64_t *plan_id, plan_head *h, kerr *e)
{
	if (db_get_row(db, SQL_GOAL_HEAD, id, head_read, h, sizeof *h, _("No such goal."), e))
		return e->code;
	*plan_id = h->plan_id;
	return KE_OK;
}

/* The person drafts goals until the plan is agreed; the leader (or an
 * admin) may change them until it is evaluated; then nobody may. */
static kcode may_edit_goals(kdb *db, const kactor *who, const plan_head *h, kerr *e)
{
	if (!scope_sees_staff(db, who, h->staff_id))
		return db_denied(e);
	if (!strcmp(h->status, "evaluated"))
		return closed(e);
	if (scope_leads_staff(db, who, h->staff_id))
		return KE_OK;
	if (who->staff_id && who->staff_id == h->staff_id) {
		if (!strcmp(h->status, "draft"))
			return KE_OK;
		return kerr_set(e, KE_STATE, "%s", _("The plan is agreed; only your leader can change its goals now."));
	}
	return db_denied(e);
}

static int goal_status_ok(const char *s)
{
	return !strcmp(s, "open") || !strcmp(s, "in_progress") || !strcmp(s, "done") || !strcmp(s, "dropped");
}

static kcode goal_validate(kdb *db, const goal_rec *g, const char *status, int year, kerr *e)
{
	if (valid_text("what", _("Goal"), g->what, 1, 2000, 1, e) ||
	    valid_text("why", _("Why"), g->why, 0, 2000, 1, e) ||
	    valid_text("criteria", _("Success criteria"), g->criteria, 0, 2000, 1, e) ||
	    valid_text("result", _("Result"), g->result, 0, 2000, 1, e) ||
	    valid_date("deadline", _("Deadline"), g->deadline, 0, e))
		return e->code;
	/* A yearly plan's goals are reached within its year; one that runs on
	 * is carried over into next year's plan (without its deadline). */
	if (g->deadline[0]) {
		char y[5];
		snprintf(y, sizeof y, "%04d", year);
		if (strncmp(g->deadline, y, 4) != 0) {
			char shown[11];
			date_format(g->deadline, shown);
			return kerr_field(e, KE_INVALID, "deadline",
					  _("The deadline %s is not in %d, the plan's year; a goal that runs on is carried over to next year's plan."),
					  shown, year);
		}
	}
	if (!goal_status_ok(status))
		return kerr_field(e, KE_INVALID, "status", "%s", _("The status must be open, in progress, done or dropped."));
	if (!g->competence_id)
		return kerr_field(e, KE_INVALID, "competence_id", _("%s is required."), _("Competence area"));
	int64_t v = 0;
	if (db_scalar(db, SQL_COMPETENCE_EXISTS, g->competence_id, &v, e))
		return e->code;
	if (!v)
		return kerr_field(e, KE_INVALID, "competence_id", "%s", _("The chosen competence area does not exist."));
	if (!g->focus_id)
		return KE_OK;
	if (db_scalar(db, SQL_FOCUS_YEAR, g->focus_id, &v, e))
		return e->code;
	if (!v)
		return kerr_field(e, KE_INVALID, "focus_id", "%s", _("The chosen focus area does not exist."));
	if (v != year)
		return kerr_field(e, KE_INVALID, "focus_id", "%s", _("The focus area belongs to another year."));
	return KE_OK;
}

kcode goal_save(kdb *db, const kactor *who, goal_rec *g, kerr *e)
{
	const char *status = g->status[0] ? g->status : "open";
	kwrite w = { "goal", SQL_GOAL_JSON, g->id, g->id ? "update" : "create", g->id != 0, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	plan_head h;
	int64_t plan_id = g->plan_id;
	sqlite3_stmt *st = NULL;
	kcode c = g->id ? goal_head_get(db, g->id, &plan_id, &h, e) : plan_head_get(db, plan_id, &h, e);
	if (!c)
		c = may_edit_goals(db, who, &h, e);
	if (!c)
		c = goal_validate(db, g, status, h.year, e);
	if (!c && !(st = db_stmt(db, g->id ? SQL_GOAL_UPDATE : SQL_GOAL_INSERT, e)))
		c = e->code;
	if (!c)
		c = db_bind_prefix(db, st, e, KV_INT(plan_id), KV_INT(g->competence_id), KV_ID0(g->focus_id), KV_TEXT(g->what),
			    KV_TEXT(nz(g->why)), KV_TEXT(nz(g->criteria)), KV_TEXT0(g->deadline), KV_TEXT(status), KV_TEXT(nz(g->result)), KV_INT(g->id), KV_INT(g->version));
	if (!c)
		c = db_exec_stmt(db, st, e);
	if (!c && !g->id)
		w.id = db_last_id(db);
	if ((c = db_write_end(db, who, &w, c, e)))
		return c;
	g->version = g->id ? g->version + 1 : 1;
	g->id = w.id;
	g->plan_id = plan_id;
	snprintf(g->status, sizeof g->status, "%s", status);
	return KE_OK;
}

kcode goal_delete(kdb *db, const kactor *who, int64_t id, int64_t version, kerr *e)
{
	kwrite w = { "goal", SQL_GOAL_JSON, id, "delete", 1, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	plan_head h;
	int64_t plan_id = 0;
	kcode c = goal_head_get(db, id, &plan_id, &h, e);
	if (!c)
		c = may_edit_goals(db, who, &h, e);
	if (!c)
		c = exec_ti(db, SQL_GOAL_DELETE, NULL, id, version, e);
	return db_write_end(db, who, &w, c, e);
}

/* Sets one goal's position inside the open transaction, audited. */
static kcode goal_set_pos(kdb *db, const kactor *who, int64_t id, int pos, kerr *e)
{
	char *old = NULL, *new_ = NULL;
	kcode c = db_row_json(db, SQL_GOAL_JSON, id, &old, e);
	if (!c)
		c = exec_ti(db, SQL_GOAL_POS, NULL, pos, id, e);
	if (!c)
		c = db_row_json(db, SQL_GOAL_JSON, id, &new_, e);
	if (!c)
		c = db_audit(db, who, "goal", id, "update", old, new_, e);
	free(old);
	free(new_);
	return c;
}

typedef struct goal_slot { int64_t id; int pos; } goal_slot;

/* The goals of a plan in their order, as (id, pos) pairs. */
static kcode goal_order(kdb *db, int64_t plan_id, goal_slot **out, int *n, kerr *e)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(db, SQL_GOAL_ORDER, e);
	kcode c = st ? db_bind(db, st, e, KV_INT(plan_id)) : e->code;
	int cap = 0, rc = 0;
	while (!c && (rc = db_step(db, st, e)) == SQLITE_ROW) {
		if (*n == cap) {
			goal_slot *more = realloc(*out, (size_t)(cap = cap ? cap * 2 : 8) * sizeof **out);
			if (!more) {
				c = oom(e);
				break;
			}
			*out = more;
		}
		(*out)[*n].id = sqlite3_column_int64(st, 0);
		(*out)[(*n)++].pos = sqlite3_column_int(st, 1);
	}
	if (st)
		sqlite3_reset(st);
	if (!c && rc < 0)
		c = e->code;
	return c;
}

kcode goal_move(kdb *db, const kactor *who, int64_t id, int delta, kerr *e)
{
	if (db_begin(db, e))
		return e->code;
	plan_head h;
	int64_t plan_id = 0;
	goal_slot *g = NULL;
	int n = 0;
	kcode c = goal_head_get(db, id, &plan_id, &h, e);
	if (!c)
		c = may_edit_goals(db, who, &h, e);
	if (!c)
		c = goal_order(db, plan_id, &g, &n, e);
	int at = 0;
	while (!c && at < n && g[at].id != id)
		at++;
	int to = at + (delta < 0 ? -1 : 1);
	if (!c && delta && at < n && to >= 0 && to < n) {
		goal_slot t = g[at];
		g[at] = g[to];
		g[to] = t;
		/* Positions become 1..n, so gaps left by deletions close too. */
		for (int i = 0; !c && i < n; i++)
			if (g[i].pos != i + 1)
				c = goal_set_pos(db, who, g[i].id, i + 1, e);
	}
	free(g);
	if (c) {
		db_rollback(db);
		return c;
	}
	return db_commit(db, e);
}
