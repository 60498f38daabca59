#!/bin/sh
# End-to-end: calendar files. `kup export ics` on the demo read back with
# Debian's python3-icalendar (tests/lib/ics_read.py): one event for each
# session the person holds a seat on, dates as stored (DTEND the day after
# the last day), the activity's title with æøå as the summary, UIDs the
# same in two exports, mode 0600; a cancelled seat still to come is written
# as cancelled with a higher SEQUENCE, and a changed session too; requests
# stay out; who may export whose; and key L in a person's activities and in
# a session list writes a file that parses.
. "$(dirname "$0")/../lib/tmux.sh"
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$T_DIR" || exit 1
PY=/usr/bin/python3 # Debian's, where python3-icalendar is installed
if ! "$PY" -c 'import icalendar' 2>/dev/null; then
	# make check installs it (src/deps.sh test): missing, the check fails
	not_ok "python3-icalendar is not installed (sh src/deps.sh test installs it)"
	t_done
	exit
fi
read_ics() { "$PY" "$here/lib/ics_read.py" "$@"; }
db="$T_DIR/d.db"
"$KUP" --db "$db" demo >/dev/null 2>&1 || { not_ok "demo database"; t_done; exit; }
K() { "$KUP" --lang en --db "$db" "$@"; }
who=fs
# What the calendar should hold, from the database: seats, and cancelled
# seats of sessions not yet over (KUP_TODAY is the tests' today).
SEATS="p.status IN ('enrolled','approved','completed','noshow') OR (p.status = 'cancelled' AND se.ends >= '$KUP_TODAY')"
want() {
	q "$db" "select 'kup-session-' || se.id, se.starts, date(se.ends, '+1 day'), a.title
	  from participation p join session se on se.id = p.session_id join activity a on a.id = se.activity_id
	  join staff s on s.id = p.staff_id where s.login = '$who' and ($SEATS) order by se.starts, se.id" | tr '|' ' '
}

K export ics --login $who --out a.ics > out 2>err
check "export ics exits 0 and says where it wrote" grep -qx "Wrote a.ics." out
check "... the file is the user's alone (0600)" [ "$(stat -c %a a.ics)" = 600 ]
read_ics a.ics > a.txt
check "... python3-icalendar reads it; CRLF, lines of at most 75 octets, folds between characters" [ $? -eq 0 ]
n=$(want | wc -l)
check "... METHOD:PUBLISH, VERSION 2.0, one event per seat ($n)" grep -qx "calendar PUBLISH 2.0 $n" a.txt
check "... the demo person has sessions to show" [ "$n" -ge 5 ]
got() { tail -n +2 "$1" | cut -d'|' -f1-3,6 | sed 's/@[^|]*|/|/' | tr '|' ' '; }
check "... each session's UID, first day, day after the last, and title (æøå)" [ "$(got a.txt)" = "$(want)" ]
check "... a summary with æøå came through whole" grep -q '|Temadag: Gode overgange fra børnehave til skole|' a.txt
check "... a place with a comma came through unescaped" grep -q '|Skovbrynet Skole, festsalen$' a.txt
check "... the UIDs are unique" [ "$(cut -d'|' -f1 a.txt | sort | uniq -d)" = "" ]

stamps=$(grep -c '^DTSTAMP' a.ics)
K export ics --login $who --out b.ics > /dev/null 2>&1
read_ics b.ics > b.txt
check "a second export names the same events alike (UIDs stable)" [ "$(cut -d'|' -f1 a.txt)" = "$(cut -d'|' -f1 b.txt)" ]
check "... and stamps each ($stamps DTSTAMPs)" [ "$stamps" -eq "$n" ]

