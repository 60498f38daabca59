/* writer.c — a writer process for the fault tests (the scripts beside it): it
 * writes plans, goals, goal updates and participations through the data API
 * as fast as it can and reports every commit it was told succeeded.
 *
 *   writer setup DB N              a fresh database for N writers
 *   writer run DB K SECONDS LOG [WALMAX]
 *                                  writer K works; LOG "-" is stdout; with
 *                                  WALMAX, the largest size of DB-wal it
 *                                  saw right after any of its commits
 *   writer verify DB LOG...        every reported commit is in DB
 *   writer killtest DB ROUNDS SEED writer 0 killed with SIGKILL at random
 *                                  moments, ROUNDS times; after each, its
 *                                  reported commits are there and the
 *                                  database passes kup check's checks
 *
 * A report line is written with one write(2) after the call returned KE_OK,
 * so a line that exists stands for a commit: "plan ID STAFF YEAR",
 * "goal ID TEXT", "upd ID TEXT" (the goal's text after an update) and
 * "part ID STAFF SESSION". Failures go to stderr as "ERR ..." and make the
 * exit status 1. */
#include "db.h"
#include "db_activity.h"
#include "db_org.h"
#include "db_part.h"
#include "db_plan.h"
#include "db_staff.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define STAFF_PER_WRITER 3
#define SESSIONS_PER_WRITER 100
#define YEARS 200 /* 2000..2199, the schema's range */

static kactor admin;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int fail(const char *what, const kerr *e)
{
	fprintf(stderr, "ERR %s: %d %s\n", what, e->code, e->msg);
	return 1;
}

/* ---------------------------------------------------------------- setup */

static int setup(const char *path, int writers)
{
	kdb *db;
	kerr e = { 0 };
	if (db_open(path, DB_OPEN_CREATE, &db, &e))
		return fail("create", &e);
	int bad = db_bulk_begin(db, &e) != KE_OK;
	unit_rec u = { .name = "Skrivestuen", .active = 1 };
	snprintf(u.kind, sizeof u.kind, "institution");
	bad = bad || unit_save(db, &admin, &u, &e);
	free(u.sort_key);
	for (int k = 0; k < writers && !bad; k++) {
		for (int j = 0; j < STAFF_PER_WRITER && !bad; j++) {
			char name[64], ini[16], login[16];
			snprintf(name, sizeof name, "Skriver %d-%d Ærø", k, j);
			snprintf(ini, sizeof ini, "W%d%c", k % 100, 'a' + j); /* at most 8 */
			snprintf(login, sizeof login, "w%d%c", k, 'a' + j);
			staff_rec s = { .name = name, .initials = ini, .login = login, .emp_no = "", .email = "",
					.title = "", .unit_id = u.id, .role = ROLE_EMPLOYEE, .active = 1 };
			bad = staff_save(db, &admin, &s, &e) != KE_OK;
			free(s.sort_key);
		}
		char title[64];
		snprintf(title, sizeof title, "Skriverkursus %d", k);
		activity_rec a = { .title = title, .provider = "", .description = "", .ects = -1, .hours = -1,
				   .active = 1 };
		snprintf(a.method, sizeof a.method, "course");
		bad = bad || activity_save(db, &admin, &a, &e);
		free(a.sort_key);
		for (int j = 0; j < SESSIONS_PER_WRITER && !bad; j++) {
			session_rec s = { .activity_id = a.id, .place = "", .capacity = 1000 };
			snprintf(s.starts, sizeof s.starts, "2030-%02d-%02d", 1 + j % 12, 1 + j / 12);
			snprintf(s.ends, sizeof s.ends, "%s", s.starts);
			bad = session_save(db, &admin, &s, &e) != KE_OK;
		}
	}
	kerr e2 = { 0 };
	if (db_bulk_end(db, !bad, &e2) && !bad) {
		e = e2;
		bad = 1;
	}
	db_close(db);
	return bad ? fail("setup", &e) : 0;
}

/* ---------------------------------------------------------------- run */

