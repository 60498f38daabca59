#!/bin/sh
# Fault test: the files kup makes and the bad files it is given. Files with
# personal data are 0600; the child that reads an import holds no database
# descriptor (/proc/self/fd/N); --out on a full disk (a small tmpfs, as root)
# leaves the old file whole; a damaged file with a foreign -wal is refused
# without being changed; --db on a FIFO is refused at once and a writer
# blocked on a FIFO ends on a hang-up; LINES/COLUMNS cannot make kup take
# gigabytes; command output shows no control character from the database
# and TSV/CSV cells that start a formula get an apostrophe.
. "$(dirname "$0")/../lib/tmux.sh"
export LANG=C.UTF-8
unset KUP_DB
umask 022
cd "$T_DIR" || exit 1
db="$T_DIR/d.db"
"$KUP" --lang en --db "$db" demo >/dev/null || { not_ok "demo database"; t_done; exit 1; }

# ---- modes: personal data is the user's alone ----
"$KUP" --lang en --db "$T_DIR/e.db" init >/dev/null
check "kup init makes the database 0600" test "$(stat -c %a "$T_DIR/e.db")" = 600
check "kup demo makes the database 0600" test "$(stat -c %a "$db")" = 600
"$KUP" --lang en --db "$db" list staff --out "$T_DIR/staff.tsv" >/dev/null
check "an export (--out) is 0600" test "$(stat -c %a "$T_DIR/staff.tsv")" = 600
"$KUP" --lang en --db "$db" export plan --login lae --year 2026 --out "$T_DIR/plan.md" >/dev/null
check "a printed plan is 0600" test "$(stat -c %a "$T_DIR/plan.md")" = 600
echo old >"$T_DIR/old.tsv"
chmod 644 "$T_DIR/old.tsv"
"$KUP" --lang en --db "$db" list staff --out "$T_DIR/old.tsv" >/dev/null
check "an export over an old 0644 file is 0600 and whole" sh -c "test \$(stat -c %a '$T_DIR/old.tsv') = 600 &&
	cmp -s '$T_DIR/old.tsv' '$T_DIR/staff.tsv'"
"$KUP" --lang en --db "$db" backup "$T_DIR/b.db" >/dev/null
check "a backup is 0600" test "$(stat -c %a "$T_DIR/b.db")" = 600

# ---- the reading child holds no database descriptor ----
leak=""
n=3
while [ $n -le 24 ]; do
	timeout 5 "$KUP" --lang en --db "$db" import staff "/proc/self/fd/$n" --dry-run >/dev/null 2>"$T_DIR/err"
	grep -q "Cannot read /proc/self/fd/$n" "$T_DIR/err" || leak="$leak $n"
	n=$((n + 1))
done
check "an import of /proc/self/fd/N reads no descriptor of kup's (leaked:$leak)" test -z "$leak"

# ---- --out on a full disk keeps the old file ----
if [ "$(id -u)" = 0 ] && mkdir -p "$T_DIR/small" && mount -t tmpfs -o size=128k tmpfs "$T_DIR/small" 2>/dev/null; then
	"$KUP" --lang en --db "$db" list staff --out "$T_DIR/small/staff.tsv" >/dev/null
	cp "$T_DIR/small/staff.tsv" "$T_DIR/staff.before"
	dd if=/dev/zero of="$T_DIR/small/fill" bs=4k 2>/dev/null
	"$KUP" --lang en --db "$db" list audit --out "$T_DIR/small/staff.tsv" >/dev/null 2>"$T_DIR/err"
	rc=$?
	check "--out on a full disk fails, saying so" sh -c "test $rc = 1 && grep -q 'No space left' '$T_DIR/err'"
	check "... and the old file is whole" cmp -s "$T_DIR/small/staff.tsv" "$T_DIR/staff.before"
	check "... and no temporary file is left" test "$(ls -A "$T_DIR/small" | wc -l)" = 2
	umount "$T_DIR/small"
else
	echo "SKIP the full-disk check needs root (mount -t tmpfs)"
fi

# ---- a damaged file with a foreign -wal is refused without a change ----
big="$T_DIR/big.db"
cp "$db" "$big"
sqlite3 "$big" "create table filler(b); insert into filler select randomblob(4000) from generate_series(1, 1300)"
sqlite3 "$T_DIR/other.db" "pragma journal_mode=wal" >/dev/null
sqlite3 -cmd ".dbconfig no_ckpt_on_close on" "$T_DIR/other.db" \
	"create table t(x); insert into t select randomblob(3000) from generate_series(1, 300)" >/dev/null
