/* cli_setup.c — `kup setup --shared DIR [--group kup] --admin LOGIN
 * [--binary PATH] [--demo]`, run by root once on a shared server: the group,
 * the directory DIR (2770 root:group), the database in it (0660 root:group)
 * with LOGIN as its admin, the system config that points kup at it, and the
 * installed binary made setgid to the group. Users then reach the data only
 * through kup. Running it again repairs owners and modes and keeps the data
 * (and brings it to this kup's schema), whatever options it is given.
 * Nothing is started through a shell: groupadd gets its argv directly. */
#include "cli_setup.h"
#include "db_demo.h"
#include "db_org.h"
#include "db_staff.h"
#include "db_valid.h"
#include "i18n.h"
#include "secure.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define GROUPADD "/usr/sbin/groupadd"

struct setup {
	char dir[PATH_MAX - 16];
	const char *group;
	const char *admin;
	const char *binary; /* NULL: the running program */
	int demo;
};

static int fail(const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, "kup: ");
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	return 1;
}

static int plain_name(const char *s, const char *first, const char *rest)
{
	size_t n = strlen(s);
	return n >= 1 && n <= 32 && strchr(first, s[0]) && strspn(s + 1, rest) == n - 1;
}

static int parse(struct cli *c, struct setup *o)
{
	const char *dir = NULL;
	int shared = 0;
	o->group = "kup";
	for (int i = 1; i < c->argc; i++) {
		const char *a = c->argv[i];
		const char **v = !strcmp(a, "--group") ? &o->group : !strcmp(a, "--admin") ? &o->admin
			       : !strcmp(a, "--binary") ? &o->binary : !strcmp(a, "--shared") ? &dir : NULL;
		if (v && i + 1 < c->argc) {
			*v = c->argv[++i];
			shared |= v == &dir;
		} else if (!strcmp(a, "--demo")) {
			o->demo = 1;
		} else {
			return cli_usage_error(v ? _("option %s needs a value") : _("setup does not know %s"), a);
		}
	}
	if (!shared || !o->admin)
		return cli_usage_error("%s", _("setup needs --shared DIR and --admin LOGIN"));
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (dir[0] != '/' || n >= sizeof o->dir || strcspn(dir, "\n\t\r") < strlen(dir))
		return cli_usage_error(_("--shared takes an absolute directory like /srv/kup, not %s"), dir);
	snprintf(o->dir, sizeof o->dir, "%.*s", (int)n, dir);
	if (!plain_name(o->group, "abcdefghijklmnopqrstuvwxyz_", "abcdefghijklmnopqrstuvwxyz0123456789_-"))
		return cli_usage_error(_("--group takes a group name like kup (a-z, 0-9, _ and -), not %s"), o->group);
	/* any name the system gives, jens.hansen@kommune.local included */
	kerr le = { 0 };
	if (valid_login(NULL, o->admin, 1, &le))
		return cli_usage_error("--admin: %s", le.msg); /* untranslated: an option's name */
	return 0;
}

/* Runs argv[0] (an absolute path) with a fixed environment and waits. */
static int run(const char *const argv[])
{
	static char *const env[] = { "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C", NULL };
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execve(argv[0], (char *const *)argv, env);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int ensure_group(const struct setup *o, gid_t *gid)
{
	struct group *g = getgrnam(o->group);
	if (!g) {
		const char *argv[] = { GROUPADD, "--system", o->group, NULL };
		int rc = run(argv);
		if (rc != 0)
			return fail(_("Could not create the group %s with %s."), o->group, GROUPADD);
		if (!(g = getgrnam(o->group)))
			return fail(_("Could not create the group %s with %s."), o->group, GROUPADD);
		printf(_("Created the group %s."), o->group);
	} else {
		printf(_("The group %s exists."), o->group);
	}
	putchar('\n');
	*gid = g->gr_gid;
	return 0;
}

/* A symbolic link where setup expects its own file could hand root's
 * chown and chmod to whatever it points at. */
static int refuse_link(const char *path)
{
	return fail(_("%s is a symbolic link; kup setup does not follow links. Remove it, then run kup setup again."),
		    path, "");
}

/* Sets owner root:gid and mode through a descriptor opened without
 * following a link, so what is changed is the file that was checked. */
static int own(const char *path, gid_t gid, mode_t mode)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 && errno == ELOOP)
		return refuse_link(path);
	struct stat sb;
	int bad = fd < 0 || fstat(fd, &sb) != 0;
	if (!bad && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode)) {
		close(fd);
		return fail(_("%s exists and is not a file."), path, "");
	}
	/* fchown first: it clears the setgid bit that fchmod then sets. */
	bad = bad || fchown(fd, 0, gid) != 0 || fchmod(fd, mode) != 0;
	int err = errno;
	if (fd >= 0)
		close(fd);
	if (bad)
		return fail(_("Cannot set owner and mode of %s: %s"), path, err_text(err));
	return 0;
}

