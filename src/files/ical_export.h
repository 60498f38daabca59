/* ical_export.h — course days as calendar files (ical.h): a person's
 * sessions (`kup export ics`), one participation or one session (the
 * calendar key on screen). Reads through the data API with the acting
 * person's rights (db_calendar.h decides which sessions count); texts are
 * in the language kup speaks. The document is malloc'd and the caller's. */
#ifndef KUP_ICAL_EXPORT_H
#define KUP_ICAL_EXPORT_H

#include <stddef.h>
#include "db.h"

kcode ical_export_person(kdb *db, const kactor *who, int64_t staff_id, char **doc, size_t *len, kerr *e);
kcode ical_export_part(kdb *db, const kactor *who, int64_t part_id, char **doc, size_t *len, kerr *e);
kcode ical_export_session(kdb *db, const kactor *who, int64_t session_id, char **doc, size_t *len, kerr *e);

/* The default file name: $HOME/calendar-<name>.ics, or with the session
 * when session_id is not 0: $HOME/calendar-<name>-<session>.ics ("kalender"
 * in Danish); name cut to safe characters. */
void ical_default_path(const char *name, int64_t session_id, char *buf, size_t size);

#endif
