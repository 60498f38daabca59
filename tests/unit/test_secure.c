/* test_secure.c — the pieces of shared-server mode that need no setgid
 * binary (tests/e2e/shared.sh runs the real one): reading the system config,
 * the TERM check, the network file system check, a closed fd 0-2 made safe,
 * and the environment left alone when kup runs with the user's own ids. */
#include "err.h"
#include "i18n.h"
#include "secure.h"
#include "t.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];

static const char *conf(const char *name, const char *text, mode_t mode)
{
	static char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	chmod(path, mode);
	return path;
}

static void test_config(void)
{
	char db[PATH_MAX];
	kerr e = { 0 };
	const char *p = conf("good.conf", "# kup\n\n  database = /srv/kup/kup.db  \n", 0644);
	CHECK(secure_read_config(p, 0, db, sizeof db, &e) == KE_OK, "a config with a comment reads (%s)", e.msg);
	CHECK_STR(db, "/srv/kup/kup.db", "the database path, blanks cut");
	CHECK(secure_read_config("/nonexistent/kup.conf", 0, db, sizeof db, &e) == KE_NOTFOUND,
	      "a missing config: not found");
	p = conf("rel.conf", "database = kup.db\n", 0644);
	CHECK(secure_read_config(p, 0, db, sizeof db, &e) == KE_INVALID && strstr(e.msg, "line 1") &&
	      strstr(e.msg, "absolute path"), "a relative path is refused, naming the line (%s)", e.msg);
	p = conf("key.conf", "database = /a.db\ncolour = blue\n", 0644);
	CHECK(secure_read_config(p, 0, db, sizeof db, &e) == KE_INVALID && strstr(e.msg, "line 2") &&
	      strstr(e.msg, "'colour'"), "an unknown setting is named (%s)", e.msg);
	p = conf("noeq.conf", "database /a.db\n", 0644);
	CHECK(secure_read_config(p, 0, db, sizeof db, &e) == KE_INVALID && strstr(e.msg, "database = PATH"),
	      "a line without = says what is expected (%s)", e.msg);
	p = conf("empty.conf", "# nothing\n", 0644);
	CHECK(secure_read_config(p, 0, db, sizeof db, &e) == KE_INVALID && strstr(e.msg, "no line"),
	      "a config without a database says so (%s)", e.msg);
	p = conf("ctl.conf", "database = /a\x1b[2J.db\n", 0644);
	CHECK(secure_read_config(p, 0, db, sizeof db, &e) == KE_INVALID && strstr(e.msg, "control character"),
	      "a control character in the path is refused (%s)", e.msg);
	char from[256];
	p = conf("mail.conf", "database = /a.db\nmail_from = Kompetence Børn og Unge <kup@kommune.dk>\n", 0644);
	CHECK(secure_read_config(p, 0, db, sizeof db, &e) == KE_OK, "a config with mail_from reads (%s)", e.msg);
	CHECK(secure_read_mail_from(p, 0, from, sizeof from, &e) == KE_OK, "its mail_from reads");
	CHECK_STR(from, "Kompetence Børn og Unge <kup@kommune.dk>", "...as written");
	p = conf("nomail.conf", "database = /a.db\n", 0644);
	CHECK(secure_read_mail_from(p, 0, from, sizeof from, &e) == KE_OK && !from[0], "no mail_from: empty");
	p = conf("mailctl.conf", "database = /a.db\nmail_from = a@b\x1b[2J\n", 0644);
	CHECK(secure_read_mail_from(p, 0, from, sizeof from, &e) == KE_INVALID && strstr(e.msg, "control character"),
	      "a control character in mail_from is refused (%s)", e.msg);
	p = conf("days.conf", "database = /a.db\naccess_log_days = 730\n", 0644);
	CHECK(secure_read_config(p, 0, db, sizeof db, &e) == KE_OK, "a config with access_log_days reads (%s)", e.msg);
	p = conf("baddays.conf", "database = /a.db\naccess_log_days = a year\n", 0644);
	CHECK(secure_read_config(p, 0, db, sizeof db, &e) == KE_INVALID && strstr(e.msg, "line 2") &&
	      strstr(e.msg, "1 to 36500"), "access_log_days that is no number of days is refused (%s)", e.msg);
	p = conf("zerodays.conf", "database = /a.db\naccess_log_days = 0\n", 0644);
	CHECK(secure_read_config(p, 0, db, sizeof db, &e) == KE_INVALID, "and so is 0 days");
	p = conf("keep.conf", "database = /a.db\nretention_years = 5\n", 0644);
	CHECK(secure_read_config(p, 0, db, sizeof db, &e) == KE_OK, "a config with retention_years reads (%s)", e.msg);
	p = conf("keepbad.conf", "database = /a.db\nretention_years = 0\n", 0644);
	CHECK(secure_read_config(p, 0, db, sizeof db, &e) == KE_INVALID && strstr(e.msg, "line 2") &&
	      strstr(e.msg, "1 to 100"), "retention_years 0 is refused, naming the line (%s)", e.msg);
	CHECK(secure_parse_years("5") == 5 && secure_parse_years("100") == 100 && !secure_parse_years("101") &&
	      !secure_parse_years("") && !secure_parse_years("5y") && !secure_parse_years("-1") &&
	      !secure_parse_years("0005"), "retention years: a whole number from 1 to 100");
	if (getuid() == 0) {
		p = conf("trusted.conf", "database = /srv/kup/kup.db\n", 0644);
		CHECK(secure_read_config(p, 1, db, sizeof db, &e) == KE_OK, "root's own 0644 config is trusted");
		p = conf("open.conf", "database = /srv/kup/kup.db\n", 0666);
		CHECK(secure_read_config(p, 1, db, sizeof db, &e) == KE_DENIED && strstr(e.msg, "only root"),
		      "a config others may change is not trusted (%s)", e.msg);
		CHECK(chown(p, 65534, 0) == 0 && chmod(p, 0644) == 0, "the config given to nobody");
		CHECK(secure_read_config(p, 1, db, sizeof db, &e) == KE_DENIED, "a config not root's is not trusted");
	} else {
		printf("SKIP trusted-config checks need root\n");
	}
	CHECK(strstr(secure_config_path(), "/kup.conf") != NULL, "the config path ends in kup.conf (%s)",
	      secure_config_path());
}