static int make_dir(const struct setup *o, gid_t gid)
{
	struct stat sb;
	if (lstat(o->dir, &sb) != 0) {
		if (errno != ENOENT || mkdir(o->dir, 0700) != 0)
			return fail(_("Cannot create %s: %s"), o->dir, err_text(errno));
	} else if (S_ISLNK(sb.st_mode)) {
		return refuse_link(o->dir);
	} else if (!S_ISDIR(sb.st_mode)) {
		return fail(_("%s exists and is not a directory%s."), o->dir, S_ISLNK(sb.st_mode) ? _(" (a symbolic link)") : "");
	}
	char probe[PATH_MAX];
	snprintf(probe, sizeof probe, "%s/kup.db", o->dir);
	kerr e = { 0 };
	if (secure_check_fs(probe, &e))
		return fail("%s%s", e.msg, "");
	if (own(o->dir, gid, 02770))
		return 1;
	printf(_("%s: directory, owner root, group %s, mode 2770."), o->dir, o->group);
	putchar('\n');
	return 0;
}

/* The first top unit (the whole organisation), or a new one. */
static kcode home_unit(kdb *db, const kactor *root, int64_t *id, kerr *e)
{
	kpage pg = { .limit = 500, .include_inactive = 1 };
	unit_rec *u;
	int n;
	if (unit_list(db, root, &pg, &u, &n, e))
		return e->code;
	*id = n ? u[0].id : 0;
	for (int i = 0; i < n; i++)
		if (!u[i].parent_id && u[i].active) {
			*id = u[i].id;
			break;
		}
	unit_rows_free(u, n);
	if (*id)
		return KE_OK;
	unit_rec nu = { 0 };
	nu.name = (char *)_("Organisation");
	snprintf(nu.kind, sizeof nu.kind, "area");
	kcode c = unit_save(db, root, &nu, e);
	free(nu.sort_key); /* the save hands back the list key; the name is a translation */
	*id = nu.id;
	return c;
}

