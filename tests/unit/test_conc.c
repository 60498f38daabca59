/* Unit tests for many users at once (issue 5): no read snapshot outlives a
 * data call, PRAGMA data_version polling (db_changed), waiting out another
 * writer's lock, conflicts on update and delete, drafts per login, the
 * form's record/version API, read-only and full databases, damaged files
 * refused at open, and the online backup. */
#include "t.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db.h"
#include "db_activity.h"
#include "db_draft.h"
#include "db_internal.h"
#include "db_org.h"
#include "db_part.h"
#include "db_plan.h"
#include "db_staff.h"
#include "i18n.h"
#include "ui_form.h"

static char dir[] = "/tmp/kup-test-conc.XXXXXX";
static kactor admin, other;
static const char *self; /* argv[0]: test_busy starts it again (not /proc/self/exe: valgrind) */

static const char *at(const char *name)
{
	static char buf[4][300];
	static int next;
	char *p = buf[next++ % 4];
	snprintf(p, sizeof buf[0], "%s/%s", dir, name);
	return p;
}

static int has(const kerr *e, kcode code, const char *part)
{
	int ok = e->code == code && strstr(e->msg, part) != NULL;
	if (!ok)
		printf("#   code %d, msg '%s'; want code %d with '%s'\n", e->code, e->msg, code, part);
	return ok;
}

static off_t file_size(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? sb.st_size : -1;
}

static void remove_db(const char *p)
{
	char side[320];
	snprintf(side, sizeof side, "%s-wal", p);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", p);
	unlink(side);
	unlink(p);
}

