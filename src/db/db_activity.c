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

/* The activity table's columns, described once (db_internal.h: KF_*).
 * The method is one of activity_methods, which check_method asks. */
#define ACTIVITY_FIELDS(X, S) \
	X(title, KF_TEXT, N_("Title"), 160, 0, 0, KF_REQUIRED, NULL, STR, "title", "titel", "aktivitet") S \
	X(method, KF_TEXT, N_("Method"), 15, 0, 0, 0, NULL, BUF, "method", "metode", "form") S \
	X(provider, KF_TEXT, N_("Provider"), 160, 0, 0, 0, NULL, STR, "provider", "udbyder") S \
	X(description, KF_LINES, N_("Description"), 4000, 0, 0, 0, NULL, STR, "description", "beskrivelse") S \
	X(ects, KF_DECIMAL, N_("ECTS points"), 0, 0, 60, 0, NULL, DBL, "ects", "ects-point") S \
	X(hours, KF_DECIMAL, N_("Hours"), 0, 0, 2000, 0, NULL, DBL, "hours", "timer") S \
	X(price, KF_MONEY, N_("Price"), 0, 0, 10000000, 0, NULL, I64, "price", "pris") S \
	X(cross_prof, KF_BOOL, N_("Cross-professional"), 0, 0, 1, 0, NULL, INT, "cross_prof", "tvaerfaglig") S \
	X(active, KF_BOOL, N_("Active"), 0, 0, 1, KF_NOFORM, NULL, INT, "active", "aktiv")

#define ACT_KF(...) KF_ENTRY(activity_rec, __VA_ARGS__)
#define ACT_SEL(...) KF_SEL("a", __VA_ARGS__)

static const kfield activity_fields[] = {
	ACTIVITY_FIELDS(ACT_KF, )
	/* an import file may carry the count; it is read, never written */
	{ "sessions", KF_INT, N_("Sessions"), 0, 0, 0, KF_VIEW | KF_NOFORM, NULL,
	  (const char *const[]){ "sessions", "hold", NULL }, KS_INT, offsetof(activity_rec, sessions), 0 },
	{ "sort_key", KF_TEXT, N_("Title"), 160, 0, 0, KF_VIEW | KF_NOFORM, NULL, NULL, KS_STR,
	  offsetof(activity_rec, sort_key), 0 },
};
const krecord kr_activity = { "activity", activity_fields, sizeof activity_fields / sizeof *activity_fields,
			      sizeof(activity_rec) };

/* id and version, the fields in the order of activity_fields, then the
 * linked competence areas and professions (act_read). */
#define ACT_COLS "a.id, a.version" ACTIVITY_FIELDS(ACT_SEL, ) "," \
	" (SELECT count(*) FROM session WHERE activity_id = a.id), a.sort_key," \
	" (SELECT group_concat(competence_id) FROM activity_competence WHERE activity_id = a.id)," \
	" (SELECT group_concat(profession_id) FROM activity_profession WHERE activity_id = a.id)"
#define ACT_LINKS (2 + (int)(sizeof activity_fields / sizeof *activity_fields))
/* ?1 folded filter, ?2 include inactive, ?3/?4 keyset position, ?5 limit */
#define ACT_LIST_WHERE " FROM activity a WHERE (?1 IS NULL OR instr(a.fold, ?1) > 0) AND (?2 OR a.active)"

static const char SQL_ACT_FWD[] = "SELECT " ACT_COLS ACT_LIST_WHERE
	" AND (a.sort_key, a.id) > (?3, ?4) ORDER BY a.sort_key, a.id LIMIT ?5";
static const char SQL_ACT_BACK[] = "SELECT " ACT_COLS ACT_LIST_WHERE
	" AND (a.sort_key, a.id) < (?3, ?4) ORDER BY a.sort_key DESC, a.id DESC LIMIT ?5";
static const char SQL_ACT_GET[] = "SELECT " ACT_COLS " FROM activity a WHERE a.id = ?";
/* The links are part of the audited record, so a changed competence shows. */
static const char SQL_ACT_JSON[] = "SELECT json_object(" ACTIVITY_FIELDS(KF_JSON, ",") ","
	"'competences',json((SELECT json_group_array(competence_id) FROM activity_competence"
	" WHERE activity_id = activity.id)),"
	"'professions',json((SELECT json_group_array(profession_id) FROM activity_profession"
	" WHERE activity_id = activity.id))) FROM activity WHERE id = ?";

KRECORD_FREE_FUNCS(activity_rec, kr_activity, activity_free, activity_rows_free, act_free_v)

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

static int act_read(sqlite3_stmt *st, void *row)
{
	activity_rec *a = row;
	if (krecord_read_row(&kr_activity, st, a))
		return -1;
	a->n_competences = parse_ids(sqlite3_column_text(st, ACT_LINKS), a->competence_ids, 8);
	a->n_professions = parse_ids(sqlite3_column_text(st, ACT_LINKS + 1), a->profession_ids, 16);
	return 0;
}

