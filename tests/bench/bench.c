/* bench.c — the benchmark program of `make bench`. tests/bench/run.sh
 * drives it once per database size:
 *
 *   bench run --db K --twin B --n N --out FILE [--kup KUP] [--only CODE,...]
 *       times every operation (ops.c) with kup's own code, then the same
 *       statements bare (trace.c); writes one line per operation to FILE,
 *       and the peak memory of the whole program (separate processes).
 *   bench op CODE --db K --twin B --n N
 *       one operation once inside bench_measured(), for
 *       valgrind --tool=callgrind --toggle-collect=bench_measured.
 *   bench explain CODE --db K --twin B --n N
 *       the statements one operation runs, with their query plans.
 *   bench session --db K --n N    (what the memory figure is taken of)
 *   bench list                    the operation codes
 *   bench table RESULTS CALLGRIND the Markdown table of docs/performance.md
 *
 * Times are wall-clock medians and 99th percentiles of repeated runs. */
#include "ops.h"
#include "date.h"
#include "i18n.h"
#include "ui_panes.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <pwd.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define BUDGET_S 1.0 /* per pass of one operation, once it has MINREPS */
#define MINREPS 5

static op ops[MAXOPS];
static int nops;

/* ---- setting up: an off-screen 80x24 terminal, kup's connection ---- */

static void offscreen(void)
{
	setenv("TERM", "xterm-256color", 1);
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "C.utf8");
	/* curses draws into /dev/null; results go to files named on the
	 * command line, progress to stderr. */
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		close(fd);
	}
	ui_start();
}

static const char *unix_login(void)
{
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_name ? pw->pw_name : "local";
}

static cap *open_cap;

static int start(bctx *c)
{
	kerr e = { 0 };
	trace_install();
	i18n_init(NULL);
	c->login = unix_login();
	c->year = date_year_today();
	trace_start();
	kcode rc = db_open(c->kpath, 0, &c->db, &e);
	open_cap = trace_stop();
	if (rc || db_actor_for_login(c->db, c->login, 1, &c->who, &e)) {
		fprintf(stderr, "bench: %s\n", e.msg);
		return -1;
	}
	c->app = (ui_app){ .db = c->db, .who = c->who, .year = c->year, .dbpath = c->kpath };
	if (sqlite3_open_v2(c->kpath, &c->raw, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK || bare_functions(c->raw)) {
		fprintf(stderr, "bench: %s\n", sqlite3_errmsg(c->raw));
		return -1;
	}
	offscreen();
	nops = ops_build(ops);
	return 0;
}

static void stop(bctx *c)
{
	ui_off();
	ui_stop();
	bare_close(c->bk);
	bare_close(c->bb);
	sqlite3_close(c->raw);
	db_close(c->db);
	cap_free(open_cap);
	i18n_done();
}

static op *find_op(const char *code)
{
	for (int i = 0; i < nops; i++)
		if (!strcmp(ops[i].code, code))
			return &ops[i];
	fprintf(stderr, "bench: no operation %s (see bench list)\n", code);
	return NULL;
}

/* ---- timing ---- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void stats(double *t, int n, double *med, double *p99)
{
	*med = *p99 = 0;
	if (n <= 0)
		return;
	qsort(t, (size_t)n, sizeof *t, cmp_double);
	*med = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
	int k = (99 * n + 99) / 100 - 1; /* ceil(0.99 n) - 1 */
	*p99 = t[k < 0 ? 0 : k];
}

static int call(int (*f)(bctx *, op *, int), bctx *c, op *o, int i)
{
	return f ? f(c, o, i) : 0;
}

/* before, step and after once, untimed. */
static int once(bctx *c, op *o, int i)
{
	return call(o->before, c, o, i) || o->step(c, o, i) || call(o->after, c, o, i);
}

/* The process's CPU time: beside the wall clock, what the operation cost
 * when other programs share the processors. */
static double cpu_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int timed(bctx *c, op *o, int i, double *t, double *cpu)
{
	if (call(o->before, c, o, i))
		return -1;
	double c0 = cpu_s(), t0 = now_s();
	int rc = o->step(c, o, i);
	*t = now_s() - t0;
	*cpu = cpu_s() - c0;
	return rc || call(o->after, c, o, i);
}

