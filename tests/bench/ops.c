/* ops.c — the operations `make bench` times, each through the code kup
 * itself runs: the data-access module, and the real panes, key dispatch and
 * drawing (the ui_bench_* hooks of ui_shell.c and ui_panes.c) on an off-screen 80x24 terminal.
 * Test data (which plan to save, whom to give a plan) is chosen with plain
 * SQL on the bench's own connection, outside the timing. */
#include "ops.h"
#include "cli_commands.h"
#include "db_plan.h"
#include "db_report.h"
#include "db_staff.h"
#include "i18n.h"
#include "ui_panes.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the front end, kept open between operations ---- */

static int ui_is_open;

int ui_on(bctx *c)
{
	if (ui_is_open)
		return 0;
	if (ui_bench_open(&c->app))
		return -1;
	ui_is_open = 1;
	return 0;
}

void ui_off(void)
{
	if (ui_is_open)
		ui_bench_close();
	ui_is_open = 0;
}

/* Back to the pane's own list, unfiltered, at the top. */
static int pane_home(bctx *c, int pane)
{
	if (ui_on(c))
		return -1;
	ui_bench_frame(pane);
	for (int i = 0; i < 10; i++)
		ui_bench_key(KEY_ESC);
	ui_bench_key(KEY_HOME);
	return 0;
}

int pane_find(const char *english)
{
	for (int p = 0; p < ui_bench_panes(); p++)
		if (!strcmp(ui_bench_pane_name(p), english))
			return p;
	return -1;
}

/* ---- open + first frame: a new connection and a new front end ---- */

static kdb *fresh_db;
static ui_app fresh_app;

/* A leader of an institution (with its teams), and an employee: the front
 * end shows them only their part, which the queries must find without
 * reading everyone. */
