/* mail_msg.h — one e-mail message in the form RFC 5322 and MIME give it,
 * for kup's reminders: From, To, Date, Message-ID, a subject as RFC 2047
 * encoded words when it is not plain ASCII, a UTF-8 text body in
 * quoted-printable, and optionally an iCalendar file as a second part of a
 * multipart/mixed message. Line ends are LF, as `sendmail -t -i` expects
 * on Unix. The built message is the caller's to free(). */
#ifndef KUP_MAIL_MSG_H
#define KUP_MAIL_MSG_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>
#include "err.h"

typedef struct mail_msg {
	const char *from;     /* "Name <addr@host>" or "addr@host" (UTF-8) */
	const char *to_name;  /* the person's name (UTF-8), or NULL */
	const char *to_addr;  /* addr@host */
	const char *subject;  /* UTF-8 */
	const char *body;     /* UTF-8 text, LF line ends */
	const char *ics;      /* an iCalendar file to attach, or NULL */
	size_t ics_len;
	time_t now;           /* the Date */
	const char *host;     /* the Message-ID's right side */
} mail_msg;

/* Checks an address as kup.conf's mail_from or a staff record gives it:
 * with a display name ("Name <a@b>") when named is set, else a bare
 * a@b. KE_INVALID saying what is wrong. */
kcode mail_check_address(const char *addr, int named, kerr *e);

/* Builds the message into *out (malloc'd, NUL-terminated, *len bytes).
 * Every Message-ID is new: time, process, a counter and the host. */
kcode mail_build(const mail_msg *m, char **out, size_t *len, kerr *e);

/* The pieces, for the tests: text as quoted-printable (lines of at most
 * 76 characters, LF line ends kept as hard breaks); text as one header
 * value, RFC 2047 encoded words (UTF-8, base64) folded when it holds
 * anything but printable ASCII; bytes as base64 in lines of 76. */
void mail_qp(FILE *f, const char *text);
void mail_header_text(FILE *f, const char *text, size_t used);
void mail_base64(FILE *f, const char *data, size_t len);
/* now as RFC 5322 wants a Date ("Tue, 08 Dec 2026 01:17:18 +0100"), in
 * local time, with English names whatever the locale. */
void mail_date(time_t now, char *buf, size_t size);

#endif