static int enough(const op *o, int i, double sum)
{
	return i >= (o->maxreps ? o->maxreps : MAXREPS) || (i >= MINREPS && sum >= BUDGET_S);
}

/* Repeatable operations: kup timed; the same again traced; the traced
 * statements timed bare. Both passes start from the same state and do the
 * same steps, so each bare run is the twin of a kup run. */
static int run_read(bctx *c, op *o, double *tk, double *tb, double *tc, int *reps)
{
	int n = 0;
	double sum = 0;
	if (once(c, o, 0))
		return -1;
	while (!enough(o, n, sum)) {
		if (timed(c, o, n + 1, &tk[n], &tc[n]))
			return -1;
		sum += tk[n++];
	}
	*reps = n;
	static cap *caps[MAXREPS + 1];
	/* a screen: what was shown before each step, and what kup drew */
	static frame *fb[MAXREPS + 1], *fa[MAXREPS + 1];
	if ((o->setup && o->setup(c, o)) || once(c, o, 0))
		return -1;
	int rc = 0;
	for (int i = 1; i <= n && !rc; i++) {
		rc = call(o->before, c, o, i);
		fb[i] = o->screen ? frame_grab() : NULL;
		trace_start();
		rc = rc || o->step(c, o, i);
		caps[i] = trace_stop();
		fa[i] = o->screen ? frame_grab() : NULL;
		if (o->screen && (!fb[i] || !fa[i]))
			rc = -1;
		rc = rc || call(o->after, c, o, i);
	}
	for (int i = 1; i <= n && !rc && o->kind == K_READ; i++)
		rc = bare_prepare(c->bk, caps[i]);
	for (int i = 1; i <= n && !rc; i++) {
		if (o->bare_out) { /* a fresh file each time, as kup's export has */
			rewind(o->bare_out);
			rc = ftruncate(fileno(o->bare_out), 0);
		}
		bare_output(o->bare_out);
		if (fb[i]) /* untimed: the screen kup started from */
			frame_draw(fb[i], 0);
		if (rc) {
			break;
		} else if (o->kind == K_FRESH) {
			rc = bare_fresh(c->kpath, caps[i], o->command, &tb[i - 1]);
			double t0 = now_s();
			if (fa[i]) /* a first frame paints every cell */
				frame_draw(fa[i], 1);
			tb[i - 1] += now_s() - t0;
		} else {
			double t0 = now_s();
			rc = bare_run(c->bk, caps[i], 0);
			if (fa[i])
				frame_draw(fa[i], 0);
			tb[i - 1] = now_s() - t0;
		}
	}
	bare_output(NULL);
	if (o->screen) /* curses' screen is the bare one's now: kup repaints */
		clearok(curscr, TRUE);
	for (int i = 1; i <= n; i++) {
		cap_free(caps[i]);
		frame_free(fb[i]);
		frame_free(fa[i]);
		fb[i] = fa[i] = NULL;
	}
	return rc;
}

/* Writes: a traced dry run inside a transaction that is rolled back gives
 * the statements; then kup does it for real; then the statements run bare
 * on the twin file, which so stays the same as kup's. */
static int run_write(bctx *c, op *o, double *tk, double *tb, double *tc, int *reps)
{
	int n = 0;
	double sum = 0;
	for (int i = o->maxreps ? 1 : 0; !enough(o, n, sum); i++) {
		kerr e;
		int rc;
		cap *cp;
		if (call(o->before, c, o, i))
			return -1;
		if (o->dry) {
			trace_start();
			trace_rollback_as_commit(1);
			rc = o->dry(c, o, i);
			trace_rollback_as_commit(0);
			cp = trace_stop();
		} else {
			if (db_bulk_begin(c->db, &e))
				return -1;
			trace_start();
			rc = o->step(c, o, i);
			cp = trace_stop();
			db_bulk_end(c->db, 0, &e);
		}
		double t, tcpu;
		if (rc || !cp || timed(c, o, i, &t, &tcpu)) {
			cap_free(cp);
			return -1;
		}
		double t0 = now_s(), tbare;
		if (o->command) {
			rc = bare_fresh(c->bpath, cp, 1, &tbare);
		} else {
			rc = bare_run(c->bb, cp, !o->dry);
			tbare = now_s() - t0;
		}
		cap_free(cp);
		if (rc)
			return -1;
		if (i == 0) /* warming up (not for the few, long ones: maxreps) */
			continue;
		tk[n] = t;
		tc[n] = tcpu;
		tb[n] = tbare;
		sum += tk[n++];
	}
	*reps = n;
	return 0;
}

