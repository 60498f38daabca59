/* db_report.c — the management reports; see db_report.h.
 * Every report is one aggregate query over the same scope: the active staff
 * the actor may report on (admin: all; leader: the people they lead, never
 * themselves) in the chosen unit subtree. Rows that are per unit are per
 * "group": a team counts with the institution (or area) above it, so the
 * head of Children & Youth sees institutions, not hundreds of teams. The
 * drill-down queries repeat each report's conditions exactly, so the items
 * behind a row are the ones it counted. */
#include "db_report.h"
#include "date.h"
#include "db_activity.h"
#include "db_access.h"
#include "db_internal.h"
#include "i18n.h"
#include "text.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the shared SQL ----
 * Parameters of every report and drill-down statement:
 *  ?1 actor staff id, ?2 actor role, ?3 unit subtree (NULL: all), ?4 year,
 *  ?5 first day of the year, ?6 first day of the next, ?7 today,
 *  ?8 1 for English names,
 *  drill-down only: ?9 1 to keep one row's items, ?10 the row's id,
 *  ?11 the row's key, ?12/?13 keyset position, ?14 limit. */
#define REP_WITH SQL_LED_UNITS \
	", sub(id) AS (SELECT ?3 WHERE ?3 IS NOT NULL" \
	" UNION SELECT u.id FROM unit u JOIN sub ON u.parent_id = sub.id)" \
	", grp(id, gid) AS (SELECT id, id FROM unit WHERE kind <> 'team' OR parent_id IS NULL" \
	" UNION SELECT u.id, g.gid FROM unit u JOIN grp g ON u.parent_id = g.id WHERE u.kind = 'team')"
/* Staff row X counts in the report: a leader's own record belongs upwards. */
#define REP_SEES(X) \
	" (?2 = 2 OR (?2 = 1 AND " X ".id <> ?1 AND " SQL_MANAGER_UNIT(X) " IN led))" \
	" AND (?3 IS NULL OR " X ".unit_id IN sub) AND " X ".active"
#define IN_YEAR(SE) " " SE ".starts >= ?5 AND " SE ".starts < ?6"
#define IS_LEADER(X) "EXISTS (SELECT 1 FROM unit_leader l WHERE l.staff_id = " X ".id AND " SQL_LEADS_NOW("l") ")"
#define ROW_IS(EXPR) " AND (?9 = 0 OR " EXPR " = ?10)"
/* Participations that take place (or took place): counted as participation. */
#define TAKES_PLACE " p.status IN ('enrolled','completed')"

/* Coverage: id, label, sort key, is-leader, people, with plan, agreed (or
 * evaluated), evaluated. */
static const char SQL_COVERAGE[] = REP_WITH
	", ppl(id, gid, lead) AS (SELECT s.id, g.gid, " IS_LEADER("s")
	" FROM staff s JOIN grp g ON g.id = s.unit_id WHERE " REP_SEES("s") ")"
	" SELECT u.id, u.name, u.sort_key, x.lead, count(*), count(p.id),"
	" coalesce(sum(p.status IN ('agreed','evaluated')),0), coalesce(sum(p.status = 'evaluated'),0)"
	" FROM ppl x JOIN unit u ON u.id = x.gid LEFT JOIN plan p ON p.staff_id = x.id AND p.year = ?4"
	" GROUP BY u.id, x.lead ORDER BY u.sort_key, u.id, x.lead";

/* A follow-up is overdue when the step that waits is late: the person's
 * writing, or once written the leader's closing. */
#define FU_STATE "(CASE WHEN f.id IS NULL THEN 'missing'" \
	" WHEN " SQL_FU_LATE("f", "?7") " THEN 'overdue'" \
	" WHEN f.done_at IS NULL THEN 'due' WHEN f.done_at > f.due THEN 'late' ELSE 'on_time' END)"
#define FU_FROM " FROM session se CROSS JOIN participation p ON p.session_id = se.id" \
	" JOIN staff s ON s.id = p.staff_id JOIN grp g ON g.id = s.unit_id" \
	" LEFT JOIN followup f ON f.participation_id = p.id" \
	" WHERE p.status = 'completed' AND" IN_YEAR("se") " AND" REP_SEES("s")
#define FU_COLLEAGUES(STATE) "(SELECT count(*) FROM followup_colleague c WHERE c.followup_id = f.id" STATE ")"
/* Besides the states: follow-ups the person has written (closed since or
 * not), closed, with an action into practice, passed on in a peer-training
 * or network session; and the colleagues' parts asked for (in any state
 * now), answered and declined. */
