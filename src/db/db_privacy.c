/* db_privacy.c — the personal-data map (db_privacy.h). A column counts as
 * personal data when it names or identifies someone, or holds what was
 * written about or by them; ids, references to other rows, states, amounts
 * and the days a step was taken are not, so that with the person's own row
 * anonymised the numbers still add up. References to a staff row that
 * name who acted (agreed_by, decided_by, ...) are not personal on their
 * own: what identifies the person is the staff row they point to. */
#include "db_privacy.h"
#include "db_internal.h"
#include "i18n.h"

#include <string.h>

/* The ids and the whole rows of table T that WHERE selects. */
#define PM_SQL(T, WHERE) "SELECT rowid FROM " T " WHERE " WHERE " ORDER BY rowid", \
	"SELECT * FROM " T " WHERE " WHERE " ORDER BY rowid"
#define COLS(...) (const char *const[]){ __VA_ARGS__, NULL }
#define NONE ((const char *const[]){ NULL })

/* The person's own participations, and the follow-ups of them. */
#define OWN_PARTS "(SELECT id FROM participation WHERE staff_id = ?1)"
#define OWN_FOLLOWUPS "(SELECT id FROM followup WHERE participation_id IN " OWN_PARTS ")"

static const kprivacy_table map[] = {
	{ "staff", N_("the person's own record"), PM_SQL("staff", "id = ?1"), &kr_staff,
	  COLS("sort_key", "fold"), COLS("id", "version"), 0 },
	{ "staff_search", N_("the search text of the person's record (same id)"),
	  PM_SQL("staff_search", "rowid = ?1"), NULL, COLS("fold"), NONE, 0 },
	/* contentless: it can be neither scanned nor read back, only
	 * written; its rows have the staff ids */
	{ "staff_words", N_("the word index of the person's record (same id; holds no readable text)"),
	  "SELECT id FROM staff WHERE id = ?1", NULL, NULL, COLS("fold"), NONE, 0 },
	{ "unit_leader", N_("the units the person leads or led"), PM_SQL("unit_leader", "staff_id = ?1"), NULL,
	  NONE, COLS("id", "unit_id", "staff_id", "since", "until", "version"), 0 },
	{ "plan", N_("the person's development plans"), PM_SQL("plan", "staff_id = ?1"), NULL,
	  COLS("notes", "evaluation"),
	  COLS("id", "staff_id", "year", "status", "mus_date", "agreed_by", "agreed_at", "accepted_at",
	       "evaluated_by", "evaluated_at", "created_at", "version"), 0 },
	{ "goal", N_("the goals of the person's plans"),
	  PM_SQL("goal", "plan_id IN (SELECT id FROM plan WHERE staff_id = ?1)"), NULL,
	  COLS("what", "why", "criteria", "result"),
	  COLS("id", "plan_id", "pos", "competence_id", "focus_id", "deadline", "status", "carried_from",
	       "version"), 0 },
	{ "participation", N_("the person's requests for and places on courses"),
	  PM_SQL("participation", "staff_id = ?1"), NULL, COLS("note", "reason"),
	  COLS("id", "staff_id", "session_id", "goal_id", "status", "requested_at", "decided_by", "decided_at",
	       "wait_pos", "price", "version"), 0 },
	{ "followup", N_("the follow-ups of the person's courses"),
	  PM_SQL("followup", "participation_id IN " OWN_PARTS), NULL,
	  COLS("learned", "practice", "shared_with", "leader_comment", "action"),
	  COLS("id", "participation_id", "due", "done_at", "done_by", "version", "shared_via", "written_at",
	       "action_date"), 0 },
	{ "followup_colleague", N_("the parts the person wrote on colleagues' follow-ups, and the parts "
				   "colleagues wrote on the person's"),
	  PM_SQL("followup_colleague", "staff_id = ?1 OR followup_id IN " OWN_FOLLOWUPS), NULL,
	  COLS("seen", "own_use", "reason"),
	  COLS("id", "followup_id", "staff_id", "state", "due", "wants_more", "asked_by", "asked_at",
	       "answered_at", "version"), 0 },
	{ "form_draft", N_("the drafts of forms the person left open"), PM_SQL("form_draft", "login = ?2"), NULL,
	  COLS("login", "title", "data"), COLS("form", "record_id", "saved_at", "version", "scope"), 0 },
	/* Made by a later schema step than some databases have: who opened
	 * whose plan. The rows about the person, and those where they were
	 * the reader (their login is kept as it was). */
	{ "access_log", N_("who opened the person's plan, goals, evaluation or follow-ups, and whose the person opened"),
	  PM_SQL("access_log", "subject_id = ?1 OR reader_id = ?1 OR reader = ?2"), NULL, COLS("reader"),
	  COLS("id", "at", "reader_id", "subject_id", "what"), KP_OPTIONAL },
	{ "audit", N_("the changes the person made, and the changes to the person's records"),
	  PM_SQL("audit", "login = ?2"), NULL, COLS("login", "old", "new"),
	  COLS("id", "at", "tbl", "row_id", "action"), KP_AUDIT },
	/* Nothing about a person. */
	{ "audit_redaction", N_("nothing about a person (the audit rows an erasure redacts, empty between transactions)"),
	  NULL, NULL, NULL, NONE, COLS("audit_id"), 0 },
	{ "unit", N_("nothing about a person"), NULL, NULL, &kr_unit, NONE, COLS("id", "sort_key", "version"), 0 },
	{ "profession", N_("nothing about a person"), NULL, NULL, NULL, NONE,
	  COLS("id", "name", "sort_key", "version"), 0 },
	{ "competence_area", N_("nothing about a person"), NULL, NULL, NULL, NONE,
	  COLS("id", "code", "name_da", "name_en", "pos", "active", "version"), 0 },
	{ "focus_area", N_("nothing about a person"), NULL, NULL, NULL, NONE,
	  COLS("id", "year", "title", "description", "version"), 0 },
	{ "activity", N_("nothing about a person"), NULL, NULL, &kr_activity, NONE,
	  COLS("id", "sort_key", "fold", "version"), 0 },
	{ "activity_competence", N_("nothing about a person"), NULL, NULL, NULL, NONE,
	  COLS("activity_id", "competence_id"), 0 },
	{ "activity_profession", N_("nothing about a person"), NULL, NULL, NULL, NONE,
	  COLS("activity_id", "profession_id"), 0 },
	{ "session", N_("nothing about a person"), NULL, NULL, &kr_session, NONE, COLS("id", "version"), 0 },
	{ "budget", N_("nothing about a person"), NULL, NULL, NULL, NONE,
	  COLS("unit_id", "year", "amount", "version"), 0 },
	{ "method_followup", N_("nothing about a person"), NULL, NULL, NULL, NONE,
	  COLS("method", "weeks", "version"), 0 },
	{ "followup_setting", N_("nothing about a person"), NULL, NULL, NULL, NONE,
	  COLS("key", "weeks", "version"), 0 },
};

