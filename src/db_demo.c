/* db_demo.c — placeholder until the demo generator lands. */
#include "db_demo.h"
#include "i18n.h"

kcode demo_create(kdb *db, const kactor *who, int nstaff, demo_summary *sum, kerr *e)
{
	(void)db; (void)who; (void)nstaff; (void)sum;
	return kerr_set(e, KE_DB, "%s", "demo not written yet");
}
