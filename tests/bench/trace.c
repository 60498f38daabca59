/* trace.c — the bare baseline: records every statement kup runs (through
 * sqlite3_trace_v2, installed on each new connection by an auto-extension)
 * with the values bound to it, and runs the same statements again on a
 * plain connection with no kup code around them. The values are read back
 * from sqlite3_expanded_sql by walking it beside the statement's own text,
 * so the bare run binds exactly what kup bound and SQLite plans both alike.
 * Statements SQLite runs for itself (triggers, FTS5's shadow tables) are
 * left out: the bare run's own triggers run them again. */
#include "bench.h"
#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- statement texts, interned: a capture holds an index ---- */

static char **tmpl;
static int ntmpl, tmpl_cap;
static int *thash; /* open addressing over tmpl indexes + 1 */
static int thash_cap;

static unsigned hash_str(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static int thash_grow(void)
{
	int cap = thash_cap ? thash_cap * 2 : 1024;
	int *t = calloc((size_t)cap, sizeof *t);
	if (!t)
		return -1;
	for (int i = 0; i < ntmpl; i++) {
		unsigned j = hash_str(tmpl[i]) & (unsigned)(cap - 1);
		while (t[j])
			j = (j + 1) & (unsigned)(cap - 1);
		t[j] = i + 1;
	}
	free(thash);
	thash = t;
	thash_cap = cap;
	return 0;
}

static int intern(const char *sql)
{
	if ((ntmpl + 1) * 2 > thash_cap && thash_grow())
		return -1;
	unsigned j = hash_str(sql) & (unsigned)(thash_cap - 1);
	for (; thash[j]; j = (j + 1) & (unsigned)(thash_cap - 1))
		if (!strcmp(tmpl[thash[j] - 1], sql))
			return thash[j] - 1;
	if (ntmpl == tmpl_cap) {
		int cap = tmpl_cap ? tmpl_cap * 2 : 256;
		char **t = realloc(tmpl, (size_t)cap * sizeof *t);
		if (!t)
			return -1;
		tmpl = t;
		tmpl_cap = cap;
	}
	if (!(tmpl[ntmpl] = strdup(sql)))
		return -1;
	thash[j] = ntmpl + 1;
	return ntmpl++;
}

/* ---- captures ---- */

enum { P_NULL, P_INT, P_REAL, P_TEXT, P_BLOB };

typedef struct param {
	int idx, type, len;
	int64_t i;
	double d;
	char *s; /* text or blob bytes */
} param;

typedef struct rec {
	int tidx;  /* -1: a transaction mark */
	int np;
	param *p;
} rec;

struct cap {
	rec *r;
	int n, cap;
	int bad; /* a statement could not be read back */
};

static cap *cur;
static int tracing, rollback_commits;

int cap_count(const cap *c)
{
	return c ? c->n : 0;
}

void cap_free(cap *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->n; i++) {
		for (int k = 0; k < c->r[i].np; k++)
			free(c->r[i].p[k].s);
		free(c->r[i].p);
	}
	free(c->r);
	free(c);
}

static rec *cap_add(cap *c)
{
	if (c->n == c->cap) {
		int n = c->cap ? c->cap * 2 : 64;
		rec *t = realloc(c->r, (size_t)n * sizeof *t);
		if (!t)
			return NULL;
		c->r = t;
		c->cap = n;
	}
	rec *r = &c->r[c->n++];
	memset(r, 0, sizeof *r);
	return r;
}

