/* Danish date parsing/formatting and calendar arithmetic on ISO "YYYY-MM-DD" strings.
 * Callers own every output buffer (char[11]); nothing here allocates. */
#include "date.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define YEAR_MIN 1900
#define YEAR_MAX 2199

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int valid_ymd(int y, int m, int d)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && is_leap(y));
}

/* Hand-rolled so that gcc's -Wformat-truncation cannot fire and no locale is involved. */
static void put_digits(char *o, int v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		o[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

static void put_iso(int y, int m, int d, char out[11])
{
	put_digits(out, y, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, d, 2);
	out[10] = '\0';
}

/* Reads a run of ASCII digits (isdigit() would depend on the locale) and returns
 * how many there were; the value saturates instead of overflowing. */
static int read_num(const char **p, const char *end, int *val)
{
	int n = 0, v = 0;

	while (*p < end && **p >= '0' && **p <= '9') {
		if (v < 100000)
			v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	*val = v;
	return n;
}

static int parse_iso(const char *s, int *y, int *m, int *d)
{
	const char *end = s + strlen(s);

	if (end - s != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (read_num(&s, end, y) != 4 || *s++ != '-' || read_num(&s, end, m) != 2 || *s++ != '-' ||
		read_num(&s, end, d) != 2 || s != end)
		return -1;
	return valid_ymd(*y, *m, *d) ? 0 : -1;
}

int date_valid_iso(const char *s)
{
	int y, m, d;

	return s && parse_iso(s, &y, &m, &d) == 0;
}

int date_parse(const char *in, int this_year, char out[11])
{
	const char *p, *end;
	int a, b, c, na, nb, nc, y, m, d;
	char sep;

	if (!out)
		return -1;
	if (!in)
		in = "";
	while (*in == ' ' || *in == '\t')
		in++;
	end = in + strlen(in);
	while (end > in && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end == in) {
		out[0] = '\0';
		return 1;
	}

	p = in;
	na = read_num(&p, end, &a);
	if (na == 0 || p == end)
		return -1;
	sep = *p++;
	if (sep != '-' && sep != '.' && sep != '/')
		return -1;
	nb = read_num(&p, end, &b);
	if (nb < 1 || nb > 2)
		return -1;

	if (na == 4) { /* ISO: YYYY-M-D */
		if (sep != '-' || p == end || *p++ != '-')
			return -1;
		nc = read_num(&p, end, &c);
		if (nc < 1 || nc > 2 || p != end)
			return -1;
		y = a;
		m = b;
		d = c;
	} else if (na <= 2) { /* Danish: D-M[-Y] with one separator throughout */
		d = a;
		m = b;
		if (p == end || (sep == '.' && p + 1 == end && *p == '.')) {
			/* "22.11." is how Danes write a date in the current year */
			y = this_year;
		} else {
			if (*p++ != sep)
				return -1;
			nc = read_num(&p, end, &c);
			if ((nc != 2 && nc != 4) || p != end)
				return -1;
			y = nc == 2 ? 2000 + c : c;
		}
	} else {
		return -1;
	}
	if (!valid_ymd(y, m, d))
		return -1;
	put_iso(y, m, d, out);
	return 0;
}

void date_format(const char *iso, char out[11])
{
	size_t n;

	if (!out)
		return;
	if (!iso) {
		out[0] = '\0';
		return;
	}
	if (date_valid_iso(iso)) {
		memcpy(out, iso + 8, 2);
		out[2] = '-';
		memcpy(out + 3, iso + 5, 2);
		out[5] = '-';
		memcpy(out + 6, iso, 4);
		out[10] = '\0';
		return;
	}
	n = strnlen(iso, 10);
	/* Don't leave half a UTF-8 sequence behind when cutting junk. */
	if (n == 10 && ((unsigned char)iso[n] & 0xC0) == 0x80)
		while (n > 0 && ((unsigned char)iso[n] & 0xC0) == 0x80)
			n--;
	memcpy(out, iso, n);
	out[n] = '\0';
}

int date_today(char out[11])
{
	const char *env = getenv("KUP_TODAY");
	time_t now;
	struct tm tm;

	if (!out)
		return -1;
	if (env && date_valid_iso(env)) {
		memcpy(out, env, 11);
		return 0;
	}
	now = time(NULL);
	if (now == (time_t)-1 || !localtime_r(&now, &tm) ||
		!valid_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday)) {
		out[0] = '\0';
		return -1;
	}
	put_iso(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, out);
	return 0;
}

int date_year_today(void)
{
	char t[11];
	int y, m, d;

	if (date_today(t) != 0 || parse_iso(t, &y, &m, &d) != 0)
		return -1;
	return y;
}

/* Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's
 * days_from_civil); pure arithmetic so time zones and DST cannot shift a date. */
static long days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int date_add_days(const char *iso, int days, char out[11])
{
	/* Any |days| beyond the supported span fails anyway; clamping first keeps
	 * the sum far from overflow even where long is 32 bits. */
	const long span = 120000;
	int y, m, d;
	long z;

	if (!iso || !out || parse_iso(iso, &y, &m, &d) != 0)
		return -1;
	if (days > span || days < -span)
		return -1;
	z = days_from_civil(y, m, d) + days;
	civil_from_days(z, &y, &m, &d);
	if (!valid_ymd(y, m, d))
		return -1;
	put_iso(y, m, d, out);
	return 0;
}

int date_diff_days(const char *a, const char *b)
{
	int ya, ma, da, yb, mb, db;

	if (!a || !b || parse_iso(a, &ya, &ma, &da) != 0 || parse_iso(b, &yb, &mb, &db) != 0)
		return INT_MIN;
	return (int)(days_from_civil(yb, mb, db) - days_from_civil(ya, ma, da));
}

/* Strictly "YYYY-MM-DD HH:MM:SS" with a real day and clock time; 0 on success. */
static int parse_stamp(const char *s, struct tm *tm)
{
	char day[11];
	int y, mo, d, h, mi, sec;
	if (strlen(s) != 19 || s[10] != ' ')
		return -1;
	const char *p = s + 11, *end = s + 19;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (parse_iso(day, &y, &mo, &d) != 0 || read_num(&p, end, &h) != 2 || *p++ != ':' ||
		read_num(&p, end, &mi) != 2 || *p++ != ':' || read_num(&p, end, &sec) != 2 || p != end ||
		h > 23 || mi > 59 || sec > 59)
		return -1;
	*tm = (struct tm){ .tm_year = y, .tm_mon = mo, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = sec };
	return 0;
}

void date_local_time(const char *utc_iso, char *out, size_t size)
{
	struct tm u, lt;
	char buf[17];

	if (!out || size == 0)
		return;
	if (!utc_iso)
		utc_iso = "";
	if (parse_stamp(utc_iso, &u) != 0) {
		snprintf(out, size, "%s", utc_iso);
		return;
	}
	/* The seconds since the epoch by arithmetic, as timegm() is not POSIX;
	 * localtime_r() then applies TZ or the system's zone, summer time included. */
	time_t t = (time_t)days_from_civil(u.tm_year, u.tm_mon, u.tm_mday) * 86400 + u.tm_hour * 3600 +
		   u.tm_min * 60 + u.tm_sec;
	if (!localtime_r(&t, &lt) || lt.tm_year + 1900 < 1000 || lt.tm_year + 1900 > 9999) {
		snprintf(out, size, "%s", utc_iso);
		return;
	}
	put_digits(buf, lt.tm_mday, 2);
	buf[2] = '-';
	put_digits(buf + 3, lt.tm_mon + 1, 2);
	buf[5] = '-';
	put_digits(buf + 6, lt.tm_year + 1900, 4);
	buf[10] = ' ';
	put_digits(buf + 11, lt.tm_hour, 2);
	buf[13] = ':';
	put_digits(buf + 14, lt.tm_min, 2);
	buf[16] = '\0';
	snprintf(out, size, "%s", buf);
}
