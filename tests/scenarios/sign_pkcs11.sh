#!/bin/bash
# Signing with a key that never leaves a token: a SoftHSM2 token made in the
# test's folder stands for the municipality's smart card (an RSA key imported
# as PKCS#8, its certificate and the CA written to the token with
# pkcs11-tool), reached through --pkcs11 URI and --pkcs11-module.  Per Ståhl
# signs for kommun from the token, Lars Öberg for krets from a PKCS#12 file;
# `overens verify` and poppler's pdfsig must find both signatures as valid
# as two PKCS#12 signatures are.  Before that, the refusals: a PIN in the
# URI, a wrong PIN, a module that cannot be loaded, a URI matching no token
# or no key, a token certificate naming someone else; each leaves the git
# head as it was.
. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/signing.sh"

# softhsm2 (the module and softhsm2-util), opensc (pkcs11-tool) and
# p11-kit-modules (the proxy) come from scripts/install-deps.sh.
MODULE=/usr/lib/softhsm/libsofthsm2.so
PROXY="$(pkg-config --variable=proxy_module p11-kit-1)"
for need in softhsm2-util pkcs11-tool certutil pdfsig; do
	command -v "$need" >/dev/null || { echo "missing: $need (scripts/install-deps.sh)" >&2; exit 1; }
done
for need in "$MODULE" "$PROXY" /usr/share/p11-kit/modules/softhsm2.module; do
	[ -f "$need" ] || { echo "missing: $need (scripts/install-deps.sh)" >&2; exit 1; }
done

# --- certificates: Per's on an RSA key (as on a SITHS card), Lars's in PKCS#12

mkca ca '/C=SE/O=Överens scenariotest/CN=Scenario-CA'
LARS_DN="/C=SE/O=Helsingborgs rödakorskrets/CN=Lars Öberg/emailAddress=$LARS"
PER_DN="/C=SE/O=Helsingborgs stad/CN=Per Ståhl/emailAddress=$PER"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$C/per.key" 2>/dev/null
cert ca lars "$LARS_DN" v3_signer lars -days 30
cert ca per "$PER_DN" v3_signer per -days 30
cert ca gun '/C=SE/CN=Gun Granskare/emailAddress=granskare@example.se' v3_signer per -days 30
openssl pkcs12 -export -inkey "$C/lars.key" -in "$C/lars.pem" -certfile "$C/ca.pem" \
	-name "Lars Öberg" -out "$C/lars.p12" -passout pass:hemligt-lars
printf 'hemligt-lars\n' > "$C/lars.pass"
printf '4711\n' > "$C/pin"
printf '1234\n' > "$C/wrong-pin"
der() { openssl x509 -in "$C/$1.pem" -outform DER -out "$C/$1.der"; }

# --- the token ---------------------------------------------------------------------

export SOFTHSM2_CONF="$T/softhsm2.conf"
mkdir -p "$T/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' \
	"$T/tokens" > "$SOFTHSM2_CONF"
softhsm2-util --init-token --free --label Kommun --so-pin 87654321 --pin 4711 >/dev/null
openssl pkcs8 -topk8 -nocrypt -in "$C/per.key" -out "$C/per.p8"
softhsm2-util --import "$C/per.p8" --token Kommun --label signer --id 01 --pin 4711 >/dev/null
p11() { pkcs11-tool --module "$MODULE" --token-label Kommun --login --pin 4711 "$@" >/dev/null 2>&1; }
der per
der ca
der gun
p11 --write-object "$C/per.der" --type cert --label signer --id 01
p11 --write-object "$C/ca.der" --type cert --label Scenario-CA --id ca
# A second key whose certificate names someone else, and a key without one.
openssl pkcs8 -topk8 -nocrypt -in "$C/per.key" -out "$C/gun.p8"
softhsm2-util --import "$C/gun.p8" --token Kommun --label granskare --id 02 --pin 4711 >/dev/null
p11 --write-object "$C/gun.der" --type cert --label granskare --id 02
softhsm2-util --import "$C/per.p8" --token Kommun --label naken --id 03 --pin 4711 >/dev/null
expect_contains "$(pkcs11-tool --module "$MODULE" --token-label Kommun --login --pin 4711 -O 2>&1)" \
	"label:      signer" "the token holds the key and certificate 'signer'"