/* Length of the quoted token at s (quote q, doubled inside), or 0. */
static size_t quoted_len(const char *s)
{
	char q = s[0];
	size_t i = 1;
	for (;;) {
		if (!s[i])
			return 0;
		if (s[i] == q) {
			if (s[i + 1] == q) {
				i += 2;
				continue;
			}
			return i + 1;
		}
		i++;
	}
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Reads the literal sqlite3_expanded_sql put at *x in place of a parameter. */
static int read_literal(const char **x, param *p)
{
	const char *s = *x;
	if (!strncmp(s, "NULL", 4)) {
		p->type = P_NULL;
		*x = s + 4;
		return 0;
	}
	if (s[0] == '\'') {
		size_t n = quoted_len(s);
		if (!n || !(p->s = malloc(n)))
			return -1;
		int len = 0;
		for (size_t i = 1; i + 1 < n; i++) {
			p->s[len++] = s[i];
			if (s[i] == '\'')
				i++;
		}
		p->s[len] = '\0';
		p->len = len;
		p->type = P_TEXT;
		*x = s + n;
		return 0;
	}
	if ((s[0] == 'x' || s[0] == 'X') && s[1] == '\'') {
		size_t n = quoted_len(s + 1);
		if (!n || !(p->s = malloc(n / 2 + 1)))
			return -1;
		int len = 0;
		for (size_t i = 2; i + 1 < n; i += 2)
			p->s[len++] = (char)(hexval(s[i]) * 16 + hexval(s[i + 1]));
		p->len = len;
		p->type = P_BLOB;
		*x = s + 1 + n;
		return 0;
	}
	size_t n = strspn(s, "+-0123456789.eEInfa");
	if (!n)
		return -1;
	if (strcspn(s, ".eEI") < n) {
		p->type = P_REAL;
		p->d = strtod(s, NULL);
	} else {
		p->type = P_INT;
		p->i = strtoll(s, NULL, 10);
	}
	*x = s + n;
	return 0;
}

/* Walks the statement's text t beside its expanded form x; every parameter
 * in t stands for a literal in x. Fills r->p with one value per index. */
static int read_params(const char *t, const char *x, rec *r)
{
	int next = 1;
	while (*t) {
		if (*t == '\'' || *t == '"' || *t == '`') {
			size_t n = quoted_len(t);
			if (!n || strncmp(t, x, n))
				return -1;
			t += n;
			x += n;
			continue;
		}
		if (*t != '?') {
			if (*t != *x)
				return -1;
			t++;
			x++;
			continue;
		}
		int idx;
		if (t[1] >= '0' && t[1] <= '9') {
			char *end;
			idx = (int)strtol(t + 1, &end, 10);
			t = end;
		} else {
			idx = next;
			t++;
		}
		if (idx >= next)
			next = idx + 1;
		param p = { .idx = idx };
		if (read_literal(&x, &p))
			return -1;
		int seen = 0;
		for (int k = 0; k < r->np; k++)
			seen |= r->p[k].idx == idx;
		if (seen) {
			free(p.s);
			continue;
		}
		param *np = realloc(r->p, (size_t)(r->np + 1) * sizeof *np);
		if (!np) {
			free(p.s);
			return -1;
		}
		r->p = np;
		r->p[r->np++] = p;
	}
	return *x ? -1 : 0;
}

static int on_trace(unsigned type, void *ctx, void *p, void *x)
{
	(void)ctx;
	if (type != SQLITE_TRACE_STMT || !tracing || !cur)
		return 0;
	const char *unexpanded = x;
	if (unexpanded && unexpanded[0] == '-' && unexpanded[1] == '-')
		return 0; /* inside a trigger */
	sqlite3_stmt *st = p;
	const char *t = sqlite3_sql(st);
	if (!t || strstr(t, "'main'."))
		return 0; /* FTS5 reading or writing its own tables */
	if (rollback_commits && !strcmp(t, "ROLLBACK"))
		t = "COMMIT";
	char *exp = rollback_commits && !strcmp(t, "COMMIT") ? sqlite3_mprintf("COMMIT") : sqlite3_expanded_sql(st);
	rec *r = exp ? cap_add(cur) : NULL;
	if (!r || (r->tidx = intern(t)) < 0 || read_params(t, exp, r)) {
		cur->bad = 1;
		if (r)
			fprintf(stderr, "bench: cannot read back: %s\n", exp);
	}
	sqlite3_free(exp);
	return 0;
}

static int autoext(sqlite3 *h, const char **err, const void *api)
{
	(void)err;
	(void)api;
	sqlite3_trace_v2(h, SQLITE_TRACE_STMT, on_trace, NULL);
	return SQLITE_OK;
}

void trace_install(void)
{
	sqlite3_auto_extension((void (*)(void))autoext);
}

void trace_start(void)
{
	cap_free(cur);
	cur = calloc(1, sizeof *cur);
	tracing = cur != NULL;
}

cap *trace_stop(void)
{
	cap *c = cur;
	cur = NULL;
	tracing = 0;
	return c;
}

void trace_rollback_as_commit(int on)
{
	rollback_commits = on;
}

void trace_mark(void)
{
	rec *r = tracing && cur ? cap_add(cur) : NULL;
	if (r)
		r->tidx = -1;
}

/* ---- the bare runs ---- */

struct bare {
	sqlite3 *h;
	sqlite3_stmt **st; /* by template index */
	int nst;
};

static volatile int64_t sink; /* keeps the column reads from being optimised away */
static FILE *sink_file;        /* bare_output: rows written as CSV */

void bare_output(FILE *f)
{
	sink_file = f;
}

/* One row as CSV, the least an export does: the columns' text, quoted
 * where a comma, quote or line break is in it. */
static void write_row(sqlite3_stmt *st, int nc)
{
	for (int c = 0; c < nc; c++) {
		const char *t = (const char *)sqlite3_column_text(st, c);
		if (c)
			putc_unlocked(',', sink_file);
		if (!t)
			continue;
		if (!t[strcspn(t, ",\"\r\n")]) {
			fputs_unlocked(t, sink_file);
			continue;
		}
		putc_unlocked('"', sink_file);
		for (; *t; t++) {
			if (*t == '"')
				putc_unlocked('"', sink_file);
			putc_unlocked(*t, sink_file);
		}
		putc_unlocked('"', sink_file);
	}
	fputs_unlocked("\r\n", sink_file);
}

void bare_close(bare *b)
{
	if (!b)
		return;
	for (int i = 0; i < b->nst; i++)
		sqlite3_finalize(b->st[i]);
	free(b->st);
	sqlite3_close(b->h);
	free(b);
}

static sqlite3_stmt *bare_stmt(bare *b, int tidx)
{
	if (tidx >= b->nst) {
		int n = ntmpl > tidx ? ntmpl : tidx + 1;
		sqlite3_stmt **t = realloc(b->st, (size_t)n * sizeof *t);
		if (!t)
			return NULL;
		memset(t + b->nst, 0, (size_t)(n - b->nst) * sizeof *t);
		b->st = t;
		b->nst = n;
	}
	if (!b->st[tidx] &&
	    sqlite3_prepare_v3(b->h, tmpl[tidx], -1, SQLITE_PREPARE_PERSISTENT, &b->st[tidx], NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: bare prepare: %s\n  %s\n", sqlite3_errmsg(b->h), tmpl[tidx]);
		return NULL;
	}
	return b->st[tidx];
}

static int bind_all(sqlite3_stmt *st, const rec *r)
{
	int rc = SQLITE_OK;
	for (int k = 0; k < r->np && rc == SQLITE_OK; k++) {
		const param *p = &r->p[k];
		switch (p->type) {
		case P_NULL: rc = sqlite3_bind_null(st, p->idx); break;
		case P_INT: rc = sqlite3_bind_int64(st, p->idx, p->i); break;
		case P_REAL: rc = sqlite3_bind_double(st, p->idx, p->d); break;
		case P_TEXT: rc = sqlite3_bind_text(st, p->idx, p->s, p->len, SQLITE_STATIC); break;
		case P_BLOB: rc = sqlite3_bind_blob(st, p->idx, p->s, p->len, SQLITE_STATIC); break;
		}
	}
	return rc;
}

/* Steps to the end reading every column, as the least a client does. */
static int run_one(bare *b, sqlite3_stmt *st)
{
	int rc;
	int64_t acc = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int nc = sqlite3_column_count(st);
		if (sink_file) {
			write_row(st, nc);
			continue;
		}
		for (int c = 0; c < nc; c++)
			switch (sqlite3_column_type(st, c)) {
			case SQLITE_INTEGER: acc += sqlite3_column_int64(st, c); break;
			case SQLITE_FLOAT: acc += (int64_t)sqlite3_column_double(st, c); break;
			case SQLITE_TEXT: acc += sqlite3_column_bytes(st, c) + *sqlite3_column_text(st, c); break;
			case SQLITE_BLOB: acc += sqlite3_column_bytes(st, c); break;
			}
	}
	sink += acc;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "bench: bare step: %s\n  %s\n", sqlite3_errmsg(b->h), sqlite3_sql(st));
		return -1;
	}
	return 0;
}

