/* cli_due_mail.h — `kup due --mail`: each person's list (written by
 * cli_due.c) goes to them as one mail, from kup.conf's mail_from, with
 * their own sessions in it attached as a calendar, handed to sendmail; or
 * with --dry-run only listed. Says on stdout who got mail, on stderr who
 * has no address and whose mail failed. The handle is freed by
 * due_mail_close; nothing else is the caller's to free. */
#ifndef KUP_CLI_DUE_MAIL_H
#define KUP_CLI_DUE_MAIL_H

#include <stdint.h>
#include "db.h"
#include "err.h"

typedef struct due_mail_opts {
	int on;               /* --mail */
	int dry_run;          /* --dry-run */
	const char *sendmail; /* --sendmail PATH, or NULL for the default */
} due_mail_opts;

typedef struct due_mail due_mail;

/* Reads the sender from kup.conf and checks the sendmail program (not in
 * a dry run). NULL with e filled when either is missing or wrong. */
due_mail *due_mail_open(const due_mail_opts *o, kerr *e);
/* Mails who (address email, "" when none) their list: text (items
 * items), with the sessions (ids, n) as a calendar. Nothing is sent for
 * no items; a missing address or a failed sendmail is reported and
 * counted. -1 only when the data cannot be read (e filled). */
int due_mail_person(due_mail *m, kdb *db, const kactor *who, const char *email, const char *text,
		    int items, const int64_t *sessions, int n, kerr *e);
/* Prints what was done (and in a dry run the first message), frees m
 * (NULL is fine). The exit status: 1 if any mail failed, else 0. */
int due_mail_close(due_mail *m);

#endif
