/* ui_formdata.c — the curses-free half of ui_form.h: the form's values,
 * validation and the draft text format. Kept apart from the drawing so the
 * unit tests can drive it without a terminal. */
#include "ui_form.h"
#include "date.h"
#include "i18n.h"
#include "text.h"

#include <assert.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Room for what someone may type into a date or number field. */
#define NUM_MAXLEN 24

static int has_text(fkind k)
{
	return k != FK_CHOICE && k != FK_BOOL;
}

static int editor_maxlen(const fdesc *d)
{
	if (d->maxlen > 0 || d->kind == FK_TEXT || d->kind == FK_TEXTAREA || d->kind == FK_CHOICE)
		return d->maxlen;
	return NUM_MAXLEN;
}

/* a-z 0-9 _ -, 1 to 40 characters: the form_draft key. */
static int valid_name(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	return n >= 1 && n < sizeof ((form *)0)->name &&
	       strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

form *form_new(const char *name, const char *title, const fdesc *fields, int n)
{
	/* A form without a name could keep no draft: a programming error,
	 * caught at once where it is made. */
	assert(valid_name(name));
	if (!valid_name(name))
		return NULL;
	form *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	snprintf(f->name, sizeof f->name, "%s", name);
	f->title = strdup(title ? title : "");
	f->fld = calloc(n > 0 ? (size_t)n : 1, sizeof *f->fld);
	if (!f->title || !f->fld) {
		free(f->title);
		free(f->fld);
		free(f);
		return NULL;
	}
	f->n = n;
	f->bad = -1;
	for (int i = 0; i < n; i++) {
		struct form_field *fl = &f->fld[i];
		fl->d = fields[i];
		ledit_init(&fl->ed, fl->d.kind == FK_TEXTAREA, editor_maxlen(&fl->d));
		fl->v.text = "";
	}
	return f;
}

void form_free(form *f)
{
	if (!f)
		return;
	for (int i = 0; i < f->n; i++) {
		ledit_free(&f->fld[i].ed);
		free(f->fld[i].orig);
	}
	free(f->fld);
	free(f->title);
	free(f);
}

/* Remembers the current value as the unchanged state. */
static int baseline(struct form_field *fl)
{
	char *o = strdup(ledit_text(&fl->ed));
	if (!o)
		return -1;
	free(fl->orig);
	fl->orig = o;
	fl->orig_id = fl->v.id;
	fl->orig_on = fl->v.on;
	return 0;
}

static struct form_field *field(form *f, int i)
{
	return f && i >= 0 && i < f->n ? &f->fld[i] : NULL;
}

static int set_shown(struct form_field *fl, const char *text)
{
	if (ledit_set(&fl->ed, text) < 0)
		return -1;
	fl->v.text = ledit_text(&fl->ed);
	return 0;
}

/* Field i if it is of kind a or b, else NULL. */
static struct form_field *field_of(form *f, int i, fkind a, fkind b)
{
	struct form_field *fl = field(f, i);
	return fl && (fl->d.kind == a || fl->d.kind == b) ? fl : NULL;
}

/* Shows text for the value just set, and makes both the unchanged state. */
static int show_value(struct form_field *fl, const char *text)
{
	if (set_shown(fl, text) < 0)
		return -1;
	return baseline(fl);
}

int form_set_text(form *f, int i, const char *text)
{
	struct form_field *fl = field(f, i);
	if (!fl || !has_text(fl->d.kind))
		return -1;
	char shown[11];
	if (fl->d.kind == FK_DATE && text && date_valid_iso(text)) {
		date_format(text, shown);
		snprintf(fl->v.iso, sizeof fl->v.iso, "%s", text);
		text = shown;
	}
	if (set_shown(fl, text) < 0)
		return -1;
	return baseline(fl);
}

/* 12500 -> "12.500", the way Danes write amounts. */
static void format_money(long long v, char *out, size_t size)
{
	char digits[32], tmp[48];
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	int n = snprintf(digits, sizeof digits, "%llu", u), k = 0;
	if (v < 0)
		tmp[k++] = '-';
	for (int j = 0; j < n; j++) {
		if (j > 0 && (n - j) % 3 == 0)
			tmp[k++] = '.';
		tmp[k++] = digits[j];
	}
	tmp[k] = '\0';
	snprintf(out, size, "%s", tmp);
}

int form_set_num(form *f, int i, long long num)
{
	struct form_field *fl = field_of(f, i, FK_INT, FK_MONEY);
	if (!fl)
		return -1;
	char buf[48];
	if (fl->d.kind == FK_MONEY)
		format_money(num, buf, sizeof buf);
	else
		snprintf(buf, sizeof buf, "%lld", num);
	fl->v.num = num;
	return show_value(fl, buf);
}

int form_set_dec(form *f, int i, double dec)
{
	struct form_field *fl = field_of(f, i, FK_DECIMAL, FK_DECIMAL);
	if (!fl)
		return -1;
	char buf[64];
	snprintf(buf, sizeof buf, "%.6f", dec);
	/* The decimal point is '.' or ',' depending on LC_NUMERIC; show a comma. */
	char *point = strpbrk(buf, ".,");
	if (point) {
		*point = ',';
		size_t n = strlen(buf);
		while (n > 0 && buf[n - 1] == '0')
			buf[--n] = '\0';
		if (buf[n - 1] == ',')
			buf[n - 1] = '\0';
	}
	fl->v.dec = dec;
	return show_value(fl, buf);
}

int form_set_choice(form *f, int i, int64_t id, const char *label)
{
	struct form_field *fl = field_of(f, i, FK_CHOICE, FK_CHOICE);
	if (!fl)
		return -1;
	fl->v.id = id;
	return show_value(fl, id ? label : "");
}

int form_set_bool(form *f, int i, int on)
{
	struct form_field *fl = field_of(f, i, FK_BOOL, FK_BOOL);
	if (!fl)
		return -1;
	fl->v.on = on != 0;
	return baseline(fl);
}

void form_set_readonly(form *f, int i, int on)
{
	struct form_field *fl = field(f, i);
	if (fl)
		fl->readonly = on != 0;
}

void form_set_focus(form *f, int i)
{
	if (field(f, i))
		f->focus = i;
}

void form_set_record(form *f, int64_t id, int64_t version)
{
	f->record_id = id;
	f->version = version;
}

void form_set_reload(form *f, form_reload_fn fn, void *ctx)
{
	f->reload = fn;
	f->reload_ctx = ctx;
}

void form_set_keys(form *f, form_key_fn fn, void *ctx, const char *bar)
{
	f->keys = fn;
	f->keys_ctx = ctx;
	f->keys_bar = bar;
}

int64_t form_version(const form *f)
{
	return f->version;
}

const fvalue *form_value(form *f, int i)
{
	struct form_field *fl = field(f, i);
	if (!fl)
		return NULL;
	fl->v.text = ledit_text(&fl->ed);
	return &fl->v;
}

int form_dirty(const form *f)
{
	for (int i = 0; i < f->n; i++) {
		const struct form_field *fl = &f->fld[i];
		if (strcmp(ledit_text(&fl->ed), fl->orig ? fl->orig : "") != 0 ||
		    fl->v.id != fl->orig_id || fl->v.on != fl->orig_on)
			return 1;
	}
	return 0;
}

/* ------------------------------------------------------------ validation */

/* Copies s without surrounding blanks; -1 if it does not fit. */
static int trimmed(const char *s, char *out, size_t size)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
		n--;
	if (n >= size)
		return -1;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Digits with an optional sign and, if groups, thousands separated by '.' or
 * ' ' in groups of exactly three ("12.500"); "12.5" is refused rather than
 * guessed at. */
static int parse_whole(const char *s, int allow_neg, int groups, long long *out)
{
	int neg = 0, run = 0, grouped = 0;
	char sep = 0;
	long long v = 0;
	if (allow_neg && *s == '-') {
		neg = 1;
		s++;
	}
	if (!is_digit(*s))
		return -1;
	for (; *s; s++) {
		if (is_digit(*s)) {
			int d = *s - '0';
			if (v > (LLONG_MAX - d) / 10)
				return -1;
			v = v * 10 + d;
			run++;
		} else if (groups && (*s == '.' || *s == ' ') && (!sep || sep == *s) &&
			   (grouped ? run == 3 : run <= 3)) {
			sep = *s;
			grouped = 1;
			run = 0;
		} else {
			return -1;
		}
	}
	if (grouped && run != 3)
		return -1;
	*out = neg ? -v : v;
	return 0;
}

static int strip_prefix(char *s, const char *word)
{
	size_t n = strlen(word);
	if (strncasecmp(s, word, n) != 0)
		return 0;
	memmove(s, s + n, strlen(s + n) + 1);
	return 1;
}

static int strip_suffix(char *s, const char *word)
{
	size_t n = strlen(word), len = strlen(s);
	if (len < n || strcasecmp(s + len - n, word) != 0)
		return 0;
	s[len - n] = '\0';
	return 1;
}

static void trim_in_place(char *s)
{
	char tmp[NUM_MAXLEN * 4 + 8];
	if (trimmed(s, tmp, sizeof tmp) == 0)
		memmove(s, tmp, strlen(tmp) + 1);
}

/* "12.500", "12500 kr.", "kr. 12.500,-", "DKK 12 500,00" -> 12500. */
static int parse_money(const char *text, int allow_neg, long long *out)
{
	char s[NUM_MAXLEN * 4 + 8];
	if (trimmed(text, s, sizeof s) < 0)
		return -1;
	static const char *const units[] = { "kr.", "kr", "dkk" };
	for (size_t u = 0; u < sizeof units / sizeof *units; u++)
		if (strip_prefix(s, units[u]) || strip_suffix(s, units[u]))
			break;
	trim_in_place(s);
	if (!strip_suffix(s, ",-") && !strip_suffix(s, ",00"))
		(void)strip_suffix(s, ".-");
	trim_in_place(s);
	return parse_whole(s, allow_neg, 1, out);
}

/* "7,5" or "7.5"; done by hand because strtod follows LC_NUMERIC. */
static int parse_decimal(const char *s, double *out)
{
	int neg = 0, digits = 0;
	double v = 0, scale = 1;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	if (!is_digit(*s))
		return -1;
	for (; is_digit(*s); s++, digits++)
		v = v * 10 + (*s - '0');
	if (*s == ',' || *s == '.') {
		s++;
		if (!is_digit(*s))
			return -1;
		for (; is_digit(*s); s++, digits++) {
			scale /= 10;
			v += (*s - '0') * scale;
		}
	}
	if (*s || digits > 15)
		return -1;
	*out = neg ? -v : v;
	return 0;
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			return 0;
	return 1;
}

static int limited(const fdesc *d)
{
	return d->min != 0 || d->max != 0;
}

static kcode check_whole(const fdesc *d, const char *s, long long *num, kerr *e)
{
	int ok = d->kind == FK_MONEY ? parse_money(s, d->min < 0, num) == 0
				     : parse_whole(s, d->min < 0, 0, num) == 0;
	if (ok && (!limited(d) || (*num >= d->min && *num <= d->max)))
		return KE_OK;
	if (limited(d))
		return kerr_set(e, KE_INVALID, _("%s must be a whole number between %lld and %lld."),
				d->label, d->min, d->max);
	if (d->kind == FK_MONEY)
		return kerr_set(e, KE_INVALID, _("%s: write an amount in whole kroner, like 12.500."), d->label);
	return kerr_set(e, KE_INVALID, _("%s must be a whole number."), d->label);
}

static kcode check_decimal(const fdesc *d, const char *s, double *dec, kerr *e)
{
	if (parse_decimal(s, dec) < 0)
		return kerr_set(e, KE_INVALID, _("%s: write a number like 7,5."), d->label);
	if (limited(d) && (*dec < (double)d->min || *dec > (double)d->max))
		return kerr_set(e, KE_INVALID, _("%s must be a number between %lld and %lld."),
				d->label, d->min, d->max);
	return KE_OK;
}

void form_set_year(form *f, int year)
{
	f->year = year;
}

static kcode check_date(const form *f, struct form_field *fl, const char *s, kerr *e)
{
	char iso[11], shown[11];
	if (date_parse(s, f->year ? f->year : date_year_today(), iso) != 0)
		return kerr_set(e, KE_INVALID, _("%s: write a date like 22-11-2026."), fl->d.label);
	snprintf(fl->v.iso, sizeof fl->v.iso, "%s", iso);
	date_format(iso, shown);
	if (strcmp(shown, ledit_text(&fl->ed)) != 0 && set_shown(fl, shown) < 0)
		return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	return KE_OK;
}

static kcode check_field(const form *f, struct form_field *fl, kerr *e)
{
	const fdesc *d = &fl->d;
	const char *text = ledit_text(&fl->ed);
	int empty = d->kind == FK_CHOICE ? fl->v.id == 0 : d->kind != FK_BOOL && blank(text);
	if (empty) {
		fl->v.iso[0] = '\0';
		fl->v.num = 0;
		fl->v.dec = 0;
		if (d->required)
			return kerr_set(e, KE_INVALID, _("%s is required."), d->label);
		return KE_OK;
	}
	if (d->kind == FK_CHOICE || d->kind == FK_BOOL)
		return KE_OK;
	if (text_has_unsafe(text, d->kind == FK_TEXTAREA))
		return kerr_set(e, KE_INVALID, _("%s contains control characters, which cannot be stored."),
				d->label);
	if (d->maxlen > 0 && text_cp_count(text) > d->maxlen)
		return kerr_set(e, KE_INVALID, _("%s is too long (at most %d characters)."), d->label, d->maxlen);
	char s[NUM_MAXLEN * 4 + 8];
	if (d->kind != FK_TEXT && d->kind != FK_TEXTAREA && trimmed(text, s, sizeof s) < 0)
		s[0] = '\0'; /* far too long to be a number or date: let it fail below */
	switch (d->kind) {
	case FK_DATE:
		return check_date(f, fl, s, e);
	case FK_INT:
	case FK_MONEY:
		return check_whole(d, s, &fl->v.num, e);
	case FK_DECIMAL:
		return check_decimal(d, s, &fl->v.dec, e);
	default:
		return KE_OK;
	}
}

kcode form_validate(form *f, int *bad_field, kerr *e)
{
	*bad_field = -1;
	for (int i = 0; i < f->n; i++) {
		kcode c = check_field(f, &f->fld[i], e);
		f->fld[i].v.text = ledit_text(&f->fld[i].ed);
		if (c != KE_OK) {
			*bad_field = i;
			return c;
		}
	}
	kerr_clear(e);
	return KE_OK;
}

/* ------------------------------------------------------------ drafts */

static const char kinds[] = "tTdimDcb"; /* by fkind */
static const char header[] = "kupform 1\n";

static void put_escaped(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default: fputc(*s, out); break;
		}
	}
}

