#!/bin/sh
# Every translatable string in src/ (_("...") and N_("...")) has a Danish line
# in share/da.tsv, and no Danish line is there twice or has lost its tab.
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
