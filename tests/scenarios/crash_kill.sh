#!/bin/bash
# Writers killed at random moments (SIGKILL) never leave a corrupt or
# half-written workspace: git stays sound, every change that reached git is
# in the index after the next open, and later writers are not blocked by
# lock files the dead ones left.
. "$(dirname "$0")/../lib/scenario.sh"
setup_helsingborg
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
ov contact "$id" --with "Karin Ek" --date 2026-01-12 >/dev/null
ov --as lars.oberg@example.org decide "$id" --party krets --minutes "§ 3" --date 2026-01-20 >/dev/null
ov decide "$id" --party kommun --minutes "§ 4" --date 2026-01-21 >/dev/null
ov set "$id" behov.lokala x >/dev/null; ov set "$id" behov.kretsen x >/dev/null
ov set "$id" behov.kommunen x >/dev/null; ov needs "$id" --date 2026-01-22 >/dev/null

for i in $(seq 1 25); do
	ov set "$id" kommunens-ataganden "punkt $i" >/dev/null 2>&1 &
	pid=$!
	# Kill somewhere between start and finish (0 to ~40 ms).
	sleep "0.0$((RANDOM % 4))$((RANDOM % 10))"
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
done
# A writer after the massacre is not blocked by stale lock files.
expect_ok ov set "$id" kommunens-ataganden "efteråt"
expect_ok git --git-dir="$WS/repo.git" fsck --strict
views() { ov status "$id" --json --date 2026-02-01; ov log "$id" --json; ov list --json --date 2026-02-01; }
before="$(views)"
n_git="$(git --git-dir="$WS/repo.git" log --format=%H --grep="^Agreement: $id" | wc -l)"
expect_eq "$(ov log "$id" --json | json 'len(j)')" "$n_git" "every commit that reached git is in the index"
items_git="$(git --git-dir="$WS/repo.git" show "main:agreements/01/$id/agreement.xml" | grep -c '<item>')"
expect_eq "$(ov show "$id" | grep -c '<item>')" "$items_git" "show reads what git holds"
expect_ok ov reindex
expect_eq "$(views)" "$before" "index equals a rebuild from git"
finish
