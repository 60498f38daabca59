/* import_file.c — see import_file.h. */
#include "import_file.h"
#include "csv.h"
#include "i18n.h"
#include "userread.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILE ((size_t)IMPORT_MAX_FILE_MB << 20)
#define MAX_LINE ((size_t)IMPORT_MAX_LINE_KB << 10)
enum { CP_LINES_NAMED = 20 };

/* The file read so far, a physical line at a time. */
typedef struct src {
	userread in;
	char chunk[65536];
	size_t pos, len, total;
	int eof;
	char *raw;        /* the current line with its '\n', MAX_LINE bytes at most */
	size_t rlen;
	int line;         /* its number */
	int cp_lines, utf8_lines; /* lines read as Windows-1252; as UTF-8 beyond ASCII */
	int cp_at[CP_LINES_NAMED];
} src;

/* The rows kept: every cell in one block of text (a cell costs its bytes
 * and an offset, not an allocation of its own), pointers made at the end. */
typedef struct table {
	char **head;
	int ncols;
	char *text;
	size_t tlen, tcap;
	uint32_t *off;
	const char **cells;
	int *line;
	int nrows, cap;
} table;

static void table_free(table *t)
{
	for (int i = 0; i < t->ncols; i++)
		free(t->head[i]);
	free(t->head);
	free(t->text);
	free(t->off);
	free(t->cells);
	free(t->line);
	memset(t, 0, sizeof *t);
}

static kcode nomem(kerr *e)
{
	return kerr_set(e, KE_NOMEM, "%s", _("Out of memory."));
}

/* The next physical line into s->raw: 1, 0 at the end, -1 with e set. */
static int next_line(src *s, kerr *e)
{
	s->rlen = 0;
	for (;;) {
		if (s->pos == s->len) {
			if (s->eof)
				return s->rlen ? (s->line++, 1) : 0;
			ssize_t n = userread_next(&s->in, s->chunk, sizeof s->chunk, e);
			if (n < 0)
				return -1;
			if (n == 0) {
				s->eof = 1;
				continue;
			}
			s->total += (size_t)n;
			if (s->total > MAX_FILE) {
				kerr_set(e, KE_INVALID, _("line %d: the file is larger than %d MB, more than a staff file can be; split it."),
					 s->line + 1, IMPORT_MAX_FILE_MB);
				return -1;
			}
			s->pos = 0;
			s->len = (size_t)n;
		}
		const char *from = s->chunk + s->pos;
		const char *nl = memchr(from, '\n', s->len - s->pos);
		size_t take = nl ? (size_t)(nl - from) + 1 : s->len - s->pos;
		if (s->rlen + take > MAX_LINE) {
			kerr_set(e, KE_INVALID, _("line %d is longer than %d KiB; a line of a staff file is far shorter. Is it the right file?"),
				 s->line + 1, IMPORT_MAX_LINE_KB);
			return -1;
		}
		memcpy(s->raw + s->rlen, from, take);
		s->rlen += take;
		s->pos += take;
		if (nl) {
			s->line++;
			return 1;
		}
	}
}

/* Appends row `in` to the table; problems for rows of the wrong width. */
static kcode keep_row(const csv_in *in, table *t, import_result *res, kerr *e)
{
	if (!t->head) { /* the header */
		if (in->n > IMPORT_MAX_COLS)
			return kerr_set(e, KE_INVALID, _("line %d: %d columns; kup reads at most %d. Is it the right file?"),
					in->line, in->n, IMPORT_MAX_COLS);
		if (!(t->head = calloc((size_t)in->n, sizeof *t->head)))
			return nomem(e);
		t->ncols = in->n;
		for (int i = 0; i < in->n; i++)
			if (!(t->head[i] = strdup(in->fields[i])))
				return nomem(e);
		return KE_OK;
	}
	if (in->n != t->ncols) {
		if (import_problem(res, _("line %d: %d fields where the header has %d (a separator too many or too few?)"),
				   in->line, in->n, t->ncols))
			return nomem(e);
		return KE_OK;
	}
	if (t->nrows == IMPORT_MAX_ROWS)
		return kerr_set(e, KE_INVALID, _("line %d: more than %d rows; split the file."), in->line, IMPORT_MAX_ROWS);
	if (t->nrows == t->cap) {
		int cap = t->cap ? t->cap * 2 : 64;
		uint32_t *off = realloc(t->off, (size_t)cap * (size_t)t->ncols * sizeof *off);
		if (off)
			t->off = off;
		int *line = off ? realloc(t->line, (size_t)cap * sizeof *line) : NULL;
		if (!line)
			return nomem(e);
		t->line = line;
		t->cap = cap;
	}
	for (int i = 0; i < t->ncols; i++) {
		size_t n = strlen(in->fields[i]) + 1;
		if (t->tlen + n > t->tcap) {
			size_t cap = t->tcap ? t->tcap : 65536;
			while (cap < t->tlen + n)
				cap *= 2;
			char *text = realloc(t->text, cap);
			if (!text)
				return nomem(e);
			t->text = text;
			t->tcap = cap;
		}
		memcpy(t->text + t->tlen, in->fields[i], n);
		t->off[(size_t)t->nrows * (size_t)t->ncols + (size_t)i] = (uint32_t)t->tlen;
		t->tlen += n;
	}
	t->line[t->nrows++] = in->line;
	return KE_OK;
}

