/* db_activity.c — the activity catalogue and its sessions; see db_activity.h.
 * Everyone reads the catalogue; only admin writes it. Seats are counted
 * from participation rows, never stored, so they cannot drift. */
#include "db_activity.h"
#include "db_internal.h"
#include "i18n.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const activity_methods[] = {
	"diploma", "course", "theme_day", "conference", "elearning",
	"peer", "network", "supervision", "other", NULL
};
static const char *const method_names[] = {
	N_("Diploma module"), N_("Course"), N_("Theme day"), N_("Conference"), N_("E-learning"),
	N_("Peer training"), N_("Network"), N_("Supervision"), N_("Other"), NULL
};

static int method_index(const char *code)
{
	for (int i = 0; code && activity_methods[i]; i++)
		if (!strcmp(code, activity_methods[i]))
			return i;
	return -1;
}

const char *method_name(const char *code)
{
	int i = method_index(code);
	return i < 0 ? (code ? code : "") : _(method_names[i]);
}

static kcode nomem(kerr *e)
{
	return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
}

/* ---- activities ---- */

#define ACT_COLS \
	"a.id, a.version, a.title, a.method, a.provider, a.description," \
	" coalesce(a.ects,-1), coalesce(a.hours,-1), a.price, a.cross_prof, a.active," \
	" (SELECT group_concat(competence_id) FROM activity_competence WHERE activity_id = a.id)," \
	" (SELECT group_concat(profession_id) FROM activity_profession WHERE activity_id = a.id)," \
	" (SELECT count(*) FROM session WHERE activity_id = a.id), a.sort_key"
/* ?1 folded filter, ?2 include inactive, ?3/?4 keyset position, ?5 limit */
#define ACT_LIST_WHERE " FROM activity a WHERE (?1 IS NULL OR instr(a.fold, ?1) > 0) AND (?2 OR a.active)"

static const char SQL_ACT_FWD[] = "SELECT " ACT_COLS ACT_LIST_WHERE
	" AND (a.sort_key, a.id) > (?3, ?4) ORDER BY a.sort_key, a.id LIMIT ?5";
static const char SQL_ACT_BACK[] = "SELECT " ACT_COLS ACT_LIST_WHERE
	" AND (a.sort_key, a.id) < (?3, ?4) ORDER BY a.sort_key DESC, a.id DESC LIMIT ?5";
static const char SQL_ACT_GET[] = "SELECT " ACT_COLS " FROM activity a WHERE a.id = ?";
/* The links are part of the audited record, so a changed competence shows. */
static const char SQL_ACT_JSON[] = "SELECT json_object('title',title,'method',method,"
	"'provider',provider,'description',description,'ects',ects,'hours',hours,'price',price,"
	"'cross_prof',cross_prof,'active',active,"
	"'competences',json((SELECT json_group_array(competence_id) FROM activity_competence"
	" WHERE activity_id = activity.id)),"
	"'professions',json((SELECT json_group_array(profession_id) FROM activity_profession"
	" WHERE activity_id = activity.id))) FROM activity WHERE id = ?";

void activity_free(activity_rec *a)
{
	if (!a)
		return;
	free(a->title); free(a->provider); free(a->description); free(a->sort_key);
	memset(a, 0, sizeof *a);
}

void activity_rows_free(activity_rec *rows, int n)
{
	for (int i = 0; i < n; i++)
		activity_free(&rows[i]);
	free(rows);
}

/* "3,1,7" from group_concat into ids[], at most max of them. */
static int parse_ids(const unsigned char *s, int64_t *ids, int max)
{
	int n = 0;
	const char *p = (const char *)s;
	while (p && *p && n < max) {
		char *end;
		ids[n++] = strtoll(p, &end, 10);
		p = *end == ',' ? end + 1 : NULL;
	}
	return n;
}

