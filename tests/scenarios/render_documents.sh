#!/bin/bash
# Every document the lifecycle produces, rendered through the real tool and
# read back with poppler, qpdf and Python: a samverkansavtal (Helsingborg)
# through contact, decisions, needs, signing, follow-up, amendment and
# termination, and an överenskommelse with five parties (Umeå) through its
# lifecycle with an immediate termination.  Each PDF is checked with
# pdftotext (texts, parties, dates, headings in order), pdffonts (every
# font embedded), pdfinfo (metadata, pages, creation date), qpdf --check
# and pdfdetach (the attached XML is the version in git, byte for byte).
# Also: an old version renders as it was, renders are reproducible, HTML
# and text hold the same texts, the iCalendar (one agreement and all)
# parses with Python's icalendar and holds the dates; 5,000-character
# fields, a 120-character word, empty optional sections, a 300-item list
# and a 200-row table stay inside the margins (pdftotext -bbox) without
# losing text; markup in fields comes out as literal text; fonts and
# alignment follow the settings; wrong options are refused by name.
. "$(dirname "$0")/../lib/scenario.sh"
setup_helsingborg

CHECK_ICS="$OV_SOURCE_DIR/tests/tools/check_ics.py"
PY="$T/pdfcheck.py"
cat >"$PY" <<'EOF'
# Reads PDFs through `pdftotext -bbox` (page, line and word boxes).
import html, re, subprocess, sys
from html.parser import HTMLParser

A4_W, A4_H = 595.276, 841.89
LEFT, RIGHT, TOP, BOTTOM = 70.0, 57.0, 57.0, 57.0
SLACK = 0.6  # points of rounding in poppler's boxes
WATERMARK = 40.0  # taller words are a draft's diagonal UTKAST (text is at most 16 pt)


def pages(path):
    """Pages as lists of lines; a line is (y, [(x0, y0, x1, y1, word), ...])."""
    run = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", path, "-"],
                         capture_output=True, text=True)
    if run.returncode:
        sys.exit("pdftotext cannot read %s: %s" % (path, run.stderr.strip()[-200:]))
    out = run.stdout
    result = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", out, re.S):
        lines = {}
        for a, b, c, d, w in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" '
                                        r'xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page):
            word = (float(a), float(b), float(c), float(d), html.unescape(w))
            if word[3] - word[1] > WATERMARK:
                continue
            lines.setdefault(round(word[3], 1), []).append(word)
        result.append([(y, sorted(ws)) for y, ws in sorted(lines.items())])
    return result


def line_text(line):
    return " ".join(w[4] for w in line[1])


def body(path):
    """The text of all pages without the running header and footer (the lines
    that are the same on every page but for the page number)."""
    ps = pages(path)
    if len(ps) > 1:
        key = lambda ln: (ln[0], re.sub(r"Sida \d+ av \d+", "Sida", line_text(ln)))
        head = 0
        while all(len(p) > head for p in ps) and len({key(p[head]) for p in ps}) == 1:
            head += 1
        foot = 0
        while all(len(p) > head + foot for p in ps) and \
                len({key(p[-1 - foot]) for p in ps}) == 1:
            foot += 1
        ps = [p[head:len(p) - foot] for p in ps]
    return re.sub(r"\s+", " ", " ".join(line_text(ln) for p in ps for ln in p)).strip()


class Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("style", "script", "title")

    def handle_endtag(self, tag):
        self.skip -= tag in ("style", "script", "title")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def text_of(path):
    if path.endswith(".pdf"):
        return body(path)
    raw = open(path, encoding="utf-8").read()
    if path.endswith(".html"):
        t = Text()
        t.feed(raw)
        raw = " ".join(t.parts)
    return re.sub(r"\s+", " ", raw).strip()


def cmd_text(path):
    print(text_of(path))


def cmd_order(path, *needles):
    """Each needle occurs in the text, after the one before it."""
    text, at = text_of(path), 0
    for n in needles:
        i = text.find(n, at)
        if i < 0:
            where = "nowhere" if text.find(n) < 0 else "only before %r" % text[max(0, at - 50):at]
            sys.exit("%r: %s" % (n, where))
        at = i + len(n)


def cmd_absent(path, *needles):
    text = text_of(path)
    for n in needles:
        if n in text:
            sys.exit("%r is there" % n)


def cmd_every_page(path, *needles):
    """Every page (header and footer included) holds every needle."""
    for i, p in enumerate(pages(path)):
        t = " ".join(line_text(ln) for ln in p)
        for n in needles:
            if n not in t:
                sys.exit("page %d lacks %r" % (i + 1, n))


def cmd_margins(path):
    bad, n = [], 0
    for i, p in enumerate(pages(path)):
        for _, ws in p:
            for x0, y0, x1, y1, w in ws:
                n += 1
                if x0 < LEFT - SLACK or x1 > A4_W - RIGHT + SLACK or \
                        y0 < TOP - SLACK or y1 > A4_H - BOTTOM + SLACK:
                    bad.append("page %d: %r at (%.1f %.1f %.1f %.1f)" % (i + 1, w[:30], x0, y0, x1, y1))
    if not n:
        sys.exit("no text at all")
    if bad:
        sys.exit("%d of %d words outside the margins: %s" % (len(bad), n, "; ".join(bad[:4])))


def cmd_holds(path, needle_file):
    """The needle file's text, white space aside, is in the body unbroken."""
    text = re.sub(r"\s+", "", body(path))
    needle = re.sub(r"\s+", "", open(needle_file, encoding="utf-8").read())
    if needle not in text:
        i = 0
        while i < len(needle) and needle[:i + 1] in text:
            i += 1
        sys.exit("text lost: the first %d of %d characters are there, then %r is not"
                 % (i, len(needle), needle[i:i + 30]))


def cmd_wrapped(path, width):
    """No line is wider than `width` unless it is one word alone."""
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if len(line) > int(width) and " " in line.strip():
            sys.exit("line %d has %d characters: %r" % (n, len(line), line[:60]))


if __name__ == "__main__":
    globals()["cmd_" + sys.argv[1]](*sys.argv[2:])
EOF

# py CHECK ARGS...: one check through the helper above; its message on failure.
py() {
	what="$1"
	shift
	CHECKS=$((CHECKS + 1))
	if ! out="$(python3 "$PY" "$what" "$@" 2>&1)"; then
		fail "$what $(basename "$1"): $out"
	fi
}
order() { py order "$@"; }
absent() { py absent "$@"; }

# render FILE ARGS...: `overens render ARGS -o FILE` succeeds.
render() {
	f="$1"
	shift
	CHECKS=$((CHECKS + 1))
	rm -f "$f"
	if ! out="$(ov render "$@" -o "$f" 2>&1)"; then
		fail "render $* -> $out"
		: >"$f"
	fi
}

