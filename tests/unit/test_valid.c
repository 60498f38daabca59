/* test_valid.c — the input checks every write path shares (db_valid.c). */
#include "db_internal.h"
#include "i18n.h"
#include "t.h"

int main(void)
{
	i18n_set(LANG_EN);
	kerr e;
	CHECK(db_check_text("Name", "Søren Ågård", 1, 120, 0, &e) == KE_OK, "Danish letters pass");
	CHECK(db_check_text("Name", "", 1, 120, 0, &e) == KE_INVALID && strstr(e.msg, "Name is required"),
	      "an empty required field names itself");
	CHECK(db_check_text("Notes", "", 0, 120, 0, &e) == KE_OK, "an empty optional field passes");
	CHECK(db_check_text("Name", "ÆØÅæøå", 1, 5, 0, &e) == KE_INVALID && strstr(e.msg, "at most 5"),
	      "length counts characters, not bytes (6 > 5)");
	CHECK(db_check_text("Name", "ÆØÅæø", 1, 5, 0, &e) == KE_OK, "five Danish letters fit in 5");
	CHECK(db_check_text("Name", "Eve\033]0;pwned\007", 1, 120, 0, &e) == KE_INVALID &&
	      strstr(e.msg, "control characters"), "ESC and BEL are refused");
	CHECK(db_check_text("Why", "line one\nline two", 0, 120, 1, &e) == KE_OK, "a newline is fine in a multi-line field");
	CHECK(db_check_text("Name", "line one\nline two", 1, 120, 0, &e) == KE_INVALID, "but not in a one-line field");
	CHECK(db_check_text("Name", "Bidi \xE2\x80\xAE gnirts", 1, 120, 0, &e) == KE_INVALID,
	      "a bidi override (U+202E) is refused");
	CHECK(db_check_text("Name", "S\xF8ren", 1, 120, 0, &e) == KE_INVALID && strstr(e.msg, "UTF-8"),
	      "Latin-1 bytes (invalid UTF-8) are refused with a clear message");
	CHECK(db_check_text("Name", "a \xEF\xBF\xBD b", 1, 120, 0, &e) == KE_OK, "a real U+FFFD is accepted");
	CHECK(db_check_date("Deadline", "2026-02-29", 0, &e) == KE_INVALID && strstr(e.msg, "22-11-2026"),
	      "29 February 2026 is refused with an example of a good date");
	CHECK(db_check_date("Deadline", "2028-02-29", 0, &e) == KE_OK, "29 February 2028 is a date");
	CHECK(db_check_date("Deadline", "", 1, &e) == KE_INVALID, "a required date may not be empty");
	i18n_set(LANG_DA);
	CHECK(db_check_text("Navn", "", 1, 120, 0, &e) == KE_INVALID && strstr(e.msg, "skal udfyldes"),
	      "the message is Danish when Danish is on (got: %s)", e.msg);
	i18n_done();
	return t_done();
}
