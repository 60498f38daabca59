/* test_followup.c — the follow-up loop in the data layer: states (due ->
 * written -> closed), the colleagues' parts (asked -> answered | declined),
 * overdue measured against the step that waits, escalation to the leader's
 * leader, the action into practice, a peer-training session started from a
 * follow-up, the settings, and every refusal naming its true reason.
 * The organisation: Skolen (led by Pia) above Indskoling (led by Lars; Emma
 * and Karl work there) and Udskoling (led by Ole; Olga works there); Ada in
 * HR is the admin. */
#include "date.h"
#include "db.h"
#include "db_activity.h"
#include "db_followup.h"
#include "db_org.h"
#include "db_overview.h"
#include "db_part.h"
#include "db_staff.h"
#include "i18n.h"
#include "t.h"

#include <sqlite3.h>
#include <unistd.h>

static char dir[64], path[128];
static kdb *db;
static kactor owner, emma, karl, olga, lars, ole, pia, ada;
static int64_t s_emma, s_karl, s_olga, s_gone, course, peer, net_session;

#define EXPECT(call, want, fld, ...) do { \
	kerr e_ = { 0 }; \
	kcode c_ = (call); \
	int ok_ = c_ == (want) && (!(fld) || kerr_is_field(&e_, (fld) ? (fld) : "")); \
	CHECK(ok_, __VA_ARGS__); \
	if (!ok_) \
		printf("#   code %d, field '%s', msg '%s'\n", c_, e_.field, e_.msg); \
} while (0)

