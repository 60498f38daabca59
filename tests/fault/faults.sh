#!/bin/sh
# Fault test: faults give clear messages and lose nothing. A damaged file is
# refused at start (quick_check) with the way back from a backup, in the
# terminal and on the command line; damage in a file too large for the check
# at start is named when it is met; a list written to a full disk
# (/dev/full) fails saying so; a read-only file or directory opens read-only
# with a notice and saving says why; kup backup makes a checked copy, never
# overwrites, and kup check gives one verdict line and its exit status.
. "$(dirname "$0")/../lib/tmux.sh"
q() { sqlite3 -batch -noheader -cmd '.timeout 5000' "$1" "$2"; }
cd "$T_DIR" || exit 1
"$KUP" --db demo.db demo >/dev/null || { not_ok "demo database"; t_done; exit 1; }
run() { "$@" >out 2>err; rc=$?; }
# t_run CMD...: in tmux, staying on screen after kup ends ("kup ended: STATUS")
t_run() { t_start sh -c '"$@"; echo "kup ended: $?"; sleep 60' sh "$@"; }
scribble() { # file page: an impossible page type at the head of that page
	printf 'ZZZZ' | dd of="$1" bs=1 seek=$((($2 - 1) * $(q "$1" 'pragma page_size'))) conv=notrunc 2>/dev/null
}

# ---- a damaged file, found at start ----
cp demo.db bad.db
scribble bad.db $(($(q bad.db 'pragma page_count') / 2))
run "$KUP" --lang en --db bad.db list staff
check "list on a damaged file: exit 1, nothing on stdout" test "$rc" -eq 1 -a ! -s out
check "... one line naming the file, the damage and the way back" \
	grep -q "^kup: bad.db is damaged, so kup will not open it (.*). Restore it from a backup.*kup backup" err
t_run "$KUP" --lang en --db bad.db
check "the terminal front end refuses it too, saying how to restore" t_wait "Restore it from a backup"
check "... and ends with status 1" t_wait "kup ended: 1"
run "$KUP" --lang en --db bad.db check
check "kup check still reads it: exit 1, one line on stdout" test "$rc" -eq 1 -a "$(wc -l <out)" -eq 1
check "... beginning 'damaged:'" grep -q "^damaged: " out
check "the damaged file was not changed into something else" test "$(q bad.db 'pragma user_version')" -gt 0

# ---- damage in a file too large for the check at start ----
"$KUP" --db big.db demo --staff 800 >/dev/null
cp big.db bigbad.db
unit_root=$(q bigbad.db "select rootpage from sqlite_schema where name = 'unit'")
scribble bigbad.db "$unit_root"
run "$KUP" --lang en --db bigbad.db list staff
check "a large damaged file: the damage is named when met (exit 1)" \
	test "$rc" -eq 1 -a -n "$(grep 'kup: The database file is damaged; restore it from a backup' err)"
check "... never as SQLite's own words" test -z "$(grep -i 'malformed' err)"

# ---- a full disk ----
run "$KUP" --lang en --db demo.db list staff
rows=$(wc -l <out)
if [ -w /dev/full ]; then
	"$KUP" --lang en --db demo.db list staff >/dev/full 2>err
	rc=$?
	check "kup list > /dev/full: exit 1" test "$rc" -eq 1
	check "... saying the disk is full" grep -q "^kup: Cannot write the output: the disk is full.$" err
	"$KUP" --db demo.db list staff >/dev/full 2>err
	check "... in Danish too" grep -q "disken er fuld" err
else
	echo "SKIP /dev/full is not writable here"
fi
check "(the same list to a file has $rows lines)" test "$rows" -gt 1

# ---- read-only file or directory ----
# As root, the read-only cases run as nobody, owning the files (root may
# write anywhere; on their own file a person is its admin).
AS=""
own() { :; }
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null && AS="setpriv --reuid=65534 --regid=65534 --clear-groups --"
	chmod 755 "$T_DIR"
	own() { chown 65534:65534 "$@"; }
fi
if [ "$(id -u)" = 0 ] && [ -z "$AS" ]; then
	echo "SKIP read-only file and directory: root may write anywhere, and there is no setpriv"
else
	cp demo.db ro.db
	own ro.db
	chmod 444 ro.db
	# shellcheck disable=SC2086 # AS is words
	t_run $AS "$KUP" --lang en --db ro.db
	check "a read-only file opens, with READ-ONLY in the top line" t_wait "READ-ONLY"
	t_keys 1
	t_step "1 Staff"
	t_keys e
	t_step "Edit staff member"
	t_keys C-e
	t_type " Retter"
	t_keys C-s
	check "saving says why it cannot" t_wait "you may not write to ro.db"
	check "... and the form stays open with the text" t_wait " Retter"
	t_esc; t_keys y q
	check "... and kup quits" t_wait "kup ended: 0"
	mkdir rodir
	cp demo.db rodir/x.db
	own rodir/x.db
	chmod 644 rodir/x.db
	chmod 555 rodir
	# shellcheck disable=SC2086
	t_run $AS "$KUP" --lang en --db rodir/x.db
	check "a writable file in a read-only directory opens read-only too" t_wait "READ-ONLY"
	t_keys 1
	t_step "1 Staff"
	t_keys e C-s
	check "... and saving names the directory" t_wait "you may not create files in rodir"
	t_esc; t_keys q
	check "... and kup quits there too" t_wait "kup ended: 0"
	chmod 755 rodir
	check "neither file was changed" test "$(q ro.db 'select count(*) from staff')" = "$(q demo.db 'select count(*) from staff')"
fi

# ---- backup and check ----
run "$KUP" --lang en --db demo.db backup copy.db
check "kup backup: exit 0 with one verdict line" \
	test "$rc" -eq 0 -a "$(wc -l <out)" -eq 1 -a -n "$(grep '^Backed up demo.db to copy.db (.* pages); the copy passed' out)"
check "... the copy is sound and has the data" \
	test "$(q copy.db 'pragma integrity_check')" = ok -a "$(q copy.db 'select count(*) from staff')" = "$(q demo.db 'select count(*) from staff')"
check "... and only its owner may read it" test "$(stat -c %a copy.db)" = 600
cp copy.db copy.before
run "$KUP" --lang en --db demo.db backup copy.db
check "a backup never overwrites: exit 1, saying so" test "$rc" -eq 1 -a -n "$(grep 'already exists; kup backup never overwrites' err)"
check "... and the file is untouched" cmp -s copy.db copy.before
run "$KUP" --db demo.db backup
check "backup without a file: usage error (exit 2)" test "$rc" -eq 2
run "$KUP" --lang en --db demo.db backup nosuchdir/x.db
check "backup into a missing directory: exit 1 naming it" test "$rc" -eq 1 -a -n "$(grep 'nosuchdir/x.db' err)"
check "... leaving nothing behind" test ! -e nosuchdir
run "$KUP" --lang en --db bad.db backup fromdamaged.db
check "a damaged database is not backed up (exit 1)" test "$rc" -eq 1 -a ! -e fromdamaged.db
run "$KUP" --lang en --db demo.db check
check "kup check on a sound file: exit 0, one line 'ok: ...'" test "$rc" -eq 0 -a "$(cat out)" = "ok: integrity and references are sound"
t_done
