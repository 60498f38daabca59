/* sendmail.c — see sendmail.h. */
#include "sendmail.h"
#include "i18n.h"
#include "userfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

kcode sendmail_check(const char *path, kerr *e)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return kerr_set(e, errno == ENOENT ? KE_NOTFOUND : KE_IO,
				_("Cannot run %s: %s. Install a mail server (postfix, exim4, msmtp-mta or nullmailer provide it) or name the program with --sendmail PATH."),
				path, err_text(errno));
	if (!S_ISREG(sb.st_mode) || access(path, X_OK) != 0)
		return kerr_set(e, KE_DENIED, _("Cannot run %s: it is not a program you may run. Name another with --sendmail PATH."),
				path);
	return KE_OK;
}

kcode sendmail_send(const char *path, const char *msg, size_t len, kerr *e)
{
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) != 0)
		return kerr_set(e, KE_IO, _("Cannot run %s: %s"), path, err_text(errno));
	fflush(NULL); /* what kup printed comes before what the program prints */
	pid_t pid = fork();
	if (pid < 0) {
		int err = errno;
		close(fds[0]);
		close(fds[1]);
		return kerr_set(e, KE_IO, _("Cannot run %s: %s"), path, err_text(err));
	}
	if (pid == 0) {
		/* the message on standard input, before every other descriptor
		 * is closed */
		if (dup2(fds[0], STDIN_FILENO) < 0 || userfile_child_start() != 0)
			_exit(126);
		char *const argv[] = { (char *)path, (char *)"-t", (char *)"-i", NULL };
		execv(path, argv);
		_exit(errno == ENOENT ? 127 : 126);
	}
	close(fds[0]);
	/* a program that ends without reading everything must not kill kup */
	struct sigaction ign, old;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	int restore = sigaction(SIGPIPE, &ign, &old) == 0;
	int werr = userfile_write_all(fds[1], msg, len);
	if (close(fds[1]) != 0 && !werr)
		werr = errno;
	if (restore)
		sigaction(SIGPIPE, &old, NULL);
	int st;
	pid_t w;
	while ((w = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
		;
	if (w < 0)
		return kerr_set(e, KE_IO, _("Cannot run %s: %s"), path, err_text(errno));
	if (WIFSIGNALED(st))
		return kerr_set(e, KE_IO, _("%s was ended by signal %d."), path, WTERMSIG(st));
	if (WEXITSTATUS(st) == 127 || WEXITSTATUS(st) == 126)
		return kerr_set(e, KE_IO, _("%s could not be started (exit status %d). Name the program with --sendmail PATH."),
				path, WEXITSTATUS(st));
	if (WEXITSTATUS(st) != 0)
		return kerr_set(e, KE_IO, _("%s exited with status %d."), path, WEXITSTATUS(st));
	if (werr)
		return kerr_set(e, KE_IO, _("%s did not read the whole message: %s"), path, err_text(werr));
	return KE_OK;
}
