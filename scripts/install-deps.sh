#!/bin/sh
# Installs the Debian 12 packages Överens needs to build, run, test and
# package (icc-profiles-free for the sRGB profile of the PDF/A output intent;
# dpkg-dev, debhelper, lintian, fakeroot; man-db for man -l; the
# web interface's libmicrohttpd; Chromium, Node.js and npm for the browser
# tests, curl for the HTTP tests; apache2-utils, whose ab the load benchmark
# scripts/bench-web.sh uses; libp11 and p11-kit for signing with smart cards,
# with p11-kit's proxy module, SoftHSM2 and OpenSC's pkcs11-tool for the test
# that signs from a software token), and
# generates the Swedish locale (sv_SE.UTF-8) its messages are shown in.
# Does nothing when all is present; otherwise needs root (or sudo).
set -eu
PKGS="build-essential cmake pkg-config git libxml2-dev libxslt1-dev libsqlite3-dev
libgit2-dev libssl-dev libp11-dev libp11-kit-dev p11-kit-modules softhsm2 opensc libhpdf-dev libharfbuzz-dev zlib1g-dev fonts-dejavu-core icc-profiles-free poppler-utils qpdf
libnss3-tools python3 python3-icalendar openssl libxml2-utils xsltproc valgrind time clang libclang-rt-14-dev
libzip-dev libdeflate-dev libcurl4-openssl-dev gettext locales dpkg-dev debhelper lintian fakeroot man-db
libmicrohttpd-dev curl chromium nodejs apache2-utils"
# npm: Debian's package, unless the installed Node.js brings its own (as
# NodeSource's nodejs does; Debian's npm would conflict with it).
command -v npm >/dev/null 2>&1 || PKGS="$PKGS npm"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "Installing:$missing"
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# LANG=sv_SE.UTF-8 needs the locale generated (the tool falls back to
# C.UTF-8 with LANGUAGE=sv_SE when it is not, but other programs do not).
# Enable it in /etc/locale.gen and generate only what is missing.
if ! locale -a 2>/dev/null | grep -qix 'sv_SE.utf8'; then
	echo "Generating the locale sv_SE.UTF-8"
	if grep -q '^# *sv_SE.UTF-8 UTF-8' /etc/locale.gen; then
		$SUDO sed -i 's/^# *\(sv_SE.UTF-8 UTF-8\)/\1/' /etc/locale.gen
	elif ! grep -q '^sv_SE.UTF-8 UTF-8' /etc/locale.gen; then
		echo 'sv_SE.UTF-8 UTF-8' | $SUDO tee -a /etc/locale.gen >/dev/null
	fi
	$SUDO locale-gen --keep-existing
fi
