/* cli_list.c — `kup list WHAT [--year Y] [--unit NAME]`: tab-separated rows
 * under a header line, for scripts and tests. Lists are read page by page
 * (keyset), so memory stays flat however large the organisation. Dates are
 * ISO here: scripts read them more reliably than the Danish form. The
 * header follows the language (cli_heading): English codes with --lang en,
 * the Danish labels otherwise — for staff and activities the headings the
 * import reads back in either language. */
#include "cli_list.h"
#include "cli_ident.h"
#include "cli_opts.h"
#include "cli_out.h"
#include "date.h"
#include "db_audit.h"
#include "db_fields.h"
#include "db_followup.h"
#include "db_activity.h"
#include "db_org.h"
#include "db_part.h"
#include "db_plan.h"
#include "db_staff.h"
#include "i18n.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 500

/* A list is its columns: each names a field of the record the db_*_list
 * call returns and how to write it, so one loop prints every list and the
 * header line cannot disagree with the rows. */
enum col_kind {
	C_STR,  /* char * */
	C_ARR,  /* char[] in the record */
	C_INT,  /* int */
	C_I64,  /* int64_t */
	C_REAL, /* double, blank when negative (none) */
	C_ROLE, /* krole, written as its code */
};

struct col {
	const char *name; /* in the header line in English (cli_heading) */
	const char *label;/* N_(): in Danish; NULL: the name in both */
	enum col_kind kind;
	size_t off;       /* of the field in the record */
};

#define COL(rec, field, name, label, kind) { name, label, kind, offsetof(rec, field) }
#define NCOLS(cols) (sizeof cols / sizeof *cols)

/* Staff are listed as their description says (db_fields.h), so a field
 * added there is listed too: the id first, then every field in the
 * description's order, a reference by the name it points to (unit_id as
 * "unit", from its read-only twin unit_name), internal fields left out. */
static enum col_kind kind_of(const kfield *f)
{
	switch (f->store) {
	case KS_STR: return C_STR;
	case KS_BUF: return C_ARR;
	case KS_INT: return C_INT;
	case KS_ROLE: return C_ROLE;
	case KS_DBL: return C_REAL;
	case KS_I64: break;
	}
	return C_I64;
}

/* Fills cols from r: id, then the fields; returns how many. */
static size_t cols_of_record(const krecord *r, size_t id_off, struct col *cols, size_t max)
{
	size_t n = 0;
	cols[n++] = (struct col){ "id", NULL, C_I64, id_off };
	for (int i = 0; i < r->n && n < max; i++) {
		const kfield *f = &r->fields[i], *shown = f;
		if (f->flags & KF_VIEW)
			continue; /* shown in its reference's place, or internal */
		if (f->kind == KF_REF && !(shown = krecord_shown_by(r, f)))
			continue;
		/* a reference is headed by what it names: "unit", not "unit_id" */
		cols[n++] = (struct col){ f->kind == KF_REF ? f->ref : f->col, f->label, kind_of(shown), shown->off };
	}
	return n;
}

static const struct col plan_cols[] = {
	COL(plan_rec, id, "id", NULL, C_I64),
	COL(plan_rec, staff_name, "name", N_("Name"), C_STR),
	COL(plan_rec, unit_name, "unit", N_("Unit"), C_STR),
	COL(plan_rec, year, "year", N_("Year"), C_INT),
	COL(plan_rec, status, "status", N_("Status"), C_ARR),
	COL(plan_rec, mus_date, "mus_date", N_("MUS date"), C_ARR),
	COL(plan_rec, goals, "goals", N_("Goals"), C_INT),
	COL(plan_rec, goals_done, "goals_done", N_("Goals done"), C_INT),
	COL(plan_rec, agreed_by_name, "agreed_by", N_("Agreed by"), C_STR),
	COL(plan_rec, agreed_at, "agreed_at", N_("Agreed on"), C_ARR),
	COL(plan_rec, accepted_at, "accepted_at", N_("Accepted"), C_ARR),
	COL(plan_rec, evaluated_at, "evaluated_at", N_("Evaluated on"), C_ARR),
};

