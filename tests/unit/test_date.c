/* Unit tests for src/base/date.c: Danish input formats, validation, formatting, day arithmetic,
 * stored UTC times shown in local time. */
#include "t.h"

#include <limits.h>
#include <stdlib.h>
#include <time.h>

#include "date.h"

#define SENTINEL "untouched!"

/* Returns date_parse's result; *out gets the output or the sentinel if untouched. */
static int parse(const char *in, int year, char out[11])
{
    memcpy(out, SENTINEL, 11);
    return date_parse(in, year, out);
}

static void test_parse_good(void)
{
    static const struct {
        const char *in, *want;
    } good[] = {
        {"2026-11-22", "2026-11-22"}, {"22-11-2026", "2026-11-22"}, {"22.11.2026", "2026-11-22"},
        {"22/11/2026", "2026-11-22"}, {"22/11", "2026-11-22"},      {"22.11", "2026-11-22"},
        {"22-11", "2026-11-22"},      {"2.3.2026", "2026-03-02"},   {"2/3", "2026-03-02"},
        {"02.03.2026", "2026-03-02"}, {"22.11.26", "2026-11-22"},   {"1/1/00", "2000-01-01"},
        {"31.12.99", "2099-12-31"},   {"  22.11.2026  ", "2026-11-22"}, {"\t22.11\t", "2026-11-22"},
        {"22.11.", "2026-11-22"},     {"2026-1-5", "2026-01-05"},   {"29-02-2028", "2028-02-29"},
        {"29.2.2000", "2000-02-29"},  {"1.1.1900", "1900-01-01"},   {"31.12.2199", "2199-12-31"},
        {"31-01-2026", "2026-01-31"}, {"30-04-2026", "2026-04-30"},
    };
    char out[11];
    int bad = 0;

    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        int r = parse(good[i].in, 2026, out);

        if (r != 0 || strcmp(out, good[i].want) != 0) {
            printf("#   '%s' -> %d '%s', want 0 '%s'\n", good[i].in, r, out, good[i].want);
            bad++;
        }
    }
    CHECK(bad == 0, "parse: ISO, D-M-Y, D.M.Y, D/M/Y, short years, day-month only, spaces");
    CHECK(parse("29.2", 2028, out) == 0 && strcmp(out, "2028-02-29") == 0, "parse: 29.2 in a leap this_year");
    CHECK(parse("29.2", 2027, out) == -1 && strcmp(out, SENTINEL) == 0, "parse: 29.2 in a common this_year");
}

static void test_parse_bad(void)
{
    static const char *const bad_in[] = {
        "31-02-2026", "00-01-2026", "1-13-2026", "abc", "22/11/20261", "29-02-2027", "31-04-2026",
        "29.2.1900", "29.2.2100", "0.0.2026", "32.1.2026", "1.0.2026", "1899-12-31", "2200-01-01",
        "31.12.1899", "1.1.2200", "22.11/2026", "22-11.2026", "2026/11/22", "2026.11.22",
        "22-11-026", "22.11.2", "123.4.2026", "22", "2026", "2026-11", "2026-11-22-", "22.11.2026x",
        "x22.11.2026", "-1.2.2026", "+1.2.2026", "1.2.3.4", "22..11", "22.11..", "22 11 2026",
        "2026-111-2", "2026-11-222", "22.011.2026", "\xEF\xBC\x92.3.2026", "22.11 2026", ".", "-", "/",
        "2026-11-22T10:00", "22,11,2026", "22.11.02026", "022.11.2026",
    };
    char out[11];
    int bad = 0;

    for (size_t i = 0; i < sizeof bad_in / sizeof bad_in[0]; i++) {
        int r = parse(bad_in[i], 2026, out);

        if (r != -1 || strcmp(out, SENTINEL) != 0) {
            printf("#   '%s' -> %d '%s', want -1 and out untouched\n", bad_in[i], r, out);
            bad++;
        }
    }
    CHECK(bad == 0, "parse: impossible dates and junk rejected, out untouched");
    CHECK(parse("22.11", 1899, out) == -1 && parse("22.11", 0, out) == -1, "parse: this_year out of range");
}

static void test_parse_empty(void)
{
    char out[11];

    CHECK(parse("", 2026, out) == 1 && out[0] == '\0', "parse: empty -> 1 and \"\"");
    CHECK(parse("   \t ", 2026, out) == 1 && out[0] == '\0', "parse: blank -> 1 and \"\"");
    CHECK(parse(NULL, 2026, out) == 1 && out[0] == '\0', "parse: NULL -> 1 and \"\"");
}

