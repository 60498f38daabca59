#!/bin/sh
# End-to-end: logins as a server joined to Active Directory gives them.
# HR's file names a person by their AD login in its own capitals; the
# import keeps it folded, as sssd gives it (jens.hansen@kommune.local);
# --as in other capitals is that person; the staff form shows the login
# whole; a login of 200 bytes is cut with "…" on the 80x24 detail, so the
# email beside it still shows; a login kup cannot keep is named by line.
. "$(dirname "$0")/../lib/tmux.sh"
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
cd "$T_DIR" || exit 1
db="$T_DIR/d.db"
"$KUP" --db "$db" demo >/dev/null 2>&1 || { not_ok "demo database"; t_done; exit 1; }
K() { "$KUP" --lang en --db "$db" "$@"; }

long=$(printf '%0186d' 0 | tr 0 x)@kommune.local # 200 bytes
printf 'login;lønnummer;navn;enhed;e-mail\nJens.Hansen@Kommune.Local;9101;Jens Hansen;Klubben;jens@kommune.dk\n%s;9102;Lang Login;Klubben;lang@kommune.dk\n' \
	"$long" > ad.csv
K import staff ad.csv > out 2>err
check "a file with AD logins imports ($(cat err))" [ $? -eq 0 ]
check "... the login is kept folded, as sssd gives it" \
	[ "$(q "$db" "select login from staff where emp_no = '9101'")" = "jens.hansen@kommune.local" ]
check "... and a 200-byte login whole" [ "$(q "$db" "select length(login) from staff where emp_no = '9102'")" = 200 ]

# the same person again in other capitals: an update, not a second person
printf 'login;navn;enhed;stilling\nJENS.HANSEN@KOMMUNE.LOCAL;Jens Hansen;Klubben;Pædagog\n' > again.csv
K import staff again.csv > out 2>err
check "the same login in capitals updates the person" \
	[ "$(q "$db" "select count(*) || '|' || group_concat(title) from staff where login like 'jens.hansen@%'")" = "1|Pædagog" ]

printf 'login;navn;enhed\na:b;Kolon Person;Klubben\n' > bad.csv
K import staff bad.csv > out 2>err
check "a login with ':' is refused" [ $? -ne 0 ]
check "... named by line and column" grep -qF "line 2, column 'login': Login may not hold ':'" out err

K --as JENS.HANSEN@KOMMUNE.LOCAL list staff > out 2>err
check "--as in other capitals is Jens ($(cat err))" [ $? -eq 0 ]
check "... who sees his own row, login as stored" grep -qF "jens.hansen@kommune.local" out
check "... and only that, as an employee" [ "$(grep -c . out)" -eq 2 ]
K list staff > out 2>&1
check "kup list staff prints the long login whole" grep -qF "$long" out

# the screen, as Jens (in capitals), then as the owner
t_start "$KUP" --lang en --db "$db" --as Jens.Hansen@KOMMUNE.local
check "kup opens as Jens" t_wait "Jens Hansen"
t_keys q
check "q leaves kup" t_exited

t_start "$KUP" --lang en --db "$db"
check "kup opens" t_wait "1 Staff"
t_keys 1 /
t_type "jens hansen"
t_step "Search: jens hansen"
check "Jens is found" t_wait "Jens Hansen"
t_keys Enter e
check "the staff form opens" t_wait "Edit staff member"
check "... and shows his login" t_wait "jens.hansen@kommune.local"
t_keys Escape
t_gone "Edit staff member" || not_ok "the form closes"
t_keys Escape
t_keys /
t_type "lang login"
t_step "Search: lang login"
t_keys Enter
check "the person with the long login is found" t_wait "Lang Login"
check "the detail cuts the long login with …" t_wait "xxxxx…"
check "... and the email beside it still shows" t_wait "lang@kommune.dk"
t_keys q
check "q leaves kup" t_exited
t_done
