/* db_followup.c — follow-ups, the colleagues' parts and the follow-up
 * settings; see db_followup.h. Every change is one short audited write that
 * re-reads the stored state first and decides there who may do what. */
#include "db_followup.h"
#include "date.h"
#include "db_access.h"
#include "db_internal.h"
#include "i18n.h"
#include "text.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The follow-up settings (see fu_setting_list), read where they decide. */
const char *const fu_setting_keys[] = { "escalate_weeks", "colleague_weeks", "close_weeks", NULL };
static const int fu_setting_defaults[] = { 4, 2, 2 };

static const kweeks_table SETTINGS = {
	"followup_setting",
	"SELECT coalesce((SELECT weeks FROM followup_setting WHERE key = ?1), ?2),"
	" coalesce((SELECT version FROM followup_setting WHERE key = ?1), 0)",
	"INSERT OR IGNORE INTO followup_setting(key, weeks) VALUES (?1, ?2)",
	"SELECT rowid FROM followup_setting WHERE key = ?",
	"UPDATE followup_setting SET weeks = ?1, version = version + 1 WHERE rowid = ?2 AND version = ?3",
	"SELECT json_object('key',key,'weeks',weeks) FROM followup_setting WHERE rowid = ?",
	N_("The setting could not be read."),
};

static const char *str0(const char *s)
{
	return s ? s : "";
}

static int blank(const char *s)
{
	return !s || strspn(s, " \t\r\n") == strlen(s);
}

/* ---- reading follow-ups ---- */

#define FU_KEY "(CASE WHEN f.done_at IS NULL THEN '0' ELSE '1' END || f.due)"
#define FU_COLS \
	"f.id, f.version, f.participation_id, p.staff_id, st.name, a.title, f.due, f.learned," \
	" f.practice, f.shared_with, f.leader_comment, coalesce(f.done_at,'')," \
	" 0, " FU_KEY ", coalesce(f.shared_via,0)," \
	" coalesce(sva.title,''), coalesce(svs.starts,''), coalesce(f.written_at,'')," \
	" " SQL_FU_STATE("f") ", coalesce(" SQL_FU_STEP_DUE("f") ",''), f.action, coalesce(f.action_date,'')," \
	" (SELECT printf('%d %d %d ', sum(c.state = 'asked'), sum(c.state = 'answered')," \
	"  sum(c.state = 'declined')) || coalesce(group_concat(coalesce(cs.login, cs.initials), ','), '')" \
	"  FROM followup_colleague c JOIN staff cs ON cs.id = c.staff_id WHERE c.followup_id = f.id)," \
	" se.ends, ?3"
#define FU_FROM " FROM followup f JOIN participation p ON p.id = f.participation_id" \
	" JOIN staff st ON st.id = p.staff_id JOIN session se ON se.id = p.session_id" \
	" JOIN activity a ON a.id = se.activity_id" \
	" LEFT JOIN session svs ON svs.id = f.shared_via LEFT JOIN activity sva ON sva.id = svs.activity_id"
/* ?1 actor, ?2 role, ?3 today, ?4 person (0: all), ?5 folded filter,
 * ?6/?7 keyset, ?8 limit */
#define FU_WHERE " WHERE " SQL_SEES_STAFF("st") " AND (?4 = 0 OR p.staff_id = ?4)" \
	" AND (?5 IS NULL OR instr(st.fold, ?5) > 0 OR instr(a.fold, ?5) > 0)"

static const char SQL_FU_FWD[] = SQL_LED_UNITS " SELECT " FU_COLS FU_FROM FU_WHERE
	" AND (" FU_KEY ", f.id) > (?6, ?7) ORDER BY " FU_KEY ", f.id LIMIT ?8";
static const char SQL_FU_BACK[] = SQL_LED_UNITS " SELECT " FU_COLS FU_FROM FU_WHERE
	" AND (" FU_KEY ", f.id) < (?6, ?7) ORDER BY " FU_KEY " DESC, f.id DESC LIMIT ?8";
/* one person's follow-ups through the index on their
 * participations, not a scan of every follow-up (see PART_ONE). */
static const char SQL_FU_STAFF_FWD[] = SQL_LED_UNITS " SELECT " FU_COLS FU_FROM FU_WHERE
	" AND p.staff_id = ?4 AND (" FU_KEY ", f.id) > (?6, ?7) ORDER BY " FU_KEY ", f.id LIMIT ?8";
static const char SQL_FU_STAFF_BACK[] = SQL_LED_UNITS " SELECT " FU_COLS FU_FROM FU_WHERE
	" AND p.staff_id = ?4 AND (" FU_KEY ", f.id) < (?6, ?7) ORDER BY " FU_KEY " DESC, f.id DESC LIMIT ?8";
/* ?2 is unused here; ?3 is today as in the list */
static const char SQL_FU_GET[] = "SELECT " FU_COLS FU_FROM " WHERE f.id = ?1";
/* ?4 the session, ?5 the limit */
static const char SQL_FU_SOURCES[] = SQL_LED_UNITS " SELECT " FU_COLS FU_FROM
	" WHERE f.shared_via = ?4 AND " SQL_SEES_STAFF("st") " ORDER BY f.id LIMIT ?5";