struct writer {
	kdb *db;
	int fd;                       /* the report */
	int64_t staff[STAFF_PER_WRITER];
	int64_t sessions[SESSIONS_PER_WRITER];
	unsigned char year_used[STAFF_PER_WRITER][YEARS];
	unsigned char part_used[STAFF_PER_WRITER][SESSIONS_PER_WRITER];
	int64_t *plans;               /* plan ids, for goals */
	int nplans, plans_cap;
	int64_t last_goal, last_goal_version;
	unsigned rng;
	long serial;
	const char *wal;              /* DB-wal, measured after each commit */
	long long wal_max;
};

static unsigned rnd(struct writer *w)
{
	w->rng = w->rng * 1103515245u + 12345u;
	return w->rng >> 8;
}

static void report(struct writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report(struct writer *w, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n > 0 && write(w->fd, line, (size_t)n) != n)
		_exit(3);
	/* The -wal file grows only inside a commit and shrinks only when a
	 * writer restarts it or a checkpoint truncates it, so its largest
	 * size is the size right after some commit: every writer looking
	 * after each of its own commits sees the peak, where a sampler
	 * outside would see it only by luck. */
	struct stat st;
	if (w->wal && stat(w->wal, &st) == 0 && st.st_size > w->wal_max)
		w->wal_max = st.st_size;
}

static int add_plan_id(struct writer *w, int64_t id)
{
	if (w->nplans == w->plans_cap) {
		int cap = w->plans_cap ? w->plans_cap * 2 : 64;
		int64_t *p = realloc(w->plans, (size_t)cap * sizeof *p);
		if (!p)
			return -1;
		w->plans = p;
		w->plans_cap = cap;
	}
	w->plans[w->nplans++] = id;
	return 0;
}

/* Learns its staff, sessions and what earlier runs of it already wrote. */
static int learn(struct writer *w, int k, kerr *e)
{
	for (int j = 0; j < STAFF_PER_WRITER; j++) {
		char login[16];
		staff_rec s;
		snprintf(login, sizeof login, "w%d%c", k, 'a' + j);
		if (staff_find_login(w->db, &admin, login, &s, e))
			return -1;
		w->staff[j] = s.id;
		staff_free(&s);
		kpage pg = { .staff_id = w->staff[j], .limit = 500 };
		plan_rec *p;
		int n;
		if (plan_list(w->db, &admin, &pg, &p, &n, e))
			return -1;
		for (int i = 0; i < n; i++) {
			w->year_used[j][p[i].year - 2000] = 1;
			if (add_plan_id(w, p[i].id))
				return -1;
		}
		plan_rows_free(p, n);
	}
	char title[64];
	snprintf(title, sizeof title, "Skriverkursus %d", k);
	kpage apg = { .filter = title, .limit = 10 };
	activity_rec *a;
	int na;
	if (activity_list(w->db, &admin, &apg, &a, &na, e))
		return -1;
	int64_t aid = 0;
	for (int i = 0; i < na; i++)
		if (!strcmp(a[i].title, title))
			aid = a[i].id;
	activity_rows_free(a, na);
	kpage spg = { .parent_id = aid, .limit = SESSIONS_PER_WRITER };
	session_rec *s;
	int ns;
	if (!aid || session_list(w->db, &admin, &spg, &s, &ns, e) || ns != SESSIONS_PER_WRITER) {
		kerr_set(e, KE_NOTFOUND, "writer %d: its activity and sessions are missing", k);
		return -1;
	}
	for (int i = 0; i < ns; i++)
		w->sessions[i] = s[i].id;
	session_rows_free(s, ns);
	for (int j = 0; j < STAFF_PER_WRITER; j++) {
		kpage ppg = { .staff_id = w->staff[j], .limit = 500 };
		part_rec *r;
		int nr;
		if (part_list(w->db, &admin, &ppg, &r, &nr, e))
			return -1;
		for (int i = 0; i < nr; i++)
			for (int x = 0; x < SESSIONS_PER_WRITER; x++)
				if (w->sessions[x] == r[i].session_id)
					w->part_used[j][x] = 1;
		part_rows_free(r, nr);
	}
	return 0;
}

static int do_plan(struct writer *w, kerr *e)
{
	int j = (int)(rnd(w) % STAFF_PER_WRITER), y = 0;
	while (y < YEARS && w->year_used[j][y])
		y++;
	if (y == YEARS)
		return 1; /* this person has a plan in every year: do something else */
	plan_rec p = { .staff_id = w->staff[j], .year = 2000 + y };
	if (plan_save(w->db, &admin, &p, e))
		return -1;
	w->year_used[j][y] = 1;
	report(w, "plan %lld %lld %d\n", (long long)p.id, (long long)p.staff_id, p.year);
	free(p.notes);
	return add_plan_id(w, p.id);
}

