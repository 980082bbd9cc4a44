#!/bin/bash
# `overens verify` against forgeries, made as an attacker would: certificates
# from the workspace's own trusted CA, and signed PDFs changed by hand
# (tests/lib/pdfforge.py writes incremental updates and signs with the stock
# `openssl cms`, so nothing `overens sign` checks stands in its way).  Each
# forgery must be reported invalid (exit 7) with the reason; a control
# forgery by the rightful signatory shows the forger's signatures are
# otherwise sound.  Also: the first signature certifies the document
# (DocMDP, permission 2), the PDF names its commit and tree, `export
# --signed`, history rewritten outside the tool, unproven signing times,
# bytes after %%EOF and PDFs that do not parse.
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/signing.sh"
export PYTHONDONTWRITEBYTECODE=1
forge() { python3 "$OV_SOURCE_DIR/tests/lib/pdfforge.py" "$@"; }
# forge_kommun IN OUT KEY CERT [OPTIONS]: the kommun's field signed by the
# holder of KEY, placed in the kommun's signature box.
forge_kommun() {
	forge sign "$1" "$2" --field Underskrift-kommun --key "$3" --cert "$4" \
		--chain "$C/ca.pem" --rect "$KBOX" "${@:5}"
}
# pdfnow [SECONDS]: a PDF date, now plus SECONDS, in UTC.
pdfnow() { date -u -d "@$(($(date +%s) + ${1:-0}))" +"D:%Y%m%d%H%M%S+00'00'"; }
vjson() { ov verify "$@" --json 2>/dev/null || true; }
# check_of PDF N NAME [OPTIONS]: the result of signature N's check NAME.
check_of() {
	vjson "$1" "${@:4}" |
		json "[c['ok'] for c in j['signatures'][$2]['checks'] if c['check'] == '$3'][0]"
}

mkdir -p "$C"
mkca ca '/C=SE/O=Överens scenariotest/CN=Scenario-CA'
LARS_DN="/C=SE/O=Helsingborgs rödakorskrets/CN=Lars Öberg/emailAddress=$LARS"
PER_DN="/C=SE/O=Helsingborgs stad/CN=Per Ståhl/emailAddress=$PER"
cert ca lars "$LARS_DN" v3_signer lars -days 30
cert ca per "$PER_DN" v3_signer per -days 30
cert ca per-server "$PER_DN" v3_server per -days 30
cert ca per-email "$PER_DN" v3_signer_email per -days 30
cert ca per-expired "$PER_DN" v3_signer per -startdate 20200101000000Z -enddate 20210101000000Z
cert ca olle '/C=SE/O=Helsingborgs stad/CN=Olle Obehörig/emailAddress=olle@example.se' \
	v3_signer olle -days 30
for n in lars per per-server per-email; do cat "$C/$n.pem" "$C/ca.pem" > "$C/$n-chain.pem"; done

setup_helsingborg
ov trust add "$C/ca.pem" >/dev/null
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 \
	--title "Samarbetsavtal om anhörigstöd" --date 2026-01-12)"
to_signing "$id"

# --- the first signature, by the real tool -------------------------------------

expect_ok ov --as "$LARS" sign "$id" --party krets --key "$C/lars.key" \
	--cert "$C/lars-chain.pem" --date 2026-03-20
expect_ok ov export "$id" --signed -o "$T/s1.pdf"
expect_eq "$(sha256sum < "$T/s1.pdf")" \
	"$("${GIT[@]}" show "main:agreements/${id: -2}/$id/signed/v1.pdf" | sha256sum)" \
	"export --signed writes the signed PDF from git"
expect_fail 2 "say what to export: --signed" ov export "$id" -o "$T/x.pdf"
expect_fail 3 "no agreement 2026-0099" ov export 2026-0099 --signed -o "$T/x.pdf"

