/* db_fields.h — what each record kind holds, described once: per field
 * its SQL column, kind of value, label, limits, whether it is required or
 * personal data, its headings in an import file and where it sits in the
 * record struct. The data layer reads rows, frees records, audits and
 * validates from these descriptions; forms and CLI columns can be built
 * from them too. All descriptions are static: nothing to free. */
#ifndef KUP_DB_FIELDS_H
#define KUP_DB_FIELDS_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"

/* The kind of value, which decides its check and how a form edits it. */
typedef enum {
	KF_TEXT,    /* one line, at most maxlen characters */
	KF_LINES,   /* several lines, at most maxlen characters */
	KF_LOGIN,   /* a login as the system gives it (db_valid.h: valid_login) */
	KF_EMAIL,   /* name@example.dk */
	KF_DATE,    /* ISO date, shown as DD-MM-YYYY */
	KF_INT,     /* integer within min..max */
	KF_MONEY,   /* whole kroner within min..max */
	KF_DECIMAL, /* a number with decimals (negative: unknown) */
	KF_BOOL,    /* 0 or 1 */
	KF_REF,     /* the id of a record of another table (ref names it) */
	KF_CODE,    /* letters a-z, at most maxlen */
	KF_ROLE,    /* employee, leader or admin (db.h: krole) */
} kfkind;

/* How the value is kept in the record struct at offset off. */
typedef enum {
	KS_STR,  /* char *, malloc'd, owned by the record ("" for none) */
	KS_BUF,  /* char[size] inside the record ("" for none) */
	KS_I64,  /* int64_t (a reference: 0 for none) */
	KS_INT,  /* int */
	KS_ROLE, /* krole */
	KS_DBL,  /* double (KF_DECIMAL: negative for none) */
} kfstore;

enum {
	KF_REQUIRED = 1, /* must be given */
	KF_PERSONAL = 2, /* personal data (GDPR): keep out of exports that need none */
	KF_NULL0 = 4,    /* "" or 0 is stored as NULL */
	KF_VIEW = 8,     /* read only, from a joined table: not a column of this table */
	KF_NOFORM = 16,  /* set by its own action (e.g. active), not typed in a form */
};

typedef struct kfield {
	const char *col;      /* SQL column in the record's table (KF_VIEW: a name) */
	kfkind kind;
	const char *label;    /* English, marked N_(): show it as _(label) */
	int maxlen;           /* text kinds: most characters */
	int64_t min, max;     /* KF_INT, KF_MONEY: limits */
	unsigned flags;       /* KF_REQUIRED, ... */
	const char *ref;      /* KF_REF: the table referred to */
	const char *const *import; /* headings an import file may use, English
				    * first, then Danish; NULL-terminated; NULL:
				    * not imported */
	kfstore store;
	size_t off, size;     /* where in the record; size for KS_BUF */
} kfield;

/* Every record struct begins with int64_t id, version (krecord_read_row). */
typedef struct krecord {
	const char *table;    /* SQL table */
	const kfield *fields; /* in column order */
	int n;
	size_t size;          /* sizeof the record struct */
} krecord;

/* The descriptions, each exported by its own module's file (db_staff.c,
 * db_activity.c, ...); declared here so one walk can check them all. */
extern const krecord kr_staff;
extern const krecord kr_activity;
extern const krecord kr_session;
extern const krecord kr_unit;

/* The field of column col, or NULL. */
const kfield *krecord_field(const krecord *r, const char *col);
/* The field whose import headings include name (case-insensitive), or NULL. */
const kfield *krecord_import_field(const krecord *r, const char *name);
/* The read-only field that shows reference f by name ("<ref>_name", e.g.
 * unit_name for unit_id), or NULL when r has none. */
const kfield *krecord_shown_by(const krecord *r, const kfield *f);
/* The value of f in rec: text for KS_STR/KS_BUF ("" for none), else NULL. */
const char *kfield_text(const kfield *f, const void *rec);
/* The value of f in rec for the integer stores (KS_I64, KS_INT, KS_ROLE). */
int64_t kfield_int(const kfield *f, const void *rec);
/* The value of f in rec for KS_DBL, else kfield_int's. */
double kfield_real(const kfield *f, const void *rec);
/* Checks one field of rec by its kind and limits; KE_INVALID naming f->col. */
kcode kfield_check(const kfield *f, const void *rec, kerr *e);
/* Checks every field that is not KF_VIEW, in order; the first refusal wins. */
kcode krecord_check(const krecord *r, const void *rec, kerr *e);
/* Frees the KS_STR fields of rec and zeroes it. */
void krecord_free(const krecord *r, void *rec);
/* Frees n records of an array (krecord_free each) and the array. */
void krecord_rows_free(const krecord *r, void *rows, int n);

#endif
