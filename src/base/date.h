/* Danish date input/output; dates are stored as ISO "YYYY-MM-DD" (years 1900..2199),
 * times as UTC "YYYY-MM-DD HH:MM:SS". All results go into caller-provided buffers
 * (char[11] for dates); nothing is allocated. */
#ifndef KUP_DATE_H
#define KUP_DATE_H

#include <stddef.h>

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
/* A stored UTC time "YYYY-MM-DD HH:MM:SS" as a person reads it: local time (zone
 * from TZ, else the system's) "DD-MM-YYYY HH:MM". Anything else, "" included, is
 * copied as it is; NULL gives "". out is always ended, cut to size if need be. */
#define DATE_LOCAL_TIME_SIZE 17
void date_local_time(const char *utc_iso, char *out, size_t size);

#endif
