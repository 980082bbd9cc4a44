#!/bin/bash
# A party may leave an agreement of many parties (issue 10, defect 6).  The
# överenskommelse says <parties leave="party">: one party's notice ends only
# its own participation.  The party leaves on the day the terminate event's
# rule gives; the remaining parties approve the new version without it, as an
# amendment, and sign it.  With only two parties the same notice ends the
# agreement; a leave waits while another amendment is open.
. "$(dirname "$0")/../lib/scenario.sh"
setup_umea

# --- two parties: the notice ends the agreement --------------------------------------------
two="$(ov new overenskommelse --party frivard=202100-0068 --party patientnamnd=232100-0016 --date 2026-01-15)"
umea_to_active "$two" 2
expect_eq "$(ov status "$two" --json --date 2026-03-14 | json 'j["phase"]')" "aktivt" "two parties: active"
expect_ok ov --as olof@example.se terminate "$two" --party patientnamnd --date 2026-09-10
st="$(ov status "$two" --json --date 2026-09-10)"
expect_eq "$(echo "$st" | json 'j["phase"]')" "uppsagd" "two parties: the notice ends the agreement"
expect_eq "$(echo "$st" | json 'len(j["parties"]), j["departed"]')" "2 []" "two parties: nobody left"
ends="$(ov show "$two" | sed -n 's/.*<termination [^>]*effective="\([0-9-]*\)".*/\1/p')"
expect_contains "$ends" "2027-" "two parties: notice ends it at the term's end (notice-to=\"term-end\")"

# --- four parties: one leaves, three continue under version 2 -------------------------------
id="$(ov new overenskommelse --party frivard=202100-0068 --party patientnamnd=232100-0016 \
	--party socialtjanst=212000-2247 --party overformyndare=212000-2239 --date 2026-01-15)"
umea_to_active "$id" 4
expect_eq "$(ov status "$id" --json --date 2026-03-14 | json 'j["phase"], j["version"]')" "aktivt 1" \
	"four parties: active, version 1"

# Another amendment open: the party cannot leave until it is settled.
expect_ok ov --as eva@example.se amend "$id" --summary "Arbetsgruppen möts fyra gånger per år." \
	--date 2026-05-04
head="$(snapshot)"
expect_fail 5 "$id: party 'overformyndare' cannot leave while amendment 1 is proposed; the parties approve it first" \
	ov --as nils@example.se terminate "$id" --party overformyndare --date 2026-05-05
expect_eq "$(snapshot)" "$head" "refused leave writes nothing"
for i in 0 1 2 3; do
	ov --as "${mails[$i]}" approve "$id" --party "${roles[$i]}" --date 2026-05-1$i >/dev/null
done
for i in 0 1 2 3; do
	ov --as "${mails[$i]}" sign "$id" --party "${roles[$i]}" --place Umeå --date 2026-05-2$i >/dev/null
done
st="$(ov status "$id" --json --date 2026-05-31)"
expect_eq "$(echo "$st" | json 'j["phase"], j["version"]')" "aktivt 2" "the amendment is signed: version 2"

# Överförmyndarnämnden gives notice: it leaves, the others get the amendment.
expect_ok ov --as nils@example.se terminate "$id" --party overformyndare \
	--reason "Nämnden organiserar om sitt arbete." --date 2026-09-10
st="$(ov status "$id" --json --date 2026-09-10)"
expect_eq "$(echo "$st" | json 'j["phase"]')" "andring" "the leave goes to the remaining parties"
expect_eq "$(echo "$st" | json '[p["role"] for p in j["parties"]]')" \
	"['frivard', 'patientnamnd', 'socialtjanst']" "three parties remain"
left="$(echo "$st" | json '[(p["role"], p["name"], p["notice"], p["left"]) for p in j["departed"]]')"
expect_eq "$left" "[('overformyndare', 'Överförmyndarnämnden i Umeå', '2026-09-10', '$ends')]" \
	"the left party with its leaving date, by the terminate event's rule"
