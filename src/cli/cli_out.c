/* cli_out.c — see cli_out.h. */
#include "cli_out.h"
#include "i18n.h"
#include "userfile.h"

#include <stdlib.h>
#include <string.h>

void cli_out_init(struct cli_out *o, csv_format def)
{
	memset(o, 0, sizeof *o);
	o->fmt = def;
}

const char *cli_heading(const char *code, const char *label)
{
	return i18n_lang() == LANG_EN || !label ? code : _(label);
}

int cli_out_option(struct cli *c, int *i, struct cli_out *o)
{
	const char *a = c->argv[*i];
	int has_value = *i + 1 < c->argc;
	if (!strcmp(a, "--bom")) {
		o->bom = 1;
		return 1;
	}
	if (strcmp(a, "--format") && strcmp(a, "--sep") && strcmp(a, "--out"))
		return 0;
	if (!has_value)
		return cli_usage_error(_("option %s needs a value"), a);
	const char *v = c->argv[++*i];
	if (!strcmp(a, "--format")) {
		if (csv_parse_format(v, &o->fmt))
			return cli_usage_error(_("--format takes text, csv or tsv, not %s"), v);
		o->fmt_set = 1;
	} else if (!strcmp(a, "--sep")) {
		if (csv_parse_sep(v, &o->sep) || o->sep == '\t')
			return cli_usage_error(_("--sep takes ',' or ';', not %s"), v);
	} else {
		if (!*v)
			return cli_usage_error(_("option %s needs a value"), a);
		o->path = v;
	}
	return 1;
}

int cli_out_open(struct cli_out *o, int allow_text)
{
	/* --sep and --bom are about CSV: they choose it when no format is given */
	if ((o->sep || o->bom) && !o->fmt_set)
		o->fmt = CSV_CSV;
	if (o->fmt == CSV_TEXT && !allow_text)
		return cli_usage_error("%s", _("--format takes csv or tsv here"));
	if (o->sep && o->fmt != CSV_CSV)
		return cli_usage_error("%s", _("--sep goes with --format csv"));
	if (o->bom && o->fmt == CSV_TEXT)
		return cli_usage_error("%s", _("--bom goes with --format csv or tsv"));
	if (o->path && strcmp(o->path, "-")) {
		o->f = open_memstream(&o->buf, &o->len);
		if (!o->f) {
			fprintf(stderr, "kup: %s\n", _("Out of memory."));
			return 1;
		}
	} else {
		o->f = stdout;
	}
	if (o->fmt != CSV_TEXT)
		csv_begin(&o->csv, o->f, o->fmt, o->sep ? o->sep : ',', o->bom);
	else if (o->bom)
		fputs("\xEF\xBB\xBF", o->f);
	return 0;
}

int cli_out_close(struct cli_out *o, int ok)
{
	if (o->f == stdout) {
		o->f = NULL;
		int rc = cli_flush_stdout();
		return ok ? rc : 1;
	}
	if (!o->f)
		return ok ? 0 : 1;
	int bad = fclose(o->f) != 0;
	o->f = NULL;
	int rc = ok ? 0 : 1;
	if (ok && bad) {
		fprintf(stderr, "kup: %s\n", _("Out of memory."));
		rc = 1;
	} else if (ok) {
		kerr e = { 0 };
		if (userfile_write(o->path, o->buf ? o->buf : "", o->len, &e))
			rc = cli_fail(&e);
	}
	free(o->buf);
	o->buf = NULL;
	return rc;
}
