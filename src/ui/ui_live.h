/* ui_live.h — the front end among many users: the live view (others'
 * changes shown within about two seconds), drafts that survive a dropped
 * connection, and the hang-up path. See docs/concurrency.md. Nothing
 * returned is allocated. */
#ifndef KUP_UI_LIVE_H
#define KUP_UI_LIVE_H

#include <stdint.h>

/* How often the main loop looks for others' changes while idle. */
#define LIVE_POLL_MS 1000

/* Reopens the form named form for record id so that it restores a draft
 * chosen at the start: 1 when the function knows the form name. Each view
 * that keeps drafts has one; the top of the front end lists them. */
typedef int (*live_resume_fn)(const char *form, int64_t id);

/* At the start of the front end: SIGHUP, SIGTERM and SIGINT end kup cleanly at the
 * next key read, and forms keep their drafts in the database. resumers is a
 * NULL-ended table that lives as long as the front end. */
void live_start(const live_resume_fn *resumers);
/* After every key (or timeout) of the main loop: about once a second, 1
 * when another connection has committed a change (the lists must be read
 * again). */
int live_tick(void);
/* Once, over the first screen: offers each draft left from before (restore,
 * throw away, or decide later). 1 when it showed anything. */
int live_offer_drafts(void);

#endif