# The first signature certifies: DocMDP with permission 2.
perms="$(qpdf --json=2 --json-key=qpdf "$T/s1.pdf" | python3 -c '
import json, sys
o = json.load(sys.stdin)["qpdf"][1]
cat = o["obj:" + o["trailer"]["value"]["/Root"]]["value"]
sig = o["obj:" + cat["/Perms"]["/DocMDP"]]["value"]
ref = sig["/Reference"][0]
print(sig["/Type"], ref["/TransformMethod"], ref["/TransformParams"]["/P"])')"
expect_eq "$perms" "/Sig /DocMDP 2" "the catalog's /Perms /DocMDP names the first signature, P 2"
expect_eq "$(vjson "$T/s1.pdf" | json 'j["signatures"][0]["certify"]')" "2" \
	"verify reports the certifying signature"
# The PDF names the commit and tree of the text it carries: the version tag's.
target="$("${GIT[@]}" rev-parse "$id-v1^{commit}")"
tree="$("${GIT[@]}" rev-parse "$id-v1^{tree}")"
expect_contains "$(pdfinfo "$T/s1.pdf" 2>/dev/null | sed -n 's/^Keywords: *//p')" \
	"commit=$target tree=$tree" "the PDF names its commit and tree"
expect_eq "$(vjson "$T/s1.pdf" | json 'j["commit"]')" "$target" "verify names the signed commit"

# --- a control: the rightful signatory, signing with the forger -----------------

# The kommun's box, as the first signature saved it: [x1 y1 x2 y2].
KBOX="$("${GIT[@]}" show "main:agreements/${id: -2}/$id/signed/v1-fields.xml" | python3 -c '
import sys, xml.etree.ElementTree as E
f = [f for f in E.parse(sys.stdin).getroot() if f.get("party") == "kommun"][0]
x, y, w, h = (float(f.get(k)) for k in "xywh")
print("%.2f %.2f %.2f %.2f" % (x, y, x + w, y + h))')"

forge_kommun "$T/s1.pdf" "$T/control.pdf" "$C/per.key" "$C/per.pem" --time "$(pdfnow)"
expect_eq "$(pdfsig -nocert "$T/control.pdf" 2>/dev/null | grep -c 'Signature is Valid.')" "2" \
	"pdfsig: the forger's signatures are sound"
for c in bytes certificate signer field time changes; do
	expect_eq "$(check_of "$T/control.pdf" 1 "$c")" "True" "control: check $c holds"
done
expect_eq "$(check_of "$T/control.pdf" 0 changes)" "True" "control: only the next signature was added"
expect_report 7 "finns inte i historiken (ingen sign-händelse för part kommun" \
	ov verify "$T/control.pdf"

# --- 1, 2: the kommun's field signed by someone else ------------------------------

forge_kommun "$T/s1.pdf" "$T/f1.pdf" "$C/lars.key" "$C/lars.pem" --time "$(pdfnow)"
expect_report 7 "certifikatet (Lars Öberg <$LARS>) namnger ingen behörig firmatecknare för Helsingborgs stad" \
	ov verify "$T/f1.pdf"
expect_eq "$(check_of "$T/f1.pdf" 1 certificate)" "True" "1: the certificate itself is trusted"
expect_eq "$(check_of "$T/f1.pdf" 1 signer)" "False" "1: the signer is not the kommun's"

forge_kommun "$T/s1.pdf" "$T/f2.pdf" "$C/olle.key" "$C/olle.pem" --time "$(pdfnow)"
expect_report 7 "certifikatet (Olle Obehörig <olle@example.se>) namnger ingen behörig firmatecknare" \
	ov verify "$T/f2.pdf"

# --- 3, 4: unsigned changes between the first and the second signature ----------

forge page "$T/s1.pdf" "$T/p.pdf"
forge_kommun "$T/p.pdf" "$T/f3.pdf" "$C/per.key" "$C/per.pem" --time "$(pdfnow)"
expect_eq "$(pdfsig -nocert "$T/f3.pdf" 2>/dev/null | grep -c 'Signature is Valid.')" "2" \
	"3: both signatures are mathematically valid"
