/* userread.c — see userread.h. */
#include "userread.h"
#include "userfile.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The child: the pipe becomes its standard output, then it lets go of the
 * database and the group (userfile_child_start), opens and copies to the
 * pipe. Exit status 0 or the errno of the failure. */
static int child(const char *path, int pipe_fd)
{
	if (dup2(pipe_fd, STDOUT_FILENO) < 0)
		return errno;
	int out = STDOUT_FILENO;
	int err = userfile_child_start();
	if (err)
		return err;
	signal(SIGPIPE, SIG_IGN);
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	struct stat sb;
	if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode))
		return EISDIR;
	char buf[65536];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		if (n == 0)
			return 0;
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(out, buf + off, (size_t)(n - off));
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0)
				return errno == EPIPE ? 0 : errno; /* the parent stopped: too big */
			off += w;
		}
	}
}

kcode userfile_read(const char *path, size_t max, char **data, size_t *len, kerr *e)
{
	*data = NULL;
	*len = 0;
	int p[2];
	if (pipe(p) != 0)
		return kerr_set(e, KE_IO, _("Cannot read %s: %s"), path, strerror(errno));
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return kerr_set(e, KE_IO, _("Cannot read %s: %s"), path, strerror(errno));
	}
	if (pid == 0) {
		close(p[0]);
		_exit(child(path, p[1]) & 0xff);
	}
	close(p[1]);
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap + 1);
	int toobig = 0, rerr = 0;
	while (buf) {
		if (n == cap) {
			if (cap >= max) {
				toobig = 1;
				break;
			}
			cap = cap * 2 > max ? max : cap * 2;
			char *t = realloc(buf, cap + 1);
			if (!t) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = t;
		}
		ssize_t r = read(p[0], buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			rerr = errno;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(p[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	int err = WIFEXITED(status) ? WEXITSTATUS(status) : EIO;
	if (!buf)
		return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	if (toobig || err || rerr) {
		free(buf);
		if (toobig)
			return kerr_set(e, KE_INVALID, _("%s is larger than %zu MB; split it."), path, max >> 20);
		err = err ? err : rerr;
		return kerr_set(e, err == ENOENT ? KE_NOTFOUND : KE_IO, _("Cannot read %s: %s"), path, strerror(err));
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return KE_OK;
}
