#!/bin/sh
# End-to-end: exports and imports on the command line. Every list in CSV;
# `kup list staff|activities --format csv` imported back unchanged (names
# with quotes, semicolons and æøå; comma and semicolon files, with a BOM);
# an edit in the file imported as one update; a file with 3 bad rows changes
# nothing and names all 3 by line and column; a Windows-1252 file; a dry run
# and --deactivate-missing; write errors (/dev/full) reported; the printed
# plan holds every goal and its HTML is well-formed (xmllint); and the TUI
# import (key i in the admin list) and plan print (key p).
. "$(dirname "$0")/../lib/tmux.sh"
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
cd "$T_DIR" || exit 1
db="$T_DIR/d.db"
"$KUP" --db "$db" demo >/dev/null 2>&1 || { not_ok "demo database"; t_done; exit; }
K() { "$KUP" --lang en --db "$db" "$@"; }
staff_sum() { q "$db" "select count(*) || ':' || total(length(name)) || ':' || total(active) || ':' || max(version) from staff"; }

csv_head() { head -n 1 "$1" | grep -q '^id,.*'"$(printf '\r')"'$'; }
for what in staff plans activities sessions participations followups; do
	K list $what --format csv > "$what.csv" 2>err
	check "list $what --format csv exits 0" [ $? -eq 0 ]
	check "... a CSV header line ending in CRLF" csv_head "$what.csv"
done

# names that need quoting, kept through a round trip
q "$db" "update staff set name = 'Søren \"Sølle\" Ågård; jr.', title = 'Pædagog, klub' where login = 'ag'"
K list staff --format csv > staff.csv
check "quotes are doubled and the field quoted" grep -q '"Søren ""Sølle"" Ågård; jr."' staff.csv
before=$(staff_sum)
K import staff staff.csv > out 2>err
check "the exported staff list imports back: exit 0" [ $? -eq 0 ]
check "... nothing added or updated" grep -q "Imported: 0 added, 0 updated, 60 unchanged, 0 deactivated." out
check "... the register is unchanged" [ "$(staff_sum)" = "$before" ]
K list staff --format csv --sep ';' --bom > staff-da.csv
check "--bom writes the byte order mark" [ "$(head -c 3 staff-da.csv | od -An -tx1 | tr -d ' ')" = efbbbf ]
K import staff staff-da.csv > out 2>err
check "the semicolon file with BOM imports back unchanged" grep -q "0 added, 0 updated, 60 unchanged" out
K list activities --format csv --sep ';' > act.csv
K import activities act.csv > out 2>err
check "the activities list imports back unchanged" grep -q "0 added, 0 updated, 25 unchanged" out

# an edit in the spreadsheet becomes one update
sed 's/Pædagog, klub/Klubpædagog/' staff.csv > staff2.csv
K import staff staff2.csv > out 2>err
check "an edited title is one update" grep -q "0 added, 1 updated, 59 unchanged" out
check "... stored" [ "$(q "$db" "select title from staff where login='ag'")" = "Klubpædagog" ]
check "... and audited" [ "$(q "$db" "select count(*) from audit a join staff s on s.id=a.row_id where a.tbl='staff' and s.login='ag' and a.action='update'")" -ge 1 ]

# three bad rows: all listed, nothing changed
printf 'login;navn;enhed;ansat fra\nny1;Ny Et;Klubben;01-02-2026\nny2;Ny To;Ungdomsskolen Nord;\nny:3;Ny Tre;Klubben;\nny4;Ny Fire;Klubben;31-02-2026\nny5;Ny Fem;Klubben;\n' > bad.csv
before=$(staff_sum)
"$KUP" --lang da --db "$db" import staff bad.csv > out 2>err
check "an import with bad rows exits 1" [ $? -eq 1 ]
check "... names line 3, column 'enhed'" grep -qF "linje 3, kolonne 'enhed': ingen enhed hedder 'Ungdomsskolen Nord'" err
check "... names line 4, column 'login'" grep -qF "linje 4, kolonne 'login'" err
check "... names line 5, column 'ansat fra'" grep -qF "linje 5, kolonne 'ansat fra'" err
check "... all 3 and no more" [ "$(grep -c '^linje' err)" -eq 3 ]
check "... and nothing changed (not even the good rows)" [ "$(staff_sum)" = "$before" ]
check "... no one was added" [ "$(q "$db" "select count(*) from staff where login like 'ny%'")" = 0 ]

# Windows-1252 from a payroll system
printf 'login;navn;enhed;stilling\r\nsaa;S\370ren \305g\345rd;Klubben;P\346dagog \226 klub\r\n' > cp.csv
K import staff cp.csv > out 2>err
check "a Windows-1252 file imports" [ $? -eq 0 ]
check "... saying it was converted" grep -q "Windows-1252" out
check "... with the Danish letters right" [ "$(q "$db" "select name || '|' || title from staff where login='saa'")" = "Søren Ågård|Pædagog – klub" ]

