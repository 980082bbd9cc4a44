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
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/dates.sh"
use_workflows
make_workflow halvar 'length="P1Y" renewal="tacit" period="P1Y" notice="P6M"'
make_workflow fast-halvar 'length="P1Y" renewal="fixed" notice="P6M"'
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
finish