static void put_result(FILE *out, bctx *c, op *o, int reps, double *tk, double *tb, double *tc, int bare_ok)
{
	double km, kp, bm = 0, bp = 0, cm, cp;
	stats(tk, reps, &km, &kp);
	stats(tc, reps, &cm, &cp);
	if (bare_ok)
		stats(tb, reps, &bm, &bp);
	fprintf(out, "%s\t%s\t%d\t%d\t%.4f\t%.4f\t%.4f\t%.4f\t%s\t%ld\t%s\t%.4f\n", o->code, o->name, c->n, reps,
		km * 1e3, kp * 1e3, bm * 1e3, bp * 1e3, o->target, o->rows, o->note, cm * 1e3);
	fflush(out);
	fprintf(stderr, "  %-44s %8.3f ms  p99 %8.3f  bare %8.3f  (%d×)\n", o->name, km * 1e3, kp * 1e3,
		bm * 1e3, reps);
}

static int run_op(FILE *out, bctx *c, op *o)
{
	static double tk[MAXREPS + 1], tb[MAXREPS + 1], tc[MAXREPS + 1];
	int reps = 0;
	if (o->setup && o->setup(c, o)) {
		fprintf(out, "%s\t%s\t%d\t0\t0\t0\t0\t0\t%s\t0\tcould not be set up at this size\n",
			o->code, o->name, c->n, o->target);
		return 0;
	}
	int rc = o->kind == K_WRITE ? run_write(c, o, tk, tb, tc, &reps) : run_read(c, o, tk, tb, tc, &reps);
	if (rc && reps > 0 && o->kind != K_WRITE) {
		/* kup's figures stand; the bare run could not be repeated */
		snprintf(o->note, sizeof o->note, "bare run failed (see stderr)");
		put_result(out, c, o, reps, tk, tb, tc, 0);
		return 0;
	}
	if (rc) {
		fprintf(stderr, "bench: %s failed\n", o->code);
		return -1;
	}
	put_result(out, c, o, reps, tk, tb, tc, 1);
	return 0;
}

/* ---- peak memory: the whole program, in processes of its own ---- */

/* posix_spawn, not fork: a forked child starts with the parent's pages
 * resident, and ru_maxrss would count them. */
static long child_rss_kib(char *const argv[], const char *out_path)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	if (posix_spawn_file_actions_init(&fa))
		return -1;
	int rc = posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, out_path ? out_path : "/dev/null",
						  O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (!rc)
		rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc)
		return -1;
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -1;
	return ru.ru_maxrss;
}

static void put_rss(FILE *out, int n, const char *code, const char *name, long kib)
{
	fprintf(out, "%s\t%s\t%d\t1\t%.4f\t%.4f\t0\t0\trss\t0\t%s\n", code, name, n,
		kib / 1024.0, kib / 1024.0, kib < 0 ? "failed" : "");
	fprintf(stderr, "  %-44s %8.1f MiB\n", name, kib / 1024.0);
}

/* `bench rss --out FILE --n N --code C --name NAME -- CMD ...`: runs CMD
 * and appends its peak memory. Run.sh starts it first thing, while the
 * bench process itself is small: a child's ru_maxrss also counts what the
 * process it was started from had resident when it exec'd. */
