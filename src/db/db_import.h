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
 * An empty cell never erases: for a known person or activity it keeps what
 * is stored (a value is cleared in the form), for a new one it is the
 * default. A changed login or role is named in the actions. At most
 * IMPORT_MAX_PROBLEMS problems are kept, the rest only counted. With
 * deactivate_missing, more than half the active staff is refused unless
 * IMPORT_DEACTIVATE_MANY says that was meant; the last active administrator
 * is never demoted or deactivated (db_staff.c refuses it, KE_STATE).
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
	int problems_left_off; /* beyond IMPORT_MAX_PROBLEMS: counted, not kept */
	char **actions;   /* "line 3: add Søren Ågård (sa)", "deactivate ..." */
	int nactions;
	char **notes;     /* told, not refused: "line 7: read as Windows-1252" */
	int nnotes;
	/* deactivate_missing: "Deactivates 3 of 59 active people: A, B and C."
	 * (the first few names, then "and N more"); NULL when it deactivates
	 * nobody. most: more than half the active staff. */
	char *deactivation;
	int deactivate_most;
} import_result;

enum { IMPORT_DRY_RUN = 1, IMPORT_DEACTIVATE_MISSING = 2, IMPORT_DEACTIVATE_MANY = 4 };
enum { IMPORT_MAX_PROBLEMS = 100 };

/* Adds a problem (or counts it, past IMPORT_MAX_PROBLEMS); -1 when out of
 * memory. import_problems_close adds the line "... and N more problems."
 * once everything is counted (the imports do it themselves; the file
 * reader for its own problems). */
int import_problem(import_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int import_problems_close(import_result *r);
/* Problems found, counted ones included (before import_problems_close). */
int import_problem_count(const import_result *r);

/* KE_INVALID with problems listed when the table is not right (nothing
 * changed); other codes for failures of the database itself. */
kcode import_staff(kdb *db, const kactor *who, const import_table *t, int flags,
		   import_result *res, kerr *e);
kcode import_activities(kdb *db, const kactor *who, const import_table *t, int flags,
			import_result *res, kerr *e);
void import_result_free(import_result *r);

#endif