info() { TZ=UTC pdfinfo -isodates "$1" 2>/dev/null | sed -n "s/^$2: *//p"; }
utc() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
# The commit time of the agreement's last commit (or of commit $2).
commit_time() {
	if [ $# -gt 1 ]; then
		git --git-dir="$WS/repo.git" log -1 --format=%ct "$2"
	else
		git --git-dir="$WS/repo.git" log -1 --format=%ct --grep="^Agreement: $1\$" main
	fi
}

# no_warnings FILE: pdftotext, pdffonts and qpdf read the file without a
# word on stderr (poppler warns about a broken ToUnicode map, for one).
no_warnings() {
	for tool in "pdftotext $1 /dev/null" "pdffonts $1" "qpdf --check $1"; do
		expect_eq "$($tool 2>&1 >/dev/null)" "" "$tool: no warnings"
	done
}

# pdf_ok FILE TITLE AUTHOR MINPAGES MAXPAGES ATTACHMENT EXPECTED-XML
# The file is a sound PDF with every font embedded, the metadata given, a
# page count in range, all text inside the margins and, unless ATTACHMENT
# is "-", exactly one attached file of that name holding EXPECTED-XML.
pdf_ok() {
	f="$1"; title="$2"; author="$3"; pmin="$4"; pmax="$5"; aname="$6"; axml="$7"
	CHECKS=$((CHECKS + 1))
	if ! q="$(qpdf --check "$f" 2>&1)"; then
		fail "qpdf --check $f: $(echo "$q" | tail -n 3)"
	fi
	CHECKS=$((CHECKS + 1))
	fonts="$(pdffonts "$f" 2>/dev/null | tail -n +3)"
	if [ -z "$fonts" ]; then
		fail "$f: pdffonts lists no fonts"
	elif ! echo "$fonts" | awk '$(NF - 4) != "yes" { bad = 1 } END { exit bad }'; then
		fail "$f: a font is not embedded: $fonts"
	elif ! echo "$fonts" | awk '$(NF - 3) != "yes" || $1 !~ /^[A-Z][A-Z][A-Z][A-Z][A-Z][A-Z]\+/ { bad = 1 }
			END { exit bad }'; then
		fail "$f: a font is embedded whole, not as a subset: $fonts"
	fi
	no_warnings "$f"
	expect_eq "$(info "$f" Title)" "$title" "$(basename "$f") Title"
	expect_eq "$(info "$f" Author)" "$author" "$(basename "$f") Author"
	expect_eq "$(info "$f" Creator)" "Överens" "$(basename "$f") Creator"
	CHECKS=$((CHECKS + 1))
	pages="$(info "$f" Pages)"
	if [ -z "$pages" ] || [ "$pages" -lt "$pmin" ] || [ "$pages" -gt "$pmax" ]; then
		fail "$(basename "$f"): $pages pages, expected $pmin to $pmax"
	fi
	py margins "$f"
	if [ "$aname" = - ]; then
		expect_eq "$(pdfdetach -list "$f" 2>/dev/null)" "0 embedded files" "$(basename "$f") attachments"
		return 0
	fi
	expect_eq "$(pdfdetach -list "$f" 2>/dev/null)" "1 embedded files
1: $aname" "$(basename "$f") attachment"
	rm -f "$T/attached.xml"
	CHECKS=$((CHECKS + 1))
	if ! pdfdetach -save 1 -o "$T/attached.xml" "$f" 2>/dev/null ||
		! cmp -s "$T/attached.xml" "$axml"; then
		fail "$(basename "$f"): the attached XML is not the version in git"
	fi
}

# ---------------------------------------------------------------------------
# Helsingborg: a samverkansavtal between a Red Cross branch and a kommun.

id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 \
	--title "Samarbetsavtal om anhörigstöd" --date 2026-01-12)"
A="Helsingborgs rödakorskrets och Helsingborgs stad"
ov contact "$id" --with "Karin Ek, lokal utvecklare" --notes "Ett första öppet möte på anhörigcentret." \
	--date 2026-01-12 >/dev/null

# The agreement can be rendered as a draft, before anything is decided.
render "$T/draft.pdf" "$id"
pdf_ok "$T/draft.pdf" "Samarbetsavtal om anhörigstöd" "$A" 2 8 "avtal-$id-v1.xml" <(ov show "$id")
order "$T/draft.pdf" "1 Parter" "2 Bakgrund" "Ej angivet" "Underskrifter" "Ort" "Datum"

# Minutes extracts, one per party's decision.
ov --as lars.oberg@example.org decide "$id" --party krets --body kretsstyrelse --minutes "§ 12" \
	--text "Kretsstyrelsen beslutar att ingå samarbetet och föra in det i verksamhetsplanen." \
	--date 2026-02-10 >/dev/null
ov decide "$id" --party kommun --body "vård- och omsorgsnämnden" --minutes "§ 34" \
	--text "Nämnden godkänner att samarbetsavtal tecknas med Helsingborgs rödakorskrets." \
	--date 2026-02-19 >/dev/null
ov show "$id" >"$T/decided.xml"
render "$T/decision-krets.pdf" "$id" --doc decision --party krets
pdf_ok "$T/decision-krets.pdf" "Protokollsutdrag, Helsingborgs rödakorskrets" "$A" 1 1 "avtal-$id-v1.xml" "$T/decided.xml"
order "$T/decision-krets.pdf" "Protokollsutdrag" "Helsingborgs rödakorskrets" "kretsstyrelse" \
	"10 februari 2026" "§ 12" \
	"Kretsstyrelsen beslutar att ingå samarbetet och föra in det i verksamhetsplanen." "Bifall"
absent "$T/decision-krets.pdf" "§ 34" "vård- och omsorgsnämnden"
render "$T/decision-kommun.pdf" "$id" --doc decision --party kommun
order "$T/decision-kommun.pdf" "Protokollsutdrag" "Helsingborgs stad" "vård- och omsorgsnämnden" \
	"19 februari 2026" "§ 34" "Nämnden godkänner att samarbetsavtal tecknas med Helsingborgs rödakorskrets."
expect_fail 2 "agreement $id has no decision by party forening" \
	ov render "$id" --doc decision --party forening -o "$T/none.pdf"
expect_eq "$(ls "$T/none.pdf" 2>/dev/null)" "" "a refused render writes no file"

# The needs-mapping summary.
ov set "$id" behov.lokala "Anhöriga till personer med demenssjukdom saknar samtalsgrupper kvällstid."
ov --as karin.ek@example.org set "$id" behov.kretsen "Utbildade samtalsledare."
ov set "$id" behov.kommunen "Lokal och administration."
ov set "$id" behov.malgrupp "Vuxna anhöriga till personer med demenssjukdom."
ov needs "$id" --date 2026-02-26 >/dev/null
render "$T/needs.pdf" "$id" --doc needs
pdf_ok "$T/needs.pdf" "Behovskartläggning, Samarbetsavtal om anhörigstöd" "$A" 1 1 \
	"avtal-$id-v1.xml" <(ov show "$id")
