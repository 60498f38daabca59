/* ui_view_plan.h — pane 2, Planer, and the goals of one plan
 * (ui_view_plan.c). Views are owned by the shell once pushed. */
#ifndef KUP_UI_VIEW_PLAN_H
#define KUP_UI_VIEW_PLAN_H

#include "ui_shell.h"

view *view_plans_new(void);
view *view_goals_new(int64_t plan_id);
/* Reopens a plan or goal form for a draft chosen at the start. */
int view_plan_resume(const char *form, int64_t id);
/* Opens plan_id's goals on top of the current pane. */
void view_plan_open(int64_t plan_id);
/* A person's plan for the year, offering to create it (leaders, admins);
 * returns what must follow (UI_RELOAD_ALL once a plan was created). */
int view_plan_open_of(int64_t staff_id, int year);
/* Plan plan_id as a detail pane shows it: its state and its goals; brief
 * (the overview) leaves out notes, evaluation, the changes since it was
 * agreed and the goals' competence areas. */
void view_plan_detail(WINDOW *w, int h, int wd, int64_t plan_id, int brief);

/* The kinds of view here, for `kup help --keys`. */
extern const view_kind view_plan_kinds[];

#endif