/* Makes the login an active admin: its staff record, or a new one. */
static kcode ensure_admin(kdb *db, const kactor *root, const struct passwd *pw, kerr *e)
{
	staff_rec s;
	kcode c = staff_find_login(db, root, pw->pw_name, &s, e);
	if (c == KE_OK) {
		if (s.role != ROLE_ADMIN) {
			s.role = ROLE_ADMIN;
			c = staff_save(db, root, &s, e);
		}
		if (!c && !s.active)
			c = staff_set_active(db, root, s.id, s.version, 1, e);
		staff_free(&s);
		return c;
	}
	if (c != KE_NOTFOUND)
		return c;
	staff_rec n = { 0 };
	if (home_unit(db, root, &n.unit_id, e))
		return e->code;
	char name[121], initials[9];
	snprintf(name, sizeof name, "%.*s", (int)strcspn(pw->pw_gecos ? pw->pw_gecos : "", ","),
		 pw->pw_gecos ? pw->pw_gecos : "");
	snprintf(initials, sizeof initials, "%.8s", pw->pw_name);
	for (char *p = initials; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	n.login = pw->pw_name;
	n.name = name[0] ? name : pw->pw_name;
	n.initials = initials;
	n.role = ROLE_ADMIN;
	c = staff_save(db, root, &n, e);
	if (c == KE_INVALID && n.name != pw->pw_name) { /* an odd GECOS name */
		n.name = pw->pw_name;
		c = staff_save(db, root, &n, e);
	}
	return c;
}

static int make_database(struct cli *c, const struct setup *o, const struct passwd *pw, gid_t gid,
			 char *path, size_t size)
{
	snprintf(path, size, "%s/kup.db", o->dir);
	struct stat sb;
	int fresh = lstat(path, &sb) != 0;
	/* Running the first setup command again after an upgrade must finish
	 * the repair (the setgid bit above all), so --demo on a database that
	 * holds data is passed over rather than stopping half way. */
	int demo = o->demo && fresh;
	if (o->demo && !fresh) {
		printf(_("%s already holds a database; it is kept as it is, without the demo."), path);
		putchar('\n');
	}
	if (!fresh && S_ISLNK(sb.st_mode))
		return refuse_link(path);
	if (!fresh && !S_ISREG(sb.st_mode))
		return fail(_("%s exists and is not a file."), path, "");
	const char *side[] = { "-wal", "-shm", "-journal" };
	for (int i = 0; i < 3; i++) {
		char p[PATH_MAX];
		snprintf(p, sizeof p, "%s%s", path, side[i]);
		if (lstat(p, &sb) == 0 && S_ISLNK(sb.st_mode))
			return refuse_link(p);
	}
	kdb *db;
	kerr e = { 0 };
	kactor root;
	db_actor_local_admin(&root, c->login);
	kcode rc = db_open(path, fresh ? DB_OPEN_CREATE : 0, &db, &e);
	if (rc)
		return fail("%s%s", e.msg, "");
	demo_summary sum;
	if (demo)
		rc = demo_create(db, &root, 0, &sum, &e);
	if (!rc)
		rc = ensure_admin(db, &root, pw, &e);
	db_close(db);
	if (rc) {
		if (fresh)
			remove(path);
		return fail("%s%s", e.msg, "");
	}
	for (int i = 0; i < 2; i++) {
		char p[PATH_MAX];
		snprintf(p, sizeof p, "%s%s", path, side[i]);
		if (lstat(p, &sb) == 0 && own(p, gid, 0660))
			return 1;
	}
	if (own(path, gid, 0660))
		return 1;
	printf(fresh ? _("%s: new database, owner root, group %s, mode 0660.")
		     : _("%s: the database is kept, owner root, group %s, mode 0660."), path, o->group);
	putchar('\n');
	printf(_("%s is an admin in kup."), pw->pw_name);
	putchar('\n');
	return 0;
}

/* mkdir -p for the config directory (root's, 0755). */
static int make_parents(const char *dir)
{
	char p[PATH_MAX];
	snprintf(p, sizeof p, "%s", dir);
	for (char *s = p + 1;; s++) {
		if (*s == '/' || !*s) {
			char end = *s;
			*s = '\0';
			if (mkdir(p, 0755) != 0 && errno != EEXIST)
				return -1;
			*s = end;
			if (!end)
				return 0;
		}
	}
}

static int write_config(const char *dbpath)
{
	const char *path = secure_config_path();
	char dir[PATH_MAX], tmp[PATH_MAX];
	snprintf(dir, sizeof dir, "%.*s", (int)(strrchr(path, '/') - path), path);
	snprintf(tmp, sizeof tmp, "%s.new", path);
	if (make_parents(dir) != 0)
		return fail(_("Cannot create %s: %s"), dir, err_text(errno));
	/* setup runs again after every install: the sender of the reminder
	 * mails the admin added stays */
	char from[256];
	kerr e = { 0 };
	if (secure_read_mail_from(path, 0, from, sizeof from, &e) != KE_OK)
		from[0] = '\0';
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w");
	if (!f) {
		if (fd >= 0)
			close(fd);
		return fail(_("Cannot write %s: %s"), tmp, err_text(errno));
	}
	fprintf(f, "# kup system config, written by kup setup --shared.\n"); /* untranslated: read by kup */
	fprintf(f, "database = %s\n", dbpath); /* untranslated: a setting's name */
	if (from[0])
		fprintf(f, "mail_from = %s\n", from); /* untranslated: a setting's name */
	int bad = fflush(f) != 0 || fsync(fd) != 0 || fchown(fd, 0, 0) != 0 || fchmod(fd, 0644) != 0;
	if (fclose(f) != 0 || bad || rename(tmp, path) != 0) {
		int err = errno;
		unlink(tmp);
		return fail(_("Cannot write %s: %s"), path, err_text(err));
	}
	printf(_("%s: database = %s"), path, dbpath);
	putchar('\n');
	return 0;
}

static int make_setgid(const struct setup *o, gid_t gid)
{
	char path[PATH_MAX];
	const char *src = o->binary ? o->binary : "/proc/self/exe";
	if (!realpath(src, path))
		return fail(_("Cannot find the kup program %s: %s"), src, err_text(errno));
	struct stat sb;
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return fail(_("%s is not a program file."), path, "");
	if (own(path, gid, 02755))
		return 1;
	printf(_("%s: owner root, group %s, mode 2755 (setgid)."), path, o->group);
	putchar('\n');
	return 0;
}

int cmd_setup(struct cli *c)
{
	struct setup o = { 0 };
	int rc = parse(c, &o);
	if (rc)
		return rc;
	if (geteuid() != 0 || getuid() != 0)
		return fail("%s%s", _("kup setup must be run as root: it creates a group, changes owners and makes kup setgid."), "");
	struct passwd *pw = getpwnam(o.admin);
	if (!pw)
		return fail(_("There is no user %s on this machine; create the login first (adduser %s)."), o.admin, o.admin);
	/* getpwnam's buffer is reused by getgrnam's helpers: keep a copy. */
	struct passwd admin = *pw;
	char login[LOGIN_MAX + 1], gecos[256];
	snprintf(login, sizeof login, "%s", pw->pw_name);
	snprintf(gecos, sizeof gecos, "%s", pw->pw_gecos ? pw->pw_gecos : "");
	admin.pw_name = login;
	admin.pw_gecos = gecos;
	gid_t gid;
	char dbpath[PATH_MAX];
	if (ensure_group(&o, &gid) || make_dir(&o, gid) || make_database(c, &o, &admin, gid, dbpath, sizeof dbpath) ||
	    write_config(dbpath) || make_setgid(&o, gid))
		return 1;
	puts(_("Done. Everyone with a login in kup's staff register can now start it with: kup"));
	return 0;
}