order "$T/needs.pdf" "Behovskartläggning" "12 januari 2026" "Karin Ek, lokal utvecklare" \
	"Ett första öppet möte på anhörigcentret." "Lokala behov" \
	"Anhöriga till personer med demenssjukdom saknar samtalsgrupper kvällstid." \
	"Utbildade samtalsledare." "Lokal och administration." \
	"Vuxna anhöriga till personer med demenssjukdom." "Mål" "Ej angivet"

# Boundaries, assignment, signing: the agreement as signed (version 1).
ov set "$id" bakgrund "Parterna vill stärka stödet till anhöriga genom samtalsgrupper."
ov set "$id" uppdrag.vem "Kretsens samtalsledare, två per grupp."
ov set "$id" uppdrag.omfattning "Två grupper per termin."
ov set "$id" uppdrag.hur "På anhörigcentret."
ov set "$id" uppdrag.ingar-inte "Myndighetsutövning och omvårdnad."
ov set "$id" kommunens-ataganden "Staden upplåter lokal på anhörigcentret."
ov set "$id" kommunens-ataganden "Staden tar emot anmälningar."
ov set "$id" ekonomi.kommunen "Fika vid gruppträffar"
ov set "$id" ekonomi.kretsen "Utbildning av volontärer"
ov set "$id" volontarer.samtalsledare 4
ov set "$id" moten "Arbetsgruppen träffas två gånger per termin."
ov set "$id" stod "Volontärerna vänder sig till kretsens kontaktperson."
ov set "$id" avtalstid.start 2026-04-01
ov set "$id" ort Helsingborg
ov assign "$id" --date 2026-03-10 >/dev/null
ov --as lars.oberg@example.org sign "$id" --party krets --date 2026-03-20 >/dev/null
ov --as per.stahl@example.se sign "$id" --party kommun --date 2026-03-24 >/dev/null
ov show "$id" >"$T/v1-signed.xml"

render "$T/v1.pdf" "$id"
pdf_ok "$T/v1.pdf" "Samarbetsavtal om anhörigstöd" "$A" 4 8 "avtal-$id-v1.xml" "$T/v1-signed.xml"
expect_eq "$(info "$T/v1.pdf" Subject)" "Samarbetsavtal $id, version 1" "Subject"
expect_eq "$(info "$T/v1.pdf" CreationDate)" "$(utc "$(commit_time "$id")")" \
	"without SOURCE_DATE_EPOCH the creation date is the commit's time"
py every_page "$T/v1.pdf" "Samarbetsavtal $id" "Version 1" "Sida"
order "$T/v1.pdf" "Samarbetsavtal" "Samarbetsavtal om anhörigstöd" "Samarbetsavtal $id, version 1" \
	"1 Parter" "Helsingborgs rödakorskrets" "802002-8711" "Helsingborgs stad" "212000-0258" \
	"2 Bakgrund" "Parterna vill stärka stödet till anhöriga genom samtalsgrupper." \
	"ingen frivillig blir anställd eller får en ställning som liknar en anställning genom detta avtal." \
	"Helsingborgs rödakorskrets är en självständig organisation i det civila samhället" \
	"(jfr prop. 2009/10:55)" \
	"3 Uppdragsbeskrivning" "Helsingborgs rödakorskrets åtar sig följande uppdrag." \
	"Kretsens samtalsledare, två per grupp." "Två grupper per termin." \
	"Myndighetsutövning och omvårdnad." \
	"Enligt socialtjänstlagen (2025:400) ska kommunen erbjuda stöd till den som vårdar eller stödjer en närstående." \
	"Den skyldigheten ligger kvar hos Helsingborgs stad. Den går inte över till Helsingborgs rödakorskrets" \
	"4 Kommunens åtaganden" "Helsingborgs stad åtar sig följande." \
	"Staden upplåter lokal på anhörigcentret." "Staden tar emot anmälningar." \
	"5 Frivilligpolicy" "Varje frivillig har skrivit under ett tystnadslöfte" \
	"Frivilligpolicyn och tystnadslöftet gäller fullt ut vid sidan av detta avtal." \
	"Röda Korsets sju grundprinciper – humanitet, opartiskhet, neutralitet, självständighet, frivillighet, enhet och universalitet" \
	"kan inte sättas åt sidan genom detta avtal" "Volontärerna vänder sig till kretsens kontaktperson." \
	"6 Ekonomiska villkor" "Fika vid gruppträffar" "Utbildning av volontärer" \
	"7 Personuppgifter" "Varje part är personuppgiftsansvarig" \
	"dataskyddsförordningen (EU) 2016/679 och dataskyddslagen (2018:218)" \
	"8 Försäkring" "De frivilliga som deltar genom Helsingborgs rödakorskrets är försäkrade" \
	"9 Offentlighet och sekretess" "För Helsingborgs stad gäller offentlighets- och sekretesslagen (2009:400)." \
	"10 Avtalstid och uppföljning" "Avtalet gäller från och med 1 april 2026 till och med 31 mars 2027." \
	"Avtalet förlängs därefter automatiskt med ett (1) år i taget, om ingen part har sagt upp det." \
	"11 Uppsägning" "med en uppsägningstid om en (1) månad" "med omedelbar verkan" \
	"12 Tvister" "Svensk rätt gäller för avtalet." \
	"13 Ändringar och tillägg" "Detta avtal upprättas i två (2) likalydande exemplar, ett för varje part." \
	"Bilaga 1 Behovskartläggning" "Bilaga 2 Frivilligas roller och utbildning" "Samtalsledare" \
	"Att bli cirkelledare inom anhörigstöd" "Anhöriga i fokus (webbkurs)" \
	"Bilaga 3 Ekonomi" "Bilaga 4 Mötesstruktur" "Arbetsgruppen träffas två gånger per termin." \
	"Underskrifter" "Detta avtal har upprättats i Helsingborg."
order "$T/v1.pdf" "Underskrifter" "Helsingborgs rödakorskrets" "Helsingborgs stad"
order "$T/v1.pdf" "Underskrifter" "Ort: Helsingborg" "Datum: 2026-03-20" "Lars Öberg" "Ordförande"
order "$T/v1.pdf" "Underskrifter" "Datum: 2026-03-24" "Per Ståhl" "Förvaltningschef"

# HTML and text carry the same document.
render "$T/v1.html" "$id" --format html
render "$T/v1.txt" "$id"
for f in "$T/v1.html" "$T/v1.txt"; do
	order "$f" "Samarbetsavtal om anhörigstöd" "1 Parter" "802002-8711" "2 Bakgrund" \
		"ingen frivillig blir anställd" "3 Uppdragsbeskrivning" "Två grupper per termin." \
		"socialtjänstlagen (2025:400)" \
		"4 Kommunens åtaganden" "5 Frivilligpolicy" "Röda Korsets sju grundprinciper" \
		"6 Ekonomiska villkor" "7 Personuppgifter" "8 Försäkring" "9 Offentlighet och sekretess" \
		"10 Avtalstid och uppföljning" "1 april 2026" "11 Uppsägning" "12 Tvister" \
		"13 Ändringar och tillägg" "Underskrifter" "Lars Öberg" "Per Ståhl"
