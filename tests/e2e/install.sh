#!/bin/sh
# End-to-end: replacing kup while it runs. `make install` writes the new
# program beside the old one and renames it over, so a kup someone is
# running goes on with its own file; an installed kup that `kup setup` made
# setgid stays setgid, with its group (otherwise every user of a shared
# server is shut out until setup is run again). `make` likewise renames the
# new ./kup and build/*/kup into place, so a running ./kup does not stop
# the build with "Text file busy". kup migrate, which an upgrade's install
# script runs, brings an older database to the new schema. Works on copies in a temporary directory:
# the repository and its build are not touched.
. "$(dirname "$0")/../lib/tmux.sh"

REPO=$(cd "$(dirname "$0")/../.." && pwd)
OBJ=$(cd "$(dirname "$KUP")" && pwd)
SAN=0
case "$OBJ" in */build/san) SAN=1 ;; esac
W="$T_DIR/w"
mkdir -p "$W/docs"
cp "$REPO/docs/kup.1" "$W/docs/"
cp "$KUP" "$W/kup"
"$KUP" --db "$T_DIR/k.db" init >/dev/null 2>&1 || not_ok "kup init for the running copy"

# ---- make install over a running, setgid kup ----
# The Makefile in another directory, with ./kup taken as it is (-o kup):
# only the install recipe runs.
inst() { make -s -C "$W" -f "$REPO/Makefile" -o kup install DESTDIR="$T_DIR/dest" PREFIX=/usr/local >"$T_DIR/inst.out" 2>&1; }
BIN="$T_DIR/dest/usr/local/bin/kup"
inst
check "make install DESTDIR=... installs kup, 0755" test "$(stat -c %a "$BIN" 2>/dev/null)" = 755
check "...and the man page" test -f "$T_DIR/dest/usr/local/share/man/man1/kup.1"

# The group setup gives the binary: one of the caller's own groups will do
# (as root: any group that exists), so the test needs no root.
G=$(id -g)
[ "$(id -u)" = 0 ] && G=$(getent group daemon >/dev/null && echo daemon || echo 1)
chgrp "$G" "$BIN" && chmod 2755 "$BIN"
want="2755 $(stat -c %G "$BIN")"
t_start "$BIN" --lang en --db "$T_DIR/k.db"
t_step "Requests 0" 10
before=$(stat -c %i "$BIN")
inst
rc=$?
check "make install over a running kup succeeds" test "$rc" = 0
[ "$rc" = 0 ] || sed 's/^/#   /' "$T_DIR/inst.out"
check "the new file replaced the old one (a rename, not a write into it)" test "$(stat -c %i "$BIN")" != "$before"
check "the installed kup stays setgid with its group ($want)" test "$(stat -c '%a %G' "$BIN")" = "$want"
check "make install says it kept setgid" grep -q "kept setgid" "$T_DIR/inst.out"
check "no temporary file is left" test ! -e "$T_DIR/dest/usr/local/bin/.kup.new"
t_keys 2
check "the running kup goes on (pane 2 opens)" t_wait "Goals" 5
t_keys q
check "...and quits normally" t_exited 5

# A plain (not setgid) kup is replaced by a plain one.
chmod 0755 "$BIN" && chgrp "$(id -g)" "$BIN"
inst
check "a kup that is not setgid stays 0755" test "$(stat -c %a "$BIN")" = 755

# ---- kup migrate: an upgrade's database ----
# A database one schema step behind: the schema's steps but the last.
last=$(grep -n '^-- step ' "$REPO/share/schema.sql" | tail -n 1)
n=${last#*:-- step }
head -n $((${last%%:*} - 1)) "$REPO/share/schema.sql" | sqlite3 "$T_DIR/old.db"
sqlite3 "$T_DIR/old.db" "PRAGMA user_version=$((n - 1)); PRAGMA application_id=$((0x6b757021))"
"$KUP" --lang en --db "$T_DIR/old.db" list staff >"$T_DIR/out" 2>&1
check "a read-only command refuses a database one step behind" grep -q "needs an upgrade" "$T_DIR/out"
"$KUP" --lang en --db "$T_DIR/old.db" migrate >"$T_DIR/out" 2>&1
rc=$?
check "kup migrate brings it to schema $n and says so" sh -c "test $rc = 0 &&
	grep -q 'is at schema $n, the one this kup uses' '$T_DIR/out' && test \$(sqlite3 '$T_DIR/old.db' 'PRAGMA user_version') = $n"
"$KUP" --lang en --db "$T_DIR/old.db" list staff >"$T_DIR/out" 2>&1
check "...after which the read-only commands work" test $? = 0
"$KUP" --lang en --db "$T_DIR/old.db" migrate now >"$T_DIR/out" 2>&1
check "kup migrate takes no arguments (exit status 2)" test $? = 2

# ---- make while ./kup and build/*/kup run ----
# A copy of the tree and of the objects (with their times, so only what
# was touched is rebuilt).
B=build/std
[ "$SAN" = 1 ] && B=build/san
S="$T_DIR/src"
mkdir -p "$S/build"
cp -Rp "$REPO/Makefile" "$REPO/src" "$REPO/share" "$REPO/docs" "$S/"
cp -Rp "$OBJ" "$S/$B"
touch -r "$S/src/deps.sh" "$S/build/.deps"
cp -p "$KUP" "$S/kup"
touch -r "$S/$B/kup" "$S/kup"
# the pane of the kup that quit above is used again (a new server so soon
# after the old one could race with its exit)
tmux -S "$T_SOCK" respawn-pane -k -t "$T_SESSION:0" "cd '$S' && ./kup --lang en --db '$T_DIR/k.db'"
t_step "Requests 0" 10
# The build's own program runs beside it, under a second tmux server (a
# second window makes tmux 3.3a with a manual window size crash).
T2="$T_DIR/tmux2.sock"
trap 'tmux -S "$T2" kill-server 2>/dev/null; t_cleanup' EXIT INT TERM
tmux -S "$T2" -f /dev/null new-session -d -s k2 -x 80 -y 24 "cd '$S' && $B/kup --lang en --db '$T_DIR/k.db'"
w1() { tmux -S "$T2" capture-pane -p -t k2 | grep -q "$1"; }
i=0; while ! w1 "Requests 0" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
check "$B/kup runs too" w1 "Requests 0"
touch "$S/src/main.c"
old=$(stat -c %i "$S/kup")
make -C "$S" SANITIZE=$SAN kup >"$T_DIR/make.out" 2>&1
rc=$?
check "make rebuilds while ./kup and $B/kup run" test "$rc" = 0
[ "$rc" = 0 ] || sed 's/^/#   /' "$T_DIR/make.out" | tail -15
check "make relinked the program" grep -q "main.c" "$T_DIR/make.out"
check "./kup is a new file, renamed into place" test "$(stat -c %i "$S/kup")" != "$old"
check "./kup runs" sh -c "'$S/kup' --version | grep -q '^kup '"
check "no temporary file is left" test ! -e "$S/kup.tmp" -a ! -e "$S/$B/kup.tmp"
t_keys 2
check "the running ./kup goes on" t_wait "Goals" 5
tmux -S "$T2" send-keys -t k2 2
i=0; while ! w1 "Goals" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
check "the running $B/kup goes on" w1 "Goals"
tmux -S "$T2" kill-server 2>/dev/null
t_done