static int64_t q1(const char *sql, int64_t id)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	if (sqlite3_open(path, &h) == SQLITE_OK && sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK &&
	    (sqlite3_bind_parameter_count(st) == 0 || sqlite3_bind_int64(st, 1, id) == SQLITE_OK) &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static int64_t add_unit(const char *name, int64_t parent, const char *kind)
{
	kerr e = { 0 };
	unit_rec u = { 0 };
	u.name = (char *)name;
	u.parent_id = parent;
	snprintf(u.kind, sizeof u.kind, "%s", kind);
	CHECK(unit_save(db, &owner, &u, &e) == KE_OK, "unit %s (%s)", name, e.msg);
	free(u.sort_key);
	return u.id;
}

static int64_t add_staff(const char *login, const char *name, int64_t unit, krole role, kactor *a)
{
	kerr e = { 0 };
	staff_rec s = { 0 };
	s.login = (char *)login;
	s.name = (char *)name;
	s.initials = (char *)"X";
	s.unit_id = unit;
	s.role = role;
	CHECK(staff_save(db, &owner, &s, &e) == KE_OK, "staff %s (%s)", name, e.msg);
	if (a)
		CHECK(db_actor_for_login(db, login, 0, a, &e) == KE_OK, "actor %s (%s)", login, e.msg);
	return s.id;
}

static void lead(int64_t unit, int64_t staff)
{
	kerr e = { 0 };
	CHECK(unit_set_leader(db, &owner, unit, staff, "2026-01-01", 0, &e) == KE_OK, "leader set (%s)", e.msg);
}

static int64_t add_activity(const char *title, const char *method)
{
	kerr e = { 0 };
	activity_rec a = { 0 };
	a.title = (char *)title;
	snprintf(a.method, sizeof a.method, "%s", method);
	a.ects = a.hours = -1;
	CHECK(activity_save(db, &owner, &a, &e) == KE_OK, "activity %s (%s)", title, e.msg);
	return a.id;
}

static int64_t add_session(int64_t activity, const char *starts, const char *ends)
{
	kerr e = { 0 };
	session_rec s = { 0 };
	s.activity_id = activity;
	snprintf(s.starts, sizeof s.starts, "%s", starts);
	snprintf(s.ends, sizeof s.ends, "%s", ends);
	s.capacity = 20;
	CHECK(session_save(db, &owner, &s, &e) == KE_OK, "session %s (%s)", starts, e.msg);
	return s.id;
}

/* Emma completes a course session that ended on `ends`; its follow-up id. */
static int64_t completed(const char *starts, const char *ends)
{
	kerr e = { 0 };
	int64_t part = 0;
	int64_t ses = add_session(course, starts, ends);
	CHECK(part_enrol(db, &owner, s_emma, ses, 0, &part, &e) == KE_OK &&
	      part_complete(db, &owner, part, 0, &e) == KE_OK, "Emma completed the session of %s (%s)", ends, e.msg);
	part_rec p;
	int64_t fu = 0;
	if (part_get(db, &owner, part, &p, &e) == KE_OK) {
		fu = p.followup_id;
		part_free(&p);
	}
	return fu;
}

static void setup(void)
{
	kerr e = { 0 };
	CHECK(db_open(path, DB_OPEN_CREATE, &db, &e) == KE_OK, "create database (%s)", e.msg);
	db_actor_local_admin(&owner, "owner");
	int64_t top = add_unit("Skolen", 0, "institution");
	int64_t t1 = add_unit("Indskoling", top, "team");
	int64_t t2 = add_unit("Udskoling", top, "team");
	s_emma = add_staff("emma", "Emma Ærø", t1, ROLE_EMPLOYEE, &emma);
	s_karl = add_staff("karl", "Karl Krog", t1, ROLE_EMPLOYEE, &karl);
	s_olga = add_staff("olga", "Olga Øst", t2, ROLE_EMPLOYEE, &olga);
	s_gone = add_staff("gone", "Gitte Gået", t2, ROLE_EMPLOYEE, NULL);
	int64_t s_lars = add_staff("lars", "Lars Bæk", t1, ROLE_LEADER, NULL);
	int64_t s_ole = add_staff("ole", "Ole Ø", t2, ROLE_LEADER, NULL);
	int64_t s_pia = add_staff("pia", "Pia Åby", top, ROLE_LEADER, NULL);
	add_staff("ada", "Ada Admin", add_unit("HR", 0, "area"), ROLE_ADMIN, &ada);
	lead(t1, s_lars);
	lead(t2, s_ole);
	lead(top, s_pia);
	CHECK(db_actor_for_login(db, "lars", 0, &lars, &e) == KE_OK &&
	      db_actor_for_login(db, "ole", 0, &ole, &e) == KE_OK &&
	      db_actor_for_login(db, "pia", 0, &pia, &e) == KE_OK, "the leaders log in (%s)", e.msg);
	staff_rec g;
	CHECK(staff_get(db, &owner, s_gone, &g, &e) == KE_OK &&
	      staff_set_active(db, &owner, s_gone, g.version, 0, &e) == KE_OK, "Gitte has left (%s)", e.msg);
	staff_free(&g);
	course = add_activity("Konflikthåndtering", "course");
	peer = add_activity("Sidemandsoplæring: rolige overgange", "peer");
	int64_t net = add_activity("Netværk for indskolingen", "network");
	net_session = add_session(net, "2026-05-01", "2026-05-01");
}

static void fu_get(const kactor *who, int64_t id, followup_rec *f)
{
	kerr e = { 0 };
	CHECK(followup_get(db, who, id, f, &e) == KE_OK, "follow-up %lld read (%s)", (long long)id, e.msg);
}

static void set_text(char **slot, const char *text)
{
	free(*slot);
	*slot = strdup(text);
}

static int count_section(const kactor *who, ov_section s, int64_t want_id)
{
	ov_when w = { .year = 2026, .soon_days = 30, .due_days = -1 };
	kpage pg = { .limit = 100 };
	ov_row *r;
	int n = 0, hit = 0;
	kerr e = { 0 };
	if (overview_list(db, who, s, &w, &pg, &r, &n, &e) != KE_OK)
		return -1;
	for (int i = 0; i < n; i++)
		hit += !want_id || r[i].id == want_id || r[i].followup_id == want_id;
	ov_rows_free(r, n);
	return hit;
}

static void test_states(void)
{
	setenv("KUP_TODAY", "2026-03-01", 1);
	int64_t fu = completed("2026-02-02", "2026-02-03"); /* due 6 weeks later: 2026-03-17 */
	followup_rec f;
	fu_get(&emma, fu, &f);
	CHECK_STR(f.state, "due", "a new follow-up is due");
	CHECK_STR(f.step_due, "2026-03-17", "... its step falls due on the due date");
	CHECK(!f.overdue, "... and is not overdue yet");

	/* the person writes: the state moves on, the leader's step starts */
	setenv("KUP_TODAY", "2026-03-20", 1);
	followup_free(&f);
	fu_get(&emma, fu, &f);
	CHECK(f.overdue, "past the due date with nothing written it is overdue");
	CHECK(count_section(&lars, OV_FOLLOWUPS, fu) == 1, "Lars sees it among his follow-ups");
	set_text(&f.action, "Nyt morgenritual");
	EXPECT(followup_save(db, &emma, &f, 0, &e_), KE_DENIED, "action",
	       "Emma cannot write the action into practice: her leader does");
	set_text(&f.action, "");
	snprintf(f.action_date, sizeof f.action_date, "2026-04-01");
	EXPECT(followup_save(db, &emma, &f, 0, &e_), KE_DENIED, "action", "... nor its date");
	f.action_date[0] = '\0';
	set_text(&f.learned, "At tale roligt i konflikter");
	EXPECT(followup_save(db, &emma, &f, 0, &e_), KE_OK, NULL, "Emma writes what she learned");
	followup_free(&f);
	fu_get(&lars, fu, &f);
	CHECK_STR(f.state, "written", "the follow-up is now written");
	CHECK_STR(f.written_at, "2026-03-20", "... on today's date");
	CHECK_STR(f.step_due, "2026-04-03", "... and the leader's step falls due two weeks later");
	CHECK(!f.overdue, "... so it is not overdue: it waits for the leader");
	ov_counts oc;
	kerr e = { 0 };
	ov_when w = { .year = 2026, .soon_days = 30, .due_days = -1 };
	CHECK(overview_count(db, &lars, &w, &oc, &e) == KE_OK && oc.led_written == 1 && oc.led_overdue == 0,
	      "Lars's Overblik counts it ready to close, not overdue (%d ready, %d overdue)", oc.led_written,
	      oc.led_overdue);
	CHECK(overview_count(db, &emma, &w, &oc, &e) == KE_OK && oc.my_overdue == 0,
	      "Emma's own count of overdue follow-ups drops to 0");

	/* the leader's step is late after close_weeks */
	setenv("KUP_TODAY", "2026-04-10", 1);
	followup_free(&f);
	fu_get(&lars, fu, &f);
	CHECK(f.overdue, "two weeks after it was written, closing it is overdue");
	CHECK(overview_count(db, &lars, &w, &oc, &e) == KE_OK && oc.led_overdue == 1, "Lars's count says so");

	/* closing: the action needs words; closing is the leader's */
	EXPECT(followup_save(db, &emma, &f, 1, &e_), KE_DENIED, NULL, "Emma cannot close it");
	snprintf(f.action_date, sizeof f.action_date, "2026-05-01");
	EXPECT(followup_save(db, &lars, &f, 1, &e_), KE_INVALID, "action", "a date into practice needs an action");
	set_text(&f.action, "Fremlægges på teammødet");
	set_text(&f.leader_comment, "Godt brugt");
	EXPECT(followup_save(db, &ole, &f, 1, &e_), KE_DENIED, NULL, "the leader of another unit cannot close it");
	EXPECT(followup_save(db, &lars, &f, 1, &e_), KE_OK, NULL, "Lars closes it with an action into practice");
	followup_free(&f);
	fu_get(&emma, fu, &f);
	CHECK_STR(f.state, "closed", "the follow-up is closed");
	CHECK(!strcmp(f.action, "Fremlægges på teammødet") && !strcmp(f.action_date, "2026-05-01"),
	      "... with the action and its date");
	CHECK(!f.overdue && !f.step_due[0], "... and nothing waits");
	set_text(&f.learned, "Ændret bagefter");
	EXPECT(followup_save(db, &emma, &f, 0, &e_), KE_STATE, NULL, "Emma cannot change a closed follow-up");
	CHECK(q1("SELECT count(*) FROM audit WHERE tbl = 'followup' AND row_id = ? AND login = 'lars'"
		 " AND json_extract(new, '$.action') = 'Fremlægges på teammødet'", fu) == 1,
	      "the close with its action is audited in Lars's name");
	followup_free(&f);
}

static void test_colleagues(void)
{
	setenv("KUP_TODAY", "2026-06-01", 1);
	int64_t fu = completed("2026-05-11", "2026-05-12");
	int64_t pk = 0, po = 0, pg_ = 0;
	EXPECT(fucol_ask(db, &emma, fu, s_emma, &pk, &e_), KE_INVALID, "staff_id", "Emma cannot name herself");
	EXPECT(fucol_ask(db, &emma, fu, 0, &pk, &e_), KE_INVALID, "staff_id", "a colleague must be chosen");
	EXPECT(fucol_ask(db, &emma, fu, s_gone, &pk, &e_), KE_INVALID, "staff_id", "someone who left cannot be named");
	EXPECT(fucol_ask(db, &emma, fu, 999999, &pk, &e_), KE_INVALID, "staff_id", "nor someone who does not exist");
	EXPECT(fucol_ask(db, &karl, fu, s_olga, &pk, &e_), KE_DENIED, NULL, "Karl cannot name colleagues on Emma's");
	EXPECT(fucol_ask(db, &ole, fu, s_olga, &pk, &e_), KE_DENIED, NULL, "nor can the leader of another unit");
	EXPECT(fucol_ask(db, &emma, fu, s_karl, &pk, &e_), KE_OK, NULL, "Emma names Karl");
	EXPECT(fucol_ask(db, &emma, fu, s_karl, &pg_, &e_), KE_INVALID, "staff_id", "... but not twice");
	EXPECT(fucol_ask(db, &lars, fu, s_olga, &po, &e_), KE_OK, NULL,
	       "Lars names Olga from the other team (networks cross units)");
	CHECK(q1("SELECT due FROM followup_colleague WHERE id = ?", pk) > 0 &&
	      q1("SELECT due = '2026-06-15' FROM followup_colleague WHERE id = ?", pk) == 1,
	      "a colleague's part falls due two weeks after it was asked");

	/* what a colleague sees: their part with the person's texts, nothing more */
	followup_rec f;
	fu_get(&emma, fu, &f);
	set_text(&f.learned, "Konfliktnedtrapning");
	set_text(&f.practice, "Bruger det i garderoben");
	EXPECT(followup_save(db, &emma, &f, 0, &e_), KE_OK, NULL, "Emma writes her part");
	CHECK(f.asked == 2 && !strcmp(f.colleagues, "karl,olga"), "the follow-up lists its colleagues (%d, '%s')",
	      f.asked, f.colleagues);
	followup_free(&f);
	fu_colleague c;
	kerr e = { 0 };
	CHECK(fucol_get(db, &karl, pk, &c, &e) == KE_OK, "Karl opens his part (%s)", e.msg);
	CHECK(!strcmp(c.learned, "Konfliktnedtrapning") && !strcmp(c.practice, "Bruger det i garderoben") &&
	      !strcmp(c.person_name, "Emma Ærø") && !strcmp(c.activity_title, "Konflikthåndtering"),
	      "... and sees the activity and what Emma learned and uses");
	EXPECT(followup_get(db, &karl, fu, &f, &e_), KE_DENIED, NULL, "but not Emma's follow-up itself");
	fu_colleague oc;
	EXPECT(fucol_get(db, &karl, po, &oc, &e_), KE_DENIED, NULL, "nor Olga's part");
	EXPECT(fucol_get(db, &ole, pk, &oc, &e_), KE_DENIED, NULL, "Olga's leader does not see Karl's part of Emma's");
	kpage pg = { .parent_id = fu, .limit = 10 };
	fu_colleague *rows;
	int n = 0;
	CHECK(fucol_list(db, &karl, &pg, &rows, &n, &e) == KE_OK && n == 1 && rows[0].id == pk,
	      "listing the follow-up's parts, Karl gets only his own (%d)", n);
	fucol_rows_free(rows, n);
	CHECK(fucol_list(db, &emma, &pg, &rows, &n, &e) == KE_OK && n == 2, "Emma gets both (%d)", n);
	fucol_rows_free(rows, n);
	CHECK(count_section(&karl, OV_MY_COLLEAGUE, pk) == 1, "Karl's Overblik has his part");
	CHECK(count_section(&emma, OV_MY_COLLEAGUE, 0) == 0, "Emma's has no colleague's part");

	/* answering */
	set_text(&c.seen, "");
	set_text(&c.own_use, " ");
	EXPECT(fucol_answer(db, &karl, &c, &e_), KE_INVALID, "seen", "an empty answer is refused at the first field");
	set_text(&c.seen, "Færre konflikter om morgenen");
	c.wants_more = 1;
	EXPECT(fucol_answer(db, &emma, &c, &e_), KE_DENIED, NULL, "Emma cannot answer for Karl");
	EXPECT(fucol_answer(db, &lars, &c, &e_), KE_DENIED, NULL, "nor can the leader");
	EXPECT(fucol_answer(db, &ada, &c, &e_), KE_DENIED, NULL, "nor the admin: it is Karl's own voice");
	EXPECT(fucol_answer(db, &karl, &c, &e_), KE_OK, NULL, "Karl answers");
	CHECK(!strcmp(c.state, "answered") && !strcmp(c.answered_at, "2026-06-01"), "... and his part is answered");
	fucol_free(&c);
	CHECK(count_section(&karl, OV_MY_COLLEAGUE, pk) == 0, "it leaves his Overblik");
	int64_t ver = q1("SELECT version FROM followup_colleague WHERE id = ?", pk);
	EXPECT(fucol_withdraw(db, &emma, pk, ver, &e_), KE_STATE, NULL, "an answer cannot be taken back");

	/* declining */
	int64_t ov = q1("SELECT version FROM followup_colleague WHERE id = ?", po);
	EXPECT(fucol_decline(db, &olga, po, ov, "  ", &e_), KE_INVALID, "reason", "declining needs a reason");
	EXPECT(fucol_decline(db, &karl, po, ov, "Ikke min", &e_), KE_DENIED, NULL, "Karl cannot decline Olga's part");
	EXPECT(fucol_decline(db, &olga, po, ov + 5, "Har ikke set det", &e_), KE_CONFLICT, NULL,
	       "a stale version is a conflict, not a silent overwrite");
	EXPECT(fucol_decline(db, &olga, po, ov, "Har ikke set Emma arbejde", &e_), KE_OK, NULL, "Olga declines with a reason");
	EXPECT(fucol_decline(db, &olga, po, ov + 1, "Igen", &e_), KE_STATE, NULL, "... once");

	/* withdrawing a part not yet answered */
	int64_t pa = 0;
	CHECK(fucol_ask(db, &ada, fu, q1("SELECT id FROM staff WHERE login = 'pia'", 0), &pa, &e) == KE_OK,
	      "the admin names Pia (%s)", e.msg);
	int64_t va = q1("SELECT version FROM followup_colleague WHERE id = ?", pa);
	EXPECT(fucol_withdraw(db, &ole, pa, va, &e_), KE_DENIED, NULL, "the leader of another unit cannot take it back");
	EXPECT(fucol_withdraw(db, &emma, pa, va, &e_), KE_OK, NULL, "Emma takes it back");
	CHECK(q1("SELECT count(*) FROM followup_colleague WHERE id = ?", pa) == 0 &&
	      q1("SELECT count(*) FROM audit WHERE tbl = 'followup_colleague' AND action = 'delete' AND row_id = ?", pa) == 1,
	      "... gone, and the audit keeps what it was");

	/* counts on the follow-up */
	fu_get(&lars, fu, &f);
	CHECK(f.asked == 0 && f.answered == 1 && f.declined == 1, "the follow-up counts 1 answered, 1 declined");

	/* closing with a part still asked: it can still be answered, but
	 * nobody more can be asked, and answers are fixed */
	int64_t pl = 0;
	CHECK(fucol_ask(db, &lars, fu, q1("SELECT id FROM staff WHERE login = 'ole'", 0), &pl, &e) == KE_OK,
	      "Lars names Ole too (%s)", e.msg);
	set_text(&f.leader_comment, "Fint");
	EXPECT(followup_save(db, &lars, &f, 1, &e_), KE_OK, NULL, "Lars closes it while Ole has not answered");
	followup_free(&f);
	EXPECT(fucol_ask(db, &lars, fu, s_olga, &pg_, &e_), KE_STATE, NULL, "no colleague can be asked on a closed one");
	CHECK(fucol_get(db, &karl, pk, &c, &e) == KE_OK, "Karl opens his answer again");
	set_text(&c.seen, "Ændret");
	EXPECT(fucol_answer(db, &karl, &c, &e_), KE_STATE, NULL, "... and cannot change it once closed");
	fucol_free(&c);
	CHECK(fucol_get(db, &ole, pl, &c, &e) == KE_OK, "Ole opens his part (%s)", e.msg);
	set_text(&c.own_use, "Tager det med i Udskolingen");
	EXPECT(fucol_answer(db, &ole, &c, &e_), KE_OK, NULL, "... and may still answer: a late answer is worth having");
	fucol_free(&c);

	/* overdue parts */
	int64_t fu2 = completed("2026-05-18", "2026-05-19");
	int64_t pk2 = 0;
	CHECK(fucol_ask(db, &emma, fu2, s_karl, &pk2, &e) == KE_OK, "Emma names Karl on another (%s)", e.msg);
	setenv("KUP_TODAY", "2026-06-16", 1);
	CHECK(fucol_get(db, &karl, pk2, &c, &e) == KE_OK && c.overdue, "past its due date Karl's part is overdue");
	fucol_free(&c);
	ov_counts cnt;
	ov_when w = { .year = 2026, .soon_days = 30, .due_days = -1 };
	CHECK(overview_count(db, &karl, &w, &cnt, &e) == KE_OK && cnt.n[OV_MY_COLLEAGUE] == 1 &&
	      cnt.colleague_overdue == 1, "Karl's Overblik counts 1 part, 1 overdue");
	CHECK(q1("SELECT count(*) FROM audit WHERE tbl = 'followup_colleague' AND login = 'olga'"
		 " AND json_extract(new, '$.state') = 'declined'", 0) == 1, "Olga's refusal is audited in her name");
}

static void test_escalation(void)
{
	setenv("KUP_TODAY", "2026-07-01", 1);
	int64_t fu = completed("2026-07-01", "2026-07-01"); /* due 2026-08-12 */
	ov_when w = { .year = 2026, .soon_days = 30, .due_days = -1 };
	/* five weeks after the due date: past the four escalation weeks */
	setenv("KUP_TODAY", "2026-09-17", 1);
	CHECK(count_section(&pia, OV_ESCALATED, fu) == 1, "the follow-up escalates to Pia, Lars's leader");
	CHECK(count_section(&lars, OV_ESCALATED, fu) == 0, "Lars, the direct leader, has it among his own, not escalated");
	CHECK(count_section(&lars, OV_FOLLOWUPS, fu) == 1, "... there");
	CHECK(count_section(&ole, OV_ESCALATED, fu) == 0, "the leader of another unit does not see it");
	CHECK(count_section(&ada, OV_ESCALATED, fu) == 1, "the admin sees every escalation");
	ov_counts c;
	kerr e = { 0 };
	CHECK(overview_count(db, &emma, &w, &c, &e) == KE_OK && c.n[OV_ESCALATED] == 0, "an employee has none");
	setenv("KUP_TODAY", "2026-09-05", 1);
	CHECK(count_section(&pia, OV_ESCALATED, fu) == 0, "three weeks late it has not escalated yet");

	/* written: the leader's step escalates from its own date */
	setenv("KUP_TODAY", "2026-09-17", 1);
	followup_rec f;
	fu_get(&emma, fu, &f);
	set_text(&f.practice, "Bruger det hver dag");
	EXPECT(followup_save(db, &emma, &f, 0, &e_), KE_OK, NULL, "Emma writes her part late");
	followup_free(&f);
	CHECK(count_section(&pia, OV_ESCALATED, fu) == 0, "once written, the escalation waits for the leader's step");
	setenv("KUP_TODAY", "2026-10-30", 1); /* written 09-17, close by 10-01, four weeks: 10-29 */
	CHECK(count_section(&pia, OV_ESCALATED, fu) == 1, "when Lars leaves it too long, it escalates again");

	/* the setting */
	fu_setting *s;
	int n = 0;
	CHECK(fu_setting_list(db, &emma, &s, &n, &e) == KE_OK && n == 3 && !strcmp(s[0].key, "escalate_weeks") &&
	      s[0].weeks == 4, "the settings list reads (%d, escalate after %d weeks)", n, n ? s[0].weeks : -1);
	EXPECT(fu_setting_set(db, &lars, "escalate_weeks", 8, s[0].version, &e_), KE_DENIED, NULL,
	       "a leader cannot change the escalation");
	EXPECT(fu_setting_set(db, &ada, "escalate_weeks", 105, s[0].version, &e_), KE_INVALID, "weeks",
	       "more than 104 weeks is refused at the field");
	EXPECT(fu_setting_set(db, &ada, "nonsense", 2, 1, &e_), KE_INVALID, "key", "an unknown setting is refused");
	EXPECT(fu_setting_set(db, &ada, "escalate_weeks", 8, s[0].version, &e_), KE_OK, NULL,
	       "the admin escalates after eight weeks instead");
	EXPECT(fu_setting_set(db, &ada, "escalate_weeks", 6, s[0].version, &e_), KE_CONFLICT, NULL,
	       "a second change from the same reading is a conflict");
	free(s);
	CHECK(count_section(&pia, OV_ESCALATED, fu) == 0, "with eight weeks it no longer escalates");
	CHECK(q1("SELECT count(*) FROM audit WHERE tbl = 'followup_setting' AND login = 'ada'", 0) == 1,
	      "the change is audited");
}

static void test_into_practice(void)
{
	setenv("KUP_TODAY", "2026-10-01", 1);
	int64_t fu = completed("2026-09-01", "2026-09-01");
	session_rec s = { 0 };
	s.activity_id = course;
	snprintf(s.starts, sizeof s.starts, "2026-10-15");
	snprintf(s.ends, sizeof s.ends, "2026-10-15");
	s.capacity = 10;
	EXPECT(followup_start_session(db, &emma, fu, &s, &e_), KE_DENIED, NULL, "Emma cannot start a session");
	EXPECT(followup_start_session(db, &lars, fu, &s, &e_), KE_INVALID, "activity_id",
	       "a course is not where learning is passed on");
	s.activity_id = peer;
	snprintf(s.ends, sizeof s.ends, "2026-10-14");
	EXPECT(followup_start_session(db, &lars, fu, &s, &e_), KE_INVALID, "ends", "a session ending before it starts");
	snprintf(s.ends, sizeof s.ends, "2026-10-15");
	int64_t before = q1("SELECT count(*) FROM session", 0);
	EXPECT(followup_start_session(db, &lars, fu, &s, &e_), KE_OK, NULL, "Lars starts a peer-training session from it");
	CHECK(s.id > 0 && q1("SELECT count(*) FROM session", 0) == before + 1, "the session exists");
	CHECK(q1("SELECT shared_via FROM followup WHERE id = ?", fu) == s.id, "the follow-up names it as where it was passed on");
	followup_rec *src;
	int n = 0;
	kerr e = { 0 };
	CHECK(followup_sources(db, &lars, s.id, 5, &src, &n, &e) == KE_OK && n == 1 && src[0].id == fu,
	      "the session knows the follow-up it came from");
	followup_rows_free(src, n);
	CHECK(followup_sources(db, &karl, s.id, 5, &src, &n, &e) == KE_OK && n == 0,
	      "... but shows it only to those who may see the person");
	followup_rows_free(src, n);
	CHECK(q1("SELECT count(*) FROM audit WHERE tbl = 'session' AND action = 'create' AND login = 'lars'", 0) == 1,
	      "the new session is audited in Lars's name");
	/* a network session picked in the form */
	followup_rec f;
	fu_get(&lars, fu, &f);
	f.shared_via = net_session;
	EXPECT(followup_save(db, &lars, &f, 0, &e_), KE_OK, NULL, "the topic can go to a network instead");
	set_text(&f.action, "Oplæg på teammødet\nNy rutine ved afhentning");
	EXPECT(followup_save(db, &lars, &f, 0, &e_), KE_OK, NULL,
	       "the action into practice may take more than one line, as its form allows");
	f.shared_via = q1("SELECT min(se.id) FROM session se JOIN activity a ON a.id = se.activity_id WHERE a.method = 'course'", 0);
	EXPECT(followup_save(db, &lars, &f, 0, &e_), KE_INVALID, "shared_via", "but not to a course session");
	followup_free(&f);
}

int main(void)
{
	i18n_init("en");
	snprintf(dir, sizeof dir, "/tmp/kup-fu.XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/fu.db", dir);
	setup();
	test_states();
	test_colleagues();
	test_escalation();
	test_into_practice();
	db_close(db);
	char side[160];
	const char *ext[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		snprintf(side, sizeof side, "%s%s", path, ext[i]);
		unlink(side);
	}
	rmdir(dir);
	i18n_done();
	return t_done();
}
