#!/bin/sh
# End-to-end: subject access. `kup privacy export` as an admin and as the
# person writes everything stored about them (valid JSON holding their
# plans, goals and follow-ups; Markdown; well-formed HTML) with mode 0600,
# to ~/kup-data-LOGIN.json by default; another employee and the person's
# leader are refused with the reason; and the person writes their own from
# the staff pane (x), where another's row is refused.
. "$(dirname "$0")/../lib/tmux.sh"
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
cd "$T_DIR" || exit 1
db="$T_DIR/d.db"
"$KUP" --db "$db" demo >/dev/null 2>&1 || { not_ok "demo database"; t_done; exit; }
run() { "$@" >"$T_DIR/out" 2>"$T_DIR/err"; rc=$?; }
json_ok() { python3 -m json.tool "$1" >/dev/null 2>&1; }
# the JSON's rows of table $2, counted
json_rows() {
	python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
print(sum(len(t["rows"]) for t in d["tables"] if t["table"] == sys.argv[2]))' "$1" "$2"
}
mode() { stat -c %a "$1"; }

run "$KUP" --lang en --db "$db" privacy export --login ag --out admin.json
check "an admin exports a person: exit 0" sh -c "test $rc = 0 && grep -q 'Wrote admin.json.' '$T_DIR/out'"
check "... valid JSON" json_ok admin.json
check "... mode 0600" [ "$(mode admin.json)" = 600 ]
AG="(select id from staff where login = 'ag')"
OWN_FU="(select f.id from followup f join participation p on p.id = f.participation_id where p.staff_id = $AG)"
for t in plan goal participation followup followup_colleague; do
	case $t in
	plan | participation) where="staff_id = $AG" ;;
	goal) where="plan_id in (select id from plan where staff_id = $AG)" ;;
	followup) where="id in $OWN_FU" ;;
	followup_colleague) where="staff_id = $AG or followup_id in $OWN_FU" ;;
	esac
	want=$(q "$db" "select count(*) from $t where $where")
	got=$(json_rows admin.json $t)
	check "... every $t row about her ($got of $want)" sh -c "[ '$got' = '$want' ] && [ '$want' -gt 0 ]"
done
check "... her evaluation text" grep -q "$(q "$db" "select substr(evaluation, 1, 30) from plan p join staff s on s.id = p.staff_id where s.login = 'ag' and evaluation <> '' limit 1")" admin.json

run "$KUP" --lang en --db "$db" --as ag privacy export --login ag --format md --out own.md
check "the person exports her own (Markdown)" sh -c "test $rc = 0 && grep -q '^# What kup stores about Amalie Grønbæk' '$T_DIR/own.md'"
check "... mode 0600" [ "$(mode own.md)" = 600 ]
HOME="$T_DIR" run "$KUP" --db "$db" --as ag privacy export --login ag
check "the default file is ~/kup-data-LOGIN.json" sh -c "test $rc = 0 && test -s '$T_DIR/kup-data-ag.json'"
check "... mode 0600" [ "$(mode kup-data-ag.json)" = 600 ]
run "$KUP" --db "$db" --as ag privacy export --login ag --format html --out own.html
if command -v xmllint >/dev/null 2>&1; then
	check "the HTML page is well-formed (xmllint)" xmllint --noout own.html
	check "... and HTML-valid for libxml2's HTML parser" xmllint --html --noout own.html
else
	echo "SKIP xmllint is not installed"
fi

run "$KUP" --lang en --db "$db" --as aha privacy export --login ag --out other.json
check "another employee is refused, with the reason" sh -c "test $rc = 1 && test ! -e '$T_DIR/other.json' &&
	grep -q 'Only an administrator may export what kup holds about someone else; you may export your own.' '$T_DIR/err'"
run "$KUP" --lang en --db "$db" --as ah privacy export --login ag --out leader.json
check "her leader too" sh -c "test $rc = 1 && test ! -e '$T_DIR/leader.json' && grep -q 'Only an administrator' '$T_DIR/err'"
run "$KUP" --lang en --db "$db" privacy export --login nosuch
check "an unknown login is an error" sh -c "test $rc = 1 && grep -q 'No staff member has the login nosuch' '$T_DIR/err'"
run "$KUP" --lang en --db "$db" privacy export --login ag --format pdf
check "a format it does not know is a usage error" [ $rc = 2 ]

# from the screen: x on her own row in the staff pane
t_start "$KUP" --lang da --db "$db" --as ag
t_keys 1
t_step "Amalie Grønbæk"
t_keys x
check "x on her own row asks where to write it" t_wait "Alt, hvad kup gemmer om Amalie Grønbæk"
t_keys C-u
t_type "$T_DIR/tui-data.html"
t_keys C-s
check "the file is written" t_wait "Skrev $T_DIR/tui-data.html"
check "... with her data, mode 0600" sh -c "grep -q 'Amalie Grønbæk' '$T_DIR/tui-data.html' && test \$(stat -c %a '$T_DIR/tui-data.html') = 600"
t_keys q
check "her kup quits" t_exited

# her leader, on her row: refused there too
t_start "$KUP" --lang da --db "$db" --as ah
t_keys 1
t_step "Amalie Grønbæk"
t_keys x
check "x on someone else's row says why not" t_wait "Kun dine egne data"
t_keys q
t_done