static const char SQL_FOLLOWUP[] = REP_WITH
	", fu(gid, st, wr, cl, act, sh, ca, cn, cd) AS (SELECT g.gid, " FU_STATE ","
	" f.written_at IS NOT NULL, f.done_at IS NOT NULL, coalesce(f.action, '') <> '',"
	" f.shared_via IS NOT NULL, " FU_COLLEAGUES("") ", " FU_COLLEAGUES(" AND c.state = 'answered'") ","
	" " FU_COLLEAGUES(" AND c.state = 'declined'") FU_FROM ")"
	" SELECT u.id, u.name, u.sort_key, 0, count(*), coalesce(sum(st = 'on_time'),0),"
	" coalesce(sum(st = 'late'),0), coalesce(sum(st = 'due'),0), coalesce(sum(st = 'overdue'),0),"
	" coalesce(sum(st = 'missing'),0), coalesce(sum(wr),0), coalesce(sum(cl),0), coalesce(sum(act),0),"
	" coalesce(sum(ca),0), coalesce(sum(cn),0), coalesce(sum(cd),0), coalesce(sum(sh),0)"
	" FROM fu JOIN unit u ON u.id = fu.gid GROUP BY u.id ORDER BY u.sort_key, u.id";

#define GOALS_FROM " FROM plan pl JOIN staff s ON s.id = pl.staff_id CROSS JOIN goal g ON g.plan_id = pl.id" \
	" WHERE pl.year = ?4 AND" REP_SEES("s")
static const char SQL_COMPETENCES[] = REP_WITH
	", ga AS (SELECT g.competence_id cid, count(*) n, sum(g.status = 'done') done,"
	" count(DISTINCT pl.staff_id) ppl" GOALS_FROM " GROUP BY g.competence_id)"
	", pa AS (SELECT ac.competence_id cid, count(*) n FROM session se"
	" CROSS JOIN participation p ON p.session_id = se.id JOIN staff s ON s.id = p.staff_id"
	" JOIN activity_competence ac ON ac.activity_id = se.activity_id"
	" WHERE" TAKES_PLACE " AND" IN_YEAR("se") " AND" REP_SEES("s") " GROUP BY ac.competence_id)"
	" SELECT c.id, CASE WHEN ?8 THEN c.name_en ELSE c.name_da END, printf('%08d', c.pos), 0,"
	" coalesce(ga.n,0), coalesce(ga.done,0), coalesce(ga.ppl,0), 0, coalesce(pa.n,0)"
	" FROM competence_area c LEFT JOIN ga ON ga.cid = c.id LEFT JOIN pa ON pa.cid = c.id"
	" WHERE c.active OR ga.n > 0 ORDER BY c.pos, c.id";

/* Participations serve a goal of the year's plan, whenever they are held. */
static const char SQL_FOCUS[] = REP_WITH
	", ga AS (SELECT coalesce(g.focus_id,0) fid, count(*) n, count(DISTINCT pl.staff_id) ppl"
	GOALS_FROM " GROUP BY 1)"
	", pa AS (SELECT coalesce(g.focus_id,0) fid, count(*) n, sum(p.status = 'completed') done"
	" FROM plan pl CROSS JOIN goal g ON g.plan_id = pl.id"
	" CROSS JOIN participation p ON p.goal_id = g.id JOIN staff s ON s.id = p.staff_id"
	" WHERE pl.year = ?4 AND" TAKES_PLACE " AND" REP_SEES("s") " GROUP BY 1)"
	", fa(id, title) AS (SELECT id, title FROM focus_area WHERE year = ?4 UNION ALL SELECT 0, '')"
	" SELECT fa.id, fa.title, '', 0, coalesce(ga.n,0), coalesce(ga.ppl,0), 0,"
	" coalesce(pa.n,0), coalesce(pa.done,0)"
	" FROM fa LEFT JOIN ga ON ga.fid = fa.id LEFT JOIN pa ON pa.fid = fa.id"
	" ORDER BY fa.id = 0, fa.title";

#define PP_FROM " FROM session se CROSS JOIN participation p ON p.session_id = se.id" \
	" JOIN staff s ON s.id = p.staff_id JOIN grp g ON g.id = s.unit_id" \
	" WHERE" TAKES_PLACE " AND" IN_YEAR("se") " AND" REP_SEES("s")
static const char SQL_CROSSPROF[] = REP_WITH
	", pp AS MATERIALIZED (SELECT p.staff_id sid, se.id ses, se.activity_id aid,"
	" s.profession_id prof, g.gid inst" PP_FROM ")"
	", ss AS (SELECT aid, count(DISTINCT prof) >= 2 AND count(DISTINCT inst) >= 2 x FROM pp GROUP BY ses)"
	", sa AS (SELECT aid, sum(x) x FROM ss GROUP BY aid)"
	", aa AS (SELECT aid, count(DISTINCT ses) nses, count(*) n, count(DISTINCT prof) np,"
	" count(DISTINCT inst) ni FROM pp GROUP BY aid)"
	" SELECT a.id, a.title, a.sort_key, 0, aa.nses, aa.n, aa.np, aa.ni, coalesce(sa.x,0),"
	" aa.np >= 2 AND aa.ni >= 2"
	" FROM aa JOIN activity a ON a.id = aa.aid LEFT JOIN sa ON sa.aid = aa.aid"
	" ORDER BY a.sort_key, a.id";