static const struct col activity_cols[] = {
	COL(activity_rec, id, "id", NULL, C_I64),
	COL(activity_rec, title, "title", N_("Title"), C_STR),
	COL(activity_rec, method, "method", N_("Method"), C_ARR),
	COL(activity_rec, provider, "provider", N_("Provider"), C_STR),
	COL(activity_rec, ects, "ects", N_("ECTS points"), C_REAL),
	COL(activity_rec, hours, "hours", N_("Hours"), C_REAL),
	COL(activity_rec, price, "price", N_("Price"), C_I64),
	COL(activity_rec, cross_prof, "cross_prof", N_("Cross-professional"), C_INT),
	COL(activity_rec, active, "active", N_("Active"), C_INT),
	COL(activity_rec, sessions, "sessions", N_("Sessions"), C_INT),
};

static const struct col session_cols[] = {
	COL(session_rec, id, "id", NULL, C_I64),
	COL(session_rec, activity_title, "activity", N_("Activity"), C_STR),
	COL(session_rec, starts, "starts", N_("Starts"), C_ARR),
	COL(session_rec, ends, "ends", N_("Ends"), C_ARR),
	COL(session_rec, signup_deadline, "signup_deadline", N_("Sign-up deadline"), C_ARR),
	COL(session_rec, place, "place", N_("Place"), C_STR),
	COL(session_rec, capacity, "capacity", N_("Capacity"), C_INT),
	COL(session_rec, taken, "taken", N_("Seats taken"), C_INT),
	COL(session_rec, waiting, "waiting", N_("Waiting"), C_INT),
	COL(session_rec, requested, "requested", N_("Requested"), C_INT),
};

static const struct col part_cols[] = {
	COL(part_rec, id, "id", NULL, C_I64),
	COL(part_rec, staff_name, "name", N_("Name"), C_STR),
	COL(part_rec, activity_title, "activity", N_("Activity"), C_STR),
	COL(part_rec, starts, "starts", N_("Starts"), C_ARR),
	COL(part_rec, status, "status", N_("Status"), C_ARR),
	COL(part_rec, wait_pos, "wait_pos", N_("Waiting-list place"), C_INT),
	COL(part_rec, price, "price", N_("Price"), C_I64),
	COL(part_rec, requested_at, "requested_at", N_("Requested on"), C_ARR),
};

static const struct col followup_cols[] = {
	COL(followup_rec, id, "id", NULL, C_I64),
	COL(followup_rec, staff_name, "name", N_("Name"), C_STR),
	COL(followup_rec, activity_title, "activity", N_("Activity"), C_STR),
	COL(followup_rec, due, "due", N_("Due"), C_ARR),
	COL(followup_rec, done_at, "done_at", N_("Closed"), C_ARR),
	COL(followup_rec, overdue, "overdue", N_("Overdue"), C_INT),
	COL(followup_rec, state, "state", N_("State"), C_ARR),
	COL(followup_rec, colleagues, "colleagues", N_("Colleagues"), C_STR),
};

static const struct col audit_cols[] = {
	COL(audit_rec, id, "id", NULL, C_I64),
	COL(audit_rec, at, "at", N_("When"), C_ARR),
	COL(audit_rec, login, "login", N_("Login"), C_STR),
	COL(audit_rec, name, "name", N_("Name"), C_STR),
	COL(audit_rec, tbl, "table", N_("Table"), C_STR),
	COL(audit_rec, row_id, "row_id", N_("Row"), C_I64),
	COL(audit_rec, action, "action", N_("Action"), C_ARR),
	COL(audit_rec, old_json, "old", N_("Before"), C_STR),
	COL(audit_rec, new_json, "new", N_("After"), C_STR),
};

/* The record-typed calls behind a list, as calls on untyped rows. */
typedef kcode (*fetch_fn)(kdb *db, const kactor *who, kpage *pg, void **rows, int *n, kerr *e);
typedef void (*free_fn)(void *rows, int n);

