/* ui_colleague.h — a colleague's part of someone's follow-up, as the
 * colleague meets it: the activity, the person's own "learned" and "used in
 * practice" texts, and the colleague's own part to write or decline.
 * Nothing returned is allocated. */
#ifndef KUP_UI_COLLEAGUE_H
#define KUP_UI_COLLEAGUE_H

#include <stdint.h>

/* Opens colleague part id (fu_colleague) for its colleague to answer or
 * decline; for anyone else read-only. UI_RELOAD_ALL when something was
 * saved, else UI_NOTHING. */
int colleague_part_edit(int64_t id);

#endif