static void test_term(void)
{
	const char *good[] = { "xterm-256color", "vt100", "screen.xterm-new", "rxvt-unicode+x", "tmux-256color" };
	const char *bad[] = { "", NULL, "../../tmp/evil", "xterm 256", "xterm\n", "/tmp/x", "xterm;rm",
			      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" };
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		CHECK(secure_term_ok(good[i]), "TERM %s is fine", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char shown[80];
		snprintf(shown, sizeof shown, "%s", bad[i] ? bad[i] : "(unset)");
		for (char *c = shown; *c; c++)
			if (*c == '\n')
				*c = '?';
		CHECK(!secure_term_ok(bad[i]), "TERM '%s' is refused", shown);
	}
}

static void test_fs(void)
{
	kerr e = { 0 };
	char p[128];
	snprintf(p, sizeof p, "%s/kup.db", dir);
	CHECK(secure_check_fs(p, &e) == KE_OK, "a local directory is fine (%s)", e.msg);
	CHECK(secure_check_fs("kup.db", &e) == KE_OK, "a bare file name means the current directory");
}

/* In a child: close fd 1, run secure_start, report whether fd 1 is open. */
static void test_fds(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		close(1);
		int rc = secure_start();
		int open1 = fcntl(1, F_GETFD) != -1;
		int fd = open("/dev/null", O_RDONLY);
		_exit(rc == 0 && open1 && fd > 2 ? 0 : 1);
	}
	int status = 0;
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "a closed stdout is opened on /dev/null before anything else can take fd 1");
}

static void test_own_ids(void)
{
	setenv("TERMINFO", "/tmp/evil", 1);
	setenv("TERM", "xterm 256", 1);
	CHECK(secure_start() == 0, "secure_start with the user's own ids");
	CHECK(!secure_shared(), "not shared mode");
	const char *t = getenv("TERMINFO");
	CHECK(t && !strcmp(t, "/tmp/evil"), "the environment is the user's own business then");
	const char *db = NULL;
	setenv("KUP_DB", "/tmp/mine.db", 1);
	CHECK(secure_database(NULL, NULL, &db) == 0 && db && !strcmp(db, "/tmp/mine.db"), "KUP_DB is used");
	CHECK(secure_database("/tmp/opt.db", NULL, &db) == 0 && !strcmp(db, "/tmp/opt.db"), "--db wins");
	unsetenv("KUP_DB");
	unsetenv("TERMINFO");
}

int main(void)
{
	i18n_init("en");
	snprintf(dir, sizeof dir, "/tmp/kup-secure.XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	test_config();
	test_term();
	test_fs();
	test_fds();
	test_own_ids();
	const char *names[] = { "good", "rel", "key", "noeq", "empty", "ctl", "trusted", "open" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char p[128];
		snprintf(p, sizeof p, "%s/%s.conf", dir, names[i]);
		unlink(p);
	}
	rmdir(dir);
	i18n_done();
	return t_done();
}