xml="$(ov show "$id")"
expect_contains "$xml" "<departure party=\"overformyndare\" date=\"2026-09-10\" immediate=\"no\" notice=\"P1M\" effective=\"$ends\" by=\"nils@example.se\">" \
	"the departure is recorded"
expect_contains "$xml" "<reason>Nämnden organiserar om sitt arbete.</reason>" "with its reason"
expect_contains "$xml" '<amendment n="2" from-version="2" to-version="3" date="2026-09-10" party="overformyndare" status="proposed" leaving="overformyndare">' \
	"the amendment for the remaining parties"
case "$xml" in *"<termination"*) fail "a leave is not a termination of the agreement";; esac
log="$(ov log "$id")"
expect_contains "$log" "Överförmyndarnämnden i Umeå lämnar samverkan, deltagandet upphör $ends; de övriga parterna godkänner version 3 utan Överförmyndarnämnden i Umeå" \
	"log: the leave"

# The party that left takes no further step; the remaining three approve and sign.
head="$(snapshot)"
expect_fail 4 "approve: nils@example.se acts for 212000-2239, which is not a party of this agreement" \
	ov --as nils@example.se approve "$id" --party overformyndare --date 2026-09-11
expect_eq "$(snapshot)" "$head" "the leaving party's approval is refused"
for i in 0 1 2; do
	expect_ok ov --as "${mails[$i]}" approve "$id" --party "${roles[$i]}" --date "2026-09-1$((i + 1))"
done
st="$(ov status "$id" --json --date 2026-09-14)"
expect_eq "$(echo "$st" | json 'j["phase"], j["version"]')" "signering 3" "approved by the three: version 3 to sign"
for i in 0 1 2; do
	expect_ok ov --as "${mails[$i]}" sign "$id" --party "${roles[$i]}" --place Umeå --date "2026-09-2$i"
done
st="$(ov status "$id" --json --date 2026-09-22)"
expect_eq "$(echo "$st" | json 'j["phase"], j["version"], len(j["parties"])')" "aktivt 3 3" \
	"version 3 signed by the three remaining parties"
expect_eq "$(echo "$st" | json '[(p["role"], p["signed"]) for p in j["parties"]]')" \
	"[('frivard', '2026-09-20'), ('patientnamnd', '2026-09-21'), ('socialtjanst', '2026-09-22')]" \
	"each remaining party signed version 3"
expect_eq "$(echo "$st" | json '[(p["role"], p["left"]) for p in j["departed"]]')" \
	"[('overformyndare', '$ends')]" "status still names the party that left"
txt="$(ov status "$id" --date 2026-09-22)"
expect_contains "$txt" "Har lämnat avtalet:
  overformyndare Överförmyndarnämnden i Umeå (212000-2239), uppsagt 2026-09-10, deltagandet upphör $ends" \
	"status text: the party that left"

# Three parties: one more leaves, two remain (the workflow's minimum).
expect_ok ov --as sara@example.se terminate "$id" --party socialtjanst --date 2026-10-01
expect_eq "$(ov status "$id" --json --date 2026-10-01 | json 'j["phase"], len(j["parties"]), len(j["departed"])')" \
	"andring 2 2" "three parties: one leaves, two remain"
for i in 0 1; do ov --as "${mails[$i]}" approve "$id" --party "${roles[$i]}" --date 2026-10-0$((i + 2)) >/dev/null; done
for i in 0 1; do ov --as "${mails[$i]}" sign "$id" --party "${roles[$i]}" --place Umeå --date 2026-10-0$((i + 4)) >/dev/null; done
expect_eq "$(ov status "$id" --json --date 2026-10-05 | json 'j["phase"], j["version"]')" "aktivt 4" "version 4 of two parties"
# Two parties: the next notice ends the agreement.
expect_ok ov --as olof@example.se terminate "$id" --party patientnamnd --date 2026-11-02
expect_eq "$(ov status "$id" --json --date 2026-11-02 | json 'j["phase"]')" "uppsagd" \
	"with two parties left, the notice ends the agreement"

expect_ok ov fsck
expect_ok ov reindex
expect_ok git --git-dir="$WS/repo.git" fsck --strict
finish
