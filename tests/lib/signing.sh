# signing.sh - helpers for the scenarios that sign: certificates made with
# openssl at run time, an agreement taken to signing, verify reports.
# Source after scenario.sh.  Sets what every signing scenario uses: the
# openssl profiles, the certificates folder (made), the git command of the
# workspace, the two Helsingborg signatories, and no password prompt ever
# (every signing call names its password source).
CNF="$OV_SOURCE_DIR/tests/fixtures/sign/openssl.cnf"
C="$T/certs"
GIT=(git --git-dir="$WS/repo.git")
LARS=lars.oberg@example.org
PER=per.stahl@example.se
export OVERENS_PASSWORD=
mkdir -p "$C"

# mkca NAME SUBJECT: a self-signed CA with its own `openssl ca` database.
mkca() {
	mkdir -p "$C/$1.db/newcerts"
	: > "$C/$1.db/index.txt"
	echo 1000 > "$C/$1.db/serial"
	OVT_CADIR="$C/$1.db" openssl req -x509 -new -newkey rsa:2048 -nodes -keyout "$C/$1.key" \
		-out "$C/$1.pem" -days 3650 -subj "$2" -config "$CNF" -extensions v3_ca 2>/dev/null ||
		{ echo "cannot make the CA $1" >&2; exit 1; }
}
# cert CA NAME SUBJECT PROFILE KEY [openssl ca options]: NAME.pem issued by CA
# for the P-256 key KEY.key (made when missing).
cert() {
	local ca=$1 n=$2 s=$3 p=$4 k=$5
	shift 5
	[ -f "$C/$k.key" ] || openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
		-out "$C/$k.key" 2>/dev/null
	OVT_CADIR="$C/$ca.db" openssl req -new -key "$C/$k.key" -out "$C/$n.csr" -subj "$s" \
		-config "$CNF"
	OVT_CADIR="$C/$ca.db" openssl ca -batch -config "$CNF" -in "$C/$n.csr" -out "$C/$n.pem" \
		-cert "$C/$ca.pem" -keyfile "$C/$ca.key" -extensions "$p" -notext "$@" 2>/dev/null ||
		{ echo "cannot make the certificate $n" >&2; exit 1; }
}
# two_signers: a CA ("ca") with Lars's and Per's certificates, each also as a
# PKCS#12 file ($C/lars.p12, $C/per.p12) with the password in $C/p.pass.
two_signers() {
	mkca ca '/C=SE/O=Överens scenariotest/CN=Scenario-CA'
	cert ca lars "/C=SE/O=Helsingborgs rödakorskrets/CN=Lars Öberg/emailAddress=$LARS" \
		v3_signer lars -days 30
	cert ca per "/C=SE/O=Helsingborgs stad/CN=Per Ståhl/emailAddress=$PER" v3_signer per -days 30
	for n in lars per; do
		openssl pkcs12 -export -inkey "$C/$n.key" -in "$C/$n.pem" -certfile "$C/ca.pem" \
			-out "$C/$n.p12" -passout pass:hemligt ||
			{ echo "cannot make $n.p12" >&2; exit 1; }
	done
	printf 'hemligt\n' > "$C/p.pass"
}

# to_signing ID: contact, both decisions, needs, assignment: phase signering.
to_signing() {
	ov contact "$1" --with "Karin Ek, lokal utvecklare" --date 2026-01-12 >/dev/null
	ov --as "$LARS" decide "$1" --party krets --body kretsstyrelse --minutes "§ 12" \
		--date 2026-02-10 >/dev/null
	ov decide "$1" --party kommun --body "vård- och omsorgsnämnden" --minutes "§ 34" \
		--date 2026-02-19 >/dev/null
	ov set "$1" behov.lokala "Anhöriga till personer med demenssjukdom saknar samtalsgrupper."
	ov set "$1" behov.kretsen "Utbildade samtalsledare."
	ov set "$1" behov.kommunen "Lokal och administration."
	ov needs "$1" --date 2026-02-26 >/dev/null
	ov set "$1" uppdrag.vem "Kretsens samtalsledare, två per grupp."
	ov set "$1" uppdrag.omfattning "Två grupper per termin."
	ov set "$1" uppdrag.hur "På anhörigcentret."
	ov set "$1" uppdrag.ingar-inte "Myndighetsutövning och omvårdnad."
	ov set "$1" ekonomi.kommunen "Lokal"
	ov set "$1" volontarer.samtalsledare 4
	ov set "$1" avtalstid.start 2026-04-01
	ov set "$1" ort Helsingborg
	ov assign "$1" --date 2026-03-10 >/dev/null
}
