/* secure.c — see secure.h. The order matters: secure_start() runs before
 * anything opens a file, so the database can never land on fd 0-2 and be
 * written to by a stray printf; secure_database() runs before the database
 * is opened, so a refused option never reaches it. */
#include "secure.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

extern char **environ;

#define NFS_MAGIC  0x6969UL
#define SMB_MAGIC  0x517BUL
#define CIFS_MAGIC 0xFF534D42UL
#define SMB2_MAGIC 0xFE534D42UL

static int elevated;      /* running with an id that is not the caller's */
static int shared;        /* elevated, and not for root */

/* Variables that make a library read or write where the user chooses: SQLite
 * temp files, and terminfo entries ncurses would parse (it may or may not be
 * built to ignore them in a setgid program). */
static const char *const hostile_env[] = {
	"TMPDIR", "SQLITE_TMPDIR", "TERMINFO", "TERMINFO_DIRS", "TERMPATH", "TERMCAP",
};

/* A closed fd 0-2 would be the next open()'s result: the database file
 * could become "standard error". */
static int open_std_fds(void)
{
	for (int fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		int n = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (n < 0)
			return -1;
		if (n != fd) {
			int ok = dup2(n, fd) == fd;
			close(n);
			if (!ok)
				return -1;
		}
	}
	return 0;
}

int secure_term_ok(const char *term)
{
	size_t n = term ? strlen(term) : 0;
	if (n < 1 || n > 64)
		return 0;
	return strspn(term, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._+-") == n;
}

int secure_start(void)
{
	if (open_std_fds())
		return -1;
	elevated = getegid() != getgid() || geteuid() != getuid();
	shared = elevated && getuid() != 0;
	if (!elevated)
		return 0;
	struct rlimit none = { 0, 0 };
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0 || setrlimit(RLIMIT_CORE, &none) != 0)
		return -1;
	for (size_t i = 0; i < sizeof hostile_env / sizeof *hostile_env; i++)
		if (unsetenv(hostile_env[i]) != 0)
			return -1;
	return 0;
}

int secure_shared(void)
{
	return shared;
}

/* The directory path names a file in: "." for a bare name, "/" at the top. */
static void dir_of(const char *path, char *dir, size_t size)
{
	snprintf(dir, size, "%s", path);
	char *slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, size, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
}

int secure_may_create(const char *dbpath)
{
	char dir[PATH_MAX];
	dir_of(dbpath, dir, sizeof dir);
	struct stat sb;
	return !shared || getuid() == 0 || (stat(dir, &sb) == 0 && sb.st_uid == getuid());
}

const char *secure_config_path(void)
{
	return KUP_SYSCONFDIR "/kup.conf";
}

/* Cuts the blanks off both ends of s in place. */
static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* What a config file says. */
struct conf {
	char *db;
	size_t dbsize;
	char mail_from[256]; /* "" when not given */
	int access_log_days;  /* 0 when not given */
	int retention_years; /* 0 when not given */
};

/* One "key = value" line; comments and blank lines are fine. */
static kcode config_line(const char *path, int lineno, char *line, struct conf *cf, kerr *e)
{
	char *s = trim(line);
	if (!*s || *s == '#')
		return KE_OK;
	char *eq = strchr(s, '=');
	if (!eq)
		return kerr_set(e, KE_INVALID, _("%s line %d: expected 'database = PATH'."), path, lineno);
	*eq = '\0';
	char *key = trim(s), *val = trim(eq + 1);
	int is_db = !strcmp(key, "database");
	if (!is_db && strcmp(key, "mail_from") != 0 && strcmp(key, "access_log_days") != 0 &&
	    strcmp(key, "retention_years") != 0)
		return kerr_set(e, KE_INVALID,
				_("%s line %d: unknown setting '%s' (kup knows: database, mail_from, access_log_days, retention_years)."),
				path, lineno, key);
	for (const char *p = val; *p; p++)
		if ((unsigned char)*p < 32 || *p == 127)
			return kerr_set(e, KE_INVALID, _("%s line %d: the value holds a control character."), path, lineno);
	if (!strcmp(key, "access_log_days")) {
		char *end;
		errno = 0;
		long days = strtol(val, &end, 10);
		if (errno || end == val || *end || days < 1 || days > 36500)
			return kerr_set(e, KE_INVALID, _("%s line %d: access_log_days must be a number of days from 1 to 36500."),
					path, lineno);
		cf->access_log_days = (int)days;
		return KE_OK;
	}
	if (!strcmp(key, "retention_years")) {
		if ((cf->retention_years = secure_parse_years(val)) == 0)
			return kerr_set(e, KE_INVALID, _("%s line %d: retention_years must be a whole number of years from 1 to 100."),
					path, lineno);
		return KE_OK;
	}
	if (!is_db) {
		if (!*val || strlen(val) >= sizeof cf->mail_from)
			return kerr_set(e, KE_INVALID, _("%s line %d: mail_from must be an address like Kompetence <kup@kommune.dk>."),
					path, lineno);
		snprintf(cf->mail_from, sizeof cf->mail_from, "%s", val);
		return KE_OK;
	}
	if (val[0] != '/' || strlen(val) >= cf->dbsize)
		return kerr_set(e, KE_INVALID, _("%s line %d: the database must be an absolute path, like /srv/kup/kup.db."),
				path, lineno);
	snprintf(cf->db, cf->dbsize, "%s", val);
	return KE_OK;
}

