#!/bin/sh
# tests/e2e/cli.sh — the kup command line without the front end: exit
# statuses, usage errors, init/demo/list/check, languages, $KUP_DB, and that
# a file which is not ours is refused and never changed. Counts are checked
# against what the sqlite3 shell reads from the same file.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/tmux.sh"

# Danish by default (a server with only C.UTF-8); nothing from the caller.
LANG=C.UTF-8
export LANG
unset LANGUAGE LC_ALL LC_MESSAGES KUP_DB
# kup's default database is ./kup.db: work where a stray one cannot hurt.
cd "$T_DIR" || exit 1
D=$T_DIR
TAB=$(printf '\t')

# run CMD... : stdout in $D/out, stderr in $D/err, status in $rc
run() { "$@" >"$D/out" 2>"$D/err"; rc=$?; }
lines() { wc -l < "$1" | tr -d ' '; }
# fingerprint FILE: content checksum, size and modification time (ns)
fingerprint() { printf '%s %s\n' "$(cksum < "$1")" "$(stat -c '%s %y' "$1")"; }
# untouched FILE COPY FP: same bytes as the copy, same size and mtime, no
# -wal/-shm/-journal left beside it
untouched() {
	cmp -s "$1" "$2" && [ "$(fingerprint "$1")" = "$3" ] &&
		[ ! -e "$1-wal" ] && [ ! -e "$1-shm" ] && [ ! -e "$1-journal" ]
}
# holds 'SHELL CONDITION' : for check, when a condition has several parts
holds() { eval "$1"; }
# rows FILE : data lines under the header
rows() { echo $(($(lines "$1") - 1)); }

# ---- version, help, usage errors ----
run "$KUP" --version
check "--version exits 0" [ "$rc" -eq 0 ]
check "--version prints 'kup VERSION'" grep -q '^kup [0-9]' "$D/out"

run "$KUP" --help
check "--help exits 0" [ "$rc" -eq 0 ]
check "--help shows the usage on stdout (Danish by default)" grep -q '^brug: kup \[--db' "$D/out"
check "--help lists the commands" grep -q 'list staff|plans' "$D/out"
check "--help writes nothing to stderr" [ ! -s "$D/err" ]
run "$KUP" --lang en --help
check "--lang en --help: the usage in English" grep -q '^usage: kup \[--db FILE\]' "$D/out"

run "$KUP" --db never.db frobnicate
check "an unknown command exits 2" [ "$rc" -eq 2 ]
check "... with a one-line error naming it on stderr" \
	[ "$(head -n 1 "$D/err")" = "kup: ukendt kommando frobnicate" ]
check "... followed by the usage on stderr" holds 'sed -n 2p "$D/err" | grep -q "^brug: kup"'
check "... and nothing on stdout" [ ! -s "$D/out" ]
check "... and no database was created" [ ! -e never.db ]

run "$KUP" --frobnicate list staff
check "an unknown option exits 2" [ "$rc" -eq 2 ]
check "... naming the option" grep -q '^kup: ukendt tilvalg --frobnicate$' "$D/err"
run "$KUP" --lang en --frobnicate
check "... in English with --lang en" grep -q '^kup: unknown option --frobnicate$' "$D/err"

run "$KUP" --lang xx --db never.db list staff
check "--lang xx exits 2" [ "$rc" -eq 2 ]
check "... saying what --lang takes" grep -q -- '--lang tager da eller en, ikke xx' "$D/err"
run "$KUP" --db
check "--db without a value exits 2" [ "$rc" -eq 2 ]

# The usage is made from the command table: every command is in it, and a
# usage error shows the same text as --help.
run "$KUP" --lang en --help
cp "$D/out" help.txt
for cmd in init demo list check due report export import setup backup; do
	check "--help shows the command $cmd" grep -q "^  $cmd\( \|$\)" help.txt
done
check "--help shows --version and --help" grep -q '^  --version, --help$' help.txt
run "$KUP" --lang en --db never.db init extra
check "a command's usage error exits 2" [ "$rc" -eq 2 ]
check "... with its message first" [ "$(head -n 1 "$D/err")" = "kup: init takes no arguments, not extra" ]
check "... then the usage, the same as --help" holds 'sed 1d "$D/err" | cmp -s - help.txt'
check "... and no database was created" [ ! -e never.db ]