# a seat still to come given up, and a session moved: both show as changes
sid=$(q "$db" "select se.id from participation p join session se on se.id = p.session_id join staff s on s.id = p.staff_id
  where s.login = '$who' and p.status = 'enrolled' and se.starts > '$KUP_TODAY' order by se.starts limit 1")
mid=$(q "$db" "select se.id from participation p join session se on se.id = p.session_id join staff s on s.id = p.staff_id
  where s.login = '$who' and p.status = 'completed' order by se.starts limit 1")
rid=$(q "$db" "select id from session where id not in (select session_id from participation p join staff s on s.id = p.staff_id
  where s.login = '$who') order by id limit 1")
seq() { grep "^kup-session-$2@" "$1" | cut -d'|' -f4; }
s0=$(seq a.txt "$sid"); m0=$(seq a.txt "$mid")
q "$db" "update participation set status = 'cancelled', version = version + 1 where session_id = $sid
  and staff_id = (select id from staff where login = '$who')"
q "$db" "update session set place = 'Århus; sal 2', version = version + 1 where id = $mid"
q "$db" "insert into participation (staff_id, session_id, status) select id, $rid, 'requested' from staff where login = '$who'"
K export ics --login $who --out c.ics > /dev/null 2>&1
read_ics c.ics > c.txt
check "a cancelled seat still to come is in the file as CANCELLED" grep -q "^kup-session-$sid@.*|CANCELLED|" c.txt
check "... with a higher SEQUENCE ($s0 -> $(seq c.txt "$sid"))" [ "$(seq c.txt "$sid")" -gt "$s0" ]
check "a moved session has a higher SEQUENCE and the new place" sh -c "[ '$(seq c.txt "$mid")' -gt '$m0' ] && grep -q '^kup-session-$mid@.*|Århus; sal 2$' c.txt"
check "a request holds no days: not in the file" sh -c "! grep -q '^kup-session-$rid@' c.txt"
check "... and the others are CONFIRMED" [ "$(grep -c '|CONFIRMED|' c.txt)" -eq "$((n - 1))" ]

K export ics --login $who --out - > d.ics 2>err
read_ics d.ics > d.txt
check "--out - writes the calendar to standard output" grep -qx "calendar PUBLISH 2.0 $n" d.txt

# who may: the person, their leader, an admin; not a colleague
other=$(q "$db" "select login from staff where role = 'employee' and login <> '$who' and active order by id limit 1")
leader=$(q "$db" "select s.login from staff s join unit_leader l on l.staff_id = s.id join staff f on f.unit_id = l.unit_id
  where f.login = '$who' and s.login <> '$who' limit 1")
K --as $who export ics --login $who --out own.ics > /dev/null 2>&1
check "the person exports their own" [ $? -eq 0 ]
K --as "$leader" export ics --login $who --out lead.ics > /dev/null 2>&1
check "their leader ($leader) may too" [ $? -eq 0 ]
K --as "$other" export ics --login $who --out no.ics > out 2>err
check "a colleague ($other) may not: exit 1, no file" sh -c "[ $? -eq 1 ] && [ ! -e no.ics ] && grep -q 'Not allowed' err"
K export ics > out 2>err
check "export ics without --login is a usage error (exit 2)" [ $? -eq 2 ]

# the screen: L on a person's activity, and on a session
t_start "$KUP" --lang da --db "$db" --as $who
t_step "Overblik"
t_keys 1
t_step "Medarbejdere"
t_keys p
t_step "Starter"
t_keys L
check "L on a participation asks where to write its calendar file" t_wait "Kalenderfil:"
t_keys C-u
t_type "$T_DIR/tui.ics"
t_keys C-s
check "the file is written" t_wait "Skrev $T_DIR/tui.ics"
check "... mode 0600" [ "$(stat -c %a tui.ics 2>/dev/null)" = 600 ]
read_ics tui.ics > tui.txt
check "... it parses, one event, the first of the person's sessions" sh -c "grep -qx 'calendar PUBLISH 2.0 1' tui.txt &&
  [ \"\$(tail -n 1 tui.txt | cut -d'|' -f1 | sed 's/@.*//')\" = '$(want | head -n 1 | cut -d' ' -f1)' ]"
t_keys Escape 3
t_step "Aktiviteter"
t_keys Enter
t_step "Hold"
t_keys L
check "L on a session asks too" t_wait "Kalenderfil:"
t_keys C-u
t_type "$T_DIR/hold.ics"
t_keys C-s
check "... and writes the file" t_wait "Skrev $T_DIR/hold.ics"
read_ics hold.ics > hold.txt
hs=$(tail -n 1 hold.txt | cut -d'|' -f1 | sed 's/^kup-session-//; s/@.*//')
check "... which parses: one event" grep -qx 'calendar PUBLISH 2.0 1' hold.txt
check "... the session's, with its activity's title" [ "$(tail -n 1 hold.txt | cut -d'|' -f6)" = \
  "$(q "$db" "select a.title from session se join activity a on a.id = se.activity_id where se.id = 0$hs")" ]
t_keys q
t_done
