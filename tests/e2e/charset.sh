#!/bin/sh
# End-to-end: one decision about the terminal's character set drives the
# whole screen. PuTTY sends no locale and its default session is UTF-8:
# with LANG unset and TERM=xterm kup draws æøå, its lines as Unicode box
# characters (never the VT100 line-drawing set, which such a terminal shows
# as "qqqq") and the report's bars with blocks. A locale naming another
# character set, or KUP_CHARSET=ascii, gets only ASCII: ae/oe/aa, lines of
# '-' '|' '+', bars of '#', cuts ending in "...", and letters typed in the
# terminal's own charset are still read. KUP_CHARSET=utf-8 wins over the
# locale; a value kup does not know is named on the first screen.
. "$(dirname "$0")/../lib/tmux.sh"

"$KUP" --db "$T_DIR/demo.db" demo >/dev/null || not_ok "demo database"

# the screen holds a byte outside printable ASCII (æ, ─, █, …)
non_ascii() { t_screen | LC_ALL=C grep -q '[^ -~]'; }
ascii_only() { ! non_ascii; }
no_q_rule() { ! t_screen | grep -q 'qqqqqqqqqq'; }

# start NAME ENV... : kup in a fresh session on a copy of the demo, with
# the locale variables unset and then ENV set, on its first screen.
start() {
	name=$1; shift
	cp "$T_DIR/demo.db" "$T_DIR/$name.db" || not_ok "$name: a copy of the demo database"
	t_start env -u LANG -u LC_ALL -u LC_CTYPE TERM=xterm "$@" "$KUP" --lang da --db "$T_DIR/$name.db"
	t_step "1 Medarbejdere"
}
# run NAME ENV... : the same, then on the staff pane.
run() {
	start "$@"
	t_keys 1
}
# report: from the staff pane to the first report (plan coverage)
report() {
	t_keys 4
	t_step "Rapporter"
	t_keys Enter
}

# --- PuTTY's default: no locale, TERM=xterm, a UTF-8 terminal ---
run putty
t_settle "Amalie Grønbæk"
check "no locale: æøå are shown" t_wait "Amalie Grønbæk"
check "no locale: the rule is Unicode's line" t_wait "────────────────"
check "no locale: never the VT100 line-drawing set (qqqq)" no_q_rule
report
t_settle "Ledere"
check "no locale: the report's bars are blocks" t_wait "█████"
t_keys u
check "no locale: a pop-up's border and rule are Unicode's lines" t_wait "├──────"
check "...its corner too" t_wait "┌"
t_keys Escape q
check "no locale: q quits" t_exited

# --- a locale with another character set: only ASCII ---
run latin1 LANG=da_DK.ISO-8859-1
t_settle "Amalie Groenbaek"
check "8-bit locale: æøå as ae/oe/aa" t_wait "Amalie Groenbaek"
check "8-bit locale: a capital before small letters as Aa" t_wait "Bo Aakjaer"
check "8-bit locale: the rule is of '-'" t_wait "----------------"
check "8-bit locale: the cut ends in three dots" t_wait "..."
check "8-bit locale: only ASCII on the staff pane" ascii_only
report
t_settle "Ledere"
check "8-bit locale: the report's bars are '#'" t_wait "#####"
check "8-bit locale: only ASCII in the report" ascii_only
t_keys u
t_settle "+------"
check "8-bit locale: a pop-up's border and rule are of '+' '-' '|'" t_wait "|"
check "8-bit locale: only ASCII in the pop-up" ascii_only
t_keys Escape q
check "8-bit locale: q quits" t_exited

# --- an installed 8-bit locale (made here when localedef can): the keys a
# Latin-1 terminal sends are read in it, the screen stays ASCII ---
if mkdir "$T_DIR/loc" && localedef -i da_DK -f ISO-8859-1 "$T_DIR/loc/da_DK.ISO-8859-1" >/dev/null 2>&1; then
	run installed LOCPATH="$T_DIR/loc" LANG=da_DK.ISO-8859-1
	t_settle "Amalie Groenbaek"
	t_keys /
	tmux -S "$T_SOCK" send-keys -t "$T_SESSION" -H 47 72 f8 6e 62 # "Grønb" in Latin-1
	check "installed 8-bit locale: Grønb typed in Latin-1 is read and shown as Groenb" t_wait "/Groenb"
	check "...and finds her" t_wait "Amalie Groenbaek"
	check "installed 8-bit locale: only ASCII on screen" ascii_only
	t_keys Enter q
	check "installed 8-bit locale: q quits" t_exited
else
	echo "# no da_DK.ISO-8859-1 locale could be made here (localedef); the installed 8-bit case is left out"
fi

# --- KUP_CHARSET=ascii in a UTF-8 locale: typed letters are read, shown as ASCII ---
run ascii LANG=C.UTF-8 KUP_CHARSET=ascii
t_settle "Amalie Groenbaek"
t_keys /
t_type "Grønb"
check "KUP_CHARSET=ascii: the search typed as Grønb is shown as Groenb" t_wait "/Groenb"
check "...and finds her" t_wait "Amalie Groenbaek"
check "KUP_CHARSET=ascii: only ASCII on screen" ascii_only
t_keys Enter q
check "KUP_CHARSET=ascii: q quits" t_exited

# --- KUP_CHARSET=utf-8 wins over an 8-bit locale ---
run forced LANG=da_DK.ISO-8859-1 KUP_CHARSET=utf-8
check "KUP_CHARSET=utf-8: æøå are shown" t_wait "Amalie Grønbæk"
check "KUP_CHARSET=utf-8: the rule is Unicode's line" t_wait "────────────────"
report
check "KUP_CHARSET=utf-8: the report's bars are blocks" t_wait "█████"
t_keys q
check "KUP_CHARSET=utf-8: q quits" t_exited

# --- a value kup does not know ---
start odd KUP_CHARSET=ebcdic
check "KUP_CHARSET=ebcdic is named on the first screen" t_wait "KUP_CHARSET=ebcdic"
check "...and the locale decides (none: UTF-8)" t_wait "Ansøgninger"
t_keys q
check "KUP_CHARSET=ebcdic: q quits" t_exited

t_done