# ---- init ----
run "$KUP" --db new.db init
check "init exits 0" [ "$rc" -eq 0 ]
check "init says where it created the database" grep -q 'new.db' "$D/out"
steps=$(grep -c '^-- step ' "$here/../../share/schema.sql")
check "init made a kup database (user_version $steps, kup's application_id)" \
	[ "$(q new.db 'pragma user_version'; q new.db 'pragma application_id')" = "$steps
$((0x6b757021))" ]
check "init: the four competence areas and no staff" \
	[ "$(q new.db 'select count(*) from competence_area'):$(q new.db 'select count(*) from staff')" = "4:0" ]
cp -p new.db new.copy
fp=$(fingerprint new.db)
run "$KUP" --db new.db init
check "a second init on the same path exits 1" [ "$rc" -eq 1 ]
check "... saying it will not overwrite new.db" grep -q 'new.db' "$D/err"
check "... and the file is byte-identical, same size and mtime" untouched new.db new.copy "$fp"
run "$KUP" --db new.db init extra
check "init with an argument is a usage error (2)" [ "$rc" -eq 2 ]

# ---- demo and lists ----
run "$KUP" --db demo.db demo
check "demo exits 0" [ "$rc" -eq 0 ]
check "demo: integrity_check and foreign_key_check print only ok" \
	[ "$(sqlite3 demo.db 'pragma integrity_check; pragma foreign_key_check')" = "ok" ]
cp -p demo.db demo.copy
fp=$(fingerprint demo.db)
run "$KUP" --db demo.db demo
check "demo over an existing database exits 1" [ "$rc" -eq 1 ]
check "... and leaves it byte-identical" cmp -s demo.db demo.copy

staff_n=$(q demo.db 'select count(*) from staff')
run "$KUP" --db demo.db list staff
check "list staff exits 0" [ "$rc" -eq 0 ]
check "list staff in Danish: the header line names the columns as the forms do" [ "$(head -n 1 "$D/out")" = \
	"$(printf 'id\tLogin\tMedarbejdernummer\tNavn\tInitialer\tEnhed\tFaggruppe\tRolle\tTitel\tE-mail\tAnsat fra\tAnsat til\tAktiv')" ]
run "$KUP" --lang en --db demo.db list staff
check "list staff --lang en: the header line of codes scripts read" [ "$(head -n 1 "$D/out")" = \
	"$(printf 'id\tlogin\temp_no\tname\tinitials\tunit\tprofession\trole\ttitle\temail\temployed_from\temployed_to\tactive')" ]
check "list staff: 60 staff, active and inactive, as sqlite3 counts ($staff_n)" \
	holds '[ "$(rows "$D/out")" -eq 60 ] && [ "$staff_n" -eq 60 ]'
check "list staff: every row has 13 fields" holds '[ -z "$(awk -F"$TAB" "NF != 13" "$D/out")" ]'
check "list staff: Danish order (Åse Østergård last, Lærke Ærø right after Louise Thorsø)" \
	holds '[ "$(tail -n 1 "$D/out" | cut -f4)" = "Åse Østergård" ] &&
	       cut -f4 "$D/out" | grep -A1 -x "Louise Thorsø" | tail -n 1 | grep -qx "Lærke Ærø"'
check "list staff: each id once" [ "$(tail -n +2 "$D/out" | cut -f1 | sort -u | wc -l)" -eq 60 ]

plans_n=$(q demo.db 'select count(*) from plan where year = 2026')
run "$KUP" --lang en --db demo.db list plans --year 2026
check "list plans --year 2026 exits 0" [ "$rc" -eq 0 ]
check "list plans: header 'id<TAB>name<TAB>unit<TAB>year...'" grep -q "^id${TAB}name${TAB}unit${TAB}year${TAB}status" "$D/out"
check "list plans --year 2026: $plans_n rows, as sqlite3 counts" \
	holds '[ "$(rows "$D/out")" -eq "$plans_n" ] && [ "$plans_n" -gt 0 ]'
check "list plans --year 2026: every row is of 2026" \
	holds '[ -z "$(tail -n +2 "$D/out" | cut -f4 | grep -v -x 2026)" ]'
cp "$D/out" plans2026
run "$KUP" --lang en --db demo.db list plans
check "list plans without --year is this year (KUP_TODAY $KUP_TODAY)" cmp -s "$D/out" plans2026
run "$KUP" --db demo.db list plans --year 2025
check "list plans --year 2025: as sqlite3 counts" \
	[ "$(rows "$D/out")" -eq "$(q demo.db 'select count(*) from plan where year = 2025')" ]

sub_n=$(q demo.db "with recursive sub(id) as (select id from unit where name = 'Ungdomshuset Østerå'
	union select u.id from unit u join sub on u.parent_id = sub.id)
	select count(*) from staff where unit_id in sub")
run "$KUP" --db demo.db list staff --unit 'Ungdomshuset Østerå'
check "list staff --unit 'Ungdomshuset Østerå' exits 0" [ "$rc" -eq 0 ]
check "--unit narrows to the unit and those below: $sub_n rows, as a recursive CTE counts" \
	holds '[ "$(rows "$D/out")" -eq "$sub_n" ] && [ "$sub_n" -gt 0 ] && [ "$sub_n" -lt 60 ]'
check "--unit: every row is in Ungdomshuset Østerå, Klubben or Ung-vejledning" \
	holds '[ -z "$(tail -n +2 "$D/out" | cut -f6 | grep -v -x -e "Ungdomshuset Østerå" -e Klubben -e Ung-vejledning)" ]'
run "$KUP" --db demo.db list plans --unit 'Ungdomshuset Østerå' --year 2026
check "list plans --unit: as sqlite3 counts" [ "$(rows "$D/out")" -eq \
	"$(q demo.db "with recursive sub(id) as (select id from unit where name = 'Ungdomshuset Østerå'
		union select u.id from unit u join sub on u.parent_id = sub.id)
		select count(*) from plan p join staff s on s.id = p.staff_id where p.year = 2026 and s.unit_id in sub")" ]
run "$KUP" --db demo.db list staff --unit Narnia
check "an unknown unit exits 1" [ "$rc" -eq 1 ]
check "... with a message naming it" grep -q "^kup: Der findes ingen enhed med navnet 'Narnia'.$" "$D/err"
check "... and no rows" [ ! -s "$D/out" ]

# name SQL-count HEADER-START: each list has its header and as many rows as sqlite3 counts
for spec in \
	"sessions|select count(*) from session where starts >= '2026-01-01' and starts < '2027-01-01'|id${TAB}activity${TAB}starts" \
	"participations|select count(*) from participation p join session s on s.id = p.session_id where s.starts >= '2026-01-01' and s.starts < '2027-01-01'|id${TAB}name${TAB}activity" \
	"followups|select count(*) from followup|id${TAB}name${TAB}activity${TAB}due" \
	"activities|select count(*) from activity|id${TAB}title${TAB}method"; do
	what=${spec%%|*}
	rest=${spec#*|}
	sql=${rest%|*}
	head=${rest##*|}
	want=$(q demo.db "$sql")
	run "$KUP" --lang en --db demo.db list "$what"
	check "list $what exits 0 and prints its header" holds '[ "$rc" -eq 0 ] && head -n 1 "$D/out" | grep -q "^$head"'
	check "list $what: $want rows, as sqlite3 counts" holds '[ "$(rows "$D/out")" -eq "$want" ] && [ "$want" -gt 0 ]'
done
run "$KUP" --db demo.db list unicorns
check "list of an unknown kind exits 2" [ "$rc" -eq 2 ]
run "$KUP" --db demo.db list
check "list without what exits 2" [ "$rc" -eq 2 ]
run "$KUP" --db demo.db list plans --year soon
check "--year that is not a year exits 2" [ "$rc" -eq 2 ]

# --as: kup as an employee sees it
login=$(q demo.db "select login from staff where role = 'employee' and active = 1 order by id limit 1")
run "$KUP" --db demo.db --as "$login" list staff
check "--as $login (an employee): list staff shows one person, herself" \
	holds '[ "$rc" -eq 0 ] && [ "$(rows "$D/out")" -eq 1 ] && tail -n 1 "$D/out" | cut -f2 | grep -qx "$login"'
run "$KUP" --db demo.db --as no-such-login list staff
check "--as an unknown login exits 1" [ "$rc" -eq 1 ]

# ---- check ----
run "$KUP" --db demo.db check
check "check exits 0 on the demo" [ "$rc" -eq 0 ]
check "check prints one line starting 'ok'" holds '[ "$(lines "$D/out")" -eq 1 ] && grep -q "^ok" "$D/out"'
check "check: the verdict is Danish by default" grep -qx 'ok: integritet og henvisninger er i orden' "$D/out"
run "$KUP" --lang en --db demo.db check
check "check --lang en: the verdict is English" grep -qx 'ok: integrity and references are sound' "$D/out"
run env LANG=en_GB.UTF-8 "$KUP" --db demo.db check
check "LANG=en_GB.UTF-8 gives English too" grep -qx 'ok: integrity and references are sound' "$D/out"
run "$KUP" --db missing.db list staff
check "a missing database exits 1 with a Danish message naming it" \
	holds '[ "$rc" -eq 1 ] && grep -q "Ingen database i missing.db" "$D/err"'
run "$KUP" --lang en --db missing.db list staff
check "... and an English one with --lang en, saying how to create it" grep -q 'No database at missing.db.*init' "$D/err"
check "... and the database was not created" [ ! -e missing.db ]
cp demo.db broken.db
sqlite3 broken.db "pragma foreign_keys = off; insert into staff(name, initials, unit_id, sort_key, fold) values ('Spøgelse', 'SP', 4242, 's', 's')"
run "$KUP" --db broken.db check
check "check on a database with a broken reference exits 1" [ "$rc" -eq 1 ]
check "... and says so in one line, naming the reference" \
	holds '[ "$(lines "$D/out")" -eq 1 ] && grep -q "^beskadiget: 0 integritetsfejl, 1 brudte henvisninger; første: staff [0-9]* -> unit$" "$D/out"'
# a wrong count of fragmented bytes in a page header in the middle of the file
cp demo.db paged.db
page=$(($(q paged.db 'pragma page_count') / 2))
printf '\037' | dd of=paged.db bs=1 seek=$(((page - 1) * $(q paged.db 'pragma page_size') + 7)) conv=notrunc 2>/dev/null
run "$KUP" --db paged.db check
check "check on a damaged page exits 1 with one line naming the problem" \
	holds '[ "$rc" -eq 1 ] && [ "$(lines "$D/out")" -eq 1 ] && grep -qiE "^beskadiget: 1 integritetsfejl, .*page $page([^0-9]|$)" "$D/out"'
run "$KUP" --db paged.db list staff
check "list on the damaged file exits 1 with a one-line message naming the file" \
	holds '[ "$rc" -eq 1 ] && [ ! -s "$D/out" ] && [ "$(lines "$D/err")" -eq 1 ] && grep -qiE "^kup: paged.db .*page $page([^0-9]|$)" "$D/err"'

# ---- $KUP_DB, and the default ./kup.db ----
run env KUP_DB=demo.db "$KUP" list staff
check "KUP_DB=demo.db kup list staff uses that file" holds '[ "$rc" -eq 0 ] && [ "$(rows "$D/out")" -eq 60 ]'
run env KUP_DB=big.db "$KUP" --db demo.db list staff
check "--db wins over KUP_DB" holds '[ "$rc" -eq 0 ] && [ "$(rows "$D/out")" -eq 60 ]'
run "$KUP" list staff
check "without --db or KUP_DB kup looks for ./kup.db (and does not create it)" \
	holds '[ "$rc" -eq 1 ] && grep -q "kup.db" "$D/err" && [ ! -e kup.db ]'

# ---- a generated municipality ----
run "$KUP" --db big.db demo --staff 2000
check "demo --staff 2000 exits 0" [ "$rc" -eq 0 ]
run "$KUP" --db big.db list staff
check "list staff | wc -l = 2001 (header + 2000, read in pages of 500)" [ "$(lines "$D/out")" -eq 2001 ]
check "... each id once" [ "$(tail -n +2 "$D/out" | cut -f1 | sort -u | wc -l)" -eq 2000 ]
check "demo --staff 2000: integrity and references ok" \
	[ "$(sqlite3 big.db 'pragma integrity_check; pragma foreign_key_check')" = "ok" ]
run "$KUP" --db zero.db demo --staff 0
check "demo --staff 0 is a usage error (2), nothing created" holds '[ "$rc" -eq 2 ] && [ ! -e zero.db ]'

# ---- files that are not kup databases: refused, never modified ----
i=0
while [ $i -lt 80 ]; do echo "hello world, this is a shopping list and not a database"; i=$((i + 1)); done > text.db
sqlite3 other.db "create table recipes(name text); insert into recipes values ('æbleskiver')"
sqlite3 otherapp.db "pragma application_id = 1234567"
for f in text.db other.db otherapp.db; do
	cp -p "$f" "$f.copy"
	fp=$(fingerprint "$f")
	bad=""
	for cmd in "list staff" "list plans" check init demo; do
		# shellcheck disable=SC2086 # the command is words
		run "$KUP" --db "$f" $cmd
		[ "$rc" -eq 1 ] || bad="$bad [$cmd: exit $rc]"
		grep -q "$f" "$D/err" || bad="$bad [$cmd: message does not name $f]"
		[ -s "$D/out" ] && bad="$bad [$cmd: wrote to stdout]"
	done
	[ -z "$bad" ] || echo "# $f:$bad"
	check "$f: list, check, init and demo all exit 1 with a message naming it" [ -z "$bad" ]
	check "$f: byte-identical afterwards (cmp, size, mtime) and nothing beside it" untouched "$f" "$f.copy" "$fp"
done
run "$KUP" --db text.db check
check "check on a garbage file: exit 1, one line on stderr saying it is not a kup database" \
	holds '[ "$rc" -eq 1 ] && [ "$(lines "$D/err")" -eq 1 ] && grep -q "text.db er ikke en kup-database" "$D/err"'

t_done
