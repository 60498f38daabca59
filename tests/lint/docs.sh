#!/bin/sh
# The manual says what the program does: the man page's synopsis and
# COMMANDS name every command of the command table (and every option a
# command's usage names), its KEYS name every key of every screen's action
# table, and so do the README's key table and the Danish guide's tables;
# mandoc and groff find nothing to warn about in the man page.
# The program's side comes from `kup help --commands` and `kup help --keys`
# (the tables the dispatcher and the front end run on). A documented key or
# command the program does not have fails too.
#
# Where a screen's keys are written is marked in the documents: a line
#   .\" keys: KIND          in docs/kup.1
#   <!-- keys: KIND -->     in README.md and docs/brugervejledning.md
# starts the keys of KIND (a name `kup help --keys` prints first on its
# lines; "all" in the README: every key of every screen). They run to the
# next mark or heading. In the man page the keys are the tags of .TP/.TQ,
# in Markdown the `backticked` words in a table row's first cell.
# Environment: KUP, the binary under test.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
: "${KUP:?KUP must name the kup binary}"
man="$here/docs/kup.1"
readme="$here/README.md"
guide="$here/docs/brugervejledning.md"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kup-docs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C.UTF-8

ok() { echo "ok - $1"; }
bad() { echo "not ok - $1"; [ -s "$tmp/why" ] && sed 's/^/#   /' "$tmp/why"; : >"$tmp/why"; }
: >"$tmp/why"

# ---- the program's tables ----
"$KUP" --lang en help --keys >"$tmp/keys.en" 2>"$tmp/err" &&
	"$KUP" --lang da help --keys >"$tmp/keys.da" 2>>"$tmp/err" &&
	"$KUP" --lang en help --commands >"$tmp/cmds" 2>>"$tmp/err"
rc=$?
n=$(wc -l <"$tmp/keys.en")
if [ "$rc" -eq 0 ] && [ "$n" -gt 50 ] && [ "$(wc -l <"$tmp/cmds")" -gt 8 ]; then
	ok "kup help --keys and --commands print the tables ($n keys)"
else
	cat "$tmp/err" >"$tmp/why"
	bad "kup help --keys / --commands failed (status $rc, $n key lines)"
	exit 1
fi
"$KUP" help --nonsense >/dev/null 2>&1
[ $? -eq 2 ] && ok "kup help with an unknown option is a usage error (2)" ||
	bad "kup help --nonsense did not exit 2"

# Every kind of view is in the tables `kup help --keys` walks: each view_ops
# of src/ui/views in its file's view_kind table, and each such table in the
# list of ui_panes.c. A view left out would have keys nobody checks.
views="$here/src/ui/views"
for f in "$views"/*.c; do
	for o in $(sed -n 's/^static const view_ops \([a-z_]*\) = {.*/\1/p' "$f"); do
		grep -q "^[[:space:]]*{ \"[a-z-]*\", &$o }," "$f" || echo "${f##*/}: $o is in no view_kind table"
	done
	for t in $(sed -n 's/^const view_kind \([a-z_]*\)\[\] = {.*/\1/p' "$f"); do
		grep -q "\<$t\>" "$views/ui_panes.c" || echo "${f##*/}: $t is not in the kinds of ui_panes.c"
	done
done >"$tmp/why"
[ ! -s "$tmp/why" ] && ok "every view of src/ui/views is listed for kup help --keys" ||
	bad "views kup help --keys does not list:"

# kind<TAB>key, a line for each key of each kind
kind_keys() { # file
	awk -F'\t' '{ n = split($2, k, ", "); for (i = 1; i <= n; i++) print $1 "\t" k[i] }' "$1" | sort -u
}
kind_keys "$tmp/keys.en" >"$tmp/want.en"
kind_keys "$tmp/keys.da" >"$tmp/want.da"
cut -f1 "$tmp/keys.en" | sort -u >"$tmp/kinds"
cut -f1 "$tmp/cmds" | sort -u >"$tmp/want.cmds"

