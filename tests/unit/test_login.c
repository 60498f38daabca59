/* test_login.c — logins as a server joined to Active Directory gives them
 * (sssd: jens.hansen@kommune.local, folded to lower case, up to 256
 * bytes): the check (db_valid.c), the fold (login.c), and the staff
 * register, the identification and the drafts compare them folded. */
#include "db_internal.h"
#include "db_draft.h"
#include "db_org.h"
#include "db_staff.h"
#include "i18n.h"
#include "login.h"
#include "t.h"

#include <sqlite3.h>
#include <unistd.h>

static char dir[] = "/tmp/kup-test-login.XXXXXX";

/* A name of n bytes: "a" repeated, then "@kommune.local". */
static void long_name(char *buf, size_t n)
{
	const char *tail = "@kommune.local";
	size_t t = strlen(tail);
	memset(buf, 'a', n - t);
	memcpy(buf + n - t, tail, t + 1);
}

static void test_check(void)
{
	kerr e = { 0 };
	CHECK(valid_login("login", "jens.hansen@kommune.local", 1, &e) == KE_OK, "jens.hansen@kommune.local is a login");
	CHECK(valid_login("login", "JENS.HANSEN@KOMMUNE.LOCAL", 1, &e) == KE_OK, "so is the same in capitals");
	CHECK(valid_login("login", "søren ærø@kommune.local", 1, &e) == KE_OK, "æøå and a space inside are fine");
	CHECK(valid_login("login", "KOMMUNE\\jens/x", 1, &e) == KE_OK, "a backslash and a '/' are fine (getpwuid may give them)");
	char name[LOGIN_MAX + 2];
	long_name(name, LOGIN_MAX);
	CHECK(strlen(name) == 256 && valid_login("login", name, 1, &e) == KE_OK, "256 bytes are allowed");
	long_name(name, LOGIN_MAX + 1);
	CHECK(valid_login("login", name, 1, &e) == KE_INVALID && kerr_is_field(&e, "login") && strstr(e.msg, "at most 256"),
	      "257 bytes are refused, naming the field and the limit (%s)", e.msg);
	/* 128 'æ' are 256 bytes; one more is 258 */
	char ae[300] = "";
	for (int i = 0; i < 129; i++)
		strcat(ae, "æ");
	CHECK(valid_login("login", ae, 1, &e) == KE_INVALID, "129 æ (258 bytes) are too long though 129 characters");
	ae[256] = '\0';
	CHECK(valid_login("login", ae, 1, &e) == KE_OK, "128 æ (256 bytes) fit");
	CHECK(valid_login("login", "a:b", 1, &e) == KE_INVALID && kerr_is_field(&e, "login") && strstr(e.msg, "':'"),
	      "a:b is refused: ':' separates the fields of passwd (%s)", e.msg);
	CHECK(valid_login("login", "jens\nroot", 1, &e) == KE_INVALID && strstr(e.msg, "control"), "a newline is refused");
	CHECK(valid_login("login", "jens\tx", 1, &e) == KE_INVALID && strstr(e.msg, "control"), "a tab is refused");
	CHECK(valid_login("login", "jens\033[31m", 1, &e) == KE_INVALID && strstr(e.msg, "control"), "ESC is refused");
	CHECK(valid_login("login", "jens\xE2\x80\xAEx", 1, &e) == KE_INVALID, "a bidi override is refused");
	CHECK(valid_login("login", "j\xF8rgen", 1, &e) == KE_INVALID && strstr(e.msg, "UTF-8"), "Latin-1 bytes are refused");
	CHECK(valid_login("login", " jens", 1, &e) == KE_INVALID && strstr(e.msg, "space"), "a leading space is refused");
	CHECK(valid_login("login", "jens ", 1, &e) == KE_INVALID && strstr(e.msg, "space"), "a trailing space is refused");
	kerr_clear(&e);
	CHECK(valid_login("login", "", 1, &e) == KE_INVALID && kerr_is_field(&e, "login") && strstr(e.msg, "Login is required"),
	      "an empty login is refused with a field error when one is needed (%s)", e.msg);
	CHECK(valid_login("login", "", 0, &e) == KE_OK, "and passes where it may be left out");
	i18n_set(LANG_DA);
	CHECK(valid_login("login", "a:b", 1, &e) == KE_INVALID && strstr(e.msg, "må ikke"), "in Danish: %s", e.msg);
	i18n_set(LANG_EN);
}

static void test_fold(void)
{
	char out[LOGIN_MAX + 1];
	CHECK(login_fold("JENS.HANSEN@KOMMUNE.LOCAL", out, sizeof out) == 0 && !strcmp(out, "jens.hansen@kommune.local"),
	      "capitals fold to lower case");
	CHECK(login_fold("SØREN.ÆRØ@KOMMUNE.LOCAL", out, sizeof out) == 0 && !strcmp(out, "søren.ærø@kommune.local"),
	      "Æ, Ø and Å fold too (%s)", out);
	char again[LOGIN_MAX + 1];
	CHECK(login_fold(out, again, sizeof again) == 0 && !strcmp(out, again), "folding a folded name changes nothing");
	CHECK(login_fold("jens", out, 4) == -1 && out[0] == '\0', "a name that does not fit is refused, not cut");
	CHECK(login_fold("j\xF8rgen", out, sizeof out) == -1, "invalid UTF-8 is refused");
}

