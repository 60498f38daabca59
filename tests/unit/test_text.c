/* Unit tests for src/base/text.c: UTF-8, widths, terminal safety, fitting, folding, Danish order. */
#include "t.h"

#include <stdint.h>

#include "text.h"

/* Diagnostics may contain the terminal escapes under test, so print them escaped. */
static void put_esc(const char *s)
{
    if (!s) {
        printf("(null)");
        return;
    }
    putchar('\'');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p >= 0x7F || *p == '\\')
            printf("\\x%02X", *p);
        else
            putchar(*p);
    }
    putchar('\'');
}

#define EXPECT_STR(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	int same_ = g_ && w_ && strcmp(g_, w_) == 0; \
	CHECK(same_, __VA_ARGS__); \
	if (!same_) { printf("#   got "); put_esc(g_); printf(", want "); put_esc(w_); printf("\n"); } \
} while (0)

/* For the functions returning malloc'd strings: compare, then free. */
#define EXPECT_OWNED(expr, want, ...) do { \
	char *o_ = (expr); \
	EXPECT_STR(o_, want, __VA_ARGS__); \
	free(o_); \
} while (0)

/* A decoded string must re-encode to the same bytes, i.e. be valid UTF-8. */
static int valid_utf8(const char *s)
{
    size_t len = strlen(s);

    while (len > 0) {
        uint32_t cp;
        char e[4];
        int n = text_decode(s, len, &cp);

        if (text_encode(cp, e) != (size_t)n || memcmp(e, s, (size_t)n) != 0)
            return 0;
        s += n;
        len -= (size_t)n;
    }
    return 1;
}

/* What a terminal must never receive from us: raw C0/DEL bytes, C1 or bidi controls. */
static int terminal_safe(const char *s)
{
    size_t len = strlen(s);

    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7F)
            return 0;
    while (len > 0) {
        uint32_t cp;
        int n = text_decode(s, len, &cp);

        if (text_is_unsafe_cp(cp))
            return 0;
        s += n;
        len -= (size_t)n;
    }
    return 1;
}

static void test_decode_encode(void)
{
    uint32_t cp = 0;
    int bad = 0;

    CHECK(text_decode("A", 1, &cp) == 1 && cp == 'A', "decode ASCII");
    CHECK(text_decode("\xC3\xB8", 2, &cp) == 2 && cp == 0xF8, "decode 2-byte (oe)");
    CHECK(text_decode("\xE2\x80\xA6", 3, &cp) == 3 && cp == 0x2026, "decode 3-byte (ellipsis)");
    CHECK(text_decode("\xF0\x9F\x98\x80", 4, &cp) == 4 && cp == 0x1F600, "decode 4-byte (emoji)");
    CHECK(text_decode("x", 0, &cp) == 0, "decode with len 0 consumes nothing");

    static const struct {
        const char *s;
        const char *why;
    } invalid[] = {
        {"\x80", "lone continuation"},
        {"\xBF", "lone continuation BF"},
        {"\xC0\xAF", "overlong C0"},
        {"\xC1\xBF", "overlong C1"},
        {"\xE0\x80\x80", "overlong E0"},
        {"\xF0\x80\x80\x80", "overlong F0"},
        {"\xED\xA0\x80", "surrogate"},
        {"\xF4\x90\x80\x80", "above U+10FFFF"},
        {"\xF5\x80\x80\x80", "F5 lead"},
        {"\xFF", "FF"},
        {"\xE2\x82", "truncated 3-byte"},
        {"\xE2\x82x", "3-byte cut by ASCII"},
        {"\xC3", "truncated 2-byte"},
    };
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        int n = text_decode(invalid[i].s, strlen(invalid[i].s), &cp);
        if (n != 1 || cp != 0xFFFD) {
            printf("#   invalid UTF-8 '%s' gave %d bytes, U+%04X\n", invalid[i].why, n, (unsigned)cp);
            bad++;
        }
    }
    CHECK(bad == 0, "decode: every invalid form is U+FFFD, 1 byte");
    /* len must bound the read even when the bytes beyond would complete it */
    CHECK(text_decode("\xE2\x80\xA6", 2, &cp) == 1 && cp == 0xFFFD, "decode respects len");

    bad = 0;
    for (uint32_t c = 0; c <= 0x10FFFF; c++) {
        char e[4];
        size_t n;
        uint32_t back;

        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        n = text_encode(c, e);
        if (n != (c < 0x80 ? 1u : c < 0x800 ? 2u : c < 0x10000 ? 3u : 4u) ||
            text_decode(e, n, &back) != (int)n || back != c)
            bad++;
    }
    CHECK(bad == 0, "encode/decode round-trip for all scalar values");

    char e[4];
    CHECK(text_encode(0xD800, e) == 3 && memcmp(e, "\xEF\xBF\xBD", 3) == 0, "encode surrogate -> U+FFFD");
    CHECK(text_encode(0x110000, e) == 3 && memcmp(e, "\xEF\xBF\xBD", 3) == 0, "encode > U+10FFFF -> U+FFFD");
}