static const size_t followup_texts[] = {
	offsetof(followup_rec, staff_name), offsetof(followup_rec, activity_title),
	offsetof(followup_rec, learned), offsetof(followup_rec, practice),
	offsetof(followup_rec, shared_with), offsetof(followup_rec, leader_comment),
	offsetof(followup_rec, sort_key), offsetof(followup_rec, shared_via_title),
	offsetof(followup_rec, action), offsetof(followup_rec, colleagues),
};

DB_FREE_FUNCS(followup_free, followup_rows_free, followup_rec, followup_texts)

#define COPY(dst, st, i) snprintf((dst), sizeof (dst), "%s", str0((const char *)sqlite3_column_text((st), (i))))

static int fu_read(sqlite3_stmt *st, void *row)
{
	followup_rec *f = row;
	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(st, 0);
	f->version = sqlite3_column_int64(st, 1);
	f->participation_id = sqlite3_column_int64(st, 2);
	f->staff_id = sqlite3_column_int64(st, 3);
	f->staff_name = col_text(st, 4);
	f->activity_title = col_text(st, 5);
	COPY(f->due, st, 6);
	f->learned = col_text(st, 7);
	f->practice = col_text(st, 8);
	f->shared_with = col_text(st, 9);
	f->leader_comment = col_text(st, 10);
	COPY(f->done_at, st, 11);
	f->sort_key = col_text(st, 13);
	f->shared_via = sqlite3_column_int64(st, 14);
	f->shared_via_title = col_text(st, 15);
	COPY(f->shared_via_starts, st, 16);
	COPY(f->written_at, st, 17);
	COPY(f->state, st, 18);
	COPY(f->step_due, st, 19);
	f->action = col_text(st, 20);
	COPY(f->action_date, st, 21);
	/* the colleagues' parts in one reading: "asked answered declined logins" */
	const char *cp = (const char *)sqlite3_column_text(st, 22);
	int used = 0;
	if (!cp || sscanf(cp, "%d %d %d %n", &f->asked, &f->answered, &f->declined, &used) < 3)
		used = -1;
	f->colleagues = xstrdup(used > 0 ? cp + used : "");
	COPY(f->session_ends, st, 23);
	/* the step waiting is late: read against today, as the list was */
	f->overdue = f->step_due[0] && strcmp(f->step_due, str0((const char *)sqlite3_column_text(st, 24))) < 0;
	if (DB_TEXTS_MISSING(f, followup_texts)) {
		followup_free(f);
		return -1;
	}
	return 0;
}

static void fu_free_v(void *row) { followup_free(row); }

