#!/bin/bash
# The five-party överenskommelse (as in Umeå) signed digitally by every
# party's authorised signatory, each with a certificate made here (RSA and
# EC keys, PKCS#12 files): `overens verify` accepts it, and poppler's pdfsig
# with an NSS database trusting the CA lists five valid, trusted signatures
# of which only the last covers the whole file.
. "$(dirname "$0")/../lib/scenario.sh"
CNF="$OV_SOURCE_DIR/tests/fixtures/sign/openssl.cnf"
C="$T/certs"
GIT=(git --git-dir="$WS/repo.git")
export OVERENS_PASSWORD=

setup_umea
args=(); for i in 0 1 2 3 4; do args+=(--party "${roles[$i]}=${orgs[$i]}"); done

id="$(ov new overenskommelse "${args[@]}" --title "Överenskommelse om frivilliga insatser" \
	--date 2026-01-15)"
expect_ok ov contact "$id" --with "Alla fem verksamheterna" --date 2026-01-15
for i in 0 1 2 3 4; do
	expect_ok ov --as "${mails[$i]}" decide "$id" --party "${roles[$i]}" --body styrelse \
		--minutes "§ $((i + 10))" --date "2026-02-0$((i + 1))"
done
ov set "$id" behov.lokala "Stöd till personer i frivården och under förvaltarskap."
ov set "$id" behov.foreningen "Frivilliga kontaktpersoner."
ov set "$id" behov.myndigheterna "Lokaler och handledning."
ov set "$id" behov.mal "Fler meningsfulla kontakter."
expect_ok ov needs "$id" --date 2026-02-20
ov set "$id" bakgrund "Parterna vill samordna frivilliga insatser."
ov set "$id" styrgrupp "Eva Frid"
ov set "$id" styrgrupp "Sara Berg"
ov set "$id" uppdrag.vem "Föreningens frivilliga."
ov set "$id" uppdrag.hur "Arbetsgruppen fördelar uppdragen."
ov set "$id" uppdrag.ingar-inte "Myndighetsutövning."
for i in 0 1 2 3 4; do ov set "$id" parternas-ataganden "Åtagande $((i + 1))"; done
ov set "$id" foreningens-roll "Föreningen rekryterar och stöttar de frivilliga."
ov set "$id" avtalstid.start 2026-04-01
expect_ok ov assign "$id" --date 2026-03-01
expect_ok ov --as sara@example.se step "$id" styrgrupp-godkanner --date 2026-03-02
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "signering" "ready for signing"

# --- a CA and one certificate per signatory ------------------------------------------

mkdir -p "$C/ca.db/newcerts"
: > "$C/ca.db/index.txt"
echo 1000 > "$C/ca.db/serial"
export OVT_CADIR="$C/ca.db"
openssl req -x509 -new -newkey rsa:2048 -nodes -keyout "$C/ca.key" -out "$C/ca.pem" -days 3650 \
	-subj '/C=SE/O=Överens scenariotest/CN=Umeå test-CA' -config "$CNF" -extensions v3_ca \
	2>/dev/null || { echo "cannot make the CA" >&2; exit 1; }
for i in 0 1 2 3 4; do
	k="$C/s$i.key"
	if [ $((i % 2)) -eq 0 ]; then
		openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$k" 2>/dev/null
	else
		openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$k" 2>/dev/null
	fi
	openssl req -new -key "$k" -out "$C/s$i.csr" -config "$CNF" \
		-subj "/C=SE/O=Umeå/CN=${names[$i]}/emailAddress=${mails[$i]}"
	openssl ca -batch -config "$CNF" -in "$C/s$i.csr" -out "$C/s$i.pem" -cert "$C/ca.pem" \
		-keyfile "$C/ca.key" -extensions v3_signer -notext -days 30 2>/dev/null ||
		{ echo "cannot make certificate $i" >&2; exit 1; }
	openssl pkcs12 -export -inkey "$k" -in "$C/s$i.pem" -certfile "$C/ca.pem" \
		-name "${names[$i]}" -out "$C/s$i.p12" -passout "pass:lösen-$i"
	printf 'lösen-%d\n' "$i" > "$C/s$i.pass"
