#!/bin/sh
# End-to-end: erasure and retention on the command line. `kup privacy
# status` names the rule (none without one); erase is refused for active
# staff and, without --yes, only says what it would do; erasing a leader
# who has left leaves their name, login, e-mail and texts nowhere in the
# database file or its WAL (plans, goals, courses, follow-ups, drafts and
# the audit's values), `kup check` is ok, last year's reports give the
# same totals, the audit gains exactly one row naming only the staff id,
# and a sweep erases whom the rule says (a dry run nobody).
. "$(dirname "$0")/../lib/tmux.sh"
unset LANGUAGE LC_ALL LC_MESSAGES KUP_RETENTION_YEARS
export LANG=C.UTF-8
cd "$T_DIR" || exit 1
db="$T_DIR/d.db"
"$KUP" --db "$db" demo >/dev/null 2>&1 || { not_ok "demo database"; t_done; exit; }
K() { "$KUP" --lang en --db "$db" "$@"; }
# occurrences of a text in the database and its WAL (none when there is none)
found() { cat "$db" "$db-wal" 2>/dev/null | grep -c -a -F "$1"; }
reports() { for r in coverage followup competences focus crossprof methods cost; do
	K report $r --year 2025 --format tsv; done; }

K privacy status > out 2>err
check "status without a rule: exit 0" [ $? -eq 0 ]
check "... says there is none" grep -q "Retention rule: none" out
KUP_RETENTION_YEARS=1 K privacy status > out 2>err
check "status with KUP_RETENTION_YEARS=1 names it" grep -q "1 years after their employment ended (KUP_RETENTION_YEARS)" out
check "... and how many it would erase now" grep -q "It would erase 1 person now." out
KUP_RETENTION_YEARS=1 K --as khj privacy status > out 2>err
check "an employee may not see whom it would erase" grep -q "Not allowed" err
KUP_RETENTION_YEARS=x K privacy status > out 2>err
check "a retention rule that is not a number is refused" grep -q "KUP_RETENTION_YEARS must be a whole number" err

# Mads Bjørnskov (mbj) left in 2025. Texts only he has, in every kind of
# record, his draft, and audit rows: about his plan, and a change he made.
id=$(q "$db" "select id from staff where login = 'mbj'")
plan=$(q "$db" "select id from plan where staff_id = $id")
q "$db" "update staff set email = 'mads.bjornskov@kommune.dk', emp_no = 'E-77123' where id = $id;
 update plan set notes = 'Zebrafinken synger', evaluation = 'Okapiens evaluering' where id = $plan;
 update goal set why = 'Narhvalens grund' where plan_id = $plan;
 update participation set note = 'Pelikanens note' where staff_id = $id;
 update followup set learned = 'Flodhestens læring' where participation_id in
  (select id from participation where staff_id = $id);
 insert into form_draft(login, form, record_id, title, data) values ('mbj', 'plan', $plan, 'Plan', 'Tapirens kladde');
 insert into audit(login, tbl, row_id, action, old, new) values ('bl', 'plan', $plan, 'update',
  json_object('staff_id', $id, 'notes', 'Zebrafinken'), json_object('staff_id', $id, 'notes', 'Zebrafinken synger'));
 insert into audit(login, tbl, row_id, action, old, new) values ('mbj', 'activity', 1, 'update',
  json_object('title', 'Fælles kursus'), json_object('title', 'Fælles kursus i alt'))"
