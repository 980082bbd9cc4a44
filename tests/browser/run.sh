#!/bin/sh
# Runs browser tests (tests/browser/*.test.js, node's own test runner) in
# headless Chromium: run.sh TEST.test.js ...  Needs node (18 or later), the
# system's Chromium (/usr/bin/chromium, or $OV_CHROMIUM) and playwright-core
# in tests/browser/node_modules, which `npm ci` installs from
# package-lock.json when it is missing (one run at a time installs it).
# A missing node, npm or Chromium fails the test: these tests never skip.
# Environment from ctest: OVERENS, OVERENS_DATA, OV_BUILD_DIR, TMPDIR.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
chromium="${OV_CHROMIUM:-/usr/bin/chromium}"

fail() {
	echo "browser tests: $*" >&2
	exit 1
}

[ $# -gt 0 ] || fail "usage: run.sh TEST.test.js ..."
[ -n "${OVERENS:-}" ] && [ -x "$OVERENS" ] || fail "OVERENS must name the built overens tool"
command -v node >/dev/null 2>&1 ||
	fail "node is missing: install the Debian package nodejs (scripts/install-deps.sh does)"
major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$major" -ge 18 ] || fail "node $(node --version) is too old: playwright-core needs 18 or later"
[ -x "$chromium" ] ||
	fail "$chromium is missing: install the Debian package chromium (scripts/install-deps.sh does)"
command -v git >/dev/null 2>&1 || fail "git is missing"

if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
	command -v npm >/dev/null 2>&1 ||
		fail "npm is missing: install the Debian package npm (scripts/install-deps.sh does)"
	command -v flock >/dev/null 2>&1 || fail "flock (util-linux) is missing"
	# Two test runs at once (two build folders) share node_modules: one installs.
	(
		flock 9
		if [ ! -f "$here/node_modules/playwright-core/package.json" ]; then
			echo "browser tests: npm ci in $here"
			cd "$here" && npm ci --no-audit --no-fund >&2
		fi
	) 9>"$here/.npm-ci.lock" || fail "npm ci failed in $here"
fi

mkdir -p "${OV_BUILD_DIR:-${TMPDIR:-/tmp}}/browser-screenshots"
status=0
for t in "$@"; do
	node "$here/$t" || status=1
done
exit "$status"