static void test_width(void)
{
    CHECK(text_cp_width('a') == 1 && text_cp_width(0xF8) == 1 && text_cp_width(0x2026) == 1,
          "cp_width: Latin and ellipsis are 1");
    CHECK(text_cp_width(0x301) == 0 && text_cp_width(0x200B) == 0 && text_cp_width(0x200D) == 0 &&
              text_cp_width(0xFE0F) == 0 && text_cp_width(0x1160) == 0 && text_cp_width(0x200E) == 0,
          "cp_width: combining and zero-width are 0");
    CHECK(text_cp_width(0x4E2D) == 2 && text_cp_width(0xFF21) == 2 && text_cp_width(0xAC00) == 2 &&
              text_cp_width(0x3000) == 2 && text_cp_width(0x20000) == 2,
          "cp_width: CJK, fullwidth, Hangul are 2");
    CHECK(text_cp_width(0x1F600) == 2 && text_cp_width(0x1F680) == 2 && text_cp_width(0x2705) == 2 &&
              text_cp_width(0x1FAE8) == 2,
          "cp_width: emoji are 2");
    CHECK(text_cp_width(0x1B) == 1 && text_cp_width(0) == 1 && text_cp_width(0x7F) == 1 &&
              text_cp_width(0x9B) == 1 && text_cp_width(0x202E) == 1 && text_cp_width('\n') == 1,
          "cp_width: unsafe code points count as their 1-column placeholder");
    CHECK(text_cp_width(0xFFFD) == 1 && text_cp_width(0xE000) == 1, "cp_width: U+FFFD, private use are 1");

    CHECK(text_width("S\xC3\xB8ren") == 5, "width: Soeren is 5");
    CHECK(text_width("\xE4\xB8\xAD\xE6\x96\x87") == 4, "width: two CJK are 4");
    CHECK(text_width("e\xCC\x81") == 1, "width: e + combining acute is 1");
    CHECK(text_width("a\xF0\x9F\x98\x80" "b") == 4, "width: a emoji b is 4");
    CHECK(text_width("\x1B[2J") == 4, "width: ESC[2J shown as 4 columns");
    CHECK(text_width("\xFF\xFE") == 2, "width: invalid bytes are one U+FFFD each");
    CHECK(text_width(NULL) == 0 && text_width("") == 0, "width: NULL and empty are 0");
}

static void test_unsafe(void)
{
    int bad = 0;

    for (uint32_t c = 0; c < 0x20; c++)
        bad += !text_is_unsafe_cp(c);
    for (uint32_t c = 0x7F; c <= 0x9F; c++)
        bad += !text_is_unsafe_cp(c);
    for (uint32_t c = 0x202A; c <= 0x202E; c++)
        bad += !text_is_unsafe_cp(c);
    for (uint32_t c = 0x2066; c <= 0x2069; c++)
        bad += !text_is_unsafe_cp(c);
    CHECK(bad == 0, "is_unsafe_cp: C0, DEL, C1, bidi overrides and isolates");
    CHECK(!text_is_unsafe_cp(' ') && !text_is_unsafe_cp('~') && !text_is_unsafe_cp(0xA0) &&
              !text_is_unsafe_cp(0x200E) && !text_is_unsafe_cp(0x200F) && !text_is_unsafe_cp(0xFFFD) &&
              !text_is_unsafe_cp(0x2029) && !text_is_unsafe_cp(0x206A),
          "is_unsafe_cp: printable, LRM/RLM, U+FFFD are safe");

    CHECK(!text_has_unsafe("S\xC3\xB8ren \xC3\x85g\xC3\xA5rd", 0), "has_unsafe: plain Danish text");
    CHECK(!text_has_unsafe("a\nb", 1) && text_has_unsafe("a\nb", 0), "has_unsafe: newline only when allowed");
    CHECK(text_has_unsafe("a\tb", 1) && text_has_unsafe("a\tb", 0), "has_unsafe: tab never allowed");
    CHECK(text_has_unsafe("a\rb", 1), "has_unsafe: CR never allowed");
    CHECK(text_has_unsafe("\x1B]0;pwned\x07", 1), "has_unsafe: OSC title escape");
    CHECK(text_has_unsafe("x\x7F", 0), "has_unsafe: DEL");
    CHECK(text_has_unsafe("\xC2\x9B" "2J", 0), "has_unsafe: encoded C1 CSI");
    CHECK(text_has_unsafe("abc\xE2\x80\xAE" "cba", 0) && text_has_unsafe("\xE2\x81\xA6x", 0),
          "has_unsafe: RLO and LRI");
    CHECK(!text_has_unsafe("\xE2\x80\x8F", 0), "has_unsafe: RLM is harmless");
    CHECK(!text_has_unsafe("\xFF\x9B", 0), "has_unsafe: invalid bytes count as U+FFFD (safe)");
    CHECK(!text_has_unsafe(NULL, 0), "has_unsafe: NULL is empty");
}