static int pick_logins(bctx *c)
{
	static const char *const sql[3] = {
		NULL,
		"SELECT s.login FROM unit_leader l JOIN staff s ON s.id = l.staff_id JOIN unit u ON u.id = l.unit_id"
		" WHERE l.until IS NULL AND u.kind = 'institution' AND s.active AND s.login IS NOT NULL"
		" ORDER BY l.id LIMIT 1",
		"SELECT login FROM staff WHERE role = 'employee' AND active AND login IS NOT NULL"
		" ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM staff)",
	};
	for (int k = 1; k < 3; k++) {
		if (c->login_as[k][0])
			continue;
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(c->raw, sql[k], -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
			snprintf(c->login_as[k], sizeof c->login_as[k], "%s", sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		if (!c->login_as[k][0])
			return -1;
	}
	return 0;
}

static int frame_setup(bctx *c, op *o)
{
	ui_off();
	return o->as ? pick_logins(c) : 0;
}

static int frame_step(bctx *c, op *o, int i)
{
	(void)i;
	kerr e = { 0 };
	const char *login = o->as ? c->login_as[o->as] : c->login;
	if (db_open(c->kpath, 0, &fresh_db, &e) ||
	    db_actor_for_login(fresh_db, login, o->as == ACT_ADMIN, &fresh_app.who, &e)) {
		fprintf(stderr, "bench: %s\n", e.msg);
		return -1;
	}
	fresh_app.db = fresh_db;
	fresh_app.dbpath = c->kpath;
	fresh_app.year = c->year;
	if (ui_bench_open(&fresh_app))
		return -1;
	ui_bench_frame(o->arg);
	return 0;
}

static int frame_after(bctx *c, op *o, int i)
{
	(void)c;
	(void)o;
	(void)i;
	ui_bench_close();
	db_close(fresh_db);
	fresh_db = NULL;
	return 0;
}

/* ---- moving in a pane ---- */

static int pane_setup(bctx *c, op *o)
{
	if (pane_home(c, o->arg))
		return -1;
	if (o->open)
		ui_bench_key('\n');
	return 0;
}

static int key_step(bctx *c, op *o, int i)
{
	(void)c;
	(void)i;
	ui_bench_key(o->key);
	return 0;
}

/* Rows and pages: from the top down, back to the top now and then so that
 * every size walks the same stretch of list. */
static int move_after(bctx *c, op *o, int i)
{
	(void)c;
	if (i % o->every == 0)
		ui_bench_key(KEY_HOME);
	return 0;
}

static int home_after(bctx *c, op *o, int i)
{
	(void)c;
	(void)o;
	(void)i;
	ui_bench_key(KEY_HOME);
	return 0;
}

/* ---- filter as you type: each keystroke of a six-letter word ---- */

static int filter_step(bctx *c, op *o, int i)
{
	(void)c;
	char buf[8];
	int n = (int)strlen(o->word);
	int len = (i + n - 1) % n + 1; /* 1..n, starting at 1 for i = 1 */
	snprintf(buf, sizeof buf, "%.*s", len, o->word);
	ui_bench_filter(buf);
	return 0;
}

/* A six-letter search that few rows match: the start of the login of the
 * person in the middle of the register (logins are initials and a number). */
static char rare[8];

static int rare_setup(bctx *c, op *o)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(c->raw, "SELECT login FROM staff WHERE login IS NOT NULL AND length(login) >= 5"
			       " ORDER BY id DESC LIMIT 1 OFFSET (SELECT count(*) / 2 FROM staff)", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		snprintf(rare, sizeof rare, "%.6s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (strlen(rare) < 5)
		return -1;
	o->word = rare;
	snprintf(o->note, sizeof o->note, "\"%s\": few match", rare);
	return pane_setup(c, o);
}

static int filter_after(bctx *c, op *o, int i)
{
	(void)c;
	int n = (int)strlen(o->word);
	if ((i + n - 1) % n + 1 == n)
		ui_bench_filter("");
	return 0;
}

/* ---- open a person with their plan (staff pane, Enter) ---- */

static int person_setup(bctx *c, op *o)
{
	if (pane_home(c, o->arg))
		return -1;
	/* Down to the first person with a plan this year: Enter on anyone
	 * else would ask whether to create one. */
	for (int tries = 0; tries < 200; tries++) {
		int64_t sid = ui_bench_selected();
		plan_rec p;
		kerr e;
		if (sid && plan_find(c->db, &c->who, sid, c->year, &p, &e) == KE_OK) {
			plan_free(&p);
			return 0;
		}
		ui_bench_key(KEY_DOWN);
	}
	fprintf(stderr, "bench: no one near the top of the staff list has a plan for %d\n", c->year);
	return -1;
}

static int back_after(bctx *c, op *o, int i)
{
	(void)c;
	(void)o;
	(void)i;
	ui_bench_key(KEY_ESC);
	return 0;
}

/* ---- writes ---- */

static int64_t scalar(bctx *c, const char *sql, int64_t p)
{
	sqlite3_stmt *st = NULL;
	int64_t v = 0;
	if (sqlite3_prepare_v2(c->raw, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_bind_parameter_count(st))
			sqlite3_bind_int64(st, 1, p);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return v;
}

static plan_rec the_plan;

/* A write outside the timing (test data), done by kup and, statement for
 * statement, on the twin, so that the two files stay the same. */
static int add_goal(bctx *c, int64_t plan_id, const char *what)
{
	kerr e;
	goal_rec g = { .plan_id = plan_id, .competence_id = 2, .what = (char *)what };
	trace_start();
	kcode rc = goal_save(c->db, &c->who, &g, &e);
	cap *cp = trace_stop();
	if (rc)
		fprintf(stderr, "bench: add goal: %s\n", e.msg);
	int bad = rc || !cp || (c->bb && bare_run(c->bb, cp, 0));
	cap_free(cp);
	return bad ? -1 : 0;
}

/* The demo's plans have two to four goals: the plan with the most goals
 * this year gets more until it has five. */
static int save_setup(bctx *c, op *o)
{
	(void)o;
	static const char sql[] = "SELECT p.id FROM plan p WHERE p.year = ?1 AND p.status <> 'evaluated'"
		" ORDER BY (SELECT count(*) FROM goal g WHERE g.plan_id = p.id) DESC, p.id LIMIT 1";
	c->plan_id = scalar(c, sql, c->year);
	if (!c->plan_id) {
		fprintf(stderr, "bench: no open plan in %d\n", c->year);
		return -1;
	}
	while (scalar(c, "SELECT count(*) FROM goal WHERE plan_id = ?1", c->plan_id) < 5)
		if (add_goal(c, c->plan_id, "Try out the new method with the group and tell the team"))
			return -1;
	return 0;
}

static int save_before(bctx *c, op *o, int i)
{
	(void)o;
	kerr e;
	plan_free(&the_plan);
	if (plan_get(c->db, &c->who, c->plan_id, &the_plan, &e)) {
		fprintf(stderr, "bench: %s\n", e.msg);
		return -1;
	}
	char note[80];
	snprintf(note, sizeof note, "Notes after the MUS talk, version %d.", i);
	free(the_plan.notes);
	the_plan.notes = strdup(note);
	return the_plan.notes ? 0 : -1;
}

static int save_step(bctx *c, op *o, int i)
{
	(void)o;
	(void)i;
	kerr e;
	if (plan_save(c->db, &c->who, &the_plan, &e)) {
		fprintf(stderr, "bench: save plan: %s\n", e.msg);
		return -1;
	}
	return 0;
}

/* People without a plan next year, one per repetition. */
static int64_t *newcomers;
static int nnew;

static int newplan_setup(bctx *c, op *o)
{
	(void)o;
	free(newcomers);
	nnew = 0;
	newcomers = calloc(MAXREPS + 2, sizeof *newcomers);
	sqlite3_stmt *st = NULL;
	if (!newcomers || sqlite3_prepare_v2(c->raw,
		"SELECT id FROM staff s WHERE active AND NOT EXISTS (SELECT 1 FROM plan p"
		" WHERE p.staff_id = s.id AND p.year = ?1) ORDER BY id LIMIT ?2", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int(st, 1, c->year + 1);
	sqlite3_bind_int(st, 2, MAXREPS + 2);
	while (sqlite3_step(st) == SQLITE_ROW)
		newcomers[nnew++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return nnew > 10 ? 0 : -1;
}

static int newplan_step(bctx *c, op *o, int i)
{
	(void)o;
	if (i >= nnew)
		return -1;
	kerr e;
	plan_rec p = { .staff_id = newcomers[i], .year = c->year + 1 };
	if (plan_save(c->db, &c->who, &p, &e)) {
		fprintf(stderr, "bench: new plan: %s\n", e.msg);
		return -1;
	}
	static const char *const what[5] = {
		"Lead the team's reading programme", "Finish the diploma module on inclusion",
		"Hold two parent meetings with an interpreter", "Share the course with colleagues",
		"Mentor a new colleague",
	};
	for (int k = 0; k < 5; k++) {
		trace_mark();
		goal_rec g = { .plan_id = p.id, .competence_id = 1 + k % 4, .what = (char *)what[k] };
		if (goal_save(c->db, &c->who, &g, &e)) {
			fprintf(stderr, "bench: new goal: %s\n", e.msg);
			plan_free(&p);
			return -1;
		}
	}
	plan_free(&p);
	return 0;
}

/* ---- the data layer alone: a page of a list, as the panes ask for it ---- */

static int page_step(bctx *c, op *o, int i)
{
	(void)i;
	kerr e;
	kpage pg = { .limit = 9, .include_inactive = 1, .year = c->year };
	int n;
	if (o->arg == 0) {
		staff_rec *r;
		if (staff_list(c->db, &c->who, &pg, &r, &n, &e))
			return -1;
		staff_rows_free(r, n);
	} else {
		plan_rec *r;
		if (plan_list(c->db, &c->who, &pg, &r, &n, &e))
			return -1;
		plan_rows_free(r, n);
	}
	return 0;
}

/* ---- reports ---- */

static int report_step(bctx *c, op *o, int i)
{
	(void)i;
	report_t r;
	kerr e;
	if (report_run(c->db, &c->who, (kreport)o->arg, c->year, 0, &r, &e)) {
		fprintf(stderr, "bench: report: %s\n", e.msg);
		return -1;
	}
	report_free(&r);
	return 0;
}

/* ---- the command line: export to a file (stdout redirected) ---- */

static int run_cli(bctx *c, char **argv, int argc, int out_fd)
{
	fflush(stdout);
	int saved = dup(STDOUT_FILENO);
	if (saved < 0 || dup2(out_fd, STDOUT_FILENO) < 0)
		return -1;
	struct cli cl = { .dbpath = c->kpath, .login = c->login, .argc = argc, .argv = argv };
	int rc = cli_command(&cl);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	return rc;
}

static int export_fd = -1;
static char *export_argv[6];
static int export_argc;

static int export_setup(bctx *c, op *o)
{
	(void)o;
	if (export_fd < 0) {
		char path[4200];
		snprintf(path, sizeof path, "%s.export.csv", c->bpath);
		export_fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		unlink(path);
		if (export_fd < 0)
			return -1;
	}
	if (!o->bare_out) { /* the bare export writes its CSV to a file of its own */
		char path[4200];
		snprintf(path, sizeof path, "%s.export-bare.csv", c->bpath);
		o->bare_out = fopen(path, "w+");
		unlink(path);
		if (!o->bare_out)
			return -1;
	}
	static char *csv[] = { "list", "staff", "--format", "csv", NULL };
	static char *tsv[] = { "list", "staff", NULL };
	export_argc = 4;
	memcpy(export_argv, csv, sizeof csv);
	int fd2 = open("/dev/null", O_WRONLY | O_CLOEXEC);
	/* Before `list --format csv` exists, the tab-separated list stands in. */
	int saved_err = dup(STDERR_FILENO);
	dup2(fd2, STDERR_FILENO);
	int rc = run_cli(c, export_argv, export_argc, fd2);
	dup2(saved_err, STDERR_FILENO);
	close(saved_err);
	close(fd2);
	if (rc == 2) {
		export_argc = 2;
		memcpy(export_argv, tsv, sizeof tsv);
		snprintf(o->note, sizeof o->note, "tab-separated: list --format csv is not there yet");
	}
	return 0;
}

static int export_before(bctx *c, op *o, int i)
{
	(void)c;
	(void)o;
	(void)i;
	return ftruncate(export_fd, 0) || lseek(export_fd, 0, SEEK_SET) < 0 ? -1 : 0;
}

static int export_step(bctx *c, op *o, int i)
{
	(void)i;
	if (run_cli(c, export_argv, export_argc, export_fd))
		return -1;
	off_t size = lseek(export_fd, 0, SEEK_END);
	if (!o->rows && size > 0) { /* count the rows once */
		char buf[65536];
		ssize_t n;
		long lines = 0;
		lseek(export_fd, 0, SEEK_SET);
		while ((n = read(export_fd, buf, sizeof buf)) > 0)
			for (ssize_t k = 0; k < n; k++)
				lines += buf[k] == '\n';
		o->rows = lines > 0 ? lines - 1 : 0;
	}
	return 0;
}

/* ---- the command line: import 10 000 new people from a CSV file ---- */

#define IMPORT_ROWS 10000

static char import_path[4200];
static char **unit_names, **prof_names;
static int nunit_names, nprof_names;

static void names_free(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int read_names(bctx *c, const char *sql, char ***out, int *n)
{
	sqlite3_stmt *st = NULL;
	names_free(*out, *n);
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(c->raw, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		char **t = realloc(*out, (size_t)(*n + 1) * sizeof *t);
		if (!t)
			break;
		*out = t;
		if (((*out)[*n] = strdup((const char *)sqlite3_column_text(st, 0))))
			(*n)++;
	}
	sqlite3_finalize(st);
	return *n ? 0 : -1;
}

static int import_setup(bctx *c, op *o)
{
	(void)o;
	snprintf(import_path, sizeof import_path, "%s.import.csv", c->bpath);
	return read_names(c, "SELECT name FROM unit WHERE kind = 'team' ORDER BY id LIMIT 500",
			  &unit_names, &nunit_names) ||
	       read_names(c, "SELECT name FROM profession ORDER BY id", &prof_names, &nprof_names) ? -1 : 0;
}

/* HR's file: new people, every time others (login and employee number). */
static int import_before(bctx *c, op *o, int i)
{
	(void)c;
	(void)o;
	static const char *const first[] = { "Anne", "Bjørn", "Cecilie", "Dorte", "Erik", "Frederik", "Gitte",
					     "Hans", "Ida", "Jørgen", "Karin", "Lars", "Mette", "Niels", "Ole", "Pia" };
	static const char *const last[] = { "Holm", "Dahl", "Skov", "Bech", "Kjær", "Vestergaard", "Lauridsen",
					    "Bach", "Krogh", "Winther", "Brandt", "Lassen", "Bang", "Juhl" };
	FILE *f = fopen(import_path, "w");
	if (!f)
		return -1;
	fprintf(f, "login,emp_no,name,initials,unit,profession,role,title,email\n");
	for (int k = 0; k < IMPORT_ROWS; k++)
		fprintf(f, "r%dx%d,R%d-%d,\"%s %s\",R%dX,\"%s\",\"%s\",employee,Pædagog,r%dx%d@bench.example\n", i, k, i, k,
			first[k % 16], last[(k / 16) % 14], k % 1000, unit_names[k % nunit_names],
			prof_names[k % nprof_names], i, k);
	return fclose(f) ? -1 : 0;
}

const char *import_prepare(bctx *c, int i)
{
	return import_setup(c, NULL) || import_before(c, NULL, i) ? NULL : import_path;
}

static int import_run(bctx *c, int dry)
{
	static char *argv[] = { "import", "staff", import_path, "--dry-run", NULL };
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	int rc = fd < 0 ? -1 : run_cli(c, argv, dry ? 4 : 3, fd);
	if (fd >= 0)
		close(fd);
	return rc;
}

static int import_dry(bctx *c, op *o, int i)
{
	(void)o;
	(void)i;
	return import_run(c, 1);
}

static int import_step(bctx *c, op *o, int i)
{
	(void)i;
	o->rows = IMPORT_ROWS;
	return import_run(c, 0);
}

/* ---- the list of operations ---- */

static void add(op *ops, int *n, const op *o)
{
	if (*n < MAXOPS)
		ops[(*n)++] = *o;
}

static void code_of(const char *name, char *out, size_t size)
{
	size_t k = 0;
	for (; *name && k + 1 < size; name++)
		out[k++] = *name == ' ' ? '-' : (char)tolower((unsigned char)*name);
	out[k] = '\0';
}

int ops_build(op *ops)
{
	int n = 0;
	op o;
	for (int p = 0; p < ui_bench_panes(); p++) {
		char pc[32];
		const char *pn = ui_bench_pane_name(p);
		code_of(pn, pc, sizeof pc);
		const char *word = !strcmp(pn, "Activities") ? "trivse" : "hansen";
		int open = !strcmp(pn, "Reports");
		o = (op){ .kind = K_FRESH, .arg = p, .target = "frame", .setup = frame_setup,
			  .step = frame_step, .after = frame_after, .screen = 1 };
		snprintf(o.code, sizeof o.code, "frame-%s", pc);
		snprintf(o.name, sizeof o.name, "open + first frame: %s", pn);
		add(ops, &n, &o);
		if (open) {
			/* the pane lists the reports; Enter runs the first, plan coverage */
			o = (op){ .kind = K_READ, .arg = p, .target = "report", .setup = pane_setup,
				  .step = key_step, .after = back_after, .key = '\n', .screen = 1 };
			snprintf(o.code, sizeof o.code, "open-%s", pc);
			snprintf(o.name, sizeof o.name, "%s: run and show plan coverage (Enter)", pn);
			add(ops, &n, &o);
		}
		o = (op){ .kind = K_READ, .arg = p, .target = "move", .setup = pane_setup, .step = key_step,
			  .after = move_after, .key = KEY_DOWN, .every = 100, .open = open, .screen = 1 };
		snprintf(o.code, sizeof o.code, "row-%s", pc);
		snprintf(o.name, sizeof o.name, "%s: one row down (↓)", pn);
		add(ops, &n, &o);
		o.key = KEY_NPAGE;
		o.every = 20;
		snprintf(o.code, sizeof o.code, "page-%s", pc);
		snprintf(o.name, sizeof o.name, "%s: one page down (PgDn)", pn);
		add(ops, &n, &o);
		o.key = KEY_END;
		o.after = home_after;
		snprintf(o.code, sizeof o.code, "end-%s", pc);
		snprintf(o.name, sizeof o.name, "%s: jump to the end (End)", pn);
		add(ops, &n, &o);
		o = (op){ .kind = K_READ, .arg = p, .target = "filter", .setup = pane_setup,
			  .step = filter_step, .after = filter_after, .word = word, .open = open, .screen = 1 };
		snprintf(o.code, sizeof o.code, "filter-%s", pc);
		snprintf(o.name, sizeof o.name, "%s: filter, one keystroke of \"%s\"", pn, word);
		add(ops, &n, &o);
		if (strcmp(pn, "Staff") && strcmp(pn, "Plans"))
			continue;
		o.setup = rare_setup;
		snprintf(o.code, sizeof o.code, "filter-%s-rare", pc);
		snprintf(o.name, sizeof o.name, "%s: filter, one keystroke of a rare word", pn);
		add(ops, &n, &o);
	}
	/* What a leader and an employee see first. */
	static const char *const whom[3] = { "", "a leader", "an employee" };
	for (int as = ACT_LEADER; as <= ACT_EMPLOYEE; as++)
		for (int p = 0; p < ui_bench_panes(); p++) {
			char pc[32];
			const char *pn = ui_bench_pane_name(p);
			code_of(pn, pc, sizeof pc);
			o = (op){ .kind = K_FRESH, .arg = p, .as = as, .target = "frame", .setup = frame_setup,
				  .step = frame_step, .after = frame_after, .screen = 1 };
			snprintf(o.code, sizeof o.code, "frame-%s-%s", pc, as == ACT_LEADER ? "leader" : "employee");
			snprintf(o.name, sizeof o.name, "open + first frame: %s, as %s", pn, whom[as]);
			add(ops, &n, &o);
		}
	for (int k = 0; k < 2; k++) {
		o = (op){ .kind = K_READ, .arg = k, .target = "move", .step = page_step };
		snprintf(o.code, sizeof o.code, "data-%s", k ? "plans" : "staff");
		snprintf(o.name, sizeof o.name, "data layer alone: first page of %s (%s_list, 9 rows)",
			 k ? "plans" : "staff", k ? "plan" : "staff");
		add(ops, &n, &o);
	}
	int staff = pane_find("Staff");
	if (staff >= 0) {
		o = (op){ .kind = K_READ, .arg = staff, .target = "frame", .setup = person_setup,
			  .step = key_step, .after = back_after, .key = '\n', .screen = 1 };
		snprintf(o.code, sizeof o.code, "open-person");
		snprintf(o.name, sizeof o.name, "open a person with their plan (Enter)");
		add(ops, &n, &o);
	}
	o = (op){ .kind = K_WRITE, .target = "save", .setup = save_setup, .before = save_before,
		  .step = save_step };
	snprintf(o.code, sizeof o.code, "save-plan");
	snprintf(o.name, sizeof o.name, "save a plan with 5 goals (commit, fsync)");
	add(ops, &n, &o);
	o = (op){ .kind = K_WRITE, .target = "save6", .setup = newplan_setup, .step = newplan_step };
	snprintf(o.code, sizeof o.code, "new-plan");
	snprintf(o.name, sizeof o.name, "new plan + 5 goals (6 commits)");
	add(ops, &n, &o);
	for (int k = 0; k < REP_COUNT; k++) {
		o = (op){ .kind = K_READ, .arg = k, .target = "report", .step = report_step };
		snprintf(o.code, sizeof o.code, "report-%s", report_code((kreport)k));
		snprintf(o.name, sizeof o.name, "report: %s", report_code((kreport)k));
		add(ops, &n, &o);
	}
	o = (op){ .kind = K_FRESH, .target = "export", .setup = export_setup, .before = export_before,
		  .step = export_step, .command = 1 };
	snprintf(o.code, sizeof o.code, "export-csv");
	snprintf(o.name, sizeof o.name, "CSV export: kup list staff");
	add(ops, &n, &o);
	/* last: it adds people (the same to kup's file and the twin) */
	o = (op){ .kind = K_WRITE, .target = "import", .setup = import_setup, .before = import_before,
		  .dry = import_dry, .step = import_step, .maxreps = 3, .command = 1 };
	snprintf(o.code, sizeof o.code, "import-csv");
	snprintf(o.name, sizeof o.name, "CSV import: kup import staff, 10 000 new people");
	add(ops, &n, &o);
	return n;
}
