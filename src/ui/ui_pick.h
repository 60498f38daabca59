/* ui_pick.h — the choices offered by choice fields in forms: units,
 * professions, roles, competence and focus areas, methods, goal statuses,
 * persons, sessions, peer-training activities and a person's goals. Each fills `out` with at most max
 * matches for the typed filter (ctx as noted) and returns the count, or -1. */
#ifndef KUP_UI_PICK_H
#define KUP_UI_PICK_H

#include "ui_form.h"
#include "db_names.h"

int pick_unit(void *ctx, const char *filter, fchoice *out, int max);
int pick_profession(void *ctx, const char *filter, fchoice *out, int max);
int pick_role(void *ctx, const char *filter, fchoice *out, int max);
int pick_competence(void *ctx, const char *filter, fchoice *out, int max);
int pick_focus(void *ctx, const char *filter, fchoice *out, int max);      /* app->year */
int pick_method(void *ctx, const char *filter, fchoice *out, int max);     /* id = index+1 */
int pick_goal_status(void *ctx, const char *filter, fchoice *out, int max);/* id = index+1 */
int pick_staff(void *ctx, const char *filter, fchoice *out, int max);
int pick_session(void *ctx, const char *filter, fchoice *out, int max);    /* app->year on */
/* Active activities whose method is peer training or a network. */
int pick_peer_activity(void *ctx, const char *filter, fchoice *out, int max);
int pick_goal(void *ctx, const char *filter, fchoice *out, int max);       /* ctx: int64_t *staff_id */

/* Choices from a fixed NULL-ended list of codes, each shown as name(code);
 * id = index + 1. */
int pick_codes(const char *const *codes, const char *(*name)(const char *), const char *filter,
	       fchoice *out, int max);
/* 1 if the folded label holds the folded filter (accent- and case-blind). */
int pick_matches(const char *label, const char *filter);


#endif
