/* Unit tests for src/files/mail_msg.c and src/sys/sendmail.c: quoted-
 * printable (Danish letters, "=", a trailing blank, lines of at most 76,
 * a "From " line), RFC 2047 encoded words cut between characters, base64,
 * the RFC 5322 date in English whatever the time zone, address checks, a
 * whole message (headers, unique Message-IDs, the calendar part), and
 * sendmail: the message on its standard input with -t -i, a failing
 * program's status, a missing one naming --sendmail. */
#include "t.h"

#include "mail_msg.h"
#include "sendmail.h"

#include <sys/stat.h>
#include <unistd.h>

static char *out;
static size_t outlen;

static FILE *mem(void)
{
	free(out);
	out = NULL;
	outlen = 0;
	return open_memstream(&out, &outlen);
}

static const char *qp(const char *s)
{
	FILE *f = mem();
	mail_qp(f, s);
	fclose(f);
	return out;
}

/* The longest line of s (without its LF). */
static size_t longest(const char *s)
{
	size_t max = 0;
	while (*s) {
		size_t n = strcspn(s, "\n");
		if (n > max)
			max = n;
		s += n + (s[n] == '\n');
	}
	return max;
}

/* Decodes quoted-printable (for checking what a reader gets back). */
static char *unqp(const char *s)
{
	char *r = malloc(strlen(s) + 1), *w = r;
	while (*s) {
		if (s[0] == '=' && s[1] == '\n')
			s += 2;
		else if (s[0] == '=' && s[1] && s[2]) {
			unsigned v;
			sscanf(s + 1, "%2X", &v);
			*w++ = (char)v;
			s += 3;
		} else
			*w++ = *s++;
	}
	*w = '\0';
	return r;
}

static void test_qp(void)
{
	CHECK_STR(qp("Hej Lærke\n"), "Hej L=C3=A6rke\n", "æ becomes its two UTF-8 bytes in QP");
	CHECK_STR(qp("a=b"), "a=3Db\n", "= is encoded, the last line ends");
	CHECK_STR(qp("end \nnext\t\n"), "end=20\nnext=09\n", "a blank at the end of a line is encoded");
	CHECK_STR(qp("From here\n"), "=46rom here\n", "a line starting \"From \" is not left for mail stores to mangle");
	char lng[400] = "";
	for (int i = 0; i < 60; i++)
		strcat(lng, "ø=x");
	strcat(lng, "\nslut\n");
	const char *q = qp(lng);
	CHECK(longest(q) <= 76, "no QP line is longer than 76 (%zu)", longest(q));
	char *back = unqp(q);
	CHECK_STR(back, lng, "soft line breaks decode back to the text");
	free(back);
}

static void test_header(void)
{
	FILE *f = mem();
	mail_header_text(f, "Plain subject", 9);
	fclose(f);
	CHECK_STR(out, "Plain subject", "an ASCII subject is left as it is");
	f = mem();
	mail_header_text(f, "æøå", 9);
	fclose(f);
	CHECK_STR(out, "=?UTF-8?B?w6bDuMOl?=", "æøå is one encoded word");
	char lng[300] = "";
	for (int i = 0; i < 40; i++)
		strcat(lng, "Å");
	f = mem();
	mail_header_text(f, lng, 9);
	fclose(f);
	int words = 0, whole = 1;
	for (const char *p = out; (p = strstr(p, "=?UTF-8?B?")); p += 10) {
		const char *end = strstr(p, "?=");
		words++;
		/* each word decodes on its own: a whole number of the 2-byte
		 * characters */
		size_t len = (size_t)(end - p - 10);
		size_t pads = (end[-1] == '=') + (end[-2] == '=');
		whole &= end - p + 2 <= 75 && len % 4 == 0 && (len / 4 * 3 - pads) % 2 == 0;
	}
	CHECK(words > 1 && whole, "a long subject is several words of at most 75, cut between characters (%d)", words);
	CHECK(strstr(out, "?=\n =?UTF-8?B?") != NULL, "...folded onto lines of their own");
	f = mem();
	mail_base64(f, "kup\r\n", 5);
	fclose(f);
	CHECK_STR(out, "a3VwDQo=\n", "base64 keeps the bytes, CRLF too");
}

static void test_date(void)
{
	char d[64];
	setenv("TZ", "Europe/Copenhagen", 1);
	tzset();
	mail_date(1796689495, d, sizeof d); /* 2026-12-08 00:24:55 UTC */
	CHECK_STR(d, "Tue, 08 Dec 2026 01:24:55 +0100", "the Date in local time with its offset");
	mail_date(1783000000, d, sizeof d);
	CHECK(strstr(d, "+0200") != NULL, "summer time is +0200 (%s)", d);
}