#define NMAP ((int)(sizeof map / sizeof *map))

const kprivacy_table *privacy_tables(int *n)
{
	*n = NMAP;
	return map;
}

const kprivacy_table *privacy_table(const char *table)
{
	for (int i = 0; i < NMAP; i++)
		if (!strcmp(map[i].table, table))
			return &map[i];
	return NULL;
}

static int listed(const char *const *cols, const char *col)
{
	for (; cols && *cols; cols++)
		if (!strcmp(*cols, col))
			return 1;
	return 0;
}

int privacy_column_personal(const kprivacy_table *t, const char *col)
{
	const kfield *f = t->record ? krecord_field(t->record, col) : NULL;
	if (f && !(f->flags & KF_VIEW))
		return (f->flags & KF_PERSONAL) != 0;
	if (listed(t->personal, col))
		return 1;
	if (listed(t->other, col))
		return 0;
	return -1;
}

int privacy_table_exists(kdb *db, const char *table, kerr *e)
{
	int64_t n = 0;
	sqlite3_stmt *st = db_stmt(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1", e);
	kcode c = st ? db_bind(db, st, e, KV_TEXT(table)) : e->code;
	if (db_row_read(db, st, c, db_read_int64, &n, NULL, e))
		return -1;
	return n > 0;
}
