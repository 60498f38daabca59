/* privacy_doc.c — see privacy_doc.h. The JSON holds the values exactly as
 * stored, so a program can compare it with the database; the pages for the
 * person name columns and codes the way the screens do. */
#include "privacy_doc.h"
#include "date.h"
#include "db_names.h"
#include "db_privacy_export.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int privacy_fmt_parse(const char *s, privacy_fmt *out)
{
	if (!s)
		return -1;
	if (!strcmp(s, "json")) *out = PD_JSON;
	else if (!strcmp(s, "md") || !strcmp(s, "markdown")) *out = PD_MD;
	else if (!strcmp(s, "html")) *out = PD_HTML;
	else return -1;
	return 0;
}

const char *privacy_fmt_ext(privacy_fmt f)
{
	return f == PD_JSON ? "json" : f == PD_HTML ? "html" : "md";
}

void privacy_doc_default_path(const char *login, privacy_fmt fmt, char *buf, size_t size)
{
	const char *home = getenv("HOME");
	char name[64];
	size_t n = 0;
	/* a safe file name, '@' kept so an AD login still reads as itself */
	for (const char *p = login; *p && n + 1 < sizeof name; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_' ||
		    *p == '@')
			name[n++] = *p;
	name[n] = '\0';
	snprintf(buf, size, "%s/kup-data-%s.%s", home && *home ? home : ".", n ? name : "person",
		 privacy_fmt_ext(fmt));
}

/* ---- JSON ---- */

static void json_str(FILE *f, const char *s)
{
	putc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			putc(*p, f);
	}
	putc('"', f);
}

static void json_value(FILE *f, const kpvalue *v)
{
	if (v->type == 'n')
		fputs("null", f); /* untranslated: JSON for programs */
	else if (v->type == 'i' || v->type == 'r')
		fputs(v->text, f);
	else
		json_str(f, v->text);
}

static void write_json(FILE *f, const kpexport *x)
{
	fputs("{\n  \"subject_access\": {\"login\": ", f); /* untranslated: JSON for programs */
	json_str(f, x->login);
	fputs(", \"name\": ", f); /* untranslated: JSON for programs */
	json_str(f, x->name);
	fprintf(f, ", \"staff_id\": %lld, \"made_at_utc\": ", (long long)x->staff_id); /* untranslated: JSON */
	json_str(f, x->made_at);
	fputs(", \"made_by\": ", f); /* untranslated: JSON for programs */
	json_str(f, x->made_by);
	fputs("},\n  \"tables\": [", f); /* untranslated: JSON for programs */
	for (int i = 0; i < x->ntables; i++) {
		const kptable *t = &x->tables[i];
		fputs(i ? ",\n    {\"table\": " : "\n    {\"table\": ", f); /* untranslated: JSON */
		json_str(f, t->map->table);
		fputs(", \"concerns\": ", f); /* untranslated: JSON for programs */
		json_str(f, t->map->link);
		fputs(", \"personal_columns\": [", f); /* untranslated: JSON for programs */
		for (int c = 0, k = 0; c < t->ncols; c++)
			if (t->personal[c] == 1) {
				fputs(k++ ? ", " : "", f);
				json_str(f, t->cols[c]);
			}
		fputs("], \"rows\": [", f); /* untranslated: JSON for programs */
		for (int r = 0; r < t->nrows; r++) {
			fputs(r ? ",\n      {" : "\n      {", f);
			for (int c = 0; c < t->ncols; c++) {
				fputs(c ? ", " : "", f);
				json_str(f, t->cols[c]);
				fputs(": ", f); /* untranslated: JSON for programs */
				json_value(f, &t->vals[r * t->ncols + c]);
			}
			if (t->withheld[r])
				fputs(", \"_withheld\": \"about another person\"", f); /* untranslated: a key for programs */
			putc('}', f);
		}
		fputs(t->nrows ? "\n    ]}" : "]}", f);
	}
	fputs("\n  ]\n}\n", f); /* untranslated: JSON for programs */
}

/* ---- Markdown and HTML ---- */

typedef struct doc {
	FILE *f;
	int html;
	int nomem; /* a value could not be shown: the document is not whole */
} doc;

static void esc(doc *d, const char *s)
{
	for (const char *p = s ? s : ""; *p; p++) {
		/* the sort keys hold control characters, which no page may */
		if ((unsigned char)*p < 0x20 && *p != '\n') {
			putc(' ', d->f);
			continue;
		}
		if (d->html) {
			switch (*p) {
			case '&': fputs("&amp;", d->f); continue;
			case '<': fputs("&lt;", d->f); continue;
			case '>': fputs("&gt;", d->f); continue;
			case '"': fputs("&quot;", d->f); continue;
			case '\'': fputs("&#39;", d->f); continue;
			case '\n': fputs("<br/>", d->f); continue;
			}
		} else {
			if (strchr("\\`*_[]<>#|", *p))
				putc('\\', d->f);
			if (*p == '\n') {
				fputs("  \n", d->f); /* a hard line break */
				continue;
			}
		}
		putc(*p, d->f);
	}
}

static void wrap(doc *d, const char *pre, const char *text, const char *post)
{
	fputs(pre, d->f);
	esc(d, text);
	fputs(post, d->f);
}