done
expect_contains "$(head -c 200 "$T/v1.html")" '<html lang="sv">' "HTML page"
py wrapped "$T/v1.txt" 76

# The calendar while the agreement is active: PDF and iCalendar.
render "$T/calendar.pdf" "$id" --doc calendar
pdf_ok "$T/calendar.pdf" "Årshjul, Samarbetsavtal om anhörigstöd" "Helsingborgs rödakorskrets, Helsingborgs stad" 1 1 "avtal-$id-v1.xml" \
	"$T/v1-signed.xml"
order "$T/calendar.pdf" "Årshjul" "Datum" "Händelse" "1 februari 2027" "Skriftlig uppföljning" \
	"28 februari 2027" "Sista dag att säga upp avtalet" "31 mars 2027" "Avtalstiden löper ut"
render "$T/calendar.ics" "$id"
stamp="$(date -u -d "@$(commit_time "$id")" +%Y%m%dT%H%M%SZ)"
printf 'stamp\t%s\n' "$stamp" >"$T/expect.tsv"
printf '%s-followup-2027-02-01@overens\t2027-02-01\t2027-02-02\tSkriftlig uppföljning – Samarbetsavtal om anhörigstöd\n' "$id" >>"$T/expect.tsv"
printf '%s-notice-2027-02-28@overens\t2027-02-28\t2027-03-01\tSista dag att säga upp avtalet före avtalstidens slut – Samarbetsavtal om anhörigstöd\n' "$id" >>"$T/expect.tsv"
# The dates cover the term and the tacit renewal after it (no follow-up moves the term).
for y in 2027 2028; do
	[ "$y" = 2027 ] || printf '%s-followup-2028-02-01@overens\t2028-02-01\t2028-02-02\tSkriftlig uppföljning – Samarbetsavtal om anhörigstöd\n' "$id" >>"$T/expect.tsv"
	[ "$y" = 2027 ] || printf '%s-notice-2028-02-29@overens\t2028-02-29\t2028-03-01\tSista dag att säga upp avtalet före avtalstidens slut – Samarbetsavtal om anhörigstöd\n' "$id" >>"$T/expect.tsv"
	printf '%s-term-end-%s-03-31@overens\t%s-03-31\t%s-04-01\tAvtalstiden löper ut; förlängs om ingen part har sagt upp avtalet – Samarbetsavtal om anhörigstöd\n' "$id" "$y" "$y" "$y" >>"$T/expect.tsv"
done
expect_ok python3 "$CHECK_ICS" "$T/calendar.ics" "$T/expect.tsv"
expect_fail 2 "document 'agreement' has no ics form" \
	ov render "$id" --doc agreement --format ics -o "$T/x.ics"

# The follow-up report.
ov followup "$id" --decision continue --answer andra="Nej, inget behöver ändras." \
	--answer fortsatta="Ja, ett år till." --answer malgrupp="Ja." --answer mal="Ja." \
	--answer volontarer="Ja, fyra samtalsledare." --answer utbildning="Sorgbearbetning önskas." \
	--date 2027-02-01 >/dev/null
render "$T/followup.pdf" "$id" --doc followup
pdf_ok "$T/followup.pdf" "Uppföljning, Samarbetsavtal om anhörigstöd" "$A" 1 2 \
	"avtal-$id-v1.xml" <(ov show "$id")
order "$T/followup.pdf" "Uppföljning" "1 februari 2027" "Frågor och svar" \
	"Behöver något i avtalet ändras?" "Nej, inget behöver ändras." \
	"Ska samarbetet fortsätta ett år till?" "Ja, ett år till." \
	"Har vi rätt volontärer för uppdraget?" "Ja, fyra samtalsledare." \
	"Behöver volontärerna mer utbildning?" "Sorgbearbetning önskas." \
	"Beslut" "fortsätta"
# A follow-up is no renewal: the report names no new term end.
absent "$T/followup.pdf" "Ny avtalstid"
expect_fail 2 "agreement $id has no follow-up number 2 (it has 1)" \
	ov render "$id" --doc followup --index 2 -o "$T/none.pdf"

# The amendment, from version 1 to version 2.
v1_last="$(git --git-dir="$WS/repo.git" log -1 --format=%H --grep="^Agreement: $id\$" main)"
ov amend "$id" --summary "Tre grupper per termin" --date 2027-05-01 >/dev/null
ov set "$id" uppdrag.omfattning "Tre grupper per termin."
ov --as karin.ek@example.org approve "$id" --party krets --date 2027-05-10 >/dev/null
ov approve "$id" --party kommun --date 2027-05-12 >/dev/null
render "$T/amendment.pdf" "$id" --doc amendment
pdf_ok "$T/amendment.pdf" "Ändring 1, Samarbetsavtal om anhörigstöd" "$A" 1 2 \
	"avtal-$id-v2.xml" <(ov show "$id")
order "$T/amendment.pdf" "Ändring och tillägg nr 1" "1 maj 2027" "från version 1 till version 2" \
	"Tre grupper per termin" "Två grupper per termin." "Tre grupper per termin." \
	"Helsingborgs rödakorskrets" "10 maj 2027" "Helsingborgs stad" "12 maj 2027"
ov --as lars.oberg@example.org sign "$id" --party krets --date 2027-05-20 >/dev/null
ov --as per.stahl@example.se sign "$id" --party kommun --date 2027-05-21 >/dev/null
ov show "$id" >"$T/v2-signed.xml"

# Version 2 now; version 1 still renders exactly as it was, from git.
render "$T/v2.pdf" "$id"
pdf_ok "$T/v2.pdf" "Samarbetsavtal om anhörigstöd" "$A" 4 8 "avtal-$id-v2.xml" "$T/v2-signed.xml"
py every_page "$T/v2.pdf" "Version 2"
order "$T/v2.pdf" "Samarbetsavtal $id, version 2" "Tre grupper per termin." \
	"Ändring 1 (version 1 till 2" "Datum: 2027-05-20" "Datum: 2027-05-21"
absent "$T/v2.pdf" "Två grupper per termin."
render "$T/v1-again.pdf" "$id" --version 1
ov show "$id" --rev "$v1_last" >"$T/v1-last.xml"
pdf_ok "$T/v1-again.pdf" "Samarbetsavtal om anhörigstöd" "$A" 4 8 "avtal-$id-v1.xml" "$T/v1-last.xml"
py every_page "$T/v1-again.pdf" "Version 1"
order "$T/v1-again.pdf" "Samarbetsavtal $id, version 1" "Två grupper per termin." "Datum: 2026-03-20"
absent "$T/v1-again.pdf" "Tre grupper per termin." "Ändring 1"
expect_eq "$(info "$T/v1-again.pdf" CreationDate)" "$(utc "$(commit_time "$id" "$v1_last")")" \
	"an old version is dated by its own commit"
