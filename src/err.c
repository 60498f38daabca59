/* err.c — see err.h. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>

kcode kerr_set(kerr *e, kcode c, const char *fmt, ...)
{
	if (e) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
		e->code = c;
	}
	return c;
}

void kerr_clear(kerr *e)
{
	if (e) {
		e->code = KE_OK;
		e->msg[0] = '\0';
	}
}
