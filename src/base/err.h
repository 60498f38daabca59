/* err.h — errors travel as a reason (the code), the field at fault and a
 * human message (already translated). Every fallible function returns a
 * kcode (KE_OK == 0) and fills a kerr. Code that reacts to an error reads
 * the code and the field, never the message: the message is for people and
 * changes with the language. */
#ifndef KUP_ERR_H
#define KUP_ERR_H

typedef enum {
	KE_OK = 0,
	KE_DB,        /* unexpected database failure */
	KE_NOTFOUND,  /* record or file does not exist */
	KE_DENIED,    /* the acting person's role does not allow this */
	KE_INVALID,   /* bad input; msg says what is expected */
	KE_EXISTS,    /* a unique rule would be broken */
	KE_CONFLICT,  /* someone else changed the record first */
	KE_BUSY,      /* the database stayed locked too long */
	KE_FULL,      /* disk or database full */
	KE_READONLY,  /* opened read-only */
	KE_NOTKUP,    /* file is not a kup database */
	KE_NEWER,     /* database made by a newer kup */
	KE_CORRUPT,   /* damaged file */
	KE_NOMEM,
	KE_IO,        /* file system error outside the database */
	KE_STATE,     /* the record's state does not allow this (e.g. evaluated) */
} kcode;

typedef struct kerr {
	kcode code;
	char field[32]; /* the column of the field at fault ("email"), or "" */
	char msg[512];
} kerr;

/* The system's reason for errno value errnum as the reader reads it: in
 * Danish the common ones (no such file, permission denied, disk full, ...)
 * in Danish, in English and for the rest what strerror() says (the C
 * locale's English: kup sets no locale for messages). Static text. */
const char *err_text(int errnum);

/* Sets e (if not NULL) and returns c, so callers can `return kerr_set(...)`.
 * The field is cleared. */
kcode kerr_set(kerr *e, kcode c, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same, naming the field at fault by its column name (NULL: none). */
kcode kerr_field(kerr *e, kcode c, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* 1 when e names field (a column name). */
int kerr_is_field(const kerr *e, const char *field);
void kerr_clear(kerr *e);

#endif
