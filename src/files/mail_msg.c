/* mail_msg.c — see mail_msg.h. */
#include "mail_msg.h"
#include "i18n.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Base64 of len bytes, no line breaks. */
static void b64_run(FILE *f, const unsigned char *p, size_t len)
{
	for (size_t i = 0; i < len; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;
		if (i + 1 < len)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < len)
			v |= p[i + 2];
		fputc(b64[v >> 18 & 63], f);
		fputc(b64[v >> 12 & 63], f);
		fputc(i + 1 < len ? b64[v >> 6 & 63] : '=', f);
		fputc(i + 2 < len ? b64[v & 63] : '=', f);
	}
}

void mail_base64(FILE *f, const char *data, size_t len)
{
	/* 57 bytes make a line of 76 characters */
	for (size_t i = 0; i < len; i += 57) {
		b64_run(f, (const unsigned char *)data + i, len - i < 57 ? len - i : 57);
		fputc('\n', f);
	}
}

void mail_qp(FILE *f, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	while (*s) {
		size_t n = strcspn((const char *)s, "\n");
		int col = 0;
		for (size_t i = 0; i < n; i++) {
			unsigned char c = s[i];
			char tok[4];
			int last = i + 1 == n;
			/* a line starting "From " is mangled by some mail stores */
			int from = i == 0 && !strncmp((const char *)s, "From ", 5);
			if (((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last)) && !from)
				tok[0] = (char)c, tok[1] = '\0';
			else
				snprintf(tok, sizeof tok, "=%02X", c);
			int k = (int)strlen(tok);
			if (col + k > 75) { /* a soft break: "=" ends the line at 76 at most */
				fputs("=\n", f);
				col = 0;
			}
			fputs(tok, f);
			col += k;
		}
		fputc('\n', f);
		s += n;
		if (*s == '\n')
			s++;
	}
}

static int plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 32 || (unsigned char)*s > 126)
			return 0;
	return 1;
}

/* RFC 2047 encoded words (UTF-8, B) for text, each at most 75 characters,
 * cut between characters, folded onto lines of their own. used is how much
 * of the first line the header has taken. */
static void encoded_words(FILE *f, const char *text, size_t used)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t len = strlen(text);
	int first = 1;
	while (len > 0) {
		/* 12 characters of "=?UTF-8?B?" and "?="; 4 of base64 per 3 bytes */
		size_t room = first && used < 60 ? 75 - used : 75;
		size_t take = (room - 12) / 4 * 3;
		if (take > len)
			take = len;
		while (take < len && take > 0 && (s[take] & 0xC0) == 0x80)
			take--;
		if (!first)
			fputs("\n ", f);
		fputs("=?UTF-8?B?", f); /* untranslated: RFC 2047 syntax */
		b64_run(f, s, take);
		fputs("?=", f);
		s += take;
		len -= take;
		first = 0;
	}
}

void mail_header_text(FILE *f, const char *text, size_t used)
{
	if (plain_ascii(text))
		fputs(text, f);
	else
		encoded_words(f, text, used);
}

/* A display name: as it is when it is plain words, quoted when it holds
 * specials, encoded words when it is not ASCII. */
static void phrase(FILE *f, const char *name, size_t used)
{
	if (!plain_ascii(name)) {
		encoded_words(f, name, used);
		return;
	}
	if (!name[strcspn(name, "()<>[]:;@\\,.\"")]) {
		fputs(name, f);
		return;
	}
	fputc('"', f);
	for (const char *p = name; *p; p++) {
		if (*p == '"' || *p == '\\')
			fputc('\\', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

/* addr is a bare address kup can put in a header: printable ASCII, one @,
 * something on both sides, no spaces or specials. */
static int bare_ok(const char *a, size_t n)
{
	const char *at = memchr(a, '@', n);
	if (!at || at == a || at == a + n - 1 || memchr(at + 1, '@', (size_t)(a + n - at - 1)) || at[1] == '.')
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)a[i] <= 32 || (unsigned char)a[i] > 126 || strchr("()<>[]:;,\\\"", a[i]))
			return 0;
	return 1;
}

/* Splits "Name <addr>" (or a bare addr) into its name (copied into name,
 * quotes taken off) and where the address is. */
static int split_address(const char *s, char *name, size_t size, const char **addr, size_t *alen)
{
	const char *lt = strchr(s, '<');
	name[0] = '\0';
	if (!lt) {
		*addr = s;
		*alen = strlen(s);
		return bare_ok(s, *alen);
	}
	const char *gt = strchr(lt, '>');
	if (!gt || gt[1])
		return 0;
	const char *b = s, *e = lt;
	while (b < e && (*b == ' ' || *b == '\t'))
		b++;
	while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e - b >= 2 && *b == '"' && e[-1] == '"')
		b++, e--;
	if ((size_t)(e - b) >= size || memchr(b, '"', (size_t)(e - b)))
		return 0;
	snprintf(name, size, "%.*s", (int)(e - b), b);
	*addr = lt + 1;
	*alen = (size_t)(gt - lt - 1);
	return bare_ok(*addr, *alen);
}