static void test_visible(void)
{
    int bad = 0;

    EXPECT_OWNED(text_visible("\x1B]0;pwned\x07"), "\xE2\x90\x9B]0;pwned\xE2\x90\x87",
                 "visible: ESC ]0;pwned BEL -> control pictures");
    EXPECT_OWNED(text_visible("\x1B[2J"), "\xE2\x90\x9B[2J", "visible: ESC[2J -> U+241B [2J");
    EXPECT_OWNED(text_visible("a\nb\tc"), "a\xE2\x90\xA4" "b\xE2\x90\x89" "c", "visible: newline U+2424, tab U+2409");
    EXPECT_OWNED(text_visible("\x7F"), "\xE2\x90\xA1", "visible: DEL -> U+2421");
    EXPECT_OWNED(text_visible("\xC2\x9B" "2J"), "\xEF\xBF\xBD" "2J", "visible: C1 CSI -> U+FFFD");
    EXPECT_OWNED(text_visible("a\xE2\x80\xAE" "b\xE2\x81\xA9"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD",
                 "visible: bidi controls -> U+FFFD");
    EXPECT_OWNED(text_visible("\xFF" "x\xC3"), "\xEF\xBF\xBD" "x\xEF\xBF\xBD", "visible: invalid bytes -> U+FFFD");
    EXPECT_OWNED(text_visible("S\xC3\xB8ren \xE4\xB8\xAD"), "S\xC3\xB8ren \xE4\xB8\xAD", "visible: safe text unchanged");
    EXPECT_OWNED(text_visible(NULL), "", "visible: NULL -> empty string");

    /* Every single byte and every 2-byte pair, embedded in text. */
    for (int i = 1; i < 256; i++) {
        for (int j = 0; j < 256; j++) {
            char in[5] = {'a', (char)i, (char)j, 'z', 0};
            char *v = text_visible(in);

            if (!v || !terminal_safe(v) || !valid_utf8(v) || text_width(v) != text_width(in))
                bad++;
            free(v);
        }
    }
    CHECK(bad == 0, "visible: all byte pairs give safe, valid UTF-8 of the same width");
}

/* Deterministic pseudo-random strings mixing ASCII, Danish, CJK, emoji, controls, junk. */
static unsigned rng_state = 12345;
static unsigned rng(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return (rng_state >> 16) & 0x7FFF;
}

static void random_text(char *buf, size_t cap)
{
    static const char *const parts[] = {
        "a", "Z", " ", "\xC3\xB8", "\xC3\x85", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80", "e\xCC\x81",
        "\x1B", "\x07", "\n", "\t", "\x7F", "\xC2\x9B", "\xE2\x80\xAE", "\xFF", "\xE2\x82", "\xCC\x81",
        "\xEF\xBC\xA1", "\xE2\x80\x8B",
    };
    size_t len = 0, n = rng() % 12;

    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *p = parts[rng() % (sizeof parts / sizeof parts[0])];
        size_t pl = strlen(p);

        if (len + pl + 1 > cap)
            break;
        memcpy(buf + len, p, pl + 1);
        len += pl;
    }
}

