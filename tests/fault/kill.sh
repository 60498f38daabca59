#!/bin/sh
# Fault test: a writer killed with SIGKILL at random moments (during opening,
# in a transaction, between a commit and its report), 200 rounds. After each
# round every commit it reported is in the database and the database passes
# integrity_check and foreign_key_check (the writer program does the rounds
# and the checks itself, so the test stays fast).
. "$(dirname "$0")/../lib/tmux.sh"
W="$TESTBIN/fault/writer"
db="$T_DIR/kill.db"
ROUNDS=${KUP_FAULT_ROUNDS:-200}

check "the writer program is built" test -x "$W"
"$W" setup "$db" 1 || { not_ok "setup"; t_done; exit 1; }
start=$(date +%s)
"$W" killtest "$db" "$ROUNDS" "$$" >"$T_DIR/out" 2>&1
rc=$?
sed 's/^/# /' "$T_DIR/out"
check "$ROUNDS rounds of SIGKILL: every reported commit there, consistent each time" \
	test $rc -eq 0 -a -n "$(grep "^$ROUNDS rounds, .* 0 rounds with a problem" "$T_DIR/out")"
check "the writer got work done between the kills" \
	test "$(sed -n 's/^[0-9]* rounds, \([0-9]*\) reported commits.*/\1/p' "$T_DIR/out")" -gt 0
check "kup check after all rounds" "$KUP" --db "$db" check >/dev/null
echo "# took $(($(date +%s) - start)) s"
t_done
