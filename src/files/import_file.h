/* import_file.h — an import from a file, for both front ends: read the file
 * as the user (userread.h) a line at a time, make each line UTF-8 (csv.h:
 * BOM, Windows-1252 line by line), split it (comma, semicolon or tab found
 * from the header line) and hand the table to the data layer (db_import.h),
 * which checks and writes it in one transaction. Memory stays bounded: the
 * file, a line (a row) and the number of rows and columns have limits, and
 * reading stops at the first one passed with a message naming it and the
 * line. The result owns its strings (import_result_free); res->notes tells
 * which lines were read as Windows-1252. */
#ifndef KUP_IMPORT_FILE_H
#define KUP_IMPORT_FILE_H

#include "db_import.h"

typedef enum { IMPORT_STAFF, IMPORT_ACTIVITIES } import_kind;

enum {
	IMPORT_MAX_FILE_MB = 32,   /* a payroll file of 50 000 people is ~10 MB */
	IMPORT_MAX_LINE_KB = 64,   /* a line, or a row spanning lines in quotes */
	IMPORT_MAX_ROWS = 50000,   /* the staff of the largest municipality */
	IMPORT_MAX_COLS = 64,      /* kup knows some fifteen columns */
};

kcode import_file(kdb *db, const kactor *who, import_kind kind, const char *path, int flags,
		  import_result *res, kerr *e);

#endif