static int act_read(sqlite3_stmt *st, activity_rec *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, 0);
	a->version = sqlite3_column_int64(st, 1);
	a->title = col_text(st, 2);
	snprintf(a->method, sizeof a->method, "%s", sqlite3_column_text(st, 3));
	a->provider = col_text(st, 4);
	a->description = col_text(st, 5);
	a->ects = sqlite3_column_double(st, 6);
	a->hours = sqlite3_column_double(st, 7);
	a->price = sqlite3_column_int64(st, 8);
	a->cross_prof = sqlite3_column_int(st, 9);
	a->active = sqlite3_column_int(st, 10);
	a->n_competences = parse_ids(sqlite3_column_text(st, 11), a->competence_ids, 8);
	a->n_professions = parse_ids(sqlite3_column_text(st, 12), a->profession_ids, 16);
	a->sessions = sqlite3_column_int(st, 13);
	a->sort_key = col_text(st, 14);
	if (!a->title || !a->provider || !a->description || !a->sort_key) {
		activity_free(a);
		return -1;
	}
	return 0;
}

static int act_read_v(sqlite3_stmt *st, void *row) { return act_read(st, row); }
static void act_free_v(void *row) { activity_free(row); }

kcode activity_list(kdb *db, const kactor *who, const kpage *pg, activity_rec **rows, int *n, kerr *e)
{
	(void)who; /* the catalogue is open to everyone */
	*rows = NULL;
	*n = 0;
	char *fold;
	if (db_page_fold(pg, &fold, e))
		return e->code;
	const char *key;
	int64_t id;
	db_page_start(pg, &key, &id);
	sqlite3_stmt *st = db_stmt(db, pg->backward ? SQL_ACT_BACK : SQL_ACT_FWD, e);
	kcode c = st ? db_bind(db, st, e, KV_TEXT(fold), KV_INT(pg->include_inactive), KV_TEXT(key), KV_INT(id),
			       KV_INT(db_page_limit(pg))) : e->code;
	free(fold);
	if (c) {
		if (st)
			sqlite3_reset(st);
		return c;
	}
	return db_page_read(db, st, pg, sizeof **rows, act_read_v, act_free_v, (void **)rows, n, e);
}

kcode activity_get(kdb *db, const kactor *who, int64_t id, activity_rec *out, kerr *e)
{
	(void)who;
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(db, SQL_ACT_GET, e);
	if (!st || db_bind(db, st, e, KV_INT(id)))
		return e->code;
	int rc = db_step(db, st, e);
	if (rc < 0)
		return e->code;
	int bad = rc == SQLITE_ROW ? act_read(st, out) : 0;
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return kerr_set(e, KE_NOTFOUND, "%s", _("No such activity."));
	return bad ? nomem(e) : KE_OK;
}

static kcode check_method(const char *code, kerr *e)
{
	if (method_index(code) >= 0)
		return KE_OK;
	char list[400] = "";
	size_t len = 0;
	for (int i = 0; method_names[i] && len < sizeof list; i++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "",
					_(method_names[i]));
	return kerr_set(e, KE_INVALID, _("Unknown method '%s'; choose one of: %s."), code, list);
}

static kcode act_validate(const activity_rec *a, kerr *e)
{
	if (valid_text("title", _("Title"), a->title, 1, 160, 0, e) ||
	    valid_text("provider", _("Provider"), a->provider, 0, 160, 0, e) ||
	    valid_text("description", _("Description"), a->description, 0, 4000, 1, e) ||
	    check_method(a->method, e))
		return e->code;
	/* written so that NaN fails too */
	if (a->ects >= 0 && !(a->ects <= 60))
		return kerr_set(e, KE_INVALID, "%s", _("ECTS points must be between 0 and 60, or left empty."));
	if (a->hours >= 0 && !(a->hours <= 2000))
		return kerr_set(e, KE_INVALID, "%s", _("Hours must be between 0 and 2000, or left empty."));
	if (a->ects != a->ects || a->hours != a->hours)
		return kerr_set(e, KE_INVALID, "%s", _("ECTS points and hours must be numbers."));
	if (a->price < 0 || a->price > 10000000)
		return kerr_field(e, KE_INVALID, "price", "%s", _("Price must be between 0 and 10000000 kr."));
	if (a->n_competences < 0 || a->n_competences > 8)
		return kerr_set(e, KE_INVALID, _("An activity can have at most %d competence areas."), 8);
	if (a->n_professions < 0 || a->n_professions > 16)
		return kerr_set(e, KE_INVALID, _("An activity can have at most %d target professions."), 16);
	return KE_OK;
}

/* The folded text that "/" searches: title, provider and the method's name
 * in both languages, so a search works whatever language the searcher uses. */
