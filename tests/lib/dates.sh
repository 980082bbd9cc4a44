# dates.sh - helpers for the scenarios of the date rules (tests/scenarios/dates_*.sh).
# Source after scenario.sh.

# use_workflows: the installed data with extra workflows made from the
# shipped samverkansavtal by make_workflow.
use_workflows() {
	mkdir -p "$T/data/workflows"
	ln -s "$OV_SOURCE_DIR/templates" "$T/data/templates"
	cp "$OV_SOURCE_DIR"/workflows/*.xml "$OV_SOURCE_DIR"/workflows/*.rng "$T/data/workflows/"
	cp -r "$OV_SOURCE_DIR/workflows/subjects" "$T/data/workflows/"
	export OVERENS_DATA="$T/data"
}

# make_workflow ID TERM: the samverkansavtal workflow as ID with <term TERM/>;
# an explicit renewal gets the step renew in the active phase.
make_workflow() {
	local renew=""
	case "$2" in *explicit*) renew='<step event="renew" roles="official board"/>';; esac
	sed -e "s|<workflow id=\"samverkansavtal\"|<workflow id=\"$1\"|" \
	    -e "s|<term [^>]*/>|<term $2/>|" \
	    -e "0,/<step event=\"amend\" to=\"andring\"/s||$renew&|" \
	    "$OV_SOURCE_DIR/workflows/samverkansavtal.xml" >"$T/data/workflows/$1.xml"
}

# activate WORKFLOW START [FOLLOWUPS]: a new Helsingborg agreement of WORKFLOW
# signed and active, its term starting START; prints its id.
activate() {
	local wf="$1" start="$2" fu="${3:-}" id
	id="$(ov new "$wf" --party krets=802002-8711 --party kommun=212000-0258 \
		--title "Avtal från $start" --date 2026-01-05)"
	ov contact "$id" --with "Karin Ek" --date 2026-01-05 >/dev/null
	ov --as lars.oberg@example.org decide "$id" --party krets --minutes "§ 1" --date 2026-01-06 >/dev/null
	ov decide "$id" --party kommun --minutes "§ 2" --date 2026-01-07 >/dev/null
	ov set "$id" behov.lokala x >/dev/null
	ov set "$id" behov.kretsen x >/dev/null
	ov set "$id" behov.kommunen x >/dev/null
	ov needs "$id" --date 2026-01-08 >/dev/null
	ov set "$id" uppdrag.vem "Kretsens volontärer" >/dev/null
	ov set "$id" uppdrag.omfattning "Två grupper" >/dev/null
	ov set "$id" uppdrag.hur "På centret" >/dev/null
	ov set "$id" uppdrag.ingar-inte "Omvårdnad" >/dev/null
	ov set "$id" ekonomi.kommunen Fika >/dev/null
	ov set "$id" avtalstid.start "$start" >/dev/null
	ov set "$id" ort Helsingborg >/dev/null
	[ -z "$fu" ] || ov set "$id" uppfoljning "$fu" >/dev/null
	ov assign "$id" --date 2026-01-09 >/dev/null
	ov --as lars.oberg@example.org sign "$id" --party krets --date 2026-01-10 >/dev/null
	ov --as per.stahl@example.se sign "$id" --party kommun --date 2026-01-11 >/dev/null
	echo "$id"
}

# followup ID DATE DECISION: a follow-up with every question answered.
followup() {
	ov followup "$1" --decision "$3" --answer andra=Nej --answer fortsatta=Ja \
		--answer malgrupp=Ja --answer mal=Ja --answer volontarer=Ja \
		--answer utbildning=Nej --date "$2"
}

# dates_of ID DATE KIND: the status dates of KIND as of DATE, space-separated.
dates_of() {
	ov status "$1" --json --date "$2" |
		json "' '.join(d['date'] for d in j['dates'] if d['kind']=='$3')"
}
