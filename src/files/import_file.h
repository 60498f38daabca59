/* import_file.h — an import from a file, for both front ends: read the file
 * as the user (userread.h), make it UTF-8 (csv_decode: BOM, Windows-1252),
 * split it (csv.h: comma or semicolon found from the header line) and hand
 * the table to the data layer (db_import.h), which checks and writes it in
 * one transaction. The result owns its strings (import_result_free). */
#ifndef KUP_IMPORT_FILE_H
#define KUP_IMPORT_FILE_H

#include "db_import.h"

typedef enum { IMPORT_STAFF, IMPORT_ACTIVITIES } import_kind;

/* *cp1252 (may be NULL) tells whether the file was Windows-1252. */
kcode import_file(kdb *db, const kactor *who, import_kind kind, const char *path, int flags,
		  import_result *res, int *cp1252, kerr *e);

#endif
