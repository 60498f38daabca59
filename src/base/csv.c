/* csv.c — see csv.h. */
#include "csv.h"
#include "i18n.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int csv_parse_format(const char *s, csv_format *out)
{
	if (!s)
		return -1;
	if (!strcmp(s, "text")) *out = CSV_TEXT;
	else if (!strcmp(s, "csv")) *out = CSV_CSV;
	else if (!strcmp(s, "tsv")) *out = CSV_TSV;
	else return -1;
	return 0;
}

int csv_parse_sep(const char *s, char *out)
{
	if (!s)
		return -1;
	if (!strcmp(s, ",") || !strcmp(s, ";"))
		*out = s[0];
	else if (!strcmp(s, "\t") || !strcmp(s, "tab") || !strcmp(s, "\\t"))
		*out = '\t';
	else
		return -1;
	return 0;
}

void csv_begin(csv_out *o, FILE *f, csv_format fmt, char sep, int bom)
{
	o->f = f;
	o->fmt = fmt;
	o->sep = fmt == CSV_TSV ? '\t' : sep ? sep : ',';
	o->at_start = 1;
	if (bom)
		fputs("\xEF\xBB\xBF", f);
}

static void next_field(csv_out *o)
{
	if (!o->at_start)
		putc(o->sep, o->f);
	o->at_start = 0;
}

/* The formula guard (see csv.h): a leading apostrophe where a spreadsheet
 * would start a formula, and where the reader would otherwise take one off. */
static int needs_guard(const char *s)
{
	return strchr("=+-@\t\r", s[0]) ? s[0] != '\0'
	       : s[0] == '\'' && s[1] && strchr("=+-@\t\r'", s[1]);
}

/* Length of the control character at p (C0 but tab, line feed and
 * carriage return; DEL; C1 as UTF-8), or 0: an escape sequence in a name
 * must not drive the terminal of whoever looks at the file. */
static int control_at(const unsigned char *p)
{
	if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7F)
		return 1;
	return *p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F ? 2 : 0;
}

/* Writes s with every byte of `stop` replaced by `instead` and every
 * control character by U+FFFD, in runs of plain text. */
static void put_runs(FILE *f, const char *s, const char *stop, const char *instead)
{
	const char *p = s, *run = s;
	while (*p) {
		int c = control_at((const unsigned char *)p);
		if (!c && !strchr(stop, *p)) {
			p++;
			continue;
		}
		fwrite(run, 1, (size_t)(p - run), f);
		fputs(c ? "\xEF\xBF\xBD" : instead, f);
		p += c ? c : 1;
		run = p;
	}
	fwrite(run, 1, (size_t)(p - run), f);
}

void csv_field(csv_out *o, const char *s)
{
	next_field(o);
	if (!s)
		s = "";
	/* Runs of plain text go out in one fwrite: putc takes the stream's
	 * lock for every byte, which was a third of an export's time. */
	if (o->fmt == CSV_TSV) { /* a tab or a line break would split the row */
		if (needs_guard(s)) /* a .tsv opened in a spreadsheet runs formulas too */
			putc('\'', o->f);
		put_runs(o->f, s, "\t\n\r", " ");
		return;
	}
	int guard = needs_guard(s);
	const char special[] = { o->sep, '"', '\r', '\n', '\0' };
	size_t plain = strcspn(s, special); /* one pass: where quoting starts */
	int quote = guard || s[plain] || s[0] == ' ' || (s[0] && s[strlen(s) - 1] == ' ');
	if (quote)
		putc('"', o->f);
	if (guard)
		putc('\'', o->f);
	put_runs(o->f, s, "\"", "\"\"");
	if (quote)
		putc('"', o->f);
}

void csv_int(csv_out *o, long long v)
{
	next_field(o);
	/* By hand: fprintf was a tenth of an export's time. */
	char buf[24], *p = buf + sizeof buf;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	fwrite(p, 1, (size_t)(buf + sizeof buf - p), o->f);
}