static void test_register(kdb *db, const kactor *admin)
{
	kerr e = { 0 };
	unit_rec u = { .name = "Skolen", .kind = "institution" };
	CHECK(unit_save(db, admin, &u, &e) == KE_OK, "a unit (%s)", e.msg);
	free(u.sort_key); /* the save hands back the list key */
	staff_rec s = { .name = "Jens Hansen", .initials = "JH", .title = "", .unit_id = u.id, .email = "",
			.login = "Jens.Hansen@Kommune.LOCAL", .emp_no = "" };
	CHECK(staff_save(db, admin, &s, &e) == KE_OK, "a person with an AD login is saved (%s)", e.msg);
	staff_rec g = { 0 };
	CHECK(staff_get(db, admin, s.id, &g, &e) == KE_OK && !strcmp(g.login, "jens.hansen@kommune.local"),
	      "it is kept folded, as sssd gives it (%s)", g.login ? g.login : "?");
	staff_free(&g);
	CHECK(staff_find_login(db, admin, "JENS.HANSEN@KOMMUNE.LOCAL", &g, &e) == KE_OK && g.id == s.id,
	      "JENS.HANSEN@KOMMUNE.LOCAL finds jens.hansen@kommune.local");
	staff_free(&g);

	staff_rec t = s;
	t.id = 0;
	t.version = 0;
	t.name = "Jens Hansen To";
	t.initials = "JH2";
	t.login = "JENS.HANSEN@kommune.local";
	CHECK(staff_save(db, admin, &t, &e) == KE_EXISTS && kerr_is_field(&e, "login"),
	      "the same login in other capitals belongs to the first person (%s)", e.msg);

	kactor who;
	CHECK(db_actor_for_login(db, "JENS.HANSEN@KOMMUNE.LOCAL", 0, &who, &e) == KE_OK && who.staff_id == s.id &&
	      !strcmp(who.login, "jens.hansen@kommune.local"),
	      "an OS user named JENS.HANSEN@KOMMUNE.LOCAL is identified as Jens Hansen, login folded (%s)", e.msg);
	CHECK(db_actor_for_login(db, "jens.hansen@kommune.local", 0, &who, &e) == KE_OK && who.staff_id == s.id,
	      "and so is the name as sssd gives it");
	CHECK(db_actor_for_login(db, "a:b", 0, &who, &e) == KE_DENIED && strstr(e.msg, "':'"),
	      "a name kup cannot keep is turned away with the reason (%s)", e.msg);

	char name[LOGIN_MAX + 2];
	long_name(name, LOGIN_MAX);
	t.login = name;
	CHECK(staff_save(db, admin, &t, &e) == KE_OK, "a login of 256 bytes is stored (%s)", e.msg);
	CHECK(db_actor_for_login(db, name, 0, &who, &e) == KE_OK && who.staff_id == t.id && strlen(who.login) == 256,
	      "and its person is identified by it, whole");
	long_name(name, LOGIN_MAX + 1);
	CHECK(db_actor_for_login(db, name, 0, &who, &e) == KE_DENIED,
	      "257 bytes, which no record can hold, are nobody (not cut to someone's 256)");

	/* the drafts of that person are theirs whatever case --as named them */
	kactor jens;
	CHECK(db_actor_for_login(db, "Jens.Hansen@Kommune.Local", 0, &jens, &e) == KE_OK, "Jens acts");
	CHECK(draft_save(db, &jens, "staff", 0, 0, "Ny medarbejder", "kupform 1", &e) == KE_OK,
	      "a draft is kept for an AD login (%s)", e.msg);
	kactor again;
	draft_rec d = { 0 };
	CHECK(db_actor_for_login(db, "JENS.HANSEN@KOMMUNE.LOCAL", 0, &again, &e) == KE_OK &&
	      draft_get(db, &again, "staff", 0, &d, &e) == KE_OK && !strcmp(d.data, "kupform 1"),
	      "and offered back when the login comes in other capitals");
	draft_free(&d);

	/* the schema holds what SQL can see of the rule */
	CHECK(sqlite3_exec(db->h, "UPDATE staff SET login = 'Jens@x' WHERE id = 1", NULL, NULL, NULL) != SQLITE_OK,
	      "the schema refuses a login in ASCII capitals");
	CHECK(sqlite3_exec(db->h, "UPDATE staff SET login = 'a:b' WHERE id = 1", NULL, NULL, NULL) != SQLITE_OK,
	      "the schema refuses ':'");
	CHECK(sqlite3_exec(db->h, "UPDATE staff SET login = 'a' || char(9) || 'b' WHERE id = 1", NULL, NULL, NULL) != SQLITE_OK,
	      "the schema refuses a control character");
	CHECK(sqlite3_exec(db->h, "UPDATE staff SET login = ' a' WHERE id = 1", NULL, NULL, NULL) != SQLITE_OK,
	      "the schema refuses a leading space");
	CHECK(sqlite3_exec(db->h, "UPDATE staff SET login = 'søren ærø@kommune.local' WHERE id = 1", NULL, NULL, NULL) == SQLITE_OK,
	      "the schema takes æøå and a space inside");
}

int main(void)
{
	i18n_set(LANG_EN);
	test_check();
	test_fold();
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	char path[300];
	snprintf(path, sizeof path, "%s/l.db", dir);
	kdb *db = NULL;
	kerr e = { 0 };
	if (db_open(path, DB_OPEN_CREATE, &db, &e)) {
		CHECK(0, "create: %s", e.msg);
		return t_done();
	}
	kactor admin;
	db_actor_local_admin(&admin, "HR.Admin@Kommune.Local");
	CHECK(!strcmp(admin.login, "hr.admin@kommune.local"), "a local owner's login is folded too (%s)", admin.login);
	test_register(db, &admin);
	db_close(db);
	unlink(path);
	char side[320];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	rmdir(dir);
	i18n_done();
	return t_done();
}