static void test_fit(void)
{
    char out[64];
    int bad = 0;

    CHECK(text_fit("S\xC3\xB8ren Hansen", 20, out, sizeof out) == 12 && strcmp(out, "S\xC3\xB8ren Hansen") == 0,
          "fit: short text unchanged, not padded");
    CHECK(text_fit("S\xC3\xB8ren Hansen", 12, out, sizeof out) == 12 && strcmp(out, "S\xC3\xB8ren Hansen") == 0,
          "fit: exact width unchanged");
    CHECK(text_fit("S\xC3\xB8ren Hansen", 5, out, sizeof out) == 5 && strcmp(out, "S\xC3\xB8re\xE2\x80\xA6") == 0,
          "fit: cut ends in ellipsis");
    CHECK(text_fit("Hansen", 1, out, sizeof out) == 1 && strcmp(out, "\xE2\x80\xA6") == 0, "fit: width 1 -> ellipsis");
    CHECK(text_fit("Hansen", 0, out, sizeof out) == 0 && out[0] == '\0', "fit: width 0 -> empty");
    CHECK(text_fit("Hansen", -3, out, sizeof out) == 0 && out[0] == '\0', "fit: negative width -> empty");
    CHECK(text_fit(NULL, 5, out, sizeof out) == 0 && out[0] == '\0', "fit: NULL -> empty");

    /* CJK at the boundary: a wide char that would straddle the limit is left out. */
    const char *cjk = "\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97"; /* three wide chars, 6 columns */
    CHECK(text_fit(cjk, 6, out, sizeof out) == 6 && strcmp(out, cjk) == 0, "fit: CJK exactly fitting");
    CHECK(text_fit(cjk, 5, out, sizeof out) == 5 && strcmp(out, "\xE4\xB8\xAD\xE6\x96\x87\xE2\x80\xA6") == 0,
          "fit: CJK cut to 5 = 2 wide + ellipsis");
    EXPECT_STR((text_fit(cjk, 4, out, sizeof out), out), "\xE4\xB8\xAD\xE2\x80\xA6", "fit: CJK cut to 4 -> 3 columns");
    CHECK(text_fit(cjk, 4, out, sizeof out) == 3, "fit: CJK cut to 4 reports 3 columns");
    CHECK(text_fit(cjk, 2, out, sizeof out) == 1 && strcmp(out, "\xE2\x80\xA6") == 0, "fit: CJK cut to 2 -> ellipsis only");
    CHECK(text_fit("ab\xE4\xB8\xAD", 3, out, sizeof out) == 3 && strcmp(out, "ab\xE2\x80\xA6") == 0,
          "fit: wide char after ASCII at the boundary");
    CHECK(text_fit("a\xE4\xB8\xAD", 3, out, sizeof out) == 3 && strcmp(out, "a\xE4\xB8\xAD") == 0,
          "fit: wide char ending exactly at width");
    CHECK(text_fit("e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 2, out, sizeof out) == 2 &&
              strcmp(out, "e\xCC\x81\xE2\x80\xA6") == 0,
          "fit: combining accent stays with its letter");
    EXPECT_STR((text_fit("\x1B]0;pwned\x07", 40, out, sizeof out), out), "\xE2\x90\x9B]0;pwned\xE2\x90\x87",
               "fit: controls shown as placeholders");
    CHECK(terminal_safe(out), "fit: no byte below 0x20 in OSC output");

    /* Small buffers: clean cut at a code point, always terminated. */
    CHECK(text_fit("S\xC3\xB8ren", 10, out, 1) == 0 && out[0] == '\0', "fit: outsz 1 -> empty");
    CHECK(text_fit("S\xC3\xB8ren", 10, out, 3) == 1 && strcmp(out, "S") == 0, "fit: outsz 3 never splits oe");
    CHECK(text_fit("S\xC3\xB8ren", 10, out, 4) == 1 && strcmp(out, "\xE2\x80\xA6") == 0, "fit: outsz 4 -> ellipsis");
    CHECK(text_fit("S\xC3\xB8ren", 10, out, 5) == 2 && strcmp(out, "S\xE2\x80\xA6") == 0, "fit: outsz 5 -> S + ellipsis");
    CHECK(text_fit("abc", 3, out, 4) == 3 && strcmp(out, "abc") == 0, "fit: buffer exactly big enough");
    CHECK(text_fit("abc", 3, NULL, 0) == 0, "fit: outsz 0 writes nothing");

    /* Pseudo-random strings at every width and several buffer sizes. */
    for (int round = 0; round < 3000; round++) {
        char in[96], small[64];
        int full;

        random_text(in, sizeof in);
        full = text_width(in);
        for (int w = 0; w <= 14; w++) {
            for (size_t sz = 1; sz <= sizeof small; sz += (sz < 12 ? 1 : 13)) {
                int got;

                memset(small, 'X', sizeof small);
                got = text_fit(in, w, small, sz);
                if (got < 0 || got > w || memchr(small, '\0', sz) == NULL || text_width(small) != got ||
                    !terminal_safe(small) || !valid_utf8(small) ||
                    (sz == sizeof small && full <= w && got != full)) {
                    if (bad++ == 0) {
                        printf("#   fit failure: w=%d sz=%zu in=", w, sz);
                        put_esc(in);
                        printf(" out=");
                        put_esc(small);
                        printf(" got=%d\n", got);
                    }
                }
                got = text_fit_pad(in, w, small, sz);
                if (got < 0 || got > w || memchr(small, '\0', sz) == NULL || text_width(small) != got ||
                    (sz == sizeof small && got != w)) {
                    if (bad++ == 0) {
                        printf("#   fit_pad failure: w=%d sz=%zu in=", w, sz);
                        put_esc(in);
                        printf(" got=%d\n", got);
                    }
                }
            }
        }
    }
    CHECK(bad == 0, "fit/fit_pad: random text never exceeds width or buffer, stays safe UTF-8");
}

static void test_fit_pad(void)
{
    char out[64];
    const char *cjk = "\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97";

    CHECK(text_fit_pad("ab", 5, out, sizeof out) == 5 && strcmp(out, "ab   ") == 0, "fit_pad: pads to width");
    CHECK(text_fit_pad(cjk, 5, out, sizeof out) == 5 && strcmp(out, "\xE4\xB8\xAD\xE6\x96\x87\xE2\x80\xA6") == 0,
          "fit_pad: CJK cut to 5");
    CHECK(text_fit_pad(cjk, 4, out, sizeof out) == 4 && strcmp(out, "\xE4\xB8\xAD\xE2\x80\xA6 ") == 0,
          "fit_pad: CJK cut to 4 gets one space");
    CHECK(text_fit_pad("", 3, out, sizeof out) == 3 && strcmp(out, "   ") == 0, "fit_pad: empty -> spaces");
    CHECK(text_fit_pad(NULL, 2, out, sizeof out) == 2 && strcmp(out, "  ") == 0, "fit_pad: NULL -> spaces");
    CHECK(text_fit_pad("ab", 5, out, 4) == 3 && strcmp(out, "ab ") == 0, "fit_pad: small buffer pads what fits");
    CHECK(text_fit_pad("ab", 0, out, sizeof out) == 0 && out[0] == '\0', "fit_pad: width 0");
}

static void test_fold(void)
{
    int bad = 0;

    EXPECT_OWNED(text_fold("S\xC3\xB8ren"), "soren", "fold: Soeren");
    EXPECT_OWNED(text_fold("\xC3\x85g\xC3\xA5rd"), "aagaard", "fold: Aagaard with rings");
    EXPECT_OWNED(text_fold("\xC3\x86" "ble"), "aeble", "fold: AEble");
    EXPECT_OWNED(text_fold("M\xC3\xBCller"), "muller", "fold: Mueller");
    EXPECT_OWNED(text_fold("Jos\xC3\xA9"), "jose", "fold: Jose acute");
    EXPECT_OWNED(text_fold("\xC3\x9F"), "ss", "fold: sharp s");
    EXPECT_OWNED(text_fold("\xC3\x98sterbro \xC3\x86R\xC3\x98"), "osterbro aero", "fold: spaces kept, caps folded");
    EXPECT_OWNED(text_fold("\xC5\x92uvre \xC5\x81\xC3\xB3" "d\xC5\xBA \xC4\xB2" "ssel \xC3\x9Eor \xC3\x90"),
                 "oeuvre lodz ijssel thor d", "fold: Latin Extended-A specials");
    EXPECT_OWNED(text_fold("HANS-PETER 42"), "hans-peter 42", "fold: ASCII lowercased, punctuation kept");
    EXPECT_OWNED(text_fold("\xC3\x97\xE4\xB8\xAD\xCE\x94"), "\xC3\x97\xE4\xB8\xAD\xCE\x94", "fold: non-Latin kept as is");
    EXPECT_OWNED(text_fold("a\x1B[2Jb\xE2\x80\xAE" "c\x7F"), "a[2jbc", "fold: unsafe code points dropped");
    EXPECT_OWNED(text_fold("Hans\nJensen\tx"), "hans jensen x", "fold: line breaks and tabs become spaces");
    EXPECT_OWNED(text_fold("A\xCC\x8Ag\xC3\xA5rd Jose\xCC\x81"), "aagaard jose", "fold: decomposed accents");
    EXPECT_OWNED(text_fold("\xFF" "a"), "\xEF\xBF\xBD" "a", "fold: invalid byte -> U+FFFD");
    EXPECT_OWNED(text_fold(NULL), "", "fold: NULL -> empty");

    /* Every letter of Latin-1 Supplement and Latin Extended-A folds to ASCII a-z. */
    for (uint32_t c = 0xC0; c <= 0x17F; c++) {
        char in[5] = {0};
        char *f;

        if (c == 0xD7 || c == 0xF7)
            continue;
        in[text_encode(c, in)] = '\0';
        f = text_fold(in);
        if (!f || !*f || strspn(f, "abcdefghijklmnopqrstuvwxyz") != strlen(f)) {
            printf("#   U+%04X folds to ", (unsigned)c);
            put_esc(f);
            printf("\n");
            bad++;
        }
        free(f);
    }
    CHECK(bad == 0, "fold: all of U+00C0..U+017F (but x and /) become a-z");
}

static char *keys[64];

static int key_cmp(const char *a, const char *b)
{
    char *ka = text_sortkey(a), *kb = text_sortkey(b);
    int r;

    if (!ka || !kb) {
        free(ka);
        free(kb);
        return 0x7FFF;
    }
    r = strcmp(ka, kb);
    free(ka);
    free(kb);
    return r < 0 ? -1 : r > 0 ? 1 : 0;
}

static int by_key(const void *a, const void *b)
{
    const char *const *x = a, *const *y = b;
    char *kx = text_sortkey(*x), *ky = text_sortkey(*y);
    int r = (kx && ky) ? strcmp(kx, ky) : 0;

    free(kx);
    free(ky);
    return r;
}

static void test_sortkey(void)
{
    const char *names[] = {
        "\xC3\x85g\xC3\xA5rd", "Zacho", "Aagaard", "\xC3\x98ster", "Bent", "anders", "Anders",
        "M\xC3\xB8ller", "Mortensen", "Maagaard", "Anna", "Ann Berg", "Ann", "\xC3\x86r\xC3\xB8",
    };
    const char *want[] = {
        "Anders", "anders", "Ann", "Ann Berg", "Anna", "Bent", "Maagaard", "Mortensen",
        "M\xC3\xB8ller", "Zacho", "\xC3\x86r\xC3\xB8", "\xC3\x98ster", "Aagaard", "\xC3\x85g\xC3\xA5rd",
    };
    size_t n = sizeof names / sizeof names[0];
    int ok = 1;

    CHECK(key_cmp("Zacho", "\xC3\x86r\xC3\xB8") < 0 && key_cmp("\xC3\x86r\xC3\xB8", "\xC3\x98ster") < 0 &&
              key_cmp("\xC3\x98ster", "\xC3\x85g\xC3\xA5rd") < 0,
          "sortkey: Zacho < AEroe < Oester < Aagaard(rings)");
    CHECK(key_cmp("Aagaard", "Zacho") > 0 && key_cmp("Aagaard", "\xC3\x98ster") > 0,
          "sortkey: word-initial Aa counts as A-ring");
    CHECK(key_cmp("AAGE", "\xC3\x98ster") > 0 && key_cmp("aage", "Zacho") > 0, "sortkey: AA and aa too");
    CHECK(key_cmp("Anders", "Bent") < 0, "sortkey: Anders < Bent");
    CHECK(key_cmp("M\xC3\xB8ller", "Mortensen") > 0, "sortkey: Moeller after Mortensen");
    CHECK(key_cmp("Maagaard", "Madsen") < 0 && key_cmp("Maagaard", "Zacho") < 0,
          "sortkey: aa inside a word stays a,a");
    CHECK(key_cmp("Hans Aagaard", "Hans Zacho") > 0 && key_cmp("Nielsen-Aagaard", "Nielsen-Zacho") > 0,
          "sortkey: aa after space or hyphen starts a word");
    CHECK(key_cmp("Ann Berg", "Anna") < 0 && key_cmp("Ann", "Ann Berg") < 0, "sortkey: Ann < Ann Berg < Anna");
    CHECK(key_cmp("  Ann   Berg ", "Ann Berg") != 0 && key_cmp("  Ann   Berg ", "Ann Bergx") < 0 &&
              key_cmp("  Ann   Berg ", "Ann Ber") > 0,
          "sortkey: extra spaces collapse (same primary)");
    CHECK(key_cmp("\xC3\x84" "bler", "Zebra") > 0 && key_cmp("\xC3\x84" "bler", "\xC3\x86" "bler") != 0 &&
              key_cmp("\xC3\x84" "bler", "\xC3\x86" "blf") < 0 && key_cmp("\xC3\x84" "bler", "\xC3\x86" "ble") > 0,
          "sortkey: Ae-umlaut sorts with AE");
    CHECK(key_cmp("\xC3\xA4" "bler", "Zebra") > 0 && key_cmp("\xC3\xA4" "bler", "\xC3\xA6" "blf") < 0 &&
              key_cmp("\xC3\xB6" "rsted", "\xC3\xB8rstee") < 0 && key_cmp("\xC3\xB6" "rsted", "\xC3\xB8rstec") > 0 &&
              key_cmp("m\xC3\xBCller", "mylles") < 0 && key_cmp("m\xC3\xBCller", "mylius") > 0,
          "sortkey: lower-case umlauts too");
    CHECK(key_cmp("\xC3\x96" "rsted", "\xC3\x98rsted") != 0 && key_cmp("\xC3\x96" "rsted", "\xC3\x98rstee") < 0 &&
              key_cmp("\xC3\x96" "rsted", "\xC3\x98rstec") > 0 && key_cmp("\xC3\x96" "rsted", "\xC3\x86x") > 0,
          "sortkey: Oe-umlaut sorts with Oe-slash");
    CHECK(key_cmp("M\xC3\xBCller", "Myller") != 0 && key_cmp("M\xC3\xBCller", "Mylles") < 0 &&
              key_cmp("M\xC3\xBCller", "Mylius") > 0 && key_cmp("M\xC3\xBCller", "Mz") < 0,
          "sortkey: ue sorts as y");
    CHECK(key_cmp("Jos\xC3\xA9", "Jose") > 0 && key_cmp("Jos\xC3\xA9", "Josef") < 0 && key_cmp("Jose", "Jos") > 0,
          "sortkey: other accents are ignored up to the tie-break");
    CHECK(key_cmp("Anders", "anders") < 0 && key_cmp("Ander", "anders") < 0 && key_cmp("anders", "Andersen") < 0,
          "sortkey: case only breaks ties (Anders, anders adjacent)");
    CHECK(key_cmp("O'Brien", "OBrien") != 0 && key_cmp("O'Brien", "Obriem") > 0 && key_cmp("O'Brien", "Obrieo") < 0,
          "sortkey: punctuation ignored");
    CHECK(key_cmp("Jensen 2", "Jensen 10") > 0 && key_cmp("7", "a") < 0, "sortkey: digits kept, before letters");
    CHECK(key_cmp("\xE4\xB8\xAD", "\xC3\x85") > 0 && key_cmp("\xCE\x94", "zz") > 0, "sortkey: non-Latin after Danish letters");
    CHECK(key_cmp("A\xCC\x8Ag\xC3\xA5rd", "\xC3\x85g\xC3\xA5rd") != 0 && key_cmp("A\xCC\x8Ag\xC3\xA5rd", "\xC3\x85g\xC3\xA5rc") > 0 &&
              key_cmp("A\xCC\x8Ag\xC3\xA5rd", "\xC3\x85g\xC3\xA5re") < 0,
          "sortkey: decomposed A-ring sorts as A-ring");
    CHECK(key_cmp("", "a") < 0 && key_cmp(NULL, "") == 0, "sortkey: empty first, NULL as empty");
    CHECK(key_cmp("x\x01", "x") != 0 && key_cmp("x\xFF", "x\xFE") != 0 && key_cmp("a\x1B" "b", "ab") != 0,
          "sortkey: distinct strings give distinct keys");

    char *k = text_sortkey("Hans \xC3\x86" "bel\xC3\xB8");
    CHECK(k && strncmp(k, "hans\x02{bel|\x01", 11) == 0, "sortkey: key layout (space 0x02, separator 0x01)");
    free(k);

    for (size_t i = 0; i < n; i++)
        keys[i] = (char *)names[i];
    qsort(keys, n, sizeof keys[0], by_key);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(keys[i], want[i]) != 0) {
            printf("#   position %zu: got ", i);
            put_esc(keys[i]);
            printf(", want ");
            put_esc(want[i]);
            printf("\n");
            ok = 0;
        }
    }
    CHECK(ok, "sortkey: a Danish list sorts in phone-book order");
}

