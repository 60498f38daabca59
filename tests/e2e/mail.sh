#!/bin/sh
# End-to-end: `kup due --mail`, as the README's cron line runs it. kup is
# built with its system config in a temporary directory (as shared.sh does),
# kup.conf there names the database and mail_from, and the cron line from
# the README runs in an empty environment (env -i) with a fake sendmail
# that keeps each message in a directory. Python's email module then reads
# every message: the headers, To against the staff register, the Danish
# subject (RFC 2047), the QP body holding the person's list as `kup due
# --format tsv` gives it, and the calendar part (text/calendar;
# method=PUBLISH) for someone with sessions. A person without an address is
# named and gets nothing; a missing mail_from, a missing or failing sendmail
# and --dry-run say what they must.
. "$(dirname "$0")/../lib/tmux.sh"

if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import email.policy' 2>/dev/null; then
	echo "SKIP the mail tests read the messages with python3 (src/deps.sh test installs it)"
	exit 0
fi
# The cron line runs with the real date; so does everything else here.
unset KUP_TODAY KUP_DB
REPO=$(cd "$(dirname "$0")/../.." && pwd)
ETC="$T_DIR/etc" SRV="$T_DIR/srv" OUT="$T_DIR/mail" HOMEDIR="$T_DIR/home"
mkdir -p "$T_DIR/build" "$ETC" "$SRV" "$OUT" "$HOMEDIR"

# ---- kup with its config directory in $ETC ----
SAN=0
ldd "$KUP" 2>/dev/null | grep -q libasan && SAN=1
# the objects of the binary under test, so only secure.o is built again
cp -a "$(dirname "$KUP")/." "$T_DIR/build/"
if ! make -s -C "$REPO" B="$T_DIR/build" SANITIZE=$SAN SYSCONFDIR="$ETC" "$T_DIR/build/kup" >"$T_DIR/build.log" 2>&1; then
	not_ok "kup builds with its config in a temporary directory"
	sed 's/^/#   /' "$T_DIR/build.log" | tail -20
	t_done
	exit
fi
BIN="$T_DIR/build/kup"
DB="$SRV/kup.db"
"$BIN" --db "$DB" demo >/dev/null || not_ok "demo database"

# Someone with their own sessions (a seat, not the waiting list) gets the
# calendar; someone else with things to do loses their address.
"$BIN" --db "$DB" due --employees --format tsv >"$T_DIR/all.tsv"
withses=$(awk -F'\t' '$4 == "my_sessions" && $8 != "waitlisted" && $3 != "" { print $1; exit }' "$T_DIR/all.tsv")
noaddr=$(awk -F'\t' -v s="$withses" '$1 != s && $3 != "" && $4 ~ /^my_/ { print $1; exit }' "$T_DIR/all.tsv")
check "the demo has someone with sessions ($withses) and someone else with things to do ($noaddr)" \
	test -n "$withses" -a -n "$noaddr"
noname=$(q "$DB" "select name from staff where login = '$noaddr'")
q "$DB" "update staff set email = null where login = '$noaddr'"
"$BIN" --db "$DB" due --employees --format tsv >"$T_DIR/due.tsv"

cat >"$T_DIR/sendmail" <<SH
#!/bin/sh
# keeps the message and its arguments; exits with \$FAIL (0)
f=\$(mktemp "$OUT/msg.XXXXXX")
printf '%s\n' "\$*" >"\$f.args"
cat >"\$f"
exit \${FAIL:-0}
SH
chmod 755 "$T_DIR/sendmail"
FROM="Kompetenceudvikling Børn og Unge <kup@kommune.example>"
printf 'database = %s\nmail_from = %s\n' "$DB" "$FROM" >"$ETC/kup.conf"