# --- the agreement -----------------------------------------------------------------------

setup_helsingborg
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 \
	--title "Samarbetsavtal om anhörigstöd" --date 2026-01-12)"
to_signing "$id"
ov trust add "$C/ca.pem" >/dev/null
URI='pkcs11:token=Kommun;object=signer'
sign_token() { # URI PINFILE [options]: Per signs for kommun from the token
	local uri=$1 pin=$2
	shift 2
	ov --as "$PER" sign "$id" --party kommun --pkcs11 "$uri" --pkcs11-module "$MODULE" \
		--password-file "$C/$pin" --date 2026-03-24 "$@"
}
head_is() { expect_eq "$(snapshot)" "$before" "$1: the git head is unchanged"; }

# --- refusals: nothing is written -------------------------------------------------------

before="$(snapshot)"
expect_fail 2 "a PIN is never given in the PKCS#11 URI (pin-value, pin-source): use the prompt" \
	sign_token "$URI;pin-value=4711" pin
case "$err" in *4711*) fail "the refusal repeats the PIN: $err";; esac
expect_fail 2 "a PIN is never given in the PKCS#11 URI" sign_token "$URI?pin-value=4711" pin
expect_fail 2 "a PIN is never given in the PKCS#11 URI" sign_token "$URI?pin-source=file:$C/pin" pin
expect_fail 2 "not a PKCS#11 URI" sign_token "token=Kommun" pin
expect_fail 2 "module-name is not used here: name the module with module-path or --pkcs11-module" \
	sign_token "$URI?module-name=softhsm2" pin
expect_fail 2 "the URI has an attribute this program does not know" sign_token "$URI;colour=red" pin
expect_fail 2 "the URI names neither a private key (type=private) nor a certificate" \
	sign_token "$URI;type=secret-key" pin
expect_fail 2 "give one of --p12, --key and --pkcs11" \
	ov --as "$PER" sign "$id" --party kommun --pkcs11 "$URI" --p12 "$C/lars.p12"
expect_fail 2 "--pkcs11-module goes with --pkcs11" \
	ov --as "$PER" sign "$id" --party kommun --p12 "$C/lars.p12" --pkcs11-module "$MODULE"
expect_fail 2 "wrong PIN for token \"Kommun\"" sign_token "$URI" wrong-pin
head_is "wrong PIN"
expect_fail 2 "fel PIN-kod för token \"Kommun\"" env LANG=sv_SE.UTF-8 LANGUAGE= LC_ALL= \
	"$OVERENS" -C "$WS" --as "$PER" sign "$id" --party kommun --pkcs11 "$URI" \
	--pkcs11-module "$MODULE" --password-file "$C/wrong-pin"
head_is "wrong PIN, in Swedish"
# Without a PIN from a file or the environment, it is asked for on the
# terminal (a pseudo-terminal here); without a terminal, the error says so
# (and so it does for an empty OVERENS_PASSWORD).
# on_terminal ANSWER CMD...: CMD on a pseudo-terminal, ANSWER typed once it
# asks for a PIN; prints what the terminal showed.
on_terminal() {
	python3 - "$@" <<'PY'
import os, pty, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
shown, answered, end = b'', False, time.time() + 60
while time.time() < end:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    shown += chunk
    if not answered and 'PIN för'.encode() in shown and shown.rstrip().endswith(b':'):
        os.write(fd, sys.argv[1].encode() + b'\n')
        answered = True
os.waitpid(pid, 0)
sys.stdout.write(shown.decode('utf-8', 'replace'))
PY
}
shown="$(on_terminal 0000 env -u OVERENS_PASSWORD "$OVERENS" -C "$WS" --as "$PER" sign "$id" \
	--party kommun --pkcs11 "$URI" --pkcs11-module "$MODULE")"
