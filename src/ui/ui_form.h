/* ui_form.h — data-entry forms built from an array of field descriptions
 * instead of being written by hand per record: editing, validation (dates,
 * whole numbers, amounts, decimals, required fields), choice pop-ups, saving
 * through a callback, drafts. The model (ui_formdata.c) is curses-free and
 * unit-tested; ui_form.c draws it and runs the keys.
 * The form copies the fdesc array (the strings it points to must outlive the
 * form); texts returned by the form are owned by it; form_serialize() returns
 * malloc'd text the caller frees. */
#ifndef KUP_UI_FORM_H
#define KUP_UI_FORM_H

#include <stdint.h>
#include "err.h"
#include "ui_choice.h"
#include "ui_edit.h"

typedef enum { FK_TEXT, FK_TEXTAREA, FK_DATE, FK_INT, FK_MONEY, FK_DECIMAL, FK_CHOICE, FK_BOOL } fkind;

typedef struct fdesc {
	const char *label;   /* already translated */
	fkind kind;
	int required;
	int maxlen;          /* characters; 0 = no limit */
	long long min, max;  /* FK_INT, FK_MONEY, FK_DECIMAL; 0,0 = no limit */
	fchoice_fn choices;  /* FK_CHOICE */
	void *choice_ctx;
	const char *help;    /* one line shown while focused; NULL: a hint by kind */
	const char *col;     /* the column it edits (schema.sql), or NULL: a
			      * save error naming it (kerr field) moves here */
} fdesc;

/* What a field holds. text is what is shown and edited (FK_CHOICE: the chosen
 * label), owned by the form and valid until the form next changes. iso, num
 * and dec are filled by validation (form_run validates before it calls save)
 * and by the setters; an empty optional field leaves them ""/0 — test
 * text[0] to tell empty from zero. */
typedef struct fvalue {
	const char *text;
	int64_t id;          /* FK_CHOICE: chosen id, 0 none */
	char iso[11];        /* FK_DATE: "YYYY-MM-DD" or "" */
	long long num;       /* FK_INT, FK_MONEY (whole kroner) */
	double dec;          /* FK_DECIMAL */
	int on;              /* FK_BOOL */
} fvalue;

typedef struct form form;
/* Called by form_run once every field is valid. Returns KE_OK when stored;
 * otherwise e->msg is shown, the form stays open with everything typed, and
 * *bad_field (preset to -1) may name the field to focus; a field whose col
 * the error names (kerr_is_field) goes before it. */
typedef kcode (*form_save_fn)(void *ctx, form *f, int *bad_field, kerr *e);
/* Called about every 2 seconds while the form waits for a key. */
/* Reads the record the form edits as it is now: its current version into
 * *version and, when into is not NULL, its values into `into` (a form with
 * the same fields) with the form_set_* calls. KE_NOTFOUND when it is gone.
 * form_run uses it for the conflict dialog (see their version; overwrite
 * with the version found) and, while idle, to notice someone else's save. */
typedef kcode (*form_reload_fn)(void *ctx, form *into, int64_t *version, kerr *e);

/* Where form_run keeps drafts (ui_live.c gives it the database). load
 * returns the form's draft (malloc'd) or NULL, with when (a time to show),
 * *ask (0: restore without asking, as the person already chose to) and
 * *version (the record's version the draft was typed against); save keeps
 * data as the form's draft, with the form's version; drop forgets it. */
typedef struct form_draft_store {
	char *(*load)(form *f, char *when, size_t size, int *ask, int64_t *version);
	void (*save)(form *f, const char *data);
	void (*drop)(form *f);
} form_draft_store;

/* A form's own keys beyond editing (naming colleagues from a follow-up):
 * called with each Ctrl- or function key (fn: a curses KEY_* code) the form
 * does not use itself before the field sees it; returns 1 if it used it,
 * 2 if it used it and the form is done (form_run returns 1, as after a
 * save), else 0. It may change the form through the form_set_* calls. */
typedef int (*form_key_fn)(void *ctx, form *f, int key, int fn);

/* The fields are private to ui_form*.c; use the functions below. */
struct form_field {
	fdesc d;
	struct ledit ed;     /* the text (choice: the label) */
	fvalue v;
	char *orig;          /* text as set, to tell whether it changed */
	int64_t orig_id;
	int orig_on;
	int readonly;        /* shown, skipped by the cursor */
};
struct form {
	char *title;
	int n;
	struct form_field *fld;
	int focus;           /* field with the cursor */
	int bad;             /* field marked in error, -1 none */
	int top;             /* first form row on screen */
	/* what the form edits: drafts are kept under (name, record_id); the
	 * name is given to form_new */
	char name[41];
	int64_t record_id;
	int64_t version;     /* the version a save must name */
	form_reload_fn reload;
	void *reload_ctx;
	char notice[200];    /* shown above the fields: the record changed */
	form_key_fn keys;    /* the form's own keys beyond editing, or NULL */
	void *keys_ctx;
	const char *keys_bar; /* those keys for the key bar (translated) */
	int year;            /* the year short dates fall in; 0: this year */
};

