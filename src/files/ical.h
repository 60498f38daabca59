/* ical.h — calendar files (iCalendar, RFC 5545) for a person's course days,
 * so a session lands in Outlook or a phone calendar. Sessions in kup are
 * whole days, so every event is an all-day event. The module only writes:
 * it takes ready texts (already in the person's language) and writes them
 * to a stream the caller owns; nothing is allocated for the caller. Used by
 * `kup export ics`, by the calendar key on screen and by reminder mails. */
#ifndef KUP_ICAL_H
#define KUP_ICAL_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "err.h"

typedef struct {
	long long session_id; /* the UID: kup-session-<id>@<uid_domain> */
	long long version;    /* SEQUENCE; must grow with every change the person should see */
	const char *summary;  /* the title; NULL or "" gives an empty SUMMARY */
	const char *location; /* NULL or "": no LOCATION */
	const char *description; /* NULL or "": no DESCRIPTION; newlines kept */
	const char *first_day;   /* ISO dates, whole days, both included */
	const char *last_day;    /* NULL or "": the first day */
	int cancelled;           /* STATUS:CANCELLED instead of CONFIRMED */
} ical_event;

/* Writes one VCALENDAR (METHOD:PUBLISH) holding the n events to f, CRLF line
 * ends, lines folded at 75 octets. The UID names the session only, not the
 * person: each person imports into their own calendar, and a later file for
 * the same session replaces the event there. uid_domain (e.g. the host name;
 * NULL or "" gives "kup") is cut to the characters a host name may hold.
 * now is DTSTAMP, written in UTC. Returns KE_OK, KE_INVALID (a bad date,
 * naming the field "first_day"/"last_day") or KE_IO/KE_NOMEM, filling e. */
kcode ical_write(FILE *f, const ical_event *ev, size_t n, const char *uid_domain,
		 time_t now, kerr *e);

#endif