expect_contains "$(pdftotext "$T/f3.pdf" - 2>/dev/null)" "kommunen betalar allt" "3: the page is there"
expect_report 7 "dokumentet ändrades efter underskriften" ov verify "$T/f3.pdf"
expect_contains "$(vjson "$T/f3.pdf" | json 'j["signatures"][0]["problem"]')" "har ändrats" \
	"3: the change names the changed object"
expect_eq "$(check_of "$T/f3.pdf" 1 signer)" "True" "3: the second signer is rightful"

forge overlay "$T/s1.pdf" "$T/o.pdf"
forge_kommun "$T/o.pdf" "$T/f4.pdf" "$C/per.key" "$C/per.pem" --time "$(pdfnow)"
expect_contains "$(pdftotext -l 1 "$T/f4.pdf" - 2>/dev/null)" "5 000 000 kronor" \
	"4: the overlay shows on page 1"
expect_report 7 "dokumentet ändrades efter underskriften" ov verify "$T/f4.pdf"
expect_eq "$(check_of "$T/f4.pdf" 0 changes)" "False" "4: the krets signature reports the change"

# Updates that other readers would read differently: an object given a new
# generation (its old references point at nothing), a cross-reference
# stream named in a trailer, a widget with actions of its own.
for kind in gen xrefstm; do
	forge "$kind" "$T/s1.pdf" "$T/$kind.pdf"
	forge_kommun "$T/$kind.pdf" "$T/f-$kind.pdf" "$C/per.key" "$C/per.pem" --time "$(pdfnow)"
done
expect_report 7 "har fått generation 1" ov verify "$T/f-gen.pdf"
expect_report 7 "en uppdatering har /XRefStm i sin trailer" ov verify "$T/f-xrefstm.pdf"
forge_kommun "$T/s1.pdf" "$T/f-aa.pdf" "$C/per.key" "$C/per.pem" --time "$(pdfnow)" \
	--widget-extra "/AA <</U <</S /URI /URI (http://127.0.0.1/)>>>>"
expect_report 7 "det tillagda underskriftsfältet har nyckeln /AA" ov verify "$T/f-aa.pdf"
# A signature spread over the page instead of the party's box.
forge sign "$T/s1.pdf" "$T/f-rect.pdf" --field Underskrift-kommun --key "$C/per.key" \
	--cert "$C/per.pem" --chain "$C/ca.pem" --time "$(pdfnow)" --rect "0 0 595 842"
expect_report 7 "är inte partens underskriftsruta" ov verify "$T/f-rect.pdf"
# The signatory's name without the registered e-mail address is not enough.
cert ca per-noemail "/C=SE/O=Helsingborgs stad/CN=Per Ståhl" v3_signer per -days 30
forge_kommun "$T/s1.pdf" "$T/f-name.pdf" "$C/per.key" "$C/per-noemail.pem" --time "$(pdfnow)"
expect_eq "$(check_of "$T/f-name.pdf" 1 signer)" "False" "a name alone does not make the signatory"

# --- 5: a certificate for servers only ---------------------------------------------

remember_head="$(snapshot)"
expect_fail 2 "does not allow signing documents (its extendedKeyUsage" \
	ov --as "$PER" sign "$id" --party kommun --key "$C/per.key" --cert "$C/per-server-chain.pem"
expect_eq "$(snapshot)" "$remember_head" "5: the refused signature wrote nothing"
forge_kommun "$T/s1.pdf" "$T/f5.pdf" "$C/per.key" "$C/per-server.pem" --time "$(pdfnow)"
expect_report 7 "extendedKeyUsage tillåter inte att dokument undertecknas" ov verify "$T/f5.pdf"

# --- 6: an expired certificate and a claimed time set back -------------------------

forge_kommun "$T/s1.pdf" "$T/f6.pdf" "$C/per.key" "$C/per-expired.pem" --time "D:20200601120000+02'00'"
expect_eq "$(check_of "$T/f6.pdf" 1 time)" "False" "6: the time check fails"
expect_report 7 "den påstådda tiden (/M) 2020-06-01T12:00:00+02:00 ligger före" ov verify "$T/f6.pdf"
expect_report 7 "tiden är bara påstådd av den som skrev under" \
	ov verify "$T/f6.pdf" --accept-unproven-time

