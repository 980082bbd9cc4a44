#!/bin/bash
# Issue 10, defect 3: one notice rule.  Notice given on day D with notice
# period P takes effect on D + P (month ends clamped); the deadline for a
# term ending E is the last day D with D + P <= E.  status, due and
# terminate use the same rule:
#   E 2030-02-28, P6M: deadline 2029-08-31 (it used to be shown as 2029-08-28);
#   E 2028-02-29, P1M: deadline 2028-01-31 (leap year).
# After the deadline a tacit term renews and the notice ends it inside the
# new period (D + P); a fixed term ends no later than its end (it used to
# end 2030-03-01, after the term).
# Two modes (<term notice-to>): "period", a running notice period (the model
# agreement's "en månads uppsägningstid": notice on the deadline 2027-02-28
# for a term ending 2027-03-31 ends it 2027-03-28), and "term-end" (notice
# by the deadline ends it at that term's end, 2027-03-31; after it, at the
# next term's end, or at the end of a term that does not renew).  The
# agreement keeps the mode it was made under.
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/dates.sh"
use_workflows
make_workflow halvar 'length="P1Y" renewal="tacit" period="P1Y" notice="P6M"'
make_workflow fast-halvar 'length="P1Y" renewal="fixed" notice="P6M"'
make_workflow till-slut 'length="P1Y" renewal="tacit" period="P1Y" notice="P1M" notice-to="term-end"'
make_workflow fast-till-slut 'length="P1Y" renewal="fixed" notice="P1M" notice-to="term-end"'
setup_helsingborg

# Tacit renewal, six months' notice, term 2029-03-01 .. 2030-02-28.
a="$(activate halvar 2029-03-01)"
expect_eq "$(dates_of "$a" 2029-03-01 notice | cut -d' ' -f1)" "2029-08-31" "status: the deadline is 2029-08-31"
expect_eq "$(ov due --date 2029-08-01 --within 1m --json | json '[d["date"] for d in j if d["kind"]=="notice"]')" \
	"['2029-08-31']" "due: the deadline is 2029-08-31"
b="$(activate halvar 2029-03-01)"
c="$(activate halvar 2029-03-01)"
expect_ok ov --as karin.ek@example.org terminate "$a" --party krets --date 2029-08-31
expect_eq "$(ov status "$a" --json --date 2029-08-31 | json 'j["term_end"]')" "2030-02-28" "notice on the deadline ends it at the term end"
expect_ok ov --as karin.ek@example.org terminate "$b" --party krets --date 2029-09-01
expect_eq "$(ov status "$b" --json --date 2029-09-01 | json 'j["term_end"]')" "2030-03-01" \
	"notice after the deadline: renewed, ends inside the new period"
expect_contains "$(ov log "$b")" "upphör 2030-03-01" "the log names the end"

# A fixed term, the same notice: never after the term's end.
f="$(activate fast-halvar 2029-03-01)"
expect_eq "$(dates_of "$f" 2029-03-01 expiry)" "2030-02-28" "a fixed term expires at its end"
expect_ok ov --as karin.ek@example.org terminate "$f" --party krets --date 2029-09-01
expect_eq "$(ov status "$f" --json --date 2029-09-01 | json 'j["term_end"]')" "2030-02-28" \
	"notice after a fixed term's deadline ends it at the term end, not 2030-03-01"
g="$(activate fast-halvar 2029-03-01)"
expect_ok ov --as karin.ek@example.org terminate "$g" --party krets --date 2029-05-15
expect_eq "$(ov status "$g" --json --date 2029-05-15 | json 'j["term_end"]')" "2029-11-15" "earlier notice ends it after six months"