#define MP_FROM " FROM session se CROSS JOIN participation p ON p.session_id = se.id" \
	" JOIN activity a ON a.id = se.activity_id JOIN staff s ON s.id = p.staff_id" \
	" WHERE" TAKES_PLACE " AND" IN_YEAR("se") " AND" REP_SEES("s")
static const char SQL_METHODS[] = REP_WITH
	" SELECT 0, a.method, '', 0, count(*), coalesce(sum(p.status = 'completed'),0),"
	" count(DISTINCT p.staff_id),"
	" coalesce(sum(CASE WHEN p.status = 'completed' THEN a.hours END),0),"
	" coalesce(sum(CASE WHEN p.status = 'completed' THEN a.ects END),0)" MP_FROM
	" GROUP BY a.method";

/* Spent: completed or not shown (the seat was paid for); committed: approved
 * or enrolled, not yet taken place. */
#define COST_STATUS " p.status IN ('completed','noshow','approved','enrolled')"
#define CP_FROM " FROM session se CROSS JOIN participation p ON p.session_id = se.id" \
	" JOIN staff s ON s.id = p.staff_id JOIN grp g ON g.id = s.unit_id" \
	" WHERE" COST_STATUS " AND" IN_YEAR("se") " AND" REP_SEES("s")
static const char SQL_COST[] = REP_WITH
	", spend AS (SELECT g.gid,"
	" sum(CASE WHEN p.status IN ('completed','noshow') THEN p.price ELSE 0 END) spent,"
	" sum(CASE WHEN p.status IN ('approved','enrolled') THEN p.price ELSE 0 END) committed"
	CP_FROM " GROUP BY g.gid)"
	", bud AS (SELECT g.gid, sum(b.amount) amount FROM budget b JOIN grp g ON g.id = b.unit_id"
	" WHERE b.year = ?4 AND (?2 = 2 OR b.unit_id IN led) AND (?3 IS NULL OR b.unit_id IN sub)"
	" GROUP BY g.gid)"
	" SELECT u.id, u.name, u.sort_key, bud.gid IS NOT NULL, coalesce(bud.amount,0),"
	" coalesce(spend.spent,0), coalesce(spend.committed,0)"
	" FROM unit u LEFT JOIN bud ON bud.gid = u.id LEFT JOIN spend ON spend.gid = u.id"
	" WHERE bud.gid IS NOT NULL OR spend.gid IS NOT NULL"
	" ORDER BY u.sort_key, u.id";

/* ---- drill-down: the items behind a row ----
 * Columns: id, key, staff id, staff sort key, plan id of the year, name,
 * unit, what, state, date, amount. */
#define PLAN_OF(X) "coalesce((SELECT id FROM plan WHERE staff_id = " X ".id AND year = ?4),0)"
#define ITEMS(NAME, SEL, KEY, ID) \
	static const char NAME##_FWD[] = SEL " AND (" KEY ", " ID ") > (?12, ?13) ORDER BY " KEY ", " ID " LIMIT ?14"; \
	static const char NAME##_BACK[] = SEL " AND (" KEY ", " ID ") < (?12, ?13) ORDER BY " KEY " DESC, " ID " DESC LIMIT ?14";

#define COV_KEY "(CASE coalesce(p.status,'') WHEN '' THEN '0' WHEN 'draft' THEN '1' WHEN 'agreed' THEN '2' ELSE '3' END || s.sort_key)"
ITEMS(SQL_I_COVERAGE, REP_WITH
	" SELECT s.id, " COV_KEY ", s.id, s.sort_key, coalesce(p.id,0), s.name, un.name, '',"
	" coalesce(p.status,''), '', 0"
	" FROM staff s JOIN grp g ON g.id = s.unit_id JOIN unit un ON un.id = s.unit_id"
	" LEFT JOIN plan p ON p.staff_id = s.id AND p.year = ?4"
	" WHERE" REP_SEES("s") ROW_IS("g.gid")
	" AND (?9 = 0 OR ?11 IS NULL OR " IS_LEADER("s") " = (?11 = 'leaders'))",
	COV_KEY, "s.id")

/* The drill-down says more than the counts: an open follow-up the person
 * has written waits for the leader (written, or written_overdue when the
 * closing is late). */
#define FUI_STATE "(CASE WHEN f.id IS NOT NULL AND f.done_at IS NULL AND f.written_at IS NOT NULL" \
	" THEN (CASE WHEN " SQL_FU_LATE("f", "?7") " THEN 'written_overdue' ELSE 'written' END)" \
	" ELSE " FU_STATE " END)"
#define FUI_KEY "(CASE " FUI_STATE " WHEN 'missing' THEN '0' WHEN 'overdue' THEN '1'" \
	" WHEN 'written_overdue' THEN '2' WHEN 'written' THEN '3' WHEN 'due' THEN '4'" \
	" WHEN 'late' THEN '5' ELSE '6' END || s.sort_key)"
