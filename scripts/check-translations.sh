#!/usr/bin/env bash
# Fails when a translation is missing: runs lupdate over the sources into a copy of each .ts under
# resources/translations and counts the messages it leaves unfinished (new strings, or strings whose source text
# changed). Fix with `cmake --build build --target update_translations`, then translate what it marks unfinished.
set -euo pipefail
cd "$(dirname "$0")/.."
lupdate=${LUPDATE:-}
if [ -z "$lupdate" ]; then
    for candidate in /usr/lib/qt6/bin/lupdate "$(command -v lupdate6 || true)" "$(command -v lupdate || true)"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then lupdate=$candidate; break; fi
    done
fi
if [ -z "$lupdate" ]; then
    echo "check-translations: lupdate not found: install qt6-l10n-tools" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for ts in resources/translations/*.ts; do
    copy="$work/$(basename "$ts")"
    cp "$ts" "$copy"
    plural_only=()
    [ "$(basename "$ts")" = taskdeck_en.ts ] && plural_only=(-pluralonly) # English: only the plural forms
    "$lupdate" -silent -no-obsolete -locations none "${plural_only[@]}" -I core -I . core models ui app -ts "$copy" \
        2>"$work/lupdate.log" || {
        cat "$work/lupdate.log" >&2; exit 1; }
    total=$(grep -c '<message' "$copy" || true)
    unfinished=$(grep -c 'type="unfinished"' "$copy" || true)
    echo "$(basename "$ts"): $total messages, $unfinished unfinished"
    if [ "$unfinished" -ne 0 ]; then
        grep -B2 'type="unfinished"' "$copy" | grep '<source>' | sed 's/^ */  untranslated: /' >&2
        status=1
    fi
done
exit "$status"
