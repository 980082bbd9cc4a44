#!/bin/bash
# A term ends the day before the corresponding day start + P; when that day
# does not exist (it was clamped to the month's end), on the last day of
# that month.  A term starting on 29 February used to end a day short
# (2028-02-29 + P1Y gave 2029-02-27), and so did every renewal.  Renewals
# are computed from the start in one step: yearly from 2028-02-29 the terms
# end 2029-02-28, 2030-02-28, 2031-02-28, 2032-02-28, 2033-02-28.
# A `due` window near the end of the calendar stops at 9999-12-31 (it used
# to fail with "invalid date '0000-00-00'").
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/dates.sh"
use_workflows
make_workflow manad 'length="P1M" renewal="tacit" period="P1M" notice="P0D"'
make_workflow forny 'length="P1Y" renewal="explicit" period="P1Y" notice="P1M"'
setup_helsingborg

term_end_on() { ov status "$1" --json --date "$2" | json 'j["term_end"]'; }

# Tacit, yearly, from 29 February.
a="$(activate samverkansavtal 2028-02-29)"
expect_contains "$(ov show "$a")" 'end="2029-02-28"' "the first term ends 2029-02-28, not 2029-02-27"
expect_eq "$(term_end_on "$a" 2028-03-01)" "2029-02-28" "status: the first term"
expect_eq "$(term_end_on "$a" 2029-03-01)" "2030-02-28" "the first renewal"
expect_eq "$(term_end_on "$a" 2031-03-01)" "2032-02-28" "2032-02-29 exists: the day before"
expect_eq "$(term_end_on "$a" 2032-02-29)" "2033-02-28" "a new term starts on 29 February"
expect_eq "$(dates_of "$a" 2029-03-01 term-end)" "2030-02-28 2031-02-28" "renewals do not drift"
expect_eq "$(dates_of "$a" 2028-03-01 notice | cut -d' ' -f1)" "2029-01-31" "the deadline before 2029-02-28"

# Month ends: monthly terms from 31 January and from 30 January.
m="$(activate manad 2027-01-31)"
expect_eq "$(term_end_on "$m" 2027-02-01)" "2027-02-28" "2027-01-31 + P1M: 2027-02-28"
expect_eq "$(term_end_on "$m" 2027-03-01)" "2027-03-30" "the day before 2027-03-31"
expect_eq "$(term_end_on "$m" 2027-03-31)" "2027-04-30" "2027-04-31 does not exist"
n="$(activate manad 2027-01-30)"
expect_eq "$(term_end_on "$n" 2027-02-01)" "2027-02-28" "2027-01-30 + P1M: 2027-02-28"
o="$(activate manad 2027-03-01)"
expect_eq "$(term_end_on "$o" 2027-03-01)" "2027-03-31" "2027-03-01 + P1M: 2027-03-31"
p="$(activate samverkansavtal 2026-04-01)"
expect_eq "$(term_end_on "$p" 2026-04-01)" "2027-03-31" "2026-04-01 + P1Y: 2027-03-31"

# Explicit renewals from 29 February follow the same ends.
e="$(activate forny 2028-02-29)"
expect_eq "$(term_end_on "$e" 2028-03-01)" "2029-02-28" "explicit: the first term"
for y in 2029 2030 2031; do
	expect_ok ov renew "$e" --date "$y-01-15"
done
expect_eq "$(term_end_on "$e" 2031-01-15)" "2032-02-28" "explicit: the third renewal ends 2032-02-28"
expect_contains "$(ov log "$e")" "förnyas till och med 2032-02-28" "the log names it"

# due near the end of the calendar.
expect_ok ov due --date 9998-06-01 --within 2y
expect_contains "$(ov due --date 9998-06-01 --within 2y)" "9999-" "due lists dates up to 9999-12-31"
expect_eq "$(ov due --date 9998-06-01 --within 2y --json | json 'max(d["date"] for d in j) <= "9999-12-31"')" \
	"True" "no date after 9999-12-31"
expect_ok ov due --date 9999-12-31 --within 1d
finish
