#!/bin/sh
# Fault test: a draft never overwrites what someone else saved after it was
# taken. A hung session keeps its draft (every 2 seconds, and once more when
# it finally dies) while someone else saves the plan; restoring that draft
# says at once that someone else saved, and Ctrl-S shows the conflict
# dialog instead of "Saved." — their change stays in the database.
# kill -TERM and kill -INT in the plan evaluation and in the reject form
# keep what is typed as a draft, and the next start offers it back into the
# same form; a reject restored after another leader decided meets the
# conflict dialog too, not an error line that comes back on every Ctrl-S.
. "$(dirname "$0")/../lib/tmux.sh"
# q with a busy timeout: kup may be committing (or checkpointing) right then
q() { sqlite3 -batch -noheader -cmd '.timeout 5000' "$1" "$2"; }
db="$T_DIR/draftv.db"
"$KUP" --db "$db" demo >/dev/null || { not_ok "demo database"; t_done; exit 1; }
plan=$(q "$db" "select p.id from plan p join staff s on s.id = p.staff_id where s.name = 'Cecilie Lund' and p.year = 2026")
before=$(q "$db" "select notes from plan where id = $plan")
drafts() { q "$db" "select count(*) from form_draft where form = '$1'"; }
wait_drafts() { # form count: the draft table catches up with a signal
	i=0
	while [ "$(drafts "$1")" != "$2" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	[ "$(drafts "$1")" = "$2" ]
}
pane_pid() { tmux -S "$T_SOCK" display -p -t "$T_SESSION" '#{pane_pid}'; }

# ---- a stale draft meets someone else's save ----
t_start "$KUP" --lang en --db "$db"
t_step "1 Staff"
t_keys 2
t_step "2 Plans"
t_keys /
t_type "Cecilie"
t_step "Cecilie Lund"
t_keys Enter e
t_step "Plan 2026 for Cecilie Lund"
t_keys Tab C-e
t_type " Mit udkast."
t_step "Mit udkast."
check "the typed text is kept as a draft while the form is open" wait_drafts plan 1
version=$(q "$db" "select version from plan where id = $plan")
check "... with the version of the plan it was typed against" \
	test "$(q "$db" "select version from form_draft where form = 'plan' and record_id = $plan")" = "$version"
# someone else saves the plan meanwhile; then the hung session dies
q "$db" "update plan set notes = notes || ' Andens ændring.', version = version + 1 where id = $plan"
tmux -S "$T_SOCK" kill-server
check "the dying session wrote its draft, still at the version it was typed against" \
	test "$(q "$db" "select version from form_draft where form = 'plan' and record_id = $plan")" = "$version"

t_start "$KUP" --lang en --db "$db"
t_step "You have an unsaved draft of Plan 2026 for Cecilie Lund"
t_keys y
check "the restored draft says at once that someone else saved the plan" \
	t_wait "Someone else saved this record after you opened it"
t_keys Tab
check "... with the draft's text in the form" t_wait "Mit udkast."
t_keys C-s
check "Ctrl-S shows the conflict dialog instead of saving" t_wait "Someone else changed this record after you"
check "... offering to see theirs, go back or overwrite" t_wait "s: see their version"
check "the other person's change is still in the database, the draft's text is not" \
	test "$(q "$db" "select notes like '%Andens ændring.%' and notes not like '%Mit udkast.%' from plan where id = $plan")" = 1
t_keys s
check "their version shows their change" t_wait "Andens ændring."
t_keys x
t_step "s: see their version"
t_keys b
check "back to editing keeps the draft's text" t_wait "Mit udkast."
t_keys Escape
t_step "Throw away your changes?"
t_keys y
t_step "2 Plans"
check "the plan is as the other person saved it" \
	test "$(q "$db" "select notes from plan where id = $plan")" = "$before Andens ændring."
check "throwing the text away deletes the draft" test "$(drafts plan)" = 0
t_keys q
check "kup ends" t_exited

# ---- the evaluation: SIGTERM, then SIGINT ----
amalie=$(q "$db" "select p.id from plan p join staff s on s.id = p.staff_id where s.name = 'Amalie Grønbæk' and p.year = 2026")
check "Amalie Grønbæk has an agreed 2026 plan that Anders Højer leads" \
	test "$(q "$db" "select status from plan where id = $amalie")" = agreed
t_start "$KUP" --lang en --db "$db" --as ah
t_step "Anders Højer (leader)"
t_keys 2 /
t_type "Amalie"
t_step "Amalie Grønbæk"
t_keys Enter E
t_step "Close the 2026 plan of Amalie Grønbæk"
t_keys y
t_step "Evaluate and close the 2026 plan of Amalie Grønbæk"
t_type "Et godt år."
t_step "Et godt år."
kill -TERM "$(pane_pid)"
check "SIGTERM in the evaluation ends kup" t_exited
check "... keeping the evaluation as a draft" wait_drafts plan-evaluate 1
check "... word for word, and the plan is not evaluated" \
	test "$(q "$db" "select count(*) from form_draft where form = 'plan-evaluate' and record_id = $amalie and data like '%Et godt år.%'")|$(q "$db" "select status from plan where id = $amalie")" = "1|agreed"
t_start "$KUP" --lang en --db "$db" --as ah
check "the next start offers the evaluation's draft" t_wait "You have an unsaved draft of Evaluate and close the 2026"
t_keys y
check "yes opens the evaluation again" t_wait "Evaluate and close the 2026 plan of Amalie Grønbæk"
check "... with the text back" t_wait "Et godt år."
t_keys C-e
t_type " Næste år: mere."
t_step "Næste år: mere."
kill -INT "$(pane_pid)"
check "SIGINT in the evaluation ends kup" t_exited
i=0
while [ "$(q "$db" "select count(*) from form_draft where form = 'plan-evaluate' and data like '%Næste år%'")" != 1 ] && [ $i -lt 100 ]; do
	sleep 0.05; i=$((i + 1)); done
check "... keeping what was typed since as the draft" \
	test "$(q "$db" "select count(*) from form_draft where form = 'plan-evaluate' and data like '%Et godt år. Næste år: mere.%'")" = 1
t_start "$KUP" --lang en --db "$db" --as ah
t_step "You have an unsaved draft of Evaluate and close the 2026"
t_keys y
check "it comes back after SIGINT too" t_wait "Et godt år. Næste år: mere."
t_keys C-s
check "and saves: the plan is evaluated" t_wait "is evaluated and closed."
check "... with the draft's text, and the draft is gone" \
	test "$(q "$db" "select status || '|' || evaluation from plan where id = $amalie")|$(drafts plan-evaluate)" = \
		"evaluated|Et godt år. Næste år: mere.|0"

# ---- the reject form: SIGINT, then SIGTERM, then another leader decides ----
part=$(q "$db" "select pa.id from participation pa join staff s on s.id = pa.staff_id where s.name = 'Mikkel Brødsgaard' and pa.status = 'requested'")
check "Mikkel Brødsgaard has a request waiting" test -n "$part"
t_keys q
check "kup ends" t_exited
t_start "$KUP" --lang en --db "$db" --as ah
t_step "Requests waiting for approval (1)"
t_keys Down x
t_step "Reject Mikkel Brødsgaard's request"
t_type "Ingen plads i budgettet."
t_step "Ingen plads i budgettet."
kill -INT "$(pane_pid)"
check "SIGINT in the reject form ends kup" t_exited
check "... keeping the reason as a draft" wait_drafts part-reject 1
check "... and the request still waits" test "$(q "$db" "select status from participation where id = $part")" = requested
t_start "$KUP" --lang en --db "$db" --as ah
t_step "You have an unsaved draft of Reject Mikkel"
t_keys y
check "yes opens the reject form again" t_wait "Reject Mikkel Brødsgaard's request"
check "... with the reason back" t_wait "Ingen plads i budgettet."
kill -TERM "$(pane_pid)"
check "SIGTERM in the restored reject form ends kup" t_exited
check "... keeping the draft" test "$(drafts part-reject)" = 1
# another leader approves the request meanwhile
q "$db" "update participation set status = 'enrolled', version = version + 1 where id = $part"
t_start "$KUP" --lang en --db "$db" --as ah
t_step "You have an unsaved draft of Reject Mikkel"
t_keys y
t_step "Reject Mikkel Brødsgaard's request"
check "the restored reject says someone else changed the request" \
	t_wait "Someone else saved this record after you opened it"
t_keys C-s
check "Ctrl-S shows the conflict dialog, not an error line" t_wait "s: see their version"
check "the request stays as the other leader decided" \
	test "$(q "$db" "select status from participation where id = $part")" = enrolled
t_keys b
t_step "nothing is saved yet"
t_keys Escape
t_step "Throw away your changes?"
t_keys y
t_step "Requests"
check "throwing it away deletes the draft" test "$(drafts part-reject)" = 0
t_keys q
check "kup quits" t_exited
t_done