# An unproven time: valid when claimed (after the freeze), expired now.
start="$(date -u -d '-1 day' +%Y%m%d%H%M%SZ)"
end="$(date -u -d '+3 seconds' +%Y%m%d%H%M%SZ)"
cert ca per-short "$PER_DN" v3_signer per -startdate "$start" -enddate "$end"
claimed="$(pdfnow 1)"
sleep 4
forge_kommun "$T/s1.pdf" "$T/f6b.pdf" "$C/per.key" "$C/per-short.pem" --time "$claimed"
expect_eq "$(check_of "$T/f6b.pdf" 1 certificate)" "True" "unproven: valid at the claimed time"
expect_eq "$(check_of "$T/f6b.pdf" 1 time)" "False" "unproven: refused by default"
expect_eq "$(vjson "$T/f6b.pdf" | json 'j["unproven_time"]')" "True" "unproven: reported"
expect_contains "$(vjson "$T/f6b.pdf" | json 'j["signatures"][1]["problem"]')" \
	"är obevisad (ingen tidsstämpel) och certifikatet håller inte i dag" "unproven: the reason"
expect_eq "$(check_of "$T/f6b.pdf" 1 time --accept-unproven-time)" "True" \
	"unproven: accepted with --accept-unproven-time"

# --- 9: bytes after %%EOF ----------------------------------------------------------

forge append "$T/s1.pdf" "$T/f9.pdf"
size="$(stat -c %s "$T/s1.pdf")"
expect_report 7 "från byte $size" ov verify "$T/f9.pdf"
expect_eq "$(vjson "$T/f9.pdf" | json 'j["appended_after_last"], j["appended_at"]')" \
	"True $size" "9: appended, at the end of the signed file"

# --- 10: no trust verdict without a parsed signature -----------------------------

python3 - "$T/s1.pdf" "$T/f10.pdf" <<'EOF'
import re, sys
d = bytearray(open(sys.argv[1], 'rb').read())
m = list(re.finditer(rb'/Contents <(3082)', d))[-1]
d[m.start(1):m.start(1) + 4] = b'0000'   # the CMS no longer parses
open(sys.argv[2], 'wb').write(d)
EOF
out10="$(ov verify "$T/f10.pdf" 2>&1 || true)"
expect_contains "$out10" "inte prövat: underskriften kunde inte läsas" "10: no verdict on the certificate"
case "$out10" in *"inte betrott"*|*"INTE BETROTT"*) fail "10: a trust verdict for an unread signature";; esac
CHECKS=$((CHECKS + 1))
expect_report 7 "Resultat: INTE GILTIGT" ov verify "$T/f10.pdf"
head -c 5000 "$T/s1.pdf" > "$T/cut.pdf"
expect_fail 2 "cut.pdf: PDF offset" ov verify "$T/cut.pdf"
out_cut="$(ov verify "$T/cut.pdf" 2>&1 || true)"
case "$out_cut" in *betrott*) fail "10: a trust verdict for a PDF that does not parse";; esac
CHECKS=$((CHECKS + 1))

# One signature claimed by many fields: refused at once, not verified 100 times.
python3 - "$T/s1.pdf" "$T/many.pdf" "$OV_SOURCE_DIR/tests/lib" <<'EOF'
import re, sys
sys.path.insert(0, sys.argv[3])
import pdfforge as f
d = open(sys.argv[1], 'rb').read()
sig = int(re.search(rb'/T \(Underskrift-krets\) /V (\d+) 0 R', d).group(1))
n = f.size_of(d)
objs = {n + k: b'<</FT /Sig /T (f%d) /V %d 0 R>>' % (k, sig) for k in range(100)}
root = f.root_of(d)
cat = f.newest(d, root)
m = re.search(rb'/Fields\s*\[', cat)
objs[root] = cat[:m.end()] + b''.join(b'%d 0 R ' % k for k in sorted(objs)) + cat[m.end():]
open(sys.argv[2], 'wb').write(f.append_update(d, objs))
EOF
expect_report 7 "share one signature" ov verify "$T/many.pdf"