/* Reads the file into t, a row at a time. */
static kcode read_table(src *s, table *t, import_result *res, kerr *e)
{
	size_t rcap = MAX_LINE * 3 + 1; /* a row decoded: Windows-1252 takes up to 3 bytes a byte */
	char *row = malloc(rcap);
	if (!row || !(s->raw = malloc(MAX_LINE)))
		return free(row), nomem(e);
	csv_in in;
	memset(&in, 0, sizeof in);
	char sep = 0;
	size_t rlen = 0, rraw = 0;
	int state = 0, first = 0, rc = 0;
	kcode c = KE_OK;
	while (!c && (rc = next_line(s, e)) >= 0) {
		if (rc > 0) {
			char *u = NULL;
			int cp = 0;
			if (csv_decode_line(s->raw, s->rlen, s->line, &u, &cp, e)) {
				c = e->code;
				break;
			}
			if (cp && s->cp_lines < CP_LINES_NAMED)
				s->cp_at[s->cp_lines] = s->line;
			s->cp_lines += cp;
			s->utf8_lines += !cp && csv_has_8bit(u);
			if (!sep)
				sep = csv_detect_sep(u);
			if (!rlen)
				first = s->line;
			size_t n = strlen(u);
			rraw += s->rlen;
			if (rraw > MAX_LINE) {
				free(u);
				c = kerr_set(e, KE_INVALID, _("line %d: the row from line %d is longer than %d KiB (a quote never closed?)."),
					     s->line, first, IMPORT_MAX_LINE_KB);
				break;
			}
			memcpy(row + rlen, u, n + 1);
			rlen += n;
			state = csv_row_state(u, sep, state);
			free(u);
			if (state == CSV_IN_QUOTES)
				continue; /* a line break inside quotes: the row goes on */
		}
		if (rlen) {
			int got;
			csv_in_feed(&in, row, sep, first);
			while (!c && (got = csv_in_row(&in, e)) > 0)
				c = keep_row(&in, t, res, e);
			if (!c && got < 0)
				c = e->code;
		}
		rlen = rraw = 0;
		state = 0;
		if (!rc)
			break;
	}
	if (!c && rc < 0)
		c = e->code;
	if (!c && !t->head)
		c = kerr_set(e, KE_INVALID, "%s", _("The file is empty."));
	csv_in_free(&in);
	free(row);
	return c;
}

/* Which lines were read as Windows-1252: the whole file in a line, a few
 * lines of an otherwise UTF-8 file each by number. */
static int tell_encoding(const src *s, import_result *res)
{
	char ***l = &res->notes;
	int rc = 0;
	char *p = NULL;
	if (!s->cp_lines)
		return 0;
	if (!s->utf8_lines) {
		if (!(p = strdup(_("The file was read as Windows-1252 (not UTF-8) and converted."))))
			return -1;
		char **t = realloc(*l, (size_t)(res->nnotes + 1) * sizeof *t);
		if (!t)
			return free(p), -1;
		*l = t;
		t[res->nnotes++] = p;
		return 0;
	}
	int named = s->cp_lines < CP_LINES_NAMED ? s->cp_lines : CP_LINES_NAMED;
	for (int i = 0; !rc && i <= named; i++) {
		if (i == named && s->cp_lines == named)
			break; /* every one named */
		if ((i < named ? asprintf(&p, _("line %d is not UTF-8 like the rest of the file; it was read as Windows-1252."), s->cp_at[i])
			       : asprintf(&p, _("... and %d more lines read as Windows-1252."), s->cp_lines - named)) < 0)
			return -1;
		char **t = realloc(*l, (size_t)(res->nnotes + 1) * sizeof *t);
		if (!t)
			return free(p), -1;
		*l = t;
		t[res->nnotes++] = p;
	}
	return rc;
}

kcode import_file(kdb *db, const kactor *who, import_kind kind, const char *path, int flags,
		  import_result *res, kerr *e)
{
	memset(res, 0, sizeof *res);
	if (who->role != ROLE_ADMIN) /* before reading anything */
		return kerr_set(e, KE_DENIED, "%s", _("Not allowed: your role does not permit this."));
	src *s = calloc(1, sizeof *s);
	if (!s)
		return nomem(e);
	table t;
	memset(&t, 0, sizeof t);
	kcode c = userread_open(path, &s->in, e);
	if (!c)
		c = read_table(s, &t, res, e);
	userread_close(&s->in); /* a reader stopped early stops its child */
	if (!c && import_problem_count(res)) {
		c = kerr_set(e, KE_INVALID, _("%d problem(s) in the file; nothing was imported."), import_problem_count(res));
		if (import_problems_close(res))
			c = nomem(e);
	} else if (!c) {
		if (t.nrows && !(t.cells = malloc((size_t)t.nrows * (size_t)t.ncols * sizeof *t.cells)))
			c = nomem(e);
		for (size_t i = 0; !c && i < (size_t)t.nrows * (size_t)t.ncols; i++)
			t.cells[i] = t.text + t.off[i];
		import_table it = { t.ncols, (const char *const *)t.head, t.nrows, t.line, t.cells };
		if (!c)
			c = kind == IMPORT_STAFF ? import_staff(db, who, &it, flags, res, e)
						 : import_activities(db, who, &it, flags, res, e);
	}
	/* the lines that were read, told even when the file was refused */
	if (tell_encoding(s, res) && !c)
		c = nomem(e);
	free(s->raw);
	free(s);
	table_free(&t);
	return c;
}