expect_contains "$shown" "PIN för $URI: " "the PIN is asked for on the terminal"
expect_contains "$shown" "wrong PIN for token \"Kommun\"" "the PIN typed is the one tried"
expect_fail 2 "token \"Kommun\" needs its PIN: give it at the prompt, with --password-file or in" \
	env -u OVERENS_PASSWORD setsid -w "$OVERENS" -C "$WS" --as "$PER" sign "$id" --party kommun \
	--pkcs11 "$URI" \
	--pkcs11-module "$MODULE"
head_is "no PIN"
expect_fail 3 "cannot load the PKCS#11 module $T/none.so: no such file" \
	ov --as "$PER" sign "$id" --party kommun --pkcs11 "$URI" --pkcs11-module "$T/none.so" \
	--password-file "$C/pin"
expect_fail 3 "cannot load the PKCS#11 module $C/pin: $C/pin: file too short" \
	ov --as "$PER" sign "$id" --party kommun --pkcs11 "$URI" --pkcs11-module "$C/pin" \
	--password-file "$C/pin"
expect_eq "$(grep -c . <<<"$err")" 1 "a module that is not one: one line says why"
LIBZ="$(ldconfig -p | awk '/libz\.so\.1 .*x86-64/ { print $NF; exit }')"
[ -f "$LIBZ" ] || LIBZ="$(ldconfig -p | awk '/libz\.so\.1 / { print $NF; exit }')"
expect_fail 2 "the PKCS#11 module's path is empty" \
	ov --as "$PER" sign "$id" --party kommun --pkcs11 "$URI" --pkcs11-module "" \
	--password-file "$C/pin"
expect_fail 3 "cannot load the PKCS#11 module $LIBZ: it is not a PKCS#11 module (no C_GetFunctionList)" \
	ov --as "$PER" sign "$id" --party kommun --pkcs11 "$URI" --pkcs11-module "$LIBZ" \
	--password-file "$C/pin"
expect_fail 3 "no token matches pkcs11:token=Region;object=signer (tokens present: \"Kommun\")" \
	sign_token 'pkcs11:token=Region;object=signer' pin
expect_fail 3 "no private key on token \"Kommun\" matches pkcs11:token=Kommun;object=rektor" \
	sign_token 'pkcs11:token=Kommun;object=rektor' pin
expect_fail 2 "3 private keys on token \"Kommun\" match pkcs11:token=Kommun" \
	sign_token 'pkcs11:token=Kommun' pin
expect_fail 3 "token \"Kommun\" has no certificate for the key \"naken\": give it with --cert FILE" \
	sign_token 'pkcs11:token=Kommun;object=naken' pin
# --cert gives the certificate of a key that has none on the token.
expect_fail 4 "the certificate names Gun Granskare <granskare@example.se>, not Per Ståhl" \
	sign_token 'pkcs11:token=Kommun;object=naken;type=private' pin --cert "$C/gun.pem"
expect_fail 4 "the certificate names Gun Granskare <granskare@example.se>, not Per Ståhl" \
	sign_token 'pkcs11:token=Kommun;object=granskare' pin
head_is "refused token signatures"
# Without --pkcs11-module or the setting, p11-kit's proxy finds the token
# through SoftHSM's registration with p11-kit.
expect_fail 3 "no token matches pkcs11:token=Region (tokens present: " \
	ov --as "$PER" sign "$id" --party kommun --pkcs11 'pkcs11:token=Region' \
	--password-file "$C/pin"
expect_contains "$err" '"Kommun"' "p11-kit's proxy finds the SoftHSM token"
# The setting names the module when the option does not.
expect_ok ov config sign.pkcs11-module "$T/none.so"
before="$(snapshot)"
expect_fail 3 "cannot load the PKCS#11 module $T/none.so" \
	ov --as "$PER" sign "$id" --party kommun --pkcs11 "$URI" --password-file "$C/pin"
head_is "a missing module from the setting"
expect_ok ov config sign.pkcs11-module "$MODULE"

# --- both sign: the token for kommun, PKCS#12 for krets ----------------------------

expect_ok ov --as "$LARS" sign "$id" --party krets --p12 "$C/lars.p12" \
	--password-file "$C/lars.pass" --date 2026-03-20
