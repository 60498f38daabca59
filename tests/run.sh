#!/bin/sh
# Runs every test in tests/: unit programs, end-to-end and fault scripts.
# Each prints "ok - ..." / "not ok - ..." / "SKIP ..." lines; this counts them
# and ends with "N passed, N failed". Exit status 1 on any failure.
# Environment: KUP (binary under test), TESTBIN (unit test programs).
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${KUP:?KUP must name the kup binary}"
: "${TESTBIN:?TESTBIN must name the unit test directory}"
export KUP
out=$(mktemp -d "${TMPDIR:-/tmp}/kup-tests.XXXXXX")
trap 'rm -rf "$out"' EXIT INT TERM
pass=0
fail=0

run_one() { # name command...
	name=$1; shift
	log="$out/$(basename "$name").log"
	"$@" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	grep -E '^(not ok |SKIP|#)' "$log" | sed "s|^|$name: |"
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "$name: not ok - exited with status $rc"
		tail -n 15 "$log" | sed "s|^|$name:   |"
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && ! grep -q '^SKIP' "$log"; then
		echo "$name: not ok - ran no checks"
		f=1
	fi
	echo "$name: $p passed, $f failed"
	pass=$((pass + p))
	fail=$((fail + f))
}

for t in "$TESTBIN"/test_*; do
	[ -x "$t" ] && run_one "unit/$(basename "$t")" "$t"
done
for t in "$here"/lint/*.sh "$here"/e2e/*.sh "$here"/fault/*.sh; do
	[ -f "$t" ] && run_one "$(basename "$(dirname "$t")")/$(basename "$t")" sh "$t"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
