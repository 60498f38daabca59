/* cli_opts.c — see cli_opts.h. */
#include "cli_opts.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>

const char *cli_opt_value(const struct cli *c, int *i, const char *name)
{
	if (strcmp(c->argv[*i], name) || *i + 1 >= c->argc)
		return NULL;
	return c->argv[++*i];
}

int cli_opt_year(const char *v, int *year)
{
	char *end;
	long y = strtol(v, &end, 10);
	if (*end || y < 2000 || y > 2199)
		return cli_usage_error(_("--year takes a year like 2026, not %s"), v);
	*year = (int)y;
	return 0;
}
