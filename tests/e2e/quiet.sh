#!/bin/sh
# End-to-end: kup as cron runs it. Commands that draw no screen say nothing
# about the terminal — with TERM unset, unknown or strange, in an empty
# environment, and also as a setgid binary (cron mailed a TERM notice every
# run); the README's cron line is tests/e2e/mail.sh's. The screen
# front end falls back to vt100 with one notice on an unknown TERM and
# refuses TERM=dumb with a message and exit status 2.
. "$(dirname "$0")/../lib/tmux.sh"

db="$T_DIR/t.db"
"$KUP" --db "$db" demo >/dev/null || not_ok "demo database"
# A plan to export (the year given: env -i drops KUP_TODAY).
login=$(q "$db" "select s.login from plan p join staff s on s.id = p.staff_id where s.login is not null order by p.id limit 1")
year=$(q "$db" "select p.year from plan p join staff s on s.id = p.staff_id where s.login = '$login' order by p.id limit 1")

# A setgid copy, as `kup setup --shared` makes: root running it is
# elevated (the group differs) but not shared, so --db still works.
G="$T_DIR/kup-setgid"
if [ "$(id -u)" = 0 ] && getent group daemon >/dev/null 2>&1 &&
	cp "$KUP" "$G" && chgrp daemon "$G" && chmod 2755 "$G"; then
	bins="$KUP $G"
else
	echo "# the setgid copy needs root and the group daemon; plain binary only"
	bins="$KUP"
fi

# quiet LABEL BIN TERM-VALUE|- ARGS... : runs BIN ARGS in an empty
# environment (TERM unset for -), in $T_DIR; checks status 0, nothing on
# stderr.
quiet() {
	label=$1 bin=$2 term=$3
	shift 3
	if [ "$term" = - ]; then
		(cd "$T_DIR" && env -i PATH=/usr/bin:/bin "$bin" "$@") >"$T_DIR/out" 2>"$T_DIR/err"
	else
		(cd "$T_DIR" && env -i PATH=/usr/bin:/bin TERM="$term" "$bin" "$@") >"$T_DIR/out" 2>"$T_DIR/err"
	fi
	rc=$?
	check "$label: status 0 and nothing on stderr (rc=$rc: $(head -c 200 "$T_DIR/err"))" \
		sh -c "test $rc = 0 && test ! -s '$T_DIR/err'"
}

for bin in $bins; do
	kind=plain
	[ "$bin" = "$G" ] && kind=setgid
	for term in bogus - '../../evil'; do
		t="TERM=$term"
		[ "$term" = - ] && t="TERM unset"
		n=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
		quiet "$kind, $t: list staff" "$bin" "$term" --db "$db" list staff
		quiet "$kind, $t: due" "$bin" "$term" --db "$db" due
		quiet "$kind, $t: due --employees --format tsv" "$bin" "$term" --db "$db" due --employees --format tsv
		quiet "$kind, $t: report coverage" "$bin" "$term" --db "$db" report coverage
		quiet "$kind, $t: check" "$bin" "$term" --db "$db" check
		quiet "$kind, $t: export plan" "$bin" "$term" --db "$db" export plan --login "$login" --year "$year" --out "plan$n.md"
		quiet "$kind, $t: backup" "$bin" "$term" --db "$db" backup "b$n.db"
		quiet "$kind, $t: init" "$bin" "$term" --db "i$n.db" init
		quiet "$kind, $t: demo" "$bin" "$term" --db "d$n.db" demo
		quiet "$kind, $t: --help" "$bin" "$term" --help
	done
done

# ---- the screen front end and TERM ----
t_start env TERM=no-such-term "$KUP" --db "$db"
check "an unknown TERM still shows the screen (vt100)" t_wait "1 Medarbejdere"
check "...with one notice on the message line" t_wait "Terminaltypen no-such-term kendes ikke her; bruger vt100."
t_keys q
check "...and q quits" t_exited

t_start env -u TERM "$KUP" --db "$db"
check "without TERM the screen shows too" t_wait "1 Medarbejdere"
check "...saying TERM is not set" t_wait "TERM er ikke sat; bruger vt100."
t_keys q
check "...and q quits" t_exited

if [ "$bins" != "$KUP" ]; then
	t_start env TERM='../../evil' "$G" --db "$db"
	check "setgid: a TERM that is no plain name shows the screen as vt100" t_wait "1 Medarbejdere"
	check "...with its notice" t_wait "TERM er ikke et almindeligt terminalnavn; bruger vt100."
	t_keys q
	check "...and q quits" t_exited
fi

# kup ends at once here, quicker than tmux keeps a dead pane: a shell
# around it shows the status and waits for a key.
t_start sh -c 'TERM=dumb "$0" --lang en --db "$1"; echo "exit status $?"; read -r x' "$KUP" "$db"
check "TERM=dumb: kup says it cannot draw there" t_wait "The terminal type dumb cannot move the cursor"
check "...and ends with exit status 2" t_wait "exit status 2"
check "...having drawn no screen" t_lacks "Staff"
t_done
