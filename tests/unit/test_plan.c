/* Unit tests for src/db/db_plan.c: plans, goals, the agree/accept/evaluate
 * workflow, carry-over, who may do what, and keyset paging of plan lists. */
#include "t.h"

#include <sqlite3.h>
#include <stdint.h>
#include <unistd.h>

#include "db.h"
#include "db_plan.h"
#include "db_staff.h"
#include "i18n.h"

static kdb *db;
static sqlite3 *raw; /* second connection for rows there is no API for yet */
static kactor admin;

/* Runs sql with up to three integer parameters on the raw connection;
 * returns the new row id (or the first column of a row it returns). */
static int64_t raw_exec(const char *sql, int64_t a, int64_t b, int64_t c)
{
	sqlite3_stmt *st = NULL;
	int64_t out = -1;
	if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) != SQLITE_OK) {
		printf("# raw prepare: %s\n", sqlite3_errmsg(raw));
		return -1;
	}
	int np = sqlite3_bind_parameter_count(st);
	if (np >= 1) sqlite3_bind_int64(st, 1, a);
	if (np >= 2) sqlite3_bind_int64(st, 2, b);
	if (np >= 3) sqlite3_bind_int64(st, 3, c);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		out = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		out = sqlite3_last_insert_rowid(raw);
	else
		printf("# raw step: %s\n", sqlite3_errmsg(raw));
	sqlite3_finalize(st);
	return out;
}

static int64_t add_unit(const char *name, int64_t parent, const char *kind)
{
	sqlite3_stmt *st = NULL;
	int64_t id = -1;
	if (sqlite3_prepare_v2(raw, "INSERT INTO unit(parent_id, name, kind, sort_key) VALUES (?,?,?,?)",
			       -1, &st, NULL) == SQLITE_OK) {
		if (parent)
			sqlite3_bind_int64(st, 1, parent);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_DONE)
			id = sqlite3_last_insert_rowid(raw);
	}
	sqlite3_finalize(st);
	return id;
}

