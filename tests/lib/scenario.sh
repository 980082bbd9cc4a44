# scenario.sh - helpers for scenario tests that drive the real `overens` tool.
# Each scenario sources this, gets a fresh workspace in $WS and calls `ov`.
set -eu
: "${OVERENS:?the path of the overens binary}"
: "${OV_SOURCE_DIR:?the source folder}"
export OVERENS_DATA="${OVERENS_DATA:-$OV_SOURCE_DIR}"
unset OVERENS_DIR
T="$(mktemp -d "${TMPDIR:-/tmp}/ovscen.XXXXXX")"
WS="$T/ws"
trap 'rm -rf "$T"' EXIT
FAILS=0
CHECKS=0

ov() { "$OVERENS" -C "$WS" "$@"; }

fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }

# expect_ok CMD...: the command succeeds.
expect_ok() {
	CHECKS=$((CHECKS + 1))
	if ! out="$("$@" 2>&1)"; then fail "expected success: $* -> $out"; fi
}

# expect_fail CODE TEXT CMD...: exits with CODE and prints TEXT on stderr.
expect_fail() {
	code="$1"; text="$2"; shift 2
	CHECKS=$((CHECKS + 1))
	set +e
	err="$("$@" 2>&1 >/dev/null)"
	rc=$?
	set -e
	[ "$rc" -eq "$code" ] || fail "expected exit $code, got $rc: $* -> $err"
	case "$err" in *"$text"*) ;; *) fail "expected message '$text', got: $err";; esac
}

# expect_report CODE TEXT CMD...: exits with CODE and prints TEXT on stdout
# (verify and fsck print what is wrong in their report, not as an error).
expect_report() {
	local code="$1" text="$2" rc
	shift 2
	CHECKS=$((CHECKS + 1))
	set +e
	report="$("$@" 2>/dev/null)"
	rc=$?
	set -e
	[ "$rc" -eq "$code" ] || fail "expected exit $code, got $rc: $* -> $report"
	case "$report" in *"$text"*) ;; *) fail "expected report '$text', got: $report";; esac
}

# expect_eq ACTUAL EXPECTED WHAT
expect_eq() {
	CHECKS=$((CHECKS + 1))
	[ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
}

# expect_contains HAYSTACK NEEDLE WHAT
expect_contains() {
	CHECKS=$((CHECKS + 1))
	case "$1" in *"$2"*) ;; *) fail "$3: '$2' not found in: $1";; esac
}

# check_pdfa FILE WHAT: scripts/check-pdfa.py finds every PDF/A-3b
# requirement it tests met in FILE (the failed ones are in the message).
check_pdfa() {
	local out
	CHECKS=$((CHECKS + 1))
	if ! out="$(python3 "$OV_SOURCE_DIR/scripts/check-pdfa.py" --quiet "$1" 2>&1)"; then
		fail "PDF/A-3b: $2: $out"
	fi
}

