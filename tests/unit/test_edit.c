/* test_edit.c — the line editor (ui_edit.c) and the curses-free form model
 * (ui_formdata.c): code point editing with Danish letters, CJK and emoji,
 * scrolling by display width, validation messages and draft round trips. */
#include "t.h"
#include "i18n.h"
#include "text.h"
#include "ui_edit.h"
#include "ui_form.h"

#include <stdint.h>

#define CTRL(c) ((c) & 0x1f)

/* Types s (UTF-8) key by key. */
static void type(struct ledit *ed, const char *s)
{
	const char *end = s + strlen(s);
	while (s < end) {
		uint32_t cp;
		s += text_decode(s, (size_t)(end - s), &cp);
		ledit_key(ed, (int)cp);
	}
}

static void keys(struct ledit *ed, int key, int times)
{
	while (times-- > 0)
		ledit_key(ed, key);
}

/* 1 if the cursor sits on a code point boundary of valid UTF-8. */
static int on_boundary(const struct ledit *ed)
{
	const char *s = ledit_text(ed);
	return ed->cur <= ed->len && (ed->cur == ed->len || ((unsigned char)s[ed->cur] & 0xC0) != 0x80);
}

static void test_typing(void)
{
	struct ledit ed;
	ledit_init(&ed, 0, 0);
	type(&ed, "Søren Ågård");
	CHECK_STR(ledit_text(&ed), "Søren Ågård", "typing Danish letters");
	CHECK(ed.cur == strlen("Søren Ågård"), "cursor at the end after typing");
	CHECK(text_cp_count(ledit_text(&ed)) == 11, "11 characters");

	int ok = 1;
	for (int i = 0; i < 11; i++) {
		ledit_key(&ed, LE_LEFT);
		ok &= on_boundary(&ed);
	}
	CHECK(ok && ed.cur == 0, "Left walks code points back to the start");
	CHECK(ledit_key(&ed, LE_LEFT) == 0, "Left at the start is not handled");
	ledit_key(&ed, LE_RIGHT);
	ledit_key(&ed, LE_RIGHT);
	CHECK(ed.cur == 3, "two Rights step over S and the two-byte ø");

	ledit_set(&ed, "hej Søren");
	keys(&ed, LE_LEFT, 5);
	type(&ed, "x");
	CHECK_STR(ledit_text(&ed), "hej xSøren", "insert in the middle");
	ledit_key(&ed, LE_RIGHT);
	ledit_key(&ed, LE_RIGHT);
	ledit_key(&ed, LE_BACKSPACE);
	CHECK_STR(ledit_text(&ed), "hej xSren", "Backspace removes the whole ø");
	ledit_key(&ed, LE_DELETE);
	CHECK_STR(ledit_text(&ed), "hej xSen", "Delete removes the character after the cursor");
	ledit_key(&ed, LE_HOME);
	CHECK(ed.cur == 0, "Home");
	ledit_key(&ed, LE_END);
	CHECK(ed.cur == ed.len, "End");
	ledit_key(&ed, CTRL('a'));
	CHECK(ed.cur == 0, "Ctrl-A");
	ledit_key(&ed, CTRL('e'));
	CHECK(ed.cur == ed.len, "Ctrl-E");
	CHECK(ledit_key(&ed, LE_DELETE) == 0, "Delete at the end is not handled");

	type(&ed, "日本👍");
	CHECK_STR(ledit_text(&ed), "hej xSen日本👍", "CJK and emoji typed");
	ledit_key(&ed, LE_LEFT);
	CHECK(ed.len - ed.cur == 4 && on_boundary(&ed), "Left steps over the 4-byte emoji");
	ledit_key(&ed, LE_LEFT);
	CHECK(ed.len - ed.cur == 7 && on_boundary(&ed), "Left steps over the 3-byte CJK character");
	ledit_key(&ed, LE_END);
	ledit_key(&ed, LE_BACKSPACE);
	CHECK_STR(ledit_text(&ed), "hej xSen日本", "Backspace removes the whole emoji");
	ledit_free(&ed);
}

