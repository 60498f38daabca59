#!/bin/sh
# The benchmark behind `make bench` still builds and runs: its list of
# operations names every pane, and four operations (a first frame, a move,
# a save, a report) run through kup's code on a generated municipality of
# 1 000 staff and are timed. Figures are checked by `make bench`, not here.
# Environment: KUP, BENCH (the bench program).
. "$(dirname "$0")/../lib/tmux.sh"
: "${BENCH:?BENCH must name the bench program}"

list=$("$BENCH" list 2>&1)
check "bench list exits 0" [ $? -eq 0 ]
for code in frame-overview frame-staff frame-plans frame-activities frame-reports save-plan import-csv; do
	check "bench list names $code" sh -c "printf '%s\n' \"\$1\" | grep -q '^$code '" _ "$list"
done

db="$T_DIR/b.db"
"$KUP" --db "$db" demo --staff 1000 >/dev/null 2>&1
check "a municipality of 1 000 staff is generated" test -s "$db"
cp "$db" "$T_DIR/twin.db"
ops=frame-staff,row-staff,save-plan,report-coverage
"$BENCH" run --db "$db" --twin "$T_DIR/twin.db" --n 1000 --only "$ops" --out "$T_DIR/r.tsv" >/dev/null 2>"$T_DIR/err"
check "bench run of $ops exits 0" [ $? -eq 0 ]
for code in frame-staff row-staff save-plan report-coverage; do
	check "$code is timed" awk -F'\t' -v c="$code" '$1 == c && $4 > 0 && $5 > 0 { f = 1 } END { exit !f }' "$T_DIR/r.tsv"
done
t_done
