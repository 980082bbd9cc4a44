#!/bin/sh
# The main job: install what is missing, build, and run the demo — the
# Helsingborg agreement from first contact to an active, signed agreement
# and its yearly follow-up — in a fresh workspace (default: overens-demo),
# then the web interface on it (the URL and the demo logins are printed;
# stop it with Ctrl-C).  Set OVERENS_LISTEN=ADDR:PORT to listen elsewhere.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
dir="${1:-overens-demo}"
# Start afresh, but only ever remove an earlier demo workspace.
if [ -d "$dir/repo.git" ] && [ -d "$dir/demo-certifikat" ]; then
	rm -rf "$dir"
fi
exec ./build/overens demo "$dir" --serve --listen "${OVERENS_LISTEN:-127.0.0.1:8080}"
