#!/bin/sh
# Checks that the layers only depend downwards:
#
#     engine/base  <-  store  <-  engine/{lifecycle,documents,signing,notify,export}  <-  web, cli
#
# - engine/base includes nothing of Överens but the public headers and itself;
# - store/ includes only engine/base and store;
# - the engine includes only store/workspace.h of the store, never cli/;
# - the clients (cli/, web/) include only the public headers in include/overens/
#   (and the tool web/web.h, the server it runs);
# - no SQL statement outside store/ (the index's typed functions are the door).
# Prints each offending line and exits 1 if there is one.
set -eu
cd "$(dirname "$0")/.."
fail=0
bad() { echo "layers: $1"; fail=1; }

# Our headers, whichever quotes name them (<store/index.h> resolves too).
inc() { grep -HnE '^#[[:space:]]*include[[:space:]]*["<](overens|engine|store|cli|web)/' "$@" 2>/dev/null || true; }

for hit in $(inc engine/base/*.[ch] | grep -vE '["<](overens|engine/base)/' | tr ' ' '~'); do
	bad "base must not include the layers above: $(echo "$hit" | tr '~' ' ')"
done
for hit in $(inc store/*.[ch] | grep -vE '["<](overens|engine/base|store)/' | tr ' ' '~'); do
	bad "the store must not include the engine or a client: $(echo "$hit" | tr '~' ' ')"
done
for hit in $(inc engine/lifecycle/*.[ch] engine/documents/*.[ch] engine/signing/*.[ch] engine/notify/*.[ch] engine/export/*.[ch] |
	grep -E '["<](store|cli)/' | grep -vE '["<]store/workspace\.h[">]' | tr ' ' '~'); do
	bad "the engine reaches the store only through store/workspace.h: $(echo "$hit" | tr '~' ' ')"
done
for hit in $(inc cli/*.[ch] | grep -vE '["<](overens|cli)/|["<]web/web\.h[">]' | tr ' ' '~'); do
	bad "a client uses only the public headers (include/overens/): $(echo "$hit" | tr '~' ' ')"
done
for hit in $(inc web/*.[ch] | grep -vE '["<](overens|web)/' | tr ' ' '~'); do
	bad "the web server uses only the public headers (include/overens/): $(echo "$hit" | tr '~' ' ')"
done
for hit in $(inc include/overens/*.h | grep -vE '["<]overens/' | tr ' ' '~'); do
	bad "a public header includes only public headers: $(echo "$hit" | tr '~' ' ')"
done
for hit in $(grep -EHn '"[[:space:]]*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|WITH|PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|VACUUM|ATTACH)[[:space:]]' \
	engine/*/*.c cli/*.c web/*.c 2>/dev/null | cut -d: -f1,2); do
	bad "SQL belongs in store/: $hit"
done
[ "$fail" -eq 0 ] && echo "layers: every include runs downwards; no SQL outside store/"
exit "$fail"
