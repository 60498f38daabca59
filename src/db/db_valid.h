/* db_valid.h — one check per kind of value (text, date, login, email,
 * integer within limits, code), shared by the data layer, the import and
 * forms, so every path refuses the same things in the same words. Each
 * check takes the SQL column (set as e->field on refusal, KE_INVALID) and
 * the field's translated label for the message. Nothing is allocated. */
#ifndef KUP_DB_VALID_H
#define KUP_DB_VALID_H

#include <stdint.h>
#include "err.h"

/* Text of at most maxlen characters, valid UTF-8, no control characters
 * (multiline allows \n). Empty is refused only when required. */
kcode valid_text(const char *col, const char *label, const char *s, int required, int maxlen,
		 int multiline, kerr *e);
/* An ISO date (YYYY-MM-DD); empty is refused only when required. */
kcode valid_date(const char *col, const char *label, const char *iso, int required, kerr *e);
/* A login as getpwuid may give it (jens.hansen@kommune.local): valid
 * UTF-8 without ':' or control characters, no space at either end, at most
 * LOGIN_MAX bytes folded (login.h). Empty is refused only when required. */
kcode valid_login(const char *col, const char *s, int required, kerr *e);
/* name@domain, one '@', no spaces, at most 200; empty is fine. */
kcode valid_email(const char *col, const char *s, kerr *e);
/* An integer within min..max; msg (translated) says what is expected. */
kcode valid_int(const char *col, int64_t v, int64_t min, int64_t max, const char *msg, kerr *e);
/* A code of the letters a-z only, 1..maxlen; msg says what is expected. */
kcode valid_code(const char *col, const char *label, const char *s, int maxlen, const char *msg, kerr *e);
/* A required reference (an id) that was left out. */
kcode valid_ref(const char *col, const char *label, int64_t id, kerr *e);

#endif
