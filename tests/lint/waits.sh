#!/bin/sh
# Every wait in the end-to-end and fault scripts is looked at: a wait whose
# result nobody reads lets the checks after it pass on whatever screen is
# shown. A wait (t_wait, t_wait_re, t_gone, t_exited) must be a check
# (`check "..." t_wait ...`), be followed by `|| <something that fails>`
# (`|| not_ok ...`, `|| return 1`), be an if/while condition, or be the last
# command of a function, whose caller then has its status; t_step fails the
# test by itself, and so does t_settle. Refused: a wait as a plain statement, `>/dev/null` on a
# wait or a step (it hides the screen printed on a timeout, and a step's
# "not ok"), `|| true` or `|| :`, a wait piped into something, and
# `wait && x` with no `||` after it.
# The check first proves on made-up lines that it finds each fault.
# Usage: sh tests/lint/waits.sh [FILE...] (default: tests/e2e and tests/fault)
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kup-waits.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# lint FILE...: prints "FILE:LINE: reason: the line" for each bad wait.
# The shell text is read as sh reads it, as far as waits need: quotes,
# $(...), ${...} and comments are skipped as whole words; what remains is
# words and the operators between commands.
lint() {
	awk '
	function flush_word() {
		if (word != "" || quoted) { nw++; W[nw] = word; WL[nw] = wline; T[nw] = "w" }
		word = ""; quoted = 0
	}
	function op(o, ln) { flush_word(); nw++; W[nw] = o; WL[nw] = ln; T[nw] = "o" }
	# skip_to(s, i, close): index of the char that ends an opaque part
	# opened just before i ($( ... ), ${ ... }, "..."), nested quotes and
	# parentheses included; lines are counted in nl_seen.
	function skip_dq(s, i,   c) {
		for (; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c == "\n") nl_seen++
			if (c == "\\") { i++; if (substr(s, i, 1) == "\n") nl_seen++; continue }
			if (c == "\"") return i
			if (c == "$" && substr(s, i + 1, 1) == "(") { i = skip_cs(s, i + 2); continue }
			if (c == "$" && substr(s, i + 1, 1) == "{") { i = skip_br(s, i + 2); continue }
		}
		return i
	}
	function skip_sq(s, i,   c) {
		for (; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c == "\n") nl_seen++
			if (c == "\x27") return i
		}
		return i
	}
	function skip_br(s, i,   c, d) {
		d = 1
		for (; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c == "\n") nl_seen++
			if (c == "\\") { i++; continue }
			if (c == "\"") { i = skip_dq(s, i + 1); continue }
			if (c == "\x27") { i = skip_sq(s, i + 1); continue }
			if (c == "{") d++
			if (c == "}" && --d == 0) return i
		}
		return i
	}
	function skip_cs(s, i,   c, d, prev) {
		d = 1; prev = " "
		for (; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c == "\n") nl_seen++
			if (c == "\\") { i++; prev = "x"; continue }
			if (c == "\"") { i = skip_dq(s, i + 1); prev = "x"; continue }
			if (c == "\x27") { i = skip_sq(s, i + 1); prev = "x"; continue }
			if (c == "#" && prev ~ /[ \t\n;(]/) {
				while (i < length(s) && substr(s, i + 1, 1) != "\n") i++
				continue
			}
			if (c == "(") d++
			if (c == ")" && --d == 0) return i
			prev = c
		}
		return i
	}
	{ src = src $0 "\n" }
	END {
		s = src; n = length(s); line = 1; nw = 0; word = ""; quoted = 0
		for (i = 1; i <= n; i++) {
			c = substr(s, i, 1)
			if (word == "" && !quoted) wline = line
			if (c == "\\" && substr(s, i + 1, 1) == "\n") { i++; line++; continue }
			if (c == "\\") { word = word c substr(s, i + 1, 1); i++; continue }
			if (c == "\n") { op("NL", line); line++; continue }
			if (c == " " || c == "\t") { flush_word(); continue }
			if (c == "#" && word == "" && !quoted) {
				while (i < n && substr(s, i + 1, 1) != "\n") i++
				continue
			}
			if (c == "\"") { nl_seen = 0; i = skip_dq(s, i + 1); line += nl_seen; quoted = 1; word = word "\"\""; continue }
			if (c == "\x27") { nl_seen = 0; i = skip_sq(s, i + 1); line += nl_seen; quoted = 1; word = word "\x27\x27"; continue }
			if (c == "$" && substr(s, i + 1, 1) == "(") { nl_seen = 0; i = skip_cs(s, i + 2); line += nl_seen; word = word "$()"; continue }
			if (c == "$" && substr(s, i + 1, 1) == "{") { nl_seen = 0; i = skip_br(s, i + 2); line += nl_seen; word = word "${}"; continue }
			two = substr(s, i, 2)
			if (two == "&&" || two == "||" || two == ";;") { op(two, line); i++; continue }
			if (c == ">" || c == "<") {
				# a redirection is kept as one word: >/dev/null, 2>&1, >"$f"
				if (word !~ /^[0-9]*$/) flush_word()
				word = word c
				if (substr(s, i + 1, 1) == ">" || substr(s, i + 1, 1) == "&") { i++; word = word substr(s, i, 1) }
				while (substr(s, i + 1, 1) == " ") i++
				continue
			}
			if (c == ";" || c == "|" || c == "&" || c == "(" || c == ")") { op(c, line); continue }
			word = word c
		}
		flush_word()
		check_all()
	}
	function is_wait(w) { return w == "t_wait" || w == "t_wait_re" || w == "t_gone" || w == "t_exited" }
	function ends(o) { return o == "NL" || o == ";" || o == ";;" || o == "&" || o == "" }
	function bad(ln, why) { printf "%s:%d: %s: %s\n", FILENAME, ln, why, L[ln] }
	function check_all(   k, j, first, cond, devnull, lead, nxt, t, fdepth, gstack, gd, m) {
		gd = 0
		k = 1
		while (k <= nw) {
			if (T[k] == "o") { k++; continue }
			# one simple command: words k..j-1, then the operator at j
			j = k
			while (j <= nw && T[j] == "w") j++
			first = k; cond = 0; devnull = 0
			while (first < j && (W[first] ~ /^(if|elif|while|until|then|else|do|!|\{|\})$/)) {
				if (W[first] ~ /^(if|elif|while|until)$/) cond = 1
				if (W[first] == "{") gstack[++gd] = (k >= 4 && W[k - 1] == ")" && W[k - 2] == "(") ? "f" : "g"
				if (W[first] == "}" && gd > 0) gd--
				first++
			}
			if (first >= j) { k = j; continue }
			lead = W[first]
			for (m = first + 1; m < j; m++) if (W[m] ~ /^[0-9]*>\/dev\/null$/) devnull = 1
			nxt = (j <= nw) ? W[j] : ""
			if (nxt == "(" && j - first == 1) { k = j; continue } # a function definition
			if ((lead == "t_step" || lead == "t_settle") && devnull)
				bad(WL[first], "a step with >/dev/null hides its \"not ok\"")
			else if ((lead == "t_step" || lead == "t_settle") && nxt == "|")
				bad(WL[first], "a step piped runs in a subshell: its failure is lost")
			else if (is_wait(lead)) {
				if (devnull) bad(WL[first], "a wait with >/dev/null throws away what it found")
				else if (cond) { }
				else if (nxt == "||") {
					t = j + 1
					while (t <= nw && T[t] == "o" && W[t] == "NL") t++
					if (W[t] == "true" || W[t] == ":") bad(WL[first], "a wait with || true")
				} else if (nxt == "&&") {
					# wait && x ... || y: the || must come before the line ends
					for (t = j + 1; t <= nw; t++) {
						if (T[t] == "o" && W[t] == "||") break
						if (T[t] == "o" && (W[t] == ";" || W[t] == ";;" || W[t] == "&")) { t = nw + 1; break }
						if (T[t] == "o" && W[t] == "NL" && !(T[t - 1] == "o" && (W[t - 1] == "&&" || W[t - 1] == "||" || W[t - 1] == "|"))) { t = nw + 1; break }
					}
					if (t > nw) bad(WL[first], "a wait && ... with nothing after a failed wait")
				} else if (nxt == "|")
					bad(WL[first], "a wait piped into something: its result is lost")
				else {
					# the last command of a function hands its status on
					t = j
					while (t <= nw && T[t] == "o" && (W[t] == "NL" || W[t] == ";")) t++
					if (!(t <= nw && W[t] == "}" && gd > 0 && gstack[gd] == "f"))
						bad(WL[first], "a wait whose result nobody reads")
				}
			}
			k = j
		}
	}
	{ L[FNR] = $0 }
	' "$1"
}

