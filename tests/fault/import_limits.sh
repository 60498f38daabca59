#!/bin/sh
# Fault test: files no staff list looks like are refused quickly, in little
# memory, with a message naming the limit and the line: 20 MB of commas on
# one line, 60 MB of them, a header of 5 000 columns, a million short rows
# and a file past the size limit. Each runs under `ulimit -v` (128 MB) and
# `timeout`, so a reader that holds the whole file, or a cell per comma,
# fails here (before the limits, 20 MB of commas took 1.1 GB). A file of
# 50 000 real rows, the most allowed, still reads within the same bounds.
. "$(dirname "$0")/../lib/tmux.sh"
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
cd "$T_DIR" || exit 1
db="$T_DIR/d.db"
"$KUP" --db "$db" demo >/dev/null 2>&1 || { not_ok "demo database"; t_done; exit 1; }
# AddressSanitizer reserves terabytes of address space: no ulimit -v there
# (and it is slow: the file of real rows is a tenth there)
if ldd "$KUP" 2>/dev/null | grep -q asan; then limit=unlimited; many=5000; else limit=131072; many=50000; fi
before=$(q "$db" "select count(*) || ':' || max(version) from staff")

run() { # file: exit status in $rc, stderr in err
	( ulimit -v "$limit"; exec timeout 20 "$KUP" --lang en --db "$db" import staff "$1" --dry-run ) > out 2> err
	rc=$?
}

head -c 20000000 /dev/zero | tr '\0' ',' > commas20.csv
run commas20.csv
check "20 MB of commas on one line: refused (exit 1, not killed or out of memory)" [ "$rc" -eq 1 ]
check "... naming the line and the limit" grep -qF "line 1 is longer than 64 KiB" err

head -c 60000000 /dev/zero | tr '\0' ',' > commas60.csv
run commas60.csv
check "60 MB of commas: refused the same way" grep -qF "line 1 is longer than 64 KiB" err

awk 'BEGIN { for (i = 0; i < 5000; i++) printf ","; print ""; print "a" }' > wide.csv
run wide.csv
check "a header of 5001 columns: refused" [ "$rc" -eq 1 ]
check "... naming the limit" grep -qF "line 1: 5001 columns; kup reads at most 64." err

awk 'BEGIN { print "login,name,unit"; for (i = 0; i < 1000000; i++) print ",," }' > rows.csv
run rows.csv
check "a million rows: refused at the row limit" grep -qF "line 50002: more than 50000 rows; split the file." err

awk 'BEGIN { print "login,name,unit"; for (i = 0; i < 40000; i++) { printf "\""; for (k = 0; k < 900; k++) printf "x"; print "\",b,c" } }' > big.csv
run big.csv
check "a file past 32 MB: refused at the size limit" grep -qF "the file is larger than 32 MB" err

awk 'BEGIN { print "login,name,unit"; print "\"never closed,b,c"; for (i = 0; i < 2000; i++) print "more text of the same row, on and on and on" }' > quote.csv
run quote.csv
check "a quote never closed: refused at the row limit" grep -qF "line 1492: the row from line 2 is longer than 64 KiB (a quote never closed?)." err

awk -v n="$many" 'BEGIN { print "login,name,unit"; for (i = 0; i < n; i++) printf "u%d,Person %d,Klubben\n", i, i }' > many.csv
run many.csv
check "$many real rows read within the same memory" [ "$rc" -eq 0 ]
check "... as a dry run of $many additions" grep -q "would add $many, update 0" out

awk 'BEGIN { print "login,name,unit"; for (i = 0; i < 30000; i++) print "x,y" }' > short.csv
run short.csv
check "30 000 rows of the wrong width: refused" [ "$rc" -eq 1 ]
check "... listing 100 of them and counting the rest" [ "$(grep -c 'fields where the header has 3' err)" -eq 100 ]
check "... ... in a line of its own" grep -qF "... and 29900 more problems." err
check "... ... and the message counts all" grep -qF "30000 problem(s) in the file" err

check "the register is unchanged" [ "$(q "$db" "select count(*) || ':' || max(version) from staff")" = "$before" ]
t_done