static int do_goal(struct writer *w, kerr *e)
{
	if (!w->nplans)
		return 1;
	char what[80];
	snprintf(what, sizeof what, "Mål %ld fra skriver pid %d", ++w->serial, (int)getpid());
	goal_rec g = { .plan_id = w->plans[rnd(w) % (unsigned)w->nplans],
		       .competence_id = 1 + rnd(w) % 4, .what = what, .why = "", .criteria = "", .result = "" };
	snprintf(g.status, sizeof g.status, "open");
	if (goal_save(w->db, &admin, &g, e))
		return -1;
	report(w, "goal %lld %s\n", (long long)g.id, what);
	w->last_goal = g.id;
	w->last_goal_version = g.version;
	return 0;
}

static int do_update(struct writer *w, kerr *e)
{
	if (!w->last_goal)
		return 1;
	goal_rec g;
	if (goal_get(w->db, &admin, w->last_goal, &g, e))
		return -1;
	char what[80];
	snprintf(what, sizeof what, "Rettet mål %ld fra skriver pid %d", ++w->serial, (int)getpid());
	char *old = g.what;
	g.what = what;
	g.version = w->last_goal_version; /* a mismatch would be a lost update */
	kcode c = goal_save(w->db, &admin, &g, e);
	g.what = old;
	goal_free(&g);
	if (c)
		return -1;
	report(w, "upd %lld %s\n", (long long)w->last_goal, what);
	w->last_goal_version++;
	return 0;
}

static int do_part(struct writer *w, kerr *e)
{
	int j = (int)(rnd(w) % STAFF_PER_WRITER), x = (int)(rnd(w) % SESSIONS_PER_WRITER), tries = 0;
	while (w->part_used[j][x] && tries++ < SESSIONS_PER_WRITER)
		x = (x + 1) % SESSIONS_PER_WRITER;
	if (w->part_used[j][x])
		return 1;
	int64_t id;
	if (part_enrol(w->db, &admin, w->staff[j], w->sessions[x], 0, &id, e))
		return -1;
	w->part_used[j][x] = 1;
	report(w, "part %lld %lld %lld\n", (long long)id, (long long)w->staff[j], (long long)w->sessions[x]);
	return 0;
}

static int run(const char *path, int k, double seconds, const char *log, const char *walmax)
{
	struct writer w = { .rng = (unsigned)getpid() * 2654435761u + (unsigned)k };
	kerr e = { 0 };
	char wal[4096];
	if (walmax) {
		if (snprintf(wal, sizeof wal, "%s-wal", path) >= (int)sizeof wal) {
			fprintf(stderr, "ERR the database's path is too long\n");
			return 1;
		}
		w.wal = wal;
	}
	w.fd = strcmp(log, "-") ? open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644) : STDOUT_FILENO;
	if (w.fd < 0) {
		perror(log);
		return 1;
	}
	if (db_open(path, 0, &w.db, &e))
		return fail("open", &e);
	int errors = 0;
	if (learn(&w, k, &e) < 0) {
		errors = fail("learn", &e);
		seconds = 0;
	}
	double end = now_s() + seconds;
	while (now_s() < end && errors < 10) {
		unsigned pick = rnd(&w) % 10;
		int r = pick < 2 ? do_plan(&w, &e) : pick < 6 ? do_goal(&w, &e) : pick < 8 ? do_update(&w, &e)
										 : do_part(&w, &e);
		if (r == 1 && do_goal(&w, &e) < 0)
			r = -1;
		if (r < 0)
			errors += fail(pick < 2 ? "plan" : pick < 6 ? "goal" : pick < 8 ? "update" : "part", &e);
	}
	db_close(w.db);
	free(w.plans);
	if (w.fd != STDOUT_FILENO)
		close(w.fd);
	if (walmax) {
		FILE *f = fopen(walmax, "w");
		int bad = !f;
		if (f) {
			bad = fprintf(f, "%lld\n", w.wal_max) < 0;
			bad = fclose(f) != 0 || bad;
		}
		if (bad) {
			perror(walmax);
			return 1;
		}
	}
	return errors ? 1 : 0;
}

