/* db_report.h — the management reports: plan coverage, follow-up,
 * competence balance, focus areas, cross-professional activities, methods
 * and cost, each for one year and one unit subtree, counted over the staff
 * the person may see (admins: everyone; leaders: the people they lead, not
 * themselves; employees get no reports). One query per report serves the
 * Reports pane and `kup report`, so both always show the same figures.
 * A report_t owns its rows (report_free); drill-down items are owned by the
 * array (report_items_free). */
#ifndef KUP_DB_REPORT_H
#define KUP_DB_REPORT_H

#include <stddef.h>
#include "db.h"

typedef enum {
	REP_COVERAGE, REP_FOLLOWUP, REP_COMPETENCES, REP_FOCUS,
	REP_CROSSPROF, REP_METHODS, REP_COST, REP_COUNT
} kreport;

enum { REPORT_MAXCOLS = 16 };

/* How a column is shown and totalled. */
typedef enum { RC_INT, RC_PCT, RC_MONEY, RC_REAL } rcol_kind;

typedef struct report_col {
	const char *code;    /* header of csv/tsv output: "with_plan" */
	const char *label;   /* N_(): short heading on screen and in text output */
	rcol_kind kind;
	int total;           /* 1: the total row sums it; 0: blank there (distinct
			      * counts do not add up) or derived (percentages) */
} report_col;

typedef struct report_row {
	char *label;         /* unit, competence area, focus area, activity or method */
	char *group;         /* coverage: "staff"/"leaders"; "" otherwise */
	char *sort_key;      /* label order (Danish) */
	int64_t id;          /* drill-down: unit, competence, focus area (0: none), activity */
	char key[16];        /* drill-down: method code; coverage: "staff"/"leaders" */
	double v[REPORT_MAXCOLS];
	int has[REPORT_MAXCOLS]; /* 0: the value is blank (total row, no budget) */
} report_row;

typedef struct report_t {
	kreport kind;
	int year;
	int64_t unit_id;
	int ncols;
	const report_col *cols; /* static */
	const char *label_code;  /* csv header of the label column: "unit", ... */
	const char *label_head;  /* N_(): its heading on screen */
	int bar_col;         /* the column drawn as a bar */
	int nrows;
	report_row *rows;
	report_row total;    /* label "Total" */
} report_t;

const char *report_code(kreport k);       /* "coverage", ... */
const char *report_title(kreport k);      /* translated */
const char *report_about(kreport k);      /* translated; one line on what it shows */
/* KE_OK if who may see reports at all (leaders and admins), else KE_DENIED. */
kcode report_may(const kactor *who, kerr *e);
int report_parse(const char *code, kreport *out);

/* Runs report k for year over unit_id and the units below it (0: all). */
kcode report_run(kdb *db, const kactor *who, kreport k, int year, int64_t unit_id,
		 report_t *out, kerr *e);
void report_free(report_t *r);
/* Sorts the rows by column col (-1: the label) ascending or descending;
 * ties keep label order. */
void report_sort(report_t *r, int col, int desc);
/* The value of column col of row as shown on screen and in text output
 * (thousands grouped, one decimal, the current language's way; "–" when
 * blank). */
void report_cell(const report_t *r, const report_row *row, int col, char *buf, size_t size);
/* A percentage of the report's values, or -1 when the denominator is 0. */
double report_pct(double num, double den);

/* The people or records behind one row of a report: staff (coverage),
 * completed participations (follow-up), goals (competences, focus areas),
 * participations (cross-professional, methods, cost). */
typedef struct report_item {
	int64_t id;          /* staff, participation or goal id (keyset id) */
	char *key;           /* keyset key */
	int64_t staff_id;
	char *staff_key;     /* the person's sort key (staff pane position) */
	int64_t plan_id;     /* the plan of the year when there is one, else 0 */
	char *name;          /* the person */
	char *unit;
	char *what;          /* activity title, goal text, or profession */
	char state[16];      /* plan status ("" none), follow-up state (on_time, late,
			      * due, overdue, written, written_overdue, missing),
			      * goal or participation status */
	char date[11];       /* session start, or follow-up due date */
	int64_t amount;      /* cost: price */
} report_item;

/* The items behind row (its id and key as in report_row; row NULL: behind
 * the total) in list order, a keyset page as pg says (after_key/after_id,
 * backward, limit; the rest of pg is ignored). */
kcode report_items(kdb *db, const kactor *who, kreport k, int year, int64_t unit_id,
		   const report_row *row, const kpage *pg, report_item **rows, int *n, kerr *e);
void report_items_free(report_item *rows, int n);

/* The names of the person's leaders (of their unit, or for a leader of the
 * unit above), ", "-joined, "" if none; malloc'd. For the printed plan. */
kcode report_leader_of(kdb *db, const kactor *who, int64_t staff_id, char **names, kerr *e);

#endif