static void test_address(void)
{
	kerr e = { 0 };
	CHECK(mail_check_address("kup@kommune.dk", 0, &e) == KE_OK, "a bare address");
	CHECK(mail_check_address("Kompetence Børn og Unge <kup@kommune.dk>", 1, &e) == KE_OK, "a named address");
	CHECK(mail_check_address("\"Kup, BU\" <kup@kommune.dk>", 1, &e) == KE_OK, "a quoted name");
	CHECK(mail_check_address("kup", 0, &e) == KE_INVALID, "no @ is refused");
	CHECK(mail_check_address("a b@kommune.dk", 0, &e) == KE_INVALID, "a space is refused");
	CHECK(mail_check_address("Kup <kup@kommune.dk", 1, &e) == KE_INVALID, "a missing > is refused");
	CHECK(mail_check_address("x@y\r\nBcc: z@w", 0, &e) == KE_INVALID, "a line break cannot add a header");
	CHECK(mail_check_address("Name <x@y>", 0, &e) == KE_INVALID, "a name where a bare address is wanted");
}

static void test_message(void)
{
	mail_msg m = { .from = "Kompetence Børn og Unge <kup@kommune.dk>", .to_name = "Lærke Ærø",
		       .to_addr = "lae@kommune.dk", .subject = "kup: det skal du gøre nu (2)",
		       .body = "Hej Lærke Ærø,\n\nDet her.\n", .now = 1796689495, .host = "server.kommune.dk" };
	char *msg, *msg2;
	size_t len, len2;
	kerr e = { 0 };
	CHECK(mail_build(&m, &msg, &len, &e) == KE_OK, "a message without calendar builds (%s)", e.msg);
	CHECK(strstr(msg, "To: =?UTF-8?B?") && strstr(msg, " <lae@kommune.dk>\n"), "To: the encoded name and the address");
	CHECK(strstr(msg, "\nDate: ") && strstr(msg, "\nMIME-Version: 1.0\n") &&
	      strstr(msg, "\nContent-Transfer-Encoding: quoted-printable\n") && !strstr(msg, "multipart"),
	      "Date, MIME-Version, one QP text part");
	CHECK(strlen(msg) == len && !strchr(msg, '\r'), "LF line ends, as sendmail wants them");
	m.ics = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
	m.ics_len = strlen(m.ics);
	CHECK(mail_build(&m, &msg2, &len2, &e) == KE_OK, "a message with a calendar builds");
	CHECK(strstr(msg2, "Content-Type: multipart/mixed; boundary=") &&
	      strstr(msg2, "Content-Type: text/calendar; charset=UTF-8; method=PUBLISH"),
	      "multipart/mixed with a text/calendar; method=PUBLISH part");
	const char *a = strstr(msg, "Message-ID: <"), *b = strstr(msg2, "Message-ID: <");
	CHECK(a && b && strncmp(a, b, (size_t)(strchr(a, '>') - a)) != 0 && strstr(a, "@server.kommune.dk>"),
	      "two messages in the same second have different Message-IDs on the host");
	free(msg);
	free(msg2);
	m.from = "no address";
	CHECK(mail_build(&m, &msg, &len, &e) == KE_INVALID && !msg, "a bad From is refused");
}

static void test_sendmail(void)
{
	char dir[] = "/tmp/kup-mail-XXXXXX", prog[300], got[300], cmd[700];
	kerr e = { 0 };
	if (!mkdtemp(dir)) {
		CHECK(0, "a temporary directory");
		return;
	}
	snprintf(prog, sizeof prog, "%s/sendmail", dir);
	snprintf(got, sizeof got, "%s/got", dir);
	FILE *f = fopen(prog, "w");
	fprintf(f, "#!/bin/sh\necho \"$*\" > '%s.args'\ncat > '%s'\nexit ${FAIL:-0}\n", got, got);
	fclose(f);
	chmod(prog, 0700);
	CHECK(sendmail_check(prog, &e) == KE_OK, "the fake sendmail may be run");
	CHECK(sendmail_send(prog, "To: x@y\n\nHej\n", 13, &e) == KE_OK, "sendmail takes the message (%s)", e.msg);
	snprintf(cmd, sizeof cmd, "printf 'To: x@y\\n\\nHej\\n' | cmp -s - '%s' && grep -qx -- '-t -i' '%s.args'", got, got);
	CHECK(system(cmd) == 0, "...on its standard input, with -t -i");
	setenv("FAIL", "75", 1);
	CHECK(sendmail_send(prog, "x", 1, &e) == KE_IO && strstr(e.msg, "75"), "a failing sendmail's status is named (%s)",
	      e.msg);
	unsetenv("FAIL");
	snprintf(prog, sizeof prog, "%s/none", dir);
	CHECK(sendmail_check(prog, &e) == KE_NOTFOUND && strstr(e.msg, "--sendmail"),
	      "a missing sendmail names --sendmail (%s)", e.msg);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
}

int main(void)
{
	test_qp();
	test_header();
	test_date();
	test_address();
	test_message();
	test_sendmail();
	free(out);
	return t_done();
}
