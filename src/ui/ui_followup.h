/* ui_followup.h — the follow-up after a completed participation on screen:
 * its state in words, the form where the person writes their part and the
 * leader closes it with an action into practice, the dialog that names
 * colleagues on it, and starting a peer-training session from it. Every
 * view that shows follow-ups uses these (through ui_cycle.h). Each asks
 * what it needs, calls the data layer and says on the message line what
 * happened and what comes next. Nothing returned is allocated. */
#ifndef KUP_UI_FOLLOWUP_H
#define KUP_UI_FOLLOWUP_H

#include "ui_view.h"

/* The follow-up form: the person's part, the colleagues' parts (read
 * only), the leader's comment and action into practice, closing. Ctrl-T
 * names colleagues, Ctrl-P starts a peer-training session (leaders).
 * UI_RELOAD_ALL when something was saved, else UI_NOTHING. */
int cycle_followup_edit(int64_t followup_id);
/* The colleagues' parts of a follow-up in a small dialog: n names a
 * colleague (a pick list of active staff), d takes back a part not yet
 * answered. UI_RELOAD_ALL when something changed, else UI_NOTHING. */
int cycle_followup_colleagues(int64_t followup_id);
/* Starts a peer-training or network session from the follow-up (the
 * person's leader or an admin). UI_RELOAD_ALL when started. */
int cycle_followup_session(int64_t followup_id);
/* Whether the acting person may start a session from followup_id (their
 * leader or an admin, on a follow-up they see). */
int cycle_followup_session_allowed(int64_t followup_id);

/* Follow-up state in words and style for lists and details, from its state
 * ("due", "written", "closed"), the day its waiting step falls due and the
 * day it was closed: "due 13-01-2027", "OVERDUE since 13-01-2027",
 * "written, to close by 27-01-2027", "written, closing overdue since
 * 27-01-2027", "closed 20-01-2027". */
void cycle_fu_state(const char *state, const char *step_due, const char *done_at, char *buf, size_t size,
		    int *style);

/* The colleagues' parts of followup_id as lines ("Name: answered
 * 05-01-2027 …"), '\n' between them, into buf; "" when none is named. */
void cycle_fu_colleague_lines(int64_t followup_id, char *buf, size_t size);

/* A person's open follow-ups (overdue ones marked) from row y on, for the
 * person's detail; returns the next row. */
int cycle_person_followups(WINDOW *w, int y, int h, int wd, int64_t staff_id);

/* The colleague parts staff_id is asked to write (the person themself or
 * an admin), from row y on; returns the next row. */
int cycle_person_colleague_parts(WINDOW *w, int y, int h, int wd, int64_t staff_id);
/* A pick list of those parts; opens the one chosen (colleague_part_edit).
 * UI_RELOAD_ALL when something was saved. */
int cycle_colleague_parts_open(int64_t staff_id);

#endif
