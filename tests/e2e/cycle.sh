#!/bin/sh
# End-to-end: the yearly cycle in the terminal, run by an employee and her
# leader with --as on the demo organisation (KUP_TODAY 2026-11-22). She asks
# for a seat; he approves it; he marks the course completed; she writes her
# follow-up; he comments and closes it; a colleague without a plan gets one,
# agreed by the leader and accepted by her; the leader evaluates her 2026 plan
# and starts 2027 from it with c. Overblik's counts are read at every step,
# and the database is checked with the sqlite3 shell. The admin ticks the
# activity's competence areas in the checklist pop-up.
. "$(dirname "$0")/../lib/tmux.sh"

db="$T_DIR/cycle.db"
"$KUP" --db "$db" demo >/dev/null || { not_ok "demo database"; exit 1; }

# The employee: in a unit with a leader, with an agreed 2026 plan that has
# unfinished goals, nothing planned for 2027 and nothing open; the colleague:
# in the same unit, without a 2026 plan. Picked by query, not by name.
E=$(q "$db" "select s.login from staff s join unit_leader l on l.unit_id = s.unit_id and l.until is null
	where s.role = 'employee' and s.active
	and exists (select 1 from plan p where p.staff_id = s.id and p.year = 2026 and p.status = 'agreed'
		and exists (select 1 from goal g where g.plan_id = p.id and g.status in ('open','in_progress')))
	and not exists (select 1 from plan p where p.staff_id = s.id and p.year = 2027)
	and not exists (select 1 from followup f join participation p on p.id = f.participation_id
		where p.staff_id = s.id and f.done_at is null)
	and not exists (select 1 from participation p where p.staff_id = s.id
		and p.status in ('requested','approved','enrolled','waitlisted'))
	and exists (select 1 from staff c where c.unit_id = s.unit_id and c.role = 'employee' and c.active
		and not exists (select 1 from plan p where p.staff_id = c.id and p.year = 2026))
	order by s.id limit 1")
check "the demo has an employee for the cycle ($E)" test -n "$E"
[ -n "$E" ] || exit 1
EN=$(q "$db" "select name from staff where login = '$E'")
L=$(q "$db" "select s.login from unit_leader l join staff s on s.id = l.staff_id
	where l.until is null and l.unit_id = (select unit_id from staff where login = '$E') limit 1")
P=$(q "$db" "select c.login from staff c where c.unit_id = (select unit_id from staff where login = '$E')
	and c.role = 'employee' and c.active
	and not exists (select 1 from plan p where p.staff_id = c.id and p.year = 2026) order by c.id limit 1")
PN=$(q "$db" "select name from staff where login = '$P'")
q "$db" "insert into activity(title, method, price, sort_key, fold)
	values ('Cyklustest: Dialog med forældre', 'course', 1500, 'cyklustest', 'cyklustest dialog med foraeldre');
	insert into session(activity_id, starts, ends, place, capacity, signup_deadline)
	values (last_insert_rowid(), '2026-11-22', '2026-11-24', 'Skovbrynet', 2, '2026-11-22')"
part() { q "$db" "select p.$1 from participation p join staff s on s.id = p.staff_id
	join session se on se.id = p.session_id join activity a on a.id = se.activity_id
	where s.login = '$E' and a.title like 'Cyklustest%'"; }

# hdr WORD: the number after WORD on Overblik's count line (line 3)
hdr() { t_screen | sed -n 3p | sed -n "s/.*$1 \([0-9][0-9]*\).*/\1/p"; }
# hdr_is WORD N: polls (bounded) until the count after WORD is N, since the
# line is redrawn a moment after the key that changed it
hdr_is() {
	i=0
	while [ $i -lt 100 ]; do
		[ "$(hdr "$1")" = "$2" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "# the count after '$1' stayed $(hdr "$1"), not $2: $(t_screen | sed -n 3p)"
	return 1
}
# find TEXT: moves down (j) until the detail pane shows TEXT; bounded
find() {
	i=0
	while [ $i -lt 25 ]; do
		t_screen | sed -n '13,$p' | grep -qF -- "$1" && return 0
		t_keys j
		sleep 0.05
		i=$((i + 1))
	done
	echo "# not found in the detail: $1"
	t_screen | sed 's/^/#   | /'
	return 1
}
as() { t_start "$KUP" --db "$db" --as "$1"; t_step "0 Overblik"; }
quit() { t_keys q; t_exited || not_ok "kup did not end on q"; }

# ---- the leader's counts before anything happens ----
as "$L"
check "the leader's first screen is Overblik with its counts" t_wait "Ansøgninger "
req0=$(hdr Ansøgninger) fu0=$(hdr opfølgninger) agree0=$(hdr "til aftale") noplan0=$(hdr "uden plan")
check "counts read: requests $req0, follow-ups $fu0, to agree $agree0, without plan $noplan0" \
	test -n "$req0" -a -n "$fu0" -a -n "$agree0" -a -n "$noplan0"
quit

# ---- she asks for a seat ----
as "$E"
check "the employee's Overblik shows her plan" t_wait "Min plan 2026: aftalt"
check "... and no request of hers" hdr_is ansøgninger 0
t_keys 3 /
t_type "Cyklustest"; t_step "Søg: Cyklustest"; t_keys Enter
t_step "Cyklustest: Dialog"
t_keys Enter
check "the activity's sessions open" t_wait "24-11-2026"
t_keys t
check "the sign-up form has her name" t_wait "[$EN" # in its field: the top line names her too
t_keys C-s
check "the sign-up says she is signed up" t_wait "Tilmeldt"
check "her request is in the database" test "$(part status)" = requested
t_keys 0
check "Overblik counts her request" t_wait "Mine ansøgninger (1)"
check "... on the count line too" hdr_is ansøgninger 1
quit

# ---- reminders: kup due, for the cron job ----
due_has() { # SECTION PERSON ARGS... : kup ARGS --format tsv has a line for that section and person
	sec=$1 who=$2; shift 2
	"$KUP" --db "$db" "$@" --format tsv | awk -F'\t' -v s="$sec" -v p="$who" \
		'$4 == s && $5 == p && $6 ~ /^Cyklustest/ { f = 1 } END { exit !f }'
}
check "kup due (the admin): her request is on her leader's list" due_has requests "$EN" due
check "... addressed to the leader" sh -c "'$KUP' --db '$db' due --format tsv | grep -q '^$L	'"
check "kup due --days x is a usage error (exit 2)" sh -c "'$KUP' --db '$db' due --days x >/dev/null 2>&1; [ \$? -eq 2 ]"

# ---- he approves it ----
as "$L"
check "the leader sees one more request" hdr_is Ansøgninger $((req0 + 1))
check "he finds her request" find "$EN · Cyklustest"
t_keys o
check "o asks for an optional note" t_wait "Godkend ansøgning fra $EN"
t_type "God idé før forældremøderne"
t_keys C-s
check "approved: she has a seat" t_wait "Godkendt: $EN har en plads."
check "the participation is enrolled, with the note" \
	test "$(part status)|$(part note)" = "enrolled|God idé før forældremøderne"
check "the request count is back" hdr_is Ansøgninger "$req0"

# ---- he marks it completed ----
t_keys 3 /
t_type "Cyklustest"; t_step "Søg: Cyklustest"; t_keys Enter
t_step "Cyklustest: Dialog"
t_keys Enter
t_step "24-11-2026"
t_keys Enter
check "Enter on a session shows its participants" t_wait "› Deltagere"
check "... with her seat" find "$EN · Cyklustest"
t_keys f
check "f asks before marking completed" t_wait "har gennemført"
t_keys j
check "completed: the follow-up's due date is named" t_wait "Opfølgningen forfalder 05-01-2027"
check "a follow-up due six weeks after the session" \
	test "$(q "$db" "select f.due from followup f join participation p on p.id = f.participation_id
		join staff s on s.id = p.staff_id where s.login = '$E' and f.done_at is null")" = 2027-01-05
t_keys 0
check "Overblik counts one more follow-up to close" hdr_is opfølgninger $((fu0 + 1))
quit

check "kup due --employees --days 60: her follow-up to write" due_has my_followups "$EN" --as "$E" due --days 60 --employees
check "... and kup due exits 0" sh -c "'$KUP' --db '$db' --as '$E' due --days 60 >/dev/null"

# ---- she writes her follow-up ----
as "$E"
check "her Overblik lists the follow-up" t_wait "Mine opfølgninger (1, 0 for sent)"
t_keys G Enter
check "Enter opens the follow-up form" t_wait "Opfølgning: $EN"
t_type "At lytte før jeg svarer"; t_keys Tab
t_type "Jeg bruger det til forældremøderne"; t_keys Tab
t_type "Teammødet, Karina"
t_keys C-s
check "her follow-up is saved" t_wait "Gemt."
check "what she learned is in the database" \
	test "$(q "$db" "select f.learned || '|' || f.shared_with from followup f join participation p on p.id = f.participation_id
		join staff s on s.id = p.staff_id where s.login = '$E' and f.done_at is null")" = \
	"At lytte før jeg svarer|Teammødet, Karina"
quit

# ---- he comments and closes it ----
as "$L"
t_keys 1 /
t_type "$EN"; t_step "Søg: $EN"; t_keys Enter
t_keys p
check "p opens her activities" t_wait "› Aktiviteter: $EN"
check "... with the completed course" find "· Cyklustest"
t_keys Enter
check "the leader opens her follow-up" t_wait "At lytte før jeg svarer"
t_type "Godt, del det på næste personalemøde"; t_keys Tab Tab Tab Space
t_keys C-s
check "the leader closes the follow-up" t_wait "Opfølgningen er afsluttet."
check "closed in the database, by the leader" \
	test "$(q "$db" "select count(*) from followup f join participation p on p.id = f.participation_id
		join staff s on s.id = p.staff_id where s.login = '$E' and f.done_at = '2026-11-22'
		and f.done_by = (select id from staff where login = '$L')")" = 1
t_keys 0
check "Overblik's follow-up count is back" hdr_is opfølgninger "$fu0"

# ---- a plan for the colleague without one: made, agreed, accepted ----
t_keys 1; t_esc 2; t_keys /
t_type "$PN"; t_step "Søg: $PN"; t_keys Enter Enter
check "Enter offers to create the colleague's plan" t_wait "Opret den?"
t_keys j
check "the new plan opens" t_wait "› Plan: $PN 2026"
t_keys n
t_step "Ctrl-S Gem" # the goal form (the key bar before it said "n Nyt mål")
t_type "Lede samlinger med ro"; t_keys Tab Tab Tab
t_type "Faglig"; t_step "Søg: Faglig"; t_keys Enter C-s
check "the goal is saved" t_wait "Lede samlinger med ro"
t_keys 0
check "Overblik: one less without a plan" hdr_is "uden plan" $((noplan0 - 1))
check "... and one plan to agree" hdr_is "til aftale" $((agree0 + 1))
t_keys 1
t_step "› Plan: $PN 2026"
t_keys A
check "A asks before agreeing" t_wait "Aftal 2026-planen for $PN"
t_keys j
check "the plan is agreed" t_wait "Aftalt. $PN kan nu acceptere planen."
check "agreed in the database, by the leader" \
	test "$(q "$db" "select p.status || '|' || (p.agreed_by = (select id from staff where login = '$L'))
		from plan p join staff s on s.id = p.staff_id where s.login = '$P' and p.year = 2026")" = "agreed|1"
t_keys 0
check "Overblik: nothing more to agree" hdr_is "til aftale" "$agree0"
quit

as "$P"
check "the colleague sees her plan agreed, waiting for her" t_wait "ikke accepteret af dig (V)"
t_keys j V
check "V asks her to accept" t_wait "Accepter din plan for 2026"
t_keys j
check "she has accepted" t_wait "Du har accepteret planen."
check "her acceptance is in the database" \
	test "$(q "$db" "select accepted_at is not null from plan p join staff s on s.id = p.staff_id
		where s.login = '$P' and p.year = 2026")" = 1
times=$(q "$db" "select l.name || '|' || agreed_at || '|' || accepted_at from plan p
	join staff s on s.id = p.staff_id join staff l on l.id = p.agreed_by where s.login = '$P' and p.year = 2026")
LNAME=${times%%|*} times=${times#*|}
check "the plan shows when it was agreed in local time, the Danish way (${times%|*} UTC)" \
	t_wait "Aftalt af       $LNAME, $(t_local "${times%|*}")"
check "... and when she accepted it (${times#*|} UTC)" t_wait "Accepteret      $(t_local "${times#*|}")"
quit

# ---- the year ends: evaluation, and next year's plan from this one ----
open=$(q "$db" "select count(*) from goal g join plan p on p.id = g.plan_id join staff s on s.id = p.staff_id
	where s.login = '$E' and p.year = 2026 and g.status in ('open','in_progress')")
as "$L"
t_keys 2 /
t_type "$EN"; t_step "Søg: $EN"; t_keys Enter
t_keys E
check "E first says what closes, and that 2026 is not over" t_wait "Året 2026 er ikke slut endnu"
t_keys j
check "E opens the evaluation" t_wait "Evaluér og afslut 2026-planen for $EN"
t_type "Et godt år med fokus på forældresamarbejdet."
t_keys C-s
check "the plan is evaluated and closed" t_wait "2026-planen for $EN er evalueret og afsluttet."
t_keys c
check "c asks to start 2027 from 2026" t_wait "Start 2027-planen for $EN"
t_keys j
check "the 2027 plan opens" t_wait "› Plan: $EN 2027"
check "its unfinished goals were carried over, marked as such" \
	test "$(q "$db" "select count(*) from goal g join plan p on p.id = g.plan_id join staff s on s.id = p.staff_id
		where s.login = '$E' and p.year = 2027 and g.carried_from is not null and g.status = 'open'")" = "$open"
check "the 2026 plan is evaluated by the leader" \
	test "$(q "$db" "select p.status || '|' || (p.evaluated_by = (select id from staff where login = '$L'))
		from plan p join staff s on s.id = p.staff_id where s.login = '$E' and p.year = 2026")" = "evaluated|1"
quit

# ---- the admin keeps the catalogue: competence areas by checklist ----
t_start "$KUP" --db "$db"
t_step "0 Overblik"
t_keys 3 /
t_type "Cyklustest"; t_step "Søg: Cyklustest"; t_keys Enter
t_keys C
check "C opens the checklist of competence areas" t_wait "[ ] Personlig"
t_keys Space j j Space Enter
check "the ticks are saved" t_wait "Gemt."
check "two competence areas in the database" \
	test "$(q "$db" "select group_concat(c.code) from activity_competence ac join competence_area c on c.id = ac.competence_id
		join activity a on a.id = ac.activity_id where a.title like 'Cyklustest%' order by c.pos")" = "personal,interdisciplinary"
check "the detail names them" t_wait "Personlig, Fællesfaglig"
quit

t_done