# ---- the check finds each fault in made-up lines ----
cat > "$tmp/bad.sh" <<'EOF'
t_wait "A"
t_wait "B" >/dev/null
t_keys x; t_wait "C"; t_keys y
t_wait "D" || true
t_wait "E" && t_keys 1
t_gone "F" >/dev/null
t_exited
t_step "G" >/dev/null
t_wait "H" | cat
x || { t_keys q; t_exited 5; }
EOF
cat > "$tmp/good.sh" <<'EOF'
# t_wait "in a comment"
as() { t_start "$KUP" --as "$1"; t_wait "0 Overblik"; }
t_wait_re() { i=0; }
check "it shows" t_wait "A"
check "a long one" \
	t_wait "B"
t_wait "C" || not_ok "C never came"
t_gone "D" && ok "D went" ||
	not_ok "D stayed"
if t_wait "E" 1; then ok e; fi
t_step "F"
x=$(t_screen | grep -c "t_wait G"); echo "t_wait H >/dev/null"
case $x in *) ok "t_wait";; esac
EOF
for f in bad good; do
	(cd "$tmp" && lint "$f.sh") > "$tmp/$f.out"
done
found=$(cut -d: -f2 "$tmp/bad.out" | sort -n | tr '\n' ' ')
if [ "$found" = "1 2 3 4 5 6 7 8 9 10 " ]; then
	echo "ok - the check finds each kind of discarded wait in a made-up script"
else
	echo "not ok - the check found made-up faults on lines: $found (want 1 to 10)"
	sed 's/^/#   /' "$tmp/bad.out"
fi
if [ ! -s "$tmp/good.out" ]; then
	echo "ok - the check lets checked waits through in a made-up script"
else
	echo "not ok - the check refused checked waits:"
	sed 's/^/#   /' "$tmp/good.out"
fi

# ---- the scripts ----
if [ $# -eq 0 ]; then set -- "$here"/tests/e2e/*.sh "$here"/tests/fault/*.sh; fi
n=0
for f in "$@"; do
	lint "$f" >> "$tmp/found"
	n=$((n + 1))
done
if [ -s "$tmp/found" ]; then
	echo "not ok - $(wc -l < "$tmp/found") waits in $n scripts throw their result away (use check or t_step):"
	sed "s|^$here/||; s/^/#   /" "$tmp/found"
else
	echo "ok - every wait in $n scripts is checked"
fi
