/* userfile.c — see userfile.h. */
#include "userfile.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The signals that end a writer stuck on a FIFO nobody reads. */
static const int stop_signals[] = { SIGHUP, SIGTERM, SIGINT };
#define NSTOP (sizeof stop_signals / sizeof *stop_signals)

/* ---- the child ---- */

/* The temporary file the child is writing, removed if a signal ends it. */
static char child_tmp[PATH_MAX];

static void child_stop(int sig)
{
	(void)sig;
	if (child_tmp[0])
		unlink(child_tmp);
	_exit(EINTR);
}

/* Unmaps every shared mapping: in kup those are only SQLite's -shm, which
 * the child must not keep (it shows other people's uncommitted pages). */
static int unmap_shared(void)
{
	static char maps[1 << 18];
	int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	size_t n = 0;
	for (;;) {
		ssize_t r = read(fd, maps + n, sizeof maps - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
		if (n == sizeof maps - 1) {
			close(fd);
			return E2BIG;
		}
	}
	close(fd);
	maps[n] = '\0';
	for (char *line = maps; *line;) {
		char *end = strchr(line, '\n');
		unsigned long lo, hi;
		char perms[8];
		/* EINVAL for a whole, page-aligned line of the map means the
		 * range is not the program's to unmap: valgrind's own shared
		 * memory, shown in the map but refused to the client. SQLite's
		 * mappings are always the program's, so nothing to hide is kept. */
		if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3 && perms[3] == 's' &&
		    munmap((void *)lo, hi - lo) != 0 && errno != EINVAL)
			return errno;
		if (!end)
			break;
		line = end + 1;
	}
	return 0;
}

int userfile_child_start(void)
{
	pid_t parent = getppid();
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = child_stop;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NSTOP; i++)
		if (sigaction(stop_signals[i], &sa, NULL) != 0)
			return errno;
	signal(SIGPIPE, SIG_DFL);
	/* The database's descriptors: read through /proc/self/fd they would
	 * hand the file to the user. */
	if (close_range(3, ~0U, 0) != 0)
		for (int fd = 3; fd < 65536; fd++)
			close(fd);
	int err = unmap_shared();
	if (err)
		return err;
	gid_t g = getgid();
	if (setresgid(g, g, g) != 0)
		return errno ? errno : EPERM;
	/* after the credentials change, which clears it */
	if (prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0) != 0)
		return errno;
	if (getppid() != parent)
		return EINTR;
	return 0;
}

int userfile_write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Where the bytes come from: memory, or (src_fd >= 0) a file. */
struct source {
	const char *data;
	size_t len;
	int fd;
};

int userfile_copy(int in, int out)
{
	static char buf[1 << 16];
	for (;;) {
		ssize_t n = read(in, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		if (n == 0)
			return 0;
		int err = userfile_write_all(out, buf, (size_t)n);
		if (err)
			return err;
	}
}

static int put(int fd, const struct source *s)
{
	return s->fd < 0 ? userfile_write_all(fd, s->data, s->len) : userfile_copy(s->fd, fd);
}

static int finish(int fd, int err)
{
	if (!err && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	return err;
}

/* Makes path's bytes in a temporary file beside it (0600 by mkostemp)
 * and renames it over path once written and synced. */
static int replace(const char *path, const struct source *s)
{
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path) + 1 : 0;
	if (snprintf(child_tmp, sizeof child_tmp, "%.*s.%s.kup-XXXXXX", dirlen, path, slash ? slash + 1 : path) >=
	    (int)sizeof child_tmp)
		return ENAMETOOLONG;
	int fd = mkostemp(child_tmp, O_CLOEXEC);
	if (fd < 0) {
		int err = errno;
		child_tmp[0] = '\0';
		return err;
	}
	int err = finish(fd, put(fd, s));
	if (!err && rename(child_tmp, path) != 0)
		err = errno;
	if (err)
		unlink(child_tmp);
	child_tmp[0] = '\0';
	return err;
}

/* The child's work after userfile_child_start; its exit status is 0 or an
 * errno. */
static int child(const char *path, const struct source *s, int exclusive)
{
	int err = userfile_child_start();
	if (err)
		return err;
	if (!strcmp(path, "-")) {
		int fd = dup(STDOUT_FILENO);
		if (fd < 0)
			return errno;
		err = put(fd, s);
		return close(fd) != 0 && !err ? errno : err;
	}
	if (exclusive) { /* a backup: a new file, removed again if it fails */
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, USERFILE_MODE);
		if (fd < 0)
			return errno;
		snprintf(child_tmp, sizeof child_tmp, "%s", path);
		err = finish(fd, put(fd, s));
		if (err)
			unlink(path);
		return err;
	}
	struct stat sb;
	if (lstat(path, &sb) != 0)
		return errno == ENOENT ? replace(path, s) : errno;
	if (S_ISLNK(sb.st_mode))
		return ELOOP;
	if (S_ISREG(sb.st_mode))
		return replace(path, s);
	/* A FIFO or a device: written where it is. */
	int fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno;
	err = put(fd, s);
	return close(fd) != 0 && !err ? errno : err;
}

