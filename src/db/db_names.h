/* db_names.h — what a person calls stored things, in the reader's
 * language: the status and kind codes of records, and the columns a
 * record's audit trail names (its history shows them). For everything that
 * shows a record (screen, printed plan, exports, history). The returned
 * strings are static translations; an unknown code or column comes back as
 * it is. */
#ifndef KUP_DB_NAMES_H
#define KUP_DB_NAMES_H

extern const char *const goal_statuses[]; /* "open", ..., NULL */
extern const char *const unit_kinds[];    /* "area", "institution", "team", NULL */
const char *goal_status_name(const char *code);
const char *plan_status_name(const char *code);
const char *part_status_name(const char *code);
const char *unit_kind_name(const char *code);
/* A colleague's part of a follow-up: "asked", "answered", "declined". */
const char *ask_state_name(const char *code);

/* The label of column col of table tbl as the forms call it: the record
 * description's label (db_fields.h) where the table has one, else kup's
 * name for that column. */
const char *column_label(const char *tbl, const char *col);
/* A stored value of column col of table tbl as a person reads it: a status,
 * role, method, kind or state code by its name, a yes/no column as yes or
 * no; any other value as it is. */
const char *column_value_name(const char *tbl, const char *col, const char *value);

#endif
