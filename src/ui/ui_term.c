/* ui_term.c — see ui_term.h. Kept apart from ui.c because <term.h> defines
 * a macro for every terminfo capability (lines, columns, bell ...). */
#include "ui_term.h"
#include "i18n.h"
#include "secure.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define FALLBACK "vt100"

enum probe { P_USABLE, P_POOR, P_UNKNOWN };

/* Loads name's terminfo entry without letting curses print or exit, and
 * asks whether it can address the cursor: curses needs that to draw. */
static enum probe probe(const char *name)
{
	int err = 0;
	if (setupterm(name, STDOUT_FILENO, &err) != OK)
		return err == 1 ? P_POOR : P_UNKNOWN; /* 1: found, a printing terminal */
	int usable = cursor_address != NULL && cursor_address != (char *)-1;
	del_curterm(cur_term);
	cur_term = NULL;
	return usable ? P_USABLE : P_POOR;
}

enum ui_term_verdict ui_term_choose(char *why, size_t size)
{
	const char *term = getenv("TERM");
	if (!term || !*term)
		snprintf(why, size, "%s", _("TERM is not set; using vt100."));
	else if (!secure_term_ok(term)) /* never handed to curses: it could name a path */
		snprintf(why, size, "%s", _("TERM is not a plain terminal name; using vt100."));
	else {
		switch (probe(term)) {
		case P_USABLE:
			return UI_TERM_OK;
		case P_POOR:
			snprintf(why, size,
				 _("The terminal type %s cannot move the cursor, so kup cannot draw its screen on it. Use a terminal such as PuTTY or xterm (TERM=xterm-256color), or kup's commands (kup --help)."),
				 term);
			return UI_TERM_UNUSABLE;
		case P_UNKNOWN:
			snprintf(why, size, _("The terminal type %s is unknown here; using vt100."), term);
			break;
		}
	}
	if (setenv("TERM", FALLBACK, 1) != 0 || probe(FALLBACK) != P_USABLE) {
		snprintf(why, size, "%s", _("No usable terminal type: TERM does not name one, and vt100 is not installed (the ncurses-base package)."));
		return UI_TERM_UNUSABLE;
	}
	return UI_TERM_FALLBACK;
}
