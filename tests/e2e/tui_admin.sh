#!/bin/sh
# End-to-end: an admin keeps the registers from the admin list (key a) at
# 80x24 — a new team below an institution, its budget and leader, a focus
# area for 2026 — checked on screen and in the database; an employee (--as)
# is refused the key and does not see it in the key bar or the help.
. "$(dirname "$0")/../lib/tmux.sh"

db="$T_DIR/d.db"
"$KUP" --db "$db" demo >/dev/null 2>&1 || { not_ok "demo database"; t_done; exit; }
unit_is() { test "$(q "$db" "$1")" = "$2"; }

t_start "$KUP" --lang da --db "$db"
check "the staff pane opens" t_wait "1 Medarbejdere"
t_keys '?'
check "the help offers the admin list to an admin" t_wait "Vedligehold enheder"
t_keys q
check "q closes the help" t_gone "Vedligehold enheder"

t_keys a
check "a opens the admin list" t_wait "Kompetenceområder"
check "focus areas are listed for the year" t_wait "Fokusområder 2026"
t_keys Enter
check "Enter opens the units" t_wait "› Enheder"
check "units show their leaders" t_wait "Birgitte Løvendahl"

t_keys n
check "n opens the unit form" t_wait "Ny enhed"
t_type "Ørnereden"; t_keys Tab
t_type "te"; t_step "Søg: te"; t_keys Enter Tab
t_type "Skovbrynet"; t_step "Søg: Skovbrynet"; t_keys Enter
t_keys C-s
check "the unit is saved" t_wait "Gemt."
check "the new unit is shown" t_wait "Ørnereden"
check "the unit is in the database" unit_is "select count(*) from unit where name='Ørnereden'" 1
check "as a team below Skovbrynet Skole" unit_is "select u.kind || '/' || p.name from unit u
	join unit p on p.id = u.parent_id where u.name='Ørnereden'" "team/Skovbrynet Skole"

t_keys b
check "b opens the budget form" t_wait "Budget 2026 for Ørnereden"
t_type "75000"; t_keys C-s
check "the budget is shown Danish style" t_wait "75.000 kr."
check "the budget is in the database" unit_is "select b.amount from budget b join unit u on u.id=b.unit_id
	where u.name='Ørnereden' and b.year=2026" 75000

t_keys l
check "l opens the leader form" t_wait "Leder af Ørnereden"
t_type "Rasmus Kj"; t_step "Søg: Rasmus Kj"; t_keys Enter C-s
check "the leader is confirmed" t_wait "leder nu Ørnereden"
check "the leader is in the database from today" unit_is "select s.login || '/' || l.since from unit_leader l
	join unit u on u.id=l.unit_id join staff s on s.id=l.staff_id
	where u.name='Ørnereden' and l.until is null" "rk/2026-11-22"

t_keys Escape
t_step "Fokusområder 2026"
t_keys G Enter
check "the focus areas of 2026 open" t_wait "› Fokusområder: 2026"
t_keys n
check "n opens the focus area form" t_wait "Nyt fokusområde for 2026"
t_type "Trivsel i overgangene"; t_keys Tab
t_type "Fra børnehave til skole"
t_keys C-s
check "the focus area is shown" t_wait "Trivsel i overgangene"
check "the focus area is in the database for 2026" \
	unit_is "select count(*) from focus_area where year=2026 and title='Trivsel i overgangene'" 1
t_keys ']'
check "] shows the focus areas of 2027" t_wait "› Fokusområder: 2027"
t_settle "› Fokusområder: 2027"
check "2026's focus area is not in 2027" t_lacks "Trivsel i overgangene"
t_keys '['
check "[ goes back to 2026" t_wait "› Fokusområder: 2026"
t_keys q
check "q quits" t_exited

# An employee: the key is refused and offered nowhere.
t_start "$KUP" --lang da --db "$db" --as lae
check "the employee's staff pane opens" t_wait "1 Medarbejdere"
t_keys a
check "a is refused for an employee" t_wait "Ikke tilladt"
t_settle "Ikke tilladt" # the key bar below it is drawn after it
check "the key bar hides Admin from an employee" sh -c "! tmux -S '$T_SOCK' capture-pane -p -t '$T_SESSION' | tail -n 1 | grep -qF 'a Admin'"
t_keys '?'
t_settle "luk hjælpen" # the help's last line
check "the help hides the admin list from an employee" t_lacks "Vedligehold enheder"
t_keys q q
check "the employee quits" t_exited
t_done
