/* userfile.c — see userfile.h. */
#include "userfile.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Writes everything or returns the errno of the failure. */
static int write_all(int fd, const char *data, size_t len)
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

/* The child: give up the setgid group for good, then write. Its exit status
 * is 0 or the errno. */
static int child(const char *path, const char *data, size_t len)
{
	gid_t g = getgid();
	if (setresgid(g, g, g) != 0)
		return errno ? errno : EPERM;
	int fd = strcmp(path, "-") == 0 ? dup(STDOUT_FILENO)
		 : open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0)
		return errno;
	int err = write_all(fd, data, len);
	struct stat sb;
	/* Only a regular file can be synced; /dev/stdout or a pipe cannot. */
	if (!err && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	return err;
}

kcode userfile_write(const char *path, const char *data, size_t len, kerr *e)
{
	pid_t pid = fork();
	if (pid < 0)
		return kerr_set(e, KE_IO, _("Cannot write %s: %s"), path, strerror(errno));
	if (pid == 0)
		_exit(child(path, data, len) & 0xff);
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return kerr_set(e, KE_IO, _("Cannot write %s: %s"), path, strerror(errno));
	if (!WIFEXITED(status))
		return kerr_set(e, KE_IO, _("Cannot write %s: the writer stopped."), path);
	int err = WEXITSTATUS(status);
	if (err)
		return kerr_set(e, err == ENOSPC ? KE_FULL : KE_IO, _("Cannot write %s: %s"), path, strerror(err));
	return KE_OK;
}