before="$(snapshot)"
# The key by its ID, the PIN from OVERENS_PASSWORD, the certificate and the
# CA certificate from the token.
expect_ok env OVERENS_PASSWORD=4711 "$OVERENS" -C "$WS" --as "$PER" sign "$id" --party kommun \
	--pkcs11 "pkcs11:token=Kommun;id=%01" --pkcs11-module "$MODULE" --date 2026-03-24
expect_contains "$out" "undertecknat digitalt för kommun" "the token signs for kommun"
expect_eq "$(ov status "$id" --json | json 'j["phase"]')" "aktivt" "both signed: in force"

# --- verified as two PKCS#12 signatures are ------------------------------------------

expect_ok ov verify "$id"
expect_eq "$(ov verify "$id" --json | json 'j["ok"], j["all_parties_signed"], len(j["signatures"])')" \
	"True True 2" "verify: both signatures valid, every party signed"
expect_eq "$(ov verify "$id" --json | json '[s["signer"] for s in j["signatures"]]')" \
	"['Lars Öberg', 'Per Ståhl']" "verify names both signers"
"${GIT[@]}" show "main:agreements/${id: -2}/$id/signed/v1.pdf" > "$T/signed.pdf"
mkdir -p "$T/nss"
certutil -N --empty-password -d "sql:$T/nss"
certutil -A -n ca -t "CT,C,C" -i "$C/ca.pem" -d "sql:$T/nss"
sig="$(pdfsig -nssdir "sql:$T/nss" "$T/signed.pdf" 2>&1 || true)"
expect_eq "$(grep -c 'Signature Validation: Signature is Valid.' <<<"$sig")" 2 "pdfsig: both valid"
expect_eq "$(grep -c 'Certificate Validation: Certificate is Trusted.' <<<"$sig")" 2 \
	"pdfsig: both certificates trusted"
expect_eq "$(grep -c 'Signature Type: ETSI.CAdES.detached' <<<"$sig")" 2 "pdfsig: both PAdES"
expect_contains "$sig" "Signer Certificate Common Name: Per Ståhl" "pdfsig: Per signed"
# Each CMS carries the signer's certificate and the CA's: Lars's from the
# PKCS#12 file, Per's both from the token.
cms_certs() { # the subjects of the certificates in each signature's CMS, a line each
	python3 - "$T/signed.pdf" "$T" <<'PY'
import re, subprocess, sys
pdf = open(sys.argv[1], 'rb').read()
for i, m in enumerate(re.finditer(rb'/Contents\s*<([0-9A-Fa-f]+)>', pdf)):
    der = bytes.fromhex(m.group(1).decode())
    n = der[1] & 0x7f  # a long-form length: n bytes follow
    size = 2 + n + int.from_bytes(der[2:2 + n], 'big')
    path = '%s/cms%d.der' % (sys.argv[2], i)
    open(path, 'wb').write(der[:size])
    out = subprocess.run(['openssl', 'pkcs7', '-inform', 'DER', '-in', path, '-print_certs',
                          '-noout'], capture_output=True, text=True).stdout
    print(' | '.join(l[len('subject='):] for l in out.splitlines() if l.startswith('subject=')))
PY
}
certs="$(cms_certs)"
expect_eq "$(wc -l <<<"$certs")" 2 "two signatures' CMS"
expect_contains "$(sed -n 2p <<<"$certs")" "emailAddress = $PER" "the token's signature: Per's certificate"
expect_contains "$(sed -n 2p <<<"$certs")" "CN = Scenario-CA" "the token's signature: the CA from the token"
expect_eq "$(sed -n 2p <<<"$certs" | tr '|' '\n' | wc -l)" 2 "the token's signature: two certificates"
expect_eq "$(sed -n 1p <<<"$certs" | tr '|' '\n' | wc -l)" 2 \
	"the PKCS#12 signature carries two certificates as well"

# --- bash completion ---------------------------------------------------------------------

expect_eq "$(complete_words 3 sign X --pk | tr '\n' ' ')" "--pkcs11 --pkcs11-module " \
	"completion offers --pkcs11 and --pkcs11-module"
expect_eq "$(complete_words 4 sign X --pkcs11-module "$T/softhsm2.c")" "$T/softhsm2.conf" \
	"completion offers files for --pkcs11-module"
finish
