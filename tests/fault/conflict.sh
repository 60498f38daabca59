#!/bin/sh
# Fault test: two people in two terminals (tmux sessions) work on the same
# plan. The live view shows the first one's change in the other's list within
# about two seconds; the second one's open form is not disturbed but told;
# the second save shows the conflict dialog with the first person's name,
# whose version can be seen, after which the typed text is still there and
# can be saved over theirs on purpose. Removing a goal someone has just
# changed asks again.
. "$(dirname "$0")/../lib/tmux.sh"
# q with a busy timeout: kup may be committing (or checkpointing) right then
q() { sqlite3 -batch -noheader -cmd '.timeout 5000' "$1" "$2"; }
db="$T_DIR/conflict.db"
"$KUP" --db "$db" demo >/dev/null || { not_ok "demo database"; t_done; exit 1; }
plan=$(q "$db" "select p.id from plan p join staff s on s.id = p.staff_id where s.name = 'Cecilie Lund' and p.year = 2026")
goal=$(q "$db" "select id from goal where plan_id = $plan order by pos, id limit 1")
check "Cecilie Lund has a 2026 plan with goals" test -n "$plan" -a -n "$goal"

# Anders Højer leads Klubben, where Cecilie works; the other is the file's
# owner (an admin). One tmux server each: tmux 3.3 falls over when a second
# session joins a server with window-size manual.
as() { T_SOCK="$T_DIR/$1.sock"; }
trap 'tmux -S "$T_DIR/other.sock" kill-server 2>/dev/null; t_cleanup' EXIT INT TERM
as kup; t_start "$KUP" --lang en --db "$db" --as ah
as other; t_start "$KUP" --lang en --db "$db"
open_plan() { # in the current session: the plans pane, filtered to Cecilie
	t_keys 2
	t_step "2 Plans"
	t_keys /
	t_type "Cecilie"
	t_step "Search: Cecilie"
	t_keys Enter
}
as kup; check "Anders' kup starts" t_wait "Anders Højer (leader)"
open_plan
as other; check "the owner's kup starts" t_wait "1 Staff"
open_plan
check "both see the plan with its MUS date" t_wait "26-04-2026"

# ---- live view ----
as kup
t_keys e
check "Anders opens the plan" t_wait "Plan 2026 for Cecilie Lund"
t_keys C-u
t_type "14-03-2026"
t_keys C-s
check "Anders saves a new MUS date" t_wait "Saved."
as other
check "the other list shows it within about two seconds, without a key" t_wait "14-03-2026" 3

# ---- conflict ----
t_keys e
check "the owner opens the same plan" t_wait "Plan 2026 for Cecilie Lund"
as kup
t_keys e
t_step "Plan 2026 for Cecilie Lund"
t_keys Tab C-e
t_type " Anders var her."
t_keys C-s
check "Anders saves his note first" t_wait "Saved."
as other
check "the owner's open form tells, without touching the text" t_wait "Someone else saved this record after you opened it" 4
t_keys Tab C-e
t_type " Og ejeren med."
t_keys C-s
check "the second save shows the conflict dialog with the first person's name" t_wait "Anders Højer changed this record on"
check "... offering to see theirs, go back, or overwrite" t_wait "s: see their version"
at=$(q "$db" "select at from audit where tbl = 'plan' and row_id = $plan order by id desc limit 1")
check "... saying when in local time, the Danish way ($at UTC)" t_wait "changed this record on $(t_local "$at")"
check "nothing was overwritten" \
	test "$(q "$db" "select notes like '%Anders var her.%' and notes not like '%ejeren%' from plan where id = $plan")" = 1
t_keys s
check "s shows their version, read-only" t_wait "Their version (read-only)"
check "... with Anders' note" t_wait "Anders var her."
t_keys x
t_step "s: see their version"
t_keys b
check "b goes back to editing with the typed text intact" t_wait "Og ejeren med."
check "... and says nothing is saved yet" t_wait "nothing is saved yet"
t_keys C-s
t_step "Anders Højer changed this record on"
t_keys o
check "o overwrites on purpose" t_wait "Saved."
check "the owner's text is now in the database" \
	test "$(q "$db" "select notes like '%Og ejeren med.%' from plan where id = $plan")" = 1

# ---- removing a goal that was just changed ----
as other
t_keys Enter
check "the owner opens the plan's goals" t_wait "› Plan: Cecilie"
as kup
t_keys Enter
t_step "› Plan: Cecilie"
as other
t_keys d
check "the owner asks to remove the first goal" t_wait "Remove the goal"
as kup
t_keys e
t_step "Edit goal"
t_keys Tab
t_type "Fordi Anders siger det."
t_keys C-s
check "meanwhile Anders changes that goal" t_wait "Saved."
as other
t_keys y
check "removing it now asks again, naming Anders" t_wait "Anders Højer changed this record on"
check "... 'Remove it anyway?'" t_wait "Remove it anyway?"
check "the goal is still there" test "$(q "$db" "select count(*) from goal where id = $goal")" = 1
t_keys y
check "yes removes it" t_wait "The goal is removed."
check "the goal is gone" test "$(q "$db" "select count(*) from goal where id = $goal")" = 0

as kup; t_esc 2; t_keys q
as other; t_esc 2; t_keys q
check "the owner's kup quits" t_exited
as kup; check "Anders' kup quits" t_exited
check "the database is sound" test "$(q "$db" 'pragma integrity_check')" = ok
t_done