render "$T/rev.pdf" "$id" --rev "$(git --git-dir="$WS/repo.git" rev-parse --short=12 "$v1_last")"
CHECKS=$((CHECKS + 1))
cmp -s "$T/rev.pdf" "$T/v1-again.pdf" || fail "--rev of version 1's last commit differs from --version 1"
render "$T/v1-text.txt" "$id" --version 1
order "$T/v1-text.txt" "version 1" "Två grupper per termin."
absent "$T/v1-text.txt" "Tre grupper per termin."
expect_fail 3 "agreement $id has no version 3" ov render "$id" --version 3 -o "$T/none.pdf"
expect_fail 2 "give --version or --rev, not both" \
	ov render "$id" --version 1 --rev "$v1_last" -o "$T/none.pdf"

# Reproducible: the same version gives the same bytes, with or without
# SOURCE_DATE_EPOCH (which then sets the creation date).
render "$T/v2-again.pdf" "$id"
CHECKS=$((CHECKS + 1))
cmp -s "$T/v2.pdf" "$T/v2-again.pdf" || fail "two renders of version 2 differ"
export SOURCE_DATE_EPOCH=1774000000
render "$T/sde1.pdf" "$id" --version 1
sleep 1
render "$T/sde2.pdf" "$id" --version 1
render "$T/sde.ics" "$id"
unset SOURCE_DATE_EPOCH
CHECKS=$((CHECKS + 1))
cmp -s "$T/sde1.pdf" "$T/sde2.pdf" || fail "two renders with SOURCE_DATE_EPOCH differ"
expect_eq "$(info "$T/sde1.pdf" CreationDate)" "2026-03-20T09:46:40Z" "SOURCE_DATE_EPOCH dates the PDF"
expect_contains "$(cat "$T/sde.ics")" "DTSTAMP:20260320T094640Z" "SOURCE_DATE_EPOCH stamps the calendar"
export SOURCE_DATE_EPOCH=yesterday
expect_fail 2 "SOURCE_DATE_EPOCH" ov render "$id" -o "$T/none.pdf"
unset SOURCE_DATE_EPOCH

# The termination notice: one month's notice from the branch.
ov --as karin.ek@example.org terminate "$id" --party krets --date 2027-09-30 >/dev/null
render "$T/termination.pdf" "$id" --doc termination
pdf_ok "$T/termination.pdf" "Uppsägning, Samarbetsavtal om anhörigstöd" "$A" 1 1 \
	"avtal-$id-v2.xml" <(ov show "$id")
order "$T/termination.pdf" "Uppsägning" "Från" "Helsingborgs rödakorskrets" "Till" "Helsingborgs stad" \
	"30 september 2027" "Uppsägningstid" "en (1) månad" "30 oktober 2027" \
	"Helsingborgs rödakorskrets säger härmed upp avtalet" \
	"Stortorget 17, 251 89 Helsingborg" "Lars Öberg"
absent "$T/termination.pdf" "omedelbar verkan"
render "$T/termination.txt" "$id" --doc termination
order "$T/termination.txt" "Uppsägning" "Helsingborgs rödakorskrets" "30 oktober 2027"
ov end "$id" --date 2027-10-30 >/dev/null

# ---------------------------------------------------------------------------
# Umeå: an överenskommelse between five parties.

ov org add --name "Kriminalvården, frivården Umeå" --kind myndighet --orgnr 202199-0045 \
	--address "Box 714, 901 10 Umeå" --contact "Johanna Nyström" >/dev/null
ov org add --name "Patientnämnden, Region Västerbotten" --kind region --orgnr 232199-0174 \
	--address "Köksvägen 11, 901 89 Umeå" --contact "Elin Marklund" >/dev/null
ov org add --name "Umeå kommun, socialtjänsten" --kind kommun --orgnr 212000-9986 \
	--address "Skolgatan 31A, 901 84 Umeå" --contact "Sara Holmgren" >/dev/null
ov org add --name "Överförmyndarnämnden i Umeå" --kind kommun --orgnr 212000-9978 \
	--address "Skolgatan 31A, 901 84 Umeå" --contact "Linnea Berg" >/dev/null
ov org add --name "Föreningen Frivilliga i Umeå" --kind förening --orgnr 802499-3126 \
	--address "Storgatan 50, 903 26 Umeå" --contact "Nils Åberg" >/dev/null
# person ORGNR EMAIL NAME TITLE: an authorised signatory who also acts for the party.
person() {
	ov org signatory "$1" --name "$3" --title "$4" --email "$2" >/dev/null
	ov person add "$2" --name "$3" --org "$1" --roles "official board signatory steering" >/dev/null
}
person 202199-0045 mikael.forsberg@example.se "Mikael Forsberg" "Frivårdschef"
person 232199-0174 anders.lidstrom@example.se "Anders Lidström" "Ordförande i patientnämnden"
person 212000-9986 tomas.wikstrom@example.se "Tomas Wikström" "Socialchef"
person 212000-9978 gunilla.ohman@example.se "Gunilla Öhman" "Ordförande i överförmyndarnämnden"
person 802499-3126 maria.lundberg@example.org "Maria Lundberg" "Ordförande"
U="Kriminalvården, frivården Umeå; Patientnämnden, Region Västerbotten; Umeå kommun, socialtjänsten; Överförmyndarnämnden i Umeå och Föreningen Frivilliga i Umeå"
um="$(ov --as maria.lundberg@example.org new overenskommelse --party frivard=202199-0045 \
	--party patientnamnd=232199-0174 --party socialtjanst=212000-9986 \
	--party overformyndare=212000-9978 --party forening=802499-3126 \
	--title "Överenskommelse om frivilliga uppdrag i Umeå" --date 2025-09-02)"
uo() { ov --as maria.lundberg@example.org "$@"; }
uo contact "$um" --with "Företrädare för frivården, patientnämnden, socialtjänsten och överförmyndarnämnden" \
	--date 2025-09-02 >/dev/null
ov --as mikael.forsberg@example.se decide "$um" --party frivard --body "frivårdens ledningsgrupp" \
	--minutes "§ 7" --text "Frivården ansluter sig till överenskommelsen." --date 2025-11-04 >/dev/null
ov --as anders.lidstrom@example.se decide "$um" --party patientnamnd --body patientnämnden \
	--minutes "§ 41" --text "Nämnden godkänner överenskommelsen." --date 2025-11-12 >/dev/null
ov --as tomas.wikstrom@example.se decide "$um" --party socialtjanst --body "individ- och familjenämnden" \
	--minutes "§ 88" --text "Nämnden uppdrar åt socialchefen att underteckna." --date 2025-11-20 >/dev/null
ov --as gunilla.ohman@example.se decide "$um" --party overformyndare --body överförmyndarnämnden \
	--minutes "§ 19" --date 2025-11-25 >/dev/null
uo decide "$um" --party forening --body "föreningens styrelse" --minutes "§ 5" \
	--text "Styrelsen beslutar att ingå överenskommelsen." --date 2025-12-01 >/dev/null
