#!/bin/bash
# No combination the tool accepts leaves an expired agreement stuck.  An
# överenskommelse renews only by a recorded decision (renew); a party's
# leaving or an amendment may still be signed when the term runs out.
# - renew is possible while a new version is approved or signed, once the
#   agreement has been in force (not before its first signing);
# - an agreement whose term ran out refuses every event but `end`, which
#   closes it from any phase as of the term's last day; status offers only
#   that step;
# - an unsigned draft with a start has no dates: no follow-up, notice
#   deadline, term end or meeting in status, list, due or remind.
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/dates.sh"
use_workflows
make_workflow fast 'length="P1Y" renewal="fixed" notice="P6M"'
setup_umea
three=(--party frivard=202100-0068 --party patientnamnd=232100-0016 --party socialtjanst=212000-2247)
steps() { ov status "$1" --json --date "$2" | json '" ".join(s["event"] for s in j["next_steps"])'; }

# --- renew while a leave is signed ----------------------------------------------------------
a="$(ov new overenskommelse "${three[@]}" --date 2026-01-15)"
umea_to_active "$a" 3
expect_ok ov --as sara@example.se terminate "$a" --party socialtjanst --date 2027-03-01
expect_ok ov --as eva@example.se renew "$a" --date 2027-03-05
expect_eq "$(ov status "$a" --json --date 2027-03-05 | json 'j["phase"], j["term_end"]')" \
	"andring 2028-03-31" "renewed while the leave is approved"
for i in 0 1; do
	expect_ok ov --as "${mails[$i]}" approve "$a" --party "${roles[$i]}" --date "2027-03-1$i"
done
expect_fail 5 "the term is already renewed until 2028-03-31" \
	ov --as eva@example.se renew "$a" --date 2027-03-15
for i in 0 1; do
	expect_ok ov --as "${mails[$i]}" sign "$a" --party "${roles[$i]}" --place Umeå --date 2027-04-0$((i + 1))
done
st="$(ov status "$a" --json --date 2027-04-05)"
expect_eq "$(echo "$st" | json 'j["phase"], j["version"], j["expired"]')" "aktivt 2 False" \
	"version 2 signed after the first term's end: still in force"

# Renew in phase signering before the first signing: never in force.
b="$(ov new overenskommelse "${three[@]}" --date 2026-01-15)"
umea_to_active "$b" 3 1
expect_eq "$(ov status "$b" --json --date 2026-06-01 | json 'j["phase"], j["dates"], j["term_end"]')" \
	"signering [] None" "b: signed by one of three: no dates yet"
expect_fail 5 "the agreement has not come into force" ov --as eva@example.se renew "$b" --date 2026-03-11

# --- the term runs out while a leave is signed: only `end` ----------------------------------
c="$(ov new overenskommelse "${three[@]}" --date 2026-01-15)"
umea_to_active "$c" 3
expect_ok ov --as sara@example.se terminate "$c" --party socialtjanst --date 2027-03-01
for i in 0 1; do
	expect_ok ov --as "${mails[$i]}" approve "$c" --party "${roles[$i]}" --date "2027-03-1$i"
done
expired="the agreement expired on 2027-03-31 (its term was not renewed); close it with overens end $c"
expect_fail 5 "$expired" ov --as eva@example.se sign "$c" --party frivard --place Umeå --date 2027-04-01
expect_fail 5 "$expired" ov --as eva@example.se renew "$c" --date 2027-04-03
expect_fail 5 "$expired" ov --as eva@example.se terminate "$c" --party frivard --date 2027-04-03
expect_fail 5 "$expired" ov --as eva@example.se amend "$c" --summary "Förläng" --date 2027-04-04
expect_eq "$(steps "$c" 2027-03-31)" "sign cancel-signing renew" "c: signing on the term's last day"
st="$(ov status "$c" --json --date 2027-04-05)"
expect_eq "$(echo "$st" | json 'j["phase"], j["expired"]')" "signering True" "c: expired while signed"
expect_eq "$(steps "$c" 2027-04-05)" "end" "c: status offers only the closing step"
expect_contains "$(ov status "$c" --date 2027-04-05)" "Nästa steg: overens end $c" "c: status text"
expect_ok ov --as eva@example.se end "$c" --date 2027-04-06
expect_eq "$(ov status "$c" --json --date 2027-04-06 | json 'j["phase"], j["next_steps"]')" "avslutat []" \
	"c: closed in the final phase"
