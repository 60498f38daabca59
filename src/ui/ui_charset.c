/* ui_charset.c — see ui_charset.h. */
#include "ui_charset.h"
#include "i18n.h"
#include "text.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The name LC_CTYPE comes from, as setlocale reads the environment: the
 * first of LC_ALL, LC_CTYPE and LANG that is set and not empty; NULL when
 * none is. */
static const char *ctype_name(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return v;
	}
	return NULL;
}

static int plain_c(const char *name)
{
	return !strcmp(name, "C") || !strcmp(name, "POSIX");
}

/* Whether a locale name's character set (after the '.', before any '@')
 * is UTF-8: da_DK.UTF-8, C.utf8. */
static int names_utf8(const char *name)
{
	const char *dot = strchr(name, '.');
	if (!dot)
		return 0;
	size_t n = strcspn(dot + 1, "@");
	return (n == 5 && !strncasecmp(dot + 1, "utf-8", 5)) || (n == 4 && !strncasecmp(dot + 1, "utf8", 4));
}

static int ctype_is_utf8(void)
{
	return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

/* Servers often have only C.UTF-8 generated (C.utf8 in some spellings). */
static int utf8_ctype(void)
{
	return setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "C.utf8");
}

int ui_charset_choose(char *why, size_t size)
{
	const char *force = getenv("KUP_CHARSET");
	const char *name = ctype_name();
	const char *got = setlocale(LC_CTYPE, "");
	int env_utf8 = got && ctype_is_utf8();
	int utf8;
	why[0] = '\0';
	if (force && (!strcasecmp(force, "utf-8") || !strcasecmp(force, "utf8")))
		utf8 = 1;
	else if (force && !strcasecmp(force, "ascii"))
		utf8 = 0;
	else {
		if (force && *force)
			snprintf(why, size, _("KUP_CHARSET=%.20s is neither ascii nor utf-8; kup decides from the locale."), force);
		if (!name || plain_c(name))
			utf8 = 1; /* no locale: PuTTY's default session, UTF-8 */
		else if (got)
			utf8 = env_utf8;
		else
			utf8 = names_utf8(name); /* named but not installed here */
	}
	if (utf8 && !env_utf8 && !utf8_ctype()) {
		utf8 = 0;
		snprintf(why, size, "%s", _("No UTF-8 locale is installed (C.UTF-8), so kup shows only ASCII: ae, oe and aa for the Danish letters."));
	}
	if (!utf8 && (!got || plain_c(got)))
		(void)utf8_ctype(); /* a UTF-8 terminal's typed letters then read right; C will do */
	text_set_charset(utf8 ? TEXT_UTF8 : TEXT_ASCII);
	return why[0] != '\0';
}

int ui_utf8(void)
{
	return text_charset() == TEXT_UTF8;
}
