/* db_valid.c — input checks shared by the db_*.c files, so every write path
 * refuses the same things with the same words, whoever calls it. */
#include "db_internal.h"
#include "date.h"
#include "i18n.h"
#include "text.h"

#include <string.h>

/* Invalid bytes would be stored as they are and shown as U+FFFD; refuse
 * them at the door instead (a real U+FFFD typed by someone is fine). */
static int valid_utf8(const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int n = text_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && !(n == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
			return 0;
		i += (size_t)n;
	}
	return 1;
}

kcode db_check_text(const char *label, const char *s, int required, int maxlen, int multiline, kerr *e)
{
	if (!s || !*s) {
		if (required)
			return kerr_set(e, KE_INVALID, _("%s is required."), label);
		return KE_OK;
	}
	if (!valid_utf8(s))
		return kerr_set(e, KE_INVALID, _("%s is not valid UTF-8 text."), label);
	if (text_has_unsafe(s, multiline))
		return kerr_set(e, KE_INVALID, _("%s contains control characters, which cannot be stored."), label);
	if (text_cp_count(s) > maxlen)
		return kerr_set(e, KE_INVALID, _("%s is too long (at most %d characters)."), label, maxlen);
	return KE_OK;
}

kcode db_check_date(const char *label, const char *iso, int required, kerr *e)
{
	if (!iso || !*iso) {
		if (required)
			return kerr_set(e, KE_INVALID, _("%s is required."), label);
		return KE_OK;
	}
	if (!date_valid_iso(iso))
		return kerr_set(e, KE_INVALID, _("%s is not a valid date (write it as 22-11-2026)."), label);
	return KE_OK;
}