static void test_kills(void)
{
	struct ledit ed;
	ledit_init(&ed, 0, 0);
	ledit_set(&ed, "hej Søren");
	ledit_key(&ed, CTRL('w'));
	CHECK_STR(ledit_text(&ed), "hej ", "Ctrl-W on \"hej Søren\" leaves \"hej \"");
	ledit_set(&ed, "hej Søren  ");
	ledit_key(&ed, CTRL('w'));
	CHECK_STR(ledit_text(&ed), "hej ", "Ctrl-W takes trailing blanks with the word");
	ledit_key(&ed, CTRL('w'));
	CHECK_STR(ledit_text(&ed), "", "Ctrl-W again empties it");
	CHECK(ledit_key(&ed, CTRL('w')) == 0, "Ctrl-W on nothing is not handled");

	ledit_set(&ed, "Ærø og Æbelø");
	keys(&ed, LE_LEFT, 6);
	ledit_key(&ed, CTRL('k'));
	CHECK_STR(ledit_text(&ed), "Ærø og", "Ctrl-K deletes to the end");
	ledit_set(&ed, "Ærø og Æbelø");
	keys(&ed, LE_LEFT, 6);
	ledit_key(&ed, CTRL('u'));
	CHECK_STR(ledit_text(&ed), " Æbelø", "Ctrl-U deletes to the start");
	CHECK(ed.cur == 0, "cursor at the start after Ctrl-U");
	ledit_free(&ed);
}

static void test_refused(void)
{
	struct ledit ed;
	ledit_init(&ed, 0, 3);
	const int bad[] = { 0x01, '\t', 0x1B, 0x7F, 0x85, 0x9F, 0x202E, 0x2066, 0xD800, 0x110000, -5 };
	int ok = 1;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (bad[i] != CTRL('a') && ledit_key(&ed, bad[i]) != 0)
			ok = 0;
	CHECK(ok && ed.len == 0, "control characters, DEL, C1, bidi overrides and non-characters are refused");
	CHECK(ledit_key(&ed, '\n') == 0 && ed.len == 0, "single line: Enter is not handled");
	CHECK(ledit_key(&ed, LE_UP) == 0 && ledit_key(&ed, LE_DOWN) == 0, "single line: Up/Down are not handled");

	type(&ed, "æøå");
	CHECK(ledit_key(&ed, 'x') == 0, "maxlen 3 counts characters, not bytes (6 bytes typed)");
	CHECK_STR(ledit_text(&ed), "æøå", "nothing inserted beyond maxlen");
	ledit_key(&ed, LE_BACKSPACE);
	CHECK(ledit_key(&ed, 0x1F600) == 1, "room again after Backspace");
	CHECK_STR(ledit_text(&ed), "æø😀", "emoji counts as one character");
	ledit_free(&ed);
}

static void test_multiline(void)
{
	struct ledit ed;
	ledit_init(&ed, 1, 0);
	type(&ed, "abcdef");
	ledit_key(&ed, '\n');
	type(&ed, "日本語");
	ledit_key(&ed, '\n');
	type(&ed, "xy");
	CHECK_STR(ledit_text(&ed), "abcdef\n日本語\nxy", "Enter inserts newlines in a text area");

	ledit_set(&ed, "abcdef\n日本語\nxy");
	keys(&ed, LE_UP, 2);
	keys(&ed, LE_HOME, 1);
	keys(&ed, LE_RIGHT, 3);
	CHECK(ed.cur == 3, "cursor after abc on the first line");
	CHECK(ledit_key(&ed, LE_UP) == 0, "Up on the first line is not handled");
	ledit_key(&ed, LE_DOWN);
	/* Column 3 is the middle of 本; the cursor stops before it. */
	CHECK(ed.cur == 7 + 3 && on_boundary(&ed), "Down keeps the column without splitting 本");
	ledit_key(&ed, LE_DOWN);
	CHECK(ed.cur == ed.len, "Down onto a shorter line goes to its end");
	ledit_key(&ed, LE_UP);
	ledit_key(&ed, LE_UP);
	CHECK(ed.cur == 3, "the goal column survives the trip (back after abc)");
	ledit_key(&ed, LE_END);
	CHECK(ed.cur == 6, "End stops at the end of the line");
	ledit_key(&ed, CTRL('k'));
	CHECK_STR(ledit_text(&ed), "abcdef日本語\nxy", "Ctrl-K at the end of a line joins the next");
	ledit_key(&ed, LE_END);
	ledit_key(&ed, LE_DOWN);
	CHECK(ledit_key(&ed, LE_DOWN) == 0, "Down on the last line is not handled");
	ledit_key(&ed, CTRL('u'));
	CHECK_STR(ledit_text(&ed), "abcdef日本語\n", "Ctrl-U deletes to the start of the line only");
	ledit_free(&ed);
}

/* Walks the cursor over the whole text, checking after each step that it
 * is visible, inside the box and that the row shows no split character. */
