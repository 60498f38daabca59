#!/bin/sh
# End-to-end, on one's own file (local mode, any user): who is who. The
# owner is admin; --as shows kup as an employee, a leader or an unknown or
# deactivated login sees it — the screen offers only what the role may do,
# h shows a record's history with who changed what, and the audit trail is
# for admins. (tests/e2e/shared.sh covers the shared server, as root.)
. "$(dirname "$0")/../lib/tmux.sh"

db="$T_DIR/d.db"
"$KUP" --db "$db" demo >/dev/null 2>&1 || { not_ok "demo database"; t_done; exit; }
run() { "$@" >"$T_DIR/out" 2>"$T_DIR/err"; rc=$?; }

run "$KUP" --lang en --db "$db" --as nosuch list staff
check "an unknown --as login is turned away, naming it and the admins" sh -c "test $rc = 1 && test ! -s '$T_DIR/out' &&
	grep -qx \"kup: The login 'nosuch' is not registered in kup. Ask an administrator to register you: Mette Aagaard (maa).\" '$T_DIR/err'"
run "$KUP" --lang en --db "$db" --as mbj list staff
check "a deactivated login too" sh -c "test $rc = 1 && grep -q \"The login 'mbj' is deactivated in kup. Ask an administrator\" '$T_DIR/err'"
run "$KUP" --db "$db" --as lae list staff
check "the employee lists only herself" sh -c "test $rc = 0 && test \$(wc -l < '$T_DIR/out') = 2 && grep -q 'Lærke Ærø' '$T_DIR/out'"
run "$KUP" --db "$db" --as hd list staff
check "the leader of Udskolingen does not list her" sh -c "test $rc = 0 && ! grep -q 'Lærke Ærø' '$T_DIR/out'"
run "$KUP" --lang en --db "$db" --as lae list audit
check "the employee may not list the audit" sh -c "test $rc = 1 && grep -q 'Not allowed' '$T_DIR/err' && test ! -s '$T_DIR/out'"

t_start "$KUP" --db "$db"
t_step "1 Medarbejdere"
t_keys 2
t_keys /
t_type "Lærke"
t_step "Søg: Lærke"
t_keys Enter
check "the owner, an admin, may edit Lærke's plan" t_wait "e Ret"
t_keys e
t_step "Plan 2026 for Lærke Ærø"
t_keys Tab
t_type "Samtale om trivsel"
t_keys C-s
check "the notes are saved" t_wait "Gemt."
t_keys h
check "h opens the plan's history" t_wait "Hvornår "
at=$(sqlite3 "$db" "select at from audit where tbl = 'plan' order by id desc limit 1")
check "... the change at local time, the Danish way ($at UTC)" t_wait "$(t_local "$at")"
check "newest first: changed by root, naming the field" t_wait "ændret: Noter"
check "the detail shows old and new" t_wait "Noter           Kort opfølgning efter sommerferien."
t_keys q
check "the owner's kup quits" t_exited

t_start "$KUP" --db "$db" --as lae
check "as the employee, kup says who she is" t_wait "Lærke Ærø (medarbejder)"
t_keys 1
t_settle "p Aktiviteter" # the staff pane's key bar, where n would be
check "she is offered no n (new staff member)" sh -c "! tmux -S '$T_SOCK' capture-pane -p -t '$T_SESSION' | tail -1 | grep -q 'n Ny'"
check "h is offered" sh -c "tmux -S '$T_SOCK' capture-pane -p -t '$T_SESSION' | tail -1 | grep -q 'h Historik'"
t_keys 2
check "her own plan is listed" t_wait "Lærke Ærø · plan 2026"
t_settle "Enter Mål" # the plans pane's key bar, where e would be
check "she is offered no e (edit the plan: her leader's)" sh -c "! tmux -S '$T_SOCK' capture-pane -p -t '$T_SESSION' | tail -1 | grep -q 'e Ret'"
t_keys h
check "she reads her plan's history, with the change" t_wait "ændret: Noter"
t_keys Escape
check "Esc closes the history" t_gone "Hvornår "
t_keys Enter
t_settle "› Plan: Lærke Ærø 2026"
check "her agreed plan opens without n (new goal)" sh -c "! tmux -S '$T_SOCK' capture-pane -p -t '$T_SESSION' | tail -1 | grep -q 'n Nyt mål'"
t_keys '?'
t_settle "luk hjælpen" # the help's last line
check "the help leaves it out as well" sh -c "! tmux -S '$T_SOCK' capture-pane -p -t '$T_SESSION' | grep -q 'Tilføj et mål til planen'"
t_keys q
check "q closes the help" t_gone "luk hjælpen"
t_keys q
check "the employee's kup quits" t_exited

t_start "$KUP" --db "$db" --as sag
check "as her leader" t_wait "Søren Ågård (leder)"
t_keys 2
t_keys /
t_type "Lærke"
t_step "Søg: Lærke"
t_keys Enter
check "her leader may edit her plan" t_wait "e Ret"
t_keys / C-u
t_type "Søren"
t_step "Søg: Søren"
t_keys Enter
t_settle "Søren Ågård · plan 2026" # its detail; the key bar is drawn after it
check "but not his own (it is his leader's)" sh -c "! tmux -S '$T_SOCK' capture-pane -p -t '$T_SESSION' | tail -1 | grep -q 'e Ret'"
t_keys q
check "the leader's kup quits" t_exited
t_done