# complete_words CWORD WORD...: what bash completion (_overens) offers for
# word CWORD of the command line WORD...
complete_words() { # CWORD WORD... : what _overens offers for word CWORD
	local cword="$1"
	shift
	(cd "$T" && bash -c 'source "$1"; shift; COMP_CWORD=$1; shift; COMP_WORDS=("$@");
		_overens; printf "%s\n" "${COMPREPLY[@]}"' _ "$OV_SOURCE_DIR/cli/completion/overens" \
		"$cword" "$OVERENS" "$@")
}

# json FILTER: evaluates a Python expression over the JSON on stdin (as j).
json() { python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"; }

# Snapshot of the tree and head: used to prove that a refusal wrote nothing.
snapshot() { git --git-dir="$WS/repo.git" rev-parse --verify -q main || echo none; }

finish() {
	echo "$((CHECKS - FAILS)) passed, $FAILS failed"
	[ "$FAILS" -eq 0 ]
}

# Registers the Helsingborg parties and people used by several scenarios.
setup_helsingborg() {
	"$OVERENS" init "$WS" >/dev/null
	ov config user.email asa.lindqvist@example.se
	ov org add --name "Helsingborgs rödakorskrets" --kind krets --orgnr 802002-8711 \
		--address "Drottninggatan 14, 252 21 Helsingborg" --contact "Karin Ek" \
		--contact-email karin.ek@example.org >/dev/null
	ov org add --name "Helsingborgs stad" --kind kommun --orgnr 212000-0258 \
		--address "Stortorget 17, 251 89 Helsingborg" --contact "Åsa Lindqvist" \
		--contact-email asa.lindqvist@example.se >/dev/null
	ov org signatory 802002-8711 --name "Lars Öberg" --title Ordförande \
		--email lars.oberg@example.org >/dev/null
	ov org signatory 212000-0258 --name "Per Ståhl" --title Förvaltningschef \
		--email per.stahl@example.se >/dev/null
	ov person add asa.lindqvist@example.se --name "Åsa Lindqvist" --org 212000-0258 \
		--roles official >/dev/null
	ov person add karin.ek@example.org --name "Karin Ek" --org 802002-8711 --roles official >/dev/null
	ov person add lars.oberg@example.org --name "Lars Öberg" --org 802002-8711 \
		--roles "board signatory" >/dev/null
	ov person add per.stahl@example.se --name "Per Ståhl" --org 212000-0258 \
		--roles "official signatory" >/dev/null
	ov person add granskare@example.se --name "Gun Granskare" --org 212000-0258 \
		--roles reviewer >/dev/null
}

# Registers the five Umeå parties (probation service, patients' board, social
# services, guardianship board, volunteers' association), each with one
# authorised signatory who is also an official, board and steering group
# member.  Sets the arrays roles, orgs, names and mails.
setup_umea() {
	"$OVERENS" init "$WS" >/dev/null
	ov config user.email eva@example.se
	_umea_org() { # orgnr kind name signatory email
		ov org add --name "$3" --kind "$2" --orgnr "$1" --address "Umeå" >/dev/null
		ov org signatory "$1" --name "$4" --title Chef --email "$5" >/dev/null
		ov person add "$5" --name "$4" --org "$1" --roles "official board signatory steering" \
			>/dev/null
	}
	_umea_org 202100-0068 myndighet "Kriminalvården, frivården Umeå" "Eva Frid" eva@example.se
	_umea_org 232100-0016 region "Patientnämnden Region Västerbotten" "Olof Nilsson" olof@example.se
	_umea_org 212000-2247 kommun "Umeå kommun, socialtjänsten" "Sara Berg" sara@example.se
	_umea_org 212000-2239 kommun "Överförmyndarnämnden i Umeå" "Nils Ås" nils@example.se
	_umea_org 802400-0013 förening "Föreningen Medmänniskor i Umeå" "Maja Öst" maja@example.se
	roles=(frivard patientnamnd socialtjanst overformyndare forening)
	orgs=(202100-0068 232100-0016 212000-2247 212000-2239 802400-0013)
	names=("Eva Frid" "Olof Nilsson" "Sara Berg" "Nils Ås" "Maja Öst")
	mails=(eva@example.se olof@example.se sara@example.se nils@example.se maja@example.se)
}

# Takes överenskommelse ID (its parties the first N of setup_umea's, N the
# second argument) from contact to active: every party decides, the needs
# and the assignment are filled in, the steering group approves, every
# party signs (dates in 2026, the term from 2026-04-01).  A third argument
# stops the signing after that many parties.
umea_to_active() {
	local id="$1" n="$2" signers="${3:-$2}" i
	ov contact "$id" --with "Verksamheterna" --date 2026-01-15 >/dev/null
	for ((i = 0; i < n; i++)); do
		ov --as "${mails[$i]}" decide "$id" --party "${roles[$i]}" --body styrelse \
			--minutes "§ $((i + 10))" --date "2026-02-0$((i + 1))" >/dev/null
	done
	ov set "$id" behov.lokala "Stöd till personer i frivården och under förvaltarskap."
	ov set "$id" behov.foreningen "Frivilliga kontaktpersoner."
	ov set "$id" behov.myndigheterna "Lokaler och handledning."
	ov set "$id" behov.mal "Fler meningsfulla kontakter."
	ov needs "$id" --date 2026-02-20 >/dev/null
	ov set "$id" bakgrund "Parterna vill samordna frivilliga insatser."
	ov set "$id" styrgrupp "${names[0]}"
	ov set "$id" uppdrag.vem "Föreningens frivilliga."
	ov set "$id" uppdrag.hur "Arbetsgruppen fördelar uppdragen."
	ov set "$id" uppdrag.ingar-inte "Myndighetsutövning."
	for ((i = 0; i < n; i++)); do ov set "$id" parternas-ataganden "Åtagande $((i + 1))"; done
	ov set "$id" foreningens-roll "Föreningen rekryterar och stöttar de frivilliga."
	ov set "$id" avtalstid.start 2026-04-01
	ov assign "$id" --date 2026-03-01 >/dev/null
	ov --as "${mails[0]}" step "$id" styrgrupp-godkanner --date 2026-03-02 >/dev/null
	for ((i = 0; i < signers; i++)); do
		ov --as "${mails[$i]}" sign "$id" --party "${roles[$i]}" --place Umeå \
			--date "2026-03-1$i" >/dev/null
	done
}
