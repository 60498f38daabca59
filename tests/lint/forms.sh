#!/bin/sh
# Every form keeps drafts and, when it edits an existing record, can show
# the conflict dialog. Read from the sources (SRC, default src/), per .c file:
#
# 1. Every form_new call names the form in its first argument: a string
#    literal of a-z 0-9 _ - (at most 40), or a choice of two such literals
#    ("goal" for an edit, "goal-new" for a new one), or another form's
#    name (X->name: the read-only copy the conflict dialog shows).
# 2. How it tells a form that edits an existing record: its save function
#    (the second argument of form_run / view_form_run, defined in the same
#    file) names a version. Such a save must take the version from
#    form_version() — the one a restored draft brings and "overwrite" sets —
#    never from the record it was handed (that would bypass both), and the
#    function that runs the form must give it a reload callback
#    (form_set_reload) for the conflict dialog and the "someone else saved"
#    notice. A save that names no version creates a record, writes a value
#    whole (a budget) or answers a question (print, import): a name is
#    enough. A form without a save function (NULL) only shows.
here=$(cd "$(dirname "$0")/../.." && pwd)
src=${SRC:-$here/src}
files=$(grep -rl --include='*.c' -e 'form_new(' -e 'form_run(' "$src" | sort)
if [ -z "$files" ]; then
	echo "not ok - found no forms in $src"
	exit 1
fi
# The program reads one file; it prints "not ok - ..." lines and, at the
# end, "# N forms, M runs" for the count.
prog='
function fname(line,   s) {
	if (!match(line, /[A-Za-z_][A-Za-z_0-9]*\(/)) return ""
	return substr(line, RSTART, RLENGTH - 1)
}
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function arg(s, k,   depth, i, c, n, start) {   # argument k (1-based) of the call whose "(" ends s
	depth = 0; n = 1; start = 1
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "(") depth++
		else if (c == ")") { if (depth == 0) break; depth-- }
		else if (c == "," && depth == 0) {
			if (n == k) return trim(substr(s, start, i - start))
			n++; start = i + 1
		}
	}
	return n == k ? trim(substr(s, start, i - start)) : ""
}
function bad(msg) { printf "not ok - %s:%d: %s\n", file, FNR, msg; errors++ }
BEGIN { lit = "\"[a-z0-9_-]+\"" }
# a function starts at column 0 with a name and "(" and no ";" at the end
/^[A-Za-z]/ && /\(/ && !/;[ \t]*$/ && fn == "" { fn = fname($0); body[fn] = $0; next }
fn != "" { body[fn] = body[fn] "\n" $0 }
/^}/ { fn = ""; next }
fn != "" && /form_new\(/ && fn != "form_new" {
	forms++
	s = $0; sub(/.*form_new\(/, "", s)
	name = arg(s, 1)
	if (name !~ ("^" lit "$") && name !~ ("^[^\"]*\\? *" lit " *: *" lit "$") && name !~ /^[a-z_]+->name$/)
		bad("form_new without a record name (a literal a-z 0-9 _ - as its first argument): " name)
	while (match(name, lit)) {
		if (RLENGTH - 2 > 40) bad("form name longer than 40: " substr(name, RSTART, RLENGTH))
		name = substr(name, RSTART + RLENGTH)
	}
}
fn != "" && /(^|[^_a-z])(view_)?form_run\(/ && fn != "form_run" && fn != "view_form_run" {
	runs++
	s = $0; sub(/.*form_run\(/, "", s)
	save = arg(s, 2)
	gsub(/[^A-Za-z_0-9]+/, " ", save)
	nrun++; run_fn[nrun] = fn; run_line[nrun] = FNR; run_save[nrun] = save
}
END {
	for (r = 1; r <= nrun; r++) {
		k = split(run_save[r], w, " ")
		for (j = 1; j <= k; j++) {
			if (w[j] == "NULL" || !(w[j] ~ /^save/ || w[j] in body))
				continue
			if (!(w[j] in body)) {
				printf "not ok - %s:%d: the save function %s is not defined in this file\n", file, run_line[r], w[j]
				errors++
				continue
			}
			b = body[w[j]]
			if (b !~ /version/)
				continue
			if (b !~ /form_version\(/) {
				printf "not ok - %s:%d: %s names a version not taken from form_version(f)\n", file, run_line[r], w[j]
				errors++
			} else if (body[run_fn[r]] !~ /form_set_reload\(/) {
				printf "not ok - %s:%d: %s edits an existing record (its save %s names form_version) but gives the form no reload callback (form_set_reload)\n", file, run_line[r], run_fn[r], w[j]
				errors++
			}
		}
	}
	printf "# %d %d %d\n", forms, runs, errors
}'
forms=0 runs=0 errors=0
out=$(for f in $files; do awk -v file="${f#"$here"/}" "$prog" "$f"; done)
printf '%s\n' "$out" | grep '^not ok' | sed 's/^not ok - /# /'
counts=$(printf '%s\n' "$out" | awk '/^# / { f += $2; r += $3; e += $4 } END { print f, r, e }')
set -- $counts
forms=$1 runs=$2 errors=$3
# Fewer than a dozen means the search missed the sources, not that all is well.
[ "$forms" -ge 12 ] && echo "ok - found $forms form_new calls and $runs runs in $(echo "$files" | wc -l) files" ||
	echo "not ok - found only $forms form_new calls in $src"
if [ "$errors" -eq 0 ]; then
	echo "ok - every form is named, and every form that edits an existing record takes its version from form_version and has a reload callback"
else
	echo "not ok - $errors form(s) above lack a name, take a version past form_version, or lack a reload callback"
fi
