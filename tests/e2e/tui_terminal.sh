#!/bin/sh
# End-to-end: what the terminal gets. A wrong date is refused and the rest of
# the form kept; resizing to 60x16 (and below) and back keeps typed text;
# control characters stored in a name never reach the terminal raw; the help
# screen lists every key of the pane; NO_COLOR and plain terminals work.
. "$(dirname "$0")/../lib/tmux.sh"

db="$T_DIR/t.db"
"$KUP" --db "$db" demo >/dev/null || not_ok "demo database"

# --- a wrong date, then resizing while the form is open ---
t_start "$KUP" --db "$db"
t_step "1 Medarbejdere"
t_keys 1 n # from pane 0, Overblik, to the staff pane
t_step "Ny medarbejder"
t_type "Bjørk Ærenfeldt"; t_keys Tab
t_type "BÆ"; t_keys Tab Tab Tab Tab
t_type "Klubben"; t_step "Søg: Klubben"; t_keys Enter Tab Tab Tab
t_type "Klubmedarbejder"; t_keys Tab
t_type "31-02-2026"
t_keys C-s
check "a wrong date is refused with a message saying what to write" t_wait "skriv en dato som 22-11-2026"
check "the rest of the form is kept" t_wait "Bjørk Ærenfeldt"
check "nothing was saved" test "$(q "$db" "select count(*) from staff where name='Bjørk Ærenfeldt'")" = 0

t_resize 60 16
check "at 60x16 the form is still there with the typed text" t_wait "Bjørk Ærenfeldt"
t_resize 50 12
check "below 60x16 a notice asks for a larger window" t_wait "for lille"
t_resize 80 24
check "after growing back the typed text is intact" t_wait "Bjørk Ærenfeldt"
t_keys C-u
t_type "1.9.2026"
t_keys C-s
check "with a right date it saves" t_wait "Gemt."
check "the date is stored as ISO" \
	test "$(q "$db" "select employed_from from staff where name='Bjørk Ærenfeldt'")" = 2026-09-01
t_keys q
check "q quits" t_exited

# --- control characters in stored text ---
q "$db" "update staff set name = 'Eve' || char(27) || ']0;pwned' || char(7) || 'Mal' || char(27) || '[2J' || 'lory',
	sort_key = 'a' where login = (select login from staff where login is not null order by id limit 1)"
raw="$T_DIR/raw.out"
t_start "$KUP" --db "$db"
tmux -S "$T_SOCK" pipe-pane -o -t "$T_SESSION" "cat >> '$raw'"
t_keys 1 C-l
check "the hostile name is shown with visible placeholders" t_wait "Eve␛]0;pwned␇Mal␛[2Jlory"
t_keys q
check "q quits, and the raw output is all there" t_exited
check "the raw terminal output was captured" grep -q "pwned" "$raw"
check "no raw ESC ]0;pwned reached the terminal" sh -c "! grep -q \"$(printf '\033')]0;pwned\" '$raw'"
check "no raw ESC [2J from the data reached the terminal" sh -c "! grep -q \"Mal$(printf '\033')\\[2J\" '$raw'"
check "the window title was not changed" \
	sh -c "! tmux -S '$T_SOCK' display -p -t '$T_SESSION' '#{pane_title}' | grep -q pwned"

# --- the help screen lists every key of the pane ---
# Each page is read once it is drawn to its end: its last line shows and
# the screen stands still (the help arrives in pieces, top first).
t_start "$KUP" --db "$db"
t_step "1 Medarbejdere"
t_keys 1 '?'
t_settle "luk hjælpen" # the help's last line
help="$(t_screen)"
t_keys NPage
t_settle "Vis rude 4, Rapporter" # the help's last entry, on its second page
help="$help
$(t_screen)"
# The key column is the first 23 columns of each help line.
keys_shown=$(printf '%s\n' "$help" | cut -c1-23)
missing=""
for k in ${EXTRA_KEY:-} Enter n e d t p '?' q / Esc ↑ k ↓ j PgUp PgDn Home g End G 0 1 2 3 Tab Shift-Tab '[' ']' Ctrl-L; do
	printf '%s\n' "$keys_shown" | awk -v k="$k" '{ for (i = 1; i <= NF; i++) if ($i == k) f = 1 } END { exit !f }' ||
		missing="$missing $k"
done
check "help lists every key of the staff pane (missing:$missing)" test -z "$missing"
t_keys q
check "q closes the help" t_gone "luk hjælpen"
t_keys 3 '?'
t_step "luk hjælpen"
check "help follows the pane: activities have Enter for sessions" t_wait "Åbn aktivitetens hold"
t_keys q q
check "q q closes the help and quits" t_exited

# --- plain terminals and NO_COLOR ---
for term in vt100 linux screen tmux-256color xterm; do
	t_start env TERM=$term NO_COLOR=1 "$KUP" --db "$db"
	check "TERM=$term with NO_COLOR draws the staff pane" t_wait "1 Medarbejdere"
	t_keys q
	check "TERM=$term: q quits" t_exited
done
t_done
