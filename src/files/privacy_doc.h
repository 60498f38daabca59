/* privacy_doc.h — what kup stores about one person (db_privacy_export.h)
 * as a file: JSON for a machine (every table, column and value as stored,
 * times in UTC), or Markdown or a self-contained HTML page for the person
 * (each kind of record under a heading saying how it concerns them, the
 * columns by their labels, dates the Danish way, every text escaped).
 * Used by `kup privacy export` and the employee's own export on screen.
 * The document is malloc'd and the caller's. */
#ifndef KUP_PRIVACY_DOC_H
#define KUP_PRIVACY_DOC_H

#include <stddef.h>
#include "db.h"

typedef enum { PD_JSON, PD_MD, PD_HTML } privacy_fmt;

int privacy_fmt_parse(const char *s, privacy_fmt *out); /* "json", "md", "html"; -1 otherwise */
const char *privacy_fmt_ext(privacy_fmt f);

/* Reads what is stored about login (with who's rights: an admin, or the
 * person themself) and writes it as fmt. */
kcode privacy_doc(kdb *db, const kactor *who, const char *login, privacy_fmt fmt, char **doc, size_t *len,
		  kerr *e);

/* The default file name: $HOME/kup-data-<login>.<ext>. */
void privacy_doc_default_path(const char *login, privacy_fmt fmt, char *buf, size_t size);

#endif
