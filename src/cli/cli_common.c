/* cli_common.c — see cli_common.h. */
#include "cli_common.h"
#include "i18n.h"
#include "userfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "kup: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	return CLI_USAGE;
}

int cli_fail(const kerr *e)
{
	fprintf(stderr, "kup: %s\n", e->msg);
	return 1;
}

/* A full disk (or a closed pipe) must not pass for finished output. */
int cli_flush_stdout(void)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	int err = errno ? errno : EIO;
	char msg[300];
	if (err == ENOSPC)
		snprintf(msg, sizeof msg, "%s", _("Cannot write the output: the disk is full."));
	else
		snprintf(msg, sizeof msg, _("Cannot write the output: %s"), err_text(err));
	fprintf(stderr, "kup: %s\n", msg);
	return 1;
}

int cli_write_file(const char *path, char *doc, size_t len)
{
	if (!strcmp(path, "-")) { /* through the filtered standard output */
		size_t n = fwrite(doc, 1, len, stdout);
		free(doc);
		(void)n; /* a short write shows in the flush */
		return cli_flush_stdout();
	}
	kerr e = { 0 };
	kcode rc = userfile_write(path, doc, len, &e);
	free(doc);
	if (rc)
		return cli_fail(&e);
	printf(_("Wrote %s."), path);
	putchar('\n');
	return cli_flush_stdout();
}

/* ---- standard output that cannot steer the terminal ----
 * Names and notes come from the database, where anyone who may edit a
 * record can put an escape sequence. Every byte of a command's output
 * passes here: C0 controls other than tab, line feed and carriage return,
 * DEL, and the C1 controls (U+0080-U+009F, C2 80-C2 9F in UTF-8) become
 * U+FFFD, so a name cannot drive the terminal it is printed on. */

#define REPLACEMENT "\xEF\xBF\xBD"

struct safe_out {
	int fd;
	int lead_c2; /* the last byte written was a C2 that may start a C1 */
};

static int write_fd(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static ssize_t safe_write(void *cookie, const char *buf, size_t size)
{
	struct safe_out *s = cookie;
	char out[3 * 1024 + 8];
	size_t o = 0;
	for (size_t i = 0; i < size; i++) {
		unsigned char b = (unsigned char)buf[i];
		if (s->lead_c2) {
			s->lead_c2 = 0;
			if (b >= 0x80 && b <= 0x9F) {
				memcpy(out + o, REPLACEMENT, 3);
				o += 3;
				goto next;
			}
			out[o++] = (char)0xC2;
		}
		if (b == 0xC2)
			s->lead_c2 = 1;
		else if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) {
			memcpy(out + o, REPLACEMENT, 3);
			o += 3;
		} else
			out[o++] = (char)b;
	next:
		if (o >= sizeof out - 8) {
			if (write_fd(s->fd, out, o))
				return -1;
			o = 0;
		}
	}
	if (o && write_fd(s->fd, out, o))
		return -1;
	return (ssize_t)size;
}

static int safe_close(void *cookie)
{
	struct safe_out *s = cookie;
	if (s->lead_c2 && write_fd(s->fd, "\xC2", 1))
		return -1;
	s->lead_c2 = 0;
	return 0;
}

int cli_safe_stdout(void)
{
	static struct safe_out s = { STDOUT_FILENO, 0 };
	static const cookie_io_functions_t io = { .write = safe_write, .close = safe_close };
	FILE *f = fopencookie(&s, "w", io);
	if (!f)
		return -1;
	fflush(stdout);
	stdout = f;
	return 0;
}