#define ROWS(rec, list_fn, rows_free)                                                                   \
	static kcode fetch_##rec(kdb *db, const kactor *who, kpage *pg, void **rows, int *n, kerr *e) \
	{                                                                                                \
		rec *r = NULL;                                                                           \
		kcode c = list_fn(db, who, pg, &r, n, e);                                                \
		*rows = r;                                                                               \
		return c;                                                                                \
	}                                                                                                \
	static void free_##rec(void *rows, int n) { rows_free(rows, n); }

/* The whole trail, newest first (admins; audit_list checks). */
static kcode audit_all(kdb *db, const kactor *who, kpage *pg, audit_rec **r, int *n, kerr *e)
{
	return audit_list(db, who, NULL, 0, pg, r, n, e);
}

ROWS(staff_rec, staff_list, staff_rows_free)
ROWS(plan_rec, plan_list, plan_rows_free)
ROWS(activity_rec, activity_list, activity_rows_free)
ROWS(session_rec, session_list, session_rows_free)
ROWS(part_rec, part_list, part_rows_free)
ROWS(followup_rec, followup_list, followup_rows_free)
ROWS(audit_rec, audit_all, audit_rows_free)

static const struct lister {
	const char *what;
	const struct col *cols; /* NULL: from the description rec */
	size_t ncols, size;     /* size: of one record */
	const krecord *rec;
	struct col key;         /* the keyset position: a text field ... */
	size_t id_off;          /* ... and the record's id */
	fetch_fn fetch;
	free_fn free;
	int per_year, by_unit;  /* whether --year (default this year) and --unit apply */
	int header_after;       /* a refusal (audit) prints no header */
} listers[] = {
#define LISTED(what, rec, cols, ncols, desc, key, key_kind, per_year, by_unit, header_after)            \
	{ what, cols, ncols, sizeof(rec), desc, COL(rec, key, NULL, NULL, key_kind), offsetof(rec, id),          \
	  fetch_##rec, free_##rec, per_year, by_unit, header_after }
#define LIST(what, rec, cols, ...) LISTED(what, rec, cols, NCOLS(cols), NULL, __VA_ARGS__)
	LISTED("staff", staff_rec, NULL, 0, &kr_staff, sort_key, C_STR, 0, 1, 0),
	LIST("plans", plan_rec, plan_cols, sort_key, C_STR, 1, 1, 0),
	LIST("activities", activity_rec, activity_cols, sort_key, C_STR, 0, 0, 0),
	LIST("sessions", session_rec, session_cols, starts, C_ARR, 1, 0, 0),
	LIST("participations", part_rec, part_cols, sort_key, C_STR, 1, 0, 0),
	LIST("followups", followup_rec, followup_cols, sort_key, C_STR, 0, 0, 0),
	LIST("audit", audit_rec, audit_cols, sort_key, C_STR, 0, 0, 1),
#undef LIST
#undef LISTED
};

/* The columns of l: its own table, or made once from its description. */
static const struct col *columns(const struct lister *l, size_t *n)
{
	static struct col made[sizeof listers / sizeof *listers][40];
	static size_t nmade[sizeof listers / sizeof *listers];
	if (l->cols) {
		*n = l->ncols;
		return l->cols;
	}
	size_t i = (size_t)(l - listers);
	if (!nmade[i])
		nmade[i] = cols_of_record(l->rec, l->id_off, made[i], sizeof made[i] / sizeof *made[i]);
	*n = nmade[i];
	return made[i];
}

static const char *text_at(const char *row, const struct col *col)
{
	return col->kind == C_ARR ? row + col->off : *(char *const *)(row + col->off);
}

/* Every value goes through csv.c, so --format csv|tsv, --sep and --bom
 * work for every list. */
static void print_row(csv_out *w, const struct lister *l, const char *row)
{
	size_t ncols;
	const struct col *cols = columns(l, &ncols);
	for (size_t i = 0; i < ncols; i++) {
		const struct col *col = &cols[i];
		const char *p = row + col->off;
		switch (col->kind) {
		case C_STR:
		case C_ARR:
			csv_field(w, text_at(row, col));
			break;
		case C_INT:
			csv_int(w, *(const int *)p);
			break;
		case C_I64:
			csv_int(w, *(const int64_t *)p);
			break;
		case C_REAL:
			csv_real(w, *(const double *)p, 3, 1);
			break;
		case C_ROLE:
			csv_field(w, role_code(*(const krole *)p));
			break;
		}
	}
	csv_end_row(w);
}

static void print_header(csv_out *w, const struct lister *l)
{
	size_t ncols;
	const struct col *cols = columns(l, &ncols);
	for (size_t i = 0; i < ncols; i++)
		csv_field(w, cli_heading(cols[i].name, cols[i].label));
	csv_end_row(w);
}

/* Prints one page and moves the keyset position (*key, owned) on. */
static kcode print_page(csv_out *w, const struct lister *l, kdb *db, const kactor *who, kpage *pg, char **key,
			int *n, kerr *e)
{
	int first = !pg->after_key;
	void *rows;
	if (first && !l->header_after)
		print_header(w, l);
	if (l->fetch(db, who, pg, &rows, n, e))
		return e->code;
	if (first && l->header_after)
		print_header(w, l);
	for (int i = 0; i < *n; i++)
		print_row(w, l, (const char *)rows + (size_t)i * l->size);
	if (*n) {
		const char *last = (const char *)rows + (size_t)(*n - 1) * l->size;
		const char *k = text_at(last, &l->key);
		free(*key);
		*key = strdup(k ? k : "");
		pg->after_key = *key;
		pg->after_id = *(const int64_t *)(last + l->id_off);
	}
	l->free(rows, *n);
	return KE_OK;
}

static int list(struct cli *c, kdb *db, const kactor *who)
{
	const char *what = c->argv[1];
	const struct lister *l = NULL;
	for (size_t i = 0; i < sizeof listers / sizeof *listers; i++)
		if (!strcmp(what, listers[i].what))
			l = &listers[i];
	if (!l)
		return cli_usage_error(_("cannot list %s"), what);

	kpage pg = { .limit = PAGE, .include_inactive = 1 };
	struct cli_out out;
	cli_out_init(&out, CSV_TSV);
	for (int i = 2; i < c->argc; i++) {
		const char *a = c->argv[i], *v;
		int orc = cli_out_option(c, &i, &out);
		if (orc == CLI_USAGE)
			return orc;
		if (orc)
			continue;
		if ((!strcmp(a, "--year") && !l->per_year) || (!strcmp(a, "--unit") && !l->by_unit)) {
			/* a plain error, not a usage error: the usage would not say more */
			fprintf(stderr, "kup: ");
			fprintf(stderr, _("list %s does not take %s"), what, a);
			fputc('\n', stderr);
			return 2;
		}
		if ((v = cli_opt_value(c, &i, "--year"))) {
			if (cli_opt_year(v, &pg.year))
				return CLI_USAGE;
		} else if ((v = cli_opt_value(c, &i, "--unit"))) {
			kerr e = { 0 };
			if (unit_find(db, v, &pg.unit_id, &e))
				return cli_fail(&e);
		} else {
			return cli_usage_error(_("list does not know %s"), a);
		}
	}
	if (l->per_year && !pg.year)
		pg.year = date_year_today();

	int orc = cli_out_open(&out, 0);
	if (orc)
		return orc;
	char *key = NULL;
	int n;
	kerr e = { 0 };
	kcode rc;
	do
		rc = print_page(&out.csv, l, db, who, &pg, &key, &n, &e);
	while (!rc && n == PAGE && !ferror(out.f));
	free(key);
	if (rc)
		cli_fail(&e);
	return cli_out_close(&out, !rc);
}

int cmd_list(struct cli *c)
{
	if (c->argc < 2)
		return cli_usage_error("%s", _("list needs what to list: staff, plans, activities, sessions, participations or followups"));
	struct cli_db d;
	if (cli_open(c, DB_OPEN_READONLY, &d))
		return 1;
	int rc = list(c, d.db, &d.who);
	db_close(d.db);
	return rc;
}
