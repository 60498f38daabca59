/* db_privacy_export.h — everything kup stores about one person (subject
 * access), read by walking the personal-data map (db_privacy.h): for each
 * table that holds rows about or by the person, those rows with every
 * column the table has, so a column added later is in the export without
 * new code. The audit trail holds the changes to the person's records in
 * full and the changes the person made to other people's records without
 * their old and new values (those are about someone else). Admins may read
 * anyone's, everybody else only their own. The result is malloc'd and the
 * caller's: pexport_free. */
#ifndef KUP_DB_PRIVACY_EXPORT_H
#define KUP_DB_PRIVACY_EXPORT_H

#include "db.h"
#include "db_privacy.h"

/* A stored value: its SQLite type ('i' integer, 'r' real, 't' text or
 * blob as text, 'n' NULL) and its text (NULL for 'n'). */
typedef struct kpvalue {
	char type;
	char *text;
	char *named; /* a reference to a person, unit, profession, session,
		      * competence or focus area: that record's name as a
		      * person reads it; NULL otherwise */
} kpvalue;

typedef struct kptable {
	const kprivacy_table *map;
	int ncols;
	char **cols;            /* column names as the table has them */
	signed char *personal;  /* per column: privacy_column_personal */
	int nrows;
	kpvalue *vals;          /* nrows * ncols, row by row */
	unsigned char *withheld; /* per row: 1 when its personal columns about
				  * someone else were left out (audit) */
} kptable;

typedef struct kpexport {
	int64_t staff_id;
	char login[LOGIN_MAX + 1];
	char name[121];
	char made_at[20];       /* UTC, 'YYYY-MM-DD HH:MM:SS' */
	char made_by[LOGIN_MAX + 1];
	int ntables;
	kptable *tables;        /* the map's tables that exist, in its order,
				 * including those with no rows */
} kpexport;

/* Reads what is stored about the person with login (folded first) in one
 * read transaction. KE_NOTFOUND when no staff record has that login;
 * KE_DENIED with the reason when who is not an admin and not that person. */
kcode pexport_read(kdb *db, const kactor *who, const char *login, kpexport *out, kerr *e);
void pexport_free(kpexport *x);
/* The table of x named name, or NULL. */
const kptable *pexport_table(const kpexport *x, const char *name);

#endif
