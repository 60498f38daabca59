/* cli_privacy_export.c — `kup privacy export --login L [--format json|md|html]
 * [--out FILE]`: what kup stores about the person (privacy_doc.h), written
 * as the user (userfile_write: mode 0600, a temporary file renamed into
 * place) to FILE, by default ~/kup-data-<login>.<ext>; `--out -` writes it
 * to standard output. An admin may export anyone's, a person their own. */
#include "cli_privacy_export.h"
#include "cli_ident.h"
#include "i18n.h"
#include "privacy_doc.h"
#include "userfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_privacy_export(struct cli *c)
{
	const char *login = NULL, *out = NULL;
	privacy_fmt fmt = PD_JSON;
	for (int i = 2; i < c->argc; i++) {
		const char *a = c->argv[i];
		if (i + 1 >= c->argc)
			return cli_usage_error(_("privacy export does not know %s"), a);
		const char *v = c->argv[++i];
		if (!strcmp(a, "--login")) {
			login = v;
		} else if (!strcmp(a, "--format")) {
			if (privacy_fmt_parse(v, &fmt))
				return cli_usage_error(_("--format takes json, md or html, not %s"), v);
		} else if (!strcmp(a, "--out")) {
			if (!*v)
				return cli_usage_error(_("option %s needs a value"), a);
			out = v;
		} else {
			return cli_usage_error(_("privacy export does not know %s"), a);
		}
	}
	if (!login)
		return cli_usage_error("%s", _("privacy export needs --login LOGIN"));
	struct cli_db d;
	/* not read-only: an administrator's export of someone else is noted
	 * in that person's access log */
	if (cli_open(c, 0, &d))
		return 1;
	char *doc = NULL;
	size_t len = 0;
	kcode rc = privacy_doc(d.db, &d.who, login, fmt, &doc, &len, &d.e);
	db_close(d.db);
	if (rc)
		return cli_fail(&d.e);
	char path[4096];
	if (out)
		snprintf(path, sizeof path, "%s", out);
	else
		privacy_doc_default_path(login, fmt, path, sizeof path);
	return cli_write_file(path, doc, len);
}
