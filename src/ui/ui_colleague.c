/* ui_colleague.c — the colleague's part of a follow-up; see ui_colleague.h. */
#include "ui_colleague.h"
#include "i18n.h"
#include "ui.h"
#include "ui_view.h"

int colleague_part_edit(int64_t id)
{
	(void)id;
	ui_msg(ST_WARN, "%s", _("Not yet."));
	return UI_NOTHING;
}
