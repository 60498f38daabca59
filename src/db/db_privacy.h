/* db_privacy.h — the personal-data map: for every table of the schema, how
 * its rows relate to a person and which of its columns are personal data
 * (names, logins, e-mails, dates of employment, free text written about or
 * by someone). Where a table has a record description (db_fields.h) its
 * KF_PERSONAL flags decide its described columns, and the map decides the
 * rest; nothing is decided in two places. Subject access export and erasure
 * walk this map, so a new personal column is covered without new code, and
 * test_privacy_map.c fails when a column of the live schema is in neither
 * list. Everything here is static: nothing to free. */
#ifndef KUP_DB_PRIVACY_H
#define KUP_DB_PRIVACY_H

#include "db.h"
#include "db_fields.h"

enum {
	KP_OPTIONAL = 1, /* the table may be missing (added by a later step): skipped then */
	KP_AUDIT = 2,    /* the audit trail: besides its own link, the rows about
			  * each record the other tables link to the person */
};

/* One table. The two statements share their WHERE: ?1 is the person's
 * staff id, ?2 their login (folded); bind both (db_bind_prefix: a
 * statement may use only ?1). */
typedef struct kprivacy_table {
	const char *table;
	const char *link;     /* English: how a row relates to the person */
	const char *ids_sql;  /* SELECT rowid of the rows about or by the person;
			       * NULL: the table holds nothing about a person */
	const char *rows_sql; /* SELECT * of those rows, for the export; NULL:
			       * nothing readable (a contentless index) */
	const krecord *record;         /* its description, or NULL */
	const char *const *personal;   /* columns not described: personal data */
	const char *const *other;      /* columns not described: not personal */
	unsigned flags;                /* KP_OPTIONAL, KP_AUDIT */
} kprivacy_table;

/* The whole map, in an order that reads well in an export (the person
 * first, the audit trail last); *n gets the count. */
const kprivacy_table *privacy_tables(int *n);
/* The map's line for table, or NULL. */
const kprivacy_table *privacy_table(const char *table);

/* Whether column col of t is personal data: 1 yes, 0 no, -1 the map does
 * not say (a column nobody decided on). */
int privacy_column_personal(const kprivacy_table *t, const char *col);

/* 1 when the database has table (for KP_OPTIONAL lines). */
int privacy_table_exists(kdb *db, const char *table, kerr *e);

#endif