/* ---------------------------------------------------------------- verify */

struct check {
	kdb *db;
	long seen, missing;
	/* the last text each updated goal should have, by goal id */
	char **text;
	int64_t cap;
};

static int expect_goal(struct check *c, int64_t id, const char *text)
{
	if (id >= c->cap) {
		int64_t cap = id * 2 + 64;
		char **t = realloc(c->text, (size_t)cap * sizeof *t);
		if (!t)
			return -1;
		memset(t + c->cap, 0, (size_t)(cap - c->cap) * sizeof *t);
		c->text = t;
		c->cap = cap;
	}
	free(c->text[id]);
	return (c->text[id] = strdup(text)) ? 0 : -1;
}

static void missing(struct check *c, const char *line, const char *why)
{
	if (c->missing++ < 10)
		printf("# missing: %s (%s)\n", line, why);
}

/* One report line; goals are remembered and checked at the end. */
static int check_line(struct check *c, char *line)
{
	long long id, a, b;
	char text[256];
	kerr e = { 0 };
	line[strcspn(line, "\n")] = '\0';
	if (!*line)
		return 0;
	c->seen++;
	if (sscanf(line, "plan %lld %lld %lld", &id, &a, &b) == 3) {
		plan_rec p;
		if (plan_get(c->db, &admin, id, &p, &e))
			missing(c, line, e.msg);
		else if (p.staff_id != a || p.year != b)
			missing(c, line, "another plan has that id");
		if (!e.code)
			plan_free(&p);
		return 0;
	}
	if (sscanf(line, "part %lld %lld %lld", &id, &a, &b) == 3) {
		part_rec p;
		if (part_get(c->db, &admin, id, &p, &e))
			missing(c, line, e.msg);
		else if (p.staff_id != a || p.session_id != b)
			missing(c, line, "another participation has that id");
		if (!e.code)
			part_free(&p);
		return 0;
	}
	if ((sscanf(line, "goal %lld %255[^\n]", &id, text) == 2 || sscanf(line, "upd %lld %255[^\n]", &id, text) == 2) &&
	    id > 0)
		return expect_goal(c, id, text);
	missing(c, line, "a line the writer never writes");
	return 0;
}

/* A writer killed between an update's commit and its report leaves a
 * newer text than the last one reported: same process, higher serial. */
static int later_update(const char *reported, const char *found)
{
	long rs, fs;
	int rp, fp;
	if (sscanf(found, "Rettet mål %ld fra skriver pid %d", &fs, &fp) != 2)
		return 0;
	if (sscanf(reported, "Mål %ld fra skriver pid %d", &rs, &rp) != 2 &&
	    sscanf(reported, "Rettet mål %ld fra skriver pid %d", &rs, &rp) != 2)
		return 0;
	return fp == rp && fs > rs;
}

static int check_goals(struct check *c)
{
	for (int64_t id = 0; id < c->cap; id++) {
		if (!c->text[id])
			continue;
		goal_rec g;
		kerr e = { 0 };
		char line[300];
		snprintf(line, sizeof line, "goal %lld %s", (long long)id, c->text[id]);
		if (goal_get(c->db, &admin, id, &g, &e))
			missing(c, line, e.msg);
		else if (strcmp(g.what, c->text[id]) && !later_update(c->text[id], g.what))
			missing(c, line, g.what);
		if (!e.code)
			goal_free(&g);
		free(c->text[id]);
		c->text[id] = NULL;
	}
	return 0;
}