static int rss_mode(int argc, char **argv)
{
	const char *out_path = NULL, *code = NULL, *name = NULL;
	int n = 0, i = 2;
	for (; i + 1 < argc && strcmp(argv[i], "--"); i += 2) {
		if (!strcmp(argv[i], "--out")) out_path = argv[i + 1];
		else if (!strcmp(argv[i], "--n")) n = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--code")) code = argv[i + 1];
		else if (!strcmp(argv[i], "--name")) name = argv[i + 1];
		else return 2;
	}
	if (i >= argc || strcmp(argv[i], "--") || i + 1 >= argc || !out_path || !code || !name)
		return 2;
	FILE *out = fopen(out_path, "a");
	if (!out)
		return 1;
	put_rss(out, n, code, name, child_rss_kib(argv + i + 1, NULL));
	fclose(out);
	return 0;
}

/* The front end as a person uses it, untimed: what the memory is taken of.
 * One connection, as kup has: every pane's first frame on it, then every
 * operation but the writes and those that open connections of their own
 * (measured as the separate processes they are in kup). */
static int in_list(const char *list, const char *code);
static const char *session_only; /* --only: just these (to see who uses the memory) */

static int session(bctx *c)
{
	sqlite3_exec(c->raw, "PRAGMA cache_size=-64", NULL, NULL, NULL); /* the bench's own: small */
	if (ui_on(c))
		return -1;
	for (int p = 0; p < ui_bench_panes(); p++)
		ui_bench_frame(p);
	for (int i = 0; i < nops; i++) {
		op *o = &ops[i];
		if (o->kind != K_READ || (session_only && !in_list(session_only, o->code)) ||
		    (o->setup && o->setup(c, o)))
			continue;
		int slow = !strcmp(o->target, "report");
		for (int k = 0; k < (slow ? 2 : 20); k++)
			if (once(c, o, k))
				return -1;
	}
	return 0;
}

/* ---- one operation for callgrind ---- */

__attribute__((noinline)) int bench_measured(bctx *c, op *o);
__attribute__((noinline)) int bench_measured(bctx *c, op *o)
{
	return o->step(c, o, 2);
}

static int one_op(bctx *c, op *o, int explain)
{
	if (o->setup && o->setup(c, o))
		return -1;
	/* the long ones (maxreps) are not warmed up: one is enough */
	if ((!o->maxreps && once(c, o, 1)) || call(o->before, c, o, 2))
		return -1;
	int rc;
	if (explain) {
		kerr e;
		int bulk = o->kind == K_WRITE && !o->dry;
		if (bulk && db_bulk_begin(c->db, &e))
			return -1;
		trace_start();
		rc = (o->dry ? o->dry : o->step)(c, o, 2);
		cap *cp = trace_stop();
		if (bulk)
			db_bulk_end(c->db, 0, &e);
		if (cp) {
			FILE *f = fdopen(dup(STDERR_FILENO), "w");
			if (f) {
				cap_print(cp, f, c->raw);
				fclose(f);
			}
		}
		cap_free(cp);
	} else {
		rc = bench_measured(c, o);
	}
	return rc || call(o->after, c, o, 2);
}

/* ---- the table ---- */

#define MAXN 8

typedef struct row {
	char code[64], name[96], target[16], note[120];
	int ns[MAXN], reps[MAXN], nn;
	double med[MAXN], p99[MAXN], bmed[MAXN], cpu[MAXN];
	long rows[MAXN], ir[MAXN];
} row;

static row rows_[MAXOPS * 2];
static int nrows;
static int sizes[MAXN], nsizes;

static row *row_for(const char *code)
{
	for (int i = 0; i < nrows; i++)
		if (!strcmp(rows_[i].code, code))
			return &rows_[i];
	if (nrows == MAXOPS * 2)
		return NULL;
	row *r = &rows_[nrows++];
	memset(r, 0, sizeof *r);
	snprintf(r->code, sizeof r->code, "%s", code);
	return r;
}

static int size_index(int n)
{
	for (int i = 0; i < nsizes; i++)
		if (sizes[i] == n)
			return i;
	if (nsizes == MAXN)
		return -1;
	int i = nsizes++;
	while (i > 0 && sizes[i - 1] > n) { /* kept in order */
		sizes[i] = sizes[i - 1];
		i--;
	}
	sizes[i] = n;
	return -2; /* caller re-reads: the indexes moved */
}