static char *act_fold(const activity_rec *a)
{
	const char *en = method_index(a->method) >= 0 ? method_names[method_index(a->method)] : a->method;
	klang lang = i18n_lang();
	i18n_set(LANG_DA);
	const char *da = method_name(a->method);
	i18n_set(lang);
	const char *prov = a->provider ? a->provider : "";
	size_t len = strlen(a->title) + strlen(prov) + strlen(en) + strlen(da) + 4;
	char *raw = malloc(len);
	if (!raw)
		return NULL;
	snprintf(raw, len, "%s %s %s %s", a->title, prov, en, da);
	char *fold = text_fold(raw);
	free(raw);
	return fold;
}

char *activity_fold_text(const char *title, const char *provider, const char *method)
{
	activity_rec a = { .title = (char *)title, .provider = (char *)provider };
	snprintf(a.method, sizeof a.method, "%s", method);
	return act_fold(&a);
}

/* Replaces the rows of one link table by ids[]; refuses ids that do not
 * exist, naming them, instead of a bare foreign-key failure. */
static kcode replace_links(kdb *db, int64_t act, const char *del_sql, const char *exists_sql,
			   const char *ins_sql, const int64_t *ids, int n, const char *missing, kerr *e)
{
	sqlite3_stmt *st = db_stmt(db, del_sql, e);
	if (!st || db_bind(db, st, e, KV_INT(act)) || db_exec_stmt(db, st, e))
		return e->code;
	for (int i = 0; i < n; i++) {
		int64_t found = 0;
		if (db_scalar(db, exists_sql, ids[i], &found, e))
			return e->code;
		if (!found)
			return kerr_set(e, KE_INVALID, missing, (long long)ids[i]);
		if (!(st = db_stmt(db, ins_sql, e)) || db_bind(db, st, e, KV_INT(act), KV_INT(ids[i])) ||
		    db_exec_stmt(db, st, e))
			return e->code;
	}
	return KE_OK;
}

static kcode act_links(kdb *db, const activity_rec *a, int64_t id, kerr *e)
{
	if (replace_links(db, id, "DELETE FROM activity_competence WHERE activity_id = ?",
			  "SELECT count(*) FROM competence_area WHERE id = ?",
			  "INSERT OR IGNORE INTO activity_competence(activity_id, competence_id) VALUES (?,?)",
			  a->competence_ids, a->n_competences, _("Competence area %lld does not exist."), e))
		return e->code;
	return replace_links(db, id, "DELETE FROM activity_profession WHERE activity_id = ?",
			     "SELECT count(*) FROM profession WHERE id = ?",
			     "INSERT OR IGNORE INTO activity_profession(activity_id, profession_id) VALUES (?,?)",
			     a->profession_ids, a->n_professions, _("Profession %lld does not exist."), e);
}

static const char SQL_ACT_UPDATE[] =
	"UPDATE activity SET title=?1, method=?2, provider=?3, description=?4, ects=?5, hours=?6,"
	" price=?7, cross_prof=?8, active=?9, sort_key=?10, fold=?11, version=version+1"
	" WHERE id=?12 AND version=?13";
static const char SQL_ACT_INSERT[] =
	"INSERT INTO activity(title, method, provider, description, ects, hours, price, cross_prof,"
	" active, sort_key, fold) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)";

/* The row itself; an update that hit no row (stale version) is a conflict. */
static kcode act_write_row(kdb *db, const activity_rec *a, const char *key, const char *fold,
			   int64_t *id, kerr *e)
{
	sqlite3_stmt *st = db_stmt(db, a->id ? SQL_ACT_UPDATE : SQL_ACT_INSERT, e);
	if (!st || db_bind_prefix(db, st, e, KV_TEXT(a->title), KV_TEXT(a->method), KV_TEXT(a->provider ? a->provider : ""),
			   KV_TEXT(a->description ? a->description : ""), KV_REAL0(a->ects), KV_REAL0(a->hours), KV_INT(a->price),
			   KV_INT(a->cross_prof ? 1 : 0), KV_INT(a->id ? (a->active ? 1 : 0) : 1), KV_TEXT(key), KV_TEXT(fold), KV_INT(a->id),
			   KV_INT(a->version)) || db_exec_stmt(db, st, e))
		return e->code;
	if (a->id && db_changes(db) == 0)
		return db_conflict(db, "activity", a->id, e);
	*id = a->id ? a->id : db_last_id(db);
	return KE_OK;
}

