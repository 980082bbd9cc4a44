#!/bin/bash
# The reviewer's export: a two-version agreement signed digitally in both
# versions, exported to a zip and checked with stock tools only, exactly as
# its LÄSMIG.txt says (sha256sum, certutil and pdfsig, git, xmllint,
# openssl): no overens after the export.  Then a tampered file, --as-of
# (one version) and an existing output refused.
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/signing.sh"

two_signers

setup_helsingborg
ov trust add "$C/ca.pem" >/dev/null
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 \
	--title "Samarbetsavtal om anhörigstöd" --date 2026-01-12)"
to_signing "$id"
sign_both() {
	ov --as "$LARS" sign "$1" --party krets --p12 "$C/lars.p12" --password-file "$C/p.pass" >/dev/null
	ov --as "$PER" sign "$1" --party kommun --p12 "$C/per.p12" --password-file "$C/p.pass" >/dev/null
}
sign_both "$id"
ov amend "$id" --summary "Tre grupper per termin" --date 2026-05-01 >/dev/null
ov set "$id" uppdrag.omfattning "Tre grupper per termin."
ov --as "$LARS" approve "$id" --party krets --date 2026-05-10 >/dev/null
ov --as "$PER" approve "$id" --party kommun --date 2026-05-12 >/dev/null
sign_both "$id"
expect_eq "$(ov status "$id" --json | json 'j["phase"], j["version"]')" "aktivt 2" \
	"version 2 signed by both"

# --- the export, checked with stock tools only -------------------------------------

