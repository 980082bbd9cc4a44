#!/bin/bash
# Bad input of every kind ends with a message naming the problem and the
# place, a non-zero exit and an unchanged workspace.
. "$(dirname "$0")/../lib/scenario.sh"

expect_fail 8 "no workspace in $WS" ov list
setup_helsingborg
id="$(ov new samverkansavtal --party krets=802002-8711 --party kommun=212000-0258 --date 2026-01-12)"
before="$(snapshot)"

expect_fail 2 "organisation number '802002-8712' has a wrong check digit" \
	ov org add --name X --kind krets --orgnr 802002-8712
expect_fail 2 "must be 10 digits" ov org add --name X --kind krets --orgnr 80200-28711
expect_fail 2 "unknown organisation kind 'klubb'" ov org add --name X --kind klubb --orgnr 802400-0013
expect_fail 3 "organisation 802400-0013 is not registered" \
	ov new samverkansavtal --party krets=802400-0013 --party kommun=212000-0258
expect_fail 2 "workflow samverkansavtal has no party role 'region'" \
	ov new samverkansavtal --party region=802002-8711 --party kommun=212000-0258
expect_fail 3 "no workflow 'okand'" ov new okand --party a=802002-8711 --party b=212000-0258
expect_fail 2 "invalid date" ov contact "$id" --with x --date 2026-13-01
expect_fail 3 "no agreement 2026-0099" ov status 2026-0099
expect_fail 4 "not registered in this workspace" ov --as nobody@example.se set "$id" behov.lokala x
expect_fail 2 "not valid UTF-8" ov set "$id" kontakt.med "$(printf 'a\001b')"

x() { printf '%s' "$2" > "$T/$1"; }
x xxe.xml '<?xml version="1.0"?>
<!DOCTYPE agreement [<!ENTITY s SYSTEM "file:///etc/passwd">]>
<agreement id="2026-0001" workflow="samverkansavtal" version="1"><title>&s;</title></agreement>'
expect_fail 2 "xxe.xml" ov import "$id" "$T/xxe.xml"
x bomb.xml '<?xml version="1.0"?>
<!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>
<agreement>&f;&f;&f;&f;&f;&f;&f;&f;</agreement>'
expect_fail 2 "bomb.xml" ov import "$id" "$T/bomb.xml"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<agreement>\n<title>\303\050</title>\n</agreement>' > "$T/utf8.xml"
expect_fail 2 "utf8.xml:3" ov import "$id" "$T/utf8.xml"
x broken.xml '<agreement id="2026-0001">
<title>Öppen tagg
</agreement>'
expect_fail 2 "broken.xml:3" ov import "$id" "$T/broken.xml"
x unknown.xml '<agreement id="2026-0001" workflow="samverkansavtal" version="1">
<title>T</title><kind>Samarbetsavtal</kind><state phase="kontakt" since="2026-01-12"/>
<okand>x</okand>
</agreement>'
expect_fail 2 "unknown.xml:3" ov import "$id" "$T/unknown.xml"
expect_eq "$(snapshot)" "$before" "nothing was written by any refusal"

# A good import round-trips through show.
ov show "$id" > "$T/export.xml"
sed -i 's#<title>[^<]*</title>#<title>Nytt namn på avtalet</title>#' "$T/export.xml"
expect_ok ov import "$id" "$T/export.xml"
expect_contains "$(ov show "$id")" "<title>Nytt namn på avtalet</title>" "import took the title"
finish
