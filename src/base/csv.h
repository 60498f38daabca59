/* csv.h — tables out to and in from spreadsheets: RFC 4180 CSV (comma, or
 * semicolon for Danish Excel, optionally behind a UTF-8 BOM), and the plain
 * tab-separated form scripts read. Numbers are written without thousands
 * separators, with a decimal comma when the separator is ';' (Excel da-DK
 * reads 7,5 as a number there), dates as ISO 2026-11-22 (which spreadsheets
 * read as dates in every locale). Text starting with = + - @, a tab or a
 * carriage return gets a leading apostrophe, in CSV and in TSV (a .tsv
 * opened in a spreadsheet runs formulas too), so a spreadsheet shows it
 * instead of running it as a formula (OWASP's CSV-injection advice); the
 * reader takes the apostrophe off again, so a file round-trips. Numbers
 * (csv_int, csv_real) are never guarded.
 * No curses, no database. Rows handed out by the reader are owned by it and
 * valid until the next row; csv_decode's result is the caller's. */
#ifndef KUP_CSV_H
#define KUP_CSV_H

#include <stdio.h>
#include "err.h"

typedef enum { CSV_TEXT, CSV_CSV, CSV_TSV } csv_format;

typedef struct csv_out {
	FILE *f;
	csv_format fmt;   /* CSV_CSV or CSV_TSV (CSV_TEXT is the caller's own) */
	char sep;         /* ',' or ';' for CSV; '\t' for TSV */
	int at_start;     /* no field yet on this row */
} csv_out;

/* Parses a --format value: "text", "csv" or "tsv". 0, or -1 if unknown. */
int csv_parse_format(const char *s, csv_format *out);
/* Parses a --sep value: "," ";" or "\t"/"tab". 0, or -1. */
int csv_parse_sep(const char *s, char *out);

/* Starts writing to f; bom puts the UTF-8 byte order mark first. */
void csv_begin(csv_out *o, FILE *f, csv_format fmt, char sep, int bom);
void csv_field(csv_out *o, const char *s);   /* text (NULL as "") */
void csv_int(csv_out *o, long long v);
/* decimals: digits after the point (trailing zeros dropped); v < 0 and
 * blank_negative: an empty field (no value). */
void csv_real(csv_out *o, double v, int decimals, int blank_negative);
void csv_blank(csv_out *o);
void csv_end_row(csv_out *o);                /* CRLF for CSV, LF for TSV */

/* Reading. The input is first made UTF-8: a BOM is dropped; text that is not
 * valid UTF-8 is taken as Windows-1252 (what Excel and payroll systems on
 * Danish Windows write) and converted; *cp1252 tells which. KE_INVALID when
 * a byte has no meaning in Windows-1252 either (e.g. 0x81). */
kcode csv_decode(const char *data, size_t len, char **utf8, int *cp1252, kerr *e);
/* The same for one line of a file read a line at a time (line: its number,
 * for the messages): each line is UTF-8 or Windows-1252 on its own, so one
 * stray byte does not turn a whole UTF-8 file into mojibake. */
kcode csv_decode_line(const char *data, size_t len, int line, char **utf8, int *cp1252, kerr *e);
/* 1 when s holds a byte above ASCII (so its encoding showed). */
int csv_has_8bit(const char *s);

typedef struct csv_in {
	const char *p, *end;
	char sep;          /* detected from the first line: ',' ';' or '\t' */
	int line;          /* line number where the current row starts (1-based) */
	int next_line;
	char **fields;     /* the current row */
	int n, cap;
	char *buf;         /* storage for the fields */
	size_t blen, bcap;
	size_t start;      /* where the field being read starts in buf */
	size_t *offs;
} csv_in;

/* Reads UTF-8 text (not copied: it must outlive the reader). */
void csv_in_init(csv_in *r, const char *text);
/* For a file read a row at a time: the separator of its first line; the
 * next row's text (which may span lines inside quotes) with that separator,
 * its first line numbered `line`, keeping the reader's buffers; and whether
 * text read so far (state from the last call, 0 at a row's start) ends
 * inside a quoted field (CSV_IN_QUOTES): then the row goes on. */
char csv_detect_sep(const char *line);
void csv_in_feed(csv_in *r, const char *text, char sep, int line);
enum { CSV_IN_QUOTES = 2 };
int csv_row_state(const char *s, char sep, int state);
/* 1 with a row in r->fields[0..r->n), 0 at the end, -1 with e set (an
 * unterminated quote, text after a closing quote; the message names the
 * line). Empty lines are skipped. */
int csv_in_row(csv_in *r, kerr *e);
void csv_in_free(csv_in *r);

#endif
