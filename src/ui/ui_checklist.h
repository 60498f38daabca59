/* ui_checklist.h — a pop-up list of checkboxes, for choosing several of a
 * short register at once (an activity's competence areas and target
 * professions): forms have one choice per field, this has many. The items
 * belong to the caller; only their `on` flags change. */
#ifndef KUP_UI_CHECKLIST_H
#define KUP_UI_CHECKLIST_H

#include <stdint.h>
#include "db_activity.h"
#include "ui.h"

typedef struct clitem {
	int64_t id;
	char label[200];
	int on;
} clitem;

/* Shows the items under title: ↑↓ (j k, PgUp PgDn, Home End) move, Space
 * (or x) ticks and unticks, Enter or Ctrl-S keeps the ticks (returns 1),
 * Esc leaves them as they were (returns 0). At most max_on may be ticked
 * (0: any number); a tick beyond says so and is refused. */
int ui_checklist(const char *title, clitem *items, int n, int max_on);

/* Uses of the checklist. The activity's competence areas (professions 0)
 * or target professions (1), ticked in the pop-up and saved (admins);
 * 1 when saved. */
int ui_activity_links(int64_t activity_id, int professions);

/* "Competence areas: Faglig, Relationel" and "For: Pædagog, Lærer" lines
 * of an activity's detail from row y on; returns the next row. */
int ui_activity_links_draw(WINDOW *w, int y, int h, int wd, const activity_rec *a);

#endif