# ---- the README's cron line ----
line=$(grep -E '^ +[0-9*].*kup due' "$REPO/README.md" | head -1)
check "the README has a cron line for kup due --mail ($line)" sh -c "printf '%s' '$line' | grep -q -- '--mail'"
set -f # the time fields' * are no file names
set -- $line
set +f
shift 5 # the time fields
check "the cron line names kup by its full path ($1)" sh -c "case '$1' in /*/kup) exit 0 ;; esac; exit 1"
check "...and holds no pipe or mailer of its own" sh -c "! printf '%s' '$line' | grep -q '|'"
shift
printf '%s\n' "$@" >"$T_DIR/cron-args"
# run ARGS...: the cron line's kup with ARGS added, as cron runs it
run() {
	(cd "$HOMEDIR" && env -i "$BIN" $(cat "$T_DIR/cron-args") "$@") >"$T_DIR/out" 2>"$T_DIR/err"
	rc=$?
}
run --sendmail "$T_DIR/sendmail"
check "the cron line exits 0 in an empty environment (rc=$rc: $(head -c 300 "$T_DIR/err"))" test "$rc" = 0
check "every message went to sendmail -t -i" sh -c "ls '$OUT'/*.args >/dev/null && ! grep -vxh -- '-t -i' '$OUT'/*.args"
check "the person without an address is named on stderr" \
	grep -q "$noname ($noaddr) har ingen e-mailadresse i medarbejderregistret" "$T_DIR/err"
check "...and nothing else is" test "$(grep -v '^==[0-9]*==' "$T_DIR/err" | wc -l)" = 1
check "stdout says who got mail, and the count" sh -c "grep -q '^Mail sendt til .* på listen, .* i kalenderen\.\$' '$T_DIR/out' &&
	grep -q '^Sendt: [0-9]*, uden e-mailadresse: 1, ikke sendt: 0\.\$' '$T_DIR/out'"

# ---- every message, read as a mail program reads it ----
q "$DB" "select email, name from staff where email is not null" >"$T_DIR/emails"
python3 - "$OUT" "$T_DIR/due.tsv" "$T_DIR/emails" "$T_DIR/out" "$FROM" "$withses" "$noaddr" <<'PY' >"$T_DIR/py.out" 2>&1
import email, email.utils, glob, os, re, sys
from email import policy
outdir, tsv, emails, stdout, want_from, withses, noaddr = sys.argv[1:]
def ok(cond, what):
    print(("ok - " if cond else "not ok - ") + what)
names = dict(l.rstrip("\n").split("|", 1) for l in open(emails, encoding="utf-8"))
rows = {}
for l in list(open(tsv, encoding="utf-8"))[1:]:
    login, name, addr, sec, person, what, date, state = l.rstrip("\n").split("\t")
    rows.setdefault(login, []).append((addr, sec, person, what, state))
files = sorted(f for f in glob.glob(outdir + "/msg.*") if not f.endswith(".args"))
with_addr = [lg for lg, r in rows.items() if r[0][0]]
ok(len(files) == len(with_addr), "one message for each of the %d people with an address and things to do (%d)" % (len(with_addr), len(files)))
ok(len(files) == sum(1 for l in open(stdout, encoding="utf-8") if l.startswith("Mail sendt til")), "as many as stdout names")
ids, bad, seen, cal_ok = set(), [], {}, None
by_addr = {r[0][0]: lg for lg, r in rows.items() if r[0][0]}
for f in files:
    raw = open(f, "rb").read()
    m = email.message_from_bytes(raw, policy=policy.default)
    probs = []
    for h in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version"):
        if m[h] is None: probs.append("no " + h)
    if m.defects: probs.append("defects %s" % m.defects)
    if str(m["From"]) != want_from: probs.append("From %r" % str(m["From"]))
    to = m["To"].addresses[0] if m["To"] else None
    if not to or names.get(to.addr_spec) != to.display_name: probs.append("To %r" % str(m["To"]))
    login = by_addr.get(to.addr_spec) if to else None
    if not login: probs.append("To someone without a list")
    if m["Subject"] and not re.fullmatch(r"kup: det skal du gøre nu \((\d+)\)", str(m["Subject"])): probs.append("Subject %r" % str(m["Subject"]))
    if b"=?UTF-8?B?" not in raw.split(b"\n\n", 1)[0]: probs.append("subject not RFC 2047 encoded")
    if m["Date"] and email.utils.parsedate_to_datetime(str(m["Date"])) is None: probs.append("Date")
    ids.add(str(m["Message-ID"]))
    text = m.get_body(("plain",))
    if text is None or text["Content-Transfer-Encoding"] != "quoted-printable": probs.append("no QP text part")
    body = text.get_content() if text is not None else ""
    if to and not body.startswith("Hej %s,\n\nDet her har du at gøre i kup nu:" % to.display_name): probs.append("greeting %r" % body[:60])
    for addr, sec, person, what, state in rows.get(login, []):
        if (what or person) not in body: probs.append("item missing: %s %s" % (sec, what or person))
    n = int(re.search(r"\((\d+)\)", str(m["Subject"])).group(1)) if m["Subject"] else -1
    if login and n != len(rows[login]): probs.append("subject counts %d, the list %d" % (n, len(rows[login])))
    cals = [p for p in m.walk() if p.get_content_type() == "text/calendar"]
    sessions = [r for r in rows.get(login, []) if r[1] == "my_sessions" and r[4] != "waitlisted"]
    if bool(cals) != bool(sessions): probs.append("calendar part %d for %d sessions" % (len(cals), len(sessions)))
    if login == withses:
        c = cals[0] if cals else None
        ics = c.get_content() if c else ""
        cal_ok = bool(c) and m.get_content_type() == "multipart/mixed" and c.get_param("method") == "PUBLISH" \
            and ics.startswith("BEGIN:VCALENDAR\r\n") and ics.count("BEGIN:VEVENT") == len(sessions) \
            and all(("SUMMARY:" + s[3]) in ics.replace("\r\n ", "") for s in sessions)
    seen[login] = 1
    if probs: bad.append("%s: %s" % (os.path.basename(f), "; ".join(probs[:4])))
