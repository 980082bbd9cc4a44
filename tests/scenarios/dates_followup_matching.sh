#!/bin/bash
# Issue 10, defect 2: a follow-up made early or late counts for its
# scheduled date.  Recorded on 2028-03-10 it satisfies the one due
# 2028-03-15 (which used to stay due); a late one satisfies its date too;
# one that falls in no open tolerance window is an extra follow-up.
# status and log show the match.
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/dates.sh"
setup_helsingborg

# Yearly follow-ups ten months after 2027-05-15: 2028-03-15, 2029-03-15, ...
id="$(activate samverkansavtal 2027-05-15)"
expect_eq "$(dates_of "$id" 2028-03-01 followup)" "2028-03-15 2029-03-15" "scheduled follow-ups"

# Five days early.
expect_ok followup "$id" 2028-03-10 continue
expect_eq "$(dates_of "$id" 2028-03-10 followup)" "2029-03-15" "2028-03-15 is no longer due"
expect_eq "$(ov due --date 2028-03-10 --within 30d --json | json 'len([d for d in j if d["kind"]=="followup"])')" "0" \
	"due no longer lists 2028-03-15"
expect_contains "$(ov status "$id" --date 2028-03-10)" "uppföljning 2028-03-10, för den planerade 2028-03-15" "status shows the match"
expect_contains "$(ov log "$id")" "followup: $id uppföljning 2028-03-10, för den planerade 2028-03-15, beslut: continue" "log shows the match"
expect_eq "$(git --git-dir="$WS/repo.git" log -1 --format=%B --grep='^Event: followup' | grep '^For:')" "For: 2028-03-15" "the commit's For: trailer"
expect_contains "$(ov show "$id")" '<followup date="2028-03-10" decision="continue" for="2028-03-15">' "the follow-up names its date"

# Another one three weeks later: 2028-03-15 is taken and 2029-03-15 is
# more than half a year away: it counts for nothing.
expect_ok followup "$id" 2028-04-01 continue
expect_contains "$(ov log "$id")" "uppföljning 2028-04-01, utöver de planerade" "an extra follow-up"
expect_eq "$(dates_of "$id" 2028-04-01 followup)" "2029-03-15" "the extra one does not satisfy 2029-03-15"

# Five weeks late: still the follow-up of 2029-03-15.
expect_ok followup "$id" 2029-04-20 continue
expect_contains "$(ov log "$id")" "uppföljning 2029-04-20, för den planerade 2029-03-15" "a late follow-up"
st="$(ov status "$id" --json --date 2030-04-01)"
expect_eq "$(echo "$st" | json '[(f["date"], f["planned"]) for f in j["followups"]]')" \
	"[('2028-03-10', '2028-03-15'), ('2028-04-01', None), ('2029-04-20', '2029-03-15'), (None, '2030-03-15')]" \
	"status: recorded follow-ups with their matches, then the open one"
expect_contains "$(ov status "$id" --date 2030-04-01)" "planerad 2030-03-15, inte gjord" "the open follow-up in text"
finish