void csv_real(csv_out *o, double v, int decimals, int blank_negative)
{
	next_field(o);
	if ((v < 0 && blank_negative) || !isfinite(v))
		return;
	char buf[64];
	snprintf(buf, sizeof buf, "%.*f", decimals, v);
	char *dot = strchr(buf, '.');
	if (dot) {
		char *end = buf + strlen(buf);
		while (end > dot + 1 && end[-1] == '0')
			*--end = '\0';
		if (end == dot + 1)
			*dot = '\0';
		else if (o->sep == ';')
			*dot = ',';
	}
	if (!strcmp(buf, "-0"))
		strcpy(buf, "0");
	fputs(buf, o->f);
}

void csv_blank(csv_out *o)
{
	next_field(o);
}

void csv_end_row(csv_out *o)
{
	fputs(o->fmt == CSV_CSV ? "\r\n" : "\n", o->f);
	o->at_start = 1;
}

/* ---- decoding ---- */

/* Windows-1252 0x80..0x9F; 0 where the code page defines nothing. The rest
 * of the upper half is Latin-1, i.e. the byte is the code point. A table of
 * 32 rather than iconv(3): no dependency on the gconv modules being
 * installed, and the same answer on every machine. */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static int valid_utf8(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		uint32_t cp;
		if (c < 0x80) { i++; continue; }
		if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
		else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
		else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
		else return 0;
		for (size_t k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			return 0;
		i += n + 1;
	}
	return 1;
}

static kcode decode(const char *data, size_t len, int first_line, char **utf8, int *cp1252, kerr *e);

kcode csv_decode(const char *data, size_t len, char **utf8, int *cp1252, kerr *e)
{
	return decode(data, len, 1, utf8, cp1252, e);
}

kcode csv_decode_line(const char *data, size_t len, int line, char **utf8, int *cp1252, kerr *e)
{
	return decode(data, len, line, utf8, cp1252, e);
}

int csv_has_8bit(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

static kcode decode(const char *data, size_t len, int first_line, char **utf8, int *cp1252, kerr *e)
{
	*utf8 = NULL;
	*cp1252 = 0;
	const unsigned char *s = (const unsigned char *)data;
	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		s += 3;
		len -= 3;
	}
	const unsigned char *nul = memchr(s, '\0', len);
	if (nul && first_line == 1)
		return kerr_set(e, KE_INVALID, "%s", _("The file holds NUL bytes; it is not a text (CSV) file."));
	if (nul)
		return kerr_set(e, KE_INVALID, _("line %d: a NUL byte; the file is not a text (CSV) file."), first_line);
	if (valid_utf8(s, len)) {
		if (!(*utf8 = strndup((const char *)s, len)))
			return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
		return KE_OK;
	}
	char *out = malloc(len * 3 + 1), *q = out;
	if (!out)
		return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	int line = first_line;
	for (size_t i = 0; i < len; i++) {
		uint32_t cp = s[i];
		if (cp == '\n')
			line++;
		if (cp >= 0x80 && cp < 0xA0 && !(cp = cp1252_high[cp - 0x80])) {
			free(out);
			return kerr_set(e, KE_INVALID,
				_("line %d: the byte 0x%02X is neither UTF-8 nor Windows-1252 text."), line, s[i]);
		}
		q += text_encode(cp, q);
	}
	*q = '\0';
	*utf8 = out;
	*cp1252 = 1;
	return KE_OK;
}

/* ---- reading ---- */

/* The separator of the first line, outside quotes: the most frequent of
 * ';', ',' and tab (a tie goes to the comma). */
static char detect_sep(const char *p)
{
	int n[3] = { 0, 0, 0 }, quoted = 0;
	for (; *p && (quoted || (*p != '\n' && *p != '\r')); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted)
			n[0] += *p == ',', n[1] += *p == ';', n[2] += *p == '\t';
	}
	if (n[2] > n[0] && n[2] > n[1])
		return '\t';
	return n[1] > n[0] ? ';' : ',';
}

char csv_detect_sep(const char *line)
{
	return detect_sep(line);
}

void csv_in_feed(csv_in *r, const char *text, char sep, int line)
{
	r->p = text;
	r->end = text + strlen(text);
	r->sep = sep;
	r->next_line = line;
}

/* The states of csv_row_state, as csv_in_row reads a row: a quote opens a
 * field only at its start; inside, "" is a quote and " closes it. */
enum { AT_START, IN_FIELD, IN_QUOTES, QUOTE_SEEN };

