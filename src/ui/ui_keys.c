/* ui_keys.c — see ui_keys.h.
 *
 * curses knows a key's bytes only from the terminal description TERM
 * names, and that names one sequence per key. Terminals send others:
 * PuTTY's defaults say TERM=xterm but send ESC[1~ for Home and ESC[11~ for
 * F1, xterm sends ESC[H or ESC OH by cursor mode, rxvt ESC[7~, the Linux
 * console ESC[[A. Unbound, such a sequence reaches the key reader as ESC
 * and text, which it drops, so the key did nothing (F2 never saved). */
#include "ui_keys.h"
#include "ui.h"

static const struct { const char *seq; int key; } seqs[] = {
	/* Home and End: PuTTY, Linux, screen, vt220 (Find/Select); xterm in
	 * normal and application cursor mode; rxvt */
	{ "\033[1~", KEY_HOME }, { "\033[H", KEY_HOME }, { "\033OH", KEY_HOME }, { "\033[7~", KEY_HOME },
	{ "\033[4~", KEY_END }, { "\033[F", KEY_END }, { "\033OF", KEY_END }, { "\033[8~", KEY_END },
	{ "\033[2~", KEY_IC }, { "\033[3~", KEY_DC },
	{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
	/* the arrows in both cursor modes */
	{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN }, { "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT },
	{ "\033OA", KEY_UP }, { "\033OB", KEY_DOWN }, { "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
	/* F1-F4: PuTTY and rxvt; xterm and vt100; the Linux console (also F5) */
	{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) }, { "\033[13~", KEY_F(3) }, { "\033[14~", KEY_F(4) },
	{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) }, { "\033OR", KEY_F(3) }, { "\033OS", KEY_F(4) },
	{ "\033[[A", KEY_F(1) }, { "\033[[B", KEY_F(2) }, { "\033[[C", KEY_F(3) }, { "\033[[D", KEY_F(4) },
	{ "\033[[E", KEY_F(5) },
	/* F5-F12: the same in every family */
	{ "\033[15~", KEY_F(5) }, { "\033[17~", KEY_F(6) }, { "\033[18~", KEY_F(7) }, { "\033[19~", KEY_F(8) },
	{ "\033[20~", KEY_F(9) }, { "\033[21~", KEY_F(10) }, { "\033[23~", KEY_F(11) }, { "\033[24~", KEY_F(12) },
};

int ui_keys_define(void)
{
	int n = 0;
	for (size_t i = 0; i < sizeof seqs / sizeof seqs[0]; i++) {
		/* A sequence the description binds (to this key or, rarely, to
		 * another it means there) stays as the description says. */
		if (key_defined(seqs[i].seq) != 0)
			continue;
		if (define_key(seqs[i].seq, seqs[i].key) == OK)
			n++;
	}
	return n;
}
