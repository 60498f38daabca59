/* ui_export.h — files out of and into kup from the screen: the plan printed
 * for the MUS meeting (key p on a plan), what kup stores about a person
 * (key x on one's own row in the staff pane), a session's days as a calendar file
 * (key L on a participation or a session) and the HR import (key i in the
 * admin list). Each asks in a small form, then writes or reads the file as
 * the user (userfile.h, userread.h). */
#ifndef KUP_UI_EXPORT_H
#define KUP_UI_EXPORT_H

#include <stdint.h>
#include "ui_view.h"

/* Action ids for the hooks in other views' tables: clear of their own and
 * of the cycle steps' A_VIEW + 60.. (ui_cycle.h). */
#define A_PRINT_PLAN (A_VIEW + 90)
#define A_IMPORT (A_VIEW + 91)
#define A_CALENDAR (A_VIEW + 92)

/* The print row of the views that show a plan, written once. */
#define ACTION_PRINT_PLAN \
	{ A_PRINT_PLAN, N_("Print"), N_("Write the plan for the MUS meeting to a file (HTML, Markdown, text)"), { 'p' }, 0 }

/* The calendar row of the views that show sessions and participations,
 * written once so the key is the same in each ("L": kaLender; k and K are
 * taken by moving up and by the follow-up's colleagues). */
#define ACTION_CALENDAR \
	{ A_CALENDAR, N_("Calendar"), N_("Write the session's days to a calendar file (.ics) for Outlook or a phone"), { 'L' }, 1 }

/* Ask for the path (default ~/kalender-<login>-<session>.ics) and write one
 * session as a calendar file: participation part_id (refused on the
 * message line when it holds no seat), or session session_id (with the
 * acting person's seat on it when they hold one). */
void ui_calendar_part(int64_t part_id);
void ui_calendar_session(int64_t session_id);

/* Asks for the format and the path (default ~/plan-<login>-<year>.html)
 * and writes the plan; the result is shown on the message line. */
void ui_print_plan(int64_t plan_id);
/* Asks for the format and the path (default ~/kup-data-<login>.html) and
 * writes everything kup stores about staff member staff_id (an admin's
 * for anyone, everybody else their own: the data layer refuses others). */
void ui_privacy_export(int64_t staff_id);
/* Admins: asks for the file, what it holds and whether to try first; shows
 * what was done, or every problem, in a list of its own. Returns what must
 * follow (UI_RELOAD_ALL once the file was read without error). */
int ui_import(void);

#endif
