/* cli_common.c — see cli_common.h. */
#include "cli_common.h"
#include "i18n.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int cli_usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "kup: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	return CLI_USAGE;
}

int cli_fail(const kerr *e)
{
	fprintf(stderr, "kup: %s\n", e->msg);
	return 1;
}

/* A full disk (or a closed pipe) must not pass for finished output. */
int cli_flush_stdout(void)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	int err = errno ? errno : EIO;
	char msg[300];
	if (err == ENOSPC)
		snprintf(msg, sizeof msg, "%s", _("Cannot write the output: the disk is full."));
	else
		snprintf(msg, sizeof msg, _("Cannot write the output: %s"), strerror(err));
	fprintf(stderr, "kup: %s\n", msg);
	return 1;
}