char *form_serialize(const form *f)
{
	char *data = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&data, &size);
	if (!out)
		return NULL;
	fputs(header, out);
	for (int i = 0; i < f->n; i++) {
		const struct form_field *fl = &f->fld[i];
		fprintf(out, "%c\t%lld\t%d\t", kinds[fl->d.kind], (long long)fl->v.id, fl->v.on);
		put_escaped(out, ledit_text(&fl->ed));
		fputc('\n', out);
	}
	int bad = ferror(out);
	if (fclose(out) != 0 || bad) {
		free(data);
		return NULL;
	}
	return data;
}

/* Decodes the escaped text in [s,end) into a new string; NULL if malformed
 * or out of memory. */
static char *unescape(const char *s, const char *end)
{
	char *out = malloc((size_t)(end - s) + 1), *o = out;
	if (!out)
		return NULL;
	for (; s < end; s++) {
		if (*s != '\\') {
			*o++ = *s;
			continue;
		}
		if (++s == end) {
			free(out);
			return NULL;
		}
		switch (*s) {
		case '\\': *o++ = '\\'; break;
		case 'n': *o++ = '\n'; break;
		case 't': *o++ = '\t'; break;
		case 'r': *o++ = '\r'; break;
		default: free(out); return NULL;
		}
	}
	*o = '\0';
	return out;
}

