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
	err = userfile_copy(fd, out);
	return err == EPIPE ? 0 : err; /* EPIPE: the parent stopped, the file too big */
}

kcode userread_open(const char *path, userread *r, kerr *e)
{
	r->path = path;
	r->fd = -1;
	r->pid = 0;
	int p[2];
	if (pipe(p) != 0)
		return kerr_set(e, KE_IO, _("Cannot read %s: %s"), path, err_text(errno));
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return kerr_set(e, KE_IO, _("Cannot read %s: %s"), path, err_text(errno));
	}
	if (pid == 0) {
		close(p[0]);
		_exit(child(path, p[1]) & 0xff);
	}
	close(p[1]);
	r->fd = p[0];
	r->pid = pid;
	return KE_OK;
}

/* The child's exit: 0, or the errno it failed with. */
static int reap(userread *r)
{
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
	if (!r->pid)
		return 0;
	int status = 0;
	while (waitpid(r->pid, &status, 0) < 0 && errno == EINTR)
		;
	r->pid = 0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : EIO;
}

ssize_t userread_next(userread *r, char *buf, size_t n, kerr *e)
{
	for (;;) {
		ssize_t got = r->fd >= 0 ? read(r->fd, buf, n) : 0;
		if (got < 0 && errno == EINTR)
			continue;
		if (got > 0)
			return got;
		int err = got < 0 ? errno : 0, child_err = reap(r);
		err = child_err ? child_err : err;
		if (!err)
			return 0;
		kerr_set(e, err == ENOENT ? KE_NOTFOUND : KE_IO, _("Cannot read %s: %s"), r->path, err_text(err));
		return -1;
	}
}

void userread_close(userread *r)
{
	/* closing first: a child still writing gets EPIPE and ends */
	(void)reap(r);
}

kcode userfile_read(const char *path, size_t max, char **data, size_t *len, kerr *e)
{
	*data = NULL;
	*len = 0;
	userread in;
	if (userread_open(path, &in, e))
		return e->code;
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap + 1);
	int toobig = 0;
	ssize_t r = 0;
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
		if ((r = userread_next(&in, buf + n, cap - n, e)) <= 0)
			break;
		n += (size_t)r;
	}
	userread_close(&in);
	if (!buf)
		return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	if (toobig || r < 0) {
		free(buf);
		return toobig ? kerr_set(e, KE_INVALID, _("%s is larger than %zu MB; split it."), path, max >> 20) : e->code;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return KE_OK;
}