done
mkdir -p "$T/nss"
certutil -N --empty-password -d "sql:$T/nss"
certutil -A -n ca -t "CT,C,C" -i "$C/ca.pem" -d "sql:$T/nss"
expect_ok ov trust add "$C/ca.pem"

# --- five signatures ---------------------------------------------------------------------

for i in 0 1 2 3 4; do
	expect_ok ov --as "${mails[$i]}" sign "$id" --party "${roles[$i]}" --p12 "$C/s$i.p12" \
		--password-file "$C/s$i.pass" --place Umeå --date "2026-03-1$i"
	if [ "$i" -lt 4 ]; then
		expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "signering" "waiting after $((i + 1))"
		expect_eq "$(ov verify "$id" --json | json 'j["ok"], len(j["signatures"])')" \
			"False $((i + 1))" "not valid with $((i + 1)) of five"
	fi
done
# Once every party has signed, version 1 takes no further signature.
expect_fail 5 "'sign' is not possible in phase 'aktivt'" \
	ov --as eva@example.se sign "$id" --party frivard --p12 "$C/s0.p12" --password-file "$C/s0.pass"
expect_eq "$(ov status "$id" --json --date 2026-03-14 | json 'j["phase"]')" "aktivt" "active after five"

v="$(ov verify "$id" --json)"
expect_ok ov verify "$id"
expect_eq "$(echo "$v" |
	json 'j["ok"], j["all_parties_signed"], j["xml_matches"], j["appended_after_last"]')" \
	"True True True False" "verify: all holds"
expect_eq "$(echo "$v" | json '[s["party"] for s in j["signatures"]]')" \
	"['frivard', 'patientnamnd', 'socialtjanst', 'overformyndare', 'forening']" "verify: parties in order"
expect_eq "$(echo "$v" | json '[s["signer"] for s in j["signatures"]]')" \
	"['Eva Frid', 'Olof Nilsson', 'Sara Berg', 'Nils Ås', 'Maja Öst']" "verify: signers"
expect_eq "$(echo "$v" | json '[s["whole_file"] for s in j["signatures"]]')" \
	"[False, False, False, False, True]" "verify: only the last covers the file"
expect_eq "$(echo "$v" | json 'all(s["digest_ok"] and s["trusted"] and s["covers_document_to_here"]
	for s in j["signatures"])')" \
	"True" "verify: every digest and chain"

S="$T/signed.pdf"
"${GIT[@]}" show "main:agreements/${id: -2}/$id/signed/v1.pdf" > "$S"
check_pdfa "$S" "five signatures"
expect_ok ov verify "$S"
sig="$(pdfsig -nssdir "sql:$T/nss" "$S" 2>&1 || true)"
expect_eq "$(grep -c '^Signature #' <<<"$sig")" "5" "pdfsig: five signatures"
expect_eq "$(grep -c 'Signature Validation: Signature is Valid.' <<<"$sig")" "5" "pdfsig: five valid"
expect_eq "$(grep -c 'Certificate Validation: Certificate is Trusted.' <<<"$sig")" "5" \
	"pdfsig: five trusted"
expect_eq "$(grep -c '  - Total document signed' <<<"$sig")" "1" "pdfsig: one covers the whole file"
expect_eq "$(grep -c 'Not total document signed' <<<"$sig")" "4" "pdfsig: four earlier ones do not"
expect_eq "$(awk '/^Signature #/ { n = $2 } /Total document signed/ && !/Not/ { print n }' <<<"$sig")" \
	"#5:" "pdfsig: the whole file is signed by the fifth"
for i in 0 1 2 3 4; do
	expect_contains "$sig" "Signer Certificate Common Name: ${names[$i]}" "pdfsig names ${names[$i]}"
done
expect_ok qpdf --check "$S"
expect_contains "$(pdftotext "$S" - 2>/dev/null)" "Överenskommelse om frivilliga insatser" \
	"pdftotext: title"
pdfdetach -save 1 -o "$T/embedded.xml" "$S" 2>/dev/null
"${GIT[@]}" show "$id-v1:agreements/${id: -2}/$id/agreement.xml" > "$T/tagged.xml"
expect_ok cmp "$T/embedded.xml" "$T/tagged.xml"
expect_ok git --git-dir="$WS/repo.git" fsck --strict
finish
