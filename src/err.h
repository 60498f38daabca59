/* err.h — errors travel as a code plus a human message (already translated).
 * Every fallible function returns a kcode (KE_OK == 0) and fills a kerr. */
#ifndef KUP_ERR_H
#define KUP_ERR_H

typedef enum {
	KE_OK = 0,
	KE_DB,        /* unexpected database failure */
	KE_NOTFOUND,  /* record or file does not exist */
	KE_DENIED,    /* the acting person may not do this */
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
} kcode;

typedef struct kerr {
	kcode code;
	char msg[512];
} kerr;

/* Sets e (if not NULL) and returns c, so callers can `return kerr_set(...)`. */
kcode kerr_set(kerr *e, kcode c, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void kerr_clear(kerr *e);

#endif