per_fp="$(ov verify "$id" --json | json 'j["signatures"][1]["fingerprint"]')"
expect_eq "${#per_fp}" "64" "verify --json reports the certificate's fingerprint"
expect_ok ov export "$id" -o "$T/granskning.zip"
expect_eq "$out" "$T/granskning.zip" "export names the zip"
expect_fail 1 "already exists" ov export "$id" -o "$T/granskning.zip"
expect_ok ov export "$id" -o "$T/granskning.zip" --force
X="$T/x"
mkdir "$X"
(cd "$X" && python3 -m zipfile -e "$T/granskning.zip" .)
cd "$X"
R="$(cat LÄSMIG.txt)"
expect_contains "$R" "sha256sum -c SHA256SUMS" "LÄSMIG: the checksums"
expect_ok sha256sum -c SHA256SUMS
# Step 2 of LÄSMIG.txt, run as written there.
mkdir nss
expect_contains "$R" "certutil -N --empty-password -d sql:nss" "LÄSMIG: the NSS database"
certutil -N --empty-password -d sql:nss
for f in ca/*.pem; do certutil -A -n "$f" -t CT,C,C -i "$f" -d sql:nss; done
for v in 1 2; do
	expect_contains "$R" "pdfsig -nssdir sql:nss $id-v$v.pdf" "LÄSMIG: pdfsig of version $v"
	pdfsig -nssdir sql:nss "$id-v$v.pdf" > "pdfsig-$v.txt" 2>&1 || true
	expect_eq "$(grep -c 'Signature is Valid' "pdfsig-$v.txt")" "2" "version $v: both signatures valid"
	expect_eq "$(grep -c 'Certificate is Trusted' "pdfsig-$v.txt")" "2" "version $v: both trusted"
done
# Step 3: the history.
expect_contains "$R" "git -C historik bundle verify ../historik.bundle" "LÄSMIG: bundle verify"
expect_ok git clone -q historik.bundle historik
expect_ok git -C historik bundle verify ../historik.bundle
expect_eq "$(git -C historik tag | tr '\n' ' ')" "$id-v1 $id-v2 " "the clone has both tags"
expect_eq "$(git -C historik rev-parse main)" "$("${GIT[@]}" rev-parse main)" "the clone's main is main"
expect_eq "$(git -C historik log --format=%s main | grep -c "^sign: $id")" "4" \
	"the clone's history has the four signatures"
for v in 1 2; do
	step="git -C historik show $id-v$v:agreements/${id: -2}/$id/agreement.xml | cmp - $id-v$v.xml"
	expect_contains "$R" "$step" "LÄSMIG: the tag of version $v against its XML"
	expect_ok sh -c "$step"
done
expect_ok git -C historik fsck --strict
# Step 4: the evidence logs.
for v in 1 2; do
	expect_contains "$R" "xmllint --noout --relaxng evidence.rng $id-v$v-bevis.xml" "LÄSMIG: xmllint $v"
	expect_ok xmllint --noout --relaxng evidence.rng "$id-v$v-bevis.xml"
	for n in lars per; do
		fp="$(openssl x509 -in "$C/$n.pem" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr A-F a-f)"
		expect_contains "$(cat "$id-v$v-bevis.xml")" "<sha256>$fp</sha256>" \
			"version $v's evidence names $n's certificate"
	done
	# the fingerprint as LÄSMIG.txt has it read from the PDF: pdfsig -dump, openssl
	expect_contains "$R" "pdfsig -dump $id-v<N>.pdf" "LÄSMIG: pdfsig -dump"
	pdfsig -dump "$id-v$v.pdf" >/dev/null 2>&1 || true
	for k in 0 1; do
		fp="$(openssl pkcs7 -inform DER -in "$id-v$v.pdf.sig$k" -print_certs |
			openssl x509 -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr A-F a-f)"
		expect_eq "$(xmllint --xpath "string(//signature[$((k + 1))]/certificate/sha256)" \
			"$id-v$v-bevis.xml")" "$fp" "version $v, signature $k: the fingerprint in the PDF"
	done
	# each signed revision's hash, with head and sha256sum
	xmllint --xpath '//revision/@bytes' "$id-v$v-bevis.xml" | grep -o '[0-9]*' > "rev-$v"
	while read -r b; do
		s="$(head -c "$b" "$id-v$v.pdf" | sha256sum | cut -c1-64)"
		expect_contains "$(cat "$id-v$v-bevis.xml")" "bytes=\"$b\" sha256=\"$s\"" "revision $b of v$v"
	done < "rev-$v"
	# the log made at the freeze, attached to the PDF, as LÄSMIG.txt has it taken out
	expect_contains "$R" "pdfdetach -save 2 -o bevislogg.xml $id-v<N>.pdf" "LÄSMIG: pdfdetach"
	rm -f bevislogg.xml
	expect_ok pdfdetach -save 2 -o bevislogg.xml "$id-v$v.pdf"
	expect_ok xmllint --noout --relaxng evidence.rng bevislogg.xml
	expect_eq "$(xmllint --xpath 'string(/evidence/@stage)' bevislogg.xml)" "signing" \
		"version $v's PDF carries the log of its freeze"
done
rm -f bevislogg.xml
v1="$(cat "$id-v1-bevis.xml")"
v2="$(cat "$id-v2-bevis.xml")"
expect_contains "$v2" 'kind="amend"' "version 2's evidence has the amendment"
expect_eq "$(echo "$v1" | grep -c 'kind="amend"')" "0" "version 1's ends at its last signature"
expect_contains "$v1" 'kind="contact"' "the evidence has the first contact"
expect_contains "$v1" '<phase from="" to="kontakt"/>' "the first event starts the first phase"
# the same fingerprint as `overens verify --json` reports (read before the export was unpacked)
expect_contains "$v2" "<sha256>$per_fp</sha256>" "evidence and verify agree on the fingerprint"
expect_contains "$v2" '<actor name="Per Ståhl" email="per.stahl@example.se"/>' "actors named"
# A tampered file fails the checksums.
cp "$id-v2.pdf" "$T/v2-orig.pdf"; printf x >> "$id-v2.pdf"
expect_fail 1 "did NOT match" sha256sum -c SHA256SUMS
cd "$T"

# --- --as-of: one version; a folder ---------------------------------------------------

# Both versions were signed today (the signing time is the clock's): version 2 is in force.
today="$(TZ=Europe/Stockholm date +%F)"
expect_ok ov export "$id" -o "$T/v.zip" --as-of "$today"
expect_eq "$(python3 -m zipfile -l "$T/v.zip" | grep -c "$id-v[0-9].pdf")" "1" "--as-of: one version"
expect_contains "$(python3 -m zipfile -l "$T/v.zip")" "$id-v2.pdf" "--as-of: version 2 in force"
expect_fail 3 "no version of $id was in force" ov export "$id" -o "$T/none.zip" --as-of 2025-01-01
expect_eq "$(ls "$T" | grep -c none)" "0" "nothing written on a refusal"
id2="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --title "Osignerat" \
	--date 2026-01-12)"
expect_fail 3 "agreement $id2 has no signed PDF yet" ov export "$id2" -o "$T/osignerat.zip"
expect_eq "$(ls "$T" | grep -c osignerat)" "0" "no export of an unsigned agreement"
expect_fail 2 "say what to export" ov export "$id" -o "$T/x.pdf"
expect_ok ov export "$id" --signed -o "$T/signed.pdf"
expect_ok cmp "$T/signed.pdf" "$T/v2-orig.pdf"
expect_ok ov export "$id" -o "$T/mapp/"
expect_ok sh -c "cd '$T/mapp' && sha256sum -c SHA256SUMS"
mkdir "$T/dir"
expect_ok ov export "$id" -o "$T/dir"
expect_ok test -f "$T/dir/$id/LÄSMIG.txt"
expect_fail 1 "already exists" ov export "$id" -o "$T/dir/"
expect_fail 1 "already exists" ov export "$id" -o "$T/dir/" --force
finish