static void test_format(void)
{
    char out[11];

    date_format("2026-11-22", out);
    CHECK_STR(out, "22-11-2026", "format: ISO -> DD-MM-YYYY");
    date_format("1900-01-01", out);
    CHECK_STR(out, "01-01-1900", "format: leading zeros kept");
    date_format(NULL, out);
    CHECK_STR(out, "", "format: NULL -> empty");
    date_format("", out);
    CHECK_STR(out, "", "format: empty -> empty");
    date_format("garbage", out);
    CHECK_STR(out, "garbage", "format: malformed copied");
    date_format("2026-02-31", out);
    CHECK_STR(out, "2026-02-31", "format: impossible date copied as is");
    date_format("123456789012345", out);
    CHECK_STR(out, "1234567890", "format: long junk truncated to 10");
    date_format("123456789\xC3\xB8", out);
    CHECK_STR(out, "123456789", "format: truncation does not split UTF-8");
}

static void test_valid_iso(void)
{
    static const char *const yes[] = {"2026-11-22", "2028-02-29", "2000-02-29", "1900-01-01", "2199-12-31"};
    static const char *const no[] = {
        "2027-02-29", "1900-02-29", "2026-1-05", "2026-11-22 ", " 2026-11-22", "", "2026/11/22",
        "+026-11-22", "1899-12-31", "2200-01-01", "2026-13-01", "2026-00-10", "2026-04-31", "22-11-2026",
        "2026-11-2x", "20261122",
    };
    int bad = 0;

    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        bad += !date_valid_iso(yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        if (date_valid_iso(no[i])) {
            printf("#   '%s' accepted\n", no[i]);
            bad++;
        }
    }
    bad += date_valid_iso(NULL) != 0;
    CHECK(bad == 0, "valid_iso: exact YYYY-MM-DD, real dates, 1900..2199 only");
}

static void test_today(void)
{
    char out[11], want[11];
    time_t now;
    struct tm tm;

    setenv("KUP_TODAY", "2026-11-22", 1);
    CHECK(date_today(out) == 0 && strcmp(out, "2026-11-22") == 0, "today: honours KUP_TODAY");
    CHECK(date_year_today() == 2026, "year_today: from KUP_TODAY");

    now = time(NULL);
    localtime_r(&now, &tm);
    strftime(want, sizeof want, "%Y-%m-%d", &tm);

    setenv("KUP_TODAY", "2026-02-30", 1);
    CHECK(date_today(out) == 0 && strcmp(out, want) == 0, "today: invalid KUP_TODAY ignored");
    unsetenv("KUP_TODAY");
    CHECK(date_today(out) == 0 && strcmp(out, want) == 0 && date_valid_iso(out), "today: local date");
    CHECK(date_year_today() == tm.tm_year + 1900, "year_today: local year");
}

/* Independent reference: step one day at a time by the calendar rules. */
static void next_day(int *y, int *m, int *d)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;

    if (++*d > mdays[*m - 1] + (*m == 2 && leap)) {
        *d = 1;
        if (++*m > 12) {
            *m = 1;
            ++*y;
        }
    }
}

static void test_add_days(void)
{
    char out[11], ref[40], back[11];
    int y = 1900, m = 1, d = 1, bad = 0;

    CHECK(date_add_days("2026-11-22", 10, out) == 0 && strcmp(out, "2026-12-02") == 0, "add_days: +10 over month end");
    CHECK(date_add_days("2026-01-01", -1, out) == 0 && strcmp(out, "2025-12-31") == 0, "add_days: -1 over year end");
    CHECK(date_add_days("2028-02-28", 1, out) == 0 && strcmp(out, "2028-02-29") == 0, "add_days: leap day");
    CHECK(date_add_days("2027-02-28", 1, out) == 0 && strcmp(out, "2027-03-01") == 0, "add_days: no leap day");
    CHECK(date_add_days("2100-02-28", 1, out) == 0 && strcmp(out, "2100-03-01") == 0, "add_days: 2100 not leap");
    CHECK(date_add_days("2000-02-28", 1, out) == 0 && strcmp(out, "2000-02-29") == 0, "add_days: 2000 leap");
    CHECK(date_add_days("2026-11-22", 0, out) == 0 && strcmp(out, "2026-11-22") == 0, "add_days: 0");

    memcpy(out, SENTINEL, 11);
    CHECK(date_add_days("1900-01-01", -1, out) == -1 && date_add_days("2199-12-31", 1, out) == -1 &&
              date_add_days("2026-01-01", INT_MAX, out) == -1 && date_add_days("2026-01-01", INT_MIN, out) == -1,
          "add_days: leaving 1900..2199 fails");
    CHECK(date_add_days("2026-02-30", 1, out) == -1 && date_add_days("22-11-2026", 1, out) == -1 &&
              date_add_days(NULL, 1, out) == -1 && strcmp(out, SENTINEL) == 0,
          "add_days: invalid input fails, out untouched");

    /* Every day of the supported range against the step-by-step reference. */
    for (int i = 0;; i++) {
        snprintf(ref, sizeof ref, "%04d-%02d-%02d", y, m, d);
        if (date_add_days("1900-01-01", i, out) != 0 || strcmp(out, ref) != 0 ||
            date_diff_days("1900-01-01", ref) != i || date_add_days(ref, -i, back) != 0 ||
            strcmp(back, "1900-01-01") != 0) {
            if (bad++ == 0)
                printf("#   day %d: got '%s', want '%s'\n", i, out, ref);
        }
        if (y == 2199 && m == 12 && d == 31)
            break;
        next_day(&y, &m, &d);
    }
    CHECK(bad == 0, "add_days/diff_days: all 109573 days of 1900..2199 agree with a day-by-day count");
}

