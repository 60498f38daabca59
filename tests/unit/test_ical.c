/* Unit tests for src/files/ical.c: all-day events (DTEND the day after the
 * last day), UID and SEQUENCE, TEXT escaping, CRLF line ends, folding at 75
 * octets that never cuts a UTF-8 character, refusal of bad dates. */
#include "t.h"

#include <stdint.h>

#include "ical.h"
#include "i18n.h"

/* The calendar as one string (malloc'd), or NULL when ical_write failed. */
static char *write_cal(const ical_event *ev, size_t n, kcode *code)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	kerr e = { 0 };
	if (!f)
		return NULL;
	*code = ical_write(f, ev, n, "kup.example.dk", (time_t)1796000000, &e);
	if (fclose(f) != 0 || *code != KE_OK) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* The unfolded text: CRLF + space joins lines, the other CRLFs become \n. */
static char *unfold(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	for (const char *p = s; *p;) {
		if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
			p += 3;
		} else if (p[0] == '\r' && p[1] == '\n') {
			*o++ = '\n';
			p += 2;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return out;
}

static void test_lines(const char *cal)
{
	int bare_lf = 0, too_long = 0, cut_char = 0;
	const char *p = cal;
	while (*p) {
		const char *eol = strstr(p, "\r\n");
		if (!eol)
			break;
		size_t n = (size_t)(eol - p);
		if (memchr(p, '\n', n) || memchr(p, '\r', n))
			bare_lf++;
		if (n > 75)
			too_long++;
		/* a line may not begin (after the fold's space) or end inside a character */
		if (n && ((unsigned char)eol[-1] & 0xC0) == 0xC0)
			cut_char++;
		const char *next = eol + 2;
		if (*next == ' ' && ((unsigned char)next[1] & 0xC0) == 0x80)
			cut_char++;
		p = next;
	}
	CHECK(*p == '\0', "every line, the last too, ends in CRLF");
	CHECK(!bare_lf, "no bare CR or LF inside a line");
	CHECK(!too_long, "no line is longer than 75 octets");
	CHECK(!cut_char, "no fold cuts a UTF-8 character");
}

static void test_event(void)
{
	/* 73 octets of prefix put "æøå" right across the 75-octet boundary of
	 * the first line ("SUMMARY:" is 8), and again later. */
	char summary[400];
	snprintf(summary, sizeof summary, "%s", "Kursus i læsning, skrivning; og \\ regning\nLinje to: ");
	while (strlen(summary) < 300)
		strcat(summary, "æøå ÆØÅ x");
	ical_event ev[2] = {
		{ .session_id = 42, .version = 3, .summary = summary, .location = "Rådhuset, lokale 2",
		  .description = "Første linje\r\nAnden; linje", .first_day = "2026-12-30",
		  .last_day = "2026-12-31", .cancelled = 0 },
		{ .session_id = 7, .version = 1, .summary = "Aflyst", .first_day = "2027-02-28",
		  .last_day = NULL, .cancelled = 1 },
	};
	kcode c = KE_DB;
	char *cal = write_cal(ev, 2, &c);
	CHECK(cal && c == KE_OK, "ical_write writes two events");
	if (!cal)
		return;
	test_lines(cal);
	char *u = unfold(cal);
	CHECK(!strncmp(u, "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:", 35), "starts with BEGIN, VERSION, PRODID");
	CHECK(strstr(u, "\nMETHOD:PUBLISH\n") != NULL, "METHOD:PUBLISH");
	CHECK(strstr(u, "\nUID:kup-session-42@kup.example.dk\n") != NULL, "UID names the session and domain");
	CHECK(strstr(u, "\nSEQUENCE:3\n") != NULL, "SEQUENCE is the version");
	CHECK(strstr(u, "\nDTSTAMP:20261130T005320Z\nSEQUENCE:") != NULL && strstr(u, "Z\nSEQUENCE") != NULL, "DTSTAMP in UTC");
	CHECK(strstr(u, "\nDTSTART;VALUE=DATE:20261230\n") != NULL, "DTSTART is the first day");
	CHECK(strstr(u, "\nDTEND;VALUE=DATE:20270101\n") != NULL, "DTEND is the day after the last (exclusive, across a year)");
	CHECK(strstr(u, "\nDTSTART;VALUE=DATE:20270228\nDTEND;VALUE=DATE:20270301\n") != NULL,
	      "a one-day session without a last day ends the next day");
	CHECK(strstr(u, "\nSUMMARY:Kursus i læsning\\, skrivning\\; og \\\\ regning\\nLinje to: æøå ÆØÅ") != NULL,
	      "comma, semicolon, backslash and newline escaped in SUMMARY");
	CHECK(strstr(u, "\nLOCATION:Rådhuset\\, lokale 2\n") != NULL, "LOCATION escaped");
	CHECK(strstr(u, "\nDESCRIPTION:Første linje\\nAnden\\; linje\n") != NULL, "CRLF in a text becomes one \\n");
	CHECK(strstr(u, "\nSTATUS:CONFIRMED\n") != NULL && strstr(u, "\nSTATUS:CANCELLED\n") != NULL,
	      "STATUS CONFIRMED and CANCELLED");
	CHECK(strstr(u, "SUMMARY:Aflyst\nSTATUS") != NULL, "no LOCATION or DESCRIPTION when empty");
	CHECK(strlen(u) > 0 && !strcmp(u + strlen(u) - 15, "\nEND:VCALENDAR\n"), "ends with END:VCALENDAR");
	/* The first SUMMARY line is cut before the 'æ' that would cross octet 75. */
	const char *s = strstr(cal, "\r\nSUMMARY:");
	const char *e = s ? strstr(s + 2, "\r\n") : NULL;
	CHECK(s && e && e - (s + 2) <= 75 && e - (s + 2) >= 73, "a long SUMMARY is folded near 75 octets (%d)",
	      s && e ? (int)(e - (s + 2)) : -1);
	free(u);
	free(cal);
}

static void test_boundary(void)
{
	/* "SUMMARY:" (8) + 66 x 'a' = 74 octets, then "ø" (2 octets) would end
	 * at octet 76: the fold must come before it, at 74. */
	char summary[100];
	memset(summary, 'a', 66);
	strcpy(summary + 66, "øb");
	ical_event ev = { .session_id = 1, .summary = summary, .first_day = "2026-01-01" };
	kcode c;
	char *cal = write_cal(&ev, 1, &c);
	CHECK(cal != NULL, "one event written");
	if (!cal)
		return;
	char want[120];
	snprintf(want, sizeof want, "\r\nSUMMARY:%.66s\r\n øb\r\n", summary);
	CHECK(strstr(cal, want) != NULL, "the fold falls before a 2-octet character at octet 75");
	test_lines(cal);
	free(cal);
	/* exactly 75 octets: no fold */
	summary[66] = 'a';
	strcpy(summary + 67, "");
	cal = write_cal(&ev, 1, &c);
	CHECK(cal && strstr(cal, "\r\nSUMMARY:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\nSTATUS") != NULL,
	      "a 75-octet line is not folded");
	free(cal);
}

static void test_controls(void)
{
	ical_event ev = { .session_id = 1, .summary = "a\x01" "b\x7f" "c\xff" "d\tz", .first_day = "2026-01-01" };
	kcode c;
	char *cal = write_cal(&ev, 1, &c);
	CHECK(cal && strstr(cal, "\r\nSUMMARY:a b c\xef\xbf\xbd" "d\tz\r\n") != NULL,
	      "control characters become spaces, invalid UTF-8 U+FFFD, TAB kept");
	free(cal);
}

static void test_refused(void)
{
	ical_event bad[] = {
		{ .session_id = 1, .first_day = "2026-02-30" },
		{ .session_id = 2, .first_day = NULL },
		{ .session_id = 3, .first_day = "2026-03-02", .last_day = "2026-03-01" },
	};
	const char *field[] = { "first_day", "first_day", "last_day" };
	for (size_t i = 0; i < 3; i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		kerr e = { 0 };
		kcode c = f ? ical_write(f, &bad[i], 1, NULL, 0, &e) : KE_OK;
		if (f)
			fclose(f);
		CHECK(c == KE_INVALID && kerr_is_field(&e, field[i]) && len == 0,
		      "bad dates of session %zu refused before anything is written", i + 1);
		free(buf);
	}
}

static void test_empty(void)
{
	kcode c;
	ical_event none = { 0 };
	char *cal = write_cal(&none, 0, &c);
	CHECK(cal && strstr(cal, "BEGIN:VCALENDAR\r\n") == cal && !strstr(cal, "VEVENT") &&
	      strstr(cal, "\r\nEND:VCALENDAR\r\n"), "no events: an empty calendar");
	free(cal);
}

int main(void)
{
	i18n_set(LANG_EN);
	test_event();
	test_boundary();
	test_controls();
	test_refused();
	test_empty();
	i18n_done();
	return t_done();
}