kcode activity_save(kdb *db, const kactor *who, activity_rec *a, kerr *e)
{
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	if (act_validate(a, e))
		return e->code;
	char *key = text_sortkey(a->title), *fold = act_fold(a);
	if (!key || !fold) {
		free(key);
		free(fold);
		return nomem(e);
	}
	/* checked stays 0: the link rows run after the UPDATE, so the version
	 * hit is checked by act_write_row itself. */
	kwrite w = { "activity", SQL_ACT_JSON, a->id, a->id ? "update" : "create", 0, NULL };
	kcode c = db_write_begin(db, &w, e);
	if (!c) {
		c = act_write_row(db, a, key, fold, &w.id, e);
		if (!c)
			c = act_links(db, a, w.id, e);
		c = db_write_end(db, who, &w, c, e);
	}
	free(key);
	free(fold);
	if (!c) {
		if (!a->id)
			a->active = 1;
		a->version = a->id ? a->version + 1 : 1;
		a->id = w.id;
	}
	return c;
}

kcode activity_set_active(kdb *db, const kactor *who, int64_t id, int64_t version, int active, kerr *e)
{
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	kwrite w = { "activity", SQL_ACT_JSON, id, "update", 1, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db, "UPDATE activity SET active=?1, version=version+1"
				       " WHERE id=?2 AND version=?3", e);
	kcode c = st ? db_bind(db, st, e, KV_INT(active ? 1 : 0), KV_INT(id), KV_INT(version)) : e->code;
	if (!c)
		c = db_exec_stmt(db, st, e);
	return db_write_end(db, who, &w, c, e);
}

/* ---- sessions ---- */

#define SES_COLS \
	"s.id, s.version, s.activity_id, a.title, s.starts, s.ends, coalesce(s.signup_deadline,'')," \
	" s.place, s.capacity," \
	" (SELECT count(*) FROM participation p WHERE p.session_id = s.id" \
	"   AND p.status IN ('enrolled','completed'))," \
	" (SELECT count(*) FROM participation p WHERE p.session_id = s.id AND p.status = 'waitlisted')," \
	" (SELECT count(*) FROM participation p WHERE p.session_id = s.id AND p.status = 'requested')"
/* ?1 activity (0: any), ?2 year (0: any), ?3 folded filter on the activity,
 * ?4/?5 keyset, ?6 limit */
#define SES_LIST_WHERE " FROM session s JOIN activity a ON a.id = s.activity_id" \
	" WHERE (?1 = 0 OR s.activity_id = ?1) AND (?2 = 0 OR (s.starts >= printf('%04d-01-01', ?2)" \
	" AND s.starts < printf('%04d-01-01', ?2 + 1)))" \
	" AND (?3 IS NULL OR instr(a.fold, ?3) > 0)"

static const char SQL_SES_FWD[] = "SELECT " SES_COLS SES_LIST_WHERE
	" AND (s.starts, s.id) > (?4, ?5) ORDER BY s.starts, s.id LIMIT ?6";
static const char SQL_SES_BACK[] = "SELECT " SES_COLS SES_LIST_WHERE
	" AND (s.starts, s.id) < (?4, ?5) ORDER BY s.starts DESC, s.id DESC LIMIT ?6";
/* one activity's sessions along session_activity; "?1 = 0 OR"
 * hides the equality, and the planner walks every session by date. */
static const char SQL_SES_ACT_FWD[] = "SELECT " SES_COLS SES_LIST_WHERE
	" AND s.activity_id = ?1 AND (s.starts, s.id) > (?4, ?5) ORDER BY s.starts, s.id LIMIT ?6";
static const char SQL_SES_ACT_BACK[] = "SELECT " SES_COLS SES_LIST_WHERE
	" AND s.activity_id = ?1 AND (s.starts, s.id) < (?4, ?5) ORDER BY s.starts DESC, s.id DESC LIMIT ?6";
static const char SQL_SES_GET[] = "SELECT " SES_COLS
	" FROM session s JOIN activity a ON a.id = s.activity_id WHERE s.id = ?";