static int view_ok(struct ledit *ed, int width)
{
	for (size_t guard = 0; guard <= ed->len + 1; guard++) {
		int cy, cx;
		char row[256];
		ledit_view(ed, width, 1, &cy, &cx);
		int cols = ledit_row(ed, 0, width, row, sizeof row);
		uint32_t cp = 0;
		int n = ed->cur < ed->len ? text_decode(ed->buf + ed->cur, ed->len - ed->cur, &cp) : 0;
		int wcur = n ? text_cp_width(cp) : 1;
		if (cy != 0 || cx < 0 || cx + wcur > width || cols > width || text_width(row) != cols)
			return 0;
		/* The character at the cursor must be the one shown at column cx. */
		int at = text_prefix_cols(row, cx);
		if (n && wcur <= width && strncmp(row + at, ed->buf + ed->cur, (size_t)n) != 0)
			return 0;
		if (!on_boundary(ed))
			return 0;
		if (ledit_key(ed, LE_LEFT) == 0)
			return 1;
	}
	return 0;
}

static void test_view(void)
{
	struct ledit ed;
	int cy, cx;
	char row[256];
	ledit_init(&ed, 0, 0);
	ledit_set(&ed, "abcdefghijklmnopqrstuvwxyz0123");
	ledit_view(&ed, 10, 1, &cy, &cx);
	CHECK(cy == 0 && cx == 9 && ed.scroll == 21, "cursor at the end of long text: last column (cx=%d scroll=%d)", cx, ed.scroll);
	CHECK(ledit_row(&ed, 0, 10, row, sizeof row) == 9 && strcmp(row, "vwxyz0123") == 0, "row shows the tail");
	ledit_key(&ed, LE_HOME);
	ledit_view(&ed, 10, 1, &cy, &cx);
	CHECK(cx == 0 && ed.scroll == 0, "Home scrolls back to the start");
	ledit_row(&ed, 0, 10, row, sizeof row);
	CHECK_STR(row, "abcdefghij", "row shows the head");

	ledit_set(&ed, "日本語日本語日本語");
	CHECK(view_ok(&ed, 7), "wide CJK at odd width 7: cursor visible, nothing split");
	ledit_set(&ed, "Søren 👍 Ågård 日本 ærø 😀😀 æøå");
	CHECK(view_ok(&ed, 5), "mixed text at width 5");
	CHECK(view_ok(&ed, 1), "mixed text at width 1 does not crash or split");
	ledit_set(&ed, "日本語日本語");
	ledit_key(&ed, LE_HOME);
	ledit_view(&ed, 5, 1, &cy, &cx);
	CHECK(ledit_row(&ed, 0, 5, row, sizeof row) == 5, "a wide character cut at the right edge...");
	CHECK_STR(row, "日本 ", "...is shown as a space");
	ledit_set(&ed, "short");
	ed.scroll = 3;
	ledit_view(&ed, 10, 1, &cy, &cx);
	CHECK(ed.scroll == 0 && cx == 5, "text that fits is never scrolled");
	ledit_free(&ed);

	ledit_init(&ed, 1, 0);
	ledit_set(&ed, "l0\nl1\nl2\nl3\nl4\nl5");
	ledit_view(&ed, 10, 3, &cy, &cx);
	CHECK(ed.top == 3 && cy == 2 && cx == 2, "text area scrolls to the cursor line (top=%d cy=%d)", ed.top, cy);
	ledit_row(&ed, 0, 10, row, sizeof row);
	CHECK_STR(row, "l3", "first row shows line 3");
	keys(&ed, LE_UP, 5);
	ledit_view(&ed, 10, 3, &cy, &cx);
	CHECK(ed.top == 0 && cy == 0, "back up at line 0");
	CHECK(ledit_row(&ed, 6, 10, row, sizeof row) == 0 && row[0] == '\0', "rows past the text are empty");

	ledit_set(&ed, "日本語日本語\nabcdefghijk");
	ledit_view(&ed, 5, 2, &cy, &cx);
	CHECK(ed.scroll == 7 && cx == 4 && cy == 1, "scrolled for the cursor line (scroll=%d cx=%d)", ed.scroll, cx);
	ledit_row(&ed, 0, 5, row, sizeof row);
	CHECK_STR(row, " 本語", "another line's wide character cut on the left shows as a space");
	ledit_free(&ed);
}

/* ------------------------------------------------------------ form model */

enum { F_NAME, F_NOTES, F_FROM, F_HOURS, F_PRICE, F_SCORE, F_UNIT, F_ACTIVE, F_COUNT };

