/* UTF-8 text for display, search and Danish sorting without libc locale support.
 * Returned strings are malloc'd and owned by the caller; NULL means out of memory. */
#include "text.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct cp_range {
	uint32_t lo, hi;
};

/* Generated with Python's unicodedata (Unicode 14) plus the Unicode 15 emoji in
 * U+1FA70..U+1FAFF and U+1F6DC:
 * zero_width = Mn, Me and Cf except visible prepended marks such as U+00AD, plus
 * conjoining Hangul vowels/finals; wide = East Asian Width W/F, which includes the
 * emoji that default to emoji presentation. Unassigned gaps are merged to keep the
 * tables short; unassigned code points are too rare in HR data to matter. */
static const struct cp_range zero_width[] = {
	{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF},
	{0x05C1, 0x05C2}, {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A},
	{0x061C, 0x061C}, {0x064B, 0x065F}, {0x0670, 0x0670}, {0x06D6, 0x06DC},
	{0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x0711, 0x0711},
	{0x0730, 0x074A}, {0x07A6, 0x07B0}, {0x07EB, 0x07F3}, {0x07FD, 0x07FD},
	{0x0816, 0x0819}, {0x081B, 0x0823}, {0x0825, 0x0827}, {0x0829, 0x082D},
	{0x0859, 0x085B}, {0x0898, 0x089F}, {0x08CA, 0x08E1}, {0x08E3, 0x0902},
	{0x093A, 0x093A}, {0x093C, 0x093C}, {0x0941, 0x0948}, {0x094D, 0x094D},
	{0x0951, 0x0957}, {0x0962, 0x0963}, {0x0981, 0x0981}, {0x09BC, 0x09BC},
	{0x09C1, 0x09C4}, {0x09CD, 0x09CD}, {0x09E2, 0x09E3}, {0x09FE, 0x0A02},
	{0x0A3C, 0x0A3C}, {0x0A41, 0x0A51}, {0x0A70, 0x0A71}, {0x0A75, 0x0A75},
	{0x0A81, 0x0A82}, {0x0ABC, 0x0ABC}, {0x0AC1, 0x0AC8}, {0x0ACD, 0x0ACD},
	{0x0AE2, 0x0AE3}, {0x0AFA, 0x0B01}, {0x0B3C, 0x0B3C}, {0x0B3F, 0x0B3F},
	{0x0B41, 0x0B44}, {0x0B4D, 0x0B56}, {0x0B62, 0x0B63}, {0x0B82, 0x0B82},
	{0x0BC0, 0x0BC0}, {0x0BCD, 0x0BCD}, {0x0C00, 0x0C00}, {0x0C04, 0x0C04},
	{0x0C3C, 0x0C3C}, {0x0C3E, 0x0C40}, {0x0C46, 0x0C56}, {0x0C62, 0x0C63},
	{0x0C81, 0x0C81}, {0x0CBC, 0x0CBC}, {0x0CBF, 0x0CBF}, {0x0CC6, 0x0CC6},
	{0x0CCC, 0x0CCD}, {0x0CE2, 0x0CE3}, {0x0D00, 0x0D01}, {0x0D3B, 0x0D3C},
	{0x0D41, 0x0D44}, {0x0D4D, 0x0D4D}, {0x0D62, 0x0D63}, {0x0D81, 0x0D81},
	{0x0DCA, 0x0DCA}, {0x0DD2, 0x0DD6}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A},
	{0x0E47, 0x0E4E}, {0x0EB1, 0x0EB1}, {0x0EB4, 0x0EBC}, {0x0EC8, 0x0ECD},
	{0x0F18, 0x0F19}, {0x0F35, 0x0F35}, {0x0F37, 0x0F37}, {0x0F39, 0x0F39},
	{0x0F71, 0x0F7E}, {0x0F80, 0x0F84}, {0x0F86, 0x0F87}, {0x0F8D, 0x0FBC},
	{0x0FC6, 0x0FC6}, {0x102D, 0x1030}, {0x1032, 0x1037}, {0x1039, 0x103A},
	{0x103D, 0x103E}, {0x1058, 0x1059}, {0x105E, 0x1060}, {0x1071, 0x1074},
	{0x1082, 0x1082}, {0x1085, 0x1086}, {0x108D, 0x108D}, {0x109D, 0x109D},
	{0x1160, 0x11FF}, {0x135D, 0x135F}, {0x1712, 0x1714}, {0x1732, 0x1733},
	{0x1752, 0x1753}, {0x1772, 0x1773}, {0x17B4, 0x17B5}, {0x17B7, 0x17BD},
	{0x17C6, 0x17C6}, {0x17C9, 0x17D3}, {0x17DD, 0x17DD}, {0x180B, 0x180F},
	{0x1885, 0x1886}, {0x18A9, 0x18A9}, {0x1920, 0x1922}, {0x1927, 0x1928},
	{0x1932, 0x1932}, {0x1939, 0x193B}, {0x1A17, 0x1A18}, {0x1A1B, 0x1A1B},
	{0x1A56, 0x1A56}, {0x1A58, 0x1A60}, {0x1A62, 0x1A62}, {0x1A65, 0x1A6C},
	{0x1A73, 0x1A7F}, {0x1AB0, 0x1B03}, {0x1B34, 0x1B34}, {0x1B36, 0x1B3A},
	{0x1B3C, 0x1B3C}, {0x1B42, 0x1B42}, {0x1B6B, 0x1B73}, {0x1B80, 0x1B81},
	{0x1BA2, 0x1BA5}, {0x1BA8, 0x1BA9}, {0x1BAB, 0x1BAD}, {0x1BE6, 0x1BE6},
	{0x1BE8, 0x1BE9}, {0x1BED, 0x1BED}, {0x1BEF, 0x1BF1}, {0x1C2C, 0x1C33},
	{0x1C36, 0x1C37}, {0x1CD0, 0x1CD2}, {0x1CD4, 0x1CE0}, {0x1CE2, 0x1CE8},
	{0x1CED, 0x1CED}, {0x1CF4, 0x1CF4}, {0x1CF8, 0x1CF9}, {0x1DC0, 0x1DFF},
	{0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x206F}, {0x20D0, 0x20F0},
	{0x2CEF, 0x2CF1}, {0x2D7F, 0x2D7F}, {0x2DE0, 0x2DFF}, {0x302A, 0x302D},
	{0x3099, 0x309A}, {0xA66F, 0xA672}, {0xA674, 0xA67D}, {0xA69E, 0xA69F},
	{0xA6F0, 0xA6F1}, {0xA802, 0xA802}, {0xA806, 0xA806}, {0xA80B, 0xA80B},
	{0xA825, 0xA826}, {0xA82C, 0xA82C}, {0xA8C4, 0xA8C5}, {0xA8E0, 0xA8F1},
	{0xA8FF, 0xA8FF}, {0xA926, 0xA92D}, {0xA947, 0xA951}, {0xA980, 0xA982},
	{0xA9B3, 0xA9B3}, {0xA9B6, 0xA9B9}, {0xA9BC, 0xA9BD}, {0xA9E5, 0xA9E5},
	{0xAA29, 0xAA2E}, {0xAA31, 0xAA32}, {0xAA35, 0xAA36}, {0xAA43, 0xAA43},
	{0xAA4C, 0xAA4C}, {0xAA7C, 0xAA7C}, {0xAAB0, 0xAAB0}, {0xAAB2, 0xAAB4},
	{0xAAB7, 0xAAB8}, {0xAABE, 0xAABF}, {0xAAC1, 0xAAC1}, {0xAAEC, 0xAAED},
	{0xAAF6, 0xAAF6}, {0xABE5, 0xABE5}, {0xABE8, 0xABE8}, {0xABED, 0xABED},
	{0xD7B0, 0xD7FF}, {0xFB1E, 0xFB1E}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
	{0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFB}, {0x101FD, 0x101FD},
	{0x102E0, 0x102E0}, {0x10376, 0x1037A}, {0x10A01, 0x10A0F},
	{0x10A38, 0x10A3F}, {0x10AE5, 0x10AE6}, {0x10D24, 0x10D27},
	{0x10EAB, 0x10EAC}, {0x10F46, 0x10F50}, {0x10F82, 0x10F85},
	{0x11001, 0x11001}, {0x11038, 0x11046}, {0x11070, 0x11070},
	{0x11073, 0x11074}, {0x1107F, 0x11081}, {0x110B3, 0x110B6},
	{0x110B9, 0x110BA}, {0x110C2, 0x110C2}, {0x11100, 0x11102},
	{0x11127, 0x1112B}, {0x1112D, 0x11134}, {0x11173, 0x11173},
	{0x11180, 0x11181}, {0x111B6, 0x111BE}, {0x111C9, 0x111CC},
	{0x111CF, 0x111CF}, {0x1122F, 0x11231}, {0x11234, 0x11234},
	{0x11236, 0x11237}, {0x1123E, 0x1123E}, {0x112DF, 0x112DF},
	{0x112E3, 0x112EA}, {0x11300, 0x11301}, {0x1133B, 0x1133C},
	{0x11340, 0x11340}, {0x11366, 0x11374}, {0x11438, 0x1143F},
	{0x11442, 0x11444}, {0x11446, 0x11446}, {0x1145E, 0x1145E},
	{0x114B3, 0x114B8}, {0x114BA, 0x114BA}, {0x114BF, 0x114C0},
	{0x114C2, 0x114C3}, {0x115B2, 0x115B5}, {0x115BC, 0x115BD},
	{0x115BF, 0x115C0}, {0x115DC, 0x115DD}, {0x11633, 0x1163A},
	{0x1163D, 0x1163D}, {0x1163F, 0x11640}, {0x116AB, 0x116AB},
	{0x116AD, 0x116AD}, {0x116B0, 0x116B5}, {0x116B7, 0x116B7},
	{0x1171D, 0x1171F}, {0x11722, 0x11725}, {0x11727, 0x1172B},
	{0x1182F, 0x11837}, {0x11839, 0x1183A}, {0x1193B, 0x1193C},
	{0x1193E, 0x1193E}, {0x11943, 0x11943}, {0x119D4, 0x119DB},
	{0x119E0, 0x119E0}, {0x11A01, 0x11A0A}, {0x11A33, 0x11A38},
	{0x11A3B, 0x11A3E}, {0x11A47, 0x11A47}, {0x11A51, 0x11A56},
	{0x11A59, 0x11A5B}, {0x11A8A, 0x11A96}, {0x11A98, 0x11A99},
	{0x11C30, 0x11C3D}, {0x11C3F, 0x11C3F}, {0x11C92, 0x11CA7},
	{0x11CAA, 0x11CB0}, {0x11CB2, 0x11CB3}, {0x11CB5, 0x11CB6},
	{0x11D31, 0x11D45}, {0x11D47, 0x11D47}, {0x11D90, 0x11D91},
	{0x11D95, 0x11D95}, {0x11D97, 0x11D97}, {0x11EF3, 0x11EF4},
	{0x13430, 0x13438}, {0x16AF0, 0x16AF4}, {0x16B30, 0x16B36},
	{0x16F4F, 0x16F4F}, {0x16F8F, 0x16F92}, {0x16FE4, 0x16FE4},
	{0x1BC9D, 0x1BC9E}, {0x1BCA0, 0x1CF46}, {0x1D167, 0x1D169},
	{0x1D173, 0x1D182}, {0x1D185, 0x1D18B}, {0x1D1AA, 0x1D1AD},
	{0x1D242, 0x1D244}, {0x1DA00, 0x1DA36}, {0x1DA3B, 0x1DA6C},
	{0x1DA75, 0x1DA75}, {0x1DA84, 0x1DA84}, {0x1DA9B, 0x1DAAF},
	{0x1E000, 0x1E02A}, {0x1E130, 0x1E136}, {0x1E2AE, 0x1E2AE},
	{0x1E2EC, 0x1E2EF}, {0x1E8D0, 0x1E8D6}, {0x1E944, 0x1E94A},
	{0xE0001, 0xE01EF},
};
static const struct cp_range wide[] = {
	{0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC},
	{0x23F0, 0x23F0}, {0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615},
	{0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
	{0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5}, {0x26CE, 0x26CE},
	{0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
	{0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B},
	{0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755},
	{0x2757, 0x2757}, {0x2795, 0x2797}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF},
	{0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55}, {0x2E80, 0x303E},
	{0x3041, 0x3247}, {0x3250, 0x4DBF}, {0x4E00, 0xA4C6}, {0xA960, 0xA97C},
	{0xAC00, 0xD7A3}, {0xF900, 0xFAD9}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6B},
	{0xFF01, 0xFF60}, {0xFFE0, 0xFFE6}, {0x16FE0, 0x1B2FB},
	{0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E},
	{0x1F191, 0x1F19A}, {0x1F200, 0x1F320}, {0x1F32D, 0x1F335},
	{0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA},
	{0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4},
	{0x1F3F8, 0x1F43E}, {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC},
	{0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E}, {0x1F550, 0x1F567},
	{0x1F57A, 0x1F57A}, {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4},
	{0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC},
	{0x1F6D0, 0x1F6D2}, {0x1F6D5, 0x1F6DF}, {0x1F6EB, 0x1F6EC},
	{0x1F6F4, 0x1F6FC}, {0x1F7E0, 0x1F7F0}, {0x1F90C, 0x1F93A},
	{0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAFF},
	{0x20000, 0x3FFFD},
};

