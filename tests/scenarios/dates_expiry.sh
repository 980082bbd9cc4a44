#!/bin/bash
# Issue 10, defect 4: an expired agreement is not active.  When a fixed
# term passes with no renewal, status, list and due show it as expired as
# of the day asked (it used to show "Aktivt" with no dates), and due warns
# ahead of the expiry.  And (design item 6): the derived dates of a tacitly
# renewed agreement stay bounded, while `due` answers any window, years
# after the start.
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/dates.sh"
use_workflows
make_workflow fast 'length="P1Y" renewal="fixed" notice="P1M"'
setup_helsingborg

f="$(activate fast 2026-04-01)"
expect_eq "$(ov status "$f" --json --date 2027-03-31 | json 'j["expired"]')" "False" "active on its last day"
expect_contains "$(ov due --date 2027-03-01 --within 60d)" "2027-03-31  $f  expiry" "due warns ahead of the expiry"
st="$(ov status "$f" --json --date 2027-04-01)"
expect_eq "$(echo "$st" | json 'j["expired"]')" "True" "expired the day after"
expect_eq "$(echo "$st" | json 'j["dates"]')" "[]" "no coming dates"
expect_contains "$(ov status "$f" --date 2027-04-01)" "Utgånget: avtalstiden har löpt ut 2027-03-31" "status says so"
expect_contains "$(ov list --date 2027-04-01)" "$f  utganget      2027-03-31" "list marks it expired"
expect_eq "$(ov list --json --date 2027-04-01 | json "[r['expired'] for r in j if r['id']=='$f'][0]")" "True" "list --json"
expect_eq "$(ov list --json --date 2027-03-01 | json "[r['expired'] for r in j if r['id']=='$f'][0]")" "False" "not expired before"
expect_eq "$(ov due --date 2027-04-01 --within 1y --json | json "len([d for d in j if d['agreement']=='$f'])")" "0" \
	"nothing falls due after the expiry"
expect_fail 5 "the agreement expired on 2027-03-31 (its term was not renewed); close it with overens end $f" \
	ov --as karin.ek@example.org terminate "$f" --party krets --date 2027-05-01
expect_eq "$(ov status "$f" --json | json 'j["phase"]')" "aktivt" "the phase in git does not change by itself"

# Tacit renewal, years later: every window is answered from the rules.
t="$(activate samverkansavtal 2026-04-01)"
expect_ok followup "$t" 2027-02-01 continue
expect_ok followup "$t" 2028-02-01 continue
expect_eq "$(ov due --date 2040-01-01 --within 1y --json | json "[(d['date'], d['kind']) for d in j if d['agreement']=='$t']")" \
	"[('2040-02-01', 'followup'), ('2040-02-29', 'notice'), ('2040-03-31', 'term-end')]" \
	"due fourteen years on (a leap year)"
expect_eq "$(ov due --date 2028-03-01 --within 2y --json | json "[(d['date'], d['kind']) for d in j if d['agreement']=='$t']")" \
	"[('2028-03-31', 'term-end'), ('2029-02-01', 'followup'), ('2029-02-28', 'notice'), ('2029-03-31', 'term-end'), ('2030-02-01', 'followup'), ('2030-02-28', 'notice')]" \
	"due across the indexed horizon"
expect_eq "$(ov list --json --date 2040-01-01 | json "[r['next_date'] for r in j if r['id']=='$t'][0]")" "2040-02-01" \
	"list: the next date years on"
expect_eq "$(ov status "$t" --json --date 2040-01-01 | json 'j["term_end"]')" "2040-03-31" "status: the term in force"
expect_eq "$(ov show "$t" | grep -c "<date ")" "5" "the stored dates cover the term in force and the next only"
finish
