/* ui_formrec.h — forms made from a record kind's description (db_fields.h):
 * which fields, their labels, kinds, limits and choices, and copying values
 * between the form and the record, so a field added to a description shows
 * up in its form without more code. A view names only the order it wants
 * and the help lines; the descriptions are static, the fdesc labels are
 * static translations; strings put into a record are malloc'd and the
 * caller's (formrec_release frees them). */
#ifndef KUP_UI_FORMREC_H
#define KUP_UI_FORMREC_H

#include "db_fields.h"
#include "ui_form.h"

/* A field the view places first, with its help line (NULL: by kind). */
typedef struct formrec_col {
	const char *col;
	const char *help; /* N_() */
} formrec_col;

/* Where a choice field gets its choices: by the table a KF_REF names, or
 * "role" for KF_ROLE. */
typedef struct formrec_choice {
	const char *ref;
	fchoice_fn fn;
} formrec_choice;

enum { FORMREC_MAX = 40 };

/* A form's fields made from a description. */
typedef struct formrec {
	const krecord *rec;
	int n;
	fdesc d[FORMREC_MAX];
	const kfield *src[FORMREC_MAX]; /* the described field behind d[i] */
} formrec;

/* Fills fr from r: first the columns of order (ended by a NULL col), then
 * every other field of r a form edits (not KF_VIEW, not KF_NOFORM).
 * Returns 0, or -1 when a column is unknown, a choice has no source or
 * there are too many fields. */
int formrec_make(formrec *fr, const krecord *r, const formrec_col *order, const formrec_choice *choices);
/* The form field editing column col, or -1. */
int formrec_index(const formrec *fr, const char *col);
/* Puts the values of rec (a record of fr->rec's kind) into f; empty values
 * and references to nothing are left empty. Returns 0, or -1 when out of
 * memory. */
int formrec_fill(const formrec *fr, form *f, const void *rec);
/* Copies the form's values (validated by form_run) into rec: text into new
 * strings that replace the KS_STR pointers without freeing them (rec is
 * usually a shallow copy of the record shown). Returns 0, or -1 when out of
 * memory (then nothing is left allocated). */
int formrec_take(const formrec *fr, form *f, void *rec);
/* Frees the strings formrec_take put into rec. */
void formrec_release(const formrec *fr, void *rec);

#endif