kcode mail_check_address(const char *addr, int named, kerr *e)
{
	char name[256];
	const char *a;
	size_t n;
	for (const char *p = addr; *p; p++)
		if ((unsigned char)*p < 32 || *p == 127)
			return kerr_set(e, KE_INVALID, "%s", _("The e-mail address holds a control character."));
	if (!(named ? split_address(addr, name, sizeof name, &a, &n) : bare_ok(addr, strlen(addr))))
		return kerr_set(e, KE_INVALID, _("'%s' is not an e-mail address like kup@kommune.dk or Name <kup@kommune.dk>."),
				addr);
	return KE_OK;
}

void mail_date(time_t now, char *buf, size_t size)
{
	static const char *const day[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;
	if (!localtime_r(&now, &tm)) {
		gmtime_r(&now, &tm);
		tm.tm_gmtoff = 0;
	}
	long off = tm.tm_gmtoff / 60;
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	snprintf(buf, size, "%s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld", day[tm.tm_wday % 7], tm.tm_mday,
		 mon[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, sign, off / 60, off % 60);
}

/* The Message-ID's right side: the host name with anything a dot-atom
 * cannot hold left out. */
static void id_host(const char *host, char *buf, size_t size)
{
	size_t j = 0;
	for (const char *p = host ? host : ""; *p && j + 1 < size; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || (*p == '.' && j > 0 && buf[j - 1] != '.'))
			buf[j++] = *p;
	while (j > 0 && buf[j - 1] == '.')
		j--;
	buf[j] = '\0';
	if (!j)
		snprintf(buf, size, "localhost");
}

static void address_header(FILE *f, const char *field, const char *name, const char *addr, size_t alen)
{
	fprintf(f, "%s: ", field);
	if (name && *name) {
		phrase(f, name, strlen(field) + 2);
		fputc(' ', f);
	}
	fprintf(f, "<%.*s>\n", (int)alen, addr);
}

kcode mail_build(const mail_msg *m, char **out, size_t *len, kerr *e)
{
	static unsigned long counter;
	char fname[256], date[64], host[256];
	const char *faddr;
	size_t falen;
	*out = NULL;
	*len = 0;
	if (mail_check_address(m->from, 1, e) || mail_check_address(m->to_addr, 0, e))
		return e->code;
	split_address(m->from, fname, sizeof fname, &faddr, &falen);
	mail_date(m->now, date, sizeof date);
	id_host(m->host, host, sizeof host);
	counter++;
	struct tm utc;
	if (!gmtime_r(&m->now, &utc))
		memset(&utc, 0, sizeof utc);
	char id[400], boundary[128];
	snprintf(id, sizeof id, "%04d%02d%02d%02d%02d%02d.%ld.%lu@%s", utc.tm_year + 1900, utc.tm_mon + 1,
		 utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, (long)getpid(), counter, host);
	/* "=_" never occurs in quoted-printable or base64, so the boundary
	 * cannot occur in a part */
	snprintf(boundary, sizeof boundary, "=_kup_%ld_%lu_%lld", (long)getpid(), counter, (long long)m->now);

	FILE *f = open_memstream(out, len);
	if (!f)
		return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	address_header(f, "From", fname, faddr, falen);
	address_header(f, "To", m->to_name, m->to_addr, strlen(m->to_addr));
	fputs("Subject: ", f); /* untranslated: a mail header */
	mail_header_text(f, m->subject, 9);
	fprintf(f, "\nDate: %s\nMessage-ID: <%s>\nMIME-Version: 1.0\nAuto-Submitted: auto-generated\n", date, id); /* untranslated: mail headers */
	static const char text_head[] =
		"Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n";
	if (m->ics) {
		fprintf(f, "Content-Type: multipart/mixed; boundary=\"%s\"\n\n", boundary); /* untranslated: a MIME header */
		fprintf(f, "This is a message in MIME format.\n\n--%s\n%s", boundary, text_head); /* untranslated: the MIME preamble only old mail programs show */
		mail_qp(f, m->body);
		fprintf(f, "\n--%s\n", boundary);
		fputs("Content-Type: text/calendar; charset=UTF-8; method=PUBLISH; name=\"kup.ics\"\n" /* untranslated: MIME headers */
		      "Content-Transfer-Encoding: base64\n"
		      "Content-Disposition: attachment; filename=\"kup.ics\"\n\n", f);
		mail_base64(f, m->ics, m->ics_len);
		fprintf(f, "\n--%s--\n", boundary);
	} else {
		fputs(text_head, f);
		mail_qp(f, m->body);
	}
	if (fclose(f) != 0 || !*out) {
		free(*out);
		*out = NULL;
		*len = 0;
		return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	}
	return KE_OK;
}