cp "$T_DIR/other.db-wal" "$big-wal"
check "(the file is over 4 MiB, the -wal foreign)" sh -c "test \$(stat -c %s '$big') -gt 4194304 && test -s '$big-wal'"
sum=$(sha256sum <"$big")
printf 'login;name\n' >"$T_DIR/none.csv"
"$KUP" --lang en --db "$big" import staff "$T_DIR/none.csv" --dry-run >/dev/null 2>"$T_DIR/err"
rc=$?
check "kup refuses it" sh -c "test $rc = 1 && grep -q 'not a kup database\|damaged' '$T_DIR/err'"
check "... and the file's bytes are unchanged" test "$(sha256sum <"$big")" = "$sum"
rm -f "$big-wal" "$big-shm"
check "the way back: without the -wal it opens again" sh -c "'$KUP' --db '$big' list staff | grep -q 'Lærke'"

# ---- FIFOs ----
mkfifo "$T_DIR/fifo.db"
timeout 10 "$KUP" --lang en --db "$T_DIR/fifo.db" list staff >/dev/null 2>"$T_DIR/err"
rc=$?
check "--db on a FIFO is refused at once" sh -c "test $rc = 1 && grep -q 'not a regular file' '$T_DIR/err'"
mkfifo "$T_DIR/fifo.out"
"$KUP" --lang en --db "$db" list staff --out "$T_DIR/fifo.out" >/dev/null 2>&1 &
pid=$!
i=0
while [ -z "$(pgrep -P $pid)" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
child=$(pgrep -P $pid)
check "(the writer waits on the FIFO nobody reads)" test -n "$child"
kill -HUP $pid
i=0
while { kill -0 $pid 2>/dev/null || { [ -n "$child" ] && kill -0 "$child" 2>/dev/null; }; } && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
check "a hang-up ends kup and its writer" sh -c "! kill -0 $pid 2>/dev/null && ! kill -0 ${child:-$pid} 2>/dev/null"
[ -n "$child" ] && kill -KILL "$child" 2>/dev/null
wait $pid 2>/dev/null
check "no temporary file is left beside the FIFO" test -z "$(ls -A "$T_DIR" | grep kup-)"

# ---- the size the environment claims is bounded ----
t_start env LINES=5000 COLUMNS=5000 "$KUP" --lang en --db "$db"
t_step "1 Staff"
pid=$(tmux -S "$T_SOCK" list-panes -t "$T_SESSION" -F '#{pane_pid}')
hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
check "LINES=5000 COLUMNS=5000: kup takes under 200 MB (took ${hwm} kB)" test "${hwm:-999999999}" -lt 204800
t_keys q
check "kup ends on q" t_exited

# ---- control characters and formulas ----
q "$db" "update staff set name = 'Evil' || char(27) || ']0;owned' || char(7) || char(27) || '[2J' || char(155) || 'x' where login = 'lae';
	update staff set title = '=HYPERLINK(\"http://x\")' where login = 'sag';
	update staff set title = char(9) || '=1+1' where login = 'hd'"
"$KUP" --lang en --db "$db" list staff >"$T_DIR/out"
check "list shows no escape, BEL or C1 control from a name" sh -c "! LC_ALL=C grep -q \"\$(printf '[\\033\\007]')\" '$T_DIR/out' &&
	! LC_ALL=C grep -q \"\$(printf '\\302\\233')\" '$T_DIR/out'"
check "... but a visible U+FFFD in its place" grep -q "Evil�\]0;owned��\[2J�x" "$T_DIR/out"
check "a TSV cell starting a formula gets an apostrophe" grep -q "	'=HYPERLINK" "$T_DIR/out"
"$KUP" --lang en --db "$db" list staff --format csv --out "$T_DIR/staff.csv"
check "a CSV cell starting with a tab gets one too" grep -q "\"'	=1+1\"" "$T_DIR/staff.csv"
check "the CSV file holds no escape either" sh -c "! LC_ALL=C grep -q \"\$(printf '\\033')\" '$T_DIR/staff.csv'"
t_done