static const fdesc fields[F_COUNT] = {
	[F_NAME] = { "Name", FK_TEXT, 1, 10, 0, 0, NULL, NULL, NULL },
	[F_NOTES] = { "Notes", FK_TEXTAREA, 0, 0, 0, 0, NULL, NULL, NULL },
	[F_FROM] = { "From", FK_DATE, 0, 0, 0, 0, NULL, NULL, NULL },
	[F_HOURS] = { "Hours", FK_INT, 0, 0, 1, 40, NULL, NULL, NULL },
	[F_PRICE] = { "Price", FK_MONEY, 0, 0, 0, 0, NULL, NULL, NULL },
	[F_SCORE] = { "Score", FK_DECIMAL, 0, 0, 0, 10, NULL, NULL, NULL },
	[F_UNIT] = { "Unit", FK_CHOICE, 1, 0, 0, 0, NULL, NULL, NULL },
	[F_ACTIVE] = { "Active", FK_BOOL, 0, 0, 0, 0, NULL, NULL, NULL },
};

static void set(form *f, int i, const char *text)
{
	ledit_set(&f->fld[i].ed, text);
}

/* Validates, expecting field `want_bad` to fail with a message containing
 * msg (want_bad -1: success). */
static int check(form *f, int want_bad, const char *msg)
{
	int bad = 99;
	kerr e;
	kcode c = form_validate(f, &bad, &e);
	if (want_bad < 0)
		return c == KE_OK && bad == -1;
	if (c != KE_INVALID || bad != want_bad || !strstr(e.msg, msg)) {
		printf("#   code %d bad %d msg '%s'\n", c, bad, e.msg);
		return 0;
	}
	return 1;
}

static void test_form_values(void)
{
	form *f = form_new("test", "Test", fields, F_COUNT);
	CHECK(f != NULL, "form_new");
	CHECK(form_set_text(f, F_NAME, "Søren") == 0, "set text");
	CHECK(form_set_text(f, F_FROM, "2026-03-14") == 0, "set an ISO date");
	CHECK_STR(form_value(f, F_FROM)->text, "14-03-2026", "ISO date shown the Danish way");
	CHECK_STR(form_value(f, F_FROM)->iso, "2026-03-14", "...and kept as ISO");
	CHECK(form_set_num(f, F_PRICE, 1250000) == 0, "set an amount");
	CHECK_STR(form_value(f, F_PRICE)->text, "1.250.000", "amount shown with thousands dots");
	form_set_num(f, F_HOURS, 7);
	form_set_dec(f, F_SCORE, 7.5);
	CHECK_STR(form_value(f, F_SCORE)->text, "7,5", "decimal shown with a comma");
	CHECK(form_set_choice(f, F_UNIT, 42, "Børnehuset Ærø") == 0, "set a choice");
	CHECK(form_set_bool(f, F_ACTIVE, 1) == 0, "set a switch");
	CHECK(form_set_num(f, F_NAME, 3) < 0 && form_set_text(f, F_UNIT, "x") < 0 && form_set_text(f, 99, "x") < 0,
	      "setters refuse the wrong kind or index");
	CHECK(!form_dirty(f), "not dirty after the setters");

	set(f, F_NAME, "Søren Å");
	CHECK(form_dirty(f), "dirty after an edit");
	set(f, F_NAME, "Søren");
	CHECK(!form_dirty(f), "editing back to the original is not a change");
	f->fld[F_ACTIVE].v.on = 0;
	CHECK(form_dirty(f), "a switched switch is a change");
	f->fld[F_ACTIVE].v.on = 1;

	CHECK(check(f, -1, NULL), "valid form validates");
	CHECK(form_value(f, F_PRICE)->num == 1250000 && form_value(f, F_HOURS)->num == 7 &&
	      form_value(f, F_SCORE)->dec == 7.5, "numbers parsed");
	form_free(f);
}

