#!/usr/bin/env python3
"""check_ics.py - checks an iCalendar file made by templates/calendar-ics.xsl.

Usage: check_ics.py CALENDAR.ics EXPECTED.tsv

EXPECTED.tsv holds one line "stamp<TAB>DTSTAMP" and then one line per event:
"UID<TAB>YYYY-MM-DD (start)<TAB>YYYY-MM-DD (end)<TAB>SUMMARY".  The calendar
must parse with the icalendar module, have exactly these events (in any
order) with these values, the calendar properties Överens writes, CRLF line
ends and no line longer than 75 octets.  Prints "ok: N events" or the first
problem (exit status 1).
"""
import sys


def load_icalendar():
    try:
        import icalendar
    except ImportError:
        # The Debian package python3-icalendar installs here; an interpreter
        # other than the system one (pyenv, venv) may not look there.
        sys.path.append("/usr/lib/python3/dist-packages")
        import icalendar
    return icalendar


def fail(msg):
    print("check_ics: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    if len(sys.argv) != 3:
        fail("usage: check_ics.py CALENDAR.ics EXPECTED.tsv")
    icalendar = load_icalendar()
    raw = open(sys.argv[1], "rb").read()
    expected = [l.split("\t") for l in open(sys.argv[2], encoding="utf-8").read().splitlines() if l]
    if not expected or expected[0][0] != "stamp":
        fail("the expectations must start with a stamp line")
    stamp = expected[0][1]
    events = {e[0]: e[1:] for e in expected[1:]}

    if not raw.endswith(b"\r\n"):
        fail("the calendar does not end in CRLF")
    for n, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        if b"\n" in line or b"\r" in line:
            fail("line %d has a bare CR or LF" % n)
        if len(line) > 75:
            fail("line %d is %d octets long" % (n, len(line)))
        line.decode("utf-8")  # folding must not split a character

    cal = icalendar.Calendar.from_ical(raw)
    for key, want in (("VERSION", "2.0"), ("PRODID", "-//Överens//Årshjul//SV"),
                      ("CALSCALE", "GREGORIAN")):
        if str(cal.get(key)) != want:
            fail("%s is %r, expected %r" % (key, str(cal.get(key)), want))
    seen = set()
    for ev in cal.walk("VEVENT"):
        uid = str(ev.get("UID"))
        if uid in seen:
            fail("UID %s occurs twice" % uid)
        seen.add(uid)
        if uid not in events:
            fail("unexpected event %s" % uid)
        start, end, summary = events[uid]
        got = (ev.decoded("DTSTART").isoformat(), ev.decoded("DTEND").isoformat(),
               str(ev.get("SUMMARY")))
        if got != (start, end, summary):
            fail("event %s is %r, expected %r" % (uid, got, (start, end, summary)))
        if ev.get("DTSTART").params.get("VALUE") != "DATE":
            fail("event %s is not an all-day event" % uid)
        if ev.get("DTSTAMP").to_ical().decode() != stamp:
            fail("event %s has DTSTAMP %s, expected %s"
                 % (uid, ev.get("DTSTAMP").to_ical().decode(), stamp))
    missing = set(events) - seen
    if missing:
        fail("missing events: " + ", ".join(sorted(missing)))
    print("ok: %d events" % len(seen))


if __name__ == "__main__":
    main()
