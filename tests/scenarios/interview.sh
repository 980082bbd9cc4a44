#!/bin/bash
# `overens interview` asks the current phase's questions on the terminal,
# shows what is already filled in, saves each answer as it goes (one commit
# each) and re-asks after an invalid answer.
. "$(dirname "$0")/../lib/scenario.sh"
setup_helsingborg
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
out="$(printf 'Karin Ek, kretsens lokala utvecklare\nVi träffades på anhörigcentret.\n' | ov interview "$id")"
expect_contains "$out" "Vem i den andra organisationen har ni haft kontakt med?" "first question"
expect_contains "$out" "Vad kom ni fram till vid det första mötet?" "second question"
expect_contains "$out" "2 svar sparade" "two answers saved"
xml="$(ov show "$id")"
expect_contains "$xml" "<with>Karin Ek, kretsens lokala utvecklare</with>" "answer saved"
expect_contains "$xml" "<notes>Vi träffades på anhörigcentret.</notes>" "answer saved"
# Already filled answers are shown; an empty line keeps them.
out="$(printf '\n\n' | ov interview "$id")"
expect_contains "$out" "Redan ifyllt: Karin Ek, kretsens lokala utvecklare" "shows filled value"
expect_contains "$out" "0 svar sparade" "nothing changed"
# In the assignment phase an invalid date is refused and asked again.
ov contact "$id" --date 2026-01-12 >/dev/null
ov --as lars.oberg@example.org decide "$id" --party krets --minutes "§ 1" --date 2026-01-20 >/dev/null
ov decide "$id" --party kommun --minutes "§ 2" --date 2026-01-21 >/dev/null
ov set "$id" behov.lokala x >/dev/null; ov set "$id" behov.kretsen x >/dev/null
ov set "$id" behov.kommunen x >/dev/null; ov needs "$id" --date 2026-01-22 >/dev/null
answers="$(printf 'Syfte\nVolontärer\nTvå grupper\nPå centret\nInget annat\nLokal\nFika\n\n3\nFika\n\nVarje termin\nKretsen\n2026-02-30\n2026-04-01\nHelsingborg\n')"
out="$(printf '%s\n' "$answers" | ov interview "$id")"
expect_contains "$out" "Inte sparat: avtalstid.start: invalid date '2026-02-30'" "invalid date refused"
expect_contains "$(ov show "$id")" 'start="2026-04-01"' "valid date saved after retry"
expect_eq "$(ov status "$id" --json | json 'sum(len(s["missing"]) for s in j["next_steps"])')" "0" "nothing missing"
finish
