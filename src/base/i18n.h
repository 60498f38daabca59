/* i18n.h — the translation layer. Source strings are English; i18n_tr()
 * returns the Danish text when Danish is active. Returned strings are static.
 * Our own table rather than gettext catalogues (which would work: glibc
 * honours LANGUAGE under C.UTF-8) for convenience: one English<TAB>Danish
 * file (share/da.tsv) a municipality can edit, compiled into the binary (no
 * .mo to build, install or find), a language chosen by kup rather than the
 * locale (Danish also in cron's bare C environment), and pairs the lint
 * checks (tests/lint/i18n.sh). The price: two languages, no plural forms, no
 * context — one English text has one Danish text everywhere. */
#ifndef KUP_I18N_H
#define KUP_I18N_H

typedef enum { LANG_DA = 0, LANG_EN = 1 } klang;

/* Picks the language from --lang (may be NULL) or the environment
 * (LANGUAGE, LC_ALL, LC_MESSAGES, LANG): English if it asks for "en",
 * Danish otherwise. */
void i18n_init(const char *forced);
void i18n_set(klang l);
klang i18n_lang(void);
const char *i18n_tr(const char *en);
void i18n_done(void); /* frees the table (for leak checkers) */

#define _(s) i18n_tr(s)
#define N_(s) (s) /* marks a string for translation where it is stored */

#endif