static kcode read_config(const char *path, int trusted, struct conf *cf, kerr *e)
{
	cf->db[0] = '\0';
	cf->mail_from[0] = '\0';
	cf->access_log_days = 0;
	cf->retention_years = 0;
	FILE *f = fopen(path, "re");
	if (!f) {
		if (errno == ENOENT)
			return kerr_set(e, KE_NOTFOUND, _("There is no %s."), path);
		return kerr_set(e, KE_IO, _("Cannot read %s: %s"), path, err_text(errno));
	}
	struct stat sb;
	kcode c = KE_OK;
	if (fstat(fileno(f), &sb) != 0)
		c = kerr_set(e, KE_IO, _("Cannot read %s: %s"), path, err_text(errno));
	else if (trusted && (sb.st_uid != 0 || (sb.st_mode & 022) || !S_ISREG(sb.st_mode)))
		c = kerr_set(e, KE_DENIED, _("%s must be a file that belongs to root and only root may change."), path);
	char line[4096];
	for (int lineno = 1; !c && fgets(line, sizeof line, f); lineno++) {
		size_t n = strlen(line);
		if (n == sizeof line - 1 && line[n - 1] != '\n')
			c = kerr_set(e, KE_INVALID, _("%s line %d is too long."), path, lineno);
		else {
			line[strcspn(line, "\n")] = '\0';
			c = config_line(path, lineno, line, cf, e);
		}
	}
	if (!c && ferror(f))
		c = kerr_set(e, KE_IO, _("Cannot read %s: %s"), path, err_text(errno));
	fclose(f);
	if (!c && !cf->db[0])
		c = kerr_set(e, KE_INVALID, _("%s has no line 'database = PATH'."), path);
	return c;
}

kcode secure_read_config(const char *path, int trusted, char *db, size_t size, kerr *e)
{
	struct conf cf = { .db = db, .dbsize = size };
	return read_config(path, trusted, &cf, e);
}

kcode secure_read_mail_from(const char *path, int trusted, char *from, size_t size, kerr *e)
{
	char db[PATH_MAX];
	struct conf cf = { .db = db, .dbsize = sizeof db };
	from[0] = '\0';
	kcode c = read_config(path, trusted, &cf, e);
	if (!c && strlen(cf.mail_from) >= size)
		c = kerr_set(e, KE_INVALID, _("%s: mail_from is too long."), path);
	if (!c)
		snprintf(from, size, "%s", cf.mail_from);
	return c;
}

/* The system config: the first config file that exists decides.
 * KE_NOTFOUND if there is none. */
static kcode system_config(int trusted, struct conf *cf, const char **path, kerr *e)
{
	*path = secure_config_path();
	kcode c = read_config(*path, trusted, cf, e);
	if (c == KE_NOTFOUND) {
		*path = "/etc/kup.conf";
		c = read_config(*path, trusted, cf, e);
	}
	return c;
}

int secure_access_log_days(void)
{
	char db[PATH_MAX];
	struct conf cf = { .db = db, .dbsize = sizeof db };
	const char *path;
	kerr e;
	if (system_config(secure_shared(), &cf, &path, &e) != KE_OK || !cf.access_log_days)
		return SECURE_ACCESS_LOG_DAYS;
	return cf.access_log_days;
}

static kcode system_database(int trusted, char *db, size_t size, kerr *e)
{
	struct conf cf = { .db = db, .dbsize = size };
	const char *path;
	return system_config(trusted, &cf, &path, e);
}

kcode secure_mail_from(char *from, size_t size, kerr *e)
{
	char db[PATH_MAX];
	struct conf cf = { .db = db, .dbsize = sizeof db };
	const char *path;
	from[0] = '\0';
	kcode c = system_config(shared, &cf, &path, e);
	if (c == KE_NOTFOUND)
		return kerr_set(e, KE_NOTFOUND,
				_("There is no %s: kup sends mail from the address its line 'mail_from = ADDRESS' gives."),
				secure_config_path());
	if (c)
		return c;
	if (!cf.mail_from[0])
		return kerr_set(e, KE_NOTFOUND,
				_("%s has no line 'mail_from = ADDRESS' (the sender of kup's mail, like mail_from = Kompetence <kup@kommune.dk>)."),
				path);
	if (strlen(cf.mail_from) >= size)
		return kerr_set(e, KE_INVALID, _("%s: mail_from is too long."), path);
	snprintf(from, size, "%s", cf.mail_from);
	return KE_OK;
}

