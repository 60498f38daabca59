/* test_describe.c — the staff description (db_fields.h) is the one source
 * of the staff form, the columns of `kup list staff` and the import's
 * headings: every field a person can give is in each of them, under the
 * description's label, limits and column; `kup list staff` heads it by its
 * code in English and its label in Danish, and the import reads the label. */
#include "db_fields.h"
#include "db_activity.h"
#include "db_staff.h"
#include "i18n.h"
#include "text.h"
#include "ui_formrec.h"
#include "ui_view_staff.h"
#include "t.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Fields a person gives: not read-only, not set by an action of its own. */
static int given(const kfield *f)
{
	return !(f->flags & (KF_VIEW | KF_NOFORM));
}

static void test_form(void)
{
	const formrec *fr = view_staff_form();
	CHECK(fr != NULL, "the staff form is made from the staff description");
	if (!fr)
		return;
	int missing = 0, wrong = 0;
	for (int i = 0; i < kr_staff.n; i++) {
		const kfield *f = &kr_staff.fields[i];
		int j = formrec_index(fr, f->col);
		if (!given(f))
			continue;
		if (j < 0) {
			printf("# not in the form: %s\n", f->col);
			missing++;
			continue;
		}
		const fdesc *d = &fr->d[j];
		if (strcmp(d->label, _(f->label)) || strcmp(d->col, f->col) ||
		    d->required != ((f->flags & KF_REQUIRED) != 0) ||
		    ((d->kind == FK_TEXT || d->kind == FK_TEXTAREA) && d->maxlen != f->maxlen) ||
		    ((f->kind == KF_REF || f->kind == KF_ROLE) && (d->kind != FK_CHOICE || !d->choices))) {
			printf("# the form's %s differs from its description\n", f->col);
			wrong++;
		}
	}
	CHECK(missing == 0, "every field of the staff description is in the staff form");
	CHECK(wrong == 0, "each form field has the description's label, column, required flag, limit and choices");
	int n = 0;
	for (int i = 0; i < kr_staff.n; i++)
		n += given(&kr_staff.fields[i]);
	CHECK(fr->n == n && n >= 11, "the staff form has the %d fields a person gives, no more (has %d)", n, fr->n);
}

/* The heading `kup list staff` gives a field: a reference by what it names. */
static const char *heading(const kfield *f)
{
	return f->kind == KF_REF ? f->ref : f->col;
}

static void test_cli(void)
{
	const char *kup = getenv("KUP");
	if (!kup) {
		printf("SKIP the command line: KUP is not set\n");
		return;
	}
	char dir[] = "/tmp/kup-test-describe.XXXXXX", cmd[600], line[1000] = "";
	CHECK(mkdtemp(dir) != NULL, "a temporary directory");
	/* English headings are the codes scripts read; Danish ones the labels,
	 * which the import reads back too (test_import) */
	for (int lang = 0; lang < 2; lang++) {
		i18n_set(lang ? LANG_DA : LANG_EN);
		snprintf(cmd, sizeof cmd, "'%s' --db '%s/k.db' init >/dev/null 2>&1; '%s' --lang %s --db '%s/k.db' list staff",
			 kup, dir, kup, lang ? "da" : "en", dir);
		FILE *p = popen(cmd, "r");
		int got = p && fgets(line, sizeof line, p) != NULL;
		int rc = p ? pclose(p) : -1;
		CHECK(got && rc == 0, "kup --lang %s list staff prints its header on an empty database", lang ? "da" : "en");
		line[strcspn(line, "\n")] = '\0';
		int missing = 0;
		for (int i = 0; i < kr_staff.n; i++) {
			const kfield *f = &kr_staff.fields[i];
			char want[80];
			snprintf(want, sizeof want, "\t%s\t", lang ? _(f->label) : heading(f));
			char padded[1010];
			snprintf(padded, sizeof padded, "\t%s\t", line);
			if (given(f) && !strstr(padded, want)) {
				printf("# not listed: %s (header: %s)\n", want, line);
				missing++;
			}
		}
		CHECK(missing == 0, "every field of the staff description is a column of kup list staff, headed %s",
		      lang ? "by its Danish label" : "by its code in English");
	}
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0, "the temporary directory is removed");
}

static void test_import(void)
{
	int bad = 0;
	for (int i = 0; i < kr_staff.n; i++) {
		const kfield *f = &kr_staff.fields[i];
		if (!given(f))
			continue;
		for (const char *const *h = f->import; h && *h; h++)
			if (krecord_import_field(&kr_staff, *h) != f) {
				printf("# the import heading %s does not lead to %s\n", *h, f->col);
				bad++;
			}
		if (!f->import || !f->import[0] || !f->import[1]) {
			printf("# %s has no English and Danish import heading\n", f->col);
			bad++;
		}
	}
	CHECK(bad == 0, "every field a person gives has English and Danish import headings that lead back to it");
	/* `kup list staff|activities` heads its columns by the Danish labels in
	 * Danish: a list written in Danish must import back */
	const krecord *const recs[] = { &kr_staff, &kr_activity };
	bad = 0;
	i18n_set(LANG_DA);
	for (size_t r = 0; r < sizeof recs / sizeof *recs; r++)
		for (int i = 0; i < recs[r]->n; i++) {
			const kfield *f = &recs[r]->fields[i];
			if (!f->import)
				continue;
			char *folded = text_fold(_(f->label));
			if (!folded || krecord_import_field(recs[r], folded) != f) {
				printf("# %s: the Danish label '%s' is not an import heading of %s\n", recs[r]->table,
				       _(f->label), f->col);
				bad++;
			}
			free(folded);
		}
	CHECK(bad == 0, "every imported field's Danish label is one of its import headings (folded)");
}

int main(void)
{
	i18n_set(LANG_DA);
	test_form();
	i18n_set(LANG_EN);
	test_form();
	test_cli();
	test_import();
	return t_done();
}
