#!/bin/bash
# Two processes change the same agreement at once: both succeed one after
# the other (the workspace lock and git's compare-and-swap on main), no
# change is lost, and the repository stays sound.
. "$(dirname "$0")/../lib/scenario.sh"
setup_helsingborg
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
ov contact "$id" --with "Karin Ek" --date 2026-01-12 >/dev/null
ov --as lars.oberg@example.org decide "$id" --party krets --minutes "§ 3" --date 2026-01-20 >/dev/null
ov decide "$id" --party kommun --minutes "§ 4" --date 2026-01-21 >/dev/null
ov set "$id" behov.lokala x >/dev/null; ov set "$id" behov.kretsen x >/dev/null
ov set "$id" behov.kommunen x >/dev/null; ov needs "$id" --date 2026-01-22 >/dev/null
head0="$(git --git-dir="$WS/repo.git" rev-list --count main)"

writer() {
	for i in $(seq 1 15); do
		ov --as "$1" set "$id" kommunens-ataganden "$2 $i" || echo "writer $2 failed at $i"
	done
}
writer asa.lindqvist@example.se A > "$T/a.out" 2>&1 &
writer karin.ek@example.org B > "$T/b.out" 2>&1 &
wait
expect_eq "$(cat "$T/a.out" "$T/b.out")" "" "no writer failed"
expect_eq "$(git --git-dir="$WS/repo.git" rev-list --count main)" "$((head0 + 30))" "30 commits"
xml="$(ov show "$id")"
expect_eq "$(echo "$xml" | grep -c '<item>[AB] [0-9]*</item>')" "30" "every item kept"
expect_eq "$(ov log "$id" --json | json 'len(j)')" \
	"$(git --git-dir="$WS/repo.git" log --format=%H --grep="^Agreement: $id" | wc -l)" "index saw all"
expect_ok git --git-dir="$WS/repo.git" fsck --strict
finish