int csv_row_state(const char *s, char sep, int state)
{
	for (; *s; s++) {
		char c = *s;
		int ends = c == sep || c == '\n' || c == '\r';
		switch (state) {
		case AT_START: state = c == '"' ? IN_QUOTES : ends ? AT_START : IN_FIELD; break;
		case IN_FIELD: state = ends ? AT_START : IN_FIELD; break;
		case IN_QUOTES: state = c == '"' ? QUOTE_SEEN : IN_QUOTES; break;
		case QUOTE_SEEN: state = c == '"' ? IN_QUOTES : ends ? AT_START : IN_FIELD; break;
		}
	}
	return state == IN_QUOTES ? CSV_IN_QUOTES : state;
}

void csv_in_init(csv_in *r, const char *text)
{
	memset(r, 0, sizeof *r);
	r->p = text;
	r->end = text + strlen(text);
	r->sep = detect_sep(text);
	r->next_line = 1;
}

void csv_in_free(csv_in *r)
{
	free(r->fields);
	free(r->buf);
	free(r->offs);
	memset(r, 0, sizeof *r);
}

static int put(csv_in *r, char c)
{
	if (r->blen + 1 >= r->bcap) {
		size_t cap = r->bcap ? r->bcap * 2 : 256;
		char *t = realloc(r->buf, cap);
		if (!t)
			return -1;
		r->buf = t;
		r->bcap = cap;
	}
	r->buf[r->blen++] = c;
	return 0;
}

static int end_field(csv_in *r)
{
	if (put(r, '\0'))
		return -1;
	if (r->n == r->cap) {
		int cap = r->cap ? r->cap * 2 : 16;
		size_t *t = realloc(r->offs, (size_t)cap * sizeof *t);
		if (!t)
			return -1;
		r->offs = t;
		r->cap = cap;
	}
	r->offs[r->n++] = r->start;
	r->start = r->blen;
	return 0;
}

/* Takes the formula guard's apostrophe off (see csv_field). */
static void unguard(char *s)
{
	if (s[0] == '\'' && s[1] && strchr("=+-@\t\r'", s[1]))
		memmove(s, s + 1, strlen(s));
}

int csv_in_row(csv_in *r, kerr *e)
{
	/* skip empty lines */
	while (r->p < r->end && (*r->p == '\n' || *r->p == '\r')) {
		if (*r->p == '\n')
			r->next_line++;
		r->p++;
	}
	if (r->p >= r->end)
		return 0;
	r->line = r->next_line;
	r->n = 0;
	r->blen = 0;
	r->start = 0;
	for (;;) {
		const char *p = r->p;
		if (p < r->end && *p == '"' && r->blen == r->start) {
			/* a quoted field */
			p++;
			for (;;) {
				if (p >= r->end) {
					kerr_set(e, KE_INVALID, _("line %d: a quoted field is never closed."), r->line);
					return -1;
				}
				if (*p == '"') {
					if (p + 1 < r->end && p[1] == '"') {
						if (put(r, '"'))
							goto oom;
						p += 2;
						continue;
					}
					p++;
					break;
				}
				if (*p == '\n')
					r->next_line++;
				if (put(r, *p++))
					goto oom;
			}
			if (p < r->end && *p != r->sep && *p != '\n' && *p != '\r') {
				kerr_set(e, KE_INVALID, _("line %d: text after the closing quote of a field."),
					 r->next_line);
				return -1;
			}
			r->p = p;
			continue;
		}
		if (p >= r->end || *p == '\n' || *p == '\r' || *p == r->sep) {
			if (end_field(r))
				goto oom;
			unguard(r->buf + r->offs[r->n - 1]);
			if (p < r->end && *p == r->sep) {
				r->p = p + 1;
				continue;
			}
			if (p < r->end && *p == '\r')
				p++;
			if (p < r->end && *p == '\n') {
				p++;
				r->next_line++;
			}
			r->p = p;
			break;
		}
		if (put(r, *p))
			goto oom;
		r->p = p + 1;
	}
	char **f = realloc(r->fields, (size_t)r->cap * sizeof *f);
	if (!f)
		goto oom;
	r->fields = f;
	for (int i = 0; i < r->n; i++)
		r->fields[i] = r->buf + r->offs[i];
	return 1;
oom:
	kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	return -1;
}
