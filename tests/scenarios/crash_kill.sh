#!/bin/bash
# Writers killed with SIGKILL never leave a corrupt or half-written
# workspace.  First at each step of the write protocol (OVERENS_FAULT, see
# store/workspace.h): before main moves nothing is visible, after it the
# change is in git and the next open brings the index up to it.  Then 25
# writers killed at moments spread evenly over one write's time (measured
# first), from before it starts to after it ends: every writer that
# reported success kept its change, git stays sound, every change that
# reached git is in the index, and later writers are not blocked by lock
# files the dead ones (or a dead git) left.  Each writer is the overens
# process itself ($! is its pid), killed and waited for before anything is
# checked, so no writer outlives its turn.
. "$(dirname "$0")/../lib/scenario.sh"
GIT=(git --git-dir="$WS/repo.git")
setup_helsingborg
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
ov contact "$id" --with "Karin Ek" --date 2026-01-12 >/dev/null
ov --as lars.oberg@example.org decide "$id" --party krets --minutes "§ 3" --date 2026-01-20 >/dev/null
ov decide "$id" --party kommun --minutes "§ 4" --date 2026-01-21 >/dev/null
ov set "$id" behov.lokala x >/dev/null; ov set "$id" behov.kretsen x >/dev/null
ov set "$id" behov.kommunen x >/dev/null; ov needs "$id" --date 2026-01-22 >/dev/null
XML="agreements/${id: -2}/$id/agreement.xml"

# What the index says without opening the workspace (an open would repair it).
index_head() {
	python3 -c "import sqlite3,sys; print(sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
.execute(\"SELECT value FROM meta WHERE key = 'git_head'\").fetchone()[0])" "$WS/index.sqlite"
}
n_git() { "${GIT[@]}" log --format=%H --grep="^Agreement: $id" main | wc -l; }
n_index() { ov log "$id" --json | json 'len(j)'; }
in_git() { "${GIT[@]}" show "main:$XML" | grep -c "<item>$1</item>" || true; }

# --- a kill at each step of the write protocol ------------------------------------------

for point in txn-objects-written txn-tag-written txn-ref-moved txn-index-written; do
	head="$("${GIT[@]}" rev-parse main)"
	rc=0
	{ OVERENS_FAULT=$point "$OVERENS" -C "$WS" set "$id" kommunens-ataganden "vid $point" \
		>/dev/null 2>&1; } 2>/dev/null || rc=$?
	expect_eq "$rc" "137" "$point: the writer died of SIGKILL"
	case $point in
	txn-objects-written|txn-tag-written)
		expect_eq "$("${GIT[@]}" rev-parse main)" "$head" "$point: main did not move"
		expect_eq "$(in_git "vid $point")" "0" "$point: the change is not in git"
		expect_eq "$(index_head)" "$head" "$point: the index is where git is";;
	txn-ref-moved)
		expect_eq "$("${GIT[@]}" rev-parse main^)" "$head" "$point: main moved to the change"
		expect_eq "$(in_git "vid $point")" "1" "$point: the change is in git"
		expect_eq "$(index_head)" "$head" "$point: the index is still behind git";;
	txn-index-written)
		expect_eq "$("${GIT[@]}" rev-parse main^)" "$head" "$point: main moved to the change"
		expect_eq "$(index_head)" "$("${GIT[@]}" rev-parse main)" "$point: the index followed";;
	esac
	expect_ok git --git-dir="$WS/repo.git" fsck --strict
	expect_eq "$(n_index)" "$(n_git)" "$point: the next open sees every commit git has"
	expect_eq "$(index_head)" "$("${GIT[@]}" rev-parse main)" "$point: the index caught up"
done

# --- writers killed at moments spread over a whole write ----------------------------------

# One write timed first; the kills are spread evenly from 0 to 1.5 times it.
t0="$(date +%s%N)"
ov set "$id" kommunens-ataganden "mätning" >/dev/null
span=$((($(date +%s%N) - t0) * 3 / 2 / 1000)) # microseconds
ok=() killed=0
for i in $(seq 0 24); do
	"$OVERENS" -C "$WS" set "$id" kommunens-ataganden "punkt $i" >/dev/null 2>&1 &
	pid=$!
	us=$((span * i / 24))
	sleep "$((us / 1000000)).$(printf %06d $((us % 1000000)))"
	kill -9 "$pid" 2>/dev/null || true
	rc=0
	{ wait "$pid"; } 2>/dev/null || rc=$?
	case $rc in
	0) ok+=("$i");;
	137) killed=$((killed + 1));;
	*) fail "writer $i exited $rc (neither finished nor killed)";;
	esac
done
echo "writers: ${#ok[@]} finished, $killed killed"
lost=""
for i in "${ok[@]}"; do [ "$(in_git "punkt $i")" = 1 ] || lost="$lost $i"; done
expect_eq "$lost" "" "every writer that reported success has its change in git"
# A git writer that died holding main's lock: the next writer clears it.
"${GIT[@]}" rev-parse main > "$WS/repo.git/refs/heads/main.lock"
expect_ok ov set "$id" kommunens-ataganden "efteråt"
expect_eq "$(test -e "$WS/repo.git/refs/heads/main.lock" && echo left || echo gone)" "gone" \
	"the stale lock file is gone"
expect_ok git --git-dir="$WS/repo.git" fsck --strict
expect_eq "$(n_index)" "$(n_git)" "every commit that reached git is in the index"
expect_eq "$(ov show "$id" | grep -c '<item>')" "$("${GIT[@]}" show "main:$XML" | grep -c '<item>')" \
	"show reads what git holds"
views() { ov status "$id" --json --date 2026-02-01; ov log "$id" --json; ov list --json --date 2026-02-01; }
before="$(views)"
expect_ok ov reindex
expect_eq "$(views)" "$before" "index equals a rebuild from git"
expect_rc_fsck="$(ov fsck >/dev/null 2>&1; echo $?)"
expect_eq "$expect_rc_fsck" "0" "fsck finds nothing wrong after the kills"
finish
