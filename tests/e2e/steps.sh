#!/bin/sh
# End-to-end: the yearly cycle's early and destructive steps ask first and
# can be undone where the domain allows, at 80x24 in Danish on the demo
# (KUP_TODAY 2026-11-22). A leader's E says what closes and that 2026 is
# not over, and R reopens the plan; a goal's 30/6 in the 2027 plan is
# 30-06-2027; a seat on a session still to come cannot be marked
# completed, and f says why; an admin deactivates the leader with a last
# working day, told which seats go and which unit she stops leading.
# Every step is checked in the database with the sqlite3 shell.
. "$(dirname "$0")/../lib/tmux.sh"

db="$T_DIR/steps.db"
"$KUP" --db "$db" demo >/dev/null || { not_ok "demo database"; exit 1; }

# An employee with an agreed 2026 plan and no 2027 plan, in a unit with a
# leader; picked by query, not by name.
E=$(q "$db" "select s.login from staff s join unit_leader l on l.unit_id = s.unit_id and l.until is null
	where s.role = 'employee' and s.active
	and exists (select 1 from plan p where p.staff_id = s.id and p.year = 2026 and p.status = 'agreed')
	and not exists (select 1 from plan p where p.staff_id = s.id and p.year = 2027)
	order by s.id limit 1")
check "the demo has an employee with an agreed plan ($E)" test -n "$E"
[ -n "$E" ] || exit 1
EN=$(q "$db" "select name from staff where login = '$E'")
L=$(q "$db" "select s.login from unit_leader l join staff s on s.id = l.staff_id
	where l.until is null and l.unit_id = (select unit_id from staff where login = '$E') order by s.id limit 1")
LN=$(q "$db" "select name from staff where login = '$L'")
LU=$(q "$db" "select u.name from unit_leader l join unit u on u.id = l.unit_id join staff s on s.id = l.staff_id
	where s.login = '$L' and l.until is null order by u.sort_key limit 1")
W=$(q "$db" "select login from staff where role = 'employee' and active and login <> '$E' order by id limit 1")
plan() { q "$db" "select p.$1 from plan p join staff s on s.id = p.staff_id where s.login = '$E' and p.year = 2026"; }
# A session starting 05-12-2026 with two seats: the employee and her
# leader enrolled, a third person waiting.
q "$db" "insert into activity(title, method, price, sort_key, fold)
	values ('Trintest: Svære samtaler', 'course', 0, 'trintest', 'trintest svaere samtaler');
	insert into session(activity_id, starts, ends, place, capacity)
	values (last_insert_rowid(), '2026-12-05', '2026-12-05', 'Rådhuset', 2);
	insert into participation(staff_id, session_id, status)
	select id, (select max(id) from session), 'enrolled' from staff where login in ('$E', '$L');
	insert into participation(staff_id, session_id, status, wait_pos)
	select id, (select max(id) from session), 'waitlisted', 1 from staff where login = '$W'"
part() { q "$db" "select p.status from participation p join staff s on s.id = p.staff_id
	join session se on se.id = p.session_id join activity a on a.id = se.activity_id
	where s.login = '$1' and a.title like 'Trintest%'"; }

as() { t_start "$KUP" --lang da --db "$db" --as "$1"; t_step "0 Overblik"; }
quit() { t_keys q; check "kup ends on q" t_exited; }
# find TEXT: moves down the list (bounded) until the detail shows TEXT
find() {
	i=0
	while [ $i -lt 25 ]; do
		t_screen | sed -n '13,$p' | grep -qF -- "$1" && return 0
		t_keys j
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
bar_lacks() { ! t_screen | tail -n 1 | grep -qF -- "$1"; }

# ---- E asks what closes; R reopens ----
as "$L"
t_keys 2 /
t_type "$EN"; t_step "Søg: $EN"; t_keys Enter
t_keys E
check "E first asks what closes, with the goals done" t_wait "Afslut 2026-planen for $EN med"
check "... warns that 2026 has not ended" t_wait "Året 2026 er ikke slut endnu"
check "... and says it can be reopened" t_wait "Den kan genåbnes bagefter (R)."
t_keys n
t_gone "Året 2026 er ikke slut endnu" || not_ok "the question went away"
check "n: the plan stays agreed" test "$(plan status)" = agreed
t_keys E
t_step "Året 2026 er ikke slut endnu"
t_keys j
check "j: the evaluation form opens" t_wait "Evaluér og afslut 2026-planen for $EN"
t_type "Et år med gode samtaler."
t_keys C-s
check "the plan is evaluated" t_wait "2026-planen for $EN er evalueret og afsluttet."
check "... in the database" test "$(plan status)" = evaluated
check "the key bar offers R to reopen it" t_wait "R Genåbn"
t_keys R
check "R asks before reopening" t_wait "Genåbn 2026-planen for $EN?"
t_keys j
check "the plan is reopened" t_wait "2026-planen for $EN er genåbnet."
check "... agreed again, the evaluation kept" test "$(plan status)|$(plan evaluation)|$(plan evaluated_at)" = \
	"agreed|Et år med gode samtaler.|"
check "... and the reopening audited in the leader's name" test "$(q "$db" "select count(*) from audit a
	join plan p on p.id = a.row_id join staff s on s.id = p.staff_id where a.tbl = 'plan' and s.login = '$E'
	and a.login = '$L' and json_extract(a.old, '\$.status') = 'evaluated'
	and json_extract(a.new, '\$.status') = 'agreed'")" = 1

# ---- a short date in the 2027 plan falls in 2027 ----
t_keys c
t_step "Start 2027-planen for $EN"
t_keys j
check "the 2027 plan opens" t_wait "› Plan: $EN 2027"
t_keys n
t_step "Nyt mål"
t_type "Holde svære samtaler med forældre"; t_keys Tab Tab Tab
t_type "Faglig"; t_step "Faglig"; t_keys Enter Tab Tab
t_type "30/6"
t_keys C-s
check "the goal is saved" t_wait "Gemt."
check "30/6 in the 2027 plan is stored as 30-06-2027" test "$(q "$db" "select g.deadline from goal g
	join plan p on p.id = g.plan_id join staff s on s.id = p.staff_id where s.login = '$E' and p.year = 2027
	and g.what = 'Holde svære samtaler med forældre'")" = 2027-06-30
quit

# ---- no completion before the session ----
as "$L"
t_keys 3 /
t_type "Trintest"; t_step "Søg: Trintest"; t_keys Enter
t_step "Trintest: Svære"
t_keys Enter
t_step "05-12-2026"
t_keys Enter
t_step "› Deltagere"
check "... with her seat" find "$EN · Trintest"
check "the key bar does not offer f before the session" bar_lacks "f Gennemført"
t_keys f
check "f says why: the session starts 05-12-2026" t_wait "Holdet starter 05-12-2026: deltagelsen kan markeres"
check "... and the seat is still enrolled" test "$(part "$E")" = enrolled
quit

# ---- the admin deactivates the leader with a last working day ----
t_start "$KUP" --lang da --db "$db"
t_step "0 Overblik"
t_keys 1
t_step "1 Medarbejdere"
t_keys /
t_type "$LN"; t_step "Søg: $LN"; t_keys Enter
seats=$(q "$db" "select count(*) from participation p join session se on se.id = p.session_id
	join staff s on s.id = p.staff_id where s.login = '$L' and se.starts > '2026-11-22'
	and p.status in ('requested','approved','enrolled','waitlisted')")
t_keys d
check "d asks for the last working day" t_wait "Deaktivér $LN"
check "... today by default" t_wait "22-11-2026"
t_keys C-s
check "the question names the last working day" t_wait "sidste arbejdsdag?"
check "... the $seats seats and requests that go" t_wait "$seats plads(er) eller ansøgning(er) på senere hold afmeldes"
check "... and the unit she stops leading" t_wait "holder op med at lede"
t_keys j
check "the leader is deactivated" t_wait "$LN er deaktiveret."
check "inactive, with the last working day" test "$(q "$db" "select active || '|' || employed_to from staff
	where login = '$L'")" = "0|2026-11-22"
check "her seat after that day is cancelled" test "$(part "$L")" = cancelled
check "... and every other one after it" test "$(q "$db" "select count(*) from participation p
	join session se on se.id = p.session_id join staff s on s.id = p.staff_id where s.login = '$L'
	and se.starts > '2026-11-22' and p.status in ('requested','approved','enrolled','waitlisted')")" = 0
check "the one waiting has the seat now" test "$(part "$W")" = enrolled
check "her leadership of $LU ended that day" test "$(q "$db" "select count(*) from unit_leader l
	join staff s on s.id = l.staff_id where s.login = '$L' and (l.until is null or l.until > '2026-11-22')")" = 0
check "all of it audited" test "$(q "$db" "select count(*) from audit where login = '$(id -un)'
	and ((tbl = 'participation' and json_extract(new, '\$.status') = 'cancelled')
	or (tbl = 'unit_leader' and json_extract(new, '\$.until') = '2026-11-22')
	or (tbl = 'staff' and json_extract(new, '\$.employed_to') = '2026-11-22'))")" -ge 3
t_keys d
check "d on an inactive person reactivates" t_wait "Genaktivér $LN?"
t_keys j
check "reactivated" t_wait "$LN er aktiv igen."
check "... in the database" test "$(q "$db" "select active from staff where login = '$L'")" = 1
quit

t_done
