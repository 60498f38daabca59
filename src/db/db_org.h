/* db_org.h — the organisation: units (a tree) and their leaders, professions,
 * competence areas, yearly focus areas and yearly unit budgets.
 * Strings in the records are malloc'd and owned by them: *_free(). */
#ifndef KUP_DB_ORG_H
#define KUP_DB_ORG_H

#include "db.h"

typedef struct unit_rec {
	int64_t id, version;
	int64_t parent_id;  /* 0 for a top unit */
	char *name;
	char kind[12];      /* area, institution, team */
	int active;
	int depth;          /* read only: 0 for a top unit */
	char *leaders;      /* read only: current leaders' names, ", "-joined */
	char *sort_key;     /* read only */
} unit_rec;

typedef struct named_rec { /* profession, competence area, focus area */
	int64_t id, version;
	char *name;         /* profession name, focus area title; competence area:
			     * read only, name_da or name_en by the current language */
	char *code;         /* competence area code; "" otherwise */
	char *name_da;      /* competence area names, both required; "" otherwise */
	char *name_en;
	int pos;            /* competence area order; 0 on create: after the last */
	char *description;  /* focus area text; "" otherwise */
	int year;           /* focus area year; 0 otherwise */
	char *sort_key;     /* read only: list position (professions, focus areas) */
} named_rec;

/* Units in list order (by name), any part of the tree; pg->filter,
 * pg->unit_id (that unit and those below) and pg->include_inactive work. */
kcode unit_list(kdb *db, const kactor *who, const kpage *pg, unit_rec **rows, int *n, kerr *e);
kcode unit_get(kdb *db, const kactor *who, int64_t id, unit_rec *out, kerr *e);
kcode unit_find(kdb *db, const char *name, int64_t *id, kerr *e); /* by exact name */
kcode unit_save(kdb *db, const kactor *who, unit_rec *u, kerr *e);
/* Makes staff_id a current leader of unit_id from `since` (ISO); with
 * replace, current leaders of the unit stop the day before. */
kcode unit_set_leader(kdb *db, const kactor *who, int64_t unit_id, int64_t staff_id,
		      const char *since, int replace, kerr *e);
void unit_free(unit_rec *u);
void unit_rows_free(unit_rec *rows, int n);

kcode profession_list(kdb *db, const kactor *who, const kpage *pg, named_rec **rows, int *n, kerr *e);
kcode profession_save(kdb *db, const kactor *who, named_rec *p, kerr *e);
/* One profession as saved now; KE_NOTFOUND when it is gone. */
kcode profession_get(kdb *db, const kactor *who, int64_t id, named_rec *out, kerr *e);
kcode competence_list(kdb *db, const kactor *who, named_rec **rows, int *n, kerr *e); /* all, by pos */
kcode competence_save(kdb *db, const kactor *who, named_rec *c, kerr *e);
/* Focus areas of one year (0: all years, by year) in Danish title order. */
kcode focus_list(kdb *db, const kactor *who, int year, named_rec **rows, int *n, kerr *e);
kcode focus_save(kdb *db, const kactor *who, named_rec *f, kerr *e);
void named_free(named_rec *r);
void named_rows_free(named_rec *rows, int n);

/* Whole kroner; 0 when no budget is set. Leaders see the units they lead
 * and those below; only admin sets budgets. */
kcode budget_get(kdb *db, const kactor *who, int64_t unit_id, int year, int64_t *amount, kerr *e);
kcode budget_set(kdb *db, const kactor *who, int64_t unit_id, int year, int64_t amount, kerr *e);

#endif
