"""Reads calendar files with Debian's python3-icalendar (a real parser, not
kup's own idea of the format) and prints one line per event, fields split
by '|': uid, start, end (ISO), sequence, status, summary, location. Before
them a line 'calendar METHOD VERSION EVENTS' per file. Exits 1 when a file
does not parse, its lines are not CRLF or longer than 75 octets, or a fold
cuts a UTF-8 character (every physical line must decode on its own)."""
import sys

from icalendar import Calendar

bad = 0
for path in sys.argv[1:]:
    raw = open(path, "rb").read()
    lines = raw.split(b"\r\n")
    if lines[-1] != b"" or any(b"\n" in l or b"\r" in l for l in lines):
        print("# %s: a line does not end in CRLF" % path)
        bad = 1
    for l in lines:
        if len(l) > 75:
            print("# %s: a line of %d octets" % (path, len(l)))
            bad = 1
        try:
            l.decode("utf-8")
        except UnicodeDecodeError:
            print("# %s: a line that is not UTF-8 on its own: %r" % (path, l))
            bad = 1
    try:
        cal = Calendar.from_ical(raw)
    except Exception as e:  # the parser's own words
        print("# %s does not parse: %s" % (path, e))
        sys.exit(1)
    events = cal.walk("VEVENT")
    print("calendar %s %s %d" % (cal.get("method"), cal.get("version"), len(events)))
    for ev in events:
        print("|".join([
            str(ev.get("uid")),
            ev.get("dtstart").dt.isoformat(),
            ev.get("dtend").dt.isoformat(),
            str(ev.get("sequence")),
            str(ev.get("status")),
            str(ev.get("summary")),
            str(ev.get("location", "")),
        ]))
sys.exit(bad)