/* name: a stable code for what the form edits or asks ("plan", "goal",
 * "goal-new", "import"; a-z 0-9 _ -, at most 40), the key of its draft
 * together with the record (form_set_record). Every form has one, so every
 * form keeps drafts; tests/lint/forms.sh checks that each call names it.
 * NULL when out of memory or the name is not such a code. The title is
 * copied. */
form *form_new(const char *name, const char *title, const fdesc *fields, int n);
void form_free(form *f);

/* Initial values; they also count as "unchanged" for form_dirty(). Return 0,
 * or -1 when out of memory or i does not fit the field's kind.
 * form_set_text: any kind but FK_CHOICE/FK_BOOL; an ISO date given to a
 * FK_DATE field is shown as 22-11-2026. form_set_num: FK_INT and FK_MONEY
 * (shown with thousands dots). form_set_dec: FK_DECIMAL (shown with comma). */
int form_set_text(form *f, int i, const char *text);
int form_set_num(form *f, int i, long long num);
int form_set_dec(form *f, int i, double dec);
int form_set_choice(form *f, int i, int64_t id, const char *label);
int form_set_bool(form *f, int i, int on);
/* A read-only field is shown as plain text and the cursor passes it by; a
 * read-only text area takes the rows its text needs, wrapped. */
void form_set_readonly(form *f, int i, int on);
void form_set_focus(form *f, int i);
/* What the form edits: id, the record (0 for a new one, or the record a new
 * one goes into), the key of its draft together with the form's name;
 * version: the record's version as read (0 for a new one or a question).
 * A form with a version edits an existing record: its save names
 * form_version() and it has a reload callback (form_set_reload) for the
 * conflict dialog; tests/lint/forms.sh checks both. */
void form_set_record(form *f, int64_t id, int64_t version);
void form_set_reload(form *f, form_reload_fn fn, void *ctx);
/* A form that belongs to a year (a plan and its goals): a date typed
 * without its year (30/6, 30.6.) falls in that year, not in this one. */
void form_set_year(form *f, int year);
/* The form's own keys (form_key_fn); bar names them in the key bar after
 * the form's (translated; must outlive the form). */
void form_set_keys(form *f, form_key_fn fn, void *ctx, const char *bar);
/* The version the save must name in its UPDATE ... AND version=?: the one
 * given to form_set_record, or the current one after the person chose to
 * overwrite someone else's change. Save callbacks use this one. */
int64_t form_version(const form *f);
/* The drafts of every form (NULL: none are kept). */
void form_set_draft_store(const form_draft_store *s);

/* NULL if i is out of range. */
const fvalue *form_value(form *f, int i);
/* 1 if anything differs from the values set by the form_set_* calls. */
int form_dirty(const form *f);

/* Checks every field in order and fills iso/num/dec; dates are rewritten as
 * 22-11-2026. On the first bad field returns KE_INVALID with a message naming
 * it and sets *bad_field (else -1); nothing typed is lost. */
kcode form_validate(form *f, int *bad_field, kerr *e);

/* All field texts, ids and switches as one line-based, escaped text (for
 * drafts); NULL when out of memory. form_restore() puts such text back into
 * a form with the same fields: 0, or -1 if the text does not match the form
 * (then nothing is changed). Restored values count as changes. */
char *form_serialize(const form *f);
int form_restore(form *f, const char *data);

/* Runs the form full-screen until the user saves (returns 1, after save()
 * returned KE_OK) or leaves (Esc; returns 0, after asking if anything
 * changed). Ctrl-S and F2 validate and save. With a draft store, it
 * offers a draft left from before, keeps what is typed
 * as a draft every 2 seconds, and forgets it on save or Esc. When save
 * returns KE_CONFLICT and there is a reload callback, a dialog names who
 * changed the record and offers: see their version, back to editing, or
 * overwrite (save again naming the current version). */
int form_run(form *f, form_save_fn save, void *ctx);
/* When the connection drops: keeps what is typed in the open form (if any)
 * as its draft, at once. */
void form_save_draft_now(void);

#endif