static int64_t count(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int64_t n = -1;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

/* A small organisation: a unit, two staff (one with a login other acts as),
 * a plan with a goal, an activity with a session. */
struct org {
	int64_t unit, staff, staff2, plan, goal, activity, session;
};

static int build(kdb *db, struct org *o)
{
	kerr e = { 0 };
	unit_rec u = { .name = "Ådalens Børnehus", .active = 1 };
	snprintf(u.kind, sizeof u.kind, "institution");
	int bad = unit_save(db, &admin, &u, &e) != KE_OK;
	free(u.sort_key);
	o->unit = u.id;
	staff_rec s = { .name = "Søren Ågård", .initials = "SÅ", .login = "soren", .emp_no = "", .email = "",
			.title = "Pædagog", .unit_id = u.id, .role = ROLE_EMPLOYEE, .active = 1 };
	bad = bad || staff_save(db, &admin, &s, &e);
	free(s.sort_key);
	o->staff = s.id;
	staff_rec s2 = { .name = "Bente Ærø", .initials = "BÆ", .login = "bente", .emp_no = "", .email = "",
			 .title = "", .unit_id = u.id, .role = ROLE_ADMIN, .active = 1 };
	bad = bad || staff_save(db, &admin, &s2, &e);
	free(s2.sort_key);
	o->staff2 = s2.id;
	plan_rec p = { .staff_id = s.id, .year = 2026 };
	bad = bad || plan_save(db, &admin, &p, &e);
	o->plan = p.id;
	goal_rec g = { .plan_id = p.id, .competence_id = 1, .what = "Lede forældremøder", .why = "", .criteria = "",
		       .result = "" };
	snprintf(g.status, sizeof g.status, "open");
	bad = bad || goal_save(db, &admin, &g, &e);
	o->goal = g.id;
	activity_rec a = { .title = "Relationspædagogik", .provider = "", .description = "", .ects = -1, .hours = -1,
			   .active = 1 };
	snprintf(a.method, sizeof a.method, "course");
	bad = bad || activity_save(db, &admin, &a, &e);
	free(a.sort_key);
	o->activity = a.id;
	session_rec se = { .activity_id = a.id, .place = "Rådhuset", .capacity = 10 };
	snprintf(se.starts, sizeof se.starts, "2026-12-01");
	snprintf(se.ends, sizeof se.ends, "2026-12-01");
	bad = bad || session_save(db, &admin, &se, &e);
	o->session = se.id;
	if (bad)
		printf("# build: %s\n", e.msg);
	return bad ? -1 : 0;
}

/* ---- no snapshot between calls; checkpoints finish ---- */

static void test_idle(kdb *db, const struct org *o, const char *path)
{
	kerr e = { 0 };
	kpage pg = { .limit = 1 }, ypg = { .year = 2026, .limit = 1 };
	staff_rec *s;
	plan_rec *p, one;
	goal_rec *g;
	activity_rec *a;
	session_rec *se;
	part_rec *pr;
	draft_rec *d;
	int n;
	/* limit 1: every list stops early, with rows left unread */
	CHECK(staff_list(db, &admin, &pg, &s, &n, &e) == KE_OK && db_idle(db), "staff_list leaves no statement under way");
	staff_rows_free(s, n);
	CHECK(plan_list(db, &admin, &ypg, &p, &n, &e) == KE_OK && db_idle(db), "plan_list leaves no statement under way");
	plan_rows_free(p, n);
	CHECK(plan_get(db, &admin, o->plan, &one, &e) == KE_OK && db_idle(db), "plan_get leaves none");
	plan_free(&one);
	CHECK(goal_list(db, &admin, o->plan, &g, &n, &e) == KE_OK && db_idle(db), "goal_list leaves none");
	goal_rows_free(g, n);
	CHECK(activity_list(db, &admin, &pg, &a, &n, &e) == KE_OK && db_idle(db), "activity_list leaves none");
	activity_rows_free(a, n);
	kpage spg = { .parent_id = o->activity, .limit = 1 };
	CHECK(session_list(db, &admin, &spg, &se, &n, &e) == KE_OK && db_idle(db), "session_list leaves none");
	session_rows_free(se, n);
	kpage ppg = { .year = 2026, .limit = 1 };
	CHECK(part_list(db, &admin, &ppg, &pr, &n, &e) == KE_OK && db_idle(db), "part_list leaves none");
	part_rows_free(pr, n);
	CHECK(draft_list(db, &admin, &d, &n, &e) == KE_OK && db_idle(db), "draft_list leaves none");
	draft_rows_free(d, n);
	db_changed(db);
	CHECK(db_idle(db), "db_changed leaves none");
	staff_rec bad;
	CHECK(staff_get(db, &admin, 999999, &bad, &e) == KE_NOTFOUND && db_idle(db), "a failed get leaves none");

	/* the safety net the screen uses before it waits for a key */
	sqlite3_stmt *st = db_stmt(db, "SELECT id FROM staff", &e);
	CHECK(st && db_step(db, st, &e) == SQLITE_ROW && !db_idle(db), "a statement left under way is seen");
	CHECK(db_release(db) == 1 && db_idle(db), "db_release resets it");
	CHECK(db_release(db) == 0, "...and finds nothing the next time");

	/* so another connection can checkpoint the whole WAL away meanwhile */
	sqlite3 *h = NULL;
	int log = -1, done = -1;
	char wal[320];
	snprintf(wal, sizeof wal, "%s-wal", path);
	int rc = sqlite3_open(path, &h);
	if (rc == SQLITE_OK) /* a read first: the connection learns it is in WAL mode */
		rc = sqlite3_exec(h, "SELECT count(*) FROM staff", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_wal_checkpoint_v2(h, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
	CHECK(rc == SQLITE_OK && log == 0 && file_size(wal) == 0,
	      "another connection's TRUNCATE checkpoint finishes while we stay open (rc %d %s, log %d, wal %lld)", rc,
	      sqlite3_errmsg(h), log, (long long)file_size(wal));
	sqlite3_close(h);
}

/* ---- PRAGMA data_version ---- */

static void test_changed(kdb *db, const struct org *o, const char *path)
{
	kerr e = { 0 };
	db_changed(db);
	CHECK(db_changed(db) == 0, "nothing changed: db_changed is 0");
	goal_rec g;
	goal_get(db, &admin, o->goal, &g, &e);
	CHECK(goal_save(db, &admin, &g, &e) == KE_OK && db_changed(db) == 0,
	      "our own commit does not count (we reload after it ourselves)");
	goal_free(&g);
	kdb *db2 = NULL;
	CHECK(db_open(path, 0, &db2, &e) == KE_OK, "a second connection");
	if (!db2)
		return;
	goal_get(db2, &admin, o->goal, &g, &e);
	CHECK(goal_save(db2, &admin, &g, &e) == KE_OK, "the second connection commits");
	goal_free(&g);
	CHECK(db_changed(db) == 1, "db_changed sees another connection's commit");
	CHECK(db_changed(db) == 0, "...once");
	db_close(db2);
}

/* ---- another writer holds the lock for a while ---- */

static void test_busy(kdb *db, const struct org *o, const char *path)
{
	int fds[2];
	kerr e = { 0 };
	if (pipe(fds) < 0)
		return;
	/* A new process (exec: SQLite must not be used across a bare fork) */
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		execl(self, self, "--hold-lock", path, (char *)NULL);
		_exit(127);
	}
	char c;
	close(fds[1]);
	CHECK(read(fds[0], &c, 1) == 1, "another process holds the write lock");
	goal_rec g;
	goal_get(db, &admin, o->goal, &g, &e);
	CHECK(goal_save(db, &admin, &g, &e) == KE_OK, "our write waits for it and succeeds (%s)", e.msg);
	goal_free(&g);
	int status;
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "...and let go of it after 300 ms");
	close(fds[0]);
	kerr b = { 0 };
	db_fail(NULL, SQLITE_BUSY, &b);
	CHECK(b.code == KE_BUSY && !strstr(b.msg, "locked") && strstr(b.msg, "try again"),
	      "a lock that is not released in time reads: %s", b.msg);
	db_fail(NULL, SQLITE_BUSY_SNAPSHOT, &b);
	CHECK(b.code == KE_BUSY, "SQLITE_BUSY_SNAPSHOT is KE_BUSY too");
	db_fail(NULL, SQLITE_PROTOCOL, &b);
	CHECK(b.code == KE_BUSY, "and SQLITE_PROTOCOL");
}

/* ---- conflicts ---- */

static void test_conflicts(kdb *db, const struct org *o)
{
	kerr e = { 0 };
	goal_rec mine, theirs;
	goal_get(db, &admin, o->goal, &mine, &e);
	goal_get(db, &other, o->goal, &theirs, &e);
	free(theirs.what);
	theirs.what = strdup("Bentes udgave");
	CHECK(goal_save(db, &other, &theirs, &e) == KE_OK, "Bente saves the goal first");
	free(mine.what);
	mine.what = strdup("Min udgave");
	CHECK(goal_save(db, &admin, &mine, &e) == KE_CONFLICT && has(&e, KE_CONFLICT, "Bente Ærø changed this record on ") &&
	      has(&e, KE_CONFLICT, "nothing was saved"), "my later save is a conflict naming Bente and when");
	/* When, as a person reads it: "on 22-11-2026 14:03 after", not ISO UTC. */
	const char *on = strstr(e.msg, " on ");
	CHECK(on && strlen(on) > 20 && on[6] == '-' && on[9] == '-' && on[14] == ' ' && on[17] == ':' &&
	      !strncmp(on + 20, " after", 6) && !strstr(e.msg, "UTC"),
	      "... the time in local time the Danish way (%s)", e.msg);
	CHECK(goal_delete(db, &admin, o->goal, mine.version, &e) == KE_CONFLICT &&
	      has(&e, KE_CONFLICT, "Bente Ærø changed this record") && has(&e, KE_CONFLICT, "nothing was deleted"),
	      "deleting the goal she just changed is refused: nothing was deleted");
	goal_rec now;
	CHECK(goal_get(db, &admin, o->goal, &now, &e) == KE_OK && !strcmp(now.what, "Bentes udgave"),
	      "her text stands");
	mine.version = now.version; /* "overwrite" names the version found */
	CHECK(goal_save(db, &admin, &mine, &e) == KE_OK, "saving again with the current version overwrites on purpose");
	goal_free(&now);
	goal_free(&mine);
	goal_free(&theirs);
}

/* ---- drafts ---- */

static void test_drafts(kdb *db, const struct org *o)
{
	kerr e = { 0 };
	draft_rec d;
	const char *data = "kupform 1\nt\t0\t0\tSøren skriver \\\"citat\\\"\n";
	CHECK(draft_save(db, &admin, "goal", o->goal, 3, "Edit goal", data, &e) == KE_OK, "a draft is kept");
	CHECK(draft_save(db, &admin, "goal", o->goal, 3, "Edit goal", "kupform 1\nt\t0\t0\tNyere\n", &e) == KE_OK,
	      "and replaced");
	CHECK(draft_get(db, &admin, "goal", o->goal, &d, &e) == KE_OK && !strcmp(d.data, "kupform 1\nt\t0\t0\tNyere\n") &&
	      !strcmp(d.title, "Edit goal") && strlen(d.saved_at) == 19 && d.version == 3,
	      "read back: the newer text, title, time and the record's version");
	draft_free(&d);
	CHECK(draft_get(db, &other, "goal", o->goal, &d, &e) == KE_NOTFOUND, "another login does not see it");
	CHECK(draft_save(db, &other, "goal", o->goal, 3, "Rediger mål", data, &e) == KE_OK, "they keep their own");
	draft_rec *rows;
	int n;
	CHECK(draft_list(db, &admin, &rows, &n, &e) == KE_OK && n == 1 && !strcmp(rows[0].form, "goal") &&
	      rows[0].record_id == o->goal, "my list has my one draft");
	draft_rows_free(rows, n);
	kactor nobody = admin; /* a local owner without a staff record */
	snprintf(nobody.login, sizeof nobody.login, "lokal");
	nobody.staff_id = 0;
	CHECK(draft_save(db, &nobody, "staff", 0, 0, "New staff member", data, &e) == KE_OK,
	      "a login without a staff record keeps drafts too");
	CHECK(draft_save(db, &admin, "Goal!", 1, 0, "", data, &e) == KE_INVALID, "a form name outside a-z 0-9 _ - is refused");
	char *big = malloc(300 * 1024);
	if (big) {
		memset(big, 'x', 300 * 1024 - 1);
		big[300 * 1024 - 1] = '\0';
		CHECK(draft_save(db, &admin, "goal", 1, 0, "", big, &e) == KE_INVALID, "a giant draft is refused");
		free(big);
	}
	CHECK(draft_delete(db, &admin, "goal", o->goal, &e) == KE_OK &&
	      draft_get(db, &admin, "goal", o->goal, &d, &e) == KE_NOTFOUND, "deleted");
	CHECK(draft_delete(db, &admin, "goal", o->goal, &e) == KE_OK, "deleting what is gone is fine");
	CHECK(draft_get(db, &other, "goal", o->goal, &d, &e) == KE_OK, "Bente's draft is still there");
	draft_free(&d);
}

/* ---- the form's record, version and reload ---- */

static kcode fake_reload(void *ctx, form *into, int64_t *version, kerr *e)
{
	(void)e;
	*version = *(int64_t *)ctx;
	if (into)
		form_set_text(into, 0, "Deres tekst");
	return KE_OK;
}

static void test_form_record(void)
{
	fdesc fs[1] = { { "Goal", FK_TEXT, 1, 100, 0, 0, NULL, NULL, NULL, NULL } };
	form *f = form_new("goal", "Edit goal", fs, 1);
	CHECK(f != NULL, "a form");
	if (!f)
		return;
	form_set_record(f, 42, 7);
	CHECK(!strcmp(f->name, "goal") && f->record_id == 42 && form_version(f) == 7,
	      "form_set_record: name, record and the version the save must name");
	int64_t cur = 9;
	form_set_reload(f, fake_reload, &cur);
	int64_t v = 0;
	kerr e = { 0 };
	form *t = form_new("goal", "Theirs", fs, 1);
	CHECK(f->reload(f->reload_ctx, t, &v, &e) == KE_OK && v == 9 && t &&
	      !strcmp(form_value(t, 0)->text, "Deres tekst"), "the reload callback fills a form and gives the version");
	form_free(t);
	form_set_text(f, 0, "Min tekst");
	char *data = form_serialize(f);
	form *g = form_new("goal", "Edit goal", fs, 1);
	CHECK(data && g && form_restore(g, data) == 0 && !strcmp(form_value(g, 0)->text, "Min tekst") && form_dirty(g),
	      "a draft restores word for word and counts as a change");
	free(data);
	form_free(g);
	form_free(f);
}

/* ---- faults ---- */

/* A copy with no free pages, made with VACUUM INTO. */
static int compact_copy(const char *from, const char *to)
{
	char sql[600];
	snprintf(sql, sizeof sql, "VACUUM INTO '%s'", to);
	sqlite3 *h = NULL;
	int rc = sqlite3_open(from, &h);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		printf("# %s: %s\n", sql, sqlite3_errmsg(h));
	sqlite3_close(h);
	return rc == SQLITE_OK ? 0 : -1;
}

static void test_readonly(const char *path)
{
	kdb *db = NULL;
	kerr e = { 0 };
	CHECK(db_open(path, DB_OPEN_READONLY, &db, &e) == KE_OK && db_is_readonly(db), "opened read-only (%s)", e.msg);
	if (!db)
		return;
	CHECK(draft_save(db, &admin, "goal", 1, 0, "", "x", &e) == KE_READONLY && has(&e, KE_READONLY, "read-only"),
	      "a write says the database is read-only");
	db_close(db);
	if (geteuid() == 0) {
		printf("SKIP read-only by file permissions (root may write anywhere)\n");
		return;
	}
	chmod(path, 0444);
	db = NULL;
	CHECK(db_open(path, 0, &db, &e) == KE_OK && db && db_is_readonly(db), "a file we may not write opens read-only");
	if (db) {
		CHECK(draft_save(db, &admin, "goal", 1, 0, "", "x", &e) == KE_READONLY &&
		      has(&e, KE_READONLY, "you may not write to"), "and saving says why: %s", e.msg);
		db_close(db);
	}
	chmod(path, 0644);
}

static void test_full(const char *path, const struct org *o)
{
	const char *p = at("full.db");
	kdb *db = NULL;
	kerr e = { 0 };
	char sql[600];
	CHECK(compact_copy(path, p) == 0, "a compact copy");
	int64_t pages = count(p, "PRAGMA page_count"), audits = count(p, "SELECT count(*) FROM audit");
	snprintf(sql, sizeof sql, "%lld", (long long)pages);
	setenv("KUP_TEST_MAX_PAGES", sql, 1);
	CHECK(db_open(p, 0, &db, &e) == KE_OK, "opened with no room to grow (%s)", e.msg);
	unsetenv("KUP_TEST_MAX_PAGES");
	if (!db)
		return;
	plan_rec pl;
	plan_get(db, &admin, o->plan, &pl, &e);
	char *notes = malloc(3901);
	memset(notes, 'n', 3900);
	notes[3900] = '\0';
	free(pl.notes);
	pl.notes = notes;
	CHECK(plan_save(db, &admin, &pl, &e) == KE_FULL && has(&e, KE_FULL, "disk is full"),
	      "a save that needs room fails: %s", e.msg);
	db_close(db);
	plan_free(&pl);
	snprintf(sql, sizeof sql, "SELECT length(notes) FROM plan WHERE id = %lld", (long long)o->plan);
	CHECK(count(p, "SELECT count(*) FROM audit") == audits && count(p, sql) == 0, "the database is unchanged");
	remove_db(p);
}

static void test_damaged(const char *path)
{
	const char *p = at("damaged.db");
	int ok = compact_copy(path, p) == 0;
	int64_t pages = count(p, "PRAGMA page_count"), psize = count(p, "PRAGMA page_size");
	int fd = ok ? open(p, O_WRONLY) : -1;
	char junk[512];
	memset(junk, 0x5a, sizeof junk);
	/* the header of a page in the middle: an impossible page type */
	ok = fd >= 0 && pwrite(fd, junk, sizeof junk, (off_t)(pages / 2) * psize) == (ssize_t)sizeof junk;
	if (fd >= 0)
		close(fd);
	CHECK(ok, "a copy scribbled over in the middle");
	kdb *db = NULL;
	kerr e = { 0 };
	CHECK(db_open(p, 0, &db, &e) == KE_CORRUPT && !db && has(&e, KE_CORRUPT, p) && has(&e, KE_CORRUPT, "is damaged") &&
	      has(&e, KE_CORRUPT, "kup backup"), "refused at open, saying how to restore a backup");
	CHECK(db_open(p, DB_OPEN_READONLY | DB_OPEN_NOCHECK, &db, &e) == KE_OK && db, "kup check can still open it");
	if (db) {
		CHECK(db_check(db, &e) == KE_CORRUPT, "and finds the damage: %s", e.msg);
		db_close(db);
	}
	remove_db(p);
}

/* ---- backup ---- */

static void test_backup(kdb *db)
{
	const char *dest = at("backup.db");
	kerr e = { 0 };
	int64_t pages = 0;
	CHECK(db_backup(db, &admin, dest, &pages, &e) == KE_OK && pages > 0 && has(&e, KE_OK, "passed"),
	      "a backup, checked: %s", e.msg);
	CHECK(count(dest, "SELECT count(*) FROM staff") == 2, "the copy has the data");
	struct stat sb;
	CHECK(stat(dest, &sb) == 0 && (sb.st_mode & 077) == 0, "only the owner may read the copy");
	CHECK(db_backup(db, &admin, dest, &pages, &e) == KE_EXISTS && has(&e, KE_EXISTS, "never overwrites"),
	      "an existing file is never overwritten");
	kactor emp = other;
	emp.role = ROLE_EMPLOYEE;
	CHECK(db_backup(db, &emp, at("b2.db"), &pages, &e) == KE_DENIED, "only admins back up");
	CHECK(db_backup(db, &admin, at("no/such/dir.db"), &pages, &e) == KE_IO && has(&e, KE_IO, "no/such/dir.db"),
	      "a missing directory is named");
	remove_db(dest);
}

/* The other process of test_busy: holds the write lock for 300 ms. */
static int hold_lock(const char *path)
{
	sqlite3 *h = NULL;
	int ok = sqlite3_open(path, &h) == SQLITE_OK && sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
	if (!ok || write(STDOUT_FILENO, "x", 1) != 1)
		return 1;
	usleep(300000);
	ok = sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_close(h);
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	self = argv[0];
	if (argc == 3 && !strcmp(argv[1], "--hold-lock"))
		return hold_lock(argv[2]);
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	i18n_init("en");
	db_actor_local_admin(&admin, "tester");
	char path[300]; /* at() reuses its buffers */
	snprintf(path, sizeof path, "%s", at("conc.db"));
	kdb *db = NULL;
	kerr e = { 0 };
	struct org o = { 0 };
	CHECK(db_open(path, DB_OPEN_CREATE, &db, &e) == KE_OK, "create (%s)", e.msg);
	if (!db || build(db, &o)) {
		CHECK(0, "build the organisation");
		return t_done();
	}
	CHECK(db_actor_for_login(db, "bente", 0, &other, &e) == KE_OK, "Bente acts as herself");
	test_idle(db, &o, path);
	test_changed(db, &o, path);
	test_busy(db, &o, path);
	test_conflicts(db, &o);
	test_drafts(db, &o);
	test_form_record();
	test_backup(db);
	db_close(db);
	test_readonly(path);
	test_full(path, &o);
	test_damaged(path);
	remove_db(path);
	rmdir(dir);
	return t_done();
}
