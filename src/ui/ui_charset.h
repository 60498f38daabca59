/* ui_charset.h — the one decision about the terminal's character set, made
 * before curses starts: UTF-8 (æøå, box lines, the report's block bars) or
 * only ASCII (ae/oe/aa, '-' '|' '+', '#', "..."). Everything the front end
 * draws follows it: text through text.h's display charset, lines and bars
 * through ui_utf8(). Only the front end asks; commands print UTF-8 as
 * always. No memory to free. */
#ifndef KUP_UI_CHARSET_H
#define KUP_UI_CHARSET_H

#include <stddef.h>

/* Decides from $KUP_CHARSET (ascii, utf-8), else from the locale
 * (LC_ALL, LC_CTYPE, LANG): none, C or POSIX is UTF-8, because PuTTY sends
 * no locale and its default remote character set is UTF-8; a locale whose
 * character set is UTF-8 is UTF-8; any other (da_DK.ISO-8859-1, or a
 * locale that is not installed and names no UTF-8) is ASCII. Sets
 * LC_CTYPE for ncursesw: a UTF-8 one for UTF-8 (without any installed,
 * ASCII is chosen, since ncursesw could not draw UTF-8); the environment's
 * 8-bit one for ASCII, so keys typed in it are read right. Returns 1 with
 * a translated notice in why (size bytes) when KUP_CHARSET was not
 * understood or UTF-8 could not be had, else 0 and why is "". */
int ui_charset_choose(char *why, size_t size);

/* 1 when the screen shows UTF-8, 0 when only ASCII. */
int ui_utf8(void);

#endif
