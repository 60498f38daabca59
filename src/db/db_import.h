/* db_import.h — loading staff and activities from HR's spreadsheets, all or
 * nothing. The caller hands over the whole table as read (header names as
 * in the file, every cell as text, the line each row starts on); the data
 * layer maps the columns (English names as `kup list` writes them, or the
 * Danish ones HR exports use), checks every row against the register and
 * lists every problem by line and column. Only when there is none does it
 * write, in ONE transaction: new people (activities) added, known ones
 * updated, unchanged ones left alone, and with deactivate_missing the active
 * staff the file does not name deactivated (never deleted). A dry run does
 * all of it and then rolls back. Admins only.
 * The result owns its strings: import_result_free(). */
#ifndef KUP_DB_IMPORT_H
#define KUP_DB_IMPORT_H

#include "db.h"

typedef struct import_table {
	int ncols;
	const char *const *head;   /* ncols header names */
	int nrows;
	const int *line;           /* nrows line numbers */
	const char *const *cells;  /* nrows * ncols texts, row by row */
} import_table;

typedef struct import_result {
	int added, updated, unchanged, deactivated;
	char **problems;  /* "line 14, column 'enhed': no unit named '...'" */
	int nproblems;
	char **actions;   /* "line 3: add Søren Ågård (sa)", "deactivate ..." */
	int nactions;
} import_result;

enum { IMPORT_DRY_RUN = 1, IMPORT_DEACTIVATE_MISSING = 2 };

/* KE_INVALID with problems listed when the table is not right (nothing
 * changed); other codes for failures of the database itself. */
kcode import_staff(kdb *db, const kactor *who, const import_table *t, int flags,
		   import_result *res, kerr *e);
kcode import_activities(kdb *db, const kactor *who, const import_table *t, int flags,
			import_result *res, kerr *e);
void import_result_free(import_result *r);

#endif