ITEMS(SQL_I_FOLLOWUP, REP_WITH
	" SELECT p.id, " FUI_KEY ", s.id, s.sort_key, " PLAN_OF("s") ", s.name,"
	" (SELECT name FROM unit WHERE id = s.unit_id),"
	" (SELECT title FROM activity WHERE id = se.activity_id), " FUI_STATE ", coalesce(f.due,''), p.price"
	FU_FROM ROW_IS("g.gid"),
	FUI_KEY, "p.id")

#define GI_SEL(ROWCOL) REP_WITH \
	" SELECT g.id, s.sort_key, s.id, s.sort_key, pl.id, s.name," \
	" (SELECT name FROM unit WHERE id = s.unit_id), g.what, g.status, coalesce(g.deadline,''), 0" \
	GOALS_FROM ROW_IS(ROWCOL)
ITEMS(SQL_I_COMPETENCES, GI_SEL("g.competence_id"), "s.sort_key", "g.id")
ITEMS(SQL_I_FOCUS, GI_SEL("coalesce(g.focus_id,0)"), "s.sort_key", "g.id")

ITEMS(SQL_I_CROSSPROF, REP_WITH
	" SELECT p.id, se.starts || s.sort_key, s.id, s.sort_key, " PLAN_OF("s") ", s.name,"
	" (SELECT name FROM unit WHERE id = g.gid),"
	" coalesce((SELECT name FROM profession WHERE id = s.profession_id),''), p.status, se.starts, p.price"
	PP_FROM ROW_IS("se.activity_id"),
	"se.starts || s.sort_key", "p.id")

ITEMS(SQL_I_METHODS, REP_WITH
	" SELECT p.id, s.sort_key, s.id, s.sort_key, " PLAN_OF("s") ", s.name,"
	" (SELECT name FROM unit WHERE id = s.unit_id), a.title, p.status, se.starts, p.price"
	MP_FROM " AND (?9 = 0 OR a.method = ?11)",
	"s.sort_key", "p.id")

ITEMS(SQL_I_COST, REP_WITH
	" SELECT p.id, s.sort_key, s.id, s.sort_key, " PLAN_OF("s") ", s.name,"
	" (SELECT name FROM unit WHERE id = s.unit_id),"
	" (SELECT title FROM activity WHERE id = se.activity_id), p.status, se.starts, p.price"
	CP_FROM ROW_IS("g.gid"),
	"s.sort_key", "p.id")

/* ---- the reports' columns ---- */

static const report_col COLS_COVERAGE[] = {
	{ "people", N_("People"), RC_INT, 1 },
	{ "with_plan", N_("Plan"), RC_INT, 1 },
	{ "agreed", N_("Agreed"), RC_INT, 1 },
	{ "evaluated", N_("Evaluated"), RC_INT, 1 },
	{ "plan_pct", N_("Plan %"), RC_PCT, 0 },
};
static const report_col COLS_FOLLOWUP[] = {
	{ "completed", N_("Completed"), RC_INT, 1 },
	{ "on_time", N_("On time"), RC_INT, 1 },
	{ "late", N_("Late"), RC_INT, 1 },
	{ "due", N_("Due"), RC_INT, 1 },
	{ "overdue", N_("Overdue"), RC_INT, 1 },
	{ "missing", N_("Missing"), RC_INT, 1 },
	{ "on_time_pct", N_("On time %"), RC_PCT, 0 },
	{ "written", N_("Written"), RC_INT, 1 },
	{ "closed", N_("Closed"), RC_INT, 1 },
	{ "with_action", N_("In practice"), RC_INT, 1 },
	{ "colleagues_asked", N_("Coll. asked"), RC_INT, 1 },
	{ "colleagues_answered", N_("Coll. answered"), RC_INT, 1 },
	{ "colleagues_declined", N_("Coll. declined"), RC_INT, 1 },
	{ "passed_on", N_("Passed on"), RC_INT, 1 },
};
static const report_col COLS_COMPETENCES[] = {
	{ "goals", N_("Goals"), RC_INT, 1 },
	{ "done", N_("Done"), RC_INT, 1 },
	{ "people", N_("People"), RC_INT, 0 },
	{ "share_pct", N_("Share %"), RC_PCT, 0 },
	{ "participations", N_("Partic."), RC_INT, 1 },
};
static const report_col COLS_FOCUS[] = {
	{ "goals", N_("Goals"), RC_INT, 1 },
	{ "people", N_("People"), RC_INT, 0 },
	{ "share_pct", N_("Share %"), RC_PCT, 0 },
	{ "participations", N_("Partic."), RC_INT, 1 },
	{ "completed", N_("Completed"), RC_INT, 1 },
};
static const report_col COLS_CROSSPROF[] = {
	{ "sessions", N_("Sessions"), RC_INT, 1 },
	{ "participants", N_("Partic."), RC_INT, 1 },
	{ "professions", N_("Prof."), RC_INT, 0 },
	{ "institutions", N_("Inst."), RC_INT, 0 },
	{ "cross_sessions", N_("Cross s."), RC_INT, 1 },
	{ "cross", N_("Cross"), RC_INT, 1 },
};
static const report_col COLS_METHODS[] = {
	{ "participations", N_("Partic."), RC_INT, 1 },
	{ "completed", N_("Completed"), RC_INT, 1 },
	{ "people", N_("People"), RC_INT, 0 },
	{ "hours", N_("Hours"), RC_REAL, 1 },
	{ "ects", N_("ECTS"), RC_REAL, 1 },
};
static const report_col COLS_COST[] = {
	{ "budget", N_("Budget"), RC_MONEY, 1 },
	{ "spent", N_("Spent"), RC_MONEY, 1 },
	{ "committed", N_("Committed"), RC_MONEY, 1 },
	{ "remaining", N_("Remaining"), RC_MONEY, 0 },
	{ "used_pct", N_("Used %"), RC_PCT, 0 },
};

