/* UTF-8 text for terminal display, search folding and Danish sort keys; pure C, no locale.
 * Returned char * are malloc'd and owned by the caller (free them); NULL means out of memory. */
#ifndef KUP_TEXT_H
#define KUP_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point from s (len bytes available). Returns bytes consumed:
 * >= 1 when len >= 1 (invalid or truncated UTF-8 gives U+FFFD and 1), 0 when len == 0. */
int text_decode(const char *s, size_t len, uint32_t *cp);
/* Surrogates and values above U+10FFFF are encoded as U+FFFD. Returns 1..4. */
size_t text_encode(uint32_t cp, char out[4]);

/* The charset the display functions below (widths, fitting, the line
 * editor's columns) count and write in: TEXT_UTF8, the default, or
 * TEXT_ASCII for a terminal that shows only ASCII, where every character is
 * counted and written as its ASCII spelling ("Ærø" "AEroe", "–" "-",
 * "→" "->", a box line "-" "|" "+", a block "#", anything else "?") and a
 * cut ends in "..." (three columns). The front end sets it once, before it
 * draws; commands and files never do. */
enum text_charset { TEXT_UTF8, TEXT_ASCII };
void text_set_charset(enum text_charset cs);
enum text_charset text_charset(void);

/* Columns cp occupies as shown: unsafe code points count 1 (their placeholder). */
int text_cp_width(uint32_t cp);
int text_width(const char *s);
/* Columns of s in UTF-8 whatever the display's charset: for files. */
int text_width_utf8(const char *s);

/* C0, DEL, C1 and the bidi embedding/override/isolate controls. */
int text_is_unsafe_cp(uint32_t cp);
int text_has_unsafe(const char *s, int allow_newline);
/* Copy with every unsafe code point (newline too) replaced by a visible placeholder
 * and invalid bytes replaced by U+FFFD. */
char *text_visible(const char *s);

/* Visible form of s (in the display's charset) cut to at most width
 * columns, ending in "…" ("..." in ASCII) when cut; always
 * NUL-terminated when outsz > 0. Return the columns written. The _pad variant
 * fills with spaces to exactly width columns unless outsz is too small. */
int text_fit(const char *s, int width, char *out, size_t outsz);
int text_fit_pad(const char *s, int width, char *out, size_t outsz);

/* Search key: lower case without accents ("Ågård" -> "aagaard"). */
char *text_fold(const char *s);
/* Key whose strcmp order is Danish alphabetical order (æ < ø < å after z, word-initial
 * "aa" as å); distinct strings always give distinct keys. */
char *text_sortkey(const char *s);

/* Line-editor helpers; an invalid byte counts as one code point. */
int text_prefix_cols(const char *s, int cols);
int text_cp_count(const char *s);
int text_cp_offset(const char *s, int n);

#endif
