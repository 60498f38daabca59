/* Unit tests for src/base/csv.c: RFC 4180 quoting and reading back (quotes,
 * separators, line breaks, æøå), the semicolon/decimal-comma form for
 * Danish Excel, the BOM, TSV, the formula guard, separator detection, and
 * decoding Windows-1252 and BOM'd UTF-8. */
#include "t.h"

#include "csv.h"
#include "i18n.h"

static char *out;
static size_t outlen;

static FILE *mem(void)
{
	free(out);
	out = NULL;
	outlen = 0;
	return open_memstream(&out, &outlen);
}

/* Writes the fields as one row and returns the text. */
static const char *row(csv_format fmt, char sep, const char *const *f, int n)
{
	FILE *m = mem();
	csv_out o;
	csv_begin(&o, m, fmt, sep, 0);
	for (int i = 0; i < n; i++)
		csv_field(&o, f[i]);
	csv_end_row(&o);
	fclose(m);
	return out;
}

static const char *nums(char sep)
{
	FILE *m = mem();
	csv_out o;
	csv_begin(&o, m, CSV_CSV, sep, 0);
	csv_real(&o, 7.5, 2, 0);
	csv_real(&o, 60, 3, 0);
	csv_int(&o, -12);
	csv_real(&o, -1, 2, 1);
	csv_real(&o, 0.125, 3, 0);
	csv_end_row(&o);
	fclose(m);
	return out;
}

/* Writes the fields, reads them back and compares. */
static int round_trip(char sep, const char *const *f, int n)
{
	FILE *m = mem();
	csv_out o;
	csv_begin(&o, m, CSV_CSV, sep, 0);
	for (int r = 0; r < 2; r++) {
		for (int i = 0; i < n; i++)
			csv_field(&o, f[i]);
		csv_end_row(&o);
	}
	fclose(m);
	csv_in in;
	kerr e = { 0 };
	csv_in_init(&in, out);
	int ok = in.sep == sep;
	for (int r = 0; r < 2 && ok; r++) {
		ok = csv_in_row(&in, &e) == 1 && in.n == n;
		for (int i = 0; ok && i < n; i++) {
			ok = strcmp(in.fields[i], f[i]) == 0;
			if (!ok)
				printf("#   field %d: got '%s', want '%s'\n", i, in.fields[i], f[i]);
		}
	}
	ok = ok && csv_in_row(&in, &e) == 0;
	csv_in_free(&in);
	return ok;
}