# dry run and deactivating those not in a full list (the admin stays: the
# last active admin is never deactivated; empty cells keep what is stored)
admin=$(q "$db" "select login from staff where role = 'admin' and active order by id limit 1")
{ cat cp.csv; printf '%s;;;\r\n' "$admin"; } > cp2.csv
K import staff cp2.csv --deactivate-missing --dry-run > out 2>err
check "a dry run says what would happen" grep -q "Dry run, nothing changed: would add 0, update 0, leave 2 unchanged, deactivate" out
check "... listing who would be deactivated" grep -q "^deactivate .* (not in the file)" out
check "... and loudly how many of how many" grep -q "^WARNING: deactivates [0-9]* of [0-9]* active people, more than half: " out
active=$(q "$db" "select count(*) from staff where active")
K import staff cp2.csv --dry-run --deactivate-missing >/dev/null 2>&1
check "... still $active active" [ "$(q "$db" "select count(*) from staff where active")" = "$active" ]

# write errors
K list staff --format csv > /dev/full 2>err
check "a list to a full disk exits 1" [ $? -eq 1 ]
check "... with a message" grep -q "kup: " err
K list staff --format csv --out /dev/full 2>err
check "--out /dev/full exits 1" [ $? -eq 1 ]
check "... naming the file" grep -q "/dev/full" err
K report coverage --out /dev/full 2>err
check "report --out /dev/full exits 1" [ $? -eq 1 ]
check "... naming the file" grep -q "/dev/full" err
K list audit --format csv --out audit.csv 2>err
check "the audit log exports as CSV too" grep -q "^id,at,login" audit.csv
K report followup --format csv --sep ';' --out fu.csv
check "report --format csv --sep ';' --out FILE writes the file" grep -q '^unit;completed;on_time;late;due;overdue;missing;on_time_pct' fu.csv

# the printed plan
login=$(q "$db" "select s.login from plan p join staff s on s.id = p.staff_id where p.year = 2026
	and (select count(*) from goal g where g.plan_id = p.id) >= 2 order by s.sort_key limit 1")
pid=$(q "$db" "select p.id from plan p join staff s on s.id = p.staff_id where s.login = '$login' and p.year = 2026")
K export plan --login "$login" --year 2026 --format txt --out plan.txt > out
check "export plan writes the file" grep -q "Wrote plan.txt." out
all=1
q "$db" "select what from goal where plan_id = $pid" > goals.txt
while IFS= read -r g; do grep -qF -- "$g" plan.txt || { all=0; echo "# missing goal: $g"; }; done < goals.txt
check "the printed plan contains every goal ($(wc -l < goals.txt))" [ $all -eq 1 ]
agreed=$(q "$db" "select coalesce(agreed_at, '') from plan where id = $pid")
check "the plan to print is agreed ($agreed UTC)" test -n "$agreed"
check "... and says when in local time, the Danish way, not in UTC" \
	sh -c "grep -qF '$(t_local "$agreed")' plan.txt && ! grep -q UTC plan.txt"
HOME="$T_DIR" K export plan --login "$login" --year 2026 --format html > out
check "the default file is ~/plan-LOGIN-YEAR.html" [ -s "$T_DIR/plan-$login-2026.html" ]
if command -v xmllint >/dev/null 2>&1; then
	check "the HTML page is well-formed (xmllint)" xmllint --noout "$T_DIR/plan-$login-2026.html"
	check "... and HTML-valid enough for libxml2's HTML parser" xmllint --html --noout "$T_DIR/plan-$login-2026.html"
else
	echo "SKIP xmllint is not installed"
fi
K export plan --login nobody --year 2026 2>err
check "an unknown login is an error" [ $? -eq 1 ]

# the same from the screen: i in the admin list, p on a plan
t_start "$KUP" --lang da --db "$db"
t_step "1 Medarbejdere"
t_keys a
t_step "Kompetenceområder"
t_keys i
check "i in the admin list opens the import form" t_wait "Indlæs fra HR"
t_keys Tab
t_type "$T_DIR/bad.csv"
t_keys C-s
check "the problems are listed in the screen" t_wait "ingen enhed hedder 'Ungdomsskolen Nord'"
t_esc 3
t_keys 2
t_step "E Evaluér" # the plans pane's key bar (the pane bar always names it)
t_keys p
check "p on a plan asks where to write it" t_wait "Udskriv"
t_keys C-u
t_type "$T_DIR/tui-plan.html"
t_keys C-s
check "the plan is written" t_wait "Skrev $T_DIR/tui-plan.html"
check "... to the file" [ -s "$T_DIR/tui-plan.html" ]
t_keys q
t_done
