/* err.c — see err.h. */
#include "err.h"
#include "i18n.h"

#include <errno.h>
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

/* strerror()'s English texts (glibc's), translated in share/da.tsv. */
static const struct { int no; const char *text; } sys_texts[] = {
	{ ENOENT, N_("No such file or directory") }, { EACCES, N_("Permission denied") },
	{ EPERM, N_("Operation not permitted") }, { EEXIST, N_("File exists") },
	{ ENOSPC, N_("No space left on device") }, { EDQUOT, N_("Disk quota exceeded") },
	{ EISDIR, N_("Is a directory") }, { ENOTDIR, N_("Not a directory") },
	{ EROFS, N_("Read-only file system") }, { ENAMETOOLONG, N_("File name too long") },
	{ ELOOP, N_("Too many levels of symbolic links") }, { EIO, N_("Input/output error") },
	{ EFBIG, N_("File too large") }, { ENOMEM, N_("Cannot allocate memory") },
	{ EMFILE, N_("Too many open files") }, { EBUSY, N_("Device or resource busy") },
	{ EXDEV, N_("Invalid cross-device link") }, { EINVAL, N_("Invalid argument") },
};

const char *err_text(int errnum)
{
	if (i18n_lang() != LANG_EN)
		for (size_t i = 0; i < sizeof sys_texts / sizeof *sys_texts; i++)
			if (sys_texts[i].no == errnum)
				return _(sys_texts[i].text);
	return strerror(errnum);
}
