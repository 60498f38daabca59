/* ui_live.h — the front end among many users (issue 5): the live view
 * (others' changes shown within about two seconds), drafts that survive a
 * dropped connection, and the questions a conflict needs. See
 * docs/concurrency.md. Nothing returned is allocated. */
#ifndef KUP_UI_LIVE_H
#define KUP_UI_LIVE_H

#include <stdint.h>
#include "err.h"

/* How often the main loop looks for others' changes while idle. */
#define LIVE_POLL_MS 1000

/* At the start of the front end: SIGHUP and SIGTERM end kup cleanly at the
 * next key read, and forms keep their drafts in the database. */
void live_start(void);
/* After every key (or timeout) of the main loop: about once a second,
 * reloads the lists when another connection has committed a change. */
void live_tick(void);
/* Once, over the first screen: offers each draft left from before (restore,
 * throw away, or decide later). 1 when it showed anything. */
int live_offer_drafts(void);
/* Called by ui_readkey before and after it waits: lets go of any read
 * snapshot left under way (none should be), and after SIGHUP/SIGTERM keeps
 * the open form's text as its draft, ends curses and the database
 * connection, and exits. */
void live_key_wait(void);

/* A box over the screen: text (wrapped to fit) and a line naming the keys.
 * Waits for one of the ASCII letters in accept (either case) or Esc, and
 * returns it in lower case (Esc as 27). backdrop redraws what lies under
 * the box after a resize (NULL: the screen as it is). */
int live_box(const char *text, const char *keys, const char *accept, void (*backdrop)(void *), void *ctx);
/* A delete (or deactivation) met someone else's change: shows e->msg (who,
 * when) and the question; 1 when the person says yes. */
int live_ask_again(const kerr *e, const char *question);

/* Each view file reopens its own forms for a draft chosen at the start:
 * 1 when it knows the form name (the form then restores the draft). */
int view_staff_resume(const char *form, int64_t id);
int view_plan_resume(const char *form, int64_t id);
int view_activity_resume(const char *form, int64_t id);
int view_admin_resume(const char *form, int64_t id);

#endif
