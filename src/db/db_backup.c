/* db_backup.c — `kup backup`: a consistent copy of a database that others
 * keep using, made with SQLite's online backup and checked before it is
 * called a backup. See db_backup() in db.h; nothing returned is allocated. */
#include "db_internal.h"
#include "i18n.h"
#include "userfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK_PAGES 1024 /* 4 MiB at the default page size */

/* The message for a failed step of the copy, naming the file. */
static kcode copy_failed(const char *dest, int rc, kerr *e)
{
	if ((rc & 0xff) == SQLITE_FULL)
		return kerr_set(e, KE_FULL, _("The disk is full; the backup %s was not finished and is removed."), dest);
	return kerr_set(e, KE_IO, _("Cannot write the backup %s: %s"), dest, sqlite3_errstr(rc));
}

/* Copies db into the empty file dest, CHUNK_PAGES at a time. One read
 * transaction spans all the steps: without it every commit by someone else
 * would start the copy over, and under steady work it would never end. In
 * WAL mode that snapshot holds up no writer. */
static kcode copy(kdb *db, const char *dest, int64_t *pages, kerr *e)
{
	sqlite3 *to = NULL;
	int rc = sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	/* No journal beside the copy: a copy that fails is removed anyway. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(to, "PRAGMA journal_mode=MEMORY", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_close(to);
		return copy_failed(dest, rc, e);
	}
	kcode c = db_exec(db, "BEGIN; SELECT count(*) FROM sqlite_schema", e);
	sqlite3_backup *b = c ? NULL : sqlite3_backup_init(to, "main", db->h, "main");
	if (!c && !b)
		c = copy_failed(dest, sqlite3_extended_errcode(to), e);
	if (b) {
		while ((rc = sqlite3_backup_step(b, CHUNK_PAGES)) == SQLITE_OK)
			;
		*pages = sqlite3_backup_pagecount(b);
		int fin = sqlite3_backup_finish(b);
		if (rc != SQLITE_DONE || fin != SQLITE_OK)
			c = copy_failed(dest, rc != SQLITE_DONE ? rc : fin, e);
	}
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL); /* only read */
	rc = sqlite3_close(to);
	if (!c && rc != SQLITE_OK)
		c = copy_failed(dest, rc, e);
	return c;
}

/* Opens the copy as kup would and runs the same checks as kup check. */
static kcode verify(const char *dest, kerr *e)
{
	kdb *copy_db = NULL;
	if (db_open(dest, DB_OPEN_NOCHECK, &copy_db, e))
		return e->code;
	kcode c = db_check(copy_db, e);
	db_close(copy_db);
	return c;
}

static void remove_copy(const char *dest)
{
	char side[4096];
	static const char *const ext[] = { "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof ext / sizeof *ext; i++)
		if (snprintf(side, sizeof side, "%s%s", dest, ext[i]) < (int)sizeof side)
			unlink(side);
	unlink(dest);
}

/* The copy and its check, into a file only kup holds: beside the
 * database, so a setgid kup never opens a path the person named. The child
 * of userfile_copy_new then writes it where they asked, with their rights. */
static kcode backup_as_user(kdb *db, const char *dest, int64_t *pages, kerr *e)
{
	char tmp[4200];
	if (snprintf(tmp, sizeof tmp, "%s.backup-XXXXXX", db->path) >= (int)sizeof tmp)
		return kerr_set(e, KE_IO, _("Cannot write the backup %s: %s"), dest, err_text(ENAMETOOLONG));
	int fd = mkostemp(tmp, O_CLOEXEC); /* 0600 */
	if (fd < 0)
		return kerr_set(e, errno == ENOSPC ? KE_FULL : KE_IO, _("Cannot write the backup %s: %s"), dest,
				err_text(errno));
	close(fd);
	kcode c = copy(db, tmp, pages, e);
	if (!c && verify(tmp, e)) {
		char why[sizeof e->msg];
		snprintf(why, sizeof why, "%s", e->msg);
		c = kerr_set(e, KE_CORRUPT, _("The copy in %s failed the check and is removed: %s"), dest, why);
	}
	if (!c) {
		fd = open(tmp, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			c = kerr_set(e, KE_IO, _("Cannot write the backup %s: %s"), dest, err_text(errno));
		else {
			c = userfile_copy_new(fd, dest, e);
			close(fd);
		}
	}
	remove_copy(tmp);
	return c;
}

kcode db_backup(kdb *db, const kactor *who, const char *dest, int64_t *pages, kerr *e)
{
	*pages = 0;
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	if (!dest || !*dest)
		return kerr_set(e, KE_INVALID, "%s", _("Name the file the backup is written to."));
	if (getegid() != getgid() || geteuid() != getuid()) {
		if (backup_as_user(db, dest, pages, e))
			return e->code;
	} else {
		struct stat sb;
		if (lstat(dest, &sb) == 0)
			return kerr_set(e, KE_EXISTS, _("%s already exists; kup backup never overwrites. Name a new file."), dest);
		/* Personal data: only its owner reads the copy until they decide. */
		int fd = open(dest, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, USERFILE_MODE);
		if (fd < 0)
			return kerr_set(e, errno == ENOSPC ? KE_FULL : KE_IO, _("Cannot create %s: %s"), dest, err_text(errno));
		close(fd);
		kcode c = copy(db, dest, pages, e);
		if (!c && verify(dest, e)) {
			char why[sizeof e->msg];
			snprintf(why, sizeof why, "%s", e->msg);
			c = kerr_set(e, KE_CORRUPT, _("The copy in %s failed the check and is removed: %s"), dest, why);
		}
		if (c) {
			remove_copy(dest);
			return c;
		}
	}
	return kerr_set(e, KE_OK, _("Backed up %s to %s (%lld pages); the copy passed the integrity and reference checks."),
			db->path, dest, (long long)*pages);
}