static int in_table(uint32_t cp, const struct cp_range *t, size_t n)
{
	size_t lo = 0, hi = n;

	if (n == 0 || cp < t[0].lo || cp > t[n - 1].hi)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp > t[mid].hi)
			lo = mid + 1;
		else if (cp < t[mid].lo)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- UTF-8 */

static int decode_bad(uint32_t *cp)
{
	*cp = 0xFFFD;
	return 1;
}

int text_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t dummy, c;
	unsigned char lo = 0x80, hi = 0xBF;
	int n;

	if (!cp)
		cp = &dummy;
	if (!s || len == 0) {
		*cp = 0;
		return 0;
	}
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	/* The narrowed second-byte ranges reject overlong forms, surrogates and
	 * values above U+10FFFF, so every accepted sequence is the shortest one. */
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		n = 2;
		c = u[0] & 0x1Fu;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		n = 3;
		c = u[0] & 0x0Fu;
		if (u[0] == 0xE0)
			lo = 0xA0;
		else if (u[0] == 0xED)
			hi = 0x9F;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		n = 4;
		c = u[0] & 0x07u;
		if (u[0] == 0xF0)
			lo = 0x90;
		else if (u[0] == 0xF4)
			hi = 0x8F;
	} else {
		return decode_bad(cp);
	}
	if (len < (size_t)n)
		return decode_bad(cp);
	for (int i = 1; i < n; i++) {
		if (u[i] < lo || u[i] > hi)
			return decode_bad(cp);
		lo = 0x80;
		hi = 0xBF;
		c = (c << 6) | (u[i] & 0x3Fu);
	}
	*cp = c;
	return n;
}