render "$T/u-decision.pdf" "$um" --doc decision --party socialtjanst
pdf_ok "$T/u-decision.pdf" "Protokollsutdrag, Umeå kommun, socialtjänsten" "$U" 1 1 "avtal-$um-v1.xml" <(ov show "$um")
order "$T/u-decision.pdf" "Protokollsutdrag" "Umeå kommun, socialtjänsten" \
	"individ- och familjenämnden" "20 november 2025" "§ 88" \
	"Nämnden uppdrar åt socialchefen att underteckna." "Bifall"

uo set "$um" behov.lokala "De fyra verksamheterna söker var för sig frivilliga till liknande uppdrag."
uo set "$um" behov.foreningen "Föreningen kan rekrytera, introducera och stötta frivilliga."
uo set "$um" behov.myndigheterna "Myndigheterna beskriver uppdragen och utbildar för dem."
uo set "$um" behov.mal "Fler frivilliga uppdrag tillsatta inom sex veckor."
uo needs "$um" --date 2025-12-03 >/dev/null
render "$T/u-needs.pdf" "$um" --doc needs
pdf_ok "$T/u-needs.pdf" "Behovskartläggning, Överenskommelse om frivilliga uppdrag i Umeå" "$U" 1 2 \
	"avtal-$um-v1.xml" <(ov show "$um")
order "$T/u-needs.pdf" "Behovskartläggning" "2 september 2025" \
	"De fyra verksamheterna söker var för sig frivilliga till liknande uppdrag." \
	"Föreningen kan rekrytera, introducera och stötta frivilliga." \
	"Myndigheterna beskriver uppdragen och utbildar för dem." \
	"Fler frivilliga uppdrag tillsatta inom sex veckor."

uo set "$um" bakgrund "Parterna vill gemensamt rekrytera och stödja frivilliga."
uo set "$um" styrgrupp "Mikael Forsberg"
uo set "$um" styrgrupp "Nils Åberg"
uo set "$um" uppdrag.vem "Frivilliga som föreningen har rekryterat och introducerat."
uo set "$um" uppdrag.omfattning "Minst trettio pågående uppdrag."
uo set "$um" uppdrag.hur "Föreningen förmedlar förfrågningar från parterna till frivilliga."
uo set "$um" uppdrag.ingar-inte "Myndighetsutövning och beslut i enskilda ärenden."
for c in "Frivården beskriver uppdraget som lekmannaövervakare." \
	"Patientnämnden utbildar stödpersoner." "Socialtjänsten upplåter lokal." \
	"Överförmyndarnämnden utbildar gode män." "Föreningen samordnar förfrågningar."; do
	uo set "$um" parternas-ataganden "$c"
done
uo set "$um" foreningens-roll "Rekryterar, introducerar och stöttar frivilliga."
uo set "$um" frivilliga.antal 30
uo set "$um" ekonomi "Fika vid arbetsgruppens möten"
uo set "$um" moten "Arbetsgruppen träffas sex gånger per år, en gång med cheferna."
uo set "$um" avtalstid.start 2026-01-01
uo set "$um" ort Umeå
uo assign "$um" --date 2025-12-08 >/dev/null
uo step "$um" styrgrupp-godkanner --date 2025-12-09 >/dev/null
ov --as mikael.forsberg@example.se sign "$um" --party frivard --date 2025-12-10 >/dev/null
ov --as anders.lidstrom@example.se sign "$um" --party patientnamnd --date 2025-12-11 >/dev/null
ov --as tomas.wikstrom@example.se sign "$um" --party socialtjanst --date 2025-12-12 >/dev/null
ov --as gunilla.ohman@example.se sign "$um" --party overformyndare --date 2025-12-15 >/dev/null
uo sign "$um" --party forening --date 2025-12-16 >/dev/null
expect_eq "$(ov status "$um" --json | json 'j["phase"]')" "aktivt" "Umeå is active after five signatures"
ov show "$um" >"$T/u-v1.xml"
render "$T/u-agreement.pdf" "$um"
pdf_ok "$T/u-agreement.pdf" "Överenskommelse om frivilliga uppdrag i Umeå" "$U" 4 10 \
	"avtal-$um-v1.xml" "$T/u-v1.xml"
py every_page "$T/u-agreement.pdf" "Överenskommelse $um" "Version 1" "Sida"
order "$T/u-agreement.pdf" "Överenskommelse" "Överenskommelse om frivilliga uppdrag i Umeå" \
	"1 Parter" "fem (5) parter" "Kriminalvården, frivården Umeå" \
	"Patientnämnden, Region Västerbotten" "Umeå kommun, socialtjänsten" "Överförmyndarnämnden i Umeå" \
	"Föreningen Frivilliga i Umeå" "Kriminalvården" "202199-0045" "Patientnämnden" "232199-0174" \
	"Umeå kommun" "212000-9986" "212000-9978" "Föreningen Frivilliga" "802499-3126" "2 Bakgrund" \
	"ingen frivillig blir anställd eller får en ställning som liknar en anställning genom denna överenskommelse." \
	"3 Uppdragsbeskrivning" "Samverkan gäller de frivilliga som tar uppdrag som en lag reglerar." \
	"Myndigheten behåller hela sitt ansvar enligt lag." \
	"4 Parternas åtaganden" "Frivården beskriver uppdraget som lekmannaövervakare." \
	"Föreningen samordnar förfrågningar." "5 De frivilliga" "6 Ekonomiska villkor" \
	"7 Styrgrupp" "Mikael Forsberg" "Nils Åberg" "8 Personuppgifter" "9 Försäkring" \
	"10 Offentlighet och sekretess" "11 Avtalstid och uppföljning" \
	"Överenskommelsen gäller från och med 1 januari 2026 till och med 31 december 2026." \
	"12 Uppsägning" "Uppsägningen skickas till samtliga övriga parter." \
	"13 Tvister" "Svensk rätt gäller för överenskommelsen." \
	"14 Ändringar och tillägg" "upprättas i fem (5) likalydande exemplar, ett för varje part." \
	"Underskrifter" "Denna överenskommelse har upprättats i Umeå."
order "$T/u-agreement.pdf" "Underskrifter" "Mikael Forsberg" "Anders Lidström" "Tomas Wikström" \
	"Gunilla Öhman" "Maria Lundberg"
absent "$T/u-agreement.pdf" "Röda Korsets sju grundprinciper"

# Umeå's annual wheel: six working-group meetings, one with the managers.
render "$T/u-calendar.pdf" "$um" --doc calendar
pdf_ok "$T/u-calendar.pdf" "Årshjul, Överenskommelse om frivilliga uppdrag i Umeå" "Kriminalvården, frivården Umeå, Patientnämnden, Region Västerbotten, Umeå kommun, socialtjänsten, Överförmyndarnämnden i Umeå, Föreningen Frivilliga i Umeå" 1 1 \
	"avtal-$um-v1.xml" "$T/u-v1.xml"
