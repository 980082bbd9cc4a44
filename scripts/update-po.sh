#!/bin/sh
# Keeps the message catalogues in step with the sources.
#
#   sh scripts/update-po.sh           extract the messages of engine/, store/, web/
#                                     and cli/ into po/overens.pot and merge
#                                     them into every po/<lang>.po
#   sh scripts/update-po.sh --check   change nothing; fail when a catalogue is
#                                     out of date with the sources, has an
#                                     untranslated or fuzzy entry, or a
#                                     translation whose printf conversions
#                                     differ from its message id
#
# A message is everything in _("...") and N_("..."), the format of
# ov_error_set(), ov_error_vset() and ov_error_prefix() (error.c translates
# it when the error is set) and the format of store/repo.c's git_fail() and
# git_fail_as(), and the reason given to engine/base/date.c's period_error().
# After an update, translate the new entries in po/sv.po
# (those with an empty msgstr or marked "#, fuzzy", whose flag is then
# removed) and run the check again.  See README.md, "Translations".
set -eu
cd "$(dirname "$0")/.."
check=0
case "${1:-}" in
--check) check=1 ;;
"") ;;
*) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac
for tool in xgettext msgmerge msgfmt msgattrib msgcat; do
	command -v "$tool" >/dev/null ||
		{ echo "update-po: $tool not found (install gettext)" >&2; exit 2; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# The .pot of the sources as they are now.
find engine store cli web -name '*.[ch]' | LC_ALL=C sort >"$tmp/files"
xgettext --from-code=UTF-8 --language=C --sort-by-file --add-comments=TRANSLATORS: \
	--package-name=overens \
	--keyword=_ --keyword=N_ \
	--keyword=ov_error_set:2 --flag=ov_error_set:2:c-format \
	--keyword=ov_error_vset:2 --flag=ov_error_vset:2:c-format \
	--keyword=ov_error_prefix:1 --flag=ov_error_prefix:1:c-format \
	--keyword=git_fail:2 --flag=git_fail:2:c-format \
	--keyword=git_fail_as:2 --flag=git_fail_as:2:c-format \
	--keyword=period_error:2 \
	--files-from="$tmp/files" -o "$tmp/overens.pot" 2>"$tmp/xgettext.err" ||
	{ cat "$tmp/xgettext.err" >&2; exit 1; }

# The message ids of a catalogue, one a line, sorted (obsolete ones left out).
ids() {
	# A message that holds a newline spans several lines even unwrapped
	# ('msgid ""' and one line per part): each id is joined back into one.
	msgattrib --no-obsolete --no-wrap "$1" | msgcat --no-wrap --sort-output - |
		awk '/^msgid /	{ id = substr($0, 7); in_id = 1; next }
		     in_id && /^"/	{ id = id $0; next }
		     in_id	{ print id; in_id = 0 }' | grep -vx '""' || true
}

langs=$(grep -E '^[a-zA-Z_@]+$' po/LINGUAS)
if [ "$check" -eq 0 ]; then
	if [ -f po/overens.pot ] && [ "$(ids po/overens.pot)" = "$(ids "$tmp/overens.pot")" ]; then
		: # the same messages: keep the file and its date
	else
		cp "$tmp/overens.pot" po/overens.pot
	fi
	for lang in $langs; do
		msgmerge --quiet --update --backup=none --previous po/"$lang".po po/overens.pot
		msgattrib --no-obsolete -o po/"$lang".po po/"$lang".po
		echo "po/$lang.po: $(msgfmt --statistics -o /dev/null po/"$lang".po 2>&1)"
	done
	exit 0
fi

fail=0
ids "$tmp/overens.pot" >"$tmp/src.ids"
if ! ids po/overens.pot | cmp -s - "$tmp/src.ids"; then
	echo "po/overens.pot is out of date with the sources: run sh scripts/update-po.sh" >&2
	fail=1
fi
for lang in $langs; do
	po=po/$lang.po
	if ! ids "$po" | cmp -s - "$tmp/src.ids"; then
		echo "$po is out of date with the sources (messages added or gone):" >&2
		ids "$po" | diff - "$tmp/src.ids" | sed -n 's/^[<>]/ &/p' | head -20 >&2
		fail=1
	fi
	if ! msgfmt --check --check-format -o /dev/null "$po"; then
		fail=1
	fi
	stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$po" 2>&1 || true)
	case "$stats" in
	*untranslated* | *fuzzy*)
		echo "$po: ${stats%.}; these need a translation (or its fuzzy flag removed):" >&2
		msgattrib --only-fuzzy --no-obsolete --no-wrap "$po" | msgcat --no-wrap - |
			sed -n '/^msgid "/p' | sed 1d | head -20 >&2
		msgattrib --untranslated --no-obsolete --no-wrap "$po" | msgcat --no-wrap - |
			sed -n '/^msgid "/p' | sed 1d | head -20 >&2
		fail=1
		;;
	esac
	if sed -n '1,/^msgid ""$/p' "$po" | grep -q '^#,.*fuzzy'; then
		echo "$po: the header is marked fuzzy" >&2
		fail=1
	fi
done
[ "$fail" -eq 0 ] && echo "translations: every message of the sources is translated ($langs)"
exit "$fail"
