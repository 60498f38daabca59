/* Danish date input/output; dates are stored as ISO "YYYY-MM-DD" (years 1900..2199).
 * All results go into caller-provided char[11] buffers; nothing is allocated. */
#ifndef KUP_DATE_H
#define KUP_DATE_H

/* Accepts ISO, D-M-Y / D.M.Y / D/M/Y with 4- or 2-digit (20yy) year, and D-M / D.M /
 * D.M. / D/M in this_year. Returns 0 on success, 1 for empty input (out = ""), -1 if
 * unparsable or not a real date (out untouched). */
int date_parse(const char *in, int this_year, char out[11]);
/* ISO -> "DD-MM-YYYY"; NULL/empty -> ""; anything else copied (at most 10 bytes). */
void date_format(const char *iso, char out[11]);
/* Local date, or $KUP_TODAY when it is a valid ISO date (for reproducible tests).
 * Returns 0, or -1 with out = "" if the clock cannot be read. */
int date_today(char out[11]);
/* -1 if the clock cannot be read. */
int date_year_today(void);
/* Returns -1 if iso is invalid or the result leaves the supported years. */
int date_add_days(const char *iso, int days, char out[11]);
/* b - a in days; INT_MIN if either is invalid. */
int date_diff_days(const char *a, const char *b);
int date_valid_iso(const char *s);

#endif