static const char SQL_SES_JSON[] = "SELECT json_object('activity_id',activity_id,'starts',starts,"
	"'ends',ends,'place',place,'capacity',capacity,'signup_deadline',signup_deadline)"
	" FROM session WHERE id = ?";

void session_free(session_rec *s)
{
	if (!s)
		return;
	free(s->activity_title); free(s->place);
	memset(s, 0, sizeof *s);
}

void session_rows_free(session_rec *rows, int n)
{
	for (int i = 0; i < n; i++)
		session_free(&rows[i]);
	free(rows);
}

static int ses_read(sqlite3_stmt *st, session_rec *s)
{
	memset(s, 0, sizeof *s);
	s->id = sqlite3_column_int64(st, 0);
	s->version = sqlite3_column_int64(st, 1);
	s->activity_id = sqlite3_column_int64(st, 2);
	s->activity_title = col_text(st, 3);
	snprintf(s->starts, sizeof s->starts, "%s", sqlite3_column_text(st, 4));
	snprintf(s->ends, sizeof s->ends, "%s", sqlite3_column_text(st, 5));
	snprintf(s->signup_deadline, sizeof s->signup_deadline, "%s", sqlite3_column_text(st, 6));
	s->place = col_text(st, 7);
	s->capacity = sqlite3_column_int(st, 8);
	s->taken = sqlite3_column_int(st, 9);
	s->waiting = sqlite3_column_int(st, 10);
	s->requested = sqlite3_column_int(st, 11);
	if (!s->activity_title || !s->place) {
		session_free(s);
		return -1;
	}
	return 0;
}

static int ses_read_v(sqlite3_stmt *st, void *row) { return ses_read(st, row); }
static void ses_free_v(void *row) { session_free(row); }

kcode session_list(kdb *db, const kactor *who, const kpage *pg, session_rec **rows, int *n, kerr *e)
{
	(void)who;
	*rows = NULL;
	*n = 0;
	char *fold;
	if (db_page_fold(pg, &fold, e))
		return e->code;
	const char *key;
	int64_t id;
	db_page_start(pg, &key, &id);
	sqlite3_stmt *st = db_stmt(db, pg->parent_id ? (pg->backward ? SQL_SES_ACT_BACK : SQL_SES_ACT_FWD)
				       : pg->backward ? SQL_SES_BACK : SQL_SES_FWD, e);
	kcode c = st ? db_bind_prefix(db, st, e, KV_INT(pg->parent_id), KV_INT(pg->parent_id ? 0 : pg->year),
			       KV_TEXT(fold), KV_TEXT(key), KV_INT(id), KV_INT(db_page_limit(pg))) : e->code;
	free(fold);
	if (c) {
		if (st)
			sqlite3_reset(st);
		return c;
	}
	return db_page_read(db, st, pg, sizeof **rows, ses_read_v, ses_free_v, (void **)rows, n, e);
}

kcode session_get(kdb *db, const kactor *who, int64_t id, session_rec *out, kerr *e)
{
	(void)who;
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(db, SQL_SES_GET, e);
	if (!st || db_bind(db, st, e, KV_INT(id)))
		return e->code;
	int rc = db_step(db, st, e);
	if (rc < 0)
		return e->code;
	int bad = rc == SQLITE_ROW ? ses_read(st, out) : 0;
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return kerr_set(e, KE_NOTFOUND, "%s", _("No such session."));
	return bad ? nomem(e) : KE_OK;
}

static kcode ses_validate(const session_rec *s, kerr *e)
{
	if (!s->activity_id)
		return kerr_set(e, KE_INVALID, _("%s is required."), _("Activity"));
	if (valid_date("starts", _("Starts"), s->starts, 1, e) ||
	    valid_date("ends", _("Ends"), s->ends, 1, e) ||
	    valid_date("signup_deadline", _("Sign-up deadline"), s->signup_deadline, 0, e) ||
	    valid_text("place", _("Place"), s->place, 0, 160, 0, e))
		return e->code;
	if (strcmp(s->ends, s->starts) < 0)
		return kerr_field(e, KE_INVALID, "ends", "%s", _("The session ends before it starts."));
	if (s->signup_deadline[0] && strcmp(s->signup_deadline, s->starts) > 0)
		return kerr_field(e, KE_INVALID, "signup_deadline", "%s", _("The sign-up deadline is after the session starts."));
	if (s->capacity < 1 || s->capacity > 10000)
		return kerr_field(e, KE_INVALID, "capacity", "%s", _("Capacity must be between 1 and 10000."));
	return KE_OK;
}

