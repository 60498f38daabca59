/* cli_due_mail.c — see cli_due_mail.h. */
#include "cli_due_mail.h"
#include "db_activity.h"
#include "i18n.h"
#include "ical.h"
#include "mail_msg.h"
#include "secure.h"
#include "sendmail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct due_mail {
	const char *sendmail;
	int dry_run;
	char from[256];
	char host[256];
	int sent, noaddr, failed;
	char *failed_names;   /* "A, B" */
	size_t failed_len;
	FILE *failed_f;
	char *first;          /* dry run: the first message, shown at the end */
};

due_mail *due_mail_open(const due_mail_opts *o, kerr *e)
{
	due_mail *m = calloc(1, sizeof *m);
	if (!m) {
		kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
		return NULL;
	}
	m->sendmail = o->sendmail ? o->sendmail : SENDMAIL_DEFAULT;
	m->dry_run = o->dry_run;
	if (secure_mail_from(m->from, sizeof m->from, e) || mail_check_address(m->from, 1, e) ||
	    (!m->dry_run && sendmail_check(m->sendmail, e)) ||
	    !(m->failed_f = open_memstream(&m->failed_names, &m->failed_len))) {
		if (!e->code)
			kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
		free(m);
		return NULL;
	}
	if (gethostname(m->host, sizeof m->host - 1) != 0)
		snprintf(m->host, sizeof m->host, "localhost");
	return m;
}

/* The sessions as one calendar file (*ics malloc'd, NULL for none). */
static kcode calendar(const due_mail *m, kdb *db, const kactor *who, const int64_t *sessions, int n, char **ics,
		      size_t *len, kerr *e)
{
	*ics = NULL;
	*len = 0;
	if (n <= 0)
		return KE_OK;
	session_rec *s = calloc((size_t)n, sizeof *s);
	ical_event *ev = calloc((size_t)n, sizeof *ev);
	int got = 0;
	kcode c = s && ev ? KE_OK : kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	for (; !c && got < n; got++) {
		if ((c = session_get(db, who, sessions[got], &s[got], e)))
			break;
		ev[got] = (ical_event){ .session_id = s[got].id, .version = s[got].version,
					.summary = s[got].activity_title, .location = s[got].place,
					.first_day = s[got].starts, .last_day = s[got].ends };
	}
	FILE *f = c ? NULL : open_memstream(ics, len);
	if (!c && !f)
		c = kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	if (f) {
		c = ical_write(f, ev, (size_t)n, m->host, time(NULL), e);
		if (fclose(f) != 0 && !c)
			c = kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
		if (c) {
			free(*ics);
			*ics = NULL;
			*len = 0;
		}
	}
	for (int i = 0; i < got && s; i++)
		session_free(&s[i]);
	free(s);
	free(ev);
	return c;
}

int due_mail_person(due_mail *m, kdb *db, const kactor *who, const char *email, const char *text,
		    int items, const int64_t *sessions, int n, kerr *e)
{
	if (items <= 0)
		return 0;
	if (!email || !email[0]) {
		fprintf(stderr, "kup: ");
		fprintf(stderr, _("%s (%s) has no e-mail address in the staff register, so their list (%d) was not mailed."), who->name,
			who->login[0] ? who->login : "-", items);
		fputc('\n', stderr);
		m->noaddr++;
		return 0;
	}
	char *ics = NULL, *body = NULL, *msg = NULL;
	size_t ics_len = 0, body_len = 0, msg_len = 0;
	if (calendar(m, db, who, sessions, n, &ics, &ics_len, e))
		return -1;
	int nics = ics ? n : 0;
	FILE *b = open_memstream(&body, &body_len);
	if (!b) {
		free(ics);
		kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
		return -1;
	}
	fprintf(b, _("Hello %s,"), who->name);
	fprintf(b, "\n\n%s\n\n%s\n", _("This is what kup has for you to do now:"), text);
	if (nics)
		fprintf(b, "%s\n\n", _("Your sessions are attached as a calendar file (kup.ics) that your calendar can open."));
	fprintf(b, "%s\n", _("Open kup to see more and to act."));
	if (fclose(b) != 0 || !body) {
		free(ics);
		free(body);
		kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
		return -1;
	}
	char subject[200];
	snprintf(subject, sizeof subject, _("kup: what you must do now (%d)"), items);
	mail_msg mm = { .from = m->from, .to_name = who->name, .to_addr = email, .subject = subject, .body = body,
			.ics = ics, .ics_len = ics_len, .now = time(NULL), .host = m->host };
	kerr me = { 0 };
	kcode c = mail_build(&mm, &msg, &msg_len, &me);
	free(body);
	free(ics);
	if (!c && m->dry_run) {
		printf(_("Would mail %s <%s>: %d on the list, %d in the calendar."), who->name, email, items, nics);
		putchar('\n');
		if (!m->first) {
			m->first = msg;
			msg = NULL;
		}
		m->sent++;
	} else if (!c && !(c = sendmail_send(m->sendmail, msg, msg_len, &me))) {
		printf(_("Mailed %s <%s>: %d on the list, %d in the calendar."), who->name, email, items, nics);
		putchar('\n');
		m->sent++;
	}
	free(msg);
	if (c) {
		fflush(stdout);
		fprintf(stderr, "kup: ");
		fprintf(stderr, _("The mail to %s <%s> was not sent: %s"), who->name, email, me.msg);
		fputc('\n', stderr);
		fprintf(m->failed_f, "%s%s", m->failed++ ? ", " : "", who->name);
	}
	return 0;
}

int due_mail_close(due_mail *m)
{
	if (!m)
		return 0;
	int ok = fclose(m->failed_f) == 0;
	printf(m->dry_run ? _("Dry run, nothing sent. To mail: %d, without an e-mail address: %d.")
			  : _("Mailed: %d, without an e-mail address: %d, not sent: %d."),
	       m->sent, m->noaddr, m->failed);
	putchar('\n');
	if (m->first)
		printf("\n%s\n\n%s", _("The first message:"), m->first);
	int rc = 0;
	if (m->failed) {
		fflush(stdout);
		fprintf(stderr, "kup: ");
		fprintf(stderr, _("Mail could not be sent to: %s"), ok && m->failed_names ? m->failed_names : "");
		fputc('\n', stderr);
		rc = 1;
	}
	free(m->failed_names);
	free(m->first);
	free(m);
	return rc;
}
