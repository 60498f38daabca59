#!/bin/sh
# docs/privacy.md is what a municipality copies into its record of
# processing, so it must not fall behind the schema: every table the schema
# creates (share/schema.sql run into an empty database, so tables renamed
# or dropped by a later step count as they end) has a row in the table of
# the section "What kup stores", whose first cell names it in backticks and
# whose last cell says whether it holds personal data (yes or no). SQLite's
# own tables and the shadow tables of the full-text indexes are the
# indexes' business. A row naming a table the schema lacks is allowed,
# so that the page can be written before the step that adds the table.
# And every `kup privacy` command the program has (kup help --commands,
# when KUP names the binary) is named in the page with its options.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
doc="$here/docs/privacy.md"
schema="$here/share/schema.sql"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kup-privacy-docs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C.UTF-8

failed=0
ok() { echo "ok - $1"; }
bad() { echo "not ok - $1"; [ -s "$tmp/why" ] && sed 's/^/#   /' "$tmp/why"; : >"$tmp/why"; failed=1; }
: >"$tmp/why"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "not ok - the sqlite3 shell is not installed (src/deps.sh test installs it)"
	exit 1
fi
[ -f "$doc" ] && ok "docs/privacy.md is there" || { bad "docs/privacy.md is missing"; exit 1; }

# tables <sql file>...: the tables (and virtual tables) an empty database
# has after running the files, one name a line, sorted
tables() {
	{ for f in "$@"; do printf '.read %s\n' "$f"; done
	  echo "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual')"
	  echo " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name;"; } |
		sqlite3 -bail :memory: 2>"$tmp/sqlerr" | sort
}

# The rows of the table in "## What kup stores": name<TAB>personal cell, a
# line for each backticked name in a row's first cell.
awk '
	/^## / { on = ($0 ~ /^## What kup stores/); next }
	!on || !/^\|/ || /^\|[ :-]*\|/ { next }
	{
		n = split($0, c, "|")
		first = c[2]; last = c[n - 1]
		gsub(/^ +| +$/, "", last)
		if (first ~ /^ *table *$/) next
		while (match(first, /`[^`]+`/)) {
			print substr(first, RSTART + 1, RLENGTH - 2) "\t" last
			first = substr(first, RSTART + RLENGTH)
		}
	}
' "$doc" >"$tmp/rows"
cut -f1 "$tmp/rows" | sort -u >"$tmp/documented"

tables "$schema" >"$tmp/schema"
if [ -s "$tmp/sqlerr" ] || [ "$(wc -l <"$tmp/schema")" -lt 10 ]; then
	cat "$tmp/sqlerr" >"$tmp/why"
	bad "share/schema.sql did not run into an empty database ($(wc -l <"$tmp/schema") tables)"
	exit 1
fi
ok "share/schema.sql makes $(wc -l <"$tmp/schema") tables"

# missing <schema tables>: the ones docs/privacy.md has no row for
missing() { comm -23 "$1" "$tmp/documented"; }

missing "$tmp/schema" >"$tmp/why"
[ ! -s "$tmp/why" ] && ok "docs/privacy.md has a row for every table of the schema" ||
	bad "tables of share/schema.sql that docs/privacy.md (What kup stores) does not describe:"
awk -F'\t' '$2 !~ /^(yes|no)( |$)/ { print $1 ": \"" $2 "\"" }' "$tmp/rows" >"$tmp/why"
[ ! -s "$tmp/why" ] && ok "every table's row says whether it holds personal data" ||
	bad "rows whose last cell does not start with yes or no:"

# The check itself: a table added in a new step is caught.
printf -- '-- step 999\nCREATE TABLE privacy_docs_probe (id INTEGER PRIMARY KEY, name TEXT) STRICT;\n' \
	>"$tmp/probe.sql"
tables "$schema" "$tmp/probe.sql" >"$tmp/probed"
missing "$tmp/probed" | grep -qx privacy_docs_probe &&
	ok "a table added to the schema without a row fails this check" ||
	bad "a new table in a schema step went unnoticed"

# The privacy commands are documented, each with its options.
if [ -n "${KUP:-}" ]; then
	if ! "$KUP" --lang en help --commands >"$tmp/cmds" 2>"$tmp/why"; then
		bad "kup help --commands failed"
	else
		awk -F'\t' '$1 == "privacy" { print $2 }' "$tmp/cmds" | while read -r sub rest; do
			for w in $(printf '%s\n' "$sub" | tr '|' ' '); do
				grep -q "kup privacy $w\>" "$doc" || echo "kup privacy $w"
			done
			for o in $(printf '%s\n' "$rest" | grep -o -- '--[a-z][a-z-]*'); do
				grep -q -- "$o\>" "$doc" || echo "kup privacy $sub $o"
			done
		done >"$tmp/why"
		n=$(awk -F'\t' '$1 == "privacy"' "$tmp/cmds" | wc -l)
		[ ! -s "$tmp/why" ] && ok "docs/privacy.md names every form of kup privacy and its options ($n forms)" ||
			bad "forms or options of kup privacy (kup help --commands) that docs/privacy.md does not name:"
	fi
fi
exit "$failed"
