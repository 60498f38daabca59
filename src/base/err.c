/* err.c — see err.h. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static kcode kerr_vset(kerr *e, kcode c, const char *field, const char *fmt, va_list ap)
{
	if (e) {
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		snprintf(e->field, sizeof e->field, "%s", field ? field : "");
		e->code = c;
	}
	return c;
}

kcode kerr_set(kerr *e, kcode c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kerr_vset(e, c, NULL, fmt, ap);
	va_end(ap);
	return c;
}

kcode kerr_field(kerr *e, kcode c, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kerr_vset(e, c, field, fmt, ap);
	va_end(ap);
	return c;
}

int kerr_is_field(const kerr *e, const char *field)
{
	return e && field && e->field[0] && strcmp(e->field, field) == 0;
}

void kerr_clear(kerr *e)
{
	if (e) {
		e->code = KE_OK;
		e->field[0] = '\0';
		e->msg[0] = '\0';
	}
}
