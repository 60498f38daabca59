/* ui_cycle.h — the yearly cycle's steps as the screens take them, shared by
 * every view that shows plans, participations or follow-ups (Overblik, the
 * plans, a plan's goals, a session's participants, a person's activities):
 * agree, accept, evaluate (after a question saying what closes), reopen
 * and carry over a plan; approve, reject, complete,
 * mark no-show, cancel and price a participation; open a participation's
 * follow-up, name its colleagues, start a session from it (ui_followup.h). Each
 * asks what it needs (a question, a small form), calls the data layer and
 * says on the message line what happened. The data layer decides; the
 * *_allowed functions only keep keys that cannot work out of the key bar.
 * Nothing returned is allocated. */
#ifndef KUP_UI_CYCLE_H
#define KUP_UI_CYCLE_H

#include "ui_followup.h"
#include "ui_view.h"

/* Action ids of these steps, the same in every view's table, so one
 * allowed() answer and one help line serve them all. */
enum {
	A_AGREE = A_VIEW + 60, A_ACCEPT, A_EVALUATE, A_CARRY, A_REOPEN,
	A_APPROVE, A_REJECT, A_COMPLETE, A_NOSHOW, A_CANCEL, A_PRICE, A_FOLLOWUP,
	A_FU_COLLEAGUES, A_FU_SESSION,
	A_CYCLE_END
};

/* The rows of the steps in the views' action tables, written once: each
 * view lists the ones it offers, in its own key-bar order. */
#define CYCLE_ACTION_AGREE \
	{ A_AGREE, N_("Agree"), N_("Agree the plan (the person's leader)"), { 'A' }, 1 }
#define CYCLE_ACTION_ACCEPT \
	{ A_ACCEPT, N_("Accept"), N_("Accept your agreed plan"), { 'V' }, 1 }
#define CYCLE_ACTION_EVALUATE \
	{ A_EVALUATE, N_("Evaluate"), N_("Write the evaluation and close the plan"), { 'E' }, 1 }
#define CYCLE_ACTION_CARRY \
	{ A_CARRY, N_("Next year"), N_("Start next year's plan from this one, unfinished goals carried over"), { 'c' }, 1 }
#define CYCLE_ACTION_REOPEN \
	{ A_REOPEN, N_("Reopen"), N_("Reopen an evaluated plan: agreed again, its evaluation kept (the person's leader)"), { 'R' }, 1 }
#define CYCLE_ACTION_APPROVE \
	{ A_APPROVE, N_("Approve"), N_("Approve the request (a seat, else the waiting list)"), { 'o' }, 1 }
#define CYCLE_ACTION_REJECT \
	{ A_REJECT, N_("Reject"), N_("Reject the request, giving a reason"), { 'x' }, 1 }
#define CYCLE_ACTION_COMPLETE \
	{ A_COMPLETE, N_("Completed"), N_("Mark the participation completed (a follow-up is made)"), { 'f' }, 1 }
#define CYCLE_ACTION_NOSHOW \
	{ A_NOSHOW, N_("No-show"), N_("Record that the person did not turn up"), { 'u' }, 1 }
#define CYCLE_ACTION_CANCEL \
	{ A_CANCEL, N_("Cancel"), N_("Cancel the place (the first on the waiting list moves up)"), { 'd' }, 1 }
#define CYCLE_ACTION_PRICE \
	{ A_PRICE, N_("Price"), N_("Change the price of this participation"), { 'p' }, 1 }

#define CYCLE_ACTION_FU_COLLEAGUES \
	{ A_FU_COLLEAGUES, N_("Colleagues"), N_("Name colleagues on the follow-up, or take one back; each writes their part"), { 'K' }, 1 }
#define CYCLE_ACTION_FU_SESSION \
	{ A_FU_SESSION, N_("Peer session"), N_("Start a peer-training or network session from the follow-up (the leader)"), { 'S' }, 1 }

#define A_IS_PLAN_STEP(a) ((a) >= A_AGREE && (a) <= A_REOPEN)
#define A_IS_PART_STEP(a) ((a) >= A_APPROVE && (a) <= A_FU_SESSION)

/* Whether the step can apply to plan plan_id / participation part_id now. */
int cycle_plan_allowed(int action, int64_t plan_id);
int cycle_part_allowed(int action, int64_t part_id);
/* Why a step cycle_*_allowed refused cannot run now when the reason is the
 * record's state and not the person's role (a session still to come
 * cannot be completed); NULL otherwise. Translated; valid until the next
 * call. */
const char *cycle_part_why_not(int action, int64_t part_id);
/* Runs the step; returns what must follow (UI_RELOAD_ALL when something
 * changed, else UI_NOTHING). A carry-over opens next year's plan in the
 * current pane. */
int cycle_plan_act(int action, int64_t plan_id);
int cycle_part_act(int action, int64_t part_id);
/* Reopens the form of a step (evaluate, approve, reject, price) named form
 * for record id, to restore a draft chosen at the start: 1 when it knows
 * the name (a live_resume_fn). */
int cycle_resume(const char *form, int64_t id);
/* Whether the acting person decides on staff_id's plans and
 * participations: admins on everyone's, leaders on others' (a leader's own
 * are decided by the leader above). */
int cycle_leads(int64_t staff_id);

/* What the steps open in the views' layer above (a carry-over opens next
 * year's plan); set once by the top, lives as long as the front end. */
typedef struct cycle_hooks {
	void (*open_plan)(int64_t plan_id);
} cycle_hooks;
void cycle_set_hooks(const cycle_hooks *h);

/* Changes after the plan was agreed, for the screens: whether goal_id was
 * changed or added since; the lines saying so (what, when, by whom) for a
 * goal's and a plan's detail from row y on, returning the next row. */
int cycle_goal_changed(int64_t goal_id);
int cycle_goal_changes(WINDOW *w, int y, int h, int wd, int64_t goal_id);
int cycle_plan_changes(WINDOW *w, int y, int h, int wd, int64_t plan_id);

/* Forgets the records kept for the key bar (when a view closes). */
void cycle_forget(void);

#endif
