/* i18n.c — see i18n.h. The Danish texts are share/da.tsv (one
 * "English<TAB>Danish" pair a line), embedded in the binary at build time. */
#include "i18n.h"

#include <stdlib.h>
#include <string.h>

extern const char kup_da[];

struct pair { const char *en, *da; };

static klang cur = LANG_DA;
static struct pair *pairs;
static size_t npairs;
static char *store;

static int cmp_pair(const void *a, const void *b)
{
	return strcmp(((const struct pair *)a)->en, ((const struct pair *)b)->en);
}

static int wants_english(const char *v)
{
	return v[0] == 'e' && v[1] == 'n' && (v[2] == '\0' || v[2] == '_' || v[2] == ':' || v[2] == '.');
}

void i18n_set(klang l) { cur = l; }
klang i18n_lang(void) { return cur; }

void i18n_init(const char *forced)
{
	if (forced) {
		cur = strcmp(forced, "en") == 0 ? LANG_EN : LANG_DA;
		return;
	}
	/* The first of these that names a real language decides, as with gettext. */
	const char *vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	cur = LANG_DA;
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v && strcmp(v, "C") != 0 && strncmp(v, "C.", 2) != 0 && strcmp(v, "POSIX") != 0) {
			cur = wants_english(v) ? LANG_EN : LANG_DA;
			return;
		}
	}
}

/* Splits the embedded table once; the pairs point into one copy of it. */
static void load(void)
{
	store = strdup(kup_da);
	if (!store)
		return;
	size_t cap = 1;
	for (const char *p = store; *p; p++)
		cap += *p == '\n';
	pairs = calloc(cap, sizeof *pairs);
	if (!pairs)
		return;
	for (char *line = store, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *tab = strchr(line, '\t');
		if (line[0] == '#' || !tab)
			continue;
		*tab = '\0';
		pairs[npairs].en = line;
		pairs[npairs].da = tab + 1;
		npairs++;
	}
	qsort(pairs, npairs, sizeof *pairs, cmp_pair);
}

const char *i18n_tr(const char *en)
{
	if (cur == LANG_EN || !en)
		return en;
	if (!store)
		load();
	struct pair key = { en, NULL };
	const struct pair *hit = pairs ? bsearch(&key, pairs, npairs, sizeof *pairs, cmp_pair) : NULL;
	return hit ? hit->da : en;
}

void i18n_done(void)
{
	free(pairs);
	free(store);
	pairs = NULL;
	store = NULL;
	npairs = 0;
}