static void test_form_validation(void)
{
	form *f = form_new("test", "Test", fields, F_COUNT);
	form_set_choice(f, F_UNIT, 3, "Enhed");
	CHECK(check(f, F_NAME, "Name is required."), "required text");
	set(f, F_NAME, "   ");
	CHECK(check(f, F_NAME, "Name is required."), "blanks do not fill a required field");
	set(f, F_NAME, "Ida\x01");
	CHECK(check(f, F_NAME, "control characters"), "control characters refused");
	set(f, F_NAME, "Ida Ærbøll Hansen");
	CHECK(check(f, F_NAME, "at most 10 characters"), "too long text set from outside");
	set(f, F_NAME, "Ida Ærbøll");
	set(f, F_NOTES, "line 1\nline 2");
	CHECK(check(f, -1, NULL), "10 characters with æø fit; newlines allowed in a text area");

	set(f, F_FROM, "22/11");
	CHECK(check(f, -1, NULL) && strcmp(form_value(f, F_FROM)->iso, "2026-11-22") == 0, "22/11 is this year's 22 November");
	CHECK_STR(form_value(f, F_FROM)->text, "22-11-2026", "date shown back the Danish way");
	set(f, F_FROM, "22.11.2026");
	CHECK(check(f, -1, NULL) && !strcmp(form_value(f, F_FROM)->iso, "2026-11-22"), "22.11.2026");
	set(f, F_FROM, "31-02-2026");
	CHECK(check(f, F_FROM, "From: write a date like 22-11-2026."), "impossible date refused");
	CHECK_STR(form_value(f, F_FROM)->text, "31-02-2026", "the wrong date is kept as typed");
	set(f, F_FROM, "");
	CHECK(check(f, -1, NULL) && form_value(f, F_FROM)->iso[0] == '\0', "empty optional date");

	set(f, F_HOURS, "41");
	CHECK(check(f, F_HOURS, "Hours must be a whole number between 1 and 40."), "int above max");
	set(f, F_HOURS, "4a");
	CHECK(check(f, F_HOURS, "between 1 and 40"), "int with a letter");
	set(f, F_HOURS, "-3");
	CHECK(check(f, F_HOURS, "between 1 and 40"), "negative int when min is 1");
	set(f, F_HOURS, " 37 ");
	CHECK(check(f, -1, NULL) && form_value(f, F_HOURS)->num == 37, "int with blanks around");

	static const struct { const char *in; long long want; } money[] = {
		{ "12.500", 12500 }, { "12500", 12500 }, { "12.500,-", 12500 }, { "12.500 kr", 12500 },
		{ "12.500 kr.", 12500 }, { "kr. 1.000.000", 1000000 }, { "DKK 12 500,00", 12500 }, { "0", 0 },
	};
	for (size_t i = 0; i < sizeof money / sizeof *money; i++) {
		set(f, F_PRICE, money[i].in);
		CHECK(check(f, -1, NULL) && form_value(f, F_PRICE)->num == money[i].want, "money \"%s\"", money[i].in);
	}
	static const char *const bad_money[] = { "12.5", "12,50", "1.2345", "12..500", "abc", "-5", "12.500.-kr x" };
	for (size_t i = 0; i < sizeof bad_money / sizeof *bad_money; i++) {
		set(f, F_PRICE, bad_money[i]);
		CHECK(check(f, F_PRICE, "Price: write an amount in whole kroner, like 12.500."), "money \"%s\" refused", bad_money[i]);
	}
	set(f, F_PRICE, "99999999999999999999");
	CHECK(check(f, F_PRICE, "whole kroner"), "money overflow refused");
	set(f, F_PRICE, "");

	set(f, F_SCORE, "7,5");
	CHECK(check(f, -1, NULL) && form_value(f, F_SCORE)->dec == 7.5, "decimal with comma");
	set(f, F_SCORE, "7.25");
	CHECK(check(f, -1, NULL) && form_value(f, F_SCORE)->dec == 7.25, "decimal with dot");
	set(f, F_SCORE, "7,5,1");
	CHECK(check(f, F_SCORE, "Score: write a number like 7,5."), "two commas refused");
	set(f, F_SCORE, "10,5");
	CHECK(check(f, F_SCORE, "Score must be a number between 0 and 10."), "decimal above max");
	set(f, F_SCORE, "");

	form_set_choice(f, F_UNIT, 0, NULL);
	CHECK(check(f, F_UNIT, "Unit is required."), "required choice");
	form_set_choice(f, F_UNIT, 3, "Enhed");

	set(f, F_HOURS, "0");
	set(f, F_FROM, "nonsense");
	CHECK(check(f, F_FROM, "From:"), "the first bad field is reported");

	i18n_set(LANG_DA);
	CHECK(check(f, F_FROM, "From: skriv en dato som 22-11-2026."), "message in Danish");
	i18n_set(LANG_EN);
	form_free(f);
}

