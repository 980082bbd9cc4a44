#!/bin/bash
# A first digital signature killed (SIGKILL) at each step of its write:
# pdf-attached (the PDF being made, its attachments in temporary files,
# which must not outlive the process), sign-pdf-made (the PDF signed,
# nothing written), txn-objects-written (the
# commit object written), txn-tag-written (the version tag made, main not
# moved), txn-ref-moved (main moved, index behind), txn-index-written.
# After each: git is sound, the next command sees one consistent state
# (the signature and its tag both there, or no signature and at most the
# tag, which the retry keeps), the signature is made again if it did not
# land, the second party signs, and `verify` and `fsck` pass.  Then a
# version tag deleted by hand: verify fails, `fsck` names it, an admin's
# `fsck --repair` makes it again and everything verifies.
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/signing.sh"
ADMIN=ada.admin@example.se

mkdir -p "$C"
mkca ca '/C=SE/O=Överens scenariotest/CN=Scenario-CA'
cert ca lars "/C=SE/O=Helsingborgs rödakorskrets/CN=Lars Öberg/emailAddress=$LARS" v3_signer lars -days 30
cert ca per "/C=SE/O=Helsingborgs stad/CN=Per Ståhl/emailAddress=$PER" v3_signer per -days 30
openssl pkcs12 -export -inkey "$C/lars.key" -in "$C/lars.pem" -certfile "$C/ca.pem" \
	-name "Lars Öberg" -out "$C/lars.p12" -passout pass:hemligt-lars
printf 'hemligt-lars\n' > "$C/lars.pass"
cat "$C/per.pem" "$C/ca.pem" > "$C/per-chain.pem"

setup_helsingborg
ov person add "$ADMIN" --name "Ada Admin" --org 212000-0258 --roles admin >/dev/null
ov trust add "$C/ca.pem" >/dev/null

sign_lars() { ov --as "$LARS" sign "$1" --party krets --p12 "$C/lars.p12" --password-file "$C/lars.pass"; }
sign_per() { ov --as "$PER" sign "$1" --party kommun --key "$C/per.key" --cert "$C/per-chain.pem"; }
n_git() { "${GIT[@]}" log --format=%H --grep="^Agreement: $1\$" main | wc -l; }
tag_of() { "${GIT[@]}" rev-parse -q --verify "refs/tags/$1^{commit}" || echo none; }
tag_obj() { "${GIT[@]}" rev-parse -q --verify "refs/tags/$1" || echo none; }
fsck_rc() { local rc=0; ov fsck >/dev/null 2>&1 || rc=$?; echo "$rc"; }

mkdir "$T/tmp"
for point in pdf-attached sign-pdf-made txn-objects-written txn-tag-written txn-ref-moved txn-index-written; do
	id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 \
		--title "Avtal för $point" --date 2026-01-12)"
	to_signing "$id" >/dev/null
	PDF="agreements/${id: -2}/$id/signed/v1.pdf"
	frozen="$("${GIT[@]}" rev-parse main)"
	rc=0
	{ TMPDIR="$T/tmp" OVERENS_FAULT=$point sign_lars "$id" >/dev/null 2>&1; } 2>/dev/null || rc=$?
	expect_eq "$rc" "137" "$point: the signer died of SIGKILL"
	expect_eq "$(ls -A "$T/tmp")" "" "$point: no temporary file outlives the signer"
	expect_ok git --git-dir="$WS/repo.git" fsck --strict
	case $point in
	pdf-attached|sign-pdf-made|txn-objects-written|txn-tag-written) landed=no;;
	*) landed=yes;;
	esac
	if [ $landed = no ]; then
		expect_eq "$("${GIT[@]}" rev-parse main)" "$frozen" "$point: main did not move"
	else
		expect_eq "$("${GIT[@]}" rev-parse main^)" "$frozen" "$point: main moved to the sign event"
	fi
	expect_eq "$("${GIT[@]}" cat-file -e "main:$PDF" 2>/dev/null && echo yes || echo no)" \
		"$landed" "$point: the signed PDF is in git only if the signature landed"
	case $point in
	pdf-attached|sign-pdf-made|txn-objects-written)
		expect_eq "$(tag_of "$id-v1")" "none" "$point: no tag";;
	*) expect_eq "$(tag_of "$id-v1")" "$frozen" "$point: the tag names the frozen text";;
	esac
	# The next command sees git's state, whole.
	s="$(ov status "$id" --json 2>/dev/null)"
	expect_eq "$(echo "$s" | json 'j["phase"], [p["signed"] is not None for p in j["parties"]]')" \
		"signering [$([ $landed = yes ] && echo True || echo False), False]" \
		"$point: status shows the signature only if it landed"
	expect_eq "$(ov log "$id" --json | json 'len(j)')" "$(n_git "$id")" \
		"$point: the index holds every commit git has"
	expect_eq "$(fsck_rc)" "0" "$point: fsck finds nothing wrong"
	if [ $landed = no ]; then
		tag_before="$(tag_obj "$id-v1")"
		expect_ok sign_lars "$id"
		[ "$tag_before" = none ] ||
			expect_eq "$(tag_obj "$id-v1")" "$tag_before" "$point: the retry kept the tag"
	fi
	expect_eq "$(tag_of "$id-v1")" "$frozen" "$point: signed once, tagged at the frozen text"
	expect_ok sign_per "$id"
	expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "aktivt" "$point: both signed"
	expect_report 0 "Resultat: giltigt" ov verify "$id"
	expect_eq "$(fsck_rc)" "0" "$point: fsck after both signatures"
	expect_ok git --git-dir="$WS/repo.git" fsck --strict
done

# --- a version tag deleted by hand, and repaired -------------------------------------------

"${GIT[@]}" tag -d "$id-v1" >/dev/null
expect_report 7 "INTE GILTIGT" ov verify "$id"
expect_eq "$(fsck_rc)" "7" "fsck fails while the tag is missing"
expect_report 7 "taggen $id-v1 saknas" ov fsck
expect_contains "$report" "och taggen ska peka på $frozen" "fsck names the frozen commit"
expect_contains "$report" "overens --as ADMIN fsck --repair" "fsck says how to repair"
before="$(snapshot)"
expect_fail 4 "only a person with the role admin may repair the history" ov fsck --repair
expect_eq "$(snapshot) $(tag_of "$id-v1")" "$before none" "a refused repair writes nothing"
expect_report 0 "[reparerad] tagg saknas" ov --as "$ADMIN" fsck --repair
expect_eq "$(tag_of "$id-v1")" "$frozen" "the tag is back at the frozen text"
msg="$("${GIT[@]}" log -1 --format=%B main)"
expect_contains "$msg" "Event: fsck-repair" "the repair is an event commit"
expect_contains "$msg" "Tag: $id-v1" "naming the tag"
expect_report 0 "Resultat: giltigt" ov verify "$id"
expect_report 0 "fsck: historiken är hel, inga avvikelser" ov fsck
expect_ok git --git-dir="$WS/repo.git" fsck --strict
finish
