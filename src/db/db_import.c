/* db_import.c — see db_import.h. The check runs inside the same BEGIN
 * IMMEDIATE transaction as the writes (db_bulk_begin), so what was checked
 * is what gets written; the writes go through staff_save()/activity_save()
 * and their *_set_active(), so every row is validated and audited exactly as
 * when it is typed in a form. */
#include "db_import.h"
#include "date.h"
#include "db_activity.h"
#include "db_internal.h"
#include "db_org.h"
#include "db_staff.h"
#include "i18n.h"
#include "text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the result ---- */

void import_result_free(import_result *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->nproblems; i++)
		free(r->problems[i]);
	for (int i = 0; i < r->nactions; i++)
		free(r->actions[i]);
	for (int i = 0; i < r->nnotes; i++)
		free(r->notes[i]);
	free(r->problems);
	free(r->actions);
	free(r->notes);
	free(r->deactivation);
	memset(r, 0, sizeof *r);
}

static int add_line(char ***list, int *n, const char *fmt, va_list ap)
{
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		return -1;
	char **t = realloc(*list, (size_t)(*n + 1) * sizeof *t);
	if (!t) {
		free(s);
		return -1;
	}
	*list = t;
	t[(*n)++] = s;
	return 0;
}

/* A file of junk can hold a problem on every line: the list is kept short
 * and the rest counted, so memory does not grow with the file. */
static int problem_add(import_result *r, const char *fmt, va_list ap)
{
	if (r->nproblems >= IMPORT_MAX_PROBLEMS) {
		r->problems_left_off++;
		return 0;
	}
	return add_line(&r->problems, &r->nproblems, fmt, ap);
}

int import_problem(import_result *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = problem_add(r, fmt, ap);
	va_end(ap);
	return rc;
}

