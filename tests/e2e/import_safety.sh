#!/bin/sh
# End-to-end: what an import of staff may do by accident. One Windows-1252
# line in a UTF-8 file is read as such and named, the other lines stay
# UTF-8; an empty login cell keeps the stored login; a changed login or role
# is named in the dry run and the result; a role column may not demote the
# last active admin; deactivate-missing tells how many of how many and whom,
# and refuses more than half without --allow-mass-deactivation; on the
# screen the question before it says the count, and asks again for most.
. "$(dirname "$0")/../lib/tmux.sh"
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
cd "$T_DIR" || exit 1
db="$T_DIR/d.db"
"$KUP" --db "$db" demo >/dev/null 2>&1 || { not_ok "demo database"; t_done; exit 1; }
K() { "$KUP" --lang en --db "$db" "$@"; }

# one stray Windows-1252 line in a UTF-8 file
printf 'login;lønnummer;navn;enhed\nnaa;9001;Åse Østergård;Klubben\nnbb;9002;S\370ren Bl\345b\346r;Klubben\nncc;9003;Øjvind Ærø;Klubben\n' > mixed.csv
K import staff mixed.csv > out 2>err
check "a UTF-8 file with one Windows-1252 line imports" [ $? -eq 0 ]
check "... its UTF-8 lines stay UTF-8" [ "$(q "$db" "select group_concat(name, '|') from staff where login in ('naa','ncc') order by login")" = "Åse Østergård|Øjvind Ærø" ]
check "... the other line is read as Windows-1252" [ "$(q "$db" "select name from staff where login = 'nbb'")" = "Søren Blåbær" ]
check "... and named" grep -qF "line 3 is not UTF-8 like the rest of the file; it was read as Windows-1252." out

# HR's file without logins: matched by employee number, the login kept
printf 'login;lønnummer;navn;enhed;stilling\n;9001;Åse Østergård;;Pædagog\n' > nologin.csv
K import staff nologin.csv > out 2>err
check "a row with an empty login imports" [ $? -eq 0 ]
check "... the stored login is kept" [ "$(q "$db" "select login || '|' || title from staff where emp_no = '9001'")" = "naa|Pædagog" ]

# a new login and role are named, in the dry run and the result
printf 'login;lønnummer;navn;enhed;rolle\nnas;9001;Åse Østergård;Klubben;leder\n' > move.csv
K import staff move.csv --dry-run > out 2>err
check "the dry run names the login change" grep -qF "line 2: Åse Østergård: login naa → nas" out
check "... and the role change" grep -qF "line 2: Åse Østergård: role employee → leader" out
K import staff move.csv > out 2>err
check "the import names them too" grep -qF "line 2: Åse Østergård: login naa → nas" out
check "... and does it" [ "$(q "$db" "select login || '|' || role from staff where emp_no = '9001'")" = "nas|leader" ]

# the only admin demoted by a role column
admin=$(q "$db" "select login from staff where role = 'admin' and active")
aname=$(q "$db" "select name from staff where login = '$admin'")
printf 'login;navn;enhed;rolle\n%s;;;medarbejder\n' "$admin" > demote.csv
K import staff demote.csv > out 2>err
check "a file demoting the last active admin is refused" [ $? -eq 1 ]
check "... naming the line and why" grep -qF "line 2: $aname is the last active administrator" err
check "... she is still admin" [ "$(q "$db" "select role from staff where login = '$admin'")" = admin ]

# deactivate-missing with a file of a few
active=$(q "$db" "select count(*) from staff where active")
printf 'login;navn;enhed\n%s;;\nnas;;\nnbb;;\n' "$admin" > few.csv
gone=$((active - 3))
K import staff few.csv --deactivate-missing --dry-run > out 2>err
check "the dry run counts whom it deactivates, loudly" grep -q "^WARNING: deactivates $gone of $active active people, more than half: .* and $((gone - 5)) more. Is the file the full staff list?" out
K import staff few.csv --deactivate-missing > out 2>err
check "the real run is refused" [ $? -eq 1 ]
check "... saying how many of how many" grep -qF "would deactivate $gone of $active active people, more than half; nothing was imported." err
check "... and how to say it is meant" grep -qF -- "--allow-mass-deactivation" err
check "... nobody was deactivated" [ "$(q "$db" "select count(*) from staff where active")" = "$active" ]

# the same from the screen: the question says the count and asks again
t_start "$KUP" --lang en --db "$db"
t_step "1 Staff"
t_keys a
t_step "Competence areas"
t_keys i
t_step "Import from HR"
t_keys Tab
t_type "$T_DIR/few.csv"
t_keys Tab Space Tab Space C-s
check "the question says how many of how many" t_wait "deactivates $gone of $active active people"
t_keys y
check "... and asks again for more than half" t_wait "more than half of all active staff"
t_keys n
check "... no is nothing imported" t_wait "Nothing was imported"
t_keys Escape Escape q
check "nobody was deactivated from the screen" [ "$(q "$db" "select count(*) from staff where active")" = "$active" ]
t_done
