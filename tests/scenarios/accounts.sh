#!/bin/bash
# Accounts and the registry through the tool: `person passwd` from a file,
# the environment or a terminal (asked twice), refusals that change nothing,
# the password kept in DIR/accounts (0600) and never in git; `person list`
# and `org list` as text and JSON; `org unit` recorded as an event the
# history audit accepts, and not copied into a new agreement's party.
. "$(dirname "$0")/../lib/scenario.sh"

setup_helsingborg
KARIN=karin.ek@example.org
printf 'ett långt lösenord\n' > "$T/pw"

# --- passwords ----------------------------------------------------------------
expect_eq "$(ov person passwd "$KARIN" --password-file "$T/pw")" \
	"Satte lösenordet för $KARIN" "password from a file"
expect_eq "$(stat -c %a "$WS/accounts")" "600" "accounts is the owner's alone"
line="$(grep "^$KARIN " "$WS/accounts")"
expect_contains "$line" "$KARIN scrypt\$15\$8\$1\$" "a scrypt line with its parameters"
hash="${line##*\$}"
expect_eq "${#hash}" "44" "a 32-byte key in base64"
log="$(git --git-dir="$WS/repo.git" log --all -p)"
CHECKS=$((CHECKS + 1))
case "$log" in *"$hash"* | *"ett långt lösenord"* | *scrypt*) fail "the password reached git";; esac
expect_eq "$(git --git-dir="$WS/repo.git" ls-tree -r --name-only main | grep -c accounts || true)" \
	"0" "no accounts file in git"

before="$(snapshot)"
accounts_before="$(cat "$WS/accounts")"
expect_fail 2 "must be 10 to 1024 bytes long, not 4" env OVERENS_PASSWORD=kort \
	"$OVERENS" -C "$WS" person passwd "$KARIN"
expect_fail 3 "nobody is registered as okand@example.se" \
	ov person passwd okand@example.se --password-file "$T/pw"
expect_fail 2 "a password is never given on the command line" \
	ov person passwd "$KARIN" --password hemligt-hemligt
expect_fail 2 "no password given: use --password-file FILE, OVERENS_PASSWORD or a terminal" \
	ov person passwd "$KARIN" </dev/null
expect_fail 2 "--remove takes no password" ov person passwd "$KARIN" --remove --password-file "$T/pw"
expect_fail 2 "'overens person passwd' does not take --roles" ov person passwd "$KARIN" --roles admin
expect_fail 2 "'person passwd' takes the person's e-mail address" ov person passwd
expect_fail 2 "give 'add', 'change', 'passwd' or 'list', not 'lösen'" ov person lösen "$KARIN"
expect_eq "$(cat "$WS/accounts")" "$accounts_before" "no refusal touched the accounts"
expect_eq "$(snapshot)" "$before" "no refusal wrote to git"

# From the environment, and asked twice on a terminal (a pseudo-terminal here).
expect_eq "$(OVERENS_PASSWORD='ett annat lösenord' ov person passwd granskare@example.se)" \
	"Satte lösenordet för granskare@example.se" "password from OVERENS_PASSWORD"
tty_passwd() { # ANSWER1 ANSWER2: runs person passwd for per.stahl on a terminal
	timeout 60 python3 - "$OVERENS" "$WS" "$1" "$2" <<'EOF' || echo "timed out or failed"
import os, pty, sys, time
prog, ws, a1, a2 = sys.argv[1:5]
pid, fd = pty.fork()
if pid == 0:
    os.environ.pop("OVERENS_PASSWORD", None)
    os.execv(prog, [prog, "-C", ws, "person", "passwd", "per.stahl@example.se"])
out = b""
def until(text):
    global out
    while text.encode() not in out:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            return
        if not chunk:
            return
        out += chunk
until("Nytt lösenord")
os.write(fd, (a1 + "\n").encode())
until("igen")
os.write(fd, (a2 + "\n").encode())
until("\n\n")
try:
    while True:
        chunk = os.read(fd, 1024)
        if not chunk:
            break
        out += chunk
except OSError:
    pass
_, status = os.waitpid(pid, 0)
text = out.decode()
print("echoed" if a1 in text else "quiet", os.waitstatus_to_exitcode(status))
print(text.replace("\r", ""))
EOF
}
out="$(tty_passwd 'tangentbordet-1' 'tangentbordet-2')"
expect_contains "$out" "quiet 2" "differing answers are refused, without echo"
expect_contains "$out" "the two passwords differ; nothing was changed" "and say why"
expect_eq "$(grep -c '^per.stahl@example.se ' "$WS/accounts" || true)" "0" "nothing was set"
out="$(tty_passwd 'tangentbordet-1' 'tangentbordet-1')"
expect_contains "$out" "quiet 0" "the same answer twice sets it, without echo"
expect_contains "$out" "Satte lösenordet för per.stahl@example.se" "and says so"