static int read_results(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char line[1024];
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		char *fld[12] = { 0 };
		int k = 0;
		for (char *p = line; k < 12; k++) {
			fld[k] = p;
			char *tab = strchr(p, '\t');
			if (!tab) {
				k++;
				break;
			}
			*tab = '\0';
			p = tab + 1;
		}
		if (k < 10)
			continue;
		int n = atoi(fld[2]);
		if (size_index(n) == -1)
			continue;
		row *r = row_for(fld[0]);
		if (!r)
			continue;
		snprintf(r->name, sizeof r->name, "%s", fld[1]);
		snprintf(r->target, sizeof r->target, "%s", fld[8]);
		if (fld[10] && *fld[10])
			snprintf(r->note, sizeof r->note, "%s", fld[10]);
		int j = r->nn++;
		if (j >= MAXN)
			continue;
		r->ns[j] = n;
		r->reps[j] = atoi(fld[3]);
		r->med[j] = atof(fld[4]);
		r->p99[j] = atof(fld[5]);
		r->bmed[j] = atof(fld[6]);
		r->rows[j] = atol(fld[9]);
		r->cpu[j] = fld[11] ? atof(fld[11]) : 0;
	}
	fclose(f);
	return 0;
}

static void read_callgrind(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char code[64];
	int n;
	long ir;
	while (fscanf(f, "%63s %d %ld", code, &n, &ir) == 3) {
		row *r = row_for(code);
		for (int j = 0; r && j < r->nn; j++)
			if (r->ns[j] == n)
				r->ir[j] = ir;
	}
	fclose(f);
}

static int find_n(const row *r, int n)
{
	for (int j = 0; j < r->nn; j++)
		if (r->ns[j] == n)
			return j;
	return -1;
}

static void thousands(char *buf, size_t size, long v)
{
	char d[32];
	int len = snprintf(d, sizeof d, "%ld", v), k = 0;
	char out[48];
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[k++] = ' ';
		out[k++] = d[i];
	}
	out[k] = '\0';
	if (size > 0) {
		size_t n = (size_t)k < size - 1 ? (size_t)k : size - 1;
		memcpy(buf, out, n);
		buf[n] = '\0';
	}
}

static const char *target_text(const char *t)
{
	if (!strcmp(t, "frame")) return "< 50 ms; at the largest N ≤ 2× the smallest";
	if (!strcmp(t, "filter")) return "< 10 ms";
	if (!strcmp(t, "move")) return "< 2 ms";
	if (!strcmp(t, "save")) return "< 20 ms";
	if (!strcmp(t, "save6")) return "< 6 × 20 ms";
	if (!strcmp(t, "report")) return "< 100 ms (N ≤ 10 000), < 1 s";
	if (!strcmp(t, "export")) return "< 200 ms per 10 000 rows";
	if (!strcmp(t, "import")) return "< 2 s";
	if (!strcmp(t, "rss")) return "< 32 MiB";
	return "–";
}

/* The limit for the median of row r at size index j (ms; MiB for rss). */
static double limit(const row *r, int j)
{
	const char *t = r->target;
	if (!strcmp(t, "frame")) return 50;
	if (!strcmp(t, "filter")) return 10;
	if (!strcmp(t, "move")) return 2;
	if (!strcmp(t, "save")) return 20;
	if (!strcmp(t, "save6")) return 120;
	if (!strcmp(t, "report")) return r->ns[j] <= 10000 ? 100 : 1000;
	if (!strcmp(t, "export")) return 200.0 * (r->rows[j] > 0 ? r->rows[j] : 10000) / 10000.0;
	if (!strcmp(t, "import")) return 2000;
	if (!strcmp(t, "rss")) return 32;
	return INFINITY;
}