static int add_plain(char ***list, int *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int add_plain(char ***list, int *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = add_line(list, n, fmt, ap);
	va_end(ap);
	return rc;
}

int import_problems_close(import_result *r)
{
	if (!r->problems_left_off)
		return 0;
	int rc = add_plain(&r->problems, &r->nproblems, _("... and %d more problems."), r->problems_left_off);
	r->problems_left_off = 0;
	return rc;
}

int import_problem_count(const import_result *r)
{
	return r->nproblems + r->problems_left_off;
}

/* A run of an import: the table, the column map and the result. */
typedef struct run {
	kdb *db;
	const kactor *who;
	const import_table *t;
	int *col;          /* our column -> the file's, -1 absent */
	import_result *res;
	int oom;
	const krecord *kr;
	const char *const *cols; /* the SQL columns of our columns */
	int ncols;
	int plain[40];     /* field of kr -> the file's column, -1 absent: the
			    * fields the import has no code of its own for,
			    * taken as the description says */
} run;

static void problem(run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(run *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (problem_add(r->res, fmt, ap))
		r->oom = 1;
	va_end(ap);
}

static void action(run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void action(run *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (add_line(&r->res->actions, &r->res->nactions, fmt, ap))
		r->oom = 1;
	va_end(ap);
}

/* A cell of row i, our column c, trimmed of spaces; NULL when the file has
 * no such column or the cell is empty: an empty cell keeps what is stored
 * (db_import.h), as if the column were not there. Points into buf. */
static const char *cell(const run *r, int i, int c, char *buf, size_t size)
{
	if (r->col[c] < 0)
		return NULL;
	const char *s = r->t->cells[(size_t)i * (size_t)r->t->ncols + (size_t)r->col[c]];
	if (!s)
		s = "";
	while (*s == ' ')
		s++;
	snprintf(buf, size, "%s", s);
	size_t n = strlen(buf);
	while (n > 0 && buf[n - 1] == ' ')
		buf[--n] = '\0';
	return n ? buf : NULL;
}

static const char *head(const run *r, int c)
{
	return r->t->head[r->col[c]];
}

/* Problem at row i, column c: "line 14, column 'enhed': <msg>". */
static void bad(run *r, int i, int c, const char *msg)
{
	problem(r, _("line %d, column '%s': %s"), r->t->line[i], head(r, c), msg);
}

/* Maps the header onto our columns by the headings the record's
 * description gives each field (cols[c]: the SQL column of our column c;
 * "id" is the record's own id). Headings are folded ("Lønnummer" finds
 * lonnummer). Unknown and repeated columns are problems: a typo must not
 * silently drop a column of data. */
static void map_columns(run *r, const krecord *kr, const char *const *cols, int ncols, const char *what)
{
	for (int c = 0; c < ncols; c++)
		r->col[c] = -1;
	r->kr = kr;
	r->cols = cols;
	r->ncols = ncols;
	for (size_t i = 0; i < sizeof r->plain / sizeof *r->plain; i++)
		r->plain[i] = -1;
	for (int h = 0; h < r->t->ncols; h++) {
		char *f = text_fold(r->t->head[h]);
		if (!f) {
			r->oom = 1;
			return;
		}
		size_t len = strlen(f);
		while (len && f[len - 1] == ' ')
			f[--len] = '\0';
		const kfield *kf = krecord_import_field(kr, f);
		const char *col = !strcmp(f, "id") ? "id" : kf ? kf->col : NULL;
		int found = -1;
		for (int c = 0; col && c < ncols && found < 0; c++)
			if (!strcmp(cols[c], col))
				found = c;
		const char *shown = r->t->head[h];
		int fi = kf && found < 0 ? (int)(kf - kr->fields) : -1;
		if (fi >= 0 && fi < (int)(sizeof r->plain / sizeof *r->plain) &&
		    !(kf->flags & (KF_VIEW | KF_NOFORM)) && kf->kind != KF_REF && kf->kind != KF_ROLE) {
			if (r->plain[fi] >= 0)
				problem(r, _("line %d: the column '%s' appears twice."), 1, shown);
			r->plain[fi] = h;
		} else if (found < 0 && *f)
			problem(r, _("line %d: the column '%s' is not one kup knows for %s."), 1, shown, what);
		else if (found >= 0 && r->col[found] >= 0)
			problem(r, _("line %d: the column '%s' appears twice."), 1, shown);
		else if (found >= 0)
			r->col[found] = h;
		free(f);
	}
}

/* ---- small parsers (for both tables) ---- */

static int parse_bool(const char *s, int *out)
{
	char *f = text_fold(s);
	if (!f)
		return -1;
	int rc = 0;
	if (!strcmp(f, "1") || !strcmp(f, "ja") || !strcmp(f, "yes") || !strcmp(f, "true") || !strcmp(f, "j"))
		*out = 1;
	else if (!strcmp(f, "0") || !strcmp(f, "nej") || !strcmp(f, "no") || !strcmp(f, "false") || !strcmp(f, "n"))
		*out = 0;
	else
		rc = -1;
	free(f);
	return rc;
}

/* A decimal with point or comma; empty is "none" (-1). */
static int parse_dec(const char *s, double *out)
{
	if (!*s) {
		*out = -1;
		return 0;
	}
	char buf[64], *end;
	if (strlen(s) >= sizeof buf)
		return -1;
	snprintf(buf, sizeof buf, "%s", s);
	for (char *p = buf; *p; p++)
		if (*p == ',')
			*p = '.';
	*out = strtod(buf, &end);
	return *end || end == buf || *out < 0 || *out != *out ? -1 : 0;
}

static int parse_money(const char *s, int64_t *out)
{
	if (!*s) {
		*out = 0;
		return 0;
	}
	if (strspn(s, "0123456789") != strlen(s) || strlen(s) > 9)
		return -1;
	*out = strtoll(s, NULL, 10);
	return 0;
}

static kcode find_id(kdb *db, const char *sql, const char *value, int64_t *id, kerr *e)
{
	*id = 0;
	sqlite3_stmt *st = db_stmt(db, sql, e);
	if (!st || db_bind(db, st, e, KV_TEXT(value)))
		return e->code;
	int rc = db_step(db, st, e);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc < 0 ? e->code : KE_OK;
}

static int streq(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* ---- plain fields: those the import has no code of its own for ---- */

/* 1 when f is one of our columns, which have code of their own. */
static int own_code(const run *r, const kfield *f)
{
	for (int c = 0; c < r->ncols; c++)
		if (!strcmp(r->cols[c], f->col))
			return 1;
	return 0;
}

/* Copies the plain fields of src into dst (a record built anew, whose
 * plain strings are NULL). Returns -1 when out of memory. */
static int plain_keep(const run *r, void *dst, const void *src)
{
	for (int k = 0; k < r->kr->n; k++) {
		const kfield *f = &r->kr->fields[k];
		if ((f->flags & KF_VIEW) || own_code(r, f))
			continue;
		char *d = (char *)dst + f->off;
		const char *from = (const char *)src + f->off;
		switch (f->store) {
		case KS_STR:
			if (!(*(char **)d = xstrdup(kfield_text(f, src))))
				return -1;
			break;
		case KS_BUF: memcpy(d, from, f->size); break;
		case KS_I64: *(int64_t *)d = *(const int64_t *)from; break;
		case KS_INT: *(int *)d = *(const int *)from; break;
		case KS_ROLE: *(krole *)d = *(const krole *)from; break;
		case KS_DBL: *(double *)d = *(const double *)from; break;
		}
	}
	return 0;
}

/* The file's cells for the plain fields of row i into rec, each checked
 * as its description says; problems are recorded. Returns 1 when a value
 * changed. */
static int plain_take(run *r, int i, void *rec)
{
	int changed = 0;
	for (int k = 0; k < r->kr->n && k < (int)(sizeof r->plain / sizeof *r->plain); k++) {
		const kfield *f = &r->kr->fields[k];
		int h = r->plain[k];
		if (h < 0)
			continue;
		const char *v = r->t->cells[(size_t)i * (size_t)r->t->ncols + (size_t)h];
		char buf[8192], iso[11];
		snprintf(buf, sizeof buf, "%s", v ? v + strspn(v, " ") : "");
		for (size_t n = strlen(buf); n > 0 && buf[n - 1] == ' ';)
			buf[--n] = '\0';
		if (!*buf) /* keeps what is stored, as cell() */
			continue;
		if (f->kind == KF_DATE) {
			if (date_parse(buf, date_year_today(), iso) < 0) {
				problem(r, _("line %d, column '%s': %s"), r->t->line[i], r->t->head[h],
					_("not a date; write 2026-03-14 or 14-03-2026"));
				continue;
			}
			snprintf(buf, sizeof buf, "%s", iso);
		}
		char *d = (char *)rec + f->off;
		double dv = 0;
		int ok = 1;
		switch (f->store) {
		case KS_STR: {
			char *nv = xstrdup(buf);
			if (!nv) {
				r->oom = 1;
				return changed;
			}
			changed |= strcmp(kfield_text(f, rec), nv) != 0;
			free(*(char **)d);
			*(char **)d = nv;
			break;
		}
		case KS_BUF:
			changed |= strcmp(d, buf) != 0;
			snprintf(d, f->size, "%s", buf);
			break;
		case KS_DBL:
			ok = !parse_dec(buf, &dv);
			changed |= ok && dv != *(double *)d;
			if (ok)
				*(double *)d = dv;
			break;
		case KS_I64:
		case KS_INT:
		case KS_ROLE: {
			int64_t iv = 0;
			ok = !parse_money(buf, &iv);
			changed |= ok && iv != kfield_int(f, rec);
			if (ok && f->store == KS_I64)
				*(int64_t *)d = iv;
			else if (ok)
				*(int *)d = (int)iv;
			break;
		}
		}
		kerr ve;
		if (!ok)
			problem(r, _("line %d, column '%s': %s"), r->t->line[i], r->t->head[h], _("not a number"));
		else if (kfield_check(f, rec, &ve))
			problem(r, _("line %d, column '%s': %s"), r->t->line[i], r->t->head[h], ve.msg);
	}
	return changed;
}

/* ---- staff ---- */

enum { SC_ID, SC_LOGIN, SC_EMPNO, SC_NAME, SC_INITIALS, SC_UNIT, SC_PROF, SC_ROLE, SC_TITLE,
       SC_EMAIL, SC_FROM, SC_TO, SC_ACTIVE, SC_COUNT };
/* Our columns' fields in kr_staff, whose import headings name them. */
static const char *const staff_cols[SC_COUNT] = {
	[SC_ID] = "id", [SC_LOGIN] = "login", [SC_EMPNO] = "emp_no", [SC_NAME] = "name",
	[SC_INITIALS] = "initials", [SC_UNIT] = "unit_id", [SC_PROF] = "profession_id", [SC_ROLE] = "role",
	[SC_TITLE] = "title", [SC_EMAIL] = "email", [SC_FROM] = "employed_from", [SC_TO] = "employed_to",
	[SC_ACTIVE] = "active",
};

/* One row of the staff file, checked: the record to save and what happens. */
typedef struct srow {
	staff_rec s;       /* strings malloc'd (staff_free) */
	int64_t match;     /* existing staff id, 0 new */
	int active;        /* -1: as it is */
	int changed;
	char *was_login;   /* a known person's login and role before the row */
	krole was_role;
} srow;

static char *dup_or(const char *v, const char *old)
{
	return xstrdup(v ? v : old);
}

/* Initials when the file has none: the first letter of each word, upper
 * case, at most 8 (for a new person; a known one keeps theirs). */
static char *make_initials(const char *name)
{
	char out[64] = "";
	size_t n = 0;
	int start = 1;
	for (const char *p = name; *p && n < 8 * 4; ) {
		uint32_t cp;
		int len = text_decode(p, strlen(p), &cp);
		if (cp == ' ' || cp == '-') {
			start = 1;
		} else if (start && text_cp_count(out) < 8) {
			if (cp >= 'a' && cp <= 'z')
				cp -= 32;
			else if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7)
				cp -= 32;
			n += text_encode(cp, out + n);
			out[n] = '\0';
			start = 0;
		} else {
			start = 0;
		}
		p += len;
	}
	return xstrdup(out);
}

static int role_from(const char *s, krole *out)
{
	if (!role_parse(s, out))
		return 0;
	char *f = text_fold(s);
	int rc = -1;
	if (f && !strcmp(f, "medarbejder")) { *out = ROLE_EMPLOYEE; rc = 0; }
	else if (f && !strcmp(f, "leder")) { *out = ROLE_LEADER; rc = 0; }
	else if (f && (!strcmp(f, "administrator") || !strcmp(f, "admin"))) { *out = ROLE_ADMIN; rc = 0; }
	free(f);
	return rc;
}

static void check_date(run *r, int i, int c, const char *v, char out[11])
{
	if (!v)
		return;
	char iso[11] = "";
	int rc = date_parse(v, date_year_today(), iso);
	if (rc < 0)
		bad(r, i, c, _("not a date; write 2026-03-14 or 14-03-2026"));
	else
		snprintf(out, 11, "%s", iso);
}

static int staff_same(const staff_rec *a, const staff_rec *b)
{
	return streq(a->login, b->login) && streq(a->emp_no, b->emp_no) && streq(a->name, b->name) &&
	       streq(a->initials, b->initials) && streq(a->email, b->email) && a->unit_id == b->unit_id &&
	       a->profession_id == b->profession_id && a->role == b->role && streq(a->title, b->title) &&
	       streq(a->employed_from, b->employed_from) && streq(a->employed_to, b->employed_to);
}

/* Checks row i and fills *out; problems are recorded, not returned. */
static kcode staff_row(run *r, int i, srow *out, kerr *e)
{
	char login[LOGIN_MAX + 2], lfold[LOGIN_MAX + 1], empno[256], name[512], ini[256], unit[512], prof[512], role[64], title[512],
	     email[512], from[64], to[64], act[64];
	const char *v_login = cell(r, i, SC_LOGIN, login, sizeof login);
	const char *v_emp = cell(r, i, SC_EMPNO, empno, sizeof empno);
	const char *v_name = cell(r, i, SC_NAME, name, sizeof name);
	const char *v_ini = cell(r, i, SC_INITIALS, ini, sizeof ini);
	const char *v_unit = cell(r, i, SC_UNIT, unit, sizeof unit);
	const char *v_prof = cell(r, i, SC_PROF, prof, sizeof prof);
	const char *v_role = cell(r, i, SC_ROLE, role, sizeof role);
	const char *v_title = cell(r, i, SC_TITLE, title, sizeof title);
	const char *v_email = cell(r, i, SC_EMAIL, email, sizeof email);
	const char *v_from = cell(r, i, SC_FROM, from, sizeof from);
	const char *v_to = cell(r, i, SC_TO, to, sizeof to);
	const char *v_act = cell(r, i, SC_ACTIVE, act, sizeof act);
	int line = r->t->line[i];
	memset(out, 0, sizeof *out);
	out->active = -1;
	int before = r->res->nproblems;

	/* who it is */
	int64_t by_login = 0, by_emp = 0;
	if (v_login && *v_login) {
		/* the buffer holds one byte more than a login may: a longer
		 * cell is cut there, and refused as too long */
		kerr le = { 0 };
		if (strlen(v_login) > LOGIN_MAX)
			kerr_set(&le, KE_INVALID, _("Login is too long (at most %d bytes; æ, ø and å take two)."),
				 LOGIN_MAX);
		else if (!valid_login("login", v_login, 0, &le) && login_fold(v_login, lfold, sizeof lfold))
			kerr_set(&le, KE_INVALID, "%s", _("Login is not valid UTF-8 text."));
		if (le.code) {
			bad(r, i, SC_LOGIN, le.msg);
		} else {
			/* HR's file may spell it as AD does (Jens.Hansen@…):
			 * the person is found, compared and kept folded */
			v_login = lfold;
			if (find_id(r->db, "SELECT id FROM staff WHERE login = ?", v_login, &by_login, e))
				return e->code;
		}
	}
	if (v_emp && *v_emp && find_id(r->db, "SELECT id FROM staff WHERE emp_no = ?", v_emp, &by_emp, e))
		return e->code;
	if ((!v_login || !*v_login) && (!v_emp || !*v_emp))
		problem(r, _("line %d: a login or an employee number is needed to know the person again."), line);
	if (by_login && by_emp && by_login != by_emp)
		problem(r, _("line %d: the login '%s' and the employee number '%s' belong to two different people."),
			line, v_login, v_emp);
	out->match = by_login ? by_login : by_emp;

	staff_rec old = { 0 };
	if (out->match && staff_get(r->db, r->who, out->match, &old, e))
		return e->code;
	staff_rec *s = &out->s;
	s->id = old.id;
	s->version = old.version;
	s->login = dup_or(v_login, old.login);
	s->emp_no = dup_or(v_emp, old.emp_no);
	s->name = dup_or(v_name, old.name);
	s->title = dup_or(v_title, old.title);
	s->email = dup_or(v_email, old.email);
	s->initials = v_ini && *v_ini ? xstrdup(v_ini) : old.initials ? xstrdup(old.initials)
					 : make_initials(s->name ? s->name : "");
	s->unit_id = old.unit_id;
	s->profession_id = old.profession_id;
	s->role = old.id ? old.role : ROLE_EMPLOYEE;
	s->active = old.id ? old.active : 1;
	snprintf(s->employed_from, sizeof s->employed_from, "%s", old.employed_from);
	snprintf(s->employed_to, sizeof s->employed_to, "%s", old.employed_to);
	if (!s->login || !s->emp_no || !s->name || !s->title || !s->email || !s->initials ||
	    plain_keep(r, s, &old)) {
		staff_free(&old);
		r->oom = 1;
		return KE_OK;
	}
	int plain_changed = plain_take(r, i, s);

	kerr ve;
	if (v_name && kfield_check(krecord_field(&kr_staff, "name"), s, &ve))
		bad(r, i, SC_NAME, *s->name ? _("too long or holds control characters (at most 120)")
					     : _("a name is required"));
	if (!v_name && !old.id)
		problem(r, _("line %d: a new person needs a name."), line);
	if (kfield_check(krecord_field(&kr_staff, "initials"), s, &ve))
		problem(r, _("line %d, column '%s': initials are 1 to 8 characters."), line,
			r->col[SC_INITIALS] >= 0 ? head(r, SC_INITIALS) : _("initials"));
	if (v_emp && kfield_check(krecord_field(&kr_staff, "emp_no"), s, &ve))
		bad(r, i, SC_EMPNO, _("at most 20 characters"));
	if (v_title && kfield_check(krecord_field(&kr_staff, "title"), s, &ve))
		bad(r, i, SC_TITLE, _("at most 120 characters, no control characters"));
	if (v_email && kfield_check(krecord_field(&kr_staff, "email"), s, &ve))
		bad(r, i, SC_EMAIL, _("an email looks like name@example.dk"));
	if (v_unit) {
		kerr ue;
		int64_t uid = 0;
		if (unit_find(r->db, v_unit, &uid, &ue) == KE_OK)
			s->unit_id = uid;
		else if (ue.code == KE_NOTFOUND) {
			char msg[700];
			snprintf(msg, sizeof msg, _("no unit named '%s'"), v_unit);
			bad(r, i, SC_UNIT, msg);
		} else {
			staff_free(&old);
			*e = ue;
			return ue.code;
		}
	} else if (!old.id) {
		problem(r, _("line %d: a new person needs a unit."), line);
	}
	if (v_prof) {
		int64_t pid = 0;
		if (*v_prof && find_id(r->db, "SELECT id FROM profession WHERE name = ?", v_prof, &pid, e)) {
			staff_free(&old);
			return e->code;
		}
		if (*v_prof && !pid) {
			char msg[700];
			snprintf(msg, sizeof msg, _("no profession named '%s'"), v_prof);
			bad(r, i, SC_PROF, msg);
		}
		s->profession_id = pid;
	}
	if (v_role && *v_role && role_from(v_role, &s->role))
		bad(r, i, SC_ROLE, _("write employee, leader or admin (medarbejder, leder, administrator)"));
	if (v_from)
		s->employed_from[0] = '\0';
	if (v_to)
		s->employed_to[0] = '\0';
	check_date(r, i, SC_FROM, v_from, s->employed_from);
	check_date(r, i, SC_TO, v_to, s->employed_to);
	if (s->employed_from[0] && s->employed_to[0] && strcmp(s->employed_to, s->employed_from) < 0)
		problem(r, _("line %d: employed until is before employed from."), line);
	if (v_act && *v_act) {
		if (parse_bool(v_act, &out->active))
			bad(r, i, SC_ACTIVE, _("write 1 or 0 (ja or nej)"));
	}
	out->changed = !old.id || !staff_same(s, &old) || plain_changed ||
		       (out->active >= 0 && out->active != old.active);
	out->was_role = old.role;
	if (old.id && !(out->was_login = xstrdup(old.login)))
		r->oom = 1;
	staff_free(&old);
	(void)before;
	return KE_OK;
}

struct keyed { const char *k; int i; };

static int keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->k, y->k);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* first[i]: the first row of the file with row i's login (emp: employee
 * number), or -1 when row i is the first or has none. Sorted, not every
 * row against every other: HR's file of 10 000 people took
 * fifty million comparisons. */
static int first_rows(const srow *rows, int n, int emp, int *first)
{
	struct keyed *v = malloc((size_t)(n ? n : 1) * sizeof *v);
	if (!v)
		return -1;
	int m = 0;
	for (int i = 0; i < n; i++) {
		const char *k = emp ? rows[i].s.emp_no : rows[i].s.login;
		first[i] = -1;
		if (k && *k)
			v[m++] = (struct keyed){ k, i };
	}
	qsort(v, (size_t)m, sizeof *v, keyed_cmp);
	for (int a = 1; a < m; a++)
		if (!strcmp(v[a].k, v[a - 1].k))
			first[v[a].i] = first[v[a - 1].i] >= 0 ? first[v[a - 1].i] : v[a - 1].i;
	free(v);
	return 0;
}

/* The same login or employee number twice in the file: each later row is
 * named once, with the first row that has the same (the login when one row
 * has both). */
static void staff_duplicates(run *r, srow *rows, int n)
{
	int *fl = malloc((size_t)(n ? n : 1) * sizeof *fl), *fe = malloc((size_t)(n ? n : 1) * sizeof *fe);
	if (!fl || !fe || first_rows(rows, n, 0, fl) || first_rows(rows, n, 1, fe)) {
		r->oom = 1;
		free(fl);
		free(fe);
		return;
	}
	for (int i = 0; i < n; i++) {
		if (fl[i] >= 0 && (fe[i] < 0 || fl[i] <= fe[i]))
			problem(r, _("line %d: the login '%s' is also on line %d."), r->t->line[i],
				rows[i].s.login, r->t->line[fl[i]]);
		else if (fe[i] >= 0)
			problem(r, _("line %d: the employee number '%s' is also on line %d."), r->t->line[i],
				rows[i].s.emp_no, r->t->line[fe[i]]);
	}
	free(fl);
	free(fe);
}

/* How many deactivate-missing takes and whom (the first few by name), for
 * the dry run and the question before the real one; more than half the
 * active staff is refused unless the caller says it was meant: a file of
 * one unit instead of all would otherwise empty the register. */
static kcode deactivation_told(run *r, char **names, int n, int active, int flags, kerr *e)
{
	enum { SHOWN = 5 };
	char some[800] = "", list[1024];
	size_t len = 0;
	int upto = n > SHOWN ? SHOWN : n - 1; /* joined by commas; then "and" */
	for (int i = 0; i < upto; i++) {
		int w = snprintf(some + len, sizeof some - len, "%s%s", i ? ", " : "", names[i]);
		if (w < 0 || (size_t)w >= sizeof some - len)
			break;
		len += (size_t)w;
	}
	if (n > SHOWN)
		snprintf(list, sizeof list, _("%s and %d more"), some, n - SHOWN);
	else if (n > 1)
		snprintf(list, sizeof list, _("%s and %s"), some, names[n - 1]);
	else
		snprintf(list, sizeof list, "%s", names[0]);
	import_result *res = r->res;
	res->deactivate_most = n * 2 > active;
	int rc = res->deactivate_most
		 ? asprintf(&res->deactivation, _("WARNING: deactivates %d of %d active people, more than half: %s. Is the file the full staff list?"),
			    n, active, list)
		 : asprintf(&res->deactivation, _("Deactivates %d of %d active people: %s."), n, active, list);
	if (rc < 0) {
		res->deactivation = NULL;
		return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	}
	if (res->deactivate_most && !(flags & (IMPORT_DRY_RUN | IMPORT_DEACTIVATE_MANY)))
		return kerr_set(e, KE_STATE,
				_("The import would deactivate %d of %d active people, more than half; nothing was imported. Confirm that the file is the full staff list."),
				n, active);
	return KE_OK;
}

static kcode staff_write(run *r, srow *rows, int n, int flags, kerr *e)
{
	for (int i = 0; i < n; i++) {
		srow *w = &rows[i];
		int line = r->t->line[i];
		if (!w->changed) {
			r->res->unchanged++;
			continue;
		}
		int is_new = w->s.id == 0;
		if (is_new)
			action(r, _("line %d: add %s (%s)"), line, w->s.name, *w->s.login ? w->s.login : w->s.emp_no);
		else
			action(r, _("line %d: update %s (%s)"), line, w->s.name, *w->s.login ? w->s.login : w->s.emp_no);
		/* what moves a person's way in, named: the summary would hide it */
		if (!is_new && !streq(w->was_login, w->s.login))
			action(r, _("line %d: %s: login %s → %s"), line, w->s.name,
			       w->was_login && *w->was_login ? w->was_login : _("(none)"),
			       *w->s.login ? w->s.login : _("(none)"));
		if (!is_new && w->was_role != w->s.role)
			action(r, _("line %d: %s: role %s → %s"), line, w->s.name, role_name(w->was_role),
			       role_name(w->s.role));
		kerr we;
		if (staff_save(r->db, r->who, &w->s, &we) ||
		    (w->active >= 0 && w->active != w->s.active &&
		     staff_set_active(r->db, r->who, w->s.id, w->s.version, w->active, &we))) {
			if (we.code != KE_INVALID && we.code != KE_EXISTS && we.code != KE_STATE) {
				*e = we;
				return we.code;
			}
			problem(r, _("line %d: %s"), line, we.msg);
			continue;
		}
		if (is_new)
			r->res->added++;
		else
			r->res->updated++;
	}
	if (!(flags & IMPORT_DEACTIVATE_MISSING) || r->res->nproblems)
		return KE_OK;
	/* everyone the file named, sorted for lookup */
	int64_t *seen = calloc((size_t)n + 1, sizeof *seen);
	if (!seen)
		return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	for (int i = 0; i < n; i++)
		seen[i] = rows[i].s.id;
	qsort(seen, (size_t)n, sizeof *seen, cmp_id);
	sqlite3_stmt *st = db_stmt(r->db, "SELECT id, version, name FROM staff WHERE active = 1 ORDER BY sort_key, id", e);
	int64_t (*gone)[2] = NULL;
	char **names = NULL;
	int ngone = 0, rc = 0;
	kcode c = st ? KE_OK : e->code;
	while (!c && (rc = db_step(r->db, st, e)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id == r->who->staff_id || bsearch(&id, seen, (size_t)n, sizeof *seen, cmp_id))
			continue;
		void *g = realloc(gone, (size_t)(ngone + 1) * sizeof *gone);
		void *nm = g ? realloc(names, (size_t)(ngone + 1) * sizeof *names) : NULL;
		if (g)
			gone = g;
		if (nm)
			names = nm;
		if (!g || !nm || !(names[ngone] = col_text(st, 2))) {
			c = kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
			break;
		}
		gone[ngone][0] = id;
		gone[ngone][1] = sqlite3_column_int64(st, 1);
		ngone++;
	}
	if (st)
		sqlite3_reset(st);
	if (!c && rc < 0)
		c = e->code;
	int64_t active = 0;
	if (!c && ngone)
		c = db_scalar(r->db, "SELECT count(*) FROM staff WHERE active = ?", 1, &active, e);
	if (!c && ngone)
		c = deactivation_told(r, names, ngone, (int)active, flags, e);
	for (int i = 0; !c && i < ngone; i++) {
		action(r, _("deactivate %s (not in the file)"), names[i]);
		kerr we;
		if (!staff_set_active(r->db, r->who, gone[i][0], gone[i][1], 0, &we))
			r->res->deactivated++;
		else if (we.code == KE_STATE) /* the last admin: a problem like any other */
			problem(r, _("deactivate %s: %s"), names[i], we.msg);
		else
			c = (*e = we).code;
	}
	for (int i = 0; i < ngone; i++)
		free(names[i]);
	free(names);
	free(gone);
	free(seen);
	return c;
}

typedef kcode (*import_fn)(run *r, int flags, kerr *e);

/* The frame both imports share: admin only, one transaction, problems
 * stop everything, a dry run rolls back. */
static kcode import_run(kdb *db, const kactor *who, const import_table *t, int flags,
			import_result *res, const krecord *kr, const char *const *cols, int ncols, const char *what,
			import_fn body, kerr *e)
{
	memset(res, 0, sizeof *res);
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	int col[16];
	run r = { .db = db, .who = who, .t = t, .col = col, .res = res };
	map_columns(&r, kr, cols, ncols, what);
	if (db_bulk_begin(db, e))
		return e->code;
	kcode c = r.oom ? kerr_set(e, KE_NOMEM, "%s", _("Out of memory.")) : KE_OK;
	if (!c && !res->nproblems)
		c = body(&r, flags, e);
	if (!c && r.oom)
		c = kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	if (!c && import_problem_count(res))
		c = kerr_set(e, KE_INVALID, _("%d problem(s) in the file; nothing was imported."), import_problem_count(res));
	if (import_problems_close(res) && !c)
		c = kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	int commit = !c && !(flags & IMPORT_DRY_RUN);
	kerr ee;
	kcode ce = db_bulk_end(db, commit, &ee);
	if (!c && ce) {
		*e = ee;
		c = ce;
	}
	if (c && c != KE_INVALID)
		for (int i = 0; i < res->nactions; i++) /* nothing of it happened */
			free(res->actions[i]);
	if (c && c != KE_INVALID) {
		free(res->actions);
		res->actions = NULL;
		res->nactions = 0;
	}
	if (c) {
		res->added = res->updated = res->unchanged = res->deactivated = 0;
	}
	return c;
}

static kcode staff_body(run *r, int flags, kerr *e)
{
	if (r->col[SC_NAME] < 0 || r->col[SC_UNIT] < 0 || (r->col[SC_LOGIN] < 0 && r->col[SC_EMPNO] < 0)) {
		problem(r, "%s", _("line 1: the file needs the columns name (navn), unit (enhed) and login or emp_no (lønnummer)."));
		return KE_OK;
	}
	int n = r->t->nrows;
	srow *rows = calloc((size_t)n + 1, sizeof *rows);
	if (!rows)
		return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	kcode c = KE_OK;
	int got = 0;
	for (; !c && got < n; got++)
		c = staff_row(r, got, &rows[got], e);
	if (!c)
		staff_duplicates(r, rows, got);
	if (!c && !r->res->nproblems && !r->oom)
		c = staff_write(r, rows, n, flags, e);
	for (int i = 0; i < got; i++) {
		staff_free(&rows[i].s);
		free(rows[i].was_login);
	}
	free(rows);
	return c;
}

kcode import_staff(kdb *db, const kactor *who, const import_table *t, int flags,
		   import_result *res, kerr *e)
{
	return import_run(db, who, t, flags, res, &kr_staff, staff_cols, SC_COUNT, _("staff"), staff_body, e);
}

/* ---- activities ---- */

enum { AC_ID, AC_TITLE, AC_METHOD, AC_PROVIDER, AC_ECTS, AC_HOURS, AC_PRICE, AC_CROSS, AC_ACTIVE,
       AC_SESSIONS, AC_DESC, AC_COUNT };
/* Our columns' fields in kr_activity, whose import headings name them. */
static const char *const act_cols[AC_COUNT] = {
	[AC_ID] = "id", [AC_TITLE] = "title", [AC_METHOD] = "method", [AC_PROVIDER] = "provider",
	[AC_ECTS] = "ects", [AC_HOURS] = "hours", [AC_PRICE] = "price", [AC_CROSS] = "cross_prof",
	[AC_ACTIVE] = "active", [AC_SESSIONS] = "sessions", [AC_DESC] = "description",
};

/* A method by code or by its name in Danish or English. */
static int method_from(const char *s, char out[16])
{
	char *f = text_fold(s);
	if (!f)
		return -1;
	klang lang = i18n_lang();
	int found = -1;
	for (int l = 0; l < 2 && found < 0; l++) {
		i18n_set(l ? LANG_EN : LANG_DA);
		for (int m = 0; activity_methods[m] && found < 0; m++) {
			char *g = text_fold(method_name(activity_methods[m]));
			if (!strcmp(f, activity_methods[m]) || (g && !strcmp(f, g)))
				found = m;
			free(g);
		}
	}
	i18n_set(lang);
	free(f);
	if (found < 0)
		return -1;
	snprintf(out, 16, "%s", activity_methods[found]);
	return 0;
}

/* The activity's own check of one field (db_activity.c: kr_activity). */
static kcode act_check(const activity_rec *a, const char *col, kerr *e)
{
	return kfield_check(krecord_field(&kr_activity, col), a, e);
}

static int act_same(const activity_rec *a, const activity_rec *b)
{
	return streq(a->title, b->title) && streq(a->method, b->method) && streq(a->provider, b->provider) &&
	       streq(a->description, b->description) && a->ects == b->ects && a->hours == b->hours &&
	       a->price == b->price && a->cross_prof == b->cross_prof;
}

typedef struct arow {
	activity_rec a;
	int active;
	int changed;
} arow;

static kcode act_row(run *r, int i, arow *out, kerr *e)
{
	char id[64], title[1024], method[256], prov[1024], ects[64], hours[64], price[64], cross[64],
	     act[64], desc[8192];
	const char *v_id = cell(r, i, AC_ID, id, sizeof id);
	const char *v_title = cell(r, i, AC_TITLE, title, sizeof title);
	const char *v_method = cell(r, i, AC_METHOD, method, sizeof method);
	const char *v_prov = cell(r, i, AC_PROVIDER, prov, sizeof prov);
	const char *v_ects = cell(r, i, AC_ECTS, ects, sizeof ects);
	const char *v_hours = cell(r, i, AC_HOURS, hours, sizeof hours);
	const char *v_price = cell(r, i, AC_PRICE, price, sizeof price);
	const char *v_cross = cell(r, i, AC_CROSS, cross, sizeof cross);
	const char *v_act = cell(r, i, AC_ACTIVE, act, sizeof act);
	const char *v_desc = cell(r, i, AC_DESC, desc, sizeof desc);
	memset(out, 0, sizeof *out);
	out->active = -1;
	int64_t match = 0;
	if (v_id && *v_id) {
		if (strspn(v_id, "0123456789") != strlen(v_id) || strlen(v_id) > 18) {
			bad(r, i, AC_ID, _("an id is a whole number (leave it empty for a new activity)"));
		} else {
			int64_t n = 0;
			if (db_scalar(r->db, "SELECT count(*) FROM activity WHERE id = ?", strtoll(v_id, NULL, 10), &n, e))
				return e->code;
			if (!n) {
				char msg[200];
				snprintf(msg, sizeof msg, _("no activity has the id %s"), v_id);
				bad(r, i, AC_ID, msg);
			} else {
				match = strtoll(v_id, NULL, 10);
			}
		}
	} else if (v_title && *v_title) {
		if (find_id(r->db, "SELECT id FROM activity WHERE title = ? ORDER BY id LIMIT 1", v_title, &match, e))
			return e->code;
	}
	activity_rec *a = &out->a;
	if (match && activity_get(r->db, r->who, match, a, e))
		return e->code;
	int old_active = a->active;
	activity_rec old = *a; /* for comparing: strings still owned by a until replaced */
	char *o_title = xstrdup(a->title), *o_prov = xstrdup(a->provider), *o_desc = xstrdup(a->description);
	if (!match) {
		a->ects = a->hours = -1;
		a->active = 1;
	}
	if (v_title) { free(a->title); a->title = xstrdup(v_title); }
	if (v_prov) { free(a->provider); a->provider = xstrdup(v_prov); }
	if (v_desc) { free(a->description); a->description = xstrdup(v_desc); }
	if (!a->title) a->title = xstrdup("");
	if (!a->provider) a->provider = xstrdup("");
	if (!a->description) a->description = xstrdup("");
	if (!a->title || !a->provider || !a->description || !o_title || !o_prov || !o_desc) {
		free(o_title); free(o_prov); free(o_desc);
		r->oom = 1;
		return KE_OK;
	}
	int plain_changed = plain_take(r, i, a);
	kerr ve;
	if (v_title && act_check(a, "title", &ve))
		bad(r, i, AC_TITLE, *a->title ? _("at most 160 characters, no control characters")
					      : _("a title is required"));
	if (!v_title && !match)
		problem(r, _("line %d: a new activity needs a title."), r->t->line[i]);
	if (v_method && method_from(v_method, a->method))
		bad(r, i, AC_METHOD, _("not a method; write diploma, course, theme_day, conference, elearning, peer, network, supervision or other"));
	if (!v_method && !match)
		problem(r, _("line %d: a new activity needs a method."), r->t->line[i]);
	if (v_prov && act_check(a, "provider", &ve))
		bad(r, i, AC_PROVIDER, _("at most 160 characters, no control characters"));
	if (v_desc && act_check(a, "description", &ve))
		bad(r, i, AC_DESC, _("at most 4000 characters, no control characters"));
	if (v_ects && (parse_dec(v_ects, &a->ects) || act_check(a, "ects", &ve)))
		bad(r, i, AC_ECTS, _("a number from 0 to 60, or empty"));
	if (v_hours && (parse_dec(v_hours, &a->hours) || act_check(a, "hours", &ve)))
		bad(r, i, AC_HOURS, _("a number from 0 to 2000, or empty"));
	if (v_price && (parse_money(v_price, &a->price) || act_check(a, "price", &ve)))
		bad(r, i, AC_PRICE, _("whole kroner from 0 to 10000000, digits only"));
	if (v_cross && *v_cross && parse_bool(v_cross, &a->cross_prof))
		bad(r, i, AC_CROSS, _("write 1 or 0 (ja or nej)"));
	if (v_act && *v_act && parse_bool(v_act, &out->active))
		bad(r, i, AC_ACTIVE, _("write 1 or 0 (ja or nej)"));
	old.title = o_title;
	old.provider = o_prov;
	old.description = o_desc;
	out->changed = !match || !act_same(a, &old) || plain_changed || (out->active >= 0 && out->active != old_active);
	free(o_title);
	free(o_prov);
	free(o_desc);
	return KE_OK;
}

static kcode act_body(run *r, int flags, kerr *e)
{
	(void)flags;
	if (r->col[AC_TITLE] < 0 || r->col[AC_METHOD] < 0) {
		problem(r, "%s", _("line 1: the file needs the columns title (titel) and method (metode)."));
		return KE_OK;
	}
	int n = r->t->nrows;
	arow *rows = calloc((size_t)n + 1, sizeof *rows);
	if (!rows)
		return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
	kcode c = KE_OK;
	int got = 0;
	for (; !c && got < n; got++)
		c = act_row(r, got, &rows[got], e);
	for (int i = 0; !c && !r->res->nproblems && !r->oom && i < n; i++) {
		arow *w = &rows[i];
		int line = r->t->line[i];
		if (!w->changed) {
			r->res->unchanged++;
			continue;
		}
		int is_new = w->a.id == 0;
		action(r, is_new ? _("line %d: add %s") : _("line %d: update %s"), line, w->a.title);
		kerr we;
		if (activity_save(r->db, r->who, &w->a, &we) ||
		    (w->active >= 0 && w->active != w->a.active &&
		     activity_set_active(r->db, r->who, w->a.id, w->a.version, w->active, &we))) {
			if (we.code != KE_INVALID && we.code != KE_EXISTS) {
				*e = we;
				c = we.code;
				break;
			}
			problem(r, _("line %d: %s"), line, we.msg);
			continue;
		}
		if (is_new)
			r->res->added++;
		else
			r->res->updated++;
	}
	for (int i = 0; i < got; i++)
		activity_free(&rows[i].a);
	free(rows);
	return c;
}

kcode import_activities(kdb *db, const kactor *who, const import_table *t, int flags,
			import_result *res, kerr *e)
{
	return import_run(db, who, t, flags, res, &kr_activity, act_cols, AC_COUNT, _("activities"), act_body, e);
}