ok(not bad, "every message has its headers, To from the register, the Danish subject, the QP body with the person's list")
for b in bad[:5]: print("#   " + b)
ok(len(ids) == len(files), "every Message-ID differs")
ok(cal_ok, "%s's mail is multipart/mixed with the sessions as text/calendar; method=PUBLISH" % withses)
ok(noaddr not in seen, "the person without an address got no message")
PY
cat "$T_DIR/py.out"
grep -q '^not ok' "$T_DIR/py.out" && t_fail=$((t_fail + 1))
grep -q '^ok' "$T_DIR/py.out" || not_ok "python read the messages"

# ---- what must fail, fails saying why ----
rm -f "$OUT"/*
run --sendmail "$T_DIR/sendmail" --dry-run
check "--dry-run sends nothing" sh -c "test $rc = 0 && test -z \"\$(ls '$OUT')\""
check "...and says whom it would mail, the counts and the first message" sh -c "
	grep -q '^Ville sende mail til .* på listen' '$T_DIR/out' &&
	grep -q '^Prøvekørsel, intet sendt. Skulle have mail: [1-9]' '$T_DIR/out' &&
	grep -q '^Den første besked:' '$T_DIR/out' && grep -q '^MIME-Version: 1.0' '$T_DIR/out'"
run --sendmail "$T_DIR/no-such-sendmail"
check "a missing sendmail stops before anything, naming --sendmail" sh -c "test $rc = 1 &&
	grep -q 'no-such-sendmail.*--sendmail STI' '$T_DIR/err' && test -z \"\$(ls '$OUT')\""
(cd "$HOMEDIR" && env -i FAIL=75 "$BIN" $(cat "$T_DIR/cron-args") --sendmail "$T_DIR/sendmail") >"$T_DIR/out" 2>"$T_DIR/err"
rc=$?
check "a failing sendmail gives exit status 1" test "$rc" = 1
check "...naming the people whose mail was not sent and why" sh -c "
	grep -q 'blev ikke sendt: .*sendmail sluttede med status 75' '$T_DIR/err' &&
	grep -q '^kup: Mail kunne ikke sendes til: .*,' '$T_DIR/err'"
printf 'database = %s\n' "$DB" >"$ETC/kup.conf"
rm -f "$OUT"/*
run --sendmail "$T_DIR/sendmail"
check "without mail_from nothing is sent, and the key and file are named" sh -c "test $rc = 1 &&
	grep -q \"$ETC/kup.conf har ingen linje 'mail_from = ADRESSE'\" '$T_DIR/err' && test -z \"\$(ls '$OUT')\""
printf 'database = %s\nmail_from = kup\n' "$DB" >"$ETC/kup.conf"
run --sendmail "$T_DIR/sendmail"
check "a mail_from that is no address is refused" sh -c "test $rc = 1 && grep -q \"'kup' er ikke en e-mailadresse\" '$T_DIR/err'"
"$BIN" --db "$DB" due --dry-run >"$T_DIR/out" 2>"$T_DIR/err"
rc=$?
check "--dry-run without --mail is a usage error" sh -c "test $rc = 2 && grep -q -- '--dry-run hører sammen med --mail' '$T_DIR/err'"
t_done
