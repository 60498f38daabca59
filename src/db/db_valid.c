/* db_valid.c — input checks shared by the db_*.c files, so every write path
 * refuses the same things with the same words, whoever calls it. */
#include "db_internal.h"
#include "db_valid.h"
#include "date.h"
#include "i18n.h"
#include "login.h"
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

/* An empty field: refused when it is required. */
static kcode empty(const char *col, const char *label, int required, kerr *e)
{
	return required ? kerr_field(e, KE_INVALID, col, _("%s is required."), label) : KE_OK;
}

kcode valid_text(const char *col, const char *label, const char *s, int required, int maxlen,
		 int multiline, kerr *e)
{
	if (!s || !*s)
		return empty(col, label, required, e);
	if (!valid_utf8(s))
		return kerr_field(e, KE_INVALID, col, _("%s is not valid UTF-8 text."), label);
	if (text_has_unsafe(s, multiline))
		return kerr_field(e, KE_INVALID, col, _("%s contains control characters, which cannot be stored."),
				  label);
	if (text_cp_count(s) > maxlen)
		return kerr_field(e, KE_INVALID, col, _("%s is too long (at most %d characters)."), label, maxlen);
	return KE_OK;
}

kcode valid_date(const char *col, const char *label, const char *iso, int required, kerr *e)
{
	if (!iso || !*iso)
		return empty(col, label, required, e);
	if (!date_valid_iso(iso))
		return kerr_field(e, KE_INVALID, col, _("%s is not a valid date (write it as 22-11-2026)."), label);
	return KE_OK;
}

/* Any name the system's user database can hold (getpwuid's pw_name: ':'
 * separates passwd fields, a newline ends its line), as sssd gives AD
 * names: jens.hansen@kommune.local, spaces inside, æøå, up to LOGIN_MAX
 * bytes once folded. Control characters (bidi overrides too) would let a
 * login pass for another on screen. */
kcode valid_login(const char *col, const char *s, int required, kerr *e)
{
	if (!s || !*s)
		return required ? kerr_field(e, KE_INVALID, col, "%s", _("Login is required.")) : KE_OK;
	if (!valid_utf8(s))
		return kerr_field(e, KE_INVALID, col, "%s", _("Login is not valid UTF-8 text."));
	if (text_has_unsafe(s, 0) || strchr(s, ':'))
		return kerr_field(e, KE_INVALID, col, "%s", _("Login may not hold ':' or control characters."));
	if (s[0] == ' ' || s[strlen(s) - 1] == ' ')
		return kerr_field(e, KE_INVALID, col, "%s", _("Login may not begin or end with a space."));
	/* folding may lengthen a name (İ takes two bytes, i̇ three), never
	 * by half again: the folded name is what is kept and measured */
	char fold[LOGIN_MAX * 2 + 1];
	if (strlen(s) <= LOGIN_MAX && login_fold(s, fold, sizeof fold))
		return kerr_field(e, KE_INVALID, col, "%s", _("Login is not valid UTF-8 text."));
	if (strlen(s) > LOGIN_MAX || strlen(fold) > LOGIN_MAX)
		return kerr_field(e, KE_INVALID, col, _("Login is too long (at most %d bytes; æ, ø and å take two)."),
				  LOGIN_MAX);
	return KE_OK;
}

kcode valid_email(const char *col, const char *s, kerr *e)
{
	if (!s || !*s)
		return KE_OK;
	const char *at = strchr(s, '@');
	if (!at || at == s || !at[1] || strchr(at + 1, '@') || strchr(s, ' ') || strlen(s) > 200 ||
	    text_has_unsafe(s, 0) || !valid_utf8(s))
		return kerr_field(e, KE_INVALID, col, "%s", _("Email must look like name@example.dk."));
	return KE_OK;
}

kcode valid_int(const char *col, int64_t v, int64_t min, int64_t max, const char *msg, kerr *e)
{
	return v < min || v > max ? kerr_field(e, KE_INVALID, col, "%s", msg) : KE_OK;
}

kcode valid_code(const char *col, const char *label, const char *s, int maxlen, const char *msg, kerr *e)
{
	if (valid_text(col, label, s, 1, maxlen, 0, e))
		return e->code;
	if (strspn(s, "abcdefghijklmnopqrstuvwxyz") != strlen(s))
		return kerr_field(e, KE_INVALID, col, "%s", msg);
	return KE_OK;
}

kcode valid_ref(const char *col, const char *label, int64_t id, kerr *e)
{
	return id ? KE_OK : kerr_field(e, KE_INVALID, col, _("%s is required."), label);
}

/* The older checks without a column, kept for callers that name none. */
kcode db_check_text(const char *label, const char *s, int required, int maxlen, int multiline, kerr *e)
{
	return valid_text(NULL, label, s, required, maxlen, multiline, e);
}

kcode db_check_date(const char *label, const char *iso, int required, kerr *e)
{
	return valid_date(NULL, label, iso, required, e);
}