order "$T/u-calendar.pdf" "Årshjul" "1 januari 2026" "Arbetsgruppsmöte" "1 mars 2026" \
	"Arbetsgruppsmöte" "1 november 2026" "Arbetsgruppsmöte med cheferna" "31 december 2026" \
	"Avtalstiden löper ut"
render "$T/u.ics" "$um" --format ics
stamp="$(date -u -d "@$(commit_time "$um")" +%Y%m%dT%H%M%SZ)"
ut="Överenskommelse om frivilliga uppdrag i Umeå"
{
	printf 'stamp\t%s\n' "$stamp"
	for d in 2026-01-01:2026-01-02 2026-03-01:2026-03-02 2026-05-01:2026-05-02 \
		2026-07-01:2026-07-02 2026-09-01:2026-09-02; do
		printf '%s-meeting-%s@overens\t%s\t%s\tArbetsgruppsmöte – %s\n' "$um" "${d%:*}" "${d%:*}" "${d#*:}" "$ut"
	done
	printf '%s-meeting-2026-11-01@overens\t2026-11-01\t2026-11-02\tArbetsgruppsmöte med cheferna – %s\n' "$um" "$ut"
	printf '%s-followup-2026-11-01@overens\t2026-11-01\t2026-11-02\tStyrgruppens årliga uppföljning – %s\n' "$um" "$ut"
	# Renewed only by a recorded decision: the term's end is its expiry.
	printf '%s-expiry-2026-12-31@overens\t2026-12-31\t2027-01-01\tAvtalstiden löper ut; avtalet upphör om det inte förnyas – %s\n' "$um" "$ut"
} >"$T/u-expect.tsv"
expect_ok python3 "$CHECK_ICS" "$T/u.ics" "$T/u-expect.tsv"

# Every agreement's calendar: of the ended Helsingborg agreement only the
# day it ended is left, Umeå's dates are all there.
render "$T/all.ics" --all
{
	cat "$T/u-expect.tsv"
	printf '%s-term-end-2027-10-30@overens\t2027-10-30\t2027-10-31\tAvtalet upphör efter uppsägning – Samarbetsavtal om anhörigstöd\n' "$id"
} >"$T/all-expect.tsv"
expect_ok python3 "$CHECK_ICS" "$T/all.ics" "$T/all-expect.tsv"
render "$T/all.pdf" --all --doc calendar
pdf_ok "$T/all.pdf" "Årshjul, Alla avtal" "Kriminalvården, frivården Umeå, Patientnämnden, Region Västerbotten, Umeå kommun, socialtjänsten, Överförmyndarnämnden i Umeå, Föreningen Frivilliga i Umeå, Helsingborgs rödakorskrets, Helsingborgs stad" 1 2 - -
order "$T/all.pdf" "Årshjul" "Alla avtal" "Datum" "Händelse" "Avtal" "1 januari 2026" \
	"Arbetsgruppsmöte $um Överenskommelse om frivilliga uppdrag i Umeå" "1 november 2026" \
	"Arbetsgruppsmöte med cheferna $um" "Avtalstiden löper ut" "$um" \
	"30 oktober 2027 Avtalet upphör efter uppsägning $id Samarbetsavtal om anhörigstöd"
expect_fail 2 "--all renders every agreement: give no ID" ov render "$um" --all -o "$T/none.ics"
expect_fail 2 "--all writes one file per agreement: -o names the folder" ov render --all --doc agreement -o "$T/none.pdf"

# Immediate termination on breach, with its reason: in an överenskommelse the
# party leaves and the four others continue; its notice names them.
ov --as tomas.wikstrom@example.se terminate "$um" --party socialtjanst --immediate \
	--reason "Föreningen har upprepade gånger lämnat ut uppgifter om enskilda." --date 2026-06-15 >/dev/null
U4="Kriminalvården, frivården Umeå; Patientnämnden, Region Västerbotten; Överförmyndarnämnden i Umeå och Föreningen Frivilliga i Umeå"
render "$T/u-termination.pdf" "$um" --doc termination
pdf_ok "$T/u-termination.pdf" "Uppsägning, Överenskommelse om frivilliga uppdrag i Umeå" "$U4" 1 2 "avtal-$um-v1.xml" <(ov show "$um")
order "$T/u-termination.pdf" "Uppsägning" "Umeå kommun, socialtjänsten" "Kriminalvården, frivården Umeå" \
	"Föreningen Frivilliga i Umeå" "15 juni 2026" "med omedelbar verkan" "Deltagandet upphör" \
	"säger härmed upp sitt deltagande i överenskommelsen" \
	"De övriga parterna fortsätter samverkan enligt en ny version av överenskommelsen utan Umeå kommun, socialtjänsten." \
	"Föreningen har upprepade gånger lämnat ut uppgifter om enskilda." "Tomas Wikström"

# ---------------------------------------------------------------------------
# Layout stress through the tool: 5,000-character fields, a 120-character
# word, optional sections left empty.  Nothing crosses the margins and no
# text is lost.

st="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 \
	--title "Avtal med mycket långa fält" --date 2026-05-01)"
python3 - "$T" <<'EOF'
import sys
t = sys.argv[1]
words = ("samtalsgrupp anhörig förening kommun ansvar volontär utbildning lokal träff "
         "måndag kväll dokumentation uppföljning årshjul tystnadslöfte").split()
def field(seed, n=5000):
    out, i = [], seed
    while len(" ".join(out)) < n:
        out.append(words[i % len(words)] + str(i))
        i += 7
    return " ".join(out)[:n].rstrip()
for k, name in enumerate(["bakgrund", "vem", "hur", "ingar"]):
    open("%s/long-%s.txt" % (t, name), "w", encoding="utf-8").write(field(k))
word = "Långtord" + "".join(chr(ord("a") + i % 26) for i in range(112))
assert len(word) == 120
open(t + "/long-word.txt", "w", encoding="utf-8").write(
    "Före ordet " + word + " och efter ordet.")
EOF
ov set "$st" bakgrund "$(cat "$T/long-bakgrund.txt")"
ov set "$st" uppdrag.vem "$(cat "$T/long-vem.txt")"
ov set "$st" uppdrag.hur "$(cat "$T/long-hur.txt")"
ov set "$st" uppdrag.ingar-inte "$(cat "$T/long-ingar.txt")"
ov set "$st" uppdrag.omfattning "$(cat "$T/long-word.txt")"
expect_eq "$(ov show "$st" | grep -c '<commitments\|<economy\|<support\|<meetings')" "0" \
	"optional sections are empty"
render "$T/stress.pdf" "$st"
pdf_ok "$T/stress.pdf" "Avtal med mycket långa fält" "$A" 5 20 "avtal-$st-v1.xml" <(ov show "$st")
for f in bakgrund vem hur ingar word; do
	py holds "$T/stress.pdf" "$T/long-$f.txt"
done
order "$T/stress.pdf" "4 Kommunens åtaganden" "Ej angivet" "6 Ekonomiska villkor" "Ej angivet"
render "$T/stress.txt" "$st"
py wrapped "$T/stress.txt" 76