struct parsed {
	char *text;
	long long id;
	int on;
};

/* One line "k<TAB>id<TAB>on<TAB>text" for field fl; -1 if it does not fit. */
static int parse_line(const struct form_field *fl, const char *line, const char *end, struct parsed *p)
{
	char *q;
	if (end - line < 2 || line[0] != kinds[fl->d.kind] || line[1] != '\t')
		return -1;
	p->id = strtoll(line + 2, &q, 10);
	if (q == line + 2 || *q != '\t' || (q[1] != '0' && q[1] != '1') || q[2] != '\t')
		return -1;
	p->on = q[1] == '1';
	p->text = unescape(q + 3, end);
	return p->text ? 0 : -1;
}

static int apply(form *f, struct parsed *p)
{
	for (int i = 0; i < f->n; i++) {
		struct form_field *fl = &f->fld[i];
		if (set_shown(fl, p[i].text) < 0)
			return -1;
		fl->v.id = p[i].id;
		fl->v.on = p[i].on;
	}
	return 0;
}

int form_restore(form *f, const char *data)
{
	if (!data || strncmp(data, header, sizeof header - 1) != 0)
		return -1;
	struct parsed *p = calloc(f->n > 0 ? (size_t)f->n : 1, sizeof *p);
	if (!p)
		return -1;
	const char *s = data + sizeof header - 1;
	int i, rc = 0;
	for (i = 0; i < f->n && rc == 0; i++) {
		const char *nl = strchr(s, '\n');
		if (!nl || parse_line(&f->fld[i], s, nl, &p[i]) < 0)
			rc = -1;
		else
			s = nl + 1;
	}
	if (rc == 0 && *s != '\0')
		rc = -1;
	if (rc == 0)
		rc = apply(f, p);
	for (int j = 0; j < f->n; j++)
		free(p[j].text);
	free(p);
	return rc;
}
