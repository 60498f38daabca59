#!/bin/sh
# End-to-end: the whole follow-up loop at 80x24 in Danish, each person
# reaching their step from their own Overblik at their next start:
# the leader marks a participation completed -> the person writes and names
# two colleagues from other units -> each colleague finds the part in the
# Overblik; one writes, one declines with a reason -> `kup due --employees`
# tells a colleague what to write -> the leader finds it ready to close,
# closes it with an action into practice and starts a peer-training session
# from it -> the follow-up report counts all of it. Screen and database are
# checked at every step. People are picked from the demo by query.
. "$(dirname "$0")/../lib/tmux.sh"
q() { sqlite3 -batch -noheader -cmd '.timeout 5000' "$1" "$2"; }

db="$T_DIR/loop.db"
"$KUP" --db "$db" demo >/dev/null 2>&1 || { not_ok "demo database"; t_done; exit 1; }

# The person: an employee in a team with a leader; the colleagues: employees
# of other units, not yet asked on anyone's follow-up.
E=$(q "$db" "select s.login from staff s join unit u on u.id = s.unit_id where s.role = 'employee'
	and s.active and s.login is not null and u.kind = 'team'
	and exists (select 1 from unit_leader l where l.unit_id = u.id and l.until is null)
	order by s.id limit 1")
EN=$(q "$db" "select name from staff where login = '$E'")
L=$(q "$db" "select s.login from unit_leader l join staff s on s.id = l.staff_id where l.until is null
	and l.unit_id = (select unit_id from staff where login = '$E') order by l.id limit 1")
OTHERS="from staff where role = 'employee' and active and login is not null
	and unit_id <> (select unit_id from staff where login = '$E')
	and not exists (select 1 from followup_colleague c where c.staff_id = staff.id)"
C1=$(q "$db" "select login $OTHERS order by id limit 1")
C2=$(q "$db" "select login $OTHERS and login <> '$C1' order by id desc limit 1")
C1N=$(q "$db" "select name from staff where login = '$C1'")
C2N=$(q "$db" "select name from staff where login = '$C2'")
check "the demo has the people ($E, leader $L, colleagues $C1 and $C2)" \
	test -n "$E" -a -n "$L" -a -n "$C1" -a -n "$C2"
[ -n "$E" ] && [ -n "$L" ] && [ -n "$C1" ] && [ -n "$C2" ] || exit 1
# a course she took part in that ended two days ago
q "$db" "insert into activity(title, method, sort_key, fold) values
		('Løkketest: Samtaler der virker', 'course', 'lokketest', 'lokketest samtaler der virker');
	insert into session(activity_id, starts, ends, capacity)
		values (last_insert_rowid(), '2026-11-19', '2026-11-20', 12);
	insert into participation(staff_id, session_id, status)
		values ((select id from staff where login = '$E'), last_insert_rowid(), 'enrolled')"
F() { q "$db" "select $1 from followup f join participation p on p.id = f.participation_id
	join session se on se.id = p.session_id join activity a on a.id = se.activity_id
	where a.title like 'Løkketest%'"; }
part() { q "$db" "select c.$1 from followup_colleague c join staff s on s.id = c.staff_id
	where s.login = '$2' and c.followup_id = (select f.id from followup f join participation p
	on p.id = f.participation_id join session se on se.id = p.session_id join activity a
	on a.id = se.activity_id where a.title like 'Løkketest%')"; }

as() { t_start "$KUP" --lang da --db "$db" --as "$1"; t_step "0 Overblik"; }
quit() { # back out of whatever is open (each Esc alone), then q
	i=0; while [ $i -lt 3 ] && t_esc; do i=$((i + 1)); done
	t_keys q; t_exited || not_ok "kup did not end on q"
}
# find TEXT: moves down (j) until the detail pane (line 13 on) shows TEXT
find() {
	i=0
	while [ $i -lt 40 ]; do
		t_screen | sed -n '13,$p' | grep -qF -- "$1" && return 0
		before=$(t_screen)
		t_keys j
		k=0
		while [ "$(t_screen)" = "$before" ] && [ $k -lt 20 ]; do sleep 0.05; k=$((k + 1)); done
		[ "$(t_screen)" = "$before" ] && break
		i=$((i + 1))
	done
	echo "# not found in the detail: $1"
	t_screen | sed 's/^/#   | /'
	return 1
}

# report_total: the leader's follow-up report, header and total row (CSV)
report_total() { "$KUP" --lang en --db "$db" --as "$L" report followup --year 2026 --format csv | tr -d '\r' | sed -n '1p;$p'; }
total_of() { # REPORT COLUMN: the total's value of the column
	i=$(printf '%s\n' "$1" | head -1 | tr ',' '\n' | grep -nx "$2" | cut -d: -f1)
	printf '%s\n' "$1" | tail -1 | cut -d, -f"${i:-1}"
}
report0=$(report_total)

# ---- the leader marks it completed ----
as "$L"
t_keys 3 /
t_type "Løkketest"; t_step "Søg: Løkketest"; t_keys Enter
t_step "Samtaler der virker"
t_keys Enter
t_step "19-11-2026"
t_keys Enter
check "the session's participants show her seat" find "$EN"
t_keys f
check "f asks before marking completed" t_wait "har gennemført"
t_keys j
check "completed: the follow-up's due date is named" t_wait "Opfølgningen forfalder"
check "... and the follow-up is made" test -n "$(F f.id)"
quit

# ---- she writes her part and names two colleagues ----
as "$E"
check "her Overblik lists the follow-up to write" t_wait "Løkketest: Samtaler der virker"
check "the follow-up is in her list" find "Løkketest: Samtaler"
check "... and its detail says what to do next" t_wait "Næste skridt: skriv, hvad du lærte"
t_keys '?'
check "? names the keys of the line" t_wait "Enter"
t_esc
t_keys Enter
check "Enter opens her follow-up" t_wait "Opfølgning: $EN, Løkketest"
t_type "At stille åbne spørgsmål og vente på svaret"
t_keys Tab
t_type "Jeg bruger det ved afhentning"
t_keys C-t
check "Ctrl-T opens the colleagues" t_wait "Ingen kollega er udpeget endnu."
t_keys n; t_type "$C1N"; t_step "$C1N ("; t_keys Enter
check "the first colleague is asked" t_wait "$C1N: spurgt"
t_keys n; t_type "$C2N"; t_step "$C2N ("; t_keys Enter
check "the second colleague is asked" t_wait "$C2N: spurgt"
t_esc; t_keys C-s
check "saved: her leader sees it ready" t_wait "Gemt. Din leder ser den som klar til at blive afsluttet."
check "written in the database, two parts asked" \
	test "$(F "coalesce(f.written_at,'')")|$(part state "$C1")|$(part state "$C2")" = "2026-11-22|asked|asked"
quit

check "kup due --employees tells the colleague what to write" \
	sh -c "'$KUP' --lang da --db '$db' due --employees --format tsv | grep -F '$C2' | grep -F colleague_followups | grep -qF '$EN'"

# ---- the first colleague writes his part ----
as "$C1"
check "his Overblik has the part" t_wait "Kollegers opfølgninger til mig (1, 0 for sent)"
check "... for $EN" find "$EN"
t_keys Enter
check "Enter opens his part, with what she learned" t_wait "At stille åbne spørgsmål"
t_type "Hun giver forældrene tid til at svare"
t_keys Tab
t_type "Jeg har prøvet det selv"
t_keys C-s
check "his part is saved" t_wait "Gemt. $EN og lederen ser din del."
check "... answered in the database" test "$(part state "$C1")" = answered
check "... and gone from his Overblik" t_gone "Kollegers opfølgninger til mig (1"
quit

# ---- the second colleague declines ----
as "$C2"
check "her Overblik has the part" t_wait "Kollegers opfølgninger til mig (1, 0 for sent)"
check "her part is listed" find "$EN"
t_keys Enter
check "her part opens with the key to decline" t_wait "^D Afslå"
t_keys C-d
t_type "Jeg har ikke set hende arbejde"
t_keys C-s
check "Ctrl-D and a reason decline the part, saying who sees it" t_wait "Afslået. $EN og lederen ser din begrundelse."
check "declined with her reason" test "$(part state "$C2")|$(part reason "$C2")" = "declined|Jeg har ikke set hende arbejde"
quit

# ---- the leader closes it with an action and starts a peer session ----
as "$L"
check "the leader's Overblik counts one ready to close" t_wait "klar til afslutning"
check "her follow-up is ready, not overdue" find "Løkketest"
check "... it reads ready" t_wait "klar, afslut senest"
t_keys Enter
check "Enter opens it with both colleagues' parts" t_wait "$C1N: svaret"
check "... and the refusal" t_wait "Jeg har ikke set hende"
t_type "Godt, del det"
t_keys Tab
t_type "Fremlægges på teammødet"
t_keys Tab
t_type "07-01-2027"
t_keys Tab Space C-p
check "Ctrl-P asks for the peer-training session" t_wait "Sidemandsoplæring"
t_keys Enter
t_step "Søg:"
t_keys Enter Tab Tab Tab
t_type "Personalestuen"
t_keys C-s
check "the session is started, saying what comes next" t_wait "Holdet er oprettet; tilmeld kollegerne under Aktiviteter."
t_keys C-s
check "closed, saying so" t_wait "Opfølgningen er afsluttet."
check "closed in the database with its action and date" \
	test "$(F "f.done_at || '|' || f.action || '|' || f.action_date")" = "2026-11-22|Fremlægges på teammødet|2027-01-07"
check "... passed on in a new peer-training or network session" \
	test "$(q "$db" "select a.method in ('peer','network') from session se join activity a on a.id = se.activity_id
		where se.id = (select f.shared_via from followup f join participation p on p.id = f.participation_id
		join session s2 on s2.id = p.session_id join activity a2 on a2.id = s2.activity_id
		where a2.title like 'Løkketest%')")" = 1
quit

# ---- the report counts it ----
# the leader's report (the total of the people led) before and after: the
# loop adds one of each, and two colleagues asked
report=$(report_total)
for c in completed:1 written:1 closed:1 with_action:1 colleagues_asked:2 colleagues_answered:1 \
	colleagues_declined:1 passed_on:1; do
	check "the follow-up report counts ${c#*:} more: ${c%:*}" \
		test "$(total_of "$report" "${c%:*}")" = $(($(total_of "$report0" "${c%:*}") + ${c#*:}))
done
t_done
