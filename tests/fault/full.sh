#!/bin/sh
# Fault test: the disk fills up during a save. A compacted copy of the demo
# may not grow by a single page (PRAGMA max_page_count through the test hook
# KUP_TEST_MAX_PAGES), and a long note is saved in the terminal: the save
# meets SQLITE_FULL, the form stays open with everything typed, the message
# says the disk is full, and the database is unchanged.
. "$(dirname "$0")/../lib/tmux.sh"
q() { sqlite3 -batch -noheader -cmd '.timeout 5000' "$1" "$2"; }
db="$T_DIR/full.db"
"$KUP" --db "$db" demo >/dev/null || { not_ok "demo database"; t_done; exit 1; }
q "$db" "vacuum" # no free pages left: any growth needs a new page
pages=$(q "$db" "pragma page_count")
plan=$(q "$db" "select p.id from plan p join staff s on s.id = p.staff_id where s.name = 'Cecilie Lund' and p.year = 2026")
before=$(q "$db" "select notes || '|' || version from plan where id = $plan")
audits=$(q "$db" "select count(*) from audit")

t_start env KUP_TEST_MAX_PAGES="$pages" "$KUP" --lang en --db "$db"
t_step "1 Staff"
t_keys 2
t_step "2 Plans"
t_keys /
t_type "Cecilie"
t_step "Search: Cecilie" # (her name is in the list unfiltered too)
t_keys Enter e
check "the plan form opens" t_wait "Plan 2026 for Cecilie Lund"
t_keys Tab C-e
long=""
i=0
while [ $i -lt 60 ]; do long="$long Linje $i om et langt forløb med mange detaljer."; i=$((i + 1)); done
t_type "$long SLUT."
t_step "SLUT."
t_keys C-s
check "the save says the disk is full" t_wait "The disk is full; nothing was saved."
check "the form is still open" t_wait "Plan 2026 for Cecilie Lund"
check "... with the typed text" t_wait "detaljer. SLUT."
check "the plan in the database is unchanged" test "$(q "$db" "select notes || '|' || version from plan where id = $plan")" = "$before"
check "no audit row was written" test "$(q "$db" "select count(*) from audit")" = "$audits"
check "the database is sound" test "$(q "$db" 'pragma integrity_check')" = ok
t_keys Escape
t_step "Throw away your changes?"
t_keys y
check "leaving the form works" t_wait "2 Plans"
t_keys q
check "kup quits" t_exited
t_done
