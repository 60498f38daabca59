/* cli_report.c — `kup report KIND [--year Y] [--unit NAME] [--format
 * text|csv|tsv] [--sep ';'] [--bom] [--out FILE]`: the figures of the
 * Reports pane, from the same report_run(), as an aligned table (text) or
 * for spreadsheets and scripts. Text uses the screen's number style; CSV and
 * TSV write plain numbers (csv.h) under a header that follows the language
 * (cli_heading: codes with --lang en, the screen's labels in Danish). The
 * total row comes last in every form. */
#include "cli_report.h"
#include "cli_ident.h"
#include "cli_opts.h"
#include "cli_out.h"
#include "date.h"
#include "db_org.h"
#include "db_report.h"
#include "i18n.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_pad(FILE *f, const char *s, int width, int right)
{
	int w = text_width(s);
	if (right)
		for (int i = w; i < width; i++)
			putc(' ', f);
	fputs(s, f);
	if (!right)
		for (int i = w; i < width; i++)
			putc(' ', f);
}

static const char *group_name(const char *code)
{
	return !strcmp(code, "leaders") ? _("Leaders") : !strcmp(code, "staff") ? _("Staff") : "";
}

static void text_row(FILE *f, const report_t *r, const report_row *row, const int *w)
{
	char cell[64];
	put_pad(f, row->label, w[0], 0);
	if (r->kind == REP_COVERAGE) {
		fputs("  ", f);
		put_pad(f, group_name(row->group), w[1], 0);
	}
	for (int c = 0; c < r->ncols; c++) {
		report_cell(r, row, c, cell, sizeof cell);
		fputs("  ", f);
		put_pad(f, cell, w[2 + c], 1);
	}
	putc('\n', f);
}

static void print_text(FILE *f, const report_t *r, const char *unit_name)
{
	int w[2 + REPORT_MAXCOLS] = { 0 };
	char cell[64];
	w[0] = text_width(_(r->label_head));
	w[1] = text_width(_("Group"));
	for (int c = 0; c < r->ncols; c++)
		w[2 + c] = text_width(_(r->cols[c].label));
	for (int i = 0; i <= r->nrows; i++) {
		const report_row *row = i < r->nrows ? &r->rows[i] : &r->total;
		if (text_width(row->label) > w[0])
			w[0] = text_width(row->label);
		if (text_width(group_name(row->group)) > w[1])
			w[1] = text_width(group_name(row->group));
		for (int c = 0; c < r->ncols; c++) {
			report_cell(r, row, c, cell, sizeof cell);
			if (text_width(cell) > w[2 + c])
				w[2 + c] = text_width(cell);
		}
	}
	fprintf(f, "%s %d — %s\n\n", report_title(r->kind), r->year, unit_name);
	put_pad(f, _(r->label_head), w[0], 0);
	if (r->kind == REP_COVERAGE) {
		fputs("  ", f);
		put_pad(f, _("Group"), w[1], 0);
	}
	for (int c = 0; c < r->ncols; c++) {
		fputs("  ", f);
		put_pad(f, _(r->cols[c].label), w[2 + c], 1);
	}
	putc('\n', f);
	for (int i = 0; i < r->nrows; i++)
		text_row(f, r, &r->rows[i], w);
	text_row(f, r, &r->total, w);
}

static void csv_row(csv_out *o, const report_t *r, const report_row *row)
{
	csv_field(o, row->label);
	if (r->kind == REP_COVERAGE) /* a word, like its heading: the code in English */
		csv_field(o, i18n_lang() == LANG_EN ? row->group : group_name(row->group));
	for (int c = 0; c < r->ncols; c++) {
		if (!row->has[c])
			csv_blank(o);
		else if (r->cols[c].kind == RC_INT || r->cols[c].kind == RC_MONEY)
			csv_int(o, (long long)(row->v[c] < 0 ? row->v[c] - 0.5 : row->v[c] + 0.5));
		else
			csv_real(o, row->v[c], 1, 0);
	}
	csv_end_row(o);
}

static void print_csv(csv_out *o, const report_t *r)
{
	csv_field(o, cli_heading(r->label_code, r->label_head));
	if (r->kind == REP_COVERAGE)
		csv_field(o, cli_heading("group", N_("Group")));
	for (int c = 0; c < r->ncols; c++)
		csv_field(o, cli_heading(r->cols[c].code, r->cols[c].label));
	csv_end_row(o);
	for (int i = 0; i < r->nrows; i++)
		csv_row(o, r, &r->rows[i]);
	csv_row(o, r, &r->total);
}

static int usage_kinds(const char *what)
{
	return cli_usage_error(_("report takes coverage, followup, competences, focus, crossprof, methods or cost, not %s"),
			       what);
}

int cmd_report(struct cli *c)
{
	if (c->argc < 2)
		return usage_kinds("");
	kreport k;
	if (report_parse(c->argv[1], &k))
		return usage_kinds(c->argv[1]);
	struct cli_out o;
	cli_out_init(&o, CSV_TEXT);
	int year = 0;
	const char *unit = NULL;
	for (int i = 2; i < c->argc; i++) {
		const char *v;
		int rc = cli_out_option(c, &i, &o);
		if (rc == CLI_USAGE)
			return rc;
		if (rc)
			continue;
		if ((v = cli_opt_value(c, &i, "--year"))) {
			if (cli_opt_year(v, &year))
				return CLI_USAGE;
		} else if ((v = cli_opt_value(c, &i, "--unit"))) {
			unit = v;
		} else {
			return cli_usage_error(_("report does not know %s"), c->argv[i]);
		}
	}
	if (!year)
		year = date_year_today();
	struct cli_db d;
	if (cli_open(c, DB_OPEN_READONLY, &d))
		return 1;
	int64_t unit_id = 0;
	report_t r;
	if ((unit && unit_find(d.db, unit, &unit_id, &d.e)) ||
	    report_run(d.db, &d.who, k, year, unit_id, &r, &d.e)) {
		db_close(d.db);
		return cli_fail(&d.e);
	}
	db_close(d.db);
	int rc = cli_out_open(&o, 1);
	if (rc) {
		report_free(&r);
		return rc;
	}
	if (o.fmt == CSV_TEXT)
		print_text(o.f, &r, unit ? unit : _("all units"));
	else
		print_csv(&o.csv, &r);
	report_free(&r);
	return cli_out_close(&o, 1);
}
