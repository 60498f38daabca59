#!/bin/sh
# tests/e2e/followup_cli.sh — the follow-up loop on the command line, on the
# demo organisation (KUP_TODAY 2026-11-22): a person's follow-up names two
# colleagues (one asked and late, one who declined), another follow-up is
# written and waits for the leader. `kup list followups` shows the state and
# the colleagues, `kup due --employees` tells the asked colleague what to
# write and the leader which follow-up is ready to close, `kup report
# followup` counts the colleagues' parts as sqlite3 does, and the printed
# plan holds the colleagues' parts. The parts are put in with the sqlite3
# shell: no command names colleagues.
. "$(dirname "$0")/../lib/tmux.sh"

LANG=C.UTF-8
export LANG
unset LANGUAGE LC_ALL LC_MESSAGES KUP_DB
cd "$T_DIR" || exit 1
db="$T_DIR/fu.db"
"$KUP" --db "$db" demo >/dev/null || { not_ok "demo database"; exit 1; }
K() { "$KUP" --db "$db" "$@"; }
TAB=$(printf '\t')

# An open follow-up of a person with a plan in the year of the activity or
# the year after (so the printed plan holds it), and two active colleagues
# not already asked on it, picked by query.
F=$(q "$db" "select f.id from followup f join participation p on p.id = f.participation_id
	join session se on se.id = p.session_id join staff s on s.id = p.staff_id
	where f.done_at is null and s.active and s.login is not null
	and exists (select 1 from plan pl where pl.staff_id = s.id
		and pl.year in (cast(substr(se.ends, 1, 4) as integer), cast(substr(se.ends, 1, 4) as integer) + 1))
	and not exists (select 1 from followup_colleague c where c.followup_id = f.id)
	order by f.id limit 1")
check "the demo has an open follow-up to name colleagues on ($F)" test -n "$F"
P=$(q "$db" "select p.staff_id from followup f join participation p on p.id = f.participation_id where f.id = $F")
PNAME=$(q "$db" "select name from staff where id = $P")
PLOGIN=$(q "$db" "select login from staff where id = $P")
C1=$(q "$db" "select login from staff where active and role = 'employee' and id <> $P and login is not null
	order by id limit 1")
C2=$(q "$db" "select login from staff where active and role = 'employee' and id <> $P and login is not null
	and login <> '$C1' order by id limit 1")
q "$db" "insert into followup_colleague(followup_id, staff_id, state, due)
		select $F, id, 'asked', '2026-11-01' from staff where login = '$C1';
	insert into followup_colleague(followup_id, staff_id, state, due, reason, answered_at)
		select $F, id, 'declined', '2026-12-01', 'Var på kursus hele måneden', '2026-11-20' from staff where login = '$C2';"
# Another open follow-up, written by its person, whose leader is found
W=$(q "$db" "select f.id from followup f join participation p on p.id = f.participation_id
	join staff s on s.id = p.staff_id join unit_leader l on l.unit_id = s.unit_id and l.until is null
	where f.done_at is null and f.id <> $F and s.active and l.staff_id <> s.id order by f.id limit 1")
q "$db" "update followup set learned = 'Ny praksis', written_at = '2026-11-20' where id = $W"
WNAME=$(q "$db" "select s.name from followup f join participation p on p.id = f.participation_id
	join staff s on s.id = p.staff_id where f.id = $W")
L=$(q "$db" "select ls.login from followup f join participation p on p.id = f.participation_id
	join staff s on s.id = p.staff_id join unit_leader l on l.unit_id = s.unit_id and l.until is null
	join staff ls on ls.id = l.staff_id where f.id = $W and ls.id <> s.id order by ls.id limit 1")
check "a written follow-up ($W) and its person's leader ($L)" test -n "$W" -a -n "$L"

# ---- kup list followups ----
K --lang en list followups > list.tsv
check "list followups: the header ends with state and colleagues" \
	test "$(head -n 1 list.tsv)" = "id${TAB}name${TAB}activity${TAB}due${TAB}done_at${TAB}overdue${TAB}state${TAB}colleagues"
row=$(awk -F'\t' -v id="$F" '$1 == id' list.tsv)
cols=$(printf '%s\n' "$row" | cut -f8)
check "list followups: the colleagues' logins, comma-separated ($cols)" \
	sh -c "printf '%s\n' '$cols' | tr ',' '\n' | sort | tr '\n' ' ' | grep -qx '$(printf '%s\n%s\n' "$C1" "$C2" | sort | tr '\n' ' ')'"
check "list followups: the written one's state is written" \
	test "$(awk -F'\t' -v id="$W" '$1 == id { print $7 }' list.tsv)" = written
check "list followups: every state is due, written or closed" \
	sh -c "tail -n +2 list.tsv | cut -f7 | grep -v -x -e due -e written -e closed | grep -q . && exit 1 || exit 0"
check "list followups --format csv: the same header with commas" \
	sh -c "'$KUP' --lang en --db '$db' list followups --format csv | head -n 1 | tr -d '\\r' | grep -qx 'id,name,activity,due,done_at,overdue,state,colleagues'"

# ---- kup due: the colleague's part ----
K --as "$C1" due --employees --format tsv > c1.tsv
check "kup due --employees: the asked colleague has a colleague_followups line naming whose it is" \
	grep -q "^$C1${TAB}.*${TAB}colleague_followups${TAB}$PNAME${TAB}.*${TAB}2026-11-01${TAB}overdue\$" c1.tsv
K --as "$C1" due --employees > c1.txt
check "... and in text, the section in Danish" grep -q "Kollegers opfølgninger, du er bedt om at bidrage til" c1.txt
check "... says in plain words what to write" grep -q "skriv, hvad du har set af den nye praksis" c1.txt
check "... names whose follow-up it is, marked late" grep -q "$PNAME · .* · for sent siden 01-11-2026" c1.txt
K --lang en --as "$C1" due --employees > c1en.txt
check "... in English with --lang en" grep -q "Colleagues' follow-ups you are asked to add to" c1en.txt
K --as "$C2" due --employees --format tsv > c2.tsv
check "the colleague who declined has nothing to write on it" \
	sh -c "! grep -q '${TAB}colleague_followups${TAB}$PNAME${TAB}' c2.tsv"
K due --employees --format tsv > all.tsv
check "the admin's kup due --employees has the colleague's line too" \
	grep -q "^$C1${TAB}.*${TAB}colleague_followups${TAB}$PNAME${TAB}" all.tsv
check "... and the person's own follow-up is not listed for them to write once written" \
	sh -c "! grep -q '${TAB}my_followups${TAB}$WNAME${TAB}.*${TAB}written' all.tsv"

# ---- kup due: the leader sees it ready ----
K --as "$L" due --format tsv > l.tsv
check "the leader's followups section: the written one is written (ready to close)" \
	grep -q "^$L${TAB}.*${TAB}followups${TAB}$WNAME${TAB}.*${TAB}written\$" l.tsv
K --as "$L" due > l.txt
check "... and in text: written, to close by" grep -q "$WNAME · .* · skrevet, afsluttes senest" l.txt

# ---- the report ----
Y=$(q "$db" "select substr(se.starts, 1, 4) from followup f join participation p on p.id = f.participation_id
	join session se on se.id = p.session_id where f.id = $F")
K --lang en report followup --year "$Y" --format csv | tr -d '\r' > rep.csv # CSV lines end in CRLF
check "report followup --format csv: the old codes first, then the new ones" \
	test "$(head -n 1 rep.csv)" = "unit,completed,on_time,late,due,overdue,missing,on_time_pct,written,closed,with_action,colleagues_asked,colleagues_answered,colleagues_declined,passed_on"
want=$(q "$db" "select count(*) from followup_colleague c join followup f on f.id = c.followup_id
	join participation p on p.id = f.participation_id join session se on se.id = p.session_id
	join staff s on s.id = p.staff_id
	where p.status = 'completed' and s.active and se.starts >= '$Y-01-01' and se.starts < '$((Y + 1))-01-01'")
declined=$(q "$db" "select count(*) from followup_colleague c join followup f on f.id = c.followup_id
	join participation p on p.id = f.participation_id join session se on se.id = p.session_id
	join staff s on s.id = p.staff_id where c.state = 'declined'
	and p.status = 'completed' and s.active and se.starts >= '$Y-01-01' and se.starts < '$((Y + 1))-01-01'")
total=$(tail -n 1 rep.csv)
check "report: colleagues asked in the total as sqlite3 counts ($want)" \
	test "$(echo "$total" | cut -d, -f12)" = "$want" -a "$want" -ge 2
check "report: colleagues declined in the total as sqlite3 counts ($declined)" \
	test "$(echo "$total" | cut -d, -f14)" = "$declined" -a "$declined" -ge 1
K report followup --year "$Y" > rep.txt
check "report in text: the new columns in Danish" grep -q "Koll. spurgt" rep.txt

# ---- the printed plan ----
PY=$(q "$db" "select pl.year from plan pl join followup f join participation p on p.id = f.participation_id
	join session se on se.id = p.session_id where f.id = $F and pl.staff_id = p.staff_id
	and pl.year in (cast(substr(se.ends, 1, 4) as integer), cast(substr(se.ends, 1, 4) as integer) + 1)
	order by pl.year limit 1")
K export plan --login "$PLOGIN" --year "$PY" --format txt --out plan.txt > /dev/null
C2NAME=$(q "$db" "select name from staff where login = '$C2'")
C1NAME=$(q "$db" "select name from staff where login = '$C1'")
check "printed plan: the colleague who declined, with the reason" grep -q "$C2NAME har sagt nej: Var på kursus hele måneden" plan.txt
check "printed plan: the colleague still asked, late" grep -q "$C1NAME er spurgt; for sent siden 01-11-2026" plan.txt
check "printed plan: the follow-up's state" grep -q "^Status: \(for sent siden\|forfalder\|skrevet\)" plan.txt

t_done