#define NCOLS(a) ((int)(sizeof a / sizeof *a))

static const struct repdef {
	const char *code;
	const char *title;       /* N_() */
	const char *label_code, *label_head;
	const report_col *cols;
	int ncols, bar_col;
	const char *sql;         /* the report */
	const char *fwd, *back;  /* its drill-down */
	int nread;               /* values the report query returns after column 3 */
	int gap;                 /* a derived column amid the ones read (its
				  * index; 0: none — the first is always read),
				  * so columns added later keep the codes' order */
} defs[REP_COUNT] = {
	[REP_COVERAGE] = { "coverage", N_("Plan coverage"), "unit", N_("Unit"), COLS_COVERAGE,
		NCOLS(COLS_COVERAGE), 4, SQL_COVERAGE, SQL_I_COVERAGE_FWD, SQL_I_COVERAGE_BACK, 4 },
	[REP_FOLLOWUP] = { "followup", N_("Follow-up"), "unit", N_("Unit"), COLS_FOLLOWUP,
		NCOLS(COLS_FOLLOWUP), 6, SQL_FOLLOWUP, SQL_I_FOLLOWUP_FWD, SQL_I_FOLLOWUP_BACK, 13, 6 },
	[REP_COMPETENCES] = { "competences", N_("Competence balance"), "competence", N_("Competence area"),
		COLS_COMPETENCES, NCOLS(COLS_COMPETENCES), 0, SQL_COMPETENCES,
		SQL_I_COMPETENCES_FWD, SQL_I_COMPETENCES_BACK, 5 },
	[REP_FOCUS] = { "focus", N_("Focus areas"), "focus_area", N_("Focus area"), COLS_FOCUS,
		NCOLS(COLS_FOCUS), 0, SQL_FOCUS, SQL_I_FOCUS_FWD, SQL_I_FOCUS_BACK, 5 },
	[REP_CROSSPROF] = { "crossprof", N_("Cross-professional"), "activity", N_("Activity"),
		COLS_CROSSPROF, NCOLS(COLS_CROSSPROF), 2, SQL_CROSSPROF,
		SQL_I_CROSSPROF_FWD, SQL_I_CROSSPROF_BACK, 6 },
	[REP_METHODS] = { "methods", N_("Methods"), "method", N_("Method"), COLS_METHODS,
		NCOLS(COLS_METHODS), 3, SQL_METHODS, SQL_I_METHODS_FWD, SQL_I_METHODS_BACK, 5 },
	[REP_COST] = { "cost", N_("Cost"), "unit", N_("Unit"), COLS_COST, NCOLS(COLS_COST), 4,
		SQL_COST, SQL_I_COST_FWD, SQL_I_COST_BACK, 3 },
};

const char *report_code(kreport k)
{
	return k >= 0 && k < REP_COUNT ? defs[k].code : "";
}

const char *report_title(kreport k)
{
	return k >= 0 && k < REP_COUNT ? _(defs[k].title) : "";
}

/* One line each, for the Reports pane's list of reports. */
static const char *const abouts[REP_COUNT] = {
	[REP_COVERAGE] = N_("Who has a plan, agreed and evaluated, per unit"),
	[REP_FOLLOWUP] = N_("Follow-ups: on time, colleagues' parts, into practice"),
	[REP_COMPETENCES] = N_("The year's goals per competence area"),
	[REP_FOCUS] = N_("Goals and participations serving the focus areas"),
	[REP_CROSSPROF] = N_("Activities with several professions and institutions"),
	[REP_METHODS] = N_("Participations, hours and ECTS per method"),
	[REP_COST] = N_("Budget, spent and committed per unit"),
};

const char *report_about(kreport k)
{
	return k >= 0 && k < REP_COUNT ? _(abouts[k]) : "";
}

kcode report_may(const kactor *who, kerr *e)
{
	return who->role == ROLE_EMPLOYEE ? db_denied(e) : KE_OK;
}

int report_parse(const char *code, kreport *out)
{
	for (int k = 0; code && k < REP_COUNT; k++)
		if (!strcmp(code, defs[k].code)) {
			*out = (kreport)k;
			return 0;
		}
	return -1;
}

double report_pct(double num, double den)
{
	return den > 0 ? num * 100.0 / den : -1;
}

static kcode nomem(kerr *e)
{
	return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
}

