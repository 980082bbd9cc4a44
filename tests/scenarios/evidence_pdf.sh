#!/bin/bash
# The evidence record inside each signed PDF: a two-version agreement signed
# digitally by both parties in each version.  Each version's signed PDF ends
# with the evidence page (Bevislogg) and carries bevislogg.xml, made at the
# freeze: the events up to the frozen text and, in version 2, version 1's
# signatures as its signed PDF holds them.  The signatures stay valid, the
# file stays PDF/A-3b and `render --version N` still gives what was signed.
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/signing.sh"

two_signers
mkdir "$T/nss"
certutil -N --empty-password -d "sql:$T/nss"
certutil -A -n ca -t CT,C,C -i "$C/ca.pem" -d "sql:$T/nss"

setup_helsingborg
ov trust add "$C/ca.pem" >/dev/null
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 \
	--title "Samarbetsavtal om anhörigstöd" --date 2026-01-12)"
GIT=(git --git-dir="$WS/repo.git")
dir="agreements/${id: -2}/$id"
sign_both() {
	ov --as "$LARS" sign "$1" --party krets --p12 "$C/lars.p12" --password-file "$C/p.pass" >/dev/null
	ov --as "$PER" sign "$1" --party kommun --p12 "$C/per.p12" --password-file "$C/p.pass" >/dev/null
}
to_signing "$id"
frozen1="$("${GIT[@]}" rev-parse main)"
sign_both "$id"
ov amend "$id" --summary "Tre grupper per termin" --date 2026-05-01 >/dev/null
ov set "$id" uppdrag.omfattning "Tre grupper per termin."
ov --as "$LARS" approve "$id" --party krets --date 2026-05-10 >/dev/null
ov --as "$PER" approve "$id" --party kommun --date 2026-05-12 >/dev/null
frozen2="$("${GIT[@]}" rev-parse main)"
sign_both "$id"
expect_eq "$(ov status "$id" --json | json 'j["phase"], j["version"]')" "aktivt 2" \
	"version 2 signed by both"
for v in 1 2; do
	"${GIT[@]}" show "main:$dir/signed/v$v.pdf" > "$T/v$v.pdf"
done
frozen=("" "$frozen1" "$frozen2")

# xp FILE XPATH: the values xmllint finds, one a line.
xp() { xmllint --xpath "$2" "$1" 2>/dev/null | sed -E 's/ ?[a-z0-9-]+="([^"]*)"/\1\n/g' | sed '/^$/d'; }

for v in 1 2; do
	pdf="$T/v$v.pdf"
	# The signatures hold, for poppler and for overens; the file is PDF/A-3b.
	sig="$(pdfsig -nssdir "sql:$T/nss" "$pdf" 2>&1 || true)"
	expect_eq "$(grep -c 'Signature Validation: Signature is Valid.' <<<"$sig")" "2" \
		"version $v: pdfsig finds both signatures valid"
	expect_ok ov verify "$pdf"
	check_pdfa "$pdf" "version $v's signed PDF"

	# bevislogg.xml: attached beside the agreement's XML, valid, made at the freeze.
	mkdir "$T/d$v"
	expect_ok pdfdetach -saveall -o "$T/d$v" "$pdf"
	expect_eq "$(ls "$T/d$v" | tr '\n' ' ')" "avtal-$id-v$v.xml bevislogg.xml " \
		"version $v: the agreement's XML and the evidence log are attached"
	log="$T/d$v/bevislogg.xml"
	expect_ok xmllint --noout --relaxng "$OV_SOURCE_DIR/templates/evidence.rng" "$log"
	expect_eq "$(xp "$log" 'string(/evidence/@stage)')" "signing" "version $v: the signing stage"
	expect_eq "$(xp "$log" 'string(/evidence/@commit)')" "${frozen[$v]}" \
		"version $v: the log ends at the frozen text"
	# Every event of the agreement's history up to the freeze, in order, and none after.
	"${GIT[@]}" log --format=%H --reverse "${frozen[$v]}" -- "$dir/agreement.xml" > "$T/hist$v"
	xp "$log" '//event/@commit' > "$T/ev$v"
	expect_eq "$(tail -n1 "$T/ev$v")" "${frozen[$v]}" "version $v: the last event is the freeze"
	expect_eq "$(grep -c . "$T/ev$v")" "$(grep -cFf "$T/ev$v" "$T/hist$v")" \
		"version $v: every event is a commit of the agreement"
	expect_eq "$(xp "$log" 'count(//event[@kind="contact"])')" "1" "version $v: the first contact"

	# The evidence page(s) after the signature page: Bevislogg and every event's commit.
	last="$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')"
	first="$last"
	while [ "$first" -gt 1 ] && ! pdftotext -f "$first" -l "$first" "$pdf" - |
		grep -q '^Bevislogg$'; do
		first=$((first - 1))
	done
	text="$(pdftotext -f "$first" -l "$last" "$pdf" - | tr -d ' \n')"
	expect_contains "$text" "Bevislogg" "version $v: the evidence page"
	expect_eq "$(pdftotext -f "$((first - 1))" -l "$((first - 1))" "$pdf" - | grep -c '^Underskrifter$')" \
		"1" "version $v: the evidence follows the signature page"
	missing=0
	while read -r c; do
		case "$text" in *"${c:0:10}"*) ;; *) missing=$((missing + 1));; esac
	done < "$T/ev$v"
	expect_eq "$missing" "0" "version $v: the page shows every event's commit"
	expect_contains "$(pdftotext -f "$last" -l "$last" "$pdf" - | tr -d '\n')" \
		"förs in i nästa versions bevislogg" "version $v: the closing sentence on the last page"

	# What was signed is what `render --version N` gives, evidence page and all.
	ov render "$id" --version "$v" -o "$T/r$v.pdf" >/dev/null
	expect_eq "$(head -c "$(stat -c %s "$T/r$v.pdf")" "$pdf" | cmp - "$T/r$v.pdf" && echo same)" \
		"same" "version $v: render --version $v gives the signed base"