static void test_line_helpers(void)
{
    CHECK(text_prefix_cols("S\xC3\xB8ren", 2) == 3 && text_prefix_cols("S\xC3\xB8ren", 1) == 1 &&
              text_prefix_cols("S\xC3\xB8ren", 99) == 6,
          "prefix_cols: Latin");
    CHECK(text_prefix_cols("\xE4\xB8\xAD\xE6\x96\x87", 3) == 3 && text_prefix_cols("\xE4\xB8\xAD\xE6\x96\x87", 1) == 0 &&
              text_prefix_cols("\xE4\xB8\xAD\xE6\x96\x87", 4) == 6,
          "prefix_cols: never splits a wide char");
    CHECK(text_prefix_cols("e\xCC\x81x", 1) == 3, "prefix_cols: combining mark stays with its letter");
    CHECK(text_prefix_cols("\xFF\xFE", 1) == 1 && text_prefix_cols("\x1B[", 1) == 1, "prefix_cols: invalid byte and ESC");
    CHECK(text_prefix_cols("abc", 0) == 0 && text_prefix_cols("abc", -1) == 0 && text_prefix_cols(NULL, 5) == 0,
          "prefix_cols: zero, negative, NULL");

    CHECK(text_cp_count("S\xC3\xB8ren") == 5 && text_cp_count("\xE4\xB8\xAD\xE6\x96\x87") == 2 &&
              text_cp_count("\xF0\x9F\x98\x80") == 1,
          "cp_count: multi-byte code points count once");
    CHECK(text_cp_count("\xFF\xFE") == 2 && text_cp_count("\xE2\x82") == 2, "cp_count: invalid bytes count one each");
    CHECK(text_cp_count("") == 0 && text_cp_count(NULL) == 0, "cp_count: empty and NULL");

    CHECK(text_cp_offset("S\xC3\xB8ren", 0) == 0 && text_cp_offset("S\xC3\xB8ren", 1) == 1 &&
              text_cp_offset("S\xC3\xB8ren", 2) == 3 && text_cp_offset("S\xC3\xB8ren", 5) == 6,
          "cp_offset: byte offsets of code points");
    CHECK(text_cp_offset("S\xC3\xB8ren", 100) == 6 && text_cp_offset("S\xC3\xB8ren", -1) == 0 &&
              text_cp_offset(NULL, 3) == 0,
          "cp_offset: clamped");
    CHECK(text_cp_offset("\xFF\xC3\xB8", 1) == 1 && text_cp_offset("\xFF\xC3\xB8", 2) == 3,
          "cp_offset: agrees with cp_count on invalid bytes");
}