# A second field named as the first, signed by someone else: each signature
# is matched to its party and its data by its field's name, so two fields
# of one name are refused (ISO 32000-1 12.7.3.2: a full name is unique).
forge sign "$T/s1.pdf" "$T/dupname.pdf" --field Underskrift-krets --key "$C/per.key" \
	--cert "$C/per.pem" --chain "$C/ca.pem" --rect "$KBOX" --time "$(pdfnow)"
expect_report 7 "two signature fields are named Underskrift-krets" ov verify "$T/dupname.pdf"

# --- the second signature, by the real tool, with an emailProtection certificate -

expect_ok ov --as "$PER" sign "$id" --party kommun --key "$C/per.key" \
	--cert "$C/per-email-chain.pem" --date 2026-03-24
expect_report 0 "Resultat: giltigt" ov verify "$id"
ov export "$id" --signed -o "$T/s2.pdf" >/dev/null
expect_eq "$(vjson "$T/s2.pdf" | json '[c["check"] for c in j["signatures"][1]["checks"]]')" \
	"['bytes', 'certificate', 'signer', 'field', 'time', 'changes']" "verify --json lists every check"
expect_eq "$(pdfsig -nocert "$T/s2.pdf" 2>/dev/null | grep -c 'Signature is Valid.')" "2" \
	"pdfsig: both real signatures valid"

# --- the signed PDF in git changed outside Överens: nobody signs on top of it ----

id2="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
to_signing "$id2"
ov --as "$LARS" sign "$id2" --party krets --key "$C/lars.key" --cert "$C/lars-chain.pem" >/dev/null
git clone -q "$WS/repo.git" "$T/forge2"
P2="agreements/${id2: -2}/$id2/signed/v1.pdf"
forge page "$T/forge2/$P2" "$T/forge2/$P2.new"
mv "$T/forge2/$P2.new" "$T/forge2/$P2"
git -C "$T/forge2" -c user.email=m@example.com -c user.name=M commit -q -am "sign: $id2

Agreement: $id2
Event: sign
Version: 1
Party: krets"
git -C "$T/forge2" push -q origin main
before2="$(snapshot)"
expect_fail 7 "the signed PDF in git is damaged or was changed after its last signature" \
	ov --as "$PER" sign "$id2" --party kommun --key "$C/per.key" --cert "$C/per-email-chain.pem"
expect_eq "$(snapshot)" "$before2" "nothing signed on top of a changed file"

# --- 7: history rewritten outside the tool ---------------------------------------

git clone -q "$WS/repo.git" "$T/forge"
git -C "$T/forge" config user.email mallory@example.com
git -C "$T/forge" config user.name Mallory
XML="agreements/${id: -2}/$id/agreement.xml"
sed -i 's/Två grupper per termin./Tio grupper per termin./' "$T/forge/$XML"
git -C "$T/forge" commit -q -am "followup: $id uppföljning

Agreement: $id
Event: followup
Date: 2027-02-01
Actor: asa.lindqvist@example.se"
forged="$(git -C "$T/forge" rev-parse HEAD)"
git -C "$T/forge" push -q origin main
expect_report 7 "commit ${forged:0:12} (followup) ändrar avtalstexten efter att version 1 undertecknades" \
	ov verify "$id"
expect_eq "$(vjson "$id" | json 'j["history_ok"]')" "False" "7: history_ok is false"
# A rewrite that drops the frozen version from main altogether.
git -C "$T/forge" reset -q --hard "$target^"
sed -i 's/Två grupper per termin./Tjugo grupper per termin./' "$T/forge/$XML"
git -C "$T/forge" commit -q -am "set: $id omfattning"
git -C "$T/forge" push -q --force origin main 2>/dev/null
expect_report 7 "pekar på commit ${target:0:12}, som inte finns i main" ov verify "$T/s2.pdf"

finish
