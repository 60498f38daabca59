/* db_names.h — the names of stored status codes in the reader's language,
 * for everything that shows a record (screen, printed plan, exports).
 * The returned strings are static translations; an unknown code comes back
 * as it is. */
#ifndef KUP_DB_NAMES_H
#define KUP_DB_NAMES_H

extern const char *const goal_statuses[]; /* "open", ..., NULL */
const char *goal_status_name(const char *code);
const char *plan_status_name(const char *code);
const char *part_status_name(const char *code);

#endif