/* ---- the parent ---- */

static volatile sig_atomic_t stop_signal;
static volatile pid_t writer_pid;

/* A hang-up while the writer waits (on a FIFO nobody reads) ends it; the
 * signal is passed on to the caller's handler afterwards. */
static void forward(int sig)
{
	stop_signal = sig;
	if (writer_pid > 0)
		kill(writer_pid, SIGTERM);
}

static kcode run(const char *path, const struct source *s, int exclusive, kerr *e)
{
	struct sigaction sa, old[NSTOP];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = forward;
	sigemptyset(&sa.sa_mask);
	stop_signal = 0;
	writer_pid = 0;
	for (size_t i = 0; i < NSTOP; i++)
		sigaction(stop_signals[i], &sa, &old[i]);
	pid_t pid = fork();
	if (pid == 0)
		_exit(child(path, s, exclusive) & 0xff);
	int ferr = errno, status = 0, werr = 0;
	if (pid > 0) {
		writer_pid = pid;
		if (stop_signal)
			kill(pid, SIGTERM);
		while (waitpid(pid, &status, 0) < 0)
			if (errno != EINTR) {
				werr = errno;
				break;
			}
		writer_pid = 0;
	}
	for (size_t i = 0; i < NSTOP; i++)
		sigaction(stop_signals[i], &old[i], NULL);
	if (stop_signal)
		raise(stop_signal);
	if (pid < 0)
		return kerr_set(e, KE_IO, _("Cannot write %s: %s"), path, err_text(ferr));
	if (werr)
		return kerr_set(e, KE_IO, _("Cannot write %s: %s"), path, err_text(werr));
	if (!WIFEXITED(status))
		return kerr_set(e, KE_IO, _("Cannot write %s: the writer stopped."), path);
	int err = WEXITSTATUS(status);
	if (err == EEXIST && exclusive)
		return kerr_set(e, KE_EXISTS, _("%s already exists; kup backup never overwrites. Name a new file."), path);
	if (err)
		return kerr_set(e, err == ENOSPC ? KE_FULL : KE_IO, _("Cannot write %s: %s"), path, err_text(err));
	return KE_OK;
}

kcode userfile_write(const char *path, const char *data, size_t len, kerr *e)
{
	struct source s = { data, len, -1 };
	return run(path, &s, 0, e);
}

kcode userfile_copy_new(int src_fd, const char *path, kerr *e)
{
	/* On standard input: the child closes every other descriptor. */
	int saved = dup(STDIN_FILENO);
	if (saved < 0 || dup2(src_fd, STDIN_FILENO) < 0) {
		int err = errno;
		if (saved >= 0)
			close(saved);
		return kerr_set(e, KE_IO, _("Cannot write %s: %s"), path, err_text(err));
	}
	struct source s = { NULL, 0, STDIN_FILENO };
	kcode c = run(path, &s, 1, e);
	if (dup2(saved, STDIN_FILENO) < 0 && !c)
		c = kerr_set(e, KE_IO, _("Cannot write %s: %s"), path, err_text(errno));
	close(saved);
	return c;
}
