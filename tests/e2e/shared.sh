#!/bin/sh
# End-to-end, as root: the shared-server install. kup is built for a
# temporary prefix and installed there, `kup setup --shared` makes the group,
# the directory, the database (the demo organisation) and the system config
# and makes the binary setgid; Unix users made for the test (removed at the
# end) then run it with runuser inside tmux: the employee sees only herself
# and her plans, her leader his unit, the leader of another unit not her, the
# admin everyone; the file cannot be read past kup; --as, --db and KUP_DB
# are refused; TERMINFO is not opened; an export belongs to the user; an
# unknown login is turned away; and the audit names each change's login.
. "$(dirname "$0")/../lib/tmux.sh"

if [ "$(id -u)" != 0 ]; then
	echo "SKIP shared-server tests need root"
	exit 0
fi
for tool in useradd userdel groupdel runuser getent; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "SKIP shared-server tests need $tool"
		exit 0
	fi
done
# Shared mode refuses every KUP_ variable but KUP_CHARSET; the tests use
# the real date.
unset KUP_TODAY KUP_DB
REPO=$(cd "$(dirname "$0")/../.." && pwd)
R=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
GROUP="kupt$R"
EMP="kupe$R" LEAD="kupl$R" OTHER="kupo$R" ADMIN="kupa$R" NOBODY="kupn$R"
USERS="$EMP $LEAD $OTHER $ADMIN $NOBODY"
PREFIX="$T_DIR/prefix" DATA="$T_DIR/data" BIN="$T_DIR/prefix/bin/kup" DB="$T_DIR/data/kup.db"
Y=$(date +%Y)
NEXT=$((Y + 1))

# The test users' programs run without a controlling terminal (runuser
# starts them in a session of their own), so closing tmux does not end one
# left behind by a failed check: end them before the users go.
s_cleanup() {
	tmux -S "$T_SOCK" kill-server 2>/dev/null
	for u in $USERS; do
		getent passwd "$u" >/dev/null || continue
		pkill -KILL -u "$u" 2>/dev/null
		i=0
		while pgrep -u "$u" >/dev/null 2>&1 && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
		userdel -r "$u" >/dev/null 2>&1
	done
	getent group "$GROUP" >/dev/null && groupdel "$GROUP" >/dev/null 2>&1
	rm -rf "$T_DIR"
}
trap s_cleanup EXIT
trap 's_cleanup; exit 1' INT TERM HUP PIPE
chmod 755 "$T_DIR"
cd "$T_DIR" || exit 1

