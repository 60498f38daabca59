# tests/lib/tmux.sh — helpers for end-to-end tests that drive the real kup
# binary in a detached tmux session at 80x24, like a person over PuTTY.
# Source it; it needs $KUP. Every wait is a bounded poll, never a fixed sleep.

T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/kup-e2e.XXXXXX")
T_SOCK="$T_DIR/tmux.sock"
T_SESSION=kup
t_pass=0
t_fail=0
export KUP_TODAY="${KUP_TODAY:-2026-11-22}"
# kup shows stored UTC times in local time; the tests read them as a Dane
# does, so a time shown in UTC by mistake is an hour or two off.
export TZ=Europe/Copenhagen
# t_local "YYYY-MM-DD HH:MM:SS" (UTC, as stored): the time as kup shows it.
t_local() { date -d "$1 UTC" '+%d-%m-%Y %H:%M'; }

t_cleanup() {
	tmux -S "$T_SOCK" kill-server 2>/dev/null
	rm -rf "$T_DIR"
}
trap t_cleanup EXIT INT TERM

ok() { echo "ok - $*"; t_pass=$((t_pass + 1)); }
not_ok() { echo "not ok - $*"; t_fail=$((t_fail + 1)); }
check() { # description command...
	d=$1; shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
t_done() { [ "$t_fail" -eq 0 ]; }

# t_start CMD... : runs CMD in a fresh 80x24 session (TERM inside: xterm-256color)
t_start() {
	tmux -S "$T_SOCK" kill-server 2>/dev/null
	tmux -S "$T_SOCK" -f /dev/null new-session -d -s "$T_SESSION" -x 80 -y 24 \
		-e "KUP_TODAY=$KUP_TODAY" -e "TZ=$TZ" -e "LANG=${T_LANG:-C.UTF-8}" "$@" 2>/dev/null ||
	tmux -S "$T_SOCK" -f /dev/null new-session -d -s "$T_SESSION" -x 80 -y 24 "$@"
	tmux -S "$T_SOCK" set -g window-size manual >/dev/null 2>&1
	tmux -S "$T_SOCK" set -g remain-on-exit on >/dev/null 2>&1
}

# t_keys KEY... : presses keys (tmux key names). An Escape among them is
# pressed alone (t_esc): a key right behind an ESC would make it Alt+key.
t_keys() {
	for t_k in "$@"; do
		if [ "$t_k" = Escape ]; then
			t_esc || :
		else
			tmux -S "$T_SOCK" send-keys -t "$T_SESSION" "$t_k"
		fi
	done
}
# t_burst KEY... : sends the keys in one go, as a paste or a slow line does.
t_burst() { tmux -S "$T_SOCK" send-keys -t "$T_SESSION" "$@"; }
# t_type TEXT : types literal text (UTF-8 is fine)
t_type() { tmux -S "$T_SOCK" send-keys -t "$T_SESSION" -l "$1"; }
t_screen() { tmux -S "$T_SOCK" capture-pane -t "$T_SESSION" -p; }
t_resize() { tmux -S "$T_SOCK" resize-window -t "$T_SESSION" -x "$1" -y "$2"; }

# t_esc [N] : presses Esc N times (1 if not given), each alone, as a person
# does: kup takes an ESC with another key right behind it for Alt+key or
# pasted text, never for the Esc key, so no key may follow in the same
# burst. Each waits until the screen changed and settled (at most a
# second); status 1 when the last one changed nothing on screen.
t_esc() {
	t_en=${1:-1}
	while [ "$t_en" -gt 0 ]; do
		t_ebefore=$(t_screen)
		t_elast=$t_ebefore
		tmux -S "$T_SOCK" send-keys -t "$T_SESSION" Escape
		t_ei=0
		t_estill=0
		while [ $t_ei -lt 20 ] && [ $t_estill -lt 2 ]; do
			sleep 0.05
			t_enow=$(t_screen)
			if [ "$t_enow" = "$t_elast" ] && [ "$t_enow" != "$t_ebefore" ]; then
				t_estill=$((t_estill + 1))
			else
				t_estill=0
			fi
			t_elast=$t_enow
			t_ei=$((t_ei + 1))
		done
		t_en=$((t_en - 1))
	done
	[ "$t_elast" != "$t_ebefore" ]
}

# t_wait TEXT [SECONDS] : polls the screen until TEXT (fixed string) shows.
t_wait() {
	# an empty TEXT (a name a query did not find) would match any screen
	[ -n "$1" ] || { echo "# t_wait: no text to wait for"; return 1; }
	limit=$(( ${2:-5} * 20 ))
	i=0
	while [ $i -lt $limit ]; do
		t_screen | grep -qF -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "# waited in vain for: $1"
	t_screen | sed 's/^/#   | /'
	return 1
}

# t_step TEXT [SECONDS] : a wait the test goes on from; if TEXT never
# shows, the step fails the test instead of letting later checks read the
# wrong screen.
t_step() { t_wait "$@" || not_ok "the screen showed: $1"; }

# t_settle TEXT [SECONDS] : a step that then also waits until the screen
# stays the same between two looks. Before a check that something is NOT
# shown: TEXT says it is the right screen, the stillness that it is drawn
# to its end (a screen arrives in pieces). Fails the test on a timeout.
t_settle() {
	t_wait "$@" || { not_ok "the screen showed: $1"; return 1; }
	t_limit=$(( ${2:-5} * 20 ))
	t_i=0
	t_prev=$(t_screen)
	while [ $t_i -lt $t_limit ]; do
		sleep 0.05
		t_now=$(t_screen)
		[ "$t_now" = "$t_prev" ] && return 0
		t_prev=$t_now
		t_i=$((t_i + 1))
	done
	not_ok "the screen kept changing after: $1"
	return 1
}

# t_lacks TEXT : the screen does not show TEXT now. For a check that
# something is not offered, after t_settle has seen the screen whole.
t_lacks() { ! t_screen | grep -qF -- "$1"; }

# t_gone TEXT [SECONDS] : polls until TEXT is no longer on screen.
t_gone() {
	limit=$(( ${2:-5} * 20 ))
	i=0
	while [ $i -lt $limit ]; do
		t_screen | grep -qF -- "$1" || return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "# still on screen: $1"
	return 1
}

# t_exited [SECONDS] : waits until the program in the pane has ended.
t_exited() {
	limit=$(( ${1:-5} * 20 ))
	i=0
	while [ $i -lt $limit ]; do
		[ "$(tmux -S "$T_SOCK" display -p -t "$T_SESSION" '#{pane_dead}' 2>/dev/null)" = 1 ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# q DB SQL : one value from the database, read with the sqlite3 shell.
q() { sqlite3 -batch -noheader "$1" "$2"; }
