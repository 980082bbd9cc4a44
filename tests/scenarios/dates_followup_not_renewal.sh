#!/bin/bash
# Issue 10, defect 1: a follow-up is not a renewal.  With Lund's schedule
# (a follow-up after six and after twelve months, then yearly, a shipped
# option of the samverkansavtal workflow) two follow-ups with "continue" in
# the first year used to extend the term by two years.  Now the follow-ups
# are recorded and the term end moves only by a renewal: computed for a
# tacit one, recorded (`renew`) for an explicit one.  Month ends: a term
# from 31 August has its follow-ups on 28/29 February and 31 August.
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/dates.sh"
use_workflows
make_workflow uttrycklig 'length="P1Y" renewal="explicit" period="P1Y" notice="P1M"'
setup_helsingborg

# Lund's schedule from a month end, in a leap year.
id="$(activate samverkansavtal 2027-08-31 lund)"
expect_eq "$(ov show "$id" | grep -c 'followups="lund"')" "1" "the agreement chose Lund's schedule"
expect_eq "$(dates_of "$id" 2027-08-31 followup)" "2028-02-29 2028-08-31" "Lund: six and twelve months from 31 August"
expect_eq "$(dates_of "$id" 2028-08-31 followup)" "2028-08-31 2029-08-31" "then yearly"
expect_eq "$(dates_of "$id" 2027-08-31 term-end)" "2028-08-30 2029-08-30" "term ends (tacit renewal)"

# Two follow-ups with "continue" in the first year: the term end stays.
expect_ok followup "$id" 2028-02-29 continue
expect_ok followup "$id" 2028-08-31 continue
expect_eq "$(ov show "$id" | grep -o '<term [^>]*>')" \
	'<term start="2027-08-31" end="2028-08-30" duration="P1Y" renewal="tacit" period="P1Y" notice="P1M" notice-to="period" followups="lund"/>' \
	"follow-ups do not move the term end"
expect_eq "$(ov status "$id" --json --date 2028-08-30 | json 'j["term_end"]')" "2028-08-30" "the first term ends 2028-08-30"
expect_eq "$(ov status "$id" --json --date 2028-09-01 | json 'j["term_end"]')" "2029-08-30" "renewed tacitly by one year, not two"
expect_eq "$(ov status "$id" --json --date 2028-09-01 | json 'j["expired"]')" "False" "a tacit term does not expire"
log="$(ov log "$id")"
case "$log" in *"förlängs"*) fail "the log says a follow-up extended the term";; esac
expect_eq "$(git --git-dir="$WS/repo.git" log --format=%B --grep='^Event: followup' | grep -c '^Term-End:')" "0" \
	"no Term-End trailer on follow-ups"
# A tacit term needs no renewal step: the workflow has none.
expect_fail 5 "'renew' is not possible in phase 'aktivt' (Aktivt avtal); possible now: followup amend terminate" \
	ov renew "$id" --date 2028-03-01

# The schedule is one of the workflow's.
draft="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-05)"
expect_fail 2 "uppfoljning: 'kvartal' is not one of the choices (arlig lund)" ov set "$draft" uppfoljning kvartal

# The yearly schedule is the default.
id2="$(activate samverkansavtal 2026-04-01)"
expect_eq "$(dates_of "$id2" 2026-04-01 followup)" "2027-02-01 2028-02-01" "yearly by default"

# Explicit renewal: only `renew` moves the term end, by one period, and it is logged.
id3="$(activate uttrycklig 2026-03-01)"
expect_eq "$(dates_of "$id3" 2026-03-01 expiry)" "2027-02-28" "explicit: expires unless renewed"
expect_ok followup "$id3" 2027-01-01 continue
expect_eq "$(ov status "$id3" --json --date 2027-01-02 | json 'j["term_end"]')" "2027-02-28" "a follow-up is not a renewal"
expect_ok ov renew "$id3" --date 2027-02-01
expect_eq "$(ov status "$id3" --json --date 2027-02-01 | json 'j["term_end"]')" "2028-02-29" "renewed from 1 March: ends 29 February 2028"
expect_contains "$(ov log "$id3")" "renew: $id3 avtalet förnyas till och med 2028-02-29" "the renewal is logged"
expect_fail 5 "the term is already renewed until 2028-02-29" ov renew "$id3" --date 2027-02-02
expect_contains "$(ov show "$id3")" '<renewal date="2027-02-01" from="2027-02-28" to="2028-02-29"' "the renewal is recorded"
expect_fail 5 "the agreement expired on 2028-02-29 (its term was not renewed); close it with overens end $id3" ov renew "$id3" --date 2028-03-01
expect_eq "$(ov status "$id3" --json --date 2028-03-01 | json 'j["expired"]')" "True" "not renewed again: expired"
expect_ok git --git-dir="$WS/repo.git" fsck --strict
finish