texts="Mads Bjørnskov|mads.bjornskov@kommune.dk|E-77123|Zebrafinken|Okapiens|Narhvalens|Pelikanens|Flodhestens|Tapirens"
all_found() { IFS='|'; for t in $texts; do [ "$(found "$t")" -gt 0 ] || { unset IFS; return 1; }; done; unset IFS; }
none_found() { IFS='|'; for t in $texts; do n=$(found "$t"); [ "$n" -eq 0 ] || { echo "# '$t' found $n times"; unset IFS; return 1; }; done; unset IFS; }
check "set-up: every text of his is in the file" all_found
K privacy erase --login bl --yes > out 2>err
check "erasing active staff is refused: exit 1" [ $? -eq 1 ]
check "... with the reason" grep -q "is active staff and cannot be erased" err
q "$db" "update staff set active = 0, employed_to = '2027-01-31' where login = 'maa'"
K privacy erase --login maa --yes > out 2>err
check "erasing someone employed until a later day is refused, with the day" grep -q "is employed until 31-01-2027" err
reports > before.tsv
audits=$(q "$db" "select count(*) from audit")
K --as khj privacy erase --login mbj --yes > out 2>err
check "an employee may not erase" grep -q "Not allowed" err
K privacy erase --login mbj > out 2>err
check "without --yes: exit 1" [ $? -eq 1 ]
check "... says what it would do" grep -q "This would erase Mads Bjørnskov (mbj) for good" err
check "... and changes nothing" all_found

K privacy erase --login mbj --yes > out 2>err
check "erase --yes: exit 0" [ $? -eq 0 ]
check "... names whom it erased" grep -q "^Mads Bjørnskov (mbj): Erased.$" out
check "his name, login, e-mail, number and texts are nowhere in the file or WAL" none_found
check "... nor his login, as a word" [ "$(cat "$db" "$db-wal" 2>/dev/null | grep -c -a -w mbj)" -eq 0 ]
K check > out 2>err
check "kup check is ok afterwards" grep -q "^ok" out
reports > after.tsv
check "last year's reports give the same totals" cmp -s before.tsv after.tsv
check "the audit gained exactly one row" [ "$(q "$db" "select count(*) from audit")" -eq $((audits + 1)) ]
check "... naming only the staff id and the rule" \
	[ "$(q "$db" "select tbl || ' ' || row_id || ' ' || action || ' ' || coalesce(old, '-') || ' ' || new from audit order by id desc limit 1")" = "staff $id update - {\"erased\":\"request\"}" ]
check "the change he made is kept, without his login" \
	[ "$(q "$db" "select login || ' ' || new from audit where tbl = 'activity' order by id desc limit 1")" = '[slettet] {"title":"Fælles kursus i alt"}' ]
check "the change to his plan keeps its ids, not its texts" \
	[ "$(q "$db" "select new from audit where tbl = 'plan' and row_id = $plan order by id desc limit 1")" = "{\"staff_id\":$id,\"notes\":\"[slettet]\"}" ]
check "his plan, courses and hours still count: the staff row is anonymous" \
	[ "$(q "$db" "select name || '|' || initials || '|' || coalesce(login, '-') from staff where id = $id")" = "Slettet person #$id|—|-" ]
check "the search finds the anonymous name" grep -q "Slettet person #$id" "$(K list staff --format tsv > list.tsv; echo list.tsv)"

# the retention rule: Karina Bøgh's employment ended more than a year ago
q "$db" "update staff set employed_to = '2024-06-30' where login = 'kbo'"
KUP_RETENTION_YEARS=1 K privacy sweep --dry-run > out 2>err
check "sweep --dry-run names whom the rule would erase" grep -q "^Karina Bøgh (kbo), employed until 30-06-2024$" out
check "... and erases no one" [ "$(found "Karina Bøgh")" -gt 0 ]
K privacy sweep > out 2>err
check "sweep without a rule is refused" grep -q "There is no retention rule" err
KUP_RETENTION_YEARS=1 K privacy sweep > out 2>err
check "sweep: exit 0" [ $? -eq 0 ]
check "... erased one person" grep -q "^Erased 1 person.$" out
check "... who is then nowhere in the file" [ "$(found "Karina Bøgh")" -eq 0 ]
KUP_RETENTION_YEARS=1 K privacy status > out 2>err
check "status afterwards: nobody left to erase" grep -q "It would erase 0 people now." out
check "the erasure by rule is audited with its rule" \
	[ "$(q "$db" "select new from audit order by id desc limit 1")" = '{"erased":"retention_years=1"}' ]
t_done