# Leap year: the model agreement (one month), term 2027-03-01 .. 2028-02-29.
l="$(activate samverkansavtal 2027-03-01)"
expect_eq "$(dates_of "$l" 2027-03-01 notice | cut -d' ' -f1)" "2028-01-31" "leap year: the deadline is 2028-01-31"
expect_eq "$(dates_of "$l" 2027-03-01 term-end | cut -d' ' -f1)" "2028-02-29" "leap year: the term ends 2028-02-29"
expect_ok ov --as karin.ek@example.org terminate "$l" --party krets --date 2028-01-31
expect_eq "$(ov status "$l" --json --date 2028-01-31 | json 'j["term_end"]')" "2028-02-29" "notice on the deadline ends it on 29 February"
expect_fail 5 "runs until 2028-02-29" ov end "$l" --date 2028-02-28
# Month end: a term ending 30 April, one month: the deadline is 31 March.
m="$(activate samverkansavtal 2026-05-01)"
expect_eq "$(dates_of "$m" 2026-05-01 notice | cut -d' ' -f1)" "2027-03-31" "term ending 30 April: deadline 31 March"
# Immediate termination is unchanged.
expect_ok ov --as karin.ek@example.org terminate "$c" --party krets --immediate --reason "Avtalsbrott" --date 2029-06-10
expect_eq "$(ov status "$c" --json --date 2029-06-10 | json 'j["phase"]')" "avslutat" "immediate termination ends it"

# --- the two modes, term 2026-04-01 .. 2027-03-31, one month's notice, deadline 2027-02-28 ----
term_end_on() { ov status "$1" --json --date "$2" | json 'j["term_end"]'; }
p1="$(activate samverkansavtal 2026-04-01)"
p2="$(activate samverkansavtal 2026-04-01)"
t1="$(activate till-slut 2026-04-01)"
t2="$(activate till-slut 2026-04-01)"
t3="$(activate till-slut 2026-04-01)"
expect_contains "$(ov show "$p1")" 'notice-to="period"' "the model agreement: a running notice period"
expect_contains "$(ov show "$t1")" 'notice-to="term-end"' "the mode is copied into the agreement"
for id in "$p1" "$t1"; do
	expect_eq "$(dates_of "$id" 2026-04-01 notice | cut -d' ' -f1)" "2027-02-28" "$id: the deadline is 2027-02-28 in both modes"
done
expect_ok ov --as karin.ek@example.org terminate "$p1" --party krets --date 2027-02-28
expect_eq "$(term_end_on "$p1" 2027-02-28)" "2027-03-28" "period: notice on the deadline ends it 2027-03-28"
expect_contains "$(ov log "$p1")" "upphör 2027-03-28" "period: the log names the end"
expect_ok ov --as karin.ek@example.org terminate "$p2" --party krets --date 2027-03-01
expect_eq "$(term_end_on "$p2" 2027-03-01)" "2027-04-01" "period: a missed deadline costs one notice period"
# The workflow changes after the agreements were made: they keep their mode.
sed -i 's|notice-to="term-end"|notice-to="period"|' "$T/data/workflows/till-slut.xml"
expect_ok ov --as karin.ek@example.org terminate "$t1" --party krets --date 2027-02-28
expect_eq "$(term_end_on "$t1" 2027-02-28)" "2027-03-31" "term-end: notice on the deadline ends it at the term end"
expect_contains "$(ov log "$t1")" "upphör 2027-03-31" "term-end: the log names the end"
expect_ok ov --as karin.ek@example.org terminate "$t2" --party krets --date 2026-06-10
expect_eq "$(term_end_on "$t2" 2026-06-10)" "2027-03-31" "term-end: early notice also ends it at the term end"
expect_ok ov --as karin.ek@example.org terminate "$t3" --party krets --date 2027-03-01
expect_eq "$(term_end_on "$t3" 2027-03-01)" "2028-03-31" "term-end, tacit: after the deadline, the next term's end"
# A fixed term in term-end mode: never after the term.
f2="$(activate fast-till-slut 2026-04-01)"
expect_ok ov --as karin.ek@example.org terminate "$f2" --party krets --date 2027-03-15
expect_eq "$(term_end_on "$f2" 2027-03-15)" "2027-03-31" "term-end, fixed: after the deadline, still the term's end"
# Leap year in term-end mode: term 2027-03-01 .. 2028-02-29, deadline 2028-01-31.
l2="$(activate till-slut 2027-03-01)"
l3="$(activate till-slut 2027-03-01)"
expect_ok ov --as karin.ek@example.org terminate "$l2" --party krets --date 2028-01-31
expect_eq "$(term_end_on "$l2" 2028-01-31)" "2028-02-29" "term-end: on the leap-year deadline, 29 February"
expect_ok ov --as karin.ek@example.org terminate "$l3" --party krets --date 2028-02-01
expect_eq "$(term_end_on "$l3" 2028-02-01)" "2029-02-28" "term-end: a day late, the next term's end"
finish