size_t text_encode(uint32_t cp, char out[4])
{
	unsigned char *o = (unsigned char *)out;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

static uint32_t next_cp(const char **p, const char *end)
{
	uint32_t cp;

	*p += text_decode(*p, (size_t)(end - *p), &cp);
	return cp;
}

/* ------------------------------------------------------------- growable buffer */

struct buf {
	char *p;
	size_t len, cap;
	int oom;
};

static void buf_put(struct buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (n + 1 > b->cap - b->len) {
		size_t cap = b->cap ? b->cap : 32;
		char *np;

		while (n + 1 > cap - b->len) {
			if (cap > SIZE_MAX / 2) {
				b->oom = 1;
				return;
			}
			cap *= 2;
		}
		np = realloc(b->p, cap);
		if (!np) {
			b->oom = 1;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void buf_putc(struct buf *b, char c)
{
	buf_put(b, &c, 1);
}

static void buf_put_cp(struct buf *b, uint32_t cp)
{
	char e[4];

	buf_put(b, e, text_encode(cp, e));
}

/* Hands the buffer to the caller; an empty result still needs a real string. */
static char *buf_finish(struct buf *b)
{
	if (!b->oom && !b->p)
		buf_put(b, "", 0);
	if (b->oom) {
		free(b->p);
		return NULL;
	}
	return b->p;
}

/* ------------------------------------------------------------ safety / width */

int text_is_unsafe_cp(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
		   (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* What the terminal is actually sent for cp. */
static uint32_t shown_cp(uint32_t cp)
{
	if (!text_is_unsafe_cp(cp))
		return cp;
	if (cp == '\n')
		return 0x2424; /* SYMBOL FOR NEWLINE reads better than U+240A LF */
	if (cp < 0x20)
		return 0x2400 + cp;
	if (cp == 0x7F)
		return 0x2421;
	return 0xFFFD;
}

/* -------------------------------------------------- the display's charset */

static enum text_charset display = TEXT_UTF8;

void text_set_charset(enum text_charset cs)
{
	display = cs;
}

enum text_charset text_charset(void)
{
	return display;
}

/* Upper case for U+00C0..U+017F: Latin-1's capitals sit below U+00DF;
 * Latin Extended-A pairs capital and small, on even code points except in
 * U+0139..U+0148 and U+0179..U+017E, where a lone letter shifts them. */
static int latin_upper(uint32_t cp)
{
	if (cp < 0x100)
		return cp < 0xDF && cp != 0xD7;
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return cp & 1;
	return cp == 0x178 || (cp != 0x138 && !(cp & 1));
}

static const char *latin_fold(uint32_t cp);

/* The ASCII for the signs kup and people's texts use most, or NULL. */
static const char *ascii_sign(uint32_t cp)
{
	static const struct {
		uint32_t cp;
		const char *s;
	} signs[] = {
		{0xA0, " "},     {0xA9, "(c)"},  {0xAB, "<<"},   {0xAD, "-"},
		{0xAE, "(R)"},   {0xB0, "o"},    {0xB7, "-"},    {0xBB, ">>"},
		{0xBD, "1/2"},   {0xD7, "x"},    {0xF7, "/"},    {0x2018, "'"},
		{0x2019, "'"},   {0x201A, "'"},  {0x201C, "\""}, {0x201D, "\""},
		{0x201E, "\""},  {0x2022, "*"},  {0x2026, "..."}, {0x2039, "<"},
		{0x203A, ">"},   {0x20AC, "EUR"}, {0x2190, "<-"}, {0x2191, "^"},
		{0x2192, "->"},  {0x2193, "v"},  {0x2212, "-"},
	};

	for (size_t i = 0; i < COUNT(signs); i++)
		if (signs[i].cp == cp)
			return signs[i].s;
	if (cp >= 0x2010 && cp <= 0x2015)
		return "-"; /* hyphens and dashes */
	if (cp >= 0x2500 && cp <= 0x257F) { /* box drawing */
		if (cp <= 0x2501 || cp == 0x2504 || cp == 0x2505 || cp == 0x2508 || cp == 0x2509 ||
		    cp == 0x254C || cp == 0x254D || cp == 0x2550)
			return "-";
		if (cp <= 0x2503 || cp == 0x2506 || cp == 0x2507 || cp == 0x250A || cp == 0x250B ||
		    cp == 0x254E || cp == 0x254F || cp == 0x2551)
			return "|";
		return "+";
	}
	if (cp >= 0x2580 && cp <= 0x259F)
		return "#"; /* blocks: a bar */
	return NULL;
}

/* The ASCII spelling of a shown code point (shown_cp's result) into out,
 * returning its length (0-3): Danish letters as Danes write them without
 * æøå (a capital before a small letter as "Aa", "Oe", else "AA", "OE":
 * "Aabenraa", "BAA"), other Latin letters without their accents, the
 * punctuation and lines kup draws as their nearest ASCII, marks that
 * combine with the letter before as nothing, anything else as '?'. */
static size_t ascii_of(uint32_t cp, int before_small, char out[4])
{
	const char *f;
	size_t n;

	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	switch (cp) {
	case 0xD8: case 0xF8: case 0xD6: case 0xF6: f = "oe"; break;
	case 0xC4: case 0xE4: f = "ae"; break;
	case 0xDC: case 0xFC: f = "ue"; break;
	default: f = latin_fold(cp); break;
	}
	if (f) {
		n = strlen(f);
		memcpy(out, f, n);
		if (latin_upper(cp)) {
			out[0] = (char)(out[0] - 'a' + 'A');
			if (n > 1 && !before_small)
				out[1] = (char)(out[1] - 'a' + 'A');
		}
		return n;
	}
	if (!(f = ascii_sign(cp)))
		f = in_table(cp, zero_width, COUNT(zero_width)) ? "" : "?";
	n = strlen(f);
	memcpy(out, f, n);
	return n;
}

/* Whether the code point at p is a small letter (a-z, Latin-1's and
 * Latin Extended-A's). */
static int small_at(const char *p, const char *end)
{
	uint32_t c;

	if (p >= end)
		return 0;
	text_decode(p, (size_t)(end - p), &c);
	return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0x17F && c != 0xF7 && !latin_upper(c));
}

/* What the terminal is sent for cp in charset cs (before_small: a small
 * letter follows): its bytes in out (at most 4, not NUL-ended; NULL when
 * only the columns are wanted), their count, and the columns in *cols. An
 * ASCII spelling is as many columns as bytes. */
static size_t display_cp(uint32_t cp, enum text_charset cs, int before_small, char *out, int *cols)
{
	cp = shown_cp(cp);
	if (cs == TEXT_ASCII) {
		char spare[4];
		size_t n = ascii_of(cp, before_small, out ? out : spare);
		*cols = (int)n;
		return n;
	}
	*cols = cp < 0x300 ? 1 : in_table(cp, zero_width, COUNT(zero_width)) ? 0
		: in_table(cp, wide, COUNT(wide)) ? 2 : 1;
	return out ? text_encode(cp, out) : 0;
}

int text_cp_width(uint32_t cp)
{
	int w;

	display_cp(cp, display, 0, NULL, &w);
	return w;
}

static int width_in(const char *s, enum text_charset cs)
{
	const char *end;
	int w = 0;

	if (!s)
		return 0;
	end = s + strlen(s);
	while (s < end) {
		int cw;

		display_cp(next_cp(&s, end), cs, 0, NULL, &cw);
		if (w > INT_MAX - cw)
			return INT_MAX;
		w += cw;
	}
	return w;
}

int text_width(const char *s)
{
	return width_in(s, display);
}

int text_width_utf8(const char *s)
{
	return width_in(s, TEXT_UTF8);
}

int text_has_unsafe(const char *s, int allow_newline)
{
	const char *end;

	if (!s)
		return 0;
	end = s + strlen(s);
	while (s < end) {
		uint32_t cp = next_cp(&s, end);
		if (cp == '\n' && allow_newline)
			continue;
		if (text_is_unsafe_cp(cp))
			return 1;
	}
	return 0;
}

char *text_visible(const char *s)
{
	struct buf b = {0};
	const char *end;

	if (!s)
		s = "";
	end = s + strlen(s);
	while (s < end)
		buf_put_cp(&b, shown_cp(next_cp(&s, end)));
	return buf_finish(&b);
}

/* ------------------------------------------------------------------ fitting */

int text_fit(const char *s, int width, char *out, size_t outsz)
{
	/* U+2026 (one column); three dots where only ASCII is shown */
	const char *ellipsis = display == TEXT_ASCII ? "..." : "\xE2\x80\xA6";
	const int ell_cols = display == TEXT_ASCII ? 3 : 1;
	const size_t ell_len = strlen(ellipsis);
	const char *end, *p;
	size_t room, used = 0, reserve;
	int cols = 0, limit, fits = 1;

	if (!out || outsz == 0)
		return 0;
	out[0] = '\0';
	if (!s)
		s = "";
	if (width <= 0)
		return 0;
	room = outsz - 1;
	end = s + strlen(s);

	for (p = s; p < end;) {
		char e[4];
		int w;
		uint32_t cp = next_cp(&p, end);

		used += display_cp(cp, display, display == TEXT_ASCII && small_at(p, end), e, &w);
		if (w > width - cols || used > room) {
			fits = 0;
			break;
		}
		cols += w;
	}

	limit = width;
	reserve = 0;
	if (!fits && room >= ell_len && width >= ell_cols) {
		limit = width - ell_cols;
		reserve = ell_len;
	}
	/* Without room for the ellipsis a tiny buffer just gets a clean hard cut. */
	cols = 0;
	used = 0;
	for (p = s; p < end;) {
		char e[4];
		int w;
		uint32_t cp = next_cp(&p, end);
		size_t n = display_cp(cp, display, display == TEXT_ASCII && small_at(p, end), e, &w);

		if (w > limit - cols || used + n + reserve > room)
			break;
		memcpy(out + used, e, n);
		used += n;
		cols += w;
	}
	if (reserve) {
		memcpy(out + used, ellipsis, reserve);
		used += reserve;
		cols += ell_cols;
	}
	out[used] = '\0';
	return cols;
}

int text_fit_pad(const char *s, int width, char *out, size_t outsz)
{
	int cols = text_fit(s, width, out, outsz);
	size_t len;

	if (!out || outsz == 0)
		return cols;
	len = strlen(out);
	while (cols < width && len + 1 < outsz) {
		out[len++] = ' ';
		cols++;
	}
	out[len] = '\0';
	return cols;
}

/* ------------------------------------------------------------ line editing */

int text_prefix_cols(const char *s, int cols)
{
	const char *p, *end;
	int used = 0;

	if (!s || cols <= 0)
		return 0;
	end = s + strlen(s);
	for (p = s; p < end;) {
		const char *q = p;
		int w = text_cp_width(next_cp(&q, end));

		if (w > cols - used)
			break;
		used += w;
		p = q;
	}
	return (int)(p - s);
}

int text_cp_count(const char *s)
{
	const char *end;
	int n = 0;

	if (!s)
		return 0;
	end = s + strlen(s);
	while (s < end && n < INT_MAX) {
		next_cp(&s, end);
		n++;
	}
	return n;
}

int text_cp_offset(const char *s, int n)
{
	const char *p, *end;

	if (!s || n <= 0)
		return 0;
	end = s + strlen(s);
	for (p = s; p < end && n > 0; n--)
		next_cp(&p, end);
	return (int)(p - s);
}

/* ------------------------------------------------------ folding and sorting */

/* Base letters for U+00C0..U+017F, lower case. '*' marks the multi-letter
 * foldings handled in latin_fold(); ' ' marks the multiplication and division
 * signs, which are not letters. */
static const char latin_base[] =
	"aaaaa**ceeeeiiii" "dnooooo ouuuuy**"  /* U+00C0 */
	"aaaaa**ceeeeiiii" "dnooooo ouuuuy*y"  /* U+00E0 */
	"aaaaaaccccccccdd" "ddeeeeeeeeeegggg"  /* U+0100 */
	"gggghhhhiiiiiiii" "ii**jjkkklllllll"  /* U+0120 */
	"lllnnnnnnnnnoooo" "oo**rrrrrrssssss"  /* U+0140 */
	"ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs"; /* U+0160 */
_Static_assert(sizeof latin_base == 0x180 - 0xC0 + 1, "one entry per code point U+00C0..U+017F");

/* Lower-case accent-free spelling of a Latin-1/Latin Extended-A letter, or NULL
 * when cp is not one of them. */
static const char *latin_fold(uint32_t cp)
{
	static const char single[] = "a\0b\0c\0d\0e\0f\0g\0h\0i\0j\0k\0l\0m\0"
								 "n\0o\0p\0q\0r\0s\0t\0u\0v\0w\0x\0y\0z";
	char c;

	if (cp < 0xC0 || cp > 0x17F)
		return NULL;
	switch (cp) {
	case 0xC5: case 0xE5: return "aa";
	case 0xC6: case 0xE6: return "ae";
	case 0xDE: case 0xFE: return "th";
	case 0xDF: return "ss";
	case 0x132: case 0x133: return "ij";
	case 0x152: case 0x153: return "oe";
	default: break;
	}
	c = latin_base[cp - 0xC0];
	if (c < 'a' || c > 'z')
		return NULL;
	return &single[(c - 'a') * 2];
}

/* Decomposed input (macOS, some web forms) spells å as a + U+030A. Only the
 * pairs that change Danish folding or order need composing; any other
 * combining accent is simply dropped by the callers. */
static uint32_t compose(uint32_t base, uint32_t mark)
{
	static const struct {
		uint32_t base, mark, out;
	} pairs[] = {
		{'a', 0x30A, 0xE5},  {'A', 0x30A, 0xC5},  {'a', 0x308, 0xE4},
		{'A', 0x308, 0xC4},  {'o', 0x308, 0xF6},  {'O', 0x308, 0xD6},
		{'u', 0x308, 0xFC},  {'U', 0x308, 0xDC},  {'o', 0x30B, 0x151},
		{'O', 0x30B, 0x150}, {'u', 0x30B, 0x171}, {'U', 0x30B, 0x170},
	};

	for (size_t i = 0; i < COUNT(pairs); i++)
		if (pairs[i].base == base && pairs[i].mark == mark)
			return pairs[i].out;
	return 0;
}

static uint32_t next_letter(const char **p, const char *end)
{
	uint32_t cp = next_cp(p, end);

	if (cp < 0x80 && *p < end) {
		const char *q = *p;
		uint32_t c = compose(cp, next_cp(&q, end));

		if (c) {
			*p = q;
			return c;
		}
	}
	return cp;
}

static int is_accent_mark(uint32_t cp)
{
	return cp >= 0x300 && cp <= 0x36F;
}

/* Tab and line breaks separate words, so they must not glue words together. */
static int is_ctl_space(uint32_t cp)
{
	return cp == '\t' || cp == '\n' || cp == '\r';
}

static char ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

char *text_fold(const char *s)
{
	struct buf b = {0};
	const char *end;

	if (!s)
		s = "";
	end = s + strlen(s);
	while (s < end) {
		uint32_t cp = next_letter(&s, end);
		const char *f;

		if (is_ctl_space(cp))
			buf_putc(&b, ' ');
		else if (text_is_unsafe_cp(cp) || is_accent_mark(cp))
			continue;
		else if (cp < 0x80)
			buf_putc(&b, ascii_lower((char)cp));
		else if ((f = latin_fold(cp)) != NULL)
			buf_put(&b, f, strlen(f));
		else
			buf_put_cp(&b, cp);
	}
	return buf_finish(&b);
}

static int is_sort_space(uint32_t cp)
{
	return cp == ' ' || is_ctl_space(cp) || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) ||
		   cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Punctuation carries no weight but still ends a word (for the "aa" rule). */
static int is_sort_punct(uint32_t cp)
{
	return (cp >= 0x21 && cp <= 0x7E && !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
										   (cp >= 'A' && cp <= 'Z'))) ||
		   (cp >= 0xA1 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
		   (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E);
}

/* Invisible characters must not split a word or change its weight. */
static int is_sort_invisible(uint32_t cp)
{
	return text_is_unsafe_cp(cp) || is_accent_mark(cp) || (cp >= 0x200B && cp <= 0x200F) ||
		   (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF;
}

/* Danish placement (DS 377 / CLDR da): Ä with Æ, Ö and Ő with Ø, Ü and Ű with Y. */
static const char *danish_weight(uint32_t cp)
{
	switch (cp) {
	case 0xC6: case 0xE6: case 0xC4: case 0xE4:
		return "{";
	case 0xD8: case 0xF8: case 0xD6: case 0xF6: case 0x150: case 0x151:
		return "|";
	case 0xC5: case 0xE5:
		return "}";
	case 0xDC: case 0xFC: case 0x170: case 0x171:
		return "y";
	default:
		return latin_fold(cp);
	}
}

static int is_ascii_a(uint32_t cp)
{
	return cp == 'a' || cp == 'A';
}

/* Layout: primary weights, 0x01, ASCII-lowercased original, 0x01, original.
 * Word gaps weigh 0x02 and the separator 0x01 is smaller still, so "Ann" <
 * "Ann Berg" < "Anna". The two tie-break parts make the key injective (equal
 * keys only for equal strings) and put accent differences before case ones. */
char *text_sortkey(const char *s)
{
	struct buf b = {0};
	const char *p, *end;
	int in_word = 0, gap = 0;

	if (!s)
		s = "";
	end = s + strlen(s);
	for (p = s; p < end;) {
		uint32_t cp = next_letter(&p, end);
		const char *w;

		if (is_sort_space(cp)) {
			in_word = 0;
			gap = b.len > 0;
			continue;
		}
		if (is_sort_punct(cp)) {
			in_word = 0;
			continue;
		}
		if (is_sort_invisible(cp))
			continue;
		if (gap) {
			buf_putc(&b, '\x02');
			gap = 0;
		}
		if (!in_word && is_ascii_a(cp) && p < end) {
			const char *q = p;

			if (is_ascii_a(next_letter(&q, end))) {
				buf_putc(&b, '}'); /* word-initial "aa" is the old spelling of å */
				p = q;
				in_word = 1;
				continue;
			}
		}
		in_word = 1;
		if (cp < 0x80)
			buf_putc(&b, ascii_lower((char)cp));
		else if ((w = danish_weight(cp)) != NULL)
			buf_put(&b, w, strlen(w));
		else
			buf_put_cp(&b, cp);
	}
	buf_putc(&b, '\x01');
	for (p = s; p < end; p++)
		buf_putc(&b, ascii_lower(*p));
	buf_putc(&b, '\x01');
	buf_put(&b, s, (size_t)(end - s));
	return buf_finish(&b);
}