/* Appends why row r misses its targets to buf; returns the count. */
static int misses(const row *r, char *buf, size_t size)
{
	int m = 0;
	size_t len = strlen(buf);
	char nb[32];
	for (int j = 0; j < r->nn; j++) {
		thousands(nb, sizeof nb, r->ns[j]);
		if (r->reps[j] == 0) {
			len += (size_t)snprintf(buf + len, size - len, "%snot measured at %s", m++ ? "; " : "", nb);
			continue;
		}
		if (r->med[j] >= limit(r, j))
			len += (size_t)snprintf(buf + len, size - len, "%smedian at %s", m++ ? "; " : "", nb);
		if (strcmp(r->target, "rss") && r->p99[j] > 3 * r->med[j])
			len += (size_t)snprintf(buf + len, size - len, "%sp99 > 3× median at %s", m++ ? "; " : "", nb);
		if (r->bmed[j] > 0 && r->med[j] / r->bmed[j] >= 1.5)
			len += (size_t)snprintf(buf + len, size - len, "%skup/bare ≥ 1.5 at %s", m++ ? "; " : "", nb);
		if (len >= size)
			break;
	}
	if (!strcmp(r->target, "frame") && r->nn >= 2) {
		int lo = find_n(r, sizes[0]), hi = find_n(r, sizes[nsizes - 1]);
		if (lo >= 0 && hi >= 0 && r->med[hi] > 2 * r->med[lo] && len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%.1f× of the smallest N",
						m++ ? "; " : "", r->med[hi] / r->med[lo]);
	}
	return m;
}

static void fmt_ms(char *buf, size_t size, double ms)
{
	if (ms >= 100)
		snprintf(buf, size, "%.0f", ms);
	else if (ms >= 10)
		snprintf(buf, size, "%.1f", ms);
	else
		snprintf(buf, size, "%.2f", ms);
}

static int table(const char *results, const char *callgrind)
{
	if (read_results(results)) {
		fprintf(stderr, "bench: cannot read %s\n", results);
		return 1;
	}
	if (callgrind)
		read_callgrind(callgrind);
	char nb[32];
	printf("| operation |");
	for (int i = 0; i < nsizes; i++) {
		thousands(nb, sizeof nb, sizes[i]);
		printf(" N = %s |", nb);
	}
	printf(" instructions | target (median) | met |\n|---|");
	for (int i = 0; i < nsizes; i++)
		printf("---:|");
	printf("---:|---|---|\n");
	int bad = 0;
	for (int i = 0; i < nrows; i++) {
		row *r = &rows_[i];
		int is_rss = !strcmp(r->target, "rss");
		printf("| %s%s%s |", r->name, r->note[0] ? " — " : "", r->note);
		char irs[160] = "";
		for (int s = 0; s < nsizes; s++) {
			int j = find_n(r, sizes[s]);
			if (j < 0 || !r->reps[j]) {
				printf(" – |");
				continue;
			}
			char a[32], b[32], c[32];
			if (is_rss) {
				printf(" %.1f MiB |", r->med[j]);
				continue;
			}
			fmt_ms(a, sizeof a, r->med[j]);
			fmt_ms(b, sizeof b, r->p99[j]);
			printf(" %s / %s", a, b);
			if (r->cpu[j] > 0 && r->med[j] > 1.5 * r->cpu[j]) { /* waited for a processor (or the disk) */
				fmt_ms(c, sizeof c, r->cpu[j]);
				printf(" (cpu %s)", c);
			}
			if (r->bmed[j] > 0) {
				fmt_ms(c, sizeof c, r->bmed[j]);
				printf(" · bare %s · %.2f×", c, r->med[j] / r->bmed[j]);
			}
			if (r->rows[j] > 0) {
				thousands(a, sizeof a, r->rows[j]);
				printf(" · %s rows", a);
			}
			printf(" |");
			if (r->ir[j] > 0) {
				thousands(a, sizeof a, r->ir[j]);
				thousands(b, sizeof b, r->ns[j]);
				size_t len = strlen(irs);
				snprintf(irs + len, sizeof irs - len, "%s%s (%s)", len ? ", " : "", a, b);
			}
		}
		char why[600] = "";
		int m = misses(r, why, sizeof why);
		bad += m > 0;
		printf(" %s | %s | %s%s |\n", irs[0] ? irs : "–", target_text(r->target), m ? "**no**: " : "yes",
		       why);
	}
	printf("\nCells: median / 99th percentile of the wall-clock time in ms; \"(cpu …)\" the median"
	       " processor time where the wall clock is more than half again as long (waiting for a"
	       " processor or the disk); then the same statements run bare (median) and kup's median"
	       " divided by it. Instructions: callgrind, one run at the size in brackets.\n");
	return bad ? 3 : 0;
}

/* ---- main ---- */

