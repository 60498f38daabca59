#!/bin/sh
# End-to-end: nothing is done by accident from the keyboard. Pasted text, or
# an ESC arriving in the same burst as other keys (Alt+J is ESC J), is never
# the Esc key and never a key that acts: pasting "z ESC J d J" neither throws
# a form away nor deactivates anyone; a bracketed paste goes into the field
# exactly, without its markers, control keys or a new line acting; a
# question takes only the yes key of the language shown (y in English, j in
# Danish), Enter and Esc mean no, and keys typed before it do not answer it.
. "$(dirname "$0")/../lib/tmux.sh"

db="$T_DIR/t.db"
"$KUP" --db "$db" demo >/dev/null || not_ok "demo database"
first="Amalie Grønbæk" # the first name in the staff pane
active() { q "$db" "select active from staff where name = '$first'"; }
paste_text() { # TEXT: a bracketed paste, as a terminal sends one
	tmux -S "$T_SOCK" set-buffer -- "$1"
	tmux -S "$T_SOCK" paste-buffer -p -t "$T_SESSION"
}

# --- the staff pane in English: a paste with ESC J d J deactivates nobody ---
t_start "$KUP" --lang en --db "$db"
t_step "1 Staff"
t_keys 1
t_step "$first (AG)"
t_burst z Escape J d J
t_step "Deactivate $first"
check "ESC J in a burst is no Esc key, and nothing is deactivated" test "$(active)" = 1
# d opened the last-working-day form; the J after it is text there, not an answer
check "... the J after d is typed into the form" t_wait "J ]"
t_keys C-u
t_type "30-11-2026"
ask_deactivate() { # the last working day is saved; the question in a box follows
	t_keys C-s
	t_step "as the last working day?"
}
ask_deactivate
t_keys j n
t_step "Enter Plan"
check "j (Danish) does not answer an English question, n says no" test "$(active)" = 1
t_keys d; t_step "Last working day"; ask_deactivate
t_keys Enter
t_step "Enter Plan"
check "Enter is the default: no" test "$(active)" = 1
t_keys d; t_step "Last working day"; ask_deactivate
t_keys Escape
t_step "Enter Plan"
check "Esc is no" test "$(active)" = 1
t_keys d; t_step "Last working day"; ask_deactivate
t_keys y
check "y answers an English question" t_wait "$first is deactivated."
check "... and the person is deactivated" test "$(active)" = 0
t_keys d
t_step "Reactivate $first? (y/N)"
t_keys Y
check "Y (shift) answers too" t_wait "$first is active again."

# --- a form: the burst, Alt+J and bracketed pastes are text ---
named() { q "$db" "select count(*) from staff where name = 'Åse Østergård'"; }
had=$(named) # the demo has one
t_keys n
t_step "New staff member"
t_type "Ny"
t_step "[Ny"
t_burst x Escape J d J
check "the burst x ESC J d J is typed into the field; the form stays open" t_wait "[NyxJdJ"
check "... nothing asked to throw it away" sh -c "! tmux -S '$T_SOCK' capture-pane -t '$T_SESSION' -p | grep -q 'Throw away'"
t_keys M-J
check "Alt+J types J instead of leaving the form" t_wait "[NyxJdJJ"
t_keys C-u
paste_text "Åse Østergård"
check "a bracketed paste puts the text in the field" t_wait "[Åse Østergård "
check "... without the paste markers" sh -c "! tmux -S '$T_SOCK' capture-pane -t '$T_SESSION' -p | grep -q '20[01]~'"
t_keys C-u
paste_text "$(printf 'Åse\nØstergård\023')"
check "a pasted new line in a one-line field is a space, a pasted Ctrl-S is dropped" t_wait "[Åse Østergård "
check "... and saved nothing" test "$(named)" = "$had"
t_keys Tab
t_type "ÅØ"; t_keys Tab Tab Tab Tab
t_type "Klubben"; t_step "Klubben"; t_keys Enter Tab Tab Tab
t_type "Klubmedarbejder"; t_keys Tab
t_type "1.9.2026"
t_keys C-s
t_step "Saved."
check "the pasted name is stored exactly" \
	test "$(named)" = $((had + 1))
t_keys q
check "kup ends" t_exited

# --- a terminal already in bracketed paste mode: no [201~ left behind; and
# kup turns the mode off when it ends ---
after="$T_DIR/after.txt"
t_start sh -c 'printf "\033[?2004h"; "$0" --lang en --db "$1"; cat > "$2"' "$KUP" "$db" "$after"
t_step "1 Staff"
t_keys 1 n
t_step "New staff member"
paste_text "Bo Ærø"
check "a paste into a terminal already in paste mode is the text alone" t_wait "[Bo Ærø "
check "... with no [201~ in the field" sh -c "! tmux -S '$T_SOCK' capture-pane -t '$T_SESSION' -p | grep -q '20[01]~'"
t_keys C-u Escape
t_step "Enter Plan"
t_keys q
t_gone "Enter Plan" || not_ok "the plan view went away"
paste_text "$(printf 'after\nthe end')" # the shell strips a last new line
i=0
while ! grep -q after "$after" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
check "after kup the shell gets pasted text plain: bracketed paste is off" \
	sh -c "grep -q after '$after' && ! grep -q '200~' '$after'"

# --- a question in Danish takes j; y and keys typed before it do not ---
t_start "$KUP" --db "$db"
t_step "1 Medarbejdere"
t_keys 1
t_step "$first (AG)"
t_keys d
t_step "Sidste arbejdsdag"
t_burst C-s y
t_step "som sidste arbejdsdag?"
t_keys y
t_keys Escape
t_step "Enter Plan"
check "y does not answer a Danish question, nor a key typed before it" test "$(active)" = 1
t_keys d
t_step "Sidste arbejdsdag"
t_keys C-s
t_step "som sidste arbejdsdag?"
t_keys j
check "j answers a Danish question" t_wait "$first er deaktiveret."
check "... and the person is deactivated" test "$(active)" = 0
t_keys q
check "kup ends" t_exited

# --- a question in a box (a draft left from before): the language's key ---
q "$db" "insert into form_draft (login, form, record_id, scope, title, data) values ('$(id -un)', 'staff', 999999, 'admin', 'Kladdeprøve', 'x')"
drafts() { q "$db" "select count(*) from form_draft"; }
t_start "$KUP" --lang en --db "$db"
t_step "You have an unsaved draft of Kladdeprøve"
check "the box names Enter and Esc" t_wait "Enter, Esc: later"
t_keys j
t_burst x Escape n
t_keys Enter
t_step "1 Staff"
check "j, a burst ESC n and Enter (later) keep the draft" test "$(drafts)" = 1
t_keys q
check "kup ends" t_exited
t_start "$KUP" --lang en --db "$db"
t_step "You have an unsaved draft of Kladdeprøve"
t_keys n
t_step "1 Staff"
check "n throws the draft away" test "$(drafts)" = 0
t_keys q
check "kup ends" t_exited
t_done
