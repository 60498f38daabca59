/* bench.h — the benchmark behind `make bench`, shared by its files:
 * trace.c records the statements kup runs and replays them bare; ops.c holds
 * the operations; bench.c times them and prints the table.
 * Captures and replays own their memory (cap_free, bare_close). */
#ifndef KUP_BENCH_H
#define KUP_BENCH_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdint.h>
#include "db.h"

/* ---- statements kup ran (trace.c) ---- */

typedef struct cap cap; /* one recorded sequence of statements */

/* Installs the recorder on every connection opened from now on. */
void trace_install(void);
/* Records into a new capture until trace_stop; NULL when out of memory. */
void trace_start(void);
cap *trace_stop(void);
/* A transaction boundary kup's own code would have made (dry runs). */
void trace_mark(void);
/* Records ROLLBACK as COMMIT (a dry run replayed as the real thing). */
void trace_rollback_as_commit(int on);
int cap_count(const cap *c);
void cap_print(const cap *c, FILE *f, sqlite3 *explain_on);
void cap_free(cap *c);

/* ---- the same statements run bare (trace.c) ---- */

typedef struct bare bare; /* a plain connection with its prepared statements */

/* Opens path with plain sqlite3 and runs the statements of `open` (kup's
 * open: pragmas, checks) on it. NULL with a message on stderr. */
/* Registers the SQL functions kup's connections have (kup_today); 0 or -1. */
int bare_functions(sqlite3 *h);
bare *bare_open(const char *path, const cap *open);
void bare_close(bare *b);
/* Runs the statements of c on b: bound, stepped to the end, every column
 * read. txn wraps them in BEGIN IMMEDIATE ... COMMIT (split at the marks).
 * Returns 0, or -1 (message on stderr) when a statement fails. */
int bare_run(bare *b, const cap *c, int txn);
/* From now on the bare runs write every row they read to f as CSV (the
 * bare equivalent of an export); NULL: they only read the columns. */
void bare_output(FILE *f);
/* Prepares every statement of c on b ahead (outside the timing). */
int bare_prepare(bare *b, const cap *c);
/* The whole thing on a new connection, as kup's open + first frame does:
 * open, prepare, run, and close — timed too when timed_close (a command,
 * whose own close — the WAL's last checkpoint — is part of kup's time). */
int bare_fresh(const char *path, const cap *c, int timed_close, double *seconds);

/* ---- the screen drawn bare (screen.c) ---- */

typedef struct frame frame; /* what the terminal shows: text and attributes */

/* What kup left on the (off-screen) terminal; NULL when out of memory. */
frame *frame_grab(void);
/* Draws f with plain ncurses: erase, a mvaddnstr per run, refresh; full
 * repaints every cell, as kup's first frame of a pane does. */
void frame_draw(const frame *f, int full);
void frame_free(frame *f);

double now_s(void); /* monotonic seconds */

#endif