# ---- roff, read the way the documents use it ----
# roff_text: the text a line of man(7) prints, for tags and the synopsis:
# font macros with their arguments (quotes kept together; the alternating
# ones joined without spaces), font escapes dropped, the few character
# names used for keys turned into the characters.
ROFF='
function unquote(s,   out, q, c, i, args, n) {
	n = 0; out = ""; q = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\"") { q = !q; continue }
		if (c == " " && !q) { if (out != "") args[++n] = out; out = ""; continue }
		out = out c
	}
	if (out != "") args[++n] = out
	return n SUBSEP join(args, n)
}
function join(a, n,   i, s) { s = ""; for (i = 1; i <= n; i++) s = s a[i] (i < n ? "\001" : ""); return s }
function roff_text(line,   m, rest, r, n, parts, i, s, sep) {
	if (substr(line, 1, 1) == ".") {
		m = line; sub(/[ \t].*/, "", m); m = substr(m, 2)
		rest = line; if (!sub(/^[^ \t]+[ \t]+/, "", rest)) rest = ""
		if (m ~ /^(B|I|SM|SB)$/) sep = " "
		else if (m ~ /^(BR|RB|BI|IB|IR|RI)$/) sep = ""
		else return ""
		r = unquote(rest); n = substr(r, 1, index(r, SUBSEP) - 1) + 0
		split(substr(r, index(r, SUBSEP) + 1), parts, "\001")
		s = ""; for (i = 1; i <= n; i++) s = s (i > 1 ? sep : "") parts[i]
		line = s
	}
	gsub(/\\f[BIRP]/, "", line); gsub(/\\f\[[A-Z]*\]/, "", line)
	gsub(/\\\(->/, "→", line); gsub(/\\\(<-/, "←", line)
	gsub(/\\\(ua/, "↑", line); gsub(/\\\(da/, "↓", line)
	gsub(/\\-/, "-", line); gsub(/\\&/, "", line); gsub(/\\\(em/, "—", line)
	gsub(/\\~/, " ", line)
	return line
}
'

# kind<TAB>key for the tags of the marked parts of a man page
man_keys() { # file
	awk "$ROFF"'
		/^\.\\" keys: / { kind = $3; next }
		/^\.S[HS]/ { kind = ""; next }
		kind != "" && /^\.T[PQ]/ { tag = 1; next }
		tag { tag = 0; n = split(roff_text($0), k, ", ")
			for (i = 1; i <= n; i++) if (k[i] != "") print kind "\t" k[i] }
	' "$1" | sort -u
}
# kind<TAB>key for the table rows of the marked parts of a Markdown file
md_keys() { # file
	awk '
		/^<!-- keys: [a-z-]+ -->/ { kind = $3; next }
		/^#/ { kind = ""; next }
		kind != "" && /^\|/ && !/^\|[ -]*\|/ {
			cell = $0; sub(/^\| */, "", cell); sub(/ *\|.*/, "", cell)
			if (cell ~ /^(Tast|key)$/) next
			while (match(cell, /`[^`]+`/)) {
				print kind "\t" substr(cell, RSTART + 1, RLENGTH - 2)
				cell = substr(cell, RSTART + RLENGTH)
			}
		}
	' "$1" | sort -u
}
# The marks of a document name kinds the program has.
check_marks() { # label got-file
	cut -f1 "$2" | sort -u | comm -23 - "$tmp/kinds" | grep -vx all >"$tmp/why"
	[ ! -s "$tmp/why" ] && ok "$1: every marked screen is one the program has" ||
		bad "$1: marked screens the program does not have (kup help --keys names its screens):"
}
# Compares the keys a document gives each kind with the program's.
compare_keys() { # label want-file got-file
	comm -23 "$2" "$3" | sed 's/^/missing: /' >"$tmp/why"
	comm -13 "$2" "$3" | sed 's/^/stale (not in the program): /' >>"$tmp/why"
	[ ! -s "$tmp/why" ] && ok "$1 names every key of every screen, and no other" ||
		bad "$1 and the action tables differ (screen<TAB>key; add or remove it under its keys: mark):"
}

# ---- the man page ----
if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tlint -Wstyle "$man" >"$tmp/why" 2>&1
	[ ! -s "$tmp/why" ] && ok "mandoc -Tlint finds nothing in docs/kup.1" ||
		bad "mandoc -Tlint -Wstyle docs/kup.1 warns:"
else
	echo "not ok - mandoc is not installed (src/deps.sh test installs it)"
fi
if command -v groff >/dev/null 2>&1; then
	groff -man -ww -z -Tutf8 "$man" >"$tmp/why" 2>&1
	[ ! -s "$tmp/why" ] && ok "groff -ww finds nothing in docs/kup.1" || bad "groff -man -ww docs/kup.1 warns:"
else
	echo "not ok - groff is not installed (src/deps.sh test installs groff-base)"
fi

# The synopsis: its blocks (.PP between them) as text; a block's command is
# the first plain word after "kup".
awk "$ROFF"'
	/^\.SH / { on = ($2 == "SYNOPSIS"); next }
	!on { next }
	/^\.PP/ { if (b != "") print b; b = ""; next }
	{ t = roff_text($0); if (t != "") b = b (b == "" ? "" : " ") t }
	END { if (b != "") print b }
' "$man" >"$tmp/synopsis"
awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^[a-z][a-z-]*$/) { print $i "\t" $0; break } }' \
	"$tmp/synopsis" >"$tmp/syn.cmds"
cut -f1 "$tmp/syn.cmds" | sort -u >"$tmp/got.cmds"
{ comm -23 "$tmp/want.cmds" "$tmp/got.cmds" | sed 's/^/missing: kup /'
  comm -13 "$tmp/want.cmds" "$tmp/got.cmds" | sed 's/^/stale (not in the program): kup /'; } >"$tmp/why"
[ ! -s "$tmp/why" ] && ok "the SYNOPSIS of docs/kup.1 names every command, and no other" ||
	bad "the SYNOPSIS of docs/kup.1 and the command table (kup help --commands) differ:"
# Every option a command's usage names is in its synopsis.
: >"$tmp/why"
while IFS="$(printf '\t')" read -r cmd args; do
	for o in $(printf '%s\n' "$args" | grep -o -- '--[a-z][a-z-]*'); do
		awk -F'\t' -v c="$cmd" -v o="$o" '$1 == c { n = split($2, w, /[][ |]+/)
			for (i = 1; i <= n; i++) if (w[i] == o) f = 1 } END { exit !f }' "$tmp/syn.cmds" ||
			echo "kup $cmd $o"
	done
done <"$tmp/cmds" | sort -u >"$tmp/why"
[ ! -s "$tmp/why" ] && ok "the SYNOPSIS gives each command every option its usage names" ||
	bad "options in the usage that the SYNOPSIS of docs/kup.1 lacks:"
# ... and every word a form starts with (export plan, import staff|activities).
while IFS="$(printf '\t')" read -r cmd args; do
	first=${args%% *}
	case $first in *[!a-z\|]*|'') continue ;; esac
	for w in $(printf '%s\n' "$first" | tr '|' ' '); do
		awk -F'\t' -v c="$cmd" -v o="$w" '$1 == c { n = split($2, w, /[][ |]+/)
			for (i = 1; i <= n; i++) if (w[i] == o) f = 1 } END { exit !f }' "$tmp/syn.cmds" ||
			echo "kup $cmd $w"
	done
done <"$tmp/cmds" | sort -u >"$tmp/why"
[ ! -s "$tmp/why" ] && ok "the SYNOPSIS gives each command every form its usage names" ||
	bad "forms in the usage that the SYNOPSIS of docs/kup.1 lacks:"
# COMMANDS: a tag (outside nested lists) for every command, and no other.
awk "$ROFF"'
	/^\.SH / { on = ($2 == "COMMANDS"); next }
	!on { next }
	/^\.RS/ { depth++; next }
	/^\.RE/ { depth--; next }
	depth == 0 && /^\.T[PQ]/ { tag = 1; next }
	tag { tag = 0; split(roff_text($0), w, " "); print w[1] }
' "$man" | sort -u >"$tmp/got.cmds"
{ comm -23 "$tmp/want.cmds" "$tmp/got.cmds" | sed 's/^/missing: /'
  comm -13 "$tmp/want.cmds" "$tmp/got.cmds" | sed 's/^/stale (not in the program): /'; } >"$tmp/why"
[ ! -s "$tmp/why" ] && ok "COMMANDS in docs/kup.1 describes every command, and no other" ||
	bad "COMMANDS in docs/kup.1 and the command table differ:"

man_keys "$man" >"$tmp/got.man"
check_marks "docs/kup.1" "$tmp/got.man"
compare_keys "KEYS in docs/kup.1" "$tmp/want.en" "$tmp/got.man"

# ---- the README: one table of every key ----
md_keys "$readme" >"$tmp/got.readme"
cut -f2 "$tmp/want.en" | sort -u | sed 's/^/all\t/' >"$tmp/want.readme"
check_marks "README.md" "$tmp/got.readme"
compare_keys "The key table of README.md" "$tmp/want.readme" "$tmp/got.readme"

# ---- the Danish guide: a table for each screen, in Danish ----
md_keys "$guide" >"$tmp/got.guide"
check_marks "docs/brugervejledning.md" "$tmp/got.guide"
compare_keys "Tasterne in docs/brugervejledning.md" "$tmp/want.da" "$tmp/got.guide"