done

# Version 1 was the first: no earlier signatures.  Its sign events are in version 2's log.
expect_eq "$(xp "$T/d1/bevislogg.xml" 'count(//signed-version)')" "0" "version 1: nothing earlier"
expect_eq "$(xp "$T/d1/bevislogg.xml" 'count(//event[@kind="sign"])')" "0" "version 1: no signature yet"
log="$T/d2/bevislogg.xml"
expect_eq "$(xp "$log" 'count(//event[@kind="sign"])')" "2" "version 2: version 1's two sign events"
expect_eq "$(xp "$log" 'count(//event[@kind="amend"])')" "1" "version 2: the amendment"
expect_eq "$(xp "$log" 'string(//signed-version/@version)')" "1" "version 2 names version 1"
expect_eq "$(xp "$log" 'string(//signed-version/@commit)')" "$frozen1" "version 1's frozen commit"
expect_eq "$(xp "$log" 'string(//signed-version/document/@sha256)')" \
	"$(sha256sum < "$T/v1.pdf" | cut -c1-64)" "version 1's signed PDF, by its hash"
text="$(pdftotext "$T/v2.pdf" - | tr -d ' \n')"
for n in lars per; do
	serial="$(openssl x509 -in "$C/$n.pem" -noout -serial | cut -d= -f2)"
	fp="$(openssl x509 -in "$C/$n.pem" -noout -fingerprint -sha256 | cut -d= -f2 | tr -d : |
		tr 'A-F' 'a-f')"
	expect_eq "$(xp "$log" "string(//signature[certificate/sha256='$fp']/certificate/serial)")" \
		"$serial" "version 2: $n's certificate, serial and fingerprint"
	expect_contains "$text" "$fp" "version 2's page: $n's fingerprint"
done
# Each revision's hash is that of the first BYTES bytes of version 1's signed PDF.
xp "$log" '//signed-version//revision/@bytes' > "$T/revs"
expect_eq "$(grep -c . "$T/revs")" "2" "version 2: both of version 1's revisions"
while read -r b; do
	s="$(head -c "$b" "$T/v1.pdf" | sha256sum | cut -c1-64)"
	expect_eq "$(xp "$log" "string(//revision[@bytes='$b']/@sha256)")" "$s" "revision $b of version 1"
	expect_contains "$text" "$s" "version 2's page: revision $b's hash"
done < "$T/revs"

# An ordinary render is not a PDF made for signing: no evidence page, no log.
ov render "$id" -o "$T/now.pdf" >/dev/null
expect_eq "$(pdfdetach -list "$T/now.pdf" | grep -c bevislogg || true)" "0" "render: no evidence log"
expect_eq "$(pdftotext "$T/now.pdf" - | grep -c '^Bevislogg$' || true)" "0" "render: no evidence page"
finish