static void test_drafts(void)
{
	form *f = form_new("test", "Test", fields, F_COUNT);
	set(f, F_NAME, "Å\\b\tc");
	set(f, F_NOTES, "første linje\nanden \\n linje\r\n日本 👍\n");
	set(f, F_FROM, "22/11");
	set(f, F_PRICE, "12.500 kr");
	form_set_choice(f, F_UNIT, 9007199254740993LL, "Ærø\tSkole");
	form_set_bool(f, F_ACTIVE, 1);
	char *data = form_serialize(f);
	CHECK(data != NULL && !strchr(strchr(data, '\n') + 1, '\r'), "serialized; no raw CR inside");

	form *g = form_new("test", "Test", fields, F_COUNT);
	form_set_text(g, F_NAME, "old");
	CHECK(form_restore(g, data) == 0, "restored");
	int same = 1;
	for (int i = 0; i < F_COUNT; i++) {
		const fvalue *a = form_value(f, i), *b = form_value(g, i);
		same &= strcmp(a->text, b->text) == 0 && a->id == b->id && a->on == b->on;
	}
	CHECK(same, "every text, id and switch survives the round trip");
	CHECK(form_dirty(g), "restored values count as changes");
	char *again = form_serialize(g);
	CHECK(again && strcmp(again, data) == 0, "serializing the restored form gives the same text");
	free(again);

	static const fdesc other[2] = { { "Name", FK_TEXT, 1, 10, 0, 0, NULL, NULL, NULL, NULL },
					{ "Notes", FK_DATE, 0, 0, 0, 0, NULL, NULL, NULL, NULL } };
	form *h = form_new("other", "Other", other, 2);
	form_set_text(h, 0, "keep");
	CHECK(form_restore(h, data) < 0, "a draft of another form is refused");
	CHECK_STR(form_value(h, 0)->text, "keep", "...and changes nothing");
	CHECK(form_restore(h, "kupform 1\nt\t0\t0\tx\n") < 0, "too few fields refused");
	CHECK(form_restore(h, "kupform 1\nt\t0\t0\tx\nd\t0\t0\ty\nt\t0\t0\tz\n") < 0, "too many fields refused");
	CHECK(form_restore(h, "kupform 1\nt\t0\t0\tx\\q\nd\t0\t0\ty\n") < 0, "bad escape refused");
	CHECK(form_restore(h, "kupform 1\nt\t0\t0\tx\\\nd\t0\t0\ty\n") < 0, "lone backslash refused");
	CHECK(form_restore(h, "junk") < 0 && form_restore(h, NULL) < 0, "junk refused");
	CHECK(form_restore(h, "kupform 1\nt\t0\t0\tnew\nd\t0\t0\t1/2\n") == 0, "a matching draft is taken");
	CHECK_STR(form_value(h, 0)->text, "new", "...and applied");
	form_free(h);
	free(data);
	form_free(g);
	form_free(f);
}

/* A form of a year's plan takes a short date into that year, not today's. */
static void test_form_year(void)
{
	form *f = form_new("goal", "Goal", fields, F_COUNT);
	CHECK(f != NULL, "form_new");
	form_set_choice(f, F_UNIT, 1, "Unit");
	form_set_text(f, F_NAME, "x");
	set(f, F_FROM, "30/6");
	CHECK(check(f, -1, NULL) && !strcmp(form_value(f, F_FROM)->iso, "2026-06-30"),
	      "without a year set, 30/6 is this year's (%s)", form_value(f, F_FROM)->iso);
	form_set_year(f, 2027);
	set(f, F_FROM, "30/6");
	CHECK(check(f, -1, NULL) && !strcmp(form_value(f, F_FROM)->iso, "2027-06-30"),
	      "in a 2027 plan 30/6 is 30-06-2027 (%s)", form_value(f, F_FROM)->iso);
	CHECK_STR(form_value(f, F_FROM)->text, "30-06-2027", "and shown with its year");
	set(f, F_FROM, "30.6.");
	CHECK(check(f, -1, NULL) && !strcmp(form_value(f, F_FROM)->iso, "2027-06-30"), "30.6. too");
	set(f, F_FROM, "30-06-2028");
	CHECK(check(f, -1, NULL) && !strcmp(form_value(f, F_FROM)->iso, "2028-06-30"),
	      "a date with its year keeps it");
	form_free(f);
}

int main(void)
{
	setenv("KUP_TODAY", "2026-05-01", 1);
	i18n_set(LANG_EN);
	test_typing();
	test_kills();
	test_refused();
	test_multiline();
	test_view();
	test_form_values();
	test_form_validation();
	test_drafts();
	test_form_year();
	i18n_done();
	return t_done();
}