# A 300-item list and a 200-row table, imported in one go.
ov show "$st" | python3 -c '
import sys
s = sys.stdin.read()
items = "".join("<item>Åtagande nummer %d: kommunen gör detta.</item>" % i for i in range(1, 301))
rows = "".join("<item payer=\"kommun\"><what>Kostnad nummer %d för material</what></item>" % i
               for i in range(1, 201))
at = s.index("</assignment>") + len("</assignment>")
sys.stdout.write(s[:at] + "<commitments>" + items + "</commitments><economy>" + rows + "</economy>" + s[at:])
' >"$T/big.xml"
expect_ok ov import "$st" "$T/big.xml"
render "$T/big.pdf" "$st"
pdf_ok "$T/big.pdf" "Avtal med mycket långa fält" "$A" 15 60 "avtal-$st-v1.xml" <(ov show "$st")
needles=()
for i in $(seq 1 300); do needles+=("Åtagande nummer $i: kommunen gör detta."); done
needles+=("Bilaga 1 Ekonomi")
for i in $(seq 1 200); do needles+=("Kostnad nummer $i för material"); done
order "$T/big.pdf" "${needles[@]}"
CHECKS=$((CHECKS + 1))
heads="$(python3 "$PY" text "$T/big.pdf" | grep -o 'Vad Betalas av Belopp' | wc -l)"
[ "$heads" -ge 3 ] || fail "the economy table's header is repeated on each of its pages (seen $heads times)"

# Hostile field content: markup, ampersands and quotes are text.
hostile='<b>fet</b> & "citat" '"'"'apostrof'"'"' <script>alert(1)</script> &amp; ]]> <?pi x?>'
ov set "$st" uppdrag.hur "$hostile"
render "$T/hostile.pdf" "$st"
render "$T/hostile.html" "$st"
render "$T/hostile.txt" "$st"
for f in "$T/hostile.pdf" "$T/hostile.txt" "$T/hostile.html"; do
	order "$f" "$hostile"
done
CHECKS=$((CHECKS + 1))
if grep -q '<b>fet</b>\|<script>' "$T/hostile.html"; then fail "markup from a field reached the HTML"; fi
expect_contains "$(cat "$T/hostile.html")" '&lt;b&gt;fet&lt;/b&gt; &amp; "citat"' "HTML escapes field text"
expect_fail 2 "" ov set "$st" uppdrag.hur "$(printf 'styrtecken \001 här')"

# Names from many alphabets (the fonts then keep their whole cmap) and
# characters outside the BMP (drawn as U+FFFD) come back as text.
python3 -c 'print("Łukasz Čapek Ağaoğlu Ærø Œuvre " + " ".join(chr(c) for c in range(0x100, 0x500, 2)))' \
	>"$T/alphabets.txt"
ov set "$st" uppdrag.hur "$(cat "$T/alphabets.txt")"
ov set "$st" uppdrag.ingar-inte "Före 😀 efter"
render "$T/alphabets.pdf" "$st"
pdf_ok "$T/alphabets.pdf" "Avtal med mycket långa fält" "$A" 15 60 "avtal-$st-v1.xml" <(ov show "$st")
py holds "$T/alphabets.pdf" "$T/alphabets.txt"
order "$T/alphabets.pdf" "Före � efter"

# Usage errors name the problem.
expect_fail 2 "give the output file with -o FILE" ov render "$id"
expect_fail 2 "unknown document 'kontrakt' (no template " ov render "$id" --doc kontrakt -o "$T/none.pdf"
expect_fail 2 "unknown document '../templates/agreement'" \
	ov render "$id" --doc ../templates/agreement -o "$T/none.pdf"
expect_fail 2 "unknown format 'docx'" ov render "$id" --format docx -o "$T/none.pdf"
expect_fail 2 "--version takes a version number" ov render "$id" --version zero -o "$T/none.pdf"
expect_fail 3 "no agreement 2099-0001" ov render 2099-0001 -o "$T/none.pdf"
# The fonts and the alignment are settings.
dv=/usr/share/fonts/truetype/dejavu
ov config render.font "$dv/DejaVuSerif.ttf"
ov config render.font-bold "$dv/DejaVuSerif-Bold.ttf"
ov config render.align left
render "$T/serif.pdf" "$id" --version 1
pdf_ok "$T/serif.pdf" "Samarbetsavtal om anhörigstöd" "$A" 4 8 "avtal-$id-v1.xml" "$T/v1-last.xml"
expect_eq "$(pdffonts "$T/serif.pdf" 2>/dev/null | tail -n +3 | awk '{ print substr($1, 8) }' | sort | tr '\n' ' ')" \
	"DejaVuSerif,Book DejaVuSerif-Bold,Bold " "the fonts set are the fonts embedded"
order "$T/serif.pdf" "Samarbetsavtal $id, version 1" "Två grupper per termin."
ov config render.font /saknas/typsnitt.ttf
expect_fail 3 "font file /saknas/typsnitt.ttf: No such file" ov render "$id" -o "$T/none.pdf"
ov config render.font "$dv/DejaVuSans.ttf"
ov config render.align ojämnt
expect_fail 2 "setting render.align is 'ojämnt' (justify or left)" ov render "$id" -o "$T/none.pdf"
ov config render.align justify

# The demo agreement: fonts embedded as subsets keep it small, and the
# Swedish text can be copied out of it.  The bound is 32,000 bytes (the
# issue's goal is 35,000; it was 30,194 on 2 December 2026 with the streams
# deflated at zlib's level 6, 31,160 on 3 December at level 3, which costs
# 3 M fewer instructions): page content 9,700, the two font subsets 8,750,
# the attached XML 2,470, what PDF/A-3b adds 3,800 (the sRGB profile, the
# XMP packet), and the other objects, in one compressed object stream
# behind a cross-reference stream, 2,900 (pdf_pack.c).  libharu's own file
# format, uncompressed dictionaries and an xref table, made it 38,715.
"$OVERENS" demo "$T/demo" >/dev/null
"$OVERENS" -C "$T/demo" render 2026-0001 -o "$T/demo.pdf" >/dev/null
CHECKS=$((CHECKS + 1))
size="$(stat -c %s "$T/demo.pdf")"
[ "$size" -le 32000 ] || fail "the demo agreement is $size bytes, more than 32,000"
check_pdfa "$T/demo.pdf" "the demo agreement"
expect_contains "$(pdftotext "$T/demo.pdf" - 2>/dev/null)" "Helsingborgs stad åtar sig följande." \
	"pdftotext: a Swedish sentence of the demo agreement"
no_warnings "$T/demo.pdf"

ov render "$id" --doc termination --format txt -o - >"$T/stdout.txt"
order "$T/stdout.txt" "Uppsägning" "30 oktober 2027"
expect_eq "$(ls "$T"/none.* 2>/dev/null)" "" "refused renders write no file"
finish
