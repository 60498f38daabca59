#!/bin/sh
# End-to-end: the follow-up loop as Overblik shows it at 80x24, on the demo
# organisation (KUP_TODAY 2026-11-22). A colleague named on someone's
# follow-up finds their part in a section of its own, with what to do next;
# the team leader sees a written follow-up as ready to close, not overdue;
# the institution leader above sees a long overdue one as escalated (the
# team leader does not); an admin changes the escalation weeks in the
# register Opfølgningsfrister, checked in the database and in the heading
# the leader above then reads.
. "$(dirname "$0")/../lib/tmux.sh"

db="$T_DIR/d.db"
"$KUP" --db "$db" demo >/dev/null 2>&1 || { not_ok "demo database"; t_done; exit; }

# A team member's follow-up late by more than 8 weeks (not written), in a
# team with no written follow-up waiting yet, the team's leader and the
# institution's; picked by query, not by name.
LATE="from followup f join participation p on p.id = f.participation_id
	join staff s on s.id = p.staff_id join unit u on u.id = s.unit_id
	where u.kind = 'team' and s.role = 'employee' and s.login is not null
	and f.done_at is null and f.written_at is null and f.due < '2026-09-27'
	and exists (select 1 from unit_leader l where l.unit_id = u.id and l.until is null)
	and exists (select 1 from unit_leader l where l.unit_id = u.parent_id and l.until is null)
	and not exists (select 1 from followup f2 join participation p2 on p2.id = f2.participation_id
		join staff s2 on s2.id = p2.staff_id where s2.unit_id = u.id
		and f2.done_at is null and f2.written_at is not null)
	order by f.due, f.id limit 1"
FU=$(q "$db" "select f.id $LATE")
P=$(q "$db" "select s.login $LATE")
PN=$(q "$db" "select name from staff where login = '$P'")
TL=$(q "$db" "select s.login from unit_leader l join staff s on s.id = l.staff_id where l.until is null
	and l.unit_id = (select unit_id from staff where login = '$P') order by l.id limit 1")
IL=$(q "$db" "select s.login from unit_leader l join staff s on s.id = l.staff_id where l.until is null
	and l.unit_id = (select u.parent_id from unit u join staff x on x.unit_id = u.id where x.login = '$P')
	order by l.id limit 1")
# the colleague: an employee of another unit, with no part of their own yet
C=$(q "$db" "select login from staff where role = 'employee' and active and login is not null
	and unit_id <> (select unit_id from staff where login = '$P')
	and not exists (select 1 from followup_colleague c where c.staff_id = staff.id) order by id limit 1")
# a follow-up in the team leader's team, written by its person two days ago
W=$(q "$db" "select f.id from followup f join participation p on p.id = f.participation_id
	join staff s on s.id = p.staff_id where s.unit_id = (select unit_id from staff where login = '$P')
	and s.role = 'employee' and f.done_at is null and f.id <> $FU order by f.due desc limit 1")
WN=$(q "$db" "select s.name from followup f join participation p on p.id = f.participation_id
	join staff s on s.id = p.staff_id where f.id = $W")
check "the demo has the people ($P, $TL above, $IL above that, colleague $C, written $W)" \
	test -n "$FU" -a -n "$P" -a -n "$TL" -a -n "$IL" -a -n "$C" -a -n "$W"
[ -n "$FU" ] && [ -n "$P" ] && [ -n "$TL" ] && [ -n "$IL" ] && [ -n "$C" ] && [ -n "$W" ] || exit 1
q "$db" "update followup set written_at = '2026-11-20', learned = 'Korte samtaler hver fredag.'
	where id = $W;
	insert into followup_colleague(followup_id, staff_id, due, asked_by)
	values ($FU, (select id from staff where login = '$C'), '2026-12-06',
		(select id from staff where login = '$P'))"

as() { t_start "$KUP" --lang da --db "$db" ${1:+--as "$1"}; t_step "0 Overblik"; }
quit() { t_keys q; t_exited || not_ok "kup did not end on q"; }
# summary_has TEXT: polls (bounded) until the summary line (line 3) has TEXT
summary_has() {
	i=0
	while [ $i -lt 100 ]; do
		t_screen | sed -n 3p | grep -qF -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "# the summary line: $(t_screen | sed -n 3p)"
	return 1
}
# down TEXT: moves down (j) until the detail pane (line 13 on) shows TEXT;
# each step waits for the screen to change, and the end of the list stops it
down() {
	i=0
	while [ $i -lt 60 ]; do
		t_screen | sed -n '13,$p' | grep -qF -- "$1" && return 0
		before=$(t_screen)
		t_keys j
		k=0
		while [ "$(t_screen)" = "$before" ] && [ $k -lt 20 ]; do
			sleep 0.05
			k=$((k + 1))
		done
		[ "$(t_screen)" = "$before" ] && break
		i=$((i + 1))
	done
	echo "# not found in the detail: $1"
	t_screen | sed 's/^/#   | /'
	return 1
}

# ---- the colleague ----
as "$C"
check "the colleague's Overblik has a section for colleagues' follow-ups" \
	t_wait "Kollegers opfølgninger til mig (1, 0 for sent)"
check "... naming whose follow-up it is" t_wait "$PN"
check "the summary line counts the part" summary_has "for kolleger 1"
check "the detail says what to write" down "Du er nævnt i opfølgningen for $PN"
check "... and by when" t_wait "skriv senest 06-12-2026"
quit

# ---- the team leader ----
as "$TL"
check "the team leader's follow-ups count one ready to close" t_wait "1 klar til afslutning"
check "the written one reads as ready, not overdue" down "Klar: læs den"
check "... with the day it is to be closed by" t_wait "klar, afslut senest"
check "... of $WN" t_wait "$WN · "
t_screen | sed -n '13,$p' | grep -F "Opfølgning " | grep -qF "klar, afslut senest" &&
	ok "its state is ready, not overdue" || not_ok "its state is ready, not overdue"
# the summary line names escalations whenever there are any
t_screen | sed -n 3p | grep -qF "eskaleret" && not_ok "the team leader has nothing escalated" ||
	ok "the team leader has nothing escalated"
quit

# ---- the institution leader above ----
as "$IL"
check "the summary line counts escalations" summary_has "eskaleret"
check "the leader above has the escalated section" down "Eskaleret: opfølgninger over 4 uger for sent"
check "the escalated follow-up says what to do" down "Længe for sent: $PN har ikke skrevet den"
quit

# ---- the admin changes the escalation weeks ----
as ""
t_keys a
check "a opens the admin list" t_wait "Opfølgningsfrister"
t_keys G k Enter
check "the register opens with the methods" t_wait "Diplommodul"
t_keys G
check "the follow-up settings are below the methods" t_wait "Indstillinger for opfølgning"
t_keys k k
check "the escalation setting is selected" t_wait "Så mange uger for sent vises"
t_keys e
check "e opens its form" t_wait "Uger*"
t_keys C-u; t_type "200"; t_keys C-s
check "more than 104 weeks is refused" t_wait "mellem 0 og 104"
t_keys C-u; t_type "6"; t_keys C-s
check "the setting is saved" t_wait "Gemt."
check "the list shows 6 weeks" t_wait "6 uger"
check "6 weeks in the database" test "$(q "$db" "select weeks from followup_setting
	where key = 'escalate_weeks'")" = 6
quit

as "$IL"
check "the leader above now reads 6 weeks in the heading" down "Eskaleret: opfølgninger over 6 uger for sent"
quit
t_done