/* Checks the report lines in buf; 0 when every one is in the database. */
static int verify_text(kdb *db, char *buf, long *seen)
{
	struct check c = { .db = db };
	int bad = 0;
	for (char *line = strtok(buf, "\n"); line && !bad; line = strtok(NULL, "\n"))
		bad = check_line(&c, line) < 0;
	check_goals(&c);
	free(c.text);
	*seen = c.seen;
	return bad || c.missing ? 1 : 0;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	char chunk[65536];
	size_t n;
	while (out && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		fwrite(chunk, 1, n, out);
	fclose(f);
	if (out)
		fclose(out);
	return buf;
}

static int verify(const char *path, int nlogs, char **logs)
{
	kdb *db;
	kerr e = { 0 };
	if (db_open(path, DB_OPEN_READONLY, &db, &e))
		return fail("open", &e);
	/* All logs at once: an update in one log follows its goal in the same log. */
	char *all = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&all, &size);
	for (int i = 0; out && i < nlogs; i++) {
		char *t = slurp(logs[i]);
		if (!t) {
			perror(logs[i]);
			fclose(out);
			free(all);
			db_close(db);
			return 1;
		}
		fputs(t, out);
		free(t);
	}
	if (out)
		fclose(out);
	long seen = 0;
	int bad = !all || verify_text(db, all, &seen);
	free(all);
	db_close(db);
	printf("%ld reported commits checked: %s\n", seen, bad ? "SOME ARE MISSING" : "all present");
	return bad;
}

/* ---------------------------------------------------------------- killtest */

/* Reads the writer's reports into out until it has made `lines` of them
 * (0: none to wait for) or until fd ends. A line only exists whole: each
 * was one write of less than PIPE_BUF bytes. */
static void collect(int fd, FILE *out, int lines)
{
	char chunk[4096];
	ssize_t n;
	int seen = 0;
	while ((lines == 0 || seen < lines) && (n = read(fd, chunk, lines ? 1 : sizeof chunk)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		fwrite(chunk, 1, (size_t)n, out);
		seen += lines && chunk[0] == '\n';
	}
}

static int killtest(const char *path, int rounds, unsigned seed)
{
	int failures = 0;
	long commits = 0;
	srand(seed);
	for (int r = 0; r < rounds && failures < 5; r++) {
		int p[2];
		if (pipe(p) < 0)
			return 1;
		pid_t pid = fork();
		if (pid < 0)
			return 1;
		if (pid == 0) { /* the parent has no connection open: SQLite may start afresh */
			dup2(p[1], STDOUT_FILENO);
			close(p[0]);
			close(p[1]);
			_exit(run(path, 0, 60, "-", NULL));
		}
		close(p[1]);
		/* One round in eight while it opens the database; the others
		 * after 1 to 5 of its commits and then 0 to 5 ms more: in a
		 * transaction, in a commit, between a commit and its report. */
		char *text = NULL;
		size_t size = 0;
		FILE *out = open_memstream(&text, &size);
		if (!out)
			return 1;
		if (rand() % 8)
			collect(p[0], out, 1 + rand() % 5);
		struct timespec ts = { 0, (rand() % 6) * 1000000L };
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		int status;
		waitpid(pid, &status, 0);
		collect(p[0], out, 0);
		fclose(out);
		close(p[0]);
		kdb *db;
		kerr e = { 0 };
		long seen = 0;
		int bad = db_open(path, 0, &db, &e) != KE_OK;
		if (bad) {
			printf("# round %d: the database does not open: %s\n", r, e.msg);
		} else {
			if (text && verify_text(db, text, &seen)) {
				printf("# round %d: a reported commit is missing\n", r);
				bad = 1;
			}
			if (db_check(db, &e) != KE_OK) {
				printf("# round %d: %s\n", r, e.msg);
				bad = 1;
			}
			db_close(db);
		}
		free(text);
		commits += seen;
		failures += bad;
	}
	printf("%d rounds, %ld reported commits, %d rounds with a problem\n", rounds, commits, failures);
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	db_actor_local_admin(&admin, "faulttest");
	if (argc == 4 && !strcmp(argv[1], "setup"))
		return setup(argv[2], atoi(argv[3]));
	if ((argc == 6 || argc == 7) && !strcmp(argv[1], "run"))
		return run(argv[2], atoi(argv[3]), atof(argv[4]), argv[5], argc == 7 ? argv[6] : NULL);
	if (argc >= 4 && !strcmp(argv[1], "verify"))
		return verify(argv[2], argc - 3, argv + 3);
	if (argc == 5 && !strcmp(argv[1], "killtest"))
		return killtest(argv[2], atoi(argv[3]), (unsigned)atoi(argv[4]));
	fprintf(stderr, "usage: writer setup DB N | run DB K SECONDS LOG [WALMAX] | verify DB LOG... | killtest DB ROUNDS SEED\n");
	return 2;
}
