/* db_erase.h — erasing a person who has left (the right to erasure), by
 * request or by the municipality's retention rule: their personal data in
 * every table of the personal-data map (db_privacy.h) is emptied or made
 * anonymous, the audit rows holding it are redacted through the one path
 * the audit's trigger allows, and the erasure itself is one audit row
 * (who, when, which rule; of whom only the staff id). Ids, amounts, hours
 * and states stay, so past years' reports count an anonymous person.
 * Admins only. Returned lists are malloc'd: erase_due_free(). */
#ifndef KUP_DB_ERASE_H
#define KUP_DB_ERASE_H

#include "db.h"

/* What an erased text becomes, in the data and in the audit. */
#define ERASE_MARK "[slettet]"

/* One person the retention rule would erase. */
typedef struct erase_due_rec {
	int64_t staff_id;
	char *name;
	char *login;          /* "" when none */
	char employed_to[11]; /* the day employment ended */
} erase_due_rec;

/* Whether staff member staff_id may be erased now: KE_OK, or KE_STATE
 * saying why not (still active, employed until a later day, already
 * erased), KE_NOTFOUND, KE_DENIED for anyone but an admin. today is
 * "YYYY-MM-DD" (local). */
kcode erase_check(kdb *db, const kactor *who, int64_t staff_id, const char *today, kerr *e);
/* Erases staff member staff_id (erase_check first) in one transaction
 * with secure_delete on, then checkpoints the WAL to nothing. rule names
 * why, for the audit ("request", "retention_years=5": letters, digits,
 * '_' and '=' only, 1 to 100 of them). e->msg gets a one-line verdict; when another
 * connection kept the WAL from being emptied it says so. */
kcode erase_person(kdb *db, const kactor *who, int64_t staff_id, const char *rule, const char *today, kerr *e);
/* The people the rule "years after employment ended" would erase on
 * today: inactive, employed_to at least years before today, not yet
 * erased; oldest first. Admins only. */
kcode erase_due(kdb *db, const kactor *who, int years, const char *today, erase_due_rec **rows, int *n, kerr *e);
void erase_due_free(erase_due_rec *rows, int n);
/* 1 when erasure says how table's personal columns are emptied (for the
 * test that no table of the personal-data map is left out). */
int erase_covers(const char *table);

#endif
