/* ui_keys.h — the key sequences of the common terminal families (PuTTY,
 * xterm in both cursor modes, rxvt, the Linux console, screen and tmux,
 * vt100/vt220) taught to curses, whatever TERM says. */
#ifndef KUP_UI_KEYS_H
#define KUP_UI_KEYS_H

/* Binds every known sequence that the terminal description leaves unbound
 * to its key (Home, End, Insert, Delete, PgUp, PgDn, F1-F12, the arrows).
 * Call after initscr and keypad; returns the number bound. */
int ui_keys_define(void);

#endif
