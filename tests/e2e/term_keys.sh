#!/bin/sh
# End-to-end: keys as real terminals send them. PuTTY's defaults (TERM=xterm)
# send ESC[1~ Home, ESC[4~ End, ESC[11~..ESC[14~ F1-F4; xterm sends ESC[H or
# ESC OH, rxvt ESC[7~, the Linux console ESC[[A for F1, a vt100 ESC OP. The
# terminal description of TERM names only one of each, so for TERM=xterm,
# xterm-256color, vt100 and linux every family's bytes are sent raw and must
# act: End and Home move to the last and first row of a list, the arrows
# move, F1 opens the help, Delete deletes in a form field and F2 saves it.
. "$(dirname "$0")/../lib/tmux.sh"

"$KUP" --db "$T_DIR/demo.db" demo >/dev/null || not_ok "demo database"
first="Amalie Grønbæk (AG)" # the first row of the staff pane
second="Amira Haddad (AHA)"
last="(ÅSØ)" # the last row's initials; its name changes below

# raw HEX... : the bytes as the terminal sends them, in one write
raw() { tmux -S "$T_SOCK" send-keys -t "$T_SESSION" -H "$@"; }
# the bytes of each key, family by family (PuTTY/linux/screen, xterm
# normal and application cursor mode, rxvt)
home="1b5b317e 1b5b48 1b4f48 1b5b377e"
end="1b5b347e 1b5b46 1b4f46 1b5b387e"
f1="1b5b31317e 1b4f50 1b5b5b41"
f2="1b5b31327e 1b4f51 1b5b5b42"
del=1b5b337e
hexof() { echo "$1" | sed 's/../& /g'; } # "1b5b317e" -> "1b 5b 31 7e"

for term in xterm xterm-256color vt100 linux; do
	db="$T_DIR/$term.db" # each terminal starts afresh, with no draft left
	cp "$T_DIR/demo.db" "$db" || not_ok "$term: a copy of the demo database"
	t_start env TERM=$term "$KUP" --lang en --db "$db"
	t_step "1 Staff"
	t_keys 1
	t_step "$first"
	# Each key is pressed from the other end of the list, so the row it
	# should reach is not on screen before it acts ('g' and 'G' always work).
	for k in $end; do
		t_keys g
		t_step "$first"
		# shellcheck disable=SC2046 # the bytes are separate words
		raw $(hexof "$k")
		check "$term: End as $k goes to the last row" t_wait "$last" 2
	done
	for k in $home; do
		t_keys G
		t_step "$last"
		# shellcheck disable=SC2046
		raw $(hexof "$k")
		check "$term: Home as $k goes to the first row" t_wait "$first" 2
	done
	t_keys g
	t_step "$first"
	for k in 1b5b42 1b4f42; do
		t_keys g
		t_step "$first"
		# shellcheck disable=SC2046
		raw $(hexof $k)
		check "$term: Down as $k moves one row" t_wait "$second" 2
	done
	for k in 1b5b41 1b4f41; do
		t_keys g j
		t_step "$second"
		# shellcheck disable=SC2046
		raw $(hexof $k)
		check "$term: Up as $k moves one row" t_wait "$first" 2
	done
	for k in $f1; do
		# shellcheck disable=SC2046
		raw $(hexof "$k")
		if t_wait "close help" 2; then
			ok "$term: F1 as $k opens the help"
			t_keys q
			check "$term: q closes the help" t_gone "close help"
		else
			not_ok "$term: F1 as $k opens the help"
		fi
	done
	n=0
	for k in $f2; do
		n=$((n + 1))
		name="ÅÅÅ $term $n" # sorts last, so End finds it again
		t_keys G e
		t_step "Edit staff member"
		t_keys C-u
		t_type "X$name"
		t_keys C-a
		raw $(hexof $del)
		check "$term: Delete deletes the character under the cursor" t_wait "[$name " 2
		# shellcheck disable=SC2046
		raw $(hexof "$k")
		check "$term: F2 as $k saves the form" t_wait "Saved." 2
		check "$term: ... the name is stored" \
			test "$(q "$db" "select count(*) from staff where name = '$name'")" = 1
		if t_lacks "Saved."; then # a form F2 did not save is left unsaved
			t_keys Escape y
		fi
		t_step "1 Staff"
	done
	t_keys q
	check "$term: q quits" t_exited
done
t_done