int main(void)
{
	i18n_init("en");
	const char *plain[] = { "id", "Søren Ågård", "Børnehuset Æblet" };
	CHECK_STR(row(CSV_CSV, ',', plain, 3), "id,Søren Ågård,Børnehuset Æblet\r\n",
		  "plain fields are not quoted; CSV rows end in CRLF");
	const char *hard[] = { "Hansen, Jens", "Jens \"Store\" Hansen", "two\nlines", "a;b" };
	CHECK_STR(row(CSV_CSV, ',', hard, 4), "\"Hansen, Jens\",\"Jens \"\"Store\"\" Hansen\",\"two\nlines\",a;b\r\n",
		  "comma, quote and newline are quoted, quotes doubled (RFC 4180)");
	CHECK_STR(row(CSV_CSV, ';', hard, 4), "Hansen, Jens;\"Jens \"\"Store\"\" Hansen\";\"two\nlines\";\"a;b\"\r\n",
		  "with ';' the semicolon is what gets quoted");
	CHECK_STR(row(CSV_TSV, 0, hard, 4), "Hansen, Jens\tJens \"Store\" Hansen\ttwo lines\ta;b\n",
		  "TSV: no quoting, tabs and line breaks become spaces, LF rows");
	const char *formula[] = { "=SUM(A1)", "+45 1234", "-", "@x", "'=kept", "'plain" };
	CHECK_STR(row(CSV_CSV, ',', formula, 6), "\"'=SUM(A1)\",\"'+45 1234\",\"'-\",\"'@x\",\"''=kept\",'plain\r\n",
		  "text a spreadsheet would run as a formula gets an apostrophe");
	CHECK(round_trip(',', formula, 6), "... which the reader takes off again");
	const char *empty[] = { "", " lead", "trail ", "" };
	CHECK_STR(row(CSV_CSV, ',', empty, 4), ",\" lead\",\"trail \",\r\n", "empty fields stay empty; edge spaces are quoted");

	CHECK_STR(nums(','), "7.5,60,-12,,0.125\r\n", "numbers: point, no trailing zeros, blank for none");
	CHECK_STR(nums(';'), "7,5;60;-12;;0,125\r\n", "with ';' the decimal comma Danish Excel reads");

	FILE *m = mem();
	csv_out o;
	csv_begin(&o, m, CSV_CSV, ';', 1);
	csv_field(&o, "x");
	csv_end_row(&o);
	fclose(m);
	CHECK(outlen == 6 && !memcmp(out, "\xEF\xBB\xBFx\r\n", 6), "--bom puts the UTF-8 BOM first");

	const char *names[] = { "Søren \"Ågård\" Ærø", "Hansen; Jens", "line one\nline two", "æøå ÆØÅ", "" };
	CHECK(round_trip(',', names, 5), "round trip with ',': quotes, semicolons, newlines and æøå");
	CHECK(round_trip(';', names, 5), "round trip with ';'");

	/* reading */
	csv_in in;
	kerr e = { 0 };
	csv_in_init(&in, "navn;enhed\r\n\"A, B\";X\r\n\r\nC;\"Y\"\"Z\"\n");
	CHECK(in.sep == ';', "the separator is found from the header line");
	CHECK(csv_in_row(&in, &e) == 1 && in.n == 2 && in.line == 1, "header row, line 1");
	CHECK(csv_in_row(&in, &e) == 1 && !strcmp(in.fields[0], "A, B") && in.line == 2, "quoted comma in a ';' file");
	CHECK(csv_in_row(&in, &e) == 1 && !strcmp(in.fields[1], "Y\"Z") && in.line == 4,
	      "an empty line is skipped and the line numbers still count it");
	CHECK(csv_in_row(&in, &e) == 0, "then the end");
	csv_in_free(&in);

	csv_in_init(&in, "a,b\n\"x\ny\",z\nq,w\n");
	csv_in_row(&in, &e);
	csv_in_row(&in, &e);
	CHECK(csv_in_row(&in, &e) == 1 && in.line == 4, "a line break inside quotes moves the line count on");
	csv_in_free(&in);

	csv_in_init(&in, "a,b\n\"open,b\n");
	csv_in_row(&in, &e);
	CHECK(csv_in_row(&in, &e) == -1 && e.code == KE_INVALID && strstr(e.msg, "line 2"),
	      "an unclosed quote is an error naming the line (%s)", e.msg);
	csv_in_free(&in);
	csv_in_init(&in, "a,b\n\"x\"y,b\n");
	csv_in_row(&in, &e);
	CHECK(csv_in_row(&in, &e) == -1 && strstr(e.msg, "line 2"), "text after a closing quote is an error");
	csv_in_free(&in);
	csv_in_init(&in, "a,b");
	CHECK(csv_in_row(&in, &e) == 1 && in.n == 2 && !strcmp(in.fields[1], "b"), "a last line without a newline");
	csv_in_free(&in);
	csv_in_init(&in, "a\tb\tc\n");
	CHECK(in.sep == '\t', "tab-separated files are recognised");
	csv_in_free(&in);

	/* decoding */
	char *u = NULL;
	int cp = -1;
	CHECK(csv_decode("\xEF\xBB\xBFS\xC3\xB8ren", 9, &u, &cp, &e) == KE_OK && !strcmp(u, "Søren") && cp == 0,
	      "UTF-8 with a BOM: the BOM is dropped");
	free(u);
	CHECK(csv_decode("S\xF8ren \xC5g\xE5rd \x80 \x93x\x94", 17, &u, &cp, &e) == KE_OK && cp == 1 &&
	      !strcmp(u, "Søren Ågård € “x”"), "Windows-1252 (ø å Å € quotes) becomes UTF-8 (%s)", u ? u : "");
	free(u);
	CHECK(csv_decode("a\nb\x81", 4, &u, &cp, &e) == KE_INVALID && strstr(e.msg, "line 2") && strstr(e.msg, "0x81"),
	      "a byte Windows-1252 does not define is refused, naming the line (%s)", e.msg);
	CHECK(csv_decode("\xED\xA0\x80", 3, &u, &cp, &e) == KE_OK && cp == 1, "an encoded surrogate is not UTF-8");
	free(u);

	csv_format f;
	char sep;
	CHECK(!csv_parse_format("csv", &f) && f == CSV_CSV && csv_parse_format("xls", &f) == -1, "formats");
	CHECK(!csv_parse_sep(";", &sep) && sep == ';' && csv_parse_sep("|", &sep) == -1, "separators");
	free(out);
	i18n_done();
	return t_done();
}
