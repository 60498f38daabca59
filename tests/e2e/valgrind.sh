#!/bin/sh
# End-to-end: the commands under valgrind's memcheck — no invalid read or
# write, no use of an uninitialised value, no leak, and each still does its
# job (the file it writes is there). The sanitizer build checks the same from
# inside; valgrind checks the ordinary build a user runs, including the
# child process that writes a person's files.
. "$(dirname "$0")/../lib/tmux.sh"

# A sanitizer build carries its own checker, which valgrind cannot run
# beside; CI runs this file with the plain build as well.
if ldd "$KUP" 2>/dev/null | grep -q 'libasan'; then
	echo "SKIP the sanitizer build checks memory itself; valgrind runs on the plain build"
	exit 0
fi

db="$T_DIR/v.db"
"$KUP" --db "$db" demo >/dev/null 2>&1 || not_ok "demo database"
login=$(q "$db" "select s.login from participation p join staff s on s.id = p.staff_id where p.status = 'enrolled' and s.login is not null order by p.id limit 1")
year=$(q "$db" "select p.year from plan p join staff s on s.id = p.staff_id where s.login = '$login' order by p.year desc limit 1")

# vg LABEL ARGS...: kup ARGS under memcheck; status 0 and a clean report
vg() {
	label=$1; shift
	valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--log-file="$T_DIR/vg.log" "$KUP" --db "$db" "$@" >"$T_DIR/out" 2>"$T_DIR/err"
	rc=$?
	# The writing child unmapping the database's shared memory makes
	# valgrind warn about its own mapping, which it keeps: not an error.
	if [ "$rc" = 0 ] && ! grep -v 'Warning: client syscall munmap' "$T_DIR/vg.log" | grep -q '^==[0-9]*== [A-Z]'; then
		ok "$label: clean under valgrind"
	else
		not_ok "$label: status $rc under valgrind: $(grep -v 'client syscall munmap' "$T_DIR/vg.log" | head -c 600) $(head -c 300 "$T_DIR/err")"
	fi
}
vg "kup list staff" list staff
vg "kup report coverage" report coverage --year "$year"
vg "kup due" due --employees
vg "kup check" check
vg "kup export plan --out" export plan --login "$login" --year "$year" --out "$T_DIR/plan.md"
if [ -s "$T_DIR/plan.md" ]; then ok "...and the plan was written"; else not_ok "...no plan written"; fi
vg "kup export ics --out" export ics --login "$login" --out "$T_DIR/days.ics"
if grep -q 'BEGIN:VEVENT' "$T_DIR/days.ics" 2>/dev/null; then ok "...and the calendar was written"; else not_ok "...no calendar written"; fi
vg "kup backup" backup "$T_DIR/copy.db"
t_done
