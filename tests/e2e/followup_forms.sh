#!/bin/sh
# End-to-end: the follow-up's screens at 80x24 on the demo organisation, run
# with --as by an employee, two colleagues in other institutions and her
# leader. She starts writing her follow-up and the connection drops: the
# next start offers her draft. She writes her part and names two colleagues
# (Ctrl-T); the first writes his part from the staff pane (K), the second
# declines with a reason; the leader sees both parts, closes the follow-up
# with an action into practice and a date, and starts a peer-training
# session from it (Ctrl-P). The database is checked after every step.
. "$(dirname "$0")/../lib/tmux.sh"
# q with a busy timeout: kup may be committing right then
q() { sqlite3 -batch -noheader -cmd '.timeout 5000' "$1" "$2"; }

db="$T_DIR/followup.db"
"$KUP" --db "$db" demo >/dev/null || { not_ok "demo database"; exit 1; }

# The employee: in a unit with a leader, with a follow-up still to write
# (nothing written, no colleague asked) on an activity she took only once.
F=$(q "$db" "select f.id from followup f join participation p on p.id = f.participation_id
	join staff s on s.id = p.staff_id join session se on se.id = p.session_id
	join unit_leader l on l.unit_id = s.unit_id and l.until is null
	where s.role = 'employee' and s.active and s.login is not null and f.done_at is null
	and coalesce(f.learned,'') = '' and coalesce(f.practice,'') = '' and f.shared_via is null
	and not exists (select 1 from followup_colleague c where c.followup_id = f.id)
	and (select count(*) from participation p2 join session se2 on se2.id = p2.session_id
		where p2.staff_id = s.id and se2.activity_id = se.activity_id) = 1
	order by f.id limit 1")
check "the demo has a follow-up to write ($F)" test -n "$F"
[ -n "$F" ] || exit 1
E=$(q "$db" "select s.login from followup f join participation p on p.id = f.participation_id
	join staff s on s.id = p.staff_id where f.id = $F")
EN=$(q "$db" "select name from staff where login = '$E'")
A=$(q "$db" "select a.title from followup f join participation p on p.id = f.participation_id
	join session se on se.id = p.session_id join activity a on a.id = se.activity_id where f.id = $F")
L=$(q "$db" "select s.login from unit_leader l join staff s on s.id = l.staff_id
	where l.until is null and l.unit_id = (select unit_id from staff where login = '$E') limit 1")
# two colleagues in other units: employees, so their staff pane shows
# themselves, not yet asked on anyone's follow-up (K then opens this one)
OTHERS="from staff where role = 'employee' and active and login is not null
	and unit_id <> (select unit_id from staff where login = '$E')
	and not exists (select 1 from followup_colleague c where c.staff_id = staff.id)"
C1=$(q "$db" "select login $OTHERS order by id limit 1")
C2=$(q "$db" "select login $OTHERS and login <> '$C1' order by id desc limit 1")
C1N=$(q "$db" "select name from staff where login = '$C1'")
C2N=$(q "$db" "select name from staff where login = '$C2'")
check "an employee ($E), her leader ($L) and two colleagues ($C1, $C2)" \
	test -n "$E" -a -n "$L" -a -n "$C1" -a -n "$C2"
[ -n "$E" ] && [ -n "$L" ] && [ -n "$C1" ] && [ -n "$C2" ] || exit 1
fu() { q "$db" "select $1 from followup where id = $F"; }
part() { q "$db" "select c.$1 from followup_colleague c join staff s on s.id = c.staff_id
	where c.followup_id = $F and s.login = '$2'"; }

as() { t_start "$KUP" --lang en --db "$db" --as "$1"; t_step "0 Overview"; }
quit() { # back out of whatever is open (each Esc alone), then q
	i=0; while [ $i -lt 3 ] && t_esc; do i=$((i + 1)); done
	t_keys q; t_exited || not_ok "kup did not end on q"
}
# open_followup: from the staff pane, the person's activities, the row of
# the activity (filtered by its title), Enter opens the follow-up form
open_followup() {
	t_keys p
	t_step "Activities: $EN"
	t_keys /
	t_type "$A"
	t_step "Search: $A"
	t_keys Enter Enter
}

# ---- she starts writing; the connection drops; the draft is offered ----
as "$E"
t_keys 1
t_step "$EN"
open_followup
check "Enter on her activity opens the follow-up form" t_wait "Follow-up: $EN"
check "... with the key for colleagues in the key bar" t_wait "^T Colleagues"
t_settle "^T Colleagues" # the key bar drawn to its end
check "... and no leader's key" test -z "$(t_screen | grep -F '^P Peer session')"
t_type "Lytte før jeg svarer"
t_step "Lytte før jeg svarer"
tmux -S "$T_SOCK" kill-server # the connection drops: SIGHUP
i=0
while [ "$(q "$db" "select count(*) from form_draft where form = 'followup' and record_id = $F")" != 1 ] &&
	[ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
check "the hangup kept the follow-up form's draft" \
	test "$(q "$db" "select count(*) from form_draft where form = 'followup' and record_id = $F")" = 1
check "... and nothing is written yet" test -z "$(fu "coalesce(written_at,'')")"

t_start "$KUP" --lang en --db "$db" --as "$E"
check "the next start offers the draft" t_wait "You have an unsaved draft of Follow-up: $EN"
t_keys y
check "yes opens the follow-up form with the text back" t_wait "Your draft from"
check "... what she typed is there" t_wait "Lytte før jeg svarer"

# ---- she writes her part and names two colleagues ----
t_type ", og give de unge tid til at finde deres egne ord i samtalen om trivsel og fællesskab"
t_keys Tab
t_type "Jeg bruger det i morgensamlingen"
t_keys C-t
check "Ctrl-T shows the colleagues dialog" t_wait "No colleague is named yet."
t_keys n
check "n opens the pick list of staff" t_wait "Name a colleague (any active staff member)"
t_type "$C1N"
t_step "$C1N ("
t_keys Enter
check "the first colleague is asked" t_wait "$C1N: asked, due"
check "... in the database" test "$(part state "$C1")" = asked
t_keys n
t_type "$C2N"
t_step "$C2N ("
t_keys Enter
check "the second colleague is asked" t_wait "$C2N: asked, due"
t_keys Escape
check "the form lists both colleagues' parts" t_wait "$C1N: asked, due 06-12-2026"
t_keys C-s
check "saved, saying what comes next" t_wait "Saved. Your leader sees it as ready to close."
check "the follow-up is written in the database" test "$(fu written_at)" = 2026-11-22
check "... with both texts" test "$(fu practice)" = "Jeg bruger det i morgensamlingen"
check "... and two parts asked" \
	test "$(q "$db" "select count(*) from followup_colleague where followup_id = $F and state = 'asked'")" = 2
check "the draft is gone" test "$(q "$db" "select count(*) from form_draft where form = 'followup'")" = 0
# after a draft restored at the start she is back on Overblik, whose rows
# of her own follow-ups say they wait for her leader
row_says() { # TEXT: the row of the activity shows TEXT
	i=0
	while [ $i -lt 100 ]; do
		t_screen | grep -F -- "$(printf '%.20s' "$A")" | grep -qF -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	t_screen | sed 's/^/#   | /'
	return 1
}
check "her row shows it written, waiting for her leader" row_says "written, waiting for your"
quit

# ---- the first colleague writes his part ----
as "$C1"
t_keys 1
t_step "$C1N"
check "his row's detail lists the part asked of him, K opening it" t_wait "K opens them"
t_keys K
check "K lists his parts" t_wait "$EN, $A"
t_keys Enter
check "his part opens" t_wait "Colleague follow-up: $EN"
check "... showing what she learned" t_wait "Lytte før jeg svarer"
check "... and how she uses it" t_wait "Jeg bruger det i morgensamlingen"
check "... wrapped, not cut" t_wait "fællesskab"
t_type "Hun venter længere på svar"
t_keys Tab
t_type "Jeg prøver det i garderoben"
t_keys Tab Space C-s
check "his part is saved" t_wait "Saved. $EN and their leader see your part."
check "... answered in the database, wanting to learn more" \
	test "$(part state "$C1")|$(part wants_more "$C1")|$(part own_use "$C1")" = "answered|1|Jeg prøver det i garderoben"
quit

# ---- the second colleague declines ----
as "$C2"
t_keys 1
t_step "$C2N"
t_keys K
t_step "$EN, $A"
t_keys Enter
check "her part opens with a key to decline" t_wait "^D Decline"
t_keys C-d
check "Ctrl-D asks for a reason" t_wait "Decline the part $EN asked of you"
t_type "Jeg kender ikke hendes praksis"
t_keys C-s
check "declined" t_wait "Declined. $EN and their leader see your reason."
check "... in the database, with the reason" \
	test "$(part state "$C2")|$(part reason "$C2")" = "declined|Jeg kender ikke hendes praksis"
quit

# ---- the leader closes it with an action and starts a peer session ----
as "$L"
t_keys 1 /
t_type "$EN"
t_step "Search: $EN"
t_keys Enter
open_followup
check "the leader opens her follow-up" t_wait "Follow-up: $EN"
check "... with the leader's keys" t_wait "^P Peer session"
check "... the answered part" t_wait "$C1N: answered 22-11-2026"
check "... and the declined one with its reason" t_wait "Jeg kender ikke hendes"
t_type "Godt, del det med teamet"
t_keys Tab
t_type "Fremlægges på teammødet"
t_keys Tab
t_type "14-12"
t_keys Tab Space
t_keys C-p
check "Ctrl-P asks for the peer-training session" t_wait "Peer training from the follow-up: $EN"
check "... two weeks from today by default" t_wait "06-12-2026"
t_keys Enter
t_step "Search:"
t_keys Enter Tab Tab Tab
t_type "Personalerummet"
t_keys C-s
check "the session is started, saying what comes next" \
	t_wait "Session started; enrol the colleagues on it from Activities."
S=$(fu "coalesce(shared_via,'')")
check "the follow-up names the new session" test -n "$S"
check "... a peer-training or network session with the place and ten seats" \
	test "$(q "$db" "select a.method in ('peer','network') || '|' || se.place || '|' || se.capacity
		from session se join activity a on a.id = se.activity_id where se.id = ${S:-0}")" = "1|Personalerummet|10"
t_keys C-s
check "closed, saying so" t_wait "The follow-up is closed."
check "closed in the database with the action and its date" \
	test "$(fu "coalesce(done_at,'')")|$(fu action)|$(fu action_date)" = "2026-11-22|Fremlægges på teammødet|2026-12-14"
check "... still naming the session (no conflict with the session's start)" test "$(fu shared_via)" = "$S"
check "her activities show it closed" t_wait "closed 22-11-2026"
quit

t_done