kcode activity_list(kdb *db, const kactor *who, const kpage *pg, activity_rec **rows, int *n, kerr *e)
{
	(void)who; /* the catalogue is open to everyone */
	*rows = NULL;
	*n = 0;
	char *fold;
	const char *key;
	int64_t id;
	if (db_page_begin(pg, &fold, &key, &id, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db, pg->backward ? SQL_ACT_BACK : SQL_ACT_FWD, e);
	kcode c = st ? db_bind(db, st, e, KV_TEXT(fold), KV_INT(pg->include_inactive), KV_TEXT(key), KV_INT(id),
			       KV_INT(db_page_limit(pg))) : e->code;
	free(fold);
	return db_page_bound(db, st, c, pg, sizeof **rows, act_read, act_free_v, (void **)rows, n, e);
}

kcode activity_get(kdb *db, const kactor *who, int64_t id, activity_rec *out, kerr *e)
{
	(void)who;
	return db_get_row(db, SQL_ACT_GET, id, act_read, out, sizeof *out, _("No such activity."), e);
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
	return kerr_field(e, KE_INVALID, "method", _("Unknown method '%s'; choose one of: %s."), code, list);
}

static kcode act_validate(const activity_rec *a, kerr *e)
{
	if (krecord_check(&kr_activity, a, e) || check_method(a->method, e))
		return e->code;
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

static const char SQL_ACT_UPDATE[] = "UPDATE activity SET " ACTIVITY_FIELDS(KF_SET, ",")
	", sort_key=?, fold=?, version=version+1 WHERE id=? AND version=?";
static const char SQL_ACT_INSERT[] = "INSERT INTO activity(" ACTIVITY_FIELDS(KF_COL, ",") ", sort_key, fold)"
	" VALUES (" ACTIVITY_FIELDS(KF_Q, ",") ", ?, ?)";

/* The row itself; an update that hit no row (stale version) is a conflict. */
static kcode act_write_row(kdb *db, const activity_rec *a, const char *key, const char *fold,
			   int64_t *id, kerr *e)
{
	activity_rec row = *a; /* a new activity starts active */
	row.active = a->id ? a->active != 0 : 1;
	row.cross_prof = a->cross_prof != 0;
	sqlite3_stmt *st = db_stmt(db, a->id ? SQL_ACT_UPDATE : SQL_ACT_INSERT, e);
	if (!st || db_bind_record(db, st, e, &kr_activity, &row, KV_TEXT(key), KV_TEXT(fold), KV_INT(a->id), KV_INT(a->version)) ||
	    db_exec_stmt(db, st, e))
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

/* The session table's columns, described once (db_internal.h: KF_*), in
 * the order the audit has always listed them. */
#define SESSION_FIELDS(X, S) \
	X(activity_id, KF_REF, N_("Activity"), 0, 0, 0, KF_REQUIRED, "activity", I64, "activity_id", "aktivitet") S \
	X(starts, KF_DATE, N_("Starts"), 10, 0, 0, KF_REQUIRED, NULL, BUF, "starts", "starter", "start") S \
	X(ends, KF_DATE, N_("Ends"), 10, 0, 0, KF_REQUIRED, NULL, BUF, "ends", "slutter", "slut") S \
	X(place, KF_TEXT, N_("Place"), 160, 0, 0, 0, NULL, STR, "place", "sted") S \
	X(capacity, KF_INT, N_("Capacity"), 0, 1, 10000, 0, NULL, INT, "capacity", "pladser") S \
	X(signup_deadline, KF_DATE, N_("Sign-up deadline"), 10, 0, 0, KF_NULL0, NULL, BUF, "signup_deadline", \
	  "tilmeldingsfrist")

#define SES_KF(...) KF_ENTRY(session_rec, __VA_ARGS__)
#define SES_SEL(...) KF_SEL("s", __VA_ARGS__)
#define SES_VIEW(col, label, store) \
	{ #col, KF_INT, label, 0, 0, 0, KF_VIEW | KF_NOFORM, NULL, NULL, store, offsetof(session_rec, col), 0 }

static const kfield session_fields[] = {
	SESSION_FIELDS(SES_KF, )
	{ "activity_title", KF_TEXT, N_("Activity"), 160, 0, 0, KF_VIEW, NULL, NULL, KS_STR,
	  offsetof(session_rec, activity_title), 0 },
	SES_VIEW(taken, N_("Seats taken"), KS_INT),
	SES_VIEW(waiting, N_("Waiting"), KS_INT),
	SES_VIEW(requested, N_("Requested"), KS_INT),
};
const krecord kr_session = { "session", session_fields, sizeof session_fields / sizeof *session_fields,
			     sizeof(session_rec) };

/* id and version, then the fields in the order of session_fields. */
#define SES_COLS "s.id, s.version" SESSION_FIELDS(SES_SEL, ) ", a.title," \
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
#define SES_PAGE(ONE, CMP, DESC) "SELECT " SES_COLS SES_LIST_WHERE ONE \
	" AND (s.starts, s.id) " CMP " (?4, ?5) ORDER BY s.starts" DESC ", s.id" DESC " LIMIT ?6"

static const char SQL_SES_FWD[] = SES_PAGE("", ">", "");
static const char SQL_SES_BACK[] = SES_PAGE("", "<", " DESC");
/* one activity's sessions along session_activity; "?1 = 0 OR"
 * hides the equality, and the planner walks every session by date. */
static const char SQL_SES_ACT_FWD[] = SES_PAGE(" AND s.activity_id = ?1", ">", "");
static const char SQL_SES_ACT_BACK[] = SES_PAGE(" AND s.activity_id = ?1", "<", " DESC");
static const char SQL_SES_GET[] = "SELECT " SES_COLS
	" FROM session s JOIN activity a ON a.id = s.activity_id WHERE s.id = ?";
static const char SQL_SES_JSON[] = "SELECT json_object(" SESSION_FIELDS(KF_JSON, ",") ")"
	" FROM session WHERE id = ?";

KRECORD_FREE_FUNCS(session_rec, kr_session, session_free, session_rows_free, ses_free_v)
static int ses_read(sqlite3_stmt *st, void *row) { return krecord_read_row(&kr_session, st, row); }

kcode session_list(kdb *db, const kactor *who, const kpage *pg, session_rec **rows, int *n, kerr *e)
{
	(void)who;
	*rows = NULL;
	*n = 0;
	char *fold;
	const char *key;
	int64_t id;
	if (db_page_begin(pg, &fold, &key, &id, e))
		return e->code;
	sqlite3_stmt *st = db_stmt(db, pg->parent_id ? (pg->backward ? SQL_SES_ACT_BACK : SQL_SES_ACT_FWD)
				       : pg->backward ? SQL_SES_BACK : SQL_SES_FWD, e);
	kcode c = st ? db_bind_prefix(db, st, e, KV_INT(pg->parent_id), KV_INT(pg->parent_id ? 0 : pg->year),
			       KV_TEXT(fold), KV_TEXT(key), KV_INT(id), KV_INT(db_page_limit(pg))) : e->code;
	free(fold);
	return db_page_bound(db, st, c, pg, sizeof **rows, ses_read, ses_free_v, (void **)rows, n, e);
}

kcode session_get(kdb *db, const kactor *who, int64_t id, session_rec *out, kerr *e)
{
	(void)who;
	return db_get_row(db, SQL_SES_GET, id, ses_read, out, sizeof *out, _("No such session."), e);
}

static kcode ses_validate(const session_rec *s, kerr *e)
{
	if (krecord_check(&kr_session, s, e))
		return e->code;
	if (strcmp(s->ends, s->starts) < 0)
		return kerr_field(e, KE_INVALID, "ends", "%s", _("The session ends before it starts."));
	if (s->signup_deadline[0] && strcmp(s->signup_deadline, s->starts) > 0)
		return kerr_field(e, KE_INVALID, "signup_deadline", "%s", _("The sign-up deadline is after the session starts."));
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
		return kerr_field(e, KE_INVALID, "activity_id", "%s", _("The chosen activity does not exist."));
	if (!s->id)
		return KE_OK;
	if (db_scalar(db, "SELECT count(*) FROM participation WHERE session_id = ?"
			  " AND status IN ('enrolled','completed')", s->id, taken, e))
		return e->code;
	if (s->capacity < *taken)
		return kerr_field(e, KE_STATE, "capacity", _("%d people already have seats; capacity cannot be lower."),
				(int)*taken);
	return KE_OK;
}

static const char SQL_SES_UPDATE[] = "UPDATE session SET " SESSION_FIELDS(KF_SET, ",")
	", version=version+1 WHERE id=? AND version=?";
static const char SQL_SES_INSERT[] = "INSERT INTO session(" SESSION_FIELDS(KF_COL, ",") ")"
	" VALUES (" SESSION_FIELDS(KF_Q, ",") ")";

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
	if (!c && !(st = db_stmt(db, s->id ? SQL_SES_UPDATE : SQL_SES_INSERT, e)))
		c = e->code;
	if (!c)
		c = db_bind_record(db, st, e, &kr_session, s, KV_INT(s->id), KV_INT(s->version));
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

kcode session_insert(kdb *db, const kactor *who, const session_rec *s, int64_t *id, kerr *e)
{
	*id = 0;
	if (ses_validate(s, e))
		return e->code;
	int64_t taken = 0;
	char *new_ = NULL;
	sqlite3_stmt *st = NULL;
	kcode c = ses_check_seats(db, s, &taken, e);
	if (!c && !(st = db_stmt(db, SQL_SES_INSERT, e)))
		c = e->code;
	if (!c)
		c = db_bind_record(db, st, e, &kr_session, s, KV_INT(0), KV_INT(0));
	if (!c)
		c = db_exec_stmt(db, st, e);
	if (!c)
		*id = db_last_id(db);
	if (!c)
		c = db_row_json(db, SQL_SES_JSON, *id, &new_, e);
	if (!c)
		c = db_audit(db, who, "session", *id, "create", NULL, new_, e);
	free(new_);
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
