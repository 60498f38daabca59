#!/bin/sh
# Every translatable string in src/ (_("...") and N_("...")) has a Danish line
# in share/da.tsv, and no Danish line is there twice or has lost its tab.
# And nothing reaches a person untranslated: no call that prints, draws,
# reports or heads a column (printf, ui_put, detail_line, kerr_set, csv_field,
# ...) holds a literal with a word outside _(), and every column the audit
# keeps (json_object('col',col) in src/db) has a label for the history view
# (src/db/db_names.c; described tables have theirs in their description).
# A literal that is for a program, not a person, says so on the call's first
# line with a comment "untranslated: why". And system errors come through
# err_text(), which has the common ones in Danish, never strerror().
here=$(cd "$(dirname "$0")/../.." && pwd)
tsv="$here/share/da.tsv"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
grep -v '^#' "$tsv" | cut -f1 | sort > "$tmp/have"
find "$here/src" -name '*.c' -exec grep -ho 'N\?_("\([^"\\]\|\\.\)*")' {} + |
	sed -e 's/^N\?_("//' -e 's/")$//' -e 's/\\"/"/g' -e 's/\\\\/\\/g' | sort -u > "$tmp/want"
# Fewer than a few hundred means the search missed the sources, not that
# the work is done.
n=$(wc -l < "$tmp/want")
[ "$n" -gt 300 ] && echo "ok - found $n translatable strings in src/" ||
	echo "not ok - found only $n translatable strings in src/"
missing=$(comm -23 "$tmp/want" "$tmp/have")
if [ -z "$missing" ]; then
	echo "ok - every one of $(wc -l < "$tmp/want") strings in src/ has a Danish translation"
else
	echo "not ok - strings without a Danish translation in share/da.tsv:"
	printf '%s\n' "$missing" | sed 's/^/#   /'
fi
dups=$(uniq -d "$tmp/have")
if [ -z "$dups" ]; then echo "ok - no string is translated twice"; else
	echo "not ok - translated twice:"; printf '%s\n' "$dups" | sed 's/^/#   /'; fi
bad=$(grep -v '^#' "$tsv" | grep -v '^$' | awk -F'\t' 'NF != 2' | head -5)
if [ -z "$bad" ]; then echo "ok - every line of da.tsv is English<TAB>Danish"; else
	echo "not ok - malformed lines in da.tsv:"; printf '%s\n' "$bad" | sed 's/^/#   /'; fi
# A line of da.tsv is one text: an escape such as \n or \t in a translated
# string can never be found there, so the text would show in English.
esc=$(grep -e '\\[nt]' "$tmp/want" | head -5)
if [ -z "$esc" ]; then printf '%s\n' 'ok - no translatable string holds a \n or \t (the table cannot)'; else
	printf '%s\n' 'not ok - translatable strings with \n or \t (join lines outside _()):'
	printf '%s\n' "$esc" | sed 's/^/#   /'; fi

# Calls that put text before a person, each with its literals: a literal
# with a word (three letters) outside _(), once conversions, escapes, HTML
# markup and the program's name are taken out, is English on a Danish screen.
cat > "$tmp/lit.awk" <<'AWK'
function check(text, file, line,    t, lit, rest, found) {
	t = text
	gsub(/\\"/, "\001", t)
	gsub(/'"'/, "'Q'", t)
	gsub(/cli_heading\("[^"]*",/, "(", t)  # a column's code beside its label
	gsub(/N?_\("[^"]*"\)/, "", t)
	gsub(/\/\*[^*]*\*\//, "", t)
	if (t ~ /kerr_field\(/) sub(/KE_[A-Z]+, *"[^"]*"/, "KE_X, ", t) # the field's column
	found = ""
	rest = t
	while (match(rest, /"[^"]*"/)) {
		lit = substr(rest, RSTART + 1, RLENGTH - 2)
		rest = substr(rest, RSTART + RLENGTH)
		gsub(/%[-+ #0-9.*]*(hh|h|ll|l|z|j|t)?[a-zA-Z]/, "", lit)
		gsub(/\\[nrt]/, " ", lit)
		gsub(/\\x[0-9A-Fa-f][0-9A-Fa-f]/, "", lit)
		gsub(/<[^>]*>/, "", lit)
		gsub(/&[a-z]+;/, "", lit)
		gsub(/(^|[^A-Za-z])kup([^A-Za-z]|$)/, " ", lit)
		if (lit ~ /[A-Za-z][A-Za-z][A-Za-z]/) { found = lit; break }
	}
	if (found != "")
		printf "%s:%d: \"%s\"\n", file, line, found
}
# Whether the line calls one of CALLS outside a string (SQL has a printf).
function called(l,    pre) {
	if (!match(l, CALLS))
		return 0
	pre = substr(l, 1, RSTART)
	gsub(/\\"/, "", pre)
	gsub(/'"'/, "", pre)
	return gsub(/"/, "", pre) % 2 == 0
}
FNR == 1 { buf = "" }
{
	if (buf == "" && called($0) && $0 !~ /untranslated:/) {
		buf = $0; start = FNR
	} else if (buf != "") {
		buf = buf " " $0
	} else next
	if (gsub(/\(/, "(", buf) <= gsub(/\)/, ")", buf) || FNR - start > 6) {
		check(buf, FILENAME, start)
		buf = ""
	}
}
AWK
calls='(^|[^A-Za-z_])(printf|fprintf|puts|fputs|ui_put|ui_msg|detail_line|detail_title|mvw?addn?str|w?addn?str|mvw?printw|w?printw|kerr_set|kerr_field|cli_usage_error|import_problem|problem|fail|csv_field)[ ]*\('
lits=$(find "$here/src" -name '*.c' | sort | xargs awk -v CALLS="$calls" -f "$tmp/lit.awk" | sed "s|^$here/||")
if [ -z "$lits" ]; then echo "ok - no printed, drawn or reported literal holds an untranslated word"; else
	echo "not ok - literals shown to people without _() (or mark a line for programs /* untranslated: why */):"
	printf '%s\n' "$lits" | sed 's/^/#   /'; fi

# The system's reasons in the reader's language: err_text(), not strerror()
# (whose text is English under kup's C locale for messages).
raw=$(grep -rn 'strerror(' "$here/src" --include='*.c' | grep -v "^$here/src/base/err.c:" | sed "s|^$here/||")
if [ -z "$raw" ]; then echo "ok - system errors are told through err_text(), in the reader's language"; else
	echo "not ok - strerror() outside src/base/err.c (use err_text()):"; printf '%s\n' "$raw" | sed 's/^/#   /'; fi

# The history view names each audited column by its label.
keys=$(cat "$here"/src/db/*.c "$here"/src/db/*.h | grep -ohE "'([a-z_]+)',(\1\b|json\()" |
	sed -E "s/^'([a-z_]+)'.*/\1/" | sort -u)
n=$(printf '%s\n' "$keys" | grep -c .)
unlabelled=$(for k in $keys; do grep -q "{ \"$k\", N_(\"" "$here/src/db/db_names.c" || echo "$k"; done)
if [ "$n" -lt 30 ]; then echo "not ok - found only $n audited columns in src/db (the search missed them)"
elif [ -z "$unlabelled" ]; then echo "ok - each of $n audited columns has a label for the history (db_names.c)"; else
	echo "not ok - audited columns without a label in src/db/db_names.c (the history would show the column's name):"
	printf '%s\n' "$unlabelled" | sed 's/^/#   /'; fi
