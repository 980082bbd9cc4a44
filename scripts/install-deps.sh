#!/bin/sh
# Installs the Debian 12 packages Överens needs to build, run, test and
# package (dpkg-dev, debhelper, lintian, fakeroot; man-db for man -l).
# Does nothing when they are all present; otherwise needs root (or sudo).
set -eu
PKGS="build-essential cmake pkg-config git libxml2-dev libxslt1-dev libsqlite3-dev
libgit2-dev libssl-dev libhpdf-dev zlib1g-dev fonts-dejavu-core poppler-utils qpdf
libnss3-tools python3 python3-icalendar openssl libxml2-utils xsltproc valgrind time clang libclang-rt-14-dev
libcurl4-openssl-dev dpkg-dev debhelper lintian fakeroot man-db"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "Installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