static void test_diff_days(void)
{
    CHECK(date_diff_days("2026-01-01", "2026-12-31") == 364, "diff_days: within a year");
    CHECK(date_diff_days("2026-12-31", "2026-01-01") == -364, "diff_days: negative when b before a");
    CHECK(date_diff_days("2026-11-22", "2026-11-22") == 0, "diff_days: same day");
    CHECK(date_diff_days("2028-02-28", "2028-03-01") == 2, "diff_days: over a leap day");
    CHECK(date_diff_days("1900-01-01", "2199-12-31") == 109572, "diff_days: whole range");
    CHECK(date_diff_days("2026-02-30", "2026-03-01") == INT_MIN && date_diff_days("2026-03-01", "x") == INT_MIN &&
              date_diff_days(NULL, "2026-03-01") == INT_MIN && date_diff_days("2026-03-01", NULL) == INT_MIN,
          "diff_days: INT_MIN on invalid input");
}

/* A stored UTC time as a Dane reads it: Copenhagen's clock, day first, minutes. */
static void test_local_time(void)
{
    static const struct {
        const char *in, *want, *why;
    } cases[] = {
        {"2026-12-02 19:39:20", "02-12-2026 20:39", "winter: UTC+1"},
        {"2026-07-01 10:00:59", "01-07-2026 12:00", "summer: UTC+2, seconds dropped"},
        {"2026-12-31 23:30:00", "01-01-2027 00:30", "over midnight into a new year"},
        {"2026-03-29 00:59:59", "29-03-2026 01:59", "last second before summer time"},
        {"2026-03-29 01:00:00", "29-03-2026 03:00", "first second of summer time"},
        {"2026-10-25 00:30:00", "25-10-2026 02:30", "before the clock goes back"},
        {"2026-10-25 01:30:00", "25-10-2026 02:30", "after the clock goes back"},
        {"2028-02-29 12:00:00", "29-02-2028 13:00", "leap day"},
        {"", "", "empty stays empty"},
        {"not a time", "not a time", "text stays as it is"},
        {"2026-11-22", "2026-11-22", "a date alone stays as it is"},
        {"2026-02-30 10:00:00", "2026-02-30 10:00:00", "no such day stays as it is"},
        {"2026-11-22 24:00:00", "2026-11-22 24:00:00", "no such hour stays as it is"},
        {"2026-11-22 10:60:00", "2026-11-22 10:60:00", "no such minute stays as it is"},
        {"2026-11-22 10:00:00x", "2026-11-22 10:00:00x", "trailing text stays as it is"},
        {"2026-11-22T10:00:00", "2026-11-22T10:00:00", "other separators stay as they are"},
        {"2026-11-22 +1:00:00", "2026-11-22 +1:00:00", "signs are not digits"},
    };
    char out[64];
    if (setenv("TZ", "Europe/Copenhagen", 1) != 0) {
        CHECK(0, "local_time: TZ can be set");
        return;
    }
    tzset();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memcpy(out, "junk", 5);
        date_local_time(cases[i].in, out, sizeof out);
        CHECK_STR(out, cases[i].want, "local_time: %s", cases[i].why);
    }
    date_local_time(NULL, out, sizeof out);
    CHECK_STR(out, "", "local_time: NULL gives empty");
    char small[6];
    date_local_time("2026-12-02 19:39:20", small, sizeof small);
    CHECK_STR(small, "02-12", "local_time: cut to the buffer, still ended");

    if (setenv("TZ", "UTC", 1) != 0) {
        CHECK(0, "local_time: TZ can be set to UTC");
        return;
    }
    tzset();
    date_local_time("2026-07-01 10:00:00", out, sizeof out);
    CHECK_STR(out, "01-07-2026 10:00", "local_time: TZ=UTC shows the stored clock");
}

int main(void)
{
    test_parse_good();
    test_parse_bad();
    test_parse_empty();
    test_format();
    test_valid_iso();
    test_today();
    test_add_days();
    test_diff_days();
    test_local_time();
    return t_done();
}
