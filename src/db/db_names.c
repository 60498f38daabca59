/* db_names.c — the stored status codes of goals, plans and participations
 * in the reader's language; see db_names.h. */
#include "db_names.h"
#include "i18n.h"

#include <string.h>

const char *const goal_statuses[] = { "open", "in_progress", "done", "dropped", NULL };

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