/* ---- running a report ---- */

static const size_t row_texts[] = {
	offsetof(report_row, label), offsetof(report_row, group), offsetof(report_row, sort_key),
};

static void row_free(report_row *r)
{
	DB_FREE_ROW(r, row_texts);
}

void report_free(report_t *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->nrows; i++)
		row_free(&r->rows[i]);
	free(r->rows);
	row_free(&r->total);
	memset(r, 0, sizeof *r);
}

static void set_pct(report_row *r, int col, double num, double den)
{
	double p = report_pct(num, den);
	r->v[col] = p < 0 ? 0 : p;
	r->has[col] = p >= 0;
}

/* The derived columns (percentages, what is left of a budget), for a row
 * or the total; tot is the total row (shares of the whole). */
static void derive(kreport k, report_row *r, const report_row *tot)
{
	switch (k) {
	case REP_COVERAGE: set_pct(r, 4, r->v[1], r->v[0]); break;
	case REP_FOLLOWUP: set_pct(r, 6, r->v[1], r->v[0]); break;
	case REP_COMPETENCES: set_pct(r, 3, r->v[0], tot->v[0]); break;
	case REP_FOCUS: set_pct(r, 2, r->v[0], tot->v[0]); break;
	case REP_COST:
		r->has[3] = r->has[0];
		r->v[3] = r->has[0] ? r->v[0] - r->v[1] - r->v[2] : 0;
		if (r->has[0])
			set_pct(r, 4, r->v[1] + r->v[2], r->v[0]);
		else
			r->has[4] = 0;
		break;
	default: break;
	}
}

/* Binds every parameter (see the top); statements ignore those past their
 * last. row NULL: no row filter (the report itself, or the total). */
static kcode bind_all(kdb *db, sqlite3_stmt *st, const kactor *who, int year, int64_t unit_id,
		      const report_row *row, const kpage *pg, kerr *e)
{
	char y0[24], y1[24], today[11];
	snprintf(y0, sizeof y0, "%04d-01-01", year);
	snprintf(y1, sizeof y1, "%04d-01-01", year + 1);
	if (date_today(today) != 0)
		return kerr_set(e, KE_IO, "%s", _("Cannot read today's date from the system clock."));
	const char *key = "";
	int64_t id = 0;
	if (pg)
		db_page_start(pg, &key, &id);
	return db_bind_prefix(db, st, e, KV_INT(who->staff_id), KV_INT((int)who->role), KV_ID0(unit_id),
		       KV_INT((int64_t)year), KV_TEXT(y0), KV_TEXT(y1), KV_TEXT(today), KV_INT(i18n_lang() == LANG_EN), KV_INT(row != NULL),
		       KV_INT(row ? row->id : (int64_t)0), KV_TEXT0(row ? row->key : NULL), KV_TEXT(key), KV_INT(id),
		       KV_INT(pg ? db_page_limit(pg) : 0));
}

static kcode check_args(const kactor *who, kreport k, int year, kerr *e)
{
	if (k < 0 || k >= REP_COUNT)
		return kerr_set(e, KE_INVALID, "%s", _("No such report."));
	if (who->role == ROLE_EMPLOYEE)
		return db_denied(e);
	if (year < 2000 || year > 2199)
		return kerr_set(e, KE_INVALID, _("The year must be from 2000 to 2199, not %d."), year);
	return KE_OK;
}

/* Reads one result row into a new report row: id, label, sort key, a flag
 * (coverage: is-leader; cost: has a budget), then the values. */
static int read_row(kreport k, sqlite3_stmt *st, int nread, int gap, report_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	int flag = sqlite3_column_int(st, 3);
	const char *label = (const char *)sqlite3_column_text(st, 1);
	if (k == REP_METHODS) {
		snprintf(r->key, sizeof r->key, "%s", label ? label : "");
		label = method_name(label);
	} else if (k == REP_FOCUS && r->id == 0) {
		label = _("(no focus area)");
	}
	r->label = xstrdup(label);
	r->group = xstrdup(k == REP_COVERAGE ? (flag ? "leaders" : "staff") : "");
	if (k == REP_COVERAGE)
		snprintf(r->key, sizeof r->key, "%s", flag ? "leaders" : "staff");
	const char *sk = (const char *)sqlite3_column_text(st, 2);
	r->sort_key = k == REP_FOCUS ? (r->id ? text_sortkey(label) : xstrdup("\xff"))
				     : xstrdup(sk);
	for (int i = 0; i < REPORT_MAXCOLS; i++)
		r->has[i] = 1; /* derived columns are set by derive() */
	for (int i = 0; i < nread; i++)
		r->v[gap && i >= gap ? i + 1 : i] = sqlite3_column_double(st, 4 + i);
	if (k == REP_COST)
		r->has[0] = flag;
	if (!r->label || !r->group || !r->sort_key) {
		row_free(r);
		return -1;
	}
	return 0;
}

