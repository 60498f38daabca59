#!/bin/sh
# End-to-end: who has read my plan. A leader opens a person's plan on the
# screen; while the leader's kup is still open the reading reaches the
# access log, and `kup privacy log` as the person names the leader (Danish
# local time, what was read; TSV for a program). The leader may not read
# the log; the person's own reading is not noted; L on the person's own row
# in the staff pane shows the same log on the screen.
. "$(dirname "$0")/../lib/tmux.sh"

db="$T_DIR/d.db"
"$KUP" --db "$db" demo >/dev/null 2>&1 || { not_ok "demo database"; t_done; exit; }
run() { "$@" >"$T_DIR/out" 2>"$T_DIR/err"; rc=$?; }

run "$KUP" --db "$db" --as ls privacy log --login ls
check "before: no one else has read Lone's plan" sh -c "test $rc = 0 &&
	grep -qx 'Hvem har læst planen for Lone Sørensen:' '$T_DIR/out' && grep -q 'Ingen andre har læst den' '$T_DIR/out'"

# the leader of her unit opens her plan from the plans pane
t_start "$KUP" --db "$db" --as jb
t_step "Jørgen Bæk (leder)"
t_keys 2
t_keys /
t_type "Lone"
t_step "Søg: Lone"
t_keys Enter
t_step "Lone Sørensen · plan 2026"
# written while the leader's screen waits for a key (within a second or so)
seen() { "$KUP" --db "$db" --as ls privacy log --login ls 2>/dev/null | grep -q 'Jørgen Bæk (jb)  læste planen'; }
i=0
until seen || [ $i -ge 100 ]; do sleep 0.05; i=$((i + 1)); done
check "the leader's reading is in the log while his kup is still open" seen
t_keys q
check "the leader's kup quits" t_exited

run "$KUP" --db "$db" --as ls privacy log --login ls
at=$(sqlite3 "$db" "select at from access_log where reader = 'jb' and what = 'plan'
	and subject_id = (select id from staff where login = 'ls') order by id desc limit 1")
check "Lone sees the leader, when (local time, $at UTC) and what" sh -c "test $rc = 0 &&
	grep -qF '$(t_local "$at")  Jørgen Bæk (jb)  læste planen' '$T_DIR/out'"
check "and that he read the goals" grep -qF 'Jørgen Bæk (jb)  læste målene' "$T_DIR/out"
check "one row for the plan, however often it was drawn" \
	test "$(sqlite3 "$db" "select count(*) from access_log where reader = 'jb' and what = 'plan'
		and subject_id = (select id from staff where login = 'ls')")" = 1
run "$KUP" --db "$db" --as ls privacy log --login ls --format tsv
check "TSV: UTC time, login, name and the code" sh -c "test $rc = 0 &&
	grep -qF \"$(printf '%s\tjb\tJørgen Bæk\tplan' "$at")\" '$T_DIR/out'"
run "$KUP" --db "$db" --as jb privacy log --login ls
check "the leader may not read her log" sh -c "test $rc = 1 && grep -q 'Ikke tilladt' '$T_DIR/err' && test ! -s '$T_DIR/out'"
run "$KUP" --db "$db" --as maa privacy log --login ls
check "an admin (the data protection officer) may" sh -c "test $rc = 0 && grep -q 'Jørgen Bæk (jb)' '$T_DIR/out'"
# everything about her, exported by an admin, is a reading too; her own is not
run "$KUP" --db "$db" --as maa privacy export --login ls --out "$T_DIR/ls.json"
check "an admin's export of her data is noted as an export" sh -c "test $rc = 0 &&
	test \"\$(sqlite3 '$db' \"select count(*) from access_log where reader = 'maa' and what = 'export'
		and subject_id = (select id from staff where login = 'ls')\")\" = 1"
run "$KUP" --db "$db" --as ls privacy export --login ls --out "$T_DIR/own.json"
check "her own export is not" sh -c "test $rc = 0 &&
	test \"\$(sqlite3 '$db' \"select count(*) from access_log where reader = 'ls'\")\" = 0"

# Lone on the screen: her own reading is not noted; L shows her log
t_start "$KUP" --db "$db" --as ls
t_step "Lone Sørensen (medarbejder)"
t_keys 2
t_step "Lone Sørensen · plan 2026"
t_keys Enter
t_step "Lone Sørensen 2026"
t_keys Escape 1
t_step "1 Medarbejdere"
t_keys H
check "H on her own row opens who has read her plan" t_wait "Hvem har set planen"
check "naming the leader and what he read" t_wait "Jørgen Bæk (jb)"
check "... the plan" t_wait "læste planen"
t_keys q
check "her kup quits" t_exited
check "her own reading was not noted" test "$(sqlite3 "$db" "select count(*) from access_log where reader = 'ls'")" = 0

# someone no one else has read: the view says so in words
t_start "$KUP" --db "$db" --as lae
t_step "Lærke Ærø (medarbejder)"
t_keys 1
t_step "1 Medarbejdere"
t_keys H
check "an empty log says no one else has read it" t_wait "Ingen andre har læst den i den tid, loggen gemmes."
t_keys q
check "her kup quits" t_exited
t_done
