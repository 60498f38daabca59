/* plan_print.h — a development plan on paper, for the MUS meeting: the
 * person, unit, leader and year, the goals with competence and focus areas,
 * the activities (participations) of the year with the goal they serve, the
 * follow-ups of activities that ended in the year or the one before (their
 * state, what was learned and used, how the unit put it into practice, the
 * colleagues' parts), the agreement and the evaluation — as Markdown, a
 * self-contained printable HTML page (inline CSS, print styles, every text
 * HTML-escaped) or plain text. Reads through the data API with the acting
 * person's rights; used by `kup export plan` and by `p` in the plans pane.
 * The document is malloc'd and the caller's. */
#ifndef KUP_PLAN_PRINT_H
#define KUP_PLAN_PRINT_H

#include <stddef.h>
#include "db.h"

typedef enum { PP_MD, PP_HTML, PP_TXT } plan_fmt;

int plan_fmt_parse(const char *s, plan_fmt *out);  /* "md", "html", "txt" */
const char *plan_fmt_ext(plan_fmt f);              /* "md", "html", "txt" */

kcode plan_print(kdb *db, const kactor *who, int64_t plan_id, plan_fmt fmt,
		 char **doc, size_t *len, kerr *e);

/* The default file name: $HOME/plan-<login or initials>-<year>.<ext>. */
void plan_print_default_path(const char *who_name, int year, plan_fmt fmt, char *buf, size_t size);

#endif
