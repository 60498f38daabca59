/* import_file.c — see import_file.h. */
#include "import_file.h"
#include "csv.h"
#include "i18n.h"
#include "userread.h"

#include <stdlib.h>
#include <string.h>

#define MAX_FILE (64u << 20) /* a payroll export of 100 000 people is ~15 MB */

/* The parsed file: every cell copied, and the arrays import_table points to. */
typedef struct table {
	char **head;
	int ncols;
	char **cells;
	int *line;
	int nrows, cap;
} table;

static void table_free(table *t)
{
	for (int i = 0; i < t->ncols; i++)
		free(t->head[i]);
	for (size_t i = 0; i < (size_t)t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	free(t->head);
	free(t->cells);
	free(t->line);
	memset(t, 0, sizeof *t);
}

static kcode nomem(kerr *e)
{
	return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
}

/* Reads every row. A row with another number of fields than the header is
 * a problem of its own (a stray separator), listed like the others. */
static kcode parse(const char *text, table *t, import_result *res, kerr *e)
{
	csv_in in;
	csv_in_init(&in, text);
	kcode c = KE_OK;
	int rc = csv_in_row(&in, e);
	if (rc <= 0) {
		csv_in_free(&in);
		return rc < 0 ? e->code : kerr_set(e, KE_INVALID, "%s", _("The file is empty."));
	}
	t->ncols = in.n;
	if (!(t->head = calloc((size_t)in.n, sizeof *t->head)))
		c = nomem(e);
	for (int i = 0; !c && i < in.n; i++)
		if (!(t->head[i] = strdup(in.fields[i])))
			c = nomem(e);
	while (!c && (rc = csv_in_row(&in, e)) > 0) {
		if (in.n != t->ncols) {
			char *p = NULL;
			if (asprintf(&p, _("line %d: %d fields where the header has %d (a separator too many or too few?)"),
				     in.line, in.n, t->ncols) < 0)
				p = NULL;
			char **l = p ? realloc(res->problems, (size_t)(res->nproblems + 1) * sizeof *l) : NULL;
			if (!l) {
				free(p);
				c = nomem(e);
				break;
			}
			res->problems = l;
			l[res->nproblems++] = p;
			continue;
		}
		if (t->nrows == t->cap) {
			int cap = t->cap ? t->cap * 2 : 64;
			char **cells = realloc(t->cells, (size_t)cap * (size_t)t->ncols * sizeof *cells);
			if (cells)
				t->cells = cells;
			int *line = cells ? realloc(t->line, (size_t)cap * sizeof *line) : NULL;
			if (!line) {
				c = nomem(e);
				break;
			}
			t->line = line;
			t->cap = cap;
		}
		for (int i = 0; i < t->ncols; i++)
			t->cells[(size_t)t->nrows * (size_t)t->ncols + (size_t)i] = NULL;
		t->line[t->nrows] = in.line;
		t->nrows++;
		for (int i = 0; !c && i < t->ncols; i++)
			if (!(t->cells[(size_t)(t->nrows - 1) * (size_t)t->ncols + (size_t)i] = strdup(in.fields[i])))
				c = nomem(e);
	}
	if (!c && rc < 0)
		c = e->code;
	csv_in_free(&in);
	return c;
}

kcode import_file(kdb *db, const kactor *who, import_kind kind, const char *path, int flags,
		  import_result *res, int *cp1252, kerr *e)
{
	memset(res, 0, sizeof *res);
	if (cp1252)
		*cp1252 = 0;
	if (who->role != ROLE_ADMIN) /* before reading anything */
		return kerr_set(e, KE_DENIED, "%s", _("Not allowed: your role does not permit this."));
	char *raw = NULL, *text = NULL;
	size_t len = 0;
	int cp = 0;
	if (userfile_read(path, MAX_FILE, &raw, &len, e))
		return e->code;
	kcode c = csv_decode(raw, len, &text, &cp, e);
	free(raw);
	if (c)
		return c;
	if (cp1252)
		*cp1252 = cp;
	table t = { 0 };
	c = parse(text, &t, res, e);
	free(text);
	if (!c && res->nproblems) {
		c = kerr_set(e, KE_INVALID, _("%d problem(s) in the file; nothing was imported."), res->nproblems);
	} else if (!c) {
		import_table it = { t.ncols, (const char *const *)t.head, t.nrows, t.line,
				    (const char *const *)t.cells };
		c = kind == IMPORT_STAFF ? import_staff(db, who, &it, flags, res, e)
					 : import_activities(db, who, &it, flags, res, e);
	}
	table_free(&t);
	return c;
}