static void test_random_no_crash(void)
{
    int bad = 0;

    for (int round = 0; round < 5000; round++) {
        char in[96];
        char *f, *k, *v;

        random_text(in, sizeof in);
        f = text_fold(in);
        k = text_sortkey(in);
        v = text_visible(in);
        if (!f || !k || !v || !terminal_safe(f) || !valid_utf8(v) ||
            text_cp_offset(in, text_cp_count(in)) != (int)strlen(in) || text_prefix_cols(in, 1000) != (int)strlen(in))
            bad++;
        free(f);
        free(k);
        free(v);
    }
    CHECK(bad == 0, "fold/sortkey/visible/line helpers on random text: consistent, fold output safe");
}

/* A terminal that shows only ASCII: the display functions count and write
 * ASCII spellings, so layouts made with text_width stay aligned. */
static void test_ascii_display(void)
{
    char out[64];

    text_set_charset(TEXT_ASCII);
    CHECK(text_charset() == TEXT_ASCII, "ascii: the charset is kept");
    EXPECT_STR((text_fit("\xC3\x86r\xC3\xB8 \xC3\x85s \xC3\xA6" "bler", 40, out, sizeof out), out),
               "Aeroe Aas aebler", "ascii: Danish letters as ae/oe/aa");
    EXPECT_STR((text_fit("\xC3\x85" "benr\xC3\xA5 \xC3\x98sterg\xC3\xA5rd B\xC3\x85", 40, out, sizeof out), out),
               "Aabenraa Oestergaard BAA", "ascii: a capital before a small letter as Aa, Oe");
    CHECK(text_width("\xC3\x86r\xC3\xB8") == 5, "ascii: width counts the spelling (AEroe is 5)");
    CHECK(text_cp_width(0xE5) == 2, "ascii: one aa is 2 columns");
    EXPECT_STR((text_fit("a \xE2\x80\x93 b \xC2\xB7 c \xE2\x86\x92 d \xE2\x94\x82 \xE2\x96\x88 \xC3\xA9 \xE4\xB8\xAD", 40, out, sizeof out), out),
               "a - b - c -> d | # e ?", "ascii: dash, dot, arrow, line, block, accent, CJK");
    EXPECT_STR((text_fit("e\xCC\x81", 40, out, sizeof out), out), "e", "ascii: a combining mark is dropped");
    EXPECT_STR((text_fit("S\xC3\xB8ren Hansen", 8, out, sizeof out), out), "Soere...",
               "ascii: a cut ends in three dots");
    CHECK(text_fit("S\xC3\xB8ren Hansen", 8, out, sizeof out) == 8, "ascii: the cut fills the width");
    EXPECT_STR((text_fit("\xC3\xA6\xC3\xA6", 3, out, sizeof out), out), "...",
               "ascii: never half a letter's spelling");
    EXPECT_STR((text_fit("\x1B[2J\n", 40, out, sizeof out), out), "?[2J?", "ascii: controls as '?'");
    CHECK(text_fit_pad("\xC3\xB8", 4, out, sizeof out) == 4 && strcmp(out, "oe  ") == 0, "ascii: padding counts oe as 2");
    CHECK(text_prefix_cols("\xC3\xB8x", 2) == 2 && text_prefix_cols("\xC3\xB8x", 1) == 0,
          "ascii: the line editor's columns count oe as 2");
    CHECK(text_width_utf8("\xC3\x86r\xC3\xB8") == 3, "ascii: a file's width is still UTF-8's");
    text_set_charset(TEXT_UTF8);
    EXPECT_STR((text_fit("\xC3\x86r\xC3\xB8", 40, out, sizeof out), out), "\xC3\x86r\xC3\xB8",
               "utf-8 again: the text is untouched");
}

int main(void)
{
    test_decode_encode();
    test_width();
    test_unsafe();
    test_visible();
    test_fit();
    test_fit_pad();
    test_fold();
    test_sortkey();
    test_line_helpers();
    test_random_no_crash();
    test_ascii_display();
    return t_done();
}
