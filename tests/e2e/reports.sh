#!/bin/sh
# End-to-end: the Reports pane (4) and `kup report` show the same figures.
# Plan coverage of the demo organisation is read as TSV from the command line
# and from the screen (100x60, so every row is visible), and the numbers of
# every row must agree in the same order. Then: another report chosen with
# r, sorting with s, the drill-down behind a row (Enter) and the jump from a
# person to their plan, the '#' bars in a locale that is not UTF-8, and an employee
# who gets no report.
. "$(dirname "$0")/../lib/tmux.sh"

db="$T_DIR/d.db"
"$KUP" --db "$db" demo >/dev/null 2>&1 || { not_ok "demo database"; t_done; exit; }

# numbers of the TSV rows, Danish style (decimal comma), one row a line
"$KUP" --lang da --db "$db" report coverage --year 2026 --format tsv > "$T_DIR/cov.tsv"
check "kup report coverage --format tsv exits 0" [ $? -eq 0 ]
check "... with a header and 12 rows and a total" [ "$(wc -l < "$T_DIR/cov.tsv")" -eq 14 ]
tail -n +2 "$T_DIR/cov.tsv" | cut -f3- | tr '\t.' ' ,' | sed 's/  */ /g; s/ $//' > "$T_DIR/cli.txt"

t_start "$KUP" --lang da --db "$db"
t_resize 100 60
check "the staff pane opens" t_wait "1 Medarbejdere"
check "the pane bar lists 4 Rapporter" t_wait "4 Rapporter"
t_keys 4
check "4 lists the reports, each with what it shows" t_wait "Årets mål pr. kompetenceområde"
t_settle "Årets mål pr. kompetenceområde"
check "... without running one (no figures yet)" sh -c "! tmux -S '$T_SOCK' capture-pane -p -t '$T_SESSION' | grep -q 'I alt'"
t_keys /; t_type "ECTS"; t_step "Søg: ECTS"
check "/ narrows the list of reports (ECTS: Metoder)" t_gone "Kompetencebalance"
check "... keeping the match" t_wait "Metoder"
t_keys Escape; t_step "Kompetencebalance"
# shrinking the window below the list's rows (a read past the shrunk row
# array once; the sanitizer build catches it) and back
t_resize 60 16
check "the list survives shrinking to 60x16" t_wait "Plandækning"
t_resize 100 60
check "... and growing back" t_wait "Budget, brugt og bundet pr. enhed"
t_keys Enter
check "Enter on the first shows plan coverage" t_wait "Plandækning 2026 · alle enheder"
t_settle "I alt" # the whole table, read next
# the list rows: from the header line to the total, the numbers after the group
t_screen | sed -n '/^Enhed /,/^I alt/{p;/^I alt/q;}' | tail -n +2 |
	sed 's/ *[▏▎▍▌▋▊▉█]*$//' |
	sed -E 's/^.*(Medarbejdere|Ledere|I alt) +//' | grep -oE '[0-9][0-9.,]*( +[0-9][0-9.,]*)*' |
	sed 's/  */ /g; s/,0\( \|$\)/\1/g' > "$T_DIR/pane.txt"
check "the pane shows the same figures as kup report, row by row" cmp -s "$T_DIR/cli.txt" "$T_DIR/pane.txt"
if ! cmp -s "$T_DIR/cli.txt" "$T_DIR/pane.txt"; then
	diff "$T_DIR/cli.txt" "$T_DIR/pane.txt" | sed 's/^/#   /'
fi
check "bars are drawn with block characters in a UTF-8 locale" t_wait "█"

t_keys s
check "s sorts by the first number column (people), largest first" t_wait "↓Personer"
t_settle "↓Personer"
first=$(t_screen | sed -n '/^Enhed /{n;p;}')
case "$first" in *"Skovbrynet Skole"*) ok "... Skovbrynet Skole's 11 staff first";; *) not_ok "... largest first (got: $first)";; esac
t_keys S
check "S reverses the order" t_wait "↑Personer"

t_keys r
check "r offers the reports" t_wait "Opfølgning"
t_type "Udgift"; t_step "Søg: Udgift"; t_keys Enter
check "the cost report is shown" t_wait "Udgifter 2026"
"$KUP" --lang da --db "$db" report cost --year 2026 > "$T_DIR/cost.txt"
total=$(grep '^I alt' "$T_DIR/cost.txt" | sed 's/  */ /g')
check "its total line is the one kup report prints ($total)" t_wait "$(echo "$total" | cut -d' ' -f3-4)"

t_keys r; t_step "Plandækning"
t_type "Plandæk"; t_step "Søg: Plandæk"; t_keys Enter
t_step "Plandækning 2026"
t_keys Enter
check "Enter shows the people behind the first row" t_wait "Bag tallene"
name=$(q "$db" "select s.name from staff s join unit u on u.id=s.unit_id where u.name='Børn & Unge'
	and s.active and not exists (select 1 from unit_leader l where l.staff_id=s.id and l.until is null)
	order by s.sort_key limit 1")
check "... the staff of Børn & Unge ($name)" t_wait "$name"
check "... those without a plan first" t_wait "ingen plan"
t_keys j Enter
check "Enter on a person with a plan jumps to the Planer pane" t_wait "MUS-dato"

# an employee gets no reports
emp=$(q "$db" "select login from staff where role='employee' and active limit 1")
t_start "$KUP" --lang da --db "$db" --as "$emp"
t_step "1 Medarbejdere"
t_keys 4
check "an employee sees the refusal instead of the reports" t_wait "Ikke tilladt"
t_settle "Ikke tilladt" # the key bar below it is drawn after it
check "... and is offered no Enter" sh -c "! tmux -S '$T_SOCK' capture-pane -p -t '$T_SESSION' | tail -1 | grep -q 'Enter Vis'"
"$KUP" --lang da --db "$db" --as "$emp" report coverage >/dev/null 2>"$T_DIR/err"
check "... and kup report refuses too" grep -q "Ikke tilladt" "$T_DIR/err"

# in a locale that is not UTF-8 the screen is ASCII and the bars '#' (no
# locale, C, is PuTTY's UTF-8: tests/e2e/charset.sh)
t_start env LANG=da_DK.ISO-8859-1 LC_ALL=da_DK.ISO-8859-1 "$KUP" --lang da --db "$db"
t_step "1 Medarbejdere"
t_keys 4
t_step "Plandaekning"
t_keys Enter
check "in an 8-bit locale the bars are #" t_wait "####"
t_keys q
t_done