kcode followup_list(kdb *db, const kactor *who, const kpage *pg, followup_rec **rows, int *n, kerr *e)
{
	*rows = NULL;
	*n = 0;
	char today[11];
	char *fold;
	const char *key;
	int64_t id;
	if (db_today(today, e) || db_page_begin(pg, &fold, &key, &id, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db, pg->staff_id ? (pg->backward ? SQL_FU_STAFF_BACK : SQL_FU_STAFF_FWD)
				       : pg->backward ? SQL_FU_BACK : SQL_FU_FWD, e);
	kcode c = st ? db_bind_prefix(db, st, e, KV_INT(who->staff_id), KV_INT((int)who->role), KV_TEXT(today), KV_INT(pg->staff_id),
			       KV_TEXT(fold), KV_TEXT(key), KV_INT(id), KV_INT(db_page_limit(pg))) : e->code;
	free(fold);
	return db_page_bound(db, st, c, pg, sizeof **rows, fu_read, fu_free_v, (void **)rows, n, e);
}

kcode followup_get(kdb *db, const kactor *who, int64_t id, followup_rec *out, kerr *e)
{
	memset(out, 0, sizeof *out);
	char today[11];
	if (db_today(today, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db, SQL_FU_GET, e);
	kcode c = st ? db_bind(db, st, e, KV_INT(id), KV_INT((int64_t)0), KV_TEXT(today)) : e->code;
	if (db_row_read(db, st, c, fu_read, out, _("No such follow-up."), e))
		return e->code;
	if (!scope_sees_staff(db, who, out->staff_id)) {
		followup_free(out);
		return db_denied(e);
	}
	access_log_note(db, who, out->staff_id, ACC_FOLLOWUP);
	return KE_OK;
}

kcode followup_sources(kdb *db, const kactor *who, int64_t session_id, int max,
		       followup_rec **rows, int *n, kerr *e)
{
	*rows = NULL;
	*n = 0;
	char today[11];
	if (db_today(today, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db, SQL_FU_SOURCES, e);
	kcode c = st ? db_bind(db, st, e, KV_INT(who->staff_id), KV_INT((int)who->role), KV_TEXT(today),
			       KV_INT(session_id), KV_INT(max < 1 ? 1 : max)) : e->code;
	return db_rows_read(db, st, c, sizeof **rows, max, fu_read, fu_free_v, (void **)rows, n, e);
}

/* ---- writing follow-ups ---- */

static kcode fu_validate(const followup_rec *f, kerr *e)
{
	if (valid_text("learned", _("What was learned"), f->learned, 0, 4000, 1, e) ||
	    valid_text("practice", _("Use in practice"), f->practice, 0, 4000, 1, e) ||
	    valid_text("shared_with", _("Shared with"), f->shared_with, 0, 400, 0, e) ||
	    valid_text("leader_comment", _("Leader's comment"), f->leader_comment, 0, 4000, 1, e) ||
	    valid_text("action", _("Into practice"), f->action, 0, 400, 1, e) ||
	    valid_date("action_date", _("Into practice from"), f->action_date, 0, e))
		return e->code;
	return KE_OK;
}

/* The stored state a follow-up write is judged against. */
struct fuinfo {
	int64_t staff_id;
	char done_at[11];
	char *comment, *action;
	char action_date[11];
};

static int fuinfo_read(sqlite3_stmt *st, void *row)
{
	struct fuinfo *fi = row;
	fi->staff_id = sqlite3_column_int64(st, 0);
	COPY(fi->done_at, st, 1);
	fi->comment = col_text(st, 2);
	fi->action = col_text(st, 3);
	COPY(fi->action_date, st, 4);
	return fi->comment && fi->action ? 0 : -1;
}

static void fuinfo_free(struct fuinfo *fi)
{
	free(fi->comment);
	free(fi->action);
}

static kcode fu_load(kdb *db, int64_t id, struct fuinfo *fi, kerr *e)
{
	kcode c = db_get_row(db, "SELECT p.staff_id, coalesce(f.done_at,''), f.leader_comment, f.action,"
			     " coalesce(f.action_date,'') FROM followup f JOIN participation p ON p.id = f.participation_id"
			     " WHERE f.id = ?",
			     id, fuinfo_read, fi, sizeof *fi, _("No such follow-up."), e);
	if (c == KE_NOMEM)
		fuinfo_free(fi);
	return c;
}

/* The person writes their own reflections while it is open; the leader
 * (or admin) writes everything and closes it. */
static kcode fu_may_write(kdb *db, const kactor *who, const struct fuinfo *fi, const followup_rec *f,
			  int done, int *lead, kerr *e)
{
	int self = who->staff_id && who->staff_id == fi->staff_id;
	*lead = scope_leads_staff(db, who, fi->staff_id);
	if (!self && !*lead)
		return db_denied(e);
	if (!*lead) {
		if (fi->done_at[0])
			return kerr_set(e, KE_STATE, "%s", _("This follow-up is closed and can no longer be changed."));
		if (done)
			return kerr_set(e, KE_DENIED, "%s", _("Only your leader can close a follow-up."));
		if (strcmp(str0(f->leader_comment), fi->comment))
			return kerr_field(e, KE_DENIED, "leader_comment", "%s", _("Only your leader writes the leader's comment."));
		if (strcmp(str0(f->action), fi->action) || strcmp(f->action_date, fi->action_date))
			return kerr_field(e, KE_DENIED, "action", "%s",
					  _("Only your leader records how the unit puts it into practice."));
	}
	if (done && !fi->done_at[0]) {
		if (!who->staff_id)
			return kerr_set(e, KE_INVALID, "%s",
				_("A follow-up is closed in the name of a staff member, and your login has no staff record in kup."));
		if (blank(f->learned) && blank(f->practice) && blank(f->leader_comment))
			return kerr_field(e, KE_INVALID, "learned", "%s",
				_("Write what was learned or a comment before closing the follow-up."));
	}
	if (f->action_date[0] && blank(f->action))
		return kerr_field(e, KE_INVALID, "action", "%s",
				  _("Say what the unit will do from that date, or leave the date out."));
	return KE_OK;
}

/* Peer training and networks are where learning is passed on, so only
 * their sessions can be named as the place a follow-up was shared. */
static kcode fu_check_shared_via(kdb *db, int64_t session_id, kerr *e)
{
	if (!session_id)
		return KE_OK;
	int64_t method_ok = -1;
	if (db_scalar(db, "SELECT coalesce((SELECT a.method IN ('peer','network') FROM session se"
			  " JOIN activity a ON a.id = se.activity_id WHERE se.id = ?), -1)",
			  session_id, &method_ok, e))
		return e->code;
	if (method_ok < 0)
		return kerr_field(e, KE_INVALID, "shared_via", "%s", _("The session it was shared in no longer exists."));
	if (!method_ok)
		return kerr_field(e, KE_INVALID, "shared_via", "%s",
			_("A follow-up can only be shared via a session of a peer-training or network activity."));
	return KE_OK;
}

/* SET expressions all see the old row, so done_by follows done_at. The
 * first text the person writes makes the follow-up written. */
static const char SQL_FU_UPDATE[] = "UPDATE followup SET learned = ?1, practice = ?2, shared_with = ?3,"
	" leader_comment = CASE WHEN ?4 THEN ?5 ELSE leader_comment END,"
	" done_at = CASE WHEN ?6 AND done_at IS NULL THEN ?7 ELSE done_at END,"
	" done_by = CASE WHEN ?6 AND done_at IS NULL THEN ?8 ELSE done_by END,"
	" written_at = CASE WHEN written_at IS NULL AND (?1 <> '' OR ?2 <> '') THEN ?7 ELSE written_at END,"
	" action = CASE WHEN ?4 THEN ?12 ELSE action END,"
	" action_date = CASE WHEN ?4 THEN ?13 ELSE action_date END,"
	" shared_via = ?11, version = version + 1 WHERE id = ?9 AND version = ?10";

kcode followup_save(kdb *db, const kactor *who, followup_rec *f, int done, kerr *e)
{
	char today[11];
	if (fu_validate(f, e) || db_today(today, e))
		return e->code;
	const char *learned = blank(f->learned) ? "" : f->learned;
	const char *practice = blank(f->practice) ? "" : f->practice;
	kwrite w = { "followup", SQL_FOLLOWUP_JSON, f->id, "update", 1, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	struct fuinfo fi;
	int lead = 0;
	sqlite3_stmt *st = NULL;
	kcode c = fu_load(db, f->id, &fi, e);
	if (!c)
		c = fu_may_write(db, who, &fi, f, done, &lead, e);
	if (!c)
		c = fu_check_shared_via(db, f->shared_via, e);
	if (!c && !(st = db_stmt(db, SQL_FU_UPDATE, e)))
		c = e->code;
	if (!c)
		c = db_bind(db, st, e, KV_TEXT(learned), KV_TEXT(practice), KV_TEXT(str0(f->shared_with)),
			    KV_INT(lead), KV_TEXT(str0(f->leader_comment)), KV_INT(done ? 1 : 0), KV_TEXT(today),
			    KV_ID0(who->staff_id), KV_INT(f->id), KV_INT(f->version), KV_ID0(f->shared_via),
			    KV_TEXT(str0(f->action)), KV_TEXT0(f->action_date));
	if (!c)
		c = db_exec_stmt(db, st, e);
	c = db_write_end(db, who, &w, c, e);
	if (!c) {
		f->version++;
		snprintf(f->done_at, sizeof f->done_at, "%s", fi.done_at[0] ? fi.done_at : done ? today : "");
		if (f->done_at[0])
			f->overdue = 0;
	}
	fuinfo_free(&fi);
	return c;
}

kcode followup_start_session(kdb *db, const kactor *who, int64_t followup_id, session_rec *s, kerr *e)
{
	int64_t person = 0, method_ok = -1, sid = 0;
	kwrite w = { "followup", SQL_FOLLOWUP_JSON, followup_id, "update", 0, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	sqlite3_stmt *st = NULL;
	kcode c = KE_OK;
	if (db_scalar(db, "SELECT coalesce((SELECT p.staff_id FROM followup f JOIN participation p"
			  " ON p.id = f.participation_id WHERE f.id = ?), 0)", followup_id, &person, e))
		c = e->code;
	if (!c && !person)
		c = kerr_set(e, KE_NOTFOUND, "%s", _("No such follow-up."));
	if (!c && !scope_leads_staff(db, who, person))
		c = kerr_set(e, KE_DENIED, "%s", _("Only the person's leader starts a session from a follow-up."));
	if (!c && db_scalar(db, "SELECT coalesce((SELECT method IN ('peer','network') FROM activity WHERE id = ?), -1)",
			    s->activity_id, &method_ok, e))
		c = e->code;
	if (!c && method_ok < 0)
		c = kerr_field(e, KE_INVALID, "activity_id", "%s", _("The chosen activity does not exist."));
	if (!c && !method_ok)
		c = kerr_field(e, KE_INVALID, "activity_id", "%s",
			       _("Choose a peer-training or network activity: that is where learning is passed on."));
	if (!c)
		c = session_insert(db, who, s, &sid, e);
	if (!c && !(st = db_stmt(db, "UPDATE followup SET shared_via = ?1, version = version + 1 WHERE id = ?2", e)))
		c = e->code;
	if (!c)
		c = db_bind(db, st, e, KV_INT(sid), KV_INT(followup_id));
	if (!c)
		c = db_exec_stmt(db, st, e);
	c = db_write_end(db, who, &w, c, e);
	if (!c) {
		s->id = sid;
		s->version = 1;
	}
	return c;
}

/* ---- colleagues ---- */

static const char SQL_FC_JSON[] = "SELECT json_object('followup_id',followup_id,'staff_id',staff_id,"
	"'state',state,'due',due,'seen',seen,'own_use',own_use,'wants_more',wants_more,'reason',reason,"
	"'asked_by',asked_by,'answered_at',answered_at) FROM followup_colleague WHERE id = ?";

#define FC_KEY "((CASE c.state WHEN 'asked' THEN '0' ELSE '1' END) || c.due)"
#define FC_COLS "c.id, c.version, c.followup_id, c.staff_id, cs.name, coalesce(cs.login,''), c.state, c.due," \
	" c.seen, c.own_use, c.wants_more, c.reason, coalesce(c.answered_at,''), (c.state = 'asked' AND c.due < ?3)," \
	" p.staff_id, ps.name, a.title, f.learned, f.practice, se.ends, f.done_at IS NOT NULL, " FC_KEY
#define FC_FROM " FROM followup_colleague c JOIN staff cs ON cs.id = c.staff_id" \
	" JOIN followup f ON f.id = c.followup_id JOIN participation p ON p.id = f.participation_id" \
	" JOIN staff ps ON ps.id = p.staff_id JOIN session se ON se.id = p.session_id" \
	" JOIN activity a ON a.id = se.activity_id"
/* The colleague sees their own part; whoever sees the person sees every
 * part of the person's follow-ups. ?1 actor, ?2 role, ?3 today,
 * ?4 follow-up (0: any), ?5 colleague (0: any), ?6/?7 keyset, ?8 limit */
#define FC_WHERE " WHERE (c.staff_id = ?1 OR " SQL_SEES_STAFF("ps") ")" \
	" AND (?4 = 0 OR c.followup_id = ?4) AND (?5 = 0 OR c.staff_id = ?5)"
static const char SQL_FC_FWD[] = SQL_LED_UNITS " SELECT " FC_COLS FC_FROM FC_WHERE
	" AND (" FC_KEY ", c.id) > (?6, ?7) ORDER BY " FC_KEY ", c.id LIMIT ?8";
static const char SQL_FC_BACK[] = SQL_LED_UNITS " SELECT " FC_COLS FC_FROM FC_WHERE
	" AND (" FC_KEY ", c.id) < (?6, ?7) ORDER BY " FC_KEY " DESC, c.id DESC LIMIT ?8";
/* one follow-up's parts (its unique index) and one colleague's parts
 * (followup_colleague_staff), not a scan of every part: an "?4 = 0 OR"
 * hides the equality from the planner (as PART_ONE in db_part.c) */
static const char SQL_FC_FU_FWD[] = SQL_LED_UNITS " SELECT " FC_COLS FC_FROM FC_WHERE
	" AND c.followup_id = ?4 AND (" FC_KEY ", c.id) > (?6, ?7) ORDER BY " FC_KEY ", c.id LIMIT ?8";
static const char SQL_FC_FU_BACK[] = SQL_LED_UNITS " SELECT " FC_COLS FC_FROM FC_WHERE
	" AND c.followup_id = ?4 AND (" FC_KEY ", c.id) < (?6, ?7) ORDER BY " FC_KEY " DESC, c.id DESC LIMIT ?8";
static const char SQL_FC_STAFF_FWD[] = SQL_LED_UNITS " SELECT " FC_COLS FC_FROM FC_WHERE
	" AND c.staff_id = ?5 AND (" FC_KEY ", c.id) > (?6, ?7) ORDER BY " FC_KEY ", c.id LIMIT ?8";
static const char SQL_FC_STAFF_BACK[] = SQL_LED_UNITS " SELECT " FC_COLS FC_FROM FC_WHERE
	" AND c.staff_id = ?5 AND (" FC_KEY ", c.id) < (?6, ?7) ORDER BY " FC_KEY " DESC, c.id DESC LIMIT ?8";
static const char SQL_FC_GET[] = SQL_LED_UNITS " SELECT " FC_COLS FC_FROM " WHERE c.id = ?4";

static const size_t fucol_texts[] = {
	offsetof(fu_colleague, name), offsetof(fu_colleague, login), offsetof(fu_colleague, seen),
	offsetof(fu_colleague, own_use), offsetof(fu_colleague, reason), offsetof(fu_colleague, person_name),
	offsetof(fu_colleague, activity_title), offsetof(fu_colleague, learned),
	offsetof(fu_colleague, practice), offsetof(fu_colleague, sort_key),
};

DB_FREE_FUNCS(fucol_free, fucol_rows_free, fu_colleague, fucol_texts)

static int fc_read(sqlite3_stmt *st, void *row)
{
	fu_colleague *c = row;
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	c->version = sqlite3_column_int64(st, 1);
	c->followup_id = sqlite3_column_int64(st, 2);
	c->staff_id = sqlite3_column_int64(st, 3);
	c->name = col_text(st, 4);
	c->login = col_text(st, 5);
	COPY(c->state, st, 6);
	COPY(c->due, st, 7);
	c->seen = col_text(st, 8);
	c->own_use = col_text(st, 9);
	c->wants_more = sqlite3_column_int(st, 10);
	c->reason = col_text(st, 11);
	COPY(c->answered_at, st, 12);
	c->overdue = sqlite3_column_int(st, 13);
	c->person_id = sqlite3_column_int64(st, 14);
	c->person_name = col_text(st, 15);
	c->activity_title = col_text(st, 16);
	c->learned = col_text(st, 17);
	c->practice = col_text(st, 18);
	COPY(c->session_ends, st, 19);
	c->fu_closed = sqlite3_column_int(st, 20);
	c->sort_key = col_text(st, 21);
	if (DB_TEXTS_MISSING(c, fucol_texts)) {
		fucol_free(c);
		return -1;
	}
	return 0;
}

static void fc_free_v(void *row) { fucol_free(row); }

kcode fucol_list(kdb *db, const kactor *who, const kpage *pg, fu_colleague **rows, int *n, kerr *e)
{
	*rows = NULL;
	*n = 0;
	char today[11];
	char *fold;
	const char *key;
	int64_t id;
	if (db_today(today, e) || db_page_begin(pg, &fold, &key, &id, e))
		return e->code;
	free(fold); /* no filter: a follow-up has a handful of colleagues */
	sqlite3_stmt *st = db_stmt(db, pg->parent_id ? (pg->backward ? SQL_FC_FU_BACK : SQL_FC_FU_FWD)
				       : pg->staff_id ? (pg->backward ? SQL_FC_STAFF_BACK : SQL_FC_STAFF_FWD)
				       : pg->backward ? SQL_FC_BACK : SQL_FC_FWD, e);
	kcode c = st ? db_bind(db, st, e, KV_INT(who->staff_id), KV_INT((int)who->role), KV_TEXT(today),
			       KV_INT(pg->parent_id), KV_INT(pg->staff_id), KV_TEXT(key), KV_INT(id),
			       KV_INT(db_page_limit(pg))) : e->code;
	return db_page_bound(db, st, c, pg, sizeof **rows, fc_read, fc_free_v, (void **)rows, n, e);
}

kcode fucol_get(kdb *db, const kactor *who, int64_t id, fu_colleague *out, kerr *e)
{
	memset(out, 0, sizeof *out);
	char today[11];
	if (db_today(today, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db, SQL_FC_GET, e);
	kcode c = st ? db_bind_prefix(db, st, e, KV_INT(who->staff_id), KV_INT((int)who->role), KV_TEXT(today),
				      KV_INT(id)) : e->code;
	if (db_row_read(db, st, c, fc_read, out, _("No such colleague's part."), e))
		return e->code;
	if (out->staff_id != who->staff_id && !scope_sees_staff(db, who, out->person_id)) {
		fucol_free(out);
		return db_denied(e);
	}
	return KE_OK;
}

/* The stored state a colleague's part is judged against. */
struct fcinfo {
	int64_t staff_id, person_id;
	char state[10];
	int fu_closed;
};

static int fcinfo_read(sqlite3_stmt *st, void *row)
{
	struct fcinfo *fi = row;
	fi->staff_id = sqlite3_column_int64(st, 0);
	fi->person_id = sqlite3_column_int64(st, 1);
	COPY(fi->state, st, 2);
	fi->fu_closed = sqlite3_column_int(st, 3);
	return 0;
}

static kcode fc_load(kdb *db, int64_t id, struct fcinfo *fi, kerr *e)
{
	return db_get_row(db, "SELECT c.staff_id, p.staff_id, c.state, f.done_at IS NOT NULL"
			  " FROM followup_colleague c JOIN followup f ON f.id = c.followup_id"
			  " JOIN participation p ON p.id = f.participation_id WHERE c.id = ?",
			  id, fcinfo_read, fi, sizeof *fi, _("No such colleague's part."), e);
}


kcode fucol_ask(kdb *db, const kactor *who, int64_t followup_id, int64_t staff_id, int64_t *id, kerr *e)
{
	char today[11], due[11];
	int weeks = 2;
	*id = 0;
	if (valid_ref("staff_id", _("Colleague"), staff_id, e) || db_today(today, e))
		return e->code;
	kwrite w = { "followup_colleague", SQL_FC_JSON, 0, "create", 0, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	struct fuinfo fi;
	int64_t active = -1, dup = 0, setting_version = 0;
	sqlite3_stmt *st = NULL;
	kcode c = fu_load(db, followup_id, &fi, e);
	if (c) {
		db_rollback(db);
		return c;
	}
	if (!(who->staff_id && who->staff_id == fi.staff_id) && !scope_leads_staff(db, who, fi.staff_id))
		c = kerr_set(e, KE_DENIED, "%s", _("Only the person or their leader names colleagues on a follow-up."));
	if (!c && fi.done_at[0])
		c = kerr_set(e, KE_STATE, "%s", _("This follow-up is closed: no more colleagues can be asked."));
	if (!c && staff_id == fi.staff_id)
		c = kerr_field(e, KE_INVALID, "staff_id", "%s",
			       _("Name a colleague: the person writes their own part of the follow-up."));
	if (!c && db_scalar(db, "SELECT coalesce((SELECT active FROM staff WHERE id = ?), -1)", staff_id, &active, e))
		c = e->code;
	if (!c && active < 0)
		c = kerr_field(e, KE_INVALID, "staff_id", "%s", _("The chosen colleague does not exist."));
	if (!c && !active)
		c = kerr_field(e, KE_INVALID, "staff_id", "%s", _("The chosen colleague no longer works here."));
	if (!c && !(st = db_stmt(db, "SELECT count(*) FROM followup_colleague WHERE followup_id = ?1 AND staff_id = ?2", e)))
		c = e->code;
	if (!c)
		c = db_bind(db, st, e, KV_INT(followup_id), KV_INT(staff_id));
	if (!c)
		c = db_row_read(db, st, c, db_read_int64, &dup, NULL, e);
	if (!c && dup)
		c = kerr_field(e, KE_INVALID, "staff_id", "%s", _("This colleague is already asked on the follow-up."));
	if (!c)
		c = db_weeks_get(db, &SETTINGS, "colleague_weeks", fu_setting_defaults[1], &weeks, &setting_version, e);
	if (!c && date_add_days(today, weeks * 7, due) != 0)
		c = kerr_set(e, KE_INVALID, "%s", _("The colleague's part would fall due outside the years kup supports."));
	if (!c && !(st = db_stmt(db, "INSERT INTO followup_colleague(followup_id, staff_id, due, asked_by)"
				     " VALUES (?1, ?2, ?3, ?4)", e)))
		c = e->code;
	if (!c)
		c = db_bind(db, st, e, KV_INT(followup_id), KV_INT(staff_id), KV_TEXT(due), KV_ID0(who->staff_id));
	if (!c)
		c = db_exec_stmt(db, st, e);
	if (!c)
		w.id = db_last_id(db);
	fuinfo_free(&fi);
	c = db_write_end(db, who, &w, c, e);
	if (!c)
		*id = w.id;
	return c;
}

static const size_t cand_texts[] = {
	offsetof(fu_candidate, name), offsetof(fu_candidate, initials), offsetof(fu_candidate, unit_name),
};

static void cand_free(void *row)
{
	db_free_texts(row, cand_texts, 3);
}

DB_ROWS_FREE(fucol_candidates_free, fu_candidate, cand_free)

static int cand_read(sqlite3_stmt *st, void *row)
{
	fu_candidate *c = row;
	c->id = sqlite3_column_int64(st, 0);
	return db_read_texts(st, 1, row, cand_texts, 3);
}

kcode fucol_candidates(kdb *db, const kactor *who, int64_t followup_id, const char *filter, int limit,
		       fu_candidate **rows, int *n, kerr *e)
{
	*rows = NULL;
	*n = 0;
	if (limit < 1 || limit > 500)
		limit = 500;
	struct fuinfo fi;
	kcode c = fu_load(db, followup_id, &fi, e);
	if (c)
		return c;
	int may = (who->staff_id && who->staff_id == fi.staff_id) || scope_leads_staff(db, who, fi.staff_id);
	int64_t person = fi.staff_id;
	fuinfo_free(&fi);
	if (!may)
		return kerr_set(e, KE_DENIED, "%s", _("Only the person or their leader names colleagues on a follow-up."));
	char *fold = filter && *filter ? text_fold(filter) : NULL;
	if (filter && *filter && !fold)
		return db_nomem(e);
	/* colleagues in other institutions count: that is what networks are for */
	sqlite3_stmt *st = db_stmt(db, "SELECT s.id, s.name, s.initials, u.name FROM staff s"
		" JOIN unit u ON u.id = s.unit_id WHERE s.active AND s.id <> ?1"
		" AND NOT EXISTS (SELECT 1 FROM followup_colleague c WHERE c.followup_id = ?2 AND c.staff_id = s.id)"
		" AND (?3 IS NULL OR instr(s.fold, ?3) > 0 OR instr(lower(s.initials), ?3) > 0)"
		" ORDER BY s.sort_key, s.id LIMIT ?4", e);
	c = st ? db_bind(db, st, e, KV_INT(person), KV_INT(followup_id), KV_TEXT(fold), KV_INT(limit)) : e->code;
	free(fold);
	return db_rows_read(db, st, c, sizeof **rows, limit, cand_read, cand_free, (void **)rows, n, e);
}

kcode fucol_withdraw(kdb *db, const kactor *who, int64_t id, int64_t version, kerr *e)
{
	kwrite w = { "followup_colleague", SQL_FC_JSON, id, "delete", 1, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	struct fcinfo fi;
	sqlite3_stmt *st = NULL;
	kcode c = fc_load(db, id, &fi, e);
	if (!c && !(who->staff_id && who->staff_id == fi.person_id) && !scope_leads_staff(db, who, fi.person_id))
		c = kerr_set(e, KE_DENIED, "%s", _("Only the person or their leader takes back a colleague's part."));
	if (!c && strcmp(fi.state, "asked"))
		c = kerr_set(e, KE_STATE, "%s", _("The colleague has already answered; an answer is kept."));
	if (!c && !(st = db_stmt(db, "DELETE FROM followup_colleague WHERE id = ?1 AND version = ?2", e)))
		c = e->code;
	if (!c)
		c = db_bind(db, st, e, KV_INT(id), KV_INT(version));
	if (!c)
		c = db_exec_stmt(db, st, e);
	return db_write_end(db, who, &w, c, e);
}

static kcode fc_may_write(const kactor *who, const struct fcinfo *fi, kerr *e)
{
	if (!who->staff_id || who->staff_id != fi->staff_id)
		return kerr_set(e, KE_DENIED, "%s", _("Only the colleague who was asked writes this part."));
	return KE_OK;
}

kcode fucol_answer(kdb *db, const kactor *who, fu_colleague *fc, kerr *e)
{
	char today[11];
	if (valid_text("seen", _("What you have seen"), fc->seen, 0, 4000, 1, e) ||
	    valid_text("own_use", _("How you use it"), fc->own_use, 0, 4000, 1, e) || db_today(today, e))
		return e->code;
	if (blank(fc->seen) && blank(fc->own_use))
		return kerr_field(e, KE_INVALID, "seen", "%s",
				  _("Write what you have seen of the new practice or how you use it yourself."));
	kwrite w = { "followup_colleague", SQL_FC_JSON, fc->id, "update", 1, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	struct fcinfo fi;
	sqlite3_stmt *st = NULL;
	kcode c = fc_load(db, fc->id, &fi, e);
	if (!c)
		c = fc_may_write(who, &fi, e);
	if (!c && strcmp(fi.state, "asked") && fi.fu_closed)
		c = kerr_set(e, KE_STATE, "%s", _("The follow-up is closed; your answer can no longer be changed."));
	if (!c && !(st = db_stmt(db, "UPDATE followup_colleague SET seen = ?1, own_use = ?2, wants_more = ?3,"
				     " state = 'answered', reason = '', answered_at = coalesce(answered_at, ?4),"
				     " version = version + 1 WHERE id = ?5 AND version = ?6", e)))
		c = e->code;
	if (!c)
		c = db_bind(db, st, e, KV_TEXT(blank(fc->seen) ? "" : fc->seen), KV_TEXT(blank(fc->own_use) ? "" : fc->own_use),
			    KV_INT(fc->wants_more ? 1 : 0), KV_TEXT(today), KV_INT(fc->id), KV_INT(fc->version));
	if (!c)
		c = db_exec_stmt(db, st, e);
	c = db_write_end(db, who, &w, c, e);
	if (!c) {
		fc->version++;
		snprintf(fc->state, sizeof fc->state, "answered");
		if (!fc->answered_at[0])
			snprintf(fc->answered_at, sizeof fc->answered_at, "%s", today);
		fc->overdue = 0;
	}
	return c;
}

kcode fucol_decline(kdb *db, const kactor *who, int64_t id, int64_t version, const char *reason, kerr *e)
{
	char today[11];
	if (blank(reason))
		return kerr_field(e, KE_INVALID, "reason", "%s", _("Give a reason when you decline."));
	if (valid_text("reason", _("Reason"), reason, 1, 400, 1, e) || db_today(today, e))
		return e->code;
	kwrite w = { "followup_colleague", SQL_FC_JSON, id, "update", 1, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	struct fcinfo fi;
	sqlite3_stmt *st = NULL;
	kcode c = fc_load(db, id, &fi, e);
	if (!c)
		c = fc_may_write(who, &fi, e);
	if (!c && strcmp(fi.state, "asked"))
		c = kerr_set(e, KE_STATE, "%s", _("Only a part still waiting for an answer can be declined."));
	if (!c && !(st = db_stmt(db, "UPDATE followup_colleague SET state = 'declined', reason = ?1,"
				     " answered_at = ?2, version = version + 1 WHERE id = ?3 AND version = ?4", e)))
		c = e->code;
	if (!c)
		c = db_bind(db, st, e, KV_TEXT(reason), KV_TEXT(today), KV_INT(id), KV_INT(version));
	if (!c)
		c = db_exec_stmt(db, st, e);
	return db_write_end(db, who, &w, c, e);
}

/* ---- settings ---- */

kcode fu_setting_list(kdb *db, const kactor *who, fu_setting **rows, int *n, kerr *e)
{
	(void)who; /* no secret: everyone may know when follow-ups escalate */
	*rows = NULL;
	*n = 0;
	int count = 0;
	while (fu_setting_keys[count])
		count++;
	fu_setting *out = calloc((size_t)count, sizeof *out);
	if (!out)
		return db_nomem(e);
	for (int i = 0; i < count; i++) {
		snprintf(out[i].key, sizeof out[i].key, "%s", fu_setting_keys[i]);
		if (db_weeks_get(db, &SETTINGS, fu_setting_keys[i], fu_setting_defaults[i], &out[i].weeks,
				 &out[i].version, e)) {
			free(out);
			return e->code;
		}
	}
	*rows = out;
	*n = count;
	return KE_OK;
}

kcode fu_setting_set(kdb *db, const kactor *who, const char *key, int weeks, int64_t version, kerr *e)
{
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	int k = -1;
	for (int i = 0; key && fu_setting_keys[i]; i++)
		if (!strcmp(key, fu_setting_keys[i]))
			k = i;
	if (k < 0)
		return kerr_field(e, KE_INVALID, "key", _("Unknown follow-up setting '%s'."), key ? key : "");
	if (valid_int("weeks", weeks, 0, 104, _("The number of weeks must be between 0 and 104."), e))
		return e->code;
	return db_weeks_set(db, who, &SETTINGS, key, fu_setting_defaults[k], weeks, version, e);
}