static int64_t add_focus(int year, const char *title)
{
	sqlite3_stmt *st = NULL;
	int64_t id = -1;
	if (sqlite3_prepare_v2(raw, "INSERT INTO focus_area(year, title) VALUES (?,?)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int(st, 1, year);
		sqlite3_bind_text(st, 2, title, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_DONE)
			id = sqlite3_last_insert_rowid(raw);
	}
	sqlite3_finalize(st);
	return id;
}

static int64_t add_staff(const char *login, const char *name, int64_t unit, krole role)
{
	staff_rec s = { 0 };
	s.login = (char *)login;
	s.name = (char *)name;
	s.initials = (char *)"X";
	s.unit_id = unit;
	s.role = role;
	kerr e = { 0 };
	if (staff_save(db, &admin, &s, &e)) {
		printf("# staff_save %s: %s\n", name, e.msg);
		return -1;
	}
	return s.id;
}

static kactor actor(const char *login)
{
	kactor a;
	kerr e = { 0 };
	memset(&a, 0, sizeof a);
	if (db_actor_for_login(db, login, 0, &a, &e))
		printf("# actor %s: %s\n", login, e.msg);
	return a;
}

static int64_t new_plan(const kactor *who, int64_t staff_id, int year, kerr *e)
{
	plan_rec p = { 0 };
	p.staff_id = staff_id;
	p.year = year;
	return plan_save(db, who, &p, e) ? 0 : p.id;
}

/* Adds a goal; returns its id, or 0 with e set. */
static int64_t new_goal(const kactor *who, int64_t plan_id, const char *what, const char *status, kerr *e)
{
	goal_rec g = { 0 };
	g.plan_id = plan_id;
	g.competence_id = 2;
	g.what = (char *)what;
	snprintf(g.status, sizeof g.status, "%s", status ? status : "");
	return goal_save(db, who, &g, e) ? 0 : g.id;
}

static int64_t plan_version(int64_t id)
{
	plan_rec p;
	kerr e = { 0 };
	if (plan_get(db, &admin, id, &p, &e))
		return -1;
	int64_t v = p.version;
	plan_free(&p);
	return v;
}

static int has(const kerr *e, const char *part)
{
	return strstr(e->msg, part) != NULL;
}

/* Ids of a plan's goals in list order, written into ids (max 16). */
static int goal_ids(int64_t plan_id, int64_t *ids, int *pos)
{
	goal_rec *r = NULL;
	int n = 0;
	kerr e = { 0 };
	if (goal_list(db, &admin, plan_id, &r, &n, &e))
		return -1;
	for (int i = 0; i < n && i < 16; i++) {
		ids[i] = r[i].id;
		if (pos)
			pos[i] = r[i].pos;
	}
	goal_rows_free(r, n);
	return n;
}

/* Organisation: area (boss) > school north (nord) > team A (Søren);
 * area > school south (syd, Bo). */
static int64_t u_area, u_nord, u_team, u_syd;
static int64_t s_boss, s_nord, s_soren, s_syd, s_bo;
static int64_t f_2026, f_2025;

static void build_org(void)
{
	u_area = add_unit("Børn og Unge", 0, "area");
	u_nord = add_unit("Skole Nord", u_area, "institution");
	u_team = add_unit("Team A", u_nord, "team");
	u_syd = add_unit("Skole Syd", u_area, "institution");
	s_boss = add_staff("boss", "Birgit Chef", u_area, ROLE_LEADER);
	s_nord = add_staff("nord", "Niels Nord", u_nord, ROLE_LEADER);
	s_soren = add_staff("soren", "Søren Ågård", u_team, ROLE_EMPLOYEE);
	s_syd = add_staff("syd", "Sofie Syd", u_syd, ROLE_LEADER);
	s_bo = add_staff("bo", "Bo Berg", u_syd, ROLE_EMPLOYEE);
	const char *lead = "INSERT INTO unit_leader(unit_id, staff_id, since) VALUES (?, ?, '2020-01-01')";
	raw_exec(lead, u_area, s_boss, 0);
	raw_exec(lead, u_nord, s_nord, 0);
	raw_exec(lead, u_syd, s_syd, 0);
	f_2026 = add_focus(2026, "Inklusion");
	f_2025 = add_focus(2025, "Trivsel");
	CHECK(u_area > 0 && u_syd > 0 && s_boss > 0 && s_bo > 0 && f_2026 > 0 && f_2025 > 0,
	      "test organisation built");
}

static void test_create(void)
{
	kerr e = { 0 };
	kactor soren = actor("soren"), syd = actor("syd"), nord = actor("nord");
	int64_t id = new_plan(&admin, s_soren, 2026, &e);
	CHECK(id > 0, "admin creates a plan (%s)", e.msg);

	plan_rec p;
	CHECK(plan_get(db, &soren, id, &p, &e) == KE_OK, "the person reads their plan");
	CHECK_STR(p.status, "draft", "a new plan is a draft");
	CHECK_STR(p.staff_name, "Søren Ågård", "plan names the person");
	CHECK_STR(p.unit_name, "Team A", "plan names the unit");
	CHECK(p.version == 1 && p.year == 2026 && p.goals == 0, "version 1, year, no goals");
	plan_free(&p);

	CHECK(new_plan(&admin, s_soren, 2026, &e) == 0 && e.code == KE_EXISTS &&
	      has(&e, "There is already a plan for Søren Ågård in 2026."), "duplicate plan named: %s", e.msg);
	CHECK(new_plan(&admin, s_soren, 1999, &e) == 0 && e.code == KE_INVALID && has(&e, "2000 and 2199"),
	      "year out of range refused: %s", e.msg);
	plan_rec bad = { 0 };
	bad.staff_id = s_soren;
	bad.year = 2030;
	snprintf(bad.mus_date, sizeof bad.mus_date, "2030-02-30");
	CHECK(plan_save(db, &admin, &bad, &e) == KE_INVALID && has(&e, "not a valid date"),
	      "invalid MUS date refused: %s", e.msg);
	CHECK(new_plan(&admin, 99999, 2026, &e) == 0 && e.code == KE_NOTFOUND, "unknown person refused");

	CHECK(new_plan(&soren, s_soren, 2027, &e) == 0 && e.code == KE_DENIED, "employee cannot create a plan");
	CHECK(new_plan(&syd, s_soren, 2027, &e) == 0 && e.code == KE_DENIED,
	      "leader of another unit cannot create a plan");
	CHECK(plan_get(db, &syd, id, &p, &e) == KE_DENIED, "leader of another unit cannot read the plan");
	CHECK(plan_find(db, &nord, s_soren, 2026, &p, &e) == KE_OK && p.id == id, "plan_find by person and year");
	plan_free(&p);
	CHECK(plan_find(db, &nord, s_soren, 2040, &p, &e) == KE_NOTFOUND, "plan_find without plan: NOTFOUND");
	CHECK(plan_find(db, &syd, s_soren, 2026, &p, &e) == KE_DENIED, "plan_find outside scope denied");

	/* update mus_date and notes, then a stale version */
	CHECK(plan_get(db, &nord, id, &p, &e) == KE_OK, "leader reads the plan");
	snprintf(p.mus_date, sizeof p.mus_date, "2026-03-12");
	free(p.notes);
	p.notes = strdup("Aftalt ved MUS.\nOpfølgning i juni.");
	CHECK(plan_save(db, &nord, &p, &e) == KE_OK && p.version == 2, "leader updates MUS date and notes");
	p.version = 1;
	CHECK(plan_save(db, &nord, &p, &e) == KE_CONFLICT, "stale plan version gives a conflict: %s", e.msg);
	p.version = 2;
	CHECK(plan_save(db, &soren, &p, &e) == KE_DENIED, "employee cannot update plan fields");
	plan_free(&p);
	CHECK(plan_get(db, &soren, id, &p, &e) == KE_OK && !strcmp(p.mus_date, "2026-03-12") &&
	      strstr(p.notes, "juni"), "update stored");
	plan_free(&p);
}

static void test_goals_and_workflow(void)
{
	kerr e = { 0 };
	kactor soren = actor("soren"), syd = actor("syd"), nord = actor("nord"), boss = actor("boss");
	plan_rec p;
	CHECK(plan_find(db, &admin, s_soren, 2026, &p, &e) == KE_OK, "find Søren's 2026 plan");
	int64_t pid = p.id;
	plan_free(&p);

	CHECK(plan_agree(db, &nord, pid, plan_version(pid), &e) == KE_INVALID &&
	      has(&e, "at least one goal"), "agree without goals refused: %s", e.msg);

	/* the person drafts goals */
	goal_rec g = { 0 };
	g.plan_id = pid;
	g.competence_id = 2;
	g.what = (char *)"";
	CHECK(goal_save(db, &soren, &g, &e) == KE_INVALID && has(&e, "Goal is required"), "empty goal: %s", e.msg);
	g.what = (char *)"Lære ICDP\nog bruge det i gruppen";
	g.competence_id = 0;
	CHECK(goal_save(db, &soren, &g, &e) == KE_INVALID && has(&e, "Competence area is required"),
	      "competence required: %s", e.msg);
	g.competence_id = 999;
	CHECK(goal_save(db, &soren, &g, &e) == KE_INVALID && has(&e, "competence area does not exist"),
	      "unknown competence refused: %s", e.msg);
	g.competence_id = 2;
	g.focus_id = f_2025;
	CHECK(goal_save(db, &soren, &g, &e) == KE_INVALID && has(&e, "The focus area belongs to another year."),
	      "focus area of another year refused: %s", e.msg);
	g.focus_id = 4242;
	CHECK(goal_save(db, &soren, &g, &e) == KE_INVALID && has(&e, "focus area does not exist"),
	      "unknown focus area refused");
	g.focus_id = f_2026;
	snprintf(g.status, sizeof g.status, "finished");
	CHECK(goal_save(db, &soren, &g, &e) == KE_INVALID && has(&e, "status"), "bad status refused: %s", e.msg);
	g.status[0] = '\0';
	snprintf(g.deadline, sizeof g.deadline, "2026-13-01");
	CHECK(goal_save(db, &soren, &g, &e) == KE_INVALID && has(&e, "Deadline"), "bad deadline refused");
	snprintf(g.deadline, sizeof g.deadline, "2027-06-30");
	CHECK(goal_save(db, &soren, &g, &e) == KE_INVALID && has(&e, "not in 2026, the plan's year") &&
	      !strcmp(e.field, "deadline"), "a deadline outside the plan's year is refused: %s", e.msg);
	snprintf(g.deadline, sizeof g.deadline, "2025-12-31");
	CHECK(goal_save(db, &soren, &g, &e) == KE_INVALID && has(&e, "31-12-2025"), "before it too: %s", e.msg);
	snprintf(g.deadline, sizeof g.deadline, "2026-11-30");
	g.why = (char *)"bad\x01text";
	CHECK(goal_save(db, &soren, &g, &e) == KE_INVALID && has(&e, "control characters"),
	      "control characters refused");
	g.why = (char *)"Børnene har brug for det.";
	CHECK(goal_save(db, &soren, &g, &e) == KE_OK && g.id > 0 && g.version == 1 && !strcmp(g.status, "open"),
	      "employee adds a goal to own draft plan (%s)", e.msg);
	int64_t g1 = g.id;
	CHECK(goal_save(db, &syd, &(goal_rec){ .plan_id = pid, .competence_id = 1, .what = (char *)"x" }, &e)
	      == KE_DENIED, "leader of another unit cannot add goals");

	goal_rec r;
	i18n_set(LANG_EN);
	CHECK(goal_get(db, &soren, g1, &r, &e) == KE_OK && !strcmp(r.competence_name, "Professional") &&
	      !strcmp(r.focus_title, "Inklusion") && r.pos == 1 && strchr(r.what, '\n') &&
	      !strcmp(r.deadline, "2026-11-30"), "goal read back, competence in English");
	goal_free(&r);
	i18n_set(LANG_DA);
	CHECK(goal_get(db, &soren, g1, &r, &e) == KE_OK && !strcmp(r.competence_name, "Faglig"),
	      "competence name in Danish");
	goal_free(&r);
	i18n_set(LANG_EN);
	CHECK(goal_get(db, &syd, g1, &r, &e) == KE_DENIED, "goal outside scope denied");

	/* stale goal version */
	g.version = 0;
	CHECK(goal_save(db, &soren, &g, &e) == KE_CONFLICT, "stale goal version: conflict");
	g.version = 1;
	snprintf(g.status, sizeof g.status, "in_progress");
	CHECK(goal_save(db, &soren, &g, &e) == KE_OK && g.version == 2, "employee edits own draft goal");

	int64_t g2 = new_goal(&soren, pid, "Supervision", "done", &e);
	int64_t g3 = new_goal(&nord, pid, "Netværk", "dropped", &e);
	int64_t g4 = new_goal(&nord, pid, "Teamtræning", "open", &e);
	CHECK(g2 && g3 && g4, "more goals added by person and leader");

	/* the leader's own plan is agreed upwards */
	int64_t npid = new_plan(&nord, s_nord, 2026, &e);
	CHECK(npid == 0 && e.code == KE_DENIED, "a leader cannot create his own plan");
	npid = new_plan(&boss, s_nord, 2026, &e);
	CHECK(npid > 0, "parent unit's leader creates the leader's plan (%s)", e.msg);
	CHECK(new_goal(&nord, npid, "Ledelse", NULL, &e) > 0, "leader drafts goals in own plan");
	CHECK(plan_agree(db, &nord, npid, plan_version(npid), &e) == KE_DENIED, "a leader cannot agree his own plan");
	CHECK(plan_agree(db, &boss, npid, plan_version(npid), &e) == KE_OK, "parent unit's leader agrees it (%s)", e.msg);
	CHECK(plan_get(db, &nord, npid, &p, &e) == KE_OK && !strcmp(p.status, "agreed") &&
	      p.agreed_by == s_boss && !strcmp(p.agreed_by_name, "Birgit Chef") && p.agreed_at[0],
	      "agreed_by and agreed_at recorded");
	plan_free(&p);

	/* agreeing Søren's plan */
	CHECK(plan_agree(db, &soren, pid, plan_version(pid), &e) == KE_DENIED, "employee cannot agree");
	CHECK(plan_agree(db, &syd, pid, plan_version(pid), &e) == KE_DENIED, "other unit's leader cannot agree");
	CHECK(plan_agree(db, &admin, pid, plan_version(pid), &e) == KE_DENIED &&
	      has(&e, "Only a registered person can agree a plan."), "local admin without record cannot agree");
	CHECK(plan_agree(db, &nord, pid, plan_version(pid) - 1, &e) == KE_CONFLICT, "agree with stale version: conflict");
	CHECK(plan_accept(db, &soren, pid, &e) == KE_STATE, "accepting a draft refused");
	CHECK(plan_agree(db, &nord, pid, plan_version(pid), &e) == KE_OK, "leader agrees (%s)", e.msg);
	CHECK(plan_agree(db, &nord, pid, plan_version(pid), &e) == KE_STATE, "agreeing twice refused");

	CHECK(new_goal(&soren, pid, "Mere", NULL, &e) == 0 && e.code == KE_STATE,
	      "employee cannot add goals after agreement: %s", e.msg);
	CHECK(goal_get(db, &soren, g1, &r, &e) == KE_OK, "employee still reads goals");
	CHECK(goal_save(db, &soren, &r, &e) == KE_STATE, "employee cannot edit goals after agreement");
	CHECK(goal_delete(db, &soren, g1, r.version, &e) == KE_STATE, "employee cannot delete goals after agreement");
	CHECK(goal_move(db, &soren, g1, 1, &e) == KE_STATE, "employee cannot move goals after agreement");
	goal_free(&r);
	int64_t g5 = new_goal(&nord, pid, "Tilføjet efter aftale", "in_progress", &e);
	CHECK(g5 > 0, "leader adds a goal to an agreed plan");

	/* acceptance */
	CHECK(plan_accept(db, &nord, pid, &e) == KE_DENIED, "only the person accepts");
	CHECK(plan_accept(db, &soren, pid, &e) == KE_OK, "person accepts the agreed plan");
	CHECK(plan_accept(db, &soren, pid, &e) == KE_STATE, "accepting twice refused");
	CHECK(plan_get(db, &soren, pid, &p, &e) == KE_OK && p.accepted_at[0] && p.goals == 5 && p.goals_done == 1,
	      "accepted_at set; goal counts 5/1");
	CHECK(plan_delete(db, &nord, pid, p.version, &e) == KE_STATE &&
	      has(&e, "An agreed plan cannot be deleted; it is part of the record."), "agreed plan not deleted");
	plan_free(&p);

	/* carry-over before evaluation: keeps g1 (in_progress), g4 (open), g5 (in_progress) */
	int64_t nid = 0;
	CHECK(plan_carry_over(db, &soren, pid, &nid, &e) == KE_DENIED && nid == 0, "employee cannot carry over");
	CHECK(plan_carry_over(db, &nord, pid, &nid, &e) == KE_OK && nid > 0, "leader carries over (%s)", e.msg);
	goal_rec *rows = NULL;
	int n = 0;
	CHECK(goal_list(db, &soren, nid, &rows, &n, &e) == KE_OK && n == 3, "exactly the 3 unfinished goals carried (%d)", n);
	if (n == 3) {
		CHECK(rows[0].carried_from == g1 && rows[1].carried_from == g4 && rows[2].carried_from == g5,
		      "carried_from points at the old goals, in order");
		CHECK(!strcmp(rows[0].status, "open") && !strcmp(rows[2].status, "open") &&
		      rows[0].pos == 1 && rows[2].pos == 3 && rows[0].focus_id == 0 &&
		      !strcmp(rows[0].what, "Lære ICDP\nog bruge det i gruppen"),
		      "carried goals open, renumbered, text kept, focus cleared");
	}
	goal_rows_free(rows, n);
	CHECK(plan_get(db, &soren, nid, &p, &e) == KE_OK && p.year == 2027 && !strcmp(p.status, "draft"),
	      "new plan is next year's draft");
	plan_free(&p);
	int64_t again = -1;
	CHECK(plan_carry_over(db, &nord, pid, &again, &e) == KE_EXISTS && again == 0 &&
	      has(&e, "There is already a plan for Søren Ågård in 2027."), "second carry-over refused: %s", e.msg);

	/* evaluation */
	CHECK(plan_evaluate(db, &nord, pid, plan_version(pid), "", &e) == KE_INVALID &&
	      has(&e, "Evaluation is required"), "evaluation needs text: %s", e.msg);
	CHECK(plan_evaluate(db, &soren, pid, plan_version(pid), "Godt", &e) == KE_DENIED, "employee cannot evaluate");
	CHECK(plan_evaluate(db, &nord, nid, plan_version(nid), "Godt", &e) == KE_STATE, "a draft cannot be evaluated");
	CHECK(plan_evaluate(db, &nord, pid, plan_version(pid), "Godt år.\nMålene er nået.", &e) == KE_OK,
	      "leader evaluates (%s)", e.msg);
	CHECK(plan_get(db, &soren, pid, &p, &e) == KE_OK && !strcmp(p.status, "evaluated") &&
	      p.evaluated_by == s_nord && p.evaluated_at[0] && strstr(p.evaluation, "nået"), "evaluation stored");
	plan_free(&p);
	CHECK(new_goal(&nord, pid, "For sent", NULL, &e) == 0 && has(&e, "The plan is evaluated and closed."),
	      "no goals after evaluation: %s", e.msg);
	CHECK(new_goal(&admin, pid, "For sent", NULL, &e) == 0 && e.code == KE_STATE, "not even for admin");
	CHECK(goal_move(db, &nord, g1, 1, &e) == KE_STATE, "no moves after evaluation");

	/* delete a draft plan with goals: goals go too, each audited */
	int64_t dv = plan_version(nid);
	CHECK(plan_delete(db, &soren, nid, dv, &e) == KE_DENIED, "employee cannot delete a plan");
	CHECK(plan_delete(db, &nord, nid, dv - 1, &e) == KE_CONFLICT, "delete with stale version: conflict");
	CHECK(plan_delete(db, &nord, nid, dv, &e) == KE_OK, "leader deletes the draft plan");
	CHECK(plan_get(db, &admin, nid, &p, &e) == KE_NOTFOUND, "deleted plan is gone");
	CHECK(raw_exec("SELECT count(*) FROM goal WHERE plan_id = ?", nid, 0, 0) == 0, "its goals are gone");
	CHECK(raw_exec("SELECT count(*) FROM audit WHERE tbl = 'goal' AND action = 'delete'"
		       " AND json_extract(old, '$.plan_id') = ?", nid, 0, 0) == 3, "goal deletions audited");
	CHECK(raw_exec("SELECT count(*) FROM audit WHERE tbl = 'goal' AND action = 'create'"
		       " AND json_extract(new, '$.plan_id') = ?", nid, 0, 0) == 3, "carried goals audited");
	CHECK(raw_exec("SELECT count(*) FROM audit WHERE tbl = 'plan' AND row_id = ?", pid, 0, 0) == 5,
	      "plan writes audited: create, update, agree, accept, evaluate (%lld)",
	      (long long)raw_exec("SELECT count(*) FROM audit WHERE tbl = 'plan' AND row_id = ?", pid, 0, 0));

	/* an evaluated plan can be reopened by whoever may evaluate it */
	int64_t pv = plan_version(pid);
	CHECK(plan_reopen(db, &soren, pid, pv, &e) == KE_DENIED, "the employee cannot reopen his plan");
	CHECK(plan_reopen(db, &syd, pid, pv, &e) == KE_DENIED, "nor can another unit's leader");
	CHECK(plan_reopen(db, &nord, pid, pv - 1, &e) == KE_CONFLICT, "reopen with a stale version: conflict");
	CHECK(plan_reopen(db, &nord, pid, pv, &e) == KE_OK, "his leader reopens it (%s)", e.msg);
	CHECK(plan_get(db, &soren, pid, &p, &e) == KE_OK && !strcmp(p.status, "agreed") && !p.evaluated_by &&
	      !p.evaluated_at[0] && strstr(p.evaluation, "nået"), "agreed again, the evaluation text kept");
	plan_free(&p);
	CHECK(raw_exec("SELECT count(*) FROM audit WHERE tbl = 'plan' AND row_id = ? AND login = 'nord'"
		       " AND json_extract(old, '$.status') = 'evaluated' AND json_extract(new, '$.status') = 'agreed'",
		       pid, 0, 0) == 1, "the reopening is audited in his name");
	CHECK(plan_reopen(db, &nord, pid, plan_version(pid), &e) == KE_STATE && has(&e, "Only an evaluated plan"),
	      "an open plan cannot be reopened: %s", e.msg);
	CHECK(goal_move(db, &nord, g1, 1, &e) == KE_OK && goal_move(db, &nord, g1, -1, &e) == KE_OK,
	      "its goals can be changed again (%s)", e.msg);
	CHECK(plan_evaluate(db, &nord, pid, plan_version(pid), "Godt år, med et mål mere.", &e) == KE_OK,
	      "and the plan evaluated again (%s)", e.msg);
	CHECK(plan_reopen(db, &admin, pid, plan_version(pid), &e) == KE_OK, "an admin may reopen too (%s)", e.msg);
}

static void test_move(void)
{
	kerr e = { 0 };
	kactor bo = actor("bo"), syd = actor("syd");
	int64_t pid = new_plan(&syd, s_bo, 2026, &e);
	CHECK(pid > 0, "leader creates Bo's plan");
	int64_t a = new_goal(&bo, pid, "A", NULL, &e), b = new_goal(&bo, pid, "B", NULL, &e);
	int64_t c = new_goal(&bo, pid, "C", NULL, &e), d = new_goal(&bo, pid, "D", NULL, &e);
	goal_rec r;
	CHECK(goal_get(db, &bo, b, &r, &e) == KE_OK, "read B");
	CHECK(goal_delete(db, &bo, b, r.version + 1, &e) == KE_CONFLICT, "goal delete with stale version");
	CHECK(goal_delete(db, &bo, b, r.version, &e) == KE_OK, "person deletes a draft goal");
	goal_free(&r);
	int64_t ids[16];
	int pos[16];
	CHECK(goal_move(db, &bo, d, -1, &e) == KE_OK, "move D up");
	CHECK(goal_ids(pid, ids, pos) == 3 && ids[0] == a && ids[1] == d && ids[2] == c &&
	      pos[0] == 1 && pos[1] == 2 && pos[2] == 3, "order A D C, positions renumbered 1..3");
	CHECK(goal_move(db, &bo, a, -1, &e) == KE_OK, "moving the first up does nothing");
	CHECK(goal_move(db, &bo, c, 1, &e) == KE_OK, "moving the last down does nothing");
	CHECK(goal_move(db, &bo, a, 1, &e) == KE_OK, "move A down");
	CHECK(goal_ids(pid, ids, pos) == 3 && ids[0] == d && ids[1] == a && ids[2] == c, "order D A C");
	CHECK(goal_move(db, &syd, c, -1, &e) == KE_OK, "leader moves C up");
	CHECK(goal_ids(pid, ids, pos) == 3 && ids[0] == d && ids[1] == c && ids[2] == a, "order D C A");
	kactor nord = actor("nord");
	CHECK(goal_move(db, &nord, c, -1, &e) == KE_DENIED, "other leader cannot move");
	CHECK(goal_move(db, &bo, 987654, -1, &e) == KE_NOTFOUND, "moving a missing goal: NOTFOUND");
}

static void test_list_scope(void)
{
	kerr e = { 0 };
	kactor soren = actor("soren"), nord = actor("nord"), boss = actor("boss");
	kpage pg = { 0 };
	plan_rec *r = NULL;
	int n = 0;
	CHECK(plan_list(db, &admin, &pg, &r, &n, &e) == KE_INVALID, "list without year refused");
	pg.year = 2026;
	CHECK(plan_list(db, &admin, &pg, &r, &n, &e) == KE_OK && n == 3, "admin sees all 3 plans of 2026 (%d)", n);
	if (n == 3)
		CHECK(!strcmp(r[0].staff_name, "Bo Berg") && !strcmp(r[1].staff_name, "Niels Nord") &&
		      !strcmp(r[2].staff_name, "Søren Ågård"), "in name order");
	plan_rows_free(r, n);
	CHECK(plan_list(db, &soren, &pg, &r, &n, &e) == KE_OK && n == 1 && r[0].staff_id == s_soren &&
	      r[0].goals == 5 && r[0].goals_done == 1, "employee lists only own plan, with goal counts");
	plan_rows_free(r, n);
	CHECK(plan_list(db, &nord, &pg, &r, &n, &e) == KE_OK && n == 2 && r[0].staff_id == s_nord &&
	      r[1].staff_id == s_soren, "leader lists his staff and his own plan, not other units'");
	plan_rows_free(r, n);
	CHECK(plan_list(db, &boss, &pg, &r, &n, &e) == KE_OK && n == 3, "top leader lists all below");
	plan_rows_free(r, n);
	pg.unit_id = u_nord;
	CHECK(plan_list(db, &admin, &pg, &r, &n, &e) == KE_OK && n == 2, "unit subtree filter");
	plan_rows_free(r, n);
	pg.unit_id = 0;
	const char *filters[] = { "soren", "SØREN", "aagaard", "ågå" };
	for (int i = 0; i < 4; i++) {
		pg.filter = filters[i];
		CHECK(plan_list(db, &admin, &pg, &r, &n, &e) == KE_OK && n == 1 && r[0].staff_id == s_soren,
		      "filter '%s' finds Søren Ågård", filters[i]);
		plan_rows_free(r, n);
	}
	pg.filter = "nobody";
	CHECK(plan_list(db, &admin, &pg, &r, &n, &e) == KE_OK && n == 0, "filter without match");
	plan_rows_free(r, n);
	pg.filter = NULL;
	pg.year = 0;
	pg.staff_id = s_soren;
	CHECK(plan_list(db, &soren, &pg, &r, &n, &e) == KE_OK && n == 1, "one person's plans, all years");
	plan_rows_free(r, n);
}

static void test_paging(void)
{
	kerr e = { 0 };
	enum { N = 3000, PAGE = 7 };
	static const char *first[] = { "Åse", "Anders", "Ærø", "Zenia", "Øjvind", "Aage", "Bent", "Camilla" };
	CHECK(db_bulk_begin(db, &e) == KE_OK, "bulk load begins");
	int ok = 1;
	for (int i = 0; i < N && ok; i++) {
		char name[64];
		/* Every name three times: the id must break ties. */
		snprintf(name, sizeof name, "%s %04d", first[(i / 3) % 8], (i / 3) % 1000);
		int64_t sid = add_staff(NULL, name, u_syd, ROLE_EMPLOYEE);
		ok = sid > 0 && new_plan(&admin, sid, 2031, &e) > 0;
	}
	CHECK(db_bulk_end(db, ok, &e) == KE_OK && ok, "3000 plans loaded");

	char *seen = calloc(N * 2 + 100000, 1);
	int64_t total = 0, dup = 0, order_bad = 0;
	kpage pg = { .year = 2031, .limit = PAGE };
	char key[256] = "";
	int64_t last_id = 0;
	char prev[256] = "";
	int64_t prev_id = 0;
	for (;;) {
		plan_rec *r = NULL;
		int n = 0;
		pg.after_key = total ? key : NULL;
		pg.after_id = last_id;
		if (plan_list(db, &admin, &pg, &r, &n, &e)) {
			CHECK(0, "forward page failed: %s", e.msg);
			break;
		}
		for (int i = 0; i < n; i++) {
			if (r[i].id < 100000 && seen[r[i].id]++)
				dup++;
			if (total + i > 0 && (strcmp(r[i].sort_key, prev) < 0 ||
					      (!strcmp(r[i].sort_key, prev) && r[i].id <= prev_id)))
				order_bad++;
			snprintf(prev, sizeof prev, "%s", r[i].sort_key);
			prev_id = r[i].id;
		}
		total += n;
		if (n) {
			snprintf(key, sizeof key, "%s", r[n - 1].sort_key);
			last_id = r[n - 1].id;
		}
		plan_rows_free(r, n);
		if (n < PAGE)
			break;
	}
	CHECK(total == N && dup == 0 && order_bad == 0, "forward: %lld rows, %lld twice, %lld out of order",
	      (long long)total, (long long)dup, (long long)order_bad);

	memset(seen, 0, N * 2 + 100000);
	total = dup = order_bad = 0;
	pg.backward = 1;
	for (;;) {
		plan_rec *r = NULL;
		int n = 0;
		pg.after_key = total ? key : NULL;
		pg.after_id = last_id;
		if (plan_list(db, &admin, &pg, &r, &n, &e)) {
			CHECK(0, "backward page failed: %s", e.msg);
			break;
		}
		/* each page comes in list order; walk it from its end */
		for (int i = n - 1; i >= 0; i--) {
			if (r[i].id < 100000 && seen[r[i].id]++)
				dup++;
			if (total + (n - 1 - i) > 0 && (strcmp(r[i].sort_key, prev) > 0 ||
							(!strcmp(r[i].sort_key, prev) && r[i].id >= prev_id)))
				order_bad++;
			snprintf(prev, sizeof prev, "%s", r[i].sort_key);
			prev_id = r[i].id;
		}
		total += n;
		if (n) {
			snprintf(key, sizeof key, "%s", r[0].sort_key);
			last_id = r[0].id;
		}
		plan_rows_free(r, n);
		if (n < PAGE)
			break;
	}
	CHECK(total == N && dup == 0 && order_bad == 0, "backward: %lld rows, %lld twice, %lld out of order",
	      (long long)total, (long long)dup, (long long)order_bad);
	free(seen);
}

int main(void)
{
	i18n_set(LANG_EN);
	char dir[] = "/tmp/kup-test-plan.XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	char path[128];
	snprintf(path, sizeof path, "%s/t.db", dir);
	kerr e = { 0 };
	CHECK(db_open(path, DB_OPEN_CREATE, &db, &e) == KE_OK, "create database (%s)", e.msg);
	if (!db)
		return t_done();
	CHECK(sqlite3_open(path, &raw) == SQLITE_OK, "second connection");
	sqlite3_busy_timeout(raw, 5000);
	sqlite3_exec(raw, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
	db_actor_local_admin(&admin, "hr");

	build_org();
	test_create();
	test_goals_and_workflow();
	test_move();
	test_list_scope();
	test_paging();

	sqlite3_close(raw);
	db_close(db);
	char f[160];
	const char *suffix[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		snprintf(f, sizeof f, "%s%s", path, suffix[i]);
		unlink(f);
	}
	rmdir(dir);
	i18n_done();
	return t_done();
}