/* Is code one of the comma-separated list? */
static int in_list(const char *list, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = list; (p = strstr(p, code)); p += n)
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return 1;
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: bench run|op CODE|explain CODE|session --db FILE [--twin FILE] --n N"
			" [--out FILE] [--kup KUP] [--only CODE,...]\n"
			"       bench list | bench table RESULTS [CALLGRIND]\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	const char *mode = argv[1];
	if (!strcmp(mode, "table"))
		return argc < 3 ? usage() : table(argv[2], argc > 3 ? argv[3] : NULL);
	if (!strcmp(mode, "rss"))
		return rss_mode(argc, argv) == 2 ? usage() : 0;
	bctx c = { 0 };
	const char *out_path = NULL, *kup = NULL, *only = NULL, *code = NULL;
	int i = 2;
	if (!strcmp(mode, "op") || !strcmp(mode, "explain")) {
		if (argc < 3)
			return usage();
		code = argv[i++];
	}
	for (; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--db")) c.kpath = argv[i + 1];
		else if (!strcmp(argv[i], "--twin")) c.bpath = argv[i + 1];
		else if (!strcmp(argv[i], "--n")) c.n = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--out")) out_path = argv[i + 1];
		else if (!strcmp(argv[i], "--kup")) kup = argv[i + 1]; /* accepted; rss runs it */
		else if (!strcmp(argv[i], "--only")) only = argv[i + 1];
		else return usage();
	}
	if (i != argc)
		return usage();
	(void)kup;
	if (!strcmp(mode, "list")) {
		c.kpath = ":memory:";
		nops = 0;
		/* the codes need the panes only, not a database */
		nops = ops_build(ops);
		for (int k = 0; k < nops; k++)
			printf("%-24s %s\n", ops[k].code, ops[k].name);
		return 0;
	}
	if (!c.kpath)
		return usage();
	if (!strcmp(mode, "importfile")) { /* writes a file for kup import; prints its path */
		c.bpath = c.bpath ? c.bpath : c.kpath;
		const char *file = NULL;
		if (sqlite3_open_v2(c.kpath, &c.raw, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
			file = import_prepare(&c, 99);
		sqlite3_close(c.raw);
		if (file)
			printf("%s\n", file);
		return file ? 0 : 1;
	}
	if (!c.bpath)
		c.bpath = c.kpath;
	FILE *out = NULL;
	if (!strcmp(mode, "run") && !(out = fopen(out_path ? out_path : "/dev/stderr", "a"))) {
		fprintf(stderr, "bench: %s: %s\n", out_path, strerror(errno));
		return 1;
	}
	if (start(&c)) {
		if (out)
			fclose(out);
		return 1;
	}
	int rc = 0;
	if (!strcmp(mode, "run")) {
		if (!(c.bk = bare_open(c.kpath, open_cap)) || !(c.bb = bare_open(c.bpath, open_cap))) {
			rc = 1;
		} else {
			for (int k = 0; k < nops && !rc; k++) {
				if (only && !in_list(only, ops[k].code))
					continue;
				rc = run_op(out, &c, &ops[k]) ? 1 : 0;
			}
		}
	} else if (!strcmp(mode, "session")) {
		session_only = only;
		rc = session(&c) ? 1 : 0;
	} else if (!strcmp(mode, "op") || !strcmp(mode, "explain")) {
		/* one code, a comma-separated list, or all; each announced on
		 * stderr in order (run.sh pairs them with callgrind's dumps) */
		int all = !strcmp(code, "all"), found = 0;
		for (int k = 0; k < nops && !rc; k++) {
			/* "all" leaves out the long ones (an import under
			 * callgrind takes minutes); name them to have them */
			if (all ? ops[k].maxreps != 0 : !in_list(code, ops[k].code))
				continue;
			found++;
			fprintf(stderr, "callgrind-op %s\n", ops[k].code);
			rc = one_op(&c, &ops[k], !strcmp(mode, "explain")) ? 1 : 0;
		}
		if (!found)
			rc = find_op(code) ? 0 : 1;
	} else {
		rc = usage();
	}
	stop(&c);
	if (out)
		fclose(out);
	return rc;
}
