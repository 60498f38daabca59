/* ical.c — see ical.h. Each content line is built whole in a buffer (name,
 * parameters, escaped value) and then written folded: RFC 5545 3.1 wants at
 * most 75 octets a line, and a cut inside a UTF-8 character would give
 * readers that decode each physical line (some do) broken text. */
#include "ical.h"
#include "date.h"
#include "i18n.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ICAL_FOLD 75 /* octets a line may hold, CRLF not counted */

typedef struct line {
	char *s;
	size_t len, cap;
	int nomem;
} line;

static void put(line *l, const char *s, size_t n)
{
	if (l->nomem)
		return;
	if (l->len + n + 1 > l->cap) {
		size_t cap = l->cap ? l->cap : 128;
		while (cap < l->len + n + 1)
			cap *= 2;
		char *p = realloc(l->s, cap);
		if (!p) {
			l->nomem = 1;
			return;
		}
		l->s = p;
		l->cap = cap;
	}
	memcpy(l->s + l->len, s, n);
	l->len += n;
	l->s[l->len] = '\0';
}

static void puts_(line *l, const char *s)
{
	put(l, s, strlen(s));
}

/* A TEXT value (3.3.11): backslash, semicolon and comma are escaped, a line
 * break (LF, CRLF or a lone CR) becomes \n. Other control characters may not
 * stand in TEXT at all; they become a space. Invalid UTF-8 becomes U+FFFD so
 * the file stays UTF-8 whatever the database held. */
static void put_text(line *l, const char *s)
{
	size_t len = s ? strlen(s) : 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r' || c == '\n') {
			puts_(l, "\\n");
			i += (c == '\r' && i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		if (c == '\\' || c == ';' || c == ',') {
			char esc[2] = { '\\', (char)c };
			put(l, esc, 2);
			i++;
			continue;
		}
		if (c < 0x80) {
			put(l, (c < 0x20 && c != '\t') || c == 0x7f ? " " : (const char *)&s[i], 1);
			i++;
			continue;
		}
		uint32_t cp;
		int used = text_decode(s + i, len - i, &cp);
		char buf[4];
		size_t n = text_encode(cp, buf);
		if (cp >= 0x80 && cp <= 0x9f) /* C1 controls are CONTROL too */
			put(l, " ", 1);
		else
			put(l, buf, n);
		i += (size_t)used;
	}
}

/* Writes the line folded: a cut moves back to the start of a UTF-8 character,
 * and every continuation line starts with the one space that counts in its
 * 75 octets. */
static void emit(FILE *f, const line *l)
{
	const char *p = l->s ? l->s : "";
	size_t left = l->len, room = ICAL_FOLD;
	for (;;) {
		size_t n = left;
		if (n > room) {
			n = room;
			while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80)
				n--;
			if (n == 0) /* cannot happen with valid UTF-8; never loop forever */
				n = room;
		}
		fwrite(p, 1, n, f);
		fputs("\r\n", f);
		p += n;
		left -= n;
		if (!left)
			break;
		fputc(' ', f);
		room = ICAL_FOLD - 1;
	}
}

/* name:value, the value written as it is (no escaping). */
static void raw(FILE *f, line *l, const char *name, const char *value)
{
	l->len = 0;
	puts_(l, name);
	puts_(l, ":");
	puts_(l, value);
	if (!l->nomem)
		emit(f, l);
}

static void text(FILE *f, line *l, const char *name, const char *value)
{
	l->len = 0;
	puts_(l, name);
	puts_(l, ":");
	put_text(l, value);
	if (!l->nomem)
		emit(f, l);
}

/* "2026-11-22" -> "20261122"; the date was checked. */
static void ical_date(const char *iso, char out[9])
{
	memcpy(out, iso, 4);
	memcpy(out + 4, iso + 5, 2);
	memcpy(out + 6, iso + 8, 2);
	out[8] = '\0';
}

/* The characters a host name may hold, so the UID stays one plain token. */
static void clean_domain(const char *in, char *out, size_t size)
{
	size_t n = 0;
	for (const char *p = in ? in : ""; *p && n + 1 < size; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '.' || *p == '-')
			out[n++] = *p;
	out[n] = '\0';
	if (!n)
		snprintf(out, size, "kup");
}

static kcode check_event(const ical_event *ev, char start[9], char end[9], kerr *e)
{
	const char *last = ev->last_day && *ev->last_day ? ev->last_day : ev->first_day;
	char after[11];
	if (!ev->first_day || !date_valid_iso(ev->first_day))
		return kerr_field(e, KE_INVALID, "first_day", _("Session %lld has no valid first day."),
				  ev->session_id);
	if (!date_valid_iso(last) || strcmp(last, ev->first_day) < 0 || date_add_days(last, 1, after) < 0)
		return kerr_field(e, KE_INVALID, "last_day", _("Session %lld has no valid last day."),
				  ev->session_id);
	ical_date(ev->first_day, start);
	ical_date(after, end); /* DTEND of an all-day event is the day after (exclusive) */
	return KE_OK;
}

kcode ical_write(FILE *f, const ical_event *ev, size_t n, const char *uid_domain,
		 time_t now, kerr *e)
{
	char domain[128], stamp[17], start[9], end[9], buf[256];
	struct tm tm;
	line l = { 0 };
	kcode c = KE_OK;

	for (size_t i = 0; i < n; i++) /* refuse before writing anything */
		if ((c = check_event(&ev[i], start, end, e)) != KE_OK)
			return c;
	if (!gmtime_r(&now, &tm) || !strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm))
		return kerr_set(e, KE_IO, "%s", _("Cannot read today's date from the system clock."));
	clean_domain(uid_domain, domain, sizeof domain);

	raw(f, &l, "BEGIN", "VCALENDAR");
	raw(f, &l, "VERSION", "2.0");
	raw(f, &l, "PRODID", "-//kup//Kompetenceudvikling//DA");
	raw(f, &l, "CALSCALE", "GREGORIAN");
	raw(f, &l, "METHOD", "PUBLISH");
	for (size_t i = 0; i < n; i++) {
		const ical_event *v = &ev[i];
		if ((c = check_event(v, start, end, e)) != KE_OK)
			break; /* checked above; kept so start and end are this event's */
		raw(f, &l, "BEGIN", "VEVENT");
		snprintf(buf, sizeof buf, "kup-session-%lld@%s", v->session_id, domain);
		raw(f, &l, "UID", buf);
		raw(f, &l, "DTSTAMP", stamp);
		snprintf(buf, sizeof buf, "%lld", v->version > 0 ? v->version : 0);
		raw(f, &l, "SEQUENCE", buf);
		raw(f, &l, "DTSTART;VALUE=DATE", start);
		raw(f, &l, "DTEND;VALUE=DATE", end);
		text(f, &l, "SUMMARY", v->summary);
		if (v->location && *v->location)
			text(f, &l, "LOCATION", v->location);
		if (v->description && *v->description)
			text(f, &l, "DESCRIPTION", v->description);
		raw(f, &l, "STATUS", v->cancelled ? "CANCELLED" : "CONFIRMED");
		/* A course day blocks the day; a cancelled one no longer does. */
		raw(f, &l, "TRANSP", v->cancelled ? "TRANSPARENT" : "OPAQUE");
		raw(f, &l, "END", "VEVENT");
	}
	raw(f, &l, "END", "VCALENDAR");
	if (c == KE_OK && l.nomem)
		c = kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	else if (c == KE_OK && (fflush(f) != 0 || ferror(f)))
		c = kerr_set(e, KE_IO, "%s", _("Cannot write the calendar file."));
	free(l.s);
	return c;
}