/* Inside the write: the activity must exist, and the seats already given
 * away must still fit. */
static kcode ses_check_seats(kdb *db, const session_rec *s, int64_t *taken, kerr *e)
{
	int64_t found = 0;
	*taken = 0;
	if (db_scalar(db, "SELECT count(*) FROM activity WHERE id = ?", s->activity_id, &found, e))
		return e->code;
	if (!found)
		return kerr_set(e, KE_INVALID, "%s", _("The chosen activity does not exist."));
	if (!s->id)
		return KE_OK;
	if (db_scalar(db, "SELECT count(*) FROM participation WHERE session_id = ?"
			  " AND status IN ('enrolled','completed')", s->id, taken, e))
		return e->code;
	if (s->capacity < *taken)
		return kerr_set(e, KE_STATE, _("%d people already have seats; capacity cannot be lower."),
				(int)*taken);
	return KE_OK;
}

kcode session_save(kdb *db, const kactor *who, session_rec *s, kerr *e)
{
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	if (ses_validate(s, e))
		return e->code;
	kwrite w = { "session", SQL_SES_JSON, s->id, s->id ? "update" : "create", 0, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	int64_t taken = 0;
	sqlite3_stmt *st = NULL;
	kcode c = ses_check_seats(db, s, &taken, e);
	if (!c && !(st = db_stmt(db, s->id ?
			"UPDATE session SET activity_id=?1, starts=?2, ends=?3, signup_deadline=?4,"
			" place=?5, capacity=?6, version=version+1 WHERE id=?7 AND version=?8" :
			"INSERT INTO session(activity_id, starts, ends, signup_deadline, place, capacity)"
			" VALUES (?1,?2,?3,?4,?5,?6)", e)))
		c = e->code;
	if (!c)
		c = db_bind_prefix(db, st, e, KV_INT(s->activity_id), KV_TEXT(s->starts), KV_TEXT(s->ends), KV_TEXT0(s->signup_deadline),
			    KV_TEXT(s->place ? s->place : ""), KV_INT(s->capacity), KV_INT(s->id), KV_INT(s->version));
	if (!c)
		c = db_exec_stmt(db, st, e);
	if (!c && s->id && db_changes(db) == 0)
		c = db_conflict(db, "session", s->id, e);
	if (!c && !s->id)
		w.id = db_last_id(db);
	/* added seats go to the waiting list first, as a freed seat would */
	if (!c && s->id && s->capacity > taken)
		c = part_fill_seats(db, who, s->id, e);
	c = db_write_end(db, who, &w, c, e);
	if (!c) {
		s->version = s->id ? s->version + 1 : 1;
		s->id = w.id;
	}
	return c;
}

kcode session_delete(kdb *db, const kactor *who, int64_t id, int64_t version, kerr *e)
{
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	kwrite w = { "session", SQL_SES_JSON, id, "delete", 1, NULL };
	if (db_write_begin(db, &w, e))
		return e->code;
	int64_t active = 0, any = 0;
	kcode c = db_scalar(db, "SELECT count(*) FROM participation WHERE session_id = ?"
			    " AND status IN ('requested','approved','enrolled','waitlisted')", id, &active, e);
	if (!c)
		c = db_scalar(db, "SELECT count(*) FROM participation WHERE session_id = ?", id, &any, e);
	if (!c && active)
		c = kerr_set(e, KE_STATE, "%s", _("People are signed up for this session; cancel them first."));
	else if (!c && any) /* cancelled or finished: that history must stay */
		c = kerr_set(e, KE_INVALID, "%s",
			     _("This session has a history of participation and cannot be deleted."));
	sqlite3_stmt *st = NULL;
	if (!c && !(st = db_stmt(db, "DELETE FROM session WHERE id=?1 AND version=?2", e)))
		c = e->code;
	if (!c && !(c = db_bind(db, st, e, KV_INT(id), KV_INT(version))))
		c = db_exec_stmt(db, st, e);
	return db_write_end(db, who, &w, c, e);
}
