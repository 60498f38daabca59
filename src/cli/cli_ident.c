/* cli_ident.c — see cli_ident.h. The person is the real Unix user (ssh has
 * authenticated them) matched to staff.login, both folded as sssd folds
 * AD names (db_actor_for_login; login.h); kup has no passwords of its
 * own. On a shared server the role comes from the staff record; on one's own
 * file (not setgid, the file owned by the user, or root) one is its admin,
 * and --as shows kup as another person sees it. */
#include "cli_ident.h"
#include "db_audit.h"
#include "i18n.h"
#include "secure.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Local mode only: the file belongs to the person running kup — or that
 * person is root, who may do anything to any file anyway (and so may look
 * at the shared database as someone else with --as, to help them). */
static int owns_database(kdb *db)
{
	struct stat sb;
	return !secure_shared() && stat(db_path(db), &sb) == 0 && (sb.st_uid == getuid() || getuid() == 0);
}

/* One line on stderr that names the login and whom to ask; no data. */
static void turn_away(kdb *db, const kerr *why)
{
	kerr e = { 0 };
	char *admins = NULL;
	if (audit_admin_contacts(db, &admins, &e) || !admins || !*admins)
		fprintf(stderr, "kup: %s %s\n", why->msg, _("Ask the person who keeps kup to register you."));
	else {
		fprintf(stderr, "kup: %s ", why->msg);
		fprintf(stderr, _("Ask an administrator to register you: %s."), admins);
		fputc('\n', stderr);
	}
	free(admins);
}

static int identify(struct cli *c, kdb *db, kactor *who)
{
	kerr e = { 0 };
	const char *login = c->login;
	if (secure_shared()) {
		/* "local" (no passwd entry) must never match a staff record. */
		struct passwd *pw = getpwuid(getuid());
		if (!pw || !pw->pw_name) {
			fprintf(stderr, "kup: %s\n", _("Your user id has no login name on this machine, so kup cannot tell who you are."));
			return 1;
		}
		login = pw->pw_name;
	}
	int owner = owns_database(db);
	if (c->as && !owner) {
		fprintf(stderr, "kup: ");
		fprintf(stderr, _("--as is only for the owner of the database file %s."), db_path(db));
		fputc('\n', stderr);
		return 1;
	}
	if (c->as)
		login = c->as;
	kcode rc = db_actor_for_login(db, login, owner && !c->as, who, &e);
	if (rc == KE_DENIED)
		turn_away(db, &e);
	else if (rc)
		fprintf(stderr, "kup: %s\n", e.msg);
	return rc ? 1 : 0;
}

int cli_open(struct cli *c, int flags, struct cli_db *d)
{
	memset(d, 0, sizeof *d);
	/* On a shared server the database is the administrator's to make:
	 * anyone else would own it (and its data) as their own file. */
	if (secure_shared() && (flags & DB_OPEN_CREATE) && !secure_may_create(c->dbpath)) {
		fprintf(stderr, "kup: %s\n",
			_("On a shared server only the administrator creates the database (as root, with kup setup --shared). Ask your administrator."));
		return 1;
	}
	if (db_open(c->dbpath, flags, &d->db, &d->e)) {
		if (secure_shared() && d->e.code == KE_NOTFOUND) {
			fprintf(stderr, "kup: ");
			fprintf(stderr, _("There is no database at %s. On a shared server the administrator creates it with kup setup; ask your administrator."),
				c->dbpath);
			fputc('\n', stderr);
			return 1;
		}
		return cli_fail(&d->e);
	}
	if (identify(c, d->db, &d->who)) {
		db_close(d->db);
		d->db = NULL;
		return 1;
	}
	return 0;
}
