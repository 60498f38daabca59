#!/bin/sh
# End-to-end: kup in Danish says everything in Danish, and a table it writes
# heads its columns in the language asked for. The history of an approved
# request (80x24) names the changed fields by their labels and the statuses
# by their Danish names, its times local and the Danish way; `kup report`
# and `kup list` head CSV columns with Danish labels, and with --lang en
# (or LANGUAGE=en) with the English codes scripts read; a list written in
# either language imports back unchanged in either; a system error's
# reason is in the language too.
. "$(dirname "$0")/../lib/tmux.sh"
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
cd "$T_DIR" || exit 1
db="$T_DIR/d.db"
"$KUP" --db "$db" demo >/dev/null 2>&1 || { not_ok "demo database"; t_done; exit; }
CR=$(printf '\r')

# ---- the history of a request, in Danish ----
t_start "$KUP" --db "$db"
t_step "Ansøgninger der venter på godkendelse"
t_keys j o
t_step "Godkend ansøgning fra"
t_keys C-s
t_step "Godkendt"
p=$(q "$db" "select row_id from audit where tbl = 'participation' and action = 'update' order by id desc limit 1")
name=$(q "$db" "select s.name from participation p join staff s on s.id = p.staff_id where p.id = '$p'")
title=$(q "$db" "select a.title from participation p join session se on se.id = p.session_id
	join activity a on a.id = se.activity_id where p.id = '$p'")
status=$(q "$db" "select status from participation where id = '$p'")
decided=$(q "$db" "select decided_at from participation where id = '$p'")
case $status in waitlisted) da=venteliste ;; enrolled) da=deltager ;; *) da=$status ;; esac
check "the request ($p) is decided: $status at $decided" test -n "$name" -a -n "$decided"
t_keys 1 /
t_type "$name"
t_step "Søg: $name"
t_keys Enter p
t_step "› Aktiviteter: $name"
t_keys /
t_type "$(printf '%s' "$title" | cut -c1-12)"
t_keys Enter
t_step "$da"
t_keys h
t_step "› Historik"
check "the row names the changed fields by their labels" t_wait "ændret: Status, Afgjort den"
check "the status, old and new, by its Danish names" t_wait "Status          ansøgt → $da"
check "the decision's time, local and the Danish way ($decided UTC)" t_wait "Afgjort den     – → $(t_local "$decided")"
t_settle "Afgjort den"
for word in decided_at wait_pos requested "$status" "$decided"; do
	check "no column name, code or stored time is shown: $word" t_lacks "$word"
done
t_keys q
check "q quits" t_exited

# ... and in English
t_start "$KUP" --lang en --db "$db"
t_step "Requests waiting for approval"
t_keys 1 /
t_type "$name"
t_step "Search: $name"
t_keys Enter p
t_step "› Activities: $name"
t_keys /
t_type "$(printf '%s' "$title" | cut -c1-12)"
t_keys Enter
t_step "$name"
t_keys h
t_step "› History"
check "in English: the labels" t_wait "changed: Status, Decided on"
check "... and the English names" t_wait "Status          requested → $(case $status in waitlisted) echo waiting list ;; *) echo "$status" ;; esac)"
t_keys q
check "... and quits" t_exited

# ---- headers: Danish labels, English codes ----
"$KUP" --db "$db" report coverage --format csv > da.csv
check "report coverage --format csv in Danish: the screen's headings" \
	test "$(head -n 1 da.csv)" = "Enhed,Gruppe,Personer,Plan,Aftalt,Evalueret,Plan %$CR"
check "... and the group by its Danish name" grep -q ',Medarbejdere,' da.csv
"$KUP" --lang en --db "$db" report coverage --format csv > en.csv
check "--lang en: the codes scripts read" \
	test "$(head -n 1 en.csv)" = "unit,group,people,with_plan,agreed,evaluated,plan_pct$CR"
check "... and the group's code" grep -q ',staff,' en.csv
check "... the same figures in both" test "$(sed 1d da.csv | cut -d, -f3-)" = "$(sed 1d en.csv | cut -d, -f3-)"
LANGUAGE=en "$KUP" --db "$db" report followup --format tsv > env.tsv
check "LANGUAGE=en too" grep -q "^unit	completed	on_time" env.tsv
"$KUP" --db "$db" list plans > plans.tsv
check "list plans in Danish: MUS-dato, not mus_date" grep -q "^id	Navn	Enhed	År	Status	MUS-dato" plans.tsv
check "... dates stay ISO for programs" sh -c "sed 1d plans.tsv | cut -f6 | grep -q '^20[0-9][0-9]-[01][0-9]-[0-3][0-9]$'"

# ---- an export imports back, in either language ----
staff_sum() { q "$db" "select count(*) || ':' || total(length(name)) || ':' || total(active) || ':' || max(version) from staff"; }
before=$(staff_sum)
for w in da en; do
	"$KUP" --lang $w --db "$db" list staff --format csv --sep ';' > staff-$w.csv
	"$KUP" --lang $w --db "$db" list activities --format csv > act-$w.csv
done
check "the Danish staff list is headed in Danish" grep -q "^id;Login;Medarbejdernummer;Navn" staff-da.csv
for file in da en; do
	for w in da en; do
		"$KUP" --lang $w --db "$db" import staff staff-$file.csv > out 2>err
		check "the $file staff list imports back unchanged (kup in $w)" \
			grep -Eq "(Imported|Indlæst): 0 (added|tilføjet), 0 (updated|opdateret), 60 (unchanged|uændret)" out
		"$KUP" --lang $w --db "$db" import activities act-$file.csv > out 2>err
		check "the $file activities import back unchanged (kup in $w)" \
			grep -Eq "(Imported|Indlæst): 0 (added|tilføjet), 0 (updated|opdateret), 25 (unchanged|uændret)" out
	done
done
check "... and the register is as it was" test "$(staff_sum)" = "$before"

# ---- the system's reasons too ----
"$KUP" --db "$db" import staff "$T_DIR/none.csv" >/dev/null 2>err
check "a missing file in Danish: the reason in Danish" grep -qx "kup: Kan ikke læse $T_DIR/none.csv: Filen eller mappen findes ikke" err
"$KUP" --lang en --db "$db" import staff "$T_DIR/none.csv" >/dev/null 2>err
check "... and in English as the system says it" grep -qx "kup: Cannot read $T_DIR/none.csv: No such file or directory" err
t_done