# --- person list ----------------------------------------------------------------
list="$(ov person list)"
expect_eq "$(printf '%s\n' "$list" | wc -l)" "5" "five people"
expect_eq "$(printf '%s\n' "$list" | head -1 | cut -d' ' -f1)" "asa.lindqvist@example.se" \
	"by e-mail address"
expect_contains "$list" "$KARIN  Karin Ek  Helsingborgs rödakorskrets (802002-8711)  official  [lösenord]" \
	"a person's line"
expect_eq "$(ov person list --json | json '[p["email"] for p in j if p["password"]]')" \
	"['granskare@example.se', '$KARIN', 'per.stahl@example.se']" "who has a password"
expect_eq "$(ov person list --json | json '[p for p in j if p["email"] == "lars.oberg@example.org"][0]')" \
	"{'email': 'lars.oberg@example.org', 'name': 'Lars Öberg', 'orgnr': '802002-8711', 'org': 'Helsingborgs rödakorskrets', 'roles': ['board', 'signatory'], 'units': [], 'password': False}" \
	"a person as JSON"

expect_eq "$(ov person passwd "$KARIN" --remove)" "Tog bort lösenordet för $KARIN" "--remove"
expect_fail 3 "$KARIN has no password" ov person passwd "$KARIN" --remove
expect_eq "$(ov person list --json | json '[p["password"] for p in j if p["email"] == "'$KARIN'"]')" \
	"[False]" "removed"

# --- organisations: units and the list -------------------------------------------
expect_eq "$(ov org unit 212000-0258 --name Socialtjänsten)" \
	"Registrerade enheten Socialtjänsten inom 212000-0258" "org unit"
expect_ok ov org unit 2120000258 --name "Överförmyndarnämnden"
before="$(snapshot)"
expect_fail 1 "organisation 212000-0258 already has a unit 'Socialtjänsten'" \
	ov org unit 212000-0258 --name Socialtjänsten
expect_fail 3 "organisation 802400-0013 is not registered" ov org unit 802400-0013 --name X
expect_fail 2 "a unit needs --name" ov org unit 212000-0258
expect_fail 2 "'overens org unit' does not take --title" ov org unit 212000-0258 --name X --title Y
expect_fail 2 "'org unit' takes the organisation number" ov org unit --name X
expect_fail 2 "'org list' takes no organisation number" ov org list 212000-0258
expect_eq "$(snapshot)" "$before" "no refusal wrote to git"
expect_contains "$(git --git-dir="$WS/repo.git" log -1 --format=%B main)" "Event: org-unit" \
	"the unit's commit names its event"

list="$(ov org list)"
expect_eq "$(printf '%s\n' "$list" | grep -v '^ ' | cut -c1-11 | tr '\n' ' ')" \
	"802002-8711 212000-0258 " "organisations by name"
expect_contains "$list" "  behörig tecknare: Per Ståhl, Förvaltningschef <per.stahl@example.se>" \
	"signatories listed"
expect_contains "$list" "  enhet: Överförmyndarnämnden" "units listed"
expect_eq "$(ov org list --json | json '[(o["orgnr"], o["kind"], len(o["signatories"]), o["units"]) for o in j]')" \
	"[('802002-8711', 'krets', 1, []), ('212000-0258', 'kommun', 1, ['Socialtjänsten', 'Överförmyndarnämnden'])]" \
	"organisations as JSON"

# The audit accepts the unit's commit; a new agreement's party is the whole organisation.
expect_report 0 "inga avvikelser" ov fsck
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
CHECKS=$((CHECKS + 1))
case "$(ov show "$id")" in *"<unit"*) fail "a unit was copied into the agreement";; esac
expect_report 0 "inga avvikelser" ov fsck

# --- bash completion: addresses and organisation numbers of the workspace --------
expect_eq "$(complete_words 5 -C "$WS" person passwd k)" "$KARIN" "completes an address"
expect_eq "$(complete_words 5 -C "$WS" org unit 2 | tr '\n' ' ')" "212000-0258 " \
	"completes an organisation number"
expect_eq "$(complete_words 2 person "" | tr '\n' ' ')" "add change passwd list " "person's sub-commands"

finish