static const char CSS[] =
	"body{font-family:system-ui,\"Segoe UI\",Arial,sans-serif;max-width:52em;margin:2em auto;"
	"padding:0 1em;color:#111;line-height:1.4}"
	"h1{font-size:1.6em;border-bottom:2px solid #333;padding-bottom:.2em}"
	"h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #999}"
	"table.fields{border-collapse:collapse;margin:.6em 0 1em;width:100%}"
	"table.fields th{text-align:left;font-weight:600;padding:.15em 1em .15em 0;vertical-align:top;"
	"color:#444;white-space:nowrap;width:14em}"
	"table.fields td{padding:.15em 0}"
	"table.fields tr:first-child th,table.fields tr:first-child td{border-top:1px solid #ccc}"
	"@media print{body{margin:0;max-width:none;font-size:10pt}h2{page-break-after:avoid}}";

/* A stored value as a person reads it: codes by name, dates and times
 * the Danish way. */
static void shown(const char *tbl, const char *col, const kpvalue *v, char *buf, size_t size)
{
	if (v->type == 'n') {
		snprintf(buf, size, "%s", "–");
		return;
	}
	if (v->named && *v->named) {
		snprintf(buf, size, "%s (%s)", v->named, v->text);
		return;
	}
	const char *s = v->text;
	size_t n = strlen(s);
	if (n == 10 && date_valid_iso(s)) {
		char day[11];
		date_format(s, day);
		snprintf(buf, size, "%s", day);
	} else if (n == 19 && s[10] == ' ') {
		date_local_time(s, buf, size);
	} else {
		snprintf(buf, size, "%s", column_value_name(tbl, col, s));
	}
}

static void write_row(doc *d, const kptable *t, int r)
{
	fputs(d->html ? "<table class=\"fields\">\n" : "", d->f);
	for (int c = 0; c < t->ncols; c++) {
		const kpvalue *v = &t->vals[r * t->ncols + c];
		const char *label = column_label(t->map->table, t->cols[c]);
		size_t need = (v->text ? strlen(v->text) : 0) + (v->named ? strlen(v->named) : 0) + 64;
		char *buf = malloc(need);
		if (!buf) {
			d->nomem = 1;
			return;
		}
		if (t->withheld[r] && t->personal[c] == 1 && v->type == 'n')
			snprintf(buf, need, "%s", _("(left out: about another person)"));
		else
			shown(t->map->table, t->cols[c], v, buf, need);
		if (d->html) {
			wrap(d, "<tr><th>", label, "</th>");
			wrap(d, "<td>", buf, "</td></tr>\n");
		} else {
			wrap(d, c ? "  " : "- ", label, ": ");
			wrap(d, "", buf, c + 1 < t->ncols ? "  \n" : "\n"); /* hard breaks: one field a line */
		}
		free(buf);
	}
	fputs(d->html ? "</table>\n" : "\n", d->f);
}

static void write_page(doc *d, const kpexport *x)
{
	char title[400], made[DATE_LOCAL_TIME_SIZE], intro[800];
	snprintf(title, sizeof title, _("What kup stores about %s"), x->name);
	date_local_time(x->made_at, made, sizeof made);
	snprintf(intro, sizeof intro,
		 _("Login %s. Made %s by %s. Each section is one kind of record, and says how it concerns you."),
		 x->login, made, x->made_by);
	if (d->html) {
		fprintf(d->f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>",
			i18n_lang() == LANG_EN ? "en" : "da");
		esc(d, title);
		fprintf(d->f, "</title>\n<style>%s</style>\n</head>\n<body>\n", CSS);
		wrap(d, "<h1>", title, "</h1>\n");
		wrap(d, "<p>", intro, "</p>\n");
	} else {
		wrap(d, "# ", title, "\n\n");
		wrap(d, "", intro, "\n");
	}
	for (int i = 0; i < x->ntables; i++) {
		const kptable *t = &x->tables[i];
		char head[300];
		snprintf(head, sizeof head, "%s (%s)", _(t->map->link), t->map->table);
		if (head[0] >= 'a' && head[0] <= 'z')
			head[0] = (char)(head[0] - 'a' + 'A');
		wrap(d, d->html ? "<h2>" : "\n## ", head, d->html ? "</h2>\n" : "\n\n");
		if (!t->nrows)
			wrap(d, d->html ? "<p>" : "", _("Nothing stored."), d->html ? "</p>\n" : "\n");
		for (int r = 0; r < t->nrows; r++)
			write_row(d, t, r);
	}
	if (d->html)
		fputs("</body>\n</html>\n", d->f);
}

kcode privacy_doc(kdb *db, const kactor *who, const char *login, privacy_fmt fmt, char **out, size_t *len,
		  kerr *e)
{
	*out = NULL;
	*len = 0;
	kpexport x;
	if (pexport_read(db, who, login, &x, e))
		return e->code;
	kcode c = KE_OK;
	int nomem = 0;
	FILE *f = open_memstream(out, len);
	if (!f) {
		c = kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	} else {
		if (fmt == PD_JSON) {
			write_json(f, &x);
		} else {
			doc d = { f, fmt == PD_HTML, 0 };
			write_page(&d, &x);
			nomem = d.nomem;
		}
		if (fclose(f) != 0 || nomem)
			c = kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
		if (c) {
			free(*out);
			*out = NULL;
			*len = 0;
		}
	}
	pexport_free(&x);
	return c;
}
