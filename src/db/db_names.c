/* db_names.c — the stored codes and columns of records in the reader's
 * language; see db_names.h. */
#include "db_names.h"
#include "db.h"
#include "db_activity.h"
#include "db_fields.h"
#include "i18n.h"

#include <string.h>

const char *const goal_statuses[] = { "open", "in_progress", "done", "dropped", NULL };
const char *const unit_kinds[] = { "area", "institution", "team", NULL };

const char *goal_status_name(const char *c)
{
	if (!strcmp(c, "open")) return _("open");
	if (!strcmp(c, "in_progress")) return _("in progress");
	if (!strcmp(c, "done")) return _("done");
	if (!strcmp(c, "dropped")) return _("dropped");
	return c;
}

const char *plan_status_name(const char *c)
{
	if (!strcmp(c, "draft")) return _("draft");
	if (!strcmp(c, "agreed")) return _("agreed");
	if (!strcmp(c, "evaluated")) return _("evaluated");
	return c;
}

const char *part_status_name(const char *c)
{
	if (!strcmp(c, "requested")) return _("requested");
	if (!strcmp(c, "approved")) return _("approved");
	if (!strcmp(c, "rejected")) return _("rejected");
	if (!strcmp(c, "enrolled")) return _("enrolled");
	if (!strcmp(c, "waitlisted")) return _("waiting list");
	if (!strcmp(c, "completed")) return _("completed");
	if (!strcmp(c, "cancelled")) return _("cancelled");
	if (!strcmp(c, "noshow")) return _("no-show");
	return c;
}

const char *unit_kind_name(const char *c)
{
	if (!strcmp(c, "area")) return _("area");
	if (!strcmp(c, "institution")) return _("institution");
	if (!strcmp(c, "team")) return _("team");
	return c;
}

const char *ask_state_name(const char *c)
{
	if (!strcmp(c, "asked")) return _("asked");
	if (!strcmp(c, "answered")) return _("answered");
	if (!strcmp(c, "declined")) return _("declined");
	return c;
}

static const char *setting_name(const char *c)
{
	if (!strcmp(c, "escalate_weeks")) return _("Escalate to the leader's leader after (weeks)");
	if (!strcmp(c, "colleague_weeks")) return _("Colleagues answer within (weeks)");
	if (!strcmp(c, "close_weeks")) return _("Leader closes a written follow-up within (weeks)");
	return c;
}

/* The tables whose columns are described (db_fields.h). */
static const krecord *const described[] = { &kr_staff, &kr_activity, &kr_session, &kr_unit };

/* The columns the audit keeps of the tables without a description, and the
 * few a description leaves out (the activity's links). A column named in
 * an audit's json_object must be here or in its table's description:
 * tests/lint/i18n.sh checks. */
static const struct { const char *col, *label; } labels[] = {
	{ "name", N_("Name") }, { "login", N_("Login") }, { "unit_id", N_("Unit") },
	{ "role", N_("Role") }, { "title", N_("Title") }, { "staff_id", N_("Person") },
	{ "year", N_("Year") }, { "status", N_("Status") }, { "mus_date", N_("MUS date") },
	{ "notes", N_("Notes") }, { "agreed_by", N_("Agreed by") }, { "agreed_at", N_("Agreed on") },
	{ "accepted_at", N_("Accepted") }, { "evaluation", N_("Evaluation") },
	{ "evaluated_by", N_("Evaluated by") }, { "evaluated_at", N_("Evaluated on") },
	{ "plan_id", N_("Plan") }, { "what", N_("Goal") }, { "why", N_("Why") },
	{ "criteria", N_("Success criteria") }, { "deadline", N_("Deadline") }, { "result", N_("Result") },
	{ "competence_id", N_("Competence area") }, { "focus_id", N_("Focus area") },
	{ "carried_from", N_("Carried over from") }, { "pos", N_("Position") },
	{ "kind", N_("Kind") }, { "description", N_("Description") }, { "method", N_("Method") },
	{ "hours", N_("Hours") }, { "session_id", N_("Session") }, { "activity_id", N_("Activity") },
	{ "goal_id", N_("Goal") }, { "decided_by", N_("Decided by") }, { "decided_at", N_("Decided on") },
	{ "note", N_("Note") }, { "reason", N_("Reason") }, { "wait_pos", N_("Waiting-list place") },
	{ "price", N_("Price") }, { "participation_id", N_("Participation") }, { "due", N_("Due") },
	{ "learned", N_("What was learned") }, { "practice", N_("Use in practice") },
	{ "shared_with", N_("Shared with") }, { "leader_comment", N_("Leader's comment") },
	{ "done_at", N_("Closed") }, { "done_by", N_("Closed by") }, { "shared_via", N_("Shared in session") },
	{ "written_at", N_("Written") }, { "action", N_("Into practice") },
	{ "action_date", N_("Into practice from") }, { "followup_id", N_("Follow-up") },
	{ "state", N_("State") }, { "seen", N_("What you have seen") }, { "own_use", N_("How you use it") },
	{ "wants_more", N_("Wants to learn more") }, { "asked_by", N_("Asked by") },
	{ "answered_at", N_("Answered") }, { "since", N_("Since") }, { "until", N_("Until") },
	{ "code", N_("Code") }, { "name_da", N_("Danish name") }, { "name_en", N_("English name") },
	{ "active", N_("Active") }, { "amount", N_("Budget") }, { "weeks", N_("Weeks") },
	{ "key", N_("Setting") }, { "competences", N_("Competence areas") },
	{ "erased", N_("Erased under the rule") }, { "professions", N_("Professions") }, { "staff", N_("Staff") },
};

const char *column_label(const char *tbl, const char *col)
{
	for (size_t i = 0; tbl && i < sizeof described / sizeof *described; i++) {
		if (strcmp(described[i]->table, tbl))
			continue;
		const kfield *f = krecord_field(described[i], col);
		if (f)
			return _(f->label);
	}
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (!strcmp(labels[i].col, col))
			return _(labels[i].label);
	return col;
}

static int is(const char *a, const char *b)
{
	return a && !strcmp(a, b);
}

const char *column_value_name(const char *tbl, const char *col, const char *v)
{
	krole r;
	if (!v || !*v)
		return v;
	if (!strcmp(col, "status"))
		return is(tbl, "plan") ? plan_status_name(v) : is(tbl, "goal") ? goal_status_name(v)
		       : is(tbl, "participation") ? part_status_name(v) : v;
	if (!strcmp(col, "role") && !role_parse(v, &r))
		return role_name(r);
	if (!strcmp(col, "method"))
		return method_name(v);
	if (!strcmp(col, "kind") && is(tbl, "unit"))
		return unit_kind_name(v);
	if (!strcmp(col, "state") && is(tbl, "followup_colleague"))
		return ask_state_name(v);
	if (!strcmp(col, "key") && is(tbl, "followup_setting"))
		return setting_name(v);
	if (!strcmp(col, "active") || !strcmp(col, "cross_prof") || !strcmp(col, "wants_more"))
		return !strcmp(v, "1") ? _("yes") : !strcmp(v, "0") ? _("no") : v;
	return v;
}
