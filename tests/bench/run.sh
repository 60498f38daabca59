#!/bin/sh
# tests/bench/run.sh — `make bench`: times kup on generated
# municipalities of 1 000, 10 000 and 100 000 staff and writes the table to
# docs/performance.md (between its bench:begin/bench:end marks).
#
#   make bench                      everything (about 5 minutes, a first run
#                                   also generates the databases)
#   make bench CALLGRIND=CODE       one operation under callgrind at every
#                                   size: its instruction count
#   BENCH_SIZES="1000 10000"        other sizes (the table is not written
#                                   to docs/ then)
#   BENCH_ONLY=CODE,CODE            only these operations (nor then)
#
# The databases are cached in build/bench/ by size, schema version and the
# demo generator's checksum; every run works on fresh copies of them.
# Environment: KUP (the kup binary), BENCH (the benchmark program).
set -eu
: "${KUP:?KUP must name the kup binary}"
: "${BENCH:?BENCH must name the bench program}"
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
sizes=${BENCH_SIZES:-"1000 10000 100000"}
only=${BENCH_ONLY:-}
cg_op=${CALLGRIND:-}
cg_n=${BENCH_CALLGRIND_N:-10000}
dir=build/bench
mkdir -p "$dir"
# The generated history is relative to "today": keep it fixed.
export KUP_TODAY=2026-11-22
export LANGUAGE=da

schema=$(sed -n 's/^#define KUP_SCHEMA_VERSION \([0-9]*\).*/\1/p' src/db/db.h)
gen=$(cat src/db/db_demo.c share/schema.sql | cksum | cut -d' ' -f1)

database() { # n -> path of the cached database of n staff
	db="$dir/demo-s$schema-g$gen-n$1.db"
	if [ ! -f "$db" ]; then
		rm -f "$dir"/demo-*-n"$1".db "$dir"/demo-*-n"$1".db-*
		echo "bench: generating $1 staff ..." >&2
		t0=$(date +%s)
		"$KUP" --db "$db.tmp" demo --staff "$1" >/dev/null
		mv "$db.tmp" "$db"
		echo "bench: generated $1 staff in $(( $(date +%s) - t0 )) s" >&2
	fi
	echo "$db"
}

# Fresh working copies: kup's file and the twin that the bare writes go to.
copies() { # n
	src=$(database "$1")
	rm -f "$dir/work-n$1".db* "$dir/twin-n$1".db*
	cp "$src" "$dir/work-n$1.db"
	cp "$src" "$dir/twin-n$1.db"
}

ir_of() { # callgrind output file -> instructions
	sed -n 's/^summary: *\([0-9]*\).*/\1/p; s/^totals: *\([0-9]*\).*/\1/p' "$1" | head -n 1
}

if [ -n "$cg_op" ]; then
	for n in ${BENCH_SIZES:-"1000 10000 100000"}; do
		copies "$n"
		out="$dir/callgrind.$cg_op.n$n"
		valgrind --tool=callgrind --collect-atstart=no --toggle-collect=bench_measured \
			--callgrind-out-file="$out" \
			"$BENCH" op "$cg_op" --db "$dir/work-n$n.db" --twin "$dir/twin-n$n.db" --n "$n" \
			2>"$out.log" || { tail -n 20 "$out.log" >&2; exit 1; }
		echo "callgrind: $cg_op at $n staff: $(ir_of "$out") instructions ($out)"
	done
	rm -f "$dir"/work-n* "$dir"/twin-n*
	exit 0
fi

results="$dir/results.tsv"
cgfile="$dir/callgrind.tsv"
: >"$results"
: >"$cgfile"
started=$(date +%s)
load0=$(cut -d' ' -f1 /proc/loadavg)
for n in $sizes; do
	copies "$n"
	echo "bench: $n staff" >&2
	"$BENCH" run --db "$dir/work-n$n.db" --twin "$dir/twin-n$n.db" --n "$n" \
		--out "$results" ${only:+--only "$only"}
	[ -n "$only" ] && continue
	# Peak memory of the whole program, each use in a process of its own.
	w="$dir/work-n$n.db"
	"$BENCH" rss --out "$results" --n "$n" --code rss-session \
		--name "peak memory: the front end through every operation above" \
		-- "$BENCH" session --db "$w" --n "$n"
	"$BENCH" rss --out "$results" --n "$n" --code rss-list \
		--name "peak memory: kup list staff --format csv (every row)" \
		-- "$KUP" --db "$w" list staff --format csv
	file=$("$BENCH" importfile --db "$w" --n "$n")
	"$BENCH" rss --out "$results" --n "$n" --code rss-import \
		--name "peak memory: kup import staff (10 000 new people)" \
		-- "$KUP" --db "$w" import staff "$file"
	rm -f "$file"
done

# Instruction counts: every operation once at one size, in one valgrind
# process that dumps the counts after each measured call.
case " $sizes " in *" $cg_n "*)
	copies "$cg_n"
	echo "bench: callgrind at $cg_n staff" >&2
	rm -f "$dir"/cg.out*
	valgrind --tool=callgrind --collect-atstart=no --toggle-collect=bench_measured \
		--dump-after=bench_measured --callgrind-out-file="$dir/cg.out" \
		"$BENCH" op "${only:-all}" --db "$dir/work-n$cg_n.db" --twin "$dir/twin-n$cg_n.db" \
		--n "$cg_n" 2>"$dir/cg.log" || { tail -n 20 "$dir/cg.log" >&2; exit 1; }
	k=0
	for code in $(sed -n 's/^callgrind-op //p' "$dir/cg.log"); do
		k=$((k + 1))
		f="$dir/cg.out.$k"
		[ -f "$f" ] && echo "$code $cg_n $(ir_of "$f")" >>"$cgfile"
	done
esac
rm -f "$dir"/work-n* "$dir"/twin-n*

table="$dir/table.md"
"$BENCH" table "$results" "$cgfile" >"$table" || true
cat "$table"
elapsed=$(( $(date +%s) - started ))
echo "bench: $elapsed s (without generating databases)" >&2

[ "$sizes" = "1000 10000 100000" ] && [ -z "$only" ] || exit 0
doc=docs/performance.md
[ -f "$doc" ] || printf '# Performance\n\n<!-- bench:begin -->\n<!-- bench:end -->\n' >"$doc"
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
gen_s=$(mktemp)
{
	echo "<!-- bench:begin -->"
	echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) × $cpu, $mem memory,"
	echo "$(uname -sr), SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1), by"
	echo "\`make bench\` (that is, \`KUP=${KUP#"$root"/} BENCH=${BENCH#"$root"/} sh tests/bench/run.sh\`),"
	echo "in $elapsed s plus the generation of any database not yet cached; load average"
	echo "(1 minute) $load0 at the start and $(cut -d' ' -f1 /proc/loadavg) at the end."
	echo
	cat "$table"
	echo "<!-- bench:end -->"
} >"$gen_s"
awk -v gen="$gen_s" '
	/<!-- bench:begin -->/ { while ((getline l < gen) > 0) print l; skip = 1; next }
	/<!-- bench:end -->/ { skip = 0; next }
	!skip { print }' "$doc" >"$doc.new" && mv "$doc.new" "$doc"
rm -f "$gen_s"
echo "bench: wrote $doc" >&2
