/* Unit tests for the pieces of csv.h a file read a row at a time uses
 * (import_file.c): each line decoded on its own, a row that goes on past a
 * line break inside quotes, and rows fed one after another with the
 * separator of the first line and their own line numbers. */
#include "t.h"

#include "csv.h"
#include "i18n.h"

int main(void)
{
	i18n_init("en");
	kerr e = { 0 };
	char *u = NULL;
	int cp = -1;
	CHECK(csv_decode_line("\xC3\x85se\n", 5, 7, &u, &cp, &e) == KE_OK && !strcmp(u, "Åse\n") && cp == 0,
	      "a UTF-8 line stays UTF-8");
	free(u);
	CHECK(csv_decode_line("\xC5se\n", 4, 8, &u, &cp, &e) == KE_OK && !strcmp(u, "Åse\n") && cp == 1,
	      "a line that is not UTF-8 is read as Windows-1252");
	free(u);
	CHECK(csv_decode_line("a\x81", 2, 12, &u, &cp, &e) == KE_INVALID && strstr(e.msg, "line 12: the byte 0x81"),
	      "a byte of neither names the file's line (%s)", e.msg);
	CHECK(csv_decode_line("a\0b", 3, 5, &u, &cp, &e) == KE_INVALID && strstr(e.msg, "line 5: a NUL byte"),
	      "a NUL byte names its line (%s)", e.msg);
	CHECK(csv_has_8bit("Åse") && !csv_has_8bit("Ase"), "csv_has_8bit tells UTF-8 beyond ASCII");

	CHECK(csv_row_state("a,b,c\n", ',', 0) != CSV_IN_QUOTES, "a plain line ends its row");
	CHECK(csv_row_state("a,\"b\nc\n", ',', 0) == CSV_IN_QUOTES, "an open quote goes on to the next line");
	CHECK(csv_row_state("d\",e\n", ',', CSV_IN_QUOTES) != CSV_IN_QUOTES, "... and is closed there");
	CHECK(csv_row_state("a,\"b \"\"x\"\"\",c\n", ',', 0) != CSV_IN_QUOTES, "doubled quotes inside stay inside");
	CHECK(csv_row_state("5\" screen,b\n", ',', 0) != CSV_IN_QUOTES, "a quote inside a plain field opens nothing");
	CHECK(csv_row_state("a;\"b,\n", ';', 0) == CSV_IN_QUOTES, "the separator is the file's");

	CHECK(csv_detect_sep("login;navn;enhed\r\n") == ';' && csv_detect_sep("a,b\n") == ',',
	      "the separator of the first line");
	csv_in in;
	csv_in_init(&in, "login;navn\n");
	CHECK(csv_in_row(&in, &e) == 1 && in.n == 2, "the header");
	csv_in_feed(&in, "aa;\"Åse\nØstergård\"\n", ';', 14);
	CHECK(csv_in_row(&in, &e) == 1 && in.n == 2 && in.line == 14 && !strcmp(in.fields[1], "Åse\nØstergård"),
	      "a row fed on its own, with its line number");
	CHECK(csv_in_row(&in, &e) == 0, "... and nothing after it");
	csv_in_feed(&in, "bb;\"open\n", ';', 20);
	CHECK(csv_in_row(&in, &e) == -1 && strstr(e.msg, "line 20: a quoted field is never closed"),
	      "a quote never closed names the row's line (%s)", e.msg);
	csv_in_free(&in);
	i18n_done();
	return t_done();
}
