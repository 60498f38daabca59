/* t.h — the smallest test harness: CHECK prints "ok - ..." or "not ok - ...",
 * tests/run.sh counts those lines. Use t_done() as main's return value. */
#ifndef KUP_T_H
#define KUP_T_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int t_failed;

#define CHECK(cond, ...) do { \
	if (cond) { printf("ok - "); printf(__VA_ARGS__); printf("\n"); } \
	else { t_failed++; printf("not ok - "); printf(__VA_ARGS__); \
	       printf(" (%s:%d: %s)\n", __FILE__, __LINE__, #cond); } \
	fflush(stdout); \
} while (0)

#define CHECK_STR(got, want, ...) do { \
	const char *t_g_ = (got), *t_w_ = (want); \
	int t_ok_ = t_g_ && t_w_ && strcmp(t_g_, t_w_) == 0; \
	CHECK(t_ok_, __VA_ARGS__); \
	if (!t_ok_) printf("#   got '%s', want '%s'\n", t_g_ ? t_g_ : "(null)", t_w_); \
} while (0)

static inline int t_done(void) { return t_failed ? 1 : 0; }

#endif