int secure_parse_years(const char *s)
{
	int n = 0;
	if (!*s || strlen(s) > 3)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		n = n * 10 + (*s - '0');
	}
	return n >= 1 && n <= 100 ? n : 0;
}

kcode secure_retention(int *years, char *source, size_t size, kerr *e)
{
	*years = 0;
	snprintf(source, size, "%s", "");
	/* a local database may have no kup.conf: its owner sets the rule in
	 * the environment, as for KUP_DB; a shared server refuses KUP_ variables
	 * (secure_database), so there only the root-owned config counts */
	const char *env = shared ? NULL : secure_getenv("KUP_RETENTION_YEARS");
	if (env && *env) {
		if (!(*years = secure_parse_years(env)))
			return kerr_set(e, KE_INVALID, "%s", _("KUP_RETENTION_YEARS must be a whole number of years from 1 to 100."));
		snprintf(source, size, "%s", "KUP_RETENTION_YEARS");
		return KE_OK;
	}
	char db[PATH_MAX];
	struct conf cf = { .db = db, .dbsize = sizeof db };
	const char *path;
	kcode c = system_config(shared, &cf, &path, e);
	if (c == KE_NOTFOUND) {
		kerr_clear(e);
		return KE_OK;
	}
	if (c)
		return c;
	*years = cf.retention_years;
	if (*years)
		snprintf(source, size, "%s", path);
	return KE_OK;
}

kcode secure_check_fs(const char *path, kerr *e)
{
	char dir[PATH_MAX];
	dir_of(path, dir, sizeof dir);
	struct statfs fs;
	if (statfs(dir, &fs) != 0)
		return KE_OK; /* a missing directory: opening the database says so */
	unsigned long t = (unsigned long)fs.f_type & 0xFFFFFFFFUL;
	if (t == NFS_MAGIC || t == SMB_MAGIC || t == CIFS_MAGIC || t == SMB2_MAGIC)
		return kerr_set(e, KE_DENIED,
			_("%s is on a network file system (NFS or SMB). kup's database must be on a disk of the server itself: several users writing over the network would damage it."),
			dir);
	return KE_OK;
}

/* The first KUP_ variable in the environment, or NULL. Its name is copied
 * to name (cut at size). KUP_CHARSET is let through: it only chooses how
 * the screen draws letters and lines (ui_charset.h), and the people of a
 * shared server are the ones whose PuTTY may need it. */
static const char *kup_variable(char *name, size_t size)
{
	for (char **v = environ; v && *v; v++)
		if (!strncmp(*v, "KUP_", 4) && strncmp(*v, "KUP_CHARSET=", 12)) {
			snprintf(name, size, "%.*s", (int)strcspn(*v, "="), *v);
			return name;
		}
	return NULL;
}

static int refuse(const char *fmt, const char *what)
{
	fprintf(stderr, "kup: ");
	fprintf(stderr, fmt, what);
	fputc('\n', stderr);
	return 1;
}

static int shared_database(const char *opt_db, const char *opt_as, const char **dbpath)
{
	static char db[PATH_MAX];
	char var[64];
	kerr e = { 0 };
	if (opt_db)
		return refuse(_("%s cannot be used on a shared server: kup opens the shared database its administrator set up."), "--db");
	if (opt_as)
		return refuse(_("%s cannot be used on a shared server: kup shows what your own login may see."), "--as");
	if (kup_variable(var, sizeof var))
		return refuse(_("The environment variable %s cannot be used on a shared server; unset it and start kup again."), var);
	kcode c = system_database(1, db, sizeof db, &e);
	if (c == KE_NOTFOUND) {
		fprintf(stderr, "kup: ");
		fprintf(stderr, _("kup is installed for a shared server, but %s is missing. An administrator sets it up with: kup setup --shared DIR --group kup --admin LOGIN"),
			secure_config_path());
		fputc('\n', stderr);
		return 1;
	}
	if (!c)
		c = secure_check_fs(db, &e);
	if (c) {
		fprintf(stderr, "kup: %s\n", e.msg);
		return 1;
	}
	*dbpath = db;
	return 0;
}

int secure_database(const char *opt_db, const char *opt_as, const char **dbpath)
{
	static char db[PATH_MAX];
	if (shared)
		return shared_database(opt_db, opt_as, dbpath);
	const char *env = secure_getenv("KUP_DB");
	kerr e = { 0 };
	kcode c;
	if (opt_db)
		*dbpath = opt_db;
	else if (env && *env)
		*dbpath = env;
	else if ((c = system_database(0, db, sizeof db, &e)) == KE_OK)
		*dbpath = db;
	else if (c == KE_NOTFOUND)
		*dbpath = "kup.db";
	else {
		fprintf(stderr, "kup: %s\n", e.msg);
		return 1;
	}
	return 0;
}
