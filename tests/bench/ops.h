/* ops.h — the operations of the benchmark (ops.c) and the state they share
 * with the timing loop (bench.c). */
#ifndef KUP_BENCH_OPS_H
#define KUP_BENCH_OPS_H

#include "bench.h"
#include "ui.h"

#define MAXOPS 64
#define MAXREPS 200

typedef struct bctx {
	const char *kpath;  /* the database kup works on */
	const char *bpath;  /* its twin for the bare writes */
	const char *login;
	int n;              /* staff generated */
	int year;
	kdb *db;            /* kup's connection (the front end's) */
	kactor who;
	ui_app app;
	sqlite3 *raw;       /* the bench's own, for choosing test data */
	bare *bk, *bb;      /* bare connections on kpath and bpath */
	int64_t plan_id;
	char login_as[3][40]; /* ACT_*: the login to open as ("" admin: the owner) */
} bctx;

enum {
	K_READ,  /* repeatable: timed pass, traced pass, bare pass */
	K_FRESH, /* the same, on a new connection every time (open, commands) */
	K_WRITE, /* each time: traced dry run rolled back, kup, bare on the twin */
};

typedef struct op op;
struct op {
	char code[64];     /* for CALLGRIND=code */
	char name[96];     /* in the table */
	int kind, arg, key, every;
	const char *word;
	int as;            /* ACT_ADMIN, ACT_LEADER, ACT_EMPLOYEE: whose front end */
	int screen;        /* it draws: the bare run draws the same screen too */
	int command;       /* a command with a connection of its own (opened and
			    * closed in the step): so is the bare run's */
	int open;          /* Enter on the pane's first row before moving: the
			    * Reports pane lists reports, its moves are in one */
	const char *target;
	/* setup before each pass (-1: cannot run here); before/after each time,
	 * untimed; step is what is timed. Any may be NULL but step. */
	int (*setup)(bctx *c, op *o);
	int (*before)(bctx *c, op *o, int i);
	int (*step)(bctx *c, op *o, int i);
	int (*after)(bctx *c, op *o, int i);
	/* writes that cannot run inside the bench's transaction (a command
	 * with its own connection): a dry run of its own that rolls back, to
	 * trace; its ROLLBACK becomes COMMIT in the bare run */
	int (*dry)(bctx *c, op *o, int i);
	int maxreps;       /* 0: MAXREPS */
	FILE *bare_out;    /* the bare runs write their rows here as CSV */
	long rows;         /* rows handled, where that says something */
	char note[120];
};

enum { ACT_ADMIN, ACT_LEADER, ACT_EMPLOYEE };

int ops_build(op *ops);
/* Writes an import file of new people (i: which) and returns its path. */
const char *import_prepare(bctx *c, int i);
int ui_on(bctx *c);
void ui_off(void);
int pane_find(const char *english);

#endif