# ---- build for the temporary prefix: the config directory is compiled in ----
# The objects of the binary under test are reused; only secure.o (which
# holds the prefix) is built again, with the same sanitizer setting.
SAN=0
ldd "$KUP" 2>/dev/null | grep -q libasan && SAN=1
mkdir -p "$T_DIR/build" "$PREFIX/bin"
cp -p "$(dirname "$KUP")"/*.o "$(dirname "$KUP")"/*.a "$(dirname "$KUP")"/embed_*.c "$T_DIR/build/" 2>/dev/null
if ! make -s -C "$REPO" B="$T_DIR/build" SANITIZE=$SAN SYSCONFDIR="$PREFIX/etc" "$T_DIR/build/kup" \
	>"$T_DIR/build.log" 2>&1; then
	not_ok "kup builds for the temporary prefix"
	sed 's/^/#   /' "$T_DIR/build.log" | tail -20
	t_done
	exit
fi
install -m 0755 "$T_DIR/build/kup" "$BIN"
cp "$BIN" "$T_DIR/local-kup" && chmod 755 "$T_DIR/local-kup" # the same program, not setgid

for u in $USERS; do
	useradd -m -s /bin/sh -c "Test $u" "$u" || not_ok "useradd $u"
done
useradd_ok=1
for u in $USERS; do getent passwd "$u" >/dev/null || useradd_ok=0; done
check "the test users exist" test "$useradd_ok" = 1
chfn -f "Ada Admin" "$ADMIN" >/dev/null 2>&1

# as U KUP-ARGS...: kup as Unix user U (stdout and stderr to $T_DIR/out, err).
as() {
	u=$1; shift
	runuser -u "$u" -- "$BIN" "$@" >"$T_DIR/out" 2>"$T_DIR/err"
}

# ---- kup setup --shared ----
"$BIN" --lang en setup --shared "$DATA" --group "$GROUP" --admin "$ADMIN" --demo >"$T_DIR/setup.out" 2>&1
rc=$?
check "kup setup --shared succeeds" test "$rc" = 0
[ "$rc" = 0 ] || sed 's/^/#   /' "$T_DIR/setup.out"
check "setup created the group" sh -c "getent group '$GROUP' >/dev/null"
check "the directory is 2770 root:$GROUP" test "$(stat -c '%a %U %G' "$DATA")" = "2770 root $GROUP"
check "the database is 660 root:$GROUP" test "$(stat -c '%a %U %G' "$DB")" = "660 root $GROUP"
check "the binary is setgid $GROUP, 2755 root" test "$(stat -c '%a %U %G' "$BIN")" = "2755 root $GROUP"
check "the system config names the database" grep -qx "database = $DB" "$PREFIX/etc/kup.conf"
check "the config belongs to root, 644" test "$(stat -c '%a %U' "$PREFIX/etc/kup.conf")" = "644 root"
check "setup says what it did" grep -q "mode 2755 (setgid)" "$T_DIR/setup.out"
check "the admin is in the staff register" test "$(q "$DB" "select role || active from staff where login='$ADMIN'")" = admin1
echo "mail_from = Kompetence Børn og Unge <kup@kommune.example>" >>"$PREFIX/etc/kup.conf"
"$BIN" --lang en setup --shared "$DATA" --group "$GROUP" --admin "$ADMIN" >"$T_DIR/setup2.out" 2>&1
check "setup run again keeps the config's mail_from" \
	grep -qx "mail_from = Kompetence Børn og Unge <kup@kommune.example>" "$PREFIX/etc/kup.conf"
check "setup runs again and keeps the data" sh -c "grep -q 'database is kept' '$T_DIR/setup2.out' &&
	test \$(sqlite3 '$DB' 'select count(*) from staff') -gt 60"
# An upgrade by hand that lost the setgid bit, then the first setup command
# run again word for word (with --demo): it must finish the repair.
chgrp root "$BIN" && chmod 0755 "$BIN"
as "$EMP" --lang en list staff
check "a kup that lost setgid says it may not reach the database, not that there is none" sh -c "
	grep -q 'may not reach $DB (permission denied)' '$T_DIR/err' && grep -q 'kup setup --shared again' '$T_DIR/err' &&
	! grep -q 'No database' '$T_DIR/err'"
"$BIN" --lang en setup --shared "$DATA" --group "$GROUP" --admin "$ADMIN" --demo >"$T_DIR/setup3.out" 2>&1
rc=$?
check "setup run again with --demo finishes and keeps the data" sh -c "test $rc = 0 &&
	grep -q 'kept as it is, without the demo' '$T_DIR/setup3.out' && test \$(sqlite3 '$DB' 'select count(*) from staff') -gt 60"
[ "$rc" = 0 ] || sed 's/^/#   /' "$T_DIR/setup3.out"
check "...and makes the binary setgid again" test "$(stat -c '%a %U %G' "$BIN")" = "2755 root $GROUP"
runuser -u "$EMP" -- "$BIN" --lang en setup --shared "$DATA" --admin "$EMP" >"$T_DIR/out" 2>&1
check "setup refuses a user who is not root" grep -q "must be run as root" "$T_DIR/out"

# The demo's employee Lærke, her leader Søren (Indskoling), Henrik who leads
# Udskolingen, get the test users' logins.
q "$DB" "update staff set login='$EMP' where login='lae'; update staff set login='$LEAD' where login='sag';
	update staff set login='$OTHER' where login='hd'"
check "the test logins are registered" test "$(q "$DB" "select count(*) from staff where login like 'kup_$R'")" = 4

# ---- the file is out of reach, but kup works ----
runuser -u "$EMP" -- cat "$DB" >/dev/null 2>"$T_DIR/err"
check "cat on the database: permission denied" grep -q "Permission denied" "$T_DIR/err"
runuser -u "$EMP" -- sqlite3 "$DB" "select count(*) from staff" >"$T_DIR/out" 2>"$T_DIR/err"
check "sqlite3 on the database fails" sh -c "! grep -q '[0-9]' '$T_DIR/out' && grep -qi 'unable to open\|permission' '$T_DIR/err'"
runuser -u "$EMP" -- cp "$DB" "/home/$EMP/copy.db" 2>"$T_DIR/err"
check "cp of the database: permission denied" sh -c "grep -q 'Permission denied' '$T_DIR/err' && test ! -s '/home/$EMP/copy.db'"

as "$EMP" list staff
check "the employee lists staff through kup: only herself" sh -c "test \$(wc -l < '$T_DIR/out') = 2 &&
	grep -q 'Lærke Ærø' '$T_DIR/out'"
as "$EMP" list plans --year "$Y"
check "her plans: only hers" sh -c "test \$(tail -n +2 '$T_DIR/out' | grep -vc 'Lærke Ærø') = 0"
as "$LEAD" list staff
check "her leader lists his unit, and her" sh -c "grep -q 'Lærke Ærø' '$T_DIR/out' &&
	test \$(tail -n +2 '$T_DIR/out' | cut -f6 | sort -u) = Indskoling"
as "$OTHER" list staff
check "the leader of another unit does not list her" sh -c "! grep -q 'Lærke Ærø' '$T_DIR/out' &&
	grep -q 'Henrik Dybdahl' '$T_DIR/out'"
as "$OTHER" list plans --year "$Y"
check "nor her plans" sh -c "! grep -q 'Lærke Ærø' '$T_DIR/out'"
as "$ADMIN" list staff
check "the admin lists everyone" test "$(tail -n +2 "$T_DIR/out" | wc -l)" -gt 60

# ---- what the user controls is refused ----
as "$EMP" --lang en --as "$ADMIN" list staff
check "--as is refused in shared mode" sh -c "grep -q -- '--as cannot be used on a shared server' '$T_DIR/err' &&
	test ! -s '$T_DIR/out'"
as "$EMP" --lang en --db "/home/$EMP/x.db" list staff
check "--db is refused" grep -q -- "--db cannot be used on a shared server" "$T_DIR/err"
runuser -u "$EMP" -- env KUP_DB="/home/$EMP/x.db" "$BIN" --lang en list staff >"$T_DIR/out" 2>"$T_DIR/err"
check "KUP_DB is refused" sh -c "grep -q 'environment variable KUP_DB cannot be used' '$T_DIR/err' && test ! -s '$T_DIR/out'"
runuser -u "$EMP" -- env KUP_TODAY=2030-01-01 "$BIN" --lang en list staff >"$T_DIR/out" 2>"$T_DIR/err"
check "any other KUP_ variable too" grep -q "KUP_TODAY cannot be used" "$T_DIR/err"
"$BIN" --as "$EMP" list staff >"$T_DIR/out" 2>"$T_DIR/err"
check "root may look as her (--as), to help her" sh -c "test \$(wc -l < '$T_DIR/out') = 2 && grep -q 'Lærke Ærø' '$T_DIR/out'"
as "$NOBODY" --lang en list staff
rc=$?
check "an unknown login is turned away, naming the login and the admins" sh -c "test $rc = 1 &&
	grep -q \"The login '$NOBODY' is not registered in kup. Ask an administrator to register you:.*($ADMIN)\" '$T_DIR/err' &&
	test ! -s '$T_DIR/out'"
runuser -u "$EMP" -- env TERM='../../evil' "$BIN" --lang en list staff >"$T_DIR/out" 2>"$T_DIR/err"
# A sanitizer build's LeakSanitizer cannot follow a setgid (not dumpable)
# process and says so on stderr: those lines are the build's, not kup's.
no_err="! grep -v '^==[0-9]*==' '$T_DIR/err' | grep -q ."
check "a command says nothing about a strange TERM" sh -c "test -s '$T_DIR/out' && $no_err"
sed 's/^/# stderr: /' "$T_DIR/err"
# As her crontab runs it: an empty environment, no TERM.
runuser -u "$EMP" -- env -i "$BIN" due --employees --format tsv >"$T_DIR/out" 2>"$T_DIR/err"
check "kup due from cron's empty environment: her part, nothing on stderr" \
	sh -c "head -1 '$T_DIR/out' | grep -q '^login	name' && $no_err"
sed 's/^/# stderr: /' "$T_DIR/err"
t_start runuser -u "$EMP" -- env -u KUP_TODAY TERM='../../evil' "$BIN" --lang en
check "the front end draws a strange TERM as vt100" t_wait "1 Staff"
check "...and says so" t_wait "TERM is not a plain terminal name; using vt100."
t_keys q
check "...and q quits" t_exited
# KUP_CHARSET only chooses how the screen draws; PuTTY users of a shared
# server are the ones who may need it, so it is let through.
t_start runuser -u "$EMP" -- env -u KUP_TODAY KUP_CHARSET=ascii "$BIN" --lang en
check "KUP_CHARSET is let through on a shared server: her name in ASCII" t_wait "Laerke Aeroe"
t_keys q
check "...and q quits" t_exited

# ---- exports belong to the user and land only where the user may write ----
as "$ADMIN" --lang en list audit --out "/home/$ADMIN/audit.tsv"
check "the admin exports the audit to a file of her own" sh -c "test \"\$(stat -c '%U %G' '/home/$ADMIN/audit.tsv')\" = '$ADMIN $ADMIN' &&
	head -1 '/home/$ADMIN/audit.tsv' | grep -q '^id	at	login'"
as "$ADMIN" --lang en list staff --out "$DATA/leak.tsv"
check "an export into the database directory is refused" sh -c "grep -q 'Permission denied' '$T_DIR/err' && test ! -e '$DATA/leak.tsv'"
as "$EMP" --lang en list audit
check "the employee cannot list the audit" grep -q "Not allowed" "$T_DIR/err"

# ---- the terminal front end, as each of them ----
# s_start U [ENV...]: kup as U in the tmux session, on the staff pane.
s_start() {
	u=$1; shift
	t_start runuser -u "$u" -- env -u KUP_TODAY "$@" "$BIN"
	t_step "1 Medarbejdere"
	t_keys 1
}
# t_wait_re REGEX: like t_wait, for a basic regular expression.
t_wait_re() {
	i=0
	while [ $i -lt 100 ]; do
		t_screen | grep -q -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	t_screen | sed 's/^/#   | /'
	return 1
}
# joined_has TEXT: the screen, wrapped lines joined, holds TEXT.
joined_has() { tmux -S "$T_SOCK" capture-pane -J -p -t "$T_SESSION" | grep -qF -- "$1"; }

# (a shell around it shows the exit status and keeps the pane open)
t_start sh -c "runuser -u '$NOBODY' -- env -u KUP_TODAY '$BIN'; echo \"kup exited with status \$?\"; sleep 60"
check "the unknown login's kup ends with status 1" t_wait "kup exited with status 1"
check "after one clear line, naming whom to ask" joined_has \
	"Login '$NOBODY' er ikke registreret i kup. Bed en administrator om at registrere dig: Ada Admin ($ADMIN)"

s_start "$EMP"
check "the employee's kup opens" t_wait "Lærke Ærø (medarbejder)"
t_settle "p Aktiviteter" # the staff pane's key bar: the pane is drawn
check "her list holds only herself" sh -c "test \$(tmux -S '$T_SOCK' capture-pane -p -t '$T_SESSION' | sed -n '4,12p' | grep -c .) = 1"
check "her leader is not on it" sh -c "! tmux -S '$T_SOCK' capture-pane -p -t '$T_SESSION' | grep -q 'Søren Ågård'"
check "she is not offered n (new staff member)" sh -c "! tmux -S '$T_SOCK' capture-pane -p -t '$T_SESSION' | tail -1 | grep -q 'n Ny'"
pid=$(pgrep -u "$EMP" -x kup | head -1)
check "the running kup cannot dump core" sh -c "grep -q '^Max core file size *0 *0' /proc/$pid/limits"
check "and is not dumpable (its /proc files are root's)" test "$(stat -c %U "/proc/$pid/status" 2>/dev/null)" = root
t_keys q
check "the employee's kup quits" t_exited

s_start "$LEAD"
check "the leader's kup opens" t_wait "Søren Ågård (leder)"
check "he sees Lærke" t_wait "Lærke Ærø"
t_keys ']'
t_step "(leder) │ $NEXT"
t_keys /
t_type "Lærke"
t_step "Søg: Lærke"
t_keys Enter Enter
check "he may create her plan for next year" t_wait "Opret den?"
t_keys j
check "her plan opens, with m (edit the plan) offered" t_wait "m Plan"
t_keys m
check "m edits the plan" t_wait "Plan $NEXT for Lærke Ærø"
t_type "14-03-$NEXT"
t_keys C-s
check "the MUS date is saved" t_wait "Gemt."
t_keys Escape
t_step "1 Medarbejdere"
t_keys 2
check "the plans pane shows her new plan" t_wait "Lærke Ærø · plan $NEXT"
t_keys h
check "h shows the plan's history" t_wait "Hvornår "
check "newest first: his change of the MUS date, with his name and login" t_wait "Søren Ågård ($LEAD)"
check "naming the field" t_wait "ændret: MUS-dato"
t_keys q
check "the leader's kup quits" t_exited

s_start "$EMP"
t_step "Lærke Ærø (medarbejder)"
t_keys ']'
t_step "(medarbejder) │ $NEXT"
t_keys Enter
check "the employee opens her new draft plan: she is offered n (new goal)" t_wait "n Nyt mål"
t_settle "n Nyt mål"
check "but not m (the plan is her leader's)" sh -c "! tmux -S '$T_SOCK' capture-pane -p -t '$T_SESSION' | tail -1 | grep -q 'm Plan'"
t_keys n
t_step "Ctrl-S Gem" # the goal form (the key bar before it said "n Nyt mål")
t_type "Lede forældremøder med ro"; t_keys Tab Tab Tab
t_type "Faglig"; t_step "Søg: Faglig"; t_keys Enter
t_keys C-s
check "her goal is saved" t_wait "Lede forældremøder med ro"
t_keys h
check "h on her goal: created, by her" t_wait_re "Lærke Ærø ($EMP) *oprettet"
t_keys q
check "her kup quits" t_exited

# poll SECONDS SQL WANT: waits until the database gives WANT.
poll() {
	i=0
	while [ $i -lt $(($1 * 20)) ]; do
		[ "$(q "$DB" "$2")" = "$3" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
s_start "$LEAD"
t_step "Søren Ågård (leder)"
t_keys ']'
t_step "(leder) │ $NEXT"
t_keys /
t_type "Lærke"
t_step "Søg: Lærke"
t_keys Enter Enter
check "the leader opens the plan with her goal: A (agree) is offered" t_wait "A Aftal"
t_keys A
check "A asks first" t_wait "Aftal $NEXT-planen for Lærke Ærø med dens 1 mål?"
t_keys j
check "the plan is agreed, by him" poll 5 "select p.status || ':' || s.login from plan p join staff s on s.id = p.agreed_by
	join staff o on o.id = p.staff_id where o.login = '$EMP' and p.year = $NEXT" "agreed:$LEAD"
t_keys q
check "the leader's kup quits again" t_exited

s_start "$OTHER"
check "the other leader's kup opens" t_wait "Henrik Dybdahl (leder)"
t_keys /
t_type "Lærke"
check "he does not find Lærke" t_wait "Intet passer til filteret."
t_keys Escape
check "Esc ends the search" t_gone "Søg:"
t_keys 2
t_keys ']'
t_settle "(leder) │ $NEXT"
check "nor her plan" sh -c "! tmux -S '$T_SOCK' capture-pane -p -t '$T_SESSION' | grep -q 'Lærke'"
t_keys q
check "the other leader's kup quits" t_exited

s_start "$ADMIN"
check "the admin's kup opens" t_wait "(administrator)"
t_keys /
t_type "Lærke"
check "she finds Lærke" t_wait "Lærke Ærø"
t_keys Escape
check "... and Esc ends the search" t_gone "Søg:"
t_keys a
check "she has the admin list" t_wait "Kompetenceområder"
t_keys q
check "the admin's kup quits" t_exited

# ---- TERMINFO is never used by the setgid kup ----
# With strace: the file system calls show whether $TERMINFO is opened at all.
# Without: a terminfo entry there would write EVILTERMINFO on the screen.
# (T_NO_STRACE=1 tries the second way.) Each way, the same program not
# setgid, on her own file, shows that the check sees it when it happens.
EVIL="$T_DIR/evil"
mkdir -p "$EVIL"
own="/home/$EMP/own.db"
runuser -u "$EMP" -- "$T_DIR/local-kup" --db "$own" demo >/dev/null 2>&1
terminfo_check() { # label BIN-ARGS... : the TUI as $EMP with TERMINFO=$EVIL; 0 if it opened $EVIL
	label=$1; shift
	trace="$T_DIR/trace-$label"
	t_start strace -f -qq -e trace=file -o "$trace" runuser -u "$EMP" -- env -u KUP_TODAY TERMINFO="$EVIL" "$@"
	t_step "Lærke Ærø"
	t_keys q
	t_exited || not_ok "$label: kup did not end on q"
	# execve lines carry env's own arguments (TERMINFO=...): not an open
	grep -v execve "$trace" | grep -q "$EVIL"
}
shows_evil() { # BIN-ARGS... : the TUI as $EMP with TERM=xterm from $EVIL; 0 if EVILTERMINFO shows
	t_start runuser -u "$EMP" -- env -u KUP_TODAY TERM=xterm TERMINFO="$EVIL" "$@"
	t_settle "1 Medarbejdere"
	t_screen | grep -q EVILTERMINFO
	rc=$?
	t_keys q
	t_exited || not_ok "kup did not end on q"
	return $rc
}
if [ -z "${T_NO_STRACE:-}" ] && command -v strace >/dev/null 2>&1 && strace -f -qq -o /dev/null true 2>/dev/null; then
	terminfo_check local "$T_DIR/local-kup" --db "$own" --as lae
	check "control: kup on her own file (not setgid) does open \$TERMINFO" test $? = 0
	terminfo_check shared "$BIN"
	check "the setgid kup never opens \$TERMINFO" test $? != 0
	check "(and it did start)" grep -q "$DB" "$T_DIR/trace-shared"
elif command -v tic >/dev/null 2>&1; then
	printf 'xterm|evil,\n\tclear=\\E[H\\E[2JEVILTERMINFO, el=\\E[KEVIL, use=xterm-256color,\n' >"$T_DIR/evil.src"
	tic -o "$EVIL" "$T_DIR/evil.src" 2>/dev/null
	chmod -R a+rX "$EVIL"
	shows_evil "$T_DIR/local-kup" --db "$own" --as lae
	check "control: kup on her own file (not setgid) uses \$TERMINFO" test $? = 0
	shows_evil "$BIN"
	check "the setgid kup does not use \$TERMINFO" test $? != 0
else
	echo "SKIP TERMINFO check needs strace or tic"
fi

# ---- the audit names each change of this test with its login ----
audit() { q "$DB" "select count(*) from audit where $1"; }
check "audit: his new plan, by $LEAD" test "$(audit "login='$LEAD' and tbl='plan' and action='create'")" = 1
check "audit: his MUS date, by $LEAD" test "$(audit "login='$LEAD' and tbl='plan' and action='update'
	and json_extract(old,'\$.mus_date') is null and json_extract(new,'\$.mus_date')='$NEXT-03-14'")" = 1
check "audit: his agreement, by $LEAD" test "$(audit "login='$LEAD' and tbl='plan' and action='update'
	and json_extract(old,'\$.status')='draft' and json_extract(new,'\$.status')='agreed'")" = 1
check "audit: her goal, by $EMP" test "$(audit "login='$EMP' and tbl='goal' and action='create'")" = 1
check "audit: the admin record made by setup, by root" test "$(audit "login='root' and tbl='staff' and action='create'
	and json_extract(new,'\$.login')='$ADMIN'")" = 1
check "audit: nothing in the names of those who changed nothing" test "$(audit "login in ('$OTHER','$NOBODY','$ADMIN')")" = 0
as "$ADMIN" list audit
check "the admin's audit list shows them, newest first" sh -c "sed -n 2p '$T_DIR/out' | grep -q '	$LEAD	' &&
	grep -q '	$EMP	' '$T_DIR/out'"
t_done