static kcode add_row(report_t *r, int *cap, report_row *row, kerr *e)
{
	if (r->nrows == *cap) {
		int ncap = *cap ? *cap * 2 : 16;
		report_row *t = realloc(r->rows, (size_t)ncap * sizeof *t);
		if (!t) {
			row_free(row);
			return nomem(e);
		}
		r->rows = t;
		*cap = ncap;
	}
	r->rows[r->nrows++] = *row;
	return KE_OK;
}

/* Methods come back only where there were participations; every method
 * gets a row, in the catalogue's order. */
static kcode method_rows(report_t *r, int *cap, kerr *e)
{
	report_row *got = r->rows;
	int n = r->nrows;
	r->rows = NULL;
	r->nrows = 0;
	*cap = 0;
	kcode c = KE_OK;
	for (int m = 0; !c && activity_methods[m]; m++) {
		report_row row;
		memset(&row, 0, sizeof row);
		int found = -1;
		for (int i = 0; i < n; i++)
			if (!strcmp(got[i].key, activity_methods[m]))
				found = i;
		if (found >= 0) {
			row = got[found];
			memset(&got[found], 0, sizeof got[found]);
		} else {
			row.label = xstrdup(method_name(activity_methods[m]));
			row.group = xstrdup("");
			snprintf(row.key, sizeof row.key, "%s", activity_methods[m]);
			for (int i = 0; i < REPORT_MAXCOLS; i++)
				row.has[i] = 1;
		}
		free(row.sort_key);
		row.sort_key = malloc(12);
		if (row.sort_key)
			snprintf(row.sort_key, 12, "%08d", m);
		if (!row.label || !row.group || !row.sort_key) {
			row_free(&row);
			c = nomem(e);
		} else {
			c = add_row(r, cap, &row, e);
		}
	}
	for (int i = 0; i < n; i++)
		row_free(&got[i]);
	free(got);
	return c;
}

static kcode make_total(report_t *r, kerr *e)
{
	report_row *t = &r->total;
	memset(t, 0, sizeof *t);
	t->label = xstrdup(_("Total"));
	t->group = xstrdup("");
	t->sort_key = xstrdup("");
	if (!t->label || !t->group || !t->sort_key)
		return nomem(e);
	for (int c = 0; c < r->ncols; c++) {
		t->has[c] = r->cols[c].total;
		for (int i = 0; t->has[c] && i < r->nrows; i++)
			t->v[c] += r->rows[i].has[c] ? r->rows[i].v[c] : 0;
	}
	if (r->kind == REP_COST) { /* the budgets there are; none: blank */
		t->has[0] = 0;
		for (int i = 0; i < r->nrows; i++)
			t->has[0] |= r->rows[i].has[0];
	}
	derive(r->kind, t, t);
	for (int i = 0; i < r->nrows; i++)
		derive(r->kind, &r->rows[i], t);
	return KE_OK;
}

kcode report_run(kdb *db, const kactor *who, kreport k, int year, int64_t unit_id,
		 report_t *out, kerr *e)
{
	memset(out, 0, sizeof *out);
	if (check_args(who, k, year, e))
		return e->code;
	const struct repdef *d = &defs[k];
	out->kind = k;
	out->year = year;
	out->unit_id = unit_id;
	out->ncols = d->ncols;
	out->cols = d->cols;
	out->bar_col = d->bar_col;
	out->label_code = d->label_code;
	out->label_head = d->label_head;
	sqlite3_stmt *st = db_stmt(db, d->sql, e);
	if (!st || bind_all(db, st, who, year, unit_id, NULL, NULL, e))
		return e->code;
	int cap = 0, rc = 0;
	kcode c = KE_OK;
	while (!c && (rc = db_step(db, st, e)) == SQLITE_ROW) {
		report_row row;
		if (read_row(k, st, d->nread, d->gap, &row))
			c = nomem(e);
		else
			c = add_row(out, &cap, &row, e);
	}
	sqlite3_reset(st);
	if (!c && rc < 0)
		c = e->code;
	if (!c && k == REP_METHODS)
		c = method_rows(out, &cap, e);
	if (!c && k == REP_FOCUS) /* titles in Danish order, "no focus area" last */
		report_sort(out, -1, 0);
	if (!c)
		c = make_total(out, e);
	if (c)
		report_free(out);
	return c;
}

/* ---- sorting (for the pane) ---- */

static int sort_col, sort_desc;

static int cmp_rows(const void *pa, const void *pb)
{
	const report_row *a = pa, *b = pb;
	int d = 0;
	if (sort_col >= 0) {
		double x = a->has[sort_col] ? a->v[sort_col] : -1e300;
		double y = b->has[sort_col] ? b->v[sort_col] : -1e300;
		d = (x > y) - (x < y);
		if (sort_desc)
			d = -d;
	}
	if (!d) {
		d = strcmp(a->sort_key, b->sort_key);
		if (sort_col < 0 && sort_desc)
			d = -d;
	}
	if (!d) /* staff before their leaders */
		d = strcmp(b->group, a->group);
	return d;
}

