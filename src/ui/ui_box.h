/* ui_box.h — a question in a box over the screen, for what a plain yes/no
 * on the message line cannot carry (a conflict with someone else's change,
 * a draft left from before). Nothing returned is allocated. */
#ifndef KUP_UI_BOX_H
#define KUP_UI_BOX_H

#include "err.h"

/* A box over the screen: text (wrapped to fit) and a line naming the keys.
 * Waits for one of the ASCII letters in accept (either case) and returns it
 * in lower case. A 'y' in accept stands for the yes key of the language
 * shown (ui_yes_key: j in Danish, y in English), returned as 'y'; the other
 * language's letter answers nothing. Esc and Enter return 27: each box's way
 * out that decides nothing (no, later, back), which its key line names.
 * Keys typed before the box appeared and pasted keys are not answers.
 * backdrop redraws what lies under the box after a resize (NULL: the
 * screen as it is). */
int ui_box(const char *text, const char *keys, const char *accept, void (*backdrop)(void *), void *ctx);
/* A yes/no question in a box, for what the message line cannot hold (what
 * a step closes or cancels): 1 on the language's yes key; n, Enter and Esc
 * say no. */
int ui_ask(const char *text);
/* A delete (or deactivation) met someone else's change: shows e->msg (who,
 * when) and the question; 1 when the person says yes. */
int ui_ask_again(const kerr *e, const char *question);

#endif
