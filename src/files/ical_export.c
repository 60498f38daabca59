/* ical_export.c — see ical_export.h. A calendar row becomes one event: the
 * activity's title as the summary, the session's place, and the provider and
 * the activity's description as the description. */
#include "ical_export.h"
#include "db_calendar.h"
#include "i18n.h"
#include "ical.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void ical_default_path(const char *name, int64_t session_id, char *buf, size_t size)
{
	const char *home = getenv("HOME");
	char safe[64];
	size_t n = 0;
	for (const char *p = name ? name : ""; *p && n + 1 < sizeof safe; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_')
			safe[n++] = *p;
		else if (*p >= 'A' && *p <= 'Z')
			safe[n++] = (char)(*p - 'A' + 'a');
	safe[n] = '\0';
	char tail[32] = "";
	if (session_id)
		snprintf(tail, sizeof tail, "-%lld", (long long)session_id);
	snprintf(buf, size, "%s/%s%s%s%s.ics", home && *home ? home : ".", _("calendar"), n ? "-" : "", safe, tail);
}

/* The event's texts point into r, its description into *desc (malloc'd,
 * the caller frees it); -1 when out of memory. */
static int to_event(const cal_row *r, char **desc, ical_event *ev)
{
	char *head = NULL;
	*desc = NULL;
	if (r->provider[0] && asprintf(&head, _("Provider: %s"), r->provider) < 0)
		return -1;
	int n = asprintf(desc, "%s%s%s", head ? head : "", head && r->description[0] ? "\n\n" : "",
			 r->description);
	free(head);
	if (n < 0) {
		*desc = NULL;
		return -1;
	}
	*ev = (ical_event){
		.session_id = r->session_id, .version = r->version, .summary = r->title,
		.location = r->place, .description = *desc, .first_day = r->starts, .last_day = r->ends,
		.cancelled = r->cancelled,
	};
	return 0;
}

static kcode write_rows(const cal_row *rows, int n, char **doc, size_t *len, kerr *e)
{
	char domain[128];
	size_t count = n > 0 ? (size_t)n : 0;
	ical_event *ev = calloc(count ? count : 1, sizeof *ev);
	char **desc = calloc(count ? count : 1, sizeof *desc);
	FILE *f = NULL;
	kcode c = KE_OK;
	int nomem = !ev || !desc;
	*doc = NULL;
	*len = 0;
	for (size_t i = 0; !nomem && i < count; i++)
		nomem = to_event(&rows[i], &desc[i], &ev[i]) != 0;
	if (!nomem)
		nomem = !(f = open_memstream(doc, len));
	if (nomem) {
		c = kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	} else {
		ical_uid_domain(domain, sizeof domain);
		c = ical_write(f, ev, count, domain, time(NULL), e);
		if (fclose(f) != 0 && c == KE_OK)
			c = kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	}
	for (size_t i = 0; desc && i < count; i++)
		free(desc[i]);
	free(desc);
	free(ev);
	if (c != KE_OK) {
		free(*doc);
		*doc = NULL;
		*len = 0;
	}
	return c;
}

kcode ical_export_person(kdb *db, const kactor *who, int64_t staff_id, char **doc, size_t *len, kerr *e)
{
	cal_row *rows;
	int n;
	*doc = NULL;
	*len = 0;
	if (cal_person(db, who, staff_id, &rows, &n, e))
		return e->code;
	kcode c = write_rows(rows, n, doc, len, e);
	cal_rows_free(rows, n);
	return c;
}

kcode ical_export_part(kdb *db, const kactor *who, int64_t part_id, char **doc, size_t *len, kerr *e)
{
	cal_row r;
	*doc = NULL;
	*len = 0;
	if (cal_part(db, who, part_id, &r, e))
		return e->code;
	kcode c = write_rows(&r, 1, doc, len, e);
	cal_free(&r);
	return c;
}

kcode ical_export_session(kdb *db, const kactor *who, int64_t session_id, char **doc, size_t *len, kerr *e)
{
	cal_row r;
	*doc = NULL;
	*len = 0;
	if (cal_session(db, who, session_id, &r, e))
		return e->code;
	kcode c = write_rows(&r, 1, doc, len, e);
	cal_free(&r);
	return c;
}
