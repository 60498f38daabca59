#!/bin/sh
# End-to-end: a refused save puts the cursor in the field the data layer
# names (kerr's field, matched to the form field's column) — in Danish and
# English alike, since nothing reads the message — and nothing is stored.
. "$(dirname "$0")/../lib/tmux.sh"

db="$T_DIR/d.db"
"$KUP" --db "$db" demo >/dev/null 2>&1 || { not_ok "demo database"; t_done; exit; }
email_of() { q "$db" "select coalesce(email,'') from staff where login='ag'"; }
before=$(email_of)

for lang in da en; do
	if [ $lang = da ]; then why="navn@eksempel.dk" ask="(j/N)" yes=j pane="1 Medarbejdere" form="Ret medarbejder" search="Søg"
	else why="name@example.dk" ask="(y/N)" yes=y pane="1 Staff" form="Edit staff member" search="Search"; fi
	t_start "$KUP" --lang $lang --db "$db"
	check "$lang: kup opens" t_wait "$pane"
	t_keys 1 /
	t_type "amalie"
	t_step "$search: amalie" # (she is first in the list anyway)
	check "$lang: the person is found" t_wait "Amalie Grønbæk"
	t_keys Enter e
	check "$lang: the staff form opens" t_wait "$form"
	# to the email field (name, initials, login, emp_no, email), replace it
	t_keys Tab Tab Tab Tab C-u
	t_type "ikke-en-mail"
	# back to the name field, then save: the cursor must go to the email
	t_keys BTab BTab BTab BTab C-s
	check "$lang: the save is refused with the reason" t_wait "$why"
	t_type "Q"
	check "$lang: the cursor went to the email field (what is typed lands there)" t_wait "ikke-en-mailQ"
	now=$(email_of 2>&1); check "$lang: nothing is stored ($now)" [ "$now" = "$before" ]
	t_keys Escape
	check "$lang: leaving asks whether to throw away what was typed" t_wait "$ask"
	t_keys $yes
	check "$lang: the form closes" t_gone "ikke-en-mailQ"
	t_keys q
	check "$lang: q leaves kup" t_exited
done
t_done
