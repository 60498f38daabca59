/* ui_term.h — the terminal type the front end draws with, decided before
 * curses starts: initscr() ends the program with its own English line on a
 * TERM it does not know, and draws garbage on one that cannot move the
 * cursor. Only the front end asks; commands that print lines never look at
 * TERM. No memory to free. */
#ifndef KUP_UI_TERM_H
#define KUP_UI_TERM_H

#include <stddef.h>

enum ui_term_verdict {
	UI_TERM_OK,       /* $TERM is usable as it is */
	UI_TERM_FALLBACK, /* TERM is now vt100; why holds the notice to show */
	UI_TERM_UNUSABLE  /* kup cannot draw here; why says so (for stderr) */
};

/* Checks $TERM: unset, not a plain name (secure_term_ok) or unknown to
 * terminfo falls back to vt100; a known terminal without cursor
 * addressing (dumb, a printing terminal) is unusable. why gets one
 * translated sentence (size bytes) unless the verdict is UI_TERM_OK. */
enum ui_term_verdict ui_term_choose(char *why, size_t size);

#endif