expect_contains "$(ov log "$c")" "avtalet har upphört 2027-03-31 (avtalstiden löpte ut utan förnyelse)" \
	"c: closed as of the term's last day"
expect_fail 5 "the agreement has ended" ov --as eva@example.se amend "$c" --summary x --date 2027-04-07

# --- a fixed term runs out in the active phase ----------------------------------------------
ov org add --name "Helsingborgs rödakorskrets" --kind krets --orgnr 802002-8711 --address Helsingborg \
	--contact "Karin Ek" --contact-email karin.ek@example.org >/dev/null
ov org add --name "Helsingborgs stad" --kind kommun --orgnr 212000-0258 --address Helsingborg \
	--contact "Åsa Lindqvist" --contact-email asa.lindqvist@example.se >/dev/null
ov org signatory 802002-8711 --name "Lars Öberg" --title Ordförande --email lars.oberg@example.org >/dev/null
ov org signatory 212000-0258 --name "Per Ståhl" --title Förvaltningschef --email per.stahl@example.se >/dev/null
ov person add asa.lindqvist@example.se --name "Åsa Lindqvist" --org 212000-0258 --roles official >/dev/null
ov person add karin.ek@example.org --name "Karin Ek" --org 802002-8711 --roles official >/dev/null
ov person add lars.oberg@example.org --name "Lars Öberg" --org 802002-8711 --roles "board signatory" >/dev/null
ov person add per.stahl@example.se --name "Per Ståhl" --org 212000-0258 --roles "official signatory" >/dev/null
ov config user.email asa.lindqvist@example.se
f="$(activate fast 2027-03-01)"
expect_eq "$(steps "$f" 2028-02-29)" "followup amend terminate" "fixed: its steps on the last day"
expect_eq "$(steps "$f" 2028-03-05)" "end" "fixed: only end once expired"
expect_fail 5 "expired on 2028-02-29 (its term was not renewed); close it with overens end $f" \
	followup "$f" 2028-03-05 continue
expect_ok ov end "$f" --date 2028-03-05
expect_eq "$(ov status "$f" --json | json 'j["phase"]')" "avslutat" "fixed: closed"

# --- an unsigned draft has no dates ---------------------------------------------------------
d="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --title Utkast --date 2026-01-05)"
expect_ok ov contact "$d" --with "Karin Ek" --date 2026-01-05
expect_ok ov set "$d" avtalstid.start 2026-02-01
st="$(ov status "$d" --json --date 2026-06-01)"
expect_eq "$(echo "$st" | json 'j["phase"], j["dates"], j["followups"], j["term_end"]')" "beslut [] [] None" \
	"draft: no dates in status"
expect_eq "$(ov list --json --date 2026-06-01 | json "[r['next_date'] for r in j if r['id']=='$d'][0]")" "None" \
	"draft: no next date in list"
expect_eq "$(ov due --date 2026-01-01 --within 2y --json | json "len([x for x in j if x['agreement']=='$d'])")" "0" \
	"draft: nothing due"
expect_eq "$(ov show "$d" | grep -c "<dates")" "0" "draft: no stored dates"
ov config smtp.url smtp://127.0.0.1:1
ov config smtp.from "Överens <noreply@example.se>"
expect_eq "$(ov remind --today 2026-11-20 --within 30d --dry-run | grep -c "^Ämne:.*\(uppföljning\|Uppföljning\|uppsägning\|Avtalstid\|avtalstid\)")" \
	"0" "draft: remind plans no date reminders"
finish