static int exec_plain(bare *b, const char *sql)
{
	int t = intern(sql);
	sqlite3_stmt *st = t < 0 ? NULL : bare_stmt(b, t);
	return st ? run_one(b, st) : -1;
}

int bare_run(bare *b, const cap *c, int txn)
{
	if (txn && exec_plain(b, "BEGIN IMMEDIATE"))
		return -1;
	for (int i = 0; i < c->n; i++) {
		const rec *r = &c->r[i];
		if (r->tidx < 0) {
			if (txn && (exec_plain(b, "COMMIT") || exec_plain(b, "BEGIN IMMEDIATE")))
				return -1;
			continue;
		}
		sqlite3_stmt *st = bare_stmt(b, r->tidx);
		if (!st || bind_all(st, r) != SQLITE_OK || run_one(b, st)) {
			if (txn)
				sqlite3_exec(b->h, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	if (sink_file && fflush(sink_file))
		return -1;
	return txn ? exec_plain(b, "COMMIT") : 0;
}

int bare_prepare(bare *b, const cap *c)
{
	for (int i = 0; i < c->n; i++)
		if (c->r[i].tidx >= 0 && !bare_stmt(b, c->r[i].tidx))
			return -1;
	return 0;
}

/* kup_today() as kup registers it on every connection (db_open): the
 * statements kup runs name it, so the bare twin needs it too. */
static void sql_today(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	char t[11];
	if (date_today(t) != 0) {
		sqlite3_result_error(cx, "no date", -1);
		return;
	}
	sqlite3_result_text(cx, t, -1, SQLITE_TRANSIENT);
}

int bare_functions(sqlite3 *h)
{
	return sqlite3_create_function(h, "kup_today", 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
				       NULL, sql_today, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static bare *bare_new(const char *path)
{
	bare *b = calloc(1, sizeof *b);
	if (!b)
		return NULL;
	if (sqlite3_open_v2(path, &b->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: bare open %s: %s\n", path, sqlite3_errmsg(b->h));
		bare_close(b);
		return NULL;
	}
	sqlite3_busy_timeout(b->h, 5000);
	if (bare_functions(b->h)) {
		fprintf(stderr, "bench: bare functions: %s\n", sqlite3_errmsg(b->h));
		bare_close(b);
		return NULL;
	}
	return b;
}

bare *bare_open(const char *path, const cap *open)
{
	bare *b = bare_new(path);
	if (b && open && bare_run(b, open, 0)) {
		bare_close(b);
		return NULL;
	}
	return b;
}

int bare_fresh(const char *path, const cap *c, int timed_close, double *seconds)
{
	double t0 = now_s();
	bare *b = bare_new(path);
	int rc = b ? bare_run(b, c, 0) : -1;
	if (!timed_close)
		*seconds = now_s() - t0;
	bare_close(b);
	if (timed_close)
		*seconds = now_s() - t0;
	return rc;
}

/* ---- looking at a capture (bench explain) ---- */

void cap_print(const cap *c, FILE *f, sqlite3 *h)
{
	for (int i = 0; i < c->n; i++) {
		const rec *r = &c->r[i];
		if (r->tidx < 0) {
			fprintf(f, "-- commit\n");
			continue;
		}
		fprintf(f, "%3d: %s\n", i, tmpl[r->tidx]);
		for (int k = 0; k < r->np; k++) {
			const param *p = &r->p[k];
			if (p->type == P_TEXT)
				fprintf(f, "     ?%d = '%.60s'\n", p->idx, p->s);
			else if (p->type == P_INT)
				fprintf(f, "     ?%d = %lld\n", p->idx, (long long)p->i);
			else if (p->type == P_NULL)
				fprintf(f, "     ?%d = NULL\n", p->idx);
		}
		if (!h)
			continue;
		char *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", tmpl[r->tidx]);
		sqlite3_stmt *st = NULL;
		if (q && sqlite3_prepare_v2(h, q, -1, &st, NULL) == SQLITE_OK && bind_all(st, r) == SQLITE_OK)
			while (sqlite3_step(st) == SQLITE_ROW)
				fprintf(f, "     | %s\n", sqlite3_column_text(st, 3));
		sqlite3_finalize(st);
		sqlite3_free(q);
		/* and what it costs on its own (writes fail on the read-only h) */
		st = NULL;
		double t0 = now_s();
		int steps = 0;
		if (sqlite3_prepare_v2(h, tmpl[r->tidx], -1, &st, NULL) == SQLITE_OK && bind_all(st, r) == SQLITE_OK)
			while (sqlite3_step(st) == SQLITE_ROW)
				steps++;
		sqlite3_finalize(st);
		fprintf(f, "     = %.3f ms, %d rows\n", (now_s() - t0) * 1e3, steps);
	}
}