void report_sort(report_t *r, int col, int desc)
{
	sort_col = col >= 0 && col < r->ncols ? col : -1;
	sort_desc = desc;
	if (r->nrows > 1)
		qsort(r->rows, (size_t)r->nrows, sizeof *r->rows, cmp_rows);
}

/* ---- drill-down ---- */

static const size_t item_texts[] = {
	offsetof(report_item, key), offsetof(report_item, staff_key), offsetof(report_item, name),
	offsetof(report_item, unit), offsetof(report_item, what),
};

static void item_free(report_item *it)
{
	DB_FREE_ROW(it, item_texts);
}

DB_ROWS_FREE(report_items_free, report_item, item_free)

static int item_read(sqlite3_stmt *st, void *row)
{
	report_item *it = row;
	memset(it, 0, sizeof *it);
	it->id = sqlite3_column_int64(st, 0);
	it->key = col_text(st, 1);
	it->staff_id = sqlite3_column_int64(st, 2);
	it->staff_key = col_text(st, 3);
	it->plan_id = sqlite3_column_int64(st, 4);
	it->name = col_text(st, 5);
	it->unit = col_text(st, 6);
	it->what = col_text(st, 7);
	snprintf(it->state, sizeof it->state, "%s", (const char *)sqlite3_column_text(st, 8));
	snprintf(it->date, sizeof it->date, "%s", (const char *)sqlite3_column_text(st, 9));
	it->amount = sqlite3_column_int64(st, 10);
	if (!it->key || !it->staff_key || !it->name || !it->unit || !it->what) {
		item_free(it);
		return -1;
	}
	return 0;
}

static void item_release(void *row)
{
	item_free(row);
}

kcode report_items(kdb *db, const kactor *who, kreport k, int year, int64_t unit_id,
		   const report_row *row, const kpage *pg, report_item **rows, int *n, kerr *e)
{
	*rows = NULL;
	*n = 0;
	if (check_args(who, k, year, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db, pg->backward ? defs[k].back : defs[k].fwd, e);
	if (!st || bind_all(db, st, who, year, unit_id, row, pg, e))
		return e->code;
	void *out = NULL;
	kcode c = db_page_read(db, st, pg, sizeof(report_item), item_read, item_release, &out, n, e);
	*rows = out;
	/* the people behind a competence or focus area are shown with their
	 * goals' texts: a reading of each one's goals */
	for (int i = 0; !c && (k == REP_COMPETENCES || k == REP_FOCUS) && i < *n; i++)
		access_log_note(db, who, (*rows)[i].staff_id, ACC_GOAL);
	return c;
}

/* ---- showing a value (no SQL; shared by the pane and `kup report`) ---- */

/* Thousands grouped the local way: 12.500 in Danish, 12,500 in English. */
static void group_digits(long long v, char *buf, size_t size)
{
	char raw[32], out[48];
	snprintf(raw, sizeof raw, "%lld", v < 0 ? -v : v);
	size_t n = strlen(raw), j = 0;
	char sep = i18n_lang() == LANG_EN ? ',' : '.';
	if (v < 0)
		out[j++] = '-';
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			out[j++] = sep;
		out[j++] = raw[i];
	}
	out[j] = '\0';
	snprintf(buf, size, "%s", out);
}

void report_cell(const report_t *r, const report_row *row, int col, char *buf, size_t size)
{
	if (col < 0 || col >= r->ncols || !row->has[col]) {
		snprintf(buf, size, "%s", "–");
		return;
	}
	double v = row->v[col];
	char dec = i18n_lang() == LANG_EN ? '.' : ',';
	switch (r->cols[col].kind) {
	case RC_INT:
	case RC_MONEY:
		group_digits((long long)(v < 0 ? v - 0.5 : v + 0.5), buf, size);
		return;
	case RC_PCT:
	case RC_REAL: {
		snprintf(buf, size, "%.1f", v);
		char *dot = strchr(buf, '.');
		if (dot)
			*dot = dec;
		return;
	}
	}
}

/* ---- for the printed plan ---- */

static const char SQL_LEADER_OF[] =
	"SELECT coalesce(group_concat(n, ', '), '') FROM (SELECT s.name n FROM unit_leader l"
	" JOIN staff s ON s.id = l.staff_id WHERE " SQL_LEADS_NOW("l") " AND l.unit_id ="
	" (SELECT " SQL_MANAGER_UNIT("x") " FROM staff x WHERE x.id = ?1) ORDER BY s.sort_key)";

kcode report_leader_of(kdb *db, const kactor *who, int64_t staff_id, char **names, kerr *e)
{
	*names = NULL;
	if (!scope_sees_staff(db, who, staff_id))
		return db_denied(e);
	sqlite3_stmt *st = db_stmt(db, SQL_LEADER_OF, e);
	kcode c = st ? db_bind(db, st, e, KV_INT(staff_id)) : e->code;
	if (db_row_read(db, st, c, db_read_text, names, NULL, e))
		return e->code;
	/* an aggregate always has its row; "" should it have none */
	return *names || (*names = xstrdup("")) ? KE_OK : nomem(e);
}
